/*
 * signal.c — the live signal view of one ONT.
 *
 * Two charts, ONU Rx and OLT Rx, over 1 h / 24 h / 7 d / 30 d
 * (history_series buckets, one per column), drawn with eighth blocks on
 * UTF-8 and ASCII steps otherwise, with the alarm thresholds as dotted
 * lines named at the right edge and the current value, its age, and the
 * period's min/avg/max printed as numbers.  While the view is open a pool
 * job reads the ONT (poll_live_ont) every poll.live_interval_s; closing the
 * view cancels it and has the fleet read again.  A failed read keeps the
 * last values on screen with their age and says why.
 *
 * Model: the ONT, its OLT and thresholds (copied from the fleet at open),
 * and the chart's buckets and the period's summary, one bucket per chart
 * column of the current width.  Read at open, after each live read, on a
 * period change and on a resize; drawing reads only these.  The period
 * chosen last is kept for the session: the next view opens on it.
 * UI thread; the read runs in a worker.
 */
#include "tui/console/console.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/config.h"
#include "core/history.h"
#include "core/pool.h"
#include "core/store.h"
#include "lib/util.h"

static const struct { const char *name; int64_t s; } periods[] = {
	{ "1h", 3600 }, { "24h", 86400 }, { "7d", 7 * 86400 }, { "30d", 30 * 86400 },
};

#define LO	-35.0	/* chart floor, dBm */
#define HI	-5.0	/* chart ceiling */

/* The period the view last showed (kept for the session). */
static int remembered_period;

struct signal {
	struct ont	 ont;		/* read again after each live read */
	struct olt	 olt;		/* its OLT */
	bool		 have_olt;	/* the OLT was in the fleet */
	struct alarm_thresholds th;	/* the OLT's */
	int		 period;	/* index in periods[] */
	int64_t		 next_ms;	/* monotonic time of the next live read */
	uint64_t	 job;		/* running live read or 0 */
	char		 status[128];	/* how the last live read went */
	/* the chart, read for this width */
	struct history_bucket *b;
	size_t		 nb;
	struct history_summary sm;
};

/* The chart's columns for the body's width. */
static size_t
columns(const struct console *c)
{
	int y, x, h, w;

	pane_body(c, &y, &x, &h, &w);
	return w - 2 - 15 > 0 ? (size_t)(w - 2 - 15) : 1;
}

/* Reads the chart's buckets and the period's summary. */
static void
signal_load(struct console *c, struct signal *s)
{
	int64_t now = console_now(), span = periods[s->period].s;

	free(s->b);
	s->nb = columns(c);
	s->b = xcalloc(s->nb, sizeof *s->b);
	for (size_t i = 0; i < s->nb; i++)
		s->b[i].rx_dbm = s->b[i].olt_rx_dbm = s->b[i].rx_min = NAN;
	history_series(c->st, s->ont.id, now - span, now + 1, s->b, s->nb, NULL);
	memset(&s->sm, 0, sizeof s->sm);
	history_summary(c->st, s->ont.id, now - span, now + 1, &s->sm, NULL);
}

/* Opens the view on the fleet's selected ONT. */
static void *
signal_open(struct console *c, const void *arg)
{
	const struct tree_model *m = main_pane_fleet(c);
	const struct ont *o = tree_model_sel_ont(m);
	const struct tree_olt *to;
	struct signal *s;

	(void)arg;
	if (o == NULL) {
		console_msg(c, true, "select an ONT first (the signal view is per ONT)");
		return NULL;
	}
	s = xcalloc(1, sizeof *s);
	s->ont = *o;
	if ((to = tree_model_olt(m, o->olt_id)) != NULL) {
		s->olt = to->o;
		s->th = to->th;
		s->have_olt = true;
	}
	s->period = remembered_period;
	snprintf(s->status, sizeof s->status, "live read starting");
	signal_load(c, s);
	return s;
}

/* Closes the view: stops live polling; the fleet is read again. */
static void
signal_close(struct console *c, struct pane *p)
{
	struct signal *s = p->state;

	if (s->job != 0 && c->pool != NULL)
		pool_cancel_job(c->pool, s->job);
	remembered_period = s->period;
	free(s->b);
	free(s);
	main_pane_refresh(c);
}

/* Reads the ONT (after a live read) and the chart again. */
static void
signal_reload(struct console *c, struct pane *p, unsigned want)
{
	struct signal *s = p->state;
	struct ont o;

	if ((want & PANE_RELOAD) && store_ont_by_sn(c->st, s->ont.sn, &o, NULL) == 1)
		s->ont = o;
	signal_load(c, s);
}

/* Submits the live read when it is due; the time until the next one. */
static int
signal_tick(struct console *c, struct pane *p)
{
	struct signal *s = p->state;
	int64_t now = mono_ms();

	if (s->job != 0)
		return -1;
	if (now >= s->next_ms) {
		s->next_ms = now + config_int(c->cfg, "poll.live_interval_s") * 1000;
		if (s->have_olt)
			s->job = jobs_live(c, &s->olt, &s->ont);
		if (s->job != 0)
			return -1;
	}
	return s->next_ms - now > 0 ? (int)(s->next_ms - now) : 0;
}

/* A live read ended. */
static unsigned
signal_event(struct console *c, struct pane *p, const struct pool_event *ev)
{
	struct signal *s = p->state;

	if (ev == NULL || ev->kind != CJOB_LIVE || ev->job_id != s->job)
		return 0;
	s->job = 0;
	if (ev->status == POOL_JOB_DONE)
		snprintf(s->status, sizeof s->status, "%s live read ok", c->gl->check);
	else
		snprintf(s->status, sizeof s->status, "%s live read failed: %s "
		    "(showing cached values)", c->gl->cross, ev->msg ? ev->msg : "no answer");
	return PANE_RELOAD;
}

/* Left/Right and t change the period. */
static bool
signal_key(struct console *c, struct pane *p, int key, const struct cmd *cmd,
    const char *arg)
{
	struct signal *s = p->state;
	int d;

	(void)c, (void)key, (void)arg;
	if (cmd == NULL)
		return false;
	if (cmd->id == CMD_EXPAND || cmd->id == CMD_PERIOD)
		d = 1;
	else if (cmd->id == CMD_COLLAPSE)
		d = -1;
	else
		return false;
	s->period = (s->period + d + 4) % 4;
	p->want |= PANE_FOLLOW;
	return true;
}

/* Draws one chart of h rows; thresholds are named on the right. */
static void
chart(struct console *c, int y, int x, int h, int w, const struct history_bucket *b,
    size_t nb, bool olt_rx, const double th[3], const char *const thn[3])
{
	int lw = 6, rw = 9, cw = w - lw - rw;
	int throw[3];

	for (int k = 0; k < 3; k++)
		throw[k] = isnan(th[k]) ? -1 : (int)floor((th[k] - LO) / (HI - LO) * h);
	for (int i = 0; i < h; i++) {
		int j = h - 1 - i;	/* row from the bottom */
		int tk = -1;

		for (int k = 0; k < 3; k++)
			if (throw[k] == j)
				tk = k;
		if (tk >= 0) {
			ui_putf(c, y + i, x, lw, R_THRESHOLD, th[tk] == floor(th[tk]) ?
			    "%4.0f " : "%4.1f", th[tk]);
			ui_put(c, y + i, x + rw + cw + lw - rw + 1, rw - 1, R_THRESHOLD, thn[tk]);
		} else if (i == 0 || i == h - 1) {
			ui_putf(c, y + i, x, lw, R_MUTED, "%4.0f ", i == 0 ? HI : LO);
		}
		ui_put(c, y + i, x + lw - 1, 1, R_MUTED, c->lines == LINES_UTF8 ? "┤" : "|");
		for (int col = 0; col < cw && (size_t)col < nb; col++) {
			double v = olt_rx ? b[col].olt_rx_dbm : b[col].rx_dbm;
			int fill = 0;

			if (!isnan(v)) {
				int h8 = (int)lround((v - LO) / (HI - LO) * h * 8);

				fill = h8 - j * 8;
				fill = fill < 0 ? 0 : fill > 8 ? 8 : fill;
			}
			if (fill > 0)
				ui_put(c, y + i, x + lw + col, 1, R_SPARK, c->gl->spark[fill]);
			else if (tk >= 0)
				ui_put(c, y + i, x + lw + col, 1, R_THRESHOLD, c->gl->dotted);
		}
	}
}

/* Draws the view. */
static void
signal_draw(struct console *c, struct pane *p, int y, int x, int h, int w)
{
	struct signal *s = p->state;
	const struct ont *o = &s->ont;
	int64_t now = console_now();
	char title[160], right[64], age[32];
	size_t len = 0;
	int inner = h - 2, row = y + 1, ch1, ch2;
	double th1[3], th2[3];
	static const char *const n1[3] = { "overload", "warning", "critical" };
	static const char *const n2[3] = { "", "warning", "critical" };

	snprintf(title, sizeof title, "Signal %s%s%s %s ONT %d%slive every %ld s", o->sn,
	    c->gl->dot, s->have_olt ? s->olt.name : "?", o->port, o->ont_id, c->gl->dot,
	    config_int(c->cfg, "poll.live_interval_s"));
	for (int i = 0; i < 4; i++)
		len += (size_t)snprintf(right + len, sizeof right - len,
		    i == s->period ? "[%s]%s" : "%s%s", periods[i].name, i < 3 ? " " : "");
	ui_box(c, y, x, h, w, true, title, right);
	for (int i = 1; i < h - 1; i++)
		ui_fill(c, y + i, x + 1, w - 2, R_NORMAL);
	if (!s->have_olt || inner < 8)
		return;
	th1[0] = s->th.rx_overload, th1[1] = s->th.rx_warning, th1[2] = s->th.rx_critical;
	th2[0] = NAN, th2[1] = s->th.olt_rx_warning, th2[2] = s->th.olt_rx_critical;
	ch1 = (inner - 4) * 3 / 5;
	ch2 = inner - 4 - ch1;
	ui_age(o->last_seen, now, age, sizeof age);
	if (isnan(o->rx_dbm))
		ui_putf(c, row++, x + 2, w - 4, R_LABEL, "ONU Rx  now -  (%s)", age);
	else
		ui_putf(c, row++, x + 2, w - 4, R_LABEL, "ONU Rx  now %.2f dBm (%s)  "
		    "min %.2f avg %.2f max %.2f  n %zu", o->rx_dbm, age,
		    s->sm.rx_min, s->sm.rx_avg, s->sm.rx_max, s->sm.n);
	chart(c, row, x + 1, ch1, w - 2, s->b, s->nb, false, th1, n1);
	row += ch1;
	if (isnan(o->olt_rx_dbm))
		ui_put(c, row++, x + 2, w - 4, R_LABEL, "OLT Rx  now -");
	else
		ui_putf(c, row++, x + 2, w - 4, R_LABEL, "OLT Rx  now %.2f dBm", o->olt_rx_dbm);
	chart(c, row, x + 1, ch2, w - 2, s->b, s->nb, true, th2, n2);
	row += ch2;
	{
		const char *word;
		enum ui_role r;
		const char *g = ui_ont_glyph(c, o, &s->th, &r, &word);
		int u = ui_put(c, row, x + 2, w - 4, r, g);

		ui_putf(c, row, x + 3 + u, w - 5 - u, r, "%s%s%s", word, c->gl->dot,
		    s->status);
		row++;
	}
	ui_put(c, row, x + 2, w - 4, R_MUTED, "Left/Right or t: period   q: close");
}

const struct pane_ops signal_ops = {
	.name = "signal",
	.open = signal_open,
	.close = signal_close,
	.reload = signal_reload,
	.draw = signal_draw,
	.key = signal_key,
	.event = signal_event,
	.tick = signal_tick,
};
