/*
 * plan.h — a write, before anything is sent: ordered steps, each a command
 * with the mode it runs in, what success looks like, and the command that
 * undoes it.
 *
 * Drivers build plans (planner.h, from the driver's templates); core runs
 * them through the one pipeline every write takes (core/writes.h):
 *
 *   request -> validate -> plan -> preview -> execute step by step
 *           -> verify by reading back -> audit -> on failure undo the
 *              completed steps in reverse, and audit that too
 *
 * A plan owns all its strings.  Commands never contain CR, LF or other
 * control characters: plan_add() refuses them (the CLI engine refuses them
 * again before writing), so no value can become a second command.  Secrets
 * (a PPPoE password, an ACS password) are marked so previews and the audit
 * trail show "display" (masked) instead of "command".
 */
#ifndef OLTUI_PLAN_H
#define OLTUI_PLAN_H

#include <stdbool.h>
#include <stddef.h>

#include "drivers/cli_dialect.h"
#include "drivers/ont_state.h"
#include "lib/util.h"

/* The executor every step of a CLI plan names (core runs a step with the
   executor of that name: "cli" today, the TR-069 ACS next). */
#define PLAN_EXEC_CLI "cli"

struct plan_step {
	const char	*exec;		/* the executor that runs it: PLAN_EXEC_CLI */
	enum cli_mode	 mode;		/* the mode the command runs in */
	char		*mode_arg;	/* "0/1", "gpon-olt_1/1/1", "gpon-onu_1/1/1:5"; NULL */
	char		*command;	/* exactly what is sent */
	char		*display;	/* command with secrets masked (== command when none) */
	bool		 confirm;	/* a (y/n) question is expected and answered yes */
	char		*expect;	/* substring the output must contain; NULL = no error is enough */
	char		*undo;		/* the command that undoes this step; NULL = nothing to undo */
	enum cli_mode	 undo_mode;	/* where undo runs */
	char		*undo_mode_arg;
	bool		 undo_confirm;	/* undo expects a (y/n) question */
};

/* What to read back after the steps. */
enum plan_verify_kind {
	VERIFY_NONE,		/* nothing to read back (a reboot) */
	VERIFY_STATE,		/* each place's state must be its intent */
};

struct plan_verify {
	const char		*exec;		/* the executor that reads back: PLAN_EXEC_CLI */
	enum plan_verify_kind	 kind;
};

/* One place a plan touches (a move touches two): the ONT's state found
   there before the steps and the state the plan intends after them
   (ont_state.h).  Verification reads the place back and compares it with
   after; an undo is verified against before. */
struct plan_place {
	char			 label[48];	/* how the device names it: "0/1/0 ONT 5" */
	struct ont_state	 before;
	struct ont_state	 after;
};
#define PLAN_PLACES_MAX 2

struct plan {
	char			*title;		/* one line for the preview's frame */
	char			*action;	/* "provision", "disable", … (audit action) */
	struct plan_step	*steps;
	size_t			 nsteps;
	struct plan_verify	 verify;
	struct plan_place	 places[PLAN_PLACES_MAX];
	size_t			 nplaces;
	char			*olt;		/* OLT name, for messages and the audit */
	char			*ont_sn;	/* the ONT concerned, "" when none */
	char			*contract;	/* the contract code, "" when none */
	const struct cli_dialect	*dialect;	/* for the preview's mode lines; may be NULL */
};

/* An empty plan; title and action are copied. */
struct plan *plan_new(const char *olt, const char *action, const char *title);
/* Appends a step.  display may be NULL (then = command).  undo may be NULL.
   0, or -1 and a cause when a command holds a control character. */
int plan_add(struct plan *p, enum cli_mode mode, const char *mode_arg,
    const char *command, const char *display, bool confirm, const char *expect,
    const char *undo, enum cli_mode undo_mode, const char *undo_mode_arg,
    bool undo_confirm, char **cause);
void plan_free(struct plan *p);
/* Adds a place (states copied; at most PLAN_PLACES_MAX) and makes the
   plan's verification VERIFY_STATE. */
void plan_place_add(struct plan *p, const char *label, const struct ont_state *before,
    const struct ont_state *after);

struct cJSON;
/* The plan as JSON, for the audit's replay record (`oltui undo`): title,
   action, OLT, ONT, contract, each step (executor, mode and argument, the
   masked command, confirm, and its undo with mode and confirm; "secret"
   when the command holds one, so the record lacks it), the verification
   kind and each place (label, before, after).  An undo for which
   undo_ok(arg, undo) is false (it would hold a secret) is recorded as
   null with "undo_withheld".  Caller deletes. */
struct cJSON *plan_to_json(const struct plan *p, bool (*undo_ok)(void *, const char *),
    void *arg);
/* The plan plan_to_json recorded, to build its inverse from: a secret
   step's command is NULL (the record lacks it; display has the masked
   form), "undo_withheld" steps have no undo and *withheld counts them.
   Not to be run as it is.  0 and *out, or -1 and a cause naming what is
   missing. */
int plan_from_json(const struct cJSON *j, struct plan **out, size_t *withheld,
    char **cause);

/* Appends the preview: the title; the change each place undergoes as
   before -> after (ont_state_change); the numbered commands in their
   masked form, each followed by its undo on a line of its own ("undo:"),
   the commands that change mode shown unnumbered ("> interface gpon 0/1")
   when the plan knows its dialect; then what is read back.  No line
   depends on a screen width.  Used by --dry-run and by the console. */
void plan_preview(const struct plan *p, struct buf *out);

#endif
