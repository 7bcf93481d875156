/* test_plan_identity.c — a console action and the verb that does the same
   thing make the same plan, byte for byte, on both vendors.

   The console's request comes from the wizard's own request builders
   (wizard_request, wizard_provision_request: what a technician's choice of
   ONT, key and typed text makes) through wjob_req; the verb's from its own
   argument parser (vw_ont_request, vw_provision_request).  Both go to
   ops_write() as a dry run against the lab's OLTs (in this process, over
   SSH and Telnet on loopback), which reads what the plan needs from the
   device (the ONT's configuration, the free ONT id) and returns the
   preview.  The previews must be identical and complete. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/ops.h"
#include "tests/unit/lab_fixture.h"
#include "tui/console/console.h"
#include "tui/verbs/verb_write.h"

static struct {
	struct lab_fixture	 lf;
	struct engine		*e;
	struct store		*st;
} lab;

static int
setup(void **state)
{
	struct fleet_opts fo = { .huawei = 1, .zte = 1, .boards = 1, .pons = 2, .onts = 4,
	    .seed = 7 };
	struct contract k = { 0 };
	struct err err = { 0 };
	char *cause = NULL;

	(void)state;
	lab_up(&lab.lf, &fo);
	lab.e = lab_engine(&lab.lf, NULL);
	lab.st = engine_store(lab.e, NULL);
	lab_add_olt(lab.e, fleet_olt(lab.lf.fleet, "hw-1"), NULL, "huawei", TRANSPORT_SSH, 0);
	lab_add_olt(lab.e, fleet_olt(lab.lf.fleet, "zte-1"), NULL, "zte", TRANSPORT_TELNET, 0);
	lab_add_profile(lab.e, "huawei-100", 100, 100, "10", "31");
	lab_add_profile(lab.e, "zte-100", 200, 100, "100M", "100M");
	strcpy(k.code, "C-1");
	strcpy(k.customer, "Kiosk");
	if (store_contract_add(lab.st, &k, &cause) != 0)
		fail_msg("%s", cause);
	/* The ONTs of each OLT's first port, read from the device. */
	if (ops_port_read(lab.e, "hw-1", "0/1/0", &err) != 0 ||
	    ops_port_read(lab.e, "zte-1", "1/1/1", &err) != 0)
		fail_msg("%s", err_text(&err));
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	engine_close(lab.e);
	lab_down(&lab.lf);
	return 0;
}

/* The first ONT stored on port of olt. */
static struct ont
first_ont(const char *olt, const char *port)
{
	struct olt o;
	struct ont *v = NULL, r;
	size_t n = 0;
	char *cause = NULL;

	assert_int_equal(store_olt_by_name(lab.st, olt, &o, &cause), 1);
	assert_int_equal(store_onts_on_port(lab.st, o.id, port, &v, &n, &cause), 0);
	assert_true(n > 0);
	r = v[0];
	free(v);
	return r;
}

/* The dry-run preview of rq (status in *s); caller frees. */
static char *
preview(const struct op_req *rq, enum write_status *s)
{
	struct write_opts o = { .dry_run = true };
	struct write_report rep;
	char *p;

	*s = ops_write(lab.e, rq, &o, &rep, NULL);
	if (*s != WRITE_DONE)
		fail_msg("%s: %s", op_kind_name(rq->kind), rep.cause != NULL ? rep.cause : "?");
	p = xstrdup(rep.preview != NULL ? rep.preview : "");
	writes_report_free(&rep);
	return p;
}

/* Compares the console's plan of w with the verb's plan of argv. */
static void
same_plan(const struct wjob *w, int argc, char **argv, bool provision, const char *want)
{
	const struct globals g = { 0 };
	struct op_req console, verb;
	enum write_status s1, s2;
	char *a, *b;

	wjob_req(w, &console);
	if ((provision ? vw_provision_request(argc, argv, &g, &verb) :
	    vw_ont_request(argc, argv, &g, &verb)) != EXIT_OK)
		fail_msg("the verb refused its arguments (%s %s)", argv[0], argv[1]);
	assert_int_equal(console.kind, verb.kind);
	a = preview(&console, &s1);
	b = preview(&verb, &s2);
	assert_int_equal(s1, s2);
	if (strcmp(a, b) != 0)
		fail_msg("%s: the console's plan\n%s\ndiffers from the verb's\n%s",
		    op_kind_name(console.kind), a, b);
	if (strstr(a, want) == NULL)
		fail_msg("%s: the plan lacks \"%s\":\n%s", op_kind_name(console.kind), want, a);
	free(a);
	free(b);
}

/* The eight ONT actions, in the order of the wants below. */
static const struct {
	enum wjob_kind	 k;
	const char	*sub, *flag, *input;
} acts[] = {
	{ WJ_REBOOT, "reboot", NULL, NULL },
	{ WJ_DISABLE, "disable", NULL, NULL },
	{ WJ_ENABLE, "enable", NULL, NULL },
	{ WJ_DELETE, "delete", NULL, NULL },
	{ WJ_SPEED, "set", "--speed", "100/100" },
	{ WJ_VLAN, "set", "--vlan", "300" },
	{ WJ_MOVE, "move", "--to-port", NULL },
	{ WJ_REPLACE, "replace", "--new-sn", NULL },
};

/* Every ONT action on olt's first ONT of port (moving it to other,
   replacing it by new_sn); want[i] is a command the plan of acts[i] must
   hold, so that two empty or truncated plans cannot pass as alike. */
static void
actions_on(const char *olt, const char *port, const char *other, const char *new_sn,
    const char *const want[8])
{
	struct ont o = first_ont(olt, port);
	const char *why = NULL;
	struct wjob w;

	for (size_t i = 0; i < nitems(acts); i++) {
		const char *input = acts[i].k == WJ_MOVE ? other : acts[i].k == WJ_REPLACE ?
		    new_sn : acts[i].input;
		char *argv[6] = { (char *)"ont", (char *)acts[i].sub, o.sn, NULL, NULL, NULL };
		int argc = 3;

		if (wizard_request(acts[i].k, olt, &o, input, &w, &why) != 0)
			fail_msg("the console refused %s: %s", acts[i].sub, why);
		if (acts[i].flag != NULL) {
			argv[argc++] = (char *)acts[i].flag;
			argv[argc++] = (char *)input;
		}
		same_plan(&w, argc, argv, false, want[i]);
	}
}

static void
test_huawei_actions_plan_alike(void **state)
{
	static const char *const want[8] = {
		"ont reset 0 0", "ont deactivate 0 0", "ont activate 0 0", "ont delete 0 0",
		"inbound traffic-table index 10", "vlan 300 gpon 0/1/0 ont 0",
		"ont add 1 4 sn-auth", "ont modify 0 0 sn \"485754430000ABCD\"",
	};

	(void)state;
	actions_on("hw-1", "0/1/0", "0/1/1", "HWTC0000ABCD", want);
}

static void
test_zte_actions_plan_alike(void **state)
{
	static const char *const want[8] = {
		"pon-onu-mng gpon-onu_1/1/1:1\n   1  reboot", "   1  shutdown", "   1  no shutdown",
		"   9  no onu 1", "tcont 1 profile 100M", "service internet gemport 1 vlan 300",
		"gpon-olt_1/1/2\n  10  onu 5 type", "ZTEG0000ABCD",
	};

	(void)state;
	actions_on("zte-1", "1/1/1", "1/1/2", "ZTEG0000ABCD", want);
}

/* The provisioning of a new ONT from the discovery list. */
static void
provision_alike(const char *olt, const char *port, const char *sn, const char *profile)
{
	struct discovered_ont d = { 0 };
	struct wjob w;
	char *argv[] = { (char *)"provision", (char *)"--olt", (char *)olt, (char *)"--port",
	    (char *)port, (char *)"--sn", (char *)sn, (char *)"--profile", (char *)profile,
	    (char *)"--contract", (char *)"C-1", NULL };

	strlcpy_(d.port, port, sizeof d.port);
	strlcpy_(d.sn, sn, sizeof d.sn);
	wizard_provision_request(&d, olt, profile, "C-1", &w);
	same_plan(&w, (int)nitems(argv) - 1, argv, true, sn);
}

static void
test_provisioning_plans_alike(void **state)
{
	(void)state;
	provision_alike("hw-1", "0/1/1", "HWTC0BADC0DE", "huawei-100");
	provision_alike("zte-1", "1/1/2", "ZTEG0BADC0DE", "zte-100");
}

/* A port read stores each ONU with its serial on both vendors (ZTE's state
   table has none: the driver joins `show gpon onu baseinfo`). */
static void
test_port_read_stores_serials(void **state)
{
	static const char *const olts[][2] = { { "hw-1", "0/1/0" }, { "zte-1", "1/1/1" } };

	(void)state;
	for (size_t i = 0; i < nitems(olts); i++) {
		struct ont *v = NULL;
		struct olt o;
		size_t n = 0;
		char *cause = NULL;

		assert_int_equal(store_olt_by_name(lab.st, olts[i][0], &o, &cause), 1);
		assert_int_equal(store_onts_on_port(lab.st, o.id, olts[i][1], &v, &n, &cause),
		    0);
		assert_int_equal(n, 4);
		for (size_t k = 0; k < n; k++) {
			struct sim_pon *pon;
			struct sim_ont *so = olt_find_sn(fleet_olt(lab.lf.fleet, olts[i][0]),
			    v[k].sn, &pon);

			if (so == NULL)
				fail_msg("%s: stored serial %s is not on the device", olts[i][0],
				    v[k].sn);
			assert_int_equal(so->id, v[k].ont_id);
		}
		free(v);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_port_read_stores_serials),
		cmocka_unit_test(test_huawei_actions_plan_alike),
		cmocka_unit_test(test_zte_actions_plan_alike),
		cmocka_unit_test(test_provisioning_plans_alike),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
