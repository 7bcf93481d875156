/*
 * alarms_pane.c — the alarms pane: active alarms and PON outages, worst
 * then newest first (store_alarms_active's order), each with its severity
 * word and glyph, OLT, port, ONT, kind, age and text.  Enter jumps to the
 * node in the fleet tree.
 *
 * Model: a copy of the fleet's active alarms with their OLT names, taken
 * when the pane opens and again after a sweep or a write (the main pane,
 * below this one, has reloaded the fleet by then).  The selection outlives
 * the pane for the session (F5, j, Enter, F5 walks the list alarm by
 * alarm).  UI thread only.
 */
#include "tui/console/console.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/pool.h"
#include "lib/util.h"

/* One alarm as listed. */
struct alarm_row {
	struct alarm	 a;
	char		 olt[NAME_MAX_LEN + 1];	/* its OLT's name, or "?" */
};

/* The selection when the pane last closed. */
static size_t remembered_sel;

struct alarms_pane {
	struct alarm_row *rows;
	size_t		 n;
	size_t		 sel, top;	/* selected row, first row shown */
};

/* Copies the fleet's active alarms into the model. */
static void
alarms_pane_load(struct console *c, struct alarms_pane *s)
{
	const struct tree_model *m = main_pane_fleet(c);

	free(s->rows);
	s->rows = xcalloc(m->nalarms ? m->nalarms : 1, sizeof *s->rows);
	s->n = m->nalarms;
	for (size_t i = 0; i < m->nalarms; i++) {
		const struct tree_olt *to = tree_model_olt(m, m->alarms[i].olt_id);

		s->rows[i].a = m->alarms[i];
		strlcpy_(s->rows[i].olt, to != NULL ? to->o.name : "?", sizeof s->rows[i].olt);
	}
}

/* Opens the pane on the fleet's alarms. */
static void *
alarms_pane_open(struct console *c, const void *arg)
{
	struct alarms_pane *s = xcalloc(1, sizeof *s);

	(void)arg;
	alarms_pane_load(c, s);
	s->sel = remembered_sel;
	return s;
}

/* Frees the state. */
static void
alarms_pane_close(struct console *c, struct pane *p)
{
	struct alarms_pane *s = p->state;

	(void)c;
	remembered_sel = s->sel;
	free(s->rows);
	free(s);
}

/* Copies the alarms again. */
static void
alarms_pane_reload(struct console *c, struct pane *p, unsigned want)
{
	(void)want;
	alarms_pane_load(c, p->state);
}

/* Draws the alarm list. */
static void
alarms_pane_draw(struct console *c, struct pane *p, int y, int x, int h, int w)
{
	struct alarms_pane *s = p->state;
	char title[64], age[32];
	int rows = h - 3;
	int64_t now = console_now();

	snprintf(title, sizeof title, "Alarms%s%zu active", c->gl->dot, s->n);
	ui_box(c, y, x, h, w, true, title, "Enter: go to it");
	for (int i = 1; i < h - 1; i++)
		ui_fill(c, y + i, x + 1, w - 2, R_NORMAL);
	ui_putf(c, y + 1, x + 2, w - 4, R_LABEL, "%-10s %-10s %-8s %-12s %-16s %s",
	    "severity", "OLT", "port", "ONT", "kind", "raised");
	if (s->n == 0) {
		ui_put(c, y + 2, x + 2, w - 4, R_GOOD, "no active alarms");
		return;
	}
	if (s->sel >= s->n)
		s->sel = s->n - 1;
	if (s->sel < s->top)
		s->top = s->sel;
	if (rows > 0 && s->sel >= s->top + (size_t)rows)
		s->top = s->sel - (size_t)rows + 1;
	for (int i = 0; i < rows && s->top + (size_t)i < s->n; i++) {
		size_t k = s->top + (size_t)i;
		const struct alarm *a = &s->rows[k].a;
		bool sel = k == s->sel;
		enum ui_role r = sel ? R_SELECTED : a->severity >= SEV_MAJOR ? R_CRIT :
		    a->severity == SEV_WARNING ? R_WARN : R_NORMAL;
		int u;

		ui_age(a->raised_at, now, age, sizeof age);
		ui_fill(c, y + 2 + i, x + 1, w - 2, sel ? R_SELECTED : R_NORMAL);
		u = ui_putf(c, y + 2 + i, x + 2, w - 4, r, "%s %-8s ",
		    a->severity >= SEV_MAJOR ? c->gl->crit : c->gl->warn,
		    alarm_severity_name(a->severity));
		ui_putf(c, y + 2 + i, x + 2 + u, w - 4 - u, sel ? R_SELECTED : R_NORMAL,
		    "%-10s %-8s %-12s %-16s %s  %s", s->rows[k].olt,
		    a->port[0] ? a->port : "-", a->sn[0] ? a->sn : "-",
		    tree_model_alarm_kind(a), age, a->text);
	}
}

/* Moves the selection; Enter jumps to the alarm's node in the tree. */
static bool
alarms_pane_key(struct console *c, struct pane *p, int key, const struct cmd *cmd,
    const char *arg)
{
	struct alarms_pane *s = p->state;
	long d = keys_move_delta(c, cmd);

	(void)key, (void)arg;
	if (d != 0) {
		s->sel = keys_move_index(s->sel, s->n, d);
		return true;
	}
	if (cmd != NULL && cmd->id == CMD_OPEN) {
		struct alarm a;

		if (s->sel >= s->n)
			return true;
		a = s->rows[s->sel].a;		/* the jump closes this pane */
		if (!main_pane_jump(c, a.olt_id, a.port, a.sn))
			console_msg(c, true, "that node is no longer in the cache");
		return true;
	}
	return false;
}

/* A sweep or a write changed the alarms. */
static unsigned
alarms_pane_event(struct console *c, struct pane *p, const struct pool_event *ev)
{
	(void)c, (void)p;
	if (ev != NULL && (ev->kind == CJOB_SWEEP || ev->kind == CJOB_WRITE))
		return PANE_RELOAD;
	return 0;
}

const struct pane_ops alarms_pane_ops = {
	.name = "alarms",
	.open = alarms_pane_open,
	.close = alarms_pane_close,
	.reload = alarms_pane_reload,
	.draw = alarms_pane_draw,
	.key = alarms_pane_key,
	.event = alarms_pane_event,
};
