/*
 * store_ops.c — alarms, configuration backups and jobs: the tables the
 * operations side (alarm engine, backup job, worker pool) writes.
 *
 * An alarm is active while cleared_at is 0; raising one that is already
 * active for the same (OLT, serial, kind) is a no-op, so a poll can raise on
 * every sweep.  The kind is stored as its word (alarm_kind_name()).  A
 * backup is stored with the SHA-256 of its text, so "did the configuration
 * change since the last backup" is a comparison of hashes.
 */
#include "core/store_impl.h"
#include "lib/util.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

static const char sql_alarm_find[] =
    "SELECT id FROM alarms WHERE olt_id = ?1 AND sn = ?2 AND kind = ?3 "
    "AND cleared_at = 0";
static const char sql_alarm_add[] =
    "INSERT INTO alarms (olt_id, sn, port, severity, kind, text, raised_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
static const char sql_alarm_clear[] =
    "UPDATE alarms SET cleared_at = ?4 WHERE olt_id = ?1 AND sn = ?2 "
    "AND kind = ?3 AND cleared_at = 0";
static const char sql_alarm_active[] =
    "SELECT id, olt_id, sn, port, severity, kind, text, raised_at FROM alarms "
    "WHERE cleared_at = 0 AND (?1 = 0 OR olt_id = ?1) "
    "ORDER BY CASE severity WHEN 'critical' THEN 0 WHEN 'major' THEN 1 "
    "WHEN 'warning' THEN 2 ELSE 3 END, raised_at DESC, id DESC";

static const char sql_backup_add[] =
    "INSERT INTO config_backups (olt_id, taken_at, sha256, text) "
    "VALUES (?1, ?2, ?3, ?4)";
static const char sql_backup_latest[] =
    "SELECT id, olt_id, taken_at, sha256, text FROM config_backups "
    "WHERE olt_id = ?1 ORDER BY taken_at DESC, id DESC LIMIT 1";
static const char sql_backup_list[] =
    "SELECT id, olt_id, taken_at, sha256 FROM config_backups "
    "WHERE olt_id = ?1 ORDER BY taken_at DESC, id DESC";

static const char sql_job_add[] =
    "INSERT INTO jobs (kind, olt_id, state, created_at) VALUES (?1, ?2, ?3, ?4)";
static const char sql_job_state[] =
    "UPDATE jobs SET state = ?2, result = ?3, "
    "started_at = CASE WHEN ?2 = 'running' THEN ?4 ELSE started_at END, "
    "finished_at = CASE WHEN ?2 IN ('done', 'failed', 'cancelled') THEN ?4 "
    "ELSE finished_at END WHERE id = ?1";
static const char sql_job_list[] =
    "SELECT id, kind, coalesce(olt_id, 0), state, created_at, started_at, "
    "finished_at, result FROM jobs ORDER BY created_at DESC, id DESC LIMIT ?1";

int
store_alarm_raise(struct store *st, struct alarm *a, char **cause)
{
	sqlite3_stmt *s;
	bool own;
	int rc, raised = 0;

	if (store_tx_open(st, &own, cause) == -1)
		return -1;
	if ((s = store_stmt(st, sql_alarm_find, cause)) == NULL)
		return store_tx_close(st, own, -1, cause);
	sqlite3_bind_int64(s, 1, a->olt_id);
	store_bind_text(s, 2, a->sn);
	store_bind_text(s, 3, alarm_kind_name(a->kind));
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		a->id = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	if (rc == SQLITE_DONE) {
		if ((s = store_stmt(st, sql_alarm_add, cause)) == NULL)
			return store_tx_close(st, own, -1, cause);
		if (a->raised_at == 0)
			a->raised_at = now_s();
		sqlite3_bind_int64(s, 1, a->olt_id);
		store_bind_text(s, 2, a->sn);
		store_bind_text(s, 3, a->port);
		store_bind_text(s, 4, alarm_severity_name(a->severity));
		store_bind_text(s, 5, alarm_kind_name(a->kind));
		store_bind_text(s, 6, a->text);
		sqlite3_bind_int64(s, 7, a->raised_at);
		rc = sqlite3_step(s);
		sqlite3_reset(s);
		if (rc == SQLITE_DONE) {
			a->id = sqlite3_last_insert_rowid(st->db);
			raised = 1;
		}
	}
	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		store_fail(st, cause, "raising an alarm");
		return store_tx_close(st, own, -1, cause);
	}
	if (store_tx_close(st, own, 0, cause) == -1)
		return -1;
	return raised;
}

int
store_alarm_clear(struct store *st, int64_t olt_id, const char *sn,
    enum alarm_kind kind, int64_t t, char **cause)
{
	sqlite3_stmt *s = store_stmt(st, sql_alarm_clear, cause);
	int rc;

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, olt_id);
	store_bind_text(s, 2, sn);
	store_bind_text(s, 3, alarm_kind_name(kind));
	sqlite3_bind_int64(s, 4, t != 0 ? t : now_s());
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return store_fail(st, cause, "clearing an alarm");
	return sqlite3_changes(st->db) > 0 ? 1 : 0;
}

/* Reads the alarm rows of a prepared query whose columns are id, olt_id,
   sn, port, severity, kind, text, raised_at and optionally cleared_at. */
static int
read_alarms(struct store *st, sqlite3_stmt *s, struct alarm **out, size_t *n,
    char **cause)
{
	size_t cap = 0;
	char w[40];
	int rc;

	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct alarm *a;

		*out = store_grow(*out, *n, &cap, sizeof **out);
		a = &(*out)[(*n)++];
		memset(a, 0, sizeof *a);
		a->id = sqlite3_column_int64(s, 0);
		a->olt_id = sqlite3_column_int64(s, 1);
		store_col_text(s, 2, a->sn, sizeof a->sn);
		store_col_text(s, 3, a->port, sizeof a->port);
		store_col_text(s, 4, w, sizeof w);
		alarm_severity_parse(w, &a->severity);
		store_col_text(s, 5, w, sizeof w);
		if (alarm_kind_parse(w, &a->kind) != 0)
			a->kind = ALARM_UNKNOWN;	/* a newer oltui's kind */
		store_col_text(s, 6, a->text, sizeof a->text);
		a->raised_at = sqlite3_column_int64(s, 7);
		if (sqlite3_column_count(s) > 8)
			a->cleared_at = sqlite3_column_int64(s, 8);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		free(*out);
		*out = NULL;
		*n = 0;
		return store_fail(st, cause, "listing alarms");
	}
	return 0;
}

int
store_alarms_active(struct store *st, int64_t olt_id, struct alarm **out,
    size_t *n, char **cause)
{
	sqlite3_stmt *s = store_stmt(st, sql_alarm_active, cause);

	*out = NULL;
	*n = 0;
	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, olt_id);
	return read_alarms(st, s, out, n, cause);
}

static const char sql_alarm_list[] =
    "SELECT id, olt_id, sn, port, severity, kind, text, raised_at, cleared_at "
    "FROM alarms WHERE (?1 = 0 OR olt_id = ?1) AND (?2 OR cleared_at = 0) "
    "ORDER BY cleared_at <> 0, CASE WHEN cleared_at = 0 THEN CASE severity "
    "WHEN 'critical' THEN 0 WHEN 'major' THEN 1 WHEN 'warning' THEN 2 ELSE 3 END "
    "ELSE 0 END, CASE WHEN cleared_at = 0 THEN raised_at ELSE cleared_at END DESC, "
    "id DESC LIMIT ?3";

int
store_alarms_list(struct store *st, int64_t olt_id, int include_cleared, size_t limit,
    struct alarm **out, size_t *n, char **cause)
{
	sqlite3_stmt *s = store_stmt(st, sql_alarm_list, cause);

	*out = NULL;
	*n = 0;
	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, olt_id);
	sqlite3_bind_int(s, 2, include_cleared ? 1 : 0);
	sqlite3_bind_int64(s, 3, limit ? (int64_t)limit : -1);
	return read_alarms(st, s, out, n, cause);
}

/* Writes the hex SHA-256 of text into hex. */
static void
sha256_hex(const char *text, char hex[65])
{
	unsigned char h[crypto_hash_sha256_BYTES];

	crypto_hash_sha256(h, (const unsigned char *)text, strlen(text));
	sodium_bin2hex(hex, 65, h, sizeof h);
}

int64_t
store_backup_add(struct store *st, int64_t olt_id, const char *text,
    int64_t taken_at, char **cause)
{
	sqlite3_stmt *s = store_stmt(st, sql_backup_add, cause);
	char hex[65];
	int rc;

	if (s == NULL)
		return -1;
	sha256_hex(text, hex);
	sqlite3_bind_int64(s, 1, olt_id);
	sqlite3_bind_int64(s, 2, taken_at != 0 ? taken_at : now_s());
	store_bind_text(s, 3, hex);
	store_bind_text(s, 4, text);
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return store_fail(st, cause, "storing a configuration backup");
	return sqlite3_last_insert_rowid(st->db);
}

int
store_backup_latest(struct store *st, int64_t olt_id, struct config_backup *out,
    char **cause)
{
	sqlite3_stmt *s = store_stmt(st, sql_backup_latest, cause);
	int rc;

	memset(out, 0, sizeof *out);
	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, olt_id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		out->id = sqlite3_column_int64(s, 0);
		out->olt_id = sqlite3_column_int64(s, 1);
		out->taken_at = sqlite3_column_int64(s, 2);
		store_col_text(s, 3, out->sha256, sizeof out->sha256);
		out->text = xstrdup((const char *)sqlite3_column_text(s, 4));
	}
	sqlite3_reset(s);
	if (rc == SQLITE_ROW)
		return 1;
	return rc == SQLITE_DONE ? 0 : store_fail(st, cause, "reading a backup");
}

int
store_backup_list(struct store *st, int64_t olt_id, struct config_backup **out,
    size_t *n, char **cause)
{
	sqlite3_stmt *s = store_stmt(st, sql_backup_list, cause);
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, olt_id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct config_backup *b;

		*out = store_grow(*out, *n, &cap, sizeof **out);
		b = &(*out)[(*n)++];
		memset(b, 0, sizeof *b);
		b->id = sqlite3_column_int64(s, 0);
		b->olt_id = sqlite3_column_int64(s, 1);
		b->taken_at = sqlite3_column_int64(s, 2);
		store_col_text(s, 3, b->sha256, sizeof b->sha256);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		free(*out);
		*out = NULL;
		*n = 0;
		return store_fail(st, cause, "listing backups");
	}
	return 0;
}

void
store_backup_free(struct config_backup *b)
{
	if (b != NULL) {
		free(b->text);
		b->text = NULL;
	}
}

int
store_job_add(struct store *st, struct job *j, char **cause)
{
	sqlite3_stmt *s = store_stmt(st, sql_job_add, cause);
	int rc;

	if (s == NULL)
		return -1;
	j->created_at = now_s();
	store_bind_text(s, 1, j->kind);
	if (j->olt_id != 0)
		sqlite3_bind_int64(s, 2, j->olt_id);
	store_bind_text(s, 3, job_state_name(j->state));
	sqlite3_bind_int64(s, 4, j->created_at);
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return store_fail(st, cause, "recording a job");
	j->id = sqlite3_last_insert_rowid(st->db);
	return 0;
}

int
store_job_set_state(struct store *st, int64_t id, enum job_state state,
    const char *result, char **cause)
{
	sqlite3_stmt *s = store_stmt(st, sql_job_state, cause);
	int rc;

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	store_bind_text(s, 2, job_state_name(state));
	store_bind_text(s, 3, result);
	sqlite3_bind_int64(s, 4, now_s());
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return store_fail(st, cause, "updating a job");
	if (sqlite3_changes(st->db) == 0) {
		set_cause(cause, "no job %lld", (long long)id);
		return -1;
	}
	return 0;
}

int
store_job_list(struct store *st, size_t limit, struct job **out, size_t *n,
    char **cause)
{
	sqlite3_stmt *s = store_stmt(st, sql_job_list, cause);
	size_t cap = 0;
	char w[40];
	int rc;

	*out = NULL;
	*n = 0;
	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, (sqlite3_int64)limit);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct job *j;

		*out = store_grow(*out, *n, &cap, sizeof **out);
		j = &(*out)[(*n)++];
		memset(j, 0, sizeof *j);
		j->id = sqlite3_column_int64(s, 0);
		store_col_text(s, 1, j->kind, sizeof j->kind);
		j->olt_id = sqlite3_column_int64(s, 2);
		store_col_text(s, 3, w, sizeof w);
		job_state_parse(w, &j->state);
		j->created_at = sqlite3_column_int64(s, 4);
		j->started_at = sqlite3_column_int64(s, 5);
		j->finished_at = sqlite3_column_int64(s, 6);
		store_col_text(s, 7, j->result, sizeof j->result);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		free(*out);
		*out = NULL;
		*n = 0;
		return store_fail(st, cause, "listing jobs");
	}
	return 0;
}
