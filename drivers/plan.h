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
 *
 * A plan for a router behind the TR-069 ACS (executor "acs") has the same
 * shape: each step's command is a task (JSON), its display the task in
 * words with secrets masked ("set ….SSID = \"Home\""), its undo the task
 * that sets the old values; its intent is a list of parameters (struct
 * plan_param: path, value before, value after, type, secret, readable),
 * verified by reading them back (VERIFY_PARAMS, plan_param.c).
 */
#ifndef OLTUI_PLAN_H
#define OLTUI_PLAN_H

#include <stdbool.h>
#include <stddef.h>

#include "drivers/cli_dialect.h"
#include "drivers/ont_state.h"
#include "lib/util.h"

/* The executors a step may name (core runs a step with the executor of
   that name, core/executor.h): a CLI session to an OLT, or a task posted
   to the TR-069 ACS for a router. */
#define PLAN_EXEC_CLI "cli"
#define PLAN_EXEC_ACS "acs"

struct plan_step {
	const char	*exec;		/* the executor that runs it: PLAN_EXEC_CLI */
	enum cli_mode	 mode;		/* the mode the command runs in */
	char		*mode_arg;	/* "0/1", "gpon-olt_1/1/1", "gpon-onu_1/1/1:5"; NULL */
	char		*command;	/* exactly what is sent */
	char		*display;	/* command with secrets masked (== command when none) */
	bool		 confirm;	/* a (y/n) question is expected and answered yes */
	char		*expect;	/* substring the output must contain; NULL = no error is enough */
	char		*undo;		/* the command that undoes this step; NULL = nothing to undo */
	char		*undo_display;	/* undo with secrets masked, in words (== undo
					   when none); NULL when undo is */
	enum cli_mode	 undo_mode;	/* where undo runs */
	char		*undo_mode_arg;
	bool		 undo_confirm;	/* undo expects a (y/n) question */
};

/* What to read back after the steps. */
enum plan_verify_kind {
	VERIFY_NONE,		/* nothing to read back (a reboot) */
	VERIFY_STATE,		/* each place's state must be its intent */
	VERIFY_PARAMS,		/* each parameter must read back as its after
				   value (one not readable is "accepted") */
};

struct plan_verify {
	const char		*exec;		/* the executor that reads back */
	enum plan_verify_kind	 kind;
};

/* One parameter a plan sets (an ACS plan): the value found and the value
   intended.  Verification reads it back and compares (plan_param_equal);
   an undo is verified against before. */
struct plan_param {
	char		*path;		/* "InternetGatewayDevice.….SSID" */
	char		*type;		/* "xsd:string", "xsd:boolean", ... */
	char		*before;	/* NULL: absent, or not known (a secret the
					   router reads back empty and oltui never set) */
	char		*after;		/* the value set (NULL only in a record read
					   back: a withheld secret) */
	bool		 secret;	/* masked in every preview and audit step,
					   never recorded (plan_to_json) */
	bool		 readable;	/* false: the router reads it back empty
					   (TR-069 WPA keys, passwords) */
	int64_t		 before_ref;	/* a secret's before: the id of the value
					   oltui keeps sealed (0 none) */
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
	struct plan_param	*params;	/* what an ACS plan sets (VERIFY_PARAMS) */
	size_t			 nparams;
	char			*device;	/* the ACS device id ("" for an OLT write):
						   the write lock and the replay name it */
};

/* An empty plan; title and action are copied. */
struct plan *plan_new(const char *olt, const char *action, const char *title);
/* Appends a step.  display may be NULL (then = command).  undo may be NULL.
   0, or -1 and a cause when a command holds a control character. */
int plan_add(struct plan *p, enum cli_mode mode, const char *mode_arg,
    const char *command, const char *display, bool confirm, const char *expect,
    const char *undo, enum cli_mode undo_mode, const char *undo_mode_arg,
    bool undo_confirm, char **cause);
/* Appends a step for an executor without modes (exec, e.g. PLAN_EXEC_ACS,
   a static string): command as sent, display its masked words (NULL =
   command), undo and undo_display likewise (undo NULL = none).  0, or -1
   and a cause when one holds a control character. */
int plan_add_task(struct plan *p, const char *exec, const char *command,
    const char *display, const char *undo, const char *undo_display, char **cause);
void plan_free(struct plan *p);
/* Adds a place (states copied; at most PLAN_PLACES_MAX) and makes the
   plan's verification VERIFY_STATE. */
void plan_place_add(struct plan *p, const char *label, const struct ont_state *before,
    const struct ont_state *after);

/* ---- parameters (plan_param.c) ---- */

/* Appends a parameter (strings copied; before may be NULL; type NULL =
   "xsd:string") and makes the plan's verification VERIFY_PARAMS by
   executor exec. */
void plan_param_add(struct plan *p, const char *exec, const char *path, const char *type,
    const char *before, const char *after, bool secret, bool readable,
    int64_t before_ref);
/* True when a and b are the same value of TR-069 type type: booleans as
   true/1 and false/0, numbers by value, the rest as text.  NULL equals
   only NULL. */
bool plan_param_equal(const char *type, const char *a, const char *b);
/* The value as a preview shows it: quoted text ("Home"), a bare number or
   boolean, "********" for a secret, "(absent)" for NULL.  Into out. */
void plan_param_shown(const struct plan_param *pp, const char *value, struct buf *out);
/* "PATH = VALUE; PATH = VALUE" over params[0..n) (after, or before when
   before), values as plan_param_shown: the words of a set task. */
void plan_param_words(const struct plan_param *params, size_t n, bool before,
    struct buf *out);

struct cJSON;
/* The parts of the preview and of the replay record that are the
   parameters' (plan.c calls them): each parameter's "before -> after"
   line; the read-back line; the JSON array; reading it back into p. */
void plan_param_change(const struct plan *p, struct buf *out);
void plan_param_then(const struct plan *p, struct buf *out);
struct cJSON *plan_param_to_json(const struct plan *p);
int plan_param_from_json(const struct cJSON *arr, struct plan *p, char **cause);

/* The plan as JSON, for the audit's replay record (`oltui undo`): title,
   action, OLT, ONT, contract, each step (executor, mode and argument, the
   masked command, confirm, and its undo with mode and confirm; "secret"
   when the command holds one, so the record lacks it), the verification
   kind and each place (label, before, after).  An undo for which
   undo_ok(arg, undo) is false (it would hold a secret) is recorded as
   null with "undo_withheld".  An ACS plan adds its device and each
   parameter (path, type, before, after, readable; a secret's values are
   null with "withheld", its before_ref kept).  Caller deletes. */
struct cJSON *plan_to_json(const struct plan *p, bool (*undo_ok)(void *, const char *),
    void *arg);
/* The plan plan_to_json recorded, to build its inverse from: a secret
   step's command is NULL (the record lacks it; display has the masked
   form), "undo_withheld" steps have no undo and *withheld counts them;
   a withheld parameter has before and after NULL.  Not to be run as it
   is.  0 and *out, or -1 and a cause naming what is
   missing. */
int plan_from_json(const struct cJSON *j, struct plan **out, size_t *withheld,
    char **cause);

/* Appends the preview: the title; the change each place undergoes as
   before -> after (ont_state_change), or each parameter's; the numbered
   commands (an ACS plan: tasks) in their
   masked form, each followed by its undo on a line of its own ("undo:"),
   the commands that change mode shown unnumbered ("> interface gpon 0/1")
   when the plan knows its dialect; then what is read back.  No line
   depends on a screen width.  Used by --dry-run and by the console. */
void plan_preview(const struct plan *p, struct buf *out);

#endif
