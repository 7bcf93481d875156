/*
 * tree_model.h — the fleet as a tree the console shows: OLT -> board
 * (frame/slot) -> PON port -> ONT, read from the store, with expansion,
 * the visible rows, the selection, the filter and the jumps.
 *
 * The model knows nothing of curses: the console's tree.c draws it and
 * turns keys into these calls, and tests/unit/test_tree_model.c drives it
 * directly; tree_filter.c holds its filter.  It is the main pane's model,
 * and the fleet the other panes read names, thresholds and counts from
 * (main_pane_fleet()).
 *
 * Loading is lazy, so 200,000 cached ONTs open as fast as 60: a quick load
 * reads the OLTs and the active alarms only; a full load adds every OLT's
 * PON ports with their counts and its boards; the ONTs of a port are read
 * when the port is first expanded, filtered or jumped to.  A load keeps
 * what the technician did: expansion, the filter in force and the selected
 * node (found again by its identity, struct tree_key).
 *
 * The visible rows (rows[0..nrows)) are rebuilt after every change of
 * expansion or filter; they index into the tree, so a pointer into the
 * tree or a row is valid only until the next call that changes either.
 * Under a filter the rows are the matches with their parents, open; a
 * node that matches itself shows what is under it, unfiltered, once the
 * technician expands it.
 *
 * Calls read the store they were given at tree_model_init(), on the thread
 * that owns that handle (the UI thread in the console).  A store error
 * leaves the affected part empty: the tree shows what it could read.
 */
#ifndef OLTUI_TREE_MODEL_H
#define OLTUI_TREE_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/alarms.h"
#include "core/model.h"

struct store;
struct config;

enum node_kind { NODE_OLT, NODE_BOARD, NODE_PORT, NODE_ONT };

/* What the filter found at a node (tree_filter.c). */
#define TREE_HIT_CHILD	0x1u	/* something below it matches */
#define TREE_HIT_SELF	0x2u	/* it matches itself */

struct tree_port {
	struct pon_port	 p;		/* port name and its ONT counts */
	int		 alarms;	/* active alarms on the port */
	bool		 expanded;
	bool		 loaded;	/* onts read */
	struct ont	*onts;		/* by ONT id; read on first expand */
	size_t		 nonts;
	unsigned char	 hit;		/* filter: TREE_HIT_* bits */
	unsigned char	*hits;		/* filter: per ONT, TREE_HIT_SELF = matches */
};

struct tree_board {
	int		 frame, slot;
	char		 type[33];	/* from store_boards_list, may be "" */
	int		 onts, online, alarms;
	bool		 expanded;
	unsigned char	 hit;		/* filter: TREE_HIT_* bits */
	struct tree_port *ports;
	size_t		 nports;
};

struct tree_olt {
	struct olt	 o;
	int		 onts, online, alarms;
	bool		 unreachable;	/* olt_unreachable alarm active, or last sweep failed */
	int64_t		 swept_at;	/* last successful sweep (epoch), 0 = never */
	int64_t		 tried_at;	/* last sweep attempt (epoch), 0 = never */
	int64_t		 data_at;	/* when its cached data is from: its last
					   sweep if that succeeded, else its newest
					   ONT reading if newer than its last good
					   sweep (full load); 0 = nothing */
	struct alarm_thresholds th;	/* config + this OLT's overrides */
	bool		 expanded;
	unsigned char	 hit;		/* filter: TREE_HIT_* bits */
	struct tree_board *boards;
	size_t		 nboards;
};

/* One visible row: indexes into the tree, -1 where not applicable. */
struct tree_row {
	enum node_kind	 kind;
	int		 o, b, p, n;
	bool		 open;		/* its children are the rows below it (▾) */
};

/* A node's identity, which survives a reload (indexes do not). */
struct tree_key {
	enum node_kind	 kind;
	int64_t		 olt;		/* OLT id; 0 = no node */
	int		 frame, slot;	/* board */
	char		 port[PORT_MAX_LEN + 1];
	char		 sn[SN_MAX_LEN + 1];
};

/* The fleet in numbers, for the console's top line. */
struct tree_summary {
	size_t		 olts;
	int		 up;		/* swept and not unreachable */
	int		 unreachable;
	int		 onts, online;
	int		 warn, crit;	/* active alarms below / from major */
	int		 outages;	/* active PON outages */
	int64_t		 last_sweep_at;	/* newest successful sweep, any OLT; 0 = never */
	int64_t		 data_at;	/* newest cached data, any OLT; 0 = none */
	bool		 pending;	/* quick load: the ages are not all read yet */
};

struct tree_model {
	struct store		*st;		/* borrowed */
	const struct config	*cfg;		/* borrowed; NULL = defaults */
	struct tree_olt		*olts;
	size_t			 nolts;
	struct tree_row		*rows;		/* visible rows */
	size_t			 nrows, cap;
	size_t			 sel;		/* selected row (0 when nrows is 0) */
	size_t			 top;		/* first row shown: the view keeps sel in
						   sight; a new filter resets it */
	struct alarm		*alarms;	/* active alarms, all OLTs, worst then newest */
	size_t			 nalarms;
	char			 applied[64];	/* the filter in force; "" = none */
	bool			 pending;	/* quick load: ports and counts not read yet */
	int64_t			 last_sweep_at;	/* newest successful sweep, any OLT */
};

/* Prepares an empty model over st (and cfg for the alarm thresholds; may be
   NULL).  Both are borrowed and must outlive the model. */
void tree_model_init(struct tree_model *m, struct store *st, const struct config *cfg);
/* Frees everything the model holds; it is empty (and reusable) afterwards. */
void tree_model_free(struct tree_model *m);
/* Reads the fleet again, keeping expansion, the filter and the selection.
   quick: OLTs and alarms only (pending stays true until a full load).  The
   first full load after a quick one expands the OLT of a one-OLT fleet. */
void tree_model_load(struct tree_model *m, bool quick);

/* The selected row, OLT, ONT; NULL when there is none (or it is not one). */
const struct tree_row *tree_model_sel(const struct tree_model *m);
struct tree_olt *tree_model_sel_olt(const struct tree_model *m);
struct ont *tree_model_sel_ont(const struct tree_model *m);
/* The nodes of a row (the row must be one of m's and of that depth). */
struct tree_olt *tree_model_row_olt(const struct tree_model *m, const struct tree_row *r);
struct tree_board *tree_model_row_board(const struct tree_model *m,
    const struct tree_row *r);
struct tree_port *tree_model_row_port(const struct tree_model *m, const struct tree_row *r);
struct ont *tree_model_row_ont(const struct tree_model *m, const struct tree_row *r);
/* True when row r is shown open (▾): its children are the rows below it.
   Without a filter that is its expansion; under a filter a node opens to
   show what matches below it, whatever its expansion.  Never an ONT. */
bool tree_model_row_expanded(const struct tree_model *m, const struct tree_row *r);
/* The identity of the selected node (kind NODE_OLT and olt 0 when none). */
void tree_model_sel_key(const struct tree_model *m, struct tree_key *k);
/* True when a and b name the same node. */
bool tree_model_key_equal(const struct tree_key *a, const struct tree_key *b);

/* The OLT with id, or called name; NULL when not in the fleet. */
struct tree_olt *tree_model_olt(const struct tree_model *m, int64_t id);
struct tree_olt *tree_model_olt_named(const struct tree_model *m, const char *name);
/* Active alarms of one ONT. */
int tree_model_ont_alarms(const struct tree_model *m, int64_t olt_id, const char *sn);
/* The word an alarm's kind is shown as ("los", "pon_outage"). */
const char *tree_model_alarm_kind(const struct alarm *a);
/* The fleet's figures for the top line. */
void tree_model_summary(const struct tree_model *m, struct tree_summary *s);

/* Moves the selection by delta rows, clamped to the first and last. */
void tree_model_move(struct tree_model *m, long delta);
/* Expands the selected node (a port reads its ONTs the first time). */
void tree_model_expand(struct tree_model *m);
/* Expands every node of the fleet (reads every port's ONTs). */
void tree_model_expand_all(struct tree_model *m);
/* Collapses the selected node; when it is collapsed already (or an ONT),
   selects its parent. */
void tree_model_collapse(struct tree_model *m);
/* Expands a collapsed node, collapses an expanded one; nothing on an ONT. */
void tree_model_toggle(struct tree_model *m);

/* Selects OLT olt_id's port (or the OLT when port is NULL or "", or the
   port is unknown), or ONT sn on that port when sn is not NULL or "",
   expanding the parents and clearing a filter.  False (selection kept)
   when the OLT is not in the fleet. */
bool tree_model_jump(struct tree_model *m, int64_t olt_id, const char *port,
    const char *sn);
/* Selects the ONT with serial sn (expanding its parents); false and the
   selection kept when no ONT has that serial. */
bool tree_model_jump_sn(struct tree_model *m, const char *sn);

/* Rebuilds the visible rows after expansion or hits changed by hand (the
   calls above do it themselves). */
void tree_model_flatten(struct tree_model *m);
/* Reads a port's ONTs if it has not yet. */
void tree_model_port_load(struct tree_model *m, const struct tree_olt *to,
    struct tree_port *tp);

/* ---- the filter (tree_filter.c) ---- */

/* Applies filter text ("" clears it): the rows become the OLTs, ports and
   ONTs whose name, model, port, serial, contract code, or contract's
   customer or address contain it (any case), with their parents, and the
   first match is selected.  Every port's ONTs are read while a filter is in
   force; clearing it forgets those of collapsed ports. */
void tree_filter_apply(struct tree_model *m, const char *text);
/* True when row r matches the filter itself (not only a child of it). */
bool tree_filter_matches(const struct tree_model *m, const struct tree_row *r);
/* Selects the next (dir 1) or previous (-1) match, wrapping; 0: the first
   match from the selection on.  Nothing without a filter. */
void tree_filter_next(struct tree_model *m, int dir);
/* True when hay contains needle in any case ("" is in everything): the
   filter's matching rule. */
bool tree_filter_has(const char *hay, const char *needle);

#endif
