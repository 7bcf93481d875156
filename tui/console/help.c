/*
 * help.c — the help pane: every command of the command table (keys.c)
 * with its keys and its line, so the help can never disagree with what
 * the keys do.  Its state is the first row shown; the table is const, so
 * there is no model to load.  UI thread only.
 */
#include "tui/console/console.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/util.h"

struct help {
	size_t		 top;		/* first command shown */
};

/* Opens the pane at the first command. */
static void *
help_open(struct console *c, const void *arg)
{
	(void)c, (void)arg;
	return xcalloc(1, sizeof(struct help));
}

/* Frees the state. */
static void
help_close(struct console *c, struct pane *p)
{
	(void)c;
	free(p->state);
}

#define HELP_TEXT_COL	28	/* ":command" and "keys" columns before the text */
#define HELP_WRAP_MAX	4

/* The keys of command k, as the help lists them ("F2 D"). */
static void
cmd_keys(const struct cmd *k, char *keys, size_t size)
{
	char a[16];

	keys[0] = '\0';
	if (k->fkey)
		snprintf(keys, size, "F%d", k->fkey);
	if (k->key) {
		keys_name(k->key, a, sizeof a);
		snprintf(keys + strlen(keys), size - strlen(keys), "%s%s", keys[0] ? " " : "", a);
	}
	if (k->key2) {
		keys_name(k->key2, a, sizeof a);
		snprintf(keys + strlen(keys), size - strlen(keys), " %s", a);
	}
}

/* The rows command i takes with its help wrapped into w columns. */
static size_t
cmd_rows(size_t i, int w, struct wrap_row *wr)
{
	const char *t = console_cmds[i].help;
	size_t n = wrap_line(t, strlen(t), w - HELP_TEXT_COL, 0, wr, HELP_WRAP_MAX);

	return n > HELP_WRAP_MAX ? HELP_WRAP_MAX : n;
}

/* Draws the help list: one command a row, its help wrapped under the third
   column when it is longer than the screen is wide. */
static void
help_draw(struct console *c, struct pane *p, int y, int x, int h, int w)
{
	struct help *s = p->state;
	struct wrap_row wr[HELP_WRAP_MAX];
	int rows = h - 3, in = w - 4, used = 0;
	size_t last = console_ncmds;

	ui_box(c, y, x, h, w, true, "Help", "q or ? closes");
	for (int i = 1; i < h - 1; i++)
		ui_fill(c, y + i, x + 1, w - 2, R_NORMAL);
	ui_putf(c, y + 1, x + 2, in, R_LABEL, "%-14s %-12s %s", ":command", "keys",
	    "what it does");
	/* the last page is a full one: top stops where the rest just fits */
	for (int fit = 0; last > 0 && fit + (int)cmd_rows(last - 1, in, wr) <= rows; last--)
		fit += (int)cmd_rows(last - 1, in, wr);
	if (s->top > last)
		s->top = last;
	for (size_t i = s->top; i < console_ncmds && used < rows; i++) {
		const struct cmd *k = &console_cmds[i];
		size_t n = cmd_rows(i, in, wr);
		char keys[40];

		cmd_keys(k, keys, sizeof keys);
		ui_putf(c, y + 2 + used, x + 2, in, R_NORMAL, "%-14s %-12s", k->name,
		    keys[0] ? keys : "-");
		for (size_t r = 0; r < n && used < rows; r++, used++)
			ui_putf(c, y + 2 + used, x + 2 + HELP_TEXT_COL, in - HELP_TEXT_COL,
			    R_NORMAL, "%.*s", (int)wr[r].len, k->help + wr[r].off);
	}
}

/* Scrolls with the movement keys. */
static bool
help_key(struct console *c, struct pane *p, int key, const struct cmd *cmd,
    const char *arg)
{
	struct help *s = p->state;
	long d = keys_move_delta(c, cmd), v;

	(void)key, (void)arg;
	if (d == 0)
		return false;
	v = (long)s->top + d;
	s->top = v < 0 ? 0 : (size_t)v;
	return true;
}

const struct pane_ops help_ops = {
	.name = "help",
	.open = help_open,
	.close = help_close,
	.draw = help_draw,
	.key = help_key,
};
