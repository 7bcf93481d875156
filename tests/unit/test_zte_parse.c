/* test_zte_parse.c — ZTE parsers on the verbatim fixtures (see
   tests/fixtures/README.md): counts, first and last rows, nulls, errors. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>

#include "drivers/zte.h"
#include "tests/unit/parse_fixture.h"

#define ZT(f) "zte/" f

/* Parses a fixture that must succeed. */
static void
ok(enum pr_kind k, const char *f, struct pr_result *r)
{
	char *cause = NULL;
	int rc = fixture_parse(&driver_zte, k, f, r, &cause);

	if (rc != 0)
		fprintf(stderr, "%s: %s\n", f, cause);
	assert_int_equal(rc, 0);
	assert_null(cause);
}

/* Parses a fixture that must fail with words containing want. */
static void
fails(enum pr_kind k, const char *f, const char *want)
{
	struct pr_result r;
	char *cause = NULL;

	assert_int_equal(fixture_parse(&driver_zte, k, f, &r, &cause), -1);
	assert_non_null(cause);
	if (strstr(cause, want) == NULL)
		fprintf(stderr, "cause: %s\n", cause);
	assert_non_null(strstr(cause, want));
	free(cause);
	pr_result_free(&r);
}

static bool
near(double a, double b)
{
	return fabs(a - b) < 1e-9;
}

static void
test_uncfg(void **state)
{
	struct pr_result r;
	struct pr_autofind *a;

	(void)state;
	ok(PR_AUTOFIND, ZT("show_gpon_onu_uncfg.c320_v21.txt"), &r);
	assert_int_equal(r.u.autofind.n, 3);
	a = &r.u.autofind.v[0];
	assert_string_equal(a->port, "1/1/1");
	assert_string_equal(a->sn, "HWTC1F14CAAD");
	assert_string_equal(a->vendor, "HWTC");
	assert_string_equal(a->state, "unknown");
	assert_int_equal(a->slot_index, 1);
	assert_null(a->model);
	assert_null(a->found_at);
	a = &r.u.autofind.v[2];
	assert_string_equal(a->sn, "ZTEGDA5918AC");
	assert_string_equal(a->vendor, "ZTEG");
	assert_int_equal(a->slot_index, 3);
	pr_result_free(&r);

	ok(PR_AUTOFIND, ZT("show_gpon_onu_uncfg.panorama_old.txt"), &r);
	assert_int_equal(r.u.autofind.n, 1);
	assert_string_equal(r.u.autofind.v[0].port, "1/1/2");
	assert_string_equal(r.u.autofind.v[0].sn, "HWTC12930F9D");
	pr_result_free(&r);
}

/* Issue 11: the model of an unconfigured ONU, when the OLT shows it
   (`uncfg-onu-display-info model sn pw`), a long one wrapped under its
   column as ZTE wraps the baseinfo type; no found time is printed. */
static void
test_uncfg_with_model_column_keeps_wrapped_models(void **state)
{
	struct pr_result r;
	struct pr_autofind *a;

	(void)state;
	ok(PR_AUTOFIND, ZT("show_gpon_onu_uncfg.display_info_synthetic.txt"), &r);
	assert_int_equal(r.u.autofind.n, 3);
	a = &r.u.autofind.v[0];
	assert_string_equal(a->port, "1/1/1");
	assert_int_equal(a->slot_index, 1);
	assert_string_equal(a->sn, "ZTEGC4BB98CB");
	assert_string_equal(a->model, "ZTE-F601");
	assert_string_equal(a->state, "unknown");
	assert_null(a->found_at);
	a = &r.u.autofind.v[1];
	assert_string_equal(a->sn, "SU10B2019C15");
	assert_string_equal(a->model, "SM16101-GHZ-T10");
	assert_string_equal(a->state, "unknown");
	a = &r.u.autofind.v[2];
	assert_string_equal(a->port, "1/1/2");
	assert_string_equal(a->sn, "HWTC12930F9D");
	assert_string_equal(a->vendor, "HWTC");
	assert_string_equal(a->model, "HG8546M");
	pr_result_free(&r);
}

static void
test_state_with_erase_bytes_keeps_every_onu(void **state)
{
	struct pr_result r;
	struct pr_ont *o;

	(void)state;
	ok(PR_ONT_LIST, ZT("show_gpon_onu_state.c300_v21.txt"), &r);
	assert_int_equal(r.u.onts.n, 5);
	o = &r.u.onts.v[0];
	assert_string_equal(o->port, "1/2/1");
	assert_int_equal(o->ont_id, 1);
	assert_int_equal(o->admin, ADMIN_ENABLED);
	assert_int_equal(o->status, ONT_ONLINE);
	assert_null(o->sn);
	o = &r.u.onts.v[2];
	assert_string_equal(o->port, "1/2/3");
	assert_int_equal(o->ont_id, 6);
	assert_int_equal(r.u.onts.v[3].status, ONT_LOS);
	o = &r.u.onts.v[4];
	assert_string_equal(o->port, "1/2/4");
	assert_int_equal(o->ont_id, 9);
	assert_int_equal(o->status, ONT_DYING_GASP);
	pr_result_free(&r);

	ok(PR_ONT_LIST, ZT("show_gpon_onu_state.c320_readme.txt"), &r);
	assert_int_equal(r.u.onts.n, 3);
	assert_int_equal(r.u.onts.v[2].ont_id, 3);
	pr_result_free(&r);
}

static void
test_state_every_phase_and_pager(void **state)
{
	static const enum ont_status want[] = {
		ONT_ONLINE, ONT_OFFLINE, ONT_LOS, ONT_DYING_GASP,
		ONT_DYING_GASP, ONT_SYNCING, ONT_SYNCING, ONT_AUTH_FAILED,
		ONT_ONLINE,
	};
	struct pr_result r;

	(void)state;
	ok(PR_ONT_LIST, ZT("show_gpon_onu_state.pager_synthetic.txt"), &r);
	assert_int_equal(r.u.onts.n, 9);
	for (size_t i = 0; i < 9; i++) {
		assert_int_equal(r.u.onts.v[i].ont_id, (long)i + 1);
		assert_string_equal(r.u.onts.v[i].port, "1/2/1");
		assert_int_equal(r.u.onts.v[i].status, want[i]);
	}
	assert_int_equal(r.u.onts.v[1].admin, ADMIN_DISABLED);
	assert_int_equal(r.u.onts.v[4].admin, ADMIN_ENABLED);
	pr_result_free(&r);
}

static void
test_empty_and_error_notices(void **state)
{
	struct pr_result r;

	(void)state;
	ok(PR_ONT_LIST, ZT("show_gpon_onu_state.empty_62310.txt"), &r);
	assert_int_equal(r.u.onts.n, 0);
	pr_result_free(&r);
	ok(PR_AUTOFIND, ZT("show_gpon_onu_state.empty_62310.txt"), &r);
	assert_int_equal(r.u.autofind.n, 0);
	pr_result_free(&r);
	fails(PR_ONT_LIST, ZT("show_gpon_onu_state.error_20202.txt"),
	    "%Error 20202: Invalid input detected at '^' marker.Invalid parameter");
	fails(PR_ONT_DETAIL, ZT("show_gpon_onu_detail-info.onu_missing.txt"),
	    "The ONU does not exist.");
}

static void
test_baseinfo_type_wraps(void **state)
{
	struct pr_result r;
	struct pr_ont *o;

	(void)state;
	ok(PR_ONT_LIST, ZT("show_gpon_onu_baseinfo.real.txt"), &r);
	assert_int_equal(r.u.onts.n, 4);
	o = &r.u.onts.v[0];
	assert_string_equal(o->port, "1/1/15");
	assert_int_equal(o->ont_id, 1);
	assert_string_equal(o->model, "SM16101-GHZ-T10");
	assert_string_equal(o->sn, "SU10B2019C15");
	assert_string_equal(o->config_state, "ready");
	assert_string_equal(r.u.onts.v[1].model, "F601");
	assert_string_equal(r.u.onts.v[1].sn, "ZTEGC4BB98CB");
	o = &r.u.onts.v[3];
	assert_int_equal(o->ont_id, 9);
	assert_string_equal(o->model, "SM16101-GHZ-T10");
	pr_result_free(&r);
}

static void
test_detail_info_with_history(void **state)
{
	struct pr_result r;
	struct pr_ont_detail *d;

	(void)state;
	ok(PR_ONT_DETAIL, ZT("show_gpon_onu_detail-info.prod_tool.txt"), &r);
	d = &r.u.detail;
	assert_string_equal(d->port, "1/12/1");
	assert_int_equal(d->ont_id, 1);
	assert_string_equal(d->sn, "ZTEGCCEC5655");
	assert_int_equal(d->admin, ADMIN_ENABLED);
	assert_int_equal(d->status, ONT_ONLINE);
	assert_string_equal(d->name, "<REDACTED>@hbnet.com");
	assert_string_equal(d->description, "ONU-1:1");
	assert_string_equal(d->model, "F601");
	assert_int_equal(d->distance_m, 1033);
	assert_string_equal(d->config_state, "success");
	assert_string_equal(d->last_down, "2023-03-29T00:16:47");
	assert_string_equal(d->last_down_cause, "DyingGasp");
	assert_string_equal(d->last_up, "2023-03-29T00:17:28");
	assert_string_equal(d->online_duration, "127h 56m 21s");
	assert_null(d->line_profile);
	pr_result_free(&r);
}

static void
test_detail_info_short_layout(void **state)
{
	struct pr_result r;
	struct pr_ont_detail *d;

	(void)state;
	ok(PR_ONT_DETAIL, ZT("show_gpon_onu_detail-info.tool_fixture.txt"), &r);
	d = &r.u.detail;
	assert_string_equal(d->port, "1/1/1");
	assert_int_equal(d->ont_id, 125);
	assert_string_equal(d->sn, "GPON1D94C835");
	assert_int_equal(d->status, ONT_ONLINE);
	assert_string_equal(d->model, "POINT-ONU-XPON");
	assert_string_equal(d->software, "V1.3.8");
	assert_string_equal(d->hardware, "F690.1B");
	assert_null(d->last_down);
	assert_null(d->last_down_cause);
	assert_int_equal(d->admin, ADMIN_UNKNOWN);
	pr_result_free(&r);
}

static void
test_attenuation_rows(void **state)
{
	struct pr_result r;
	struct pr_optical *o;

	(void)state;
	ok(PR_OPTICAL, ZT("show_pon_power_attenuation.blog.txt"), &r);
	o = &r.u.optical;
	assert_true(near(o->olt_rx_dbm, -20.241));
	assert_true(near(o->tx_dbm, 2.423));
	assert_true(near(o->olt_tx_dbm, 5.369));
	assert_true(near(o->rx_dbm, -16.676));
	assert_true(near(o->attenuation_up_db, 22.664));
	assert_true(near(o->attenuation_down_db, 22.045));
	pr_result_free(&r);

	ok(PR_OPTICAL, ZT("show_pon_power_attenuation.tool_comment.txt"), &r);
	assert_true(near(r.u.optical.rx_dbm, -21.250));
	assert_true(near(r.u.optical.olt_rx_dbm, -25.087));
	pr_result_free(&r);

	ok(PR_OPTICAL, ZT("show_pon_power_attenuation.c600_offline.txt"), &r);
	o = &r.u.optical;
	assert_true(isnan(o->olt_rx_dbm));
	assert_true(isnan(o->tx_dbm));
	assert_true(isnan(o->rx_dbm));
	assert_true(isnan(o->attenuation_up_db));
	pr_result_free(&r);
}

static void
test_power_lists(void **state)
{
	struct pr_result r;
	struct pr_optical_row *row;

	(void)state;
	ok(PR_OPTICAL_LIST, ZT("show_pon_power_onu-rx.blog.txt"), &r);
	assert_int_equal(r.u.optical_list.n, 7);
	row = &r.u.optical_list.v[0];
	assert_string_equal(row->port, "1/1/1");
	assert_int_equal(row->ont_id, 1);
	assert_true(near(row->rx_dbm, -16.676));
	assert_true(isnan(row->tx_dbm));
	assert_true(isnan(r.u.optical_list.v[2].rx_dbm));
	row = &r.u.optical_list.v[6];
	assert_int_equal(row->ont_id, 8);
	assert_true(isnan(row->rx_dbm));
	pr_result_free(&r);

	ok(PR_OPTICAL_LIST, ZT("show_pon_power_onu-rx.pager_synthetic.txt"), &r);
	assert_int_equal(r.u.optical_list.n, 7);
	assert_int_equal(r.u.optical_list.v[4].ont_id, 6);
	assert_true(near(r.u.optical_list.v[4].rx_dbm, -26.576));
	pr_result_free(&r);

	ok(PR_OPTICAL_LIST, ZT("show_pon_power_onu-tx.blog.txt"), &r);
	assert_int_equal(r.u.optical_list.n, 3);
	assert_true(near(r.u.optical_list.v[1].tx_dbm, 2.771));
	assert_true(isnan(r.u.optical_list.v[1].rx_dbm));
	pr_result_free(&r);

	ok(PR_OPTICAL_LIST, ZT("show_pon_power_onu-rx_onu.v21_fixture.txt"), &r);
	assert_int_equal(r.u.optical_list.n, 1);
	assert_int_equal(r.u.optical_list.v[0].ont_id, 125);
	assert_true(near(r.u.optical_list.v[0].rx_dbm, -25.304));
	pr_result_free(&r);
}

static void
test_service_ports_from_config(void **state)
{
	struct pr_result r;
	struct pr_service_port *s;

	(void)state;
	ok(PR_SERVICE_PORTS, ZT("show_running-config_interface_gpon-onu_1_2_1_3.berkah.txt"), &r);
	assert_int_equal(r.u.service_ports.n, 2);
	s = &r.u.service_ports.v[0];
	assert_int_equal(s->index, 1);
	assert_int_equal(s->gem, 1);
	assert_int_equal(s->user_vlan, 22);
	assert_int_equal(s->vlan, 22);
	assert_string_equal(s->port, "1/2/1");
	assert_int_equal(s->ont_id, 3);
	assert_int_equal(r.u.service_ports.v[1].vlan, 100);
	pr_result_free(&r);

	ok(PR_SERVICE_PORTS, ZT("show_onu_running_config.blog_v12.txt"), &r);
	assert_int_equal(r.u.service_ports.n, 2);
	assert_int_equal(r.u.service_ports.v[1].gem, 2);
	assert_int_equal(r.u.service_ports.v[1].vlan, PR_NONE);	/* masked */
	pr_result_free(&r);

	ok(PR_SERVICE_PORTS, ZT("show_running-config.c320_v21.txt"), &r);
	assert_int_equal(r.u.service_ports.n, 1);
	assert_string_equal(r.u.service_ports.v[0].port, "1/1/4");
	assert_int_equal(r.u.service_ports.v[0].vlan, 14);
	pr_result_free(&r);
}

static void
test_cards(void **state)
{
	struct pr_result r;
	struct pr_board *b;

	(void)state;
	ok(PR_BOARDS, ZT("show_card.c300_v21.txt"), &r);
	assert_int_equal(r.u.boards.n, 9);
	b = &r.u.boards.v[0];
	assert_int_equal(b->rack, 1);
	assert_int_equal(b->shelf, 1);
	assert_int_equal(b->slot, 0);
	assert_string_equal(b->cfg_type, "PRWH");
	assert_int_equal(b->ports, 0);
	assert_string_equal(b->hard_ver, "V1.0.0");
	assert_null(b->soft_ver);
	assert_string_equal(b->status, "INSERVICE");
	assert_string_equal(r.u.boards.v[4].status, "STANDBY");
	b = &r.u.boards.v[8];
	assert_int_equal(b->slot, 20);
	assert_string_equal(b->soft_ver, "V2.1.0");
	pr_result_free(&r);

	ok(PR_BOARDS, ZT("show_card.c320_v21_vans.txt"), &r);
	assert_int_equal(r.u.boards.n, 3);
	b = &r.u.boards.v[2];
	assert_string_equal(b->cfg_type, "SMXA");
	assert_null(b->real_type);
	assert_null(b->hard_ver);
	assert_int_equal(b->ports, 3);
	assert_string_equal(b->status, "OFFLINE");
	pr_result_free(&r);
}

static void
test_versions(void **state)
{
	struct pr_result r;

	(void)state;
	ok(PR_VERSION, ZT("show_version-running.c300.txt"), &r);
	assert_string_equal(r.u.version.version, "V2.1.0");
	assert_int_equal(r.u.version.nmodules, 1);
	assert_string_equal(r.u.version.modules[0].location, "1/1/10");
	assert_string_equal(r.u.version.modules[0].build_time, "2017-01-17T01:04:45");
	assert_int_equal(r.u.version.modules[0].length, 24647784);
	assert_null(r.u.version.product);
	pr_result_free(&r);

	ok(PR_VERSION, ZT("show_system-group.c320_v21.txt"), &r);
	assert_string_equal(r.u.version.product, "C320");
	assert_string_equal(r.u.version.version, "V2.1.0");
	assert_int_equal(r.u.version.uptime_s, 10 * 86400 + 9 * 3600 + 14 * 60);
	pr_result_free(&r);
}

static void
test_state_with_cursor_debris_inside_rows(void **state)
{
	static const enum ont_status st[] = {
		ONT_ONLINE, ONT_ONLINE, ONT_LOS, ONT_DYING_GASP, ONT_OFFLINE,
		ONT_OFFLINE, ONT_ONLINE,
	};
	static const char *const omcc[] = {
		"enable", "enable", "disable", "enable", "enable", "enable",
		"enable",
	};
	struct pr_result r;

	(void)state;
	ok(PR_ONT_LIST, ZT("show_gpon_onu_state.cursor_constructed.txt"), &r);
	assert_int_equal(r.u.onts.n, 7);
	for (size_t i = 0; i < 7; i++) {
		struct pr_ont *o = &r.u.onts.v[i];

		assert_string_equal(o->port, "1/2/1");
		assert_int_equal(o->ont_id, (long)i + 1);
		assert_int_equal(o->admin, i == 5 ? ADMIN_DISABLED : ADMIN_ENABLED);
		assert_int_equal(o->status, st[i]);
		assert_string_equal(o->config_state, omcc[i]);
	}
	pr_result_free(&r);
}

static void
test_detail_month_first_history(void **state)
{
	struct pr_result r;
	struct pr_ont_detail *d;

	(void)state;
	ok(PR_ONT_DETAIL, ZT("show_gpon_onu_detail-info.month_first_constructed.txt"), &r);
	d = &r.u.detail;
	assert_int_equal(d->dates, PR_DATES_MONTH_FIRST);
	assert_string_equal(d->last_up, "2023-03-29T00:17:28");
	assert_string_equal(d->last_down, "2023-03-29T00:16:47");
	assert_string_equal(d->last_down_cause, "DyingGasp");
	assert_string_equal(d->sn, "ZTEGCCEC5655");
	pr_result_free(&r);
}

static void
test_detail_ambiguous_history_is_read_month_first_and_said(void **state)
{
	struct pr_result r;
	struct pr_ont_detail *d;

	(void)state;
	ok(PR_ONT_DETAIL, ZT("show_gpon_onu_detail-info.ambiguous_constructed.txt"), &r);
	d = &r.u.detail;
	assert_int_equal(d->dates, PR_DATES_ASSUMED_MONTH_FIRST);
	assert_non_null(pr_result_date_note(&r));
	assert_non_null(strstr(pr_result_date_note(&r), "month first"));
	/* read day first, the latest rows would be others */
	assert_string_equal(d->last_up, "2023-02-01T15:08:19");
	assert_string_equal(d->last_down, "2023-02-02T10:59:52");
	assert_string_equal(d->last_down_cause, "DyingGasp");
	pr_result_free(&r);
}

static void
test_unreadable_history_time_is_a_clear_error(void **state)
{
	struct pr_ont_detail d;
	char *cause = NULL;

	(void)state;
	assert_int_equal(zte_parse_ont_detail(
	    "ONU interface:         gpon-onu_1/12/1:1\n"
	    "  Phase state:         working\n"
	    "------------------------------------------\n"
	    "       Authpass Time          OfflineTime             Cause\n"
	    "   1   2023-03-21 15:08:19    0000-00-00 00:00:00\n"
	    "   2\n"
	    "   3   Mar 21 2023 15:08:19   0000-00-00 00:00:00\n", &d, &cause), -1);
	assert_non_null(cause);
	if (strstr(cause, "Mar 21 2023") == NULL)
		fprintf(stderr, "cause: %s\n", cause);
	assert_non_null(strstr(cause, "Mar 21 2023"));
	assert_non_null(strstr(cause, "row 3"));
	free(cause);
	pr_ont_detail_free(&d);
}

static void
test_version_day_first_build_times(void **state)
{
	struct pr_result r;
	struct pr_version *v;

	(void)state;
	ok(PR_VERSION, ZT("show_version-running.day_first_constructed.txt"), &r);
	v = &r.u.version;
	assert_int_equal(v->dates, PR_DATES_DAY_FIRST);
	assert_int_equal(v->nmodules, 3);
	assert_string_equal(v->modules[0].build_time, "2017-01-17T01:04:45");
	assert_int_equal(v->modules[0].length, 24647784);
	assert_string_equal(v->modules[1].ver_tag, "V1.3.2");
	assert_string_equal(v->modules[1].build_time, "2016-03-05T11:20:00");
	assert_int_equal(v->modules[1].length, 1048576);
	assert_string_equal(v->modules[2].location, "1/1/2");
	assert_string_equal(v->version, "V2.1.0");
	pr_result_free(&r);
}

static void
test_baseinfo_type_wrapped_at_15_takes_only_its_column(void **state)
{
	struct pr_result r;

	(void)state;
	ok(PR_ONT_LIST, ZT("show_gpon_onu_baseinfo.wrap15_constructed.txt"), &r);
	assert_int_equal(r.u.onts.n, 4);
	assert_string_equal(r.u.onts.v[0].model, "ZTE-F670L-V9.0-BR");
	assert_string_equal(r.u.onts.v[0].sn, "ZTEGC0A1B2C3");
	assert_string_equal(r.u.onts.v[1].model, "F601");
	/* the AuthInfo wrapped on the same line stays out of the type */
	assert_string_equal(r.u.onts.v[2].model, "ZTE-F6600P-CUSTOM");
	assert_null(r.u.onts.v[2].sn);
	assert_string_equal(r.u.onts.v[2].config_state, "ready");
	assert_int_equal(r.u.onts.v[3].ont_id, 4);
	assert_string_equal(r.u.onts.v[3].model, "HG8245Q2");
	pr_result_free(&r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_uncfg),
		cmocka_unit_test(test_uncfg_with_model_column_keeps_wrapped_models),
		cmocka_unit_test(test_state_with_erase_bytes_keeps_every_onu),
		cmocka_unit_test(test_state_every_phase_and_pager),
		cmocka_unit_test(test_empty_and_error_notices),
		cmocka_unit_test(test_baseinfo_type_wraps),
		cmocka_unit_test(test_detail_info_with_history),
		cmocka_unit_test(test_detail_info_short_layout),
		cmocka_unit_test(test_attenuation_rows),
		cmocka_unit_test(test_power_lists),
		cmocka_unit_test(test_service_ports_from_config),
		cmocka_unit_test(test_cards),
		cmocka_unit_test(test_versions),
		cmocka_unit_test(test_state_with_cursor_debris_inside_rows),
		cmocka_unit_test(test_detail_month_first_history),
		cmocka_unit_test(test_detail_ambiguous_history_is_read_month_first_and_said),
		cmocka_unit_test(test_unreadable_history_time_is_a_clear_error),
		cmocka_unit_test(test_version_day_first_build_times),
		cmocka_unit_test(test_baseinfo_type_wrapped_at_15_takes_only_its_column),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
