/* test_lab_snmp_sweep.c — oltui's own SNMP poller (drivers/snmp_map.c)
   sweeping oltsim's agent: every ONT of the fleet comes back with the
   serial, status, levels and distance the fleet holds, and every board
   with its name, CPU and temperature, for both vendors. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "drivers/huawei.h"
#include "drivers/snmp_map.h"
#include "drivers/zte.h"
#include "lib/text.h"
#include "tests/lab/fleet.h"
#include "tests/lab/snmp_agent.h"

static struct sim_fleet *fleet;

static int
setup(void **state)
{
	static const struct fleet_opts o = { .huawei = 1, .zte = 1, .boards = 2, .pons = 3,
		.onts = 10, .seed = 7 };
	char *cause = NULL;

	(void)state;
	fleet = fleet_new(&o);
	if (snmp_agent_start(fleet, &cause) < 0)
		fail_msg("agent: %s", cause);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	snmp_agent_stop();
	fleet_free(fleet);
	return 0;
}

/* An SNMP client on one OLT of the fleet. */
static struct snmp_client *
client_of(const struct sim_olt *olt)
{
	struct snmp_target t = { .host = "127.0.0.1", .port = olt->snmp_port, .version = 2,
		.community = olt->community, .timeout_ms = 1000, .retries = 1, .max_reps = 20 };
	char *cause = NULL;
	struct snmp_client *c = snmpc_open(&t, &cause);

	if (c == NULL)
		fail_msg("open: %s", cause);
	return c;
}

/* Sweeps one OLT and checks every row against the fleet. */
static void
sweep_and_check(struct sim_olt *olt, const struct snmp_profile * v)
{
	char *cause = NULL;
	struct snmp_client *c = client_of(olt);
	struct snmp_ont_row *rows;
	size_t nrows, k = 0;

	if (snmpmap_sweep(c, v, SNMPMAP_IDENTITY, &rows, &nrows, &cause) != 0)
		fail_msg("sweep: %s", cause);
	olt_lock(olt);
	for (int pi = 0; pi < olt->npons; pi++) {
		struct sim_pon *p = &olt->pons[pi];
		for (int id = 0; id <= SIM_MAX_ONTS; id++) {
			struct sim_ont *o = p->onts[id];
			if (o == NULL)
				continue;
			assert_true(k < nrows);
			struct snmp_ont_row *r = &rows[k++];
			assert_int_equal(r->frame, p->frame);
			assert_int_equal(r->slot, p->slot);
			assert_int_equal(r->port, p->port);
			assert_int_equal(r->ont_id, id);
			assert_string_equal(r->sn, o->sn);
			if (o->state == SIM_ONLINE) {
				assert_int_equal(r->status, ONT_ONLINE);
				assert_int_equal(r->distance_m, o->distance_m);
				assert_true(fabs(r->rx_dbm - o->rx / 100.0) < 0.005);
				assert_true(fabs(r->olt_rx_dbm - o->olt_rx / 100.0) < 0.005);
			} else {
				assert_int_not_equal(r->status, ONT_ONLINE);
				assert_int_equal(r->distance_m, -1);
				assert_true(isnan(r->rx_dbm));
				assert_true(isnan(r->olt_rx_dbm));
			}
		}
	}
	olt_unlock(olt);
	assert_int_equal(k, nrows);
	assert_int_equal(nrows, 2 * 3 * 10);
	free(rows);
	snmpc_close(c);
}

static void
test_sweep_huawei(void **state)
{
	(void)state;
	sweep_and_check(fleet_olt(fleet, "hw-1"), &huawei_snmp);
}

static void
test_sweep_zte(void **state)
{
	(void)state;
	sweep_and_check(fleet_olt(fleet, "zte-1"), &zte_snmp);
}

/* Reads one OLT's health and checks every board against the fleet: its
   name (Huawei's board name, ZTE's RealType), CPU and temperature. */
static void
health_and_check(struct sim_olt *olt, const struct snmp_profile *p)
{
	char *cause = NULL;
	struct snmp_client *c = client_of(olt);
	struct snmp_health h;

	if (snmpmap_health(c, p, &h, &cause) != 0)
		fail_msg("health: %s", cause);
	olt_lock(olt);
	assert_int_equal(h.nboards, olt->nboards);
	for (int i = 0; i < olt->nboards; i++) {
		const struct sim_board *b = &olt->boards[i];
		int k;

		for (k = 0; k < h.nboards && h.boards[k].slot != b->slot; k++)
			;
		assert_true(k < h.nboards);
		assert_string_equal(h.boards[k].name,
		    olt->vendor == SIM_HUAWEI ? b->name : b->real);
		assert_true(h.boards[k].name[0] != '\0');
		assert_int_equal(h.boards[k].cpu_pct, olt->cpu_pct);
		assert_false(isnan(h.boards[k].temp_c));
		assert_int_equal((int)h.boards[k].temp_c, olt->temp_c);
	}
	olt_unlock(olt);
	snmpc_close(c);
}

static void
test_health_huawei_boards(void **state)
{
	(void)state;
	health_and_check(fleet_olt(fleet, "hw-1"), &huawei_snmp);
}

/* Issue 11: a ZTE's cards had no name and no temperature over SNMP. */
static void
test_health_zte_cards_have_names_and_temperatures(void **state)
{
	(void)state;
	health_and_check(fleet_olt(fleet, "zte-1"), &zte_snmp);
}

/* Found by fuzzing (tests/fuzz/regress/snmp/): the OLT's sysName and
   sysDescr were copied as the agent sent them, escapes and invalid UTF-8
   included; they are shown, stored and put in JSON, so they are cleaned
   as every other text from a device. */
static void
test_health_texts_are_cleaned(void **state)
{
	struct sim_olt *olt = fleet_olt(fleet, "hw-1");
	char was[sizeof olt->sysname], *cause = NULL;
	struct snmp_client *c = client_of(olt);
	struct snmp_health h;

	(void)state;
	olt_lock(olt);
	memcpy(was, olt->sysname, sizeof was);
	snprintf(olt->sysname, sizeof olt->sysname, "OLT\x1b[2J\xe9\xc2\x9b" "x");
	olt_unlock(olt);
	if (snmpmap_health(c, &huawei_snmp, &h, &cause) != 0)
		fail_msg("health: %s", cause);
	olt_lock(olt);
	memcpy(olt->sysname, was, sizeof was);
	olt_unlock(olt);
	assert_string_equal(h.name, "OLT[2J??x");
	assert_true(text_is_clean(h.descr, false));
	snmpc_close(c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sweep_huawei),
		cmocka_unit_test(test_sweep_zte),
		cmocka_unit_test(test_health_huawei_boards),
		cmocka_unit_test(test_health_zte_cards_have_names_and_temperatures),
		cmocka_unit_test(test_health_texts_are_cleaned),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
