/* test_lab_zte.c — the ZTE C320 persona against the verbatim captures of
   /work/shared/reference/zte-cli.md: login, modes and prompts, caret
   errors, pager bytes, and every show layout that has a capture, driven
   directly (no sockets) on a fleet set up by the test. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tests/lab/fleet.h"
#include "tests/lab/persona.h"
#include "tests/lab/zte_int.h"

#define ERASE8 "\b \b\b \b\b \b\b \b\b \b\b \b\b \b\b \b"
#define STARS "*************************************************************************"

/* A clean C320: 2 GTGH boards x 16 ports, no ONTs, nothing in autofind. */
struct lab {
	struct sim_fleet	*f;
	struct sim_olt		*olt;
	struct cli_session	*s;
};

static int
lab_setup(void **state)
{
	static const struct fleet_opts o = { .zte = 1, .boards = 2, .pons = 16, .onts = 0,
		.seed = 7 };
	struct lab *l = calloc(1, sizeof *l);
	struct persona_opts po = { .authenticated = true, .echo = false };
	struct buf out = { 0 };

	l->f = fleet_new(&o);
	l->olt = fleet_olt(l->f, "zte-1");
	for (int i = 0; i < l->olt->npons; i++)
		l->olt->pons[i].nautofind = 0;
	l->s = persona_zte.open(l->olt, &po, &out);
	buf_free(&out);
	*state = l;
	return 0;
}

static int
lab_teardown(void **state)
{
	struct lab *l = *state;

	if (l->s != NULL)
		persona_zte.close(l->s);
	fleet_free(l->f);
	free(l);
	return 0;
}

/* Feeds raw bytes; returns what the persona answered (caller frees). */
static char *
feed(struct cli_session *s, const char *text)
{
	struct buf out = { 0 };
	char *r;

	persona_zte.input(s, text, strlen(text), &out);
	r = buf_take(&out);
	return r != NULL ? r : calloc(1, 1);
}

/* Runs one command line; returns the answer including the next prompt. */
static char *
cmd(struct cli_session *s, const char *line)
{
	char *t = xasprintf("%s\r\n", line), *r = feed(s, t);

	free(t);
	return r;
}

/* Runs a command and discards the answer, failing on any %Error. */
static void
ok_cmd(struct cli_session *s, const char *line)
{
	char *r = cmd(s, line);

	if (strstr(r, "%Error") != NULL || strstr(r, "%Code") != NULL)
		fail_msg("'%s' answered: %s", line, r);
	free(r);
}

/* The text with every "\n" turned into CR LF (captures are kept with \n). */
static char *
crlf(const char *s)
{
	struct buf b = { 0 };

	for (; *s != '\0'; s++) {
		if (*s == '\n')
			buf_addc(&b, '\r');
		buf_addc(&b, *s);
	}
	return buf_take(&b);
}

/* Asserts the answer is exactly these lines (given with \n) plus prompt. */
static void
assert_answer(const char *got, const char *lines, const char *prompt)
{
	char *want = crlf(lines), *full = xasprintf("%s%s", want, prompt);

	assert_string_equal(got, full);
	free(want);
	free(full);
}

/* Asserts two lines have their words starting at the same columns. */
static void
assert_same_columns(const char *got, const char *cap)
{
	size_t i = 0;

	for (;; i++) {
		bool gs = got[i] != '\0' && got[i] != ' ' && (i == 0 || got[i - 1] == ' ');
		bool cs = cap[i] != '\0' && cap[i] != ' ' && (i == 0 || cap[i - 1] == ' ');

		if (gs != cs)
			fail_msg("column %zu differs:\n got '%s'\n cap '%s'", i, got, cap);
		if (got[i] == '\0' || cap[i] == '\0')
			break;
	}
}

/* Returns line n (0-based) of a CR LF answer (caller frees). */
static char *
line_of(const char *text, int n)
{
	const char *p = text, *e;

	for (int i = 0; i < n; i++) {
		if ((p = strstr(p, "\r\n")) == NULL)
			fail_msg("answer has fewer than %d lines: %s", n + 1, text);
		p += 2;
	}
	e = strstr(p, "\r\n");
	return e != NULL ? xstrndup(p, (size_t)(e - p)) : xstrdup(p);
}

/* Adds an online ONT with fixed levels. */
static struct sim_ont *
add_ont(struct sim_olt *olt, int slot, int port, int id, const char *sn, int state)
{
	struct sim_pon *pon = olt_pon(olt, 1, slot, port);
	struct sim_ont *o;

	assert_non_null(pon);
	o = pon_add_ont(olt, pon, id, sn);
	assert_non_null(o);
	ont_set_state(olt, pon, o, SIM_ONLINE, SIM_CAUSE_NONE);
	o->rx = -1668;
	o->tx = 242;
	o->olt_rx = -2024;
	if (state != SIM_ONLINE)
		ont_set_state(olt, pon, o, state, state == SIM_LOS ? SIM_CAUSE_LOS :
		    SIM_CAUSE_DYING_GASP);
	return o;
}

static int64_t
epoch(const char *s)
{
	int64_t t;

	assert_int_equal(parse_datetime(s, &t), 0);
	return t;
}

/* ---- login, modes, prompts ---- */

static void
test_telnet_login_banner_dialogue_and_session_count(void **state)
{
	struct lab *l = *state;
	struct persona_opts po = { .echo = true };
	struct buf out = { 0 };
	struct cli_session *s = persona_zte.open(l->olt, &po, &out);
	char *r;

	assert_string_equal(buf_str(&out), STARS "\r\nWelcome to ZXAN product C320 of ZTE "
	    "Corporation\r\n" STARS "\r\nUsername:");
	r = feed(s, "\r\n");	/* a stray Enter asks again */
	assert_string_equal(r, "\r\nUsername:");
	free(r);
	r = feed(s, "zte\r\n");
	assert_string_equal(r, "zte\r\nPassword:");
	free(r);
	r = feed(s, "Zte@lab1\r\n");	/* not echoed */
	assert_string_equal(r, "\r\nZXAN#");
	free(r);
	assert_int_equal(l->olt->sessions, 1);
	r = feed(s, "exit\r\n");
	assert_true(persona_zte.done(s));
	free(r);
	persona_zte.close(s);
	assert_int_equal(l->olt->sessions, 0);
	buf_free(&out);
}

static void
test_bad_password_asks_again_then_closes_after_three(void **state)
{
	struct lab *l = *state;
	struct persona_opts po = { .echo = false };
	struct buf out = { 0 };
	struct cli_session *s = persona_zte.open(l->olt, &po, &out);
	char *r;

	for (int i = 0; i < 3; i++) {
		free(feed(s, "zte\r\n"));
		r = feed(s, "wrong\r\n");
		assert_string_equal(r, i < 2 ? "%Error 20209: Bad password!\r\nUsername:" :
		    "%Error 20209: Bad password!\r\n");
		free(r);
	}
	assert_true(persona_zte.done(s));
	assert_int_equal(l->olt->sessions, 0);
	persona_zte.close(s);
	buf_free(&out);
}

static void
test_refuse_login_fault_and_session_limit(void **state)
{
	struct lab *l = *state;
	struct persona_opts po = { .echo = false };
	struct buf out = { 0 };
	struct cli_session *a, *b;
	char *r;

	l->olt->fault.refuse_login = true;
	a = persona_zte.open(l->olt, &po, &out);
	free(feed(a, "zte\r\n"));
	r = feed(a, "Zte@lab1\r\n");
	assert_string_equal(r, "%Error 20209: Bad password!\r\nUsername:");
	free(r);
	l->olt->fault.refuse_login = false;
	free(feed(a, "zte\r\n"));
	r = feed(a, "Zte@lab1\r\n");
	assert_string_equal(r, "ZXAN#");
	free(r);

	l->olt->max_sessions = 1;
	b = persona_zte.open(l->olt, &po, &out);
	free(feed(b, "zte\rZte@lab1\r"));
	assert_true(persona_zte.done(b));
	persona_zte.close(b);
	assert_int_equal(l->olt->sessions, 1);
	persona_zte.close(a);
	assert_int_equal(l->olt->sessions, 0);
	buf_free(&out);
}

static void
test_modes_prompts_and_logout(void **state)
{
	struct lab *l = *state;
	char *r;

	add_ont(l->olt, 1, 1, 1, "ZTEGC0000001", SIM_ONLINE);
	r = cmd(l->s, "configure terminal");
	assert_string_equal(r, "%Info 20272: Enter configuration commands, one per line. "
	    "End with CTRL/Z.\r\nZXAN(config)#");
	free(r);
	r = cmd(l->s, "interface gpon-olt_1/1/1");
	assert_string_equal(r, "ZXAN(config-if)#");
	free(r);
	r = cmd(l->s, "exit");
	assert_string_equal(r, "ZXAN(config)#");
	free(r);
	r = cmd(l->s, "interface gpon-onu_1/1/1:1");
	assert_string_equal(r, "ZXAN(config-if)#");	/* the same prompt */
	free(r);
	r = cmd(l->s, "pon-onu-mng gpon-onu_1/1/1:1");
	assert_string_equal(r, "ZXAN(gpon-onu-mng)#");
	free(r);
	r = cmd(l->s, "end");
	assert_string_equal(r, "ZXAN#");
	free(r);
	r = cmd(l->s, "disable");
	assert_string_equal(r, "ZXAN>");
	free(r);
	r = cmd(l->s, "enable");
	assert_string_equal(r, "ZXAN#");
	free(r);
	r = cmd(l->s, "terminal width 500");
	assert_string_equal(r, "ZXAN#");
	free(r);
	assert_false(persona_zte.done(l->s));
	r = cmd(l->s, "exit");
	assert_string_equal(r, "");
	assert_true(persona_zte.done(l->s));
	free(r);
}

static void
test_echo_backspace_and_three_kinds_of_enter(void **state)
{
	struct lab *l = *state;
	struct persona_opts po = { .authenticated = true, .echo = true };
	struct buf out = { 0 };
	struct cli_session *s = persona_zte.open(l->olt, &po, &out);
	char *r;

	r = feed(s, "endx\x7f\r\n");
	assert_string_equal(r, "endx\b \b\r\nZXAN#");
	free(r);
	r = feed(s, "end\r");
	assert_string_equal(r, "end\r\nZXAN#");
	free(r);
	{
		/* The NUL of CR NUL is swallowed, then a lone LF is an Enter. */
		struct buf o2 = { 0 };
		persona_zte.input(s, "\0end\n", 5, &o2);
		assert_string_equal(buf_str(&o2), "end\r\nZXAN#");
		buf_free(&o2);
	}
	persona_zte.close(s);
	buf_free(&out);
}

/* ---- errors ---- */

static void
test_conf_t_is_rejected_with_the_caret(void **state)
{
	struct lab *l = *state;
	char *r = cmd(l->s, "conf t");

	/* The caret sits under "conf": column 5, after "ZXAN#". */
	assert_string_equal(r, "     ^\r\n%Error 20200: Invalid input detected at '^' marker.\r\n"
	    "ZXAN#");
	free(r);
	r = cmd(l->s, "show gpon onu bogus");
	assert_string_equal(r, "                   ^\r\n%Error 20200: Invalid input detected at "
	    "'^' marker.\r\nZXAN#");
	free(r);
}

static void
test_bad_slot_incomplete_and_missing_onu(void **state)
{
	struct lab *l = *state;
	char *r = cmd(l->s, "show gpon onu state gpon-olt_1/9/1");

	assert_string_equal(r, "                         ^\r\n%Error 20202: Invalid input "
	    "detected at '^' marker.Invalid parameter\r\nZXAN#");
	free(r);
	r = cmd(l->s, "show gpon onu");
	assert_string_equal(r, "%Error 20203: Incomplete command.\r\nZXAN#");
	free(r);
	r = cmd(l->s, "show gpon onu detail-info gpon-onu_1/1/1:5");
	assert_string_equal(r, "%Code 32310-GPONSRV : The ONU does not exist.\r\nZXAN#");
	free(r);
	r = cmd(l->s, "show gpon onu state gpon-olt_1/1/2");
	assert_string_equal(r, "%Code 62310-GPONSRV : No related information to show.\r\nZXAN#");
	free(r);
}

/* ---- show outputs against the captures ---- */

static void
test_uncfg_matches_capture(void **state)
{
	struct lab *l = *state;
	struct sim_pon *pon = olt_pon(l->olt, 1, 1, 1);
	char *r;

	r = cmd(l->s, "show gpon onu uncfg");
	assert_string_equal(r, "%Code 62310-GPONSRV : No related information to show.\r\nZXAN#");
	free(r);
	pon_add_autofind(l->olt, pon, "HWTC1F14CAAD");
	pon_add_autofind(l->olt, pon, "ZTEGD824CDF3");
	pon_add_autofind(l->olt, pon, "ZTEGDA5918AC");
	/* VERBATIM, C320 V2.1.0 (§4.1). */
	static const char cap[] =
	    "OnuIndex                 Sn                  State\n"
	    "---------------------------------------------------------------------\n"
	    "gpon-onu_1/1/1:1         HWTC1F14CAAD        unknown\n"
	    "gpon-onu_1/1/1:2         ZTEGD824CDF3        unknown\n"
	    "gpon-onu_1/1/1:3         ZTEGDA5918AC        unknown\n";
	r = cmd(l->s, "show gpon onu uncfg");
	assert_answer(r, cap, "ZXAN#");
	free(r);
	r = cmd(l->s, "show gpon onu uncfg gpon-olt_1/1/1");
	assert_answer(r, cap, "ZXAN#");
	free(r);
	r = cmd(l->s, "show gpon onu uncfg gpon-olt_1/1/2");
	assert_string_equal(r, "%Code 62310-GPONSRV : No related information to show.\r\nZXAN#");
	free(r);
}

/* `pon` / `uncfg-onu-display-info model sn pw` (a line of a real C320
   config, §4.8): the prompt (§1.2), the line in the running-config, and
   the uncfg list with its Model and Pw columns, a long model wrapped under
   its column; `no uncfg-onu-display-info` brings the capture's layout
   back, and a word the command does not know gets the caret. */
static void
test_uncfg_display_info_adds_the_model_column(void **state)
{
	struct lab *l = *state;
	struct sim_pon *pon = olt_pon(l->olt, 1, 1, 1);
	struct sim_autofind *af;
	char *r;

	af = pon_add_autofind(l->olt, pon, "ZTEGD824CDF3");
	af->model = 4;	/* ZTE-F601 */
	af = pon_add_autofind(l->olt, pon, "FHTT12345678");
	af->model = 7;	/* AN5506-04-F1: 12 characters */
	ok_cmd(l->s, "terminal length 0");
	ok_cmd(l->s, "configure terminal");
	r = cmd(l->s, "pon");
	assert_true(str_endswith(r, "ZXAN(config-pon)#"));
	free(r);
	r = cmd(l->s, "uncfg-onu-display-info model bogus");
	assert_non_null(strstr(r, "%Error 20202"));
	free(r);
	ok_cmd(l->s, "uncfg-onu-display-info model sn pw");
	r = cmd(l->s, "show running-config");
	assert_non_null(strstr(r, "\r\npon\r\n"));
	assert_non_null(strstr(r, "\r\n  uncfg-onu-display-info model sn pw \r\n!\r\n"));
	free(r);
	ok_cmd(l->s, "end");
	r = cmd(l->s, "show gpon onu uncfg");
	assert_answer(r,
	    "OnuIndex                 Model       Sn                  Pw          State\n"
	    "----------------------------------------------------------------------------\n"
	    "gpon-onu_1/1/1:1         ZTE-F601    ZTEGD824CDF3                    unknown\n"
	    "gpon-onu_1/1/1:2         AN5506-04-F FHTT12345678                    unknown\n"
	    "                         1\n", "ZXAN#");
	free(r);
	ok_cmd(l->s, "configure terminal");
	ok_cmd(l->s, "pon");
	ok_cmd(l->s, "no uncfg-onu-display-info");
	ok_cmd(l->s, "end");
	r = cmd(l->s, "show gpon onu uncfg");
	assert_answer(r,
	    "OnuIndex                 Sn                  State\n"
	    "---------------------------------------------------------------------\n"
	    "gpon-onu_1/1/1:1         ZTEGD824CDF3        unknown\n"
	    "gpon-onu_1/1/1:2         FHTT12345678        unknown\n", "ZXAN#");
	free(r);
}

static void
test_state_matches_captures(void **state)
{
	struct lab *l = *state;
	char *r;

	for (int i = 1; i <= 3; i++) {
		char sn[32];
		snprintf(sn, sizeof sn, "ZTEGC000000%d", i);
		add_ont(l->olt, 1, 1, i, sn, SIM_ONLINE);
	}
	/* VERBATIM, C320 V2.1 README (§4.2), with the footer. */
	r = cmd(l->s, "show gpon onu state gpon-olt_1/1/1");
	assert_answer(r,
	    "OnuIndex   Admin State  OMCC State  Phase State  Channel    \n"
	    "--------------------------------------------------------------\n"
	    "1/1/1:1     enable       enable      working      1(GPON)\n"
	    "1/1/1:2     enable       enable      working      1(GPON)\n"
	    "1/1/1:3     enable       enable      working      1(GPON)\n"
	    "ONU Number: 3/3\n", "ZXAN#");
	free(r);

	/* VERBATIM rows of the C300 capture and the OffLine response. */
	add_ont(l->olt, 2, 3, 7, "ZTEGC0000007", SIM_LOS);
	add_ont(l->olt, 2, 4, 9, "ZTEGC0000009", SIM_DYING_GASP);
	add_ont(l->olt, 2, 1, 1, "ZTEGC0000011", SIM_OFFLINE);
	r = cmd(l->s, "show gpon onu state gpon-olt_1/2/3");
	assert_answer(r,
	    "OnuIndex   Admin State  OMCC State  Phase State  Channel    \n"
	    "--------------------------------------------------------------\n"
	    "1/2/3:7     enable       disable     LOS          1(GPON)\n"
	    "ONU Number: 0/1\n", "ZXAN#");
	free(r);
	r = cmd(l->s, "show gpon onu state gpon-olt_1/2/4");
	assert_non_null(strstr(r, "\r\n1/2/4:9     enable       enable      DyingGasp    1(GPON)\r\n"));
	free(r);
	r = cmd(l->s, "show gpon onu state gpon-onu_1/2/1:1");
	assert_non_null(strstr(r, "\r\n1/2/1:1     enable       disable     OffLine      1(GPON)\r\n"));
	free(r);
	r = cmd(l->s, "show gpon onu state");
	assert_non_null(strstr(r, "ONU Number: 3/6\r\n"));
	free(r);
}

static void
test_detail_info_matches_capture(void **state)
{
	struct lab *l = *state;
	struct sim_ont *o;
	char *r, up[24], row2a[128], row2b[128];
	int64_t now;
	struct tm tm;
	time_t t;

	l->olt->boot_time = epoch("2023-03-21 15:08:19") - 7;
	ok_cmd(l->s, "terminal length 0");
	ok_cmd(l->s, "configure terminal");
	ok_cmd(l->s, "interface gpon-olt_1/1/1");
	ok_cmd(l->s, "onu 1 type F601 sn ZTEGCCEC5655");
	ok_cmd(l->s, "exit");
	ok_cmd(l->s, "interface gpon-onu_1/1/1:1");
	ok_cmd(l->s, "name <REDACTED>@hbnet.com");
	ok_cmd(l->s, "description ONU-1:1");
	ok_cmd(l->s, "end");
	o = pon_ont(olt_pon(l->olt, 1, 1, 1), 1);
	o->state = SIM_ONLINE;	/* no event: the history comes from the fields */
	o->distance_m = 1033;
	o->last_down = epoch("2023-03-25 16:03:23");
	o->down_cause = SIM_CAUSE_DYING_GASP;
	now = now_s();
	o->last_up = now - (127 * 3600 + 56 * 60 + 21);
	r = cmd(l->s, "show gpon onu detail-info gpon-onu_1/1/1:1");
	/* VERBATIM (§4.3), with this ONU's index and the Online Duration
	   checked below. */
	static const char head[] =
	    "\n"
	    "ONU interface:         gpon-onu_1/1/1:1\n"
	    "  Name:                <REDACTED>@hbnet.com\n"
	    "  Type:                F601\n"
	    "  State:               ready\n"
	    "  Configured channel:  auto\n"
	    "  Current channel:     1(GPON)\n"
	    "  Admin state:         enable\n"
	    "  Phase state:         working\n"
	    "  Config state:        success\n"
	    "  Authentication mode: sn\n"
	    "  SN Bind:             enable with SN check\n"
	    "  Serial number:       ZTEGCCEC5655\n"
	    "  Password:\n"
	    "  Description:         ONU-1:1\n"
	    "  Vport mode:          gemport\n"
	    "  DBA Mode:            Hybrid\n"
	    "  ONU Status:          enable\n"
	    "  OMCI BW Profile:\n"
	    "  Line Profile:        N/A\n"
	    "  Service Profile:     N/A\n"
	    "  ONU Distance:        1033m\n";
	static const char tail[] =
	    "  FEC:                 none\n"
	    "  FEC actual mode:     N/A\n"
	    "  1PPS+ToD:            disable\n"
	    "  Auto replace:        disable\n"
	    "  Multicast encryption:disable\n"
	    "  Multicast encryption current state:N/A\n"
	    "------------------------------------------\n"
	    "       Authpass Time          OfflineTime             Cause\n"
	    "   1   2023-03-21 15:08:19    2023-03-25 16:03:23     DyingGasp\n";
	char *h = crlf(head), *tl = crlf(tail), *p;

	assert_true(str_startswith(r, h));
	p = r + strlen(h);
	assert_true(str_startswith(p, "  Online Duration:     127h 56m 21s\r\n") ||
	    str_startswith(p, "  Online Duration:     127h 56m 22s\r\n"));
	p = strstr(p, "\r\n") + 2;
	assert_true(str_startswith(p, tl));
	p += strlen(tl);
	t = (time_t)o->last_up;
	gmtime_r(&t, &tm);
	strftime(up, sizeof up, "%Y-%m-%d %H:%M:%S", &tm);
	/* Row shape of the capture's open row "   4   2023-03-29 00:17:28    0000-00-00 00:00:00". */
	snprintf(row2a, sizeof row2a, "   2   %s    0000-00-00 00:00:00\r\n", up);
	assert_true(str_startswith(p, row2a));
	p += strlen(row2a);
	for (int i = 3; i <= 10; i++) {
		snprintf(row2b, sizeof row2b, "%4d   0000-00-00 00:00:00    0000-00-00 00:00:00\r\n", i);
		assert_true(str_startswith(p, row2b));
		p += strlen(row2b);
	}
	assert_string_equal(p, "ZXAN#");
	free(h);
	free(tl);
	free(r);
}

/* Records an event at a given time, as the life thread would have. */
static void
add_event(struct sim_olt *olt, int pon, int id, int what, const char *at)
{
	olt_event(olt, what, pon, id);
	olt->events[olt->event_seq % SIM_EVENTS].at = epoch(at);
}

static void
test_detail_history_from_events_matches_capture(void **state)
{
	struct lab *l = *state;
	struct sim_pon *pon = olt_pon(l->olt, 1, 1, 1);
	int pi = olt_pon_index(l->olt, pon);
	struct sim_ont *o;
	char *r, *p;

	ok_cmd(l->s, "terminal length 0");
	o = add_ont(l->olt, 1, 1, 2, "ZTEGC0000002", SIM_ONLINE);
	l->olt->event_seq = 0;	/* forget the up of add_ont */
	memset(l->olt->events, 0, sizeof l->olt->events);
	add_event(l->olt, pi, 2, SIM_EV_ONT_UP, "2023-03-21 15:08:19");
	add_event(l->olt, pi, 3, SIM_EV_ONT_LOS, "2023-03-22 10:00:00");	/* another ONU */
	add_event(l->olt, pi, 2, SIM_EV_ONT_DYING_GASP, "2023-03-25 16:03:23");
	add_event(l->olt, pi, 2, SIM_EV_ONT_UP, "2023-03-25 16:06:32");
	add_event(l->olt, pi, 2, SIM_EV_ONT_DYING_GASP, "2023-03-26 10:59:52");
	add_event(l->olt, pi, 2, SIM_EV_ONT_UP, "2023-03-26 13:31:06");
	add_event(l->olt, pi, 2, SIM_EV_ONT_DYING_GASP, "2023-03-29 00:16:47");
	add_event(l->olt, pi, 2, SIM_EV_ONT_UP, "2023-03-29 00:17:28");
	o->last_up = epoch("2023-03-29 00:17:28");
	r = cmd(l->s, "show gpon onu detail-info gpon-onu_1/1/1:2");
	p = strstr(r, "------------------------------------------\r\n");
	assert_non_null(p);
	/* VERBATIM (§4.3): the whole table. */
	assert_answer(p,
	    "------------------------------------------\n"
	    "       Authpass Time          OfflineTime             Cause\n"
	    "   1   2023-03-21 15:08:19    2023-03-25 16:03:23     DyingGasp\n"
	    "   2   2023-03-25 16:06:32    2023-03-26 10:59:52     DyingGasp\n"
	    "   3   2023-03-26 13:31:06    2023-03-29 00:16:47     DyingGasp\n"
	    "   4   2023-03-29 00:17:28    0000-00-00 00:00:00\n"
	    "   5   0000-00-00 00:00:00    0000-00-00 00:00:00\n"
	    "   6   0000-00-00 00:00:00    0000-00-00 00:00:00\n"
	    "   7   0000-00-00 00:00:00    0000-00-00 00:00:00\n"
	    "   8   0000-00-00 00:00:00    0000-00-00 00:00:00\n"
	    "   9   0000-00-00 00:00:00    0000-00-00 00:00:00\n"
	    "  10   0000-00-00 00:00:00    0000-00-00 00:00:00\n", "ZXAN#");
	free(r);

	/* A fibre cut now: the open row closes with LOSi. */
	pon_set_cut(l->olt, pon, true);
	r = cmd(l->s, "show gpon onu detail-info gpon-onu_1/1/1:2");
	assert_non_null(strstr(r, "\r\n   4   2023-03-29 00:17:28    "));
	assert_non_null(strstr(r, "     LOSi\r\n   5   0000-00-00 00:00:00"));
	assert_non_null(strstr(r, "  Phase state:         LOS\r\n"));
	assert_non_null(strstr(r, "  Online Duration:     0h 0m 0s\r\n"));
	free(r);
}

static void
test_baseinfo_wraps_long_types_like_capture(void **state)
{
	struct lab *l = *state;
	static const struct { int id; const char *sn, *type; } onus[] = {
		{ 1, "SU10B2019C15", "SM16101-GHZ-T10" }, { 2, "ZTEGC4BB98CB", "F601" },
		{ 3, "ZTEGC4BB8435", "F601" }, { 9, "SU10B2019C17", "SM16101-GHZ-T10" },
	};
	char *r;

	for (size_t i = 0; i < sizeof onus / sizeof onus[0]; i++) {
		struct sim_ont *o = add_ont(l->olt, 1, 15, onus[i].id, onus[i].sn, SIM_ONLINE);
		char *t = xasprintf("type %s", onus[i].type);

		ont_add_cfg(o, ZTE_SEC_TYPE, t);
		free(t);
	}
	r = cmd(l->s, "show gpon onu baseinfo gpon-olt_1/1/15");
	/* VERBATIM (§4.6), continuation lines with their trailing blanks. */
	assert_answer(r,
	    "OnuIndex            Type        Mode    AuthInfo                State\n"
	    "-------------------------------------------------------------------------------\n"
	    "gpon-onu_1/1/15:1   SM16101-GHZ sn      SN:SU10B2019C15         ready\n"
	    "                    -T10                                        \n"
	    "gpon-onu_1/1/15:2   F601        sn      SN:ZTEGC4BB98CB         ready\n"
	    "gpon-onu_1/1/15:3   F601        sn      SN:ZTEGC4BB8435         ready\n"
	    "gpon-onu_1/1/15:9   SM16101-GHZ sn      SN:SU10B2019C17         ready\n"
	    "                    -T10                                        \n", "ZXAN#");
	free(r);
}

static void
test_attenuation_matches_capture_columns(void **state)
{
	struct lab *l = *state;
	char *r, *ln;

	add_ont(l->olt, 1, 1, 1, "ZTEGC0000001", SIM_ONLINE);
	add_ont(l->olt, 1, 1, 2, "ZTEGC0000002", SIM_LOS);
	r = cmd(l->s, "show pon power attenuation gpon-onu_1/1/1:1");
	/* Levels -20.24 / 2.42 / -16.68 dBm; the OLT laser of 1/1/1 is 5.29. */
	assert_answer(r,
	    "           OLT                  ONU              Attenuation\n"
	    "--------------------------------------------------------------------------\n"
	    " up      Rx :-20.240(dbm)      Tx:2.420(dbm)        22.660(dB)\n"
	    "\n"
	    " down    Tx :5.290(dbm)        Rx:-16.680(dbm)      21.970(dB)\n", "ZXAN#");
	ln = line_of(r, 2);
	assert_same_columns(ln, " up      Rx :-20.241(dbm)      Tx:2.423(dbm)        22.664(dB)");
	free(ln);
	ln = line_of(r, 4);
	assert_same_columns(ln, " down    Tx :5.369(dbm)        Rx:-16.676(dbm)      22.045(dB)");
	free(ln);
	free(r);
	r = cmd(l->s, "show pon power attenuation gpon-onu_1/1/1:2");
	ln = line_of(r, 2);
	/* The offline row of the capture, with this build's leading blank. */
	assert_string_equal(ln, " up      Rx :no signal         Tx:N/A               N/A");
	free(ln);
	free(r);
}

static void
test_power_lists_match_capture(void **state)
{
	struct lab *l = *state;
	struct sim_ont *o;
	char *r, *ln;

	add_ont(l->olt, 1, 1, 1, "ZTEGC0000001", SIM_ONLINE);
	o = add_ont(l->olt, 1, 1, 2, "ZTEGC0000002", SIM_ONLINE);
	o->rx = -2495;
	o->tx = 277;
	add_ont(l->olt, 1, 1, 3, "ZTEGC0000003", SIM_DYING_GASP);
	r = cmd(l->s, "show pon power onu-rx gpon-olt_1/1/1");
	assert_answer(r,
	    "Onu                 Rx power\n"
	    "------------------------------------\n"
	    "gpon-onu_1/1/1:1    -16.680(dbm)\n"
	    "gpon-onu_1/1/1:2    -24.950(dbm)\n"
	    "gpon-onu_1/1/1:3    N/A\n", "ZXAN#");
	ln = line_of(r, 2);
	assert_same_columns(ln, "gpon-onu_1/1/1:1    -16.676(dbm)");
	free(ln);
	free(r);
	r = cmd(l->s, "show pon power onu-tx gpon-olt_1/1/1");
	assert_answer(r,
	    "Onu                 Tx power\n"
	    "------------------------------------\n"
	    "gpon-onu_1/1/1:1    2.420(dbm)\n"
	    "gpon-onu_1/1/1:2    2.770(dbm)\n"
	    "gpon-onu_1/1/1:3    N/A\n", "ZXAN#");
	free(r);
	r = cmd(l->s, "show pon power olt-rx gpon-olt_1/1/1");
	assert_non_null(strstr(r, "gpon-onu_1/1/1:1    -20.240(dbm)\r\n"));
	free(r);
	/* V2.1 per-ONU form: one line. */
	r = cmd(l->s, "show pon power onu-rx gpon-onu_1/1/1:2");
	assert_string_equal(r, "gpon-onu_1/1/1:2    -24.950(dbm)\r\nZXAN#");
	free(r);
}

static void
test_card_processor_version_sysgroup_match_captures(void **state)
{
	struct lab *l = *state;
	char *r, *ln;

	l->olt->cpu_pct = 8;
	r = cmd(l->s, "show card");
	/* VERBATIM C320 V2.1.0 (§4.11): slot 2 GTGH and slot 3 SMXA rows. */
	assert_answer(r,
	    "Rack Shelf Slot CfgType RealType Port  HardVer SoftVer         Status\n"
	    "-------------------------------------------------------------------------------\n"
	    "1    1     1    GTGH    GTGHG    16    V1.0.0  V2.1.0          INSERVICE\n"
	    "1    1     2    GTGH    GTGHG    16    V1.0.0  V2.1.0          INSERVICE\n"
	    "1    1     3    SMXA    SMXA     3     V1.0.0  V2.1.0          INSERVICE\n"
	    "1    1     4    SMXA    SMXA     3     V1.0.0  V2.1.0          STANDBY\n", "ZXAN#");
	free(r);
	strlcpy_(l->olt->boards[3].status, "OFFLINE", sizeof l->olt->boards[3].status);
	r = cmd(l->s, "show card");
	ln = line_of(r, 5);
	assert_string_equal(ln, "1    1     4    SMXA             3                             OFFLINE");
	free(ln);
	free(r);

	r = cmd(l->s, "show processor");
	ln = line_of(r, 0);
	assert_string_equal(ln, "Rack   Shelf    Slot   CPU(5s)   CPU(1m)    CPU(5m)   PhyMem(MB)  Memory");
	free(ln);
	ln = line_of(r, 3);
	assert_string_equal(ln, "1       1       2       20%       22%       22%       512         39%");
	free(ln);
	ln = line_of(r, 4);
	assert_same_columns(ln, "1       1       3       8%        12%       8%        2048        26%");
	free(ln);
	free(r);

	r = cmd(l->s, "show version-running");
	ln = line_of(r, 0);
	assert_string_equal(ln, "PhyLoc  FileType   VerType    VerTag        BuildTime           VerLength");
	free(ln);
	ln = line_of(r, 3);
	assert_string_equal(ln, "1/1/3   SMXA       MVR        V2.1.0        2017-01-17 01:04:45 24647784");
	assert_same_columns(ln, "1/1/10  SCXN       MVR        V2.1.0        2017-01-17 01:04:45 24647784");
	free(ln);
	free(r);

	l->olt->boot_time = now_s() - (10 * 86400 + 9 * 3600 + 14 * 60 + 30);
	r = cmd(l->s, "show system-group");
	assert_true(str_startswith(r,
	    "System Description: C320 Version V2.1.0 Software, Copyright (c) by ZTE Corporation Compiled\r\n"
	    "System ObjectId: .1.3.6.1.4.1.3902.1082.1001.320.2.1\r\n"
	    "Started before: 10 days, 9 hours, 14 minutes\r\n"));
	assert_non_null(strstr(r, "\r\nSystem name:  ZXAN\r\n"));
	assert_true(str_endswith(r, "System Info:  256  56c6e108\r\nZXAN#"));
	free(r);
}

/* ---- configuration ---- */

static void
test_provisioning_moves_onu_from_uncfg_to_state_and_back(void **state)
{
	struct lab *l = *state;
	char *r;

	pon_add_autofind(l->olt, olt_pon(l->olt, 1, 1, 1), "ZTEGC0FFEE01");
	ok_cmd(l->s, "configure terminal");
	ok_cmd(l->s, "interface gpon-olt_1/1/1");
	r = cmd(l->s, "onu 5 type NOPE-X1 sn ZTEGC0FFEE01");
	assert_true(str_startswith(r, "%Error "));
	free(r);
	ok_cmd(l->s, "onu 5 type ZTE-F660 sn ZTEGC0FFEE01");
	r = cmd(l->s, "onu 5 type ZTE-F660 sn ZTEGC0FFEE02");
	assert_string_equal(r, "%Error 326: The onu of this position exists\r\nZXAN(config-if)#");
	free(r);
	r = cmd(l->s, "show gpon onu uncfg gpon-olt_1/1/1");
	assert_string_equal(r, "%Code 62310-GPONSRV : No related information to show.\r\n"
	    "ZXAN(config-if)#");
	free(r);
	r = cmd(l->s, "show gpon onu state gpon-olt_1/1/1");
	assert_non_null(strstr(r, "\r\n1/1/1:5     enable       enable      working      1(GPON)\r\n"
	    "ONU Number: 1/1\r\n"));
	free(r);
	assert_true(l->olt->dirty);
	ok_cmd(l->s, "no onu 5");
	r = cmd(l->s, "show gpon onu state gpon-olt_1/1/1");
	assert_true(str_startswith(r, "%Code 62310-GPONSRV"));
	free(r);
	/* Still plugged in: it is back in uncfg. */
	r = cmd(l->s, "show gpon onu uncfg gpon-olt_1/1/1");
	assert_non_null(strstr(r, "gpon-onu_1/1/1:1         ZTEGC0FFEE01        unknown\r\n"));
	free(r);
	r = cmd(l->s, "no onu 5");
	assert_string_equal(r, "%Code 32310-GPONSRV : The ONU does not exist.\r\nZXAN(config-if)#");
	free(r);
	r = cmd(l->s, "onu 200 type ZTE-F660 sn ZTEGC0FFEE01");
	assert_true(str_startswith(r, "    "));
	assert_non_null(strstr(r, "%Error 20202: Invalid input detected at '^' marker.Invalid parameter"));
	free(r);
	r = cmd(l->s, "write");
	assert_string_equal(r, "Building configuration...\r\n..[OK]\r\nZXAN(config-if)#");
	free(r);
	assert_false(l->olt->dirty);
}

/* Adds a tcont profile to the OLT (as `gpon / profile tcont` would). */
static void
add_tcont_profile(struct sim_olt *olt, const char *name)
{
	struct sim_profile *p;

	olt->profiles = xreallocarray(olt->profiles, (size_t)olt->nprofiles + 1, sizeof *p);
	p = &olt->profiles[olt->nprofiles++];
	memset(p, 0, sizeof *p);
	p->id = 99;
	p->kind = SIM_PROF_TCONT;
	strlcpy_(p->name, name, sizeof p->name);
}

static void
test_onu_running_configs_match_capture(void **state)
{
	struct lab *l = *state;
	struct sim_pon *pon = olt_pon(l->olt, 1, 2, 1);
	char *r;

	add_tcont_profile(l->olt, "SERVER");
	ok_cmd(l->s, "configure terminal");
	ok_cmd(l->s, "interface gpon-olt_1/2/1");
	ok_cmd(l->s, "onu 3 type ZTE-F660 sn ZTEGC1234567");
	ok_cmd(l->s, "interface gpon-onu_1/2/1:3");
	ok_cmd(l->s, "name Server Semampir");
	ok_cmd(l->s, "description Server Semampir");
	ok_cmd(l->s, "tcont 1 name 1 profile 1G-UP");
	ok_cmd(l->s, "tcont 1 name 1 profile SERVER");	/* replaces the line above */
	ok_cmd(l->s, "tcont 1 gap mode0");
	ok_cmd(l->s, "gemport 1 name 1 tcont 1");
	ok_cmd(l->s, "service-port 1 vport 1 user-vlan 22 vlan 22");
	ok_cmd(l->s, "service-port 2 vport 1 user-vlan 100 vlan 100");
	r = cmd(l->s, "tcont 2 profile NOSUCH");
	assert_true(str_startswith(r, "%Error "));
	free(r);
	ok_cmd(l->s, "exit");
	ok_cmd(l->s, "pon-onu-mng gpon-onu_1/2/1:3");
	ok_cmd(l->s, "service ServiceName gemport 1 cos 0 vlan 22");
	ok_cmd(l->s, "wan-ip 1 mode pppoe username <REDACTED> password <REDACTED> "
	    "vlan-profile PPPOEPATI host 1");
	ok_cmd(l->s, "tr069-mgmt 1 state unlock");
	ok_cmd(l->s, "tr069-mgmt 1 acs http://acs.bmkv.net:7547 validate basic username "
	    "<REDACTED> password <REDACTED>");
	ok_cmd(l->s, "security-mgmt 212 state enable mode forward protocol web");
	ok_cmd(l->s, "end");
	/* The service ports are the OLT's, for SNMP and the others too. */
	assert_int_equal(olt_count_sps(l->olt, olt_pon_index(l->olt, pon), 3), 2);

	r = cmd(l->s, "show running-config interface gpon-onu_1/2/1:3");
	/* VERBATIM (§4.7). */
	assert_answer(r,
	    "Building configuration...\n"
	    "interface gpon-onu_1/2/1:3\n"
	    "  name Server Semampir\n"
	    "  description Server Semampir\n"
	    "  tcont 1 name 1 profile SERVER\n"
	    "  tcont 1 gap mode0\n"
	    "  gemport 1 name 1 tcont 1\n"
	    "  service-port 1 vport 1 user-vlan 22 vlan 22\n"
	    "  service-port 2 vport 1 user-vlan 100 vlan 100\n"
	    "!\n"
	    "end\n", "ZXAN#");
	free(r);
	r = cmd(l->s, "show onu running config gpon-onu_1/2/1:3");
	assert_answer(r,
	    "pon-onu-mng gpon-onu_1/2/1:3\n"
	    "  service ServiceName gemport 1 cos 0 vlan 22\n"
	    "  wan-ip 1 mode pppoe username <REDACTED> password <REDACTED> vlan-profile PPPOEPATI host 1\n"
	    "  tr069-mgmt 1 state unlock\n"
	    "  tr069-mgmt 1 acs http://acs.bmkv.net:7547 validate basic username <REDACTED> password <REDACTED>\n"
	    "  security-mgmt 212 state enable mode forward protocol web\n", "ZXAN#");
	free(r);

	ok_cmd(l->s, "configure terminal");
	ok_cmd(l->s, "interface gpon-onu_1/2/1:3");
	ok_cmd(l->s, "no service-port 2");
	r = cmd(l->s, "no service-port 2");
	assert_true(str_startswith(r, "%Error "));
	free(r);
	assert_int_equal(olt_count_sps(l->olt, olt_pon_index(l->olt, pon), 3), 1);
}

static void
test_full_running_config_has_the_capture_blocks(void **state)
{
	struct lab *l = *state;
	char *r;

	ok_cmd(l->s, "terminal length 0");
	ok_cmd(l->s, "configure terminal");
	ok_cmd(l->s, "interface gpon-olt_1/1/4");
	ok_cmd(l->s, "onu 1 type ZTE-F601 sn ZTEGCCE7B888");
	ok_cmd(l->s, "exit");
	ok_cmd(l->s, "interface gpon-onu_1/1/4:1");
	ok_cmd(l->s, "name \"testenoc1gb\"");
	ok_cmd(l->s, "description \"testenoc1gb\"");
	ok_cmd(l->s, "sn-bind enable sn");
	ok_cmd(l->s, "tcont 1 profile default");
	ok_cmd(l->s, "gemport 1 tcont 1");
	ok_cmd(l->s, "service-port 1 vport 1 user-vlan 14 vlan 14");
	ok_cmd(l->s, "exit");
	ok_cmd(l->s, "pon-onu-mng gpon-onu_1/1/4:1");
	ok_cmd(l->s, "service 1 gemport 1 vlan 14");
	ok_cmd(l->s, "vlan port eth_0/1 mode tag vlan 14");
	ok_cmd(l->s, "end");
	r = cmd(l->s, "show running-config");
	assert_true(str_startswith(r, "Building configuration...\r\ntimestamp_write: "));
	/* VERBATIM blocks of the C320 V2.1 running-config (§4.8). */
	assert_non_null(strstr(r, "\r\nconfig-version 2.1\r\n!\r\nset-pnp enable\r\n"
	    "add-rack rackno 1 racktype C320Rack\r\n"
	    "add-shelf rackno 1 shelfno 1 shelftype C320_SHELF\r\n"));
	assert_non_null(strstr(r, "\r\ninterface gpon-olt_1/1/4\r\n  no shutdown\r\n"
	    "  linktrap disable\r\n  onu 1 type ZTE-F601 sn ZTEGCCE7B888\r\n!\r\n"));
	assert_non_null(strstr(r, "\r\ninterface gpon-onu_1/1/4:1\r\n"
	    "  name \"testenoc1gb\"\r\n"
	    "  description \"testenoc1gb\"\r\n"
	    "  sn-bind enable sn\r\n"
	    "  tcont 1 profile default\r\n"
	    "  gemport 1 tcont 1\r\n"
	    "  service-port 1 vport 1 user-vlan 14 vlan 14 \r\n"
	    "!\r\n"));
	assert_non_null(strstr(r, "\r\npon-onu-mng gpon-onu_1/1/4:1\r\n"
	    "  service 1 gemport 1 vlan 14\r\n"
	    "  vlan port eth_0/1 mode tag vlan 14\r\n!\r\n"));
	assert_non_null(strstr(r, "\r\nhostname ZXAN\r\n!\r\n"));
	assert_non_null(strstr(r, "\r\nbanner incoming @\r\n" STARS "\r\nWelcome to ZXAN product "
	    "C320 of ZTE Corporation\r\n" STARS "\r\n@\r\n"));
	assert_non_null(strstr(r, "\r\nline telnet idle-timeout 15 \r\nline telnet users 16 \r\n"));
	assert_true(str_endswith(r, "\r\n!\r\nend\r\nZXAN#"));
	assert_null(strstr(r, "--More--"));
	free(r);
}

static void
test_seeded_onu_gets_default_config_from_its_service_port(void **state)
{
	struct lab *l = *state;
	struct sim_service_port sp = { .index = 1, .vlan = 100, .user_vlan = 100, .gem = 1,
		.rx_table = -1, .tx_table = -1 };
	struct sim_ont *o = add_ont(l->olt, 1, 1, 2, "ZTEGC0000002", SIM_ONLINE);
	char *r;

	o->name = xstrdup("C-1234 Souza");
	sp.pon = (uint16_t)olt_pon_index(l->olt, olt_pon(l->olt, 1, 1, 1));
	sp.ont_id = 2;
	assert_non_null(olt_add_sp(l->olt, &sp));
	r = cmd(l->s, "show running-config interface gpon-onu_1/1/1:2");
	assert_answer(r,
	    "Building configuration...\n"
	    "interface gpon-onu_1/1/1:2\n"
	    "  name C-1234 Souza\n"
	    "  sn-bind enable sn\n"
	    "  tcont 1 profile 1G-UP\n"
	    "  gemport 1 tcont 1\n"
	    "  service-port 1 vport 1 user-vlan 100 vlan 100\n"
	    "!\n"
	    "end\n", "ZXAN#");
	free(r);
	r = cmd(l->s, "show onu running config gpon-onu_1/1/1:2");
	assert_answer(r,
	    "pon-onu-mng gpon-onu_1/1/1:2\n"
	    "  service internet gemport 1 vlan 100\n"
	    "  vlan port eth_0/1 mode tag vlan 100\n", "ZXAN#");
	free(r);
}

static void
test_reboot_drops_the_onu_then_it_returns(void **state)
{
	struct lab *l = *state;
	struct sim_ont *o = add_ont(l->olt, 1, 1, 1, "ZTEGC0000001", SIM_ONLINE);
	struct buf out = { 0 };
	char *r;

	ok_cmd(l->s, "terminal length 0");
	ok_cmd(l->s, "configure terminal");
	ok_cmd(l->s, "pon-onu-mng gpon-onu_1/1/1:1");
	r = cmd(l->s, "reboot");
	assert_string_equal(r, "ZXAN(gpon-onu-mng)#");
	free(r);
	assert_int_equal(o->state, SIM_OFFLINE);
	assert_int_equal(o->down_cause, SIM_CAUSE_RESET);
	r = cmd(l->s, "show gpon onu detail-info gpon-onu_1/1/1:1");
	assert_non_null(strstr(r, "  Phase state:         OffLine\r\n"));
	assert_non_null(strstr(r, "     Reboot\r\n"));
	free(r);
	r = cmd(l->s, "reboot");	/* not online any more */
	assert_null(strstr(r, "%Error 2020"));
	assert_true(str_startswith(r, "%"));
	free(r);
	for (int i = 0; i < ZTE_REBOOT_TICKS - 1; i++)
		persona_zte.tick(l->s, &out);
	assert_int_equal(o->state, SIM_OFFLINE);
	persona_zte.tick(l->s, &out);
	assert_int_equal(o->state, SIM_ONLINE);
	assert_int_equal(out.len, 0);
	r = cmd(l->s, "restore factory");
	assert_string_equal(r, "ZXAN(gpon-onu-mng)#");
	free(r);
	assert_int_equal(o->state, SIM_OFFLINE);
	/* Closing the session does not leave the ONU down. */
	persona_zte.close(l->s);
	l->s = NULL;
	assert_int_equal(o->state, SIM_ONLINE);
	buf_free(&out);
}

static void
test_config_lines_replace_in_place_and_ctrl_z_leaves_config(void **state)
{
	struct lab *l = *state;
	char *r;

	add_ont(l->olt, 1, 1, 1, "ZTEGC0000001", SIM_ONLINE);
	ok_cmd(l->s, "configure terminal");
	r = cmd(l->s, "interface gpon-onu_1/1/1:9");
	assert_string_equal(r, "%Code 32310-GPONSRV : The ONU does not exist.\r\nZXAN(config)#");
	free(r);
	ok_cmd(l->s, "interface gpon-onu_1/1/1:1");
	ok_cmd(l->s, "tcont 1 profile 100M");
	ok_cmd(l->s, "gemport 1 tcont 1");
	ok_cmd(l->s, "gemport 1 traffic-limit upstream 100M downstream 1G-DOWN");
	ok_cmd(l->s, "gemport 1 name internet tcont 1");	/* replaces "gemport 1 tcont 1" */
	ok_cmd(l->s, "tcont 1 profile 300M");
	ok_cmd(l->s, "pon-onu-mng gpon-onu_1/1/1:1");
	ok_cmd(l->s, "wan-ip 1 mode dhcp vlan-profile vlan100 host 1");
	ok_cmd(l->s, "vlan port eth_0/1 mode tag vlan 100");
	ok_cmd(l->s, "service internet gemport 1 vlan 100");
	ok_cmd(l->s, "vlan port eth_0/1 mode tag vlan 200");
	ok_cmd(l->s, "tr069-mgmt 1 state unlock");
	ok_cmd(l->s, "interface eth eth_0/3 state lock");
	r = cmd(l->s, "wan-ip 1 mode");
	assert_string_equal(r, "%Error 20203: Incomplete command.\r\nZXAN(gpon-onu-mng)#");
	free(r);
	/* Ctrl-Z: "End with CTRL/Z". */
	r = feed(l->s, "\x1a");
	assert_string_equal(r, "ZXAN#");
	free(r);
	ok_cmd(l->s, "terminal length 0");
	r = cmd(l->s, "show running-config interface gpon-onu_1/1/1:1");
	assert_answer(r,
	    "Building configuration...\n"
	    "interface gpon-onu_1/1/1:1\n"
	    "  tcont 1 profile 300M\n"
	    "  gemport 1 name internet tcont 1\n"
	    "  gemport 1 traffic-limit upstream 100M downstream 1G-DOWN\n"
	    "!\n"
	    "end\n", "ZXAN#");
	free(r);
	r = cmd(l->s, "show onu running config gpon-onu_1/1/1:1");
	assert_answer(r,
	    "pon-onu-mng gpon-onu_1/1/1:1\n"
	    "  wan-ip 1 mode dhcp vlan-profile vlan100 host 1\n"
	    "  vlan port eth_0/1 mode tag vlan 200\n"
	    "  service internet gemport 1 vlan 100\n"
	    "  tr069-mgmt 1 state unlock\n"
	    "  interface eth eth_0/3 state lock\n", "ZXAN#");
	free(r);
}

/* ---- pager ---- */

static void
test_pager_marker_erase_bytes_and_keys(void **state)
{
	struct lab *l = *state;
	char *r, *first;

	for (int i = 1; i <= 40; i++) {
		char sn[32];
		snprintf(sn, sizeof sn, "ZTEGC00000%02d", i);
		add_ont(l->olt, 1, 1, i, sn, SIM_ONLINE);
	}
	/* 2 header lines + 40 rows + footer = 43 lines; 23 per screen. */
	r = cmd(l->s, "show gpon onu state gpon-olt_1/1/1");
	assert_true(str_endswith(r, "1/1/1:21    enable       enable      working      1(GPON)\r\n"
	    " --More--"));
	first = line_of(r, 22);
	assert_string_equal(first, "1/1/1:21    enable       enable      working      1(GPON)");
	free(first);
	assert_null(strstr(r, "ZXAN#"));
	free(r);
	/* Enter: one more line, erased marker first (VERBATIM bytes, §2/§4.2). */
	r = feed(l->s, "\r\n");
	assert_string_equal(r, ERASE8 "1/1/1:22    enable       enable      working      1(GPON)\r\n"
	    " --More--");
	free(r);
	/* Space: the next screen. */
	r = feed(l->s, " ");
	assert_true(str_startswith(r, ERASE8 "1/1/1:23    enable"));
	assert_true(str_endswith(r, "1/1/1:40    enable       enable      working      1(GPON)\r\n"
	    "ONU Number: 40/40\r\nZXAN#"));
	free(r);
	/* q stops. */
	r = cmd(l->s, "show gpon onu state gpon-olt_1/1/1");
	free(r);
	r = feed(l->s, "q");
	assert_string_equal(r, ERASE8 "\r\nZXAN#");
	free(r);
	/* terminal length 0: all at once. */
	ok_cmd(l->s, "terminal length 0");
	r = cmd(l->s, "show gpon onu state gpon-olt_1/1/1");
	assert_null(strstr(r, "--More--"));
	assert_true(str_endswith(r, "ONU Number: 40/40\r\nZXAN#"));
	free(r);
	ok_cmd(l->s, "terminal length 10");
	r = cmd(l->s, "show gpon onu state gpon-olt_1/1/1");
	first = line_of(r, 9);
	assert_string_equal(first, " --More--");
	free(first);
	free(r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, lab_setup, lab_teardown)
		T(test_telnet_login_banner_dialogue_and_session_count),
		T(test_bad_password_asks_again_then_closes_after_three),
		T(test_refuse_login_fault_and_session_limit),
		T(test_modes_prompts_and_logout),
		T(test_echo_backspace_and_three_kinds_of_enter),
		T(test_conf_t_is_rejected_with_the_caret),
		T(test_bad_slot_incomplete_and_missing_onu),
		T(test_uncfg_matches_capture),
		T(test_uncfg_display_info_adds_the_model_column),
		T(test_state_matches_captures),
		T(test_detail_info_matches_capture),
		T(test_detail_history_from_events_matches_capture),
		T(test_baseinfo_wraps_long_types_like_capture),
		T(test_attenuation_matches_capture_columns),
		T(test_power_lists_match_capture),
		T(test_card_processor_version_sysgroup_match_captures),
		T(test_provisioning_moves_onu_from_uncfg_to_state_and_back),
		T(test_onu_running_configs_match_capture),
		T(test_full_running_config_has_the_capture_blocks),
		T(test_seeded_onu_gets_default_config_from_its_service_port),
		T(test_config_lines_replace_in_place_and_ctrl_z_leaves_config),
		T(test_reboot_drops_the_onu_then_it_returns),
		T(test_pager_marker_erase_bytes_and_keys),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
