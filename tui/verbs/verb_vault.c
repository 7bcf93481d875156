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
#include "core/engine.h"
#include "core/history.h"
#include "core/keycache.h"
#include "core/store.h"
#include "core/unlock.h"
#include "lib/util.h"

#include <cjson/cJSON.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <time.h>

/* The verb's store, through an engine without a vault: the vault verbs
   open it themselves.  EXIT_OK, or an exit status after printing why. */
static int
open_store(const struct verb_common *c, struct engine **e, struct store **st)
{
	char *cause = NULL;
	int rc;

	if ((rc = verb_engine(c, 0, e)) != EXIT_OK)
		return rc;
	if ((*st = engine_store(*e, &cause)) == NULL) {
		engine_close(*e);
		return verb_fail_cause(c, ERR_FAILURE, cause);
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

/* What `oltui unlock` reads. */
struct unlock_args {
	struct verb_common	 c;
	long			 secs;
};

/* A duration such as 90s, 30m or 8h that the keyring accepts. */
static int
parse_span(const char *value, void *dst, char **cause)
{
	int64_t secs;

	if (history_parse_duration(value, &secs) != 0) {
		set_cause(cause, "a duration such as 90s, 30m or 8h (at most %ldh), not '%s'",
		    (long)(KEYCACHE_MAX_S / 3600), value);
		return -1;
	}
	if (keycache_check_time((long)secs, cause) == -1)
		return -1;
	*(long *)dst = (long)secs;
	return 0;
}

/* oltui unlock [--for DURATION] */
static int
vv_unlock(void *args)
{
	struct unlock_args *a = args;
	const struct globals *g = a->c.g;
	long secs = a->secs > 0 ? a->secs : KEYCACHE_DEFAULT_S;
	char *cause = NULL, span[24], local[32], iso[32];
	struct engine *e;
	struct store *st;
	time_t until;
	struct tm tm;
	int rc;

	if (g->key_file != NULL && g->key_file[0] != '\0')
		return verb_fail(&a->c, ERR_USAGE, "a key file (--key-file or "
		    "OLTUI_KEY_FILE) opens the vault by itself and is never kept "
		    "in the keyring: unlock is for a passphrase vault");
	if ((rc = open_store(&a->c, &e, &st)) != EXIT_OK)
		return rc;
	if (unlock_session(st, secs, &cause) == -1) {
		engine_close(e);
		return verb_fail_cause(&a->c, ERR_FAILURE, cause);
	}
	until = time(NULL) + (time_t)secs;
	fmt_span(secs, span, sizeof span);
	localtime_r(&until, &tm);
	strftime(local, sizeof local, "%Y-%m-%d %H:%M", &tm);
	iso8601((int64_t)until, iso);
	if (a->c.json) {
		cJSON *j = cJSON_CreateObject();

		cJSON_AddStringToObject(j, "db", store_path(st));
		cJSON_AddBoolToObject(j, "unlocked", true);
		cJSON_AddNumberToObject(j, "seconds", (double)secs);
		cJSON_AddStringToObject(j, "until", iso);
		verb_print_json(j);
	} else
		printf("vault of %s unlocked for %s (until %s) in this login "
		    "session's keyring; `oltui lock` locks it again\n",
		    store_path(st), span, local);
	engine_close(e);
	return EXIT_OK;
}

/* oltui lock */
static int
vv_lock(void *args)
{
	struct verb_common *c = args;
	struct engine *e;
	struct store *st;
	char *cause = NULL;
	int rc;

	if ((rc = open_store(c, &e, &st)) != EXIT_OK)
		return rc;
	if ((rc = unlock_forget(st, &cause)) == -1) {
		engine_close(e);
		return verb_fail_cause(c, ERR_FAILURE, cause);
	}
	if (c->json) {
		cJSON *j = cJSON_CreateObject();

		cJSON_AddStringToObject(j, "db", store_path(st));
		cJSON_AddBoolToObject(j, "forgot", rc == 1);
		verb_print_json(j);
	} else if (rc == 1)
		printf("vault of %s locked: the kept key is forgotten, commands "
		    "ask the passphrase again\n", store_path(st));
	else
		printf("the vault of %s was not unlocked in this login session: "
		    "nothing to forget\n", store_path(st));
	engine_close(e);
	return EXIT_OK;
}

/* oltui vault status */
static int
vv_status_run(const struct verb_common *c, struct store *st)
{
	bool json = c->json;
	struct unlock_state s;
	char *cause = NULL;
	const char *session;

	if (unlock_state(st, &s, &cause) == -1)
		return verb_fail_cause(c, ERR_FAILURE, cause);
	if (json) {
		cJSON *j = cJSON_CreateObject();

		cJSON_AddStringToObject(j, "db", store_path(st));
		cJSON_AddStringToObject(j, "mode", unlock_mode_name(s.mode));
		cJSON_AddBoolToObject(j, "unlocked", s.kept);
		cJSON_AddNumberToObject(j, "olts", s.olts);
		cJSON_AddNumberToObject(j, "secrets", s.secrets);
		cJSON_AddBoolToObject(j, "core_dumps", prctl(PR_GET_DUMPABLE, 0, 0, 0, 0) == 1);
		verb_print_json(j);
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
	printf("%-10s %s\n", "memory", prctl(PR_GET_DUMPABLE, 0, 0, 0, 0) == 1 ?
	    "DUMPABLE (OLTUI_DUMPABLE=1): a core dump or a debugger can read the "
	    "secrets this process holds" : "not dumpable: no core dump, no other "
	    "process reads it");
	return EXIT_OK;
}

/* What `oltui vault rekey` reads. */
struct rekey_args {
	struct verb_common	 c;
	const char		*new_key_file;
	bool			 new_passphrase;
};

/* oltui vault rekey (--new-key-file F | --new-passphrase) */
static int
vv_rekey_run(const struct rekey_args *a, struct store *st)
{
	const char *new_key_file = a->new_key_file;
	bool json = a->c.json;
	struct unlock_rekey r = { .old_key_file = a->c.g->key_file,
	    .new_key_file = new_key_file };
	char *cause = NULL;

	if (r.old_key_file != NULL && r.old_key_file[0] == '\0')
		r.old_key_file = NULL;
	if (unlock_rekey(st, &r, &cause) == -1)
		return verb_fail_cause(&a->c, ERR_FAILURE, cause);
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
		verb_print_json(j);
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

/* oltui vault status */
static int
vv_status(void *args)
{
	struct verb_common *c = args;
	struct engine *e;
	struct store *st;
	int rc;

	if ((rc = open_store(c, &e, &st)) != EXIT_OK)
		return rc;
	rc = vv_status_run(c, st);
	engine_close(e);
	return rc;
}

/* oltui vault rekey ... */
static int
vv_rekey(void *args)
{
	struct rekey_args *a = args;
	struct engine *e;
	struct store *st;
	int rc;

	if (a->new_passphrase == (a->new_key_file != NULL))
		return verb_fail(&a->c, ERR_USAGE, "say where the secrets go: "
		    "--new-key-file F or --new-passphrase (one of them)");
	if ((rc = open_store(&a->c, &e, &st)) != EXIT_OK)
		return rc;
	rc = vv_rekey_run(a, st);
	engine_close(e);
	return rc;
}

static const struct verb_opt unlock_opts[] = {
	{ .name = "--for", .type = VA_CUSTOM, .meta = "DURATION",
	  .off = offsetof(struct unlock_args, secs), .parse = parse_span,
	  .help = "how long the key is kept: 90s, 30m, 8h (default 8h, at most 24h)" },
	VOPT_JSON,
	VOPT_END,
};
static const struct verb_opt json_opts[] = { VOPT_JSON, VOPT_END };
static const struct verb_opt rekey_opts[] = {
	{ .name = "--new-key-file", .type = VA_STRING, .meta = "FILE",
	  .off = offsetof(struct rekey_args, new_key_file),
	  .help = "reseal under this key file (created, mode 0600, when missing)" },
	{ .name = "--new-passphrase", .type = VA_FLAG,
	  .off = offsetof(struct rekey_args, new_passphrase),
	  .help = "reseal under a new passphrase (asked twice on the terminal)" },
	VOPT_JSON,
	VOPT_END,
};

static const struct verb vault_subs[] = {
	{ .name = "status", .summary = "how the vault is opened, what is sealed, whether "
	  "this session holds its key", .opts = json_opts,
	  .size = sizeof(struct verb_common), .run = vv_status },
	{ .name = "rekey", .summary = "reseal every secret under a key file or a new "
	  "passphrase (the current passphrase is asked)", .opts = rekey_opts,
	  .size = sizeof(struct rekey_args), .run = vv_rekey },
	VERB_END,
};

const struct verb verbs_vault[] = {
	{ .name = "unlock", .summary = "ask the vault passphrase once and keep the key in "
	  "this login session's keyring (default 8h, at most 24h)", .opts = unlock_opts,
	  .size = sizeof(struct unlock_args), .run = vv_unlock },
	{ .name = "lock", .summary = "forget the key `oltui unlock` kept: commands ask "
	  "again", .opts = json_opts, .size = sizeof(struct verb_common), .run = vv_lock },
	{ .name = "vault", .summary = "how the vault is opened; reseal every secret under "
	  "a key file or a new passphrase", .subs = vault_subs },
	VERB_END,
};
