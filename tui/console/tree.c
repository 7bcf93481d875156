/*
 * tree.c — the fleet tree on screen: one row per visible node of the tree
 * model (tree_model.h) — the expansion glyph, the name, and on the right
 * the alarms and online/total counts (an OLT also its data age, or
 * "down"); an ONT its state glyph, id, serial and then its contract, or the
 * state word when it is not online, or the ONU Rx when the signal is weak —
 * and the keys that work on it: movement, expand/collapse, Enter, `*`, the
 * filter typed as you go, n/N, Esc.  Only the rows on screen are drawn, and
 * from the model only: whatever reads the store is a model call made on a
 * key.  UI thread only.
 */
#include "tui/console/console.h"
#include "tui/console/main_pane.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "core/config.h"
#include "lib/util.h"

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
draw_row(struct console *c, const struct tree_model *m, const struct tree_row *r, int y,
    int x, int w, bool sel)
{
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
		const struct tree_olt *to = tree_model_row_olt(m, r);
		bool stale = to->swept_at == 0 ||
		    now - to->data_at > config_int(c->cfg, "ui.stale_after_s");

		snprintf(left, sizeof left, "%s %s %s", tree_model_row_expanded(m, r) ?
		    g->expanded : g->collapsed, to->o.name, to->o.model);
		ui_age_short(to->data_at, now, age, sizeof age);
		if (to->unreachable) {
			snprintf(right, sizeof right, "%s down %s", g->cross, age);
			rrole = sel ? base : R_CRIT;
		} else if (m->pending) {
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
		const struct tree_board *tb = tree_model_row_board(m, r);

		snprintf(left, sizeof left, "  %s %d/%d %s", tree_model_row_expanded(m, r) ?
		    g->expanded : g->collapsed, tb->frame, tb->slot, tb->type);
		counts(c, right, sizeof right, tb->alarms, tb->online, tb->onts);
		break;
	}
	case NODE_PORT: {
		const struct tree_port *tp = tree_model_row_port(m, r);

		snprintf(left, sizeof left, "    %s %s", tree_model_row_expanded(m, r) ?
		    g->expanded : g->collapsed, tp->p.port);
		counts(c, right, sizeof right, tp->alarms, tp->p.online, tp->p.onts);
		if (tp->alarms && !sel)
			rrole = R_WARN;
		break;
	}
	case NODE_ONT: {
		const struct ont *o = tree_model_row_ont(m, r);
		const char *word;

		glyph = ui_ont_glyph(c, o, &tree_model_row_olt(m, r)->th, &grole, &word);
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

/* Draws the rows that fit, keeping the selection in sight. */
void
tree_draw(struct console *c, struct tree_model *m, int y, int x, int h, int w)
{
	if (m->sel < m->top)
		m->top = m->sel;
	if (h > 0 && m->sel >= m->top + (size_t)h)
		m->top = m->sel - (size_t)h + 1;
	for (int i = 0; i < h; i++) {
		size_t r = m->top + (size_t)i;

		if (r < m->nrows)
			draw_row(c, m, &m->rows[r], y + i, x, w, r == m->sel);
		else
			ui_fill(c, y + i, x, w, R_NORMAL);
	}
	if (m->nrows == 0)
		ui_put(c, y, x + 1, w - 1, R_MUTED, m->applied[0] ?
		    "no match (Esc clears the filter)" :
		    "no OLTs yet: oltui olt add …, or oltui demo");
}


/* The box title, with the filter typed or in force. */
void
tree_title(const struct tree_model *m, const struct tree_view *v, char *out, size_t size)
{
	if (m->applied[0] || v->filtering)
		snprintf(out, size, "Fleet /%s", v->filtering ? v->filter : m->applied);
	else
		snprintf(out, size, "Fleet");
}

/* The filter line, while it is open. */
bool
tree_footer(struct console *c, const struct tree_view *v, int y, int w)
{
	int u;

	if (!v->filtering)
		return false;
	u = ui_putf(c, y, 0, w, R_INPUT, "/%s", v->filter);
	ui_put(c, y, u + 1, w - u - 1, R_MUTED,
	    "(filter as you type: Enter keeps it, Esc clears)");
	return true;
}

/* A key while the filter line is open: the text, applied as it is typed;
   Enter keeps it, Esc clears it.  Up/Down leave the line and move. */
static bool
filter_key(struct tree_model *m, struct tree_view *v, int key)
{
	int r;

	if (key == KEY_UP || key == KEY_DOWN) {
		v->filtering = false;
		return false;
	}
	r = console_edit(v->filter, sizeof v->filter, key);
	if (r == -1)
		v->filter[0] = '\0';
	if (r != 0)
		v->filtering = false;
	if (r == -1 || strcmp(v->filter, m->applied) != 0)
		tree_filter_apply(m, v->filter);
	return true;
}

/* The tree's keys. */
bool
tree_key(struct console *c, struct tree_model *m, struct tree_view *v, int key,
    const struct cmd *cmd, const char *arg)
{
	long d;

	if (v->filtering && filter_key(m, v, key))
		return true;
	if ((d = keys_move_delta(c, cmd)) != 0) {
		tree_model_move(m, d);
		return true;
	}
	if (cmd == NULL)
		return false;
	switch (cmd->id) {
	case CMD_EXPAND: tree_model_expand(m); return true;
	case CMD_COLLAPSE: tree_model_collapse(m); return true;
	case CMD_EXPAND_ALL: tree_model_expand_all(m); return true;
	case CMD_OPEN: tree_model_toggle(m); return true;
	case CMD_NEXT: tree_filter_next(m, 1); return true;
	case CMD_PREV: tree_filter_next(m, -1); return true;
	case CMD_FILTER:
		if (arg != NULL && arg[0]) {
			strlcpy_(v->filter, arg, sizeof v->filter);
			tree_filter_apply(m, v->filter);
			return true;
		}
		v->filtering = true;
		v->filter[0] = '\0';
		return true;
	case CMD_CANCEL:
		if (m->applied[0] == '\0')
			return false;
		v->filter[0] = '\0';
		tree_filter_apply(m, "");
		return true;
	default:
		return false;
	}
}
