/*
 * parse_wrap.h — table cells whose value wraps onto continuation lines
 * (internal to the vendor parsers; not a public contract).
 *
 * Huawei prints a long description over several lines, each a chunk of the
 * column's width, the next ones indented to the column; ZTE wraps a long
 * ONU type the same way.  Lines reach the parsers right-trimmed (a terminal
 * shows no trailing blanks), so the blanks that padded a chunk are gone,
 * and the width is not written anywhere: it is measured, and the chunks are
 * joined by it.
 *
 * How it is measured, for one column over the whole output (every table of
 * it; one firmware wraps one way):
 *   - the column starts at its header label or at a row's value,
 *     whichever is furthest left; a line whose text starts there or to the
 *     right of it (and left of the next column, if one follows) and that
 *     is not a new row continues the value above;
 *   - a chunk's extent is the columns it covers from the column start (a
 *     chunk that starts one blank right of it, with the separating blank,
 *     covers that blank too); the widest chunk M is the width W, unless
 *     the caller knows the column is at least min_width wide (Huawei's
 *     descriptions: 32) and nothing in the output says otherwise: then W is
 *     min_width.  The output says otherwise when a chunk is wider, or when
 *     after some chunk the next chunk's first word would have fit in
 *     min_width (a device wrapping at min_width would have put it there).
 * How the chunks join:
 *   - the next chunk starts with the separating blank -> one blank;
 *   - the chunk is narrower than W: it ended in blanks -> one blank;
 *   - the chunk fills W: a word broken at the column's edge -> no blank;
 *     except when the column wraps between words (some chunk followed by a
 *     word ended two or more columns short of W) and the chunk has blanks
 *     inside: a line of whole words -> one blank.
 * An output that no measure can settle (every wrapped line broke between
 * words and none reached the column's edge) is joined as if its widest
 * line filled the column (with a min_width above it, as if none did).
 *
 * Usage: pw_init, then for each row pw_end (the value above is over),
 * pw_first (the row's value), and for each following line pw_more until it
 * returns false; after the last table pw_measure once and pw_join each
 * value.  Pure; no global state; any thread.
 */
#ifndef OLTUI_PARSE_WRAP_H
#define OLTUI_PARSE_WRAP_H

#include <stdbool.h>
#include <stddef.h>

/* One value: its chunks, top to bottom. */
struct pw_value {
	size_t		 tag;		/* the caller's handle (a row index) */
	char		**text;		/* each chunk, trimmed */
	size_t		*at;		/* the column each chunk starts at */
	size_t		 n;		/* chunks */
};

/* One wrapped column of an output. */
struct pw_column {
	size_t		 start;		/* the column's first cell (SIZE_MAX: not known yet) */
	size_t		 limit;		/* the next column's first cell (SIZE_MAX: the last column) */
	size_t		 min_width;	/* the width it is known to have at least; 0: measure */
	bool		 open;		/* the last value may still continue */
	struct pw_value	*v;
	size_t		 n, cap;
};

/* Prepares c.  header_col: the header label's column (SIZE_MAX when
   unknown); limit: the next column's (SIZE_MAX for the last column). */
void pw_init(struct pw_column *c, size_t header_col, size_t limit,
    size_t min_width);
/* Tells c where a table's header puts the column's label and the next
   column's (limit; SIZE_MAX for the last column). */
void pw_header(struct pw_column *c, size_t header_col, size_t limit);
/* Starts a value: text (as printed in the row; trimmed here) starting at
   column at of its line; tag is handed back by pw_join. */
void pw_first(struct pw_column *c, size_t tag, const char *text, size_t at);
/* Adds line to the open value when it is a continuation: its text starts
   at or right of the column start and left of the limit.  Returns false
   (and closes the value) when it is not one; the caller then reads it as
   whatever else it is. */
bool pw_more(struct pw_column *c, const char *line);
/* Closes the open value (a new row, a rule, another table). */
void pw_end(struct pw_column *c);
/* What the output shows of the column (see the top of the file). */
struct pw_measure {
	size_t		 width;		/* W */
	bool		 words;		/* it wraps between words */
};
/* Measures the column over every value read. */
void pw_measure(const struct pw_column *c, struct pw_measure *m);
/* Value i joined by m (pw_measure, once for all values), *tag its tag.
   Caller frees. */
char *pw_join(const struct pw_column *c, const struct pw_measure *m, size_t i,
    size_t *tag);
/* Frees everything c holds. */
void pw_free(struct pw_column *c);

#endif
