/* test_acs_jobs_thread.c — the ACS job runner (core/acs_run.c) with a fake
 * per-device operation on a real engine (database, workers): never more
 * than the cap in flight, every item marked "sending" before the operation
 * sees it, the per-device outcomes recorded, a run killed half-way resumed
 * without sending anything twice, a stop, a cancel from another process,
 * the ACS going away, a firmware window and the tracking of queued
 * downloads, secrets unsealed for the operation only.
 * Runs under TSan in `make check` (the name holds "thread"). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/acs_jobs.h"
#include "core/acs_run.h"
#include "core/acs_sched.h"
#include "core/engine.h"
#include "core/store.h"
#include "core/vault.h"
#include "lib/util.h"

#define MAXDEV	 600
#define DEADLINE 30000	/* ms: only reached when something is broken */

/* What a fake device does when its change arrives. */
enum fake_mode { FM_OK, FM_OFFLINE, FM_FAULT, FM_SKIP, FM_ACS_DOWN };

/* The fake ACS: devices with one value each, and what the runner did. */
struct fake {
	int		 n;
	enum fake_mode	 mode[MAXDEV];
	atomic_int	 value[MAXDEV];		/* 1 once the change reached it */
	atomic_int	 sends[MAXDEV];		/* changes sent to it */
	atomic_int	 applies[MAXDEV];	/* operation calls */
	atomic_int	 unqueued[MAXDEV];
	atomic_int	 tracks[MAXDEV];
	atomic_int	 inflight, max_inflight;
	atomic_int	 resolves, opens, closes;
	atomic_int	 not_sending;		/* calls that found their item not "sending" */
	atomic_int	 gate_on;		/* 1: apply waits for gate */
	atomic_int	 gate;			/* 0 closed, 1 open */
	atomic_int	 waiting;		/* applies waiting at the gate */
	atomic_int	 track_done;		/* 1: a look finds the download done */
	atomic_int	 bad_secret;		/* calls that did not get the secret */
	const char	*want_secret;
	struct engine	*e;
};

static struct fake F;

struct fx {
	char		 dir[64];
	char		 path[96];
	struct engine	*e;
	struct store	*st;
};

static void *
fake_open(void *ctx, char **cause)
{
	(void)ctx;
	(void)cause;
	atomic_fetch_add(&F.opens, 1);
	return xstrdup("client");
}

static void
fake_close(void *ctx, void *c)
{
	(void)ctx;
	atomic_fetch_add(&F.closes, 1);
	free(c);
}

static int
fake_resolve(void *ctx, void *client, struct engine *e, const struct acs_job *job,
    struct acs_item **items, size_t *n, struct err *err)
{
	(void)ctx;
	(void)client;
	(void)e;
	(void)job;
	(void)err;
	atomic_fetch_add(&F.resolves, 1);
	*items = xcalloc((size_t)F.n, sizeof **items);
	*n = (size_t)F.n;
	for (int i = 0; i < F.n; i++) {
		struct acs_item *it = &(*items)[i];

		snprintf(it->device_id, sizeof it->device_id, "dev-%d", i);
		snprintf(it->serial, sizeof it->serial, "FAKE%08d", i);
		it->params = xstrdup("[[\"Device.X\",\"1\",\"xsd:string\"]]");
		if (F.mode[i] == FM_SKIP) {
			it->state = AI_SKIPPED;
			strcpy(it->reason, "no such radio");
		}
	}
	return 0;
}

/* The index of an item's device. */
static int
dev_of(const struct acs_item *it)
{
	return atoi(it->device_id + 4);
}

/* True when the database holds item it as "sending" now. */
static bool
marked_sending(const struct acs_item *it)
{
	struct store *st = engine_store(F.e, NULL);
	struct acs_item *v;
	size_t n;
	bool found = false;

	if (st == NULL || store_acs_items_list(st, it->job_id, AI_SENDING, &v, &n, NULL) != 0)
		return false;
	for (size_t i = 0; i < n; i++)
		found |= v[i].seq == it->seq;
	acs_items_free(v, n);
	return found;
}

static void
fake_apply(void *ctx, void *client, struct engine *e, const struct acs_job *job,
    const struct acs_item *it, const struct acs_secrets *sec, struct acs_outcome *out)
{
	int d = dev_of(it), now;

	(void)ctx;
	(void)client;
	(void)e;
	(void)job;
	now = atomic_fetch_add(&F.inflight, 1) + 1;
	for (int m = atomic_load(&F.max_inflight); now > m &&
	    !atomic_compare_exchange_weak(&F.max_inflight, &m, now);)
		;
	atomic_fetch_add(&F.applies[d], 1);
	if (!marked_sending(it))
		atomic_fetch_add(&F.not_sending, 1);
	if (F.want_secret != NULL && (sec->v[ACS_SECRET_WIFI] == NULL ||
	    strcmp(sec->v[ACS_SECRET_WIFI], F.want_secret) != 0))
		atomic_fetch_add(&F.bad_secret, 1);
	if (atomic_load(&F.gate_on)) {
		int64_t t0 = mono_ms();

		atomic_fetch_add(&F.waiting, 1);
		while (!atomic_load(&F.gate) && mono_ms() - t0 < DEADLINE)
			sleep_ms(1);
		atomic_fetch_sub(&F.waiting, 1);
	} else
		sleep_ms(1);
	switch (F.mode[d]) {
	case FM_ACS_DOWN:
		out->stop = ERR_UNREACHABLE;
		strcpy(out->reason, "the ACS at http://acs.test did not answer");
		break;
	case FM_OFFLINE:
		out->state = AI_QUEUED;
		snprintf(out->task_id, sizeof out->task_id, "task-%d", d);
		strcpy(out->reason, "the router is offline");
		atomic_fetch_add(&F.sends[d], 1);
		break;
	case FM_FAULT:
		out->state = AI_FAILED;
		strcpy(out->reason, "the router refused: 9007 invalid value");
		atomic_fetch_add(&F.sends[d], 1);
		break;
	default:
		out->state = AI_DONE;
		if (atomic_load(&F.value[d]) == 1)	/* read back first */
			strcpy(out->reason, "already as asked");
		else {
			atomic_fetch_add(&F.sends[d], 1);
			atomic_store(&F.value[d], 1);
		}
		if (job->kind == ACS_JOB_FIRMWARE)
			strcpy(out->version_after, "V2");
	}
	atomic_fetch_sub(&F.inflight, 1);
}

static void
fake_track(void *ctx, void *client, struct engine *e, const struct acs_job *job,
    const struct acs_item *it, struct acs_outcome *out)
{
	int d = dev_of(it);

	(void)ctx;
	(void)client;
	(void)e;
	(void)job;
	atomic_fetch_add(&F.tracks[d], 1);
	if (atomic_load(&F.track_done)) {
		out->state = AI_DONE;
		strcpy(out->version_after, "V2");
		strcpy(out->reason, "upgraded V1 -> V2");
	} else {
		out->state = AI_QUEUED;
		strcpy(out->task_id, it->task_id);
		strcpy(out->reason, it->reason);
	}
}

static void
fake_unqueue(void *ctx, void *client, struct engine *e, const struct acs_job *job,
    const struct acs_item *it, struct acs_outcome *out)
{
	(void)ctx;
	(void)client;
	(void)e;
	(void)job;
	atomic_fetch_add(&F.unqueued[dev_of(it)], 1);
	out->state = AI_CANCELLED;
	strcpy(out->reason, "its queued task was deleted");
}

static const struct acs_run_ops fake_ops = {
	.open = fake_open, .close = fake_close, .resolve = fake_resolve,
	.apply = fake_apply, .track = fake_track, .unqueue = fake_unqueue,
};

static int
setup(void **state)
{
	struct fx *f = xcalloc(1, sizeof *f);
	struct engine_opts eo = { 0 };
	char *cause = NULL, *key;

	memset(&F, 0, sizeof F);
	strcpy(f->dir, "/tmp/oltui-acsrun.XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	snprintf(f->path, sizeof f->path, "%s/db", f->dir);
	key = xasprintf("%s/key", f->dir);
	eo.db_path = f->path;
	eo.config_dir = f->dir;
	eo.key_file = key;
	eo.workers = 16;
	eo.flags = ENGINE_WORKERS | ENGINE_VAULT;
	if (engine_open(&eo, &f->e, &cause) != 0)
		fail_msg("%s", cause);
	free(key);
	f->st = engine_store(f->e, &cause);
	F.e = f->e;
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fx *f = *state;
	char *cmd = xasprintf("rm -rf %s", f->dir);

	engine_close(f->e);
	if (system(cmd) != 0)
		fprintf(stderr, "cannot remove %s\n", f->dir);
	free(cmd);
	free(f);
	return 0;
}

/* A mass job over n fake devices with cap; its id. */
static int64_t
new_job(struct fx *f, enum acs_job_kind kind, int n, int cap)
{
	struct acs_job j = { 0 };
	char *cause = NULL;
	int64_t id;

	F.n = n;
	j.kind = kind;
	j.cap = cap;
	strcpy(j.user, "ana");
	j.filter.query = xstrdup("{\"_tags\":\"test\"}");
	if (kind == ACS_JOB_MASS)
		strcpy(j.change.ssid, "Casa");
	else
		strcpy(j.change.file, "fw.bin");
	if (store_acs_job_add(f->st, &j, &cause) != 0)
		fail_msg("%s", cause);
	id = j.id;
	acs_job_clear(&j);
	return id;
}

/* Pumps r until it ends (or the deadline). */
static void
run_out(struct acs_run *r)
{
	int64_t t0 = mono_ms();

	while (acs_run_pump(r) != 0 && mono_ms() - t0 < DEADLINE)
		acs_run_wait(r, 20);
	assert_true(mono_ms() - t0 < DEADLINE);
}

/* Opens job id in mode and runs it to its end; the final progress. */
static void
run_job(struct fx *f, int64_t id, enum acs_run_mode mode, struct acs_run_progress *p)
{
	struct acs_run *r;
	struct err err = { 0 };

	if (acs_run_open(f->e, id, &fake_ops, mode, &r, &err) != 0)
		fail_msg("acs_run_open: %s", err_text(&err));
	run_out(r);
	acs_run_progress(r, p);
	acs_run_close(r);
}

/* The job as stored. */
static void
job_get(struct fx *f, int64_t id, struct acs_job *j)
{
	char *cause = NULL;

	if (store_acs_job_get(f->st, id, j, &cause) != 1)
		fail_msg("job %lld: %s", (long long)id, cause);
}

/* A pid that no process has (a child that has exited and been reaped). */
static int64_t
dead_pid(void)
{
	pid_t p = fork();

	if (p == 0)
		_exit(0);
	assert_true(p > 0);
	waitpid(p, NULL, 0);
	return (int64_t)p;
}

static void
test_cap_is_never_exceeded_and_every_device_is_done_once(void **state)
{
	struct fx *f = *state;
	struct acs_run_progress p;
	struct acs_job j;
	int64_t id = new_job(f, ACS_JOB_MASS, 400, 7);

	run_job(f, id, ACS_RUN_SEND, &p);
	assert_true(p.finished);
	assert_int_equal(p.state, AJ_DONE);
	assert_true(atomic_load(&F.max_inflight) <= 7);
	assert_true(p.max_inflight <= 7);
	assert_true(atomic_load(&F.max_inflight) >= 2);	/* they did run side by side */
	assert_int_equal(atomic_load(&F.not_sending), 0);
	for (int i = 0; i < 400; i++) {
		assert_int_equal(atomic_load(&F.sends[i]), 1);
		assert_int_equal(atomic_load(&F.value[i]), 1);
	}
	assert_int_equal(atomic_load(&F.resolves), 1);
	/* Clients: at most one per device in flight, all closed. */
	assert_true(atomic_load(&F.opens) <= 7 + 1);
	assert_int_equal(atomic_load(&F.opens), atomic_load(&F.closes));
	job_get(f, id, &j);
	assert_int_equal(j.state, AJ_DONE);
	assert_int_equal(j.pid, 0);
	assert_int_equal(j.counts.total, 400);
	assert_int_equal(j.counts.n[AI_DONE], 400);
	assert_true(j.started_at > 0 && j.finished_at >= j.started_at);
	acs_job_clear(&j);
}

static void
test_each_device_gets_its_own_outcome(void **state)
{
	struct fx *f = *state;
	struct acs_run_progress p;
	struct acs_item *v;
	struct acs_job j;
	size_t n;
	int64_t id;

	F.mode[3] = FM_OFFLINE;
	F.mode[5] = FM_FAULT;
	F.mode[8] = FM_SKIP;
	id = new_job(f, ACS_JOB_MASS, 10, 3);
	run_job(f, id, ACS_RUN_SEND, &p);
	assert_int_equal(p.state, AJ_DONE);
	assert_int_equal(atomic_load(&F.applies[8]), 0);	/* skipped: never sent */
	assert_int_equal(store_acs_items_list(f->st, id, -1, &v, &n, NULL), 0);
	assert_int_equal(n, 10);
	assert_int_equal(v[3].state, AI_QUEUED);
	assert_string_equal(v[3].task_id, "task-3");
	assert_int_equal(v[5].state, AI_FAILED);
	assert_string_equal(v[5].reason, "the router refused: 9007 invalid value");
	assert_int_equal(v[8].state, AI_SKIPPED);
	assert_string_equal(v[8].reason, "no such radio");
	assert_int_equal(v[0].state, AI_DONE);
	acs_items_free(v, n);
	job_get(f, id, &j);
	assert_int_equal(j.counts.n[AI_DONE], 7);
	assert_int_equal(j.counts.n[AI_QUEUED], 1);
	assert_int_equal(j.counts.n[AI_FAILED], 1);
	assert_int_equal(j.counts.n[AI_SKIPPED], 1);
	acs_job_clear(&j);
}

/* A run killed half-way: some devices done, some left "sending" (one of
   which the change had reached), the rest pending, the owner gone.  The
   resume sends each device its change exactly once overall. */
static void
test_resume_after_a_kill_sends_nothing_twice(void **state)
{
	struct fx *f = *state;
	struct acs_run_progress p;
	struct acs_job j;
	int64_t id = new_job(f, ACS_JOB_MASS, 50, 5), pid = dead_pid();
	char *cause = NULL;
	struct acs_item *items;
	size_t n;

	/* What the killed run left: items written, 0-19 done, 20-22 sending
	   (20 had reached the device), the job running under a dead pid. */
	assert_int_equal(fake_resolve(NULL, NULL, NULL, NULL, &items, &n, NULL), 0);
	assert_int_equal(store_acs_items_add(f->st, id, items, n, &cause), 0);
	acs_items_free(items, n);
	for (int i = 0; i < 23; i++) {
		if (i < 21) {
			atomic_store(&F.value[i], 1);
			atomic_store(&F.sends[i], 1);
		}
		assert_int_equal(store_acs_item_set(f->st, id, i + 1, i < 20 ? AI_DONE :
		    AI_SENDING, "", NULL, NULL, &cause), 0);
	}
	assert_int_equal(store_acs_job_move(f->st, id, -1, -1, AJ_RUNNING, pid, NULL,
	    &cause), 1);

	run_job(f, id, ACS_RUN_SEND, &p);
	assert_int_equal(p.state, AJ_DONE);
	assert_int_equal(atomic_load(&F.resolves), 1);	/* the items were kept */
	for (int i = 0; i < 50; i++) {
		assert_int_equal(atomic_load(&F.sends[i]), 1);
		assert_int_equal(atomic_load(&F.applies[i]), i < 20 ? 0 : 1);
	}
	assert_int_equal(store_acs_items_list(f->st, id, AI_DONE, &items, &n, &cause), 0);
	assert_int_equal(n, 50);
	assert_string_equal(items[20].reason, "already as asked");
	acs_items_free(items, n);
	job_get(f, id, &j);
	assert_int_equal(j.state, AJ_DONE);
	acs_job_clear(&j);
}

static void
test_a_job_another_live_process_runs_is_refused(void **state)
{
	struct fx *f = *state;
	struct acs_run *r = NULL;
	struct err err = { 0 };
	int64_t id = new_job(f, ACS_JOB_MASS, 5, 2);

	/* Our parent is alive: it stands for another oltui running the job. */
	assert_int_equal(store_acs_job_move(f->st, id, -1, -1, AJ_RUNNING,
	    (int64_t)getppid(), NULL, NULL), 1);
	assert_int_equal(acs_run_open(f->e, id, &fake_ops, ACS_RUN_SEND, &r, &err), -1);
	assert_int_equal(err.kind, ERR_REFUSED);
	assert_non_null(strstr(err_text(&err), "being run by process"));
	err_clear(&err);
	assert_int_equal(acs_run_open(f->e, 999, &fake_ops, ACS_RUN_SEND, &r, &err), -1);
	assert_int_equal(err.kind, ERR_USAGE);
	err_clear(&err);
	assert_int_equal(atomic_load(&F.resolves), 0);
}

static void
test_stop_pauses_and_resume_finishes(void **state)
{
	struct fx *f = *state;
	struct acs_run_progress p;
	struct acs_run *r;
	struct err err = { 0 };
	struct acs_job j;
	int64_t id = new_job(f, ACS_JOB_MASS, 60, 4), t0;
	size_t left;

	atomic_store(&F.gate_on, 1);
	assert_int_equal(acs_run_open(f->e, id, &fake_ops, ACS_RUN_SEND, &r, &err), 0);
	t0 = mono_ms();
	while (atomic_load(&F.waiting) < 4 && mono_ms() - t0 < DEADLINE) {
		acs_run_pump(r);
		acs_run_wait(r, 5);
	}
	assert_int_equal(atomic_load(&F.waiting), 4);	/* the cap, and no more */
	acs_run_stop(r, AJ_PAUSED, "interrupted (Ctrl-C)");
	atomic_store(&F.gate, 1);
	run_out(r);
	acs_run_progress(r, &p);
	acs_run_close(r);
	assert_int_equal(p.state, AJ_PAUSED);
	assert_int_equal(p.counts.n[AI_DONE], 4);
	job_get(f, id, &j);
	assert_int_equal(j.state, AJ_PAUSED);
	assert_int_equal(j.pid, 0);
	assert_string_equal(j.cause, "interrupted (Ctrl-C); 56 routers not attempted");
	left = j.counts.n[AI_PENDING];
	assert_int_equal(left, 56);
	acs_job_clear(&j);

	atomic_store(&F.gate_on, 0);
	run_job(f, id, ACS_RUN_SEND, &p);
	assert_int_equal(p.state, AJ_DONE);
	for (int i = 0; i < 60; i++)
		assert_int_equal(atomic_load(&F.sends[i]), 1);
	job_get(f, id, &j);
	assert_string_equal(j.cause, "");
	acs_job_clear(&j);
}

/* `oltui acs mass cancel` in another process while this one runs: the
   devices in flight finish, nothing more starts, the queued tasks go. */
static void
test_cancel_from_another_process(void **state)
{
	struct fx *f = *state;
	struct acs_run_progress p;
	struct acs_run *r;
	struct err err = { 0 };
	struct acs_job j;
	struct store *other;
	int64_t id, t0;
	char *cause = NULL;
	int applied = 0;

	F.mode[0] = F.mode[1] = FM_OFFLINE;
	id = new_job(f, ACS_JOB_MASS, 40, 3);
	atomic_store(&F.gate_on, 1);
	assert_int_equal(acs_run_open(f->e, id, &fake_ops, ACS_RUN_SEND, &r, &err), 0);
	t0 = mono_ms();
	while (atomic_load(&F.waiting) < 3 && mono_ms() - t0 < DEADLINE) {
		acs_run_pump(r);
		acs_run_wait(r, 5);
	}
	other = store_open(f->path, &cause);
	assert_non_null(other);
	assert_int_equal(store_acs_job_move(other, id, AJ_RUNNING, -1, AJ_CANCELLED,
	    (int64_t)getpid(), "cancelled by ana", &cause), 1);
	store_close(other);
	sleep_ms(1100);		/* the run looks once a second */
	acs_run_pump(r);
	atomic_store(&F.gate, 1);
	run_out(r);
	acs_run_progress(r, &p);
	acs_run_close(r);
	assert_int_equal(p.state, AJ_CANCELLED);
	for (int i = 0; i < 40; i++)
		applied += atomic_load(&F.applies[i]);
	assert_true(applied <= 6);		/* the 3 in flight, maybe a few more started
						   before the look; never the rest */
	assert_int_equal(atomic_load(&F.unqueued[0]), 1);
	assert_int_equal(atomic_load(&F.unqueued[1]), 1);
	job_get(f, id, &j);
	assert_int_equal(j.state, AJ_CANCELLED);
	assert_int_equal(j.pid, 0);
	assert_string_equal(j.cause, "cancelled by ana");
	assert_int_equal(j.counts.n[AI_PENDING] + j.counts.n[AI_SENDING] + j.counts.n[AI_QUEUED], 0);
	assert_int_equal(j.counts.n[AI_CANCELLED], 40 - (size_t)applied + 2);
	acs_job_clear(&j);
}

/* Cancelling a job nobody runs: the cancel does the work itself. */
static void
test_cancel_of_a_paused_job_unqueues_and_marks(void **state)
{
	struct fx *f = *state;
	struct acs_run_progress p;
	struct acs_job j;
	int64_t id;

	F.mode[2] = FM_OFFLINE;
	id = new_job(f, ACS_JOB_MASS, 6, 2);
	run_job(f, id, ACS_RUN_SEND, &p);
	assert_int_equal(p.state, AJ_DONE);
	assert_int_equal(store_acs_job_move(f->st, id, -1, -1, AJ_PAUSED, 0, NULL, NULL), 1);
	run_job(f, id, ACS_RUN_CANCEL, &p);
	assert_int_equal(p.state, AJ_CANCELLED);
	assert_int_equal(atomic_load(&F.unqueued[2]), 1);
	job_get(f, id, &j);
	assert_int_equal(j.counts.n[AI_CANCELLED], 1);
	assert_int_equal(j.counts.n[AI_DONE], 5);
	acs_job_clear(&j);
}

static void
test_an_acs_that_stops_answering_pauses_the_run(void **state)
{
	struct fx *f = *state;
	struct acs_run_progress p;
	struct acs_item *v;
	struct acs_job j;
	size_t n;
	int64_t id;

	F.mode[0] = FM_ACS_DOWN;
	id = new_job(f, ACS_JOB_MASS, 30, 1);
	run_job(f, id, ACS_RUN_SEND, &p);
	assert_int_equal(p.state, AJ_PAUSED);
	assert_int_equal(p.kind, ERR_UNREACHABLE);
	job_get(f, id, &j);
	assert_int_equal(j.state, AJ_PAUSED);
	assert_non_null(strstr(j.cause, "did not answer"));
	assert_int_equal(j.counts.n[AI_PENDING], 30);	/* none lost, none half-done */
	acs_job_clear(&j);
	assert_int_equal(store_acs_items_list(f->st, id, -1, &v, &n, NULL), 0);
	assert_int_equal(v[0].state, AI_PENDING);
	acs_items_free(v, n);
}

static void
test_firmware_waits_for_its_window_and_stops_at_its_end(void **state)
{
	struct fx *f = *state;
	struct acs_run_progress p;
	struct acs_run *r;
	struct err err = { 0 };
	struct acs_job j;
	int64_t id = new_job(f, ACS_JOB_FIRMWARE, 8, 2);

	assert_int_equal(store_acs_job_window(f->st, id, now_s() + 3600, 0, 0, NULL), 0);
	assert_int_equal(acs_run_open(f->e, id, &fake_ops, ACS_RUN_SEND, &r, &err), 0);
	for (int i = 0; i < 20; i++) {
		assert_int_equal(acs_run_pump(r), 1);
		acs_run_wait(r, 10);
	}
	for (int i = 0; i < 8; i++)
		assert_int_equal(atomic_load(&F.applies[i]), 0);	/* not before the start */
	acs_run_close(r);
	/* A window that has closed: nothing starts, the job ends saying so. */
	assert_int_equal(store_acs_job_window(f->st, id, now_s() - 60, now_s() - 1, 0, NULL), 0);
	run_job(f, id, ACS_RUN_SEND, &p);
	assert_int_equal(p.state, AJ_DONE);
	for (int i = 0; i < 8; i++)
		assert_int_equal(atomic_load(&F.applies[i]), 0);
	job_get(f, id, &j);
	assert_non_null(strstr(j.cause, "the window closed at "));
	assert_non_null(strstr(j.cause, "8 routers not attempted"));
	assert_int_equal(j.counts.n[AI_PENDING], 8);
	acs_job_clear(&j);
}

static void
test_firmware_tracks_queued_downloads_until_done(void **state)
{
	struct fx *f = *state;
	struct acs_run_progress p;
	struct acs_run *r;
	struct err err = { 0 };
	struct acs_item *v;
	size_t n;
	int64_t id, t0;

	F.mode[1] = F.mode[4] = FM_OFFLINE;
	id = new_job(f, ACS_JOB_FIRMWARE, 5, 5);
	assert_int_equal(acs_run_open(f->e, id, &fake_ops, ACS_RUN_SEND, &r, &err), 0);
	t0 = mono_ms();
	do {
		acs_run_pump(r);
		acs_run_progress(r, &p);
		acs_run_wait(r, 20);
	} while (!p.tracking && mono_ms() - t0 < DEADLINE);
	assert_true(p.tracking);
	assert_int_equal(p.counts.n[AI_QUEUED], 2);
	atomic_store(&F.track_done, 1);		/* the routers came back */
	run_out(r);
	acs_run_progress(r, &p);
	acs_run_close(r);
	assert_int_equal(p.state, AJ_DONE);
	assert_true(atomic_load(&F.tracks[1]) >= 1);
	assert_int_equal(atomic_load(&F.tracks[0]), 0);	/* only the queued are looked at */
	assert_int_equal(store_acs_items_list(f->st, id, -1, &v, &n, NULL), 0);
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(v[i].state, AI_DONE);
		assert_string_equal(v[i].version_after, "V2");
	}
	acs_items_free(v, n);
}

static void
test_the_secret_reaches_the_operation_and_only_sealed_is_stored(void **state)
{
	struct fx *f = *state;
	struct acs_run_progress p;
	struct acs_job j = { 0 }, got;
	char *cause = NULL, *raw;
	FILE *pf;
	char line[4096];

	F.n = 12;
	j.kind = ACS_JOB_MASS;
	j.cap = 4;
	strcpy(j.user, "ana");
	strcpy(j.filter.olt, "pop-north");
	strcpy(j.change.ssid, "Casa");
	j.change.secret[ACS_SECRET_WIFI] = true;
	j.sealed[ACS_SECRET_WIFI] = vault_seal(engine_vault(f->e), "s3cret-wifi-pass");
	assert_int_equal(store_acs_job_add(f->st, &j, &cause), 0);
	F.want_secret = "s3cret-wifi-pass";
	run_job(f, j.id, ACS_RUN_SEND, &p);
	assert_int_equal(p.state, AJ_DONE);
	assert_int_equal(atomic_load(&F.bad_secret), 0);
	/* Done with nothing to retry: the job's password is no longer kept. */
	job_get(f, j.id, &got);
	assert_null(got.sealed[ACS_SECRET_WIFI]);
	assert_true(got.change.secret[ACS_SECRET_WIFI]);
	acs_job_clear(&got);
	acs_job_clear(&j);
	/* Nowhere in the database file in clear. */
	raw = xasprintf("grep -c s3cret-wifi-pass %s* 2>/dev/null | grep -v ':0' | wc -l",
	    f->path);
	pf = popen(raw, "r");
	assert_non_null(pf);
	assert_non_null(fgets(line, sizeof line, pf));
	pclose(pf);
	assert_string_equal(line, "0\n");
	free(raw);
}

/* The daemon's hook: a schedule runs once its window starts, once. */
static void
test_the_daemon_runs_a_due_schedule_when_its_window_starts(void **state)
{
	struct fx *f = *state;
	struct acs_sched *s;
	struct acs_job j;
	int64_t id = new_job(f, ACS_JOB_FIRMWARE, 6, 3), late, t0;
	char *logtext = NULL;
	size_t loglen = 0;
	FILE *log = open_memstream(&logtext, &loglen);

	assert_int_equal(store_acs_job_window(f->st, id, now_s() + 2, 0, 0, NULL), 0);
	late = new_job(f, ACS_JOB_FIRMWARE, 6, 3);	/* its window has passed */
	assert_int_equal(store_acs_job_window(f->st, late, now_s() - 60, now_s() - 1, 0,
	    NULL), 0);
	s = acs_sched_start(f->e, &fake_ops, log);
	t0 = mono_ms();
	while (mono_ms() - t0 < 1500) {
		acs_sched_tick(s);
		sleep_ms(20);
	}
	for (int i = 0; i < 6; i++)
		assert_int_equal(atomic_load(&F.applies[i]), 0);
	do {
		acs_sched_tick(s);
		sleep_ms(20);
		job_get(f, id, &j);
		if (j.state == AJ_DONE) {
			acs_job_clear(&j);
			break;
		}
		acs_job_clear(&j);
	} while (mono_ms() - t0 < DEADLINE);
	acs_sched_free(s);
	fclose(log);
	for (int i = 0; i < 6; i++)
		assert_int_equal(atomic_load(&F.applies[i]), 1);
	job_get(f, id, &j);
	assert_int_equal(j.state, AJ_DONE);
	assert_int_equal(j.counts.n[AI_DONE], 6);
	acs_job_clear(&j);
	job_get(f, late, &j);
	assert_int_equal(j.state, AJ_DONE);
	assert_non_null(strstr(j.cause, "before the poll daemon could start it"));
	assert_false(j.resolved);
	acs_job_clear(&j);
	assert_non_null(strstr(logtext, "running (file fw.bin, at most 3 at once)"));
	assert_non_null(strstr(logtext, ": done: 6 done"));
	free(logtext);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
		T(test_cap_is_never_exceeded_and_every_device_is_done_once),
		T(test_each_device_gets_its_own_outcome),
		T(test_resume_after_a_kill_sends_nothing_twice),
		T(test_a_job_another_live_process_runs_is_refused),
		T(test_stop_pauses_and_resume_finishes),
		T(test_cancel_from_another_process),
		T(test_cancel_of_a_paused_job_unqueues_and_marks),
		T(test_an_acs_that_stops_answering_pauses_the_run),
		T(test_firmware_waits_for_its_window_and_stops_at_its_end),
		T(test_firmware_tracks_queued_downloads_until_done),
		T(test_the_secret_reaches_the_operation_and_only_sealed_is_stored),
		T(test_the_daemon_runs_a_due_schedule_when_its_window_starts),
#undef T
	};

	if (vault_init() != 0)
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
