/*
 * snmp_agent.c — oltsim's SNMPv2c agent (see snmp_agent.h for behaviour).
 *
 * One thread (started by snmp_agent_start, stopped by snmp_agent_stop)
 * poll()s one UDP socket per OLT plus a wake-up pipe.  Each datagram is
 * decoded (ber.c), checked (v2c, the OLT's community, the snmp_timeout
 * fault), answered from the MIB view (snmp_mib.c) under that OLT's lock, and
 * sent back to its sender.  Anything odd gets no answer, as on a real agent.
 *
 * Request limits: at most SNMP_AGENT_MAX_VB varbinds per request (more get
 * tooBig); responses at most SNMP_AGENT_MAX_MSG bytes (GETBULK is cut at a
 * varbind boundary to fit, as RFC 3416 4.2.3 allows; GET / GETNEXT that do
 * not fit get tooBig with an empty varbind list, RFC 3416 4.2.1).
 */
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <arpa/inet.h>
#include <unistd.h>

#include "lib/util.h"
#include "tests/lab/ber.h"
#include "tests/lab/snmp_agent.h"
#include "tests/lab/snmp_mib.h"

#define SNMP_AGENT_MAX_VB 128	/* varbinds per request */
#define CLOSE_SLACK 8		/* room to widen the 3 outer lengths at the end */

struct agent {
	struct sim_fleet	*fleet;
	int			*fds;		/* one per OLT, same order as fleet->olts */
	int			 nfds;
	int			 wake[2];	/* pipe: a byte means "stop" */
	pthread_t		 thread;
	bool			 running;
};

static struct agent agent = { .wake = { -1, -1 } };

/* Appends one varbind (oid, value or exception tag); false when it did not
   fit, in which case the encoder is rolled back to before it. */
static bool
put_vb(struct ber_enc *e, const struct ber_oid *oid, const struct mib_value *v,
    uint8_t exception)
{
	size_t save = e->len;
	int depth = e->depth;

	ber_open(e, BER_SEQUENCE);
	ber_put_oid(e, oid);
	if (exception)
		ber_put_null(e, exception);
	else
		mib_put_value(e, v);
	ber_close(e);
	if (e->overflow) {
		e->len = save;
		e->depth = depth;
		e->overflow = false;
		return false;
	}
	return true;
}

/* GET / GETNEXT / SET varbinds; false when they did not all fit. */
static bool
answer_simple(struct sim_olt *olt, const struct snmp_request *r, struct ber_enc *e,
    struct mib_value *v)
{
	for (int i = 0; i < r->nvb; i++) {
		struct ber_oid next;
		int ex;
		bool ok;
		if (r->type == BER_PDU_GET) {
			ex = mib_get(olt, &r->oids[i], v);
			ok = put_vb(e, &r->oids[i], v, (uint8_t)ex);
		} else if (r->type == BER_PDU_GETNEXT) {
			ex = mib_next(olt, &r->oids[i], &next, v);
			ok = put_vb(e, ex ? &r->oids[i] : &next, v, (uint8_t)ex);
		} else		/* SET: echo the names with NULL values */
			ok = put_vb(e, &r->oids[i], v, BER_NULL);
		if (!ok)
			return false;
	}
	return true;
}

/* GETBULK: non-repeaters once, then up to max-repetitions rows of the
   repeaters, stopping when every repeater is past the end or the message
   is full.  false when not even the first varbind fitted. */
static bool
answer_bulk(struct sim_olt *olt, const struct snmp_request *r, struct ber_enc *e,
    struct mib_value *v, struct ber_oid *last)
{
	int nonrep = r->non_repeaters < 0 ? 0 : r->non_repeaters;
	int maxrep = r->max_repetitions < 0 ? 0 : r->max_repetitions;
	int count = 0;
	bool ended[SNMP_AGENT_MAX_VB];

	if (nonrep > r->nvb)
		nonrep = r->nvb;
	for (int i = 0; i < nonrep; i++) {
		struct ber_oid next;
		int ex = mib_next(olt, &r->oids[i], &next, v);
		if (!put_vb(e, ex ? &r->oids[i] : &next, v, (uint8_t)ex))
			return count > 0;
		count++;
	}
	int nrep = r->nvb - nonrep;
	for (int j = 0; j < nrep; j++) {
		last[j] = r->oids[nonrep + j];
		ended[j] = false;
	}
	for (int rep = 0; rep < maxrep && nrep > 0; rep++) {
		bool all_end = true;
		for (int j = 0; j < nrep; j++) {
			struct ber_oid next;
			int ex = BER_ENDOFMIBVIEW;
			if (!ended[j])
				ex = mib_next(olt, &last[j], &next, v);
			if (ex) {
				ended[j] = true;
				if (!put_vb(e, &last[j], v, BER_ENDOFMIBVIEW))
					return count > 0;
			} else {
				all_end = false;
				if (!put_vb(e, &next, v, 0))
					return count > 0;
				last[j] = next;
			}
			count++;
		}
		if (all_end)
			break;
	}
	return true;
}

/* Builds a response to one request for olt; 0 = send nothing. */
size_t
snmp_agent_answer(struct sim_olt *olt, const uint8_t *pkt, size_t len, uint8_t *out,
    size_t cap)
{
	struct ber_oid oids[SNMP_AGENT_MAX_VB], last[SNMP_AGENT_MAX_VB];
	struct snmp_request r = { .oids = oids, .max_vb = SNMP_AGENT_MAX_VB };
	struct mib_value v;
	struct ber_enc e;
	size_t limit = cap < SNMP_AGENT_MAX_MSG ? cap : SNMP_AGENT_MAX_MSG;
	bool ok;

	if (limit <= CLOSE_SLACK || snmp_decode_request(pkt, len, &r) < 0 || r.version != 1)
		return 0;
	if (r.type != BER_PDU_GET && r.type != BER_PDU_GETNEXT &&
	    r.type != BER_PDU_GETBULK && r.type != BER_PDU_SET)
		return 0;
	/* The community is the only v2c credential: compare all of it. */
	if (r.community_len != strlen(olt->community) ||
	    memcmp(r.community, olt->community, r.community_len) != 0)
		return 0;

	olt_lock(olt);
	if (olt->fault.snmp_timeout) {
		olt_unlock(olt);
		return 0;
	}
	ber_enc_init(&e, out, limit - CLOSE_SLACK);
	memset(&v, 0, sizeof v);
	if (r.truncated)
		ok = false;
	else if (r.type == BER_PDU_SET) {
		snmp_enc_response_begin(&e, &r, BER_ERR_NOACCESS, r.nvb > 0 ? 1 : 0);
		ok = answer_simple(olt, &r, &e, &v);
	} else {
		snmp_enc_response_begin(&e, &r, BER_ERR_OK, 0);
		if (r.type == BER_PDU_GETBULK)
			ok = answer_bulk(olt, &r, &e, &v, last);
		else
			ok = answer_simple(olt, &r, &e, &v);
	}
	olt_unlock(olt);

	if (!ok || e.overflow) {
		ber_enc_init(&e, out, limit);
		snmp_enc_response_begin(&e, &r, BER_ERR_TOOBIG, 0);
	}
	e.cap = limit;
	snmp_enc_response_end(&e);
	return e.overflow ? 0 : e.len;
}

/* The agent thread: poll every socket, answer each datagram. */
static void *
agent_main(void *arg)
{
	struct agent *a = arg;
	struct pollfd *pf = xcalloc((size_t)a->nfds + 1, sizeof *pf);
	uint8_t *in = xmalloc(65536), *out = xmalloc(SNMP_AGENT_MAX_MSG);

	for (int i = 0; i < a->nfds; i++) {
		pf[i].fd = a->fds[i];
		pf[i].events = POLLIN;
	}
	pf[a->nfds].fd = a->wake[0];
	pf[a->nfds].events = POLLIN;
	for (;;) {
		if (poll(pf, (nfds_t)a->nfds + 1, -1) < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		if (pf[a->nfds].revents)
			break;
		for (int i = 0; i < a->nfds; i++) {
			if (!(pf[i].revents & POLLIN))
				continue;
			/* Drain a bounded batch so one busy OLT cannot starve the others. */
			for (int k = 0; k < 64; k++) {
				struct sockaddr_in from;
				socklen_t fl = sizeof from;
				ssize_t n = recvfrom(a->fds[i], in, 65536, MSG_DONTWAIT,
				    (struct sockaddr *)&from, &fl);
				if (n < 0)
					break;
				size_t rl = snmp_agent_answer(&a->fleet->olts[i], in, (size_t)n,
				    out, SNMP_AGENT_MAX_MSG);
				if (rl > 0)
					(void)sendto(a->fds[i], out, rl, 0, (struct sockaddr *)&from, fl);
			}
		}
	}
	free(pf);
	free(in);
	free(out);
	return NULL;
}

/* Closes whatever snmp_agent_start opened. */
static void
agent_close(void)
{
	for (int i = 0; i < agent.nfds; i++) {
		if (agent.fds[i] >= 0)
			close(agent.fds[i]);
	}
	free(agent.fds);
	agent.fds = NULL;
	agent.nfds = 0;
	for (int i = 0; i < 2; i++) {
		if (agent.wake[i] >= 0)
			close(agent.wake[i]);
		agent.wake[i] = -1;
	}
}

int
snmp_agent_start(struct sim_fleet *f, char **cause)
{
	if (agent.running) {
		set_cause(cause, "the SNMP agent is already running");
		return -1;
	}
	if (mib_selfcheck(cause) < 0)
		return -1;
	agent.fleet = f;
	agent.nfds = f->nolts;
	agent.fds = xcalloc((size_t)f->nolts + 1, sizeof *agent.fds);
	for (int i = 0; i < f->nolts; i++)
		agent.fds[i] = -1;
	for (int i = 0; i < f->nolts; i++) {
		struct sim_olt *olt = &f->olts[i];
		struct sockaddr_in sa = { .sin_family = AF_INET, .sin_port = htons(olt->snmp_port) };
		socklen_t sl = sizeof sa;
		sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
		int fd = socket(AF_INET, SOCK_DGRAM, 0);
		if (fd < 0 || bind(fd, (struct sockaddr *)&sa, sizeof sa) < 0) {
			set_cause(cause, "cannot bind UDP 127.0.0.1:%u for the SNMP agent of %s: %s",
			    (unsigned)olt->snmp_port, olt->name, strerror(errno));
			if (fd >= 0)
				close(fd);
			agent_close();
			return -1;
		}
		agent.fds[i] = fd;
		if (olt->snmp_port == 0 && getsockname(fd, (struct sockaddr *)&sa, &sl) == 0)
			olt->snmp_port = ntohs(sa.sin_port);
	}
	if (pipe(agent.wake) < 0) {
		set_cause(cause, "cannot create the SNMP agent's wake-up pipe: %s", strerror(errno));
		agent.wake[0] = agent.wake[1] = -1;
		agent_close();
		return -1;
	}
	int err = pthread_create(&agent.thread, NULL, agent_main, &agent);
	if (err != 0) {
		set_cause(cause, "cannot start the SNMP agent thread: %s", strerror(err));
		agent_close();
		return -1;
	}
	agent.running = true;
	return 0;
}

void
snmp_agent_stop(void)
{
	if (!agent.running)
		return;
	char c = 'q';
	(void)!write(agent.wake[1], &c, 1);
	pthread_join(agent.thread, NULL);
	agent.running = false;
	agent_close();
}
