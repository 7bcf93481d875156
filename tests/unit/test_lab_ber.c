/* test_lab_ber.c — oltsim's BER codec: known byte vectors, round trips, and
   malformed input rejected without reading out of bounds (every decode reads
   from an exact-size heap copy, so ASan in `make check` catches over-reads). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "tests/lab/ber.h"

/* Encodes with f into a buffer and compares with want. */
#define ENC(want, ...) do { \
	uint8_t _b[1024]; struct ber_enc _e; \
	ber_enc_init(&_e, _b, sizeof _b); \
	__VA_ARGS__; \
	assert_false(_e.overflow); \
	assert_int_equal(_e.len, sizeof(want)); \
	assert_memory_equal(_b, want, sizeof(want)); \
} while (0)

static struct ber_oid
oid(const char *s)
{
	struct ber_oid o;

	assert_int_equal(ber_oid_parse(s, &o), 0);
	return o;
}

static void
test_known_vectors(void **state)
{
	(void)state;
	static const uint8_t huawei[] = { 0x06, 0x07, 0x2b, 0x06, 0x01, 0x04, 0x01, 0x8f, 0x5b };
	struct ber_oid o = oid("1.3.6.1.4.1.2011");
	ENC(huawei, ber_put_oid(&_e, &o));

	static const uint8_t m2012[] = { 0x02, 0x02, 0xf8, 0x24 };
	ENC(m2012, ber_put_int(&_e, BER_INTEGER, -2012));
	static const uint8_t zero[] = { 0x02, 0x01, 0x00 };
	ENC(zero, ber_put_int(&_e, BER_INTEGER, 0));
	static const uint8_t i128[] = { 0x02, 0x02, 0x00, 0x80 };
	ENC(i128, ber_put_int(&_e, BER_INTEGER, 128));
	static const uint8_t m128[] = { 0x02, 0x01, 0x80 };
	ENC(m128, ber_put_int(&_e, BER_INTEGER, -128));
	static const uint8_t m129[] = { 0x02, 0x02, 0xff, 0x7f };
	ENC(m129, ber_put_int(&_e, BER_INTEGER, -129));
	static const uint8_t imax[] = { 0x02, 0x04, 0x7f, 0xff, 0xff, 0xff };
	ENC(imax, ber_put_int(&_e, BER_INTEGER, 2147483647));

	/* ifIndex of GPON 0/1/0 as Gauge32 (needs a leading zero) and as a sub-id */
	static const uint8_t g[] = { 0x42, 0x05, 0x00, 0xfa, 0x00, 0x20, 0x00 };
	ENC(g, ber_put_uint(&_e, BER_GAUGE32, 4194312192u));
	static const uint8_t ifx[] = { 0x06, 0x07, 0x2b, 0x06, 0x8f, 0xd0, 0x80, 0xc0, 0x00 };
	struct ber_oid o2 = oid("1.3.6.4194312192");
	ENC(ifx, ber_put_oid(&_e, &o2));

	static const uint8_t c64[] = { 0x46, 0x09, 0x00, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
	ENC(c64, ber_put_uint(&_e, BER_COUNTER64, UINT64_MAX));
	static const uint8_t tt0[] = { 0x43, 0x01, 0x00 };
	ENC(tt0, ber_put_uint(&_e, BER_TIMETICKS, 0));
	static const uint8_t nul[] = { 0x05, 0x00 };
	ENC(nul, ber_put_null(&_e, BER_NULL));
	static const uint8_t eom[] = { 0x82, 0x00 };
	ENC(eom, ber_put_null(&_e, BER_ENDOFMIBVIEW));
	static const uint8_t ip[] = { 0x40, 0x04, 127, 0, 0, 1 };
	ENC(ip, ber_put_bytes(&_e, BER_IPADDR, "\x7f\0\0\x01", 4));
	static const uint8_t seq[] = { 0x30, 0x05, 0x02, 0x01, 0x05, 0x05, 0x00 };
	ENC(seq, ber_open(&_e, BER_SEQUENCE); ber_put_int(&_e, BER_INTEGER, 5);
	    ber_put_null(&_e, BER_NULL); ber_close(&_e));
}

/* Long contents get minimal long-form lengths, also inside SEQUENCEs. */
static void
test_long_lengths(void **state)
{
	uint8_t s[300], b[1024];
	struct ber_enc e;

	(void)state;
	memset(s, 'x', sizeof s);
	ber_enc_init(&e, b, sizeof b);
	ber_put_bytes(&e, BER_OCTETS, s, 200);
	assert_int_equal(e.len, 203);
	assert_int_equal(b[1], 0x81);
	assert_int_equal(b[2], 200);

	ber_enc_init(&e, b, sizeof b);
	ber_open(&e, BER_SEQUENCE);
	ber_put_bytes(&e, BER_OCTETS, s, 300);
	ber_close(&e);
	assert_false(e.overflow);
	/* 30 82 01 30 | 04 82 01 2c ... */
	assert_int_equal(e.len, 4 + 4 + 300);
	assert_int_equal(b[0], 0x30);
	assert_int_equal(b[1], 0x82);
	assert_int_equal(b[2], 0x01);
	assert_int_equal(b[3], 0x30);
	assert_int_equal(b[4], 0x04);
	assert_int_equal(b[5], 0x82);
	assert_int_equal(b[6], 0x01);
	assert_int_equal(b[7], 0x2c);
	assert_int_equal(b[8], 'x');

	struct ber_dec d, v;
	uint8_t tag;
	ber_dec_init(&d, b, e.len);
	assert_int_equal(ber_get_tlv(&d, &tag, &v), 0);
	assert_int_equal(v.len, 304);
	assert_int_equal(d.off, e.len);
}

static void
test_overflow(void **state)
{
	uint8_t b[8];
	struct ber_enc e;
	struct ber_oid o = oid("1.3.6.1.4.1.2011.6.128");

	(void)state;
	ber_enc_init(&e, b, sizeof b);
	ber_put_oid(&e, &o);
	assert_true(e.overflow);
	ber_enc_init(&e, b, sizeof b);
	ber_open(&e, BER_SEQUENCE);
	ber_put_int(&e, BER_INTEGER, 1);
	ber_close(&e);
	assert_false(e.overflow);
	assert_int_equal(e.len, 5);
}

/* Decodes bytes from an exact-size heap copy. */
static int
dec_int(const uint8_t *p, size_t n, int64_t *out)
{
	uint8_t *c = malloc(n ? n : 1);
	struct ber_dec d;
	int rc;

	memcpy(c, p, n);
	ber_dec_init(&d, c, n);
	rc = ber_get_int(&d, out);
	free(c);
	return rc;
}

static void
test_int_round_trip(void **state)
{
	static const int64_t vals[] = { 0, 1, -1, 127, 128, -128, -129, 255, 256, 32767, -32768,
		-2012, 2147483647, -2147483648LL, 4194312192LL, INT64_MAX, INT64_MIN };
	uint32_t r = 12345;

	(void)state;
	for (size_t i = 0; i < sizeof vals / sizeof vals[0] + 2000; i++) {
		int64_t v, got;
		uint8_t b[16];
		struct ber_enc e;
		if (i < sizeof vals / sizeof vals[0])
			v = vals[i];
		else {
			r ^= r << 13; r ^= r >> 17; r ^= r << 5;
			v = (int64_t)(((uint64_t)r << 32) | (r * 2654435761u)) >> (r % 63);
		}
		ber_enc_init(&e, b, sizeof b);
		ber_put_int(&e, BER_INTEGER, v);
		assert_int_equal(dec_int(b, e.len, &got), 0);
		assert_true(got == v);

		uint64_t u = (uint64_t)v, ug;
		struct ber_dec d, val;
		uint8_t tag;
		ber_enc_init(&e, b, sizeof b);
		ber_put_uint(&e, BER_COUNTER64, u);
		ber_dec_init(&d, b, e.len);
		assert_int_equal(ber_get_tlv(&d, &tag, &val), 0);
		assert_int_equal(tag, BER_COUNTER64);
		assert_int_equal(ber_val_uint(&val, &ug), 0);
		assert_true(ug == u);
	}
}

static void
test_oid_round_trip(void **state)
{
	static const char *const oids[] = {
		"1.3.6.1.4.1.2011.6.128.1.1.2.51.1.4.4194312192.5",
		"1.3.6.1.4.1.3902.1082.500.20.2.2.2.1.10.285278723.5.1",
		"0.0", "2.999.4294967295", "1.39", "2.0", "1.3.6.1.2.1.1.3.0",
	};
	uint8_t b[1024];
	struct ber_enc e;
	struct ber_oid o, got;
	struct ber_dec d;
	char txt[512];

	(void)state;
	for (size_t i = 0; i < sizeof oids / sizeof oids[0]; i++) {
		o = oid(oids[i]);
		ber_enc_init(&e, b, sizeof b);
		ber_put_oid(&e, &o);
		ber_dec_init(&d, b, e.len);
		assert_int_equal(ber_get_oid(&d, &got), 0);
		assert_int_equal(ber_oid_cmp(&o, &got), 0);
		ber_oid_format(&got, txt, sizeof txt);
		assert_string_equal(txt, oids[i]);
	}
	/* the longest OID */
	o.n = BER_OID_MAX;
	o.id[0] = 1;
	o.id[1] = 3;
	for (uint32_t i = 2; i < o.n; i++)
		o.id[i] = i * 33554467u;
	ber_enc_init(&e, b, sizeof b);
	ber_put_oid(&e, &o);
	ber_dec_init(&d, b, e.len);
	assert_int_equal(ber_get_oid(&d, &got), 0);
	assert_int_equal(ber_oid_cmp(&o, &got), 0);

	assert_int_equal(ber_oid_parse("1.3..6", &o), -1);
	assert_int_equal(ber_oid_parse("1.3.6.", &o), -1);
	assert_int_equal(ber_oid_parse("1.3.4294967296", &o), -1);
	assert_int_equal(ber_oid_parse("1.x", &o), -1);
	assert_true(ber_oid_cmp(&(struct ber_oid){ 2, { 1, 3 } }, &(struct ber_oid){ 3, { 1, 3, 0 } }) < 0);
}

/* snmpget -v2c -c public 127.0.0.1 1.3.6.1.2.1.1.1.0, request-id 0x1234abcd */
static const uint8_t getreq[] = {
	0x30, 0x29, 0x02, 0x01, 0x01, 0x04, 0x06, 'p', 'u', 'b', 'l', 'i', 'c',
	0xa0, 0x1c, 0x02, 0x04, 0x12, 0x34, 0xab, 0xcd, 0x02, 0x01, 0x00, 0x02, 0x01, 0x00,
	0x30, 0x0e, 0x30, 0x0c, 0x06, 0x08, 0x2b, 0x06, 0x01, 0x02, 0x01, 0x01, 0x01, 0x00,
	0x05, 0x00,
};

static int
decode_copy(const uint8_t *p, size_t n, struct snmp_request *r)
{
	uint8_t *c = malloc(n ? n : 1);
	int rc;

	memcpy(c, p, n);
	rc = snmp_decode_request(c, n, r);
	free(c);
	return rc;
}

static void
test_decode_request(void **state)
{
	struct ber_oid oids[4];
	struct snmp_request r = { .oids = oids, .max_vb = 4 };
	char txt[64];

	(void)state;
	assert_int_equal(decode_copy(getreq, sizeof getreq, &r), 0);
	assert_int_equal(r.version, 1);
	assert_string_equal(r.community, "public");
	assert_int_equal(r.type, BER_PDU_GET);
	assert_int_equal(r.request_id, 0x1234abcd);
	assert_int_equal(r.nvb, 1);
	ber_oid_format(&oids[0], txt, sizeof txt);
	assert_string_equal(txt, "1.3.6.1.2.1.1.1.0");

	/* only one slot: the second varbind is counted as truncated */
	struct snmp_request r1 = { .oids = oids, .max_vb = 0 };
	assert_int_equal(decode_copy(getreq, sizeof getreq, &r1), 0);
	assert_true(r1.truncated);
}

/* Every truncation, trailing garbage and a set of broken encodings fail. */
static void
test_malformed(void **state)
{
	struct ber_oid oids[4];
	struct snmp_request r = { .oids = oids, .max_vb = 4 };
	uint8_t b[sizeof getreq + 1];

	(void)state;
	for (size_t n = 0; n < sizeof getreq; n++)
		assert_int_equal(decode_copy(getreq, n, &r), -1);
	memcpy(b, getreq, sizeof getreq);
	b[sizeof getreq] = 0;
	assert_int_equal(decode_copy(b, sizeof b, &r), -1);

	struct { size_t at; uint8_t val; } bad[] = {
		{ 1, 0x80 },	/* indefinite length */
		{ 1, 0x85 },	/* 5-byte length */
		{ 1, 0x2a },	/* message shorter than its contents */
		{ 1, 0xff },
		{ 0, 0x31 },	/* not a SEQUENCE */
		{ 2, 0x04 },	/* version not INTEGER */
		{ 14, 0x30 },	/* PDU length too long */
		{ 32, 0x09 },	/* OID longer than varbind */
		{ 40, 0x80 },	/* OID ends inside a sub-identifier */
		{ 33, 0x80 },	/* non-minimal sub-identifier */
		{ 13, 0x1f },	/* multi-byte tag */
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		memcpy(b, getreq, sizeof getreq);
		b[bad[i].at] = bad[i].val;
		assert_int_equal(decode_copy(b, sizeof getreq, &r), -1);
	}

	/* sub-identifier over 32 bits */
	static const uint8_t big[] = { 0x06, 0x07, 0x2b, 0x90, 0x80, 0x80, 0x80, 0x80, 0x00 };
	struct ber_dec d;
	struct ber_oid o;
	ber_dec_init(&d, big, sizeof big);
	assert_int_equal(ber_get_oid(&d, &o), -1);
	/* integers of 0 or 9 bytes */
	static const uint8_t i0[] = { 0x02, 0x00 };
	static const uint8_t i9[] = { 0x02, 0x09, 1, 2, 3, 4, 5, 6, 7, 8, 9 };
	int64_t v;
	assert_int_equal(dec_int(i0, sizeof i0, &v), -1);
	assert_int_equal(dec_int(i9, sizeof i9, &v), -1);
}

/* Random mutations: never crash, never read outside the datagram (ASan). */
static void
test_fuzz(void **state)
{
	struct ber_oid oids[8];
	uint32_t r = 777;
	int accepted = 0;

	(void)state;
	for (int i = 0; i < 200000; i++) {
		uint8_t b[sizeof getreq];
		size_t n = sizeof getreq;
		struct snmp_request req = { .oids = oids, .max_vb = 8 };
		memcpy(b, getreq, n);
		for (int k = 0; k < 1 + i % 4; k++) {
			r ^= r << 13; r ^= r >> 17; r ^= r << 5;
			b[r % n] = (uint8_t)(r >> 8);
		}
		r ^= r << 13; r ^= r >> 17; r ^= r << 5;
		if (r % 4 == 0)
			n = r % n;
		if (decode_copy(b, n, &req) == 0) {
			accepted++;
			assert_true(req.nvb <= 8);
			assert_true(req.community_len < SNMP_COMMUNITY_MAX);
		}
	}
	/* mutations of values (request-id, OID arcs) keep the packet valid */
	assert_true(accepted > 0);
}

static void
test_response_framing(void **state)
{
	struct ber_oid oids[2];
	struct snmp_request r = { .oids = oids, .max_vb = 2 };
	uint8_t b[256];
	struct ber_enc e;

	(void)state;
	assert_int_equal(decode_copy(getreq, sizeof getreq, &r), 0);
	ber_enc_init(&e, b, sizeof b);
	snmp_enc_response_begin(&e, &r, BER_ERR_OK, 0);
	ber_open(&e, BER_SEQUENCE);
	ber_put_oid(&e, &oids[0]);
	ber_put_bytes(&e, BER_OCTETS, "x", 1);
	ber_close(&e);
	snmp_enc_response_end(&e);
	assert_false(e.overflow);
	/* same framing as the request, with a2 and a 1-byte string */
	assert_int_equal(e.len, sizeof getreq + 1);
	assert_int_equal(b[13], BER_PDU_RESPONSE);
	assert_memory_equal(b + 2, getreq + 2, 11);
	assert_memory_equal(b + 15, getreq + 15, 12);	/* request-id, status, index */
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_known_vectors),
		cmocka_unit_test(test_long_lengths),
		cmocka_unit_test(test_overflow),
		cmocka_unit_test(test_int_round_trip),
		cmocka_unit_test(test_oid_round_trip),
		cmocka_unit_test(test_decode_request),
		cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_fuzz),
		cmocka_unit_test(test_response_framing),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
