/*
 * diff.c — Myers' shortest edit script over lines, printed as a unified
 * diff (see diff.h).  The forward pass keeps, for each D, the diagonals
 * -D..D of V it reached (memory O(D^2), bounded by DIFF_TRACE_MAX: about
 * 2,900 differing lines; beyond, the texts' common head and tail are kept
 * and the middle is shown removed and added whole, a correct diff if not
 * the shortest, so two backups that differ everywhere cannot take the
 * machine's memory); the backtrack turns it into a list of
 * keep/delete/insert operations, and hunks are cut with ctx lines of
 * context around changes.
 */
#include "core/diff.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "lib/util.h"

struct line {
	const char	*s;
	size_t		 len;	/* without '\n' and a trailing '\r' */
};

/* Splits text into lines (pointers into text). */
static struct line *
split(const char *text, size_t *n)
{
	struct line *v = NULL;
	size_t cap = 0;
	const char *p = text, *nl;

	*n = 0;
	while (*p != '\0') {
		nl = strchr(p, '\n');
		if (*n == cap) {
			cap = cap == 0 ? 64 : cap * 2;
			v = xreallocarray(v, cap, sizeof *v);
		}
		v[*n].s = p;
		v[*n].len = nl != NULL ? (size_t)(nl - p) : strlen(p);
		if (v[*n].len > 0 && p[v[*n].len - 1] == '\r')
			v[*n].len--;
		(*n)++;
		if (nl == NULL)
			break;
		p = nl + 1;
	}
	return v;
}

static bool
eq(const struct line *a, const struct line *b)
{
	return a->len == b->len && memcmp(a->s, b->s, a->len) == 0;
}

enum op { OP_KEEP, OP_DEL, OP_ADD };

/* The most memory the search keeps for its backtrack: the window of V
   each D reached, 2D + 1 positions, so about 2,900 differing lines. */
#define DIFF_TRACE_MAX	((size_t)64 << 20)

/* The edit script when the shortest one would cost too much: the lines
   a and b share at their head and tail kept, everything between removed
   from a and added from b.  Fills ops and returns the count. */
static size_t
whole_middle(const struct line *a, long n, const struct line *b, long m, enum op *ops)
{
	long head = 0, tail = 0, i;
	size_t k = 0;

	while (head < n && head < m && eq(&a[head], &b[head]))
		head++;
	while (tail < n - head && tail < m - head && eq(&a[n - 1 - tail], &b[m - 1 - tail]))
		tail++;
	for (i = 0; i < head; i++)
		ops[k++] = OP_KEEP;
	for (i = head; i < n - tail; i++)
		ops[k++] = OP_DEL;
	for (i = head; i < m - tail; i++)
		ops[k++] = OP_ADD;
	for (i = 0; i < tail; i++)
		ops[k++] = OP_KEEP;
	return k;
}

/* Myers: fills ops (a_n + b_n entries max, in order) and returns count.
   The backtrack keeps, for each D, only the diagonals -D..D it reached;
   past DIFF_TRACE_MAX of them the middle is replaced whole (whole_middle). */
static size_t
myers(const struct line *a, long n, const struct line *b, long m, enum op *ops)
{
	long max = n + m, off = max + 1, d, k, x, y;
	long **trace = xcalloc((size_t)max + 1, sizeof *trace);
	long *v = xcalloc((size_t)(2 * max + 3), sizeof *v);
	long dfinal = -1, nops = 0, i;
	size_t kept = 0;
	enum op *rev;

	for (d = 0; d <= max && dfinal < 0; d++) {
		for (k = -d; k <= d; k += 2) {
			if (k == -d || (k != d && v[off + k - 1] < v[off + k + 1]))
				x = v[off + k + 1];
			else
				x = v[off + k - 1] + 1;
			y = x - k;
			while (x < n && y < m && eq(&a[x], &b[y])) {
				x++;
				y++;
			}
			v[off + k] = x;
			if (x >= n && y >= m) {
				dfinal = d;
				break;
			}
		}
		if (dfinal >= 0)
			break;
		kept += (size_t)(2 * d + 1) * sizeof *v;
		if (kept > DIFF_TRACE_MAX)
			break;
		/* trace[d][j] is V[j - d], for the diagonals -d..d. */
		trace[d] = xmalloc(sizeof *v * (size_t)(2 * d + 1));
		memcpy(trace[d], v + off - d, sizeof *v * (size_t)(2 * d + 1));
	}
	if (dfinal < 0) {
		for (d = 0; d <= max; d++)
			free(trace[d]);
		free(trace);
		free(v);
		return whole_middle(a, n, b, m, ops);
	}
	/* Backtrack from (n, m) to (0, 0), emitting ops in reverse. */
	rev = xcalloc((size_t)(n + m) + 1, sizeof *rev);
	x = n;
	y = m;
	for (d = dfinal; d > 0; d--) {
		const long *pv = trace[d - 1] + (d - 1);	/* pv[k] = V_{d-1}[k] */
		long pk, px, py;

		k = x - y;
		if (k == -d || (k != d && pv[k - 1] < pv[k + 1]))
			pk = k + 1;
		else
			pk = k - 1;
		px = pv[pk];
		py = px - pk;
		while (x > px && y > py) {
			rev[nops++] = OP_KEEP;
			x--;
			y--;
		}
		if (x == px)
			rev[nops++] = OP_ADD;
		else
			rev[nops++] = OP_DEL;
		x = px;
		y = py;
	}
	while (x > 0 && y > 0) {
		rev[nops++] = OP_KEEP;
		x--;
		y--;
	}
	for (i = 0; i < nops; i++)
		ops[i] = rev[nops - 1 - i];
	free(rev);
	for (d = 0; d <= max; d++)
		free(trace[d]);
	free(trace);
	free(v);
	return (size_t)nops;
}

/* Appends one line with its prefix. */
static void
put(struct buf *o, char c, const struct line *l)
{
	buf_addc(o, c);
	buf_add(o, l->s, l->len);
	buf_addc(o, '\n');
}

char *
diff_unified(const char *at, const char *bt, const char *a_label,
    const char *b_label, int ctx, size_t *added, size_t *removed)
{
	size_t n, m, nops, j, adds = 0, dels = 0;
	struct line *a = split(at != NULL ? at : "", &n);
	struct line *b = split(bt != NULL ? bt : "", &m);
	enum op *ops = xcalloc(n + m + 1, sizeof *ops);
	size_t *ai = xcalloc(n + m + 1, sizeof *ai), *bi = xcalloc(n + m + 1, sizeof *bi);
	struct buf o = { 0 };

	nops = myers(a, (long)n, b, (long)m, ops);
	/* Position in a and b before each op. */
	{
		size_t x = 0, y = 0;

		for (j = 0; j < nops; j++) {
			ai[j] = x;
			bi[j] = y;
			if (ops[j] == OP_KEEP) {
				x++;
				y++;
			} else if (ops[j] == OP_DEL) {
				x++;
				dels++;
			} else {
				y++;
				adds++;
			}
		}
	}
	if (adds > 0 || dels > 0) {
		buf_addf(&o, "--- %s\n+++ %s\n", a_label, b_label);
		j = 0;
		while (j < nops) {
			size_t start, end, k, as, bs, ac = 0, bc = 0, last;

			while (j < nops && ops[j] == OP_KEEP)
				j++;
			if (j == nops)
				break;
			/* Hunk: from ctx keeps before j to ctx keeps after the
			   last change that is within 2*ctx keeps of the next. */
			start = j >= (size_t)ctx ? j - (size_t)ctx : 0;
			last = j;
			for (k = j; k < nops; k++) {
				if (ops[k] != OP_KEEP)
					last = k;
				else if (k - last > (size_t)(2 * ctx))
					break;
			}
			end = last + 1 + (size_t)ctx;
			if (end > nops)
				end = nops;
			for (k = start; k < end; k++) {
				if (ops[k] != OP_ADD)
					ac++;
				if (ops[k] != OP_DEL)
					bc++;
			}
			as = ai[start] + (ac > 0 ? 1 : 0);
			bs = bi[start] + (bc > 0 ? 1 : 0);
			buf_addf(&o, "@@ -%zu,%zu +%zu,%zu @@\n", as, ac, bs, bc);
			for (k = start; k < end; k++) {
				if (ops[k] == OP_KEEP)
					put(&o, ' ', &a[ai[k]]);
				else if (ops[k] == OP_DEL)
					put(&o, '-', &a[ai[k]]);
				else
					put(&o, '+', &b[bi[k]]);
			}
			j = end;
		}
	}
	if (added != NULL)
		*added = adds;
	if (removed != NULL)
		*removed = dels;
	free(a);
	free(b);
	free(ops);
	free(ai);
	free(bi);
	return o.len > 0 ? buf_take(&o) : NULL;
}
