/*
 * console_jobs.c — the polling the console asks for, as jobs on the
 * engine's workers: a sweep of one OLT and its health (R, or every OLT at
 * start with --sweep), a live read of one ONT (the signal view).  The jobs
 * themselves are core's (ops_sweep_job, ops_live_job: the same ones `poll
 * --once` and the daemon run); this file only submits them and counts
 * them.  Results go to SQLite; the completion event carries a one-line
 * message for the technician.
 *
 * It also runs the jobs whose result a pane reads from memory when their
 * event comes (jobs_shared: a router read, a mass change's dry run), with
 * the two references that let the pane close first.  UI thread (the
 * references are dropped from workers too: atomic).
 */
#include "tui/console/console.h"

#include <stdlib.h>

#include "core/ops.h"
#include "core/pool.h"

/* Submits spec; counts it as running, or says why not. */
static uint64_t
submit(struct console *c, struct job_spec *spec, const char *what, const char *olt)
{
	uint64_t id = c->pool != NULL ? pool_submit(c->pool, spec) : 0;

	if (id == 0) {
		if (c->pool == NULL && spec->free != NULL)
			spec->free(spec->arg);
		if (what != NULL)
			console_msg(c, true, "could not queue the %s of %s", what, olt);
	} else
		c->jobs_running++;
	return id;
}

/* Submits a sweep of OLT o (and its health). */
uint64_t
jobs_sweep(struct console *c, const struct olt *o)
{
	struct job_spec js;

	ops_sweep_job(c->eng, o->name, o->id, true, JOB_PRIO_HIGH, NULL, &js);
	return submit(c, &js, "sweep", o->name);
}

/* Submits a live read of ont. */
uint64_t
jobs_live(struct console *c, const struct olt *o, const struct ont *ont)
{
	struct job_spec js;

	ops_live_job(c->eng, o->name, o->id, ont->sn, &js);
	return submit(c, &js, NULL, o->name);
}

/* Drops one reference to a shared job's argument; the last frees it. */
void
jobs_share_drop(void *arg)
{
	struct job_share *sh = arg;

	if (sh == NULL || atomic_fetch_sub(&sh->refs, 1) != 1)
		return;
	if (sh->clear != NULL)
		sh->clear(arg);
	free(arg);
}

/* Submits a job whose result the pane reads. */
uint64_t
jobs_shared(struct console *c, int kind, int (*run)(struct pool_job *, void *, char **),
    void *arg, void (*clear)(void *), const char *what, const char *of)
{
	struct job_share *sh = arg;
	struct job_spec js = { 0 };
	uint64_t id;

	atomic_init(&sh->refs, 2);	/* the pool's and the pane's */
	sh->clear = clear;
	js.kind = kind;
	js.priority = JOB_PRIO_HIGH;
	js.run = run;
	js.free = jobs_share_drop;
	js.arg = arg;
	if ((id = submit(c, &js, what, of)) == 0)
		jobs_share_drop(arg);	/* the pool's went with the refusal */
	return id;
}
