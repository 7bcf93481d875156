/*
 * store_acs_jobs.c — the tables of ACS jobs (migration 8): acs_jobs, one
 * row per mass change or firmware schedule, and acs_job_items, one row per
 * device of a job.
 *
 * The filter and the change are JSON text (acs_jobs.c's forms).  A job's
 * passwords are the vault's sealed strings, kept as kept_secrets named
 * "acs-job:ID:WORD" (store_secret_keep(), which `oltui vault rekey`
 * reseals), written in the job's own transaction and forgotten with
 * store_acs_job_forget_secrets().  An item's counts are not stored in the job: they are
 * counted from the items when a job is read (an index on (job_id, state)),
 * so they cannot drift from the rows they count.
 *
 * Ownership of a running job is a compare-and-set on (state, pid)
 * (store_acs_job_move): two processes resuming the same job at once see
 * one of them win.  Each item update is its own statement, committed at
 * once (WAL, synchronous=NORMAL: a killed process loses nothing it
 * recorded).  One thread per handle, like the rest of the store.
 */
#include "core/store_impl.h"
#include "core/acs_jobs.h"
#include "lib/util.h"

#include <cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define JOB_COLS "id, kind, created_at, os_user, filter, change, cap, file, " \
    "window_start, window_end, state, pid, started_at, finished_at, resolved, cause"
#define ITEM_COLS "job_id, seq, device_id, serial, params, state, reason, " \
    "task_id, version_before, version_after, updated_at"

static const char sql_job_add[] =
    "INSERT INTO acs_jobs (kind, created_at, os_user, filter, change, cap, file, "
    "window_start, window_end) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";
static const char sql_job_get[] =
    "SELECT " JOB_COLS " FROM acs_jobs WHERE id = ?1";
static const char sql_job_list[] =
    "SELECT " JOB_COLS " FROM acs_jobs WHERE ?1 < 0 OR kind = ?2 "
    "ORDER BY id DESC LIMIT ?3";
static const char sql_job_counts[] =
    "SELECT state, count(*) FROM acs_job_items WHERE job_id = ?1 GROUP BY state";
static const char sql_job_move[] =
    "UPDATE acs_jobs SET state = ?4, pid = ?5, cause = coalesce(?6, cause), "
    "started_at = CASE WHEN ?4 = 'running' AND started_at = 0 THEN ?7 ELSE started_at END, "
    "finished_at = CASE WHEN ?4 IN ('done', 'cancelled') THEN ?7 "
    "WHEN ?4 = 'running' THEN 0 ELSE finished_at END "
    "WHERE id = ?1 AND (?2 IS NULL OR state = ?2) AND (?3 < 0 OR pid = ?3)";
static const char sql_job_window[] =
    "UPDATE acs_jobs SET window_start = ?2, window_end = ?3, "
    "cap = CASE WHEN ?4 > 0 THEN ?4 ELSE cap END WHERE id = ?1";
static const char sql_job_due[] =
    "SELECT id FROM acs_jobs WHERE kind = 'firmware' "
    "AND state IN ('planned', 'paused', 'running') AND window_start <= ?1 ORDER BY id";
static const char sql_job_resolved[] =
    "UPDATE acs_jobs SET resolved = 1 WHERE id = ?1";

static const char sql_item_add[] =
    "INSERT INTO acs_job_items (job_id, seq, device_id, serial, params, state, "
    "reason, task_id, version_before, version_after, updated_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)";
static const char sql_item_list[] =
    "SELECT " ITEM_COLS " FROM acs_job_items WHERE job_id = ?1 "
    "AND (?2 IS NULL OR state = ?2) ORDER BY seq";
static const char sql_item_set[] =
    "UPDATE acs_job_items SET state = ?3, reason = coalesce(?4, reason), "
    "task_id = coalesce(?5, task_id), version_after = coalesce(?6, version_after), "
    "updated_at = ?7 WHERE job_id = ?1 AND seq = ?2";
static const char sql_item_move[] =
    "UPDATE acs_job_items SET state = ?3, reason = coalesce(?4, reason), "
    "updated_at = ?5 WHERE job_id = ?1 AND state = ?2";

/* Binds text, or NULL when v is NULL. */
static void
bind_text_or_null(sqlite3_stmt *s, int i, const char *v)
{
	if (v == NULL)
		sqlite3_bind_null(s, i);
	else
		store_bind_text(s, i, v);
}

/* A JSON document as compact text; caller frees. */
static char *
json_text(cJSON *j)
{
	char *s = cJSON_PrintUnformatted(j);

	cJSON_Delete(j);
	return s;
}

/* The kept secret's name of job id's secret k. */
static void
secret_name(int64_t id, enum acs_secret k, char *out, size_t size)
{
	snprintf(out, size, "acs-job:%lld:%s", (long long)id, acs_secret_name(k));
}

int
store_acs_job_add(struct store *st, struct acs_job *j, char **cause)
{
	sqlite3_stmt *s;
	char *filter, *change, name[96];
	bool own;
	int rc;

	if (store_tx_open(st, &own, cause) == -1)
		return -1;
	if ((s = store_stmt(st, sql_job_add, cause)) == NULL)
		return store_tx_close(st, own, -1, cause);
	j->created_at = now_s();
	filter = json_text(acs_filter_json(&j->filter));
	change = json_text(acs_change_json(&j->change));
	store_bind_text(s, 1, acs_job_kind_name(j->kind));
	sqlite3_bind_int64(s, 2, j->created_at);
	store_bind_text(s, 3, j->user);
	store_bind_text(s, 4, filter);
	store_bind_text(s, 5, change);
	sqlite3_bind_int(s, 6, j->cap);
	store_bind_text(s, 7, j->change.file);
	sqlite3_bind_int64(s, 8, j->window_start);
	sqlite3_bind_int64(s, 9, j->window_end);
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	free(filter);
	free(change);
	if (rc != SQLITE_DONE) {
		store_fail(st, cause, "recording an ACS job");
		return store_tx_close(st, own, -1, cause);
	}
	j->id = sqlite3_last_insert_rowid(st->db);
	for (int k = 0; k < ACS_SECRET_COUNT; k++) {
		if (j->sealed[k] == NULL)
			continue;
		secret_name(j->id, (enum acs_secret)k, name, sizeof name);
		if (store_secret_keep(st, name, j->sealed[k], 0, cause) < 0)
			return store_tx_close(st, own, -1, cause);
	}
	if (store_tx_close(st, own, 0, cause) != 0)
		return -1;
	j->state = AJ_PLANNED;
	j->resolved = false;
	return 0;
}

/* Reads job j's kept secrets into j->sealed. */
static int
job_secrets(struct store *st, struct acs_job *j, char **cause)
{
	struct kept_secret k;
	char name[96];
	int rc;

	for (int i = 0; i < ACS_SECRET_COUNT; i++) {
		secret_name(j->id, (enum acs_secret)i, name, sizeof name);
		if ((rc = store_secret_latest(st, name, &k, cause)) < 0)
			return -1;
		if (rc == 1)
			j->sealed[i] = xstrdup(k.sealed);
	}
	return 0;
}

int
store_acs_job_forget_secrets(struct store *st, int64_t id, char **cause)
{
	char name[96];

	for (int i = 0; i < ACS_SECRET_COUNT; i++) {
		secret_name(id, (enum acs_secret)i, name, sizeof name);
		if (store_secret_forget(st, name, cause) != 0)
			return -1;
	}
	return 0;
}

/* The counts of job id's items by state. */
static int
job_counts(struct store *st, int64_t id, struct acs_counts *c, char **cause)
{
	sqlite3_stmt *s = store_stmt(st, sql_job_counts, cause);
	enum acs_item_state is;
	int rc;

	memset(c, 0, sizeof *c);
	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		size_t k = (size_t)sqlite3_column_int64(s, 1);

		if (acs_item_state_parse((const char *)sqlite3_column_text(s, 0), &is) == 0)
			c->n[is] += k;
		c->total += k;
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return store_fail(st, cause, "counting an ACS job's devices");
	return 0;
}

/* Reads the job row s is on (JOB_COLS). */
static int
job_row(sqlite3_stmt *s, struct acs_job *j, char **cause)
{
	cJSON *f, *c;
	int rc = 0;

	memset(j, 0, sizeof *j);
	j->id = sqlite3_column_int64(s, 0);
	if (acs_job_kind_parse((const char *)sqlite3_column_text(s, 1), &j->kind) != 0 ||
	    acs_job_state_parse((const char *)sqlite3_column_text(s, 10), &j->state) != 0) {
		set_cause(cause, "ACS job %lld has a kind or state this oltui does not know "
		    "(a newer oltui wrote it)", (long long)j->id);
		return -1;
	}
	j->created_at = sqlite3_column_int64(s, 2);
	store_col_text(s, 3, j->user, sizeof j->user);
	f = cJSON_Parse((const char *)sqlite3_column_text(s, 4));
	c = cJSON_Parse((const char *)sqlite3_column_text(s, 5));
	if (acs_filter_from_json(f, &j->filter, cause) != 0 ||
	    acs_change_from_json(c, &j->change, cause) != 0)
		rc = -1;
	cJSON_Delete(f);
	cJSON_Delete(c);
	j->cap = sqlite3_column_int(s, 6);
	store_col_text(s, 7, j->change.file, sizeof j->change.file);
	j->window_start = sqlite3_column_int64(s, 8);
	j->window_end = sqlite3_column_int64(s, 9);
	j->pid = sqlite3_column_int64(s, 11);
	j->started_at = sqlite3_column_int64(s, 12);
	j->finished_at = sqlite3_column_int64(s, 13);
	j->resolved = sqlite3_column_int(s, 14) != 0;
	store_col_text(s, 15, j->cause, sizeof j->cause);
	if (rc != 0)
		acs_job_clear(j);
	return rc;
}

int
store_acs_job_get(struct store *st, int64_t id, struct acs_job *out, char **cause)
{
	sqlite3_stmt *s = store_stmt(st, sql_job_get, cause);
	int rc;

	memset(out, 0, sizeof *out);
	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_DONE) {
		sqlite3_reset(s);
		return 0;
	}
	if (rc != SQLITE_ROW) {
		sqlite3_reset(s);
		return store_fail(st, cause, "reading an ACS job");
	}
	rc = job_row(s, out, cause);
	sqlite3_reset(s);
	if (rc != 0)
		return -1;
	if (job_counts(st, id, &out->counts, cause) != 0 ||
	    job_secrets(st, out, cause) != 0) {
		acs_job_clear(out);
		return -1;
	}
	return 1;
}

int
store_acs_job_list(struct store *st, int kind, size_t limit, struct acs_job **out,
    size_t *n, char **cause)
{
	sqlite3_stmt *s = store_stmt(st, sql_job_list, cause);
	struct acs_job *v = NULL;
	size_t k = 0, cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (s == NULL)
		return -1;
	sqlite3_bind_int(s, 1, kind);
	store_bind_text(s, 2, kind >= 0 ? acs_job_kind_name((enum acs_job_kind)kind) : "");
	sqlite3_bind_int64(s, 3, limit > 0 ? (int64_t)limit : -1);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		v = store_grow(v, k, &cap, sizeof *v);
		if (job_row(s, &v[k], cause) != 0)
			break;
		k++;
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		store_fail(st, cause, "listing ACS jobs");
	for (size_t i = 0; rc == SQLITE_DONE && i < k; i++)
		if (job_counts(st, v[i].id, &v[i].counts, cause) != 0)
			rc = SQLITE_ERROR;
	if (rc != SQLITE_DONE) {
		for (size_t i = 0; i < k; i++)
			acs_job_clear(&v[i]);
		free(v);
		return -1;
	}
	*out = v;
	*n = k;
	return 0;
}

int
store_acs_job_move(struct store *st, int64_t id, int from, int64_t from_pid,
    enum acs_job_state to, int64_t pid, const char *cause, char **err)
{
	sqlite3_stmt *s = store_stmt(st, sql_job_move, err);
	int rc;

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	bind_text_or_null(s, 2, from >= 0 ? acs_job_state_name((enum acs_job_state)from) : NULL);
	sqlite3_bind_int64(s, 3, from_pid);
	store_bind_text(s, 4, acs_job_state_name(to));
	sqlite3_bind_int64(s, 5, pid);
	bind_text_or_null(s, 6, cause);
	sqlite3_bind_int64(s, 7, now_s());
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return store_fail(st, err, "changing an ACS job's state");
	return sqlite3_changes(st->db) > 0 ? 1 : 0;
}

int
store_acs_job_window(struct store *st, int64_t id, int64_t start, int64_t end, int cap,
    char **cause)
{
	sqlite3_stmt *s = store_stmt(st, sql_job_window, cause);
	int rc;

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int64(s, 2, start);
	sqlite3_bind_int64(s, 3, end);
	sqlite3_bind_int(s, 4, cap);
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return store_fail(st, cause, "changing a firmware job's window");
	return 0;
}

int
store_acs_job_due(struct store *st, int64_t now, int64_t **ids, size_t *n, char **cause)
{
	sqlite3_stmt *s = store_stmt(st, sql_job_due, cause);
	size_t cap = 0;
	int rc;

	*ids = NULL;
	*n = 0;
	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, now);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		*ids = store_grow(*ids, *n, &cap, sizeof **ids);
		(*ids)[(*n)++] = sqlite3_column_int64(s, 0);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		free(*ids);
		*ids = NULL;
		*n = 0;
		return store_fail(st, cause, "listing due firmware jobs");
	}
	return 0;
}

int
store_acs_items_add(struct store *st, int64_t job_id, const struct acs_item *v, size_t n,
    char **cause)
{
	sqlite3_stmt *s;
	int64_t now = now_s();
	bool own;
	int rc = SQLITE_DONE;

	if (store_tx_open(st, &own, cause) == -1)
		return -1;
	for (size_t i = 0; i < n && rc == SQLITE_DONE; i++) {
		if ((s = store_stmt(st, sql_item_add, cause)) == NULL)
			return store_tx_close(st, own, -1, cause);
		sqlite3_bind_int64(s, 1, job_id);
		sqlite3_bind_int(s, 2, (int)i + 1);
		store_bind_text(s, 3, v[i].device_id);
		store_bind_text(s, 4, v[i].serial);
		store_bind_text(s, 5, v[i].params != NULL ? v[i].params : "[]");
		store_bind_text(s, 6, acs_item_state_name(v[i].state));
		store_bind_text(s, 7, v[i].reason);
		store_bind_text(s, 8, v[i].task_id);
		store_bind_text(s, 9, v[i].version_before);
		store_bind_text(s, 10, v[i].version_after);
		sqlite3_bind_int64(s, 11, now);
		rc = sqlite3_step(s);
		sqlite3_reset(s);
	}
	if (rc == SQLITE_DONE && (s = store_stmt(st, sql_job_resolved, cause)) != NULL) {
		sqlite3_bind_int64(s, 1, job_id);
		rc = sqlite3_step(s);
		sqlite3_reset(s);
	} else if (rc == SQLITE_DONE)
		return store_tx_close(st, own, -1, cause);
	if (rc != SQLITE_DONE) {
		store_fail(st, cause, "recording an ACS job's devices");
		return store_tx_close(st, own, -1, cause);
	}
	return store_tx_close(st, own, 0, cause);
}

int
store_acs_items_list(struct store *st, int64_t job_id, int state, struct acs_item **out,
    size_t *n, char **cause)
{
	sqlite3_stmt *s = store_stmt(st, sql_item_list, cause);
	struct acs_item *v = NULL, *it;
	size_t k = 0, cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, job_id);
	bind_text_or_null(s, 2, state >= 0 ? acs_item_state_name((enum acs_item_state)state) :
	    NULL);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		v = store_grow(v, k, &cap, sizeof *v);
		it = &v[k++];
		memset(it, 0, sizeof *it);
		it->job_id = sqlite3_column_int64(s, 0);
		it->seq = sqlite3_column_int(s, 1);
		store_col_text(s, 2, it->device_id, sizeof it->device_id);
		store_col_text(s, 3, it->serial, sizeof it->serial);
		it->params = xstrdup((const char *)sqlite3_column_text(s, 4));
		if (acs_item_state_parse((const char *)sqlite3_column_text(s, 5), &it->state) != 0)
			it->state = AI_FAILED;	/* a word a newer oltui wrote */
		store_col_text(s, 6, it->reason, sizeof it->reason);
		store_col_text(s, 7, it->task_id, sizeof it->task_id);
		store_col_text(s, 8, it->version_before, sizeof it->version_before);
		store_col_text(s, 9, it->version_after, sizeof it->version_after);
		it->updated_at = sqlite3_column_int64(s, 10);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		acs_items_free(v, k);
		return store_fail(st, cause, "reading an ACS job's devices");
	}
	*out = v;
	*n = k;
	return 0;
}

int
store_acs_item_set(struct store *st, int64_t job_id, int seq, enum acs_item_state state,
    const char *reason, const char *task_id, const char *version_after, char **cause)
{
	sqlite3_stmt *s = store_stmt(st, sql_item_set, cause);
	int rc;

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, job_id);
	sqlite3_bind_int(s, 2, seq);
	store_bind_text(s, 3, acs_item_state_name(state));
	bind_text_or_null(s, 4, reason);
	bind_text_or_null(s, 5, task_id);
	bind_text_or_null(s, 6, version_after);
	sqlite3_bind_int64(s, 7, now_s());
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return store_fail(st, cause, "recording a device of an ACS job");
	return 0;
}

int64_t
store_acs_items_move(struct store *st, int64_t job_id, enum acs_item_state from,
    enum acs_item_state to, const char *reason, char **cause)
{
	sqlite3_stmt *s = store_stmt(st, sql_item_move, cause);
	int rc;

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, job_id);
	store_bind_text(s, 2, acs_item_state_name(from));
	store_bind_text(s, 3, acs_item_state_name(to));
	bind_text_or_null(s, 4, reason);
	sqlite3_bind_int64(s, 5, now_s());
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return store_fail(st, cause, "changing the devices of an ACS job");
	return sqlite3_changes(st->db);
}
