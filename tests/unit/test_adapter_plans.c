/* test_adapter_plans.c — golden plans: for each action and vendor the
   exact commands, modes, undos and verification the adapters build from
   the shipped templates; secrets present in commands and masked in
   displays and previews, never in an undo; request errors naming the
   field. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "drivers/huawei.h"
#include "drivers/planner.h"
#include "drivers/zte.h"
#include "lib/util.h"
#include "tests/unit/plan_golden.h"

static int
setup(void **state)
{
	const char *top = getenv("OLTUI_TOP");
	char *dir = xasprintf("%s/drivers/templates", top != NULL ? top : ".");

	(void)state;
	setenv("OLTUI_TEMPLATE_DIR", dir, 1);
	free(dir);
	return 0;
}

static const struct provision_req hw_req = {
	.olt = "hw-1", .port = "0/1/0", .ont_id = 5, .sn = "HWTC6B886FA5",
	.desc = "Cust 42", .vlan = 100, .line_profile = "10", .service_profile = "1",
	.wan_mode = "pppoe", .pppoe_user = "u1", .pppoe_password = "s3cret",
	.down_mbps = 100, .up_mbps = 100, .service_port = 500,
	.acs_url = "http://acs.example.net:7547",
};
static const struct ont_ref hw_ont = { "hw-1", "0/1/0", 5, "HWTC6B886FA5", NULL, NULL };

#define HW_ADD "if 0/1 | ont add 0 5 sn-auth \"485754436B886FA5\" omci ont-lineprofile-id 10 " \
	"ont-srvprofile-id 1 desc \"Cust 42\" | ont delete 0 5"
#define HW_ADD_UNDONE "if 0/1 | ont delete 0 5 | ont add 0 5 sn-auth \"485754436B886FA5\" " \
	"omci ont-lineprofile-id 10 ont-srvprofile-id 1 desc \"Cust 42\""
#define HW_SP "service-port 500 vlan 100 gpon 0/1/0 ont 5 gemport 1 multi-service user-vlan 100 " \
	"tag-transform translate inbound traffic-table index 10 outbound traffic-table index 10"

static void
test_huawei_provision(void **state)
{
	struct plan *p = NULL;
	char *cause = NULL;
	int rc;

	(void)state;
	rc = planner_provision(&driver_huawei, &hw_req, &p, &cause);
	golden(rc, p, cause,
	    HW_ADD " | expect=success: 1\n"
	    "if 0/1 | ont ipconfig 0 5 pppoe vlan 100 priority 0 user-account username \"u1\" "
	    "password \"******\" | -\n"
	    "if 0/1 | ont internet-config 0 5 ip-index 0 | -\n"
	    "if 0/1 | ont tr069-server-config 0 5 profile-id 1 | -\n"
	    "config | " HW_SP " | undo service-port 500\n"
	    "verify 0/1/0 ONT 5: HWTC6B886FA5, admin enabled, line profile 10, service profile 1, description \"Cust 42\"; flow 500: VLAN 100 user VLAN 100 GEM 1 up 10 down 10\n");

	/* The secret is in the command itself. */
	rc = planner_provision(&driver_huawei, &hw_req, &p, &cause);
	assert_int_equal(rc, 0);
	assert_non_null(strstr(p->steps[1].command, "password \"s3cret\""));
	struct buf pv = { 0 };
	plan_preview(p, &pv);
	assert_null(strstr(buf_str(&pv), "s3cret"));
	assert_non_null(strstr(buf_str(&pv), "password \"******\""));
	/* The change as before -> after, each undo on its own line, then the
	   read-back. */
	assert_non_null(strstr(buf_str(&pv), "change (before -> after):\n  0/1/0 ONT 5: "
	    "not registered -> HWTC6B886FA5, admin enabled, line profile 10"));
	assert_non_null(strstr(buf_str(&pv), "\n      undo: ont delete 0 5\n"));
	assert_non_null(strstr(buf_str(&pv), "then: read back 0/1/0 ONT 5, compare with the "
	    "change above\n"));
	buf_free(&pv);
	assert_string_equal(p->action, "provision");
	assert_string_equal(p->ont_sn, "HWTC6B886FA5");
	plan_free(p);

	/* Bridged, profiles by name, the OLT picking the service-port index
	   (then the undo removes it by attributes, which asks (y/n)), no speed. */
	struct provision_req r = hw_req;
	r.wan_mode = NULL;
	r.acs_url = NULL;
	r.line_profile = "fiber-100";
	r.service_profile = "SRVPROFILE_ROUTER";
	r.service_port = 0;
	r.down_mbps = r.up_mbps = 0;
	r.desc = NULL;
	r.user_vlan = 35;
	r.gemport = 2;
	r.sn = "485754436b886fa5";
	rc = planner_provision(&driver_huawei, &r, &p, &cause);
	golden(rc, p, cause,
	    "if 0/1 | ont add 0 5 sn-auth \"485754436B886FA5\" omci ont-lineprofile-name "
	    "fiber-100 ont-srvprofile-name SRVPROFILE_ROUTER | ont delete 0 5 | expect=success: 1\n"
	    "if 0/1 | ont port native-vlan 0 5 eth 1 vlan 35 priority 0 | -\n"
	    "config | service-port vlan 100 gpon 0/1/0 ont 5 gemport 2 multi-service user-vlan 35 "
	    "tag-transform translate | undo service-port vlan 100 gpon 0/1/0 ont 5 gemport 2 "
	    "| undo_confirm\n"
	    "verify 0/1/0 ONT 5: HWTC6B886FA5, admin enabled, line profile fiber-100, service profile SRVPROFILE_ROUTER; the flow on VLAN 100: VLAN 100 user VLAN 35 GEM 2\n");
}

static void
test_huawei_refusals(void **state)
{
	struct provision_req r;
	struct plan *p = NULL;
	char *cause = NULL;

	(void)state;
#define TRY(field, val, want) do { \
		r = hw_req; \
		r.field = val; \
		REFUSED(planner_provision(&driver_huawei, &r, &p, &cause), want); \
		cause = NULL; \
	} while (0)
	TRY(port, "0/1/16", "port: Huawei PON ports are frame/slot/port");
	TRY(ont_id, 128, "ont_id: an ONT id on huawei is a number 0-127");
	TRY(sn, "HWTC6B886FA", "sn: a serial is 4 vendor letters");
	TRY(vlan, 4095, "vlan: a VLAN is a number 1-4094");
	TRY(user_vlan, -3, "user_vlan");
	TRY(desc, "x\rquit", "desc: control characters");
	TRY(desc, "say \"hi\"", "desc: a description");
	TRY(line_profile, NULL, "line_profile and service_profile");
	TRY(line_profile, "fiber-100", "give both as ids or both as names");
	TRY(service_profile, "a b", "service_profile: a profile is");
	TRY(wan_mode, "static", "wan_mode: none, dhcp or pppoe");
	TRY(pppoe_password, "two words", "pppoe_password: 1-64 printable");
	TRY(pppoe_user, NULL, "pppoe_user: a value is required");
	TRY(acs_url, "http://other.acs:7547", "acs.map has no entry \"http://other.acs:7547\"");
	TRY(acs_url, "ftp://x", "acs_url: an URL is");
	TRY(down_mbps, 250, "speeds.map has no entry \"down 250\"");
	TRY(up_mbps, 0, "give both the downstream and the upstream speed");
	TRY(gemport, 5000, "gemport: a GEM port");
	TRY(service_port, -1, "service_port");
#undef TRY
	/* Changes that need the service-port index say so. */
	struct provision_req old = hw_req;
	old.service_port = 0;
	REFUSED(planner_speed(&driver_huawei, &hw_ont, &old, 300, 300, &p, &cause),
	    "service_port: changing a Huawei service port needs its index");
	cause = NULL;
	REFUSED(planner_vlan(&driver_huawei, &hw_ont, &hw_req, 0, &p, &cause),
	    "vlan: a VLAN is a number 1-4094, got 0");
	cause = NULL;
	REFUSED(planner_desc(&driver_huawei, &hw_ont, NULL, "a\nb", &p, &cause), "desc");
	cause = NULL;
	REFUSED(planner_replace(&driver_huawei, &hw_ont, &hw_req, "nope", &p, &cause),
	    "new_sn");
	cause = NULL;
	struct ont_ref bad = hw_ont;
	bad.port = "0/1/0\nreboot";
	REFUSED(planner_reboot(&driver_huawei, &bad, &p, &cause), "port: control");
}

static void
test_huawei_deprovision(void **state)
{
	struct plan *p = NULL;
	char *cause = NULL;
	int rc;

	(void)state;
	/* The provisioning inverted: service port, captured lines, ONT. */
	rc = planner_deprovision(&driver_huawei, &hw_ont, &hw_req, &p, &cause);
	golden(rc, p, cause,
	    "config | undo service-port 500 | " HW_SP "\n"
	    "priv | display current-configuration ont 0/1/0 5 | ont tr069-server-config 0 5 profile-id 1 "
	    "| undo_mode=if 0/1\n"
	    "priv | display current-configuration ont 0/1/0 5 | ont internet-config 0 5 ip-index 0 "
	    "| undo_mode=if 0/1\n"
	    HW_ADD_UNDONE "\n"
	    "verify 0/1/0 ONT 5: not registered\n");
	/* Without the configuration: the bare removal, no undo. */
	rc = planner_deprovision(&driver_huawei, &hw_ont, NULL, &p, &cause);
	golden(rc, p, cause,
	    "if 0/1 | ont delete 0 5 | - | expect=success: 1\n"
	    "verify 0/1/0 ONT 5: not registered\n");
}

static void
test_huawei_changes(void **state)
{
	struct plan *p = NULL;
	char *cause = NULL;
	int rc;

	(void)state;
	rc = planner_enable(&driver_huawei, &hw_ont, false, &p, &cause);
	golden(rc, p, cause, "if 0/1 | ont deactivate 0 5 | ont activate 0 5\n"
	    "verify 0/1/0 ONT 5: HWTC6B886FA5, admin disabled\n");
	rc = planner_enable(&driver_huawei, &hw_ont, true, &p, &cause);
	golden(rc, p, cause, "if 0/1 | ont activate 0 5 | ont deactivate 0 5\n"
	    "verify 0/1/0 ONT 5: HWTC6B886FA5, admin enabled\n");
	rc = planner_reboot(&driver_huawei, &hw_ont, &p, &cause);
	golden(rc, p, cause, "if 0/1 | ont reset 0 5 | - | confirm\n"
	    "verify none\n");
	rc = planner_speed(&driver_huawei, &hw_ont, &hw_req, 300, 300, &p, &cause);
	golden(rc, p, cause, "config | service-port 500 inbound traffic-table index 20 "
	    "outbound traffic-table index 20 | service-port 500 inbound traffic-table index 10 "
	    "outbound traffic-table index 10\n"
	    "verify 0/1/0 ONT 5: HWTC6B886FA5\n");
	rc = planner_vlan(&driver_huawei, &hw_ont, &hw_req, 200, &p, &cause);
	golden(rc, p, cause, "config | undo service-port 500 | " HW_SP "\n"
	    "config | service-port 500 vlan 200 gpon 0/1/0 ont 5 gemport 1 multi-service "
	    "user-vlan 200 tag-transform translate inbound traffic-table index 10 outbound "
	    "traffic-table index 10 | undo service-port 500\n"
	    "verify 0/1/0 ONT 5: HWTC6B886FA5\n");
	rc = planner_desc(&driver_huawei, &hw_ont, NULL, "new one", &p, &cause);
	golden(rc, p, cause, "if 0/1 | ont modify 0 5 desc \"new one\" | ont modify 0 5 desc "
	    "\"ONT_NO_DESCRIPTION\"\n"
	    "verify 0/1/0 ONT 5: HWTC6B886FA5, description \"new one\"\n");
	rc = planner_desc(&driver_huawei, &hw_ont, "Cust 42", "new one", &p, &cause);
	golden(rc, p, cause, "if 0/1 | ont modify 0 5 desc \"new one\" | ont modify 0 5 desc "
	    "\"Cust 42\"\n"
	    "verify 0/1/0 ONT 5: HWTC6B886FA5, description \"new one\"\n");
	rc = planner_replace(&driver_huawei, &hw_ont, &hw_req, "485754430000abcd", &p, &cause);
	golden(rc, p, cause, "if 0/1 | ont modify 0 5 sn \"485754430000ABCD\" | ont modify 0 5 "
	    "sn \"485754436B886FA5\"\n"
	    "verify 0/1/0 ONT 5: HWTC0000ABCD\n");
	rc = planner_move(&driver_huawei, &hw_ont, &hw_req, "0/1/1", 7, &p, &cause);
	golden(rc, p, cause,
	    "config | undo service-port 500 | " HW_SP "\n"
	    "priv | display current-configuration ont 0/1/0 5 | ont tr069-server-config 0 5 profile-id 1 "
	    "| undo_mode=if 0/1\n"
	    "priv | display current-configuration ont 0/1/0 5 | ont internet-config 0 5 ip-index 0 "
	    "| undo_mode=if 0/1\n"
	    HW_ADD_UNDONE "\n"
	    "if 0/1 | ont add 1 7 sn-auth \"485754436B886FA5\" omci ont-lineprofile-id 10 "
	    "ont-srvprofile-id 1 desc \"Cust 42\" | ont delete 1 7 | expect=success: 1\n"
	    "if 0/1 | ont ipconfig 1 7 pppoe vlan 100 priority 0 user-account username \"u1\" "
	    "password \"******\" | -\n"
	    "if 0/1 | ont internet-config 1 7 ip-index 0 | -\n"
	    "if 0/1 | ont tr069-server-config 1 7 profile-id 1 | -\n"
	    "config | service-port 500 vlan 100 gpon 0/1/1 ont 7 gemport 1 multi-service "
	    "user-vlan 100 tag-transform translate inbound traffic-table index 10 outbound "
	    "traffic-table index 10 | undo service-port 500\n"
	    "verify 0/1/0 ONT 5: not registered\nverify 0/1/1 ONT 7: HWTC6B886FA5, admin enabled, line profile 10, service profile 1, description \"Cust 42\"; flow 500: VLAN 100 user VLAN 100 GEM 1 up 10 down 10\n");
}

static const struct provision_req zte_req = {
	.olt = "zte-1", .port = "1/1/1", .ont_id = 5, .sn = "ZTEGC0000001",
	.name = "CLIENT_001", .desc = "Cust 42", .vlan = 100, .line_profile = "1G-UP",
	.service_profile = "1G-DOWN", .wan_mode = "pppoe", .pppoe_user = "u1",
	.pppoe_password = "s3cret", .vlan_profile = "PPPOE",
	.acs_url = "http://acs.example:7547", .acs_user = "acs", .acs_password = "acsPW",
};
static const struct ont_ref zte_ont = { "zte-1", "1/1/1", 5, "ZTEGC0000001", NULL, NULL };

#define ZO "if gpon-onu_1/1/1:5"
#define ZM "onu gpon-onu_1/1/1:5"
#define ZTE_PROVISION(sn) \
	"if gpon-olt_1/1/1 | onu 5 type ZTE-F660 sn " sn " | no onu 5\n" \
	ZO " | name CLIENT_001 | -\n" \
	ZO " | description Cust 42 | -\n" \
	ZO " | sn-bind enable sn | -\n" \
	ZO " | tcont 1 profile 1G-UP | -\n" \
	ZO " | gemport 1 tcont 1 | -\n" \
	ZO " | gemport 1 traffic-limit downstream 1G-DOWN | -\n" \
	ZO " | service-port 1 vport 1 user-vlan 100 vlan 100 | no service-port 1\n" \
	ZM " | service internet gemport 1 vlan 100 | -\n" \
	ZM " | wan-ip 1 mode pppoe username u1 password ****** vlan-profile PPPOE host 1 | -\n" \
	ZM " | tr069-mgmt 1 state unlock | -\n" \
	ZM " | tr069-mgmt 1 acs http://acs.example:7547 validate basic username acs password " \
	"****** | -\n"
#define ZC "priv | show running-config interface gpon-onu_1/1/1:5 | "
#define ZCM "priv | show onu running config gpon-onu_1/1/1:5 | "
#define ZTE_DEPROVISION \
	ZCM "tr069-mgmt 1 state unlock | undo_mode=onu gpon-onu_1/1/1:5\n" \
	ZCM "service internet gemport 1 vlan 100 | undo_mode=onu gpon-onu_1/1/1:5\n" \
	ZO " | no service-port 1 | service-port 1 vport 1 user-vlan 100 vlan 100\n" \
	ZC "gemport 1 traffic-limit downstream 1G-DOWN | undo_mode=if gpon-onu_1/1/1:5\n" \
	ZC "gemport 1 tcont 1 | undo_mode=if gpon-onu_1/1/1:5\n" \
	ZC "tcont 1 profile 1G-UP | undo_mode=if gpon-onu_1/1/1:5\n" \
	ZC "sn-bind enable sn | undo_mode=if gpon-onu_1/1/1:5\n" \
	ZC "description Cust 42 | undo_mode=if gpon-onu_1/1/1:5\n" \
	ZC "name CLIENT_001 | undo_mode=if gpon-onu_1/1/1:5\n" \
	"if gpon-olt_1/1/1 | no onu 5 | onu 5 type ZTE-F660 sn ZTEGC0000001\n"

static void
test_zte_provision(void **state)
{
	struct plan *p = NULL;
	char *cause = NULL;
	int rc;

	(void)state;
	rc = planner_provision(&driver_zte, &zte_req, &p, &cause);
	golden(rc, p, cause, ZTE_PROVISION("ZTEGC0000001")
	    "verify gpon-onu_1/1/1:5: ZTEGC0000001, admin enabled, type ZTE-F660, line profile 1G-UP, service profile 1G-DOWN, name \"CLIENT_001\", description \"Cust 42\"; the flow on VLAN 100: VLAN 100 user VLAN 100 GEM 1\n");
	rc = planner_provision(&driver_zte, &zte_req, &p, &cause);
	assert_int_equal(rc, 0);
	assert_non_null(strstr(p->steps[9].command, "password s3cret vlan-profile"));
	assert_non_null(strstr(p->steps[11].command, "password acsPW"));
	assert_string_equal(p->contract, "CLIENT_001");
	plan_free(p);

	/* Minimal: bridge, speeds from the map, own type, VLAN translation. */
	struct provision_req r = {
		.olt = "zte-1", .port = "1/2/16", .ont_id = 128, .sn = "5A544547C0000002",
		.model = "ZTE-F601", .vlan = 300, .user_vlan = 10, .down_mbps = 100,
		.up_mbps = 300, .gemport = 2,
	};
	rc = planner_provision(&driver_zte, &r, &p, &cause);
	golden(rc, p, cause,
	    "if gpon-olt_1/2/16 | onu 128 type ZTE-F601 sn ZTEGC0000002 | no onu 128\n"
	    "if gpon-onu_1/2/16:128 | sn-bind enable sn | -\n"
	    "if gpon-onu_1/2/16:128 | tcont 1 profile 300M | -\n"
	    "if gpon-onu_1/2/16:128 | gemport 2 tcont 1 | -\n"
	    "if gpon-onu_1/2/16:128 | gemport 2 traffic-limit downstream 100M | -\n"
	    "if gpon-onu_1/2/16:128 | service-port 1 vport 2 user-vlan 10 vlan 300 | "
	    "no service-port 1\n"
	    "onu gpon-onu_1/2/16:128 | service internet gemport 2 vlan 300 | -\n"
	    "verify gpon-onu_1/2/16:128: ZTEGC0000002, admin enabled, type ZTE-F601, line profile 300M, service profile 100M; the flow on VLAN 300: VLAN 300 user VLAN 10 GEM 2\n");
}

static void
test_zte_refusals(void **state)
{
	struct provision_req r;
	struct plan *p = NULL;
	char *cause = NULL;

	(void)state;
#define TRY(field, val, want) do { \
		r = zte_req; \
		r.field = val; \
		REFUSED(planner_provision(&driver_zte, &r, &p, &cause), want); \
		cause = NULL; \
	} while (0)
	TRY(port, "0/1/1", "port: ZTE PON ports are 1/slot/port");
	TRY(ont_id, 0, "ont_id: an ONT id on zte is a number 1-128");
	TRY(desc, "123456789012345678901234567890123", "desc: a description is 1-32");
	TRY(name, "a\r\nb", "name: control characters");
	TRY(model, "ZTE F660", "model (ONU type)");
	TRY(line_profile, NULL, "line_profile: a ZTE ONU needs a tcont profile");
	TRY(vlan_profile, NULL, "vlan_profile: a ZTE WAN (pppoe)");
	TRY(acs_password, "a b", "acs_password");
	TRY(up_mbps, 250, "zte/speeds.map has no entry \"up 250\"");
	TRY(gemport, 129, "gemport: a GEM port / vport on zte is 1-128");
#undef TRY
	REFUSED(planner_speed(&driver_zte, &zte_ont, &zte_req, 0, 0, &p, &cause),
	    "speed: give a downstream");
	cause = NULL;
	REFUSED(planner_vlan(&driver_zte, &zte_ont, NULL, 200, &p, &cause),
	    "current configuration is needed");
}

static void
test_zte_deprovision_and_changes(void **state)
{
	struct plan *p = NULL;
	char *cause = NULL;
	int rc;

	(void)state;
	rc = planner_deprovision(&driver_zte, &zte_ont, &zte_req, &p, &cause);
	golden(rc, p, cause, ZTE_DEPROVISION "verify gpon-onu_1/1/1:5: not registered\n");
	rc = planner_deprovision(&driver_zte, &zte_ont, NULL, &p, &cause);
	golden(rc, p, cause, "if gpon-olt_1/1/1 | no onu 5 | -\nverify gpon-onu_1/1/1:5: not registered\n");
	rc = planner_enable(&driver_zte, &zte_ont, false, &p, &cause);
	golden(rc, p, cause, ZO " | shutdown | no shutdown\nverify gpon-onu_1/1/1:5: ZTEGC0000001, admin disabled\n");
	rc = planner_enable(&driver_zte, &zte_ont, true, &p, &cause);
	golden(rc, p, cause, ZO " | no shutdown | shutdown\nverify gpon-onu_1/1/1:5: ZTEGC0000001, admin enabled\n");
	rc = planner_reboot(&driver_zte, &zte_ont, &p, &cause);
	golden(rc, p, cause, ZM " | reboot | -\nverify none\n");
	rc = planner_speed(&driver_zte, &zte_ont, &zte_req, 100, 300, &p, &cause);
	golden(rc, p, cause, ZO " | tcont 1 profile 300M | tcont 1 profile 1G-UP\n"
	    ZO " | gemport 1 traffic-limit downstream 100M | gemport 1 traffic-limit downstream "
	    "1G-DOWN\n"
	    "verify gpon-onu_1/1/1:5: ZTEGC0000001, line profile 300M, service profile 100M\n");
	/* Only upstream, no old profile known: no undo for it. */
	rc = planner_speed(&driver_zte, &zte_ont, NULL, 0, 1000, &p, &cause);
	golden(rc, p, cause, ZO " | tcont 1 profile 1G-UP | -\n"
	    "verify gpon-onu_1/1/1:5: ZTEGC0000001, line profile 1G-UP\n");
	rc = planner_vlan(&driver_zte, &zte_ont, &zte_req, 200, &p, &cause);
	golden(rc, p, cause,
	    ZO " | no service-port 1 | service-port 1 vport 1 user-vlan 100 vlan 100\n"
	    ZO " | service-port 1 vport 1 user-vlan 200 vlan 200 | no service-port 1\n"
	    ZM " | service internet gemport 1 vlan 200 | service internet gemport 1 vlan 100\n"
	    "verify gpon-onu_1/1/1:5: ZTEGC0000001\n");
	rc = planner_desc(&driver_zte, &zte_ont, "Cust 42", "new one", &p, &cause);
	golden(rc, p, cause, ZO " | description new one | description Cust 42\n"
	    "verify gpon-onu_1/1/1:5: ZTEGC0000001, description \"new one\"\n");
	rc = planner_desc(&driver_zte, &zte_ont, NULL, "new one", &p, &cause);
	golden(rc, p, cause, ZO " | description new one | -\n"
	    "verify gpon-onu_1/1/1:5: ZTEGC0000001, description \"new one\"\n");
	rc = planner_replace(&driver_zte, &zte_ont, &zte_req, "ZTEGC0000002", &p, &cause);
	golden(rc, p, cause, ZTE_DEPROVISION ZTE_PROVISION("ZTEGC0000002")
	    "verify gpon-onu_1/1/1:5: ZTEGC0000002, admin enabled, type ZTE-F660, line profile 1G-UP, service profile 1G-DOWN, name \"CLIENT_001\", description \"Cust 42\"; the flow on VLAN 100: VLAN 100 user VLAN 100 GEM 1\n");
	rc = planner_move(&driver_zte, &zte_ont, &zte_req, "1/2/1", 9, &p, &cause);
	assert_int_equal(rc, 0);
	char *got = dump(p);
	assert_true(str_startswith(got, ZTE_DEPROVISION
	    "if gpon-olt_1/2/1 | onu 9 type ZTE-F660 sn ZTEGC0000001 | no onu 9\n"));
	/* Two places: gone from the old one, re-created at the new one. */
	assert_non_null(strstr(got, "verify gpon-onu_1/1/1:5: not registered\n"
	    "verify gpon-onu_1/2/1:9: ZTEGC0000001, admin enabled, type ZTE-F660, "
	    "line profile 1G-UP, service profile 1G-DOWN"));
	free(got);
	plan_free(p);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_huawei_provision),
		cmocka_unit_test(test_huawei_refusals),
		cmocka_unit_test(test_huawei_deprovision),
		cmocka_unit_test(test_huawei_changes),
		cmocka_unit_test(test_zte_provision),
		cmocka_unit_test(test_zte_refusals),
		cmocka_unit_test(test_zte_deprovision_and_changes),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}
