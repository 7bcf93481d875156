/*
 * wizard.c — provisioning a discovered ONT, the ONT actions, and the
 * discovery read, as the technician sees them.
 *
 * Provisioning: the discovery list's Enter (or F3) opens a form (service
 * profile, contract); Enter checks the contract is known (an unknown one is
 * refused there, before the OLT is asked anything), then asks a worker for
 * a dry run, which picks the first free ONT id on the port and shows the
 * exact commands and their undo (plan_preview); Enter then sends it for
 * real, Esc leaves with nothing sent.  The result screen says how it ended:
 * verified by reading back, or what failed, what was undone and what is
 * left on the device.  While the write runs, the screen lists each step as
 * it goes out and comes back (✔ done, ✖ failed, … in flight; + x . in
 * ASCII), then each undo step in reverse if one failed, then the
 * verification: the worker publishes its progress (console_writes.c) and
 * the loop redraws when it changed; curses sends only the cells that
 * differ, so a step costs about one line.
 *
 * Actions on the selected ONT (reboot, disable, enable, delete, speed,
 * VLAN, move, replace serial) ask for what they need, then confirm with a
 * sentence saying exactly what will happen, and show their progress and
 * result in the same pane.
 *
 * A change to an ONT's router (router_actions.c) opens as a dry run
 * (wizard_preview); Enter sends it (a factory reset asks once more), and
 * closing its result goes back to the router view.  The passphrase in the
 * wizard's copy of the request is wiped once sent, and at close.
 *
 * One write (or discovery) at a time from the console: the job in flight is
 * c->wjob, and its end (wizard_job_done) puts its result in the wizard
 * pane, or for a discovery shows the discovery list again.  The pane's
 * model is the request, the text of the preview or result, the service
 * profiles (read at open) and a copy of the write's progress taken when the
 * pool wakes the loop; drawing reads only those.  UI thread only.
 */
#include "tui/console/console.h"

#include <curses.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/ops_acs.h"
#include "core/store.h"
#include "core/writes.h"
#include "lib/util.h"

enum wizard_stage { WZ_FORM, WZ_PREVIEWING, WZ_PREVIEW, WZ_RUNNING, WZ_RESULT };

struct wizard {
	enum wizard_stage stage;
	struct wjob	 req;		/* the request shown and sent (no results) */
	char		*text;		/* preview or result text; owned */
	char		 title[128];
	size_t		 top;		/* first line of text shown */
	struct wjob_view prog;		/* the running write's progress, as last copied */
	struct profile	*profiles;	/* the form's service profiles */
	size_t		 nprofiles, prof;	/* how many, the one chosen */
};

/* A dry run: the provisioning's, or a router change's. */
static bool
is_preview(enum wjob_kind k)
{
	return k == WJ_PREVIEW || k == WJ_ACS_PREVIEW;
}

/* Where the write goes, for the progress lines. */
static const char *
target(const struct wizard *s)
{
	return s->req.kind == WJ_ACS ? "the ACS" : s->req.olt;
}

/* Starts a copy of req as the console's job in flight.  0, or -1 and a
   message (a write is running already, or the pool refused it). */
static int
submit(struct console *c, const struct wjob *req)
{
	struct wjob *w;

	if (c->wjob != NULL) {
		console_msg(c, true, "a write is already running: wait for its result");
		return -1;
	}
	w = xmalloc(sizeof *w);
	*w = *req;
	w->text = NULL;
	w->prog = NULL;
	if (writes_job_submit(c, w) == 0) {
		wjob_free(w);
		console_msg(c, true, "could not queue the job");
		return -1;
	}
	c->wjob = w;
	return 0;
}

/* The provisioning form for the discovered ONT d. */
static void
form_open(struct console *c, struct wizard *s, const struct discovered_ont *d)
{
	const struct tree_olt *to = tree_model_olt(main_pane_fleet(c), d->olt_id);

	wizard_provision_request(d, to != NULL ? to->o.name : "", NULL, NULL, &s->req);
	store_profile_list(c->st, &s->profiles, &s->nprofiles, NULL);
	for (size_t k = 0; to != NULL && k < s->nprofiles; k++)	/* the vendor's first */
		if (str_startswith(s->profiles[k].name, to->o.driver)) {
			s->prof = k;
			break;
		}
	s->stage = WZ_FORM;
	snprintf(s->title, sizeof s->title, "Provision %s on %s %s", s->req.sn,
	    s->req.olt, s->req.port);
}

/* Opens the form (arg->disc) or the running write arg->job. */
static void *
wizard_open(struct console *c, const void *arg)
{
	const struct wizard_arg *a = arg;
	struct wizard *s = xcalloc(1, sizeof *s);

	if (a->disc != NULL) {
		form_open(c, s, a->disc);
		return s;
	}
	s->req = *a->job;
	s->req.text = NULL;
	s->req.prog = NULL;
	s->stage = is_preview(a->job->kind) ? WZ_PREVIEWING : WZ_RUNNING;
	snprintf(s->title, sizeof s->title, "%s", a->title != NULL ? a->title : "");
	wjob_progress_copy(c->wjob, &s->prog);
	return s;
}

/* Frees the state (a job in flight stays c->wjob's). */
static void
wizard_close(struct console *c, struct pane *p)
{
	struct wizard *s = p->state;

	(void)c;
	wjob_wipe(&s->req);
	free(s->text);
	free(s->profiles);
	free(s);
}

/* Draws the lines of the preview or result text, scrolled by rows: a long
   line (a command with its undo, a device's refusal) wraps at spaces with
   its continuation indented, never mid-word (wrap_line). */
static void
draw_text(struct console *c, const struct wizard *s, int y, int x, int h, int w)
{
	const char *p = s->text ? s->text : "";
	size_t line = 0;
	int row = 0;

	while (*p != '\0' && row < h) {
		size_t n = strcspn(p, "\n"), k, nr;
		struct wrap_row wr[32];
		enum ui_role r = str_startswith(p, "LEFT ON") ? R_CRIT : R_NORMAL;

		nr = wrap_line(p, n, w, -1, wr, sizeof wr / sizeof wr[0]);
		for (k = 0; k < nr && k < sizeof wr / sizeof wr[0] && row < h; k++)
			if (line++ >= s->top)
				ui_putf(c, y + row++, x, w, r, "%*s%.*s", wr[k].indent, "",
				    (int)wr[k].len, p + wr[k].off);
		p += n;
		if (*p == '\n')
			p++;
	}
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
row_text(const struct wizard *s, const struct wjob_row *r, char *line, size_t n)
{
	double sec = (double)r->ms / 1000.0;

	switch (r->phase) {
	case WP_CONNECT:
		if (r->state == WPS_FAILED)
			snprintf(line, n, "could not connect to %s: %s", target(s), r->text);
		else
			snprintf(line, n, "connected to %s (%zu step%s)   %.1f s", target(s),
			    r->count, r->count == 1 ? "" : "s", sec);
		break;
	case WP_STEP:
		if (r->state == WPS_SENDING)
			snprintf(line, n, "step %zu/%zu  %s", r->step, r->count, r->cmd);
		else if (r->state == WPS_FAILED)
			snprintf(line, n, "step %zu/%zu  %s   %.1f s: %s", r->step, r->count,
			    r->cmd, sec, r->text);
		else
			snprintf(line, n, "step %zu/%zu  %s   %.1f s", r->step, r->count,
			    r->cmd, sec);
		break;
	case WP_UNDO:
		if (r->state == WPS_FAILED)
			snprintf(line, n, "undo of step %zu  %s   %.1f s: %s", r->step, r->cmd,
			    sec, r->text);
		else if (r->state == WPS_OK)
			snprintf(line, n, "undo of step %zu  %s   %.1f s", r->step, r->cmd, sec);
		else
			snprintf(line, n, "undo of step %zu  %s", r->step, r->cmd);
		break;
	case WP_VERIFY:
		if (r->state == WPS_SENDING)
			snprintf(line, n, "verifying: reading the %s back",
			    s->req.kind == WJ_ACS ? "router" : "ONT");
		else
			snprintf(line, n, "verification: %s   %.1f s", r->text, sec);
		break;
	default:
		snprintf(line, n, "%s   %.1f s", r->text, sec);
		break;
	}
}

/* Draws the running write's progress in rows [y, y + h): the newest rows
   that fit, then the steps not sent yet. */
static void
draw_progress(struct console *c, const struct wizard *s, int y, int x, int h, int w)
{
	const struct wjob_view *v = &s->prog;
	size_t pending, first = 0, i;
	int row = 0;
	char line[512];

	if (h <= 0)
		return;
	if (v->nrows == 0) {
		ui_putf(c, y, x, w, R_MUTED, "%s connecting to %s...", state_glyph(c, WPS_SENDING),
		    target(s));
		return;
	}
	pending = v->next > 0 ? v->count - v->next + 1 : 0;
	if (v->nrows + pending > (size_t)h)	/* the newest rows win */
		first = v->nrows > (size_t)h ? v->nrows - (size_t)h : 0;
	for (i = first; i < v->nrows && row < h; i++) {
		const struct wjob_row *r = &v->rows[i];

		if (r->phase == WP_DONE)
			continue;	/* the result screen, a moment later, says it */

		row_text(s, r, line, sizeof line);
		ui_putf(c, y + row++, x, w, r->state == WPS_FAILED ? R_CRIT :
		    r->state == WPS_OK ? R_GOOD : R_MESSAGE, "%s %s", state_glyph(c, r->state),
		    line);
	}
	for (i = v->next; pending > 0 && i <= v->count && row < h; i++)
		ui_putf(c, y + row++, x, w, R_MUTED, "  step %zu/%zu  waiting", i, v->count);
}

/* Draws the form, the preview, the progress or the result. */
static void
wizard_draw(struct console *c, struct pane *p, int y, int x, int h, int w)
{
	struct wizard *s = p->state;
	int row = y + 1, in = w - 4;

	ui_box(c, y, x, h, w, true, s->title, NULL);
	for (int i = 1; i < h - 1; i++)
		ui_fill(c, y + i, x + 1, w - 2, R_NORMAL);
	switch (s->stage) {
	case WZ_FORM: {
		const struct profile *pf = s->nprofiles ? &s->profiles[s->prof] : NULL;

		ui_putf(c, row++, x + 2, in, R_NORMAL, "serial    %s  %s", s->req.sn,
		    s->req.model);
		ui_putf(c, row++, x + 2, in, R_NORMAL, "OLT       %s  port %s  (first free ONT id)",
		    s->req.olt, s->req.port);
		if (pf != NULL)
			ui_putf(c, row++, x + 2, in, R_NORMAL, "profile   < %s >  vlan %d  %d/%d Mbps"
			    "  (Left/Right)", pf->name, pf->vlan, pf->down_mbps, pf->up_mbps);
		else
			ui_put(c, row++, x + 2, in, R_CRIT, "profile   none stored: add one with "
			    "`oltui profile add NAME --vlan N ...`");
		ui_putf(c, row++, x + 2, in, R_INPUT, "contract  %s_", s->req.contract);
		ui_put(c, row++, x + 2, in, R_MUTED, "          (type the code; optional)");
		row++;
		ui_put(c, row, x + 2, in, R_NORMAL, "Enter preview the exact commands   Esc cancel");
		break;
	}
	case WZ_PREVIEWING:
		if (s->req.kind == WJ_ACS_PREVIEW)
			ui_put(c, row, x + 2, in, R_MESSAGE, "reading the router's values through "
			    "the ACS and building the plan (nothing is changed)...");
		else
			ui_put(c, row, x + 2, in, R_MESSAGE, "reading the port to pick a free ONT "
			    "id and building the plan (nothing is changed)...");
		break;
	case WZ_PREVIEW:
		if (s->req.kind == WJ_ACS_PREVIEW)
			ui_put(c, row++, x + 2, in, R_LABEL, "what the ACS will be asked to do, "
			    "and the undo (nothing sent yet):");
		else
			ui_putf(c, row++, x + 2, in, R_LABEL, "ONT id %d on %s %s: the commands, "
			    "then their undo", s->req.ont_id, s->req.olt, s->req.port);
		draw_text(c, s, row, x + 2, h - 5, in);
		ui_put(c, y + h - 2, x + 2, in, R_NORMAL, "Enter send   Esc cancel (nothing sent)"
		    "   Up/Down scroll");
		break;
	case WZ_RUNNING:
		ui_put(c, row++, x + 2, in, R_MESSAGE, s->req.kind == WJ_ACS ? "sending through "
		    "the ACS, which asks the router to connect now; each task is audited..." :
		    "sending, step by step; each step is checked and audited, a failed step "
		    "is undone...");
		draw_progress(c, s, row + 1, x + 2, h - 5, in);
		ui_put(c, y + h - 2, x + 2, in, R_MUTED, "a write is never interrupted half-way");
		break;
	case WZ_RESULT:
		draw_text(c, s, row, x + 2, h - 4, in);
		ui_put(c, y + h - 2, x + 2, in, R_NORMAL, "q close   a audit trail   Up/Down scroll");
		break;
	}
}

/* A key in the form: the profile, the contract code, Enter previews. */
static void
form_key(struct console *c, struct wizard *s, int key)
{
	size_t n = strlen(s->req.contract);

	if (key == 27 || key == KEY_F(10)) {
		pane_pop(c);	/* back to the discovery list; s is gone */
	} else if (key == KEY_LEFT || key == KEY_RIGHT) {
		if (s->nprofiles)
			s->prof = (s->prof + (key == KEY_LEFT ? s->nprofiles - 1 : 1)) %
			    s->nprofiles;
	} else if (key == '\n' || key == '\r' || key == KEY_ENTER) {
		if (s->nprofiles == 0) {
			console_msg(c, true, "no service profile: add one first (oltui profile add)");
			return;
		}
		if (!contract_link_known(c, s->req.contract))
			return;		/* refused at the form: nothing asked of the OLT */
		{
			struct discovered_ont d = { 0 };

			strlcpy_(d.port, s->req.port, sizeof d.port);
			strlcpy_(d.sn, s->req.sn, sizeof d.sn);
			strlcpy_(d.model, s->req.model, sizeof d.model);
			wizard_provision_request(&d, s->req.olt, s->profiles[s->prof].name,
			    s->req.contract, &s->req);
		}
		if (submit(c, &s->req) == 0)
			s->stage = WZ_PREVIEWING;
	} else if (key == KEY_BACKSPACE || key == 127 || key == 8) {
		if (n > 0)
			s->req.contract[n - 1] = '\0';
	} else if (key > 0x20 && key < 0x7f && n + 1 < sizeof s->req.contract) {
		s->req.contract[n] = (char)key;
		s->req.contract[n + 1] = '\0';
	}
}

/* Sends the previewed request: the provisioning, or the router change. */
static void
send_request(struct console *c, struct wizard *s)
{
	s->req.kind = s->req.kind == WJ_ACS_PREVIEW ? WJ_ACS : WJ_PROVISION;
	if (submit(c, &s->req) == 0) {
		s->stage = WZ_RUNNING;
		memset(&s->prog, 0, sizeof s->prog);
	} else {
		s->req.kind = s->req.kind == WJ_ACS ? WJ_ACS_PREVIEW : WJ_PREVIEW;
	}
	if (s->req.kind == WJ_ACS)
		wjob_wipe(&s->req);	/* the job holds its own copy */
}

/* y to the last question of a factory reset: sends it. */
static void
send_confirmed(struct console *c)
{
	struct pane *p = pane_top(c);

	if (p == NULL || p->ops != &wizard_ops)
		return;
	((struct wizard *)p->state)->req.acs.factory_confirmed = true;
	send_request(c, p->state);
}

/* A key on the result: close (selecting a new ONT), or its audit trail. */
static void
result_key(struct console *c, struct wizard *s, int key)
{
	char sn[sizeof s->req.sn];
	bool provisioned = s->req.kind == WJ_PROVISION && c->wjob == NULL;

	strlcpy_(sn, s->req.sn, sizeof sn);	/* s goes with the pane */
	if (s->req.kind == WJ_ACS || s->req.kind == WJ_ACS_PREVIEW) {
		if (key == 'q' || key == 27 || key == '\n' || key == '\r')
			pane_pop(c);	/* back to the router view */
		else if (key == 'a') {
			main_pane_jump_sn(c, sn);
			pane_show(c, &audit_pane_ops, NULL);
		}
		return;
	}
	if (key == 'q' || key == 27 || key == '\n' || key == '\r') {
		pane_pop_to_main(c);
		if (provisioned)
			main_pane_jump_sn(c, sn);
	} else if (key == 'a') {
		main_pane_jump_sn(c, sn);
		pane_show(c, &audit_pane_ops, NULL);
	}
}

/* Every key while the wizard is open, except Q while a job runs. */
static bool
wizard_key(struct console *c, struct pane *p, int key, const struct cmd *cmd,
    const char *arg)
{
	struct wizard *s = p->state;

	(void)cmd, (void)arg;
	if (s->stage == WZ_FORM) {
		form_key(c, s, key);
		return true;
	}
	if (key == KEY_UP || key == 'k') {
		if (s->top > 0)
			s->top--;
		return true;
	}
	if (key == KEY_DOWN || key == 'j') {
		s->top++;
		return true;
	}
	switch (s->stage) {
	case WZ_PREVIEW:
		if (key == '\n' || key == '\r' || key == KEY_ENTER) {
			if (s->req.kind == WJ_ACS_PREVIEW &&
			    s->req.acs.change == ACS_CH_FACTORY_RESET) {
				char q[sizeof c->confirm_text];

				router_action_last_question(&s->req, q, sizeof q);
				console_confirm(c, send_confirmed, "%s", q);
				return true;
			}
			if (s->req.kind == WJ_PREVIEW &&
			    !contract_link_known(c, s->req.contract))
				return true;	/* removed since the preview: nothing sent */
			send_request(c, s);
		} else if (key == 27 || key == 'q') {
			pane_pop(c);
			console_msg(c, false, "cancelled: nothing was sent");
		}
		return true;
	case WZ_RESULT:
		result_key(c, s, key);
		return true;
	default:
		return key != 'Q';	/* Q: the command table asks to quit */
	}
}

/* The pool woke the loop: copies the running write's progress if it moved. */
static unsigned
wizard_event(struct console *c, struct pane *p, const struct pool_event *ev)
{
	struct wizard *s = p->state;

	if (ev != NULL || s->stage != WZ_RUNNING || c->wjob == NULL ||
	    wjob_progress_gen(c->wjob) == s->prog.gen)
		return 0;
	wjob_progress_copy(c->wjob, &s->prog);
	return PANE_REDRAW;
}

const struct pane_ops wizard_ops = {
	.name = "wizard",
	.open = wizard_open,
	.close = wizard_close,
	.draw = wizard_draw,
	.key = wizard_key,
	.event = wizard_event,
};

/* The discovery's count and every OLT that failed, on one line. */
static void
discovery_line(const char *text, char *line, size_t size)
{
	size_t k = 0;

	for (const char *p = text != NULL ? text : ""; *p != '\0' && k + 4 < size; p++)
		line[k++] = *p == '\n' ? ';' : *p;
	while (k > 0 && line[k - 1] == ';')
		k--;
	line[k] = '\0';
}

/* The job in flight ended. */
void
wizard_job_done(struct console *c, bool ok)
{
	struct wjob *w = c->wjob;
	struct pane *p;

	if (w == NULL)
		return;
	c->wjob = NULL;
	if (w->kind == WJ_DISCOVER) {
		char line[256];

		discovery_line(w->text, line, sizeof line);
		pane_show(c, &discover_ops, NULL);
		console_msg(c, !ok, "%s", line);
	} else if ((p = pane_find(c, &wizard_ops)) != NULL) {
		struct wizard *s = p->state;

		free(s->text);
		s->text = w->text;
		w->text = NULL;
		s->top = 0;
		if (is_preview(w->kind) && ok && !w->acs.unchanged) {
			if (w->kind == WJ_PREVIEW)
				s->req.ont_id = w->picked_id;
			s->stage = WZ_PREVIEW;
		} else {
			s->stage = WZ_RESULT;
			if (w->kind == WJ_PREVIEW)
				snprintf(s->title, sizeof s->title, "Preview failed: %s on %s %s",
				    s->req.sn, s->req.olt, s->req.port);
			else if (w->kind == WJ_ACS_PREVIEW && !w->acs.unchanged)
				snprintf(s->title, sizeof s->title, "Preview failed: the router "
				    "of %s", s->req.sn);
		}
	}
	wjob_free(w);
	c->dirty = true;
}

/* Starts the dry run of req in the wizard, over the top pane. */
int
wizard_preview(struct console *c, const struct wjob *req, const char *title)
{
	if (submit(c, req) == -1)
		return -1;
	/* no room for the view: the dry run ends unseen; nothing is sent */
	return pane_push(c, &wizard_ops, &(struct wizard_arg){ .job = c->wjob,
	    .title = title });
}

/* R in the discovery list: reads autofind on every OLT. */
void
wizard_discover(struct console *c)
{
	struct wjob req = { .kind = WJ_DISCOVER };

	if (submit(c, &req) == 0)
		console_msg(c, false, "reading autofind on every OLT...");
}

/* ---- the requests (pure: what a technician's choices make) ---- */

void
wizard_provision_request(const struct discovered_ont *d, const char *olt,
    const char *profile, const char *contract, struct wjob *dst)
{
	struct wjob w = { 0 }, *out = &w;	/* the arguments may point into *dst */

	out->kind = WJ_PREVIEW;
	out->ont_id = -1;	/* the port's first free id */
	strlcpy_(out->olt, olt, sizeof out->olt);
	strlcpy_(out->port, d->port, sizeof out->port);
	strlcpy_(out->sn, d->sn, sizeof out->sn);
	strlcpy_(out->model, d->model, sizeof out->model);
	strlcpy_(out->profile, profile != NULL ? profile : "", sizeof out->profile);
	strlcpy_(out->contract, contract != NULL ? contract : "", sizeof out->contract);
	*dst = w;
}

int
wizard_request(enum wjob_kind k, const char *olt, const struct ont *o, const char *input,
    struct wjob *dst, const char **why)
{
	struct wjob w = { 0 }, *out = &w;	/* the arguments may point into *dst */
	long a, b;
	char buf[64], *slash;
	int f, sl, p;

	out->kind = k;
	strlcpy_(out->olt, olt, sizeof out->olt);
	strlcpy_(out->port, o->port, sizeof out->port);
	out->ont_id = o->ont_id;
	strlcpy_(out->sn, o->sn, sizeof out->sn);
	strlcpy_(out->contract, o->contract, sizeof out->contract);
	input = input != NULL ? input : "";
	switch (k) {
	case WJ_SPEED:
		strlcpy_(buf, input, sizeof buf);
		if ((slash = strchr(buf, '/')) == NULL || (*slash = '\0',
		    parse_long(buf, 1, 100000, &a)) != 0 ||
		    parse_long(slash + 1, 1, 100000, &b) != 0) {
			*why = "speed: want DOWN/UP in Mbps, e.g. 300/100";
			return -1;
		}
		out->down = (int)a, out->up = (int)b;
		break;
	case WJ_VLAN:
		if (parse_long(input, 1, 4094, &a) != 0) {
			*why = "vlan: must be a whole number from 1 to 4094";
			return -1;
		}
		out->vlan = (int)a;
		break;
	case WJ_MOVE:
		if (sscanf(input, "%d/%d/%d", &f, &sl, &p) != 3 ||
		    strlen(input) >= sizeof out->new_port) {
			*why = "move: want the new port as F/S/P, e.g. 0/1/3";
			return -1;
		}
		strlcpy_(out->new_port, input, sizeof out->new_port);
		break;
	case WJ_REPLACE:
		if (strlen(input) < 12 || strlen(input) > 16) {
			*why = "replace: a serial is 12 characters (HWTC1A2B3C4D) or 16 hex digits";
			return -1;
		}
		strlcpy_(out->new_sn, input, sizeof out->new_sn);
		break;
	default:
		break;
	}
	*dst = w;
	return 0;
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

	if (c->wreq.kind == WJ_UNDO)
		snprintf(what, sizeof what, "Undo audit entry #%lld (%s)",
		    (long long)c->wreq.audit_id, c->wreq.sn);
	else
		snprintf(what, sizeof what, "%s %s on %s %s ONT %d", verbs[c->wreq.kind],
		    c->wreq.sn, c->wreq.olt, c->wreq.port, c->wreq.ont_id);
	if (submit(c, &c->wreq) == 0)
		pane_push(c, &wizard_ops, &(struct wizard_arg){ .job = c->wjob, .title = what });
}

void
wizard_undo(struct console *c, int64_t id, const char *olt, const char *sn, const char *what)
{
	memset(&c->wreq, 0, sizeof c->wreq);
	c->wreq.kind = WJ_UNDO;
	c->wreq.audit_id = id;
	c->wreq.ont_id = -1;
	strlcpy_(c->wreq.olt, olt, sizeof c->wreq.olt);
	strlcpy_(c->wreq.sn, sn, sizeof c->wreq.sn);
	console_confirm(c, act_go, "Undo entry #%lld (%s)? Its recorded inverse is sent and "
	    "verified, and refused if the device changed since.", (long long)id, what);
}

/* Who is affected, for the confirmation sentence. */
static const char *
customer(struct console *c)
{
	return c->wreq.contract[0] ? c->wreq.contract : "no contract linked";
}

/* Completes the request in flight with what was typed for it; false and a
   message when the text is not what the action needs. */
static bool
got_input(struct console *c, const char *s)
{
	struct ont o = { 0 };
	const char *why = NULL;

	strlcpy_(o.port, c->wreq.port, sizeof o.port);
	o.ont_id = c->wreq.ont_id;
	strlcpy_(o.sn, c->wreq.sn, sizeof o.sn);
	strlcpy_(o.contract, c->wreq.contract, sizeof o.contract);
	if (wizard_request(c->wreq.kind, c->wreq.olt, &o, s, &c->wreq, &why) != 0) {
		console_msg(c, true, "%s", why);
		return false;
	}
	return true;
}

static void
got_speed(struct console *c, const char *s)
{
	if (got_input(c, s))
		console_confirm(c, act_go, "Change %s (%s) to %d/%d Mbps? Its service restarts.",
		    c->wreq.sn, customer(c), c->wreq.down, c->wreq.up);
}

static void
got_vlan(struct console *c, const char *s)
{
	if (got_input(c, s))
		console_confirm(c, act_go, "Move %s (%s) to VLAN %d? Its service is re-created "
		    "on the new VLAN.", c->wreq.sn, customer(c), c->wreq.vlan);
}

static void
got_port(struct console *c, const char *s)
{
	if (got_input(c, s))
		console_confirm(c, act_go, "Move %s (%s) from %s to %s? It is deleted here and "
		    "provisioned there with the same configuration.", c->wreq.sn, customer(c),
		    c->wreq.port, c->wreq.new_port);
}

static void
got_sn(struct console *c, const char *s)
{
	if (got_input(c, s))
		console_confirm(c, act_go, "Replace %s by %s on %s %s ONT %d (%s)? Same "
		    "configuration, new serial.", c->wreq.sn, c->wreq.new_sn, c->wreq.olt,
		    c->wreq.port, c->wreq.ont_id, customer(c));
}

/* Starts action k on the selected ONT: asks, confirms, runs. */
void
wizard_action(struct console *c, enum wjob_kind k)
{
	const struct tree_model *m = main_pane_fleet(c);
	const struct ont *o = tree_model_sel_ont(m);
	const struct tree_olt *to = tree_model_sel_olt(m);
	const char *why;

	if (o == NULL || to == NULL) {
		console_msg(c, true, "select an ONT in the tree first");
		return;
	}
	if (c->wjob != NULL) {
		console_msg(c, true, "a write is already running: wait for its result");
		return;
	}
	/* The ONT's part of the request; a prompt's answer completes it
	   (got_input). */
	wizard_request(WJ_REBOOT, to->o.name, o, NULL, &c->wreq, &why);
	c->wreq.kind = k;
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
