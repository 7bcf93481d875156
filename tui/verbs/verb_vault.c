/*
 * verb_vault.c — the vault verbs:
 *
 *   oltui unlock [--for 8h]       ask the passphrase once, keep the key in
 *                                 this login session's keyring for a while
 *   oltui lock                    forget it
 *   oltui vault status            how the vault is opened, what is sealed
 *   oltui vault rekey --new-key-file F | --new-passphrase
 *                                 reseal every secret under another key
 *
 * They parse their arguments, call core/unlock.h and print (text, or JSON
 * with --json before or after the verb); what they do is in core/unlock.c
 * and core/keycache.c.  A passphrase is only ever asked on /dev/tty, never
 * taken from argv or the environment.  Exit: 0 ok, 1 refused or failed
 * (wrong passphrase, no terminal, no keyring here, a secret that does not
 * open), 2 usage.  Main thread only.
 */
#include "tui/verbs/verb.h"
#include "tui/verbs/verb_inv.h"
#include "core/engine.h"
#include "core/history.h"
#include "core/keycache.h"
#include "core/store.h"
#include "core/unlock.h"
#include "lib/util.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* The verb's store, through an engine without a vault: the vault verbs
   open it themselves.  EXIT_OK, or an exit status after printing why. */
static int
open_store(const struct globals *g, const char *verb, struct engine **e,
    struct store **st)
{
	struct engine_opts o = { .db_path = g->db_path,
	    .config_dir = g->config_dir };
	char *cause = NULL;

	if (engine_open(&o, e, &cause) != 0)
		return vi_fail(verb, cause);
	if ((*st = engine_store(*e, &cause)) == NULL) {
		engine_close(*e);
		return vi_fail(verb, cause);
	}
	return EXIT_OK;
}

/* Writes seconds as the shortest of "8h", "90m", "45s" into out. */
static void
fmt_span(long seconds, char *out, size_t size)
{
	if (seconds % 3600 == 0)
		snprintf(out, size, "%ldh", seconds / 3600);
	else if (seconds % 60 == 0)
		snprintf(out, size, "%ldm", seconds / 60);
	else
		snprintf(out, size, "%lds", seconds);
}

/* oltui unlock [--for DURATION] [--json] */
static int
vv_unlock(int argc, char **argv, const struct globals *g)
{
	bool json = g->json;
	int64_t secs = KEYCACHE_DEFAULT_S;
	char *cause = NULL, span[24], local[32], iso[32];
	struct engine *e;
	struct store *st;
	time_t until;
	struct tm tm;
	int rc;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--json") == 0)
			json = true;
		else if (strcmp(argv[i], "--for") == 0) {
			if (i + 1 >= argc || argv[i + 1][0] == '-' ||
			    history_parse_duration(argv[++i], &secs) != 0)
				return verb_usage_error("unlock", "--for takes a "
				    "duration such as 90s, 30m or 8h (at most %ldh)",
				    KEYCACHE_MAX_S / 3600);
		} else
			return verb_usage(verb_find("unlock"));
	}
	if (keycache_check_time((long)secs, &cause) == -1) {
		rc = verb_usage_error("unlock", "--for: %s", cause);
		free(cause);
		return rc;
	}
	if (g->key_file != NULL && g->key_file[0] != '\0')
		return verb_usage_error("unlock", "a key file (--key-file or "
		    "OLTUI_KEY_FILE) opens the vault by itself and is never kept "
		    "in the keyring: unlock is for a passphrase vault");
	if ((rc = open_store(g, "unlock", &e, &st)) != EXIT_OK)
		return rc;
	if (unlock_session(st, (long)secs, &cause) == -1) {
		engine_close(e);
		return vi_fail("unlock", cause);
	}
	until = time(NULL) + (time_t)secs;
	fmt_span((long)secs, span, sizeof span);
	localtime_r(&until, &tm);
	strftime(local, sizeof local, "%Y-%m-%d %H:%M", &tm);
	iso8601((int64_t)until, iso);
	if (json) {
		cJSON *j = cJSON_CreateObject();

		cJSON_AddStringToObject(j, "db", store_path(st));
		cJSON_AddBoolToObject(j, "unlocked", true);
		cJSON_AddNumberToObject(j, "seconds", (double)secs);
		cJSON_AddStringToObject(j, "until", iso);
		vi_print_json(j);
	} else
		printf("vault of %s unlocked for %s (until %s) in this login "
		    "session's keyring; `oltui lock` locks it again\n",
		    store_path(st), span, local);
	engine_close(e);
	return EXIT_OK;
}

/* oltui lock [--json] */
static int
vv_lock(int argc, char **argv, const struct globals *g)
{
	bool json = g->json;
	struct engine *e;
	struct store *st;
	char *cause = NULL;
	int rc;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--json") == 0)
			json = true;
		else
			return verb_usage(verb_find("lock"));
	}
	if ((rc = open_store(g, "lock", &e, &st)) != EXIT_OK)
		return rc;
	if ((rc = unlock_forget(st, &cause)) == -1) {
		engine_close(e);
		return vi_fail("lock", cause);
	}
	if (json) {
		cJSON *j = cJSON_CreateObject();

		cJSON_AddStringToObject(j, "db", store_path(st));
		cJSON_AddBoolToObject(j, "forgot", rc == 1);
		vi_print_json(j);
	} else if (rc == 1)
		printf("vault of %s locked: the kept key is forgotten, commands "
		    "ask the passphrase again\n", store_path(st));
	else
		printf("the vault of %s was not unlocked in this login session: "
		    "nothing to forget\n", store_path(st));
	engine_close(e);
	return EXIT_OK;
}

/* oltui vault status [--json] */
static int
vv_status(struct store *st, bool json)
{
	struct unlock_state s;
	char *cause = NULL;
	const char *session;

	if (unlock_state(st, &s, &cause) == -1)
		return vi_fail("vault status", cause);
	if (json) {
		cJSON *j = cJSON_CreateObject();

		cJSON_AddStringToObject(j, "db", store_path(st));
		cJSON_AddStringToObject(j, "mode", unlock_mode_name(s.mode));
		cJSON_AddBoolToObject(j, "unlocked", s.kept);
		cJSON_AddNumberToObject(j, "olts", s.olts);
		cJSON_AddNumberToObject(j, "secrets", s.secrets);
		vi_print_json(j);
		return EXIT_OK;
	}
	if (s.mode == UNLOCK_KEY_FILE)
		session = "- (a key file is never kept in the keyring)";
	else if (s.kept)
		session = "unlocked: the key kept by `oltui unlock` opens it "
		    "(`oltui lock` forgets it)";
	else
		session = "locked: each command asks the passphrase (`oltui "
		    "unlock` keeps it for a while)";
	printf("%-10s %s\n", "database", store_path(st));
	printf("%-10s %s\n", "sealed by", unlock_mode_phrase(s.mode));
	printf("%-10s %d in %d OLT%s\n", "secrets", s.secrets, s.olts,
	    s.olts == 1 ? "" : "s");
	printf("%-10s %s\n", "session", session);
	return EXIT_OK;
}

/* oltui vault rekey (--new-key-file F | --new-passphrase) [--json] */
static int
vv_rekey(struct store *st, const struct globals *g, const char *new_key_file,
    bool json)
{
	struct unlock_rekey r = { .old_key_file = g->key_file,
	    .new_key_file = new_key_file };
	char *cause = NULL;

	if (r.old_key_file != NULL && r.old_key_file[0] == '\0')
		r.old_key_file = NULL;
	if (unlock_rekey(st, &r, &cause) == -1)
		return vi_fail("vault rekey", cause);
	if (json) {
		cJSON *j = cJSON_CreateObject();

		cJSON_AddStringToObject(j, "db", store_path(st));
		cJSON_AddStringToObject(j, "mode", new_key_file != NULL ?
		    unlock_mode_name(UNLOCK_KEY_FILE) :
		    unlock_mode_name(UNLOCK_PASSPHRASE));
		if (new_key_file != NULL)
			cJSON_AddStringToObject(j, "key_file", new_key_file);
		cJSON_AddBoolToObject(j, "key_file_created", r.created);
		cJSON_AddNumberToObject(j, "olts", r.olts);
		cJSON_AddNumberToObject(j, "secrets", r.secrets);
		cJSON_AddBoolToObject(j, "forgot_kept_key", r.forgot);
		vi_print_json(j);
		return EXIT_OK;
	}
	printf("resealed %d secret%s of %d OLT%s in %s under %s\n", r.secrets,
	    r.secrets == 1 ? "" : "s", r.olts, r.olts == 1 ? "" : "s",
	    store_path(st), new_key_file != NULL ? "the key file" :
	    "the new passphrase");
	if (new_key_file != NULL)
		printf("from now on pass --key-file %s (or set OLTUI_KEY_FILE)%s\n",
		    new_key_file, r.created ? "; it was created, mode 0600: "
		    "keep it safe" : "");
	else
		printf("from now on commands ask the new passphrase (without "
		    "--key-file or OLTUI_KEY_FILE); `oltui unlock` keeps it for "
		    "a while\n");
	if (r.forgot)
		printf("the key `oltui unlock` kept is forgotten (it was the old "
		    "one)\n");
	printf("a console or `oltui poll --daemon` started before still holds "
	    "the old key: restart it\n");
	return EXIT_OK;
}

/* oltui vault status | rekey ... */
static int
vv_vault(int argc, char **argv, const struct globals *g)
{
	const char *sub = argc > 1 ? argv[1] : NULL, *new_key_file = NULL;
	bool json = g->json, new_pass = false;
	struct engine *e;
	struct store *st;
	int rc;

	if (sub == NULL || (strcmp(sub, "status") != 0 &&
	    strcmp(sub, "rekey") != 0))
		return verb_usage(verb_find("vault"));
	for (int i = 2; i < argc; i++) {
		if (strcmp(argv[i], "--json") == 0)
			json = true;
		else if (strcmp(sub, "rekey") == 0 &&
		    strcmp(argv[i], "--new-passphrase") == 0)
			new_pass = true;
		else if (strcmp(sub, "rekey") == 0 &&
		    strcmp(argv[i], "--new-key-file") == 0) {
			if (i + 1 >= argc || argv[i + 1][0] == '-' ||
			    argv[i + 1][0] == '\0')
				return verb_usage_error("vault rekey",
				    "--new-key-file takes a file name");
			new_key_file = argv[++i];
		} else
			return verb_usage(verb_find("vault"));
	}
	if (strcmp(sub, "rekey") == 0 && new_pass == (new_key_file != NULL))
		return verb_usage_error("vault rekey", "say where the secrets go: "
		    "--new-key-file F or --new-passphrase (one of them)");
	if ((rc = open_store(g, strcmp(sub, "rekey") == 0 ? "vault rekey" :
	    "vault status", &e, &st)) != EXIT_OK)
		return rc;
	if (strcmp(sub, "status") == 0)
		rc = vv_status(st, json);
	else
		rc = vv_rekey(st, g, new_key_file, json);
	engine_close(e);
	return rc;
}

const struct verb verbs_vault[] = {
	{ "unlock", "[--for 8h] [--json]",
	  "ask the vault passphrase once and keep the key in this login "
	  "session's keyring (default 8h, at most 24h)", vv_unlock },
	{ "lock", "[--json]",
	  "forget the key `oltui unlock` kept: commands ask again", vv_lock },
	{ "vault", "status [--json] | rekey (--new-key-file F | --new-passphrase) [--json]",
	  "how the vault is opened; reseal every secret under a key file or "
	  "a new passphrase", vv_vault },
	{ NULL, NULL, NULL, NULL },
};
