/* test_snmp_map.c — index formulas against the values tabulated in
   shared/reference/snmp-oids.md, value scalings, serial forms, OID helpers
   and counter wrap. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <string.h>

#include "drivers/huawei.h"
#include "drivers/snmp_map.h"
#include "drivers/zte.h"

static void
test_huawei_ifindex_matches_reference_table(void **state)
{
	int f, s, p;

	(void)state;
	assert_int_equal(huawei_snmp_ifindex(0, 0, 0), 4194304000u);
	assert_int_equal(huawei_snmp_ifindex(0, 0, 1), 4194304256u);
	assert_int_equal(huawei_snmp_ifindex(0, 1, 0), 4194312192u);
	assert_int_equal(huawei_snmp_ifindex(0, 1, 15), 4194316032u);
	assert_int_equal(huawei_snmp_ifindex(0, 2, 0), 4194320384u);
	assert_int_equal(huawei_snmp_ifindex(0, 6, 0), 4194353152u);
	/* Worked example 2.6: ONT 7 on 0/1/3. */
	assert_int_equal(huawei_snmp_ifindex(0, 1, 3), 4194312960u);
	assert_int_equal(huawei_snmp_decode(4194316032u, &f, &s, &p), 0);
	assert_int_equal(f, 0);
	assert_int_equal(s, 1);
	assert_int_equal(p, 15);
	assert_int_equal(huawei_snmp_decode(234930176u, &f, &s, &p), -1);
}

static void
test_zte_indexes_match_reference_table(void **state)
{
	int r, s, p;

	(void)state;
	assert_int_equal(zte_snmp_idx1082(1, 1, 1), 285278465u);
	assert_int_equal(zte_snmp_idx1082(1, 2, 1), 285278721u);
	assert_int_equal(zte_snmp_idx1082(1, 2, 16), 285278736u);
	assert_int_equal(zte_snmp_idx1082(1, 2, 10), 285278730u);
	assert_int_equal(zte_snmp_idx1082(1, 2, 3), 285278723u);
	assert_int_equal(zte_snmp_idx1012(1, 1), 268501248u);
	assert_int_equal(zte_snmp_idx1012(2, 1), 268566784u);
	assert_int_equal(zte_snmp_idx1012(2, 2), 268567040u);
	assert_int_equal(zte_snmp_idx1012(2, 3), 268567296u);
	assert_int_equal(zte_snmp_decode1082(285278723u, &r, &s, &p), 0);
	assert_int_equal(r, 1);
	assert_int_equal(s, 2);
	assert_int_equal(p, 3);
	assert_int_equal(zte_snmp_decode1082(268567296u, &r, &s, &p), -1);
}

/* The OID of column col's value for index idx.ont (and maybe one more). */
static struct snmp_oid
at(const char *col, uint32_t idx, uint32_t ont)
{
	struct snmp_oid o;
	uint32_t tail[2] = { idx, ont };

	assert_int_equal(snmp_oid_parse(col, &o), 0);
	snmp_oid_append(&o, tail, 2);
	return o;
}

/* Found by fuzzing (tests/fuzz/regress/snmp/): an agent's index decoded to
   a port outside the driver's limits (slot 63, port 31) or to an ONT id
   that is no ONT id (4294967295 became -1, and its key emptied a slot of
   the sweep's table); such a value names no ONT now. */
static void
test_an_index_names_an_ont_only_inside_the_limits(void **state)
{
	const char *col = huawei_snmp.columns[SNMP_COL_STATUS];
	struct snmp_oid c, o;
	int f, s, p, ont;

	(void)state;
	assert_int_equal(snmp_oid_parse(col, &c), 0);
	o = at(col, huawei_snmp_ifindex(0, 1, 3), 7);
	assert_int_equal(snmpmap_ont_index(&huawei_snmp, &c, &o, &f, &s, &p, &ont), 0);
	assert_int_equal(f, 0);
	assert_int_equal(s, 1);
	assert_int_equal(p, 3);
	assert_int_equal(ont, 7);
	o = at(col, huawei_snmp_ifindex(0, 63, 3), 7);
	assert_int_equal(snmpmap_ont_index(&huawei_snmp, &c, &o, &f, &s, &p, &ont), -1);
	o = at(col, huawei_snmp_ifindex(0, 1, 31), 7);
	assert_int_equal(snmpmap_ont_index(&huawei_snmp, &c, &o, &f, &s, &p, &ont), -1);
	o = at(col, huawei_snmp_ifindex(0, 1, 3), 4294967295u);
	assert_int_equal(snmpmap_ont_index(&huawei_snmp, &c, &o, &f, &s, &p, &ont), -1);
	o = at(col, huawei_snmp_ifindex(0, 1, 3), 128);
	assert_int_equal(snmpmap_ont_index(&huawei_snmp, &c, &o, &f, &s, &p, &ont), -1);
	col = zte_snmp.columns[SNMP_COL_STATUS];
	assert_int_equal(snmp_oid_parse(col, &c), 0);
	o = at(col, zte_snmp_idx1082(1, 2, 3), 128);
	assert_int_equal(snmpmap_ont_index(&zte_snmp, &c, &o, &f, &s, &p, &ont), 0);
	o = at(col, zte_snmp_idx1082(1, 2, 3), 0);
	assert_int_equal(snmpmap_ont_index(&zte_snmp, &c, &o, &f, &s, &p, &ont), -1);
	o = at(col, zte_snmp_idx1082(9, 2, 3), 5);
	assert_int_equal(snmpmap_ont_index(&zte_snmp, &c, &o, &f, &s, &p, &ont), -1);
	o = at(col, zte_snmp_idx1082(1, 2, 200), 5);
	assert_int_equal(snmpmap_ont_index(&zte_snmp, &c, &o, &f, &s, &p, &ont), -1);
}

static void
test_value_scalings(void **state)
{
	(void)state;
	assert_float_equal(huawei_snmp_rx(-2168), -21.68, 1e-9);
	assert_float_equal(huawei_snmp_rx(-1950), -19.50, 1e-9);
	assert_true(isnan(huawei_snmp_rx(2147483647)));
	assert_float_equal(huawei_snmp_olt_rx(8459), -15.41, 1e-9);
	assert_float_equal(zte_snmp_rx(6700), -16.60, 1e-9);
	assert_true(isnan(zte_snmp_rx(65535)));
	assert_float_equal(zte_snmp_olt_rx(-25304), -25.304, 1e-9);
	assert_int_equal(huawei_snmp_status(1, 0), ONT_ONLINE);
	assert_int_equal(huawei_snmp_status(2, 0), ONT_OFFLINE);
	assert_int_equal(zte_snmp_status(2, 0), ONT_LOS);
	assert_int_equal(zte_snmp_status(4, 0), ONT_ONLINE);
	assert_int_equal(zte_snmp_status(5, 0), ONT_DYING_GASP);
	assert_int_equal(zte_snmp_status(7, 0), ONT_OFFLINE);
	assert_string_equal(ont_status_name(ONT_DYING_GASP), "dying_gasp");
}

static void
test_serial_forms(void **state)
{
	char sn[13];
	const unsigned char hw[8] = { 0x48, 0x57, 0x54, 0x43, 0xA1, 0xB2, 0xC3, 0xD4 };

	(void)state;
	huawei_snmp_serial(hw, 8, sn);
	assert_string_equal(sn, "HWTCA1B2C3D4");
	zte_snmp_serial((const unsigned char *)"1,ZTEGC4BB98CB", 14, sn);
	assert_string_equal(sn, "ZTEGC4BB98CB");
	zte_snmp_serial((const unsigned char *)"1,ZTEG", 6, sn);
	assert_string_equal(sn, "");
}

/* An agent's serial bytes may hold anything: only 4 vendor characters and
   8 hex digits become a serial, the rest is "" — terminated, never partly
   written (issue 13). */
static void
test_serial_hostile_bytes(void **state)
{
	char sn[13];
	const unsigned char esc8[] = { 0x1b, '[', '2', 'J', 0x6b, 0x88, 0x6f, 0xa5 };
	const unsigned char crlf8[] = { 'H', 'W', '\r', '\n', 0x6b, 0x88, 0x6f, 0xa5 };

	(void)state;
	memset(sn, 'X', sizeof sn);
	huawei_snmp_serial(esc8, sizeof esc8, sn);
	assert_string_equal(sn, "");
	memset(sn, 'X', sizeof sn);
	huawei_snmp_serial(crlf8, sizeof crlf8, sn);
	assert_string_equal(sn, "");
	/* 16-byte text form: invalid hex half-way used to leave the output
	   partly written and unterminated. */
	memset(sn, 'X', sizeof sn);
	huawei_snmp_serial((const unsigned char *)"4857zz436B886FA5", 16, sn);
	assert_string_equal(sn, "");
	memset(sn, 'X', sizeof sn);
	huawei_snmp_serial((const unsigned char *)"1B5B324A6B886FA5", 16, sn);
	assert_string_equal(sn, "");
	memset(sn, 'X', sizeof sn);
	huawei_snmp_serial((const unsigned char *)"485754436b886fa5", 16, sn);
	assert_string_equal(sn, "HWTC6B886FA5");
	memset(sn, 'X', sizeof sn);
	zte_snmp_serial((const unsigned char *)"1,ZT\x1b[2J0C5D24", 14, sn);
	assert_string_equal(sn, "");
	memset(sn, 'X', sizeof sn);
	zte_snmp_serial((const unsigned char *)"1,ZTEG\r\nC5D24F", 14, sn);
	assert_string_equal(sn, "");
	zte_snmp_serial((const unsigned char *)"1,zteg0c5d24ff", 14, sn);
	assert_string_equal(sn, "ZTEG0C5D24FF");
}

static void
test_oid_helpers(void **state)
{
	struct snmp_oid a, b;
	char buf[256];

	(void)state;
	assert_int_equal(snmp_oid_parse(".1.3.6.1.4.1.2011.6.128.1.1.2.51.1.4", &a), 0);
	assert_int_equal(a.len, 15);
	assert_int_equal(snmp_oid_parse("1.3.6.1.4.1.2011.6.128.1.1.2.51.1.4.4194312192.5", &b), 0);
	assert_true(snmp_oid_under(&b, &a));
	assert_false(snmp_oid_under(&a, &b));
	assert_true(snmp_oid_cmp(&a, &b) < 0);
	snmp_oid_format(&b, buf, sizeof buf);
	assert_string_equal(buf, "1.3.6.1.4.1.2011.6.128.1.1.2.51.1.4.4194312192.5");
	assert_int_equal(snmp_oid_parse("1.3.x", &a), -1);
	assert_int_equal(snmp_oid_parse("1.3.99999999999", &a), -1);
}

static void
test_counter_wrap(void **state)
{
	(void)state;
	assert_int_equal(snmp_counter_delta(100, 250, 32), 150);
	assert_int_equal(snmp_counter_delta(4294967000u, 200, 32), 496);
	assert_true(snmp_counter_delta(UINT64_MAX - 9, 10, 64) == 20);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_huawei_ifindex_matches_reference_table),
		cmocka_unit_test(test_zte_indexes_match_reference_table),
		cmocka_unit_test(test_an_index_names_an_ont_only_inside_the_limits),
		cmocka_unit_test(test_value_scalings),
		cmocka_unit_test(test_serial_forms),
		cmocka_unit_test(test_serial_hostile_bytes),
		cmocka_unit_test(test_oid_helpers),
		cmocka_unit_test(test_counter_wrap),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
