/*
 * textclean.c — turning what a terminal received into clean text.
 *
 * Three passes, each a pure function over a string (see textclean.h):
 *
 *  1. tc_strip_terminal renders the bytes the way a terminal would, one line
 *     at a time: a cursor moves over a line of cells, printable characters
 *     overwrite the cell under the cursor, and the cursor moves the
 *     terminal's way: backspace, ESC[nD left, ESC[nC / ESC[na right,
 *     ESC[nG / ESC[n` to a column, tab / ESC[nI / ESC[nZ to the next or
 *     previous stop (every 8 columns), ESC 7 / ESC 8 and ESC[s / ESC[u save
 *     and restore it, CR to column 0, LF ends the line; ESC[K / ESC[1K /
 *     ESC[2K and ESC[nX blank cells, ESC[nP deletes them (the rest of the
 *     line moves left), ESC[n@ inserts blanks.  A cell is one character: a
 *     UTF-8 sequence, or a byte that is not part of one, so a move counts
 *     what a technician sees ("São" is 3 columns), not bytes.  That is what
 *     makes a pager that erases itself (a marker, ESC[37D, 37 spaces,
 *     ESC[37D; or a marker then "\b \b" x8) vanish without eating the data
 *     written over it, " ESC[1D" collapse to nothing, and a row redrawn in
 *     place come out as it shows.  Other escape sequences (colours and
 *     modes, vertical moves, OSC, two-byte ESC x) and control bytes are
 *     dropped.  Lines are right-trimmed, since a terminal shows no trailing
 *     blanks either.  The result is clean text but for its line breaks
 *     (lib/text.h: text_sanitize_lines): a byte of invalid UTF-8, a C1
 *     control or a character that reorders text becomes '?', so nothing a
 *     device sends reaches a field, the database, a terminal or JSON as it
 *     came.  It knows no vendor: it is what a terminal does.
 *  2. tc_strip_debris applies a dialect's cleaning rules (cli_dialect.h):
 *     it removes whole lines, or for a pager marker the marker inside a
 *     line, that are the device talking to a human: the pager markers the
 *     device did not erase, answered question lines, the echo block
 *     ("Command:" and the command repeated after it), and complete
 *     asynchronous blocks (an alarm report: a start line, a line naming it,
 *     an end line).  The rules are compiled for each call (a handful of
 *     short patterns; no cache, so no shared state).
 *  3. tc_clean_capture also drops prompt lines (with or without an echoed
 *     command) and leading/trailing empty lines.
 *
 * Invariants: never reads past len / the terminating NUL; every cursor move
 * is clamped and a line holds at most TC_MAX_LINE columns, so escape
 * sequences cannot make the output much larger than the input.  No global
 * state: callable from any thread (the CLI engine's workers and the
 * `oltui parse` verb).
 */
#include "drivers/textclean.h"

#include <ctype.h>
#include <regex.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "drivers/cli_dialect.h"
#include "lib/text.h"
#include "lib/util.h"

#define TC_MAX_MOVE	4096	/* largest cursor move honoured, columns */
#define TC_MAX_LINE	65536	/* columns kept per line; the rest is dropped */
#define TC_TAB		8	/* tab stops every this many columns */
#define TC_MAX_PARAMS	4	/* CSI parameters kept; the rest are ignored */
#define TC_ECHO_INDENT	8	/* an echo block's command wraps onto lines
				   indented at least this deep, deeper than
				   the data after it */

/* One column of a terminal line: the bytes of one character (a UTF-8
   sequence, or a single byte that is not part of one). */
struct cell {
	char		b[4];	/* the character's bytes */
	unsigned char	n;	/* how many of b are used, 1..4 */
};

/* One terminal line being rendered. */
struct tline {
	struct cell	*c;	/* the cells written so far */
	size_t		 len;	/* cells used */
	size_t		 cap;	/* cells allocated */
	size_t		 col;	/* cursor column */
	size_t		 saved;	/* column saved by ESC 7 / ESC[s */
};

static const struct cell blank = { { ' ' }, 1 };

/* Makes room for n cells and pads the line with blanks up to n. */
static void
tline_grow(struct tline *t, size_t n)
{
	if (n > t->cap) {
		size_t cap = t->cap ? t->cap : 128;

		while (cap < n)
			cap *= 2;
		t->c = xreallocarray(t->c, cap, sizeof *t->c);
		t->cap = cap;
	}
	while (t->len < n)
		t->c[t->len++] = blank;
}

/* Writes the character of n bytes at s at the cursor, overwriting or
   padding with blanks, and moves the cursor right. */
static void
tline_put(struct tline *t, const char *s, size_t n)
{
	if (t->col >= TC_MAX_LINE)
		return;		/* cursor moves cannot amplify input */
	tline_grow(t, t->col + 1);
	memcpy(t->c[t->col].b, s, n);
	t->c[t->col].n = (unsigned char)n;
	t->col++;
}

/* Blanks the cells [from, to) that exist. */
static void
tline_blank(struct tline *t, size_t from, size_t to)
{
	for (size_t i = from; i < to && i < t->len; i++)
		t->c[i] = blank;
}

/* Appends the rendered line, right-trimmed, and a newline to out. */
static void
tline_flush(struct tline *t, struct buf *out, bool newline)
{
	size_t n = t->len;

	while (n > 0 && t->c[n - 1].n == 1 && t->c[n - 1].b[0] == ' ')
		n--;
	for (size_t i = 0; i < n; i++)
		buf_add(out, t->c[i].b, t->c[i].n);
	if (newline)
		buf_addc(out, '\n');
	t->len = 0;
	t->col = 0;
	t->saved = 0;
}

/* Moves the cursor to column col, clamped to the line's limit. */
static void
tline_goto(struct tline *t, size_t col)
{
	t->col = col < TC_MAX_LINE ? col : TC_MAX_LINE;
}

/* Applies a CSI sequence: final byte f with its parameters p[0..np)
   (0 when absent).  Vertical moves and screen modes render nothing. */
static void
tline_csi(struct tline *t, const long *p, size_t np, char f)
{
	size_t n = np > 0 && p[0] > 0 ? (size_t)p[0] : 1;
	size_t stop;

	if (n > TC_MAX_MOVE)
		n = TC_MAX_MOVE;
	switch (f) {
	case 'D':		/* CUB: cursor left */
		t->col = t->col > n ? t->col - n : 0;
		break;
	case 'C':		/* CUF: cursor right */
	case 'a':		/* HPR: the same */
		tline_goto(t, t->col + n);
		break;
	case 'G':		/* CHA: cursor to column n (1-based) */
	case '`':		/* HPA: the same */
		tline_goto(t, n - 1);
		break;
	case 'I':		/* CHT: n tab stops forward */
		stop = (t->col / TC_TAB + n) * TC_TAB;
		tline_goto(t, stop);
		break;
	case 'Z':		/* CBT: n tab stops back */
		stop = (t->col + TC_TAB - 1) / TC_TAB;
		t->col = stop > n ? (stop - n) * TC_TAB : 0;
		break;
	case 'K':		/* EL: erase in line; the cursor stays */
		if (np == 0 || p[0] == 0)
			tline_blank(t, t->col, t->len);
		else if (p[0] == 1)
			tline_blank(t, 0, t->col + 1);
		else if (p[0] == 2)
			tline_blank(t, 0, t->len);
		break;
	case 'X':		/* ECH: blank n cells from the cursor */
		tline_blank(t, t->col, t->col + n);
		break;
	case 'P':		/* DCH: delete n cells, the rest moves left */
		if (t->col < t->len) {
			size_t k = t->len - t->col < n ? t->len - t->col : n;

			memmove(t->c + t->col, t->c + t->col + k,
			    (t->len - t->col - k) * sizeof *t->c);
			t->len -= k;
		}
		break;
	case '@':		/* ICH: insert n blanks, the rest moves right */
		if (t->col < t->len) {
			size_t newlen = t->len + n > TC_MAX_LINE ?
			    TC_MAX_LINE : t->len + n;
			size_t move = newlen > t->col + n ?
			    newlen - t->col - n : 0;

			tline_grow(t, newlen);
			memmove(t->c + t->col + n, t->c + t->col,
			    move * sizeof *t->c);
			tline_blank(t, t->col, t->col + n);
		}
		break;
	case 's':		/* SCOSC: save the cursor */
		if (np == 0)
			t->saved = t->col;
		break;
	case 'u':		/* SCORC: restore it */
		t->col = t->saved;
		break;
	default:		/* colours, modes, vertical moves: nothing */
		break;
	}
}

/* The length of the UTF-8 sequence that starts with the n bytes at s, or 1
   when they are not one (a lone byte is a character of its own, as a
   terminal in a single-byte locale shows it). */
static size_t
utf8_len(const unsigned char *s, size_t n)
{
	size_t k;

	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		k = 2;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		k = 3;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		k = 4;
	else
		return 1;
	if (k > n)
		return 1;
	for (size_t i = 1; i < k; i++)
		if ((s[i] & 0xc0) != 0x80)
			return 1;
	return k;
}

/* Reads the CSI sequence whose parameters start at in[*i] (after "ESC[")
   and applies it to t; *i ends after its final byte.  A sequence with a
   private marker ("ESC[?25l") or intermediate bytes is a mode, not a move:
   it is skipped. */
static void
csi(struct tline *t, const char *in, size_t len, size_t *i)
{
	long p[TC_MAX_PARAMS] = { 0 };
	size_t np = 0;
	bool private = false, digits = false;

	/* parameters, intermediates, then a final byte */
	while (*i < len && ((unsigned char)in[*i] < 0x40 ||
	    (unsigned char)in[*i] > 0x7e)) {
		unsigned char d = (unsigned char)in[*i];

		if (isdigit(d)) {
			if (np < TC_MAX_PARAMS && p[np] < 100000)
				p[np] = p[np] * 10 + (d - '0');
			digits = true;
		} else if (d == ';') {
			np++;
			digits = false;
		} else if (d >= 0x20 && d <= 0x3f) {
			private = true;	/* '?', '<', '=', '>', intermediates */
		} else {
			return;		/* malformed: stop here */
		}
		(*i)++;
	}
	if (digits || np > 0)
		np++;
	if (np > TC_MAX_PARAMS)
		np = TC_MAX_PARAMS;
	if (*i < len) {
		char f = in[(*i)++];

		if (!private)
			tline_csi(t, p, np, f);
	}
}

/* Renders in[0..len) like a terminal; see the top of the file. */
char *
tc_strip_terminal(const char *in, size_t len)
{
	struct buf out = { 0 };
	struct tline t = { 0 };
	size_t i = 0;

	while (i < len) {
		unsigned char c = (unsigned char)in[i++];

		if (c == '\n') {
			tline_flush(&t, &out, true);
		} else if (c == '\r') {
			t.col = 0;
		} else if (c == '\b') {
			if (t.col > 0)
				t.col--;
		} else if (c == '\t') {
			tline_goto(&t, (t.col / TC_TAB + 1) * TC_TAB);
		} else if (c == 0x1b) {
			if (i >= len)
				break;
			if (in[i] == '[') {
				i++;
				csi(&t, in, len, &i);
			} else if (in[i] == ']') {
				/* OSC: up to BEL or ESC \ */
				i++;
				while (i < len && in[i] != '\a' && in[i] != '\n' &&
				    !(in[i] == 0x1b && i + 1 < len && in[i + 1] == '\\'))
					i++;
				if (i < len && in[i] == '\a')
					i++;
				else if (i < len && in[i] == 0x1b)
					i += 2;
			} else if (in[i] == '7') {
				t.saved = t.col;	/* DECSC */
				i++;
			} else if (in[i] == '8') {
				t.col = t.saved;	/* DECRC */
				i++;
			} else if ((unsigned char)in[i] >= 0x20) {
				i++;	/* two-byte escape: ESC =, ESC >, ... */
			}
		} else if (c < 0x20 || c == 0x7f || c == 0xff) {
			/* NUL, BEL, other controls, DEL, telnet IAC debris */
		} else {
			size_t k = c < 0x80 ? 1 :
			    utf8_len((const unsigned char *)in + i - 1, len - i + 1);

			tline_put(&t, in + i - 1, k);
			i += k - 1;
		}
	}
	if (t.len > 0)
		tline_flush(&t, &out, false);
	free(t.c);
	return text_sanitize_lines(buf_take(&out));
}

/* Returns the number of leading blanks of s. */
static size_t
indent_of(const char *s)
{
	size_t n = 0;

	while (s[n] == ' ' || s[n] == '\t')
		n++;
	return n;
}

/* True if the line is blank. */
static bool
is_blank(const char *s)
{
	return s[indent_of(s)] == '\0';
}

/* The number of entries of a NULL-terminated list of patterns. */
static size_t
count_patterns(const char *const *v)
{
	size_t n = 0;

	while (v != NULL && v[n] != NULL)
		n++;
	return n;
}

/* A dialect's cleaning rules, with its patterns compiled for one call. */
struct rules {
	const struct cli_dialect *d;		/* may be NULL: no rules */
	regex_t		*answered;		/* d->answered, compiled */
	size_t		 nanswered;
	regex_t		*start, *end;		/* d->blocks[i].start / .end */
	size_t		 nblocks;
};

/* Compiles d's patterns into r (d may be NULL); rules_free() frees them. */
static void
rules_init(struct rules *r, const struct cli_dialect *d)
{
	memset(r, 0, sizeof *r);
	r->d = d;
	if (d == NULL)
		return;
	r->nanswered = count_patterns(d->answered);
	if (r->nanswered > 0)
		r->answered = xcalloc(r->nanswered, sizeof *r->answered);
	for (size_t i = 0; i < r->nanswered; i++)
		cli_dialect_compile(&r->answered[i], d->answered[i], REG_NOSUB);
	while (d->blocks != NULL && d->blocks[r->nblocks].start != NULL)
		r->nblocks++;
	if (r->nblocks > 0) {
		r->start = xcalloc(r->nblocks, sizeof *r->start);
		r->end = xcalloc(r->nblocks, sizeof *r->end);
	}
	for (size_t i = 0; i < r->nblocks; i++) {
		cli_dialect_compile(&r->start[i], d->blocks[i].start, REG_NOSUB);
		cli_dialect_compile(&r->end[i], d->blocks[i].end, REG_NOSUB);
	}
}

/* Frees what rules_init() compiled. */
static void
rules_free(struct rules *r)
{
	for (size_t i = 0; i < r->nanswered; i++)
		regfree(&r->answered[i]);
	for (size_t i = 0; i < r->nblocks; i++) {
		regfree(&r->start[i]);
		regfree(&r->end[i]);
	}
	free(r->answered);
	free(r->start);
	free(r->end);
}

/* True if re matches line. */
static bool
matches(const regex_t *re, const char *line)
{
	return regexec(re, line, 0, NULL, 0) == 0;
}

/* Removes the dialect's pager markers from line, in place: every whole
   marker (with the blank before it when the marker says so), then the head
   of a marker the data after it overwrote.  True if anything went. */
static bool
strip_markers(const struct dialect_marker *mk, char *line)
{
	bool removed = false;
	char *p;

	if (mk == NULL)
		return false;
	for (const struct dialect_marker *m = mk; m->text != NULL; m++) {
		size_t ml = strlen(m->text);

		while (ml > 0 && (p = strstr(line, m->text)) != NULL) {
			char *start = p;

			if ((m->flags & DM_BLANK_BEFORE) && start > line &&
			    start[-1] == ' ')
				start--;
			memmove(start, p + ml, strlen(p + ml) + 1);
			removed = true;
		}
	}
	for (const struct dialect_marker *m = mk; m->text != NULL; m++) {
		size_t h = m->head < strlen(m->text) ? m->head : strlen(m->text);

		p = line + indent_of(line);
		if (h > 0 && strncmp(p, m->text, h) == 0) {
			memmove(line, p + h, strlen(p + h) + 1);
			removed = true;
		}
	}
	return removed;
}

/* True if line is an answered question of the dialect. */
static bool
is_answered(const struct rules *r, const char *line)
{
	for (size_t i = 0; i < r->nanswered; i++)
		if (matches(&r->answered[i], line))
			return true;
	return false;
}

/* True if line is the echo block header alone (blanks around it). */
static bool
is_echo_header(const struct cli_dialect *d, const char *line)
{
	const char *p = line + indent_of(line);
	size_t n = strlen(p), hn;

	if (d == NULL || d->echo_header == NULL)
		return false;
	hn = strlen(d->echo_header);
	while (n > 0 && isspace((unsigned char)p[n - 1]))
		n--;
	return hn > 0 && n == hn && strncmp(p, d->echo_header, hn) == 0;
}

/* Returns the index of the first line after the echo block whose header is
   line i: blank lines, the echoed command, then the lines it wrapped onto
   (indented at least TC_ECHO_INDENT, not blank, not a table rule). */
static size_t
echo_end(char **v, size_t n, size_t i)
{
	size_t j = i + 1;

	while (j < n && is_blank(v[j]))
		j++;
	if (j < n)
		j++;
	while (j < n && indent_of(v[j]) >= TC_ECHO_INDENT && !is_blank(v[j]) &&
	    v[j][indent_of(v[j])] != '-')
		j++;
	return j;
}

/* Returns the index of the last line of the block of kind k that starts at
   line i, or 0 when it is not a complete block (then nothing is removed):
   no end line within max_lines, another start first, or no line with the
   block's word. */
static size_t
block_end(const struct rules *r, size_t k, char **v, size_t n, size_t i)
{
	const struct dialect_block *b = &r->d->blocks[k];
	bool named = b->word == NULL;

	for (size_t j = i + 1; j < n; j++) {
		if (b->max_lines > 0 && j - i >= (size_t)b->max_lines)
			break;
		if (!named && strstr(v[j], b->word) != NULL)
			named = true;
		if (matches(&r->end[k], v[j]))
			return named ? j : 0;
		if (j > i + 1 && matches(&r->start[k], v[j]))
			return 0;
	}
	return 0;
}

/* Removes pager markers, answered questions, echo blocks and asynchronous
   blocks, by the dialect d (see textclean.h). */
char *
tc_strip_debris(const struct cli_dialect *d, const char *in)
{
	struct buf out = { 0 };
	struct rules r;
	char **v;
	size_t n = str_split_lines(in, &v);

	rules_init(&r, d);
	for (size_t i = 0; i < n; i++) {
		char *line = v[i];
		size_t end = 0;

		if (d != NULL && strip_markers(d->markers, line) && is_blank(line))
			continue;	/* the marker was the line */
		if (is_answered(&r, line))
			continue;
		if (is_echo_header(d, line)) {
			i = echo_end(v, n, i) - 1;
			continue;
		}
		for (size_t k = 0; k < r.nblocks && end == 0; k++)
			if (matches(&r.start[k], line))
				end = block_end(&r, k, v, n, i);
		if (end != 0) {
			i = end;
			continue;
		}
		buf_adds(&out, line);
		if (i + 1 < n || (*in != '\0' && in[strlen(in) - 1] == '\n'))
			buf_addc(&out, '\n');
	}
	rules_free(&r);
	strv_free(v, n);
	return buf_take(&out);
}

/* True if line is a prompt, optionally followed by a command:
   HOST[(mode)] then ">", "#" or one of the dialect's prompt ends, HOST of
   [A-Za-z0-9._@-]. */
static bool
is_prompt(const struct cli_dialect *d, const char *line)
{
	const char *p = line + indent_of(line);
	const char *h = p;

	if (!isalnum((unsigned char)*p))
		return false;
	while (isalnum((unsigned char)*p) || *p == '.' || *p == '_' ||
	    *p == '-' || *p == '@')
		p++;
	if (p == h)
		return false;
	if (*p == '(') {
		const char *q = strchr(p, ')');

		if (q == NULL || q == p + 1)
			return false;
		for (const char *s = p + 1; s < q; s++)
			if (isspace((unsigned char)*s))
				return false;
		p = q + 1;
	}
	if (*p == '#' || *p == '>')
		return true;
	for (size_t i = 0; d != NULL && d->prompt_ends != NULL &&
	    d->prompt_ends[i] != NULL; i++) {
		size_t en = strlen(d->prompt_ends[i]);

		if (en > 0 && strncmp(p, d->prompt_ends[i], en) == 0)
			return true;
	}
	return false;
}

/* Cleans a raw capture; see textclean.h. */
char *
tc_clean_capture(const struct cli_dialect *d, const char *in, size_t len)
{
	char *term = tc_strip_terminal(in, len);
	char *deb = tc_strip_debris(d, term);
	struct buf out = { 0 };
	char **v;
	size_t n = str_split_lines(deb, &v), first = 0, last;

	free(term);
	free(deb);
	/* a prompt line becomes empty; empty lines at either end go */
	for (size_t i = 0; i < n; i++)
		if (is_prompt(d, v[i]))
			v[i][0] = '\0';
	last = n;
	while (first < n && is_blank(v[first]))
		first++;
	while (last > first && is_blank(v[last - 1]))
		last--;
	for (size_t i = first; i < last; i++) {
		if (v[i][0] == '\0' && i > first && v[i - 1][0] == '\0')
			continue;	/* no runs of empty lines */
		buf_adds(&out, v[i]);
		buf_addc(&out, '\n');
	}
	strv_free(v, n);
	return buf_take(&out);
}
