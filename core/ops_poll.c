/*
 * ops_poll.c — the polling operations (ops.h): a sweep of one OLT (and its
 * health), a live read of one ONT, a health read, and the pool jobs that
 * run them for the console, `oltui poll --once` and the daemon — one job
 * for all three.
 *
 * A job carries the OLT's name; the worker reads the OLT's row on its own
 * store connection (engine_store) and reports one line in its completion
 * event.  Any thread.
 */
#include "core/ops.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/engine.h"
#include "core/poll.h"
#include "core/store.h"
#include "lib/util.h"

/* The poll context and the OLT row of name on this thread.  0, or -1 with
   *err. */
static int
poll_open(struct engine *e, const char *name, struct poll_ctx *pc, struct olt *o,
    struct err *err)
{
	memset(pc, 0, sizeof *pc);
	if (engine_find_olt(e, name, o, NULL, err) != 0)
		return -1;
	pc->st = engine_store(e, NULL);
	pc->cfg = engine_config(e);
	pc->vault = engine_vault(e);
	return 0;
}

int
ops_sweep(struct engine *e, const char *olt, bool health, struct poll_result *res,
    struct err *err)
{
	struct poll_ctx pc;
	struct olt_health h;
	struct olt o;
	char *cause = NULL;

	memset(res, 0, sizeof *res);
	res->outcome = POLL_FAILED;
	if (poll_open(e, olt, &pc, &o, err) != 0)
		return -1;
	switch (poll_sweep_olt(&pc, &o, res, &cause)) {
	case 0:
		break;
	case 1:
		/* Partial: stored, and *err says why it stopped short. */
		err_set(err, ERR_FAILURE, "%s", cause);
		free(cause);
		cause = NULL;
		break;
	default:
		err_set(err, res->outcome == POLL_UNREACHABLE ? ERR_UNREACHABLE :
		    ERR_FAILURE, "%s", cause);
		free(cause);
		return -1;
	}
	if (health && poll_health(&pc, &o, &h, &cause) != 0) {
		if (err->kind == ERR_NONE)
			err_set(err, ERR_FAILURE, "health read failed: %s", cause);
		free(cause);
	}
	return 0;
}

char *
ops_sweep_text(const char *olt, int rc, const struct poll_result *r, const struct err *err)
{
	if (rc != 0)
		return xasprintf("sweep %s failed after %lld ms: %s%s", olt, (long long)r->ms,
		    err_text(err), r->outcome == POLL_UNREACHABLE ?
		    " (showing cached data)" : "");
	return xasprintf("%s %s: %zu ONTs (%zu online) in %lld ms, %lu requests, "
	    "alarms +%d -%d, %d active%s%s", r->outcome == POLL_PARTIAL ?
	    "PARTIAL sweep of" : "swept", olt, r->onts, r->online, (long long)r->ms,
	    r->requests, r->alarms.raised, r->alarms.cleared, r->alarms.active,
	    err->message != NULL ? "; " : "", err->message != NULL ? err->message : "");
}

int
ops_live(struct engine *e, const char *olt, const char *sn, struct ont_reading *out,
    struct err *err)
{
	struct poll_ctx pc;
	struct olt o;
	struct ont on;
	char *cause = NULL;
	int rc;

	if (poll_open(e, olt, &pc, &o, err) != 0)
		return -1;
	if ((rc = store_ont_by_sn(pc.st, sn, &on, &cause)) != 1 || on.olt_id != o.id) {
		err_set(err, rc < 0 ? ERR_INTERNAL : ERR_USAGE, "%s", rc < 0 ? cause :
		    "that ONT is not on this OLT in the database");
		free(cause);
		return -1;
	}
	if (poll_live_ont(&pc, &o, &on, out, &cause) != 0) {
		err_set(err, ERR_UNREACHABLE, "%s", cause);
		free(cause);
		return -1;
	}
	return 0;
}

int
ops_health(struct engine *e, const char *olt, struct olt_health *h, struct err *err)
{
	struct poll_ctx pc;
	struct olt o;
	char *cause = NULL;

	if (poll_open(e, olt, &pc, &o, err) != 0)
		return -1;
	if (poll_health(&pc, &o, h, &cause) != 0) {
		err_set(err, ERR_UNREACHABLE, "%s", cause);
		free(cause);
		return -1;
	}
	return 0;
}

/* What a sweep or live job needs. */
struct poll_job {
	struct engine		*e;
	char			 olt[NAME_MAX_LEN + 1];
	char			 sn[SN_MAX_LEN + 1];
	bool			 health;
	struct op_sweep_out	*out;
};

static int
sweep_run(struct pool_job *job, void *arg, char **msg)
{
	struct poll_job *j = arg;
	struct poll_result res;
	struct err err = { 0 };
	int rc;

	if (job_cancelled(job))
		return -1;
	rc = ops_sweep(j->e, j->olt, j->health, &res, &err);
	free(*msg);
	*msg = ops_sweep_text(j->olt, rc, &res, &err);
	if (j->out != NULL) {
		j->out->rc = rc;
		if (j->out->res != NULL)
			*j->out->res = res;
		j->out->err = err;
	} else
		err_clear(&err);
	return rc;
}

static int
live_run(struct pool_job *job, void *arg, char **msg)
{
	struct poll_job *j = arg;
	struct ont_reading rd;
	struct err err = { 0 };

	if (job_cancelled(job))
		return -1;
	if (ops_live(j->e, j->olt, j->sn, &rd, &err) != 0) {
		set_cause(msg, "%s", err_text(&err));
		err_clear(&err);
		return -1;
	}
	return 0;
}

void
ops_sweep_job(struct engine *e, const char *olt, int64_t olt_id, bool health,
    enum job_priority prio, struct op_sweep_out *out, struct job_spec *spec)
{
	struct poll_job *j = xcalloc(1, sizeof *j);

	j->e = e;
	strlcpy_(j->olt, olt, sizeof j->olt);
	j->health = health;
	j->out = out;
	memset(spec, 0, sizeof *spec);
	spec->kind = OPJ_SWEEP;
	spec->olt_id = olt_id;
	spec->priority = prio;
	spec->run = sweep_run;
	spec->free = free;
	spec->arg = j;
}

void
ops_live_job(struct engine *e, const char *olt, int64_t olt_id, const char *sn,
    struct job_spec *spec)
{
	struct poll_job *j = xcalloc(1, sizeof *j);

	j->e = e;
	strlcpy_(j->olt, olt, sizeof j->olt);
	strlcpy_(j->sn, sn, sizeof j->sn);
	memset(spec, 0, sizeof *spec);
	spec->kind = OPJ_LIVE;
	spec->olt_id = olt_id;
	spec->priority = JOB_PRIO_HIGH;
	spec->run = live_run;
	spec->free = free;
	spec->arg = j;
}
