/*
 * alarms.c — raising and clearing alarms from consecutive sweeps.
 *
 * The evaluation is a pure comparison of the previous stored state with the
 * new readings, so it needs no memory of its own between sweeps: the store
 * already holds the previous reading of every ONT (and, for OLT-level
 * alarms, two counters in the OLT's state row).  Active alarms of the OLT
 * are loaded once per sweep; only what changes is written.  Kinds are the
 * enum of model.h; a kind's severity is its ALARM_KINDS entry.
 */
#include "core/alarms.h"
#include "lib/util.h"

#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The levels: the kind each one raises (a per-OLT override is stored under
   that kind; ALARM_UNKNOWN for hysteresis, which is not overridden per OLT),
   the config.ini key of its default (core/config.c's key table holds the
   number), its field, and its unit for the docs. */
static const struct level {
	enum alarm_kind	 kind;
	const char	*config_key;
	size_t		 offset;
	const char	*unit;
} levels[] = {
	{ ALARM_RX_WARNING, "thresholds.rx_warning_dbm",
	    offsetof(struct alarm_thresholds, rx_warning), "dBm" },
	{ ALARM_RX_CRITICAL, "thresholds.rx_critical_dbm",
	    offsetof(struct alarm_thresholds, rx_critical), "dBm" },
	{ ALARM_RX_OVERLOAD, "thresholds.rx_overload_dbm",
	    offsetof(struct alarm_thresholds, rx_overload), "dBm" },
	{ ALARM_OLT_RX_WARNING, "thresholds.olt_rx_warning_dbm",
	    offsetof(struct alarm_thresholds, olt_rx_warning), "dBm" },
	{ ALARM_OLT_RX_CRITICAL, "thresholds.olt_rx_critical_dbm",
	    offsetof(struct alarm_thresholds, olt_rx_critical), "dBm" },
	{ ALARM_TEMPERATURE_HIGH, "thresholds.temperature_high_c",
	    offsetof(struct alarm_thresholds, temperature_high), "°C" },
	{ ALARM_UNKNOWN, "thresholds.hysteresis_db",
	    offsetof(struct alarm_thresholds, hysteresis_db), "dB" },
};

/* The level that raises kind, or NULL when kind has none (or is
   ALARM_UNKNOWN). */
static const struct level *
level_of(enum alarm_kind kind)
{
	for (size_t i = 0; i < nitems(levels); i++)
		if (levels[i].kind == kind && kind != ALARM_UNKNOWN)
			return &levels[i];
	return NULL;
}

/* The field of th that lv sets. */
static double *
level_field(struct alarm_thresholds *th, const struct level *lv)
{
	return (double *)((char *)th + lv->offset);
}

/* Fills th from cfg (NULL: the configuration defaults). */
static void
thresholds_from(const struct config *cfg, struct alarm_thresholds *th)
{
	for (size_t i = 0; i < nitems(levels); i++)
		*level_field(th, &levels[i]) = config_real(cfg, levels[i].config_key);
	th->outage_min_onts = 4;
	th->outage_fraction = 0.5;
}

void
alarms_thresholds_default(struct alarm_thresholds *th)
{
	thresholds_from(NULL, th);
}

int
alarms_thresholds(struct store *st, const struct config *cfg, const struct olt *o,
    struct alarm_thresholds *th, char **cause)
{
	struct olt_threshold *ov = NULL;
	size_t n = 0;

	thresholds_from(cfg, th);
	if (o == NULL || st == NULL)
		return 0;
	if (store_olt_state_thresholds(st, o->id, &ov, &n, cause) != 0)
		return -1;
	for (size_t i = 0; i < n; i++) {
		const struct level *lv = level_of(ov[i].kind);
		if (lv != NULL)
			*level_field(th, lv) = ov[i].value;
	}
	free(ov);
	return 0;
}

int
alarms_override_check(const char *key, double value, enum alarm_kind *kind,
    char **cause)
{
	enum alarm_kind k;

	if (alarm_kind_parse(key, &k) != 0 || level_of(k) == NULL) {
		struct buf b = { 0 };
		size_t last = 0;

		for (size_t i = 0; i < nitems(levels); i++)
			if (levels[i].kind != ALARM_UNKNOWN)
				last = i;
		for (size_t i = 0; i < nitems(levels); i++) {
			if (levels[i].kind == ALARM_UNKNOWN)
				continue;
			buf_addf(&b, "%s%s", b.len == 0 ? "" : i == last ? " or " : ", ",
			    alarm_kind_name(levels[i].kind));
		}
		set_cause(cause, "threshold '%s': use %s", key, buf_str(&b));
		buf_free(&b);
		return -1;
	}
	if (!isnan(value) && (value < -60 || value > 150)) {
		set_cause(cause, "threshold %s: %.2f is out of range (-60 to 150)", key, value);
		return -1;
	}
	if (kind != NULL)
		*kind = k;
	return 0;
}

int
alarms_set_override(struct store *st, const struct olt *o, const char *key,
    double value, char **cause)
{
	enum alarm_kind k;

	if (alarms_override_check(key, value, &k, cause) != 0)
		return -1;
	return store_olt_state_threshold_set(st, o->id, k, value, cause);
}

void
alarms_print_markdown(FILE *f)
{
	struct alarm_thresholds th;

	alarms_thresholds_default(&th);
	fprintf(f, "| kind | severity | raised when |\n");
	fprintf(f, "|---|---|---|\n");
	/* ALARM_UNKNOWN (0) last: it is what a newer oltui's kind reads as. */
	for (int i = 1; i <= ALARM_KIND_COUNT; i++) {
		enum alarm_kind k = (enum alarm_kind)(i % ALARM_KIND_COUNT);
		const struct level *lv = level_of(k);

		fprintf(f, "| `%s` | %s | %s", alarm_kind_name(k),
		    alarm_severity_name(alarm_kind_severity(k)), alarm_kind_doc(k));
		if (lv != NULL)
			fprintf(f, " (`%s`, %g %s by default)", lv->config_key,
			    config_real(NULL, lv->config_key), lv->unit);
		if (k == ALARM_PON_OUTAGE)
			fprintf(f, " (at least %d ONTs and %.0f%% of the port)",
			    th.outage_min_onts, th.outage_fraction * 100);
		fprintf(f, " |\n");
	}
}

/* What one evaluation knows about the OLT's active alarms. */
struct active {
	struct alarm	*a;
	size_t		 n;
	bool		*seen;	/* still wanted after this sweep */
};

/* The active alarm of kind for sn (and port, when not NULL), or NULL. */
static struct alarm *
active_find(struct active *ac, const char *sn, enum alarm_kind kind, const char *port)
{
	for (size_t i = 0; i < ac->n; i++) {
		struct alarm *a = &ac->a[i];
		if (a->kind == kind && strcmp(a->sn, sn) == 0 &&
		    (port == NULL || strcmp(a->port, port) == 0))
			return a;
	}
	return NULL;
}

/* Raises kind (with its severity) unless it is active; counts a new one. */
static int
raise_alarm(struct store *st, const struct olt *o, const char *sn, const char *port,
    enum alarm_kind kind, const char *text, int64_t now, struct alarm_stats *stats,
    char **cause)
{
	struct alarm a;
	int rc;

	memset(&a, 0, sizeof a);
	a.olt_id = o->id;
	strlcpy_(a.sn, sn, sizeof a.sn);
	strlcpy_(a.port, port ? port : "", sizeof a.port);
	a.kind = kind;
	strlcpy_(a.text, text, sizeof a.text);
	a.severity = alarm_kind_severity(kind);
	a.raised_at = now;
	if ((rc = store_alarm_raise(st, &a, cause)) < 0)
		return -1;
	if (rc == 1 && stats != NULL)
		stats->raised++;
	return 0;
}

/* Clears kind for sn when ac (NULL: do not look) says it is active. */
static int
clear_alarm(struct store *st, const struct olt *o, struct active *ac, const char *sn,
    enum alarm_kind kind, int64_t now, struct alarm_stats *stats, char **cause)
{
	int rc;

	if (ac != NULL && active_find(ac, sn, kind, NULL) == NULL)
		return 0;
	if ((rc = store_alarm_clear(st, o->id, sn, kind, now, cause)) < 0)
		return -1;
	if (rc == 1 && stats != NULL)
		stats->cleared++;
	return 0;
}

/* The previous reading of sn, or NULL. */
static const struct ont *
find_prev(const struct ont *prev, size_t nprev, const char *sn)
{
	for (size_t i = 0; i < nprev; i++)
		if (strcmp(prev[i].sn, sn) == 0)
			return &prev[i];
	return NULL;
}

/* Per-port tallies for outage grouping. */
struct port_tally {
	char	 port[PORT_MAX_LEN + 1];
	int	 total;		/* ONTs read on the port */
	int	 los_confirmed;	/* LOS now and before */
	int	 los_now;	/* LOS now */
	bool	 outage;	/* declared this sweep */
};

/* The tally of port, added when new. */
static struct port_tally *
tally_for(struct port_tally **t, size_t *n, const char *port)
{
	for (size_t i = 0; i < *n; i++)
		if (strcmp((*t)[i].port, port) == 0)
			return &(*t)[i];
	*t = xreallocarray(*t, *n + 1, sizeof **t);
	memset(&(*t)[*n], 0, sizeof **t);
	strlcpy_((*t)[*n].port, port, sizeof (*t)[*n].port);
	return &(*t)[(*n)++];
}

/* Level alarms of one kind pair (warning / critical) on a reading that goes
   bad downwards.  prevv / curv are the previous and current readings. */
static int
level_low(struct store *st, const struct olt *o, struct active *ac,
    const struct ont_reading *r, double prevv, double curv, double warn, double crit,
    double hyst, enum alarm_kind kwarn, enum alarm_kind kcrit, const char *what,
    int64_t now, struct alarm_stats *stats, char **cause)
{
	char text[160];
	bool crit_on = active_find(ac, r->sn, kcrit, NULL) != NULL;
	bool warn_on = active_find(ac, r->sn, kwarn, NULL) != NULL;

	if (isnan(curv))
		return 0;
	if (curv < crit && !isnan(prevv) && prevv < crit) {
		snprintf(text, sizeof text, "%s %.2f dBm below %.1f dBm (critical) on %s ONT %d",
		    what, curv, crit, r->port, r->ont_id);
		if (raise_alarm(st, o, r->sn, r->port, kcrit, text, now, stats,
		    cause) != 0 ||
		    clear_alarm(st, o, ac, r->sn, kwarn, now, stats, cause) != 0)
			return -1;
		return 0;
	}
	if (crit_on && curv > crit + hyst) {
		if (clear_alarm(st, o, ac, r->sn, kcrit, now, stats, cause) != 0)
			return -1;
		crit_on = false;
	}
	if (!crit_on && curv < warn && !isnan(prevv) && prevv < warn) {
		snprintf(text, sizeof text, "%s %.2f dBm below %.1f dBm (warning) on %s ONT %d",
		    what, curv, warn, r->port, r->ont_id);
		return raise_alarm(st, o, r->sn, r->port, kwarn, text, now, stats,
		    cause);
	}
	if (warn_on && curv > warn + hyst)
		return clear_alarm(st, o, ac, r->sn, kwarn, now, stats, cause);
	return 0;
}

/* The kinds an ONT's run state raises. */
static const enum alarm_kind state_kinds[] = {
	ALARM_LOS, ALARM_DYING_GASP, ALARM_OFFLINE,
};

/* The kinds a dark ONT's levels could have raised. */
static const enum alarm_kind level_kinds[] = {
	ALARM_RX_WARNING, ALARM_RX_CRITICAL, ALARM_RX_OVERLOAD, ALARM_OLT_RX_WARNING,
	ALARM_OLT_RX_CRITICAL,
};

/* The state alarm kind of a status, or ALARM_UNKNOWN when it is none. */
static enum alarm_kind
state_kind(enum ont_status s)
{
	switch (s) {
	case ONT_LOS:
		return ALARM_LOS;
	case ONT_DYING_GASP:
		return ALARM_DYING_GASP;
	case ONT_OFFLINE:
	case ONT_AUTH_FAILED:
		return ALARM_OFFLINE;
	default:
		return ALARM_UNKNOWN;
	}
}

/* True when a run state read now is confirmed by the ONT's previous
   reading p: the same state, or no previous reading at all.  Debounce
   guards against a change seen once (an ONT rebooting between two sweeps);
   an ONT first read already dark (a new OLT's first sweep, a lab that
   starts with ONTs in LOS) has shown no change to doubt, and the state is
   the OLT's own verdict, so the technician sees it from the first sweep.
   Levels are measurements and always need two readings (level_low). */
static bool
state_confirmed(const struct ont *p, enum ont_status now)
{
	return p == NULL || p->status == now;
}

int
alarms_evaluate(struct store *st, const struct olt *o,
    const struct alarm_thresholds *th, const struct ont *prev, size_t nprev,
    const struct ont_reading *cur, size_t ncur, int64_t now,
    struct alarm_stats *stats, char **cause)
{
	struct active ac = { 0 };
	struct port_tally *ports = NULL;
	size_t nports = 0;
	struct alarm_stats local = { 0 };
	int rc = -1;

	if (stats == NULL)
		stats = &local;
	memset(stats, 0, sizeof *stats);
	if (store_alarms_active(st, o->id, &ac.a, &ac.n, cause) != 0)
		return -1;

	/* Pass 1: which ports are out (confirmed LOS of many ONTs together). */
	for (size_t i = 0; i < ncur; i++) {
		const struct ont *p = find_prev(prev, nprev, cur[i].sn);
		struct port_tally *t = tally_for(&ports, &nports, cur[i].port);

		t->total++;
		if (cur[i].status == ONT_LOS) {
			t->los_now++;
			if (state_confirmed(p, ONT_LOS))
				t->los_confirmed++;
		}
	}
	for (size_t i = 0; i < nports; i++) {
		struct port_tally *t = &ports[i];
		bool was = active_find(&ac, "", ALARM_PON_OUTAGE, t->port) != NULL;
		t->outage = t->los_confirmed >= th->outage_min_onts &&
		    (double)t->los_confirmed >= th->outage_fraction * (double)t->total;
		if (t->outage) {
			char text[160];
			snprintf(text, sizeof text, "PON %s down: %d of %d ONTs in LOS",
			    t->port, t->los_now, t->total);
			if (raise_alarm(st, o, "", t->port, ALARM_PON_OUTAGE, text, now,
			    stats, cause) != 0)
				goto out;
			stats->outages++;
		} else if (was && t->los_now < th->outage_min_onts) {
			/* Restored (or mostly): clear the outage. */
			int c = store_alarm_clear(st, o->id, "", ALARM_PON_OUTAGE, now, cause);
			if (c < 0)
				goto out;
			stats->cleared += c;
		} else if (was)
			stats->outages++;
	}

	/* Pass 2: each ONT. */
	for (size_t i = 0; i < ncur; i++) {
		const struct ont_reading *r = &cur[i];
		const struct ont *p = find_prev(prev, nprev, r->sn);
		enum alarm_kind kind = state_kind(r->status);
		struct port_tally *t = tally_for(&ports, &nports, r->port);

		/* State alarms: clear the others, raise this one when confirmed. */
		for (size_t k = 0; k < nitems(state_kinds); k++) {
			if (state_kinds[k] == kind)
				continue;
			if (clear_alarm(st, o, &ac, r->sn, state_kinds[k], now, stats, cause) != 0)
				goto out;
		}
		if (kind != ALARM_UNKNOWN && state_confirmed(p, r->status) &&
		    !(r->status == ONT_LOS && t->outage)) {
			char text[160];
			snprintf(text, sizeof text, "ONT %s %d (%s) %s", r->port, r->ont_id,
			    r->sn, r->status == ONT_LOS ? "lost signal (LOS)" :
			    r->status == ONT_OFFLINE ? "is offline" : "lost power (dying gasp)");
			if (raise_alarm(st, o, r->sn, r->port, kind, text, now, stats,
			    cause) != 0)
				goto out;
		}
		if (r->status != ONT_ONLINE) {
			/* Levels of a dark ONT mean nothing: its state alarm speaks. */
			for (size_t k = 0; k < nitems(level_kinds); k++)
				if (clear_alarm(st, o, &ac, r->sn, level_kinds[k], now, stats,
				    cause) != 0)
					goto out;
			continue;
		}
		if (level_low(st, o, &ac, r, p ? p->rx_dbm : NAN, r->rx_dbm,
		    th->rx_warning, th->rx_critical, th->hysteresis_db, ALARM_RX_WARNING,
		    ALARM_RX_CRITICAL, "ONU Rx", now, stats, cause) != 0)
			goto out;
		if (level_low(st, o, &ac, r, p ? p->olt_rx_dbm : NAN, r->olt_rx_dbm,
		    th->olt_rx_warning, th->olt_rx_critical, th->hysteresis_db,
		    ALARM_OLT_RX_WARNING, ALARM_OLT_RX_CRITICAL, "OLT Rx", now, stats,
		    cause) != 0)
			goto out;
		/* Overload: too much light. */
		if (!isnan(r->rx_dbm) && r->rx_dbm > th->rx_overload && p != NULL &&
		    !isnan(p->rx_dbm) && p->rx_dbm > th->rx_overload) {
			char text[160];
			snprintf(text, sizeof text, "ONU Rx %.2f dBm above %.1f dBm (overload) "
			    "on %s ONT %d", r->rx_dbm, th->rx_overload, r->port, r->ont_id);
			if (raise_alarm(st, o, r->sn, r->port, ALARM_RX_OVERLOAD, text, now,
			    stats, cause) != 0)
				goto out;
		} else if (!isnan(r->rx_dbm) && r->rx_dbm < th->rx_overload - th->hysteresis_db) {
			if (clear_alarm(st, o, &ac, r->sn, ALARM_RX_OVERLOAD, now, stats,
			    cause) != 0)
				goto out;
		}
	}
	{
		struct alarm *after = NULL;
		size_t n = 0;
		if (store_alarms_active(st, o->id, &after, &n, cause) != 0)
			goto out;
		stats->active = (int)n;
		free(after);
	}
	rc = 0;
out:
	free(ac.a);
	free(ports);
	return rc;
}

int
alarms_olt_reachability(struct store *st, const struct olt *o, int reachable,
    const char *why, int64_t now, char **cause)
{
	int64_t fails;

	if (store_olt_state_reach(st, o->id, reachable != 0, why, &fails, cause) != 0)
		return -1;
	if (reachable) {
		if (store_alarm_clear(st, o->id, "", ALARM_OLT_UNREACHABLE, now, cause) < 0)
			return -1;
		return 0;
	}
	if (fails >= 2) {
		char text[257];
		snprintf(text, sizeof text, "OLT %s unreachable (%lld sweeps in a row): %s",
		    o->name, (long long)fails, why ? why : "no answer");
		return raise_alarm(st, o, "", "", ALARM_OLT_UNREACHABLE, text, now, NULL,
		    cause);
	}
	return 0;
}

int
alarms_olt_temperature(struct store *st, const struct olt *o,
    const struct alarm_thresholds *th, double temp_c, int64_t now, char **cause)
{
	int64_t hot;

	if (isnan(temp_c))
		return 0;
	if (store_olt_state_hot(st, o->id, temp_c > th->temperature_high, &hot,
	    cause) != 0)
		return -1;
	if (hot >= 2) {
		char text[160];
		snprintf(text, sizeof text, "OLT %s temperature %.0f C above %.0f C",
		    o->name, temp_c, th->temperature_high);
		return raise_alarm(st, o, "", "", ALARM_TEMPERATURE_HIGH, text, now, NULL,
		    cause);
	}
	if (temp_c < th->temperature_high - th->hysteresis_db)
		return store_alarm_clear(st, o->id, "", ALARM_TEMPERATURE_HIGH, now,
		    cause) < 0 ? -1 : 0;
	return 0;
}
