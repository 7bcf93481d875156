/*
 * transport_telnet.c — the Telnet transport (libtelnet over TCP, or over a
 * direct-tcpip channel of an SSH jump host).
 *
 * Option negotiation is answered the way ZTE OLTs need it (platform-notes
 * R4, automation-quirks 1.2): DO ECHO and DO SGA (the device echoes; without
 * the answer a ZTE never echoes), WILL NAWS with a 500x50 window sent as a
 * subnegotiation when the device asks DO NAWS (fewer wrapped lines), and a
 * refusal for everything else (libtelnet answers options missing from the
 * table with DONT/WONT).  IAC bytes in our data are escaped by telnet_send.
 *
 * The login dialogue ("Username:", ">>User name:") is not done here: the
 * CLI engine does it from the vendor table (t->inband_login is set).
 * One thread at a time per transport.
 *
 * Writes never wait forever: a device that takes nothing for
 * write_timeout_ms (a hostile one that floods option requests and never
 * reads our answers fills the socket) breaks the link, so no worker hangs
 * on a send the command timeout cannot interrupt.
 */
#include <stddef.h>
#include <libtelnet.h>

#include "drivers/transport.h"

#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "lib/util.h"

struct telnet_priv {
	telnet_t		*tn;
	int			 fd;
	struct buf		 in;	/* decoded payload not yet returned */
	int			 cols, rows;
	int			 write_timeout_ms;
	int			 failed; /* a write failed or libtelnet errored */
	const char		*why;	/* how it failed, for the cause; NULL = lost */
	struct transport_jump	*jump;
};

static const telnet_telopt_t telopts[] = {
	{ TELNET_TELOPT_ECHO,	TELNET_WONT, TELNET_DO },
	{ TELNET_TELOPT_SGA,	TELNET_WILL, TELNET_DO },
	{ TELNET_TELOPT_NAWS,	TELNET_WILL, TELNET_DONT },
	{ -1, 0, 0 }
};

/* Writes raw bytes to the socket, all of them, waiting at most the write
   timeout for the device to take them. */
static void
send_all(struct telnet_priv *tp, const char *p, size_t len)
{
	int64_t deadline = mono_ms() + tp->write_timeout_ms;
	struct pollfd pfd;
	ssize_t n;
	int left;

	while (len > 0 && !tp->failed) {
		/* A dropped link is an error, not SIGPIPE. */
		n = send(tp->fd, p, len, MSG_NOSIGNAL | MSG_DONTWAIT);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
			pfd.fd = tp->fd;
			pfd.events = POLLOUT;
			left = (int)(deadline - mono_ms());
			if (left <= 0) {
				tp->failed = 1;
				tp->why = "stalled: the device took nothing oltui sent";
				return;
			}
			poll(&pfd, 1, left);
			continue;
		}
		if (n <= 0) {
			tp->failed = 1;
			return;
		}
		p += n;
		len -= (size_t)n;
	}
}

/* libtelnet events: payload to the buffer, wire bytes to the socket. */
static void
on_event(telnet_t *tn, telnet_event_t *ev, void *arg)
{
	struct telnet_priv *tp = arg;
	unsigned char naws[4];

	switch (ev->type) {
	case TELNET_EV_DATA:
		buf_add(&tp->in, ev->data.buffer, ev->data.size);
		break;
	case TELNET_EV_SEND:
		send_all(tp, ev->data.buffer, ev->data.size);
		break;
	case TELNET_EV_DO:
		if (ev->neg.telopt == TELNET_TELOPT_NAWS) {
			naws[0] = (unsigned char)(tp->cols >> 8);
			naws[1] = (unsigned char)(tp->cols & 0xff);
			naws[2] = (unsigned char)(tp->rows >> 8);
			naws[3] = (unsigned char)(tp->rows & 0xff);
			telnet_begin_sb(tn, TELNET_TELOPT_NAWS);
			telnet_send(tn, (const char *)naws, sizeof naws);
			telnet_finish_sb(tn);
		}
		break;
	case TELNET_EV_ERROR:
		tp->failed = 1;
		break;
	default:
		break;
	}
}

/* Sends payload bytes (IAC escaped). */
static int
tn_write(struct transport *t, const void *buf, size_t len, char **cause)
{
	struct telnet_priv *tp = t->priv;

	telnet_send(tp->tn, buf, len);
	if (tp->failed) {
		transport_closed_cause(t, tp->why != NULL ? tp->why : "lost while writing",
		    cause);
		return -1;
	}
	return 0;
}

/* Returns decoded payload, reading the socket until some arrives. */
static ssize_t
tn_read(struct transport *t, void *buf, size_t cap, int timeout_ms,
    char **cause)
{
	struct telnet_priv *tp = t->priv;
	int64_t deadline = mono_ms() + timeout_ms;
	char raw[8192];
	struct pollfd pfd;
	ssize_t n;
	int left, rc;

	while (tp->in.len == 0) {
		if (tp->failed) {
			transport_closed_cause(t, tp->why != NULL ? tp->why : "lost", cause);
			return -1;
		}
		left = (int)(deadline - mono_ms());
		if (left < 0)
			left = 0;
		pfd.fd = tp->fd;
		pfd.events = POLLIN;
		rc = poll(&pfd, 1, left);
		if (rc < 0 && errno == EINTR)
			continue;
		if (rc == 0)
			return 0;
		n = read(tp->fd, raw, sizeof raw);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			transport_closed_cause(t, NULL, cause);
			return -1;
		}
		telnet_recv(tp->tn, raw, (size_t)n);
	}
	n = (ssize_t)(tp->in.len < cap ? tp->in.len : cap);
	memcpy(buf, tp->in.data, (size_t)n);
	buf_consume(&tp->in, (size_t)n);
	return n;
}

/* Closes the socket, the jump and frees everything. */
static void
tn_close(struct transport *t)
{
	struct telnet_priv *tp = t->priv;

	if (tp->tn != NULL)
		telnet_free(tp->tn);
	if (tp->fd >= 0)
		close(tp->fd);
	transport_jump_close(tp->jump);
	buf_free(&tp->in);
	free(tp);
	free(t->label);
	free(t);
}

static const struct transport_ops telnet_ops = {
	.kind = "telnet",
	.write = tn_write,
	.read = tn_read,
	.close = tn_close,
};

/* A Telnet transport over fd (see transport.h). */
struct transport *
transport_telnet_fd(int fd, const struct transport_params *p)
{
	struct telnet_priv *tp = xcalloc(1, sizeof *tp);
	struct transport *t;

	tp->fd = fd;
	tp->cols = p->cols > 0 ? p->cols : 500;
	tp->rows = p->rows > 0 ? p->rows : 50;
	tp->write_timeout_ms = p->write_timeout_ms > 0 ? p->write_timeout_ms : 30000;
	t = transport_new(&telnet_ops, tp, p->name, p->host, p->port > 0 ? p->port : 23);
	t->eol = "\r\n";
	t->inband_login = true;
	tp->tn = telnet_init(telopts, on_event, 0, tp);
	return t;
}

/* Opens the Telnet transport (see transport.h). */
int
transport_telnet_open(const struct transport_params *p, struct transport **out,
    char **cause)
{
	struct transport *t = transport_telnet_fd(-1, p);
	struct telnet_priv *tp = t->priv;
	char *jump = NULL;
	int port = p->port > 0 ? p->port : 23;

	if (p->jump != NULL)
		jump = xstrdup(p->jump);
	else if (!p->no_ssh_config)
		jump = transport_jump_from_config(p->host);
	if (jump != NULL) {
		int rc = transport_jump_open(p, jump, p->host, port, &tp->fd,
		    &tp->jump, cause);
		free(jump);
		if (rc != 0) {
			tn_close(t);
			return rc;
		}
	} else {
		tp->fd = transport_tcp_connect(t->label, p->host, port,
		    p->connect_timeout_ms, cause);
		if (tp->fd < 0) {
			tn_close(t);
			return TRANSPORT_ERR;
		}
	}
	*out = t;
	return 0;
}
