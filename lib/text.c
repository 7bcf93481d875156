/*
 * text.c — UTF-8 and control-character checks for everything oltui stores
 * or shows (text.h).
 */
#include "lib/text.h"

#include <stdio.h>
#include <string.h>

#include "lib/util.h"

/* Decodes the UTF-8 sequence at s: its length (1-4) and *cp, or 0 when the
   bytes there are not valid UTF-8 (overlong, surrogate, past U+10FFFF,
   truncated). */
static size_t
utf8_decode(const unsigned char *s, unsigned long *cp)
{
	unsigned long c;
	size_t n;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		n = 2;
		c = s[0] & 0x1fu;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		n = 3;
		c = s[0] & 0x0fu;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		n = 4;
		c = s[0] & 0x07u;
	} else {
		return 0;
	}
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3fu);
	}
	if ((n == 3 && c < 0x800) || (n == 4 && (c < 0x10000 || c > 0x10ffff)) ||
	    (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return n;
}

/* True for the characters that reorder what a terminal shows. */
static bool
reorders(unsigned long c)
{
	return (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) ||
	    c == 0x200e || c == 0x200f || c == 0x061c;
}

const char *
text_problem(const char *s)
{
	static _Thread_local char phrase[64];
	const unsigned char *p = (const unsigned char *)s;

	while (*p != '\0') {
		unsigned long c;
		size_t n = utf8_decode(p, &c);

		if (n == 0)
			return "invalid UTF-8";
		if (c < 0x20 || c == 0x7f)
			return "a control character (tab, line break, escape)";
		if (c >= 0x80 && c <= 0x9f) {
			snprintf(phrase, sizeof phrase, "a C1 control character "
			    "(U+%04lX)", c);
			return phrase;
		}
		if (reorders(c)) {
			snprintf(phrase, sizeof phrase, "a character that reorders "
			    "text (U+%04lX)", c);
			return phrase;
		}
		p += n;
	}
	return NULL;
}

/* Cleans s in place (text_sanitize), keeping LF when keep_lf. */
static char *
sanitize(char *s, bool keep_lf)
{
	unsigned char *r = (unsigned char *)s, *w = r;

	while (*r != '\0') {
		unsigned long c;
		size_t n = utf8_decode(r, &c);

		if (n == 0) {
			*w++ = '?';
			r++;
		} else if ((c < 0x20 || c == 0x7f) && !(keep_lf && c == '\n')) {
			*w++ = ' ';
			r++;
		} else if ((c >= 0x80 && c <= 0x9f) || reorders(c)) {
			*w++ = '?';
			r += n;
		} else {
			memmove(w, r, n);
			w += n;
			r += n;
		}
	}
	*w = '\0';
	return s;
}

char *
text_sanitize(char *s)
{
	return sanitize(s, false);
}

char *
text_sanitize_lines(char *s)
{
	return sanitize(s, true);
}

bool
text_is_clean(const char *s, bool lf_ok)
{
	const unsigned char *p = (const unsigned char *)s;

	while (*p != '\0') {
		unsigned long c;
		size_t n;

		if (*p >= 0x20 && *p < 0x7f) {		/* the common case */
			p++;
			continue;
		}
		if ((n = utf8_decode(p, &c)) == 0)
			return false;
		if ((c < 0x20 || c == 0x7f) && !(lf_ok && c == '\n'))
			return false;
		if ((c >= 0x80 && c <= 0x9f) || reorders(c))
			return false;
		p += n;
	}
	return true;
}

const char *
text_shown(const char *s)
{
	return s != NULL && text_is_clean(s, false) ? s : "?";
}

int
text_check(const char *label, const char *s, char **cause)
{
	const char *bad = text_problem(s);

	if (bad == NULL)
		return 0;
	set_cause(cause, "%s: holds %s; only printable UTF-8 text is allowed", label, bad);
	return -1;
}

char *
text_cut(char *s, size_t max)
{
	size_t n = strlen(s);

	if (n <= max)
		return s;
	/* Back up over continuation bytes to the start of the cut sequence. */
	while (max > 0 && ((unsigned char)s[max] & 0xc0) == 0x80)
		max--;
	s[max] = '\0';
	return s;
}
