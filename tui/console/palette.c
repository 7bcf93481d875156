/*
 * palette.c — the `:` command palette: a line in the function bar where a
 * command is typed by its name (with an argument: `:jump SERIAL`), Tab
 * completes the name to the longest common prefix of the commands that
 * start with it, and the candidates are listed beside the line.  The names
 * are the command table's (keys.c), so the palette knows every command and
 * nothing else.  Enter runs the line as the key would (keys_run_line: the
 * top pane first); Esc closes it.  UI thread only.
 */
#include "tui/console/console.h"

#include <stdio.h>
#include <string.h>

/* Opens the palette, empty. */
void
palette_open(struct console *c)
{
	c->palette = true;
	c->pal_text[0] = '\0';
}

/* Completes the palette's first word to the longest common prefix. */
static void
complete(struct console *c)
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

/* A key while the palette is open. */
void
palette_key(struct console *c, int key)
{
	int r;

	if (key == '\t') {
		complete(c);
		return;
	}
	if ((r = console_edit(c->pal_text, sizeof c->pal_text, key)) != 0) {
		c->palette = false;
		if (r == 1)
			keys_run_line(c, c->pal_text);
	}
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
