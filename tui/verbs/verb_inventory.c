/*
 * verb_inventory.c — the inventory verbs: olt, contract, profile, import,
 * export, audit, config.
 *
 * Each verb parses its arguments against the field tables of
 * core/inventory.c (so `--snmp-port` is validated exactly as the import's
 * snmp_port column is), validates everything before it opens the database,
 * and prints plain text or, with --json, one JSON document on stdout.
 * Exit: 0 ok, 1 refused or failed (exists, not found, bad import row, wrong
 * vault key), 2 usage (unknown option, bad value).
 *
 * Secrets: a password is read from --password-file or asked on /dev/tty
 * with echo off, never taken from argv; the SNMP community likewise from
 * --snmp-community-file.  Both are sealed by the vault before they reach
 * the store, and never printed.  Main thread only.
 */
#include "tui/verbs/verb.h"
#include "tui/verbs/verb_inv.h"
#include "tui/verbs/verb_write.h"
#include "core/audit.h"
#include "core/config.h"
#include "core/inventory.h"
#include "core/paths.h"
#include "core/store.h"
#include "core/unlock.h"
#include "core/vault.h"
#include "lib/util.h"

#include <cjson/cJSON.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The options a verb takes besides entity fields; NULL-terminated. */
static const char *const opts_olt_add[] = {
	"--password-file", "--snmp-community-file", "--tag", NULL };
static const char *const opts_olt_edit[] = {
	"--password-file", "--snmp-community-file", "--tag", "--ask-password", NULL };
const char *const vi_opts_export[] = { "--csv", NULL };
const char *const vi_opts_audit[] = { "--contract", "--ont", "--olt", NULL };
const char *const vi_opts_config[] = { "--markdown", NULL };
const char *const vi_opts_none[] = { NULL };

/* True if opt is in list. */
static bool
in_list(const char *const *list, const char *opt)
{
	for (; *list != NULL; list++)
		if (strcmp(*list, opt) == 0)
			return true;
	return false;
}

/* Stores the value of a verb option. */
static void
take_opt(struct args *a, const char *opt, const char *val)
{
	if (strcmp(opt, "--password-file") == 0)
		a->password_file = val;
	else if (strcmp(opt, "--snmp-community-file") == 0)
		a->community_file = val;
	else if (strcmp(opt, "--contract") == 0)
		a->filter[0] = val;
	else if (strcmp(opt, "--ont") == 0)
		a->filter[1] = val;
	else if (strcmp(opt, "--olt") == 0)
		a->filter[2] = val;
	else if (strcmp(opt, "--tag") == 0) {
		if (a->tags.len > 0)
			buf_addc(&a->tags, ',');
		buf_adds(&a->tags, val);
	}
}

/* Parses argv[first..] into a (and, when kind >= 0, entity fields into obj
   with *set).  Returns 0, or prints a usage error and returns EXIT_USAGE. */
int
vi_parse_args(struct args *a, int argc, char **argv, int first, int kind,
    void *obj, uint32_t *set, const char *const *opts)
{
	for (int i = first; i < argc; i++) {
		char *arg = argv[i], *eq, opt[64];
		const char *val = NULL;
		char *cause = NULL;
		int f;

		if (str_has_control(arg))
			return verb_usage_error(a->verb, "arguments must not contain "
			    "control characters");
		if (strcmp(arg, "--json") == 0) {
			a->json = true;
			continue;
		}
		if (strncmp(arg, "--", 2) != 0 || arg[2] == '\0') {
			if (a->npos == MAX_POS)
				return verb_usage_error(a->verb, "too many arguments "
				    "(at '%s')", arg);
			a->pos[a->npos++] = arg;
			continue;
		}
		strlcpy_(opt, arg, sizeof opt);
		if ((eq = strchr(opt, '=')) != NULL) {
			*eq = '\0';
			val = arg + (eq - opt) + 1;
		}
		if (strcmp(opt, "--password") == 0 || strcmp(opt, "--community") == 0 ||
		    strcmp(opt, "--snmp-community") == 0)
			return verb_usage_error(a->verb, "%s: secrets are never taken "
			    "on the command line (visible in ps): use %s-file FILE",
			    opt, strcmp(opt, "--password") == 0 ? "--password" :
			    "--snmp-community");
		if (strcmp(opt, "--csv") == 0 && in_list(opts, "--csv")) {
			a->csv = true;
			continue;
		}
		if (strcmp(opt, "--markdown") == 0 && in_list(opts, "--markdown")) {
			a->markdown = true;
			continue;
		}
		if (strcmp(opt, "--ask-password") == 0 && in_list(opts, opt)) {
			a->ask_password = true;
			continue;
		}
		f = kind >= 0 ? inv_field_find(kind, opt) : -1;
		if (!in_list(opts, opt) && f < 0)
			return verb_usage_error(a->verb, "unknown option %s", opt);
		if (val == NULL) {
			if (i + 1 >= argc)
				return verb_usage_error(a->verb, "%s needs a value", opt);
			val = argv[++i];
		}
		if (str_has_control(val))
			return verb_usage_error(a->verb, "%s: control characters "
			    "(tabs, line breaks, escapes) are not allowed", opt);
		if (in_list(opts, opt)) {
			take_opt(a, opt, val);
			continue;
		}
		if (inv_set(kind, obj, set, (size_t)f, val, "--", &cause) == -1) {
			verb_usage_error(a->verb, "%s", cause);
			free(cause);
			return EXIT_USAGE;
		}
	}
	return 0;
}

/* Opens the store named by the globals, or prints why and returns NULL. */
struct store *
vi_open_store(const struct globals *g, const char *verb)
{
	char *path, *cause = NULL;
	struct store *st;

	if ((path = paths_db(g->db_path, &cause)) == NULL) {
		fprintf(stderr, "oltui %s: %s\n", verb, cause);
		free(cause);
		return NULL;
	}
	if ((st = store_open(path, &cause)) == NULL) {
		fprintf(stderr, "oltui %s: %s\n", verb, cause);
		free(cause);
	}
	free(path);
	return st;
}

/* Prints "oltui VERB: cause", frees cause, returns EXIT_FAIL. */
int
vi_fail(const char *verb, char *cause)
{
	fprintf(stderr, "oltui %s: %s\n", verb, cause != NULL ? cause : "failed");
	free(cause);
	return EXIT_FAIL;
}

/* Prints a cJSON document and deletes it. */
void
vi_print_json(cJSON *j)
{
	char *s = cJSON_Print(j);

	puts(s);
	free(s);
	cJSON_Delete(j);
}

/* Prints obj's fields as "field: value" lines. */
void
vi_print_fields(enum inv_kind k, const void *obj)
{
	char v[512];

	for (size_t i = 0; i < inv_nfields(k); i++) {
		inv_get(k, obj, i, v, sizeof v);
		printf("%-16s %s\n", inv_field_name(k, i), v[0] ? v : "-");
	}
}

/* True if /dev/tty can be opened. */
static bool
have_tty(void)
{
	int fd = open("/dev/tty", O_RDWR | O_NOCTTY);

	if (fd == -1)
		return false;
	close(fd);
	return true;
}

/* Reads a secret from file, or asks it on the terminal.  NULL + cause. */
static char *
read_secret(const char *file, const char *prompt, const char *flag, char **cause)
{
	if (file == NULL && !have_tty()) {
		set_cause(cause, "no terminal to ask the password: pass %s FILE", flag);
		return NULL;
	}
	return vault_read_secret(file, prompt, cause);
}

/* Opens the vault for st; prints the key-file note. */
static struct vault *
vault_for(struct store *st, const struct globals *g, char **cause)
{
	bool created = false;
	struct vault *v = unlock_vault(st, g->key_file, &created, cause);

	if (v != NULL && created)
		fprintf(stderr, "created key file %s (keep it safe, mode 0600)\n",
		    g->key_file);
	return v;
}

/* olt add NAME --vendor V --host H --user U [...] */
static int
olt_add(int argc, char **argv, const struct globals *g, struct args *a)
{
	struct olt o;
	uint32_t set = 0;
	struct store *st;
	struct vault *v = NULL;
	char *cause = NULL, *pw = NULL, *comm = NULL, *prompt;
	int rc;

	inv_init(INV_OLT, &o);
	if ((rc = vi_parse_args(a, argc, argv, 2, INV_OLT, &o, &set, opts_olt_add)) != 0)
		return rc;
	if (a->npos > 1)
		return verb_usage_error(a->verb, "one NAME only (got '%s')", a->pos[1]);
	if (a->npos == 1 && (inv_check_name("NAME", a->pos[0], &cause) == -1 ||
	    inv_set(INV_OLT, &o, &set, 0, a->pos[0], "", &cause) == -1))
		goto usage;
	if (a->tags.len > 0 && inv_set(INV_OLT, &o, &set, 8, buf_str(&a->tags), "--",
	    &cause) == -1)
		goto usage;
	if (inv_complete(INV_OLT, &o, set, "--", &cause) == -1)
		goto usage;
	if ((st = vi_open_store(g, a->verb)) == NULL)
		return EXIT_FAIL;
	{
		struct olt old;

		if (store_olt_by_name(st, o.name, &old, &cause) != 0) {
			if (cause == NULL)
				cause = xasprintf("OLT %s already exists (change it "
				    "with `oltui olt edit %s`)", o.name, o.name);
			store_close(st);
			return vi_fail(a->verb, cause);
		}
	}
	if ((v = vault_for(st, g, &cause)) == NULL)
		goto failed;
	prompt = xasprintf("Password for %s@%s (OLT %s): ", o.user, o.host, o.name);
	pw = read_secret(a->password_file, prompt, "--password-file", &cause);
	free(prompt);
	if (pw == NULL)
		goto failed;
	if (a->community_file != NULL &&
	    (comm = vault_read_secret(a->community_file, NULL, &cause)) == NULL)
		goto failed;
	if (inv_olt_add(st, v, &o, pw, comm, &cause) == -1)
		goto failed;
	if (a->json || g->json) {
		cJSON *j = inv_to_json(INV_OLT, &o);

		cJSON_AddBoolToObject(j, "password", o.password_sealed[0] != '\0');
		cJSON_AddBoolToObject(j, "snmp_community", o.community_sealed[0] != '\0');
		vi_print_json(j);
	} else {
		printf("added OLT %s (%s, %s://%s:%d)\n", o.name, o.driver,
		    transport_name(o.transport), o.host, o.port);
	}
	vault_secret_free(pw);
	vault_secret_free(comm);
	vault_free(v);
	store_close(st);
	return EXIT_OK;
failed:
	vault_secret_free(pw);
	vault_secret_free(comm);
	vault_free(v);
	store_close(st);
	return vi_fail(a->verb, cause);
usage:
	verb_usage_error(a->verb, "%s", cause);
	free(cause);
	return EXIT_USAGE;
}

/* olt edit NAME [--field value]... [--password-file F | --ask-password] */
static int
olt_edit(int argc, char **argv, const struct globals *g, struct args *a)
{
	struct olt o;
	uint32_t set = 0;
	struct store *st;
	struct vault *v = NULL;
	char *cause = NULL, *pw = NULL, *comm = NULL;
	int rc;

	inv_init(INV_OLT, &o);
	if ((rc = vi_parse_args(a, argc, argv, 2, INV_OLT, &o, &set, opts_olt_edit)) != 0)
		return rc;
	if (a->npos != 1)
		return verb_usage_error(a->verb, "which OLT? give its NAME");
	if (inv_check_name("NAME", a->pos[0], &cause) == -1) {
		verb_usage_error(a->verb, "%s", cause);
		free(cause);
		return EXIT_USAGE;
	}
	if (a->tags.len > 0 && inv_set(INV_OLT, &o, &set, 8, buf_str(&a->tags), "--",
	    &cause) == -1) {
		verb_usage_error(a->verb, "%s", cause);
		free(cause);
		return EXIT_USAGE;
	}
	if (set == 0 && a->password_file == NULL && !a->ask_password &&
	    a->community_file == NULL)
		return verb_usage_error(a->verb, "nothing to change (give options "
		    "such as --host H, --password-file F)");
	if ((st = vi_open_store(g, a->verb)) == NULL)
		return EXIT_FAIL;
	if (a->password_file != NULL || a->ask_password || a->community_file != NULL) {
		struct olt old;

		if ((rc = store_olt_by_name(st, a->pos[0], &old, &cause)) != 1) {
			if (rc == 0)
				cause = xasprintf("no OLT called %s (see `oltui olt "
				    "list`)", a->pos[0]);
			goto failed;
		}
		if ((v = vault_for(st, g, &cause)) == NULL)
			goto failed;
		if ((a->password_file != NULL || a->ask_password) &&
		    (pw = read_secret(a->password_file, "New password: ",
		    "--password-file", &cause)) == NULL)
			goto failed;
		if (a->community_file != NULL &&
		    (comm = vault_read_secret(a->community_file, NULL, &cause)) == NULL)
			goto failed;
	}
	if (inv_olt_edit(st, v, a->pos[0], &o, set, pw, comm, &cause) == -1)
		goto failed;
	if (!a->json && !g->json)
		printf("changed OLT %s\n", a->pos[0]);
	else
		printf("{\"changed\":\"%s\"}\n", a->pos[0]);
	vault_secret_free(pw);
	vault_secret_free(comm);
	vault_free(v);
	store_close(st);
	return EXIT_OK;
failed:
	vault_secret_free(pw);
	vault_secret_free(comm);
	vault_free(v);
	store_close(st);
	return vi_fail(a->verb, cause);
}

/* Adds the non-field facts of an OLT to j. */
static void
olt_json_extra(cJSON *j, const struct olt *o, int64_t onts)
{
	char t[32];

	cJSON_AddBoolToObject(j, "password", o->password_sealed[0] != '\0');
	cJSON_AddBoolToObject(j, "snmp_community", o->community_sealed[0] != '\0');
	iso8601(o->created_at, t);
	cJSON_AddStringToObject(j, "created_at", t);
	if (onts >= 0)
		cJSON_AddNumberToObject(j, "onts", (double)onts);
}

/* olt list | show NAME | rm NAME */
static int
olt_read(int argc, char **argv, const struct globals *g, struct args *a,
    const char *sub)
{
	struct store *st;
	struct olt *all = NULL, o;
	size_t n;
	char *cause = NULL;
	int rc;

	if ((rc = vi_parse_args(a, argc, argv, 2, -1, NULL, NULL, vi_opts_none)) != 0)
		return rc;
	if (strcmp(sub, "list") == 0 ? a->npos != 0 : a->npos != 1)
		return verb_usage_error(a->verb, strcmp(sub, "list") == 0 ?
		    "takes no arguments" : "which OLT? give its NAME");
	if (a->npos == 1 && inv_check_name("NAME", a->pos[0], &cause) == -1) {
		verb_usage_error(a->verb, "%s", cause);
		free(cause);
		return EXIT_USAGE;
	}
	if ((st = vi_open_store(g, a->verb)) == NULL)
		return EXIT_FAIL;
	if (strcmp(sub, "rm") == 0) {
		if (inv_olt_remove(st, a->pos[0], &cause) == -1) {
			store_close(st);
			return vi_fail(a->verb, cause);
		}
		if (a->json || g->json)
			printf("{\"removed\":\"%s\"}\n", a->pos[0]);
		else
			printf("removed OLT %s\n", a->pos[0]);
		store_close(st);
		return EXIT_OK;
	}
	if (strcmp(sub, "show") == 0) {
		if ((rc = store_olt_by_name(st, a->pos[0], &o, &cause)) != 1) {
			store_close(st);
			if (rc == 0)
				cause = xasprintf("no OLT called %s (see `oltui olt "
				    "list`)", a->pos[0]);
			return vi_fail(a->verb, cause);
		}
		int64_t onts = store_ont_count(st, o.id, NULL);
		if (a->json || g->json) {
			cJSON *j = inv_to_json(INV_OLT, &o);

			olt_json_extra(j, &o, onts);
			vi_print_json(j);
		} else {
			char t[32];

			vi_print_fields(INV_OLT, &o);
			printf("%-16s %s\n", "password", o.password_sealed[0] ?
			    "set (sealed)" : "not set");
			printf("%-16s %s\n", "snmp_community", o.community_sealed[0] ?
			    "set (sealed)" : "not set");
			iso8601(o.created_at, t);
			printf("%-16s %s\n%-16s %lld\n", "created_at", t, "onts",
			    (long long)onts);
		}
		store_close(st);
		return EXIT_OK;
	}
	if (store_olt_list(st, &all, &n, &cause) == -1) {
		store_close(st);
		return vi_fail(a->verb, cause);
	}
	if (a->json || g->json) {
		cJSON *arr = cJSON_CreateArray();

		for (size_t i = 0; i < n; i++) {
			cJSON *j = inv_to_json(INV_OLT, &all[i]);

			olt_json_extra(j, &all[i], -1);
			cJSON_AddItemToArray(arr, j);
		}
		vi_print_json(arr);
	} else {
		printf("%-20s %-7s %-24s %-12s %-12s %s\n", "NAME", "VENDOR", "HOST",
		    "CLI", "USER", "TAGS");
		for (size_t i = 0; i < n; i++) {
			char cli[16];

			snprintf(cli, sizeof cli, "%s/%d", transport_name(all[i].transport),
			    all[i].port);
			printf("%-20s %-7s %-24s %-12s %-12s %s\n", all[i].name,
			    all[i].driver, all[i].host, cli, all[i].user,
			    all[i].tags);
		}
	}
	free(all);
	store_close(st);
	return EXIT_OK;
}

static int
verb_olt(int argc, char **argv, const struct globals *g)
{
	struct args a = { 0 };
	char verb[32];
	int rc;

	if (argc < 2)
		return verb_usage(verb_find("olt"));
	snprintf(verb, sizeof verb, "olt %s", str_has_control(argv[1]) ? "?" : argv[1]);
	a.verb = verb;
	if (strcmp(argv[1], "add") == 0)
		rc = olt_add(argc, argv, g, &a);
	else if (strcmp(argv[1], "edit") == 0)
		rc = olt_edit(argc, argv, g, &a);
	else if (strcmp(argv[1], "list") == 0 || strcmp(argv[1], "show") == 0 ||
	    strcmp(argv[1], "rm") == 0)
		rc = olt_read(argc, argv, g, &a, argv[1]);
	else if (strcmp(argv[1], "test") == 0)
		rc = vw_olt_test(argc, argv, g);
	else
		rc = verb_usage_error("olt", "unknown subcommand '%s' (add, list, "
		    "show, edit, rm, test)", verb + 4);
	buf_free(&a.tags);
	return rc;
}

const struct verb verbs_inventory[] = {
	{ "olt", "add|list|show|edit|rm|test [NAME] [OPTIONS]",
	  "manage OLTs (add NAME --vendor DRIVER --host H --user U ...; test NAME logs in)",
	  verb_olt },
	{ "contract", "add|list|show|suspend|resume [CODE] [--customer NAME] [--address A] [--yes]",
	  "manage contracts (the service an ONT serves); suspend/resume disable/enable its ONTs",
	  vi_verb_contract },
	{ "profile", "add|list|show [NAME] [--vlan N --down-mbps N --up-mbps N ...]",
	  "manage service profiles (VLAN, speed, line/service profile, WAN, ACS)",
	  vi_verb_profile },
	{ "import", "FILE.csv|FILE.json",
	  "import OLTs, contracts, profiles and ONT links (all or nothing)",
	  vi_verb_import },
	{ "export", "[--json|--csv]",
	  "print the inventory (OLTs without secrets, contracts, profiles, links)",
	  vi_verb_export },
	{ "audit", "[--contract C|--ont SN|--olt NAME] [--json]",
	  "print the audit trail, all of it or for one contract, ONT or OLT",
	  vi_verb_audit },
	{ "config", "show [--json|--markdown]",
	  "print the configuration keys with their values and defaults",
	  vi_verb_config },
	{ NULL, NULL, NULL, NULL },
};
