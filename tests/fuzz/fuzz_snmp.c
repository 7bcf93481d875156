/*
 * fuzz_snmp.c — SNMP value and index decoding: net-snmp's answer turned
 * into values (drivers/snmp.c), the GETBULK walk of several columns, and
 * the drivers' SNMP profiles (port index codecs, serials, run states,
 * levels) through the sweep, the live read and the health read
 * (drivers/snmp_map.c), against an agent that answers whatever the input
 * says.
 *
 * The agent is a thread on a UDP socket of 127.0.0.1 that decodes each
 * request with the lab's BER codec (tests/lab/ber.h) and builds its
 * answer from the input: per varbind asked, a next OID (the one asked
 * with a fuzzed index appended, the one asked moved on, another one, an
 * exception) and a value of any SNMP type; sometimes an error status.
 * When the input runs out every column ends (endOfMibView).
 *
 * Input: byte 0 picks the driver (one with an SNMP profile), byte 1 the
 * client (max-repetitions, request budget, identity sweep), bytes 2-5 an
 * index for the pure codecs; the rest is the agent's script.
 *
 * Invariants: an index that does not encode back to itself names no ONT
 * (no two indexes name one port); a serial read is canonical or empty; every row a sweep returns has a
 * port and ONT id inside the driver's limits, is there once, sorted, with
 * a canonical serial or none, a clean description, a known run state and
 * finite levels; health texts are clean; a failure says why.
 */
#include <math.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "drivers/driver.h"
#include "drivers/snmp.h"
#include "drivers/snmp_map.h"
#include "drivers/validate.h"
#include "lib/sn.h"
#include "lib/util.h"
#include "tests/fuzz/harness.h"
#include "tests/lab/ber.h"

#define MAX_VB 128

static int agent_port;
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static struct fz script;	/* under mu: what the agent says */
static int drops;		/* under mu: requests left unanswered this run */

/* Appends one fuzzed value. */
static void
put_value(struct ber_enc *e, struct fz *f)
{
	unsigned t = fz_byte(f);
	uint64_t v = 0;
	uint8_t bytes[255];
	unsigned n;

	for (int i = 0; i < 4; i++)
		v = v << 8 | fz_byte(f);
	switch (t % 10) {
	case 0:
		ber_put_int(e, BER_INTEGER, (int32_t)v);
		break;
	case 1:
		ber_put_int(e, BER_INTEGER, (int64_t)(v & 0xffff) - 1000);
		break;
	case 2:
		ber_put_uint(e, BER_COUNTER32, v);
		break;
	case 3:
		ber_put_uint(e, BER_GAUGE32, v);
		break;
	case 4:
		ber_put_uint(e, BER_TIMETICKS, v);
		break;
	case 5:
		ber_put_uint(e, BER_COUNTER64, v << 32 | fz_byte(f));
		break;
	case 6: {
		struct ber_oid o = { .n = 0 };

		n = 1 + v % 12;
		for (unsigned i = 0; i < n; i++)
			o.id[o.n++] = fz_byte(f);
		ber_put_oid(e, &o);
		break;
	}
	case 7:
		ber_put_bytes(e, BER_IPADDR, &v, 4);
		break;
	case 8:
		ber_put_null(e, BER_NULL);
		break;
	default:
		n = (unsigned)(v & 0xff);
		for (unsigned i = 0; i < n; i++)
			bytes[i] = (uint8_t)fz_byte(f);
		ber_put_bytes(e, BER_OCTETS, bytes, n);
		break;
	}
}

/* Appends the varbind answering asked; false when the script ended. */
static bool
put_vb(struct ber_enc *e, const struct ber_oid *asked, struct fz *f)
{
	struct ber_oid o = *asked;
	unsigned how;
	uint8_t ex = 0;

	if (f->n == 0) {
		ex = BER_ENDOFMIBVIEW;
	} else {
		how = fz_byte(f);
		switch (how % 8) {
		case 0: case 1: case 2:
			/* The next row: an index appended (port index, ONT
			   id, maybe one more sub-id). */
			if (o.n + 3 <= BER_OID_MAX) {
				uint32_t idx = 0;

				for (int i = 0; i < 4; i++)
					idx = idx << 8 | fz_byte(f);
				o.id[o.n++] = idx;
				idx = fz_byte(f);
				if (how & 32)	/* an ONT id of 32 bits */
					for (int i = 0; i < 3; i++)
						idx = idx << 8 | fz_byte(f);
				o.id[o.n++] = idx;
				if (how & 8)
					o.id[o.n++] = fz_byte(f) % 4;
			}
			break;
		case 3:
			/* The same table moved on at its last sub-id. */
			if (o.n > 0)
				o.id[o.n - 1] += fz_byte(f);
			break;
		case 4:
			/* Elsewhere: another tree, or back. */
			o.n = 1 + fz_byte(f) % 16;
			for (uint32_t i = 0; i < o.n; i++)
				o.id[i] = i < asked->n && (how & 16) ? asked->id[i] : fz_byte(f);
			break;
		case 5:
			ex = BER_NOSUCHINSTANCE;
			break;
		case 6:
			ex = BER_ENDOFMIBVIEW;
			break;
		default:
			ex = BER_NOSUCHOBJECT;
			break;
		}
	}
	ber_open(e, BER_SEQUENCE);
	ber_put_oid(e, &o);
	if (ex != 0)
		ber_put_null(e, ex);
	else
		put_value(e, f);
	ber_close(e);
	return f->n > 0;
}

/* Builds the answer to one request; 0 = none. */
static size_t
answer(const uint8_t *pkt, size_t len, uint8_t *out, size_t cap)
{
	struct ber_oid oids[MAX_VB];
	struct snmp_request r = { .oids = oids, .max_vb = MAX_VB };
	struct ber_enc e;
	unsigned lead, reps;
	int status = BER_ERR_OK;

	if (snmp_decode_request(pkt, len, &r) != 0)
		return 0;
	pthread_mutex_lock(&mu);
	lead = fz_byte(&script);
	if (lead == 0xff && drops > 0) {
		drops--;
		pthread_mutex_unlock(&mu);
		return 0;	/* a lost datagram: the client times out */
	}
	if (lead == 0xfe)
		status = BER_ERR_TOOBIG;
	else if (lead == 0xfd)
		status = BER_ERR_GENERR;
	ber_enc_init(&e, out, cap);
	snmp_enc_response_begin(&e, &r, status, status != 0 ? 1 : 0);
	if (status == BER_ERR_OK) {
		if (r.type == BER_PDU_GETBULK) {
			reps = r.max_repetitions > 0 ? (unsigned)r.max_repetitions : 0;
			if (lead & 1)
				reps = lead % (reps + 1);
			for (unsigned k = 0; k < reps; k++)
				for (int i = 0; i < r.nvb; i++)
					put_vb(&e, &r.oids[i], &script);
		} else {
			for (int i = 0; i < r.nvb; i++)
				put_vb(&e, &r.oids[i], &script);
		}
	}
	pthread_mutex_unlock(&mu);
	snmp_enc_response_end(&e);
	return e.overflow ? 0 : e.len;
}

/* The agent's thread: answers every datagram on *arg (the socket). */
static void *
agent(void *arg)
{
	static uint8_t pkt[65536], out[65000];
	int agent_fd = *(int *)arg;

	for (;;) {
		struct sockaddr_in from;
		socklen_t fl = sizeof from;
		ssize_t n = recvfrom(agent_fd, pkt, sizeof pkt, 0, (struct sockaddr *)&from, &fl);
		size_t m;

		if (n <= 0)
			continue;
		if ((m = answer(pkt, (size_t)n, out, sizeof out)) > 0)
			sendto(agent_fd, out, m, 0, (struct sockaddr *)&from, fl);
	}
	return NULL;
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	agent_port = fz_server(SOCK_DGRAM, agent);
	return 0;
}

/* The pure codecs of profile p on one index and the bytes after it. */
static void
codecs(const struct olt_driver *d, const struct snmp_profile *p, uint32_t idx,
    const uint8_t *b, size_t n)
{
	const struct gpon_limits *l = d->limits;
	struct snmp_oid col, o;
	char sn[13];
	int f, s, pt, ont;

	if (p->port_decode(idx, &f, &s, &pt) == 0 && p->port_index(f, s, pt) != idx &&
	    snmp_oid_parse(p->columns[SNMP_COL_STATUS], &col) == 0) {
		/* Two indexes for one port: the sweep must not take this one. */
		uint32_t tail[2] = { idx, (uint32_t)l->ont_id_min };

		o = col;
		snmp_oid_append(&o, tail, 2);
		if (snmpmap_ont_index(p, &col, &o, &f, &s, &pt, &ont) == 0)
			fz_fail("index 0x%08x is taken, and encodes back as 0x%08x", idx,
			    p->port_index(f, s, pt));
	}
	memset(sn, 'x', sizeof sn);
	p->serial(b, n > 20 ? 20 : n, sn);
	if (memchr(sn, '\0', sizeof sn) == NULL)
		fz_fail("a serial read from SNMP is not terminated");
	if (sn[0] != '\0' && !sn_is_canonical(sn))
		fz_fail("a serial read from SNMP is \"%s\"", sn);
	if ((int)p->status((int64_t)(int32_t)idx, (int)(idx >> 24)) < 0 ||
	    p->status((int64_t)(int32_t)idx, (int)(idx >> 24)) >= ONT_STATUS_COUNT)
		fz_fail("run state %d of raw %u", p->status((int64_t)(int32_t)idx, 0), idx);
	if (isinf(p->rx((int32_t)idx)) || isinf(p->olt_rx((int32_t)idx)))
		fz_fail("an infinite level from %d", (int32_t)idx);
}

/* Checks the rows of a sweep. */
static void
check_rows(const struct olt_driver *d, const struct snmp_ont_row *rows, size_t n)
{
	const struct gpon_limits *l = d->limits;

	for (size_t i = 0; i < n; i++) {
		const struct snmp_ont_row *r = &rows[i];

		if (r->frame < l->frame_min || r->frame > l->frame_max ||
		    r->slot < l->slot_min || r->slot > l->slot_max ||
		    r->port < l->pon_min || r->port > l->pon_max ||
		    r->ont_id < l->ont_id_min || r->ont_id > l->ont_id_max)
			fz_fail("a row at %d/%d/%d ONT %d, outside the driver's limits",
			    r->frame, r->slot, r->port, r->ont_id);
		if (i > 0) {
			const struct snmp_ont_row *q = &rows[i - 1];
			int c = q->frame != r->frame ? q->frame - r->frame :
			    q->slot != r->slot ? q->slot - r->slot :
			    q->port != r->port ? q->port - r->port : q->ont_id - r->ont_id;

			if (c >= 0)
				fz_fail("rows not sorted or twice: %d/%d/%d %d", r->frame,
				    r->slot, r->port, r->ont_id);
		}
		if (memchr(r->sn, '\0', sizeof r->sn) == NULL ||
		    (r->sn[0] != '\0' && !sn_is_canonical(r->sn)))
			fz_fail("a row's serial is \"%.13s\"", r->sn);
		if (memchr(r->desc, '\0', sizeof r->desc) == NULL)
			fz_fail("a row's description is not terminated");
		fz_clean("a row's description", r->desc, false);
		if ((int)r->status < 0 || r->status >= ONT_STATUS_COUNT)
			fz_fail("a row's run state %d", r->status);
		if (isinf(r->rx_dbm) || isinf(r->olt_rx_dbm))
			fz_fail("a row's level is infinite");
		if (r->distance_m < -1 || r->distance_m >= 100000)
			fz_fail("a row's distance %d", r->distance_m);
	}
}

static void
check_health(const struct snmp_health *h)
{
	if (memchr(h->descr, '\0', sizeof h->descr) == NULL ||
	    memchr(h->name, '\0', sizeof h->name) == NULL)
		fz_fail("a health text is not terminated");
	fz_clean("the OLT's description", h->descr, false);
	fz_clean("the OLT's name", h->name, false);
	if (h->nboards < 0 || h->nboards > SNMPMAP_MAX_BOARDS)
		fz_fail("%d boards", h->nboards);
	for (int i = 0; i < h->nboards; i++) {
		fz_clean("a board's name", h->boards[i].name, false);
		if (isinf(h->boards[i].temp_c))
			fz_fail("an infinite temperature");
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fz in = { data, size };
	const struct olt_driver *d;
	const struct snmp_profile *p;
	struct snmp_target t = { .host = "127.0.0.1", .community = "public",
	    .timeout_ms = 25, .retries = 0 };
	struct snmp_client *c;
	struct snmp_ont_row *rows = NULL, live;
	struct snmp_health h;
	size_t nrows = 0;
	unsigned how;
	uint32_t idx = 0;
	char *cause = NULL;
	int rc;

	if (size < 6 || driver_count() == 0)
		return 0;
	d = driver_at(fz_byte(&in) % driver_count());
	how = fz_byte(&in);
	for (int i = 0; i < 4; i++)
		idx = idx << 8 | fz_byte(&in);
	if ((p = d->snmp) == NULL)
		return 0;
	codecs(d, p, idx, in.p, in.n);

	t.port = agent_port;
	t.max_reps = 1 + (int)(how % 8);
	t.max_requests = 4 + (how >> 3) % 32;
	pthread_mutex_lock(&mu);
	script = in;
	drops = 1;
	pthread_mutex_unlock(&mu);
	if ((c = snmpc_open(&t, &cause)) == NULL)
		fz_fail("cannot open an SNMP client: %s", cause);
	rc = snmpmap_sweep(c, p, (how & 0x80) ? SNMPMAP_IDENTITY : 0, &rows, &nrows, &cause);
	if (rc == 0 || rc == SNMPMAP_PARTIAL)
		check_rows(d, rows, nrows);
	else if (cause == NULL || rows != NULL || nrows != 0)
		fz_fail("a failed sweep left rows or no cause");
	if (rc != 0 && cause == NULL)
		fz_fail("a partial sweep without a cause");
	free(rows);
	free(cause);
	cause = NULL;
	snmpc_close(c);

	t.max_requests = 8;
	c = snmpc_open(&t, NULL);
	memset(&live, 0, sizeof live);
	live.frame = d->limits->frame_min;
	live.slot = d->limits->slot_min;
	live.port = d->limits->pon_min;
	live.ont_id = d->limits->ont_id_min + (int)(idx % 8);
	if (snmpmap_live(c, p, &live, &cause) == 0)
		check_rows(d, &live, 1);
	else if (cause == NULL)
		fz_fail("a failed live read without a cause");
	free(cause);
	cause = NULL;
	if (snmpmap_health(c, p, &h, &cause) == 0)
		check_health(&h);
	else if (cause == NULL)
		fz_fail("a failed health read without a cause");
	free(cause);
	snmpc_close(c);
	return 0;
}
