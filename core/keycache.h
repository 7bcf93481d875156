/*
 * keycache.h — the unlocked vault key, kept for a while in the kernel's
 * session keyring, so that a passphrase vault asks once per login session
 * (`oltui unlock`) instead of on every command.
 *
 * What is kept: the 32-byte key derived from the passphrase (never the
 * passphrase itself), as a "user" key described "oltui:vault:" followed by
 * the database's real path, in the session keyring, with a timeout the
 * kernel enforces and the permissions view/read/write/search/setattr for
 * the possessor and nothing for the user, group or others: only processes
 * of this login session (which possess its session keyring) can read it,
 * not another login of the same user.  Key files never come here (unlock.c
 * caches passphrase keys only): a key file is the unattended key already.
 *
 * The session keyring: the one the login made (pam_keyinit); when the
 * login made none, the kernel's per-user session keyring (_uid_ses.UID)
 * stands in, shared by the user's processes that have no session keyring
 * of their own.  keycache_put() resolves the keyring to its id before
 * adding, because adding to "@s" from a process without one creates a new
 * keyring that dies with the process.
 *
 * A kernel without keyrings, or a sandbox that forbids the system calls,
 * makes keycache_get() find nothing (the passphrase is asked as before) and
 * keycache_put() fail with a cause saying so.
 *
 * No state; any thread.  The key is read straight into protected memory
 * (sodium_malloc) and wiped after it is copied into the vault.
 */
#ifndef OLTUI_KEYCACHE_H
#define OLTUI_KEYCACHE_H

struct vault;

#define KEYCACHE_DEFAULT_S	(8L * 3600)	/* `oltui unlock` without --for */
#define KEYCACHE_MAX_S		(24L * 3600)	/* the longest --for */
#define KEYCACHE_PREFIX		"oltui:vault:"	/* + the database's real path */

/* The key's description for the database at db_path ("oltui:vault:" + its
   real path, or db_path as given when it cannot be resolved).  The caller
   frees it. */
char *keycache_name(const char *db_path);

/* 0 when a key may be kept for seconds (1 s to KEYCACHE_MAX_S), else -1
   and a cause saying the range. */
int keycache_check_time(long seconds, char **cause);

/* Keeps v's key for the database at db_path in the session keyring for
   seconds (1..KEYCACHE_MAX_S), replacing an earlier one.  0, or -1 and a
   cause (no keyring here, seconds out of range); after a -1 nothing is
   left in the keyring. */
int keycache_put(const char *db_path, const struct vault *v, long seconds,
    char **cause);

/* The kept key for db_path: 1 and *out (release with vault_free()), 0 when
   there is none (never kept, expired, forgotten, no keyring here), -1 and
   a cause when one is there but cannot be read.  The caller checks the key
   against the database's check token before trusting it. */
int keycache_get(const char *db_path, struct vault **out, char **cause);

/* Forgets the kept key of db_path at once (invalidated, not just
   unlinked).  1 forgotten, 0 there was none, -1 and a cause. */
int keycache_drop(const char *db_path, char **cause);

#endif
