/*
 * writes.h — the one pipeline every change to an OLT takes, and the ONT
 * actions built on it (provision, deprovision, enable/disable, reboot,
 * speed, VLAN, description, replace serial, move).
 *
 *   plan (adapter) -> preview -> [dry run stops] -> audit_begin
 *     -> session (pool; one write per OLT at a time) -> each step: enter
 *        its mode, run it, check `expect`, audit it
 *     -> on a failed step: undo the completed steps in reverse, audited;
 *        a dropped link is discarded and the undo reconnects once
 *     -> verify by reading back (adapter ont_detail_here: in the mode the
 *        last step left, no return/config round trip); a plan with nothing
 *        to read back (reboot) is "applied (nothing to verify)"
 *     -> on a failed verification: undo too
 *     -> audit_end (ok / undone / failed with what is left on the device)
 *
 * "Left on the device" is the list of steps that were applied (or were in
 * flight when the link dropped) and could not be undone: their commands as
 * sent (masked) and the undo that would remove them.
 *
 * Threads: writes_run() uses st from the calling thread only; the session
 * comes from the pool (thread-safe).  Store updates after a successful
 * action are done by the writes_*() action functions, not by writes_run().
 */
#ifndef OLTUI_WRITES_H
#define OLTUI_WRITES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/audit.h"
#include "core/model.h"
#include "drivers/adapter.h"
#include "drivers/session_pool.h"

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
};

/* One step left on the device. */
struct write_left {
	char	*command;	/* masked, as sent */
	char	*undo;		/* masked undo, or NULL */
	bool	 maybe;		/* in flight when the link broke: may not be applied */
};

/* What happened, for the verb to print.  writes_report_free() releases. */
struct write_report {
	enum write_status	 status;
	enum audit_outcome	 outcome;
	char			*cause;		/* a sentence; NULL when all went well */
	char			*preview;	/* plan_preview() text */
	int64_t			 audit_id;	/* 0 on a dry run */
	size_t			 applied;	/* steps applied */
	size_t			 undone;	/* undo commands that succeeded */
	struct write_left	*left;
	size_t			 nleft;
	bool			 verified;	/* read back and matched; false for a
						   plan with nothing to read back (a
						   reboot): see writes_outcome_text() */
	struct pr_ont_detail	 readback;	/* after a verified ONT_PRESENT / ADMIN */
	bool			 have_readback;
	int64_t			 ms;		/* wall time of the whole write */
};

void writes_report_free(struct write_report *r);
/* "applied and verified", "applied (nothing to verify)" (a plan without a
   read-back: a reboot), "failed, undone", ...: one line. */
const char *writes_outcome_text(const struct write_report *r);

/* The status of a failed connect from its cause: a refused login or a
   host key problem is WRITE_FAILED (exit 1), anything else unreachable. */
enum write_status writes_connect_status(const char *cause);

/* Runs plan p (owned by the caller) on p->olt through pool, audited in st.
   Returns r->status.  The contract, ONT and action in the audit come from
   the plan. */
enum write_status writes_run(struct store *st, struct session_pool *pool,
    const struct adapter *ad, const struct plan *p, const struct write_opts *o,
    struct write_report *r);

/* ---- actions ---- */

/* The ONT an action targets, resolved from the store or from the device. */
struct write_target {
	char	olt[NAME_MAX_LEN + 1];
	char	port[PORT_MAX_LEN + 1];
	int	ont_id;
	char	sn[SN_MAX_LEN + 1];
};

/* Everything an action needs besides the request. */
struct write_ctx {
	struct store		*st;
	struct session_pool	*pool;
	const struct adapter	*ad;
	int64_t			 olt_id;
	const char		*olt;
	const char		*olt_model;	/* for per-model templates; NULL */
	struct write_opts	 opts;
};

/* Picks the first free ONT id on port (1.. for ZTE, 0.. for Huawei) by
   reading the port's ONT list.  0 and *id, or -1 and a cause (status in
   *st_out). */
int writes_free_ont_id(const struct write_ctx *w, const char *port, int *id,
    enum write_status *st_out, char **cause);

/* Provisions r (r->ont_id chosen already); on success stores the ONT row
   from the read-back and links contract (may be NULL). */
enum write_status writes_provision(const struct write_ctx *w,
    const struct provision_req *r, const char *contract, struct write_report *rep);
/* Reads the ONT's configuration back into a provision request (for undo
   of deletes, replace and move).  Strings in *cfg point into *keep which
   the caller frees with writes_cfg_free(). */
struct write_cfg;
int writes_read_cfg(const struct write_ctx *w, const struct write_target *t,
    struct provision_req *cfg, struct write_cfg **keep,
    enum write_status *st_out, char **cause);
void writes_cfg_free(struct write_cfg *k);

enum write_status writes_delete(const struct write_ctx *w,
    const struct write_target *t, struct write_report *rep);
enum write_status writes_enable(const struct write_ctx *w,
    const struct write_target *t, bool enable, struct write_report *rep);
enum write_status writes_reboot(const struct write_ctx *w,
    const struct write_target *t, struct write_report *rep);
enum write_status writes_replace(const struct write_ctx *w,
    const struct write_target *t, const char *new_sn, struct write_report *rep);
enum write_status writes_move(const struct write_ctx *w,
    const struct write_target *t, const char *new_port, int new_ont_id,
    struct write_report *rep);
/* Changes speed (down/up > 0), VLAN (> 0) or description (not NULL) —
   one at a time. */
enum write_status writes_set(const struct write_ctx *w,
    const struct write_target *t, int down_mbps, int up_mbps, int vlan,
    const char *desc, struct write_report *rep);

#endif
