/*
 * help.c — the help overlay and the `:` palette, both generated from the
 * command table (keys.c): the help lists every command with its keys and
 * its line; the palette completes command names with Tab and shows the
 * candidates.  UI thread only.
 */
#include "tui/console/console.h"

#include <stdio.h>
#include <string.h>

#include "lib/util.h"

/* Draws the help list. */
void
help_draw(struct console *c, int y, int x, int h, int w)
{
	int rows = h - 3;

	ui_box(c, y, x, h, w, true, "Help", "q or ? closes");
	for (int i = 1; i < h - 1; i++)
		ui_fill(c, y + i, x + 1, w - 2, R_NORMAL);
	ui_putf(c, y + 1, x + 2, w - 4, R_LABEL, "%-14s %-12s %s", ":command", "keys",
	    "what it does");
	if (c->help_top + (size_t)rows > console_ncmds)
		c->help_top = console_ncmds > (size_t)rows ? console_ncmds - (size_t)rows : 0;
	for (int i = 0; i < rows && c->help_top + (size_t)i < console_ncmds; i++) {
		const struct cmd *k = &console_cmds[c->help_top + (size_t)i];
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

/* Completes the palette's first word to the longest common prefix. */
void
palette_complete(struct console *c)
{
	size_t n = strlen(c->pal_text), best = 0;
	const char *first = NULL;
	int count = 0;

	if (strchr(c->pal_text, ' ') != NULL)
		return;
	for (size_t i = 0; i < console_ncmds; i++) {
		const char *nm = console_cmds[i].name;

		if (strncmp(nm, c->pal_text, n) != 0)
			continue;
		if (first == NULL) {
			first = nm;
			best = strlen(nm);
		} else {
			size_t k = 0;

			while (k < best && first[k] == nm[k])
				k++;
			best = k;
		}
		count++;
	}
	if (first == NULL)
		return;
	snprintf(c->pal_text, sizeof c->pal_text, "%.*s%s", (int)best, first,
	    count == 1 ? " " : "");
}

/* Draws the palette line with the matching command names. */
void
palette_draw(struct console *c, int y, int w)
{
	size_t n = strcspn(c->pal_text, " ");
	int u = ui_putf(c, y, 0, w, R_INPUT, ":%s", c->pal_text);

	u += 2;
	for (size_t i = 0; i < console_ncmds && u < w; i++) {
		if (strncmp(console_cmds[i].name, c->pal_text, n) != 0 ||
		    c->pal_text[n] == ' ')
			continue;
		u += ui_putf(c, y, u, w - u, R_MUTED, "%s ", console_cmds[i].name);
	}
}
