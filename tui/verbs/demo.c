/*
 * demo.c — `oltui demo`: the console on a small simulated fleet.
 *
 * Starts the oltsim next to the oltui binary (/proc/self/exe's directory)
 * with its default fleet (an OLT per persona it has), one board, two PON
 * ports and 16 ONTs each, on free loopback ports; reads its printed `olt
 * ...` and `profile ...` lines until `ready` (passwords and communities
 * arrive through that pipe, never argv); makes a scratch database and key
 * file in a temp directory; adds the OLTs (inv_olt_add) and the service
 * profiles the lab says fit them, sweeps each OLT once (ops_sweep, with
 * health), reads discovery, and opens the console on it.  What vendors
 * the lab simulates is the lab's to say: nothing here names one.
 *
 * The customers' routers: when the source tree's TR-069 stand-in is there
 * (tests/lab/acsim.py next to the binary, and python3), it is started with
 * a router for every ONT of the lab (`oltsim ctl dump`), and the demo's
 * config.ini points [acs] url at it, so the console's router view (T on
 * an ONT) works; without it the demo runs without routers and says so.
 *
 * Quitting stops the lab and the stand-in (SIGTERM to each PID, then
 * waitpid) and removes the temp directory.
 *
 *   oltui demo [--dir DIR] [--no-life] [--seed N]   (verbs_demo[], below)
 *
 * --dir keeps the database and key file in DIR (created if missing, not
 * removed) — the tests use it; --no-life and --seed make oltsim
 * deterministic.  Main thread, before and after the console.
 */
#include "tui/console/console.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/engine.h"
#include "core/inventory.h"
#include "core/ops.h"
#include "core/poll.h"
#include "core/store.h"
#include "core/vault.h"
#include "lib/util.h"
#include "tui/verbs/verb.h"

struct demo_olt {
	char	name[33], vendor[16], user[65], password[65], community[65];
	int	cliport, snmpport;
	bool	ssh;
};

/* What the lab printed: its OLTs and the profiles that fit them. */
struct demo_lab {
	struct demo_olt	 olts[8];
	int		 nolts;
	struct profile	 profiles[8];
	int		 nprofiles;
};

/* Parses one `profile NAME vlan=V down=D up=U line=L service=S` line. */
static int
parse_profile(const char *line, struct profile *p)
{
	char buf[512], *save = NULL, *w;

	inv_init(INV_PROFILE, p);
	strlcpy_(buf, line, sizeof buf);
	if ((w = strtok_r(buf, " \n", &save)) == NULL || strcmp(w, "profile") != 0 ||
	    (w = strtok_r(NULL, " \n", &save)) == NULL)
		return -1;
	strlcpy_(p->name, w, sizeof p->name);
	while ((w = strtok_r(NULL, " \n", &save)) != NULL) {
		char *v = strchr(w, '=');

		if (v == NULL)
			continue;
		*v++ = '\0';
		if (strcmp(w, "vlan") == 0)
			p->vlan = atoi(v);
		else if (strcmp(w, "down") == 0)
			p->down_mbps = atoi(v);
		else if (strcmp(w, "up") == 0)
			p->up_mbps = atoi(v);
		else if (strcmp(w, "line") == 0)
			strlcpy_(p->line_profile, v, sizeof p->line_profile);
		else if (strcmp(w, "service") == 0)
			strlcpy_(p->service_profile, v, sizeof p->service_profile);
	}
	return p->vlan > 0 ? 0 : -1;
}

/* Removes one file or directory (nftw callback). */
static int
rm_one(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb, (void)flag, (void)ftw;
	return remove(path);
}

/* Parses one `olt NAME key=value...` line. */
static int
parse_olt(const char *line, struct demo_olt *d)
{
	char buf[512], *save = NULL, *w;

	memset(d, 0, sizeof *d);
	strlcpy_(buf, line, sizeof buf);
	if ((w = strtok_r(buf, " \n", &save)) == NULL || strcmp(w, "olt") != 0 ||
	    (w = strtok_r(NULL, " \n", &save)) == NULL)
		return -1;
	strlcpy_(d->name, w, sizeof d->name);
	while ((w = strtok_r(NULL, " \n", &save)) != NULL) {
		char *v = strchr(w, '='), *colon;

		if (v == NULL)
			continue;
		*v++ = '\0';
		if (strcmp(w, "vendor") == 0)
			strlcpy_(d->vendor, v, sizeof d->vendor);
		else if (strcmp(w, "user") == 0)
			strlcpy_(d->user, v, sizeof d->user);
		else if (strcmp(w, "password") == 0)
			strlcpy_(d->password, v, sizeof d->password);
		else if (strcmp(w, "community") == 0)
			strlcpy_(d->community, v, sizeof d->community);
		else if (strcmp(w, "cli") == 0 && (colon = strrchr(v, ':')) != NULL) {
			d->cliport = atoi(colon + 1);
			d->ssh = str_startswith(v, "ssh:");
		} else if (strcmp(w, "snmp") == 0 && (colon = strrchr(v, ':')) != NULL)
			d->snmpport = atoi(colon + 1);
	}
	return d->cliport > 0 && d->snmpport > 0 ? 0 : -1;
}

/* Starts oltsim; fills olts and the PID.  0 or -1 (message printed). */
static int
sim_start(const char *dir, bool no_life, long seed, pid_t *pid,
    struct demo_lab *lab)
{
	char exe[PATH_MAX], sim[PATH_MAX + 16], sock[PATH_MAX + 16], line[512];
	char seed_s[24];
	char *argv[24];
	int p[2], n = 0;
	ssize_t len;
	FILE *f;
	char *slash;

	if ((len = readlink("/proc/self/exe", exe, sizeof exe - 1)) <= 0) {
		fprintf(stderr, "oltui demo: cannot find my own binary\n");
		return -1;
	}
	exe[len] = '\0';
	if ((slash = strrchr(exe, '/')) != NULL)
		*slash = '\0';
	snprintf(sim, sizeof sim, "%s/oltsim", exe);
	snprintf(sock, sizeof sock, "%s/sim.sock", dir);
	if (access(sim, X_OK) != 0) {
		fprintf(stderr, "oltui demo: no oltsim next to oltui (%s): run make\n", sim);
		return -1;
	}
	argv[n++] = sim;
	argv[n++] = (char *)"--boards"; argv[n++] = (char *)"1";
	argv[n++] = (char *)"--pons"; argv[n++] = (char *)"2";
	argv[n++] = (char *)"--onts"; argv[n++] = (char *)"16";
	argv[n++] = (char *)"--base-port"; argv[n++] = (char *)"0";
	argv[n++] = (char *)"--ctl"; argv[n++] = sock;
	if (no_life)
		argv[n++] = (char *)"--no-life";
	if (seed >= 0) {
		snprintf(seed_s, sizeof seed_s, "%ld", seed);
		argv[n++] = (char *)"--seed";
		argv[n++] = seed_s;
	}
	argv[n] = NULL;
	if (pipe(p) == -1)
		return -1;
	if ((*pid = fork()) == -1) {
		perror("oltui demo: fork");
		return -1;
	}
	if (*pid == 0) {
		dup2(p[1], STDOUT_FILENO);
		close(p[0]);
		close(p[1]);
		setpgid(0, 0);	/* keep terminal signals (C-c, C-z) for oltui */
		execv(sim, argv);
		_exit(127);
	}
	close(p[1]);
	f = fdopen(p[0], "r");
	lab->nolts = lab->nprofiles = 0;
	while (fgets(line, sizeof line, f) != NULL) {
		if (strcmp(line, "ready\n") == 0) {
			fclose(f);
			return lab->nolts > 0 ? 0 : -1;
		}
		if (lab->nolts < 8 && parse_olt(line, &lab->olts[lab->nolts]) == 0)
			lab->nolts++;
		else if (lab->nprofiles < 8 &&
		    parse_profile(line, &lab->profiles[lab->nprofiles]) == 0)
			lab->nprofiles++;
	}
	fclose(f);
	fprintf(stderr, "oltui demo: oltsim stopped before it was ready\n");
	return -1;
}

/* Runs argv with stdout into path; its exit status, or -1. */
static int
run_to_file(char *const argv[], const char *path)
{
	pid_t pid;
	int fd, st;

	if ((fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600)) < 0)
		return -1;
	if ((pid = fork()) == -1) {
		close(fd);
		return -1;
	}
	if (pid == 0) {
		dup2(fd, STDOUT_FILENO);
		execv(argv[0], argv);
		_exit(127);
	}
	close(fd);
	while (waitpid(pid, &st, 0) == -1)
		if (errno != EINTR)
			return -1;
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/* Starts the TR-069 stand-in with a router per ONT of the lab and writes
   dir/config.ini pointing [acs] url at it.  0 and *pid, or -1 (said why:
   the demo goes on without routers). */
static int
acs_start(const char *dir, pid_t *pid)
{
	char exe[PATH_MAX], sim[PATH_MAX + 16], acsim[PATH_MAX + 32], sock[PATH_MAX + 16];
	char dump[PATH_MAX + 16], portf[PATH_MAX + 16], cfg[PATH_MAX + 16], *slash;
	char *dump_argv[] = { sim, (char *)"ctl", sock, (char *)"dump", NULL };
	char *acs_argv[] = { (char *)"/usr/bin/python3", acsim, (char *)"--port",
	    (char *)"0", (char *)"--port-file", portf, (char *)"--oltsim-dump", dump, NULL };
	ssize_t len;
	long port = 0;
	FILE *f;

	*pid = -1;
	if ((len = readlink("/proc/self/exe", exe, sizeof exe - 1)) <= 0)
		return -1;
	exe[len] = '\0';
	if ((slash = strrchr(exe, '/')) != NULL)
		*slash = '\0';
	snprintf(sim, sizeof sim, "%s/oltsim", exe);
	snprintf(acsim, sizeof acsim, "%s/tests/lab/acsim.py", exe);
	snprintf(sock, sizeof sock, "%s/sim.sock", dir);
	snprintf(dump, sizeof dump, "%s/lab-dump.json", dir);
	snprintf(portf, sizeof portf, "%s/acs.port", dir);
	snprintf(cfg, sizeof cfg, "%s/config.ini", dir);
	if (access(acsim, R_OK) != 0 || access(acs_argv[0], X_OK) != 0) {
		fprintf(stderr, "no TR-069 stand-in here (%s and python3): the router "
		    "view (T) will say no ACS is configured\n", acsim);
		return -1;
	}
	if (run_to_file(dump_argv, dump) != 0) {
		fprintf(stderr, "oltsim ctl dump failed: the demo has no routers\n");
		return -1;
	}
	unlink(portf);
	if ((*pid = fork()) == -1)
		return -1;
	if (*pid == 0) {
		int null = open("/dev/null", O_RDWR);

		dup2(null, STDIN_FILENO);
		dup2(null, STDOUT_FILENO);
		dup2(null, STDERR_FILENO);
		setpgid(0, 0);	/* keep terminal signals (C-c, C-z) for oltui */
		execv(acs_argv[0], acs_argv);
		_exit(127);
	}
	for (int i = 0; i < 100 && port <= 0; i++) {	/* 10 s at most */
		if ((f = fopen(portf, "r")) != NULL) {
			if (fscanf(f, "%ld", &port) != 1)
				port = 0;
			fclose(f);
		}
		if (port <= 0)
			sleep_ms(100);
	}
	if (port <= 0 || (f = fopen(cfg, "w")) == NULL) {
		fprintf(stderr, "the TR-069 stand-in did not start: the demo has no routers\n");
		kill(*pid, SIGTERM);
		waitpid(*pid, NULL, 0);
		*pid = -1;
		return -1;
	}
	fprintf(f, "# written by oltui demo: the lab's TR-069 stand-in (tests/lab/acsim.py)\n"
	    "[acs]\nurl = http://127.0.0.1:%ld\n", port);
	fclose(f);
	fprintf(stderr, "TR-069 stand-in on http://127.0.0.1:%ld: a router per ONT "
	    "(T on an ONT)\n", port);
	return 0;
}

/* Links the first ONTs of the first OLT's first port to sample contracts. */
static void
demo_contracts(struct store *st)
{
	static const char *const who[][2] = {
		{ "Ana Souza", "Rua das Flores 12" }, { "Bo Li", "Av. Central 301" },
		{ "Caio Lima", "Travessa do Porto 7" }, { "Dara Okafor", "Rua Nova 88" },
	};
	struct olt *ol = NULL;
	struct ont *on = NULL;
	size_t nol = 0, non = 0;

	if (store_olt_list(st, &ol, &nol, NULL) == -1 || nol == 0 ||
	    store_onts_on_port(st, ol[0].id, "0/1/0", &on, &non, NULL) == -1) {
		free(ol);
		return;
	}
	for (size_t i = 0; i < non && i < 4; i++) {
		struct contract ct;

		inv_init(INV_CONTRACT, &ct);
		snprintf(ct.code, sizeof ct.code, "C-%zu", 1001 + i);
		snprintf(ct.customer, sizeof ct.customer, "%s", who[i][0]);
		snprintf(ct.address, sizeof ct.address, "%s", who[i][1]);
		if (inv_contract_add(st, &ct, NULL) == 0)
			inv_link(st, on[i].sn, ct.code, NULL, NULL);
	}
	free(on);
	free(ol);
}

/* The service profiles to provision with, and a first discovery read. */
static void
demo_discover(struct engine *e, struct store *st, struct demo_lab *lab)
{
	struct op_found *rows = NULL;
	struct op_olt_result *res = NULL;
	struct err err = { 0 };
	size_t n = 0, nres = 0;

	for (int i = 0; i < lab->nprofiles; i++)
		inv_profile_add(st, &lab->profiles[i], NULL);
	fprintf(stderr, "discovery (autofind on every OLT)...");
	if (ops_discover(e, NULL, 0, &rows, &n, &res, &nres, &err) == 0 || nres > 0)
		fprintf(stderr, " %zu unauthorised ONTs\n", n);
	else
		fprintf(stderr, " %s\n", err_text(&err));
	for (size_t i = 0; i < nres; i++)
		if (res[i].error != NULL)
			fprintf(stderr, "  %s: %s\n", res[i].olt, res[i].error);
	op_olt_results_free(res, nres);
	free(rows);
	err_clear(&err);
}

/* Adds the OLTs and sweeps each once. */
static int
fill(const char *db, const char *key, const char *kh, struct demo_lab *lab)
{
	struct engine_opts eo = { .db_path = db, .key_file = key, .known_hosts = kh,
	    .accept_new_host_key = true, .workers = 2,
	    .flags = ENGINE_VAULT | ENGINE_WORKERS };
	struct engine *e;
	struct store *st;
	char *cause = NULL;
	int rc = -1;

	if (engine_open(&eo, &e, &cause) != 0)
		goto fail;
	st = engine_store(e, NULL);
	for (int i = 0; i < lab->nolts; i++) {
		const struct demo_olt *olts = lab->olts;
		const struct olt_driver *d = driver_find(olts[i].vendor);
		struct poll_result res;
		struct err err = { 0 };
		struct olt o;

		if (store_olt_by_name(st, olts[i].name, &o, NULL) != 1) {
			inv_init(INV_OLT, &o);
			strlcpy_(o.name, olts[i].name, sizeof o.name);
			strlcpy_(o.driver, olts[i].vendor, sizeof o.driver);
			strlcpy_(o.model, d != NULL && d->default_model != NULL ?
			    d->default_model : "", sizeof o.model);
			strlcpy_(o.host, "127.0.0.1", sizeof o.host);
			o.port = olts[i].cliport;
			o.transport = olts[i].ssh ? TRANSPORT_SSH : TRANSPORT_TELNET;
			strlcpy_(o.user, olts[i].user, sizeof o.user);
			o.snmp_port = olts[i].snmpport;
			strlcpy_(o.tags, "demo", sizeof o.tags);
			if (inv_olt_add(st, engine_vault(e), &o, olts[i].password,
			    olts[i].community, &cause) == -1)
				goto out;
		}
		fprintf(stderr, "sweeping %s (SNMP 127.0.0.1:%d)...", o.name, o.snmp_port);
		if (ops_sweep(e, o.name, true, &res, &err) == -1) {
			fprintf(stderr, " failed: %s\n", err_text(&err));
			err_clear(&err);
			continue;
		}
		err_clear(&err);	/* health is optional */
		fprintf(stderr, " %zu ONTs, %zu online\n", res.onts, res.online);
	}
	demo_contracts(st);
	demo_discover(e, st, lab);
	rc = 0;
out:
	engine_close(e);
	if (rc == 0)
		return 0;
fail:
	fprintf(stderr, "oltui demo: %s\n", cause ? cause : "failed");
	free(cause);
	return -1;
}

/* What `oltui demo` reads. */
struct demo_args {
	struct verb_common	 c;
	const char		*dir;		/* keep the database here; NULL = a temp dir */
	bool			 no_life;
	long			 seed;		/* -1 = oltsim's own */
};

/* `oltui demo`. */
static int
demo_verb(void *args)
{
	struct demo_args *a = args;
	char tmpl[] = "/tmp/oltui-demo.XXXXXX", db[PATH_MAX], key[PATH_MAX], kh[PATH_MAX];
	const char *dir = a->dir;
	bool keep = dir != NULL;
	struct demo_lab lab;
	struct globals dg = *a->c.g;
	pid_t pid = -1, acs_pid = -1;
	int rc = EXIT_FAIL, st;

	if (dir == NULL && (dir = mkdtemp(tmpl)) == NULL)
		return verb_fail(&a->c, ERR_INTERNAL, "cannot make a temporary directory: %s",
		    strerror(errno));
	if (keep && mkdir(dir, 0700) == -1 && errno != EEXIST)
		return verb_fail(&a->c, ERR_REFUSED, "cannot create %s: %s", dir,
		    strerror(errno));
	snprintf(db, sizeof db, "%s/oltui.db", dir);
	snprintf(key, sizeof key, "%s/key", dir);
	snprintf(kh, sizeof kh, "%s/known_hosts", dir);
	fprintf(stderr, "starting oltsim (2 OLTs, 64 ONTs)...\n");
	if (sim_start(dir, a->no_life, a->seed, &pid, &lab) == 0 &&
	    fill(db, key, kh, &lab) == 0) {
		struct console_opts co = { .accept_new_host_key = true, .known_hosts = kh };
		bool routers = acs_start(dir, &acs_pid) == 0;

		co.quit_note = keep ? (routers ? "The demo's lab (oltsim and its routers) "
		    "stops; the database stays." : "The demo's lab (oltsim) stops; the "
		    "database stays.") : (routers ? "The demo's lab (oltsim and its "
		    "routers) stops and its scratch database is removed." : "The demo's "
		    "lab (oltsim) stops and its scratch database is removed.");
		dg.db_path = db;
		dg.key_file = key;
		if (routers)
			dg.config_dir = dir;
		rc = console_run(&dg, &co);
	}
	if (acs_pid > 0) {
		kill(acs_pid, SIGTERM);
		while (waitpid(acs_pid, &st, 0) == -1 && errno == EINTR)
			;
	}
	if (pid > 0) {
		kill(pid, SIGTERM);
		while (waitpid(pid, &st, 0) == -1 && errno == EINTR)
			;
	}
	if (!keep)
		nftw(dir, rm_one, 8, FTW_DEPTH | FTW_PHYS);
	return rc;
}

#define DA(m) offsetof(struct demo_args, m)

static const struct verb_opt demo_opts[] = {
	{ .name = "--dir", .type = VA_PATH, .meta = "DIR", .off = DA(dir),
	  .help = "keep the database and key file in DIR (created if missing, not "
	  "removed)" },
	{ .name = "--no-life", .type = VA_FLAG, .off = DA(no_life),
	  .help = "no life in the simulator: its state changes only on purpose" },
	{ .name = "--seed", .type = VA_INT, .meta = "N", .off = DA(seed), .min = 0,
	  .max = 2147483647, .def = -1, .help = "the simulator's random seed" },
	VOPT_END,
};

const struct verb verbs_demo[] = {
	{ .name = "demo", .summary = "the console on a simulated lab (oltsim): 2 OLTs, "
	  "64 ONTs, scratch database", .opts = demo_opts, .size = sizeof(struct demo_args),
	  .run = demo_verb },
	VERB_END,
};
