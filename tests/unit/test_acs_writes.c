/* test_acs_writes.c — ACS plans through the one write pipeline: the plan's
   parameter intent (plan_param: comparing typed values, the preview, the
   replay record that never holds a secret), and writes_run() with the
   "acs" executor against the GenieACS stand-in (tests/lab/acsim.py on
   127.0.0.1, started and stopped by PID): a change read back and verified,
   a read-back that differs undone and verified as before, a passphrase
   "accepted, not readable back" and absent from the audit, a router
   offline (the task withdrawn: unreachable; or with queue, kept and run
   when it comes online), a 504, the write lock per router.  Outcomes are
   checked on the stand-in's own state (/_sim/device, /_sim/stats). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "core/audit.h"
#include "core/executor.h"
#include "core/store.h"
#include "core/writes.h"
#include "core/writes_impl.h"
#include "drivers/acs.h"
#include "drivers/plan.h"
#include "lib/util.h"
#include "tests/unit/acsim_fixture.h"

#define ZTE_ID	"CC7B35-F660-ZTEGC0FFEE01"
#define HW_ID	"00E0FC-EG8145V5-485754431A2B3C4D"
#define ZTE_SSID "InternetGatewayDevice.LANDevice.1.WLANConfiguration.1.SSID"
#define ZTE_PSK	"InternetGatewayDevice.LANDevice.1.WLANConfiguration.1.KeyPassphrase"
#define HW_SSID	"InternetGatewayDevice.LANDevice.1.WLANConfiguration.1.SSID"
#define SECRET	"s3cret-Passphrase-77"

static struct acsim sim;
static struct store *st;
static char dbdir[64];

static int
group_setup(void **state)
{
	char *path, *cause = NULL;

	(void)state;
	acs_global_init();
	if (acsim_up(&sim, NULL) != 0)
		return -1;
	strcpy(dbdir, "/tmp/oltui-acsw.XXXXXX");
	if (mkdtemp(dbdir) == NULL)
		return -1;
	path = xasprintf("%s/t.db", dbdir);
	st = store_open(path, &cause);
	free(path);
	return st != NULL ? 0 : -1;
}

static int
group_teardown(void **state)
{
	char *cmd = xasprintf("rm -rf '%s'", dbdir);

	(void)state;
	store_close(st);
	acsim_down(&sim);
	if (system(cmd) != 0)
		fprintf(stderr, "cannot remove %s\n", dbdir);
	free(cmd);
	return 0;
}

/* The device document the stand-in holds for id (its "doc"), and one
   leaf's _value as text; "" when it has none. */
static char *
sim_value(const char *id, const char *path)
{
	char *js = acsim_dev(&sim, "device", id, NULL, NULL), *out = NULL;
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
	n = n != NULL ? cJSON_GetObjectItem(n, "_value") : NULL;
	out = xstrdup(cJSON_IsString(n) ? n->valuestring : "");
	cJSON_Delete(j);
	free(js);
	return out;
}

/* The secret the stand-in's router holds at path ("" none). */
static char *
sim_secret(const char *id, const char *path)
{
	char *js = acsim_dev(&sim, "device", id, NULL, NULL), *out;
	cJSON *j = cJSON_Parse(js), *n;

	assert_non_null(j);
	n = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItem(j, "secrets"), path);
	out = xstrdup(cJSON_IsString(n) ? n->valuestring : "");
	cJSON_Delete(j);
	free(js);
	return out;
}

/* A number from /_sim/stats. */
static long
sim_stat(const char *key)
{
	char *js = acsim_ctl(&sim, "GET", "stats", NULL, NULL);
	cJSON *j = cJSON_Parse(js);
	long v = (long)cJSON_GetNumberValue(cJSON_GetObjectItem(j, key));

	cJSON_Delete(j);
	free(js);
	return v;
}

/* A one-task plan for device id setting path from before to after (the
   task itself setting sent, when not NULL: a router that does something
   else than intended). */
static struct plan *
set_plan(const char *id, const char *path, const char *before, const char *after,
    const char *sent, bool secret)
{
	struct plan *p = plan_new("", "acs wifi", "test change");
	const char *paths[1] = { path }, *now[1] = { sent != NULL ? sent : after };
	const char *was[1] = { before };
	char *task = acs_task_set_values(paths, now, NULL, 1);
	char *undo = before != NULL ? acs_task_set_values(paths, was, NULL, 1) : NULL;
	struct buf w = { 0 }, u = { 0 };
	char *cause = NULL;

	free(p->device);
	p->device = xstrdup(id);
	plan_param_add(p, PLAN_EXEC_ACS, path, NULL, before, after, secret, !secret, 0);
	buf_adds(&w, "set ");
	plan_param_words(p->params, 1, false, &w);
	buf_adds(&u, "set ");
	plan_param_words(p->params, 1, true, &u);
	if (plan_add_task(p, PLAN_EXEC_ACS, task, buf_str(&w), undo, undo != NULL ?
	    buf_str(&u) : NULL, &cause) != 0)
		fail_msg("plan_add_task: %s", cause);
	free(task);
	free(undo);
	buf_free(&w);
	buf_free(&u);
	return p;
}

/* Runs p on id with the stand-in; queue as exec_acs.queue. */
static enum write_status
run(struct plan *p, const char *id, bool queue, struct write_report *r)
{
	struct acs_conn c = { .url = sim.url, .timeout_ms = 20000 };
	struct exec_acs xa = { .conn = &c, .device = id, .task_timeout_ms = 1500,
	    .wake = true, .queue = queue };
	struct exec_target t = { .acs = &xa };
	struct write_opts o = { .acquire_ms = 2000 };

	return writes_run(st, &t, p, &o, r);
}

/* Every step of audit entry id as "command => answer" lines. */
static char *
trail(int64_t id)
{
	struct audit_filter f = { .id = id };
	struct audit_entry *v = NULL;
	struct buf b = { 0 };
	size_t n = 0;

	assert_int_equal(audit_list(st, &f, &v, &n, NULL), 0);
	assert_int_equal(n, 1);
	buf_addf(&b, "outcome %s; cause %s\n", v[0].outcome, v[0].cause);
	for (size_t i = 0; i < v[0].nsteps; i++)
		buf_addf(&b, "%s => %s\n", v[0].steps[i].command, v[0].steps[i].answer);
	audit_entries_free(v, n);
	return buf_take(&b);
}

static void
test_values_compare_as_their_type(void **state)
{
	(void)state;
	assert_true(plan_param_equal("xsd:boolean", "1", "true"));
	assert_true(plan_param_equal("xsd:boolean", "False", "0"));
	assert_false(plan_param_equal("xsd:boolean", "1", "false"));
	assert_true(plan_param_equal("xsd:unsignedInt", "007", "7"));
	assert_false(plan_param_equal("xsd:int", "-1", "1"));
	assert_false(plan_param_equal("xsd:string", "007", "7"));
	assert_true(plan_param_equal("xsd:string", NULL, NULL));
	assert_false(plan_param_equal("xsd:string", "", NULL));
}

static void
test_preview_masks_secrets_and_the_record_withholds_them(void **state)
{
	struct plan *p = set_plan(ZTE_ID, ZTE_SSID, "Old", "New", NULL, false), *back;
	struct buf pv = { 0 };
	char *js, *cause = NULL;
	size_t withheld = 0;
	cJSON *j;

	(void)state;
	plan_param_add(p, PLAN_EXEC_ACS, ZTE_PSK, NULL, "old-" SECRET, SECRET, true, false, 41);
	plan_preview(p, &pv);
	assert_non_null(strstr(buf_str(&pv), ZTE_SSID ": \"Old\" -> \"New\""));
	assert_non_null(strstr(buf_str(&pv), ZTE_PSK ": ******** (the one oltui set last) "
	    "-> ********"));
	assert_non_null(strstr(buf_str(&pv), "tasks, each with its undo:"));
	assert_non_null(strstr(buf_str(&pv), "undo: set " ZTE_SSID " = \"Old\""));
	assert_non_null(strstr(buf_str(&pv), "KeyPassphrase reads back empty"));
	assert_null(strstr(buf_str(&pv), SECRET));
	buf_free(&pv);
	/* The record: no secret (nor the one before), but that it was
	   withheld and where the vault keeps the one before. */
	j = plan_to_json(p, NULL, NULL);
	js = cJSON_PrintUnformatted(j);
	assert_null(strstr(js, SECRET));
	assert_non_null(strstr(js, "\"withheld\":true"));
	assert_int_equal(plan_from_json(j, &back, &withheld, &cause), 0);
	assert_int_equal(back->nparams, 2);
	assert_string_equal(back->device, ZTE_ID);
	assert_int_equal(back->verify.kind, VERIFY_PARAMS);
	assert_string_equal(back->params[0].before, "Old");
	assert_string_equal(back->params[0].after, "New");
	assert_true(back->params[1].secret);
	assert_false(back->params[1].readable);
	assert_null(back->params[1].before);
	assert_null(back->params[1].after);
	assert_int_equal(back->params[1].before_ref, 41);
	assert_string_equal(back->steps[0].exec, PLAN_EXEC_ACS);
	cJSON_free(js);
	cJSON_Delete(j);
	plan_free(back);
	plan_free(p);
}

static void
test_a_change_is_read_back_and_verified(void **state)
{
	char *before = sim_value(ZTE_ID, ZTE_SSID), *now, *log;
	struct plan *p = set_plan(ZTE_ID, ZTE_SSID, before, "verified-ssid", NULL, false);
	struct write_report r;

	(void)state;
	assert_int_equal(run(p, ZTE_ID, false, &r), WRITE_DONE);
	assert_true(r.verified);
	assert_false(r.queued);
	assert_int_equal(r.nparams, 1);
	assert_int_equal(r.params[0].state, WPARAM_VERIFIED);
	assert_string_equal(r.params[0].got, "verified-ssid");
	now = sim_value(ZTE_ID, ZTE_SSID);
	assert_string_equal(now, "verified-ssid");
	/* The trail has the request, the ACS's answer and the read-back. */
	log = trail(r.audit_id);
	assert_non_null(strstr(log, "outcome ok"));
	assert_non_null(strstr(log, "set " ZTE_SSID " = \"verified-ssid\" => POST /devices/"));
	assert_non_null(strstr(log, "HTTP 200"));
	assert_non_null(strstr(log, "verify: parameters => " ZTE_SSID " = \"verified-ssid\""));
	free(log);
	free(now);
	free(before);
	writes_report_free(&r);
	plan_free(p);
}

static void
test_a_read_back_that_differs_is_undone_as_found(void **state)
{
	char *before = sim_value(HW_ID, HW_SSID), *now;
	/* The intent says one value, the task sets another: what a router
	   that changes a value on its own looks like. */
	struct plan *p = set_plan(HW_ID, HW_SSID, before, "wanted", "what-it-did", false);
	struct write_report r;

	(void)state;
	assert_int_equal(run(p, HW_ID, false, &r), WRITE_FAILED);
	assert_int_equal(r.outcome, AUDIT_UNDONE);
	assert_true(r.undo_verified);
	assert_int_equal(r.params[0].state, WPARAM_DIFFERS);
	assert_string_equal(r.params[0].got, "what-it-did");
	assert_non_null(r.diff);
	now = sim_value(HW_ID, HW_SSID);
	assert_string_equal(now, before);
	free(now);
	free(before);
	writes_report_free(&r);
	plan_free(p);
}

static void
test_a_passphrase_is_accepted_not_readable_and_never_audited(void **state)
{
	struct plan *p = set_plan(ZTE_ID, ZTE_PSK, NULL, SECRET, NULL, true);
	struct write_report r;
	char *log, *held;

	(void)state;
	assert_int_equal(run(p, ZTE_ID, false, &r), WRITE_DONE);
	assert_false(r.verified);
	assert_int_equal(r.unreadable, 1);
	assert_int_equal(r.params[0].state, WPARAM_ACCEPTED);
	assert_string_equal(writes_outcome_text(&r), "applied; accepted, not readable back");
	held = sim_secret(ZTE_ID, ZTE_PSK);
	assert_string_equal(held, SECRET);
	log = trail(r.audit_id);
	assert_null(strstr(log, SECRET));
	assert_non_null(strstr(log, ZTE_PSK " = ********"));
	free(log);
	free(held);
	writes_report_free(&r);
	plan_free(p);
}

static void
test_an_offline_router_withdraws_the_task_or_queues_it(void **state)
{
	char *before = sim_value(ZTE_ID, ZTE_SSID), *now, *log;
	struct plan *p = set_plan(ZTE_ID, ZTE_SSID, before, "queued-ssid", NULL, false);
	struct write_report r;

	(void)state;
	free(acsim_dev(&sim, "offline", ZTE_ID, NULL, NULL));
	/* Without queue: withdrawn, nothing left on the ACS, nothing changed. */
	assert_int_equal(run(p, ZTE_ID, false, &r), WRITE_UNREACHABLE);
	assert_int_equal(r.applied, 0);
	assert_int_equal(r.nleft, 0);
	assert_int_equal(sim_stat("tasks"), 0);
	writes_report_free(&r);
	/* With queue: kept on the ACS, reported queued with its id. */
	assert_int_equal(run(p, ZTE_ID, true, &r), WRITE_DONE);
	assert_true(r.queued);
	assert_non_null(r.queued_ref);
	assert_false(r.verified);
	assert_int_equal(r.outcome, AUDIT_QUEUED);
	assert_int_equal(r.params[0].state, WPARAM_QUEUED);
	assert_int_equal(sim_stat("tasks"), 1);
	log = trail(r.audit_id);
	assert_non_null(strstr(log, "outcome queued"));
	assert_non_null(strstr(log, r.queued_ref));
	free(log);
	now = sim_value(ZTE_ID, ZTE_SSID);
	assert_string_equal(now, before);
	free(now);
	/* The router comes back: it runs the task at its inform. */
	free(acsim_dev(&sim, "online", ZTE_ID, NULL, NULL));
	now = sim_value(ZTE_ID, ZTE_SSID);
	assert_string_equal(now, "queued-ssid");
	assert_int_equal(sim_stat("tasks"), 0);
	free(now);
	free(before);
	writes_report_free(&r);
	plan_free(p);
}

static void
test_a_failed_connection_request_is_unreachable(void **state)
{
	char *before = sim_value(HW_ID, HW_SSID), *now;
	struct plan *p = set_plan(HW_ID, HW_SSID, before, "never", NULL, false);
	struct write_report r;

	(void)state;
	free(acsim_ctl(&sim, "POST", "next", "{\"status\":504,\"reason\":\"Gateway Timeout\","
	    "\"body\":\"connection request failed\",\"count\":1}", NULL));
	assert_int_equal(run(p, HW_ID, false, &r), WRITE_UNREACHABLE);
	assert_int_equal(r.applied, 0);
	now = sim_value(HW_ID, HW_SSID);
	assert_string_equal(now, before);
	free(now);
	free(before);
	writes_report_free(&r);
	plan_free(p);
}

static void
test_the_write_lock_is_the_routers(void **state)
{
	struct plan *a = set_plan(ZTE_ID, ZTE_SSID, "x", "y", NULL, false);
	struct plan *b = set_plan(HW_ID, HW_SSID, "x", "y", NULL, false);
	struct writes_lock la, lb, lc;
	char *cause = NULL;

	(void)state;
	/* Two routers (behind one OLT or not) at once; one router, once. */
	assert_int_equal(writes_lock_take(st, a, 100, &la, &cause), 0);
	assert_int_equal(writes_lock_take(st, b, 100, &lb, &cause), 0);
	assert_int_equal(writes_lock_take(st, a, 100, &lc, &cause), -1);
	assert_non_null(strstr(cause, "router " ZTE_ID));
	free(cause);
	writes_lock_release(&la);
	writes_lock_release(&lb);
	plan_free(a);
	plan_free(b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_values_compare_as_their_type),
		cmocka_unit_test(test_preview_masks_secrets_and_the_record_withholds_them),
		cmocka_unit_test(test_a_change_is_read_back_and_verified),
		cmocka_unit_test(test_a_read_back_that_differs_is_undone_as_found),
		cmocka_unit_test(test_a_passphrase_is_accepted_not_readable_and_never_audited),
		cmocka_unit_test(test_an_offline_router_withdraws_the_task_or_queues_it),
		cmocka_unit_test(test_a_failed_connection_request_is_unreachable),
		cmocka_unit_test(test_the_write_lock_is_the_routers),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
