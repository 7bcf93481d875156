/*
 * textclean.c — turning what a terminal received into clean text.
 *
 * Three passes, each a pure function over a string (see textclean.h):
 *
 *  1. tc_strip_terminal renders the bytes the way a terminal would, one line
 *     at a time: a cursor moves over a line buffer, printable bytes overwrite
 *     what is under the cursor, backspace and ESC[nD move it left, ESC[nC
 *     right, ESC[K erases, CR returns to column 0, LF ends the line.  That
 *     is what makes a pager that erases itself (a marker, ESC[37D, 37
 *     spaces, ESC[37D; or a marker then "\b \b" x8) vanish without eating
 *     the data written over it, and " ESC[1D" collapse to nothing.  Other
 *     escape sequences (CSI, OSC, two-byte ESC x) and control bytes are
 *     dropped.  Lines are right-trimmed, since a terminal shows no trailing
 *     blanks either.  It knows no vendor: it is what a terminal does.
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
#include "lib/util.h"

#define TC_MAX_MOVE	4096	/* largest cursor move honoured, columns */
#define TC_MAX_LINE	65536	/* columns kept per line; the rest is dropped */
#define TC_ECHO_INDENT	8	/* an echo block's command wraps onto lines
				   indented at least this deep, deeper than
				   the data after it */

/* One terminal line being rendered. */
struct tline {
	struct buf	b;	/* the cells written so far */
	size_t		col;	/* cursor column */
};

/* Writes c at the cursor, overwriting or padding with spaces. */
static void
tline_put(struct tline *t, char c)
{
	if (t->col >= TC_MAX_LINE)
		return;		/* cursor moves cannot amplify input */
	while (t->b.len < t->col)
		buf_addc(&t->b, ' ');
	if (t->col < t->b.len)
		t->b.data[t->col] = c;
	else
		buf_addc(&t->b, c);
	t->col++;
}

/* Appends the rendered line, right-trimmed, and a newline to out. */
static void
tline_flush(struct tline *t, struct buf *out, bool newline)
{
	size_t n = t->b.len;

	while (n > 0 && (t->b.data[n - 1] == ' ' || t->b.data[n - 1] == '\t'))
		n--;
	if (n > 0)
		buf_add(out, t->b.data, n);
	if (newline)
		buf_addc(out, '\n');
	buf_reset(&t->b);
	t->col = 0;
}

/* Applies a CSI sequence with parameter p (0 when absent) and final byte f. */
static void
tline_csi(struct tline *t, long p, int have_p, char f)
{
	size_t n = have_p && p > 0 ? (size_t)p : 1;

	if (n > TC_MAX_MOVE)
		n = TC_MAX_MOVE;
	switch (f) {
	case 'D':		/* cursor left */
		t->col = t->col > n ? t->col - n : 0;
		break;
	case 'C':		/* cursor right */
		t->col += n;
		break;
	case 'G':		/* cursor to column n (1-based) */
		t->col = n - 1;
		break;
	case 'K':		/* erase in line */
		if (!have_p || p == 0) {
			if (t->col < t->b.len)
				t->b.len = t->col, t->b.data[t->col] = '\0';
		} else if (p == 1) {
			for (size_t i = 0; i <= t->col && i < t->b.len; i++)
				t->b.data[i] = ' ';
		} else if (p == 2) {
			buf_reset(&t->b);
		}
		break;
	default:		/* colours, modes, scrolling: nothing to render */
		break;
	}
}

/* Renders in[0..len) like a terminal; see the top of the file. */
char *
tc_strip_terminal(const char *in, size_t len)
{
	struct buf out = { 0 };
	struct tline t = { { 0 }, 0 };
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
			tline_put(&t, '\t');
		} else if (c == 0x1b) {
			if (i >= len)
				break;
			if (in[i] == '[') {
				long p = 0;
				int have_p = 0;

				i++;
				/* parameters, intermediates, then a final byte */
				while (i < len && ((unsigned char)in[i] < 0x40 ||
				    (unsigned char)in[i] > 0x7e)) {
					unsigned char d = (unsigned char)in[i];

					if (isdigit(d) && have_p < 2) {
						have_p = 1;
						if (p < 100000)
							p = p * 10 + (d - '0');
					} else if (d == ';') {
						have_p = 2;	/* only the first counts */
					} else if (d < 0x20 || d > 0x3f) {
						break;	/* malformed: stop here */
					}
					i++;
				}
				if (i < len && (unsigned char)in[i] >= 0x40 &&
				    (unsigned char)in[i] <= 0x7e)
					tline_csi(&t, p, have_p != 0, in[i++]);
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
			} else if ((unsigned char)in[i] >= 0x20) {
				i++;	/* two-byte escape: ESC 7, ESC =, ... */
			}
		} else if (c < 0x20 || c == 0x7f || c == 0xff) {
			/* NUL, BEL, other controls, DEL, telnet IAC debris */
		} else {
			tline_put(&t, (char)c);
		}
	}
	if (t.b.len > 0)
		tline_flush(&t, &out, false);
	buf_free(&t.b);
	return buf_take(&out);
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
