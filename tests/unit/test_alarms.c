/* test_alarms.c — debounce, hysteresis, escalation, PON outage grouping,
   OLT reachability, temperature, per-OLT threshold overrides, and the
   alarm kinds (words, store round trip, doc table). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/alarms.h"
#include "core/store.h"
#include "lib/util.h"

#define N 8

static char dbpath[128];
static struct store *st;
static struct olt olt;
static struct ont prev[N];
static struct ont_reading cur[N];
static struct alarm_thresholds th;

static int
setup(void **state)
{
	char *cause = NULL;

	(void)state;
	snprintf(dbpath, sizeof dbpath, "/tmp/oltui-alarms-%d.db", (int)getpid());
	unlink(dbpath);
	st = store_open(dbpath, &cause);
	if (st == NULL)
		return -1;
	memset(&olt, 0, sizeof olt);
	strcpy(olt.name, "pop-north");
	strcpy(olt.host, "127.0.0.1");
	strcpy(olt.user, "root");
	olt.port = 22;
	olt.snmp_port = 161;
	strlcpy_(olt.driver, "huawei", sizeof olt.driver);
	if (store_olt_add(st, &olt, &cause) != 0)
		return -1;
	alarms_thresholds_default(&th);
	for (int i = 0; i < N; i++) {
		memset(&prev[i], 0, sizeof prev[i]);
		memset(&cur[i], 0, sizeof cur[i]);
		snprintf(prev[i].sn, sizeof prev[i].sn, "HWTC0000000%c", (char)('0' + i));
		strcpy(prev[i].port, "0/1/1");
		prev[i].ont_id = i;
		prev[i].status = ONT_ONLINE;
		prev[i].rx_dbm = -20;
		prev[i].olt_rx_dbm = -22;
		strcpy(cur[i].sn, prev[i].sn);
		strcpy(cur[i].port, prev[i].port);
		cur[i].ont_id = i;
		cur[i].status = ONT_ONLINE;
		cur[i].rx_dbm = -20;
		cur[i].olt_rx_dbm = -22;
	}
	return 0;
}

static int
teardown(void **state)
{
	char p[160];

	(void)state;
	store_close(st);
	unlink(dbpath);
	snprintf(p, sizeof p, "%s-wal", dbpath);
	unlink(p);
	snprintf(p, sizeof p, "%s-shm", dbpath);
	unlink(p);
	return 0;
}

/* Runs one sweep evaluation, then makes cur the new prev. */
static struct alarm_stats
sweep(int64_t t)
{
	struct alarm_stats s;
	char *cause = NULL;

	if (alarms_evaluate(st, &olt, &th, prev, N, cur, N, t, &s, &cause) != 0)
		fail_msg("alarms_evaluate: %s", cause);
	for (int i = 0; i < N; i++) {
		prev[i].status = cur[i].status;
		prev[i].rx_dbm = cur[i].rx_dbm;
		prev[i].olt_rx_dbm = cur[i].olt_rx_dbm;
	}
	return s;
}

/* Whether an alarm of kind is active for sn ("" for port-level). */
static bool
active(const char *sn, enum alarm_kind kind, struct alarm *out)
{
	struct alarm *a = NULL;
	size_t n = 0;
	bool found = false;

	assert_int_equal(store_alarms_active(st, olt.id, &a, &n, NULL), 0);
	for (size_t i = 0; i < n; i++)
		if (strcmp(a[i].sn, sn) == 0 && a[i].kind == kind) {
			found = true;
			if (out != NULL)
				*out = a[i];
		}
	free(a);
	return found;
}

static size_t
nactive(void)
{
	struct alarm *a = NULL;
	size_t n = 0;

	assert_int_equal(store_alarms_active(st, olt.id, &a, &n, NULL), 0);
	free(a);
	return n;
}

static void
test_rx_critical_after_debounce_then_hysteresis(void **state)
{
	const char *sn = cur[3].sn;
	struct alarm a;

	(void)state;
	cur[3].rx_dbm = -29.1;
	sweep(100);
	assert_false(active(sn, ALARM_RX_CRITICAL, NULL));	/* one reading: not yet */
	sweep(200);
	assert_true(active(sn, ALARM_RX_CRITICAL, &a));	/* two: raised */
	assert_int_equal(a.severity, SEV_CRITICAL);
	assert_non_null(strstr(a.text, "-29.10"));
	assert_false(active(sn, ALARM_RX_WARNING, NULL));
	cur[3].rx_dbm = -27.5;				/* above -28 but not by 1 dB */
	sweep(300);
	assert_true(active(sn, ALARM_RX_CRITICAL, NULL));
	cur[3].rx_dbm = -26.5;				/* past hysteresis: warning zone */
	sweep(400);
	assert_false(active(sn, ALARM_RX_CRITICAL, NULL));
	assert_true(active(sn, ALARM_RX_WARNING, NULL));	/* -27.5 then -26.5: two below -25 */
	cur[3].rx_dbm = -24.5;				/* above -25 but within 1 dB */
	sweep(500);
	assert_true(active(sn, ALARM_RX_WARNING, NULL));
	cur[3].rx_dbm = -22;
	sweep(600);
	assert_false(active(sn, ALARM_RX_WARNING, NULL));
	assert_int_equal(nactive(), 0);
}

static void
test_single_bad_reading_never_alarms(void **state)
{
	(void)state;
	cur[1].rx_dbm = -31;
	cur[2].status = ONT_LOS;
	cur[2].rx_dbm = NAN;
	sweep(100);
	cur[1].rx_dbm = -20;
	cur[2].status = ONT_ONLINE;
	cur[2].rx_dbm = -20;
	sweep(200);
	assert_int_equal(nactive(), 0);
}

static void
test_los_of_one_ont_and_recovery(void **state)
{
	struct alarm a;

	(void)state;
	cur[5].status = ONT_LOS;
	cur[5].rx_dbm = cur[5].olt_rx_dbm = NAN;
	sweep(100);
	assert_false(active(cur[5].sn, ALARM_LOS, NULL));
	sweep(200);
	assert_true(active(cur[5].sn, ALARM_LOS, &a));
	assert_int_equal(a.severity, SEV_MAJOR);
	assert_string_equal(a.port, "0/1/1");
	assert_false(active("", ALARM_PON_OUTAGE, NULL));	/* one ONT is no outage */
	cur[5].status = ONT_DYING_GASP;
	sweep(300);
	assert_false(active(cur[5].sn, ALARM_LOS, NULL));	/* state changed */
	sweep(400);
	assert_true(active(cur[5].sn, ALARM_DYING_GASP, NULL));
	cur[5].status = ONT_ONLINE;
	cur[5].rx_dbm = -20;
	sweep(500);
	assert_int_equal(nactive(), 0);
}

static void
test_pon_cut_is_one_outage_alarm(void **state)
{
	struct alarm_stats s;
	struct alarm a;

	(void)state;
	for (int i = 0; i < N; i++) {
		cur[i].status = ONT_LOS;
		cur[i].rx_dbm = cur[i].olt_rx_dbm = NAN;
	}
	s = sweep(100);
	assert_int_equal(s.raised, 0);
	s = sweep(200);
	assert_int_equal(s.raised, 1);			/* not eight */
	assert_int_equal(s.outages, 1);
	assert_true(active("", ALARM_PON_OUTAGE, &a));
	assert_string_equal(a.port, "0/1/1");
	assert_non_null(strstr(a.text, "8 of 8"));
	assert_int_equal(nactive(), 1);
	s = sweep(300);					/* still out: nothing new */
	assert_int_equal(s.raised, 0);
	assert_int_equal(nactive(), 1);
	for (int i = 0; i < N; i++) {
		cur[i].status = ONT_ONLINE;
		cur[i].rx_dbm = -20;
		cur[i].olt_rx_dbm = -22;
	}
	s = sweep(400);
	assert_int_equal(nactive(), 0);
	assert_true(s.cleared >= 1);
}

/* The first reading of an OLT (nothing stored before): the dark ONTs'
   states raise at once — the demo and a new OLT's first sweep show them —
   while a weak level still waits for its second reading. */
static void
test_first_reading_raises_run_states_at_once_but_not_levels(void **state)
{
	struct alarm_stats s;
	char *cause = NULL;

	(void)state;
	cur[1].status = ONT_LOS;
	cur[1].rx_dbm = cur[1].olt_rx_dbm = NAN;
	cur[2].status = ONT_OFFLINE;
	cur[2].rx_dbm = cur[2].olt_rx_dbm = NAN;
	cur[3].status = ONT_DYING_GASP;
	cur[3].rx_dbm = cur[3].olt_rx_dbm = NAN;
	cur[4].rx_dbm = -29.5;
	assert_int_equal(alarms_evaluate(st, &olt, &th, NULL, 0, cur, N, 100, &s, &cause), 0);
	assert_true(active(cur[1].sn, ALARM_LOS, NULL));
	assert_true(active(cur[2].sn, ALARM_OFFLINE, NULL));
	assert_true(active(cur[3].sn, ALARM_DYING_GASP, NULL));
	assert_false(active(cur[4].sn, ALARM_RX_CRITICAL, NULL));	/* a level: one reading */
	assert_int_equal(s.raised, 3);
	assert_int_equal(nactive(), 3);
}

/* A PON already cut at the first reading is one outage, not eight LOS. */
static void
test_first_reading_of_a_cut_pon_is_one_outage(void **state)
{
	struct alarm_stats s;
	char *cause = NULL;

	(void)state;
	for (int i = 0; i < N; i++) {
		cur[i].status = ONT_LOS;
		cur[i].rx_dbm = cur[i].olt_rx_dbm = NAN;
	}
	assert_int_equal(alarms_evaluate(st, &olt, &th, NULL, 0, cur, N, 100, &s, &cause), 0);
	assert_int_equal(s.raised, 1);
	assert_true(active("", ALARM_PON_OUTAGE, NULL));
	assert_int_equal(nactive(), 1);
}

static void
test_olt_unreachable_after_two_failures(void **state)
{
	char *cause = NULL;

	(void)state;
	assert_int_equal(alarms_olt_reachability(st, &olt, 0, "timeout", 100, &cause), 0);
	assert_false(active("", ALARM_OLT_UNREACHABLE, NULL));
	assert_int_equal(alarms_olt_reachability(st, &olt, 0, "timeout", 200, &cause), 0);
	assert_true(active("", ALARM_OLT_UNREACHABLE, NULL));
	assert_int_equal(alarms_olt_reachability(st, &olt, 1, NULL, 300, &cause), 0);
	assert_false(active("", ALARM_OLT_UNREACHABLE, NULL));
	/* The counter restarted: one failure is not enough again. */
	assert_int_equal(alarms_olt_reachability(st, &olt, 0, "timeout", 400, &cause), 0);
	assert_false(active("", ALARM_OLT_UNREACHABLE, NULL));
	assert_int_equal(alarms_olt_reachability(st, &olt, 1, NULL, 500, &cause), 0);
}

static void
test_temperature(void **state)
{
	(void)state;
	assert_int_equal(alarms_olt_temperature(st, &olt, &th, 75, 100, NULL), 0);
	assert_false(active("", ALARM_TEMPERATURE_HIGH, NULL));
	assert_int_equal(alarms_olt_temperature(st, &olt, &th, 76, 200, NULL), 0);
	assert_true(active("", ALARM_TEMPERATURE_HIGH, NULL));
	assert_int_equal(alarms_olt_temperature(st, &olt, &th, 69.5, 300, NULL), 0);
	assert_true(active("", ALARM_TEMPERATURE_HIGH, NULL));	/* hysteresis */
	assert_int_equal(alarms_olt_temperature(st, &olt, &th, 60, 400, NULL), 0);
	assert_false(active("", ALARM_TEMPERATURE_HIGH, NULL));
}

static void
test_per_olt_override(void **state)
{
	struct alarm_thresholds t2;
	char *cause = NULL;

	(void)state;
	assert_int_equal(alarms_set_override(st, &olt, "rx_critical", -30.5, &cause), 0);
	assert_int_equal(alarms_thresholds(st, NULL, &olt, &t2, &cause), 0);
	assert_float_equal(t2.rx_critical, -30.5, 1e-9);
	assert_float_equal(t2.rx_warning, -25.0, 1e-9);
	assert_int_equal(alarms_set_override(st, &olt, "rx_critical", NAN, &cause), 0);
	assert_int_equal(alarms_thresholds(st, NULL, &olt, &t2, &cause), 0);
	assert_float_equal(t2.rx_critical, -28.0, 1e-9);
	assert_int_equal(alarms_set_override(st, &olt, "rx_bogus", -3, &cause), -1);
	assert_non_null(strstr(cause, "rx_warning"));
	free(cause);
}

static void
test_temperature_readings_never_change_the_thresholds(void **state)
{
	struct alarm_thresholds t2;
	char *cause = NULL;

	(void)state;
	/* Versions up to schema 3 kept the hot-readings counter and the
	   temperature override under one meta key: a normal reading stored
	   "0" as the override, and three health reads later a 35 C board was
	   "above 1 C". */
	for (int i = 0; i < 4; i++) {
		assert_int_equal(alarms_olt_temperature(st, &olt, &th, 35, 100 + i, &cause), 0);
		assert_int_equal(alarms_thresholds(st, NULL, &olt, &t2, &cause), 0);
		assert_float_equal(t2.temperature_high, 70.0, 1e-9);
	}
	assert_false(active("", ALARM_TEMPERATURE_HIGH, NULL));
	assert_int_equal(alarms_set_override(st, &olt, "temperature_high", 60, &cause), 0);
	for (int i = 0; i < 3; i++) {
		assert_int_equal(alarms_thresholds(st, NULL, &olt, &t2, &cause), 0);
		assert_float_equal(t2.temperature_high, 60.0, 1e-9);
		assert_int_equal(alarms_olt_temperature(st, &olt, &t2, 65, 200 + i, &cause), 0);
	}
	assert_true(active("", ALARM_TEMPERATURE_HIGH, NULL));
	assert_int_equal(alarms_thresholds(st, NULL, &olt, &t2, &cause), 0);
	assert_float_equal(t2.temperature_high, 60.0, 1e-9);
}

static void
test_override_check_refuses_kinds_without_a_level_and_bad_values(void **state)
{
	enum alarm_kind k = ALARM_UNKNOWN;
	char *cause = NULL;

	(void)state;
	assert_int_equal(alarms_override_check("olt_rx_critical", -31, &k, &cause), 0);
	assert_int_equal(k, ALARM_OLT_RX_CRITICAL);
	assert_int_equal(alarms_override_check("los", -31, NULL, &cause), -1);
	assert_string_equal(cause, "threshold 'los': use rx_warning, rx_critical, rx_overload, "
	    "olt_rx_warning, olt_rx_critical or temperature_high");
	free(cause);
	cause = NULL;
	assert_int_equal(alarms_override_check("unknown", 1, NULL, &cause), -1);
	free(cause);
	cause = NULL;
	assert_int_equal(alarms_override_check("rx_warning", -61, NULL, &cause), -1);
	assert_non_null(strstr(cause, "out of range"));
	free(cause);
	assert_int_equal(alarms_override_check("rx_warning", NAN, NULL, NULL), 0);
}

static void
test_every_alarm_kind_round_trips_through_its_word_and_the_store(void **state)
{
	struct alarm *a = NULL;
	size_t n = 0;
	char *cause = NULL;

	(void)state;
	for (int k = 0; k < ALARM_KIND_COUNT; k++) {
		enum alarm_kind back = ALARM_KIND_COUNT;
		struct alarm al;

		assert_int_equal(alarm_kind_parse(alarm_kind_name((enum alarm_kind)k), &back), 0);
		assert_int_equal(back, k);
		for (int j = 0; j < k; j++)	/* one word per kind */
			assert_string_not_equal(alarm_kind_name((enum alarm_kind)j),
			    alarm_kind_name((enum alarm_kind)k));
		memset(&al, 0, sizeof al);
		al.olt_id = olt.id;
		snprintf(al.sn, sizeof al.sn, "SN%02d", k);
		al.kind = (enum alarm_kind)k;
		al.severity = alarm_kind_severity(al.kind);
		al.raised_at = 100 + k;
		assert_int_equal(store_alarm_raise(st, &al, &cause), 1);
	}
	assert_int_equal(alarm_kind_parse("rx_low", &(enum alarm_kind){ 0 }), -1);
	assert_string_equal(alarm_kind_name(ALARM_KIND_COUNT), "?");
	assert_int_equal(store_alarms_active(st, olt.id, &a, &n, &cause), 0);
	assert_int_equal(n, ALARM_KIND_COUNT);
	for (size_t i = 0; i < n; i++) {
		int k = atoi(a[i].sn + 2);
		assert_int_equal(a[i].kind, k);
		assert_int_equal(a[i].severity, alarm_kind_severity(a[i].kind));
		assert_int_equal(store_alarm_clear(st, olt.id, a[i].sn, a[i].kind, 300, &cause), 1);
	}
	free(a);
	assert_int_equal(nactive(), 0);
}

static void
test_the_kinds_table_has_every_kind_and_the_level_that_raises_it(void **state)
{
	char *text = NULL, row[128];
	size_t len = 0;
	FILE *m = open_memstream(&text, &len);

	(void)state;
	alarms_print_markdown(m);
	fclose(m);
	for (int k = 0; k < ALARM_KIND_COUNT; k++) {
		snprintf(row, sizeof row, "\n| `%s` | %s | ", alarm_kind_name((enum alarm_kind)k),
		    alarm_severity_name(alarm_kind_severity((enum alarm_kind)k)));
		assert_non_null(strstr(text, row));
	}
	assert_non_null(strstr(text, "| `rx_critical` | critical | ONU Rx below the critical "
	    "level (`thresholds.rx_critical_dbm`, -28 dBm by default) |"));
	assert_non_null(strstr(text, "(`thresholds.temperature_high_c`, 70 °C by default)"));
	free(text);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_rx_critical_after_debounce_then_hysteresis, setup, teardown),
		cmocka_unit_test_setup_teardown(test_single_bad_reading_never_alarms, setup, teardown),
		cmocka_unit_test_setup_teardown(test_los_of_one_ont_and_recovery, setup, teardown),
		cmocka_unit_test_setup_teardown(test_pon_cut_is_one_outage_alarm, setup, teardown),
		cmocka_unit_test_setup_teardown(test_first_reading_raises_run_states_at_once_but_not_levels, setup, teardown),
		cmocka_unit_test_setup_teardown(test_first_reading_of_a_cut_pon_is_one_outage, setup, teardown),
		cmocka_unit_test_setup_teardown(test_olt_unreachable_after_two_failures, setup, teardown),
		cmocka_unit_test_setup_teardown(test_temperature, setup, teardown),
		cmocka_unit_test_setup_teardown(test_per_olt_override, setup, teardown),
		cmocka_unit_test_setup_teardown(test_temperature_readings_never_change_the_thresholds, setup, teardown),
		cmocka_unit_test_setup_teardown(test_override_check_refuses_kinds_without_a_level_and_bad_values, setup, teardown),
		cmocka_unit_test_setup_teardown(test_every_alarm_kind_round_trips_through_its_word_and_the_store, setup, teardown),
		cmocka_unit_test_setup_teardown(test_the_kinds_table_has_every_kind_and_the_level_that_raises_it, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
