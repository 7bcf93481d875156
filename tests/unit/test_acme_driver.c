/* test_acme_driver.c — the test-only vendor "acme" (tests/drivers/acme*):
   it is in the registry next to huawei and zte, found by name alone; its
   parsers read captures of its fake device (tests/fixtures/acme/, pager
   debris and device errors included); the generic planner builds the
   exact commands, modes, undos and read-backs of every action from its
   templates (tests/drivers/templates/acme/) and its plan hook; its SNMP
   profile's port index codec, scalings, states and serial form. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "drivers/planner.h"
#include "tests/drivers/acme.h"
#include "tests/unit/parse_fixture.h"
#include "tests/unit/plan_golden.h"

static int
setup(void **state)
{
	const char *top = getenv("OLTUI_TOP");
	char *dir = xasprintf("%s/tests/drivers/templates", top != NULL ? top : ".");

	(void)state;
	setenv("OLTUI_TEMPLATE_DIR", dir, 1);
	free(dir);
	return 0;
}

/* ---- the registry ---- */

static void
test_acme_is_registered_next_to_huawei_and_zte(void **state)
{
	const struct olt_driver *d = driver_find("acme");
	bool seen[3] = { false, false, false };

	(void)state;
	assert_ptr_equal(d, &driver_acme);
	assert_non_null(driver_find("huawei"));
	assert_non_null(driver_find("zte"));
	/* In name order, every one reachable by index. */
	for (size_t i = 0; i < driver_count(); i++) {
		const char *n = driver_at(i)->name;

		seen[0] |= strcmp(n, "acme") == 0;
		seen[1] |= strcmp(n, "huawei") == 0;
		seen[2] |= strcmp(n, "zte") == 0;
		if (i > 0)
			assert_true(strcmp(driver_at(i - 1)->name, n) < 0);
	}
	assert_true(seen[0] && seen[1] && seen[2]);
	assert_non_null(strstr(driver_names(), "acme|huawei|zte"));
	/* What `olt add --vendor acme` takes from it. */
	assert_int_equal(d->transport, TRANSPORT_TELNET);
	assert_int_equal(d->cli_port, 2300);
	assert_string_equal(d->default_model, "P8-4S");
	/* Re-registering replaces, never duplicates. */
	driver_register(&driver_acme);
	assert_ptr_equal(driver_find("acme"), &driver_acme);
	assert_non_null(strstr(driver_names(), "acme|huawei"));
	assert_null(strstr(driver_names(), "acme|acme"));
	/* Its ids: 1-64 per pon, the first free one after the used. */
	long used[] = { 1, 2, 4 };
	assert_int_equal(driver_free_ont_id(d, used, 3), 3);
	char lb[32];
	driver_ont_label(d, "1/2/3", 5, lb, sizeof lb);
	assert_string_equal(lb, "1/2/3:5");
}

/* ---- parsers, on captures of the fake device ---- */

/* Parses fixture rel as kind k; fails the test when it does not parse. */
static void
parse_ok(enum pr_kind k, const char *rel, struct pr_result *r)
{
	char *cause = NULL;

	if (fixture_parse(&driver_acme, k, rel, r, &cause) != 0)
		fail_msg("acme/%s: %s", rel, cause);
	assert_null(cause);
}

/* Parses fixture rel as kind k and expects the device's words in the cause. */
static void
parse_refused(enum pr_kind k, const char *rel, const char *want)
{
	struct pr_result r;
	char *cause = NULL;

	assert_int_equal(fixture_parse(&driver_acme, k, rel, &r, &cause), -1);
	assert_non_null(cause);
	if (strstr(cause, want) == NULL)
		fail_msg("acme/%s: cause \"%s\" lacks \"%s\"", rel, cause, want);
	free(cause);
	pr_result_free(&r);
}

static void
test_unconfigured_onus_with_their_model_firmware_and_time(void **state)
{
	struct pr_result r;

	(void)state;
	parse_ok(PR_AUTOFIND, "acme/show_onu_unconfigured.txt", &r);
	assert_int_equal(r.u.autofind.n, 2);
	assert_string_equal(r.u.autofind.v[1].port, "1/2/3");
	assert_string_equal(r.u.autofind.v[1].sn, "ACME1A2B3C4D");
	assert_string_equal(r.u.autofind.v[1].vendor, "ACME");
	assert_string_equal(r.u.autofind.v[1].model, "PH-100");
	assert_string_equal(r.u.autofind.v[1].software, "1.2.3");
	assert_string_equal(r.u.autofind.v[0].sn, "ACME0BADF00D");
	assert_string_equal(r.u.autofind.v[0].model, "PH-200");
	/* "2026-12-02 01:38:13+00:00", two words under one header */
	assert_string_equal(r.u.autofind.v[0].found_at, "2026-12-02T01:38:13Z");
	pr_result_free(&r);
	parse_ok(PR_AUTOFIND, "acme/show_onu_unconfigured.empty.txt", &r);
	assert_int_equal(r.u.autofind.n, 0);
	pr_result_free(&r);
}

static void
test_onu_list_reads_its_own_state_words_and_the_title_port(void **state)
{
	struct pr_result r;

	(void)state;
	parse_ok(PR_ONT_LIST, "acme/show_onu_list_1_1_1.txt", &r);
	assert_int_equal(r.u.onts.n, 3);
	assert_string_equal(r.u.onts.v[0].port, "1/1/1");
	assert_int_equal(r.u.onts.v[0].ont_id, 1);
	assert_string_equal(r.u.onts.v[0].sn, "ACME00000101");
	assert_int_equal(r.u.onts.v[0].admin, ADMIN_ENABLED);
	assert_int_equal(r.u.onts.v[0].status, ONT_ONLINE);
	assert_int_equal(r.u.onts.v[0].distance_m, 1204);
	assert_string_equal(r.u.onts.v[0].description, "Rua A 1");
	assert_string_equal(r.u.onts.v[1].model, "PH-200");
	assert_int_equal(r.u.onts.v[2].status, ONT_LOS);
	assert_int_equal(r.u.onts.v[2].distance_m, PR_NONE);
	assert_null(r.u.onts.v[2].description);
	pr_result_free(&r);
	/* Found by fuzzing (tests/fuzz/regress/parse/): a distance past any
	   fibre was cast to a long (undefined behaviour); it is no distance. */
	{
		struct pr_ont_list l = { 0 };
		char *cause = NULL;

		assert_int_equal(acme_parse_ont_list("ONUs on pon 1/1/1\n"
		    "ONU  Serial        Model   Admin       State  Distance  Description\n"
		    "1    ACME00000101  PH-100  in-service  up     9e99m     x\n"
		    "2    ACME00000102  PH-100  in-service  up     -5m       y\n", &l, &cause), 0);
		assert_int_equal(l.n, 2);
		assert_int_equal(l.v[0].distance_m, PR_NONE);
		assert_int_equal(l.v[1].distance_m, PR_NONE);
		pr_ont_list_free(&l);
	}
}

static void
test_onu_list_across_the_pager_keeps_every_onu(void **state)
{
	struct pr_result r;

	(void)state;
	/* 23 ONUs; the pager marker and its CR + ESC[K erase sit before row 18. */
	parse_ok(PR_ONT_LIST, "acme/show_onu_list_1_4_8.pager.txt", &r);
	assert_int_equal(r.u.onts.n, 23);
	for (size_t i = 0; i < r.u.onts.n; i++) {
		char sn[16];

		snprintf(sn, sizeof sn, "ACME0000%04X", 0x4800 + (unsigned)i + 1);
		assert_int_equal(r.u.onts.v[i].ont_id, (long)i + 1);
		assert_string_equal(r.u.onts.v[i].sn, sn);
		assert_string_equal(r.u.onts.v[i].port, "1/4/8");
	}
	assert_string_equal(r.u.onts.v[15].description, "Bloco 4 apto 116");
	assert_string_equal(r.u.onts.v[19].description, "Bloco 5 apto 120");
	assert_null(r.u.onts.v[17].description);
	pr_result_free(&r);
}

static void
test_a_newer_firmware_s_extra_column_and_lines_change_nothing(void **state)
{
	struct pr_result a, b;

	(void)state;
	/* A "Last-seen" column of two words between State and Distance, a
	   footer line; the rule of dashes says where each column is. */
	parse_ok(PR_ONT_LIST, "acme/show_onu_list_1_1_1.txt", &a);
	parse_ok(PR_ONT_LIST, "acme/show_onu_list_1_1_1.newer_firmware.txt", &b);
	assert_int_equal(b.u.onts.n, a.u.onts.n);
	for (size_t i = 0; i < a.u.onts.n; i++) {
		assert_int_equal(b.u.onts.v[i].ont_id, a.u.onts.v[i].ont_id);
		assert_string_equal(b.u.onts.v[i].sn, a.u.onts.v[i].sn);
		assert_int_equal(b.u.onts.v[i].admin, a.u.onts.v[i].admin);
		assert_int_equal(b.u.onts.v[i].status, a.u.onts.v[i].status);
		assert_int_equal(b.u.onts.v[i].distance_m, a.u.onts.v[i].distance_m);
		if (a.u.onts.v[i].description == NULL)
			assert_null(b.u.onts.v[i].description);
		else
			assert_string_equal(b.u.onts.v[i].description, a.u.onts.v[i].description);
	}
	pr_result_free(&a);
	pr_result_free(&b);
	/* Unknown "Label : value" lines and an event list in the detail. */
	parse_ok(PR_ONT_DETAIL, "acme/show_onu_1_1_1_2.newer_firmware.txt", &b);
	assert_string_equal(b.u.detail.sn, "ACME00000102");
	assert_int_equal(b.u.detail.status, ONT_ONLINE);
	assert_int_equal(b.u.detail.distance_m, 2310);
	assert_string_equal(b.u.detail.line_profile, "bw-300M");
	assert_string_equal(b.u.detail.name, "C-200");
	assert_null(b.u.detail.hardware);
	pr_result_free(&b);
}

static void
test_onu_detail_online_offline_and_missing(void **state)
{
	struct pr_result r;

	(void)state;
	parse_ok(PR_ONT_DETAIL, "acme/show_onu_1_1_1_2.txt", &r);
	assert_string_equal(r.u.detail.port, "1/1/1");
	assert_int_equal(r.u.detail.ont_id, 2);
	assert_string_equal(r.u.detail.sn, "ACME00000102");
	assert_string_equal(r.u.detail.model, "PH-200");
	assert_string_equal(r.u.detail.software, "2.0.1");
	assert_int_equal(r.u.detail.admin, ADMIN_ENABLED);
	assert_int_equal(r.u.detail.status, ONT_ONLINE);
	assert_string_equal(r.u.detail.name, "C-200");
	assert_string_equal(r.u.detail.description, "Rua A 2");
	assert_int_equal(r.u.detail.distance_m, 2310);
	/* the bandwidth profile is what a re-created ONU gets back */
	assert_string_equal(r.u.detail.line_profile, "bw-300M");
	pr_result_free(&r);
	parse_ok(PR_ONT_DETAIL, "acme/show_onu_1_1_1_3.los.txt", &r);
	assert_int_equal(r.u.detail.status, ONT_LOS);
	assert_int_equal(r.u.detail.distance_m, PR_NONE);
	assert_null(r.u.detail.name);
	assert_null(r.u.detail.software);
	assert_string_equal(r.u.detail.last_down_cause, "loss of signal");
	pr_result_free(&r);
	parse_refused(PR_ONT_DETAIL, "acme/show_onu_1_1_1_9.missing.txt",
	    "the OLT answered: ERROR: ONU 1/1/1:9 does not exist");
	parse_refused(PR_ONT_LIST, "acme/show_onu_list.unknown_command.txt",
	    "the OLT answered: % Unknown command");
}

static void
test_optics_of_one_onu_and_of_a_pon(void **state)
{
	struct pr_result r;

	(void)state;
	parse_ok(PR_OPTICAL, "acme/show_onu_optical_1_1_1_1.txt", &r);
	assert_true(fabs(r.u.optical.rx_dbm - -19.52) < 1e-9);
	assert_true(fabs(r.u.optical.tx_dbm - 2.11) < 1e-9);
	assert_true(fabs(r.u.optical.olt_rx_dbm - -21.30) < 1e-9);
	assert_true(fabs(r.u.optical.temperature_c - 41.5) < 1e-9);
	assert_true(fabs(r.u.optical.voltage_v - 3.29) < 1e-9);
	assert_true(fabs(r.u.optical.bias_ma - 12.4) < 1e-9);
	pr_result_free(&r);
	parse_refused(PR_OPTICAL, "acme/show_onu_optical_1_1_1_3.los.txt",
	    "ERROR: ONU 1/1/1:3 is not up (state los)");
	/* The rows name no port: it comes from the echoed command. */
	parse_ok(PR_OPTICAL_LIST, "acme/show_onu_optical_1_1_1.txt", &r);
	assert_int_equal(r.u.optical_list.n, 3);
	assert_string_equal(r.u.optical_list.v[0].port, "1/1/1");
	assert_true(fabs(r.u.optical_list.v[1].rx_dbm - -22.10) < 1e-9);
	assert_true(fabs(r.u.optical_list.v[1].olt_rx_dbm - -24.05) < 1e-9);
	assert_true(isnan(r.u.optical_list.v[2].rx_dbm));
	pr_result_free(&r);
	parse_ok(PR_OPTICAL_LIST, "acme/show_onu_optical_1_4_8.pager.txt", &r);
	assert_int_equal(r.u.optical_list.n, 23);
	assert_string_equal(r.u.optical_list.v[22].port, "1/4/8");
	pr_result_free(&r);
	char *p = acme_echo_port("acme#show onu optical 1/1/1:2\nx\nacme#show onu optical 1/4/8\n");
	assert_string_equal(p, "1/4/8");
	free(p);
	assert_null(acme_echo_port("acme#show onu optical 1/1/1:2\n"));
}

static void
test_service_flows_cards_and_version(void **state)
{
	struct pr_result r;

	(void)state;
	parse_ok(PR_SERVICE_PORTS, "acme/show_service-flow_1_1_1.txt", &r);
	assert_int_equal(r.u.service_ports.n, 3);
	assert_int_equal(r.u.service_ports.v[1].index, 2);
	assert_string_equal(r.u.service_ports.v[1].port, "1/1/1");
	assert_int_equal(r.u.service_ports.v[1].ont_id, 2);
	assert_int_equal(r.u.service_ports.v[1].vlan, 100);
	assert_int_equal(r.u.service_ports.v[1].user_vlan, 35);
	assert_int_equal(r.u.service_ports.v[1].gem, 1);
	assert_int_equal(r.u.service_ports.v[1].rx_table, PR_NONE);
	pr_result_free(&r);
	parse_ok(PR_SERVICE_PORTS, "acme/show_service-flow_1_2_3.empty.txt", &r);
	assert_int_equal(r.u.service_ports.n, 0);
	pr_result_free(&r);
	parse_ok(PR_BOARDS, "acme/show_cards.txt", &r);
	assert_int_equal(r.u.boards.n, 4);
	assert_string_equal(r.u.boards.v[0].name, "PX8-G");
	assert_int_equal(r.u.boards.v[0].ports, 8);
	assert_int_equal(r.u.boards.v[2].slot, 3);
	assert_null(r.u.boards.v[2].name);
	assert_string_equal(r.u.boards.v[2].status, "empty");
	pr_result_free(&r);
	parse_ok(PR_VERSION, "acme/show_version.txt", &r);
	assert_string_equal(r.u.version.product, "P8-4S");
	assert_string_equal(r.u.version.version, "PhotonOS 3.4.1");
	assert_string_equal(r.u.version.patch, "2207");
	assert_int_equal(r.u.version.uptime_s, 12 * 86400 + 5 * 3600 + 14 * 60);
	pr_result_free(&r);
}

/* ---- golden plans ---- */

static const struct provision_req acme_req = {
	.olt = "acme-1", .port = "1/2/3", .ont_id = 5, .sn = "ACME1A2B3C4D",
	.name = "C-7", .desc = "Ana Perez", .vlan = 100, .down_mbps = 100, .up_mbps = 100,
	.wan_mode = "pppoe", .pppoe_user = "u1", .pppoe_password = "s3cret",
};
/* The same ONU as its configuration reads back (ont_config): the bandwidth
   profile by name, the flow's index, no speeds and no WAN secret. */
static const struct provision_req acme_cfg = {
	.olt = "acme-1", .port = "1/2/3", .ont_id = 5, .sn = "ACME1A2B3C4D",
	.model = "PH-100", .name = "C-7", .desc = "Ana Perez", .vlan = 100, .user_vlan = 100,
	.gemport = 1, .line_profile = "bw-100M", .service_port = 4, .wan_mode = "none",
};
static const struct ont_ref acme_onu = { "acme-1", "1/2/3", 5, "ACME1A2B3C4D", NULL, NULL };

#define ACME_ADD "if 1/2/3 | onu add 5 serial ACME1A2B3C4D model PH-100 | onu remove 5"
#define ACME_FLOW "service-flow 1/2/3:5 vlan 100 user-vlan 100 gem 1"
#define ACME_CAPTURE "priv | show running-config onu 1/2/3:5 | "
/* The removal of acme_cfg's ONU: its provisioning run backwards. */
#define ACME_REMOVAL \
	"config | no service-flow 1/2/3:5 vlan 100 | " ACME_FLOW " index 4\n" \
	ACME_CAPTURE "onu 5 bw-profile bw-100M | undo_mode=if 1/2/3\n" \
	ACME_CAPTURE "onu 5 description \"Ana Perez\" | undo_mode=if 1/2/3\n" \
	ACME_CAPTURE "onu 5 name C-7 | undo_mode=if 1/2/3\n" \
	"if 1/2/3 | onu remove 5 | onu add 5 serial ACME1A2B3C4D model PH-100 | confirm\n"

static void
test_provision_plan(void **state)
{
	struct provision_req r = acme_req;
	struct plan *p = NULL;
	char *cause = NULL;
	int rc;

	(void)state;
	rc = planner_provision(&driver_acme, &r, &p, &cause);
	golden(rc, p, cause,
	    ACME_ADD " | undo_confirm\n"
	    "if 1/2/3 | onu 5 name C-7 | -\n"
	    "if 1/2/3 | onu 5 description \"Ana Perez\" | -\n"
	    "if 1/2/3 | onu 5 bw-profile bw-100M | -\n"
	    "if 1/2/3 | onu 5 wan pppoe user u1 password ****** | -\n"
	    "config | " ACME_FLOW " | no service-flow 1/2/3:5 vlan 100\n"
	    "verify 1/2/3:5: ACME1A2B3C4D; the flow on VLAN 100: VLAN 100 user VLAN 100 GEM 1\n");
	/* The secret is in the command only. */
	rc = planner_provision(&driver_acme, &r, &p, &cause);
	assert_int_equal(rc, 0);
	assert_non_null(strstr(p->steps[4].command, "password s3cret"));
	assert_string_equal(p->title, "provision ONU ACME1A2B3C4D on acme-1 1/2/3:5");
	plan_free(p);

	/* Bridged, no name or description, a model and a bandwidth profile by
	   name, a C-VLAN, a fixed flow index. */
	r = acme_req;
	r.wan_mode = NULL;
	r.name = r.desc = NULL;
	r.down_mbps = r.up_mbps = 0;
	r.line_profile = "bw-1G";
	r.model = "PH-200";
	r.user_vlan = 35;
	r.service_port = 9;
	r.gemport = 2;
	rc = planner_provision(&driver_acme, &r, &p, &cause);
	golden(rc, p, cause,
	    "if 1/2/3 | onu add 5 serial ACME1A2B3C4D model PH-200 | onu remove 5 | undo_confirm\n"
	    "if 1/2/3 | onu 5 bw-profile bw-1G | -\n"
	    "config | service-flow 1/2/3:5 vlan 100 user-vlan 35 gem 2 index 9 | "
	    "no service-flow 1/2/3:5 vlan 100\n"
	    "verify 1/2/3:5: ACME1A2B3C4D; the flow on VLAN 100: VLAN 100 user VLAN 35 GEM 2\n");
}

static void
test_provision_refusals_name_the_field(void **state)
{
	struct provision_req r;
	struct plan *p = NULL;
	char *cause = NULL;

	(void)state;
#define TRY(field, val, want) do { \
		r = acme_req; \
		r.field = val; \
		REFUSED(planner_provision(&driver_acme, &r, &p, &cause), want); \
		cause = NULL; \
	} while (0)
	TRY(port, "1/5/1", "port: Acme PON ports are 1/slot/pon");
	TRY(port, "0/1/1", "port: Acme PON ports are 1/slot/pon");
	TRY(ont_id, 65, "ont_id: an ONT id on acme is a number 1-64");
	TRY(ont_id, 0, "ont_id: an ONT id on acme is a number 1-64");
	TRY(gemport, 33, "gemport");
	TRY(desc, "a description that is longer than forty chars", "desc");
	TRY(model, "PH 100", "model (ONU model)");
	TRY(down_mbps, 250, "speeds.map has no entry \"250/100\"");
	TRY(pppoe_password, "two words", "pppoe_password");
#undef TRY
	r = acme_req;
	r.down_mbps = r.up_mbps = 0;
	REFUSED(planner_provision(&driver_acme, &r, &p, &cause),
	    "line_profile: an Acme ONU needs a bandwidth profile");
	cause = NULL;
	REFUSED(planner_speed(&driver_acme, &acme_onu, &acme_cfg, 300, 0, &p, &cause),
	    "give the downstream and the upstream speed");
}

static void
test_removal_is_the_provisioning_backwards(void **state)
{
	struct plan *p = NULL;
	char *cause = NULL;
	int rc;

	(void)state;
	rc = planner_deprovision(&driver_acme, &acme_onu, &acme_cfg, &p, &cause);
	golden(rc, p, cause, ACME_REMOVAL "verify 1/2/3:5: not registered\n");
	/* Without the configuration: the bare removal, no undo. */
	rc = planner_deprovision(&driver_acme, &acme_onu, NULL, &p, &cause);
	golden(rc, p, cause, "if 1/2/3 | onu remove 5 | - | confirm\nverify 1/2/3:5: not registered\n");
}

static void
test_admin_reboot_and_changes(void **state)
{
	struct plan *p = NULL;
	char *cause = NULL;
	int rc;

	(void)state;
	rc = planner_enable(&driver_acme, &acme_onu, true, &p, &cause);
	golden(rc, p, cause, "if 1/2/3 | no onu 5 shutdown | onu 5 shutdown\n"
	    "verify 1/2/3:5: ACME1A2B3C4D, admin enabled\n");
	rc = planner_enable(&driver_acme, &acme_onu, false, &p, &cause);
	golden(rc, p, cause, "if 1/2/3 | onu 5 shutdown | no onu 5 shutdown\n"
	    "verify 1/2/3:5: ACME1A2B3C4D, admin disabled\n");
	rc = planner_reboot(&driver_acme, &acme_onu, &p, &cause);
	golden(rc, p, cause, "if 1/2/3 | onu 5 reboot | - | confirm\nverify none\n");
	rc = planner_desc(&driver_acme, &acme_onu, "Ana Perez", "Ana P. (moved)", &p, &cause);
	golden(rc, p, cause, "if 1/2/3 | onu 5 description \"Ana P. (moved)\" | "
	    "onu 5 description \"Ana Perez\"\nverify 1/2/3:5: ACME1A2B3C4D, description \"Ana P. (moved)\"\n");
	rc = planner_desc(&driver_acme, &acme_onu, NULL, "first", &p, &cause);
	golden(rc, p, cause, "if 1/2/3 | onu 5 description \"first\" | "
	    "no onu 5 description\nverify 1/2/3:5: ACME1A2B3C4D, description \"first\"\n");
	rc = planner_speed(&driver_acme, &acme_onu, &acme_cfg, 300, 300, &p, &cause);
	golden(rc, p, cause, "if 1/2/3 | onu 5 bw-profile bw-300M | onu 5 bw-profile bw-100M\n"
	    "verify 1/2/3:5: ACME1A2B3C4D\n");
	rc = planner_vlan(&driver_acme, &acme_onu, &acme_cfg, 200, &p, &cause);
	golden(rc, p, cause,
	    "config | no service-flow 1/2/3:5 vlan 100 | " ACME_FLOW " index 4\n"
	    "config | service-flow 1/2/3:5 vlan 200 user-vlan 200 gem 1 index 4 | "
	    "no service-flow 1/2/3:5 vlan 200\n"
	    "verify 1/2/3:5: ACME1A2B3C4D\n");
}

static void
test_replace_and_move_compose_removal_and_provisioning(void **state)
{
	struct plan *p = NULL;
	char *cause = NULL;
	int rc;

	(void)state;
	/* No replace.tpl: remove, then register the new serial. */
	rc = planner_replace(&driver_acme, &acme_onu, &acme_cfg, "acme0badf00d", &p, &cause);
	golden(rc, p, cause, ACME_REMOVAL
	    "if 1/2/3 | onu add 5 serial ACME0BADF00D model PH-100 | onu remove 5 | undo_confirm\n"
	    "if 1/2/3 | onu 5 name C-7 | -\n"
	    "if 1/2/3 | onu 5 description \"Ana Perez\" | -\n"
	    "if 1/2/3 | onu 5 bw-profile bw-100M | -\n"
	    "config | " ACME_FLOW " index 4 | no service-flow 1/2/3:5 vlan 100\n"
	    "verify 1/2/3:5: ACME0BADF00D; the flow on VLAN 100: VLAN 100 user VLAN 100 GEM 1\n");
	rc = planner_move(&driver_acme, &acme_onu, &acme_cfg, "1/4/8", 7, &p, &cause);
	golden(rc, p, cause, ACME_REMOVAL
	    "if 1/4/8 | onu add 7 serial ACME1A2B3C4D model PH-100 | onu remove 7 | undo_confirm\n"
	    "if 1/4/8 | onu 7 name C-7 | -\n"
	    "if 1/4/8 | onu 7 description \"Ana Perez\" | -\n"
	    "if 1/4/8 | onu 7 bw-profile bw-100M | -\n"
	    "config | service-flow 1/4/8:7 vlan 100 user-vlan 100 gem 1 index 4 | "
	    "no service-flow 1/4/8:7 vlan 100\n"
	    "verify 1/2/3:5: not registered\nverify 1/4/8:7: ACME1A2B3C4D; the flow on VLAN 100: VLAN 100 user VLAN 100 GEM 1\n");
	REFUSED(planner_move(&driver_acme, &acme_onu, &acme_cfg, "1/4/9", 7, &p, &cause),
	    "new_port: Acme PON ports are");
}

/* ---- SNMP ---- */

static void
test_snmp_port_index_round_trips_every_port(void **state)
{
	int r, s, p, n = 0;

	(void)state;
	assert_int_equal(acme_snmp_port_index(1, 2, 3), 10203);
	for (int slot = acme_limits.slot_min; slot <= acme_limits.slot_max; slot++)
		for (int pon = acme_limits.pon_min; pon <= acme_limits.pon_max; pon++) {
			uint32_t idx = acme_snmp_port_index(1, slot, pon);

			assert_int_equal(acme_snmp_port_decode(idx, &r, &s, &p), 0);
			assert_int_equal(r, 1);
			assert_int_equal(s, slot);
			assert_int_equal(p, pon);
			n++;
		}
	assert_int_equal(n, 32);
	/* Not a port: too small, too large, slot or pon 0, another vendor's. */
	assert_int_equal(acme_snmp_port_decode(203, &r, &s, &p), -1);
	assert_int_equal(acme_snmp_port_decode(100203, &r, &s, &p), -1);
	assert_int_equal(acme_snmp_port_decode(10003, &r, &s, &p), -1);
	assert_int_equal(acme_snmp_port_decode(10200, &r, &s, &p), -1);
	assert_int_equal(acme_snmp_port_decode(0x11010101u, &r, &s, &p), -1);
}

static void
test_snmp_scalings_states_and_serial(void **state)
{
	char sn[13];

	(void)state;
	/* ONU Rx: (dBm + 40) * 100; 0 is no reading. */
	assert_true(fabs(acme_snmp_rx(2048) - -19.52) < 1e-9);
	assert_true(fabs(acme_snmp_rx(1790) - -22.10) < 1e-9);
	assert_true(isnan(acme_snmp_rx(0)));
	assert_true(isnan(acme_snmp_rx(-5)));
	/* OLT Rx: hundredths of a microwatt, logarithmic. */
	assert_true(fabs(acme_snmp_olt_rx(741) - -21.30) < 0.01);
	assert_true(fabs(acme_snmp_olt_rx(100) - -30.0) < 1e-9);
	assert_true(fabs(acme_snmp_olt_rx(100000) - 0.0) < 1e-9);
	assert_true(isnan(acme_snmp_olt_rx(0)));
	assert_int_equal(acme_snmp_status(1, 0), ONT_ONLINE);
	assert_int_equal(acme_snmp_status(2, 0), ONT_OFFLINE);
	assert_int_equal(acme_snmp_status(3, 0), ONT_LOS);
	assert_int_equal(acme_snmp_status(4, 0), ONT_DYING_GASP);
	assert_int_equal(acme_snmp_status(5, 0), ONT_SYNCING);
	assert_int_equal(acme_snmp_status(6, 0), ONT_AUTH_FAILED);
	assert_int_equal(acme_snmp_status(7, 0), ONT_UNKNOWN);
	assert_int_equal(acme_snmp_status(0, 0), ONT_UNKNOWN);
	acme_snmp_serial((const unsigned char *)"ACME:1a2b3c4d", 13, sn);
	assert_string_equal(sn, "ACME1A2B3C4D");
	acme_snmp_serial((const unsigned char *)"acme:0BADF00D", 13, sn);
	assert_string_equal(sn, "ACME0BADF00D");
	acme_snmp_serial((const unsigned char *)"ACME-1a2b3c4d", 13, sn);
	assert_string_equal(sn, "");
	acme_snmp_serial((const unsigned char *)"ACME:1a2b3c4g", 13, sn);
	assert_string_equal(sn, "");
	acme_snmp_serial((const unsigned char *)"ACME:1a2b", 9, sn);
	assert_string_equal(sn, "");
	/* No down-cause column: the state word says LOS and power-off itself. */
	assert_null(acme_snmp.columns[SNMP_COL_CAUSE]);
	assert_non_null(acme_snmp.columns[SNMP_COL_SN]);
	assert_int_equal(acme_snmp.board_index_len, 2);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_acme_is_registered_next_to_huawei_and_zte),
		cmocka_unit_test(test_unconfigured_onus_with_their_model_firmware_and_time),
		cmocka_unit_test(test_onu_list_reads_its_own_state_words_and_the_title_port),
		cmocka_unit_test(test_onu_list_across_the_pager_keeps_every_onu),
		cmocka_unit_test(test_a_newer_firmware_s_extra_column_and_lines_change_nothing),
		cmocka_unit_test(test_onu_detail_online_offline_and_missing),
		cmocka_unit_test(test_optics_of_one_onu_and_of_a_pon),
		cmocka_unit_test(test_service_flows_cards_and_version),
		cmocka_unit_test(test_provision_plan),
		cmocka_unit_test(test_provision_refusals_name_the_field),
		cmocka_unit_test(test_removal_is_the_provisioning_backwards),
		cmocka_unit_test(test_admin_reboot_and_changes),
		cmocka_unit_test(test_replace_and_move_compose_removal_and_provisioning),
		cmocka_unit_test(test_snmp_port_index_round_trips_every_port),
		cmocka_unit_test(test_snmp_scalings_states_and_serial),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}
