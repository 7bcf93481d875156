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

/* Draws the help list. */
static void
help_draw(struct console *c, struct pane *p, int y, int x, int h, int w)
{
	struct help *s = p->state;
	int rows = h - 3;

	ui_box(c, y, x, h, w, true, "Help", "q or ? closes");
	for (int i = 1; i < h - 1; i++)
		ui_fill(c, y + i, x + 1, w - 2, R_NORMAL);
	ui_putf(c, y + 1, x + 2, w - 4, R_LABEL, "%-14s %-12s %s", ":command", "keys",
	    "what it does");
	if (s->top + (size_t)rows > console_ncmds)
		s->top = console_ncmds > (size_t)rows ? console_ncmds - (size_t)rows : 0;
	for (int i = 0; i < rows && s->top + (size_t)i < console_ncmds; i++) {
		const struct cmd *k = &console_cmds[s->top + (size_t)i];
		char keys[40], a[16], b[16];

		keys[0] = '\0';
		if (k->fkey)
			snprintf(keys, sizeof keys, "F%d", k->fkey);
		if (k->key) {
			keys_name(k->key, a, sizeof a);
			snprintf(keys + strlen(keys), sizeof keys - strlen(keys), "%s%s",
			    keys[0] ? " " : "", a);
		}
		if (k->key2) {
			keys_name(k->key2, b, sizeof b);
			snprintf(keys + strlen(keys), sizeof keys - strlen(keys), " %s", b);
		}
		ui_putf(c, y + 2 + i, x + 2, w - 4, R_NORMAL, "%-14s %-12s %s", k->name,
		    keys[0] ? keys : "-", k->help);
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
