/* test_util.c — buffers, strings, time parsing and strict integer parsing. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "lib/util.h"

static void
test_buf_grows_and_stays_terminated(void **state)
{
	struct buf b = { 0 };

	(void)state;
	assert_string_equal(buf_str(&b), "");
	for (int i = 0; i < 1000; i++)
		buf_addf(&b, "%d,", i);
	assert_int_equal(b.len, strlen(b.data));
	assert_true(str_startswith(b.data, "0,1,2,"));
	assert_true(str_endswith(b.data, "998,999,"));
	buf_consume(&b, 2);
	assert_true(str_startswith(b.data, "1,2,"));
	buf_consume(&b, b.len + 5);
	assert_int_equal(b.len, 0);
	assert_string_equal(buf_str(&b), "");
	buf_free(&b);
}

static void
test_buf_take_hands_over_the_string(void **state)
{
	struct buf b = { 0 };
	char *s;

	(void)state;
	buf_adds(&b, "abc");
	buf_addc(&b, 'd');
	s = buf_take(&b);
	assert_string_equal(s, "abcd");
	assert_null(b.data);
	free(s);
	s = buf_take(&b);
	assert_string_equal(s, "");
	free(s);
}

static void
test_trim_and_control_detection(void **state)
{
	char s[] = "  \t hello world \r\n";

	(void)state;
	assert_string_equal(str_trim(s), "hello world");
	assert_false(str_has_control("ont add 0 1 desc \"x\""));
	assert_true(str_has_control("desc\rquit"));
	assert_true(str_has_control("a\nb"));
	assert_true(str_has_control("esc\x1b[2J"));
	assert_true(str_has_control("del\x7f"));
}

static void
test_split_lines_drops_cr(void **state)
{
	char **v;
	size_t n = str_split_lines("one\r\ntwo\n\nthree", &v);

	(void)state;
	assert_int_equal(n, 4);
	assert_string_equal(v[0], "one");
	assert_string_equal(v[1], "two");
	assert_string_equal(v[2], "");
	assert_string_equal(v[3], "three");
	strv_free(v, n);
}

static void
test_parse_datetime_with_and_without_offset(void **state)
{
	int64_t t;
	char iso[32];

	(void)state;
	assert_int_equal(parse_datetime("2022-09-18 12:50:52+08:00", &t), 0);
	iso8601(t, iso);
	assert_string_equal(iso, "2022-09-18T04:50:52Z");
	assert_int_equal(parse_datetime("2023-03-21 15:08:19", &t), 0);
	iso8601(t, iso);
	assert_string_equal(iso, "2023-03-21T15:08:19Z");
	assert_int_equal(parse_datetime("2025-09-22 09:44:51-03:00", &t), 0);
	iso8601(t, iso);
	assert_string_equal(iso, "2025-09-22T12:44:51Z");
	assert_int_equal(parse_datetime("2000-01-01T00:00:00Z", &t), 0);
	assert_int_equal(t, 946684800);
	assert_int_equal(parse_datetime("yesterday", &t), -1);
	assert_int_equal(parse_datetime("2023-13-01 00:00:00", &t), -1);
}

static void
test_parse_long_is_strict(void **state)
{
	long v;

	(void)state;
	assert_int_equal(parse_long("4094", 1, 4094, &v), 0);
	assert_int_equal(v, 4094);
	assert_int_equal(parse_long("4095", 1, 4094, &v), -1);
	assert_int_equal(parse_long("0", 1, 4094, &v), -1);
	assert_int_equal(parse_long("12x", 0, 100, &v), -1);
	assert_int_equal(parse_long("", 0, 100, &v), -1);
	assert_int_equal(parse_long(" 1", 0, 100, &v), -1);
	assert_int_equal(parse_long("-3", -5, 5, &v), 0);
	assert_int_equal(v, -3);
}

static void
test_set_cause_replaces_previous(void **state)
{
	char *cause = NULL;

	(void)state;
	set_cause(&cause, "first %d", 1);
	set_cause(&cause, "ONT %s %d does not exist", "0/1/0", 5);
	assert_string_equal(cause, "ONT 0/1/0 5 does not exist");
	free(cause);
	set_cause(NULL, "ignored");
}

static void
test_time_ago_in_every_range(void **state)
{
	char out[32];

	(void)state;
	time_ago(0, 1000, out, sizeof out);
	assert_string_equal(out, "never");
	time_ago(1000, 1012, out, sizeof out);
	assert_string_equal(out, "12 s ago");
	time_ago(1000, 990, out, sizeof out);
	assert_string_equal(out, "0 s ago");
	time_ago(1000, 1000 + 3 * 60 + 5, out, sizeof out);
	assert_string_equal(out, "3m ago");
	time_ago(1000, 1000 + 2 * 3600 + 14 * 60, out, sizeof out);
	assert_string_equal(out, "2h 14m ago");
	time_ago(1000, 1000 + 5 * 86400 + 3 * 3600 + 59, out, sizeof out);
	assert_string_equal(out, "5d 3h ago");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_buf_grows_and_stays_terminated),
		cmocka_unit_test(test_buf_take_hands_over_the_string),
		cmocka_unit_test(test_trim_and_control_detection),
		cmocka_unit_test(test_split_lines_drops_cr),
		cmocka_unit_test(test_parse_datetime_with_and_without_offset),
		cmocka_unit_test(test_parse_long_is_strict),
		cmocka_unit_test(test_set_cause_replaces_previous),
		cmocka_unit_test(test_time_ago_in_every_range),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
