/*
 * unlock.h — the vault that seals this database's secrets: opening it,
 * keeping its key for the login session, and moving it to another key.
 *
 * The database keeps, in its meta table, the Argon2id salt (passphrase
 * mode only) and a sealed check token, so a wrong passphrase or key file is
 * refused before anything is sealed with it.  The first unlock of a
 * database writes the token (and the salt); later unlocks verify it.  A
 * token without a salt means a key file seals the database.
 *
 * Key choice (unlock_vault): key_file (--key-file / OLTUI_KEY_FILE) when
 * not NULL — created with a random key, mode 0600, when missing, and never
 * kept in the keyring; otherwise the key `oltui unlock` kept in the
 * session keyring (keycache.h), checked against the token; otherwise a
 * passphrase asked on /dev/tty with echo off (twice, the first time).
 * With none of them the call fails with a message naming `oltui unlock`
 * and --key-file.
 *
 * Rekey (unlock_rekey) unseals every sealed secret with the current key and
 * reseals it with the new one, the check token and the salt included, in
 * one transaction: after a failure the database, the keyring and the disk
 * are as they were (a key file the call created is removed).  Other oltui
 * processes that opened the vault before keep the old key in memory: stop
 * the poll daemon and close consoles first.
 *
 * Main thread, before curses starts (these calls may ask on the terminal).
 */
#ifndef OLTUI_UNLOCK_H
#define OLTUI_UNLOCK_H

#include <stdbool.h>

struct store;
struct vault;

/* How a database's secrets are sealed: enum, word (JSON), phrase. */
#define UNLOCK_MODES(X) \
	X(NEW,		"none",		"nothing sealed yet") \
	X(PASSPHRASE,	"passphrase",	"a passphrase (Argon2id)") \
	X(KEY_FILE,	"key-file",	"a key file")

enum unlock_mode {
#define UNLOCK_MODE_ENUM(id, word, phrase) UNLOCK_##id,
	UNLOCK_MODES(UNLOCK_MODE_ENUM)
#undef UNLOCK_MODE_ENUM
};

/* "none", "passphrase", "key-file". */
const char *unlock_mode_name(enum unlock_mode m);
/* "nothing sealed yet", "a passphrase (Argon2id)", "a key file". */
const char *unlock_mode_phrase(enum unlock_mode m);

/* What `oltui vault status` shows. */
struct unlock_state {
	enum unlock_mode mode;
	bool		 kept;		/* a key kept by `oltui unlock` opens it */
	int		 olts;		/* OLTs with at least one sealed secret */
	int		 secrets;	/* sealed secrets in the database */
};

/* Fills *out without asking anything.  0, or -1 and a cause. */
int unlock_state(struct store *st, struct unlock_state *out, char **cause);

/* Returns the vault for st, or NULL and a cause.  *created is set when a
   new key file was written (the caller tells the user where). */
struct vault *unlock_vault(struct store *st, const char *key_file,
    bool *created, char **cause);

/* `oltui unlock`: asks the passphrase even when a key is kept (twice for
   a new database, which it sets up), checks it, and keeps the key in the
   session keyring for seconds (1 s to KEYCACHE_MAX_S, checked before
   asking).  Refused for a database sealed with a key file.  0 or -1. */
int unlock_session(struct store *st, long seconds, char **cause);

/* `oltui lock`: forgets the kept key.  1 forgotten, 0 none was kept, -1. */
int unlock_forget(struct store *st, char **cause);

/* `oltui vault rekey`: the request and what came of it. */
struct unlock_rekey {
	const char	*old_key_file;	/* in: the current key file; NULL = the
					   current passphrase, asked (a kept key
					   does not do) */
	const char	*new_key_file;	/* in: the new key file (created when
					   missing); NULL = a new passphrase,
					   asked twice */
	bool		 created;	/* out: new_key_file was created */
	int		 olts;		/* out: OLTs whose secrets were resealed */
	int		 secrets;	/* out: secrets resealed */
	bool		 forgot;	/* out: a kept key (now stale) was forgotten */
};

/* Reseals every secret of st under the new key (see the top).  0, or -1
   and a cause with nothing changed. */
int unlock_rekey(struct store *st, struct unlock_rekey *r, char **cause);

#endif
