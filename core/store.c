/*
 * store.c — opening the database, migrations, the statement cache,
 * transactions and the meta table.
 *
 * A store is one SQLite connection in WAL mode with a busy timeout, so that
 * a console and a poll daemon can share one file: readers never block the
 * writer, and a writer waits (up to STORE_BUSY_MS) for the other's write
 * transaction instead of failing.  synchronous=NORMAL keeps WAL commits
 * durable against a process crash (and atomic against power loss).
 *
 * The per-table functions live in store_olt.c, store_ont.c, store_contract.c,
 * store_ops.c and store_olt_state.c; the schema in schema.c.  Used by one
 * thread per handle.
 */
#include "core/store_impl.h"
#include "core/paths.h"
#include "lib/text.h"
#include "lib/util.h"

#include <errno.h>
#include <sodium.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define STORE_BUSY_MS	10000

int
store_fail(struct store *st, char **cause, const char *what)
{
	set_cause(cause, "%s: %s", what, st != NULL && st->db != NULL ?
	    sqlite3_errmsg(st->db) : "no database");
	return -1;
}

int
store_exec(struct store *st, const char *sql, char **cause)
{
	char *err = NULL;

	if (sqlite3_exec(st->db, sql, NULL, NULL, &err) != SQLITE_OK) {
		set_cause(cause, "database %s: %s", st->path,
		    err != NULL ? err : sqlite3_errmsg(st->db));
		sqlite3_free(err);
		return -1;
	}
	return 0;
}

sqlite3_stmt *
store_stmt(struct store *st, const char *sql, char **cause)
{
	sqlite3_stmt *s;

	for (size_t i = 0; i < st->ncache; i++) {
		if (st->cache[i].sql == sql) {
			s = st->cache[i].stmt;
			sqlite3_reset(s);
			sqlite3_clear_bindings(s);
			return s;
		}
	}
	if (sqlite3_prepare_v3(st->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &s,
	    NULL) != SQLITE_OK) {
		store_fail(st, cause, "preparing a statement");
		return NULL;
	}
	st->cache = store_grow(st->cache, st->ncache, &st->capcache,
	    sizeof *st->cache);
	st->cache[st->ncache].sql = sql;
	st->cache[st->ncache].stmt = s;
	st->ncache++;
	return s;
}

void
store_bind_text(sqlite3_stmt *s, int i, const char *v)
{
	char *clean;

	if (v == NULL || text_is_clean(v, true)) {
		sqlite3_bind_text(s, i, v != NULL ? v : "", -1, SQLITE_TRANSIENT);
		return;
	}
	/* The last line of defence: what the fronts and parsers let through
	   (a device's bytes) is stored as valid UTF-8 without control,
	   C1 or reordering characters; line breaks are kept (an answer in the
	   audit trail). */
	clean = text_sanitize_lines(xstrdup(v));
	sqlite3_bind_text(s, i, clean, -1, free);
}

void
store_bind_real(sqlite3_stmt *s, int i, double v)
{
	if (isnan(v))
		sqlite3_bind_null(s, i);
	else
		sqlite3_bind_double(s, i, v);
}

double
store_col_real(sqlite3_stmt *s, int i)
{
	if (sqlite3_column_type(s, i) == SQLITE_NULL)
		return NAN;
	return sqlite3_column_double(s, i);
}

void
store_col_text(sqlite3_stmt *s, int i, char *dst, size_t size)
{
	const unsigned char *t = sqlite3_column_text(s, i);

	strlcpy_(dst, t != NULL ? (const char *)t : "", size);
}

void *
store_grow(void *arr, size_t n, size_t *cap, size_t elem)
{
	if (n < *cap)
		return arr;
	*cap = *cap == 0 ? 16 : *cap * 2;
	return xreallocarray(arr, *cap, elem);
}

int
store_tx_open(struct store *st, bool *own, char **cause)
{
	*own = false;
	if (!sqlite3_get_autocommit(st->db))
		return 0;
	if (store_exec(st, "BEGIN IMMEDIATE", cause) == -1)
		return -1;
	*own = true;
	return 0;
}

int
store_tx_close(struct store *st, bool own, int rc, char **cause)
{
	if (!own)
		return rc;
	if (rc == 0 && store_exec(st, "COMMIT", cause) == 0)
		return 0;
	if (!sqlite3_get_autocommit(st->db))
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
	return -1;
}

int
store_begin(struct store *st, char **cause)
{
	if (!sqlite3_get_autocommit(st->db)) {
		set_cause(cause, "a transaction is already open");
		return -1;
	}
	return store_exec(st, "BEGIN IMMEDIATE", cause);
}

int
store_commit(struct store *st, char **cause)
{
	if (store_exec(st, "COMMIT", cause) == -1) {
		store_rollback(st);
		return -1;
	}
	return 0;
}

void
store_rollback(struct store *st)
{
	if (!sqlite3_get_autocommit(st->db))
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
}

int
store_version(struct store *st)
{
	sqlite3_stmt *s;
	int v = -1;

	if (sqlite3_prepare_v2(st->db, "PRAGMA user_version", -1, &s, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(s) == SQLITE_ROW)
		v = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	return v;
}

/* PRAGMA data_version: changes when another connection commits. */
int64_t
store_data_version(struct store *st)
{
	static const char sql[] = "PRAGMA data_version";
	sqlite3_stmt *s = store_stmt(st, sql, NULL);
	int64_t v = -1;

	if (s != NULL && sqlite3_step(s) == SQLITE_ROW)
		v = sqlite3_column_int64(s, 0);
	if (s != NULL)
		sqlite3_reset(s);	/* no read transaction left open */
	return v;
}

static int migrate(struct store *st, int upto, char **cause);

/* Fails the migration when it left a dangling foreign key.  0 or -1. */
static int
fk_check(struct store *st, char **cause)
{
	sqlite3_stmt *s;
	int rc;

	if (sqlite3_prepare_v2(st->db, "PRAGMA foreign_key_check", -1, &s, NULL) != SQLITE_OK)
		return store_fail(st, cause, "checking foreign keys");
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		set_cause(cause, "the migration left a row of %s pointing nowhere",
		    (const char *)sqlite3_column_text(s, 0));
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? 0 : -1;
}

int
store_migrate(struct store *st, int upto, char **cause)
{
	int rc;

	if (upto > schema_version)
		upto = schema_version;
	/* Table rebuilds need foreign keys off (a no-op inside a transaction). */
	if (store_exec(st, "PRAGMA foreign_keys = OFF", cause) == -1)
		return -1;
	rc = migrate(st, upto, cause);
	if (store_exec(st, "PRAGMA foreign_keys = ON", rc == 0 ? cause : NULL) == -1)
		return -1;
	return rc;
}

/* Applies the missing migrations, each in its own transaction. */
static int
migrate(struct store *st, int upto, char **cause)
{
	for (;;) {
		int v;
		char *sql;

		if (store_exec(st, "BEGIN IMMEDIATE", cause) == -1)
			return -1;
		/* Read inside the lock: another process may have migrated. */
		v = store_version(st);
		if (v < 0 || v >= upto) {
			store_rollback(st);
			if (v < 0)
				return store_fail(st, cause, "reading the schema version");
			return 0;
		}
		if (store_exec(st, schema_migrations[v], cause) == -1 ||
		    fk_check(st, cause) == -1) {
			store_rollback(st);
			return -1;
		}
		sql = xasprintf("PRAGMA user_version = %d", v + 1);
		if (store_exec(st, sql, cause) == -1 ||
		    store_exec(st, "COMMIT", cause) == -1) {
			free(sql);
			store_rollback(st);
			return -1;
		}
		free(sql);
	}
}

struct store *
store_open_version(const char *path, int upto, char **cause)
{
	struct store *st;
	struct stat sb;
	bool existed;
	int v;

	if (paths_make_parent(path, cause) == -1)
		return NULL;
	existed = stat(path, &sb) == 0;
	if (existed && S_ISREG(sb.st_mode) && sb.st_size == 0) {
		/* SQLite would take it as a new database: a truncated one (a
		   full disk, a bad copy) would silently lose every contract and
		   the audit trail. */
		set_cause(cause, "database %s is empty (0 bytes): if it held "
		    "oltui's data it was truncated, so restore it from a backup; "
		    "to start a new database, remove the empty file", path);
		return NULL;
	}
	st = xcalloc(1, sizeof *st);
	st->path = xstrdup(path);
	if (sqlite3_open_v2(path, &st->db, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
		set_cause(cause, "cannot open database %s: %s", path,
		    st->db != NULL ? sqlite3_errmsg(st->db) : "out of memory");
		store_close(st);
		return NULL;
	}
	if (!existed)
		chmod(path, 0600);	/* sealed secrets and the audit trail */
	sqlite3_busy_timeout(st->db, STORE_BUSY_MS);
	sqlite3_extended_result_codes(st->db, 1);
	if (store_exec(st, "PRAGMA journal_mode = WAL", cause) == -1 ||
	    store_exec(st, "PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;"
	    "PRAGMA cache_size = -32768; PRAGMA temp_store = MEMORY", cause) == -1) {
		store_close(st);
		return NULL;
	}
	v = store_version(st);
	if (v < 0) {
		set_cause(cause, "%s is not an oltui database: %s", path,
		    sqlite3_errmsg(st->db));
		store_close(st);
		return NULL;
	}
	if (v > schema_version) {
		set_cause(cause, "database %s has schema version %d, newer than "
		    "this oltui knows (%d): use a newer oltui", path, v,
		    schema_version);
		store_close(st);
		return NULL;
	}
	if (store_migrate(st, upto, cause) == -1) {
		store_close(st);
		return NULL;
	}
	return st;
}

struct store *
store_open(const char *path, char **cause)
{
	return store_open_version(path, schema_version, cause);
}

void
store_close(struct store *st)
{
	if (st == NULL)
		return;
	for (size_t i = 0; i < st->ncache; i++)
		sqlite3_finalize(st->cache[i].stmt);
	free(st->cache);
	if (st->db != NULL)
		sqlite3_close(st->db);
	for (size_t i = 0; i < st->nsecrets; i++) {
		sodium_memzero(st->secrets[i], strlen(st->secrets[i]));
		free(st->secrets[i]);
	}
	free(st->secrets);
	free(st->path);
	free(st);
}

const char *
store_path(const struct store *st)
{
	return st->path;
}

static const char sql_meta_get[] = "SELECT value FROM meta WHERE key = ?1";
static const char sql_meta_delete[] = "DELETE FROM meta WHERE key = ?1";
static const char sql_meta_set[] =
    "INSERT INTO meta (key, value) VALUES (?1, ?2) "
    "ON CONFLICT (key) DO UPDATE SET value = excluded.value";

int
store_meta_get(struct store *st, const char *key, char **value, char **cause)
{
	sqlite3_stmt *s = store_stmt(st, sql_meta_get, cause);
	int rc;

	*value = NULL;
	if (s == NULL)
		return -1;
	store_bind_text(s, 1, key);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		*value = xstrdup((const char *)sqlite3_column_text(s, 0));
		sqlite3_reset(s);
		return 1;
	}
	sqlite3_reset(s);
	if (rc == SQLITE_DONE)
		return 0;
	return store_fail(st, cause, "reading the meta table");
}

/* Runs one write on the meta table: sql binds key as ?1 and, when it has a
   second parameter, value as ?2. */
static int
meta_write(struct store *st, const char *sql, const char *key,
    const char *value, char **cause)
{
	sqlite3_stmt *s = store_stmt(st, sql, cause);

	if (s == NULL)
		return -1;
	store_bind_text(s, 1, key);
	if (sqlite3_bind_parameter_count(s) >= 2)
		store_bind_text(s, 2, value);
	if (sqlite3_step(s) != SQLITE_DONE) {
		sqlite3_reset(s);
		return store_fail(st, cause, "writing the meta table");
	}
	sqlite3_reset(s);
	return 0;
}

int
store_meta_set(struct store *st, const char *key, const char *value, char **cause)
{
	return meta_write(st, sql_meta_set, key, value, cause);
}

int
store_meta_delete(struct store *st, const char *key, char **cause)
{
	return meta_write(st, sql_meta_delete, key, NULL, cause);
}
