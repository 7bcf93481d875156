/*
 * huawei_snmp.c — the Huawei SmartAX SNMP profile (snmp_map.h): per-ONT
 * columns of HUAWEI-XPON-MIB, the GPON port ifIndex codec, the scalings,
 * the serial's encoding and the board health columns.
 *
 * Sources: shared/reference/snmp-oids.md.  Per-ONT tables are indexed
 * <ponIfIndex>.<ontId>; the ifIndex is (125<<25)|(frame<<19)|(slot<<13)|
 * (port<<8).  The agent reports only online/offline; the last down cause
 * tells LOS and dying gasp apart for an offline ONT.
 */
#include "drivers/huawei.h"
#include "lib/sn.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define HW_BASE		"1.3.6.1.4.1.2011.6.128.1.1.2"

uint32_t
huawei_snmp_ifindex(int frame, int slot, int port)
{
	return (125u << 25) | ((uint32_t)frame << 19) | ((uint32_t)slot << 13) |
	    ((uint32_t)port << 8);
}

int
huawei_snmp_decode(uint32_t ifindex, int *frame, int *slot, int *port)
{
	if ((ifindex >> 25) != 125 || (ifindex & 0xff) != 0)
		return -1;
	*frame = (int)((ifindex >> 19) & 0x3f);
	*slot = (int)((ifindex >> 13) & 0x3f);
	*port = (int)((ifindex >> 8) & 0x1f);
	return 0;
}

double
huawei_snmp_rx(int64_t raw)
{
	if (raw == 2147483647 || raw == -1 || raw < -6000 || raw > 1000)
		return NAN;
	return (double)raw / 100.0;
}

double
huawei_snmp_olt_rx(int64_t raw)
{
	/* Majority view (snmp-oids.md 1.4): dBm = (raw - 10000) / 100. */
	if (raw == 2147483647 || raw == -1 || raw <= 0)
		return NAN;
	return (double)(raw - 10000) / 100.0;
}

/* hwGponDeviceOntControlLastDownCause codes, as pollers read them (the
   MIB's enumeration is not in the collected material, so this is the
   reconstructed subset oltsim also serves): 1 LOS, 2 LOSi, 3 LOFi,
   13 dying-gasp. */
enum ont_status
huawei_snmp_status(int64_t raw, int down_cause)
{
	if (raw == 1)
		return ONT_ONLINE;
	if (raw != 2)
		return ONT_UNKNOWN;
	switch (down_cause) {
	case 1: case 2: case 3:
		return ONT_LOS;
	case 13:
		return ONT_DYING_GASP;
	default:
		return ONT_OFFLINE;
	}
}

void
huawei_snmp_serial(const unsigned char *b, size_t len, char out[13])
{
	char hex[17];

	out[0] = '\0';
	if (len == 8) {
		/* The 8 bytes: 4 vendor characters, 4 bytes of serial. */
		snprintf(hex, sizeof hex, "%02X%02X%02X%02X%02X%02X%02X%02X", b[0], b[1],
		    b[2], b[3], b[4], b[5], b[6], b[7]);
	} else if (len == 16) {
		/* Some agents give the 16 hex digits as text. */
		memcpy(hex, b, 16);
		hex[16] = '\0';
	} else {
		return;
	}
	/* sn_normalize checks every digit and that the vendor bytes are
	   letters or digits: anything else (ESC, CR, LF...) is no serial. */
	if (sn_normalize(hex, out) != 0)
		out[0] = '\0';
}

const struct snmp_profile huawei_snmp = {
	.columns = {
		[SNMP_COL_STATUS] = HW_BASE ".46.1.15",	/* hwGponDeviceOntControlRunStatus */
		[SNMP_COL_RX] = HW_BASE ".51.1.4",	/* hwGponOntOpticalDdmRxPower */
		[SNMP_COL_OLT_RX] = HW_BASE ".51.1.6",	/* hwGponOntOpticalDdmOltRxOntPower */
		[SNMP_COL_DISTANCE] = HW_BASE ".46.1.20", /* hwGponDeviceOntControlRanging */
		[SNMP_COL_CAUSE] = HW_BASE ".46.1.24",	/* hwGponDeviceOntControlLastDownCause */
		[SNMP_COL_SN] = HW_BASE ".43.1.3",	/* hwGponDeviceOntSn */
		[SNMP_COL_DESC] = HW_BASE ".43.1.9",	/* hwGponDeviceOntDespt */
	},
	.port_index = huawei_snmp_ifindex,
	.port_decode = huawei_snmp_decode,
	.status = huawei_snmp_status,
	.rx = huawei_snmp_rx,
	.olt_rx = huawei_snmp_olt_rx,
	.serial = huawei_snmp_serial,
	/* Boards, indexed frame.slot (snmp-oids.md 1.6): hwMusaBoardCpuRate and
	   hwMusaBoardTemperature (HUAWEI-DEVICE-MIB hwMusaBoardTable), hwSlotDesc
	   the board's name ("H901GPHF").  Pollers use them against real
	   SmartAX OLTs (LibreNMS, NOC, swtoolz walks hwSlotDesc.0 on an
	   MA5608T), but no public walk with their values was found:
	   RECONSTRUCTED as to the values' exact form. */
	.board_cpu = "1.3.6.1.4.1.2011.2.6.7.1.1.2.1.5",
	.board_temp = "1.3.6.1.4.1.2011.2.6.7.1.1.2.1.10",
	.board_name = "1.3.6.1.4.1.2011.6.3.3.2.1.3",
	.board_index_len = 2,
	.limits = &huawei_limits,
};
