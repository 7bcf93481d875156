/* test_lab_snmp.c — oltsim's SNMP agent queried over UDP with net-snmp's
   client API: GET / GETNEXT / GETBULK return the indexes the formulas give
   and the scaled values the fleet holds; wrong community and the
   snmp_timeout fault get no answer; ONTs added / deleted in the fleet appear
   / disappear.  The fleet uses port 0, so the agent picks free ports and
   writes them back into olt->snmp_port. */
#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include "tests/lab/ber.h"
#include "tests/lab/fleet.h"
#include "tests/lab/snmp_agent.h"
#include "tests/lab/snmp_mib.h"

#define HWX "1.3.6.1.4.1.2011.6.128.1.1.2"
#define ZX "1.3.6.1.4.1.3902.1082"

static struct sim_fleet *fleet;
static struct sim_olt *hw, *zte;

static int
setup(void **state)
{
	static const struct fleet_opts o = { .huawei = 1, .zte = 1, .boards = 2, .pons = 2,
		.onts = 8, .seed = 42 };
	char *cause = NULL;

	(void)state;
	setenv("MIBS", "", 1);
	netsnmp_ds_set_boolean(NETSNMP_DS_LIBRARY_ID, NETSNMP_DS_LIB_DISABLE_PERSISTENT_LOAD, 1);
	netsnmp_ds_set_boolean(NETSNMP_DS_LIBRARY_ID, NETSNMP_DS_LIB_DISABLE_PERSISTENT_SAVE, 1);
	init_snmp("test_lab_snmp");
	fleet = fleet_new(&o);
	hw = fleet_olt(fleet, "hw-1");
	zte = fleet_olt(fleet, "zte-1");
	assert_non_null(hw);
	assert_non_null(zte);
	assert_int_equal(hw->snmp_port, 0);
	if (snmp_agent_start(fleet, &cause) < 0)
		fail_msg("agent: %s", cause);
	assert_int_not_equal(hw->snmp_port, 0);
	assert_int_not_equal(zte->snmp_port, 0);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	snmp_agent_stop();
	fleet_free(fleet);
	snmp_shutdown("test_lab_snmp");
	return 0;
}

/* Opens a single-session handle to an OLT's agent. */
static void *
sess(const struct sim_olt *olt, const char *community)
{
	netsnmp_session s;
	char peer[64];

	snmp_sess_init(&s);
	snprintf(peer, sizeof peer, "udp:127.0.0.1:%u", (unsigned)olt->snmp_port);
	s.peername = peer;
	s.version = SNMP_VERSION_2c;
	s.community = (u_char *)(community ? community : olt->community);
	s.community_len = strlen((const char *)s.community);
	s.timeout = 300000;
	s.retries = 0;
	void *h = snmp_sess_open(&s);
	assert_non_null(h);
	return h;
}

/* Sends one request of type with the given OIDs; returns the status
   (STAT_SUCCESS / STAT_TIMEOUT) and the response in *resp. */
static int
ask(void *h, int type, const char *const *oids, int n, int nonrep, int maxrep,
    netsnmp_pdu **resp)
{
	netsnmp_pdu *pdu = snmp_pdu_create(type);

	if (type == SNMP_MSG_GETBULK) {
		pdu->non_repeaters = nonrep;
		pdu->max_repetitions = maxrep;
	}
	for (int i = 0; i < n; i++) {
		oid name[MAX_OID_LEN];
		size_t len = MAX_OID_LEN;
		assert_true(read_objid(oids[i], name, &len));
		snmp_add_null_var(pdu, name, len);
	}
	*resp = NULL;
	return snmp_sess_synch_response(h, pdu, resp);
}

/* Formats a variable's name as dotted text. */
static void
name_of(const netsnmp_variable_list *v, char *out, size_t size)
{
	struct ber_oid o = { .n = (uint32_t)v->name_length };

	for (size_t i = 0; i < v->name_length; i++)
		o.id[i] = (uint32_t)v->name[i];
	ber_oid_format(&o, out, size);
}

/* GET one OID; returns the variable (owned by *resp) or fails. */
static netsnmp_variable_list *
get1(void *h, const char *oid, netsnmp_pdu **resp)
{
	assert_int_equal(ask(h, SNMP_MSG_GET, &oid, 1, 0, 0, resp), STAT_SUCCESS);
	assert_int_equal((*resp)->errstat, SNMP_ERR_NOERROR);
	assert_non_null((*resp)->variables);
	return (*resp)->variables;
}

static void
test_system(void **state)
{
	void *h = sess(hw, NULL), *z = sess(zte, NULL);
	netsnmp_pdu *r;
	netsnmp_variable_list *v;

	(void)state;
	v = get1(h, "1.3.6.1.2.1.1.1.0", &r);
	assert_int_equal(v->type, ASN_OCTET_STR);
	assert_int_equal(v->val_len, strlen("Huawei Integrated Access Software MA5800-X7 V100R019C10"));
	assert_memory_equal(v->val.string, "Huawei Integrated Access Software MA5800-X7 V100R019C10", v->val_len);
	snmp_free_pdu(r);
	v = get1(h, "1.3.6.1.2.1.1.2.0", &r);
	assert_int_equal(v->type, ASN_OBJECT_ID);
	static const oid hwobj[] = { 1, 3, 6, 1, 4, 1, 2011, 2, 248 };
	assert_int_equal(v->val_len, sizeof hwobj);
	assert_memory_equal(v->val.objid, hwobj, sizeof hwobj);
	snmp_free_pdu(r);
	v = get1(h, "1.3.6.1.2.1.1.3.0", &r);
	assert_int_equal(v->type, ASN_TIMETICKS);
	assert_true(*v->val.integer >= 3L * 86400 * 100);	/* booted >= 3 days ago */
	snmp_free_pdu(r);
	v = get1(h, "1.3.6.1.2.1.1.5.0", &r);
	assert_memory_equal(v->val.string, hw->sysname, strlen(hw->sysname));
	snmp_free_pdu(r);

	v = get1(z, "1.3.6.1.2.1.1.1.0", &r);
	static const char zd[] = "C320 Version V2.1.0 Software, Copyright (c) by ZTE Corporation Compiled";
	assert_int_equal(v->val_len, strlen(zd));
	assert_memory_equal(v->val.string, zd, strlen(zd));
	snmp_free_pdu(r);
	v = get1(z, "1.3.6.1.2.1.1.2.0", &r);
	static const oid zobj[] = { 1, 3, 6, 1, 4, 1, 3902, 1082, 1001, 320, 2, 1 };
	assert_int_equal(v->val_len, sizeof zobj);
	assert_memory_equal(v->val.objid, zobj, sizeof zobj);
	snmp_free_pdu(r);
	snmp_sess_close(h);
	snmp_sess_close(z);
}

static void
test_index_formulas(void **state)
{
	(void)state;
	/* snmp-oids.md 1.2 table and 2.2 / 2.5 examples */
	assert_int_equal(mib_hw_ifindex(0, 0, 0), 4194304000u);
	assert_int_equal(mib_hw_ifindex(0, 0, 1), 4194304256u);
	assert_int_equal(mib_hw_ifindex(0, 1, 0), 4194312192u);
	assert_int_equal(mib_hw_ifindex(0, 1, 15), 4194316032u);
	assert_int_equal(mib_hw_ifindex(0, 6, 0), 4194353152u);
	assert_int_equal(mib_hw_ifindex(0, 1, 3), 4194312960u);
	assert_int_equal(mib_zte_idx1082(1, 1, 1), 285278465u);
	assert_int_equal(mib_zte_idx1082(1, 2, 16), 285278736u);
	assert_int_equal(mib_zte_idx1082(1, 2, 3), 285278723u);
	assert_int_equal(mib_zte_idx1012(2, 1), 268566784u);
	assert_int_equal(mib_zte_idx1012(2, 3), 268567296u);
	char *cause = NULL;
	assert_int_equal(mib_selfcheck(&cause), 0);
}

/* The ONT a test looks at, read under the lock. */
static struct sim_ont
ont_copy(struct sim_olt *olt, int slot, int port, int id)
{
	struct sim_ont c;

	olt_lock(olt);
	struct sim_pon *p = olt_pon(olt, olt->vendor == SIM_HUAWEI ? 0 : 1, slot, port);
	assert_non_null(p);
	struct sim_ont *o = pon_ont(p, id);
	assert_non_null(o);
	c = *o;
	olt_unlock(olt);
	return c;
}

static void
test_huawei_get(void **state)
{
	void *h = sess(hw, NULL);
	netsnmp_pdu *r;
	netsnmp_variable_list *v;
	char oid[128];
	uint32_t ifx = mib_hw_ifindex(0, 2, 1);
	struct sim_ont o = ont_copy(hw, 2, 1, 5);
	char hex[17];

	(void)state;
	snprintf(oid, sizeof oid, HWX ".51.1.4.%u.5", ifx);
	v = get1(h, oid, &r);
	assert_int_equal(v->type, ASN_INTEGER);
	assert_int_equal(*v->val.integer, o.rx == SIM_NO_LEVEL ? 2147483647 : o.rx);
	snmp_free_pdu(r);
	snprintf(oid, sizeof oid, HWX ".51.1.6.%u.5", ifx);
	v = get1(h, oid, &r);
	assert_int_equal(*v->val.integer, o.olt_rx == SIM_NO_LEVEL ? 2147483647 : o.olt_rx + 10000);
	snmp_free_pdu(r);
	snprintf(oid, sizeof oid, HWX ".43.1.3.%u.5", ifx);
	v = get1(h, oid, &r);
	assert_int_equal(v->type, ASN_OCTET_STR);
	assert_int_equal(v->val_len, 8);
	sim_sn_hex(o.sn, hex);
	char got[17];
	for (int i = 0; i < 8; i++)
		snprintf(got + 2 * i, 3, "%02X", v->val.string[i]);
	assert_string_equal(got, hex);
	assert_memory_equal(v->val.string, o.sn, 4);
	snmp_free_pdu(r);
	snprintf(oid, sizeof oid, HWX ".43.1.9.%u.5", ifx);
	v = get1(h, oid, &r);
	assert_memory_equal(v->val.string, o.desc, strlen(o.desc));
	snmp_free_pdu(r);
	snprintf(oid, sizeof oid, HWX ".43.1.7.%u.5", ifx);
	v = get1(h, oid, &r);
	assert_memory_equal(v->val.string, "LINE_PROFILE_31", 15);
	snmp_free_pdu(r);
	snprintf(oid, sizeof oid, HWX ".46.1.15.%u.5", ifx);
	v = get1(h, oid, &r);
	assert_int_equal(*v->val.integer, o.state == SIM_ONLINE ? 1 : 2);
	snmp_free_pdu(r);

	/* board CPU / slot name at <frame>.<slot> */
	v = get1(h, "1.3.6.1.4.1.2011.2.6.7.1.1.2.1.5.0.1", &r);
	assert_int_equal(*v->val.integer, hw->cpu_pct);
	snmp_free_pdu(r);
	v = get1(h, "1.3.6.1.4.1.2011.6.3.3.2.1.3.0.1", &r);
	assert_memory_equal(v->val.string, "H901GPHF", 8);
	snmp_free_pdu(r);

	/* exceptions: unknown column, unknown ONT, wrong index shape */
	const char *miss[] = { "1.3.6.1.4.1.2011.6.128.1.1.2.51.1.99.4194312192.5",
		HWX ".51.1.4.4194312192.99", HWX ".51.1.4.4194312192", HWX ".51.1.4.4194312192.5.0" };
	assert_int_equal(ask(h, SNMP_MSG_GET, miss, 4, 0, 0, &r), STAT_SUCCESS);
	v = r->variables;
	assert_int_equal(v->type, SNMP_NOSUCHOBJECT);
	assert_int_equal(v->next_variable->type, SNMP_NOSUCHINSTANCE);
	assert_int_equal(v->next_variable->next_variable->type, SNMP_NOSUCHINSTANCE);
	assert_int_equal(v->next_variable->next_variable->next_variable->type, SNMP_NOSUCHINSTANCE);
	snmp_free_pdu(r);
	snmp_sess_close(h);
}

/* Walks a column with GETBULK (max-repetitions reps); returns the rows. */
static int
bulkwalk(void *h, const char *col, int reps, char rows[][96], long *vals, int max)
{
	oid root[MAX_OID_LEN];
	size_t rootlen = MAX_OID_LEN;
	char cur[128];
	int n = 0;

	assert_true(read_objid(col, root, &rootlen));
	snprintf(cur, sizeof cur, "%s", col);
	for (;;) {
		netsnmp_pdu *r;
		const char *q = cur;
		assert_int_equal(ask(h, SNMP_MSG_GETBULK, &q, 1, 0, reps, &r), STAT_SUCCESS);
		assert_int_equal(r->errstat, SNMP_ERR_NOERROR);
		bool done = false;
		int got = 0;
		for (netsnmp_variable_list *v = r->variables; v; v = v->next_variable) {
			got++;
			if (v->type == SNMP_ENDOFMIBVIEW || v->name_length < rootlen ||
			    memcmp(v->name, root, rootlen * sizeof(oid)) != 0) {
				done = true;
				break;
			}
			assert_true(n < max);
			name_of(v, rows[n], 96);
			vals[n] = (v->type == ASN_OCTET_STR) ? (long)v->val_len : *v->val.integer;
			snprintf(cur, sizeof cur, "%s", rows[n]);
			n++;
		}
		assert_true(got <= reps);
		snmp_free_pdu(r);
		if (done || got == 0)
			return n;
	}
}

static void
test_huawei_bulkwalk(void **state)
{
	void *h = sess(hw, NULL);
	static char rows[64][96];
	long vals[64];
	int n;

	(void)state;
	n = bulkwalk(h, HWX ".51.1.4", 20, rows, vals, 64);
	assert_int_equal(n, 2 * 2 * 8);	/* boards x pons x onts */
	int k = 0;
	for (int slot = 1; slot <= 2; slot++)
		for (int port = 0; port < 2; port++)
			for (int id = 0; id < 8; id++, k++) {
				char want[96];
				struct sim_ont o = ont_copy(hw, slot, port, id);
				snprintf(want, sizeof want, HWX ".51.1.4.%u.%d",
				    mib_hw_ifindex(0, slot, port), id);
				assert_string_equal(rows[k], want);
				assert_int_equal(vals[k], o.rx == SIM_NO_LEVEL ? 2147483647 : o.rx);
			}
	/* the distance column: -1 exactly for the ONTs not online */
	n = bulkwalk(h, HWX ".46.1.20", 7, rows, vals, 64);
	assert_int_equal(n, 32);
	k = 0;
	for (int slot = 1; slot <= 2; slot++)
		for (int port = 0; port < 2; port++)
			for (int id = 0; id < 8; id++, k++) {
				struct sim_ont o = ont_copy(hw, slot, port, id);
				assert_int_equal(vals[k], o.state == SIM_ONLINE ? o.distance_m : -1);
			}
	snmp_sess_close(h);
}

static void
test_getnext_order(void **state)
{
	void *h = sess(hw, NULL);
	netsnmp_pdu *r;
	char name[128], want[128];

	(void)state;
	/* from the column: first ONT; from a partial index: first of that PON;
	   from the last ONT of a PON: first of the next PON; past the last
	   column: endOfMibView */
	const char *q[] = { HWX ".51.1.4", HWX ".51.1.4.4194312192", HWX ".51.1.4.4194312192.7",
		HWX ".51.1.4.4194312192.7.5", HWX ".51.1.6.4194320640.7", "1.3.6.1.2.1.1",
		"1.3.6.1.2.1.1.5.0" };
	assert_int_equal(ask(h, SNMP_MSG_GETNEXT, q, 7, 0, 0, &r), STAT_SUCCESS);
	netsnmp_variable_list *v = r->variables;
	name_of(v, name, sizeof name);
	snprintf(want, sizeof want, HWX ".51.1.4.%u.0", mib_hw_ifindex(0, 1, 0));
	assert_string_equal(name, want);
	v = v->next_variable;
	name_of(v, name, sizeof name);
	assert_string_equal(name, want);
	v = v->next_variable;
	name_of(v, name, sizeof name);
	snprintf(want, sizeof want, HWX ".51.1.4.%u.0", mib_hw_ifindex(0, 1, 1));
	assert_string_equal(name, want);
	v = v->next_variable;
	name_of(v, name, sizeof name);
	assert_string_equal(name, want);
	v = v->next_variable;
	assert_int_equal(v->type, SNMP_ENDOFMIBVIEW);
	v = v->next_variable;
	name_of(v, name, sizeof name);
	assert_string_equal(name, "1.3.6.1.2.1.1.1.0");
	v = v->next_variable;
	name_of(v, name, sizeof name);
	assert_string_equal(name, "1.3.6.1.4.1.2011.2.6.7.1.1.2.1.5.0.1");	/* system -> boards */
	snmp_free_pdu(r);
	snmp_sess_close(h);
}

static void
test_bulk_nonrepeaters(void **state)
{
	void *h = sess(zte, NULL);
	netsnmp_pdu *r;
	char name[128];
	const char *q[] = { "1.3.6.1.2.1.1.3", ZX ".500.10.2.3.3.1.18", ZX ".500.10.2.3.8.1.4" };

	(void)state;
	assert_int_equal(ask(h, SNMP_MSG_GETBULK, q, 3, 1, 3, &r), STAT_SUCCESS);
	int n = 0;
	netsnmp_variable_list *v = r->variables;
	name_of(v, name, sizeof name);
	assert_string_equal(name, "1.3.6.1.2.1.1.3.0");
	for (v = v->next_variable; v; v = v->next_variable)
		n++;
	assert_int_equal(n, 6);		/* 3 repetitions x 2 repeaters, interleaved */
	v = r->variables->next_variable;
	name_of(v, name, sizeof name);
	char want[128];
	snprintf(want, sizeof want, ZX ".500.10.2.3.3.1.18.%u.1", mib_zte_idx1082(1, 1, 1));
	assert_string_equal(name, want);
	v = v->next_variable;
	name_of(v, name, sizeof name);
	snprintf(want, sizeof want, ZX ".500.10.2.3.8.1.4.%u.1", mib_zte_idx1082(1, 1, 1));
	assert_string_equal(name, want);
	v = v->next_variable;
	name_of(v, name, sizeof name);
	snprintf(want, sizeof want, ZX ".500.10.2.3.3.1.18.%u.2", mib_zte_idx1082(1, 1, 1));
	assert_string_equal(name, want);
	snmp_free_pdu(r);

	/* past the end of the view: endOfMibView for every repetition asked */
	const char *end[] = { ZX ".500.20.2.2.2.1.10.4294967295" };
	assert_int_equal(ask(h, SNMP_MSG_GETBULK, end, 1, 0, 5, &r), STAT_SUCCESS);
	assert_non_null(r->variables);
	assert_int_equal(r->variables->type, SNMP_ENDOFMIBVIEW);
	snmp_free_pdu(r);
	snmp_sess_close(h);
}

static void
test_zte_columns(void **state)
{
	void *h = sess(zte, NULL);
	static char rows[64][96];
	long vals[64];
	netsnmp_pdu *r;
	netsnmp_variable_list *v;
	char oid[160];

	(void)state;
	/* ONU Rx: <idx1082>.<onu>.1, raw = (dBm + 30) / 0.002; offline ONUs omitted */
	int n = bulkwalk(h, ZX ".500.20.2.2.2.1.10", 20, rows, vals, 64);
	int k = 0, online = 0;
	for (int slot = 1; slot <= 2; slot++)
		for (int port = 1; port <= 2; port++)
			for (int id = 1; id <= 8; id++) {
				struct sim_ont o = ont_copy(zte, slot, port, id);
				if (o.rx == SIM_NO_LEVEL)
					continue;
				online++;
				char want[96];
				snprintf(want, sizeof want, ZX ".500.20.2.2.2.1.10.%u.%d.1",
				    mib_zte_idx1082(1, slot, port), id);
				assert_true(k < n);
				assert_string_equal(rows[k], want);
				/* dBm = raw * 0.002 - 30, back to hundredths */
				long centi = (vals[k] * 2 - 30000) / 10;
				assert_int_equal(centi, o.rx);
				k++;
			}
	assert_int_equal(n, online);
	assert_true(online > 0);

	struct sim_ont o = ont_copy(zte, 2, 1, 3);
	uint32_t ix = mib_zte_idx1082(1, 2, 1);
	snprintf(oid, sizeof oid, ZX ".500.10.2.3.3.1.18.%u.3", ix);
	v = get1(h, oid, &r);
	char sn[20];
	snprintf(sn, sizeof sn, "1,%s", o.sn);
	assert_int_equal(v->val_len, strlen(sn));
	assert_memory_equal(v->val.string, sn, strlen(sn));
	snmp_free_pdu(r);
	snprintf(oid, sizeof oid, ZX ".500.10.2.3.8.1.4.%u.3", ix);
	v = get1(h, oid, &r);
	assert_int_equal(*v->val.integer, o.state == SIM_ONLINE ? 4 : o.state == SIM_LOS ? 2 :
	    o.state == SIM_DYING_GASP ? 5 : 7);
	snmp_free_pdu(r);
	snprintf(oid, sizeof oid, ZX ".500.10.2.3.3.1.2.%u.3", ix);
	v = get1(h, oid, &r);
	assert_memory_equal(v->val.string, o.name, strlen(o.name));
	snmp_free_pdu(r);
	snprintf(oid, sizeof oid, "1.3.6.1.4.1.3902.1012.3.50.11.2.1.17.%u.3", mib_zte_idx1012(2, 1));
	v = get1(h, oid, &r);
	assert_int_equal(v->type, ASN_OCTET_STR);
	snmp_free_pdu(r);
	snprintf(oid, sizeof oid, ZX ".500.10.2.3.8.1.5.%u.3", ix);
	v = get1(h, oid, &r);
	assert_int_equal(v->val_len, 8);
	time_t t = (time_t)o.last_up;
	struct tm tm;
	gmtime_r(&t, &tm);
	assert_int_equal(v->val.string[0] * 256 + v->val.string[1], tm.tm_year + 1900);
	assert_int_equal(v->val.string[2], tm.tm_mon + 1);
	assert_int_equal(v->val.string[5], tm.tm_min);
	snmp_free_pdu(r);
	v = get1(h, ZX ".10.1.2.4.1.9.1.1.1", &r);
	assert_int_equal(*v->val.integer, zte->cpu_pct);
	snmp_free_pdu(r);

	/* OLT Rx (0.001 dBm) of an online ONU */
	for (int id = 1; id <= 8; id++) {
		o = ont_copy(zte, 1, 1, id);
		if (o.olt_rx == SIM_NO_LEVEL)
			continue;
		snprintf(oid, sizeof oid, ZX ".500.1.2.4.2.1.2.%u.%d", mib_zte_idx1082(1, 1, 1), id);
		v = get1(h, oid, &r);
		assert_int_equal(*v->val.integer, o.olt_rx * 10);
		snmp_free_pdu(r);
		break;
	}
	snmp_sess_close(h);
}

static void
test_offline_values(void **state)
{
	void *h = sess(hw, NULL), *z = sess(zte, NULL);
	netsnmp_pdu *r;
	netsnmp_variable_list *v;
	char oid[160];
	const char *q = oid;

	(void)state;
	olt_lock(hw);
	struct sim_pon *p = olt_pon(hw, 0, 1, 1);
	ont_set_state(hw, p, pon_ont(p, 2), SIM_LOS, SIM_CAUSE_LOS);
	olt_unlock(hw);
	olt_lock(zte);
	struct sim_pon *zp = olt_pon(zte, 1, 1, 1);
	ont_set_state(zte, zp, pon_ont(zp, 2), SIM_DYING_GASP, SIM_CAUSE_DYING_GASP);
	olt_unlock(zte);

	snprintf(oid, sizeof oid, HWX ".51.1.4.%u.2", mib_hw_ifindex(0, 1, 1));
	v = get1(h, oid, &r);
	assert_int_equal(*v->val.integer, 2147483647);
	snmp_free_pdu(r);
	snprintf(oid, sizeof oid, HWX ".46.1.20.%u.2", mib_hw_ifindex(0, 1, 1));
	v = get1(h, oid, &r);
	assert_int_equal(*v->val.integer, -1);
	snmp_free_pdu(r);
	snprintf(oid, sizeof oid, HWX ".46.1.24.%u.2", mib_hw_ifindex(0, 1, 1));
	v = get1(h, oid, &r);
	assert_int_equal(*v->val.integer, 2);	/* LOSi */
	snmp_free_pdu(r);

	uint32_t ix = mib_zte_idx1082(1, 1, 1);
	snprintf(oid, sizeof oid, ZX ".500.20.2.2.2.1.10.%u.2.1", ix);
	assert_int_equal(ask(z, SNMP_MSG_GET, &q, 1, 0, 0, &r), STAT_SUCCESS);
	assert_int_equal(r->variables->type, SNMP_NOSUCHINSTANCE);
	snmp_free_pdu(r);
	snprintf(oid, sizeof oid, ZX ".500.10.2.3.8.1.4.%u.2", ix);
	v = get1(z, oid, &r);
	assert_int_equal(*v->val.integer, 5);	/* Dying Gasp */
	snmp_free_pdu(r);
	snprintf(oid, sizeof oid, ZX ".500.10.2.3.8.1.7.%u.2", ix);
	v = get1(z, oid, &r);
	assert_int_equal(*v->val.integer, 9);	/* PowerOff */
	snmp_free_pdu(r);
	/* GETNEXT from ONU 1's Rx skips the dead ONU 2 */
	snprintf(oid, sizeof oid, ZX ".500.20.2.2.2.1.10.%u.1.1", ix);
	assert_int_equal(ask(z, SNMP_MSG_GETNEXT, &q, 1, 0, 0, &r), STAT_SUCCESS);
	char name[128];
	name_of(r->variables, name, sizeof name);
	unsigned long next_id = strtoul(name + strlen(ZX ".500.20.2.2.2.1.10.") + 10, NULL, 10);
	assert_true(next_id >= 3);
	snmp_free_pdu(r);
	snmp_sess_close(h);
	snmp_sess_close(z);
}

static void
test_no_answer(void **state)
{
	void *bad = sess(hw, "public"), *h = sess(hw, NULL), *zbad = sess(zte, hw->community);
	netsnmp_pdu *r;
	const char *q = "1.3.6.1.2.1.1.5.0";

	(void)state;
	assert_int_equal(ask(bad, SNMP_MSG_GET, &q, 1, 0, 0, &r), STAT_TIMEOUT);
	assert_int_equal(ask(zbad, SNMP_MSG_GET, &q, 1, 0, 0, &r), STAT_TIMEOUT);

	olt_lock(hw);
	hw->fault.snmp_timeout = true;
	olt_unlock(hw);
	assert_int_equal(ask(h, SNMP_MSG_GET, &q, 1, 0, 0, &r), STAT_TIMEOUT);
	olt_lock(hw);
	hw->fault.snmp_timeout = false;
	olt_unlock(hw);
	assert_int_equal(ask(h, SNMP_MSG_GET, &q, 1, 0, 0, &r), STAT_SUCCESS);
	snmp_free_pdu(r);

	/* garbage datagrams get nothing, and the agent keeps serving */
	int fd = socket(AF_INET, SOCK_DGRAM, 0);
	struct sockaddr_in sa = { .sin_family = AF_INET, .sin_port = htons(hw->snmp_port) };
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	static const uint8_t junk[] = { 0x30, 0x84, 0xff, 0xff, 0xff, 0xff, 0x02 };
	assert_int_equal(sendto(fd, junk, sizeof junk, 0, (struct sockaddr *)&sa, sizeof sa),
	    (ssize_t)sizeof junk);
	struct timeval tv = { 0, 200000 };
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
	uint8_t buf[64];
	assert_true(recv(fd, buf, sizeof buf, 0) < 0);
	close(fd);
	assert_int_equal(ask(h, SNMP_MSG_GET, &q, 1, 0, 0, &r), STAT_SUCCESS);
	snmp_free_pdu(r);
	snmp_sess_close(bad);
	snmp_sess_close(zbad);
	snmp_sess_close(h);
}

static void
test_add_delete(void **state)
{
	void *h = sess(hw, NULL);
	netsnmp_pdu *r;
	char oid[160];
	const char *q = oid;

	(void)state;
	snprintf(oid, sizeof oid, HWX ".43.1.3.%u.20", mib_hw_ifindex(0, 2, 0));
	assert_int_equal(ask(h, SNMP_MSG_GET, &q, 1, 0, 0, &r), STAT_SUCCESS);
	assert_int_equal(r->variables->type, SNMP_NOSUCHINSTANCE);
	snmp_free_pdu(r);

	olt_lock(hw);
	struct sim_pon *p = olt_pon(hw, 0, 2, 0);
	assert_non_null(pon_add_ont(hw, p, 20, "HWTC0A0B0C0D"));
	olt_unlock(hw);
	assert_int_equal(ask(h, SNMP_MSG_GET, &q, 1, 0, 0, &r), STAT_SUCCESS);
	assert_int_equal(r->variables->type, ASN_OCTET_STR);
	assert_memory_equal(r->variables->val.string, "HWTC\x0a\x0b\x0c\x0d", 8);
	snmp_free_pdu(r);

	olt_lock(hw);
	assert_int_equal(pon_del_ont(hw, p, 20), 0);
	olt_unlock(hw);
	assert_int_equal(ask(h, SNMP_MSG_GET, &q, 1, 0, 0, &r), STAT_SUCCESS);
	assert_int_equal(r->variables->type, SNMP_NOSUCHINSTANCE);
	snmp_free_pdu(r);
	snmp_sess_close(h);
}

/* Builds a request datagram with the agent's own encoder. */
static size_t
make_req(uint8_t *b, size_t cap, uint8_t type, const char *community, int nonrep, int maxrep,
    const char *const *oids, int n)
{
	struct ber_enc e;

	ber_enc_init(&e, b, cap);
	ber_open(&e, BER_SEQUENCE);
	ber_put_int(&e, BER_INTEGER, 1);
	ber_put_bytes(&e, BER_OCTETS, community, strlen(community));
	ber_open(&e, type);
	ber_put_int(&e, BER_INTEGER, 77);
	ber_put_int(&e, BER_INTEGER, nonrep);
	ber_put_int(&e, BER_INTEGER, maxrep);
	ber_open(&e, BER_SEQUENCE);
	for (int i = 0; i < n; i++) {
		struct ber_oid o;
		assert_int_equal(ber_oid_parse(oids[i], &o), 0);
		ber_open(&e, BER_SEQUENCE);
		ber_put_oid(&e, &o);
		ber_put_null(&e, BER_NULL);
		ber_close(&e);
	}
	ber_close(&e);
	ber_close(&e);
	ber_close(&e);
	assert_false(e.overflow);
	return e.len;
}

/* Parses a response's error-status and varbind count. */
static void
parse_resp(const uint8_t *b, size_t n, int64_t *status, int *nvb)
{
	struct ber_dec d, msg, pdu, vbl, x;
	uint8_t tag;
	int64_t i;

	ber_dec_init(&d, b, n);
	assert_int_equal(ber_get_tlv(&d, &tag, &msg), 0);
	assert_int_equal(d.off, n);
	assert_int_equal(ber_get_int(&msg, &i), 0);
	assert_int_equal(ber_get_tlv(&msg, &tag, &x), 0);
	assert_int_equal(ber_get_tlv(&msg, &tag, &pdu), 0);
	assert_int_equal(tag, BER_PDU_RESPONSE);
	assert_int_equal(ber_get_int(&pdu, &i), 0);
	assert_int_equal(i, 77);
	assert_int_equal(ber_get_int(&pdu, status), 0);
	assert_int_equal(ber_get_int(&pdu, &i), 0);
	assert_int_equal(ber_get_tlv(&pdu, &tag, &vbl), 0);
	*nvb = 0;
	while (vbl.off < vbl.len) {
		assert_int_equal(ber_get_tlv(&vbl, &tag, &x), 0);
		(*nvb)++;
	}
}

static void
test_size_limits(void **state)
{
	uint8_t req[4096], *out = malloc(SNMP_AGENT_MAX_MSG);
	const char *q[] = { "1.3.6.1.2.1.1.1.0", "1.3.6.1.2.1.1.5.0" };
	const char *col[] = { HWX ".43.1.9" };
	int64_t st;
	int nvb;

	(void)state;
	/* GET whose answer does not fit: tooBig, no varbinds */
	size_t n = make_req(req, sizeof req, BER_PDU_GET, hw->community, 0, 0, q, 2);
	size_t rl = snmp_agent_answer(hw, req, n, out, 90);
	assert_true(rl > 0 && rl <= 90);
	parse_resp(out, rl, &st, &nvb);
	assert_int_equal(st, BER_ERR_TOOBIG);
	assert_int_equal(nvb, 0);
	rl = snmp_agent_answer(hw, req, n, out, SNMP_AGENT_MAX_MSG);
	parse_resp(out, rl, &st, &nvb);
	assert_int_equal(st, 0);
	assert_int_equal(nvb, 2);

	/* GETBULK is cut to what fits, never tooBig when one varbind fits */
	n = make_req(req, sizeof req, BER_PDU_GETBULK, hw->community, 0, 1000, col, 1);
	rl = snmp_agent_answer(hw, req, n, out, 400);
	assert_true(rl > 0 && rl <= 400);
	parse_resp(out, rl, &st, &nvb);
	assert_int_equal(st, 0);
	assert_true(nvb >= 3 && nvb < 32);
	/* a large cap: the rest of the view (8 ONT columns x 32 ONTs from
	   .43.1.9 on, 3 autofind columns) then one endOfMibView */
	int naf = 0;
	olt_lock(hw);
	for (int i = 0; i < hw->npons; i++)
		naf += hw->pons[i].nautofind;
	olt_unlock(hw);
	rl = snmp_agent_answer(hw, req, n, out, SNMP_AGENT_MAX_MSG);
	parse_resp(out, rl, &st, &nvb);
	assert_int_equal(nvb, 8 * 32 + 3 * naf + 1);

	/* SET is refused with noAccess; v1 and wrong community are dropped */
	n = make_req(req, sizeof req, BER_PDU_SET, hw->community, 0, 0, q, 1);
	rl = snmp_agent_answer(hw, req, n, out, SNMP_AGENT_MAX_MSG);
	parse_resp(out, rl, &st, &nvb);
	assert_int_equal(st, BER_ERR_NOACCESS);
	n = make_req(req, sizeof req, BER_PDU_GET, "hw1r", 0, 0, q, 1);
	assert_int_equal(snmp_agent_answer(hw, req, n, out, SNMP_AGENT_MAX_MSG), 0);
	n = make_req(req, sizeof req, BER_PDU_GET, hw->community, 0, 0, q, 1);
	req[4] = 0;	/* version 0 = SNMPv1 */
	assert_int_equal(snmp_agent_answer(hw, req, n, out, SNMP_AGENT_MAX_MSG), 0);
	free(out);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_index_formulas),
		cmocka_unit_test(test_system),
		cmocka_unit_test(test_huawei_get),
		cmocka_unit_test(test_huawei_bulkwalk),
		cmocka_unit_test(test_getnext_order),
		cmocka_unit_test(test_bulk_nonrepeaters),
		cmocka_unit_test(test_zte_columns),
		cmocka_unit_test(test_offline_values),
		cmocka_unit_test(test_no_answer),
		cmocka_unit_test(test_add_delete),
		cmocka_unit_test(test_size_limits),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
