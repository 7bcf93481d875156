/*
 * keys.c — the console's command table: every key binding and every `:`
 * command is one const entry (name, keys, function-bar label, help line,
 * what it runs).  The help overlay (`?`), the function bar, the palette's
 * completion and docs/console.md's key list all come from this table, so
 * they cannot drift apart.
 *
 * The table itself is CONSOLE_CMDS in console.h (one X-macro gives the
 * enum the panes switch on and this table).  A key goes to the top pane
 * first, with the command bound to it: the pane gives it its meaning there
 * (`down` moves the tree, the alarm list or the audit trail; `Enter` opens
 * a node, jumps to an alarm, expands an audit entry) and says whether it
 * took it.  When it did not, the command's run() below does what the
 * command means everywhere (open a view, quit, sweep, change the theme).
 * UI thread only.
 */
#include "tui/console/console.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/pool.h"
#include "lib/util.h"

/* The rows of a page. */
static long
page(const struct console *c)
{
	return c->rows > 6 ? c->rows - 5 : 1;
}

/* The rows a movement command moves by. */
long
keys_move_delta(const struct console *c, const struct cmd *cmd)
{
	if (cmd == NULL)
		return 0;
	switch (cmd->id) {
	case CMD_UP: return -1;
	case CMD_DOWN: return 1;
	case CMD_PAGE_UP: return -page(c);
	case CMD_PAGE_DOWN: return page(c);
	case CMD_TOP: return -100000000L;
	case CMD_BOTTOM: return 100000000L;
	default: return 0;
	}
}

/* A list index moved by delta, clamped. */
size_t
keys_move_index(size_t sel, size_t n, long delta)
{
	long v = (long)sel + delta;

	if (v >= (long)n)
		v = (long)n - 1;
	return v < 0 ? 0 : (size_t)v;
}

/* ---- what a command does when the top pane did not take it ---- */

/* F1 / ?: the help pane (closes it when it is open). */
static void
cmd_help(struct console *c, const char *a)
{
	(void)a;
	pane_toggle(c, &help_ops, NULL);
}

/* F2: the discovery list, read again. */
static void
cmd_discover(struct console *c, const char *a)
{
	(void)a;
	pane_show(c, &discover_ops, NULL);
}

/* F3 outside the discovery list: opens it (it provisions from there). */
static void
cmd_provision(struct console *c, const char *a)
{
	(void)a;
	if (pane_show(c, &discover_ops, NULL) == 0)
		console_msg(c, false, "choose a discovered ONT, then Enter (R reads autofind again)");
}

/* F4: the live signal view of the selected ONT (closes it when open). */
static void
cmd_signal(struct console *c, const char *a)
{
	(void)a;
	pane_toggle(c, &signal_ops, NULL);
}

/* F5: the alarm list (closes it when open). */
static void
cmd_alarms(struct console *c, const char *a)
{
	(void)a;
	pane_toggle(c, &alarms_pane_ops, NULL);
}

/* F6, c: the audit trail of the selection (closes it when open). */
static void
cmd_audit(struct console *c, const char *a)
{
	(void)a;
	pane_toggle(c, &audit_pane_ops, NULL);
}

/* `:`: the command palette. */
static void
cmd_palette(struct console *c, const char *a)
{
	(void)a;
	palette_open(c);
}

/* Quits (after the question, when jobs run). */
static void
do_quit(struct console *c)
{
	c->quit = true;
}

/* Q, F10 (and q on the main view): quits, asking first when jobs are
   running or when quitting does more than close the console (the demo's
   lab stops: c->quit_note says so). */
static void
cmd_quit(struct console *c, const char *a)
{
	const char *note = c->quit_note;

	(void)a;
	if (c->jobs_running > 0)
		console_confirm(c, do_quit, "%d job%s still running: quit and cancel %s?%s%s",
		    c->jobs_running, c->jobs_running == 1 ? "" : "s",
		    c->jobs_running == 1 ? "it" : "them", note ? " " : "", note ? note : "");
	else if (note != NULL)
		console_confirm(c, do_quit, "Quit oltui? %s", note);
	else
		c->quit = true;
}

/* q: closes the top pane; the main pane never closes, so there it quits. */
static void
cmd_close(struct console *c, const char *a)
{
	if (c->npanes <= 1)
		cmd_quit(c, a);
	else
		pane_pop(c);
}

/* Esc (when the pane had nothing of its own to clear): cancels running
   sweeps, else closes the view; never quits. */
static void
cmd_cancel(struct console *c, const char *a)
{
	int n;

	(void)a;
	if (c->jobs_running > 0 && c->pool != NULL &&
	    (n = pool_cancel_kind(c->pool, CJOB_SWEEP)) > 0) {
		console_msg(c, false, "cancelled %d job%s", n, n == 1 ? "" : "s");
		return;
	}
	pane_pop(c);
}

/* R: sweeps the OLT selected in the fleet tree. */
static void
cmd_sweep(struct console *c, const char *a)
{
	struct tree_olt *to = tree_model_sel_olt(main_pane_fleet(c));

	(void)a;
	if (to == NULL) {
		console_msg(c, true, "select an OLT to sweep");
		return;
	}
	if (jobs_sweep(c, &to->o) != 0)
		console_msg(c, false, "sweeping %s%s", to->o.name, c->gl->ellipsis);
}

/* u, C-l: every pane reads its model again; the screen is redrawn whole. */
static void
cmd_refresh(struct console *c, const char *a)
{
	(void)a;
	pane_touch_all(c, PANE_RELOAD);
	clearok(curscr, TRUE);
}

/* :theme NAME. */
static void
cmd_theme(struct console *c, const char *a)
{
	char *cause = NULL;

	if (a == NULL || a[0] == '\0') {
		console_msg(c, false, "theme %s (try :theme default|mono|light|colourblind)",
		    c->theme);
		return;
	}
	if (theme_load(c, a, &cause) == -1) {
		console_msg(c, true, "%s", cause);
		free(cause);
	}
}

/* :ascii toggles plain ASCII drawing. */
static void
cmd_ascii(struct console *c, const char *a)
{
	(void)a;
	ui_init_lines(c, c->lines != LINES_ASCII);
}

/* :jump SERIAL selects an ONT in the fleet tree. */
static void
cmd_jump(struct console *c, const char *a)
{
	if (a == NULL || a[0] == '\0') {
		console_msg(c, true, "jump SERIAL");
		return;
	}
	if (!main_pane_jump_sn(c, a))
		console_msg(c, true, "no ONT with serial %s in the cache", a);
}

/* T: the router of the selected ONT, through the ACS (closes it when
   open). */
static void
cmd_router(struct console *c, const char *a)
{
	(void)a;
	pane_toggle(c, &router_pane_ops, NULL);
}

/* A router action outside the router view (which takes them itself). */
static void
cmd_no_router(struct console *c, const char *a)
{
	(void)a;
	console_msg(c, true, "open the ONT's router first (T on an ONT)");
}

/* :acs-mass: the mass change screen for the selected OLT or port (or the
   progress of the one running). */
static void
cmd_acs_mass(struct console *c, const char *a)
{
	(void)a;
	pane_toggle(c, &mass_pane_ops, NULL);
}

/* An ONT action outside the fleet tree (which takes them itself). */
static void
cmd_no_ont(struct console *c, const char *a)
{
	(void)a;
	console_msg(c, true, "select an ONT in the tree first");
}

#define CMD_ROW(id, name, key, key2, fkey, fbar, help, run) \
	{ CMD_##id, name, key, key2, fkey, fbar, help, run },
const struct cmd console_cmds[] = { CONSOLE_CMDS(CMD_ROW) };
#undef CMD_ROW
const size_t console_ncmds = sizeof console_cmds / sizeof console_cmds[0];

/* The command bound to key, or NULL. */
static const struct cmd *
lookup(int key)
{
	if (key >= KEY_F(1) && key <= KEY_F(12)) {
		for (size_t i = 0; i < console_ncmds; i++)
			if (console_cmds[i].fkey == key - KEY_F(0))
				return &console_cmds[i];
		return NULL;
	}
	if (key == '\r')
		key = '\n';
	for (size_t i = 0; i < console_ncmds; i++)
		if (key != 0 && (console_cmds[i].key == key || console_cmds[i].key2 == key))
			return &console_cmds[i];
	return NULL;
}

/* The top pane first, then the command's own run. */
static bool
run(struct console *c, int key, const struct cmd *k, const char *arg)
{
	struct pane *p = pane_top(c);

	if (p != NULL && p->ops->key != NULL && p->ops->key(c, p, key, k, arg))
		return true;
	if (k == NULL)
		return false;
	if (k->run != NULL)
		k->run(c, arg);
	return true;
}

/* Hands key to the top pane, then runs the command bound to it. */
bool
keys_dispatch(struct console *c, int key)
{
	return run(c, key, lookup(key), NULL);
}

/* Runs command id's own run(), bypassing the panes. */
void
keys_command(struct console *c, enum cmd_id id, const char *arg)
{
	if (console_cmds[id].run != NULL)
		console_cmds[id].run(c, arg);
}

/* Runs "name [arg]" from the palette. */
bool
keys_run_line(struct console *c, const char *line)
{
	char word[64];
	const char *arg;
	size_t n;

	while (*line == ' ')
		line++;
	n = strcspn(line, " ");
	if (n == 0)
		return false;
	if (n >= sizeof word)
		n = sizeof word - 1;
	memcpy(word, line, n);
	word[n] = '\0';
	arg = line + n;
	while (*arg == ' ')
		arg++;
	for (size_t i = 0; i < console_ncmds; i++)
		if (strcmp(console_cmds[i].name, word) == 0)
			return run(c, 0, &console_cmds[i], arg);
	console_msg(c, true, "no command called '%s' (Tab completes, ? lists them)", word);
	return false;
}

/* The printable name of a key. */
void
keys_name(int key, char *out, size_t size)
{
	if (key >= KEY_F(1) && key <= KEY_F(12))
		snprintf(out, size, "F%d", key - KEY_F(0));
	else if (key == '\n' || key == KEY_ENTER)
		snprintf(out, size, "Enter");
	else if (key == '\t')
		snprintf(out, size, "Tab");
	else if (key == 27)
		snprintf(out, size, "Esc");
	else if (key == KEY_UP)
		snprintf(out, size, "Up");
	else if (key == KEY_DOWN)
		snprintf(out, size, "Down");
	else if (key == KEY_LEFT)
		snprintf(out, size, "Left");
	else if (key == KEY_RIGHT)
		snprintf(out, size, "Right");
	else if (key == KEY_PPAGE)
		snprintf(out, size, "PgUp");
	else if (key == KEY_NPAGE)
		snprintf(out, size, "PgDn");
	else if (key == KEY_HOME)
		snprintf(out, size, "Home");
	else if (key == KEY_END)
		snprintf(out, size, "End");
	else if (key > 0 && key < 0x20)
		snprintf(out, size, "C-%c", key + 'a' - 1);
	else if (key > 0 && key < 0x7f)
		snprintf(out, size, "%c", key);
	else
		snprintf(out, size, "-");
}

void
keys_print_markdown(FILE *f)
{
	fprintf(f, "| command | keys | what it does |\n|---|---|---|\n");
	for (size_t i = 0; i < console_ncmds; i++) {
		const struct cmd *k = &console_cmds[i];
		char keys[64] = "", n[16];
		int v[3] = { k->fkey ? KEY_F(k->fkey) : 0, k->key, k->key2 };

		for (int j = 0; j < 3; j++) {
			if (v[j] == 0)
				continue;
			keys_name(v[j], n, sizeof n);
			snprintf(keys + strlen(keys), sizeof keys - strlen(keys), "%s`%s`",
			    keys[0] ? " " : "", strcmp(n, "|") == 0 ? "\\|" : n);
		}
		fprintf(f, "| `:%s` | %s | %s |\n", k->name, keys[0] ? keys : "-", k->help);
	}
}
