/*
 * server.c — the CLI listeners and the connection threads of oltsim.
 *
 * Each OLT has one TCP listener on 127.0.0.1 (Huawei: SSH, ZTE: Telnet).
 * One accept thread polls all of them; every accepted connection gets
 * TCP_NODELAY (without it every round trip stalls ~40 ms on delayed ACKs)
 * and its own thread, which runs ssh_conn_run() or telnet_conn_run() until
 * the client leaves, the persona is done or the server stops.  Finished
 * threads are joined by the accept thread; server_stop() joins the rest.
 * At most MAX_CONNS connections live at once; more are closed at once.
 *
 * The server-side faults live here too (conn_filter): garble and
 * drop_after act on the bytes a connection sends, whatever the transport.
 *
 * Threads: server_start/server_stop on main; the accept thread; one thread
 * per connection.  The connection list is guarded by conns_lock.
 */
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <arpa/inet.h>
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "tests/lab/lab.h"

struct conn_thread {
	pthread_t		 th;
	struct lab_conn		*c;
	atomic_bool		 done;
	struct conn_thread	*next;
};

static struct sim_fleet		*srv_fleet;
static int			*srv_fds;	/* listener per OLT, index as f->olts */
static int			 srv_wake[2] = { -1, -1 };
static pthread_t		 srv_thread;
static bool			 srv_running;
static atomic_bool		 srv_stop;
static pthread_mutex_t		 conns_lock = PTHREAD_MUTEX_INITIALIZER;
static struct conn_thread	*conns;
static int			 nconns;	/* threads in conns */

#define MAX_CONNS 2048	/* beyond this a new connection is closed at once */

/* True once server_stop() began. */
bool
server_stopping(void)
{
	return atomic_load(&srv_stop);
}

/* Opens a TCP listener on 127.0.0.1:port (0 = any); returns the fd and
   stores the bound port, or -1 with *cause. */
static int
listen_tcp(uint16_t port, uint16_t *bound, char **cause)
{
	struct sockaddr_in sa;
	socklen_t len = sizeof sa;
	int fd, one = 1;

	if ((fd = socket(AF_INET, SOCK_STREAM, 0)) == -1) {
		set_cause(cause, "socket: %s", strerror(errno));
		return -1;
	}
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
	memset(&sa, 0, sizeof sa);
	sa.sin_family = AF_INET;
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	sa.sin_port = htons(port);
	if (bind(fd, (struct sockaddr *)&sa, sizeof sa) == -1 || listen(fd, 64) == -1) {
		set_cause(cause, "cannot listen on 127.0.0.1:%u/tcp: %s", port, strerror(errno));
		close(fd);
		return -1;
	}
	getsockname(fd, (struct sockaddr *)&sa, &len);
	*bound = ntohs(sa.sin_port);
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
	fcntl(fd, F_SETFD, FD_CLOEXEC);
	return fd;
}

/* Binds a UDP socket on 127.0.0.1 to any free port; returns the fd (kept
   open until every OLT has its port, so no two get the same one) and
   stores the port, or -1. */
static int
hold_udp_port(uint16_t *port)
{
	struct sockaddr_in sa;
	socklen_t len = sizeof sa;
	int fd;

	if ((fd = socket(AF_INET, SOCK_DGRAM, 0)) == -1)
		return -1;
	memset(&sa, 0, sizeof sa);
	sa.sin_family = AF_INET;
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (bind(fd, (struct sockaddr *)&sa, sizeof sa) != 0 ||
	    getsockname(fd, (struct sockaddr *)&sa, &len) != 0) {
		close(fd);
		return -1;
	}
	*port = ntohs(sa.sin_port);
	return fd;
}

/* True when olt has room for one more CLI session.  The persona counts
   the session itself in open() and gives it back in close() (huawei.c does
   so for SSH logins too), so this only looks. */
bool
conn_session_room(struct sim_olt *olt)
{
	bool ok;

	olt_lock(olt);
	ok = olt->max_sessions <= 0 || olt->sessions < olt->max_sessions;
	olt_unlock(olt);
	return ok;
}

/* Applies garble and drop_after to the bytes about to be sent. */
size_t
conn_filter(struct lab_conn *c, char *out, size_t len)
{
	long drop;
	bool garble;
	size_t i;

	olt_lock(c->olt);
	drop = c->olt->fault.drop_after;
	garble = c->olt->fault.garble;
	if (c->olt->fault.once_drop && len > 0) {
		/* A step fault: the command ran, its answer never leaves. */
		c->olt->fault.once_drop = false;
		c->dropped = true;
		olt_unlock(c->olt);
		return 0;
	}
	if (c->olt->fault.once_garble && len > 0) {
		c->olt->fault.once_garble = false;
		garble = true;
	}
	olt_unlock(c->olt);

	if (drop > 0 && c->sent + (long)len >= drop) {
		len = c->sent < drop ? (size_t)(drop - c->sent) : 0;
		c->dropped = true;
	}
	if (garble) {
		/* Every 16th printable byte gets bit 2 flipped (or becomes
		   '?' when that would leave the printable range). */
		for (i = 0; i < len; i++) {
			unsigned char ch = (unsigned char)out[i], x;

			if (ch < 0x21 || ch > 0x7e)
				continue;
			if (++c->garble_n % 16 != 0)
				continue;
			x = ch ^ 0x04;
			out[i] = (x >= 0x21 && x <= 0x7e) ? (char)x : '?';
		}
	}
	c->sent += (long)len;
	return len;
}

/* Body of a connection thread. */
static void *
conn_main(void *arg)
{
	struct conn_thread *ct = arg;
	struct lab_conn *c = ct->c;

	if (c->olt->vendor == SIM_HUAWEI)
		ssh_conn_run(c);
	else
		telnet_conn_run(c);
	free(c);
	ct->c = NULL;
	atomic_store(&ct->done, true);
	return NULL;
}

/* Joins finished connection threads (all of them when all is set). */
static void
reap_conns(bool all)
{
	struct conn_thread **pp, *ct;

	for (;;) {
		pthread_mutex_lock(&conns_lock);
		for (pp = &conns; (ct = *pp) != NULL; pp = &ct->next)
			if (all || atomic_load(&ct->done))
				break;
		if (ct != NULL) {
			*pp = ct->next;
			nconns--;
		}
		pthread_mutex_unlock(&conns_lock);
		if (ct == NULL)
			return;
		pthread_join(ct->th, NULL);
		free(ct);
	}
}

/* Accepts one connection on OLT i's listener and starts its thread. */
static void
accept_one(int i)
{
	struct sim_olt *olt = &srv_fleet->olts[i];
	struct sockaddr_in sa;
	socklen_t len = sizeof sa;
	struct conn_thread *ct;
	struct lab_conn *c;
	pthread_attr_t attr;
	int fd, one = 1;
	char addr[INET_ADDRSTRLEN];

	if ((fd = accept(srv_fds[i], (struct sockaddr *)&sa, &len)) == -1)
		return;
	pthread_mutex_lock(&conns_lock);
	if (nconns >= MAX_CONNS) {
		pthread_mutex_unlock(&conns_lock);
		fprintf(stderr, "oltsim: %s: %d connections open, refusing another\n", olt->name, MAX_CONNS);
		close(fd);
		return;
	}
	pthread_mutex_unlock(&conns_lock);
	fcntl(fd, F_SETFD, FD_CLOEXEC);
	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);

	c = xcalloc(1, sizeof *c);
	c->fd = fd;
	c->olt = olt;
	c->persona = persona_for(olt->vendor);
	inet_ntop(AF_INET, &sa.sin_addr, addr, sizeof addr);
	snprintf(c->peer, sizeof c->peer, "%s", addr);
	if (olt->vendor == SIM_HUAWEI && ssh_conn_accept(c) != 0) {
		close(fd);
		free(c);
		return;
	}

	ct = xcalloc(1, sizeof *ct);
	ct->c = c;
	atomic_init(&ct->done, false);
	pthread_attr_init(&attr);
	pthread_attr_setstacksize(&attr, 1024 * 1024);
	pthread_mutex_lock(&conns_lock);
	if (pthread_create(&ct->th, &attr, conn_main, ct) != 0) {
		pthread_mutex_unlock(&conns_lock);
		pthread_attr_destroy(&attr);
		fprintf(stderr, "oltsim: cannot start a connection thread\n");
		if (olt->vendor == SIM_HUAWEI)
			ssh_conn_abort(c);
		close(fd);
		free(c);
		free(ct);
		return;
	}
	ct->next = conns;
	conns = ct;
	nconns++;
	pthread_mutex_unlock(&conns_lock);
	pthread_attr_destroy(&attr);
}

/* The accept thread: polls every listener and the wake pipe. */
static void *
accept_main(void *arg)
{
	struct pollfd *pfd;
	int n = srv_fleet->nolts, i;

	(void)arg;
	pfd = xcalloc((size_t)n + 1, sizeof *pfd);
	for (i = 0; i < n; i++) {
		pfd[i].fd = srv_fds[i];
		pfd[i].events = POLLIN;
	}
	pfd[n].fd = srv_wake[0];
	pfd[n].events = POLLIN;
	while (!atomic_load(&srv_stop)) {
		if (poll(pfd, (nfds_t)n + 1, 500) > 0) {
			for (i = 0; i < n; i++)
				if (pfd[i].revents & POLLIN)
					accept_one(i);
		}
		reap_conns(false);
	}
	free(pfd);
	return NULL;
}

/* Opens the listeners, picks free ports where asked, starts accepting. */
int
server_start(struct sim_fleet *f, const struct lab_opts *o, char **cause)
{
	int i, *udp;

	if (ssh_server_init(o->host_key, cause) != 0)
		return -1;
	srv_fleet = f;
	srv_fds = xcalloc((size_t)f->nolts, sizeof *srv_fds);
	udp = xcalloc((size_t)f->nolts, sizeof *udp);
	for (i = 0; i < f->nolts; i++)
		srv_fds[i] = udp[i] = -1;
	for (i = 0; i < f->nolts; i++) {
		struct sim_olt *olt = &f->olts[i];

		srv_fds[i] = listen_tcp(olt->cli_port, &olt->cli_port, cause);
		if (srv_fds[i] == -1)
			goto fail;
		if (olt->snmp_port == 0 && (udp[i] = hold_udp_port(&olt->snmp_port)) == -1) {
			set_cause(cause, "no free UDP port on 127.0.0.1 for %s", olt->name);
			goto fail;
		}
	}
	/* The SNMP agent binds the UDP ports next. */
	for (i = 0; i < f->nolts; i++)
		if (udp[i] != -1)
			close(udp[i]);
	free(udp);
	udp = NULL;
	if (pipe(srv_wake) == -1) {
		set_cause(cause, "pipe: %s", strerror(errno));
		goto fail;
	}
	atomic_store(&srv_stop, false);
	if (pthread_create(&srv_thread, NULL, accept_main, NULL) != 0) {
		set_cause(cause, "cannot start the accept thread");
		goto fail;
	}
	srv_running = true;
	return 0;

fail:
	for (i = 0; i < f->nolts; i++) {
		if (srv_fds[i] != -1)
			close(srv_fds[i]);
		if (udp != NULL && udp[i] != -1)
			close(udp[i]);
	}
	free(udp);
	free(srv_fds);
	srv_fds = NULL;
	if (srv_wake[0] != -1) {
		close(srv_wake[0]);
		close(srv_wake[1]);
		srv_wake[0] = srv_wake[1] = -1;
	}
	ssh_server_free();
	return -1;
}

/* Stops accepting, ends the connections and joins every thread. */
void
server_stop(void)
{
	int i;

	if (!srv_running)
		return;
	atomic_store(&srv_stop, true);
	if (write(srv_wake[1], "x", 1) == -1) {
		/* the poll timeout wakes the thread anyway */
	}
	pthread_join(srv_thread, NULL);
	reap_conns(true);
	for (i = 0; i < srv_fleet->nolts; i++)
		close(srv_fds[i]);
	free(srv_fds);
	srv_fds = NULL;
	close(srv_wake[0]);
	close(srv_wake[1]);
	srv_wake[0] = srv_wake[1] = -1;
	ssh_server_free();
	srv_running = false;
}
