/*
 * signal.c — the live signal view of one ONT.
 *
 * Two charts, ONU Rx and OLT Rx, over 1 h / 24 h / 7 d / 30 d
 * (history_series buckets, one per column), drawn with eighth blocks on
 * UTF-8 and ASCII steps otherwise, with the alarm thresholds as dotted
 * lines named at the right edge and the current value, its age, and the
 * period's min/avg/max printed as numbers.  While the view is open a pool
 * job reads the ONT (poll_live_ont) every poll.live_interval_s; closing the
 * view cancels it.  A failed read keeps the last values on screen with
 * their age and says why.  UI thread; the read runs in a worker.
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

/* The OLT the signal view's ONT is on. */
static struct tree_olt *
sig_olt(struct console *c)
{
	for (size_t i = 0; i < c->tree.nolts; i++)
		if (c->tree.olts[i].o.id == c->sig_ont.olt_id)
			return &c->tree.olts[i];
	return NULL;
}

/* Opens the view on the selected ONT and starts live polling. */
void
signal_open(struct console *c)
{
	struct ont *o = console_sel_ont(c);

	if (o == NULL) {
		console_msg(c, true, "select an ONT first (the signal view is per ONT)");
		return;
	}
	c->sig_ont = *o;
	c->view = VIEW_SIGNAL;
	c->sig_next_ms = 0;
	c->sig_job = 0;
	snprintf(c->sig_status, sizeof c->sig_status, "live read starting");
	signal_tick(c);
}

/* Closes the view and stops live polling. */
void
signal_close(struct console *c)
{
	if (c->sig_job != 0 && c->pool != NULL)
		pool_cancel_job(c->pool, c->sig_job);
	c->sig_job = 0;
	c->view = VIEW_MAIN;
	console_reload(c);
}

/* Submits the live read when it is due. */
void
signal_tick(struct console *c)
{
	struct tree_olt *to;
	int64_t now = mono_ms();

	if (c->view != VIEW_SIGNAL || c->sig_job != 0 || now < c->sig_next_ms)
		return;
	c->sig_next_ms = now + config_int(c->cfg, "poll.live_interval_s") * 1000;
	if ((to = sig_olt(c)) == NULL)
		return;
	c->sig_job = jobs_live(c, &to->o, &c->sig_ont);
}

/* Milliseconds until the next live read, or -1. */
int
signal_timeout_ms(const struct console *c)
{
	int64_t d;

	if (c->view != VIEW_SIGNAL || c->sig_job != 0)
		return -1;
	d = c->sig_next_ms - mono_ms();
	return d < 0 ? 0 : (int)d;
}

/* A live read ended. */
void
signal_event(struct console *c, int ok, const char *msg)
{
	struct ont o;

	c->sig_job = 0;
	if (store_ont_by_sn(c->st, c->sig_ont.sn, &o, NULL) == 1)
		c->sig_ont = o;
	if (ok)
		snprintf(c->sig_status, sizeof c->sig_status, "%s live read ok",
		    c->gl->check);
	else
		snprintf(c->sig_status, sizeof c->sig_status, "%s live read failed: %s "
		    "(showing cached values)", c->gl->cross, msg ? msg : "no answer");
}

/* Changes the period. */
void
signal_period(struct console *c, int delta)
{
	c->sig_period = (c->sig_period + delta + 4) % 4;
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
void
signal_draw(struct console *c, int y, int x, int h, int w)
{
	struct tree_olt *to = sig_olt(c);
	const struct ont *o = &c->sig_ont;
	struct history_bucket *b;
	struct history_summary sm;
	int64_t now = console_now(), span = periods[c->sig_period].s;
	char title[160], right[64], age[32];
	size_t nb, len = 0;
	int inner = h - 2, row = y + 1, ch1, ch2, cw = w - 2 - 15;
	double th1[3], th2[3];
	static const char *const n1[3] = { "overload", "warning", "critical" };
	static const char *const n2[3] = { "", "warning", "critical" };

	snprintf(title, sizeof title, "Signal %s%s%s %s ONT %d%slive every %ld s", o->sn,
	    c->gl->dot, to ? to->o.name : "?", o->port, o->ont_id, c->gl->dot,
	    config_int(c->cfg, "poll.live_interval_s"));
	for (int i = 0; i < 4; i++)
		len += (size_t)snprintf(right + len, sizeof right - len,
		    i == c->sig_period ? "[%s]%s" : "%s%s", periods[i].name, i < 3 ? " " : "");
	ui_box(c, y, x, h, w, true, title, right);
	for (int i = 1; i < h - 1; i++)
		ui_fill(c, y + i, x + 1, w - 2, R_NORMAL);
	if (to == NULL || inner < 8)
		return;
	nb = cw > 0 ? (size_t)cw : 1;
	b = xcalloc(nb, sizeof *b);
	history_series(c->st, o->id, now - span, now + 1, b, nb, NULL);
	memset(&sm, 0, sizeof sm);
	history_summary(c->st, o->id, now - span, now + 1, &sm, NULL);
	th1[0] = to->th.rx_overload, th1[1] = to->th.rx_warning, th1[2] = to->th.rx_critical;
	th2[0] = NAN, th2[1] = to->th.olt_rx_warning, th2[2] = to->th.olt_rx_critical;
	ch1 = (inner - 4) * 3 / 5;
	ch2 = inner - 4 - ch1;
	ui_age(o->last_seen, now, age, sizeof age);
	if (isnan(o->rx_dbm))
		ui_putf(c, row++, x + 2, w - 4, R_LABEL, "ONU Rx  now -  (%s)", age);
	else
		ui_putf(c, row++, x + 2, w - 4, R_LABEL, "ONU Rx  now %.2f dBm (%s)  "
		    "min %.2f avg %.2f max %.2f  n %zu", o->rx_dbm, age,
		    sm.rx_min, sm.rx_avg, sm.rx_max, sm.n);
	chart(c, row, x + 1, ch1, w - 2, b, nb, false, th1, n1);
	row += ch1;
	if (isnan(o->olt_rx_dbm))
		ui_put(c, row++, x + 2, w - 4, R_LABEL, "OLT Rx  now -");
	else
		ui_putf(c, row++, x + 2, w - 4, R_LABEL, "OLT Rx  now %.2f dBm", o->olt_rx_dbm);
	chart(c, row, x + 1, ch2, w - 2, b, nb, true, th2, n2);
	row += ch2;
	{
		const char *word;
		enum ui_role r;
		const char *g = ui_ont_glyph(c, o, &to->th, &r, &word);
		int u = ui_put(c, row, x + 2, w - 4, r, g);

		ui_putf(c, row, x + 3 + u, w - 5 - u, r, "%s%s%s", word, c->gl->dot,
		    c->sig_status);
		row++;
	}
	ui_put(c, row, x + 2, w - 4, R_MUTED, "Left/Right or t: period   q: close");
	free(b);
}
