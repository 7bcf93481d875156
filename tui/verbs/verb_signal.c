/*
 * verb_signal.c — what was read, from the cache: `oltui signal SN` (one
 * ONT's optical history, or its live level with --live) and `oltui alarms`.
 *
 *   oltui signal SN [--since 24h] [--json] | SN --live [--interval S] [--count N]
 *   oltui alarms [--all] [--olt NAME] [--json] | --kinds-markdown
 *
 * Exit status (verb.h): 0 ok; 1 failed; 2 usage (an ONT or OLT oltui does
 * not know included); 3 the OLT did not answer a live reading.  Main
 * thread.
 */
#include "tui/verbs/verb.h"
#include "core/alarms.h"
#include "core/config.h"
#include "core/engine.h"
#include "core/history.h"
#include "core/ops.h"
#include "core/store.h"
#include "lib/sn.h"
#include "lib/util.h"

#include <cJSON.h>
#include <langinfo.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A --since duration, as given and in seconds. */
struct since {
	const char	*text;
	int64_t		 s;
};

/* What signal and alarms read. */
struct signal_args {
	struct verb_common	 c;
	const char		*name;		/* signal SN */
	struct since		 since;
	bool			 live;
	long			 interval;
	long			 count;
	bool			 all;
	const char		*olt;		/* alarms --olt */
	bool			 markdown;	/* --kinds-markdown */
};

static volatile sig_atomic_t live_stop;

/* SIGINT / SIGTERM during `signal --live`. */
static void
on_stop_signal(int sig)
{
	(void)sig;
	live_stop = 1;
}


static bool
utf8_ok(const struct globals *g)
{
	const char *cs = nl_langinfo(CODESET);

	return !g->ascii && cs != NULL && str_casecmp(cs, "UTF-8") == 0;
}

/* Appends a sparkline of buckets to out, scaled from lo to hi dBm. */
static void
sparkline(struct buf *out, const struct history_bucket *b, size_t n, double lo,
    double hi, bool utf8)
{
	static const char *const blocks[] = { "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█" };
	static const char ascii[] = "_.-:=+*#";

	for (size_t i = 0; i < n; i++) {
		int k;

		if (isnan(b[i].rx_dbm)) {
			buf_addc(out, ' ');
			continue;
		}
		k = hi > lo ? (int)((b[i].rx_dbm - lo) / (hi - lo) * 7.999) : 4;
		if (k < 0)
			k = 0;
		if (k > 7)
			k = 7;
		if (utf8)
			buf_adds(out, blocks[k]);
		else
			buf_addc(out, ascii[k]);
	}
}

/* The cached ONT a->name (a serial) and its OLT.  EXIT_OK, or the exit
   status after printing why (a serial oltui does not know is a usage
   error). */
static int
cached_ont(const struct signal_args *a, struct store *st, struct ont *o, struct olt *olt)
{
	char *cause = NULL, sn[SN_LEN + 1];
	int rc;

	if (sn_normalize(a->name, sn) != 0)
		return verb_fail(&a->c, ERR_USAGE, "'%s' is not a GPON serial", a->name);
	if ((rc = store_ont_by_sn(st, sn, o, &cause)) != 1)
		return verb_fail_cause(&a->c, rc == 0 ? ERR_USAGE : ERR_INTERNAL, rc == 0 ?
		    xasprintf("no ONT with serial %s in the cache (run oltui poll --once "
		    "first)", sn) : cause);
	if (store_olt_by_id(st, o->olt_id, olt, &cause) != 1)
		return verb_fail_cause(&a->c, ERR_INTERNAL, cause != NULL ? cause :
		    xasprintf("the OLT of ONT %s is gone", sn));
	return EXIT_OK;
}

/* `signal SN --live`: GETs the ONT every interval seconds (one request) and
   prints a line per reading until interrupted or count readings. */
static int
signal_live(const struct signal_args *a)
{
	struct engine *e;
	struct store *st;
	const struct config *cfg;
	struct ont o;
	struct olt olt;
	struct sigaction sa;
	long interval = a->interval, count = a->count;
	int rc;

	if ((rc = verb_engine(&a->c, ENGINE_VAULT, &e)) != EXIT_OK)
		return rc;
	st = engine_store(e, NULL);
	cfg = engine_config(e);
	if ((rc = cached_ont(a, st, &o, &olt)) != EXIT_OK) {
		engine_close(e);
		return rc;
	}
	if (interval <= 0)
		interval = config_int(cfg, "poll.live_interval_s");
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_stop_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	printf("live: ONT %s on %s %s ONT %d every %ld s (Ctrl-C stops)\n", o.sn, olt.name,
	    o.port, o.ont_id, interval);
	fflush(stdout);
	rc = EXIT_OK;
	for (long i = 0; !live_stop && (count == 0 || i < count); i++) {
		struct ont_reading r;
		struct err err = { 0 };
		char iso[32];

		if (i > 0)
			for (long k = 0; k < interval * 10 && !live_stop; k++)
				sleep_ms(100);
		if (live_stop)
			break;
		if (ops_live(e, olt.name, o.sn, &r, &err) != 0) {
			iso8601(now_s(), iso);
			printf("%s  no reading: %s\n", iso, err_text(&err));
			rc = verb_exit_of(err.kind);
			err_clear(&err);
		} else {
			char rx[16] = "-", orx[16] = "-";

			iso8601(r.read_at, iso);
			if (!isnan(r.rx_dbm))
				snprintf(rx, sizeof rx, "%.2f", r.rx_dbm);
			if (!isnan(r.olt_rx_dbm))
				snprintf(orx, sizeof orx, "%.2f", r.olt_rx_dbm);
			printf("%s  %-10s ONU Rx %7s dBm  OLT Rx %7s dBm\n", iso,
			    ont_status_name(r.status), rx, orx);
			rc = EXIT_OK;
		}
		fflush(stdout);
	}
	engine_close(e);
	return rc;
}

/* oltui signal SN [--since D] | SN --live */
static int
verb_signal(void *args)
{
	struct signal_args *a = args;
	const char *since_s = a->since.text;
	bool json = a->c.json;
	int64_t since = a->since.s, now = now_s();
	struct store *st;
	struct ont o;
	struct olt olt;
	struct history_summary sum;
	struct signal_sample *s = NULL;
	size_t n = 0;
	char *cause = NULL;
	int rc;

	if (a->live)
		return signal_live(a);
	if (a->interval != 0 || a->count != 0)
		return verb_fail(&a->c, ERR_USAGE, "--interval and --count are for --live");
	if ((st = verb_store(&a->c)) == NULL)
		return EXIT_FAIL;
	if ((rc = cached_ont(a, st, &o, &olt)) != EXIT_OK) {
		store_close(st);
		return rc;
	}
	if (history_summary(st, o.id, now - since, now + 1, &sum, &cause) != 0 ||
	    store_samples_range(st, o.id, now - since, now + 1, &s, &n, &cause) != 0) {
		store_close(st);
		return verb_fail_cause(&a->c, ERR_INTERNAL, cause);
	}
	if (json) {
		cJSON *j = cJSON_CreateObject(), *sm = cJSON_AddObjectToObject(j, "summary");
		cJSON *arr = cJSON_AddArrayToObject(j, "samples");
		char iso[32];

		cJSON_AddStringToObject(j, "sn", o.sn);
		cJSON_AddStringToObject(j, "olt", olt.name);
		cJSON_AddStringToObject(j, "port", o.port);
		cJSON_AddNumberToObject(j, "ont_id", o.ont_id);
		cJSON_AddNumberToObject(j, "since_s", (double)since);
		verb_json_number(sm, "rx_min", sum.rx_min, !isnan(sum.rx_min));
		verb_json_number(sm, "rx_avg", sum.rx_avg, !isnan(sum.rx_avg));
		verb_json_number(sm, "rx_max", sum.rx_max, !isnan(sum.rx_max));
		verb_json_number(sm, "rx_last", sum.last_rx, !isnan(sum.last_rx));
		verb_json_number(sm, "olt_rx_last", sum.last_olt_rx, !isnan(sum.last_olt_rx));
		if (sum.last_t) {
			iso8601(sum.last_t, iso);
			cJSON_AddStringToObject(sm, "last_at", iso);
		} else
			cJSON_AddNullToObject(sm, "last_at");
		for (size_t i = 0; i < n; i++) {
			cJSON *x = cJSON_CreateObject();
			iso8601(s[i].t, iso);
			cJSON_AddStringToObject(x, "t", iso);
			verb_json_number(x, "rx_dbm", s[i].rx_dbm, !isnan(s[i].rx_dbm));
			verb_json_number(x, "olt_rx_dbm", s[i].olt_rx_dbm, !isnan(s[i].olt_rx_dbm));
			cJSON_AddItemToArray(arr, x);
		}
		verb_print_json(j);
	} else {
		struct history_bucket b[60];
		struct buf line = { 0 };
		char iso[32];

		printf("ONT %s on %s %s ONT %d — last %s, %zu sample%s\n", o.sn, olt.name,
		    o.port, o.ont_id, since_s, n, n == 1 ? "" : "s");
		if (n == 0) {
			printf("no samples in that period\n");
		} else {
			printf("ONU Rx  min %.2f  avg %.2f  max %.2f dBm   last %.2f dBm", sum.rx_min,
			    sum.rx_avg, sum.rx_max, sum.last_rx);
			iso8601(sum.last_t, iso);
			printf(" at %s\n", iso);
			if (history_series(st, o.id, now - since, now + 1, b, nitems(b), &cause) == 0) {
				sparkline(&line, b, nitems(b), -30, -8, utf8_ok(a->c.g));
				printf("-30 dBm [%s] -8 dBm\n", buf_str(&line));
			}
			printf("%-20s  %8s  %8s\n", "time (UTC)", "ONU Rx", "OLT Rx");
			for (size_t i = 0; i < n; i++) {
				char rx[16] = "-", orx[16] = "-";

				iso8601(s[i].t, iso);
				if (!isnan(s[i].rx_dbm))
					snprintf(rx, sizeof rx, "%.2f", s[i].rx_dbm);
				if (!isnan(s[i].olt_rx_dbm))
					snprintf(orx, sizeof orx, "%.2f", s[i].olt_rx_dbm);
				printf("%-20s  %8s  %8s\n", iso, rx, orx);
			}
		}
		buf_free(&line);
	}
	free(s);
	free(cause);
	store_close(st);
	return EXIT_OK;
}

/* ---- alarms ---- */

/* The name of the OLT with id among olts, or "?". */
static const char *
olt_name_of(const struct olt *olts, size_t n, int64_t id)
{
	for (size_t i = 0; i < n; i++)
		if (olts[i].id == id)
			return olts[i].name;
	return "?";
}

/* oltui alarms [--all] [--olt NAME] */
static int
verb_alarms(void *args)
{
	struct signal_args *pa = args;
	bool all = pa->all, json = pa->c.json;
	struct engine *e;
	struct store *st;
	struct olt *olts = NULL, one;
	struct alarm *a = NULL;
	size_t nolts = 0, n = 0;
	int64_t olt_id = 0;
	char *cause = NULL;
	int rc;

	if (pa->markdown) {
		alarms_print_markdown(stdout);
		return EXIT_OK;
	}
	if ((rc = verb_engine(&pa->c, 0, &e)) != EXIT_OK)
		return rc;
	st = engine_store(e, NULL);
	if (pa->olt != NULL) {
		if ((rc = verb_find_olt(&pa->c, e, pa->olt, &one)) != EXIT_OK) {
			engine_close(e);
			return rc;
		}
		olt_id = one.id;
	}
	if (store_olt_list(st, &olts, &nolts, &cause) != 0 ||
	    store_alarms_list(st, olt_id, all, 1000, &a, &n, &cause) != 0) {
		free(olts);
		engine_close(e);
		return verb_fail_cause(&pa->c, ERR_INTERNAL, cause);
	}
	if (json) {
		cJSON *arr = cJSON_CreateArray();
		char iso[32];

		for (size_t i = 0; i < n; i++) {
			cJSON *o = cJSON_CreateObject();
			cJSON_AddStringToObject(o, "olt", olt_name_of(olts, nolts, a[i].olt_id));
			cJSON_AddStringToObject(o, "severity", alarm_severity_name(a[i].severity));
			cJSON_AddStringToObject(o, "kind", alarm_kind_name(a[i].kind));
			cJSON_AddStringToObject(o, "port", a[i].port);
			cJSON_AddStringToObject(o, "sn", a[i].sn);
			cJSON_AddStringToObject(o, "text", a[i].text);
			iso8601(a[i].raised_at, iso);
			cJSON_AddStringToObject(o, "raised_at", iso);
			if (a[i].cleared_at) {
				iso8601(a[i].cleared_at, iso);
				cJSON_AddStringToObject(o, "cleared_at", iso);
			} else
				cJSON_AddNullToObject(o, "cleared_at");
			cJSON_AddItemToArray(arr, o);
		}
		verb_print_json(arr);
	} else if (n == 0) {
		printf(all ? "no alarms recorded\n" : "no active alarms\n");
	} else {
		int kw = 4;	/* the kind column: as wide as its longest word */

		for (size_t i = 0; i < n; i++)
			if ((int)strlen(alarm_kind_name(a[i].kind)) > kw)
				kw = (int)strlen(alarm_kind_name(a[i].kind));
		for (size_t i = 0; i < n; i++) {
			char iso[32];

			iso8601(a[i].raised_at, iso);
			printf("%s  %-8s %-12s %-*s %-8s %s%s\n", iso,
			    alarm_severity_name(a[i].severity), olt_name_of(olts, nolts, a[i].olt_id),
			    kw, alarm_kind_name(a[i].kind), a[i].port[0] ? a[i].port : "-", a[i].text,
			    a[i].cleared_at ? " (cleared)" : "");
		}
	}
	free(a);
	free(olts);
	engine_close(e);
	return EXIT_OK;
}

/* --since: a duration such as 90m, 24h, 7d or 4w. */
static int
parse_since(const char *v, void *dst, char **cause)
{
	struct since *sn = dst;

	if (history_parse_duration(v, &sn->s) != 0) {
		set_cause(cause, "a duration such as 90m, 24h, 7d or 4w, not '%s'", v);
		return -1;
	}
	sn->text = v;
	return 0;
}

#define SA(m) offsetof(struct signal_args, m)

static const struct verb_opt signal_opts[] = {
	{ .name = "--since", .type = VA_CUSTOM, .meta = "DURATION", .off = SA(since),
	  .parse = parse_since, .sdef = "24h", .help = "how far back (90m, 24h, 7d, 4w)" },
	{ .name = "--live", .type = VA_FLAG, .off = SA(live),
	  .help = "read the ONT's level every interval instead (Ctrl-C stops)" },
	{ .name = "--interval", .type = VA_INT, .meta = "SECONDS", .off = SA(interval),
	  .min = 1, .max = 3600, .help = "--live: seconds between readings (default: "
	  "poll.live_interval_s)" },
	{ .name = "--count", .type = VA_INT, .meta = "N", .off = SA(count), .min = 1,
	  .max = 1000000, .help = "--live: stop after N readings" },
	VOPT_JSON, VOPT_END,
};
static const struct verb_pos sn_pos[] = {
	{ .meta = "SN", .type = VA_STRING, .off = SA(name), .help = "the ONT's serial" },
	VPOS_END,
};
static const struct verb_opt alarms_opts[] = {
	{ .name = "--all", .type = VA_FLAG, .off = SA(all),
	  .help = "cleared alarms too" },
	{ .name = "--olt", .type = VA_NAME, .meta = "NAME", .off = SA(olt),
	  .help = "only this OLT's alarms" },
	VOPT_JSON,
	{ .name = "--kinds-markdown", .type = VA_FLAG, .off = SA(markdown),
	  .help = "print the alarm kinds in Markdown (docs/polling.md) and exit" },
	VOPT_END,
};
#define SIGNAL_VERB(n, s, o, p, r) { .name = n, .summary = s, .opts = o, .pos = p, \
	.size = sizeof(struct signal_args), .run = r }

const struct verb verbs_signal[] = {
	SIGNAL_VERB("signal", "the optical signal history of one ONT, or its live level "
	    "(one GET per reading)", signal_opts, sn_pos, verb_signal),
	SIGNAL_VERB("alarms", "active alarms, worst and newest first", alarms_opts, NULL,
	    verb_alarms),
	VERB_END,
};
