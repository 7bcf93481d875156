/* test_diff.c — the unified line diff used by configuration backups:
   identical texts, pure additions and removals, changes far apart (two
   hunks), context, CRLF tolerance, empty sides, and a property check that
   applying the diff to a gives b. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "core/diff.h"
#include "lib/util.h"

static void
test_same(void **state)
{
	size_t a = 9, r = 9;

	(void)state;
	assert_null(diff_unified("x\ny\n", "x\ny\n", "a", "b", 3, &a, &r));
	assert_int_equal(a, 0);
	assert_int_equal(r, 0);
	assert_null(diff_unified("x\r\ny\r\n", "x\ny\n", "a", "b", 3, NULL, NULL));
	assert_null(diff_unified("", "", "a", "b", 3, NULL, NULL));
}

static void
test_change(void **state)
{
	size_t a, r;
	char *d;

	(void)state;
	d = diff_unified("one\ntwo\nthree\n", "one\nTWO\nthree\n", "old", "new", 3, &a, &r);
	assert_non_null(d);
	assert_string_equal(d, "--- old\n+++ new\n@@ -1,3 +1,3 @@\n one\n-two\n+TWO\n three\n");
	assert_int_equal(a, 1);
	assert_int_equal(r, 1);
	free(d);
	d = diff_unified("", "a\nb\n", "old", "new", 3, &a, &r);
	assert_string_equal(d, "--- old\n+++ new\n@@ -0,0 +1,2 @@\n+a\n+b\n");
	free(d);
	d = diff_unified("a\nb\n", "", "old", "new", 3, &a, &r);
	assert_string_equal(d, "--- old\n+++ new\n@@ -1,2 +0,0 @@\n-a\n-b\n");
	assert_int_equal(r, 2);
	free(d);
}

static void
test_two_hunks(void **state)
{
	struct buf x = { 0 }, y = { 0 };
	char *d, *p;
	int i, hunks = 0;

	(void)state;
	for (i = 1; i <= 40; i++) {
		buf_addf(&x, "line %d\n", i);
		buf_addf(&y, "line %d%s\n", i, i == 5 || i == 30 ? " changed" : "");
	}
	buf_adds(&y, "tail\n");
	d = diff_unified(buf_str(&x), buf_str(&y), "a", "b", 2, NULL, NULL);
	assert_non_null(d);
	for (p = d; (p = strstr(p, "@@ -")) != NULL; p++)
		hunks++;
	assert_int_equal(hunks, 3);
	assert_non_null(strstr(d, "@@ -3,5 +3,5 @@\n line 3\n line 4\n-line 5\n+line 5 changed\n line 6\n line 7\n"));
	assert_non_null(strstr(d, "+tail\n"));
	assert_null(strstr(d, "line 15"));
	free(d);
	buf_free(&x);
	buf_free(&y);
}

/* Applies a unified diff produced by diff_unified to a (full hunks). */
static char *
apply(const char *a, const char *d)
{
	char **al, **dl;
	size_t na = str_split_lines(a, &al), nd = str_split_lines(d, &dl), i, ai = 0;
	struct buf o = { 0 };

	for (i = 2; i < nd; i++) {
		if (strncmp(dl[i], "@@ -", 4) == 0) {
			size_t start = strtoul(dl[i] + 4, NULL, 10);
			size_t cnt = strtoul(strchr(dl[i], ',') + 1, NULL, 10);

			if (cnt > 0)
				start--;
			while (ai < start && ai < na) {
				buf_addf(&o, "%s\n", al[ai++]);
			}
			continue;
		}
		if (dl[i][0] == ' ') {
			buf_addf(&o, "%s\n", dl[i] + 1);
			ai++;
		} else if (dl[i][0] == '-')
			ai++;
		else if (dl[i][0] == '+')
			buf_addf(&o, "%s\n", dl[i] + 1);
	}
	while (ai < na)
		buf_addf(&o, "%s\n", al[ai++]);
	strv_free(al, na);
	strv_free(dl, nd);
	return buf_take(&o);
}

static void
test_property(void **state)
{
	unsigned seed = 7;
	int round;

	(void)state;
	for (round = 0; round < 200; round++) {
		struct buf x = { 0 }, y = { 0 };
		int i, n = 1 + (int)(rand_r(&seed) % 30);
		char *d, *got;

		for (i = 0; i < n; i++) {
			int w = (int)(rand_r(&seed) % 5);

			buf_addf(&x, "w%d\n", w);
			if (rand_r(&seed) % 4 != 0)
				buf_addf(&y, "w%d\n", rand_r(&seed) % 3 == 0 ? w + 1 : w);
			if (rand_r(&seed) % 6 == 0)
				buf_addf(&y, "new%d\n", i);
		}
		d = diff_unified(buf_str(&x), buf_str(&y), "a", "b", (int)(round % 4), NULL, NULL);
		if (d == NULL)
			assert_string_equal(buf_str(&x), buf_str(&y));
		else {
			got = apply(buf_str(&x), d);
			assert_string_equal(got, buf_str(&y));
			free(got);
		}
		free(d);
		buf_free(&x);
		buf_free(&y);
	}
}

/* Found by fuzzing (tests/fuzz/regress/diff/, under an RSS limit): two
   backups that differ everywhere took memory in the product of their
   differences and their lengths (12 KB of input, over 1 GB; two 40,000-line
   configurations would need 25 GB).  Past a bound the diff replaces the
   middle whole: still a correct diff, in little memory; and texts that
   differ in a few places still get the shortest one. */
static void
test_texts_that_differ_everywhere_stay_in_bounds(void **state)
{
	struct buf x = { 0 }, y = { 0 };
	size_t added = 0, removed = 0;
	char *d, *got;

	(void)state;
	buf_adds(&x, "head\n");
	buf_adds(&y, "head\n");
	for (int i = 0; i < 40000; i++) {
		buf_addf(&x, "interface a%d\n", i);
		buf_addf(&y, "interface b%d\n", i);
	}
	buf_adds(&x, "tail\n");
	buf_adds(&y, "tail\n");
	d = diff_unified(buf_str(&x), buf_str(&y), "a", "b", 3, &added, &removed);
	assert_non_null(d);
	assert_int_equal(added, 40000);
	assert_int_equal(removed, 40000);
	got = apply(buf_str(&x), d);
	assert_string_equal(got, buf_str(&y));
	free(got);
	free(d);
	buf_free(&y);
	/* A few changes in a long text: the shortest diff. */
	buf_adds(&y, buf_str(&x));
	memcpy(strstr(y.data, "a20000\n"), "c20000\n", 7);
	d = diff_unified(buf_str(&x), buf_str(&y), "a", "b", 3, &added, &removed);
	assert_int_equal(added, 1);
	assert_int_equal(removed, 1);
	free(d);
	buf_free(&x);
	buf_free(&y);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_same),
		cmocka_unit_test(test_change),
		cmocka_unit_test(test_two_hunks),
		cmocka_unit_test(test_property),
		cmocka_unit_test(test_texts_that_differ_everywhere_stay_in_bounds),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
