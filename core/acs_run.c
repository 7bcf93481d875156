/*
 * acs_run.c — the runner of ACS jobs (acs_run.h): one owner thread pumps a
 * small state machine (resolve → send → track → end, or cancel → end);
 * the work itself runs on the engine's workers as pool jobs, one per
 * device and per action, at most the job's cap at once.
 *
 * Invariants:
 *   - inflight counts device jobs submitted and not yet freed (the pool
 *     calls the free callback exactly once, also for a job dropped at
 *     stop), so no more than cap devices are ever being handled;
 *   - an item is marked "sending" in the database by the worker before the
 *     operation is called, and its outcome is recorded after: what the
 *     database says of an item is never less than what was sent;
 *   - a worker that finds the run stopping (or a firmware window closed)
 *     before it starts leaves its item pending: not attempted.
 *
 * Locking: r->lock guards the items' in-memory states, busy marks,
 * inflight, the stop request, the resolve result and the idle clients.
 * The phase, the cursor and the timers belong to the owner thread.  No
 * lock is held across a database call or an operation.  Opening (the
 * claim, the secrets) and closing a run are acs_run_open.c.
 */
#include "core/acs_run_impl.h"
#include "core/engine.h"
#include "core/pool.h"
#include "lib/util.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* The pool's job kind of the runner's jobs (pool events carry it). */
#define ACS_RUN_JOB_KIND	120

/* One job on the pool. */
struct task_arg {
	struct acs_run	*r;
	enum task	 what;
	size_t		 idx;
};

/* ---- clients ---- */

/* An idle client, or a new one (NULL and *cause when none can be made). */
static void *
client_take(struct acs_run *r, char **cause)
{
	void *c = NULL;

	pthread_mutex_lock(&r->lock);
	if (r->nclients > 0)
		c = r->clients[--r->nclients];
	pthread_mutex_unlock(&r->lock);
	if (c == NULL)
		c = r->ops->open(r->ops->ctx, cause);
	return c;
}

static void
client_give(struct acs_run *r, void *c)
{
	if (c == NULL)
		return;
	pthread_mutex_lock(&r->lock);
	r->clients = xreallocarray(r->clients, r->nclients + 1, sizeof *r->clients);
	r->clients[r->nclients++] = c;
	pthread_mutex_unlock(&r->lock);
}

/* ---- stopping ---- */

/* Records a stop request; lock held.  A cancel overrides a pause. */
static void
stop_locked(struct acs_run *r, enum acs_job_state state, enum err_kind kind,
    const char *cause)
{
	if (r->stopping && !(state == AJ_CANCELLED && r->stop_state != AJ_CANCELLED))
		return;
	r->stopping = true;
	r->stop_state = state;
	r->stop_kind = kind;
	strlcpy_(r->stop_cause, cause != NULL ? cause : "", sizeof r->stop_cause);
	pthread_cond_broadcast(&r->cond);
}

void
acs_run_stop(struct acs_run *r, enum acs_job_state state, const char *cause)
{
	pthread_mutex_lock(&r->lock);
	stop_locked(r, state, ERR_NONE, cause);
	pthread_mutex_unlock(&r->lock);
}

/* True when the firmware window of the job has closed. */
static bool
window_closed(const struct acs_job *j)
{
	return j->window_end != 0 && now_s() >= j->window_end;
}

/* ---- the workers' side ---- */

/* Resolves the job and writes its items (T_RESOLVE). */
static int
resolve_run(struct acs_run *r, char **msg)
{
	struct acs_item *items = NULL;
	struct err err = { 0 };
	struct store *st;
	size_t n = 0;
	char *cause = NULL;
	void *c;
	int rc = -1;

	if ((c = client_take(r, &cause)) == NULL)
		err_set(&err, ERR_REFUSED, "%s", cause);
	else if (r->ops->resolve(r->ops->ctx, c, r->e, &r->job, &items, &n, &err) == 0) {
		if ((st = engine_store(r->e, &cause)) == NULL ||
		    store_acs_items_add(st, r->job.id, items, n, &cause) != 0)
			err_set(&err, ERR_INTERNAL, "%s", cause);
		else
			rc = 0;
	}
	client_give(r, c);
	acs_items_free(items, n);
	free(cause);
	if (rc == 0)
		set_cause(msg, "acs %s %lld: %zu devices", acs_job_kind_name(r->job.kind),
		    (long long)r->job.id, n);
	else
		set_cause(msg, "acs %s %lld: %s", acs_job_kind_name(r->job.kind),
		    (long long)r->job.id, err_text(&err));
	pthread_mutex_lock(&r->lock);
	r->resolve_done = true;
	r->resolve_rc = rc;
	r->resolve_err = err;
	pthread_mutex_unlock(&r->lock);
	return rc;
}

/* Runs one device's action and records its outcome. */
static int
task_run(struct pool_job *job, void *arg, char **msg)
{
	struct task_arg *a = arg;
	struct acs_run *r = a->r;
	struct acs_outcome out;
	struct acs_item it;
	struct store *st;
	char *cause = NULL;
	void *c = NULL;
	bool record = true;

	(void)job;
	if (a->what == T_RESOLVE)
		return resolve_run(r, msg);
	memset(&out, 0, sizeof out);
	pthread_mutex_lock(&r->lock);
	it = r->items[a->idx];		/* params stays owned by the array */
	if (a->what == T_APPLY && (r->stopping || window_closed(&r->job))) {
		pthread_mutex_unlock(&r->lock);
		return 0;		/* not attempted: it stays pending */
	}
	if (a->what == T_APPLY)
		r->items[a->idx].state = AI_SENDING;
	pthread_mutex_unlock(&r->lock);

	if ((st = engine_store(r->e, &cause)) == NULL) {
		out.stop = ERR_INTERNAL;
		record = false;
	} else if ((c = client_take(r, &cause)) == NULL) {
		out.stop = ERR_REFUSED;
	} else if (a->what == T_APPLY) {
		if (store_acs_item_set(st, it.job_id, it.seq, AI_SENDING, NULL, NULL, NULL,
		    &cause) != 0) {
			out.stop = ERR_INTERNAL;
			record = false;
		} else
			r->ops->apply(r->ops->ctx, c, r->e, &r->job, &it, &r->sec, &out);
	} else if (a->what == T_TRACK)
		r->ops->track(r->ops->ctx, c, r->e, &r->job, &it, &out);
	else
		r->ops->unqueue(r->ops->ctx, c, r->e, &r->job, &it, &out);
	client_give(r, c);

	if (out.stop != ERR_NONE) {
		if (cause != NULL)
			strlcpy_(out.reason, cause, sizeof out.reason);
		out.state = a->what == T_APPLY ? AI_PENDING : it.state;
		snprintf(out.task_id, sizeof out.task_id, "%s", it.task_id);
	}
	free(cause);
	cause = NULL;
	if (record && store_acs_item_set(st, it.job_id, it.seq, out.state, out.reason,
	    out.task_id, out.version_after[0] != '\0' ? out.version_after : NULL,
	    &cause) != 0) {
		out.stop = ERR_INTERNAL;
		strlcpy_(out.reason, cause, sizeof out.reason);
	}
	free(cause);

	pthread_mutex_lock(&r->lock);
	r->items[a->idx].state = out.state;
	strlcpy_(r->items[a->idx].reason, out.reason, sizeof r->items[a->idx].reason);
	strlcpy_(r->items[a->idx].task_id, out.task_id, sizeof r->items[a->idx].task_id);
	if (out.version_after[0] != '\0')
		strlcpy_(r->items[a->idx].version_after, out.version_after,
		    sizeof r->items[a->idx].version_after);
	r->handled++;
	if (out.stop != ERR_NONE)
		stop_locked(r, AJ_PAUSED, out.stop, out.reason);
	pthread_mutex_unlock(&r->lock);

	set_cause(msg, "acs %s %lld: %s %s%s%s", acs_job_kind_name(r->job.kind),
	    (long long)r->job.id, it.serial[0] != '\0' ? it.serial : it.device_id,
	    acs_item_state_name(out.state), out.reason[0] != '\0' ? ": " : "", out.reason);
	return out.state == AI_FAILED || out.stop != ERR_NONE ? -1 : 0;
}

/* Called once per job: the device is no longer in flight. */
static void
task_free(void *arg)
{
	struct task_arg *a = arg;
	struct acs_run *r = a->r;

	pthread_mutex_lock(&r->lock);
	if (a->what == T_RESOLVE)
		r->resolve_busy = false;
	else {
		r->busy[a->idx] = false;
		r->inflight--;
	}
	r->changes++;
	pthread_cond_broadcast(&r->cond);
	pthread_mutex_unlock(&r->lock);
	free(a);
}

/* ---- the owner's side ---- */

/* Submits one action; false when the pool refused it (stopping). */
static bool
submit(struct acs_run *r, enum task what, size_t idx)
{
	struct task_arg *a = xcalloc(1, sizeof *a);
	struct job_spec spec = {
		.kind = ACS_RUN_JOB_KIND, .priority = JOB_PRIO_HIGH,
		.run = task_run, .free = task_free, .arg = a,
	};
	struct pool *p = engine_pool(r->e);

	a->r = r;
	a->what = what;
	a->idx = idx;
	pthread_mutex_lock(&r->lock);
	if (what == T_RESOLVE)
		r->resolve_busy = true;
	else {
		r->busy[idx] = true;
		if (++r->inflight > r->max_inflight)
			r->max_inflight = r->inflight;
	}
	pthread_mutex_unlock(&r->lock);
	if (p == NULL) {
		task_free(a);
		return false;
	}
	return pool_submit(p, &spec) != 0;	/* refused: task_free ran */
}

/* Loads the items the resolution wrote. */
static int
load_items(struct acs_run *r, struct err *err)
{
	struct store *st;
	struct acs_item *v;
	char *cause = NULL;
	size_t n;

	if ((st = engine_store(r->e, &cause)) == NULL ||
	    store_acs_items_list(st, r->job.id, -1, &v, &n, &cause) != 0) {
		err_set(err, ERR_INTERNAL, "%s", cause);
		free(cause);
		return -1;
	}
	pthread_mutex_lock(&r->lock);
	r->items = v;
	r->n = n;
	r->busy = xcalloc(n + 1, sizeof *r->busy);
	pthread_mutex_unlock(&r->lock);
	return 0;
}

/* Re-reads the job's state: a cancel made by another process stops it. */
static void
check_outside(struct acs_run *r)
{
	struct acs_job j;
	struct store *st;

	if ((st = engine_store(r->e, NULL)) == NULL ||
	    store_acs_job_get(st, r->job.id, &j, NULL) != 1)
		return;
	if (j.state == AJ_CANCELLED && r->mode == ACS_RUN_SEND)
		acs_run_stop(r, AJ_CANCELLED, j.cause[0] != '\0' ? j.cause : NULL);
	else if (j.pid != r->pid)
		acs_run_stop(r, AJ_PAUSED, "another process took the job over");
	acs_job_clear(&j);
}

/* How many items are in state s; lock held. */
static size_t
count_locked(const struct acs_run *r, enum acs_item_state s)
{
	size_t k = 0;

	for (size_t i = 0; i < r->n; i++)
		k += r->items[i].state == s;
	return k;
}

/* Moves every item in state from to state to (database and memory). */
static void
move_items(struct acs_run *r, enum acs_item_state from, enum acs_item_state to,
    const char *reason)
{
	struct store *st = engine_store(r->e, NULL);

	if (st == NULL || store_acs_items_move(st, r->job.id, from, to, reason, NULL) < 0)
		return;
	pthread_mutex_lock(&r->lock);
	for (size_t i = 0; i < r->n; i++)
		if (r->items[i].state == from) {
			r->items[i].state = to;
			strlcpy_(r->items[i].reason, reason, sizeof r->items[i].reason);
		}
	pthread_mutex_unlock(&r->lock);
}

/* Records how the run ended and marks it finished.  A job that will not
   send again (cancelled, or done with nothing failed or left) forgets its
   secrets. */
static void
finish(struct acs_run *r, enum acs_job_state state, const char *cause)
{
	struct store *st = engine_store(r->e, NULL);
	size_t again;

	pthread_mutex_lock(&r->lock);
	again = count_locked(r, AI_PENDING) + count_locked(r, AI_SENDING) +
	    count_locked(r, AI_FAILED);
	pthread_mutex_unlock(&r->lock);
	if (st != NULL &&
	    store_acs_job_move(st, r->job.id, -1, r->pid, state, 0,
	    cause != NULL ? cause : "", NULL) == 1 &&
	    (state == AJ_CANCELLED || (state == AJ_DONE && again == 0)))
		(void)store_acs_job_forget_secrets(st, r->job.id, NULL);
	r->final_state = state;
	strlcpy_(r->job.cause, cause != NULL ? cause : "", sizeof r->job.cause);
	r->finished = true;
	r->phase = PH_END;
}

/* True when item i is one action what takes: in state s (a pending
   device also when a killed run left it sending); lock held. */
static bool
wanted_locked(const struct acs_run *r, size_t i, enum acs_item_state s)
{
	enum acs_item_state is = r->items[i].state;

	return !r->busy[i] && (is == s || (s == AI_PENDING && is == AI_SENDING));
}

/* Submits action what for the items in state s from the cursor on, while
   the cap allows (and, for sending, while the run is not stopping).  True
   when the cursor reached the end. */
static bool
feed(struct acs_run *r, enum task what, enum acs_item_state s)
{
	for (;;) {
		size_t idx;

		pthread_mutex_lock(&r->lock);
		while (r->next < r->n && !wanted_locked(r, r->next, s))
			r->next++;
		if (r->next >= r->n || r->inflight >= (size_t)r->job.cap ||
		    (what == T_APPLY && r->stopping)) {
			bool end = r->next >= r->n;

			pthread_mutex_unlock(&r->lock);
			return end;
		}
		idx = r->next++;
		pthread_mutex_unlock(&r->lock);
		if (!submit(r, what, idx)) {
			pthread_mutex_lock(&r->lock);
			stop_locked(r, AJ_PAUSED, ERR_INTERNAL, "the engine's workers stopped");
			pthread_mutex_unlock(&r->lock);
			return false;
		}
	}
}

/* The cause of a run that ends now in state (with what is left). */
static char *
end_cause(struct acs_run *r, enum acs_job_state state, const char *why)
{
	size_t left;

	pthread_mutex_lock(&r->lock);
	left = count_locked(r, AI_PENDING) + count_locked(r, AI_SENDING);
	pthread_mutex_unlock(&r->lock);
	if (state == AJ_DONE && left == 0)
		return xstrdup(why != NULL ? why : "");
	if (left == 0)
		return xstrdup(why != NULL && why[0] != '\0' ? why : "stopped");
	return xasprintf("%s%s%zu router%s not attempted", why != NULL ? why : "",
	    why != NULL && why[0] != '\0' ? "; " : "", left, left == 1 ? "" : "s");
}

/* The send phase: devices up to the cap, within the window. */
static void
pump_send(struct acs_run *r)
{
	bool stopping, end;
	size_t inflight, queued;
	enum acs_job_state st;
	char why[512], when[32], *cause;

	pthread_mutex_lock(&r->lock);
	stopping = r->stopping;
	st = r->stop_state;
	inflight = r->inflight;
	strlcpy_(why, r->stop_cause, sizeof why);
	pthread_mutex_unlock(&r->lock);
	if (stopping) {
		if (st == AJ_CANCELLED)
			r->phase = PH_CANCEL;
		else if (inflight == 0) {
			cause = end_cause(r, st, why);
			finish(r, st, cause);
			free(cause);
		}
		return;
	}
	if (r->job.kind == ACS_JOB_FIRMWARE && now_s() < r->job.window_start)
		return;
	if (r->job.kind == ACS_JOB_FIRMWARE && window_closed(&r->job)) {
		iso8601(r->job.window_end, when);
		snprintf(why, sizeof why, "the window closed at %s", when);
		acs_run_stop(r, AJ_DONE, why);
		return;
	}
	end = feed(r, T_APPLY, AI_PENDING);
	pthread_mutex_lock(&r->lock);
	inflight = r->inflight;
	queued = count_locked(r, AI_QUEUED);
	pthread_mutex_unlock(&r->lock);
	if (!end || inflight > 0)
		return;
	if (r->job.kind == ACS_JOB_FIRMWARE && queued > 0 && r->ops->track != NULL) {
		r->phase = PH_TRACK;
		r->next = r->n;		/* the first round starts after the interval */
		r->tracked_ms = mono_ms();
		return;
	}
	finish(r, AJ_DONE, "");
}

/* The track phase: rounds of looks at the queued downloads. */
static void
pump_track(struct acs_run *r)
{
	bool stopping;
	size_t inflight, queued;
	enum acs_job_state st;
	int64_t since = r->job.window_end > r->job.started_at ? r->job.window_end :
	    r->job.started_at;
	char why[512];

	pthread_mutex_lock(&r->lock);
	stopping = r->stopping;
	st = r->stop_state;
	inflight = r->inflight;
	queued = count_locked(r, AI_QUEUED);
	strlcpy_(why, r->stop_cause, sizeof why);
	pthread_mutex_unlock(&r->lock);
	if (stopping && st == AJ_CANCELLED) {
		r->phase = PH_CANCEL;
		return;
	}
	if (stopping || (queued == 0 && inflight == 0)) {
		if (inflight == 0)
			finish(r, stopping ? st : AJ_DONE, stopping ? why : "");
		return;
	}
	if (inflight == 0 && now_s() >= since + ACS_TRACK_MAX_S) {
		move_items(r, AI_QUEUED, AI_FAILED, "no news of the download within 24 h: "
		    "its task stays on the ACS");
		finish(r, AJ_DONE, "");
		return;
	}
	if (r->next >= r->n && inflight == 0 &&
	    mono_ms() - r->tracked_ms >= ACS_TRACK_INTERVAL_MS) {
		r->next = 0;		/* a new round */
		r->tracked_ms = mono_ms();
	}
	if (r->next < r->n)
		(void)feed(r, T_TRACK, AI_QUEUED);
}

/* The cancel phase: once nothing is in flight, mark what was not sent and
   delete the queued tasks. */
static void
pump_cancel(struct acs_run *r)
{
	size_t inflight;
	char *cause;

	pthread_mutex_lock(&r->lock);
	inflight = r->inflight;
	pthread_mutex_unlock(&r->lock);
	if (!r->cancel_marked) {
		if (inflight > 0)
			return;
		move_items(r, AI_PENDING, AI_CANCELLED, "cancelled before it was sent");
		move_items(r, AI_SENDING, AI_CANCELLED, "interrupted while being sent, then "
		    "cancelled: the router may have the change");
		r->cancel_marked = true;
		r->next = 0;
	}
	if (!feed(r, T_UNQUEUE, AI_QUEUED) || inflight > 0)
		return;
	pthread_mutex_lock(&r->lock);
	inflight = r->inflight;
	pthread_mutex_unlock(&r->lock);
	if (inflight > 0)
		return;
	pthread_mutex_lock(&r->lock);
	cause = xstrdup(r->stop_cause[0] != '\0' ? r->stop_cause :
	    r->job.cause[0] != '\0' ? r->job.cause : "cancelled");
	pthread_mutex_unlock(&r->lock);
	finish(r, AJ_CANCELLED, cause);
	free(cause);
}

int
acs_run_pump(struct acs_run *r)
{
	bool done, busy;
	int rc;
	struct err err = { 0 };

	if (r->finished)
		return 0;
	if (mono_ms() - r->checked_ms >= 1000) {
		check_outside(r);
		r->checked_ms = mono_ms();
	}
	if (r->phase == PH_RESOLVE && !r->job.resolved && r->mode == ACS_RUN_CANCEL) {
		finish(r, AJ_CANCELLED, r->job.cause[0] != '\0' ? r->job.cause :
		    "cancelled before the devices were found");
		return 0;
	}
	if (r->phase == PH_RESOLVE && !r->job.resolved) {
		pthread_mutex_lock(&r->lock);
		done = r->resolve_done;
		busy = r->resolve_busy;
		rc = r->resolve_rc;
		pthread_mutex_unlock(&r->lock);
		if (!done && !busy && !submit(r, T_RESOLVE, 0)) {
			finish(r, AJ_PAUSED, "the engine's workers stopped before the devices "
			    "were found");
			return 0;
		}
		if (!done || busy)
			return 1;
		if (rc != 0) {
			pthread_mutex_lock(&r->lock);
			stop_locked(r, AJ_PAUSED, r->resolve_err.kind, err_text(&r->resolve_err));
			pthread_mutex_unlock(&r->lock);
			finish(r, AJ_PAUSED, r->stop_cause);
			return 0;
		}
		r->job.resolved = true;
	}
	if (r->phase == PH_RESOLVE) {
		if (load_items(r, &err) != 0) {
			finish(r, AJ_PAUSED, err_text(&err));
			err_clear(&err);
			return 0;
		}
		r->phase = r->mode == ACS_RUN_CANCEL ? PH_CANCEL : PH_SEND;
	}
	if (r->phase == PH_SEND)
		pump_send(r);
	if (r->phase == PH_TRACK)
		pump_track(r);
	if (r->phase == PH_CANCEL)
		pump_cancel(r);
	return r->finished ? 0 : 1;
}

void
acs_run_wait(struct acs_run *r, int ms)
{
	struct timespec ts;
	uint64_t seen;

	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_sec += ms / 1000;
	ts.tv_nsec += (long)(ms % 1000) * 1000000L;
	if (ts.tv_nsec >= 1000000000L) {
		ts.tv_sec++;
		ts.tv_nsec -= 1000000000L;
	}
	pthread_mutex_lock(&r->lock);
	seen = r->changes;
	while (seen == r->changes && !r->finished &&
	    pthread_cond_timedwait(&r->cond, &r->lock, &ts) == 0)
		;
	pthread_mutex_unlock(&r->lock);
}

void
acs_run_progress(struct acs_run *r, struct acs_run_progress *p)
{
	memset(p, 0, sizeof *p);
	pthread_mutex_lock(&r->lock);
	for (size_t i = 0; i < r->n; i++)
		p->counts.n[r->items[i].state]++;
	p->counts.total = r->n;
	p->inflight = r->inflight;
	p->max_inflight = r->max_inflight;
	p->handled = r->handled;
	p->kind = r->stop_kind;
	pthread_mutex_unlock(&r->lock);
	p->resolving = r->phase == PH_RESOLVE;
	p->tracking = r->phase == PH_TRACK;
	p->finished = r->finished;
	p->state = r->finished ? r->final_state : AJ_RUNNING;
	strlcpy_(p->cause, r->finished ? r->job.cause : "", sizeof p->cause);
	p->elapsed_ms = mono_ms() - r->t0_ms;
}

const struct acs_job *
acs_run_job(const struct acs_run *r)
{
	return &r->job;
}
