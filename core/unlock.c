/*
 * unlock.c — the vault for one database: key file or passphrase, checked
 * against the token the database keeps (see unlock.h).
 */
#include "core/unlock.h"
#include "core/store.h"
#include "core/vault.h"
#include "lib/util.h"

#include <fcntl.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define META_SALT	"vault.salt"
#define META_CHECK	"vault.check"

/* True if a terminal can be opened to ask a passphrase. */
static bool
have_tty(void)
{
	int fd = open("/dev/tty", O_RDWR | O_NOCTTY);

	if (fd == -1)
		return false;
	close(fd);
	return true;
}

/* Reads the salt from meta into salt; 1 found, 0 none (a fresh one is made),
   -1 error. */
static int
load_salt(struct store *st, unsigned char salt[VAULT_SALT_BYTES], char **cause)
{
	char *hex = NULL;
	size_t len = 0;
	int rc = store_meta_get(st, META_SALT, &hex, cause);

	if (rc == 0) {
		vault_new_salt(salt);
		return 0;
	}
	if (rc == -1)
		return -1;
	if (sodium_hex2bin(salt, VAULT_SALT_BYTES, hex, strlen(hex), NULL, &len,
	    NULL) != 0 || len != VAULT_SALT_BYTES) {
		set_cause(cause, "the vault salt in %s is damaged", store_path(st));
		free(hex);
		return -1;
	}
	free(hex);
	return 1;
}

/* Asks a passphrase (twice when new) and derives the key. */
static struct vault *
open_passphrase(struct store *st, bool first, char **cause)
{
	unsigned char salt[VAULT_SALT_BYTES];
	char *pass, *again, hex[VAULT_SALT_BYTES * 2 + 1];
	struct vault *v;
	int have;

	if (!have_tty()) {
		set_cause(cause, "no terminal to ask the vault passphrase: pass "
		    "--key-file FILE (or set OLTUI_KEY_FILE) for unattended use");
		return NULL;
	}
	if ((have = load_salt(st, salt, cause)) == -1)
		return NULL;
	if ((pass = vault_read_secret(NULL, "Vault passphrase: ", cause)) == NULL)
		return NULL;
	if (pass[0] == '\0') {
		set_cause(cause, "the vault passphrase is empty");
		vault_secret_free(pass);
		return NULL;
	}
	if (first) {
		again = vault_read_secret(NULL, "Repeat the passphrase: ", cause);
		if (again == NULL || strcmp(pass, again) != 0) {
			if (again != NULL)
				set_cause(cause, "the two passphrases differ");
			vault_secret_free(pass);
			vault_secret_free(again);
			return NULL;
		}
		vault_secret_free(again);
	}
	v = vault_open_passphrase(pass, salt, cause);
	vault_secret_free(pass);
	if (v != NULL && have == 0) {
		sodium_bin2hex(hex, sizeof hex, salt, sizeof salt);
		if (store_meta_set(st, META_SALT, hex, cause) == -1) {
			vault_free(v);
			return NULL;
		}
	}
	return v;
}

struct vault *
unlock_vault(struct store *st, const char *key_file, bool *created, char **cause)
{
	struct vault *v;
	char *check = NULL, *token;
	int have;

	*created = false;
	if (vault_init() == -1) {
		set_cause(cause, "cannot initialise libsodium");
		return NULL;
	}
	if ((have = store_meta_get(st, META_CHECK, &check, cause)) == -1)
		return NULL;
	if (key_file != NULL && key_file[0] != '\0')
		v = vault_open_keyfile(key_file, created, cause);
	else
		v = open_passphrase(st, have == 0, cause);
	if (v == NULL) {
		free(check);
		return NULL;
	}
	if (have == 1) {
		int rc = vault_verify_check(v, check, cause);

		free(check);
		if (rc == -1) {
			vault_free(v);
			return NULL;
		}
		return v;
	}
	token = vault_make_check(v);
	if (store_meta_set(st, META_CHECK, token, cause) == -1) {
		free(token);
		vault_free(v);
		return NULL;
	}
	free(token);
	return v;
}
