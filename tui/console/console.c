/*
 * console.c — the console's life: open the store, the vault and the worker
 * pool, start curses, run the loop, stop everything in order.
 *
 * The loop poll()s stdin and the pool's wake-up pipe.  Keys go to the text
 * prompts (filter, palette, confirmation, audit search) when one is open,
 * else to the command table (keys.c).  Pool events (a sweep or a live read
 * finished) reload what they changed from SQLite; a running write also
 * wakes the pipe with no event when it reports a step (pool_poke), and
 * wizard_progress_changed() says whether to redraw.  When anything changed,
 * one frame is drawn: the whole virtual screen, then a single doupdate(),
 * which sends only the cells that differ.  With nothing to do the loop
 * sleeps in poll(): no animation, no busy redraw; the one periodic wake-up
 * (every second) keeps the ages true and runs the live signal poll.
 *
 * Threads: this is the UI thread, the only one that calls curses.  The
 * vault is opened (and a passphrase asked on /dev/tty) before initscr.
 */
#include "tui/console/console.h"

#include <curses.h>
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/config.h"
#include "core/engine.h"
#include "core/pool.h"
#include "core/store.h"
#include "lib/util.h"
#include "tui/verbs/verb.h"

#define MIN_COLS	64
#define MIN_ROWS	18

/* The display clock (OLTUI_NOW pins it for tests). */
int64_t
console_now(void)
{
	static int pinned = -1;
	static int64_t at;

	if (pinned == -1) {
		const char *e = getenv("OLTUI_NOW");
		long v;

		pinned = e != NULL && parse_long(e, 1, 0x7fffffffL, &v) == 0;
		at = pinned ? v : 0;
	}
	return pinned ? at : now_s();
}

/* Sets the message line. */
void
console_msg(struct console *c, bool error, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(c->msg, sizeof c->msg, fmt, ap);
	va_end(ap);
	c->msg_error = error;
	c->dirty = true;
}

/* Asks a yes/no question in the function bar. */
void
console_confirm(struct console *c, void (*fn)(struct console *), const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(c->confirm_text, sizeof c->confirm_text, fmt, ap);
	va_end(ap);
	c->confirm_fn = fn;
	c->confirming = true;
}

/* The OLT of the selected row. */
struct tree_olt *
console_sel_olt(struct console *c)
{
	if (c->tree.nrows == 0)
		return NULL;
	return &c->tree.olts[c->tree.rows[c->tree.sel].o];
}

/* The selected ONT. */
struct ont *
console_sel_ont(struct console *c)
{
	struct tree_row *r;

	if (c->tree.nrows == 0)
		return NULL;
	r = &c->tree.rows[c->tree.sel];
	if (r->kind != NODE_ONT)
		return NULL;
	return &c->tree.olts[r->o].boards[r->b].ports[r->p].onts[r->n];
}

/* Identity of the selected node, to find it again after a reload. */
struct sel_key {
	enum node_kind	 kind;
	int64_t		 olt;
	int		 frame, slot;
	char		 port[PORT_MAX_LEN + 1];
	char		 sn[SN_MAX_LEN + 1];
};

/* Reloads from the store, keeping expansion, filter and selection. */
void
console_reload(struct console *c)
{
	struct tree *t = &c->tree;
	struct sel_key k = { 0 };
	struct { int64_t olt; int f, s; char port[PORT_MAX_LEN + 1]; int lvl; } *ex = NULL;
	size_t nex = 0;
	bool have = false;

	if (t->nrows > 0) {
		struct tree_row *r = &t->rows[t->sel];
		struct tree_olt *to = &t->olts[r->o];

		k.kind = r->kind;
		k.olt = to->o.id;
		if (r->b >= 0)
			k.frame = to->boards[r->b].frame, k.slot = to->boards[r->b].slot;
		if (r->p >= 0)
			strlcpy_(k.port, to->boards[r->b].ports[r->p].p.port, sizeof k.port);
		if (r->n >= 0)
			strlcpy_(k.sn, to->boards[r->b].ports[r->p].onts[r->n].sn, sizeof k.sn);
		have = true;
	}
	for (size_t o = 0; o < t->nolts; o++) {
		struct tree_olt *to = &t->olts[o];

		ex = xrealloc(ex, (nex + 1) * sizeof *ex);
		memset(&ex[nex], 0, sizeof *ex);
		ex[nex].olt = to->o.id, ex[nex].lvl = to->expanded ? 0 : -1;
		nex++;
		for (size_t b = 0; b < to->nboards; b++) {
			struct tree_board *tb = &to->boards[b];

			if (tb->expanded) {
				ex = xrealloc(ex, (nex + 1) * sizeof *ex);
				memset(&ex[nex], 0, sizeof *ex);
				ex[nex].olt = to->o.id, ex[nex].f = tb->frame;
				ex[nex].s = tb->slot, ex[nex].lvl = 1;
				nex++;
			}
			for (size_t p = 0; p < tb->nports; p++)
				if (tb->ports[p].expanded) {
					ex = xrealloc(ex, (nex + 1) * sizeof *ex);
					memset(&ex[nex], 0, sizeof *ex);
					ex[nex].olt = to->o.id, ex[nex].lvl = 2;
					strlcpy_(ex[nex].port, tb->ports[p].p.port, sizeof ex[nex].port);
					nex++;
				}
		}
	}
	tree_load(c);
	for (size_t i = 0; i < nex; i++)
		for (size_t o = 0; o < t->nolts; o++) {
			struct tree_olt *to = &t->olts[o];

			if (to->o.id != ex[i].olt)
				continue;
			if (ex[i].lvl == 0)
				to->expanded = true;
			for (size_t b = 0; b < to->nboards; b++) {
				struct tree_board *tb = &to->boards[b];

				if (ex[i].lvl == 1 && tb->frame == ex[i].f && tb->slot == ex[i].s)
					tb->expanded = true;
				for (size_t p = 0; ex[i].lvl == 2 && p < tb->nports; p++)
					if (strcmp(tb->ports[p].p.port, ex[i].port) == 0) {
						store_onts_on_port(c->st, to->o.id, ex[i].port,
						    &tb->ports[p].onts, &tb->ports[p].nonts, NULL);
						tb->ports[p].loaded = true;
						tb->ports[p].expanded = true;
					}
			}
		}
	free(ex);
	if (t->filter[0] != '\0')
		tree_apply_filter(c);
	else
		tree_flatten(c);
	if (!have)
		return;
	for (size_t r = 0; r < t->nrows; r++) {
		struct tree_row *rw = &t->rows[r];
		struct tree_olt *to = &t->olts[rw->o];

		if (rw->kind != k.kind || to->o.id != k.olt)
			continue;
		if (rw->kind == NODE_BOARD && (to->boards[rw->b].frame != k.frame ||
		    to->boards[rw->b].slot != k.slot))
			continue;
		if (rw->kind == NODE_PORT &&
		    strcmp(to->boards[rw->b].ports[rw->p].p.port, k.port) != 0)
			continue;
		if (rw->kind == NODE_ONT &&
		    strcmp(to->boards[rw->b].ports[rw->p].onts[rw->n].sn, k.sn) != 0)
			continue;
		t->sel = r;
		break;
	}
}

/* ---- drawing ---- */

/* The top line: fleet summary, unreachable OLTs, last sweep, jobs. */
static void
draw_header(struct console *c)
{
	struct tree *t = &c->tree;
	int up = 0, unr = 0, onts = 0, online = 0, crit = 0, warn = 0, outages = 0;
	char age[16], buf[512];
	size_t len;

	for (size_t i = 0; i < t->nolts; i++) {
		if (t->olts[i].unreachable)
			unr++;
		else if (t->olts[i].swept_at)
			up++;
		onts += t->olts[i].onts, online += t->olts[i].online;
	}
	for (size_t a = 0; a < t->nalarms; a++) {
		if (t->alarms[a].kind == ALARM_PON_OUTAGE)
			outages++;
		if (t->alarms[a].severity >= SEV_MAJOR)
			crit++;
		else
			warn++;
	}
	ui_age_short(c->last_sweep_at, console_now(), age, sizeof age);
	len = (size_t)snprintf(buf, sizeof buf, " oltui");
	if (c->jobs_running)
		len += (size_t)snprintf(buf + len, sizeof buf - len, "%sjobs %d", c->gl->dot,
		    c->jobs_running);
	len += (size_t)snprintf(buf + len, sizeof buf - len, "%sOLTs %d/%zu up", c->gl->dot,
	    up, t->nolts);
	if (unr)
		len += (size_t)snprintf(buf + len, sizeof buf - len, " %s%d", c->gl->cross, unr);
	len += (size_t)snprintf(buf + len, sizeof buf - len, "%sONTs %d/%d online%s%s%d",
	    c->gl->dot, online, onts, c->gl->dot, c->gl->warn, warn);
	if (crit)
		len += (size_t)snprintf(buf + len, sizeof buf - len, " %s%d", c->gl->crit, crit);
	if (outages)
		len += (size_t)snprintf(buf + len, sizeof buf - len, "%s%d PON down",
		    c->gl->dot, outages);
	snprintf(buf + len, sizeof buf - len, "%sswept %s", c->gl->dot, age);
	ui_fill(c, 0, 0, c->cols, R_HEADER);
	ui_put(c, 0, 0, c->cols, R_HEADER, buf);
}

/* The bottom line: a prompt, a message, or the function bar. */
static void
draw_footer(struct console *c)
{
	int y = c->rows - 1, x = 0;

	ui_fill(c, y, 0, c->cols, R_NORMAL);
	if (c->confirming) {
		char q[300];
		int cut;

		/* a long question takes the line above too: never cut the consequence */
		snprintf(q, sizeof q, " y/n? %s", c->confirm_text);
		if (ui_width(q) <= c->cols) {
			ui_put(c, y, 0, c->cols, R_MESSAGE, q);
			return;
		}
		for (cut = c->cols - 1; cut > 0 && q[cut] != ' '; cut--)
			;
		if (cut <= 0 || (size_t)cut >= strlen(q))
			cut = c->cols - 1;
		q[cut] = '\0';
		ui_fill(c, y - 1, 0, c->cols, R_NORMAL);
		ui_put(c, y - 1, 0, c->cols, R_MESSAGE, q);
		ui_putf(c, y, 0, c->cols, R_MESSAGE, "      %s", q + cut + 1);
		return;
	}
	if (c->palette) {
		palette_draw(c, y, c->cols);
		return;
	}
	if (c->prompting) {
		ui_putf(c, y, 0, c->cols, R_INPUT, "%s%s", c->prompt_label, c->prompt_buf);
		return;
	}
	if (c->tree.filtering) {
		int u = ui_putf(c, y, 0, c->cols, R_INPUT, "/%s", c->tree.filter);

		ui_put(c, y, u + 1, c->cols - u - 1, R_MUTED,
		    "(filter as you type: Enter keeps it, Esc clears)");
		return;
	}
	if (c->au_searching) {
		ui_putf(c, y, 0, c->cols, R_INPUT, "search audit: %s", c->au_search);
		return;
	}
	if (c->msg[0] != '\0') {
		ui_putf(c, y, 0, c->cols, c->msg_error ? R_CRIT : R_MESSAGE, " %s", c->msg);
		return;
	}
	for (size_t i = 0; i < console_ncmds && x < c->cols; i++) {
		const struct cmd *k = &console_cmds[i];
		char key[16];

		if (k->fbar == NULL)
			continue;
		if (k->fkey)
			snprintf(key, sizeof key, "F%d", k->fkey);
		else
			keys_name(k->key, key, sizeof key);
		if (k->fkey == 10)
			snprintf(key, sizeof key, "Q");
		x += ui_putf(c, y, x, c->cols - x, R_FBAR_KEY, " %s", key);
		x += ui_putf(c, y, x, c->cols - x, R_FBAR, "%s", k->fbar);
	}
	ui_fill(c, y, x, c->cols - x, R_FBAR);
}

/* The main view: tree on the left, detail on the right. */
static void
draw_main(struct console *c)
{
	int h = c->rows - 2, tw = c->cols * 2 / 5;
	char title[128];
	struct tree *t = &c->tree;

	if (tw < 30)
		tw = 30;
	if (tw > 48)
		tw = 48;
	if (t->applied[0] || t->filtering)
		snprintf(title, sizeof title, "Fleet /%s", t->filtering ? t->filter : t->applied);
	else
		snprintf(title, sizeof title, "Fleet");
	ui_box(c, 1, 0, h, tw, c->focus == FOCUS_TREE, title, NULL);
	tree_draw(c, 2, 1, h - 2, tw - 2);
	title[0] = '\0';
	if (t->nrows) {
		struct tree_row *r = &t->rows[t->sel];
		struct tree_olt *to = &t->olts[r->o];

		switch (r->kind) {
		case NODE_OLT:
			snprintf(title, sizeof title, "OLT %s", to->o.name);
			break;
		case NODE_BOARD:
			snprintf(title, sizeof title, "Board %s %d/%d", to->o.name,
			    to->boards[r->b].frame, to->boards[r->b].slot);
			break;
		case NODE_PORT:
			snprintf(title, sizeof title, "PON %s %s", to->o.name,
			    to->boards[r->b].ports[r->p].p.port);
			break;
		case NODE_ONT: {
			const struct ont *o = &to->boards[r->b].ports[r->p].onts[r->n];

			snprintf(title, sizeof title, "ONT %s%s%s", o->sn,
			    o->contract[0] ? c->gl->dot : "", o->contract);
			break;
		}
		}
	}
	ui_box(c, 1, tw, h, c->cols - tw, c->focus == FOCUS_DETAIL, title, NULL);
	detail_draw(c, 2, tw + 2, h - 2, c->cols - tw - 4);
}

/* Draws one frame and sends it with a single doupdate(). */
static void
draw(struct console *c)
{
	getmaxyx(stdscr, c->rows, c->cols);
	erase();
	if ((c->cols < MIN_COLS || c->rows < MIN_ROWS) && !c->too_small_ignored) {
		int y = c->rows / 2;

		ui_putf(c, y > 0 ? y - 1 : 0, 0, c->cols, R_NORMAL, "terminal too small "
		    "(%dx%d, need %dx%d)", c->cols, c->rows, MIN_COLS, MIN_ROWS);
		ui_put(c, y, 0, c->cols, R_NORMAL, "resize, or press i to ignore");
	} else {
		draw_header(c);
		switch (c->view) {
		case VIEW_MAIN: draw_main(c); break;
		case VIEW_SIGNAL: signal_draw(c, 1, 0, c->rows - 2, c->cols); break;
		case VIEW_ALARMS: alarms_draw(c, 1, 0, c->rows - 2, c->cols); break;
		case VIEW_AUDIT: audit_draw(c, 1, 0, c->rows - 2, c->cols); break;
		case VIEW_DISCOVER: discover_draw(c, 1, 0, c->rows - 2, c->cols); break;
		case VIEW_HELP: help_draw(c, 1, 0, c->rows - 2, c->cols); break;
		case VIEW_WIZARD: wizard_draw(c, 1, 0, c->rows - 2, c->cols); break;
		}
		draw_footer(c);
	}
	wnoutrefresh(stdscr);
	doupdate();
	c->dirty = false;
	if (c->bench != NULL)
		bench_frame(c);
}

/* ---- input ---- */

/* Edits a prompt's text; returns 1 on Enter, -1 on Esc, 0 otherwise. */
static int
edit(char *buf, size_t size, int key)
{
	size_t n = strlen(buf);

	if (key == '\n' || key == '\r' || key == KEY_ENTER)
		return 1;
	if (key == 27)
		return -1;
	if (key == KEY_BACKSPACE || key == 127 || key == 8) {
		if (n > 0) {
			while (n > 0 && ((unsigned char)buf[n - 1] & 0xc0) == 0x80)
				n--;
			buf[n > 0 ? n - 1 : 0] = '\0';
		}
		return 0;
	}
	if (key == 0x15) {		/* C-u */
		buf[0] = '\0';
		return 0;
	}
	if (key >= 0x20 && key < 0x7f && n + 1 < size) {
		buf[n] = (char)key;
		buf[n + 1] = '\0';
	}
	return 0;
}

/* Handles one key. */
static void
on_key(struct console *c, int key)
{
	int r;

	if (c->bench != NULL)
		bench_key(c);
	c->dirty = true;
	if (key == KEY_RESIZE)
		return;
	if ((c->cols < MIN_COLS || c->rows < MIN_ROWS) && !c->too_small_ignored) {
		if (key == 'i')
			c->too_small_ignored = true;
		else if (key == 'Q' || key == 'q')
			keys_dispatch(c, 'Q');
		return;
	}
	c->msg[0] = '\0';
	if (c->confirming) {
		c->confirming = false;
		if (key == 'y' || key == 'Y')
			c->confirm_fn(c);
		else
			console_msg(c, false, "cancelled: nothing sent");
		return;
	}
	if (c->prompting) {
		if ((r = edit(c->prompt_buf, sizeof c->prompt_buf, key)) != 0) {
			c->prompting = false;
			if (r == 1)
				c->prompt_fn(c, c->prompt_buf);
			else
				console_msg(c, false, "cancelled: nothing was sent");
		}
		return;
	}
	if (c->view == VIEW_WIZARD) {
		wizard_key(c, key);
		return;
	}
	if (c->palette) {
		if (key == '\t') {
			palette_complete(c);
			return;
		}
		if ((r = edit(c->pal_text, sizeof c->pal_text, key)) != 0) {
			c->palette = false;
			if (r == 1)
				keys_run_line(c, c->pal_text);
		}
		return;
	}
	if (c->tree.filtering) {
		if (key == KEY_UP || key == KEY_DOWN) {
			c->tree.filtering = false;
			keys_dispatch(c, key);
			return;
		}
		r = edit(c->tree.filter, sizeof c->tree.filter, key);
		if (r == -1)
			c->tree.filter[0] = '\0';
		if (r != 0)
			c->tree.filtering = false;
		if (r == -1 || strcmp(c->tree.filter, c->tree.applied) != 0)
			tree_apply_filter(c);
		return;
	}
	if (c->au_searching) {
		r = edit(c->au_search, sizeof c->au_search, key);
		if (r == -1)
			c->au_search[0] = '\0';
		if (r != 0)
			c->au_searching = false;
		if (r >= 0)
			audit_next_match(c, 0);
		return;
	}
	if (!keys_dispatch(c, key)) {
		char name[16];

		keys_name(key, name, sizeof name);
		console_msg(c, false, "%s does nothing here (? for help)", name);
	}
}

/* Handles a finished job. */
static void
on_event(const struct pool_event *ev, void *arg)
{
	struct console *c = arg;

	if (c->jobs_running > 0)
		c->jobs_running--;
	c->dirty = true;
	switch (ev->kind) {
	case CJOB_SWEEP:
		console_reload(c);
		if (ev->msg != NULL)
			console_msg(c, ev->status != POOL_JOB_DONE, "%s", ev->msg);
		break;
	case CJOB_LIVE:
		signal_event(c, ev->status == POOL_JOB_DONE, ev->msg);
		break;
	case CJOB_WRITE:
		wizard_event(c, ev->status == POOL_JOB_DONE);
		break;
	default:
		break;
	}
}

static volatile sig_atomic_t got_signal;

/* SIGINT/SIGTERM/SIGHUP: ask the loop to stop (it cleans up). */
static void
on_signal(int sig)
{
	got_signal = sig;
}

/* Reads every key waiting on stdin. */
static void
read_keys(struct console *c)
{
	int key;

	while ((key = getch()) != ERR) {
		on_key(c, key);
		if (c->quit)
			return;
	}
}

/* The loop: poll stdin and the wake-up pipe, draw when dirty. */
static void
loop(struct console *c)
{
	int64_t next_tick = mono_ms() + 1000;

	c->dirty = true;
	while (!c->quit) {
		struct pollfd pfd[2];
		int n = 1, timeout, st;
		int64_t now;

		if (c->dirty)
			draw(c);
		if (c->tree.pending) {
			console_reload(c);	/* the port counts, after the first frame */
			if (c->tree.nolts == 1 && !c->tree.olts[0].expanded)
				c->tree.olts[0].expanded = true, tree_flatten(c);
			c->dirty = true;
			continue;
		}
		pfd[0].fd = STDIN_FILENO, pfd[0].events = POLLIN, pfd[0].revents = 0;
		if (c->pool != NULL) {
			pfd[1].fd = pool_wake_fd(c->pool), pfd[1].events = POLLIN;
			pfd[1].revents = 0;
			n = 2;
		}
		now = mono_ms();
		timeout = (int)(next_tick > now ? next_tick - now : 0);
		if ((st = signal_timeout_ms(c)) >= 0 && st < timeout)
			timeout = st;
		st = poll(pfd, (nfds_t)n, timeout);
		if (st == -1 && errno != EINTR)
			break;
		if (st == -1 || (pfd[0].revents & (POLLIN | POLLHUP)))
			read_keys(c);	/* EINTR: SIGWINCH or a resume gives KEY_RESIZE */
		if (pfd[0].revents & (POLLHUP | POLLERR | POLLNVAL))
			c->quit = true;
		if (n == 2 && (pfd[1].revents & POLLIN)) {
			pool_events_drain(c->pool, on_event, c);
			if (wizard_progress_changed(c))
				c->dirty = true;	/* a write step went out or came back */
		}
		if (got_signal == SIGINT) {
			got_signal = 0;
			keys_dispatch(c, 'Q');
			c->dirty = true;
		} else if (got_signal != 0) {
			c->quit = true;
		}
		if (c->view == VIEW_SIGNAL)
			signal_tick(c);
		if (mono_ms() >= next_tick) {
			next_tick = mono_ms() + 1000;
			if (getenv("OLTUI_NOW") == NULL)
				c->dirty = true;	/* ages move */
		}
	}
}

/* Opens the engine: the store, the config, the vault, the workers and the
   session pool (before curses: the vault may ask a passphrase). */
static int
open_all(struct console *c, const struct globals *g, const struct console_opts *opts)
{
	struct engine_opts eo = { 0 };
	char *cause = NULL;

	eo.db_path = g->db_path;
	eo.config_dir = g->config_dir;
	eo.key_file = g->key_file;
	eo.known_hosts = opts->known_hosts;
	eo.accept_new_host_key = opts->accept_new_host_key;
	eo.flags = ENGINE_VAULT | ENGINE_WORKERS | ENGINE_KEEPALIVE;
	if (engine_open(&eo, &c->eng, &cause) != 0) {
		fprintf(stderr, "oltui: %s\n", cause);
		free(cause);
		return -1;
	}
	if (engine_key_created(c->eng))
		fprintf(stderr, "created key file %s (keep it safe, mode 0600)\n", g->key_file);
	c->db_path = xstrdup(engine_db_path(c->eng));
	c->st = engine_store(c->eng, NULL);
	c->cfg = (struct config *)engine_config(c->eng);
	c->vault = engine_vault(c->eng);
	c->pool = engine_pool(c->eng);
	return 0;
}

/* Runs the console; sweep: sweep every OLT at start. */
int
console_run(const struct globals *g, const struct console_opts *opts)
{
	struct console con, *c = &con;
	SCREEN *scr;
	FILE *out;
	int outfd = STDOUT_FILENO, rc = EXIT_OK;
	struct sigaction sa;
	char *cause = NULL;

	memset(c, 0, sizeof *c);
	c->g = g;
	c->accept_new_host_key = opts->accept_new_host_key;
	c->known_hosts = opts->known_hosts;
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fprintf(stderr, "oltui: the console needs a terminal (use a verb for scripts: "
		    "oltui --help)\n");
		return EXIT_USAGE;
	}
	if (open_all(c, g, opts) == -1) {
		rc = EXIT_FAIL;
		goto out;
	}
	signal(SIGPIPE, SIG_IGN);	/* a device hanging up is an error, not a signal */
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	if (getenv("ESCDELAY") == NULL)
		set_escdelay(25);
	out = bench_start(c, &outfd);
	if ((scr = newterm(NULL, out, stdin)) == NULL) {
		fprintf(stderr, "oltui: cannot start the terminal (TERM=%s)\n",
		    getenv("TERM") ? getenv("TERM") : "unset");
		rc = EXIT_FAIL;
		goto out;
	}
	set_term(scr);
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	nodelay(stdscr, TRUE);
	curs_set(0);
	mousemask(0, NULL);
	if (has_colors() && getenv("NO_COLOR") == NULL) {
		start_color();
		use_default_colors();
		c->colour = true;
	}
	ui_init_lines(c, g->ascii || config_bool(c->cfg, "ui.ascii"));
	if (theme_load(c, config_str(c->cfg, "ui.theme"), &cause) == -1) {
		console_msg(c, true, "%s", cause);
		free(cause);
	}
	getmaxyx(stdscr, c->rows, c->cols);
	c->tree.quick = true;		/* first frame at once; counts right after */
	tree_load(c);
	if (opts->sweep)
		for (size_t i = 0; i < c->tree.nolts; i++)
			jobs_sweep(c, &c->tree.olts[i].o);
	loop(c);
	if (c->view == VIEW_SIGNAL)
		signal_close(c);
	endwin();
	delscreen(scr);
out:
	if (c->eng != NULL)
		engine_stop(c->eng, POOL_STOP_DROP | POOL_STOP_CANCEL);
	bench_stop(c);
	tree_free(&c->tree);
	audit_close(c);
	free(c->disc);
	wjob_free(c->wz_job);	/* the pool has stopped: no job holds it */
	free(c->wz_text);
	free(c->profiles);
	engine_close(c->eng);
	free(c->db_path);
	return rc;
}
