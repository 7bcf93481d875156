/*
 * snmp_map.c — the per-OLT sweep, the per-ONT live read and the health read,
 * over a driver's SNMP profile (snmp_map.h); no vendor is named here.
 *
 * Per-ONT tables are indexed <port index>.<ONT id>[.<extra>].  The sweep
 * walks all its columns in one GETBULK stream (snmpc_walk_columns), so the
 * requests per ONT are about columns / max-repetitions, and merges the
 * values into rows through a small open-addressing table keyed by (port
 * index, ONT id); the run state is mapped once every column is in, since
 * some agents need the last down cause to tell LOS from dying gasp.
 *
 * A sweep the client's request budget stops is partial: each column got
 * as far as its last value, so the ports before the one the slowest column
 * was in are whole, and only their rows are returned (a port read in part
 * would tell the alarms a wrong share of LOS).  A column that had ended
 * before the budget did only makes that cut earlier, never wrong.
 */
#include "drivers/snmp_map.h"
#include "drivers/validate.h"
#include "lib/sn.h"
#include "lib/text.h"
#include "lib/util.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Rows keyed by (port index, ONT id) in an open-addressing table. */
struct sweep {
	const struct snmp_profile *p;
	struct snmp_oid		 cols[SNMP_NCOLS];
	int			 colmap[SNMP_NCOLS];	/* walked column -> enum snmp_col */
	struct snmp_ont_row	*rows;
	size_t			 nrows, caprows;
	uint64_t		*keys;	/* hash slots: key+1, 0 = empty */
	size_t			*slot_row;
	size_t			 nslots;
	uint64_t		 last[SNMP_NCOLS];	/* walked column -> its last
							   (port index, ONT id) */
	bool			 seen[SNMP_NCOLS];	/* walked column gave a value */
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
	row->status_raw = -1;
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

/* Copies an OCTET STRING's printable bytes into out (size bytes with the
   NUL), without trailing blanks (some agents pad names). */
static void
printable(const struct snmp_value *v, char *out, size_t size)
{
	size_t j = 0;

	for (size_t i = 0; i < v->len && j + 1 < size; i++)
		if (v->bytes[i] >= 0x20 && v->bytes[i] != 0x7f)
			out[j++] = (char)v->bytes[i];
	out[j] = '\0';
	/* An agent's bytes are not trusted to be UTF-8 (or to hold no C1
	   control or reordering character), and a cut may split a sequence. */
	text_sanitize(out);
	j = strlen(out);
	while (j > 0 && out[j - 1] == ' ')
		j--;
	out[j] = '\0';
}

/* Stores one value of column c into row. */
static void
apply(const struct snmp_profile *p, int c, const struct snmp_value *v,
    struct snmp_ont_row *row)
{
	bool num = v->type == SNMPV_INT || v->type == SNMPV_UINT;

	switch (c) {
	case SNMP_COL_STATUS:
		if (num)
			row->status_raw = value_int(v);
		break;
	case SNMP_COL_RX:
		if (num)
			row->rx_dbm = p->rx(value_int(v));
		break;
	case SNMP_COL_OLT_RX:
		if (num)
			row->olt_rx_dbm = p->olt_rx(value_int(v));
		break;
	case SNMP_COL_DISTANCE:
		if (num && value_int(v) >= 0 && value_int(v) < 100000)
			row->distance_m = (int)value_int(v);
		break;
	case SNMP_COL_CAUSE:
		if (num)
			row->down_cause = (int)value_int(v);
		break;
	case SNMP_COL_SN:
		/* Only a serial of 4 vendor characters and 8 hex digits is
		   kept: an agent's bytes may hold anything (ESC, CR, LF...). */
		if (v->type == SNMPV_OCTETS) {
			p->serial(v->bytes, v->len, row->sn);
			row->sn[sizeof row->sn - 1] = '\0';
			if (!sn_is_canonical(row->sn))
				row->sn[0] = '\0';
		}
		break;
	case SNMP_COL_DESC:
		if (v->type == SNMPV_OCTETS) {
			printable(v, row->desc, sizeof row->desc);
			/* Agents print $$ / $$$$ for an empty description (ZTE). */
			if (strspn(row->desc, "$") == strlen(row->desc))
				row->desc[0] = '\0';
		}
		break;
	}
}

/* Maps the row's raw status (with its down cause) to a run state. */
static void
finish_row(const struct snmp_profile *p, struct snmp_ont_row *row)
{
	row->status = row->status_raw < 0 ? ONT_UNKNOWN :
	    p->status(row->status_raw, row->down_cause);
}

/* Decodes a value's index into port + ONT id (see snmp_map.h). */
int
snmpmap_ont_index(const struct snmp_profile *p, const struct snmp_oid *col,
    const struct snmp_oid *o, int *frame, int *slot, int *port, int *ont)
{
	const struct gpon_limits *l = p->limits;
	uint32_t idx, id;

	if (o->len < col->len + 2)
		return -1;
	idx = o->sub[col->len];
	id = o->sub[col->len + 1];
	if (p->port_decode(idx, frame, slot, port) != 0 ||
	    p->port_index(*frame, *slot, *port) != idx ||
	    *frame < l->frame_min || *frame > l->frame_max ||
	    *slot < l->slot_min || *slot > l->slot_max ||
	    *port < l->pon_min || *port > l->pon_max ||
	    id < (uint32_t)l->ont_id_min || id > (uint32_t)l->ont_id_max)
		return -1;
	*ont = (int)id;
	return 0;
}

static int
sweep_cb(size_t col, const struct snmp_value *v, void *arg)
{
	struct sweep *s = arg;
	int c = s->colmap[col], frame, slot, port, ont;

	if (snmpmap_ont_index(s->p, &s->cols[col], &v->oid, &frame, &slot, &port, &ont) != 0)
		return 0;
	s->last[col] = (uint64_t)v->oid.sub[s->cols[col].len] << 32 | (uint32_t)ont;
	s->seen[col] = true;
	apply(s->p, c, v, sweep_row(s, frame, slot, port, ont));
	return 0;
}

/* After the budget stopped the walk: keeps the rows of the ports every
   walked column had gone past (see the top of the file). */
static void
sweep_keep_whole_ports(struct sweep *s, size_t ncols)
{
	uint64_t cut = UINT64_MAX;
	size_t k = 0;

	for (size_t i = 0; i < ncols; i++)
		if (s->seen[i] && s->last[i] < cut)
			cut = s->last[i];
	for (size_t i = 0; i < s->nrows; i++) {
		const struct snmp_ont_row *r = &s->rows[i];
		uint32_t idx = s->p->port_index(r->frame, r->slot, r->port);

		if (cut != UINT64_MAX && idx < (uint32_t)(cut >> 32))
			s->rows[k++] = *r;
	}
	s->nrows = k;
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
snmpmap_sweep(struct snmp_client *c, const struct snmp_profile *p, unsigned flags,
    struct snmp_ont_row **rows, size_t *nrows, char **cause)
{
	struct sweep s;
	int last = (flags & SNMPMAP_IDENTITY) ? SNMP_NCOLS : SNMP_COL_SN, rc;
	size_t ncols = 0;

	memset(&s, 0, sizeof s);
	s.p = p;
	for (int i = 0; i < last; i++) {
		if (p->columns[i] == NULL)
			continue;
		snmp_oid_parse(p->columns[i], &s.cols[ncols]);
		s.colmap[ncols++] = i;
	}
	rc = snmpc_walk_columns(c, s.cols, ncols, sweep_cb, &s, cause);
	free(s.keys);
	free(s.slot_row);
	if (rc != 0 && snmpc_budget_spent(c)) {
		sweep_keep_whole_ports(&s, ncols);
		rc = SNMPMAP_PARTIAL;
	} else if (rc != 0) {
		free(s.rows);
		*rows = NULL;
		*nrows = 0;
		return -1;
	}
	for (size_t i = 0; i < s.nrows; i++)
		finish_row(p, &s.rows[i]);
	if (s.nrows > 1)
		qsort(s.rows, s.nrows, sizeof *s.rows, row_cmp);
	*rows = s.rows;
	*nrows = s.nrows;
	return rc;
}

int
snmpmap_live(struct snmp_client *c, const struct snmp_profile *p, struct snmp_ont_row *row,
    char **cause)
{
	struct snmp_oid oids[SNMP_COL_SN];
	struct snmp_value vals[SNMP_COL_SN];
	int colmap[SNMP_COL_SN];
	uint32_t idx = p->port_index(row->frame, row->slot, row->port);
	size_t n = 0;
	bool have_status = false;

	for (int i = 0; i < SNMP_COL_SN; i++) {
		uint32_t tail[3] = { idx, (uint32_t)row->ont_id, (uint32_t)p->extra[i] };

		if (p->columns[i] == NULL)
			continue;
		snmp_oid_parse(p->columns[i], &oids[n]);
		snmp_oid_append(&oids[n], tail, p->extra[i] != 0 ? 3 : 2);
		colmap[n++] = i;
	}
	if (snmpc_get(c, oids, n, vals, cause) != 0)
		return -1;
	row->status = ONT_UNKNOWN;
	row->status_raw = -1;
	row->rx_dbm = row->olt_rx_dbm = NAN;
	row->distance_m = -1;
	for (size_t i = 0; i < n; i++) {
		if (vals[i].type == SNMPV_MISSING)
			continue;
		if (colmap[i] == SNMP_COL_STATUS)
			have_status = true;
		apply(p, colmap[i], &vals[i], row);
	}
	if (!have_status) {
		set_cause(cause, "ONT %d/%d/%d %d is not configured on this OLT (SNMP "
		    "has no status for it)", row->frame, row->slot, row->port, row->ont_id);
		return -1;
	}
	finish_row(p, row);
	return 0;
}

struct health_walk {
	struct snmp_health	*h;
	struct snmp_oid		 cols[3];
	int			 what[3];	/* 0 cpu, 1 temperature, 2 name */
	int			 index_len;
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

	if (v->oid.len != c->len + (size_t)w->index_len)
		return 0;
	frame = (int)v->oid.sub[c->len];
	slot = (int)v->oid.sub[c->len + (size_t)w->index_len - 1];
	if ((b = board_index(w->h, frame, slot)) < 0)
		return 0;
	if (w->what[col] == 0 && (v->type == SNMPV_INT || v->type == SNMPV_UINT))
		w->h->boards[b].cpu_pct = (int)value_int(v);
	else if (w->what[col] == 1 && (v->type == SNMPV_INT || v->type == SNMPV_UINT)) {
		int64_t t = value_int(v);
		/* Out of range is "no sensor" (ZTE says -1000, Huawei 2147483647). */
		if (t > -100 && t < 200)
			w->h->boards[b].temp_c = (double)t;
	} else if (w->what[col] == 2 && v->type == SNMPV_OCTETS)
		printable(v, w->h->boards[b].name, sizeof w->h->boards[b].name);
	return 0;
}

int
snmpmap_health(struct snmp_client *c, const struct snmp_profile *p,
    struct snmp_health *h, char **cause)
{
	const char *oids[3] = { p->board_cpu, p->board_temp, p->board_name };
	struct snmp_oid sys[3];
	struct snmp_value vals[3];
	struct health_walk w;
	size_t ncols = 0;

	memset(h, 0, sizeof *h);
	h->uptime_s = -1;
	snmp_oid_parse("1.3.6.1.2.1.1.1.0", &sys[0]);
	snmp_oid_parse("1.3.6.1.2.1.1.3.0", &sys[1]);
	snmp_oid_parse("1.3.6.1.2.1.1.5.0", &sys[2]);
	if (snmpc_get(c, sys, 3, vals, cause) != 0)
		return -1;
	if (vals[0].type == SNMPV_OCTETS)
		printable(&vals[0], h->descr, sizeof h->descr);
	if (vals[1].type == SNMPV_UINT)
		h->uptime_s = (int64_t)(vals[1].u / 100);
	if (vals[2].type == SNMPV_OCTETS)
		printable(&vals[2], h->name, sizeof h->name);
	memset(&w, 0, sizeof w);
	w.h = h;
	w.index_len = p->board_index_len;
	for (int i = 0; i < 3; i++) {
		if (oids[i] == NULL)
			continue;
		snmp_oid_parse(oids[i], &w.cols[ncols]);
		w.what[ncols++] = i;
	}
	if (ncols == 0 || w.index_len < 2)
		return 0;
	return snmpc_walk_columns(c, w.cols, ncols, health_cb, &w, cause);
}
