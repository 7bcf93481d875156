/* test_tree_model.c — the console's fleet tree as data (tui/console/
   tree_model.c, tree_filter.c), without curses: lazy loading, counts and
   alarms per node, expansion, selection, the filter and the jumps, over a
   temporary store filled through store_* functions.

   The fleet: OLT north (MA5800-X7) with ports 0/1/0 (4 ONTs, one LOS),
   0/1/1 (3 ONTs, one linked to contract C-1 of Ana Souza) and 0/2/0 (2
   ONTs), last swept at 1000; OLT south (C320) with port 1/1/1 (2 ONTs),
   whose last sweep (at 2000) failed.  Alarms: rx_warning (warning) on north
   0/1/0 ONT 1, pon_outage (major) on south 1/1/1. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/store.h"
#include "lib/util.h"
#include "tui/console/tree_model.h"

struct fx {
	char		 dir[64];
	struct store	*st;
	int64_t		 north, south;
	struct tree_model m;
};

/* Adds an OLT and returns its id. */
static int64_t
add_olt(struct store *st, const char *name, const char *driver, const char *model)
{
	struct olt o = { 0 };

	strcpy(o.name, name);
	strcpy(o.driver, driver);
	strcpy(o.model, model);
	strcpy(o.host, "127.0.0.1");
	o.port = 22;
	o.transport = TRANSPORT_SSH;
	strcpy(o.user, "root");
	o.snmp_port = 161;
	assert_int_equal(store_olt_add(st, &o, NULL), 0);
	return o.id;
}

/* Stores one ONT as a sweep would. */
static void
add_ont(struct store *st, int64_t olt, const char *port, int id, const char *sn,
    enum ont_status status, int64_t read_at)
{
	struct ont_reading r = { 0 };

	strcpy(r.port, port);
	r.ont_id = id;
	strcpy(r.sn, sn);
	r.admin = ADMIN_ENABLED;
	r.status = status;
	r.rx_dbm = status == ONT_ONLINE ? -20.0 : NAN;
	r.olt_rx_dbm = NAN;
	r.distance_m = -1;
	r.read_at = read_at;
	assert_int_equal(store_onts_upsert(st, olt, &r, 1, NULL), 0);
}

/* Raises an active alarm. */
static void
add_alarm(struct store *st, int64_t olt, const char *port, const char *sn,
    enum alarm_kind kind, enum alarm_severity sev)
{
	struct alarm a = { 0 };

	a.olt_id = olt;
	strcpy(a.port, port);
	strcpy(a.sn, sn);
	a.kind = kind;
	strcpy(a.text, alarm_kind_name(kind));
	a.severity = sev;
	a.raised_at = 500;
	assert_int_equal(store_alarm_raise(st, &a, NULL), 1);
}

/* Records an OLT's last sweep as the poller does. */
static void
set_sweep(struct store *st, int64_t olt, int ok, long long at)
{
	struct olt_state sw = { 0 };

	sw.sweep_at = at;
	sw.sweep_ok = ok != 0;
	sw.sweep_ms = 120;
	sw.sweep_requests = 40;
	assert_int_equal(store_olt_state_sweep(st, olt, &sw, NULL), 0);
}

static int
setup(void **state)
{
	struct fx *f = xcalloc(1, sizeof *f);
	char *cause = NULL, *path;
	struct contract ct = { 0 };
	struct board bd = { 0 };
	char sn[32];

	strcpy(f->dir, "/tmp/oltui-tree.XXXXXX");
	if (mkdtemp(f->dir) == NULL)
		return -1;
	path = xasprintf("%s/oltui.db", f->dir);
	f->st = store_open(path, &cause);
	free(path);
	if (f->st == NULL) {
		fprintf(stderr, "%s\n", cause);
		return -1;
	}
	f->north = add_olt(f->st, "north", "huawei", "MA5800-X7");
	f->south = add_olt(f->st, "south", "zte", "C320");
	for (int i = 0; i < 4; i++) {
		snprintf(sn, sizeof sn, "HWTCA00000%02d", i);
		add_ont(f->st, f->north, "0/1/0", i, sn, i == 2 ? ONT_LOS : ONT_ONLINE, 900);
	}
	for (int i = 0; i < 3; i++) {
		snprintf(sn, sizeof sn, "HWTCA00000%02d", 10 + i);
		add_ont(f->st, f->north, "0/1/1", i, sn, ONT_ONLINE, 900);
	}
	add_ont(f->st, f->north, "0/2/0", 0, "HWTCA0000020", ONT_ONLINE, 900);
	add_ont(f->st, f->north, "0/2/0", 1, "HWTCA0000021", ONT_ONLINE, 900);
	add_ont(f->st, f->south, "1/1/1", 0, "ZTEGB0000001", ONT_ONLINE, 1500);
	add_ont(f->st, f->south, "1/1/1", 1, "ZTEGB0000002", ONT_ONLINE, 1700);
	bd.olt_id = f->north, bd.frame = 0, bd.slot = 1;
	strcpy(bd.type, "H807GPBD");
	assert_int_equal(store_boards_replace(f->st, f->north, &bd, 1, NULL), 0);
	strcpy(ct.code, "C-1");
	strcpy(ct.customer, "Ana Souza");
	strcpy(ct.address, "Rua das Flores 12");
	assert_int_equal(store_contract_add(f->st, &ct, NULL), 0);
	assert_int_equal(store_link_set(f->st, "HWTCA0000012", "C-1", NULL), 0);
	add_alarm(f->st, f->north, "0/1/0", "HWTCA0000001", ALARM_RX_WARNING, SEV_WARNING);
	add_alarm(f->st, f->south, "1/1/1", "", ALARM_PON_OUTAGE, SEV_MAJOR);
	set_sweep(f->st, f->north, 1, 1000);
	set_sweep(f->st, f->south, 0, 2000);
	tree_model_init(&f->m, f->st, NULL);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fx *f = *state;
	char *cmd = xasprintf("rm -rf %s", f->dir);

	tree_model_free(&f->m);
	store_close(f->st);
	if (system(cmd) != 0)
		fprintf(stderr, "cannot remove %s\n", f->dir);
	free(cmd);
	free(f);
	return 0;
}

/* Selects the visible row of kind whose port (and serial) is as given. */
static void
select_row(struct tree_model *m, enum node_kind kind, const char *port, const char *sn)
{
	struct tree_key k;

	for (size_t r = 0; r < m->nrows; r++) {
		m->sel = r;
		tree_model_sel_key(m, &k);
		if (k.kind == kind && (port == NULL || strcmp(k.port, port) == 0) &&
		    (sn == NULL || strcmp(k.sn, sn) == 0))
			return;
	}
	fail_msg("no visible %d row for %s %s", (int)kind, port ? port : "-", sn ? sn : "-");
}

/* The selection's identity. */
static struct tree_key
sel(const struct tree_model *m)
{
	struct tree_key k;

	tree_model_sel_key(m, &k);
	return k;
}

/* The port node called port on OLT to. */
static struct tree_port *
port_node(struct tree_olt *to, const char *port)
{
	for (size_t b = 0; b < to->nboards; b++)
		for (size_t p = 0; p < to->boards[b].nports; p++)
			if (strcmp(to->boards[b].ports[p].p.port, port) == 0)
				return &to->boards[b].ports[p];
	fail_msg("no port %s on %s", port, to->o.name);
	return NULL;
}

static void
test_quick_load_reads_olts_without_ports_until_the_full_load(void **state)
{
	struct fx *f = *state;

	tree_model_load(&f->m, true);
	assert_int_equal(f->m.nolts, 2);
	assert_true(f->m.pending);
	assert_int_equal(f->m.olts[0].nboards, 0);
	assert_int_equal(f->m.nrows, 2);
	assert_int_equal(f->m.nalarms, 2);
	tree_model_load(&f->m, false);
	assert_false(f->m.pending);
	assert_int_equal(tree_model_olt(&f->m, f->north)->nboards, 2);
}

static void
test_full_load_counts_onts_online_and_alarms_per_node_without_reading_onts(void **state)
{
	struct fx *f = *state;
	struct tree_olt *n;
	struct tree_port *p;

	tree_model_load(&f->m, false);
	n = tree_model_olt(&f->m, f->north);
	assert_int_equal(n->onts, 9);
	assert_int_equal(n->online, 8);
	assert_int_equal(n->alarms, 1);
	assert_int_equal(n->boards[0].frame, 0);
	assert_int_equal(n->boards[0].slot, 1);
	assert_string_equal(n->boards[0].type, "H807GPBD");
	assert_int_equal(n->boards[0].onts, 7);
	assert_int_equal(n->boards[0].online, 6);
	assert_int_equal(n->boards[0].alarms, 1);
	assert_int_equal(n->boards[1].alarms, 0);
	p = port_node(n, "0/1/0");
	assert_int_equal(p->p.onts, 4);
	assert_int_equal(p->p.online, 3);
	assert_int_equal(p->alarms, 1);
	assert_false(p->loaded);
	assert_null(p->onts);
	assert_int_equal(tree_model_ont_alarms(&f->m, f->north, "HWTCA0000001"), 1);
	assert_int_equal(tree_model_ont_alarms(&f->m, f->north, "HWTCA0000000"), 0);
}

static void
test_a_failed_last_sweep_marks_the_olt_unreachable_aged_by_its_readings(void **state)
{
	struct fx *f = *state;
	struct tree_olt *s, *n;

	tree_model_load(&f->m, false);
	s = tree_model_olt(&f->m, f->south);
	n = tree_model_olt(&f->m, f->north);
	assert_true(s->unreachable);
	assert_int_equal(s->tried_at, 2000);
	assert_int_equal(s->swept_at, 0);	/* no sweep of it ever succeeded */
	assert_int_equal(s->data_at, 1700);	/* its data: its newest reading */
	assert_false(n->unreachable);
	assert_int_equal(n->swept_at, 1000);
	assert_int_equal(n->data_at, 1000);	/* its data: its last sweep */
}

/* An OLT swept well, then not: its data is as old as its last good sweep,
   and it is shown unreachable. */
static void
test_a_failed_sweep_after_a_good_one_keeps_the_good_ones_age(void **state)
{
	struct fx *f = *state;
	struct tree_olt *n;

	set_sweep(f->st, f->north, 0, 3000);
	tree_model_load(&f->m, false);
	n = tree_model_olt(&f->m, f->north);
	assert_true(n->unreachable);
	assert_int_equal(n->tried_at, 3000);
	assert_int_equal(n->swept_at, 1000);
	assert_int_equal(n->data_at, 1000);
}

/* No sweep ever succeeded on any OLT, yet ONTs are cached (stored by
   writes or CLI reads): the fleet says how old that data is, not "never". */
static void
test_a_fleet_never_swept_says_how_old_its_cached_data_is(void **state)
{
	struct fx *f = *state;
	struct tree_summary s;

	assert_int_equal(store_olt_remove(f->st, "north", NULL), 1);
	tree_model_load(&f->m, false);
	tree_model_summary(&f->m, &s);
	assert_int_equal(s.last_sweep_at, 0);
	assert_int_equal(s.data_at, 1700);
	assert_false(s.pending);
}

static void
test_summary_counts_olts_up_unreachable_outages_and_severities(void **state)
{
	struct fx *f = *state;
	struct tree_summary s;

	tree_model_load(&f->m, false);
	tree_model_summary(&f->m, &s);
	assert_int_equal(s.olts, 2);
	assert_int_equal(s.up, 1);
	assert_int_equal(s.unreachable, 1);
	assert_int_equal(s.onts, 11);
	assert_int_equal(s.online, 10);
	assert_int_equal(s.warn, 1);
	assert_int_equal(s.crit, 1);
	assert_int_equal(s.outages, 1);
	assert_int_equal(s.last_sweep_at, 1000);
}

static void
test_a_fleet_of_one_opens_expanded_after_the_full_load(void **state)
{
	struct fx *f = *state;

	assert_int_equal(store_olt_remove(f->st, "south", NULL), 1);
	tree_model_load(&f->m, true);
	assert_false(f->m.olts[0].expanded);
	tree_model_load(&f->m, false);
	assert_true(f->m.olts[0].expanded);
	assert_int_equal(f->m.nrows, 3);	/* north and its two boards */
	assert_int_equal(sel(&f->m).kind, NODE_OLT);
}

static void
test_expanding_a_port_reads_its_onts_once(void **state)
{
	struct fx *f = *state;
	struct tree_port *p;
	struct ont *first;

	tree_model_load(&f->m, false);
	tree_model_expand(&f->m);			/* north */
	tree_model_move(&f->m, 1);			/* board 0/1 */
	tree_model_expand(&f->m);
	select_row(&f->m, NODE_PORT, "0/1/0", NULL);
	tree_model_expand(&f->m);
	p = port_node(tree_model_olt(&f->m, f->north), "0/1/0");
	assert_true(p->loaded);
	assert_int_equal(p->nonts, 4);
	first = p->onts;
	tree_model_collapse(&f->m);
	assert_false(p->expanded);
	tree_model_expand(&f->m);
	assert_ptr_equal(p->onts, first);
	tree_model_move(&f->m, 3);
	assert_string_equal(sel(&f->m).sn, "HWTCA0000002");
	assert_string_equal(tree_model_sel_ont(&f->m)->sn, "HWTCA0000002");
}

static void
test_collapse_on_ont_selects_its_port(void **state)
{
	struct fx *f = *state;
	struct tree_key k;

	tree_model_load(&f->m, false);
	assert_true(tree_model_jump_sn(&f->m, "HWTCA0000011"));
	tree_model_collapse(&f->m);
	k = sel(&f->m);
	assert_int_equal(k.kind, NODE_PORT);
	assert_string_equal(k.port, "0/1/1");
	assert_true(port_node(tree_model_olt(&f->m, f->north), "0/1/1")->expanded);
}

static void
test_collapse_closes_an_expanded_port_then_goes_to_its_board(void **state)
{
	struct fx *f = *state;
	struct tree_key k;
	size_t rows;

	tree_model_load(&f->m, false);
	assert_true(tree_model_jump(&f->m, f->north, "0/1/1", "HWTCA0000010"));
	tree_model_move(&f->m, -1);		/* the port row */
	rows = f->m.nrows;
	tree_model_collapse(&f->m);
	assert_int_equal(f->m.nrows, rows - 3);
	assert_int_equal(sel(&f->m).kind, NODE_PORT);
	tree_model_collapse(&f->m);
	k = sel(&f->m);
	assert_int_equal(k.kind, NODE_BOARD);
	assert_int_equal(k.frame, 0);
	assert_int_equal(k.slot, 1);
}

static void
test_toggle_expands_then_collapses_and_ignores_an_ont(void **state)
{
	struct fx *f = *state;

	tree_model_load(&f->m, false);
	tree_model_toggle(&f->m);
	assert_true(f->m.olts[0].expanded);
	tree_model_toggle(&f->m);
	assert_false(f->m.olts[0].expanded);
	assert_true(tree_model_jump_sn(&f->m, "ZTEGB0000002"));
	tree_model_toggle(&f->m);
	assert_string_equal(sel(&f->m).sn, "ZTEGB0000002");
}

static void
test_expand_all_shows_every_node(void **state)
{
	struct fx *f = *state;

	tree_model_load(&f->m, false);
	tree_model_expand_all(&f->m);
	/* 2 OLTs, 3 boards, 4 ports, 11 ONTs */
	assert_int_equal(f->m.nrows, 20);
	assert_int_equal(f->m.rows[19].kind, NODE_ONT);
}

static void
test_move_clamps_at_the_first_and_last_row(void **state)
{
	struct fx *f = *state;

	tree_model_load(&f->m, false);
	tree_model_move(&f->m, -5);
	assert_int_equal(f->m.sel, 0);
	tree_model_move(&f->m, 100000000L);
	assert_int_equal(f->m.sel, f->m.nrows - 1);
	assert_string_equal(tree_model_sel_olt(&f->m)->o.name, "south");
	assert_null(tree_model_sel_ont(&f->m));
}

static void
test_filter_by_serial_expands_to_the_ont(void **state)
{
	struct fx *f = *state;
	struct tree_key k;

	tree_model_load(&f->m, false);
	tree_filter_apply(&f->m, "a0000011");
	/* north, board 0/1, port 0/1/1, the ONT */
	assert_int_equal(f->m.nrows, 4);
	k = sel(&f->m);
	assert_int_equal(k.kind, NODE_ONT);
	assert_string_equal(k.sn, "HWTCA0000011");
	assert_true(tree_filter_matches(&f->m, tree_model_sel(&f->m)));
	assert_false(tree_filter_matches(&f->m, &f->m.rows[0]));
}

static void
test_filter_by_customer_name_finds_the_linked_ont(void **state)
{
	struct fx *f = *state;

	tree_model_load(&f->m, false);
	tree_filter_apply(&f->m, "SOUZA");
	assert_string_equal(sel(&f->m).sn, "HWTCA0000012");
	tree_filter_apply(&f->m, "flores");
	assert_string_equal(sel(&f->m).sn, "HWTCA0000012");
}

static void
test_filter_matching_nothing_leaves_no_row(void **state)
{
	struct fx *f = *state;

	tree_model_load(&f->m, false);
	tree_filter_apply(&f->m, "nothing-like-this");
	assert_int_equal(f->m.nrows, 0);
	assert_null(tree_model_sel(&f->m));
	assert_null(tree_model_sel_olt(&f->m));
}

static void
test_next_and_previous_match_wrap_around(void **state)
{
	struct fx *f = *state;

	tree_model_load(&f->m, false);
	tree_filter_apply(&f->m, "HWTCA000000");	/* the four ONTs of 0/1/0 */
	assert_string_equal(sel(&f->m).sn, "HWTCA0000000");
	tree_filter_next(&f->m, 1);
	assert_string_equal(sel(&f->m).sn, "HWTCA0000001");
	tree_filter_next(&f->m, -1);
	tree_filter_next(&f->m, -1);
	assert_string_equal(sel(&f->m).sn, "HWTCA0000003");
	tree_filter_next(&f->m, 1);
	assert_string_equal(sel(&f->m).sn, "HWTCA0000000");
}

/* A port the technician had expanded keeps only its matching ONTs once a
   filter is typed: the filter hides, expansion does not undo it. */
static void
test_filter_hides_the_non_matching_onts_of_an_expanded_port(void **state)
{
	struct fx *f = *state;

	tree_model_load(&f->m, false);
	assert_true(tree_model_jump(&f->m, f->north, "0/1/0", "HWTCA0000001"));
	tree_filter_apply(&f->m, "a0000003");
	/* north, board 0/1, port 0/1/0, the one matching ONT */
	assert_int_equal(f->m.nrows, 4);
	for (size_t r = 0; r < f->m.nrows; r++)
		if (f->m.rows[r].kind == NODE_ONT)
			assert_string_equal(tree_model_row_ont(&f->m, &f->m.rows[r])->sn,
			    "HWTCA0000003");
	assert_string_equal(sel(&f->m).sn, "HWTCA0000003");
}

/* Every row is drawn open (▾) exactly when its children are the rows below
   it, and collapsed (▸) otherwise: without a filter, and with a filter
   over a collapsed and over an expanded tree. */
static void
assert_open_marks_follow_the_rows(const struct tree_model *m)
{
	for (size_t r = 0; r < m->nrows; r++) {
		const struct tree_row *rw = &m->rows[r];
		bool children = r + 1 < m->nrows && m->rows[r + 1].kind > rw->kind;

		if (rw->kind == NODE_ONT)
			continue;
		if (tree_model_row_expanded(m, rw) != children)
			fail_msg("row %zu (kind %d) drawn %s but its children %s", r,
			    (int)rw->kind, tree_model_row_expanded(m, rw) ? "open" : "closed",
			    children ? "show" : "do not show");
	}
}

static void
test_a_node_is_drawn_open_exactly_when_its_children_show(void **state)
{
	struct fx *f = *state;

	tree_model_load(&f->m, false);
	assert_true(tree_model_jump(&f->m, f->north, "0/1/0", "HWTCA0000001"));
	assert_open_marks_follow_the_rows(&f->m);
	tree_filter_apply(&f->m, "a0000011");		/* 0/1/1 is collapsed */
	assert_int_equal(f->m.nrows, 4);
	assert_open_marks_follow_the_rows(&f->m);
	tree_filter_apply(&f->m, "");
	tree_model_expand_all(&f->m);
	tree_filter_apply(&f->m, "ZTEG");
	assert_open_marks_follow_the_rows(&f->m);
	tree_filter_apply(&f->m, "north");	/* an expanded OLT matching itself */
	/* north, its 2 boards, 3 ports and 9 ONTs: all of it, as expanded */
	assert_int_equal(f->m.nrows, 15);
	assert_open_marks_follow_the_rows(&f->m);
	tree_model_collapse(&f->m);		/* the match is selected: north */
	assert_int_equal(f->m.nrows, 1);
	assert_open_marks_follow_the_rows(&f->m);
}

/* An OLT that matches the filter itself and is then expanded shows what is
   under it, not an empty branch. */
static void
test_expanding_a_matching_olt_under_a_filter_shows_its_boards(void **state)
{
	struct fx *f = *state;

	tree_model_load(&f->m, false);
	tree_filter_apply(&f->m, "MA5800");
	assert_int_equal(f->m.nrows, 1);
	assert_true(tree_filter_matches(&f->m, tree_model_sel(&f->m)));
	tree_model_expand(&f->m);
	/* north and its two boards */
	assert_int_equal(f->m.nrows, 3);
	assert_int_equal(f->m.rows[1].kind, NODE_BOARD);
	assert_open_marks_follow_the_rows(&f->m);
}

static void
test_clearing_the_filter_keeps_expansion_and_forgets_collapsed_ports(void **state)
{
	struct fx *f = *state;
	struct tree_olt *n;

	tree_model_load(&f->m, false);
	assert_true(tree_model_jump(&f->m, f->north, "0/1/0", "HWTCA0000003"));
	tree_filter_apply(&f->m, "ZTEG");
	n = tree_model_olt(&f->m, f->north);
	assert_true(port_node(n, "0/1/1")->loaded);
	assert_int_equal(sel(&f->m).kind, NODE_ONT);
	assert_string_equal(sel(&f->m).sn, "ZTEGB0000001");
	tree_filter_apply(&f->m, "");
	assert_string_equal(f->m.applied, "");
	assert_true(port_node(n, "0/1/0")->expanded);
	assert_true(port_node(n, "0/1/0")->loaded);
	assert_false(port_node(n, "0/1/1")->loaded);
	assert_null(port_node(n, "0/1/1")->onts);
	/* north, 2 boards, board 0/1's 2 ports, 0/1/0's 4 ONTs, south */
	assert_int_equal(f->m.nrows, 10);
}

static void
test_jump_to_unknown_serial_keeps_selection(void **state)
{
	struct fx *f = *state;
	struct tree_key before, after;

	tree_model_load(&f->m, false);
	assert_true(tree_model_jump_sn(&f->m, "HWTCA0000020"));
	before = sel(&f->m);
	assert_false(tree_model_jump_sn(&f->m, "HWTCFFFFFFFF"));
	after = sel(&f->m);
	assert_true(tree_model_key_equal(&before, &after));
}

static void
test_jump_to_unknown_olt_keeps_the_filter_and_selection(void **state)
{
	struct fx *f = *state;
	struct tree_key before, after;

	tree_model_load(&f->m, false);
	tree_filter_apply(&f->m, "A0000021");
	before = sel(&f->m);
	assert_false(tree_model_jump(&f->m, 99999, "0/1/0", NULL));
	after = sel(&f->m);
	assert_string_equal(f->m.applied, "A0000021");
	assert_true(tree_model_key_equal(&before, &after));
}

static void
test_jump_to_an_olts_port_selects_the_port_with_its_parents_open(void **state)
{
	struct fx *f = *state;
	struct tree_key k;
	struct tree_olt *n;

	tree_model_load(&f->m, false);
	assert_true(tree_model_jump(&f->m, f->north, "0/2/0", NULL));
	k = sel(&f->m);
	assert_int_equal(k.kind, NODE_PORT);
	assert_string_equal(k.port, "0/2/0");
	n = tree_model_olt(&f->m, f->north);
	assert_true(n->expanded);
	assert_true(n->boards[1].expanded);
	assert_false(port_node(n, "0/2/0")->expanded);
	/* an unknown port selects the OLT */
	assert_true(tree_model_jump(&f->m, f->south, "9/9/9", NULL));
	assert_int_equal(sel(&f->m).kind, NODE_OLT);
	assert_string_equal(tree_model_sel_olt(&f->m)->o.name, "south");
}

static void
test_jump_by_serial_clears_the_filter_and_selects_the_ont(void **state)
{
	struct fx *f = *state;

	tree_model_load(&f->m, false);
	tree_filter_apply(&f->m, "south");
	assert_true(tree_model_jump_sn(&f->m, "HWTCA0000002"));
	assert_string_equal(f->m.applied, "");
	assert_string_equal(tree_model_sel_ont(&f->m)->sn, "HWTCA0000002");
	assert_int_equal(tree_model_sel_ont(&f->m)->status, ONT_LOS);
}

static void
test_reload_keeps_expansion_and_finds_the_selection_again(void **state)
{
	struct fx *f = *state;
	struct tree_olt *n;
	size_t before;

	tree_model_load(&f->m, false);
	assert_true(tree_model_jump_sn(&f->m, "HWTCA0000001"));	/* opens 0/1/0 */
	assert_true(tree_model_jump_sn(&f->m, "HWTCA0000011"));	/* and 0/1/1 */
	before = f->m.sel;
	/* a sweep finds a new ONT above the selection */
	add_ont(f->st, f->north, "0/1/0", 4, "HWTCA0000004", ONT_ONLINE, 1100);
	tree_model_load(&f->m, false);
	assert_string_equal(tree_model_sel_ont(&f->m)->sn, "HWTCA0000011");
	assert_int_equal(f->m.sel, before + 1);
	n = tree_model_olt(&f->m, f->north);
	assert_true(n->expanded);
	assert_true(port_node(n, "0/1/0")->expanded);
	assert_int_equal(port_node(n, "0/1/0")->nonts, 5);
	assert_int_equal(n->onts, 10);
}

static void
test_reload_keeps_the_filter_in_force(void **state)
{
	struct fx *f = *state;

	tree_model_load(&f->m, false);
	tree_filter_apply(&f->m, "ZTEGB0000002");
	tree_model_load(&f->m, false);
	assert_string_equal(f->m.applied, "ZTEGB0000002");
	assert_int_equal(f->m.nrows, 4);
	assert_string_equal(tree_model_sel_ont(&f->m)->sn, "ZTEGB0000002");
}

static void
test_olts_are_found_by_id_and_by_name(void **state)
{
	struct fx *f = *state;

	tree_model_load(&f->m, true);
	assert_string_equal(tree_model_olt(&f->m, f->south)->o.name, "south");
	assert_int_equal(tree_model_olt_named(&f->m, "north")->o.id, f->north);
	assert_null(tree_model_olt(&f->m, 4242));
	assert_null(tree_model_olt_named(&f->m, "west"));
	assert_string_equal(tree_model_alarm_kind(&f->m.alarms[0]), "pon_outage");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
		T(test_quick_load_reads_olts_without_ports_until_the_full_load),
		T(test_full_load_counts_onts_online_and_alarms_per_node_without_reading_onts),
		T(test_a_failed_last_sweep_marks_the_olt_unreachable_aged_by_its_readings),
		T(test_summary_counts_olts_up_unreachable_outages_and_severities),
		T(test_a_fleet_never_swept_says_how_old_its_cached_data_is),
		T(test_a_failed_sweep_after_a_good_one_keeps_the_good_ones_age),
		T(test_a_fleet_of_one_opens_expanded_after_the_full_load),
		T(test_expanding_a_port_reads_its_onts_once),
		T(test_collapse_on_ont_selects_its_port),
		T(test_collapse_closes_an_expanded_port_then_goes_to_its_board),
		T(test_toggle_expands_then_collapses_and_ignores_an_ont),
		T(test_expand_all_shows_every_node),
		T(test_move_clamps_at_the_first_and_last_row),
		T(test_filter_by_serial_expands_to_the_ont),
		T(test_filter_by_customer_name_finds_the_linked_ont),
		T(test_filter_matching_nothing_leaves_no_row),
		T(test_next_and_previous_match_wrap_around),
		T(test_filter_hides_the_non_matching_onts_of_an_expanded_port),
		T(test_a_node_is_drawn_open_exactly_when_its_children_show),
		T(test_expanding_a_matching_olt_under_a_filter_shows_its_boards),
		T(test_clearing_the_filter_keeps_expansion_and_forgets_collapsed_ports),
		T(test_jump_to_unknown_serial_keeps_selection),
		T(test_jump_to_unknown_olt_keeps_the_filter_and_selection),
		T(test_jump_to_an_olts_port_selects_the_port_with_its_parents_open),
		T(test_jump_by_serial_clears_the_filter_and_selects_the_ont),
		T(test_reload_keeps_expansion_and_finds_the_selection_again),
		T(test_reload_keeps_the_filter_in_force),
		T(test_olts_are_found_by_id_and_by_name),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
