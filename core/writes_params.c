/*
 * writes_params.c — the verification of a plan that sets parameters (an
 * ACS plan, VERIFY_PARAMS): read every parameter back from the device
 * through the executor's read_params (the router itself, not the ACS's
 * copy) and compare each with the value intended (plan_param_equal), or
 * after an undo with the value found before.
 *
 * A parameter the device reads back empty by design (a WPA passphrase, a
 * PPPoE password: TR-069 says "when read, this parameter returns an empty
 * string") is not a failure: it is "accepted, not readable back", unless
 * the device does read it back, and then as it is.  A secret is never put
 * in the report or the audit: only "********".
 *
 * Called by writes.c on the thread running the write.
 */
#include "core/writes_impl.h"

#include <stdlib.h>
#include <string.h>

#include "lib/util.h"

#define SECRET_SHOWN "********"

/* Fills r->params from the plan: every parameter not sent yet. */
void
writes_params_init(const struct plan *p, struct write_report *r)
{
	if (p->nparams == 0)
		return;
	r->params = xcalloc(p->nparams, sizeof *r->params);
	r->nparams = p->nparams;
	for (size_t i = 0; i < p->nparams; i++) {
		r->params[i].path = xstrdup(p->params[i].path);
		r->params[i].want = xstrdup(p->params[i].secret ? SECRET_SHOWN :
		    p->params[i].after != NULL ? p->params[i].after : "");
		r->params[i].state = WPARAM_NOT_SENT;
	}
}

/* Sets every parameter's state to s. */
void
writes_params_mark(struct write_report *r, enum write_param_state s)
{
	for (size_t i = 0; i < r->nparams; i++)
		r->params[i].state = s;
}

/* The value as the report and the audit may show it. */
static void
shown(const struct plan_param *pp, const char *v, struct buf *out)
{
	if (v == NULL)
		buf_adds(out, "none");
	else if (pp->secret && v[0] != '\0')
		buf_adds(out, SECRET_SHOWN);
	else
		buf_addf(out, "\"%s\"", v);
}

/* Compares one parameter read back (got) with want; appends what differs
   to diff and sets *state.  True when it matches (or cannot be read by
   design). */
static bool
compare(const struct plan_param *pp, const char *want, const char *got, bool undo,
    enum write_param_state *state, struct buf *diff)
{
	if (plan_param_equal(pp->type, want, got)) {
		*state = WPARAM_VERIFIED;
		return true;
	}
	if (!pp->readable) {
		/* Reads back empty (or masked) by design: the router's
		   acceptance of the task is all there is. */
		*state = WPARAM_ACCEPTED;
		return true;
	}
	*state = WPARAM_DIFFERS;
	buf_addf(diff, "%s: wanted ", pp->path);
	shown(pp, want, diff);
	buf_addf(diff, ", the %s has ", undo ? "device after the undo" : "device");
	shown(pp, got, diff);
	buf_addc(diff, '\n');
	return false;
}

int
writes_params_check(struct run *x, struct xh *xh, bool undo, char **cause)
{
	const struct plan *p = x->p;
	const char **paths;
	char **got;
	struct buf diff = { 0 }, said = { 0 };
	struct err e = { 0 };
	size_t n = 0;
	bool ok = true;
	int rc;

	if (xh->ex->read_params == NULL) {
		set_cause(cause, "the %s executor cannot read parameters back", xh->ex->name);
		return -1;
	}
	paths = xcalloc(p->nparams + 1, sizeof *paths);
	got = xcalloc(p->nparams + 1, sizeof *got);
	for (size_t i = 0; i < p->nparams; i++)
		/* After an undo, a value whose before was not known was not
		   restored: nothing to compare it with. */
		if (!undo || p->params[i].before != NULL)
			paths[n++] = p->params[i].path;
	rc = n == 0 ? 0 : xh->ex->read_params(xh->h, x->t, paths, n, got, &e);
	if (rc != 0) {
		set_cause(cause, "reading the parameters back failed: %s", err_text(&e));
		writes_audit(x, undo ? "verify the undo" : "verify", *cause, false);
		if (!undo)
			for (size_t i = 0; i < x->r->nparams; i++)
				x->r->params[i].state = WPARAM_UNREAD;
		err_clear(&e);
		free(paths);
		free(got);
		return -1;
	}
	for (size_t i = 0, k = 0; i < p->nparams; i++) {
		const struct plan_param *pp = &p->params[i];
		enum write_param_state state;
		const char *want = undo ? pp->before : pp->after;

		if (undo && pp->before == NULL)
			continue;
		if (!compare(pp, want, got[k], undo, &state, &diff))
			ok = false;
		buf_addf(&said, "%s = ", pp->path);
		shown(pp, got[k], &said);
		buf_addf(&said, " (%s)\n", write_param_state_name(state));
		if (!undo) {
			struct write_param *wp = &x->r->params[i];

			wp->state = state;
			free(wp->got);
			wp->got = got[k] == NULL ? NULL : pp->secret && got[k][0] != '\0' ?
			    xstrdup(SECRET_SHOWN) : xstrdup(got[k]);
			if (state == WPARAM_ACCEPTED)
				x->r->unreadable++;
		}
		k++;
	}
	for (size_t i = 0; i < n; i++)
		free(got[i]);
	free(got);
	free(paths);
	writes_audit(x, undo ? "verify the undo: parameters" : "verify: parameters",
	    buf_str(&said), ok);
	buf_free(&said);
	if (!ok) {
		char **slot = undo ? &x->r->undo_diff : &x->r->diff;
		char *one;

		free(*slot);
		*slot = buf_take(&diff);
		one = str_join_lines(*slot, "; ");
		set_cause(cause, "%s: %s", undo ? "after the undo the device is not as it "
		    "was" : "verification failed: the device is not as intended", one);
		free(one);
	}
	buf_free(&diff);
	return ok ? 0 : -1;
}
