/*
 * csv.h — reading and writing RFC 4180 CSV, for import and export.
 *
 * Fields are separated by ',', a field may be quoted with '"' (a quote
 * inside is doubled) and then may hold commas and line breaks.  CRLF and LF
 * both end a record.  Line numbers count physical lines, so an error can
 * point at the line a spreadsheet shows.
 */
#ifndef OLTUI_CSV_H
#define OLTUI_CSV_H

#include <stddef.h>

#include "lib/util.h"

struct csv {
	const char	*p;		/* next byte to read */
	int		 line;		/* physical line of p, from 1 */
};

/* Reads one record at r->p.  Returns the number of fields (>= 1) and an
   allocated array of allocated strings in *fields (free with strv_free),
   0 at the end of input, or -1 and a cause for an unterminated quote.
   *line is set to the line the record starts on. */
int csv_read(struct csv *r, char ***fields, int *line, char **cause);

/* Appends s to b as one CSV field (quoted when needed). */
void csv_field(struct buf *b, const char *s);

#endif
