/*
 * store_acs.c — what the TR-069 ACS operations keep in the database
 * (schema v8): values kept sealed by name (kept_secrets: the ACS's
 * password, the last WiFi passphrase and PPPoE password oltui set on a
 * router), and the tasks the ACS kept for a router that did not answer
 * (acs_tasks).
 *
 * kept_secrets only ever holds vault_seal() output: the store never sees
 * a clear secret.  A name's newest row is its value; older rows stay (an
 * undo restores the one its write replaced, by id) until the name is
 * forgotten.  Rekey (unlock.c) reseals every row.
 *
 * Used by one thread per handle, like the rest of the store.
 */
#include "core/store_impl.h"
#include "lib/util.h"

#include <stdlib.h>
#include <string.h>

static const char sql_secret_keep[] =
    "INSERT INTO kept_secrets (name, value_sealed, set_at, audit_id) "
    "VALUES (?1, ?2, ?3, ?4)";
static const char sql_secret_latest[] =
    "SELECT id, name, value_sealed, set_at, audit_id FROM kept_secrets "
    "WHERE name = ?1 ORDER BY id DESC LIMIT 1";
static const char sql_secret_by_id[] =
    "SELECT id, name, value_sealed, set_at, audit_id FROM kept_secrets WHERE id = ?1";
static const char sql_secret_forget[] = "DELETE FROM kept_secrets WHERE name = ?1";
static const char sql_secret_list[] =
    "SELECT id, name, value_sealed, set_at, audit_id FROM kept_secrets ORDER BY id";
static const char sql_secret_reseal[] =
    "UPDATE kept_secrets SET value_sealed = ?2 WHERE id = ?1";

static const char sql_task_add[] =
    "INSERT OR REPLACE INTO acs_tasks (task_id, device_id, sn, action, what, audit_id, "
    "posted_at, done_at, state, fault) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 0, 'queued', '')";
static const char sql_task_set[] =
    "UPDATE acs_tasks SET state = ?2, fault = ?3, "
    "done_at = CASE WHEN ?2 = 'done' AND done_at = 0 THEN ?4 ELSE done_at END "
    "WHERE task_id = ?1";
static const char sql_task_list[] =
    "SELECT task_id, device_id, sn, action, what, audit_id, posted_at, done_at, state, "
    "fault FROM acs_tasks WHERE (?1 = '' OR sn = ?1 OR device_id = ?1) "
    "ORDER BY posted_at DESC, task_id DESC";

/* Reads the secret row s is on. */
static void
secret_row(sqlite3_stmt *s, struct kept_secret *out)
{
	memset(out, 0, sizeof *out);
	out->id = sqlite3_column_int64(s, 0);
	store_col_text(s, 1, out->name, sizeof out->name);
	store_col_text(s, 2, out->sealed, sizeof out->sealed);
	out->set_at = sqlite3_column_int64(s, 3);
	out->audit_id = sqlite3_column_int64(s, 4);
}

int64_t
store_secret_keep(struct store *st, const char *name, const char *sealed,
    int64_t audit_id, char **cause)
{
	sqlite3_stmt *s;
	int rc;

	if (strlen(sealed) >= sizeof ((struct kept_secret *)0)->sealed ||
	    strlen(name) >= sizeof ((struct kept_secret *)0)->name) {
		set_cause(cause, "a secret (or its name) too long to keep");
		return -1;
	}
	if ((s = store_stmt(st, sql_secret_keep, cause)) == NULL)
		return -1;
	store_bind_text(s, 1, name);
	store_bind_text(s, 2, sealed);
	sqlite3_bind_int64(s, 3, now_s());
	sqlite3_bind_int64(s, 4, audit_id);
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return store_fail(st, cause, "keeping a sealed value");
	return sqlite3_last_insert_rowid(st->db);
}

/* One row of statement sql bound to text or id: 1, 0, -1. */
static int
secret_one(struct store *st, const char *sql, const char *text, int64_t id,
    struct kept_secret *out, char **cause)
{
	sqlite3_stmt *s = store_stmt(st, sql, cause);
	int rc;

	if (s == NULL)
		return -1;
	if (text != NULL)
		store_bind_text(s, 1, text);
	else
		sqlite3_bind_int64(s, 1, id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		secret_row(s, out);
	sqlite3_reset(s);
	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	return store_fail(st, cause, "reading a kept value");
}

int
store_secret_latest(struct store *st, const char *name, struct kept_secret *out,
    char **cause)
{
	return secret_one(st, sql_secret_latest, name, 0, out, cause);
}

int
store_secret_by_id(struct store *st, int64_t id, struct kept_secret *out, char **cause)
{
	return secret_one(st, sql_secret_by_id, NULL, id, out, cause);
}

int
store_secret_forget(struct store *st, const char *name, char **cause)
{
	sqlite3_stmt *s = store_stmt(st, sql_secret_forget, cause);
	int rc;

	if (s == NULL)
		return -1;
	store_bind_text(s, 1, name);
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return store_fail(st, cause, "forgetting a kept value");
	return 0;
}

int
store_secret_list(struct store *st, struct kept_secret **out, size_t *n, char **cause)
{
	sqlite3_stmt *s = store_stmt(st, sql_secret_list, cause);
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (s == NULL)
		return -1;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		*out = store_grow(*out, *n, &cap, sizeof **out);
		secret_row(s, &(*out)[(*n)++]);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		free(*out);
		*out = NULL;
		*n = 0;
		return store_fail(st, cause, "listing kept values");
	}
	return 0;
}

int
store_secret_reseal(struct store *st, int64_t id, const char *sealed, char **cause)
{
	sqlite3_stmt *s = store_stmt(st, sql_secret_reseal, cause);
	int rc;

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	store_bind_text(s, 2, sealed);
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return store_fail(st, cause, "resealing a kept value");
	return 0;
}

/* ---- tasks the ACS kept ---- */

int
store_acs_task_add(struct store *st, const struct acs_task_row *t, char **cause)
{
	sqlite3_stmt *s = store_stmt(st, sql_task_add, cause);
	int rc;

	if (s == NULL)
		return -1;
	store_bind_text(s, 1, t->task_id);
	store_bind_text(s, 2, t->device_id);
	store_bind_text(s, 3, t->sn);
	store_bind_text(s, 4, t->action);
	store_bind_text(s, 5, t->what);
	sqlite3_bind_int64(s, 6, t->audit_id);
	sqlite3_bind_int64(s, 7, t->posted_at);
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return store_fail(st, cause, "recording a queued ACS task");
	return 0;
}

int
store_acs_task_set(struct store *st, const char *task_id, enum acs_task_state state,
    const char *fault, char **cause)
{
	sqlite3_stmt *s = store_stmt(st, sql_task_set, cause);
	int rc;

	if (s == NULL)
		return -1;
	store_bind_text(s, 1, task_id);
	store_bind_text(s, 2, acs_task_state_name(state));
	store_bind_text(s, 3, fault != NULL ? fault : "");
	sqlite3_bind_int64(s, 4, now_s());
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return store_fail(st, cause, "updating a queued ACS task");
	return 0;
}

int
store_acs_task_list(struct store *st, const char *who, struct acs_task_row **out,
    size_t *n, char **cause)
{
	sqlite3_stmt *s = store_stmt(st, sql_task_list, cause);
	size_t cap = 0;
	char word[16];
	int rc;

	*out = NULL;
	*n = 0;
	if (s == NULL)
		return -1;
	store_bind_text(s, 1, who != NULL ? who : "");
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct acs_task_row *t;

		*out = store_grow(*out, *n, &cap, sizeof **out);
		t = &(*out)[(*n)++];
		memset(t, 0, sizeof *t);
		store_col_text(s, 0, t->task_id, sizeof t->task_id);
		store_col_text(s, 1, t->device_id, sizeof t->device_id);
		store_col_text(s, 2, t->sn, sizeof t->sn);
		store_col_text(s, 3, t->action, sizeof t->action);
		store_col_text(s, 4, t->what, sizeof t->what);
		t->audit_id = sqlite3_column_int64(s, 5);
		t->posted_at = sqlite3_column_int64(s, 6);
		t->done_at = sqlite3_column_int64(s, 7);
		store_col_text(s, 8, word, sizeof word);
		if (acs_task_state_parse(word, &t->state) != 0)
			t->state = ACS_TASK_UNKNOWN;
		store_col_text(s, 9, t->fault, sizeof t->fault);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		free(*out);
		*out = NULL;
		*n = 0;
		return store_fail(st, cause, "listing queued ACS tasks");
	}
	return 0;
}
