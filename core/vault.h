/*
 * vault.h — secrets encrypted at rest (libsodium).
 *
 * Device passwords, SNMP communities and other secrets are sealed with
 * XChaCha20-Poly1305 under a 32-byte key.  The key comes either from a key
 * file (unattended use: --key-file / OLTUI_KEY_FILE; created with a random
 * key, mode 0600, when missing) or from a passphrase through Argon2id with a
 * per-database salt.  Key material lives in sodium_malloc'd memory and is
 * wiped on vault_free().
 *
 * A sealed secret is a printable string "v1:" + base64(nonce || ciphertext),
 * safe to store in a TEXT column.  The store keeps a sealed check token so a
 * wrong passphrase or key is detected before anything is written.
 *
 * Thread-safe after open: seal/unseal only read the key.
 */
#ifndef OLTUI_VAULT_H
#define OLTUI_VAULT_H

#include <stdbool.h>
#include <stddef.h>

#define VAULT_SALT_BYTES 16
#define VAULT_KEY_LEN    32	/* bytes of key, whatever its source */

struct vault;

/* Initialises libsodium; safe to call more than once. 0 or -1. */
int vault_init(void);

/* Opens the vault with the key in path.  When path does not exist it is
   created with a fresh random key, mode 0600, and *created is set to true.
   Returns NULL and a cause when the file cannot be read or created, is not a
   key file, or has permissions wider than 0600. */
struct vault *vault_open_keyfile(const char *path, bool *created, char **cause);

/* Derives the key from a passphrase and salt with Argon2id (interactive
   limits).  Returns NULL and a cause on failure. */
struct vault *vault_open_passphrase(const char *passphrase,
    const unsigned char salt[VAULT_SALT_BYTES], char **cause);

/* Opens a vault holding a copy of key (VAULT_KEY_LEN bytes), such as one
   read back from the kernel keyring (keycache.c).  The caller wipes its own
   copy.  Returns NULL and a cause when protected memory cannot be had. */
struct vault *vault_open_key(const unsigned char *key, char **cause);

/* The raw key (VAULT_KEY_LEN bytes, read-only), valid until vault_free().
   Only for handing the key to the kernel keyring (keycache.c): never
   print, log or store it. */
const unsigned char *vault_key(const struct vault *v);

/* Fills salt with random bytes (for a new database). */
void vault_new_salt(unsigned char salt[VAULT_SALT_BYTES]);

/* Seals a NUL-terminated secret.  The caller frees the returned string. */
char *vault_seal(const struct vault *v, const char *secret);

/* Unseals.  Returns the plaintext in memory the caller must release with
   vault_secret_free(), or NULL and a cause ("wrong passphrase or key file",
   "not a sealed secret"). */
char *vault_unseal(const struct vault *v, const char *sealed, char **cause);

/* Wipes and frees a secret returned by vault_unseal or vault_read_secret. */
void vault_secret_free(char *secret);

/* Returns a sealed copy of a fixed token, stored once per database. */
char *vault_make_check(const struct vault *v);
/* 0 if check was sealed with this vault's key, -1 (and a cause naming the
   passphrase or key file as wrong) otherwise. */
int vault_verify_check(const struct vault *v, const char *check, char **cause);

/* Reads a secret from a file (first line, trailing CR/LF dropped), or, when
   path is NULL, asks on /dev/tty with echo off using prompt.  Returns memory
   to release with vault_secret_free(), or NULL and a cause. */
char *vault_read_secret(const char *path, const char *prompt, char **cause);

/* Wipes the key and frees the vault.  NULL is ignored. */
void vault_free(struct vault *v);

#endif
