/*
 * zte_driver.c — the ZTE ZXA10 driver: one struct binding what the vendor
 * is (driver.h), registered at start-up under the name "zte".
 *
 * C300/C320 over Telnet (port 23), read by SNMP.  PON ports are
 * 1/slot/port (rack 1), ONU ids 1-128 per port, vports 1-128,
 * descriptions up to 32 characters (RECONSTRUCTED: no capture gives the
 * limit).
 */
#include "drivers/zte.h"

static const char *const zte_board_keys[] = {
	"rack", "shelf", "slot", "cfg_type", "real_type", "ports", "hard_ver",
	"soft_ver", "status", NULL
};

const struct gpon_limits zte_limits = {
	.name = "zte",
	.vendor = "ZTE",
	.port_form = "1/slot/port (\"1/2/1\": slot 1-21, port 1-16)",
	.frame_min = 1, .frame_max = 1,
	.slot_min = 1, .slot_max = 21,
	.pon_min = 1, .pon_max = 16,
	.ont_id_min = 1, .ont_id_max = 128,
	.gem_min = 1, .gem_max = 128,
	.desc_max = 32,
};

/* The ZTE port table prints each row's port: the given one is not needed. */
static int
zte_optical_list_at(const char *text, const char *port, struct pr_optical_list *out,
    char **cause)
{
	(void)port;
	return zte_parse_optical_list(text, out, cause);
}

static const struct driver_parsers zte_parsers = {
	.autofind = zte_parse_autofind,
	.ont_list = zte_parse_ont_list,
	.ont_detail = zte_parse_ont_detail,
	.optical = zte_parse_optical,
	.optical_list = zte_optical_list_at,
	.service_ports = zte_parse_service_ports,
	.boards = zte_parse_boards,
	.version = zte_parse_version,
	.board_keys = zte_board_keys,
	.version_modules = true,
};

const struct olt_driver driver_zte = {
	.name = "zte",
	.label = "ZTE ZXA10 C300/C320",
	.default_model = "C320",
	.transport = TRANSPORT_TELNET,
	.cli_port = 23,
	.cli = &zte_cli,
	.limits = &zte_limits,
	.open = session_cli_open,
	.reads = &zte_reads,
	.plan = &zte_plan,
	.snmp = &zte_snmp,
	.parsers = &zte_parsers,
};

DRIVER_REGISTER(driver_zte)
