/*
 * snmp_mib.c — the Huawei and ZTE MIB views of a simulated OLT, computed on
 * demand from struct sim_olt (fleet.h); nothing is materialised.
 *
 * A view is a table of columns sorted by OID prefix.  A column names an
 * index kind (how its instances are numbered) and a value function.  The
 * index kinds iterate the OLT's PONs / ONTs / boards in index order:
 *
 *   scalar       .0
 *   hw-ont       <ponIfIndex>.<ontId>        ifIndex = 125<<25|frame<<19|slot<<13|port<<8
 *   hw-autofind  <ponIfIndex>.<n>            n = 1-based position in the port's autofind list
 *   hw-board     <frame>.<slot>
 *   zte-ont      <idx1082>.<onu>             idx1082 = 0x11000000|rack<<16|slot<<8|port
 *   zte-ont-1    <idx1082>.<onu>.1
 *   zte-ont-1012 <idx1012>.<onu>             idx1012 = 0x10000000|slot<<16|port<<8
 *   zte-card     <rack>.<shelf>.<slot>       shelf is always 1
 *
 * Because olt->pons is sorted by frame/slot/port and each formula is
 * monotonic in (frame, slot, port) for real slot/port ranges, the PON list is
 * also sorted by index: a binary search finds the PON for a given index, and
 * the ONT array (by id) gives the next ONT in at most SIM_MAX_ONTS steps, so
 * GETNEXT costs O(log npons + 128) whatever the OLT size.
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
 * olt->cpu_pct / olt->temp_c for every board (the fleet keeps one figure).
 *
 * Callers hold olt->lock (the agent thread answers each request under it).
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "drivers/util.h"
#include "tests/lab/snmp_mib.h"

enum mib_kind {
	IX_SCALAR, IX_HW_ONT, IX_HW_AUTOFIND, IX_HW_BOARD,
	IX_ZTE_ONT, IX_ZTE_ONT_1, IX_ZTE_ONT_1012, IX_ZTE_CARD,
};

/* One instance of a column: its index and what it points at. */
struct mib_row {
	uint32_t		 idx[4];
	uint32_t		 n;
	struct sim_pon		*pon;
	struct sim_ont		*ont;
	struct sim_autofind	*af;
	const struct sim_board	*board;
};

/* Fills v from a row; 0, or -1 when this row has no value in the column. */
typedef int (*mib_value_fn)(struct sim_olt *, const struct mib_row *, struct mib_value *);

struct mib_col_def {
	const char	*oid;
	enum mib_kind	 kind;
	mib_value_fn	 fn;
};

struct mib_col {
	uint32_t	 oid[32];
	uint32_t	 len;
	enum mib_kind	 kind;
	mib_value_fn	 fn;
};

/* ---- Index formulas -------------------------------------------------- */

uint32_t
mib_hw_ifindex(int frame, int slot, int port)
{
	return (125u << 25) | ((uint32_t)frame << 19) | ((uint32_t)slot << 13) | ((uint32_t)port << 8);
}

uint32_t
mib_zte_idx1082(int rack, int slot, int port)
{
	return 0x11000000u | ((uint32_t)rack << 16) | ((uint32_t)slot << 8) | (uint32_t)port;
}

uint32_t
mib_zte_idx1012(int slot, int port)
{
	return 0x10000000u | ((uint32_t)slot << 16) | ((uint32_t)port << 8);
}

/* The first index component of a PON for a kind. */
static uint32_t
pon_key(enum mib_kind k, const struct sim_pon *p)
{
	switch (k) {
	case IX_HW_ONT:
	case IX_HW_AUTOFIND:
		return mib_hw_ifindex(p->frame, p->slot, p->port);
	case IX_ZTE_ONT_1012:
		return mib_zte_idx1012(p->slot, p->port);
	default:
		return mib_zte_idx1082(p->frame, p->slot, p->port);
	}
}

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
static const struct mib_col_def hw_defs[] = {
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
static const struct mib_col_def zte_defs[] = {
	SYS_COLS,
	{ "1.3.6.1.4.1.3902.1012.3.50.11.2.1.17", IX_ZTE_ONT_1012, zte_type },
	{ ZX ".10.1.2.4.1.9", IX_ZTE_CARD, board_cpu },
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

#define NHW (sizeof hw_defs / sizeof hw_defs[0])
#define NZTE (sizeof zte_defs / sizeof zte_defs[0])

static struct mib_col hw_cols[NHW], zte_cols[NZTE];
static pthread_once_t cols_once = PTHREAD_ONCE_INIT;
static char *cols_error;

static int
col_cmp(const void *a, const void *b)
{
	const struct mib_col *x = a, *y = b;
	uint32_t n = x->len < y->len ? x->len : y->len;

	for (uint32_t i = 0; i < n; i++) {
		if (x->oid[i] != y->oid[i])
			return x->oid[i] < y->oid[i] ? -1 : 1;
	}
	return x->len < y->len ? -1 : x->len > y->len;
}

/* Parses and sorts one table; records the first problem in cols_error. */
static void
cols_build(const struct mib_col_def *defs, struct mib_col *cols, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		struct ber_oid o;
		if (ber_oid_parse(defs[i].oid, &o) < 0 || o.n > 32) {
			if (cols_error == NULL)
				cols_error = xasprintf("bad column OID %s", defs[i].oid);
			o.n = 0;
		}
		memcpy(cols[i].oid, o.id, o.n * sizeof o.id[0]);
		cols[i].len = o.n;
		cols[i].kind = defs[i].kind;
		cols[i].fn = defs[i].fn;
	}
	qsort(cols, n, sizeof cols[0], col_cmp);
	for (size_t i = 1; i < n; i++) {
		struct ber_oid o = { .n = cols[i].len };
		memcpy(o.id, cols[i].oid, o.n * sizeof o.id[0]);
		if (ber_oid_has_prefix(&o, cols[i - 1].oid, cols[i - 1].len) && cols_error == NULL)
			cols_error = xstrdup("a column lies inside another column");
	}
}

static void
cols_init(void)
{
	cols_build(hw_defs, hw_cols, NHW);
	cols_build(zte_defs, zte_cols, NZTE);
}

/* The sorted column table of an OLT's vendor. */
static const struct mib_col *
view(const struct sim_olt *olt, size_t *n)
{
	pthread_once(&cols_once, cols_init);
	if (olt->vendor == SIM_HUAWEI) {
		*n = NHW;
		return hw_cols;
	}
	*n = NZTE;
	return zte_cols;
}

int
mib_selfcheck(char **cause)
{
	pthread_once(&cols_once, cols_init);
	if (cols_error != NULL) {
		set_cause(cause, "SNMP MIB tables: %s", cols_error);
		return -1;
	}
	return 0;
}

/* ---- Row iteration --------------------------------------------------- */

/* Compares a row's index with the suffix s[0..n) lexicographically. */
static int
idx_cmp(const struct mib_row *r, const uint32_t *s, uint32_t n)
{
	uint32_t m = r->n < n ? r->n : n;

	for (uint32_t i = 0; i < m; i++) {
		if (r->idx[i] != s[i])
			return r->idx[i] < s[i] ? -1 : 1;
	}
	return r->n < n ? -1 : r->n > n;
}

/* First PON whose key is >= k (binary search; PONs sorted by index). */
static int
pon_lower(struct sim_olt *olt, enum mib_kind kind, uint32_t k)
{
	int lo = 0, hi = olt->npons;

	while (lo < hi) {
		int mid = lo + (hi - lo) / 2;
		if (pon_key(kind, &olt->pons[mid]) < k)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* The first row (of a PON-indexed kind) whose index is > s (or >= s when
   inclusive).  true when one was found. */
static bool
pon_rows_next(struct sim_olt *olt, enum mib_kind kind, const uint32_t *s, uint32_t n,
    bool inclusive, struct mib_row *r)
{
	int pi = n == 0 ? 0 : pon_lower(olt, kind, s[0]);

	for (; pi < olt->npons; pi++) {
		struct sim_pon *p = &olt->pons[pi];
		uint32_t key = pon_key(kind, p);
		uint32_t start = (n >= 2 && key == s[0]) ? s[1] : 0;
		memset(r, 0, sizeof *r);
		r->pon = p;
		r->idx[0] = key;
		if (kind == IX_HW_AUTOFIND) {
			for (uint32_t j = start > 0 ? start - 1 : 0; j < (uint32_t)p->nautofind; j++) {
				r->af = &p->autofind[j];
				r->idx[1] = j + 1;
				r->n = 2;
				int c = idx_cmp(r, s, n);
				if (c > 0 || (inclusive && c == 0))
					return true;
			}
			continue;
		}
		for (uint32_t id = start; id <= SIM_MAX_ONTS; id++) {
			if (p->onts[id] == NULL)
				continue;
			r->ont = p->onts[id];
			r->idx[1] = id;
			r->n = 2;
			if (kind == IX_ZTE_ONT_1)
				r->idx[r->n++] = 1;
			int c = idx_cmp(r, s, n);
			if (c > 0 || (inclusive && c == 0))
				return true;
		}
	}
	return false;
}

/* Board rows: the smallest index past s among all boards (few of them). */
static bool
board_rows_next(struct sim_olt *olt, enum mib_kind kind, const uint32_t *s, uint32_t n,
    bool inclusive, struct mib_row *r)
{
	bool found = false;
	uint32_t frame = olt->npons > 0 ? olt->pons[0].frame : (kind == IX_ZTE_CARD);

	for (int i = 0; i < olt->nboards; i++) {
		struct mib_row c = { .board = &olt->boards[i] };
		if (kind == IX_ZTE_CARD) {
			c.idx[0] = frame;
			c.idx[1] = 1;
			c.idx[2] = olt->boards[i].slot;
			c.n = 3;
		} else {
			c.idx[0] = frame;
			c.idx[1] = olt->boards[i].slot;
			c.n = 2;
		}
		int k = idx_cmp(&c, s, n);
		if (!(k > 0 || (inclusive && k == 0)))
			continue;
		if (!found || idx_cmp(&c, r->idx, r->n) < 0) {
			*r = c;
			found = true;
		}
	}
	return found;
}

/* The first row of a kind after (or at, when inclusive) suffix s. */
static bool
rows_next(struct sim_olt *olt, enum mib_kind kind, const uint32_t *s, uint32_t n,
    bool inclusive, struct mib_row *r)
{
	switch (kind) {
	case IX_SCALAR:
		memset(r, 0, sizeof *r);
		r->n = 1;
		return n == 0 || (inclusive && n == 1 && s[0] == 0);
	case IX_HW_BOARD:
	case IX_ZTE_CARD:
		return board_rows_next(olt, kind, s, n, inclusive, r);
	default:
		return pon_rows_next(olt, kind, s, n, inclusive, r);
	}
}

/* ---- Lookups --------------------------------------------------------- */

/* Index of the first column whose subtree is not wholly before q. */
static size_t
col_lower(const struct mib_col *cols, size_t ncols, const struct ber_oid *q)
{
	size_t lo = 0, hi = ncols;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct mib_col *c = &cols[mid];
		uint32_t m = c->len < q->n ? c->len : q->n;
		int cmp = 0;
		for (uint32_t i = 0; i < m && cmp == 0; i++) {
			if (c->oid[i] != q->id[i])
				cmp = c->oid[i] < q->id[i] ? -1 : 1;
		}
		/* cmp == 0: q is inside c or a prefix of c: not before q. */
		if (cmp < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

int
mib_get(struct sim_olt *olt, const struct ber_oid *q, struct mib_value *v)
{
	size_t n;
	const struct mib_col *cols = view(olt, &n);
	size_t i = col_lower(cols, n, q);
	struct mib_row r;

	if (i >= n || !ber_oid_has_prefix(q, cols[i].oid, cols[i].len))
		return BER_NOSUCHOBJECT;
	const uint32_t *s = q->id + cols[i].len;
	uint32_t sn = q->n - cols[i].len;
	if (sn == 0 || !rows_next(olt, cols[i].kind, s, sn, true, &r) || idx_cmp(&r, s, sn) != 0)
		return BER_NOSUCHINSTANCE;
	memset(v, 0, sizeof *v);
	if (cols[i].fn(olt, &r, v) < 0)
		return BER_NOSUCHINSTANCE;
	return 0;
}

int
mib_next(struct sim_olt *olt, const struct ber_oid *q, struct ber_oid *next,
    struct mib_value *v)
{
	size_t n;
	const struct mib_col *cols = view(olt, &n);
	struct mib_row r;

	for (size_t i = col_lower(cols, n, q); i < n; i++) {
		const struct mib_col *c = &cols[i];
		uint32_t s[4], sn = 0;
		if (ber_oid_has_prefix(q, c->oid, c->len)) {
			/* Rows have at most 4 index parts: comparing "after" against
			   the first 4 parts of a longer suffix gives the same answer
			   (a row equal on them is a prefix of q, so before it). */
			sn = q->n - c->len;
			if (sn > 4)
				sn = 4;
			memcpy(s, q->id + c->len, sn * sizeof s[0]);
		}
		if (!rows_next(olt, c->kind, s, sn, false, &r))
			continue;
		for (;;) {
			memset(v, 0, sizeof *v);
			if (c->fn(olt, &r, v) == 0) {
				next->n = c->len + r.n;
				memcpy(next->id, c->oid, c->len * sizeof next->id[0]);
				memcpy(next->id + c->len, r.idx, r.n * sizeof r.idx[0]);
				return 0;
			}
			uint32_t cur[4];
			uint32_t cn = r.n;
			memcpy(cur, r.idx, sizeof cur);
			if (!rows_next(olt, c->kind, cur, cn, false, &r))
				break;
		}
	}
	return BER_ENDOFMIBVIEW;
}

/* Encodes a value with its own tag. */
void
mib_put_value(struct ber_enc *e, const struct mib_value *v)
{
	switch (v->tag) {
	case BER_INTEGER:
		ber_put_int(e, BER_INTEGER, v->num);
		break;
	case BER_OCTETS:
	case BER_IPADDR:
		ber_put_bytes(e, v->tag, v->str, v->len);
		break;
	case BER_OID:
		ber_put_oid(e, &v->oid);
		break;
	case BER_COUNTER32:
	case BER_GAUGE32:
	case BER_TIMETICKS:
	case BER_COUNTER64:
		ber_put_uint(e, v->tag, (uint64_t)v->num);
		break;
	default:
		ber_put_null(e, v->tag);
		break;
	}
}
