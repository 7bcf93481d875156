/*
 * acme_snmp.c — the Acme Photon P8 SNMP profile (snmp_map.h): the ONU
 * columns under the (documentation) enterprise 1.3.6.1.4.1.32473.8, the
 * port index codec, the scalings, the serial's text form and the card
 * columns.
 *
 * ACME-PHOTON-MIB (as acme_device.py serves it): acmeOnuEntry
 * .1.1.1.<col>.<port index>.<ONU id>, columns 2 serial ("ACME:1a2b3c4d"),
 * 3 description, 4 operational state (1 up, 2 down, 3 los, 4 power-off,
 * 5 ranging, 6 auth-fail), 5 distance in metres, 6 ONU Rx as (dBm + 40) *
 * 100, 7 OLT Rx in hundredths of a microwatt; 0 is "no reading" for both.
 * The port index is decimal: rack * 10000 + slot * 100 + pon.  There is
 * no last-down-cause column: the state says LOS and power-off itself.
 * acmeCardEntry .2.1.1.<col>.<rack>.<slot>: 2 name, 3 CPU %, 4 °C.
 */
#include "tests/drivers/acme.h"

#include <math.h>
#include <string.h>

#define ACME_MIB	"1.3.6.1.4.1.32473.8"
#define ACME_ONU	ACME_MIB ".1.1.1"
#define ACME_CARD	ACME_MIB ".2.1.1"

uint32_t
acme_snmp_port_index(int rack, int slot, int pon)
{
	return (uint32_t)rack * 10000u + (uint32_t)slot * 100u + (uint32_t)pon;
}

int
acme_snmp_port_decode(uint32_t idx, int *rack, int *slot, int *pon)
{
	if (idx < 10000u || idx > 99999u || (idx / 100u) % 100u == 0 || idx % 100u == 0)
		return -1;
	*rack = (int)(idx / 10000u);
	*slot = (int)((idx / 100u) % 100u);
	*pon = (int)(idx % 100u);
	return 0;
}

double
acme_snmp_rx(int64_t raw)
{
	if (raw <= 0 || raw >= 6000)
		return NAN;
	return (double)raw / 100.0 - 40.0;
}

double
acme_snmp_olt_rx(int64_t raw)
{
	/* hundredths of a microwatt: dBm = 10 log10(raw / 100 uW / 1000 uW) */
	if (raw <= 0 || raw > 100000000)
		return NAN;
	return 10.0 * log10((double)raw / 1e5);
}

enum ont_status
acme_snmp_status(int64_t raw, int down_cause)
{
	static const enum ont_status codes[] = {
		ONT_UNKNOWN, ONT_ONLINE, ONT_OFFLINE, ONT_LOS, ONT_DYING_GASP, ONT_SYNCING,
		ONT_AUTH_FAILED,
	};

	(void)down_cause;
	return raw > 0 && raw < (int64_t)(sizeof codes / sizeof *codes) ? codes[raw] :
	    ONT_UNKNOWN;
}

void
acme_snmp_serial(const unsigned char *b, size_t len, char out[13])
{
	static const char hex[] = "0123456789abcdefABCDEF";
	char sn[13];

	/* "ACME:1a2b3c4d": 4 vendor letters, ':', 8 hex digits. */
	out[0] = '\0';
	if (len != 13 || b[4] != ':')
		return;
	for (size_t i = 0; i < 4; i++) {
		if (!((b[i] >= 'A' && b[i] <= 'Z') || (b[i] >= 'a' && b[i] <= 'z')))
			return;
		sn[i] = (char)(b[i] >= 'a' ? b[i] - 32 : b[i]);
	}
	for (size_t i = 0; i < 8; i++) {
		unsigned char ch = b[5 + i];

		if (ch == '\0' || strchr(hex, ch) == NULL)
			return;
		sn[4 + i] = (char)(ch >= 'a' && ch <= 'f' ? ch - 32 : ch);
	}
	sn[12] = '\0';
	memcpy(out, sn, sizeof sn);
}

const struct snmp_profile acme_snmp = {
	.columns = {
		[SNMP_COL_STATUS] = ACME_ONU ".4",	/* acmeOnuOperState */
		[SNMP_COL_RX] = ACME_ONU ".6",		/* acmeOnuRxPower */
		[SNMP_COL_OLT_RX] = ACME_ONU ".7",	/* acmeOnuOltRxPower */
		[SNMP_COL_DISTANCE] = ACME_ONU ".5",	/* acmeOnuDistance */
		[SNMP_COL_SN] = ACME_ONU ".2",		/* acmeOnuSerial */
		[SNMP_COL_DESC] = ACME_ONU ".3",	/* acmeOnuDescription */
	},
	.port_index = acme_snmp_port_index,
	.port_decode = acme_snmp_port_decode,
	.status = acme_snmp_status,
	.rx = acme_snmp_rx,
	.olt_rx = acme_snmp_olt_rx,
	.serial = acme_snmp_serial,
	.board_name = ACME_CARD ".2",
	.board_cpu = ACME_CARD ".3",
	.board_temp = ACME_CARD ".4",
	.board_index_len = 2,
	.limits = &acme_limits,
};
