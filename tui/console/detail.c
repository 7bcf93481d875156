/*
 * detail.c — the right-hand pane: what the selected node is.
 *
 *   OLT   model, vendor, address, last sweep (or unreachable, with the age
 *         of the cached data), health per board, PON summary, last backup
 *   board its PON ports
 *   port  the ONT table, by ONT id or worst signal first (`o`)
 *   ONT   identity, contract and customer, admin/run state, ONU Rx / OLT Rx
 *         with a 24 h sparkline and their age, distance, alarms, actions
 *
 * Everything is read from the store on the UI thread at draw time, through
 * indexed lookups (one ONT, one port, one OLT), never a fleet walk.
 */
#include "tui/console/console.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/config.h"
#include "core/history.h"
#include "core/poll.h"
#include "core/store.h"
#include "lib/util.h"

/* Fills a short sparkline of the last 24 h of ONU Rx (or OLT Rx). */
static void
spark24(struct console *c, const struct ont *o, bool olt_rx, char *out, size_t size,
    int cols)
{
	struct history_bucket b[64];
	int64_t now = console_now();
	size_t len = 0;

	out[0] = '\0';
	if (cols > 64)
		cols = 64;
	if (cols <= 0 || history_series(c->st, o->id, now - 86400, now + 1, b,
	    (size_t)cols, NULL) == -1)
		return;
	for (int i = 0; i < cols; i++) {
		double v = olt_rx ? b[i].olt_rx_dbm : b[i].rx_dbm;
		int lvl;
		const char *g;

		if (isnan(v)) {
			g = " ";
		} else {
			lvl = (int)lround((v + 35.0) / 27.0 * 7.0) + 1;
			lvl = lvl < 1 ? 1 : lvl > 8 ? 8 : lvl;
			g = c->gl->spark[lvl];
		}
		len += (size_t)snprintf(out + len, size - len, "%s", g);
		if (len >= size)
			break;
	}
}

/* Word and role of a reading against the thresholds. */
static const char *
rx_word(double v, double warn, double crit, double over, enum ui_role *r)
{
	if (isnan(v)) {
		*r = R_MUTED;
		return "not read";
	}
	if (v > over) {
		*r = R_WARN;
		return "overload";
	}
	if (v < crit) {
		*r = R_CRIT;
		return "critical";
	}
	if (v < warn) {
		*r = R_WARN;
		return "weak";
	}
	*r = R_OK;
	return "ok";
}

/* The ONT detail. */
static void
draw_ont(struct console *c, struct tree_olt *to, const struct ont *o, int y,
    int x, int h, int w)
{
	struct contract ct;
	bool have_ct = o->contract[0] && store_contract_by_code(c->st, o->contract,
	    &ct, NULL) == 1;
	int64_t now = console_now();
	char age[32], sp[256];
	const char *word, *glyph;
	enum ui_role gr, rr;
	int row = y, end = y + h, sw;
	bool stale = now - o->last_seen > config_int(c->cfg, "ui.stale_after_s");

	ui_putf(c, row++, x, w, R_NORMAL, "%s  %s  ONT %d  %s %s", to->o.name,
	    o->port, o->ont_id, o->model, o->firmware);
	glyph = ui_ont_glyph(c, o, &to->th, &gr, &word);
	{
		int u = ui_putf(c, row, x, w, R_NORMAL, "admin %s%s",
		    ont_admin_name(o->admin), c->gl->dot);
		u += ui_put(c, row, x + u, w - u, gr, glyph);
		u += ui_putf(c, row, x + u, w - u, gr, " %s", ont_status_name(o->status));
		if (o->distance_m >= 0)
			ui_putf(c, row, x + u, w - u, R_NORMAL, "%s%d m", c->gl->dot,
			    o->distance_m);
		row++;
	}
	ui_age(o->last_seen, now, age, sizeof age);
	sw = w - 38;
	if (sw > 24)
		sw = 24;
	for (int k = 0; k < 2 && row < end; k++, row++) {
		double v = k == 0 ? o->rx_dbm : o->olt_rx_dbm;
		const char *rw = k == 0 ?
		    rx_word(v, to->th.rx_warning, to->th.rx_critical, to->th.rx_overload, &rr) :
		    rx_word(v, to->th.olt_rx_warning, to->th.olt_rx_critical, 99, &rr);
		int u = ui_put(c, row, x, w, R_LABEL, k == 0 ? "ONU Rx " : "OLT Rx ");

		if (isnan(v))
			u += ui_put(c, row, x + u, w - u, R_MUTED, "     - dBm ");
		else
			u += ui_putf(c, row, x + u, w - u, R_NORMAL, "%6.2f dBm ", v);
		if (sw > 4) {
			spark24(c, o, k == 1, sp, sizeof sp, sw);
			ui_put(c, row, x + u, sw, R_SPARK, sp);
			u += sw + 1;
		}
		u += ui_putf(c, row, x + u, w - u, rr, "%-8s", rw);
		if (k == 0)
			ui_putf(c, row, x + u, w - u, stale ? R_STALE : R_MUTED, "%s%s",
			    stale ? "cached " : "", age);
	}
	if (row < end) {
		if (have_ct)
			ui_putf(c, row++, x, w, R_NORMAL, "contract %s %s%s%s%s%s",
			    ct.code, contract_status_name(ct.status), c->gl->dot,
			    ct.customer, ct.address[0] ? c->gl->dot : "", ct.address);
		else if (o->contract[0])
			ui_putf(c, row++, x, w, R_WARN, "contract %s (not in the contracts list)",
			    o->contract);
		else
			ui_put(c, row++, x, w, R_MUTED, "no contract linked (oltui link SN CODE)");
	}
	if (row < end && tree_ont_alarms(c, o->olt_id, o->sn) == 0)
		ui_put(c, row++, x, w, R_MUTED, "no active alarms");
	for (size_t a = 0; a < c->tree.nalarms && row < end; a++) {
		const struct alarm *al = &c->tree.alarms[a];

		if (al->olt_id != o->olt_id || strcmp(al->sn, o->sn) != 0)
			continue;
		ui_age(al->raised_at, now, age, sizeof age);
		ui_putf(c, row++, x, w, al->severity >= SEV_MAJOR ? R_CRIT : R_WARN,
		    "%s %s %s %s (%s)", c->gl->warn, alarm_severity_name(al->severity),
		    alarm_kind_name(al->kind), al->text, age);
	}
	if (row < end)
		ui_put(c, row++, x, w, R_MUTED,
		    "service ports, profile: not cached");
	row++;
	if (end - 2 > row)
		row = end - 2;
	ui_put(c, row++, x, w, R_NORMAL, "Enter signal  a audit  r reboot  d disable");
	if (row < end)
		ui_put(c, row, x, w, R_NORMAL, "s speed  v vlan  m move  x delete");
}

/* Status cell for the port table: glyph and a short word. */
static void
state_cell(const struct console *c, const struct ont *o, const struct alarm_thresholds *th,
    char *out, size_t size, enum ui_role *r)
{
	const char *w, *g = ui_ont_glyph(c, o, th, r, &w);

	switch (o->status) {
	case ONT_ONLINE: w = "on"; break;
	case ONT_LOS: w = "LOS"; break;
	case ONT_DYING_GASP: w = "gasp"; break;
	case ONT_AUTH_FAILED: w = "auth"; break;
	case ONT_SYNCING: w = "sync"; break;
	case ONT_OFFLINE: w = "off"; break;
	default: w = "?"; break;
	}
	snprintf(out, size, "%s %s", g, w);
}

static int
cmp_worst(const void *a, const void *b)
{
	const struct ont *x = *(const struct ont *const *)a, *y = *(const struct ont *const *)b;
	double vx = x->status != ONT_ONLINE ? -100 : isnan(x->rx_dbm) ? -99 : x->rx_dbm;
	double vy = y->status != ONT_ONLINE ? -100 : isnan(y->rx_dbm) ? -99 : y->rx_dbm;

	if (vx != vy)
		return vx < vy ? -1 : 1;
	return x->ont_id - y->ont_id;
}

/* The ONT table of one port. */
static void
draw_port(struct console *c, struct tree_olt *to, struct tree_port *tp, int y,
    int x, int h, int w)
{
	struct ont *onts = NULL, **v;
	size_t n = 0;
	int row = y;
	int64_t now = console_now();
	char age[16];

	if (store_onts_on_port(c->st, to->o.id, tp->p.port, &onts, &n, NULL) == -1)
		n = 0;
	ui_putf(c, row++, x, w, R_NORMAL, "%d/%d online%s%s%d alarms%s%s (o)",
	    tp->p.online, tp->p.onts, c->gl->dot, tp->alarms ? c->gl->warn : "",
	    tp->alarms, c->gl->dot, c->port_sort ? "worst first" : "by id");
	ui_putf(c, row++, x, w, R_LABEL, "%-3s %-12s %-5s %6s %6s %5s %s", "id",
	    "serial", "state", "ONU Rx", "OLT Rx", "dist", w >= 48 ? "age" : "");
	v = xcalloc(n ? n : 1, sizeof *v);
	for (size_t i = 0; i < n; i++)
		v[i] = &onts[i];
	if (c->port_sort)
		qsort(v, n, sizeof *v, cmp_worst);
	if (c->detail_top + (size_t)(h - 2) > n)
		c->detail_top = n > (size_t)(h - 2) ? n - (size_t)(h - 2) : 0;
	for (size_t i = c->detail_top; i < n && row < y + h; i++, row++) {
		const struct ont *o = v[i];
		char st[32], rx[16], orx[16], d[16];
		enum ui_role r;
		int u;

		state_cell(c, o, &to->th, st, sizeof st, &r);
		snprintf(rx, sizeof rx, isnan(o->rx_dbm) ? "-" : "%.2f", o->rx_dbm);
		snprintf(orx, sizeof orx, isnan(o->olt_rx_dbm) ? "-" : "%.2f", o->olt_rx_dbm);
		snprintf(d, sizeof d, o->distance_m < 0 ? "-" : "%d", o->distance_m);
		ui_age_short(o->last_seen, now, age, sizeof age);
		u = ui_putf(c, row, x, w, R_NORMAL, "%-3d %-12s ", o->ont_id, o->sn);
		ui_put(c, row, x + u, w - u, r, st);
		u += 6;
		ui_putf(c, row, x + u, w - u, R_NORMAL, "%6s %6s %5s %s", rx, orx, d,
		    w >= 48 ? age : "");
	}
	free(v);
	free(onts);
}

/* The OLT detail. */
static void
draw_olt(struct console *c, struct tree_olt *to, int y, int x, int h, int w)
{
	struct olt_health hl;
	struct config_backup *bk = NULL;
	size_t nbk = 0;
	int row = y, end = y + h;
	int64_t now = console_now();
	char age[32], t[32];

	ui_putf(c, row++, x, w, R_NORMAL, "%s %s%s%s %s:%d%s%s", to->o.driver,
	    to->o.model, c->gl->dot, transport_name(to->o.transport), to->o.host,
	    to->o.port, to->o.tags[0] ? c->gl->dot : "", to->o.tags);
	ui_age(to->swept_at, now, age, sizeof age);
	if (to->unreachable) {
		char tried[32];

		ui_age(to->tried_at, now, tried, sizeof tried);
		ui_putf(c, row++, x, w, R_CRIT, "%s unreachable (last try %s)",
		    c->gl->cross, tried);
		ui_putf(c, row++, x, w, R_STALE, "showing cached data: swept %s", age);
	} else {
		ui_putf(c, row++, x, w, to->swept_at ? R_NORMAL : R_MUTED,
		    "%s reachable%sswept %s", c->gl->online, c->gl->dot, age);
	}
	ui_putf(c, row++, x, w, R_NORMAL, "ONTs %d/%d online%s%d active alarms",
	    to->online, to->onts, c->gl->dot, to->alarms);
	if (poll_health_load(c->st, &to->o, &hl, NULL) == 1) {
		char up[32];

		ui_age(hl.read_at, now, age, sizeof age);
		if (hl.uptime_s >= 0)
			snprintf(up, sizeof up, "%lldd %lldh", (long long)(hl.uptime_s / 86400),
			    (long long)(hl.uptime_s % 86400 / 3600));
		else
			snprintf(up, sizeof up, "?");
		ui_putf(c, row++, x, w, R_NORMAL, "health: up %s (read %s)", up, age);
		for (int b = 0; b < hl.nboards && row < end - 4; b++) {
			char cpu[16], tc[16];

			snprintf(cpu, sizeof cpu, hl.boards[b].cpu_pct < 0 ? "-" : "%d%%",
			    hl.boards[b].cpu_pct);
			snprintf(tc, sizeof tc, isnan(hl.boards[b].temp_c) ? "-" : "%.0f C",
			    hl.boards[b].temp_c);
			ui_putf(c, row++, x, w, R_NORMAL, "  slot %-2d %-10s cpu %4s  %s",
			    hl.boards[b].slot, hl.boards[b].name, cpu, tc);
		}
	} else {
		ui_put(c, row++, x, w, R_MUTED, "health: not read yet (R sweeps it)");
	}
	if (row < end)
		ui_put(c, row++, x, w, R_LABEL, "PON ports");
	for (size_t b = 0; b < to->nboards && row < end - 2; b++)
		for (size_t p = 0; p < to->boards[b].nports && row < end - 2; p++) {
			struct tree_port *tp = &to->boards[b].ports[p];

			ui_putf(c, row++, x, w, tp->alarms ? R_WARN : R_NORMAL,
			    "  %-8s %3d/%-3d online %s", tp->p.port, tp->p.online, tp->p.onts,
			    tp->alarms ? "alarms" : "");
		}
	if (row < end) {
		if (store_backup_list(c->st, to->o.id, &bk, &nbk, NULL) == 0 && nbk > 0) {
			ui_time(bk[0].taken_at, t, sizeof t);
			ui_age(bk[0].taken_at, now, age, sizeof age);
			ui_putf(c, row++, x, w, R_NORMAL, "last backup %s (%s) %.12s",
			    t, age, bk[0].sha256);
		} else {
			ui_put(c, row++, x, w, R_MUTED, "no config backup stored");
		}
		free(bk);
	}
	if (end - 1 > row)
		row = end - 1;
	ui_put(c, row, x, w, R_NORMAL, "R sweep now  a audit  F5 alarms");
}

/* Draws the detail pane body for the selected node. */
void
detail_draw(struct console *c, int y, int x, int h, int w)
{
	struct tree *t = &c->tree;
	struct tree_row *r;
	struct tree_olt *to;

	for (int i = 0; i < h; i++)
		ui_fill(c, y + i, x, w, R_NORMAL);
	if (t->nrows == 0)
		return;
	r = &t->rows[t->sel];
	to = &t->olts[r->o];
	switch (r->kind) {
	case NODE_OLT:
		draw_olt(c, to, y, x, h, w);
		break;
	case NODE_BOARD: {
		struct tree_board *tb = &to->boards[r->b];
		int row = y;

		ui_putf(c, row++, x, w, R_NORMAL, "%s board %d/%d %s", to->o.name,
		    tb->frame, tb->slot, tb->type[0] ? tb->type : "(type not read)");
		ui_putf(c, row++, x, w, R_NORMAL, "ONTs %d/%d online", tb->online, tb->onts);
		for (size_t p = 0; p < tb->nports && row < y + h; p++)
			ui_putf(c, row++, x, w, R_NORMAL, "  %-8s %3d/%-3d online",
			    tb->ports[p].p.port, tb->ports[p].p.online, tb->ports[p].p.onts);
		break;
	}
	case NODE_PORT:
		draw_port(c, to, &to->boards[r->b].ports[r->p], y, x, h, w);
		break;
	case NODE_ONT:
		draw_ont(c, to, &to->boards[r->b].ports[r->p].onts[r->n], y, x, h, w);
		break;
	}
}

/* Scrolls the detail pane (the port table). */
void
detail_scroll(struct console *c, long delta)
{
	long v = (long)c->detail_top + delta;

	c->detail_top = v < 0 ? 0 : (size_t)v;
}
