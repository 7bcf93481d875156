/*
 * verb.c — the list of verb tables, the dispatcher, and the one way a verb
 * fails.
 *
 * verb_main() is all of main(): the global options (a table like any
 * verb's), then the verb and its sub-verb from the tables, the verb's
 * arguments parsed by verb_args_parse() into a zeroed struct of the size
 * the entry gives, and its run function.  Every usage error, whichever
 * word is at fault, is printed by verb_fail(); every error kind becomes an
 * exit status in verb_exit_of() and nowhere else.
 *
 * The order of tables here is the order of `oltui --help`.  Main thread.
 */
#include "tui/verbs/verb.h"

#include <cJSON.h>
#include <math.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/engine.h"
#include "core/paths.h"
#include "core/store.h"
#include "lib/text.h"
#include "lib/util.h"

static const struct verb *const tables[] = {
	verbs_console,
	verbs_demo,
	verbs_inventory,
	verbs_vault,
	verbs_records,
	verbs_write,
	verbs_acs,
	verbs_device,
	verbs_poll,
	verbs_signal,
	verbs_parse,
	verbs_base,
};

/* What the global options fill. */
struct main_args {
	struct globals	 g;
	bool		 version;
	bool		 help_man;
};

#define MA_OFF(m) offsetof(struct main_args, m)

const struct verb_opt verb_global_opts[] = {
	{ .name = "--db", .type = VA_PATH, .meta = "PATH", .off = MA_OFF(g.db_path),
	  .help = "database file (default $XDG_DATA_HOME/oltui/oltui.db; env OLTUI_DB)" },
	{ .name = "--config-dir", .type = VA_PATH, .meta = "DIR", .off = MA_OFF(g.config_dir),
	  .help = "configuration directory (default $XDG_CONFIG_HOME/oltui; env "
	  "OLTUI_CONFIG_DIR)" },
	{ .name = "--key-file", .type = VA_PATH, .meta = "FILE", .off = MA_OFF(g.key_file),
	  .help = "vault key file for unattended use (env OLTUI_KEY_FILE)" },
	{ .name = "--json", .type = VA_FLAG, .off = MA_OFF(g.json),
	  .help = "print JSON instead of text, errors included (verbs also take it "
	  "after the verb)" },
	{ .name = "--ascii", .type = VA_FLAG, .off = MA_OFF(g.ascii),
	  .help = "draw with plain ASCII (no UTF-8, no ACS line drawing)" },
	{ .name = "--version", .short_name = 'V', .type = VA_FLAG, .off = MA_OFF(version),
	  .help = "print the version and exit" },
	{ .name = "--help-man", .type = VA_FLAG, .off = MA_OFF(help_man),
	  .help = "print the man page's VERBS and OPTIONS sections (scripts/genman.sh)" },
	VOPT_END,
};

void
verbs_foreach(void (*fn)(const struct verb *, const struct verb *, void *), void *arg)
{
	for (size_t t = 0; t < nitems(tables); t++)
		for (const struct verb *v = tables[t]; v->name != NULL; v++) {
			const struct verb *first = verb_find(v->name);

			if (first == v)
				fn(NULL, v, arg);
			for (const struct verb *s = v->subs; s != NULL && s->name != NULL; s++)
				fn(first, s, arg);
		}
}

const struct verb *
verb_find(const char *name)
{
	for (size_t t = 0; t < nitems(tables); t++)
		for (const struct verb *v = tables[t]; v->name != NULL; v++)
			if (strcmp(v->name, name) == 0)
				return v;
	return NULL;
}

/* The sub-verb of v after prev (NULL: the first) called name (NULL: any).
   A verb's sub-verbs are those of its entry, then those of every entry of
   the same name in a later table (a file that extends a verb); two of one
   name are an overload, tried in that order (verb_run). */
const struct verb *
verb_find_sub_next(const struct verb *v, const char *name, const struct verb *prev)
{
	bool passed = prev == NULL;

	for (size_t t = 0; t < nitems(tables); t++)
		for (const struct verb *e = tables[t]; e->name != NULL; e++) {
			if (e != v && (strcmp(e->name, v->name) != 0 || verb_find(e->name) != v))
				continue;
			for (const struct verb *s = e->subs; s != NULL && s->name != NULL; s++) {
				if (passed && (name == NULL || strcmp(s->name, name) == 0))
					return s;
				passed |= s == prev;
			}
		}
	return NULL;
}

const struct verb *
verb_find_sub(const struct verb *v, const char *name)
{
	return verb_find_sub_next(v, name, NULL);
}

void
verb_help_sub(FILE *f, const struct verb *parent, const struct verb *v)
{
	for (const struct verb *s = v; s != NULL; s = parent != NULL ?
	    verb_find_sub_next(parent, v->name, s) : NULL)
		help_print_verb(f, parent, s);
}

/* ---- failing ---- */

int
verb_exit_of(enum err_kind k)
{
	if (k == ERR_NONE)
		return EXIT_OK;
	if (k == ERR_USAGE || k == ERR_NOTFOUND)
		return EXIT_USAGE;
	if (err_is_link(k))
		return EXIT_UNREACHABLE;
	return EXIT_FAIL;
}

void
verb_json_error(cJSON *doc, enum err_kind k, const char *message)
{
	cJSON *e = cJSON_AddObjectToObject(doc, "error");

	cJSON_AddStringToObject(e, "kind", err_kind_name(k));
	cJSON_AddStringToObject(e, "message", message != NULL ? message : "");
	cJSON_AddNumberToObject(e, "exit", verb_exit_of(k));
}

void
verb_print_json(cJSON *j)
{
	char *s = cJSON_Print(j);

	puts(s);
	free(s);
	cJSON_Delete(j);
}

void
verb_json_number(cJSON *o, const char *key, double v, bool valid)
{
	if (valid)
		cJSON_AddNumberToObject(o, key, round(v * 100) / 100);
	else
		cJSON_AddNullToObject(o, key);
}

/* Prints message for c (stderr, and the JSON document with --json). */
static int
fail_text(const struct verb_common *c, enum err_kind k, const char *message)
{
	const char *name = c->name != NULL ? c->name : "";

	fprintf(stderr, "oltui%s%s: %s\n", name[0] != '\0' ? " " : "", name, message);
	if (c->json) {
		cJSON *doc = cJSON_CreateObject();

		verb_json_error(doc, k, message);
		verb_print_json(doc);
	}
	return verb_exit_of(k) == EXIT_OK ? EXIT_FAIL : verb_exit_of(k);
}

int
verb_fail(const struct verb_common *c, enum err_kind k, const char *fmt, ...)
{
	va_list ap;
	char *m;
	int rc;

	va_start(ap, fmt);
	m = xvasprintf(fmt, ap);
	va_end(ap);
	rc = fail_text(c, k, m);
	free(m);
	return rc;
}

int
verb_fail_cause(const struct verb_common *c, enum err_kind k, char *cause)
{
	int rc = fail_text(c, k, cause != NULL ? cause : "failed");

	free(cause);
	return rc;
}

int
verb_fail_err(const struct verb_common *c, struct err *e)
{
	int rc = fail_text(c, e->kind == ERR_NONE ? ERR_INTERNAL : e->kind, err_text(e));

	err_clear(e);
	return rc;
}

/* ---- what a verb opens ---- */

struct store *
verb_store(const struct verb_common *c)
{
	char *path, *cause = NULL;
	struct store *st;

	if ((path = paths_db(c->g->db_path, &cause)) == NULL) {
		verb_fail_cause(c, ERR_USAGE, cause);
		return NULL;
	}
	if ((st = store_open(path, &cause)) == NULL)
		verb_fail_cause(c, ERR_INTERNAL, cause);
	free(path);
	return st;
}

int
verb_engine(const struct verb_common *c, unsigned flags, struct engine **e)
{
	return verb_engine_workers(c, flags, 0, e);
}

int
verb_engine_workers(const struct verb_common *c, unsigned flags, int workers,
    struct engine **e)
{
	struct engine_opts o = { 0 };
	char *cause = NULL;

	/* A device that hangs up mid-write must be an error, not SIGPIPE. */
	signal(SIGPIPE, SIG_IGN);
	o.db_path = c->g->db_path;
	o.config_dir = c->g->config_dir;
	o.key_file = c->g->key_file;
	o.known_hosts = c->known_hosts;
	o.accept_new_host_key = c->accept_new_host_key;
	o.command_timeout_ms = (int)c->timeout_ms;
	o.login_timeout_ms = (int)c->timeout_ms;
	o.flags = flags;
	o.workers = workers;
	if (engine_open(&o, e, &cause) != 0)
		return verb_fail_cause(c, ERR_REFUSED, cause);
	if (engine_key_created(*e))
		fprintf(stderr, "created key file %s (keep it safe, mode 0600)\n",
		    c->g->key_file);
	return EXIT_OK;
}

int
verb_find_olt(const struct verb_common *c, struct engine *e, const char *name,
    struct olt *o)
{
	struct err err = { 0 };

	if (engine_find_olt(e, name, o, NULL, &err) != 0)
		return verb_fail_err(c, &err);
	return EXIT_OK;
}

/* ---- dispatch ---- */

/* The sub-verb names of v as "add, list, show" (an overloaded one once). */
static char *
sub_names(const struct verb *v, const char *sep)
{
	struct buf b = { 0 };

	for (const struct verb *s = verb_find_sub_next(v, NULL, NULL); s != NULL;
	    s = verb_find_sub_next(v, NULL, s))
		if (verb_find_sub(v, s->name) == s)
			buf_addf(&b, "%s%s", b.len == 0 ? "" : sep, s->name);
	return buf_take(&b);
}

/* Runs argv[0] (a verb name) with its arguments. */
static int
verb_run(const struct globals *g, int argc, char **argv)
{
	const struct verb *v = verb_find(argv[0]), *parent = NULL, *sub;
	struct verb_common tmp = { .g = g, .name = "", .json = g->json };
	struct verb_common *c;
	char name[64], *cause = NULL, *subs;
	void *args;
	int first = 1, rc;

	tmp.json |= verb_args_want_json(argc - 1, argv + 1);
	if (v == NULL)
		return verb_fail(&tmp, ERR_USAGE, "no verb called '%s' (try oltui --help)",
		    text_shown(argv[0]));
	tmp.name = v->name;
	if (v->subs != NULL) {
		if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
			help_print_verb(stdout, NULL, v);
			return EXIT_OK;
		}
		if (argc < 2 || argv[1][0] == '-') {
			subs = sub_names(v, "|");
			rc = verb_fail(&tmp, ERR_USAGE, "usage: oltui %s %s ... — which one? "
			    "(oltui %s --help)", v->name, subs, v->name);
			free(subs);
			return rc;
		}
		if ((sub = verb_find_sub(v, argv[1])) == NULL) {
			subs = sub_names(v, ", ");
			rc = verb_fail(&tmp, ERR_USAGE, "unknown subcommand '%s' (%s)",
			    text_shown(argv[1]), subs);
			free(subs);
			return rc;
		}
		parent = v;
		v = sub;
		first = 2;
	}
	snprintf(name, sizeof name, "%s%s%s", parent != NULL ? parent->name : "",
	    parent != NULL ? " " : "", v->name);
	/* An overloaded sub-verb: the first of its rows whose arguments parse
	   runs; when none does, the first one's error is the one reported. */
	for (;;) {
		char *why = NULL;

		args = xcalloc(1, v->size);
		c = args;
		rc = verb_args_parse(v->opts, v->pos, argc - first, argv + first, args, 0, NULL,
		    &why);
		if (rc != VA_ERROR || parent == NULL ||
		    (sub = verb_find_sub_next(parent, v->name, v)) == NULL) {
			if (cause == NULL)
				cause = why;
			else
				free(why);
			break;
		}
		if (cause == NULL)
			cause = why;
		else
			free(why);
		verb_args_free(v->opts, v->pos, args);
		free(args);
		v = sub;
	}
	c->g = g;
	c->name = name;
	c->json |= g->json;
	if (rc == VA_HELP) {
		verb_help_sub(stdout, parent, v);
		rc = EXIT_OK;
	} else if (rc == VA_ERROR) {
		c->json |= tmp.json;
		rc = verb_fail_cause(c, ERR_USAGE, cause);
		cause = NULL;
	} else
		rc = v->run(args);
	free(cause);
	verb_args_free(v->opts, v->pos, args);
	free(args);
	return rc;
}

int
verb_main(int argc, char **argv)
{
	struct main_args m = { 0 };
	struct verb_common c = { .g = &m.g, .name = "" };
	char *cause = NULL, *console[] = { (char *)"console", NULL };
	char *version[] = { (char *)"version", NULL };
	int used = 0, rc;

	m.g.db_path = getenv("OLTUI_DB");
	m.g.key_file = getenv("OLTUI_KEY_FILE");
	m.g.config_dir = getenv("OLTUI_CONFIG_DIR");
	rc = verb_args_parse(verb_global_opts, NULL, argc - 1, argv + 1, &m,
	    VA_STOP_AT_WORD | VA_LAST_WINS, &used, &cause);
	c.json = m.g.json || verb_args_want_json(used, argv + 1);
	if (rc == VA_ERROR) {
		rc = verb_fail(&c, ERR_USAGE, "%s (try oltui --help)", cause);
		free(cause);
		return rc;
	}
	if (rc == VA_HELP) {
		help_print(stdout);
		return EXIT_OK;
	}
	if (m.version)
		return verb_run(&m.g, 1, version);
	if (m.help_man) {
		help_print_man(stdout);
		return EXIT_OK;
	}
	if (1 + used >= argc)
		return verb_run(&m.g, 1, console);
	return verb_run(&m.g, argc - 1 - used, argv + 1 + used);
}
