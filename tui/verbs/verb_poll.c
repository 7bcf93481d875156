/*
 * verb_poll.c — the verbs of polling and OLT health (signal history and
 * alarms are in verb_signal.c):
 *
 *   oltui poll --once [--olt NAME]… [--health] [--textfile F] [--push URL] [--json]
 *   oltui poll --daemon [--tag T] [--interval SECONDS] [--textfile F] [--push URL] [--log F]
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
#include <fcntl.h>
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

/* What the verbs of this file read (each uses its own part). */
struct poll_args {
	struct verb_common	 c;
	bool			 once, daemon, health;
	struct verb_list	 olts;		/* poll --olt, each */
	const char		*tag;
	long			 interval;
	const char		*textfile, *push, *log;
	const char		*push_auth_file;	/* "user:password" on its first line */
	const char		*push_ca_file;		/* PEM CAs for an https push */
	const char		*name;		/* health/thresholds OLT */
	bool			 markdown;	/* --state-markdown */
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

/* ---- poll --once ---- */

/* Writes the metrics to the textfile and pushes them, as configured.  0,
   or -1 when either failed (said on stderr). */
static int
export(struct store *st, const char *textfile, const char *push, const char *userpwd,
    const char *ca_file)
{
	struct buf b = { 0 };
	char *cause = NULL;
	int rc = 0;

	if (textfile == NULL && push == NULL)
		return 0;
	if (metrics_render(st, &b, &cause) == 0) {
		if (textfile != NULL && metrics_write_textfile(textfile, buf_str(&b), &cause) != 0) {
			fprintf(stderr, "oltui poll: %s\n", cause);
			rc = -1;
		}
		free(cause);
		cause = NULL;
		if (push != NULL && metrics_push(push, userpwd, ca_file, buf_str(&b), 10000, &cause) != 0) {
			fprintf(stderr, "oltui poll: %s\n", cause);
			rc = -1;
		}
	} else {
		fprintf(stderr, "oltui poll: metrics: %s\n", cause);
		rc = -1;
	}
	free(cause);
	buf_free(&b);
	return rc;
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
    const char *push, const char *userpwd)
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

		if ((rc = verb_find_olt(&a->c, e, a->olts.v[i], &o)) != EXIT_OK)
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

		/* A partial sweep stored what it read but is not a success (its
		   error is a failure: exit 1); only an OLT that did not answer is
		   unreachable (exit 3). */
		if (j->out.rc != 0 || j->res.outcome == POLL_PARTIAL) {
			int x = verb_exit_of(j->res.outcome == POLL_UNREACHABLE ? ERR_UNREACHABLE :
			    j->out.err.kind != ERR_NONE ? j->out.err.kind : ERR_FAILURE);

			if (x > status)
				status = x;
		}
		if (json) {
			cJSON *o = cJSON_CreateObject();
			cJSON_AddStringToObject(o, "olt", j->olt->name);
			cJSON_AddBoolToObject(o, "ok", j->out.rc == 0 && j->res.outcome == POLL_OK);
			cJSON_AddStringToObject(o, "outcome", poll_outcome_name(j->res.outcome));
			cJSON_AddBoolToObject(o, "unreachable", j->res.outcome == POLL_UNREACHABLE);
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
			if (j->out.rc != 0 || j->res.outcome == POLL_PARTIAL)
				cJSON_AddStringToObject(o, "error_kind", err_kind_name(
				    j->res.outcome == POLL_UNREACHABLE ? ERR_UNREACHABLE :
				    j->out.err.kind));
			cJSON_AddItemToArray(arr, o);
		} else if (j->out.rc == 0) {
			printf("%-16s %s%5zu ONTs %5zu online %6lld ms %5lu requests  alarms +%d -%d "
			    "(%d active)%s%s\n", j->olt->name,
			    j->res.outcome == POLL_PARTIAL ? "PARTIAL " : "", j->res.onts,
			    j->res.online, (long long)j->res.ms, j->res.requests,
			    j->res.alarms.raised, j->res.alarms.cleared, j->res.alarms.active,
			    error ? "; " : "", error ? error : "");
		} else
			printf("%-16s %s: %s\n", j->olt->name,
			    j->res.outcome == POLL_UNREACHABLE ? "UNREACHABLE" : "FAILED",
			    err_text(&j->out.err));
		err_clear(&j->out.err);
	}
	if (json)
		verb_print_json(arr);
	/* A sweep that worked but metrics that did not reach their collector
	   is a failure of what was asked. */
	if (export(st, textfile, push, userpwd, a->push_ca_file) != 0 && status == EXIT_OK)
		status = EXIT_FAIL;
	free(jobs);
	free(olts);
	return status;
}

/* ---- poll --daemon ---- */

static volatile sig_atomic_t daemon_stop;

/* SIGTERM / SIGINT: the daemon stops after the running sweeps. */
static void
on_stop_signal(int sig)
{
	(void)sig;
	daemon_stop = 1;
}

/* poll --daemon */
static int
poll_daemon(const struct poll_args *a, struct engine *e, const char *textfile,
    const char *push, const char *userpwd)
{
	struct daemon_opts o;
	struct sigaction sa;
	char *cause = NULL, *dir = NULL, *path = NULL;
	const char *logpath = a->log;
	FILE *log;
	int rc, fd;

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
	/* The log names OLTs, addresses and failures: the owner's only. */
	if ((fd = open(logpath, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600)) < 0 ||
	    (log = fdopen(fd, "a")) == NULL) {
		rc = verb_fail(&a->c, ERR_REFUSED, "cannot open the log %s: %s", logpath,
		    strerror(errno));
		if (fd >= 0)
			close(fd);
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
	o.push_auth = userpwd;
	o.push_ca_file = a->push_ca_file;
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
	char *cause = NULL, *userpwd = NULL;
	int rc;

	if (a->once == a->daemon)
		return verb_fail(&a->c, ERR_USAGE, "say --once or --daemon");
	if (a->once && (a->tag != NULL || a->interval != 0 || a->log != NULL))
		return verb_fail(&a->c, ERR_USAGE, "--tag, --interval and --log are for "
		    "--daemon");
	if (a->daemon && (a->olts.n > 0 || a->health))
		return verb_fail(&a->c, ERR_USAGE, "--olt and --health are for --once");
	/* Every user of the machine sees argv (ps): credentials never go there. */
	if (a->push != NULL && metrics_url_has_userinfo(a->push))
		return verb_fail(&a->c, ERR_USAGE, "--push: a URL with USER:PASSWORD@ "
		    "shows them to every user of this machine (ps); give the URL "
		    "without them and put USER:PASSWORD on the first line of a 0600 "
		    "file: --push-auth-file FILE");
	if ((rc = open_all(a, true, true, &e, &st, &cfg)) != EXIT_OK)
		return rc;
	textfile = a->textfile != NULL ? a->textfile : cfg_str(cfg, "metrics.textfile");
	push = a->push != NULL ? a->push : cfg_str(cfg, "metrics.push_url");
	if (push != NULL && metrics_url_cleartext(push))
		fprintf(stderr, "oltui poll: warning: %s is plain http:// to another "
		    "machine: the metrics%s cross the network unencrypted (use "
		    "https://)\n", a->push != NULL ? "--push" : "metrics.push_url",
		    a->push_auth_file != NULL || metrics_url_has_userinfo(push) ?
		    " and the push credentials" : "");
	if (a->push_auth_file != NULL) {
		if (push == NULL) {
			engine_close(e);
			return verb_fail(&a->c, ERR_USAGE, "--push-auth-file: give --push URL "
			    "(or metrics.push_url) too");
		}
		if ((userpwd = vault_read_secret(a->push_auth_file, NULL, &cause)) == NULL) {
			engine_close(e);
			return verb_fail(&a->c, ERR_USAGE, "--push-auth-file: %s", cause);
		}
		if (strchr(userpwd, ':') == NULL) {
			vault_secret_free(userpwd);
			engine_close(e);
			return verb_fail(&a->c, ERR_USAGE, "--push-auth-file: the first line "
			    "must be USER:PASSWORD");
		}
	}
	const char *caname = a->push_ca_file != NULL ? "--push-ca-file" : "metrics.push_ca_file";

	if (a->push_ca_file == NULL)
		a->push_ca_file = cfg_str(cfg, "metrics.push_ca_file");
	if (a->push_ca_file != NULL) {
		if (push == NULL) {
			engine_close(e);
			return verb_fail(&a->c, ERR_USAGE, "%s: give --push URL "
			    "(or metrics.push_url) too", caname);
		}
		if (access(a->push_ca_file, R_OK) != 0) {
			rc = verb_fail(&a->c, ERR_USAGE, "%s: cannot read %s: %s",
			    caname, a->push_ca_file, strerror(errno));
			engine_close(e);
			return rc;
		}
	}
	/* A textfile that cannot be written is found now, not in the log. */
	if (textfile != NULL && verb_check_outfile(a->textfile != NULL ? "--textfile" :
	    "metrics.textfile", textfile, &cause) != 0) {
		engine_close(e);
		return verb_fail_cause(&a->c, ERR_USAGE, cause);
	}
	rc = a->once ? poll_once(a, e, textfile, push, userpwd) :
	    poll_daemon(a, e, textfile, push, userpwd);
	if (userpwd != NULL)
		vault_secret_free(userpwd);
	engine_close(e);
	return rc;
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
		printf("  last sweep %lld s ago%s: %lld ONTs, %lld online, %lld ms, %lld requests\n",
		    (long long)(now - s->sweep_at), s->sweep_partial ?
		    " PARTIAL (the request budget ran out; poll.snmp_budget_per_sweep)" : "",
		    (long long)s->sweep_onts, (long long)s->sweep_online, (long long)s->sweep_ms,
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
	if (name != NULL && (rc = verb_find_olt(&a->c, e, name, &one)) != EXIT_OK) {
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
					verb_json_number(x, "temp_c", h.boards[k].temp_c,
					    !isnan(h.boards[k].temp_c));
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
	if ((rc = verb_find_olt(&a->c, e, a->name, &olt)) != EXIT_OK) {
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
	  .help = "push the metrics to this Pushgateway URL (default: metrics.push_url); "
	  "no USER:PASSWORD@ in it" },
	{ .name = "--push-auth-file", .type = VA_PATH, .meta = "FILE", .off = PO(push_auth_file),
	  .help = "basic auth for --push: USER:PASSWORD on the first line of FILE" },
	{ .name = "--push-ca-file", .type = VA_PATH, .meta = "FILE", .off = PO(push_ca_file),
	  .help = "an https --push URL's CA certificates (PEM), a private CA (default: "
	  "metrics.push_ca_file, else the system's)" },
	{ .name = "--log", .type = VA_OUTFILE, .meta = "FILE", .off = PO(log),
	  .help = "--daemon: the log (default $XDG_STATE_HOME/oltui/poll.log)" },
	VOPT_JSON, VOPT_END,
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
	POLL_VERB("health", "OLT reachability and last sweep, uptime, board CPU and "
	    "temperature", health_opts, health_pos, verb_health),
	POLL_VERB("thresholds", "show or override one OLT's alarm thresholds (B+ and C+ "
	    "optics differ)", json_opts, thresholds_pos, verb_thresholds),
	VERB_END,
};
