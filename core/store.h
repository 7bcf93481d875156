/*
 * store.h — the SQLite cache: everything oltui knows, in one file.
 *
 * Call order: store_open() (creates the file and its directory if needed,
 * applies the missing migrations), then any store_* function, then
 * store_close().  One struct store is one SQLite connection: use it from one
 * thread at a time.  A worker thread opens its own; two processes (a console
 * and `oltui poll --daemon`) share the file safely: the database is in WAL
 * mode and every connection waits up to the busy timeout for a lock.
 *
 * Errors: functions return 0 (or a count / row id >= 0) on success and -1 on
 * failure, filling *cause (if cause is not NULL) with a message the caller
 * frees.  Lookups return 1 found, 0 not found, -1 error.  Arrays returned
 * through `T **out, size_t *n` are allocated; the caller frees them with
 * free() (config backups: store_backup_free()).
 *
 * Writes that belong together are one transaction: one ONT sweep of an OLT,
 * one batch of signal samples, one discovered-ONT list, one import
 * (store_begin()/store_commit()/store_rollback() let a caller group its
 * own).  Hot statements are prepared once (SQLITE_PREPARE_PERSISTENT) and
 * cached in the handle.
 *
 * Secrets are never stored in clear: struct olt carries the sealed strings
 * the vault produced, and the store never sees a plaintext password.
 */
#ifndef OLTUI_STORE_H
#define OLTUI_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/model.h"

struct store;

/* The schema version store_open() brings a database to. */
extern const int schema_version;

/* Opens (creating if needed) the database at path and migrates it to
   schema_version.  Refuses a database newer than this program knows.
   Returns NULL and a cause on failure. */
struct store *store_open(const char *path, char **cause);
/* As store_open(), but migrates only up to version `upto` (for migration
   tests; upto <= schema_version). */
struct store *store_open_version(const char *path, int upto, char **cause);
/* Applies the migrations up to version `upto`.  0 or -1. */
int store_migrate(struct store *st, int upto, char **cause);
/* The database's schema version (PRAGMA user_version), or -1. */
int store_version(struct store *st);
/* A number that differs from one read earlier exactly when another
   connection (another process, another thread's handle) committed to the
   database in between; this handle's own commits do not change it (PRAGMA
   data_version).  Cheap: the console asks once a second.  -1 on error. */
int64_t store_data_version(struct store *st);
/* Finalizes the cached statements and closes.  NULL is ignored. */
void store_close(struct store *st);
/* The path the store was opened with (owned by the store). */
const char *store_path(const struct store *st);

/* Transactions for callers that group writes (an import, a provisioning
   plan).  store_begin() takes the write lock at once (BEGIN IMMEDIATE).
   Functions below that write several rows open their own transaction only
   when none is open. */
int store_begin(struct store *st, char **cause);
int store_commit(struct store *st, char **cause);
/* Rolls back the open transaction; harmless when none is open. */
void store_rollback(struct store *st);

/* The meta key/value table: the vault's salt and check token.  Anything
   with a shape of its own gets a table (the OLT state below).
   store_meta_get returns 1 and an allocated *value, 0 when unset, -1 on
   error. */
int store_meta_get(struct store *st, const char *key, char **value, char **cause);
int store_meta_set(struct store *st, const char *key, const char *value, char **cause);
/* Removes key (nothing happens when it is unset).  0 or -1. */
int store_meta_delete(struct store *st, const char *key, char **cause);

/* ---- OLTs ---- */

/* Inserts o (o->id is ignored) and sets o->id.  Refuses a name in use. */
int store_olt_add(struct store *st, struct olt *o, char **cause);
/* Replaces every field of the OLT with id o->id. */
int store_olt_update(struct store *st, const struct olt *o, char **cause);
/* Removes the OLT and everything stored under it (ONTs, samples, alarms,
   backups, its state, board health and threshold overrides).  Audit entries stay (they name the OLT in text).  1 removed,
   0 no such OLT, -1 error. */
int store_olt_remove(struct store *st, const char *name, char **cause);
int store_olt_by_name(struct store *st, const char *name, struct olt *out, char **cause);
int store_olt_by_id(struct store *st, int64_t id, struct olt *out, char **cause);
/* Every OLT, by name. */
int store_olt_list(struct store *st, struct olt **out, size_t *n, char **cause);

/* ---- OLT state: the poller's memory between runs (store_olt_state.c) ---- */

/* The OLT's state row.  1 stored, 0 nothing recorded yet (*out then holds
   the defaults of olt_state_init()), -1 error. */
int store_olt_state_get(struct store *st, int64_t olt_id, struct olt_state *out,
    char **cause);
/* Records one sweep from sw's sweep_* fields (the others are not read); a
   successful one also sets last_ok_at to sweep_at.  0 or -1. */
int store_olt_state_sweep(struct store *st, int64_t olt_id,
    const struct olt_state *sw, char **cause);
/* Counts a sweep's reachability: a failure adds one to failures and keeps
   why (NULL: "no answer") as last_error; a success resets both.  *failures
   (may be NULL) receives the new count.  0 or -1. */
int store_olt_state_reach(struct store *st, int64_t olt_id, bool reachable,
    const char *why, int64_t *failures, char **cause);
/* Counts a temperature reading: hot adds one to hot_readings, otherwise it
   goes back to 0.  *count (may be NULL) receives the new value.  0 or -1. */
int store_olt_state_hot(struct store *st, int64_t olt_id, bool hot, int64_t *count,
    char **cause);
/* Stores a health read in one transaction: h's descr, uptime_s and
   health_at, and rows[0..n) replacing the OLT's board health.  0 or -1. */
int store_olt_state_health(struct store *st, int64_t olt_id,
    const struct olt_state *h, const struct board_health *rows, size_t n,
    char **cause);
/* The boards of the OLT's last health read, by frame and slot. */
int store_olt_state_boards(struct store *st, int64_t olt_id,
    struct board_health **out, size_t *n, char **cause);
/* Stores (value not NAN) or removes (NAN) the OLT's override of the level
   that raises kind.  Which kinds have a level is core/alarms.c's business
   (alarms_set_override() checks); the store keeps what it is given.  0 or
   -1. */
int store_olt_state_threshold_set(struct store *st, int64_t olt_id,
    enum alarm_kind kind, double value, char **cause);
/* The OLT's overrides, by kind word; a word this oltui does not know comes
   back as ALARM_UNKNOWN. */
int store_olt_state_thresholds(struct store *st, int64_t olt_id,
    struct olt_threshold **out, size_t *n, char **cause);

/* ---- Boards and PON ports ---- */

/* Replaces the OLT's boards with rows[0..n) in one transaction. */
int store_boards_replace(struct store *st, int64_t olt_id,
    const struct board *rows, size_t n, char **cause);
int store_boards_list(struct store *st, int64_t olt_id, struct board **out,
    size_t *n, char **cause);
/* The OLT's PON ports (known from sweeps) with ONT counts and the time of
   their newest ONT reading, in port order. */
int store_ports_list(struct store *st, int64_t olt_id, struct pon_port **out,
    size_t *n, char **cause);

/* ---- ONTs ---- */

/* Inserts or updates the OLT's ONTs from one sweep, in one transaction:
   an ONT is identified by (OLT, SN); its position, states and readings are
   overwritten; NAN readings are stored as NULL.  ONTs not in rows are left
   as they are (a sweep of one port does not forget the others). */
int store_onts_upsert(struct store *st, int64_t olt_id,
    const struct ont_reading *rows, size_t n, char **cause);
/* The ONT with serial sn (most recently seen if on several OLTs). */
int store_ont_by_sn(struct store *st, const char *sn, struct ont *out, char **cause);
/* The ONTs on one PON port of an OLT, by ONT id. */
int store_onts_on_port(struct store *st, int64_t olt_id, const char *port,
    struct ont **out, size_t *n, char **cause);
/* Number of ONTs stored (all OLTs when olt_id is 0). */
int64_t store_ont_count(struct store *st, int64_t olt_id, char **cause);
/* Removes one ONT (by OLT and SN) and its samples.  1, 0 or -1. */
int store_ont_remove(struct store *st, int64_t olt_id, const char *sn, char **cause);

/* ---- ONT -> contract links (by serial, independent of OLT) ---- */

/* Links sn to the contract with code (replacing any previous link). */
int store_link_set(struct store *st, const char *sn, const char *contract_code,
    char **cause);
/* Removes the link of sn.  1, 0 or -1. */
int store_link_remove(struct store *st, const char *sn, char **cause);
/* Records that ONT sn was provisioned with profile (store_ont_profile.c),
   replacing what was recorded.  1 recorded, 0 no such profile, -1. */
int store_ont_profile_set(struct store *st, const char *sn, const char *profile,
    char **cause);
/* The serials provisioned with profile, by serial (allocated array of
   SN_MAX_LEN+1 strings; none when the profile has none or does not exist). */
int store_profile_onts(struct store *st, const char *profile,
    char (**sns)[SN_MAX_LEN + 1], size_t *n, char **cause);
/* Calls fn(sn, contract_code, arg) for every link, by serial; fn returning
   non-zero stops the walk. */
int store_link_foreach(struct store *st,
    int (*fn)(const char *sn, const char *code, void *arg), void *arg,
    char **cause);

/* ---- Signal samples ---- */

/* Inserts n samples in one transaction (a sample for the same ONT and time
   replaces the earlier one). */
int store_samples_insert(struct store *st, const struct signal_sample *s,
    size_t n, char **cause);
/* The samples of one ONT with from <= t < to, oldest first. */
int store_samples_range(struct store *st, int64_t ont, int64_t from, int64_t to,
    struct signal_sample **out, size_t *n, char **cause);
/* Deletes samples older than before; the number deleted or -1. */
int64_t store_samples_prune(struct store *st, int64_t before, char **cause);

/* ---- Discovered ONTs ---- */

/* Replaces the OLT's discovered list with rows[0..n), in one transaction. */
int store_discovered_replace(struct store *st, int64_t olt_id,
    const struct discovered_ont *rows, size_t n, char **cause);
/* The discovered ONTs of one OLT (all when olt_id is 0), newest first,
   but for those the database holds as ONTs of that OLT since (provisioned,
   or read by a sweep): they wait no more. */
int store_discovered_list(struct store *st, int64_t olt_id,
    struct discovered_ont **out, size_t *n, char **cause);

/* ---- Contracts and service profiles ---- */

int store_contract_add(struct store *st, struct contract *c, char **cause);
int store_contract_update(struct store *st, const struct contract *c, char **cause);
int store_contract_by_code(struct store *st, const char *code,
    struct contract *out, char **cause);
int store_contract_list(struct store *st, struct contract **out, size_t *n,
    char **cause);
/* The serials linked to a contract (allocated array of SN_MAX_LEN+1 strings). */
int store_contract_onts(struct store *st, const char *code,
    char (**sns)[SN_MAX_LEN + 1], size_t *n, char **cause);

int store_profile_add(struct store *st, struct profile *p, char **cause);
int store_profile_update(struct store *st, const struct profile *p, char **cause);
int store_profile_by_name(struct store *st, const char *name,
    struct profile *out, char **cause);
int store_profile_list(struct store *st, struct profile **out, size_t *n,
    char **cause);

/* ---- Alarms ---- */

/* The kind column holds alarm_kind_name() words; a word this oltui does
   not know reads back as ALARM_UNKNOWN. */

/* Raises an alarm unless the same (OLT, SN, kind) is already active; sets
   a->id either way.  1 raised, 0 already active, -1 error. */
int store_alarm_raise(struct store *st, struct alarm *a, char **cause);
/* Clears the active alarm (OLT, SN, kind) at time t.  1, 0 or -1. */
int store_alarm_clear(struct store *st, int64_t olt_id, const char *sn,
    enum alarm_kind kind, int64_t t, char **cause);
/* Active alarms (all OLTs when olt_id is 0), most severe then newest first. */
int store_alarms_active(struct store *st, int64_t olt_id, struct alarm **out,
    size_t *n, char **cause);

/* Alarms of one OLT (all when olt_id is 0), active first (worst, newest),
   then, with include_cleared, cleared ones newest first; at most limit
   (0 = no limit). */
int store_alarms_list(struct store *st, int64_t olt_id, int include_cleared,
    size_t limit, struct alarm **out, size_t *n, char **cause);

/* ---- Config backups ---- */

/* Stores a backup of the OLT's configuration text taken at taken_at, with
   its SHA-256.  Returns the row id, or -1. */
int64_t store_backup_add(struct store *st, int64_t olt_id, const char *text,
    int64_t taken_at, char **cause);
/* The newest backup of the OLT, text included.  1, 0 or -1. */
int store_backup_latest(struct store *st, int64_t olt_id,
    struct config_backup *out, char **cause);
/* The OLT's backups, newest first, without their text. */
int store_backup_list(struct store *st, int64_t olt_id,
    struct config_backup **out, size_t *n, char **cause);
/* Frees the text of one backup. */
void store_backup_free(struct config_backup *b);

/* ---- Kept secrets and the ACS's queued tasks (store_acs.c) ---- */

/* Keeps sealed (vault_seal() output, never a clear secret) as the newest
   value of name, set by audit entry audit_id (0 none).  Returns the row's
   id, or -1. */
int64_t store_secret_keep(struct store *st, const char *name, const char *sealed,
    int64_t audit_id, char **cause);
/* The newest value of name / the row id: 1 and *out, 0 none, -1. */
int store_secret_latest(struct store *st, const char *name, struct kept_secret *out,
    char **cause);
int store_secret_by_id(struct store *st, int64_t id, struct kept_secret *out,
    char **cause);
/* Removes every value of name.  0 or -1. */
int store_secret_forget(struct store *st, const char *name, char **cause);
/* Every row, by id (rekey reseals them). */
int store_secret_list(struct store *st, struct kept_secret **out, size_t *n,
    char **cause);
/* Replaces the sealed value of row id (rekey).  0 or -1. */
int store_secret_reseal(struct store *st, int64_t id, const char *sealed, char **cause);

/* Records a task the ACS kept (state queued); the same task id again
   replaces it.  0 or -1. */
int store_acs_task_add(struct store *st, const struct acs_task_row *t, char **cause);
/* Sets a task's state (and fault text; done stamps done_at once).  0 or -1. */
int store_acs_task_set(struct store *st, const char *task_id, enum acs_task_state state,
    const char *fault, char **cause);
/* The tasks of an ONT serial or an ACS device id (who; NULL or "" = all),
   newest first. */
int store_acs_task_list(struct store *st, const char *who, struct acs_task_row **out,
    size_t *n, char **cause);

/* ---- Jobs ---- */

/* Records a queued job (j->kind, j->olt_id); sets j->id and created_at. */
int store_job_add(struct store *st, struct job *j, char **cause);
/* Moves job id to state (running sets started_at, done/failed/cancelled
   set finished_at) with a result line (may be NULL). */
int store_job_set_state(struct store *st, int64_t id, enum job_state state,
    const char *result, char **cause);
/* Recent jobs, newest first, at most limit. */
int store_job_list(struct store *st, size_t limit, struct job **out, size_t *n,
    char **cause);

#endif
