/*
 * alarms.h — deciding what deserves a technician's attention.
 *
 * After each sweep of an OLT, alarms_evaluate() compares what the ONTs were
 * (the rows stored by the previous sweep) with what they are now (the new
 * readings) and raises or clears alarms in the store.  The kinds, their
 * words, severities and "raised when" sentences are the ALARM_KINDS list
 * of model.h (docs/polling.md prints it: alarms_print_markdown()).
 *
 * Debounce: a condition must hold in the previous reading and in this one
 * (so one bad reading never pages anybody) — except a run state (LOS,
 * dying gasp, offline) on an ONT's first reading: with no previous reading
 * there is no change to doubt, and a new OLT's first sweep must show what
 * is already dark.  Clearing: a level alarm
 * clears once the reading is back past its threshold by th.hysteresis_db;
 * a state alarm clears on the first reading that shows the ONT back.  Many
 * ONTs of one port in LOS together make one pon_outage instead of a flood
 * of los.
 *
 * OLT-level: alarms_olt_reachability() (olt_unreachable, after two failed
 * sweeps in a row) and alarms_olt_temperature() (temperature_high, after
 * two hot readings).  Their counts are the OLT's state row in the store
 * (olt_state.failures, olt_state.hot_readings), so separate `oltui poll
 * --once` runs debounce too.
 *
 * Thresholds come from config.ini and may be overridden per OLT (B+ and C+
 * optics coexist): alarms_thresholds() reads both.  An override is keyed by
 * the kind whose level it sets (rx_warning, rx_critical, rx_overload,
 * olt_rx_warning, olt_rx_critical, temperature_high).  Runs on whichever
 * thread owns the store handle (a poll worker).
 */
#ifndef OLTUI_ALARMS_H
#define OLTUI_ALARMS_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "core/config.h"
#include "core/model.h"
#include "core/store.h"

struct alarm_thresholds {
	double	 rx_warning;		/* dBm */
	double	 rx_critical;
	double	 rx_overload;
	double	 olt_rx_warning;
	double	 olt_rx_critical;
	double	 hysteresis_db;		/* clear margin */
	double	 temperature_high;	/* °C */
	int	 outage_min_onts;	/* at least this many ONTs LOS together… */
	double	 outage_fraction;	/* …and at least this share of the port */
};

/* Checks a per-OLT override before anything is stored: key must be a kind
   with a level (rx_warning, rx_critical, rx_overload, olt_rx_warning,
   olt_rx_critical, temperature_high), value NAN (remove) or within -60..150.
   0 and *kind (may be NULL), or -1 and a cause naming the allowed keys. */
int alarms_override_check(const char *key, double value, enum alarm_kind *kind,
    char **cause);

/* The configuration's defaults (core/config.c), without any config.ini. */
void alarms_thresholds_default(struct alarm_thresholds *th);
/* Defaults, then config.ini (cfg may be NULL), then the OLT's overrides.
   0, or -1 and a cause. */
int alarms_thresholds(struct store *st, const struct config *cfg,
    const struct olt *o, struct alarm_thresholds *th, char **cause);
/* Stores (value not NAN) or removes (NAN) a per-OLT override of key
   (checked with alarms_override_check()).  0, or -1 and a cause naming the
   allowed keys. */
int alarms_set_override(struct store *st, const struct olt *o, const char *key,
    double value, char **cause);

struct alarm_stats {
	int	 raised;	/* new alarms */
	int	 cleared;	/* alarms cleared */
	int	 active;	/* active on this OLT afterwards */
	int	 outages;	/* PON outages active afterwards */
};

/* Evaluates one sweep of OLT o: prev[0..nprev) are the ONTs as stored
   before the sweep, cur[0..ncur) the new readings (matched by serial).
   Runs in the caller's transaction if one is open.  0, or -1 and a cause. */
int alarms_evaluate(struct store *st, const struct olt *o,
    const struct alarm_thresholds *th, const struct ont *prev, size_t nprev,
    const struct ont_reading *cur, size_t ncur, int64_t now,
    struct alarm_stats *stats, char **cause);

/* Records a sweep's reachability: raises olt_unreachable after the second
   failure in a row (cause is the reason shown), clears it on success.
   0, or -1 and a cause. */
int alarms_olt_reachability(struct store *st, const struct olt *o, int reachable,
    const char *why, int64_t now, char **cause);

/* Raises temperature_high after two readings above the threshold, clears it
   below threshold - hysteresis.  0, or -1 and a cause. */
int alarms_olt_temperature(struct store *st, const struct olt *o,
    const struct alarm_thresholds *th, double temp_c, int64_t now, char **cause);

/* Prints the alarm kinds as a Markdown table (kind, severity, raised when,
   with the config.ini key and default of a kind's level); docs/polling.md
   is made of it (`oltui alarms --kinds-markdown`). */
void alarms_print_markdown(FILE *f);

#endif
