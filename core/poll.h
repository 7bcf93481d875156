/*
 * poll.h — reading the fleet without hurting it.
 *
 * A sweep reads, for every ONT of one OLT, its state, ONU Rx, OLT Rx and
 * distance with a few SNMP GETBULK walks (one request in flight, spaced to
 * the configured rate, within a request budget), then in ONE transaction
 * stores the readings, adds a signal sample per ONT, and evaluates the
 * alarms against the previous sweep.  A live read GETs the few OIDs of one
 * ONT (what the console does every few seconds while a technician looks at
 * it).  Health reads the OLT's uptime and per-board CPU and temperature.
 *
 * Every function runs on the calling thread with the caller's store handle
 * (a worker opens its own).  The OLT's SNMP community is unsealed with the
 * vault for the duration of the call and wiped after.
 */
#ifndef OLTUI_POLL_H
#define OLTUI_POLL_H

#include <stddef.h>
#include <stdint.h>

#include "core/alarms.h"
#include "core/config.h"
#include "core/model.h"
#include "core/store.h"
#include "core/vault.h"

struct poll_ctx {
	struct store		*st;
	const struct config	*cfg;	/* NULL = defaults */
	const struct vault	*vault;
};

struct poll_result {
	size_t		 onts;		/* ONTs read */
	size_t		 online;	/* of which online */
	unsigned long	 requests;	/* SNMP requests sent */
	int64_t		 ms;		/* wall time of the sweep */
	int64_t		 at;		/* epoch s when it ended */
	int		 unreachable;	/* 1 when the OLT did not answer */
	struct alarm_stats alarms;
};

/* Sweeps one OLT.  0, or -1 and a cause; res->unreachable tells a device
   that did not answer from other failures. */
int poll_sweep_olt(const struct poll_ctx *pc, const struct olt *o,
    struct poll_result *res, char **cause);

/* Reads one ONT now (a single GET), stores the reading and a sample.
   0, or -1 and a cause. */
int poll_live_ont(const struct poll_ctx *pc, const struct olt *o,
    const struct ont *ont, struct ont_reading *out, char **cause);

struct olt_health {
	char	 descr[256];
	int64_t	 uptime_s;		/* -1 when unknown */
	int	 nboards;
	struct {
		int	 frame;		/* frame (or rack) */
		int	 slot;
		char	 name[32];
		int	 cpu_pct;	/* -1 when unknown */
		double	 temp_c;	/* NAN when unknown */
	} boards[32];
	int64_t	 read_at;		/* epoch s; 0 = never read */
};

/* Reads the OLT's health over SNMP, stores it (the OLT's state row and its
   board health rows) and checks the temperature alarm.  0, or -1 and a
   cause. */
int poll_health(const struct poll_ctx *pc, const struct olt *o,
    struct olt_health *h, char **cause);
/* The last stored health of an OLT.  1 found, 0 never read, -1 error. */
int poll_health_load(struct store *st, const struct olt *o, struct olt_health *h,
    char **cause);

#endif
