/* bench_snmp_agent.c — throughput of oltsim's SNMP agent on a 2,048-ONT OLT
   (2 boards x 8 PONs x 128 ONTs): varbinds/s for a GETBULK walk of the OLT
   Rx column with max-repetitions 20, by
     - the agent alone (snmp_agent_answer in-process, no sockets),
     - net-snmp's C client (snmp_sess_synch_response over UDP loopback),
     - the real `snmpbulkwalk -Cr20` tool,
   plus GETNEXT (snmpwalk-style, one varbind per request) for the C client. */
#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tests/lab/ber.h"
#include "tests/lab/fleet.h"
#include "tests/lab/snmp_agent.h"

#define HW_OLTRX "1.3.6.1.4.1.2011.6.128.1.1.2.51.1.6"
#define ZTE_RX "1.3.6.1.4.1.3902.1082.500.20.2.2.2.1.10"

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Walks col with the C client; returns the varbinds inside the column. */
static long
client_walk(struct sim_olt *olt, const char *col, int type, int reps)
{
	netsnmp_session s;
	char peer[64];
	oid root[MAX_OID_LEN], cur[MAX_OID_LEN];
	size_t rootlen = MAX_OID_LEN, curlen;
	long n = 0;

	snmp_sess_init(&s);
	snprintf(peer, sizeof peer, "udp:127.0.0.1:%u", (unsigned)olt->snmp_port);
	s.peername = peer;
	s.version = SNMP_VERSION_2c;
	s.community = (u_char *)olt->community;
	s.community_len = strlen(olt->community);
	s.timeout = 2000000;
	s.retries = 1;
	void *h = snmp_sess_open(&s);
	if (h == NULL || !read_objid(col, root, &rootlen))
		return -1;
	memcpy(cur, root, rootlen * sizeof(oid));
	curlen = rootlen;
	for (;;) {
		netsnmp_pdu *pdu = snmp_pdu_create(type), *resp = NULL;
		if (type == SNMP_MSG_GETBULK) {
			pdu->non_repeaters = 0;
			pdu->max_repetitions = reps;
		}
		snmp_add_null_var(pdu, cur, curlen);
		if (snmp_sess_synch_response(h, pdu, &resp) != STAT_SUCCESS || resp == NULL) {
			n = -1;
			break;
		}
		bool done = resp->variables == NULL;
		for (netsnmp_variable_list *v = resp->variables; v; v = v->next_variable) {
			if (v->type == SNMP_ENDOFMIBVIEW || v->name_length < rootlen ||
			    memcmp(v->name, root, rootlen * sizeof(oid)) != 0) {
				done = true;
				break;
			}
			memcpy(cur, v->name, v->name_length * sizeof(oid));
			curlen = v->name_length;
			n++;
		}
		snmp_free_pdu(resp);
		if (done)
			break;
	}
	snmp_sess_close(h);
	return n;
}

/* The agent alone: GETBULK requests built here, answered in-process. */
static long
inproc_walk(struct sim_olt *olt, const char *col, int reps, long *requests)
{
	struct ber_oid root, cur;
	uint8_t req[512], *out = malloc(SNMP_AGENT_MAX_MSG);
	long n = 0;

	ber_oid_parse(col, &root);
	cur = root;
	*requests = 0;
	for (;;) {
		struct ber_enc e;
		ber_enc_init(&e, req, sizeof req);
		ber_open(&e, BER_SEQUENCE);
		ber_put_int(&e, BER_INTEGER, 1);
		ber_put_bytes(&e, BER_OCTETS, olt->community, strlen(olt->community));
		ber_open(&e, BER_PDU_GETBULK);
		ber_put_int(&e, BER_INTEGER, 1);
		ber_put_int(&e, BER_INTEGER, 0);
		ber_put_int(&e, BER_INTEGER, reps);
		ber_open(&e, BER_SEQUENCE);
		ber_open(&e, BER_SEQUENCE);
		ber_put_oid(&e, &cur);
		ber_put_null(&e, BER_NULL);
		ber_close(&e);
		ber_close(&e);
		ber_close(&e);
		ber_close(&e);
		size_t rl = snmp_agent_answer(olt, req, e.len, out, SNMP_AGENT_MAX_MSG);
		(*requests)++;
		if (rl == 0)
			break;
		/* pull the varbind OIDs back out */
		struct ber_dec d, msg, pdu, vbl, x;
		uint8_t tag;
		int64_t i;
		ber_dec_init(&d, out, rl);
		ber_get_tlv(&d, &tag, &msg);
		ber_get_int(&msg, &i);
		ber_get_tlv(&msg, &tag, &x);
		ber_get_tlv(&msg, &tag, &pdu);
		ber_get_int(&pdu, &i);
		ber_get_int(&pdu, &i);
		ber_get_int(&pdu, &i);
		ber_get_tlv(&pdu, &tag, &vbl);
		bool done = vbl.len == 0;
		while (vbl.off < vbl.len) {
			struct ber_dec vb;
			struct ber_oid o;
			ber_get_tlv(&vbl, &tag, &vb);
			struct ber_dec val;
			ber_get_oid(&vb, &o);
			ber_get_tlv(&vb, &tag, &val);
			if (tag == BER_ENDOFMIBVIEW || !ber_oid_has_prefix(&o, root.id, root.n)) {
				done = true;
				break;
			}
			cur = o;
			n++;
		}
		if (done)
			break;
	}
	free(out);
	return n;
}

/* Runs snmpbulkwalk -Cr<reps>; returns the rows it printed. */
static long
tool_walk(struct sim_olt *olt, const char *col, int reps)
{
	char cmd[256], line[512];
	long n = 0;

	snprintf(cmd, sizeof cmd,
	    "MIBS= snmpbulkwalk -v2c -On -t 2 -r 1 -Cr%d -c %s 127.0.0.1:%u %s 2>&1",
	    reps, olt->community, (unsigned)olt->snmp_port, col);
	FILE *p = popen(cmd, "r");
	if (p == NULL)
		return -1;
	while (fgets(line, sizeof line, p) != NULL) {
		if (strstr(line, "INTEGER:") != NULL)
			n++;
	}
	if (pclose(p) != 0)
		return -1;
	return n;
}

static void
report(const char *what, long n, double secs, int rounds)
{
	printf("%-58s %6ld varbinds  %8.1f ms/walk  %10.0f varbinds/s\n", what, n,
	    secs * 1000 / rounds, (double)n * rounds / secs);
}

int
main(void)
{
	static const struct fleet_opts o = { .huawei = 1, .zte = 1, .boards = 2, .pons = 8,
		.onts = 128, .seed = 3 };
	char *cause = NULL;
	double t0;
	long n = 0, reqs = 0;
	const int rounds = 5;

	setenv("MIBS", "", 1);
	netsnmp_ds_set_boolean(NETSNMP_DS_LIBRARY_ID, NETSNMP_DS_LIB_DISABLE_PERSISTENT_LOAD, 1);
	netsnmp_ds_set_boolean(NETSNMP_DS_LIBRARY_ID, NETSNMP_DS_LIB_DISABLE_PERSISTENT_SAVE, 1);
	init_snmp("bench_snmp_agent");
	struct sim_fleet *f = fleet_new(&o);
	if (snmp_agent_start(f, &cause) < 0) {
		fprintf(stderr, "bench_snmp_agent: %s\n", cause);
		return 1;
	}
	struct sim_olt *hw = fleet_olt(f, "hw-1"), *zte = fleet_olt(f, "zte-1");
	int onts = 0;
	for (int i = 0; i < hw->npons; i++)
		onts += hw->pons[i].nonts;
	printf("OLT hw-1: %d ONTs; GETBULK max-repetitions 20 unless said\n", onts);

	(void)client_walk(hw, HW_OLTRX, SNMP_MSG_GETBULK, 20);	/* warm-up */
	t0 = now();
	for (int r = 0; r < rounds; r++)
		n = inproc_walk(hw, HW_OLTRX, 20, &reqs);
	report("agent in-process (no sockets), Huawei OLT Rx", n, now() - t0, rounds);
	printf("  (%ld requests per walk)\n", reqs);

	t0 = now();
	for (int r = 0; r < rounds; r++)
		n = client_walk(hw, HW_OLTRX, SNMP_MSG_GETBULK, 20);
	report("net-snmp C client over UDP, Huawei OLT Rx", n, now() - t0, rounds);

	t0 = now();
	for (int r = 0; r < rounds; r++)
		n = client_walk(zte, ZTE_RX, SNMP_MSG_GETBULK, 20);
	report("net-snmp C client over UDP, ZTE ONU Rx (online only)", n, now() - t0, rounds);

	t0 = now();
	n = client_walk(hw, HW_OLTRX, SNMP_MSG_GETNEXT, 0);
	report("net-snmp C client over UDP, GETNEXT walk, Huawei OLT Rx", n, now() - t0, 1);

	t0 = now();
	for (int r = 0; r < rounds; r++)
		n = client_walk(hw, HW_OLTRX, SNMP_MSG_GETBULK, 100);
	report("net-snmp C client over UDP, max-repetitions 100", n, now() - t0, rounds);

	t0 = now();
	for (int r = 0; r < rounds; r++)
		n = tool_walk(hw, HW_OLTRX, 20);
	if (n < 0)
		printf("snmpbulkwalk: not available or failed\n");
	else
		report("snmpbulkwalk -Cr20 (process start included)", n, now() - t0, rounds);

	snmp_agent_stop();
	fleet_free(f);
	snmp_shutdown("bench_snmp_agent");
	return 0;
}
