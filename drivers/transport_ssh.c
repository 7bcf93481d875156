/*
 * transport_ssh.c — the SSH transport (libssh client): a pty + shell
 * channel whose bytes the CLI engine reads and writes.
 *
 * Opening: TCP connect with a deadline (or a socketpair end from the jump
 * host, transport_jump.c), SSH_OPTIONS_FD, NODELAY (platform-notes R3: a
 * login + command goes from 230 ms to 12 ms), host key checked against an
 * OpenSSH known_hosts file, then public key and/or password auth, then a
 * "vt100" pty of 200x50 and a shell.  ~/.ssh/config is not processed by
 * libssh (SSH_OPTIONS_PROCESS_CONFIG off): libssh 0.10 would turn a
 * ProxyJump into a ProxyCommand running /usr/bin/ssh; we read ProxyJump
 * ourselves and open the jump in-process.
 *
 * Host keys: unknown -> TRANSPORT_HOSTKEY_NEW with the SHA256 fingerprint
 * (as OpenSSH prints it) unless accept_new_host_key, which appends the key;
 * changed -> TRANSPORT_HOSTKEY_CHANGED, refused loudly.
 *
 * No SSH-protocol keepalives are sent: SmartAX SSH servers misbehave with
 * them (oxidized's ssh_no_keepalive); the session pool sends an in-band
 * Enter instead.  One thread at a time per transport.
 */
#include "drivers/transport.h"

#include <errno.h>
#include <libssh/libssh.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lib/util.h"

struct ssh_priv {
	ssh_session		 s;
	ssh_channel		 ch;
	int			 fd;	/* our socket, closed after ssh_free */
	struct transport_jump	*jump;	/* NULL when direct */
};

/* Returns the default known_hosts path (caller frees). */
static char *
default_known_hosts(void)
{
	const char *home = getenv("HOME");

	return xasprintf("%s/.ssh/known_hosts", home != NULL ? home : ".");
}

/* Creates the directory holding path (mode 0700) if it is missing. */
static void
ensure_parent_dir(const char *path)
{
	char *dir = xstrdup(path), *slash;

	slash = strrchr(dir, '/');
	if (slash != NULL && slash != dir) {
		*slash = '\0';
		mkdir(dir, 0700);
	}
	free(dir);
}

/* Returns the server key's "SHA256:..." fingerprint, or NULL. */
static char *
server_fingerprint(ssh_session s)
{
	ssh_key key = NULL;
	unsigned char *hash = NULL;
	size_t hlen = 0;
	char *fp, *out;

	if (ssh_get_server_publickey(s, &key) != SSH_OK)
		return NULL;
	if (ssh_get_publickey_hash(key, SSH_PUBLICKEY_HASH_SHA256, &hash,
	    &hlen) != 0) {
		ssh_key_free(key);
		return NULL;
	}
	fp = ssh_get_fingerprint_hash(SSH_PUBLICKEY_HASH_SHA256, hash, hlen);
	out = fp != NULL ? xstrdup(fp) : NULL;
	ssh_string_free_char(fp);
	ssh_clean_pubkey_hash(&hash);
	ssh_key_free(key);
	return out;
}

/* Checks the server's host key; 0 or a TRANSPORT_* result. */
static int
check_host_key(ssh_session s, const struct transport_params *p,
    const char *host, int port, const char *kh, char **fingerprint,
    char **cause)
{
	enum ssh_known_hosts_e st;
	char *fp;

	st = ssh_session_is_known_server(s);
	if (st == SSH_KNOWN_HOSTS_OK)
		return 0;
	fp = server_fingerprint(s);
	if (fp == NULL)
		fp = xstrdup("(no fingerprint)");
	if (st == SSH_KNOWN_HOSTS_CHANGED || st == SSH_KNOWN_HOSTS_OTHER) {
		set_cause(cause, "HOST KEY FOR %s:%d HAS CHANGED (%s%s): someone "
		    "may be intercepting the connection, or the device was "
		    "replaced; refusing to connect. If the change is expected, "
		    "remove the old entry for %s from %s", host, port,
		    st == SSH_KNOWN_HOSTS_OTHER ? "a key of another type, " : "",
		    fp, host, kh);
		goto refuse_changed;
	}
	if (st == SSH_KNOWN_HOSTS_ERROR) {
		set_cause(cause, "cannot check the host key of %s:%d against "
		    "%s: %s", host, port, kh, ssh_get_error(s));
		free(fp);
		return TRANSPORT_ERR;
	}
	/* SSH_KNOWN_HOSTS_UNKNOWN or _NOT_FOUND: first contact. */
	if (!p->accept_new_host_key) {
		set_cause(cause, "the host key of %s:%d is not known yet "
		    "(fingerprint %s); check it with the device's administrator "
		    "and accept it (--accept-new-host-key, or the console's "
		    "prompt)", host, port, fp);
		if (fingerprint != NULL)
			*fingerprint = fp;
		else
			free(fp);
		return TRANSPORT_HOSTKEY_NEW;
	}
	ensure_parent_dir(kh);
	if (ssh_session_update_known_hosts(s) != SSH_OK) {
		set_cause(cause, "cannot add the host key of %s:%d to %s: %s",
		    host, port, kh, ssh_get_error(s));
		free(fp);
		return TRANSPORT_ERR;
	}
	free(fp);
	return 0;

refuse_changed:
	if (fingerprint != NULL)
		*fingerprint = fp;
	else
		free(fp);
	return TRANSPORT_HOSTKEY_CHANGED;
}

/* Tries public key auth with the key in path; 1 accepted, 0 not. */
static int
auth_key_file(ssh_session s, const char *path, struct buf *tried)
{
	ssh_key key = NULL;
	int rc;

	if (access(path, R_OK) != 0)
		return 0;
	buf_addf(tried, "%skey %s", tried->len ? ", " : "", path);
	if (ssh_pki_import_privkey_file(path, NULL, NULL, NULL, &key) != SSH_OK)
		return 0;
	rc = ssh_userauth_publickey(s, NULL, key);
	ssh_key_free(key);
	return rc == SSH_AUTH_SUCCESS;
}

/* Tries keyboard-interactive, answering every question with password. */
static int
auth_kbdint(ssh_session s, const char *password)
{
	int rc, i, n;

	rc = ssh_userauth_kbdint(s, NULL, NULL);
	while (rc == SSH_AUTH_INFO) {
		n = ssh_userauth_kbdint_getnprompts(s);
		for (i = 0; i < n; i++)
			ssh_userauth_kbdint_setanswer(s, (unsigned)i, password);
		rc = ssh_userauth_kbdint(s, NULL, NULL);
	}
	return rc == SSH_AUTH_SUCCESS;
}

/* Authenticates; 0 or -1 with *cause. */
static int
authenticate(ssh_session s, const char *label, const char *user,
    const char *password, const char *key_file, bool default_keys,
    char **cause)
{
	static const char *const defaults[] = { "id_ed25519", "id_ecdsa", "id_rsa" };
	struct buf tried = { 0 };
	const char *home = getenv("HOME");
	char *path;
	size_t i;
	int ok = 0, methods;

	ssh_userauth_none(s, NULL);
	methods = ssh_userauth_list(s, NULL);
	if (key_file != NULL) {
		ok = auth_key_file(s, key_file, &tried);
		if (!ok && access(key_file, R_OK) != 0)
			buf_addf(&tried, "%skey %s (unreadable: %s)",
			    tried.len ? ", " : "", key_file, strerror(errno));
	} else if (default_keys && home != NULL) {
		for (i = 0; i < nitems(defaults) && !ok; i++) {
			path = xasprintf("%s/.ssh/%s", home, defaults[i]);
			ok = auth_key_file(s, path, &tried);
			free(path);
		}
	}
	if (!ok && password != NULL) {
		buf_addf(&tried, "%spassword", tried.len ? ", " : "");
		if (methods == 0 || (methods & SSH_AUTH_METHOD_PASSWORD))
			ok = ssh_userauth_password(s, NULL, password) ==
			    SSH_AUTH_SUCCESS;
		if (!ok && (methods & SSH_AUTH_METHOD_INTERACTIVE))
			ok = auth_kbdint(s, password);
	}
	if (!ok) {
		set_cause(cause, "SSH login to %s as %s refused (tried: %s)",
		    label, user != NULL ? user : "(default user)",
		    tried.len ? buf_str(&tried) : "nothing: no key and no password given");
		buf_free(&tried);
		return -1;
	}
	buf_free(&tried);
	return 0;
}

/* Opens, verifies and authenticates an SSH session (see transport.h). */
int
transport_ssh_session(const struct transport_params *p, const char *label,
    const char *host, int port, const char *user, const char *password,
    const char *key_file, bool default_keys, int fd,
    struct ssh_session_struct **out, char **fingerprint, char **cause)
{
	ssh_session s;
	char *kh;
	int one = 1, zero = 0, rc;
	long tmo;

	if ((s = ssh_new()) == NULL) {
		set_cause(cause, "SSH connection to %s failed: out of memory", label);
		return TRANSPORT_ERR;
	}
	kh = p->known_hosts != NULL ? xstrdup(p->known_hosts) : default_known_hosts();
	tmo = (p->connect_timeout_ms > 0 ? p->connect_timeout_ms : 10000) / 1000;
	if (tmo < 1)
		tmo = 1;
	ssh_options_set(s, SSH_OPTIONS_PROCESS_CONFIG, &zero);
	ssh_options_set(s, SSH_OPTIONS_HOST, host);
	ssh_options_set(s, SSH_OPTIONS_PORT, &port);
	if (user != NULL)
		ssh_options_set(s, SSH_OPTIONS_USER, user);
	ssh_options_set(s, SSH_OPTIONS_NODELAY, &one);
	ssh_options_set(s, SSH_OPTIONS_TIMEOUT, &tmo);
	ssh_options_set(s, SSH_OPTIONS_KNOWNHOSTS, kh);
	ssh_options_set(s, SSH_OPTIONS_GLOBAL_KNOWNHOSTS, "/dev/null");
	ssh_options_set(s, SSH_OPTIONS_FD, &fd);
	if (ssh_connect(s) != SSH_OK) {
		set_cause(cause, "SSH connection to %s failed: %s", label,
		    ssh_get_error(s));
		/* No disconnect message: libssh 0.10 would encrypt it with a
		   key exchange that never finished (a crash when that
		   failed on memory). */
		ssh_free(s);
		free(kh);
		return TRANSPORT_ERR;
	}
	rc = check_host_key(s, p, host, port, kh, fingerprint, cause);
	if (rc != 0)
		goto fail;
	if (authenticate(s, label, user, password, key_file, default_keys,
	    cause) != 0) {
		rc = TRANSPORT_AUTH;
		goto fail;
	}
	free(kh);
	*out = s;
	return 0;
fail:
	ssh_disconnect(s);
	ssh_free(s);
	free(kh);
	return rc;
}

/* Writes all bytes to the channel. */
static int
ssh_t_write(struct transport *t, const void *buf, size_t len, char **cause)
{
	struct ssh_priv *sp = t->priv;
	const char *p = buf;
	int n;

	while (len > 0) {
		n = ssh_channel_write(sp->ch, p, (uint32_t)len);
		if (n == SSH_ERROR || n <= 0) {
			transport_closed_cause(t, "lost while writing", cause);
			return -1;
		}
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

/* Reads what the channel has within timeout_ms. */
static ssize_t
ssh_t_read(struct transport *t, void *buf, size_t cap, int timeout_ms,
    char **cause)
{
	struct ssh_priv *sp = t->priv;
	int n;

	if (ssh_channel_is_eof(sp->ch) || !ssh_channel_is_open(sp->ch)) {
		n = ssh_channel_read_nonblocking(sp->ch, buf, (uint32_t)cap, 0);
		if (n > 0)
			return n;
		transport_closed_cause(t, NULL, cause);
		return -1;
	}
	n = ssh_channel_read_timeout(sp->ch, buf, (uint32_t)cap, 0,
	    timeout_ms > 0 ? timeout_ms : 1);
	if (n == SSH_ERROR) {
		transport_closed_cause(t, "lost", cause);
		return -1;
	}
	if (n == 0 && (ssh_channel_is_eof(sp->ch) || !ssh_channel_is_open(sp->ch))) {
		transport_closed_cause(t, NULL, cause);
		return -1;
	}
	return n;
}

/* Closes the channel, the session, the socket and the jump. */
static void
ssh_t_close(struct transport *t)
{
	struct ssh_priv *sp = t->priv;

	if (sp->ch != NULL) {
		ssh_channel_close(sp->ch);
		ssh_channel_free(sp->ch);
	}
	if (sp->s != NULL) {
		ssh_disconnect(sp->s);
		ssh_free(sp->s);
	}
	if (sp->fd >= 0)
		close(sp->fd);
	transport_jump_close(sp->jump);
	free(sp);
	free(t->label);
	free(t);
}

static const struct transport_ops ssh_ops = {
	.kind = "ssh",
	.write = ssh_t_write,
	.read = ssh_t_read,
	.close = ssh_t_close,
};

/* Opens the SSH transport (see transport.h). */
int
transport_ssh_open(const struct transport_params *p, struct transport **out,
    char **fingerprint, char **cause)
{
	struct ssh_priv *sp;
	struct transport *t;
	char *jump = NULL;
	int port = p->port > 0 ? p->port : 22, rc;
	int cols = p->cols > 0 ? p->cols : 200, rows = p->rows > 0 ? p->rows : 50;

	sp = xcalloc(1, sizeof *sp);
	sp->fd = -1;
	t = transport_new(&ssh_ops, sp, p->name, p->host, port);
	if (p->jump != NULL)
		jump = xstrdup(p->jump);
	else if (!p->no_ssh_config)
		jump = transport_jump_from_config(p->host);
	if (jump != NULL) {
		rc = transport_jump_open(p, jump, p->host, port, &sp->fd,
		    &sp->jump, cause);
		free(jump);
		if (rc != 0)
			goto fail;
	} else {
		sp->fd = transport_tcp_connect(t->label, p->host, port,
		    p->connect_timeout_ms, cause);
		if (sp->fd < 0) {
			rc = TRANSPORT_ERR;
			goto fail;
		}
	}
	rc = transport_ssh_session(p, t->label, p->host, port, p->user,
	    p->password, p->key_file, false, sp->fd, &sp->s, fingerprint, cause);
	if (rc != 0)
		goto fail;
	sp->ch = ssh_channel_new(sp->s);
	if (sp->ch == NULL || ssh_channel_open_session(sp->ch) != SSH_OK ||
	    ssh_channel_request_pty_size(sp->ch, "vt100", cols, rows) != SSH_OK ||
	    ssh_channel_request_shell(sp->ch) != SSH_OK) {
		set_cause(cause, "SSH to %s: the device refused a shell: %s",
		    t->label, ssh_get_error(sp->s));
		rc = TRANSPORT_ERR;
		goto fail;
	}
	*out = t;
	return 0;
fail:
	ssh_t_close(t);
	return rc;
}
