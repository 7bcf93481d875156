/*
 * json_pos.h — where things are in a JSON text, for messages that name a
 * line: cJSON keeps no positions, so an importer that wants to say "line
 * 4012: vlan: must be ..." scans the text once, beside the parse.
 *
 * One linear pass over the text (string- and depth-aware) records, for
 * each member of the top-level object in order, the line where each
 * element of its array starts (members that are not arrays get none), and
 * the first line where a string holds the escape \u0000 (cJSON would end
 * the value there without a word).
 *
 * Pure data; any thread.
 */
#ifndef OLTUI_JSON_POS_H
#define OLTUI_JSON_POS_H

#include <stddef.h>

struct json_member_lines {
	int	*line;		/* line of element i of the member's array */
	size_t	 n, cap;
};

struct json_pos {
	struct json_member_lines *member;	/* by position in the root object */
	size_t	 nmember;
	int	 nul_line;	/* first line with \u0000 in a string; 0 = none */
};

/* Scans text (NUL-terminated).  Always succeeds (an unfinished text just
   yields fewer entries); json_pos_free() releases. */
void json_pos_scan(const char *text, struct json_pos *out);
void json_pos_free(struct json_pos *p);
/* The line of element idx of root member m, or 1 when unknown. */
int json_pos_line(const struct json_pos *p, size_t m, size_t idx);

#endif
