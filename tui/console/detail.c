/*
 * detail.c — the right-hand pane: what the selected node is.
 *
 *   OLT   model, vendor, address, last sweep (or unreachable, with the age
 *         of the cached data), health per board, PON summary, last backup
 *   board its PON ports
 *   port  the ONT table, by ONT id or worst signal first (`o`)
 *   ONT   identity, contract and customer, admin/run state, ONU Rx / OLT Rx
 *         with a 24 h sparkline and their age, distance, alarms, actions
 *         (T opens its router, read through the ACS: router_pane.c)
 *
 * Model (struct detail): what the selected node shows beyond the fleet
 * tree — an OLT's health and last backup, a port's ONT table, an ONT's
 * contract and 24 h sparklines — read through indexed lookups (one ONT,
 * one port, one OLT; never a fleet walk) when the selection, the width or
 * the data changes (detail_follow, from the main pane's reload).  Drawing
 * reads the model and the fleet tree only.  UI thread only.
 */
#include "tui/console/console.h"
#include "tui/console/main_pane.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/config.h"
#include "core/history.h"
#include "core/poll.h"
#include "core/store.h"
#include "lib/util.h"

/* Formats a sparkline of the loaded 24 h buckets (ONU Rx or OLT Rx). */
static void
spark(const struct console *c, const struct detail *d, bool olt_rx, char *out,
    size_t size)
{
	size_t len = 0;

	out[0] = '\0';
	for (int i = 0; i < d->nspark; i++) {
		double v = olt_rx ? d->spark[i].olt_rx_dbm : d->spark[i].rx_dbm;
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

/* The sparkline's columns in a detail body w wide (0: none drawn). */
static int
spark_cols(int w)
{
	int sw = w - 38;

	if (sw > SPARK_MAX)
		sw = SPARK_MAX;
	return sw > 4 ? sw : 0;
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
	*r = R_GOOD;
	return "ok";
}

/* The ONT detail. */
static void
draw_ont(struct console *c, const struct detail *d, const struct tree_model *m,
    const struct tree_olt *to, const struct ont *o, int y, int x, int h, int w)
{
	const struct contract *ct = &d->contract;
	bool have_ct = d->have_contract;
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
	sw = d->nspark;
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
			spark(c, d, k == 1, sp, sizeof sp);
			ui_put(c, row, x + u, sw, R_SPARK, sp);
			u += sw + 1;
		}
		u += ui_putf(c, row, x + u, w - u, rr, "%-8s ", rw);
		if (k == 0)
			ui_putf(c, row, x + u, w - u, stale ? R_STALE : R_MUTED, "%s%s",
			    stale ? "cached " : "", age);
	}
	if (row < end) {
		if (have_ct)
			ui_putf(c, row++, x, w, R_NORMAL, "contract %s %s%s%s%s%s",
			    ct->code, contract_status_name(ct->status), c->gl->dot,
			    ct->customer, ct->address[0] ? c->gl->dot : "", ct->address);
		else if (o->contract[0])
			ui_putf(c, row++, x, w, R_WARN, "contract %s (not in the contracts list)",
			    o->contract);
		else
			ui_put(c, row++, x, w, R_MUTED, "no contract linked (L links one)");
	}
	if (row < end && tree_model_ont_alarms(m, o->olt_id, o->sn) == 0)
		ui_put(c, row++, x, w, R_MUTED, "no active alarms");
	for (size_t a = 0; a < m->nalarms && row < end; a++) {
		const struct alarm *al = &m->alarms[a];

		if (al->olt_id != o->olt_id || strcmp(al->sn, o->sn) != 0)
			continue;
		ui_age(al->raised_at, now, age, sizeof age);
		ui_putf(c, row++, x, w, al->severity >= SEV_MAJOR ? R_CRIT : R_WARN,
		    "%s %s %s %s (%s)", c->gl->warn, alarm_severity_name(al->severity),
		    tree_model_alarm_kind(al), al->text, age);
	}
	if (row < end)
		ui_put(c, row++, x, w, R_MUTED,
		    "service ports, profile: not cached");
	row++;
	if (end - 3 > row)
		row = end - 3;
	ui_put(c, row++, x, w, R_NORMAL, "Enter signal  a audit  r reboot  d disable");
	if (row < end)
		ui_put(c, row++, x, w, R_NORMAL, "s speed  v vlan  m move  x delete  L link");
	if (row < end)
		ui_put(c, row, x, w, R_NORMAL, "T router (TR-069): WiFi, PPPoE, reboot");
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
draw_port(struct console *c, struct detail *d, const struct tree_olt *to,
    const struct tree_port *tp, int y, int x, int h, int w)
{
	size_t n = d->nonts;
	int row = y;
	int64_t now = console_now();
	char age[16];

	ui_putf(c, row++, x, w, R_NORMAL, "%d/%d online%s%s%d alarms%s%s (o)",
	    tp->p.online, tp->p.onts, c->gl->dot, tp->alarms ? c->gl->warn : "",
	    tp->alarms, c->gl->dot, d->sort ? "worst first" : "by id");
	ui_putf(c, row++, x, w, R_LABEL, "%-3s %-12s %-5s %6s %6s %5s %s", "id",
	    "serial", "state", "ONU Rx", "OLT Rx", "dist", w >= 48 ? "age" : "");
	if (d->top + (size_t)(h - 2) > n)
		d->top = n > (size_t)(h - 2) ? n - (size_t)(h - 2) : 0;
	for (size_t i = d->top; i < n && row < y + h; i++, row++) {
		const struct ont *o = d->order[i];
		char st[32], rx[16], orx[16], dist[16];
		enum ui_role r;
		int u;

		state_cell(c, o, &to->th, st, sizeof st, &r);
		snprintf(rx, sizeof rx, isnan(o->rx_dbm) ? "-" : "%.2f", o->rx_dbm);
		snprintf(orx, sizeof orx, isnan(o->olt_rx_dbm) ? "-" : "%.2f", o->olt_rx_dbm);
		snprintf(dist, sizeof dist, o->distance_m < 0 ? "-" : "%d", o->distance_m);
		ui_age_short(o->last_seen, now, age, sizeof age);
		u = ui_putf(c, row, x, w, R_NORMAL, "%-3d %-12s ", o->ont_id, o->sn);
		ui_put(c, row, x + u, w - u, r, st);
		u += 6;
		ui_putf(c, row, x + u, w - u, R_NORMAL, "%6s %6s %5s %s", rx, orx, dist,
		    w >= 48 ? age : "");
	}
}

/* The OLT detail. */
static void
draw_olt(struct console *c, const struct detail *d, const struct tree_olt *to,
    int y, int x, int h, int w)
{
	const struct olt_health *hl = &d->health;
	int row = y, end = y + h;
	int64_t now = console_now();
	char age[32], t[32];

	ui_putf(c, row++, x, w, R_NORMAL, "%s %s%s%s %s:%d%s%s", to->o.driver,
	    to->o.model, c->gl->dot, transport_name(to->o.transport), to->o.host,
	    to->o.port, to->o.tags[0] ? c->gl->dot : "", to->o.tags);
	ui_age(to->data_at, now, age, sizeof age);	/* swept_at when it is the data's */
	if (to->unreachable) {
		char tried[32];

		ui_age(to->tried_at, now, tried, sizeof tried);
		ui_putf(c, row++, x, w, R_CRIT, "%s unreachable (last try %s)",
		    c->gl->cross, tried);
	}
	/* what the data on screen is worth: a sweep's, or older readings' */
	if (to->unreachable && to->swept_at != 0)
		ui_putf(c, row++, x, w, R_STALE, "showing cached data: swept %s", age);
	else if (to->unreachable && to->data_at != 0)
		ui_putf(c, row++, x, w, R_STALE, "cached data read %s, never swept", age);
	else if (to->unreachable)
		ui_put(c, row++, x, w, R_STALE, "nothing cached: never swept");
	else if (to->swept_at != 0)	/* its last sweep succeeded: data_at is it */
		ui_putf(c, row++, x, w, R_NORMAL, "%s reachable%sswept %s", c->gl->online,
		    c->gl->dot, age);
	else if (to->data_at != 0)
		ui_putf(c, row++, x, w, R_STALE, "not swept yet; data read %s", age);
	else
		ui_put(c, row++, x, w, R_MUTED, "not swept yet (R sweeps it)");
	ui_putf(c, row++, x, w, R_NORMAL, "ONTs %d/%d online%s%d active alarms",
	    to->online, to->onts, c->gl->dot, to->alarms);
	if (d->have_health) {
		char up[32];

		ui_age(hl->read_at, now, age, sizeof age);
		if (hl->uptime_s >= 0)
			snprintf(up, sizeof up, "%lldd %lldh", (long long)(hl->uptime_s / 86400),
			    (long long)(hl->uptime_s % 86400 / 3600));
		else
			snprintf(up, sizeof up, "?");
		ui_putf(c, row++, x, w, R_NORMAL, "health: up %s (read %s)", up, age);
		for (int b = 0; b < hl->nboards && row < end - 4; b++) {
			char cpu[16], tc[16];

			snprintf(cpu, sizeof cpu, hl->boards[b].cpu_pct < 0 ? "-" : "%d%%",
			    hl->boards[b].cpu_pct);
			snprintf(tc, sizeof tc, isnan(hl->boards[b].temp_c) ? "-" : "%.0f C",
			    hl->boards[b].temp_c);
			ui_putf(c, row++, x, w, R_NORMAL, "  slot %-2d %-10s cpu %4s  %s",
			    hl->boards[b].slot, hl->boards[b].name, cpu, tc);
		}
	} else {
		ui_put(c, row++, x, w, R_MUTED, "health: not read yet (R sweeps it)");
	}
	if (row < end)
		ui_put(c, row++, x, w, R_LABEL, "PON ports");
	for (size_t b = 0; b < to->nboards && row < end - 2; b++)
		for (size_t p = 0; p < to->boards[b].nports && row < end - 2; p++) {
			const struct tree_port *tp = &to->boards[b].ports[p];

			ui_putf(c, row++, x, w, tp->alarms ? R_WARN : R_NORMAL,
			    "  %-8s %3d/%-3d online %s", tp->p.port, tp->p.online, tp->p.onts,
			    tp->alarms ? "alarms" : "");
		}
	if (row < end) {
		if (d->have_backup) {
			ui_time(d->backup_at, t, sizeof t);
			ui_age(d->backup_at, now, age, sizeof age);
			ui_putf(c, row++, x, w, R_NORMAL, "last backup %s (%s) %.12s",
			    t, age, d->backup_sha);
		} else {
			ui_put(c, row++, x, w, R_MUTED, "no config backup stored");
		}
	}
	if (end - 1 > row)
		row = end - 1;
	ui_put(c, row, x, w, R_NORMAL, "R sweep now  a audit  F5 alarms");
}

/* Draws the detail body for m's selected node. */
void
detail_draw(struct console *c, struct detail *d, const struct tree_model *m, int y,
    int x, int h, int w)
{
	const struct tree_row *r = tree_model_sel(m);
	const struct tree_olt *to;

	for (int i = 0; i < h; i++)
		ui_fill(c, y + i, x, w, R_NORMAL);
	if (r == NULL)
		return;
	to = tree_model_row_olt(m, r);
	switch (r->kind) {
	case NODE_OLT:
		draw_olt(c, d, to, y, x, h, w);
		break;
	case NODE_BOARD: {
		const struct tree_board *tb = tree_model_row_board(m, r);
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
		draw_port(c, d, to, tree_model_row_port(m, r), y, x, h, w);
		break;
	case NODE_ONT:
		draw_ont(c, d, m, to, tree_model_row_ont(m, r), y, x, h, w);
		break;
	}
}

/* The title of the detail box: what the selected node is. */
void
detail_title(const struct console *c, const struct tree_model *m, char *out, size_t size)
{
	const struct tree_row *r = tree_model_sel(m);
	const struct tree_olt *to;

	out[0] = '\0';
	if (r == NULL)
		return;
	to = tree_model_row_olt(m, r);
	switch (r->kind) {
	case NODE_OLT:
		snprintf(out, size, "OLT %s", to->o.name);
		break;
	case NODE_BOARD:
		snprintf(out, size, "Board %s %d/%d", to->o.name,
		    tree_model_row_board(m, r)->frame, tree_model_row_board(m, r)->slot);
		break;
	case NODE_PORT:
		snprintf(out, size, "PON %s %s", to->o.name, tree_model_row_port(m, r)->p.port);
		break;
	case NODE_ONT: {
		const struct ont *o = tree_model_row_ont(m, r);

		snprintf(out, size, "ONT %s%s%s", o->sn, o->contract[0] ? c->gl->dot : "",
		    o->contract);
		break;
	}
	}
}

/* ---- the model ---- */

/* Puts the port table in the order d->sort asks for. */
static void
order(struct detail *d)
{
	free(d->order);
	d->order = xcalloc(d->nonts ? d->nonts : 1, sizeof *d->order);
	for (size_t i = 0; i < d->nonts; i++)
		d->order[i] = &d->onts[i];
	if (d->sort)
		qsort(d->order, d->nonts, sizeof *d->order, cmp_worst);
}

/* Forgets what was read for the previous node. */
static void
clear(struct detail *d)
{
	free(d->onts);
	free(d->order);
	d->onts = NULL;
	d->order = NULL;
	d->nonts = 0;
	d->have_health = d->have_backup = d->have_contract = false;
	d->nspark = 0;
}

/* Reads what the detail of the node k (the selection of m) shows. */
static void
load(struct console *c, struct detail *d, const struct tree_model *m, int w)
{
	const struct tree_row *r = tree_model_sel(m);
	const struct tree_olt *to;

	clear(d);
	if (r == NULL)
		return;
	to = tree_model_row_olt(m, r);
	switch (r->kind) {
	case NODE_OLT: {
		struct config_backup *bk = NULL;
		size_t nbk = 0;

		d->have_health = poll_health_load(c->st, &to->o, &d->health, NULL) == 1;
		if (store_backup_list(c->st, to->o.id, &bk, &nbk, NULL) == 0 && nbk > 0) {
			d->have_backup = true;
			d->backup_at = bk[0].taken_at;
			strlcpy_(d->backup_sha, bk[0].sha256, sizeof d->backup_sha);
		}
		free(bk);
		break;
	}
	case NODE_BOARD:
		break;
	case NODE_PORT:
		if (store_onts_on_port(c->st, to->o.id, tree_model_row_port(m, r)->p.port,
		    &d->onts, &d->nonts, NULL) == -1) {
			d->onts = NULL;
			d->nonts = 0;
		}
		order(d);
		break;
	case NODE_ONT: {
		const struct ont *o = tree_model_row_ont(m, r);
		int64_t now = console_now();

		d->have_contract = o->contract[0] && store_contract_by_code(c->st,
		    o->contract, &d->contract, NULL) == 1;
		d->nspark = spark_cols(w);
		for (int i = 0; i < d->nspark; i++)
			d->spark[i].rx_dbm = d->spark[i].olt_rx_dbm = NAN;
		if (d->nspark > 0)	/* a failed read leaves the sparkline blank */
			history_series(c->st, o->id, now - 86400, now + 1, d->spark,
			    (size_t)d->nspark, NULL);
		break;
	}
	}
}

/* Reads the detail again when the selection, the width or the data changed. */
void
detail_follow(struct console *c, struct detail *d, const struct tree_model *m, int w,
    bool force)
{
	struct tree_key k;

	tree_model_sel_key(m, &k);
	if (!force && d->loaded && tree_model_key_equal(&k, &d->key) && d->w == w)
		return;
	if (!d->loaded || !tree_model_key_equal(&k, &d->key))
		d->top = 0;
	load(c, d, m, w);
	d->key = k;
	d->w = w;
	d->loaded = true;
}

/* Frees the model. */
void
detail_free(struct detail *d)
{
	clear(d);
	d->loaded = false;
}

/* Scrolls the port table. */
void
detail_scroll(struct detail *d, long delta)
{
	long v = (long)d->top + delta;

	d->top = v < 0 ? 0 : (size_t)v;
}

/* `o`: by ONT id / worst signal first. */
void
detail_sort(struct detail *d)
{
	d->sort = !d->sort;
	d->top = 0;
	order(d);
}
