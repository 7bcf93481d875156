/*
 * parse_util.h — helpers shared by the vendor parsers (internal to the
 * vendor parsers; not a public contract).
 *
 * Lines, "Label : value" pairs, header-keyed columns, numbers with units,
 * F/S/P tokens, times and state words.  All pure; no global state.
 */
#ifndef OLTUI_PARSE_UTIL_H
#define OLTUI_PARSE_UTIL_H

#include <stdbool.h>
#include <stddef.h>

#include "drivers/parse.h"

#define PU_MAXCOLS 16

/* The lines of a text, each right-trimmed; free with pu_lines_free(). */
struct pu_lines { char **v; size_t n; };
void pu_lines_split(const char *text, struct pu_lines *l);
void pu_lines_free(struct pu_lines *l);

/* Number of leading blanks. */
size_t pu_indent(const char *s);
/* True for an empty or all-blank line. */
bool pu_blank(const char *s);
/* True for a rule: only '-' (at least 5), '=' and blanks. */
bool pu_rule(const char *s);

/* Splits "  Label   : value" at the first ':'.  Copies the trimmed label
   into key (truncated to keysz), sets *val to the trimmed value inside
   line and *valcol to its column.  False if there is no ':' or no label. */
bool pu_kv(const char *line, char *key, size_t keysz, const char **val,
    size_t *valcol);
/* Case-insensitive label comparison that ignores blanks. */
bool pu_key_is(const char *key, const char *want);

/* Columns found in a header line by their labels. */
struct pu_cols {
	size_t		 n;			/* labels found */
	int		 id[PU_MAXCOLS];	/* index into the caller's labels */
	size_t		 start[PU_MAXCOLS];	/* column of each label */
};
/* Finds the labels (each one or more words, matched case-insensitively as
   whole words, in any order) in line; returns how many were found. */
size_t pu_header(const char *line, const char *const *labels, size_t nlabels,
    struct pu_cols *c);
/* Splits a row into whitespace-separated tokens and assigns each to a
   column: in order when there are exactly as many tokens as columns, else
   to the column whose label starts nearest to the token.  fields[id] gets
   an allocated string or stays NULL; free with pu_fields_free().  Tokens
   past the last column are appended to it with one blank. */
void pu_row(const char *row, const struct pu_cols *c, size_t nlabels,
    char **fields);
void pu_fields_free(char **fields, size_t n);

/* Whitespace tokens of s: allocated array of allocated strings; starts[]
   (optional, PU_MAXCOLS*4 long at most used) gets each token's column. */
size_t pu_tokens(const char *s, char ***tok, size_t *starts, size_t maxstarts);

/* A number at the start of s ("-24.68", "-20.241(dbm)", "1033m"); NAN for
   "-", "N/A", "no signal", "" and anything without a leading number. */
double pu_num(const char *s);
/* A whole number at the start of s, or PR_NONE. */
long pu_long(const char *s);

/* Rewrites F/S/P tokens printed with inner blanks ("0/ 1/0", "0/0 /1")
   into "0/1/0" in place, padding with blanks so columns keep their place. */
void pu_fix_fsp(char *line);
/* True if s (up to a blank, ',' or end) is d/d/d; copies it to out. */
bool pu_fsp(const char *s, char *out, size_t outsz);

/* A time read by itself, without its output (parse_time.h): any form
   parse_time.h reads, a day/month date only when it cannot read two ways;
   NULL for "-", all-zero dates and anything else.  A parser that has its
   whole output reads times with pt_dates_scan + pt_read / pt_value
   instead.  Caller frees. */
char *pu_time(const char *s);

/* Maps Run/Phase state words (any case, '-' and '_' ignored). */
enum ont_status pu_status(const char *s);
/* "enable"/"enabled"/"active" -> enabled, "disable"/"deactivated" ... */
enum ont_admin pu_admin(const char *s);

/* Seconds in "20 day(s), 23 hour(s), 19 minute(s), 16 second(s)",
   "42 day 21 hour 29 minute 41 second", "10 days, 9 hours, 14 minutes",
   "127h 56m 21s"; PR_NONE when no unit is found. */
long pu_duration(const char *s);

/* Duplicates s, or NULL for NULL, "" and "-". */
char *pu_dup(const char *s);

/* Sets *dst to pu_dup(v) unless *dst is already set (first label wins). */
void pu_set_once(char **dst, const char *v);

/* Huawei device error lines ("Failure: ...", "% Unknown command ...",
   "Incorrect command", login refusals), a wrapped continuation joined:
   pu_hw_error returns the words (caller frees) or NULL; pu_hw_fail sets
   *cause to "the OLT answered: <words>", or to expected when there is no
   error line, and returns -1. */
char *pu_hw_error(const struct pu_lines *l);
bool pu_hw_has_error(const struct pu_lines *l);
int pu_hw_fail(const struct pu_lines *l, char **cause, const char *expected);

#endif
