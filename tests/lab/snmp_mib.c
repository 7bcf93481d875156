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
 * The columns and their value functions are in snmp_mib_values.c.
 *
 * Callers hold olt->lock (the agent thread answers each request under it).
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/util.h"
#include "tests/lab/snmp_mib_int.h"


/* A column parsed and sorted for lookups. */
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


static struct mib_col hw_cols[MIB_MAX_COLS], zte_cols[MIB_MAX_COLS];
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
	if (n > MIB_MAX_COLS) {
		cols_error = xasprintf("%zu columns, more than MIB_MAX_COLS", n);
		n = 0;
	}
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
	cols_build(mib_hw_defs, hw_cols, mib_hw_ndefs);
	cols_build(mib_zte_defs, zte_cols, mib_zte_ndefs);
}

/* The sorted column table of an OLT's vendor. */
static const struct mib_col *
view(const struct sim_olt *olt, size_t *n)
{
	pthread_once(&cols_once, cols_init);
	if (olt->vendor == SIM_HUAWEI) {
		*n = mib_hw_ndefs;
		return hw_cols;
	}
	*n = mib_zte_ndefs;
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
