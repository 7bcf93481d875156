/*
 * fuzz_diff.c — the configuration-backup diff (core/diff.c diff_unified)
 * on any two texts.
 *
 * Input: byte 0 the context (0-7 lines), then text a, a NUL, text b.
 *
 * Invariants: no diff exactly when the texts have the same lines (a
 * trailing CR aside); otherwise the diff is well formed (headers, hunks
 * whose counts match their lines), its hunks applied to a give b's lines,
 * and the counts it reports are its '+' and '-' lines.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/diff.h"
#include "lib/util.h"
#include "tests/fuzz/harness.h"

struct lines {
	char	**v;
	size_t	  n;
};

/* Splits text the way diff.c does: at '\n', a trailing '\r' dropped
   (when drop_cr), no line after a final '\n'. */
static void
split_lines(const char *text, bool drop_cr, struct lines *l)
{
	const char *p = text;

	l->v = NULL;
	l->n = 0;
	while (*p != '\0') {
		const char *nl = strchr(p, '\n');
		size_t len = nl != NULL ? (size_t)(nl - p) : strlen(p);

		if (drop_cr && len > 0 && p[len - 1] == '\r')
			len--;
		l->v = xreallocarray(l->v, l->n + 1, sizeof *l->v);
		l->v[l->n++] = xstrndup(p, len);
		if (nl == NULL)
			break;
		p = nl + 1;
	}
}

static bool
same(const struct lines *a, const struct lines *b)
{
	if (a->n != b->n)
		return false;
	for (size_t i = 0; i < a->n; i++)
		if (strcmp(a->v[i], b->v[i]) != 0)
			return false;
	return true;
}

/* Applies the unified diff d to a; the result in *out. */
static void
patch(const struct lines *a, const char *d, struct lines *out, size_t *adds,
    size_t *dels)
{
	struct lines dl;
	size_t i = 2, at = 0;	/* next diff line, next line of a */

	split_lines(d, false, &dl);	/* a line of a may end in CR still */
	out->v = NULL;
	out->n = 0;
	*adds = *dels = 0;
	if (dl.n < 3 || strncmp(dl.v[0], "--- ", 4) != 0 || strncmp(dl.v[1], "+++ ", 4) != 0)
		fz_fail("a diff without its --- / +++ headers");
	while (i < dl.n) {
		size_t as, ac, bs, bc, seen_a = 0, seen_b = 0;

		if (sscanf(dl.v[i], "@@ -%zu,%zu +%zu,%zu @@", &as, &ac, &bs, &bc) != 4)
			fz_fail("diff line %zu is not a hunk header: %s", i + 1, dl.v[i]);
		i++;
		/* Lines of a before the hunk are kept as they are. */
		if (ac > 0)
			as--;
		if (as < at || as > a->n)
			fz_fail("a hunk starts at line %zu of a, which has %zu (at %zu)",
			    as + 1, a->n, at);
		while (at < as) {
			out->v = xreallocarray(out->v, out->n + 1, sizeof *out->v);
			out->v[out->n++] = xstrdup(a->v[at++]);
		}
		while (i < dl.n && dl.v[i][0] != '@') {
			char c = dl.v[i][0];
			const char *text = dl.v[i][0] != '\0' ? dl.v[i] + 1 : "";

			if (c == ' ' || c == '-') {
				if (at >= a->n || strcmp(a->v[at], text) != 0)
					fz_fail("diff line %zu does not match line %zu of a",
					    i + 1, at + 1);
				at++;
				seen_a++;
			}
			if (c == ' ' || c == '+') {
				out->v = xreallocarray(out->v, out->n + 1, sizeof *out->v);
				out->v[out->n++] = xstrdup(text);
				seen_b++;
			}
			if (c == '+')
				(*adds)++;
			else if (c == '-')
				(*dels)++;
			else if (c != ' ')
				fz_fail("diff line %zu starts with '%c'", i + 1, c);
			i++;
		}
		if (seen_a != ac || seen_b != bc)
			fz_fail("a hunk says -%zu +%zu and holds -%zu +%zu", ac, bc,
			    seen_a, seen_b);
	}
	while (at < a->n) {
		out->v = xreallocarray(out->v, out->n + 1, sizeof *out->v);
		out->v[out->n++] = xstrdup(a->v[at++]);
	}
	strv_free(dl.v, dl.n);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fz in = { data, size };
	int ctx = (int)(fz_byte(&in) % 8);
	char *a = fz_part(&in, NULL), *b = fz_part(&in, NULL), *d;
	struct lines la, lb, got;
	size_t added = 0, removed = 0, pa, pr;

	if (a == NULL)
		a = xstrdup("");
	if (b == NULL)
		b = xstrdup("");
	split_lines(a, true, &la);
	split_lines(b, true, &lb);
	d = diff_unified(a, b, "a", "b", ctx, &added, &removed);
	if (d == NULL) {
		if (!same(&la, &lb))
			fz_fail("no diff between texts whose lines differ");
		if (added != 0 || removed != 0)
			fz_fail("no diff, yet %zu added and %zu removed", added, removed);
	} else {
		if (same(&la, &lb))
			fz_fail("a diff between texts with the same lines");
		patch(&la, d, &got, &pa, &pr);
		if (!same(&got, &lb))
			fz_fail("the diff applied to a does not give b");
		if (pa != added || pr != removed)
			fz_fail("the diff holds +%zu -%zu and says +%zu -%zu", pa, pr,
			    added, removed);
		strv_free(got.v, got.n);
	}
	strv_free(la.v, la.n);
	strv_free(lb.v, lb.n);
	free(d);
	free(a);
	free(b);
	return 0;
}
