/* test_lab_fleet.c — the simulated fleet: determinism, numbering, serials,
   authorising and deleting ONTs, service ports, PON cuts. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "tests/lab/fleet.h"

static const struct fleet_opts small = { .huawei = 1, .zte = 1, .boards = 2,
	.pons = 2, .onts = 8, .seed = 42 };

static void
test_same_seed_same_fleet(void **state)
{
	struct sim_fleet *a = fleet_new(&small), *b = fleet_new(&small);
	struct fleet_opts o = small;
	struct sim_fleet *c;

	(void)state;
	o.seed = 43;
	c = fleet_new(&o);
	assert_int_equal(a->nolts, 2);
	for (int i = 0; i < a->nolts; i++)
		for (int p = 0; p < a->olts[i].npons; p++)
			for (int id = 0; id <= SIM_MAX_ONTS; id++) {
				struct sim_ont *x = a->olts[i].pons[p].onts[id];
				struct sim_ont *y = b->olts[i].pons[p].onts[id];
				assert_true((x == NULL) == (y == NULL));
				if (x != NULL) {
					assert_string_equal(x->sn, y->sn);
					assert_int_equal(x->rx_base, y->rx_base);
					assert_string_equal(x->desc, y->desc);
				}
			}
	assert_string_not_equal(a->olts[0].pons[0].onts[0]->sn, c->olts[0].pons[0].onts[0]->sn);
	fleet_free(a);
	fleet_free(b);
	fleet_free(c);
}

static void
test_vendor_numbering(void **state)
{
	struct sim_fleet *f = fleet_new(&small);
	struct sim_olt *hw = fleet_olt(f, "hw-1"), *zte = fleet_olt(f, "zte-1");

	(void)state;
	assert_non_null(hw);
	assert_non_null(zte);
	assert_null(fleet_olt(f, "hw-2"));
	assert_int_equal(hw->npons, 4);
	/* Huawei: frame 0, ports and ONT ids from 0. */
	assert_non_null(olt_pon(hw, 0, 1, 0));
	assert_non_null(olt_pon(hw, 0, 2, 1));
	assert_null(olt_pon(hw, 0, 1, 2));
	assert_non_null(pon_ont(olt_pon(hw, 0, 1, 0), 0));
	assert_null(pon_ont(olt_pon(hw, 0, 1, 0), 8));
	/* ZTE: rack 1, ports and ONU ids from 1. */
	assert_non_null(olt_pon(zte, 1, 1, 1));
	assert_null(olt_pon(zte, 1, 1, 0));
	assert_null(pon_ont(olt_pon(zte, 1, 1, 1), 0));
	assert_non_null(pon_ont(olt_pon(zte, 1, 1, 1), 8));
	assert_string_equal(hw->sysname, "MA5800-X7");
	assert_string_equal(zte->sysname, "ZXAN");
	fleet_free(f);
}

static void
test_serial_forms(void **state)
{
	char out[17], sn[13];

	(void)state;
	sim_sn_hex("HWTC6B886FA5", out);
	assert_string_equal(out, "485754436B886FA5");
	assert_int_equal(sim_sn_parse("485754436B886FA5", sn), 0);
	assert_string_equal(sn, "HWTC6B886FA5");
	assert_int_equal(sim_sn_parse("zteGc4bb98cb", sn), 0);
	assert_string_equal(sn, "ZTEGC4BB98CB");
	assert_int_equal(sim_sn_parse("ZTEGC4BB98C", sn), -1);
	assert_int_equal(sim_sn_parse("ZTEGC4BB98CZ", sn), -1);
}

static void
test_authorise_from_autofind_and_delete(void **state)
{
	struct sim_fleet *f = fleet_new(&small);
	struct sim_olt *hw = fleet_olt(f, "hw-1");
	struct sim_pon *pon = olt_pon(hw, 0, 1, 1), *where = NULL;
	struct sim_autofind *a;
	struct sim_ont *o;
	char sn[13];
	int before;

	(void)state;
	olt_lock(hw);
	a = pon_add_autofind(hw, pon, "HWTC11E70E9A");
	assert_non_null(olt_find_autofind(hw, "hwtc11e70e9a", &where));
	assert_ptr_equal(where, pon);
	strcpy(sn, a->sn);
	before = pon->nautofind;
	o = pon_add_ont(hw, pon, -1, sn);
	assert_non_null(o);
	assert_int_equal(o->id, 8);		/* first free after 0..7 */
	assert_int_equal(o->state, SIM_ONLINE);	/* it was plugged in */
	assert_int_equal(pon->nautofind, before - 1);
	assert_null(pon_add_ont(hw, pon, 8, "HWTC00000001"));	/* id taken */
	assert_null(pon_add_ont(hw, pon, 128, "HWTC00000001"));	/* out of range */
	assert_ptr_equal(olt_find_sn(hw, "HWTC11E70E9A", NULL), o);
	assert_int_equal(pon_del_ont(hw, pon, 8), 0);
	assert_null(olt_find_sn(hw, "HWTC11E70E9A", NULL));
	assert_non_null(olt_find_autofind(hw, "HWTC11E70E9A", NULL));	/* still plugged */
	assert_int_equal(pon_del_ont(hw, pon, 8), -1);
	olt_unlock(hw);
	fleet_free(f);
}

static void
test_service_ports(void **state)
{
	struct sim_fleet *f = fleet_new(&small);
	struct sim_olt *hw = fleet_olt(f, "hw-1"), *zte = fleet_olt(f, "zte-1");
	struct sim_service_port sp = { .vlan = 100, .user_vlan = 100, .gem = 1,
		.rx_table = -1, .tx_table = -1 };
	struct sim_service_port *got;
	int n;

	(void)state;
	assert_int_equal(hw->nsps, 32);		/* one per generated ONT */
	for (int i = 1; i < hw->nsps; i++)
		assert_true(hw->sps[i - 1].index < hw->sps[i].index);
	sp.index = hw->sps[0].index;
	assert_null(olt_add_sp(hw, &sp));	/* taken */
	sp.index = 0;
	got = olt_add_sp(hw, &sp);
	assert_non_null(got);
	assert_int_equal(got->index, hw->sps[hw->nsps - 2].index + 1);
	assert_int_equal(olt_del_sp(hw, got->index), 0);
	assert_int_equal(olt_del_sp(hw, 999999), -1);
	/* ZTE indexes are per ONU. */
	n = olt_count_sps(zte, 0, 1);
	assert_int_equal(n, 1);
	sp.pon = 0;
	sp.ont_id = 1;
	got = olt_add_sp(zte, &sp);
	assert_non_null(got);
	assert_int_equal(got->index, 2);
	assert_int_equal(olt_count_sps(zte, 0, 1), 2);
	assert_int_equal(olt_del_sp_at(zte, 0, 1, 2), 0);
	assert_int_equal(olt_del_sp_at(zte, 0, 1, 2), -1);
	fleet_free(f);
}

static void
test_pon_cut_and_restore(void **state)
{
	struct sim_fleet *f = fleet_new(&small);
	struct sim_olt *zte = fleet_olt(f, "zte-1");
	struct sim_pon *pon = olt_pon(zte, 1, 1, 2);
	int online = 0;
	uint64_t seq = zte->event_seq;

	(void)state;
	for (int id = 1; id <= 8; id++)
		online += pon->onts[id]->state == SIM_ONLINE;
	pon_set_cut(zte, pon, true);
	for (int id = 1; id <= 8; id++) {
		assert_int_not_equal(pon->onts[id]->state, SIM_ONLINE);
		assert_int_equal(pon->onts[id]->rx, SIM_NO_LEVEL);
	}
	assert_true(zte->event_seq > seq);
	pon_set_cut(zte, pon, false);
	{
		int back = 0;
		for (int id = 1; id <= 8; id++)
			back += pon->onts[id]->state == SIM_ONLINE;
		assert_true(back >= online);
	}
	fleet_free(f);
}

static void
test_autofind_serials_never_collide_with_registered_ones(void **state)
{
	struct fleet_opts o = { .huawei = 2, .zte = 2, .boards = 2, .pons = 4, .onts = 32,
		.seed = 3 };
	struct sim_fleet *f = fleet_new(&o);

	(void)state;
	for (int i = 0; i < f->nolts; i++) {
		struct sim_olt *olt = &f->olts[i];

		olt_lock(olt);
		/* Plenty of new unauthorised ONTs, as life adds them over time. */
		for (int k = 0; k < 200; k++)
			pon_add_autofind(olt, &olt->pons[k % olt->npons], NULL);
		for (int p = 0; p < olt->npons; p++)
			for (int a = 0; a < olt->pons[p].nautofind; a++)
				assert_null(olt_find_sn(olt, olt->pons[p].autofind[a].sn, NULL));
		olt_unlock(olt);
	}
	fleet_free(f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_same_seed_same_fleet),
		cmocka_unit_test(test_vendor_numbering),
		cmocka_unit_test(test_serial_forms),
		cmocka_unit_test(test_authorise_from_autofind_and_delete),
		cmocka_unit_test(test_service_ports),
		cmocka_unit_test(test_pon_cut_and_restore),
		cmocka_unit_test(test_autofind_serials_never_collide_with_registered_ones),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
