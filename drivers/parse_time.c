/*
 * parse_time.c — the dates and times OLTs print (see parse_time.h).
 *
 * One scanner reads a date at a position (scan_date: three numbers with one
 * separator, a four-digit year first or last), another a clock (scan_clock),
 * and pt_read puts them together with a zone and a DST mark.  pt_dates_scan
 * runs scan_date over a whole output once, before its parser reads a single
 * field, so every date of the output is read the same way: a parser never
 * decides the order from the one row it is on.
 *
 * A date is only taken where it starts a word (not after a letter, a digit,
 * '/', '-' or '.') and ends one, so "1/2/1:1", "0/1/0" and versions such as
 * "V1.2.10.2023" are never dates.  Everything is bounded: numbers stop at a
 * few digits, scans stop at the terminating NUL.  Pure; any thread.
 */
#include "drivers/parse_time.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "lib/util.h"

/* The three fields of a date as printed, before its order is known. */
struct rawdate {
	int	 a, b, c;	/* the numbers in printed order */
	bool	 year_first;	/* a is a four-digit year */
	bool	 zero;		/* all zero: "0000-00-00" */
	size_t	 len;		/* bytes the date took */
};

/* Declared forms: the output saying how it writes its dates. */
static const struct {
	const char		*form;
	enum pr_date_order	 order;
} declared[] = {
	{ "DD/MM/YYYY", PR_DATES_DAY_FIRST },
	{ "DD-MM-YYYY", PR_DATES_DAY_FIRST },
	{ "DD.MM.YYYY", PR_DATES_DAY_FIRST },
	{ "MM/DD/YYYY", PR_DATES_MONTH_FIRST },
	{ "MM-DD-YYYY", PR_DATES_MONTH_FIRST },
	{ "MM.DD.YYYY", PR_DATES_MONTH_FIRST },
};

/* Reads up to max digits at s; returns how many (0: none), the value in
   *v.  More digits than max make it no number (returns 0). */
static size_t
digits(const char *s, size_t max, int *v)
{
	size_t n = 0;

	*v = 0;
	while (isdigit((unsigned char)s[n]) && n < max)
		*v = *v * 10 + (s[n++] - '0');
	if (isdigit((unsigned char)s[n]))
		return 0;
	return n;
}

/* True if c may follow a date or a time: a word ends there. */
static bool
word_end(char c)
{
	return c == '\0' || isspace((unsigned char)c) || c == ',' || c == ';' ||
	    c == ')' || c == ']';
}

/* Reads a date at s: Y-M-D with a four-digit year first, or two fields of
   one or two digits and a four-digit year last; the separator is one of
   '-', '/', '.' and the same twice.  Does not judge the values. */
static bool
scan_date(const char *s, struct rawdate *r)
{
	size_t n1, n2, n3, i;
	char sep;

	memset(r, 0, sizeof *r);
	if ((n1 = digits(s, 4, &r->a)) == 0)
		return false;
	sep = s[n1];
	if (sep != '-' && sep != '/' && sep != '.')
		return false;
	i = n1 + 1;
	if ((n2 = digits(s + i, 2, &r->b)) == 0 || s[i + n2] != sep)
		return false;
	i += n2 + 1;
	if ((n3 = digits(s + i, 4, &r->c)) == 0)
		return false;
	i += n3;
	if (n1 == 4 && n3 <= 2)
		r->year_first = true;
	else if (n1 > 2 || n3 != 4)
		return false;
	/* a date ends a word, or runs into its clock ("...T15:43:18") */
	if (!word_end(s[i]) && s[i] != 'T')
		return false;
	r->zero = r->a == 0 && r->b == 0 && r->c == 0;
	r->len = i;
	return true;
}

/* Days in month m of year y. */
static int
month_days(int y, int m)
{
	static const int d[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return d[m - 1];
}

/* True if y-m-d is a day of the calendar. */
static bool
valid_day(int y, int m, int d)
{
	return y > 0 && m >= 1 && m <= 12 && d >= 1 && d <= month_days(y, m);
}

/* Which order a day/month date shows by itself: DAY_FIRST when only that
   reading is a date, MONTH_FIRST likewise, NONE when both are (or it is
   year first), CONFLICT when neither is. */
static enum pr_date_order
date_shows(const struct rawdate *r)
{
	bool dm, md;

	if (r->year_first || r->zero)
		return PR_DATES_NONE;
	dm = valid_day(r->c, r->b, r->a);
	md = valid_day(r->c, r->a, r->b);
	if (dm && md)
		return PR_DATES_NONE;
	if (dm)
		return PR_DATES_DAY_FIRST;
	if (md)
		return PR_DATES_MONTH_FIRST;
	return PR_DATES_CONFLICT;
}

/* Decides the output's order; see parse_time.h. */
void
pt_dates_scan(struct pt_dates *d, const char *text,
    enum pr_date_order vendor_order)
{
	bool day = false, month = false, ambiguous = false;

	d->order = PR_DATES_NONE;
	if (text == NULL)
		return;
	for (size_t i = 0; text[i] != '\0'; i++) {
		struct rawdate r;

		/* a word starts here: not inside a number, a port or a version */
		if (i > 0 && (isalnum((unsigned char)text[i - 1]) ||
		    strchr("/-.", text[i - 1]) != NULL))
			continue;
		for (size_t k = 0; k < nitems(declared); k++)
			if (strncasecmp(text + i, declared[k].form,
			    strlen(declared[k].form)) == 0) {
				if (declared[k].order == PR_DATES_DAY_FIRST)
					day = true;
				else
					month = true;
			}
		if (!isdigit((unsigned char)text[i]) || !scan_date(text + i, &r))
			continue;
		switch (date_shows(&r)) {
		case PR_DATES_DAY_FIRST:
			day = true;
			break;
		case PR_DATES_MONTH_FIRST:
			month = true;
			break;
		case PR_DATES_NONE:
			if (!r.year_first && !r.zero)
				ambiguous = true;
			break;
		default:	/* not a date either way: read as nothing */
			break;
		}
		i += r.len - 1;
	}
	if (day && month)
		d->order = PR_DATES_CONFLICT;
	else if (day)
		d->order = PR_DATES_DAY_FIRST;
	else if (month)
		d->order = PR_DATES_MONTH_FIRST;
	else if (ambiguous)
		d->order = vendor_order == PR_DATES_MONTH_FIRST ?
		    PR_DATES_ASSUMED_MONTH_FIRST : PR_DATES_ASSUMED_DAY_FIRST;
}

/* Reads H:MM[:SS[.fraction]] at s; returns the bytes taken, 0 if none. */
static size_t
scan_clock(const char *s, int *h, int *mi, int *se)
{
	size_t n, i;

	*se = 0;
	if ((n = digits(s, 2, h)) == 0 || s[n] != ':')
		return 0;
	i = n + 1;
	if (digits(s + i, 2, mi) != 2)
		return 0;
	i += 2;
	if (s[i] == ':' && digits(s + i + 1, 2, se) == 2) {
		i += 3;
		if (s[i] == '.' && isdigit((unsigned char)s[i + 1]))
			for (i++; isdigit((unsigned char)s[i]); i++)
				;
	}
	if (*h > 23 || *mi > 59 || *se > 60)
		return 0;
	return i;
}

/* Reads an offset "+08:00", "+0800", "+08", "-03:00" at s (no blank
   before it); returns the bytes taken and the offset in minutes. */
static size_t
scan_offset(const char *s, int *minutes)
{
	int h, m = 0, sign;
	size_t n, i;

	if (s[0] != '+' && s[0] != '-')
		return 0;
	sign = s[0] == '+' ? 1 : -1;
	n = digits(s + 1, 4, &h);
	if (n == 4) {
		m = h % 100;
		h /= 100;
		i = 5;
	} else if (n == 1 || n == 2) {
		i = 1 + n;
		if (s[i] == ':' && digits(s + i + 1, 2, &m) == 2)
			i += 3;
	} else {
		return 0;
	}
	if (h > 14 || m > 59)
		return 0;
	*minutes = sign * (h * 60 + m);
	return i;
}

/* True if s starts with the word w (case-insensitive) ending a word or
   running into an offset ("GMT+08:00"). */
static bool
word_at(const char *s, const char *w)
{
	size_t n = strlen(w);

	return strncasecmp(s, w, n) == 0 && (word_end(s[n]) || s[n] == '+' ||
	    s[n] == '-');
}

/* Reads what may follow a clock: a zone (against it, or a word after a
   blank) and a DST mark.  Returns the bytes taken; *has_zone and *minutes
   say the zone. */
static size_t
scan_zone(const char *s, bool *has_zone, int *minutes)
{
	size_t i = 0, n, b;

	*has_zone = false;
	*minutes = 0;
	if (s[0] == 'Z' && word_end(s[1])) {
		*has_zone = true;
		i = 1;
	} else if ((n = scan_offset(s, minutes)) > 0) {
		*has_zone = true;
		i = n;
	} else {
		for (b = 0; s[b] == ' '; b++)
			;
		if (b > 0 && (word_at(s + b, "UTC") || word_at(s + b, "GMT"))) {
			*has_zone = true;
			i = b + 3;
			i += scan_offset(s + i, minutes);
		}
	}
	/* the DST mark: the offset already says the time in force */
	for (b = i; s[b] == ' '; b++)
		;
	if (strncmp(s + b, "DST", 3) == 0 && word_end(s[b + 3]))
		i = b + 3;
	else if (strncmp(s + b, "(DST)", 5) == 0 && word_end(s[b + 5]))
		i = b + 5;
	return i;
}

/* Puts y, m, d in place from a printed date in the way the output reads;
   false when this date does not read (undecided, or not a day). */
static bool
date_fields(const struct pt_dates *d, const struct rawdate *r, int *y, int *m,
    int *day)
{
	enum pr_date_order by = d != NULL ? d->order : PR_DATES_NONE;
	enum pr_date_order self;

	if (r->year_first) {
		*y = r->a, *m = r->b, *day = r->c;
		return valid_day(*y, *m, *day);
	}
	self = date_shows(r);
	if (self == PR_DATES_CONFLICT)
		return false;
	if (self == PR_DATES_NONE) {
		/* reads both ways: the output's order says which */
		if (by == PR_DATES_DAY_FIRST || by == PR_DATES_ASSUMED_DAY_FIRST)
			self = PR_DATES_DAY_FIRST;
		else if (by == PR_DATES_MONTH_FIRST ||
		    by == PR_DATES_ASSUMED_MONTH_FIRST)
			self = PR_DATES_MONTH_FIRST;
		else
			return false;	/* undecided or conflicting */
	}
	*y = r->c;
	*m = self == PR_DATES_DAY_FIRST ? r->b : r->a;
	*day = self == PR_DATES_DAY_FIRST ? r->a : r->b;
	return true;
}

/* Reads a date and time at *p; see parse_time.h. */
int
pt_read(const struct pt_dates *d, const char **p, char **iso)
{
	const char *s = *p, *q;
	struct rawdate r;
	int y = 0, m = 0, day = 0, h = 0, mi = 0, se = 0, off = 0;
	bool clock = false, zone = false, ok;
	size_t n;

	while (*s == ' ' || *s == '\t')
		s++;
	if (*s == '-' && word_end(s[1])) {
		*iso = NULL;
		*p = s + 1;
		return 1;
	}
	q = s;
	if (scan_date(q, &r)) {
		q += r.len;
		if (*q == 'T' || *q == ' ') {
			const char *c = *q == 'T' ? q + 1 : q;

			while (*c == ' ')
				c++;
			if ((n = scan_clock(c, &h, &mi, &se)) > 0)
				q = c + n, clock = true;
		}
	} else if ((n = scan_clock(q, &h, &mi, &se)) > 0) {
		/* the time first, then the date */
		const char *c = q + n;

		while (*c == ' ')
			c++;
		if (!scan_date(c, &r))
			return 0;
		q = c + r.len;
		clock = true;
	} else {
		return 0;
	}
	if (clock) {
		q += scan_zone(q, &zone, &off);
	}
	if (!word_end(*q))
		return 0;
	*p = q;
	*iso = NULL;
	if (r.zero)
		return 1;
	ok = date_fields(d, &r, &y, &m, &day);
	if (!ok)
		return 1;	/* a date, but not one that reads */
	if (!clock)
		*iso = xasprintf("%04d-%02d-%02d", y, m, day);
	else if (!zone)
		*iso = xasprintf("%04d-%02d-%02dT%02d:%02d:%02d", y, m, day, h,
		    mi, se);
	else {
		char tmp[40], out[32];
		int64_t t;

		snprintf(tmp, sizeof tmp, "%04d-%02d-%02d %02d:%02d:%02d", y, m,
		    day, h, mi, se);
		if (parse_datetime(tmp, &t) != 0)
			return 1;
		iso8601(t - (int64_t)off * 60, out);
		*iso = xstrdup(out);
	}
	return 1;
}

/* The time at the start of a value, or NULL. */
char *
pt_value(const struct pt_dates *d, const char *s)
{
	char *iso = NULL;

	if (s == NULL || pt_read(d, &s, &iso) == 0)
		return NULL;
	return iso;
}

/* Says that the text at is not a readable time; see parse_time.h. */
int
pt_unreadable(char **cause, const char *at, const char *where)
{
	size_t n = 0, words = 0;

	while (*at == ' ' || *at == '\t')
		at++;
	/* a date and time is two or three words: quote four at most */
	while (at[n] != '\0' && at[n] != '\n' && n < 40) {
		if (isspace((unsigned char)at[n]) &&
		    !isspace((unsigned char)at[n + 1]) && ++words == 4)
			break;
		n++;
	}
	while (n > 0 && isspace((unsigned char)at[n - 1]))
		n--;
	set_cause(cause, "cannot read the time \"%.*s\" %s: a date and time "
	    "such as 2023-09-28 15:43:18, 28/09/2023 15:43:18 or 09/28/2023 "
	    "15:43:18 was expected", (int)n, at, where);
	return -1;
}
