/*
 * mass_draw.c — the mass change screen as drawn: the form, the dry run
 * (every router with the exact values it would get, a password masked),
 * the run's counts and every router's state, the result.  From the
 * screen's model (mass_pane.h) only: no store, no job.  Long lines wrap
 * at spaces, a parameter path after its dots (wrap.c).  UI thread only.
 */
#include "tui/console/mass_pane.h"

#include <stdio.h>
#include <string.h>

#include <cJSON.h>

#include "lib/util.h"

void
mass_change_words(const struct acs_change *ch, char *out, size_t size)
{
	size_t k = 0;

	out[0] = '\0';
	if (ch->ssid[0] != '\0')
		k += (size_t)snprintf(out + k, size - k, "SSID \"%s\"", ch->ssid);
	if (ch->secret[ACS_SECRET_WIFI] && k < size)
		k += (size_t)snprintf(out + k, size - k, "%sa WiFi passphrase", k ? " and " : "");
	if ((ch->ssid[0] != '\0' || ch->secret[ACS_SECRET_WIFI]) && k < size)
		k += (size_t)snprintf(out + k, size - k, " on %s%s", ch->radio[0] ? "radio " :
		    "every radio", ch->radio);
	if (ch->pppoe_user[0] != '\0' && k < size)
		k += (size_t)snprintf(out + k, size - k, "%sPPPoE user %s", k ? ", " : "",
		    ch->pppoe_user);
	if (ch->secret[ACS_SECRET_PPPOE] && k < size)
		k += (size_t)snprintf(out + k, size - k, "%sa PPPoE password", k ? " and " : "");
	for (size_t i = 0; i < ch->nset && k < size; i++)
		k += (size_t)snprintf(out + k, size - k, "%s%s = \"%s\"", k ? ", " : "",
		    ch->set[i].path, ch->set[i].value);
}

void
mass_where(const struct mass_pane *s, char *out, size_t size)
{
	snprintf(out, size, "the routers of %s%s%s", s->olt, s->port[0] ? " port " : "",
	    s->port);
}

/* Draws one line wrapped to w (paths after their dots), from row *row,
   within [y, y + h) and after the first `first` rows; counts every row. */
static void
put_wrapped(struct console *c, const char *t, int hang, enum ui_role r, size_t first,
    size_t *line, int y, int x, int h, int w, int *row)
{
	struct wrap_row wr[12];
	size_t nr = wrap_line(t, strlen(t), w, hang, wr, sizeof wr / sizeof wr[0]);

	for (size_t i = 0; i < nr && i < sizeof wr / sizeof wr[0]; i++, (*line)++)
		if (*line >= first && *row < h) {
			ui_putf(c, y + *row, x, w, r, "%*s%.*s", wr[i].indent, "",
			    (int)wr[i].len, t + wr[i].off);
			(*row)++;
		}
}

/* The role and the word of an item's state. */
static enum ui_role
item_role(enum acs_item_state st)
{
	switch (st) {
	case AI_DONE: return R_GOOD;
	case AI_QUEUED: case AI_SENDING: return R_WARN;
	case AI_FAILED: return R_CRIT;
	case AI_PENDING: case AI_SKIPPED: case AI_CANCELLED: return R_MUTED;
	default: return R_NORMAL;
	}
}

/* Draws the items from row `first`, at most h rows; returns how many rows
   they take.  preview: each router's parameters (a password masked) under
   it; a run: one row each with its state and why. */
static size_t
draw_items(struct console *c, const struct mass_pane *s, bool preview, size_t first,
    int y, int x, int h, int w)
{
	char line[1400];
	size_t n = 0;
	int row = 0;

	for (size_t i = 0; i < s->n; i++) {
		const struct acs_item *it = &s->items[i];
		const char *why = it->reason;
		cJSON *p, *e;

		if (it->state == AI_QUEUED)	/* its task: the router view lists it */
			why = acs_item_state_phrase(AI_QUEUED);
		else if (it->state == AI_PENDING && !preview)
			why = "";
		snprintf(line, sizeof line, "%-13s %-13s %s", it->serial[0] ? it->serial : "-",
		    preview && it->state == AI_PENDING ? "to change" :
		    it->state == AI_PENDING ? "not attempted" : acs_item_state_name(it->state),
		    why);
		put_wrapped(c, line, 28, preview ? (it->state == AI_PENDING ? R_NORMAL :
		    R_MUTED) : item_role(it->state), first, &n, y, x, h, w, &row);
		if (!preview || it->state != AI_PENDING || (p = cJSON_Parse(it->params)) == NULL)
			continue;
		cJSON_ArrayForEach(e, p) {
			const cJSON *v = cJSON_GetArrayItem(e, 1);

			snprintf(line, sizeof line, "    %s = %s%s%s",
			    cJSON_GetStringValue(cJSON_GetArrayItem(e, 0)),
			    cJSON_IsString(v) ? "\"" : "",
			    cJSON_IsString(v) ? v->valuestring : "********",
			    cJSON_IsString(v) ? "\"" : "");
			put_wrapped(c, line, 6, R_NORMAL, first, &n, y, x, h, w, &row);
		}
		cJSON_Delete(p);
	}
	return n;
}

/* The counts of a run: "3 of 6 handled · 2 done · 1 queued · 3 not
   attempted · 2 in flight". */
static void
counts(const struct console *c, const struct mass_pane *s, char *out, size_t size)
{
	const struct acs_counts *k = &s->prog.counts;
	size_t len, handled = k->total - k->n[AI_PENDING] - k->n[AI_SENDING];

	len = (size_t)snprintf(out, size, "%zu of %zu handled", handled, k->total);
	for (int i = 0; i < ACS_ITEM_STATE_COUNT && len < size; i++)
		if (k->n[i] > 0 && i != AI_SENDING)
			len += (size_t)snprintf(out + len, size - len, "%s%zu %s", c->gl->dot,
			    k->n[i], i == AI_PENDING ? "not attempted" :
			    acs_item_state_name((enum acs_item_state)i));
	if (s->running && len < size)
		snprintf(out + len, size - len, "%s%zu in flight", c->gl->dot, s->prog.inflight);
}

/* The form: the change's fields, the focused one underlined. */
static void
draw_form(struct console *c, const struct mass_pane *s, int y, int x, int w)
{
	int row = y;

	{
		int u = ui_put(c, row, x, w, R_LABEL, "change      ");

		for (int k = 0; k < MK_COUNT; k++)
			u += ui_putf(c, row, x + u, w - u, k == s->kind ? (s->field == FIELD_WHAT ?
			    R_INPUT : R_SELECTED) : R_NORMAL, k == s->kind ? "< %s >" : " %s ",
			    mass_kinds[k].name);
		ui_put(c, row++, x + u, w - u, R_MUTED, "  (Left/Right)");
	}
	for (int k = 1; k <= MASS_FIELDS; k++) {
		const char *label = mass_kinds[s->kind].f[k - 1].label, *t = s->text[s->kind][k - 1];
		char stars[ACS_VALUE_MAX];
		int u;

		if (label == NULL)
			continue;
		if (mass_kinds[s->kind].f[k - 1].secret) {
			size_t n = strlen(t);

			memset(stars, '*', n);
			stars[n] = '\0';
			t = stars;
		}
		u = ui_putf(c, row, x, w, R_LABEL, "%-12s", label);
		u += ui_putf(c, row, x + u, w - u, s->field == k ? R_INPUT : R_NORMAL, "%s%s",
		    t, s->field == k ? "_" : "");
		ui_putf(c, row + 1, x + 12, w - 12, R_MUTED, "%s", mass_kinds[s->kind].f[k - 1].hint);
		row += 2;
	}
	{
		int u = ui_put(c, row, x, w, R_LABEL, "at once     ");

		u += ui_putf(c, row, x + u, w - u, s->field == FIELD_CAP ? R_INPUT : R_NORMAL,
		    "%s%s", s->cap, s->field == FIELD_CAP ? "_" : "");
		ui_put(c, row, x + u, w - u, R_MUTED, " routers at most (the rest wait)");
		row += 2;
	}
	if (s->error[0] != '\0') {
		size_t line = 0;
		int r = 0;
		char e[600];

		snprintf(e, sizeof e, "%s %s", c->gl->cross, s->error);
		put_wrapped(c, e, 2, R_CRIT, 0, &line, row, x, 4, w, &r);
		row += r + 1;
	}
	ui_put(c, row, x, w, R_NORMAL, "Enter lists every router and its values first: "
	    "nothing is sent before that");
}

/* Draws the form, the dry run, or the run's progress and result. */
void
mass_draw(struct console *c, struct mass_pane *s, int y, int x, int h, int w)
{
	char title[200], wh[160], words[600], line[1400], right[64] = "";
	int in = w - 4, row = y + 1, body;
	size_t total;

	mass_where(s, wh, sizeof wh);
	if (s->stage == MS_RUN)
		snprintf(title, sizeof title, "Mass change #%lld", (long long)s->id);
	else
		snprintf(title, sizeof title, "Mass change%s%s", s->stage == MS_PREVIEW ?
		    c->gl->dot : "", s->stage == MS_PREVIEW ? "dry run" : "");
	for (int i = 1; i < h - 1; i++)
		ui_fill(c, y + i, x + 1, w - 2, R_NORMAL);
	switch (s->stage) {
	case MS_FORM:
		ui_box(c, y, x, h, w, true, title, NULL);
		ui_putf(c, row, x + 2, in, R_NORMAL, "one change to %s, through the ACS:", wh);
		draw_form(c, s, row + 2, x + 2, in);
		ui_put(c, y + h - 2, x + 2, in, R_NORMAL, "Up/Down field   type to edit   "
		    "Enter dry run   Esc close");
		return;
	case MS_PREVIEWING:
		ui_box(c, y, x, h, w, true, title, NULL);
		ui_putf(c, row, x + 2, in, R_MESSAGE, "finding %s on the ACS and what each "
		    "would get (nothing is sent)%s", wh, c->gl->ellipsis);
		return;
	case MS_PREVIEW: {
		size_t change = 0;

		for (size_t i = 0; i < s->n; i++)
			change += s->items[i].state == AI_PENDING;
		snprintf(line, sizeof line, "%s: %zu router%s of %s, %zu to change, %zu not "
		    "(nothing is sent until Enter)", s->what, s->n, s->n == 1 ? "" : "s",
		    wh + strlen("the routers of "), change, s->n - change);
		break;
	}
	case MS_RUN:
		counts(c, s, words, sizeof words);
		if (s->running && s->prog.resolving)
			snprintf(line, sizeof line, "sending: finding %s on the ACS and what each "
			    "gets%s", wh, c->gl->ellipsis);
		else if (s->running)
			snprintf(line, sizeof line, "sending: %s", words);
		else
			snprintf(line, sizeof line, "%s: %s%s%s", acs_job_state_name(s->prog.state),
			    words, s->prog.cause[0] ? "; " : "", s->prog.cause);
		break;
	}
	{
		size_t l = 0;
		int r1 = 0, r2 = 0;
		char what[600];

		body = h - 4;	/* the borders, the keys and a blank row above them */
		if (s->stage == MS_RUN) {	/* what it sends, and where */
			snprintf(what, sizeof what, "%s, to %s", s->what, wh);
			put_wrapped(c, what, 2, R_NORMAL, 0, &l, row, x + 2, 2, in, &r1);
		}
		put_wrapped(c, line, 2, s->stage == MS_RUN && !s->running &&
		    s->prog.state != AJ_DONE ? R_WARN : R_LABEL, 0, &l, row + r1, x + 2, 2,
		    in, &r2);
		row += r1 + r2;
		body -= r1 + r2;
	}
	total = draw_items(c, s, s->stage == MS_PREVIEW, SIZE_MAX, 0, 0, 0, in);
	if (s->top + (size_t)body > total)
		s->top = total > (size_t)body ? total - (size_t)body : 0;
	if (total > (size_t)body)
		snprintf(right, sizeof right, "rows %zu-%zu of %zu (j/k)", s->top + 1,
		    s->top + (size_t)body, total);
	ui_box(c, y, x, h, w, true, title, right);
	draw_items(c, s, s->stage == MS_PREVIEW, s->top, row, x + 2, body, in);
	if (s->stage == MS_PREVIEW)
		snprintf(line, sizeof line, "Enter send (asks)   Esc back to the form   j/k scroll");
	else if (s->running)
		snprintf(line, sizeof line, "Esc stop (asks; resume later)   q close (it goes "
		    "on)   j/k scroll");
	else if (s->prog.state == AJ_PAUSED)
		snprintf(line, sizeof line, "oltui acs mass resume %lld goes on   q close",
		    (long long)s->id);
	else
		snprintf(line, sizeof line, "q close   j/k scroll");
	ui_put(c, y + h - 2, x + 2, in, R_NORMAL, line);
}

