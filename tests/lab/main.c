/*
 * main.c — oltsim: simulated Huawei and ZTE OLTs on 127.0.0.1 (docs/lab.md).
 *
 *   oltsim [--huawei N] [--zte N] [--boards B] [--pons P] [--onts K]
 *          [--seed S] [--base-port PORT] [--latency MS] [--config FILE]
 *          [--ctl SOCKET] [--host-key FILE] [--tick-ms MS] [--no-life]
 *   oltsim --stdio --persona huawei|zte [--seed S] [--echo|--no-echo] [--login]
 *   oltsim ctl SOCKET VERB [ARGS...]
 *
 * The same keys (without "--") work in a `key = value` config file.  On
 * start it prints one line per OLT,
 *   olt NAME vendor=V cli=ssh|telnet://127.0.0.1:PORT snmp=127.0.0.1:PORT
 *       community=C user=U password=P
 * then `ctl SOCKET` and `ready`, and runs until SIGTERM, SIGINT or the
 * control verb `quit`; it then stops the life thread, the control socket,
 * the SNMP agent and the CLI servers (joining their threads) and exits 0.
 *
 * Signals: main blocks SIGTERM/SIGINT before starting any thread (so every
 * thread inherits the mask) and waits for them with sigwait(); SIGPIPE is
 * ignored (a client that leaves mid-answer is an ordinary event).
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tests/lab/lab.h"
#include "tests/lab/persona.h"
#include "tests/lab/snmp_agent.h"

/* Prints the usage on fp. */
static void
usage(FILE *fp)
{
	fprintf(fp, "usage: oltsim [options]            simulated OLTs on 127.0.0.1\n"
	    "       oltsim --stdio --persona huawei|zte [options]\n"
	    "       oltsim ctl SOCKET VERB [ARGS...]\n"
	    "options:\n");
	lab_opts_usage(fp);
	fprintf(fp, "control verbs: cut restore set-levels set-state add-autofind latency drop-after\n"
	    "  garble refuse-login snmp-timeout busy tick dump help quit (see docs/lab.md)\n");
}

/* Parses the command line into o; returns -1 with *cause, 1 for --help. */
static int
parse_args(struct lab_opts *o, int argc, char **argv, char **cause)
{
	int i;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i], *val = NULL;
		char key[64];
		const char *eq;

		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0)
			return 1;
		if (!str_startswith(a, "--")) {
			set_cause(cause, "unexpected argument '%s' (oltsim --help)", a);
			return -1;
		}
		a += 2;
		if ((eq = strchr(a, '=')) != NULL) {
			snprintf(key, sizeof key, "%.*s", (int)(eq - a), a);
			val = eq + 1;
		} else {
			snprintf(key, sizeof key, "%s", a);
			if (lab_opt_has_value(key)) {
				if (i + 1 >= argc) {
					set_cause(cause, "--%s wants a value", key);
					return -1;
				}
				val = argv[++i];
			}
		}
		if (lab_opt_set(o, key, val, cause) != 0)
			return -1;
	}
	return 0;
}

/* Runs the fleet until a stop signal; returns the exit status. */
static int
run_fleet(struct lab_opts *o)
{
	struct sim_fleet *f;
	sigset_t set;
	char *cause = NULL, *ctl_path;
	int sig = 0, i, rc = 1;
	bool srv = false, snmp = false, ctl = false, life = false;

	if (o->fleet.huawei + o->fleet.zte < 1) {
		fprintf(stderr, "oltsim: nothing to simulate (--huawei 0 --zte 0)\n");
		return 2;
	}
	if (o->fleet.base_port > 0 &&
	    o->fleet.base_port + 2 * (o->fleet.huawei + o->fleet.zte) - 1 > 65535) {
		fprintf(stderr, "oltsim: --base-port %d leaves no room for %d OLTs (2 ports each)\n",
		    o->fleet.base_port, o->fleet.huawei + o->fleet.zte);
		return 2;
	}
	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	signal(SIGPIPE, SIG_IGN);

	f = fleet_new(&o->fleet);
	ctl_path = o->ctl_path != NULL ? xstrdup(o->ctl_path) : ctl_default_path();
	if (server_start(f, o, &cause) != 0)
		goto out;
	srv = true;
	if (snmp_agent_start(f, &cause) != 0)
		goto out;
	snmp = true;
	if (ctl_start(f, ctl_path, &cause) != 0)
		goto out;
	ctl = true;
	if (!o->no_life) {
		if (life_start(f, o->tick_ms, &cause) != 0)
			goto out;
		life = true;
	}
	for (i = 0; i < f->nolts; i++) {
		const struct sim_olt *olt = &f->olts[i];
		const struct persona *p = persona_for(olt->vendor);

		printf("olt %s vendor=%s cli=%s://127.0.0.1:%u snmp=127.0.0.1:%u community=%s user=%s password=%s\n",
		    olt->name, p->name, p->transport, olt->cli_port,
		    olt->snmp_port, olt->community, olt->user, olt->password);
	}
	/* A profile per persona present, for `oltui demo`. */
	for (int v = SIM_HUAWEI; v <= SIM_ZTE; v++) {
		const struct persona *p = persona_for((enum sim_vendor)v);

		for (i = 0; i < f->nolts && f->olts[i].vendor != (enum sim_vendor)v; i++)
			;
		if (i < f->nolts)
			printf("profile %s\n", p->demo_profile);
	}
	printf("ctl %s\nready\n", ctl_path);
	fflush(stdout);

	while (sigwait(&set, &sig) != 0 || (sig != SIGTERM && sig != SIGINT))
		;
	rc = 0;
out:
	if (cause != NULL) {
		fprintf(stderr, "oltsim: %s\n", cause);
		free(cause);
	}
	if (life)
		life_stop();
	if (ctl)
		ctl_stop();
	if (snmp)
		snmp_agent_stop();
	if (srv)
		server_stop();
	fleet_free(f);
	free(ctl_path);
	return rc;
}

/* The `oltsim ctl` client, one --stdio session, or the fleet. */
int
main(int argc, char **argv)
{
	struct lab_opts o;
	char *cause = NULL;
	int rc;

	if (argc > 1 && strcmp(argv[1], "ctl") == 0)
		return ctl_client(argc - 1, argv + 1);
	if (argc > 1 && strcmp(argv[1], "--version") == 0) {
		printf("oltsim %s\n", OLTUI_VERSION);
		return 0;
	}
	lab_opts_init(&o);
	rc = parse_args(&o, argc, argv, &cause);
	if (rc == 1) {
		usage(stdout);
		lab_opts_free(&o);
		return 0;
	}
	if (rc != 0) {
		fprintf(stderr, "oltsim: %s\n", cause);
		free(cause);
		lab_opts_free(&o);
		return 2;
	}
	rc = o.stdio ? stdio_run(&o) : run_fleet(&o);
	lab_opts_free(&o);
	return rc;
}
