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
 * Exit status (verb.h): 0 ok; 1 failed; 2 usage (an OLT or ONT oltui does
 * not know included; a --textfile or --log in a directory that does not
 * exist, before anything runs); 3 an OLT did not answer.  Runs on the main
 * thread; `poll --once` sweeps OLTs in parallel in a worker pool (one job
 * per OLT, each with its own store connection).
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
#include "lib/sn.h"
#include "lib/util.h"

#include <cJSON.h>
#include <errno.h>
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

/* A --since duration, as given and in seconds. */
struct since {
	const char	*text;
	int64_t		 s;
};

/* What the verbs of this file read (each uses its own part). */
struct poll_args {
	struct verb_common	 c;
	bool			 once, daemon, health;
	struct verb_list	 olts;		/* poll --olt, each */
	const char		*tag;
	long			 interval;
	const char		*textfile, *push, *log;
	const char		*name;		/* signal SN, health/thresholds OLT */
	struct since		 since;
	bool			 live;
	long			 count;
	bool			 all;
	const char		*olt;		/* alarms --olt */
	bool			 markdown;	/* --kinds-markdown, --state-markdown */
	bool			 refresh;
	struct verb_list	 sets;		/* thresholds KEY=VALUE, each */
};

/* Opens the engine (with the vault when want_vault, the workers when
   workers) and hands out its store and config. */
static int
open_all(const struct poll_args *a, bool want_vault, bool workers, struct engine **e,
    struct store **st, const struct config **cfg)
{
	int rc = verb_engine(&a->c, (want_vault ? ENGINE_VAULT : 0) |
	    (workers ? ENGINE_WORKERS : 0), e);

	if (rc != EXIT_OK)
		return rc;
	*st = engine_store(*e, NULL);
	*cfg = engine_config(*e);
	return EXIT_OK;
}

/* The OLT called name, or a usage error naming it.  EXIT_OK or the exit
   status after printing why. */
static int
find_olt(const struct poll_args *a, struct engine *e, const char *name, struct olt *o)
{
	struct err err = { 0 };

	if (engine_find_olt(e, name, o, NULL, &err) != 0)
		return verb_fail_err(&a->c, &err);
	return EXIT_OK;
}

/* ---- poll --once ---- */

/* Writes the metrics to the textfile and pushes them, as configured. */
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

/* True when name is one of the list, or the list is empty. */
static bool
named(const struct verb_list *l, const char *name)
{
	if (l->n == 0)
		return true;
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->v[i], name) == 0)
			return true;
	return false;
}

/* poll --once, on e */
static int
poll_once(const struct poll_args *a, struct engine *e, const char *textfile,
    const char *push)
{
	struct store *st = engine_store(e, NULL);
	struct olt *olts = NULL;
	size_t n = 0, njobs = 0;
	struct once_job {
		const struct olt	*olt;
		struct poll_result	 res;
		struct op_sweep_out	 out;
	} *jobs;
	char *cause = NULL;
	int rc, status = EXIT_OK;
	bool json = a->c.json;
	cJSON *arr = NULL;

	for (size_t i = 0; i < a->olts.n; i++) {
		struct olt o;

		if ((rc = find_olt(a, e, a->olts.v[i], &o)) != EXIT_OK)
			return rc;
	}
	if (store_olt_list(st, &olts, &n, &cause) != 0)
		return verb_fail_cause(&a->c, ERR_INTERNAL, cause);
	if (n == 0) {
		free(olts);
		return verb_fail(&a->c, ERR_REFUSED, "no OLT to poll (add one with oltui "
		    "olt add)");
	}
	arr = json ? cJSON_CreateArray() : NULL;
	jobs = xcalloc(n, sizeof *jobs);
	for (size_t i = 0; i < n; i++) {
		struct once_job *j;
		struct job_spec spec;

		if (!named(&a->olts, olts[i].name))
			continue;
		j = &jobs[njobs++];
		j->olt = &olts[i];
		j->out.res = &j->res;
		ops_sweep_job(e, olts[i].name, olts[i].id, a->health, JOB_PRIO_HIGH, &j->out,
		    &spec);
		pool_submit(engine_pool(e), &spec);
	}
	pool_wait_idle(engine_pool(e));
	for (size_t i = 0; i < njobs; i++) {
		struct once_job *j = &jobs[i];
		const char *error = j->out.err.message;

		if (j->out.rc != 0) {
			int x = verb_exit_of(j->res.unreachable ? ERR_UNREACHABLE :
			    j->out.err.kind != ERR_NONE ? j->out.err.kind : ERR_FAILURE);

			if (x > status)
				status = x;
		}
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
			if (j->out.rc != 0)
				cJSON_AddStringToObject(o, "error_kind", err_kind_name(
				    j->res.unreachable ? ERR_UNREACHABLE : j->out.err.kind));
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
		verb_print_json(arr);
	export(st, textfile, push);
	free(jobs);
	free(olts);
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

/* poll --daemon */
static int
poll_daemon(const struct poll_args *a, struct engine *e, const char *textfile,
    const char *push)
{
	struct daemon_opts o;
	struct sigaction sa;
	char *cause = NULL, *dir = NULL, *path = NULL;
	const char *logpath = a->log;
	FILE *log;
	int rc;

	memset(&o, 0, sizeof o);
	o.eng = e;
	if (logpath == NULL) {
		if ((dir = paths_state_dir(&cause)) == NULL || paths_make_dir(dir, &cause) != 0) {
			free(dir);
			return verb_fail_cause(&a->c, ERR_REFUSED, cause);
		}
		path = xasprintf("%s/poll.log", dir);
		logpath = path;
	}
	if ((log = fopen(logpath, "a")) == NULL) {
		rc = verb_fail(&a->c, ERR_REFUSED, "cannot open the log %s: %s", logpath,
		    strerror(errno));
		free(dir);
		free(path);
		return rc;
	}
	fprintf(stderr, "oltui poll: daemon running (pid %d), log %s; stop with SIGTERM\n",
	    (int)getpid(), logpath);
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_stop_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	o.log = log;
	o.only_tag = a->tag;
	o.textfile = textfile;
	o.push_url = push;
	o.interval_s = a->interval;
	o.stop = &daemon_stop;
	rc = daemon_run(&o, &cause);
	fclose(log);
	free(dir);
	free(path);
	if (rc != 0)
		return verb_fail_cause(&a->c, ERR_FAILURE, cause);
	return EXIT_OK;
}

/* oltui poll --once | --daemon */
static int
verb_poll(void *args)
{
	struct poll_args *a = args;
	struct engine *e;
	struct store *st;
	const struct config *cfg;
	const char *textfile, *push;
	char *cause = NULL;
	int rc;

	if (a->once == a->daemon)
		return verb_fail(&a->c, ERR_USAGE, "say --once or --daemon");
	if (a->once && (a->tag != NULL || a->interval != 0 || a->log != NULL))
		return verb_fail(&a->c, ERR_USAGE, "--tag, --interval and --log are for "
		    "--daemon");
	if (a->daemon && (a->olts.n > 0 || a->health))
		return verb_fail(&a->c, ERR_USAGE, "--olt and --health are for --once");
	if ((rc = open_all(a, true, true, &e, &st, &cfg)) != EXIT_OK)
		return rc;
	textfile = a->textfile != NULL ? a->textfile : cfg_str(cfg, "metrics.textfile");
	push = a->push != NULL ? a->push : cfg_str(cfg, "metrics.push_url");
	/* A textfile that cannot be written is found now, not in the log. */
	if (textfile != NULL && verb_check_outfile(a->textfile != NULL ? "--textfile" :
	    "metrics.textfile", textfile, &cause) != 0) {
		engine_close(e);
		return verb_fail_cause(&a->c, ERR_USAGE, cause);
	}
	rc = a->once ? poll_once(a, e, textfile, push) : poll_daemon(a, e, textfile, push);
	engine_close(e);
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

/* The cached ONT a->name (a serial) and its OLT.  EXIT_OK, or the exit
   status after printing why (a serial oltui does not know is a usage
   error). */
static int
cached_ont(const struct poll_args *a, struct store *st, struct ont *o, struct olt *olt)
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
signal_live(const struct poll_args *a)
{
	struct engine *e;
	struct store *st;
	const struct config *cfg;
	struct ont o;
	struct olt olt;
	struct sigaction sa;
	long interval = a->interval, count = a->count;
	int rc;

	if ((rc = open_all(a, true, false, &e, &st, &cfg)) != EXIT_OK)
		return rc;
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
	struct poll_args *a = args;
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
		verb_print_json(j);
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
	struct poll_args *pa = args;
	bool all = pa->all, json = pa->c.json;
	struct engine *e;
	struct store *st;
	const struct config *cfg;
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
	if ((rc = open_all(pa, false, false, &e, &st, &cfg)) != EXIT_OK)
		return rc;
	if (pa->olt != NULL) {
		if ((rc = find_olt(pa, e, pa->olt, &one)) != EXIT_OK) {
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
	engine_close(e);
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

/* oltui health [OLT] [--refresh] */
static int
verb_health(void *args)
{
	struct poll_args *a = args;
	const char *name = a->name;
	bool json = a->c.json;
	struct engine *e;
	struct store *st;
	const struct config *cfg;
	struct olt *olts = NULL, one;
	size_t n = 0;
	char *cause = NULL;
	int rc, status = EXIT_OK;
	cJSON *arr = NULL;

	if (a->markdown) {
		olt_state_print_markdown(stdout);
		return EXIT_OK;
	}
	/* Reading the cache needs no secret; --refresh reads the OLT. */
	if ((rc = open_all(a, a->refresh, false, &e, &st, &cfg)) != EXIT_OK)
		return rc;
	if (name != NULL && (rc = find_olt(a, e, name, &one)) != EXIT_OK) {
		engine_close(e);
		return rc;
	}
	if (store_olt_list(st, &olts, &n, &cause) != 0) {
		engine_close(e);
		return verb_fail_cause(&a->c, ERR_INTERNAL, cause);
	}
	if (json)
		arr = cJSON_CreateArray();
	for (size_t i = 0; i < n; i++) {
		struct olt_health h;
		struct olt_state state;
		int have;

		if (name != NULL && strcmp(olts[i].name, name) != 0)
			continue;
		if (a->refresh) {
			struct err err = { 0 };

			if (ops_health(e, olts[i].name, &h, &err) != 0) {
				fprintf(stderr, "oltui health: %s: %s\n", olts[i].name,
				    err_text(&err));
				if (verb_exit_of(err.kind) > status)
					status = verb_exit_of(err.kind);
				err_clear(&err);
			}
		}
		if ((have = poll_health_load(st, &olts[i], &h, &cause)) < 0 ||
		    store_olt_state_get(st, olts[i].id, &state, &cause) < 0) {
			free(olts);
			engine_close(e);
			if (arr != NULL)
				cJSON_Delete(arr);
			return verb_fail_cause(&a->c, ERR_INTERNAL, cause);
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
		verb_print_json(arr);
	free(olts);
	engine_close(e);
	return status;
}

/* ---- thresholds ---- */

/* Splits "KEY=VALUE" into key and a value (NAN for "default").  0, or -1
   with a usage error printed. */
static int
threshold_set(const struct poll_args *a, const char *kv, char key[64], double *val)
{
	const char *eq = strchr(kv, '=');
	char *end;

	snprintf(key, 64, "%.*s", (int)(eq - kv), kv);
	if (strcmp(eq + 1, "default") == 0) {
		*val = NAN;
		return 0;
	}
	*val = strtod(eq + 1, &end);
	if (end == eq + 1 || *end != '\0') {
		verb_fail(&a->c, ERR_USAGE, "%s: a number in dBm (or C for temperature_high), "
		    "or 'default'", key);
		return -1;
	}
	return 0;
}

/* oltui thresholds OLT [KEY=VALUE|KEY=default]... */
static int
verb_thresholds(void *args)
{
	struct poll_args *a = args;
	bool json = a->c.json;
	struct engine *e;
	struct store *st;
	const struct config *cfg;
	struct olt olt;
	struct alarm_thresholds th;
	char *cause = NULL;
	int rc;

	for (size_t i = 0; i < a->sets.n; i++)
		if (strchr(a->sets.v[i], '=') == NULL)
			return verb_fail(&a->c, ERR_USAGE, "unexpected '%s' (give KEY=VALUE, "
			    "such as rx_warning=-27)", a->sets.v[i]);
	if ((rc = open_all(a, false, false, &e, &st, &cfg)) != EXIT_OK)
		return rc;
	if ((rc = find_olt(a, e, a->name, &olt)) != EXIT_OK) {
		engine_close(e);
		return rc;
	}
	/* Check every assignment before storing any. */
	for (int pass = 0; pass < 2; pass++) {
		for (size_t i = 0; i < a->sets.n; i++) {
			char key[64];
			double val;

			if (threshold_set(a, a->sets.v[i], key, &val) != 0) {
				engine_close(e);
				return EXIT_USAGE;
			}
			if (pass == 0 && alarms_override_check(key, val, NULL, &cause) != 0) {
				engine_close(e);
				return verb_fail_cause(&a->c, ERR_USAGE, cause);
			}
			if (pass == 1 && alarms_set_override(st, &olt, key, val, &cause) != 0) {
				engine_close(e);
				return verb_fail_cause(&a->c, ERR_INTERNAL, cause);
			}
		}
	}
	if (alarms_thresholds(st, cfg, &olt, &th, &cause) != 0) {
		engine_close(e);
		return verb_fail_cause(&a->c, ERR_INTERNAL, cause);
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
		verb_print_json(j);
	} else {
		printf("%s: ONU Rx warning %.1f critical %.1f overload %.1f dBm; OLT Rx "
		    "warning %.1f critical %.1f dBm; temperature %.0f C; hysteresis %.1f dB\n",
		    olt.name, th.rx_warning, th.rx_critical, th.rx_overload, th.olt_rx_warning,
		    th.olt_rx_critical, th.temperature_high, th.hysteresis_db);
	}
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

#define PO(m) offsetof(struct poll_args, m)

static const struct verb_opt poll_opts[] = {
	{ .name = "--once", .type = VA_FLAG, .off = PO(once),
	  .help = "sweep every OLT (or those of --olt) once, in parallel" },
	{ .name = "--daemon", .type = VA_FLAG, .off = PO(daemon),
	  .help = "sweep every interval until SIGTERM" },
	{ .name = "--olt", .type = VA_NAME, .meta = "NAME", .off = PO(olts),
	  .flags = VO_MULTI, .help = "--once: only this OLT" },
	{ .name = "--health", .type = VA_FLAG, .off = PO(health),
	  .help = "--once: read each OLT's health (uptime, boards) too" },
	{ .name = "--tag", .type = VA_NAME, .meta = "TAG", .off = PO(tag),
	  .help = "--daemon: only the OLTs with this tag" },
	{ .name = "--interval", .type = VA_INT, .meta = "SECONDS", .off = PO(interval),
	  .min = 10, .max = 86400, .help = "--daemon: seconds between sweeps (default: "
	  "poll.sweep_interval_s)" },
	{ .name = "--textfile", .type = VA_OUTFILE, .meta = "FILE", .off = PO(textfile),
	  .help = "write Prometheus metrics to FILE after each sweep (default: "
	  "metrics.textfile)" },
	{ .name = "--push", .type = VA_STRING, .meta = "URL", .off = PO(push), .max = 512,
	  .help = "push the metrics to this Pushgateway URL (default: metrics.push_url)" },
	{ .name = "--log", .type = VA_OUTFILE, .meta = "FILE", .off = PO(log),
	  .help = "--daemon: the log (default $XDG_STATE_HOME/oltui/poll.log)" },
	VOPT_JSON, VOPT_END,
};
static const struct verb_opt signal_opts[] = {
	{ .name = "--since", .type = VA_CUSTOM, .meta = "DURATION", .off = PO(since),
	  .parse = parse_since, .sdef = "24h", .help = "how far back (90m, 24h, 7d, 4w)" },
	{ .name = "--live", .type = VA_FLAG, .off = PO(live),
	  .help = "read the ONT's level every interval instead (Ctrl-C stops)" },
	{ .name = "--interval", .type = VA_INT, .meta = "SECONDS", .off = PO(interval),
	  .min = 1, .max = 3600, .help = "--live: seconds between readings (default: "
	  "poll.live_interval_s)" },
	{ .name = "--count", .type = VA_INT, .meta = "N", .off = PO(count), .min = 1,
	  .max = 1000000, .help = "--live: stop after N readings" },
	VOPT_JSON, VOPT_END,
};
static const struct verb_pos sn_pos[] = {
	{ .meta = "SN", .type = VA_STRING, .off = PO(name), .help = "the ONT's serial" },
	VPOS_END,
};
static const struct verb_opt alarms_opts[] = {
	{ .name = "--all", .type = VA_FLAG, .off = PO(all),
	  .help = "cleared alarms too" },
	{ .name = "--olt", .type = VA_NAME, .meta = "NAME", .off = PO(olt),
	  .help = "only this OLT's alarms" },
	VOPT_JSON,
	{ .name = "--kinds-markdown", .type = VA_FLAG, .off = PO(markdown),
	  .help = "print the alarm kinds in Markdown (docs/polling.md) and exit" },
	VOPT_END,
};
static const struct verb_opt health_opts[] = {
	{ .name = "--refresh", .type = VA_FLAG, .off = PO(refresh),
	  .help = "read the OLT's health over SNMP first" },
	VOPT_JSON,
	{ .name = "--state-markdown", .type = VA_FLAG, .off = PO(markdown),
	  .help = "print the OLT state's fields in Markdown (docs/polling.md) and exit" },
	VOPT_END,
};
static const struct verb_pos health_pos[] = {
	{ .meta = "OLT", .type = VA_NAME, .off = PO(name), .flags = VO_OPTIONAL,
	  .help = "only this OLT (default: every OLT)" },
	VPOS_END,
};
static const struct verb_opt json_opts[] = { VOPT_JSON, VOPT_END };
static const struct verb_pos thresholds_pos[] = {
	{ .meta = "OLT", .type = VA_NAME, .off = PO(name), .help = "the OLT" },
	{ .meta = "KEY=VALUE", .type = VA_STRING, .off = PO(sets),
	  .flags = VO_OPTIONAL | VO_MULTI, .help = "set a threshold (KEY=default: back "
	  "to config.ini's): rx_warning, rx_critical, rx_overload, olt_rx_warning, "
	  "olt_rx_critical, temperature_high, hysteresis_db" },
	VPOS_END,
};

#define POLL_VERB(n, s, o, p, r) { .name = n, .summary = s, .opts = o, .pos = p, \
	.size = sizeof(struct poll_args), .run = r }

const struct verb verbs_poll[] = {
	POLL_VERB("poll", "read every ONT's state and signal over SNMP, once or as a daemon",
	    poll_opts, NULL, verb_poll),
	POLL_VERB("signal", "the optical signal history of one ONT, or its live level "
	    "(one GET per reading)", signal_opts, sn_pos, verb_signal),
	POLL_VERB("alarms", "active alarms, worst and newest first", alarms_opts, NULL,
	    verb_alarms),
	POLL_VERB("health", "OLT reachability and last sweep, uptime, board CPU and "
	    "temperature", health_opts, health_pos, verb_health),
	POLL_VERB("thresholds", "show or override one OLT's alarm thresholds (B+ and C+ "
	    "optics differ)", json_opts, thresholds_pos, verb_thresholds),
	VERB_END,
};
