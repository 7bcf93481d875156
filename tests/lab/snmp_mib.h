/*
 * snmp_mib.h — the vendor MIB views oltsim's agent serves, computed from the
 * live fleet state on every request (nothing is materialised).
 *
 * Used by snmp_agent.c (agent thread) and the unit tests.  Every function
 * taking an OLT needs olt->lock held by the caller.
 */
#ifndef OLTSIM_SNMP_MIB_H
#define OLTSIM_SNMP_MIB_H

#include "tests/lab/ber.h"
#include "tests/lab/fleet.h"

#define MIB_STR_MAX 256

/* One value: tag says which member holds it. */
struct mib_value {
	uint8_t		 tag;		/* BER_INTEGER, BER_OCTETS, BER_OID, BER_GAUGE32, ... */
	int64_t		 num;		/* integers (unsigned kinds as non-negative) */
	size_t		 len;		/* OCTET STRING / IpAddress length */
	uint8_t		 str[MIB_STR_MAX];
	struct ber_oid	 oid;		/* OBJECT IDENTIFIER values */
};

/* GET: fills *v for exactly q.  0, or BER_NOSUCHOBJECT (no such column) or
   BER_NOSUCHINSTANCE (column exists, row or value does not). */
int mib_get(struct sim_olt *olt, const struct ber_oid *q, struct mib_value *v);
/* GETNEXT: the first instance after q in the OLT's view; sets *next and *v.
   0, or BER_ENDOFMIBVIEW past the last one. */
int mib_next(struct sim_olt *olt, const struct ber_oid *q, struct ber_oid *next,
    struct mib_value *v);
/* Appends v to an encoder as a varbind value. */
void mib_put_value(struct ber_enc *e, const struct mib_value *v);
/* Checks the column tables (sorted, no column inside another).  0, or -1 +
   cause.  The agent runs it at start. */
int mib_selfcheck(char **cause);

/* Index encodings (snmp-oids.md 1.2 / 2.2), exported for tests and tools. */
uint32_t mib_hw_ifindex(int frame, int slot, int port);
uint32_t mib_zte_idx1082(int rack, int slot, int port);
uint32_t mib_zte_idx1012(int slot, int port);

#endif
