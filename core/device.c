/*
 * device.c — OLTs from the database to logged-in CLI sessions (see
 * device.h): the pool's connect callback, discovery in parallel, backups
 * with a diff, and direct timed connects for `olt test`.
 *
 * The OLT rows and their unsealed passwords are loaded on the caller's
 * thread before any connect; connects (possibly on pool worker threads)
 * only read them.  Passwords live in vault-secret memory and are wiped in
 * device_close().
 */
#include "core/device.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/diff.h"
#include "core/pool.h"
#include "core/store.h"
#include "core/writes.h"
#include "core/vault.h"
#include "drivers/cli.h"
#include "lib/sn.h"
#include "drivers/transport.h"
#include "lib/util.h"

struct dev_olt {
	struct olt	 o;
	char		*password;	/* vault secret; NULL = none */
};

struct device {
	struct store		*st;
	struct vault		*v;
	struct device_opts	 opts;
	struct dev_olt		*olts;
	size_t			 n;
	struct session_pool	*pool;
};

struct device *
device_open(struct store *st, struct vault *v, const struct device_opts *o)
{
	struct device *d = xcalloc(1, sizeof *d);

	d->st = st;
	d->v = v;
	if (o != NULL)
		d->opts = *o;
	return d;
}

void
device_close(struct device *d)
{
	size_t i;

	if (d == NULL)
		return;
	if (d->pool != NULL)
		session_pool_free(d->pool);
	for (i = 0; i < d->n; i++) {
		if (d->olts[i].password != NULL)
			vault_secret_free(d->olts[i].password);
	}
	free(d->olts);
	free(d);
}

/* Adds o (unsealing its password); 0 or -1. */
static int
add_olt(struct device *d, const struct olt *o, char **cause)
{
	struct dev_olt *x;
	char *pw = NULL, *why = NULL;
	size_t i;

	for (i = 0; i < d->n; i++) {
		if (strcmp(d->olts[i].o.name, o->name) == 0)
			return 0;
	}
	if (o->password_sealed[0] != '\0') {
		if (d->v == NULL) {
			set_cause(cause, "the password of OLT %s is sealed; unlock the "
			    "vault (--key-file)", o->name);
			return -1;
		}
		if ((pw = vault_unseal(d->v, o->password_sealed, &why)) == NULL) {
			set_cause(cause, "cannot unseal the password of OLT %s: %s",
			    o->name, why);
			free(why);
			return -1;
		}
	}
	d->olts = xreallocarray(d->olts, d->n + 1, sizeof *d->olts);
	x = &d->olts[d->n++];
	x->o = *o;
	x->password = pw;
	return 0;
}

int
device_load(struct device *d, const char *name, char **cause)
{
	struct olt o;
	int rc = store_olt_by_name(d->st, name, &o, cause);

	if (rc != 1)
		return rc;
	return add_olt(d, &o, cause) == 0 ? 1 : -1;
}

int
device_load_all(struct device *d, char **cause)
{
	struct olt *v = NULL;
	size_t n = 0, i;

	if (store_olt_list(d->st, &v, &n, cause) != 0)
		return -1;
	for (i = 0; i < n; i++) {
		if (add_olt(d, &v[i], cause) != 0) {
			free(v);
			return -1;
		}
	}
	free(v);
	return 0;
}

size_t
device_count(const struct device *d)
{
	return d->n;
}

const struct olt *
device_olt(const struct device *d, size_t i)
{
	return i < d->n ? &d->olts[i].o : NULL;
}

/* The loaded entry of name, or NULL. */
static const struct dev_olt *
find(const struct device *d, const char *name)
{
	size_t i;

	for (i = 0; i < d->n; i++) {
		if (strcmp(d->olts[i].o.name, name) == 0)
			return &d->olts[i];
	}
	return NULL;
}

const struct olt *
device_find(const struct device *d, const char *name)
{
	const struct dev_olt *x = find(d, name);

	return x != NULL ? &x->o : NULL;
}

const struct adapter *
device_adapter(const struct olt *o)
{
	return adapter_for(o->vendor == VENDOR_ZTE ? PR_ZTE : PR_HUAWEI);
}

struct cli *
device_connect(struct device *d, const char *olt, int64_t *connect_ms,
    int64_t *login_ms, char **cause)
{
	const struct dev_olt *x = find(d, olt);
	struct transport_params tp = { 0 };
	struct cli_options co = { 0 };
	struct err e = { 0 };
	struct transport *t = NULL;
	struct cli *c;
	char *fp = NULL;
	int64_t t0 = mono_ms();
	int rc;

	if (x == NULL) {
		set_cause(cause, "no OLT called %s is loaded", olt);
		return NULL;
	}
	tp.name = x->o.name;
	tp.host = x->o.host;
	tp.port = x->o.port;
	tp.user = x->o.user;
	tp.password = x->o.transport == TRANSPORT_SSH ? x->password : NULL;
	tp.known_hosts = d->opts.known_hosts;
	tp.accept_new_host_key = d->opts.accept_new_host_key;
	tp.jump = x->o.jump_host[0] != '\0' ? x->o.jump_host : NULL;
	tp.connect_timeout_ms = d->opts.connect_timeout_ms;
	rc = transport_open(x->o.transport == TRANSPORT_SSH ? TRANSPORT_SSH : TRANSPORT_TELNET, &tp,
	    &t, &fp, cause);
	if (rc != 0) {
		if (rc == TRANSPORT_HOSTKEY_NEW && cause != NULL && *cause != NULL) {
			char *c2 = xasprintf("%s; fingerprint %s — check it, then run again "
			    "with --accept-new-host-key", *cause, fp != NULL ? fp : "?");
			free(*cause);
			*cause = c2;
		}
		free(fp);
		return NULL;
	}
	if (connect_ms != NULL)
		*connect_ms = mono_ms() - t0;
	t0 = mono_ms();
	co.command_timeout_ms = d->opts.command_timeout_ms;
	co.login_timeout_ms = d->opts.login_timeout_ms;
	c = cli_new(t, x->o.vendor == VENDOR_ZTE ? &vendor_zte : &vendor_huawei, &co);
	if (cli_login(c, x->o.user, x->password, &e) != 0) {
		set_cause(cause, "%s", e.message != NULL ? e.message : "login failed");
		err_clear(&e);
		cli_close(c);
		return NULL;
	}
	if (login_ms != NULL)
		*login_ms = mono_ms() - t0;
	return c;
}

/* The pool's connect callback. */
static struct cli *
pool_connect(void *arg, const char *olt, char **cause)
{
	return device_connect(arg, olt, NULL, NULL, cause);
}

struct session_pool *
device_pool(struct device *d)
{
	struct session_pool_config cfg = { 0 };

	if (d->pool == NULL) {
		/* Headless commands: one try, no waiting on a backoff. */
		cfg.backoff_base_ms = 1;
		cfg.backoff_max_ms = 1;
		d->pool = session_pool_new(&cfg, pool_connect, d);
	}
	return d->pool;
}

/* ---- discovery ---- */

struct disc_job {
	struct device		*d;
	const struct dev_olt	*x;
	struct device_olt_result *res;
	struct device_found	*rows;
	size_t			 nrows;
};

/* Copies at most size-1 bytes of s (NULL = ""). */
static void
cp(char *dst, const char *s, size_t size)
{
	strlcpy_(dst, s != NULL ? s : "", size);
}

/* Worker: autofind on one OLT. */
static int
disc_run(struct pool_job *job, void *arg, char **msg)
{
	struct disc_job *j = arg;
	const struct adapter *ad = device_adapter(&j->x->o);
	struct pr_autofind_list l = { 0 };
	struct err e = { 0 };
	struct cli *c;
	char *cause = NULL;
	int64_t t0 = mono_ms();
	size_t i;

	(void)job;
	(void)msg;
	cp(j->res->olt, j->x->o.name, sizeof j->res->olt);
	if (ad == NULL) {
		j->res->status = 1;
		j->res->error = xstrdup("no adapter for this vendor is built in");
		return -1;
	}
	if ((c = device_connect(j->d, j->x->o.name, NULL, NULL, &cause)) == NULL) {
		j->res->status = (int)writes_connect_status(cause);
		j->res->error = cause;
		j->res->ms = mono_ms() - t0;
		return -1;
	}
	if (ad->autofind(c, &l, &e) != 0) {
		j->res->status = e.kind == ERR_CLOSED || e.kind == ERR_TIMEOUT ? 3 : 1;
		j->res->error = xstrdup(e.message != NULL ? e.message : "autofind failed");
		err_clear(&e);
		pr_autofind_list_free(&l);
		cli_close(c);
		j->res->ms = mono_ms() - t0;
		return -1;
	}
	cli_free(c);
	j->rows = xcalloc(l.n + 1, sizeof *j->rows);
	for (i = 0; i < l.n; i++) {
		struct device_found *f = &j->rows[j->nrows++];
		char sn[SN_LEN + 1];

		cp(f->olt, j->x->o.name, sizeof f->olt);
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
}

int
device_discover(struct device *d, int workers, struct device_found **rows,
    size_t *nrows, struct device_olt_result **res, char **cause)
{
	struct pool_config pc = { .workers = workers > 0 ? workers : 4, .per_olt_max = 1 };
	struct disc_job *jobs;
	struct pool *p;
	size_t i, k, total = 0;
	int worst = 0;

	*rows = NULL;
	*nrows = 0;
	*res = xcalloc(d->n + 1, sizeof **res);
	jobs = xcalloc(d->n + 1, sizeof *jobs);
	if ((p = pool_start(&pc, cause)) == NULL) {
		free(jobs);
		return -1;
	}
	for (i = 0; i < d->n; i++) {
		struct job_spec js = { 0 };

		jobs[i].d = d;
		jobs[i].x = &d->olts[i];
		jobs[i].res = &(*res)[i];
		js.olt_id = d->olts[i].o.id;
		js.priority = JOB_PRIO_HIGH;
		js.run = disc_run;
		js.arg = &jobs[i];
		pool_submit(p, &js);
	}
	pool_wait_idle(p);
	pool_stop(p, 0);
	pool_free(p);
	for (i = 0; i < d->n; i++)
		total += jobs[i].nrows;
	*rows = xcalloc(total + 1, sizeof **rows);
	for (i = 0; i < d->n; i++) {
		struct discovered_ont *dv = xcalloc(jobs[i].nrows + 1, sizeof *dv);
		char *why = NULL;

		for (k = 0; k < jobs[i].nrows; k++) {
			const struct device_found *f = &jobs[i].rows[k];
			int64_t t;

			(*rows)[(*nrows)++] = *f;
			dv[k].olt_id = d->olts[i].o.id;
			cp(dv[k].port, f->port, sizeof dv[k].port);
			cp(dv[k].sn, f->sn, sizeof dv[k].sn);
			cp(dv[k].model, f->model, sizeof dv[k].model);
			dv[k].found_at = parse_datetime(f->found_at, &t) == 0 ? t : now_s();
		}
		if ((*res)[i].status == 0 && store_discovered_replace(d->st,
		    d->olts[i].o.id, dv, jobs[i].nrows, &why) != 0) {
			(*res)[i].status = 1;
			(*res)[i].error = xasprintf("discovered, but not stored: %s", why);
			free(why);
		}
		free(dv);
		free(jobs[i].rows);
		if ((*res)[i].status > worst)
			worst = (*res)[i].status;
	}
	free(jobs);
	return worst;
}

/* ---- backup ---- */

int
device_backup(struct device *d, const char *olt, struct device_backup *b,
    char **cause)
{
	const struct dev_olt *x = find(d, olt);
	const struct adapter *ad;
	struct config_backup prev = { 0 }, now = { 0 };
	struct err e = { 0 };
	struct cli *c;
	char *text = NULL, la[96], lb[96], ta[32], tb[32];
	int have;

	memset(b, 0, sizeof *b);
	b->status = 1;
	if (x == NULL) {
		set_cause(cause, "no OLT called %s", olt);
		return -1;
	}
	if ((ad = device_adapter(&x->o)) == NULL) {
		set_cause(cause, "no adapter for %s is built in", vendor_name(x->o.vendor));
		return -1;
	}
	if ((c = device_connect(d, olt, NULL, NULL, cause)) == NULL) {
		b->status = (int)writes_connect_status(*cause);
		return -1;
	}
	if (ad->running_config(c, &text, &e) != 0) {
		b->status = e.kind == ERR_CLOSED || e.kind == ERR_TIMEOUT ? 3 : 1;
		set_cause(cause, "cannot read the running configuration of %s: %s", olt,
		    e.message != NULL ? e.message : err_kind_name(e.kind));
		err_clear(&e);
		cli_close(c);
		free(text);
		return -1;
	}
	cli_free(c);
	if ((have = store_backup_latest(d->st, x->o.id, &prev, cause)) < 0) {
		free(text);
		return -1;
	}
	b->taken_at = now_s();
	if ((b->id = store_backup_add(d->st, x->o.id, text, b->taken_at, cause)) < 0) {
		free(text);
		if (have == 1)
			store_backup_free(&prev);
		return -1;
	}
	if (store_backup_latest(d->st, x->o.id, &now, cause) == 1) {
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
	b->status = 0;
	return 0;
}

void
device_backup_free(struct device_backup *b)
{
	free(b->diff);
	b->diff = NULL;
}
