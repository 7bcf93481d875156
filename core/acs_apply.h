/*
 * acs_apply.h — the real per-device operations of ACS jobs (the ops of
 * acs_run.h): what the runner, the verbs and the daemon use, and what the
 * unit tests replace with a fake.
 *
 *   resolve   acs_resolve.c: the job's filter to routers — a GenieACS query
 *             (paged with skip/limit), or oltui's selection (OLT, port,
 *             profile, contracts → serials from the database → each found
 *             on the ACS) — and for each router the exact parameters it
 *             would get (paths from its own data model and vendor quirks,
 *             acs_view.h), or why it is skipped; a firmware job checks the
 *             file on the ACS and notes each router's version;
 *   apply     acs_apply.c: one router's change through ops_acs_change()
 *             (the write pipeline: read the values first — nothing sent
 *             when already as asked —, audit under the contract, verify,
 *             undo), queued when the router does not answer; a firmware
 *             download, then the version the router reports;
 *   track     a queued download: the task's fate, then the version;
 *   unqueue   a queued task deleted from the ACS (cancel).
 *
 * A worker's client is an open connection to the engine's ACS
 * (ops_acs_client()).  An ACS that stops answering (or refuses oltui's
 * login) stops the run; a router that does not answer is queued.
 */
#ifndef OLTUI_ACS_APPLY_H
#define OLTUI_ACS_APPLY_H

#include <stdbool.h>
#include <stddef.h>

#include "core/acs_run.h"

struct engine;

/* The operations and what they need.  Owned by the caller; must outlive
   every run and preview that uses ops. */
struct acs_apply {
	struct engine		*e;
	const char		*acs_url;	/* --acs URL, or NULL: config.ini [acs] */
	struct acs_run_ops	 ops;		/* ctx = this struct */
};

/* Fills a: ops ready to hand to acs_run_open() / acs_run_preview(). */
void acs_apply_init(struct acs_apply *a, struct engine *e, const char *acs_url);

/* ---- acs_resolve.c ---- */

/* The resolve operation (acs_run_ops.resolve) on client (a struct acs). */
int acs_resolve(void *ctx, void *client, struct engine *e, const struct acs_job *job,
    struct acs_item **items, size_t *n, struct err *err);

/* Checks oltui's selection before a job is made: the OLT, the profile and
   every contract it names exist (ERR_USAGE naming the one that does not).
   0, or -1 with *err. */
int acs_resolve_check(struct engine *e, const struct acs_filter *f, struct err *err);

#endif
