/*
 * discover.c — the discovery list: ONTs the OLTs found by autofind / uncfg
 * and that are not authorised yet (store_discovered_list), newest first,
 * with their OLT, port, model and age.  Provisioning one (Enter / F3) needs
 * the write pipeline (core/writes); until it is merged the console says so
 * instead of pretending.  UI thread only.
 */
#include "tui/console/console.h"

#include <stdio.h>
#include <stdlib.h>

#include "core/store.h"

/* Loads the list and opens the view. */
void
discover_open(struct console *c)
{
	char *cause = NULL;

	free(c->disc);
	c->disc = NULL;
	c->ndisc = 0;
	if (store_discovered_list(c->st, 0, &c->disc, &c->ndisc, &cause) == -1) {
		console_msg(c, true, "%s", cause);
		free(cause);
	}
	if (c->view == VIEW_SIGNAL)
		signal_close(c);
	c->disc_sel = 0;
	c->view = VIEW_DISCOVER;
}

/* Draws the list. */
void
discover_draw(struct console *c, int y, int x, int h, int w)
{
	char title[64], age[32];
	int64_t now = console_now();

	snprintf(title, sizeof title, "Discovered ONTs%s%zu not authorised", c->gl->dot,
	    c->ndisc);
	ui_box(c, y, x, h, w, true, title, "Enter: provision");
	for (int i = 1; i < h - 1; i++)
		ui_fill(c, y + i, x + 1, w - 2, R_NORMAL);
	ui_putf(c, y + 1, x + 2, w - 4, R_LABEL, "%-12s %-10s %-17s %-12s %s", "OLT",
	    "port", "serial", "model", "found");
	if (c->ndisc == 0) {
		ui_put(c, y + 2, x + 2, w - 4, R_MUTED,
		    "none cached (a discovery read fills this list)");
		return;
	}
	for (size_t i = 0; i < c->ndisc && (int)i < h - 3; i++) {
		const struct discovered_ont *d = &c->disc[i];
		const char *on = "?";

		for (size_t k = 0; k < c->tree.nolts; k++)
			if (c->tree.olts[k].o.id == d->olt_id)
				on = c->tree.olts[k].o.name;
		ui_age(d->found_at, now, age, sizeof age);
		ui_fill(c, y + 2 + (int)i, x + 1, w - 2, i == c->disc_sel ? R_SELECTED : R_NORMAL);
		ui_putf(c, y + 2 + (int)i, x + 2, w - 4, i == c->disc_sel ? R_SELECTED : R_NORMAL,
		    "%-12s %-10s %-17s %-12s %s", on, d->port, d->sn, d->model, age);
	}
}

/* Moves the selection. */
void
discover_move(struct console *c, long delta)
{
	long v = (long)c->disc_sel + delta;

	if (v >= (long)c->ndisc)
		v = (long)c->ndisc - 1;
	c->disc_sel = v < 0 ? 0 : (size_t)v;
}
