/*
 * ops_acs.c — a change to a customer's router through the TR-069 ACS
 * (ops_acs.h ops_acs_change), and what every ACS operation shares: the
 * way to the ACS (config.ini [acs], the password kept sealed, or a URL for
 * one call), finding a router and its ONT, the secrets kept per router.
 *
 * A change, whichever front asked (console, verb, a mass-change job):
 *
 *   request ─ the ACS (link) ─ the router on the ACS and its ONT in the
 *     database (contract, OLT: the audit entry is filed under them)
 *   ─ what it sets (ops_acs_plan.c), with the values there now: asked of
 *     the router itself (a getParameterValues task) unless the request
 *     takes the ACS's copy or this is a dry run; a secret's from the vault
 *   ─ a router that does not answer: fail as unreachable, nothing sent, or
 *     (queue) go on with the ACS's copy and leave the task queued
 *   ─ nothing to change? nothing sent, nothing audited
 *   ─ the plan ─ writes_run (preview, audit, the task through exec_acs,
 *     verification by reading back, undo on failure)
 *   ─ afterwards: a secret set is kept sealed (per router and parameter),
 *     a queued task is recorded for ops_acs_tasks().
 *
 * Runs on the calling thread with its store; any thread.
 */
#include "core/ops_acs_impl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "core/audit.h"
#include "core/config.h"
#include "core/engine.h"
#include "core/store.h"
#include "core/vault.h"
#include "lib/sn.h"
#include "lib/util.h"

#define KEPT_ACS_PASSWORD "acs.password"

static const char *const change_words[] = {
#define CH_WORD(id, word, doc) word,
	ACS_CHANGES(CH_WORD)
#undef CH_WORD
};

const char *
acs_change_name(enum acs_change_kind k)
{
	return (size_t)k < nitems(change_words) ? change_words[k] : "?";
}

int
acs_change_parse(const char *s, enum acs_change_kind *out)
{
	for (size_t i = 0; s != NULL && i < nitems(change_words); i++)
		if (strcmp(change_words[i], s) == 0) {
			*out = (enum acs_change_kind)i;
			return 0;
		}
	return -1;
}

void
acs_op_result_free(struct acs_op_result *r)
{
	writes_report_free(&r->rep);
}

/* ---- the way to the ACS ---- */

int
ops_acs_link_open(struct engine *e, const char *url, struct acs *client,
    struct acs_link *l, struct err *err)
{
	const struct config *c = engine_config(e);
	char *cause = NULL, *pw = NULL;
	int64_t ref, aid;

	memset(l, 0, sizeof *l);
	l->insecure = config_bool(c, "acs.insecure");
	l->task_timeout_ms = (int)config_int(c, "acs.timeout_s") * 1000;
	if (url != NULL && url[0] != '\0')
		l->url = xstrdup(url);
	else if (config_str(c, "acs.url")[0] == '\0') {
		err_set(err, ERR_USAGE, "no TR-069 ACS is configured: set `[acs] url` in %s "
		    "(url = http://acs.example:7557), or give --acs URL",
		    config_path(c) != NULL ? config_path(c) : "config.ini");
		return -1;
	} else {
		l->url = xstrdup(config_str(c, "acs.url"));
		if (config_str(c, "acs.user")[0] != '\0')
			l->user = xstrdup(config_str(c, "acs.user"));
		if (ops_acs_kept_get(e, KEPT_ACS_PASSWORD, &pw, &ref, &aid, err) < 0) {
			ops_acs_link_close(l);
			return -1;
		}
		l->password = pw;
	}
	l->conn.url = l->url;
	l->conn.user = l->user;
	l->conn.password = l->password;
	l->conn.insecure = l->insecure;
	l->conn.ca_file = config_str(c, "acs.ca_file");
	l->conn.connect_timeout_ms = (int)config_int(c, "acs.connect_timeout_s") * 1000;
	/* GenieACS waits up to the task's timeout for the router's session to
	   start, then up to 120 s for it to end (lib/nbi.ts). */
	l->conn.timeout_ms = l->task_timeout_ms + 130000;
	if ((l->a = client) == NULL) {
		if ((l->a = acs_open(&l->conn, &cause)) == NULL) {
			err_set(err, ERR_USAGE, "%s", cause != NULL ? cause : "cannot open the ACS");
			free(cause);
			ops_acs_link_close(l);
			return -1;
		}
		l->own = true;
	}
	return 0;
}

void
ops_acs_link_close(struct acs_link *l)
{
	if (l->own)
		acs_close(l->a);
	free(l->url);
	free(l->user);
	if (l->password != NULL)
		vault_secret_free(l->password);
	memset(l, 0, sizeof *l);
}

int
ops_acs_client(struct engine *e, const char *acs_url, struct acs **out, struct err *err)
{
	struct acs_link l;

	if (ops_acs_link_open(e, acs_url, NULL, &l, err) != 0)
		return -1;
	*out = l.a;
	l.own = false;
	ops_acs_link_close(&l);
	return 0;
}

bool
ops_acs_insecure(struct engine *e)
{
	return config_bool(engine_config(e), "acs.insecure");
}

/* ---- kept secrets ---- */

char *
ops_acs_kept_name(const char *device, const char *path)
{
	return xasprintf("acs:%s:%s", device, path);
}

int
ops_acs_kept_get(struct engine *e, const char *name, char **value, int64_t *ref,
    int64_t *audit_id, struct err *err)
{
	struct store *st;
	struct kept_secret k;
	char *cause = NULL;
	int rc;

	*value = NULL;
	*ref = *audit_id = 0;
	if ((st = engine_store(e, &cause)) == NULL ||
	    (rc = store_secret_latest(st, name, &k, &cause)) < 0) {
		err_set(err, ERR_INTERNAL, "%s", cause);
		free(cause);
		return -1;
	}
	if (rc == 0)
		return 0;
	if (engine_vault(e) == NULL) {
		err_set(err, ERR_USAGE, "%s is kept sealed, and the vault is not open", name);
		return -1;
	}
	if ((*value = vault_unseal(engine_vault(e), k.sealed, &cause)) == NULL) {
		err_set(err, ERR_REFUSED, "the value kept as %s does not open: %s", name, cause);
		free(cause);
		return -1;
	}
	*ref = k.id;
	*audit_id = k.audit_id;
	return 1;
}

bool
ops_acs_hidden(const char *path)
{
	static const char *const ends[] = { ".KeyPassphrase", ".Password",
	    ".ConnectionRequestPassword", ".PreSharedKey" };
	size_t n = strlen(path);

	for (size_t i = 0; i < nitems(ends); i++) {
		size_t k = strlen(ends[i]);

		if (n >= k && strcmp(path + n - k, ends[i]) == 0)
			return true;
	}
	return false;
}

void
ops_acs_wants_free(struct acs_want *w, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(w[i].path);
		free(w[i].type);
		if (w[i].value != NULL)
			vault_secret_free(w[i].value);
		if (w[i].before != NULL)
			vault_secret_free(w[i].before);
	}
	free(w);
}

/* ---- finding a router ---- */

int
ops_acs_find(struct engine *e, struct acs_link *l, const char *sn, const char *device_id,
    const char *const *extra, size_t nextra, struct acs_target *t, struct err *err)
{
	size_t nv, np;
	const char *const *vp = acs_view_projection(&nv);
	const char **proj = xcalloc(nv + nextra + 1, sizeof *proj);
	struct acs_result r = { 0 };
	struct acs_device_list list = { 0 };
	struct store *st;
	struct ont ont;
	struct olt olt;
	enum acs_status s;
	char *cause = NULL;

	memset(t, 0, sizeof *t);
	for (np = 0; np < nv; np++)
		proj[np] = vp[np];
	for (size_t i = 0; i < nextra; i++)
		proj[np++] = extra[i];
	if (device_id != NULL && device_id[0] != '\0') {
		cJSON *q = cJSON_CreateObject();
		char *query;

		cJSON_AddStringToObject(q, "_id", device_id);
		query = cJSON_PrintUnformatted(q);
		cJSON_Delete(q);
		s = acs_query(l->a, query, proj, np, 0, 1, &list, &r);
		cJSON_free(query);
		if (s == ACS_OK && list.n == 0) {
			s = ACS_NO_DEVICE;
			free(r.message);
			r.message = xasprintf("the ACS at %s has no device %s", acs_url(l->a),
			    device_id);
		} else if (s == ACS_OK) {
			t->dev = list.v[0];
			memset(&list.v[0], 0, sizeof list.v[0]);
		}
		acs_device_list_free(&list);
	} else
		s = acs_find(l->a, sn, proj, np, &t->dev, &r);
	free(proj);
	if (s != ACS_OK) {
		err_set(err, exec_acs_kind(s), "%s", r.message != NULL ? r.message :
		    acs_status_name(s));
		acs_result_clear(&r);
		return -1;
	}
	acs_result_clear(&r);
	if (acs_view_build(&t->dev, &t->view, &cause) != 0) {
		err_set(err, ERR_FAILURE, "router %s: %s", t->dev.id, cause);
		free(cause);
		ops_acs_target_free(t);
		return -1;
	}
	if (sn != NULL && sn[0] != '\0')
		sn_normalize(sn, t->sn);
	else if (t->dev.serial != NULL)
		sn_normalize(t->dev.serial, t->sn);
	/* The ONT's contract and OLT, when the database knows its serial. */
	if (t->sn[0] != '\0' && (st = engine_store(e, NULL)) != NULL &&
	    store_ont_by_sn(st, t->sn, &ont, NULL) == 1) {
		strlcpy_(t->contract, ont.contract, sizeof t->contract);
		if (store_olt_by_id(st, ont.olt_id, &olt, NULL) == 1)
			strlcpy_(t->olt, olt.name, sizeof t->olt);
	}
	return 0;
}

void
ops_acs_target_free(struct acs_target *t)
{
	acs_device_free(&t->dev);
	memset(t, 0, sizeof *t);
}

void
ops_acs_exec_target(struct engine *e, const struct acs_link *l, const struct acs_target *t,
    const struct write_opts *o, struct exec_acs *xa, struct exec_target *xt)
{
	memset(xa, 0, sizeof *xa);
	memset(xt, 0, sizeof *xt);
	xa->conn = &l->conn;
	xa->client = l->a;
	xa->device = t->dev.id;
	xa->task_timeout_ms = o->step_timeout_ms > 0 ? o->step_timeout_ms :
	    l->task_timeout_ms;
	xa->wake = true;
	xt->eng = e;
	xt->acs = xa;
	xt->acquire_ms = o->acquire_ms;
	xt->step_timeout_ms = o->step_timeout_ms;
}

/* ---- a change ---- */

/* Fills r for a change that ends before the pipeline: status s, cause. */
static enum write_status
end_early(struct acs_op_result *r, enum write_status s, const char *cause)
{
	struct write_report keep = r->rep;

	/* What was found unchanged stays in the report. */
	memset(&r->rep, 0, sizeof r->rep);
	r->status = writes_refused(&r->rep, s, xstrdup(cause));
	r->rep.params = keep.params;
	r->rep.nparams = keep.nparams;
	keep.params = NULL;
	keep.nparams = 0;
	writes_report_free(&keep);
	return s;
}

/* Asks the router itself for the values w holds now (readable ones).  0,
   or -1 with *err (the router did not answer: a link kind). */
static int
read_fresh(const struct exec_target *xt, struct acs_want *w, size_t n, struct err *err)
{
	const char **paths = xcalloc(n + 1, sizeof *paths);
	char **got = xcalloc(n + 1, sizeof *got);
	size_t k = 0;
	void *h = NULL;
	int rc;

	for (size_t i = 0; i < n; i++)
		if (!w[i].secret)
			paths[k++] = w[i].path;
	rc = k == 0 ? 0 : exec_acs.open(xt, &h, err);
	if (rc == 0 && k > 0)
		rc = exec_acs.read_params(h, xt, paths, k, got, err);
	if (h != NULL)
		exec_acs.close(h, xt, false, false);
	for (size_t i = 0, j = 0; rc == 0 && i < n; i++) {
		if (w[i].secret)
			continue;
		free(w[i].before);
		w[i].before = got[j++];
		w[i].before_at = 0;
	}
	if (rc != 0)
		for (size_t j = 0; j < k; j++)
			free(got[j]);
	free(got);
	free(paths);
	return rc;
}

/* Drops from w what is already as asked (a secret is always sent: the
   router cannot say what it holds).  Returns how many are left. */
static size_t
drop_unchanged(struct acs_want *w, size_t n, struct write_report *rep)
{
	size_t k = 0;

	for (size_t i = 0; i < n; i++) {
		if (!w[i].secret && plan_param_equal(w[i].type, w[i].before, w[i].value)) {
			rep->params = xreallocarray(rep->params, rep->nparams + 1,
			    sizeof *rep->params);
			rep->params[rep->nparams++] = (struct write_param){
			    .path = xstrdup(w[i].path), .want = xstrdup(w[i].value),
			    .got = xstrdup(w[i].before), .state = WPARAM_UNCHANGED };
			free(w[i].path);
			free(w[i].type);
			vault_secret_free(w[i].value);
			vault_secret_free(w[i].before);
			continue;
		}
		w[k++] = w[i];
	}
	return k;
}

/* The title of a change's preview: what, and how old the values are. */
static char *
change_title(const char *what, const struct acs_want *w, size_t n, bool fresh,
    bool insecure)
{
	int64_t oldest = 0, now = now_s();
	size_t shown = 0;
	char age[32];
	struct buf b = { 0 };

	buf_adds(&b, what);
	for (size_t i = 0; i < n; i++) {
		shown += !w[i].secret;
		if (!w[i].secret && w[i].before_at > 0 &&
		    (oldest == 0 || w[i].before_at < oldest))
			oldest = w[i].before_at;
	}
	if (shown > 0 && fresh && oldest == 0)
		buf_adds(&b, "; values read from the router now");
	else if (shown > 0 && oldest > 0) {
		time_ago(oldest, now, age, sizeof age);
		buf_addf(&b, "; values as the ACS last read them, %s", age);
	}
	if (insecure)
		buf_adds(&b, " [ACS TLS verification OFF]");
	return buf_take(&b);
}

/* Checks that the ACS holds the firmware file of rq; sets *unchanged when
   the router already runs its version.  0, or -1 with *err. */
static int
check_file(struct acs_link *l, const struct acs_change_req *rq, const struct acs_target *t,
    bool *unchanged, struct err *err)
{
	struct acs_file_list fl = { 0 };
	struct acs_result r = { 0 };
	enum acs_status s = acs_files(l->a, &fl, &r);
	int rc = -1;

	*unchanged = false;
	if (s != ACS_OK)
		err_set(err, exec_acs_kind(s), "%s", r.message != NULL ? r.message :
		    acs_status_name(s));
	else {
		for (size_t i = 0; i < fl.n && rc != 0; i++)
			if (strcmp(fl.v[i].name, rq->file) == 0) {
				rc = 0;
				*unchanged = fl.v[i].version[0] != '\0' &&
				    strcmp(fl.v[i].version, t->view.firmware) == 0;
			}
		if (rc != 0)
			err_set(err, ERR_USAGE, "the ACS at %s holds no file \"%s\" (oltui acs "
			    "files lists what it holds)", acs_url(l->a), rq->file);
	}
	acs_file_list_free(&fl);
	acs_result_clear(&r);
	return rc;
}

enum write_status
ops_acs_change(struct engine *e, const struct acs_change_req *rq,
    const struct write_opts *o, struct acs_op_result *r)
{
	struct acs_link l;
	struct acs_target t;
	struct acs_want *w = NULL;
	struct exec_acs xa = { 0 };
	struct exec_target xt = { 0 };
	struct store *st;
	struct plan *p = NULL;
	struct err err = { 0 };
	const char **extra = NULL;
	char *cause = NULL, *title, action[48];
	size_t n = 0;
	bool fresh = false, same = false;

	memset(r, 0, sizeof *r);
	if ((st = engine_store(e, &cause)) == NULL) {
		end_early(r, WRITE_FAILED, cause);
		free(cause);
		return r->status;
	}
	if ((size_t)rq->kind >= ACS_CHANGE_COUNT ||
	    ((rq->sn == NULL || rq->sn[0] == '\0') &&
	    (rq->device_id == NULL || rq->device_id[0] == '\0')))
		return end_early(r, WRITE_USAGE, "name the router: an ONT serial or its "
		    "ACS device id");
	if (rq->kind == ACS_CH_FACTORY_RESET && !rq->confirm_factory_reset)
		return end_early(r, WRITE_USAGE, "a factory reset erases the router's "
		    "configuration: it must be confirmed twice; nothing was sent");
	if (rq->kind == ACS_CH_FIRMWARE && (rq->file == NULL || rq->file[0] == '\0'))
		return end_early(r, WRITE_USAGE, "name the firmware file the ACS holds");
	if (ops_acs_link_open(e, o->acs_url != NULL ? o->acs_url : rq->acs_url, rq->client,
	    &l, &err) != 0)
		goto fail_err;
	extra = xcalloc(rq->nparams + 1, sizeof *extra);
	for (size_t i = 0; rq->kind == ACS_CH_SET && i < rq->nparams; i++)
		extra[i] = rq->params[i].path;
	if (ops_acs_find(e, &l, rq->sn, rq->device_id, extra,
	    rq->kind == ACS_CH_SET ? rq->nparams : 0, &t, &err) != 0) {
		free(extra);
		ops_acs_link_close(&l);
		goto fail_err;
	}
	free(extra);
	strlcpy_(r->device_id, t.dev.id, sizeof r->device_id);
	strlcpy_(r->sn, t.sn, sizeof r->sn);
	strlcpy_(r->olt, t.olt, sizeof r->olt);
	strlcpy_(r->contract, t.contract, sizeof r->contract);
	ops_acs_what(rq, &t, r->what, sizeof r->what);
	if (ops_acs_wants(e, rq, &t, &w, &n, &err) != 0 ||
	    (rq->kind == ACS_CH_FIRMWARE && check_file(&l, rq, &t, &same, &err) != 0))
		goto fail_target;
	ops_acs_exec_target(e, &l, &t, o, &xa, &xt);
	xa.queue = rq->queue;
	if (!o->dry_run && !rq->cached_before && n > 0) {
		if (read_fresh(&xt, w, n, &err) == 0)
			fresh = true;
		else if (!rq->queue || !err_is_link(err.kind)) {
			cause = xasprintf("nothing was sent: reading the values the change "
			    "replaces failed: %s", err_text(&err));
			end_early(r, writes_status_of(err.kind), cause);
			free(cause);
			err_clear(&err);
			goto out;
		} else {
			/* Queue it: the router is known not to answer now. */
			err_clear(&err);
			xa.wake = false;
		}
	}
	if (same) {
		/* The router runs the image already: say which. */
		char *path = xasprintf("%s.DeviceInfo.SoftwareVersion", t.view.model ==
		    ACS_MODEL_TR181 ? "Device" : "InternetGatewayDevice");

		r->rep.params = xcalloc(1, sizeof *r->rep.params);
		r->rep.params[0] = (struct write_param){ .path = path,
		    .want = xstrdup(t.view.firmware), .got = xstrdup(t.view.firmware),
		    .state = WPARAM_UNCHANGED };
		r->rep.nparams = 1;
	}
	if ((n > 0 && (n = drop_unchanged(w, n, &r->rep)) == 0) || same) {
		r->rep.unchanged = true;
		r->status = r->rep.status = WRITE_DONE;
		goto out;
	}
	title = change_title(r->what, w, n, fresh, l.insecure);
	snprintf(action, sizeof action, "acs %s", acs_change_name(rq->kind));
	if (ops_acs_plan(rq, &t, action, title, w, n, &p, &err) != 0) {
		free(title);
		goto fail_target;
	}
	free(title);
	for (size_t i = 0; i < n; i++)
		if (w[i].secret) {
			audit_secret(st, w[i].value);
			if (w[i].before != NULL)
				audit_secret(st, w[i].before);
		}
	writes_run(st, &xt, p, o, &r->rep);
	ops_acs_mask_report(st, &r->rep);
	if (!o->dry_run)
		ops_acs_after(e, p, t.sn, &r->rep);
	r->status = r->rep.status;
	r->queued = r->rep.queued;
	if (r->rep.queued_ref != NULL)
		strlcpy_(r->task_id, r->rep.queued_ref, sizeof r->task_id);
	plan_free(p);
out:
	ops_acs_wants_free(w, n);
	ops_acs_target_free(&t);
	ops_acs_link_close(&l);
	return r->status;
fail_target:
	ops_acs_wants_free(w, n);
	ops_acs_target_free(&t);
	ops_acs_link_close(&l);
fail_err:
	end_early(r, err.kind == ERR_NOTFOUND ? WRITE_USAGE : writes_status_of(err.kind),
	    err_text(&err));
	err_clear(&err);
	return r->status;
}

/* ---- after a write ---- */

void
ops_acs_mask_report(struct store *st, struct write_report *rep)
{
	char **texts[] = { &rep->cause, &rep->diff, &rep->undo_diff };

	for (size_t i = 0; st != NULL && i < nitems(texts); i++)
		if (*texts[i] != NULL) {
			char *m = audit_mask_secrets(st, *texts[i]);

			free(*texts[i]);
			*texts[i] = m;
		}
}

void
ops_acs_after(struct engine *e, const struct plan *p, const char *sn,
    struct write_report *rep)
{
	struct store *st = engine_store(e, NULL);
	struct vault *v = engine_vault(e);
	char *cause = NULL;

	if (st == NULL || rep->audit_id <= 0 || rep->status != WRITE_DONE || rep->unchanged)
		return;
	for (size_t i = 0; i < p->nparams; i++) {
		const struct plan_param *pp = &p->params[i];
		char *name, *sealed;

		if (!pp->secret || pp->after == NULL)
			continue;
		if (v == NULL) {
			cause = xstrdup("the vault is not open");
		} else {
			name = ops_acs_kept_name(p->device, pp->path);
			sealed = vault_seal(v, pp->after);
			store_secret_keep(st, name, sealed, rep->audit_id, &cause);
			free(sealed);
			free(name);
		}
		if (cause != NULL) {
			char *c2 = xasprintf("%s%sthe password set was not kept in the vault "
			    "(%s)", rep->cause != NULL ? rep->cause : "", rep->cause != NULL ?
			    "; " : "", cause);

			free(rep->cause);
			rep->cause = c2;
			free(cause);
			cause = NULL;
		}
	}
	if (rep->queued && rep->queued_ref != NULL) {
		struct acs_task_row row = { .audit_id = rep->audit_id, .posted_at = now_s(),
		    .state = ACS_TASK_QUEUED };

		strlcpy_(row.task_id, rep->queued_ref, sizeof row.task_id);
		strlcpy_(row.device_id, p->device, sizeof row.device_id);
		strlcpy_(row.sn, sn != NULL ? sn : "", sizeof row.sn);
		strlcpy_(row.action, p->action, sizeof row.action);
		strlcpy_(row.what, p->nsteps > 0 ? p->steps[0].display : "", sizeof row.what);
		if (store_acs_task_add(st, &row, &cause) != 0) {
			char *c2 = xasprintf("%s%sthe queued task was not recorded (%s)",
			    rep->cause != NULL ? rep->cause : "", rep->cause != NULL ? "; " : "",
			    cause);

			free(rep->cause);
			rep->cause = c2;
			free(cause);
		}
	}
}
