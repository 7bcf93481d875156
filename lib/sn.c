/*
 * sn.c — GPON serial number normalisation (see sn.h).
 *
 * Used by every parser that reads an SN, and by provisioning code that must
 * compare an SN a technician typed with one an OLT printed.
 */
#include "lib/sn.h"

#include <ctype.h>
#include <string.h>

#include "lib/util.h"

/* True if c may be a vendor-id character (the ITU field is ASCII; real
   vendors use upper-case letters and digits). */
static bool
vendor_char(int c)
{
	return isupper(c) || isdigit(c);
}

/* Value of hex digit c, or -1. */
static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = toupper(c);
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Checks 4 vendor characters + 8 hex digits at s and writes the canonical
   form; s need not be terminated after 12 characters. */
static int
from_12(const char *s, char out[SN_LEN + 1])
{
	for (int i = 0; i < 4; i++)
		if (!isalnum((unsigned char)s[i]))
			return -1;
	for (int i = 4; i < 12; i++)
		if (hexval((unsigned char)s[i]) < 0)
			return -1;
	for (int i = 0; i < 4; i++)
		out[i] = (char)toupper((unsigned char)s[i]);
	for (int i = 4; i < 12; i++)
		out[i] = (char)toupper((unsigned char)s[i]);
	out[SN_LEN] = '\0';
	return 0;
}

/* Decodes 16 hex digits at s whose first 4 bytes are vendor characters. */
static int
from_16(const char *s, char out[SN_LEN + 1])
{
	for (int i = 0; i < 16; i++)
		if (hexval((unsigned char)s[i]) < 0)
			return -1;
	for (int i = 0; i < 4; i++) {
		int c = hexval((unsigned char)s[2 * i]) * 16 +
		    hexval((unsigned char)s[2 * i + 1]);

		if (!vendor_char(c))
			return -1;
		out[i] = (char)c;
	}
	for (int i = 8; i < 16; i++)
		out[i - 4] = (char)toupper((unsigned char)s[i]);
	out[SN_LEN] = '\0';
	return 0;
}

/* Normalises a printed SN; see sn.h. */
int
sn_normalize(const char *s, char out[SN_LEN + 1])
{
	const char *p, *q;
	size_t n;

	out[0] = '\0';
	if (s == NULL)
		return -1;
	while (isspace((unsigned char)*s))
		s++;
	if (str_startswith(s, "SN:") || str_startswith(s, "sn:"))
		s += 3;
	/* the human form in parentheses wins: "... (HWTC-6B886FA5)" */
	if ((p = strchr(s, '(')) != NULL && (q = strchr(p, ')')) != NULL &&
	    q - p == 14 && p[5] == '-') {
		char tmp[12];

		memcpy(tmp, p + 1, 4);
		memcpy(tmp + 4, p + 6, 8);
		if (from_12(tmp, out) == 0)
			return 0;
	}
	for (n = 0; s[n] != '\0' && !isspace((unsigned char)s[n]) &&
	    s[n] != '('; n++)
		;
	if (n == 16 && from_16(s, out) == 0)
		return 0;
	if (n == 13 && s[4] == '-') {
		char tmp[12];

		memcpy(tmp, s, 4);
		memcpy(tmp + 4, s + 5, 8);
		if (from_12(tmp, out) == 0)
			return 0;
	}
	if (n == 12 && from_12(s, out) == 0)
		return 0;
	out[0] = '\0';
	return -1;
}

/* Normalises, or keeps the printed word; see sn.h. */
char *
sn_normalize_loose(const char *s)
{
	char out[SN_LEN + 1];
	size_t n;

	if (s == NULL)
		return NULL;
	if (sn_normalize(s, out) == 0)
		return xstrdup(out);
	while (isspace((unsigned char)*s))
		s++;
	if (str_startswith(s, "SN:") || str_startswith(s, "sn:"))
		s += 3;
	for (n = 0; s[n] != '\0' && !isspace((unsigned char)s[n]); n++)
		;
	if (n == 0)
		return NULL;
	char *w = xstrndup(s, n);
	for (char *c = w; *c; c++)
		*c = (char)toupper((unsigned char)*c);
	return w;
}

/* True for the canonical 12-character form. */
bool
sn_is_canonical(const char *s)
{
	char out[SN_LEN + 1];

	return s != NULL && strlen(s) == 12 && from_12(s, out) == 0 &&
	    strcmp(out, s) == 0;
}
