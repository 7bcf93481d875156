/*
 * json_pos.c — element lines of a JSON text's top-level arrays, in one
 * pass (json_pos.h).  The old importer searched from the start of the text
 * for every element, which made a 200,000-row import quadratic.
 */
#include "core/json_pos.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "lib/util.h"

/* Records line for root member m. */
static void
add_line(struct json_pos *p, size_t m, int line)
{
	struct json_member_lines *ml;

	if (m >= p->nmember) {
		p->member = xrealloc(p->member, (m + 1) * sizeof *p->member);
		memset(p->member + p->nmember, 0, (m + 1 - p->nmember) * sizeof *p->member);
		p->nmember = m + 1;
	}
	ml = &p->member[m];
	if (ml->n == ml->cap) {
		ml->cap = ml->cap == 0 ? 64 : ml->cap * 2;
		ml->line = xrealloc(ml->line, ml->cap * sizeof *ml->line);
	}
	ml->line[ml->n++] = line;
}

/* Skips the string at *s (on its opening quote), counting lines and
   noting a \u0000 escape; leaves *s after the closing quote. */
static void
skip_string(const char **s, int *line, int *nul_line)
{
	const char *q = *s + 1;

	for (; *q != '\0' && *q != '"'; q++) {
		if (*q == '\n')
			(*line)++;
		if (*q != '\\' || q[1] == '\0')
			continue;
		if (q[1] == 'u' && strncmp(q + 2, "0000", 4) == 0 && *nul_line == 0)
			*nul_line = *line;
		q++;
	}
	*s = *q == '"' ? q + 1 : q;
}

void
json_pos_scan(const char *text, struct json_pos *out)
{
	const char *s = text;
	int line = 1, depth = 0;
	size_t member = 0;		/* root members seen so far */
	bool in_array = false;		/* walking a root member's array (depth 2) */
	bool want_elem = false;		/* the next value at depth 2 starts an element */
	bool want_key = true;		/* at depth 1, the next string is a key */

	memset(out, 0, sizeof *out);
	while (*s != '\0') {
		char c = *s;

		if (depth == 2 && in_array && want_elem && !isspace((unsigned char)c) &&
		    c != ',' && c != ']') {
			add_line(out, member - 1, line);
			want_elem = false;
		}
		if (c == '"') {
			if (depth == 1 && want_key) {
				member++;
				want_key = false;
			}
			skip_string(&s, &line, &out->nul_line);
			continue;
		}
		switch (c) {
		case '\n':
			line++;
			break;
		case '{':
		case '[':
			depth++;
			if (depth == 2 && c == '[' && member > 0) {
				in_array = true;
				want_elem = true;
			}
			break;
		case '}':
		case ']':
			if (depth == 2)
				in_array = false;
			depth--;
			break;
		case ',':
			if (depth == 1)
				want_key = true;
			else if (depth == 2 && in_array)
				want_elem = true;
			break;
		default:
			break;
		}
		s++;
	}
}

void
json_pos_free(struct json_pos *p)
{
	for (size_t i = 0; i < p->nmember; i++)
		free(p->member[i].line);
	free(p->member);
	memset(p, 0, sizeof *p);
}

int
json_pos_line(const struct json_pos *p, size_t m, size_t idx)
{
	if (m >= p->nmember || idx >= p->member[m].n)
		return 1;
	return p->member[m].line[idx];
}
