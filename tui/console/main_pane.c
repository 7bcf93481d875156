/*
 * main_pane.c — the main pane: the fleet tree on the left (tree.c over the
 * tree model), the detail of the selected node on the right (detail.c),
 * and Tab moving the focus between them.
 *
 * It is the bottom of the pane stack from start to exit, and its tree model
 * is the console's fleet: the other panes read names, thresholds and the
 * selection from it (main_pane_fleet).  The first frame is drawn from a
 * quick load (OLTs and alarms); the full load (ports and counts) follows
 * right after it (pane.later).  A sweep or a write reloads the fleet
 * (keeping expansion, filter and selection); a key that moves the
 * selection has the detail follow it before the next frame — once per
 * frame however many keys came in.  UI thread only.
 */
#include "tui/console/console.h"
#include "tui/console/main_pane.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/pool.h"
#include "lib/util.h"

enum focus { FOCUS_TREE, FOCUS_DETAIL };

struct main_pane {
	struct tree_model m;		/* the fleet */
	struct tree_view v;
	struct detail	 d;
	enum focus	 focus;
};

/* The ONT actions the tree takes: command -> write. */
static const struct {
	enum cmd_id	 cmd;
	enum wjob_kind	 kind;
} actions[] = {
	{ CMD_REBOOT, WJ_REBOOT }, { CMD_DISABLE, WJ_DISABLE }, { CMD_ENABLE, WJ_ENABLE },
	{ CMD_SPEED, WJ_SPEED }, { CMD_VLAN, WJ_VLAN }, { CMD_MOVE, WJ_MOVE },
	{ CMD_DELETE, WJ_DELETE }, { CMD_REPLACE, WJ_REPLACE },
};

/* The width of the tree's box in a body w wide. */
static int
tree_width(int w)
{
	int tw = w * 2 / 5;

	return tw < 30 ? 30 : tw > 48 ? 48 : tw;
}

/* The width of the detail's body in a pane w wide. */
static int
detail_width(int w)
{
	return w - tree_width(w) - 4;
}

/* The state of the main pane. */
static struct main_pane *
state(struct console *c)
{
	return pane_main(c)->state;
}

/* The fleet. */
struct tree_model *
main_pane_fleet(struct console *c)
{
	return &state(c)->m;
}

/* Opens the pane on a quick load; the full one follows the first frame. */
static void *
main_pane_open(struct console *c, const void *arg)
{
	struct main_pane *s = xcalloc(1, sizeof *s);
	int y, x, h, w;

	(void)arg;
	pane_body(c, &y, &x, &h, &w);
	tree_model_init(&s->m, c->st, c->cfg);
	tree_model_load(&s->m, true);
	detail_follow(c, &s->d, &s->m, detail_width(w), true);
	return s;
}

/* Frees the fleet and the detail. */
static void
main_pane_close(struct console *c, struct pane *p)
{
	struct main_pane *s = p->state;

	(void)c;
	tree_model_free(&s->m);
	detail_free(&s->d);
	free(s);
}

/* Reads the fleet (PANE_RELOAD) and the detail of the selection. */
static void
main_pane_reload(struct console *c, struct pane *p, unsigned want)
{
	struct main_pane *s = p->state;
	int y, x, h, w;

	pane_body(c, &y, &x, &h, &w);
	if (want & PANE_RELOAD)
		tree_model_load(&s->m, false);
	detail_follow(c, &s->d, &s->m, detail_width(w), (want & PANE_RELOAD) != 0);
}

/* The tree's box on the left, the detail's on the right. */
static void
main_pane_draw(struct console *c, struct pane *p, int y, int x, int h, int w)
{
	struct main_pane *s = p->state;
	int tw = tree_width(w);
	char title[128];

	tree_title(&s->m, &s->v, title, sizeof title);
	ui_box(c, y, x, h, tw, s->focus == FOCUS_TREE, title, NULL);
	tree_draw(c, &s->m, y + 1, x + 1, h - 2, tw - 2);
	detail_title(c, &s->m, title, sizeof title);
	ui_box(c, y, x + tw, h, w - tw, s->focus == FOCUS_DETAIL, title, NULL);
	detail_draw(c, &s->d, &s->m, y + 1, x + tw + 2, h - 2, detail_width(w));
}

/* The filter line. */
static bool
main_pane_footer(struct console *c, struct pane *p, int y, int w)
{
	struct main_pane *s = p->state;

	return tree_footer(c, &s->v, y, w);
}

/* The pane's own keys (the detail's, the actions), then the tree's. */
static bool
take_key(struct console *c, struct main_pane *s, int key, const struct cmd *cmd,
    const char *arg)
{
	long d = keys_move_delta(c, cmd);

	if (s->v.filtering)
		return tree_key(c, &s->m, &s->v, key, cmd, arg);
	if (d != 0 && s->focus == FOCUS_DETAIL) {
		detail_scroll(&s->d, d);
		return true;
	}
	if (cmd == NULL)
		return false;
	for (size_t i = 0; i < sizeof actions / sizeof actions[0]; i++)
		if (actions[i].cmd == cmd->id) {
			wizard_action(c, actions[i].kind);
			return true;
		}
	switch (cmd->id) {
	case CMD_LINK:
		contract_link_action(c);
		return true;
	case CMD_OPEN:
		if (tree_model_sel_ont(&s->m) != NULL) {
			pane_show(c, &signal_ops, NULL);
			return true;
		}
		break;
	case CMD_FOCUS:
		s->focus = s->focus == FOCUS_TREE ? FOCUS_DETAIL : FOCUS_TREE;
		return true;
	case CMD_SORT:
		detail_sort(&s->d);
		return true;
	case CMD_FILTER:
		if (arg == NULL || arg[0] == '\0')
			s->focus = FOCUS_TREE;
		break;
	default:
		break;
	}
	return tree_key(c, &s->m, &s->v, key, cmd, arg);
}

/* A key: whatever it moved, the detail follows before the next frame. */
static bool
main_pane_key(struct console *c, struct pane *p, int key, const struct cmd *cmd,
    const char *arg)
{
	bool took = take_key(c, p->state, key, cmd, arg);

	if (took)
		p->want |= PANE_FOLLOW;	/* the main pane stays panes[0]: p is valid */
	return took;
}

/* A sweep or a write changed the fleet. */
static unsigned
main_pane_event(struct console *c, struct pane *p, const struct pool_event *ev)
{
	(void)c, (void)p;
	return pane_event_reload(ev);
}

/* Shows the main pane alone with a node selected. */
bool
main_pane_jump(struct console *c, int64_t olt_id, const char *port, const char *sn)
{
	struct main_pane *s;

	pane_pop_to_main(c);
	s = state(c);
	s->focus = FOCUS_TREE;
	pane_main(c)->want |= PANE_FOLLOW;
	return tree_model_jump(&s->m, olt_id, port, sn);
}

/* Shows the main pane alone with the ONT sn selected. */
bool
main_pane_jump_sn(struct console *c, const char *sn)
{
	pane_pop_to_main(c);
	pane_main(c)->want |= PANE_FOLLOW;
	return tree_model_jump_sn(&state(c)->m, sn);
}

/* The fleet changed: read it again before the next frame. */
void
main_pane_refresh(struct console *c)
{
	if (pane_main(c) != NULL)
		pane_main(c)->want |= PANE_RELOAD;
}

const struct pane_ops main_pane_ops = {
	.name = "main",
	.open = main_pane_open,
	.close = main_pane_close,
	.reload = main_pane_reload,
	.draw = main_pane_draw,
	.footer = main_pane_footer,
	.key = main_pane_key,
	.event = main_pane_event,
};
