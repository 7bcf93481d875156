/*
 * verb_inventory.c — `oltui olt add|list|show|edit|rm|test`, and what the
 * inventory verbs share (verb_inv.h).  contract, profile, import, export,
 * audit, config, link and unlink are in verb_records.c; `olt test` in
 * verb_olt_ops.c.
 *
 * The options of add and edit are the OLT's fields, from the field table of
 * core/inventory.c (a VA_FIELDS row), so `--snmp-port` is validated exactly
 * as the import's snmp_port column is; everything is validated before the
 * database is opened, and the result is plain text or, with --json, one
 * JSON document on stdout.  Exit statuses as in verb.h: an OLT name oltui
 * does not know is a usage error (2); one that exists already on add is
 * refused (1).
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
#include "core/inventory.h"
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

void
vi_print_fields(enum inv_kind k, const void *obj)
{
	char v[512];

	for (size_t i = 0; i < inv_nfields(k); i++) {
		inv_get(k, obj, i, v, sizeof v);
		printf("%-16s %s\n", inv_field_name(k, i), v[0] ? v : "-");
	}
}

int
vi_key_field(struct inv_args *a, enum inv_kind k, const char *label)
{
	char *cause = NULL;

	if (a->key == NULL)
		return EXIT_OK;
	if ((a->f.set & 1u) != 0)
		return verb_fail(&a->c, ERR_USAGE, "%s given twice (as %s and %s)", label,
		    a->key, inv_field_flag(k, 0));
	if (inv_set(k, &a->f.u, &a->f.set, 0, a->key, "", &cause) != 0)
		return verb_fail_cause(&a->c, ERR_USAGE, cause);
	return EXIT_OK;
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

/* Sets the OLT's tags field from the --tag options (comma-joined). */
static int
take_tags(struct inv_args *a)
{
	struct buf b = { 0 };
	char *cause = NULL;
	size_t i = inv_field_find(INV_OLT, "tags");
	int rc = EXIT_OK;

	if (a->tags.n == 0)
		return EXIT_OK;
	if (a->f.set & (1u << i))
		return verb_fail(&a->c, ERR_USAGE, "--tag and --tags: give one of them");
	for (size_t k = 0; k < a->tags.n; k++)
		buf_addf(&b, "%s%s", k ? "," : "", a->tags.v[k]);
	if (inv_set(INV_OLT, &a->f.u, &a->f.set, i, buf_str(&b), "--", &cause) != 0)
		rc = verb_fail_cause(&a->c, ERR_USAGE, cause);
	buf_free(&b);
	return rc;
}

/* olt add NAME --vendor V --host H --user U [...] */
static int
olt_add(void *args)
{
	struct inv_args *a = args;
	struct olt *o = &a->f.u.olt;
	struct store *st;
	struct vault *v = NULL;
	char *cause = NULL, *pw = NULL, *comm = NULL, *prompt;
	int rc;

	if ((rc = vi_key_field(a, INV_OLT, "NAME")) != EXIT_OK ||
	    (rc = take_tags(a)) != EXIT_OK)
		return rc;
	if (inv_complete(INV_OLT, o, a->f.set, "--", &cause) == -1)
		return verb_fail_cause(&a->c, ERR_USAGE, cause);
	if ((st = verb_store(&a->c)) == NULL)
		return EXIT_FAIL;
	{
		struct olt old;

		if ((rc = store_olt_by_name(st, o->name, &old, &cause)) != 0) {
			store_close(st);
			return verb_fail_cause(&a->c, rc == 1 ? ERR_REFUSED : ERR_INTERNAL,
			    rc == 1 ? xasprintf("OLT %s already exists (change it with `oltui "
			    "olt edit %s`)", o->name, o->name) : cause);
		}
	}
	if ((v = vault_for(st, a->c.g, &cause)) == NULL)
		goto failed;
	prompt = xasprintf("Password for %s@%s (OLT %s): ", o->user, o->host, o->name);
	pw = read_secret(a->password_file, prompt, "--password-file", &cause);
	free(prompt);
	if (pw == NULL)
		goto failed;
	if (a->community_file != NULL &&
	    (comm = vault_read_secret(a->community_file, NULL, &cause)) == NULL)
		goto failed;
	if (inv_olt_add(st, v, o, pw, comm, &cause) == -1)
		goto failed;
	if (a->c.json) {
		cJSON *j = inv_to_json(INV_OLT, o);

		cJSON_AddBoolToObject(j, "password", o->password_sealed[0] != '\0');
		cJSON_AddBoolToObject(j, "snmp_community", o->community_sealed[0] != '\0');
		verb_print_json(j);
	} else {
		printf("added OLT %s (%s, %s://%s:%d)\n", o->name, o->driver,
		    transport_name(o->transport), o->host, o->port);
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
	return verb_fail_cause(&a->c, ERR_REFUSED, cause);
}

/* olt edit NAME [--field value]... [--password-file F | --ask-password] */
static int
olt_edit(void *args)
{
	struct inv_args *a = args;
	struct store *st;
	struct vault *v = NULL;
	struct err err = { 0 };
	char *cause = NULL, *pw = NULL, *comm = NULL;
	int rc;

	if ((rc = take_tags(a)) != EXIT_OK)
		return rc;
	if (a->f.set == 0 && a->password_file == NULL && !a->ask_password &&
	    a->community_file == NULL)
		return verb_fail(&a->c, ERR_USAGE, "nothing to change (give options such "
		    "as --host H, --password-file F)");
	if ((st = verb_store(&a->c)) == NULL)
		return EXIT_FAIL;
	if (a->password_file != NULL || a->ask_password || a->community_file != NULL) {
		struct olt old;

		if ((rc = store_olt_by_name(st, a->key, &old, &cause)) != 1) {
			store_close(st);
			return verb_fail_cause(&a->c, rc == 0 ? ERR_USAGE : ERR_INTERNAL,
			    rc == 0 ? xasprintf("no OLT called %s (see `oltui olt list`)",
			    a->key) : cause);
		}
		if ((v = vault_for(st, a->c.g, &cause)) == NULL)
			goto failed;
		if ((a->password_file != NULL || a->ask_password) &&
		    (pw = read_secret(a->password_file, "New password: ",
		    "--password-file", &cause)) == NULL)
			goto failed;
		if (a->community_file != NULL &&
		    (comm = vault_read_secret(a->community_file, NULL, &cause)) == NULL)
			goto failed;
	}
	if (inv_olt_edit(st, v, a->key, &a->f.u.olt, a->f.set, pw, comm, &err) == -1) {
		rc = verb_fail_err(&a->c, &err);
		goto out;
	}
	if (a->c.json)
		printf("{\"changed\":\"%s\"}\n", a->key);
	else
		printf("changed OLT %s\n", a->key);
	rc = EXIT_OK;
	goto out;
failed:
	rc = verb_fail_cause(&a->c, ERR_REFUSED, cause);
out:
	vault_secret_free(pw);
	vault_secret_free(comm);
	vault_free(v);
	store_close(st);
	return rc;
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

/* olt rm NAME */
static int
olt_rm(void *args)
{
	struct inv_args *a = args;
	struct store *st;
	struct err err = { 0 };

	if ((st = verb_store(&a->c)) == NULL)
		return EXIT_FAIL;
	if (inv_olt_remove(st, a->key, &err) == -1) {
		store_close(st);
		return verb_fail_err(&a->c, &err);
	}
	if (a->c.json)
		printf("{\"removed\":\"%s\"}\n", a->key);
	else
		printf("removed OLT %s\n", a->key);
	store_close(st);
	return EXIT_OK;
}

/* olt show NAME */
static int
olt_show(void *args)
{
	struct inv_args *a = args;
	struct store *st;
	struct olt o;
	char *cause = NULL, t[32];
	int64_t onts;
	int rc;

	if ((st = verb_store(&a->c)) == NULL)
		return EXIT_FAIL;
	if ((rc = store_olt_by_name(st, a->key, &o, &cause)) != 1) {
		store_close(st);
		return verb_fail_cause(&a->c, rc == 0 ? ERR_USAGE : ERR_INTERNAL, rc == 0 ?
		    xasprintf("no OLT called %s (see `oltui olt list`)", a->key) : cause);
	}
	onts = store_ont_count(st, o.id, NULL);
	if (a->c.json) {
		cJSON *j = inv_to_json(INV_OLT, &o);

		olt_json_extra(j, &o, onts);
		verb_print_json(j);
	} else {
		vi_print_fields(INV_OLT, &o);
		printf("%-16s %s\n", "password", o.password_sealed[0] ?
		    "set (sealed)" : "not set");
		printf("%-16s %s\n", "snmp_community", o.community_sealed[0] ?
		    "set (sealed)" : "not set");
		iso8601(o.created_at, t);
		printf("%-16s %s\n%-16s %lld\n", "created_at", t, "onts", (long long)onts);
	}
	store_close(st);
	return EXIT_OK;
}

/* olt list */
static int
olt_list(void *args)
{
	struct inv_args *a = args;
	struct store *st;
	struct olt *all = NULL;
	size_t n;
	char *cause = NULL;

	if ((st = verb_store(&a->c)) == NULL)
		return EXIT_FAIL;
	if (store_olt_list(st, &all, &n, &cause) == -1) {
		store_close(st);
		return verb_fail_cause(&a->c, ERR_INTERNAL, cause);
	}
	if (a->c.json) {
		cJSON *arr = cJSON_CreateArray();

		for (size_t i = 0; i < n; i++) {
			cJSON *j = inv_to_json(INV_OLT, &all[i]);

			olt_json_extra(j, &all[i], -1);
			cJSON_AddItemToArray(arr, j);
		}
		verb_print_json(arr);
	} else {
		printf("%-20s %-7s %-24s %-12s %-12s %s\n", "NAME", "VENDOR", "HOST",
		    "CLI", "USER", "TAGS");
		for (size_t i = 0; i < n; i++) {
			char cli[16];

			snprintf(cli, sizeof cli, "%s/%d", transport_name(all[i].transport),
			    all[i].port);
			printf("%-20s %-7s %-24s %-12s %-12s %s\n", all[i].name,
			    all[i].driver, all[i].host, cli, all[i].user, all[i].tags);
		}
	}
	free(all);
	store_close(st);
	return EXIT_OK;
}

static const struct verb_opt add_opts[] = {
	{ .name = "fields", .type = VA_FIELDS, .kind = INV_OLT, .off = IA(f),
	  .flags = VO_REQUIRED },
	{ .name = "--password-file", .type = VA_SECRET_FILE, .meta = "FILE",
	  .off = IA(password_file),
	  .help = "file holding the CLI password (asked on the terminal without it)" },
	{ .name = "--snmp-community-file", .type = VA_SECRET_FILE, .meta = "FILE",
	  .off = IA(community_file), .help = "file holding the SNMP community" },
	{ .name = "--tag", .type = VA_STRING, .meta = "TAG", .off = IA(tags),
	  .flags = VO_MULTI, .help = "a tag (joined with --tags)" },
	VOPT_JSON, VOPT_END,
};
static const struct verb_opt edit_opts[] = {
	{ .name = "fields", .type = VA_FIELDS, .kind = INV_OLT, .off = IA(f) },
	{ .name = "--password-file", .type = VA_SECRET_FILE, .meta = "FILE",
	  .off = IA(password_file), .help = "file holding the new CLI password" },
	{ .name = "--ask-password", .type = VA_FLAG, .off = IA(ask_password),
	  .help = "ask the new CLI password on the terminal" },
	{ .name = "--snmp-community-file", .type = VA_SECRET_FILE, .meta = "FILE",
	  .off = IA(community_file), .help = "file holding the new SNMP community" },
	{ .name = "--tag", .type = VA_STRING, .meta = "TAG", .off = IA(tags),
	  .flags = VO_MULTI, .help = "a tag (replaces the tags, with --tags)" },
	VOPT_JSON, VOPT_END,
};
static const struct verb_opt json_opts[] = { VOPT_JSON, VOPT_END };
static const struct verb_pos name_opt_pos[] = {
	{ .meta = "NAME", .type = VA_NAME, .off = IA(key), .flags = VO_OPTIONAL,
	  .help = "the OLT's name (or --name)" },
	VPOS_END,
};
static const struct verb_pos name_pos[] = {
	{ .meta = "NAME", .type = VA_NAME, .off = IA(key),
	  .help = "the OLT's name (oltui olt list)" },
	VPOS_END,
};

#define OLT_SUB(n, s, o, p, r) { .name = n, .summary = s, .opts = o, .pos = p, \
	.size = sizeof(struct inv_args), .run = r }

static const struct verb olt_subs[] = {
	OLT_SUB("add", "add an OLT (its password from a file or asked, sealed by the "
	    "vault)", add_opts, name_opt_pos, olt_add),
	OLT_SUB("list", "list the OLTs", json_opts, NULL, olt_list),
	OLT_SUB("show", "show one OLT's fields (secrets only as set or not)", json_opts,
	    name_pos, olt_show),
	OLT_SUB("edit", "change an OLT's fields or secrets (--name renames it)", edit_opts,
	    name_pos, olt_edit),
	OLT_SUB("rm", "remove an OLT and what is stored under it", json_opts, name_pos,
	    olt_rm),
	{ .name = "test", .summary = "log in to an OLT, read its version, report timings",
	  .opts = vw_olt_test_opts, .pos = vw_olt_name_pos,
	  .size = sizeof(struct vw_name_args), .run = vw_olt_test },
	VERB_END,
};

const struct verb verbs_inventory[] = {
	{ .name = "olt", .summary = "manage OLTs (add, list, show, edit, rm; test logs "
	  "in)", .subs = olt_subs },
	VERB_END,
};
