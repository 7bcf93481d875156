/*
 * console_jobs.c — the device work the console asks for, as pool jobs.
 *
 * A sweep (R, or every OLT at start with --sweep) reads one OLT's ONTs and
 * health over SNMP; a live read (the signal view) GETs one ONT.  Each job
 * runs in a worker with its own store connection (opened on the database
 * path, closed before the job returns) and a copy of the OLT and ONT it
 * needs; the config and the vault are shared read-only and outlive the
 * pool (console.c stops the pool before freeing them).  Results go to
 * SQLite; the completion event carries a one-line message for the
 * technician.  Submitted from the UI thread; run in workers.
 */
#include "tui/console/console.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/pool.h"
#include "core/poll.h"
#include "core/store.h"
#include "lib/util.h"

struct job_arg {
	char			*db;
	const struct config	*cfg;
	const struct vault	*vault;
	struct olt		 olt;
	struct ont		 ont;
};

static void
job_arg_free(void *p)
{
	struct job_arg *a = p;

	free(a->db);
	free(a);
}

/* Worker: sweeps one OLT, then reads its health. */
static int
run_sweep(struct pool_job *job, void *p, char **msg)
{
	struct job_arg *a = p;
	struct poll_ctx pc = { 0 };
	struct poll_result res;
	struct olt_health h;
	char *cause = NULL;
	int rc = -1;

	if (job_cancelled(job))
		return -1;
	if ((pc.st = store_open(a->db, &cause)) == NULL) {
		set_cause(msg, "sweep %s: %s", a->olt.name, cause);
		free(cause);
		return -1;
	}
	pc.cfg = a->cfg;
	pc.vault = a->vault;
	memset(&res, 0, sizeof res);
	if (poll_sweep_olt(&pc, &a->olt, &res, &cause) == -1) {
		set_cause(msg, "sweep %s failed: %s%s", a->olt.name, cause,
		    res.unreachable ? " (showing cached data)" : "");
		free(cause);
		goto out;
	}
	if (!job_cancelled(job) && poll_health(&pc, &a->olt, &h, &cause) == -1) {
		free(cause);	/* health is optional: the sweep itself worked */
		cause = NULL;
	}
	set_cause(msg, "swept %s: %zu ONTs, %zu online, %lld ms", a->olt.name, res.onts,
	    res.online, (long long)res.ms);
	rc = 0;
out:
	store_close(pc.st);
	return rc;
}

/* Worker: one live read of one ONT. */
static int
run_live(struct pool_job *job, void *p, char **msg)
{
	struct job_arg *a = p;
	struct poll_ctx pc = { 0 };
	struct ont_reading rd;
	char *cause = NULL;
	int rc = 0;

	if (job_cancelled(job))
		return -1;
	if ((pc.st = store_open(a->db, &cause)) == NULL) {
		set_cause(msg, "%s", cause);
		free(cause);
		return -1;
	}
	pc.cfg = a->cfg;
	pc.vault = a->vault;
	if (poll_live_ont(&pc, &a->olt, &a->ont, &rd, &cause) == -1) {
		set_cause(msg, "%s", cause);
		free(cause);
		rc = -1;
	}
	store_close(pc.st);
	return rc;
}

/* Builds a job argument. */
static struct job_arg *
arg_new(struct console *c, const struct olt *o, const struct ont *ont)
{
	struct job_arg *a = xcalloc(1, sizeof *a);

	a->db = xstrdup(c->db_path);
	a->cfg = c->cfg;
	a->vault = c->vault;
	a->olt = *o;
	if (ont != NULL)
		a->ont = *ont;
	return a;
}

/* Submits a sweep of OLT o. */
uint64_t
jobs_sweep(struct console *c, const struct olt *o)
{
	struct job_spec js = {
		.kind = CJOB_SWEEP, .olt_id = o->id, .priority = JOB_PRIO_HIGH,
		.run = run_sweep, .free = job_arg_free, .arg = arg_new(c, o, NULL),
	};
	uint64_t id = c->pool ? pool_submit(c->pool, &js) : 0;

	if (id == 0) {
		if (c->pool == NULL)
			job_arg_free(js.arg);
		console_msg(c, true, "could not queue the sweep of %s", o->name);
	} else {
		c->jobs_running++;
	}
	return id;
}

/* Submits a live read of ont. */
uint64_t
jobs_live(struct console *c, const struct olt *o, const struct ont *ont)
{
	struct job_spec js = {
		.kind = CJOB_LIVE, .olt_id = o->id, .priority = JOB_PRIO_HIGH,
		.run = run_live, .free = job_arg_free, .arg = arg_new(c, o, ont),
	};
	uint64_t id = c->pool ? pool_submit(c->pool, &js) : 0;

	if (id != 0)
		c->jobs_running++;
	else if (c->pool == NULL)
		job_arg_free(js.arg);
	return id;
}
