/*
 * parse_wrap.c — table cells whose value wraps onto continuation lines
 * (see parse_wrap.h for how the width is measured and the chunks joined).
 *
 * The chunks of every value are kept until the output has been read, since
 * the width is a property of the whole output: a value read on its own
 * could not tell a word broken at the column's edge from two words.  Pure;
 * any thread.
 */
#include "drivers/parse_wrap.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lib/util.h"

/* Prepares an empty column. */
void
pw_init(struct pw_column *c, size_t header_col, size_t limit, size_t min_width)
{
	memset(c, 0, sizeof *c);
	c->start = header_col;
	c->limit = limit;
	c->min_width = min_width;
}

/* Moves the column start left to col (a header or a row says so). */
static void
move_start(struct pw_column *c, size_t col)
{
	if (col < c->start)
		c->start = col;
}

/* Takes a table header's columns; see parse_wrap.h. */
void
pw_header(struct pw_column *c, size_t header_col, size_t limit)
{
	move_start(c, header_col);
	c->limit = limit;
	c->open = false;
}

/* Appends a chunk of n bytes at s, which starts at column at, to v. */
static void
add_chunk(struct pw_value *v, const char *s, size_t n, size_t at)
{
	size_t k = v->n;

	while (n > 0 && isspace((unsigned char)*s))
		s++, n--, at++;
	while (n > 0 && isspace((unsigned char)s[n - 1]))
		n--;
	v->text = xreallocarray(v->text, k + 1, sizeof *v->text);
	v->at = xreallocarray(v->at, k + 1, sizeof *v->at);
	v->text[k] = xstrndup(s, n);
	v->at[k] = at;
	v->n++;
}

/* Starts a value; see parse_wrap.h. */
void
pw_first(struct pw_column *c, size_t tag, const char *text, size_t at)
{
	struct pw_value *v;

	move_start(c, at);
	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 16;
		c->v = xreallocarray(c->v, c->cap, sizeof *c->v);
	}
	v = &c->v[c->n++];
	memset(v, 0, sizeof *v);
	v->tag = tag;
	add_chunk(v, text, strlen(text), at);
	c->open = true;
}

/* Continues the open value with line when it is a continuation. */
bool
pw_more(struct pw_column *c, const char *line)
{
	size_t at = 0, end = strlen(line);

	while (line[at] == ' ')
		at++;
	if (!c->open || c->n == 0 || c->start == SIZE_MAX || line[at] == '\0' ||
	    at < c->start || at >= c->limit) {
		c->open = false;
		return false;
	}
	if (c->limit != SIZE_MAX && end > c->limit)
		end = c->limit;
	add_chunk(&c->v[c->n - 1], line + at, end - at, at);
	return true;
}

/* Closes the open value. */
void
pw_end(struct pw_column *c)
{
	c->open = false;
}

/* Columns chunk k of v covers from the column start. */
static size_t
extent(const struct pw_column *c, const struct pw_value *v, size_t k)
{
	return (v->at[k] > c->start ? v->at[k] - c->start : 0) +
	    strlen(v->text[k]);
}

/* True if chunk k (k > 0) of v starts with the separating blank. */
static bool
lead(const struct pw_column *c, const struct pw_value *v, size_t k)
{
	return v->at[k] > c->start;
}

/* Length of the first word of s. */
static size_t
first_word(const char *s)
{
	size_t n = 0;

	while (s[n] != '\0' && !isspace((unsigned char)s[n]))
		n++;
	return n;
}

/* True if, at some break (a chunk followed by one that does not start
   with the separating blank), the chunk's extent plus slack reaches no
   further than w: with slack 1 + the next first word, a device wrapping at
   w would have put that word on the line; with slack 2, the line ended
   two or more columns short of w, so the device wraps between words. */
static bool
break_within(const struct pw_column *c, size_t w, bool next_word)
{
	for (size_t i = 0; i < c->n; i++) {
		const struct pw_value *v = &c->v[i];

		for (size_t k = 0; k + 1 < v->n; k++) {
			size_t slack = next_word ?
			    1 + first_word(v->text[k + 1]) : 2;

			if (!lead(c, v, k + 1) && extent(c, v, k) + slack <= w)
				return true;
		}
	}
	return false;
}

/* Measures the column; see parse_wrap.h. */
void
pw_measure(const struct pw_column *c, struct pw_measure *m)
{
	size_t widest = 0;

	for (size_t i = 0; i < c->n; i++)
		for (size_t k = 0; k < c->v[i].n; k++)
			if (extent(c, &c->v[i], k) > widest)
				widest = extent(c, &c->v[i], k);
	m->width = widest;
	if (widest < c->min_width && !break_within(c, c->min_width, true))
		m->width = c->min_width;
	m->words = break_within(c, m->width, false);
}

/* Joins value i; see parse_wrap.h. */
char *
pw_join(const struct pw_column *c, const struct pw_measure *m, size_t i,
    size_t *tag)
{
	const struct pw_value *v = &c->v[i];
	struct buf b = { 0 };

	*tag = v->tag;
	for (size_t k = 0; k < v->n; k++) {
		if (k > 0 && (lead(c, v, k) || extent(c, v, k - 1) < m->width ||
		    (m->words && strchr(v->text[k - 1], ' ') != NULL)))
			buf_addc(&b, ' ');
		buf_adds(&b, v->text[k]);
	}
	return b.data != NULL ? buf_take(&b) : xstrdup("");
}

/* Frees the column's values. */
void
pw_free(struct pw_column *c)
{
	for (size_t i = 0; i < c->n; i++) {
		strv_free(c->v[i].text, c->v[i].n);
		free(c->v[i].at);
	}
	free(c->v);
	memset(c, 0, sizeof *c);
}
