/*
 * writes.c — the write pipeline (see writes.h): run a plan's steps on one
 * session, undo the completed ones in reverse when a step or the
 * verification fails, audit every command and its answer, and say exactly
 * what is left on the device when an undo cannot finish.
 *
 * Invariants: a step counts as applied once the device answered without an
 * error (and with `expect` when the plan sets one).  A step whose answer
 * never came (link dropped, timeout) is "in flight": it may or may not be
 * applied, so its undo is tried too and a device refusal of that undo is
 * read as "it was not applied".  Undo stops at the first failure of a
 * certainly-applied step, and the rest is reported as left on the device.
 *
 * Every step is sent by the executor it names (executor.h: "cli" for an
 * OLT, "acs" for a router behind the TR-069 ACS), each executor's handle
 * opened once per write (the first at the start, the others when their
 * first step comes) and reopened once for an undo when its link broke.
 * The pipeline itself knows no southbound.  A step the southbound accepts
 * to apply later (EXEC_QUEUED: an ACS task kept for a router that did not
 * answer) ends the write there: queued, not verified, nothing undone.
 *
 * Writes to one device are serialised: within a process by the caller
 * (the worker pool runs one JOB_WRITE per OLT), across processes by the
 * device's lock file (writes_lock.c) held from before the session is taken
 * until the entry is finished.  Parameter plans are verified in
 * writes_params.c.
 *
 * Called from the verbs (main thread) and the console's write jobs (one
 * worker thread, with that thread's own store handle).
 */
#include "core/writes_impl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cjson/cJSON.h>

#include "core/executor.h"
#include "core/store.h"
#include "lib/sn.h"
#include "lib/util.h"

/* Reports progress to the caller's callback, if any: text is cut to its
   first non-blank line (the device's answer can be pages). */
static void
progress(struct run *x, enum write_phase ph, enum write_pstate state, size_t step,
    const char *cmd, const char *text)
{
	struct write_progress wp = { .phase = ph, .state = state, .step = step,
	    .count = x->p->nsteps, .command = cmd };
	char line[160];

	if (x->o->progress == NULL)
		return;
	if (text != NULL) {
		size_t n;

		text += strspn(text, " \t\r\n");
		n = strcspn(text, "\r\n");
		snprintf(line, sizeof line, "%.*s", (int)(n < sizeof line ? n : sizeof line - 1),
		    text);
		wp.text = line;
	}
	wp.ms = mono_ms() - x->t0;
	x->o->progress(x->o->progress_arg, &wp);
}

void
writes_audit(struct run *x, const char *cmd, const char *answer, bool ok)
{
	char *cause = NULL;

	if (x->r->audit_id <= 0)
		return;
	if (audit_step(x->st, x->r->audit_id, cmd, answer != NULL ? answer : "", ok,
	    &cause) != 0)
		free(cause);
}

/* The handle of executor name, opened now when open is true and there
   is none yet.  NULL with *cause (and x->lost_status) when it cannot be
   had. */
static struct xh *
handle(struct run *x, const char *name, bool open, char **cause)
{
	const struct executor *ex = executor_find(name);
	struct err e = { 0 };
	struct xh *xh = NULL;

	if (ex == NULL) {
		set_cause(cause, "no executor \"%s\" in this oltui", name != NULL ? name : "");
		x->lost_status = WRITE_FAILED;
		return NULL;
	}
	for (size_t i = 0; i < x->nxs; i++)
		if (x->xs[i].ex == ex)
			xh = &x->xs[i];
	if (xh == NULL) {
		if (x->nxs == RUN_EXECUTORS) {
			set_cause(cause, "a plan may use at most %d executors", RUN_EXECUTORS);
			x->lost_status = WRITE_FAILED;
			return NULL;
		}
		xh = &x->xs[x->nxs++];
		xh->ex = ex;
	}
	if (xh->h != NULL || !open)
		return xh;
	if (ex->open(x->t, &xh->h, &e) != 0) {
		xh->h = NULL;
		x->lost_status = writes_status_of(e.kind);
		set_cause(cause, "%s", err_text(&e));
		err_clear(&e);
		return NULL;
	}
	return xh;
}

/* Gives a handle back, discarding it when broken. */
static void
release(struct run *x, struct xh *xh, bool discard, bool keep_mode)
{
	if (xh->h == NULL)
		return;
	xh->ex->close(xh->h, x->t, discard || xh->ex->broken(xh->h), keep_mode);
	xh->h = NULL;
}

/* Makes sure a usable handle of the step's executor is there for undo:
   when the one we had broke, discards it and reconnects once.  0 or -1
   with *cause. */
static int
ensure_handle(struct run *x, const char *exec, struct xh **out, char **cause)
{
	struct xh *xh = handle(x, exec, false, cause);

	*out = xh;
	if (xh == NULL)
		return -1;
	if (xh->h != NULL && !xh->ex->broken(xh->h))
		return 0;
	release(x, xh, true, false);
	if (xh->reconnected) {
		set_cause(cause, "the session to %s was lost again", x->p->olt);
		return -1;
	}
	xh->reconnected = true;
	writes_audit(x, "reconnect", "the session broke; opening a new one for the undo", true);
	if (handle(x, exec, true, cause) == NULL) {
		writes_audit(x, "reconnect", *cause, false);
		return -1;
	}
	return 0;
}

/* True when the handle of exec broke (or was never had). */
static bool
broken(struct run *x, const char *exec)
{
	struct xh *xh = handle(x, exec, false, NULL);

	return xh == NULL || xh->h == NULL || xh->ex->broken(xh->h);
}

/* Sends step s (its undo when undo) with its executor, opening the
   executor's handle at its first step.  0 with *out, or -1 with *err. */
static int
run_step(struct run *x, const struct plan_step *s, bool undo, char **out, struct err *err)
{
	struct xh *xh;
	char *cause = NULL;

	*out = NULL;
	if ((xh = handle(x, s->exec, true, &cause)) == NULL) {
		err_set(err, x->lost_status == WRITE_UNREACHABLE ? ERR_UNREACHABLE :
		    ERR_FAILURE, "%s", cause);
		free(cause);
		return -1;
	}
	return xh->ex->step(xh->h, x->t, s, undo, out, err);
}

/* The device's words for the audit: clean output, else the error. */
static const char *
answer_of(const char *out, const struct err *e)
{
	if (e->kind != ERR_NONE) {
		if (e->device_text != NULL && e->device_text[0] != '\0')
			return e->device_text;
		if (e->message != NULL)
			return e->message;
		return err_kind_name(e->kind);
	}
	return out != NULL ? out : "";
}

/* Records step i as left on the device. */
static void
leave(struct run *x, const struct plan_step *s, bool maybe)
{
	struct write_left *l;

	x->r->left = xreallocarray(x->r->left, x->r->nleft + 1, sizeof *x->r->left);
	l = &x->r->left[x->r->nleft++];
	l->command = xstrdup(s->display != NULL ? s->display : s->command);
	l->undo = s->undo != NULL ? xstrdup(s->undo_display) : NULL;
	l->undo_mode = s->undo_mode;
	l->undo_mode_arg = s->undo_mode_arg != NULL ? xstrdup(s->undo_mode_arg) : NULL;
	l->maybe = maybe;
}

/* Appends "; what: detail" to the report's cause. */
static void
add_cause(struct run *x, const char *what, const char *detail)
{
	char *c2 = xasprintf("%s%s%s%s%s", x->r->cause != NULL ? x->r->cause : "",
	    x->r->cause != NULL ? "; " : "", what, detail != NULL ? ": " : "",
	    detail != NULL ? detail : "");

	free(x->r->cause);
	x->r->cause = c2;
}

/* Undoes steps [0, napplied) in reverse, plus the in-flight step
   `inflight` (or -1).  Returns true when everything was undone. */
static bool
undo_all(struct run *x, size_t napplied, long inflight)
{
	struct err e = { 0 };
	struct xh *xh;
	char *cause = NULL, *out = NULL, *label;
	long i;
	bool ok = true;

	if (inflight >= 0 && x->late_ms > 0) {
		/* A device that answered too late may still be running the step:
		   an undo sent now could land before it and be overtaken. */
		char *note = xasprintf("the step timed out after %lld ms; waiting as long "
		    "again for it to land before undoing", (long long)x->late_ms);

		writes_audit(x, "wait", note, true);
		free(note);
		sleep_ms((int)x->late_ms);
	}
	for (i = inflight >= 0 ? inflight : (long)napplied - 1; i >= 0; i--) {
		const struct plan_step *s = &x->p->steps[i];
		bool maybe = i == inflight;
		int rc;

		if (s->undo == NULL)
			continue;
		if (ensure_handle(x, s->exec, &xh, &cause) != 0) {
			/* Nothing more can be sent: everything from here on stays. */
			for (; i >= 0; i--) {
				if (x->p->steps[i].undo != NULL)
					leave(x, &x->p->steps[i], i == inflight);
			}
			add_cause(x, "the undo could not reconnect", cause);
			free(cause);
			return false;
		}
		progress(x, WP_UNDO, WPS_SENDING, (size_t)i + 1, s->undo_display, NULL);
		rc = run_step(x, s, true, &out, &e);
		label = xasprintf("undo: %s", s->undo_display);
		writes_audit(x, label, answer_of(out, &e), rc >= 0);
		progress(x, WP_UNDO, rc >= 0 ? WPS_OK : WPS_FAILED, (size_t)i + 1,
		    s->undo_display, answer_of(out, &e));
		free(label);
		if (rc == EXEC_QUEUED) {
			/* The router will run the undo when it next connects. */
			char *q = xasprintf("the undo of step %ld is queued on the ACS as "
			    "task %s: it runs when the router next connects", i + 1,
			    xh->ex->queued_ref != NULL && xh->ex->queued_ref(xh->h) != NULL ?
			    xh->ex->queued_ref(xh->h) : "?");

			add_cause(x, q, NULL);
			free(q);
			x->r->undone++;
		} else if (rc == 0)
			x->r->undone++;
		else if (maybe && (e.kind == ERR_FAILURE || e.kind == ERR_SYNTAX)) {
			/* The in-flight step was not applied after all. */
		} else if (xh->ex->broken(xh->h)) {
			/* Retry this undo on the one reconnect, if still unused. */
			if (xh->reconnected)
				add_cause(x, "the undo lost the link too", e.message);
			err_clear(&e);
			free(out);
			out = NULL;
			if (!xh->reconnected) {
				i++;
				continue;
			}
			leave(x, s, maybe);
			ok = false;
			for (i--; i >= 0; i--) {
				if (x->p->steps[i].undo != NULL)
					leave(x, &x->p->steps[i], false);
			}
			break;
		} else {
			add_cause(x, "the undo was refused", e.message);
			leave(x, s, maybe);
			ok = false;
			for (i--; i >= 0; i--) {
				if (x->p->steps[i].undo != NULL)
					leave(x, &x->p->steps[i], false);
			}
			err_clear(&e);
			free(out);
			break;
		}
		err_clear(&e);
		free(out);
		out = NULL;
	}
	return ok;
}

/* Reads back the state at place pl with handle xh: 0 and *got (and, for a
   registered ONT, its detail in *detail when not NULL), or -1 with *cause
   (the link, or an answer the driver could not read). */
static int
read_place(struct run *x, struct xh *xh, const struct plan_place *pl, struct ont_state *got,
    struct pr_ont_detail *detail, bool *have_detail, char **cause)
{
	struct ont_config k;
	struct err e = { 0 };
	const char *port = pl->after.port;
	int id = pl->after.ont_id;

	memset(&k, 0, sizeof k);
	if (have_detail != NULL)
		*have_detail = false;
	if (xh->ex->read_config(xh->h, x->t, port, id, &k, &e) != 0) {
		ont_config_free(&k);
		if (e.kind == ERR_FAILURE) {	/* no ONT there */
			err_clear(&e);
			ont_state_init(got, port, id);
			return 0;
		}
		set_cause(cause, "reading %s back failed: %s", pl->label, err_text(&e));
		err_clear(&e);
		return -1;
	}
	ont_state_from_config(got, port, id, &k);
	if (detail != NULL) {
		*detail = k.detail;
		memset(&k.detail, 0, sizeof k.detail);
		*have_detail = true;
	}
	ont_config_free(&k);
	return 0;
}

/* Reads every place back and compares it with its intent (after), or
   with the state found before when undo.  0 when all match; -1 with *cause
   (what differs, or why it could not be read).  The differences go to the
   audit, one step per place, and to r->diff. */
static int
check_places(struct run *x, bool undo, char **cause)
{
	struct buf diff = { 0 };
	struct xh *xh;
	bool ok = true;

	if ((xh = handle(x, x->p->verify.exec, true, cause)) == NULL)
		return -1;
	for (size_t i = 0; i < x->p->nplaces; i++) {
		const struct plan_place *pl = &x->p->places[i];
		const struct ont_state *want = undo ? &pl->before : &pl->after;
		struct pr_ont_detail d;
		struct ont_state got;
		struct buf one = { 0 };
		bool have = false;
		char *label = xasprintf("%s: %s", undo ? "verify the undo" : "verify",
		    pl->label);

		pr_ont_detail_init(&d);
		if (read_place(x, xh, pl, &got, undo ? NULL : &d, &have, cause) != 0) {
			writes_audit(x, label, *cause, false);
			free(label);
			buf_free(&diff);
			return -1;
		}
		if (ont_state_diff(want, &got, &one) > 0) {
			ok = false;
			buf_addf(&diff, "%s: %s", pl->label, buf_str(&one));
			writes_audit(x, label, buf_str(&one), false);
		} else {
			struct buf desc = { 0 };

			ont_state_describe(&got, &desc);
			if (want->flows_known && got.present && !got.flows_known)
				buf_adds(&desc, " (its service ports could not be read "
				    "back: not compared)");
			writes_audit(x, label, buf_str(&desc), true);
			buf_free(&desc);
		}
		if (have && got.present && !undo) {
			if (x->r->have_readback)
				pr_ont_detail_free(&x->r->readback);
			x->r->readback = d;
			x->r->have_readback = true;
		} else if (have)
			pr_ont_detail_free(&d);
		free(label);
		buf_free(&one);
		ont_state_free(&got);
	}
	if (!ok) {
		free(undo ? x->r->undo_diff : x->r->diff);
		if (undo)
			x->r->undo_diff = buf_take(&diff);
		else
			x->r->diff = buf_take(&diff);
		char *one = str_join_lines(undo ? x->r->undo_diff : x->r->diff, "; ");

		set_cause(cause, "%s: %s", undo ? "after the undo the device is not as it "
		    "was" : "verification failed: the device is not as intended", one);
		free(one);
	}
	buf_free(&diff);
	return ok ? 0 : -1;
}

/* True when the plan reads nothing back (a reboot). */
static bool
nothing_to_read(const struct plan *p)
{
	return p->verify.kind == VERIFY_NONE ||
	    (p->verify.kind == VERIFY_STATE && p->nplaces == 0) ||
	    (p->verify.kind == VERIFY_PARAMS && p->nparams == 0);
}

/* Reads back and compares with the plan's intent (or, when undo, with the
   state found before).  0 verified, -1 not (cause set). */
static int
check(struct run *x, bool undo, char **cause)
{
	struct xh *xh;

	if (x->p->verify.kind == VERIFY_STATE)
		return check_places(x, undo, cause);
	if ((xh = handle(x, x->p->verify.exec, true, cause)) == NULL)
		return -1;
	return writes_params_check(x, xh, undo, cause);
}

/* Verifies the steps' effect.  0 verified (or nothing to read back), -1
   not (cause set). */
static int
verify(struct run *x, char **cause)
{
	if (nothing_to_read(x->p)) {
		writes_audit(x, "verify: nothing to read back",
		    "the device's acceptance is all there is to check", true);
		x->r->verified = false;
		return 0;
	}
	return check(x, false, cause);
}

/* The plan's commands, masked, one per line: the audit's first step. */
static char *
plan_commands(const struct plan *p)
{
	struct buf b = { 0 };
	size_t i;

	for (i = 0; i < p->nsteps; i++)
		buf_addf(&b, "%s%s", i > 0 ? "\n" : "", p->steps[i].display);
	return buf_take(&b);
}

/* True when the audit's masking leaves an undo command as it is (it holds
   no secret), so the replay record may keep it. */
static bool
undo_unmasked(void *arg, const char *undo)
{
	char *m = audit_mask(arg, undo);
	bool same = strcmp(m, undo) == 0;

	free(m);
	return same;
}

/* Records what `oltui undo` needs for this entry (audit_replay).  A record
   that cannot be written is said in the trail; the write goes on. */
static void
record_replay(struct run *x)
{
	cJSON *j = plan_to_json(x->p, undo_unmasked, x->st);
	char *text = cJSON_PrintUnformatted(j), *cause = NULL;

	if (text == NULL || audit_replay_set(x->st, x->r->audit_id, text, &cause) != 0) {
		writes_audit(x, "undo record", cause != NULL ? cause : "out of memory", false);
		free(cause);
	}
	cJSON_free(text);
	cJSON_Delete(j);
}

/* Ends the audit entry with the report's outcome and cause. */
static void
finish(struct run *x, int64_t t0)
{
	struct write_report *r = x->r;
	struct buf why = { 0 };
	char *cause = NULL;
	size_t i;

	r->ms = mono_ms() - t0;
	if (r->audit_id <= 0)
		goto report;
	/* The left-over list first: a listing of the trail shows the first
	   512 bytes of a cause, and the list is what a technician must act
	   on.  It is also a step of its own, whole, with the undos. */
	if (r->nleft > 0) {
		struct buf all = { 0 };

		buf_adds(&why, "left on the device:");
		for (i = 0; i < r->nleft; i++) {
			buf_addf(&why, " [%s%s]", r->left[i].command,
			    r->left[i].maybe ? " (maybe)" : "");
			buf_addf(&all, "%s%s\n    undo with: %s\n", r->left[i].command,
			    r->left[i].maybe ? "  (may not have been applied)" : "",
			    r->left[i].undo != NULL ? r->left[i].undo : "(none)");
		}
		writes_audit(x, "left on the device", buf_str(&all), false);
		buf_free(&all);
	}
	if (r->cause != NULL)
		buf_addf(&why, "%s%s", why.len > 0 ? "; " : "", r->cause);
	if (r->queued)
		buf_addf(&why, "%squeued on the ACS as task %s: it runs when the router "
		    "next connects (oltui acs tasks)", why.len > 0 ? "; " : "",
		    r->queued_ref != NULL ? r->queued_ref : "(no id given)");
	else if (r->status == WRITE_DONE && r->outcome == AUDIT_OK &&
	    (!r->verified || r->unreadable > 0))
		buf_addf(&why, "%s%s", why.len > 0 ? "; " : "", writes_outcome_text(r));
	if (audit_end(x->st, r->audit_id, r->outcome,
	    why.len > 0 ? buf_str(&why) : NULL, &cause) != 0)
		free(cause);
	buf_free(&why);
report:
	progress(x, WP_DONE, r->status == WRITE_DONE ? WPS_OK : WPS_FAILED, 0, NULL,
	    writes_outcome_text(r));
}

/* Step i was accepted to run later (EXEC_QUEUED, *answer the southbound's
   words): the write ends queued there, its later steps not sent. */
static void
queued(struct run *x, size_t i, const char *answer)
{
	const struct plan_step *s = &x->p->steps[i];
	struct xh *xh = handle(x, s->exec, false, NULL);
	const char *ref = xh != NULL && xh->ex->queued_ref != NULL ?
	    xh->ex->queued_ref(xh->h) : NULL;

	writes_audit(x, s->display, answer, true);
	progress(x, WP_STEP, WPS_OK, i + 1, s->display, answer);
	for (size_t k = i + 1; k < x->p->nsteps; k++)
		writes_audit(x, x->p->steps[k].display, "not sent: the step before it is "
		    "queued", false);
	x->r->queued = true;
	x->r->queued_ref = ref != NULL ? xstrdup(ref) : NULL;
	x->r->status = WRITE_DONE;
	x->r->outcome = AUDIT_QUEUED;
	writes_params_mark(x->r, WPARAM_QUEUED);
	writes_audit(x, "verify: not yet", "the task is queued on the ACS: nothing can "
	    "be read back until the router runs it", true);
}

/* Runs every step; on failure undoes.  Sets the report. */
static void
execute(struct run *x)
{
	struct write_report *r = x->r;
	struct err e = { 0 };
	char *cause = NULL, *out = NULL;
	size_t i;
	long inflight = -1;
	int64_t t_step = 0;
	bool failed = false;

	for (i = 0; i < x->p->nsteps; i++) {
		const struct plan_step *s = &x->p->steps[i];
		int rc;

		progress(x, WP_STEP, WPS_SENDING, i + 1, s->display, NULL);
		t_step = mono_ms();
		rc = run_step(x, s, false, &out, &e);

		if (rc == EXEC_QUEUED) {
			queued(x, i, out);
			free(out);
			return;
		}
		if (rc == 0 && s->expect != NULL && strstr(out, s->expect) == NULL) {
			writes_audit(x, s->display, out, false);
			progress(x, WP_STEP, WPS_FAILED, i + 1, s->display, out);
			r->cause = xasprintf("step %zu (%s) on %s: the device did not "
			    "answer as expected (wanted \"%s\")", i + 1, s->display,
			    x->p->olt, s->expect);
			r->status = WRITE_FAILED;
			inflight = (long)i;	/* it may have done something */
			failed = true;
		} else if (rc != 0) {
			writes_audit(x, s->display, answer_of(out, &e), false);
			progress(x, WP_STEP, WPS_FAILED, i + 1, s->display, answer_of(out, &e));
			if (e.message != NULL && strstr(e.message, s->command) != NULL)
				r->cause = xasprintf("step %zu: %s", i + 1, e.message);
			else
				r->cause = xasprintf("step %zu (%s): %s", i + 1, s->display,
				    e.message != NULL ? e.message : err_kind_name(e.kind));
			if (err_is_link(e.kind)) {
				r->status = WRITE_UNREACHABLE;
				if (e.kind != ERR_UNREACHABLE)
					inflight = (long)i;	/* sent: may be applied */
				if (e.kind == ERR_TIMEOUT)
					x->late_ms = mono_ms() - t_step;
			} else
				r->status = WRITE_FAILED;
			failed = true;
		} else {
			writes_audit(x, s->display, out, true);
			progress(x, WP_STEP, WPS_OK, i + 1, s->display, out);
			r->applied++;
		}
		free(out);
		out = NULL;
		err_clear(&e);
		if (failed)
			break;
	}
	if (!failed) {
		bool lost = !nothing_to_read(x->p) && broken(x, x->p->verify.exec);

		if (!lost)
			progress(x, WP_VERIFY, WPS_SENDING, 0, NULL, NULL);
		if (lost || verify(x, &cause) != 0) {
			r->cause = cause != NULL ? cause :
			    xasprintf("the session to %s broke before verification", x->p->olt);
			cause = NULL;
			progress(x, WP_VERIFY, WPS_FAILED, 0, NULL, r->cause);
			r->status = lost || broken(x, x->p->verify.exec) ? WRITE_UNREACHABLE :
			    WRITE_FAILED;
			failed = true;
		} else {
			r->verified = !nothing_to_read(x->p) &&
			    r->unreadable < x->p->nparams + x->p->nplaces;
			progress(x, WP_VERIFY, WPS_OK, 0, NULL, r->verified ?
			    "read back and matched" : "nothing to read back");
			r->status = WRITE_DONE;
			r->outcome = AUDIT_OK;
			return;
		}
	}
	if (r->applied == 0 && inflight < 0) {
		r->outcome = AUDIT_FAILED;
		return;
	}
	if (!undo_all(x, r->applied, inflight)) {
		r->outcome = AUDIT_FAILED;
		return;
	}
	r->outcome = AUDIT_UNDONE;
	if (nothing_to_read(x->p) || broken(x, x->p->verify.exec))
		return;
	if (check(x, true, &cause) == 0)
		r->undo_verified = true;
	else {
		/* The undo ran but the device is not as it was: say exactly how. */
		add_cause(x, cause, NULL);
		r->outcome = AUDIT_FAILED;
	}
	free(cause);
}

enum write_status
writes_run(struct store *st, const struct exec_target *t, const struct plan *p,
    const struct write_opts *o, struct write_report *r)
{
	struct run x = { .st = st, .t = t, .p = p, .o = o, .r = r, .t0 = mono_ms() };
	struct audit_start as = { 0 };
	struct writes_lock lock;
	struct buf pv = { 0 };
	char *cause = NULL, *cmds;
	int64_t t0 = mono_ms();

	memset(r, 0, sizeof *r);
	plan_preview(p, &pv);
	r->preview = buf_take(&pv);
	writes_params_init(p, r);
	if (o->dry_run) {
		r->status = WRITE_DONE;
		return r->status;
	}
	as.user = o->user;
	as.contract = p->contract;
	as.olt = p->olt;
	as.ont_sn = p->ont_sn;
	as.action = p->action;
	if ((r->audit_id = audit_begin(st, &as, &cause)) <= 0) {
		r->audit_id = 0;
		r->status = WRITE_FAILED;
		r->outcome = AUDIT_REFUSED;
		r->cause = xasprintf("nothing was sent: the audit trail refused the "
		    "entry (%s)", cause);
		free(cause);
		progress(&x, WP_DONE, WPS_FAILED, 0, NULL, writes_outcome_text(r));
		return r->status;
	}
	cmds = plan_commands(p);
	writes_audit(&x, "plan", cmds, true);
	free(cmds);
	record_replay(&x);
	if (writes_lock_take(st, p, o->acquire_ms > 0 ? o->acquire_ms : 30000, &lock,
	    &cause) != 0) {
		r->status = WRITE_FAILED;
		r->outcome = AUDIT_REFUSED;
		r->cause = xasprintf("nothing was sent: %s", cause);
		writes_audit(&x, "lock", cause, false);
		free(cause);
		finish(&x, t0);
		return r->status;
	}
	if (handle(&x, p->nsteps > 0 ? p->steps[0].exec : p->verify.exec, true,
	    &cause) == NULL) {
		r->status = x.lost_status;
		r->outcome = AUDIT_REFUSED;
		r->cause = xasprintf("nothing was sent: %s", cause);
		writes_audit(&x, "connect", cause, false);
		progress(&x, WP_CONNECT, WPS_FAILED, 0, NULL, cause);
		free(cause);
		writes_lock_release(&lock);
		finish(&x, t0);
		return r->status;
	}
	progress(&x, WP_CONNECT, WPS_OK, 0, NULL, NULL);
	execute(&x);
	for (size_t i = 0; i < x.nxs; i++)
		release(&x, &x.xs[i], false, o->keep_mode && r->status == WRITE_DONE);
	writes_lock_release(&lock);
	finish(&x, t0);
	return r->status;
}
