/*
 * fuzz_undo.c — the readers that build undos: a driver's ont_config read
 * (the ONT's detail, service ports and configuration lines, over the CLI
 * engine and the driver's parsers) against a device that answers whatever
 * the input says, then what core builds from it (ont_state_from_config,
 * ont_config_req) and the plans that carry the undo (planner_deprovision,
 * planner_move), for every driver with a CLI.
 *
 * Input: byte 0 picks the driver, byte 1 the port form and the ONT id,
 * byte 2 the read chunk (0 = 16 KiB); the rest are the device's answers,
 * one per command written (harness.h fz_link), after a log-in the link
 * answers itself with the prompt "OLT#".
 *
 * Invariants: the configuration lines read (which an undo sends back as
 * commands) and their mode arguments hold no control byte; the state read
 * is valid JSON of clean strings; every step of the plans built from it
 * holds no control byte in a command, undo or mode argument, and their
 * replay records read back as themselves; every failure says why.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "drivers/cli.h"
#include "drivers/driver.h"
#include "drivers/ont_state.h"
#include "drivers/planner.h"
#include "drivers/session.h"
#include "lib/util.h"
#include "tests/fuzz/harness.h"

static const char *const ports[] = { "0/1/0", "1/1/1", "1/2/3", "0/0/7" };

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fz_templates();
	return 0;
}

/* Checks the plan a builder made (rc its result). */
static void
check_built(int rc, struct plan *p, char *cause)
{
	if (rc == 0) {
		fz_plan(p, NULL);
		fz_plan_record(p);
		plan_free(p);
	} else if (cause == NULL) {
		fz_fail("a plan builder failed without a cause");
	}
	free(cause);
}

static void
check_config(const struct olt_driver *d, const char *port, int ont_id,
    const struct ont_config *k)
{
	struct ont_state before;
	struct provision_req cfg;
	struct ont_ref o;
	struct plan *p = NULL;
	char *cause = NULL;
	cJSON *j;

	for (size_t i = 0; i < k->nlines; i++) {
		fz_command("a configuration line read", k->lines[i].text);
		if (k->lines[i].mode_arg != NULL)
			fz_command("a configuration line's mode argument", k->lines[i].mode_arg);
	}
	ont_state_from_config(&before, port, ont_id, k);
	j = ont_state_to_json(&before);
	fz_json("the state read", j, false);
	cJSON_Delete(j);
	ont_config_req(k, &before, port, ont_id, NULL, &cfg);
	cfg.olt = "fuzz-olt";
	o = (struct ont_ref){ .olt = "fuzz-olt", .port = port, .ont_id = ont_id,
	    .sn = cfg.sn, .state = &before };
	check_built(planner_deprovision(d, &o, &cfg, &p, &cause), p, cause);
	cause = NULL;
	check_built(planner_move(d, &o, &cfg, port, ont_id + 1, &p, &cause), p, cause);
	ont_state_free(&before);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct cli_options co = { 5000, 5000, -1, 1 };
	struct fz in = { data, size };
	const struct olt_driver *d;
	unsigned where, chunk;
	const char *port;
	int ont_id;
	struct fz_link *l;
	struct cli *c;
	struct session *s;
	struct ont_config k;
	struct err e = { 0 };

	if (size < 3 || driver_count() == 0)
		return 0;
	d = driver_at(fz_byte(&in) % driver_count());
	where = fz_byte(&in);
	chunk = fz_byte(&in);
	if (d->cli == NULL || d->reads == NULL || d->reads->ont_config == NULL)
		return 0;
	port = ports[where % nitems(ports)];
	ont_id = (int)(where / nitems(ports)) % 16;
	c = cli_new(fz_link_open(&in, "\n", false, chunk == 0 ? 16384 : chunk, &l),
	    d->cli, &co);
	fz_link_prompt(l, "OLT#");
	if (cli_login(c, NULL, NULL, &e) != 0)
		fz_fail("the scripted log-in failed: %s", e.message);
	fz_link_prompt(l, NULL);
	s = session_cli_wrap(d, c);
	if (d->reads->ont_config(s, port, ont_id, &k, &e) == 0) {
		check_config(d, port, ont_id, &k);
	} else {
		if (e.message == NULL)
			fz_fail("ont_config failed without a message");
		fz_no_control("ont_config's error", e.message, true);
	}
	ont_config_free(&k);
	err_clear(&e);
	session_abort(s);
	return 0;
}
