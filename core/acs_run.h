/*
 * acs_run.h — running an ACS job (acs_jobs.h) on the engine's workers,
 * with at most the job's cap of devices in flight.
 *
 *   open ── claim the job (state running, this pid), unseal its secrets
 *     ── resolve (one worker job, only when the job has no items yet):
 *        the filter becomes devices, each with the exact parameters it
 *        would get; every item is written in one transaction before
 *        anything is sent
 *     ── send: a worker job per device, never more than cap at once; each
 *        marks its item "sending" in the database, then calls the
 *        per-device operation (which reads the device back first and
 *        sends nothing when it is already as asked), then records the
 *        outcome: done / queued (task id) / failed (reason) / skipped
 *     ── firmware: track the queued downloads until the ACS no longer
 *        holds them, then read the version the device reports
 *     ── end: done, paused (stopped: Ctrl-C, the ACS unreachable, the
 *        daemon stopping) or cancelled
 *
 * Resume is open again: items done, queued, failed or skipped are not
 * sent again (store_acs_items_move() failed → pending retries them);
 * items left "sending" by a killed process are sent again through the same
 * operation, whose read-back makes it report "already as asked" without
 * resending when the first attempt did reach the device.
 *
 * Cancel (another process sets the job's state to cancelled, or a run
 * opened with ACS_RUN_CANCEL): nothing more is started; once the devices
 * in flight are done, the pending ones become cancelled and every queued
 * task of the job is deleted from the ACS where the ACS still holds it.
 *
 * The per-device operation is a seam (struct acs_run_ops): the real one
 * talks to the ACS (acs_apply.c); tests give a fake.
 *
 * Threads: open, pump, wait, stop, progress and close are called from one
 * owner thread (a verb's main thread, the daemon's loop); pump never
 * blocks on the network.  The ops run on the engine's workers, each with
 * a client of its own (ops->open, at most cap of them).  The engine must
 * have workers.
 */
#ifndef OLTUI_ACS_RUN_H
#define OLTUI_ACS_RUN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/acs_jobs.h"
#include "lib/err.h"

struct engine;

/* Where a download is tracked between two looks, and for how long. */
#define ACS_TRACK_INTERVAL_MS	5000
#define ACS_TRACK_MAX_S		86400

/* The unsealed secrets of a job, for the per-device operation (borrowed;
   NULL when the change does not carry it). */
struct acs_secrets {
	const char	*v[ACS_SECRET_COUNT];
};

/* What happened to one device. */
struct acs_outcome {
	enum acs_item_state	 state;
	char			 reason[1024];
	char			 task_id[ACS_TASK_ID_MAX + 1];	/* a queued task; "" = none */
	char			 version_after[ACS_VERSION_MAX];	/* firmware */
	enum err_kind		 stop;	/* not ERR_NONE: the ACS itself did not
					   answer (unreachable, login refused): the
					   item stays pending, the run stops with
					   reason as its cause */
};

/* The per-device operations, and how a worker reaches the ACS. */
struct acs_run_ops {
	/* A client for one worker thread; NULL and *cause when the ACS
	   cannot be set up (a bad URL). */
	void	*(*open)(void *ctx, char **cause);
	void	 (*close)(void *ctx, void *client);
	/* The devices job's filter selects, each as an item (device id,
	   serial, params, version_before; state pending, or skipped with a
	   reason when the change does not apply).  0 and *items (may be
	   none), or -1 and *err. */
	int	 (*resolve)(void *ctx, void *client, struct engine *e,
		    const struct acs_job *job, struct acs_item **items, size_t *n,
		    struct err *err);
	/* Sends one device its change (reading it back first). */
	void	 (*apply)(void *ctx, void *client, struct engine *e,
		    const struct acs_job *job, const struct acs_item *it,
		    const struct acs_secrets *sec, struct acs_outcome *out);
	/* Looks again at a queued firmware download: still queued, or done
	   with the version now reported, or failed.  May be NULL (mass). */
	void	 (*track)(void *ctx, void *client, struct engine *e,
		    const struct acs_job *job, const struct acs_item *it,
		    struct acs_outcome *out);
	/* Deletes a queued item's task (cancel): cancelled when deleted,
	   done when the ACS no longer held it (it ran). */
	void	 (*unqueue)(void *ctx, void *client, struct engine *e,
		    const struct acs_job *job, const struct acs_item *it,
		    struct acs_outcome *out);
	void	*ctx;
};

/* acs_run_open() modes. */
enum acs_run_mode {
	ACS_RUN_SEND,		/* run or resume the job */
	ACS_RUN_CANCEL,		/* cancel it: unqueue and mark what is left */
};

/* A snapshot of a run, for a progress line and the end. */
struct acs_run_progress {
	struct acs_counts	 counts;	/* the items, as this run knows them */
	size_t			 inflight;	/* devices being handled now */
	size_t			 max_inflight;	/* the most at once so far (<= cap) */
	bool			 resolving;	/* still finding the devices */
	bool			 tracking;	/* waiting on queued downloads */
	bool			 finished;
	enum acs_job_state	 state;		/* the job's state (final once finished) */
	enum err_kind		 kind;		/* why it stopped early; ERR_NONE */
	char			 cause[512];	/* the job's cause; "" */
	int64_t			 elapsed_ms;
	size_t			 handled;	/* devices this run finished */
};

struct acs_run;

/* Claims job id for this process and prepares a run: refused (ERR_USAGE)
   for no such job or a job that cannot be run in this mode (done,
   cancelled), (ERR_REFUSED) when another live process runs it or the
   vault cannot open its secrets.  0 and *out, or -1 and *err. */
int acs_run_open(struct engine *e, int64_t id, const struct acs_run_ops *ops,
    enum acs_run_mode mode, struct acs_run **out, struct err *err);
/* Does what can be done now without blocking: submits the resolution,
   devices up to the cap, looks, cancel work; notices a cancel made by
   another process (once a second).  1 while the run goes on, 0 once it
   has ended (the job's state is recorded). */
int acs_run_pump(struct acs_run *r);
/* Blocks until something changed (a device finished) or ms passed. */
void acs_run_wait(struct acs_run *r, int ms);
/* Stops starting devices; the run ends as state (AJ_PAUSED: resumable;
   AJ_CANCELLED: cancel) once the ones in flight are done.  cause (may be
   NULL) is recorded. */
void acs_run_stop(struct acs_run *r, enum acs_job_state state, const char *cause);
void acs_run_progress(struct acs_run *r, struct acs_run_progress *p);
/* The job as the run started it (its id, kind, cap, filter, change). */
const struct acs_job *acs_run_job(const struct acs_run *r);
/* Frees a run.  A run that has not ended is stopped (paused) first,
   waiting for the devices in flight. */
void acs_run_close(struct acs_run *r);

/* Resolves job (not stored; its secrets need not be) into items without
   sending anything: what a dry run prints.  On the calling thread. */
int acs_run_preview(struct engine *e, const struct acs_job *job,
    const struct acs_run_ops *ops, struct acs_item **items, size_t *n, struct err *err);

/* True when process pid exists (the owner of a running job). */
bool acs_run_pid_alive(int64_t pid);

#endif
