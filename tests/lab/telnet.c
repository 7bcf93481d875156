/*
 * telnet.c — the Telnet face of the simulated ZTE OLTs (libtelnet).
 *
 * A connection thread runs telnet_conn_run(): it opens with the option
 * offers a real C300 sends before its banner (zte-cli.md §1.1:
 * IAC WILL ECHO, WILL NAWS, WILL TTYPE, DO TSPEED, DO SGA) plus WILL SGA so
 * clients switch to character mode, lets libtelnet answer the client's
 * replies (RFC 1143), and then pumps bytes: decoded input goes to the
 * persona (which runs the Username:/Password: dialogue itself), the
 * persona's output goes through the fault filter and telnet_send (which
 * doubles IAC bytes).  Enter arrives as CR LF, CR NUL or a lone LF; each
 * becomes one '\n' for the persona.  The persona ticks every ~100 ms.
 *
 * Thread: the connection's own; nothing here is shared.
 */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <libtelnet.h>

#include "tests/lab/lab.h"

/* What we agree to when the client asks: we echo and suppress go-ahead;
   we would like its window size; anything else is refused. */
static const telnet_telopt_t telopts[] = {
	{ TELNET_TELOPT_ECHO,	TELNET_WILL, TELNET_DONT },
	{ TELNET_TELOPT_SGA,	TELNET_WILL, TELNET_DO },
	{ TELNET_TELOPT_NAWS,	TELNET_WONT, TELNET_DO },
	{ TELNET_TELOPT_TTYPE,	TELNET_WONT, TELNET_DONT },
	{ -1, 0, 0 }
};

struct tn_conn {
	struct lab_conn	*c;
	telnet_t	*t;
	struct buf	 wire;		/* encoded bytes to write */
	struct buf	 in;		/* decoded input for the persona */
	bool		 last_cr;
	bool		 error;
};

/* Normalises Enter (CR LF, CR NUL, lone CR or LF -> '\n') into tc->in. */
static void
take_input(struct tn_conn *tc, const char *p, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		char ch = p[i];

		if (tc->last_cr) {
			tc->last_cr = false;
			if (ch == '\n' || ch == '\0')
				continue;
		}
		if (ch == '\r') {
			buf_addc(&tc->in, '\n');
			tc->last_cr = true;
		} else
			buf_addc(&tc->in, ch);
	}
}

/* libtelnet events. */
static void
on_event(telnet_t *t, telnet_event_t *ev, void *ud)
{
	struct tn_conn *tc = ud;

	(void)t;
	switch (ev->type) {
	case TELNET_EV_SEND:
		buf_add(&tc->wire, ev->data.buffer, ev->data.size);
		break;
	case TELNET_EV_DATA:
		take_input(tc, ev->data.buffer, ev->data.size);
		break;
	case TELNET_EV_ERROR:
		tc->error = true;
		break;
	default:
		break;
	}
}

/* Writes the encoded bytes; false when the client is gone. */
static bool
flush_wire(struct tn_conn *tc)
{
	size_t off = 0;

	while (off < tc->wire.len) {
		ssize_t n = write(tc->c->fd, tc->wire.data + off, tc->wire.len - off);

		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0) {
			buf_reset(&tc->wire);
			return false;
		}
		off += (size_t)n;
	}
	buf_reset(&tc->wire);
	return true;
}

/* Sends persona output through the fault filter. */
static bool
send_out(struct tn_conn *tc, struct buf *out)
{
	size_t n;

	if (out->len == 0)
		return true;
	n = conn_filter(tc->c, out->data, out->len);
	if (n > 0)
		telnet_send(tc->t, out->data, n);
	buf_reset(out);
	return flush_wire(tc) && !tc->c->dropped;
}

/* Runs one Telnet connection to its end. */
void
telnet_conn_run(struct lab_conn *c)
{
	struct tn_conn tc = { 0 };
	struct persona_opts po = { 0 };
	struct cli_session *cs = NULL;
	struct buf out = { 0 };
	struct timeval tv = { 5, 0 };
	struct pollfd pfd;
	int64_t last_tick = 0;
	char rbuf[4096];

	tc.c = c;
	setsockopt(c->fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
	if ((tc.t = telnet_init(telopts, on_event, 0, &tc)) == NULL)
		goto out;
	telnet_negotiate(tc.t, TELNET_WILL, TELNET_TELOPT_ECHO);
	telnet_negotiate(tc.t, TELNET_WILL, TELNET_TELOPT_NAWS);
	telnet_negotiate(tc.t, TELNET_WILL, TELNET_TELOPT_TTYPE);
	telnet_negotiate(tc.t, TELNET_DO, TELNET_TELOPT_TSPEED);
	telnet_negotiate(tc.t, TELNET_DO, TELNET_TELOPT_SGA);
	telnet_negotiate(tc.t, TELNET_WILL, TELNET_TELOPT_SGA);
	if (!flush_wire(&tc))
		goto out;

	if (c->persona == NULL) {
		static const char none[] = "oltsim: this build has no persona for this vendor\r\n";

		telnet_send(tc.t, none, sizeof none - 1);
		flush_wire(&tc);
		goto out;
	}
	po.authenticated = false;
	po.echo = true;
	po.peer = c->peer;
	cs = c->persona->open(c->olt, &po, &out);
	if (!send_out(&tc, &out))
		goto out;

	pfd.fd = c->fd;
	pfd.events = POLLIN;
	while (!server_stopping() && !c->persona->done(cs)) {
		int64_t now;
		int r = poll(&pfd, 1, 100);

		if (r == -1 && errno != EINTR)
			break;
		if (r > 0) {
			ssize_t n = read(c->fd, rbuf, sizeof rbuf);

			if (n <= 0)
				break;
			telnet_recv(tc.t, rbuf, (size_t)n);
			if (tc.error || !flush_wire(&tc))
				break;
			if (tc.in.len > 0) {
				c->persona->input(cs, tc.in.data, tc.in.len, &out);
				buf_reset(&tc.in);
				if (!send_out(&tc, &out))
					break;
			}
		}
		now = mono_ms();
		if (now - last_tick >= 100) {
			last_tick = now;
			c->persona->tick(cs, &out);
			if (!send_out(&tc, &out))
				break;
		}
	}
out:
	if (cs != NULL)
		c->persona->close(cs);
	if (tc.t != NULL)
		telnet_free(tc.t);
	buf_free(&out);
	buf_free(&tc.wire);
	buf_free(&tc.in);
	close(c->fd);
}
