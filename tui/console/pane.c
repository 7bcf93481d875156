/*
 * pane.c — the stack of panes: opening, closing, and the rounds the main
 * loop runs over them (events, reloads, the frame after which a pane wants
 * a reload).
 *
 * The main pane is panes[0] from start to exit.  pane_show() opens a view
 * over it (closing what was above once the new one opened, so a failed open
 * changes nothing); pane_push() opens one over the top (the wizard over the
 * discovery list).  Only the top pane is drawn and takes keys; events go to
 * every open pane, bottom first, and so do reloads — a pane above the main
 * one that copies from the fleet sees it already reloaded.  UI thread only.
 */
#include "tui/console/console.h"

#include "core/pool.h"

#include <string.h>

/* Opens ops on top of the stack. */
int
pane_push(struct console *c, const struct pane_ops *ops, const void *arg)
{
	void *s;

	if (c->npanes == PANES_MAX) {
		console_msg(c, true, "too many views open: q closes one");
		return -1;
	}
	if ((s = ops->open(c, arg)) == NULL)
		return -1;
	c->panes[c->npanes++] = (struct pane){ .ops = ops, .state = s };
	c->dirty = true;
	return 0;
}

/* Closes the top pane (never the main one). */
void
pane_pop(struct console *c)
{
	struct pane p;

	if (c->npanes <= 1)
		return;
	p = c->panes[--c->npanes];
	memset(&c->panes[c->npanes], 0, sizeof c->panes[0]);
	p.ops->close(c, &p);
	c->dirty = true;
}

/* Closes every pane above the main one. */
void
pane_pop_to_main(struct console *c)
{
	while (c->npanes > 1)
		pane_pop(c);
}

/* Opens ops over the main pane, closing what was above it. */
int
pane_show(struct console *c, const struct pane_ops *ops, const void *arg)
{
	void *s;

	if ((s = ops->open(c, arg)) == NULL)
		return -1;
	pane_pop_to_main(c);
	c->panes[c->npanes++] = (struct pane){ .ops = ops, .state = s };
	c->dirty = true;
	return 0;
}

/* Closes ops when it is on top, shows it otherwise. */
void
pane_toggle(struct console *c, const struct pane_ops *ops, const void *arg)
{
	if (c->npanes > 1 && pane_top(c)->ops == ops)
		pane_pop(c);
	else
		pane_show(c, ops, arg);
}

/* Closes every pane (at exit). */
void
pane_close_all(struct console *c)
{
	pane_pop_to_main(c);
	if (c->npanes == 1) {
		struct pane p = c->panes[0];

		c->npanes = 0;
		memset(&c->panes[0], 0, sizeof c->panes[0]);
		p.ops->close(c, &p);
	}
}

/* The top pane. */
struct pane *
pane_top(struct console *c)
{
	return c->npanes > 0 ? &c->panes[c->npanes - 1] : NULL;
}

/* The main pane. */
struct pane *
pane_main(struct console *c)
{
	return c->npanes > 0 ? &c->panes[0] : NULL;
}

/* The open pane with ops. */
struct pane *
pane_find(struct console *c, const struct pane_ops *ops)
{
	for (size_t i = 0; i < c->npanes; i++)
		if (c->panes[i].ops == ops)
			return &c->panes[i];
	return NULL;
}

/* Marks every pane with want. */
void
pane_touch_all(struct console *c, unsigned want)
{
	for (size_t i = 0; i < c->npanes; i++)
		c->panes[i].want |= want;
	c->dirty = true;
}

/* Reloads each pane that wants it, bottom first. */
bool
pane_reload(struct console *c)
{
	bool any = false;

	for (size_t i = 0; i < c->npanes; i++) {
		struct pane *p = &c->panes[i];
		unsigned want = p->want;

		if (want == 0)
			continue;
		p->want = 0;
		if (p->ops->reload != NULL)
			p->ops->reload(c, p, want);
		any = true;
	}
	if (any)
		c->dirty = true;
	return any;
}

/* A frame was drawn: deferred reloads become wanted. */
bool
pane_after_frame(struct console *c)
{
	bool any = false;

	for (size_t i = 0; i < c->npanes; i++) {
		struct pane *p = &c->panes[i];

		p->want |= p->later;
		p->later = 0;
		any = any || p->want != 0;
	}
	return any;
}

/* Hands ev to every pane and records what each asks for. */
void
pane_event(struct console *c, const struct pool_event *ev)
{
	for (size_t i = 0; i < c->npanes; i++) {
		struct pane *p = &c->panes[i];
		unsigned r;

		if (p->ops->event == NULL)
			continue;
		r = p->ops->event(c, p, ev);
		p->want |= r & (PANE_RELOAD | PANE_FOLLOW);
		if (r != 0)
			c->dirty = true;
	}
}

/* PANE_RELOAD for a job that changed stored data (a sweep, a write). */
unsigned
pane_event_reload(const struct pool_event *ev)
{
	return ev != NULL && (ev->kind == CJOB_SWEEP || ev->kind == CJOB_WRITE) ?
	    PANE_RELOAD : 0;
}

/* The body's area: everything but the top and bottom lines. */
void
pane_body(const struct console *c, int *y, int *x, int *h, int *w)
{
	*y = 1;
	*x = 0;
	*h = c->rows - 2;
	*w = c->cols;
}
