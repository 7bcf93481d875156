/*
 * ops_write.c — the ONT writes (ops.h): resolve the ONT, read what the
 * plan and its undo need from the device, build the plan with the OLT's
 * driver, run it through the write pipeline, and on success bring the
 * database in line with the device.
 *
 * Reads a write needs first (the port's ONT ids, the ONT's configuration)
 * take a session from the engine's pool and give it back before the plan
 * runs, so the plan's own session is the same pooled one.  Runs on the
 * calling thread with its store (engine_store).
 */
#include "core/ops.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/engine.h"
#include "core/store.h"
#include "drivers/planner.h"
#include "drivers/template.h"
#include "lib/sn.h"
#include "lib/util.h"

#define OP_WORD(id, word, doc) word,
static const char *const op_words[] = { OP_KINDS(OP_WORD) };
#undef OP_WORD

const char *
op_kind_name(enum op_kind k)
{
	return (size_t)k < nitems(op_words) ? op_words[k] : "?";
}

int
op_kind_parse(const char *s, enum op_kind *out)
{
	for (size_t i = 0; s != NULL && i < nitems(op_words); i++)
		if (strcmp(op_words[i], s) == 0) {
			*out = (enum op_kind)i;
			return 0;
		}
	return -1;
}

void
op_req_init(struct op_req *r, enum op_kind k)
{
	memset(r, 0, sizeof *r);
	r->kind = k;
	r->ont_id = -1;
	r->new_ont_id = -1;
}

/* What one write works with, once its OLT is known. */
struct wctx {
	struct engine		*e;
	struct store		*st;
	struct olt		 olt;
	const struct olt_driver	*drv;
	struct exec_target	 xt;
	const struct write_opts	*o;
	char			 found_model[33];	/* the type discovery reported */
};

/* A report of a write that sent nothing, with its status and cause (taken). */
static enum write_status
refused(struct write_report *rep, enum write_status s, char *cause)
{
	memset(rep, 0, sizeof *rep);
	rep->status = s;
	rep->outcome = AUDIT_REFUSED;
	rep->cause = cause != NULL ? cause : xstrdup("the request was refused");
	return s;
}

/* The same from an error (cleared). */
static enum write_status
refused_err(struct write_report *rep, struct err *e)
{
	enum write_status s = writes_status_of(e->kind);

	refused(rep, s == WRITE_DONE ? WRITE_FAILED : s, xstrdup(err_text(e)));
	err_clear(e);
	return rep->status;
}

/* Loads OLT name into w.  0, or -1 with *err (ERR_USAGE: no such OLT). */
static int
open_olt(struct engine *e, const char *name, const struct write_opts *o, struct wctx *w,
    struct err *err)
{
	memset(w, 0, sizeof *w);
	w->e = e;
	w->o = o;
	if (engine_find_olt(e, name, &w->olt, &w->drv, err) != 0)
		return -1;
	w->st = engine_store(e, NULL);
	w->xt.eng = e;
	w->xt.olt = &w->olt;
	w->xt.drv = w->drv;
	w->xt.acquire_ms = o->acquire_ms;
	w->xt.step_timeout_ms = o->step_timeout_ms;
	return 0;
}

int
ops_resolve(struct engine *e, const struct op_req *rq, struct op_target *t,
    struct err *err)
{
	struct store *st;
	struct ont o;
	struct olt ol;
	char *cause = NULL, sn[SN_LEN + 1];
	int rc;

	memset(t, 0, sizeof *t);
	t->ont_id = rq->ont_id;
	t->new_ont_id = rq->new_ont_id;
	strlcpy_(t->new_port, rq->new_port, sizeof t->new_port);
	if ((st = engine_store(e, &cause)) == NULL) {
		err_set(err, ERR_INTERNAL, "%s", cause);
		free(cause);
		return -1;
	}
	if (rq->olt[0] == '\0' && rq->sn[0] != '\0') {
		if (sn_normalize(rq->sn, sn) != 0) {
			err_set(err, ERR_USAGE, "'%s' is not a GPON serial", rq->sn);
			return -1;
		}
		if ((rc = store_ont_by_sn(st, sn, &o, &cause)) != 1) {
			err_set(err, rc == 0 ? ERR_USAGE : ERR_INTERNAL, rc == 0 ? "ONT %s is "
			    "not in the database; name it with --olt O --port P --ont-id N" :
			    "%s", rc == 0 ? sn : cause);
			free(cause);
			return -1;
		}
		if (store_olt_by_id(st, o.olt_id, &ol, &cause) != 1) {
			err_set(err, ERR_INTERNAL, "the OLT of ONT %s is gone%s%s", sn,
			    cause != NULL ? ": " : "", cause != NULL ? cause : "");
			free(cause);
			return -1;
		}
		strlcpy_(t->olt, ol.name, sizeof t->olt);
		strlcpy_(t->port, o.port, sizeof t->port);
		t->ont_id = o.ont_id;
		strlcpy_(t->sn, o.sn, sizeof t->sn);
		return 0;
	}
	if (rq->olt[0] == '\0' || rq->port[0] == '\0' || rq->ont_id < 0) {
		err_set(err, ERR_USAGE, "name the ONT: its serial, or its OLT, port and ONT id");
		return -1;
	}
	strlcpy_(t->olt, rq->olt, sizeof t->olt);
	strlcpy_(t->port, rq->port, sizeof t->port);
	if (rq->sn[0] != '\0' && sn_normalize(rq->sn, sn) == 0)
		strlcpy_(t->sn, sn, sizeof t->sn);
	else if (store_olt_by_name(st, rq->olt, &ol, &cause) == 1) {
		struct ont *v = NULL;
		size_t n = 0;

		if (store_onts_on_port(st, ol.id, t->port, &v, &n, &cause) == 0)
			for (size_t i = 0; i < n; i++)
				if (v[i].ont_id == t->ont_id)
					strlcpy_(t->sn, v[i].sn, sizeof t->sn);
		free(v);
	}
	free(cause);
	return 0;
}

/* The ONT ids in use on port, read from the device.  0 with *ids (caller
   frees), or -1 with *err. */
static int
used_ids(struct wctx *w, const char *port, long **ids, size_t *n, struct err *err)
{
	struct pr_ont_list l = { 0 };
	struct session *s;
	int rc;

	*ids = NULL;
	*n = 0;
	if (engine_acquire(w->e, &w->olt, w->o->acquire_ms, &s, err) != 0)
		return -1;
	rc = w->drv->reads->ont_list(s, port, &l, err);
	engine_release(w->e, s, false);
	if (rc != 0) {
		char *m = xasprintf("cannot read the ONTs of port %s: %s", port, err_text(err));

		free(err->message);
		err->message = m;
		pr_ont_list_free(&l);
		return -1;
	}
	*ids = xcalloc(l.n + 1, sizeof **ids);
	for (size_t i = 0; i < l.n; i++)
		(*ids)[(*n)++] = l.v[i].ont_id;
	pr_ont_list_free(&l);
	return 0;
}

/* The first free ONT id of port.  0 and *id, or -1 with *err. */
static int
free_id(struct wctx *w, const char *port, int *id, struct err *err)
{
	long *ids;
	size_t n;

	if (used_ids(w, port, &ids, &n, err) != 0)
		return -1;
	*id = driver_free_ont_id(w->drv, ids, n);
	free(ids);
	if (*id < 0) {
		err_set(err, ERR_FAILURE, "port %s of %s has no free ONT id", port, w->olt.name);
		return -1;
	}
	return 0;
}

/* The configuration of ONT t read from the device, as a provisioning
   request (the undo of a removal, a move, a replace or a change) and as
   the state the write starts from (*before, which the plan's intent is
   built on).  The strings of *cfg point into *k, which the caller frees
   with ont_config_free(), and *before with ont_state_free().  0, or -1
   with *err. */
static int
read_cfg(struct wctx *w, const struct op_target *t, struct provision_req *cfg,
    struct ont_config *k, struct ont_state *before, struct err *err)
{
	struct session *s;
	int rc;

	memset(k, 0, sizeof *k);
	if (engine_acquire(w->e, &w->olt, w->o->acquire_ms, &s, err) != 0)
		return -1;
	rc = w->drv->reads->ont_config(s, t->port, t->ont_id, k, err);
	engine_release(w->e, s, false);
	if (rc != 0) {
		char *m = xasprintf("cannot read the configuration of ONT %s %d on %s: %s",
		    t->port, t->ont_id, w->olt.name, err_text(err));

		free(err->message);
		err->message = m;
		ont_config_free(k);
		return -1;
	}
	ont_state_from_config(before, t->port, t->ont_id, k);
	ont_config_req(k, before, t->port, t->ont_id, t->sn[0] != '\0' ? t->sn : NULL, cfg);
	cfg->olt = w->olt.name;
	cfg->olt_model = w->olt.model[0] != '\0' ? w->olt.model : NULL;
	return 0;
}

/* The ONT type discovery (autofind) reported for serial sn on w's OLT,
   kept in w; NULL when it reported none (the driver's default then). */
static const char *
found_model(struct wctx *w, const char *sn)
{
	struct discovered_ont *v = NULL;
	char want[SN_LEN + 1], got[SN_LEN + 1], *cause = NULL;
	size_t n = 0;

	w->found_model[0] = '\0';
	if (sn_normalize(sn, want) != 0 ||
	    store_discovered_list(w->st, w->olt.id, &v, &n, &cause) != 0) {
		free(cause);
		return NULL;
	}
	for (size_t i = 0; i < n && w->found_model[0] == '\0'; i++)
		if (sn_normalize(v[i].sn, got) == 0 && strcmp(got, want) == 0)
			strlcpy_(w->found_model, v[i].model, sizeof w->found_model);
	free(v);
	return w->found_model[0] != '\0' ? w->found_model : NULL;
}

/* The provisioning request of rq (profile, overrides), its strings in rq
   and *pf.  0, or -1 with *err (ERR_USAGE naming the field). */
static int
provision_req(struct wctx *w, const struct op_req *rq, const struct op_target *t,
    struct profile *pf, struct provision_req *r, struct err *err)
{
	struct contract ct;
	char *cause = NULL;
	int rc;

	memset(r, 0, sizeof *r);
	r->olt = w->olt.name;
	r->port = t->port;
	r->ont_id = t->ont_id;
	r->sn = rq->sn;
	r->model = rq->model[0] != '\0' ? rq->model : found_model(w, rq->sn);
	r->name = rq->contract[0] != '\0' ? rq->contract : NULL;
	r->desc = rq->desc[0] != '\0' ? rq->desc : NULL;
	r->wan_mode = "none";
	r->olt_model = w->olt.model[0] != '\0' ? w->olt.model : NULL;
	r->vlan_profile = rq->vlan_profile[0] != '\0' ? rq->vlan_profile : NULL;
	if (rq->profile[0] != '\0') {
		if ((rc = store_profile_by_name(w->st, rq->profile, pf, &cause)) != 1) {
			err_set(err, rc == 0 ? ERR_USAGE : ERR_INTERNAL, rc == 0 ? "no profile "
			    "called %s (see `oltui profile list`)" : "%s", rc == 0 ?
			    rq->profile : cause);
			free(cause);
			return -1;
		}
		r->vlan = pf->vlan;
		r->down_mbps = pf->down_mbps;
		r->up_mbps = pf->up_mbps;
		r->line_profile = pf->line_profile[0] != '\0' ? pf->line_profile : NULL;
		r->service_profile = pf->service_profile[0] != '\0' ? pf->service_profile : NULL;
		r->wan_mode = wan_mode_name(pf->wan);
		r->acs_url = pf->acs_url[0] != '\0' ? pf->acs_url : NULL;
	} else if (rq->vlan <= 0) {
		err_set(err, ERR_USAGE, "give a service profile (see `oltui profile list`) or "
		    "at least a VLAN");
		return -1;
	}
	if (rq->vlan > 0)
		r->vlan = rq->vlan;
	r->user_vlan = rq->user_vlan;
	if (r->name != NULL && (rc = store_contract_by_code(w->st, r->name, &ct, &cause)) != 1) {
		err_set(err, rc == 0 ? ERR_USAGE : ERR_INTERNAL, rc == 0 ? "no contract %s "
		    "(add it with `oltui contract add`)" : "%s", rc == 0 ? r->name : cause);
		free(cause);
		return -1;
	}
	r->pppoe_user = rq->pppoe_user[0] != '\0' ? rq->pppoe_user : NULL;
	r->pppoe_password = rq->pppoe_password;
	r->acs_user = rq->acs_user[0] != '\0' ? rq->acs_user : NULL;
	r->acs_password = rq->acs_password;
	return 0;
}

/* The ONT reference of target t on w's OLT. */
static struct ont_ref
ref_of(const struct wctx *w, const struct op_target *t)
{
	struct ont_ref o = { .olt = w->olt.name, .port = t->port, .ont_id = t->ont_id,
	    .sn = t->sn[0] != '\0' ? t->sn : NULL,
	    .olt_model = w->olt.model[0] != '\0' ? w->olt.model : NULL };

	return o;
}

/* Replaces a plan's string field. */
static void
plan_set(char **field, const char *v)
{
	free(*field);
	*field = xstrdup(v != NULL ? v : "");
}

/* Runs a built plan (taken) with the ONT and its contract filled in for
   the audit. */
static enum write_status
run_plan(struct wctx *w, struct plan *p, const char *sn, const char *contract,
    struct write_report *rep)
{
	struct ont o;
	char *cause = NULL;
	enum write_status s;

	if ((contract == NULL || *contract == '\0') && sn != NULL && *sn != '\0' &&
	    store_ont_by_sn(w->st, sn, &o, &cause) == 1 && o.contract[0] != '\0')
		contract = o.contract;
	free(cause);
	if (p->ont_sn == NULL || p->ont_sn[0] == '\0')
		plan_set(&p->ont_sn, sn);
	if (contract != NULL && *contract != '\0')
		plan_set(&p->contract, contract);
	s = writes_run(w->st, &w->xt, p, w->o, rep);
	plan_free(p);
	return s;
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

/* Admin, status and distance from a read-back. */
static void
reading_apply(struct ont_reading *rd, const struct pr_ont_detail *d)
{
	if (d->admin != ADMIN_UNKNOWN)
		rd->admin = d->admin;
	rd->status = d->status;
	if (d->distance_m >= 0)
		rd->distance_m = (int)d->distance_m;
}

/* Adds "applied on the device, but ..." to the report (the write itself
   stays done: the device has changed). */
static void
store_failed(struct write_report *rep, const char *what, char *cause)
{
	free(rep->cause);
	rep->cause = xasprintf("%s on the device, but the database was not updated: %s",
	    what, cause != NULL ? cause : "?");
	free(cause);
}

/* Writes the ONT's row at (port, ont_id) with serial sn, from its old row
   and the read-back. */
static void
store_row(struct wctx *w, const char *old_sn, const char *port, int ont_id,
    const char *sn, bool keep_seen, struct write_report *rep)
{
	struct ont old;
	struct ont_reading rd;
	char *cause = NULL;
	int have = old_sn != NULL && *old_sn != '\0' ?
	    store_ont_by_sn(w->st, old_sn, &old, &cause) : 0;

	free(cause);
	cause = NULL;
	reading_from(&rd, have == 1 ? &old : NULL, port, ont_id, sn);
	if (rep->have_readback)
		reading_apply(&rd, &rep->readback);
	if (have == 1 && keep_seen && old.last_seen > 0)
		rd.read_at = old.last_seen;
	if (store_onts_upsert(w->st, w->olt.id, &rd, 1, &cause) != 0)
		store_failed(rep, "applied", cause);
}

/* The database after a successful write. */
static void
after(struct wctx *w, const struct op_req *rq, const struct op_target *t,
    struct write_report *rep)
{
	char *cause = NULL, sn[SN_LEN + 1];
	struct ont old;

	switch (rq->kind) {
	case OP_PROVISION:
		store_row(w, NULL, t->port, t->ont_id, t->sn, false, rep);
		if (rq->contract[0] != '\0' && store_link_set(w->st, t->sn, rq->contract,
		    &cause) != 0)
			store_failed(rep, "provisioned", cause);
		else if (rq->profile[0] != '\0' && store_ont_profile_set(w->st, t->sn,
		    rq->profile, &cause) < 0)
			store_failed(rep, "provisioned", cause);
		break;
	case OP_DELETE:
		if (t->sn[0] != '\0' && (store_ont_remove(w->st, w->olt.id, t->sn, &cause) < 0 ||
		    store_link_remove(w->st, t->sn, &cause) < 0))
			store_failed(rep, "deleted", cause);
		break;
	case OP_ENABLE:
	case OP_DISABLE:
		if (t->sn[0] == '\0')
			break;
		store_row(w, t->sn, t->port, t->ont_id, t->sn, true, rep);
		if (!rep->have_readback && store_ont_by_sn(w->st, t->sn, &old, &cause) == 1) {
			struct ont_reading rd;

			reading_from(&rd, &old, t->port, t->ont_id, t->sn);
			rd.admin = rq->kind == OP_ENABLE ? ADMIN_ENABLED : ADMIN_DISABLED;
			if (store_onts_upsert(w->st, w->olt.id, &rd, 1, &cause) != 0)
				store_failed(rep, "applied", cause);
		}
		free(cause);
		break;
	case OP_REPLACE:
		if (sn_normalize(rq->new_sn, sn) != 0)
			strlcpy_(sn, rq->new_sn, sizeof sn);
		if (t->sn[0] != '\0' && store_ont_by_sn(w->st, t->sn, &old, &cause) != 1)
			memset(&old, 0, sizeof old);
		free(cause);
		cause = NULL;
		store_row(w, t->sn, t->port, t->ont_id, sn, true, rep);
		if (t->sn[0] != '\0') {
			store_ont_remove(w->st, w->olt.id, t->sn, &cause);
			free(cause);
			cause = NULL;
		}
		if (old.contract[0] != '\0') {
			store_link_remove(w->st, t->sn, &cause);
			free(cause);
			cause = NULL;
			if (store_link_set(w->st, sn, old.contract, &cause) != 0)
				store_failed(rep, "replaced", cause);
		}
		break;
	case OP_MOVE:
		if (t->sn[0] != '\0')
			store_row(w, t->sn, t->new_port, t->new_ont_id, t->sn, true, rep);
		break;
	default:
		break;
	}
}

/* Records a write refused before its plan existed (the read it starts
   with failed: the device unreachable, a login or host key refused), so
   the trail shows every attempt on a device. */
static void
audit_refusal(struct wctx *w, const struct op_req *rq, const struct op_target *t,
    struct write_report *rep)
{
	struct audit_start as = { .user = w->o->user, .olt = w->olt.name,
	    .ont_sn = t->sn, .contract = rq->contract,
	    .action = rq->kind == OP_DELETE ? "deprovision" : op_kind_name(rq->kind) };
	char *cause = NULL;
	int64_t id;

	if (w->o->dry_run || (id = audit_begin(w->st, &as, &cause)) <= 0) {
		free(cause);
		return;
	}
	if (audit_step(w->st, id, "read the ONT before the write", rep->cause, false,
	    &cause) != 0 || audit_end(w->st, id, AUDIT_REFUSED, rep->cause, &cause) != 0)
		free(cause);
	rep->audit_id = id;
}

/* True (with *cause) when rq would re-create an ONT with more service
   ports than a re-creation builds: a move, or a serial swap the driver
   does by removing and registering again, builds one, and would drop the
   others without a word. */
static bool
many_flows(const struct wctx *w, const struct op_req *rq, const struct ont_state *before,
    char **cause)
{
	bool recreate = rq->kind == OP_MOVE || (rq->kind == OP_REPLACE &&
	    !template_exists(w->drv, w->olt.model[0] != '\0' ? w->olt.model : NULL,
	    "replace"));

	if (!recreate || before->nflows <= 1)
		return false;
	set_cause(cause, "%s: the %s has %zu service ports and oltui re-creates one; "
	    "nothing was sent (change it by hand, or remove the extra service ports "
	    "first)", op_kind_name(rq->kind), driver_ont_word(w->drv), before->nflows);
	return true;
}

/* Builds the plan of rq on target t (reading the ONT's configuration
   when the write needs it).  0 and *p, or -1 with the report filled. */
static int
build(struct wctx *w, const struct op_req *rq, struct op_target *t, struct plan **p,
    struct write_report *rep)
{
	const struct olt_driver *d = w->drv;
	struct ont_ref o = ref_of(w, t);
	struct provision_req cfg;
	struct ont_config k;
	struct ont_state before;
	struct profile pf;
	struct err e = { 0 };
	char *cause = NULL;
	bool need_cfg;
	int rc;

	*p = NULL;
	/* Every write to an existing ONT starts from its state read now: the
	   plan's intent is built on it and its undo is checked against it. */
	need_cfg = rq->kind != OP_PROVISION && rq->kind != OP_REBOOT;
	ont_state_init(&before, t->port, t->ont_id);
	if (rq->kind == OP_PROVISION) {
		if (provision_req(w, rq, t, &pf, &cfg, &e) != 0) {
			refused_err(rep, &e);
			return -1;
		}
		rc = planner_provision(d, &cfg, p, &cause);
	} else if (need_cfg && read_cfg(w, t, &cfg, &k, &before, &e) != 0) {
		char *m = xasprintf("nothing was sent: %s", err_text(&e));

		free(e.message);
		e.message = m;
		refused_err(rep, &e);
		if (rep->status != WRITE_USAGE)
			audit_refusal(w, rq, t, rep);
		ont_state_free(&before);
		return -1;
	} else if (need_cfg && many_flows(w, rq, &before, &cause)) {
		ont_config_free(&k);
		rc = -1;
	} else {
		if (need_cfg)
			o.state = &before;
		switch (rq->kind) {
		case OP_DELETE:
			rc = planner_deprovision(d, &o, &cfg, p, &cause);
			break;
		case OP_ENABLE:
		case OP_DISABLE:
			rc = planner_enable(d, &o, rq->kind == OP_ENABLE, p, &cause);
			break;
		case OP_REBOOT:
			rc = planner_reboot(d, &o, p, &cause);
			break;
		case OP_REPLACE:
			rc = planner_replace(d, &o, &cfg, rq->new_sn, p, &cause);
			break;
		case OP_MOVE:
			rc = planner_move(d, &o, &cfg, t->new_port, t->new_ont_id, p, &cause);
			break;
		case OP_SPEED:
			rc = planner_speed(d, &o, &cfg, rq->down_mbps, rq->up_mbps, p, &cause);
			break;
		case OP_VLAN:
			rc = planner_vlan(d, &o, &cfg, rq->vlan, p, &cause);
			break;
		case OP_DESC:
			rc = planner_desc(d, &o, cfg.desc, rq->desc, p, &cause);
			break;
		default:
			set_cause(&cause, "unknown write");
			rc = -1;
			break;
		}
		if (need_cfg)
			ont_config_free(&k);
	}
	ont_state_free(&before);
	if (rc != 0) {
		refused(rep, WRITE_USAGE, cause);
		return -1;
	}
	return 0;
}

/* True when the plan changes nothing its intent can show: every place it
   touches already is as intended (disabling a disabled ONT, setting the
   VLAN it has).  A reboot, which has no intent, always runs. */
static bool
no_change(const struct plan *p)
{
	struct buf d = { 0 };
	int n = 0;

	if (p->verify.kind == VERIFY_NONE || p->nplaces == 0)
		return false;
	for (size_t i = 0; i < p->nplaces; i++)
		n += ont_state_diff(&p->places[i].after, &p->places[i].before, &d);
	buf_free(&d);
	return n == 0;
}

/* Describes the write for messages: "provision HWTC… on hw-1 0/1/1 ONT 3". */
static void
describe(const struct op_req *rq, struct op_target *t)
{
	const char *sn = t->sn[0] != '\0' ? t->sn : "?";

	switch (rq->kind) {
	case OP_PROVISION:
		snprintf(t->what, sizeof t->what, "provision %s on %s %s ONT %d", sn, t->olt,
		    t->port, t->ont_id);
		break;
	case OP_MOVE:
		snprintf(t->what, sizeof t->what, "move ONT %s (%s %s %d) to %s %d", sn, t->olt,
		    t->port, t->ont_id, t->new_port, t->new_ont_id);
		break;
	default:
		snprintf(t->what, sizeof t->what, "%s ONT %s (%s %s %d)",
		    rq->kind == OP_SPEED || rq->kind == OP_VLAN || rq->kind == OP_DESC ?
		    "set" : op_kind_name(rq->kind), sn, t->olt, t->port, t->ont_id);
		break;
	}
}

/* Resolves the target of rq (ids included) and opens its OLT into w.  0,
   or -1 with the report filled. */
static int
target(struct engine *e, const struct op_req *rq, const struct write_opts *o,
    struct wctx *w, struct op_target *t, struct write_report *rep)
{
	struct err err = { 0 };
	char sn[SN_LEN + 1];

	memset(t, 0, sizeof *t);
	if (rq->kind == OP_PROVISION) {
		if (rq->olt[0] == '\0' || rq->port[0] == '\0' || rq->sn[0] == '\0') {
			refused(rep, WRITE_USAGE, xstrdup("a provisioning needs the OLT, the "
			    "port and the ONT's serial"));
			return -1;
		}
		strlcpy_(t->olt, rq->olt, sizeof t->olt);
		strlcpy_(t->port, rq->port, sizeof t->port);
		t->ont_id = rq->ont_id;
		strlcpy_(t->sn, sn_normalize(rq->sn, sn) == 0 ? sn : rq->sn, sizeof t->sn);
	} else if (ops_resolve(e, rq, t, &err) != 0) {
		refused_err(rep, &err);
		return -1;
	}
	if (open_olt(e, t->olt, o, w, &err) != 0) {
		refused_err(rep, &err);
		return -1;
	}
	if (rq->kind == OP_PROVISION && t->ont_id < 0 && free_id(w, t->port, &t->ont_id,
	    &err) != 0) {
		refused_err(rep, &err);
		return -1;
	}
	if (rq->kind == OP_MOVE) {
		if (t->new_port[0] == '\0')
			strlcpy_(t->new_port, t->port, sizeof t->new_port);
		if (rq->new_port[0] == '\0' && rq->new_ont_id < 0) {
			refused(rep, WRITE_USAGE, xstrdup("move: give the new port and/or the "
			    "new ONT id"));
			return -1;
		}
		if (t->new_ont_id < 0 && free_id(w, t->new_port, &t->new_ont_id, &err) != 0) {
			refused_err(rep, &err);
			return -1;
		}
	}
	if (rq->kind == OP_REPLACE && sn_normalize(rq->new_sn, sn) != 0) {
		refused(rep, WRITE_USAGE, xasprintf("new serial: '%s' is not a GPON serial",
		    rq->new_sn));
		return -1;
	}
	return 0;
}

enum write_status
ops_write(struct engine *e, const struct op_req *rq, const struct write_opts *o,
    struct write_report *rep, struct op_target *tout)
{
	struct op_target t;
	struct wctx w;
	struct plan *p;
	enum write_status s;

	memset(rep, 0, sizeof *rep);
	if (target(e, rq, o, &w, &t, rep) != 0 || build(&w, rq, &t, &p, rep) != 0) {
		describe(rq, &t);
		if (tout != NULL)
			*tout = t;
		return rep->status;
	}
	describe(rq, &t);
	if (tout != NULL)
		*tout = t;
	if (no_change(p)) {
		struct buf pv = { 0 };

		plan_preview(p, &pv);
		plan_free(p);
		rep->preview = buf_take(&pv);
		rep->status = WRITE_DONE;
		rep->outcome = AUDIT_OK;
		rep->unchanged = true;
		return WRITE_DONE;
	}
	s = run_plan(&w, p, t.sn, rq->contract, rep);
	if (s == WRITE_DONE && !o->dry_run)
		after(&w, rq, &t, rep);
	return s;
}

#define OPB_NAME(id, word) word,
static const char *const batch_fate_names[] = { OP_BATCH_FATES(OPB_NAME) };
#undef OPB_NAME

const char *
op_batch_fate_name(enum op_batch_fate f)
{
	return (unsigned)f < OP_BATCH_FATE_COUNT ? batch_fate_names[f] : "?";
}

enum op_batch_fate
op_batch_fate_of(const struct write_report *rep)
{
	if (rep->status == WRITE_DONE)
		return OPB_DONE;
	if (rep->nleft > 0)
		return OPB_LEFT;
	return rep->applied > 0 || rep->undone > 0 ? OPB_UNDONE : OPB_REFUSED;
}

/* True when the database has sn on the OLT with store id olt_id. */
static bool
known_on(struct engine *e, int64_t olt_id, const char *sn)
{
	struct ont o;
	char *cause = NULL;

	if (store_ont_by_sn(engine_store(e, NULL), sn, &o, &cause) != 1) {
		free(cause);
		return false;
	}
	return o.olt_id == olt_id;
}

enum write_status
ops_provision_batch(struct engine *e, const struct op_req *base,
    const struct op_batch_line *lines, size_t n, bool resume,
    const struct write_opts *o0, op_batch_fn each, void *arg)
{
	struct write_opts o = *o0;
	struct write_report rep;
	struct op_target t;
	struct op_req rq = *base;
	struct wctx w;
	struct err err = { 0 };
	enum write_status worst = WRITE_DONE;
	long *used = NULL;
	size_t nused = 0, i = 0;

	o.keep_mode = true;	/* one session, no mode churn between ONTs */
	if (open_olt(e, base->olt, &o, &w, &err) != 0 ||
	    used_ids(&w, base->port, &used, &nused, &err) != 0) {
		memset(&t, 0, sizeof t);
		refused_err(&rep, &err);
		if (each != NULL && n > 0) {
			strlcpy_(t.sn, lines[0].sn, sizeof t.sn);
			each(arg, 0, OPB_REFUSED, &rep, &t);
		}
		worst = rep.status;
		writes_report_free(&rep);
		i = 1;
		goto rest;
	}
	used = xreallocarray(used, nused + n + 1, sizeof *used);
	for (; i < n; i++) {
		int id = lines[i].ont_id;

		if (resume && known_on(e, w.olt.id, lines[i].sn)) {
			if (each != NULL)
				each(arg, i, OPB_SKIPPED, NULL, NULL);
			continue;
		}
		if (id < 0 && (id = driver_free_ont_id(w.drv, used, nused)) < 0) {
			memset(&t, 0, sizeof t);
			strlcpy_(t.sn, lines[i].sn, sizeof t.sn);
			refused(&rep, WRITE_FAILED, xasprintf("line %zu: no free ONT id left on "
			    "%s", i + 1, base->port));
		} else {
			used[nused++] = id;
			strlcpy_(rq.sn, lines[i].sn, sizeof rq.sn);
			rq.ont_id = id;
			ops_write(e, &rq, &o, &rep, &t);
		}
		enum write_status st = rep.status;

		if (each != NULL)
			each(arg, i, op_batch_fate_of(&rep), &rep, &t);
		if (st > worst)
			worst = st;
		writes_report_free(&rep);
		if (st == WRITE_UNREACHABLE || id < 0) {
			i++;
			break;	/* the device is gone (or the port full): do not hammer it */
		}
	}
	free(used);
rest:
	for (; i < n; i++)
		if (each != NULL)
			each(arg, i, OPB_NOT_ATTEMPTED, NULL, NULL);
	return worst;
}
