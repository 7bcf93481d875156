/*
 * discover.c — the discovery pane: ONTs the OLTs found by autofind / uncfg
 * and that are not authorised yet (store_discovered_list), newest first,
 * with their OLT, port, model and age.  Enter (or F3) opens the
 * provisioning wizard over this pane for the selected ONT; R reads
 * autofind on every OLT again (a job; wizard_job_done shows this pane
 * again, read afresh, when it ends).
 *
 * Model: the list with each ONT's OLT name, read when the pane opens, after
 * a write or a sweep, when another process wrote to the database, and on
 * `u`.  An ONT the database holds as configured on its OLT is not listed
 * (store_discovered_list): once provisioned it leaves the list.  UI thread
 * only.
 */
#include "tui/console/console.h"

#include <stdio.h>
#include <stdlib.h>

#include "core/store.h"
#include "lib/util.h"

struct discover {
	struct discovered_ont *d;
	char		(*olt)[NAME_MAX_LEN + 1];	/* d[i]'s OLT name, or "?" */
	size_t		 n, sel;
};

/* Reads the list. */
static void
discover_load(struct console *c, struct discover *s)
{
	const struct tree_model *m = main_pane_fleet(c);
	char *cause = NULL;

	free(s->d);
	free(s->olt);
	s->d = NULL;
	s->n = 0;
	if (store_discovered_list(c->st, 0, &s->d, &s->n, &cause) == -1) {
		console_msg(c, true, "%s", cause);
		free(cause);
	}
	s->olt = xcalloc(s->n ? s->n : 1, sizeof *s->olt);
	for (size_t i = 0; i < s->n; i++) {
		const struct tree_olt *to = tree_model_olt(m, s->d[i].olt_id);

		strlcpy_(s->olt[i], to != NULL ? to->o.name : "?", sizeof s->olt[i]);
	}
	if (s->sel >= s->n)
		s->sel = s->n ? s->n - 1 : 0;
}

/* Opens the pane on a fresh read of the list. */
static void *
discover_open(struct console *c, const void *arg)
{
	struct discover *s = xcalloc(1, sizeof *s);

	(void)arg;
	discover_load(c, s);
	return s;
}

/* Frees the list and the state. */
static void
discover_close(struct console *c, struct pane *p)
{
	struct discover *s = p->state;

	(void)c;
	free(s->d);
	free(s->olt);
	free(s);
}

/* Reads the list again. */
static void
discover_reload(struct console *c, struct pane *p, unsigned want)
{
	if (want & PANE_RELOAD)
		discover_load(c, p->state);
}

/* Draws the list. */
static void
discover_draw(struct console *c, struct pane *p, int y, int x, int h, int w)
{
	struct discover *s = p->state;
	char title[64], age[32];
	int64_t now = console_now();

	snprintf(title, sizeof title, "Discovered ONTs%s%zu not authorised", c->gl->dot,
	    s->n);
	ui_box(c, y, x, h, w, true, title, "Enter: provision");
	for (int i = 1; i < h - 1; i++)
		ui_fill(c, y + i, x + 1, w - 2, R_NORMAL);
	ui_putf(c, y + 1, x + 2, w - 4, R_LABEL, "%-12s %-10s %-17s %-12s %s", "OLT",
	    "port", "serial", "model", "found");
	if (s->n == 0) {
		ui_put(c, y + 2, x + 2, w - 4, R_MUTED,
		    "none cached (a discovery read fills this list)");
		return;
	}
	for (size_t i = 0; i < s->n && (int)i < h - 3; i++) {
		const struct discovered_ont *d = &s->d[i];
		enum ui_role r = i == s->sel ? R_SELECTED : R_NORMAL;

		ui_age(d->found_at, now, age, sizeof age);
		ui_fill(c, y + 2 + (int)i, x + 1, w - 2, r);
		ui_putf(c, y + 2 + (int)i, x + 2, w - 4, r, "%-12s %-10s %-17s %-12s %s",
		    s->olt[i], d->port, d->sn, d->model, age);
	}
}

/* Moves; Enter and F3 provision the selected ONT; R reads autofind. */
static bool
discover_key(struct console *c, struct pane *p, int key, const struct cmd *cmd,
    const char *arg)
{
	struct discover *s = p->state;
	long d = keys_move_delta(c, cmd);

	(void)key, (void)arg;
	if (d != 0) {
		s->sel = keys_move_index(s->sel, s->n, d);
		return true;
	}
	if (cmd == NULL)
		return false;
	switch (cmd->id) {
	case CMD_OPEN:
	case CMD_PROVISION:
		if (s->n == 0) {
			console_msg(c, true, "provisioning starts from a discovered ONT: F2, "
			    "then Enter");
			return true;
		}
		pane_push(c, &wizard_ops, &(struct wizard_arg){ .disc = &s->d[s->sel] });
		return true;
	case CMD_SWEEP:
		wizard_discover(c);
		return true;
	default:
		return false;
	}
}

/* A write ended (a provisioned ONT waits no more) or a sweep stored ONTs:
   read the list again. */
static unsigned
discover_event(struct console *c, struct pane *p, const struct pool_event *ev)
{
	(void)c, (void)p;
	return pane_event_reload(ev);
}

const struct pane_ops discover_ops = {
	.name = "discover",
	.open = discover_open,
	.close = discover_close,
	.reload = discover_reload,
	.draw = discover_draw,
	.key = discover_key,
	.event = discover_event,
};
