/*
 * test_unlock.c — the database's vault (core/unlock.c) with key files:
 * rekey reseals every secret under the new key and the old key is refused
 * after; a rekey that fails half-way (a damaged secret) leaves every row,
 * the token and the salt as they were and removes the key file it made;
 * rekey covers every sealed column of the schema; a key-file database
 * says so instead of asking a passphrase; a key file that a wrong check
 * refused is not left behind; a key file never lands in the keyring.
 *
 * Passphrase paths need a terminal: tests/integration/test_vault_rekey.sh
 * and test_vault_session.sh type them on a pseudo-terminal.  main() joins
 * a private session keyring first, so the user's own is never touched.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <keyutils.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/inventory.h"
#include "core/keycache.h"
#include "core/store.h"
#include "core/unlock.h"
#include "core/vault.h"
#include "lib/util.h"

struct fx {
	char		 dir[64];
	char		*path;
	struct store	*st;
};

static int
setup(void **state)
{
	struct fx *f = xcalloc(1, sizeof *f);

	strcpy(f->dir, "/tmp/oltui-unlock.XXXXXX");
	if (mkdtemp(f->dir) == NULL)
		return -1;
	f->path = xasprintf("%s/oltui.db", f->dir);
	if ((f->st = store_open(f->path, NULL)) == NULL)
		return -1;
	*state = f;
	return vault_init();
}

static int
teardown(void **state)
{
	struct fx *f = *state;
	char *cmd = xasprintf("rm -rf %s", f->dir);

	store_close(f->st);
	if (system(cmd) != 0)
		fprintf(stderr, "cannot remove %s\n", f->dir);
	free(cmd);
	free(f->path);
	free(f);
	return 0;
}

/* dir/name, allocated. */
static char *
in_dir(const struct fx *f, const char *name)
{
	return xasprintf("%s/%s", f->dir, name);
}

/* Opens the vault with key file name (created when missing). */
static struct vault *
open_with(const struct fx *f, const char *name, char **cause)
{
	char *key = in_dir(f, name);
	bool created;
	struct vault *v = unlock_vault(f->st, key, &created, cause);

	free(key);
	return v;
}

/* Adds OLT name with a password and (when comm is not NULL) a community. */
static void
add_olt(struct fx *f, struct vault *v, const char *name, const char *pw,
    const char *comm)
{
	struct olt o;
	char *cause = NULL;

	inv_init(INV_OLT, &o);
	strlcpy_(o.name, name, sizeof o.name);
	strcpy(o.driver, "huawei");
	strcpy(o.host, "192.0.2.1");
	strcpy(o.user, "root");
	assert_int_equal(inv_complete(INV_OLT, &o, 0x27, "", &cause), 0);
	if (inv_olt_add(f->st, v, &o, pw, comm, &cause) != 0)
		fail_msg("inv_olt_add %s: %s", name, cause);
}

/* Fails unless OLT name's password (and community) open with v as given. */
static void
expect_secrets(struct fx *f, const struct vault *v, const char *name,
    const char *pw, const char *comm)
{
	struct olt o;
	char *cause = NULL, *plain;

	assert_int_equal(store_olt_by_name(f->st, name, &o, &cause), 1);
	plain = vault_unseal(v, o.password_sealed, &cause);
	if (plain == NULL)
		fail_msg("%s password: %s", name, cause);
	assert_string_equal(plain, pw);
	vault_secret_free(plain);
	if (comm == NULL) {
		assert_string_equal(o.community_sealed, "");
		return;
	}
	plain = vault_unseal(v, o.community_sealed, &cause);
	assert_non_null(plain);
	assert_string_equal(plain, comm);
	vault_secret_free(plain);
}

/* The rows a rekey touches, as one string: the OLTs' sealed fields and the
   vault's meta keys. */
static char *
vault_rows(struct fx *f)
{
	struct buf b = { 0 };
	struct olt *olts = NULL;
	size_t n = 0;
	char *v = NULL;
	const char *keys[] = { "vault.check", "vault.salt" };

	assert_int_equal(store_olt_list(f->st, &olts, &n, NULL), 0);
	for (size_t i = 0; i < n; i++)
		buf_addf(&b, "%s|%s|%s\n", olts[i].name, olts[i].password_sealed,
		    olts[i].community_sealed);
	free(olts);
	for (size_t i = 0; i < nitems(keys); i++) {
		int rc = store_meta_get(f->st, keys[i], &v, NULL);

		buf_addf(&b, "%s=%s\n", keys[i], rc == 1 ? v : "(none)");
		free(v);
		v = NULL;
	}
	return buf_take(&b);
}

static void
test_rekey_to_another_key_file_reseals_every_secret(void **state)
{
	struct fx *f = *state;
	struct unlock_rekey r = { 0 };
	struct vault *v;
	struct unlock_state s;
	struct kept_secret k;
	char *cause = NULL, *old = in_dir(f, "old.key"), *new = in_dir(f, "new.key");
	char *sealed, *plain;
	struct stat sb;

	assert_non_null(v = open_with(f, "old.key", &cause));
	add_olt(f, v, "a-olt", "pw-a", "comm-a");
	add_olt(f, v, "b-olt", "pw-b", NULL);
	add_olt(f, v, "c-olt", "pw-c", "comm-c");
	/* A value kept by name (a router's WiFi passphrase) is resealed too. */
	sealed = vault_seal(v, "wifi-pass");
	assert_true(store_secret_keep(f->st, "acs:dev:psk", sealed, 0, &cause) > 0);
	free(sealed);
	vault_free(v);
	assert_int_equal(unlock_state(f->st, &s, &cause), 0);
	assert_int_equal(s.mode, UNLOCK_KEY_FILE);
	assert_int_equal(s.olts, 3);
	assert_int_equal(s.secrets, 6);

	r.old_key_file = old;
	r.new_key_file = new;
	if (unlock_rekey(f->st, &r, &cause) != 0)
		fail_msg("unlock_rekey: %s", cause);
	assert_true(r.created);
	assert_int_equal(r.olts, 3);
	assert_int_equal(r.secrets, 6);
	assert_int_equal(stat(new, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);

	assert_non_null(v = open_with(f, "new.key", &cause));
	expect_secrets(f, v, "a-olt", "pw-a", "comm-a");
	expect_secrets(f, v, "b-olt", "pw-b", NULL);
	expect_secrets(f, v, "c-olt", "pw-c", "comm-c");
	assert_int_equal(store_secret_latest(f->st, "acs:dev:psk", &k, &cause), 1);
	assert_non_null(plain = vault_unseal(v, k.sealed, &cause));
	assert_string_equal(plain, "wifi-pass");
	vault_secret_free(plain);
	vault_free(v);
	assert_null(open_with(f, "old.key", &cause));
	assert_non_null(strstr(cause, "wrong passphrase or key file"));
	free(cause);
	cause = NULL;
	assert_int_equal(store_meta_get(f->st, "vault.salt", &cause, NULL), 0);
	free(old);
	free(new);
}

static void
test_failed_rekey_leaves_everything_as_it_was(void **state)
{
	struct fx *f = *state;
	struct unlock_rekey r = { 0 };
	struct vault *v;
	struct olt o;
	char *cause = NULL, *before, *after, *old = in_dir(f, "old.key");
	char *new = in_dir(f, "new.key");

	assert_non_null(v = open_with(f, "old.key", &cause));
	add_olt(f, v, "a-olt", "pw-a", "comm-a");
	add_olt(f, v, "b-olt", "pw-b", "comm-b");
	add_olt(f, v, "z-olt", "pw-z", "comm-z");
	vault_free(v);
	/* The last OLT's community no longer opens: the others are resealed
	   before the rekey meets it. */
	assert_int_equal(store_olt_by_name(f->st, "z-olt", &o, &cause), 1);
	o.community_sealed[10] = o.community_sealed[10] == 'A' ? 'B' : 'A';
	assert_int_equal(store_olt_update(f->st, &o, &cause), 0);
	before = vault_rows(f);

	r.old_key_file = old;
	r.new_key_file = new;
	assert_int_equal(unlock_rekey(f->st, &r, &cause), -1);
	assert_non_null(strstr(cause, "the SNMP community of OLT z-olt does not "
	    "open with the current key"));
	assert_non_null(strstr(cause, "oltui olt edit z-olt --snmp-community-file F"));
	free(cause);
	cause = NULL;
	after = vault_rows(f);
	assert_string_equal(after, before);
	assert_false(r.created);
	assert_int_equal(r.olts, 0);
	assert_int_not_equal(access(new, F_OK), 0);

	/* The old key still opens all that opened before. */
	assert_non_null(v = open_with(f, "old.key", &cause));
	expect_secrets(f, v, "a-olt", "pw-a", "comm-a");
	expect_secrets(f, v, "b-olt", "pw-b", "comm-b");
	vault_free(v);
	free(before);
	free(after);
	free(old);
	free(new);
}

static void
test_rekey_refusals_change_nothing(void **state)
{
	struct fx *f = *state;
	struct unlock_rekey r = { 0 };
	struct vault *v;
	char *cause = NULL, *before, *after, *old = in_dir(f, "old.key");
	char *nope = in_dir(f, "nope.key"), *new = in_dir(f, "new.key");

	/* Nothing sealed yet. */
	r.old_key_file = old;
	r.new_key_file = new;
	assert_int_equal(unlock_rekey(f->st, &r, &cause), -1);
	assert_non_null(strstr(cause, "nothing is sealed"));
	free(cause);
	cause = NULL;
	assert_int_not_equal(access(old, F_OK), 0);

	assert_non_null(v = open_with(f, "old.key", &cause));
	add_olt(f, v, "a-olt", "pw-a", "comm-a");
	vault_free(v);
	before = vault_rows(f);
	/* The new key file is the current one. */
	r.new_key_file = old;
	assert_int_equal(unlock_rekey(f->st, &r, &cause), -1);
	assert_non_null(strstr(cause, "is the current one"));
	free(cause);
	cause = NULL;
	/* The current key file does not exist: not created. */
	r.old_key_file = nope;
	r.new_key_file = new;
	assert_int_equal(unlock_rekey(f->st, &r, &cause), -1);
	assert_non_null(strstr(cause, "No such file"));
	free(cause);
	cause = NULL;
	assert_int_not_equal(access(nope, F_OK), 0);
	assert_int_not_equal(access(new, F_OK), 0);
	after = vault_rows(f);
	assert_string_equal(after, before);
	free(before);
	free(after);
	free(old);
	free(nope);
	free(new);
}

/* The schema's columns that hold sealed values: TABLE.COLUMN lines. */
static char *
sealed_columns(const char *path)
{
	sqlite3 *db;
	sqlite3_stmt *s;
	struct buf b = { 0 };

	assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db,
	    "SELECT m.name || '.' || p.name FROM sqlite_master m, "
	    "pragma_table_info(m.name) p WHERE m.type = 'table' AND "
	    "(p.name LIKE '%sealed%' OR p.name LIKE '%secret%') ORDER BY 1",
	    -1, &s, NULL), SQLITE_OK);
	while (sqlite3_step(s) == SQLITE_ROW)
		buf_addf(&b, "%s\n", (const char *)sqlite3_column_text(s, 0));
	sqlite3_finalize(s);
	sqlite3_close(db);
	return buf_take(&b);
}

static void
test_rekey_covers_every_sealed_column(void **state)
{
	struct fx *f = *state;
	char *cols = sealed_columns(f->path);

	/* A new sealed column must be added to unlock.c's sealed_fields (and
	   here): rekey would otherwise leave it under the old key. */
	assert_string_equal(cols, "kept_secrets.value_sealed\nolts.community_sealed\n"
	    "olts.password_sealed\n");
	free(cols);
}

static void
test_key_file_database_says_so_instead_of_asking(void **state)
{
	struct fx *f = *state;
	struct vault *v;
	bool created;
	char *cause = NULL;

	assert_non_null(v = open_with(f, "k", &cause));
	vault_free(v);
	assert_null(unlock_vault(f->st, NULL, &created, &cause));
	assert_non_null(strstr(cause, "sealed with a key file: pass --key-file FILE"));
	free(cause);
	cause = NULL;
	assert_int_equal(unlock_session(f->st, 60, &cause), -1);
	assert_non_null(strstr(cause, "sealed with a key file, which opens the vault by itself"));
	free(cause);
	cause = NULL;
	/* Nothing went into the keyring for it. */
	assert_int_equal(keycache_get(f->path, &v, NULL), 0);
}

static void
test_key_file_refused_by_the_check_is_not_left_behind(void **state)
{
	struct fx *f = *state;
	struct vault *v;
	bool created;
	char *cause = NULL, *other = in_dir(f, "other.key");

	assert_non_null(v = open_with(f, "k", &cause));
	vault_free(v);
	/* Missing: refused before a key is made (issue 13). */
	assert_null(open_with(f, "other.key", &cause));
	assert_non_null(strstr(cause, "a new key cannot open them"));
	free(cause);
	cause = NULL;
	assert_int_not_equal(access(other, F_OK), 0);
	/* Present but another key: refused by the check, and left alone. */
	assert_non_null(v = vault_open_keyfile(other, &created, &cause));
	vault_free(v);
	assert_null(open_with(f, "other.key", &cause));
	assert_non_null(strstr(cause, "wrong passphrase or key file"));
	free(cause);
	assert_int_equal(access(other, F_OK), 0);
	unlink(other);
	free(other);
}

static void
test_unlock_times_are_checked_before_asking(void **state)
{
	struct fx *f = *state;
	char *cause = NULL;

	/* Out of range: refused before anything (no terminal is needed). */
	assert_int_equal(unlock_session(f->st, 0, &cause), -1);
	assert_non_null(strstr(cause, "from 1 s to 24 h"));
	free(cause);
	cause = NULL;
	assert_int_equal(unlock_session(f->st, KEYCACHE_MAX_S + 1, &cause), -1);
	free(cause);
}

int
main(void)
{
	key_serial_t before = keyctl_get_keyring_ID(KEY_SPEC_SESSION_KEYRING, 0);
	key_serial_t mine = keyctl_join_session_keyring(NULL);

	if (mine < 0 || mine == before) {
		fprintf(stderr, "test_unlock: cannot join a private session "
		    "keyring: refusing to run\n");
		printf("not ok 1 - a private session keyring for the tests\n");
		return 1;
	}
	const struct CMUnitTest tests[] = {
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
		T(test_rekey_to_another_key_file_reseals_every_secret),
		T(test_failed_rekey_leaves_everything_as_it_was),
		T(test_rekey_refusals_change_nothing),
		T(test_rekey_covers_every_sealed_column),
		T(test_key_file_database_says_so_instead_of_asking),
		T(test_key_file_refused_by_the_check_is_not_left_behind),
		T(test_unlock_times_are_checked_before_asking),
#undef T
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
