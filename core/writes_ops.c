/*
 * writes_ops.c — the ONT actions on top of the write pipeline: each builds
 * its plan with the vendor adapter, runs it through writes_run(), and on
 * success brings the store in line with the device (the ONT row, its
 * position, serial and admin state, the contract link).
 *
 * Reads that an action needs first (the free ONT id, the configuration an
 * undo must re-create) take a session from the same pool and give it back
 * before the plan runs.  Called from the verbs' thread, which owns st.
 */
#include "core/writes.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/store.h"
#include "lib/sn.h"
#include "lib/util.h"

/* What writes_read_cfg() keeps alive for the strings of a request. */
struct write_cfg {
	struct ont_config	k;
};

/* Takes a session for a read; 0, or -1 with *cause and *st_out. */
static int
read_session(const struct write_ctx *w, struct cli **c, enum write_status *st_out,
    char **cause)
{
	int ms = w->opts.acquire_ms > 0 ? w->opts.acquire_ms : 30000;
	int rc = session_pool_acquire(w->pool, w->olt, ms, c, cause);

	if (rc == SESSION_POOL_OK)
		return 0;
	*st_out = writes_connect_status(*cause);
	return -1;
}

/* Status of a failed read from its error kind. */
static enum write_status
read_status(const struct err *e)
{
	return e->kind == ERR_CLOSED || e->kind == ERR_TIMEOUT ?
	    WRITE_UNREACHABLE : WRITE_FAILED;
}

int
writes_free_ont_id(const struct write_ctx *w, const char *port, int *id,
    enum write_status *st_out, char **cause)
{
	struct pr_ont_list l = { 0 };
	struct err e = { 0 };
	struct cli *c;
	int first = w->ad->vendor == PR_ZTE ? 1 : 0, last = w->ad->vendor == PR_ZTE ? 128 : 127;
	int cand;
	size_t i;

	if (read_session(w, &c, st_out, cause) != 0)
		return -1;
	if (w->ad->ont_list(c, port, &l, &e) != 0) {
		*st_out = read_status(&e);
		set_cause(cause, "cannot read the ONTs of port %s: %s", port,
		    e.message != NULL ? e.message : err_kind_name(e.kind));
		err_clear(&e);
		pr_ont_list_free(&l);
		session_pool_release(w->pool, c, false);
		return -1;
	}
	session_pool_release(w->pool, c, false);
	for (cand = first; cand <= last; cand++) {
		for (i = 0; i < l.n; i++) {
			if (l.v[i].ont_id == cand)
				break;
		}
		if (i == l.n)
			break;
	}
	pr_ont_list_free(&l);
	if (cand > last) {
		*st_out = WRITE_FAILED;
		set_cause(cause, "port %s of %s has no free ONT id", port, w->olt);
		return -1;
	}
	*id = cand;
	return 0;
}

/* Replaces a plan's string field. */
static void
plan_set(char **field, const char *v)
{
	free(*field);
	*field = xstrdup(v != NULL ? v : "");
}

/* Builds the store row of an ONT from what we know. */
static void
reading_from(struct ont_reading *rd, const struct ont *old, const char *port,
    int ont_id, const char *sn)
{
	memset(rd, 0, sizeof *rd);
	strlcpy_(rd->port, port, sizeof rd->port);
	rd->ont_id = ont_id;
	strlcpy_(rd->sn, sn, sizeof rd->sn);
	rd->admin = old != NULL ? old->admin : ADMIN_UNKNOWN;
	rd->status = old != NULL ? old->status : ONT_UNKNOWN;
	rd->rx_dbm = old != NULL ? old->rx_dbm : NAN;
	rd->olt_rx_dbm = old != NULL ? old->olt_rx_dbm : NAN;
	rd->distance_m = old != NULL ? old->distance_m : -1;
	rd->read_at = now_s();
}

/* Admin and status from a read-back. */
static void
reading_apply(struct ont_reading *rd, const struct pr_ont_detail *d)
{
	if (d->admin != ADMIN_UNKNOWN)
		rd->admin = d->admin;
	rd->status = d->status;
	if (d->distance_m >= 0)
		rd->distance_m = (int)d->distance_m;
}

/* Writes one row; a store failure is added to the report's cause (the
   device is already changed, so the write itself stays "done"). */
static void
store_row(const struct write_ctx *w, const struct ont_reading *rd,
    struct write_report *rep)
{
	char *cause = NULL;

	if (store_onts_upsert(w->st, w->olt_id, rd, 1, &cause) != 0) {
		free(rep->cause);
		rep->cause = xasprintf("applied on the device, but the database was "
		    "not updated: %s", cause);
		free(cause);
	}
}

/* Runs a built plan with the ONT and contract filled in for the audit. */
static enum write_status
run_plan(const struct write_ctx *w, struct plan *p, const char *sn,
    const char *contract, struct write_report *rep)
{
	struct ont o;
	char *cause = NULL;

	if (contract == NULL && sn != NULL &&
	    store_ont_by_sn(w->st, sn, &o, &cause) == 1 && o.contract[0] != '\0')
		contract = o.contract;
	free(cause);
	if (p->ont_sn == NULL || p->ont_sn[0] == '\0')
		plan_set(&p->ont_sn, sn);
	if (contract != NULL)
		plan_set(&p->contract, contract);
	return writes_run(w->st, w->pool, w->ad, p, &w->opts, rep);
}

/* A plan builder's refusal as a report. */
static enum write_status
refused(struct write_report *rep, char *cause)
{
	memset(rep, 0, sizeof *rep);
	rep->status = WRITE_USAGE;
	rep->outcome = AUDIT_REFUSED;
	rep->cause = cause != NULL ? cause : xstrdup("the request was refused");
	return WRITE_USAGE;
}

enum write_status
writes_provision(const struct write_ctx *w, const struct provision_req *r,
    const char *contract, struct write_report *rep)
{
	struct plan *p = NULL;
	struct ont_reading rd;
	char *cause = NULL, sn[SN_LEN + 1];
	enum write_status s;

	if (w->ad->plan_provision(r, &p, &cause) != 0)
		return refused(rep, cause);
	s = run_plan(w, p, r->sn, contract, rep);
	plan_free(p);
	if (s != WRITE_DONE || w->opts.dry_run)
		return s;
	if (sn_normalize(r->sn, sn) != 0)
		strlcpy_(sn, r->sn, sizeof sn);
	reading_from(&rd, NULL, r->port, r->ont_id, sn);
	if (rep->have_readback)
		reading_apply(&rd, &rep->readback);
	store_row(w, &rd, rep);
	if (contract != NULL && contract[0] != '\0' &&
	    store_link_set(w->st, sn, contract, &cause) != 0) {
		free(rep->cause);
		rep->cause = xasprintf("provisioned, but the contract link was not "
		    "stored: %s", cause);
		free(cause);
	}
	return s;
}

int
writes_read_cfg(const struct write_ctx *w, const struct write_target *t,
    struct provision_req *cfg, struct write_cfg **keep, enum write_status *st_out,
    char **cause)
{
	struct write_cfg *k = xcalloc(1, sizeof *k);
	struct err e = { 0 };
	struct cli *c;
	size_t i;

	*keep = NULL;
	if (w->ad->ont_config == NULL) {
		*st_out = WRITE_FAILED;
		set_cause(cause, "the %s adapter cannot read an ONT's configuration",
		    w->ad->name);
		free(k);
		return -1;
	}
	if (read_session(w, &c, st_out, cause) != 0) {
		free(k);
		return -1;
	}
	if (w->ad->ont_config(c, t->port, t->ont_id, &k->k, &e) != 0) {
		*st_out = read_status(&e);
		set_cause(cause, "cannot read the configuration of ONT %s %d on %s: %s",
		    t->port, t->ont_id, w->olt,
		    e.message != NULL ? e.message : err_kind_name(e.kind));
		goto fail;
	}
	session_pool_release(w->pool, c, false);
	memset(cfg, 0, sizeof *cfg);
	cfg->olt = w->olt;
	cfg->port = t->port;
	cfg->ont_id = t->ont_id;
	cfg->sn = k->k.detail.sn != NULL ? k->k.detail.sn : t->sn;
	cfg->model = k->k.detail.model;
	cfg->name = k->k.detail.name;
	cfg->desc = k->k.detail.description;
	cfg->line_profile = k->k.detail.line_profile;
	cfg->service_profile = k->k.detail.service_profile;
	cfg->wan_mode = "none";
	cfg->olt_model = w->olt_model;
	for (i = 0; i < k->k.sps.n; i++) {
		const struct pr_service_port *sp = &k->k.sps.v[i];

		if (sp->ont_id != PR_NONE && sp->ont_id != t->ont_id)
			continue;
		cfg->vlan = sp->vlan > 0 ? (int)sp->vlan : 0;
		cfg->user_vlan = sp->user_vlan > 0 ? (int)sp->user_vlan : 0;
		cfg->gemport = sp->gem > 0 ? (int)sp->gem : 0;
		cfg->service_port = sp->index > 0 ? (int)sp->index : 0;
		break;
	}
	*keep = k;
	return 0;
fail:
	err_clear(&e);
	session_pool_release(w->pool, c, false);
	writes_cfg_free(k);
	return -1;
}

void
writes_cfg_free(struct write_cfg *k)
{
	if (k == NULL)
		return;
	ont_config_free(&k->k);
	free(k);
}

/* An ont_ref for t. */
static struct ont_ref
ref_of(const struct write_ctx *w, const struct write_target *t)
{
	struct ont_ref o = { .olt = w->olt, .port = t->port, .ont_id = t->ont_id,
	    .sn = t->sn[0] != '\0' ? t->sn : NULL, .olt_model = w->olt_model };

	return o;
}

/* Reads the configuration of t or returns a report saying why not. */
static int
need_cfg(const struct write_ctx *w, const struct write_target *t,
    struct provision_req *cfg, struct write_cfg **keep, struct write_report *rep)
{
	enum write_status s = WRITE_FAILED;
	char *cause = NULL;

	if (writes_read_cfg(w, t, cfg, keep, &s, &cause) == 0)
		return 0;
	memset(rep, 0, sizeof *rep);
	rep->status = s;
	rep->outcome = AUDIT_REFUSED;
	rep->cause = xasprintf("nothing was sent: %s", cause);
	free(cause);
	return -1;
}

enum write_status
writes_delete(const struct write_ctx *w, const struct write_target *t,
    struct write_report *rep)
{
	struct ont_ref o = ref_of(w, t);
	struct provision_req cfg;
	struct write_cfg *keep = NULL;
	struct plan *p = NULL;
	char *cause = NULL;
	enum write_status s;

	if (need_cfg(w, t, &cfg, &keep, rep) != 0)
		return rep->status;
	if (w->ad->plan_deprovision(&o, &cfg, &p, &cause) != 0) {
		writes_cfg_free(keep);
		return refused(rep, cause);
	}
	s = run_plan(w, p, t->sn, NULL, rep);
	plan_free(p);
	writes_cfg_free(keep);
	if (s == WRITE_DONE && !w->opts.dry_run && t->sn[0] != '\0') {
		if (store_ont_remove(w->st, w->olt_id, t->sn, &cause) < 0 ||
		    store_link_remove(w->st, t->sn, &cause) < 0) {
			rep->cause = xasprintf("deleted on the device, but the "
			    "database was not updated: %s", cause);
			free(cause);
		}
	}
	return s;
}

/* Updates the stored row of t with a change applied by fn. */
static void
store_update(const struct write_ctx *w, const struct write_target *t,
    const char *port, int ont_id, const char *sn, struct write_report *rep)
{
	struct ont old;
	struct ont_reading rd;
	char *cause = NULL;
	int have = t->sn[0] != '\0' ? store_ont_by_sn(w->st, t->sn, &old, &cause) : 0;

	free(cause);
	reading_from(&rd, have == 1 ? &old : NULL, port, ont_id, sn);
	if (rep->have_readback)
		reading_apply(&rd, &rep->readback);
	if (have == 1)
		rd.read_at = old.last_seen > 0 ? old.last_seen : rd.read_at;
	store_row(w, &rd, rep);
}

enum write_status
writes_enable(const struct write_ctx *w, const struct write_target *t, bool enable,
    struct write_report *rep)
{
	struct ont_ref o = ref_of(w, t);
	struct plan *p = NULL;
	char *cause = NULL;
	enum write_status s;

	if (w->ad->plan_enable(&o, enable, &p, &cause) != 0)
		return refused(rep, cause);
	s = run_plan(w, p, t->sn, NULL, rep);
	plan_free(p);
	if (s == WRITE_DONE && !w->opts.dry_run && t->sn[0] != '\0') {
		store_update(w, t, t->port, t->ont_id, t->sn, rep);
		if (!rep->have_readback) {
			struct ont old;

			if (store_ont_by_sn(w->st, t->sn, &old, &cause) == 1) {
				struct ont_reading rd;

				reading_from(&rd, &old, t->port, t->ont_id, t->sn);
				rd.admin = enable ? ADMIN_ENABLED : ADMIN_DISABLED;
				store_row(w, &rd, rep);
			}
			free(cause);
		}
	}
	return s;
}

enum write_status
writes_reboot(const struct write_ctx *w, const struct write_target *t,
    struct write_report *rep)
{
	struct ont_ref o = ref_of(w, t);
	struct plan *p = NULL;
	char *cause = NULL;
	enum write_status s;

	if (w->ad->plan_reboot(&o, &p, &cause) != 0)
		return refused(rep, cause);
	s = run_plan(w, p, t->sn, NULL, rep);
	plan_free(p);
	return s;
}

enum write_status
writes_replace(const struct write_ctx *w, const struct write_target *t,
    const char *new_sn, struct write_report *rep)
{
	struct ont_ref o = ref_of(w, t);
	struct provision_req cfg;
	struct write_cfg *keep = NULL;
	struct plan *p = NULL;
	char *cause = NULL, sn[SN_LEN + 1];
	struct ont old;
	int have;
	enum write_status s;

	if (need_cfg(w, t, &cfg, &keep, rep) != 0)
		return rep->status;
	if (w->ad->plan_replace(&o, &cfg, new_sn, &p, &cause) != 0) {
		writes_cfg_free(keep);
		return refused(rep, cause);
	}
	s = run_plan(w, p, t->sn, NULL, rep);
	plan_free(p);
	writes_cfg_free(keep);
	if (s != WRITE_DONE || w->opts.dry_run)
		return s;
	if (sn_normalize(new_sn, sn) != 0)
		strlcpy_(sn, new_sn, sizeof sn);
	have = store_ont_by_sn(w->st, t->sn, &old, &cause);
	free(cause);
	cause = NULL;
	store_update(w, t, t->port, t->ont_id, sn, rep);
	if (t->sn[0] != '\0') {
		store_ont_remove(w->st, w->olt_id, t->sn, &cause);
		free(cause);
		cause = NULL;
	}
	if (have == 1 && old.contract[0] != '\0') {
		store_link_remove(w->st, t->sn, &cause);
		free(cause);
		cause = NULL;
		if (store_link_set(w->st, sn, old.contract, &cause) != 0)
			free(cause);
	}
	return s;
}

enum write_status
writes_move(const struct write_ctx *w, const struct write_target *t,
    const char *new_port, int new_ont_id, struct write_report *rep)
{
	struct ont_ref o = ref_of(w, t);
	struct provision_req cfg;
	struct write_cfg *keep = NULL;
	struct plan *p = NULL;
	char *cause = NULL;
	enum write_status s;

	if (need_cfg(w, t, &cfg, &keep, rep) != 0)
		return rep->status;
	if (w->ad->plan_move(&o, &cfg, new_port, new_ont_id, &p, &cause) != 0) {
		writes_cfg_free(keep);
		return refused(rep, cause);
	}
	s = run_plan(w, p, t->sn, NULL, rep);
	plan_free(p);
	writes_cfg_free(keep);
	if (s == WRITE_DONE && !w->opts.dry_run && t->sn[0] != '\0')
		store_update(w, t, new_port, new_ont_id, t->sn, rep);
	return s;
}

enum write_status
writes_set(const struct write_ctx *w, const struct write_target *t, int down_mbps,
    int up_mbps, int vlan, const char *desc, struct write_report *rep)
{
	struct ont_ref o = ref_of(w, t);
	struct provision_req cfg;
	struct write_cfg *keep = NULL;
	struct plan *p = NULL;
	char *cause = NULL;
	int rc;
	enum write_status s;

	if (need_cfg(w, t, &cfg, &keep, rep) != 0)
		return rep->status;
	if (desc != NULL)
		rc = w->ad->plan_desc(&o, cfg.desc, desc, &p, &cause);
	else if (vlan > 0)
		rc = w->ad->plan_vlan(&o, &cfg, vlan, &p, &cause);
	else
		rc = w->ad->plan_speed(&o, &cfg, down_mbps, up_mbps, &p, &cause);
	if (rc != 0) {
		writes_cfg_free(keep);
		return refused(rep, cause);
	}
	s = run_plan(w, p, t->sn, NULL, rep);
	plan_free(p);
	writes_cfg_free(keep);
	return s;
}
