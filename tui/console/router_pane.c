/*
 * router_pane.c — the ONT's router through TR-069: the section of the ONT
 * detail that is read on demand (`T`), from the ACS (GenieACS NBI), never
 * from the database.
 *
 *   Router HWTC6B886FA5 · hw-1 0/1/0 ONT 1 · C-1001
 *   HG8245H V3R017C10S206 · TR-098 · last inform 2 min ago · up 4d 02h
 *   WAN  PPPoE c1001@isp · Connected · 100.64.3.7 · vlan 100 ...
 *   ...
 *   w wifi  p pppoe  b reboot (router)  f factory reset  R refresh  q close
 *
 * The view is what core gives (ops_acs_show: the router found by the ONT's
 * serial, its document turned into a view by acs_view_format, the tasks
 * oltui left queued for it), read in a worker job: opening the pane, `R`
 * (refresh: the ACS asks the router to send every value again, then the
 * view is read again) and the end of a change to this router submit one;
 * meanwhile the pane says "reading the router through the ACS…" and the
 * rest of the console goes on.  A reload of the pane (another process
 * wrote to the database, `u`) does not read the router again: only those
 * three do.  Its lines are drawn within the pane's width, wrapped at
 * spaces (wrap.c); the data age is part of them, counted against the
 * console's clock at each frame.  A read that failed says why (no ACS
 * configured, the router not on the ACS, the ACS unreachable) and keeps
 * the last view it had.
 *
 * The actions (w, p, b, f) are router_actions.c's: they go through the
 * wizard pane (preview, send, progress, result) opened over this one, and
 * this pane reads the router again when such a change ends.
 *
 * The job and the pane share one struct router_read (jobs_shared: two
 * references), so a pane closed while its read runs leaves the job
 * nothing dangling.  UI thread; the read runs in
 * a worker with that worker's store.
 */
#include "tui/console/console.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/ops_acs.h"
#include "core/pool.h"
#include "lib/util.h"

/* One read of the router (and a refresh before it), shared by the job and
   the pane. */
struct router_read {
	struct job_share	 share;		/* first: the job's and the pane's */
	struct engine		*eng;
	char			 sn[SN_MAX_LEN + 1];
	bool			 refresh;	/* ACS_CH_REFRESH first */
	/* results, written by the worker before its event */
	int			 rc;		/* ops_acs_show's */
	struct acs_show		 show;
	struct err		 err;
	bool			 refreshed;	/* the refresh was tried */
	enum write_status	 rstatus;	/* how it ended */
	bool			 rqueued;	/* the ACS keeps it (router offline) */
	char			 rtask[ACS_TASK_ID_MAX + 1];
	char			 rcause[256];
};

struct router_pane {
	struct wjob		 target;	/* the ONT: olt, port, ont_id, sn, contract */
	uint64_t		 job;		/* the read in flight, 0 none */
	struct router_read	*rd;		/* its shared state (the pane's ref) */
	bool			 refreshing;	/* that read refreshes first */
	bool			 read_again;	/* a change ended: read at the next reload */
	bool			 have;		/* show holds a view */
	struct acs_show		 show;		/* the last view read */
	char			 error[512];	/* why the last read failed; "" */
	bool			 error_link;	/* ... the ACS or the router unreachable */
	char			 note[320];	/* how the last refresh ended; "" */
	size_t			 top;		/* first row shown */
};

/* Frees what a read holds (its last reference went). */
static void
read_clear(void *arg)
{
	struct router_read *rd = arg;

	acs_show_free(&rd->show);
	err_clear(&rd->err);
}

/* Worker: refreshes the router when asked, then reads its view. */
static int
read_run(struct pool_job *job, void *arg, char **msg)
{
	struct router_read *rd = arg;

	(void)job;
	if (rd->refresh) {
		struct acs_change_req rq = { .kind = ACS_CH_REFRESH, .sn = rd->sn };
		struct write_opts o = { 0 };
		struct acs_op_result r;

		memset(&r, 0, sizeof r);
		rd->rstatus = ops_acs_change(rd->eng, &rq, &o, &r);
		rd->refreshed = true;
		rd->rqueued = r.queued;
		strlcpy_(rd->rtask, r.task_id, sizeof rd->rtask);
		strlcpy_(rd->rcause, r.rep.cause != NULL ? r.rep.cause : "", sizeof rd->rcause);
		acs_op_result_free(&r);
	}
	rd->rc = ops_acs_show(rd->eng, rd->sn, NULL, NULL, &rd->show, &rd->err);
	set_cause(msg, "%s", rd->rc == 0 ? "router read" : err_text(&rd->err));
	return rd->rc == 0 ? 0 : -1;
}

/* Starts a read of the router (refresh first when asked); false when one
   is running already or the pool refused it. */
static bool
read_start(struct console *c, struct router_pane *s, bool refresh)
{
	struct router_read *rd;

	if (s->job != 0 || c->pool == NULL)
		return false;
	rd = xcalloc(1, sizeof *rd);
	rd->eng = c->eng;
	rd->refresh = refresh;
	strlcpy_(rd->sn, s->target.sn, sizeof rd->sn);
	if ((s->job = jobs_shared(c, CJOB_ACS_READ, read_run, rd, read_clear, "read",
	    s->target.sn)) == 0)
		return false;
	s->rd = rd;
	s->refreshing = refresh;
	return true;
}

/* The read ended: its view (or why not) becomes the pane's. */
static void
read_done(struct router_pane *s)
{
	struct router_read *rd = s->rd;

	s->job = 0;
	s->rd = NULL;
	s->note[0] = '\0';
	if (rd->refreshed) {
		if (rd->rqueued)
			snprintf(s->note, sizeof s->note, "refresh queued on the ACS (task %s): "
			    "the router did not answer; the values below are as old as "
			    "they say", rd->rtask);
		else if (rd->rstatus != WRITE_DONE)
			snprintf(s->note, sizeof s->note, "refresh failed: %s; the values "
			    "below are as old as they say", rd->rcause[0] ? rd->rcause :
			    "the ACS said no");
		else
			snprintf(s->note, sizeof s->note, "refreshed: the router sent every "
			    "value again");
	}
	if (rd->rc == 0) {
		acs_show_free(&s->show);
		s->show = rd->show;
		memset(&rd->show, 0, sizeof rd->show);
		s->have = true;
		s->error[0] = '\0';
	} else {
		strlcpy_(s->error, err_text(&rd->err), sizeof s->error);
		s->error_link = err_is_link(rd->err.kind);
	}
	jobs_share_drop(rd);
}

/* Opens the view on the fleet's selected ONT and starts reading it. */
static void *
router_open(struct console *c, const void *arg)
{
	const struct tree_model *m = main_pane_fleet(c);
	const struct ont *o = tree_model_sel_ont(m);
	const struct tree_olt *to = tree_model_sel_olt(m);
	struct router_pane *s;

	(void)arg;
	if (o == NULL || to == NULL) {
		console_msg(c, true, "select an ONT first (T shows its router)");
		return NULL;
	}
	s = xcalloc(1, sizeof *s);
	s->target.ont_id = o->ont_id;
	strlcpy_(s->target.olt, to->o.name, sizeof s->target.olt);
	strlcpy_(s->target.port, o->port, sizeof s->target.port);
	strlcpy_(s->target.sn, o->sn, sizeof s->target.sn);
	strlcpy_(s->target.contract, o->contract, sizeof s->target.contract);
	read_start(c, s, false);
	return s;
}

/* Closes the view: a read still queued is dropped, a running one ends
   into the shared state alone. */
static void
router_close(struct console *c, struct pane *p)
{
	struct router_pane *s = p->state;

	if (s->job != 0 && c->pool != NULL)
		pool_cancel_job(c->pool, s->job);
	jobs_share_drop(s->rd);
	acs_show_free(&s->show);
	free(s);
}

/* A change to this router ended: read it again (once, not on every
   reload: the database's changes do not touch the router). */
static void
router_reload(struct console *c, struct pane *p, unsigned want)
{
	struct router_pane *s = p->state;

	(void)want;
	if (s->read_again && read_start(c, s, false))
		s->read_again = false;
}

/* The pane's text, in parts drawn one under the other: what is going on
   (a read in progress, why the last one failed, how a refresh ended), the
   tasks queued for the router, the view (its lines hang under their
   five-column label), and the passphrases oltui keeps for it. */
enum { PART_STATUS, PART_QUEUED, PART_VIEW, PART_KEPT, PARTS };

/* The hanging indent of a part's wrapped rows (-1: wrap_line's own). */
static const int part_hang[PARTS] = { -1, -1, 5, -1 };

/* Fills the parts from the model; the ages count against the console's
   clock. */
static void
router_text(struct console *c, const struct router_pane *s, struct buf *b)
{
	int64_t now = console_now();
	char age[32];

	if (s->job != 0)
		buf_addf(&b[PART_STATUS], "%s%s\n", s->refreshing ? "refreshing through the "
		    "ACS (the router sends every value again)" :
		    "reading the router through the ACS", c->gl->ellipsis);
	if (s->error[0] != '\0')
		buf_addf(&b[PART_STATUS], "%s %s\n", c->gl->cross, s->error);
	if (s->note[0] != '\0')
		buf_addf(&b[PART_STATUS], "%s\n", s->note);
	if (!s->have)
		return;
	if (s->job != 0 || s->error[0] != '\0')
		buf_addf(&b[PART_STATUS], "as last read through %s:\n", s->show.acs_url);
	acs_view_format_sep(&s->show.view, now, c->gl->dot, &b[PART_VIEW]);
	for (size_t i = 0; i < s->show.view.nradio && i < ACS_RADIOS_MAX; i++)
		if (s->show.kept_at[i] != 0) {
			ui_age(s->show.kept_at[i], now, age, sizeof age);
			buf_addf(&b[PART_KEPT], "WiFi %s passphrase: set by oltui %s, kept "
			    "sealed (never shown)\n", s->show.view.radio[i].band[0] ?
			    s->show.view.radio[i].band : "radio", age);
		}
	if (s->show.npending > 0)
		buf_addf(&b[PART_QUEUED], "queued on the ACS for this router (they run when "
		    "it next connects):\n");
	for (size_t i = 0; i < s->show.npending; i++) {
		const struct acs_task_row *t = &s->show.pending[i];

		ui_age(t->posted_at, now, age, sizeof age);
		buf_addf(&b[PART_QUEUED], "  task %s  %s: %s (%s, posted %s)%s%s\n",
		    t->task_id, t->action, t->what, acs_task_state_name(t->state), age,
		    t->fault[0] ? ": " : "", t->fault);
	}
}

/* The role of a line of the view: an error, a read in progress, a note. */
static enum ui_role
line_role(const struct console *c, const struct router_pane *s, const char *t)
{
	if (str_startswith(t, c->gl->cross))
		return s->error_link ? R_WARN : R_CRIT;
	if (str_startswith(t, "reading") || str_startswith(t, "refreshing"))
		return R_MESSAGE;
	if (str_startswith(t, "refresh ") || str_startswith(t, "queued on"))
		return R_WARN;
	return R_NORMAL;
}

/* Draws the rows of the parts from row first on, at most h of them,
   wrapped to w columns; returns how many rows the whole text takes. */
static size_t
draw_rows(struct console *c, const struct router_pane *s, struct buf *parts, size_t first,
    int y, int x, int h, int w)
{
	size_t line = 0;
	int row = 0;

	for (int k = 0; k < PARTS; k++) {
		const char *t = parts[k].data != NULL ? buf_str(&parts[k]) : "";

		while (*t != '\0') {
			size_t n = strcspn(t, "\n"), nr;
			struct wrap_row wr[16];
			enum ui_role r = k == PART_VIEW ? R_NORMAL : line_role(c, s, t);

			nr = wrap_line_sep(t, n, w, part_hang[k], k == PART_VIEW ?
			    c->gl->dot : NULL, wr, sizeof wr / sizeof wr[0]);
			for (size_t i = 0; i < nr && i < sizeof wr / sizeof wr[0]; i++, line++)
				if (line >= first && row < h)
					ui_putf(c, y + row++, x, w, r, "%*s%.*s", wr[i].indent,
					    "", (int)wr[i].len, t + wr[i].off);
			t += n;
			if (*t == '\n')
				t++;
		}
	}
	return line;
}

/* Draws the view, wrapped to the width, scrolled by s->top (kept so that
   the last row stays at the bottom), with the actions under it. */
static void
router_draw(struct console *c, struct pane *p, int y, int x, int h, int w)
{
	static const char keys[] = "w wifi  p pppoe  b reboot (router)  f factory reset  "
	    "R refresh  q close";
	struct router_pane *s = p->state;
	struct wrap_row kr[2];
	struct buf b[PARTS];
	char title[160], rows[64];
	int in = w - 4, body;
	size_t total, nk;

	snprintf(title, sizeof title, "Router %s%s%s %s ONT %d%s%s", s->target.sn, c->gl->dot,
	    s->target.olt, s->target.port, s->target.ont_id,
	    s->target.contract[0] ? c->gl->dot : "", s->target.contract);
	nk = wrap_line(keys, strlen(keys), in, 0, kr, 2);
	nk = nk > 2 ? 2 : nk;
	body = h - 3 - (int)nk;		/* a blank row above the keys */
	memset(b, 0, sizeof b);
	router_text(c, s, b);
	total = draw_rows(c, s, b, SIZE_MAX, 0, 0, 0, in);
	if (s->top + (size_t)body > total)
		s->top = total > (size_t)body ? total - (size_t)body : 0;
	if (total > (size_t)body)	/* more than fits: which rows, j/k scroll */
		snprintf(rows, sizeof rows, "rows %zu-%zu of %zu (j/k)", s->top + 1,
		    s->top + (size_t)body, total);
	ui_box(c, y, x, h, w, true, title, total > (size_t)body ? rows : NULL);
	for (int i = 1; i < h - 1; i++)
		ui_fill(c, y + i, x + 1, w - 2, R_NORMAL);
	draw_rows(c, s, b, s->top, y + 1, x + 2, body, in);
	for (int k = 0; k < PARTS; k++)
		buf_free(&b[k]);
	for (size_t k = 0; k < nk; k++)
		ui_putf(c, y + h - 1 - (int)nk + (int)k, x + 2, in, R_NORMAL, "%.*s",
		    (int)kr[k].len, keys + kr[k].off);
}

/* The actions: each needs the view (the radios, the PPPoE connection). */
static bool
router_key(struct console *c, struct pane *p, int key, const struct cmd *cmd,
    const char *arg)
{
	struct router_pane *s = p->state;
	long d = keys_move_delta(c, cmd);
	int change = -1;

	(void)key, (void)arg;
	if (d != 0) {		/* the draw keeps it within the text */
		long v = (long)s->top + d;

		s->top = v < 0 ? 0 : (size_t)v;
		return true;
	}
	if (cmd == NULL)
		return false;
	switch (cmd->id) {
	case CMD_SWEEP:
		if (s->job != 0)
			console_msg(c, false, "the router is being read already");
		else
			read_start(c, s, true);
		return true;
	case CMD_WIFI: change = ACS_CH_WIFI; break;
	case CMD_PPPOE: change = ACS_CH_PPPOE; break;
	case CMD_ROUTER_REBOOT: change = ACS_CH_REBOOT; break;
	case CMD_FACTORY_RESET: change = ACS_CH_FACTORY_RESET; break;
	default:
		return false;
	}
	if (!s->have) {
		console_msg(c, true, s->job != 0 ? "wait: the router is being read" :
		    "the router could not be read: nothing can be changed (R tries again)");
		return true;
	}
	router_action(c, &s->target, change, &s->show.view);
	return true;
}

/* Its read ended; or a change to this router did: read it again. */
static unsigned
router_event(struct console *c, struct pane *p, const struct pool_event *ev)
{
	struct router_pane *s = p->state;

	if (ev == NULL)
		return 0;
	if (s->job != 0 && ev->job_id == s->job) {
		read_done(s);
		return PANE_REDRAW;
	}
	/* the job's event comes before wizard_job_done() drops c->wjob */
	if (ev->kind == CJOB_WRITE && c->wjob != NULL && c->wjob->kind == WJ_ACS &&
	    strcmp(c->wjob->sn, s->target.sn) == 0) {
		s->read_again = true;
		return PANE_RELOAD;
	}
	return 0;
}

const struct pane_ops router_pane_ops = {
	.name = "router",
	.open = router_open,
	.close = router_close,
	.reload = router_reload,
	.draw = router_draw,
	.key = router_key,
	.event = router_event,
};
