/*
 * verb_device.c — the device verbs.
 *
 * `oltui cli-run` is a diagnostic: it opens a transport straight to an
 * address (no database, no vault), logs in with the vendor's dialogue, runs
 * each command through the CLI engine and prints the clean output, or JSON
 * with the output, the error and the time of each command.  It is what the
 * transport and engine integration tests drive, and what a technician uses
 * to check that oltui can talk to a box before adding it.  With
 * --pool-workers it runs the commands from several threads through the
 * per-OLT session pool instead (a load check of the pool and of the box).
 * Passwords are read from files only, never from argv.
 */
#include "tui/verbs/verb.h"

#include <cJSON.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "drivers/cli.h"
#include "drivers/driver.h"
#include "drivers/session_pool.h"
#include "drivers/transport.h"
#include "lib/util.h"

struct cli_run_args {
	struct transport_params	 tp;
	enum transport_kind	 kind;
	const struct olt_driver	*drv;
	const char		*password_file;
	const char		*jump_password_file;
	char			*password;
	char			*jump_password;
	bool			 json;
	bool			 confirm;
	bool			 timing;
	long			 timeout_ms;
	long			 busy_retries;	/* -1 = the engine's default */
	long			 workers;	/* > 0: run through the session pool */
	long			 repeat;	/* rounds per worker */
	long			 max_sessions;	/* the pool's cap */
	char			**cmds;
	int			 ncmds;
};

/* Reads the first line of path into *out (without the line end). */
static int
read_secret(const char *path, char **out, char **cause)
{
	char line[4096];
	FILE *f;
	size_t n;

	f = fopen(path, "r");
	if (f == NULL) {
		set_cause(cause, "cannot read %s: %s", path, strerror(errno));
		return -1;
	}
	if (fgets(line, sizeof line, f) == NULL)
		line[0] = '\0';
	fclose(f);
	n = strlen(line);
	while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
		line[--n] = '\0';
	*out = xstrdup(line);
	memset(line, 0, sizeof line);
	return 0;
}

/* Parses the arguments of cli-run; returns EXIT_OK or EXIT_USAGE. */
static int
parse_args(int argc, char **argv, struct cli_run_args *a)
{
	const char *verb = argv[0], *transport = "ssh", *vendor = NULL;
	long port = 0;
	int i;

	for (i = 1; i < argc; i++) {
		const char *o = argv[i];
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;
		bool takes = true;

		if (strcmp(o, "--") == 0) {
			i++;
			break;
		}
		if (o[0] != '-' || o[1] != '-')
			break;
		if (strcmp(o, "--accept-new-host-key") == 0) {
			a->tp.accept_new_host_key = true;
			takes = false;
		} else if (strcmp(o, "--json") == 0) {
			a->json = true;
			takes = false;
		} else if (strcmp(o, "--confirm") == 0) {
			a->confirm = true;
			takes = false;
		} else if (strcmp(o, "--timing") == 0) {
			a->timing = true;
			takes = false;
		} else if (strcmp(o, "--no-ssh-config") == 0) {
			a->tp.no_ssh_config = true;
			takes = false;
		} else if (v == NULL)
			return verb_usage_error(verb, "%s needs a value", o);
		else if (strcmp(o, "--vendor") == 0)
			vendor = v;
		else if (strcmp(o, "--host") == 0)
			a->tp.host = v;
		else if (strcmp(o, "--name") == 0)
			a->tp.name = v;
		else if (strcmp(o, "--port") == 0) {
			if (parse_long(v, 1, 65535, &port) != 0)
				return verb_usage_error(verb, "bad port \"%s\"", v);
		} else if (strcmp(o, "--transport") == 0)
			transport = v;
		else if (strcmp(o, "--user") == 0)
			a->tp.user = v;
		else if (strcmp(o, "--password-file") == 0)
			a->password_file = v;
		else if (strcmp(o, "--key-file-ssh") == 0)
			a->tp.key_file = v;
		else if (strcmp(o, "--known-hosts") == 0)
			a->tp.known_hosts = v;
		else if (strcmp(o, "--jump") == 0)
			a->tp.jump = v;
		else if (strcmp(o, "--jump-key") == 0)
			a->tp.jump_key_file = v;
		else if (strcmp(o, "--jump-password-file") == 0)
			a->jump_password_file = v;
		else if (strcmp(o, "--timeout") == 0) {
			if (parse_long(v, 1, 3600000, &a->timeout_ms) != 0)
				return verb_usage_error(verb, "bad timeout \"%s\" (ms)", v);
		} else if (strcmp(o, "--busy-retries") == 0) {
			if (parse_long(v, 0, 20, &a->busy_retries) != 0)
				return verb_usage_error(verb, "bad retry count \"%s\" (0-20)", v);
		} else if (strcmp(o, "--pool-workers") == 0) {
			if (parse_long(v, 1, 64, &a->workers) != 0)
				return verb_usage_error(verb, "bad worker count \"%s\" (1-64)", v);
		} else if (strcmp(o, "--repeat") == 0) {
			if (parse_long(v, 1, 100000, &a->repeat) != 0)
				return verb_usage_error(verb, "bad repeat count \"%s\"", v);
		} else if (strcmp(o, "--max-sessions") == 0) {
			if (parse_long(v, 1, 16, &a->max_sessions) != 0)
				return verb_usage_error(verb, "bad session cap \"%s\" (1-16)", v);
		} else if (strcmp(o, "--password") == 0)
			return verb_usage_error(verb, "passwords are read from a "
			    "file (--password-file), never from the command line");
		else
			return verb_usage_error(verb, "unknown option %s", o);
		if (takes)
			i++;
	}
	if (vendor == NULL || (a->drv = driver_find(vendor)) == NULL || a->drv->cli == NULL)
		return verb_usage_error(verb, "--vendor NAME is required: a driver with a CLI "
		    "(%s)", driver_names());
	if (a->tp.host == NULL)
		return verb_usage_error(verb, "--host is required");
	if (transport_parse(transport, &a->kind) != 0)
		return verb_usage_error(verb, "--transport is ssh or telnet");
	a->tp.port = (int)port;
	a->cmds = argv + i;
	a->ncmds = argc - i;
	return EXIT_OK;
}

/* Adds one command's result to the JSON array. */
static void
json_add(cJSON *arr, const char *cmd, const char *out, const struct err *e,
    int64_t ms)
{
	cJSON *o = cJSON_CreateObject();

	cJSON_AddStringToObject(o, "command", cmd);
	cJSON_AddStringToObject(o, "output", out != NULL ? out : "");
	if (e->kind == ERR_NONE)
		cJSON_AddNullToObject(o, "error");
	else {
		cJSON *je = cJSON_AddObjectToObject(o, "error");
		cJSON_AddStringToObject(je, "kind", err_kind_name(e->kind));
		cJSON_AddStringToObject(je, "message", e->message != NULL ? e->message : "");
		if (e->device_text != NULL)
			cJSON_AddStringToObject(je, "device_text", e->device_text);
	}
	cJSON_AddNumberToObject(o, "ms", (double)ms);
	cJSON_AddItemToArray(arr, o);
}

/* Prints a JSON document with an error that ended the run early. */
static void
json_fail(const char *stage, const char *message, const char *fingerprint)
{
	cJSON *o = cJSON_CreateObject();
	char *s;

	cJSON_AddStringToObject(o, "stage", stage);
	cJSON_AddStringToObject(o, "error", message);
	if (fingerprint != NULL)
		cJSON_AddStringToObject(o, "fingerprint", fingerprint);
	s = cJSON_Print(o);
	puts(s);
	free(s);
	cJSON_Delete(o);
}

/* Opens, logs in, runs the commands; returns an exit status. */
static int
cli_run_main(struct cli_run_args *a)
{
	struct cli_options co = { 0 };
	struct cli_run_opts ro = { .confirm = a->confirm };
	struct err e = { 0 };
	struct transport *t = NULL;
	struct cli *c;
	char *cause = NULL, *fp = NULL, *out;
	cJSON *doc = NULL, *arr = NULL;
	int64_t t0, t1, ms;
	int rc, status = EXIT_OK, i;

	co.command_timeout_ms = (int)a->timeout_ms;
	if (a->busy_retries >= 0)
		co.busy_retries = a->busy_retries == 0 ? -1 : (int)a->busy_retries;
	co.login_timeout_ms = (int)a->timeout_ms;
	t0 = mono_ms();
	rc = transport_open(a->kind, &a->tp, &t, &fp, &cause);
	if (rc != 0) {
		if (a->json)
			json_fail("connect", cause, fp);
		else
			fprintf(stderr, "oltui cli-run: %s\n", cause);
		status = rc == TRANSPORT_ERR ? EXIT_UNREACHABLE : EXIT_FAIL;
		free(cause);
		free(fp);
		return status;
	}
	c = cli_new(t, a->drv->cli, &co);
	if (cli_login(c, a->tp.user, a->password, &e) != 0) {
		if (a->json)
			json_fail("login", e.message, NULL);
		else
			fprintf(stderr, "oltui cli-run: %s\n", e.message);
		status = e.kind == ERR_AUTH || e.kind == ERR_REFUSED ?
		    EXIT_FAIL : EXIT_UNREACHABLE;
		err_clear(&e);
		cli_close(c);
		return status;
	}
	t1 = mono_ms();
	if (a->timing)
		fprintf(stderr, "timing: login %lld ms\n", (long long)(t1 - t0));
	if (a->json) {
		doc = cJSON_CreateObject();
		cJSON_AddStringToObject(doc, "olt", cli_label(c));
		cJSON_AddStringToObject(doc, "hostname", cli_hostname(c));
		cJSON_AddNumberToObject(doc, "login_ms", (double)(t1 - t0));
		arr = cJSON_AddArrayToObject(doc, "commands");
	}
	for (i = 0; i < a->ncmds; i++) {
		t1 = mono_ms();
		rc = cli_run(c, a->cmds[i], &ro, &out, &e);
		ms = mono_ms() - t1;
		if (a->timing)
			fprintf(stderr, "timing: \"%s\" %lld ms\n", a->cmds[i],
			    (long long)ms);
		if (a->json)
			json_add(arr, a->cmds[i], out, &e, ms);
		else if (rc == 0) {
			if (out[0] != '\0')
				puts(out);
		} else
			fprintf(stderr, "oltui cli-run: %s\n", e.message);
		free(out);
		if (rc != 0) {
			status = e.kind == ERR_CLOSED || e.kind == ERR_TIMEOUT ?
			    EXIT_UNREACHABLE : EXIT_FAIL;
			err_clear(&e);
			if (cli_broken(c))
				break;
		}
	}
	if (doc != NULL) {
		char *s = cJSON_Print(doc);
		puts(s);
		free(s);
		cJSON_Delete(doc);
	}
	t1 = mono_ms();
	cli_free(c);
	if (a->timing)
		fprintf(stderr, "timing: logout %lld ms\n", (long long)(mono_ms() - t1));
	return status;
}

/* Opens and logs in one session for the pool (any thread). */
static struct session *
pooled_connect(void *arg, const char *olt, struct err *e)
{
	struct cli_run_args *a = arg;
	struct cli_options co = { 0 };
	struct transport *t = NULL;
	struct cli *c;
	char *cause = NULL;

	(void)olt;
	co.command_timeout_ms = (int)a->timeout_ms;
	co.login_timeout_ms = (int)a->timeout_ms;
	if (transport_open(a->kind, &a->tp, &t, NULL, &cause) != 0) {
		err_set(e, ERR_UNREACHABLE, "%s", cause);
		free(cause);
		return NULL;
	}
	c = cli_new(t, a->drv->cli, &co);
	if (cli_login(c, a->tp.user, a->password, e) != 0) {
		cli_close(c);
		return NULL;
	}
	return session_cli_wrap(a->drv, c);
}

struct pooled_worker {
	struct cli_run_args	*a;
	struct session_pool	*pool;
	pthread_t		 thread;
	long			 runs, errors;
	char			*first_error;
};

/* One worker: repeat rounds of every command, a session per round. */
static void *
pooled_work(void *arg)
{
	struct pooled_worker *w = arg;
	struct cli_run_opts ro = { .confirm = w->a->confirm };
	struct err e = { 0 };
	struct session *s;
	struct cli *c;
	char *out = NULL;
	const char *name = w->a->tp.name != NULL ? w->a->tp.name : w->a->tp.host;

	for (long r = 0; r < w->a->repeat; r++) {
		if (session_pool_acquire(w->pool, name, 60000, &s, &e) != SESSION_POOL_OK) {
			w->errors++;
			if (w->first_error == NULL)
				w->first_error = xstrdup(err_text(&e));
			err_clear(&e);
			continue;
		}
		c = session_cli(s);
		for (int i = 0; i < w->a->ncmds; i++) {
			w->runs++;
			if (cli_run(c, w->a->cmds[i], &ro, &out, &e) != 0) {
				w->errors++;
				if (w->first_error == NULL)
					w->first_error = xstrdup(e.message);
				err_clear(&e);
			}
			free(out);
		}
		session_pool_release(w->pool, s, false);
	}
	return NULL;
}

/* --pool-workers: runs the commands from W threads through the session pool
   (capped at --max-sessions) and prints a summary. */
static int
cli_run_pooled(struct cli_run_args *a)
{
	struct session_pool_config cfg = { .max_per_olt = (int)a->max_sessions };
	struct pooled_worker *w;
	struct session_pool_olt_status st;
	struct session_pool *pool;
	long runs = 0, errors = 0, i;
	char *first = NULL;
	int64_t t0 = mono_ms(), ms;

	pool = session_pool_new(&cfg, pooled_connect, a);
	w = xcalloc((size_t)a->workers, sizeof *w);
	for (i = 0; i < a->workers; i++) {
		w[i].a = a;
		w[i].pool = pool;
		pthread_create(&w[i].thread, NULL, pooled_work, &w[i]);
	}
	for (i = 0; i < a->workers; i++) {
		pthread_join(w[i].thread, NULL);
		runs += w[i].runs;
		errors += w[i].errors;
		if (first == NULL)
			first = w[i].first_error;
		else
			free(w[i].first_error);
	}
	ms = mono_ms() - t0;
	session_pool_status(pool, a->tp.name != NULL ? a->tp.name : a->tp.host, &st);
	if (a->json)
		printf("{\"workers\": %ld, \"max_sessions\": %ld, \"commands\": %ld, "
		    "\"errors\": %ld, \"connects\": %llu, \"ms\": %lld}\n", a->workers,
		    a->max_sessions, runs, errors, (unsigned long long)st.connects,
		    (long long)ms);
	else
		printf("%ld commands from %ld workers over %llu sessions (cap %ld): "
		    "%ld errors, %lld ms\n", runs, a->workers,
		    (unsigned long long)st.connects, a->max_sessions, errors,
		    (long long)ms);
	if (first != NULL)
		fprintf(stderr, "oltui cli-run: first error: %s\n", first);
	free(first);
	free(st.last_error);
	free(w);
	session_pool_free(pool);
	return errors == 0 ? EXIT_OK : EXIT_FAIL;
}

/* oltui cli-run: see the file comment. */
static int
verb_cli_run(int argc, char **argv, const struct globals *g)
{
	struct cli_run_args a = { .busy_retries = -1, .repeat = 1, .max_sessions = 2 };
	char *cause = NULL;
	int status;

	a.json = g->json;
	if ((status = parse_args(argc, argv, &a)) != EXIT_OK)
		return status;
	if (a.password_file != NULL &&
	    read_secret(a.password_file, &a.password, &cause) != 0)
		goto fail;
	if (a.jump_password_file != NULL &&
	    read_secret(a.jump_password_file, &a.jump_password, &cause) != 0)
		goto fail;
	a.tp.password = a.password;
	a.tp.jump_password = a.jump_password;
	status = a.workers > 0 ? cli_run_pooled(&a) : cli_run_main(&a);
	if (a.password != NULL)
		memset(a.password, 0, strlen(a.password));
	if (a.jump_password != NULL)
		memset(a.jump_password, 0, strlen(a.jump_password));
	free(a.password);
	free(a.jump_password);
	return status;
fail:
	fprintf(stderr, "oltui cli-run: %s\n", cause);
	free(cause);
	free(a.password);
	return EXIT_USAGE;
}

const struct verb verbs_device[] = {
	{ "cli-run",
	  "--vendor NAME --host H [--port P] [--name N] [--transport ssh|telnet] "
	  "[--user U] [--password-file F] [--key-file-ssh K] [--known-hosts F] "
	  "[--accept-new-host-key] [--jump user@host[:port]] [--jump-key K] "
	  "[--jump-password-file F] [--no-ssh-config] [--timeout MS] [--busy-retries N] [--confirm] [--json] "
	  "[--timing] [--pool-workers W [--repeat R] [--max-sessions N]] CMD...",
	  "diagnostic: log in to an address and run CLI commands (no database)",
	  verb_cli_run },
	{ NULL, NULL, NULL, NULL },
};
