/*
 * parse_util.c — line, column, number and word helpers for the parsers.
 *
 * Everything here tolerates arbitrary bytes: the parsers are fed pasted
 * captures and fuzzed input (tests/unit/test_parse_fuzz.c), so every scan
 * stops at the terminating NUL and every copy is bounded.
 */
#include "drivers/parse_util.h"
#include "drivers/parse_time.h"

#include <ctype.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lib/text.h"
#include "lib/util.h"

/* Splits text into right-trimmed lines. */
void
pu_lines_split(const char *text, struct pu_lines *l)
{
	l->n = str_split_lines(text != NULL ? text : "", &l->v);
	for (size_t i = 0; i < l->n; i++) {
		size_t n = strlen(l->v[i]);

		while (n > 0 && isspace((unsigned char)l->v[i][n - 1]))
			l->v[i][--n] = '\0';
	}
}

void
pu_lines_free(struct pu_lines *l)
{
	strv_free(l->v, l->n);
	l->v = NULL;
	l->n = 0;
}

/* Counts leading blanks. */
size_t
pu_indent(const char *s)
{
	size_t n = 0;

	while (s[n] == ' ' || s[n] == '\t')
		n++;
	return n;
}

/* True for an all-blank line. */
bool
pu_blank(const char *s)
{
	return s[pu_indent(s)] == '\0';
}

/* True for a rule line of dashes. */
bool
pu_rule(const char *s)
{
	int dashes = 0;

	for (; *s != '\0'; s++) {
		if (*s == '-')
			dashes++;
		else if (*s != ' ' && *s != '=' && *s != '\t')
			return false;
	}
	return dashes >= 5;
}

/* Splits a "Label : value" line. */
bool
pu_kv(const char *line, char *key, size_t keysz, const char **val,
    size_t *valcol)
{
	const char *colon = strchr(line, ':');
	const char *k = line + pu_indent(line), *v;
	size_t kl;

	if (colon == NULL || colon <= k || keysz == 0)
		return false;
	kl = (size_t)(colon - k);
	while (kl > 0 && isspace((unsigned char)k[kl - 1]))
		kl--;
	if (kl == 0)
		return false;
	if (kl >= keysz)
		kl = keysz - 1;
	memcpy(key, k, kl);
	key[kl] = '\0';
	v = colon + 1;
	while (*v == ' ' || *v == '\t')
		v++;
	*val = v;
	if (valcol != NULL)
		*valcol = (size_t)(v - line);
	return true;
}

/* Compares labels ignoring case and blanks. */
bool
pu_key_is(const char *key, const char *want)
{
	for (;;) {
		while (*key == ' ')
			key++;
		while (*want == ' ')
			want++;
		if (*key == '\0' || *want == '\0')
			return *key == *want;
		if (tolower((unsigned char)*key) != tolower((unsigned char)*want))
			return false;
		key++, want++;
	}
}

/* Finds label as whole words in line starting at from; returns its column
   or SIZE_MAX, and in *end the column after it.  Blanks in the label match
   one or more blanks. */
static size_t
find_label(const char *line, const char *label, size_t from, size_t *end)
{
	size_t len = strlen(line);

	for (size_t i = from; i < len; i++) {
		const char *l = label, *p = line + i;

		if (i > 0 && !isspace((unsigned char)line[i - 1]))
			continue;
		while (*l != '\0') {
			if (*l == ' ') {
				if (*p != ' ')
					break;
				while (*p == ' ')
					p++;
				while (*l == ' ')
					l++;
				continue;
			}
			if (tolower((unsigned char)*l) != tolower((unsigned char)*p))
				break;
			l++, p++;
		}
		if (*l == '\0' && (*p == '\0' || isspace((unsigned char)*p))) {
			*end = (size_t)(p - line);
			return i;
		}
	}
	return SIZE_MAX;
}

/* Locates header labels; see parse_util.h. */
size_t
pu_header(const char *line, const char *const *labels, size_t nlabels,
    struct pu_cols *c)
{
	size_t ends[PU_MAXCOLS];

	c->n = 0;
	for (size_t i = 0; i < nlabels && c->n < PU_MAXCOLS; i++) {
		size_t end = 0, at = find_label(line, labels[i], 0, &end);
		bool again = true;

		/* an occurrence inside a label already found ("State" in
		   "Admin State") or equal to one ("VLAN VLAN") is skipped */
		while (at != SIZE_MAX && again) {
			again = false;
			for (size_t j = 0; j < c->n; j++)
				if (at >= c->start[j] && at < ends[j]) {
					at = find_label(line, labels[i], at + 1, &end);
					again = true;
					break;
				}
		}
		if (at == SIZE_MAX)
			continue;
		c->id[c->n] = (int)i;
		c->start[c->n] = at;
		ends[c->n] = end;
		c->n++;
	}
	/* sort by column */
	for (size_t i = 1; i < c->n; i++)
		for (size_t j = i; j > 0 && c->start[j - 1] > c->start[j]; j--) {
			size_t s = c->start[j];
			int d = c->id[j];

			c->start[j] = c->start[j - 1], c->start[j - 1] = s;
			c->id[j] = c->id[j - 1], c->id[j - 1] = d;
		}
	return c->n;
}

/* Splits s into whitespace tokens. */
size_t
pu_tokens(const char *s, char ***tok, size_t *starts, size_t maxstarts)
{
	size_t n = 0, cap = 8, i = 0;
	char **v = xreallocarray(NULL, cap, sizeof *v);

	while (s[i] != '\0') {
		size_t b;

		while (s[i] != '\0' && isspace((unsigned char)s[i]))
			i++;
		if (s[i] == '\0')
			break;
		b = i;
		while (s[i] != '\0' && !isspace((unsigned char)s[i]))
			i++;
		if (n == cap) {
			cap *= 2;
			v = xreallocarray(v, cap, sizeof *v);
		}
		if (starts != NULL && n < maxstarts)
			starts[n] = b;
		v[n++] = xstrndup(s + b, i - b);
	}
	*tok = v;
	return n;
}

/* Assigns a row's tokens to columns; see parse_util.h. */
void
pu_row(const char *row, const struct pu_cols *c, size_t nlabels, char **fields)
{
	size_t starts[64];
	char **tok;
	size_t nt = pu_tokens(row, &tok, starts, nitems(starts));

	for (size_t i = 0; i < nlabels; i++)
		fields[i] = NULL;
	if (c->n == 0) {
		strv_free(tok, nt);
		return;
	}
	for (size_t t = 0; t < nt; t++) {
		size_t col = 0;

		if (nt == c->n) {
			col = t;
		} else if (t < nitems(starts)) {
			size_t best = SIZE_MAX;

			for (size_t k = 0; k < c->n; k++) {
				size_t d = starts[t] > c->start[k] ?
				    starts[t] - c->start[k] : c->start[k] - starts[t];

				if (d < best)
					best = d, col = k;
			}
		} else {
			col = c->n - 1;
		}
		int id = c->id[col];
		if ((size_t)id >= nlabels)
			continue;
		if (fields[id] == NULL) {
			fields[id] = tok[t];
			tok[t] = NULL;
		} else {
			char *j = xasprintf("%s %s", fields[id], tok[t]);

			free(fields[id]);
			fields[id] = j;
		}
	}
	strv_free(tok, nt);
}

void
pu_fields_free(char **fields, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(fields[i]);
		fields[i] = NULL;
	}
}

/* Reads a leading number; NAN when there is none. */
double
pu_num(const char *s)
{
	char *end;
	double d;

	if (s == NULL)
		return NAN;
	while (isspace((unsigned char)*s))
		s++;
	if (!(isdigit((unsigned char)*s) || ((*s == '-' || *s == '+' ||
	    *s == '.') && isdigit((unsigned char)s[1]))))
		return NAN;
	d = strtod(s, &end);
	if (end == s || !isfinite(d))
		return NAN;
	return d;
}

/* Reads a leading whole number; PR_NONE when there is none. */
long
pu_long(const char *s)
{
	long v = 0;

	if (s == NULL)
		return PR_NONE;
	while (isspace((unsigned char)*s))
		s++;
	if (!isdigit((unsigned char)*s))
		return PR_NONE;
	while (isdigit((unsigned char)*s)) {
		if (v > 100000000L)
			return PR_NONE;
		v = v * 10 + (*s++ - '0');
	}
	return v;
}

/* Scans d{1,3} blanks? '/' blanks? d{1,3} ... at s; returns the length
   consumed and writes the compact form, or 0. */
static size_t
scan_fsp(const char *s, char *out, size_t outsz)
{
	size_t i = 0, o = 0;

	for (int part = 0; part < 3; part++) {
		int digits = 0;

		if (part > 0) {
			while (s[i] == ' ')
				i++;
			if (s[i] != '/')
				return 0;
			i++;
			if (o + 1 < outsz)
				out[o++] = '/';
			while (s[i] == ' ')
				i++;
		}
		while (isdigit((unsigned char)s[i]) && digits < 4) {
			if (o + 1 < outsz)
				out[o++] = s[i];
			i++, digits++;
		}
		if (digits == 0 || isdigit((unsigned char)s[i]))
			return 0;
	}
	if (outsz > 0)
		out[o < outsz ? o : outsz - 1] = '\0';
	return i;
}

/* Compacts F/S/P tokens in place, keeping the line's width. */
void
pu_fix_fsp(char *line)
{
	for (size_t i = 0; line[i] != '\0'; i++) {
		char out[32];
		size_t n, ol;

		if (!isdigit((unsigned char)line[i]) ||
		    (i > 0 && !isspace((unsigned char)line[i - 1])))
			continue;
		n = scan_fsp(line + i, out, sizeof out);
		if (n == 0)
			continue;
		ol = strlen(out);
		if (ol > n)
			continue;
		memcpy(line + i, out, ol);
		memset(line + i + ol, ' ', n - ol);
		i += n - 1;
	}
}

/* Reads a compact d/d/d token. */
bool
pu_fsp(const char *s, char *out, size_t outsz)
{
	size_t n = scan_fsp(s, out, outsz);

	if (n == 0)
		return false;
	return s[n] == '\0' || isspace((unsigned char)s[n]) || s[n] == ',' ||
	    s[n] == ':';
}

/* Reads a time by itself (parse_time.h: only what cannot read two ways). */
char *
pu_time(const char *s)
{
	return pt_value(NULL, s);
}

/* Lower-cases s into out without '-', '_' and blanks. */
static void
squash(const char *s, char *out, size_t outsz)
{
	size_t o = 0;

	for (; s != NULL && *s != '\0' && o + 1 < outsz; s++)
		if (*s != '-' && *s != '_' && *s != ' ')
			out[o++] = (char)tolower((unsigned char)*s);
	out[o] = '\0';
}

/* Maps a state word to a status. */
enum ont_status
pu_status(const char *s)
{
	static const struct { const char *w; enum ont_status st; } map[] = {
		{ "online", ONT_ONLINE },
		{ "working", ONT_ONLINE },
		{ "offline", ONT_OFFLINE },
		{ "los", ONT_LOS },
		{ "losi", ONT_LOS },
		{ "dyinggasp", ONT_DYING_GASP },
		{ "authfailed", ONT_AUTH_FAILED },
		{ "syncmib", ONT_SYNCING },
		{ "logging", ONT_SYNCING },
	};
	char w[32];

	squash(s, w, sizeof w);
	for (size_t i = 0; i < nitems(map); i++)
		if (strcmp(w, map[i].w) == 0)
			return map[i].st;
	return ONT_UNKNOWN;
}

/* Maps an admin/control word. */
enum ont_admin
pu_admin(const char *s)
{
	char w[32];

	squash(s, w, sizeof w);
	if (strcmp(w, "enable") == 0 || strcmp(w, "enabled") == 0 ||
	    strcmp(w, "active") == 0 || strcmp(w, "unlock") == 0 ||
	    strcmp(w, "configuring") == 0)
		return ADMIN_ENABLED;
	if (strcmp(w, "disable") == 0 || strcmp(w, "disabled") == 0 ||
	    strcmp(w, "deactivated") == 0 || strcmp(w, "deactive") == 0 ||
	    strcmp(w, "lock") == 0)
		return ADMIN_DISABLED;
	return ADMIN_UNKNOWN;
}

/* Duplicates a value that may be absent. */
char *
pu_dup(const char *s)
{
	if (s == NULL)
		return NULL;
	while (isspace((unsigned char)*s))
		s++;
	if (*s == '\0' || strcmp(s, "-") == 0)
		return NULL;
	/* A device's field is shown, stored and put in JSON: no TAB, ESC or
	   other control byte, no invalid UTF-8 (lib/text.h). */
	return text_sanitize(xstrdup(s));
}

/* Sums number+unit pairs into seconds. */
long
pu_duration(const char *s)
{
	long total = 0;
	bool any = false;

	while (s != NULL && *s != '\0') {
		long v = 0, mul;
		int digits = 0;

		if (!isdigit((unsigned char)*s)) {
			s++;
			continue;
		}
		while (isdigit((unsigned char)*s) && digits < 9)
			v = v * 10 + (*s++ - '0'), digits++;
		while (isdigit((unsigned char)*s))
			s++;
		while (*s == ' ')
			s++;
		switch (tolower((unsigned char)*s)) {
		case 'd':
			mul = 86400;
			break;
		case 'h':
			mul = 3600;
			break;
		case 'm':
			mul = 60;
			break;
		case 's':
			mul = 1;
			break;
		default:
			continue;
		}
		if (v > 100000 * (86400 / mul))
			return PR_NONE;
		total += v * mul;
		any = true;
		while (isalpha((unsigned char)*s) || *s == '(' || *s == ')')
			s++;
	}
	return any ? total : PR_NONE;
}

/* Replaces *dst with a copy of v unless already set (first label wins). */
void
pu_set_once(char **dst, const char *v)
{
	if (*dst == NULL)
		*dst = pu_dup(v);
}

/* ---- Huawei error lines (shared by huawei_parse*.c) ---------------- */

/* Returns the device's error words found in the lines, or NULL. */
char *
pu_hw_error(const struct pu_lines *l)
{
	for (size_t i = 0; i < l->n; i++) {
		const char *s = l->v[i] + pu_indent(l->v[i]);

		if (str_startswith(s, "Failure:") || str_startswith(s, "% ") ||
		    str_startswith(s, "%Error") ||
		    str_startswith(s, "Incorrect command") ||
		    str_startswith(s, "Error:") ||
		    str_startswith(s, "Username or password invalid") ||
		    str_startswith(s, "Reenter times have reached")) {
			/* one wrapped continuation ("... service virtual\n
			   ports") belongs to the message */
			if (i + 1 < l->n && !pu_blank(l->v[i + 1]) &&
			    !pu_rule(l->v[i + 1]) &&
			    pu_indent(l->v[i + 1]) == pu_indent(l->v[i]) &&
			    strchr(l->v[i + 1], ':') == NULL &&
			    islower((unsigned char)l->v[i + 1][pu_indent(l->v[i + 1])]))
				return xasprintf("%s %s", s,
				    l->v[i + 1] + pu_indent(l->v[i + 1]));
			return xstrdup(s);
		}
	}
	return NULL;
}

/* True if the lines hold a device error. */
bool
pu_hw_has_error(const struct pu_lines *l)
{
	char *e = pu_hw_error(l);
	bool found = e != NULL;

	free(e);
	return found;
}

/* Fails with the device's error, or with what was expected. */
int
pu_hw_fail(const struct pu_lines *l, char **cause, const char *expected)
{
	char *e = pu_hw_error(l);

	if (e != NULL) {
		set_cause(cause, "the OLT answered: %s", e);
		free(e);
	} else {
		set_cause(cause, "%s", expected);
	}
	return -1;
}
