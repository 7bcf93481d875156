/* test_snmp_snmpsim.c — the SNMP client and vendor maps against snmpsim, a
   real and independent agent, fed data files generated here from the index
   formulas and scalings of shared/reference/snmp-oids.md.  Covers sweeps of
   both vendors (with and without a sentinel after the walked subtree, so
   endOfMibView is met), live GETs, a wrong community, snmpsim's delay
   variation (timeouts), an agent that stops answering mid-walk, Counter32
   wrap through snmpsim's numeric variation, and SNMPv3 (snmpsim's default
   user).  snmpsimd is started on 127.0.0.1 and stopped by its PID. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "tests/unit/snmpsim_fixture.h"

static void
test_huawei_sweep_reads_every_ont(void **state)
{
	struct snmp_client *c = client("hwsim", 2000, 1);
	struct snmp_ont_row *rows = NULL;
	size_t n = 0;
	char *cause = NULL;

	(void)state;
	assert_int_equal(snmpmap_sweep(c, &huawei_snmp, SNMPMAP_IDENTITY, &rows, &n, &cause), 0);
	assert_int_equal(n, NPONS * NONTS);
	for (size_t i = 0; i < n; i++) {
		const struct snmp_ont_row *r = &rows[i];
		int p = r->port, o = r->ont_id;
		char sn[13];

		assert_int_equal(r->frame, 0);
		assert_int_equal(r->slot, 1);
		assert_int_equal(p, (int)i / NONTS);
		assert_int_equal(o, (int)i % NONTS);
		snprintf(sn, sizeof sn, "HWTC%02X%02XABCD", p, o);
		assert_string_equal(r->sn, sn);
		if (ont_online(p, o)) {
			assert_int_equal(r->status, ONT_ONLINE);
			assert_float_equal(r->rx_dbm, hw_rx_raw(p, o) / 100.0, 1e-9);
			assert_float_equal(r->olt_rx_dbm, (hw_rx_raw(p, o) - 150) / 100.0, 1e-9);
			assert_int_equal(r->distance_m, 1000 + o);
		} else {
			assert_int_equal(r->status, ONT_OFFLINE);
			assert_true(isnan(r->rx_dbm));
			assert_true(isnan(r->olt_rx_dbm));
			assert_int_equal(r->distance_m, -1);
		}
	}
	/* Bounded requests: 6 columns x 200 rows / 20 per request, plus ends. */
	assert_true(snmpc_requests(c) <= 200 * 6 / 20 + 4);
	free(rows);
	snmpc_close(c);
}

static void
test_zte_sweep_meets_end_of_mib_view(void **state)
{
	struct snmp_client *c = client("ztesim", 2000, 1);
	struct snmp_ont_row *rows = NULL;
	size_t n = 0;
	char *cause = NULL;

	(void)state;
	assert_int_equal(snmpmap_sweep(c, &zte_snmp, SNMPMAP_IDENTITY, &rows, &n, &cause), 0);
	assert_int_equal(n, NPONS * NONTS);
	for (size_t i = 0; i < n; i++) {
		const struct snmp_ont_row *r = &rows[i];
		char sn[13];

		assert_int_equal(r->frame, 1);
		assert_int_equal(r->slot, 1);
		snprintf(sn, sizeof sn, "ZTEG%08X", r->port * 1000 + r->ont_id);
		assert_string_equal(r->sn, sn);
		assert_int_equal(r->distance_m, 2000 + r->ont_id);
		if (ont_online(r->port, r->ont_id)) {
			assert_int_equal(r->status, ONT_ONLINE);
			assert_float_equal(r->rx_dbm,
			    zte_rx_raw(r->port, r->ont_id) * 0.002 - 30, 1e-9);
			assert_float_equal(r->olt_rx_dbm, (-20000 - r->ont_id) / 1000.0, 1e-9);
		} else {
			assert_int_equal(r->status, ONT_LOS);
			assert_true(isnan(r->rx_dbm));
			assert_true(isnan(r->olt_rx_dbm));
		}
		if (r->ont_id == 5)
			assert_string_equal(r->desc, "");	/* "$$$$" = empty */
		else
			assert_true(str_startswith(r->desc, "ONU-"));
	}
	free(rows);
	snmpc_close(c);
}

static void
test_live_read_of_one_ont(void **state)
{
	struct snmp_client *c = client("ztesim", 2000, 1);
	struct snmp_ont_row r = { .frame = 1, .slot = 1, .port = 2, .ont_id = 7 };
	char *cause = NULL;

	(void)state;
	assert_int_equal(snmpmap_live(c, &zte_snmp, &r, &cause), 0);
	assert_int_equal(r.status, ONT_ONLINE);
	assert_float_equal(r.rx_dbm, zte_rx_raw(2, 7) * 0.002 - 30, 1e-9);
	assert_int_equal(snmpc_requests(c), 1);
	r.ont_id = 120;
	assert_int_equal(snmpmap_live(c, &zte_snmp, &r, &cause), -1);
	assert_non_null(strstr(cause, "not configured"));
	free(cause);
	snmpc_close(c);
}

static void
test_wrong_community_times_out_with_a_clear_cause(void **state)
{
	struct snmp_client *c = client("no-such-community", 200, 1);
	struct snmp_ont_row *rows = NULL;
	size_t n = 0;
	char *cause = NULL;

	(void)state;
	assert_int_equal(snmpmap_sweep(c, &huawei_snmp, 0, &rows, &n, &cause), -1);
	assert_non_null(strstr(cause, "no answer from 127.0.0.1"));
	assert_non_null(strstr(cause, "wrong community"));
	assert_int_equal(n, 0);
	assert_null(rows);
	free(cause);
	snmpc_close(c);
}

static void
test_delay_variation_times_out(void **state)
{
	struct snmp_client *c = client("slow", 300, 0);
	struct snmp_oid o;
	struct snmp_value v;
	char *cause = NULL;

	(void)state;
	snmp_oid_parse("1.3.6.1.2.1.1.5.0", &o);
	assert_int_equal(snmpc_get(c, &o, 1, &v, &cause), -1);
	assert_non_null(strstr(cause, "within 300 ms"));
	free(cause);
	snmpc_close(c);
	/* snmpsim serves delayed replies one after another: let it drain. */
	sleep_ms(3200);
}

struct stopper {
	int	 seen;
};

static int
stop_agent_after_first(const struct snmp_value *v, void *arg)
{
	struct stopper *s = arg;

	(void)v;
	if (s->seen++ == 0)
		kill(sim_pid, SIGSTOP);
	return 0;
}

static void
test_agent_that_stops_mid_walk(void **state)
{
	struct snmp_client *c = client("hwsim", 300, 1);
	struct snmp_oid col;
	struct stopper s = { 0 };
	char *cause = NULL;

	(void)state;
	snmp_oid_parse("1.3.6.1.4.1.2011.6.128.1.1.2.51.1.4", &col);
	assert_int_equal(snmpc_walk(c, &col, stop_agent_after_first, &s, &cause), -1);
	kill(sim_pid, SIGCONT);
	assert_int_equal(s.seen, 20);	/* the first GETBULK's worth */
	assert_non_null(strstr(cause, "walk stopped after 20 values"));
	free(cause);
	snmpc_close(c);
}

static void
test_counter32_wrap(void **state)
{
	struct snmp_client *c = client("hwsim", 2000, 1);
	struct snmp_oid o;
	uint64_t prev = 0;
	int64_t tprev = 0;
	int wraps = 0;

	(void)state;
	snmp_oid_parse("1.3.6.1.4.1.2011.6.128.1.1.4.23.1.3.4194312192.0", &o);
	/* 1e9 per second wraps 2^32 every ~4.3 s: read for 6 s. */
	for (int i = 0; i < 25; i++) {
		struct snmp_value v;
		int64_t t;

		assert_int_equal(snmpc_get(c, &o, 1, &v, NULL), 0);
		assert_int_equal(v.type, SNMPV_UINT);
		t = mono_ms();
		if (i > 0) {
			uint64_t d = snmp_counter_delta(prev, v.u, 32);
			double rate = (double)d / ((double)(t - tprev) / 1000.0);
			if (v.u < prev)
				wraps++;
			/* Never a huge bogus jump: the delta matches the rate. */
			assert_true(rate > 2e8 && rate < 5e9);
		}
		prev = v.u;
		tprev = t;
		sleep_ms(250);
	}
	assert_true(wraps >= 1);
	snmpc_close(c);
}

static void
test_snmpv3_default_simulator_user(void **state)
{
	struct snmp_target t = { .host = "127.0.0.1", .port = sim_port, .version = 3,
		.v3_user = "simulator", .v3_auth_proto = "MD5", .v3_auth_pass = "auctoritas",
		.v3_priv_proto = "DES", .v3_priv_pass = "privatus", .v3_context = "ztesim",
		.timeout_ms = 2000 };
	struct snmp_target bad = t;
	char *cause = NULL;
	struct snmp_client *c;
	struct snmp_oid o;
	struct snmp_value v;

	(void)state;
	/* snmpsim selects the data file by the v3 context name. */
	c = snmpc_open(&t, &cause);
	assert_non_null(c);
	snmp_oid_parse("1.3.6.1.2.1.1.5.0", &o);
	if (snmpc_get(c, &o, 1, &v, &cause) != 0)
		fail_msg("v3 get: %s", cause);
	assert_int_equal(v.type, SNMPV_OCTETS);
	assert_memory_equal(v.bytes, "ztesim", 6);
	snmpc_close(c);
	bad.v3_auth_pass = "short";
	assert_null(snmpc_open(&bad, &cause));
	assert_non_null(strstr(cause, "at least 8"));
	free(cause);
}

static void
test_budget_and_rate_limit(void **state)
{
	struct snmp_target t = { .host = "127.0.0.1", .port = sim_port,
		.community = "hwsim", .timeout_ms = 2000, .retries = 0,
		.max_requests = 3 };
	struct snmp_ont_row *rows = NULL;
	size_t n = 0;
	char *cause = NULL;
	struct snmp_client *c = snmpc_open(&t, &cause);
	struct snmp_oid o;
	struct snmp_value v;
	int64_t start;

	(void)state;
	/* The budget stops the walk inside port 0/1/0: a partial sweep with no
	   whole port (issue 11: it was a failure like no answer at all). */
	assert_int_equal(snmpmap_sweep(c, &huawei_snmp, 0, &rows, &n, &cause), SNMPMAP_PARTIAL);
	assert_true(snmpc_budget_spent(c));
	assert_int_equal(n, 0);
	assert_non_null(strstr(cause, "budget of 3"));
	assert_int_equal(snmpc_requests(c), 3);
	free(rows);
	free(cause);
	cause = NULL;
	snmpc_close(c);
	/* A budget that lets the walk through port 0/1/0 and into 0/1/1: the
	   rows of 0/1/0, every one of them, and nothing of 0/1/1. */
	t.max_requests = 15;
	c = snmpc_open(&t, &cause);
	assert_int_equal(snmpmap_sweep(c, &huawei_snmp, SNMPMAP_IDENTITY, &rows, &n, &cause),
	    SNMPMAP_PARTIAL);
	free(cause);
	cause = NULL;
	assert_int_equal(n, NONTS);
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(rows[i].port, 0);
		assert_int_equal(rows[i].ont_id, (int)i);
		assert_int_not_equal(rows[i].status, ONT_UNKNOWN);
		assert_true(rows[i].sn[0] != '\0' && rows[i].desc[0] != '\0');
	}
	free(rows);
	snmpc_close(c);
	/* A client that never met its budget says so. */
	t.max_requests = 0;
	c = snmpc_open(&t, &cause);
	assert_int_equal(snmpmap_sweep(c, &huawei_snmp, 0, &rows, &n, &cause), 0);
	assert_false(snmpc_budget_spent(c));
	assert_int_equal(n, NPONS * NONTS);
	free(rows);
	snmpc_close(c);
	/* 10 requests a second: five GETs are spaced at least 100 ms apart. */
	t.max_requests = 0;
	t.rate_per_s = 10;
	c = snmpc_open(&t, &cause);
	snmp_oid_parse("1.3.6.1.2.1.1.5.0", &o);
	start = mono_ms();
	for (int i = 0; i < 5; i++)
		assert_int_equal(snmpc_get(c, &o, 1, &v, NULL), 0);
	assert_true(mono_ms() - start >= 400);
	snmpc_close(c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_huawei_sweep_reads_every_ont),
		cmocka_unit_test(test_zte_sweep_meets_end_of_mib_view),
		cmocka_unit_test(test_live_read_of_one_ont),
		cmocka_unit_test(test_wrong_community_times_out_with_a_clear_cause),
		cmocka_unit_test(test_delay_variation_times_out),
		cmocka_unit_test(test_agent_that_stops_mid_walk),
		cmocka_unit_test(test_counter32_wrap),
		cmocka_unit_test(test_snmpv3_default_simulator_user),
		cmocka_unit_test(test_budget_and_rate_limit),
	};
	return cmocka_run_group_tests(tests, snmpsim_setup, snmpsim_teardown);
}
