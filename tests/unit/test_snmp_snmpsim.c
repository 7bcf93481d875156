/* test_snmp_snmpsim.c — the SNMP client and vendor maps against snmpsim, a
   real and independent agent, fed data files generated here from the index
   formulas and scalings of shared/reference/snmp-oids.md.  Covers sweeps of
   both vendors (with and without a sentinel after the walked subtree, so
   endOfMibView is met), live GETs, a wrong community, snmpsim's delay
   variation (timeouts), an agent that stops answering mid-walk, Counter32
   wrap through snmpsim's numeric variation, and SNMPv3 (snmpsim's default
   user).  snmpsimd is started on 127.0.0.1 and stopped by its PID. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <math.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "drivers/snmp_map.h"
#include "drivers/util.h"

#define NPONS 2
#define NONTS 100

static pid_t sim_pid;
static int sim_port;
static char sim_dir[256];

struct rec {
	struct snmp_oid	 oid;
	char		*line;
};
static struct rec *recs;
static size_t nrecs;

static void
add_rec(const char *oid, const char *tag, const char *value)
{
	recs = xreallocarray(recs, nrecs + 1, sizeof *recs);
	snmp_oid_parse(oid, &recs[nrecs].oid);
	recs[nrecs].line = xasprintf("%s|%s|%s\n", oid, tag, value);
	nrecs++;
}

static int
rec_cmp(const void *a, const void *b)
{
	return snmp_oid_cmp(&((const struct rec *)a)->oid, &((const struct rec *)b)->oid);
}

static void
write_recs(const char *name)
{
	char *path = xasprintf("%s/data/%s.snmprec", sim_dir, name);
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	qsort(recs, nrecs, sizeof *recs, rec_cmp);
	for (size_t i = 0; i < nrecs; i++) {
		fputs(recs[i].line, f);
		free(recs[i].line);
	}
	fclose(f);
	chmod(path, 0644);
	free(path);
	free(recs);
	recs = NULL;
	nrecs = 0;
}

/* Expected values, the same formulas the files are written from. */
static bool ont_online(int p, int o) { return (o + p * 0) % 10 != 9; }
static int hw_rx_raw(int p, int o) { return -(1500 + (p * 7 + o * 13) % 1300); }
static int zte_rx_raw(int p, int o) { return 5000 + (p * 11 + o * 17) % 3000; }

static void
gen_huawei(void)
{
	char oid[128], val[64];

	add_rec("1.3.6.1.2.1.1.1.0", "4", "Huawei Integrated Access Software MA5800-X7");
	add_rec("1.3.6.1.2.1.1.5.0", "4", "hwsim");
	for (int p = 0; p < NPONS; p++) {
		uint32_t ifx = snmpmap_huawei_ifindex(0, 1, p);
		for (int o = 0; o < NONTS; o++) {
			bool on = ont_online(p, o);
			snprintf(oid, sizeof oid, "1.3.6.1.4.1.2011.6.128.1.1.2.43.1.3.%u.%d", ifx, o);
			snprintf(val, sizeof val, "48575443%02X%02X%02X%02X", p, o, 0xAB, 0xCD);
			add_rec(oid, "4x", val);
			snprintf(oid, sizeof oid, "1.3.6.1.4.1.2011.6.128.1.1.2.43.1.9.%u.%d", ifx, o);
			snprintf(val, sizeof val, "C-%d-%d", p, o);
			add_rec(oid, "4", val);
			snprintf(oid, sizeof oid, "1.3.6.1.4.1.2011.6.128.1.1.2.46.1.15.%u.%d", ifx, o);
			add_rec(oid, "2", on ? "1" : "2");
			snprintf(oid, sizeof oid, "1.3.6.1.4.1.2011.6.128.1.1.2.46.1.20.%u.%d", ifx, o);
			snprintf(val, sizeof val, "%d", on ? 1000 + o : -1);
			add_rec(oid, "2", val);
			snprintf(oid, sizeof oid, "1.3.6.1.4.1.2011.6.128.1.1.2.51.1.4.%u.%d", ifx, o);
			snprintf(val, sizeof val, "%d", on ? hw_rx_raw(p, o) : 2147483647);
			add_rec(oid, "2", val);
			snprintf(oid, sizeof oid, "1.3.6.1.4.1.2011.6.128.1.1.2.51.1.6.%u.%d", ifx, o);
			snprintf(val, sizeof val, "%d", on ? 10000 + hw_rx_raw(p, o) - 150 : 2147483647);
			add_rec(oid, "2", val);
		}
	}
	add_rec("1.3.6.1.4.1.2011.6.128.1.1.2.99.0", "2", "0");	/* sentinel */
	/* A traffic counter that wraps: +1e9 per second, modulo 2^32. */
	add_rec("1.3.6.1.4.1.2011.6.128.1.1.4.23.1.3.4194312192.0", "65:numeric",
	    "rate=1000000000,initial=0,wrap=1");
	write_recs("hwsim");
}

static void
gen_zte(void)
{
	char oid[128], val[64];

	add_rec("1.3.6.1.2.1.1.5.0", "4", "ztesim");
	for (int p = 1; p <= NPONS; p++) {
		uint32_t idx = snmpmap_zte_idx1082(1, 1, p);
		for (int o = 1; o <= NONTS; o++) {
			bool on = ont_online(p, o);
			snprintf(oid, sizeof oid, "1.3.6.1.4.1.3902.1082.500.10.2.3.3.1.2.%u.%d", idx, o);
			snprintf(val, sizeof val, "ONU-%d:%d", p, o);
			add_rec(oid, "4", o == 5 ? "$$$$" : val);
			snprintf(oid, sizeof oid, "1.3.6.1.4.1.3902.1082.500.10.2.3.3.1.18.%u.%d", idx, o);
			snprintf(val, sizeof val, "1,ZTEG%08X", p * 1000 + o);
			add_rec(oid, "4", val);
			snprintf(oid, sizeof oid, "1.3.6.1.4.1.3902.1082.500.10.2.3.8.1.4.%u.%d", idx, o);
			add_rec(oid, "2", on ? "4" : "2");
			snprintf(oid, sizeof oid, "1.3.6.1.4.1.3902.1082.500.10.2.3.10.1.2.%u.%d", idx, o);
			snprintf(val, sizeof val, "%d", 2000 + o);
			add_rec(oid, "2", val);
			snprintf(oid, sizeof oid, "1.3.6.1.4.1.3902.1082.500.1.2.4.2.1.2.%u.%d", idx, o);
			snprintf(val, sizeof val, "%d", on ? -20000 - o : 65535);
			add_rec(oid, "2", val);
			if (on) {
				snprintf(oid, sizeof oid, "1.3.6.1.4.1.3902.1082.500.20.2.2.2.1.10.%u.%d.1", idx, o);
				snprintf(val, sizeof val, "%d", zte_rx_raw(p, o));
				add_rec(oid, "2", val);
			}
		}
	}
	/* No sentinel: the Rx column is the last data, so the walk meets
	   endOfMibView. */
	write_recs("ztesim");
}

static void
gen_slow(void)
{
	char oid[128];

	add_rec("1.3.6.1.2.1.1.5.0", "2:delay", "value=1,wait=3000");
	for (int o = 0; o < 5; o++) {
		snprintf(oid, sizeof oid, "1.3.6.1.4.1.2011.6.128.1.1.2.46.1.15.4194312192.%d", o);
		add_rec(oid, "2", "1");
	}
	write_recs("slow");
}

static int
udp_free_port(void)
{
	struct sockaddr_in a = { .sin_family = AF_INET };
	socklen_t len = sizeof a;
	int fd = socket(AF_INET, SOCK_DGRAM, 0), port;

	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	bind(fd, (struct sockaddr *)&a, sizeof a);
	getsockname(fd, (struct sockaddr *)&a, &len);
	port = ntohs(a.sin_port);
	close(fd);
	return port;
}

static struct snmp_client *
client(const char *community, int timeout_ms, int retries)
{
	struct snmp_target t = { .host = "127.0.0.1", .port = sim_port,
		.community = community, .timeout_ms = timeout_ms, .retries = retries };
	char *cause = NULL;
	struct snmp_client *c = snmpc_open(&t, &cause);

	if (c == NULL)
		fail_msg("snmpc_open: %s", cause);
	return c;
}

static int
setup(void **state)
{
	char *cmd, endpoint[64];
	int tries;

	(void)state;
	snprintf(sim_dir, sizeof sim_dir, "/tmp/oltui-snmpsim.XXXXXX");
	if (mkdtemp(sim_dir) == NULL)
		return -1;
	chmod(sim_dir, 0755);
	cmd = xasprintf("%s/data", sim_dir);
	mkdir(cmd, 0755);
	free(cmd);
	cmd = xasprintf("%s/cache", sim_dir);
	mkdir(cmd, 0777);
	chmod(cmd, 0777);
	free(cmd);
	gen_huawei();
	gen_zte();
	gen_slow();
	sim_port = udp_free_port();
	snprintf(endpoint, sizeof endpoint, "--agent-udpv4-endpoint=127.0.0.1:%d", sim_port);
	sim_pid = fork();
	if (sim_pid == 0) {
		char *data = xasprintf("--data-dir=%s/data", sim_dir);
		char *cache = xasprintf("--cache-dir=%s/cache", sim_dir);
		freopen("/dev/null", "w", stdout);
		freopen("/dev/null", "w", stderr);
		if (geteuid() == 0)
			execlp("snmpsimd", "snmpsimd", data, cache, endpoint,
			    "--process-user=nobody", "--process-group=nogroup",
			    "--logging-method=null", (char *)NULL);
		else
			execlp("snmpsimd", "snmpsimd", data, cache, endpoint,
			    "--logging-method=null", (char *)NULL);
		_exit(127);
	}
	/* Wait until it answers (it indexes the data files first). */
	for (tries = 0; tries < 300; tries++) {
		struct snmp_client *c = client("hwsim", 200, 0);
		struct snmp_oid o;
		struct snmp_value v;
		int rc;

		snmp_oid_parse("1.3.6.1.2.1.1.5.0", &o);
		rc = snmpc_get(c, &o, 1, &v, NULL);
		snmpc_close(c);
		if (rc == 0 && v.type == SNMPV_OCTETS)
			return 0;
		if (waitpid(sim_pid, NULL, WNOHANG) == sim_pid)
			return -1;
		sleep_ms(100);
	}
	return -1;
}

static int
teardown(void **state)
{
	char *cmd;

	(void)state;
	if (sim_pid > 0) {
		kill(sim_pid, SIGCONT);
		kill(sim_pid, SIGTERM);
		waitpid(sim_pid, NULL, 0);
	}
	cmd = xasprintf("rm -rf '%s'", sim_dir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", sim_dir);
	free(cmd);
	return 0;
}

static void
test_huawei_sweep_reads_every_ont(void **state)
{
	struct snmp_client *c = client("hwsim", 2000, 1);
	struct snmp_ont_row *rows = NULL;
	size_t n = 0;
	char *cause = NULL;

	(void)state;
	assert_int_equal(snmpmap_sweep(c, SNMPMAP_HUAWEI, SNMPMAP_IDENTITY, &rows, &n, &cause), 0);
	assert_int_equal(n, NPONS * NONTS);
	for (size_t i = 0; i < n; i++) {
		const struct snmp_ont_row *r = &rows[i];
		int p = r->port, o = r->ont_id;
		char sn[13];

		assert_int_equal(r->frame, 0);
		assert_int_equal(r->slot, 1);
		assert_int_equal(p, (int)i / NONTS);
		assert_int_equal(o, (int)i % NONTS);
		snprintf(sn, sizeof sn, "HWTC%02X%02XABCD", p, o);
		assert_string_equal(r->sn, sn);
		if (ont_online(p, o)) {
			assert_int_equal(r->status, SNMPST_ONLINE);
			assert_float_equal(r->rx_dbm, hw_rx_raw(p, o) / 100.0, 1e-9);
			assert_float_equal(r->olt_rx_dbm, (hw_rx_raw(p, o) - 150) / 100.0, 1e-9);
			assert_int_equal(r->distance_m, 1000 + o);
		} else {
			assert_int_equal(r->status, SNMPST_OFFLINE);
			assert_true(isnan(r->rx_dbm));
			assert_true(isnan(r->olt_rx_dbm));
			assert_int_equal(r->distance_m, -1);
		}
	}
	/* Bounded requests: 6 columns x 200 rows / 20 per request, plus ends. */
	assert_true(snmpc_requests(c) <= 200 * 6 / 20 + 4);
	free(rows);
	snmpc_close(c);
}

static void
test_zte_sweep_meets_end_of_mib_view(void **state)
{
	struct snmp_client *c = client("ztesim", 2000, 1);
	struct snmp_ont_row *rows = NULL;
	size_t n = 0;
	char *cause = NULL;

	(void)state;
	assert_int_equal(snmpmap_sweep(c, SNMPMAP_ZTE, SNMPMAP_IDENTITY, &rows, &n, &cause), 0);
	assert_int_equal(n, NPONS * NONTS);
	for (size_t i = 0; i < n; i++) {
		const struct snmp_ont_row *r = &rows[i];
		char sn[13];

		assert_int_equal(r->frame, 1);
		assert_int_equal(r->slot, 1);
		snprintf(sn, sizeof sn, "ZTEG%08X", r->port * 1000 + r->ont_id);
		assert_string_equal(r->sn, sn);
		assert_int_equal(r->distance_m, 2000 + r->ont_id);
		if (ont_online(r->port, r->ont_id)) {
			assert_int_equal(r->status, SNMPST_ONLINE);
			assert_float_equal(r->rx_dbm,
			    zte_rx_raw(r->port, r->ont_id) * 0.002 - 30, 1e-9);
			assert_float_equal(r->olt_rx_dbm, (-20000 - r->ont_id) / 1000.0, 1e-9);
		} else {
			assert_int_equal(r->status, SNMPST_LOS);
			assert_true(isnan(r->rx_dbm));
			assert_true(isnan(r->olt_rx_dbm));
		}
		if (r->ont_id == 5)
			assert_string_equal(r->desc, "");	/* "$$$$" = empty */
		else
			assert_true(str_startswith(r->desc, "ONU-"));
	}
	free(rows);
	snmpc_close(c);
}

static void
test_live_read_of_one_ont(void **state)
{
	struct snmp_client *c = client("ztesim", 2000, 1);
	struct snmp_ont_row r = { .frame = 1, .slot = 1, .port = 2, .ont_id = 7 };
	char *cause = NULL;

	(void)state;
	assert_int_equal(snmpmap_live(c, SNMPMAP_ZTE, &r, &cause), 0);
	assert_int_equal(r.status, SNMPST_ONLINE);
	assert_float_equal(r.rx_dbm, zte_rx_raw(2, 7) * 0.002 - 30, 1e-9);
	assert_int_equal(snmpc_requests(c), 1);
	r.ont_id = 120;
	assert_int_equal(snmpmap_live(c, SNMPMAP_ZTE, &r, &cause), -1);
	assert_non_null(strstr(cause, "not configured"));
	free(cause);
	snmpc_close(c);
}

static void
test_wrong_community_times_out_with_a_clear_cause(void **state)
{
	struct snmp_client *c = client("no-such-community", 200, 1);
	struct snmp_ont_row *rows = NULL;
	size_t n = 0;
	char *cause = NULL;

	(void)state;
	assert_int_equal(snmpmap_sweep(c, SNMPMAP_HUAWEI, 0, &rows, &n, &cause), -1);
	assert_non_null(strstr(cause, "no answer from 127.0.0.1"));
	assert_non_null(strstr(cause, "wrong community"));
	assert_int_equal(n, 0);
	assert_null(rows);
	free(cause);
	snmpc_close(c);
}

static void
test_delay_variation_times_out(void **state)
{
	struct snmp_client *c = client("slow", 300, 0);
	struct snmp_oid o;
	struct snmp_value v;
	char *cause = NULL;

	(void)state;
	snmp_oid_parse("1.3.6.1.2.1.1.5.0", &o);
	assert_int_equal(snmpc_get(c, &o, 1, &v, &cause), -1);
	assert_non_null(strstr(cause, "within 300 ms"));
	free(cause);
	snmpc_close(c);
	/* snmpsim serves delayed replies one after another: let it drain. */
	sleep_ms(3200);
}

struct stopper {
	int	 seen;
};

static int
stop_agent_after_first(const struct snmp_value *v, void *arg)
{
	struct stopper *s = arg;

	(void)v;
	if (s->seen++ == 0)
		kill(sim_pid, SIGSTOP);
	return 0;
}

static void
test_agent_that_stops_mid_walk(void **state)
{
	struct snmp_client *c = client("hwsim", 300, 1);
	struct snmp_oid col;
	struct stopper s = { 0 };
	char *cause = NULL;

	(void)state;
	snmp_oid_parse("1.3.6.1.4.1.2011.6.128.1.1.2.51.1.4", &col);
	assert_int_equal(snmpc_walk(c, &col, stop_agent_after_first, &s, &cause), -1);
	kill(sim_pid, SIGCONT);
	assert_int_equal(s.seen, 20);	/* the first GETBULK's worth */
	assert_non_null(strstr(cause, "walk stopped after 20 values"));
	free(cause);
	snmpc_close(c);
}

static void
test_counter32_wrap(void **state)
{
	struct snmp_client *c = client("hwsim", 2000, 1);
	struct snmp_oid o;
	uint64_t prev = 0;
	int64_t tprev = 0;
	int wraps = 0;

	(void)state;
	snmp_oid_parse("1.3.6.1.4.1.2011.6.128.1.1.4.23.1.3.4194312192.0", &o);
	/* 1e9 per second wraps 2^32 every ~4.3 s: read for 6 s. */
	for (int i = 0; i < 25; i++) {
		struct snmp_value v;
		int64_t t;

		assert_int_equal(snmpc_get(c, &o, 1, &v, NULL), 0);
		assert_int_equal(v.type, SNMPV_UINT);
		t = mono_ms();
		if (i > 0) {
			uint64_t d = snmp_counter_delta(prev, v.u, 32);
			double rate = (double)d / ((double)(t - tprev) / 1000.0);
			if (v.u < prev)
				wraps++;
			/* Never a huge bogus jump: the delta matches the rate. */
			assert_true(rate > 2e8 && rate < 5e9);
		}
		prev = v.u;
		tprev = t;
		sleep_ms(250);
	}
	assert_true(wraps >= 1);
	snmpc_close(c);
}

static void
test_snmpv3_default_simulator_user(void **state)
{
	struct snmp_target t = { .host = "127.0.0.1", .port = sim_port, .version = 3,
		.v3_user = "simulator", .v3_auth_proto = "MD5", .v3_auth_pass = "auctoritas",
		.v3_priv_proto = "DES", .v3_priv_pass = "privatus", .v3_context = "ztesim",
		.timeout_ms = 2000 };
	struct snmp_target bad = t;
	char *cause = NULL;
	struct snmp_client *c;
	struct snmp_oid o;
	struct snmp_value v;

	(void)state;
	/* snmpsim selects the data file by the v3 context name. */
	c = snmpc_open(&t, &cause);
	assert_non_null(c);
	snmp_oid_parse("1.3.6.1.2.1.1.5.0", &o);
	if (snmpc_get(c, &o, 1, &v, &cause) != 0)
		fail_msg("v3 get: %s", cause);
	assert_int_equal(v.type, SNMPV_OCTETS);
	assert_memory_equal(v.bytes, "ztesim", 6);
	snmpc_close(c);
	bad.v3_auth_pass = "short";
	assert_null(snmpc_open(&bad, &cause));
	assert_non_null(strstr(cause, "at least 8"));
	free(cause);
}

static void
test_budget_and_rate_limit(void **state)
{
	struct snmp_target t = { .host = "127.0.0.1", .port = sim_port,
		.community = "hwsim", .timeout_ms = 2000, .retries = 0,
		.max_requests = 3 };
	struct snmp_ont_row *rows = NULL;
	size_t n = 0;
	char *cause = NULL;
	struct snmp_client *c = snmpc_open(&t, &cause);
	struct snmp_oid o;
	struct snmp_value v;
	int64_t start;

	(void)state;
	assert_int_equal(snmpmap_sweep(c, SNMPMAP_HUAWEI, 0, &rows, &n, &cause), -1);
	assert_non_null(strstr(cause, "budget of 3"));
	assert_int_equal(snmpc_requests(c), 3);
	free(cause);
	cause = NULL;
	snmpc_close(c);
	/* 10 requests a second: five GETs are spaced at least 100 ms apart. */
	t.max_requests = 0;
	t.rate_per_s = 10;
	c = snmpc_open(&t, &cause);
	snmp_oid_parse("1.3.6.1.2.1.1.5.0", &o);
	start = mono_ms();
	for (int i = 0; i < 5; i++)
		assert_int_equal(snmpc_get(c, &o, 1, &v, NULL), 0);
	assert_true(mono_ms() - start >= 400);
	snmpc_close(c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_huawei_sweep_reads_every_ont),
		cmocka_unit_test(test_zte_sweep_meets_end_of_mib_view),
		cmocka_unit_test(test_live_read_of_one_ont),
		cmocka_unit_test(test_wrong_community_times_out_with_a_clear_cause),
		cmocka_unit_test(test_delay_variation_times_out),
		cmocka_unit_test(test_agent_that_stops_mid_walk),
		cmocka_unit_test(test_counter32_wrap),
		cmocka_unit_test(test_snmpv3_default_simulator_user),
		cmocka_unit_test(test_budget_and_rate_limit),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
