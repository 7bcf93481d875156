/*
 * unlock.c — the vault for one database (unlock.h): key file, kept key or
 * passphrase, checked against the token the database keeps; the session's
 * kept key (`oltui unlock` / `oltui lock`, through keycache.c); and rekey.
 *
 * The meta table holds two keys: vault.check (a sealed token, set by the
 * first unlock) and vault.salt (hex, passphrase mode only).  Everything
 * here reads them into a struct meta first and decides from it: no token
 * means a new database, a token with a salt a passphrase, a token alone a
 * key file.  Only unlock_vault() looks in the keyring, and only for a
 * passphrase database without --key-file; a kept key that fails the token
 * (the database was rekeyed or replaced) is forgotten and the passphrase
 * asked as if none was kept.
 *
 * The secrets rekey reseals are the sealed fields of the OLT rows
 * (sealed_fields below) and every value kept sealed by name
 * (kept_secrets: the ACS's password, the router passwords oltui set);
 * tests/unit/test_unlock.c fails when the schema gains a *_sealed column
 * neither names.
 */
#include "core/unlock.h"
#include "core/audit.h"
#include "core/keycache.h"
#include "core/model.h"
#include "core/store.h"
#include "core/vault.h"
#include "lib/util.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define META_SALT	"vault.salt"
#define META_CHECK	"vault.check"

/* open_vault() flags */
#define OPEN_KEPT	0x1u	/* a key kept in the session keyring will do */
#define OPEN_CREATE	0x2u	/* create a missing key file */

/* What the meta table says about the vault. */
struct meta {
	char		*check;		/* sealed token; NULL = nothing sealed yet */
	bool		 salted;	/* salt came from the table */
	unsigned char	 salt[VAULT_SALT_BYTES];	/* stored, or fresh */
};

/* The sealed fields of an OLT row: everything rekey reseals. */
static const struct sealed_field {
	size_t		 off;
	size_t		 size;
	const char	*what;		/* for messages */
	const char	*flag;		/* the option that sets it again */
} sealed_fields[] = {
	{ offsetof(struct olt, password_sealed),
	  sizeof ((struct olt *)0)->password_sealed, "password",
	  "--password-file F" },
	{ offsetof(struct olt, community_sealed),
	  sizeof ((struct olt *)0)->community_sealed, "SNMP community",
	  "--snmp-community-file F" },
};

static const struct {
	const char	*word;
	const char	*phrase;
} modes[] = {
#define UNLOCK_MODE_ROW(id, word, phrase) { word, phrase },
	UNLOCK_MODES(UNLOCK_MODE_ROW)
#undef UNLOCK_MODE_ROW
};

/* The word of a mode. */
const char *
unlock_mode_name(enum unlock_mode m)
{
	return (size_t)m < nitems(modes) ? modes[m].word : "?";
}

/* The phrase of a mode. */
const char *
unlock_mode_phrase(enum unlock_mode m)
{
	return (size_t)m < nitems(modes) ? modes[m].phrase : "?";
}

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

/* Reads the check token and the salt (a fresh one when none is stored). */
static int
meta_load(struct store *st, struct meta *m, char **cause)
{
	char *hex = NULL;
	size_t len = 0;
	int rc;

	memset(m, 0, sizeof *m);
	if (store_meta_get(st, META_CHECK, &m->check, cause) == -1)
		return -1;
	if ((rc = store_meta_get(st, META_SALT, &hex, cause)) == -1)
		goto fail;
	if (rc == 0) {
		vault_new_salt(m->salt);
		return 0;
	}
	if (sodium_hex2bin(m->salt, VAULT_SALT_BYTES, hex, strlen(hex), NULL,
	    &len, NULL) != 0 || len != VAULT_SALT_BYTES) {
		set_cause(cause, "the vault salt in %s is damaged", store_path(st));
		free(hex);
		goto fail;
	}
	free(hex);
	m->salted = true;
	return 0;
fail:
	free(m->check);
	m->check = NULL;
	return -1;
}

/* The mode the meta table describes. */
static enum unlock_mode
meta_mode(const struct meta *m)
{
	if (m->check == NULL)
		return UNLOCK_NEW;
	return m->salted ? UNLOCK_PASSPHRASE : UNLOCK_KEY_FILE;
}

/* Writes the token of v (and, for a passphrase, the salt, or no salt for
   a key file) to meta.  Inside the caller's transaction, if any. */
static int
meta_store(struct store *st, const struct vault *v,
    const unsigned char *salt, char **cause)
{
	char hex[VAULT_SALT_BYTES * 2 + 1], *token = vault_make_check(v);
	int rc;

	if (salt != NULL) {
		sodium_bin2hex(hex, sizeof hex, salt, VAULT_SALT_BYTES);
		rc = store_meta_set(st, META_SALT, hex, cause);
	} else
		rc = store_meta_delete(st, META_SALT, cause);
	if (rc == 0)
		rc = store_meta_set(st, META_CHECK, token, cause);
	free(token);
	return rc;
}

/* Asks a passphrase on the terminal, twice when again is not NULL. */
static char *
ask_passphrase(const char *prompt, const char *again, char **cause)
{
	char *pass, *rep;

	if (!have_tty()) {
		set_cause(cause, "no terminal to ask the vault passphrase: run "
		    "`oltui unlock` on a terminal of this login session to keep "
		    "it unlocked for a while, or pass --key-file FILE (or set "
		    "OLTUI_KEY_FILE) for unattended use");
		return NULL;
	}
	if ((pass = vault_read_secret(NULL, prompt, cause)) == NULL)
		return NULL;
	if (again == NULL)
		return pass;
	if ((rep = vault_read_secret(NULL, again, cause)) == NULL) {
		vault_secret_free(pass);
		return NULL;
	}
	if (strcmp(pass, rep) != 0) {
		set_cause(cause, "the two passphrases differ");
		vault_secret_free(pass);
		pass = NULL;
	}
	vault_secret_free(rep);
	return pass;
}

/* Asks a passphrase (twice when again is set) and derives the key. */
static struct vault *
passphrase_vault(const char *prompt, const char *again,
    const unsigned char *salt, char **cause)
{
	char *pass = ask_passphrase(prompt, again, cause);
	struct vault *v;

	if (pass == NULL)
		return NULL;
	v = vault_open_passphrase(pass, salt, cause);
	vault_secret_free(pass);
	return v;
}

/* The key kept in the session keyring, if it opens this database; a kept
   key that does not is forgotten. */
static struct vault *
kept_vault(struct store *st, const struct meta *m)
{
	struct vault *v = NULL;

	if (keycache_get(store_path(st), &v, NULL) != 1)
		return NULL;
	if (vault_verify_check(v, m->check, NULL) == 0)
		return v;
	vault_free(v);
	(void)keycache_drop(store_path(st), NULL);
	return NULL;
}

/* Opens the vault of st from a key file, a kept key (OPEN_KEPT) or a
   passphrase, and checks it against the token (a new database gets one). */
static struct vault *
open_vault(struct store *st, const char *key_file, unsigned flags,
    bool *created, char **cause)
{
	bool kf = key_file != NULL && key_file[0] != '\0';
	struct vault *v = NULL;
	struct meta m;
	enum unlock_mode mode;
	int rc;

	*created = false;
	if (vault_init() == -1) {
		set_cause(cause, "cannot initialise libsodium");
		return NULL;
	}
	if (meta_load(st, &m, cause) == -1)
		return NULL;
	mode = meta_mode(&m);
	if (kf && (flags & OPEN_CREATE) == 0 && access(key_file, F_OK) != 0)
		set_cause(cause, "key file %s: %s", key_file, strerror(errno));
	else if (kf && mode == UNLOCK_KEY_FILE && access(key_file, F_OK) != 0)
		/* A new key cannot open what the lost one sealed: never make one. */
		set_cause(cause, "key file %s: %s; the secrets of %s are sealed "
		    "with it, and a new key cannot open them: restore the file "
		    "from your backup (or pass the right --key-file)", key_file,
		    strerror(errno), store_path(st));
	else if (kf && mode == UNLOCK_PASSPHRASE && access(key_file, F_OK) != 0)
		set_cause(cause, "key file %s: %s; the secrets of %s are sealed "
		    "with a passphrase, not a key file: drop --key-file (and "
		    "OLTUI_KEY_FILE), or move them to a key file with `oltui vault "
		    "rekey`", key_file, strerror(errno), store_path(st));
	else if (kf)
		v = vault_open_keyfile(key_file, created, cause);
	else if (mode == UNLOCK_KEY_FILE)
		set_cause(cause, "the secrets of %s are sealed with a key file: "
		    "pass --key-file FILE (or set OLTUI_KEY_FILE)", store_path(st));
	else if ((flags & OPEN_KEPT) == 0 || mode != UNLOCK_PASSPHRASE ||
	    (v = kept_vault(st, &m)) == NULL)
		v = passphrase_vault("Vault passphrase: ", mode == UNLOCK_NEW ?
		    "Repeat the passphrase: " : NULL, m.salt, cause);
	if (v != NULL) {
		if (mode != UNLOCK_NEW)
			rc = vault_verify_check(v, m.check, cause);
		else if ((rc = store_begin(st, cause)) == 0 &&
		    (rc = meta_store(st, v, kf ? NULL : m.salt, cause)) == 0)
			rc = store_commit(st, cause);
		if (rc == -1 && mode == UNLOCK_NEW)
			store_rollback(st);
		if (rc == -1) {
			vault_free(v);
			v = NULL;
			if (*created)	/* made a moment ago for nothing */
				unlink(key_file);
			*created = false;
		}
	}
	free(m.check);
	return v;
}

/* Returns the vault for st (see unlock.h). */
struct vault *
unlock_vault(struct store *st, const char *key_file, bool *created, char **cause)
{
	return open_vault(st, key_file, OPEN_KEPT | OPEN_CREATE, created, cause);
}

/* Asks the passphrase and keeps the key for seconds. */
int
unlock_session(struct store *st, long seconds, char **cause)
{
	struct unlock_state s;
	struct vault *v;
	bool created;
	int rc;

	if (keycache_check_time(seconds, cause) == -1 ||
	    unlock_state(st, &s, cause) == -1)
		return -1;
	if (s.mode == UNLOCK_KEY_FILE) {
		set_cause(cause, "the secrets of %s are sealed with a key file, "
		    "which opens the vault by itself: there is no passphrase to "
		    "keep (`oltui vault rekey --new-passphrase` moves it to one)",
		    store_path(st));
		return -1;
	}
	if ((v = open_vault(st, NULL, 0, &created, cause)) == NULL)
		return -1;
	rc = keycache_put(store_path(st), v, seconds, cause);
	vault_free(v);
	return rc;
}

/* Forgets the kept key. */
int
unlock_forget(struct store *st, char **cause)
{
	return keycache_drop(store_path(st), cause);
}

/* Fills *out: the mode, whether a kept key opens it, what is sealed. */
int
unlock_state(struct store *st, struct unlock_state *out, char **cause)
{
	struct olt *olts = NULL;
	struct kept_secret *kept = NULL;
	struct vault *v = NULL;
	struct meta m;
	size_t n = 0;

	memset(out, 0, sizeof *out);
	if (meta_load(st, &m, cause) == -1)
		return -1;
	out->mode = meta_mode(&m);
	if (out->mode == UNLOCK_PASSPHRASE &&
	    keycache_get(store_path(st), &v, NULL) == 1)
		out->kept = vault_verify_check(v, m.check, NULL) == 0;
	vault_free(v);
	free(m.check);
	if (store_olt_list(st, &olts, &n, cause) == -1)
		return -1;
	for (size_t i = 0; i < n; i++) {
		int k = 0;

		for (size_t f = 0; f < nitems(sealed_fields); f++)
			k += *((const char *)&olts[i] + sealed_fields[f].off) != '\0';
		out->olts += k > 0;
		out->secrets += k;
	}
	free(olts);
	if (store_secret_list(st, &kept, &n, cause) == -1)
		return -1;
	out->secrets += (int)n;
	free(kept);
	return 0;
}

/* Reseals every value kept by name from old to nv; adds to *count. */
static int
reseal_kept(struct store *st, const struct vault *old, const struct vault *nv,
    int *count, char **cause)
{
	struct kept_secret *kept = NULL;
	char *plain, *sealed, *why = NULL;
	size_t n = 0;
	int rc = 0;

	if (store_secret_list(st, &kept, &n, cause) == -1)
		return -1;
	for (size_t i = 0; i < n && rc == 0; i++) {
		if ((plain = vault_unseal(old, kept[i].sealed, &why)) == NULL) {
			set_cause(cause, "the value kept as %s does not open with the "
			    "current key (%s); forget it (`oltui acs password --clear` for "
			    "the ACS's) or set it again, then rekey", kept[i].name, why);
			free(why);
			rc = -1;
			break;
		}
		sealed = vault_seal(nv, plain);
		vault_secret_free(plain);
		rc = store_secret_reseal(st, kept[i].id, sealed, cause);
		free(sealed);
		if (rc == 0)
			(*count)++;
	}
	free(kept);
	return rc;
}

/* Reseals one field of o from old to nv; 1 resealed, 0 empty, -1. */
static int
reseal_field(struct olt *o, const struct sealed_field *f,
    const struct vault *old, const struct vault *nv, char **cause)
{
	char *field = (char *)o + f->off, *plain, *sealed, *why = NULL;

	if (field[0] == '\0')
		return 0;
	if ((plain = vault_unseal(old, field, &why)) == NULL) {
		set_cause(cause, "the %s of OLT %s does not open with the current "
		    "key (%s); set it again with `oltui olt edit %s %s`, then "
		    "rekey", f->what, o->name, why, o->name, f->flag);
		free(why);
		return -1;
	}
	sealed = vault_seal(nv, plain);
	vault_secret_free(plain);
	if (strlen(sealed) >= f->size) {
		set_cause(cause, "the %s of OLT %s is too long to reseal",
		    f->what, o->name);
		free(sealed);
		return -1;
	}
	strlcpy_(field, sealed, f->size);
	free(sealed);
	return 1;
}

/* In one transaction: every OLT secret from old to nv, then the token and
   the salt (NULL: a key file, no salt).  Adds to r's counts. */
static int
reseal_all(struct store *st, const struct vault *old, const struct vault *nv,
    const unsigned char *salt, struct unlock_rekey *r, char **cause)
{
	struct olt *olts = NULL;
	size_t n = 0;
	int k, rc;

	if (store_begin(st, cause) == -1)
		return -1;
	if ((rc = store_olt_list(st, &olts, &n, cause)) == 0) {
		for (size_t i = 0; i < n && rc == 0; i++) {
			int done = 0;

			for (size_t f = 0; f < nitems(sealed_fields) && rc == 0; f++)
				if ((k = reseal_field(&olts[i], &sealed_fields[f],
				    old, nv, cause)) == -1)
					rc = -1;
				else
					done += k;
			if (rc == 0 && done > 0) {
				rc = store_olt_update(st, &olts[i], cause);
				r->olts++;
				r->secrets += done;
			}
		}
	}
	free(olts);
	if (rc == 0)
		rc = reseal_kept(st, old, nv, &r->secrets, cause);
	if (rc == 0)
		rc = meta_store(st, nv, salt, cause);
	if (rc == 0)
		rc = store_commit(st, cause);
	if (rc == -1) {
		store_rollback(st);
		r->olts = r->secrets = 0;
	}
	return rc;
}

/* Opens the new key: r->new_key_file, or a new passphrase with salt. */
static struct vault *
new_vault(struct unlock_rekey *r, const unsigned char *salt, char **cause)
{
	if (r->new_key_file != NULL)
		return vault_open_keyfile(r->new_key_file, &r->created, cause);
	return passphrase_vault("New vault passphrase: ",
	    "Repeat the new passphrase: ", salt, cause);
}

/* True when a and b name the same existing file. */
static bool
same_file(const char *a, const char *b)
{
	char *ra = realpath(a, NULL), *rb = realpath(b, NULL);
	bool same = ra != NULL && rb != NULL && strcmp(ra, rb) == 0;

	free(ra);
	free(rb);
	return same;
}

/* Reseals every secret of st under a new key, audited. */
int
unlock_rekey(struct store *st, struct unlock_rekey *r, char **cause)
{
	struct audit_start as = { .action = "vault rekey" };
	unsigned char salt[VAULT_SALT_BYTES];
	struct vault *old, *nv = NULL;
	struct unlock_state s;
	bool created;
	char *step;
	int64_t id;
	int rc = -1;

	r->created = r->forgot = false;
	r->olts = r->secrets = 0;
	if (unlock_state(st, &s, cause) == -1)
		return -1;
	if (s.mode == UNLOCK_NEW) {
		set_cause(cause, "nothing is sealed in %s yet: there is no key to "
		    "change (the first command that stores a secret sets the "
		    "vault up)", store_path(st));
		return -1;
	}
	if (r->old_key_file != NULL && r->new_key_file != NULL &&
	    same_file(r->old_key_file, r->new_key_file)) {
		set_cause(cause, "the new key file %s is the current one",
		    r->new_key_file);
		return -1;
	}
	if ((old = open_vault(st, r->old_key_file, 0, &created, cause)) == NULL)
		return -1;
	vault_new_salt(salt);
	if ((nv = new_vault(r, salt, cause)) == NULL)
		goto out;
	if ((id = audit_begin(st, &as, cause)) < 0)
		goto out;
	rc = reseal_all(st, old, nv, r->new_key_file == NULL ? salt : NULL, r,
	    cause);
	if (rc == 0) {
		step = xasprintf("resealed %d sealed values of %d OLTs: from %s "
		    "to %s%s", r->secrets, r->olts, unlock_mode_phrase(s.mode),
		    r->new_key_file != NULL ? "the key file " : "a new passphrase",
		    r->new_key_file != NULL ? r->new_key_file : "");
		(void)audit_step(st, id, step, "", true, NULL);
		free(step);
		r->forgot = keycache_drop(store_path(st), NULL) == 1;
	}
	(void)audit_end(st, id, rc == 0 ? AUDIT_OK : AUDIT_FAILED, rc == 0 ?
	    NULL : (cause != NULL && *cause != NULL ? *cause : "failed"), NULL);
out:
	if (rc == -1 && r->created) {
		unlink(r->new_key_file);
		r->created = false;
	}
	vault_free(nv);
	vault_free(old);
	return rc;
}
