/* test_poll_snmpsim.c — the poller end to end against snmpsim: a sweep
   stores every ONT, its sample and nothing else; the second sweep raises
   the debounced alarms the generated levels call for; a wrong community
   makes the OLT unreachable after two sweeps; live reads and health; a
   sweep that runs out of its request budget is partial, not unreachable. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "tests/unit/snmpsim_fixture.h"
#include "core/config.h"
#include "core/poll.h"

static struct store *st;
static struct vault *vault;
static char dbp[320], keyp[320];
static struct olt hw, zte, bad, hwb;

static void
add_olt(struct olt *o, const char *name, const char *v, const char *community)
{
	char *sealed = vault_seal(vault, community), *cause = NULL;

	memset(o, 0, sizeof *o);
	strcpy(o->name, name);
	strlcpy_(o->driver, v, sizeof o->driver);
	strcpy(o->host, "127.0.0.1");
	strcpy(o->user, "u");
	o->port = 22;
	o->snmp_port = sim_port;
	strlcpy_(o->community_sealed, sealed, sizeof o->community_sealed);
	free(sealed);
	if (store_olt_add(st, o, &cause) != 0)
		fail_msg("olt add: %s", cause);
}

static int
setup(void **state)
{
	char *cause = NULL;
	bool created;

	if (snmpsim_setup(state) != 0)
		return -1;
	snprintf(dbp, sizeof dbp, "%s/poll.db", sim_dir);
	snprintf(keyp, sizeof keyp, "%s/key", sim_dir);
	vault_init();
	if ((vault = vault_open_keyfile(keyp, &created, &cause)) == NULL ||
	    (st = store_open(dbp, &cause)) == NULL) {
		fprintf(stderr, "%s\n", cause);
		return -1;
	}
	add_olt(&hw, "hw", "huawei", "hwsim");
	add_olt(&zte, "zte", "zte", "ztesim");
	add_olt(&bad, "bad", "huawei", "wrong-community");
	add_olt(&hwb, "hwb", "huawei", "hwsim");	/* the budget test's own OLT */
	return 0;
}

static int
teardown(void **state)
{
	store_close(st);
	vault_free(vault);
	return snmpsim_teardown(state);
}

static size_t
alarms_of(const struct olt *o, enum alarm_kind kind)
{
	struct alarm *a = NULL;
	size_t n = 0, k = 0;

	assert_int_equal(store_alarms_active(st, o->id, &a, &n, NULL), 0);
	for (size_t i = 0; i < n; i++)
		k += a[i].kind == kind;
	free(a);
	return k;
}

static void
test_sweep_then_debounced_alarms(void **state)
{
	struct poll_ctx pc = { st, NULL, vault };
	struct poll_result r;
	char *cause = NULL;
	struct ont o;
	size_t want_warn = 0, want_olt_warn = 0;

	(void)state;
	if (poll_sweep_olt(&pc, &hw, &r, &cause) != 0)
		fail_msg("sweep: %s", cause);
	assert_int_equal(r.onts, NPONS * NONTS);
	assert_int_equal(r.online, NPONS * NONTS * 9 / 10);
	assert_true(r.requests <= 6 * NPONS * NONTS / 20 + 6);
	/* One reading: the ONTs first read dark raise their state alarm at
	   once (no earlier reading to doubt it); levels wait for a second. */
	assert_int_equal(r.alarms.raised, NPONS * NONTS / 10);
	assert_int_equal(alarms_of(&hw, ALARM_OFFLINE), NPONS * NONTS / 10);
	assert_int_equal(alarms_of(&hw, ALARM_RX_WARNING), 0);
	assert_int_equal(store_ont_count(st, hw.id, NULL), NPONS * NONTS);
	assert_int_equal(store_ont_by_sn(st, "HWTC0107ABCD", &o, NULL), 1);
	assert_string_equal(o.port, "0/1/1");
	assert_int_equal(o.ont_id, 7);
	assert_float_equal(o.rx_dbm, hw_rx_raw(1, 7) / 100.0, 1e-9);
	assert_int_equal(o.status, ONT_ONLINE);
	assert_int_equal(o.distance_m, 1007);
	assert_int_equal(store_ont_by_sn(st, "HWTC0009ABCD", &o, NULL), 1);
	assert_int_equal(o.status, ONT_OFFLINE);
	assert_true(isnan(o.rx_dbm));

	if (poll_sweep_olt(&pc, &hw, &r, &cause) != 0)
		fail_msg("sweep 2: %s", cause);
	for (int p = 0; p < NPONS; p++)
		for (int i = 0; i < NONTS; i++) {
			if (!ont_online(p, i))
				continue;
			want_warn += hw_rx_raw(p, i) < -2500;
			want_olt_warn += hw_rx_raw(p, i) - 150 < -2800;
		}
	assert_true(want_warn > 0);
	assert_int_equal(alarms_of(&hw, ALARM_OFFLINE), NPONS * NONTS / 10);
	assert_int_equal(alarms_of(&hw, ALARM_RX_WARNING), want_warn);
	assert_int_equal(alarms_of(&hw, ALARM_RX_CRITICAL), 0);
	assert_int_equal(alarms_of(&hw, ALARM_OLT_RX_WARNING), want_olt_warn);
	assert_int_equal(alarms_of(&hw, ALARM_PON_OUTAGE), 0);
	/* Samples: one per online ONT per sweep. */
	{
		struct signal_sample *s = NULL;
		size_t n = 0;
		assert_int_equal(store_ont_by_sn(st, "HWTC0107ABCD", &o, NULL), 1);
		assert_int_equal(store_samples_range(st, o.id, 0, INT64_MAX, &s, &n, NULL), 0);
		assert_true(n >= 1 && n <= 2);	/* same second -> replaced */
		free(s);
	}
}

static void
test_zte_sweep_los_alarms(void **state)
{
	struct poll_ctx pc = { st, NULL, vault };
	struct poll_result r;
	char *cause = NULL;

	(void)state;
	assert_int_equal(poll_sweep_olt(&pc, &zte, &r, &cause), 0);
	assert_int_equal(poll_sweep_olt(&pc, &zte, &r, &cause), 0);
	assert_int_equal(r.onts, NPONS * NONTS);
	/* 10 of 100 ONTs per port in LOS: below the outage share, so one
	   alarm per ONT. */
	assert_int_equal(alarms_of(&zte, ALARM_LOS), NPONS * NONTS / 10);
	assert_int_equal(alarms_of(&zte, ALARM_PON_OUTAGE), 0);
}

static void
test_wrong_community_is_unreachable_after_two_sweeps(void **state)
{
	struct poll_ctx pc = { st, NULL, vault };
	struct poll_result r;
	char *cause = NULL;

	(void)state;
	assert_int_equal(poll_sweep_olt(&pc, &bad, &r, &cause), -1);
	assert_int_equal(r.outcome, POLL_UNREACHABLE);
	assert_non_null(strstr(cause, "sweep of bad failed"));
	free(cause);
	cause = NULL;
	assert_int_equal(alarms_of(&bad, ALARM_OLT_UNREACHABLE), 0);
	assert_int_equal(poll_sweep_olt(&pc, &bad, &r, &cause), -1);
	free(cause);
	assert_int_equal(alarms_of(&bad, ALARM_OLT_UNREACHABLE), 1);
	assert_int_equal(store_ont_count(st, bad.id, NULL), 0);
}

/* Checks the boards stored for o by the last health read against want
   (frame, then each board's slot, name, CPU and temperature). */
static void
check_boards(const struct olt *o, int frame, const struct board_rec *want, size_t n)
{
	struct olt_health h;
	char *cause = NULL;

	assert_int_equal(poll_health_load(st, o, &h, &cause), 1);
	assert_int_equal(h.nboards, (int)n);
	for (int i = 0; i < h.nboards; i++) {
		assert_int_equal(h.boards[i].frame, frame);
		assert_int_equal(h.boards[i].slot, want[i].slot);
		assert_string_equal(h.boards[i].name, want[i].name);
		assert_int_equal(h.boards[i].cpu_pct, want[i].cpu);
		if (isnan(want[i].temp))
			assert_true(isnan(h.boards[i].temp_c));
		else
			assert_float_equal(h.boards[i].temp_c, want[i].temp, 1e-9);
	}
}

static void
test_live_read_and_health(void **state)
{
	struct poll_ctx pc = { st, NULL, vault };
	struct ont o;
	struct ont_reading r;
	struct olt_health h, h2;
	char *cause = NULL;

	(void)state;
	assert_int_equal(store_ont_by_sn(st, "ZTEG000007D5", &o, NULL), 1);	/* 2*1000+5 = 0x7D5 */
	if (poll_live_ont(&pc, &zte, &o, &r, &cause) != 0)
		fail_msg("live: %s", cause);
	assert_int_equal(r.status, ONT_ONLINE);
	assert_float_equal(r.rx_dbm, zte_rx_raw(2, 5) * 0.002 - 30, 1e-9);
	if (poll_health(&pc, &hw, &h, &cause) != 0)
		fail_msg("health: %s", cause);
	assert_string_equal(h.descr, "Huawei Integrated Access Software MA5800-X7");
	assert_int_equal(poll_health_load(st, &hw, &h2, &cause), 1);
	assert_string_equal(h2.descr, h.descr);
	assert_int_equal(h2.read_at, h.read_at);
	assert_int_equal(poll_health_load(st, &zte, &h2, &cause), 0);
	check_boards(&hw, 0, hw_boards, sizeof hw_boards / sizeof hw_boards[0]);
}

/* Issue 11: a ZTE's cards over SNMP, from a real C300 walk: every card
   stored with its name (zxAnCardActualType), CPU, and temperature
   (zxAnCardTemp; -1000 is no sensor, stored as none). */
static void
test_zte_health_stores_card_names_and_temperatures(void **state)
{
	struct poll_ctx pc = { st, NULL, vault };
	struct olt_health h;
	char *cause = NULL;

	(void)state;
	if (poll_health(&pc, &zte, &h, &cause) != 0)
		fail_msg("health: %s", cause);
	check_boards(&zte, 1, zte_cards, sizeof zte_cards / sizeof zte_cards[0]);
}

/* Issue 11: running out of the SNMP request budget was reported as
   unreachable and counted towards the unreachable alarm.  With 15 requests
   (snmpsim answers about 10 rows per column each) the walk gets through
   port 0/1/0 (100 ONTs) and half of 0/1/1: a partial sweep that stores the whole port, says so in the
   OLT's state row, and never raises olt_unreachable; a full sweep then
   clears the flag. */
static void
test_budget_exhausted_is_a_partial_sweep_not_unreachable(void **state)
{
	struct config *cfg = config_defaults();
	struct poll_ctx pc = { st, cfg, vault };
	struct poll_result r;
	struct olt_state os;
	struct pon_port *ports = NULL;
	size_t np = 0;
	char *cause = NULL;

	(void)state;
	if (config_parse(cfg, "[poll]\nsnmp_budget_per_sweep = 15\n"
	    "snmp_max_repetitions = 15\nsnmp_requests_per_s = 1000\n", "test", &cause) != 0)
		fail_msg("config: %s", cause);
	for (int sweep = 0; sweep < 2; sweep++) {
		assert_int_equal(poll_sweep_olt(&pc, &hwb, &r, &cause), 1);
		assert_non_null(strstr(cause, "poll.snmp_budget_per_sweep"));
		free(cause);
		cause = NULL;
		assert_int_equal(r.outcome, POLL_PARTIAL);
		assert_int_equal(r.requests, 15);
		assert_int_equal(r.onts, NONTS);
		/* Stored: exactly the ONTs of the port read whole. */
		assert_int_equal(store_ont_count(st, hwb.id, NULL), NONTS);
		assert_int_equal(store_ports_list(st, hwb.id, &ports, &np, NULL), 0);
		assert_int_equal(np, 1);
		assert_string_equal(ports[0].port, "0/1/0");
		free(ports);
		ports = NULL;
		/* The OLT answered: no failure counted, no alarm. */
		assert_int_equal(store_olt_state_get(st, hwb.id, &os, NULL), 1);
		assert_true(os.sweep_ok);
		assert_true(os.sweep_partial);
		assert_int_equal(os.failures, 0);
		assert_int_equal(os.sweep_onts, NONTS);
		assert_int_equal(alarms_of(&hwb, ALARM_OLT_UNREACHABLE), 0);
	}
	/* Alarms ran on the port that was read: its offline ONTs, twice seen. */
	assert_int_equal(alarms_of(&hwb, ALARM_OFFLINE), NONTS / 10);
	/* With the default budget the next sweep is whole again. */
	pc.cfg = NULL;
	assert_int_equal(poll_sweep_olt(&pc, &hwb, &r, &cause), 0);
	assert_int_equal(r.outcome, POLL_OK);
	assert_int_equal(store_ont_count(st, hwb.id, NULL), NPONS * NONTS);
	assert_int_equal(store_olt_state_get(st, hwb.id, &os, NULL), 1);
	assert_false(os.sweep_partial);
	config_free(cfg);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sweep_then_debounced_alarms),
		cmocka_unit_test(test_zte_sweep_los_alarms),
		cmocka_unit_test(test_wrong_community_is_unreachable_after_two_sweeps),
		cmocka_unit_test(test_live_read_and_health),
		cmocka_unit_test(test_zte_health_stores_card_names_and_temperatures),
		cmocka_unit_test(test_budget_exhausted_is_a_partial_sweep_not_unreachable),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
