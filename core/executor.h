/*
 * executor.h — the seam between the write pipeline and a southbound: an
 * executor runs the plan steps that name it (struct plan_step.exec) on one
 * device, and reads the device back for the plan's verification.
 *
 * The pipeline (writes.c) is written once for every executor: preview,
 * audit, each step, undo in reverse, the one reconnect for an undo, the
 * "left on the device" report.  An executor only knows how to open a
 * handle on the device, send one step (or its undo), read an ONT's
 * configuration back (the pipeline compares it with the plan's intent,
 * ont_state.h) or a router's parameters (plan.h plan_param), say whether
 * its handle broke, and close it.  "cli" (exec_cli.c) runs CLI steps over
 * a pooled session to an OLT; "acs" (exec_acs.c) posts each step, a task,
 * to the TR-069 ACS for one router, and reads its parameters back.
 *
 * A step may be accepted without being applied yet: the ACS keeps a task
 * for a router that did not answer its connection request in time and
 * runs it at the router's next inform.  step() says so (EXEC_QUEUED) and
 * queued_ref() names the task; the pipeline stops there and reports the
 * write queued, not verified.
 *
 * Threads: an executor handle belongs to the write that opened it.
 */
#ifndef OLTUI_EXECUTOR_H
#define OLTUI_EXECUTOR_H

#include <stdbool.h>
#include <stddef.h>

#include "core/model.h"
#include "drivers/acs.h"
#include "drivers/driver.h"
#include "drivers/plan.h"
#include "lib/err.h"

struct engine;

/* The router an "acs" step is for. */
struct exec_acs {
	const struct acs_conn	*conn;		/* how to reach the ACS (drivers/acs.h) */
	struct acs		*client;	/* an open client to use (borrowed, this
						   thread only), or NULL: one is opened
						   from conn */
	const char		*device;	/* the router's ACS device id */
	int			 task_timeout_ms; /* how long the ACS may wait for the
						   router per task */
	bool			 wake;		/* ask the ACS to wake the router
						   (connection request) for each step;
						   false when it is known not to answer:
						   the task is queued at once */
	bool			 queue;		/* a task the router does not run in
						   time stays on the ACS for its next
						   inform (the step is queued); false:
						   it is withdrawn, and the step fails as
						   unreachable */
};

/* The device a write runs on, for every executor it opens. */
struct exec_target {
	struct engine		*eng;
	const struct olt	*olt;		/* the OLT ("cli" steps); may be NULL for
						   a plan without them */
	const struct olt_driver	*drv;
	int			 acquire_ms;	/* wait for a session; 0 = the engine's */
	int			 step_timeout_ms; /* per step; 0 = the session's */
	const struct exec_acs	*acs;		/* the router ("acs" steps), or NULL */
};

/* step()'s answer for a step accepted to be applied later. */
#define EXEC_QUEUED 1

struct executor {
	const char	*name;		/* what plan_step.exec names: "cli" */
	/* Opens a handle on the target.  0 and *h, or -1 with *e (its kind
	   says why: ERR_AUTH, ERR_HOSTKEY, ERR_UNREACHABLE...). */
	int		(*open)(const struct exec_target *t, void **h, struct err *e);
	/* Sends step s (its undo when undo is true).  0 with *answer (the
	   device's words, caller frees); EXEC_QUEUED with *answer when the
	   southbound keeps it to apply later (queued_ref names it); or -1
	   with *e (and *answer when the device said something). */
	int		(*step)(void *h, const struct exec_target *t,
			    const struct plan_step *s, bool undo, char **answer,
			    struct err *e);
	/* Reads back the configuration of the ONT at port / ont_id (the
	   driver's ont_config).  0 and *out (free with ont_config_free), or -1
	   with *e (ERR_FAILURE: no ONT there). */
	int		(*read_config)(void *h, const struct exec_target *t,
			    const char *port, int ont_id, struct ont_config *out,
			    struct err *e);
	/* Reads parameters paths[0..n) back from the device itself (not a
	   cache).  0 and values[i] for each (NULL: the device has no such
	   parameter; the caller frees each), or -1 with *e (the device did
	   not answer in time: a link kind).  NULL for a CLI. */
	int		(*read_params)(void *h, const struct exec_target *t,
			    const char *const *paths, size_t n, char **values,
			    struct err *e);
	/* What the last step that returned EXEC_QUEUED is called on the
	   southbound (an ACS task id), borrowed from h; NULL for an executor
	   that never queues. */
	const char	*(*queued_ref)(void *h);
	/* True when the handle must not be used again (link lost). */
	bool		(*broken)(void *h);
	/* Gives the handle back: discard closes it; keep_mode leaves a CLI
	   in the mode the write left (for a run of writes). */
	void		(*close)(void *h, const struct exec_target *t, bool discard,
			    bool keep_mode);
};

/* The executor called name ("cli"), or NULL. */
const struct executor *executor_find(const char *name);

extern const struct executor exec_cli;
extern const struct executor exec_acs;

/* The error kind of an ACS call's status (ERR_NOTFOUND for no device,
   ERR_UNREACHABLE for the ACS or the router out of reach, ...): the one
   mapping, for the operations too. */
enum err_kind exec_acs_kind(enum acs_status s);

#endif
