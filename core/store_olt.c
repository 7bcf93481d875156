/*
 * store_olt.c — OLTs, boards, PON ports, contracts, service profiles and
 * ONT -> contract links.
 *
 * Rows map one to one onto the structs of model.h; enums are stored as
 * their words.  Uniqueness (OLT name, contract code, profile name) is the
 * database's: a duplicate is refused with a message naming it.
 */
#include "core/store_impl.h"
#include "lib/util.h"

#include <stdlib.h>
#include <string.h>

#define OLT_COLS "id, name, driver, model, host, port, transport, username, " \
    "password_sealed, community_sealed, snmp_port, tags, jump_host, created_at"

static const char sql_olt_add[] =
    "INSERT INTO olts (name, driver, model, host, port, transport, username, "
    "password_sealed, community_sealed, snmp_port, tags, jump_host, created_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)";
static const char sql_olt_update[] =
    "UPDATE olts SET name = ?1, driver = ?2, model = ?3, host = ?4, port = ?5, "
    "transport = ?6, username = ?7, password_sealed = ?8, community_sealed = ?9, "
    "snmp_port = ?10, tags = ?11, jump_host = ?12 WHERE id = ?14";
static const char sql_olt_remove[] = "DELETE FROM olts WHERE name = ?1";
static const char sql_olt_by_name[] = "SELECT " OLT_COLS " FROM olts WHERE name = ?1";
static const char sql_olt_by_id[] = "SELECT " OLT_COLS " FROM olts WHERE id = ?1";
static const char sql_olt_list[] = "SELECT " OLT_COLS " FROM olts ORDER BY name";

/* Binds the fields of o in the order of sql_olt_add / sql_olt_update. */
static void
olt_bind(sqlite3_stmt *s, const struct olt *o)
{
	store_bind_text(s, 1, o->name);
	store_bind_text(s, 2, o->driver);
	store_bind_text(s, 3, o->model);
	store_bind_text(s, 4, o->host);
	sqlite3_bind_int(s, 5, o->port);
	store_bind_text(s, 6, transport_name(o->transport));
	store_bind_text(s, 7, o->user);
	store_bind_text(s, 8, o->password_sealed);
	store_bind_text(s, 9, o->community_sealed);
	sqlite3_bind_int(s, 10, o->snmp_port);
	store_bind_text(s, 11, o->tags);
	store_bind_text(s, 12, o->jump_host);
	sqlite3_bind_int64(s, 13, o->created_at);
	sqlite3_bind_int64(s, 14, o->id);
}

/* Reads a row of OLT_COLS. */
static void
olt_read(sqlite3_stmt *s, struct olt *o)
{
	char w[16];

	memset(o, 0, sizeof *o);
	o->id = sqlite3_column_int64(s, 0);
	store_col_text(s, 1, o->name, sizeof o->name);
	store_col_text(s, 2, o->driver, sizeof o->driver);
	store_col_text(s, 3, o->model, sizeof o->model);
	store_col_text(s, 4, o->host, sizeof o->host);
	o->port = sqlite3_column_int(s, 5);
	store_col_text(s, 6, w, sizeof w);
	transport_parse(w, &o->transport);
	store_col_text(s, 7, o->user, sizeof o->user);
	store_col_text(s, 8, o->password_sealed, sizeof o->password_sealed);
	store_col_text(s, 9, o->community_sealed, sizeof o->community_sealed);
	o->snmp_port = sqlite3_column_int(s, 10);
	store_col_text(s, 11, o->tags, sizeof o->tags);
	store_col_text(s, 12, o->jump_host, sizeof o->jump_host);
	o->created_at = sqlite3_column_int64(s, 13);
}

/* Runs a prepared write; a UNIQUE violation becomes "what NAME exists". */
static int
step_write(struct store *st, sqlite3_stmt *s, const char *what,
    const char *name, char **cause)
{
	int rc = sqlite3_step(s);

	sqlite3_reset(s);
	if (rc == SQLITE_DONE)
		return 0;
	if (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY) {
		set_cause(cause, "%s %s already exists", what, name);
		return -1;
	}
	return store_fail(st, cause, what);
}

int
store_olt_add(struct store *st, struct olt *o, char **cause)
{
	sqlite3_stmt *s = store_stmt(st, sql_olt_add, cause);

	if (s == NULL)
		return -1;
	if (o->created_at == 0)
		o->created_at = now_s();
	olt_bind(s, o);
	sqlite3_bind_null(s, 14);
	if (step_write(st, s, "OLT", o->name, cause) == -1)
		return -1;
	o->id = sqlite3_last_insert_rowid(st->db);
	return 0;
}

int
store_olt_update(struct store *st, const struct olt *o, char **cause)
{
	sqlite3_stmt *s = store_stmt(st, sql_olt_update, cause);

	if (s == NULL)
		return -1;
	olt_bind(s, o);
	sqlite3_bind_null(s, 13);
	if (step_write(st, s, "OLT", o->name, cause) == -1)
		return -1;
	if (sqlite3_changes(st->db) == 0) {
		set_cause(cause, "no OLT with id %lld", (long long)o->id);
		return -1;
	}
	return 0;
}

int
store_olt_remove(struct store *st, const char *name, char **cause)
{
	sqlite3_stmt *s = store_stmt(st, sql_olt_remove, cause);
	int rc;

	if (s == NULL)
		return -1;
	store_bind_text(s, 1, name);
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return store_fail(st, cause, "removing an OLT");
	return sqlite3_changes(st->db) > 0 ? 1 : 0;
}

/* Runs a one-row OLT query bound by the caller. */
static int
olt_one(struct store *st, sqlite3_stmt *s, struct olt *out, char **cause)
{
	int rc = sqlite3_step(s);

	if (rc == SQLITE_ROW)
		olt_read(s, out);
	sqlite3_reset(s);
	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	return store_fail(st, cause, "reading an OLT");
}

int
store_olt_by_name(struct store *st, const char *name, struct olt *out, char **cause)
{
	sqlite3_stmt *s = store_stmt(st, sql_olt_by_name, cause);

	if (s == NULL)
		return -1;
	store_bind_text(s, 1, name);
	return olt_one(st, s, out, cause);
}

int
store_olt_by_id(struct store *st, int64_t id, struct olt *out, char **cause)
{
	sqlite3_stmt *s = store_stmt(st, sql_olt_by_id, cause);

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	return olt_one(st, s, out, cause);
}

int
store_olt_list(struct store *st, struct olt **out, size_t *n, char **cause)
{
	sqlite3_stmt *s = store_stmt(st, sql_olt_list, cause);
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (s == NULL)
		return -1;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		*out = store_grow(*out, *n, &cap, sizeof **out);
		olt_read(s, &(*out)[(*n)++]);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		free(*out);
		*out = NULL;
		*n = 0;
		return store_fail(st, cause, "listing OLTs");
	}
	return 0;
}

/* ---- Boards and ports ---- */

static const char sql_boards_clear[] = "DELETE FROM boards WHERE olt_id = ?1";
static const char sql_board_add[] =
    "INSERT OR REPLACE INTO boards (olt_id, frame, slot, type, status, read_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
static const char sql_boards_list[] =
    "SELECT frame, slot, type, status, read_at FROM boards WHERE olt_id = ?1 "
    "ORDER BY frame, slot";
static const char sql_ports_list[] =
    "SELECT p.port, count(o.id), coalesce(sum(o.status = 'online'), 0), "
    "coalesce(max(o.last_seen), 0) "
    "FROM pon_ports p LEFT JOIN onts o ON o.olt_id = p.olt_id AND o.port = p.port "
    "WHERE p.olt_id = ?1 GROUP BY p.port";

int
store_boards_replace(struct store *st, int64_t olt_id, const struct board *rows,
    size_t n, char **cause)
{
	sqlite3_stmt *s;
	bool own;
	int rc = 0;

	if (store_tx_open(st, &own, cause) == -1)
		return -1;
	if ((s = store_stmt(st, sql_boards_clear, cause)) == NULL)
		return store_tx_close(st, own, -1, cause);
	sqlite3_bind_int64(s, 1, olt_id);
	if (sqlite3_step(s) != SQLITE_DONE)
		rc = store_fail(st, cause, "replacing boards");
	sqlite3_reset(s);
	for (size_t i = 0; rc == 0 && i < n; i++) {
		if ((s = store_stmt(st, sql_board_add, cause)) == NULL) {
			rc = -1;
			break;
		}
		sqlite3_bind_int64(s, 1, olt_id);
		sqlite3_bind_int(s, 2, rows[i].frame);
		sqlite3_bind_int(s, 3, rows[i].slot);
		store_bind_text(s, 4, rows[i].type);
		store_bind_text(s, 5, rows[i].status);
		sqlite3_bind_int64(s, 6, rows[i].read_at);
		if (sqlite3_step(s) != SQLITE_DONE)
			rc = store_fail(st, cause, "storing a board");
		sqlite3_reset(s);
	}
	return store_tx_close(st, own, rc, cause);
}

int
store_boards_list(struct store *st, int64_t olt_id, struct board **out,
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
		struct board *b;

		*out = store_grow(*out, *n, &cap, sizeof **out);
		b = &(*out)[(*n)++];
		memset(b, 0, sizeof *b);
		b->olt_id = olt_id;
		b->frame = sqlite3_column_int(s, 0);
		b->slot = sqlite3_column_int(s, 1);
		store_col_text(s, 2, b->type, sizeof b->type);
		store_col_text(s, 3, b->status, sizeof b->status);
		b->read_at = sqlite3_column_int64(s, 4);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		free(*out);
		*out = NULL;
		*n = 0;
		return store_fail(st, cause, "listing boards");
	}
	return 0;
}

/* Compares "F/S/P" strings numerically field by field. */
static int
port_cmp(const void *a, const void *b)
{
	const char *x = ((const struct pon_port *)a)->port;
	const char *y = ((const struct pon_port *)b)->port;

	while (*x != '\0' && *y != '\0') {
		long u = strtol(x, (char **)&x, 10), v = strtol(y, (char **)&y, 10);

		if (u != v)
			return u < v ? -1 : 1;
		if (*x != *y)
			return (unsigned char)*x - (unsigned char)*y;
		if (*x != '\0') {
			x++;
			y++;
		}
	}
	return (unsigned char)*x - (unsigned char)*y;
}

int
store_ports_list(struct store *st, int64_t olt_id, struct pon_port **out,
    size_t *n, char **cause)
{
	sqlite3_stmt *s = store_stmt(st, sql_ports_list, cause);
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, olt_id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct pon_port *p;

		*out = store_grow(*out, *n, &cap, sizeof **out);
		p = &(*out)[(*n)++];
		memset(p, 0, sizeof *p);
		p->olt_id = olt_id;
		store_col_text(s, 0, p->port, sizeof p->port);
		p->onts = sqlite3_column_int(s, 1);
		p->online = sqlite3_column_int(s, 2);
		p->newest = sqlite3_column_int64(s, 3);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		free(*out);
		*out = NULL;
		*n = 0;
		return store_fail(st, cause, "listing PON ports");
	}
	if (*n > 1)
		qsort(*out, *n, sizeof **out, port_cmp);
	return 0;
}
