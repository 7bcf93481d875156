/*
 * textclean.c — turning what a terminal received into clean text.
 *
 * Three passes, each a pure function over a string (see textclean.h):
 *
 *  1. tc_strip_terminal renders the bytes the way a terminal would, one line
 *     at a time: a cursor moves over a line buffer, printable bytes overwrite
 *     what is under the cursor, backspace and ESC[nD move it left, ESC[nC
 *     right, ESC[K erases, CR returns to column 0, LF ends the line.  That
 *     is what makes Huawei's pager erase ("---- More ... ----" ESC[37D, 37
 *     spaces, ESC[37D) and ZTE's "\b \b" x8 vanish without eating the data
 *     that is written over them, and " ESC[1D" collapse to nothing.  Other
 *     escape sequences (CSI, OSC, two-byte ESC x) and control bytes are
 *     dropped.  Lines are right-trimmed, since a terminal shows no trailing
 *     blanks either.
 *  2. tc_strip_debris removes whole lines (or, for pager markers, the marker
 *     inside a line) that are the device talking to a human: pager markers,
 *     Huawei smart questions "{ <cr>|...<K> }:" and the "Command:" echo
 *     block after them, and Huawei asynchronous alarm blocks (the shape NOC
 *     strips: "! <n>[<date> <time>]:" ... "--- END").
 *  3. tc_clean_capture also drops prompt lines (with or without an echoed
 *     command) and leading/trailing empty lines.
 *
 * Invariants: never reads past len / the terminating NUL; every cursor move
 * is clamped and a line holds at most TC_MAX_LINE columns, so escape
 * sequences cannot make the output much larger than the input.  No global state: callable from any thread
 * (the CLI engine's workers and the `oltui parse` verb).
 */
#include "drivers/textclean.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "lib/util.h"

#define TC_MAX_MOVE	4096	/* largest cursor move honoured, columns */
#define TC_MAX_LINE	65536	/* columns kept per line; the rest is dropped */

static const char huawei_more[] = "---- More ( Press 'Q' to break ) ----";
static const char zte_more[] = "--More--";

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

/* Removes every pager marker from line, in place. */
static void
strip_markers(char *line)
{
	static const char *const markers[] = { huawei_more, zte_more };
	char *p;

	for (size_t m = 0; m < nitems(markers); m++) {
		size_t ml = strlen(markers[m]);

		while ((p = strstr(line, markers[m])) != NULL) {
			char *start = p;

			/* the blank the ZTE marker is printed after goes too */
			if (m == 1 && start > line && start[-1] == ' ')
				start--;
			memmove(start, p + ml, strlen(p + ml) + 1);
		}
	}
	/* ZTE's "--More-- \b\b\b" variant renders as "--More" + data. */
	p = line + indent_of(line);
	if (strncmp(p, "--More", 6) == 0)
		memmove(line, p + 6, strlen(p + 6) + 1);
}

/* True if line is a Huawei smart question "{ <cr>|...<K> }:". */
static bool
is_question(const char *line)
{
	const char *p = line + indent_of(line);

	if (*p != '{')
		return false;
	return strstr(p, "}:") != NULL &&
	    (strstr(p, "<K>") != NULL || strstr(p, "<cr>") != NULL ||
	    strstr(p, "<U>") != NULL || strstr(p, "<S>") != NULL);
}

/* True if line is "Command:" alone (the echo block header). */
static bool
is_command_header(const char *line)
{
	const char *p = line + indent_of(line);
	size_t n = strlen(p);

	while (n > 0 && isspace((unsigned char)p[n - 1]))
		n--;
	return n == 8 && strncmp(p, "Command:", 8) == 0;
}

/* True if line starts a Huawei alarm block: "! <n>[<date> <time>]:". */
static bool
is_alarm_start(const char *line)
{
	const char *p = line + indent_of(line);

	if (*p++ != '!')
		return false;
	while (*p == ' ')
		p++;
	if (!isdigit((unsigned char)*p))
		return false;
	while (isdigit((unsigned char)*p))
		p++;
	if (*p != '[')
		return false;
	p = strchr(p, ']');
	return p != NULL && p[1] == ':';
}

/* True if line ends an alarm block: "--- END". */
static bool
is_alarm_end(const char *line)
{
	const char *p = line + indent_of(line);

	if (*p != '-')
		return false;
	while (*p == '-')
		p++;
	while (*p == ' ')
		p++;
	if (strncmp(p, "END", 3) != 0)
		return false;
	p += 3;
	return p[indent_of(p)] == '\0';
}

/* Returns the index of the line ending the alarm block starting at i, or 0
   when the block is not a complete alarm (then nothing is removed). */
static size_t
alarm_end(char **v, size_t n, size_t i)
{
	bool named = false;

	for (size_t j = i + 1; j < n && j < i + 80; j++) {
		if (strstr(v[j], "ALARM") != NULL)
			named = true;
		if (is_alarm_end(v[j]))
			return named ? j : 0;
		if (j > i + 1 && is_alarm_start(v[j]))
			return 0;
	}
	return 0;
}

/* Removes pager markers, questions with their echo block, alarm blocks. */
char *
tc_strip_debris(const char *in)
{
	struct buf out = { 0 };
	char **v;
	size_t n = str_split_lines(in, &v);

	for (size_t i = 0; i < n; i++) {
		char *line = v[i];
		bool had_marker = strstr(line, huawei_more) != NULL ||
		    strstr(line, "--More") != NULL;
		size_t end;

		if (had_marker) {
			strip_markers(line);
			if (is_blank(line))
				continue;	/* the marker was the line */
		}
		if (is_question(line))
			continue;
		if (is_command_header(line)) {
			/* the echoed command, possibly wrapped over lines
			   indented deeper than the data after it */
			size_t j = i + 1;

			while (j < n && is_blank(v[j]))
				j++;
			if (j < n)
				j++;
			while (j < n && indent_of(v[j]) >= 8 && !is_blank(v[j]) &&
			    v[j][indent_of(v[j])] != '-')
				j++;
			i = j - 1;
			continue;
		}
		if (is_alarm_start(line) && (end = alarm_end(v, n, i)) != 0) {
			i = end;
			continue;
		}
		buf_adds(&out, line);
		if (i + 1 < n || (*in != '\0' && in[strlen(in) - 1] == '\n'))
			buf_addc(&out, '\n');
	}
	strv_free(v, n);
	return buf_take(&out);
}

/* True if line is a prompt of the vendor, optionally followed by a command:
   HOST[(mode)]> / # (and Huawei's diagnose "%%"), HOST of [A-Za-z0-9._@-]. */
static bool
is_prompt(const char *line)
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
		for (const char *r = p + 1; r < q; r++)
			if (isspace((unsigned char)*r))
				return false;
		p = q + 1;
	}
	if (*p == '#' || *p == '>')
		return true;
	return p[0] == '%' && p[1] == '%';
}

/* Cleans a raw capture; see textclean.h. */
char *
tc_clean_capture(const char *in, size_t len)
{
	char *term = tc_strip_terminal(in, len);
	char *deb = tc_strip_debris(term);
	struct buf out = { 0 };
	char **v;
	size_t n = str_split_lines(deb, &v), first = 0, last;

	free(term);
	free(deb);
	/* a prompt line becomes empty; empty lines at either end go */
	for (size_t i = 0; i < n; i++)
		if (is_prompt(v[i]))
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
