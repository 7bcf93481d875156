/*
 * acs_task.c — tasks and files on the GenieACS NBI (acs.h): posting a task
 * and reading what its HTTP answer and reason phrase say, following a
 * queued task and its fault, deleting one, listing the firmware files.
 *
 * The exchange itself, the shared failure sentences and the cleaning are
 * acs.c's and acs_doc.c's (acs_impl.h).  GenieACS answers a task with 200
 * when the session it triggered ran it, and with 202 when it did not,
 * saying why only in the status line: "Device is offline" (the connection
 * request failed), "Task queued but not processed" (the router did not
 * come within the timeout), "Task faulted" (the router refused it: the
 * fault is then fetched from /faults/, "<device>:task_<id>").
 */
#include "drivers/acs_impl.h"
#include "lib/util.h"

#include <curl/curl.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void
acs_task_free(struct acs_task *t)
{
	if (t == NULL)
		return;
	free(t->id);
	free(t->fault);
	memset(t, 0, sizeof *t);
}

void
acs_file_list_free(struct acs_file_list *l)
{
	if (l == NULL)
		return;
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].name);
		free(l->v[i].type);
		free(l->v[i].oui);
		free(l->v[i].product_class);
		free(l->v[i].version);
	}
	free(l->v);
	memset(l, 0, sizeof *l);
}

/* True when s is a usable id: non-empty, no control characters. */
static bool
id_ok(const char *s)
{
	return s != NULL && s[0] != '\0' && strlen(s) < 512 && !str_has_control(s);
}

/* The "_id" string of a JSON object answer (a task), or NULL. */
static char *
answer_id(const struct acs_reply *rp)
{
	cJSON *j, *id;
	char *out = NULL;

	if (rp->body.len == 0 || (j = cJSON_ParseWithLength(rp->body.data, rp->body.len)) == NULL)
		return NULL;
	id = cJSON_GetObjectItemCaseSensitive(j, "_id");
	if (cJSON_IsString(id) && id->valuestring[0] != '\0')
		out = acs_text_clean(xstrdup(id->valuestring));
	cJSON_Delete(j);
	return out;
}

/* The fault the ACS holds for a task ("cwmp.9002 Internal error"), or
   NULL; query is the faults query. */
static char *
task_fault(struct acs *a, const char *query, struct acs_result *r)
{
	struct buf url = { 0 };
	struct acs_reply rp;
	cJSON *arr, *f, *code, *msg;
	char *out = NULL;

	buf_addf(&url, "%s/faults/?query=", a->url);
	acs_add_escaped(a, &url, query);
	acs_request(a, ACS_GET, buf_str(&url), NULL, 0, &rp);
	buf_free(&url);
	r->ms += rp.ms;
	if (acs_outcome(&rp) == ACS_OK && (arr = acs_answer_array(&rp)) != NULL) {
		if ((f = cJSON_GetArrayItem(arr, 0)) != NULL) {
			code = cJSON_GetObjectItemCaseSensitive(f, "code");
			msg = cJSON_GetObjectItemCaseSensitive(f, "message");
			out = xasprintf("%s%s%s", cJSON_IsString(code) ? code->valuestring : "fault",
			    cJSON_IsString(msg) ? " " : "", cJSON_IsString(msg) ? msg->valuestring : "");
		}
		cJSON_Delete(arr);
	}
	buf_free(&rp.body);
	return out;
}

/* Posts a task; see acs.h. */
enum acs_status
acs_task_post(struct acs *a, const char *device_id, const char *task,
    bool connection_request, int timeout_ms, struct acs_task *out, struct acs_result *r)
{
	struct buf url = { 0 };
	struct acs_reply rp;
	enum acs_status st;
	cJSON *t = task != NULL ? cJSON_Parse(task) : NULL, *name;
	char what[200], act[96], *idc;

	acs_begin(r);
	memset(out, 0, sizeof *out);
	if (!id_ok(device_id) || (task == NULL && !connection_request) ||
	    (task != NULL && (!cJSON_IsObject(t) ||
	    !cJSON_IsString(name = cJSON_GetObjectItemCaseSensitive(t, "name"))))) {
		cJSON_Delete(t);
		return acs_finish(a, r, NULL, ACS_USAGE, "a task needs a router id and a JSON object "
		    "with a \"name\"; nothing was sent");
	}
	idc = acs_text_clean(xstrdup(device_id));
	if (task != NULL)
		snprintf(act, sizeof act, "task %s", acs_text_clean(name->valuestring));
	else
		strlcpy_(act, "a connection request", sizeof act);
	snprintf(what, sizeof what, "%s for router %s", act, idc);
	cJSON_Delete(t);
	buf_addf(&url, "%s/devices/", a->url);
	acs_add_escaped(a, &url, device_id);
	buf_adds(&url, "/tasks");
	if (connection_request) {
		if (timeout_ms > 0)
			buf_addf(&url, "?timeout=%d&connection_request", timeout_ms);
		else
			buf_adds(&url, "?connection_request");
	}
	acs_request(a, ACS_POST, buf_str(&url), task, connection_request ?
	    (timeout_ms > 0 ? timeout_ms : 4000) : 0, &rp);
	buf_free(&url);
	st = acs_outcome(&rp);
	if (st == ACS_OK || st == ACS_QUEUED)
		out->id = answer_id(&rp);
	switch (st) {
	case ACS_OK:
		if (task != NULL)
			st = acs_finish(a, r, &rp, st, "router %s did %s (ACS %s)", idc, act, a->url);
		else
			st = acs_finish(a, r, &rp, st, "the ACS %s woke router %s", a->url, idc);
		break;
	case ACS_QUEUED:
		if (strcmp(rp.reason, "Task faulted") == 0 && out->id != NULL) {
			char *q = xasprintf("%s:task_%s", device_id, out->id);
			cJSON *qj = cJSON_CreateObject();

			cJSON_AddStringToObject(qj, "_id", q);
			free(q);
			q = acs_json_text(qj);
			out->fault = task_fault(a, q, r);
			free(q);
			if (out->fault == NULL)
				out->fault = xstrdup("the router faulted it (the ACS gave no details)");
			st = acs_finish(a, r, &rp, st, "router %s refused %s: %s; the task stays on the ACS "
			    "%s (task %s) until its fault is cleared", idc, act, out->fault, a->url,
			    out->id);
		} else if (strcmp(rp.reason, "Task queued but not processed") == 0)
			st = acs_finish(a, r, &rp, st, "router %s did not run %s within %d ms: it is queued "
			    "on the ACS %s (task %s), not done, and runs when the router gets to it",
			    idc, act, timeout_ms > 0 ? timeout_ms : 4000, a->url,
			    out->id != NULL ? out->id : "id unknown");
		else if (connection_request)
			st = acs_finish(a, r, &rp, st, "the ACS %s could not wake router %s (%s): %s is "
			    "queued there (task %s), not done, and runs when the router next informs",
			    a->url, idc, rp.reason[0] != '\0' ? rp.reason : "no reason given", act,
			    out->id != NULL ? out->id : "id unknown");
		else
			st = acs_finish(a, r, &rp, st, "the ACS %s queued %s (task %s); it runs when the "
			    "router %s next informs", a->url, act, out->id != NULL ? out->id : "id unknown",
			    idc);
		break;
	case ACS_NO_DEVICE:
		st = acs_finish(a, r, &rp, st, "the ACS %s has no router %s", a->url, idc);
		break;
	case ACS_CR_FAILED:
		st = acs_finish(a, r, &rp, st, "the ACS %s could not reach router %s: the "
		    "connection request failed (%s); the router is offline or unreachable",
		    a->url, idc, rp.reason[0] != '\0' ? rp.reason : "HTTP 504");
		break;
	case ACS_NET:
		acs_fail(a, r, &rp, st, what);
		if (rp.cc == CURLE_OPERATION_TIMEDOUT) {
			char *m = r->message;

			r->message = xasprintf("%s; the task may be queued on the ACS all the same", m);
			free(m);
		}
		break;
	default:
		st = acs_fail(a, r, &rp, st, what);
		break;
	}
	free(idc);
	buf_free(&rp.body);
	return st;
}

/* Where a queued task is; see acs.h. */
enum acs_status
acs_task_state(struct acs *a, const char *task_id, struct acs_task *out, struct acs_result *r)
{
	struct buf url = { 0 };
	struct acs_reply rp;
	enum acs_status st;
	cJSON *arr, *q;
	char *query, *idc;

	acs_begin(r);
	memset(out, 0, sizeof *out);
	if (!id_ok(task_id))
		return acs_finish(a, r, NULL, ACS_USAGE, "no task id; nothing was sent");
	idc = acs_text_clean(xstrdup(task_id));
	q = cJSON_CreateObject();
	cJSON_AddStringToObject(q, "_id", task_id);
	query = acs_json_text(q);
	buf_addf(&url, "%s/tasks/?query=", a->url);
	acs_add_escaped(a, &url, query);
	free(query);
	acs_request(a, ACS_GET, buf_str(&url), NULL, 0, &rp);
	buf_free(&url);
	if ((st = acs_outcome(&rp)) != ACS_OK) {
		char what[96];

		snprintf(what, sizeof what, "the state of task %s", idc);
		st = acs_fail(a, r, &rp, st == ACS_NO_DEVICE || st == ACS_QUEUED ? ACS_HTTP : st, what);
	} else if ((arr = acs_answer_array(&rp)) == NULL) {
		st = acs_bad_answer(a, r, &rp, "the task list");
	} else {
		out->id = xstrdup(idc);
		if (cJSON_GetArraySize(arr) == 0)
			st = acs_finish(a, r, &rp, ACS_OK, "task %s is done: the ACS %s no longer holds it",
			    idc, a->url);
		else {
			char *ch = xasprintf("task_%s", task_id);

			q = cJSON_CreateObject();
			cJSON_AddStringToObject(q, "channel", ch);
			free(ch);
			query = acs_json_text(q);
			out->fault = task_fault(a, query, r);
			free(query);
			if (out->fault != NULL)
				st = acs_finish(a, r, &rp, ACS_QUEUED, "task %s is held on the ACS %s with a "
				    "fault: %s", idc, a->url, out->fault);
			else
				st = acs_finish(a, r, &rp, ACS_QUEUED, "task %s is still queued on the ACS %s, "
				    "not done", idc, a->url);
		}
		cJSON_Delete(arr);
	}
	free(idc);
	buf_free(&rp.body);
	return st;
}

/* Deletes a queued task; see acs.h. */
enum acs_status
acs_task_delete(struct acs *a, const char *task_id, struct acs_result *r)
{
	struct buf url = { 0 };
	struct acs_reply rp;
	enum acs_status st;
	char *idc, what[96];

	acs_begin(r);
	if (!id_ok(task_id))
		return acs_finish(a, r, NULL, ACS_USAGE, "no task id; nothing was sent");
	idc = acs_text_clean(xstrdup(task_id));
	snprintf(what, sizeof what, "deleting task %s", idc);
	buf_addf(&url, "%s/tasks/", a->url);
	acs_add_escaped(a, &url, task_id);
	acs_request(a, ACS_DELETE, buf_str(&url), NULL, 0, &rp);
	buf_free(&url);
	st = acs_outcome(&rp);
	if (st == ACS_OK)
		st = acs_finish(a, r, &rp, st, "task %s deleted from the ACS %s", idc, a->url);
	else if (st == ACS_NO_DEVICE)
		st = acs_finish(a, r, &rp, st, "task %s is no longer on the ACS %s (done or deleted)",
		    idc, a->url);
	else
		st = acs_fail(a, r, &rp, st, what);
	free(idc);
	buf_free(&rp.body);
	return st;
}

/* A string member of o (or of o's "metadata"), copied; "" when absent. */
static char *
str_member(const cJSON *o, const char *k)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);

	return xstrdup(cJSON_IsString(v) ? v->valuestring : "");
}

/* The files the ACS holds; see acs.h. */
enum acs_status
acs_files(struct acs *a, struct acs_file_list *out, struct acs_result *r)
{
	struct acs_reply rp;
	enum acs_status st;
	cJSON *arr, *f;
	char *url;

	acs_begin(r);
	memset(out, 0, sizeof *out);
	url = xasprintf("%s/files/", a->url);
	acs_request(a, ACS_GET, url, NULL, 0, &rp);
	free(url);
	if ((st = acs_outcome(&rp)) != ACS_OK)
		st = acs_fail(a, r, &rp, st == ACS_NO_DEVICE || st == ACS_QUEUED ? ACS_HTTP : st,
		    "the file list");
	else if ((arr = acs_answer_array(&rp)) == NULL)
		st = acs_bad_answer(a, r, &rp, "the file list");
	else {
		out->v = xcalloc((size_t)cJSON_GetArraySize(arr) + 1, sizeof *out->v);
		cJSON_ArrayForEach(f, arr) {
			const cJSON *meta = cJSON_GetObjectItemCaseSensitive(f, "metadata");
			const cJSON *id = cJSON_GetObjectItemCaseSensitive(f, "_id");
			const cJSON *len = cJSON_GetObjectItemCaseSensitive(f, "length");
			struct acs_file *x = &out->v[out->n];

			if (!cJSON_IsObject(f))
				continue;
			x->name = cJSON_IsString(id) ? xstrdup(id->valuestring) : str_member(f, "filename");
			if (x->name[0] == '\0') {
				free(x->name);
				continue;
			}
			x->type = str_member(meta, "fileType");
			x->oui = str_member(meta, "oui");
			x->product_class = str_member(meta, "productClass");
			x->version = str_member(meta, "version");
			x->length = cJSON_IsNumber(len) ? (int64_t)len->valuedouble : -1;
			out->n++;
		}
		cJSON_Delete(arr);
		st = acs_finish(a, r, &rp, ACS_OK, "the ACS %s holds %zu file%s", a->url, out->n,
		    out->n == 1 ? "" : "s");
	}
	buf_free(&rp.body);
	return st;
}
