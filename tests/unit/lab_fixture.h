/* lab_fixture.h — the lab (oltsim's fleet and servers) in this process on
   loopback, and engines on it, for the test programs that drive the real
   stack (engine, drivers, transports) against simulated OLTs.  Included by
   those programs (static functions: one copy per program).

   lab_up() starts a fleet with its SSH, Telnet and SNMP servers on
   127.0.0.1 and makes a private directory; lab_engine() opens an engine
   whose database, key, known_hosts and config.ini live in a subdirectory
   of it (config.ini holds the text given, so each engine can have its own
   settings); lab_add_olt() stores one of the fleet's OLTs with its
   password sealed in that engine's vault, lab_add_profile() a service
   profile.  lab_down() stops the servers
   and removes the directory.  Nothing touches the user's files. */
#ifndef OLTUI_LAB_FIXTURE_H
#define OLTUI_LAB_FIXTURE_H

#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/engine.h"
#include "core/inventory.h"
#include "core/store.h"
#include "lib/util.h"
#include "tests/lab/lab.h"

struct lab_fixture {
	char			 dir[64];
	struct sim_fleet	*fleet;
	bool			 up;
	int			 nengines;
};

/* Writes text (and a newline) to path. */
static void UNUSED
lab_put(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	if (f == NULL)
		fail_msg("cannot write %s", path);
	fprintf(f, "%s\n", text);
	fclose(f);
}

/* Starts the fleet fo on loopback; templates from the source tree. */
static void UNUSED
lab_up(struct lab_fixture *lf, const struct fleet_opts *fo)
{
	struct lab_opts lo;
	char *cause = NULL, tdir[4096];
	const char *top = getenv("OLTUI_TOP");
	sigset_t set;

	memset(lf, 0, sizeof *lf);
	signal(SIGPIPE, SIG_IGN);
	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	snprintf(tdir, sizeof tdir, "%s/drivers/templates", top != NULL ? top : ".");
	setenv("OLTUI_TEMPLATE_DIR", tdir, 1);
	strcpy(lf->dir, "/tmp/oltui-labfx.XXXXXX");
	if (mkdtemp(lf->dir) == NULL)
		fail_msg("mkdtemp failed");
	lab_opts_init(&lo);
	lf->fleet = fleet_new(fo);
	if (server_start(lf->fleet, &lo, &cause) != 0)
		fail_msg("lab: %s", cause);
	lf->up = true;
	lab_opts_free(&lo);
}

/* An engine (with its vault, no workers) on its own database and a
   config.ini holding config (NULL: no file, every default). */
static struct engine * UNUSED
lab_engine(struct lab_fixture *lf, const char *config)
{
	struct engine_opts eo = { 0 };
	struct engine *e;
	char *cause = NULL, dir[128], path[4][160];

	snprintf(dir, sizeof dir, "%s/e%d", lf->dir, lf->nengines++);
	if (mkdir(dir, 0700) != 0)
		fail_msg("cannot make %s", dir);
	snprintf(path[0], sizeof path[0], "%s/db", dir);
	snprintf(path[1], sizeof path[1], "%s/key", dir);
	snprintf(path[2], sizeof path[2], "%s/known_hosts", dir);
	snprintf(path[3], sizeof path[3], "%s/config.ini", dir);
	lab_put(path[2], "");
	if (config != NULL)
		lab_put(path[3], config);
	eo.db_path = path[0];
	eo.config_dir = dir;
	eo.key_file = path[1];
	eo.known_hosts = path[2];
	eo.accept_new_host_key = true;
	eo.flags = ENGINE_VAULT;
	if (engine_open(&eo, &e, &cause) != 0)
		fail_msg("engine: %s", cause);
	return e;
}

/* Stores the fleet's OLT sim in e's database as name (NULL = the sim's
   name), reached with driver over t; cli_port 0 = the sim's. */
static void UNUSED
lab_add_olt(struct engine *e, const struct sim_olt *sim, const char *name,
    const char *driver, enum transport_kind t, int cli_port)
{
	struct olt o;
	char *cause = NULL;

	inv_init(INV_OLT, &o);
	strlcpy_(o.name, name != NULL ? name : sim->name, sizeof o.name);
	strlcpy_(o.driver, driver, sizeof o.driver);
	strlcpy_(o.host, "127.0.0.1", sizeof o.host);
	o.port = cli_port > 0 ? cli_port : sim->cli_port;
	o.transport = t;
	strlcpy_(o.user, sim->user, sizeof o.user);
	o.snmp_port = sim->snmp_port;
	if (inv_olt_add(engine_store(e, NULL), engine_vault(e), &o, sim->password,
	    sim->community, &cause) != 0)
		fail_msg("%s", cause);
}

/* Adds a service profile to e's database (speeds in Mbit/s for both
   directions). */
static void UNUSED
lab_add_profile(struct engine *e, const char *name, int vlan, int mbps, const char *line,
    const char *srv)
{
	struct profile p;
	char *cause = NULL;

	inv_init(INV_PROFILE, &p);
	strlcpy_(p.name, name, sizeof p.name);
	p.vlan = vlan;
	p.down_mbps = p.up_mbps = mbps;
	strlcpy_(p.line_profile, line, sizeof p.line_profile);
	strlcpy_(p.service_profile, srv, sizeof p.service_profile);
	if (store_profile_add(engine_store(e, NULL), &p, &cause) != 0)
		fail_msg("%s", cause);
}

/* Stops the servers, frees the fleet and removes the directory. */
static void UNUSED
lab_down(struct lab_fixture *lf)
{
	char *cmd = xasprintf("rm -rf %s", lf->dir);

	if (lf->up)
		server_stop();
	fleet_free(lf->fleet);
	if (lf->dir[0] != '\0' && system(cmd) != 0)
		fprintf(stderr, "cannot remove %s\n", lf->dir);
	free(cmd);
	unsetenv("OLTUI_TEMPLATE_DIR");
	memset(lf, 0, sizeof *lf);
}

#endif
