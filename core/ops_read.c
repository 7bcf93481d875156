/*
 * ops_read.c — the device reads the fronts ask for (ops.h): one ONT live,
 * a port's ONTs live, discovery across OLTs in parallel, configuration
 * backups with a diff, and a timed login test.  What a read learns is
 * stored, so the console and the verbs show the same data afterwards.
 *
 * Runs on the calling thread with its store; discovery spreads over a few
 * threads of its own (it may itself run in one of the engine's workers),
 * each reading one OLT; the results are stored on the calling thread.
 */
#include "core/ops.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/config.h"
#include "core/diff.h"
#include "core/engine.h"
#include "core/pool.h"
#include "core/store.h"
#include "drivers/cli.h"
#include "lib/sn.h"
#include "lib/util.h"

/* Copies at most size-1 bytes of s (NULL = ""). */
static void
cp(char *dst, const char *s, size_t size)
{
	strlcpy_(dst, s != NULL ? s : "", size);
}

/* Loads OLT name with its driver and this thread's store.  0, or -1 with
   *err (ERR_USAGE: no such OLT). */
static int
load(struct engine *e, const char *name, struct olt *o, const struct olt_driver **d,
    struct store **st, struct err *err)
{
	if (engine_find_olt(e, name, o, d, err) != 0)
		return -1;
	*st = engine_store(e, NULL);
	return 0;
}

void
op_ont_live_free(struct op_ont_live *l)
{
	pr_ont_detail_free(&l->detail);
	memset(l, 0, sizeof *l);
}

int
ops_ont_read(struct engine *e, const struct op_req *rq, struct op_target *t,
    struct op_ont_live *out, struct err *err)
{
	const struct olt_driver *d;
	struct pr_optical op;
	struct store *st;
	struct session *s;
	struct olt o;
	struct ont on;
	struct err e2 = { 0 };
	char *cause = NULL, sn[SN_LEN + 1];
	int optical;

	memset(out, 0, sizeof *out);
	pr_optical_init(&op);
	if (ops_resolve(e, rq, t, err) != 0 || load(e, t->olt, &o, &d, &st, err) != 0)
		return -1;
	if (engine_acquire(e, &o, 0, &s, err) != 0)
		return -1;
	if (d->reads->ont_detail(s, t->port, t->ont_id, 0, &out->detail, err) != 0) {
		engine_release(e, s, false);
		op_ont_live_free(out);
		return -1;
	}
	optical = d->reads->optical(s, t->port, t->ont_id, &op, &e2);
	err_clear(&e2);
	engine_release(e, s, false);
	if (out->detail.sn == NULL || sn_normalize(out->detail.sn, sn) != 0)
		cp(sn, t->sn, sizeof sn);
	cp(t->sn, sn, sizeof t->sn);
	cp(out->rd.port, t->port, sizeof out->rd.port);
	out->rd.ont_id = t->ont_id;
	cp(out->rd.sn, sn, sizeof out->rd.sn);
	out->rd.admin = out->detail.admin;
	out->rd.status = out->detail.status;
	out->rd.rx_dbm = optical == 0 ? op.rx_dbm : NAN;
	out->rd.olt_rx_dbm = optical == 0 ? op.olt_rx_dbm : NAN;
	out->rd.distance_m = out->detail.distance_m >= 0 ? (int)out->detail.distance_m : -1;
	out->rd.read_at = now_s();
	pr_optical_free(&op);
	if (sn[0] != '\0' && store_onts_upsert(st, o.id, &out->rd, 1, &cause) != 0) {
		err_set(err, ERR_INTERNAL, "read, but not stored: %s", cause);
		free(cause);
		return -1;
	}
	if (sn[0] != '\0' && store_ont_by_sn(st, sn, &on, &cause) == 1)
		cp(out->contract, on.contract, sizeof out->contract);
	free(cause);
	return 0;
}

/* Reads one port's ONTs (and their levels) on session s and stores them. */
static int
port_read(struct engine *e, struct store *st, const struct olt *o,
    const struct olt_driver *d, struct session *s, const char *port, struct err *err)
{
	struct pr_ont_list l = { 0 };
	struct pr_optical_list ol = { 0 };
	struct ont_reading *rows;
	struct err e2 = { 0 };
	char *cause = NULL;
	size_t n = 0;
	int rc;

	(void)e;
	if (d->reads->ont_list(s, port, &l, err) != 0) {
		pr_ont_list_free(&l);
		return -1;
	}
	if (d->reads->optical_list(s, port, &ol, &e2) != 0)
		err_clear(&e2);	/* levels are optional */
	rows = xcalloc(l.n + 1, sizeof *rows);
	for (size_t i = 0; i < l.n; i++) {
		struct ont_reading *r = &rows[n];
		char sn[SN_LEN + 1];

		if (l.v[i].sn == NULL || sn_normalize(l.v[i].sn, sn) != 0)
			continue;
		cp(r->port, l.v[i].port != NULL ? l.v[i].port : port, sizeof r->port);
		r->ont_id = (int)l.v[i].ont_id;
		cp(r->sn, sn, sizeof r->sn);
		r->admin = l.v[i].admin;
		r->status = l.v[i].status;
		r->rx_dbm = l.v[i].rx_dbm;
		r->olt_rx_dbm = NAN;
		r->distance_m = l.v[i].distance_m >= 0 ? (int)l.v[i].distance_m : -1;
		for (size_t k = 0; k < ol.n; k++) {
			if (ol.v[k].ont_id == l.v[i].ont_id) {
				r->rx_dbm = ol.v[k].rx_dbm;
				r->olt_rx_dbm = ol.v[k].olt_rx_dbm;
				if (ol.v[k].distance_m >= 0)
					r->distance_m = (int)ol.v[k].distance_m;
			}
		}
		r->read_at = now_s();
		n++;
	}
	rc = store_onts_upsert(st, o->id, rows, n, &cause);
	if (rc != 0) {
		err_set(err, ERR_INTERNAL, "%s", cause);
		free(cause);
	}
	free(rows);
	pr_ont_list_free(&l);
	pr_optical_list_free(&ol);
	return rc;
}

int
ops_port_read(struct engine *e, const char *olt, const char *port, struct err *err)
{
	const struct olt_driver *d;
	struct pon_port *ports = NULL;
	struct store *st;
	struct session *s;
	struct olt o;
	struct err e1 = { 0 };
	char *cause = NULL;
	size_t np = 0;
	int rc = 0;

	if (load(e, olt, &o, &d, &st, err) != 0)
		return -1;
	if (port == NULL && store_ports_list(st, o.id, &ports, &np, &cause) != 0) {
		err_set(err, ERR_INTERNAL, "%s", cause);
		free(cause);
		return -1;
	}
	if (engine_acquire(e, &o, 0, &s, err) != 0) {
		free(ports);
		return -1;
	}
	if (port != NULL)
		rc = port_read(e, st, &o, d, s, port, err);
	for (size_t i = 0; port == NULL && i < np; i++) {
		if (port_read(e, st, &o, d, s, ports[i].port, &e1) == 0)
			continue;
		if (rc == 0)
			err_set(err, e1.kind, "%s: %s", ports[i].port, err_text(&e1));
		rc = -1;
		if (err_is_link(e1.kind)) {
			err_clear(&e1);
			break;
		}
		err_clear(&e1);
	}
	engine_release(e, s, false);
	free(ports);
	return rc;
}

/* ---- discovery ---- */

struct disc_job {
	struct engine		*e;
	struct olt		 o;
	struct op_olt_result	*res;
	struct op_found		*rows;
	size_t			 nrows;
};

/* Autofind on one OLT; fills the job's rows and result. */
static int
disc_one(struct disc_job *j)
{
	const struct olt_driver *d = driver_find(j->o.driver);
	struct pr_autofind_list l = { 0 };
	struct session *s;
	struct err err = { 0 };
	int64_t t0 = mono_ms();
	size_t i;

	cp(j->res->olt, j->o.name, sizeof j->res->olt);
	if (d == NULL || engine_acquire(j->e, &j->o, 0, &s, &err) != 0) {
		if (d == NULL)
			err_set(&err, ERR_REFUSED, "no driver \"%s\" in this oltui", j->o.driver);
		goto fail;
	}
	if (d->reads->autofind(s, &l, &err) != 0) {
		engine_release(j->e, s, false);
		pr_autofind_list_free(&l);
		goto fail;
	}
	engine_release(j->e, s, false);
	j->rows = xcalloc(l.n + 1, sizeof *j->rows);
	for (i = 0; i < l.n; i++) {
		struct op_found *f = &j->rows[j->nrows++];
		char sn[SN_LEN + 1];

		cp(f->olt, j->o.name, sizeof f->olt);
		cp(f->port, l.v[i].port, sizeof f->port);
		if (l.v[i].sn != NULL && sn_normalize(l.v[i].sn, sn) == 0)
			cp(f->sn, sn, sizeof f->sn);
		else
			cp(f->sn, l.v[i].sn, sizeof f->sn);
		cp(f->vendor, l.v[i].vendor != NULL ? l.v[i].vendor : f->sn, 5);
		cp(f->model, l.v[i].model, sizeof f->model);
		cp(f->software, l.v[i].software, sizeof f->software);
		cp(f->found_at, l.v[i].found_at, sizeof f->found_at);
	}
	pr_autofind_list_free(&l);
	j->res->ms = mono_ms() - t0;
	return 0;
fail:
	j->res->kind = err.kind != ERR_NONE ? err.kind : ERR_FAILURE;
	j->res->error = xstrdup(err_text(&err));
	j->res->ms = mono_ms() - t0;
	err_clear(&err);
	return -1;
}

/* Worker: autofind on one OLT. */
static int
disc_run(struct pool_job *job, void *arg, char **msg)
{
	(void)job;
	(void)msg;
	return disc_one(arg);
}

void
op_olt_results_free(struct op_olt_result *res, size_t n)
{
	for (size_t i = 0; res != NULL && i < n; i++)
		free(res[i].error);
	free(res);
}

/* Stores what discovery found on job j's OLT (when it answered). */
static void
disc_store(struct store *st, struct disc_job *j)
{
	struct discovered_ont *dv = xcalloc(j->nrows + 1, sizeof *dv);
	char *why = NULL;

	for (size_t k = 0; k < j->nrows; k++) {
		const struct op_found *f = &j->rows[k];
		int64_t t;

		dv[k].olt_id = j->o.id;
		cp(dv[k].port, f->port, sizeof dv[k].port);
		cp(dv[k].sn, f->sn, sizeof dv[k].sn);
		cp(dv[k].model, f->model, sizeof dv[k].model);
		dv[k].found_at = parse_datetime(f->found_at, &t) == 0 ? t : now_s();
	}
	if (j->res->kind == ERR_NONE &&
	    store_discovered_replace(st, j->o.id, dv, j->nrows, &why) != 0) {
		j->res->kind = ERR_INTERNAL;
		j->res->error = xasprintf("discovered, but not stored: %s", why);
		free(why);
	}
	free(dv);
}

int
ops_discover(struct engine *e, const char *const *names, size_t n,
    struct op_found **rows, size_t *nrows, struct op_olt_result **res, size_t *nres,
    struct err *err)
{
	struct store *st;
	struct olt *all = NULL;
	struct disc_job *jobs;
	struct pool_config pc = { .per_olt_max = 1 };
	struct pool *p;
	char *cause = NULL;
	size_t nall = 0, total = 0, nj = 0;
	int worst = 0;

	*rows = NULL;
	*nrows = 0;
	*res = NULL;
	*nres = 0;
	if ((st = engine_store(e, &cause)) == NULL ||
	    (n == 0 && store_olt_list(st, &all, &nall, &cause) != 0)) {
		err_set(err, ERR_INTERNAL, "%s", cause);
		free(cause);
		return -1;
	}
	jobs = xcalloc((n > 0 ? n : nall) + 1, sizeof *jobs);
	for (size_t i = 0; i < (n > 0 ? n : nall); i++) {
		struct disc_job *j = &jobs[nj];
		int rc;

		if (n > 0 && (rc = store_olt_by_name(st, names[i], &j->o, &cause)) != 1) {
			err_set(err, rc == 0 ? ERR_USAGE : ERR_INTERNAL, rc == 0 ?
			    "no OLT called %s" : "%s", rc == 0 ? names[i] : cause);
			free(cause);
			free(jobs);
			return -1;
		}
		if (n == 0)
			j->o = all[i];
		j->e = e;
		nj++;
	}
	free(all);
	*res = xcalloc(nj + 1, sizeof **res);
	*nres = nj;
	/* A pool of its own: the engine's may be running this very call. */
	pc.workers = (int)config_int(engine_config(e), "jobs.workers");
	if (pc.workers > (int)nj)
		pc.workers = nj > 0 ? (int)nj : 1;
	p = nj > 1 ? pool_start(&pc, NULL) : NULL;
	for (size_t i = 0; i < nj; i++) {
		struct job_spec js = { .olt_id = jobs[i].o.id, .priority = JOB_PRIO_HIGH,
		    .run = disc_run, .arg = &jobs[i] };

		jobs[i].res = &(*res)[i];
		if (p == NULL || pool_submit(p, &js) == 0)
			disc_one(&jobs[i]);	/* one OLT: no threads */
	}
	if (p != NULL) {
		pool_wait_idle(p);
		pool_stop(p, 0);
		pool_free(p);
	}
	for (size_t i = 0; i < nj; i++)
		total += jobs[i].nrows;
	*rows = xcalloc(total + 1, sizeof **rows);
	for (size_t i = 0; i < nj; i++) {
		disc_store(st, &jobs[i]);
		for (size_t k = 0; k < jobs[i].nrows; k++)
			(*rows)[(*nrows)++] = jobs[i].rows[k];
		free(jobs[i].rows);
		if ((*res)[i].kind != ERR_NONE)
			worst = -1;
	}
	free(jobs);
	return worst;
}

/* ---- backup ---- */

void
op_backup_free(struct op_backup *b)
{
	free(b->diff);
	b->diff = NULL;
}

int
ops_backup(struct engine *e, const char *olt, struct op_backup *b, struct err *err)
{
	const struct olt_driver *d;
	struct config_backup prev = { 0 }, now = { 0 };
	struct store *st;
	struct session *s;
	struct olt o;
	char *text = NULL, *cause = NULL, la[96], lb[96], ta[32], tb[32];
	int have, rc;

	memset(b, 0, sizeof *b);
	if (load(e, olt, &o, &d, &st, err) != 0 || engine_acquire(e, &o, 0, &s, err) != 0)
		return -1;
	rc = d->reads->running_config(s, &text, err);
	engine_release(e, s, false);
	if (rc != 0) {
		char *m = xasprintf("cannot read the running configuration of %s: %s", olt,
		    err_text(err));

		free(err->message);
		err->message = m;
		free(text);
		return -1;
	}
	if ((have = store_backup_latest(st, o.id, &prev, &cause)) < 0)
		goto fail;
	b->taken_at = now_s();
	if ((b->id = store_backup_add(st, o.id, text, b->taken_at, &cause)) < 0) {
		if (have == 1)
			store_backup_free(&prev);
		goto fail;
	}
	if (store_backup_latest(st, o.id, &now, &cause) == 1) {
		cp(b->sha256, now.sha256, sizeof b->sha256);
		store_backup_free(&now);
	}
	b->bytes = strlen(text);
	if (have == 1) {
		cp(b->prev_sha256, prev.sha256, sizeof b->prev_sha256);
		b->changed = strcmp(prev.sha256, b->sha256) != 0;
		iso8601(prev.taken_at, ta);
		iso8601(b->taken_at, tb);
		snprintf(la, sizeof la, "%s %s", olt, ta);
		snprintf(lb, sizeof lb, "%s %s", olt, tb);
		b->diff = diff_unified(prev.text, text, la, lb, 3, NULL, NULL);
		store_backup_free(&prev);
	} else
		b->changed = true;
	free(text);
	return 0;
fail:
	err_set(err, ERR_INTERNAL, "%s", cause);
	free(cause);
	free(text);
	return -1;
}

/* ---- olt test ---- */

void
op_olt_test_free(struct op_olt_test *t)
{
	pr_version_free(&t->version);
}

int
ops_olt_test(struct engine *e, const char *olt, struct op_olt_test *t, struct err *err)
{
	const struct olt_driver *d;
	struct store *st;
	struct session *s;
	struct olt o;
	int64_t t0;
	int rc;

	memset(t, 0, sizeof *t);
	pr_version_init(&t->version);
	if (load(e, olt, &o, &d, &st, err) != 0 ||
	    engine_connect(e, &o, &t->connect_ms, &t->login_ms, &s, err) != 0)
		return -1;
	if (session_cli(s) != NULL)
		cp(t->hostname, cli_hostname(session_cli(s)), sizeof t->hostname);
	t0 = mono_ms();
	rc = d->reads->version(s, &t->version, err);
	t->command_ms = mono_ms() - t0;
	if (rc != 0) {
		char *m = xasprintf("%s: cannot read the version: %s", olt, err_text(err));

		free(err->message);
		err->message = m;
	}
	t0 = mono_ms();
	if (session_broken(s))
		session_abort(s);
	else
		session_close(s);
	t->logout_ms = mono_ms() - t0;
	return rc;
}
