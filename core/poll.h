/*
 * poll.h — reading the fleet without hurting it.
 *
 * A sweep reads, for every ONT of one OLT, its state, ONU Rx, OLT Rx and
 * distance with a few SNMP GETBULK walks (one request in flight, spaced to
 * the configured rate, within a request budget), then in ONE transaction
 * stores the readings, adds a signal sample per ONT, and evaluates the
 * alarms against the previous sweep.  A sweep that runs out of its budget
 * does the same for the ports it read whole (a partial sweep, its own
 * outcome: the OLT answered, it is not unreachable).  A live read GETs the few OIDs of one
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

/* How a sweep ended, with the word `poll --json` and the logs use.  Only
   unreachable counts towards the olt_unreachable alarm; a partial sweep
   got answers (the OLT is up) but stopped at poll.snmp_budget_per_sweep. */
#define POLL_OUTCOMES(X)						\
	X(POLL_OK,		"ok")		/* every ONT read and stored */	\
	X(POLL_PARTIAL,		"partial")	/* the request budget ran out: the	\
						   ONTs of the ports read whole are	\
						   stored, the rest keep their last	\
						   reading */				\
	X(POLL_UNREACHABLE,	"unreachable")	/* no answer: nothing stored */	\
	X(POLL_FAILED,		"failed")	/* anything else (no community,	\
						   the database): nothing stored */

#define POLL_OUTCOME_ENUM(id, name) id,
enum poll_outcome { POLL_OUTCOMES(POLL_OUTCOME_ENUM) POLL_OUTCOME_COUNT };
#undef POLL_OUTCOME_ENUM

/* "ok", "partial", "unreachable", "failed". */
const char *poll_outcome_name(enum poll_outcome k);

struct poll_result {
	enum poll_outcome outcome;
	size_t		 onts;		/* ONTs read (and stored) */
	size_t		 online;	/* of which online */
	unsigned long	 requests;	/* SNMP requests sent */
	int64_t		 ms;		/* wall time of the sweep */
	int64_t		 at;		/* epoch s when it ended */
	struct alarm_stats alarms;
};

/* Sweeps one OLT.  0 when every ONT was read (res->outcome POLL_OK); 1 when
   the request budget ran out first (POLL_PARTIAL: the ONTs of the ports
   read whole are stored, their alarms evaluated, the OLT counts as
   answering, and *cause says how far the sweep got and which key to
   raise); -1 and a cause (res->outcome POLL_UNREACHABLE for an OLT that
   did not answer, else POLL_FAILED). */
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
