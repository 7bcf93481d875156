/*
 * console_jobs.c — the polling the console asks for, as jobs on the
 * engine's workers: a sweep of one OLT and its health (R, or every OLT at
 * start with --sweep), a live read of one ONT (the signal view).  The jobs
 * themselves are core's (ops_sweep_job, ops_live_job: the same ones `poll
 * --once` and the daemon run); this file only submits them and counts
 * them.  Results go to SQLite; the completion event carries a one-line
 * message for the technician.  UI thread.
 */
#include "tui/console/console.h"

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
