/*
 * transport.c — what every transport shares: the vtable wrappers that count
 * bytes, labels and "closed after N bytes" messages, TCP connect with a
 * deadline, and the dispatcher transport_open().
 *
 * Called from worker threads and from headless verbs; no global state.
 */
#include "drivers/transport.h"

#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "lib/util.h"

/* Opens a transport of the given kind. */
int
transport_open(enum transport_kind kind, const struct transport_params *p,
    struct transport **out, char **fingerprint, char **cause)
{
	if (kind == TRANSPORT_SSH)
		return transport_ssh_open(p, out, fingerprint, cause);
	return transport_telnet_open(p, out, cause);
}

/* Writes through the vtable and counts the bytes. */
int
transport_write(struct transport *t, const void *buf, size_t len, char **cause)
{
	if (t->ops->write(t, buf, len, cause) != 0)
		return -1;
	t->bytes_out += len;
	return 0;
}

/* Reads through the vtable and counts the bytes. */
ssize_t
transport_read(struct transport *t, void *buf, size_t cap, int timeout_ms,
    char **cause)
{
	ssize_t n;

	n = t->ops->read(t, buf, cap, timeout_ms, cause);
	if (n > 0)
		t->bytes_in += (size_t)n;
	return n;
}

/* Closes and frees t (NULL is fine). */
void
transport_close(struct transport *t)
{
	if (t != NULL)
		t->ops->close(t);
}

/* Allocates a transport; the label names the OLT and its address. */
struct transport *
transport_new(const struct transport_ops *ops, void *priv, const char *name,
    const char *host, int port)
{
	struct transport *t;

	t = xcalloc(1, sizeof *t);
	t->ops = ops;
	t->priv = priv;
	t->eol = "\n";
	if (name != NULL && host != NULL && strcmp(name, host) != 0)
		t->label = xasprintf("%s (%s:%d)", name, host, port);
	else
		t->label = xasprintf("%s:%d", host != NULL ? host : "?", port);
	return t;
}

/* Formats n with thousands separators ("1,204"). */
static void
fmt_count(size_t n, char out[32])
{
	char tmp[32];
	size_t len, i, o = 0;

	snprintf(tmp, sizeof tmp, "%zu", n);
	len = strlen(tmp);
	for (i = 0; i < len; i++) {
		if (i > 0 && (len - i) % 3 == 0)
			out[o++] = ',';
		out[o++] = tmp[i];
	}
	out[o] = '\0';
}

/* Builds the "connection closed" message. */
void
transport_closed_cause(const struct transport *t, const char *how, char **cause)
{
	char n[32];

	fmt_count(t->bytes_in, n);
	set_cause(cause, "connection to %s %s after %s bytes", t->label,
	    how != NULL ? how : "closed by the device", n);
}

/* Connects with a deadline (non-blocking connect + poll), TCP_NODELAY on. */
int
transport_tcp_connect(const char *label, const char *host, int port,
    int timeout_ms, char **cause)
{
	struct addrinfo hints, *res, *ai;
	char portstr[16];
	int fd = -1, rc, err = 0, one = 1;
	int64_t deadline;

	if (timeout_ms <= 0)
		timeout_ms = 10000;
	memset(&hints, 0, sizeof hints);
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	snprintf(portstr, sizeof portstr, "%d", port);
	rc = getaddrinfo(host, portstr, &hints, &res);
	if (rc != 0) {
		set_cause(cause, "cannot resolve %s for %s: %s", host, label,
		    gai_strerror(rc));
		return -1;
	}
	deadline = mono_ms() + timeout_ms;
	for (ai = res; ai != NULL; ai = ai->ai_next) {
		struct pollfd pfd;
		socklen_t sl = sizeof err;
		int left;

		fd = socket(ai->ai_family, ai->ai_socktype, ai->ai_protocol);
		if (fd == -1) {
			err = errno;
			continue;
		}
		fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
		fcntl(fd, F_SETFD, FD_CLOEXEC);
		if (connect(fd, ai->ai_addr, ai->ai_addrlen) == 0)
			goto connected;
		if (errno != EINPROGRESS) {
			err = errno;
			goto next;
		}
		left = (int)(deadline - mono_ms());
		if (left < 0)
			left = 0;
		pfd.fd = fd;
		pfd.events = POLLOUT;
		rc = poll(&pfd, 1, left);
		if (rc == 0) {
			err = ETIMEDOUT;
			goto next;
		}
		if (rc < 0 || getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &sl) != 0) {
			err = errno;
			goto next;
		}
		if (err == 0)
			goto connected;
next:
		close(fd);
		fd = -1;
	}
	freeaddrinfo(res);
	if (err == ETIMEDOUT)
		set_cause(cause, "cannot connect to %s: no answer within %d ms",
		    label, timeout_ms);
	else
		set_cause(cause, "cannot connect to %s: %s", label, strerror(err));
	return -1;

connected:
	freeaddrinfo(res);
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
	return fd;
}
