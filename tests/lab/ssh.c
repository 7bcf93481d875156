/*
 * ssh.c — the SSH face of the simulated Huawei OLTs (libssh server).
 *
 * Uses libssh's callback server API (ssh_server_callbacks + channel
 * callbacks driven by an ssh_event), not the deprecated message API, so the
 * file builds warning-free with the project's flags.
 *
 * One ssh_bind holds the host key (ed25519, generated at start or loaded
 * from --host-key) and is never listened on: server.c accepts the sockets
 * itself and hands each to ssh_conn_accept() on the accept thread; the
 * connection's own thread then runs ssh_conn_run(): key exchange, password
 * authentication against olt->user/olt->password (the refuse_login fault
 * makes every attempt fail; three failures end the connection), one session
 * channel with pty-req (its height goes to the persona's pager), env,
 * window-change, and shell or exec.
 *
 * shell: the persona runs authenticated with echo on; its ticks come every
 * ~100 ms; what the client typed before the shell started is kept and
 * fed first; when the client sends EOF (`printf … | ssh -tt`) the session
 * ends once the persona has been quiet for 300 ms.  exec: the command is fed to a fresh persona with the pager
 * disabled, its banner is dropped, the answer is sent until the persona has
 * been quiet for 300 ms, then exit status 0 and EOF.  Either way the
 * per-user session limit is checked first: over it the client reads
 * "Reenter times have reached the upper limit." and the connection closes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libssh/libssh.h>
#include <libssh/server.h>
#include <libssh/callbacks.h>

#include "tests/lab/lab.h"

#define AUTH_TRIES	3
#define LOGIN_GRACE_MS	30000
#define EXEC_QUIET_MS	300

static ssh_bind ssh_bind_shared;

struct ssh_conn {
	struct lab_conn		*c;
	ssh_session		 s;
	ssh_channel		 ch;
	struct ssh_channel_callbacks_struct ccb;
	bool			 authed;
	int			 auth_fail;
	bool			 want_shell;
	char			*exec;
	int			 rows;
	bool			 pty;
	bool			 eof;
	struct cli_session	*cs;
	bool			 over;		/* end the connection */
	struct buf		 early;		/* typed before the shell started */
	int64_t			 last_out;	/* mono_ms of the last output */
};

/* Prepares the shared bind with the host key. */
int
ssh_server_init(const char *host_key, char **cause)
{
	ssh_key key = NULL;

	ssh_init();
	ssh_bind_shared = ssh_bind_new();
	if (host_key != NULL) {
		if (access(host_key, R_OK) != 0 ||
		    ssh_bind_options_set(ssh_bind_shared, SSH_BIND_OPTIONS_HOSTKEY, host_key) != SSH_OK) {
			set_cause(cause, "cannot use SSH host key %s", host_key);
			goto fail;
		}
	} else {
		if (ssh_pki_generate(SSH_KEYTYPE_ED25519, 0, &key) != SSH_OK) {
			set_cause(cause, "cannot generate an ed25519 host key");
			goto fail;
		}
		/* The bind owns the key from here. */
		if (ssh_bind_options_set(ssh_bind_shared, SSH_BIND_OPTIONS_IMPORT_KEY, key) != SSH_OK) {
			ssh_key_free(key);
			set_cause(cause, "cannot use the generated host key");
			goto fail;
		}
	}
	return 0;
fail:
	ssh_bind_free(ssh_bind_shared);
	ssh_bind_shared = NULL;
	return -1;
}

/* Frees the shared bind. */
void
ssh_server_free(void)
{
	if (ssh_bind_shared != NULL)
		ssh_bind_free(ssh_bind_shared);
	ssh_bind_shared = NULL;
}

/* Makes a libssh session for an accepted socket (accept thread). */
int
ssh_conn_accept(struct lab_conn *c)
{
	ssh_session s = ssh_new();

	if (s == NULL)
		return -1;
	if (ssh_bind_accept_fd(ssh_bind_shared, s, c->fd) != SSH_OK) {
		fprintf(stderr, "oltsim: %s: SSH accept: %s\n", c->olt->name, ssh_get_error(ssh_bind_shared));
		ssh_free(s);
		return -1;
	}
	c->transport = s;
	return 0;
}

/* Frees the session of a connection that never ran. */
void
ssh_conn_abort(struct lab_conn *c)
{
	if (c->transport != NULL)
		ssh_free(c->transport);
	c->transport = NULL;
}

/* Sends what the persona appended, through the fault filter. */
static void
flush_out(struct ssh_conn *sc, struct buf *out)
{
	size_t n;

	if (out->len == 0)
		return;
	sc->last_out = mono_ms();
	n = conn_filter(sc->c, out->data, out->len);
	if (n > 0 && sc->ch != NULL && ssh_channel_write(sc->ch, out->data, (uint32_t)n) == SSH_ERROR)
		sc->over = true;
	if (sc->c->dropped)
		sc->over = true;
	buf_reset(out);
}

/* Checks a password login. */
static int
on_auth_password(ssh_session s, const char *user, const char *password, void *ud)
{
	struct ssh_conn *sc = ud;
	struct sim_olt *olt = sc->c->olt;
	bool refuse;

	(void)s;
	olt_lock(olt);
	refuse = olt->fault.refuse_login;
	olt_unlock(olt);
	if (!refuse && strcmp(user, olt->user) == 0 && strcmp(password, olt->password) == 0) {
		sc->authed = true;
		return SSH_AUTH_SUCCESS;
	}
	if (++sc->auth_fail >= AUTH_TRIES)
		sc->over = true;
	return SSH_AUTH_DENIED;
}

/* Client data: typed characters go to the persona. */
static int
on_data(ssh_session s, ssh_channel ch, void *data, uint32_t len, int is_stderr, void *ud)
{
	struct ssh_conn *sc = ud;
	struct buf out = { 0 };

	(void)s; (void)ch; (void)is_stderr;
	if (sc->exec != NULL)
		return (int)len;	/* exec ignores stdin */
	if (sc->cs == NULL) {
		if (sc->early.len < 65536)	/* the shell is about to start */
			buf_add(&sc->early, data, len);
		return (int)len;
	}
	sc->c->persona->input(sc->cs, data, len, &out);
	flush_out(sc, &out);
	buf_free(&out);
	return (int)len;
}

/* Client EOF or close: the session ends. */
static void
on_eof(ssh_session s, ssh_channel ch, void *ud)
{
	struct ssh_conn *sc = ud;

	(void)s; (void)ch;
	sc->eof = true;
}

/* pty-req: remember the height for the pager. */
static int
on_pty(ssh_session s, ssh_channel ch, const char *term, int w, int h, int pw, int ph, void *ud)
{
	struct ssh_conn *sc = ud;

	(void)s; (void)ch; (void)term; (void)w; (void)pw; (void)ph;
	sc->pty = true;
	sc->rows = h > 0 ? h : 0;
	return 0;
}

/* window-change: accepted, the persona keeps its pager height. */
static int
on_winch(ssh_session s, ssh_channel ch, int w, int h, int pw, int ph, void *ud)
{
	(void)s; (void)ch; (void)w; (void)h; (void)pw; (void)ph; (void)ud;
	return 0;
}

/* env: accepted and ignored. */
static int
on_env(ssh_session s, ssh_channel ch, const char *name, const char *value, void *ud)
{
	(void)s; (void)ch; (void)name; (void)value; (void)ud;
	return 0;
}

/* shell: start the persona from the main loop. */
static int
on_shell(ssh_session s, ssh_channel ch, void *ud)
{
	struct ssh_conn *sc = ud;

	(void)s; (void)ch;
	if (sc->want_shell || sc->exec != NULL)
		return 1;
	sc->want_shell = true;
	return 0;
}

/* exec: run one command from the main loop. */
static int
on_exec(ssh_session s, ssh_channel ch, const char *command, void *ud)
{
	struct ssh_conn *sc = ud;

	(void)s; (void)ch;
	if (sc->want_shell || sc->exec != NULL || str_has_control(command))
		return 1;
	sc->exec = xstrdup(command);
	return 0;
}

/* A session channel: one per connection. */
static ssh_channel
on_channel_open(ssh_session s, void *ud)
{
	struct ssh_conn *sc = ud;

	if (sc->ch != NULL || !sc->authed)
		return NULL;
	sc->ch = ssh_channel_new(s);
	if (sc->ch == NULL)
		return NULL;
	memset(&sc->ccb, 0, sizeof sc->ccb);
	sc->ccb.userdata = sc;
	sc->ccb.channel_data_function = on_data;
	sc->ccb.channel_eof_function = on_eof;
	sc->ccb.channel_close_function = on_eof;
	sc->ccb.channel_pty_request_function = on_pty;
	sc->ccb.channel_pty_window_change_function = on_winch;
	sc->ccb.channel_env_request_function = on_env;
	sc->ccb.channel_shell_request_function = on_shell;
	sc->ccb.channel_exec_request_function = on_exec;
	ssh_callbacks_init(&sc->ccb);
	ssh_set_channel_callbacks(sc->ch, &sc->ccb);
	return sc->ch;
}

/* Starts the persona for shell or exec; false when the session must end. */
static bool
start_session(struct ssh_conn *sc)
{
	struct persona_opts po = { 0 };
	struct buf out = { 0 };
	static const char limit[] = "Reenter times have reached the upper limit.\r\n";

	if (sc->c->persona == NULL) {
		static const char none[] = "oltsim: this build has no persona for this vendor\r\n";

		ssh_channel_write(sc->ch, none, sizeof none - 1);
		return false;
	}
	if (!conn_session_room(sc->c->olt)) {
		ssh_channel_write(sc->ch, limit, sizeof limit - 1);
		return false;
	}
	po.authenticated = true;
	po.echo = sc->exec == NULL;
	po.rows = sc->exec != NULL ? 0x7fff : sc->rows;
	po.peer = sc->c->peer;
	sc->cs = sc->c->persona->open(sc->c->olt, &po, &out);
	if (sc->exec != NULL) {
		buf_reset(&out);	/* exec: no banner, no first prompt */
		sc->c->persona->input(sc->cs, sc->exec, strlen(sc->exec), &out);
		sc->c->persona->input(sc->cs, "\n", 1, &out);
	} else if (sc->early.len > 0) {
		sc->c->persona->input(sc->cs, sc->early.data, sc->early.len, &out);
	}
	buf_free(&sc->early);
	flush_out(sc, &out);
	buf_free(&out);
	return !sc->over;
}

/* Runs one SSH connection to its end. */
void
ssh_conn_run(struct lab_conn *c)
{
	struct ssh_server_callbacks_struct scb;
	struct ssh_conn sc = { 0 };
	ssh_event ev = NULL;
	int64_t start = mono_ms(), last_tick = 0;
	struct buf out = { 0 };

	sc.c = c;
	sc.s = c->transport;
	memset(&scb, 0, sizeof scb);
	scb.userdata = &sc;
	scb.auth_password_function = on_auth_password;
	scb.channel_open_request_session_function = on_channel_open;
	ssh_callbacks_init(&scb);
	ssh_set_server_callbacks(sc.s, &scb);
	ssh_set_blocking(sc.s, 1);
	{
		long timeout = 15;

		ssh_options_set(sc.s, SSH_OPTIONS_TIMEOUT, &timeout);
	}
	if (ssh_handle_key_exchange(sc.s) != SSH_OK)
		goto out;
	ssh_set_auth_methods(sc.s, SSH_AUTH_METHOD_PASSWORD);
	ev = ssh_event_new();
	ssh_event_add_session(ev, sc.s);

	sc.last_out = mono_ms();
	while (!sc.over && !server_stopping()) {
		int rc = ssh_event_dopoll(ev, 100);
		int64_t now = mono_ms();

		if (rc == SSH_ERROR)
			break;
		if (sc.cs == NULL) {
			if (sc.want_shell || sc.exec != NULL) {
				sc.last_out = now;
				if (!start_session(&sc))
					break;
			} else if (now - start > LOGIN_GRACE_MS || sc.eof) {
				break;
			}
			continue;
		}
		if (now - last_tick >= 100) {
			last_tick = now;
			c->persona->tick(sc.cs, &out);
			flush_out(&sc, &out);
		}
		if (c->persona->done(sc.cs))
			break;
		/* exec, or a shell whose client sent EOF: end once the
		   persona has been quiet for a moment. */
		if ((sc.exec != NULL || sc.eof) && now - sc.last_out >= EXEC_QUIET_MS) {
			ssh_channel_request_send_exit_status(sc.ch, 0);
			break;
		}
	}
	if (sc.ch != NULL && ssh_channel_is_open(sc.ch)) {
		int64_t until = mono_ms() + 1000;

		/* Say goodbye properly, then give the client up to a second to
		   hang up itself, so it sees the exit status and a clean end. */
		ssh_channel_send_eof(sc.ch);
		ssh_channel_close(sc.ch);
		while (mono_ms() < until && ssh_is_connected(sc.s) &&
		    ssh_event_dopoll(ev, 100) != SSH_ERROR)
			;
	}
out:
	if (sc.cs != NULL)
		c->persona->close(sc.cs);
	buf_free(&out);
	buf_free(&sc.early);
	free(sc.exec);
	if (ev != NULL) {
		ssh_event_remove_session(ev, sc.s);
		ssh_event_free(ev);
	}
	ssh_disconnect(sc.s);
	ssh_free(sc.s);		/* closes c->fd */
	c->transport = NULL;
}
