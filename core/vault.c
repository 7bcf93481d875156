/*
 * vault.c — secrets encrypted at rest with libsodium.
 *
 * The key (32 bytes) lives in sodium_malloc'd memory: guard pages, mlock'd
 * when the limit allows, excluded from core dumps (MADV_DONTDUMP), and
 * read-only (sodium_mprotect_readonly) from the moment it is loaded until
 * vault_free() makes it writable again to wipe and release it.
 *
 * Where the key comes from:
 *   - a key file: one line "oltui-key-v1:" + base64 (ORIGINAL variant, with
 *     padding) of 32 random bytes, then "\n".  Created on first use with
 *     open(O_CREAT|O_EXCL, 0600) and an fchmod(0600) so neither a lax nor a
 *     strict umask changes the outcome.  A key file whose mode grants
 *     anything to group or others, that is not a regular file, or whose
 *     content is not exactly that line, is refused with a message saying
 *     what to do.
 *   - a passphrase: crypto_pwhash, Argon2id v1.3, interactive limits, with a
 *     16-byte salt kept by the store (one per database).
 *
 * Sealed form: "v1:" + base64 (URL-safe alphabet, no padding: nothing that
 * needs quoting in SQL, a URL or a shell) of nonce (24 random bytes, fresh
 * per seal) || XChaCha20-Poly1305-IETF ciphertext and tag.  The string "v1"
 * is bound as associated data so a future format cannot be confused with
 * this one.
 *
 * Core dumps: vault_init() sets the soft RLIMIT_CORE to 0 (portable, cheap,
 * process-wide).  prctl(PR_SET_DUMPABLE) is deliberately not used: it also
 * forbids ptrace from the same user, which breaks debuggers and the leak
 * sanitizer.  The key pages are MADV_DONTDUMP through sodium_malloc anyway.
 *
 * Unsealed secrets are plain malloc'd NUL-terminated strings; they contain
 * no NUL before the end (seal uses strlen), so vault_secret_free() wipes
 * strlen+1 bytes with sodium_memzero before free().
 *
 * Threads: vault_init() once from the main thread before any other call;
 * after that seal/unseal/check only read the key and may run in any thread.
 * vault_read_secret() talks to the terminal: UI thread, before curses starts.
 */
#include "core/vault.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include <sodium.h>

#include "lib/util.h"

#define VAULT_KEY_BYTES   crypto_aead_xchacha20poly1305_ietf_KEYBYTES
#define VAULT_NONCE_BYTES crypto_aead_xchacha20poly1305_ietf_NPUBBYTES
#define VAULT_TAG_BYTES   crypto_aead_xchacha20poly1305_ietf_ABYTES
#define VAULT_PREFIX      "v1:"
#define VAULT_AD          "v1"
#define VAULT_B64         sodium_base64_VARIANT_URLSAFE_NO_PADDING
#define KEYFILE_PREFIX    "oltui-key-v1:"
#define KEYFILE_B64       sodium_base64_VARIANT_ORIGINAL
#define CHECK_TOKEN       "oltui vault check token v1"
#define SECRET_MAX        4096	/* longest secret line read_secret accepts */

_Static_assert(VAULT_SALT_BYTES == crypto_pwhash_SALTBYTES,
    "VAULT_SALT_BYTES must match libsodium's pwhash salt size");
_Static_assert(VAULT_KEY_BYTES == 32, "the key file format assumes 32 bytes");
_Static_assert(VAULT_KEY_LEN == VAULT_KEY_BYTES,
    "VAULT_KEY_LEN must match libsodium's AEAD key size");

struct vault {
	unsigned char	*key;	/* VAULT_KEY_BYTES, sodium_malloc'd, read-only */
};

/* Initialises libsodium and disables core dumps; safe to call again. */
int
vault_init(void)
{
	struct rlimit rl;

	if (sodium_init() < 0)
		return -1;
	if (getrlimit(RLIMIT_CORE, &rl) == 0 && rl.rlim_cur != 0) {
		rl.rlim_cur = 0;
		(void)setrlimit(RLIMIT_CORE, &rl);
	}
	return 0;
}

/* Allocates a vault with a writable key area, or NULL with a cause. */
static struct vault *
vault_alloc(char **cause)
{
	struct vault *v;

	if (vault_init() != 0) {
		set_cause(cause, "cannot initialise libsodium");
		return NULL;
	}
	v = xcalloc(1, sizeof *v);
	v->key = sodium_malloc(VAULT_KEY_BYTES);
	if (v->key == NULL) {
		free(v);
		set_cause(cause, "cannot allocate protected memory for the key");
		return NULL;
	}
	return v;
}

/* Makes the key read-only once it is loaded. */
static void
vault_lock(struct vault *v)
{
	(void)sodium_mprotect_readonly(v->key);
}

/* Wipes the key and frees the vault.  NULL is ignored. */
void
vault_free(struct vault *v)
{
	if (v == NULL)
		return;
	if (v->key != NULL) {
		(void)sodium_mprotect_readwrite(v->key);
		sodium_memzero(v->key, VAULT_KEY_BYTES);
		sodium_free(v->key);
	}
	free(v);
}

/* Writes all of len bytes to fd; 0 or -1 with errno. */
static int
write_all(int fd, const void *data, size_t len)
{
	const char *p = data;

	while (len > 0) {
		ssize_t n = write(fd, p, len);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

/* Creates a new key file at path holding a fresh random key (copied to v). */
static int
keyfile_create(struct vault *v, const char *path, char **cause)
{
	char line[sizeof KEYFILE_PREFIX +
	    sodium_base64_ENCODED_LEN(VAULT_KEY_BYTES, KEYFILE_B64) + 1];
	size_t n;
	int fd;

	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW,
	    S_IRUSR | S_IWUSR);
	if (fd < 0)
		return -1;	/* errno tells the caller (EEXIST: lost a race) */
	if (fchmod(fd, S_IRUSR | S_IWUSR) != 0) {
		set_cause(cause, "cannot set mode 0600 on new key file %s: %s",
		    path, strerror(errno));
		goto fail;
	}
	randombytes_buf(v->key, VAULT_KEY_BYTES);
	memcpy(line, KEYFILE_PREFIX, sizeof KEYFILE_PREFIX - 1);
	sodium_bin2base64(line + sizeof KEYFILE_PREFIX - 1,
	    sizeof line - (sizeof KEYFILE_PREFIX - 1), v->key, VAULT_KEY_BYTES,
	    KEYFILE_B64);
	n = strlen(line);
	line[n++] = '\n';
	if (write_all(fd, line, n) != 0 || fsync(fd) != 0) {
		set_cause(cause, "cannot write new key file %s: %s", path,
		    strerror(errno));
		sodium_memzero(line, sizeof line);
		goto fail;
	}
	sodium_memzero(line, sizeof line);
	if (close(fd) != 0) {
		fd = -1;
		set_cause(cause, "cannot write new key file %s: %s", path,
		    strerror(errno));
		goto fail;
	}
	return 0;

fail:
	if (fd >= 0)
		close(fd);
	unlink(path);
	errno = 0;
	return -1;
}

/* Reads and checks an existing key file into v. */
static int
keyfile_load(struct vault *v, const char *path, char **cause)
{
	char data[128];
	size_t len = 0, keylen = 0;
	const char *end = NULL, *b64;
	struct stat st;
	ssize_t n;
	int fd, rc = -1;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		set_cause(cause, "cannot open key file %s: %s", path,
		    strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) != 0) {
		set_cause(cause, "cannot stat key file %s: %s", path,
		    strerror(errno));
		goto out;
	}
	if (!S_ISREG(st.st_mode)) {
		set_cause(cause, "key file %s is not a regular file", path);
		goto out;
	}
	if ((st.st_mode & (S_IRWXG | S_IRWXO)) != 0) {
		set_cause(cause, "key file %s has mode %04o, which lets other "
		    "users read it; refusing it (run: chmod 600 %s)", path,
		    (unsigned)(st.st_mode & 07777), path);
		goto out;
	}
	for (;;) {
		n = read(fd, data + len, sizeof data - 1 - len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			set_cause(cause, "cannot read key file %s: %s", path,
			    strerror(errno));
			goto out;
		}
		if (n == 0 || (len += (size_t)n) == sizeof data - 1)
			break;
	}
	data[len] = '\0';
	if (len > 0 && data[len - 1] == '\n')
		data[--len] = '\0';
	if (len > 0 && data[len - 1] == '\r')
		data[--len] = '\0';
	b64 = data + sizeof KEYFILE_PREFIX - 1;
	if (!str_startswith(data, KEYFILE_PREFIX) ||
	    sodium_base642bin(v->key, VAULT_KEY_BYTES, b64, strlen(b64), NULL,
	    &keylen, &end, KEYFILE_B64) != 0 || *end != '\0' ||
	    keylen != VAULT_KEY_BYTES) {
		set_cause(cause, "%s is not an oltui key file (expected one "
		    "line \"%s\" followed by 32 bytes in base64); point "
		    "--key-file at a new path to create one", path,
		    KEYFILE_PREFIX);
		goto out;
	}
	rc = 0;
out:
	sodium_memzero(data, sizeof data);
	close(fd);
	return rc;
}

/* Opens the vault with the key in path, creating the file when missing. */
struct vault *
vault_open_keyfile(const char *path, bool *created, char **cause)
{
	struct vault *v;
	char *err = NULL;

	if (created != NULL)
		*created = false;
	if (path == NULL || *path == '\0') {
		set_cause(cause, "no key file given");
		return NULL;
	}
	if ((v = vault_alloc(cause)) == NULL)
		return NULL;
	if (keyfile_create(v, path, &err) == 0) {
		if (created != NULL)
			*created = true;
		vault_lock(v);
		return v;
	}
	if (err != NULL || errno != EEXIST) {
		if (err == NULL)
			err = xasprintf("cannot create key file %s: %s", path,
			    strerror(errno));
		set_cause(cause, "%s", err);
		free(err);
		vault_free(v);
		return NULL;
	}
	if (keyfile_load(v, path, cause) != 0) {
		vault_free(v);
		return NULL;
	}
	vault_lock(v);
	return v;
}

/* Derives the key from a passphrase and salt with Argon2id. */
struct vault *
vault_open_passphrase(const char *passphrase,
    const unsigned char salt[VAULT_SALT_BYTES], char **cause)
{
	struct vault *v;

	if (passphrase == NULL || *passphrase == '\0') {
		set_cause(cause, "empty passphrase");
		return NULL;
	}
	if ((v = vault_alloc(cause)) == NULL)
		return NULL;
	if (crypto_pwhash(v->key, VAULT_KEY_BYTES, passphrase,
	    strlen(passphrase), salt, crypto_pwhash_OPSLIMIT_INTERACTIVE,
	    crypto_pwhash_MEMLIMIT_INTERACTIVE,
	    crypto_pwhash_ALG_ARGON2ID13) != 0) {
		set_cause(cause, "cannot derive the key from the passphrase "
		    "(Argon2id needs %zu MiB of memory)",
		    (size_t)crypto_pwhash_MEMLIMIT_INTERACTIVE >> 20);
		vault_free(v);
		return NULL;
	}
	vault_lock(v);
	return v;
}

/* Opens a vault holding a copy of a raw key. */
struct vault *
vault_open_key(const unsigned char *key, char **cause)
{
	struct vault *v;

	if ((v = vault_alloc(cause)) == NULL)
		return NULL;
	memcpy(v->key, key, VAULT_KEY_BYTES);
	vault_lock(v);
	return v;
}

/* The raw key, read-only, for the kernel keyring. */
const unsigned char *
vault_key(const struct vault *v)
{
	return v->key;
}

/* Fills salt with random bytes. */
void
vault_new_salt(unsigned char salt[VAULT_SALT_BYTES])
{
	if (vault_init() != 0)
		abort();	/* no randomness source: nothing is safe */
	randombytes_buf(salt, VAULT_SALT_BYTES);
}

/* Seals a NUL-terminated secret into "v1:" + base64(nonce || ct). */
char *
vault_seal(const struct vault *v, const char *secret)
{
	size_t mlen = strlen(secret), blen, olen;
	unsigned char *bin;
	unsigned long long clen;
	char *out;

	blen = VAULT_NONCE_BYTES + mlen + VAULT_TAG_BYTES;
	bin = xmalloc(blen);
	randombytes_buf(bin, VAULT_NONCE_BYTES);
	crypto_aead_xchacha20poly1305_ietf_encrypt(bin + VAULT_NONCE_BYTES,
	    &clen, (const unsigned char *)secret, mlen,
	    (const unsigned char *)VAULT_AD, strlen(VAULT_AD), NULL, bin,
	    v->key);
	olen = sizeof VAULT_PREFIX - 1 +
	    sodium_base64_ENCODED_LEN(blen, VAULT_B64);
	out = xmalloc(olen);
	memcpy(out, VAULT_PREFIX, sizeof VAULT_PREFIX - 1);
	sodium_bin2base64(out + sizeof VAULT_PREFIX - 1,
	    olen - (sizeof VAULT_PREFIX - 1), bin, blen, VAULT_B64);
	free(bin);
	return out;
}

/* Why an unseal failed. */
enum unseal_err { UNSEAL_OK, UNSEAL_FORMAT, UNSEAL_AUTH };

/* Unseals into *out; on failure sets a cause and says which kind. */
static enum unseal_err
vault_unseal_kind(const struct vault *v, const char *sealed, char **out,
    char **cause)
{
	const char *b64, *end = NULL;
	unsigned char *bin;
	size_t b64len, blen = 0;
	unsigned long long mlen = 0;
	char *plain;

	if (sealed == NULL || !str_startswith(sealed, VAULT_PREFIX)) {
		set_cause(cause, "not a sealed secret (expected \"%s...\")",
		    VAULT_PREFIX);
		return UNSEAL_FORMAT;
	}
	b64 = sealed + sizeof VAULT_PREFIX - 1;
	b64len = strlen(b64);
	bin = xmalloc(b64len + 1);
	if (sodium_base642bin(bin, b64len + 1, b64, b64len, NULL, &blen, &end,
	    VAULT_B64) != 0 || *end != '\0' ||
	    blen < VAULT_NONCE_BYTES + VAULT_TAG_BYTES) {
		free(bin);
		set_cause(cause, "not a sealed secret (damaged encoding)");
		return UNSEAL_FORMAT;
	}
	plain = xmalloc(blen - VAULT_NONCE_BYTES - VAULT_TAG_BYTES + 1);
	if (crypto_aead_xchacha20poly1305_ietf_decrypt((unsigned char *)plain,
	    &mlen, NULL, bin + VAULT_NONCE_BYTES, blen - VAULT_NONCE_BYTES,
	    (const unsigned char *)VAULT_AD, strlen(VAULT_AD), bin,
	    v->key) != 0) {
		free(bin);
		free(plain);
		set_cause(cause, "wrong passphrase or key file (or the sealed "
		    "secret was altered)");
		return UNSEAL_AUTH;
	}
	free(bin);
	plain[mlen] = '\0';
	if (memchr(plain, '\0', mlen) != NULL) {
		sodium_memzero(plain, mlen);
		free(plain);
		set_cause(cause, "not a sealed secret (embedded NUL)");
		return UNSEAL_FORMAT;
	}
	*out = plain;
	return UNSEAL_OK;
}

/* Unseals into a string to release with vault_secret_free(). */
char *
vault_unseal(const struct vault *v, const char *sealed, char **cause)
{
	char *plain = NULL;

	if (vault_unseal_kind(v, sealed, &plain, cause) != UNSEAL_OK)
		return NULL;
	return plain;
}

/* Wipes and frees a secret.  NULL is ignored. */
void
vault_secret_free(char *secret)
{
	if (secret == NULL)
		return;
	sodium_memzero(secret, strlen(secret) + 1);
	free(secret);
}

/* Returns a sealed copy of the check token. */
char *
vault_make_check(const struct vault *v)
{
	return vault_seal(v, CHECK_TOKEN);
}

/* 0 if check was sealed with this vault's key, else -1 and a cause. */
int
vault_verify_check(const struct vault *v, const char *check, char **cause)
{
	char *plain = NULL, *err = NULL;
	enum unseal_err kind;
	int rc;

	kind = vault_unseal_kind(v, check, &plain, &err);
	if (kind != UNSEAL_OK) {
		if (kind == UNSEAL_AUTH)
			set_cause(cause, "wrong passphrase or key file");
		else
			set_cause(cause, "the stored vault check token is "
			    "damaged: %s", err);
		free(err);
		return -1;
	}
	rc = strcmp(plain, CHECK_TOKEN) == 0 ? 0 : -1;
	vault_secret_free(plain);
	if (rc != 0)
		set_cause(cause, "the stored vault check token is not an oltui "
		    "check token");
	return rc;
}

/* Reads the first line of path; refuses an empty one. */
static char *
secret_from_file(const char *path, char **cause)
{
	char buf[SECRET_MAX + 2], *nl, *out;
	struct stat sb;
	size_t len = 0;
	ssize_t n;
	int fd;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		set_cause(cause, "cannot open %s: %s", path, strerror(errno));
		return NULL;
	}
	/* As ssh does for a private key: a secret others can read is said. */
	if (fstat(fd, &sb) == 0 && S_ISREG(sb.st_mode) && (sb.st_mode & 077) != 0)
		fprintf(stderr, "oltui: warning: %s can be read by other users "
		    "(mode %04o): chmod 600 %s\n", path, (unsigned)(sb.st_mode & 07777),
		    path);
	while (len < sizeof buf - 1) {
		n = read(fd, buf + len, sizeof buf - 1 - len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			set_cause(cause, "cannot read %s: %s", path,
			    strerror(errno));
			close(fd);
			sodium_memzero(buf, sizeof buf);
			return NULL;
		}
		if (n == 0)
			break;
		len += (size_t)n;
		if (memchr(buf, '\n', len) != NULL)
			break;
	}
	close(fd);
	buf[len] = '\0';
	nl = memchr(buf, '\n', len);
	/* The C string would end at a NUL: the rest of the line would be lost
	   without a word, and the secret would not be the file's. */
	if (memchr(buf, '\0', nl != NULL ? (size_t)(nl - buf) : len) != NULL) {
		sodium_memzero(buf, sizeof buf);
		set_cause(cause, "%s holds a NUL byte in its first line: a secret is "
		    "text (is it the right file?)", path);
		return NULL;
	}
	if (nl != NULL)
		*nl = '\0';
	else if (len > SECRET_MAX) {
		sodium_memzero(buf, sizeof buf);
		set_cause(cause, "the first line of %s is longer than %d bytes",
		    path, SECRET_MAX);
		return NULL;
	}
	len = strlen(buf);
	while (len > 0 && (buf[len - 1] == '\r' || buf[len - 1] == '\n'))
		buf[--len] = '\0';
	if (len == 0) {
		sodium_memzero(buf, sizeof buf);
		set_cause(cause, "%s is empty: put the secret on its first line",
		    path);
		return NULL;
	}
	out = xstrdup(buf);
	sodium_memzero(buf, sizeof buf);
	return out;
}

/* Reads one line from the terminal fd in raw mode, handling erase/kill/^C. */
static int
tty_read_line(int fd, const struct termios *tio, char *buf, size_t size,
    size_t *lenp)
{
	size_t len = 0;
	unsigned char c;
	ssize_t n;

	for (;;) {
		n = read(fd, &c, 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;	/* hang-up or error */
		if (c == '\n' || c == '\r')
			break;
		if (c == tio->c_cc[VINTR] || c == tio->c_cc[VEOF] ||
		    c == 0x03 || c == 0x04) {
			if (c == tio->c_cc[VEOF] && len > 0)
				break;
			return -2;	/* cancelled */
		}
		if (c == tio->c_cc[VERASE] || c == 0x7f || c == 0x08) {
			if (len > 0)
				len--;
			continue;
		}
		if (c == tio->c_cc[VKILL] || c == 0x15) {
			len = 0;
			continue;
		}
		if (len + 1 < size)
			buf[len++] = (char)c;
	}
	buf[len] = '\0';
	*lenp = len;
	return 0;
}

/* Asks on /dev/tty with echo off; the terminal is restored on every path. */
static char *
secret_from_tty(const char *prompt, char **cause)
{
	struct termios old, raw;
	char buf[SECRET_MAX + 1], *out = NULL;
	size_t len = 0;
	int fd, rc;

	fd = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC);
	if (fd < 0) {
		set_cause(cause, "no terminal to ask the passphrase on: use "
		    "--key-file");
		return NULL;
	}
	if (tcgetattr(fd, &old) != 0) {
		close(fd);
		set_cause(cause, "no terminal to ask the passphrase on: use "
		    "--key-file");
		return NULL;
	}
	raw = old;
	raw.c_lflag &= ~(tcflag_t)(ECHO | ECHOE | ECHOK | ECHONL | ICANON |
	    ISIG | IEXTEN);
	raw.c_iflag &= ~(tcflag_t)(IXON | ICRNL | INLCR);
	raw.c_cc[VMIN] = 1;
	raw.c_cc[VTIME] = 0;
	if (tcsetattr(fd, TCSAFLUSH, &raw) != 0) {
		close(fd);
		set_cause(cause, "cannot turn terminal echo off: %s",
		    strerror(errno));
		return NULL;
	}
	if (prompt != NULL)
		(void)write_all(fd, prompt, strlen(prompt));
	rc = tty_read_line(fd, &old, buf, sizeof buf, &len);
	(void)tcsetattr(fd, TCSAFLUSH, &old);
	(void)write_all(fd, "\n", 1);
	close(fd);
	if (rc == -2)
		set_cause(cause, "passphrase entry cancelled");
	else if (rc != 0)
		set_cause(cause, "the terminal closed while reading the "
		    "passphrase");
	else if (len == 0)
		set_cause(cause, "empty passphrase");
	else
		out = xstrdup(buf);
	sodium_memzero(buf, sizeof buf);
	return out;
}

/* Reads a secret from path (first line) or, path NULL, from the terminal. */
char *
vault_read_secret(const char *path, const char *prompt, char **cause)
{
	if (path != NULL)
		return secret_from_file(path, cause);
	return secret_from_tty(prompt, cause);
}
