/*
 * console_writes.c — device writes and discovery for the console, run in a
 * pool worker through the one write pipeline (core/writes.h): plan,
 * preview, audited steps, undo on failure, verification by read-back.
 *
 * A job opens its own store connection and its own device context (the
 * session pool inside it lives as long as the job), loads the one OLT it
 * needs, runs the action, and writes what happened as plain text lines into
 * the struct wjob the UI gave it: the outcome, the cause, what was undone,
 * what is left on the device with its undo, the verification read-back, or
 * for a dry run the exact commands and their undo (plan_preview).  Writes
 * to one OLT are serialised by the pool (JOB_WRITE).  A write is never
 * interrupted half-way: cancelling only stops a job that has not started.
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

#include "core/device.h"
#include "core/pool.h"
#include "core/store.h"
#include "core/writes.h"
#include "lib/util.h"

struct wjob_progress {
	pthread_mutex_t		 mu;
	struct wjob_view	 v;
};

struct wjob_arg {
	struct wjob		*w;		/* owned by the UI */
	struct pool		*pool;		/* to wake the UI on progress */
	char			*db;
	struct vault		*vault;
	bool			 accept_new;
	const char		*known_hosts;
};

static void
arg_free(void *p)
{
	struct wjob_arg *a = p;

	free(a->db);
	free(a);
}

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
wjob_free(struct wjob *w)
{
	if (w == NULL)
		return;
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
	buf_addf(b, "steps applied %zu, undone %zu%s\n", r->applied, r->undone,
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
		buf_addf(b, "audit entry %lld (a: audit trail)\n", (long long)r->audit_id);
	if (r->preview != NULL)
		buf_addf(b, "\nthe plan that ran:\n%s", r->preview);
}

/* Builds a provision request from the job's profile. */
static int
prov_req(struct store *st, const struct wjob *w, const struct write_ctx *x,
    struct provision_req *r, struct profile *pf, char **cause)
{
	memset(r, 0, sizeof *r);
	r->olt = w->olt;
	r->port = w->port;
	r->sn = w->sn;
	r->model = NULL;
	r->name = w->contract[0] ? w->contract : NULL;
	r->wan_mode = "none";
	r->olt_model = x->olt_model;
	if (store_profile_by_name(st, w->profile, pf, cause) != 1) {
		if (cause && !*cause)
			set_cause(cause, "no service profile called %s (oltui profile add)",
			    w->profile);
		return -1;
	}
	r->vlan = pf->vlan;
	r->down_mbps = pf->down_mbps;
	r->up_mbps = pf->up_mbps;
	r->line_profile = pf->line_profile[0] ? pf->line_profile : NULL;
	r->service_profile = pf->service_profile[0] ? pf->service_profile : NULL;
	r->wan_mode = wan_mode_name(pf->wan);
	r->acs_url = pf->acs_url[0] ? pf->acs_url : NULL;
	return 0;
}

/* Discovery on every OLT. */
static int
run_discover(struct device *d, struct buf *b)
{
	struct device_found *rows = NULL;
	struct device_olt_result *res = NULL;
	size_t n = 0;
	char *cause = NULL;
	int rc;

	if (device_load_all(d, &cause) == -1) {
		buf_addf(b, "%s\n", cause);
		free(cause);
		return -1;
	}
	rc = device_discover(d, 4, &rows, &n, &res, &cause);
	buf_addf(b, "discovery: %zu unauthorised ONT%s found\n", n, n == 1 ? "" : "s");
	for (size_t i = 0; res != NULL && i < device_count(d); i++)
		if (res[i].error != NULL)
			buf_addf(b, "%s: %s\n", res[i].olt, res[i].error);
	if (cause != NULL)
		buf_addf(b, "%s\n", cause);
	for (size_t i = 0; res != NULL && i < device_count(d); i++)
		free(res[i].error);
	free(res);
	free(rows);
	free(cause);
	return rc == 0 ? 0 : -1;
}

/* Worker: one write (or a discovery). */
static int
run_write(struct pool_job *job, void *p, char **msg)
{
	struct wjob_arg *a = p;
	struct wjob *w = a->w;
	struct device_opts dopts = { 0 };
	struct store *st;
	struct device *d;
	struct write_ctx x;
	struct write_report rep;
	struct write_target t;
	struct buf b;
	char *cause = NULL;
	const struct olt *o;
	int rc;

	(void)job;
	memset(&b, 0, sizeof b);
	memset(&rep, 0, sizeof rep);
	w->status = WRITE_FAILED;
	if ((st = store_open(a->db, &cause)) == NULL) {
		buf_addf(&b, "%s\n", cause);
		free(cause);
		goto done;
	}
	dopts.accept_new_host_key = a->accept_new;
	dopts.known_hosts = a->known_hosts;
	d = device_open(st, a->vault, &dopts);
	if (w->kind == WJ_DISCOVER) {
		w->ok = run_discover(d, &b) == 0;
		w->status = w->ok ? WRITE_DONE : WRITE_FAILED;
		goto close;
	}
	if ((rc = device_load(d, w->olt, &cause)) != 1) {
		buf_addf(&b, "%s\n", rc == 0 ? "the OLT is no longer in the database" : cause);
		free(cause);
		goto close;
	}
	o = device_find(d, w->olt);
	memset(&x, 0, sizeof x);
	x.st = st;
	x.pool = device_pool(d);
	x.ad = device_adapter(o);
	x.olt_id = o->id;
	x.olt = o->name;
	x.olt_model = o->model[0] ? o->model : NULL;
	x.opts.dry_run = w->kind == WJ_PREVIEW;
	if (w->prog != NULL) {
		x.opts.progress = on_progress;
		x.opts.progress_arg = a;
	}
	if (x.ad == NULL) {
		buf_addf(&b, "no adapter for %s OLTs is built in\n", vendor_name(o->vendor));
		goto close;
	}
	memset(&t, 0, sizeof t);
	strlcpy_(t.olt, w->olt, sizeof t.olt);
	strlcpy_(t.port, w->port, sizeof t.port);
	t.ont_id = w->ont_id;
	strlcpy_(t.sn, w->sn, sizeof t.sn);
	switch (w->kind) {
	case WJ_PREVIEW:
	case WJ_PROVISION: {
		struct provision_req r;
		struct profile pf;
		enum write_status ws;

		if (prov_req(st, w, &x, &r, &pf, &cause) == -1) {
			buf_addf(&b, "%s\n", cause ? cause : "bad request");
			free(cause);
			goto close;
		}
		if (w->ont_id < 0) {
			int id;

			if (writes_free_ont_id(&x, w->port, &id, &ws, &cause) != 0) {
				buf_addf(&b, "%s\n", cause);
				free(cause);
				w->status = ws;
				goto close;
			}
			w->picked_id = id;
			r.ont_id = id;
		} else {
			r.ont_id = w->ont_id;
		}
		writes_provision(&x, &r, w->contract[0] ? w->contract : NULL, &rep);
		break;
	}
	case WJ_REBOOT: writes_reboot(&x, &t, &rep); break;
	case WJ_ENABLE: writes_enable(&x, &t, true, &rep); break;
	case WJ_DISABLE: writes_enable(&x, &t, false, &rep); break;
	case WJ_DELETE: writes_delete(&x, &t, &rep); break;
	case WJ_SPEED: writes_set(&x, &t, w->down, w->up, 0, NULL, &rep); break;
	case WJ_VLAN: writes_set(&x, &t, 0, 0, w->vlan, NULL, &rep); break;
	case WJ_MOVE: writes_move(&x, &t, w->new_port, -1, &rep); break;
	case WJ_REPLACE: writes_replace(&x, &t, w->new_sn, &rep); break;
	case WJ_DISCOVER: break;
	}
	w->status = rep.status;
	w->ok = rep.status == WRITE_DONE;
	report_text(&b, &rep, w->kind == WJ_PREVIEW);
	writes_report_free(&rep);
close:
	device_close(d);
	store_close(st);
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
	int64_t olt_id = 0;
	uint64_t id;

	for (size_t i = 0; i < c->tree.nolts; i++)
		if (strcmp(c->tree.olts[i].o.name, w->olt) == 0)
			olt_id = c->tree.olts[i].o.id;
	a->w = w;
	a->pool = c->pool;
	a->db = xstrdup(c->db_path);
	w->prog = NULL;
	if (w->kind != WJ_DISCOVER && w->kind != WJ_PREVIEW) {
		w->prog = xcalloc(1, sizeof *w->prog);
		pthread_mutex_init(&w->prog->mu, NULL);
	}
	a->vault = c->vault;
	a->accept_new = c->accept_new_host_key;
	a->known_hosts = c->known_hosts;
	js.kind = CJOB_WRITE;
	js.olt_id = w->kind == WJ_DISCOVER ? 0 : olt_id;
	js.flags = w->kind == WJ_DISCOVER || w->kind == WJ_PREVIEW ? 0 : JOB_WRITE;
	js.priority = JOB_PRIO_HIGH;
	js.run = run_write;
	js.free = arg_free;
	js.arg = a;
	if ((id = c->pool ? pool_submit(c->pool, &js) : 0) != 0)
		c->jobs_running++;
	else if (c->pool == NULL)
		arg_free(a);
	return id;
}
