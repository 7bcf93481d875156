/* test_huawei_parse.c — Huawei parsers on the verbatim fixtures (see
   tests/fixtures/README.md): counts, first and last rows, nulls, errors. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>

#include "lib/sn.h"
#include "drivers/huawei.h"
#include "tests/unit/parse_fixture.h"

#define HW(f) "huawei/" f

/* Parses a fixture that must succeed. */
static void
ok(enum pr_kind k, const char *f, struct pr_result *r)
{
	char *cause = NULL;
	int rc = fixture_parse(&driver_huawei, k, f, r, &cause);

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

	assert_int_equal(fixture_parse(&driver_huawei, k, f, &r, &cause), -1);
	assert_non_null(cause);
	if (strstr(cause, want) == NULL)
		fprintf(stderr, "cause: %s\n", cause);
	assert_non_null(strstr(cause, want));
	free(cause);
	pr_result_free(&r);
}

static void
test_sn_forms_normalise(void **state)
{
	char out[SN_LEN + 1];
	char *s;

	(void)state;
	assert_int_equal(sn_normalize("485754436B886FA5", out), 0);
	assert_string_equal(out, "HWTC6B886FA5");
	assert_int_equal(sn_normalize("5A544547C9E3311B (ZTEG-C9E3311B)", out), 0);
	assert_string_equal(out, "ZTEGC9E3311B");
	assert_int_equal(sn_normalize("SN:ZTEGd824cdf3", out), 0);
	assert_string_equal(out, "ZTEGD824CDF3");
	assert_int_equal(sn_normalize("HWTC-6B886FA5", out), 0);
	assert_string_equal(out, "HWTC6B886FA5");
	assert_int_equal(sn_normalize("46485454983DEFE8", out), 0);
	assert_string_equal(out, "FHTT983DEFE8");
	assert_int_equal(sn_normalize("1234567890ABCDEF", out), -1);
	assert_int_equal(sn_normalize("HWTC6B886FAZ", out), -1);
	assert_int_equal(sn_normalize("", out), -1);
	s = sn_normalize_loose("1234567890abcdef");
	assert_string_equal(s, "1234567890ABCDEF");
	free(s);
	assert_null(sn_normalize_loose("   "));
	assert_true(sn_is_canonical("HWTC6B886FA5"));
	assert_false(sn_is_canonical("HWTC6b886FA5"));
}

static void
test_autofind_raw_kb_capture(void **state)
{
	struct pr_result r;
	struct pr_autofind *a;

	(void)state;
	ok(PR_AUTOFIND, HW("display_ont_autofind_0.ea5800_kb.txt"), &r);
	assert_int_equal(r.u.autofind.n, 1);
	a = &r.u.autofind.v[0];
	assert_string_equal(a->port, "0/1/0");
	assert_string_equal(a->sn, "HWTC6B886FA5");
	assert_string_equal(a->vendor, "HWTC");
	assert_string_equal(a->model, "EG8145V5");
	assert_string_equal(a->software, "V5R020C10S213");
	assert_string_equal(a->hardware, "159D.A");
	assert_string_equal(a->mac, "68E2-091F-5161");
	assert_string_equal(a->found_at, "2022-09-18T04:50:52Z");
	assert_null(a->state);
	pr_result_free(&r);
}

static void
test_autofind_two_records(void **state)
{
	struct pr_result r;

	(void)state;
	ok(PR_AUTOFIND, HW("display_ont_autofind_2.ntc.txt"), &r);
	assert_int_equal(r.u.autofind.n, 2);
	assert_string_equal(r.u.autofind.v[0].sn, "HWTC11E70E9A");
	assert_string_equal(r.u.autofind.v[0].model, "245H");
	assert_string_equal(r.u.autofind.v[1].sn, "HWTCDE135E2D");
	assert_string_equal(r.u.autofind.v[1].software, "V3R012C00S103");
	assert_string_equal(r.u.autofind.v[1].found_at, "2000-01-01T00:00:00Z");
	pr_result_free(&r);

	ok(PR_AUTOFIND, HW("display_ont_autofind.ntc.txt"), &r);
	assert_int_equal(r.u.autofind.n, 1);
	assert_string_equal(r.u.autofind.v[0].port, "0/0/0");
	/* the human form "(ABCD-A12BC3DE)" wins over the sanitised hex */
	assert_string_equal(r.u.autofind.v[0].sn, "ABCDA12BC3DE");
	pr_result_free(&r);
}

static void
test_autofind_failure_is_an_empty_list(void **state)
{
	struct pr_result r;

	(void)state;
	ok(PR_AUTOFIND, HW("display_ont_autofind.empty.txt"), &r);
	assert_int_equal(r.u.autofind.n, 0);
	pr_result_free(&r);
}

static void
test_ont_list_two_ports_joined_by_id(void **state)
{
	struct pr_result r;
	struct pr_ont *o;

	(void)state;
	ok(PR_ONT_LIST, HW("display_ont_info_0_1_0_all.ntc_fsp_4.txt"), &r);
	assert_int_equal(r.u.onts.n, 2);
	o = &r.u.onts.v[0];
	assert_string_equal(o->port, "0/1/0");
	assert_int_equal(o->ont_id, 0);
	assert_string_equal(o->sn, "46VBSM4LFW7QLGAV");
	assert_int_equal(o->admin, ADMIN_ENABLED);
	assert_int_equal(o->status, ONT_ONLINE);
	assert_string_equal(o->description, "The boiling consignment budgets.");
	assert_string_equal(o->config_state, "normal");
	assert_string_equal(o->match_state, "match");
	assert_true(isnan(o->rx_dbm));
	o = &r.u.onts.v[1];
	assert_string_equal(o->port, "0/1/2");
	assert_string_equal(o->description, "ONT_NO_DESCRIPTION");
	pr_result_free(&r);
}

static void
test_ont_list_with_pager_debris_keeps_every_ont(void **state)
{
	struct pr_result r;
	struct pr_ont *o;

	(void)state;
	ok(PR_ONT_LIST, HW("display_ont_info_0_1_0_all.pager_synthetic.txt"), &r);
	assert_int_equal(r.u.onts.n, 3);
	o = &r.u.onts.v[1];
	assert_int_equal(o->ont_id, 1);
	assert_int_equal(o->admin, ADMIN_DISABLED);
	assert_int_equal(o->status, ONT_OFFLINE);
	assert_string_equal(o->sn, "ZTEGC9E3311B");
	assert_string_equal(o->description, "Xxxxxxx_zone_PRINCIPAL_authd_20260818");
	o = &r.u.onts.v[2];
	assert_int_equal(o->ont_id, 2);
	assert_string_equal(o->sn, "HWTCDE135E2D");
	assert_string_equal(o->description, "Dr, Second line");
	pr_result_free(&r);
}

static void
test_ont_summary_tables(void **state)
{
	struct pr_result r;
	struct pr_ont *o;

	(void)state;
	ok(PR_ONT_LIST, HW("display_ont_info_summary_0_1_0.ntc.txt"), &r);
	assert_int_equal(r.u.onts.n, 23);
	o = &r.u.onts.v[0];
	assert_string_equal(o->port, "0/1/0");
	assert_int_equal(o->status, ONT_ONLINE);
	assert_true(fabs(o->rx_dbm - -10.12) < 1e-9);
	assert_true(fabs(o->tx_dbm - 2.03) < 1e-9);
	assert_int_equal(o->distance_m, 100);
	assert_string_equal(o->model, "AB1234C5");
	assert_string_equal(o->last_down_cause, "LOSi/LOBi");
	assert_string_equal(o->last_up, "2000-01-01T00:00:00");
	assert_string_equal(r.u.onts.v[18].last_down_cause, "ONT is reset by ONT comma");
	assert_int_equal(r.u.onts.v[22].ont_id, 22);
	pr_result_free(&r);

	ok(PR_ONT_LIST, HW("display_ont_info_summary_0_2_11.ntc_2.txt"), &r);
	assert_int_equal(r.u.onts.n, 1);
	o = &r.u.onts.v[0];
	assert_string_equal(o->port, "0/2/11");
	assert_null(o->last_down);
	assert_null(o->last_down_cause);
	assert_string_equal(o->description, "huawei_ont_0");
	assert_int_equal(o->distance_m, 1);
	pr_result_free(&r);
}

static void
test_ont_detail_ntc(void **state)
{
	struct pr_result r;
	struct pr_ont_detail *d;

	(void)state;
	ok(PR_ONT_DETAIL, HW("display_ont_info_0_1_2_3.ntc_info_1.txt"), &r);
	d = &r.u.detail;
	assert_string_equal(d->port, "0/0/6");
	assert_int_equal(d->ont_id, 2);
	assert_int_equal(d->admin, ADMIN_ENABLED);
	assert_int_equal(d->status, ONT_ONLINE);
	assert_int_equal(d->distance_m, 47);
	assert_string_equal(d->description, "New_link");
	assert_string_equal(d->last_down_cause, "dying-gasp");
	assert_string_equal(d->last_up, "2023-01-05T00:56:12Z");
	assert_string_equal(d->last_down, "2023-01-05T00:55:28Z");
	assert_string_equal(d->line_profile, "new_link");
	assert_int_equal(d->temperature_c, 57);
	assert_null(d->name);
	assert_null(d->model);
	pr_result_free(&r);
}

static void
test_ont_detail_wrapped_description_is_joined(void **state)
{
	struct pr_result r;
	struct pr_ont_detail *d;

	(void)state;
	ok(PR_ONT_DETAIL, HW("display_ont_info_by-sn.ma5683t.txt"), &r);
	d = &r.u.detail;
	assert_string_equal(d->port, "0/0/1");
	assert_int_equal(d->ont_id, 5);
	assert_string_equal(d->sn, "ZTEGC9E3311B");
	assert_string_equal(d->config_state, "failed");
	assert_string_equal(d->match_state, "mismatch");
	assert_string_equal(d->description, "Dr, Xxxxxxx_zone_PRINCIPAL_authd_20260818");
	assert_string_equal(d->service_profile, "F680V9.0");
	assert_int_equal(d->distance_m, PR_NONE);
	pr_result_free(&r);
}

static void
test_optical_single_ont(void **state)
{
	struct pr_result r;
	struct pr_optical *o;

	(void)state;
	ok(PR_OPTICAL, HW("display_ont_optical-info_0_62.capture.txt"), &r);
	o = &r.u.optical;
	assert_true(fabs(o->rx_dbm - -15.10) < 1e-9);
	assert_true(fabs(o->tx_dbm - 3.61) < 1e-9);
	assert_true(fabs(o->olt_rx_dbm - -15.41) < 1e-9);
	assert_true(fabs(o->voltage_v - 3.240) < 1e-9);
	assert_true(fabs(o->temperature_c - 49) < 1e-9);
	assert_true(fabs(o->bias_ma - 11) < 1e-9);
	assert_true(isnan(o->olt_tx_dbm));
	assert_string_equal(o->vendor_name, "HUAWEI");
	pr_result_free(&r);
}

static void
test_optical_offline_is_a_clear_error(void **state)
{
	(void)state;
	fails(PR_OPTICAL, HW("display_ont_optical-info.offline.txt"),
	    "Failure: The ONT is not online");
}

static void
test_optical_list_port_table(void **state)
{
	struct pr_result r;
	struct pr_optical_row *row;

	(void)state;
	ok(PR_OPTICAL_LIST, HW("display_ont_optical-info_0_all.ntc.txt"), &r);
	assert_int_equal(r.u.optical_list.n, 10);
	row = &r.u.optical_list.v[0];
	assert_null(row->port);
	assert_int_equal(row->ont_id, 0);
	assert_true(fabs(row->rx_dbm - -24.68) < 1e-9);
	assert_true(fabs(row->olt_rx_dbm - -22.68) < 1e-9);
	assert_true(fabs(row->voltage_v - 3.2) < 1e-9);
	assert_int_equal(row->distance_m, 171);
	row = &r.u.optical_list.v[9];
	assert_int_equal(row->ont_id, 9);
	assert_true(fabs(row->rx_dbm - -24.43) < 1e-9);
	pr_result_free(&r);
}

static void
test_optical_list_raw_capture_takes_port_from_echo(void **state)
{
	struct pr_result r;

	(void)state;
	ok(PR_OPTICAL_LIST, HW("display_ont_optical-info_0_all.pager_synthetic.txt"), &r);
	assert_int_equal(r.u.optical_list.n, 10);
	for (size_t i = 0; i < 10; i++) {
		assert_string_equal(r.u.optical_list.v[i].port, "0/1/0");
		assert_int_equal(r.u.optical_list.v[i].ont_id, (long)i);
	}
	assert_true(fabs(r.u.optical_list.v[5].rx_dbm - -26.57) < 1e-9);
	assert_true(fabs(r.u.optical_list.v[8].tx_dbm - 3.66) < 1e-9);
	pr_result_free(&r);
}

static void
test_service_ports(void **state)
{
	struct pr_result r;
	struct pr_service_port *s;

	(void)state;
	ok(PR_SERVICE_PORTS, HW("display_service-port_port_0_0_1.ma5683t.txt"), &r);
	assert_int_equal(r.u.service_ports.n, 3);
	s = &r.u.service_ports.v[0];
	assert_int_equal(s->index, 25);
	assert_int_equal(s->vlan, 110);
	assert_string_equal(s->port, "0/0/1");
	assert_int_equal(s->ont_id, 1);
	assert_int_equal(s->gem, 1);
	assert_int_equal(s->rx_table, 17);
	assert_int_equal(s->tx_table, 47);
	assert_string_equal(s->state, "up");
	s = &r.u.service_ports.v[2];
	assert_int_equal(s->index, 465);
	assert_int_equal(s->ont_id, 44);
	pr_result_free(&r);

	ok(PR_SERVICE_PORTS, HW("display_service-port_all.ntc.txt"), &r);
	assert_int_equal(r.u.service_ports.n, 1);
	s = &r.u.service_ports.v[0];
	assert_int_equal(s->index, 5827);
	assert_string_equal(s->port, "0/1/0");
	assert_int_equal(s->rx_table, PR_NONE);
	assert_string_equal(s->vlan_attr, "common");
	pr_result_free(&r);

	ok(PR_SERVICE_PORTS, HW("display_current-configuration.ma5800_v100r022.txt"), &r);
	assert_int_equal(r.u.service_ports.n, 2);
	s = &r.u.service_ports.v[0];
	assert_int_equal(s->index, 1916);
	assert_int_equal(s->vlan, 31);
	assert_string_equal(s->port, "0/1/1");
	assert_int_equal(s->ont_id, 42);
	assert_int_equal(s->gem, 31);
	assert_int_equal(s->user_vlan, 31);
	assert_string_equal(r.u.service_ports.v[1].port, "0/1/9");
	pr_result_free(&r);
}

static void
test_boards(void **state)
{
	struct pr_result r;
	struct pr_board *b;

	(void)state;
	ok(PR_BOARDS, HW("display_board_0.ntc.txt"), &r);
	assert_int_equal(r.u.boards.n, 6);
	b = &r.u.boards.v[4];
	assert_int_equal(b->slot, 4);
	assert_string_equal(b->name, "A123ABCDE");
	assert_string_equal(b->status, "Standby_failed");
	assert_string_equal(b->subtype, "CPCF");
	assert_string_equal(b->online, "Offline");
	b = &r.u.boards.v[5];
	assert_int_equal(b->slot, 5);
	assert_null(b->name);
	assert_null(b->status);
	pr_result_free(&r);

	ok(PR_BOARDS, HW("display_board_0.ma5800x7.txt"), &r);
	assert_int_equal(r.u.boards.n, 7);
	assert_string_equal(r.u.boards.v[2].name, "H901GPHF");
	assert_int_equal(r.u.boards.v[2].slot, 6);
	assert_string_equal(r.u.boards.v[5].status, "Active_normal");
	assert_string_equal(r.u.boards.v[6].name, "H903PILA");
	pr_result_free(&r);
}

static void
test_version(void **state)
{
	struct pr_result r;

	(void)state;
	ok(PR_VERSION, HW("display_version.ntc_ma5608t.txt"), &r);
	assert_string_equal(r.u.version.version, "AB1234C342A123D23");
	assert_string_equal(r.u.version.patch, "QEF227");
	assert_string_equal(r.u.version.product, "MA5608T");
	assert_int_equal(r.u.version.uptime_s, ((20 * 24 + 23) * 60 + 19) * 60 + 16);
	pr_result_free(&r);

	ok(PR_VERSION, HW("display_version.ma5800x7.txt"), &r);
	assert_string_equal(r.u.version.product, "MA5800-X7");
	assert_int_equal(r.u.version.uptime_s, PR_NONE);
	pr_result_free(&r);
}

static void
test_device_errors_quote_the_device(void **state)
{
	(void)state;
	fails(PR_VERSION, HW("session_login_unknown_command.ma5800_v100r022.txt"),
	    "% Unknown command, the error locates at '^'");
	fails(PR_ONT_DETAIL, HW("ont_add_sn_already_exists.ma5683t.txt"),
	    "Failure: SN already exists");
}

static void
test_unreadable_output_names_what_was_expected(void **state)
{
	struct pr_result r;
	char *cause = NULL;

	(void)state;
	assert_int_equal(huawei_parse_ont_list("hello\nworld\n", &r.u.onts, &cause), -1);
	assert_non_null(strstr(cause, "no ONT table header"));
	free(cause);
	cause = NULL;
	assert_int_equal(huawei_parse_autofind("", &r.u.autofind, &cause), -1);
	assert_non_null(cause);
	free(cause);
}

static void
test_wrapped_failure_is_joined(void **state)
{
	struct pr_ont_detail d;
	char *cause = NULL;

	(void)state;
	assert_int_equal(huawei_parse_ont_detail(
	    "  Failure: This configured object has some service virtual\n"
	    "  ports\n", &d, &cause), -1);
	assert_string_equal(cause, "the OLT answered: Failure: This configured "
	    "object has some service virtual ports");
	free(cause);
	pr_ont_detail_free(&d);
}

static void
test_echo_port(void **state)
{
	char *p;

	(void)state;
	p = huawei_echo_port("EA5800-X2(config-if-gpon-0/1)#display ont optical-info 3 all\n");
	assert_string_equal(p, "0/1/3");
	free(p);
	p = huawei_echo_port("OLT#display ont info 0/2/5 all\n");
	assert_string_equal(p, "0/2/5");
	free(p);
	p = huawei_echo_port("OLT(config)#display ont optical-info 0 2 7 all\n");
	assert_string_equal(p, "0/2/7");
	free(p);
	assert_null(huawei_echo_port("  Command:\n          display ont optical-info 0 62\n"));
	assert_null(huawei_echo_port("display ont optical-info\n"));
}

static void
test_ont_list_with_cursor_debris_inside_rows(void **state)
{
	static const char *const desc[] = {
		"ONT_NO_DESCRIPTION", "Condomínio São João", "Rua das Flores 12",
		"Bloco B apto 12", "Praça da Sé 100", "Ação Social",
	};
	static const enum ont_status st[] = {
		ONT_ONLINE, ONT_ONLINE, ONT_ONLINE, ONT_ONLINE, ONT_OFFLINE,
		ONT_ONLINE,
	};
	struct pr_result r;

	(void)state;
	ok(PR_ONT_LIST, HW("display_ont_info_0_1_0_all.cursor_constructed.txt"), &r);
	assert_int_equal(r.u.onts.n, 6);
	for (size_t i = 0; i < 6; i++) {
		struct pr_ont *o = &r.u.onts.v[i];

		assert_string_equal(o->port, "0/1/0");
		assert_int_equal(o->ont_id, (long)i);
		assert_int_equal(o->admin, ADMIN_ENABLED);
		assert_int_equal(o->status, st[i]);
		assert_string_equal(o->config_state, "normal");
		assert_string_equal(o->match_state, "match");
		assert_string_equal(o->description, desc[i]);
	}
	assert_string_equal(r.u.onts.v[1].sn, "ZTEGC9E3311B");
	assert_string_equal(r.u.onts.v[4].sn, "HWTCDE135E2F");
	pr_result_free(&r);
}

/* The summary state table's header, for the inline outputs below. */
#define SUMMARY_HEAD \
	"  ONT  Run     Last                Last                Last\n" \
	"  ID   State   UpTime              DownTime            DownCause\n" \
	"  ------------------------------------------------------------------------------\n"

static void
test_summary_day_first_dates_stay_in_their_columns(void **state)
{
	struct pr_result r;
	struct pr_ont *o;

	(void)state;
	ok(PR_ONT_LIST, HW("display_ont_info_summary_0_1_0.day_first_constructed.txt"), &r);
	assert_int_equal(r.u.onts.n, 4);
	assert_int_equal(r.u.onts.dates, PR_DATES_DAY_FIRST);
	assert_null(pr_result_date_note(&r));
	o = &r.u.onts.v[0];
	assert_string_equal(o->port, "0/1/0");
	assert_string_equal(o->last_up, "2023-06-05T08:00:00");
	assert_string_equal(o->last_down, "2023-06-04T23:59:59");
	assert_string_equal(o->last_down_cause, "LOSi/LOBi");
	o = &r.u.onts.v[1];
	assert_string_equal(o->last_up, "2023-09-28T15:43:18");
	assert_string_equal(o->last_down, "2023-09-27T22:10:05");
	assert_string_equal(o->last_down_cause, "dying-gasp");
	o = &r.u.onts.v[2];
	assert_int_equal(o->status, ONT_OFFLINE);
	assert_null(o->last_up);
	assert_string_equal(o->last_down, "2023-10-01T07:12:40");
	assert_string_equal(o->last_down_cause, "LOSi/LOBi");
	assert_int_equal(o->distance_m, PR_NONE);
	o = &r.u.onts.v[3];
	assert_string_equal(o->last_up, "2024-02-11T00:05:09");
	assert_null(o->last_down);
	assert_null(o->last_down_cause);
	assert_string_equal(o->model, "HG8310M");
	assert_string_equal(o->description, "casa_3");
	pr_result_free(&r);
}

static void
test_summary_ambiguous_dates_are_read_day_first_and_said(void **state)
{
	struct pr_result r;
	const char *note;

	(void)state;
	ok(PR_ONT_LIST, HW("display_ont_info_summary_0_1_0.ambiguous_constructed.txt"), &r);
	assert_int_equal(r.u.onts.n, 2);
	assert_int_equal(r.u.onts.dates, PR_DATES_ASSUMED_DAY_FIRST);
	note = pr_result_date_note(&r);
	assert_non_null(note);
	assert_non_null(strstr(note, "day first"));
	assert_string_equal(pr_date_order_name(r.u.onts.dates), "assumed-day-first");
	assert_string_equal(r.u.onts.v[0].last_up, "2023-06-05T08:00:00");
	assert_string_equal(r.u.onts.v[1].last_up, "2024-02-01T10:11:12");
	assert_string_equal(r.u.onts.v[1].last_down, "2024-01-12T09:08:07");
	assert_string_equal(r.u.onts.v[1].last_down_cause, "dying-gasp");
	pr_result_free(&r);
}

static void
test_conflicting_dates_leave_only_the_ambiguous_ones_out(void **state)
{
	struct pr_ont_list l;
	char *cause = NULL;

	(void)state;
	assert_int_equal(huawei_parse_ont_list(SUMMARY_HEAD
	    "  0    online  28/09/2023 15:43:18 09/28/2023 15:40:00 LOSi/LOBi\n"
	    "  1    online  05/06/2023 08:00:00 -                   -\n",
	    &l, &cause), 0);
	assert_int_equal(l.n, 2);
	assert_int_equal(l.dates, PR_DATES_CONFLICT);
	assert_string_equal(l.v[0].last_up, "2023-09-28T15:43:18");
	assert_string_equal(l.v[0].last_down, "2023-09-28T15:40:00");
	assert_string_equal(l.v[0].last_down_cause, "LOSi/LOBi");
	assert_null(l.v[1].last_up);
	assert_null(l.v[1].last_down_cause);
	pr_ont_list_free(&l);
}

static void
test_summary_times_with_zone_and_dst_keep_the_cause(void **state)
{
	struct pr_ont_list l;
	char *cause = NULL;

	(void)state;
	assert_int_equal(huawei_parse_ont_list(SUMMARY_HEAD
	    "  0    online  2023-09-28 15:43:18+08:00 DST 2023-09-28 15:40:00+08:00 DST LOSi/LOBi\n"
	    "  1    online  2023/09/28 15:43:18 2023/09/28 15:40:00 dying-gasp\n",
	    &l, &cause), 0);
	assert_int_equal(l.n, 2);
	assert_string_equal(l.v[0].last_up, "2023-09-28T07:43:18Z");
	assert_string_equal(l.v[0].last_down, "2023-09-28T07:40:00Z");
	assert_string_equal(l.v[0].last_down_cause, "LOSi/LOBi");
	assert_string_equal(l.v[1].last_up, "2023-09-28T15:43:18");
	assert_string_equal(l.v[1].last_down_cause, "dying-gasp");
	pr_ont_list_free(&l);

	/* a row cut after its state has no times, and is no error */
	assert_int_equal(huawei_parse_ont_list(SUMMARY_HEAD
	    "  0    online\n"
	    "  1    offline -                   2023-09-28 15:40:00 LOSi\n",
	    &l, &cause), 0);
	assert_int_equal(l.n, 2);
	assert_null(l.v[0].last_up);
	assert_null(l.v[0].last_down_cause);
	assert_string_equal(l.v[1].last_down_cause, "LOSi");
	pr_ont_list_free(&l);
}

static void
test_unreadable_time_in_a_table_is_a_clear_error(void **state)
{
	struct pr_ont_list l;
	char *cause = NULL;

	(void)state;
	assert_int_equal(huawei_parse_ont_list(SUMMARY_HEAD
	    "  0    online  Sep 28 2023 15:43:18 -                   LOSi/LOBi\n",
	    &l, &cause), -1);
	assert_non_null(cause);
	if (strstr(cause, "Sep 28 2023") == NULL || strstr(cause, "ONT 0") == NULL)
		fprintf(stderr, "cause: %s\n", cause);
	assert_non_null(strstr(cause, "Sep 28 2023"));
	assert_non_null(strstr(cause, "ONT 0"));
	assert_int_equal(l.n, 0);
	free(cause);
	pr_ont_list_free(&l);
}

static void
test_detail_year_first_slash_zone_and_dst(void **state)
{
	struct pr_result r;

	(void)state;
	ok(PR_ONT_DETAIL, HW("display_ont_info_0_0_6_2.dst_constructed.txt"), &r);
	assert_string_equal(r.u.detail.last_up, "2023-03-26T01:12:08Z");
	assert_string_equal(r.u.detail.last_down, "2023-03-26T00:58:40Z");
	assert_string_equal(r.u.detail.last_down_cause, "dying-gasp");
	assert_int_equal(r.u.detail.dates, PR_DATES_NONE);
	pr_result_free(&r);
}

static void
test_autofind_day_first_with_offset(void **state)
{
	struct pr_result r;

	(void)state;
	ok(PR_AUTOFIND, HW("display_ont_autofind.day_first_constructed.txt"), &r);
	assert_int_equal(r.u.autofind.n, 1);
	assert_string_equal(r.u.autofind.v[0].found_at, "2023-09-28T07:43:18Z");
	assert_string_equal(r.u.autofind.v[0].model, "EG8145X6-10");
	assert_int_equal(r.u.autofind.dates, PR_DATES_DAY_FIRST);
	pr_result_free(&r);
}

/* Parses a Huawei ont-list fixture and checks every description. */
static void
expect_descriptions(const char *f, const char *const *want, size_t n)
{
	struct pr_result r;

	ok(PR_ONT_LIST, f, &r);
	assert_int_equal(r.u.onts.n, n);
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(r.u.onts.v[i].ont_id, (long)i);
		assert_string_equal(r.u.onts.v[i].description, want[i]);
		assert_int_equal(r.u.onts.v[i].status, ONT_ONLINE);
	}
	pr_result_free(&r);
}

static void
test_descriptions_wrapped_at_24_are_measured(void **state)
{
	static const char *const want[] = {
		"Condominio Jardim das Flores Bloco B apto 12",
		"Rua Sete de Setembro 1500 fundos",
		"Avenida Brasil numero 12 Loja 3",	/* blank starts a chunk */
		"Escola Municipal Santos Dumont",	/* blank ends a chunk */
		"ONT_NO_DESCRIPTION",
		"Cliente_corporativo_XPTO_filial_norte_sala_5",
	};

	(void)state;
	expect_descriptions(HW("display_ont_info_0_1_0_all.wrap24_constructed.txt"),
	    want, nitems(want));
}

static void
test_descriptions_wrapped_at_40_are_measured(void **state)
{
	static const char *const want[] = {
		"Condominio Residencial Jardim das Flores Bloco B apto 12",
		"Escola Estadual Professor Maria Batista Santos Dumont",
		"Cliente_corporativo_XPTO_filial_norte_sala_5_andar_2",
		"Posto de Saude",
	};

	(void)state;
	expect_descriptions(HW("display_ont_info_0_1_0_all.wrap40_constructed.txt"),
	    want, nitems(want));
}

static void
test_descriptions_wrapped_between_words_keep_their_blanks(void **state)
{
	static const char *const want[] = {
		"Dr, Xxxxxxx_zone_PRINCIPAL_authd_20260818",
		"Rua Professor Joaquim de Almeida Prado 1500",
		"Condominio Jardim das Flores Bloco B",
		"ONT_NO_DESCRIPTION",
	};

	(void)state;
	expect_descriptions(HW("display_ont_info_0_1_0_all.wordwrap_constructed.txt"),
	    want, nitems(want));
}

static void
test_summary_descriptions_wrapped_at_21_are_joined(void **state)
{
	static const char *const want[] = {
		"Cliente Joao da Silva Bloco B", "Mercado_Central_loja_12",
		"Posto de Saude Vila Nova", "casa_3", "Igreja Matriz de Sao Jose",
	};
	struct pr_result r;

	(void)state;
	expect_descriptions(HW("display_ont_info_summary_0_1_0.wrap21_constructed.txt"),
	    want, nitems(want));
	/* the continuation lines are no rows */
	ok(PR_ONT_LIST, HW("display_ont_info_summary_0_1_0.wrap21_constructed.txt"), &r);
	assert_int_equal(r.u.onts.v[4].distance_m, 852);
	assert_string_equal(r.u.onts.v[4].last_down_cause, "LOSi/LOBi");
	assert_string_equal(r.u.onts.v[4].port, "0/1/0");
	pr_result_free(&r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sn_forms_normalise),
		cmocka_unit_test(test_autofind_raw_kb_capture),
		cmocka_unit_test(test_autofind_two_records),
		cmocka_unit_test(test_autofind_failure_is_an_empty_list),
		cmocka_unit_test(test_ont_list_two_ports_joined_by_id),
		cmocka_unit_test(test_ont_list_with_pager_debris_keeps_every_ont),
		cmocka_unit_test(test_ont_summary_tables),
		cmocka_unit_test(test_ont_detail_ntc),
		cmocka_unit_test(test_ont_detail_wrapped_description_is_joined),
		cmocka_unit_test(test_optical_single_ont),
		cmocka_unit_test(test_optical_offline_is_a_clear_error),
		cmocka_unit_test(test_optical_list_port_table),
		cmocka_unit_test(test_optical_list_raw_capture_takes_port_from_echo),
		cmocka_unit_test(test_service_ports),
		cmocka_unit_test(test_boards),
		cmocka_unit_test(test_version),
		cmocka_unit_test(test_device_errors_quote_the_device),
		cmocka_unit_test(test_unreadable_output_names_what_was_expected),
		cmocka_unit_test(test_wrapped_failure_is_joined),
		cmocka_unit_test(test_echo_port),
		cmocka_unit_test(test_ont_list_with_cursor_debris_inside_rows),
		cmocka_unit_test(test_summary_day_first_dates_stay_in_their_columns),
		cmocka_unit_test(test_summary_ambiguous_dates_are_read_day_first_and_said),
		cmocka_unit_test(test_conflicting_dates_leave_only_the_ambiguous_ones_out),
		cmocka_unit_test(test_summary_times_with_zone_and_dst_keep_the_cause),
		cmocka_unit_test(test_unreadable_time_in_a_table_is_a_clear_error),
		cmocka_unit_test(test_detail_year_first_slash_zone_and_dst),
		cmocka_unit_test(test_autofind_day_first_with_offset),
		cmocka_unit_test(test_descriptions_wrapped_at_24_are_measured),
		cmocka_unit_test(test_descriptions_wrapped_at_40_are_measured),
		cmocka_unit_test(test_descriptions_wrapped_between_words_keep_their_blanks),
		cmocka_unit_test(test_summary_descriptions_wrapped_at_21_are_joined),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
