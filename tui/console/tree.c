/*
 * tree.c — the fleet tree: OLT -> board -> PON port -> ONT.
 *
 * Loading is lazy so that a fleet of 200,000 ONTs opens at once: the OLTs,
 * their PON ports with ONT counts (store_ports_list) and the boards are
 * read up front; the ONTs of a port only when that port is first expanded.
 * The visible rows are a flat array (tree_flatten) rebuilt after every
 * change of expansion or filter; drawing touches only the rows on screen.
 *
 * Filtering (`/`) matches, case-insensitively, OLT names, ports, serials,
 * contract codes and customer names; it loads every port's ONTs while a
 * filter is applied (and forgets those of collapsed ports when it is
 * cleared).  UI thread only.
 */
#include "tui/console/console.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/config.h"
#include "core/store.h"
#include "lib/util.h"

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

/* Frees everything the tree holds. */
void
tree_free(struct tree *t)
{
	for (size_t i = 0; i < t->nolts; i++)
		olt_free(&t->olts[i]);
	free(t->olts);
	free(t->rows);
	free(t->alarms);
	t->olts = NULL;
	t->rows = NULL;
	t->alarms = NULL;
	t->nolts = t->nrows = t->cap = t->nalarms = 0;
}

/* Parses "F/S/P" into frame and slot; -1 when it is not that form. */
static int
port_fs(const char *port, int *frame, int *slot)
{
	int p;

	return sscanf(port, "%d/%d/%d", frame, slot, &p) == 3 ? 0 : -1;
}

/* Counts an OLT's active alarms per port into its boards. */
static void
count_alarms(struct console *c, struct tree_olt *to)
{
	to->alarms = 0;
	for (size_t a = 0; a < c->tree.nalarms; a++) {
		const struct alarm *al = &c->tree.alarms[a];

		if (al->olt_id != to->o.id)
			continue;
		to->alarms++;
		if (al->kind == ALARM_OLT_UNREACHABLE)
			to->unreachable = true;
		for (size_t b = 0; b < to->nboards; b++)
			for (size_t p = 0; p < to->boards[b].nports; p++)
				if (al->port[0] && strcmp(al->port, to->boards[b].ports[p].p.port) == 0) {
					to->boards[b].ports[p].alarms++;
					to->boards[b].alarms++;
				}
	}
}

/* Reads an OLT's last sweep from its state row. */
static void
read_sweep(struct console *c, struct tree_olt *to)
{
	struct olt_state s;

	if (store_olt_state_get(c->st, to->o.id, &s, NULL) != 1 || s.sweep_at == 0)
		return;
	to->tried_at = s.sweep_at;
	if (s.sweep_ok)
		to->swept_at = s.sweep_at;
	else
		to->unreachable = true;
	if (to->swept_at > c->last_sweep_at)
		c->last_sweep_at = to->swept_at;
}

/* Reads an OLT's ports and boards (not its ONTs). */
static void
olt_load(struct console *c, struct tree_olt *to)
{
	struct pon_port *pp = NULL;
	struct board *bd = NULL;
	size_t np = 0, nb = 0;

	alarms_thresholds(c->st, c->cfg, &to->o, &to->th, NULL);
	read_sweep(c, to);
	if (c->tree.pending) {
		count_alarms(c, to);
		return;
	}
	if (store_ports_list(c->st, to->o.id, &pp, &np, NULL) == -1)
		np = 0;
	if (store_boards_list(c->st, to->o.id, &bd, &nb, NULL) == -1)
		nb = 0;
	for (size_t i = 0; i < np; i++) {
		int f = -1, s = -1;
		struct tree_board *b = NULL;

		port_fs(pp[i].port, &f, &s);
		for (size_t k = 0; k < to->nboards; k++)
			if (to->boards[k].frame == f && to->boards[k].slot == s)
				b = &to->boards[k];
		if (b == NULL) {
			to->boards = xrealloc(to->boards, (to->nboards + 1) * sizeof *b);
			b = &to->boards[to->nboards++];
			memset(b, 0, sizeof *b);
			b->frame = f, b->slot = s;
			for (size_t k = 0; k < nb; k++)
				if (bd[k].frame == f && bd[k].slot == s)
					strlcpy_(b->type, bd[k].type, sizeof b->type);
		}
		b->ports = xrealloc(b->ports, (b->nports + 1) * sizeof *b->ports);
		memset(&b->ports[b->nports], 0, sizeof *b->ports);
		b->ports[b->nports++].p = pp[i];
		b->onts += pp[i].onts, b->online += pp[i].online;
		to->onts += pp[i].onts, to->online += pp[i].online;
	}
	free(pp);
	free(bd);
	count_alarms(c, to);
	if (to->unreachable && to->swept_at == 0) {
		/* the last sweep failed: the cached data is as old as its newest reading */
		for (size_t b = 0; b < to->nboards; b++)
			for (size_t p = 0; p < to->boards[b].nports; p++) {
				struct ont *o = NULL;
				size_t n = 0;

				if (store_onts_on_port(c->st, to->o.id, to->boards[b].ports[p].p.port,
				    &o, &n, NULL) == -1)
					continue;
				for (size_t i = 0; i < n; i++)
					if (o[i].last_seen > to->swept_at)
						to->swept_at = o[i].last_seen;
				free(o);
			}
	}
}

/* Loads a port's ONTs if not loaded yet. */
static void
port_load(struct console *c, struct tree_olt *to, struct tree_port *tp)
{
	if (tp->loaded)
		return;
	if (store_onts_on_port(c->st, to->o.id, tp->p.port, &tp->onts, &tp->nonts,
	    NULL) == -1) {
		tp->onts = NULL;
		tp->nonts = 0;
	}
	tp->loaded = true;
}

/* Reads the OLTs, their ports and the active alarms. */
void
tree_load(struct console *c)
{
	struct tree *t = &c->tree;
	struct olt *ol = NULL;
	size_t n = 0;

	tree_free(t);
	t->pending = t->quick;
	t->quick = false;
	c->last_sweep_at = 0;
	if (store_alarms_active(c->st, 0, &t->alarms, &t->nalarms, NULL) == -1)
		t->nalarms = 0;
	if (store_olt_list(c->st, &ol, &n, NULL) == -1)
		n = 0;
	t->olts = xcalloc(n ? n : 1, sizeof *t->olts);
	t->nolts = n;
	for (size_t i = 0; i < n; i++) {
		t->olts[i].o = ol[i];
		olt_load(c, &t->olts[i]);
	}
	free(ol);
	t->applied[0] = '\0';
	tree_flatten(c);
}

/* Appends a visible row. */
static void
row_add(struct tree *t, enum node_kind k, int o, int b, int p, int n)
{
	if (t->nrows == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 256;
		t->rows = xrealloc(t->rows, t->cap * sizeof *t->rows);
	}
	t->rows[t->nrows++] = (struct tree_row){ k, o, b, p, n };
}

/* Rebuilds the visible rows from expansion (or the filter's hits). */
void
tree_flatten(struct console *c)
{
	struct tree *t = &c->tree;
	bool f = t->applied[0] != '\0';

	t->nrows = 0;
	for (size_t o = 0; o < t->nolts; o++) {
		struct tree_olt *to = &t->olts[o];

		if (f && !to->hit)
			continue;
		row_add(t, NODE_OLT, (int)o, -1, -1, -1);
		if (!(f ? to->hit == 1 || to->expanded : to->expanded))
			continue;
		for (size_t b = 0; b < to->nboards; b++) {
			struct tree_board *tb = &to->boards[b];

			if (f && !tb->hit)
				continue;
			row_add(t, NODE_BOARD, (int)o, (int)b, -1, -1);
			if (!(f ? tb->hit == 1 || tb->expanded : tb->expanded))
				continue;
			for (size_t p = 0; p < tb->nports; p++) {
				struct tree_port *tp = &tb->ports[p];

				if (f && !tp->hit)
					continue;
				row_add(t, NODE_PORT, (int)o, (int)b, (int)p, -1);
				if (!(f ? tp->hit == 1 || tp->expanded : tp->expanded))
					continue;
				for (size_t i = 0; i < tp->nonts; i++)
					if (!f || tp->expanded || (tp->hits && tp->hits[i]))
						row_add(t, NODE_ONT, (int)o, (int)b, (int)p, (int)i);
			}
		}
	}
	if (t->sel >= t->nrows)
		t->sel = t->nrows ? t->nrows - 1 : 0;
}

/* The node pointers of row r. */
static struct tree_olt *
row_olt(struct tree *t, const struct tree_row *r)
{
	return &t->olts[r->o];
}

static struct tree_port *
row_port(struct tree *t, const struct tree_row *r)
{
	return &t->olts[r->o].boards[r->b].ports[r->p];
}

/* Active alarms of one ONT. */
int
tree_ont_alarms(const struct console *c, int64_t olt_id, const char *sn)
{
	int n = 0;

	for (size_t a = 0; a < c->tree.nalarms; a++)
		if (c->tree.alarms[a].olt_id == olt_id &&
		    strcmp(c->tree.alarms[a].sn, sn) == 0)
			n++;
	return n;
}

/* Formats the right-hand side of a row: alarms and online/total. */
static void
counts(const struct console *c, char *out, size_t size, int alarms, int online,
    int total)
{
	if (alarms > 0)
		snprintf(out, size, "%s%d %d/%d", c->gl->warn, alarms, online, total);
	else
		snprintf(out, size, "%d/%d", online, total);
}

/* Draws one row of the tree. */
static void
draw_row(struct console *c, const struct tree_row *r, int y, int x, int w, bool sel)
{
	struct tree *t = &c->tree;
	const struct glyphs *g = c->gl;
	enum ui_role base = sel ? R_SELECTED : R_NORMAL;
	char left[160], right[64], age[16];
	enum ui_role rrole = base, grole = base;
	const char *glyph = NULL;
	int64_t now = console_now();
	int used;

	right[0] = '\0';
	switch (r->kind) {
	case NODE_OLT: {
		struct tree_olt *to = row_olt(t, r);
		bool stale = to->swept_at == 0 ||
		    now - to->swept_at > config_int(c->cfg, "ui.stale_after_s");

		snprintf(left, sizeof left, "%s %s %s", to->expanded ? g->expanded :
		    g->collapsed, to->o.name, to->o.model);
		ui_age_short(to->swept_at, now, age, sizeof age);
		if (to->unreachable) {
			snprintf(right, sizeof right, "%s down %s", g->cross, age);
			rrole = sel ? base : R_CRIT;
		} else if (t->pending) {
			snprintf(right, sizeof right, "%s %s", c->gl->ellipsis, age);
		} else {
			counts(c, right, sizeof right - 20, to->alarms, to->online, to->onts);
			snprintf(right + strlen(right), 20, " %s", age);
			if (stale)
				rrole = sel ? base : R_STALE;
		}
		break;
	}
	case NODE_BOARD: {
		struct tree_board *tb = &t->olts[r->o].boards[r->b];

		snprintf(left, sizeof left, "  %s %d/%d %s", tb->expanded ? g->expanded :
		    g->collapsed, tb->frame, tb->slot, tb->type);
		counts(c, right, sizeof right, tb->alarms, tb->online, tb->onts);
		break;
	}
	case NODE_PORT: {
		struct tree_port *tp = row_port(t, r);

		snprintf(left, sizeof left, "    %s %s", tp->expanded ? g->expanded :
		    g->collapsed, tp->p.port);
		counts(c, right, sizeof right, tp->alarms, tp->p.online, tp->p.onts);
		if (tp->alarms && !sel)
			rrole = R_WARN;
		break;
	}
	case NODE_ONT: {
		struct tree_port *tp = row_port(t, r);
		const struct ont *o = &tp->onts[r->n];
		const char *word;

		glyph = ui_ont_glyph(c, o, &row_olt(t, r)->th, &grole, &word);
		if (sel)
			grole = base;
		if (o->status != ONT_ONLINE)
			snprintf(left, sizeof left, "%-3d %s %s", o->ont_id, o->sn,
			    o->status == ONT_LOS ? "LOS" : o->status == ONT_DYING_GASP ? "gasp" :
			    o->status == ONT_AUTH_FAILED ? "auth" : o->status == ONT_OFFLINE ?
			    "off" : word);
		else if (grole == R_WARN || grole == R_CRIT)
			snprintf(left, sizeof left, "%-3d %s %.1f", o->ont_id, o->sn, o->rx_dbm);
		else
			snprintf(left, sizeof left, "%-3d %s %s", o->ont_id, o->sn, o->contract);
		break;
	}
	}
	ui_fill(c, y, x, w, base);
	used = 0;
	if (glyph != NULL) {
		used += ui_put(c, y, x, w, base, "     ");
		used += ui_put(c, y, x + used, w - used, grole, glyph);
		used += ui_put(c, y, x + used, w - used, base, " ");
	}
	if (right[0] != '\0') {
		int rw = ui_width(right);
		int lw = w - used - rw - 1;

		ui_put(c, y, x + used, lw, base, left);
		if (rw < w - used)
			ui_put(c, y, x + w - rw, rw, rrole, right);
	} else {
		ui_put(c, y, x + used, w - used, base, left);
	}
}

/* Draws the tree pane body (inside its box). */
void
tree_draw(struct console *c, int y, int x, int h, int w)
{
	struct tree *t = &c->tree;

	if (t->sel < t->top)
		t->top = t->sel;
	if (h > 0 && t->sel >= t->top + (size_t)h)
		t->top = t->sel - (size_t)h + 1;
	for (int i = 0; i < h; i++) {
		size_t r = t->top + (size_t)i;

		if (r < t->nrows)
			draw_row(c, &t->rows[r], y + i, x, w,
			    r == t->sel);
		else
			ui_fill(c, y + i, x, w, R_NORMAL);
	}
	if (t->nrows == 0)
		ui_put(c, y, x + 1, w - 1, R_MUTED, t->applied[0] ?
		    "no match (Esc clears the filter)" :
		    "no OLTs yet: oltui olt add …, or oltui demo");
}

/* Moves the selection by delta rows (clamped). */
void
tree_move(struct console *c, long delta)
{
	struct tree *t = &c->tree;
	long s = (long)t->sel + delta;

	if (t->nrows == 0)
		return;
	if (s < 0)
		s = 0;
	if (s >= (long)t->nrows)
		s = (long)t->nrows - 1;
	t->sel = (size_t)s;
	c->detail_top = 0;
}

/* Expands the selected node (all: every node of the fleet). */
void
tree_expand(struct console *c, bool all)
{
	struct tree *t = &c->tree;
	struct tree_row *r;

	if (all) {
		for (size_t o = 0; o < t->nolts; o++) {
			t->olts[o].expanded = true;
			for (size_t b = 0; b < t->olts[o].nboards; b++) {
				t->olts[o].boards[b].expanded = true;
				for (size_t p = 0; p < t->olts[o].boards[b].nports; p++) {
					struct tree_port *tp = &t->olts[o].boards[b].ports[p];

					port_load(c, &t->olts[o], tp);
					tp->expanded = true;
				}
			}
		}
		tree_flatten(c);
		return;
	}
	if (t->nrows == 0)
		return;
	r = &t->rows[t->sel];
	switch (r->kind) {
	case NODE_OLT:
		row_olt(t, r)->expanded = true;
		break;
	case NODE_BOARD:
		t->olts[r->o].boards[r->b].expanded = true;
		break;
	case NODE_PORT:
		port_load(c, row_olt(t, r), row_port(t, r));
		row_port(t, r)->expanded = true;
		break;
	case NODE_ONT:
		return;
	}
	tree_flatten(c);
}

/* Collapses the selected node, or goes to its parent. */
void
tree_collapse(struct console *c)
{
	struct tree *t = &c->tree;
	struct tree_row r;
	bool *e = NULL;

	if (t->nrows == 0)
		return;
	r = t->rows[t->sel];
	switch (r.kind) {
	case NODE_OLT: e = &t->olts[r.o].expanded; break;
	case NODE_BOARD: e = &t->olts[r.o].boards[r.b].expanded; break;
	case NODE_PORT: e = &row_port(t, &r)->expanded; break;
	case NODE_ONT: break;
	}
	if (e != NULL && *e) {
		*e = false;
		tree_flatten(c);
		return;
	}
	/* go to the parent */
	for (size_t i = t->sel; i-- > 0;) {
		const struct tree_row *p = &t->rows[i];

		if ((int)p->kind < (int)r.kind && p->o == r.o) {
			t->sel = i;
			return;
		}
	}
}

/* Enter on a node: toggles it. */
void
tree_toggle(struct console *c)
{
	struct tree *t = &c->tree;
	struct tree_row *r;
	bool e = false;

	if (t->nrows == 0)
		return;
	r = &t->rows[t->sel];
	switch (r->kind) {
	case NODE_OLT: e = t->olts[r->o].expanded; break;
	case NODE_BOARD: e = t->olts[r->o].boards[r->b].expanded; break;
	case NODE_PORT: e = row_port(t, r)->expanded; break;
	case NODE_ONT: return;
	}
	if (e)
		tree_collapse(c);
	else
		tree_expand(c, false);
}

/* Case-insensitive substring test. */
static bool
has(const char *hay, const char *needle)
{
	size_t n = strlen(needle);

	for (; *hay != '\0'; hay++)
		if (strncasecmp(hay, needle, n) == 0)
			return true;
	return n == 0;
}

/* Computes the filter's hits over the whole fleet and re-flattens. */
void
tree_apply_filter(struct console *c)
{
	struct tree *t = &c->tree;
	const char *f = t->filter;
	struct contract *ct = NULL;
	size_t nct = 0;
	char **codes = NULL;
	size_t ncodes = 0;

	strlcpy_(t->applied, f, sizeof t->applied);
	if (f[0] != '\0' && store_contract_list(c->st, &ct, &nct, NULL) == 0) {
		for (size_t i = 0; i < nct; i++)
			if (has(ct[i].customer, f) || has(ct[i].address, f)) {
				codes = xrealloc(codes, (ncodes + 1) * sizeof *codes);
				codes[ncodes++] = xstrdup(ct[i].code);
			}
		free(ct);
	}
	for (size_t o = 0; o < t->nolts; o++) {
		struct tree_olt *to = &t->olts[o];

		to->hit = f[0] && (has(to->o.name, f) || has(to->o.model, f)) ? 2 : 0;
		for (size_t b = 0; b < to->nboards; b++) {
			struct tree_board *tb = &to->boards[b];

			tb->hit = 0;
			for (size_t p = 0; p < tb->nports; p++) {
				struct tree_port *tp = &tb->ports[p];

				free(tp->hits);
				tp->hits = NULL;
				tp->hit = 0;
				if (f[0] == '\0') {
					if (!tp->expanded && tp->loaded) {
						free(tp->onts);
						tp->onts = NULL;
						tp->nonts = 0;
						tp->loaded = false;
					}
					continue;
				}
				port_load(c, to, tp);
				tp->hits = xcalloc(tp->nonts ? tp->nonts : 1, 1);
				if (has(tp->p.port, f))
					tp->hit = 2;
				for (size_t i = 0; i < tp->nonts; i++) {
					const struct ont *on = &tp->onts[i];
					bool m = has(on->sn, f) || has(on->contract, f);

					for (size_t k = 0; !m && k < ncodes; k++)
						m = on->contract[0] && strcmp(on->contract, codes[k]) == 0;
					if (m) {
						tp->hits[i] = 2;
						if (!tp->hit)
							tp->hit = 1;
					}
				}
				if (tp->hit && !tb->hit)
					tb->hit = 1;
			}
			if (tb->hit && !to->hit)
				to->hit = 1;
		}
	}
	for (size_t i = 0; i < ncodes; i++)
		free(codes[i]);
	free(codes);
	t->sel = 0;
	t->top = 0;
	tree_flatten(c);
	if (f[0] != '\0')
		tree_next_match(c, 0);
}

/* True if row r matches the filter itself. */
static bool
row_is_match(struct tree *t, const struct tree_row *r)
{
	switch (r->kind) {
	case NODE_OLT: return t->olts[r->o].hit == 2;
	case NODE_BOARD: return false;
	case NODE_PORT: return row_port(t, r)->hit == 2;
	case NODE_ONT: {
		struct tree_port *tp = row_port(t, r);

		return tp->hits != NULL && tp->hits[r->n] == 2;
	}
	}
	return false;
}

/* Moves to the next (dir 1), previous (-1) or first-from-here (0) match. */
void
tree_next_match(struct console *c, int dir)
{
	struct tree *t = &c->tree;
	size_t n = t->nrows;

	if (n == 0 || t->applied[0] == '\0')
		return;
	for (size_t k = dir == 0 ? 0 : 1; k <= n; k++) {
		size_t i = dir < 0 ? (t->sel + n - k % n) % n : (t->sel + k) % n;

		if (row_is_match(t, &t->rows[i])) {
			t->sel = i;
			return;
		}
	}
}

/* Selects a node by OLT, port and serial, expanding its parents. */
bool
tree_jump(struct console *c, int64_t olt_id, const char *port, const char *sn)
{
	struct tree *t = &c->tree;

	if (t->applied[0] != '\0') {
		t->filter[0] = '\0';
		tree_apply_filter(c);
	}
	for (size_t o = 0; o < t->nolts; o++) {
		struct tree_olt *to = &t->olts[o];

		if (to->o.id != olt_id)
			continue;
		for (size_t b = 0; port && port[0] && b < to->nboards; b++)
			for (size_t p = 0; p < to->boards[b].nports; p++) {
				struct tree_port *tp = &to->boards[b].ports[p];

				if (strcmp(tp->p.port, port) != 0)
					continue;
				to->expanded = to->boards[b].expanded = true;
				if (sn && sn[0]) {
					port_load(c, to, tp);
					tp->expanded = true;
				}
				tree_flatten(c);
				for (size_t r = 0; r < t->nrows; r++) {
					struct tree_row *rw = &t->rows[r];

					if (rw->o != (int)o || rw->b != (int)b || rw->p != (int)p)
						continue;
					if ((sn && sn[0]) ? rw->kind == NODE_ONT &&
					    strcmp(tp->onts[rw->n].sn, sn) == 0 :
					    rw->kind == NODE_PORT) {
						t->sel = r;
						return true;
					}
				}
			}
		tree_flatten(c);
		for (size_t r = 0; r < t->nrows; r++)
			if (t->rows[r].kind == NODE_OLT && t->rows[r].o == (int)o) {
				t->sel = r;
				return true;
			}
	}
	return false;
}

/* Selects the ONT with serial sn. */
bool
tree_jump_sn(struct console *c, const char *sn)
{
	struct ont o;

	if (store_ont_by_sn(c->st, sn, &o, NULL) != 1)
		return false;
	return tree_jump(c, o.olt_id, o.port, o.sn);
}
