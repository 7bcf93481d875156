/* test_history.c — signal history: downsampling zones, idempotent
   compaction, pruning, bucketed series and summaries, durations. */
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

#include "core/history.h"
#include "core/store.h"
#include "lib/util.h"

static char dbpath[128];

static struct store *
fresh_store(int64_t *ont_id)
{
	struct store *st;
	struct olt o = { 0 };
	struct ont_reading r = { .ont_id = 5, .admin = ADMIN_ENABLED,
		.status = ONT_ONLINE, .rx_dbm = -20, .olt_rx_dbm = -22, .distance_m = 900 };
	struct ont got;
	char *cause = NULL;

	snprintf(dbpath, sizeof dbpath, "/tmp/oltui-history-%d.db", (int)getpid());
	unlink(dbpath);
	st = store_open(dbpath, &cause);
	assert_non_null(st);
	strcpy(o.name, "pop-north");
	strcpy(o.host, "127.0.0.1");
	strcpy(o.user, "root");
	o.port = 22;
	o.snmp_port = 161;
	strlcpy_(o.driver, "huawei", sizeof o.driver);
	assert_int_equal(store_olt_add(st, &o, &cause), 0);
	strcpy(r.port, "0/1/1");
	strcpy(r.sn, "HWTC6B886FA5");
	r.read_at = 1000;
	assert_int_equal(store_onts_upsert(st, o.id, &r, 1, &cause), 0);
	assert_int_equal(store_ont_by_sn(st, "HWTC6B886FA5", &got, &cause), 1);
	*ont_id = got.id;
	return st;
}

static void
drop_store(struct store *st)
{
	char p[160];

	store_close(st);
	unlink(dbpath);
	snprintf(p, sizeof p, "%s-wal", dbpath);
	unlink(p);
	snprintf(p, sizeof p, "%s-shm", dbpath);
	unlink(p);
}

static size_t
count(struct store *st, int64_t ont, int64_t from, int64_t to)
{
	struct signal_sample *s = NULL;
	size_t n = 0;

	assert_int_equal(store_samples_range(st, ont, from, to, &s, &n, NULL), 0);
	free(s);
	return n;
}

static void
test_compaction_zones_and_idempotence(void **state)
{
	int64_t ont, now = 1800000000;	/* a bucket-aligned "now" */
	struct store *st = fresh_store(&ont);
	struct history_policy p;
	size_t total = 40 * 24 * 60;	/* one sample a minute for 40 days */
	struct signal_sample *s = xcalloc(total, sizeof *s);
	int64_t removed;

	(void)state;
	history_policy_default(&p);
	p.keep_s = 35 * 86400;
	for (size_t i = 0; i < total; i++) {
		s[i].ont = ont;
		s[i].t = now - (int64_t)(total - i) * 60;
		s[i].rx_dbm = -20.0 - (double)(i % 10) / 10.0;	/* avg -20.45 */
		s[i].olt_rx_dbm = i % 2 ? NAN : -22.0;
	}
	assert_int_equal(store_samples_insert(st, s, total, NULL), 0);
	removed = history_compact(st, now, &p, NULL);
	assert_true(removed > 0);
	/* Raw zone untouched: one a minute for 48 h. */
	assert_int_equal(count(st, ont, now - 48 * 3600, now), 48 * 60);
	/* Fine zone: one per 5 minutes from 30 d to 48 h. */
	assert_int_equal(count(st, ont, now - 30 * 86400, now - 48 * 3600),
	    (30 * 86400 - 48 * 3600) / 300);
	/* Coarse zone: one per hour from 35 d (kept) to 30 d. */
	assert_int_equal(count(st, ont, 0, now - 30 * 86400), 5 * 24);
	/* A second compaction changes nothing. */
	assert_int_equal(history_compact(st, now, &p, NULL), 0);
	/* Averages are averages: every 5-minute bucket of a 10-minute cycle. */
	{
		struct signal_sample *got = NULL;
		size_t n = 0;
		assert_int_equal(store_samples_range(st, ont, now - 10 * 86400,
		    now - 10 * 86400 + 3600, &got, &n, NULL), 0);
		assert_int_equal(n, 12);
		for (size_t i = 0; i < n; i++) {
			assert_int_equal(got[i].t % 300, 0);
			assert_true(got[i].rx_dbm <= -20.0 && got[i].rx_dbm >= -20.9);
			assert_float_equal(got[i].olt_rx_dbm, -22.0, 1e-9);
		}
		free(got);
	}
	free(s);
	drop_store(st);
}

static void
test_series_buckets_and_summary(void **state)
{
	int64_t ont, now = 1800000000;
	struct store *st = fresh_store(&ont);
	struct signal_sample s[60];
	struct history_bucket b[6];
	struct history_summary sum;

	(void)state;
	for (int i = 0; i < 60; i++) {
		s[i].ont = ont;
		s[i].t = now - 3600 + i * 60;	/* the last hour */
		s[i].rx_dbm = i < 30 ? -20.0 : -26.0;
		s[i].olt_rx_dbm = NAN;
	}
	assert_int_equal(store_samples_insert(st, s, 60, NULL), 0);
	assert_int_equal(history_series(st, ont, now - 3600, now, b, 6, NULL), 0);
	for (int i = 0; i < 6; i++) {
		assert_int_equal(b[i].n, 10);
		assert_float_equal(b[i].rx_dbm, i < 3 ? -20.0 : -26.0, 1e-9);
		assert_true(isnan(b[i].olt_rx_dbm));
	}
	/* A day seen in 24 columns: only the last one has data. */
	{
		struct history_bucket d[24];
		assert_int_equal(history_series(st, ont, now - 86400, now, d, 24, NULL), 0);
		for (int i = 0; i < 23; i++)
			assert_true(isnan(d[i].rx_dbm));
		assert_int_equal(d[23].n, 60);
		assert_float_equal(d[23].rx_min, -26.0, 1e-9);
	}
	assert_int_equal(history_summary(st, ont, now - 3600, now, &sum, NULL), 0);
	assert_int_equal(sum.n, 60);
	assert_float_equal(sum.rx_min, -26.0, 1e-9);
	assert_float_equal(sum.rx_max, -20.0, 1e-9);
	assert_float_equal(sum.rx_avg, -23.0, 1e-9);
	assert_float_equal(sum.last_rx, -26.0, 1e-9);
	assert_int_equal(sum.last_t, now - 60);
	drop_store(st);
}

static void
test_bad_policy_is_refused(void **state)
{
	int64_t ont;
	struct store *st = fresh_store(&ont);
	struct history_policy p;
	char *cause = NULL;

	(void)state;
	history_policy_default(&p);
	p.fine_s = p.raw_s - 1;
	assert_int_equal(history_compact(st, 1800000000, &p, &cause), -1);
	assert_non_null(strstr(cause, "raw <= fine <= keep"));
	free(cause);
	drop_store(st);
}

static void
test_durations(void **state)
{
	int64_t s;

	(void)state;
	assert_int_equal(history_parse_duration("24h", &s), 0);
	assert_int_equal(s, 86400);
	assert_int_equal(history_parse_duration("7d", &s), 0);
	assert_int_equal(s, 7 * 86400);
	assert_int_equal(history_parse_duration("90s", &s), 0);
	assert_int_equal(s, 90);
	assert_int_equal(history_parse_duration("15m", &s), 0);
	assert_int_equal(s, 900);
	assert_int_equal(history_parse_duration("2w", &s), 0);
	assert_int_equal(history_parse_duration("24", &s), -1);
	assert_int_equal(history_parse_duration("h", &s), -1);
	assert_int_equal(history_parse_duration("-5h", &s), -1);
	assert_int_equal(history_parse_duration("5hours", &s), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_compaction_zones_and_idempotence),
		cmocka_unit_test(test_series_buckets_and_summary),
		cmocka_unit_test(test_bad_policy_is_refused),
		cmocka_unit_test(test_durations),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
