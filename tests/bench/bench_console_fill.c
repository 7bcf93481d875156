/*
 * bench_console_fill.c — fills a database for bench_console.sh: 200,000
 * ONTs (100 OLTs x 16 PON ports x 125 ONTs, one sweep's worth per OLT,
 * written with store_onts_upsert like a real sweep), one signal sample per
 * ONT, a few hundred active alarms, and 30 days of 5-minute history for
 * the first ONT of the first port (the ONT the bench opens in the signal
 * view).  Prints that ONT's serial on stdout.
 *
 *   bench_console_fill DB [ONTS]
 *
 * Without arguments (as `make bench` runs every build/bench/bench_*) it
 * says what it is for and exits 0: bench_console.sh is the benchmark.
 */
#include "core/store.h"
#include "lib/util.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PORTS	16

int
main(int argc, char **argv)
{
	struct store *st;
	char *cause = NULL;
	long total = 200000, per_olt, olts, per_port = 125;
	int64_t now = now_s(), first_ont = 0;
	char first_sn[SN_MAX_LEN + 1] = "";

	if (argc < 2) {
		printf("bench_console_fill: the database filler of bench_console.sh "
		    "(nothing to measure on its own)\n");
		return 0;
	}
	if (argc > 2 && parse_long(argv[2], 1000, 2000000, &total) == -1) {
		fprintf(stderr, "bench_console_fill: ONTS must be 1000..2000000\n");
		return 2;
	}
	per_olt = PORTS * per_port;
	olts = total / per_olt;
	if ((st = store_open(argv[1], &cause)) == NULL) {
		fprintf(stderr, "bench_console_fill: %s\n", cause);
		return 1;
	}
	for (long o = 0; o < olts; o++) {
		struct olt ol;
		struct ont_reading *rows = xcalloc((size_t)per_olt, sizeof *rows);
		struct signal_sample *sm = xcalloc((size_t)per_olt, sizeof *sm);
		struct ont *onts = NULL;
		size_t n = 0, k = 0;

		memset(&ol, 0, sizeof ol);
		snprintf(ol.name, sizeof ol.name, "olt-%03ld", o + 1);
		strlcpy_(ol.driver, o % 3 == 2 ? "zte" : "huawei", sizeof ol.driver);
		snprintf(ol.model, sizeof ol.model, "%s", o % 3 == 2 ? "C320" :
		    "MA5800-X17");
		snprintf(ol.host, sizeof ol.host, "127.0.0.1");
		ol.port = 1;		/* nothing listens: live reads fail fast */
		ol.snmp_port = 1;
		ol.transport = o % 3 == 2 ? TRANSPORT_TELNET : TRANSPORT_SSH;
		snprintf(ol.user, sizeof ol.user, "bench");
		if (store_olt_add(st, &ol, &cause) == -1)
			goto fail;
		for (int p = 0; p < PORTS; p++)
			for (long i = 0; i < per_port; i++, k++) {
				struct ont_reading *r = &rows[k];
				unsigned h = (unsigned)(o * 7919 + p * 131 + i * 17);

				snprintf(r->port, sizeof r->port, "0/%d/%d", 1 + p / 8, p % 8);
				r->ont_id = (int)i;
				snprintf(r->sn, sizeof r->sn, "HWTC%08lX", (unsigned long)
				    (o * per_olt + k) * 2654435761UL % 0xffffffffUL);
				r->admin = ADMIN_ENABLED;
				r->status = h % 40 == 0 ? ONT_LOS : h % 53 == 0 ? ONT_OFFLINE :
				    ONT_ONLINE;
				r->rx_dbm = r->status == ONT_ONLINE ? -14.0 - (h % 140) / 10.0 : NAN;
				r->olt_rx_dbm = r->status == ONT_ONLINE ? -16.0 - (h % 120) / 10.0 : NAN;
				r->distance_m = (int)(h % 15000);
				r->read_at = now - 60;
			}
		if (store_onts_upsert(st, ol.id, rows, (size_t)per_olt, &cause) == -1 ||
		    store_onts_on_port(st, ol.id, "0/1/0", &onts, &n, &cause) == -1)
			goto fail;
		if (o == 0 && n > 0) {
			first_ont = onts[0].id;
			snprintf(first_sn, sizeof first_sn, "%s", onts[0].sn);
		}
		free(onts);
		for (long i = 0; i < per_olt; i++) {
			struct ont x;

			if (store_ont_by_sn(st, rows[i].sn, &x, NULL) != 1)
				continue;
			sm[i] = (struct signal_sample){ x.id, now - 60, rows[i].rx_dbm,
			    rows[i].olt_rx_dbm };
			if (rows[i].status == ONT_LOS && i % 4 == 0) {
				struct alarm a = { 0 };

				a.olt_id = ol.id;
				snprintf(a.sn, sizeof a.sn, "%s", rows[i].sn);
				snprintf(a.port, sizeof a.port, "%s", rows[i].port);
				a.severity = SEV_MAJOR;
				a.kind = ALARM_LOS;
				snprintf(a.text, sizeof a.text, "loss of signal");
				a.raised_at = now - 600;
				store_alarm_raise(st, &a, NULL);
			}
		}
		if (store_samples_insert(st, sm, (size_t)per_olt, &cause) == -1)
			goto fail;
		free(rows);
		free(sm);
	}
	{
		size_t n = 30 * 288;
		struct signal_sample *h = xcalloc(n, sizeof *h);

		for (size_t i = 0; i < n; i++)
			h[i] = (struct signal_sample){ first_ont, now - 30 * 86400 + (int64_t)i * 300,
			    -19.0 + sin((double)i / 40.0) * 1.5, -21.0 + cos((double)i / 50.0) };
		if (store_samples_insert(st, h, n, &cause) == -1)
			goto fail;
		free(h);
	}
	store_close(st);
	printf("%s\n", first_sn);
	return 0;
fail:
	fprintf(stderr, "bench_console_fill: %s\n", cause);
	free(cause);
	store_close(st);
	return 1;
}
