/*
 * fuzz_vault.c — the vault's decoders (core/vault.c): a key file's
 * contents, a sealed secret, a secret file.
 *
 * Input: byte 0 picks what is decoded (modulo 3), the rest is it:
 *   0  a key file (written 0600 to a private directory, then
 *      vault_open_keyfile);
 *   1  byte 1 a position, then a secret: sealed with a fixed key, the
 *      sealed text altered at that position, unsealed; and the rest taken
 *      as a sealed text itself;
 *   2  a secret file (vault_read_secret).
 *
 * Invariants: a key file is taken only when it is "oltui-key-v1:" and a
 * key, and the key it gives seals and unseals; a refused one says why in
 * one line of clean text; sealing then
 * unsealing gives the secret back, an altered sealed text never unseals to
 * anything else, and arbitrary text never unseals; a secret read from a
 * file is the file's first line without its line end, never empty.
 */
#include <fcntl.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/vault.h"
#include "lib/util.h"
#include "tests/fuzz/harness.h"

static char dir[64];
static struct vault *fixed;	/* a vault with a key of our own */

/* Removes the private directory at exit. */
static void
cleanup(void)
{
	char *p;

	p = xasprintf("%s/key", dir);
	unlink(p);
	free(p);
	p = xasprintf("%s/secret", dir);
	unlink(p);
	free(p);
	rmdir(dir);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	unsigned char key[VAULT_KEY_LEN];

	(void)argc;
	(void)argv;
	if (vault_init() != 0)
		abort();
	snprintf(dir, sizeof dir, "/tmp/oltui-fuzz-vault.XXXXXX");
	if (mkdtemp(dir) == NULL)
		abort();
	atexit(cleanup);
	for (size_t i = 0; i < sizeof key; i++)
		key[i] = (unsigned char)(i * 7 + 1);
	fixed = vault_open_key(key, NULL);
	return 0;
}

/* Writes bytes to a fresh 0600 file; returns its path (caller frees). */
static char *
put_file(const char *name, const char *data, size_t len)
{
	char *path = xasprintf("%s/%s", dir, name);
	int fd;

	unlink(path);
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
	if (fd < 0 || write(fd, data, len) != (ssize_t)len)
		abort();
	close(fd);
	return path;
}

/* Seals with v and unseals: the same text must come back. */
static void
round_trip(const struct vault *v, const char *secret)
{
	char *sealed = vault_seal(v, secret), *back, *cause = NULL;

	fz_clean("a sealed secret", sealed, false);
	back = vault_unseal(v, sealed, &cause);
	if (back == NULL || strcmp(back, secret) != 0)
		fz_fail("sealing then unsealing did not give the secret back: %s",
		    cause != NULL ? cause : "a different text");
	vault_secret_free(back);
	free(sealed);
	free(cause);
}

static void
key_file(const char *data, size_t len)
{
	char *path = put_file("key", data, len), *cause = NULL;
	struct vault *v;
	bool created = true;

	v = vault_open_keyfile(path, &created, &cause);
	if (created)
		fz_fail("an existing key file was taken as created");
	if (v != NULL) {
		if (strncmp(data, "oltui-key-v1:", 13) != 0)
			fz_fail("a key file without its prefix was taken");
		round_trip(v, "a secret");
		vault_free(v);
	} else {
		if (cause == NULL)
			fz_fail("a key file refused without a cause");
		fz_clean("a key file's refusal", cause, false);
	}
	unlink(path);
	free(path);
	free(cause);
}

static void
sealed(struct fz *in)
{
	unsigned at = fz_byte(in);
	char *secret = fz_part(in, NULL), *rest = fz_rest(in, NULL), *s, *back, *cause = NULL;

	if (secret != NULL && secret[0] != '\0') {
		round_trip(fixed, secret);
		s = vault_seal(fixed, secret);
		at %= strlen(s);
		s[at] = s[at] == 'A' ? 'B' : 'A';
		back = vault_unseal(fixed, s, &cause);
		if (back != NULL && strcmp(back, secret) != 0)
			fz_fail("an altered sealed secret unsealed to another text");
		vault_secret_free(back);
		free(s);
		free(cause);
		cause = NULL;
	}
	back = vault_unseal(fixed, rest, &cause);
	if (back != NULL)
		fz_fail("text nobody sealed unsealed: \"%.100s\"", rest);
	if (cause == NULL)
		fz_fail("an unseal failed without a cause");
	fz_clean("an unseal's cause", cause, false);
	if (vault_verify_check(fixed, rest, NULL) == 0)
		fz_fail("text nobody sealed passed as the check token");
	free(cause);
	free(secret);
	free(rest);
}

static void
secret_file(const char *data, size_t len)
{
	char *path = put_file("secret", data, len), *cause = NULL, *s;
	size_t n;

	s = vault_read_secret(path, NULL, &cause);
	if (s != NULL) {
		n = strlen(s);
		if (n == 0)
			fz_fail("an empty secret was read");
		if (n > len || memcmp(s, data, n) != 0)
			fz_fail("the secret read is not the start of the file");
		if (strchr(s, '\n') != NULL || s[n - 1] == '\r')
			fz_fail("the secret read holds its line end");
		if (n < len && data[n] != '\n' && data[n] != '\r')
			fz_fail("the secret read stops inside the first line");
		vault_secret_free(s);
	} else {
		if (cause == NULL)
			fz_fail("a secret file refused without a cause");
		fz_clean("a secret file's refusal", cause, false);
	}
	unlink(path);
	free(path);
	free(cause);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fz in = { data, size };

	switch (fz_byte(&in) % 3) {
	case 0:
		key_file((const char *)in.p, in.n);
		break;
	case 1:
		sealed(&in);
		break;
	default:
		secret_file((const char *)in.p, in.n);
		break;
	}
	return 0;
}
