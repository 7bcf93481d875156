/*
 * keycache.c — the unlocked vault key in the kernel's session keyring
 * (keycache.h), through libkeyutils.
 *
 * Why the kernel keyring and not a file or an agent of our own: it is the
 * kernel's own per-session secret store.  The key stays in kernel memory
 * (never on disk, never in a file another program could copy), only the
 * processes of this login session can reach it (the "possessor"
 * permission), the kernel itself removes it when the timeout passes (even
 * if oltui never runs again), and it goes with the session.  An agent of
 * our own would be a daemon with a socket to secure and to keep alive; a
 * file would put the key on disk.  sudo's timestamp and ssh-agent are the
 * same idea, and `keyctl show @s` lets a technician see what is kept.
 *
 * Each call is a few independent system calls; nothing is kept here.
 * Errors that only mean "no key" (none, expired, revoked) or "no keyring
 * here" (a kernel without it, a sandbox that forbids it) are told apart
 * from real failures by errno.
 */
#include "core/keycache.h"
#include "core/vault.h"
#include "lib/util.h"

#include <errno.h>
#include <keyutils.h>
#include <stdbool.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

/* The possessor may view, read, update, find and time it out; nobody else
   may do anything, not even see that it exists. */
#define KEYCACHE_PERM	(KEY_POS_VIEW | KEY_POS_READ | KEY_POS_WRITE | \
			 KEY_POS_SEARCH | KEY_POS_SETATTR)

/* True when errno says the key is not there (or no longer valid). */
static bool
no_key(int e)
{
	return e == ENOKEY || e == EKEYEXPIRED || e == EKEYREVOKED;
}

/* True when errno says this system has no usable keyring. */
static bool
no_keyring(int e)
{
	return e == ENOSYS || e == EOPNOTSUPP || e == EPERM || e == EACCES;
}

/* Builds the description of the database's key. */
char *
keycache_name(const char *db_path)
{
	char *real = realpath(db_path, NULL), *name;

	name = xasprintf("%s%s", KEYCACHE_PREFIX, real != NULL ? real : db_path);
	free(real);
	return name;
}

/* The serial of name's key in the session keyring: > 0, 0 when there is
   none, -1 with errno. */
static key_serial_t
find(const char *name)
{
	long id = keyctl_search(KEY_SPEC_SESSION_KEYRING, "user", name, 0);

	if (id >= 0)
		return (key_serial_t)id;
	return no_key(errno) || no_keyring(errno) ? 0 : -1;
}

/* Invalidates key id (gone at once, wherever it is linked); falls back to
   unlinking it from the session keyring on kernels before 3.5. */
static int
forget(key_serial_t id)
{
	if (keyctl_invalidate(id) == 0)
		return 0;
	if (errno != ENOSYS && errno != EOPNOTSUPP)
		return no_key(errno) ? 0 : -1;
	return keyctl_unlink(id, KEY_SPEC_SESSION_KEYRING) == 0 ? 0 : -1;
}

/* Sets a cause for a failed keyring call named what. */
static void
keyring_cause(char **cause, const char *what, int e)
{
	if (no_keyring(e))
		set_cause(cause, "the kernel keyring is not available here (%s: "
		    "%s): each command will ask the passphrase; --key-file is "
		    "the unattended way", what, strerror(e));
	else
		set_cause(cause, "cannot keep the vault key in the session "
		    "keyring (%s: %s)", what, strerror(e));
}

/* Checks the time a key may be kept. */
int
keycache_check_time(long seconds, char **cause)
{
	if (seconds >= 1 && seconds <= KEYCACHE_MAX_S)
		return 0;
	set_cause(cause, "the vault can be kept unlocked from 1 s to %ld h "
	    "(asked: %ld s)", KEYCACHE_MAX_S / 3600, seconds);
	return -1;
}

/* Keeps v's key for the database in the session keyring for seconds. */
int
keycache_put(const char *db_path, const struct vault *v, long seconds,
    char **cause)
{
	key_serial_t ring, id, old;
	char *name;
	int e;

	if (keycache_check_time(seconds, cause) == -1)
		return -1;
	/* The keyring's id, so the key lands in the one later commands see
	   (adding to "@s" without one makes a keyring that dies with us). */
	if ((ring = keyctl_get_keyring_ID(KEY_SPEC_SESSION_KEYRING, 0)) < 0) {
		keyring_cause(cause, "finding the session keyring", errno);
		return -1;
	}
	name = keycache_name(db_path);
	if ((old = find(name)) > 0)
		(void)forget(old);
	id = add_key("user", name, vault_key(v), VAULT_KEY_LEN, ring);
	free(name);
	if (id < 0) {
		keyring_cause(cause, "add_key", errno);
		return -1;
	}
	if (keyctl_set_timeout(id, (unsigned)seconds) != 0 ||
	    keyctl_setperm(id, KEYCACHE_PERM) != 0) {
		e = errno;
		(void)forget(id);	/* never leave a key without its limits */
		keyring_cause(cause, "setting the timeout and permissions", e);
		return -1;
	}
	return 0;
}

/* Reads the kept key of the database into a new vault. */
int
keycache_get(const char *db_path, struct vault **out, char **cause)
{
	char *name = keycache_name(db_path);
	key_serial_t id = find(name);
	unsigned char *key;
	long n;

	*out = NULL;
	if (id <= 0) {
		if (id < 0)
			set_cause(cause, "cannot search the session keyring for "
			    "%s: %s", name, strerror(errno));
		free(name);
		return id;
	}
	if (vault_init() == -1 || (key = sodium_malloc(VAULT_KEY_LEN)) == NULL) {
		free(name);
		set_cause(cause, "cannot allocate protected memory for the key");
		return -1;
	}
	n = keyctl_read(id, (char *)key, VAULT_KEY_LEN);
	if (n < 0 && no_key(errno)) {
		n = 0;	/* expired between the search and the read */
	} else if (n < 0) {
		set_cause(cause, "cannot read the kept vault key %s: %s", name,
		    strerror(errno));
		n = -1;
	} else if (n != VAULT_KEY_LEN) {
		set_cause(cause, "the key %s in the session keyring is not an "
		    "oltui vault key (%ld bytes); `oltui lock` forgets it", name, n);
		n = -1;
	} else
		n = (*out = vault_open_key(key, cause)) != NULL ? 1 : -1;
	sodium_memzero(key, VAULT_KEY_LEN);
	sodium_free(key);
	free(name);
	return (int)n;
}

/* Forgets the kept key of the database. */
int
keycache_drop(const char *db_path, char **cause)
{
	char *name = keycache_name(db_path);
	key_serial_t id = find(name);
	int rc = id > 0 ? 1 : (int)id;

	if (id > 0 && forget(id) != 0) {
		set_cause(cause, "cannot remove %s from the session keyring: %s",
		    name, strerror(errno));
		rc = -1;
	} else if (id < 0)
		set_cause(cause, "cannot search the session keyring for %s: %s",
		    name, strerror(errno));
	free(name);
	return rc;
}
