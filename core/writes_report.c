/*
 * writes_report.c — the report of a write (writes.h): freeing it, its
 * outcome in one line, the status a failure's kind stands for, the words
 * of a parameter's outcome.
 */
#include "core/writes.h"

#include <stdlib.h>
#include <string.h>

#include "lib/util.h"

void
writes_report_free(struct write_report *r)
{
	size_t i;

	free(r->cause);
	free(r->preview);
	for (i = 0; i < r->nleft; i++) {
		free(r->left[i].command);
		free(r->left[i].undo);
		free(r->left[i].undo_mode_arg);
	}
	free(r->left);
	free(r->diff);
	free(r->undo_diff);
	free(r->queued_ref);
	for (i = 0; i < r->nparams; i++) {
		free(r->params[i].path);
		free(r->params[i].want);
		free(r->params[i].got);
	}
	free(r->params);
	if (r->have_readback)
		pr_ont_detail_free(&r->readback);
	memset(r, 0, sizeof *r);
}

const char *
write_param_state_name(enum write_param_state s)
{
#define WPARAM_WORD(id, word) word,
	static const char *const names[] = { WRITE_PARAM_STATES(WPARAM_WORD) };
#undef WPARAM_WORD

	return (size_t)s < nitems(names) ? names[s] : "?";
}

/* One line for the outcome. */
const char *
writes_outcome_text(const struct write_report *r)
{
	if (r->status == WRITE_DONE && r->unchanged)
		return r->nparams > 0 ?
		    "nothing to do: the router already is as asked (nothing sent)" :
		    "nothing to do: the ONT already is as asked (nothing sent)";
	if (r->status == WRITE_DONE && r->queued)
		return "queued on the ACS: the router did not answer in time; the task "
		    "runs when it next connects (not verified)";
	if (r->status == WRITE_DONE && r->verified && r->unreadable > 0)
		return "applied and verified (what cannot be read back: accepted)";
	if (r->status == WRITE_DONE && !r->verified && r->unreadable > 0)
		return "applied; accepted, not readable back";
	if (r->status == WRITE_DONE)
		return r->audit_id == 0 ? "dry run: nothing sent" :
		    r->verified ? "applied and verified" : "applied (nothing to verify)";
	if (r->status == WRITE_USAGE)
		return "refused before anything was sent";
	if (r->outcome == AUDIT_REFUSED)
		return "refused; nothing was sent";
	if (r->nleft > 0)
		return "failed; some changes are LEFT ON THE DEVICE";
	if (r->undo_diff != NULL)
		return "failed; undone, but the device is NOT AS IT WAS (see what differs)";
	if (r->outcome == AUDIT_UNDONE)
		return r->undo_verified ? "failed; every applied step was undone and the "
		    "device read back as it was" : "failed; every applied step was undone";
	return "failed; nothing was changed";
}

enum write_status
writes_status_of(enum err_kind k)
{
	switch (k) {
	case ERR_NONE:
		return WRITE_DONE;
	case ERR_USAGE:
		return WRITE_USAGE;
	case ERR_TIMEOUT:
	case ERR_CLOSED:
	case ERR_UNREACHABLE:
		return WRITE_UNREACHABLE;
	default:
		return WRITE_FAILED;
	}
}


enum write_status
writes_refused(struct write_report *rep, enum write_status s, char *cause)
{
	writes_report_free(rep);
	rep->status = s;
	rep->outcome = AUDIT_REFUSED;
	rep->cause = cause;
	return s;
}
