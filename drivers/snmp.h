/*
 * snmp.h — an SNMP client on net-snmp's single-session API.
 *
 * One snmp_client talks to one agent (an OLT).  It is not shared between
 * threads; different clients may be used from different threads at once
 * (net-snmp's single-session API, snmp_sess_*, is the thread-safe one).
 *
 * One request is in flight at a time (calls are synchronous), requests are
 * spaced to at most rate_per_s, and a client refuses to send more than
 * max_requests in its life: an OLT serves thousands of customers and is
 * never hammered.
 *
 * Walks use GETBULK with a bounded max-repetitions (default 20: some ZTE
 * firmware hangs on other values) and stop on endOfMibView, noSuchObject,
 * noSuchInstance or when a returned OID leaves the walked subtree.  Every
 * request counts in client->requests so callers can keep a budget.
 *
 * Errors return -1 with a cause a technician can act on ("no answer from
 * 127.0.0.1:16161 within 1000 ms (2 retries): wrong community, agent down
 * or filtered").
 */
#ifndef OLTUI_SNMP_H
#define OLTUI_SNMP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define SNMP_MAX_OID 64

struct snmp_oid {
	uint32_t	 sub[SNMP_MAX_OID];
	size_t		 len;
};

enum snmp_type {
	SNMPV_INT,	/* INTEGER: v.i */
	SNMPV_UINT,	/* Counter32, Gauge32, TimeTicks: v.u */
	SNMPV_U64,	/* Counter64: v.u */
	SNMPV_OCTETS,	/* OCTET STRING: bytes, len */
	SNMPV_OID,	/* OBJECT IDENTIFIER: oid_value */
	SNMPV_IPADDR,	/* IpAddress: 4 bytes */
	SNMPV_NULL,
	SNMPV_MISSING,	/* noSuchObject / noSuchInstance / endOfMibView */
	SNMPV_OTHER,
};

struct snmp_value {
	struct snmp_oid	 oid;
	enum snmp_type	 type;
	int64_t		 i;
	uint64_t	 u;
	unsigned char	 bytes[256];	/* OCTET STRING / IpAddress, truncated to 256 */
	size_t		 len;
};

struct snmp_target {
	const char	*host;		/* "127.0.0.1" or "[::1]" */
	int		 port;		/* 161 when 0 */
	int		 version;	/* 2 (v2c, default) or 3 */
	const char	*community;	/* v2c */
	const char	*v3_user;	/* v3 security name */
	const char	*v3_auth_proto;	/* "MD5" or "SHA"; NULL = noAuthNoPriv */
	const char	*v3_auth_pass;
	const char	*v3_priv_proto;	/* "DES" or "AES"; NULL = authNoPriv */
	const char	*v3_priv_pass;
	const char	*v3_context;	/* contextName; NULL = "" */
	int		 timeout_ms;	/* per try; 1000 when 0 */
	int		 retries;	/* extra tries; 1 when < 0... 0 means none */
	int		 max_reps;	/* GETBULK max-repetitions; 20 when 0 */
	int		 rate_per_s;	/* requests per second at most; 0 = no limit */
	unsigned long	 max_requests;	/* budget for the client's life; 0 = none */
};

struct snmp_client;

/* Opens a client.  NULL and a cause on a bad target. */
struct snmp_client *snmpc_open(const struct snmp_target *t, char **cause);
void snmpc_close(struct snmp_client *c);
/* Requests sent so far (each retry counts). */
unsigned long snmpc_requests(const struct snmp_client *c);
/* True once a call failed because the client's request budget
   (max_requests) was used up: the agent answered, the caller stopped
   asking.  Tells that failure from the others without reading the cause. */
bool snmpc_budget_spent(const struct snmp_client *c);

/* GETs n OIDs in one request; out[i] gets each value (SNMPV_MISSING when
   the agent has none).  0, or -1 and a cause. */
int snmpc_get(struct snmp_client *c, const struct snmp_oid *oids, size_t n,
    struct snmp_value *out, char **cause);

/* Walks the subtree under root with GETBULK, calling cb for every value in
   order.  cb returns 0 to go on, non-zero to stop early (not an error).
   0, or -1 and a cause (a walk cut short by a timeout says how many values
   it got before). */
int snmpc_walk(struct snmp_client *c, const struct snmp_oid *root,
    int (*cb)(const struct snmp_value *v, void *arg), void *arg, char **cause);

/* Walks several columns side by side (one GETBULK carries all of them),
   calling cb(column_index, value) in each column's OID order.  Stops each
   column when it leaves its subtree.  0, or -1 and a cause. */
int snmpc_walk_columns(struct snmp_client *c, const struct snmp_oid *cols,
    size_t ncols, int (*cb)(size_t col, const struct snmp_value *v, void *arg),
    void *arg, char **cause);

/* OID helpers. */
/* Parses "1.3.6.1.2.1.1.5.0" (a leading '.' allowed).  0 or -1. */
int snmp_oid_parse(const char *s, struct snmp_oid *o);
/* Formats as dotted decimal into out (at least 12 * SNMP_MAX_OID bytes). */
void snmp_oid_format(const struct snmp_oid *o, char *out, size_t size);
/* Appends sub-identifiers. */
void snmp_oid_append(struct snmp_oid *o, const uint32_t *subs, size_t n);
/* True when o lies under prefix. */
bool snmp_oid_under(const struct snmp_oid *o, const struct snmp_oid *prefix);
/* Compares as SNMP orders OIDs. */
int snmp_oid_cmp(const struct snmp_oid *a, const struct snmp_oid *b);

/* The difference between two readings of a counter of `bits` (32 or 64)
   bits, allowing for one wrap. */
uint64_t snmp_counter_delta(uint64_t prev, uint64_t cur, int bits);

#endif
