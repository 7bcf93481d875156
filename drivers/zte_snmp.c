/*
 * zte_snmp.c — the ZTE ZXA10 SNMP profile (snmp_map.h): per-ONU columns of
 * the .1082 tree, its port index codec, the scalings, the serial's text
 * form and the card columns (name, CPU, temperature).
 *
 * Sources: shared/reference/snmp-oids.md.  .1082 tables are indexed
 * <idx1082>.<onuId> with idx1082 = 0x11000000 | rack<<16 | slot<<8 | port;
 * the Rx column adds a trailing .1.  Cards are indexed rack.shelf.slot:
 * ZTE-AN-CHASSIS-MIB zxAnCardTable (.1082.10.1.2.4.1: .4 zxAnCardActualType
 * the card's name, .9 zxAnCardCpuLoad %) and ZTE-AN-ENVMON-MIB
 * zxAnCardEnvParamTable (.1082.10.10.2.1.6.1.2 zxAnCardTemp, degrees C,
 * -1000 when the card has no sensor).  All three are in the real C300 V2.1
 * walk (librenms tests/snmpsim/zxa10_c300.snmprec: PRWG/GTGOG/SCXL/HUTQ,
 * CPU 0/11/22/20, temperatures -1000/28/44/43) and in LibreNMS's zxa10
 * definition, which names its CPU and temperature sensors by
 * zxAnCardActualType at the same index.
 */
#include "drivers/zte.h"
#include "lib/sn.h"

#include <math.h>
#include <string.h>

#define ZTE_1082	"1.3.6.1.4.1.3902.1082"

uint32_t
zte_snmp_idx1082(int rack, int slot, int port)
{
	return 0x11000000u | ((uint32_t)rack << 16) | ((uint32_t)slot << 8) |
	    (uint32_t)port;
}

int
zte_snmp_decode1082(uint32_t idx, int *rack, int *slot, int *port)
{
	if ((idx & 0xff000000u) != 0x11000000u)
		return -1;
	*rack = (int)((idx >> 16) & 0xff);
	*slot = (int)((idx >> 8) & 0xff);
	*port = (int)(idx & 0xff);
	return 0;
}

uint32_t
zte_snmp_idx1012(int slot, int port)
{
	return 0x10000000u | ((uint32_t)slot << 16) | ((uint32_t)port << 8);
}

double
zte_snmp_rx(int64_t raw)
{
	/* 65535 and 0 carry no reading on the .1082 and .1012 trees. */
	if (raw <= 0 || raw >= 65535)
		return NAN;
	return (double)raw * 0.002 - 30.0;
}

double
zte_snmp_olt_rx(int64_t raw)
{
	if (raw == 2147483647 || raw == 65535 || raw <= -80000 || raw >= 20000)
		return NAN;
	return (double)raw / 1000.0;
}

enum ont_status
zte_snmp_status(int64_t raw, int down_cause)
{
	(void)down_cause;
	switch (raw) {
	case 1: return ONT_SYNCING;		/* Logging */
	case 2: return ONT_LOS;
	case 3: return ONT_SYNCING;		/* Synchronization */
	case 4: return ONT_ONLINE;
	case 5: return ONT_DYING_GASP;
	case 6: return ONT_AUTH_FAILED;
	case 7: return ONT_OFFLINE;
	default: return ONT_UNKNOWN;
	}
}

void
zte_snmp_serial(const unsigned char *b, size_t len, char out[13])
{
	size_t start = 0, n;

	/* "1,ZTEGC4BB98CB": keep what follows the last comma. */
	out[0] = '\0';
	for (size_t i = 0; i < len; i++)
		if (b[i] == ',')
			start = i + 1;
	n = len - start;
	if (n != 12)
		return;
	for (size_t i = 0; i < 12; i++) {
		unsigned char ch = b[start + i];
		out[i] = (char)(ch >= 'a' && ch <= 'z' ? ch - 32 : ch);
	}
	out[12] = '\0';
	/* 4 vendor characters and 8 hex digits, or no serial at all. */
	if (!sn_is_canonical(out))
		out[0] = '\0';
}

const struct snmp_profile zte_snmp = {
	.columns = {
		[SNMP_COL_STATUS] = ZTE_1082 ".500.10.2.3.8.1.4",	/* ONU status */
		[SNMP_COL_RX] = ZTE_1082 ".500.20.2.2.2.1.10",		/* ONU Rx (.<onu>.1) */
		[SNMP_COL_OLT_RX] = ZTE_1082 ".500.1.2.4.2.1.2",	/* OLT Rx of ONU */
		[SNMP_COL_DISTANCE] = ZTE_1082 ".500.10.2.3.10.1.2",	/* distance */
		[SNMP_COL_CAUSE] = ZTE_1082 ".500.10.2.3.8.1.7",	/* last offline reason */
		[SNMP_COL_SN] = ZTE_1082 ".500.10.2.3.3.1.18",		/* serial "1,ZTEG..." */
		[SNMP_COL_DESC] = ZTE_1082 ".500.10.2.3.3.1.2",		/* name */
	},
	.extra = { [SNMP_COL_RX] = 1 },
	.port_index = zte_snmp_idx1082,
	.port_decode = zte_snmp_decode1082,
	.status = zte_snmp_status,
	.rx = zte_snmp_rx,
	.olt_rx = zte_snmp_olt_rx,
	.serial = zte_snmp_serial,
	.board_cpu = ZTE_1082 ".10.1.2.4.1.9",		/* zxAnCardCpuLoad */
	.board_temp = ZTE_1082 ".10.10.2.1.6.1.2",	/* zxAnCardTemp (-1000: none) */
	.board_name = ZTE_1082 ".10.1.2.4.1.4",		/* zxAnCardActualType */
	.board_index_len = 3,				/* rack.shelf.slot */
	.limits = &zte_limits,
};
