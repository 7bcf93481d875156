/*
 * ui.c — the console's drawing primitives: glyph sets (UTF-8, ACS, ASCII),
 * clipped text in a colour role, boxes, ages and times.
 *
 * Line drawing follows the locale: UTF-8 box and block characters when the
 * codeset is UTF-8, the terminal's alternate character set (ACS) for boxes
 * and plain ASCII glyphs otherwise, and plain ASCII everywhere when
 * --ascii or ui.ascii asks for it (PuTTY over SSH mangles ACS).  Every
 * state glyph has a word beside it somewhere on screen, so colour is never
 * the only signal.  UI thread only.
 */
#include "tui/console/console.h"

#include <curses.h>
#include <langinfo.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <wchar.h>

#include "lib/util.h"

static const struct glyphs glyphs_utf8 = {
	.online = "▲", .offline = "▼", .los = "✖", .warn = "⚠", .crit = "✖",
	.unknown = "?", .expanded = "▾", .collapsed = "▸", .leaf = " ",
	.tl = "┌", .tr = "┐", .bl = "└", .br = "┘", .hz = "─", .vt = "│",
	.dotted = "┄",
	.spark = { " ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█" },
	.dot = " · ", .check = "✔", .cross = "✖", .ellipsis = "…",
};

static const struct glyphs glyphs_ascii = {
	.online = "+", .offline = "v", .los = "X", .warn = "!", .crit = "X",
	.unknown = "?", .expanded = "-", .collapsed = "+", .leaf = " ",
	.tl = "+", .tr = "+", .bl = "+", .br = "+", .hz = "-", .vt = "|",
	.dotted = ".",
	.spark = { " ", "_", "_", ".", "-", "-", "=", "#", "#" },
	.dot = " - ", .check = "ok", .cross = "X", .ellipsis = "~",
};

/* Picks the line-drawing mode and the glyph set. */
void
ui_init_lines(struct console *c, bool force_ascii)
{
	const char *cs = nl_langinfo(CODESET);
	bool utf8 = cs != NULL && (str_casecmp(cs, "UTF-8") == 0 ||
	    str_casecmp(cs, "utf8") == 0);

	if (force_ascii)
		c->lines = LINES_ASCII;
	else if (utf8)
		c->lines = LINES_UTF8;
	else
		c->lines = LINES_ACS;
	c->gl = c->lines == LINES_UTF8 ? &glyphs_utf8 : &glyphs_ascii;
}

/* Display width of a UTF-8 string (invalid bytes count one column). */
int
ui_width(const char *s)
{
	mbstate_t ms;
	int w = 0;

	memset(&ms, 0, sizeof ms);
	while (*s != '\0') {
		wchar_t wc;
		size_t n = mbrtowc(&wc, s, MB_CUR_MAX, &ms);
		int cw;

		if (n == (size_t)-1 || n == (size_t)-2 || n == 0) {
			memset(&ms, 0, sizeof ms);
			s++;
			w++;
			continue;
		}
		cw = wcwidth(wc);
		w += cw < 0 ? 1 : cw;
		s += n;
	}
	return w;
}

/* Draws s clipped to w columns; non-printable bytes become '?'. */
int
ui_put(struct console *c, int y, int x, int w, enum ui_role r, const char *s)
{
	mbstate_t ms;
	int used = 0;

	if (w <= 0 || y < 0 || y >= c->rows)
		return 0;
	attrset((attr_t)c->attr[r]);
	move(y, x);
	memset(&ms, 0, sizeof ms);
	while (*s != '\0' && used < w) {
		wchar_t wc[2] = { 0, 0 };
		size_t n = mbrtowc(&wc[0], s, MB_CUR_MAX, &ms);
		int cw;

		if (n == (size_t)-1 || n == (size_t)-2 || n == 0) {
			memset(&ms, 0, sizeof ms);
			wc[0] = L'?';
			n = 1;
		}
		if (wc[0] < 0x20 || wc[0] == 0x7f)
			wc[0] = L'?';
		cw = wcwidth(wc[0]);
		if (cw < 0)
			cw = 1, wc[0] = L'?';
		if (used + cw > w)
			break;
		addnwstr(wc, 1);
		used += cw;
		s += n;
	}
	attrset(A_NORMAL);
	return used;
}

/* printf into ui_put. */
int
ui_putf(struct console *c, int y, int x, int w, enum ui_role r, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	return ui_put(c, y, x, w, r, buf);
}

/* Fills w columns with blanks in role r. */
void
ui_fill(struct console *c, int y, int x, int w, enum ui_role r)
{
	if (w <= 0 || y < 0 || y >= c->rows)
		return;
	attrset((attr_t)c->attr[r]);
	mvhline(y, x, ' ', w);
	attrset(A_NORMAL);
}

/* Draws n columns of glyph g. */
void
ui_hline(struct console *c, int y, int x, int n, enum ui_role r, const char *g)
{
	if (n <= 0)
		return;
	if (c->lines == LINES_ACS && strcmp(g, "-") == 0) {
		attrset((attr_t)c->attr[r]);
		mvhline(y, x, ACS_HLINE, n);
		attrset(A_NORMAL);
		return;
	}
	for (int i = 0; i < n; i++)
		ui_put(c, y, x + i, 1, r, g);
}

/* Draws a box with a title and an optional right-hand label. */
void
ui_box(struct console *c, int y, int x, int h, int w, bool focus,
    const char *title, const char *right)
{
	enum ui_role r = focus ? R_BORDER_FOCUS : R_BORDER;
	const struct glyphs *g = c->gl;

	if (h < 2 || w < 2)
		return;
	if (c->lines == LINES_ACS) {
		attrset((attr_t)c->attr[r]);
		mvaddch(y, x, ACS_ULCORNER);
		mvhline(y, x + 1, ACS_HLINE, w - 2);
		mvaddch(y, x + w - 1, ACS_URCORNER);
		mvvline(y + 1, x, ACS_VLINE, h - 2);
		mvvline(y + 1, x + w - 1, ACS_VLINE, h - 2);
		mvaddch(y + h - 1, x, ACS_LLCORNER);
		mvhline(y + h - 1, x + 1, ACS_HLINE, w - 2);
		mvaddch(y + h - 1, x + w - 1, ACS_LRCORNER);
		attrset(A_NORMAL);
	} else {
		ui_put(c, y, x, 1, r, g->tl);
		ui_hline(c, y, x + 1, w - 2, r, g->hz);
		ui_put(c, y, x + w - 1, 1, r, g->tr);
		for (int i = 1; i < h - 1; i++) {
			ui_put(c, y + i, x, 1, r, g->vt);
			ui_put(c, y + i, x + w - 1, 1, r, g->vt);
		}
		ui_put(c, y + h - 1, x, 1, r, g->bl);
		ui_hline(c, y + h - 1, x + 1, w - 2, r, g->hz);
		ui_put(c, y + h - 1, x + w - 1, 1, r, g->br);
	}
	if (right != NULL && right[0] != '\0') {
		int rw = ui_width(right) + 2;

		if (rw < w - 8) {
			ui_putf(c, y, x + w - 1 - rw, rw, R_TITLE, " %s ", right);
			w -= rw;
		}
	}
	if (title != NULL && title[0] != '\0')
		ui_putf(c, y, x + 1, w - 3, R_TITLE, " %s ", title);
}

/* Long age: "12 s ago", "3m ago", "2h 14m ago", "5d 3h ago" (time_ago). */
void
ui_age(int64_t t, int64_t now, char *out, size_t size)
{
	time_ago(t, now, out, size);
}

/* Short age: "12s", "3m", "2h", "4d". */
void
ui_age_short(int64_t t, int64_t now, char *out, size_t size)
{
	int64_t d;

	if (t <= 0) {
		snprintf(out, size, "never");
		return;
	}
	d = now - t;
	if (d < 0)
		d = 0;
	if (d < 60)
		snprintf(out, size, "%llds", (long long)d);
	else if (d < 3600)
		snprintf(out, size, "%lldm", (long long)(d / 60));
	else if (d < 86400)
		snprintf(out, size, "%lldh", (long long)(d / 3600));
	else
		snprintf(out, size, "%lldd", (long long)(d / 86400));
}

/* "22 Nov 03:14", local time (tests set TZ=UTC). */
void
ui_time(int64_t t, char *out, size_t size)
{
	time_t tt = (time_t)t;
	struct tm tm;

	if (t <= 0 || localtime_r(&tt, &tm) == NULL) {
		snprintf(out, size, "-");
		return;
	}
	strftime(out, size, "%d %b %H:%M", &tm);
}

/* The glyph, word and role of an ONT's state. */
const char *
ui_ont_glyph(const struct console *c, const struct ont *o,
    const struct alarm_thresholds *th, enum ui_role *role, const char **word)
{
	const struct glyphs *g = c->gl;

	switch (o->status) {
	case ONT_ONLINE:
		if (!isnan(o->rx_dbm) && o->rx_dbm < th->rx_critical) {
			*role = R_CRIT, *word = "critical Rx";
			return g->crit;
		}
		if (!isnan(o->rx_dbm) && (o->rx_dbm < th->rx_warning ||
		    o->rx_dbm > th->rx_overload)) {
			*role = R_WARN, *word = o->rx_dbm > th->rx_overload ? "overload" : "weak Rx";
			return g->warn;
		}
		*role = R_GOOD, *word = "online";
		return g->online;
	case ONT_LOS:
		*role = R_CRIT, *word = "LOS";
		return g->los;
	case ONT_DYING_GASP:
		*role = R_WARN, *word = "dying gasp";
		return g->offline;
	case ONT_AUTH_FAILED:
		*role = R_WARN, *word = "auth failed";
		return g->offline;
	case ONT_SYNCING:
		*role = R_MUTED, *word = "syncing";
		return g->unknown;
	case ONT_OFFLINE:
		*role = R_WARN, *word = "offline";
		return g->offline;
	default:
		*role = R_MUTED, *word = "unknown";
		return g->unknown;
	}
}
