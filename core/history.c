/*
 * history.c — retention, downsampling and bucketed reads of signal samples.
 *
 * Samples are stored as whole centi-dBm (the store's choice: integers
 * compress and compare well), so averages are rounded to 0.01 dB.
 *
 * Compaction folds each zone into buckets with a temporary table: average
 * the rows of every bucket that still holds raw rows (more than one row, or
 * a row off the bucket start), delete those rows, insert the averages.  All
 * in one transaction on the caller's store handle, so a console reading at
 * the same time sees either the old rows or the new ones (WAL).
 */
#include "core/history.h"
#include "core/store_impl.h"
#include "lib/util.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void
history_policy_default(struct history_policy *p)
{
	p->raw_s = 48 * 3600;
	p->fine_s = 30 * 86400;
	p->fine_step_s = 300;
	p->coarse_step_s = 3600;
	p->keep_s = 365 * 86400;
}

static const char sql_agg_table[] =
    "CREATE TEMP TABLE IF NOT EXISTS history_agg ("
    " ont INTEGER, t INTEGER, rx_cdbm INTEGER, olt_rx_cdbm INTEGER)";
static const char sql_agg_clear[] = "DELETE FROM temp.history_agg";
/* ?1 = zone start (older bound), ?2 = zone end, ?3 = bucket seconds. */
static const char sql_agg_fill[] =
    "INSERT INTO temp.history_agg (ont, t, rx_cdbm, olt_rx_cdbm) "
    "SELECT ont, (t / ?3) * ?3, CAST(round(avg(rx_cdbm)) AS INTEGER), "
    "CAST(round(avg(olt_rx_cdbm)) AS INTEGER) FROM signal_samples "
    "WHERE t >= ?1 AND t < ?2 GROUP BY ont, t / ?3 "
    "HAVING count(*) > 1 OR max(t % ?3) <> 0";
static const char sql_agg_delete[] =
    "DELETE FROM signal_samples WHERE t >= ?1 AND t < ?2 AND "
    "(ont, (t / ?3) * ?3) IN (SELECT ont, t FROM temp.history_agg)";
static const char sql_agg_insert[] =
    "INSERT OR REPLACE INTO signal_samples (ont, t, rx_cdbm, olt_rx_cdbm) "
    "SELECT ont, t, rx_cdbm, olt_rx_cdbm FROM temp.history_agg";
static const char sql_prune[] = "DELETE FROM signal_samples WHERE t < ?1";

/* Runs one cached statement with up to three integer parameters; returns
   the number of rows changed or -1. */
static int64_t
run3(struct store *st, const char *sql, int n, int64_t a, int64_t b, int64_t c,
    char **cause, const char *what)
{
	sqlite3_stmt *s = store_stmt(st, sql, cause);

	if (s == NULL)
		return -1;
	if (n > 0)
		sqlite3_bind_int64(s, 1, a);
	if (n > 1)
		sqlite3_bind_int64(s, 2, b);
	if (n > 2)
		sqlite3_bind_int64(s, 3, c);
	if (sqlite3_step(s) != SQLITE_DONE)
		return store_fail(st, cause, what);
	return sqlite3_changes64(st->db);
}

/* Folds the rows of [from, to) into buckets of step seconds. */
static int64_t
fold_zone(struct store *st, int64_t from, int64_t to, int64_t step, char **cause)
{
	int64_t deleted;

	if (to <= from)
		return 0;
	if (run3(st, sql_agg_clear, 0, 0, 0, 0, cause, "clearing history work table") < 0 ||
	    run3(st, sql_agg_fill, 3, from, to, step, cause, "averaging samples") < 0)
		return -1;
	deleted = run3(st, sql_agg_delete, 3, from, to, step, cause, "removing raw samples");
	if (deleted < 0 ||
	    run3(st, sql_agg_insert, 0, 0, 0, 0, cause, "storing averaged samples") < 0)
		return -1;
	return deleted;
}

int64_t
history_compact(struct store *st, int64_t now, const struct history_policy *p,
    char **cause)
{
	int64_t raw_cut, fine_cut, keep_cut, total = 0, n;
	bool own;
	int rc = 0;

	if (p->fine_step_s <= 0 || p->coarse_step_s <= 0 || p->raw_s < 0 ||
	    p->fine_s < p->raw_s || p->keep_s < p->fine_s) {
		set_cause(cause, "history policy: need 0 <= raw <= fine <= keep and "
		    "positive bucket sizes");
		return -1;
	}
	/* Zone edges fall on bucket edges so a bucket is never split. */
	raw_cut = ((now - p->raw_s) / p->fine_step_s) * p->fine_step_s;
	fine_cut = ((now - p->fine_s) / p->coarse_step_s) * p->coarse_step_s;
	keep_cut = now - p->keep_s;
	if (store_exec(st, sql_agg_table, cause) != 0)
		return -1;
	if (store_tx_open(st, &own, cause) != 0)
		return -1;
	if ((n = fold_zone(st, fine_cut, raw_cut, p->fine_step_s, cause)) < 0)
		rc = -1;
	else
		total += n;
	if (rc == 0 && (n = fold_zone(st, INT64_MIN / 2, fine_cut, p->coarse_step_s,
	    cause)) < 0)
		rc = -1;
	else if (rc == 0)
		total += n;
	if (rc == 0 && (n = run3(st, sql_prune, 1, keep_cut, 0, 0, cause,
	    "pruning old samples")) < 0)
		rc = -1;
	else if (rc == 0)
		total += n;
	if (store_tx_close(st, own, rc, cause) != 0)
		return -1;
	return total;
}

int
history_series(struct store *st, int64_t ont, int64_t from, int64_t to,
    struct history_bucket *out, size_t nb, char **cause)
{
	struct signal_sample *s = NULL;
	size_t n = 0;
	double *rx_sum, *olt_sum;
	int *olt_n;

	if (nb == 0 || to <= from) {
		set_cause(cause, "history series: empty period or no columns");
		return -1;
	}
	if (store_samples_range(st, ont, from, to, &s, &n, cause) != 0)
		return -1;
	rx_sum = xcalloc(nb, sizeof *rx_sum);
	olt_sum = xcalloc(nb, sizeof *olt_sum);
	olt_n = xcalloc(nb, sizeof *olt_n);
	for (size_t b = 0; b < nb; b++) {
		out[b].n = 0;
		out[b].rx_min = NAN;
	}
	for (size_t i = 0; i < n; i++) {
		size_t b = (size_t)((double)(s[i].t - from) * (double)nb / (double)(to - from));

		if (b >= nb)
			b = nb - 1;
		if (!isnan(s[i].rx_dbm)) {
			rx_sum[b] += s[i].rx_dbm;
			out[b].n++;
			if (isnan(out[b].rx_min) || s[i].rx_dbm < out[b].rx_min)
				out[b].rx_min = s[i].rx_dbm;
		}
		if (!isnan(s[i].olt_rx_dbm)) {
			olt_sum[b] += s[i].olt_rx_dbm;
			olt_n[b]++;
		}
	}
	for (size_t b = 0; b < nb; b++) {
		out[b].rx_dbm = out[b].n ? rx_sum[b] / out[b].n : NAN;
		out[b].olt_rx_dbm = olt_n[b] ? olt_sum[b] / olt_n[b] : NAN;
	}
	free(rx_sum);
	free(olt_sum);
	free(olt_n);
	free(s);
	return 0;
}

int
history_summary(struct store *st, int64_t ont, int64_t from, int64_t to,
    struct history_summary *out, char **cause)
{
	struct signal_sample *s = NULL;
	size_t n = 0, k = 0;
	double sum = 0;

	if (store_samples_range(st, ont, from, to, &s, &n, cause) != 0)
		return -1;
	out->rx_min = out->rx_avg = out->rx_max = NAN;
	out->last_rx = out->last_olt_rx = NAN;
	out->last_t = 0;
	out->n = n;
	for (size_t i = 0; i < n; i++) {
		double v = s[i].rx_dbm;

		if (isnan(v))
			continue;
		if (k == 0 || v < out->rx_min)
			out->rx_min = v;
		if (k == 0 || v > out->rx_max)
			out->rx_max = v;
		sum += v;
		k++;
	}
	if (k > 0)
		out->rx_avg = sum / (double)k;
	if (n > 0) {
		out->last_rx = s[n - 1].rx_dbm;
		out->last_olt_rx = s[n - 1].olt_rx_dbm;
		out->last_t = s[n - 1].t;
	}
	free(s);
	return 0;
}

int
history_parse_duration(const char *s, int64_t *seconds)
{
	char *end;
	long v;
	int64_t mult;

	if (s == NULL || *s < '0' || *s > '9')
		return -1;
	v = strtol(s, &end, 10);
	if (v <= 0 || v > 100000)
		return -1;
	if (strcmp(end, "s") == 0)
		mult = 1;
	else if (strcmp(end, "m") == 0)
		mult = 60;
	else if (strcmp(end, "h") == 0)
		mult = 3600;
	else if (strcmp(end, "d") == 0)
		mult = 86400;
	else if (strcmp(end, "w") == 0)
		mult = 7 * 86400;
	else
		return -1;
	*seconds = (int64_t)v * mult;
	return 0;
}
