/*
 * ops_undo.c — undoing a past write (ops.h ops_undo): `oltui undo ENTRY`
 * and the console's audit pane replay the recorded inverse of an audited
 * write through the same pipeline as every write (preview, audit, steps,
 * verification, undo of the undo on failure).
 *
 * The record (audit_replay, written when the write started) holds each
 * step's undo with its mode and each place's state before and after.  The
 * inverse runs the undos of the steps in reverse; its intent is the state
 * found before the original write, and it starts only when the device is
 * still as the original write left it: each place is read now and
 * compared with the recorded after-state, and any difference refuses the
 * undo with what changed (someone else's write, a reboot that lost a
 * line), nothing sent.
 *
 * Only an entry that ended "ok" can be undone (a failed one was undone
 * already, or its left-overs are listed in its cause), or "queued" for a
 * router (ops_acs_undo.c: once its task ran).  A record that names a
 * router is undone there, from its parameters.  An undo is itself
 * an audited write with its own record, so it can be undone in turn.
 * Runs on the calling thread with its store.
 */
#include "core/ops.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/engine.h"
#include "core/ops_acs_impl.h"
#include "core/store.h"
#include "lib/util.h"

/* The recorded plan of entry id, checked to be undoable.  0 and *rec (and
   *entry), or -1 with the report filled. */
static int
load_record(struct store *st, int64_t id, struct audit_entry *entry, struct plan **rec,
    struct write_report *rep)
{
	struct audit_filter f = { .id = id };
	struct audit_entry *v = NULL;
	size_t n = 0, withheld = 0;
	char *json = NULL, *cause = NULL;
	cJSON *j;
	int rc;

	if (audit_list(st, &f, &v, &n, &cause) != 0) {
		writes_refused(rep, WRITE_FAILED, cause);
		return -1;
	}
	if (n == 0) {
		writes_refused(rep, WRITE_USAGE, xasprintf("no audit entry %lld (see `oltui audit`)",
		    (long long)id));
		return -1;
	}
	*entry = v[0];
	entry->steps = NULL;
	entry->nsteps = 0;
	audit_entries_free(v, n);
	/* A queued ACS write too: once its task ran, the router is as it
	   left it (checked before anything is sent). */
	if (strcmp(entry->outcome, "ok") != 0 && strcmp(entry->outcome, "queued") != 0) {
		writes_refused(rep, WRITE_USAGE, xasprintf("entry %lld ended \"%s\": only a write that "
		    "was applied can be undone (a failed one was undone already, or its "
		    "cause lists what it left)", (long long)id, entry->outcome));
		return -1;
	}
	if ((rc = audit_replay_get(st, id, &json, &cause)) != 1) {
		writes_refused(rep, rc < 0 ? WRITE_FAILED : WRITE_USAGE, rc < 0 ? cause :
		    xasprintf("entry %lld has no undo record (it is not a write to a device, "
		    "or an older oltui wrote it)", (long long)id));
		return -1;
	}
	j = cJSON_Parse(json);
	free(json);
	rc = plan_from_json(j, rec, &withheld, &cause);
	cJSON_Delete(j);
	if (rc != 0) {
		writes_refused(rep, WRITE_FAILED, xasprintf("entry %lld: its undo record cannot be "
		    "read: %s", (long long)id, cause));
		free(cause);
		return -1;
	}
	if ((*rec)->device[0] == '\0' && strcmp(entry->outcome, "queued") == 0) {
		writes_refused(rep, WRITE_USAGE, xasprintf("entry %lld ended \"queued\" but names "
		    "no router", (long long)id));
		plan_free(*rec);
		*rec = NULL;
		return -1;
	}
	/* An ACS write's inverse is made of its parameters, not of its steps
	   (ops_acs_undo.c says what it lacks). */
	if (withheld > 0 && (*rec)->device[0] == '\0') {
		writes_refused(rep, WRITE_USAGE, xasprintf("entry %lld: %zu of its undo commands "
		    "held a secret and were not recorded; undo it by hand", (long long)id,
		    withheld));
		plan_free(*rec);
		*rec = NULL;
		return -1;
	}
	return 0;
}

/* The inverse of recorded plan rec: the undos in reverse, each with the
   original command as its own undo (none for a step that held a secret),
   intending each place's state before the original write. */
static int
inverse(const struct plan *rec, int64_t id, const struct olt_driver *d, struct plan **out,
    char **cause)
{
	char *title = xasprintf("undo of entry %lld: %s", (long long)id, rec->title);
	struct plan *p = plan_new(rec->olt, "undo", title);

	free(title);
	p->dialect = d->cli;
	free(p->ont_sn);
	p->ont_sn = xstrdup(rec->ont_sn);
	free(p->contract);
	p->contract = xstrdup(rec->contract);
	for (size_t i = rec->nsteps; i-- > 0;) {
		const struct plan_step *s = &rec->steps[i];

		if (s->undo == NULL)
			continue;
		if (plan_add(p, s->undo_mode, s->undo_mode_arg, s->undo, NULL, s->undo_confirm,
		    NULL, s->command, s->mode, s->mode_arg, s->confirm, cause) < 0) {
			plan_free(p);
			return -1;
		}
	}
	if (p->nsteps == 0) {
		set_cause(cause, "entry %lld: none of its commands has an undo", (long long)id);
		plan_free(p);
		return -1;
	}
	for (size_t i = 0; i < rec->nplaces; i++)
		plan_place_add(p, rec->places[i].label, &rec->places[i].after,
		    &rec->places[i].before);
	if (rec->verify.kind == VERIFY_NONE)
		p->verify.kind = VERIFY_NONE;
	*out = p;
	return 0;
}

/* Reads every place of rec now and compares it with the state the
   original write left.  0 when the device is still so; -1 with *cause
   (what changed, or why it could not be read: *link set for the link). */
static int
unchanged(struct engine *e, const struct olt *o, const struct olt_driver *d,
    const struct plan *rec, const struct write_opts *wo, char **cause, bool *link)
{
	struct buf diff = { 0 };
	struct session *s;
	struct err err = { 0 };
	int rc = 0;

	*link = false;
	if (engine_acquire(e, o, wo->acquire_ms, &s, &err) != 0) {
		*link = true;
		set_cause(cause, "%s", err_text(&err));
		err_clear(&err);
		return -1;
	}
	for (size_t i = 0; i < rec->nplaces && rc == 0; i++) {
		const struct plan_place *pl = &rec->places[i];
		struct ont_config k;
		struct ont_state got;
		struct buf one = { 0 };

		memset(&k, 0, sizeof k);
		if (d->reads->ont_config(s, pl->after.port, pl->after.ont_id, &k, &err) != 0) {
			if (err.kind != ERR_FAILURE) {
				*link = err_is_link(err.kind);
				set_cause(cause, "reading %s failed: %s", pl->label, err_text(&err));
				rc = -1;
				break;
			}
			ont_state_init(&got, pl->after.port, pl->after.ont_id);
		} else
			ont_state_from_config(&got, pl->after.port, pl->after.ont_id, &k);
		err_clear(&err);
		ont_config_free(&k);
		if (ont_state_diff(&pl->after, &got, &one) > 0)
			buf_addf(&diff, "%s: %s", pl->label, buf_str(&one));
		buf_free(&one);
		ont_state_free(&got);
	}
	err_clear(&err);
	engine_release(e, s, false);
	if (rc == 0 && diff.len > 0) {
		char *one = str_join_lines(buf_str(&diff), "; ");

		set_cause(cause, "the device has changed since that write, so its undo would "
		    "not restore what was there: %s", one);
		free(one);
		rc = -1;
	}
	buf_free(&diff);
	return rc;
}

/* The database after a successful undo: each place as its intent says
   (removed first, then registered), and the entry's contract linked to an
   ONT that is back. */
static void
store_places(struct store *st, const struct olt *o, const struct plan *p,
    struct write_report *rep)
{
	char *cause = NULL;

	for (size_t i = 0; i < p->nplaces; i++) {
		const struct ont_state *b = &p->places[i].before, *a = &p->places[i].after;

		if (b->present && b->sn[0] != '\0' && (!a->present || strcmp(a->sn, b->sn) != 0)) {
			store_ont_remove(st, o->id, b->sn, &cause);
			free(cause);
			cause = NULL;
		}
	}
	for (size_t i = 0; i < p->nplaces; i++) {
		const struct ont_state *a = &p->places[i].after;
		struct ont_reading rd;

		if (!a->present || a->sn[0] == '\0')
			continue;
		memset(&rd, 0, sizeof rd);
		strlcpy_(rd.port, a->port, sizeof rd.port);
		rd.ont_id = a->ont_id;
		strlcpy_(rd.sn, a->sn, sizeof rd.sn);
		rd.admin = a->admin;
		rd.status = rep->have_readback ? rep->readback.status : ONT_UNKNOWN;
		rd.rx_dbm = rd.olt_rx_dbm = NAN;
		rd.distance_m = -1;
		rd.read_at = now_s();
		if (store_onts_upsert(st, o->id, &rd, 1, &cause) != 0 ||
		    (p->contract[0] != '\0' && store_link_set(st, a->sn, p->contract,
		    &cause) != 0)) {
			free(rep->cause);
			rep->cause = xasprintf("undone on the device, but the database was not "
			    "updated: %s", cause != NULL ? cause : "?");
			free(cause);
			cause = NULL;
		}
	}
}

enum write_status
ops_undo(struct engine *e, int64_t id, const struct write_opts *wo,
    struct write_report *rep, struct op_target *t)
{
	const struct olt_driver *d;
	struct audit_entry entry;
	struct exec_target xt = { 0 };
	struct plan *rec = NULL, *p = NULL;
	struct store *st;
	struct olt o;
	struct err err = { 0 };
	char *cause = NULL;
	bool link;
	enum write_status s;

	memset(rep, 0, sizeof *rep);
	if (t != NULL)
		memset(t, 0, sizeof *t);
	if ((st = engine_store(e, &cause)) == NULL)
		return writes_refused(rep, WRITE_FAILED, cause);
	if (load_record(st, id, &entry, &rec, rep) != 0)
		return rep->status;
	if (t != NULL) {
		strlcpy_(t->olt, entry.olt, sizeof t->olt);
		strlcpy_(t->sn, entry.ont_sn, sizeof t->sn);
		snprintf(t->what, sizeof t->what, "undo entry %lld (%s)", (long long)id,
		    entry.action);
	}
	if (rec->device[0] != '\0')
		return ops_acs_undo(e, id, entry.outcome, rec, wo, rep, t);
	if (engine_find_olt(e, entry.olt, &o, &d, &err) != 0) {
		plan_free(rec);
		s = writes_refused(rep, writes_status_of(err.kind), xstrdup(err_text(&err)));
		err_clear(&err);
		return s;
	}
	if (inverse(rec, id, d, &p, &cause) != 0) {
		plan_free(rec);
		return writes_refused(rep, WRITE_USAGE, cause);
	}
	if (unchanged(e, &o, d, rec, wo, &cause, &link) != 0) {
		plan_free(rec);
		plan_free(p);
		s = writes_refused(rep, link ? WRITE_UNREACHABLE : WRITE_FAILED,
		    xasprintf("nothing was sent: %s", cause));
		free(cause);
		return s;
	}
	plan_free(rec);
	xt.eng = e;
	xt.olt = &o;
	xt.drv = d;
	xt.acquire_ms = wo->acquire_ms;
	xt.step_timeout_ms = wo->step_timeout_ms;
	s = writes_run(st, &xt, p, wo, rep);
	if (s == WRITE_DONE && !wo->dry_run)
		store_places(st, &o, p, rep);
	plan_free(p);
	return s;
}
