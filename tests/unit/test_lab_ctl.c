/* test_lab_ctl.c — oltsim's control verbs (ctl_exec), the state dump
   (state_json), the server-side faults (conn_filter) and the options and
   config file (lab_opt_set, lab_opts_load). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cJSON.h>

#include "tests/lab/lab.h"

static const struct fleet_opts opts = { .huawei = 2, .zte = 1, .boards = 1,
	.pons = 2, .onts = 8, .seed = 3 };

/* Runs a command and returns its answer (freed by the next call). */
static const char *
run(struct sim_fleet *f, const char *line)
{
	static char *last;
	bool quit;

	free(last);
	last = ctl_exec(f, line, &quit);
	return last;
}

static void
test_cut_restore_and_errors(void **state)
{
	struct sim_fleet *f = fleet_new(&opts);
	struct sim_olt *olt = fleet_olt(f, "hw-2");
	struct sim_pon *pon;

	(void)state;
	assert_string_equal(run(f, "cut hw-2 0/1/1"), "ok");
	pon = olt_pon(olt, 0, 1, 1);
	assert_true(pon->cut);
	for (int id = 0; id <= SIM_MAX_ONTS; id++)
		if (pon->onts[id] != NULL)
			assert_int_not_equal(pon->onts[id]->state, SIM_ONLINE);
	assert_string_equal(run(f, "restore hw-2 0/1/1"), "ok");
	assert_false(pon->cut);
	assert_string_equal(run(f, "cut hw-9 0/1/0"), "error: no OLT called hw-9");
	assert_string_equal(run(f, "cut hw-1 0/9/0"), "error: no PON 0/9/0 on hw-1");
	assert_true(str_startswith(run(f, "cut hw-1 zero"), "error: cut needs a PON"));
	assert_true(str_startswith(run(f, "frobnicate"), "error: unknown verb"));
	assert_true(str_startswith(run(f, "set-state zte-1 1/1/1 99 online"), "error: no ONT 99"));
	fleet_free(f);
}

static void
test_levels_and_state(void **state)
{
	struct sim_fleet *f = fleet_new(&opts);
	struct sim_olt *olt = fleet_olt(f, "zte-1");
	struct sim_ont *ont = pon_ont(olt_pon(olt, 1, 1, 2), 3);

	(void)state;
	assert_non_null(ont);
	assert_string_equal(run(f, "set-state zte-1 1/1/2 3 online"), "ok");
	assert_string_equal(run(f, "set-levels zte-1 1/1/2 3 rx=-28.5 olt_rx=-30.25 tx=1.5"), "ok");
	assert_int_equal(ont->rx, -2850);
	assert_int_equal(ont->rx_base, -2850);
	assert_int_equal(ont->olt_rx, -3025);
	assert_int_equal(ont->tx, 150);
	assert_true(str_startswith(run(f, "set-levels zte-1 1/1/2 3 rx=abc"), "error: cannot read level"));
	assert_true(str_startswith(run(f, "set-levels zte-1 1/1/2 3 foo=-1"), "error: unknown level"));
	assert_string_equal(run(f, "set-state zte-1 1/1/2 3 dying-gasp"), "ok");
	assert_int_equal(ont->state, SIM_DYING_GASP);
	assert_int_equal(ont->down_cause, SIM_CAUSE_DYING_GASP);
	assert_int_equal(ont->rx, SIM_NO_LEVEL);
	assert_string_equal(run(f, "set-state zte-1 1/1/2 3 los"), "ok");
	assert_int_equal(ont->state, SIM_LOS);
	assert_true(str_startswith(run(f, "set-state zte-1 1/1/2 3 sleeping"), "error: unknown state"));
	assert_string_equal(run(f, "cut zte-1 1/1/2"), "ok");
	assert_true(str_startswith(run(f, "set-state zte-1 1/1/2 3 online"), "error: PON 1/1/2 of zte-1 is cut"));
	fleet_free(f);
}

static void
test_autofind_faults_tick(void **state)
{
	struct sim_fleet *f = fleet_new(&opts);
	struct sim_olt *olt = fleet_olt(f, "hw-1");
	struct sim_pon *pon;
	int before;

	(void)state;
	pon = olt_pon(olt, 0, 1, 0);
	before = pon->nautofind;
	assert_string_equal(run(f, "add-autofind hw-1 0/1/0 HWTC0000BEEF"), "ok HWTC0000BEEF");
	assert_int_equal(pon->nautofind, before + 1);
	assert_true(str_startswith(run(f, "add-autofind hw-1 0/1/0 HWTC0000BEEF"), "error: hw-1 already has"));
	assert_true(str_startswith(run(f, "add-autofind hw-1 0/1/0 nonsense"), "error: 'nonsense' is not a serial"));
	assert_true(str_startswith(run(f, "add-autofind hw-1 0/1/0"), "ok HWTC"));

	assert_string_equal(run(f, "latency hw-1 250"), "ok");
	assert_int_equal(olt->fault.latency_ms, 250);
	assert_string_equal(run(f, "drop-after hw-1 1000"), "ok");
	assert_int_equal(olt->fault.drop_after, 1000);
	assert_string_equal(run(f, "garble hw-1 on"), "ok");
	assert_string_equal(run(f, "refuse-login hw-1 on"), "ok");
	assert_string_equal(run(f, "snmp-timeout hw-1 on"), "ok");
	assert_string_equal(run(f, "busy hw-1 on"), "ok");
	assert_true(olt->fault.garble && olt->fault.refuse_login && olt->fault.snmp_timeout && olt->fault.busy);
	assert_string_equal(run(f, "busy hw-1 off"), "ok");
	assert_false(olt->fault.busy);
	assert_true(str_startswith(run(f, "garble hw-1 maybe"), "error: garble needs on or off"));
	assert_true(str_startswith(run(f, "latency hw-1 -5"), "error: latency needs milliseconds"));

	assert_string_equal(run(f, "tick 3"), "ok 3");
	assert_true(str_startswith(run(f, "tick 0"), "error"));
	fleet_free(f);
}

static void
test_dump_is_json(void **state)
{
	struct sim_fleet *f = fleet_new(&opts);
	const char *ans;
	cJSON *j, *olts, *olt, *pons, *ont;

	(void)state;
	run(f, "cut hw-1 0/1/1");
	ans = run(f, "dump hw-1");
	assert_true(str_startswith(ans, "ok {"));
	assert_null(strstr(ans, "Hw@lab1"));	/* no password */
	j = cJSON_Parse(ans + 3);
	assert_non_null(j);
	olts = cJSON_GetObjectItem(j, "olts");
	assert_int_equal(cJSON_GetArraySize(olts), 1);
	olt = cJSON_GetArrayItem(olts, 0);
	assert_string_equal(cJSON_GetObjectItem(olt, "name")->valuestring, "hw-1");
	assert_string_equal(cJSON_GetObjectItem(olt, "vendor")->valuestring, "huawei");
	pons = cJSON_GetObjectItem(olt, "pons");
	assert_int_equal(cJSON_GetArraySize(pons), 2);
	assert_true(cJSON_IsTrue(cJSON_GetObjectItem(cJSON_GetArrayItem(pons, 1), "cut")));
	ont = cJSON_GetArrayItem(cJSON_GetObjectItem(cJSON_GetArrayItem(pons, 1), "onts"), 0);
	assert_true(cJSON_IsNull(cJSON_GetObjectItem(ont, "rx")));
	assert_int_equal(strlen(cJSON_GetObjectItem(ont, "sn")->valuestring), 12);
	assert_non_null(cJSON_GetObjectItem(olt, "service_ports"));
	assert_non_null(cJSON_GetObjectItem(olt, "faults"));
	assert_non_null(cJSON_GetObjectItem(olt, "events"));
	cJSON_Delete(j);

	ans = run(f, "dump");
	j = cJSON_Parse(ans + 3);
	assert_non_null(j);
	assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(j, "olts")), 3);
	cJSON_Delete(j);
	assert_string_equal(run(f, "dump hw-7"), "error: no OLT called hw-7");
	fleet_free(f);
}

static void
test_conn_filter(void **state)
{
	struct sim_fleet *f = fleet_new(&opts);
	struct lab_conn c = { 0 };
	char text[64];
	size_t n;

	(void)state;
	c.olt = fleet_olt(f, "hw-1");
	strcpy(text, "abcdefghijklmnopqrstuvwxyz0123456789");
	n = conn_filter(&c, text, strlen(text));
	assert_int_equal(n, 36);
	assert_string_equal(text, "abcdefghijklmnopqrstuvwxyz0123456789");

	c.olt->fault.garble = true;
	n = conn_filter(&c, text, strlen(text));
	assert_int_equal(n, 36);
	assert_string_not_equal(text, "abcdefghijklmnopqrstuvwxyz0123456789");
	assert_int_equal(text[15], 'p' ^ 0x04);
	c.olt->fault.garble = false;

	c.olt->fault.drop_after = 80;
	strcpy(text, "0123456789");
	n = conn_filter(&c, text, 10);	/* 72 sent before: 8 may go */
	assert_int_equal(n, 8);
	assert_true(c.dropped);
	fleet_free(f);
}

static void
test_options_and_config(void **state)
{
	struct lab_opts o;
	char *cause = NULL, path[] = "/tmp/oltsim-test-XXXXXX";
	FILE *fp;
	int fd;

	(void)state;
	lab_opts_init(&o);
	assert_int_equal(o.fleet.huawei, 1);
	assert_int_equal(o.fleet.onts, 8);
	assert_int_equal(lab_opt_set(&o, "zte", "3", &cause), 0);
	assert_int_equal(o.fleet.zte, 3);
	assert_int_equal(lab_opt_set(&o, "onts", "500", &cause), -1);
	assert_non_null(strstr(cause, "--onts wants a number from 0 to 128"));
	assert_int_equal(lab_opt_set(&o, "colour", "red", &cause), -1);
	assert_non_null(strstr(cause, "unknown option 'colour'"));
	assert_true(lab_opt_has_value("seed"));
	assert_false(lab_opt_has_value("no-life"));

	fd = mkstemp(path);
	assert_true(fd >= 0);
	fp = fdopen(fd, "w");
	fputs("# a lab\nhuawei = 4\n  seed=99 \nno-life\nlatency = 20\n", fp);
	fclose(fp);
	assert_int_equal(lab_opts_load(&o, path, &cause), 0);
	assert_int_equal(o.fleet.huawei, 4);
	assert_int_equal(o.fleet.seed, 99);
	assert_int_equal(o.fleet.latency_ms, 20);
	assert_true(o.no_life);
	fp = fopen(path, "w");
	fputs("huawei = 2\npons = lots\n", fp);
	fclose(fp);
	assert_int_equal(lab_opts_load(&o, path, &cause), -1);
	assert_non_null(strstr(cause, ":2: --pons wants a number"));
	unlink(path);
	free(cause);
	lab_opts_free(&o);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cut_restore_and_errors),
		cmocka_unit_test(test_levels_and_state),
		cmocka_unit_test(test_autofind_faults_tick),
		cmocka_unit_test(test_dump_is_json),
		cmocka_unit_test(test_conn_filter),
		cmocka_unit_test(test_options_and_config),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
