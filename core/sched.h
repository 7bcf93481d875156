/*
 * sched.h — periodic jobs with jitter, submitted to a worker pool.
 *
 * Call order: sched_start() after pool_start(); sched_add()/sched_remove()
 * from any thread; sched_stop() before pool_stop(); then sched_free().
 *
 * Timing: an entry first fires after a random delay in
 * [0, interval * jitter] (so a fleet added at once does not fire at once),
 * then each next firing is scheduled when the previous one is done, after
 * interval * (1 + u * jitter) with u uniform in [-1, 1].  Two firings of one
 * entry are therefore never closer than interval * (1 - jitter).
 *
 * Overlap: when the job an entry submitted last is still queued or running
 * at the next firing, the firing is skipped (counted in the entry's skip
 * count), so a slow OLT never accumulates a backlog of polls.
 */
#ifndef OLTUI_SCHED_H
#define OLTUI_SCHED_H

#include <stdbool.h>
#include <stdint.h>

#include "core/pool.h"

struct sched;

/* Builds the job for one firing: fills *spec (the pool then owns
   spec->arg) and returns 0, or returns -1 to skip this firing.  Runs in the
   scheduler thread with the scheduler lock held: it must be quick and must
   not call sched_*(). */
typedef int (*sched_factory_fn)(void *ctx, struct job_spec *spec);

/* Starts the scheduler thread (signals blocked), submitting to pool.
   Returns NULL and a cause on failure. */
struct sched *sched_start(struct pool *pool, char **cause);

/* Adds a periodic entry.  interval_ms >= 1; jitter is clamped to
   [0, 0.9].  ctx_free (may be NULL) is called on ctx when the entry is
   removed or the scheduler freed.  Returns the entry id (> 0). */
uint64_t sched_add(struct sched *s, int64_t interval_ms, double jitter,
    sched_factory_fn factory, void *ctx, void (*ctx_free)(void *));

/* Removes an entry (its ctx is freed); a job it already submitted is left
   to the pool.  0, or -1 if there is no such entry. */
int sched_remove(struct sched *s, uint64_t id);

/* Counters of one entry, for the status bar and tests: how many jobs it
   submitted and how many firings it skipped (previous job still active, or
   the factory declined).  0, or -1 if there is no such entry. */
int sched_stats(struct sched *s, uint64_t id, uint64_t *fired,
    uint64_t *skipped);

/* Stops the scheduler thread at once (no firing happens after it returns)
   and joins it.  Idempotent. */
void sched_stop(struct sched *s);

/* Stops if needed, frees every entry (ctx_free) and the scheduler.  NULL is
   ignored. */
void sched_free(struct sched *s);

/* The delay before the next firing: interval * (1 + u * jitter), u uniform
   in [-1, 1] drawn from *rng (any non-zero seed).  Exposed for tests. */
int64_t sched_jittered_ms(int64_t interval_ms, double jitter, uint64_t *rng);

#endif
