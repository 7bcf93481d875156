/* test_parse_wrap.c — wrapped table cells (drivers/parse_wrap.c): where a
   continuation belongs, how the column's width is measured over an output,
   and how chunks join. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "drivers/parse_wrap.h"

/* Reads lines (NULL-terminated) of a one-column table whose values start
   at column 4 after a two-character key: rows are "kk  value", every
   other line is a continuation or ends the value. */
static void
read_table(struct pw_column *c, const char *const *lines, size_t min_width)
{
	pw_init(c, SIZE_MAX, SIZE_MAX, min_width);
	for (size_t i = 0, row = 0; lines[i] != NULL; i++) {
		if (pw_more(c, lines[i]))
			continue;
		if (lines[i][0] != ' ')
			pw_first(c, row++, lines[i] + 4, 4);
	}
}

/* Joins value i of c. */
static char *
joined(const struct pw_column *c, size_t i)
{
	struct pw_measure m;
	size_t tag;

	pw_measure(c, &m);
	return pw_join(c, &m, i, &tag);
}

static void
expect_joined(const struct pw_column *c, size_t i, const char *want)
{
	char *got = joined(c, i);

	assert_string_equal(got, want);
	free(got);
}

static void
test_width_is_the_widest_chunk(void **state)
{
	static const char *const t[] = {
		"01  abcdefghij",		/* 10: the width */
		"    klm",
		"02  nopq rstu",		/* 9: ended in its blank */
		"    vwx",
		"03  short",
		NULL,
	};
	struct pw_column c;
	struct pw_measure m;

	(void)state;
	read_table(&c, t, 0);
	pw_measure(&c, &m);
	assert_int_equal(m.width, 10);
	expect_joined(&c, 0, "abcdefghijklm");
	expect_joined(&c, 1, "nopq rstu vwx");
	expect_joined(&c, 2, "short");
	pw_free(&c);
}

static void
test_a_chunk_starting_with_the_blank_joins_with_it(void **state)
{
	static const char *const t[] = {
		"01  abcdefghij",
		"     klm",			/* the separating blank */
		NULL,
	};
	struct pw_column c;

	(void)state;
	read_table(&c, t, 0);
	expect_joined(&c, 0, "abcdefghij klm");
	pw_free(&c);
}

static void
test_the_known_width_holds_until_the_output_shows_another(void **state)
{
	static const char *const between_words[] = {
		"01  Condominio Jardim das Flores",	/* 28 < 32 */
		"    Bloco B",
		NULL,
	};
	static const char *const narrower[] = {
		"01  Rua das Flores numer",	/* "o" would have fit in 32 */
		"    o 12",
		NULL,
	};
	struct pw_column c;
	struct pw_measure m;

	(void)state;
	read_table(&c, between_words, 32);
	pw_measure(&c, &m);
	assert_int_equal(m.width, 32);
	expect_joined(&c, 0, "Condominio Jardim das Flores Bloco B");
	pw_free(&c);
	read_table(&c, narrower, 32);
	pw_measure(&c, &m);
	assert_int_equal(m.width, 20);
	expect_joined(&c, 0, "Rua das Flores numero 12");
	pw_free(&c);
}

static void
test_a_column_wrapping_between_words_keeps_full_lines_apart(void **state)
{
	static const char *const t[] = {
		"01  Dr,",				/* ended short */
		"    Xxxxxxx_zone_PRINCIPAL_authd_202",	/* one word, cut */
		"    60818",
		"02  Rua Professor Joaquim de Almeida",	/* whole words, 32 */
		"    Prado 1500",
		NULL,
	};
	struct pw_column c;
	struct pw_measure m;

	(void)state;
	read_table(&c, t, 32);
	pw_measure(&c, &m);
	assert_true(m.words);
	expect_joined(&c, 0, "Dr, Xxxxxxx_zone_PRINCIPAL_authd_20260818");
	expect_joined(&c, 1, "Rua Professor Joaquim de Almeida Prado 1500");
	pw_free(&c);
}

static void
test_continuations_stay_in_their_column(void **state)
{
	struct pw_column c;
	size_t tag;
	struct pw_measure m;
	char *j;

	(void)state;
	pw_init(&c, 20, 36, 0);
	pw_first(&c, 7, "ZTE-F6600P-CUST", 20);
	/* left of the column: not a continuation, and the value is over */
	assert_false(pw_more(&c, "  ONU Number: 3/3"));
	assert_false(pw_more(&c, "                    OM"));
	pw_first(&c, 8, "ZTE-F6600P-CUST", 20);
	/* the text under the next column is not ours */
	assert_true(pw_more(&c, "                    OM              ativo_0001"));
	/* at or right of the limit: another column's */
	pw_end(&c);
	pw_first(&c, 9, "F601", 20);
	assert_false(pw_more(&c, "                                    ativo"));
	pw_measure(&c, &m);
	j = pw_join(&c, &m, 1, &tag);
	assert_int_equal(tag, 8);
	assert_string_equal(j, "ZTE-F6600P-CUSTOM");
	free(j);
	pw_free(&c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_width_is_the_widest_chunk),
		cmocka_unit_test(test_a_chunk_starting_with_the_blank_joins_with_it),
		cmocka_unit_test(test_the_known_width_holds_until_the_output_shows_another),
		cmocka_unit_test(test_a_column_wrapping_between_words_keeps_full_lines_apart),
		cmocka_unit_test(test_continuations_stay_in_their_column),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
