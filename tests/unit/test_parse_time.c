/* test_parse_time.c — the date and time forms the parsers read
   (drivers/parse_time.c), and how one output decides between day-first and
   month-first dates. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "drivers/parse_time.h"
#include "lib/util.h"

static void
test_time_forms(void **state)
{
	static const struct { const char *in, *want; } forms[] = {
		{ "2023-09-28 15:43:18", "2023-09-28T15:43:18" },
		{ "2023/09/28 15:43:18", "2023-09-28T15:43:18" },
		{ "2023.09.28 15:43:18", "2023-09-28T15:43:18" },
		{ "2023-09-28T15:43:18Z", "2023-09-28T15:43:18Z" },
		{ "2023-09-28 15:43:18+08:00", "2023-09-28T07:43:18Z" },
		{ "2023-09-28 15:43:18+0800", "2023-09-28T07:43:18Z" },
		{ "2023-09-28 15:43:18-03", "2023-09-28T18:43:18Z" },
		{ "2023-03-26 03:12:08+02:00 DST", "2023-03-26T01:12:08Z" },
		{ "2023-03-26 03:12:08+02:00DST", "2023-03-26T01:12:08Z" },
		{ "2023-03-26 03:12:08+02:00 (DST)", "2023-03-26T01:12:08Z" },
		{ "2023-09-28 15:43:18 UTC", "2023-09-28T15:43:18Z" },
		{ "2023-09-28 15:43:18 GMT+08:00", "2023-09-28T07:43:18Z" },
		{ "2023-09-28 15:43:18.250", "2023-09-28T15:43:18" },
		{ "28/09/2023 15:43:18", "2023-09-28T15:43:18" },
		{ "09/28/2023 15:43:18", "2023-09-28T15:43:18" },
		{ "28-09-2023 15:43", "2023-09-28T15:43:00" },
		{ "28.09.2023 15:43:18", "2023-09-28T15:43:18" },
		{ "15:43:18 28/09/2023", "2023-09-28T15:43:18" },
		{ "2024-02-29 00:00:00", "2024-02-29T00:00:00" },
		{ "2023-09-28", "2023-09-28" },
		/* a time alone it is not there, or not one */
		{ "-", NULL },
		{ "0000-00-00 00:00:00", NULL },
		{ "05/06/2023 08:00:00", NULL },	/* reads two ways */
		{ "2023-02-29 00:00:00", NULL },	/* no such day */
		{ "13/13/2023 10:00:00", NULL },
	};
	static const char *const not_times[] = {
		"1/2/1:1", "0/1/0", "V2.1.0", "10.11.12.13", "28/09/23 15:43",
		"2023-09-28x", "15:43:18", "Sep 28 2023", "online", "",
	};

	(void)state;
	for (size_t i = 0; i < nitems(forms); i++) {
		const char *p = forms[i].in;
		char *iso = (char *)"unset";

		if (pt_read(NULL, &p, &iso) != 1)
			fail_msg("\"%s\" was not read as a time", forms[i].in);
		assert_int_equal(*p, '\0');
		if (forms[i].want == NULL)
			assert_null(iso);
		else
			assert_string_equal(iso, forms[i].want);
		free(iso);
	}
	for (size_t i = 0; i < nitems(not_times); i++) {
		const char *p = not_times[i];
		char *iso = NULL;

		if (pt_read(NULL, &p, &iso) != 0)
			fail_msg("\"%s\" was read as a time", not_times[i]);
		assert_ptr_equal(p, not_times[i]);
	}
}

/* Decides the order of text with the vendor's order vendor. */
static enum pr_date_order
order_of(const char *text, enum pr_date_order vendor)
{
	struct pt_dates d;

	pt_dates_scan(&d, text, vendor);
	return d.order;
}

static void
test_one_date_decides_the_output(void **state)
{
	(void)state;
	assert_int_equal(order_of("05/06/2023 x\n28/09/2023 y\n",
	    PR_DATES_MONTH_FIRST), PR_DATES_DAY_FIRST);
	assert_int_equal(order_of("05/06/2023 x\n09/28/2023 y\n",
	    PR_DATES_DAY_FIRST), PR_DATES_MONTH_FIRST);
	/* 31/04 is no day, 04/31 neither: a date that reads no way decides
	   nothing */
	assert_int_equal(order_of("31/04/2023\n", PR_DATES_DAY_FIRST),
	    PR_DATES_NONE);
	assert_int_equal(order_of("05/06/2023 x\n", PR_DATES_DAY_FIRST),
	    PR_DATES_ASSUMED_DAY_FIRST);
	assert_int_equal(order_of("05-06-2023 x\n", PR_DATES_MONTH_FIRST),
	    PR_DATES_ASSUMED_MONTH_FIRST);
	assert_int_equal(order_of("28/09/2023 and 09/28/2023\n",
	    PR_DATES_DAY_FIRST), PR_DATES_CONFLICT);
	/* year-first dates, ports, ONU indexes and versions decide nothing */
	assert_int_equal(order_of("2023-09-28 1/2/1:1 0/1/0 V1.2.10.2023 "
	    "10.11.12.13\n", PR_DATES_DAY_FIRST), PR_DATES_NONE);
	assert_int_equal(order_of(NULL, PR_DATES_DAY_FIRST), PR_DATES_NONE);
	/* a date after a label's colon counts, one inside a word does not */
	assert_int_equal(order_of("Time:28/09/2023 10:00\n", PR_DATES_MONTH_FIRST),
	    PR_DATES_DAY_FIRST);
	assert_int_equal(order_of("x28/09/2023 1/28/09/2023\n",
	    PR_DATES_MONTH_FIRST), PR_DATES_NONE);
}

static void
test_a_declared_form_decides(void **state)
{
	(void)state;
	assert_int_equal(order_of("Time format: MM/DD/YYYY\n05/06/2023 x\n",
	    PR_DATES_DAY_FIRST), PR_DATES_MONTH_FIRST);
	assert_int_equal(order_of("(dd-mm-yyyy) 05-06-2023\n",
	    PR_DATES_MONTH_FIRST), PR_DATES_DAY_FIRST);
	/* the output contradicting its own declaration */
	assert_int_equal(order_of("DD/MM/YYYY 09/28/2023\n", PR_DATES_DAY_FIRST),
	    PR_DATES_CONFLICT);
}

static void
test_the_decided_order_reads_the_ambiguous_dates(void **state)
{
	struct pt_dates d;
	const char *p;
	char *iso;

	(void)state;
	pt_dates_scan(&d, "05/06/2023 08:00:00\n28/09/2023 15:43:18\n",
	    PR_DATES_MONTH_FIRST);
	p = "05/06/2023 08:00:00 rest";
	assert_int_equal(pt_read(&d, &p, &iso), 1);
	assert_string_equal(iso, "2023-06-05T08:00:00");
	assert_string_equal(p, " rest");
	free(iso);

	pt_dates_scan(&d, "05/06/2023 08:00:00\n", PR_DATES_MONTH_FIRST);
	iso = pt_value(&d, "05/06/2023 08:00:00");
	assert_string_equal(iso, "2023-05-06T08:00:00");
	free(iso);

	/* in a conflicting output the dates that read one way still do */
	pt_dates_scan(&d, "05/06/2023 28/09/2023 09/28/2023", PR_DATES_DAY_FIRST);
	assert_null(pt_value(&d, "05/06/2023 08:00:00"));
	iso = pt_value(&d, "09/28/2023 08:00:00");
	assert_string_equal(iso, "2023-09-28T08:00:00");
	free(iso);
}

static void
test_unreadable_names_the_value_and_where(void **state)
{
	char *cause = NULL;

	(void)state;
	assert_int_equal(pt_unreadable(&cause, "  Sep 28 2023 15:43:18 LOSi more",
	    "in row 3"), -1);
	assert_non_null(strstr(cause, "\"Sep 28 2023 15:43:18\" in row 3"));
	assert_non_null(strstr(cause, "28/09/2023 15:43:18"));
	free(cause);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_time_forms),
		cmocka_unit_test(test_one_date_decides_the_output),
		cmocka_unit_test(test_a_declared_form_decides),
		cmocka_unit_test(test_the_decided_order_reads_the_ambiguous_dates),
		cmocka_unit_test(test_unreadable_names_the_value_and_where),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
