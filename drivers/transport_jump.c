/*
 * transport_jump.c — reaching an OLT through an SSH jump host.
 *
 * We connect to the jump host ourselves with libssh (host key checked like
 * any other, key or password auth), open a direct-tcpip channel to the OLT's
 * address, and give the caller one end of a socketpair.  A small thread pumps
 * bytes between the channel and the other end, so the OLT's SSH session
 * (SSH_OPTIONS_FD) or Telnet stream runs over the pair as if over TCP.
 *
 * The pump thread is the only user of the jump session after open.  It stops
 * when the channel closes (it then closes its end, so the caller reads EOF),
 * when the caller's end is closed, or when transport_jump_close() asks.
 *
 * ProxyJump from ~/.ssh/config is read here (Host patterns with fnmatch,
 * first match wins, "none" disables); one hop only.
 */
#include "drivers/transport.h"

#include <ctype.h>
#include <errno.h>
#include <fnmatch.h>
#include <libssh/libssh.h>
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "lib/util.h"

struct transport_jump {
	ssh_session	 s;
	ssh_channel	 ch;
	int		 tcp_fd;	/* socket to the jump host */
	int		 fd;		/* our end of the socketpair */
	pthread_t	 thread;
	atomic_int	 stop;
};

/* Splits "user@host[:port]" (host may be "[v6]"); 0 or -1. */
static int
parse_jump(const char *spec, char **user, char **host, int *port)
{
	const char *at, *h, *colon;
	long v;

	*user = NULL;
	*port = 22;
	at = strrchr(spec, '@');
	if (at != NULL) {
		*user = xstrndup(spec, (size_t)(at - spec));
		h = at + 1;
	} else
		h = spec;
	if (*h == '[') {
		const char *close = strchr(h, ']');
		if (close == NULL)
			goto bad;
		*host = xstrndup(h + 1, (size_t)(close - h - 1));
		colon = close[1] == ':' ? close + 1 : NULL;
	} else {
		colon = strchr(h, ':');
		*host = colon != NULL ? xstrndup(h, (size_t)(colon - h)) : xstrdup(h);
	}
	if (colon != NULL) {
		if (parse_long(colon + 1, 1, 65535, &v) != 0) {
			free(*host);
			goto bad;
		}
		*port = (int)v;
	}
	if (**host == '\0') {
		free(*host);
		goto bad;
	}
	return 0;
bad:
	free(*user);
	*user = NULL;
	return -1;
}

/* Moves bytes both ways until the channel or the pair closes. */
static void *
pump(void *arg)
{
	struct transport_jump *j = arg;
	char buf[16384];
	struct pollfd pfd[2];
	int n;
	ssize_t r;

	pfd[0].fd = j->tcp_fd;
	pfd[0].events = POLLIN;
	pfd[1].fd = j->fd;
	pfd[1].events = POLLIN;
	while (!atomic_load(&j->stop)) {
		/* Channel -> pair: drain whatever libssh has (also what it
		   buffered while we wrote), before sleeping in poll. */
		for (;;) {
			n = ssh_channel_read_nonblocking(j->ch, buf, sizeof buf, 0);
			if (n == SSH_ERROR)
				goto out;
			if (n <= 0)
				break;
			for (int off = 0; off < n; ) {
				r = send(j->fd, buf + off, (size_t)(n - off), MSG_NOSIGNAL);
				if (r <= 0)
					goto out;
				off += (int)r;
			}
		}
		if (ssh_channel_is_eof(j->ch) || !ssh_channel_is_open(j->ch))
			break;
		if (poll(pfd, 2, 50) < 0 && errno != EINTR)
			break;
		/* Pair -> channel. */
		if (pfd[1].revents & (POLLIN | POLLHUP | POLLERR)) {
			r = read(j->fd, buf, sizeof buf);
			if (r <= 0)
				break;
			if (ssh_channel_write(j->ch, buf, (uint32_t)r) != (int)r)
				break;
		}
	}
out:
	shutdown(j->fd, SHUT_RDWR);
	return NULL;
}

/* Opens the jump connection and the channel (see transport.h). */
int
transport_jump_open(const struct transport_params *p, const char *jump,
    const char *dest_host, int dest_port, int *fd, struct transport_jump **out,
    char **cause)
{
	struct transport_jump *j;
	char *user = NULL, *host = NULL, *label;
	int port, rc, sv[2];

	if (strchr(jump, ',') != NULL) {
		set_cause(cause, "jump host \"%s\": only one hop is supported", jump);
		return TRANSPORT_ERR;
	}
	if (parse_jump(jump, &user, &host, &port) != 0) {
		set_cause(cause, "jump host \"%s\" is not user@host[:port]", jump);
		return TRANSPORT_ERR;
	}
	j = xcalloc(1, sizeof *j);
	j->fd = -1;
	label = xasprintf("jump host %s:%d", host, port);
	j->tcp_fd = transport_tcp_connect(label, host, port,
	    p->connect_timeout_ms, cause);
	if (j->tcp_fd < 0) {
		rc = TRANSPORT_ERR;
		goto fail;
	}
	rc = transport_ssh_session(p, label, host, port, user, p->jump_password,
	    p->jump_key_file, p->jump_key_file == NULL, j->tcp_fd, &j->s, NULL,
	    cause);
	if (rc != 0) {
		j->s = NULL;
		goto fail;
	}
	j->ch = ssh_channel_new(j->s);
	if (j->ch == NULL || ssh_channel_open_forward(j->ch, dest_host,
	    dest_port, "127.0.0.1", 0) != SSH_OK) {
		set_cause(cause, "%s refused to open a connection to %s:%d: %s",
		    label, dest_host, dest_port, ssh_get_error(j->s));
		rc = TRANSPORT_ERR;
		goto fail;
	}
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0) {
		set_cause(cause, "socketpair: %s", strerror(errno));
		rc = TRANSPORT_ERR;
		goto fail;
	}
	j->fd = sv[0];
	if (pthread_create(&j->thread, NULL, pump, j) != 0) {
		close(sv[1]);
		set_cause(cause, "cannot start the jump host thread");
		rc = TRANSPORT_ERR;
		goto fail;
	}
	*fd = sv[1];
	*out = j;
	free(label);
	free(user);
	free(host);
	return 0;
fail:
	if (j->ch != NULL)
		ssh_channel_free(j->ch);
	if (j->s != NULL) {
		ssh_disconnect(j->s);
		ssh_free(j->s);
	}
	if (j->tcp_fd >= 0)
		close(j->tcp_fd);
	if (j->fd >= 0)
		close(j->fd);
	free(j);
	free(label);
	free(user);
	free(host);
	return rc;
}

/* Stops the pump and frees the jump (NULL is fine). */
void
transport_jump_close(struct transport_jump *j)
{
	if (j == NULL)
		return;
	atomic_store(&j->stop, 1);
	shutdown(j->fd, SHUT_RDWR);	/* wakes the pump's poll at once */
	pthread_join(j->thread, NULL);
	ssh_channel_close(j->ch);
	ssh_channel_free(j->ch);
	ssh_disconnect(j->s);
	ssh_free(j->s);
	close(j->tcp_fd);
	close(j->fd);
	free(j);
}

/* Reads ProxyJump for host from ~/.ssh/config; NULL if none. */
char *
transport_jump_from_config(const char *host)
{
	const char *home = getenv("HOME");
	char *path, line[1024], *k, *v, *save, *pat;
	bool match = true, neg;
	char *found = NULL;
	FILE *f;

	if (home == NULL)
		return NULL;
	path = xasprintf("%s/.ssh/config", home);
	f = fopen(path, "r");
	free(path);
	if (f == NULL)
		return NULL;
	while (found == NULL && fgets(line, sizeof line, f) != NULL) {
		k = str_trim(line);
		if (*k == '#' || *k == '\0')
			continue;
		v = k;
		while (*v != '\0' && !isspace((unsigned char)*v) && *v != '=')
			v++;
		if (*v != '\0')
			*v++ = '\0';
		while (isspace((unsigned char)*v) || *v == '=')
			v++;
		if (str_casecmp(k, "Host") == 0) {
			match = false;
			neg = false;
			for (pat = strtok_r(v, " \t", &save); pat != NULL;
			    pat = strtok_r(NULL, " \t", &save)) {
				if (*pat == '!') {
					if (fnmatch(pat + 1, host, 0) == 0)
						neg = true;
				} else if (fnmatch(pat, host, 0) == 0)
					match = true;
			}
			if (neg)
				match = false;
		} else if (str_casecmp(k, "Match") == 0)
			match = false;
		else if (match && str_casecmp(k, "ProxyJump") == 0)
			found = xstrdup(v);
	}
	fclose(f);
	if (found != NULL && str_casecmp(found, "none") == 0) {
		free(found);
		found = NULL;
	}
	return found;
}
