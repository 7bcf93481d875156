/*
 * acme_driver.c — the Acme Photon P8 driver: one struct binding what the
 * (fictional) vendor is (driver.h), registered at start-up under the name
 * "acme".  A test-only driver: see acme.h.
 *
 * Photon P8 over Telnet on port 2300 (its factory default), read by SNMP.
 * PON ports are 1/slot/pon: one rack, slots 1-4, pons 1-8; ONU ids 1-64
 * per pon, GEM ports 1-32, descriptions up to 40 characters.  Its own
 * state words are "up", "down", "los", "power-off", "ranging",
 * "auth-fail"; admin states "in-service" and "shutdown".
 */
#include "tests/drivers/acme.h"

#include <string.h>

#include "lib/util.h"

const struct gpon_limits acme_limits = {
	.name = "acme",
	.vendor = "Acme",
	.port_form = "1/slot/pon (\"1/2/3\": slot 1-4, pon 1-8)",
	.frame_min = 1, .frame_max = 1,
	.slot_min = 1, .slot_max = 4,
	.pon_min = 1, .pon_max = 8,
	.ont_id_min = 1, .ont_id_max = 64,
	.gem_min = 1, .gem_max = 32,
	.desc_max = 40,
};

/* The device's state words, as data. */
static const struct { const char *word; enum ont_status status; } acme_states[] = {
	{ "up", ONT_ONLINE },
	{ "down", ONT_OFFLINE },
	{ "los", ONT_LOS },
	{ "power-off", ONT_DYING_GASP },
	{ "ranging", ONT_SYNCING },
	{ "auth-fail", ONT_AUTH_FAILED },
};

static const struct { const char *word; enum ont_admin admin; } acme_admins[] = {
	{ "in-service", ADMIN_ENABLED },
	{ "shutdown", ADMIN_DISABLED },
};

enum ont_status
acme_state_word(const char *s)
{
	for (size_t i = 0; s != NULL && i < nitems(acme_states); i++)
		if (strcmp(s, acme_states[i].word) == 0)
			return acme_states[i].status;
	return ONT_UNKNOWN;
}

enum ont_admin
acme_admin_word(const char *s)
{
	for (size_t i = 0; s != NULL && i < nitems(acme_admins); i++)
		if (strcmp(s, acme_admins[i].word) == 0)
			return acme_admins[i].admin;
	return ADMIN_UNKNOWN;
}

static const char *const acme_board_keys[] = { "slot", "name", "status", "ports", NULL };

static const struct driver_parsers acme_parsers = {
	.autofind = acme_parse_autofind,
	.ont_list = acme_parse_ont_list,
	.ont_detail = acme_parse_ont_detail,
	.optical = acme_parse_optical,
	.optical_list = acme_parse_optical_list,
	.service_ports = acme_parse_service_ports,
	.boards = acme_parse_boards,
	.version = acme_parse_version,
	.echo_port = acme_echo_port,
	.board_keys = acme_board_keys,
	.version_modules = false,
};

const struct olt_driver driver_acme = {
	.name = "acme",
	.label = "Acme Photon P8 (test-only vendor)",
	.default_model = "P8-4S",
	.transport = TRANSPORT_TELNET,
	.cli_port = 2300,
	.cli = &acme_cli,
	.limits = &acme_limits,
	.open = session_cli_open,
	.reads = &acme_reads,
	.plan = &acme_plan,
	.snmp = &acme_snmp,
	.parsers = &acme_parsers,
};

DRIVER_REGISTER(driver_acme)
