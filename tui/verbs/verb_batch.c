/*
 * verb_batch.c — reading a batch file's "SN [ONT-ID]" lines (see
 * verb_batch.h).  A line is everything up to a newline, whatever its
 * length; words are split on blanks, tabs and CR; a serial is any printed
 * form sn_normalize() reads; the first bad line stops the reading and is
 * named with its number.  A serial is quoted in the message only when it
 * is short clean text: the message goes to a terminal.
 */
#include "tui/verbs/verb_batch.h"

#include <stdlib.h>
#include <string.h>

#include "core/ops.h"
#include "lib/sn.h"
#include "lib/text.h"
#include "lib/util.h"

/* Reads one line (NUL-terminated, newline dropped) into *lines; 0, or -1
   with *cause. */
static int
batch_line(char *line, size_t lineno, const char *name, struct op_batch_line **lines,
    size_t *n, char **cause)
{
	char *tok[3], *save = NULL, sn[SN_LEN + 1];
	size_t nt = 0;
	long id = -1;

	for (char *p = strtok_r(line, " \t\r\n", &save); p != NULL && nt < 3;
	    p = strtok_r(NULL, " \t\r\n", &save))
		tok[nt++] = p;
	if (nt == 0 || tok[0][0] == '#')
		return 0;
	if (sn_normalize(tok[0], sn) != 0) {
		set_cause(cause, "%s line %zu: '%s' is not a GPON serial "
		    "(HWTC1A2B3C4D or 16 hex digits)", name, lineno,
		    strlen(tok[0]) <= 32 ? text_shown(tok[0]) : "?");
		return -1;
	}
	if (nt == 3 || (nt == 2 && parse_long(tok[1], 0, 255, &id) != 0)) {
		set_cause(cause, "%s line %zu: \"SN [ONT-ID]\" with an id 0-255",
		    name, lineno);
		return -1;
	}
	*lines = xreallocarray(*lines, *n + 1, sizeof **lines);
	strlcpy_((*lines)[*n].sn, sn, sizeof (*lines)[*n].sn);
	(*lines)[*n].ont_id = (int)id;
	(*lines)[(*n)++].lineno = lineno;
	return 0;
}

int
verb_batch_parse(const char *text, size_t len, const char *name,
    struct op_batch_line **lines, size_t *n, char **cause)
{
	size_t at = 0, lineno = 0;
	int rc = 0;

	*lines = NULL;
	*n = 0;
	while (rc == 0 && at < len) {
		const char *nl = memchr(text + at, '\n', len - at);
		size_t ll = nl != NULL ? (size_t)(nl - (text + at)) : len - at;
		char *line;

		lineno++;
		if (memchr(text + at, '\0', ll) != NULL) {
			set_cause(cause, "%s line %zu: holds a NUL byte (is it a "
			    "text file?)", name, lineno);
			rc = -1;
			break;
		}
		line = xstrndup(text + at, ll);
		rc = batch_line(line, lineno, name, lines, n, cause);
		free(line);
		at += ll + (nl != NULL ? 1 : 0);
	}
	if (rc == 0 && *n == 0) {
		set_cause(cause, "%s: no \"SN [ONT-ID]\" line", name);
		rc = -1;
	}
	if (rc != 0) {
		free(*lines);
		*lines = NULL;
		*n = 0;
	}
	return rc;
}
