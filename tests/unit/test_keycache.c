/*
 * test_keycache.c — the vault key kept in the kernel's session keyring:
 * it comes back and opens what it sealed, it is possessor-only and times
 * out, another session cannot read it, it is forgotten at once, replaced
 * rather than duplicated, and a foreign key under its name is refused.
 *
 * main() first joins a new anonymous session keyring, so nothing here ever
 * touches the keyring of the user running the tests; it refuses to run the
 * tests when that fails.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <errno.h>
#include <fcntl.h>
#include <keyutils.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/keycache.h"
#include "core/vault.h"
#include "lib/util.h"

/* A private directory with an (empty) database file in it. */
struct fixture {
	char	 dir[64];
	char	*db;
};

static int
setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof *f);
	int fd;

	strlcpy_(f->dir, "/tmp/oltui-keycache-XXXXXX", sizeof f->dir);
	if (mkdtemp(f->dir) == NULL) {
		free(f);
		return -1;
	}
	f->db = xasprintf("%s/oltui.db", f->dir);
	if ((fd = open(f->db, O_WRONLY | O_CREAT, 0600)) < 0)
		return -1;
	close(fd);
	*state = f;
	return vault_init();
}

static int
teardown(void **state)
{
	struct fixture *f = *state;

	(void)keycache_drop(f->db, NULL);
	unlink(f->db);
	rmdir(f->dir);
	free(f->db);
	free(f);
	return 0;
}

/* A vault with a random key. */
static struct vault *
random_vault(void)
{
	unsigned char key[VAULT_KEY_LEN];
	struct vault *v;
	char *cause = NULL;

	for (size_t i = 0; i < sizeof key; i++)
		key[i] = (unsigned char)random();
	v = vault_open_key(key, &cause);
	if (v == NULL)
		fail_msg("vault_open_key: %s", cause);
	return v;
}

/* The serial of the kept key of db, or -1. */
static key_serial_t
kept_serial(const char *db)
{
	char *name = keycache_name(db);
	long id = keyctl_search(KEY_SPEC_SESSION_KEYRING, "user", name, 0);

	free(name);
	return id < 0 ? -1 : (key_serial_t)id;
}

/* Keeps v for db, failing the test on error. */
static void
put(const char *db, const struct vault *v, long seconds)
{
	char *cause = NULL;

	if (keycache_put(db, v, seconds, &cause) != 0)
		fail_msg("keycache_put: %s", cause);
}

static void
test_kept_key_comes_back_and_opens_what_it_sealed(void **state)
{
	struct fixture *f = *state;
	struct vault *v = random_vault(), *back = NULL;
	char *sealed, *plain, *cause = NULL;

	put(f->db, v, 60);
	assert_int_equal(keycache_get(f->db, &back, &cause), 1);
	assert_non_null(back);
	assert_memory_equal(vault_key(back), vault_key(v), VAULT_KEY_LEN);
	sealed = vault_seal(v, "Hunter2-olt");
	plain = vault_unseal(back, sealed, &cause);
	assert_non_null(plain);
	assert_string_equal(plain, "Hunter2-olt");
	vault_secret_free(plain);
	free(sealed);
	vault_free(back);
	vault_free(v);
}

static void
test_kept_key_is_possessor_only_and_times_out(void **state)
{
	struct fixture *f = *state;
	struct vault *v = random_vault();
	char *desc = NULL, *name, line[512], hex[16];
	unsigned perm = 0;
	key_serial_t id;
	FILE *pk;
	bool seen = false;

	put(f->db, v, 3600);
	assert_true((id = kept_serial(f->db)) > 0);
	assert_true(keyctl_describe_alloc(id, &desc) > 0);
	/* "user;uid;gid;perm;description" */
	assert_int_equal(sscanf(strchr(strchr(strchr(desc, ';') + 1, ';') + 1, ';') + 1,
	    "%x", &perm), 1);
	name = keycache_name(f->db);
	assert_true(str_startswith(desc, "user;"));
	assert_true(str_endswith(desc, name));
	assert_int_equal(perm & 0x00ffffffu, 0);	/* user, group, other: nothing */
	assert_int_equal(perm & (KEY_POS_VIEW | KEY_POS_READ | KEY_POS_SEARCH),
	    KEY_POS_VIEW | KEY_POS_READ | KEY_POS_SEARCH);
	assert_int_equal(perm & KEY_POS_LINK, 0);	/* cannot be linked elsewhere */
	/* /proc/keys: serial flags usage expiry perm ...; expiry is "perm"
	   for a key that never expires. */
	snprintf(hex, sizeof hex, "%08x", (unsigned)id);
	assert_non_null(pk = fopen("/proc/keys", "r"));
	while (fgets(line, sizeof line, pk) != NULL) {
		char serial[16], flags[16], expiry[16];
		int usage;

		if (sscanf(line, "%15s %15s %d %15s", serial, flags, &usage,
		    expiry) == 4 && strcmp(serial, hex) == 0) {
			seen = true;
			assert_true(strcmp(expiry, "59m") == 0 ||
			    strcmp(expiry, "1h") == 0);
		}
	}
	fclose(pk);
	assert_true(seen);
	free(name);
	free(desc);
	vault_free(v);
}

static void
test_another_session_cannot_read_the_kept_key(void **state)
{
	struct fixture *f = *state;
	struct vault *v = random_vault();
	key_serial_t id;
	pid_t pid;
	int status;

	put(f->db, v, 60);
	assert_true((id = kept_serial(f->db)) > 0);
	if ((pid = fork()) == 0) {
		char buf[VAULT_KEY_LEN];
		struct vault *got = NULL;

		/* Another login: a session keyring of its own. */
		if (keyctl_join_session_keyring(NULL) < 0)
			_exit(10);
		if (keyctl_read(id, buf, sizeof buf) >= 0)
			_exit(11);	/* read it: not possessor-only */
		if (errno != EACCES)
			_exit(12);
		if (keycache_get(f->db, &got, NULL) != 0)
			_exit(13);	/* found it from another session */
		_exit(0);
	}
	assert_true(pid > 0);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
	vault_free(v);
}

static void
test_expired_key_is_not_found(void **state)
{
	struct fixture *f = *state;
	struct vault *v = random_vault(), *got = NULL;
	int64_t start = mono_ms();
	int rc;

	/* The kernel counts whole seconds: 2 s expire after 1 to 2 s. */
	put(f->db, v, 2);
	assert_int_equal(keycache_get(f->db, &got, NULL), 1);
	vault_free(got);
	while ((rc = keycache_get(f->db, &got, NULL)) == 1 &&
	    mono_ms() - start < 6000) {
		vault_free(got);
		sleep_ms(100);
	}
	assert_int_equal(rc, 0);
	assert_null(got);
	assert_true(mono_ms() - start >= 1000);
	vault_free(v);
}

static void
test_drop_forgets_at_once(void **state)
{
	struct fixture *f = *state;
	struct vault *v = random_vault(), *got = NULL;
	key_serial_t id;
	char buf[VAULT_KEY_LEN];

	put(f->db, v, 60);
	id = kept_serial(f->db);
	assert_int_equal(keycache_drop(f->db, NULL), 1);
	assert_int_equal(keycache_get(f->db, &got, NULL), 0);
	assert_null(got);
	assert_true(keyctl_read(id, buf, sizeof buf) < 0);	/* invalidated */
	assert_int_equal(keycache_drop(f->db, NULL), 0);
	vault_free(v);
}

/* How many links of the session keyring are keys named name. */
static int
count_named(const char *name)
{
	key_serial_t *ids = NULL;
	long n = keyctl_read_alloc(KEY_SPEC_SESSION_KEYRING, (void **)&ids);
	int count = 0;

	for (long i = 0; i < n / (long)sizeof *ids; i++) {
		char *desc = NULL;

		if (keyctl_describe_alloc(ids[i], &desc) > 0 &&
		    str_endswith(desc, name))
			count++;
		free(desc);
	}
	free(ids);
	return count;
}

static void
test_put_replaces_the_earlier_key(void **state)
{
	struct fixture *f = *state;
	struct vault *a = random_vault(), *b = random_vault(), *got = NULL;
	char *name = keycache_name(f->db);

	put(f->db, a, 60);
	put(f->db, b, 60);
	assert_int_equal(keycache_get(f->db, &got, NULL), 1);
	assert_memory_equal(vault_key(got), vault_key(b), VAULT_KEY_LEN);
	assert_int_equal(count_named(name), 1);
	vault_free(got);
	vault_free(a);
	vault_free(b);
	free(name);
}

static void
test_time_limits_are_checked_before_anything_is_kept(void **state)
{
	struct fixture *f = *state;
	struct vault *v = random_vault();
	char *cause = NULL;

	assert_int_equal(keycache_put(f->db, v, 0, &cause), -1);
	assert_non_null(strstr(cause, "from 1 s to 24 h"));
	free(cause);
	cause = NULL;
	assert_int_equal(keycache_put(f->db, v, KEYCACHE_MAX_S + 1, &cause), -1);
	free(cause);
	assert_int_equal(kept_serial(f->db), -1);
	assert_int_equal(keycache_check_time(KEYCACHE_MAX_S, NULL), 0);
	assert_int_equal(keycache_check_time(KEYCACHE_DEFAULT_S, NULL), 0);
	vault_free(v);
}

static void
test_a_foreign_key_under_the_name_is_refused(void **state)
{
	struct fixture *f = *state;
	char *name = keycache_name(f->db), *cause = NULL;
	key_serial_t ring = keyctl_get_keyring_ID(KEY_SPEC_SESSION_KEYRING, 0);
	struct vault *got = NULL;

	assert_true(add_key("user", name, "short", 5, ring) > 0);
	assert_int_equal(keycache_get(f->db, &got, &cause), -1);
	assert_null(got);
	assert_non_null(strstr(cause, "not an oltui vault key (5 bytes)"));
	free(cause);
	free(name);
}

static void
test_name_is_the_real_path(void **state)
{
	struct fixture *f = *state;
	char *round = xasprintf("%s/./../%s/oltui.db", f->dir, strrchr(f->dir, '/') + 1);
	char *a = keycache_name(round), *b = keycache_name(f->db), *real;

	assert_string_equal(a, b);
	real = realpath(f->db, NULL);
	assert_true(str_startswith(a, KEYCACHE_PREFIX));
	assert_string_equal(a + strlen(KEYCACHE_PREFIX), real);
	free(real);
	free(a);
	free(b);
	free(round);
}

int
main(void)
{
	key_serial_t before = keyctl_get_keyring_ID(KEY_SPEC_SESSION_KEYRING, 0);
	key_serial_t mine = keyctl_join_session_keyring(NULL);
	char *desc = NULL;

	/* Never run against the user's own keyring. */
	if (mine < 0 || mine == before ||
	    keyctl_describe_alloc(KEY_SPEC_SESSION_KEYRING, &desc) < 0 ||
	    !str_endswith(desc, ";_ses")) {
		fprintf(stderr, "test_keycache: cannot join a private session "
		    "keyring (%s): refusing to run\n", strerror(errno));
		printf("not ok 1 - a private session keyring for the tests\n");
		return 1;
	}
	free(desc);
	srandom((unsigned)getpid());

	const struct CMUnitTest tests[] = {
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
		T(test_kept_key_comes_back_and_opens_what_it_sealed),
		T(test_kept_key_is_possessor_only_and_times_out),
		T(test_another_session_cannot_read_the_kept_key),
		T(test_expired_key_is_not_found),
		T(test_drop_forgets_at_once),
		T(test_put_replaces_the_earlier_key),
		T(test_time_limits_are_checked_before_anything_is_kept),
		T(test_a_foreign_key_under_the_name_is_refused),
		T(test_name_is_the_real_path),
#undef T
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
