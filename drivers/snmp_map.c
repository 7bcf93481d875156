/*
 * snmp_map.c — vendor OID maps, index encodings and value scalings, and the
 * per-OLT sweep and per-ONT live read built on them.
 *
 * Sources: shared/reference/snmp-oids.md.  Huawei per-ONT tables are indexed
 * <ponIfIndex>.<ontId>; ZTE .1082 tables <idx1082>.<onuId> (the Rx column
 * adds a trailing .1).  The sweep walks all its columns in one GETBULK
 * stream (snmpc_walk_columns), so the requests per ONT are about
 * columns / max-repetitions, and merges the values into rows through a
 * small open-addressing table keyed by (port index, ONT id).
 */
#include "drivers/snmp_map.h"
#include "lib/util.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define HW_BASE		"1.3.6.1.4.1.2011.6.128.1.1.2"
#define ZTE_1082	"1.3.6.1.4.1.3902.1082"

enum col {
	COL_STATUS, COL_RX, COL_OLT_RX, COL_DISTANCE, COL_CAUSE, COL_SN, COL_DESC, NCOLS
};

/* Column OIDs per vendor, in enum col order. */
static const char *const columns[2][NCOLS] = {
	[SNMPMAP_HUAWEI] = {
		HW_BASE ".46.1.15",	/* hwGponDeviceOntControlRunStatus */
		HW_BASE ".51.1.4",	/* hwGponOntOpticalDdmRxPower */
		HW_BASE ".51.1.6",	/* hwGponOntOpticalDdmOltRxOntPower */
		HW_BASE ".46.1.20",	/* hwGponDeviceOntControlRanging */
		HW_BASE ".46.1.24",	/* hwGponDeviceOntControlLastDownCause */
		HW_BASE ".43.1.3",	/* hwGponDeviceOntSn */
		HW_BASE ".43.1.9",	/* hwGponDeviceOntDespt */
	},
	[SNMPMAP_ZTE] = {
		ZTE_1082 ".500.10.2.3.8.1.4",	/* ONU status */
		ZTE_1082 ".500.20.2.2.2.1.10",	/* ONU Rx (index .<onu>.1) */
		ZTE_1082 ".500.1.2.4.2.1.2",	/* OLT Rx of ONU */
		ZTE_1082 ".500.10.2.3.10.1.2",	/* distance */
		ZTE_1082 ".500.10.2.3.8.1.7",	/* last offline reason */
		ZTE_1082 ".500.10.2.3.3.1.18",	/* serial "1,ZTEG..." */
		ZTE_1082 ".500.10.2.3.3.1.2",	/* name */
	},
};

uint32_t
snmpmap_huawei_ifindex(int frame, int slot, int port)
{
	return (125u << 25) | ((uint32_t)frame << 19) | ((uint32_t)slot << 13) |
	    ((uint32_t)port << 8);
}

int
snmpmap_huawei_decode(uint32_t ifindex, int *frame, int *slot, int *port)
{
	if ((ifindex >> 25) != 125 || (ifindex & 0xff) != 0)
		return -1;
	*frame = (int)((ifindex >> 19) & 0x3f);
	*slot = (int)((ifindex >> 13) & 0x3f);
	*port = (int)((ifindex >> 8) & 0x1f);
	return 0;
}

uint32_t
snmpmap_zte_idx1082(int rack, int slot, int port)
{
	return 0x11000000u | ((uint32_t)rack << 16) | ((uint32_t)slot << 8) |
	    (uint32_t)port;
}

int
snmpmap_zte_decode1082(uint32_t idx, int *rack, int *slot, int *port)
{
	if ((idx & 0xff000000u) != 0x11000000u)
		return -1;
	*rack = (int)((idx >> 16) & 0xff);
	*slot = (int)((idx >> 8) & 0xff);
	*port = (int)(idx & 0xff);
	return 0;
}

uint32_t
snmpmap_zte_idx1012(int slot, int port)
{
	return 0x10000000u | ((uint32_t)slot << 16) | ((uint32_t)port << 8);
}

double
snmpmap_huawei_rx(int64_t raw)
{
	if (raw == 2147483647 || raw == -1 || raw < -6000 || raw > 1000)
		return NAN;
	return (double)raw / 100.0;
}

double
snmpmap_huawei_olt_rx(int64_t raw)
{
	/* Majority view (snmp-oids.md 1.4): dBm = (raw - 10000) / 100. */
	if (raw == 2147483647 || raw == -1 || raw <= 0)
		return NAN;
	return (double)(raw - 10000) / 100.0;
}

double
snmpmap_zte_rx(int64_t raw)
{
	/* 65535 and 0 carry no reading on the .1082 and .1012 trees. */
	if (raw <= 0 || raw >= 65535)
		return NAN;
	return (double)raw * 0.002 - 30.0;
}

double
snmpmap_zte_olt_rx(int64_t raw)
{
	if (raw == 2147483647 || raw == 65535 || raw <= -80000 || raw >= 20000)
		return NAN;
	return (double)raw / 1000.0;
}

int
snmpmap_huawei_status(int64_t raw)
{
	switch (raw) {
	case 1: return ONT_ONLINE;
	case 2: return ONT_OFFLINE;
	default: return ONT_UNKNOWN;
	}
}

/* hwGponDeviceOntControlLastDownCause codes, as pollers read them (the
   MIB's enumeration is not in the collected material, so this is the
   reconstructed subset oltsim also serves): 1 LOS, 2 LOSi, 3 LOFi,
   13 dying-gasp. */
int
snmpmap_huawei_refine(int status, int down_cause)
{
	if (status != ONT_OFFLINE)
		return status;
	switch (down_cause) {
	case 1: case 2: case 3:
		return ONT_LOS;
	case 13:
		return ONT_DYING_GASP;
	default:
		return ONT_OFFLINE;
	}
}

int
snmpmap_zte_status(int64_t raw)
{
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
snmpmap_serial(enum snmp_vendor v, const unsigned char *b, size_t len, char out[13])
{
	out[0] = '\0';
	if (v == SNMPMAP_HUAWEI && len == 8) {
		for (int i = 0; i < 4; i++)
			out[i] = (b[i] >= 0x20 && b[i] < 0x7f) ? (char)b[i] : '?';
		snprintf(out + 4, 9, "%02X%02X%02X%02X", b[4], b[5], b[6], b[7]);
		return;
	}
	if (v == SNMPMAP_HUAWEI && len == 16) {
		/* Some agents give the hex text form. */
		char hex[17];
		unsigned x;
		memcpy(hex, b, 16);
		hex[16] = '\0';
		for (int i = 0; i < 4; i++) {
			if (sscanf(hex + 2 * i, "%2x", &x) != 1)
				return;
			out[i] = (char)x;
		}
		for (int i = 0; i < 8; i++)
			out[4 + i] = hex[8 + i] >= 'a' ? (char)(hex[8 + i] - 32) : hex[8 + i];
		out[12] = '\0';
		return;
	}
	/* ZTE: "1,ZTEGC4BB98CB" — keep what follows the last comma. */
	{
		size_t start = 0, n;
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
	}
}

/* Rows keyed by (port index, ONT id) in an open-addressing table. */
struct sweep {
	enum snmp_vendor	 vendor;
	struct snmp_oid		 cols[NCOLS];
	int			 colmap[NCOLS];	/* walked column -> enum col */
	struct snmp_ont_row	*rows;
	size_t			 nrows, caprows;
	uint64_t		*keys;	/* hash slots: key+1, 0 = empty */
	size_t			*slot_row;
	size_t			 nslots;
};

static void
sweep_rehash(struct sweep *s)
{
	size_t n = s->nslots ? s->nslots * 2 : 1024;

	free(s->keys);
	free(s->slot_row);
	s->keys = xcalloc(n, sizeof *s->keys);
	s->slot_row = xcalloc(n, sizeof *s->slot_row);
	s->nslots = n;
	for (size_t r = 0; r < s->nrows; r++) {
		const struct snmp_ont_row *row = &s->rows[r];
		uint64_t key = ((uint64_t)(row->frame << 16 | row->slot << 8 | row->port) << 16) |
		    (uint64_t)row->ont_id;
		size_t h = (size_t)(key * 0x9e3779b97f4a7c15ull) & (n - 1);
		while (s->keys[h] != 0)
			h = (h + 1) & (n - 1);
		s->keys[h] = key + 1;
		s->slot_row[h] = r;
	}
}

/* Returns the row for an index, creating it. */
static struct snmp_ont_row *
sweep_row(struct sweep *s, int frame, int slot, int port, int ont_id)
{
	uint64_t key = ((uint64_t)(frame << 16 | slot << 8 | port) << 16) | (uint64_t)ont_id;
	size_t h;
	struct snmp_ont_row *row;

	if ((s->nrows + 1) * 2 > s->nslots)
		sweep_rehash(s);
	h = (size_t)(key * 0x9e3779b97f4a7c15ull) & (s->nslots - 1);
	while (s->keys[h] != 0) {
		if (s->keys[h] == key + 1)
			return &s->rows[s->slot_row[h]];
		h = (h + 1) & (s->nslots - 1);
	}
	if (s->nrows == s->caprows) {
		s->caprows = s->caprows ? s->caprows * 2 : 256;
		s->rows = xreallocarray(s->rows, s->caprows, sizeof *s->rows);
	}
	row = &s->rows[s->nrows];
	memset(row, 0, sizeof *row);
	row->frame = frame;
	row->slot = slot;
	row->port = port;
	row->ont_id = ont_id;
	row->status = ONT_UNKNOWN;
	row->rx_dbm = row->olt_rx_dbm = NAN;
	row->distance_m = -1;
	s->keys[h] = key + 1;
	s->slot_row[h] = s->nrows;
	s->nrows++;
	return row;
}

static int64_t
value_int(const struct snmp_value *v)
{
	return v->type == SNMPV_INT ? v->i : (int64_t)v->u;
}

/* Stores one value of column c into row. */
static void
apply(enum snmp_vendor vendor, int c, const struct snmp_value *v,
    struct snmp_ont_row *row)
{
	bool num = v->type == SNMPV_INT || v->type == SNMPV_UINT;

	switch (c) {
	case COL_STATUS:
		if (num)
			row->status = vendor == SNMPMAP_HUAWEI ?
			    snmpmap_huawei_status(value_int(v)) :
			    snmpmap_zte_status(value_int(v));
		break;
	case COL_RX:
		if (num)
			row->rx_dbm = vendor == SNMPMAP_HUAWEI ?
			    snmpmap_huawei_rx(value_int(v)) : snmpmap_zte_rx(value_int(v));
		break;
	case COL_OLT_RX:
		if (num)
			row->olt_rx_dbm = vendor == SNMPMAP_HUAWEI ?
			    snmpmap_huawei_olt_rx(value_int(v)) :
			    snmpmap_zte_olt_rx(value_int(v));
		break;
	case COL_DISTANCE:
		if (num && value_int(v) >= 0 && value_int(v) < 100000)
			row->distance_m = (int)value_int(v);
		break;
	case COL_CAUSE:
		if (num)
			row->down_cause = (int)value_int(v);
		break;
	case COL_SN:
		if (v->type == SNMPV_OCTETS)
			snmpmap_serial(vendor, v->bytes, v->len, row->sn);
		break;
	case COL_DESC:
		if (v->type == SNMPV_OCTETS) {
			size_t n = v->len < sizeof row->desc - 1 ? v->len : sizeof row->desc - 1;
			size_t j = 0;
			for (size_t i = 0; i < n; i++)
				if (v->bytes[i] >= 0x20 && v->bytes[i] != 0x7f)
					row->desc[j++] = (char)v->bytes[i];
			row->desc[j] = '\0';
			/* ZTE prints $$ / $$$$ for an empty description. */
			if (strspn(row->desc, "$") == strlen(row->desc))
				row->desc[0] = '\0';
		}
		break;
	}
}

/* Decodes a value's index into port + ONT id; -1 when it is not an ONT. */
static int
decode_index(enum snmp_vendor vendor, const struct snmp_oid *col,
    const struct snmp_oid *o, int *frame, int *slot, int *port, int *ont)
{
	uint32_t idx;

	if (o->len < col->len + 2)
		return -1;
	idx = o->sub[col->len];
	*ont = (int)o->sub[col->len + 1];
	if (vendor == SNMPMAP_HUAWEI)
		return snmpmap_huawei_decode(idx, frame, slot, port);
	return snmpmap_zte_decode1082(idx, frame, slot, port);
}

static int
sweep_cb(size_t col, const struct snmp_value *v, void *arg)
{
	struct sweep *s = arg;
	int c = s->colmap[col], frame, slot, port, ont;

	if (decode_index(s->vendor, &s->cols[col], &v->oid, &frame, &slot, &port, &ont) != 0)
		return 0;
	apply(s->vendor, c, v, sweep_row(s, frame, slot, port, ont));
	return 0;
}

static int
row_cmp(const void *a, const void *b)
{
	const struct snmp_ont_row *x = a, *y = b;

	if (x->frame != y->frame)
		return x->frame - y->frame;
	if (x->slot != y->slot)
		return x->slot - y->slot;
	if (x->port != y->port)
		return x->port - y->port;
	return x->ont_id - y->ont_id;
}

int
snmpmap_sweep(struct snmp_client *c, enum snmp_vendor v, unsigned flags,
    struct snmp_ont_row **rows, size_t *nrows, char **cause)
{
	struct sweep s;
	int ncols = (flags & SNMPMAP_IDENTITY) ? NCOLS : COL_SN, rc;

	memset(&s, 0, sizeof s);
	s.vendor = v;
	for (int i = 0; i < ncols; i++) {
		snmp_oid_parse(columns[v][i], &s.cols[i]);
		s.colmap[i] = i;
	}
	rc = snmpc_walk_columns(c, s.cols, (size_t)ncols, sweep_cb, &s, cause);
	free(s.keys);
	free(s.slot_row);
	if (rc != 0) {
		free(s.rows);
		*rows = NULL;
		*nrows = 0;
		return -1;
	}
	if (v == SNMPMAP_HUAWEI)
		for (size_t i = 0; i < s.nrows; i++)
			s.rows[i].status = snmpmap_huawei_refine(s.rows[i].status,
			    s.rows[i].down_cause);
	if (s.nrows > 1)
		qsort(s.rows, s.nrows, sizeof *s.rows, row_cmp);
	*rows = s.rows;
	*nrows = s.nrows;
	return 0;
}

int
snmpmap_live(struct snmp_client *c, enum snmp_vendor v, struct snmp_ont_row *row,
    char **cause)
{
	struct snmp_oid oids[5];
	struct snmp_value vals[5];
	uint32_t idx = v == SNMPMAP_HUAWEI ?
	    snmpmap_huawei_ifindex(row->frame, row->slot, row->port) :
	    snmpmap_zte_idx1082(row->frame, row->slot, row->port);

	for (int i = 0; i < 5; i++) {
		uint32_t tail[3] = { idx, (uint32_t)row->ont_id, 1 };
		snmp_oid_parse(columns[v][i], &oids[i]);
		/* ZTE's Rx column carries a trailing .1. */
		snmp_oid_append(&oids[i], tail, (v == SNMPMAP_ZTE && i == COL_RX) ? 3 : 2);
	}
	if (snmpc_get(c, oids, 5, vals, cause) != 0)
		return -1;
	row->status = ONT_UNKNOWN;
	row->rx_dbm = row->olt_rx_dbm = NAN;
	row->distance_m = -1;
	if (vals[COL_STATUS].type == SNMPV_MISSING) {
		set_cause(cause, "ONT %d/%d/%d %d is not configured on this OLT (SNMP "
		    "has no status for it)", row->frame, row->slot, row->port, row->ont_id);
		return -1;
	}
	for (int i = 0; i < 5; i++)
		if (vals[i].type != SNMPV_MISSING)
			apply(v, i, &vals[i], row);
	if (v == SNMPMAP_HUAWEI)
		row->status = snmpmap_huawei_refine(row->status, row->down_cause);
	return 0;
}

/* Health columns: Huawei HUAWEI-DEVICE-MIB / hwMusaBoard (index frame.slot),
   ZTE card table (index rack.shelf.slot). */
#define HW_BOARD_CPU	"1.3.6.1.4.1.2011.2.6.7.1.1.2.1.5"
#define HW_BOARD_TEMP	"1.3.6.1.4.1.2011.2.6.7.1.1.2.1.10"
#define HW_SLOT_DESC	"1.3.6.1.4.1.2011.6.3.3.2.1.3"
#define ZTE_CARD_CPU	"1.3.6.1.4.1.3902.1082.10.1.2.4.1.9"

struct health_walk {
	struct snmp_health	*h;
	struct snmp_oid		 cols[3];
	enum snmp_vendor	 vendor;
};

static int
board_index(struct snmp_health *h, int frame, int slot)
{
	for (int i = 0; i < h->nboards; i++)
		if (h->boards[i].frame == frame && h->boards[i].slot == slot)
			return i;
	if (h->nboards == SNMPMAP_MAX_BOARDS)
		return -1;
	h->boards[h->nboards].frame = frame;
	h->boards[h->nboards].slot = slot;
	h->boards[h->nboards].name[0] = '\0';
	h->boards[h->nboards].cpu_pct = -1;
	h->boards[h->nboards].temp_c = NAN;
	return h->nboards++;
}

static int
health_cb(size_t col, const struct snmp_value *v, void *arg)
{
	struct health_walk *w = arg;
	const struct snmp_oid *c = &w->cols[col];
	int frame, slot, b;

	if (w->vendor == SNMPMAP_HUAWEI) {
		if (v->oid.len != c->len + 2)
			return 0;
		frame = (int)v->oid.sub[c->len];
		slot = (int)v->oid.sub[c->len + 1];
	} else {
		if (v->oid.len != c->len + 3)
			return 0;
		frame = (int)v->oid.sub[c->len];
		slot = (int)v->oid.sub[c->len + 2];
	}
	if ((b = board_index(w->h, frame, slot)) < 0)
		return 0;
	if (col == 0 && (v->type == SNMPV_INT || v->type == SNMPV_UINT))
		w->h->boards[b].cpu_pct = (int)value_int(v);
	else if (col == 1 && (v->type == SNMPV_INT || v->type == SNMPV_UINT)) {
		int64_t t = value_int(v);
		if (t > -100 && t < 200)
			w->h->boards[b].temp_c = (double)t;
	} else if (col == 2 && v->type == SNMPV_OCTETS) {
		size_t n = v->len < sizeof w->h->boards[b].name - 1 ? v->len :
		    sizeof w->h->boards[b].name - 1;
		memcpy(w->h->boards[b].name, v->bytes, n);
		w->h->boards[b].name[n] = '\0';
	}
	return 0;
}

int
snmpmap_health(struct snmp_client *c, enum snmp_vendor v, struct snmp_health *h,
    char **cause)
{
	struct snmp_oid sys[3];
	struct snmp_value vals[3];
	struct health_walk w;
	size_t ncols;

	memset(h, 0, sizeof *h);
	h->uptime_s = -1;
	snmp_oid_parse("1.3.6.1.2.1.1.1.0", &sys[0]);
	snmp_oid_parse("1.3.6.1.2.1.1.3.0", &sys[1]);
	snmp_oid_parse("1.3.6.1.2.1.1.5.0", &sys[2]);
	if (snmpc_get(c, sys, 3, vals, cause) != 0)
		return -1;
	if (vals[0].type == SNMPV_OCTETS) {
		size_t n = vals[0].len < sizeof h->descr - 1 ? vals[0].len : sizeof h->descr - 1;
		memcpy(h->descr, vals[0].bytes, n);
	}
	if (vals[1].type == SNMPV_UINT)
		h->uptime_s = (int64_t)(vals[1].u / 100);
	if (vals[2].type == SNMPV_OCTETS) {
		size_t n = vals[2].len < sizeof h->name - 1 ? vals[2].len : sizeof h->name - 1;
		memcpy(h->name, vals[2].bytes, n);
	}
	memset(&w, 0, sizeof w);
	w.h = h;
	w.vendor = v;
	if (v == SNMPMAP_HUAWEI) {
		snmp_oid_parse(HW_BOARD_CPU, &w.cols[0]);
		snmp_oid_parse(HW_BOARD_TEMP, &w.cols[1]);
		snmp_oid_parse(HW_SLOT_DESC, &w.cols[2]);
		ncols = 3;
	} else {
		snmp_oid_parse(ZTE_CARD_CPU, &w.cols[0]);
		ncols = 1;
	}
	return snmpc_walk_columns(c, w.cols, ncols, health_cb, &w, cause);
}
