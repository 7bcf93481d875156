/* test_store_olt_state.c — the typed per-OLT state: the state row (last
   sweep, reachability, health summary, debounce counters) written by group
   from two handles, board health, threshold overrides, words this oltui
   does not know, rows that go with their OLT, and the JSON and doc table
   that come from the same field list. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "core/olt_state.h"
#include "core/store.h"
#include "lib/util.h"

struct fx {
	char		 dir[64];
	char		*path;
	struct store	*st;
	int64_t		 olt;
};

static int
setup(void **state)
{
	struct fx *f = xcalloc(1, sizeof *f);
	struct olt o = { 0 };
	char *cause = NULL;

	strcpy(f->dir, "/tmp/oltui-state.XXXXXX");
	if (mkdtemp(f->dir) == NULL)
		return -1;
	f->path = xasprintf("%s/oltui.db", f->dir);
	if ((f->st = store_open(f->path, &cause)) == NULL) {
		fprintf(stderr, "%s\n", cause);
		return -1;
	}
	strcpy(o.name, "pop-north");
	strcpy(o.driver, "huawei");
	strcpy(o.host, "127.0.0.1");
	strcpy(o.user, "root");
	o.port = 22;
	o.snmp_port = 161;
	if (store_olt_add(f->st, &o, &cause) != 0)
		return -1;
	f->olt = o.id;
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

/* Runs sql on the fixture's file with a connection of its own. */
static void
raw_exec(struct fx *f, const char *sql)
{
	sqlite3 *db;

	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK)
		fail_msg("%s: %s", sql, sqlite3_errmsg(db));
	sqlite3_close(db);
}

/* Records a sweep of the fixture's OLT through handle st. */
static void
note_sweep(struct store *st, int64_t olt, bool ok, int64_t at, int64_t onts)
{
	struct olt_state s;
	char *cause = NULL;

	olt_state_init(&s, olt);
	s.sweep_ok = ok;
	s.sweep_at = at;
	s.sweep_ms = 1250;
	s.sweep_requests = 14;
	s.sweep_onts = onts;
	s.sweep_online = onts - 2;
	if (store_olt_state_sweep(st, olt, &s, &cause) != 0)
		fail_msg("store_olt_state_sweep: %s", cause);
}

static void
test_an_olt_never_swept_reads_the_defaults(void **state)
{
	struct fx *f = *state;
	struct olt_state s;
	char *cause = NULL;

	memset(&s, 0x5a, sizeof s);
	assert_int_equal(store_olt_state_get(f->st, f->olt, &s, &cause), 0);
	assert_int_equal(s.olt_id, f->olt);
	assert_int_equal(s.sweep_at, 0);
	assert_false(s.sweep_ok);
	assert_int_equal(s.failures, 0);
	assert_int_equal(s.uptime_s, -1);
	assert_int_equal(s.health_at, 0);
	assert_string_equal(s.last_error, "");
	assert_string_equal(s.descr, "");
}

static void
test_a_failed_sweep_keeps_the_time_of_the_last_success(void **state)
{
	struct fx *f = *state;
	struct olt_state s;
	char *cause = NULL;

	note_sweep(f->st, f->olt, true, 1000, 32);
	assert_int_equal(store_olt_state_get(f->st, f->olt, &s, &cause), 1);
	assert_true(s.sweep_ok);
	assert_int_equal(s.sweep_at, 1000);
	assert_int_equal(s.last_ok_at, 1000);
	assert_int_equal(s.sweep_ms, 1250);
	assert_int_equal(s.sweep_requests, 14);
	assert_int_equal(s.sweep_onts, 32);
	assert_int_equal(s.sweep_online, 30);
	note_sweep(f->st, f->olt, false, 1300, 0);
	assert_int_equal(store_olt_state_get(f->st, f->olt, &s, &cause), 1);
	assert_false(s.sweep_ok);
	assert_int_equal(s.sweep_at, 1300);
	assert_int_equal(s.last_ok_at, 1000);
	assert_int_equal(s.sweep_onts, 0);
	note_sweep(f->st, f->olt, true, 1600, 31);
	assert_int_equal(store_olt_state_get(f->st, f->olt, &s, &cause), 1);
	assert_int_equal(s.last_ok_at, 1600);
}

static void
test_failures_count_up_with_their_reason_and_a_success_resets_them(void **state)
{
	struct fx *f = *state;
	struct olt_state s;
	int64_t n = -1;
	char *cause = NULL;

	assert_int_equal(store_olt_state_reach(f->st, f->olt, false, "no answer from "
	    "127.0.0.1:161", &n, &cause), 0);
	assert_int_equal(n, 1);
	assert_int_equal(store_olt_state_reach(f->st, f->olt, false, NULL, &n, &cause), 0);
	assert_int_equal(n, 2);
	assert_int_equal(store_olt_state_get(f->st, f->olt, &s, &cause), 1);
	assert_int_equal(s.failures, 2);
	assert_string_equal(s.last_error, "no answer");
	assert_int_equal(store_olt_state_reach(f->st, f->olt, true, "ignored", &n, &cause), 0);
	assert_int_equal(n, 0);
	assert_int_equal(store_olt_state_get(f->st, f->olt, &s, &cause), 1);
	assert_int_equal(s.failures, 0);
	assert_string_equal(s.last_error, "");
}

static void
test_hot_readings_count_only_in_a_row(void **state)
{
	struct fx *f = *state;
	int64_t n = -1;
	char *cause = NULL;

	assert_int_equal(store_olt_state_hot(f->st, f->olt, true, &n, &cause), 0);
	assert_int_equal(n, 1);
	assert_int_equal(store_olt_state_hot(f->st, f->olt, true, &n, &cause), 0);
	assert_int_equal(n, 2);
	assert_int_equal(store_olt_state_hot(f->st, f->olt, false, &n, &cause), 0);
	assert_int_equal(n, 0);
	assert_int_equal(store_olt_state_hot(f->st, f->olt, true, NULL, &cause), 0);
	assert_int_equal(store_olt_state_hot(f->st, f->olt, true, &n, &cause), 0);
	assert_int_equal(n, 2);
}

static void
test_two_handles_writing_different_groups_keep_both(void **state)
{
	struct fx *f = *state;
	struct store *other;
	struct olt_state s, h;
	int64_t n;
	char *cause = NULL;

	other = store_open(f->path, &cause);
	assert_non_null(other);
	/* A console records a sweep while a daemon records health and counts. */
	note_sweep(f->st, f->olt, true, 2000, 16);
	olt_state_init(&h, f->olt);
	strcpy(h.descr, "ZXA10 C320");
	h.uptime_s = 3600;
	h.health_at = 2001;
	assert_int_equal(store_olt_state_health(other, f->olt, &h, NULL, 0, &cause), 0);
	assert_int_equal(store_olt_state_hot(other, f->olt, true, &n, &cause), 0);
	assert_int_equal(store_olt_state_reach(f->st, f->olt, false, "timeout", &n, &cause), 0);
	assert_int_equal(store_olt_state_reach(other, f->olt, false, "timeout", &n, &cause), 0);
	assert_int_equal(n, 2);	/* counted in SQL: one handle sees the other's step */
	assert_int_equal(store_olt_state_get(f->st, f->olt, &s, &cause), 1);
	assert_int_equal(s.sweep_at, 2000);
	assert_int_equal(s.sweep_onts, 16);
	assert_string_equal(s.descr, "ZXA10 C320");
	assert_int_equal(s.uptime_s, 3600);
	assert_int_equal(s.health_at, 2001);
	assert_int_equal(s.hot_readings, 1);
	assert_int_equal(s.failures, 2);
	store_close(other);
}

static void
test_health_replaces_the_boards_and_keeps_unknown_readings_unknown(void **state)
{
	struct fx *f = *state;
	struct olt_state h;
	struct board_health in[3] = {
		{ .frame = 0, .slot = 2, .name = "H901MPLA", .cpu_pct = 12, .temp_c = 35.5 },
		{ .frame = 0, .slot = 1, .name = "H901GPHF", .cpu_pct = -1, .temp_c = NAN },
		{ .frame = 1, .slot = 1, .name = "", .cpu_pct = 0, .temp_c = -5 },
	}, *out;
	size_t n;
	char *cause = NULL;

	olt_state_init(&h, f->olt);
	h.health_at = 10;
	assert_int_equal(store_olt_state_health(f->st, f->olt, &h, in, 3, &cause), 0);
	assert_int_equal(store_olt_state_boards(f->st, f->olt, &out, &n, &cause), 0);
	assert_int_equal(n, 3);
	/* by frame, then slot */
	assert_int_equal(out[0].slot, 1);
	assert_string_equal(out[0].name, "H901GPHF");
	assert_int_equal(out[0].cpu_pct, -1);
	assert_true(isnan(out[0].temp_c));
	assert_int_equal(out[1].slot, 2);
	assert_int_equal(out[1].cpu_pct, 12);
	assert_true(fabs(out[1].temp_c - 35.5) < 1e-9);
	assert_int_equal(out[2].frame, 1);
	assert_int_equal(out[2].cpu_pct, 0);
	assert_true(fabs(out[2].temp_c + 5) < 1e-9);
	free(out);
	h.health_at = 20;
	assert_int_equal(store_olt_state_health(f->st, f->olt, &h, in, 1, &cause), 0);
	assert_int_equal(store_olt_state_boards(f->st, f->olt, &out, &n, &cause), 0);
	assert_int_equal(n, 1);
	assert_int_equal(out[0].slot, 2);
	free(out);
}

static void
test_threshold_overrides_are_set_replaced_and_removed_per_kind(void **state)
{
	struct fx *f = *state;
	struct olt_threshold *ov;
	size_t n;
	char *cause = NULL;

	assert_int_equal(store_olt_state_threshold_set(f->st, f->olt, ALARM_RX_CRITICAL,
	    -30.5, &cause), 0);
	assert_int_equal(store_olt_state_threshold_set(f->st, f->olt, ALARM_TEMPERATURE_HIGH,
	    60, &cause), 0);
	assert_int_equal(store_olt_state_threshold_set(f->st, f->olt, ALARM_RX_CRITICAL,
	    -31, &cause), 0);
	assert_int_equal(store_olt_state_thresholds(f->st, f->olt, &ov, &n, &cause), 0);
	assert_int_equal(n, 2);
	assert_int_equal(ov[0].kind, ALARM_RX_CRITICAL);	/* by word */
	assert_true(fabs(ov[0].value + 31) < 1e-9);
	assert_int_equal(ov[1].kind, ALARM_TEMPERATURE_HIGH);
	assert_true(fabs(ov[1].value - 60) < 1e-9);
	free(ov);
	assert_int_equal(store_olt_state_threshold_set(f->st, f->olt, ALARM_RX_CRITICAL,
	    NAN, &cause), 0);
	assert_int_equal(store_olt_state_thresholds(f->st, f->olt, &ov, &n, &cause), 0);
	assert_int_equal(n, 1);
	assert_int_equal(ov[0].kind, ALARM_TEMPERATURE_HIGH);
	free(ov);
}

static void
test_words_a_newer_oltui_wrote_read_as_unknown(void **state)
{
	struct fx *f = *state;
	struct olt_threshold *ov;
	struct alarm *al;
	size_t n;
	char *cause = NULL, *sql;

	sql = xasprintf("INSERT INTO olt_thresholds (olt_id, kind, value) VALUES "
	    "(%lld, 'ber_high', 3); INSERT INTO alarms (olt_id, severity, kind, text, "
	    "raised_at) VALUES (%lld, 'major', 'ber_high', 'BER 1e-6 on 0/1/0', 5)",
	    (long long)f->olt, (long long)f->olt);
	raw_exec(f, sql);
	free(sql);
	assert_int_equal(store_olt_state_thresholds(f->st, f->olt, &ov, &n, &cause), 0);
	assert_int_equal(n, 1);
	assert_int_equal(ov[0].kind, ALARM_UNKNOWN);
	free(ov);
	assert_int_equal(store_alarms_active(f->st, f->olt, &al, &n, &cause), 0);
	assert_int_equal(n, 1);
	assert_int_equal(al[0].kind, ALARM_UNKNOWN);
	assert_int_equal(al[0].severity, SEV_MAJOR);
	assert_string_equal(al[0].text, "BER 1e-6 on 0/1/0");
	free(al);
}

static void
test_the_state_goes_with_its_olt(void **state)
{
	struct fx *f = *state;
	struct olt_state s;
	struct board_health b = { .slot = 1, .cpu_pct = 5, .temp_c = 40 }, *out;
	struct olt_threshold *ov;
	size_t n;
	char *cause = NULL;

	note_sweep(f->st, f->olt, true, 100, 8);
	olt_state_init(&s, f->olt);
	s.health_at = 100;
	assert_int_equal(store_olt_state_health(f->st, f->olt, &s, &b, 1, &cause), 0);
	assert_int_equal(store_olt_state_threshold_set(f->st, f->olt, ALARM_RX_WARNING, -27,
	    &cause), 0);
	assert_int_equal(store_olt_remove(f->st, "pop-north", &cause), 1);
	assert_int_equal(store_olt_state_get(f->st, f->olt, &s, &cause), 0);
	assert_int_equal(store_olt_state_boards(f->st, f->olt, &out, &n, &cause), 0);
	assert_int_equal(n, 0);
	free(out);
	assert_int_equal(store_olt_state_thresholds(f->st, f->olt, &ov, &n, &cause), 0);
	assert_int_equal(n, 0);
	free(ov);
}

static void
test_a_state_for_an_olt_that_does_not_exist_is_refused(void **state)
{
	struct fx *f = *state;
	char *cause = NULL;

	assert_int_equal(store_olt_state_hot(f->st, f->olt + 100, true, NULL, &cause), -1);
	assert_non_null(strstr(cause, "counting temperature readings"));
	free(cause);
}

static void
test_json_has_every_field_with_times_in_iso_or_null(void **state)
{
	struct fx *f = *state;
	struct olt_state s;
	cJSON *o = cJSON_CreateObject(), *x;
	int fields = 0;

	olt_state_init(&s, f->olt);
	s.sweep_ok = true;
	s.sweep_at = 1763780400;
	s.sweep_onts = 64;
	strcpy(s.last_error, "a \"quoted\" reason");
	olt_state_json(&s, o);
#define COUNT_FIELD(type, name, size, def, doc) fields++;
	OLT_STATE_FIELDS(COUNT_FIELD)
#undef COUNT_FIELD
	assert_int_equal(cJSON_GetArraySize(o), fields);
	assert_true(cJSON_IsTrue(cJSON_GetObjectItem(o, "sweep_ok")));
	x = cJSON_GetObjectItem(o, "sweep_at");
	assert_true(cJSON_IsString(x));
	assert_string_equal(x->valuestring, "2025-11-22T03:00:00Z");
	assert_true(cJSON_IsNull(cJSON_GetObjectItem(o, "last_ok_at")));
	assert_int_equal(cJSON_GetObjectItem(o, "sweep_onts")->valueint, 64);
	assert_int_equal(cJSON_GetObjectItem(o, "uptime_s")->valueint, -1);
	assert_string_equal(cJSON_GetObjectItem(o, "last_error")->valuestring,
	    "a \"quoted\" reason");
	cJSON_Delete(o);
}

static void
test_the_doc_table_has_a_row_per_field(void **state)
{
	char *text = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&text, &len);
	int rows = 0, fields = 0;

	(void)state;
	olt_state_print_markdown(m);
	fclose(m);
	for (char *p = text; (p = strstr(p, "\n| `")) != NULL; p++)
		rows++;
#define COUNT_FIELD(type, name, size, def, doc) fields++;
	OLT_STATE_FIELDS(COUNT_FIELD)
#undef COUNT_FIELD
	assert_int_equal(rows, fields);
	assert_non_null(strstr(text, "| `failures` | integer | failed sweeps in a row"));
	free(text);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_an_olt_never_swept_reads_the_defaults),
		T(test_a_failed_sweep_keeps_the_time_of_the_last_success),
		T(test_failures_count_up_with_their_reason_and_a_success_resets_them),
		T(test_hot_readings_count_only_in_a_row),
		T(test_two_handles_writing_different_groups_keep_both),
		T(test_health_replaces_the_boards_and_keeps_unknown_readings_unknown),
		T(test_threshold_overrides_are_set_replaced_and_removed_per_kind),
		T(test_words_a_newer_oltui_wrote_read_as_unknown),
		T(test_the_state_goes_with_its_olt),
		T(test_a_state_for_an_olt_that_does_not_exist_is_refused),
		T(test_json_has_every_field_with_times_in_iso_or_null),
		T(test_the_doc_table_has_a_row_per_field),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
