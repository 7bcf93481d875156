/*
 * ops_acs_undo.c — undoing a past ACS write (`oltui undo ENTRY` for an
 * entry that names a router; ops_undo() hands it here).
 *
 * The record (plan.h, written when the write started) holds each
 * parameter's path, type and values before and after, but never a secret:
 * for a passphrase it holds the reference of the value oltui kept sealed
 * before the write (before_ref), and the value the write set is the one
 * kept under the entry's own id.  The inverse sets every parameter back to
 * its before value, through the same pipeline (preview, audit,
 * verification, undo of the undo), and it is refused, nothing sent, when:
 *   - a value before is not known (a passphrase oltui never set: it reads
 *     back empty; a parameter the router did not have);
 *   - the router is no longer as that write left it: each readable
 *     parameter is read (from the router itself; a dry run reads the ACS's
 *     copy) and compared with the recorded after value, and a passphrase
 *     must still be the one that entry set (no later oltui write set
 *     another).  A queued entry whose task has not run yet fails this too.
 * An undo is itself an audited write with its own record.
 */
#include "core/ops_acs_impl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/engine.h"
#include "core/store.h"
#include "core/vault.h"
#include "lib/util.h"

/* The inverse's parameters from the record: set each back to its before
   value.  0 and *w, or -1 with *cause (what cannot be undone; *changed
   when it is because a passphrase was set again since). */
static int
inverse_wants(struct engine *e, int64_t id, const struct plan *rec,
    const struct acs_target *t, struct acs_want **w, size_t *n, char **cause,
    bool *changed)
{
	struct err err = { 0 };

	*w = xcalloc(rec->nparams + 1, sizeof **w);
	*n = 0;
	for (size_t i = 0; i < rec->nparams; i++) {
		const struct plan_param *pp = &rec->params[i];
		struct acs_want *x = &(*w)[*n];
		char *name, *now = NULL, *was = NULL;
		int64_t ref = 0, aid = 0;
		struct store *st = engine_store(e, NULL);
		struct kept_secret k;

		if (!pp->secret) {
			if (pp->before == NULL) {
				set_cause(cause, "%s did not exist before that write: it cannot be "
				    "undone by setting a value", pp->path);
				return -1;
			}
			const char *cur = acs_param(&t->dev, pp->path, &x->before_at);

			x->value = xstrdup(pp->before);
			x->before = cur != NULL ? xstrdup(cur) : NULL;
		} else {
			if (pp->before_ref <= 0) {
				set_cause(cause, "the value of %s before that write was never known "
				    "to oltui (it reads back empty): undo it by hand", pp->path);
				return -1;
			}
			name = ops_acs_kept_name(rec->device, pp->path);
			if (ops_acs_kept_get(e, name, &now, &ref, &aid, &err) != 1 || aid != id) {
				set_cause(cause, "%s was set again since that write%s: its undo would "
				    "not restore what was there", pp->path, err.kind != ERR_NONE ?
				    "" : aid > 0 ? " (by a later audited write)" : "");
				if (err.kind != ERR_NONE)
					set_cause(cause, "%s", err_text(&err));
				else
					*changed = true;
				err_clear(&err);
				free(name);
				if (now != NULL)
					vault_secret_free(now);
				return -1;
			}
			free(name);
			if (st == NULL || store_secret_by_id(st, pp->before_ref, &k, NULL) != 1 ||
			    engine_vault(e) == NULL ||
			    (was = vault_unseal(engine_vault(e), k.sealed, NULL)) == NULL) {
				set_cause(cause, "the value of %s before that write is no longer kept "
				    "(or does not open): undo it by hand", pp->path);
				vault_secret_free(now);
				return -1;
			}
			x->value = was;
			x->before = now;
			x->before_ref = ref;
		}
		x->path = xstrdup(pp->path);
		x->type = xstrdup(pp->type);
		x->secret = pp->secret;
		x->readable = pp->readable;
		(*n)++;
	}
	return 0;
}

/* Compares the router now with what the write left (the record's after
   values, read from the router itself unless fresh is false).  0 when the
   same; -1 with *cause (what changed, or why it could not be read: *link
   for a link kind). */
static int
unchanged(const struct exec_target *xt, const struct plan *rec, struct acs_want *w,
    size_t n, bool fresh, const char *outcome, char **cause, bool *link)
{
	struct buf diff = { 0 };
	struct err err = { 0 };
	const char **paths = xcalloc(n + 1, sizeof *paths);
	char **got = xcalloc(n + 1, sizeof *got);
	size_t k = 0;
	void *h = NULL;
	int rc = 0;

	*link = false;
	for (size_t i = 0; i < n; i++)
		if (w[i].readable)
			paths[k++] = w[i].path;
	if (fresh && k > 0 && (exec_acs.open(xt, &h, &err) != 0 ||
	    exec_acs.read_params(h, xt, paths, k, got, &err) != 0)) {
		*link = err_is_link(err.kind);
		set_cause(cause, "reading the router failed: %s", err_text(&err));
		rc = -1;
	}
	if (h != NULL)
		exec_acs.close(h, xt, false, false);
	err_clear(&err);
	for (size_t i = 0, j = 0; rc == 0 && i < n; i++) {
		const struct plan_param *pp = &rec->params[i];

		if (!w[i].readable)
			continue;
		if (fresh) {
			free(w[i].before);
			w[i].before = got[j];
			got[j] = NULL;
			w[i].before_at = 0;
		}
		j++;
		if (!plan_param_equal(pp->type, pp->after, w[i].before))
			buf_addf(&diff, "%s%s: wanted \"%s\", the router has %s%s%s", diff.len > 0 ?
			    "; " : "", pp->path, pp->after, w[i].before != NULL ? "\"" : "",
			    w[i].before != NULL ? w[i].before : "none",
			    w[i].before != NULL ? "\"" : "");
	}
	if (rc == 0 && diff.len > 0) {
		set_cause(cause, "the router has changed since that write%s, so its undo would "
		    "not restore what was there: %s", strcmp(outcome, "queued") == 0 ?
		    " (or its queued task has not run yet: oltui acs tasks)" : "",
		    buf_str(&diff));
		rc = -1;
	}
	for (size_t j = 0; j < k; j++)
		free(got[j]);
	free(got);
	free(paths);
	buf_free(&diff);
	return rc;
}

enum write_status
ops_acs_undo(struct engine *e, int64_t id, const char *outcome, struct plan *rec,
    const struct write_opts *o, struct write_report *rep, struct op_target *t)
{
	struct acs_change_req rq = { .kind = ACS_CH_SET };
	struct acs_link l;
	struct acs_target tg;
	struct acs_want *w = NULL;
	struct exec_acs xa = { 0 };
	struct exec_target xt = { 0 };
	struct plan *p = NULL;
	struct err err = { 0 };
	const char **extra;
	char *cause = NULL, *title;
	size_t n = 0;
	bool link = false;
	enum write_status s;

	if (rec->nparams == 0) {
		s = writes_refused(rep, WRITE_USAGE, xasprintf("entry %lld (%s) cannot be undone: "
		    "none of its tasks has an undo", (long long)id, rec->action));
		plan_free(rec);
		return s;
	}
	if (ops_acs_link_open(e, o->acs_url, NULL, &l, &err) != 0) {
		plan_free(rec);
		s = writes_refused(rep, writes_status_of(err.kind), xstrdup(err_text(&err)));
		err_clear(&err);
		return s;
	}
	extra = xcalloc(rec->nparams + 1, sizeof *extra);
	for (size_t i = 0; i < rec->nparams; i++)
		extra[i] = rec->params[i].path;
	if (ops_acs_find(e, &l, NULL, rec->device, extra, rec->nparams, &tg, &err) != 0) {
		free(extra);
		ops_acs_link_close(&l);
		plan_free(rec);
		s = writes_refused(rep, err.kind == ERR_NOTFOUND ? WRITE_USAGE :
		    writes_status_of(err.kind), xstrdup(err_text(&err)));
		err_clear(&err);
		return s;
	}
	free(extra);
	if (t != NULL && tg.sn[0] != '\0')
		strlcpy_(t->sn, tg.sn, sizeof t->sn);
	ops_acs_exec_target(e, &l, &tg, o, &xa, &xt);
	/* What cannot be undone is a usage error (undo it by hand); a router
	   changed since is a refusal, as for an OLT. */
	if (inverse_wants(e, id, rec, &tg, &w, &n, &cause, &link) != 0) {
		s = writes_refused(rep, link ? WRITE_FAILED : WRITE_USAGE, xasprintf("nothing was sent: entry %lld: "
		    "%s", (long long)id, cause));
		free(cause);
		goto out;
	}
	link = false;
	if (unchanged(&xt, rec, w, n, !o->dry_run, outcome, &cause, &link) != 0) {
		s = writes_refused(rep, link ? WRITE_UNREACHABLE : WRITE_FAILED,
		    xasprintf("nothing was sent: entry %lld: %s", (long long)id, cause));
		free(cause);
		goto out;
	}
	title = xasprintf("undo of entry %lld: %s", (long long)id, rec->title);
	if (ops_acs_plan(&rq, &tg, "undo", title, w, n, &p, &err) != 0) {
		s = writes_refused(rep, WRITE_USAGE, xstrdup(err_text(&err)));
		err_clear(&err);
		free(title);
		goto out;
	}
	free(title);
	for (size_t i = 0; i < n; i++)
		if (w[i].secret) {
			audit_secret(engine_store(e, NULL), w[i].value);
			audit_secret(engine_store(e, NULL), w[i].before);
		}
	s = writes_run(engine_store(e, NULL), &xt, p, o, rep);
	ops_acs_mask_report(engine_store(e, NULL), rep);
	if (!o->dry_run)
		ops_acs_after(e, p, tg.sn, rep);
	plan_free(p);
out:
	ops_acs_wants_free(w, n);
	ops_acs_target_free(&tg);
	ops_acs_link_close(&l);
	plan_free(rec);
	return s;
}
