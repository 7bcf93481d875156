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

#define ALARM_TEXT_COL	11	/* where a wrapped alarm text starts: under the OLT */
#define ALARM_WRAP_MAX	8

/* The columns of alarm row ar (severity word aside) into out. */
static void
alarm_head(const struct alarm_row *ar, int64_t now, char *out, size_t size)
{
	const struct alarm *a = &ar->a;
	char age[32];

	ui_age(a->raised_at, now, age, sizeof age);
	snprintf(out, size, "%-10s %-8s %-12s %-16s %s", ar->olt, a->port[0] ? a->port : "-",
	    a->sn[0] ? a->sn : "-", tree_model_alarm_kind(a), age);
}

/* The rows alarm ar takes in w columns: one when its text fits beside its
   columns, else one for the columns and its text wrapped below them (wr,
   *nwr).  Nothing is cut at the right edge. */
static int
alarm_rows(const struct alarm_row *ar, int64_t now, int w, struct wrap_row *wr,
    size_t *nwr)
{
	char head[160];
	const char *t = ar->a.text;

	alarm_head(ar, now, head, sizeof head);
	if (ALARM_TEXT_COL + ui_width(head) + 2 + ui_width(t) <= w) {
		*nwr = 0;
		return 1;
	}
	*nwr = wrap_line(t, strlen(t), w - ALARM_TEXT_COL, 0, wr, ALARM_WRAP_MAX);
	if (*nwr > ALARM_WRAP_MAX)
		*nwr = ALARM_WRAP_MAX;
	return 1 + (int)*nwr;
}

/* Draws the alarm list; an alarm whose text does not fit beside its
   columns takes more rows, its text wrapped under them. */
static void
alarms_pane_draw(struct console *c, struct pane *p, int y, int x, int h, int w)
{
	struct alarms_pane *s = p->state;
	char title[64], head[160];
	int rows = h - 3, in = w - 4, used;
	int64_t now = console_now();
	struct wrap_row wr[ALARM_WRAP_MAX];
	size_t nwr;

	snprintf(title, sizeof title, "Alarms%s%zu active", c->gl->dot, s->n);
	ui_box(c, y, x, h, w, true, title, "Enter: go to it");
	for (int i = 1; i < h - 1; i++)
		ui_fill(c, y + i, x + 1, w - 2, R_NORMAL);
	ui_putf(c, y + 1, x + 2, in, R_LABEL, "%-10s %-10s %-8s %-12s %-16s %s",
	    "severity", "OLT", "port", "ONT", "kind", "raised");
	if (s->n == 0) {
		ui_put(c, y + 2, x + 2, in, R_GOOD, "no active alarms");
		return;
	}
	if (s->sel >= s->n)
		s->sel = s->n - 1;
	if (s->sel < s->top)
		s->top = s->sel;
	for (;;) {	/* the selection in sight: the rows from top to it fit */
		used = 0;
		for (size_t k = s->top; k <= s->sel; k++)
			used += alarm_rows(&s->rows[k], now, in, wr, &nwr);
		if (used <= rows || s->top == s->sel)
			break;
		s->top++;
	}
	used = 0;
	for (size_t k = s->top; k < s->n && used < rows; k++) {
		const struct alarm_row *ar = &s->rows[k];
		const struct alarm *a = &ar->a;
		bool sel = k == s->sel;
		enum ui_role r = sel ? R_SELECTED : a->severity >= SEV_MAJOR ? R_CRIT :
		    a->severity == SEV_WARNING ? R_WARN : R_NORMAL;
		enum ui_role base = sel ? R_SELECTED : R_NORMAL;
		int n = alarm_rows(ar, now, in, wr, &nwr), u;

		alarm_head(ar, now, head, sizeof head);
		for (int i = 0; i < n && used + i < rows; i++)
			ui_fill(c, y + 2 + used + i, x + 1, w - 2, base);
		u = ui_putf(c, y + 2 + used, x + 2, in, r, "%s %-8s ",
		    a->severity >= SEV_MAJOR ? c->gl->crit : c->gl->warn,
		    alarm_severity_name(a->severity));
		if (nwr == 0)
			ui_putf(c, y + 2 + used, x + 2 + u, in - u, base, "%s  %s", head, a->text);
		else
			ui_put(c, y + 2 + used, x + 2 + u, in - u, base, head);
		for (size_t i = 0; i < nwr && used + 1 + (int)i < rows; i++)
			ui_putf(c, y + 3 + used + (int)i, x + 2 + ALARM_TEXT_COL,
			    in - ALARM_TEXT_COL, base, "%.*s", (int)wr[i].len, a->text + wr[i].off);
		used += n;
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
	return pane_event_reload(ev);
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
