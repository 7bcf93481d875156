/*
 * console.c — the console's life: open the store, the vault and the worker
 * pool, start curses, run the loop, stop everything in order.
 *
 * The loop poll()s stdin and the pool's wake-up pipe.  Keys go to the
 * frame's prompts (a yes/no question, a text prompt, the palette) when one
 * is open, else to the top pane and the command table (keys.c).  Pool
 * events (a sweep, a live read, a write finished) go to every open pane,
 * which says whether its model must be read again; a running write also
 * wakes the pipe with no event when it reports a step (pool_poke), and the
 * wizard pane copies the progress then.  Each pane that asked reloads once,
 * then one frame is drawn: the whole virtual screen from the models, then a
 * single doupdate(), which sends only the cells that differ.  With nothing
 * to do the loop sleeps in poll(): no animation, no busy redraw; the one
 * periodic wake-up (every second) keeps the ages true and asks the store
 * whether another connection wrote to it (PRAGMA data_version: the poll
 * daemon's sweeps, a verb run in another terminal), which marks every pane
 * stale; the top pane's tick (the live signal read) shortens the sleep
 * when it is due sooner.
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

#include <sodium.h>

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

static void prompt_open(struct console *, void (*)(struct console *, const char *), bool,
    const char *, va_list) PRINTFLIKE(4, 0);

/* Opens the text prompt: label from fmt, fn on Enter, secret or not. */
static void
prompt_open(struct console *c, void (*fn)(struct console *, const char *), bool secret,
    const char *fmt, va_list ap)
{
	vsnprintf(c->prompt_label, sizeof c->prompt_label, fmt, ap);
	c->prompt_buf[0] = '\0';
	c->prompt_fn = fn;
	c->prompting = true;
	c->prompt_secret = secret;
}

/* Asks for a line of text in the function bar. */
void
console_prompt(struct console *c, void (*fn)(struct console *, const char *),
    const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	prompt_open(c, fn, false, fmt, ap);
	va_end(ap);
}

/* Asks for a secret in the function bar: drawn masked, wiped after. */
void
console_prompt_secret(struct console *c, void (*fn)(struct console *, const char *),
    const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	prompt_open(c, fn, true, fmt, ap);
	va_end(ap);
}

/* ---- drawing ---- */

/* The top line: fleet summary, unreachable OLTs, last sweep, jobs. */
static void
draw_header(struct console *c)
{
	struct tree_summary sm;
	char age[16], buf[512];
	size_t len;

	tree_model_summary(main_pane_fleet(c), &sm);
	len = (size_t)snprintf(buf, sizeof buf, " oltui");
	if (c->jobs_running)
		len += (size_t)snprintf(buf + len, sizeof buf - len, "%sjobs %d", c->gl->dot,
		    c->jobs_running);
	len += (size_t)snprintf(buf + len, sizeof buf - len, "%sOLTs %d/%zu up", c->gl->dot,
	    sm.up, sm.olts);
	if (sm.unreachable)
		len += (size_t)snprintf(buf + len, sizeof buf - len, " %s%d", c->gl->cross,
		    sm.unreachable);
	len += (size_t)snprintf(buf + len, sizeof buf - len, "%sONTs %d/%d online%s%s%d",
	    c->gl->dot, sm.online, sm.onts, c->gl->dot, c->gl->warn, sm.warn);
	if (sm.crit)
		len += (size_t)snprintf(buf + len, sizeof buf - len, " %s%d", c->gl->crit, sm.crit);
	if (sm.outages)
		len += (size_t)snprintf(buf + len, sizeof buf - len, "%s%d PON down",
		    c->gl->dot, sm.outages);
	/* how old the data is: the newest sweep, else the newest reading */
	if (sm.last_sweep_at != 0) {
		ui_age_short(sm.last_sweep_at, console_now(), age, sizeof age);
		snprintf(buf + len, sizeof buf - len, "%sswept %s", c->gl->dot, age);
	} else if (sm.data_at != 0) {
		ui_age_short(sm.data_at, console_now(), age, sizeof age);
		snprintf(buf + len, sizeof buf - len, "%snever swept, data %s old",
		    c->gl->dot, age);
	} else if (!sm.pending) {
		snprintf(buf + len, sizeof buf - len, "%snever swept", c->gl->dot);
	}
	ui_fill(c, 0, 0, c->cols, R_HEADER);
	ui_put(c, 0, 0, c->cols, R_HEADER, buf);
}

/* The bottom line: a prompt, a message, or the function bar. */
static void
draw_footer(struct console *c)
{
	struct pane *top = pane_top(c);
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
		char stars[sizeof c->prompt_buf];
		const char *text = c->prompt_buf;
		size_t n = strlen(text);
		int lw = ui_width(c->prompt_label), tw, room;

		if (c->prompt_secret) {
			memset(stars, '*', n);
			stars[n] = '\0';
			text = stars;
		}
		/* what is typed stays in sight: a long label gives way to it */
		tw = ui_width(text);
		room = c->cols - 1 - tw;
		if (lw <= room)
			ui_putf(c, y, 0, c->cols, R_INPUT, "%s%s", c->prompt_label, text);
		else if (room < 8) {	/* typed input is ASCII: its tail by bytes */
			int u = ui_put(c, y, 0, 1, R_INPUT, c->gl->ellipsis);

			size_t keep = (size_t)(c->cols > 2 ? c->cols - 2 : 1);

			ui_put(c, y, u, c->cols - u, R_INPUT, n > keep ? text + n - keep : text);
		} else {
			int u = ui_put(c, y, 0, room - 1, R_INPUT, c->prompt_label);

			u += ui_put(c, y, u, 1, R_INPUT, c->gl->ellipsis);
			ui_put(c, y, u, c->cols - u, R_INPUT, text);
		}
		return;
	}
	if (top->ops->footer != NULL && top->ops->footer(c, top, y, c->cols))
		return;
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

/* Draws one frame and sends it with a single doupdate(). */
void
console_draw(struct console *c)
{
	getmaxyx(stdscr, c->rows, c->cols);
	erase();
	if ((c->cols < MIN_COLS || c->rows < MIN_ROWS) && !c->too_small_ignored) {
		int y = c->rows / 2;

		ui_putf(c, y > 0 ? y - 1 : 0, 0, c->cols, R_NORMAL, "terminal too small "
		    "(%dx%d, need %dx%d)", c->cols, c->rows, MIN_COLS, MIN_ROWS);
		ui_put(c, y, 0, c->cols, R_NORMAL, "resize, or press i to ignore");
	} else {
		struct pane *top = pane_top(c);
		int y, x, h, w;

		draw_header(c);
		pane_body(c, &y, &x, &h, &w);
		top->ops->draw(c, top, y, x, h, w);
		draw_footer(c);
	}
	wnoutrefresh(stdscr);
	doupdate();
	c->dirty = false;
	if (c->bench != NULL)
		bench_frame(c);
}

/* ---- input ---- */

/* Edits a line of input; returns 1 on Enter, -1 on Esc, 0 otherwise. */
int
console_edit(char *buf, size_t size, int key)
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
			keys_command(c, CMD_QUIT, NULL);
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
		if ((r = console_edit(c->prompt_buf, sizeof c->prompt_buf, key)) != 0) {
			bool secret = c->prompt_secret;

			c->prompting = false;
			c->prompt_secret = false;
			if (r == 1)
				c->prompt_fn(c, c->prompt_buf);
			else
				console_msg(c, false, "cancelled: nothing was sent");
			/* fn copied what it keeps; a prompt it opened is empty */
			if (secret)
				sodium_memzero(c->prompt_buf, sizeof c->prompt_buf);
		}
		return;
	}
	if (c->palette) {
		palette_key(c, key);
		return;
	}
	if (!keys_dispatch(c, key)) {
		char name[16];

		keys_name(key, name, sizeof name);
		console_msg(c, false, "%s does nothing here (? for help)", name);
	}
}

/* Handles a finished job: the panes say what it changed for them. */
static void
on_event(const struct pool_event *ev, void *arg)
{
	struct console *c = arg;

	/* the console's own jobs; the mass run's routers (core's jobs) count
	   as one, ended by mass_run.c */
	if (c->jobs_running > 0 && (ev->kind == CJOB_SWEEP || ev->kind == CJOB_LIVE ||
	    ev->kind == CJOB_WRITE || ev->kind == CJOB_ACS_READ || ev->kind == CJOB_ACS_MASS))
		c->jobs_running--;
	c->dirty = true;
	if (ev->kind == CJOB_SWEEP && ev->msg != NULL)
		console_msg(c, ev->status != POOL_JOB_DONE, "%s", ev->msg);
	pane_event(c, ev);
	if (ev->kind == CJOB_WRITE)
		wizard_job_done(c, ev->status == POOL_JOB_DONE);
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

/* Once a second: when another connection wrote to the database (the poll
   daemon's sweep, a verb in another terminal, one of our own workers),
   every pane reads its model again, as `u` does. */
static void
watch_store(struct console *c)
{
	int64_t v = store_data_version(c->st);

	if (v == -1 || v == c->data_version)
		return;
	c->data_version = v;
	pane_touch_all(c, PANE_RELOAD);
}

/* The loop: poll stdin and the wake-up pipe; reload what is stale, then
   draw when dirty. */
static void
loop(struct console *c)
{
	int64_t next_tick = mono_ms() + 1000;
	int rows = c->rows, cols = c->cols;

	c->dirty = true;
	while (!c->quit) {
		struct pollfd pfd[2];
		struct pane *top;
		int n = 1, timeout, st;
		int64_t now;

		getmaxyx(stdscr, c->rows, c->cols);
		if (c->rows != rows || c->cols != cols) {
			rows = c->rows, cols = c->cols;
			pane_touch_all(c, PANE_FOLLOW);	/* models sized to the screen */
		}
		pane_reload(c);
		if (c->dirty) {
			console_draw(c);
			if (pane_after_frame(c))
				continue;	/* the fleet's counts, right after the first frame */
		}
		pfd[0].fd = STDIN_FILENO, pfd[0].events = POLLIN, pfd[0].revents = 0;
		if (c->pool != NULL) {
			pfd[1].fd = pool_wake_fd(c->pool), pfd[1].events = POLLIN;
			pfd[1].revents = 0;
			n = 2;
		}
		now = mono_ms();
		timeout = (int)(next_tick > now ? next_tick - now : 0);
		top = pane_top(c);
		if (top->ops->tick != NULL && (st = top->ops->tick(c, top)) >= 0 && st < timeout)
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
			mass_run_pump(c);	/* a router of the mass change was handled */
			pane_event(c, NULL);	/* a write step went out or came back */
		}
		if (got_signal == SIGINT) {
			got_signal = 0;
			keys_command(c, CMD_QUIT, NULL);
			c->dirty = true;
		} else if (got_signal != 0) {
			c->quit = true;
		}
		if (mono_ms() >= next_tick) {
			next_tick = mono_ms() + 1000;
			if (getenv("OLTUI_NOW") == NULL)
				c->dirty = true;	/* ages move */
			mass_run_pump(c);	/* a cancel from another process */
			watch_store(c);
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
	c->quit_note = opts->quit_note;
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
	pane_push(c, &main_pane_ops, NULL);	/* a quick load: the first frame at once */
	pane_main(c)->later = PANE_RELOAD;	/* the counts right after it */
	c->data_version = store_data_version(c->st);
	if (opts->sweep) {
		const struct tree_model *m = main_pane_fleet(c);

		for (size_t i = 0; i < m->nolts; i++)
			jobs_sweep(c, &m->olts[i].o);
	}
	loop(c);
	pane_pop_to_main(c);	/* a live read is cancelled */
	mass_run_end(c);	/* paused, resumable, the routers in flight done */
	endwin();
	delscreen(scr);
out:
	if (c->eng != NULL)
		engine_stop(c->eng, POOL_STOP_DROP | POOL_STOP_CANCEL);
	bench_stop(c);
	pane_close_all(c);
	wjob_free(c->wjob);	/* the pool has stopped: no job holds it */
	engine_close(c->eng);
	free(c->db_path);
	return rc;
}
