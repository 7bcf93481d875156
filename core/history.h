/*
 * history.h — signal history: retention, downsampling and the bucketed
 * series a sparkline draws.
 *
 * Samples live in the store's signal_samples table keyed (ONT, time).  A
 * sweep or a live poll adds raw samples; history_compact() then keeps raw
 * samples for policy.raw_s (48 h), replaces older ones by averages over
 * policy.fine_step_s (5 min) up to policy.fine_s (30 days), by averages
 * over policy.coarse_step_s (1 h) after that, and deletes what is older
 * than policy.keep_s.  An averaged sample sits at the start of its bucket;
 * compacting twice changes nothing.
 *
 * history_series() answers "the last hour / day / week / month of this ONT
 * in W columns" with one indexed range read, fast enough for every
 * keypress.  Runs on whichever thread owns the store handle.
 */
#ifndef OLTUI_HISTORY_H
#define OLTUI_HISTORY_H

#include <stddef.h>
#include <stdint.h>

#include "core/store.h"

struct history_policy {
	int64_t	 raw_s;		/* keep raw samples this long (48 h) */
	int64_t	 fine_s;	/* then fine averages up to this age (30 d) */
	int64_t	 fine_step_s;	/* fine bucket (300 s) */
	int64_t	 coarse_step_s;	/* coarse bucket (3600 s) */
	int64_t	 keep_s;	/* delete anything older (365 d) */
};

/* The defaults above. */
void history_policy_default(struct history_policy *p);

/* Downsamples and prunes as the policy says, in one transaction.  Returns
   the number of rows removed (raw rows folded into averages count), or -1
   and a cause. */
int64_t history_compact(struct store *st, int64_t now,
    const struct history_policy *p, char **cause);

/* One column of a sparkline. */
struct history_bucket {
	double	 rx_dbm;	/* average ONU Rx; NAN when no sample */
	double	 olt_rx_dbm;	/* average OLT Rx; NAN when no sample */
	double	 rx_min;	/* lowest ONU Rx; NAN when no sample */
	int	 n;		/* samples in the bucket */
};

/* Fills out[0..nb) with the samples of ont in [from, to) split into nb
   equal buckets, oldest first.  0, or -1 and a cause. */
int history_series(struct store *st, int64_t ont, int64_t from, int64_t to,
    struct history_bucket *out, size_t nb, char **cause);

/* Summary of a period: min/avg/max of ONU Rx and the newest sample. */
struct history_summary {
	double	 rx_min, rx_avg, rx_max;	/* NAN when no sample */
	double	 last_rx, last_olt_rx;		/* NAN when no sample */
	int64_t	 last_t;			/* 0 when no sample */
	size_t	 n;
};
int history_summary(struct store *st, int64_t ont, int64_t from, int64_t to,
    struct history_summary *out, char **cause);

/* Parses a duration such as "90s", "15m", "24h", "7d", "4w"; 0 or -1. */
int history_parse_duration(const char *s, int64_t *seconds);

#endif
