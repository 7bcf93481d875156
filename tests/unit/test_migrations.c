/* test_migrations.c — each schema migration, applied to a database at the
   previous version that holds data, keeps the data and adds what it adds. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "core/acs_jobs.h"
#include "core/audit.h"
#include "core/poll.h"
#include "core/store.h"
#include "lib/util.h"

static char dir[64];

static int
setup(void **state)
{
	(void)state;
	strcpy(dir, "/tmp/oltui-migr.XXXXXX");
	return mkdtemp(dir) == NULL ? -1 : 0;
}

static int
teardown(void **state)
{
	char *cmd = xasprintf("rm -rf %s", dir);

	(void)state;
	if (system(cmd) != 0)
		fprintf(stderr, "cannot remove %s\n", dir);
	free(cmd);
	return 0;
}

/* Runs sql on name with a connection of its own (old schemas are written
   with the SQL of their version, not with today's store functions). */
static void
raw_exec(const char *name, const char *sql)
{
	char *path = xasprintf("%s/%s", dir, name);
	sqlite3 *db;

	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK)
		fail_msg("%s: %s", sql, sqlite3_errmsg(db));
	sqlite3_close(db);
	free(path);
}

/* True when name's database refuses sql (a trigger, a constraint). */
static bool
raw_refused(const char *name, const char *sql)
{
	char *path = xasprintf("%s/%s", dir, name);
	sqlite3 *db;
	bool refused;

	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	refused = sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK;
	sqlite3_close(db);
	free(path);
	return refused;
}

/* Returns the integer result of a one-value query on name. */
static long
raw_long(const char *name, const char *sql)
{
	char *path = xasprintf("%s/%s", dir, name);
	sqlite3 *db;
	sqlite3_stmt *s;
	long v = -1;

	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &s, NULL), SQLITE_OK);
	if (sqlite3_step(s) == SQLITE_ROW)
		v = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	sqlite3_close(db);
	free(path);
	return v;
}

/* Returns the text result of a one-value query on name (allocated). */
static char *
raw_text(const char *name, const char *sql)
{
	char *path = xasprintf("%s/%s", dir, name), *v = NULL;
	sqlite3 *db;
	sqlite3_stmt *s;

	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &s, NULL), SQLITE_OK);
	if (sqlite3_step(s) == SQLITE_ROW && sqlite3_column_text(s, 0) != NULL)
		v = xstrdup((const char *)sqlite3_column_text(s, 0));
	sqlite3_finalize(s);
	sqlite3_close(db);
	free(path);
	return v;
}

/* Opens name in the test directory at version v. */
static struct store *
open_at(const char *name, int v)
{
	char *path = xasprintf("%s/%s", dir, name), *cause = NULL;
	struct store *st = store_open_version(path, v, &cause);

	if (st == NULL)
		fail_msg("open %s at v%d: %s", path, v, cause);
	assert_int_equal(store_version(st), v);
	free(path);
	return st;
}

/* Adds an OLT with the SQL of versions 1-4 (column vendor); its id. */
static int64_t
raw_olt_add(const char *name, const char *olt, const char *vendor)
{
	char *sql = xasprintf("INSERT INTO olts (name, vendor, host, port, transport, "
	    "username, snmp_port, created_at) VALUES ('%s', '%s', '10.0.0.1', 23, "
	    "'telnet', 'zte', 161, 1)", olt, vendor), *q;
	int64_t id;

	raw_exec(name, sql);
	q = xasprintf("SELECT id FROM olts WHERE name = '%s'", olt);
	id = raw_long(name, q);
	free(sql);
	free(q);
	return id;
}

/* Writes v1 data into name: an OLT with two ONTs, a contract, a profile, a
   link. */
static void
fill_v1(struct store *st, const char *name)
{
	struct contract c = { 0 };
	struct profile p = { 0 };
	struct ont_reading r[2] = { 0 };
	char *cause = NULL;
	int64_t id = raw_olt_add(name, "pop-a", "zte");

	for (int i = 0; i < 2; i++) {
		strcpy(r[i].port, "1/2/3");
		r[i].ont_id = i + 1;
		snprintf(r[i].sn, sizeof r[i].sn, "ZTEG%08d", i);
		r[i].status = ONT_ONLINE;
		r[i].rx_dbm = -18.25;
		r[i].olt_rx_dbm = NAN;
		r[i].distance_m = 900;
		r[i].read_at = 1000;
	}
	assert_int_equal(store_onts_upsert(st, id, r, 2, &cause), 0);
	strcpy(c.code, "K1");
	strcpy(c.customer, "Kiosk");
	assert_int_equal(store_contract_add(st, &c, &cause), 0);
	strcpy(p.name, "biz");
	p.vlan = 200;
	p.down_mbps = 300;
	p.up_mbps = 300;
	assert_int_equal(store_profile_add(st, &p, &cause), 0);
	assert_int_equal(store_link_set(st, "ZTEG00000000", "K1", &cause), 0);
}

/* Checks the v1 data in name is intact. */
static void
check_v1(struct store *st, const char *name)
{
	struct ont t;
	struct profile p;
	char *cause = NULL, *tr;

	tr = raw_text(name, "SELECT transport FROM olts WHERE name = 'pop-a'");
	assert_non_null(tr);
	assert_string_equal(tr, "telnet");
	free(tr);
	assert_int_equal(store_ont_count(st, 0, &cause), 2);
	assert_int_equal(store_ont_by_sn(st, "ZTEG00000000", &t, &cause), 1);
	assert_string_equal(t.contract, "K1");
	assert_true(fabs(t.rx_dbm + 18.25) < 1e-9);
	assert_true(isnan(t.olt_rx_dbm));
	assert_int_equal(store_profile_by_name(st, "biz", &p, &cause), 1);
	assert_int_equal(p.vlan, 200);
}

/* Writes v2 data: samples (v2 SQL: centi-dBm), a discovered ONT, an alarm. */
static void
fill_v2(struct store *st, const char *name)
{
	struct ont t;
	struct discovered_ont d = { 0 };
	struct alarm a = { 0 };
	char *cause = NULL, *sql;

	assert_int_equal(store_ont_by_sn(st, "ZTEG00000001", &t, &cause), 1);
	sql = xasprintf("INSERT INTO signal_samples (ont, t, rx_cdbm, olt_rx_cdbm) "
	    "VALUES (%lld, 100, -2000, NULL), (%lld, 101, -2150, -2412), "
	    "(%lld, 102, NULL, NULL)", (long long)t.id, (long long)t.id,
	    (long long)t.id);
	raw_exec(name, sql);
	free(sql);
	d.olt_id = t.olt_id;
	strcpy(d.port, "1/2/4");
	strcpy(d.sn, "ZTEGAAAAAAAA");
	d.found_at = 7;
	assert_int_equal(store_discovered_replace(st, t.olt_id, &d, 1, &cause), 0);
	a.olt_id = t.olt_id;
	strcpy(a.sn, "ZTEG00000001");
	a.kind = ALARM_RX_CRITICAL;
	assert_int_equal(store_alarm_raise(st, &a, &cause), 1);
}

/* Checks the v2 data is intact (samples by count; their values are read
   through the store at the current version). */
static void
check_v2(struct store *st, const char *name)
{
	struct discovered_ont *d;
	struct alarm *a;
	size_t n;
	char *cause = NULL;

	assert_int_equal(raw_long(name, "SELECT count(*) FROM signal_samples"), 3);
	assert_int_equal(store_discovered_list(st, 0, &d, &n, &cause), 0);
	assert_int_equal(n, 1);
	assert_string_equal(d[0].sn, "ZTEGAAAAAAAA");
	free(d);
	assert_int_equal(store_alarms_active(st, 0, &a, &n, &cause), 0);
	assert_int_equal(n, 1);
	free(a);
}

static void
test_v0_to_v1_creates_the_inventory_tables(void **state)
{
	struct store *st = open_at("m1.db", 0);

	(void)state;
	store_close(st);
	st = open_at("m1.db", 1);
	fill_v1(st, "m1.db");
	check_v1(st, "m1.db");
	store_close(st);
}

static void
test_v1_to_v2_keeps_inventory_and_adds_telemetry(void **state)
{
	struct store *st = open_at("m2.db", 1);
	char *cause = NULL;

	(void)state;
	fill_v1(st, "m2.db");
	store_close(st);
	st = open_at("m2.db", 2);
	check_v1(st, "m2.db");
	fill_v2(st, "m2.db");
	check_v2(st, "m2.db");
	assert_int_equal(store_migrate(st, 2, &cause), 0);	/* idempotent */
	assert_int_equal(store_version(st), 2);
	store_close(st);
}

static void
test_v2_to_v3_keeps_telemetry_and_adds_audit_backups_jobs(void **state)
{
	struct store *st = open_at("m3.db", 2);
	struct audit_start as = { .action = "ont add", .olt = "pop-a" };
	struct job j = { 0 };
	struct olt o;
	char *cause = NULL;

	(void)state;
	fill_v1(st, "m3.db");
	fill_v2(st, "m3.db");
	store_close(st);
	st = open_at("m3.db", 3);
	check_v1(st, "m3.db");
	check_v2(st, "m3.db");
	assert_true(audit_begin(st, &as, &cause) > 0);
	/* The v2 samples read back through today's functions. */
	struct ont t;
	struct signal_sample *s;
	size_t n;
	assert_int_equal(store_ont_by_sn(st, "ZTEG00000001", &t, &cause), 1);
	assert_int_equal(store_samples_range(st, t.id, 0, 1000, &s, &n, &cause), 0);
	assert_int_equal(n, 3);
	assert_true(fabs(s[0].rx_dbm + 20.0) < 1e-9);
	assert_true(isnan(s[0].olt_rx_dbm));
	assert_true(fabs(s[1].rx_dbm + 21.5) < 1e-9);
	assert_true(fabs(s[1].olt_rx_dbm + 24.12) < 1e-9);
	assert_true(isnan(s[2].rx_dbm));
	free(s);
	o.id = raw_long("m3.db", "SELECT id FROM olts WHERE name = 'pop-a'");
	assert_true(store_backup_add(st, o.id, "cfg", 1, &cause) > 0);
	strcpy(j.kind, "backup");
	assert_int_equal(store_job_add(st, &j, &cause), 0);
	store_close(st);
}

/* Writes what versions 1-3 kept in meta for two OLTs (pop-a, and pop-b
   added here), one OLT that no longer exists (id 99) and the vault. */
static void
fill_v3_meta(struct store *st, const char *name, int64_t *a, int64_t *b)
{
	char *cause = NULL, key[64];
	static const struct { int which; const char *what, *value; } rows[] = {
		{ 0, "last_sweep", "1 1250 7 1700000000 32 30" },
		{ 1, "last_sweep", "0 3000 2 1700000100" },	/* older: 4 words */
		{ 0, "health", "{\"descr\":\"Huawei Integrated Access Software\","
		    "\"uptime_s\":1036800,\"read_at\":1700000050,\"boards\":["
		    "{\"slot\":1,\"name\":\"H901GPHF\",\"cpu_pct\":12,\"temp_c\":35.5},"
		    "{\"slot\":2,\"name\":\"\",\"cpu_pct\":-1,\"temp_c\":null}]}" },
		{ 1, "health", "not json" },
		{ 0, "sweep_failures", "0" },
		{ 1, "sweep_failures", "3" },
		{ 0, "rx_critical", "-30.50" },
		{ 0, "rx_warning", "" },		/* an override removed */
		{ 0, "temperature_high", "1" },		/* the hot-readings counter */
		{ 1, "temperature_high", "65.00" },	/* a temperature override */
		{ 1, "olt_rx_warning", "-29.00" },
		{ 2, "last_sweep", "1 1 1 1 1 1" },	/* OLT 99, removed */
		{ 2, "rx_warning", "-20.00" },
	};

	*a = raw_long(name, "SELECT id FROM olts WHERE name = 'pop-a'");
	*b = raw_olt_add(name, "pop-b", "zte");
	for (size_t i = 0; i < nitems(rows); i++) {
		int64_t id = rows[i].which == 0 ? *a : rows[i].which == 1 ? *b : 99;
		snprintf(key, sizeof key, "olt.%lld.%s", (long long)id, rows[i].what);
		assert_int_equal(store_meta_set(st, key, rows[i].value, &cause), 0);
	}
	assert_int_equal(store_meta_set(st, "vault.salt", "5a17", &cause), 0);
	assert_int_equal(store_meta_set(st, "vault.check", "token", &cause), 0);
}

/* The override of kind in ov[0..n), or NAN. */
static double
override_of(const struct olt_threshold *ov, size_t n, enum alarm_kind kind)
{
	for (size_t i = 0; i < n; i++)
		if (ov[i].kind == kind)
			return ov[i].value;
	return NAN;
}

static void
test_v3_to_v4_moves_meta_strings_into_typed_olt_state(void **state)
{
	struct store *st = open_at("m5.db", 3);
	struct olt_state s;
	struct olt_health h;
	struct olt o;
	struct board_health *bh;
	struct olt_threshold *ov;
	size_t n;
	int64_t a, b;
	char *cause = NULL, *v;

	(void)state;
	fill_v1(st, "m5.db");
	fill_v2(st, "m5.db");
	fill_v3_meta(st, "m5.db", &a, &b);
	store_close(st);
	st = open_at("m5.db", 4);
	check_v1(st, "m5.db");
	check_v2(st, "m5.db");
	/* The state row is read with today's column list (v6 added
	   sweep_partial): carry the v4 database on to the current version,
	   whose migrations keep every value v4 moved. */
	store_close(st);
	st = open_at("m5.db", schema_version);

	/* pop-a: a successful sweep, health with two boards, one override, a
	   temperature counter that is not an override. */
	assert_int_equal(store_olt_state_get(st, a, &s, &cause), 1);
	assert_true(s.sweep_ok);
	assert_int_equal(s.sweep_at, 1700000000);
	assert_int_equal(s.sweep_ms, 1250);
	assert_int_equal(s.sweep_requests, 7);
	assert_int_equal(s.sweep_onts, 32);
	assert_int_equal(s.sweep_online, 30);
	assert_int_equal(s.last_ok_at, 1700000000);
	assert_int_equal(s.failures, 0);
	assert_int_equal(s.hot_readings, 1);
	assert_string_equal(s.descr, "Huawei Integrated Access Software");
	assert_int_equal(s.uptime_s, 1036800);
	assert_int_equal(s.health_at, 1700000050);
	assert_int_equal(store_olt_state_boards(st, a, &bh, &n, &cause), 0);
	assert_int_equal(n, 2);
	assert_int_equal(bh[0].slot, 1);
	assert_string_equal(bh[0].name, "H901GPHF");
	assert_int_equal(bh[0].cpu_pct, 12);
	assert_true(fabs(bh[0].temp_c - 35.5) < 1e-9);
	assert_int_equal(bh[1].slot, 2);
	assert_int_equal(bh[1].cpu_pct, -1);
	assert_true(isnan(bh[1].temp_c));
	free(bh);
	memset(&o, 0, sizeof o);
	o.id = a;
	assert_int_equal(poll_health_load(st, &o, &h, &cause), 1);
	assert_int_equal(h.nboards, 2);
	assert_int_equal(h.read_at, 1700000050);
	assert_int_equal(store_olt_state_thresholds(st, a, &ov, &n, &cause), 0);
	assert_int_equal(n, 1);
	assert_true(fabs(override_of(ov, n, ALARM_RX_CRITICAL) + 30.5) < 1e-9);
	free(ov);

	/* pop-b: a failed sweep in the older 4-word form, health that was not
	   JSON, three failures, a temperature override. */
	assert_int_equal(store_olt_state_get(st, b, &s, &cause), 1);
	assert_false(s.sweep_ok);
	assert_int_equal(s.sweep_at, 1700000100);
	assert_int_equal(s.sweep_ms, 3000);
	assert_int_equal(s.sweep_requests, 2);
	assert_int_equal(s.sweep_onts, 0);
	assert_int_equal(s.last_ok_at, 0);
	assert_int_equal(s.failures, 3);
	assert_int_equal(s.hot_readings, 0);
	assert_int_equal(s.health_at, 0);
	assert_int_equal(s.uptime_s, -1);
	assert_int_equal(store_olt_state_boards(st, b, &bh, &n, &cause), 0);
	assert_int_equal(n, 0);
	free(bh);
	assert_int_equal(store_olt_state_thresholds(st, b, &ov, &n, &cause), 0);
	assert_int_equal(n, 2);
	assert_true(fabs(override_of(ov, n, ALARM_TEMPERATURE_HIGH) - 65.0) < 1e-9);
	assert_true(fabs(override_of(ov, n, ALARM_OLT_RX_WARNING) + 29.0) < 1e-9);
	free(ov);

	/* meta keeps the vault and nothing per OLT; OLT 99 left no row. */
	assert_int_equal(raw_long("m5.db", "SELECT count(*) FROM meta WHERE key GLOB 'olt.*'"), 0);
	assert_int_equal(store_meta_get(st, "vault.salt", &v, &cause), 1);
	assert_string_equal(v, "5a17");
	free(v);
	assert_int_equal(store_meta_get(st, "vault.check", &v, &cause), 1);
	free(v);
	assert_int_equal(raw_long("m5.db", "SELECT count(*) FROM olt_state"), 2);
	assert_int_equal(raw_long("m5.db", "SELECT count(*) FROM olt_thresholds WHERE olt_id = 99"), 0);

	/* The rows go with their OLT. */
	assert_int_equal(store_olt_remove(st, "pop-a", &cause), 1);
	assert_int_equal(store_olt_state_get(st, a, &s, &cause), 0);
	assert_int_equal(raw_long("m5.db", "SELECT count(*) FROM olt_board_health"), 0);
	assert_int_equal(raw_long("m5.db", "SELECT count(*) FROM olt_thresholds"), 2);
	store_close(st);
}

static void
test_v4_to_v5_olts_name_any_driver_and_states_use_one_spelling(void **state)
{
	struct store *st = open_at("m7.db", 4);
	struct olt o, fake;
	struct ont t;
	char *cause = NULL, *w;

	(void)state;
	fill_v1(st, "m7.db");
	raw_exec("m7.db", "UPDATE onts SET status = 'dying-gasp' WHERE sn = 'ZTEG00000000';"
	    "UPDATE onts SET status = 'power-off' WHERE sn = 'ZTEG00000001';"
	    "INSERT INTO olt_state (olt_id) SELECT id FROM olts");
	store_close(st);
	st = open_at("m7.db", 5);
	check_v1(st, "m7.db");
	/* The OLT keeps its id, its driver and everything under it. */
	assert_int_equal(store_olt_by_name(st, "pop-a", &o, &cause), 1);
	assert_string_equal(o.driver, "zte");
	assert_int_equal(o.transport, TRANSPORT_TELNET);
	assert_int_equal(store_ont_by_sn(st, "ZTEG00000000", &t, &cause), 1);
	assert_int_equal(t.olt_id, o.id);
	assert_int_equal(t.status, ONT_DYING_GASP);
	w = raw_text("m7.db", "SELECT group_concat(DISTINCT status) FROM onts");
	assert_string_equal(w, "dying_gasp");
	free(w);
	/* Any driver name fits now (a vendor needs no migration). */
	fake = o;
	strcpy(fake.name, "pop-x");
	strcpy(fake.driver, "fakevendor");
	assert_int_equal(store_olt_add(st, &fake, &cause), 0);
	assert_int_equal(store_olt_by_name(st, "pop-x", &fake, &cause), 1);
	assert_string_equal(fake.driver, "fakevendor");
	/* The rebuilt table still holds its children: they go with it. */
	assert_int_equal(store_olt_remove(st, "pop-a", &cause), 1);
	assert_int_equal(store_ont_count(st, 0, &cause), 0);
	assert_int_equal(raw_long("m7.db", "SELECT count(*) FROM olt_state"), 0);
	assert_int_equal(raw_long("m7.db", "PRAGMA foreign_key_check"), -1);
	store_close(st);
}

static void
test_v6_to_v7_olt_state_gets_sweep_partial(void **state)
{
	struct store *st = open_at("m10.db", 6);
	struct olt o;
	struct olt_state s;
	char *cause = NULL;

	(void)state;
	store_close(st);
	raw_exec("m10.db", "INSERT INTO olts (name, driver, host, port, transport, username, "
	    "snmp_port, created_at) VALUES ('pop-a', 'zte', '10.0.0.1', 23, 'telnet', 'zte', "
	    "161, 1);"
	    "INSERT INTO olt_state (olt_id, sweep_at, sweep_ok, sweep_onts, failures, "
	    "last_error) SELECT id, 1700000000, 1, 42, 0, '' FROM olts");
	st = open_at("m10.db", 7);
	assert_int_equal(store_olt_by_name(st, "pop-a", &o, &cause), 1);
	/* The row keeps what it had; an old sweep was never partial. */
	assert_int_equal(store_olt_state_get(st, o.id, &s, &cause), 1);
	assert_int_equal(s.sweep_at, 1700000000);
	assert_true(s.sweep_ok);
	assert_int_equal(s.sweep_onts, 42);
	assert_false(s.sweep_partial);
	/* A sweep records it; the column takes nothing but 0 and 1. */
	s.sweep_partial = true;
	assert_int_equal(store_olt_state_sweep(st, o.id, &s, &cause), 0);
	assert_int_equal(store_olt_state_get(st, o.id, &s, &cause), 1);
	assert_true(s.sweep_partial);
	assert_int_equal(raw_long("m10.db", "SELECT count(*) FROM olt_state WHERE sweep_partial = 1"), 1);
	store_close(st);
	assert_true(raw_refused("m10.db", "UPDATE olt_state SET sweep_partial = 2"));
}

static void
test_v7_to_v8_adds_kept_secrets_and_acs_tasks(void **state)
{
	struct store *st = open_at("m11.db", 7);
	struct kept_secret k;
	struct acs_task_row t = { .device_id = "00259E-HG8245H-X", .sn = "HWTC00000001",
	    .action = "acs wifi", .audit_id = 3, .posted_at = 1700000000 };
	struct acs_task_row *rows = NULL;
	struct olt o;
	size_t n = 0;
	char *cause = NULL;
	int64_t a, b;

	(void)state;
	store_close(st);
	raw_exec("m11.db", "INSERT INTO olts (name, driver, host, port, transport, username, "
	    "snmp_port, created_at) VALUES ('pop-a', 'huawei', '10.0.0.1', 22, 'ssh', 'r', "
	    "161, 1)");
	st = open_at("m11.db", 8);
	assert_int_equal(store_olt_by_name(st, "pop-a", &o, &cause), 1);
	/* A name's newest row is its value; the older one stays, by id. */
	assert_true((a = store_secret_keep(st, "acs:dev:p", "v1:AAAA", 3, &cause)) > 0);
	assert_true((b = store_secret_keep(st, "acs:dev:p", "v1:BBBB", 4, &cause)) > a);
	assert_int_equal(store_secret_latest(st, "acs:dev:p", &k, &cause), 1);
	assert_int_equal(k.id, b);
	assert_string_equal(k.sealed, "v1:BBBB");
	assert_int_equal(k.audit_id, 4);
	assert_int_equal(store_secret_by_id(st, a, &k, &cause), 1);
	assert_string_equal(k.sealed, "v1:AAAA");
	assert_int_equal(store_secret_forget(st, "acs:dev:p", &cause), 0);
	assert_int_equal(store_secret_latest(st, "acs:dev:p", &k, &cause), 0);
	/* A queued task, then done; the state column takes the words only. */
	strcpy(t.task_id, "65a0c0ffee");
	assert_int_equal(store_acs_task_add(st, &t, &cause), 0);
	assert_int_equal(store_acs_task_set(st, t.task_id, ACS_TASK_DONE, NULL, &cause), 0);
	assert_int_equal(store_acs_task_list(st, "HWTC00000001", &rows, &n, &cause), 0);
	assert_int_equal(n, 1);
	assert_int_equal(rows[0].state, ACS_TASK_DONE);
	assert_true(rows[0].done_at > 0);
	free(rows);
	assert_int_equal(store_acs_task_list(st, "HWTC00000002", &rows, &n, &cause), 0);
	assert_int_equal(n, 0);
	free(rows);
	store_close(st);
	assert_true(raw_refused("m11.db", "UPDATE acs_tasks SET state = 'lost'"));
}

static void
test_v8_to_v9_adds_acs_jobs_and_their_devices(void **state)
{
	struct store *st = open_at("m12.db", 8);
	struct acs_job j = { 0 }, got;
	struct acs_item it[2] = { { 0 } }, *items = NULL;
	size_t n = 0;
	char *cause = NULL;

	(void)state;
	store_close(st);
	raw_exec("m12.db", "INSERT INTO olts (name, driver, host, port, transport, username, "
	    "snmp_port, created_at) VALUES ('pop-a', 'zte', '10.0.0.1', 23, 'telnet', 'zte', "
	    "161, 1);"
	    "INSERT INTO profiles (name, vlan, down_mbps, up_mbps) VALUES ('home', 100, 300, 100)");
	st = open_at("m12.db", 9);
	/* What was there stays. */
	assert_int_equal(raw_long("m12.db", "SELECT count(*) FROM olts WHERE name = 'pop-a'"), 1);
	/* A job and its devices go in and come back as written. */
	j.kind = ACS_JOB_MASS;
	j.cap = 20;
	strcpy(j.user, "ana");
	j.filter.query = xstrdup("{\"_tags\":\"north\"}");
	strcpy(j.change.ssid, "Casa");
	assert_int_equal(store_acs_job_add(st, &j, &cause), 0);
	strcpy(it[0].device_id, "00259E-HG8245-A");
	strcpy(it[0].serial, "HWTC00000001");
	it[0].params = xstrdup("[[\"Device.WiFi.SSID.1.SSID\",\"Casa\",\"xsd:string\"]]");
	strcpy(it[1].device_id, "00259E-HG8245-B");
	it[1].state = AI_SKIPPED;
	strcpy(it[1].reason, "no radio 2");
	assert_int_equal(store_acs_items_add(st, j.id, it, 2, &cause), 0);
	assert_int_equal(store_acs_job_get(st, j.id, &got, &cause), 1);
	assert_true(got.resolved);
	assert_int_equal(got.state, AJ_PLANNED);
	assert_string_equal(got.filter.query, "{\"_tags\":\"north\"}");
	assert_string_equal(got.change.ssid, "Casa");
	assert_int_equal(got.counts.total, 2);
	assert_int_equal(got.counts.n[AI_PENDING], 1);
	assert_int_equal(got.counts.n[AI_SKIPPED], 1);
	acs_job_clear(&got);
	assert_int_equal(store_acs_items_list(st, j.id, -1, &items, &n, &cause), 0);
	assert_int_equal(n, 2);
	assert_int_equal(items[0].seq, 1);
	assert_string_equal(items[0].params,
	    "[[\"Device.WiFi.SSID.1.SSID\",\"Casa\",\"xsd:string\"]]");
	acs_items_free(items, n);
	free(it[0].params);
	acs_job_clear(&j);
	store_close(st);
	/* The columns take nothing but their words; an ONT's profile goes
	   with the profile. */
	assert_true(raw_refused("m12.db", "UPDATE acs_jobs SET state = 'half'"));
	assert_true(raw_refused("m12.db", "UPDATE acs_job_items SET state = 'maybe'"));
	assert_true(raw_refused("m12.db", "UPDATE acs_jobs SET cap = 0"));
	raw_exec("m12.db", "PRAGMA foreign_keys = ON;"
	    "INSERT INTO ont_profiles (sn, profile_id, set_at) SELECT 'HWTC00000001', id, 1 "
	    "FROM profiles; DELETE FROM profiles");
	assert_int_equal(raw_long("m12.db", "SELECT count(*) FROM ont_profiles"), 0);
}

static void
test_v5_to_v6_keeps_the_trail_and_adds_append_only_undo_records(void **state)
{
	struct store *st = open_at("m8.db", 4);	/* fill_v1 speaks v1-v4 */
	char *cause = NULL, *json = NULL;
	struct audit_start as = { .olt = "pop-a", .ont_sn = "ZTEG00000000", .action = "vlan" };
	int64_t id;

	(void)state;
	fill_v1(st, "m8.db");
	raw_exec("m8.db", "INSERT INTO audit (started_at, started_ms, os_user, pid, action, "
	    "outcome) VALUES (1, 1000, 'ana', 1, 'disable', 'ok')");
	store_close(st);
	st = open_at("m8.db", 6);
	check_v1(st, "m8.db");
	/* The old entry is there, with no undo record (it predates them). */
	assert_int_equal(raw_long("m8.db", "SELECT count(*) FROM audit"), 1);
	assert_int_equal(audit_replay_get(st, 1, &json, &cause), 0);
	/* A new entry takes one record, once; it can neither change nor go. */
	assert_true((id = audit_begin(st, &as, &cause)) > 0);
	assert_int_equal(audit_replay_set(st, id, "{\"action\":\"vlan\"}", &cause), 0);
	assert_int_equal(audit_replay_set(st, id, "{}", &cause), -1);
	free(cause);
	cause = NULL;
	assert_int_equal(audit_replay_get(st, id, &json, &cause), 1);
	assert_string_equal(json, "{\"action\":\"vlan\"}");
	free(json);
	assert_true(raw_refused("m8.db", "UPDATE audit_replay SET plan = '{}'"));
	assert_true(raw_refused("m8.db", "DELETE FROM audit_replay"));
	assert_int_equal(raw_long("m8.db", "SELECT count(*) FROM audit_replay WHERE plan = "
	    "'{\"action\":\"vlan\"}'"), 1);
	store_close(st);
}

static void
test_olt_state_columns_are_the_field_list(void **state)
{
#define FIELD_NAME(type, name, size, def, doc) "," #name
	static const char want[] = "olt_id" OLT_STATE_FIELDS(FIELD_NAME);
#undef FIELD_NAME
	struct store *st = open_at("m6.db", schema_version);
	char *got;

	(void)state;
	store_close(st);
	got = raw_text("m6.db", "SELECT group_concat(name, ',') FROM "
	    "(SELECT name FROM pragma_table_info('olt_state') ORDER BY cid)");
	assert_non_null(got);
	assert_string_equal(got, want);
	free(got);
}

static void
test_plain_open_brings_an_old_database_to_the_current_version(void **state)
{
	struct store *st = open_at("m4.db", 1);
	char *path = xasprintf("%s/m4.db", dir), *cause = NULL;

	(void)state;
	fill_v1(st, "m4.db");
	store_close(st);
	st = store_open(path, &cause);
	assert_non_null(st);
	assert_int_equal(store_version(st), schema_version);
	check_v1(st, "m4.db");
	store_close(st);
	free(path);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_v0_to_v1_creates_the_inventory_tables),
		cmocka_unit_test(test_v1_to_v2_keeps_inventory_and_adds_telemetry),
		cmocka_unit_test(test_v2_to_v3_keeps_telemetry_and_adds_audit_backups_jobs),
		cmocka_unit_test(test_v3_to_v4_moves_meta_strings_into_typed_olt_state),
		cmocka_unit_test(test_v4_to_v5_olts_name_any_driver_and_states_use_one_spelling),
		cmocka_unit_test(test_v5_to_v6_keeps_the_trail_and_adds_append_only_undo_records),
		cmocka_unit_test(test_v6_to_v7_olt_state_gets_sweep_partial),
		cmocka_unit_test(test_v7_to_v8_adds_kept_secrets_and_acs_tasks),
		cmocka_unit_test(test_v8_to_v9_adds_acs_jobs_and_their_devices),
		cmocka_unit_test(test_olt_state_columns_are_the_field_list),
		cmocka_unit_test(test_plain_open_brings_an_old_database_to_the_current_version),
	};

	/* Every migration has a test above: adding migration 10 fails here
	   until a test for it is written. */
	if (schema_version != 9) {
		printf("not ok 1 - schema_version is %d: add a test for each new "
		    "migration\n", schema_version);
		return 1;
	}
	return cmocka_run_group_tests(tests, setup, teardown);
}
