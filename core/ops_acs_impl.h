/*
 * ops_acs_impl.h — what the files of the ACS operations share
 * (ops_acs.c: the connection, finding a router, a change; ops_acs_plan.c:
 * what a change sets and its plan; ops_acs_read.c: show, tasks, files,
 * the ACS's password; ops_acs_undo.c: undoing an ACS write).  Not for
 * other modules: they use ops_acs.h.
 */
#ifndef OLTUI_OPS_ACS_IMPL_H
#define OLTUI_OPS_ACS_IMPL_H

#include <stdbool.h>
#include <stdint.h>

#include "core/executor.h"
#include "core/ops.h"
#include "core/ops_acs.h"

struct store;
struct vault;

/* The engine's way to the ACS for one operation. */
struct acs_link {
	struct acs_conn	 conn;		/* its strings point into the fields below */
	char		*url;
	char		*user;
	char		*password;	/* unsealed (vault_secret_free), or NULL */
	struct acs	*a;		/* the client */
	bool		 own;		/* a opened here */
	bool		 insecure;	/* TLS verification off (acs.insecure) */
	int		 task_timeout_ms; /* acs.timeout_s */
};

/* Opens the way to the ACS: url (a --acs override, used without user or
   password) or config.ini's [acs] url, user and the password kept sealed,
   and client when given (borrowed) or a new one.  0, or -1 with *err
   (ERR_USAGE naming `[acs] url` when none is configured). */
int ops_acs_link_open(struct engine *e, const char *url, struct acs *client,
    struct acs_link *l, struct err *err);
void ops_acs_link_close(struct acs_link *l);

/* A router found on the ACS, with its ONT in the database. */
struct acs_target {
	struct acs_device	 dev;		/* its document (the projection asked) */
	struct acs_view		 view;
	char			 sn[SN_MAX_LEN + 1];	/* the ONT serial ("" unknown) */
	char			 olt[NAME_MAX_LEN + 1];	/* from the database, "" */
	char			 contract[NAME_MAX_LEN + 1];
};

/* Fills *xa and *xt to run ACS steps on router t through l (the task
   timeout: o's step timeout, else acs.timeout_s; waking the router). */
void ops_acs_exec_target(struct engine *e, const struct acs_link *l,
    const struct acs_target *t, const struct write_opts *o, struct exec_acs *xa,
    struct exec_target *xt);

/* Finds the router of ONT serial sn, or of ACS device id, with the view's
   parameters and extra[0..nextra) in its document, and its ONT's OLT and
   contract in the database.  0, or -1 with *err (ERR_NOTFOUND: no such
   router; ERR_USAGE: two with the serial, a serial that is not one). */
int ops_acs_find(struct engine *e, struct acs_link *l, const char *sn,
    const char *device_id, const char *const *extra, size_t nextra,
    struct acs_target *t, struct err *err);
void ops_acs_target_free(struct acs_target *t);

/* One parameter a change sets, with the value it replaces. */
struct acs_want {
	char		*path;
	char		*type;		/* "xsd:string", ... */
	char		*value;		/* the value to set (a secret in clear:
					   wiped when freed) */
	char		*before;	/* the value found; NULL absent / not known */
	int64_t		 before_at;	/* when it was read (0: just now) */
	int64_t		 before_ref;	/* a secret's before: its kept row, 0 */
	bool		 secret;
	bool		 readable;	/* false: reads back empty */
};
void ops_acs_wants_free(struct acs_want *w, size_t n);

/* The name a secret set on a router is kept under (kept_secrets):
   "acs:<device id>:<path>".  Caller frees. */
char *ops_acs_kept_name(const char *device, const char *path);
/* Unseals the newest value kept as name: 1 and *value (vault_secret_free)
   and *ref, 0 none kept, -1 with *err (no vault, a value the key does not
   open). */
int ops_acs_kept_get(struct engine *e, const char *name, char **value, int64_t *ref,
    int64_t *audit_id, struct err *err);
/* True when the router reads path back empty by design (a WPA key, a
   password: TR-069). */
bool ops_acs_hidden(const char *path);

/* ---- ops_acs_plan.c ---- */

/* What change rq sets on router t (with the values there now, from its
   document, and a secret's from the vault).  0 and *w (*n may be 0 for a
   change without parameters: reboot, refresh...), or -1 with *err
   (ERR_USAGE: a radio or WAN the router lacks, a bad value, path or type). */
int ops_acs_wants(struct engine *e, const struct acs_change_req *rq,
    const struct acs_target *t, struct acs_want **w, size_t *n, struct err *err);
/* The plan that sets w[0..n) on router t (one setParameterValues task, its
   undo setting the values found, the parameters as intent), or the plan of
   a change without parameters (a reboot, a download of file...).  action
   and title as the audit and preview say them.  0 and *out, or -1 with
   *err. */
int ops_acs_plan(const struct acs_change_req *rq, const struct acs_target *t,
    const char *action, const char *title, const struct acs_want *w, size_t n,
    struct plan **out, struct err *err);
/* The words of a change for messages and titles: "wifi radio 1 (2.4G) of
   HWTC1A2B3C4D".  Into out. */
void ops_acs_what(const struct acs_change_req *rq, const struct acs_target *t,
    char *out, size_t size);

/* ---- after a write (ops_acs.c) ---- */

/* Keeps every secret of a plan that was applied or queued sealed under
   its router and path (audit entry audit_id), and records a queued task.
   Failures are appended to rep->cause. */
void ops_acs_after(struct engine *e, const struct plan *p, const char *sn,
    struct write_report *rep);

/* Masks the secrets registered on st (audit_secret) in what the report
   says in words (its cause and differences): an ACS may quote a value it
   refused. */
void ops_acs_mask_report(struct store *st, struct write_report *rep);

/* ---- ops_acs_undo.c ---- */

/* Undoes ACS write id from its record (taken): ops_undo() calls it for a
   record that names a router. */
enum write_status ops_acs_undo(struct engine *e, int64_t id, const char *outcome,
    struct plan *rec, const struct write_opts *o, struct write_report *rep,
    struct op_target *t);

#endif
