/*
 * csv.c — a small RFC 4180 reader and writer (see csv.h).  Pure functions.
 */
#include "core/csv.h"

#include <stdlib.h>
#include <string.h>

int
csv_read(struct csv *r, char ***fields, int *line, char **cause)
{
	struct buf f = { 0 };
	char **v = NULL;
	size_t n = 0;
	const char *p = r->p;

	*fields = NULL;
	if (*p == '\0')
		return 0;
	*line = r->line;
	for (;;) {
		buf_reset(&f);
		if (*p == '"') {
			p++;
			for (;;) {
				if (*p == '\0') {
					set_cause(cause, "line %d: a quoted field is "
					    "not closed", *line);
					buf_free(&f);
					strv_free(v, n);
					return -1;
				}
				if (*p == '"' && p[1] == '"') {
					buf_addc(&f, '"');
					p += 2;
				} else if (*p == '"') {
					p++;
					break;
				} else {
					if (*p == '\n')
						r->line++;
					buf_addc(&f, *p++);
				}
			}
		}
		while (*p != '\0' && *p != ',' && *p != '\n' && *p != '\r') {
			/* Text after a closing quote is kept as is. */
			buf_addc(&f, *p++);
		}
		v = xreallocarray(v, n + 1, sizeof *v);
		v[n++] = buf_take(&f);
		if (*p == ',') {
			p++;
			continue;
		}
		if (*p == '\r')
			p++;
		if (*p == '\n') {
			p++;
			r->line++;
		}
		break;
	}
	buf_free(&f);
	r->p = p;
	*fields = v;
	return (int)n;
}

void
csv_field(struct buf *b, const char *s)
{
	if (s == NULL)
		s = "";
	if (strpbrk(s, ",\"\r\n") == NULL && s[0] != ' ' && s[0] != '\0') {
		buf_adds(b, s);
		return;
	}
	if (s[0] == '\0')
		return;
	buf_addc(b, '"');
	for (; *s != '\0'; s++) {
		if (*s == '"')
			buf_addc(b, '"');
		buf_addc(b, *s);
	}
	buf_addc(b, '"');
}
