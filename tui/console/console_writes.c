/*
 * console_writes.c — device writes and discovery for the console: the
 * request a console action makes (wjob_req: the same struct op_req a verb
 * makes from its arguments), and the pool job that runs it through core's
 * operation (ops_write, ops_discover: the same calls the verbs make), with
 * the engine's long-lived session pool, so a run of console actions on one
 * OLT reuses one login.
 *
 * The job writes what happened as plain text lines into the struct wjob
 * the UI gave it: the outcome, the cause, what was undone, what is left on
 * the device with its undo, the verification read-back, or for a dry run
 * the exact commands and their undo (plan_preview).  Writes to one OLT are
 * serialised by the pool (JOB_WRITE).  A write is never interrupted
 * half-way: cancelling only stops a job that has not started.
 *
 * A change to an ONT's router (WJ_ACS, WJ_ACS_PREVIEW: router_actions.c)
 * goes the same way through core's ACS operation (ops_acs_change, as
 * `oltui acs wifi|pppoe|reboot|factory-reset` runs it), queued on the ACS
 * when the router does not answer (not a factory reset); its passphrase is
 * wiped from the job's copy of the request as soon as it was sent.  It is
 * serialised per router by core, not by the OLT's write slot.
 *
 * Live progress: a write (not a preview or a discovery) carries a struct
 * wjob_progress.  The pipeline's progress callback runs in the worker: it
 * updates the record under its mutex, bumps a generation counter, then
 * pokes the pool's wake-up pipe (pool_poke: a byte, no event).  The UI
 * thread, woken, asks wjob_progress_gen() whether anything changed and
 * copies the record with wjob_progress_copy() when it draws.  The worker
 * never touches curses; the UI never waits on the worker for longer than
 * a copy of the record.
 */
#include "tui/console/console.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "core/ops.h"
#include "core/ops_acs.h"
#include "core/pool.h"
#include "core/writes.h"
#include "lib/util.h"

struct wjob_progress {
	pthread_mutex_t		 mu;
	struct wjob_view	 v;
};

struct wjob_arg {
	struct wjob		*w;		/* owned by the UI */
	struct engine		*eng;
	struct pool		*pool;		/* to wake the UI on progress */
};

/* Worker: records one progress report and wakes the UI. */
static void
on_progress(void *arg, const struct write_progress *p)
{
	struct wjob_arg *a = arg;
	struct wjob_progress *g = a->w->prog;
	struct wjob_view *v;
	struct wjob_row *row;

	if (g == NULL)
		return;
	pthread_mutex_lock(&g->mu);
	v = &g->v;
	row = v->nrows > 0 ? &v->rows[v->nrows - 1] : NULL;
	/* The outcome of the step in flight replaces its "sending" row. */
	if (row == NULL || p->state == WPS_SENDING || row->state != WPS_SENDING ||
	    row->phase != (int)p->phase || row->step != p->step) {
		if (v->nrows == WJ_ROWS_MAX) {
			memmove(&v->rows[0], &v->rows[1], (WJ_ROWS_MAX - 1) * sizeof v->rows[0]);
			v->nrows--;
		}
		row = &v->rows[v->nrows++];
	}
	memset(row, 0, sizeof *row);
	row->phase = (int)p->phase;
	row->state = (int)p->state;
	row->step = p->step;
	row->count = p->count;
	strlcpy_(row->cmd, p->command != NULL ? p->command : "", sizeof row->cmd);
	strlcpy_(row->text, p->text != NULL ? p->text : "", sizeof row->text);
	row->ms = p->ms;
	v->count = p->count;
	if ((p->phase == WP_CONNECT || p->phase == WP_STEP) && p->state != WPS_FAILED)
		v->next = p->phase == WP_CONNECT ? 1 : p->step + 1;
	else
		v->next = 0;	/* failed, undoing, verifying or done: nothing pending */
	if (v->next > v->count)
		v->next = 0;
	v->gen++;
	pthread_mutex_unlock(&g->mu);
	pool_poke(a->pool);
}

unsigned
wjob_progress_gen(struct wjob *w)
{
	unsigned gen;

	if (w == NULL || w->prog == NULL)
		return 0;
	pthread_mutex_lock(&w->prog->mu);
	gen = w->prog->v.gen;
	pthread_mutex_unlock(&w->prog->mu);
	return gen;
}

void
wjob_progress_copy(struct wjob *w, struct wjob_view *v)
{
	if (w == NULL || w->prog == NULL) {
		memset(v, 0, sizeof *v);
		return;
	}
	pthread_mutex_lock(&w->prog->mu);
	*v = w->prog->v;
	pthread_mutex_unlock(&w->prog->mu);
}

void
wjob_wipe(struct wjob *w)
{
	sodium_memzero(w->acs.secret, sizeof w->acs.secret);
}

void
wjob_free(struct wjob *w)
{
	if (w == NULL)
		return;
	wjob_wipe(w);
	if (w->prog != NULL) {
		pthread_mutex_destroy(&w->prog->mu);
		free(w->prog);
	}
	free(w->text);
	free(w);
}

/* Appends the report of a write to b. */
static void
report_text(struct buf *b, const struct write_report *r, bool dry)
{
	if (dry) {
		buf_adds(b, r->preview != NULL ? r->preview : "(no preview)\n");
		if (r->cause != NULL)
			buf_addf(b, "\n%s\n", r->cause);
		return;
	}
	buf_addf(b, "%s in %.1f s\n", writes_outcome_text(r), (double)r->ms / 1000.0);
	if (r->cause != NULL)
		buf_addf(b, "why: %s\n", r->cause);
	/* steps as the preview and the progress number them: the plan's
	   commands (the audit trail records more: the plan, the read-back) */
	buf_addf(b, "%zu step%s applied (commands the device accepted), %zu undone%s\n",
	    r->applied, r->applied == 1 ? "" : "s", r->undone,
	    r->audit_id ? "" : " (nothing audited)");
	if (r->verified && r->have_readback)
		buf_addf(b, "verified by reading back: serial %s, admin %s, state %s%s%s\n",
		    r->readback.sn ? r->readback.sn : "?",
		    ont_admin_name(r->readback.admin), ont_status_name(r->readback.status),
		    r->readback.config_state ? ", config " : "",
		    r->readback.config_state ? r->readback.config_state : "");
	else if (r->verified)
		buf_adds(b, "verified by reading back\n");
	if (r->nleft > 0) {
		buf_addf(b, "LEFT ON THE DEVICE (%zu step%s could not be undone):\n", r->nleft,
		    r->nleft == 1 ? "" : "s");
		for (size_t i = 0; i < r->nleft; i++)
			buf_addf(b, "  %s%s   undo: %s\n", r->left[i].maybe ? "(maybe) " : "",
			    r->left[i].command, r->left[i].undo ? r->left[i].undo : "-");
	}
	if (r->audit_id)
		buf_addf(b, "audit entry %lld records the plan, each command and undo sent "
		    "and the read-back (a: audit trail)\n", (long long)r->audit_id);
	if (r->preview != NULL)
		buf_addf(b, "\nthe plan that ran:\n%s", r->preview);
}

void
wjob_req(const struct wjob *w, struct op_req *rq)
{
	static const enum op_kind kinds[] = {
		[WJ_PREVIEW] = OP_PROVISION, [WJ_PROVISION] = OP_PROVISION,
		[WJ_REBOOT] = OP_REBOOT, [WJ_ENABLE] = OP_ENABLE, [WJ_DISABLE] = OP_DISABLE,
		[WJ_DELETE] = OP_DELETE, [WJ_SPEED] = OP_SPEED, [WJ_VLAN] = OP_VLAN,
		[WJ_MOVE] = OP_MOVE, [WJ_REPLACE] = OP_REPLACE, [WJ_DISCOVER] = OP_PROVISION,
	};

	op_req_init(rq, kinds[w->kind]);
	strlcpy_(rq->olt, w->olt, sizeof rq->olt);
	strlcpy_(rq->port, w->port, sizeof rq->port);
	rq->ont_id = w->ont_id;
	strlcpy_(rq->sn, w->sn, sizeof rq->sn);
	if (rq->kind == OP_PROVISION) {
		strlcpy_(rq->profile, w->profile, sizeof rq->profile);
		strlcpy_(rq->contract, w->contract, sizeof rq->contract);
		/* no model: the write takes the type discovery reported for
		   the serial (core/ops_write.c), as the verb does */
	}
	strlcpy_(rq->new_port, w->new_port, sizeof rq->new_port);
	rq->new_ont_id = -1;	/* a move goes to the first free id there */
	strlcpy_(rq->new_sn, w->new_sn, sizeof rq->new_sn);
	rq->down_mbps = w->down;
	rq->up_mbps = w->up;
	if (rq->kind == OP_VLAN)
		rq->vlan = w->vlan;
}

/* Appends the report of a change to a router to b: how it ended (done,
   queued with its task id, failed, unreachable, with why), each
   parameter's outcome (the values masked as in the preview), the audit
   entry. */
static void
acs_report_text(struct buf *b, const struct acs_op_result *r, bool dry)
{
	const struct write_report *rep = &r->rep;

	if (dry) {
		if (rep->unchanged)
			buf_addf(b, "%s\n\n", writes_outcome_text(rep));
		buf_adds(b, rep->preview != NULL ? rep->preview : "(no preview)\n");
		if (rep->cause != NULL)
			buf_addf(b, "\n%s\n", rep->cause);
		return;
	}
	if (rep->audit_id != 0 && !r->queued)
		buf_addf(b, "%s in %.1f s\n", writes_outcome_text(rep), (double)rep->ms / 1000.0);
	else
		buf_addf(b, "%s\n", writes_outcome_text(rep));
	if (r->queued)
		buf_addf(b, "the ACS keeps task %s and runs it when the router next connects; "
		    "the router view lists it until then\n", r->task_id[0] ? r->task_id : "?");
	if (rep->cause != NULL)
		buf_addf(b, "why: %s\n", rep->cause);
	for (size_t i = 0; i < rep->nparams; i++) {
		const struct write_param *pm = &rep->params[i];

		buf_addf(b, "  %s\n      = %s: %s", pm->path, pm->want ? pm->want : "",
		    write_param_state_name(pm->state));
		if (pm->state == WPARAM_DIFFERS && pm->got != NULL)
			buf_addf(b, " (read back %s)", pm->got);
		buf_addc(b, '\n');
	}
	if (rep->audit_id)
		buf_addf(b, "audit entry %lld records the request and the ACS's answers "
		    "(a: audit trail)\n", (long long)rep->audit_id);
	if (rep->preview != NULL)
		buf_addf(b, "\nthe plan that ran:\n%s", rep->preview);
}

/* A change to a router (WJ_ACS_PREVIEW: its dry run), through core's
   operation as `oltui acs ...` makes it. */
static void
run_acs(struct wjob_arg *a, struct wjob *w, struct write_opts *o, struct buf *b)
{
	const struct wjob_acs *q = &w->acs;
	struct acs_change_req rq = { 0 };
	struct acs_op_result r;
	bool dry = w->kind == WJ_ACS_PREVIEW;

	rq.kind = (enum acs_change_kind)q->change;
	rq.sn = w->sn;
	rq.radio = q->radio[0] ? q->radio : NULL;
	if (q->change == ACS_CH_WIFI) {
		rq.ssid = q->ssid[0] ? q->ssid : NULL;
		rq.wifi_password = q->secret[0] ? q->secret : NULL;
	} else if (q->change == ACS_CH_PPPOE) {
		rq.pppoe_user = q->user[0] ? q->user : NULL;
		rq.pppoe_password = q->secret[0] ? q->secret : NULL;
	}
	/* the preview is asked of the factory reset itself; sending it needs
	   the second yes */
	rq.confirm_factory_reset = dry || q->factory_confirmed;
	/* a router that does not answer now gets the change at its next
	   inform (the result says queued, with the task); not an erase,
	   which happens while the technician watches or not at all */
	rq.queue = q->change != ACS_CH_FACTORY_RESET;
	o->dry_run = dry;
	memset(&r, 0, sizeof r);
	ops_acs_change(a->eng, &rq, o, &r);
	w->status = r.status;
	w->ok = r.status == WRITE_DONE;
	w->acs.unchanged = r.rep.unchanged;
	w->acs.queued = r.queued;
	strlcpy_(w->acs.task_id, r.task_id, sizeof w->acs.task_id);
	acs_report_text(b, &r, dry);
	acs_op_result_free(&r);
}

/* Discovery on every OLT. */
static int
run_discover(struct engine *e, struct buf *b)
{
	struct op_found *rows = NULL;
	struct op_olt_result *res = NULL;
	struct err err = { 0 };
	size_t n = 0, nres = 0;
	int rc;

	rc = ops_discover(e, NULL, 0, &rows, &n, &res, &nres, &err);
	buf_addf(b, "discovery: %zu unauthorised ONT%s found\n", n, n == 1 ? "" : "s");
	for (size_t i = 0; i < nres; i++)
		if (res[i].error != NULL)
			buf_addf(b, "%s: %s\n", res[i].olt, res[i].error);
	if (err.kind != ERR_NONE)
		buf_addf(b, "%s\n", err_text(&err));
	op_olt_results_free(res, nres);
	free(rows);
	err_clear(&err);
	return rc == 0 ? 0 : -1;
}

/* Worker: one write (or a discovery). */
static int
run_write(struct pool_job *job, void *p, char **msg)
{
	struct wjob_arg *a = p;
	struct wjob *w = a->w;
	struct write_opts o = { 0 };
	struct write_report rep;
	struct op_target t;
	struct op_req rq;
	struct buf b;

	(void)job;
	memset(&b, 0, sizeof b);
	w->status = WRITE_FAILED;
	if (w->kind == WJ_DISCOVER) {
		w->ok = run_discover(a->eng, &b) == 0;
		w->status = w->ok ? WRITE_DONE : WRITE_FAILED;
		goto done;
	}
	o.dry_run = w->kind == WJ_PREVIEW;
	if (w->prog != NULL) {
		o.progress = on_progress;
		o.progress_arg = a;
	}
	if (w->kind == WJ_ACS || w->kind == WJ_ACS_PREVIEW) {
		run_acs(a, w, &o, &b);
		wjob_wipe(w);	/* sent (or shown masked): not needed any more */
		goto done;
	}
	if (w->kind == WJ_UNDO) {
		ops_undo(a->eng, w->audit_id, &o, &rep, &t);
		op_req_init(&rq, OP_REBOOT);	/* not a provisioning */
	} else {
		wjob_req(w, &rq);
		ops_write(a->eng, &rq, &o, &rep, &t);
	}
	if (rq.kind == OP_PROVISION && t.ont_id >= 0)
		w->picked_id = t.ont_id;
	w->status = rep.status;
	w->ok = rep.status == WRITE_DONE;
	report_text(&b, &rep, w->kind == WJ_PREVIEW);
	writes_report_free(&rep);
done:
	w->text = b.data != NULL ? buf_take(&b) : xstrdup("");
	set_cause(msg, "%s", w->ok ? "done" : "failed");
	return w->ok ? 0 : -1;
}

/* Submits a write job. */
uint64_t
writes_job_submit(struct console *c, struct wjob *w)
{
	struct wjob_arg *a = xcalloc(1, sizeof *a);
	struct job_spec js = { 0 };
	const struct tree_olt *to = tree_model_olt_named(main_pane_fleet(c), w->olt);
	int64_t olt_id = to != NULL ? to->o.id : 0;
	uint64_t id;

	a->w = w;
	a->eng = c->eng;
	a->pool = c->pool;
	w->prog = NULL;
	if (w->kind != WJ_DISCOVER && w->kind != WJ_PREVIEW && w->kind != WJ_ACS_PREVIEW) {
		w->prog = xcalloc(1, sizeof *w->prog);
		pthread_mutex_init(&w->prog->mu, NULL);
	}
	js.kind = CJOB_WRITE;
	/* a router's changes are serialised by core's per-device lock, not
	   by the OLT's */
	js.olt_id = w->kind == WJ_DISCOVER || w->kind == WJ_ACS ||
	    w->kind == WJ_ACS_PREVIEW ? 0 : olt_id;
	js.flags = w->kind == WJ_DISCOVER || w->kind == WJ_PREVIEW ? 0 : JOB_WRITE;
	js.priority = JOB_PRIO_HIGH;
	js.run = run_write;
	js.free = free;
	js.arg = a;
	if ((id = c->pool ? pool_submit(c->pool, &js) : 0) != 0)
		c->jobs_running++;
	else if (c->pool == NULL)
		free(a);
	return id;
}
