/*
 * huawei_driver.c — the Huawei SmartAX driver: one struct binding what the
 * vendor is (driver.h), registered at start-up under the name "huawei".
 *
 * MA5600T/MA5608T/MA5683T/MA5800/EA5800 over SSH (port 22), read by
 * SNMP.  PON ports are frame/slot/port, ONT ids 0-127 per port, GEM ports
 * 0-4095, descriptions up to 64 characters (huawei-cli.md §5).
 */
#include "drivers/huawei.h"


const struct gpon_limits huawei_limits = {
	.name = "huawei",
	.vendor = "Huawei",
	.port_form = "frame/slot/port (\"0/1/0\": frame 0-7, slot 0-21, port 0-15)",
	.frame_min = 0, .frame_max = 7,
	.slot_min = 0, .slot_max = 21,
	.pon_min = 0, .pon_max = 15,
	.ont_id_min = 0, .ont_id_max = 127,
	.gem_min = 0, .gem_max = 4095,
	.desc_max = 64,
};

static const char *const huawei_board_keys[] = {
	"slot", "name", "status", "subtype", "online", NULL
};

static const struct driver_parsers huawei_parsers = {
	.autofind = huawei_parse_autofind,
	.ont_list = huawei_parse_ont_list,
	.ont_detail = huawei_parse_ont_detail,
	.optical = huawei_parse_optical,
	.optical_list = huawei_parse_optical_list,
	.service_ports = huawei_parse_service_ports,
	.boards = huawei_parse_boards,
	.version = huawei_parse_version,
	.echo_port = huawei_echo_port,
	.board_keys = huawei_board_keys,
	.version_modules = false,
};

const struct olt_driver driver_huawei = {
	.name = "huawei",
	.label = "Huawei SmartAX MA5600T/MA5800",
	.default_model = "MA5800-X7",
	.transport = TRANSPORT_SSH,
	.cli_port = 22,
	.cli = &huawei_cli,
	.limits = &huawei_limits,
	.open = session_cli_open,
	.reads = &huawei_reads,
	.plan = &huawei_plan,
	.snmp = &huawei_snmp,
	.parsers = &huawei_parsers,
};

DRIVER_REGISTER(driver_huawei)
