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
 * ont_state.h), say whether its handle broke, and close it.  "cli"
 * (exec_cli.c) runs CLI steps over a pooled session; the TR-069 ACS comes
 * next as another table.
 *
 * Threads: an executor handle belongs to the write that opened it.
 */
#ifndef OLTUI_EXECUTOR_H
#define OLTUI_EXECUTOR_H

#include <stdbool.h>

#include "core/model.h"
#include "drivers/driver.h"
#include "drivers/plan.h"
#include "lib/err.h"

struct engine;

/* The device a write runs on, for every executor it opens. */
struct exec_target {
	struct engine		*eng;
	const struct olt	*olt;
	const struct olt_driver	*drv;
	int			 acquire_ms;	/* wait for a session; 0 = the engine's */
	int			 step_timeout_ms; /* per step; 0 = the session's */
};

struct executor {
	const char	*name;		/* what plan_step.exec names: "cli" */
	/* Opens a handle on the target.  0 and *h, or -1 with *e (its kind
	   says why: ERR_AUTH, ERR_HOSTKEY, ERR_UNREACHABLE...). */
	int		(*open)(const struct exec_target *t, void **h, struct err *e);
	/* Sends step s (its undo when undo is true).  0 with *answer (the
	   device's words, caller frees), or -1 with *e (and *answer when the
	   device said something). */
	int		(*step)(void *h, const struct exec_target *t,
			    const struct plan_step *s, bool undo, char **answer,
			    struct err *e);
	/* Reads back the configuration of the ONT at port / ont_id (the
	   driver's ont_config).  0 and *out (free with ont_config_free), or -1
	   with *e (ERR_FAILURE: no ONT there). */
	int		(*read_config)(void *h, const struct exec_target *t,
			    const char *port, int ont_id, struct ont_config *out,
			    struct err *e);
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

#endif
