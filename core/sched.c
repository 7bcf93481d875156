/*
 * sched.c — a timer thread that submits periodic jobs to the pool.
 *
 * One thread sleeps on a condition variable (CLOCK_MONOTONIC) until the
 * earliest entry is due, fires every due entry, and sleeps again.
 * sched_add/sched_remove/sched_stop signal the condition, so a new entry or
 * a stop takes effect at once rather than at the next deadline.
 *
 * Firing runs with the scheduler lock held (the factory is documented to be
 * quick and not to call back into sched_*); it takes the pool lock inside
 * it (pool_job_active, pool_submit).  The lock order is always sched ->
 * pool; the pool never calls the scheduler, so there is no cycle.
 *
 * The next due time is computed after the firing completes, from the clock
 * read then, so two firings of an entry are at least
 * interval * (1 - jitter) apart whatever the factory costs.
 *
 * Randomness: a xorshift64* generator per scheduler, seeded from the clock
 * and the scheduler's address; jitter only needs to spread load, not to be
 * unpredictable.
 */
#include "core/sched.h"

#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "lib/util.h"

#define SCHED_JITTER_MAX 0.9

struct entry {
	uint64_t	 id;
	int64_t		 interval;	/* ms */
	double		 jitter;	/* fraction of interval, [0, 0.9] */
	sched_factory_fn factory;
	void		*ctx;
	void		(*ctx_free)(void *);
	int64_t		 due;		/* mono_ms() of the next firing */
	uint64_t	 last_job;	/* pool id of the last job, 0 = none */
	uint64_t	 fired;
	uint64_t	 skipped;
	struct entry	*next;
};

struct sched {
	struct pool	*pool;
	pthread_mutex_t	 lock;
	pthread_cond_t	 cond;		/* CLOCK_MONOTONIC */
	struct entry	*entries;
	uint64_t	 next_id;
	uint64_t	 rng;
	bool		 stop;
	bool		 joined;
	pthread_t	 thread;
};

/* xorshift64*: the next pseudo-random 64-bit value. */
static uint64_t
sched_rand(uint64_t *state)
{
	uint64_t x = *state != 0 ? *state : 0x9e3779b97f4a7c15ull;

	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	*state = x;
	return x * 0x2545f4914f6cdd1dull;
}

/* A uniform double in [0, 1). */
static double
sched_uniform(uint64_t *rng)
{
	return (double)(sched_rand(rng) >> 11) * (1.0 / 9007199254740992.0);
}

/* Clamps a jitter fraction to [0, SCHED_JITTER_MAX]. */
static double
sched_clamp_jitter(double jitter)
{
	if (!(jitter > 0))	/* also NaN */
		return 0;
	return jitter > SCHED_JITTER_MAX ? SCHED_JITTER_MAX : jitter;
}

/* The delay before the next firing: interval * (1 + u * jitter). */
int64_t
sched_jittered_ms(int64_t interval_ms, double jitter, uint64_t *rng)
{
	double u = 2.0 * sched_uniform(rng) - 1.0;
	int64_t d;

	jitter = sched_clamp_jitter(jitter);
	d = (int64_t)llround((double)interval_ms * (1.0 + u * jitter));
	return d < 1 ? 1 : d;
}

/* Fires one entry: skip if its last job is still active, else submit. */
static void
sched_fire_locked(struct sched *s, struct entry *e)
{
	struct job_spec spec;
	uint64_t id;

	if (e->last_job != 0 && pool_job_active(s->pool, e->last_job)) {
		e->skipped++;
		return;
	}
	memset(&spec, 0, sizeof spec);
	if (e->factory(e->ctx, &spec) != 0) {
		e->skipped++;
		return;
	}
	if ((id = pool_submit(s->pool, &spec)) == 0) {
		e->skipped++;	/* pool stopping; it freed spec.arg */
		return;
	}
	e->last_job = id;
	e->fired++;
}

/* Sleeps on the condition until due (mono_ms) or a signal; lock held. */
static void
sched_wait_until_locked(struct sched *s, int64_t due)
{
	struct timespec ts;

	if (due == INT64_MAX) {
		pthread_cond_wait(&s->cond, &s->lock);
		return;
	}
	ts.tv_sec = (time_t)(due / 1000);
	ts.tv_nsec = (long)(due % 1000) * 1000000L;
	pthread_cond_timedwait(&s->cond, &s->lock, &ts);
}

/* The scheduler thread. */
static void *
sched_thread(void *arg)
{
	struct sched *s = arg;
	struct entry *e;
	int64_t earliest;

	pthread_mutex_lock(&s->lock);
	while (!s->stop) {
		earliest = INT64_MAX;
		for (e = s->entries; e != NULL; e = e->next) {
			if (e->due <= mono_ms()) {
				sched_fire_locked(s, e);
				e->due = mono_ms() + sched_jittered_ms(
				    e->interval, e->jitter, &s->rng);
			}
			if (e->due < earliest)
				earliest = e->due;
		}
		if (!s->stop && (earliest == INT64_MAX ||
		    earliest > mono_ms()))
			sched_wait_until_locked(s, earliest);
	}
	pthread_mutex_unlock(&s->lock);
	return NULL;
}

/* Starts the scheduler thread with asynchronous signals blocked. */
struct sched *
sched_start(struct pool *pool, char **cause)
{
	struct sched *s = xcalloc(1, sizeof *s);
	pthread_condattr_t ca;
	sigset_t set, old;
	int err;

	s->pool = pool;
	s->next_id = 1;
	s->rng = (uint64_t)mono_ms() ^ (uint64_t)(uintptr_t)s ^
	    0x5851f42d4c957f2dull;
	pthread_mutex_init(&s->lock, NULL);
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&s->cond, &ca);
	pthread_condattr_destroy(&ca);

	sigfillset(&set);
	sigdelset(&set, SIGSEGV);
	sigdelset(&set, SIGBUS);
	sigdelset(&set, SIGFPE);
	sigdelset(&set, SIGILL);
	sigdelset(&set, SIGABRT);
	sigdelset(&set, SIGTRAP);
	pthread_sigmask(SIG_BLOCK, &set, &old);
	err = pthread_create(&s->thread, NULL, sched_thread, s);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (err != 0) {
		set_cause(cause, "cannot start the scheduler thread: %s",
		    strerror(err));
		pthread_cond_destroy(&s->cond);
		pthread_mutex_destroy(&s->lock);
		free(s);
		return NULL;
	}
	return s;
}

/* Adds a periodic entry and wakes the thread to consider it. */
uint64_t
sched_add(struct sched *s, int64_t interval_ms, double jitter,
    sched_factory_fn factory, void *ctx, void (*ctx_free)(void *))
{
	struct entry *e = xcalloc(1, sizeof *e), **pp;
	uint64_t id;

	e->interval = interval_ms < 1 ? 1 : interval_ms;
	e->jitter = sched_clamp_jitter(jitter);
	e->factory = factory;
	e->ctx = ctx;
	e->ctx_free = ctx_free;
	pthread_mutex_lock(&s->lock);
	id = e->id = s->next_id++;
	e->due = mono_ms() + (int64_t)llround(sched_uniform(&s->rng) *
	    e->jitter * (double)e->interval);
	for (pp = &s->entries; *pp != NULL; pp = &(*pp)->next)
		;
	*pp = e;
	pthread_cond_signal(&s->cond);
	pthread_mutex_unlock(&s->lock);
	return id;
}

/* Frees one unlinked entry. */
static void
sched_entry_free(struct entry *e)
{
	if (e->ctx_free != NULL)
		e->ctx_free(e->ctx);
	free(e);
}

/* Removes an entry by id. */
int
sched_remove(struct sched *s, uint64_t id)
{
	struct entry **pp, *e = NULL;

	pthread_mutex_lock(&s->lock);
	for (pp = &s->entries; *pp != NULL; pp = &(*pp)->next) {
		if ((*pp)->id == id) {
			e = *pp;
			*pp = e->next;
			break;
		}
	}
	pthread_mutex_unlock(&s->lock);
	if (e == NULL)
		return -1;
	sched_entry_free(e);
	return 0;
}

/* Reports an entry's counters. */
int
sched_stats(struct sched *s, uint64_t id, uint64_t *fired, uint64_t *skipped)
{
	const struct entry *e;
	int rc = -1;

	pthread_mutex_lock(&s->lock);
	for (e = s->entries; e != NULL; e = e->next) {
		if (e->id == id) {
			if (fired != NULL)
				*fired = e->fired;
			if (skipped != NULL)
				*skipped = e->skipped;
			rc = 0;
			break;
		}
	}
	pthread_mutex_unlock(&s->lock);
	return rc;
}

/* Stops the thread at once and joins it. */
void
sched_stop(struct sched *s)
{
	pthread_mutex_lock(&s->lock);
	if (s->joined) {
		pthread_mutex_unlock(&s->lock);
		return;
	}
	s->stop = true;
	pthread_cond_broadcast(&s->cond);
	pthread_mutex_unlock(&s->lock);
	pthread_join(s->thread, NULL);
	pthread_mutex_lock(&s->lock);
	s->joined = true;
	pthread_mutex_unlock(&s->lock);
}

/* Stops and frees everything. */
void
sched_free(struct sched *s)
{
	struct entry *e;

	if (s == NULL)
		return;
	sched_stop(s);
	while ((e = s->entries) != NULL) {
		s->entries = e->next;
		sched_entry_free(e);
	}
	pthread_cond_destroy(&s->cond);
	pthread_mutex_destroy(&s->lock);
	free(s);
}
