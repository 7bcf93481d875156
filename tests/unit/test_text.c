/*
 * test_text.c — lib/text.h: what may be stored and shown (issue 13:
 * invalid UTF-8, C1 controls and reordering characters were accepted and
 * made `contract list --json` emit invalid JSON).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "lib/text.h"
#include "lib/util.h"

static void
test_clean_text_passes(void **state)
{
	(void)state;
	assert_null(text_problem(""));
	assert_null(text_problem("Rua São João, 4º andar"));
	assert_null(text_problem("Ñandú · 東京 · 🙂"));
	assert_true(text_is_clean("Rua São João", false));
	assert_true(text_is_clean("line 1\nline 2", true));
	assert_false(text_is_clean("line 1\nline 2", false));
}

static void
test_problems_named(void **state)
{
	(void)state;
	assert_string_equal(text_problem("a\tb"),
	    "a control character (tab, line break, escape)");
	assert_string_equal(text_problem("a\x1b[2Jb"),
	    "a control character (tab, line break, escape)");
	assert_string_equal(text_problem("a\x7f"),
	    "a control character (tab, line break, escape)");
	assert_string_equal(text_problem("a\xc2\x9b" "31mb"),
	    "a C1 control character (U+009B)");
	assert_string_equal(text_problem("evil\xe2\x80\xae" "gpj.exe"),
	    "a character that reorders text (U+202E)");
	assert_string_equal(text_problem("\xe2\x81\xa6x"),
	    "a character that reorders text (U+2066)");
	/* Overlong forms, surrogates, past U+10FFFF, truncated, stray bytes. */
	assert_string_equal(text_problem("\xc0\xaf"), "invalid UTF-8");
	assert_string_equal(text_problem("\xe0\x80\xaf"), "invalid UTF-8");
	assert_string_equal(text_problem("\xf0\x80\x80\xaf"), "invalid UTF-8");
	assert_string_equal(text_problem("\xed\xa0\x80"), "invalid UTF-8");
	assert_string_equal(text_problem("\xf4\x90\x80\x80"), "invalid UTF-8");
	assert_string_equal(text_problem("ab\xc3"), "invalid UTF-8");
	assert_string_equal(text_problem("\x80"), "invalid UTF-8");
	assert_string_equal(text_problem("\xff"), "invalid UTF-8");
	assert_false(text_is_clean("\xc2\x9b", true));
	assert_false(text_is_clean("\xe2\x80\xae", true));
	assert_false(text_is_clean("\xc0\xaf", true));
}

static void
test_sanitize(void **state)
{
	char a[] = "a\tb\x1b[2J\r\nc";
	char b[] = "x\xc2\x9by\xe2\x80\xaez\xc0\xaf\xff";
	char c[] = "one\ntwo\rthree";
	char d[] = "São";

	(void)state;
	assert_string_equal(text_sanitize(a), "a b [2J  c");
	assert_string_equal(text_sanitize(b), "x?y?z???");
	assert_null(text_problem(b));
	assert_string_equal(text_sanitize_lines(c), "one\ntwo three");
	assert_string_equal(text_sanitize(d), "São");
}

static void
test_cut_keeps_sequences_whole(void **state)
{
	char a[] = "ãããã";	/* 2 bytes each */
	char b[] = "abc";

	(void)state;
	assert_string_equal(text_cut(a, 5), "ãã");
	assert_null(text_problem(a));
	assert_string_equal(text_cut(b, 5), "abc");
	assert_string_equal(text_cut(b, 0), "");
}

static void
test_shown_and_checked(void **state)
{
	char *cause = NULL;

	(void)state;
	assert_string_equal(text_shown("S\xc3\xa3o Jo\xc3\xa3o"), "S\xc3\xa3o Jo\xc3\xa3o");
	assert_string_equal(text_shown("a\x1b[2J"), "?");
	assert_string_equal(text_shown("a\xe9"), "?");
	assert_string_equal(text_shown(NULL), "?");
	assert_int_equal(text_check("--desc", "Pra\xc3\xa7" "a", &cause), 0);
	assert_null(cause);
	assert_int_equal(text_check("--desc", "x\xc2\x9b", &cause), -1);
	assert_string_equal(cause, "--desc: holds a C1 control character (U+009B); only "
	    "printable UTF-8 text is allowed");
	free(cause);
	assert_int_equal(text_check("x", "\xff", NULL), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_clean_text_passes),
		cmocka_unit_test(test_problems_named),
		cmocka_unit_test(test_sanitize),
		cmocka_unit_test(test_cut_keeps_sequences_whole),
		cmocka_unit_test(test_shown_and_checked),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
