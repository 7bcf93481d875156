/*
 * keys.c — the console's command table: every key binding and every `:`
 * command is one const entry (name, keys, function-bar label, help line,
 * what it runs).  The help overlay (`?`), the function bar, the palette's
 * completion and docs/console.md's key list all come from this table, so
 * they cannot drift apart.
 *
 * A command's run() decides what it means in the current view (`down`
 * moves the tree, the alarm list or the audit trail).  UI thread only.
 */
#include "tui/console/console.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/pool.h"
#include "core/store.h"
#include "lib/util.h"

#define CTRL(x)	((x) & 0x1f)

/* Moves whatever list the view shows. */
static void
move_by(struct console *c, long d)
{
	switch (c->view) {
	case VIEW_MAIN:
		if (c->focus == FOCUS_DETAIL)
			detail_scroll(c, d);
		else
			tree_move(c, d);
		break;
	case VIEW_ALARMS: alarms_move(c, d); break;
	case VIEW_AUDIT: audit_move(c, d); break;
	case VIEW_DISCOVER: discover_move(c, d); break;
	case VIEW_HELP: {
		long v = (long)c->help_top + d;
		c->help_top = v < 0 ? 0 : (size_t)v;
		break;
	}
	case VIEW_SIGNAL:
	case VIEW_WIZARD:
		break;
	}
}

static long
page(const struct console *c)
{
	return c->rows > 6 ? c->rows - 5 : 1;
}

static void cmd_up(struct console *c, const char *a) { (void)a; move_by(c, -1); }
static void cmd_down(struct console *c, const char *a) { (void)a; move_by(c, 1); }
static void cmd_pgup(struct console *c, const char *a) { (void)a; move_by(c, -page(c)); }
static void cmd_pgdn(struct console *c, const char *a) { (void)a; move_by(c, page(c)); }
static void cmd_top(struct console *c, const char *a) { (void)a; move_by(c, -100000000L); }
static void cmd_bottom(struct console *c, const char *a) { (void)a; move_by(c, 100000000L); }

/* Right / l: expand in the tree, next period in the signal view. */
static void
cmd_expand(struct console *c, const char *a)
{
	(void)a;
	if (c->view == VIEW_SIGNAL)
		signal_period(c, 1);
	else if (c->view == VIEW_MAIN)
		tree_expand(c, false);
}

/* Left / h: collapse or parent; previous period in the signal view. */
static void
cmd_collapse(struct console *c, const char *a)
{
	(void)a;
	if (c->view == VIEW_SIGNAL)
		signal_period(c, -1);
	else if (c->view == VIEW_MAIN)
		tree_collapse(c);
}

static void
cmd_expand_all(struct console *c, const char *a)
{
	(void)a;
	if (c->view == VIEW_MAIN)
		tree_expand(c, true);
}

/* Enter: toggles a tree node, jumps from an alarm, expands an audit entry. */
static void
cmd_open(struct console *c, const char *a)
{
	(void)a;
	switch (c->view) {
	case VIEW_MAIN:
		if (c->tree.nrows && c->tree.rows[c->tree.sel].kind == NODE_ONT)
			signal_open(c);
		else
			tree_toggle(c);
		break;
	case VIEW_ALARMS: alarms_enter(c); break;
	case VIEW_AUDIT: c->au_open = !c->au_open; break;
	case VIEW_DISCOVER: wizard_open(c); break;
	default: break;
	}
}

static void
cmd_help(struct console *c, const char *a)
{
	(void)a;
	if (c->view == VIEW_SIGNAL)
		signal_close(c);
	c->view = c->view == VIEW_HELP ? VIEW_MAIN : VIEW_HELP;
	c->help_top = 0;
}

static void
cmd_discover(struct console *c, const char *a)
{
	(void)a;
	discover_open(c);
}

/* F3: provision the selected discovered ONT (opens the list first). */
static void
cmd_provision(struct console *c, const char *a)
{
	(void)a;
	if (c->view == VIEW_DISCOVER)
		wizard_open(c);
	else {
		discover_open(c);
		console_msg(c, false, "choose a discovered ONT, then Enter (R reads autofind again)");
	}
}

static void cmd_reboot(struct console *c, const char *a) { (void)a; action_run(c, WJ_REBOOT); }
static void cmd_disable(struct console *c, const char *a) { (void)a; action_run(c, WJ_DISABLE); }
static void cmd_enable(struct console *c, const char *a) { (void)a; action_run(c, WJ_ENABLE); }
static void cmd_speed(struct console *c, const char *a) { (void)a; action_run(c, WJ_SPEED); }
static void cmd_vlan(struct console *c, const char *a) { (void)a; action_run(c, WJ_VLAN); }
static void cmd_move(struct console *c, const char *a) { (void)a; action_run(c, WJ_MOVE); }
static void cmd_delete(struct console *c, const char *a) { (void)a; action_run(c, WJ_DELETE); }
static void cmd_replace(struct console *c, const char *a) { (void)a; action_run(c, WJ_REPLACE); }

static void
cmd_signal(struct console *c, const char *a)
{
	(void)a;
	if (c->view == VIEW_SIGNAL)
		signal_close(c);
	else
		signal_open(c);
}

static void
cmd_alarms(struct console *c, const char *a)
{
	(void)a;
	if (c->view == VIEW_SIGNAL)
		signal_close(c);
	c->view = c->view == VIEW_ALARMS ? VIEW_MAIN : VIEW_ALARMS;
}

static void
cmd_audit(struct console *c, const char *a)
{
	(void)a;
	if (c->view == VIEW_AUDIT) {
		audit_close(c);
		return;
	}
	if (c->view == VIEW_SIGNAL)
		signal_close(c);
	audit_open(c);
}

/* `/`: filter the tree, or search the audit trail. */
static void
cmd_filter(struct console *c, const char *a)
{
	if (c->view == VIEW_AUDIT) {
		c->au_searching = true;
		c->au_search[0] = '\0';
		return;
	}
	if (c->view != VIEW_MAIN)
		return;
	if (a != NULL && a[0]) {
		strlcpy_(c->tree.filter, a, sizeof c->tree.filter);
		tree_apply_filter(c);
		return;
	}
	c->tree.filtering = true;
	c->tree.filter[0] = '\0';
	c->focus = FOCUS_TREE;
}

static void
cmd_palette(struct console *c, const char *a)
{
	(void)a;
	c->palette = true;
	c->pal_text[0] = '\0';
}

static void
cmd_next(struct console *c, const char *a)
{
	(void)a;
	if (c->view == VIEW_AUDIT)
		audit_next_match(c, 1);
	else
		tree_next_match(c, 1);
}

static void
cmd_prev(struct console *c, const char *a)
{
	(void)a;
	if (c->view == VIEW_AUDIT)
		audit_next_match(c, -1);
	else
		tree_next_match(c, -1);
}

static void
cmd_focus(struct console *c, const char *a)
{
	(void)a;
	if (c->view == VIEW_MAIN)
		c->focus = c->focus == FOCUS_TREE ? FOCUS_DETAIL : FOCUS_TREE;
}

static void
do_quit(struct console *c)
{
	c->quit = true;
}

static void
cmd_quit(struct console *c, const char *a)
{
	(void)a;
	if (c->jobs_running > 0)
		console_confirm(c, do_quit, "%d job%s still running: quit and cancel %s?",
		    c->jobs_running, c->jobs_running == 1 ? "" : "s",
		    c->jobs_running == 1 ? "it" : "them");
	else
		c->quit = true;
}

/* q: closes the view; in the main view it quits. */
static void
cmd_close(struct console *c, const char *a)
{
	switch (c->view) {
	case VIEW_MAIN: cmd_quit(c, a); break;
	case VIEW_SIGNAL: signal_close(c); break;
	case VIEW_AUDIT: audit_close(c); break;
	default: c->view = VIEW_MAIN; break;
	}
}

/* Esc: clears the filter, cancels jobs, closes the view; never quits. */
static void
cmd_cancel(struct console *c, const char *a)
{
	int n;

	(void)a;
	if (c->view == VIEW_MAIN && c->tree.applied[0] != '\0') {
		c->tree.filter[0] = '\0';
		tree_apply_filter(c);
		return;
	}
	if (c->view == VIEW_AUDIT && c->au_search[0] != '\0') {
		c->au_search[0] = '\0';
		return;
	}
	if (c->jobs_running > 0 && c->pool != NULL &&
	    (n = pool_cancel_kind(c->pool, CJOB_SWEEP)) > 0) {
		console_msg(c, false, "cancelled %d job%s", n, n == 1 ? "" : "s");
		return;
	}
	if (c->view != VIEW_MAIN)
		cmd_close(c, a);
}

static void
cmd_sweep(struct console *c, const char *a)
{
	struct tree_olt *to = console_sel_olt(c);

	(void)a;
	if (c->view == VIEW_DISCOVER) {
		discover_read(c);
		return;
	}
	if (to == NULL) {
		console_msg(c, true, "select an OLT to sweep");
		return;
	}
	if (jobs_sweep(c, &to->o) != 0)
		console_msg(c, false, "sweeping %s%s", to->o.name, c->gl->ellipsis);
}

static void
cmd_sort(struct console *c, const char *a)
{
	(void)a;
	c->port_sort = !c->port_sort;
	c->detail_top = 0;
}

static void
cmd_period(struct console *c, const char *a)
{
	(void)a;
	if (c->view == VIEW_SIGNAL)
		signal_period(c, 1);
}

static void
cmd_refresh(struct console *c, const char *a)
{
	(void)a;
	console_reload(c);
	clearok(curscr, TRUE);
}

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

static void
cmd_ascii(struct console *c, const char *a)
{
	(void)a;
	ui_init_lines(c, c->lines != LINES_ASCII);
}

static void
cmd_jump(struct console *c, const char *a)
{
	if (a == NULL || a[0] == '\0') {
		console_msg(c, true, "jump SERIAL");
		return;
	}
	c->view = VIEW_MAIN;
	if (!tree_jump_sn(c, a))
		console_msg(c, true, "no ONT with serial %s in the cache", a);
}

/* c: the audit trail of the selected ONT's contract. */
static void
cmd_contract(struct console *c, const char *a)
{
	cmd_audit(c, a);
}

const struct cmd console_cmds[] = {
	{ "help", '?', 0, 1, "Help", "this help", cmd_help },
	{ "discover", 'D', 0, 2, "Discover", "ONTs found by autofind, not yet authorised (R reads again)", cmd_discover },
	{ "provision", 'P', 0, 3, "Provision", "authorise a discovered ONT: profile, contract, preview, send, verify", cmd_provision },
	{ "signal", 'S', 0, 4, "Signal", "live signal view of the selected ONT", cmd_signal },
	{ "alarms", 'A', 0, 5, "Alarms", "active alarms and PON outages", cmd_alarms },
	{ "audit", 'a', 0, 6, "Audit", "audit trail of the selected contract, ONT or OLT", cmd_audit },
	{ "filter", '/', 0, 0, "Filter", "filter the tree as you type (serial, name, contract, port); search the audit", cmd_filter },
	{ "palette", ':', 0, 0, "Cmd", "command palette with Tab completion", cmd_palette },
	{ "quit", 'Q', 0, 10, "Quit", "quit (asks when jobs are running)", cmd_quit },
	{ "close", 'q', 0, 0, NULL, "close the view (quits from the main view)", cmd_close },
	{ "cancel", 27, 0, 0, NULL, "clear the filter, cancel running jobs, close the view; never quits", cmd_cancel },
	{ "up", KEY_UP, 'k', 0, NULL, "move up", cmd_up },
	{ "down", KEY_DOWN, 'j', 0, NULL, "move down", cmd_down },
	{ "page-up", KEY_PPAGE, CTRL('b'), 0, NULL, "page up", cmd_pgup },
	{ "page-down", KEY_NPAGE, CTRL('f'), 0, NULL, "page down", cmd_pgdn },
	{ "top", 'g', KEY_HOME, 0, NULL, "first row", cmd_top },
	{ "bottom", 'G', KEY_END, 0, NULL, "last row", cmd_bottom },
	{ "expand", KEY_RIGHT, 'l', 0, NULL, "expand; next period in the signal view", cmd_expand },
	{ "collapse", KEY_LEFT, 'h', 0, NULL, "collapse, then go to the parent; previous period", cmd_collapse },
	{ "open", '\n', KEY_ENTER, 0, NULL, "open/close a node; ONT: signal; alarm: jump to it; audit: steps", cmd_open },
	{ "expand-all", '*', 0, 0, NULL, "expand the whole fleet", cmd_expand_all },
	{ "next", 'n', 0, 0, NULL, "next match", cmd_next },
	{ "prev", 'N', 0, 0, NULL, "previous match", cmd_prev },
	{ "focus", '\t', 0, 0, NULL, "switch between the tree and the detail pane", cmd_focus },
	{ "sweep", 'R', 0, 0, NULL, "sweep the selected OLT now (SNMP); in the discovery list: read autofind", cmd_sweep },
	{ "sort", 'o', 0, 0, NULL, "port table: by ONT id / worst signal first", cmd_sort },
	{ "period", 't', 0, 0, NULL, "signal view: 1h, 24h, 7d, 30d", cmd_period },
	{ "refresh", 'u', CTRL('l'), 0, NULL, "reload from the database and redraw", cmd_refresh },
	{ "contract", 'c', 0, 0, NULL, "audit trail of the selected ONT's contract", cmd_contract },
	{ "reboot", 'r', 0, 0, NULL, "reboot the ONT (confirms)", cmd_reboot },
	{ "disable", 'd', 0, 0, NULL, "disable the ONT (confirms)", cmd_disable },
	{ "enable", 'e', 0, 0, NULL, "enable the ONT (confirms)", cmd_enable },
	{ "speed", 's', 0, 0, NULL, "change the speed, DOWN/UP Mbps (confirms)", cmd_speed },
	{ "vlan", 'v', 0, 0, NULL, "change the VLAN (confirms)", cmd_vlan },
	{ "move", 'm', 0, 0, NULL, "move the ONT to another port (confirms)", cmd_move },
	{ "delete", 'x', 0, 0, NULL, "delete the ONT (confirms)", cmd_delete },
	{ "replace", 0, 0, 0, NULL, "replace the ONT's serial (confirms)", cmd_replace },
	{ "jump", 0, 0, 0, NULL, "jump SERIAL: select an ONT by serial", cmd_jump },
	{ "theme", 0, 0, 0, NULL, "theme NAME: default, mono, light, colourblind", cmd_theme },
	{ "ascii", 0, 0, 0, NULL, "toggle ASCII line drawing", cmd_ascii },
};
const size_t console_ncmds = sizeof console_cmds / sizeof console_cmds[0];

/* Runs the command bound to key. */
bool
keys_dispatch(struct console *c, int key)
{
	if (key >= KEY_F(1) && key <= KEY_F(12)) {
		for (size_t i = 0; i < console_ncmds; i++)
			if (console_cmds[i].fkey == key - KEY_F(0)) {
				console_cmds[i].run(c, NULL);
				return true;
			}
		return false;
	}
	if (key == '\r')
		key = '\n';
	for (size_t i = 0; i < console_ncmds; i++)
		if (key != 0 && (console_cmds[i].key == key || console_cmds[i].key2 == key)) {
			console_cmds[i].run(c, NULL);
			return true;
		}
	return false;
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
		if (strcmp(console_cmds[i].name, word) == 0) {
			console_cmds[i].run(c, arg);
			return true;
		}
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
