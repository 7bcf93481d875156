/*
 * mass_pane.c — one change to many routers (:acs-mass): the routers of the
 * OLT or the PON port selected in the fleet tree, through the ACS.
 *
 *   form      what to change — WiFi (radio, SSID, passphrase), PPPoE (user,
 *             password) or a parameter by path (path, value, type) — and
 *             how many routers at once; passwords drawn as stars
 *   dry run   core resolves the selection in a worker job (acs_run_preview:
 *             the routers of those ONTs on the ACS, each with the exact
 *             parameters it would get, passwords masked, or why it is
 *             skipped) and the screen lists them; nothing is sent
 *   run       Enter asks, then the job is stored (its passwords sealed in
 *             the vault) and run by the console (mass_run.c: core's job
 *             runner on the engine's workers); the screen shows the counts
 *             (done, queued, failed, skipped, not attempted, in flight)
 *             and every router's state as it changes; Esc asks, then stops
 *             it (the routers in flight finish; `oltui acs mass resume ID`
 *             goes on later without sending anything twice)
 *   result    how it ended, with the same list
 *
 * The job is the one `oltui acs mass --olt X [--port P]` makes (the same
 * filter, change and sealed secrets in core's tables), so the verb shows,
 * cancels and resumes it.  The run belongs to the console: closing this
 * screen leaves it running; :acs-mass shows it again.
 *
 * Model: the form; the dry run's items (copied from its job's result);
 * the run's progress (mass_run_get, as last pumped) and its items, read
 * from the store when the pool says something moved (at most every
 * 300 ms while it runs); drawing reads only these.  The dry run's worker
 * and the pane share a struct mass_preview (jobs_shared).  UI thread; the dry run in a worker.
 */
#include "tui/console/console.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "core/acs_apply.h"
#include "core/acs_jobs.h"
#include "core/acs_run.h"
#include "core/audit.h"
#include "core/config.h"
#include "core/pool.h"
#include "core/store.h"
#include "core/vault.h"
#include "lib/util.h"
#include "tui/console/mass_pane.h"

/* The kinds of change the form offers. */
const struct mass_kind_def mass_kinds[MK_COUNT] = {
	[MK_WIFI] = { "WiFi", {
		{ "radio", "empty: every radio; or 1, 2... or 2.4G, 5G", false },
		{ "SSID", "empty: unchanged", false },
		{ "passphrase", "8-63 characters; empty: unchanged", true } } },
	[MK_PPPOE] = { "PPPoE", {
		{ "user", "empty: unchanged", false },
		{ "password", "empty: unchanged", true },
		{ NULL, NULL, false } } },
	[MK_PARAM] = { "parameter", {
		{ "path", "a leaf: InternetGatewayDevice.… or Device.…", false },
		{ "value", "", false },
		{ "type", "empty: xsd:string; xsd:boolean, xsd:int...", false } } },
};

/* A dry run, shared by its job and the pane. */
struct mass_preview {
	struct job_share	 share;		/* first: the job's and the pane's */
	struct engine		*eng;
	struct acs_apply	 ap;
	struct acs_job		 job;		/* the job as it would be stored (no secret) */
	/* results */
	int			 rc;
	struct acs_item		*items;
	size_t			 n;
	struct err		 err;
};

/* Frees what a dry run holds (its last reference went). */
static void
preview_clear(void *arg)
{
	struct mass_preview *pv = arg;

	acs_job_clear(&pv->job);
	acs_items_free(pv->items, pv->n);
	err_clear(&pv->err);
}

/* Worker: checks the selection, then resolves it without sending. */
static int
preview_run(struct pool_job *job, void *arg, char **msg)
{
	struct mass_preview *pv = arg;

	(void)job;
	pv->rc = acs_resolve_check(pv->eng, &pv->job.filter, &pv->err);
	if (pv->rc == 0)
		pv->rc = acs_run_preview(pv->eng, &pv->job, &pv->ap.ops, &pv->items, &pv->n,
		    &pv->err);
	set_cause(msg, "%s", pv->rc == 0 ? "dry run" : err_text(&pv->err));
	return pv->rc == 0 ? 0 : -1;
}

/* The form's text of field k (1..MASS_FIELDS) of the current kind. */
static char *
field(struct mass_pane *s, int k)
{
	return s->text[s->kind][k - 1];
}

/* Fills j (filter, change, cap, user: no secret) from the form.  0, or -1
   and a message saying what to type. */
static int
make_job(struct console *c, struct mass_pane *s, struct acs_job *j)
{
	char *cause = NULL, *user, *set;
	long cap;

	memset(j, 0, sizeof *j);
	j->kind = ACS_JOB_MASS;
	strlcpy_(j->filter.olt, s->olt, sizeof j->filter.olt);
	strlcpy_(j->filter.port, s->port, sizeof j->filter.port);
	if (parse_long(s->cap, 1, ACS_CAP_MAX, &cap) != 0) {
		console_msg(c, true, "at once: a number of routers from 1 to %d", ACS_CAP_MAX);
		return -1;
	}
	j->cap = (int)cap;
	user = audit_os_user();
	strlcpy_(j->user, user, sizeof j->user);
	free(user);
	switch (s->kind) {
	case MK_WIFI: {
		size_t n = strlen(field(s, 3));

		if (strlen(field(s, 2)) > ACS_SSID_MAX || (n != 0 && (n < 8 || n > 63))) {
			console_msg(c, true, "an SSID has 1 to %d characters, a passphrase 8 to 63",
			    ACS_SSID_MAX);
			return -1;
		}
		strlcpy_(j->change.radio, field(s, 1), sizeof j->change.radio);
		strlcpy_(j->change.ssid, field(s, 2), sizeof j->change.ssid);
		j->change.secret[ACS_SECRET_WIFI] = n > 0;
		break;
	}
	case MK_PPPOE:
		strlcpy_(j->change.pppoe_user, field(s, 1), sizeof j->change.pppoe_user);
		j->change.secret[ACS_SECRET_PPPOE] = field(s, 2)[0] != '\0';
		break;
	case MK_PARAM:
		if (field(s, 1)[0] == '\0')
			break;
		/* PATH=VALUE:TYPE, the verb's --set, checked by the same parser */
		set = xasprintf("%s=%s:%s", field(s, 1), field(s, 2),
		    field(s, 3)[0] ? field(s, 3) : "xsd:string");
		j->change.set = xcalloc(1, sizeof *j->change.set);
		if (acs_set_parse(set, &j->change.set[0], &cause) != 0) {
			console_msg(c, true, "%s", cause);
			free(cause);
			free(set);
			return -1;
		}
		free(set);
		j->change.nset = 1;
		break;
	}
	if (acs_change_empty(&j->change)) {
		console_msg(c, true, "nothing to change: type what the routers should get");
		return -1;
	}
	return 0;
}

/* Enter on the form: the dry run in a worker. */
static void
preview_start(struct console *c, struct mass_pane *s)
{
	struct mass_preview *pv;
	char wh[160];

	if (s->job != 0 || c->pool == NULL)
		return;
	pv = xcalloc(1, sizeof *pv);
	if (make_job(c, s, &pv->job) != 0) {
		acs_job_clear(&pv->job);
		free(pv);
		return;
	}
	pv->eng = c->eng;
	acs_apply_init(&pv->ap, c->eng, NULL);
	mass_where(s, wh, sizeof wh);
	if ((s->job = jobs_shared(c, CJOB_ACS_MASS, preview_run, pv, preview_clear,
	    "dry run", wh)) == 0)
		return;
	s->pv = pv;
	s->error[0] = '\0';
	s->stage = MS_PREVIEWING;
}

/* The dry run ended: its routers become the pane's. */
static void
preview_done(struct mass_pane *s)
{
	struct mass_preview *pv = s->pv;

	s->job = 0;
	s->pv = NULL;
	acs_items_free(s->items, s->n);
	s->items = NULL;
	s->n = 0;
	s->top = 0;
	mass_change_words(&pv->job.change, s->what, sizeof s->what);
	if (pv->rc == 0) {
		s->items = pv->items;
		s->n = pv->n;
		pv->items = NULL;
		pv->n = 0;
		s->stage = MS_PREVIEW;
	} else {
		strlcpy_(s->error, err_text(&pv->err), sizeof s->error);
		s->stage = MS_FORM;
	}
	jobs_share_drop(pv);
}

/* The order of the run's list: what needs a look first (failed, queued),
   then what is going on, what was left, and what went well last. */
static int
item_rank(enum acs_item_state st)
{
	static const int rank[ACS_ITEM_STATE_COUNT] = {
		[AI_FAILED] = 0, [AI_QUEUED] = 1, [AI_SENDING] = 2, [AI_SKIPPED] = 3,
		[AI_CANCELLED] = 4, [AI_PENDING] = 5, [AI_DONE] = 6,
	};

	return (size_t)st < ACS_ITEM_STATE_COUNT ? rank[st] : 7;
}

/* qsort: by rank, then in the order they are sent. */
static int
item_cmp(const void *a, const void *b)
{
	const struct acs_item *x = a, *y = b;
	int d = item_rank(x->state) - item_rank(y->state);

	return d != 0 ? d : x->seq - y->seq;
}

/* Reads the run's items from the store (the runner writes each state
   there before and after a router), and its progress. */
static void
run_load(struct console *c, struct mass_pane *s)
{
	acs_items_free(s->items, s->n);
	s->items = NULL;
	s->n = 0;
	if (!mass_run_get(c, &s->id, &s->prog, &s->running))
		return;
	if (s->what[0] == '\0') {	/* opened on a run: what it changes, where */
		struct acs_job j;

		if (store_acs_job_get(c->st, s->id, &j, NULL) == 1) {
			strlcpy_(s->olt, j.filter.olt, sizeof s->olt);
			strlcpy_(s->port, j.filter.port, sizeof s->port);
			mass_change_words(&j.change, s->what, sizeof s->what);
			acs_job_clear(&j);
		}
	}
	if (store_acs_items_list(c->st, s->id, -1, &s->items, &s->n, NULL) != 0) {
		s->items = NULL;
		s->n = 0;
	}
	if (s->n > 1)
		qsort(s->items, s->n, sizeof *s->items, item_cmp);
	s->loaded_ms = mono_ms();
}

/* Wipes the passwords typed in the form. */
static void
wipe(struct mass_pane *s)
{
	sodium_memzero(s->text, sizeof s->text);
}

/* y: stores the job (its passwords sealed) and starts running it. */
static void
send_confirmed(struct console *c)
{
	struct pane *p = pane_top(c);
	struct mass_pane *s;
	struct acs_job j;
	struct err err = { 0 };
	char *cause = NULL;

	if (p == NULL || p->ops != &mass_pane_ops)
		return;
	s = p->state;
	if (make_job(c, s, &j) != 0)
		return;
	if (s->kind == MK_WIFI && j.change.secret[ACS_SECRET_WIFI])
		j.sealed[ACS_SECRET_WIFI] = vault_seal(c->vault, field(s, 3));
	if (s->kind == MK_PPPOE && j.change.secret[ACS_SECRET_PPPOE])
		j.sealed[ACS_SECRET_PPPOE] = vault_seal(c->vault, field(s, 2));
	if (store_acs_job_add(c->st, &j, &cause) != 0) {
		console_msg(c, true, "the mass change could not be recorded: %s", cause);
		free(cause);
		acs_job_clear(&j);
		return;
	}
	wipe(s);	/* sealed in the job: not needed in clear any more */
	if (mass_run_start(c, j.id, &err) != 0) {
		console_msg(c, true, "%s", err_text(&err));
		err_clear(&err);
		acs_job_clear(&j);
		return;
	}
	acs_job_clear(&j);
	s->stage = MS_RUN;
	s->top = 0;
	run_load(c, s);
}

/* y: the run stops starting routers; it pauses once those in flight are
   done. */
static void
stop_confirmed(struct console *c)
{
	mass_run_stop(c, "stopped from the console");
	console_msg(c, false, "stopping: the routers in flight finish, then it pauses");
}

/* The node selected in the fleet: an OLT (and a port), or NULL. */
static bool
selection(struct console *c, char *olt, size_t osize, char *port, size_t psize)
{
	const struct tree_model *m = main_pane_fleet(c);
	const struct tree_row *r = tree_model_sel(m);
	const struct tree_olt *to;

	if (r == NULL || (to = tree_model_row_olt(m, r)) == NULL)
		return false;
	strlcpy_(olt, to->o.name, osize);
	port[0] = '\0';
	if (r->kind == NODE_PORT)
		strlcpy_(port, tree_model_row_port(m, r)->p.port, psize);
	else if (r->kind == NODE_ONT)
		strlcpy_(port, tree_model_row_ont(m, r)->port, psize);
	return true;
}

/* Opens the progress of the mass change running (or last ended), else a
   form for the routers of the selected OLT or port. */
static void *
mass_open(struct console *c, const void *arg)
{
	struct mass_pane *s;
	struct acs_run_progress p;
	int64_t id;
	bool running;
	char olt[NAME_MAX_LEN + 1], port[PORT_MAX_LEN + 1];

	(void)arg;
	if (mass_run_get(c, &id, &p, &running)) {
		s = xcalloc(1, sizeof *s);
		s->stage = MS_RUN;
		run_load(c, s);
		return s;
	}
	if (!selection(c, olt, sizeof olt, port, sizeof port)) {
		console_msg(c, true, "select an OLT or a PON port in the tree first: its "
		    "routers get the change");
		return NULL;
	}
	s = xcalloc(1, sizeof *s);
	strlcpy_(s->olt, olt, sizeof s->olt);
	strlcpy_(s->port, port, sizeof s->port);
	snprintf(s->cap, sizeof s->cap, "%lld",
	    (long long)config_int(c->cfg, "acs.max_concurrent"));
	s->field = 1;
	return s;
}

/* Frees the state; a dry run still going ends alone, a run goes on. */
static void
mass_close(struct console *c, struct pane *p)
{
	struct mass_pane *s = p->state;

	if (s->job != 0 && c->pool != NULL)
		pool_cancel_job(c->pool, s->job);
	jobs_share_drop(s->pv);
	acs_items_free(s->items, s->n);
	wipe(s);
	free(s);
}

/* The run moved on: its items again, at most every 300 ms while it runs
   (the tick asks for the one left out), at once when it ended. */
static void
mass_reload(struct console *c, struct pane *p, unsigned want)
{
	struct mass_pane *s = p->state;
	struct acs_run_progress pr;
	int64_t id;
	bool running = false;

	(void)want;
	if (s->stage != MS_RUN)
		return;
	if (!mass_run_get(c, &id, &pr, &running) || !running ||
	    mono_ms() - s->loaded_ms >= 300)
		run_load(c, s);
}

/* While the run goes on: a reload every 300 ms, for what the events of
   the last moment left out. */
static int
mass_tick(struct console *c, struct pane *p)
{
	struct mass_pane *s = p->state;

	(void)c;
	if (s->stage != MS_RUN || !s->running)
		return -1;
	if (mono_ms() - s->loaded_ms >= 300)
		p->want |= PANE_RELOAD;
	return 300;
}

/* Draws the screen (mass_draw.c). */
static void
mass_pane_draw(struct console *c, struct pane *p, int y, int x, int h, int w)
{
	mass_draw(c, p->state, y, x, h, w);
}


/* ---- keys ---- */

/* A key on the form: fields, the kind, typing, Enter, Esc. */
static void
form_key(struct console *c, struct mass_pane *s, int key)
{
	int last = FIELD_CAP;
	char *t = s->field == FIELD_CAP ? s->cap : s->field > 0 ? field(s, s->field) : NULL;
	size_t size = s->field == FIELD_CAP ? sizeof s->cap : ACS_VALUE_MAX;

	if (key == 27 || key == KEY_F(10)) {
		pane_pop(c);	/* s is gone */
		return;
	}
	if (key == KEY_UP || key == KEY_DOWN || key == '\t' || key == KEY_BTAB) {
		int d = key == KEY_UP || key == KEY_BTAB ? -1 : 1;

		do	/* a kind with fewer fields skips the empty ones */
			s->field = (s->field + d + last + 1) % (last + 1);
		while (s->field > 0 && s->field < FIELD_CAP &&
		    mass_kinds[s->kind].f[s->field - 1].label == NULL);
		return;
	}
	if (s->field == FIELD_WHAT && (key == KEY_LEFT || key == KEY_RIGHT)) {
		s->kind = (s->kind + (key == KEY_LEFT ? MK_COUNT - 1 : 1)) % MK_COUNT;
		return;
	}
	if (key == '\n' || key == '\r' || key == KEY_ENTER) {
		preview_start(c, s);
		return;
	}
	if (t != NULL)
		console_edit(t, size, key);
}

/* Every key while the screen is open (Q quits from the run's screen). */
static bool
mass_key(struct console *c, struct pane *p, int key, const struct cmd *cmd,
    const char *arg)
{
	struct mass_pane *s = p->state;
	long d = keys_move_delta(c, cmd);

	(void)arg;
	if (s->stage == MS_FORM) {
		form_key(c, s, key);
		return true;
	}
	if (d != 0 && key != 'G' && key != 'g') {	/* the draw keeps it in the list */
		long v = (long)s->top + d;

		s->top = v < 0 ? 0 : (size_t)v;
		return true;
	}
	switch (s->stage) {
	case MS_PREVIEW:
		if (key == '\n' || key == '\r' || key == KEY_ENTER) {
			char wh[160];
			size_t change = 0;

			for (size_t i = 0; i < s->n; i++)
				change += s->items[i].state == AI_PENDING;
			if (change == 0) {
				console_msg(c, true, "no router to change: nothing to send");
				return true;
			}
			mass_where(s, wh, sizeof wh);
			console_confirm(c, send_confirmed, "Send it to %zu router%s (%s)? At "
			    "most %s at once; Esc stops, resume later.", change,
			    change == 1 ? "" : "s", wh + strlen("the routers of "), s->cap);
		} else if (key == 27 || key == 'q') {
			s->stage = MS_FORM;
			console_msg(c, false, "nothing was sent");
		}
		return true;
	case MS_PREVIEWING:
		if (key == 27) {
			pane_pop(c);
			console_msg(c, false, "cancelled: nothing was sent");
		}
		return key != 'Q';
	case MS_RUN:
		if (key == 27 && s->running) {
			console_confirm(c, stop_confirmed, "Stop mass change #%lld? The routers "
			    "in flight finish; the rest wait for `oltui acs mass resume %lld`.",
			    (long long)s->id, (long long)s->id);
			return true;
		}
		if (key == 'q' || key == 27) {
			if (!s->running)
				mass_run_forget(c);	/* seen: the next :acs-mass is a new one */
			pane_pop(c);
			return true;
		}
		return false;
	default:
		return false;
	}
}

/* The dry run ended, or the run moved on. */
static unsigned
mass_event(struct console *c, struct pane *p, const struct pool_event *ev)
{
	struct mass_pane *s = p->state;

	(void)c;
	if (ev != NULL && s->job != 0 && ev->job_id == s->job) {
		preview_done(s);
		return PANE_REDRAW;
	}
	return s->stage == MS_RUN ? PANE_RELOAD : 0;
}

const struct pane_ops mass_pane_ops = {
	.name = "mass",
	.open = mass_open,
	.close = mass_close,
	.reload = mass_reload,
	.draw = mass_pane_draw,
	.key = mass_key,
	.event = mass_event,
	.tick = mass_tick,
};
