/*
 * ber.h — the small BER codec of oltsim's SNMP agent (snmp_agent.c).
 *
 * Covers exactly what an SNMPv2c agent needs: INTEGER, OCTET STRING, NULL,
 * OBJECT IDENTIFIER, SEQUENCE, IpAddress, Counter32, Gauge32, TimeTicks,
 * Counter64, the v2 exceptions (noSuchObject, noSuchInstance, endOfMibView)
 * and the Get / GetNext / GetBulk / Response PDUs inside a v2c message.
 *
 * Decoding is bounded: every read is checked against the end of the datagram
 * (or of the enclosing TLV), so a malformed packet is rejected with -1 and
 * never read past.  Only definite lengths and single-byte tags are accepted
 * (SNMP never needs more); indefinite lengths, lengths over 4 bytes and
 * sub-identifiers over 32 bits are malformed.
 *
 * Encoding is forward into a caller's fixed buffer: ber_open() reserves a
 * one-byte length and ber_close() widens it (memmove) when the contents
 * turned out longer than 127 bytes, so lengths are always minimal.  When the
 * buffer is too small the encoder sets ->overflow and stops writing; the
 * caller checks it once at the end (or after each varbind) — no partial
 * message is ever valid.
 *
 * No threads, no allocation, no globals: safe from any thread.
 */
#ifndef OLTSIM_BER_H
#define OLTSIM_BER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Universal and SNMP application / context tags. */
enum {
	BER_INTEGER	= 0x02,
	BER_OCTETS	= 0x04,
	BER_NULL	= 0x05,
	BER_OID		= 0x06,
	BER_SEQUENCE	= 0x30,
	BER_IPADDR	= 0x40,
	BER_COUNTER32	= 0x41,
	BER_GAUGE32	= 0x42,
	BER_TIMETICKS	= 0x43,
	BER_OPAQUE	= 0x44,
	BER_COUNTER64	= 0x46,
	BER_NOSUCHOBJECT   = 0x80,
	BER_NOSUCHINSTANCE = 0x81,
	BER_ENDOFMIBVIEW   = 0x82,
	BER_PDU_GET	= 0xa0,
	BER_PDU_GETNEXT	= 0xa1,
	BER_PDU_RESPONSE = 0xa2,
	BER_PDU_SET	= 0xa3,
	BER_PDU_GETBULK	= 0xa5,
};

/* SNMPv2 error-status values the agent uses. */
enum { BER_ERR_OK = 0, BER_ERR_TOOBIG = 1, BER_ERR_GENERR = 5, BER_ERR_NOACCESS = 6 };

#define BER_OID_MAX 128		/* sub-identifiers per OID (RFC 2578 limit) */

struct ber_oid {
	uint32_t	n;
	uint32_t	id[BER_OID_MAX];
};

/* Compares two OIDs lexicographically (a prefix sorts first): <0, 0, >0. */
int ber_oid_cmp(const struct ber_oid *a, const struct ber_oid *b);
/* True when prefix (length plen) is a prefix of o. */
bool ber_oid_has_prefix(const struct ber_oid *o, const uint32_t *prefix, uint32_t plen);
/* Parses dotted text ("1.3.6.1" or ".1.3.6.1") into o.  0, or -1 when it is
   not an OID or has more than BER_OID_MAX parts. */
int ber_oid_parse(const char *s, struct ber_oid *o);
/* Formats o as dotted text into out (size bytes, truncated). */
void ber_oid_format(const struct ber_oid *o, char *out, size_t size);

/* ---- Encoder --------------------------------------------------------- */

#define BER_ENC_DEPTH 8

struct ber_enc {
	uint8_t	*buf;
	size_t	 cap;
	size_t	 len;
	bool	 overflow;		/* something did not fit: the output is unusable */
	int	 depth;
	size_t	 open[BER_ENC_DEPTH];	/* offset of each open constructed TLV's tag */
};

void ber_enc_init(struct ber_enc *e, uint8_t *buf, size_t cap);
/* Signed integer (INTEGER) with tag (BER_INTEGER, or another for tests). */
void ber_put_int(struct ber_enc *e, uint8_t tag, int64_t v);
/* Unsigned integer (Counter32, Gauge32, TimeTicks, Counter64). */
void ber_put_uint(struct ber_enc *e, uint8_t tag, uint64_t v);
/* String-like value (OCTET STRING, IpAddress with len 4, Opaque). */
void ber_put_bytes(struct ber_enc *e, uint8_t tag, const void *p, size_t len);
/* Empty value: NULL or one of the v2 exceptions. */
void ber_put_null(struct ber_enc *e, uint8_t tag);
void ber_put_oid(struct ber_enc *e, const struct ber_oid *o);
/* Opens a constructed TLV (SEQUENCE or a PDU); must be closed in order. */
void ber_open(struct ber_enc *e, uint8_t tag);
void ber_close(struct ber_enc *e);

/* ---- Decoder --------------------------------------------------------- */

/* A window over bytes being decoded: [p, p + len), read position off. */
struct ber_dec {
	const uint8_t	*p;
	size_t		 len;
	size_t		 off;
};

void ber_dec_init(struct ber_dec *d, const void *p, size_t len);
/* Reads the next TLV: its tag, and a window over its value.  0, or -1 when
   the bytes left do not hold a whole well-formed TLV. */
int ber_get_tlv(struct ber_dec *d, uint8_t *tag, struct ber_dec *value);
/* Decode a value window as a signed / unsigned integer (1..9 bytes, must fit
   int64 / uint64) or an OID.  0, or -1 when malformed. */
int ber_val_int(const struct ber_dec *v, int64_t *out);
int ber_val_uint(const struct ber_dec *v, uint64_t *out);
int ber_val_oid(const struct ber_dec *v, struct ber_oid *out);
/* Reads the next TLV and requires tag; then decodes it. */
int ber_get_int(struct ber_dec *d, int64_t *out);
int ber_get_oid(struct ber_dec *d, struct ber_oid *out);

/* ---- SNMPv2c messages ------------------------------------------------ */

#define SNMP_COMMUNITY_MAX 64

/* A decoded request.  oids points to caller storage of max_vb entries. */
struct snmp_request {
	int64_t		 version;	/* 1 = v2c (0 = v1) */
	char		 community[SNMP_COMMUNITY_MAX];
	size_t		 community_len;
	uint8_t		 type;		/* BER_PDU_* */
	int32_t		 request_id;
	int32_t		 non_repeaters;	/* GetBulk; error-status otherwise */
	int32_t		 max_repetitions; /* GetBulk; error-index otherwise */
	int		 nvb;
	bool		 truncated;	/* more varbinds than max_vb */
	struct ber_oid	*oids;
	int		 max_vb;
};

/* Decodes a whole datagram into r (r->oids / r->max_vb set by the caller).
   Varbind values are skipped (they are NULL in requests).  0, or -1 when the
   packet is not a well-formed SNMP message (it must then be dropped). */
int snmp_decode_request(const uint8_t *pkt, size_t len, struct snmp_request *r);

/* Writes the header of a v2c Response (message SEQUENCE, version,
   community, Response PDU, request-id, error-status, error-index) and opens
   the varbind list.  Varbinds are then added with snmp_enc_varbind_*; the
   message is finished with snmp_enc_response_end(). */
void snmp_enc_response_begin(struct ber_enc *e, const struct snmp_request *r,
    int error_status, int error_index);
void snmp_enc_response_end(struct ber_enc *e);

#endif
