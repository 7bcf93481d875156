/*
 * snmp_mib_values.c — the columns of the Huawei and ZTE views and the
 * functions computing each value from struct sim_olt (see snmp_mib.c for
 * the index kinds and the lookup engine).  Encodings follow
 * shared/reference/snmp-oids.md.
 *
 * Values missing for an ONT that is not online:
 *   Huawei: optical levels 2147483647 (NOC's SNMP_UNKNOWN_VALUE), distance -1
 *           (snmp-oids.md 1.3).
 *   ZTE:    the instance is omitted (GET gives noSuchInstance, walks skip
 *           it) for ONU Rx, OLT Rx, distance, and last online / offline when
 *           they never happened.  A 0 would decode through go-snmp-olt's
 *           ConvertAndMultiply (raw*0.002-30) as a plausible -30.00 dBm;
 *           a missing / non-integer value makes that tool report an error
 *           instead, which is what a technician should see.
 * DateAndTime values are UTC.  Board CPU and temperature are the OLT-wide
 * olt->cpu_pct / olt->temp_c for every board (the fleet keeps one figure);
 * board names are Huawei's board name (hwSlotDesc) and ZTE's RealType
 * (zxAnCardActualType, rack.shelf.slot like the card CPU and temperature;
 * snmp-oids.md 2.4, the real C300 walk).
 *
 * Called from the agent thread with olt->lock held.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "lib/util.h"
#include "tests/lab/snmp_mib_int.h"

/* ---- Value helpers --------------------------------------------------- */

static void
v_int(struct mib_value *v, uint8_t tag, int64_t n)
{
	v->tag = tag;
	v->num = n;
}

static void
v_str(struct mib_value *v, const char *s)
{
	size_t n = strlen(s);

	if (n > MIB_STR_MAX)
		n = MIB_STR_MAX;
	v->tag = BER_OCTETS;
	memcpy(v->str, s, n);
	v->len = n;
}

/* 8-byte DateAndTime (UTC, no zone) of epoch t. */
static void
v_date(struct mib_value *v, int64_t t)
{
	time_t tt = (time_t)t;
	struct tm tm;

	gmtime_r(&tt, &tm);
	int y = tm.tm_year + 1900;
	uint8_t b[8] = { (uint8_t)(y >> 8), (uint8_t)y, (uint8_t)(tm.tm_mon + 1),
	    (uint8_t)tm.tm_mday, (uint8_t)tm.tm_hour, (uint8_t)tm.tm_min,
	    (uint8_t)tm.tm_sec, 0 };
	v->tag = BER_OCTETS;
	memcpy(v->str, b, 8);
	v->len = 8;
}

/* Huawei 8-byte serial: 4 ASCII vendor letters + 4 bytes from the hex part. */
static void
v_hw_sn(struct mib_value *v, const char *sn)
{
	char hex[17];

	sim_sn_hex(sn, hex);
	v->tag = BER_OCTETS;
	for (int i = 0; i < 8; i++) {
		unsigned b;
		char two[3] = { hex[2 * i], hex[2 * i + 1], 0 };
		b = (unsigned)strtoul(two, NULL, 16);
		v->str[i] = (uint8_t)b;
	}
	v->len = 8;
}

static bool
online(const struct sim_ont *o)
{
	return o->state == SIM_ONLINE;
}

/* ---- System group ---------------------------------------------------- */

static int
sys_descr(struct sim_olt *olt, const struct mib_row *r, struct mib_value *v)
{
	char s[MIB_STR_MAX];

	(void)r;
	if (olt->vendor == SIM_HUAWEI) {
		/* "MA5800V100R019C10" -> "V100R019C10" */
		const char *ver = olt->version;
		for (const char *p = olt->version; *p; p++) {
			if (*p == 'V' && p[1] >= '0' && p[1] <= '9') {
				ver = p;
				break;
			}
		}
		snprintf(s, sizeof s, "Huawei Integrated Access Software %s %s", olt->model, ver);
	} else
		snprintf(s, sizeof s, "%s Version %s Software, Copyright (c) by ZTE Corporation Compiled",
		    olt->model, olt->version);
	v_str(v, s);
	return 0;
}

static int
sys_objectid(struct sim_olt *olt, const struct mib_row *r, struct mib_value *v)
{
	(void)r;
	v->tag = BER_OID;
	if (olt->vendor == SIM_HUAWEI)
		ber_oid_parse("1.3.6.1.4.1.2011.2.248", &v->oid);
	else {
		/* 1.3.6.1.4.1.3902.1082.1001.<300|320|...>.2.1 from the model "C320" */
		long m = strtol(olt->model + (olt->model[0] == 'C'), NULL, 10);
		char s[64];
		snprintf(s, sizeof s, "1.3.6.1.4.1.3902.1082.1001.%ld.2.1", m > 0 ? m : 320);
		ber_oid_parse(s, &v->oid);
	}
	return 0;
}

static int
sys_uptime(struct sim_olt *olt, const struct mib_row *r, struct mib_value *v)
{
	struct timespec ts;

	(void)r;
	clock_gettime(CLOCK_REALTIME, &ts);
	int64_t cs = ((int64_t)ts.tv_sec - olt->boot_time) * 100 + ts.tv_nsec / 10000000;
	v_int(v, BER_TIMETICKS, cs < 0 ? 0 : (cs & 0xffffffff));
	return 0;
}

static int
sys_name(struct sim_olt *olt, const struct mib_row *r, struct mib_value *v)
{
	(void)r;
	v_str(v, olt->sysname);
	return 0;
}

/* ---- Huawei ---------------------------------------------------------- */

static int
hw_sn(struct sim_olt *olt, const struct mib_row *r, struct mib_value *v)
{
	(void)olt;
	v_hw_sn(v, r->ont->sn);
	return 0;
}

static int
hw_profname(struct sim_olt *olt, int kind, int id, struct mib_value *v)
{
	const struct sim_profile *p = olt_profile(olt, kind, id, NULL);

	if (p == NULL)
		return -1;
	v_str(v, p->name);
	return 0;
}

static int
hw_lineprof(struct sim_olt *olt, const struct mib_row *r, struct mib_value *v)
{
	return hw_profname(olt, SIM_PROF_LINE, r->ont->line_profile, v);
}

static int
hw_srvprof(struct sim_olt *olt, const struct mib_row *r, struct mib_value *v)
{
	return hw_profname(olt, SIM_PROF_SRV, r->ont->srv_profile, v);
}

static int
hw_desc(struct sim_olt *olt, const struct mib_row *r, struct mib_value *v)
{
	(void)olt;
	v_str(v, r->ont->desc ? r->ont->desc : "ONT_NO_DESCRIPTION");
	return 0;
}

static int
hw_equipid(struct sim_olt *olt, const struct mib_row *r, struct mib_value *v)
{
	(void)olt;
	if (r->ont->model >= sim_nmodels)
		return -1;
	v_str(v, sim_models[r->ont->model].equipment_id);
	return 0;
}

static int
hw_runstatus(struct sim_olt *olt, const struct mib_row *r, struct mib_value *v)
{
	(void)olt;
	v_int(v, BER_INTEGER, online(r->ont) ? 1 : 2);
	return 0;
}

static int
hw_distance(struct sim_olt *olt, const struct mib_row *r, struct mib_value *v)
{
	(void)olt;
	v_int(v, BER_INTEGER, online(r->ont) ? r->ont->distance_m : -1);
	return 0;
}

/* hwGponDeviceOntControlLastDownCause: 2 LOSi, 13 dying-gasp, 8 deactivated,
   9 reset (the 9 is from pollers' code, not the MIB text), -1 never down. */
static int
hw_downcause(struct sim_olt *olt, const struct mib_row *r, struct mib_value *v)
{
	static const int map[] = {
		[SIM_CAUSE_NONE] = -1, [SIM_CAUSE_LOS] = 2, [SIM_CAUSE_DYING_GASP] = 13,
		[SIM_CAUSE_RESET] = 9, [SIM_CAUSE_DEACTIVATED] = 8,
	};
	(void)olt;
	uint8_t c = r->ont->down_cause;
	v_int(v, BER_INTEGER, c < sizeof map / sizeof map[0] ? map[c] : -1);
	return 0;
}

/* Optical level in 0.01 dBm, 2147483647 when there is none. */
static int
hw_level(struct mib_value *v, int16_t lvl, int offset)
{
	v_int(v, BER_INTEGER, lvl == SIM_NO_LEVEL ? 2147483647 : (int64_t)lvl + offset);
	return 0;
}

static int
hw_rx(struct sim_olt *olt, const struct mib_row *r, struct mib_value *v)
{
	(void)olt;
	return hw_level(v, r->ont->rx, 0);
}

static int
hw_tx(struct sim_olt *olt, const struct mib_row *r, struct mib_value *v)
{
	(void)olt;
	return hw_level(v, r->ont->tx, 0);
}

/* OLT Rx of the ONT: raw = dBm*100 + 10000 (snmp-oids.md 1.4, majority). */
static int
hw_oltrx(struct sim_olt *olt, const struct mib_row *r, struct mib_value *v)
{
	(void)olt;
	return hw_level(v, r->ont->olt_rx, 10000);
}

static int
hw_af_sn(struct sim_olt *olt, const struct mib_row *r, struct mib_value *v)
{
	(void)olt;
	v_hw_sn(v, r->af->sn);
	return 0;
}

static int
hw_af_vendor(struct sim_olt *olt, const struct mib_row *r, struct mib_value *v)
{
	char s[5];

	(void)olt;
	memcpy(s, r->af->sn, 4);
	s[4] = '\0';
	v_str(v, s);
	return 0;
}

static int
hw_af_equipid(struct sim_olt *olt, const struct mib_row *r, struct mib_value *v)
{
	(void)olt;
	if (r->af->model >= sim_nmodels)
		return -1;
	v_str(v, sim_models[r->af->model].equipment_id);
	return 0;
}

static int
board_cpu(struct sim_olt *olt, const struct mib_row *r, struct mib_value *v)
{
	(void)r;
	v_int(v, BER_INTEGER, olt->cpu_pct);
	return 0;
}

static int
board_temp(struct sim_olt *olt, const struct mib_row *r, struct mib_value *v)
{
	(void)r;
	v_int(v, BER_INTEGER, olt->temp_c);
	return 0;
}

static int
board_desc(struct sim_olt *olt, const struct mib_row *r, struct mib_value *v)
{
	(void)olt;
	v_str(v, r->board->name);
	return 0;
}

/* zxAnCardActualType: the card the slot holds (show card's RealType, "" for
   an empty slot), as the real C300 walk has it (GTGOG where CfgType says
   GTGH; snmp-oids.md 2.4). */
static int
zte_card_type(struct sim_olt *olt, const struct mib_row *r, struct mib_value *v)
{
	(void)olt;
	v_str(v, r->board->real);
	return 0;
}

/* ---- ZTE ------------------------------------------------------------- */

static int
zte_name(struct sim_olt *olt, const struct mib_row *r, struct mib_value *v)
{
	(void)olt;
	v_str(v, r->ont->name ? r->ont->name : "");
	return 0;
}

static int
zte_desc(struct sim_olt *olt, const struct mib_row *r, struct mib_value *v)
{
	(void)olt;
	v_str(v, r->ont->desc ? r->ont->desc : "");
	return 0;
}

/* "1,ZTEGC4BB98CB" as the C320 answers (go-snmp-olt strips the "1,"). */
static int
zte_sn(struct sim_olt *olt, const struct mib_row *r, struct mib_value *v)
{
	char s[20];

	(void)olt;
	snprintf(s, sizeof s, "1,%s", r->ont->sn);
	v_str(v, s);
	return 0;
}

/* 1 Logging, 2 LOS, 3 Synchronization, 4 Online, 5 Dying Gasp, 6 Auth Failed, 7 Offline. */
static int
zte_status(struct sim_olt *olt, const struct mib_row *r, struct mib_value *v)
{
	static const int map[] = {
		[SIM_ONLINE] = 4, [SIM_OFFLINE] = 7, [SIM_LOS] = 2, [SIM_DYING_GASP] = 5,
	};
	(void)olt;
	uint8_t s = r->ont->state;
	v_int(v, BER_INTEGER, s < sizeof map / sizeof map[0] ? map[s] : 1);
	return 0;
}

static int
zte_lastup(struct sim_olt *olt, const struct mib_row *r, struct mib_value *v)
{
	(void)olt;
	if (r->ont->last_up == 0)
		return -1;
	v_date(v, r->ont->last_up);
	return 0;
}

static int
zte_lastdown(struct sim_olt *olt, const struct mib_row *r, struct mib_value *v)
{
	(void)olt;
	if (r->ont->last_down == 0)
		return -1;
	v_date(v, r->ont->last_down);
	return 0;
}

/* 1 Unknown, 3 LOSi, 9 PowerOff (dying gasp), 12 Reboot, 10 deactiveSucc. */
static int
zte_downcause(struct sim_olt *olt, const struct mib_row *r, struct mib_value *v)
{
	static const int map[] = {
		[SIM_CAUSE_NONE] = 1, [SIM_CAUSE_LOS] = 3, [SIM_CAUSE_DYING_GASP] = 9,
		[SIM_CAUSE_RESET] = 12, [SIM_CAUSE_DEACTIVATED] = 10,
	};
	(void)olt;
	uint8_t c = r->ont->down_cause;
	v_int(v, BER_INTEGER, c < sizeof map / sizeof map[0] ? map[c] : 1);
	return 0;
}

static int
zte_distance(struct sim_olt *olt, const struct mib_row *r, struct mib_value *v)
{
	(void)olt;
	if (!online(r->ont))
		return -1;
	v_int(v, BER_INTEGER, r->ont->distance_m);
	return 0;
}

/* ONU Rx: raw = (dBm + 30) / 0.002 = rx(0.01 dBm) * 5 + 15000. */
static int
zte_rx(struct sim_olt *olt, const struct mib_row *r, struct mib_value *v)
{
	(void)olt;
	if (r->ont->rx == SIM_NO_LEVEL)
		return -1;
	v_int(v, BER_INTEGER, (int64_t)r->ont->rx * 5 + 15000);
	return 0;
}

/* OLT Rx of the ONU in 0.001 dBm. */
static int
zte_oltrx(struct sim_olt *olt, const struct mib_row *r, struct mib_value *v)
{
	(void)olt;
	if (r->ont->olt_rx == SIM_NO_LEVEL)
		return -1;
	v_int(v, BER_INTEGER, (int64_t)r->ont->olt_rx * 10);
	return 0;
}

static int
zte_type(struct sim_olt *olt, const struct mib_row *r, struct mib_value *v)
{
	return hw_equipid(olt, r, v);
}

/* ---- Tables ---------------------------------------------------------- */

#define SYS_COLS \
	{ "1.3.6.1.2.1.1.1", IX_SCALAR, sys_descr }, \
	{ "1.3.6.1.2.1.1.2", IX_SCALAR, sys_objectid }, \
	{ "1.3.6.1.2.1.1.3", IX_SCALAR, sys_uptime }, \
	{ "1.3.6.1.2.1.1.5", IX_SCALAR, sys_name }

#define HWX "1.3.6.1.4.1.2011.6.128.1.1.2"
const struct mib_col_def mib_hw_defs[] = {
	SYS_COLS,
	{ "1.3.6.1.4.1.2011.2.6.7.1.1.2.1.5", IX_HW_BOARD, board_cpu },	/* hwMusaBoardCpuRate */
	{ "1.3.6.1.4.1.2011.2.6.7.1.1.2.1.10", IX_HW_BOARD, board_temp },	/* hwMusaBoardTemperature */
	{ "1.3.6.1.4.1.2011.6.3.3.2.1.3", IX_HW_BOARD, board_desc },	/* hwSlotDesc */
	{ HWX ".43.1.3", IX_HW_ONT, hw_sn },
	{ HWX ".43.1.7", IX_HW_ONT, hw_lineprof },
	{ HWX ".43.1.8", IX_HW_ONT, hw_srvprof },
	{ HWX ".43.1.9", IX_HW_ONT, hw_desc },
	{ HWX ".45.1.4", IX_HW_ONT, hw_equipid },
	{ HWX ".46.1.15", IX_HW_ONT, hw_runstatus },
	{ HWX ".46.1.20", IX_HW_ONT, hw_distance },
	{ HWX ".46.1.24", IX_HW_ONT, hw_downcause },
	{ HWX ".48.1.2", IX_HW_AUTOFIND, hw_af_sn },
	{ HWX ".48.1.4", IX_HW_AUTOFIND, hw_af_vendor },
	{ HWX ".48.1.7", IX_HW_AUTOFIND, hw_af_equipid },
	{ HWX ".51.1.3", IX_HW_ONT, hw_tx },
	{ HWX ".51.1.4", IX_HW_ONT, hw_rx },
	{ HWX ".51.1.6", IX_HW_ONT, hw_oltrx },
};

#define ZX "1.3.6.1.4.1.3902.1082"
const struct mib_col_def mib_zte_defs[] = {
	SYS_COLS,
	{ "1.3.6.1.4.1.3902.1012.3.50.11.2.1.17", IX_ZTE_ONT_1012, zte_type },
	{ ZX ".10.1.2.4.1.4", IX_ZTE_CARD, zte_card_type },	/* zxAnCardActualType */
	{ ZX ".10.1.2.4.1.9", IX_ZTE_CARD, board_cpu },		/* zxAnCardCpuLoad */
	{ ZX ".10.10.2.1.6.1.2", IX_ZTE_CARD, board_temp },	/* zxAnCardTemp */
	{ ZX ".500.1.2.4.2.1.2", IX_ZTE_ONT, zte_oltrx },
	{ ZX ".500.10.2.3.3.1.2", IX_ZTE_ONT, zte_name },
	{ ZX ".500.10.2.3.3.1.3", IX_ZTE_ONT, zte_desc },
	{ ZX ".500.10.2.3.3.1.18", IX_ZTE_ONT, zte_sn },
	{ ZX ".500.10.2.3.8.1.4", IX_ZTE_ONT, zte_status },
	{ ZX ".500.10.2.3.8.1.5", IX_ZTE_ONT, zte_lastup },
	{ ZX ".500.10.2.3.8.1.6", IX_ZTE_ONT, zte_lastdown },
	{ ZX ".500.10.2.3.8.1.7", IX_ZTE_ONT, zte_downcause },
	{ ZX ".500.10.2.3.10.1.2", IX_ZTE_ONT, zte_distance },
	{ ZX ".500.20.2.2.2.1.10", IX_ZTE_ONT_1, zte_rx },
};

const size_t mib_hw_ndefs = sizeof mib_hw_defs / sizeof mib_hw_defs[0];
const size_t mib_zte_ndefs = sizeof mib_zte_defs / sizeof mib_zte_defs[0];
