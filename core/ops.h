/*
 * ops.h — every operation the fronts call: the console, each verb and the
 * daemon parse their input into these requests, call the same function,
 * and only render what comes back.  One behaviour, one place.
 *
 *   writes    ops_write(): provision, delete, enable, disable, reboot,
 *             move (resolving the free ONT id), replace, speed, VLAN,
 *             description — resolve the ONT, read what an undo needs,
 *             build the plan with the OLT's driver (planner.h), run it
 *             through the one pipeline (writes.h), then bring the
 *             database in line with the device;
 *             ops_provision_batch(), ops_contract_state() (suspend/resume),
 *             ops_undo() (the recorded inverse of a past write);
 *   reads     ops_ont_read() (one ONT live), ops_port_read() (a port's
 *             ONTs live), ops_discover(), ops_backup(), ops_olt_test();
 *   polling   ops_sweep(), ops_live(), ops_health(), and the jobs that run
 *             them on the engine's workers (ops_submit_sweep/live, the
 *             daemon's factories).
 *
 * Every operation runs on the calling thread with that thread's store
 * (engine_store) and sessions from the engine's pool, and may be called
 * from a worker thread.  Results are plain structs; errors are a write
 * report (writes) or a struct err whose kind says what happened.
 */
#ifndef OLTUI_OPS_H
#define OLTUI_OPS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/alarms.h"
#include "core/model.h"
#include "core/pool.h"
#include "core/writes.h"
#include "lib/err.h"

struct engine;

/* ---- writes ---- */

#define OP_KINDS(X)							\
	X(OP_PROVISION,	"provision",	"authorise and configure an ONT")	\
	X(OP_DELETE,	"delete",	"remove an ONT and its service ports")	\
	X(OP_ENABLE,	"enable",	"give an ONT service again")		\
	X(OP_DISABLE,	"disable",	"stop an ONT's service (admin down)")	\
	X(OP_REBOOT,	"reboot",	"restart an ONT")			\
	X(OP_MOVE,	"move",		"re-create an ONT at another port or id") \
	X(OP_REPLACE,	"replace",	"keep the configuration, swap the serial") \
	X(OP_SPEED,	"speed",	"change an ONT's speeds")		\
	X(OP_VLAN,	"vlan",		"move an ONT's service to another VLAN") \
	X(OP_DESC,	"desc",		"change an ONT's description")

#define OP_ENUM(id, word, doc) id,
enum op_kind { OP_KINDS(OP_ENUM) OP_KIND_COUNT };
#undef OP_ENUM

/* "provision", "move", ... */
const char *op_kind_name(enum op_kind k);
int op_kind_parse(const char *s, enum op_kind *out);

/* A write, as a front parsed it.  Plain data: copied freely between
   threads (the secrets excepted: borrowed pointers the caller keeps alive
   until the call returns). */
struct op_req {
	enum op_kind	 kind;
	/* The ONT: its serial (looked up in the database), or OLT + port +
	   ONT id.  Provisioning: the new ONT's serial, the OLT and port, and
	   ont_id -1 for the port's first free id. */
	char		 olt[NAME_MAX_LEN + 1];
	char		 port[PORT_MAX_LEN + 1];
	int		 ont_id;		/* -1 = from the serial / the first free */
	char		 sn[SN_MAX_LEN + 1];
	/* Provisioning. */
	char		 profile[NAME_MAX_LEN + 1];	/* service profile; "" = none */
	char		 contract[NAME_MAX_LEN + 1];	/* linked afterwards; "" = none */
	char		 model[33];		/* ONT type; "" = the driver's default */
	char		 vlan_profile[33];	/* a WAN's VLAN profile; "" = none */
	char		 pppoe_user[65];	/* "" = none */
	const char	*pppoe_password;	/* borrowed secret; NULL = none */
	char		 acs_user[65];		/* "" = none */
	const char	*acs_password;		/* borrowed secret; NULL = none */
	int		 user_vlan;		/* C-VLAN; 0 = the VLAN */
	/* Provisioning and changes. */
	char		 desc[65];		/* description; "" = none / unchanged */
	int		 vlan;			/* VLAN: provisioning's (over the profile's) or OP_VLAN's */
	int		 down_mbps, up_mbps;	/* OP_SPEED */
	char		 new_port[PORT_MAX_LEN + 1];	/* OP_MOVE; "" = the same port */
	int		 new_ont_id;		/* OP_MOVE; -1 = the first free */
	char		 new_sn[SN_MAX_LEN + 1];	/* OP_REPLACE */
};

/* An empty request of kind k (ids -1). */
void op_req_init(struct op_req *r, enum op_kind k);

/* The ONT a write targeted, once resolved. */
struct op_target {
	char		 olt[NAME_MAX_LEN + 1];
	char		 port[PORT_MAX_LEN + 1];
	int		 ont_id;
	char		 sn[SN_MAX_LEN + 1];		/* "" when unknown */
	char		 new_port[PORT_MAX_LEN + 1];	/* a move's destination */
	int		 new_ont_id;
	char		 what[160];	/* "move ONT HWTC… (hw-1 0/1/0 5) to 0/1/1 3" */
};

/* Runs the write rq (o->dry_run: previews only).  Resolves the ONT,
   picks free ONT ids, reads the configuration an undo needs, builds the
   plan, runs it, and on success updates the database (the ONT's row,
   position, serial, admin state, the contract link).  Returns rep->status
   (WRITE_USAGE with nothing sent for a request that cannot be resolved or
   planned, WRITE_UNREACHABLE when the OLT could not be reached); *t (may
   be NULL) gets the resolved target, also on failure as far as known. */
enum write_status ops_write(struct engine *e, const struct op_req *rq,
    const struct write_opts *o, struct write_report *rep, struct op_target *t);

/* One ONT of a batch provisioning: its serial and, when not -1, its id. */
struct op_batch_line {
	char	sn[SN_MAX_LEN + 1];
	int	ont_id;		/* -1 = the next free id of the port */
	size_t	lineno;		/* its line in the batch file, for messages */
};

/* What became of one line of a batch. */
#define OP_BATCH_FATES(X)						\
	X(OPB_DONE,		"done")		/* provisioned and verified */	\
	X(OPB_UNDONE,		"undone")	/* failed; what was sent was undone */ \
	X(OPB_REFUSED,		"refused")	/* failed before anything changed */ \
	X(OPB_LEFT,		"left")		/* failed; steps are left on the device */ \
	X(OPB_SKIPPED,		"skipped")	/* --resume: provisioned before */ \
	X(OPB_NOT_ATTEMPTED,	"not attempted")	/* the batch stopped first */

#define OPB_ENUM(id, word) id,
enum op_batch_fate { OP_BATCH_FATES(OPB_ENUM) OP_BATCH_FATE_COUNT };
#undef OPB_ENUM
const char *op_batch_fate_name(enum op_batch_fate f);
/* The fate of a line from its write report. */
enum op_batch_fate op_batch_fate_of(const struct write_report *rep);

/* Called once for every line of a batch, in order, with its fate, its
   report and its target (rep and t are NULL for a line skipped or not
   attempted). */
typedef void (*op_batch_fn)(void *arg, size_t i, enum op_batch_fate fate,
    const struct write_report *rep, const struct op_target *t);

/* Provisions lines[0..n) on base's OLT and port, each as base with its
   serial, one after the other on one session (no mode churn between
   ONTs); ids not given are the next free ones of the port, read once.
   With resume, a serial the database already has on base's OLT is
   skipped (it was provisioned by an earlier run of the same batch).
   Stops at the first unreachable (never hammer a device that went away)
   or full port; every line still gets its fate, the rest "not attempted",
   so the batch can be run again with resume.  Returns the worst status. */
enum write_status ops_provision_batch(struct engine *e, const struct op_req *base,
    const struct op_batch_line *lines, size_t n, bool resume,
    const struct write_opts *o, op_batch_fn each, void *arg);

/* One ONT of a contract and how its change ended. */
struct op_contract_row {
	char			 sn[SN_MAX_LEN + 1];
	char			 olt[NAME_MAX_LEN + 1];
	char			 port[PORT_MAX_LEN + 1];
	int			 ont_id;
	enum write_status	 status;
	char			*message;	/* outcome line or cause */
	int64_t			 audit_id;
};

struct op_contract_result {
	struct op_contract_row	*rows;
	size_t			 n;
	bool			 status_changed;	/* the contract's status was updated */
};

/* Suspends (enable false) or resumes every ONT linked to the contract
   code, one audited plan per ONT; the contract's status follows only when
   every ONT changed.  Returns the worst write status (WRITE_USAGE with *e
   for an unknown contract). */
enum write_status ops_contract_state(struct engine *e, const char *code, bool enable,
    const struct write_opts *o, struct op_contract_result *res, struct err *err);
void op_contract_result_free(struct op_contract_result *r);

/* Undoes audited write id (`oltui undo`): replays the recorded inverse of
   its steps through the pipeline, with the state before that write as the
   intent, once the device is read and found still as that write left it
   (else refused, nothing sent, the cause saying what changed).  Only an
   entry that ended "ok" and has an undo record can be undone.  The
   database follows the places on success.  Returns rep->status; *t (may
   be NULL) names the OLT and ONT. */
enum write_status ops_undo(struct engine *e, int64_t id, const struct write_opts *o,
    struct write_report *rep, struct op_target *t);

/* ---- reads ---- */

/* Resolves an ONT named by serial or OLT/port/id (as in op_req) without
   reading the device.  0, or -1 with *err (ERR_USAGE / ERR_NOTFOUND). */
int ops_resolve(struct engine *e, const struct op_req *rq, struct op_target *t,
    struct err *err);

/* One ONT read live (detail and levels), stored as a reading. */
struct op_ont_live {
	struct ont_reading	 rd;		/* what was stored */
	struct pr_ont_detail	 detail;	/* owned: op_ont_live_free() */
	char			 contract[NAME_MAX_LEN + 1];	/* linked, or "" */
};
/* Reads the ONT rq names from its OLT.  0, or -1 with *err. */
int ops_ont_read(struct engine *e, const struct op_req *rq, struct op_target *t,
    struct op_ont_live *out, struct err *err);
void op_ont_live_free(struct op_ont_live *l);

/* Reads the ONTs of one port of olt live (state, levels) and stores them;
   port NULL: every port the database knows on the OLT.  0, or -1 with
   *err (the first failure; a port that fails is skipped). */
int ops_port_read(struct engine *e, const char *olt, const char *port, struct err *err);

/* One unauthorised ONT as discovery found it. */
struct op_found {
	char	olt[NAME_MAX_LEN + 1];
	char	port[PORT_MAX_LEN + 1];
	char	sn[SN_MAX_LEN + 1];
	char	vendor[8];
	char	model[33];
	char	software[33];
	char	found_at[32];	/* ISO 8601, "" when the OLT did not say */
};

/* How discovery went on one OLT. */
struct op_olt_result {
	char		 olt[NAME_MAX_LEN + 1];
	enum err_kind	 kind;		/* ERR_NONE when it answered */
	char		*error;		/* NULL when ok */
	int64_t		 ms;
};

/* Reads autofind on the OLTs named (every OLT when n is 0), in parallel
   (jobs.workers threads of its own; callable from a worker), stores
   each OLT's list and returns all the rows.  Per-OLT failures are in *res
   (one per OLT, *nres).  0 when every OLT answered, -1 otherwise (-1 with
   *err and no rows when an OLT named is unknown). */
int ops_discover(struct engine *e, const char *const *olts, size_t n,
    struct op_found **rows, size_t *nrows, struct op_olt_result **res, size_t *nres,
    struct err *err);
void op_olt_results_free(struct op_olt_result *res, size_t n);

/* A configuration backup and how it differs from the previous one. */
struct op_backup {
	int64_t	 id;
	char	 sha256[65];
	char	 prev_sha256[65];	/* "" when there was none */
	int64_t	 taken_at;
	size_t	 bytes;
	char	*diff;			/* unified diff; NULL when first or unchanged */
	bool	 changed;
};
/* Reads the running configuration of olt, stores it and diffs it against
   the previous backup.  0, or -1 with *err. */
int ops_backup(struct engine *e, const char *olt, struct op_backup *b, struct err *err);
void op_backup_free(struct op_backup *b);

/* A timed login and version read. */
struct op_olt_test {
	int64_t			 connect_ms;
	int64_t			 login_ms;
	int64_t			 command_ms;	/* the version read */
	int64_t			 logout_ms;
	char			 hostname[128];	/* from the prompt, "" when not a CLI */
	struct pr_version	 version;	/* owned: op_olt_test_free() */
};
/* Logs in to olt outside the pool and reads its version.  0, or -1 with
   *err (t holds the timings reached). */
int ops_olt_test(struct engine *e, const char *olt, struct op_olt_test *t,
    struct err *err);
void op_olt_test_free(struct op_olt_test *t);

/* ---- polling ---- */

struct poll_result;
struct olt_health;

/* Sweeps OLT olt over SNMP (and reads its health when health is true): the
   ONT rows, one sample each, the alarms.  0, or -1 with *err
   (ERR_UNREACHABLE when the OLT did not answer: cached data stays).
   res->outcome says how it ended (poll.h).  A partial sweep (the request
   budget ran out; res->outcome POLL_PARTIAL) and a health read that fails
   after a good sweep return 0 with *err set (the partial sweep's reason
   first). */
int ops_sweep(struct engine *e, const char *olt, bool health, struct poll_result *res,
    struct err *err);
/* One line for a technician or a log: "swept pop-north: 2048 ONTs (1990
   online) in 812 ms, 103 requests, alarms +1 -0, 4 active", or why not.
   Caller frees. */
char *ops_sweep_text(const char *olt, int rc, const struct poll_result *res,
    const struct err *err);
/* Reads one ONT's levels now (one SNMP GET) and stores them. */
int ops_live(struct engine *e, const char *olt, const char *sn, struct ont_reading *out,
    struct err *err);
/* Reads OLT olt's health over SNMP and stores it. */
int ops_health(struct engine *e, const char *olt, struct olt_health *h, struct err *err);

/* Job kinds of the ops' jobs on the engine's pool (pool events carry them). */
enum op_job_kind { OPJ_SWEEP = 100, OPJ_LIVE };

/* What a sweep job found, for the front that waits on it (may be NULL
   for fire-and-forget jobs).  Filled by the worker before its event. */
struct op_sweep_out {
	int			 rc;		/* 0 swept, -1 failed */
	struct poll_result	*res;		/* caller's; NULL = not wanted */
	struct err		 err;		/* the sweep's failure, or a health read's
						   failure after a good sweep (rc 0);
						   the caller clears it */
};

/* Fills *spec with a job that sweeps OLT olt (and reads its health when
   health) on a worker; its completion event's message says what the sweep
   found ("sweep pop-north: 2048 ONTs (1990 online) in 812 ms, ...").  For
   the console, `poll --once` and the daemon's scheduler.  out may be NULL;
   when not, it must outlive the job. */
void ops_sweep_job(struct engine *e, const char *olt, int64_t olt_id, bool health,
    enum job_priority prio, struct op_sweep_out *out, struct job_spec *spec);
/* Fills *spec with a job that reads ONT sn of OLT olt live (ops_live). */
void ops_live_job(struct engine *e, const char *olt, int64_t olt_id, const char *sn,
    struct job_spec *spec);

#endif
