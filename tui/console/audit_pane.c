/*
 * audit_pane.c — the audit trail of the selected contract (or ONT, or
 * OLT): each action, who did it, when, how it ended and how long it took;
 * Enter opens the selected entry to show every command sent and the
 * device's answer.  Newest first, scrollable, `/` searches actions,
 * commands and answers (n/N: next/previous match).  Read once when the pane
 * opens (audit_list), from the UI thread.
 */
#include "tui/console/console.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/audit.h"
#include "core/store.h"
#include "lib/util.h"

/* Opens the pane on the selection's contract, ONT or OLT. */
void
audit_open(struct console *c)
{
	struct audit_filter f = { 0 };
	struct ont *o = console_sel_ont(c);
	struct tree_olt *to = console_sel_olt(c);
	char *cause = NULL;

	audit_entries_free(c->au, c->nau);
	c->au = NULL;
	c->nau = 0;
	if (o != NULL && o->contract[0]) {
		struct contract ct;

		f.contract = o->contract;
		if (store_contract_by_code(c->st, o->contract, &ct, NULL) == 1)
			snprintf(c->au_title, sizeof c->au_title, "Audit %s%s%s", ct.code,
			    c->gl->dot, ct.customer);
		else
			snprintf(c->au_title, sizeof c->au_title, "Audit %s", o->contract);
	} else if (o != NULL) {
		f.ont_sn = o->sn;
		snprintf(c->au_title, sizeof c->au_title, "Audit ONT %s", o->sn);
	} else if (to != NULL) {
		f.olt = to->o.name;
		snprintf(c->au_title, sizeof c->au_title, "Audit OLT %s", to->o.name);
	} else {
		snprintf(c->au_title, sizeof c->au_title, "Audit (everything)");
	}
	if (audit_list(c->st, &f, &c->au, &c->nau, &cause) == -1) {
		console_msg(c, true, "%s", cause);
		free(cause);
	}
	c->au_sel = c->au_top = 0;
	c->au_open = false;
	c->au_search[0] = '\0';
	c->view = VIEW_AUDIT;
}

/* Closes the pane and frees the entries. */
void
audit_close(struct console *c)
{
	audit_entries_free(c->au, c->nau);
	c->au = NULL;
	c->nau = 0;
	if (c->view == VIEW_AUDIT)
		c->view = VIEW_MAIN;
}

/* Entry k in display order (newest first). */
static const struct audit_entry *
entry(const struct console *c, size_t k)
{
	return &c->au[c->nau - 1 - k];
}

/* Case-insensitive substring test. */
static bool
has(const char *hay, const char *needle)
{
	size_t n = strlen(needle);

	for (; *hay != '\0'; hay++)
		if (strncasecmp(hay, needle, n) == 0)
			return true;
	return false;
}

/* True if the entry mentions the search text. */
static bool
matches(const struct audit_entry *e, const char *s)
{
	if (s[0] == '\0')
		return false;
	if (has(e->action, s) || has(e->olt, s) ||
	    has(e->ont_sn, s) || has(e->cause, s) ||
	    has(e->user, s) || has(e->contract, s))
		return true;
	for (size_t i = 0; i < e->nsteps; i++)
		if (has(e->steps[i].command, s) || has(e->steps[i].answer, s))
			return true;
	return false;
}

/* Draws one step's command and the first lines of the answer; returns rows. */
static int
draw_steps(struct console *c, const struct audit_entry *e, int y, int x, int w, int max)
{
	int row = 0;
	char t[32];

	for (size_t i = 0; i < e->nsteps && row < max; i++) {
		const struct audit_step_row *s = &e->steps[i];
		const char *a = s->answer;

		ui_time(s->t, t, sizeof t);
		ui_putf(c, y + row++, x, w, s->ok ? R_NORMAL : R_CRIT, "  %s %2d %s  %s",
		    s->ok ? c->gl->check : c->gl->cross, s->seq, t, s->command);
		while (*a != '\0' && row < max) {
			size_t n = strcspn(a, "\n");
			char line[256];

			snprintf(line, sizeof line, "%.*s", (int)(n < 250 ? n : 250), a);
			if (line[0] != '\0')
				ui_putf(c, y + row++, x, w, R_MUTED, "       %s", line);
			a += n;
			if (*a == '\n')
				a++;
		}
	}
	if (e->nsteps == 0 && row < max)
		ui_put(c, y + row++, x, w, R_MUTED, "  (no device commands: a change in "
		    "oltui's own records)");
	return row;
}

/* Draws the pane. */
void
audit_draw(struct console *c, int y, int x, int h, int w)
{
	int rows = h - 2, row = 0;
	char right[96];

	snprintf(right, sizeof right, "%s", c->au_search[0] ? c->au_search : "/ search");
	ui_box(c, y, x, h, w, true, c->au_title, right);
	for (int i = 1; i < h - 1; i++)
		ui_fill(c, y + i, x + 1, w - 2, R_NORMAL);
	if (c->nau == 0) {
		ui_put(c, y + 1, x + 2, w - 4, R_MUTED, "no audit entries");
		return;
	}
	if (c->au_sel >= c->nau)
		c->au_sel = c->nau - 1;
	if (c->au_sel < c->au_top)
		c->au_top = c->au_sel;
	if (rows > 0 && c->au_sel >= c->au_top + (size_t)rows - (c->au_open ? 4 : 0))
		c->au_top = c->au_sel + 1 - (size_t)(rows > 4 && c->au_open ? rows - 4 : rows);
	for (size_t k = c->au_top; k < c->nau && row < rows; k++) {
		const struct audit_entry *e = entry(c, k);
		bool sel = k == c->au_sel;
		bool ok = strcmp(e->outcome, "ok") == 0;
		char t[32], dur[32];
		enum ui_role r = sel ? R_SELECTED : matches(e, c->au_search) ? R_MATCH :
		    R_NORMAL;

		ui_time(e->started_at, t, sizeof t);
		if (e->duration_ms >= 0)
			snprintf(dur, sizeof dur, "%.1f s", (double)e->duration_ms / 1000.0);
		else
			snprintf(dur, sizeof dur, "-");
		ui_fill(c, y + 1 + row, x + 1, w - 2, sel ? R_SELECTED : R_NORMAL);
		ui_putf(c, y + 1 + row, x + 2, w - 4, r, "%s %s  %-10s %-14s %-10s %s %s "
		    "%zu steps  %s%s%s", sel && c->au_open ? c->gl->expanded : c->gl->collapsed,
		    t, e->user, e->action, e->olt[0] ? e->olt : e->ont_sn,
		    ok ? c->gl->check : c->gl->cross, e->outcome, e->nsteps, dur,
		    e->cause[0] ? c->gl->dot : "", e->cause);
		row++;
		if (sel && c->au_open)
			row += draw_steps(c, e, y + 1 + row, x + 2, w - 4, rows - row);
	}
}

/* Moves the selection. */
void
audit_move(struct console *c, long delta)
{
	long v = (long)c->au_sel + delta;

	if (v >= (long)c->nau)
		v = (long)c->nau - 1;
	c->au_sel = v < 0 ? 0 : (size_t)v;
	c->au_open = false;
}

/* Selects the next (1), previous (-1) or first-from-here (0) match. */
void
audit_next_match(struct console *c, int dir)
{
	size_t n = c->nau;

	if (n == 0 || c->au_search[0] == '\0')
		return;
	for (size_t k = dir == 0 ? 0 : 1; k <= n; k++) {
		size_t i = dir < 0 ? (c->au_sel + n - k % n) % n : (c->au_sel + k) % n;

		if (matches(entry(c, i), c->au_search)) {
			c->au_sel = i;
			return;
		}
	}
}
