/* snmpsim_fixture.h — starts snmpsim (a real, independent SNMP agent) on
   127.0.0.1 with data files generated from the index formulas and scalings
   of shared/reference/snmp-oids.md, and stops it by its PID.  Included by
   the SNMP test programs (static functions: one copy per program).

   Data: community "hwsim" = a Huawei OLT with NPONS x NONTS ONTs on 0/1/P
   and the boards of hw_boards[], "ztesim" = a ZTE OLT on 1/1/P with the
   cards of a real C300 walk (tests/fixtures/zte/zxa10_c300.cards.snmprec,
   VERBATIM), "slow" = an agent whose sysName answers after 3 s.  ONT o of
   port p is offline (Huawei) / LOS (ZTE) when o % 10 == 9. */
#ifndef OLTUI_SNMPSIM_FIXTURE_H
#define OLTUI_SNMPSIM_FIXTURE_H

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

#include "drivers/huawei.h"
#include "drivers/snmp_map.h"
#include "drivers/zte.h"
#include "lib/util.h"

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

/* A board as the agent serves it (temp NAN: no sensor). */
struct board_rec {
	int		 slot;
	const char	*name;
	int		 cpu;
	double		 temp;
};

/* Huawei boards at 0.<slot>: hwSlotDesc, hwMusaBoardCpuRate,
   hwMusaBoardTemperature (snmp-oids.md 1.6; values synthesised, no public
   walk has them). */
static const struct board_rec hw_boards[] = {
	{ 1, "H901GPHF", 31, 47 }, { 9, "H901MPLA", 12, 41 }, { 10, "H901MPLA", 3, 40 },
};

/* The cards of tests/fixtures/zte/zxa10_c300.cards.snmprec at 1.1.<slot>
   (-1000 there: no sensor). */
static const struct board_rec zte_cards[] = {
	{ 0, "PRWG", 0, NAN }, { 1, "PRWG", 0, NAN }, { 2, "GTGOG", 11, 28 },
	{ 10, "SCXL", 22, 44 }, { 11, "SCXL", 11, 43 }, { 19, "HUTQ", 20, NAN },
};

/* Adds the lines of a snmprec fixture (tests/fixtures/<rel>). */
static void
add_fixture(const char *rel)
{
	const char *top = getenv("OLTUI_TOP");
	char *path = xasprintf("%s/tests/fixtures/%s", top ? top : ".", rel);
	FILE *f = fopen(path, "r");
	char line[512];

	if (f == NULL)
		fail_msg("cannot open %s", path);
	while (fgets(line, sizeof line, f) != NULL) {
		char *tag = strchr(line, '|'), *val = tag ? strchr(tag + 1, '|') : NULL;

		if (val == NULL)
			continue;
		*tag++ = '\0';
		*val++ = '\0';
		val[strcspn(val, "\n")] = '\0';
		add_rec(line, tag, val);
	}
	fclose(f);
	free(path);
}

static void
gen_huawei(void)
{
	char oid[128], val[64];

	add_rec("1.3.6.1.2.1.1.1.0", "4", "Huawei Integrated Access Software MA5800-X7");
	add_rec("1.3.6.1.2.1.1.5.0", "4", "hwsim");
	for (size_t i = 0; i < sizeof hw_boards / sizeof hw_boards[0]; i++) {
		snprintf(oid, sizeof oid, "1.3.6.1.4.1.2011.6.3.3.2.1.3.0.%d", hw_boards[i].slot);
		add_rec(oid, "4", hw_boards[i].name);
		snprintf(oid, sizeof oid, "1.3.6.1.4.1.2011.2.6.7.1.1.2.1.5.0.%d", hw_boards[i].slot);
		snprintf(val, sizeof val, "%d", hw_boards[i].cpu);
		add_rec(oid, "2", val);
		snprintf(oid, sizeof oid, "1.3.6.1.4.1.2011.2.6.7.1.1.2.1.10.0.%d", hw_boards[i].slot);
		snprintf(val, sizeof val, "%.0f", hw_boards[i].temp);
		add_rec(oid, "2", val);
	}
	for (int p = 0; p < NPONS; p++) {
		uint32_t ifx = huawei_snmp_ifindex(0, 1, p);
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
	add_fixture("zte/zxa10_c300.cards.snmprec");
	for (int p = 1; p <= NPONS; p++) {
		uint32_t idx = zte_snmp_idx1082(1, 1, p);
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
snmpsim_setup(void **state)
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
snmpsim_teardown(void **state)
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

#endif
