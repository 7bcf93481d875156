/*
 * parse_time.h — the dates and times OLTs print, read as ISO 8601 (internal
 * to the vendor parsers; not a public contract).
 *
 * Forms read (a '.' fraction of a second is dropped):
 *   year first       2023-09-28 15:43:18   2023/09/28 15:43:18   2023.09.28
 *                    2023-09-28T15:43:18
 *   day/month first  28/09/2023 15:43:18   09/28/2023 15:43:18   28-09-2023
 *                    28.09.2023 (a year of four digits always)
 *   time first       15:43:18 28/09/2023   (ZTE "timestamp_write:")
 *   a zone after the time, written against it or as a word:
 *                    Z  +08:00  +0800  +08  -03:00  UTC  GMT  UTC+08:00
 *   a daylight-saving mark after that: " DST", "DST", " (DST)"
 * With a zone the result is UTC ("2023-09-28T07:43:18Z"; the printed offset
 * is taken as the one in force, DST included, and the mark is dropped);
 * without one it is the OLT's local time without a designator
 * ("2023-09-28T15:43:18").  A date alone gives "2023-09-28".  "-" and
 * all-zero dates ("0000-00-00 00:00:00") are a time that is not there (NULL).
 *
 * A date such as 05/06/2023 reads either way; which way is a property of
 * the whole output, decided once by pt_dates_scan (a first field above 12
 * in any date makes the output day-first, a second field above 12
 * month-first; a form the output declares, "DD/MM/YYYY" or "MM/DD/YYYY",
 * counts as such a date).  An output that never decides is read the
 * vendor's way, and says it assumed so (pr_date_order).  An output holding
 * both kinds is inconsistent: its ambiguous dates are not read.
 *
 * Pure; no global state; any thread.
 */
#ifndef OLTUI_PARSE_TIME_H
#define OLTUI_PARSE_TIME_H

#include <stddef.h>

#include "drivers/parse.h"

/* How one output's day/month dates read. */
struct pt_dates {
	enum pr_date_order order;	/* see parse.h */
};

/* Reads every date of text and decides how its day/month dates read;
   vendor_order (PR_DATES_DAY_FIRST or PR_DATES_MONTH_FIRST) is the
   vendor's way, used (and then reported as assumed) when text does not
   decide.  text may be NULL. */
void pt_dates_scan(struct pt_dates *d, const char *text,
    enum pr_date_order vendor_order);

/* Reads the date and time at *p (leading blanks skipped) in the way d
   decided; d NULL reads only dates that cannot be read two ways.
   Returns 1 and advances *p past the date, time, zone and DST mark when
   they are a time: *iso gets it as ISO 8601 (caller frees), or NULL for
   "-", an all-zero date, or a day/month date the output leaves undecided.
   Returns 0 and leaves *p and *iso alone when *p holds no time. */
int pt_read(const struct pt_dates *d, const char **p, char **iso);

/* The time at the start of s (a "Label : value" value), or NULL when
   there is none or it does not read (see pt_read).  Caller frees. */
char *pt_value(const struct pt_dates *d, const char *s);

/* Sets *cause to say that the text at is not a time the parsers read,
   quoting its first words and naming where it was (e.g. "in the Last
   UpTime column of ONT 3"), and returns -1. */
int pt_unreadable(char **cause, const char *at, const char *where);

#endif
