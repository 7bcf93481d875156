/*
 * main_pane.h — the parts main_pane.c puts together into the main pane:
 * the fleet tree's drawing and keys (tree.c) over the tree model
 * (tree_model.h), and the detail of the selected node with its own small
 * model (detail.c).  Only those three files include this.  UI thread only.
 */
#ifndef OLTUI_TUI_MAIN_PANE_H
#define OLTUI_TUI_MAIN_PANE_H

#include <stdbool.h>
#include <stddef.h>

#include "core/history.h"
#include "core/poll.h"
#include "tui/console/console.h"

/* ---- tree.c: the tree view over the model ---- */

struct tree_view {
	bool		 filtering;	/* the filter line is open */
	char		 filter[64];	/* the text typed there */
};

/* Draws the rows of m that fit in (y, x, h, w), keeping the selection in
   sight (it moves m->top). */
void tree_draw(struct console *c, struct tree_model *m, int y, int x, int h, int w);
/* The tree's keys: movement, expand/collapse, Enter on a port/board/OLT,
   the filter (typing it too), n/N, Esc on a filter.  True when taken. */
bool tree_key(struct console *c, struct tree_model *m, struct tree_view *v, int key,
    const struct cmd *cmd, const char *arg);
/* The box title: "Fleet", or "Fleet /filter". */
void tree_title(const struct tree_model *m, const struct tree_view *v, char *out,
    size_t size);
/* Draws the filter line in the bottom line while it is open; false else. */
bool tree_footer(struct console *c, const struct tree_view *v, int y, int w);

/* ---- detail.c: the detail of the selected node ---- */

#define SPARK_MAX	24	/* sparkline columns at most */

struct detail {
	struct tree_key	 key;		/* the node it was read for */
	int		 w;		/* the body width it was read for */
	bool		 loaded;
	size_t		 top;		/* first row of the port table shown */
	int		 sort;		/* port table: 0 by ONT id, 1 worst signal first */
	/* OLT */
	bool		 have_health;
	struct olt_health health;
	bool		 have_backup;
	int64_t		 backup_at;
	char		 backup_sha[65];
	/* port */
	struct ont	*onts;		/* by ONT id */
	size_t		 nonts;
	struct ont	**order;	/* onts in the table's order */
	/* ONT */
	bool		 have_contract;
	struct contract	 contract;
	struct history_bucket spark[SPARK_MAX];	/* the last 24 h */
	int		 nspark;	/* columns read; 0 = no sparkline */
};

/* Reads what the detail of m's selection shows, when the selection or the
   body width w changed since the last read, or always when force (the data
   changed).  The port table goes back to its top for a new node. */
void detail_follow(struct console *c, struct detail *d, const struct tree_model *m,
    int w, bool force);
/* Frees what d holds; d can be followed again. */
void detail_free(struct detail *d);
/* Draws the detail of m's selection from d and the tree. */
void detail_draw(struct console *c, struct detail *d, const struct tree_model *m,
    int y, int x, int h, int w);
/* The detail box's title ("ONT HWTC… · C-1001"). */
void detail_title(const struct console *c, const struct tree_model *m, char *out,
    size_t size);
/* Scrolls the port table by delta rows. */
void detail_scroll(struct detail *d, long delta);
/* Toggles the port table between ONT id order and worst signal first. */
void detail_sort(struct detail *d);

#endif
