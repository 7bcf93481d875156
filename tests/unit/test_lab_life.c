/* test_lab_life.c — the fleet's dynamics (fleet_tick in tests/lab/life.c):
   deterministic per seed, levels bounded, autofind grows, ONTs go down and
   come back, a cut PON stays LOS. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "tests/lab/fleet.h"

static const struct fleet_opts opts = { .huawei = 1, .zte = 1, .boards = 2,
	.pons = 2, .onts = 64, .seed = 7 };

/* Total unauthorised ONTs on an OLT. */
static int
autofind_count(const struct sim_olt *olt)
{
	int n = 0;

	for (int p = 0; p < olt->npons; p++)
		n += olt->pons[p].nautofind;
	return n;
}

/* True when an event of that kind is still in the OLT's ring. */
static bool
saw_event(const struct sim_olt *olt, int what)
{
	for (int i = 0; i < SIM_EVENTS; i++)
		if (olt->events[i].seq != 0 && olt->events[i].what == what)
			return true;
	return false;
}

static void
test_same_seed_same_life(void **state)
{
	struct sim_fleet *a = fleet_new(&opts), *b = fleet_new(&opts), *c;
	struct fleet_opts o = opts;
	bool differ = false;

	(void)state;
	o.seed = 8;
	c = fleet_new(&o);
	for (int t = 0; t < 2000; t++) {
		fleet_tick(a, 1000 + t);
		fleet_tick(b, 1000 + t);
		fleet_tick(c, 1000 + t);
	}
	for (int i = 0; i < a->nolts; i++) {
		assert_int_equal(a->olts[i].rng, b->olts[i].rng);
		assert_int_equal(a->olts[i].cpu_pct, b->olts[i].cpu_pct);
		for (int p = 0; p < a->olts[i].npons; p++) {
			struct sim_pon *pa = &a->olts[i].pons[p], *pb = &b->olts[i].pons[p];

			assert_int_equal(pa->nautofind, pb->nautofind);
			for (int k = 0; k < pa->nautofind; k++)
				assert_string_equal(pa->autofind[k].sn, pb->autofind[k].sn);
			for (int id = 0; id <= SIM_MAX_ONTS; id++) {
				struct sim_ont *x = pa->onts[id], *y = pb->onts[id];
				struct sim_ont *z = c->olts[i].pons[p].onts[id];

				assert_true((x == NULL) == (y == NULL));
				if (x == NULL)
					continue;
				assert_int_equal(x->state, y->state);
				assert_int_equal(x->rx, y->rx);
				assert_int_equal(x->tx, y->tx);
				assert_int_equal(x->olt_rx, y->olt_rx);
				if (z != NULL && z->rx != x->rx)
					differ = true;
			}
		}
	}
	assert_true(differ);	/* another seed, another life */
	fleet_free(a);
	fleet_free(b);
	fleet_free(c);
}

static void
test_levels_bounded_and_moving(void **state)
{
	struct sim_fleet *f = fleet_new(&opts);
	struct sim_ont *watch = f->olts[0].pons[0].onts[0];
	int16_t first = watch->rx;
	int moved = 0;

	(void)state;
	assert_non_null(watch);
	for (int t = 0; t < 3000; t++) {
		fleet_tick(f, t);
		if (watch->state == SIM_ONLINE && watch->rx != first)
			moved++;
		if (t % 10 != 0)
			continue;
		for (int i = 0; i < f->nolts; i++)
			for (int p = 0; p < f->olts[i].npons; p++)
				for (int id = 0; id <= SIM_MAX_ONTS; id++) {
					struct sim_ont *o = f->olts[i].pons[p].onts[id];

					if (o == NULL)
						continue;
					if (o->state != SIM_ONLINE) {
						assert_int_equal(o->rx, SIM_NO_LEVEL);
						continue;
					}
					assert_in_range(o->rx, o->rx_base - 150, o->rx_base + 150);
					assert_in_range(o->olt_rx, o->olt_rx_base - 150, o->olt_rx_base + 150);
					assert_in_range(o->tx, 150, 350);
				}
	}
	assert_true(moved > 100);
	fleet_free(f);
}

static void
test_autofind_grows(void **state)
{
	struct sim_fleet *f = fleet_new(&opts);
	int before[2], max0[2];

	(void)state;
	for (int i = 0; i < 2; i++) {
		before[i] = autofind_count(&f->olts[i]);
		max0[i] = 0;
		for (int p = 0; p < f->olts[i].npons; p++)
			if (f->olts[i].pons[p].nautofind > max0[i])
				max0[i] = f->olts[i].pons[p].nautofind;
	}
	for (int t = 0; t < 4000; t++)
		fleet_tick(f, 5000 + t);
	for (int i = 0; i < 2; i++) {
		assert_true(autofind_count(&f->olts[i]) > before[i]);
		assert_true(saw_event(&f->olts[i], SIM_EV_ONT_FOUND));
		for (int p = 0; p < f->olts[i].npons; p++)
			assert_true(f->olts[i].pons[p].nautofind <= (max0[i] > 8 ? max0[i] : 8));
	}
	fleet_free(f);
}

static void
test_onts_go_down_and_come_back(void **state)
{
	struct sim_fleet *f = fleet_new(&opts);
	int downs = 0, ups = 0;

	(void)state;
	for (int t = 0; t < 6000; t++) {
		uint64_t seq = f->olts[0].event_seq;

		fleet_tick(f, t);
		for (uint64_t s = seq + 1; s <= f->olts[0].event_seq; s++) {
			const struct sim_event *e = &f->olts[0].events[s % SIM_EVENTS];

			if (e->what == SIM_EV_ONT_LOS || e->what == SIM_EV_ONT_DYING_GASP)
				downs++;
			else if (e->what == SIM_EV_ONT_UP)
				ups++;
		}
	}
	assert_true(downs > 0);
	assert_true(ups > 0);
	fleet_free(f);
}

static void
test_cut_pon_stays_los(void **state)
{
	struct sim_fleet *f = fleet_new(&opts);
	struct sim_olt *olt = &f->olts[0];
	struct sim_pon *pon = &olt->pons[1];
	int online = 0;

	(void)state;
	olt_lock(olt);
	pon_set_cut(olt, pon, true);
	olt_unlock(olt);
	for (int t = 0; t < 2000; t++) {
		fleet_tick(f, t);
		for (int id = 0; id <= SIM_MAX_ONTS; id++) {
			struct sim_ont *o = pon->onts[id];

			if (o == NULL || o->state == SIM_OFFLINE)
				continue;
			assert_int_equal(o->state, SIM_LOS);
			assert_int_equal(o->rx, SIM_NO_LEVEL);
		}
	}
	olt_lock(olt);
	pon_set_cut(olt, pon, false);
	olt_unlock(olt);
	for (int id = 0; id <= SIM_MAX_ONTS; id++)
		if (pon->onts[id] != NULL && pon->onts[id]->state == SIM_ONLINE)
			online++;
	assert_true(online > 0);
	fleet_free(f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_same_seed_same_life),
		cmocka_unit_test(test_levels_bounded_and_moving),
		cmocka_unit_test(test_autofind_grows),
		cmocka_unit_test(test_onts_go_down_and_come_back),
		cmocka_unit_test(test_cut_pon_stays_los),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
