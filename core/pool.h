/*
 * pool.h — worker threads, a job queue, completion events for the UI.
 *
 * Call order: pool_start() once from the UI thread; pool_submit() and the
 * pool_cancel_*() functions from any thread; the UI thread poll()s
 * pool_wake_fd() next to stdin and calls pool_events_drain() when it is
 * readable; pool_stop() then pool_free() from the thread that started it.
 *
 * Scheduling: a worker takes the first runnable job, high priority before
 * low, then in submission order.  A job with an OLT id (olt_id != 0) is
 * runnable only while
 *   - it is a JOB_WRITE job and no other JOB_WRITE job for that OLT runs
 *     (writes for one OLT run one at a time, in priority then submission
 *     order), and
 *   - fewer than per_olt_max jobs (reads and writes together) run for that
 *     OLT, so a sweep never opens more than per_olt_max sessions to an OLT.
 * Jobs without an OLT id are limited only by the number of workers.
 *
 * Ownership: from the moment pool_submit() is called the pool owns arg and
 * calls the job's free callback exactly once: after run, when the job is
 * cancelled while queued, when it is dropped at pool_stop(), or at once when
 * the submission is refused.
 */
#ifndef OLTUI_POOL_H
#define OLTUI_POOL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct pool;
struct pool_job;

/* Job flags. */
#define JOB_WRITE	0x1u	/* changes the OLT: one at a time per OLT
				   (no effect when olt_id is 0) */

enum job_priority {
	JOB_PRIO_LOW = 0,	/* periodic sweeps */
	JOB_PRIO_HIGH = 1,	/* something a technician is waiting for */
};

/* Runs the job in a worker thread.  Returns 0 on success or -1; may store a
   heap-allocated message in *msg (set_cause) which the pool hands to the
   completion event and frees.  Long jobs poll job_cancelled() and return
   -1 early when it is true. */
typedef int (*job_run_fn)(struct pool_job *job, void *arg, char **msg);
/* Releases arg; called exactly once per submitted job, in a worker thread
   or in the thread that cancels, stops or submits.  May be NULL. */
typedef void (*job_free_fn)(void *arg);

/* What to run; copied by pool_submit(). */
struct job_spec {
	int			 kind;		/* caller's enum, for cancel/events */
	int64_t			 olt_id;	/* 0 = not tied to an OLT */
	unsigned		 flags;		/* JOB_WRITE */
	enum job_priority	 priority;
	job_run_fn		 run;		/* required */
	job_free_fn		 free;		/* optional */
	void			*arg;
};

/* How a job ended. */
enum pool_job_status {
	POOL_JOB_DONE = 0,		/* run returned 0 */
	POOL_JOB_FAILED,		/* run returned -1 without being cancelled */
	POOL_JOB_CANCELLED,		/* cancelled while queued (never ran), or run
				   returned -1 after being cancelled */
};

/* A completion event, valid only during the pool_events_drain callback. */
struct pool_event {
	uint64_t	 job_id;
	int		 kind;
	int64_t		 olt_id;
	enum pool_job_status	 status;
	const char	*msg;		/* NULL when the job set none */
};
typedef void (*pool_event_fn)(const struct pool_event *ev, void *ctx);

struct pool_config {
	int	workers;	/* threads; <= 0 means 4 */
	int	per_olt_max;	/* concurrent jobs per OLT; <= 0 means 2 */
};

/* pool_stop() flags. */
#define POOL_STOP_DROP		0x1u	/* queued jobs are freed, not run */
#define POOL_STOP_CANCEL	0x2u	/* running jobs see job_cancelled() */

/* Starts the workers (with every asynchronous signal blocked in them) and
   the wake-up pipe.  Returns NULL and a cause on failure.  cfg may be NULL
   for the defaults. */
struct pool *pool_start(const struct pool_config *cfg, char **cause);

/* Queues a job.  Returns its id (> 0), or 0 when the pool is stopping or
   spec->run is NULL; the free callback has then already been called. */
uint64_t pool_submit(struct pool *p, const struct job_spec *spec);

/* Cancels matching jobs: queued ones are freed without running and post a
   POOL_JOB_CANCELLED event; running ones see job_cancelled() become true.
   Returns how many jobs were affected. */
int pool_cancel_olt(struct pool *p, int64_t olt_id);
int pool_cancel_kind(struct pool *p, int kind);
int pool_cancel_job(struct pool *p, uint64_t id);

/* True while job id is queued or running. */
bool pool_job_active(struct pool *p, uint64_t id);

/* Blocks until no job is queued, running or being cancelled: every free
   callback has returned and every completion event is posted.  Must not be
   called from a job. */
void pool_wait_idle(struct pool *p);

/* The read end of the wake-up pipe: readable when events are waiting.
   Non-blocking; owned by the pool. */
int pool_wake_fd(const struct pool *p);

/* Empties the wake-up pipe, then calls fn for every waiting event in
   completion order, in the calling thread, without any pool lock held (fn
   may submit or cancel jobs).  Returns the number of events. */
size_t pool_events_drain(struct pool *p, pool_event_fn fn, void *ctx);

/* Stops accepting jobs, then either runs the queued ones (flags 0) or drops
   them (POOL_STOP_DROP), waits for running jobs (telling them to stop with
   POOL_STOP_CANCEL) and joins every worker.  No job is interrupted half-way:
   a running job always returns from run() by itself.  Idempotent. */
void pool_stop(struct pool *p, unsigned flags);

/* Stops (POOL_STOP_DROP | POOL_STOP_CANCEL) if needed, closes the pipe and
   frees undrained events.  NULL is ignored. */
void pool_free(struct pool *p);

/* For run callbacks: the job's identity and whether it was cancelled. */
uint64_t job_id(const struct pool_job *job);
int job_kind(const struct pool_job *job);
int64_t job_olt(const struct pool_job *job);
bool job_cancelled(const struct pool_job *job);

#endif
