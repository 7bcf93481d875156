/* test_lab_huawei.c — the Huawei MA5800-X7 persona against the verbatim
 * captures of huawei-cli.md: banners, prompts, errors, questions, pager
 * bytes, and the layouts of every display command with a capture. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "drivers/huawei.h"
#include "drivers/parse.h"
#include "lib/util.h"
#include "tests/lab/fleet.h"
#include "tests/lab/persona.h"

/* Lines copied byte for byte from /work/shared/reference/huawei-cli.md. */
static const char *const cap_autofind[] = {	/* 4.1, EA5800-X2 real */
	"   ----------------------------------------------------------------------------",
	"   Number              : 1",
	"   F/S/P               : 0/1/0",
	"   Ont SN              : 485754436B886FA5 (HWTC-6B886FA5)",
	"   Password            : 0x00000000000000000000",
	"   Loid                :",
	"   Checkcode           :",
	"   VendorID            : HWTC",
	"   Ont Version         : 159D.A",
	"   Ont SoftwareVersion : V5R020C10S213",
	"   Ont EquipmentID     : EG8145V5",
	"   Ont Customized Info : COMMON",
	"   Ont MAC             : 68E2-091F-5161",
	"   Ont Equipment SN    : 2150083877EGM2010498",
	"   Ont autofind time   : 2022-09-18 12:50:52+08:00",
	"   Multi channel       : -",
	"   ----------------------------------------------------------------------------",
};
static const char *const cap_info_head[] = {	/* 4.2 */
	"  -----------------------------------------------------------------------------",
	"  F/S/P   ONT         SN         Control     Run      Config   Match    Protect",
	"          ID                     flag        state    state    state    side",
	"  -----------------------------------------------------------------------------",
};
static const char cap_info_row[] = "  0/ 1/0    0  46VBSM4LFW7QLGAV  active      online   normal   match    no  ";
static const char cap_info_desc_head[] = "  F/S/P   ONT-ID   Description";
static const char cap_info_desc_row[] = "  0/ 1/0       0   The boiling consignment budgets.";
static const char cap_info_footer[] = "  In port 0/ 1/0, the total of ONTs are: 1, online: 1";
static const char *const cap_detail_labels[] = {	/* 4.3, first block */
	"  F/S/P                   : ", "  ONT-ID                  : ",
	"  Control flag            : ", "  Run state               : ",
	"  Config state            : ", "  Match state             : ",
	"  ONT LLID                : ", "  ONT distance(m)         : ",
	"  ONT last distance(m)    : ", "  ONT RTT(TQ)             : ",
	"  Memory occupation       : ", "  CPU occupation          : ",
	"  Temperature             : ", "  Authentic type          : ",
	"  SN                      : ", "  Management mode         : ",
	"  Software work mode      : ", "  Multicast mode          : ",
	"  Description             : ", "  Last down cause         : ",
	"  Last up time            : ", "  Last down time          : ",
	"  Last dying gasp time    : ", "  ONT online duration     : ",
	"  Type D support          : ", "  Isolation state         : ",
	"  ONT NNI type            : ", "  ONT actual NNI type     : ",
	"  Last ONT actual NNI type: ", "  Interoperability-mode   : ",
	"  FEC upstream state      :", "  VS-ID                   : ",
	"  VS name                 : ", "  Global ONT-ID           : ",
	"  Fiber route             : ",
	"  -----------------------------------------------------------------------------",
	"  Line profile ID      : ", "  Line profile name    : ",
};
static const char *const cap_desc_wrap[] = {	/* 4.3, MA5683T real */
	"  Description             : Dr,                             ",
	"                            Xxxxxxx_zone_PRINCIPAL_authd_202",
	"                            60818",
};
static const char *const cap_summary_head[] = {	/* 4.4 */
	"  Command is being executed. Please wait",
	"  ------------------------------------------------------------------------------",
};
static const char *const cap_summary_t1[] = {
	"  ONT  Run     Last                Last                Last",
	"  ID   State   UpTime              DownTime            DownCause",
	"  ------------------------------------------------------------------------------",
};
static const char cap_summary_row1[] = "  0    online  2000-01-01 00:00:00 2000-01-01 00:00:00 LOSi/LOBi";
static const char *const cap_summary_t2[] = {
	"  ONT        SN        Type          Distance Rx/Tx power  Description",
	"  ID                                    (m)      (dBm)",
	"  ------------------------------------------------------------------------------",
};
static const char cap_summary_row2[] = "  0   1234567890ABCDEF AB1234C5         100   -10.12/2.03  AB12";
static const char *const cap_optical_labels[] = {	/* 4.5 real */
	"  -----------------------------------------------------------------------------",
	"  ONU NNI port ID                        : ",
	"  Module type                            : ",
	"  Module sub-type                        : ",
	"  Used type                              : ",
	"  Encapsulation Type                     : ",
	"  Optical power precision(dBm)           : ",
	"  Vendor name                            : ",
	"  Vendor rev                             : ",
	"  Vendor PN                              : ",
	"  Vendor SN                              : ",
	"  Date Code                              : ",
	"  Rx optical power(dBm)                  : ",
	"  Rx power current warning threshold(dBm): [-,-]",
	"  Rx power current alarm threshold(dBm)  : [-29.0,-8.0]",
	"  Tx optical power(dBm)                  : ",
	"  Tx power current warning threshold(dBm): [-,-]",
	"  Tx power current alarm threshold(dBm)  : [0.0,6.0]",
	"  Laser bias current(mA)                 : ",
	"  Tx bias current warning threshold(mA)  : [-,-]",
	"  Tx bias current alarm threshold(mA)    : [0.000,90.000]",
	"  Temperature(C)                         : ",
	"  Temperature warning threshold(C)       : [-,-]",
	"  Temperature alarm threshold(C)         : [-10,80]",
	"  Voltage(V)                             : ",
	"  Supply voltage warning threshold(V)    : [-,-]",
	"  Supply voltage alarm threshold(V)      : [3.000,3.600]",
	"  OLT Rx ONT optical power(dBm)          : ",
	"  CATV Rx optical power(dBm)             : -",
	"  CATV Rx power alarm threshold(dBm)     : [-,-]",
	"  -----------------------------------------------------------------------------",
};
static const char *const cap_optical_port_head[] = {
	"  ----------------------------------------------------------------------------- ",
	"  ONT  Rx power  Tx power  OLT Rx ONT  Temperature  Voltage  Current  Distance  ",
	"  ID   (dBm)     (dBm)     power(dBm)  (C)          (V)      (mA)     (m)       ",
	"  ----------------------------------------------------------------------------- ",
};
static const char cap_optical_port_row[] = "    0  -24.68    3.68      -22.68      38           3.200    6        171       ";
static const char *const cap_sp_head[] = {	/* 4.7 real (port form) */
	"  Switch-Oriented Flow List",
	"  -----------------------------------------------------------------------------",
	"   INDEX VLAN VLAN     PORT F/ S/ P VPI  VCI   FLOW  FLOW       RX   TX   STATE",
	"         ID   ATTR     TYPE                    TYPE  PARA",
	"  -----------------------------------------------------------------------------",
};
static const char cap_sp_row[] = "      25  110 common   gpon 0/0 /1  1    1     vlan  110        17   47   up";
static const char *const cap_sp_note[] = {
	"   Note : F--Frame, S--Slot, P--Port,",
	"          VPI indicates ONT ID for PON, VCI indicates GEM index for GPON,",
	"          v/e--vlan/encap, pritag--priority-tagged,",
	"          ppp--pppoe, ip--ipoe, ip4--ipv4oe, ip6--ipv6oe, vxl--vxlan.",
	"          When FLOW TYPE is plist, the value of FLOW PARA is a byte in",
	"          hexadecimal format and indicates a priority list. Eight bits",
	"          of its binary value indicate priorities 0-7 from the least",
	"          significant bit to the most significant bit. Value 1 indicates",
	"          that the priority is used. For example, if FLOW PARA is 0x23 and",
	"          its binary format is 0010 0011, priorities 0, 1 and 5 are used",
};
static const char *const cap_undo_sp[] = {	/* 4.7 real, EA5800-X2 */
	"  Warning: The operation will delete multiple or all service ports and cause interruptions of many user services.",
	"  It will take several minutes, and console may timeout,",
	"  please use command idle-timeout to set time limit",
	"  Are you sure to release service virtual port(s)? (y/n)[n]:y",
	"  The number of total service virtual port in this",
	"  operation:       1",
	"  Deleting start...",
	"",
	"  Deleting end:",
	"  The number of total service virtual port which need be",
	"  deleted:   1",
	"  The number of total service virtual port which have been",
	"  deleted: 1",
};
static const char *const cap_board_head[] = {	/* 4.10 */
	"  -------------------------------------------------------------------------",
	"  SlotID  BoardName  Status          SubType0 SubType1    Online/Offline",
	"  -------------------------------------------------------------------------",
};
static const char cap_board_row[] = "  6       H901GPHF   Normal";
static const char *const cap_version[] = {	/* 4.11 MA5608T, values blanked */
	"",
	"  VERSION : ",
	"  PATCH   : ",
	"  PRODUCT : ",
	" ",
	"  Active Mainboard Running Area Information: ",
	"  --------------------------------------------------",
	"  Current Program Area : Area A ",
	"  Current Data Area : Area A",
	" ",
	"  Program Area A Version : ",
	"  Program Area B Version : ",
	" ",
	"  Data Area A Version : ",
	"  Data Area B Version : ",
	"  --------------------------------------------------",
	" ",
	"  Standby Mainboard Running Area Information: ",
};

static struct sim_fleet *fleet;
static struct sim_olt *olt;
static struct cli_session *sess;
static struct buf out;
static char *last;

/* Feeds text and returns what the persona answered, without CRs. */
static const char *out_text(void);

static const char *
feed(const char *text)
{
	buf_reset(&out);
	persona_huawei.input(sess, text, strlen(text), &out);
	return out_text();
}

/* Returns out without CRs (owned by the test, freed on the next call). */
static const char *
out_text(void)
{
	size_t j = 0;

	free(last);
	last = xmalloc(out.len + 1);
	for (size_t i = 0; i < out.len; i++)
		if (out.data[i] != '\r')
			last[j++] = out.data[i];
	last[j] = '\0';
	return last;
}

/* Opens a session; authenticated = SSH. */
static const char *
open_session(bool authenticated, int rows)
{
	struct persona_opts o = { authenticated, true, rows, "192.0.2.7" };

	buf_reset(&out);
	sess = persona_huawei.open(olt, &o, &out);
	return out_text();
}

static int
setup(void **state)
{
	struct fleet_opts fo = { .huawei = 1, .boards = 2, .pons = 2, .onts = 3, .seed = 42 };

	(void)state;
	fleet = fleet_new(&fo);
	olt = &fleet->olts[0];
	/* Fixed states for layout checks: ONTs 0/1/0 0..2 online, normal. */
	olt_lock(olt);
	for (int p = 0; p < olt->npons; p++) {
		olt->pons[p].nautofind = 0;
		for (int id = 0; id < 3; id++) {
			struct sim_ont *o = olt->pons[p].onts[id];
			o->admin = 1;
			o->config_ok = 1;
			o->model = 0;
			ont_set_state(olt, &olt->pons[p], o, SIM_ONLINE, SIM_CAUSE_NONE);
			o->rx = -1012;
			o->tx = 203;
			o->olt_rx = -2268;
			o->distance_m = 100;
		}
	}
	olt_unlock(olt);
	open_session(true, 0);
	feed("enable\r");
	feed("scroll 512\r");
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	persona_huawei.close(sess);
	sess = NULL;
	fleet_free(fleet);
	buf_free(&out);
	free(last);
	last = NULL;
	return 0;
}

/* Returns the line of text starting with prefix (static copy), or NULL. */
static const char *
line_with(const char *text, const char *prefix)
{
	static char line[512];
	const char *p = text;

	while (p != NULL && *p != '\0') {
		const char *e = strchr(p, '\n');
		size_t n = e != NULL ? (size_t)(e - p) : strlen(p);
		if (strncmp(p, prefix, strlen(prefix)) == 0 && n < sizeof line) {
			memcpy(line, p, n);
			line[n] = '\0';
			return line;
		}
		p = e != NULL ? e + 1 : NULL;
	}
	return NULL;
}

/* True when the lines appear consecutively in text, byte for byte. */
static bool
has_lines(const char *text, const char *const *lines, size_t n)
{
	struct buf b = { 0 };
	bool ok;

	for (size_t i = 0; i < n; i++)
		buf_addf(&b, "%s\n", lines[i]);
	ok = strstr(text, b.data) != NULL;
	if (!ok)
		fprintf(stderr, "missing block:\n%s---- in:\n%s\n", b.data, text);
	buf_free(&b);
	return ok;
}

/* Start columns of the blank-separated fields of a line. */
static int
columns(const char *l, int *cols, int max)
{
	int n = 0;

	for (int i = 0; l[i] != '\0' && n < max; i++)
		if (l[i] != ' ' && (i == 0 || l[i - 1] == ' '))
			cols[n++] = i;
	return n;
}

/* Asserts that two table rows have fields starting at the same columns. */
static void
same_columns(const char *got, const char *cap)
{
	int a[32], b[32], na, nb;

	assert_non_null(got);
	na = columns(got, a, 32);
	nb = columns(cap, b, 32);
	if (na != nb)
		fprintf(stderr, "got: [%s]\ncap: [%s]\n", got, cap);
	assert_int_equal(na, nb);
	for (int i = 0; i < na; i++) {
		if (a[i] != b[i])
			fprintf(stderr, "field %d: got: [%s]\ncap: [%s]\n", i, got, cap);
		assert_int_equal(a[i], b[i]);
	}
}

/* olt->sessions, read under the lock. */
static int
sessions(void)
{
	int n;

	olt_lock(olt);
	n = olt->sessions;
	olt_unlock(olt);
	return n;
}

static void
test_ssh_banner_and_prompt(void **state)
{
	const char *o;

	(void)state;
	persona_huawei.close(sess);
	o = open_session(true, 0);
	assert_true(str_startswith(o, "\n\n  Huawei Integrated Access Software (MA5800).\n"
	    "  Copyright(C) Huawei Technologies Co., Ltd. 2002-2023. All rights reserved.\n\n"
	    "  -----------------------------------------------------------------------------\n"
	    "  User last login information:\n"));
	assert_non_null(strstr(o, "  Access Type : SSH\n"));
	assert_non_null(line_with(o, "  IP-Address  : "));
	assert_non_null(strstr(o, "  All user fail login information:\n"));
	assert_non_null(strstr(o, "  Access Type IP-Address           Time                          Login Times\n"));
	assert_true(str_endswith(o, "  -----------------------------------------------------------------------------\n\nMA5800-X7>"));
	/* The next login shows this one as the last login. */
	persona_huawei.close(sess);
	o = open_session(true, 0);
	assert_non_null(strstr(o, "  IP-Address  : 192.0.2.7\n"));
	feed("enable\r");
}

static void
test_telnet_login_dialogue(void **state)
{
	const char *o;

	(void)state;
	persona_huawei.close(sess);
	o = open_session(false, 0);
	assert_string_equal(o, "\n>>User name:");
	assert_string_equal(feed("root\r\n"), "root\n>>User password:");
	o = feed("wrong\r\n");
	assert_null(strstr(o, "wrong"));
	assert_string_equal(o, "\n\nUsername or password invalid.\n\n>>User name:");
	feed("root\r");
	o = feed("Hw@lab1\r");
	assert_null(strstr(o, "Hw@lab1"));
	assert_non_null(strstr(o, "  Huawei Integrated Access Software (MA5800).\n"));
	assert_non_null(strstr(o, "  Access Type IP-Address           Time                          Login Times\n"));
	assert_true(str_endswith(o, "\nMA5800-X7>"));
	assert_int_equal(sessions(), 1);	/* the SSH one was closed */
	persona_huawei.close(sess);
	assert_int_equal(sessions(), 0);

	/* refuse_login: even good credentials fail. */
	olt_lock(olt);
	olt->fault.refuse_login = true;
	olt_unlock(olt);
	open_session(false, 0);
	feed("root\r");
	assert_non_null(strstr(feed("Hw@lab1\r"), "Username or password invalid."));
	assert_false(persona_huawei.done(sess));
	feed("root\r");
	feed("x\r");
	feed("root\r");
	feed("x\r");
	assert_true(persona_huawei.done(sess));
	persona_huawei.close(sess);
	olt_lock(olt);
	olt->fault.refuse_login = false;
	olt->sessions = olt->max_sessions;
	olt_unlock(olt);

	/* Session limit. */
	open_session(false, 0);
	feed("root\r");
	o = feed("Hw@lab1\r");
	assert_non_null(strstr(o, "Reenter times have reached the upper limit.\n"));
	assert_true(persona_huawei.done(sess));
	persona_huawei.close(sess);
	olt_lock(olt);
	olt->sessions = 0;
	olt_unlock(olt);
	open_session(true, 0);
	feed("enable\r");
}

static void
test_modes_and_prompts(void **state)
{
	(void)state;
	persona_huawei.close(sess);
	open_session(true, 0);
	assert_string_equal(feed("enable\r"), "enable\n\nMA5800-X7#");
	assert_string_equal(feed("config\r"), "config\n\nMA5800-X7(config)#");
	assert_string_equal(feed("interface gpon 0/1\r"),
	    "interface gpon 0/1\n\nMA5800-X7(config-if-gpon-0/1)#");
	assert_string_equal(feed("quit\r"), "quit\n\nMA5800-X7(config)#");
	feed("interface gpon 0/2\r");
	assert_string_equal(feed("return\r"), "return\n\nMA5800-X7#");
	assert_string_equal(feed("configure terminal\r"), "configure terminal\n\nMA5800-X7(config)#");
	assert_string_equal(feed("quit\r"), "quit\n\nMA5800-X7#");
	/* Abbreviations work, CR LF is one Enter, backspace erases. */
	assert_string_equal(feed("conx\bf\r\n"), "conx\b \bf\n\nMA5800-X7(config)#");
	/* Arrow keys are swallowed. */
	assert_string_equal(feed("ret\x1b[Aurn\r"), "return\n\nMA5800-X7#");
	feed("config\r");
	/* A board that is not there. */
	assert_non_null(strstr(feed("interface gpon 0/9\r"), "  % Parameter error, the error locates at '^'\n"));
}

static void
test_unknown_command_caret(void **state)
{
	(void)state;
	/* 1.1: "POP03_OLT1_GPON_HUAWEI#show" puts ^ under the 's'. */
	assert_string_equal(feed("show\r"),
	    "show\n          ^\n  % Unknown command, the error locates at '^'\n\nMA5800-X7#");
	feed("config\r");
	assert_string_equal(feed("exit\r"),
	    "exit\n                  ^\n  % Unknown command, the error locates at '^'\n\nMA5800-X7(config)#");
	feed("quit\r");
	/* netmiko's huawei device type sends this; it must still see a prompt. */
	const char *o = feed("screen-length 0 temporary\r");
	assert_non_null(strstr(o, "  % Unknown command, the error locates at '^'\n"));
	assert_true(str_endswith(o, "\nMA5800-X7#"));
	/* A bad number is a parameter error under that number. */
	assert_string_equal(feed("display ont info 0 1 x all\r"),
	    "display ont info 0 1 x all\n"
	    "                               ^\n  % Parameter error, the error locates at '^'\n\nMA5800-X7#");
}

static void
test_logout_confirmation(void **state)
{
	const char *o;

	(void)state;
	o = feed("quit\r");
	assert_string_equal(o, "quit\n  Are you sure to log out? (y/n)[n]:");
	assert_string_equal(feed("n\r"), "n\n\nMA5800-X7#");
	feed("quit\r");
	o = feed("y\r");
	assert_string_equal(o, "y\n\n  Configuration console exit, please retry to log on\n");
	assert_true(persona_huawei.done(sess));

	/* Unsaved changes: the reminder, on the same line (MA5800). */
	persona_huawei.close(sess);
	open_session(true, 0);
	olt_lock(olt);
	olt->dirty = true;
	olt_unlock(olt);
	assert_string_equal(feed("quit\r"), "quit\n  Check whether system data has been changed. "
	    "Please save data before logout. Are you sure to log out? (y/n)[n]:");
	feed("n\r");
	/* undo interactive: quit logs out at once. */
	feed("undo interactive\r");
	assert_string_equal(feed("quit\r"),
	    "quit\n\n  Configuration console exit, please retry to log on\n");
	assert_true(persona_huawei.done(sess));
}

static void
test_smart_prompt_and_command_echo(void **state)
{
	const char *o;

	(void)state;
	feed("config\r");
	feed("interface gpon 0/1\r");
	assert_string_equal(feed("display ont autofind 0\r"),
	    "display ont autofind 0\n{ <cr>||<K> }:");
	o = feed("\r");
	assert_string_equal(o, "\n\n  Command:\n          display ont autofind 0\n"
	    "  Failure: The automatically found ONTs do not exist\n\nMA5800-X7(config-if-gpon-0/1)#");
	feed("quit\r");
	assert_string_equal(feed("display current-configuration\r"),
	    "display current-configuration\n{ <cr>|include-default<K>|interface<K>|ont<K>|port<K>|"
	    "section<K>|service-port<K>||<K> }:");
	feed("q");	/* an answer that is not a keyword: Unknown command */
	o = feed("\r");
	assert_non_null(strstr(o, "  Command:\n          display current-configuration q\n"));
	/* undo smart: no question, no echo block. */
	feed("undo smart\r");
	o = feed("display ont autofind all\r");
	assert_string_equal(o, "display ont autofind all\n"
	    "  Failure: The automatically found ONTs do not exist\n\nMA5800-X7(config)#");
}

static void
test_autofind_record_layout(void **state)
{
	const char *o;

	(void)state;
	olt_lock(olt);
	struct sim_autofind *a = pon_add_autofind(olt, olt_pon(olt, 0, 1, 0), "HWTC6B886FA5");
	a->model = 0;	/* EG8145V5, V5R020C10S213, 159D.A as in the capture */
	olt_unlock(olt);
	feed("undo smart\r");
	o = feed("display ont autofind all\r");
	/* Every line but the MAC, equipment SN and time is identical. */
	for (size_t i = 0; i < nitems(cap_autofind); i++) {
		const char *c = cap_autofind[i];
		if (strstr(c, "MAC") || strstr(c, "Equipment SN") || strstr(c, "autofind time")) {
			char label[32];
			snprintf(label, sizeof label, "%.25s", c);
			assert_non_null(line_with(o, label));
			continue;
		}
		if (line_with(o, c) == NULL || strcmp(line_with(o, c), c) != 0)
			fail_msg("autofind line missing: [%s] in\n%s", c, o);
	}
	assert_true(has_lines(o, cap_autofind + 15, 2));
	/* Per-port form inside the interface gives the same record. */
	feed("config\r");
	feed("interface gpon 0/1\r");
	o = feed("display ont autofind 0\r");
	assert_non_null(strstr(o, "   Ont SN              : 485754436B886FA5 (HWTC-6B886FA5)\n"));
	assert_non_null(strstr(feed("display ont autofind 1\r"),
	    "  Failure: The automatically found ONTs do not exist\n"));
}

static void
test_ont_info_port_table(void **state)
{
	const char *o;

	(void)state;
	olt_lock(olt);
	struct sim_ont *ont = pon_ont(olt_pon(olt, 0, 1, 0), 0);
	free(ont->desc);
	ont->desc = xstrdup("The boiling consignment budgets.");
	olt_unlock(olt);
	/* Smart mode asks first; Enter gives the echo block, then the table. */
	assert_string_equal(feed("display ont info 0 1 0 all\r"),
	    "display ont info 0 1 0 all\n{ <cr>||<K> }:");
	o = feed("\r");
	assert_true(str_startswith(o, "\n\n  Command:\n          display ont info 0 1 0 all\n"
	    "  -----------------------------------------------------------------------------\n"));
	assert_true(has_lines(o, cap_info_head, nitems(cap_info_head)));
	same_columns(line_with(o, "  0/ 1/0    0  "), cap_info_row);
	assert_int_equal(strlen(line_with(o, "  0/ 1/0    0  ")), strlen(cap_info_row));
	assert_non_null(strstr(o, cap_info_desc_head));
	assert_string_equal(line_with(o, "  0/ 1/0       0"), cap_info_desc_row);
	assert_string_equal(line_with(o, "  In port"), "  In port 0/ 1/0, the total of ONTs are: 3, online: 3");
	same_columns(line_with(o, "  In port"), cap_info_footer);
	/* Inside the interface: display ont info P all. */
	feed("config\r");
	feed("interface gpon 0/1\r");
	feed("undo smart\r");
	o = feed("display ont info 0 all\r");
	assert_true(has_lines(o, cap_info_head, nitems(cap_info_head)));
}

static void
test_ont_detail_and_description_wrap(void **state)
{
	const char *o, *p;

	(void)state;
	olt_lock(olt);
	struct sim_ont *ont = pon_ont(olt_pon(olt, 0, 1, 1), 2);
	free(ont->desc);
	ont->desc = xstrdup("Dr, Xxxxxxx_zone_PRINCIPAL_authd_20260818");
	olt_unlock(olt);
	o = feed("display ont info 0 1 1 2\r");
	p = o;
	for (size_t i = 0; i < nitems(cap_detail_labels); i++) {
		p = strstr(p, cap_detail_labels[i]);
		if (p == NULL)
			fail_msg("label %zu [%s] missing or out of order", i, cap_detail_labels[i]);
	}
	assert_true(has_lines(o, cap_desc_wrap, nitems(cap_desc_wrap)));
	assert_non_null(strstr(o, "  F/S/P                   : 0/ 1/1\n  ONT-ID                  : 2\n"));
	assert_non_null(strstr(o, "  Line profile ID      : 31\n  Line profile name    : LINE_PROFILE_31\n"));
	assert_non_null(strstr(o, "  Service profile ID   : 31\n"));
	assert_non_null(strstr(o, "    <Gem Index 31>\n"));
	/* Same detail by serial, both forms; unknown serial fails. */
	char hex[17], cmd[64];
	sim_sn_hex(ont->sn, hex);
	snprintf(cmd, sizeof cmd, "display ont info by-sn %s\r", hex);
	assert_non_null(strstr(feed(cmd), "  ONT-ID                  : 2\n"));
	snprintf(cmd, sizeof cmd, "display ont info by-sn %s\r", ont->sn);
	assert_non_null(strstr(feed(cmd), "  F/S/P                   : 0/ 1/1\n"));
	assert_string_equal(feed("display ont info by-sn 48575443DEADBEEF\r"),
	    "display ont info by-sn 48575443DEADBEEF\n  Failure: The required ONT does not exist\n\nMA5800-X7#");
	assert_non_null(strstr(feed("display ont info 0 1 1 77\r"), "  Failure: The ONT does not exist\n"));
}

static void
test_ont_summary_layout(void **state)
{
	const char *o;

	(void)state;
	olt_lock(olt);
	struct sim_pon *pon = olt_pon(olt, 0, 1, 0);
	pon->onts[0]->last_down = pon->onts[0]->last_up - 30;
	pon->onts[0]->down_cause = SIM_CAUSE_LOS;
	ont_set_state(olt, pon, pon->onts[1], SIM_OFFLINE, SIM_CAUSE_RESET);
	free(pon->onts[0]->desc);
	pon->onts[0]->desc = xstrdup("AB12");
	olt_unlock(olt);
	o = feed("display ont info summary 0/1/0\r");
	assert_true(has_lines(o, cap_summary_head, nitems(cap_summary_head)));
	assert_string_equal(line_with(o, "  In port"), "  In port 0/1/0, the total of ONTs are: 3, online: 2");
	assert_true(has_lines(o, cap_summary_t1, nitems(cap_summary_t1)));
	assert_true(has_lines(o, cap_summary_t2, nitems(cap_summary_t2)));
	same_columns(line_with(o, "  0    online  "), cap_summary_row1);
	/* The reset cause is cut to the column as on the device. */
	assert_non_null(strstr(line_with(o, "  1    offline "), " ONT is reset by ONT comma"));
	same_columns(strstr(o, "ONT        SN") ? line_with(strstr(o, "ONT        SN"), "  0   ") : NULL, cap_summary_row2);
	assert_non_null(strstr(line_with(strstr(o, "ONT        SN"), "  1   "), " -/-  "));
}

static void
test_optical_info(void **state)
{
	const char *o, *p;

	(void)state;
	feed("config\r");
	feed("interface gpon 0/1\r");
	o = feed("display ont optical-info 0 1\r");
	assert_true(str_startswith(o, "display ont optical-info 0 1\n"
	    "  -----------------------------------------------------------------------------\n"
	    "  ONU NNI port ID                        : 0\n"));
	p = o;
	for (size_t i = 0; i < nitems(cap_optical_labels); i++) {
		p = strstr(p, cap_optical_labels[i]);
		if (p == NULL)
			fail_msg("optical label [%s] missing or out of order in\n%s", cap_optical_labels[i], o);
	}
	assert_non_null(strstr(o, "  Rx optical power(dBm)                  : -10.12\n"));
	assert_non_null(strstr(o, "  OLT Rx ONT optical power(dBm)          : -22.68\n"));
	olt_lock(olt);
	struct sim_pon *pon = olt_pon(olt, 0, 1, 0);
	ont_set_state(olt, pon, pon->onts[2], SIM_LOS, SIM_CAUSE_LOS);
	pon->onts[0]->rx = -2468;
	pon->onts[0]->tx = 368;
	pon->onts[0]->distance_m = 171;
	olt_unlock(olt);
	assert_non_null(strstr(feed("display ont optical-info 0 2\r"), "  Failure: The ONT is not online\n"));
	o = feed("display ont optical-info 0 all\r");
	assert_true(has_lines(o, cap_optical_port_head, nitems(cap_optical_port_head)));
	same_columns(line_with(o, "    0  "), cap_optical_port_row);
	assert_int_equal(strlen(line_with(o, "    0  ")), strlen(cap_optical_port_row));
}

static void
test_ont_add_appears_and_delete_removes(void **state)
{
	const char *o;

	(void)state;
	feed("config\r");
	feed("interface gpon 0/1\r");
	o = feed("ont add 1 sn-auth \"5A544547C9E3311B\" omci ont-lineprofile-id 10 ont-srvprofile-id 1 desc \"DR_XXXXXXX\"\r");
	assert_true(str_endswith(o, "\n  { <cr>|ont-type<K> }:"));
	o = feed("\r");
	assert_string_equal(o, "\n\n  Command:\n          ont add 1 sn-auth \"5A544547C9E3311B\" omci "
	    "ont-lineprofile-id 10 ont-srvprofile-id 1 desc \"DR_XXXXXXX\"\n"
	    "  Number of ONTs that can be added: 1, success: 1\n  PortID :1, ONTID :3\n"
	    "\nMA5800-X7(config-if-gpon-0/1)#");
	feed("undo smart\r");
	o = feed("display ont info 1 all\r");
	assert_non_null(strstr(o, "  0/ 1/1    3  5A544547C9E3311B  active      offline  initial  initial  no  \n"));
	assert_non_null(strstr(o, "  0/ 1/1       3   DR_XXXXXXX\n"));
	/* The same serial again, in its 12-char form. */
	assert_non_null(strstr(feed("ont add 1 sn-auth ZTEGC9E3311B omci ont-lineprofile-id 10 ont-srvprofile-id 1\r"),
	    "  Failure: SN already exists\n"));
	assert_non_null(strstr(feed("ont add 1 sn-auth \"5A544547C9E33122\" omci ont-lineprofile-id 99 ont-srvprofile-id 1\r"),
	    "  Failure: The ont-lineprofile does not exist\n"));
	/* desc is at most 64 characters; a bad serial is a parameter error. */
	assert_non_null(strstr(feed("ont add 1 sn-auth HWTC00000001 omci ont-lineprofile-id 10 ont-srvprofile-id 1 desc "
	    "\"12345678901234567890123456789012345678901234567890123456789012345\"\r"),
	    "  % Parameter error, the error locates at '^'\n"));
	assert_non_null(strstr(feed("ont add 1 sn-auth HWTCXYZ omci ont-lineprofile-id 10 ont-srvprofile-id 1\r"),
	    "  % Parameter error, the error locates at '^'\n"));
	/* busy: every write refuses. */
	olt_lock(olt);
	olt->fault.busy = true;
	olt_unlock(olt);
	assert_non_null(strstr(feed("ont add 1 sn-auth HWTC00000001 omci ont-lineprofile-id 10 ont-srvprofile-id 1\r"),
	    "  Failure: System is busy, please retry after a while\n"));
	assert_non_null(strstr(feed("ont delete 1 0\r"), "  Failure: System is busy, please retry after a while\n"));
	olt_lock(olt);
	olt->fault.busy = false;
	olt_unlock(olt);
	/* Named profiles, explicit id. */
	o = feed("ont add 1 9 sn-auth \"HWTC00000009\" omci ont-lineprofile-name \"fiber-100\" "
	    "ont-srvprofile-name \"SRVPROFILE_ROUTER\" desc \"Casa 9\"\r");
	assert_non_null(strstr(o, "  PortID :1, ONTID :9\n"));
	/* A service port blocks the delete (wrapped message). */
	feed("quit\r");
	assert_non_null(strstr(feed("service-port 25 vlan 110 gpon 0/1/1 ont 3 gemport 7 multi-service "
	    "user-vlan 110 tag-transform translate\r"), "  Failure: The GEM port does not exist\n"));
	o = feed("service-port 25 vlan 110 gpon 0/1/1 ont 3 gemport 1 multi-service user-vlan 110 "
	    "tag-transform translate inbound traffic-table index 10 outbound traffic-table index 20\r");
	assert_string_equal(o, "service-port 25 vlan 110 gpon 0/1/1 ont 3 gemport 1 multi-service user-vlan 110 "
	    "tag-transform translate inbound traffic-table index 10 outbound traffic-table index 20\n\nMA5800-X7(config)#");
	feed("interface gpon 0/1\r");
	assert_string_equal(feed("ont delete 1 3\r"), "ont delete 1 3\n"
	    "  Failure: This configured object has some service virtual\n  ports\n\nMA5800-X7(config-if-gpon-0/1)#");
	feed("quit\r");
	assert_string_equal(feed("undo service-port 25\r"), "undo service-port 25\n\nMA5800-X7(config)#");
	feed("interface gpon 0/1\r");
	assert_string_equal(feed("ont delete 1 3\r"), "ont delete 1 3\n"
	    "  Number of ONTs that can be deleted: 1, success: 1\n\nMA5800-X7(config-if-gpon-0/1)#");
	assert_null(strstr(feed("display ont info 1 all\r"), "5A544547C9E3311B"));
	assert_non_null(strstr(feed("ont delete 1 3\r"), "  Failure: The ONT does not exist\n"));
}

static void
test_service_port_tables(void **state)
{
	const char *o;

	(void)state;
	feed("undo smart\r");
	feed("config\r");
	feed("interface gpon 0/1\r");
	feed("ont add 1 1 sn-auth HWTC11E70E9A omci ont-lineprofile-id 10 ont-srvprofile-id 1\r");
	feed("ont delete 1 1\r");	/* has a fleet service port: refused */
	feed("quit\r");
	olt_lock(olt);
	struct sim_pon *pon = olt_pon(olt, 0, 1, 1);
	pon->onts[1]->line_profile = 10;
	olt_unlock(olt);
	feed("traffic table ip index 17 name \"17M\" cir 17408 pir 17408 priority 0 priority-policy local-setting\r");
	feed("traffic table ip index 47 name \"47M\" cir 48128 pir 48128 priority 0 priority-policy local-setting\r");
	assert_non_null(strstr(feed("traffic table ip index 47 name \"x\" cir 1024 pir 1024 priority 0 priority-policy local-setting\r"),
	    "  Failure: The traffic table exists already\n"));
	o = feed("service-port 25 vlan 110 gpon 0/1/1 ont 1 gemport 1 multi-service user-vlan 110 "
	    "tag-transform translate inbound traffic-table index 17 outbound traffic-table index 47\r");
	assert_null(strstr(o, "Failure"));
	o = feed("display service-port port 0/1/1\r");
	assert_true(has_lines(o, cap_sp_head, nitems(cap_sp_head)));
	same_columns(line_with(o, "      25"), cap_sp_row);
	assert_string_equal(line_with(o, "      25"),
	    "      25  110 common   gpon 0/1 /1  1    1     vlan  110        17   47   up");
	o = feed("display service-port all\r");
	assert_non_null(strstr(o, "\nSwitch-Oriented Flow List\n"));
	assert_non_null(line_with(o, "   Total : "));
	assert_true(has_lines(o, cap_sp_note, nitems(cap_sp_note)));
	/* Changing the tables of an existing service port. */
	assert_string_equal(feed("service-port 25 inbound traffic-table index 47 outbound traffic-table index 17\r"),
	    "service-port 25 inbound traffic-table index 47 outbound traffic-table index 17\n\nMA5800-X7(config)#");
	assert_non_null(strstr(feed("display service-port port 0/1/1\r"), "\n      25  110 common   gpon 0/1 /1  1    1     vlan  110        47   17   up\n"));
	assert_non_null(strstr(feed("service-port 25 inbound traffic-table index 99 outbound traffic-table index 17\r"),
	    "  Failure: The traffic table does not exist\n"));
	feed("service-port 25 inbound traffic-table index 17 outbound traffic-table index 47\r");
	o = feed("display traffic table ip from-index 0\r");
	assert_non_null(strstr(o, "\n  17   17408      559056     17408      559056     0    -            local-setting\n"));
	assert_non_null(strstr(o, "\n  Total Num : 4\n"));
	assert_null(strstr(feed("display traffic table ip from-index 18\r"), "\n  17 "));
	/* Smart mode asks after `tag-transform translate`. */
	feed("smart\r");
	assert_true(str_endswith(feed("service-port vlan 111 gpon 0/1/1 ont 1 gemport 2 multi-service "
	    "user-vlan 111 tag-transform translate\r"), "\n{ <cr>|bundle<K>|inbound<K>|rx-cttr<K> }:"));
	o = feed("\r");
	assert_non_null(strstr(o, "  Command:\n          service-port vlan 111 gpon"));
	assert_null(strstr(o, "Failure"));
	/* The multi-delete dialogue (4.7 VERBATIM). */
	feed("undo smart\r");
	o = feed("undo service-port vlan 110 gpon 0/1/1 ont 1 gemport 1\r");
	assert_true(str_endswith(o, "  Are you sure to release service virtual port(s)? (y/n)[n]:"));
	o = feed("y\r");
	assert_true(has_lines(o, cap_undo_sp + 4, nitems(cap_undo_sp) - 4));
	assert_true(str_startswith(o, "y\n  The number of total service virtual port in this\n"));
	assert_null(strstr(feed("display service-port port 0/1/1\r"), "      25  110"));
}

static void
test_undo_sp_question_text(void **state)
{
	const char *o;

	(void)state;
	feed("config\r");
	o = feed("undo service-port vlan 31 gpon 0/1/0 ont 1 gemport 31\r");
	{
		struct buf b = { 0 };
		buf_adds(&b, o);
		buf_adds(&b, feed("y\r"));
		/* The whole dialogue, question + 'y' echo + result, verbatim. */
		assert_true(has_lines(b.data, cap_undo_sp, nitems(cap_undo_sp)));
		buf_free(&b);
	}
	/* n keeps the service ports. */
	feed("undo service-port vlan 31 gpon 0/1/0 ont 2 gemport 31\r");
	assert_string_equal(feed("n\r"), "n\n\nMA5800-X7(config)#");
	olt_lock(olt);
	int nsp = olt_count_sps(olt, 0, 2);
	olt_unlock(olt);
	assert_int_equal(nsp, 1);
}

static void
test_reset_activate_deactivate(void **state)
{
	const char *o;

	(void)state;
	feed("config\r");
	feed("interface gpon 0/1\r");
	o = feed("ont reset 0 1\r");
	assert_string_equal(o, "ont reset 0 1\n  Are you sure to reset the ONT(s)? (y/n)[n]:");
	o = feed("y\r");
	assert_string_equal(o, "y\n\nMA5800-X7(config-if-gpon-0/1)#");
	olt_lock(olt);
	int st = olt_pon(olt, 0, 1, 0)->onts[1]->state;
	int cause = olt_pon(olt, 0, 1, 0)->onts[1]->down_cause;
	olt_unlock(olt);
	assert_int_equal(st, SIM_OFFLINE);
	assert_int_equal(cause, SIM_CAUSE_RESET);
	feed("undo interactive\r");
	assert_string_equal(feed("ont reset 0 1\r"),
	    "ont reset 0 1\n  Failure: The ONT is not online\n\nMA5800-X7(config-if-gpon-0/1)#");
	assert_string_equal(feed("ont deactivate 0 2\r"), "ont deactivate 0 2\n\nMA5800-X7(config-if-gpon-0/1)#");
	o = feed("display ont info 0 2\r");
	assert_non_null(strstr(o, "  Control flag            : deactivated\n"));
	assert_non_null(strstr(o, "  Run state               : offline\n"));
	feed("ont activate 0 2\r");
	o = feed("display ont info 0 2\r");
	assert_non_null(strstr(o, "  Control flag            : active\n"));
	assert_non_null(strstr(o, "  Run state               : online\n"));
	feed("ont modify 0 2 desc \"New text\"\r");
	assert_non_null(strstr(feed("display ont info 0 2\r"), "  Description             : New text\n"));
	assert_non_null(strstr(feed("ont reset 0 99\r"), "  Failure: The ONT does not exist\n"));
	/* A reset ONT comes back; at the latest when its session ends. */
	persona_huawei.close(sess);
	sess = NULL;
	olt_lock(olt);
	st = olt_pon(olt, 0, 1, 0)->onts[1]->state;
	olt_unlock(olt);
	assert_int_equal(st, SIM_ONLINE);
	open_session(true, 0);
	feed("enable\r");
	feed("scroll 512\r");
	feed("config\r");
	feed("interface gpon 0/1\r");
	/* Service lines are stored and printed back by the running config. */
	assert_string_equal(feed("ont ipconfig 0 2 pppoe vlan 31 priority 0 user-account username \"u1\" password \"secret\"\r"),
	    "ont ipconfig 0 2 pppoe vlan 31 priority 0 user-account username \"u1\" password \"secret\"\n\n"
	    "MA5800-X7(config-if-gpon-0/1)#");
	feed("ont tr069-server-config 0 2 profile-id 1\r");
	feed("undo smart\r");
	feed("ont port native-vlan 0 2 eth 1 vlan 31 priority 0\r");
	o = feed("display current-configuration\r");
	assert_non_null(strstr(o, "\n ont ipconfig 0 2 pppoe vlan 31 priority 0 user-account username \"u1\" password \"******\"\n"));
	assert_null(strstr(o, "secret"));
	assert_non_null(strstr(o, "\n ont tr069-server-config 0 2 profile-id 1\n"));
	assert_non_null(strstr(o, "\n ont port native-vlan 0 2 eth 1 vlan 31 priority 0\n"));
}

static void
test_board_version_health(void **state)
{
	const char *o;

	(void)state;
	o = feed("display board 0\r");
	assert_true(has_lines(o, cap_board_head, nitems(cap_board_head)));
	same_columns(line_with(o, "  1       "), cap_board_row);
	assert_string_equal(line_with(o, "  1       "), "  1       H901GPHF   Normal");
	assert_string_equal(line_with(o, "  0"), "  0");
	o = feed("display board 0/1\r");
	assert_non_null(strstr(o, "\n  ---------------------------------------\n  Board Name          : H901GPHF\n"
	    "  Board Status        : Normal\n  ---------------------------------------\n"
	    "  Power Status      Power-off cause                    Power-off Time\n"
	    "  POWER-ON          -                                  -\n"
	    "  -------------------------------------------------------------\n"
	    "    Port   Port   min-distance   max-distance   Optical-module\n"
	    "           type       (km)           (km)           status\n"
	    "  -------------------------------------------------------------\n"
	    "    0     GPON        0              20             Online\n"
	    "    1     GPON        0              20             Online\n"
	    "    2     GPON        0              20             Offline\n"));
	assert_non_null(strstr(o, "\n   15     GPON        0              20             Offline\n"));
	o = feed("display version\r");
	for (size_t i = 0; i < nitems(cap_version); i++)
		if (strstr(o, cap_version[i]) == NULL)
			fail_msg("version line [%s] missing", cap_version[i]);
	assert_non_null(strstr(o, "display version\n\n  VERSION : MA5800V100R019C10\n  PATCH   : SPC200\n  PRODUCT : MA5800-X7\n \n"));
	assert_non_null(line_with(o, "  Uptime is "));
	assert_non_null(strstr(line_with(o, "  Uptime is "), " day(s), "));
	o = feed("display cpu 0/1\r");
	assert_non_null(strstr(o, "\n  CPU occupancy: "));
	assert_true(str_endswith(line_with(o, "  CPU occupancy: "), "%"));
	olt_lock(olt);
	olt->temp_c = 31;	/* board 1 at 36 C, as the capture's slot 6 */
	olt_unlock(olt);
	o = feed("display temperature 0/all\r");
	same_columns(line_with(o, "  SlotID:  1"), "  SlotID:  6      BoardName: H901GPHF       Temperature:   36C(  96F)");
	o = feed("display sysuptime\r");
	assert_true(str_endswith(line_with(o, "  System up time: "), " second "));
}

static void
test_pager_and_erase(void **state)
{
	const char *o;
	const char erase[] = "\x1b[37D                                     \x1b[37D";

	(void)state;
	persona_huawei.close(sess);
	open_session(true, 10);	/* 9 lines per page */
	feed("enable\r");
	feed("undo smart\r");
	o = feed("display service-port all\r");
	assert_true(str_endswith(o, "\n---- More ( Press 'Q' to break ) ----"));
	assert_int_equal(strchr(o, '\n') != NULL, 1);
	/* lines: the echo line + 9 output lines, then the marker */
	int n = 0;
	for (const char *p = o; *p; p++)
		n += *p == '\n';
	assert_int_equal(n, 10);
	/* Enter: erase, one more line, the marker again. */
	o = feed("\r");
	assert_true(str_startswith(o, erase));
	n = 0;
	for (const char *p = o; *p; p++)
		n += *p == '\n';
	assert_int_equal(n, 1);
	assert_true(str_endswith(o, "---- More ( Press 'Q' to break ) ----"));
	/* Space: erase, a page. */
	o = feed(" ");
	assert_true(str_startswith(o, erase));
	/* q: erase, and the prompt. */
	o = feed("q");
	assert_string_equal(o, "\x1b[37D                                     \x1b[37D\nMA5800-X7#");
	/* scroll 512: no marker. */
	feed("scroll 512\r");
	assert_null(strstr(feed("display ont info 0 1 0 all\r"), "---- More"));
	feed("scroll 20\r");
	assert_non_null(strstr(feed("display service-port all\r"), "---- More"));
	feed("q");
	feed("scroll\r");
	assert_null(strstr(feed("display ont info 0 1 0 all\r"), "---- More"));
}

static void
test_busy_fault_and_save(void **state)
{
	const char *o;

	(void)state;
	feed("undo smart\r");
	feed("config\r");
	olt_lock(olt);
	olt->fault.busy = true;
	olt_unlock(olt);
	assert_non_null(strstr(feed("undo service-port 1000\r"),
	    "  Failure: System is busy, please retry after a while\n"));
	assert_non_null(strstr(feed("save\r"), "  Failure: System is busy, please retry after a while\n"));
	olt_lock(olt);
	olt->fault.busy = false;
	olt->dirty = true;
	olt_unlock(olt);
	o = feed("save\r");
	assert_non_null(strstr(o, "  It will take several minutes to save configuration file, please wait...\n"));
	olt_lock(olt);
	bool dirty = olt->dirty;
	olt_unlock(olt);
	assert_false(dirty);
}

static void
test_current_configuration(void **state)
{
	const char *o;
	char hex[17], line[160];

	(void)state;
	feed("undo smart\r");
	feed("scroll 512\r");
	o = feed("display current-configuration\r");
	assert_non_null(strstr(o, "\n[Active: H901MPLA; Standby: H901MPLA]\n[Patch Info: SPC200]\n[MA5800V100R019: 5011]\n#\n"));
	assert_non_null(strstr(o, "\n[global-config]\n  <global-config>\n sysname MA5800-X7\n"));
	assert_non_null(strstr(o, "\n[gpon]\n  <gpon-0/1>\n interface gpon 0/1\n"));
	olt_lock(olt);
	struct sim_ont *ont = olt_pon(olt, 0, 2, 1)->onts[2];
	sim_sn_hex(ont->sn, hex);
	snprintf(line, sizeof line, "\n ont add 1 2 sn-auth \"%s\" omci ont-lineprofile-id 31 "
	    "ont-srvprofile-id 31 desc \"%s\"\n", hex, ont->desc);
	olt_unlock(olt);
	assert_non_null(strstr(o, line));
	assert_non_null(strstr(o, "\n[bbs-config]\n  <bbs-config>\n service-port 1000 vlan 31 gpon 0/1/0 ont 0 gemport 31 "
	    "multi-service user-vlan 31 tag-transform translate"));
	assert_true(str_endswith(o, "\nreturn\n\nMA5800-X7#"));
	/* One ONT: its add line, its service ports, nothing else. */
	o = feed("display current-configuration ont 0/2/1 2\r");
	assert_non_null(strstr(o, line));
	assert_null(strstr(o, "[global-config]"));
	assert_non_null(strstr(o, "\n service-port 1011 vlan 31 gpon 0/2/1 ont 2 gemport 31 "));
	assert_null(strstr(o, "service-port 1010 "));
	assert_null(strstr(o, " ont add 1 1 "));
	o = feed("display current-configuration section bbs-config\r");
	assert_null(strstr(o, "[gpon]"));
	assert_non_null(strstr(o, "\n service-port 1000 vlan 31 "));
}

static void
test_alarm_blocks(void **state)
{
	regex_t re;

	(void)state;
	/* NOC's alarm regex (automation-quirks.md 3.1), \d as [0-9]. */
	assert_int_equal(regcomp(&re, "\\s+\\!\\s*[0-9]+\\[\\S+\\s\\S+\\]:\n\n\\s+ALARM.+\n"
	    "(\\s+(ALARM NAME|PARAMETERS|DESCRIPTION|CAUSE|ADVICE)\\s+:\\s*(.+\n)+)+\\s+\\-+\\s*END",
	    REG_EXTENDED), 0);
	olt_lock(olt);
	struct sim_pon *pon = olt_pon(olt, 0, 1, 0);
	ont_set_state(olt, pon, pon->onts[0], SIM_LOS, SIM_CAUSE_LOS);
	olt_unlock(olt);
	buf_reset(&out);
	persona_huawei.tick(sess, &out);
	{
		size_t j = 0;
		char *t = xmalloc(out.len + 1);
		for (size_t i = 0; i < out.len; i++)
			if (out.data[i] != '\r')
				t[j++] = out.data[i];
		t[j] = '\0';
		if (regexec(&re, t, 0, NULL, 0) != 0)
			fail_msg("alarm block does not match:\n%s", t);
		assert_non_null(strstr(t, "FrameID: 0, SlotID: 1, PortID: 0, ONT ID: 0"));
		assert_true(str_endswith(t, "\nMA5800-X7#"));
		free(t);
	}
	/* Once shown, not again; undo alarm output all silences them. */
	buf_reset(&out);
	persona_huawei.tick(sess, &out);
	assert_int_equal(out.len, 0);
	feed("undo alarm output all\r");
	olt_lock(olt);
	ont_set_state(olt, pon, pon->onts[0], SIM_ONLINE, SIM_CAUSE_NONE);
	olt_unlock(olt);
	buf_reset(&out);
	persona_huawei.tick(sess, &out);
	assert_int_equal(out.len, 0);
	regfree(&re);
}

static void
test_session_commands(void **state)
{
	(void)state;
	assert_string_equal(feed("infoswitch cli OFF\r"), "infoswitch cli OFF\n\nMA5800-X7#");
	assert_string_equal(feed("idle-timeout 30\r"), "idle-timeout 30\n\nMA5800-X7#");
	assert_string_equal(feed("undo idle-timeout\r"), "undo idle-timeout\n\nMA5800-X7#");
	/* mmi-mode only from (config)#. */
	assert_non_null(strstr(feed("mmi-mode enable\r"), "% Unknown command"));
	feed("config\r");
	assert_string_equal(feed("mmi-mode enable\r"), "mmi-mode enable\n\nMA5800-X7(config)#");
	assert_non_null(strstr(feed("scroll 999\r"), "  % Parameter error, the error locates at '^'\n"));
}

/* The command's answer alone: without the echoed line and the prompt. */
static char *
answer(const char *cmd)
{
	char line[256];
	const char *o, *start, *end;

	snprintf(line, sizeof line, "%s\r", cmd);
	o = feed(line);
	start = strchr(o, '\n');
	end = strstr(o, "\n\nMA5800-X7");
	assert_non_null(start);
	assert_non_null(end);
	return xstrndup(start + 1, (size_t)(end - start));
}

/* oltui's own Huawei parsers read what the persona prints. */
static void
test_oltui_parsers_read_the_persona(void **state)
{
	struct pr_autofind_list af = { 0 };
	struct pr_ont_list ol = { 0 };
	struct pr_ont_detail d;
	struct pr_optical op;
	struct pr_optical_list ql = { 0 };
	struct pr_service_port_list sl = { 0 };
	struct pr_board_list bl = { 0 };
	struct pr_version v;
	char *t, *cause = NULL;

	(void)state;
	feed("undo smart\r");
	olt_lock(olt);
	pon_add_autofind(olt, olt_pon(olt, 0, 1, 0), "HWTC6B886FA5");
	olt_unlock(olt);
	t = answer("display ont autofind all");
	assert_int_equal(huawei_parse_autofind(t, &af, &cause), 0);
	assert_int_equal(af.n, 1);
	assert_string_equal(af.v[0].sn, "HWTC6B886FA5");
	assert_string_equal(af.v[0].port, "0/1/0");
	pr_autofind_list_free(&af);
	free(t);

	t = answer("display ont info 0 1 0 all");
	assert_int_equal(huawei_parse_ont_list(t, &ol, &cause), 0);
	assert_int_equal(ol.n, 3);
	assert_int_equal(ol.v[2].ont_id, 2);
	assert_int_equal(ol.v[2].status, ONT_ONLINE);
	assert_non_null(ol.v[2].description);
	pr_ont_list_free(&ol);
	free(t);

	t = answer("display ont info summary 0/1/0");
	assert_int_equal(huawei_parse_ont_list(t, &ol, &cause), 0);
	assert_int_equal(ol.n, 3);
	assert_true(fabs(ol.v[0].rx_dbm - -10.12) < 0.001);
	pr_ont_list_free(&ol);
	free(t);

	pr_ont_detail_init(&d);
	t = answer("display ont info 0 1 0 1");
	assert_int_equal(huawei_parse_ont_detail(t, &d, &cause), 0);
	assert_int_equal(d.ont_id, 1);
	assert_int_equal(d.status, ONT_ONLINE);
	assert_int_equal(d.admin, ADMIN_ENABLED);
	pr_ont_detail_free(&d);
	free(t);

	feed("config\r");
	feed("interface gpon 0/1\r");
	pr_optical_init(&op);
	t = xstrdup(strchr(feed("display ont optical-info 0 1\r"), '\n') + 1);
	*strstr(t, "\n\nMA5800-X7") = '\0';
	assert_int_equal(huawei_parse_optical(t, &op, &cause), 0);
	assert_true(fabs(op.rx_dbm - -10.12) < 0.001);
	assert_true(fabs(op.olt_rx_dbm - -22.68) < 0.001);
	pr_optical_free(&op);
	free(t);

	t = xstrdup(strchr(feed("display ont optical-info 0 all\r"), '\n') + 1);
	*strstr(t, "\n\nMA5800-X7") = '\0';
	assert_int_equal(huawei_parse_optical_list(t, "0/1/0", &ql, &cause), 0);
	assert_int_equal(ql.n, 3);
	pr_optical_list_free(&ql);
	free(t);
	feed("return\r");

	t = answer("display service-port all");
	assert_int_equal(huawei_parse_service_ports(t, &sl, &cause), 0);
	assert_int_equal(sl.n, 12);
	assert_int_equal(sl.v[0].index, 1000);
	assert_string_equal(sl.v[0].port, "0/1/0");
	assert_int_equal(sl.v[0].gem, 31);
	pr_service_port_list_free(&sl);
	free(t);

	t = answer("display board 0");
	assert_int_equal(huawei_parse_boards(t, &bl, &cause), 0);
	assert_true(bl.n >= 4);
	pr_board_list_free(&bl);
	free(t);

	pr_version_init(&v);
	t = answer("display version");
	assert_int_equal(huawei_parse_version(t, &v, &cause), 0);
	assert_string_equal(v.product, "MA5800-X7");
	assert_true(v.uptime_s > 0);
	pr_version_free(&v);
	free(t);
	free(cause);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_ssh_banner_and_prompt, setup, teardown),
		cmocka_unit_test_setup_teardown(test_telnet_login_dialogue, setup, teardown),
		cmocka_unit_test_setup_teardown(test_modes_and_prompts, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unknown_command_caret, setup, teardown),
		cmocka_unit_test_setup_teardown(test_logout_confirmation, setup, teardown),
		cmocka_unit_test_setup_teardown(test_smart_prompt_and_command_echo, setup, teardown),
		cmocka_unit_test_setup_teardown(test_autofind_record_layout, setup, teardown),
		cmocka_unit_test_setup_teardown(test_ont_info_port_table, setup, teardown),
		cmocka_unit_test_setup_teardown(test_ont_detail_and_description_wrap, setup, teardown),
		cmocka_unit_test_setup_teardown(test_ont_summary_layout, setup, teardown),
		cmocka_unit_test_setup_teardown(test_optical_info, setup, teardown),
		cmocka_unit_test_setup_teardown(test_ont_add_appears_and_delete_removes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_service_port_tables, setup, teardown),
		cmocka_unit_test_setup_teardown(test_undo_sp_question_text, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reset_activate_deactivate, setup, teardown),
		cmocka_unit_test_setup_teardown(test_board_version_health, setup, teardown),
		cmocka_unit_test_setup_teardown(test_pager_and_erase, setup, teardown),
		cmocka_unit_test_setup_teardown(test_busy_fault_and_save, setup, teardown),
		cmocka_unit_test_setup_teardown(test_current_configuration, setup, teardown),
		cmocka_unit_test_setup_teardown(test_alarm_blocks, setup, teardown),
		cmocka_unit_test_setup_teardown(test_session_commands, setup, teardown),
		cmocka_unit_test_setup_teardown(test_oltui_parsers_read_the_persona, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
