/*
 * bench_store.c — the store at fleet scale.
 *
 * With 200,000 ONTs stored (100 OLTs x 16 PON ports x 125-128 ONTs, written
 * as one sweep per OLT), measures:
 *   - ingesting 1,000,000 signal samples (5 sweeps' worth, one transaction
 *     per 200,000)                                   target < 2 s
 *   - looking an ONT up by serial (random serials)   target < 50 us
 *   - loading one PON port's 128 ONTs                target < 1 ms
 * and prints each figure with its ratio to the target (< 1.0 is within).
 * Figures are wall-clock; for the ingest the process CPU time is printed
 * too, since a loaded machine inflates the wall time.
 * BENCH_VERBOSE=1 prints the time of each 200,000-sample transaction.
 * The database lives in a temporary directory (on the same disk as /tmp).
 */
#include "core/store.h"
#include "lib/util.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define OLTS		100
#define PORTS		16
#define PER_PORT	128
#define ONTS		200000
#define SAMPLES		1000000
#define LOOKUPS		20000
#define PON_LOADS	2000

/* Monotonic microseconds. */
static double
now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

static void
die(const char *what, char *cause)
{
	fprintf(stderr, "bench_store: %s: %s\n", what, cause ? cause : "?");
	exit(1);
}

/* Prints one figure against its target. */
static void
report(const char *what, double value, double target, const char *unit)
{
	printf("%-44s %10.3f %s  (target < %g %s, ratio %.3f)\n", what, value,
	    unit, target, unit, value / target);
}

int
main(void)
{
	char dir[] = "/tmp/oltui-bench.XXXXXX", *path, *cause = NULL, *cmd;
	struct store *st;
	struct ont_reading *r;
	struct signal_sample *smp;
	int64_t olt_ids[OLTS], first_ont = 0;
	double t0, t1;
	size_t stored = 0;

	if (mkdtemp(dir) == NULL)
		die("mkdtemp", NULL);
	path = xasprintf("%s/oltui.db", dir);
	if ((st = store_open(path, &cause)) == NULL)
		die("open", cause);
	srand(42);

	/* 200,000 ONTs, one sweep (transaction) per OLT. */
	r = xcalloc(PORTS * PER_PORT, sizeof *r);
	t0 = now_us();
	for (int o = 0; o < OLTS && stored < ONTS; o++) {
		struct olt olt = { 0 };
		size_t n = 0;

		snprintf(olt.name, sizeof olt.name, "olt-%03d", o);
		strlcpy_(olt.driver, o % 2 ? "zte" : "huawei", sizeof olt.driver);
		strcpy(olt.host, "127.0.0.1");
		olt.port = 22;
		olt.snmp_port = 161;
		if (store_olt_add(st, &olt, &cause) == -1)
			die("olt add", cause);
		olt_ids[o] = olt.id;
		for (int p = 0; p < PORTS; p++) {
			for (int i = 0; i < PER_PORT && stored + n < ONTS; i++) {
				struct ont_reading *x = &r[n++];

				snprintf(x->port, sizeof x->port, "0/%d/%d", 1 + p / 8, p % 8);
				x->ont_id = i;
				snprintf(x->sn, sizeof x->sn, "HWTC%08zX", stored + n);
				x->admin = ADMIN_ENABLED;
				x->status = i % 17 ? ONT_ONLINE : ONT_LOS;
				x->rx_dbm = x->status == ONT_LOS ? NAN : -15 - (rand() % 1300) / 100.0;
				x->olt_rx_dbm = x->rx_dbm - 3;
				x->distance_m = 500 + rand() % 15000;
				x->read_at = 1700000000;
			}
		}
		if (store_onts_upsert(st, olt.id, r, n, &cause) == -1)
			die("sweep", cause);
		stored += n;
	}
	t1 = now_us();
	printf("stored %zu ONTs on %d OLTs in %.2f s (%.1f us per ONT, one "
	    "transaction per OLT)\n", stored, OLTS, (t1 - t0) / 1e6,
	    (t1 - t0) / (double)stored);
	{
		struct ont first;

		if (store_ont_by_sn(st, "HWTC00000001", &first, &cause) != 1)
			die("first ONT", cause);
		first_ont = first.id;
	}

	/* 1,000,000 samples: five sweeps of every ONT. */
	smp = xcalloc(ONTS, sizeof *smp);
	clock_t c0 = clock();
	t0 = now_us();
	for (int sweep = 0; sweep < SAMPLES / ONTS; sweep++) {
		for (size_t i = 0; i < ONTS; i++) {
			smp[i].ont = first_ont + (int64_t)i;
			smp[i].t = 1700000000 + sweep * 300;
			smp[i].rx_dbm = i % 17 ? -15 - (double)(i % 1300) / 100.0 : NAN;
			smp[i].olt_rx_dbm = smp[i].rx_dbm - 3;
		}
		double ts = now_us();
		if (store_samples_insert(st, smp, ONTS, &cause) == -1)
			die("samples", cause);
		if (getenv("BENCH_VERBOSE"))
			printf("  sweep %d: %.3f s\n", sweep, (now_us() - ts) / 1e6);
	}
	t1 = now_us();
	report("ingest 1,000,000 signal samples", (t1 - t0) / 1e6, 2.0, "s");
	printf("%-44s %10.3f s  (CPU time of this process: the rest of the wall\n"
	    "%-44s             time is I/O and other processes on the machine)\n",
	    "  of which CPU", (double)(clock() - c0) / CLOCKS_PER_SEC, "");

	/* Lookups by serial, random. */
	{
		struct ont o;
		char sn[SN_MAX_LEN + 1];
		int found = 0;

		t0 = now_us();
		for (int i = 0; i < LOOKUPS; i++) {
			snprintf(sn, sizeof sn, "HWTC%08X", 1 + rand() % ONTS);
			found += store_ont_by_sn(st, sn, &o, &cause) == 1;
		}
		t1 = now_us();
		if (found != LOOKUPS)
			die("lookup", xasprintf("%d of %d found", found, LOOKUPS));
		report("look an ONT up by serial (mean)", (t1 - t0) / LOOKUPS, 50, "us");
	}

	/* Loading one PON port's 128 ONTs. */
	{
		struct ont *onts;
		size_t n, total = 0;
		char port[16];

		t0 = now_us();
		for (int i = 0; i < PON_LOADS; i++) {
			int p = rand() % PORTS;

			snprintf(port, sizeof port, "0/%d/%d", 1 + p / 8, p % 8);
			if (store_onts_on_port(st, olt_ids[rand() % (ONTS / (PORTS * PER_PORT))], port,
			    &onts, &n, &cause) == -1)
				die("pon", cause);
			total += n;
			free(onts);
		}
		t1 = now_us();
		if (total != (size_t)PON_LOADS * PER_PORT)
			die("pon", xasprintf("%zu ONTs loaded, wanted %d", total,
			    PON_LOADS * PER_PORT));
		report("load one PON port's 128 ONTs (mean)",
		    (t1 - t0) / PON_LOADS / 1000.0, 1.0, "ms");
	}

	/* A history query, for reference. */
	{
		struct signal_sample *h;
		size_t n;

		/* The first call prepares the statement; time the next ones. */
		if (store_samples_range(st, first_ont, 0, INT64_MAX, &h, &n, &cause) == -1)
			die("history", cause);
		free(h);
		t0 = now_us();
		for (int i = 0; i < 1000; i++) {
			if (store_samples_range(st, first_ont + rand() % ONTS, 0,
			    INT64_MAX, &h, &n, &cause) == -1 || n != SAMPLES / ONTS)
				die("history", cause);
			free(h);
		}
		t1 = now_us();
		printf("%-44s %10.3f us  (no target)\n",
		    "one ONT's signal history (5 samples, mean)", (t1 - t0) / 1000);
	}

	store_close(st);
	cmd = xasprintf("rm -rf %s", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "bench_store: cannot remove %s\n", dir);
	free(cmd);
	free(path);
	free(r);
	free(smp);
	return 0;
}
