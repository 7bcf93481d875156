/* test_pool_sched.c — the periodic scheduler on top of the pool (TSan).
 * Behaviour, not speed: bounds are checked on the jitter function itself;
 * live tests use generous deadlines and only lower bounds on gaps. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "core/pool.h"
#include "core/sched.h"
#include "lib/util.h"

#define MAXF	 256
#define DEADLINE 10000	/* ms: only reached when something is broken */

/* One entry's context: what its factory saw and what its jobs did. */
struct tctx {
	atomic_int	calls;		/* factory calls */
	int64_t		at[MAXF];	/* mono_ms() of each call (factory only) */
	atomic_int	runs;		/* jobs run */
	atomic_int	frees;		/* job args freed */
	atomic_int	gate;		/* 0: jobs block until 1 or cancelled */
	atomic_int	started;
	atomic_int	ctx_freed;
	bool		gated;		/* jobs wait on the gate */
	int		decline_every;	/* factory returns -1 on every n-th call */
};

static int
trun(struct pool_job *job, void *arg, char **msg)
{
	struct tctx *c = arg;
	int64_t end = mono_ms() + DEADLINE;

	(void)msg;
	atomic_fetch_add(&c->runs, 1);
	if (c->gated) {
		atomic_fetch_add(&c->started, 1);
		while (atomic_load(&c->gate) == 0 && !job_cancelled(job) &&
		    mono_ms() < end)
			sleep_ms(1);
	}
	return 0;
}

static void
tfree(void *arg)
{
	struct tctx *c = arg;

	atomic_fetch_add(&c->frees, 1);
}

static int
factory(void *ctx, struct job_spec *spec)
{
	struct tctx *c = ctx;
	int n = atomic_fetch_add(&c->calls, 1);

	if (n < MAXF)
		c->at[n] = mono_ms();
	if (c->decline_every > 0 && (n + 1) % c->decline_every == 0)
		return -1;
	spec->kind = 9;
	spec->olt_id = 1;
	spec->priority = JOB_PRIO_LOW;
	spec->run = trun;
	spec->free = tfree;
	spec->arg = c;
	return 0;
}

static void
ctx_free(void *ctx)
{
	struct tctx *c = ctx;

	atomic_fetch_add(&c->ctx_freed, 1);
}

/* Waits until *a >= want; false on deadline. */
static bool
wait_for(atomic_int *a, int want)
{
	int64_t end = mono_ms() + DEADLINE;

	while (atomic_load(a) < want) {
		if (mono_ms() > end)
			return false;
		sleep_ms(1);
	}
	return true;
}

/* Starts a pool and a scheduler on it. */
static void
start(struct pool **p, struct sched **s)
{
	struct pool_config cfg = { .workers = 2, .per_olt_max = 2 };
	char *cause = NULL;

	*p = pool_start(&cfg, &cause);
	if (*p == NULL)
		fail_msg("pool_start: %s", cause);
	*s = sched_start(*p, &cause);
	if (*s == NULL)
		fail_msg("sched_start: %s", cause);
}

static void
test_jittered_delay_stays_within_bounds_and_spreads(void **state)
{
	uint64_t rng = 12345;
	int64_t lo = INT64_MAX, hi = 0, d;
	double sum = 0;
	const int n = 100000;

	(void)state;
	for (int i = 0; i < n; i++) {
		d = sched_jittered_ms(1000, 0.2, &rng);
		assert_true(d >= 800 && d <= 1200);
		lo = d < lo ? d : lo;
		hi = d > hi ? d : hi;
		sum += (double)d;
	}
	assert_true(lo <= 805);		/* the whole range is used */
	assert_true(hi >= 1195);
	assert_true(sum / n > 990 && sum / n < 1010);
	for (int i = 0; i < 1000; i++) {
		assert_int_equal(sched_jittered_ms(1000, 0, &rng), 1000);
		d = sched_jittered_ms(1000, 5.0, &rng);	/* clamped to 0.9 */
		assert_true(d >= 100 && d <= 1900);
		assert_true(sched_jittered_ms(1, 0.9, &rng) >= 1);
	}
}

static void
test_fires_repeatedly_never_too_soon_and_stops(void **state)
{
	struct tctx *c = xcalloc(1, sizeof *c);
	struct pool *p;
	struct sched *s;
	uint64_t id, fired = 0, skipped = 0;
	int n;

	(void)state;
	start(&p, &s);
	id = sched_add(s, 40, 0.25, factory, c, ctx_free);
	assert_true(id > 0);
	assert_true(wait_for(&c->calls, 6));
	sched_stop(s);
	n = atomic_load(&c->calls);
	assert_int_equal(sched_stats(s, id, &fired, &skipped), 0);
	assert_int_equal(fired, (uint64_t)n);	/* each factory call submitted */
	sleep_ms(150);
	assert_int_equal(atomic_load(&c->calls), n);	/* stopped means stopped */
	for (int i = 1; i < n && i < MAXF; i++)
		assert_true(c->at[i] - c->at[i - 1] >= 30);	/* 40 * (1 - 0.25) */
	pool_wait_idle(p);
	assert_int_equal(atomic_load(&c->runs), (int)fired);
	assert_int_equal(atomic_load(&c->frees), (int)fired);
	sched_free(s);
	assert_int_equal(atomic_load(&c->ctx_freed), 1);
	pool_free(p);
	free(c);
}

static void
test_stop_is_immediate_with_a_long_interval(void **state)
{
	struct tctx *c = xcalloc(1, sizeof *c);
	struct pool *p;
	struct sched *s;
	int64_t t0;

	(void)state;
	start(&p, &s);
	sched_add(s, 3600 * 1000, 0, factory, c, ctx_free);	/* first: now */
	assert_true(wait_for(&c->calls, 1));
	t0 = mono_ms();
	sched_stop(s);
	/* Generous: a broken stop would wait an hour. */
	assert_true(mono_ms() - t0 < 5000);
	assert_int_equal(atomic_load(&c->calls), 1);
	sched_stop(s);		/* idempotent */
	sched_free(s);
	pool_free(p);
	assert_int_equal(atomic_load(&c->frees), 1);
	free(c);
}

static void
test_skips_while_previous_job_is_active(void **state)
{
	struct tctx *c = xcalloc(1, sizeof *c);
	struct pool *p;
	struct sched *s;
	uint64_t id, fired = 0, skipped = 0;
	int64_t end = mono_ms() + DEADLINE;

	(void)state;
	c->gated = true;
	start(&p, &s);
	id = sched_add(s, 10, 0, factory, c, ctx_free);
	assert_true(wait_for(&c->started, 1));
	while (skipped < 3 && mono_ms() < end) {
		sleep_ms(5);
		sched_stats(s, id, &fired, &skipped);
	}
	assert_true(skipped >= 3);
	assert_int_equal(fired, 1);	/* no backlog while the poll hangs */
	assert_int_equal(atomic_load(&c->calls), 1);
	atomic_store(&c->gate, 1);
	assert_true(wait_for(&c->runs, 3));	/* and resumes afterwards */
	sched_free(s);
	pool_free(p);
	assert_int_equal(atomic_load(&c->frees), atomic_load(&c->runs));
	free(c);
}

static void
test_remove_stops_one_entry_and_frees_its_ctx(void **state)
{
	struct tctx *a = xcalloc(1, sizeof *a), *b = xcalloc(1, sizeof *b);
	struct pool *p;
	struct sched *s;
	uint64_t ida;
	int n;

	(void)state;
	start(&p, &s);
	ida = sched_add(s, 10, 0.1, factory, a, ctx_free);
	sched_add(s, 10, 0.1, factory, b, ctx_free);
	assert_true(wait_for(&a->calls, 2));
	assert_int_equal(sched_remove(s, ida), 0);
	assert_int_equal(atomic_load(&a->ctx_freed), 1);
	assert_int_equal(sched_remove(s, ida), -1);
	assert_int_equal(sched_stats(s, ida, NULL, NULL), -1);
	n = atomic_load(&a->calls);
	assert_true(wait_for(&b->calls, atomic_load(&b->calls) + 3));
	assert_int_equal(atomic_load(&a->calls), n);
	sched_free(s);
	assert_int_equal(atomic_load(&b->ctx_freed), 1);
	pool_free(p);
	assert_int_equal(atomic_load(&a->frees), atomic_load(&a->runs));
	free(a);
	free(b);
}

static void
test_factory_may_decline_a_firing(void **state)
{
	struct tctx *c = xcalloc(1, sizeof *c);
	struct pool *p;
	struct sched *s;
	uint64_t id, fired = 0, skipped = 0;
	int n;

	(void)state;
	c->decline_every = 2;
	start(&p, &s);
	id = sched_add(s, 10, 0, factory, c, ctx_free);
	assert_true(wait_for(&c->calls, 6));
	sched_stop(s);
	sched_stats(s, id, &fired, &skipped);
	pool_wait_idle(p);
	/* Every second factory call declines; every other one submits.  (A
	   firing can also be skipped without calling the factory while the
	   previous job is still queued.) */
	n = atomic_load(&c->calls);
	assert_int_equal(fired, (uint64_t)(n - n / 2));
	assert_true(skipped >= (uint64_t)(n / 2));
	assert_int_equal(atomic_load(&c->runs), (int)fired);
	sched_free(s);
	pool_free(p);
	free(c);
}

static void
test_firing_into_a_stopped_pool_is_skipped_and_freed(void **state)
{
	struct tctx *c = xcalloc(1, sizeof *c);
	struct pool *p;
	struct sched *s;
	uint64_t id, fired = 0, skipped = 0;

	(void)state;
	start(&p, &s);
	pool_stop(p, POOL_STOP_DROP);
	id = sched_add(s, 10, 0, factory, c, ctx_free);
	assert_true(wait_for(&c->calls, 3));
	sched_stop(s);
	sched_stats(s, id, &fired, &skipped);
	assert_int_equal(fired, 0);
	assert_true(skipped >= 3);
	assert_int_equal(atomic_load(&c->runs), 0);
	assert_int_equal(atomic_load(&c->frees), atomic_load(&c->calls));
	sched_free(s);
	pool_free(p);
	free(c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(
		    test_jittered_delay_stays_within_bounds_and_spreads),
		cmocka_unit_test(test_fires_repeatedly_never_too_soon_and_stops),
		cmocka_unit_test(test_stop_is_immediate_with_a_long_interval),
		cmocka_unit_test(test_skips_while_previous_job_is_active),
		cmocka_unit_test(test_remove_stops_one_entry_and_frees_its_ctx),
		cmocka_unit_test(test_factory_may_decline_a_firing),
		cmocka_unit_test(
		    test_firing_into_a_stopped_pool_is_skipped_and_freed),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
