/*
 * verb_poll.c — the verbs of polling, signal history, alarms and health:
 *
 *   oltui poll --once [--olt NAME]… [--health] [--textfile F] [--push URL] [--json]
 *   oltui poll --daemon [--tag T] [--interval SECONDS] [--textfile F] [--push URL] [--log F]
 *   oltui signal SN [--since 24h] [--json]
 *   oltui alarms [--all] [--olt NAME] [--json] | --kinds-markdown
 *   oltui health [OLT] [--refresh] [--json] | --state-markdown
 *   oltui thresholds OLT [KEY=VALUE|KEY=default]... [--json]
 *
 * Exit status: 0 ok; 1 failed; 2 usage; 3 an OLT did not answer.  Runs on
 * the main thread; `poll --once` sweeps OLTs in parallel in a worker pool
 * (one job per OLT, each with its own store connection).
 */
#include "tui/verbs/verb.h"
#include "tui/verbs/verb_inv.h"
#include "core/alarms.h"
#include "core/config.h"
#include "core/daemon.h"
#include "core/engine.h"
#include "core/history.h"
#include "core/metrics.h"
#include "core/olt_state.h"
#include "core/ops.h"
#include "core/paths.h"
#include "core/poll.h"
#include "core/pool.h"
#include "core/store.h"
#include "core/unlock.h"
#include "core/vault.h"
#include "lib/util.h"

#include <cJSON.h>
#include <langinfo.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* A string setting, or NULL when it is empty (not configured). */
static const char *
cfg_str(const struct config *cfg, const char *key)
{
	const char *v = config_str(cfg, key);

	return *v != '\0' ? v : NULL;
}

/* Opens the engine (with the vault when want_vault, the workers when
   workers) and hands out its store and config. */
static int
open_all(const struct globals *g, const char *verb, bool want_vault, bool workers,
    struct engine **e, struct store **st, const struct config **cfg)
{
	struct engine_opts o = { 0 };
	char *cause = NULL;

	*e = NULL;
	o.db_path = g->db_path;
	o.config_dir = g->config_dir;
	o.key_file = g->key_file;
	o.flags = (want_vault ? ENGINE_VAULT : 0) | (workers ? ENGINE_WORKERS : 0);
	if (engine_open(&o, e, &cause) != 0)
		return vi_fail(verb, cause);
	if (engine_key_created(*e))
		fprintf(stderr, "created key file %s (keep it safe, mode 0600)\n", g->key_file);
	*st = engine_store(*e, NULL);
	*cfg = engine_config(*e);
	return EXIT_OK;
}

/* ---- poll --once ---- */

static void
export(struct store *st, const char *textfile, const char *push)
{
	struct buf b = { 0 };
	char *cause = NULL;

	if (textfile == NULL && push == NULL)
		return;
	if (metrics_render(st, &b, &cause) == 0) {
		if (textfile != NULL && metrics_write_textfile(textfile, buf_str(&b), &cause) != 0)
			fprintf(stderr, "oltui poll: %s\n", cause);
		free(cause);
		cause = NULL;
		if (push != NULL && metrics_push(push, buf_str(&b), 10000, &cause) != 0)
			fprintf(stderr, "oltui poll: %s\n", cause);
	} else
		fprintf(stderr, "oltui poll: metrics: %s\n", cause);
	free(cause);
	buf_free(&b);
}

static bool
named(char **names, int n, const char *name)
{
	if (n == 0)
		return true;
	for (int i = 0; i < n; i++)
		if (strcmp(names[i], name) == 0)
			return true;
	return false;
}

static int
poll_once(const struct globals *g, char **names, int nnames, bool health, bool json,
    const char *textfile, const char *push)
{
	struct engine *e;
	struct store *st;
	const struct config *cfg;
	struct olt *olts = NULL;
	size_t n = 0, njobs = 0;
	struct once_job {
		const struct olt	*olt;
		struct poll_result	 res;
		struct op_sweep_out	 out;
	} *jobs;
	char *cause = NULL;
	int rc, status = EXIT_OK;
	cJSON *arr = json ? cJSON_CreateArray() : NULL;

	if ((rc = open_all(g, "poll", true, true, &e, &st, &cfg)) != EXIT_OK)
		return rc;
	if (store_olt_list(st, &olts, &n, &cause) != 0) {
		engine_close(e);
		return vi_fail("poll", cause);
	}
	for (int i = 0; i < nnames; i++) {
		bool found = false;
		for (size_t k = 0; k < n; k++)
			found |= strcmp(olts[k].name, names[i]) == 0;
		if (!found) {
			fprintf(stderr, "oltui poll: no OLT called '%s' (see oltui olt list)\n",
			    names[i]);
			free(olts);
			engine_close(e);
			return EXIT_USAGE;
		}
	}
	if (n == 0) {
		fprintf(stderr, "oltui poll: no OLT to poll (add one with oltui olt add)\n");
		free(olts);
		engine_close(e);
		return EXIT_FAIL;
	}
	jobs = xcalloc(n, sizeof *jobs);
	for (size_t i = 0; i < n; i++) {
		struct once_job *j;
		struct job_spec spec;

		if (!named(names, nnames, olts[i].name))
			continue;
		j = &jobs[njobs++];
		j->olt = &olts[i];
		j->out.res = &j->res;
		ops_sweep_job(e, olts[i].name, olts[i].id, health, JOB_PRIO_HIGH, &j->out,
		    &spec);
		pool_submit(engine_pool(e), &spec);
	}
	pool_wait_idle(engine_pool(e));
	for (size_t i = 0; i < njobs; i++) {
		struct once_job *j = &jobs[i];
		const char *error = j->out.err.message;

		if (j->out.rc != 0)
			status = j->res.unreachable ? EXIT_UNREACHABLE :
			    (status == EXIT_OK ? EXIT_FAIL : status);
		if (json) {
			cJSON *o = cJSON_CreateObject();
			cJSON_AddStringToObject(o, "olt", j->olt->name);
			cJSON_AddBoolToObject(o, "ok", j->out.rc == 0);
			cJSON_AddBoolToObject(o, "unreachable", j->res.unreachable != 0);
			cJSON_AddNumberToObject(o, "onts", (double)j->res.onts);
			cJSON_AddNumberToObject(o, "online", (double)j->res.online);
			cJSON_AddNumberToObject(o, "ms", (double)j->res.ms);
			cJSON_AddNumberToObject(o, "requests", (double)j->res.requests);
			cJSON_AddNumberToObject(o, "alarms_raised", j->res.alarms.raised);
			cJSON_AddNumberToObject(o, "alarms_cleared", j->res.alarms.cleared);
			cJSON_AddNumberToObject(o, "alarms_active", j->res.alarms.active);
			if (error != NULL)
				cJSON_AddStringToObject(o, "error", error);
			else
				cJSON_AddNullToObject(o, "error");
			cJSON_AddItemToArray(arr, o);
		} else if (j->out.rc == 0) {
			printf("%-16s %5zu ONTs %5zu online %6lld ms %5lu requests  alarms +%d -%d "
			    "(%d active)%s%s\n", j->olt->name, j->res.onts, j->res.online,
			    (long long)j->res.ms, j->res.requests, j->res.alarms.raised,
			    j->res.alarms.cleared, j->res.alarms.active,
			    error ? "; " : "", error ? error : "");
		} else
			printf("%-16s %s: %s\n", j->olt->name,
			    j->res.unreachable ? "UNREACHABLE" : "FAILED", err_text(&j->out.err));
		err_clear(&j->out.err);
	}
	if (json)
		vi_print_json(arr);
	export(st, textfile ? textfile : cfg_str(cfg, "metrics.textfile"),
	    push ? push : cfg_str(cfg, "metrics.push_url"));
	free(jobs);
	free(olts);
	engine_close(e);
	return status;
}

/* ---- poll --daemon ---- */

static volatile sig_atomic_t daemon_stop;

static void
on_stop_signal(int sig)
{
	(void)sig;
	daemon_stop = 1;
}

static int
poll_daemon(const struct globals *g, const char *tag, long interval, const char *textfile,
    const char *push, const char *logpath)
{
	struct engine *e;
	struct store *st;
	const struct config *cfg;
	struct daemon_opts o;
	struct sigaction sa;
	char *cause = NULL, *dir = NULL, *path = NULL;
	FILE *log;
	int rc;

	if ((rc = open_all(g, "poll", true, true, &e, &st, &cfg)) != EXIT_OK)
		return rc;
	memset(&o, 0, sizeof o);
	o.eng = e;
	if (logpath == NULL) {
		if ((dir = paths_state_dir(&cause)) == NULL || paths_make_dir(dir, &cause) != 0) {
			free(dir);
			engine_close(e);
			return vi_fail("poll", cause);
		}
		path = xasprintf("%s/poll.log", dir);
		logpath = path;
	}
	if ((log = fopen(logpath, "a")) == NULL) {
		fprintf(stderr, "oltui poll: cannot open the log %s\n", logpath);
		free(dir);
		free(path);
		engine_close(e);
		return EXIT_FAIL;
	}
	fprintf(stderr, "oltui poll: daemon running (pid %d), log %s; stop with SIGTERM\n",
	    (int)getpid(), logpath);
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_stop_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	o.log = log;
	o.only_tag = tag;
	o.textfile = textfile ? textfile : cfg_str(cfg, "metrics.textfile");
	o.push_url = push ? push : cfg_str(cfg, "metrics.push_url");
	o.interval_s = interval;
	o.stop = &daemon_stop;
	rc = daemon_run(&o, &cause);
	fclose(log);
	free(dir);
	free(path);
	engine_close(e);
	if (rc != 0)
		return vi_fail("poll", cause);
	return EXIT_OK;
}

static int
verb_poll(int argc, char **argv, const struct globals *g)
{
	bool once = false, daemon = false, health = false, json = g->json;
	const char *tag = NULL, *textfile = NULL, *push = NULL, *logpath = NULL;
	char **names = xcalloc((size_t)argc, sizeof *names);
	int nnames = 0, rc;
	long interval = 0;

	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		bool more = i + 1 < argc;

		if (strcmp(a, "--once") == 0)
			once = true;
		else if (strcmp(a, "--daemon") == 0)
			daemon = true;
		else if (strcmp(a, "--health") == 0)
			health = true;
		else if (strcmp(a, "--json") == 0)
			json = true;
		else if (strcmp(a, "--olt") == 0 && more)
			names[nnames++] = argv[++i];
		else if (strcmp(a, "--tag") == 0 && more)
			tag = argv[++i];
		else if (strcmp(a, "--textfile") == 0 && more)
			textfile = argv[++i];
		else if (strcmp(a, "--push") == 0 && more)
			push = argv[++i];
		else if (strcmp(a, "--log") == 0 && more)
			logpath = argv[++i];
		else if (strcmp(a, "--interval") == 0 && more) {
			if (parse_long(argv[++i], 10, 86400, &interval) != 0) {
				free(names);
				return verb_usage_error("poll", "--interval: a whole number of "
				    "seconds from 10 to 86400");
			}
		} else {
			free(names);
			return verb_usage_error("poll", "unexpected '%s' (see oltui help poll)", a);
		}
	}
	if (once == daemon) {
		free(names);
		return verb_usage_error("poll", "say --once or --daemon");
	}
	if (once)
		rc = poll_once(g, names, nnames, health, json, textfile, push);
	else
		rc = poll_daemon(g, tag, interval, textfile, push, logpath);
	free(names);
	return rc;
}

/* ---- signal ---- */

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

static void
num_or_null(cJSON *o, const char *k, double v)
{
	if (isnan(v))
		cJSON_AddNullToObject(o, k);
	else
		cJSON_AddNumberToObject(o, k, round(v * 100) / 100);
}

/* `signal SN --live`: GETs the ONT every interval seconds (one request) and
   prints a line per reading until interrupted or count readings. */
static int
signal_live(const struct globals *g, const char *sn, long interval, long count)
{
	struct engine *e;
	struct store *st;
	const struct config *cfg;
	struct ont o;
	struct olt olt;
	struct sigaction sa;
	char *cause = NULL;
	int rc;

	if ((rc = open_all(g, "signal", true, false, &e, &st, &cfg)) != EXIT_OK)
		return rc;
	if ((rc = store_ont_by_sn(st, sn, &o, &cause)) != 1 ||
	    store_olt_by_id(st, o.olt_id, &olt, &cause) != 1) {
		engine_close(e);
		if (rc == 0)
			return vi_fail("signal", xasprintf("no ONT with serial %s in the cache "
			    "(run oltui poll --once first)", sn));
		return vi_fail("signal", cause);
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
	for (long i = 0; !daemon_stop && (count == 0 || i < count); i++) {
		struct ont_reading r;
		struct err err = { 0 };
		char iso[32];

		if (i > 0)
			for (long k = 0; k < interval * 10 && !daemon_stop; k++)
				sleep_ms(100);
		if (daemon_stop)
			break;
		if (ops_live(e, olt.name, o.sn, &r, &err) != 0) {
			iso8601(now_s(), iso);
			printf("%s  no reading: %s\n", iso, err_text(&err));
			err_clear(&err);
			rc = EXIT_UNREACHABLE;
		} else {
			char a[16] = "-", b[16] = "-";
			iso8601(r.read_at, iso);
			if (!isnan(r.rx_dbm))
				snprintf(a, sizeof a, "%.2f", r.rx_dbm);
			if (!isnan(r.olt_rx_dbm))
				snprintf(b, sizeof b, "%.2f", r.olt_rx_dbm);
			printf("%s  %-10s ONU Rx %7s dBm  OLT Rx %7s dBm\n", iso,
			    ont_status_name(r.status), a, b);
			rc = EXIT_OK;
		}
		fflush(stdout);
	}
	engine_close(e);
	return rc;
}

static int
verb_signal(int argc, char **argv, const struct globals *g)
{
	const char *sn = NULL, *since_s = "24h";
	bool json = g->json, live = false;
	long interval = 0, count = 0;
	int64_t since, now = now_s();
	struct store *st;
	struct ont o;
	struct olt olt;
	struct history_summary sum;
	struct signal_sample *s = NULL;
	size_t n = 0;
	char *cause = NULL;
	int rc;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--json") == 0)
			json = true;
		else if (strcmp(argv[i], "--live") == 0)
			live = true;
		else if (strcmp(argv[i], "--interval") == 0 && i + 1 < argc) {
			if (parse_long(argv[++i], 1, 3600, &interval) != 0)
				return verb_usage_error("signal", "--interval: whole seconds, 1 to 3600");
		} else if (strcmp(argv[i], "--count") == 0 && i + 1 < argc) {
			if (parse_long(argv[++i], 1, 1000000, &count) != 0)
				return verb_usage_error("signal", "--count: a whole number of readings");
		} else if (strcmp(argv[i], "--since") == 0 && i + 1 < argc)
			since_s = argv[++i];
		else if (argv[i][0] != '-' && sn == NULL)
			sn = argv[i];
		else
			return verb_usage_error("signal", "unexpected '%s' (see oltui help signal)",
			    argv[i]);
	}
	if (sn == NULL)
		return verb_usage_error("signal", "give the ONT's serial, e.g. oltui signal "
		    "HWTC6B886FA5");
	if (live)
		return signal_live(g, sn, interval, count);
	if (history_parse_duration(since_s, &since) != 0)
		return verb_usage_error("signal", "--since: a duration such as 90m, 24h, 7d "
		    "or 4w");
	if ((st = vi_open_store(g, "signal")) == NULL)
		return EXIT_FAIL;
	if ((rc = store_ont_by_sn(st, sn, &o, &cause)) != 1) {
		store_close(st);
		if (rc == 0)
			return vi_fail("signal", xasprintf("no ONT with serial %s in the cache "
			    "(run oltui poll --once first)", sn));
		return vi_fail("signal", cause);
	}
	if (store_olt_by_id(st, o.olt_id, &olt, &cause) != 1)
		strlcpy_(olt.name, "?", sizeof olt.name);
	if (history_summary(st, o.id, now - since, now + 1, &sum, &cause) != 0 ||
	    store_samples_range(st, o.id, now - since, now + 1, &s, &n, &cause) != 0) {
		store_close(st);
		return vi_fail("signal", cause);
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
		num_or_null(sm, "rx_min", sum.rx_min);
		num_or_null(sm, "rx_avg", sum.rx_avg);
		num_or_null(sm, "rx_max", sum.rx_max);
		num_or_null(sm, "rx_last", sum.last_rx);
		num_or_null(sm, "olt_rx_last", sum.last_olt_rx);
		if (sum.last_t) {
			iso8601(sum.last_t, iso);
			cJSON_AddStringToObject(sm, "last_at", iso);
		} else
			cJSON_AddNullToObject(sm, "last_at");
		for (size_t i = 0; i < n; i++) {
			cJSON *x = cJSON_CreateObject();
			iso8601(s[i].t, iso);
			cJSON_AddStringToObject(x, "t", iso);
			num_or_null(x, "rx_dbm", s[i].rx_dbm);
			num_or_null(x, "olt_rx_dbm", s[i].olt_rx_dbm);
			cJSON_AddItemToArray(arr, x);
		}
		vi_print_json(j);
	} else {
		struct history_bucket b[60];
		struct buf line = { 0 };
		char iso[32];

		printf("ONT %s on %s %s ONT %d — last %s, %zu samples\n", o.sn, olt.name,
		    o.port, o.ont_id, since_s, n);
		if (n == 0) {
			printf("no samples in that period\n");
		} else {
			printf("ONU Rx  min %.2f  avg %.2f  max %.2f dBm   last %.2f dBm", sum.rx_min,
			    sum.rx_avg, sum.rx_max, sum.last_rx);
			iso8601(sum.last_t, iso);
			printf(" at %s\n", iso);
			if (history_series(st, o.id, now - since, now + 1, b, nitems(b), &cause) == 0) {
				sparkline(&line, b, nitems(b), -30, -8, utf8_ok(g));
				printf("-30 dBm [%s] -8 dBm\n", buf_str(&line));
			}
			printf("%-20s  %8s  %8s\n", "time (UTC)", "ONU Rx", "OLT Rx");
			for (size_t i = 0; i < n; i++) {
				char a[16] = "-", b2[16] = "-";

				iso8601(s[i].t, iso);
				if (!isnan(s[i].rx_dbm))
					snprintf(a, sizeof a, "%.2f", s[i].rx_dbm);
				if (!isnan(s[i].olt_rx_dbm))
					snprintf(b2, sizeof b2, "%.2f", s[i].olt_rx_dbm);
				printf("%-20s  %8s  %8s\n", iso, a, b2);
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

static const char *
olt_name_of(const struct olt *olts, size_t n, int64_t id)
{
	for (size_t i = 0; i < n; i++)
		if (olts[i].id == id)
			return olts[i].name;
	return "?";
}

static int
verb_alarms(int argc, char **argv, const struct globals *g)
{
	bool all = false, json = g->json;
	const char *oltname = NULL;
	struct store *st;
	struct olt *olts = NULL, one;
	struct alarm *a = NULL;
	size_t nolts = 0, n = 0;
	int64_t olt_id = 0;
	char *cause = NULL;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--all") == 0)
			all = true;
		else if (strcmp(argv[i], "--json") == 0)
			json = true;
		else if (strcmp(argv[i], "--olt") == 0 && i + 1 < argc)
			oltname = argv[++i];
		else if (strcmp(argv[i], "--kinds-markdown") == 0) {
			alarms_print_markdown(stdout);
			return EXIT_OK;
		} else
			return verb_usage_error("alarms", "unexpected '%s' (see oltui help alarms)",
			    argv[i]);
	}
	if ((st = vi_open_store(g, "alarms")) == NULL)
		return EXIT_FAIL;
	if (oltname != NULL) {
		int rc = store_olt_by_name(st, oltname, &one, &cause);
		if (rc != 1) {
			store_close(st);
			if (rc == 0) {
				fprintf(stderr, "oltui alarms: no OLT called '%s'\n", oltname);
				return EXIT_USAGE;
			}
			return vi_fail("alarms", cause);
		}
		olt_id = one.id;
	}
	if (store_olt_list(st, &olts, &nolts, &cause) != 0 ||
	    store_alarms_list(st, olt_id, all, 1000, &a, &n, &cause) != 0) {
		free(olts);
		store_close(st);
		return vi_fail("alarms", cause);
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
		vi_print_json(arr);
	} else if (n == 0) {
		printf(all ? "no alarms recorded\n" : "no active alarms\n");
	} else {
		for (size_t i = 0; i < n; i++) {
			char iso[32];
			iso8601(a[i].raised_at, iso);
			printf("%s  %-8s %-12s %-10s %-8s %s%s\n", iso,
			    alarm_severity_name(a[i].severity), olt_name_of(olts, nolts, a[i].olt_id),
			    alarm_kind_name(a[i].kind), a[i].port[0] ? a[i].port : "-", a[i].text,
			    a[i].cleared_at ? " (cleared)" : "");
		}
	}
	free(a);
	free(olts);
	store_close(st);
	return EXIT_OK;
}

/* ---- health ---- */

/* Prints the line of an OLT's last sweep and reachability (its state row). */
static void
print_sweep(const struct olt *o, const struct olt_state *s, int64_t now)
{
	if (s->sweep_at == 0) {
		printf("  never swept (oltui poll --once --olt %s)\n", o->name);
		return;
	}
	if (s->sweep_ok) {
		printf("  last sweep %lld s ago: %lld ONTs, %lld online, %lld ms, %lld requests\n",
		    (long long)(now - s->sweep_at), (long long)s->sweep_onts,
		    (long long)s->sweep_online, (long long)s->sweep_ms,
		    (long long)s->sweep_requests);
		return;
	}
	printf("  last sweep FAILED %lld s ago (%lld in a row): %s\n",
	    (long long)(now - s->sweep_at), (long long)s->failures,
	    s->last_error[0] ? s->last_error : "no answer");
	if (s->last_ok_at != 0)
		printf("  last successful sweep %lld s ago\n", (long long)(now - s->last_ok_at));
}

static int
verb_health(int argc, char **argv, const struct globals *g)
{
	const char *name = NULL;
	bool refresh = false, json = g->json;
	struct engine *e;
	struct store *st;
	const struct config *cfg;
	struct olt *olts = NULL;
	size_t n = 0;
	char *cause = NULL;
	int rc, status = EXIT_OK;
	cJSON *arr = NULL;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--refresh") == 0)
			refresh = true;
		else if (strcmp(argv[i], "--json") == 0)
			json = true;
		else if (strcmp(argv[i], "--state-markdown") == 0) {
			olt_state_print_markdown(stdout);
			return EXIT_OK;
		} else if (argv[i][0] != '-' && name == NULL)
			name = argv[i];
		else
			return verb_usage_error("health", "unexpected '%s' (see oltui help health)",
			    argv[i]);
	}
	if ((rc = open_all(g, "health", refresh, false, &e, &st, &cfg)) != EXIT_OK)
		return rc;
	if (store_olt_list(st, &olts, &n, &cause) != 0) {
		engine_close(e);
		return vi_fail("health", cause);
	}
	if (json)
		arr = cJSON_CreateArray();
	for (size_t i = 0; i < n; i++) {
		struct olt_health h;
		struct olt_state state;
		int have;

		if (name != NULL && strcmp(olts[i].name, name) != 0)
			continue;
		if (refresh) {
			struct err err = { 0 };

			if (ops_health(e, olts[i].name, &h, &err) != 0) {
				fprintf(stderr, "oltui health: %s: %s\n", olts[i].name,
				    err_text(&err));
				err_clear(&err);
				status = EXIT_UNREACHABLE;
			}
		}
		if ((have = poll_health_load(st, &olts[i], &h, &cause)) < 0 ||
		    store_olt_state_get(st, olts[i].id, &state, &cause) < 0) {
			free(olts);
			engine_close(e);
			if (arr != NULL)
				cJSON_Delete(arr);
			return vi_fail("health", cause);
		}
		if (json) {
			cJSON *o = cJSON_CreateObject(), *b = NULL;
			char iso[32];
			cJSON_AddStringToObject(o, "olt", olts[i].name);
			olt_state_json(&state, cJSON_AddObjectToObject(o, "state"));
			if (have == 1) {
				cJSON_AddStringToObject(o, "descr", h.descr);
				cJSON_AddNumberToObject(o, "uptime_s", (double)h.uptime_s);
				iso8601(h.read_at, iso);
				cJSON_AddStringToObject(o, "read_at", iso);
				b = cJSON_AddArrayToObject(o, "boards");
				for (int k = 0; k < h.nboards; k++) {
					cJSON *x = cJSON_CreateObject();
					cJSON_AddNumberToObject(x, "frame", h.boards[k].frame);
					cJSON_AddNumberToObject(x, "slot", h.boards[k].slot);
					cJSON_AddStringToObject(x, "name", h.boards[k].name);
					if (h.boards[k].cpu_pct >= 0)
						cJSON_AddNumberToObject(x, "cpu_pct", h.boards[k].cpu_pct);
					else
						cJSON_AddNullToObject(x, "cpu_pct");
					num_or_null(x, "temp_c", h.boards[k].temp_c);
					cJSON_AddItemToArray(b, x);
				}
			} else
				cJSON_AddNullToObject(o, "read_at");
			cJSON_AddItemToArray(arr, o);
		} else if (have == 1) {
			int64_t age = now_s() - h.read_at;
			printf("%s: %s\n", olts[i].name, h.descr);
			printf("  uptime %lldd %lldh %lldm   read %lld s ago\n",
			    (long long)(h.uptime_s / 86400), (long long)(h.uptime_s % 86400 / 3600),
			    (long long)(h.uptime_s % 3600 / 60), (long long)age);
			for (int k = 0; k < h.nboards; k++) {
				char cpu[16] = "   -", temp[16] = "-";

				if (h.boards[k].cpu_pct >= 0)
					snprintf(cpu, sizeof cpu, "%3d%%", h.boards[k].cpu_pct);
				if (!isnan(h.boards[k].temp_c))
					snprintf(temp, sizeof temp, "%.0f C", h.boards[k].temp_c);
				printf("  slot %2d %-10s cpu %s  temp %s\n", h.boards[k].slot,
				    h.boards[k].name[0] ? h.boards[k].name : "-", cpu, temp);
			}
		} else
			printf("%s: never read (oltui health %s --refresh)\n", olts[i].name,
			    olts[i].name);
		if (!json)
			print_sweep(&olts[i], &state, now_s());
	}
	if (json)
		vi_print_json(arr);
	free(olts);
	engine_close(e);
	return status;
}

/* ---- thresholds ---- */

static int
verb_thresholds(int argc, char **argv, const struct globals *g)
{
	const char *name = NULL;
	bool json = g->json;
	struct engine *e;
	struct store *st;
	const struct config *cfg;
	struct olt olt;
	struct alarm_thresholds th;
	char *cause = NULL;
	int rc, nset = 0;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--json") == 0)
			json = true;
		else if (strchr(argv[i], '=') != NULL)
			nset++;
		else if (argv[i][0] != '-' && name == NULL)
			name = argv[i];
		else
			return verb_usage_error("thresholds", "unexpected '%s' (see oltui help "
			    "thresholds)", argv[i]);
	}
	if (name == NULL)
		return verb_usage_error("thresholds", "name the OLT: oltui thresholds OLT "
		    "[rx_warning=-27 ...]");
	if ((rc = open_all(g, "thresholds", false, false, &e, &st, &cfg)) != EXIT_OK)
		return rc;
	if ((rc = store_olt_by_name(st, name, &olt, &cause)) != 1) {
		engine_close(e);
		if (rc == 0) {
			fprintf(stderr, "oltui thresholds: no OLT called '%s'\n", name);
			return EXIT_USAGE;
		}
		return vi_fail("thresholds", cause);
	}
	/* Check every assignment before storing any. */
	for (int pass = 0; pass < 2 && nset > 0; pass++) {
		for (int i = 1; i < argc; i++) {
			char key[64], *eq = strchr(argv[i], '='), *end;
			double val;

			if (eq == NULL)
				continue;
			snprintf(key, sizeof key, "%.*s", (int)(eq - argv[i]), argv[i]);
			if (strcmp(eq + 1, "default") == 0)
				val = NAN;
			else {
				val = strtod(eq + 1, &end);
				if (end == eq + 1 || *end != '\0') {
					engine_close(e);
					return verb_usage_error("thresholds", "%s: a number in dBm (or "
					    "C for temperature_high), or 'default'", key);
				}
			}
			if (pass == 0) {
				if (alarms_override_check(key, val, NULL, &cause) != 0) {
					engine_close(e);
					rc = verb_usage_error("thresholds", "%s", cause);
					free(cause);
					return rc;
				}
			} else if (alarms_set_override(st, &olt, key, val, &cause) != 0) {
				engine_close(e);
				return vi_fail("thresholds", cause);
			}
		}
	}
	if (alarms_thresholds(st, cfg, &olt, &th, &cause) != 0) {
		engine_close(e);
		return vi_fail("thresholds", cause);
	}
	if (json) {
		cJSON *j = cJSON_CreateObject();
		cJSON_AddStringToObject(j, "olt", olt.name);
		cJSON_AddNumberToObject(j, "rx_warning", th.rx_warning);
		cJSON_AddNumberToObject(j, "rx_critical", th.rx_critical);
		cJSON_AddNumberToObject(j, "rx_overload", th.rx_overload);
		cJSON_AddNumberToObject(j, "olt_rx_warning", th.olt_rx_warning);
		cJSON_AddNumberToObject(j, "olt_rx_critical", th.olt_rx_critical);
		cJSON_AddNumberToObject(j, "temperature_high", th.temperature_high);
		cJSON_AddNumberToObject(j, "hysteresis_db", th.hysteresis_db);
		vi_print_json(j);
	} else {
		printf("%s: ONU Rx warning %.1f critical %.1f overload %.1f dBm; OLT Rx "
		    "warning %.1f critical %.1f dBm; temperature %.0f C; hysteresis %.1f dB\n",
		    olt.name, th.rx_warning, th.rx_critical, th.rx_overload, th.olt_rx_warning,
		    th.olt_rx_critical, th.temperature_high, th.hysteresis_db);
	}
	engine_close(e);
	return EXIT_OK;
}

const struct verb verbs_poll[] = {
	{ "poll", "--once [--olt NAME]... [--health] [--textfile F] [--push URL] [--json] | "
	    "--daemon [--tag T] [--interval S] [--textfile F] [--push URL] [--log F]",
	    "read every ONT's state and signal over SNMP, once or as a daemon", verb_poll },
	{ "signal", "SN [--since 24h] [--json] | SN --live [--interval S] [--count N]",
	    "the optical signal history of one ONT, or its live level (one GET per reading)",
	    verb_signal },
	{ "alarms", "[--all] [--olt NAME] [--json] | --kinds-markdown",
	    "active alarms, worst and newest first; --kinds-markdown prints the alarm kinds",
	    verb_alarms },
	{ "health", "[OLT] [--refresh] [--json] | --state-markdown",
	    "OLT reachability and last sweep, uptime, board CPU and temperature; "
	    "--state-markdown prints the state's fields", verb_health },
	{ "thresholds", "OLT [KEY=VALUE|KEY=default]... [--json]",
	    "show or override one OLT's alarm thresholds (B+ and C+ optics differ)",
	    verb_thresholds },
	{ NULL, NULL, NULL, NULL },
};
