/*
 * tree_model.c — the fleet tree as data: loading it lazily from the store,
 * expansion, the visible rows, selection, the filter and the jumps (see
 * tree_model.h for the contract).  No curses here: tree.c draws this.
 *
 * Invariants: rows[] always reflects the current expansion and filter
 * (every call that changes either ends with tree_model_flatten()); sel < nrows unless
 * nrows is 0; a port's hits[] exists exactly while a filter is in force.
 *
 * The filter's hits are computed in tree_filter.c.
 *
 * The reads that depend on how alarms and OLT state are stored live here
 * and nowhere else in the console: the kind of an alarm (enum alarm_kind)
 * and an OLT's last sweep (its olt_state row) — see "alarm kinds and sweep
 * state" below.
 */
#include "tui/console/tree_model.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/store.h"
#include "lib/util.h"

/* ---- alarm kinds and sweep state: the only reads of either ---- */

/* True when a is an "OLT does not answer" alarm. */
static bool
alarm_is_unreachable(const struct alarm *a)
{
	return a->kind == ALARM_OLT_UNREACHABLE;
}

/* True when a is a PON outage. */
static bool
alarm_is_outage(const struct alarm *a)
{
	return a->kind == ALARM_PON_OUTAGE;
}

/* The word an alarm's kind is shown as. */
const char *
tree_model_alarm_kind(const struct alarm *a)
{
	return alarm_kind_name(a->kind);
}

/* Reads an OLT's last sweep from its state row. */
static void
read_sweep(struct tree_model *m, struct tree_olt *to)
{
	struct olt_state s;

	if (store_olt_state_get(m->st, to->o.id, &s, NULL) != 1 || s.sweep_at == 0)
		return;
	to->tried_at = s.sweep_at;
	to->swept_at = s.sweep_ok ? s.sweep_at : s.last_ok_at;	/* 0: never */
	if (!s.sweep_ok)
		to->unreachable = true;
	if (to->swept_at > m->last_sweep_at)
		m->last_sweep_at = to->swept_at;
}

/* ---- loading ---- */

/* Prepares an empty model. */
void
tree_model_init(struct tree_model *m, struct store *st, const struct config *cfg)
{
	memset(m, 0, sizeof *m);
	m->st = st;
	m->cfg = cfg;
}

/* Frees one OLT's boards and ports. */
static void
olt_free(struct tree_olt *to)
{
	for (size_t b = 0; b < to->nboards; b++) {
		for (size_t p = 0; p < to->boards[b].nports; p++) {
			free(to->boards[b].ports[p].onts);
			free(to->boards[b].ports[p].hits);
		}
		free(to->boards[b].ports);
	}
	free(to->boards);
	to->boards = NULL;
	to->nboards = 0;
}

/* Frees the fleet (not the store handles, the filter or the selection). */
static void
fleet_free(struct tree_model *m)
{
	for (size_t i = 0; i < m->nolts; i++)
		olt_free(&m->olts[i]);
	free(m->olts);
	free(m->alarms);
	m->olts = NULL;
	m->alarms = NULL;
	m->nolts = m->nalarms = 0;
}

/* Frees everything the model holds. */
void
tree_model_free(struct tree_model *m)
{
	fleet_free(m);
	free(m->rows);
	m->rows = NULL;
	m->nrows = m->cap = m->sel = m->top = 0;
	m->applied[0] = '\0';
}

/* Parses "F/S/P" into frame and slot; -1 when it is not that form. */
static int
port_fs(const char *port, int *frame, int *slot)
{
	int p;

	return sscanf(port, "%d/%d/%d", frame, slot, &p) == 3 ? 0 : -1;
}

/* Counts an OLT's active alarms, and per port into its boards. */
static void
count_alarms(struct tree_model *m, struct tree_olt *to)
{
	to->alarms = 0;
	for (size_t a = 0; a < m->nalarms; a++) {
		const struct alarm *al = &m->alarms[a];

		if (al->olt_id != to->o.id)
			continue;
		to->alarms++;
		if (alarm_is_unreachable(al))
			to->unreachable = true;
		for (size_t b = 0; b < to->nboards; b++)
			for (size_t p = 0; p < to->boards[b].nports; p++)
				if (al->port[0] && strcmp(al->port, to->boards[b].ports[p].p.port) == 0) {
					to->boards[b].ports[p].alarms++;
					to->boards[b].alarms++;
				}
	}
}

/* The board frame/slot of to, added (with its type from bd) if new. */
static struct tree_board *
board_of(struct tree_olt *to, int f, int s, const struct board *bd, size_t nb)
{
	struct tree_board *b;

	for (size_t k = 0; k < to->nboards; k++)
		if (to->boards[k].frame == f && to->boards[k].slot == s)
			return &to->boards[k];
	to->boards = xrealloc(to->boards, (to->nboards + 1) * sizeof *b);
	b = &to->boards[to->nboards++];
	memset(b, 0, sizeof *b);
	b->frame = f, b->slot = s;
	for (size_t k = 0; k < nb; k++)
		if (bd[k].frame == f && bd[k].slot == s)
			strlcpy_(b->type, bd[k].type, sizeof b->type);
	return b;
}

/* Reads an OLT's thresholds and sweep state, and unless quick its ports and
   boards (not its ONTs). */
static void
olt_load(struct tree_model *m, struct tree_olt *to, bool quick)
{
	struct pon_port *pp = NULL;
	struct board *bd = NULL;
	size_t np = 0, nb = 0;
	int64_t newest = 0;

	alarms_thresholds(m->st, m->cfg, &to->o, &to->th, NULL);
	read_sweep(m, to);
	to->data_at = to->swept_at;
	if (quick) {
		count_alarms(m, to);
		return;
	}
	if (store_ports_list(m->st, to->o.id, &pp, &np, NULL) == -1)
		np = 0;
	if (store_boards_list(m->st, to->o.id, &bd, &nb, NULL) == -1)
		nb = 0;
	for (size_t i = 0; i < np; i++) {
		int f = -1, s = -1;
		struct tree_board *b;

		port_fs(pp[i].port, &f, &s);
		b = board_of(to, f, s, bd, nb);
		b->ports = xrealloc(b->ports, (b->nports + 1) * sizeof *b->ports);
		memset(&b->ports[b->nports], 0, sizeof *b->ports);
		b->ports[b->nports++].p = pp[i];
		b->onts += pp[i].onts, b->online += pp[i].online;
		to->onts += pp[i].onts, to->online += pp[i].online;
		if (pp[i].newest > newest)
			newest = pp[i].newest;
	}
	free(pp);
	free(bd);
	count_alarms(m, to);
	/* When its data is from: its last sweep when that one succeeded;
	   otherwise (down, or no sweep ever succeeded in this cache: ONTs
	   stored by a write, `ont list --live`) its newest ONT reading, if
	   newer than its last good sweep. */
	to->data_at = to->swept_at;
	if ((to->unreachable || to->swept_at == 0) && newest > to->data_at)
		to->data_at = newest;
}

/* Reads a port's ONTs if not read yet. */
void
tree_model_port_load(struct tree_model *m, const struct tree_olt *to, struct tree_port *tp)
{
	if (tp->loaded)
		return;
	if (store_onts_on_port(m->st, to->o.id, tp->p.port, &tp->onts, &tp->nonts,
	    NULL) == -1) {
		tp->onts = NULL;
		tp->nonts = 0;
	}
	tp->loaded = true;
}

/* An expanded node, remembered across a load. */
struct expanded {
	enum node_kind	 kind;
	int64_t		 olt;
	int		 frame, slot;
	char		 port[PORT_MAX_LEN + 1];
};

/* Lists the expanded nodes of the fleet (the caller frees *out). */
static size_t
expansion_save(const struct tree_model *m, struct expanded **out)
{
	struct expanded *ex = NULL;
	size_t n = 0;

	for (size_t o = 0; o < m->nolts; o++) {
		const struct tree_olt *to = &m->olts[o];

		if (to->expanded) {
			ex = xrealloc(ex, (n + 1) * sizeof *ex);
			ex[n++] = (struct expanded){ .kind = NODE_OLT, .olt = to->o.id };
		}
		for (size_t b = 0; b < to->nboards; b++) {
			const struct tree_board *tb = &to->boards[b];

			if (tb->expanded) {
				ex = xrealloc(ex, (n + 1) * sizeof *ex);
				ex[n++] = (struct expanded){ .kind = NODE_BOARD, .olt = to->o.id,
				    .frame = tb->frame, .slot = tb->slot };
			}
			for (size_t p = 0; p < tb->nports; p++)
				if (tb->ports[p].expanded) {
					ex = xrealloc(ex, (n + 1) * sizeof *ex);
					ex[n] = (struct expanded){ .kind = NODE_PORT, .olt = to->o.id };
					strlcpy_(ex[n++].port, tb->ports[p].p.port, sizeof ex->port);
				}
		}
	}
	*out = ex;
	return n;
}

/* Expands again the nodes ex names (reading expanded ports' ONTs). */
static void
expansion_restore(struct tree_model *m, const struct expanded *ex, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		struct tree_olt *to = tree_model_olt(m, ex[i].olt);

		if (to == NULL)
			continue;
		if (ex[i].kind == NODE_OLT)
			to->expanded = true;
		for (size_t b = 0; b < to->nboards; b++) {
			struct tree_board *tb = &to->boards[b];

			if (ex[i].kind == NODE_BOARD && tb->frame == ex[i].frame &&
			    tb->slot == ex[i].slot)
				tb->expanded = true;
			for (size_t p = 0; ex[i].kind == NODE_PORT && p < tb->nports; p++)
				if (strcmp(tb->ports[p].p.port, ex[i].port) == 0) {
					tree_model_port_load(m, to, &tb->ports[p]);
					tb->ports[p].expanded = true;
				}
		}
	}
}

static void select_key(struct tree_model *m, const struct tree_key *k);

/* Reads the fleet again, keeping expansion, filter and selection. */
void
tree_model_load(struct tree_model *m, bool quick)
{
	struct tree_key k;
	struct expanded *ex = NULL;
	size_t nex;
	struct olt *ol = NULL;
	size_t n = 0;
	bool have = m->nrows > 0, first_full = m->pending && !quick;
	char filter[sizeof m->applied];

	if (have)
		tree_model_sel_key(m, &k);
	nex = expansion_save(m, &ex);
	strlcpy_(filter, m->applied, sizeof filter);
	fleet_free(m);
	m->pending = quick;
	m->last_sweep_at = 0;
	if (store_alarms_active(m->st, 0, &m->alarms, &m->nalarms, NULL) == -1)
		m->nalarms = 0;
	if (store_olt_list(m->st, &ol, &n, NULL) == -1)
		n = 0;
	m->olts = xcalloc(n ? n : 1, sizeof *m->olts);
	m->nolts = n;
	for (size_t i = 0; i < n; i++) {
		m->olts[i].o = ol[i];
		olt_load(m, &m->olts[i], quick);
	}
	free(ol);
	expansion_restore(m, ex, nex);
	free(ex);
	if (first_full && m->nolts == 1)
		m->olts[0].expanded = true;	/* a fleet of one opens on its boards */
	m->applied[0] = '\0';
	if (filter[0] != '\0')
		tree_filter_apply(m, filter);
	else
		tree_model_flatten(m);
	if (have)
		select_key(m, &k);
}

/* ---- rows and selection ---- */

/* Appends a visible row. */
static void
row_add(struct tree_model *m, enum node_kind k, int o, int b, int p, int n, bool open)
{
	if (m->nrows == m->cap) {
		m->cap = m->cap ? m->cap * 2 : 256;
		m->rows = xrealloc(m->rows, m->cap * sizeof *m->rows);
	}
	m->rows[m->nrows++] = (struct tree_row){ k, o, b, p, n, open };
}

/* Whether a node shows its children.  Unfiltered (no filter, or inside a
   node that matched and was expanded), when it is expanded; filtered, when
   something below it matches, or it matches itself and is expanded. */
static bool
node_opens(bool filtered, unsigned hit, bool expanded)
{
	if (!filtered)
		return expanded;
	return (hit & TREE_HIT_CHILD) || ((hit & TREE_HIT_SELF) && expanded);
}

/* Whether a node's children are filtered: they are unless the node matched
   itself and the technician expanded it (then all of it shows). */
static bool
children_filtered(bool filtered, unsigned hit, bool expanded)
{
	return filtered && !((hit & TREE_HIT_SELF) && expanded);
}

/* Rebuilds the visible rows from expansion (or the filter's hits). */
void
tree_model_flatten(struct tree_model *m)
{
	bool f = m->applied[0] != '\0';

	m->nrows = 0;
	for (size_t o = 0; o < m->nolts; o++) {
		struct tree_olt *to = &m->olts[o];
		bool fo = children_filtered(f, to->hit, to->expanded);
		bool open = node_opens(f, to->hit, to->expanded);

		if (f && !to->hit)
			continue;
		row_add(m, NODE_OLT, (int)o, -1, -1, -1, open);
		for (size_t b = 0; open && b < to->nboards; b++) {
			struct tree_board *tb = &to->boards[b];
			bool fb = children_filtered(fo, tb->hit, tb->expanded);
			bool bopen = node_opens(fo, tb->hit, tb->expanded);

			if (fo && !tb->hit)
				continue;
			row_add(m, NODE_BOARD, (int)o, (int)b, -1, -1, bopen);
			for (size_t p = 0; bopen && p < tb->nports; p++) {
				struct tree_port *tp = &tb->ports[p];
				bool fp = children_filtered(fb, tp->hit, tp->expanded);
				bool popen = node_opens(fb, tp->hit, tp->expanded);

				if (fb && !tp->hit)
					continue;
				row_add(m, NODE_PORT, (int)o, (int)b, (int)p, -1, popen);
				for (size_t i = 0; popen && i < tp->nonts; i++)
					if (!fp || (tp->hits != NULL && tp->hits[i]))
						row_add(m, NODE_ONT, (int)o, (int)b, (int)p, (int)i,
						    false);
			}
		}
	}
	if (m->sel >= m->nrows)
		m->sel = m->nrows ? m->nrows - 1 : 0;
}

/* The selected row. */
const struct tree_row *
tree_model_sel(const struct tree_model *m)
{
	return m->nrows > 0 ? &m->rows[m->sel] : NULL;
}

/* The OLT of a row. */
struct tree_olt *
tree_model_row_olt(const struct tree_model *m, const struct tree_row *r)
{
	return &m->olts[r->o];
}

/* The board of a row. */
struct tree_board *
tree_model_row_board(const struct tree_model *m, const struct tree_row *r)
{
	return &m->olts[r->o].boards[r->b];
}

/* The port of a row. */
struct tree_port *
tree_model_row_port(const struct tree_model *m, const struct tree_row *r)
{
	return &m->olts[r->o].boards[r->b].ports[r->p];
}

/* The ONT of a row. */
struct ont *
tree_model_row_ont(const struct tree_model *m, const struct tree_row *r)
{
	return &tree_model_row_port(m, r)->onts[r->n];
}

/* The expansion flag of a row's node; NULL for an ONT. */
static bool *
row_expanded(const struct tree_model *m, const struct tree_row *r)
{
	switch (r->kind) {
	case NODE_OLT: return &tree_model_row_olt(m, r)->expanded;
	case NODE_BOARD: return &tree_model_row_board(m, r)->expanded;
	case NODE_PORT: return &tree_model_row_port(m, r)->expanded;
	case NODE_ONT: break;
	}
	return NULL;
}

/* True when the row shows its children. */
bool
tree_model_row_expanded(const struct tree_model *m, const struct tree_row *r)
{
	(void)m;
	return r->open;
}

/* The selected OLT. */
struct tree_olt *
tree_model_sel_olt(const struct tree_model *m)
{
	const struct tree_row *r = tree_model_sel(m);

	return r != NULL ? tree_model_row_olt(m, r) : NULL;
}

/* The selected ONT. */
struct ont *
tree_model_sel_ont(const struct tree_model *m)
{
	const struct tree_row *r = tree_model_sel(m);

	return r != NULL && r->kind == NODE_ONT ? tree_model_row_ont(m, r) : NULL;
}

/* The identity of the node of row r. */
static void
row_key(const struct tree_model *m, const struct tree_row *r, struct tree_key *k)
{
	memset(k, 0, sizeof *k);
	k->kind = r->kind;
	k->olt = tree_model_row_olt(m, r)->o.id;
	if (r->b >= 0) {
		k->frame = tree_model_row_board(m, r)->frame;
		k->slot = tree_model_row_board(m, r)->slot;
	}
	if (r->p >= 0)
		strlcpy_(k->port, tree_model_row_port(m, r)->p.port, sizeof k->port);
	if (r->n >= 0)
		strlcpy_(k->sn, tree_model_row_ont(m, r)->sn, sizeof k->sn);
}

/* The identity of the selected node. */
void
tree_model_sel_key(const struct tree_model *m, struct tree_key *k)
{
	const struct tree_row *r = tree_model_sel(m);

	if (r == NULL) {
		memset(k, 0, sizeof *k);
		return;
	}
	row_key(m, r, k);
}

/* True when a and b name the same node. */
bool
tree_model_key_equal(const struct tree_key *a, const struct tree_key *b)
{
	return a->kind == b->kind && a->olt == b->olt && a->frame == b->frame &&
	    a->slot == b->slot && strcmp(a->port, b->port) == 0 &&
	    strcmp(a->sn, b->sn) == 0;
}

/* Selects the visible row of node k, if there is one. */
static void
select_key(struct tree_model *m, const struct tree_key *k)
{
	struct tree_key rk;

	for (size_t r = 0; r < m->nrows; r++) {
		if (m->rows[r].kind != k->kind ||
		    tree_model_row_olt(m, &m->rows[r])->o.id != k->olt)
			continue;
		row_key(m, &m->rows[r], &rk);
		if (tree_model_key_equal(&rk, k)) {
			m->sel = r;
			return;
		}
	}
}

/* The OLT with id. */
struct tree_olt *
tree_model_olt(const struct tree_model *m, int64_t id)
{
	for (size_t i = 0; i < m->nolts; i++)
		if (m->olts[i].o.id == id)
			return &m->olts[i];
	return NULL;
}

/* The OLT called name. */
struct tree_olt *
tree_model_olt_named(const struct tree_model *m, const char *name)
{
	for (size_t i = 0; i < m->nolts; i++)
		if (strcmp(m->olts[i].o.name, name) == 0)
			return &m->olts[i];
	return NULL;
}

/* Active alarms of one ONT. */
int
tree_model_ont_alarms(const struct tree_model *m, int64_t olt_id, const char *sn)
{
	int n = 0;

	for (size_t a = 0; a < m->nalarms; a++)
		if (m->alarms[a].olt_id == olt_id && strcmp(m->alarms[a].sn, sn) == 0)
			n++;
	return n;
}

/* The fleet's figures for the top line. */
void
tree_model_summary(const struct tree_model *m, struct tree_summary *s)
{
	memset(s, 0, sizeof *s);
	s->olts = m->nolts;
	s->last_sweep_at = m->last_sweep_at;
	s->pending = m->pending;
	for (size_t i = 0; i < m->nolts; i++) {
		if (m->olts[i].data_at > s->data_at)
			s->data_at = m->olts[i].data_at;
		if (m->olts[i].unreachable)
			s->unreachable++;
		else if (m->olts[i].swept_at)
			s->up++;
		s->onts += m->olts[i].onts, s->online += m->olts[i].online;
	}
	for (size_t a = 0; a < m->nalarms; a++) {
		if (alarm_is_outage(&m->alarms[a]))
			s->outages++;
		if (m->alarms[a].severity >= SEV_MAJOR)
			s->crit++;
		else
			s->warn++;
	}
}

/* ---- moving, expanding, collapsing ---- */

/* Moves the selection by delta rows (clamped). */
void
tree_model_move(struct tree_model *m, long delta)
{
	long s = (long)m->sel + delta;

	if (m->nrows == 0)
		return;
	if (s < 0)
		s = 0;
	if (s >= (long)m->nrows)
		s = (long)m->nrows - 1;
	m->sel = (size_t)s;
}

/* Expands every node of the fleet. */
void
tree_model_expand_all(struct tree_model *m)
{
	for (size_t o = 0; o < m->nolts; o++) {
		m->olts[o].expanded = true;
		for (size_t b = 0; b < m->olts[o].nboards; b++) {
			m->olts[o].boards[b].expanded = true;
			for (size_t p = 0; p < m->olts[o].boards[b].nports; p++) {
				struct tree_port *tp = &m->olts[o].boards[b].ports[p];

				tree_model_port_load(m, &m->olts[o], tp);
				tp->expanded = true;
			}
		}
	}
	tree_model_flatten(m);
}

/* Expands the selected node. */
void
tree_model_expand(struct tree_model *m)
{
	const struct tree_row *r = tree_model_sel(m);
	bool *e;

	if (r == NULL || (e = row_expanded(m, r)) == NULL)
		return;
	if (r->kind == NODE_PORT)
		tree_model_port_load(m, tree_model_row_olt(m, r), tree_model_row_port(m, r));
	*e = true;
	tree_model_flatten(m);
}

/* Collapses the selected node, or goes to its parent. */
void
tree_model_collapse(struct tree_model *m)
{
	const struct tree_row *sel = tree_model_sel(m);
	struct tree_row r;
	bool *e;

	if (sel == NULL)
		return;
	r = *sel;
	if ((e = row_expanded(m, &r)) != NULL && *e) {
		*e = false;
		tree_model_flatten(m);
		return;
	}
	for (size_t i = m->sel; i-- > 0;) {
		const struct tree_row *p = &m->rows[i];

		if ((int)p->kind < (int)r.kind && p->o == r.o) {
			m->sel = i;
			return;
		}
	}
}

/* Enter on a node: toggles it. */
void
tree_model_toggle(struct tree_model *m)
{
	const struct tree_row *r = tree_model_sel(m);

	if (r == NULL || r->kind == NODE_ONT)
		return;
	if (!r->open)
		tree_model_expand(m);
	else if (*row_expanded(m, r))	/* not a node the filter holds open */
		tree_model_collapse(m);
}

/* ---- jumps ---- */

/* Selects the first visible row of OLT index o that satisfies kind, board
   b, port p and serial sn (b, p -1 / sn NULL: any). */
static bool
select_row(struct tree_model *m, enum node_kind kind, int o, int b, int p, const char *sn)
{
	for (size_t r = 0; r < m->nrows; r++) {
		const struct tree_row *rw = &m->rows[r];

		if (rw->kind != kind || rw->o != o || (b >= 0 && rw->b != b) ||
		    (p >= 0 && rw->p != p))
			continue;
		if (sn != NULL && strcmp(tree_model_row_ont(m, rw)->sn, sn) != 0)
			continue;
		m->sel = r;
		return true;
	}
	return false;
}

/* Selects a node by OLT, port and serial, expanding its parents. */
bool
tree_model_jump(struct tree_model *m, int64_t olt_id, const char *port, const char *sn)
{
	struct tree_olt *to = tree_model_olt(m, olt_id);
	bool want_ont = sn != NULL && sn[0] != '\0';
	int o;

	if (to == NULL)
		return false;
	if (m->applied[0] != '\0')
		tree_filter_apply(m, "");
	o = (int)(to - m->olts);
	for (size_t b = 0; port != NULL && port[0] && b < to->nboards; b++)
		for (size_t p = 0; p < to->boards[b].nports; p++) {
			struct tree_port *tp = &to->boards[b].ports[p];

			if (strcmp(tp->p.port, port) != 0)
				continue;
			to->expanded = to->boards[b].expanded = true;
			if (want_ont) {
				tree_model_port_load(m, to, tp);
				tp->expanded = true;
			}
			tree_model_flatten(m);
			if (select_row(m, want_ont ? NODE_ONT : NODE_PORT, o, (int)b, (int)p,
			    want_ont ? sn : NULL))
				return true;
		}
	tree_model_flatten(m);
	return select_row(m, NODE_OLT, o, -1, -1, NULL);
}

/* Selects the ONT with serial sn. */
bool
tree_model_jump_sn(struct tree_model *m, const char *sn)
{
	struct ont o;

	if (store_ont_by_sn(m->st, sn, &o, NULL) != 1)
		return false;
	return tree_model_jump(m, o.olt_id, o.port, o.sn);
}
