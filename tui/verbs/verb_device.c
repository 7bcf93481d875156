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

/* --transport: the kind, and whether it was given (else the driver's). */
struct transport_opt {
	enum transport_kind	 kind;
	bool			 given;
};

struct cli_run_args {
	struct verb_common	 c;
	struct transport_params	 tp;
	const struct olt_driver	*drv;		/* --vendor */
	struct transport_opt	 transport;
	long			 port;		/* 0 = the driver's (or the transport's) */
	const char		*host;
	const char		*name;
	const char		*user;
	const char		*key_file_ssh;
	const char		*jump;
	const char		*jump_key;
	const char		*password_file;
	const char		*jump_password_file;
	char			*password;
	char			*jump_password;
	bool			 confirm;
	bool			 timing;
	bool			 no_ssh_config;
	long			 busy_retries;	/* -1 = the engine's default */
	long			 workers;	/* > 0: run through the session pool */
	long			 repeat;	/* rounds per worker */
	long			 max_sessions;	/* the pool's cap */
	struct verb_list	 cmds;
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

/* The exit status and error kind of a transport_open() result. */
static enum err_kind
open_kind(int rc)
{
	switch (rc) {
	case TRANSPORT_HOSTKEY_NEW:
	case TRANSPORT_HOSTKEY_CHANGED:
		return ERR_HOSTKEY;
	case TRANSPORT_AUTH:
		return ERR_AUTH;
	default:
		return ERR_UNREACHABLE;
	}
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

/* Prints why the run ended early (stage: "connect", "login") and returns
   its exit status: a JSON document with --json, a line on stderr always. */
static int
run_fail(const struct cli_run_args *a, const char *stage, enum err_kind k,
    const char *message, const char *fingerprint)
{
	fprintf(stderr, "oltui cli-run: %s\n", message);
	if (a->c.json) {
		cJSON *o = cJSON_CreateObject();

		cJSON_AddStringToObject(o, "stage", stage);
		if (fingerprint != NULL)
			cJSON_AddStringToObject(o, "fingerprint", fingerprint);
		verb_json_error(o, k, message);
		verb_print_json(o);
	}
	return verb_exit_of(k);
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

	co.command_timeout_ms = (int)a->c.timeout_ms;
	if (a->busy_retries >= 0)
		co.busy_retries = a->busy_retries == 0 ? -1 : (int)a->busy_retries;
	co.login_timeout_ms = (int)a->c.timeout_ms;
	t0 = mono_ms();
	rc = transport_open(a->transport.kind, &a->tp, &t, &fp, &cause);
	if (rc != 0) {
		status = run_fail(a, "connect", open_kind(rc), cause, fp);
		free(cause);
		free(fp);
		return status;
	}
	c = cli_new(t, a->drv->cli, &co);
	if (cli_login(c, a->tp.user, a->password, &e) != 0) {
		status = run_fail(a, "login", e.kind, err_text(&e), NULL);
		err_clear(&e);
		cli_close(c);
		return status;
	}
	t1 = mono_ms();
	if (a->timing)
		fprintf(stderr, "timing: login %lld ms\n", (long long)(t1 - t0));
	if (a->c.json) {
		doc = cJSON_CreateObject();
		cJSON_AddStringToObject(doc, "olt", cli_label(c));
		cJSON_AddStringToObject(doc, "hostname", cli_hostname(c));
		cJSON_AddNumberToObject(doc, "login_ms", (double)(t1 - t0));
		arr = cJSON_AddArrayToObject(doc, "commands");
	}
	for (i = 0; i < (int)a->cmds.n; i++) {
		const char *cmd = a->cmds.v[i];

		t1 = mono_ms();
		rc = cli_run(c, cmd, &ro, &out, &e);
		ms = mono_ms() - t1;
		if (a->timing)
			fprintf(stderr, "timing: \"%s\" %lld ms\n", cmd, (long long)ms);
		if (a->c.json)
			json_add(arr, cmd, out, &e, ms);
		else if (rc == 0) {
			if (out[0] != '\0')
				puts(out);
		} else
			fprintf(stderr, "oltui cli-run: %s\n", e.message);
		free(out);
		if (rc != 0) {
			if (verb_exit_of(e.kind) > status)
				status = verb_exit_of(e.kind);
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
	int rc;

	(void)olt;
	co.command_timeout_ms = (int)a->c.timeout_ms;
	co.login_timeout_ms = (int)a->c.timeout_ms;
	if ((rc = transport_open(a->transport.kind, &a->tp, &t, NULL, &cause)) != 0) {
		err_set(e, open_kind(rc), "%s", cause);
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
	enum err_kind		 worst;		/* the error with the worst exit status */
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
			if (verb_exit_of(e.kind) > verb_exit_of(w->worst))
				w->worst = e.kind;
			if (w->first_error == NULL)
				w->first_error = xstrdup(err_text(&e));
			err_clear(&e);
			continue;
		}
		c = session_cli(s);
		for (size_t i = 0; i < w->a->cmds.n; i++) {
			w->runs++;
			if (cli_run(c, w->a->cmds.v[i], &ro, &out, &e) != 0) {
				w->errors++;
				if (verb_exit_of(e.kind) > verb_exit_of(w->worst))
					w->worst = e.kind;
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
	enum err_kind worst = ERR_NONE;
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
		if (verb_exit_of(w[i].worst) > verb_exit_of(worst))
			worst = w[i].worst;
		if (first == NULL)
			first = w[i].first_error;
		else
			free(w[i].first_error);
	}
	/* An error whose kind says nothing worse is still a failure. */
	if (errors > 0 && verb_exit_of(worst) == EXIT_OK)
		worst = ERR_FAILURE;
	ms = mono_ms() - t0;
	session_pool_status(pool, a->tp.name != NULL ? a->tp.name : a->tp.host, &st);
	if (a->c.json) {
		cJSON *o = cJSON_CreateObject();

		cJSON_AddNumberToObject(o, "workers", (double)a->workers);
		cJSON_AddNumberToObject(o, "max_sessions", (double)a->max_sessions);
		cJSON_AddNumberToObject(o, "commands", (double)runs);
		cJSON_AddNumberToObject(o, "errors", (double)errors);
		cJSON_AddNumberToObject(o, "connects", (double)st.connects);
		cJSON_AddNumberToObject(o, "ms", (double)ms);
		if (errors > 0)
			verb_json_error(o, worst, first);
		verb_print_json(o);
	} else
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
	return verb_exit_of(worst);
}

/* Fills a->tp from the arguments: the transport and port default to the
   driver's (driver_find(name)->transport, ->cli_port). */
static void
cli_run_params(struct cli_run_args *a)
{
	if (!a->transport.given)
		a->transport.kind = a->drv->transport;
	a->tp.host = a->host;
	a->tp.name = a->name;
	a->tp.user = a->user;
	a->tp.key_file = a->key_file_ssh;
	a->tp.known_hosts = a->c.known_hosts;
	a->tp.accept_new_host_key = a->c.accept_new_host_key;
	a->tp.jump = a->jump;
	a->tp.jump_key_file = a->jump_key;
	a->tp.no_ssh_config = a->no_ssh_config;
	a->tp.port = (int)a->port;
	if (a->port == 0 && a->drv->transport == a->transport.kind && a->drv->cli_port > 0)
		a->tp.port = a->drv->cli_port;
	a->tp.password = a->password;
	a->tp.jump_password = a->jump_password;
}

/* oltui cli-run: see the file comment. */
static int
verb_cli_run(void *args)
{
	struct cli_run_args *a = args;
	char *cause = NULL;
	int status;

	if (a->password_file != NULL &&
	    read_secret(a->password_file, &a->password, &cause) != 0)
		goto fail;
	if (a->jump_password_file != NULL &&
	    read_secret(a->jump_password_file, &a->jump_password, &cause) != 0)
		goto fail;
	cli_run_params(a);
	status = a->workers > 0 ? cli_run_pooled(a) : cli_run_main(a);
	if (a->password != NULL)
		memset(a->password, 0, strlen(a->password));
	if (a->jump_password != NULL)
		memset(a->jump_password, 0, strlen(a->jump_password));
	free(a->password);
	free(a->jump_password);
	return status;
fail:
	free(a->password);
	return verb_fail_cause(&a->c, ERR_REFUSED, cause);
}

/* --vendor: a driver with a CLI. */
static int
parse_vendor(const char *v, void *dst, char **cause)
{
	const struct olt_driver *d = driver_find(v);

	if (d == NULL || d->cli == NULL) {
		set_cause(cause, "must be a driver with a CLI (%s), not '%s'",
		    driver_names(), v);
		return -1;
	}
	*(const struct olt_driver **)dst = d;
	return 0;
}

/* --transport ssh|telnet. */
static int
parse_transport(const char *v, void *dst, char **cause)
{
	struct transport_opt *t = dst;

	if (transport_parse(v, &t->kind) != 0) {
		set_cause(cause, "must be ssh or telnet, not '%s'", v);
		return -1;
	}
	t->given = true;
	return 0;
}

#define CR(m) offsetof(struct cli_run_args, m)

static const struct verb_opt cli_run_opts[] = {
	{ .name = "--vendor", .type = VA_CUSTOM, .meta = "DRIVER", .off = CR(drv),
	  .parse = parse_vendor, .flags = VO_REQUIRED,
	  .help = "the box's driver (oltui drivers): its login dialogue, prompts, "
	  "transport and port" },
	{ .name = "--host", .type = VA_STRING, .meta = "HOST", .off = CR(host), .max = 253,
	  .flags = VO_REQUIRED, .help = "the address to connect to" },
	{ .name = "--port", .type = VA_INT, .meta = "PORT", .off = CR(port), .min = 1,
	  .max = 65535, .help = "the CLI port (default: the driver's, else 22/23)" },
	{ .name = "--transport", .type = VA_CUSTOM, .meta = "ssh|telnet",
	  .off = CR(transport), .parse = parse_transport,
	  .help = "how to connect (default: the driver's)" },
	{ .name = "--name", .type = VA_STRING, .meta = "NAME", .off = CR(name), .max = 64,
	  .help = "the box's name in messages (default: the host)" },
	{ .name = "--user", .type = VA_STRING, .meta = "USER", .off = CR(user), .max = 64,
	  .help = "the login" },
	{ .name = "--password-file", .type = VA_SECRET_FILE, .meta = "FILE",
	  .off = CR(password_file), .help = "file holding the password" },
	{ .name = "--key-file-ssh", .type = VA_PATH, .meta = "KEY", .off = CR(key_file_ssh),
	  .help = "SSH private key to log in with" },
	VOPT_ACCEPT_HOST_KEY,
	VOPT_KNOWN_HOSTS,
	{ .name = "--jump", .type = VA_STRING, .meta = "USER@HOST[:PORT]", .off = CR(jump),
	  .max = 300, .help = "reach the box through this SSH jump host" },
	{ .name = "--jump-key", .type = VA_PATH, .meta = "KEY", .off = CR(jump_key),
	  .help = "the jump host's key (default ~/.ssh/id_ed25519, id_ecdsa, id_rsa)" },
	{ .name = "--jump-password-file", .type = VA_SECRET_FILE, .meta = "FILE",
	  .off = CR(jump_password_file), .help = "file holding the jump host's password" },
	{ .name = "--no-ssh-config", .type = VA_FLAG, .off = CR(no_ssh_config),
	  .help = "do not take a ProxyJump from ~/.ssh/config" },
	VOPT_TIMEOUT,
	{ .name = "--busy-retries", .type = VA_INT, .meta = "N", .off = CR(busy_retries),
	  .min = 0, .max = 20, .def = -1,
	  .help = "retries of a command the box says it is busy for (default: the engine's)" },
	{ .name = "--confirm", .type = VA_FLAG, .off = CR(confirm),
	  .help = "answer the box's (y/n) questions with y" },
	VOPT_JSON,
	{ .name = "--timing", .type = VA_FLAG, .off = CR(timing),
	  .help = "print the time of the login and of each command on stderr" },
	{ .name = "--pool-workers", .type = VA_INT, .meta = "W", .off = CR(workers),
	  .min = 1, .max = 64, .help = "run the commands from W threads through the "
	  "session pool (a load check)" },
	{ .name = "--repeat", .type = VA_INT, .meta = "R", .off = CR(repeat), .min = 1,
	  .max = 100000, .def = 1, .help = "rounds of the commands per worker" },
	{ .name = "--max-sessions", .type = VA_INT, .meta = "N", .off = CR(max_sessions),
	  .min = 1, .max = 16, .def = 2, .help = "the pool's cap of sessions" },
	VOPT_END,
};

static const struct verb_pos cli_run_pos[] = {
	{ .meta = "CMD", .type = VA_STRING, .off = CR(cmds), .flags = VO_MULTI | VO_OPTIONAL,
	  .help = "a command to run (each its own argument, quoted)" },
	VPOS_END,
};

const struct verb verbs_device[] = {
	{ .name = "cli-run", .summary = "diagnostic: log in to an address and run CLI "
	  "commands (no database)", .opts = cli_run_opts, .pos = cli_run_pos,
	  .size = sizeof(struct cli_run_args), .run = verb_cli_run },
	VERB_END,
};
