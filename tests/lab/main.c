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

struct opt_def {
	const char	*key;
	bool		 value;		/* takes a value */
	const char	*help;
};

static const struct opt_def opt_defs[] = {
	{ "huawei",	true,	"N        Huawei OLTs (SSH CLI)            [1]" },
	{ "zte",	true,	"N        ZTE OLTs (Telnet CLI)            [1]" },
	{ "boards",	true,	"B        PON boards per OLT               [1]" },
	{ "pons",	true,	"P        PON ports per board (1-16)       [2]" },
	{ "onts",	true,	"K        ONTs per PON port (0-128)        [8]" },
	{ "seed",	true,	"S        seed of everything generated     [1]" },
	{ "base-port",	true,	"PORT     first port; each OLT takes 2 (0 = any free) [0]" },
	{ "latency",	true,	"MS       added before each CLI answer     [0]" },
	{ "config",	true,	"FILE     read `key = value` lines (these keys)" },
	{ "ctl",	true,	"SOCKET   control socket [$XDG_RUNTIME_DIR or /tmp/oltsim-PID.sock]" },
	{ "host-key",	true,	"FILE     SSH host key (ed25519 private key) [generated]" },
	{ "tick-ms",	true,	"MS       life step period                 [1000]" },
	{ "no-life",	false,	"         no life thread (ctl `tick` still steps)" },
	{ "stdio",	false,	"         one CLI session on stdin/stdout" },
	{ "persona",	true,	"NAME     huawei or zte, for --stdio" },
	{ "echo",	false,	"         --stdio: echo typed characters" },
	{ "no-echo",	false,	"         --stdio: never echo" },
	{ "login",	false,	"         --stdio: in-band login for Huawei too" },
};

/* Sets the defaults. */
void
lab_opts_init(struct lab_opts *o)
{
	memset(o, 0, sizeof *o);
	o->fleet.huawei = 1;
	o->fleet.zte = 1;
	o->fleet.boards = 1;
	o->fleet.pons = 2;
	o->fleet.onts = 8;
	o->fleet.seed = 1;
	o->tick_ms = 1000;
	o->echo = -1;
}

/* Frees the strings. */
void
lab_opts_free(struct lab_opts *o)
{
	free(o->host_key);
	free(o->ctl_path);
	free(o->persona);
}

/* True when key takes a value. */
bool
lab_opt_has_value(const char *key)
{
	size_t i;

	for (i = 0; i < nitems(opt_defs); i++)
		if (strcmp(opt_defs[i].key, key) == 0)
			return opt_defs[i].value;
	return false;
}

/* Parses a number option into *out. */
static int
num_opt(const char *key, const char *val, long min, long max, int *out, char **cause)
{
	long n;

	if (val == NULL || parse_long(val, min, max, &n) != 0) {
		set_cause(cause, "--%s wants a number from %ld to %ld, not '%s'", key, min, max,
		    val != NULL ? val : "");
		return -1;
	}
	*out = (int)n;
	return 0;
}

/* Parses a flag written in a config file ("true", "yes", "1", …). */
static int
flag_opt(const char *key, const char *val, bool *out, char **cause)
{
	if (val == NULL || strcmp(val, "true") == 0 || strcmp(val, "yes") == 0 ||
	    strcmp(val, "on") == 0 || strcmp(val, "1") == 0)
		*out = true;
	else if (strcmp(val, "false") == 0 || strcmp(val, "no") == 0 ||
	    strcmp(val, "off") == 0 || strcmp(val, "0") == 0)
		*out = false;
	else {
		set_cause(cause, "%s wants true or false, not '%s'", key, val);
		return -1;
	}
	return 0;
}

/* Applies one option. */
int
lab_opt_set(struct lab_opts *o, const char *key, const char *val, char **cause)
{
	int seed, n;
	bool b;

	if (strcmp(key, "huawei") == 0)
		return num_opt(key, val, 0, 1000, &o->fleet.huawei, cause);
	if (strcmp(key, "zte") == 0)
		return num_opt(key, val, 0, 1000, &o->fleet.zte, cause);
	if (strcmp(key, "boards") == 0)
		return num_opt(key, val, 1, 16, &o->fleet.boards, cause);
	if (strcmp(key, "pons") == 0)
		return num_opt(key, val, 1, 16, &o->fleet.pons, cause);
	if (strcmp(key, "onts") == 0)
		return num_opt(key, val, 0, SIM_MAX_ONTS, &o->fleet.onts, cause);
	if (strcmp(key, "seed") == 0) {
		if (num_opt(key, val, 0, 2147483647L, &seed, cause) != 0)
			return -1;
		o->fleet.seed = (uint32_t)seed;
		return 0;
	}
	if (strcmp(key, "base-port") == 0)
		return num_opt(key, val, 0, 65535, &o->fleet.base_port, cause);
	if (strcmp(key, "latency") == 0)
		return num_opt(key, val, 0, 600000, &o->fleet.latency_ms, cause);
	if (strcmp(key, "tick-ms") == 0)
		return num_opt(key, val, 1, 3600000, &o->tick_ms, cause);
	if (strcmp(key, "config") == 0)
		return lab_opts_load(o, val, cause);
	if (strcmp(key, "ctl") == 0 || strcmp(key, "host-key") == 0 || strcmp(key, "persona") == 0) {
		char **dst = key[0] == 'c' ? &o->ctl_path : key[0] == 'h' ? &o->host_key : &o->persona;

		if (val == NULL || *val == '\0') {
			set_cause(cause, "--%s wants a value", key);
			return -1;
		}
		free(*dst);
		*dst = xstrdup(val);
		return 0;
	}
	if (strcmp(key, "no-life") == 0)
		return flag_opt(key, val, &o->no_life, cause);
	if (strcmp(key, "stdio") == 0)
		return flag_opt(key, val, &o->stdio, cause);
	if (strcmp(key, "login") == 0)
		return flag_opt(key, val, &o->login, cause);
	if (strcmp(key, "echo") == 0 || strcmp(key, "no-echo") == 0) {
		if (flag_opt(key, val, &b, cause) != 0)
			return -1;
		n = b ? 1 : 0;
		o->echo = key[0] == 'e' ? n : !n;
		return 0;
	}
	set_cause(cause, "unknown option '%s' (oltsim --help lists them)", key);
	return -1;
}

/* Reads a config file of `key = value` lines. */
int
lab_opts_load(struct lab_opts *o, const char *path, char **cause)
{
	static int depth;
	FILE *fp;
	char line[1024];
	int lineno = 0, rc = 0;

	if (path == NULL || (fp = fopen(path, "r")) == NULL) {
		set_cause(cause, "cannot read config %s: %s", path ? path : "", strerror(errno));
		return -1;
	}
	if (++depth > 4) {
		set_cause(cause, "config files include each other too deeply (%s)", path);
		depth--;
		fclose(fp);
		return -1;
	}
	while (rc == 0 && fgets(line, sizeof line, fp) != NULL) {
		char *p = str_trim(line), *eq, *key, *val;
		char *err = NULL;

		lineno++;
		if (*p == '\0' || *p == '#')
			continue;
		if ((eq = strchr(p, '=')) != NULL) {
			*eq = '\0';
			key = str_trim(p);
			val = str_trim(eq + 1);
		} else {
			key = p;
			val = NULL;
		}
		if (lab_opt_set(o, key, val, &err) != 0) {
			set_cause(cause, "%s:%d: %s", path, lineno, err);
			free(err);
			rc = -1;
		}
	}
	fclose(fp);
	depth--;
	return rc;
}

/* Prints the usage on fp. */
static void
usage(FILE *fp)
{
	size_t i;

	fprintf(fp, "usage: oltsim [options]            simulated OLTs on 127.0.0.1\n"
	    "       oltsim --stdio --persona huawei|zte [options]\n"
	    "       oltsim ctl SOCKET VERB [ARGS...]\n"
	    "options:\n");
	for (i = 0; i < nitems(opt_defs); i++)
		fprintf(fp, "  --%-10s %s\n", opt_defs[i].key, opt_defs[i].help);
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
	if (snmp_agent_start != NULL) {
		if (snmp_agent_start(f, &cause) != 0)
			goto out;
		snmp = true;
	}
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
		bool hw = olt->vendor == SIM_HUAWEI;

		printf("olt %s vendor=%s cli=%s://127.0.0.1:%u snmp=127.0.0.1:%u community=%s user=%s password=%s\n",
		    olt->name, hw ? "huawei" : "zte", hw ? "ssh" : "telnet", olt->cli_port,
		    olt->snmp_port, olt->community, olt->user, olt->password);
	}
	if (!snmp)
		fprintf(stderr, "oltsim: warning: no SNMP agent in this build\n");
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
