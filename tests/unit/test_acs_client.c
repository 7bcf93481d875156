/* test_acs_client.c — the GenieACS NBI client (drivers/acs.h) against the
   stand-in tests/lab/acsim.py on 127.0.0.1 (started and stopped by PID):
   every outcome (200, 202 offline / queued / faulted, 404, 504, 400, 401,
   refused, timed out, not JSON, too big, other HTTP), finding a router by
   its serial in both forms and refusing two, the projection, the total
   header, reading parameters and instances, the task bodies, and what a
   hostile ACS sends (control bytes) never reaching a message or a value.
   Outcomes are checked on the stand-in's own state (/_sim/device), not on
   the client's words. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <cJSON.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "drivers/acs.h"
#include "lib/text.h"
#include "lib/util.h"
#include "tests/unit/acsim_fixture.h"

static struct acsim sim, authsim;

#define HW_SN	"HWTC1A2B3C4D"		/* EG8145V5, reports 485754431A2B3C4D */
#define HW_ID	"00E0FC-EG8145V5-485754431A2B3C4D"
#define X6_ID	"00E0FC-EG8145X6%2D10-485754430A0B0C0D"
#define ZTE_ID	"CC7B35-F660-ZTEGC0FFEE01"
#define F601_ID	"CC7B35-F601-ZTEGC0FFEE03"
#define F670_ID	"CC7B35-F670L-ZTEGC0FFEE02"
#define NOK_ID	"A4F33B-G%2D240W%2DC-ALCLB2C3D4E5"
#define FH_ID	"0C4C39-AN5506%2D04%2DF1-FHTT12345678"
#define PW	"n8i-s3cret"

static int
group_setup(void **state)
{
	static const char *const auth_args[] = { "--user", "nbi", "--password-file", NULL, NULL };
	const char *args[5];
	char *pwf;
	FILE *f;

	(void)state;
	acs_global_init();
	if (acsim_up(&sim, NULL) != 0)
		return -1;
	pwf = xasprintf("%s/pw", sim.dir);
	if ((f = fopen(pwf, "w")) == NULL)
		return -1;
	fprintf(f, "%s\n", PW);
	fclose(f);
	memcpy(args, auth_args, sizeof args);
	args[3] = pwf;
	if (acsim_up(&authsim, args) != 0)
		return -1;
	free(pwf);
	return 0;
}

static int
group_teardown(void **state)
{
	(void)state;
	acsim_down(&authsim);
	acsim_down(&sim);
	return 0;
}

/* A client of the stand-in. */
static struct acs *
client(struct acsim *s, int timeout_ms, size_t max)
{
	struct acs_conn c = { .url = s->url, .timeout_ms = timeout_ms, .max_answer = max };
	char *cause = NULL;
	struct acs *a = acs_open(&c, &cause);

	if (a == NULL)
		fail_msg("acs_open: %s", cause);
	return a;
}

/* The _value the stand-in holds for id's path, as text ("" when null). */
static char *
sim_value(const char *id, const char *path)
{
	char *js = acsim_dev(&sim, "device", id, NULL, NULL), *out;
	cJSON *j = cJSON_Parse(js), *n;
	char seg[128];
	const char *p = path;

	assert_non_null(j);
	n = cJSON_GetObjectItem(j, "doc");
	while (*p != '\0' && n != NULL) {
		size_t k = strcspn(p, ".");

		memcpy(seg, p, k);
		seg[k] = '\0';
		n = cJSON_GetObjectItemCaseSensitive(n, seg);
		p += k + (p[k] == '.');
	}
	assert_non_null(n);
	n = cJSON_GetObjectItem(n, "_value");
	assert_non_null(n);
	if (cJSON_IsString(n))
		out = xstrdup(n->valuestring);
	else {
		char *t = cJSON_PrintUnformatted(n);

		out = xstrdup(t);
		cJSON_free(t);
	}
	cJSON_Delete(j);
	free(js);
	return out;
}

/* Asserts the stand-in holds want at id's path. */
static void
expect_sim(const char *id, const char *path, const char *want)
{
	char *got = sim_value(id, path);

	assert_string_equal(got, want);
	free(got);
}

/* A canned answer for the next NBI request (non-JSON, oversized, odd). */
static void
canned(const char *json)
{
	char *x = acsim_ctl(&sim, "POST", "next", json, NULL);

	free(x);
}

/* Asserts s holds no control byte, no C1 control and no bidi override. */
static void
assert_clean(const char *s)
{
	assert_non_null(s);
	assert_false(str_has_control(s));
	assert_null(strstr(s, "\xc2\x9b"));
	assert_null(strstr(s, "\xe2\x80\xae"));
	assert_true(text_is_clean(s, false));	/* and every other reordering mark */
}

/* True when s is valid UTF-8. */
static bool
utf8_valid(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	while (*p != '\0') {
		int n = *p < 0x80 ? 0 : (*p & 0xe0) == 0xc0 ? 1 : (*p & 0xf0) == 0xe0 ? 2 :
		    (*p & 0xf8) == 0xf0 ? 3 : -1;

		if (n < 0)
			return false;
		p++;
		for (int i = 0; i < n; i++, p++)
			if ((*p & 0xc0) != 0x80)
				return false;
	}
	return true;
}

/* ---- opening ---- */

static void
test_open_refuses_urls_that_are_not_an_nbi_base(void **state)
{
	static const char *const bad[] = {
		"", "ftp://127.0.0.1:7557", "http://nbi:pw@127.0.0.1:7557",
		"http://127.0.0.1:7557/devices", "http://127.0.0.1:7557/?x=1", "not a url\n",
	};
	char *cause = NULL;

	(void)state;
	for (size_t i = 0; i < nitems(bad); i++) {
		struct acs_conn c = { .url = bad[i] };

		assert_null(acs_open(&c, &cause));
		assert_non_null(cause);
		assert_null(strstr(cause, "pw@"));
	}
	free(cause);
	{
		struct acs_conn c = { .url = "http://127.0.0.1:7557/" };
		struct acs *a = acs_open(&c, NULL);

		assert_non_null(a);
		assert_string_equal(acs_url(a), "http://127.0.0.1:7557");
		acs_close(a);
	}
}

/* ---- finding a router ---- */

static void
test_find_by_serial_as_typed_and_in_hex(void **state)
{
	static const char *const forms[] = {
		HW_SN, "485754431A2B3C4D", "hwtc1a2b3c4d", "485754431a2b3c4d", "HWTC-1A2B3C4D",
	};
	struct acs *a = client(&sim, 0, 0);

	(void)state;
	for (size_t i = 0; i < nitems(forms); i++) {
		struct acs_device d;
		struct acs_result r = { 0 };

		assert_int_equal(acs_find(a, forms[i], NULL, 0, &d, &r), ACS_OK);
		assert_int_equal(r.status, ACS_OK);
		assert_int_equal(r.http, 200);
		assert_string_equal(d.id, HW_ID);
		assert_string_equal(d.serial, "485754431A2B3C4D");
		assert_string_equal(d.product_class, "EG8145V5");
		assert_string_equal(d.oui, "00E0FC");
		assert_non_null(strstr(d.manufacturer, "Huawei"));
		assert_true(d.last_inform > now_s() - 600 && d.last_inform <= now_s());
		assert_non_null(strstr(r.message, sim.url));
		acs_device_free(&d);
		acs_result_clear(&r);
	}
	{
		/* ZTE reports the serial as printed; its hex form finds it too. */
		struct acs_device d;
		struct acs_result r = { 0 };

		assert_int_equal(acs_find(a, "5A544547C0FFEE01", NULL, 0, &d, &r), ACS_OK);
		assert_string_equal(d.id, ZTE_ID);
		assert_string_equal(d.serial, "ZTEGC0FFEE01");
		acs_device_free(&d);
		acs_result_clear(&r);
	}
	acs_close(a);
}

static void
test_find_unknown_or_invalid_serial(void **state)
{
	struct acs *a = client(&sim, 0, 0);
	struct acs_device d;
	struct acs_result r = { 0 };

	(void)state;
	assert_int_equal(acs_find(a, "HWTC99999999", NULL, 0, &d, &r), ACS_NO_DEVICE);
	assert_non_null(strstr(r.message, "HWTC99999999"));
	assert_non_null(strstr(r.message, "4857544399999999"));
	assert_non_null(strstr(r.message, sim.url));
	assert_null(d.id);
	assert_int_equal(acs_find(a, "hello", NULL, 0, &d, &r), ACS_USAGE);
	assert_int_equal(r.http, 0);
	assert_int_equal(acs_find(a, "HWTC\x1b[2J1234", NULL, 0, &d, &r), ACS_USAGE);
	assert_clean(r.message);
	acs_result_clear(&r);
	acs_close(a);
}

static void
test_find_refuses_a_serial_two_routers_report(void **state)
{
	struct acs *a = client(&sim, 0, 0);
	struct acs_device d;
	struct acs_result r = { 0 };
	long http;
	char *x = acsim_ctl(&sim, "POST", "add?serial=HWTC6B886FA5&model=EG8145V5", NULL, &http);

	(void)state;
	assert_int_equal(http, 200);
	free(x);
	assert_int_equal(acs_find(a, "HWTC6B886FA5", NULL, 0, &d, &r), ACS_USAGE);
	assert_null(d.id);
	assert_non_null(strstr(r.message, "00E0FC-HG8245H-485754436B886FA5"));
	assert_non_null(strstr(r.message, "00E0FC-EG8145V5-485754436B886FA5"));
	assert_non_null(strstr(r.message, "ambiguous"));
	acs_result_clear(&r);
	acs_close(a);
}

static void
test_projection_is_honoured(void **state)
{
	static const char *const proj[] = { "InternetGatewayDevice.DeviceInfo.SoftwareVersion" };
	struct acs *a = client(&sim, 0, 0);
	struct acs_device d;
	struct acs_result r = { 0 };
	int64_t ts;

	(void)state;
	assert_int_equal(acs_find(a, HW_SN, proj, 1, &d, &r), ACS_OK);
	assert_string_equal(acs_param(&d, proj[0], &ts), "V5R020C10S213");
	assert_true(ts > now_s() - 600);
	assert_null(acs_param(&d, "InternetGatewayDevice.DeviceInfo.ModelName", NULL));
	assert_null(acs_param(&d, "InternetGatewayDevice.LANDevice.1.WLANConfiguration.1.SSID", NULL));
	/* _deviceId and _lastInform come along: the struct is filled. */
	assert_string_equal(d.serial, "485754431A2B3C4D");
	assert_true(d.last_inform > 0);
	assert_string_equal(acs_param(&d, "_deviceId._ProductClass", NULL), "EG8145V5");
	acs_device_free(&d);
	acs_result_clear(&r);
	acs_close(a);
}

static void
test_query_pages_and_reads_the_total_header(void **state)
{
	static const char *const proj[] = { "_id" };
	struct acs *a = client(&sim, 0, 0);
	struct acs_device_list l;
	struct acs_result r = { 0 };

	(void)state;
	assert_int_equal(acs_query(a, "{\"_deviceId._Manufacturer\":\"ZTE\"}", proj, 1, 1, 1, &l, &r),
	    ACS_OK);
	assert_int_equal(l.n, 1);
	assert_int_equal(l.total, 3);
	assert_string_equal(l.v[0].manufacturer, "ZTE");
	acs_device_list_free(&l);
	/* GenieACS's ._value rewriting reaches the ACS intact. */
	assert_int_equal(acs_query(a, "{\"InternetGatewayDevice.DeviceInfo.ModelName\":\"F670L\"}",
	    proj, 1, 0, 0, &l, &r), ACS_OK);
	assert_int_equal(l.n, 1);
	assert_string_equal(l.v[0].id, F670_ID);
	acs_device_list_free(&l);
	assert_int_equal(acs_query(a, "not json", NULL, 0, 0, 0, &l, &r), ACS_USAGE);
	assert_int_equal(acs_query(a, "{}", (const char *const[]){ "a,b" }, 1, 0, 0, &l, &r), ACS_USAGE);
	/* An answer without the header: total -1. */
	canned("{\"status\":200,\"body\":\"[]\"}");
	assert_int_equal(acs_query(a, "{}", NULL, 0, 0, 0, &l, &r), ACS_OK);
	assert_int_equal(l.n, 0);
	assert_int_equal(l.total, -1);
	acs_device_list_free(&l);
	acs_result_clear(&r);
	acs_close(a);
}

/* ---- reading documents ---- */

static void
test_params_are_text_and_instances_are_discovered(void **state)
{
	struct acs *a = client(&sim, 0, 0);
	struct acs_device d;
	struct acs_result r = { 0 };
	int inst[8];
	const char *v;

	(void)state;
	assert_int_equal(acs_find(a, HW_SN, NULL, 0, &d, &r), ACS_OK);
	v = acs_param(&d, "InternetGatewayDevice.DeviceInfo.UpTime", NULL);
	assert_non_null(v);
	assert_true(strspn(v, "0123456789") == strlen(v) && strlen(v) > 0);
	assert_string_equal(acs_param(&d, "InternetGatewayDevice.ManagementServer.PeriodicInformEnable",
	    NULL), "true");
	assert_string_equal(acs_param(&d, "InternetGatewayDevice.ManagementServer.PeriodicInformInterval",
	    NULL), "3600");
	assert_null(acs_param(&d, "InternetGatewayDevice.DeviceInfo", NULL));
	assert_null(acs_param(&d, "InternetGatewayDevice.Nope.X", NULL));
	assert_int_equal(acs_instances(&d, "InternetGatewayDevice.LANDevice.1.WLANConfiguration", inst, 8), 4);
	assert_int_equal(inst[0], 1);
	assert_int_equal(inst[1], 2);
	assert_int_equal(inst[2], 5);
	assert_int_equal(inst[3], 6);
	assert_int_equal(acs_instances(&d, "InternetGatewayDevice.LANDevice.1.WLANConfiguration", inst, 2), 2);
	assert_int_equal(inst[1], 2);
	assert_int_equal(acs_instances(&d, "InternetGatewayDevice.DeviceInfo", inst, 8), 0);
	acs_device_free(&d);
	assert_int_equal(acs_find(a, "ZTEGC0FFEE01", NULL, 0, &d, &r), ACS_OK);
	assert_int_equal(acs_instances(&d, "InternetGatewayDevice.LANDevice.1.WLANConfiguration", inst, 8), 2);
	assert_int_equal(inst[0], 1);
	assert_int_equal(inst[1], 5);
	acs_device_free(&d);
	acs_result_clear(&r);
	acs_close(a);
}

/* ---- tasks ---- */

static void
test_task_done_in_the_session_is_ok(void **state)
{
	static const char *const paths[] = {
		"InternetGatewayDevice.LANDevice.1.WLANConfiguration.5.SSID",
		"InternetGatewayDevice.LANDevice.1.WLANConfiguration.5.Channel",
	};
	static const char *const values[] = { "Casa \"5G\" \\o/", "44" };
	static const char *const types[] = { NULL, "xsd:unsignedInt" };
	struct acs *a = client(&sim, 0, 0);
	struct acs_task t;
	struct acs_result r = { 0 };
	char *task = acs_task_set_values(paths, values, types, 2);

	(void)state;
	assert_int_equal(acs_task_post(a, HW_ID, task, true, 3000, &t, &r), ACS_OK);
	assert_int_equal(r.http, 200);
	assert_non_null(t.id);
	assert_int_equal(strlen(t.id), 24);
	assert_null(t.fault);
	expect_sim(HW_ID, paths[0], values[0]);
	expect_sim(HW_ID, paths[1], "44");
	acs_task_free(&t);
	free(task);
	/* The product class holds '-', escaped %2D in the id: the id is
	   escaped once more on the way, so the ACS finds the router. */
	task = acs_task_simple("reboot");
	assert_int_equal(acs_task_post(a, X6_ID, task, true, 3000, &t, &r), ACS_OK);
	expect_sim(X6_ID, "InternetGatewayDevice.DeviceInfo.UpTime", "0");
	acs_task_free(&t);
	free(task);
	acs_result_clear(&r);
	acs_close(a);
}

static void
test_task_for_an_offline_router_is_queued_then_done(void **state)
{
	static const char *const path[] = { "Device.WiFi.SSID.1.SSID" };
	static const char *const value[] = { "Later" };
	struct acs *a = client(&sim, 0, 0);
	struct acs_task t, s;
	struct acs_result r = { 0 };
	char *task = acs_task_set_values(path, value, NULL, 1), *x;

	(void)state;
	free(acsim_dev(&sim, "offline", NOK_ID, NULL, NULL));
	assert_int_equal(acs_task_post(a, NOK_ID, task, true, 2000, &t, &r), ACS_QUEUED);
	assert_int_equal(r.http, 202);
	assert_non_null(t.id);
	assert_non_null(strstr(r.message, "Device is offline"));
	assert_non_null(strstr(r.message, t.id));
	assert_non_null(strstr(r.message, "not done"));
	expect_sim(NOK_ID, path[0], "Home-D4E5");
	assert_int_equal(acs_task_state(a, t.id, &s, &r), ACS_QUEUED);
	assert_null(s.fault);
	acs_task_free(&s);
	x = acsim_dev(&sim, "online", NOK_ID, NULL, NULL);
	free(x);
	expect_sim(NOK_ID, path[0], "Later");
	assert_int_equal(acs_task_state(a, t.id, &s, &r), ACS_OK);
	acs_task_free(&s);
	acs_task_free(&t);
	/* Without connection_request a task is only stored: 202. */
	assert_int_equal(acs_task_post(a, NOK_ID, task, false, 0, &t, &r), ACS_QUEUED);
	assert_non_null(t.id);
	assert_int_equal(acs_task_delete(a, t.id, &r), ACS_OK);
	assert_int_equal(acs_task_delete(a, t.id, &r), ACS_NO_DEVICE);
	assert_int_equal(acs_task_state(a, t.id, &s, &r), ACS_OK);
	acs_task_free(&s);
	acs_task_free(&t);
	free(task);
	acs_result_clear(&r);
	acs_close(a);
}

static void
test_connection_request_to_an_offline_router_is_504(void **state)
{
	struct acs *a = client(&sim, 0, 0);
	struct acs_task t;
	struct acs_result r = { 0 };

	(void)state;
	assert_int_equal(acs_task_post(a, FH_ID, NULL, true, 1000, &t, &r), ACS_OK);
	free(acsim_dev(&sim, "offline", FH_ID, NULL, NULL));
	assert_int_equal(acs_task_post(a, FH_ID, NULL, true, 1000, &t, &r), ACS_CR_FAILED);
	assert_int_equal(r.http, 504);
	assert_non_null(strstr(r.message, "offline or unreachable"));
	assert_non_null(strstr(r.message, FH_ID));
	assert_null(t.id);
	free(acsim_dev(&sim, "online", FH_ID, NULL, NULL));
	assert_int_equal(acs_task_post(a, FH_ID, NULL, false, 0, &t, &r), ACS_USAGE);
	acs_result_clear(&r);
	acs_close(a);
}

static void
test_unknown_router_is_404_and_a_bad_task_400(void **state)
{
	struct acs *a = client(&sim, 0, 0);
	struct acs_task t;
	struct acs_result r = { 0 };
	char *task = acs_task_simple("reboot");

	(void)state;
	assert_int_equal(acs_task_post(a, "00E0FC-NOPE-0000", task, true, 1000, &t, &r), ACS_NO_DEVICE);
	assert_int_equal(r.http, 404);
	assert_non_null(strstr(r.message, "00E0FC-NOPE-0000"));
	free(task);
	task = acs_task_simple("rebooot");
	assert_int_equal(acs_task_post(a, ZTE_ID, task, true, 1000, &t, &r), ACS_BAD_REQUEST);
	assert_int_equal(r.http, 400);
	assert_non_null(strstr(r.message, "Invalid task name"));
	free(task);
	assert_int_equal(acs_task_post(a, ZTE_ID, "{\"x\":1}", true, 1000, &t, &r), ACS_USAGE);
	assert_int_equal(acs_task_post(a, ZTE_ID, "[1]", true, 1000, &t, &r), ACS_USAGE);
	acs_result_clear(&r);
	acs_close(a);
}

static void
test_slow_router_leaves_the_task_queued(void **state)
{
	struct acs *a = client(&sim, 0, 0);
	struct acs_task t, s;
	struct acs_result r = { 0 };
	char *task = acs_task_refresh("InternetGatewayDevice.DeviceInfo");
	int64_t t0;

	(void)state;
	free(acsim_dev(&sim, "slow", F670_ID, "?ms=1500", NULL));
	t0 = mono_ms();
	assert_int_equal(acs_task_post(a, F670_ID, task, true, 300, &t, &r), ACS_QUEUED);
	assert_true(mono_ms() - t0 < 1400);
	assert_non_null(strstr(r.message, "within 300 ms"));
	assert_non_null(t.id);
	assert_int_equal(acs_task_state(a, t.id, &s, &r), ACS_QUEUED);
	acs_task_free(&s);
	sleep_ms(1600);
	assert_int_equal(acs_task_state(a, t.id, &s, &r), ACS_OK);
	acs_task_free(&s);
	acs_task_free(&t);
	free(acsim_dev(&sim, "slow", F670_ID, "?ms=0", NULL));
	free(task);
	acs_result_clear(&r);
	acs_close(a);
}

static void
test_faulted_task_carries_the_fault(void **state)
{
	struct acs *a = client(&sim, 0, 0);
	struct acs_task t, s;
	struct acs_result r = { 0 };
	char *task = acs_task_simple("reboot");

	(void)state;
	free(acsim_dev(&sim, "fault", F601_ID, "?code=9002&message=Internal%20error", NULL));
	assert_int_equal(acs_task_post(a, F601_ID, task, true, 1000, &t, &r), ACS_QUEUED);
	assert_string_equal(t.fault, "cwmp.9002 Internal error");
	assert_non_null(strstr(r.message, "cwmp.9002"));
	assert_int_equal(acs_task_state(a, t.id, &s, &r), ACS_QUEUED);
	assert_string_equal(s.fault, "cwmp.9002 Internal error");
	acs_task_free(&s);
	assert_int_equal(acs_task_delete(a, t.id, &r), ACS_OK);
	acs_task_free(&t);
	free(task);
	acs_result_clear(&r);
	acs_close(a);
}

/* ---- failures of the link and the answer ---- */

static void
test_auth_refused_and_accepted_without_the_password_in_messages(void **state)
{
	struct acs_conn c = { .url = authsim.url, .user = "nbi", .password = "wrong" };
	struct acs *a = acs_open(&c, NULL);
	struct acs_device d;
	struct acs_result r = { 0 };

	(void)state;
	assert_int_equal(acs_find(a, HW_SN, NULL, 0, &d, &r), ACS_AUTH);
	assert_int_equal(r.http, 401);
	assert_null(strstr(r.message, "wrong"));
	assert_non_null(strstr(r.message, authsim.url));
	acs_close(a);
	c.user = NULL;
	c.password = NULL;
	a = acs_open(&c, NULL);
	assert_int_equal(acs_find(a, HW_SN, NULL, 0, &d, &r), ACS_AUTH);
	acs_close(a);
	c.user = "nbi";
	c.password = PW;
	a = acs_open(&c, NULL);
	assert_int_equal(acs_find(a, HW_SN, NULL, 0, &d, &r), ACS_OK);
	assert_null(strstr(r.message, PW));
	assert_null(strstr(r.message, "nbi:"));
	assert_null(strstr(acs_url(a), PW));
	acs_device_free(&d);
	acs_result_clear(&r);
	acs_close(a);
}

static void
test_refused_connection_is_net(void **state)
{
	struct sockaddr_in sa = { .sin_family = AF_INET };
	socklen_t len = sizeof sa;
	int fd = socket(AF_INET, SOCK_STREAM, 0), port;
	char url[64];
	struct acs_conn c = { .url = url };
	struct acs *a;
	struct acs_device d;
	struct acs_result r = { 0 };

	(void)state;
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	assert_int_equal(bind(fd, (struct sockaddr *)&sa, sizeof sa), 0);
	getsockname(fd, (struct sockaddr *)&sa, &len);
	port = ntohs(sa.sin_port);
	close(fd);
	snprintf(url, sizeof url, "http://127.0.0.1:%d", port);
	a = acs_open(&c, NULL);
	assert_int_equal(acs_find(a, HW_SN, NULL, 0, &d, &r), ACS_NET);
	assert_int_equal(r.http, 0);
	assert_non_null(strstr(r.message, url));
	assert_non_null(strstr(r.message, "cannot reach"));
	acs_result_clear(&r);
	acs_close(a);
}

static void
test_slow_acs_times_out(void **state)
{
	struct acs *a = client(&sim, 300, 0);
	struct acs_device d;
	struct acs_result r = { 0 };
	int64_t t0;

	(void)state;
	free(acsim_ctl(&sim, "POST", "delay?ms=1500", NULL, NULL));
	t0 = mono_ms();
	assert_int_equal(acs_find(a, HW_SN, NULL, 0, &d, &r), ACS_NET);
	assert_true(mono_ms() - t0 < 1200);
	assert_non_null(strstr(r.message, "did not answer"));
	free(acsim_ctl(&sim, "POST", "delay?ms=0", NULL, NULL));
	sleep_ms(1300);		/* the stand-in's thread finishes its wait */
	acs_result_clear(&r);
	acs_close(a);
}

static void
test_answers_that_are_not_json_or_too_big(void **state)
{
	struct acs *a = client(&sim, 0, 4096);
	struct acs_device_list l;
	struct acs_file_list f;
	struct acs_result r = { 0 };

	(void)state;
	canned("{\"status\":200,\"body\":\"<html>502 proxy error</html>\",\"content_type\":\"text/html\"}");
	assert_int_equal(acs_query(a, "{}", NULL, 0, 0, 0, &l, &r), ACS_BAD_ANSWER);
	assert_non_null(strstr(r.message, "<html>502 proxy error"));
	canned("{\"status\":200,\"body\":\"{\\\"_id\\\":1}\"}");
	assert_int_equal(acs_query(a, "{}", NULL, 0, 0, 0, &l, &r), ACS_BAD_ANSWER);
	canned("{\"status\":200,\"body\":\"[{\\\"no_id\\\":1}]\"}");
	assert_int_equal(acs_query(a, "{}", NULL, 0, 0, 0, &l, &r), ACS_BAD_ANSWER);
	assert_int_equal(l.n, 0);
	canned("{\"status\":200,\"size\":100000}");
	assert_int_equal(acs_query(a, "{}", NULL, 0, 0, 0, &l, &r), ACS_TOOBIG);
	assert_non_null(strstr(r.message, "4096"));
	canned("{\"status\":500,\"reason\":\"Internal Server Error\",\"body\":\"boom\"}");
	assert_int_equal(acs_files(a, &f, &r), ACS_HTTP);
	assert_int_equal(r.http, 500);
	assert_non_null(strstr(r.message, "HTTP 500"));
	/* A full document set is over 4 KiB too. */
	assert_int_equal(acs_query(a, "{}", NULL, 0, 0, 0, &l, &r), ACS_TOOBIG);
	acs_result_clear(&r);
	acs_close(a);
}

static void
test_files_lists_images_with_metadata(void **state)
{
	struct acs *a = client(&sim, 0, 0);
	struct acs_file_list f;
	struct acs_result r = { 0 };
	bool seen = false;

	(void)state;
	assert_int_equal(acs_files(a, &f, &r), ACS_OK);
	assert_true(f.n >= 8);
	for (size_t i = 0; i < f.n; i++) {
		if (strcmp(f.v[i].name, "F660-V6.0.10P3N12.bin") != 0)
			continue;
		seen = true;
		assert_string_equal(f.v[i].version, "V6.0.10P3N12");
		assert_string_equal(f.v[i].product_class, "F660");
		assert_string_equal(f.v[i].type, "1 Firmware Upgrade Image");
		assert_int_equal(f.v[i].length, 4096);
	}
	assert_true(seen);
	acs_file_list_free(&f);
	acs_result_clear(&r);
	acs_close(a);
}

/* ---- a hostile ACS ---- */

static void
test_control_bytes_from_the_acs_never_come_through(void **state)
{
	static const char *const bad =
	    "[[\"InternetGatewayDevice.DeviceInfo.ModelName\",\"\\u001b[2J\\r\\nF601\\u009b31m\\u202eX\\u0007\\u061cY\\u200fZ\\u2067\",\"xsd:string\"],"
	    "[\"InternetGatewayDevice.X_EVIL\\u001b]0;t\\u0007.Key\",\"v\\t\\u007f\",\"xsd:string\"]]";
	struct acs *a = client(&sim, 0, 0);
	struct acs_device d;
	struct acs_task t;
	struct acs_result r = { 0 };
	char *printed, *task;

	(void)state;
	free(acsim_dev(&sim, "set", F601_ID, NULL, bad));
	assert_int_equal(acs_find(a, "ZTEGC0FFEE03", NULL, 0, &d, &r), ACS_OK);
	assert_string_equal(acs_param(&d, "InternetGatewayDevice.DeviceInfo.ModelName", NULL),
	    "?[2J??F601?31m?X??Y?Z?");
	assert_string_equal(acs_param(&d, "InternetGatewayDevice.X_EVIL?]0;t?.Key", NULL), "v??");
	printed = cJSON_PrintUnformatted(d.doc);
	assert_null(strstr(printed, "\\u00"));
	assert_null(strstr(printed, "\\r"));
	assert_null(strstr(printed, "\\n"));
	assert_null(strstr(printed, "\\t"));
	assert_clean(printed);
	cJSON_free(printed);
	acs_device_free(&d);
	/* Nor through a reason phrase, a task id or an error body. */
	/* (The stand-in writes a reason phrase as Latin-1: U+00D8 U+009C go
	   out as the bytes D8 9C, UTF-8 for U+061C, a reordering mark.) */
	canned("{\"status\":202,\"reason\":\"\\u001b[31mDevice\\u00d8\\u009c is offline\",\"body\":\"{\\\"_id\\\":\\\"ab\\u001bc\\\"}\"}");
	task = acs_task_simple("reboot");
	assert_int_equal(acs_task_post(a, F601_ID, task, true, 1000, &t, &r), ACS_QUEUED);
	assert_string_equal(t.id, "ab?c");
	assert_clean(r.message);
	acs_task_free(&t);
	canned("{\"status\":400,\"body\":\"\\u001b]0;pwned\\u0007 bad\\r\\nline\"}");
	assert_int_equal(acs_task_post(a, F601_ID, task, true, 1000, &t, &r), ACS_BAD_REQUEST);
	assert_clean(r.message);
	assert_non_null(strstr(r.message, "pwned"));
	/* A long answer quoted in a message is cut between characters. */
	{
		struct buf body = { 0 };

		buf_adds(&body, "{\"status\":400,\"body\":\"x");
		for (int i = 0; i < 200; i++)
			buf_adds(&body, "\\u20ac");	/* three bytes each */
		buf_adds(&body, "\"}");
		canned(buf_str(&body));
		buf_free(&body);
	}
	assert_int_equal(acs_task_post(a, F601_ID, task, true, 1000, &t, &r), ACS_BAD_REQUEST);
	assert_clean(r.message);
	assert_true(utf8_valid(r.message));
	assert_non_null(strstr(r.message, "\xe2\x82\xac..."));
	free(task);
	acs_result_clear(&r);
	acs_close(a);
}

/* Found by fuzzing (tests/fuzz/regress/acs/): an ACS (or a proxy in front
   of it) that sends our password back had it quoted in the message of a
   refused task; acs.h says messages never hold it. */
static void
test_the_password_sent_back_is_masked_in_messages(void **state)
{
	struct acs_conn c = { .url = sim.url, .user = "nbi", .password = PW };
	struct acs *a;
	struct acs_task t;
	struct acs_result r = { 0 };
	char *task = acs_task_simple("reboot"), *cause = NULL;

	(void)state;
	assert_non_null(a = acs_open(&c, &cause));
	canned("{\"status\":400,\"reason\":\"Bad " PW "\",\"body\":\"no such task for nbi:" PW "\"}");
	assert_int_equal(acs_task_post(a, F601_ID, task, true, 1000, &t, &r), ACS_BAD_REQUEST);
	assert_null(strstr(r.message, PW));
	assert_non_null(strstr(r.message, "nbi:***"));
	acs_task_free(&t);
	canned("{\"status\":500,\"reason\":\"" PW "\",\"body\":\"" PW "\"}");
	assert_int_equal(acs_task_post(a, F601_ID, task, true, 1000, &t, &r), ACS_HTTP);
	assert_null(strstr(r.message, PW));
	acs_task_free(&t);
	free(task);
	acs_result_clear(&r);
	acs_close(a);
}

/* ---- task bodies ---- */

static void
test_task_bodies_are_json_built_not_pasted(void **state)
{
	static const char *const paths[] = { "A.B\"C", "A.D" };
	static const char *const values[] = { "x\",\"evil\":\"1", "\\" };
	char *t = acs_task_set_values(paths, values, NULL, 2);
	cJSON *j = cJSON_Parse(t), *pv;

	(void)state;
	assert_non_null(j);
	assert_string_equal(cJSON_GetObjectItem(j, "name")->valuestring, "setParameterValues");
	assert_null(cJSON_GetObjectItem(j, "evil"));
	pv = cJSON_GetArrayItem(cJSON_GetObjectItem(j, "parameterValues"), 0);
	assert_string_equal(cJSON_GetArrayItem(pv, 0)->valuestring, "A.B\"C");
	assert_string_equal(cJSON_GetArrayItem(pv, 1)->valuestring, values[0]);
	assert_string_equal(cJSON_GetArrayItem(pv, 2)->valuestring, "xsd:string");
	cJSON_Delete(j);
	free(t);
	t = acs_task_get_values(paths, 2);
	assert_string_equal(t, "{\"name\":\"getParameterValues\",\"parameterNames\":[\"A.B\\\"C\",\"A.D\"]}");
	free(t);
	t = acs_task_refresh(NULL);
	assert_string_equal(t, "{\"name\":\"refreshObject\",\"objectName\":\"\"}");
	free(t);
	t = acs_task_download("f.bin");
	assert_string_equal(t, "{\"name\":\"download\",\"file\":\"f.bin\"}");
	free(t);
	assert_null(acs_task_download(""));
	assert_null(acs_task_simple(NULL));
	assert_null(acs_task_get_values((const char *const[]){ NULL }, 1));
	assert_string_equal(acs_status_name(ACS_CR_FAILED), "offline");
	assert_string_equal(acs_status_name((enum acs_status)99), "unknown");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_open_refuses_urls_that_are_not_an_nbi_base),
		cmocka_unit_test(test_find_by_serial_as_typed_and_in_hex),
		cmocka_unit_test(test_find_unknown_or_invalid_serial),
		cmocka_unit_test(test_find_refuses_a_serial_two_routers_report),
		cmocka_unit_test(test_projection_is_honoured),
		cmocka_unit_test(test_query_pages_and_reads_the_total_header),
		cmocka_unit_test(test_params_are_text_and_instances_are_discovered),
		cmocka_unit_test(test_task_done_in_the_session_is_ok),
		cmocka_unit_test(test_task_for_an_offline_router_is_queued_then_done),
		cmocka_unit_test(test_connection_request_to_an_offline_router_is_504),
		cmocka_unit_test(test_unknown_router_is_404_and_a_bad_task_400),
		cmocka_unit_test(test_slow_router_leaves_the_task_queued),
		cmocka_unit_test(test_faulted_task_carries_the_fault),
		cmocka_unit_test(test_auth_refused_and_accepted_without_the_password_in_messages),
		cmocka_unit_test(test_refused_connection_is_net),
		cmocka_unit_test(test_slow_acs_times_out),
		cmocka_unit_test(test_answers_that_are_not_json_or_too_big),
		cmocka_unit_test(test_files_lists_images_with_metadata),
		cmocka_unit_test(test_control_bytes_from_the_acs_never_come_through),
		cmocka_unit_test(test_the_password_sent_back_is_masked_in_messages),
		cmocka_unit_test(test_task_bodies_are_json_built_not_pasted),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
