/*
 * store_olt_state.c — the poller's memory of each OLT: its state row
 * (olt_state), the boards of its last health read (olt_board_health) and
 * its threshold overrides (olt_thresholds).
 *
 * The state row is read whole, with the column list the OLT_STATE_FIELDS
 * X-macro (model.h) spells, and written by group: a sweep, a reachability
 * count, a temperature count, a health read.  Each write is one statement
 * that creates the row when the OLT has none yet (INSERT ... ON CONFLICT DO
 * UPDATE) and touches only its own columns, so a console, `oltui poll` and
 * the daemon writing different groups of one OLT at the same time never
 * undo each other; the counters are stepped in SQL (failures + 1) for the
 * same reason.  Rows go with their OLT (ON DELETE CASCADE).
 *
 * Alarm kinds are stored as their words (model.c), thresholds as REAL.
 * Used by one thread per handle, like the rest of the store.
 */
#include "core/store_impl.h"
#include "core/olt_state.h"
#include "lib/util.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define STATE_COLUMN(type, name, size, def, doc) ", " #name
static const char sql_state_get[] =
    "SELECT olt_id" OLT_STATE_FIELDS(STATE_COLUMN) " FROM olt_state WHERE olt_id = ?1";
#undef STATE_COLUMN

static const char sql_state_sweep[] =
    "INSERT INTO olt_state (olt_id, sweep_at, sweep_ok, sweep_ms, sweep_requests, "
    "sweep_onts, sweep_online, sweep_partial, last_ok_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, CASE WHEN ?3 THEN ?2 ELSE 0 END) "
    "ON CONFLICT (olt_id) DO UPDATE SET sweep_at = excluded.sweep_at, "
    "sweep_ok = excluded.sweep_ok, sweep_ms = excluded.sweep_ms, "
    "sweep_requests = excluded.sweep_requests, sweep_onts = excluded.sweep_onts, "
    "sweep_online = excluded.sweep_online, sweep_partial = excluded.sweep_partial, "
    "last_ok_at = CASE WHEN excluded.sweep_ok THEN excluded.sweep_at ELSE last_ok_at END";
/* ?2: 1 counts one more, 0 resets; ?3 the error text (reachability only). */
static const char sql_state_reach[] =
    "INSERT INTO olt_state (olt_id, failures, last_error) VALUES (?1, ?2, ?3) "
    "ON CONFLICT (olt_id) DO UPDATE SET "
    "failures = CASE WHEN ?2 THEN failures + 1 ELSE 0 END, last_error = ?3 "
    "RETURNING failures";
static const char sql_state_hot[] =
    "INSERT INTO olt_state (olt_id, hot_readings) VALUES (?1, ?2) "
    "ON CONFLICT (olt_id) DO UPDATE SET "
    "hot_readings = CASE WHEN ?2 THEN hot_readings + 1 ELSE 0 END "
    "RETURNING hot_readings";
static const char sql_state_health[] =
    "INSERT INTO olt_state (olt_id, descr, uptime_s, health_at) VALUES (?1, ?2, ?3, ?4) "
    "ON CONFLICT (olt_id) DO UPDATE SET descr = excluded.descr, "
    "uptime_s = excluded.uptime_s, health_at = excluded.health_at";
static const char sql_boards_clear[] = "DELETE FROM olt_board_health WHERE olt_id = ?1";
static const char sql_boards_add[] =
    "INSERT OR REPLACE INTO olt_board_health (olt_id, frame, slot, name, cpu_pct, temp_c) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
static const char sql_boards_list[] =
    "SELECT frame, slot, name, cpu_pct, temp_c FROM olt_board_health "
    "WHERE olt_id = ?1 ORDER BY frame, slot";
static const char sql_threshold_set[] =
    "INSERT INTO olt_thresholds (olt_id, kind, value) VALUES (?1, ?2, ?3) "
    "ON CONFLICT (olt_id, kind) DO UPDATE SET value = excluded.value";
static const char sql_threshold_del[] =
    "DELETE FROM olt_thresholds WHERE olt_id = ?1 AND kind = ?2";
static const char sql_thresholds[] =
    "SELECT kind, value FROM olt_thresholds WHERE olt_id = ?1 ORDER BY kind";

/* Column readers, by field type (the X-macro's first argument). */
#define STATE_GET_BOOL(s, i, f)		(f) = sqlite3_column_int((s), (i)) != 0
#define STATE_GET_TIME(s, i, f)		(f) = sqlite3_column_int64((s), (i))
#define STATE_GET_COUNT(s, i, f)	(f) = sqlite3_column_int64((s), (i))
#define STATE_GET_TEXT(s, i, f)		store_col_text((s), (i), (f), sizeof (f))

int
store_olt_state_get(struct store *st, int64_t olt_id, struct olt_state *out,
    char **cause)
{
	sqlite3_stmt *s = store_stmt(st, sql_state_get, cause);
	int rc, i = 0;

	olt_state_init(out, olt_id);
	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, olt_id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
#define STATE_GET(type, name, size, def, doc) i++; STATE_GET_##type(s, i, out->name);
		OLT_STATE_FIELDS(STATE_GET)
#undef STATE_GET
		sqlite3_reset(s);
		return 1;
	}
	sqlite3_reset(s);
	if (rc == SQLITE_DONE)
		return 0;
	return store_fail(st, cause, "reading an OLT's state");
}

int
store_olt_state_sweep(struct store *st, int64_t olt_id, const struct olt_state *sw,
    char **cause)
{
	sqlite3_stmt *s = store_stmt(st, sql_state_sweep, cause);
	int rc;

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, olt_id);
	sqlite3_bind_int64(s, 2, sw->sweep_at);
	sqlite3_bind_int(s, 3, sw->sweep_ok ? 1 : 0);
	sqlite3_bind_int64(s, 4, sw->sweep_ms);
	sqlite3_bind_int64(s, 5, sw->sweep_requests);
	sqlite3_bind_int64(s, 6, sw->sweep_onts);
	sqlite3_bind_int64(s, 7, sw->sweep_online);
	sqlite3_bind_int(s, 8, sw->sweep_partial ? 1 : 0);
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return store_fail(st, cause, "recording a sweep");
	return 0;
}

/* Steps the counter of statement sql (one more when up, else back to 0)
   and returns its new value through *value.  text binds ?3 when not NULL. */
static int
state_count(struct store *st, const char *sql, int64_t olt_id, bool up,
    const char *text, int64_t *value, const char *what, char **cause)
{
	sqlite3_stmt *s = store_stmt(st, sql, cause);
	int rc;

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, olt_id);
	sqlite3_bind_int(s, 2, up ? 1 : 0);
	if (text != NULL)
		store_bind_text(s, 3, text);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		if (value != NULL)
			*value = sqlite3_column_int64(s, 0);
		rc = sqlite3_step(s);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return store_fail(st, cause, what);
	return 0;
}

int
store_olt_state_reach(struct store *st, int64_t olt_id, bool reachable,
    const char *why, int64_t *failures, char **cause)
{
	return state_count(st, sql_state_reach, olt_id, !reachable,
	    reachable ? "" : (why != NULL ? why : "no answer"), failures,
	    "counting failed sweeps", cause);
}

int
store_olt_state_hot(struct store *st, int64_t olt_id, bool hot, int64_t *count,
    char **cause)
{
	return state_count(st, sql_state_hot, olt_id, hot, NULL, count,
	    "counting temperature readings", cause);
}

int
store_olt_state_health(struct store *st, int64_t olt_id, const struct olt_state *h,
    const struct board_health *rows, size_t n, char **cause)
{
	sqlite3_stmt *s;
	bool own;
	int rc = -1;

	if (store_tx_open(st, &own, cause) == -1)
		return -1;
	if ((s = store_stmt(st, sql_state_health, cause)) == NULL)
		goto out;
	sqlite3_bind_int64(s, 1, olt_id);
	store_bind_text(s, 2, h->descr);
	sqlite3_bind_int64(s, 3, h->uptime_s);
	sqlite3_bind_int64(s, 4, h->health_at);
	if (sqlite3_step(s) != SQLITE_DONE) {
		sqlite3_reset(s);
		store_fail(st, cause, "storing an OLT's health");
		goto out;
	}
	sqlite3_reset(s);
	if ((s = store_stmt(st, sql_boards_clear, cause)) == NULL)
		goto out;
	sqlite3_bind_int64(s, 1, olt_id);
	if (sqlite3_step(s) != SQLITE_DONE) {
		sqlite3_reset(s);
		store_fail(st, cause, "storing an OLT's boards' health");
		goto out;
	}
	sqlite3_reset(s);
	for (size_t i = 0; i < n; i++) {
		if ((s = store_stmt(st, sql_boards_add, cause)) == NULL)
			goto out;
		sqlite3_bind_int64(s, 1, olt_id);
		sqlite3_bind_int(s, 2, rows[i].frame);
		sqlite3_bind_int(s, 3, rows[i].slot);
		store_bind_text(s, 4, rows[i].name);
		if (rows[i].cpu_pct >= 0)
			sqlite3_bind_int(s, 5, rows[i].cpu_pct);
		else
			sqlite3_bind_null(s, 5);
		store_bind_real(s, 6, rows[i].temp_c);
		if (sqlite3_step(s) != SQLITE_DONE) {
			sqlite3_reset(s);
			store_fail(st, cause, "storing an OLT's boards' health");
			goto out;
		}
		sqlite3_reset(s);
	}
	rc = 0;
out:
	return store_tx_close(st, own, rc, cause);
}

int
store_olt_state_boards(struct store *st, int64_t olt_id, struct board_health **out,
    size_t *n, char **cause)
{
	sqlite3_stmt *s = store_stmt(st, sql_boards_list, cause);
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, olt_id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct board_health *b;

		*out = store_grow(*out, *n, &cap, sizeof **out);
		b = &(*out)[(*n)++];
		memset(b, 0, sizeof *b);
		b->olt_id = olt_id;
		b->frame = sqlite3_column_int(s, 0);
		b->slot = sqlite3_column_int(s, 1);
		store_col_text(s, 2, b->name, sizeof b->name);
		b->cpu_pct = sqlite3_column_type(s, 3) == SQLITE_NULL ? -1 :
		    sqlite3_column_int(s, 3);
		b->temp_c = store_col_real(s, 4);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		free(*out);
		*out = NULL;
		*n = 0;
		return store_fail(st, cause, "listing an OLT's boards' health");
	}
	return 0;
}

int
store_olt_state_threshold_set(struct store *st, int64_t olt_id, enum alarm_kind kind,
    double value, char **cause)
{
	sqlite3_stmt *s = store_stmt(st, isnan(value) ? sql_threshold_del :
	    sql_threshold_set, cause);
	int rc;

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, olt_id);
	store_bind_text(s, 2, alarm_kind_name(kind));
	if (!isnan(value))
		sqlite3_bind_double(s, 3, value);
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return store_fail(st, cause, "storing a threshold override");
	return 0;
}

int
store_olt_state_thresholds(struct store *st, int64_t olt_id,
    struct olt_threshold **out, size_t *n, char **cause)
{
	sqlite3_stmt *s = store_stmt(st, sql_thresholds, cause);
	size_t cap = 0;
	char word[40];
	int rc;

	*out = NULL;
	*n = 0;
	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, olt_id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct olt_threshold *t;

		*out = store_grow(*out, *n, &cap, sizeof **out);
		t = &(*out)[(*n)++];
		store_col_text(s, 0, word, sizeof word);
		if (alarm_kind_parse(word, &t->kind) != 0)
			t->kind = ALARM_UNKNOWN;
		t->value = sqlite3_column_double(s, 1);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		free(*out);
		*out = NULL;
		*n = 0;
		return store_fail(st, cause, "listing threshold overrides");
	}
	return 0;
}
