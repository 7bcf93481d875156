/*
 * acs_jobs.h — ACS jobs: one change (or one firmware download) over many
 * customer routers through the TR-069 ACS, kept in the database so that a
 * crash, a Ctrl-C or a cancel loses nothing and redoes nothing.
 *
 * GenieACS has no multi-device task (genieacs issues #248, #295), so
 * oltui keeps the list itself: a job (what to change, on which devices,
 * how many at once, and for a firmware job when) and one item per device
 * (its state, why, the ACS task id of a queued change, the firmware
 * version it reported before and after).  The runner (acs_run.h) writes
 * every item before it sends anything, marks an item "sending" before the
 * device is touched and records the outcome after, so a run killed at any
 * point resumes from the database.
 *
 * The words of the enums below are what the tables hold, what --json
 * prints and what docs/acs-mass.md lists; never change one.
 *
 * Secrets: a WiFi or PPPoE password of a mass change is stored sealed by
 * the engine's vault, as a kept secret named "acs-job:ID:WORD" (resealed
 * by `oltui vault rekey` with every kept secret); the change and the items
 * hold only a placeholder naming the secret ({"secret": "wifi_password"}),
 * so no password is in the database, a dry run or a report in clear.
 *
 * This file is the model, its JSON forms (acs_jobs.c) and the store
 * functions of the two tables (store_acs_jobs.c).  Store functions follow
 * store.h: 0 / -1 with *cause, lookups 1 / 0 / -1, one thread per handle.
 */
#ifndef OLTUI_ACS_JOBS_H
#define OLTUI_ACS_JOBS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/model.h"
#include "lib/gpon.h"

struct store;
struct vault;
struct cJSON;

/* X(id, word, what it is) */
#define ACS_JOB_KINDS(X)						\
	X(ACS_JOB_MASS,		"mass",		"one configuration change over many routers, run in the foreground") \
	X(ACS_JOB_FIRMWARE,	"firmware",	"a firmware download over many routers, run by the poll daemon in a time window")

#define ACS_JOB_STATES(X)						\
	X(AJ_PLANNED,	"planned",	"written, not started (a firmware job waits for its window)") \
	X(AJ_RUNNING,	"running",	"a process (its pid) is sending it; after a crash, resume takes it over") \
	X(AJ_PAUSED,	"paused",	"stopped before the end: Ctrl-C, the ACS stopped answering, the daemon stopped") \
	X(AJ_CANCELLED,	"cancelled",	"cancelled: nothing more is sent, queued ACS tasks were deleted") \
	X(AJ_DONE,	"done",		"every device was tried (or a firmware window closed)")

/* X(id, word, the report's phrase) */
#define ACS_ITEM_STATES(X)						\
	X(AI_PENDING,	"pending",	"not attempted")		\
	X(AI_SENDING,	"sending",	"being sent (re-checked first on resume)") \
	X(AI_DONE,	"done",		"done: the router has the change (or had it already)") \
	X(AI_QUEUED,	"queued",	"queued on the ACS: the router was offline; it runs at its next inform") \
	X(AI_FAILED,	"failed",	"failed: the reason says why") \
	X(AI_SKIPPED,	"skipped",	"skipped: the change does not apply (no such radio, no PPPoE WAN)") \
	X(AI_CANCELLED,	"cancelled",	"cancelled before it was sent, or its queued task was deleted")

/* The secrets a change may carry: X(id, word, phrase). */
#define ACS_SECRETS(X)							\
	X(ACS_SECRET_WIFI,	"wifi_password",	"WiFi password")	\
	X(ACS_SECRET_PPPOE,	"pppoe_password",	"PPPoE password")

#define ACS_ENUM3(id, word, doc) id,
enum acs_job_kind { ACS_JOB_KINDS(ACS_ENUM3) ACS_JOB_KIND_COUNT };
enum acs_job_state { ACS_JOB_STATES(ACS_ENUM3) ACS_JOB_STATE_COUNT };
enum acs_item_state { ACS_ITEM_STATES(ACS_ENUM3) ACS_ITEM_STATE_COUNT };
enum acs_secret { ACS_SECRETS(ACS_ENUM3) ACS_SECRET_COUNT };
#undef ACS_ENUM3

/* Words and parsers: 0 and *out, or -1 for a word this oltui does not
   know.  Names return "unknown" out of range. */
const char *acs_job_kind_name(enum acs_job_kind k);
int acs_job_kind_parse(const char *s, enum acs_job_kind *out);
const char *acs_job_state_name(enum acs_job_state s);
int acs_job_state_parse(const char *s, enum acs_job_state *out);
const char *acs_item_state_name(enum acs_item_state s);
int acs_item_state_parse(const char *s, enum acs_item_state *out);
/* The report's phrase of an item state ("not attempted" for pending). */
const char *acs_item_state_phrase(enum acs_item_state s);
const char *acs_secret_name(enum acs_secret s);
int acs_secret_parse(const char *s, enum acs_secret *out);
const char *acs_secret_phrase(enum acs_secret s);

#define ACS_CAP_MAX		200	/* devices in flight at most (acs.max_concurrent's range) */
#define ACS_SSID_MAX		32	/* an SSID's octets (TR-098 / TR-181) */
#define ACS_PATH_MAX		256	/* a parameter path */
#define ACS_VALUE_MAX		256	/* a parameter value */
#define ACS_FILE_MAX		128	/* a file name on the ACS */
#define ACS_SERIAL_MAX		64	/* _deviceId._SerialNumber */
#define ACS_VERSION_MAX		64	/* SoftwareVersion */

/* Which devices: a GenieACS query, or oltui's own selection (every given
   criterion must hold: the ONTs of an OLT [and port], provisioned with a
   profile, linked to one of the contracts).  Owned strings: acs_filter_clear. */
struct acs_filter {
	char	*query;			/* a JSON object as text; NULL = oltui's selection */
	char	 olt[NAME_MAX_LEN + 1];	/* "" = any */
	char	 port[PORT_MAX_LEN + 1];	/* "" = any (needs olt) */
	char	 profile[NAME_MAX_LEN + 1];	/* "" = any */
	char	**contracts;		/* codes; ncontracts 0 = any */
	size_t	 ncontracts;
};
void acs_filter_clear(struct acs_filter *f);
/* One line for a technician: "query {...}" or "OLT pop-north port 0/1/0,
   3 contracts". Caller frees. */
char *acs_filter_text(const struct acs_filter *f);

/* One parameter to set by path, as given (--set PATH=VALUE[:TYPE]). */
struct acs_set {
	char	path[ACS_PATH_MAX];
	char	value[ACS_VALUE_MAX];
	char	type[24];		/* "xsd:string", "xsd:boolean", ... */
};

/* What a job changes.  A mass change has one or more of: an SSID (and a
   WiFi password) on one radio or every radio, PPPoE credentials, parameters
   by path; a firmware job a file.  The secrets themselves are not here:
   only whether one is part of the change.  Owned: acs_change_clear. */
struct acs_change {
	char		 ssid[ACS_SSID_MAX + 1];	/* "" = unchanged */
	char		 radio[16];	/* "" = every radio; "1", "2"... or "2.4G", "5G" */
	bool		 secret[ACS_SECRET_COUNT];	/* this secret is set */
	char		 pppoe_user[65];	/* "" = unchanged */
	struct acs_set	*set;
	size_t		 nset;
	char		 file[ACS_FILE_MAX + 1];	/* firmware: the file on the ACS (the
						   job's file column, not in the JSON) */
};
void acs_change_clear(struct acs_change *c);
/* True when a mass change sets nothing. */
bool acs_change_empty(const struct acs_change *c);
/* Parses "PATH=VALUE[:TYPE]" (TYPE one of the xsd types TR-069 knows;
   xsd:string when absent; a value holding ':' is written PATH=VALUE:xsd:string).
   0, or -1 with *cause. */
int acs_set_parse(const char *text, struct acs_set *out, char **cause);

/* How many items are in each state. */
struct acs_counts {
	size_t	n[ACS_ITEM_STATE_COUNT];
	size_t	total;
};

/* A job as stored.  filter and change are owned: acs_job_clear. */
struct acs_job {
	int64_t			 id;
	enum acs_job_kind	 kind;
	int64_t			 created_at;
	char			 user[65];	/* the OS user who made it */
	struct acs_filter	 filter;
	struct acs_change	 change;
	char			*sealed[ACS_SECRET_COUNT];	/* vault_seal() output (kept
						   secrets); NULL = none */
	int			 cap;		/* devices in flight at most, 1..ACS_CAP_MAX */
	int64_t			 window_start;	/* firmware: not before (epoch s); 0 = at once */
	int64_t			 window_end;	/* firmware: nothing started after; 0 = none */
	enum acs_job_state	 state;
	int64_t			 pid;		/* the running process; 0 = none */
	int64_t			 started_at, finished_at;	/* 0 = not yet */
	bool			 resolved;	/* the items are written */
	char			 cause[512];	/* why it paused or ended early; "" */
	struct acs_counts	 counts;	/* read with the job */
};
void acs_job_clear(struct acs_job *j);

/* One device of a job.  params is owned: acs_items_free. */
struct acs_item {
	int64_t			 job_id;
	int			 seq;		/* 1..n, the order it is sent in */
	char			 device_id[ACS_DEVICE_ID_MAX + 1];
	char			 serial[ACS_SERIAL_MAX];
	char			*params;	/* JSON [[path, value, type], ...]; a secret's
						   value is {"secret": word}; "[]" for firmware */
	enum acs_item_state	 state;
	char			 reason[1024];	/* why (failed, skipped), or what ("already as asked") */
	char			 task_id[ACS_TASK_ID_MAX + 1];	/* a queued task's id on the ACS; "" */
	char			 version_before[ACS_VERSION_MAX];	/* firmware */
	char			 version_after[ACS_VERSION_MAX];	/* firmware: reported afterwards */
	int64_t			 updated_at;
};
void acs_items_free(struct acs_item *v, size_t n);

/* ---- JSON forms (acs_jobs.c) ---- */

/* The filter and the change as stored in the job row (and printed by
   --json); the change never holds a secret's value. */
struct cJSON *acs_filter_json(const struct acs_filter *f);
int acs_filter_from_json(const struct cJSON *j, struct acs_filter *out, char **cause);
struct cJSON *acs_change_json(const struct acs_change *c);
int acs_change_from_json(const struct cJSON *j, struct acs_change *out, char **cause);
/* A job as JSON for the verbs: id, kind, state, user, times, filter,
   change, cap, window, cause, counts (no sealed value). */
struct cJSON *acs_job_json(const struct acs_job *j);
/* An item as JSON: serial, device, state, reason, task, versions, and its
   parameters with every secret as "********". */
struct cJSON *acs_item_json(const struct acs_item *it);

/* ---- the store (store_acs_jobs.c) ---- */

/* Inserts j (state planned, created now, resolved false) and sets j->id
   and created_at.  0 or -1. */
int store_acs_job_add(struct store *st, struct acs_job *j, char **cause);
/* Job id with its item counts.  1, 0 (no such job), -1.  The caller clears
   *out with acs_job_clear() after a 1. */
int store_acs_job_get(struct store *st, int64_t id, struct acs_job *out, char **cause);
/* The jobs of kind (every kind when kind is -1), newest first, at most
   limit (0 = all), with their counts.  Free each with acs_job_clear() and
   the array with free(). */
int store_acs_job_list(struct store *st, int kind, size_t limit, struct acs_job **out,
    size_t *n, char **cause);
/* Moves job id from state `from` owned by pid `from_pid` to `to` owned by
   `pid` (AJ_RUNNING sets started_at the first time; AJ_DONE and
   AJ_CANCELLED set finished_at), with a cause (NULL keeps it, "" clears
   it).  1 moved, 0 the job was not in (from, from_pid) any more (another
   process took it), -1.  from -1 = any state, from_pid -1 = any pid. */
int store_acs_job_move(struct store *st, int64_t id, int from, int64_t from_pid,
    enum acs_job_state to, int64_t pid, const char *cause, char **err);
/* A firmware job's window (and cap when > 0).  0 or -1. */
int store_acs_job_window(struct store *st, int64_t id, int64_t start, int64_t end,
    int cap, char **cause);
/* The ids of the firmware jobs a daemon may have to run at now: planned,
   paused or running (the caller checks the pid), whose window has started.
   The caller frees *ids. */
int store_acs_job_due(struct store *st, int64_t now, int64_t **ids, size_t *n,
    char **cause);

/* Writes the items of job id (their seq 1..n in order), marks the job
   resolved, in one transaction.  0 or -1 (nothing written). */
int store_acs_items_add(struct store *st, int64_t job_id, const struct acs_item *v,
    size_t n, char **cause);
/* The items of job id by seq; only those in `state` when state >= 0.
   Free with acs_items_free(). */
int store_acs_items_list(struct store *st, int64_t job_id, int state,
    struct acs_item **out, size_t *n, char **cause);
/* Records one item's state, reason, task id and version after (NULL leaves
   a text as it is), with the time.  0 or -1. */
int store_acs_item_set(struct store *st, int64_t job_id, int seq, enum acs_item_state state,
    const char *reason, const char *task_id, const char *version_after, char **cause);
/* Moves every item of job id in state from to state to (with reason when
   not NULL); the number moved or -1. */
int64_t store_acs_items_move(struct store *st, int64_t job_id, enum acs_item_state from,
    enum acs_item_state to, const char *reason, char **cause);

/* Forgets the kept secrets of job id (a job that will not send again).
   0 or -1. */
int store_acs_job_forget_secrets(struct store *st, int64_t id, char **cause);

#endif
