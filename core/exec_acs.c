/*
 * exec_acs.c — the ACS executor (executor.h): a plan step is a task posted
 * to the TR-069 ACS for one router (GenieACS NBI, drivers/acs.h), with a
 * connection request so the router runs it now, and the read-back is a
 * getParameterValues task followed by the router's document.
 *
 * How the ACS answered a step decides what the pipeline hears:
 *   200          done: 0, the answer names the task and the time;
 *   202          the router did not run it in time (offline, slow): with
 *                exec_acs.queue the task stays on the ACS and runs at the
 *                router's next inform (EXEC_QUEUED, queued_ref the task id);
 *                without, it is withdrawn (DELETE /tasks/<id>) and the step
 *                fails as unreachable, nothing changed — unless the ACS no
 *                longer holds it, which means the router ran it after all
 *                (then done);
 *   202 faulted  the router refused it (a CWMP fault): withdrawn, failure;
 *   504          the connection request failed: the router is offline or
 *                unreachable (a task the answer names is withdrawn);
 *   404          no such device; 400 the ACS refused the task; 401/403 the
 *                ACS's user or password; a network error: unreachable.
 * A withdrawal that fails leaves the task on the ACS: the step is then "in
 * flight" (ERR_CLOSED): it may run later, and the pipeline undoes it.
 *
 * The handle is the client (one curl handle) and the last task's id.  It
 * breaks on a network error, so an undo reopens it once.  Runs on the
 * thread running the write.
 */
#include "core/executor.h"

#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "drivers/acs.h"
#include "lib/util.h"

/* One write's hold on the ACS. */
struct acs_x {
	struct acs	*a;
	bool		 own;		/* opened here (closed here) */
	bool		 broken;	/* the last call could not reach the ACS */
	char		*task_id;	/* the last task kept on the ACS */
};

enum err_kind
exec_acs_kind(enum acs_status s)
{
	switch (s) {
	case ACS_OK:
	case ACS_QUEUED:
		return ERR_NONE;
	case ACS_NO_DEVICE:
		return ERR_NOTFOUND;
	case ACS_CR_FAILED:
	case ACS_NET:
		return ERR_UNREACHABLE;
	case ACS_AUTH:
		return ERR_AUTH;
	case ACS_TOOBIG:
		return ERR_TOOBIG;
	case ACS_USAGE:
		return ERR_USAGE;
	default:
		return ERR_FAILURE;
	}
}

static int
acs_x_open(const struct exec_target *t, void **h, struct err *e)
{
	struct acs_x *x;
	char *cause = NULL;

	if (t->acs == NULL || t->acs->device == NULL || t->acs->device[0] == '\0') {
		err_set(e, ERR_USAGE, "an ACS step with no router to send it to");
		return -1;
	}
	x = xcalloc(1, sizeof *x);
	if ((x->a = t->acs->client) == NULL) {
		if (t->acs->conn == NULL ||
		    (x->a = acs_open(t->acs->conn, &cause)) == NULL) {
			err_set(e, ERR_USAGE, "%s", cause != NULL ? cause :
			    "no ACS to send the task to");
			free(cause);
			free(x);
			return -1;
		}
		x->own = true;
	}
	*h = x;
	return 0;
}

/* The request line of a task for the audit. */
static char *
request_line(const struct exec_target *t, bool wake)
{
	return xasprintf("POST /devices/%s/tasks?%stimeout=%d", t->acs->device,
	    wake ? "connection_request&" : "", t->acs->task_timeout_ms);
}

/* Withdraws a task the ACS kept.  1 withdrawn (it never ran), 0 the ACS no
   longer holds it (it ran), -1 it could not be asked (*why). */
static int
withdraw(struct acs_x *x, const char *task_id, char **why)
{
	struct acs_result r = { 0 };
	enum acs_status s = acs_task_delete(x->a, task_id, &r);
	int rc = s == ACS_OK ? 1 : s == ACS_NO_DEVICE ? 0 : -1;

	if (rc < 0)
		*why = xstrdup(r.message != NULL ? r.message : acs_status_name(s));
	acs_result_clear(&r);
	return rc;
}

/* Posts task (JSON) for the router.  0 done, EXEC_QUEUED kept (queue), or
   -1 with *e; *answer says what the ACS answered, for the audit. */
static int
post(struct acs_x *x, const struct exec_target *t, const char *task, bool queue,
    char **answer, struct err *e)
{
	const struct exec_acs *ta = t->acs;
	struct acs_result r = { 0 };
	struct acs_task k = { 0 };
	char *req = request_line(t, ta->wake), *why = NULL;
	enum acs_status s;
	int rc = -1, w;

	free(x->task_id);
	x->task_id = NULL;
	s = acs_task_post(x->a, ta->device, task, ta->wake, ta->task_timeout_ms, &k, &r);
	x->broken = s == ACS_NET;
	*answer = xasprintf("%s: HTTP %ld, %s%s%s: %s", req, r.http, acs_status_name(s),
	    k.id != NULL ? ", task " : "", k.id != NULL ? k.id : "",
	    r.message != NULL ? r.message : "");
	if (s == ACS_OK)
		rc = 0;
	else if (s == ACS_QUEUED && k.fault == NULL && queue) {
		x->task_id = k.id != NULL ? xstrdup(k.id) : NULL;
		rc = EXEC_QUEUED;
	} else if ((s == ACS_QUEUED || s == ACS_CR_FAILED) && k.id != NULL) {
		/* Not to be left behind: withdraw it, or say it may still run. */
		w = withdraw(x, k.id, &why);
		if (w == 0 && k.fault == NULL) {
			char *more = xasprintf("%s; the ACS no longer holds the task: the "
			    "router ran it", *answer);

			free(*answer);
			*answer = more;
			rc = 0;
		} else if (w < 0)
			err_set(e, ERR_CLOSED, "the router %s did not run the task in time "
			    "and it could not be withdrawn from the ACS (%s): it may still run "
			    "at the router's next inform", ta->device, why);
		else if (k.fault != NULL)
			err_set(e, ERR_FAILURE, "the router %s refused the task: %s (the task "
			    "was withdrawn)", ta->device, k.fault);
		else
			err_set(e, ERR_UNREACHABLE, "the router %s did not answer the ACS's "
			    "connection request within %d ms: it is offline or unreachable; the "
			    "task was withdrawn, nothing was changed (--queue leaves it on the "
			    "ACS for the router's next inform)", ta->device, ta->task_timeout_ms);
	} else if (s == ACS_QUEUED)
		/* Kept, but without an id to withdraw it by. */
		err_set(e, ERR_CLOSED, "the router %s did not run the task in time and the "
		    "ACS kept it without saying its id: it may still run at the router's "
		    "next inform", ta->device);
	else
		err_set(e, exec_acs_kind(s), "%s", r.message != NULL ? r.message :
		    acs_status_name(s));
	free(why);
	free(req);
	acs_task_free(&k);
	acs_result_clear(&r);
	return rc;
}

static int
acs_x_step(void *h, const struct exec_target *t, const struct plan_step *s, bool undo,
    char **answer, struct err *e)
{
	/* An undo is never left queued behind a change that failed: it runs
	   now or is reported as left on the device. */
	return post(h, t, undo ? s->undo : s->command, t->acs->queue && !undo, answer, e);
}

/* The router's document with only paths: 0 and *d, or -1 with *e. */
static int
fetch(struct acs_x *x, const struct exec_target *t, const char *const *paths, size_t n,
    struct acs_device_list *l, struct err *e)
{
	struct acs_result r = { 0 };
	cJSON *q = cJSON_CreateObject();
	char *query;
	enum acs_status s;

	cJSON_AddStringToObject(q, "_id", t->acs->device);
	query = cJSON_PrintUnformatted(q);
	cJSON_Delete(q);
	s = acs_query(x->a, query, paths, n, 0, 1, l, &r);
	cJSON_free(query);
	x->broken = s == ACS_NET;
	if (s == ACS_OK && l->n == 0)
		err_set(e, ERR_NOTFOUND, "the ACS has no device %s any more", t->acs->device);
	else if (s != ACS_OK)
		err_set(e, exec_acs_kind(s), "%s", r.message != NULL ? r.message :
		    acs_status_name(s));
	acs_result_clear(&r);
	if (s == ACS_OK && l->n > 0)
		return 0;
	acs_device_list_free(l);
	return -1;
}

static int
acs_x_read_params(void *h, const struct exec_target *t, const char *const *paths,
    size_t n, char **values, struct err *e)
{
	struct acs_x *x = h;
	struct acs_device_list l = { 0 };
	char *task = acs_task_get_values(paths, n), *answer = NULL;
	int rc;

	/* The router itself first (it may have changed since its last
	   inform), then what it answered, from the ACS's document. */
	rc = post(x, t, task, false, &answer, e);
	free(task);
	free(answer);
	if (rc != 0) {
		if (e->kind == ERR_NONE)
			err_set(e, ERR_UNREACHABLE, "the router %s did not answer",
			    t->acs->device);
		return -1;
	}
	if (fetch(x, t, paths, n, &l, e) != 0)
		return -1;
	for (size_t i = 0; i < n; i++) {
		const char *v = acs_param(&l.v[0], paths[i], NULL);

		values[i] = v != NULL ? xstrdup(v) : NULL;
	}
	acs_device_list_free(&l);
	return 0;
}

static bool
acs_x_broken(void *h)
{
	return ((struct acs_x *)h)->broken;
}

static const char *
acs_x_queued_ref(void *h)
{
	return ((struct acs_x *)h)->task_id;
}

static void
acs_x_close(void *h, const struct exec_target *t, bool discard, bool keep_mode)
{
	struct acs_x *x = h;

	(void)t;
	(void)discard;
	(void)keep_mode;
	if (x->own)
		acs_close(x->a);
	free(x->task_id);
	free(x);
}

const struct executor exec_acs = {
	.name = PLAN_EXEC_ACS,
	.open = acs_x_open,
	.step = acs_x_step,
	.read_params = acs_x_read_params,
	.broken = acs_x_broken,
	.queued_ref = acs_x_queued_ref,
	.close = acs_x_close,
};
