/* test_store.c — the SQLite store: OLT CRUD, ONT sweeps, samples, links,
   alarms, backups, jobs, WAL sharing between two handles. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/store.h"
#include "lib/util.h"

struct fx {
	char dir[64];
	char *path;
	struct store *st;
};

static int
setup(void **state)
{
	struct fx *f = xcalloc(1, sizeof *f);
	char *cause = NULL;

	strcpy(f->dir, "/tmp/oltui-store.XXXXXX");
	if (mkdtemp(f->dir) == NULL)
		return -1;
	f->path = xasprintf("%s/sub/dir/oltui.db", f->dir);
	f->st = store_open(f->path, &cause);
	if (f->st == NULL) {
		fprintf(stderr, "%s\n", cause);
		return -1;
	}
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fx *f = *state;
	char *cmd = xasprintf("rm -rf %s", f->dir);

	store_close(f->st);
	if (system(cmd) != 0)
		fprintf(stderr, "cannot remove %s\n", f->dir);
	free(cmd);
	free(f->path);
	free(f);
	return 0;
}

/* Adds an OLT called name and returns its id. */
static int64_t
add_olt(struct store *st, const char *name)
{
	struct olt o = { 0 };
	char *cause = NULL;

	strcpy(o.name, name);
	strlcpy_(o.driver, "huawei", sizeof o.driver);
	strcpy(o.host, "127.0.0.1");
	o.port = 22;
	o.transport = TRANSPORT_SSH;
	strcpy(o.user, "root");
	strcpy(o.password_sealed, "v1:sealed");
	o.snmp_port = 161;
	assert_int_equal(store_olt_add(st, &o, &cause), 0);
	assert_true(o.id > 0);
	return o.id;
}

static void
test_open_creates_directories_and_reaches_current_version(void **state)
{
	struct fx *f = *state;

	assert_int_equal(store_version(f->st), schema_version);
	assert_int_equal(access(f->path, F_OK), 0);
	assert_string_equal(store_path(f->st), f->path);
}

static void
test_olt_add_find_update_remove(void **state)
{
	struct fx *f = *state;
	struct olt o, *all;
	size_t n;
	char *cause = NULL;
	int64_t id = add_olt(f->st, "pop-north");

	add_olt(f->st, "pop-east");
	assert_int_equal(store_olt_by_name(f->st, "pop-north", &o, &cause), 1);
	assert_int_equal(o.id, id);
	assert_string_equal(o.host, "127.0.0.1");
	assert_string_equal(o.driver, "huawei");
	assert_int_equal(o.transport, TRANSPORT_SSH);
	assert_string_equal(o.password_sealed, "v1:sealed");
	assert_int_equal(store_olt_by_name(f->st, "nope", &o, &cause), 0);

	strcpy(o.host, "olt.example");
	strlcpy_(o.driver, "zte", sizeof o.driver);
	assert_int_equal(store_olt_update(f->st, &o, &cause), 0);
	assert_int_equal(store_olt_by_id(f->st, id, &o, &cause), 1);
	assert_string_equal(o.host, "olt.example");
	assert_string_equal(o.driver, "zte");

	assert_int_equal(store_olt_list(f->st, &all, &n, &cause), 0);
	assert_int_equal(n, 2);
	assert_string_equal(all[0].name, "pop-east");
	assert_string_equal(all[1].name, "pop-north");
	free(all);

	assert_int_equal(store_olt_remove(f->st, "pop-north", &cause), 1);
	assert_int_equal(store_olt_remove(f->st, "pop-north", &cause), 0);
}

static void
test_duplicate_olt_name_is_refused_with_its_name(void **state)
{
	struct fx *f = *state;
	struct olt o = { 0 };
	char *cause = NULL;

	add_olt(f->st, "dup");
	strcpy(o.name, "dup");
	strcpy(o.driver, "zte");
	strcpy(o.host, "h");
	o.port = 23;
	o.snmp_port = 161;
	assert_int_equal(store_olt_add(f->st, &o, &cause), -1);
	assert_non_null(strstr(cause, "OLT dup already exists"));
	free(cause);
}

/* Fills a reading. */
static void
reading(struct ont_reading *r, const char *port, int id, const char *sn,
    double rx, int64_t t)
{
	memset(r, 0, sizeof *r);
	strcpy(r->port, port);
	r->ont_id = id;
	strcpy(r->sn, sn);
	r->admin = ADMIN_ENABLED;
	r->status = isnan(rx) ? ONT_LOS : ONT_ONLINE;
	r->rx_dbm = rx;
	r->olt_rx_dbm = isnan(rx) ? NAN : rx - 3;
	r->distance_m = isnan(rx) ? -1 : 1200 + id;
	r->read_at = t;
}

static void
test_sweep_upserts_onts_and_keeps_missing_readings_null(void **state)
{
	struct fx *f = *state;
	int64_t olt = add_olt(f->st, "pop");
	struct ont_reading r[3];
	struct ont o, *onts;
	struct pon_port *ports;
	size_t n;
	char *cause = NULL;

	reading(&r[0], "0/1/0", 0, "HWTC00000001", -20.5, 100);
	reading(&r[1], "0/1/0", 1, "HWTC00000002", NAN, 100);
	reading(&r[2], "0/2/3", 0, "HWTC00000003", -25.0, 100);
	assert_int_equal(store_onts_upsert(f->st, olt, r, 3, &cause), 0);
	assert_int_equal(store_ont_count(f->st, olt, &cause), 3);

	assert_int_equal(store_ont_by_sn(f->st, "HWTC00000002", &o, &cause), 1);
	assert_true(isnan(o.rx_dbm));
	assert_true(isnan(o.olt_rx_dbm));
	assert_int_equal(o.distance_m, -1);
	assert_int_equal(o.status, ONT_LOS);
	assert_int_equal(store_ont_by_sn(f->st, "HWTC00000001", &o, &cause), 1);
	assert_true(fabs(o.rx_dbm + 20.5) < 1e-9);
	assert_int_equal(o.distance_m, 1200);
	assert_int_equal(store_ont_by_sn(f->st, "HWTCFFFFFFFF", &o, &cause), 0);

	/* The ONT moves to another port: same row, new position. */
	reading(&r[0], "0/2/3", 5, "HWTC00000001", -21.0, 200);
	assert_int_equal(store_onts_upsert(f->st, olt, r, 1, &cause), 0);
	assert_int_equal(store_ont_count(f->st, 0, &cause), 3);
	assert_int_equal(store_onts_on_port(f->st, olt, "0/2/3", &onts, &n, &cause), 0);
	assert_int_equal(n, 2);
	assert_int_equal(onts[0].ont_id, 0);
	assert_int_equal(onts[1].ont_id, 5);
	assert_string_equal(onts[1].sn, "HWTC00000001");
	assert_int_equal(onts[1].last_seen, 200);
	free(onts);

	assert_int_equal(store_ports_list(f->st, olt, &ports, &n, &cause), 0);
	assert_int_equal(n, 2);
	assert_string_equal(ports[0].port, "0/1/0");
	assert_int_equal(ports[0].onts, 1);
	assert_string_equal(ports[1].port, "0/2/3");
	assert_int_equal(ports[1].onts, 2);
	assert_int_equal(ports[1].online, 2);
	free(ports);
}

static void
test_ports_sort_numerically(void **state)
{
	struct fx *f = *state;
	int64_t olt = add_olt(f->st, "p");
	struct ont_reading r[3];
	struct pon_port *ports;
	size_t n;
	char *cause = NULL;

	reading(&r[0], "0/10/0", 0, "A1", -20, 1);
	reading(&r[1], "0/2/15", 0, "A2", -20, 1);
	reading(&r[2], "0/2/2", 0, "A3", -20, 1);
	assert_int_equal(store_onts_upsert(f->st, olt, r, 3, &cause), 0);
	assert_int_equal(store_ports_list(f->st, olt, &ports, &n, &cause), 0);
	assert_int_equal(n, 3);
	assert_string_equal(ports[0].port, "0/2/2");
	assert_string_equal(ports[1].port, "0/2/15");
	assert_string_equal(ports[2].port, "0/10/0");
	free(ports);
}

static void
test_samples_range_and_nan_and_cascade(void **state)
{
	struct fx *f = *state;
	int64_t olt = add_olt(f->st, "s");
	struct ont_reading r;
	struct signal_sample smp[10], *got;
	struct ont o;
	size_t n;
	char *cause = NULL;

	reading(&r, "0/1/0", 1, "ZTEG00000001", -19, 1);
	assert_int_equal(store_onts_upsert(f->st, olt, &r, 1, &cause), 0);
	assert_int_equal(store_ont_by_sn(f->st, "ZTEG00000001", &o, &cause), 1);
	for (int i = 0; i < 10; i++) {
		smp[i].ont = o.id;
		smp[i].t = 1000 + i * 60;
		smp[i].rx_dbm = i == 4 ? NAN : -20.0 - i * 0.1;
		smp[i].olt_rx_dbm = -23;
	}
	assert_int_equal(store_samples_insert(f->st, smp, 10, &cause), 0);
	assert_int_equal(store_samples_range(f->st, o.id, 1060, 1300, &got, &n, &cause), 0);
	assert_int_equal(n, 4);
	assert_int_equal(got[0].t, 1060);
	assert_int_equal(got[3].t, 1240);
	assert_true(isnan(got[3].rx_dbm));
	assert_true(fabs(got[0].rx_dbm + 20.1) < 1e-9);
	free(got);
	assert_int_equal(store_samples_prune(f->st, 1120, &cause), 2);

	/* Removing the OLT removes its ONTs and their samples. */
	assert_int_equal(store_olt_remove(f->st, "s", &cause), 1);
	assert_int_equal(store_ont_count(f->st, 0, &cause), 0);
	assert_int_equal(store_samples_range(f->st, o.id, 0, INT64_MAX, &got, &n, &cause), 0);
	assert_int_equal(n, 0);
	free(got);
}

static void
test_large_sample_batches_go_in_whole(void **state)
{
	struct fx *f = *state;
	struct signal_sample smp[150], *got;
	size_t n;
	char *cause = NULL;

	/* 150 = two 64-row statements and 22 single rows; sample 100 repeats
	   sample 99's key and replaces it. */
	for (int i = 0; i < 150; i++) {
		smp[i].ont = 7;
		smp[i].t = i == 100 ? 99 : i;
		smp[i].rx_dbm = -10 - i / 100.0;
		smp[i].olt_rx_dbm = i % 3 ? NAN : -30;
	}
	assert_int_equal(store_samples_insert(f->st, smp, 150, &cause), 0);
	assert_int_equal(store_samples_range(f->st, 7, 0, 1000, &got, &n, &cause), 0);
	assert_int_equal(n, 149);
	assert_int_equal(got[99].t, 99);
	assert_true(fabs(got[99].rx_dbm + 11.0) < 1e-9);	/* sample 100's value */
	assert_true(fabs(got[148].rx_dbm + 11.49) < 1e-9);
	assert_true(isnan(got[1].olt_rx_dbm));
	assert_true(fabs(got[3].olt_rx_dbm + 30) < 1e-9);
	free(got);
}

static void
test_failed_sweep_writes_nothing(void **state)
{
	struct fx *f = *state;
	struct ont_reading r[2];
	char *cause = NULL;

	/* OLT 999 does not exist: the foreign key fails on the first row and
	   the whole batch is rolled back. */
	reading(&r[0], "0/1/0", 0, "X1", -20, 1);
	reading(&r[1], "0/1/0", 1, "X2", -20, 1);
	assert_int_equal(store_onts_upsert(f->st, 999, r, 2, &cause), -1);
	assert_non_null(cause);
	free(cause);
	assert_int_equal(store_ont_count(f->st, 0, NULL), 0);
}

static void
test_discovered_replace_per_olt(void **state)
{
	struct fx *f = *state;
	int64_t a = add_olt(f->st, "a"), b = add_olt(f->st, "b");
	struct discovered_ont d[2] = { 0 }, *got;
	size_t n;
	char *cause = NULL;

	strcpy(d[0].port, "0/1/0");
	strcpy(d[0].sn, "D1");
	d[0].found_at = 5;
	strcpy(d[1].port, "0/1/1");
	strcpy(d[1].sn, "D2");
	d[1].found_at = 6;
	assert_int_equal(store_discovered_replace(f->st, a, d, 2, &cause), 0);
	assert_int_equal(store_discovered_replace(f->st, b, d, 1, &cause), 0);
	assert_int_equal(store_discovered_replace(f->st, a, &d[1], 1, &cause), 0);
	assert_int_equal(store_discovered_list(f->st, a, &got, &n, &cause), 0);
	assert_int_equal(n, 1);
	assert_string_equal(got[0].sn, "D2");
	free(got);
	assert_int_equal(store_discovered_list(f->st, 0, &got, &n, &cause), 0);
	assert_int_equal(n, 2);
	free(got);
}

static void
test_contracts_profiles_and_links(void **state)
{
	struct fx *f = *state;
	int64_t olt = add_olt(f->st, "l");
	struct contract c = { 0 }, got;
	struct profile p = { 0 }, gp;
	struct ont_reading r;
	struct ont o;
	char (*sns)[SN_MAX_LEN + 1];
	size_t n;
	char *cause = NULL;

	strcpy(c.code, "C-100");
	strcpy(c.customer, "Ana Pérez");
	assert_int_equal(store_contract_add(f->st, &c, &cause), 0);
	assert_int_equal(store_contract_add(f->st, &c, &cause), -1);
	assert_non_null(strstr(cause, "contract C-100 already exists"));
	free(cause);
	cause = NULL;
	assert_int_equal(store_contract_by_code(f->st, "C-100", &got, &cause), 1);
	assert_string_equal(got.customer, "Ana Pérez");
	assert_int_equal(got.status, CONTRACT_ACTIVE);

	strcpy(p.name, "home-100");
	p.vlan = 100;
	p.down_mbps = 100;
	p.up_mbps = 50;
	p.wan = WAN_PPPOE;
	assert_int_equal(store_profile_add(f->st, &p, &cause), 0);
	assert_int_equal(store_profile_by_name(f->st, "home-100", &gp, &cause), 1);
	assert_int_equal(gp.vlan, 100);
	assert_int_equal(gp.wan, WAN_PPPOE);
	p.vlan = 0;	/* the schema's CHECK refuses it even if validation missed */
	strcpy(p.name, "bad");
	assert_int_equal(store_profile_add(f->st, &p, &cause), -1);
	free(cause);
	cause = NULL;

	/* A link before the ONT was ever seen, then the ONT shows up. */
	assert_int_equal(store_link_set(f->st, "HWTC0000AAAA", "C-100", &cause), 0);
	assert_int_equal(store_link_set(f->st, "HWTC0000BBBB", "C-404", &cause), -1);
	assert_non_null(strstr(cause, "no contract C-404"));
	free(cause);
	reading(&r, "0/1/0", 3, "HWTC0000AAAA", -22, 1);
	assert_int_equal(store_onts_upsert(f->st, olt, &r, 1, &cause), 0);
	assert_int_equal(store_ont_by_sn(f->st, "HWTC0000AAAA", &o, &cause), 1);
	assert_string_equal(o.contract, "C-100");
	assert_int_equal(store_contract_onts(f->st, "C-100", &sns, &n, &cause), 0);
	assert_int_equal(n, 1);
	assert_string_equal(sns[0], "HWTC0000AAAA");
	free(sns);
	assert_int_equal(store_link_remove(f->st, "HWTC0000AAAA", &cause), 1);
	assert_int_equal(store_ont_by_sn(f->st, "HWTC0000AAAA", &o, &cause), 1);
	assert_string_equal(o.contract, "");
}

static void
test_alarms_raise_once_and_clear(void **state)
{
	struct fx *f = *state;
	int64_t olt = add_olt(f->st, "al");
	struct alarm a = { 0 }, b = { 0 }, *act;
	size_t n;
	char *cause = NULL;

	a.olt_id = olt;
	strcpy(a.sn, "S1");
	a.kind = ALARM_LOS;
	a.severity = SEV_MAJOR;
	b = a;
	assert_int_equal(store_alarm_raise(f->st, &a, &cause), 1);
	assert_int_equal(store_alarm_raise(f->st, &b, &cause), 0);
	assert_int_equal(a.id, b.id);
	b.kind = ALARM_RX_CRITICAL;
	b.severity = SEV_CRITICAL;
	assert_int_equal(store_alarm_raise(f->st, &b, &cause), 1);
	assert_int_equal(store_alarms_active(f->st, olt, &act, &n, &cause), 0);
	assert_int_equal(n, 2);
	assert_int_equal(act[0].kind, ALARM_RX_CRITICAL);	/* critical first */
	free(act);
	assert_int_equal(store_alarm_clear(f->st, olt, "S1", ALARM_LOS, 0, &cause), 1);
	assert_int_equal(store_alarm_clear(f->st, olt, "S1", ALARM_LOS, 0, &cause), 0);
	assert_int_equal(store_alarms_active(f->st, 0, &act, &n, &cause), 0);
	assert_int_equal(n, 1);
	free(act);
}

static void
test_backups_keep_text_and_hash(void **state)
{
	struct fx *f = *state;
	int64_t olt = add_olt(f->st, "bk");
	struct config_backup b, *list;
	size_t n;
	char *cause = NULL;

	assert_true(store_backup_add(f->st, olt, "abc", 10, &cause) > 0);
	assert_true(store_backup_add(f->st, olt, "sysname X\n", 20, &cause) > 0);
	assert_int_equal(store_backup_latest(f->st, olt, &b, &cause), 1);
	assert_string_equal(b.text, "sysname X\n");
	store_backup_free(&b);
	assert_int_equal(store_backup_list(f->st, olt, &list, &n, &cause), 0);
	assert_int_equal(n, 2);
	/* SHA-256("abc"), the FIPS 180-2 test vector. */
	assert_string_equal(list[1].sha256,
	    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	free(list);
}

static void
test_jobs_move_through_states(void **state)
{
	struct fx *f = *state;
	struct job j = { 0 }, *list;
	size_t n;
	char *cause = NULL;

	strcpy(j.kind, "sweep");
	assert_int_equal(store_job_add(f->st, &j, &cause), 0);
	assert_int_equal(store_job_set_state(f->st, j.id, JOB_RUNNING, NULL, &cause), 0);
	assert_int_equal(store_job_set_state(f->st, j.id, JOB_DONE, "128 ONTs", &cause), 0);
	assert_int_equal(store_job_set_state(f->st, 9999, JOB_DONE, NULL, &cause), -1);
	free(cause);
	assert_int_equal(store_job_list(f->st, 10, &list, &n, &cause), 0);
	assert_int_equal(n, 1);
	assert_int_equal(list[0].state, JOB_DONE);
	assert_string_equal(list[0].result, "128 ONTs");
	assert_true(list[0].started_at > 0);
	assert_true(list[0].finished_at > 0);
	free(list);
}

static void
test_two_handles_share_the_file(void **state)
{
	struct fx *f = *state;
	struct store *other;
	struct olt o;
	char *cause = NULL, *v = NULL;

	other = store_open(f->path, &cause);
	assert_non_null(other);
	/* A write transaction open on one handle; the other still reads. */
	assert_int_equal(store_begin(f->st, &cause), 0);
	add_olt(f->st, "in-tx");
	assert_int_equal(store_olt_by_name(other, "in-tx", &o, &cause), 0);
	assert_int_equal(store_commit(f->st, &cause), 0);
	assert_int_equal(store_olt_by_name(other, "in-tx", &o, &cause), 1);
	assert_int_equal(store_meta_set(other, "k", "v", &cause), 0);
	assert_int_equal(store_meta_get(f->st, "k", &v, &cause), 1);
	assert_string_equal(v, "v");
	free(v);
	assert_int_equal(store_meta_get(f->st, "absent", &v, &cause), 0);
	store_close(other);
}

static void
test_a_writer_waits_for_another_process_instead_of_failing(void **state)
{
	struct fx *f = *state;
	int go[2], status;
	char c;
	pid_t pid;

	assert_int_equal(pipe(go), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		/* Another process (a poll daemon) holds the write lock for 400 ms. */
		struct store *st = store_open(f->path, NULL);

		if (st == NULL || store_begin(st, NULL) == -1)
			_exit(2);
		add_olt(st, "daemon");
		if (write(go[1], "L", 1) != 1)
			_exit(3);
		sleep_ms(400);
		_exit(store_commit(st, NULL) == 0 ? 0 : 4);
	}
	close(go[1]);
	assert_int_equal(read(go[0], &c, 1), 1);
	close(go[0]);
	/* The console writes meanwhile: without the busy timeout this would
	   fail at once with "database is locked"; it waits, then succeeds. */
	add_olt(f->st, "console");
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
	struct olt o;
	assert_int_equal(store_olt_by_name(f->st, "daemon", &o, NULL), 1);
	assert_int_equal(store_olt_by_name(f->st, "console", &o, NULL), 1);
}

static void
test_rollback_discards_grouped_writes(void **state)
{
	struct fx *f = *state;
	struct olt o;
	char *cause = NULL;

	assert_int_equal(store_begin(f->st, &cause), 0);
	add_olt(f->st, "gone");
	store_rollback(f->st);
	assert_int_equal(store_olt_by_name(f->st, "gone", &o, &cause), 0);
}

static void
test_newer_database_is_refused(void **state)
{
	struct fx *f = *state;
	char *path = xasprintf("%s/newer.db", f->dir), *cmd, *cause = NULL;
	struct store *st;

	st = store_open(path, &cause);
	assert_non_null(st);
	store_close(st);
	cmd = xasprintf("sqlite3 %s 'PRAGMA user_version = 99'", path);
	assert_int_equal(system(cmd), 0);
	assert_null(store_open(path, &cause));
	assert_non_null(strstr(cause, "newer than this oltui knows"));
	free(cause);
	free(cmd);
	free(path);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
		T(test_open_creates_directories_and_reaches_current_version),
		T(test_olt_add_find_update_remove),
		T(test_duplicate_olt_name_is_refused_with_its_name),
		T(test_sweep_upserts_onts_and_keeps_missing_readings_null),
		T(test_ports_sort_numerically),
		T(test_samples_range_and_nan_and_cascade),
		T(test_large_sample_batches_go_in_whole),
		T(test_failed_sweep_writes_nothing),
		T(test_discovered_replace_per_olt),
		T(test_contracts_profiles_and_links),
		T(test_alarms_raise_once_and_clear),
		T(test_backups_keep_text_and_hash),
		T(test_jobs_move_through_states),
		T(test_two_handles_share_the_file),
		T(test_a_writer_waits_for_another_process_instead_of_failing),
		T(test_rollback_discards_grouped_writes),
		T(test_newer_database_is_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
