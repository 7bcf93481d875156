/*
 * diff.c — Myers' shortest edit script over lines, printed as a unified
 * diff (see diff.h).  The forward pass keeps one V array per D (memory
 * O(D * (N + M))), which is fine for configuration texts that differ in a
 * few places; the backtrack turns it into a list of keep/delete/insert
 * operations, and hunks are cut with ctx lines of context around changes.
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

/* Myers: fills ops (a_n + b_n entries max, in order) and returns count. */
static size_t
myers(const struct line *a, long n, const struct line *b, long m, enum op *ops)
{
	long max = n + m, off = max + 1, d, k, x, y;
	long **trace = xcalloc((size_t)max + 1, sizeof *trace);
	long *v = xcalloc((size_t)(2 * max + 3), sizeof *v);
	long dfinal = 0, nops = 0, i;
	enum op *rev;

	for (d = 0; d <= max; d++) {
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
				goto found;
			}
		}
		trace[d] = xmalloc(sizeof *v * (size_t)(2 * max + 3));
		memcpy(trace[d], v, sizeof *v * (size_t)(2 * max + 3));
	}
found:
	trace[dfinal] = xmalloc(sizeof *v * (size_t)(2 * max + 3));
	memcpy(trace[dfinal], v, sizeof *v * (size_t)(2 * max + 3));
	/* Backtrack from (n, m) to (0, 0), emitting ops in reverse. */
	rev = xcalloc((size_t)(n + m) + 1, sizeof *rev);
	x = n;
	y = m;
	for (d = dfinal; d > 0; d--) {
		long *pv = trace[d - 1], pk, px, py;

		k = x - y;
		if (k == -d || (k != d && pv[off + k - 1] < pv[off + k + 1]))
			pk = k + 1;
		else
			pk = k - 1;
		px = pv[off + pk];
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
