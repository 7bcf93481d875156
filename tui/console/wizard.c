/*
 * wizard.c — provisioning a discovered ONT, the ONT actions, and the
 * discovery read, as the technician sees them.
 *
 * Provisioning: the discovery list's Enter (or F3) opens a form (service
 * profile, contract); Enter asks a worker for a dry run, which picks the
 * first free ONT id on the port and shows the exact commands and their undo
 * (plan_preview); Enter then sends it for real, Esc leaves with nothing
 * sent.  The result screen says how it ended: verified by reading back, or
 * what failed, what was undone and what is left on the device.  While the
 * write runs, the screen lists each step as it goes out and comes back
 * (✔ done, ✖ failed, … in flight; + x . in ASCII), then each undo step in
 * reverse if one failed, then the verification: the worker publishes its
 * progress (console_writes.c) and the loop redraws when it changed; curses
 * sends only the cells that differ, so a step costs about one line.
 *
 * Actions on the selected ONT (reboot, disable, enable, delete, speed,
 * VLAN, move, replace serial) ask for what they need, then confirm with a
 * sentence saying exactly what will happen, and show their result on the
 * same screen.  One write at a time from the console.  UI thread only.
 */
#include "tui/console/console.h"

#include <curses.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/store.h"
#include "core/writes.h"
#include "lib/util.h"

/* Asks for a line of text in the function bar. */
void
console_prompt(struct console *c, void (*fn)(struct console *, const char *),
    const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(c->prompt_label, sizeof c->prompt_label, fmt, ap);
	va_end(ap);
	c->prompt_buf[0] = '\0';
	c->prompt_fn = fn;
	c->prompting = true;
}

/* Submits a copy of c->wz as a job and shows the running screen. */
static void
submit(struct console *c, const char *what)
{
	struct wjob *w;

	if (c->wz_job != NULL) {
		console_msg(c, true, "a write is already running: wait for its result");
		return;
	}
	w = xmalloc(sizeof *w);
	*w = c->wz;
	w->text = NULL;
	if (writes_job_submit(c, w) == 0) {
		wjob_free(w);
		console_msg(c, true, "could not queue the job");
		return;
	}
	c->wz_job = w;
	if (w->kind == WJ_DISCOVER) {
		console_msg(c, false, "%s", what);
		return;
	}
	c->wz_stage = w->kind == WJ_PREVIEW ? WZ_PREVIEWING : WZ_RUNNING;
	c->view = VIEW_WIZARD;
	if (w->kind != WJ_PREVIEW && w->kind != WJ_PROVISION)
		snprintf(c->wz_title, sizeof c->wz_title, "%s", what);
}

/* Opens the provisioning form for the selected discovered ONT. */
void
wizard_open(struct console *c)
{
	const struct discovered_ont *d;

	if (c->view != VIEW_DISCOVER || c->ndisc == 0) {
		console_msg(c, true, "provisioning starts from a discovered ONT: F2, then Enter");
		return;
	}
	d = &c->disc[c->disc_sel];
	memset(&c->wz, 0, sizeof c->wz);
	c->wz.kind = WJ_PREVIEW;
	c->wz.ont_id = -1;
	for (size_t i = 0; i < c->tree.nolts; i++)
		if (c->tree.olts[i].o.id == d->olt_id)
			strlcpy_(c->wz.olt, c->tree.olts[i].o.name, sizeof c->wz.olt);
	strlcpy_(c->wz.port, d->port, sizeof c->wz.port);
	strlcpy_(c->wz.sn, d->sn, sizeof c->wz.sn);
	strlcpy_(c->wz.model, d->model, sizeof c->wz.model);
	free(c->profiles);
	c->profiles = NULL;
	c->nprofiles = c->wz_prof = 0;
	store_profile_list(c->st, &c->profiles, &c->nprofiles, NULL);
	for (size_t i = 0; i < c->tree.nolts; i++)	/* a profile named for the vendor first */
		if (c->tree.olts[i].o.id == d->olt_id)
			for (size_t k = 0; k < c->nprofiles; k++)
				if (str_startswith(c->profiles[k].name,
				    c->tree.olts[i].o.driver)) {
					c->wz_prof = k;
					break;
				}
	free(c->wz_text);
	c->wz_text = NULL;
	c->wz_top = 0;
	c->wz_stage = WZ_FORM;
	snprintf(c->wz_title, sizeof c->wz_title, "Provision %s on %s %s", c->wz.sn,
	    c->wz.olt, c->wz.port);
	c->view = VIEW_WIZARD;
}

/* Draws text lines from wz_text, scrolled. */
static void
draw_text(struct console *c, int y, int x, int h, int w)
{
	const char *p = c->wz_text ? c->wz_text : "";
	size_t line = 0;
	int row = 0;

	while (*p != '\0' && row < h) {
		size_t n = strcspn(p, "\n");
		char buf[512];

		snprintf(buf, sizeof buf, "%.*s", (int)(n < 500 ? n : 500), p);
		/* long lines (a device's refusal) wrap rather than vanish */
		for (const char *q = buf; *q != '\0' || q == buf; ) {
			int first = q == buf, room = first ? w : w - 2;
			int len = (int)strlen(q), cut = len > room ? room : len;
			char part[512];

			if (room <= 0)
				break;
			if (line++ >= c->wz_top && row < h) {
				snprintf(part, sizeof part, "%s%.*s", first ? "" : "  ", cut, q);
				ui_put(c, y + row++, x, w, str_startswith(buf, "LEFT ON") ?
				    R_CRIT : R_NORMAL, part);
			}
			q += cut;
			if (cut == 0)
				break;
		}
		p += n;
		if (*p == '\n')
			p++;
	}
}

/* True when the running write reported progress not drawn yet. */
bool
wizard_progress_changed(struct console *c)
{
	return c->wz_job != NULL && c->wz_job->prog != NULL &&
	    wjob_progress_gen(c->wz_job) != c->wz_seen;
}

/* The glyph of a progress row's state: UTF-8 or ASCII. */
static const char *
state_glyph(const struct console *c, int state)
{
	bool u = c->lines == LINES_UTF8;

	if (state == WPS_OK)
		return u ? "\u2714" : "+";
	if (state == WPS_FAILED)
		return u ? "\u2716" : "x";
	return u ? "\u2026" : ".";
}

/* Formats one progress row into line (the words after the glyph). */
static void
row_text(const struct console *c, const struct wjob_row *r, char *line, size_t n)
{
	double s = (double)r->ms / 1000.0;

	switch (r->phase) {
	case WP_CONNECT:
		if (r->state == WPS_FAILED)
			snprintf(line, n, "could not connect to %s: %s", c->wz.olt, r->text);
		else
			snprintf(line, n, "connected to %s (%zu step%s)   %.1f s", c->wz.olt,
			    r->count, r->count == 1 ? "" : "s", s);
		break;
	case WP_STEP:
		if (r->state == WPS_SENDING)
			snprintf(line, n, "step %zu/%zu  %s", r->step, r->count, r->cmd);
		else if (r->state == WPS_FAILED)
			snprintf(line, n, "step %zu/%zu  %s   %.1f s: %s", r->step, r->count,
			    r->cmd, s, r->text);
		else
			snprintf(line, n, "step %zu/%zu  %s   %.1f s", r->step, r->count,
			    r->cmd, s);
		break;
	case WP_UNDO:
		if (r->state == WPS_FAILED)
			snprintf(line, n, "undo of step %zu  %s   %.1f s: %s", r->step, r->cmd,
			    s, r->text);
		else if (r->state == WPS_OK)
			snprintf(line, n, "undo of step %zu  %s   %.1f s", r->step, r->cmd, s);
		else
			snprintf(line, n, "undo of step %zu  %s", r->step, r->cmd);
		break;
	case WP_VERIFY:
		if (r->state == WPS_SENDING)
			snprintf(line, n, "verifying: reading the ONT back");
		else
			snprintf(line, n, "verification: %s   %.1f s", r->text, s);
		break;
	default:
		snprintf(line, n, "%s   %.1f s", r->text, s);
		break;
	}
}

/* Draws the running write's progress in rows [y, y + h): the newest rows
   that fit, then the steps not sent yet. */
static void
draw_progress(struct console *c, int y, int x, int h, int w)
{
	struct wjob_view v;
	size_t pending, first = 0, i;
	int row = 0;
	char line[512];

	wjob_progress_copy(c->wz_job, &v);
	c->wz_seen = v.gen;
	if (h <= 0)
		return;
	if (v.nrows == 0) {
		ui_putf(c, y, x, w, R_MUTED, "%s connecting to %s...", state_glyph(c, WPS_SENDING),
		    c->wz.olt);
		return;
	}
	pending = v.next > 0 ? v.count - v.next + 1 : 0;
	if (v.nrows + pending > (size_t)h)	/* the newest rows win */
		first = v.nrows > (size_t)h ? v.nrows - (size_t)h : 0;
	for (i = first; i < v.nrows && row < h; i++) {
		const struct wjob_row *r = &v.rows[i];

		if (r->phase == WP_DONE)
			continue;	/* the result screen, a moment later, says it */

		row_text(c, r, line, sizeof line);
		ui_putf(c, y + row++, x, w, r->state == WPS_FAILED ? R_CRIT :
		    r->state == WPS_OK ? R_OK : R_MESSAGE, "%s %s", state_glyph(c, r->state),
		    line);
	}
	for (i = v.next; pending > 0 && i <= v.count && row < h; i++)
		ui_putf(c, y + row++, x, w, R_MUTED, "  step %zu/%zu  waiting", i, v.count);
}

/* Draws the wizard / result view. */
void
wizard_draw(struct console *c, int y, int x, int h, int w)
{
	int row = y + 1, in = w - 4;

	ui_box(c, y, x, h, w, true, c->wz_title, NULL);
	for (int i = 1; i < h - 1; i++)
		ui_fill(c, y + i, x + 1, w - 2, R_NORMAL);
	switch (c->wz_stage) {
	case WZ_FORM: {
		const struct profile *pf = c->nprofiles ? &c->profiles[c->wz_prof] : NULL;

		ui_putf(c, row++, x + 2, in, R_NORMAL, "serial    %s  %s", c->wz.sn, c->wz.model);
		ui_putf(c, row++, x + 2, in, R_NORMAL, "OLT       %s  port %s  (first free ONT id)",
		    c->wz.olt, c->wz.port);
		if (pf != NULL)
			ui_putf(c, row++, x + 2, in, R_NORMAL, "profile   < %s >  vlan %d  %d/%d Mbps"
			    "  (Left/Right)", pf->name, pf->vlan, pf->down_mbps, pf->up_mbps);
		else
			ui_put(c, row++, x + 2, in, R_CRIT, "profile   none stored: add one with "
			    "`oltui profile add NAME --vlan N ...`");
		ui_putf(c, row++, x + 2, in, R_INPUT, "contract  %s_", c->wz.contract);
		ui_put(c, row++, x + 2, in, R_MUTED, "          (type the code; optional)");
		row++;
		ui_put(c, row, x + 2, in, R_NORMAL, "Enter preview the exact commands   Esc cancel");
		break;
	}
	case WZ_PREVIEWING:
		ui_put(c, row, x + 2, in, R_MESSAGE, "reading the port to pick a free ONT id and "
		    "building the plan (nothing is changed)...");
		break;
	case WZ_PREVIEW:
		ui_putf(c, row++, x + 2, in, R_LABEL, "ONT id %d on %s %s: the commands, then their "
		    "undo", c->wz.ont_id, c->wz.olt, c->wz.port);
		draw_text(c, row, x + 2, h - 5, in);
		ui_put(c, y + h - 2, x + 2, in, R_NORMAL, "Enter send   Esc cancel (nothing sent)"
		    "   Up/Down scroll");
		break;
	case WZ_RUNNING:
		ui_put(c, row++, x + 2, in, R_MESSAGE, "sending, step by step; each step is checked "
		    "and audited, a failed step is undone...");
		draw_progress(c, row + 1, x + 2, h - 5, in);
		ui_put(c, y + h - 2, x + 2, in, R_MUTED, "a write is never interrupted half-way");
		break;
	case WZ_RESULT:
		draw_text(c, row, x + 2, h - 4, in);
		ui_put(c, y + h - 2, x + 2, in, R_NORMAL, "q close   a audit trail   Up/Down scroll");
		break;
	}
}

/* A key while the wizard view is open. */
void
wizard_key(struct console *c, int key)
{
	size_t n = strlen(c->wz.contract);

	if (c->wz_stage == WZ_FORM) {
		if (key == 27 || key == KEY_F(10)) {
			c->view = VIEW_DISCOVER;
		} else if (key == KEY_LEFT || key == KEY_RIGHT) {
			if (c->nprofiles)
				c->wz_prof = (c->wz_prof + (key == KEY_LEFT ? c->nprofiles - 1 : 1)) %
				    c->nprofiles;
		} else if (key == '\n' || key == '\r' || key == KEY_ENTER) {
			if (c->nprofiles == 0) {
				console_msg(c, true, "no service profile: add one first (oltui profile add)");
				return;
			}
			strlcpy_(c->wz.profile, c->profiles[c->wz_prof].name, sizeof c->wz.profile);
			c->wz.kind = WJ_PREVIEW;
			c->wz.ont_id = -1;
			submit(c, "preview");
		} else if (key == KEY_BACKSPACE || key == 127 || key == 8) {
			if (n > 0)
				c->wz.contract[n - 1] = '\0';
		} else if (key > 0x20 && key < 0x7f && n + 1 < sizeof c->wz.contract) {
			c->wz.contract[n] = (char)key;
			c->wz.contract[n + 1] = '\0';
		}
		return;
	}
	if (key == KEY_UP || key == 'k') {
		if (c->wz_top > 0)
			c->wz_top--;
		return;
	}
	if (key == KEY_DOWN || key == 'j') {
		c->wz_top++;
		return;
	}
	switch (c->wz_stage) {
	case WZ_PREVIEW:
		if (key == '\n' || key == '\r' || key == KEY_ENTER) {
			c->wz.kind = WJ_PROVISION;
			submit(c, "provision");
		} else if (key == 27 || key == 'q') {
			c->view = VIEW_DISCOVER;
			console_msg(c, false, "cancelled: nothing was sent");
		}
		break;
	case WZ_RESULT:
		if (key == 'q' || key == 27 || key == '\n' || key == '\r') {
			c->view = VIEW_MAIN;
			if (c->wz.kind == WJ_PROVISION && c->wz_job == NULL)
				tree_jump_sn(c, c->wz.sn);
		} else if (key == 'a') {
			c->view = VIEW_MAIN;
			tree_jump_sn(c, c->wz.sn);
			audit_open(c);
		}
		break;
	default:
		if (key == 'Q')
			keys_dispatch(c, 'Q');
		break;
	}
}

/* The write or discovery job ended. */
void
wizard_event(struct console *c, int ok)
{
	struct wjob *w = c->wz_job;

	if (w == NULL)
		return;
	c->wz_job = NULL;
	free(c->wz_text);
	c->wz_text = w->text;
	w->text = NULL;
	c->wz_top = 0;
	console_reload(c);
	if (w->kind == WJ_DISCOVER) {
		char line[256];
		size_t k = 0;

		/* the count and every OLT that failed, on the message line */
		for (const char *p = c->wz_text; *p != '\0' && k + 4 < sizeof line; p++)
			line[k++] = *p == '\n' ? ';' : *p;
		while (k > 0 && line[k - 1] == ';')
			k--;
		line[k] = '\0';
		discover_open(c);
		console_msg(c, !ok, "%s", line);
	} else if (w->kind == WJ_PREVIEW && ok) {
		c->wz.ont_id = w->picked_id;
		c->wz_stage = WZ_PREVIEW;
	} else {
		c->wz_stage = WZ_RESULT;
		if (w->kind == WJ_PREVIEW)
			snprintf(c->wz_title, sizeof c->wz_title, "Preview failed: %s on %s %s",
			    c->wz.sn, c->wz.olt, c->wz.port);
	}
	wjob_free(w);
}

/* R in the discovery list: reads autofind on every OLT. */
void
discover_read(struct console *c)
{
	memset(&c->wz, 0, sizeof c->wz);
	c->wz.kind = WJ_DISCOVER;
	submit(c, "reading autofind on every OLT...");
}

/* ---- ONT actions ---- */

static void
act_go(struct console *c)
{
	static const char *const verbs[] = {
		[WJ_REBOOT] = "Reboot", [WJ_ENABLE] = "Enable", [WJ_DISABLE] = "Disable",
		[WJ_DELETE] = "Delete", [WJ_SPEED] = "Speed", [WJ_VLAN] = "VLAN",
		[WJ_MOVE] = "Move", [WJ_REPLACE] = "Replace",
	};
	char what[128];

	snprintf(what, sizeof what, "%s %s on %s %s ONT %d", verbs[c->wz.kind], c->wz.sn,
	    c->wz.olt, c->wz.port, c->wz.ont_id);
	submit(c, what);
}

/* Who is affected, for the confirmation sentence. */
static const char *
customer(struct console *c)
{
	return c->wz.contract[0] ? c->wz.contract : "no contract linked";
}

static void
got_speed(struct console *c, const char *s)
{
	long d, u;
	char *slash = strchr(s, '/');

	if (slash == NULL || (*slash = '\0', parse_long(s, 1, 100000, &d)) != 0 ||
	    parse_long(slash + 1, 1, 100000, &u) != 0) {
		console_msg(c, true, "speed: want DOWN/UP in Mbps, e.g. 300/100");
		return;
	}
	c->wz.down = (int)d, c->wz.up = (int)u;
	console_confirm(c, act_go, "Change %s (%s) to %ld/%ld Mbps? Its service restarts.",
	    c->wz.sn, customer(c), d, u);
}

static void
got_vlan(struct console *c, const char *s)
{
	long v;

	if (parse_long(s, 1, 4094, &v) != 0) {
		console_msg(c, true, "vlan: must be a whole number from 1 to 4094");
		return;
	}
	c->wz.vlan = (int)v;
	console_confirm(c, act_go, "Move %s (%s) to VLAN %ld? Its service is re-created on "
	    "the new VLAN.", c->wz.sn, customer(c), v);
}

static void
got_port(struct console *c, const char *s)
{
	int a, b, p;

	if (sscanf(s, "%d/%d/%d", &a, &b, &p) != 3 || strlen(s) >= sizeof c->wz.new_port) {
		console_msg(c, true, "move: want the new port as F/S/P, e.g. 0/1/3");
		return;
	}
	strlcpy_(c->wz.new_port, s, sizeof c->wz.new_port);
	console_confirm(c, act_go, "Move %s (%s) from %s to %s? It is deleted here and "
	    "provisioned there with the same configuration.", c->wz.sn, customer(c),
	    c->wz.port, s);
}

static void
got_sn(struct console *c, const char *s)
{
	if (strlen(s) < 12 || strlen(s) > 16) {
		console_msg(c, true, "replace: a serial is 12 characters (HWTC1A2B3C4D) or 16 hex digits");
		return;
	}
	strlcpy_(c->wz.new_sn, s, sizeof c->wz.new_sn);
	console_confirm(c, act_go, "Replace %s by %s on %s %s ONT %d (%s)? Same configuration, "
	    "new serial.", c->wz.sn, s, c->wz.olt, c->wz.port, c->wz.ont_id, customer(c));
}

/* Starts action k on the selected ONT: asks, confirms, runs. */
void
action_run(struct console *c, enum wjob_kind k)
{
	struct ont *o = console_sel_ont(c);
	struct tree_olt *to = console_sel_olt(c);

	if (o == NULL || to == NULL || c->view != VIEW_MAIN) {
		console_msg(c, true, "select an ONT in the tree first");
		return;
	}
	if (c->wz_job != NULL) {
		console_msg(c, true, "a write is already running: wait for its result");
		return;
	}
	memset(&c->wz, 0, sizeof c->wz);
	c->wz.kind = k;
	strlcpy_(c->wz.olt, to->o.name, sizeof c->wz.olt);
	strlcpy_(c->wz.port, o->port, sizeof c->wz.port);
	c->wz.ont_id = o->ont_id;
	strlcpy_(c->wz.sn, o->sn, sizeof c->wz.sn);
	strlcpy_(c->wz.contract, o->contract, sizeof c->wz.contract);
	switch (k) {
	case WJ_REBOOT:
		console_confirm(c, act_go, "Reboot %s on %s %s ONT %d (%s)? Service drops for "
		    "about 2 minutes.", o->sn, to->o.name, o->port, o->ont_id, customer(c));
		break;
	case WJ_DISABLE:
		console_confirm(c, act_go, "Disable %s on %s %s ONT %d (%s)? No service until "
		    "enabled again (e).", o->sn, to->o.name, o->port, o->ont_id, customer(c));
		break;
	case WJ_ENABLE:
		console_confirm(c, act_go, "Enable %s on %s %s ONT %d (%s)?", o->sn, to->o.name,
		    o->port, o->ont_id, customer(c));
		break;
	case WJ_DELETE:
		console_confirm(c, act_go, "DELETE %s from %s %s ONT %d (%s)? Its configuration "
		    "and service ports are removed.", o->sn, to->o.name, o->port, o->ont_id,
		    customer(c));
		break;
	case WJ_SPEED:
		console_prompt(c, got_speed, "new speed for %s, DOWN/UP Mbps: ", o->sn);
		break;
	case WJ_VLAN:
		console_prompt(c, got_vlan, "new VLAN for %s (1-4094): ", o->sn);
		break;
	case WJ_MOVE:
		console_prompt(c, got_port, "move %s to port (F/S/P): ", o->sn);
		break;
	case WJ_REPLACE:
		console_prompt(c, got_sn, "serial replacing %s: ", o->sn);
		break;
	default:
		break;
	}
}
