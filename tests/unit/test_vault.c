/* test_vault.c — sealing, key files, passphrases, check token, secret input. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include "core/vault.h"
#include "lib/util.h"

/* A private temporary directory per test. */
struct fixture {
	char	dir[64];
};

static int
setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof *f);

	strlcpy_(f->dir, "/tmp/oltui-vault-XXXXXX", sizeof f->dir);
	if (mkdtemp(f->dir) == NULL) {
		free(f);
		return -1;
	}
	*state = f;
	return vault_init();
}

static int
teardown(void **state)
{
	struct fixture *f = *state;
	char *cmd = xasprintf("rm -rf '%s'", f->dir);
	int rc = system(cmd);

	free(cmd);
	free(f);
	return rc == 0 ? 0 : -1;
}

/* Writes data to dir/name with mode; returns the allocated path. */
static char *
put_file(const struct fixture *f, const char *name, const char *data,
    mode_t mode)
{
	char *path = xasprintf("%s/%s", f->dir, name);
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);

	assert_true(fd >= 0);
	assert_int_equal(write(fd, data, strlen(data)), (ssize_t)strlen(data));
	assert_int_equal(fchmod(fd, mode), 0);
	close(fd);
	return path;
}

/* Opens (creating) a key-file vault named name in the fixture directory. */
static struct vault *
keyfile_vault(const struct fixture *f, const char *name, bool *created)
{
	char *path = xasprintf("%s/%s", f->dir, name), *cause = NULL;
	struct vault *v = vault_open_keyfile(path, created, &cause);

	if (v == NULL)
		fail_msg("vault_open_keyfile: %s", cause);
	free(path);
	return v;
}

static void
test_seal_unseal_roundtrip(void **state)
{
	static const char *secrets[] = { "hunter2", "", "pässwörd ☃",
	    "a much longer secret with spaces, 'quotes' and \"more\" ..." };
	struct vault *v = keyfile_vault(*state, "k", NULL);

	for (size_t i = 0; i < nitems(secrets); i++) {
		char *cause = NULL, *sealed, *plain;

		sealed = vault_seal(v, secrets[i]);
		assert_true(str_startswith(sealed, "v1:"));
		assert_false(str_has_control(sealed));
		plain = vault_unseal(v, sealed, &cause);
		assert_non_null(plain);
		assert_null(cause);
		assert_string_equal(plain, secrets[i]);
		vault_secret_free(plain);
		free(sealed);
	}
	vault_free(v);
}

static void
test_sealed_string_hides_the_secret_and_is_fresh_each_time(void **state)
{
	struct vault *v = keyfile_vault(*state, "k", NULL);
	const char *secret = "community-public-XYZ";
	char *a = vault_seal(v, secret), *b = vault_seal(v, secret);

	assert_null(strstr(a, secret));
	assert_null(strstr(a, "XYZ"));
	assert_null(strstr(a, "community"));
	assert_string_not_equal(a, b);		/* fresh nonce per seal */
	/* URL-safe base64 without padding: no '+', '/', '='. */
	assert_null(strpbrk(a + 3, "+/=:"));
	free(a);
	free(b);
	vault_free(v);
}

static void
test_wrong_key_fails_cleanly(void **state)
{
	struct vault *v1 = keyfile_vault(*state, "k1", NULL);
	struct vault *v2 = keyfile_vault(*state, "k2", NULL);
	char *sealed = vault_seal(v1, "secret"), *cause = NULL, *plain;

	plain = vault_unseal(v2, sealed, &cause);
	assert_null(plain);
	assert_non_null(cause);
	assert_non_null(strstr(cause, "wrong passphrase or key file"));
	free(cause);
	cause = NULL;
	/* Nothing changed: the right key still opens it. */
	plain = vault_unseal(v1, sealed, &cause);
	assert_non_null(plain);
	assert_string_equal(plain, "secret");
	vault_secret_free(plain);
	free(sealed);
	vault_free(v1);
	vault_free(v2);
}

static void
test_tampered_or_malformed_ciphertext_fails(void **state)
{
	struct vault *v = keyfile_vault(*state, "k", NULL);
	char *sealed = vault_seal(v, "secret"), *cause = NULL;
	size_t len = strlen(sealed);

	/* Flip one character in the middle of the payload. */
	for (size_t pos = 3; pos < len; pos += 7) {
		char *t = xstrdup(sealed);

		t[pos] = t[pos] == 'A' ? 'B' : 'A';
		assert_null(vault_unseal(v, t, &cause));
		assert_non_null(cause);
		free(t);
	}
	/* Truncated. */
	sealed[len - 4] = '\0';
	assert_null(vault_unseal(v, sealed, &cause));
	assert_non_null(cause);
	/* Not sealed at all. */
	assert_null(vault_unseal(v, "plaintext-password", &cause));
	assert_non_null(strstr(cause, "not a sealed secret"));
	assert_null(vault_unseal(v, "v1:", &cause));
	assert_non_null(strstr(cause, "not a sealed secret"));
	assert_null(vault_unseal(v, "v1:!!!!", &cause));
	assert_non_null(strstr(cause, "not a sealed secret"));
	assert_null(vault_unseal(v, NULL, &cause));
	free(cause);
	free(sealed);
	vault_free(v);
}

static void
test_keyfile_is_created_0600_whatever_the_umask(void **state)
{
	struct fixture *f = *state;
	static const mode_t masks[] = { 0, 022, 077, 0277 };

	for (size_t i = 0; i < nitems(masks); i++) {
		char *path = xasprintf("%s/key%zu", f->dir, i), *cause = NULL;
		mode_t old = umask(masks[i]);
		bool created = false;
		struct vault *v = vault_open_keyfile(path, &created, &cause);
		struct stat st;

		umask(old);
		assert_non_null(v);
		assert_true(created);
		assert_int_equal(stat(path, &st), 0);
		assert_int_equal(st.st_mode & 07777, 0600);
		vault_free(v);
		free(path);
	}
}

static void
test_keyfile_reopens_with_the_same_key(void **state)
{
	bool created = true;
	struct vault *v1 = keyfile_vault(*state, "k", &created);
	struct vault *v2;
	char *sealed, *plain, *cause = NULL;

	assert_true(created);
	sealed = vault_seal(v1, "s3cr3t");
	vault_free(v1);
	v2 = keyfile_vault(*state, "k", &created);
	assert_false(created);
	plain = vault_unseal(v2, sealed, &cause);
	assert_non_null(plain);
	assert_string_equal(plain, "s3cr3t");
	vault_secret_free(plain);
	free(sealed);
	vault_free(v2);
}

static void
test_keyfile_readable_by_others_is_refused(void **state)
{
	struct fixture *f = *state;
	bool created = true;
	struct vault *v = keyfile_vault(f, "k", NULL);
	char *path = xasprintf("%s/k", f->dir), *cause = NULL;

	vault_free(v);
	assert_int_equal(chmod(path, 0644), 0);
	assert_null(vault_open_keyfile(path, &created, &cause));
	assert_false(created);
	assert_non_null(cause);
	assert_non_null(strstr(cause, "0644"));
	assert_non_null(strstr(cause, "chmod 600"));
	assert_int_equal(chmod(path, 0640), 0);
	assert_null(vault_open_keyfile(path, NULL, &cause));
	assert_int_equal(chmod(path, 0400), 0);	/* narrower is fine */
	v = vault_open_keyfile(path, NULL, &cause);
	assert_non_null(v);
	vault_free(v);
	free(cause);
	free(path);
}

static void
test_keyfile_with_wrong_format_or_size_is_refused(void **state)
{
	struct fixture *f = *state;
	static const char *bad[] = {
		"just some text\n",
		"",
		"oltui-key-v1:AAAAAAAAAAAAAAAAAAAAAA==\n",		/* 16 bytes */
		"oltui-key-v1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n",
		"oltui-key-v1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\nextra\n",
		"oltui-key-v1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA*\n",
	};

	for (size_t i = 0; i < nitems(bad); i++) {
		char name[16], *path, *cause = NULL;
		bool created = true;

		snprintf(name, sizeof name, "bad%zu", i);
		path = put_file(f, name, bad[i], 0600);
		assert_null(vault_open_keyfile(path, &created, &cause));
		assert_false(created);
		assert_non_null(cause);
		assert_non_null(strstr(cause, "not an oltui key file"));
		free(cause);
		free(path);
	}
	/* The well-formed 32-byte line is accepted. */
	{
		char *path = put_file(f, "good",
		    "oltui-key-v1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n",
		    0600), *cause = NULL;
		struct vault *v = vault_open_keyfile(path, NULL, &cause);

		assert_non_null(v);
		vault_free(v);
		free(path);
	}
}

static void
test_keyfile_in_missing_directory_says_why(void **state)
{
	struct fixture *f = *state;
	char *path = xasprintf("%s/nope/key", f->dir), *cause = NULL;

	assert_null(vault_open_keyfile(path, NULL, &cause));
	assert_non_null(cause);
	assert_non_null(strstr(cause, "No such file or directory"));
	free(cause);
	free(path);
}

static void
test_passphrase_is_deterministic_per_salt(void **state)
{
	unsigned char salt1[VAULT_SALT_BYTES], salt2[VAULT_SALT_BYTES];
	struct vault *a, *b, *c, *d;
	char *sealed, *plain, *cause = NULL;

	(void)state;
	vault_new_salt(salt1);
	vault_new_salt(salt2);
	assert_memory_not_equal(salt1, salt2, VAULT_SALT_BYTES);
	a = vault_open_passphrase("correct horse", salt1, &cause);
	b = vault_open_passphrase("correct horse", salt1, &cause);
	c = vault_open_passphrase("correct horse", salt2, &cause);
	d = vault_open_passphrase("correct horsf", salt1, &cause);
	assert_non_null(a);
	assert_non_null(b);
	assert_non_null(c);
	assert_non_null(d);
	sealed = vault_seal(a, "olt-password");
	plain = vault_unseal(b, sealed, &cause);
	assert_non_null(plain);
	assert_string_equal(plain, "olt-password");
	vault_secret_free(plain);
	assert_null(vault_unseal(c, sealed, &cause));
	assert_non_null(strstr(cause, "wrong passphrase or key file"));
	assert_null(vault_unseal(d, sealed, &cause));
	assert_non_null(strstr(cause, "wrong passphrase or key file"));
	assert_null(vault_open_passphrase("", salt1, &cause));
	free(cause);
	free(sealed);
	vault_free(a);
	vault_free(b);
	vault_free(c);
	vault_free(d);
}

static void
test_check_token_detects_the_wrong_key(void **state)
{
	struct vault *v1 = keyfile_vault(*state, "k1", NULL);
	struct vault *v2 = keyfile_vault(*state, "k2", NULL);
	char *check = vault_make_check(v1), *cause = NULL, *other;

	assert_int_equal(vault_verify_check(v1, check, &cause), 0);
	assert_null(cause);
	assert_int_equal(vault_verify_check(v2, check, &cause), -1);
	assert_non_null(cause);
	assert_non_null(strstr(cause, "wrong passphrase or key file"));
	/* A validly sealed value that is not the token is not accepted. */
	other = vault_seal(v1, "not the token");
	assert_int_equal(vault_verify_check(v1, other, &cause), -1);
	assert_null(strstr(cause, "wrong passphrase"));
	assert_int_equal(vault_verify_check(v1, "garbage", &cause), -1);
	assert_non_null(strstr(cause, "damaged"));
	free(other);
	free(cause);
	free(check);
	vault_free(v1);
	vault_free(v2);
}

static void
test_read_secret_from_file_takes_the_first_line(void **state)
{
	struct fixture *f = *state;
	static const struct {
		const char	*data;
		const char	*want;	/* NULL: refused */
	} cases[] = {
		{ "hunter2\n", "hunter2" },
		{ "hunter2\r\nsecond line\n", "hunter2" },
		{ "no newline", "no newline" },
		{ "  spaces kept  \n", "  spaces kept  " },
		{ "", NULL },
		{ "\n", NULL },
		{ "\r\nsecond\n", NULL },
	};

	for (size_t i = 0; i < nitems(cases); i++) {
		char name[16], *path, *cause = NULL, *s;

		snprintf(name, sizeof name, "s%zu", i);
		path = put_file(f, name, cases[i].data, 0600);
		s = vault_read_secret(path, NULL, &cause);
		if (cases[i].want != NULL) {
			assert_non_null(s);
			assert_string_equal(s, cases[i].want);
			assert_null(cause);
		} else {
			assert_null(s);
			assert_non_null(strstr(cause, "empty"));
		}
		vault_secret_free(s);
		free(cause);
		free(path);
	}
}

static void
test_read_secret_from_missing_file_says_why(void **state)
{
	struct fixture *f = *state;
	char *path = xasprintf("%s/absent", f->dir), *cause = NULL;

	assert_null(vault_read_secret(path, NULL, &cause));
	assert_non_null(strstr(cause, "absent"));
	assert_non_null(strstr(cause, "No such file"));
	free(cause);
	free(path);
}

static void
test_read_secret_without_terminal_names_key_file(void **state)
{
	int fds[2], status;
	char msg[256] = "";
	ssize_t n;
	pid_t pid;

	(void)state;
	assert_int_equal(pipe(fds), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		char *cause = NULL, *s;

		close(fds[0]);
		setsid();	/* no controlling terminal any more */
		s = vault_read_secret(NULL, "Passphrase: ", &cause);
		if (s == NULL && cause != NULL)
			(void)!write(fds[1], cause, strlen(cause));
		_exit(s == NULL ? 0 : 1);
	}
	close(fds[1]);
	n = read(fds[0], msg, sizeof msg - 1);
	close(fds[0]);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	assert_true(n > 0);
	msg[n] = '\0';
	assert_string_equal(msg,
	    "no terminal to ask the passphrase on: use --key-file");
}

/* Reads from the pty master until want shows up; returns what was read. */
static char *
read_until(int fd, const char *want)
{
	struct buf b = { 0 };
	char chunk[256];

	while (strstr(buf_str(&b), want) == NULL) {
		struct pollfd pfd = { .fd = fd, .events = POLLIN };
		ssize_t n;

		if (poll(&pfd, 1, 10000) <= 0)
			break;
		n = read(fd, chunk, sizeof chunk);
		if (n <= 0)
			break;
		buf_add(&b, chunk, (size_t)n);
	}
	return buf_take(&b);
}

/* Runs vault_read_secret(NULL) in a child whose controlling terminal is a
   fresh pty, types input once the prompt shows, and returns what the child
   reported (the secret or the cause).  *echo gets everything the terminal
   displayed; *restored whether echo and canonical mode were back on after
   the call. */
static char *
tty_session(const char *input, char **echo, bool *restored, bool *ok)
{
	int master, fds[2], status;
	char result[256] = "", *seen, *rest;
	ssize_t n;
	pid_t pid;

	master = posix_openpt(O_RDWR | O_NOCTTY);
	assert_true(master >= 0);
	assert_int_equal(grantpt(master), 0);
	assert_int_equal(unlockpt(master), 0);
	assert_int_equal(pipe(fds), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		char *cause = NULL, *s;
		struct termios after;
		int slave;
		bool back;

		close(fds[0]);
		setsid();
		slave = open(ptsname(master), O_RDWR);	/* becomes the ctty */
		close(master);
		if (slave < 0)
			_exit(2);
		s = vault_read_secret(NULL, "Passphrase: ", &cause);
		back = tcgetattr(slave, &after) == 0 &&
		    (after.c_lflag & (ECHO | ICANON)) == (ECHO | ICANON);
		if (s == NULL)
			(void)!write(fds[1], cause, strlen(cause));
		else
			(void)!write(fds[1], s, strlen(s));
		_exit((back ? 0 : 4) | (s != NULL ? 0 : 1));
	}
	close(fds[1]);
	seen = read_until(master, "Passphrase: ");
	assert_non_null(strstr(seen, "Passphrase: "));
	assert_int_equal(write(master, input, strlen(input)),
	    (ssize_t)strlen(input));
	n = read(fds[0], result, sizeof result - 1);
	close(fds[0]);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	rest = read_until(master, "\n");
	close(master);
	assert_true(WIFEXITED(status));
	assert_true(n > 0);
	result[n] = '\0';
	*restored = (WEXITSTATUS(status) & 4) == 0;
	*ok = (WEXITSTATUS(status) & 1) == 0;
	*echo = xasprintf("%s%s", seen, rest);
	free(seen);
	free(rest);
	return xstrdup(result);
}

static void
test_read_secret_on_terminal_hides_echo_and_restores(void **state)
{
	char *echo, *got;
	bool restored, ok;

	(void)state;
	/* Typing "s3cX", erase, "ret", Enter. */
	got = tty_session("s3cX\x7fret\r", &echo, &restored, &ok);
	assert_true(ok);
	assert_true(restored);
	assert_string_equal(got, "s3cret");
	assert_null(strstr(echo, "s3c"));
	assert_null(strstr(echo, "ret"));
	free(got);
	free(echo);
}

static void
test_read_secret_on_terminal_cancelled_restores_terminal(void **state)
{
	char *echo, *got;
	bool restored, ok;

	(void)state;
	got = tty_session("abc\x03", &echo, &restored, &ok);
	assert_false(ok);
	assert_true(restored);
	assert_string_equal(got, "passphrase entry cancelled");
	assert_null(strstr(echo, "abc"));
	free(got);
	free(echo);
	/* Enter alone: an empty passphrase is refused, terminal restored. */
	got = tty_session("\r", &echo, &restored, &ok);
	assert_false(ok);
	assert_true(restored);
	assert_string_equal(got, "empty passphrase");
	free(got);
	free(echo);
}

static void
test_free_functions_ignore_null(void **state)
{
	(void)state;
	vault_free(NULL);
	vault_secret_free(NULL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
		T(test_seal_unseal_roundtrip),
		T(test_sealed_string_hides_the_secret_and_is_fresh_each_time),
		T(test_wrong_key_fails_cleanly),
		T(test_tampered_or_malformed_ciphertext_fails),
		T(test_keyfile_is_created_0600_whatever_the_umask),
		T(test_keyfile_reopens_with_the_same_key),
		T(test_keyfile_readable_by_others_is_refused),
		T(test_keyfile_with_wrong_format_or_size_is_refused),
		T(test_keyfile_in_missing_directory_says_why),
		T(test_passphrase_is_deterministic_per_salt),
		T(test_check_token_detects_the_wrong_key),
		T(test_read_secret_from_file_takes_the_first_line),
		T(test_read_secret_from_missing_file_says_why),
		T(test_read_secret_without_terminal_names_key_file),
		T(test_read_secret_on_terminal_hides_echo_and_restores),
		T(test_read_secret_on_terminal_cancelled_restores_terminal),
		T(test_free_functions_ignore_null),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
