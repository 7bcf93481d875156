/* test_validate.c — every validator's accepted and refused forms, the
   causes naming the field and the form, control characters refused
   everywhere, secrets never quoted back. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "lib/util.h"
#include "drivers/huawei.h"
#include "drivers/validate.h"
#include "drivers/zte.h"

/* Asserts a cause holds want, then frees it. */
static void
cause_has(char *cause, const char *want)
{
	assert_non_null(cause);
	if (strstr(cause, want) == NULL)
		fail_msg("cause \"%s\" lacks \"%s\"", cause, want);
	free(cause);
}

/* set_cause() frees what *cause held: reset after each use. */
#define CAUSE_HAS(want) do { cause_has(cause, want); cause = NULL; } while (0)
#define FREE_CAUSE() do { free(cause); cause = NULL; } while (0)

static void
test_sn(void **state)
{
	char a[13], b[17], *cause = NULL;

	(void)state;
	assert_int_equal(validate_sn("sn", "HWTC6B886FA5", a, b, &cause), 0);
	assert_string_equal(a, "HWTC6B886FA5");
	assert_string_equal(b, "485754436B886FA5");
	assert_int_equal(validate_sn("sn", "485754436b886fa5", a, b, &cause), 0);
	assert_string_equal(a, "HWTC6B886FA5");
	assert_string_equal(b, "485754436B886FA5");
	assert_int_equal(validate_sn("sn", "ZTEGc0000001", a, NULL, &cause), 0);
	assert_string_equal(a, "ZTEGC0000001");
	assert_null(cause);
	static const char *const bad[] = {
		"", "HWTC6B886FA", "HWTC6B886FA55", "HWTC6B886FAZ", "4857544 36B886FA5",
		"HWTC6B886FA5\r", "HWTC-6B886FA5", "48575443\n6B886FA5", "1234567890ABCDEFG",
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		assert_int_equal(validate_sn("new_sn", bad[i], a, b, &cause), -1);
		assert_string_equal(a, "");
		CAUSE_HAS("new_sn");
	}
	assert_int_equal(validate_sn("sn", "HWTCXB886FA5", a, NULL, &cause), -1);
	CAUSE_HAS("4 vendor letters + 8 hex digits");
	assert_int_equal(validate_sn("sn", NULL, a, NULL, &cause), -1);
	CAUSE_HAS("required");
}

static void
test_numbers(void **state)
{
	char *cause = NULL;

	(void)state;
	assert_int_equal(validate_vlan("vlan", 1, &cause), 0);
	assert_int_equal(validate_vlan("vlan", 4094, &cause), 0);
	assert_int_equal(validate_vlan("vlan", 0, &cause), -1);
	CAUSE_HAS("vlan: a VLAN is a number 1-4094, got 0");
	assert_int_equal(validate_vlan("user_vlan", 4095, &cause), -1);
	CAUSE_HAS("user_vlan");
	assert_int_equal(validate_ont_id(&huawei_limits, "ont_id", 0, &cause), 0);
	assert_int_equal(validate_ont_id(&huawei_limits, "ont_id", 127, &cause), 0);
	assert_int_equal(validate_ont_id(&huawei_limits, "ont_id", 128, &cause), -1);
	CAUSE_HAS("0-127");
	assert_int_equal(validate_ont_id(&zte_limits, "ont_id", 0, &cause), -1);
	CAUSE_HAS("1-128");
	assert_int_equal(validate_ont_id(&zte_limits, "ont_id", 128, &cause), 0);
	assert_int_equal(validate_speed("down", 1, &cause), 0);
	assert_int_equal(validate_speed("down", 10000, &cause), 0);
	assert_int_equal(validate_speed("down", 10001, &cause), -1);
	CAUSE_HAS("1-10000 Mbit/s");
	assert_int_equal(validate_speed("up", 0, &cause), -1);
	CAUSE_HAS("up");
	assert_int_equal(validate_gemport(&huawei_limits, "gemport", 0, &cause), 0);
	assert_int_equal(validate_gemport(&huawei_limits, "gemport", 4095, &cause), 0);
	assert_int_equal(validate_gemport(&huawei_limits, "gemport", 4096, &cause), -1);
	CAUSE_HAS("0-4095");
	assert_int_equal(validate_gemport(&zte_limits, "gemport", 0, &cause), -1);
	CAUSE_HAS("1-128");
	long v;
	assert_int_equal(validate_uint("index", "65535", &v, &cause), 0);
	assert_int_equal(v, 65535);
	assert_int_equal(validate_uint("index", "65536", &v, &cause), -1);
	CAUSE_HAS("index");
	assert_int_equal(validate_uint("index", "-1", &v, &cause), -1);
	CAUSE_HAS("0-65535");
	assert_int_equal(validate_uint("index", "12a", &v, &cause), -1);
	FREE_CAUSE();
}

static void
test_port(void **state)
{
	char *cause = NULL;
	int f, s, p;

	(void)state;
	assert_int_equal(validate_port(&huawei_limits, "port", "0/1/0", &f, &s, &p, &cause), 0);
	assert_int_equal(f, 0);
	assert_int_equal(s, 1);
	assert_int_equal(p, 0);
	assert_int_equal(validate_port(&huawei_limits, "port", "7/21/15", &f, &s, &p, &cause), 0);
	static const char *const hw_bad[] = { "8/0/0", "0/22/0", "0/1/16", "0/1", "0/1/0/0",
	    "0 /1/0", "a/1/0", "", "0/1/0\n", "0/-1/0" };
	for (size_t i = 0; i < sizeof hw_bad / sizeof *hw_bad; i++) {
		assert_int_equal(validate_port(&huawei_limits, "port", hw_bad[i], NULL, NULL, NULL,
		    &cause), -1);
		CAUSE_HAS("port");
	}
	assert_int_equal(validate_port(&huawei_limits, "new_port", "9/9/9", NULL, NULL, NULL,
	    &cause), -1);
	CAUSE_HAS("new_port: Huawei PON ports are frame/slot/port");
	assert_int_equal(validate_port(&zte_limits, "port", "1/2/16", &f, &s, &p, &cause), 0);
	assert_int_equal(s, 2);
	assert_int_equal(p, 16);
	static const char *const zte_bad[] = { "0/1/1", "2/1/1", "1/0/1", "1/1/0", "1/1/17",
	    "1/1", "gpon-olt_1/1/1" };
	for (size_t i = 0; i < sizeof zte_bad / sizeof *zte_bad; i++) {
		assert_int_equal(validate_port(&zte_limits, "port", zte_bad[i], NULL, NULL, NULL,
		    &cause), -1);
		CAUSE_HAS("ZTE PON ports are 1/slot/port");
	}
}

static void
test_text(void **state)
{
	char *cause = NULL;
	char huawei64[65], huawei65[66];

	(void)state;
	memset(huawei64, 'a', 64);
	huawei64[64] = '\0';
	memset(huawei65, 'a', 65);
	huawei65[65] = '\0';
	assert_int_equal(validate_desc(&huawei_limits, "desc", "Cust 42 floor 2", &cause), 0);
	assert_int_equal(validate_desc(&huawei_limits, "desc", huawei64, &cause), 0);
	assert_int_equal(validate_desc(&huawei_limits, "desc", huawei65, &cause), -1);
	CAUSE_HAS("1-64");
	huawei64[33] = '\0';
	assert_int_equal(validate_desc(&zte_limits, "desc", huawei64, &cause), -1);
	CAUSE_HAS("1-32");
	static const char *const bad[] = { "", "x\rquit", "x\nundo", "say \"hi\"", "it's",
	    "tab\there", "esc\033[2J", "what?", " lead", "trail ", "caf\xc3\xa9", "del\x7f" };
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		assert_int_equal(validate_desc(&huawei_limits, "desc", bad[i], &cause), -1);
		CAUSE_HAS("desc");
	}
	assert_int_equal(validate_name("name", "CLIENT_001", &cause), 0);
	assert_int_equal(validate_name("name", "Server Semampir", &cause), 0);
	assert_int_equal(validate_name("name", "a\r\nb", &cause), -1);
	CAUSE_HAS("control characters");
	assert_int_equal(validate_name("name", "123456789012345678901234567890123", &cause),
	    -1);
	CAUSE_HAS("1-32");
}

static void
test_profile_url_credentials(void **state)
{
	char *cause = NULL;

	(void)state;
	assert_int_equal(validate_profile("line_profile", "10", &cause), 0);
	assert_int_equal(validate_profile("line_profile", "fiber-100", &cause), 0);
	assert_int_equal(validate_profile("line_profile", "LINE_PROFILE.31", &cause), 0);
	assert_int_equal(validate_profile("line_profile", "has space", &cause), -1);
	CAUSE_HAS("line_profile: a profile is a number or a name");
	assert_int_equal(validate_profile("p", "", &cause), -1);
	FREE_CAUSE();
	assert_int_equal(validate_profile("p", "abcdefghijabcdefghijabcdefghijabc", &cause), -1);
	FREE_CAUSE();
	assert_int_equal(validate_profile("p", "a/b", &cause), -1);
	FREE_CAUSE();

	static const char *const urls[] = { "http://acs.example:7547", "https://10.0.0.1/acs",
	    "http://acs", "https://acs.example.net:443/tr069/path" };
	for (size_t i = 0; i < sizeof urls / sizeof *urls; i++)
		assert_int_equal(validate_url("acs_url", urls[i], &cause), 0);
	static const char *const bad_urls[] = { "ftp://x", "acs.example:7547", "http://",
	    "http://a b", "http://a\"b", "http://acs:0", "http://acs:99999", "http://a\r\nb",
	    "http://:80", "http://a?b=1" };
	for (size_t i = 0; i < sizeof bad_urls / sizeof *bad_urls; i++) {
		assert_int_equal(validate_url("acs_url", bad_urls[i], &cause), -1);
		CAUSE_HAS("acs_url");
	}

	assert_int_equal(validate_credential("pppoe_user", "user@isp", &cause), 0);
	assert_int_equal(validate_credential("pppoe_password", "p4ss!w0rd#", &cause), 0);
	static const char *const bad_cred[] = { "", "two words", "quo\"te", "cr\rlf",
	    "0123456789012345678901234567890123456789012345678901234567890123456789" };
	for (size_t i = 0; i < sizeof bad_cred / sizeof *bad_cred; i++) {
		assert_int_equal(validate_credential("pppoe_password", bad_cred[i], &cause), -1);
		assert_non_null(cause);
		assert_non_null(strstr(cause, "pppoe_password"));
		/* The value (a secret) is never quoted back. */
		if (*bad_cred[i] != '\0')
			assert_null(strstr(cause, bad_cred[i]));
		FREE_CAUSE();
	}
}

static void
test_typed(void **state)
{
	char *out = NULL, *cause = NULL;

	(void)state;
	assert_int_equal(validate_typed(&huawei_limits, "sn16", "sn", "HWTC6B886FA5", &out, &cause), 0);
	assert_string_equal(out, "485754436B886FA5");
	free(out);
	assert_int_equal(validate_typed(&huawei_limits, "sn", "sn", "485754436B886FA5", &out, &cause), 0);
	assert_string_equal(out, "HWTC6B886FA5");
	free(out);
	assert_int_equal(validate_typed(&huawei_limits, "vlan", "vlan", "0100", &out, &cause), 0);
	assert_string_equal(out, "100");
	free(out);
	assert_int_equal(validate_typed(&huawei_limits, "vlan", "vlan", "100\nundo", &out, &cause), -1);
	assert_null(out);
	CAUSE_HAS("vlan");
	assert_int_equal(validate_typed(&huawei_limits, "fs", "fs", "0/1", &out, &cause), 0);
	assert_string_equal(out, "0/1");
	free(out);
	assert_int_equal(validate_typed(&huawei_limits, "fs", "fs", "0/1/0", &out, &cause), -1);
	CAUSE_HAS("frame/slot");
	assert_int_equal(validate_typed(&huawei_limits, "pon", "pon", "15", &out, &cause), 0);
	free(out);
	assert_int_equal(validate_typed(&huawei_limits, "pon", "pon", "16", &out, &cause), -1);
	CAUSE_HAS("0-15");
	assert_int_equal(validate_typed(&zte_limits, "pon", "pon", "0", &out, &cause), -1);
	CAUSE_HAS("1-16");
	assert_int_equal(validate_typed(&zte_limits, "ont_id", "ont id", "0", &out, &cause), -1);
	CAUSE_HAS("ont id");
	assert_int_equal(validate_typed(&zte_limits, "secret", "pw", "x y", &out, &cause), -1);
	FREE_CAUSE();
	assert_true(validate_type_secret("secret"));
	assert_false(validate_type_secret("user"));
	assert_int_equal(validate_typed(&zte_limits, "colour", "x", "red", &out, &cause), -2);
	CAUSE_HAS("unknown placeholder type \"colour\"");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sn),
		cmocka_unit_test(test_numbers),
		cmocka_unit_test(test_port),
		cmocka_unit_test(test_text),
		cmocka_unit_test(test_profile_url_credentials),
		cmocka_unit_test(test_typed),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
