/*
 * pool.c — N worker threads taking jobs from one queue.
 *
 * One mutex guards everything: the two queues (high and low priority, FIFO
 * each), the list of running jobs, the event list and the stop state.  Two
 * condition variables hang off it: `work` wakes workers (a job was queued, a
 * job finished and may have unblocked one for the same OLT, or the pool is
 * stopping); `idle` wakes pool_wait_idle().
 *
 * Per-OLT rules are checked against the running list (at most `workers`
 * entries), so there is no per-OLT table to keep in step: a queued job is
 * runnable when its OLT has fewer than per_olt_max jobs running and, for a
 * JOB_WRITE job, no write running.
 *
 * A job's life: queued -> running -> (free callback) -> event posted -> the
 * struct freed; or queued -> cancelled/dropped -> free callback -> event.
 * The free callback and run always execute without the pool lock held, so
 * they may call pool_submit()/pool_cancel_*().  Completion events are
 * appended under the lock and one byte is written to the wake-up pipe after
 * it is released; pool_events_drain() empties the pipe *before* taking the
 * events, so a byte can be spurious but an event is never left without one.
 * pool_poke() writes a byte with no event: a running job that publishes
 * progress in shared state of its own updates it first, then pokes, so the
 * UI's read after the drain sees the update (the same "drain empties the
 * pipe first" ordering).
 *
 * Threads: workers are created with every asynchronous signal blocked (the
 * UI thread handles SIGWINCH/SIGINT; a SIGPIPE raised by a worker's socket
 * stays pending in that worker and the write returns EPIPE).
 */
#include "core/pool.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/queue.h>
#include <unistd.h>

#include "lib/util.h"

struct pool_job {
	uint64_t		 id;
	struct job_spec		 spec;
	atomic_bool		 cancelled;
	TAILQ_ENTRY(pool_job)	 entry;	/* in a queue or the running list */
};
TAILQ_HEAD(job_list, pool_job);

struct event {
	struct pool_event	 ev;
	char			*msg;	/* owned; ev.msg points here */
	struct event		*next;
};

struct pool {
	pthread_mutex_t	 lock;
	pthread_cond_t	 work;		/* workers wait here */
	pthread_cond_t	 idle;		/* pool_wait_idle waits here */
	struct job_list	 queue[2];	/* indexed by enum job_priority */
	struct job_list	 running;
	size_t		 nqueued;
	size_t		 nrunning;
	size_t		 ndiscard;	/* cancelled, free callback pending */
	uint64_t	 next_id;
	int		 per_olt_max;
	bool		 stopping;	/* no more submissions */
	bool		 cancel_all;	/* jobs starting now see cancelled */
	bool		 stopped;	/* workers joined */
	struct event	*ev_head, *ev_tail;
	int		 wake[2];	/* [0] read by the UI, [1] by workers */
	pthread_t	*threads;
	int		 nthreads;
};

/* Writes one byte to the wake-up pipe; a full pipe already means "wake". */
static void
pool_wake(struct pool *p)
{
	char c = 'e';

	while (write(p->wake[1], &c, 1) < 0 && errno == EINTR)
		;
}

/* Appends a completion event; call with the lock held.  Takes msg. */
static void
pool_post_locked(struct pool *p, const struct pool_job *job, enum pool_job_status st,
    char *msg)
{
	struct event *e = xcalloc(1, sizeof *e);

	e->ev.job_id = job->id;
	e->ev.kind = job->spec.kind;
	e->ev.olt_id = job->spec.olt_id;
	e->ev.status = st;
	e->msg = msg;
	e->ev.msg = msg;
	if (p->ev_tail != NULL)
		p->ev_tail->next = e;
	else
		p->ev_head = e;
	p->ev_tail = e;
}

/* Wakes idle waiters when nothing is queued or running; lock held. */
static void
pool_check_idle_locked(struct pool *p)
{
	if (p->nqueued == 0 && p->nrunning == 0 && p->ndiscard == 0)
		pthread_cond_broadcast(&p->idle);
}

/* True if job may start now given what runs for its OLT; lock held. */
static bool
pool_runnable_locked(const struct pool *p, const struct pool_job *job)
{
	const struct pool_job *r;
	int n = 0;

	if (job->spec.olt_id == 0)
		return true;
	TAILQ_FOREACH(r, &p->running, entry) {
		if (r->spec.olt_id != job->spec.olt_id)
			continue;
		if ((job->spec.flags & JOB_WRITE) && (r->spec.flags & JOB_WRITE))
			return false;
		if (++n >= p->per_olt_max)
			return false;
	}
	return true;
}

/* Takes the first runnable queued job, high priority first; lock held. */
static struct pool_job *
pool_pick_locked(struct pool *p)
{
	struct pool_job *job;

	for (int prio = JOB_PRIO_HIGH; prio >= JOB_PRIO_LOW; prio--) {
		TAILQ_FOREACH(job, &p->queue[prio], entry) {
			if (!pool_runnable_locked(p, job))
				continue;
			TAILQ_REMOVE(&p->queue[prio], job, entry);
			p->nqueued--;
			return job;
		}
	}
	return NULL;
}

/* Frees a job that never ran and posts POOL_JOB_CANCELLED; lock not held. The
   job was counted in ndiscard when it left the queue. */
static void
pool_discard(struct pool *p, struct pool_job *job)
{
	if (job->spec.free != NULL)
		job->spec.free(job->spec.arg);
	pthread_mutex_lock(&p->lock);
	pool_post_locked(p, job, POOL_JOB_CANCELLED, NULL);
	p->ndiscard--;
	pool_check_idle_locked(p);
	pthread_mutex_unlock(&p->lock);
	pool_wake(p);
	free(job);
}

/* Runs one job outside the lock and records its end; returns locked. */
static void
pool_run_one(struct pool *p, struct pool_job *job)
{
	enum pool_job_status st;
	char *msg = NULL;
	int rc;

	if (p->cancel_all)
		atomic_store(&job->cancelled, true);
	TAILQ_INSERT_TAIL(&p->running, job, entry);
	p->nrunning++;
	pthread_mutex_unlock(&p->lock);

	rc = job->spec.run(job, job->spec.arg, &msg);
	if (rc == 0)
		st = POOL_JOB_DONE;
	else
		st = atomic_load(&job->cancelled) ? POOL_JOB_CANCELLED : POOL_JOB_FAILED;
	if (job->spec.free != NULL)
		job->spec.free(job->spec.arg);

	pthread_mutex_lock(&p->lock);
	TAILQ_REMOVE(&p->running, job, entry);
	p->nrunning--;
	pool_post_locked(p, job, st, msg);
	pthread_cond_broadcast(&p->work);	/* may unblock its OLT */
	pool_check_idle_locked(p);
	pthread_mutex_unlock(&p->lock);
	pool_wake(p);
	free(job);
	pthread_mutex_lock(&p->lock);
}

/* A worker thread: run jobs until the pool stops and the queue is empty. */
static void *
pool_worker(void *arg)
{
	struct pool *p = arg;
	struct pool_job *job;

	pthread_mutex_lock(&p->lock);
	for (;;) {
		if ((job = pool_pick_locked(p)) != NULL) {
			pool_run_one(p, job);
			continue;
		}
		if (p->stopping && p->nqueued == 0)
			break;
		pthread_cond_wait(&p->work, &p->lock);
	}
	pthread_mutex_unlock(&p->lock);
	return NULL;
}

/* Blocks every signal that is not a synchronous fault; saves the old mask. */
static void
pool_block_signals(sigset_t *old)
{
	sigset_t set;

	sigfillset(&set);
	sigdelset(&set, SIGSEGV);
	sigdelset(&set, SIGBUS);
	sigdelset(&set, SIGFPE);
	sigdelset(&set, SIGILL);
	sigdelset(&set, SIGABRT);
	sigdelset(&set, SIGTRAP);
	pthread_sigmask(SIG_BLOCK, &set, old);
}

/* Makes fd non-blocking and close-on-exec. */
static int
pool_fd_setup(int fd)
{
	int fl = fcntl(fd, F_GETFL);

	if (fl < 0 || fcntl(fd, F_SETFL, fl | O_NONBLOCK) < 0)
		return -1;
	return fcntl(fd, F_SETFD, FD_CLOEXEC);
}

/* Starts the workers and the wake-up pipe. */
struct pool *
pool_start(const struct pool_config *cfg, char **cause)
{
	struct pool *p = xcalloc(1, sizeof *p);
	sigset_t old;
	int n, err = 0;

	n = cfg != NULL && cfg->workers > 0 ? cfg->workers : 4;
	p->per_olt_max = cfg != NULL && cfg->per_olt_max > 0 ?
	    cfg->per_olt_max : 2;
	p->next_id = 1;
	TAILQ_INIT(&p->queue[0]);
	TAILQ_INIT(&p->queue[1]);
	TAILQ_INIT(&p->running);
	if (pipe(p->wake) != 0) {
		set_cause(cause, "cannot create the worker wake-up pipe: %s",
		    strerror(errno));
		free(p);
		return NULL;
	}
	if (pool_fd_setup(p->wake[0]) != 0 || pool_fd_setup(p->wake[1]) != 0) {
		set_cause(cause, "cannot set up the worker wake-up pipe: %s",
		    strerror(errno));
		close(p->wake[0]);
		close(p->wake[1]);
		free(p);
		return NULL;
	}
	pthread_mutex_init(&p->lock, NULL);
	pthread_cond_init(&p->work, NULL);
	pthread_cond_init(&p->idle, NULL);
	p->threads = xcalloc((size_t)n, sizeof *p->threads);

	pool_block_signals(&old);
	for (p->nthreads = 0; p->nthreads < n; p->nthreads++) {
		err = pthread_create(&p->threads[p->nthreads], NULL,
		    pool_worker, p);
		if (err != 0)
			break;
	}
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (err != 0) {
		set_cause(cause, "cannot start worker thread %d of %d: %s",
		    p->nthreads + 1, n, strerror(err));
		pool_free(p);
		return NULL;
	}
	return p;
}

/* Queues a job; the pool owns spec->arg from now on. */
uint64_t
pool_submit(struct pool *p, const struct job_spec *spec)
{
	struct pool_job *job;
	uint64_t id;

	pthread_mutex_lock(&p->lock);
	if (p->stopping || spec->run == NULL) {
		pthread_mutex_unlock(&p->lock);
		if (spec->free != NULL)
			spec->free(spec->arg);
		return 0;
	}
	job = xcalloc(1, sizeof *job);
	job->spec = *spec;
	if (job->spec.priority != JOB_PRIO_HIGH)
		job->spec.priority = JOB_PRIO_LOW;
	atomic_init(&job->cancelled, false);
	id = job->id = p->next_id++;
	TAILQ_INSERT_TAIL(&p->queue[job->spec.priority], job, entry);
	p->nqueued++;
	pthread_cond_signal(&p->work);
	pthread_mutex_unlock(&p->lock);
	return id;
}

/* Which jobs a cancel call matches. */
enum pool_match { MATCH_OLT, MATCH_KIND, MATCH_ID, MATCH_ALL };

/* True if job matches (what, value). */
static bool
pool_matches(const struct pool_job *job, enum pool_match what, int64_t value)
{
	switch (what) {
	case MATCH_OLT:
		return job->spec.olt_id == value;
	case MATCH_KIND:
		return job->spec.kind == value;
	case MATCH_ID:
		return job->id == (uint64_t)value;
	case MATCH_ALL:
		return true;
	}
	return false;
}

/* Removes matching queued jobs into out and flags matching running ones;
   lock held.  Returns the number affected. */
static int
pool_cancel_locked(struct pool *p, enum pool_match what, int64_t value,
    bool running, struct job_list *out)
{
	struct pool_job *job, *next;
	int n = 0;

	for (int prio = 0; prio < 2; prio++) {
		for (job = TAILQ_FIRST(&p->queue[prio]); job != NULL;
		    job = next) {
			next = TAILQ_NEXT(job, entry);
			if (!pool_matches(job, what, value))
				continue;
			TAILQ_REMOVE(&p->queue[prio], job, entry);
			p->nqueued--;
			p->ndiscard++;
			TAILQ_INSERT_TAIL(out, job, entry);
			n++;
		}
	}
	if (running) {
		TAILQ_FOREACH(job, &p->running, entry) {
			if (pool_matches(job, what, value) &&
			    !atomic_exchange(&job->cancelled, true))
				n++;
		}
	}
	return n;
}

/* Discards the jobs in list (free callback + event each). */
static void
pool_discard_list(struct pool *p, struct job_list *list)
{
	struct pool_job *job;

	while ((job = TAILQ_FIRST(list)) != NULL) {
		TAILQ_REMOVE(list, job, entry);
		pool_discard(p, job);
	}
}

/* Cancels what matches (what, value); returns the number affected. */
static int
pool_cancel(struct pool *p, enum pool_match what, int64_t value)
{
	struct job_list out = TAILQ_HEAD_INITIALIZER(out);
	int n;

	pthread_mutex_lock(&p->lock);
	n = pool_cancel_locked(p, what, value, true, &out);
	pthread_mutex_unlock(&p->lock);
	pool_discard_list(p, &out);
	return n;
}

/* Cancels every job for one OLT. */
int
pool_cancel_olt(struct pool *p, int64_t olt_id)
{
	return pool_cancel(p, MATCH_OLT, olt_id);
}

/* Cancels every job of one kind. */
int
pool_cancel_kind(struct pool *p, int kind)
{
	return pool_cancel(p, MATCH_KIND, kind);
}

/* Cancels one job by id. */
int
pool_cancel_job(struct pool *p, uint64_t id)
{
	return pool_cancel(p, MATCH_ID, (int64_t)id);
}

/* True while job id is queued or running. */
bool
pool_job_active(struct pool *p, uint64_t id)
{
	const struct pool_job *job;
	bool found = false;

	pthread_mutex_lock(&p->lock);
	for (int prio = 0; prio < 2 && !found; prio++) {
		TAILQ_FOREACH(job, &p->queue[prio], entry) {
			if (job->id == id) {
				found = true;
				break;
			}
		}
	}
	TAILQ_FOREACH(job, &p->running, entry) {
		if (job->id == id)
			found = true;
	}
	pthread_mutex_unlock(&p->lock);
	return found;
}

/* Blocks until nothing is queued or running. */
void
pool_wait_idle(struct pool *p)
{
	pthread_mutex_lock(&p->lock);
	while (p->nqueued != 0 || p->nrunning != 0 || p->ndiscard != 0)
		pthread_cond_wait(&p->idle, &p->lock);
	pthread_mutex_unlock(&p->lock);
}

/* Wakes the UI with no event (progress published by a running job). */
void
pool_poke(struct pool *p)
{
	pool_wake(p);
}

/* The read end of the wake-up pipe. */
int
pool_wake_fd(const struct pool *p)
{
	return p->wake[0];
}

/* Empties the pipe, then hands every waiting event to fn. */
size_t
pool_events_drain(struct pool *p, pool_event_fn fn, void *ctx)
{
	char scratch[256];
	struct event *e, *next;
	size_t n = 0;
	ssize_t r;

	do
		r = read(p->wake[0], scratch, sizeof scratch);
	while (r > 0 || (r < 0 && errno == EINTR));
	pthread_mutex_lock(&p->lock);
	e = p->ev_head;
	p->ev_head = p->ev_tail = NULL;
	pthread_mutex_unlock(&p->lock);
	for (; e != NULL; e = next) {
		next = e->next;
		if (fn != NULL)
			fn(&e->ev, ctx);
		free(e->msg);
		free(e);
		n++;
	}
	return n;
}

/* Stops the pool: drop or run queued jobs, wait for running ones, join. */
void
pool_stop(struct pool *p, unsigned flags)
{
	struct job_list out = TAILQ_HEAD_INITIALIZER(out);
	struct pool_job *job;

	pthread_mutex_lock(&p->lock);
	if (p->stopped) {
		pthread_mutex_unlock(&p->lock);
		return;
	}
	p->stopping = true;
	if (flags & POOL_STOP_DROP)
		pool_cancel_locked(p, MATCH_ALL, 0, false, &out);
	if (flags & POOL_STOP_CANCEL) {
		p->cancel_all = true;
		TAILQ_FOREACH(job, &p->running, entry)
			atomic_store(&job->cancelled, true);
	}
	pthread_cond_broadcast(&p->work);
	pthread_mutex_unlock(&p->lock);
	pool_discard_list(p, &out);

	for (int i = 0; i < p->nthreads; i++)
		pthread_join(p->threads[i], NULL);
	pthread_mutex_lock(&p->lock);
	p->stopped = true;
	pthread_mutex_unlock(&p->lock);
}

/* Stops if needed and releases everything. */
void
pool_free(struct pool *p)
{
	if (p == NULL)
		return;
	pool_stop(p, POOL_STOP_DROP | POOL_STOP_CANCEL);
	pool_events_drain(p, NULL, NULL);
	close(p->wake[0]);
	close(p->wake[1]);
	pthread_cond_destroy(&p->work);
	pthread_cond_destroy(&p->idle);
	pthread_mutex_destroy(&p->lock);
	free(p->threads);
	free(p);
}

/* The job's id. */
uint64_t
job_id(const struct pool_job *job)
{
	return job->id;
}

/* The job's kind, as given at submission. */
int
job_kind(const struct pool_job *job)
{
	return job->spec.kind;
}

/* The job's OLT id (0 = none). */
int64_t
job_olt(const struct pool_job *job)
{
	return job->spec.olt_id;
}

/* True once the job has been cancelled; run callbacks poll this. */
bool
job_cancelled(const struct pool_job *job)
{
	return atomic_load(&((struct pool_job *)job)->cancelled);
}
