/*
 * snmp_agent.h — oltsim's SNMPv2c agent: one UDP socket per simulated OLT,
 * served from one thread, answering from the shared fleet state (fleet.h)
 * through the vendor MIB views of snmp_mib.c.
 *
 * Behaviour a poller sees, as on real agents:
 *   - only v2c; a wrong community, a malformed packet, another version or
 *     olt->fault.snmp_timeout get NO reply;
 *   - GET / GETNEXT / GETBULK (standard non-repeaters / max-repetitions,
 *     endOfMibView past the end); SET is refused with noAccess;
 *   - responses are capped at SNMP_AGENT_MAX_MSG bytes: GETBULK returns
 *     fewer repetitions to fit, GET / GETNEXT answer tooBig.
 *
 * Ports: an OLT whose snmp_port is 0 gets a free port from the kernel and
 * the bound port is written back into olt->snmp_port before
 * snmp_agent_start() returns (so start the agent before printing or
 * handing out ports; tests use this).
 */
#ifndef OLTSIM_SNMP_AGENT_H
#define OLTSIM_SNMP_AGENT_H

#include "tests/lab/fleet.h"

/* The largest response datagram: the IPv4 UDP payload limit.  v2c requests
   carry no maximum size; net-snmp clients receive up to 64 KiB. */
#define SNMP_AGENT_MAX_MSG 65507

/* Binds olt->snmp_port on 127.0.0.1 (UDP) for every OLT of f and serves
   SNMPv2c GET / GETNEXT / GETBULK from its own thread.  0, or -1 + cause. */
int snmp_agent_start(struct sim_fleet *f, char **cause);
/* Stops the thread and closes the sockets. */
void snmp_agent_stop(void);

/* Builds the response to one request datagram for olt (takes olt->lock).
   Returns the response length in out, or 0 when no reply must be sent.
   Exposed for the unit tests and the benchmark; the agent thread uses it. */
size_t snmp_agent_answer(struct sim_olt *olt, const uint8_t *pkt, size_t len,
    uint8_t *out, size_t cap);

#endif
