/*
 * theme.c — colour themes: themes/NAME.theme files over the named roles of
 * UI_ROLES (console.h).
 *
 * A theme file has one role per line:
 *
 *     # comment
 *     header      = black cyan bold
 *     warn        = yellow default bold
 *     crit        = #ff5f5f default bold,underline
 *
 * fg and bg are a colour name (default black red green yellow blue magenta
 * cyan white, bright-*), a number 0..255 or #rrggbb; then optional
 * attributes (bold, reverse, underline, dim, comma or space separated).
 * Roles a theme leaves out keep their mono default.  256 and truecolor
 * values fall back to the nearest of the 16 basic colours on terminals
 * with fewer colours.  NO_COLOR set (any value) or a terminal without
 * colour gives the `mono` theme: attributes only.
 *
 * Search order: $config_dir/themes, the directory of the binary's
 * themes/, then ../share/oltui/themes next to it.  UI thread only, after
 * initscr.
 */
#include "tui/console/console.h"

#include <curses.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/paths.h"
#include "lib/util.h"
#include "tui/verbs/verb.h"

#define UI_ROLE_NAME(id, name, mono) name,
static const char *const role_names[R_COUNT] = { UI_ROLES(UI_ROLE_NAME) };
#undef UI_ROLE_NAME
#define UI_ROLE_MONO(id, name, mono) mono,
static const unsigned role_mono[R_COUNT] = { UI_ROLES(UI_ROLE_MONO) };
#undef UI_ROLE_MONO

static const char *const colour_names[] = {
	"black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
};

/* The theme-file name of a role. */
const char *
ui_role_name(enum ui_role r)
{
	return (int)r >= 0 && r < R_COUNT ? role_names[r] : "?";
}

/* Curses attributes of UIA_* bits. */
static unsigned long
attrs_of(unsigned a)
{
	unsigned long r = A_NORMAL;

	if (a & UIA_BOLD)
		r |= A_BOLD;
	if (a & UIA_REVERSE)
		r |= A_REVERSE;
	if (a & UIA_UNDERLINE)
		r |= A_UNDERLINE;
	if (a & UIA_DIM)
		r |= A_DIM;
	return r;
}

/* Fills c->attr with the monochrome defaults. */
void
theme_mono(struct console *c)
{
	for (int i = 0; i < R_COUNT; i++)
		c->attr[i] = attrs_of(role_mono[i]);
	strlcpy_(c->theme, "mono", sizeof c->theme);
}

/* Nearest basic colour (0..15) of an RGB value. */
static int
nearest16(int r, int g, int b)
{
	static const int pal[16][3] = {
		{0,0,0}, {205,0,0}, {0,205,0}, {205,205,0}, {0,0,238}, {205,0,205},
		{0,205,205}, {229,229,229}, {127,127,127}, {255,0,0}, {0,255,0},
		{255,255,0}, {92,92,255}, {255,0,255}, {0,255,255}, {255,255,255},
	};
	int best = 0;
	long bd = -1;

	for (int i = 0; i < 16; i++) {
		long d = (long)(r - pal[i][0]) * (r - pal[i][0]) +
		    (long)(g - pal[i][1]) * (g - pal[i][1]) +
		    (long)(b - pal[i][2]) * (b - pal[i][2]);
		if (bd < 0 || d < bd)
			bd = d, best = i;
	}
	return best;
}

/* RGB of xterm colour n (16..255). */
static void
rgb_of256(int n, int *r, int *g, int *b)
{
	static const int lv[6] = { 0, 95, 135, 175, 215, 255 };

	if (n >= 232) {
		*r = *g = *b = 8 + (n - 232) * 10;
		return;
	}
	n -= 16;
	*r = lv[n / 36], *g = lv[n / 6 % 6], *b = lv[n % 6];
}

/* Parses a colour word into a curses colour number (-1 = default), falling
   back to 16 colours on small terminals.  0 or -1. */
static int
colour_parse(const char *w, int ncolours, int *out)
{
	long n;
	int bright = 0;

	if (strcmp(w, "default") == 0) {
		*out = -1;
		return 0;
	}
	if (str_startswith(w, "bright-"))
		w += 7, bright = 8;
	for (int i = 0; i < 8; i++)
		if (strcmp(w, colour_names[i]) == 0) {
			*out = ncolours >= 16 ? i + bright : i;
			return 0;
		}
	if (bright)
		return -1;
	if (w[0] == '#' && strlen(w) == 7) {
		unsigned r, g, b;

		if (sscanf(w + 1, "%2x%2x%2x", &r, &g, &b) != 3)
			return -1;
		if (ncolours >= 256) {
			int ri = (int)(r * 5 + 127) / 255, gi = (int)(g * 5 + 127) / 255,
			    bi = (int)(b * 5 + 127) / 255;
			*out = 16 + 36 * ri + 6 * gi + bi;
		} else {
			*out = nearest16((int)r, (int)g, (int)b);
		}
		if (ncolours < 16 && *out >= 8)
			*out -= 8;
		return 0;
	}
	if (parse_long(w, 0, 255, &n) == 0) {
		if (n >= ncolours && n >= 16) {
			int r, g, b;

			rgb_of256((int)n, &r, &g, &b);
			n = nearest16(r, g, b);
		}
		if (n >= ncolours)
			n -= 8;
		*out = (int)n;
		return 0;
	}
	return -1;
}

/* Parses attribute words ("bold,underline"); 0 or -1. */
static int
attr_parse(char *s, unsigned *out)
{
	char *save = NULL;

	for (char *w = strtok_r(s, ", \t", &save); w != NULL;
	    w = strtok_r(NULL, ", \t", &save)) {
		if (strcmp(w, "bold") == 0)
			*out |= UIA_BOLD;
		else if (strcmp(w, "reverse") == 0)
			*out |= UIA_REVERSE;
		else if (strcmp(w, "underline") == 0)
			*out |= UIA_UNDERLINE;
		else if (strcmp(w, "dim") == 0)
			*out |= UIA_DIM;
		else if (strcmp(w, "normal") != 0)
			return -1;
	}
	return 0;
}

/* Finds NAME.theme; returns an allocated path or NULL. */
static char *
theme_find(const struct console *c, const char *name)
{
	char exe[PATH_MAX], *dir, *p;
	ssize_t n;

	if ((dir = paths_config_dir(c->g->config_dir, NULL)) != NULL) {
		p = xasprintf("%s/themes/%s.theme", dir, name);
		free(dir);
		if (access(p, R_OK) == 0)
			return p;
		free(p);
	}
	if ((n = readlink("/proc/self/exe", exe, sizeof exe - 1)) > 0) {
		exe[n] = '\0';
		if ((dir = strrchr(exe, '/')) != NULL)
			*dir = '\0';
		p = xasprintf("%s/themes/%s.theme", exe, name);
		if (access(p, R_OK) == 0)
			return p;
		free(p);
		p = xasprintf("%s/../share/oltui/themes/%s.theme", exe, name);
		if (access(p, R_OK) == 0)
			return p;
		free(p);
	}
	return NULL;
}

/* Loads a theme, or mono; fills c->attr. */
int
theme_load(struct console *c, const char *name, char **cause)
{
	char *path, line[256];
	FILE *f;
	int lineno = 0, pair = 1, ncol;

	theme_mono(c);
	if (strcmp(name, "mono") == 0 || !c->colour)
		return 0;
	if (strspn(name, "abcdefghijklmnopqrstuvwxyz0123456789-_") != strlen(name) ||
	    (path = theme_find(c, name)) == NULL) {
		set_cause(cause, "no theme called '%s' (themes/%s.theme): using mono",
		    name, name);
		return -1;
	}
	if ((f = fopen(path, "r")) == NULL) {
		set_cause(cause, "cannot read %s: using mono", path);
		free(path);
		return -1;
	}
	ncol = COLORS;
	while (fgets(line, sizeof line, f) != NULL) {
		char *s = str_trim(line), *eq, *fg, *bg, *save = NULL;
		int r, cf, cb;
		unsigned a = 0;

		lineno++;
		if (s[0] == '\0' || s[0] == '#')
			continue;
		if ((eq = strchr(s, '=')) == NULL)
			goto bad;
		*eq = '\0';
		str_trim(s);
		for (r = 0; r < R_COUNT; r++)
			if (strcmp(s, role_names[r]) == 0)
				break;
		if (r == R_COUNT) {
			set_cause(cause, "%s line %d: no role called '%s'", path, lineno, s);
			goto fail;
		}
		fg = strtok_r(eq + 1, " \t", &save);
		bg = strtok_r(NULL, " \t", &save);
		if (fg == NULL || bg == NULL || colour_parse(fg, ncol, &cf) == -1 ||
		    colour_parse(bg, ncol, &cb) == -1 ||
		    (save != NULL && attr_parse(save, &a) == -1))
			goto bad;
		if (pair < COLOR_PAIRS && init_pair((short)pair, (short)cf, (short)cb) == OK)
			c->attr[r] = attrs_of(a) | COLOR_PAIR(pair++);
		else
			c->attr[r] = attrs_of(a | role_mono[r]);
	}
	fclose(f);
	free(path);
	strlcpy_(c->theme, name, sizeof c->theme);
	return 0;
bad:
	set_cause(cause, "%s line %d: want 'role = fg bg [bold,reverse,underline,dim]'",
	    path, lineno);
fail:
	fclose(f);
	free(path);
	theme_mono(c);
	return -1;
}
