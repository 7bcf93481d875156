/*
 * tree_filter.c — the fleet tree's filter (`/`): which OLTs, ports and
 * ONTs match a text, and walking the matches (n/N).  Part of the tree model
 * (tree_model.h); no curses.
 *
 * A node matches when its OLT name or model, its port, its serial, its
 * contract code, or its contract's customer or address contain the text,
 * in any case.  A node's hit has TREE_HIT_SELF when it matches itself and
 * TREE_HIT_CHILD when something below it does (it is shown open, so the
 * match is in sight); a port's hits[] marks its ONTs.  Every port's ONTs are read while a filter is in
 * force; clearing it forgets those of collapsed ports (a fleet-wide filter
 * costs memory only while it is on).
 */
#include "tui/console/tree_model.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/store.h"
#include "lib/util.h"

/* Case-insensitive substring test ("" is in everything): the filter's
   rule, which the audit pane's search follows too. */
bool
tree_filter_has(const char *hay, const char *needle)
{
	size_t n = strlen(needle);

	for (; *hay != '\0'; hay++)
		if (strncasecmp(hay, needle, n) == 0)
			return true;
	return n == 0;
}

/* The codes of the contracts whose customer or address contain f. */
static size_t
contract_hits(struct tree_model *m, const char *f, char ***out)
{
	struct contract *ct = NULL;
	size_t nct = 0, n = 0;
	char **codes = NULL;

	if (f[0] != '\0' && store_contract_list(m->st, &ct, &nct, NULL) == 0) {
		for (size_t i = 0; i < nct; i++)
			if (tree_filter_has(ct[i].customer, f) ||
			    tree_filter_has(ct[i].address, f)) {
				codes = xrealloc(codes, (n + 1) * sizeof *codes);
				codes[n++] = xstrdup(ct[i].code);
			}
		free(ct);
	}
	*out = codes;
	return n;
}

/* Marks a port's matching ONTs (reading them first); forgets the ONTs of a
   collapsed port when the filter is cleared. */
static void
port_filter(struct tree_model *m, const struct tree_olt *to, struct tree_port *tp,
    const char *f, char *const *codes, size_t ncodes)
{
	free(tp->hits);
	tp->hits = NULL;
	tp->hit = 0;
	if (f[0] == '\0') {
		if (!tp->expanded && tp->loaded) {
			free(tp->onts);
			tp->onts = NULL;
			tp->nonts = 0;
			tp->loaded = false;
		}
		return;
	}
	tree_model_port_load(m, to, tp);
	tp->hits = xcalloc(tp->nonts ? tp->nonts : 1, 1);
	if (tree_filter_has(tp->p.port, f))
		tp->hit = TREE_HIT_SELF;
	for (size_t i = 0; i < tp->nonts; i++) {
		const struct ont *on = &tp->onts[i];
		bool hit = tree_filter_has(on->sn, f) || tree_filter_has(on->contract, f);

		for (size_t k = 0; !hit && k < ncodes; k++)
			hit = on->contract[0] && strcmp(on->contract, codes[k]) == 0;
		if (hit) {
			tp->hits[i] = TREE_HIT_SELF;
			tp->hit |= TREE_HIT_CHILD;
		}
	}
}

/* Computes the filter's hits over the whole fleet and re-flattens. */
void
tree_filter_apply(struct tree_model *m, const char *text)
{
	char f[sizeof m->applied], **codes;
	size_t ncodes;

	strlcpy_(f, text, sizeof f);
	strlcpy_(m->applied, f, sizeof m->applied);
	ncodes = contract_hits(m, f, &codes);
	for (size_t o = 0; o < m->nolts; o++) {
		struct tree_olt *to = &m->olts[o];

		to->hit = f[0] && (tree_filter_has(to->o.name, f) ||
		    tree_filter_has(to->o.model, f)) ? TREE_HIT_SELF : 0;
		for (size_t b = 0; b < to->nboards; b++) {
			struct tree_board *tb = &to->boards[b];

			tb->hit = 0;
			for (size_t p = 0; p < tb->nports; p++) {
				port_filter(m, to, &tb->ports[p], f, codes, ncodes);
				if (tb->ports[p].hit)
					tb->hit |= TREE_HIT_CHILD;
			}
			if (tb->hit)
				to->hit |= TREE_HIT_CHILD;
		}
	}
	strv_free(codes, ncodes);
	m->sel = 0;
	m->top = 0;
	tree_model_flatten(m);
	if (f[0] != '\0')
		tree_filter_next(m, 0);
}

/* True if row r matches the filter itself. */
bool
tree_filter_matches(const struct tree_model *m, const struct tree_row *r)
{
	switch (r->kind) {
	case NODE_OLT: return (tree_model_row_olt(m, r)->hit & TREE_HIT_SELF) != 0;
	case NODE_BOARD: return false;
	case NODE_PORT: return (tree_model_row_port(m, r)->hit & TREE_HIT_SELF) != 0;
	case NODE_ONT: {
		const struct tree_port *tp = tree_model_row_port(m, r);

		return tp->hits != NULL && (tp->hits[r->n] & TREE_HIT_SELF) != 0;
	}
	}
	return false;
}

/* Moves to the next (dir 1), previous (-1) or first-from-here (0) match. */
void
tree_filter_next(struct tree_model *m, int dir)
{
	size_t n = m->nrows;

	if (n == 0 || m->applied[0] == '\0')
		return;
	for (size_t k = dir == 0 ? 0 : 1; k <= n; k++) {
		size_t i = dir < 0 ? (m->sel + n - k % n) % n : (m->sel + k) % n;

		if (tree_filter_matches(m, &m->rows[i])) {
			m->sel = i;
			return;
		}
	}
}
