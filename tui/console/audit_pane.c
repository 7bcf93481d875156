/*
 * audit_pane.c — the audit trail of the selected contract (or ONT, or
 * OLT): each action, who did it, when, how it ended, how many records it
 * holds (one per command, undo and read-back, and the plan: numbered as
 * Enter shows them) and how long it took; Enter opens the selected entry
 * to show every record, the command sent and the device's answer.
 * Newest first, scrollable, `/` searches actions, commands and answers
 * (n/N: next/previous match).
 *
 * Model: the entries (audit_list), read when the pane opens and again on
 * `u`; what they are about (contract, ONT or OLT) is fixed at open.
 * UI thread only.
 */
#include "tui/console/console.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/audit.h"
#include "core/store.h"
#include "lib/util.h"

struct audit_pane {
	struct audit_entry *e;		/* oldest first */
	size_t		 n;
	size_t		 sel, top;	/* in display order (newest first) */
	bool		 open;		/* the selected entry's steps are shown */
	char		 title[256];
	char		 search[64];	/* "" = none */
	bool		 searching;	/* the search line is open */
	/* what the entries are about (one of them is set) */
	char		 contract[NAME_MAX_LEN + 1];
	char		 sn[SN_MAX_LEN + 1];
	char		 olt[NAME_MAX_LEN + 1];
};

/* Reads the entries. */
static void
audit_pane_load(struct console *c, struct audit_pane *s)
{
	struct audit_filter f = { 0 };
	char *cause = NULL;

	audit_entries_free(s->e, s->n);
	s->e = NULL;
	s->n = 0;
	f.contract = s->contract[0] ? s->contract : NULL;
	f.ont_sn = s->sn[0] ? s->sn : NULL;
	f.olt = s->olt[0] ? s->olt : NULL;
	if (audit_list(c->st, &f, &s->e, &s->n, &cause) == -1) {
		console_msg(c, true, "%s", cause);
		free(cause);
	}
}

/* Opens the pane on the fleet selection's contract, ONT or OLT. */
static void *
audit_pane_open(struct console *c, const void *arg)
{
	struct audit_pane *s = xcalloc(1, sizeof *s);
	const struct tree_model *m = main_pane_fleet(c);
	const struct ont *o = tree_model_sel_ont(m);
	const struct tree_olt *to = tree_model_sel_olt(m);

	(void)arg;
	if (o != NULL && o->contract[0]) {
		struct contract ct;

		strlcpy_(s->contract, o->contract, sizeof s->contract);
		if (store_contract_by_code(c->st, o->contract, &ct, NULL) == 1)
			snprintf(s->title, sizeof s->title, "Audit %s%s%s", ct.code,
			    c->gl->dot, ct.customer);
		else
			snprintf(s->title, sizeof s->title, "Audit %s", o->contract);
	} else if (o != NULL) {
		strlcpy_(s->sn, o->sn, sizeof s->sn);
		snprintf(s->title, sizeof s->title, "Audit ONT %s", o->sn);
	} else if (to != NULL) {
		strlcpy_(s->olt, to->o.name, sizeof s->olt);
		snprintf(s->title, sizeof s->title, "Audit OLT %s", to->o.name);
	} else {
		snprintf(s->title, sizeof s->title, "Audit (everything)");
	}
	audit_pane_load(c, s);
	return s;
}

/* Frees the entries and the state. */
static void
audit_pane_close(struct console *c, struct pane *p)
{
	struct audit_pane *s = p->state;

	(void)c;
	audit_entries_free(s->e, s->n);
	free(s);
}

/* Reads the entries again. */
static void
audit_pane_reload(struct console *c, struct pane *p, unsigned want)
{
	if (want & PANE_RELOAD)
		audit_pane_load(c, p->state);
}

/* Entry k in display order (newest first). */
static const struct audit_entry *
entry(const struct audit_pane *s, size_t k)
{
	return &s->e[s->n - 1 - k];
}

/* True if the entry mentions the search text (matched as the tree's
   filter matches). */
static bool
matches(const struct audit_entry *e, const char *s)
{
	if (s[0] == '\0')
		return false;
	if (tree_filter_has(e->action, s) || tree_filter_has(e->olt, s) ||
	    tree_filter_has(e->ont_sn, s) || tree_filter_has(e->cause, s) ||
	    tree_filter_has(e->user, s) || tree_filter_has(e->contract, s))
		return true;
	for (size_t i = 0; i < e->nsteps; i++)
		if (tree_filter_has(e->steps[i].command, s) ||
		    tree_filter_has(e->steps[i].answer, s))
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
static void
audit_pane_draw(struct console *c, struct pane *p, int y, int x, int h, int w)
{
	struct audit_pane *s = p->state;
	int rows = h - 2, row = 0;
	char right[96];

	snprintf(right, sizeof right, "%s", s->search[0] ? s->search : "/ search");
	ui_box(c, y, x, h, w, true, s->title, right);
	for (int i = 1; i < h - 1; i++)
		ui_fill(c, y + i, x + 1, w - 2, R_NORMAL);
	if (s->n == 0) {
		ui_put(c, y + 1, x + 2, w - 4, R_MUTED, "no audit entries");
		return;
	}
	if (s->sel >= s->n)
		s->sel = s->n - 1;
	if (s->sel < s->top)
		s->top = s->sel;
	if (rows > 0 && s->sel >= s->top + (size_t)rows - (s->open ? 4 : 0))
		s->top = s->sel + 1 - (size_t)(rows > 4 && s->open ? rows - 4 : rows);
	for (size_t k = s->top; k < s->n && row < rows; k++) {
		const struct audit_entry *e = entry(s, k);
		bool sel = k == s->sel;
		bool ok = strcmp(e->outcome, "ok") == 0;
		char t[32], dur[32];
		enum ui_role r = sel ? R_SELECTED : matches(e, s->search) ? R_MATCH :
		    R_NORMAL;

		ui_time(e->started_at, t, sizeof t);
		if (e->duration_ms >= 0)
			snprintf(dur, sizeof dur, "%.1f s", (double)e->duration_ms / 1000.0);
		else
			snprintf(dur, sizeof dur, "-");
		ui_fill(c, y + 1 + row, x + 1, w - 2, sel ? R_SELECTED : R_NORMAL);
		ui_putf(c, y + 1 + row, x + 2, w - 4, r, "%s %s  %-10s %-14s %-10s %s %s "
		    "%zu record%s  %s%s%s", sel && s->open ? c->gl->expanded : c->gl->collapsed,
		    t, e->user, e->action, e->olt[0] ? e->olt : e->ont_sn,
		    ok ? c->gl->check : c->gl->cross, e->outcome, e->nsteps,
		    e->nsteps == 1 ? "" : "s", dur,
		    e->cause[0] ? c->gl->dot : "", e->cause);
		row++;
		if (sel && s->open)
			row += draw_steps(c, e, y + 1 + row, x + 2, w - 4, rows - row);
	}
}

/* Selects the next (1), previous (-1) or first-from-here (0) match. */
static void
next_match(struct audit_pane *s, int dir)
{
	size_t n = s->n;

	if (n == 0 || s->search[0] == '\0')
		return;
	for (size_t k = dir == 0 ? 0 : 1; k <= n; k++) {
		size_t i = dir < 0 ? (s->sel + n - k % n) % n : (s->sel + k) % n;

		if (matches(entry(s, i), s->search)) {
			s->sel = i;
			return;
		}
	}
}

/* The search line's keys: the text, Enter keeps it, Esc clears it. */
static void
search_key(struct audit_pane *s, int key)
{
	int r = console_edit(s->search, sizeof s->search, key);

	if (r == -1)
		s->search[0] = '\0';
	if (r != 0)
		s->searching = false;
	if (r >= 0)
		next_match(s, 0);
}

/* Moves, opens an entry, searches. */
static bool
audit_pane_key(struct console *c, struct pane *p, int key, const struct cmd *cmd,
    const char *arg)
{
	struct audit_pane *s = p->state;
	long d;

	(void)arg;
	if (s->searching) {
		search_key(s, key);
		return true;
	}
	if ((d = keys_move_delta(c, cmd)) != 0) {
		s->sel = keys_move_index(s->sel, s->n, d);
		s->open = false;
		return true;
	}
	if (cmd == NULL)
		return false;
	switch (cmd->id) {
	case CMD_OPEN:
		s->open = !s->open;
		return true;
	case CMD_FILTER:
		s->searching = true;
		s->search[0] = '\0';
		return true;
	case CMD_NEXT:
	case CMD_PREV:
		next_match(s, cmd->id == CMD_NEXT ? 1 : -1);
		return true;
	case CMD_UNDO:
		if (s->n > 0) {
			const struct audit_entry *e = entry(s, s->sel);
			char what[192];

			snprintf(what, sizeof what, "%s %s on %s", e->action, e->ont_sn, e->olt);
			wizard_undo(c, e->id, e->olt, e->ont_sn, what);
		}
		return true;
	case CMD_CANCEL:
		if (s->search[0] == '\0')
			return false;
		s->search[0] = '\0';
		return true;
	default:
		return false;
	}
}

/* The search line, while it is open. */
static bool
audit_pane_footer(struct console *c, struct pane *p, int y, int w)
{
	struct audit_pane *s = p->state;

	if (!s->searching)
		return false;
	ui_putf(c, y, 0, w, R_INPUT, "search audit: %s", s->search);
	return true;
}

const struct pane_ops audit_pane_ops = {
	.name = "audit",
	.open = audit_pane_open,
	.close = audit_pane_close,
	.reload = audit_pane_reload,
	.draw = audit_pane_draw,
	.footer = audit_pane_footer,
	.key = audit_pane_key,
};
