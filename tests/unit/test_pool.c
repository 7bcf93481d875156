/* test_pool.c — worker pool: running, per-OLT rules, cancel, events, stop.
 * Runs under TSan in `make check`.  Timing is never asserted; where a test
 * needs two jobs to overlap it makes them wait for each other (with a long
 * safety deadline) instead of sleeping. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <dirent.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "core/pool.h"
#include "lib/util.h"

#define MAXJ	 512
#define NOLT	 4
#define DEADLINE 10000	/* ms: only reached when something is broken */

enum behaviour { B_COUNT, B_OVERLAP, B_GATE, B_ORDER, B_RENDEZVOUS, B_FAIL,
    B_SIGMASK };

/* State shared by the jobs of one test. */
struct tstate {
	atomic_int	runs[MAXJ];
	atomic_int	frees[MAXJ];
	atomic_int	finished[MAXJ];	/* run returned */
	atomic_int	inflight[NOLT], max_inflight[NOLT];
	atomic_int	writes[NOLT], max_writes[NOLT];
	atomic_int	gate;		/* 0 closed, 1 open */
	atomic_int	started;	/* gate jobs that began */
	atomic_int	order[MAXJ];
	atomic_int	norder;
	atomic_int	arrived[NOLT];	/* rendezvous groups */
	atomic_int	met;		/* rendezvous jobs that saw their peer */
	atomic_int	masked;		/* sigmask jobs that saw signals blocked */
};

struct targ {
	struct tstate	*st;
	int		 idx;
	int		 olt;		/* 0..NOLT-1, index into the arrays */
	enum behaviour	 b;
};

static struct tstate *
tstate_new(void)
{
	return xcalloc(1, sizeof(struct tstate));
}

/* Raises *max to v if v is larger. */
static void
atomic_max(atomic_int *max, int v)
{
	int cur = atomic_load(max);

	while (v > cur && !atomic_compare_exchange_weak(max, &cur, v))
		;
}

/* Waits until *a >= want or the job is cancelled; false on deadline. */
static bool
wait_for_count(atomic_int *a, int want, struct pool_job *job)
{
	int64_t end = mono_ms() + DEADLINE;

	while (atomic_load(a) < want) {
		if ((job != NULL && job_cancelled(job)) || mono_ms() > end)
			return false;
		sleep_ms(1);
	}
	return true;
}

static int
trun(struct pool_job *job, void *arg, char **msg)
{
	struct targ *a = arg;
	struct tstate *st = a->st;
	sigset_t cur;
	bool ok;
	int rc = 0;

	atomic_fetch_add(&st->runs[a->idx], 1);
	switch (a->b) {
	case B_COUNT:
		break;
	case B_OVERLAP:
		atomic_max(&st->max_inflight[a->olt],
		    atomic_fetch_add(&st->inflight[a->olt], 1) + 1);
		if (job_olt(job) != 0 && (a->idx & 1)) {	/* odd: write */
			atomic_max(&st->max_writes[a->olt],
			    atomic_fetch_add(&st->writes[a->olt], 1) + 1);
			sleep_ms(1);
			atomic_fetch_sub(&st->writes[a->olt], 1);
		} else
			sleep_ms(1);
		atomic_fetch_sub(&st->inflight[a->olt], 1);
		break;
	case B_GATE:
		atomic_fetch_add(&st->started, 1);
		ok = wait_for_count(&st->gate, 1, job);
		rc = ok ? 0 : -1;
		break;
	case B_ORDER:
		atomic_store(&st->order[atomic_fetch_add(&st->norder, 1)],
		    a->idx);
		break;
	case B_RENDEZVOUS:
		atomic_fetch_add(&st->arrived[a->olt], 1);
		if (wait_for_count(&st->arrived[a->olt], 2, job))
			atomic_fetch_add(&st->met, 1);
		break;
	case B_FAIL:
		set_cause(msg, "job %d failed on purpose", a->idx);
		rc = -1;
		break;
	case B_SIGMASK:
		pthread_sigmask(SIG_BLOCK, NULL, &cur);
		if (sigismember(&cur, SIGINT) && sigismember(&cur, SIGWINCH) &&
		    sigismember(&cur, SIGPIPE) && sigismember(&cur, SIGTERM))
			atomic_fetch_add(&st->masked, 1);
		break;
	}
	if (rc == 0 && a->b != B_FAIL)
		set_cause(msg, "job %d done", a->idx);
	atomic_fetch_add(&st->finished[a->idx], 1);
	return rc;
}

static void
tfree(void *arg)
{
	struct targ *a = arg;

	atomic_fetch_add(&a->st->frees[a->idx], 1);
	free(a);
}

/* Submits one test job; returns its pool id. */
static uint64_t
submit(struct pool *p, struct tstate *st, int idx, enum behaviour b,
    int kind, int olt, unsigned flags, enum job_priority prio)
{
	struct targ *a = xcalloc(1, sizeof *a);
	struct job_spec spec = { .kind = kind, .olt_id = olt, .flags = flags,
	    .priority = prio, .run = trun, .free = tfree, .arg = a };

	a->st = st;
	a->idx = idx;
	a->olt = olt;
	a->b = b;
	return pool_submit(p, &spec);
}

static struct pool *
start(int workers, int per_olt)
{
	struct pool_config cfg = { .workers = workers, .per_olt_max = per_olt };
	char *cause = NULL;
	struct pool *p = pool_start(&cfg, &cause);

	if (p == NULL)
		fail_msg("pool_start: %s", cause);
	return p;
}

/* Collected completion events. */
struct evlog {
	size_t		 n;
	uint64_t	 id[MAXJ];
	int		 kind[MAXJ];
	int64_t		 olt[MAXJ];
	enum pool_job_status	 status[MAXJ];
	char		*msg[MAXJ];
};

static void
evlog_add(const struct pool_event *ev, void *ctx)
{
	struct evlog *l = ctx;

	assert_true(l->n < MAXJ);
	l->id[l->n] = ev->job_id;
	l->kind[l->n] = ev->kind;
	l->olt[l->n] = ev->olt_id;
	l->status[l->n] = ev->status;
	l->msg[l->n] = ev->msg != NULL ? xstrdup(ev->msg) : NULL;
	l->n++;
}

static void
evlog_free(struct evlog *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->msg[i]);
	free(l);
}

/* Index of the event for job id, or -1. */
static int
evlog_find(const struct evlog *l, uint64_t id)
{
	for (size_t i = 0; i < l->n; i++)
		if (l->id[i] == id)
			return (int)i;
	return -1;
}

/* Number of threads in this process (Linux /proc/self/task). */
static int
thread_count(void)
{
	DIR *d = opendir("/proc/self/task");
	struct dirent *de;
	int n = 0;

	if (d == NULL)
		return -1;
	while ((de = readdir(d)) != NULL)
		if (de->d_name[0] != '.')
			n++;
	closedir(d);
	return n;
}

static void
test_every_job_runs_and_is_freed_once(void **state)
{
	struct tstate *st = tstate_new();
	struct pool *p = start(4, 2);
	struct evlog *l = xcalloc(1, sizeof *l);
	const int n = 300;

	(void)state;
	for (int i = 0; i < n; i++)
		assert_true(submit(p, st, i, B_COUNT, 1, i % NOLT, 0,
		    JOB_PRIO_LOW) > 0);
	pool_wait_idle(p);
	for (int i = 0; i < n; i++) {
		assert_int_equal(atomic_load(&st->runs[i]), 1);
		assert_int_equal(atomic_load(&st->frees[i]), 1);
	}
	assert_int_equal(pool_events_drain(p, evlog_add, l), n);
	for (int i = 0; i < n; i++)
		assert_int_equal(l->status[i], POOL_JOB_DONE);
	pool_free(p);
	evlog_free(l);
	free(st);
}

static void
test_writes_to_one_olt_never_overlap(void **state)
{
	struct tstate *st = tstate_new();
	struct pool *p = start(6, 4);

	(void)state;
	/* Odd indexes are writes, even ones reads, over OLTs 1..3. */
	for (int i = 0; i < 240; i++)
		submit(p, st, i, B_OVERLAP, 1, 1 + i % 3,
		    (i & 1) ? JOB_WRITE : 0, JOB_PRIO_LOW);
	pool_wait_idle(p);
	for (int o = 1; o < NOLT; o++) {
		assert_int_equal(atomic_load(&st->max_writes[o]), 1);
		assert_true(atomic_load(&st->max_inflight[o]) <= 4);
	}
	for (int i = 0; i < 240; i++)
		assert_int_equal(atomic_load(&st->runs[i]), 1);
	pool_free(p);
	free(st);
}

static void
test_reads_per_olt_are_capped(void **state)
{
	struct tstate *st = tstate_new();
	struct pool *p = start(6, 2);

	(void)state;
	for (int i = 0; i < 120; i += 2)	/* even: reads only */
		submit(p, st, i, B_OVERLAP, 1, 1, 0, JOB_PRIO_LOW);
	pool_wait_idle(p);
	assert_true(atomic_load(&st->max_inflight[1]) <= 2);
	assert_true(atomic_load(&st->max_inflight[1]) >= 1);
	pool_free(p);
	free(st);
}

static void
test_two_reads_of_one_olt_run_together(void **state)
{
	struct tstate *st = tstate_new();
	struct pool *p = start(4, 2);

	(void)state;
	/* Two reads of OLT 1 must meet each other: concurrency is allowed. */
	submit(p, st, 0, B_RENDEZVOUS, 1, 1, 0, JOB_PRIO_LOW);
	submit(p, st, 1, B_RENDEZVOUS, 1, 1, 0, JOB_PRIO_LOW);
	pool_wait_idle(p);
	assert_int_equal(atomic_load(&st->met), 2);
	pool_free(p);
	free(st);
}

static void
test_two_writes_to_different_olts_overlap(void **state)
{
	struct tstate *st = tstate_new();
	struct pool *p = start(2, 2);

	(void)state;
	/* Same rendezvous group (index 0) but OLTs 1 and 2: they must meet. */
	{
		struct targ *a = xcalloc(1, sizeof *a), *b = xcalloc(1, sizeof *b);
		struct job_spec sa = { .kind = 1, .olt_id = 1, .flags = JOB_WRITE,
		    .run = trun, .free = tfree, .arg = a };
		struct job_spec sb = { .kind = 1, .olt_id = 2, .flags = JOB_WRITE,
		    .run = trun, .free = tfree, .arg = b };

		*a = (struct targ){ st, 0, 0, B_RENDEZVOUS };
		*b = (struct targ){ st, 1, 0, B_RENDEZVOUS };
		pool_submit(p, &sa);
		pool_submit(p, &sb);
	}
	pool_wait_idle(p);
	assert_int_equal(atomic_load(&st->met), 2);
	pool_free(p);
	free(st);
}

static void
test_cancel_by_olt(void **state)
{
	struct tstate *st = tstate_new();
	struct pool *p = start(1, 2);
	struct evlog *l = xcalloc(1, sizeof *l);
	uint64_t g, a, b, c, d;

	(void)state;
	g = submit(p, st, 0, B_GATE, 1, 1, 0, JOB_PRIO_LOW);
	assert_true(wait_for_count(&st->started, 1, NULL));
	a = submit(p, st, 1, B_COUNT, 1, 1, 0, JOB_PRIO_LOW);
	b = submit(p, st, 2, B_COUNT, 1, 2, 0, JOB_PRIO_LOW);
	c = submit(p, st, 3, B_COUNT, 1, 1, JOB_WRITE, JOB_PRIO_HIGH);
	d = submit(p, st, 4, B_COUNT, 1, 0, 0, JOB_PRIO_LOW);
	assert_true(pool_job_active(p, a));
	assert_int_equal(pool_cancel_olt(p, 1), 3);	/* g running, a, c */
	assert_false(pool_job_active(p, a));
	assert_false(pool_job_active(p, c));
	pool_wait_idle(p);
	assert_int_equal(atomic_load(&st->runs[1]), 0);
	assert_int_equal(atomic_load(&st->runs[3]), 0);
	assert_int_equal(atomic_load(&st->runs[2]), 1);
	assert_int_equal(atomic_load(&st->runs[4]), 1);
	for (int i = 0; i <= 4; i++)
		assert_int_equal(atomic_load(&st->frees[i]), 1);
	pool_events_drain(p, evlog_add, l);
	assert_int_equal(l->n, 5);
	assert_int_equal(l->status[evlog_find(l, g)], POOL_JOB_CANCELLED);
	assert_int_equal(l->status[evlog_find(l, a)], POOL_JOB_CANCELLED);
	assert_int_equal(l->status[evlog_find(l, c)], POOL_JOB_CANCELLED);
	assert_int_equal(l->status[evlog_find(l, b)], POOL_JOB_DONE);
	assert_int_equal(l->status[evlog_find(l, d)], POOL_JOB_DONE);
	assert_int_equal(l->olt[evlog_find(l, b)], 2);
	pool_free(p);
	evlog_free(l);
	free(st);
}

static void
test_cancel_by_kind_and_by_id(void **state)
{
	struct tstate *st = tstate_new();
	struct pool *p = start(1, 2);
	struct evlog *l = xcalloc(1, sizeof *l);
	uint64_t g, x, y;

	(void)state;
	g = submit(p, st, 0, B_GATE, 7, 1, 0, JOB_PRIO_LOW);
	assert_true(wait_for_count(&st->started, 1, NULL));
	for (int i = 1; i <= 10; i++)
		submit(p, st, i, B_COUNT, i % 2 ? 7 : 8, 2, 0, JOB_PRIO_LOW);
	x = submit(p, st, 11, B_COUNT, 8, 3, 0, JOB_PRIO_LOW);
	y = submit(p, st, 12, B_COUNT, 8, 3, 0, JOB_PRIO_LOW);
	/* By id first: the gate still holds the only worker. */
	assert_int_equal(pool_cancel_job(p, x), 1);
	assert_int_equal(pool_cancel_job(p, x), 0);
	assert_int_equal(pool_cancel_kind(p, 7), 6);	/* g + 1,3,5,7,9 */
	assert_int_equal(pool_cancel_kind(p, 7), 0);	/* already done */
	pool_wait_idle(p);
	for (int i = 1; i <= 10; i++)
		assert_int_equal(atomic_load(&st->runs[i]), i % 2 ? 0 : 1);
	assert_int_equal(atomic_load(&st->runs[11]), 0);
	assert_int_equal(atomic_load(&st->runs[12]), 1);
	for (int i = 0; i <= 12; i++)
		assert_int_equal(atomic_load(&st->frees[i]), 1);
	pool_events_drain(p, evlog_add, l);
	assert_int_equal(l->n, 13);
	assert_int_equal(l->status[evlog_find(l, g)], POOL_JOB_CANCELLED);
	assert_int_equal(l->kind[evlog_find(l, g)], 7);
	assert_int_equal(l->status[evlog_find(l, y)], POOL_JOB_DONE);
	pool_free(p);
	evlog_free(l);
	free(st);
}

static void
test_events_arrive_through_the_wake_pipe(void **state)
{
	struct tstate *st = tstate_new();
	struct pool *p = start(2, 2);
	struct evlog *l = xcalloc(1, sizeof *l);
	struct pollfd pfd = { .fd = pool_wake_fd(p), .events = POLLIN };
	int64_t end = mono_ms() + DEADLINE;
	uint64_t ok, bad;
	int i;

	(void)state;
	assert_int_equal(poll(&pfd, 1, 0), 0);	/* nothing yet */
	ok = submit(p, st, 0, B_COUNT, 3, 42, 0, JOB_PRIO_HIGH);
	bad = submit(p, st, 1, B_FAIL, 4, 43, JOB_WRITE, JOB_PRIO_HIGH);
	while (l->n < 2 && mono_ms() < end) {
		int r = poll(&pfd, 1, DEADLINE);

		assert_int_equal(r, 1);
		assert_true(pfd.revents & POLLIN);
		pool_events_drain(p, evlog_add, l);
	}
	assert_int_equal(l->n, 2);
	i = evlog_find(l, ok);
	assert_true(i >= 0);
	assert_int_equal(l->kind[i], 3);
	assert_int_equal(l->olt[i], 42);
	assert_int_equal(l->status[i], POOL_JOB_DONE);
	assert_string_equal(l->msg[i], "job 0 done");
	i = evlog_find(l, bad);
	assert_true(i >= 0);
	assert_int_equal(l->kind[i], 4);
	assert_int_equal(l->olt[i], 43);
	assert_int_equal(l->status[i], POOL_JOB_FAILED);
	assert_string_equal(l->msg[i], "job 1 failed on purpose");
	/* Drained: the pipe is quiet again. */
	pool_wait_idle(p);
	pool_events_drain(p, NULL, NULL);
	assert_int_equal(poll(&pfd, 1, 0), 0);
	pool_free(p);
	evlog_free(l);
	free(st);
}

static void
test_high_priority_runs_first(void **state)
{
	struct tstate *st = tstate_new();
	struct pool *p = start(1, 2);

	(void)state;
	submit(p, st, 0, B_GATE, 1, 0, 0, JOB_PRIO_LOW);
	assert_true(wait_for_count(&st->started, 1, NULL));
	submit(p, st, 1, B_ORDER, 1, 0, 0, JOB_PRIO_LOW);
	submit(p, st, 2, B_ORDER, 1, 0, 0, JOB_PRIO_LOW);
	submit(p, st, 3, B_ORDER, 1, 0, 0, JOB_PRIO_HIGH);
	submit(p, st, 4, B_ORDER, 1, 0, 0, JOB_PRIO_HIGH);
	atomic_store(&st->gate, 1);
	pool_wait_idle(p);
	assert_int_equal(atomic_load(&st->norder), 4);
	assert_int_equal(atomic_load(&st->order[0]), 3);
	assert_int_equal(atomic_load(&st->order[1]), 4);
	assert_int_equal(atomic_load(&st->order[2]), 1);
	assert_int_equal(atomic_load(&st->order[3]), 2);
	pool_free(p);
	free(st);
}

/* A thread that does nothing, to make the sanitizer runtime start its own
   helper threads before we count ours. */
static void *
noop_thread(void *arg)
{
	return arg;
}

static void
test_stop_drops_queued_cancels_running_and_joins(void **state)
{
	struct tstate *st = tstate_new();
	struct pool *p;
	pthread_t t;
	int before;

	(void)state;
	pthread_create(&t, NULL, noop_thread, NULL);
	pthread_join(t, NULL);
	before = thread_count();
	p = start(2, 2);
	assert_int_equal(thread_count(), before + 2);
	submit(p, st, 0, B_GATE, 1, 1, 0, JOB_PRIO_LOW);
	submit(p, st, 1, B_GATE, 1, 2, 0, JOB_PRIO_LOW);
	assert_true(wait_for_count(&st->started, 2, NULL));
	for (int i = 2; i < 40; i++)
		submit(p, st, i, B_COUNT, 1, i % 3, 0, JOB_PRIO_LOW);
	pool_stop(p, POOL_STOP_DROP | POOL_STOP_CANCEL);
	assert_int_equal(thread_count(), before);
	/* The running jobs returned by themselves; queued ones never ran. */
	assert_int_equal(atomic_load(&st->finished[0]), 1);
	assert_int_equal(atomic_load(&st->finished[1]), 1);
	for (int i = 2; i < 40; i++)
		assert_int_equal(atomic_load(&st->runs[i]), 0);
	for (int i = 0; i < 40; i++)
		assert_int_equal(atomic_load(&st->frees[i]), 1);
	/* Stopping again and submitting afterwards are harmless. */
	pool_stop(p, 0);
	assert_int_equal(submit(p, st, 40, B_COUNT, 1, 0, 0, JOB_PRIO_HIGH), 0);
	assert_int_equal(atomic_load(&st->frees[40]), 1);
	assert_int_equal(atomic_load(&st->runs[40]), 0);
	pool_free(p);
	for (int i = 0; i <= 40; i++)
		assert_int_equal(atomic_load(&st->frees[i]), 1);
	free(st);
}

/* Opens the gate after a short pause, from another thread. */
static void *
open_gate_later(void *arg)
{
	struct tstate *st = arg;

	sleep_ms(50);
	atomic_store(&st->gate, 1);
	return NULL;
}

static void
test_stop_without_drop_runs_queued_and_waits(void **state)
{
	struct tstate *st = tstate_new();
	struct pool *p = start(2, 1);
	struct evlog *l = xcalloc(1, sizeof *l);
	uint64_t g;
	pthread_t t;

	(void)state;
	g = submit(p, st, 0, B_GATE, 1, 1, JOB_WRITE, JOB_PRIO_LOW);
	assert_true(wait_for_count(&st->started, 1, NULL));
	for (int i = 1; i < 30; i++)	/* OLT 1: blocked behind the gate */
		submit(p, st, i, B_COUNT, 1, 1, JOB_WRITE, JOB_PRIO_LOW);
	pthread_create(&t, NULL, open_gate_later, st);
	pool_stop(p, 0);
	pthread_join(t, NULL);
	for (int i = 0; i < 30; i++) {
		assert_int_equal(atomic_load(&st->runs[i]), 1);
		assert_int_equal(atomic_load(&st->finished[i]), 1);
		assert_int_equal(atomic_load(&st->frees[i]), 1);
	}
	pool_events_drain(p, evlog_add, l);
	assert_int_equal(l->n, 30);
	assert_int_equal(l->status[evlog_find(l, g)], POOL_JOB_DONE);
	pool_free(p);
	evlog_free(l);
	free(st);
}

static void
test_workers_block_signals_and_caller_mask_is_kept(void **state)
{
	struct tstate *st = tstate_new();
	sigset_t before, after;
	struct pool *p;

	(void)state;
	pthread_sigmask(SIG_BLOCK, NULL, &before);
	p = start(3, 2);
	pthread_sigmask(SIG_BLOCK, NULL, &after);
	assert_int_equal(sigismember(&before, SIGINT),
	    sigismember(&after, SIGINT));
	assert_int_equal(sigismember(&before, SIGWINCH),
	    sigismember(&after, SIGWINCH));
	for (int i = 0; i < 12; i++)
		submit(p, st, i, B_SIGMASK, 1, 0, 0, JOB_PRIO_LOW);
	pool_wait_idle(p);
	assert_int_equal(atomic_load(&st->masked), 12);
	pool_free(p);
	free(st);
}

static void
test_submit_without_run_is_refused_and_freed(void **state)
{
	struct tstate *st = tstate_new();
	struct pool *p = start(1, 1);
	struct targ *a = xcalloc(1, sizeof *a);
	struct job_spec spec = { .run = NULL, .free = tfree, .arg = a };

	(void)state;
	a->st = st;
	a->idx = 5;
	assert_int_equal(pool_submit(p, &spec), 0);
	assert_int_equal(atomic_load(&st->frees[5]), 1);
	pool_free(p);
	free(st);
}

/* Arguments of a submitter thread in the concurrency test. */
struct submitter {
	struct pool	*p;
	struct tstate	*st;
	int		 first, count;
	uint64_t	*ids;
};

static void *
submitter_thread(void *arg)
{
	struct submitter *w = arg;

	for (int i = w->first; i < w->first + w->count; i++)
		w->ids[i] = submit(w->p, w->st, i, B_COUNT, i % 3, i % NOLT,
		    (i % 5 == 0) ? JOB_WRITE : 0,
		    i % 7 == 0 ? JOB_PRIO_HIGH : JOB_PRIO_LOW);
	return NULL;
}

struct canceller {
	struct pool	*p;
	atomic_int	 stop;
	atomic_int	 cancelled;
};

static void *
canceller_thread(void *arg)
{
	struct canceller *c = arg;

	while (!atomic_load(&c->stop)) {
		atomic_fetch_add(&c->cancelled, pool_cancel_kind(c->p, 2));
		atomic_fetch_add(&c->cancelled, pool_cancel_olt(c->p, 3));
		sleep_ms(1);
	}
	return NULL;
}

static void
test_concurrent_submit_cancel_and_drain(void **state)
{
	struct tstate *st = tstate_new();
	struct pool *p = start(3, 2);
	struct evlog *l = xcalloc(1, sizeof *l);
	struct pollfd pfd = { .fd = pool_wake_fd(p), .events = POLLIN };
	struct submitter w[3];
	struct canceller c = { .p = p };
	uint64_t *ids = xcalloc(MAXJ, sizeof *ids);
	pthread_t tw[3], tc;
	const int per = 150, n = 3 * per;

	(void)state;
	atomic_init(&c.stop, 0);
	atomic_init(&c.cancelled, 0);
	pthread_create(&tc, NULL, canceller_thread, &c);
	for (int i = 0; i < 3; i++) {
		w[i] = (struct submitter){ p, st, i * per, per, ids };
		pthread_create(&tw[i], NULL, submitter_thread, &w[i]);
	}
	/* The UI side: drain while the others submit and cancel. */
	while (l->n < (size_t)n) {
		if (poll(&pfd, 1, DEADLINE) != 1)
			break;
		pool_events_drain(p, evlog_add, l);
	}
	for (int i = 0; i < 3; i++)
		pthread_join(tw[i], NULL);
	atomic_store(&c.stop, 1);
	pthread_join(tc, NULL);
	pool_wait_idle(p);
	pool_events_drain(p, evlog_add, l);
	assert_int_equal(l->n, n);
	for (int i = 0; i < n; i++) {
		int e = evlog_find(l, ids[i]);

		assert_true(e >= 0);
		assert_int_equal(atomic_load(&st->frees[i]), 1);
		if (l->status[e] == POOL_JOB_DONE)
			assert_int_equal(atomic_load(&st->runs[i]), 1);
		else {
			assert_int_equal(l->status[e], POOL_JOB_CANCELLED);
			assert_int_equal(atomic_load(&st->runs[i]), 0);
			assert_true(i % 3 == 2 || i % NOLT == 3);
		}
	}
	pool_free(p);
	evlog_free(l);
	free(ids);
	free(st);
}

/* Event callback that submits a follow-up job: no pool lock is held. */
static void
resubmit_on_event(const struct pool_event *ev, void *ctx)
{
	struct pool *p = ((void **)ctx)[0];
	struct tstate *st = ((void **)ctx)[1];

	if (ev->kind == 1)
		submit(p, st, 1, B_COUNT, 2, 0, 0, JOB_PRIO_HIGH);
}

static void
test_event_callback_may_submit(void **state)
{
	struct tstate *st = tstate_new();
	struct pool *p = start(1, 1);
	void *ctx[2] = { p, st };

	(void)state;
	submit(p, st, 0, B_COUNT, 1, 0, 0, JOB_PRIO_LOW);
	pool_wait_idle(p);
	assert_int_equal(pool_events_drain(p, resubmit_on_event, ctx), 1);
	pool_wait_idle(p);
	assert_int_equal(atomic_load(&st->runs[1]), 1);
	assert_int_equal(pool_events_drain(p, resubmit_on_event, ctx), 1);
	pool_free(p);
	free(st);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_job_runs_and_is_freed_once),
		cmocka_unit_test(test_writes_to_one_olt_never_overlap),
		cmocka_unit_test(test_reads_per_olt_are_capped),
		cmocka_unit_test(test_two_reads_of_one_olt_run_together),
		cmocka_unit_test(test_two_writes_to_different_olts_overlap),
		cmocka_unit_test(test_cancel_by_olt),
		cmocka_unit_test(test_cancel_by_kind_and_by_id),
		cmocka_unit_test(test_events_arrive_through_the_wake_pipe),
		cmocka_unit_test(test_high_priority_runs_first),
		cmocka_unit_test(
		    test_stop_drops_queued_cancels_running_and_joins),
		cmocka_unit_test(test_stop_without_drop_runs_queued_and_waits),
		cmocka_unit_test(
		    test_workers_block_signals_and_caller_mask_is_kept),
		cmocka_unit_test(test_submit_without_run_is_refused_and_freed),
		cmocka_unit_test(test_concurrent_submit_cancel_and_drain),
		cmocka_unit_test(test_event_callback_may_submit),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
