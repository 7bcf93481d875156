/*
 * ber.c — BER encoder / bounded decoder and SNMPv2c message framing for
 * oltsim's agent.  See ber.h for the contract.
 *
 * Invariant of the decoder: a struct ber_dec never describes bytes outside
 * the datagram it was made from; ber_get_tlv() only ever narrows windows, and
 * checks each length against what is left before trusting it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/lab/ber.h"

/* Compares two OIDs lexicographically, a proper prefix first. */
int
ber_oid_cmp(const struct ber_oid *a, const struct ber_oid *b)
{
	uint32_t n = a->n < b->n ? a->n : b->n;

	for (uint32_t i = 0; i < n; i++) {
		if (a->id[i] != b->id[i])
			return a->id[i] < b->id[i] ? -1 : 1;
	}
	if (a->n == b->n)
		return 0;
	return a->n < b->n ? -1 : 1;
}

/* True when prefix[0..plen) starts o. */
bool
ber_oid_has_prefix(const struct ber_oid *o, const uint32_t *prefix, uint32_t plen)
{
	if (o->n < plen)
		return false;
	for (uint32_t i = 0; i < plen; i++) {
		if (o->id[i] != prefix[i])
			return false;
	}
	return true;
}

/* Parses dotted decimal text into o. */
int
ber_oid_parse(const char *s, struct ber_oid *o)
{
	o->n = 0;
	if (*s == '.')
		s++;
	if (*s == '\0')
		return -1;
	while (*s != '\0') {
		uint64_t v = 0;
		if (*s < '0' || *s > '9' || o->n >= BER_OID_MAX)
			return -1;
		while (*s >= '0' && *s <= '9') {
			v = v * 10 + (uint64_t)(*s - '0');
			if (v > UINT32_MAX)
				return -1;
			s++;
		}
		o->id[o->n++] = (uint32_t)v;
		if (*s == '.') {
			s++;
			if (*s == '\0')
				return -1;
		} else if (*s != '\0')
			return -1;
	}
	return 0;
}

/* Formats o as "1.3.6..." into out. */
void
ber_oid_format(const struct ber_oid *o, char *out, size_t size)
{
	size_t off = 0;

	if (size == 0)
		return;
	out[0] = '\0';
	for (uint32_t i = 0; i < o->n && off < size; i++) {
		int n = snprintf(out + off, size - off, "%s%u", i ? "." : "", (unsigned)o->id[i]);
		if (n < 0)
			return;
		off += (size_t)n;
	}
}

/* ---- Encoder --------------------------------------------------------- */

void
ber_enc_init(struct ber_enc *e, uint8_t *buf, size_t cap)
{
	memset(e, 0, sizeof *e);
	e->buf = buf;
	e->cap = cap;
}

/* Appends raw bytes, or marks overflow. */
static void
enc_raw(struct ber_enc *e, const void *p, size_t n)
{
	if (e->overflow || n > e->cap - e->len) {
		e->overflow = true;
		return;
	}
	memcpy(e->buf + e->len, p, n);
	e->len += n;
}

/* Encodes a definite length into out; returns its size (1..5). */
static size_t
len_bytes(size_t len, uint8_t out[5])
{
	if (len < 0x80) {
		out[0] = (uint8_t)len;
		return 1;
	}
	size_t n = 0;
	for (size_t l = len; l != 0; l >>= 8)
		n++;
	out[0] = (uint8_t)(0x80 | n);
	for (size_t i = 0; i < n; i++)
		out[n - i] = (uint8_t)(len >> (8 * i));
	return n + 1;
}

/* Appends tag, length and contents. */
static void
enc_tlv(struct ber_enc *e, uint8_t tag, const void *p, size_t n)
{
	uint8_t l[5];
	size_t ln = len_bytes(n, l);

	if (e->overflow || 1 + ln + n > e->cap - e->len) {
		e->overflow = true;
		return;
	}
	e->buf[e->len++] = tag;
	memcpy(e->buf + e->len, l, ln);
	e->len += ln;
	if (n)
		memcpy(e->buf + e->len, p, n);
	e->len += n;
}

/* Minimal two's complement of v. */
void
ber_put_int(struct ber_enc *e, uint8_t tag, int64_t v)
{
	uint8_t b[8];
	size_t i = 0;

	for (int k = 0; k < 8; k++)
		b[k] = (uint8_t)((uint64_t)v >> (56 - 8 * k));
	while (i < 7 && ((b[i] == 0x00 && !(b[i + 1] & 0x80)) ||
	    (b[i] == 0xff && (b[i + 1] & 0x80))))
		i++;
	enc_tlv(e, tag, b + i, 8 - i);
}

/* Minimal unsigned encoding (a leading zero when the top bit is set). */
void
ber_put_uint(struct ber_enc *e, uint8_t tag, uint64_t v)
{
	uint8_t b[9];
	size_t i = 0;

	b[0] = 0;
	for (int k = 0; k < 8; k++)
		b[k + 1] = (uint8_t)(v >> (56 - 8 * k));
	while (i < 8 && b[i] == 0x00 && !(b[i + 1] & 0x80))
		i++;
	enc_tlv(e, tag, b + i, 9 - i);
}

void
ber_put_bytes(struct ber_enc *e, uint8_t tag, const void *p, size_t len)
{
	enc_tlv(e, tag, p, len);
}

void
ber_put_null(struct ber_enc *e, uint8_t tag)
{
	enc_tlv(e, tag, NULL, 0);
}

/* Appends v in base 128, high groups first. */
static size_t
subid_bytes(uint64_t v, uint8_t out[10])
{
	uint8_t tmp[10];
	size_t n = 0;

	do {
		tmp[n++] = (uint8_t)(v & 0x7f);
		v >>= 7;
	} while (v != 0);
	for (size_t i = 0; i < n; i++)
		out[i] = (uint8_t)(tmp[n - 1 - i] | (i + 1 < n ? 0x80 : 0));
	return n;
}

/* OID: the first two arcs combine as 40*a+b; an OID shorter than two arcs
   is padded with zeros (as net-snmp encodes the empty OID, "0.0"). */
void
ber_put_oid(struct ber_enc *e, const struct ber_oid *o)
{
	uint8_t b[BER_OID_MAX * 5 + 10];
	size_t n = 0;
	uint32_t a0 = o->n > 0 ? o->id[0] : 0, a1 = o->n > 1 ? o->id[1] : 0;

	n += subid_bytes((uint64_t)a0 * 40 + a1, b + n);
	for (uint32_t i = 2; i < o->n; i++)
		n += subid_bytes(o->id[i], b + n);
	enc_tlv(e, BER_OID, b, n);
}

/* Opens a constructed TLV with a one-byte length placeholder. */
void
ber_open(struct ber_enc *e, uint8_t tag)
{
	if (e->depth >= BER_ENC_DEPTH) {
		e->overflow = true;
		e->depth++;
		return;
	}
	e->open[e->depth++] = e->len;
	uint8_t hdr[2] = { tag, 0 };
	enc_raw(e, hdr, 2);
}

/* Closes the innermost open TLV, widening its length field if needed. */
void
ber_close(struct ber_enc *e)
{
	if (e->depth <= 0) {
		e->overflow = true;
		return;
	}
	e->depth--;
	if (e->overflow || e->depth >= BER_ENC_DEPTH)
		return;
	size_t start = e->open[e->depth] + 2;
	size_t clen = e->len - start;
	uint8_t l[5];
	size_t ln = len_bytes(clen, l);
	if (ln > 1) {
		if (ln - 1 > e->cap - e->len) {
			e->overflow = true;
			return;
		}
		memmove(e->buf + start + ln - 1, e->buf + start, clen);
		e->len += ln - 1;
	}
	memcpy(e->buf + start - 1, l, ln);
}

/* ---- Decoder --------------------------------------------------------- */

void
ber_dec_init(struct ber_dec *d, const void *p, size_t len)
{
	d->p = p;
	d->len = len;
	d->off = 0;
}

/* Reads one TLV; the value window is checked against the bytes left. */
int
ber_get_tlv(struct ber_dec *d, uint8_t *tag, struct ber_dec *value)
{
	size_t left = d->len - d->off;
	const uint8_t *q = d->p + d->off;
	size_t hl = 2, vlen;

	if (d->off > d->len || left < 2)
		return -1;
	if ((q[0] & 0x1f) == 0x1f)		/* multi-byte tag: never SNMP */
		return -1;
	if (q[1] < 0x80)
		vlen = q[1];
	else {
		size_t nl = q[1] & 0x7f;
		if (nl == 0 || nl > 4 || left < 2 + nl)	/* indefinite / huge */
			return -1;
		vlen = 0;
		for (size_t i = 0; i < nl; i++)
			vlen = (vlen << 8) | q[2 + i];
		hl += nl;
	}
	if (vlen > left - hl)
		return -1;
	*tag = q[0];
	ber_dec_init(value, q + hl, vlen);
	d->off += hl + vlen;
	return 0;
}

/* Signed integer of 1..8 bytes. */
int
ber_val_int(const struct ber_dec *v, int64_t *out)
{
	if (v->len < 1 || v->len > 8)
		return -1;
	uint64_t u = (v->p[0] & 0x80) ? UINT64_MAX : 0;
	for (size_t i = 0; i < v->len; i++)
		u = (u << 8) | v->p[i];
	*out = (int64_t)u;
	return 0;
}

/* Unsigned integer of 1..9 bytes (9 only with a leading zero); negative
   encodings are malformed. */
int
ber_val_uint(const struct ber_dec *v, uint64_t *out)
{
	if (v->len < 1 || v->len > 9 || (v->p[0] & 0x80) ||
	    (v->len == 9 && v->p[0] != 0))
		return -1;
	uint64_t u = 0;
	for (size_t i = 0; i < v->len; i++)
		u = (u << 8) | v->p[i];
	*out = u;
	return 0;
}

/* OID: base-128 sub-identifiers, each at most 32 bits, at most BER_OID_MAX. */
int
ber_val_oid(const struct ber_dec *v, struct ber_oid *out)
{
	uint64_t cur = 0;
	size_t glen = 0;

	out->n = 0;
	if (v->len < 1)
		return -1;
	for (size_t i = 0; i < v->len; i++) {
		uint8_t b = v->p[i];
		if (glen == 0 && b == 0x80)		/* non-minimal */
			return -1;
		cur = (cur << 7) | (b & 0x7f);
		glen++;
		if (cur > (out->n == 0 ? (uint64_t)UINT32_MAX + 80 : UINT32_MAX))
			return -1;
		if (b & 0x80)
			continue;
		if (out->n == 0) {
			uint32_t a = cur < 40 ? 0 : cur < 80 ? 1 : 2;
			out->id[0] = a;
			out->id[1] = (uint32_t)(cur - 40 * (uint64_t)a);
			out->n = 2;
		} else {
			if (out->n >= BER_OID_MAX)
				return -1;
			out->id[out->n++] = (uint32_t)cur;
		}
		cur = 0;
		glen = 0;
	}
	return glen == 0 ? 0 : -1;	/* last byte must end a sub-identifier */
}

int
ber_get_int(struct ber_dec *d, int64_t *out)
{
	uint8_t tag;
	struct ber_dec v;

	if (ber_get_tlv(d, &tag, &v) < 0 || tag != BER_INTEGER)
		return -1;
	return ber_val_int(&v, out);
}

int
ber_get_oid(struct ber_dec *d, struct ber_oid *out)
{
	uint8_t tag;
	struct ber_dec v;

	if (ber_get_tlv(d, &tag, &v) < 0 || tag != BER_OID)
		return -1;
	return ber_val_oid(&v, out);
}

/* ---- SNMP messages --------------------------------------------------- */

/* Decodes message, PDU header and the varbind OIDs; -1 on anything odd. */
int
snmp_decode_request(const uint8_t *pkt, size_t len, struct snmp_request *r)
{
	struct ber_dec top, msg, v, pdu, vbl;
	uint8_t tag;
	int64_t rid, a, b;

	r->nvb = 0;
	r->truncated = false;
	ber_dec_init(&top, pkt, len);
	if (ber_get_tlv(&top, &tag, &msg) < 0 || tag != BER_SEQUENCE || top.off != len)
		return -1;
	if (ber_get_int(&msg, &r->version) < 0)
		return -1;
	if (ber_get_tlv(&msg, &tag, &v) < 0 || tag != BER_OCTETS ||
	    v.len >= SNMP_COMMUNITY_MAX)
		return -1;
	memcpy(r->community, v.p, v.len);
	r->community[v.len] = '\0';
	r->community_len = v.len;
	if (ber_get_tlv(&msg, &r->type, &pdu) < 0 || (r->type & 0xe0) != 0xa0 ||
	    msg.off != msg.len)
		return -1;
	if (ber_get_int(&pdu, &rid) < 0 || ber_get_int(&pdu, &a) < 0 ||
	    ber_get_int(&pdu, &b) < 0)
		return -1;
	if (rid < INT32_MIN || rid > INT32_MAX || a < INT32_MIN || a > INT32_MAX ||
	    b < INT32_MIN || b > INT32_MAX)
		return -1;
	r->request_id = (int32_t)rid;
	r->non_repeaters = (int32_t)a;
	r->max_repetitions = (int32_t)b;
	if (ber_get_tlv(&pdu, &tag, &vbl) < 0 || tag != BER_SEQUENCE || pdu.off != pdu.len)
		return -1;
	while (vbl.off < vbl.len) {
		struct ber_dec vb, val;
		struct ber_oid scratch;
		if (ber_get_tlv(&vbl, &tag, &vb) < 0 || tag != BER_SEQUENCE)
			return -1;
		struct ber_oid *o = r->nvb < r->max_vb ? &r->oids[r->nvb] : &scratch;
		if (ber_get_oid(&vb, o) < 0 || ber_get_tlv(&vb, &tag, &val) < 0 ||
		    vb.off != vb.len)
			return -1;
		if (r->nvb < r->max_vb)
			r->nvb++;
		else
			r->truncated = true;
	}
	return 0;
}

/* Header of a Response, up to the open varbind list. */
void
snmp_enc_response_begin(struct ber_enc *e, const struct snmp_request *r,
    int error_status, int error_index)
{
	ber_open(e, BER_SEQUENCE);
	ber_put_int(e, BER_INTEGER, r->version);
	ber_put_bytes(e, BER_OCTETS, r->community, r->community_len);
	ber_open(e, BER_PDU_RESPONSE);
	ber_put_int(e, BER_INTEGER, r->request_id);
	ber_put_int(e, BER_INTEGER, error_status);
	ber_put_int(e, BER_INTEGER, error_index);
	ber_open(e, BER_SEQUENCE);
}

/* Closes varbind list, PDU and message. */
void
snmp_enc_response_end(struct ber_enc *e)
{
	ber_close(e);
	ber_close(e);
	ber_close(e);
}
