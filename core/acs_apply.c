/*
 * acs_apply.c — one router's part of an ACS job (acs_apply.h): the change
 * through ops_acs_change(), the firmware download and the version read
 * afterwards, a queued download looked at again, a queued task deleted.
 *
 * A mass change is sent as the parameters its item lists (ACS_CH_SET with
 * each path, value and type, a secret's value from the job's unsealed
 * secrets and marked secret), so what the dry run printed is what the
 * task sets.  ops_acs_change() reads the values the ACS holds first
 * (cached_before: the runner sends thousands; the values are as old as
 * the router's last inform) and sends nothing when they already are as
 * asked — which is how a device left "sending" by a killed run is found
 * done on resume without a second task; a password reads back empty and
 * is always sent again.  queue: a router that does not run the task in
 * time keeps it on the ACS (queued, with its task id).
 *
 * A router a killed run left "sending" may have run the task already:
 * when every value of its item that reads back is as asked, it did — a
 * setParameterValues is all or nothing (TR-069 A.3.2.1), so its passwords
 * were set with them — and nothing is sent again.  A change of passwords
 * only cannot be told apart and is sent again (the same values).
 *
 * WRITE_UNREACHABLE from the operation is the ACS or the router: the
 * worker's client asks the ACS one small question to tell which; an ACS
 * that does not answer (or refuses oltui's login) stops the run.
 *
 * Called on the engine's workers, each with its own client.
 */
#include "core/acs_apply.h"
#include "core/engine.h"
#include "core/ops_acs.h"
#include "drivers/acs.h"
#include "drivers/acs_view.h"
#include "drivers/plan.h"
#include "lib/util.h"

#include <cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The worker's client on the engine's ACS. */
static void *
apply_open(void *ctx, char **cause)
{
	struct acs_apply *a = ctx;
	struct acs *c = NULL;
	struct err err = { 0 };

	if (ops_acs_client(a->e, a->acs_url, &c, &err) != 0) {
		set_cause(cause, "%s", err_text(&err));
		err_clear(&err);
		return NULL;
	}
	return c;
}

static void
apply_close(void *ctx, void *client)
{
	(void)ctx;
	acs_close(client);
}

/* The device query {"_id": id} as text; caller frees. */
static char *
id_query(const char *id)
{
	cJSON *q = cJSON_CreateObject();
	char *s;

	cJSON_AddStringToObject(q, "_id", id);
	s = cJSON_PrintUnformatted(q);
	cJSON_Delete(q);
	return s;
}

/* True when the ACS answers a small question (the router's id) and takes
   oltui's login: a failure of the operation was the router's then. */
static bool
acs_answers(struct acs *c, const char *device_id, char *why, size_t size)
{
	static const char *const proj[] = { "_id" };
	struct acs_device_list l = { 0 };
	struct acs_result r = { 0 };
	char *q = id_query(device_id);
	enum acs_status s = acs_query(c, q, proj, 1, 0, 1, &l, &r);
	bool ok = s == ACS_OK || s == ACS_NO_DEVICE;

	if (!ok)
		snprintf(why, size, "%s", r.message != NULL ? r.message : acs_status_name(s));
	free(q);
	acs_device_list_free(&l);
	acs_result_clear(&r);
	return ok;
}

/* An item's parameters for ACS_CH_SET; their strings point into *doc
   (and the secrets into sec).  0, or -1 with why. */
static int
set_params(const struct acs_item *it, const struct acs_secrets *sec, cJSON **doc,
    struct acs_set_param **out, size_t *n, char *why, size_t size)
{
	const cJSON *p;
	enum acs_secret k;

	*out = NULL;
	*n = 0;
	if ((*doc = cJSON_Parse(it->params)) == NULL) {
		snprintf(why, size, "the job's parameters for this router are not JSON");
		return -1;
	}
	*out = xcalloc((size_t)cJSON_GetArraySize(*doc) + 1, sizeof **out);
	cJSON_ArrayForEach(p, *doc) {
		const cJSON *v = cJSON_GetArrayItem(p, 1);
		struct acs_set_param *sp = &(*out)[(*n)++];

		sp->path = cJSON_GetArrayItem(p, 0)->valuestring;
		sp->type = cJSON_GetArrayItem(p, 2)->valuestring;
		if (cJSON_IsString(v)) {
			sp->value = v->valuestring;
			continue;
		}
		if (!cJSON_IsObject(v) || acs_secret_parse(cJSON_GetStringValue(
		    cJSON_GetObjectItemCaseSensitive(v, "secret")), &k) != 0 ||
		    sec->v[k] == NULL) {
			snprintf(why, size, "the job's password for %s is not available", sp->path);
			return -1;
		}
		sp->value = sec->v[k];
		sp->secret = true;
	}
	return 0;
}

/* True when the readable values of item it are already on router it
   according to the ACS (and it has at least one): a task that set them
   reached it, secrets included. */
static bool
landed(struct acs *c, const struct acs_item *it)
{
	cJSON *doc = cJSON_Parse(it->params);
	const cJSON *p;
	const char **proj = xcalloc((size_t)cJSON_GetArraySize(doc) + 1, sizeof *proj);
	struct acs_device_list l = { 0 };
	struct acs_result r = { 0 };
	char *q = id_query(it->device_id);
	size_t n = 0;
	bool same = false;

	cJSON_ArrayForEach(p, doc)
		if (cJSON_IsString(cJSON_GetArrayItem(p, 1)))
			proj[n++] = cJSON_GetArrayItem(p, 0)->valuestring;
	if (n > 0 && acs_query(c, q, proj, n, 0, 1, &l, &r) == ACS_OK && l.n == 1) {
		same = true;
		cJSON_ArrayForEach(p, doc) {
			const cJSON *v = cJSON_GetArrayItem(p, 1);

			if (cJSON_IsString(v) && !plan_param_equal(cJSON_GetArrayItem(p, 2)->valuestring,
			    acs_param(&l.v[0], cJSON_GetArrayItem(p, 0)->valuestring, NULL),
			    v->valuestring))
				same = false;
		}
	}
	acs_device_list_free(&l);
	acs_result_clear(&r);
	free(q);
	free(proj);
	cJSON_Delete(doc);
	return same;
}

/* The outcome of a change from its result (c: the worker's client). */
static void
outcome_of(struct acs *c, const struct acs_item *it, struct acs_op_result *res,
    struct acs_outcome *out)
{
	const char *cause = res->rep.cause != NULL ? res->rep.cause :
	    writes_outcome_text(&res->rep);
	char why[256];

	if (res->status == WRITE_DONE && res->rep.unchanged) {
		out->state = AI_DONE;
		snprintf(out->reason, sizeof out->reason, "already as asked: nothing sent");
	} else if (res->status == WRITE_DONE && res->queued) {
		out->state = AI_QUEUED;
		strlcpy_(out->task_id, res->task_id, sizeof out->task_id);
		snprintf(out->reason, sizeof out->reason, "the router did not answer: the ACS "
		    "keeps task %s for its next inform", res->task_id);
	} else if (res->status == WRITE_DONE) {
		out->state = AI_DONE;
		snprintf(out->reason, sizeof out->reason, "%s", writes_outcome_text(&res->rep));
	} else if (res->status == WRITE_UNREACHABLE && !acs_answers(c, it->device_id, why,
	    sizeof why)) {
		out->stop = ERR_UNREACHABLE;
		snprintf(out->reason, sizeof out->reason, "%s", why);
	} else {
		out->state = AI_FAILED;
		snprintf(out->reason, sizeof out->reason, "%s", cause);
	}
}

/* The path of the software version in a router of data model m. */
static const char *
version_path(enum acs_model m)
{
	return m == ACS_MODEL_TR181 ? "Device.DeviceInfo.SoftwareVersion" :
	    "InternetGatewayDevice.DeviceInfo.SoftwareVersion";
}

/* The version router id reports, read from the ACS's document, after
   asking the router itself first when ask (a getParameterValues task: the
   router answered a moment ago).  0 and out, or -1. */
static int
read_version(struct acs *c, const char *id, bool ask, char *out, size_t size)
{
	size_t nv;
	const char *const *proj = acs_view_projection(&nv);
	struct acs_device_list l = { 0 };
	struct acs_result r = { 0 };
	struct acs_task t = { 0 };
	struct acs_view v;
	char *q = id_query(id), *task;
	int rc = -1;

	if (acs_query(c, q, proj, nv, 0, 1, &l, &r) == ACS_OK && l.n == 1 &&
	    acs_view_build(&l.v[0], &v, NULL) == 0) {
		if (ask) {
			const char *path = version_path(v.model);

			task = acs_task_get_values(&path, 1);
			acs_result_clear(&r);
			(void)acs_task_post(c, id, task, true, 10000, &t, &r);
			free(task);
			acs_task_free(&t);
			acs_device_list_free(&l);
			acs_result_clear(&r);
			if (acs_query(c, q, proj, nv, 0, 1, &l, &r) != ACS_OK || l.n != 1 ||
			    acs_view_build(&l.v[0], &v, NULL) != 0)
				goto out;
		}
		strlcpy_(out, v.firmware, size);
		rc = 0;
	}
out:
	acs_device_list_free(&l);
	acs_result_clear(&r);
	free(q);
	return rc;
}

/* After a download ran: done when the version changed, else still
   waiting (queued without a task: the look reads the version again). */
static void
version_outcome(struct acs *c, const struct acs_item *it, bool ask, struct acs_outcome *out)
{
	char now[ACS_VERSION_MAX];

	if (read_version(c, it->device_id, ask, now, sizeof now) != 0) {
		out->state = AI_QUEUED;
		snprintf(out->reason, sizeof out->reason, "download done; its version could "
		    "not be read yet");
		return;
	}
	strlcpy_(out->version_after, now, sizeof out->version_after);
	if (strcmp(now, it->version_before) != 0) {
		out->state = AI_DONE;
		snprintf(out->reason, sizeof out->reason, "upgraded: %s -> %s",
		    it->version_before[0] != '\0' ? it->version_before : "?", now);
	} else {
		out->state = AI_QUEUED;
		out->task_id[0] = '\0';
		snprintf(out->reason, sizeof out->reason, "downloaded; the router still "
		    "reports %s", now);
	}
}

/* Sends one router its change (acs_run_ops.apply). */
static void
apply_item(void *ctx, void *client, struct engine *e, const struct acs_job *job,
    const struct acs_item *it, const struct acs_secrets *sec, struct acs_outcome *out)
{
	struct acs_apply *a = ctx;
	struct acs_change_req rq = { 0 };
	struct write_opts wo = { 0 };
	struct acs_op_result res;
	struct acs_set_param *params = NULL;
	cJSON *doc = NULL;
	size_t n = 0;

	rq.device_id = it->device_id;
	rq.acs_url = a->acs_url;
	rq.client = client;
	rq.cached_before = true;
	rq.queue = true;
	wo.user = job->user[0] != '\0' ? job->user : NULL;
	wo.acs_url = a->acs_url;
	if (job->kind == ACS_JOB_FIRMWARE) {
		rq.kind = ACS_CH_FIRMWARE;
		rq.file = job->change.file;
	} else {
		if (it->state == AI_SENDING && landed(client, it)) {
			out->state = AI_DONE;
			snprintf(out->reason, sizeof out->reason, "already as asked: the task of "
			    "the interrupted run had reached it; nothing sent");
			return;
		}
		rq.kind = ACS_CH_SET;
		if (set_params(it, sec, &doc, &params, &n, out->reason, sizeof out->reason) != 0) {
			out->state = AI_FAILED;
			free(params);
			cJSON_Delete(doc);
			return;
		}
		rq.params = params;
		rq.nparams = n;
	}
	ops_acs_change(e, &rq, &wo, &res);
	outcome_of(client, it, &res, out);
	if (job->kind == ACS_JOB_FIRMWARE && out->state == AI_DONE && !res.rep.unchanged)
		version_outcome(client, it, true, out);
	else if (job->kind == ACS_JOB_FIRMWARE && res.rep.unchanged)
		strlcpy_(out->version_after, it->version_before, sizeof out->version_after);
	acs_op_result_free(&res);
	free(params);
	cJSON_Delete(doc);
}

/* Looks again at a queued download (acs_run_ops.track). */
static void
track_item(void *ctx, void *client, struct engine *e, const struct acs_job *job,
    const struct acs_item *it, struct acs_outcome *out)
{
	struct acs_result r = { 0 };
	struct acs_task t = { 0 };
	enum acs_status s = ACS_OK;

	(void)ctx;
	(void)e;
	(void)job;
	out->state = AI_QUEUED;
	strlcpy_(out->task_id, it->task_id, sizeof out->task_id);
	strlcpy_(out->reason, it->reason, sizeof out->reason);
	if (it->task_id[0] != '\0')
		s = acs_task_state(client, it->task_id, &t, &r);
	if (s == ACS_QUEUED && t.fault != NULL) {
		out->state = AI_FAILED;
		snprintf(out->reason, sizeof out->reason, "the router faulted the download: %s",
		    t.fault);
	} else if (s == ACS_OK)
		version_outcome(client, it, false, out);
	acs_task_free(&t);
	acs_result_clear(&r);
}

/* Deletes a queued task (acs_run_ops.unqueue). */
static void
unqueue_item(void *ctx, void *client, struct engine *e, const struct acs_job *job,
    const struct acs_item *it, struct acs_outcome *out)
{
	struct acs_result r = { 0 };
	enum acs_status s;

	(void)ctx;
	(void)e;
	(void)job;
	if (it->task_id[0] == '\0') {
		out->state = AI_CANCELLED;
		snprintf(out->reason, sizeof out->reason, "cancelled while waiting for the "
		    "router's new version (%.180s)", it->reason);
		return;
	}
	s = acs_task_delete(client, it->task_id, &r);
	if (s == ACS_OK) {
		out->state = AI_CANCELLED;
		snprintf(out->reason, sizeof out->reason, "its queued task %s was deleted from "
		    "the ACS", it->task_id);
	} else if (s == ACS_NO_DEVICE) {
		out->state = AI_DONE;
		snprintf(out->reason, sizeof out->reason, "the ACS no longer held task %s: it "
		    "ran before the cancel", it->task_id);
	} else {
		out->state = AI_QUEUED;
		strlcpy_(out->task_id, it->task_id, sizeof out->task_id);
		snprintf(out->reason, sizeof out->reason, "task %s could not be deleted: %s",
		    it->task_id, r.message != NULL ? r.message : acs_status_name(s));
	}
	acs_result_clear(&r);
}

void
acs_apply_init(struct acs_apply *a, struct engine *e, const char *acs_url)
{
	memset(a, 0, sizeof *a);
	a->e = e;
	a->acs_url = acs_url;
	a->ops.open = apply_open;
	a->ops.close = apply_close;
	a->ops.resolve = acs_resolve;
	a->ops.apply = apply_item;
	a->ops.track = track_item;
	a->ops.unqueue = unqueue_item;
	a->ops.ctx = a;
}
