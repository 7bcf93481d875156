/*
 * store_contract.c — contracts, service profiles and ONT -> contract links.
 *
 * A link ties an ONT's serial to a contract independently of the OLT the
 * ONT hangs on, so an import can link ONTs before the first poll has seen
 * them, and a moved ONT keeps its contract.
 */
#include "core/store_impl.h"
#include "lib/util.h"

#include <stdlib.h>
#include <string.h>

#define CONTRACT_COLS "id, code, customer, address, status, created_at"
#define PROFILE_COLS "id, name, vlan, down_mbps, up_mbps, line_profile, " \
    "service_profile, wan, acs_url"

static const char sql_contract_add[] =
    "INSERT INTO contracts (code, customer, address, status, created_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5)";
static const char sql_contract_update[] =
    "UPDATE contracts SET code = ?1, customer = ?2, address = ?3, status = ?4 "
    "WHERE id = ?6";
static const char sql_contract_by_code[] =
    "SELECT " CONTRACT_COLS " FROM contracts WHERE code = ?1";
static const char sql_contract_list[] =
    "SELECT " CONTRACT_COLS " FROM contracts ORDER BY code";
static const char sql_contract_onts[] =
    "SELECT l.sn FROM ont_links l JOIN contracts c ON c.id = l.contract_id "
    "WHERE c.code = ?1 ORDER BY l.sn";

static const char sql_profile_add[] =
    "INSERT INTO profiles (name, vlan, down_mbps, up_mbps, line_profile, "
    "service_profile, wan, acs_url) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
static const char sql_profile_update[] =
    "UPDATE profiles SET name = ?1, vlan = ?2, down_mbps = ?3, up_mbps = ?4, "
    "line_profile = ?5, service_profile = ?6, wan = ?7, acs_url = ?8 WHERE id = ?9";
static const char sql_profile_by_name[] =
    "SELECT " PROFILE_COLS " FROM profiles WHERE name = ?1";
static const char sql_profile_list[] =
    "SELECT " PROFILE_COLS " FROM profiles ORDER BY name";

static const char sql_link_set[] =
    "INSERT INTO ont_links (sn, contract_id) "
    "SELECT ?1, id FROM contracts WHERE code = ?2 "
    "ON CONFLICT (sn) DO UPDATE SET contract_id = excluded.contract_id";
static const char sql_link_remove[] = "DELETE FROM ont_links WHERE sn = ?1";
static const char sql_link_list[] =
    "SELECT l.sn, c.code FROM ont_links l JOIN contracts c ON c.id = l.contract_id "
    "ORDER BY l.sn";

/* Steps a write; a UNIQUE violation becomes "what NAME already exists". */
static int
write_row(struct store *st, sqlite3_stmt *s, const char *what, const char *name,
    char **cause)
{
	int rc = sqlite3_step(s);

	sqlite3_reset(s);
	if (rc == SQLITE_DONE)
		return 0;
	if (rc == SQLITE_CONSTRAINT_UNIQUE) {
		set_cause(cause, "%s %s already exists", what, name);
		return -1;
	}
	return store_fail(st, cause, what);
}

/* Reads a row of CONTRACT_COLS. */
static void
contract_read(sqlite3_stmt *s, struct contract *c)
{
	char w[16];

	memset(c, 0, sizeof *c);
	c->id = sqlite3_column_int64(s, 0);
	store_col_text(s, 1, c->code, sizeof c->code);
	store_col_text(s, 2, c->customer, sizeof c->customer);
	store_col_text(s, 3, c->address, sizeof c->address);
	store_col_text(s, 4, w, sizeof w);
	contract_status_parse(w, &c->status);
	c->created_at = sqlite3_column_int64(s, 5);
}

/* Reads a row of PROFILE_COLS. */
static void
profile_read(sqlite3_stmt *s, struct profile *p)
{
	char w[16];

	memset(p, 0, sizeof *p);
	p->id = sqlite3_column_int64(s, 0);
	store_col_text(s, 1, p->name, sizeof p->name);
	p->vlan = sqlite3_column_int(s, 2);
	p->down_mbps = sqlite3_column_int(s, 3);
	p->up_mbps = sqlite3_column_int(s, 4);
	store_col_text(s, 5, p->line_profile, sizeof p->line_profile);
	store_col_text(s, 6, p->service_profile, sizeof p->service_profile);
	store_col_text(s, 7, w, sizeof w);
	wan_mode_parse(w, &p->wan);
	store_col_text(s, 8, p->acs_url, sizeof p->acs_url);
}

int
store_contract_add(struct store *st, struct contract *c, char **cause)
{
	sqlite3_stmt *s = store_stmt(st, sql_contract_add, cause);

	if (s == NULL)
		return -1;
	if (c->created_at == 0)
		c->created_at = now_s();
	store_bind_text(s, 1, c->code);
	store_bind_text(s, 2, c->customer);
	store_bind_text(s, 3, c->address);
	store_bind_text(s, 4, contract_status_name(c->status));
	sqlite3_bind_int64(s, 5, c->created_at);
	if (write_row(st, s, "contract", c->code, cause) == -1)
		return -1;
	c->id = sqlite3_last_insert_rowid(st->db);
	return 0;
}

int
store_contract_update(struct store *st, const struct contract *c, char **cause)
{
	sqlite3_stmt *s = store_stmt(st, sql_contract_update, cause);

	if (s == NULL)
		return -1;
	store_bind_text(s, 1, c->code);
	store_bind_text(s, 2, c->customer);
	store_bind_text(s, 3, c->address);
	store_bind_text(s, 4, contract_status_name(c->status));
	sqlite3_bind_int64(s, 6, c->id);
	return write_row(st, s, "contract", c->code, cause);
}

int
store_contract_by_code(struct store *st, const char *code, struct contract *out,
    char **cause)
{
	sqlite3_stmt *s = store_stmt(st, sql_contract_by_code, cause);
	int rc;

	if (s == NULL)
		return -1;
	store_bind_text(s, 1, code);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		contract_read(s, out);
	sqlite3_reset(s);
	if (rc == SQLITE_ROW)
		return 1;
	return rc == SQLITE_DONE ? 0 : store_fail(st, cause, "reading a contract");
}

int
store_contract_list(struct store *st, struct contract **out, size_t *n, char **cause)
{
	sqlite3_stmt *s = store_stmt(st, sql_contract_list, cause);
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (s == NULL)
		return -1;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		*out = store_grow(*out, *n, &cap, sizeof **out);
		contract_read(s, &(*out)[(*n)++]);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		free(*out);
		*out = NULL;
		*n = 0;
		return store_fail(st, cause, "listing contracts");
	}
	return 0;
}

int
store_contract_onts(struct store *st, const char *code,
    char (**sns)[SN_MAX_LEN + 1], size_t *n, char **cause)
{
	sqlite3_stmt *s = store_stmt(st, sql_contract_onts, cause);
	size_t cap = 0;
	int rc;

	*sns = NULL;
	*n = 0;
	if (s == NULL)
		return -1;
	store_bind_text(s, 1, code);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		*sns = store_grow(*sns, *n, &cap, sizeof **sns);
		store_col_text(s, 0, (*sns)[(*n)++], SN_MAX_LEN + 1);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		free(*sns);
		*sns = NULL;
		*n = 0;
		return store_fail(st, cause, "listing a contract's ONTs");
	}
	return 0;
}

/* Binds p in the order of sql_profile_add / sql_profile_update. */
static void
profile_bind(sqlite3_stmt *s, const struct profile *p)
{
	store_bind_text(s, 1, p->name);
	sqlite3_bind_int(s, 2, p->vlan);
	sqlite3_bind_int(s, 3, p->down_mbps);
	sqlite3_bind_int(s, 4, p->up_mbps);
	store_bind_text(s, 5, p->line_profile);
	store_bind_text(s, 6, p->service_profile);
	store_bind_text(s, 7, wan_mode_name(p->wan));
	store_bind_text(s, 8, p->acs_url);
}

int
store_profile_add(struct store *st, struct profile *p, char **cause)
{
	sqlite3_stmt *s = store_stmt(st, sql_profile_add, cause);

	if (s == NULL)
		return -1;
	profile_bind(s, p);
	if (write_row(st, s, "profile", p->name, cause) == -1)
		return -1;
	p->id = sqlite3_last_insert_rowid(st->db);
	return 0;
}

int
store_profile_update(struct store *st, const struct profile *p, char **cause)
{
	sqlite3_stmt *s = store_stmt(st, sql_profile_update, cause);

	if (s == NULL)
		return -1;
	profile_bind(s, p);
	sqlite3_bind_int64(s, 9, p->id);
	return write_row(st, s, "profile", p->name, cause);
}

int
store_profile_by_name(struct store *st, const char *name, struct profile *out,
    char **cause)
{
	sqlite3_stmt *s = store_stmt(st, sql_profile_by_name, cause);
	int rc;

	if (s == NULL)
		return -1;
	store_bind_text(s, 1, name);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		profile_read(s, out);
	sqlite3_reset(s);
	if (rc == SQLITE_ROW)
		return 1;
	return rc == SQLITE_DONE ? 0 : store_fail(st, cause, "reading a profile");
}

int
store_profile_list(struct store *st, struct profile **out, size_t *n, char **cause)
{
	sqlite3_stmt *s = store_stmt(st, sql_profile_list, cause);
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (s == NULL)
		return -1;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		*out = store_grow(*out, *n, &cap, sizeof **out);
		profile_read(s, &(*out)[(*n)++]);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		free(*out);
		*out = NULL;
		*n = 0;
		return store_fail(st, cause, "listing profiles");
	}
	return 0;
}

int
store_link_set(struct store *st, const char *sn, const char *code, char **cause)
{
	sqlite3_stmt *s = store_stmt(st, sql_link_set, cause);
	int rc;

	if (s == NULL)
		return -1;
	store_bind_text(s, 1, sn);
	store_bind_text(s, 2, code);
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return store_fail(st, cause, "linking an ONT to a contract");
	if (sqlite3_changes(st->db) == 0) {
		set_cause(cause, "no contract %s", code);
		return -1;
	}
	return 0;
}

int
store_link_remove(struct store *st, const char *sn, char **cause)
{
	sqlite3_stmt *s = store_stmt(st, sql_link_remove, cause);
	int rc;

	if (s == NULL)
		return -1;
	store_bind_text(s, 1, sn);
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return store_fail(st, cause, "unlinking an ONT");
	return sqlite3_changes(st->db) > 0 ? 1 : 0;
}

int
store_link_foreach(struct store *st,
    int (*fn)(const char *sn, const char *code, void *arg), void *arg,
    char **cause)
{
	sqlite3_stmt *s = store_stmt(st, sql_link_list, cause);
	int rc;

	if (s == NULL)
		return -1;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (fn((const char *)sqlite3_column_text(s, 0),
		    (const char *)sqlite3_column_text(s, 1), arg) != 0) {
			rc = SQLITE_DONE;
			break;
		}
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0 : store_fail(st, cause, "listing ONT links");
}
