/*
 * store_ont.c — ONTs, signal samples and discovered ONTs: the tables a poll
 * writes in bulk.
 *
 * An ONT is identified by (OLT, serial); its position (port, ONT id) is an
 * attribute that a move or a replacement changes.  A sweep writes all its
 * rows in one transaction through one cached statement, so readers see a
 * whole sweep or none of it, and 200,000 ONTs cost one fsync per OLT.
 * Signal samples are keyed (ONT row id, time) in a WITHOUT ROWID table so a
 * history query is one range scan.
 */
#include "core/store_impl.h"
#include "lib/util.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define ONT_COLS "o.id, o.olt_id, o.port, o.ont_id, o.sn, o.model, o.firmware, " \
    "o.admin, o.status, o.rx_dbm, o.olt_rx_dbm, o.distance_m, o.last_seen, " \
    "coalesce(c.code, '')"
#define ONT_FROM " FROM onts o LEFT JOIN ont_links l ON l.sn = o.sn " \
    "LEFT JOIN contracts c ON c.id = l.contract_id "

static const char sql_ont_upsert[] =
    "INSERT INTO onts (olt_id, port, ont_id, sn, admin, status, rx_dbm, "
    "olt_rx_dbm, distance_m, last_seen) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) "
    "ON CONFLICT (olt_id, sn) DO UPDATE SET port = excluded.port, "
    "ont_id = excluded.ont_id, admin = excluded.admin, status = excluded.status, "
    "rx_dbm = excluded.rx_dbm, olt_rx_dbm = excluded.olt_rx_dbm, "
    "distance_m = excluded.distance_m, last_seen = excluded.last_seen";
static const char sql_port_add[] =
    "INSERT OR IGNORE INTO pon_ports (olt_id, port) VALUES (?1, ?2)";
static const char sql_ont_by_sn[] =
    "SELECT " ONT_COLS ONT_FROM "WHERE o.sn = ?1 ORDER BY o.last_seen DESC LIMIT 1";
static const char sql_onts_on_port[] =
    "SELECT " ONT_COLS ONT_FROM "WHERE o.olt_id = ?1 AND o.port = ?2 ORDER BY o.ont_id";
static const char sql_ont_count_all[] = "SELECT count(*) FROM onts";
static const char sql_ont_count[] = "SELECT count(*) FROM onts WHERE olt_id = ?1";
static const char sql_ont_remove[] = "DELETE FROM onts WHERE olt_id = ?1 AND sn = ?2";

static const char sql_sample_add[] =
    "INSERT OR REPLACE INTO signal_samples (ont, t, rx_cdbm, olt_rx_cdbm) "
    "VALUES (?1, ?2, ?3, ?4)";
/* The same for SAMPLE_ROWS rows per statement: one step per 64 samples
   instead of one per sample (the bind/step/reset cycle is most of the cost
   of a bulk insert). */
#define SAMPLE_ROWS	64
#define R1	"(?,?,?,?)"
#define R4	R1 "," R1 "," R1 "," R1
#define R16	R4 "," R4 "," R4 "," R4
#define R64	R16 "," R16 "," R16 "," R16
static const char sql_sample_add64[] =
    "INSERT OR REPLACE INTO signal_samples (ont, t, rx_cdbm, olt_rx_cdbm) "
    "VALUES " R64;
static const char sql_sample_range[] =
    "SELECT t, rx_cdbm, olt_rx_cdbm FROM signal_samples "
    "WHERE ont = ?1 AND t >= ?2 AND t < ?3 ORDER BY t";
static const char sql_sample_prune[] = "DELETE FROM signal_samples WHERE t < ?1";

static const char sql_disc_clear[] = "DELETE FROM discovered_onts WHERE olt_id = ?1";
static const char sql_disc_add[] =
    "INSERT OR REPLACE INTO discovered_onts (olt_id, port, sn, model, found_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5)";
/* An ONT the database holds as configured on that OLT (a provisioning
   stored it, a sweep read it) is no longer waiting, whatever the last
   autofind read said. */
static const char sql_disc_list[] =
    "SELECT d.olt_id, d.port, d.sn, d.model, d.found_at FROM discovered_onts d "
    "WHERE (?1 = 0 OR d.olt_id = ?1) AND NOT EXISTS (SELECT 1 FROM onts o "
    "WHERE o.olt_id = d.olt_id AND o.sn = d.sn) ORDER BY d.found_at DESC, d.sn";

int
store_onts_upsert(struct store *st, int64_t olt_id, const struct ont_reading *rows,
    size_t n, char **cause)
{
	const char *last_port = NULL;
	sqlite3_stmt *s;
	bool own;
	int rc = 0;

	if (store_tx_open(st, &own, cause) == -1)
		return -1;
	for (size_t i = 0; i < n && rc == 0; i++) {
		const struct ont_reading *r = &rows[i];

		if (last_port == NULL || strcmp(last_port, r->port) != 0) {
			if ((s = store_stmt(st, sql_port_add, cause)) == NULL) {
				rc = -1;
				break;
			}
			sqlite3_bind_int64(s, 1, olt_id);
			store_bind_text(s, 2, r->port);
			if (sqlite3_step(s) != SQLITE_DONE)
				rc = store_fail(st, cause, "storing a PON port");
			sqlite3_reset(s);
			last_port = r->port;
		}
		if (rc == -1 || (s = store_stmt(st, sql_ont_upsert, cause)) == NULL) {
			rc = -1;
			break;
		}
		sqlite3_bind_int64(s, 1, olt_id);
		store_bind_text(s, 2, r->port);
		sqlite3_bind_int(s, 3, r->ont_id);
		store_bind_text(s, 4, r->sn);
		store_bind_text(s, 5, ont_admin_name(r->admin));
		store_bind_text(s, 6, ont_status_name(r->status));
		store_bind_real(s, 7, r->rx_dbm);
		store_bind_real(s, 8, r->olt_rx_dbm);
		if (r->distance_m >= 0)
			sqlite3_bind_int(s, 9, r->distance_m);
		sqlite3_bind_int64(s, 10, r->read_at);
		if (sqlite3_step(s) != SQLITE_DONE)
			rc = store_fail(st, cause, "storing an ONT");
		sqlite3_reset(s);
	}
	return store_tx_close(st, own, rc, cause);
}

/* Reads a row of ONT_COLS. */
static void
ont_read(sqlite3_stmt *s, struct ont *o)
{
	char w[16];

	memset(o, 0, sizeof *o);
	o->id = sqlite3_column_int64(s, 0);
	o->olt_id = sqlite3_column_int64(s, 1);
	store_col_text(s, 2, o->port, sizeof o->port);
	o->ont_id = sqlite3_column_int(s, 3);
	store_col_text(s, 4, o->sn, sizeof o->sn);
	store_col_text(s, 5, o->model, sizeof o->model);
	store_col_text(s, 6, o->firmware, sizeof o->firmware);
	store_col_text(s, 7, w, sizeof w);
	if (ont_admin_parse(w, &o->admin) == -1)
		o->admin = ADMIN_UNKNOWN;
	store_col_text(s, 8, w, sizeof w);
	if (ont_status_parse(w, &o->status) == -1)
		o->status = ONT_UNKNOWN;
	o->rx_dbm = store_col_real(s, 9);
	o->olt_rx_dbm = store_col_real(s, 10);
	o->distance_m = sqlite3_column_type(s, 11) == SQLITE_NULL ? -1 :
	    sqlite3_column_int(s, 11);
	o->last_seen = sqlite3_column_int64(s, 12);
	store_col_text(s, 13, o->contract, sizeof o->contract);
}

int
store_ont_by_sn(struct store *st, const char *sn, struct ont *out, char **cause)
{
	sqlite3_stmt *s = store_stmt(st, sql_ont_by_sn, cause);
	int rc;

	if (s == NULL)
		return -1;
	store_bind_text(s, 1, sn);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		ont_read(s, out);
	sqlite3_reset(s);
	if (rc == SQLITE_ROW)
		return 1;
	return rc == SQLITE_DONE ? 0 : store_fail(st, cause, "looking an ONT up");
}

int
store_onts_on_port(struct store *st, int64_t olt_id, const char *port,
    struct ont **out, size_t *n, char **cause)
{
	sqlite3_stmt *s = store_stmt(st, sql_onts_on_port, cause);
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, olt_id);
	store_bind_text(s, 2, port);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (*n >= cap) {
			cap = cap == 0 ? 128 : cap * 2;
			*out = xreallocarray(*out, cap, sizeof **out);
		}
		ont_read(s, &(*out)[(*n)++]);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		free(*out);
		*out = NULL;
		*n = 0;
		return store_fail(st, cause, "loading a PON port's ONTs");
	}
	return 0;
}

int64_t
store_ont_count(struct store *st, int64_t olt_id, char **cause)
{
	sqlite3_stmt *s = store_stmt(st, olt_id == 0 ? sql_ont_count_all :
	    sql_ont_count, cause);
	int64_t count = -1;

	if (s == NULL)
		return -1;
	if (olt_id != 0)
		sqlite3_bind_int64(s, 1, olt_id);
	if (sqlite3_step(s) == SQLITE_ROW)
		count = sqlite3_column_int64(s, 0);
	else
		store_fail(st, cause, "counting ONTs");
	sqlite3_reset(s);
	return count;
}

int
store_ont_remove(struct store *st, int64_t olt_id, const char *sn, char **cause)
{
	sqlite3_stmt *s = store_stmt(st, sql_ont_remove, cause);
	int rc;

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, olt_id);
	store_bind_text(s, 2, sn);
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return store_fail(st, cause, "removing an ONT");
	return sqlite3_changes(st->db) > 0 ? 1 : 0;
}

/* Binds dBm as whole centi-dBm, NULL for NAN. */
static void
bind_cdbm(sqlite3_stmt *s, int i, double dbm)
{
	if (isnan(dbm) || dbm < -1000 || dbm > 1000)
		sqlite3_bind_null(s, i);
	else
		sqlite3_bind_int(s, i, (int)lround(dbm * 100));
}

/* Reads centi-dBm back as dBm, NAN for NULL. */
static double
col_cdbm(sqlite3_stmt *s, int i)
{
	if (sqlite3_column_type(s, i) == SQLITE_NULL)
		return NAN;
	return sqlite3_column_int(s, i) / 100.0;
}

int
store_samples_insert(struct store *st, const struct signal_sample *smp, size_t n,
    char **cause)
{
	sqlite3_stmt *s;
	bool own;
	int rc = 0;

	if (store_tx_open(st, &own, cause) == -1)
		return -1;
	for (size_t i = 0; i < n && rc == 0; ) {
		bool many = n - i >= SAMPLE_ROWS;
		size_t rows = many ? SAMPLE_ROWS : 1;

		if ((s = store_stmt(st, many ? sql_sample_add64 : sql_sample_add,
		    cause)) == NULL) {
			rc = -1;
			break;
		}
		for (size_t j = 0; j < rows; j++, i++) {
			int b = (int)j * 4;

			sqlite3_bind_int64(s, b + 1, smp[i].ont);
			sqlite3_bind_int64(s, b + 2, smp[i].t);
			bind_cdbm(s, b + 3, smp[i].rx_dbm);
			bind_cdbm(s, b + 4, smp[i].olt_rx_dbm);
		}
		if (sqlite3_step(s) != SQLITE_DONE)
			rc = store_fail(st, cause, "storing signal samples");
		sqlite3_reset(s);
	}
	return store_tx_close(st, own, rc, cause);
}

int
store_samples_range(struct store *st, int64_t ont, int64_t from, int64_t to,
    struct signal_sample **out, size_t *n, char **cause)
{
	sqlite3_stmt *s = store_stmt(st, sql_sample_range, cause);
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, ont);
	sqlite3_bind_int64(s, 2, from);
	sqlite3_bind_int64(s, 3, to);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct signal_sample *x;

		*out = store_grow(*out, *n, &cap, sizeof **out);
		x = &(*out)[(*n)++];
		x->ont = ont;
		x->t = sqlite3_column_int64(s, 0);
		x->rx_dbm = col_cdbm(s, 1);
		x->olt_rx_dbm = col_cdbm(s, 2);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		free(*out);
		*out = NULL;
		*n = 0;
		return store_fail(st, cause, "reading signal history");
	}
	return 0;
}

int64_t
store_samples_prune(struct store *st, int64_t before, char **cause)
{
	sqlite3_stmt *s = store_stmt(st, sql_sample_prune, cause);
	int rc;

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, before);
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return store_fail(st, cause, "pruning signal history");
	return sqlite3_changes(st->db);
}

int
store_discovered_replace(struct store *st, int64_t olt_id,
    const struct discovered_ont *rows, size_t n, char **cause)
{
	sqlite3_stmt *s;
	bool own;
	int rc = 0;

	if (store_tx_open(st, &own, cause) == -1)
		return -1;
	if ((s = store_stmt(st, sql_disc_clear, cause)) == NULL)
		return store_tx_close(st, own, -1, cause);
	sqlite3_bind_int64(s, 1, olt_id);
	if (sqlite3_step(s) != SQLITE_DONE)
		rc = store_fail(st, cause, "replacing discovered ONTs");
	sqlite3_reset(s);
	for (size_t i = 0; i < n && rc == 0; i++) {
		if ((s = store_stmt(st, sql_disc_add, cause)) == NULL) {
			rc = -1;
			break;
		}
		sqlite3_bind_int64(s, 1, olt_id);
		store_bind_text(s, 2, rows[i].port);
		store_bind_text(s, 3, rows[i].sn);
		store_bind_text(s, 4, rows[i].model);
		sqlite3_bind_int64(s, 5, rows[i].found_at);
		if (sqlite3_step(s) != SQLITE_DONE)
			rc = store_fail(st, cause, "storing a discovered ONT");
		sqlite3_reset(s);
	}
	return store_tx_close(st, own, rc, cause);
}

int
store_discovered_list(struct store *st, int64_t olt_id,
    struct discovered_ont **out, size_t *n, char **cause)
{
	sqlite3_stmt *s = store_stmt(st, sql_disc_list, cause);
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, olt_id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct discovered_ont *d;

		*out = store_grow(*out, *n, &cap, sizeof **out);
		d = &(*out)[(*n)++];
		memset(d, 0, sizeof *d);
		d->olt_id = sqlite3_column_int64(s, 0);
		store_col_text(s, 1, d->port, sizeof d->port);
		store_col_text(s, 2, d->sn, sizeof d->sn);
		store_col_text(s, 3, d->model, sizeof d->model);
		d->found_at = sqlite3_column_int64(s, 4);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		free(*out);
		*out = NULL;
		*n = 0;
		return store_fail(st, cause, "listing discovered ONTs");
	}
	return 0;
}
