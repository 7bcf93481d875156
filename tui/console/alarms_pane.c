/*
 * alarms_pane.c — active alarms and PON outages, worst then newest first
 * (store_alarms_active's order, kept in c->tree.alarms), each with its
 * severity word and glyph, OLT, port, ONT and age.  Enter jumps to the
 * node in the tree.  UI thread only.
 */
#include "tui/console/console.h"

#include <stdio.h>
#include <string.h>

/* Name of OLT id, or "?". */
static const char *
olt_name(const struct console *c, int64_t id)
{
	for (size_t i = 0; i < c->tree.nolts; i++)
		if (c->tree.olts[i].o.id == id)
			return c->tree.olts[i].o.name;
	return "?";
}

/* Draws the alarm list. */
void
alarms_draw(struct console *c, int y, int x, int h, int w)
{
	struct tree *t = &c->tree;
	char title[64], age[32];
	int rows = h - 3;
	int64_t now = console_now();

	snprintf(title, sizeof title, "Alarms%s%zu active", c->gl->dot, t->nalarms);
	ui_box(c, y, x, h, w, true, title, "Enter: go to it");
	for (int i = 1; i < h - 1; i++)
		ui_fill(c, y + i, x + 1, w - 2, R_NORMAL);
	ui_putf(c, y + 1, x + 2, w - 4, R_LABEL, "%-10s %-10s %-8s %-12s %-16s %s",
	    "severity", "OLT", "port", "ONT", "kind", "raised");
	if (t->nalarms == 0) {
		ui_put(c, y + 2, x + 2, w - 4, R_OK, "no active alarms");
		return;
	}
	if (c->al_sel >= t->nalarms)
		c->al_sel = t->nalarms - 1;
	if (c->al_sel < c->al_top)
		c->al_top = c->al_sel;
	if (rows > 0 && c->al_sel >= c->al_top + (size_t)rows)
		c->al_top = c->al_sel - (size_t)rows + 1;
	for (int i = 0; i < rows && c->al_top + (size_t)i < t->nalarms; i++) {
		size_t k = c->al_top + (size_t)i;
		const struct alarm *a = &t->alarms[k];
		bool sel = k == c->al_sel;
		enum ui_role r = sel ? R_SELECTED : a->severity >= SEV_MAJOR ? R_CRIT :
		    a->severity == SEV_WARNING ? R_WARN : R_NORMAL;
		int u;

		ui_age(a->raised_at, now, age, sizeof age);
		ui_fill(c, y + 2 + i, x + 1, w - 2, sel ? R_SELECTED : R_NORMAL);
		u = ui_putf(c, y + 2 + i, x + 2, w - 4, r, "%s %-8s ",
		    a->severity >= SEV_MAJOR ? c->gl->crit : c->gl->warn,
		    alarm_severity_name(a->severity));
		ui_putf(c, y + 2 + i, x + 2 + u, w - 4 - u, sel ? R_SELECTED : R_NORMAL,
		    "%-10s %-8s %-12s %-16s %s  %s", olt_name(c, a->olt_id),
		    a->port[0] ? a->port : "-", a->sn[0] ? a->sn : "-",
		    alarm_kind_name(a->kind), age, a->text);
	}
}

/* Moves the selection. */
void
alarms_move(struct console *c, long delta)
{
	long v = (long)c->al_sel + delta;
	long n = (long)c->tree.nalarms;

	if (v >= n)
		v = n - 1;
	c->al_sel = v < 0 ? 0 : (size_t)v;
}

/* Jumps to the alarm's node in the tree. */
void
alarms_enter(struct console *c)
{
	const struct alarm *a;

	if (c->al_sel >= c->tree.nalarms)
		return;
	a = &c->tree.alarms[c->al_sel];
	c->view = VIEW_MAIN;
	c->focus = FOCUS_TREE;
	if (!tree_jump(c, a->olt_id, a->port, a->sn))
		console_msg(c, true, "that node is no longer in the cache");
}
