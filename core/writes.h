/*
 * writes.h — the one pipeline every change to an OLT takes, whatever the
 * executor (the ONT actions built on it are operations, ops.h).
 *
 *   plan (planner.h) -> preview -> [dry run stops] -> audit_begin
 *     -> the executor each step names (executor.h; one write per OLT at a
 *        time) -> each step: send it, check `expect`, audit it
 *     -> on a failed step: undo the completed steps in reverse, audited;
 *        a dropped link is discarded and the undo reconnects once
 *     -> verify by reading back each place the plan touches (the
 *        executor's read_config) and comparing its state field by field
 *        with the plan's intent (ont_state.h): anything that differs is
 *        "not verified"; a plan with nothing to read back (reboot) is
 *        "applied (nothing to verify)"
 *     -> on a failed verification: undo too, and after any undo read back
 *        again: the device must be as it was found, else the difference is
 *        reported (and audited) as left on the device
 *     -> audit_end (ok / undone / failed with what is left on the device)
 *
 * "Left on the device" is the list of steps that were applied (or were in
 * flight when the link dropped) and could not be undone: their commands as
 * sent (masked) and the undo that would remove them.
 *
 * Threads: writes_run() uses st from the calling thread only; the
 * executors take their sessions from the engine's pool (thread-safe).
 * Store updates after a successful action are done by the operations
 * (ops.h), not by writes_run().
 */
#ifndef OLTUI_WRITES_H
#define OLTUI_WRITES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/audit.h"
#include "core/executor.h"
#include "core/model.h"
#include "drivers/driver.h"

struct store;

/* How a write ended; the verbs' exit statuses follow it. */
enum write_status {
	WRITE_DONE = 0,		/* applied and verified (or dry run shown) */
	WRITE_FAILED = 1,	/* the device refused, or verification failed */
	WRITE_USAGE = 2,	/* the request was invalid: nothing was sent */
	WRITE_UNREACHABLE = 3,	/* the device could not be reached / link lost */
};

/* Where a running write is, for a live display (struct write_opts.progress). */
enum write_phase {
	WP_CONNECT,	/* a session is open; count = the plan's steps */
	WP_STEP,	/* step `step` of `count`: sending, then ok or failed */
	WP_UNDO,	/* undo of step `step`: sending, then ok or failed */
	WP_VERIFY,	/* reading back: sending, then ok or failed */
	WP_DONE,	/* the write ended; text = writes_outcome_text() */
};

enum write_pstate { WPS_SENDING, WPS_OK, WPS_FAILED };

/* One progress report.  Every pointer is valid only during the callback. */
struct write_progress {
	enum write_phase	 phase;
	enum write_pstate	 state;
	size_t			 step;		/* 1-based plan step (WP_STEP, WP_UNDO) */
	size_t			 count;		/* the plan's steps */
	const char		*command;	/* masked (display) command, or NULL */
	const char		*text;		/* short device answer or cause, or NULL */
	int64_t			 ms;		/* since writes_run() began */
};

/* Called from the thread running writes_run(), synchronously: it must be
   quick and must not call back into the write.  NULL = no reports. */
typedef void (*write_progress_fn)(void *arg, const struct write_progress *p);

struct write_opts {
	bool		 dry_run;	/* preview only: nothing sent, nothing audited */
	const char	*user;		/* audit user; NULL = the OS user */
	int		 acquire_ms;	/* wait for a session; 0 = 30000 */
	int		 step_timeout_ms; /* per command; 0 = the session's */
	bool		 keep_mode;	/* give the session back in the mode the write
					   left it (a configuration mode) instead of
					   returning to privileged mode: for a run of
					   writes on one session (provision --batch) */
	write_progress_fn progress;	/* live reports, or NULL (see above) */
	void		*progress_arg;
	const char	*acs_url;	/* an ACS write (or its undo): this ACS
					   instead of config.ini's; NULL */
};

/* How one parameter of a plan that sets parameters (an ACS plan,
   plan.h plan_param) ended. */
#define WRITE_PARAM_STATES(X)						\
	X(WPARAM_NOT_SENT,	"not sent")	/* the write stopped before it */ \
	X(WPARAM_UNCHANGED,	"unchanged")	/* already so: nothing to send */ \
	X(WPARAM_VERIFIED,	"verified")	/* read back as set */		\
	X(WPARAM_ACCEPTED,	"accepted, not readable back") /* a password:	\
						   reads back empty (TR-069) */ \
	X(WPARAM_QUEUED,	"queued")	/* the ACS keeps the task */	\
	X(WPARAM_DIFFERS,	"differs")	/* read back otherwise */	\
	X(WPARAM_UNREAD,	"not read back") /* applied; the read-back failed */

#define WPARAM_ENUM(id, word) id,
enum write_param_state { WRITE_PARAM_STATES(WPARAM_ENUM) WRITE_PARAM_STATE_COUNT };
#undef WPARAM_ENUM
/* "verified", "queued", ... */
const char *write_param_state_name(enum write_param_state s);

/* One parameter's outcome. */
struct write_param {
	char			*path;
	char			*want;	/* the value set, masked when secret */
	char			*got;	/* as read back (masked when secret), NULL unread */
	enum write_param_state	 state;
};

/* One step left on the device. */
struct write_left {
	char		*command;	/* masked, as sent */
	char		*undo;		/* masked undo, or NULL */
	enum cli_mode	 undo_mode;	/* where the undo runs */
	char		*undo_mode_arg;
	bool		 maybe;		/* in flight when the link broke: may not be applied */
};

/* What happened, for the verb to print.  writes_report_free() releases. */
struct write_report {
	enum write_status	 status;
	enum audit_outcome	 outcome;
	char			*cause;		/* a sentence; NULL when all went well */
	char			*preview;	/* plan_preview() text */
	int64_t			 audit_id;	/* 0 on a dry run */
	bool			 unchanged;	/* the ONT already was as asked:
						   nothing sent, nothing audited */
	size_t			 applied;	/* steps applied */
	size_t			 undone;	/* undo commands that succeeded */
	struct write_left	*left;
	size_t			 nleft;
	bool			 verified;	/* read back and matched; false for a
						   plan with nothing to read back (a
						   reboot): see writes_outcome_text() */
	char			*diff;		/* how the device differed from the
						   intent, one line a field; NULL */
	bool			 undo_verified;	/* after an undo, read back and found
						   as before */
	char			*undo_diff;	/* how it differed from before; NULL */
	struct pr_ont_detail	 readback;	/* the ONT read back (the last place
						   registered), after verification */
	bool			 have_readback;
	/* A step the southbound accepted to apply later (an ACS task the
	   router did not run in time: it runs at its next inform): the write
	   stopped there, status WRITE_DONE, outcome AUDIT_QUEUED, not
	   verified; the steps after it were not sent. */
	bool			 queued;
	char			*queued_ref;	/* the task id; NULL */
	struct write_param	*params;	/* one per plan parameter, NULL */
	size_t			 nparams;
	size_t			 unreadable;	/* accepted, not readable back */
	int64_t			 ms;		/* wall time of the whole write */
};

void writes_report_free(struct write_report *r);
/* "applied and verified", "applied (nothing to verify)" (a plan without a
   read-back: a reboot), "failed, undone", ...: one line. */
const char *writes_outcome_text(const struct write_report *r);

/* Fills rep for a write refused before anything was sent: status s,
   outcome refused, cause (taken).  Returns s. */
enum write_status writes_refused(struct write_report *rep, enum write_status s,
    char *cause);

/* The status of a failure of kind k: WRITE_UNREACHABLE for the link
   (timeout, closed, unreachable), WRITE_USAGE for an invalid request,
   WRITE_DONE for none, WRITE_FAILED for the rest (a refused login, a host
   key, a device refusal...). */
enum write_status writes_status_of(enum err_kind k);

/* Runs plan p (owned by the caller) on target t with the executors its
   steps name, audited in st.  Returns r->status.  The contract, ONT and
   action in the audit come from the plan. */
enum write_status writes_run(struct store *st, const struct exec_target *t,
    const struct plan *p, const struct write_opts *o, struct write_report *r);

#endif
