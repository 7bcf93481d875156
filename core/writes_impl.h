/*
 * writes_impl.h — what the files of the write pipeline share (writes.c,
 * writes_params.c, writes_lock.c).  Not for other modules: they use
 * writes.h.
 */
#ifndef OLTUI_WRITES_IMPL_H
#define OLTUI_WRITES_IMPL_H

#include <stdbool.h>
#include <stdint.h>

#include "core/executor.h"
#include "core/writes.h"

/* One executor's handle in a write. */
struct xh {
	const struct executor	*ex;
	void			*h;		/* NULL when lost */
	bool			 reconnected;	/* its one reconnect was used */
};

#define RUN_EXECUTORS 4	/* executors one plan may name */

/* The running state of one write. */
struct run {
	struct store		*st;
	const struct exec_target *t;
	const struct plan	*p;
	const struct write_opts	*o;
	struct write_report	*r;
	struct xh		 xs[RUN_EXECUTORS];
	size_t			 nxs;
	enum write_status	 lost_status;	/* why a handle could not be had */
	int64_t			 t0;		/* mono_ms() at the start */
	int64_t			 late_ms;	/* the in-flight step timed out after
						   this long: wait as long again before
						   undoing, so it lands first */
};

/* Audits one exchange of the write (nothing on a dry run); a trail that
   refuses it is not the write's failure. */
void writes_audit(struct run *x, const char *cmd, const char *answer, bool ok);

/* ---- writes_params.c: plans that set parameters (VERIFY_PARAMS) ---- */

/* One row per plan parameter in r->params, "not sent". */
void writes_params_init(const struct plan *p, struct write_report *r);
/* Every row of r->params to state s. */
void writes_params_mark(struct write_report *r, enum write_param_state s);
/* Reads the parameters back with xh and compares them with the intent (or,
   when undo, with the values found before).  0 when all match; -1 with
   *cause (what differs, into r->diff / r->undo_diff, or why they could not
   be read).  Fills r->params (not for undo) and audits what was read. */
int writes_params_check(struct run *x, struct xh *xh, bool undo, char **cause);

/* ---- writes_lock.c: one write at a time per device, across processes ---- */

/* The locks a write holds. */
struct writes_lock {
	int	fds[2];		/* -1 unused, -2 no lock file could be made */
};

/* Takes the locks plan p needs, waiting up to ms for each: the OLT's when
   it has CLI steps, the router's (its ACS device id) when it has ACS ones.
   0, or -1 with *cause when another write holds one too long (nothing is
   held then). */
int writes_lock_take(struct store *st, const struct plan *p, int ms,
    struct writes_lock *l, char **cause);
/* Releases what writes_lock_take() took. */
void writes_lock_release(struct writes_lock *l);

#endif
