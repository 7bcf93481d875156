/*
 * alarms.c — raising and clearing alarms from consecutive sweeps.
 *
 * The evaluation is a pure comparison of the previous stored state with the
 * new readings, so it needs no memory of its own between sweeps: the store
 * already holds the previous reading of every ONT (and, for OLT-level
 * alarms, a small counter in the meta table).  Active alarms of the OLT are
 * loaded once per sweep; only what changes is written.
 */
#include "core/alarms.h"
#include "lib/util.h"

#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const alarm_override_keys[] = {
	"rx_warning", "rx_critical", "rx_overload", "olt_rx_warning",
	"olt_rx_critical", "temperature_high", NULL,
};

static double *
threshold_field(struct alarm_thresholds *th, const char *key)
{
	if (strcmp(key, "rx_warning") == 0)
		return &th->rx_warning;
	if (strcmp(key, "rx_critical") == 0)
		return &th->rx_critical;
	if (strcmp(key, "rx_overload") == 0)
		return &th->rx_overload;
	if (strcmp(key, "olt_rx_warning") == 0)
		return &th->olt_rx_warning;
	if (strcmp(key, "olt_rx_critical") == 0)
		return &th->olt_rx_critical;
	if (strcmp(key, "temperature_high") == 0)
		return &th->temperature_high;
	return NULL;
}

/* The config.ini keys behind the thresholds (their defaults are the
   table's in core/config.c: one source for both). */
static const struct {
	const char	*config_key;
	size_t		 offset;
} config_map[] = {
	{ "thresholds.rx_warning_dbm", offsetof(struct alarm_thresholds, rx_warning) },
	{ "thresholds.rx_critical_dbm", offsetof(struct alarm_thresholds, rx_critical) },
	{ "thresholds.rx_overload_dbm", offsetof(struct alarm_thresholds, rx_overload) },
	{ "thresholds.olt_rx_warning_dbm", offsetof(struct alarm_thresholds, olt_rx_warning) },
	{ "thresholds.olt_rx_critical_dbm", offsetof(struct alarm_thresholds, olt_rx_critical) },
	{ "thresholds.temperature_high_c", offsetof(struct alarm_thresholds, temperature_high) },
	{ "thresholds.hysteresis_db", offsetof(struct alarm_thresholds, hysteresis_db) },
};

/* Fills th from cfg (NULL: the configuration defaults). */
static void
thresholds_from(const struct config *cfg, struct alarm_thresholds *th)
{
	for (size_t i = 0; i < nitems(config_map); i++)
		*(double *)((char *)th + config_map[i].offset) =
		    config_real(cfg, config_map[i].config_key);
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
	thresholds_from(cfg, th);
	if (o == NULL || st == NULL)
		return 0;
	for (size_t i = 0; alarm_override_keys[i] != NULL; i++) {
		char key[96], *v = NULL;
		int rc;

		snprintf(key, sizeof key, "olt.%lld.%s", (long long)o->id, alarm_override_keys[i]);
		if ((rc = store_meta_get(st, key, &v, cause)) < 0)
			return -1;
		if (rc == 1) {
			if (*v != '\0')
				*threshold_field(th, alarm_override_keys[i]) = strtod(v, NULL);
			free(v);
		}
	}
	return 0;
}

int
alarms_set_override(struct store *st, const struct olt *o, const char *key,
    double value, char **cause)
{
	char mkey[96], val[32];
	struct alarm_thresholds th;

	if (threshold_field(&th, key) == NULL) {
		set_cause(cause, "threshold '%s': use rx_warning, rx_critical, "
		    "rx_overload, olt_rx_warning, olt_rx_critical or temperature_high", key);
		return -1;
	}
	if (!isnan(value) && (value < -60 || value > 150)) {
		set_cause(cause, "threshold %s: %.2f is out of range (-60 to 150)", key, value);
		return -1;
	}
	snprintf(mkey, sizeof mkey, "olt.%lld.%s", (long long)o->id, key);
	snprintf(val, sizeof val, "%.2f", value);
	/* An empty value means "no override". */
	return store_meta_set(st, mkey, isnan(value) ? "" : val, cause);
}

/* What one evaluation knows about the OLT's active alarms. */
struct active {
	struct alarm	*a;
	size_t		 n;
	bool		*seen;	/* still wanted after this sweep */
};

static struct alarm *
active_find(struct active *ac, const char *sn, const char *kind, const char *port)
{
	for (size_t i = 0; i < ac->n; i++) {
		struct alarm *a = &ac->a[i];
		if (strcmp(a->sn, sn) == 0 && strcmp(a->kind, kind) == 0 &&
		    (port == NULL || strcmp(a->port, port) == 0))
			return a;
	}
	return NULL;
}

static int
raise_alarm(struct store *st, const struct olt *o, const char *sn, const char *port,
    const char *kind, enum alarm_severity sev, const char *text, int64_t now,
    struct alarm_stats *stats, char **cause)
{
	struct alarm a;
	int rc;

	memset(&a, 0, sizeof a);
	a.olt_id = o->id;
	strlcpy_(a.sn, sn, sizeof a.sn);
	strlcpy_(a.port, port ? port : "", sizeof a.port);
	strlcpy_(a.kind, kind, sizeof a.kind);
	strlcpy_(a.text, text, sizeof a.text);
	a.severity = sev;
	a.raised_at = now;
	if ((rc = store_alarm_raise(st, &a, cause)) < 0)
		return -1;
	if (rc == 1 && stats != NULL)
		stats->raised++;
	return 0;
}

static int
clear_alarm(struct store *st, const struct olt *o, struct active *ac, const char *sn,
    const char *kind, int64_t now, struct alarm_stats *stats, char **cause)
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
    double hyst, const char *kwarn, const char *kcrit, const char *what,
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
		if (raise_alarm(st, o, r->sn, r->port, kcrit, SEV_CRITICAL, text, now,
		    stats, cause) != 0 ||
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
		return raise_alarm(st, o, r->sn, r->port, kwarn, SEV_WARNING, text, now,
		    stats, cause);
	}
	if (warn_on && curv > warn + hyst)
		return clear_alarm(st, o, ac, r->sn, kwarn, now, stats, cause);
	return 0;
}

static const char *const state_kinds[] = { "los", "dying_gasp", "offline" };

/* The state alarm kind of a status, or NULL when it is not an alarm. */
static const char *
state_kind(enum ont_status s)
{
	switch (s) {
	case ONT_LOS:
		return "los";
	case ONT_DYING_GASP:
		return "dying_gasp";
	case ONT_OFFLINE:
	case ONT_AUTH_FAILED:
		return "offline";
	default:
		return NULL;
	}
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
			if (p != NULL && p->status == ONT_LOS)
				t->los_confirmed++;
		}
	}
	for (size_t i = 0; i < nports; i++) {
		struct port_tally *t = &ports[i];
		bool was = active_find(&ac, "", "pon_outage", t->port) != NULL;
		t->outage = t->los_confirmed >= th->outage_min_onts &&
		    (double)t->los_confirmed >= th->outage_fraction * (double)t->total;
		if (t->outage) {
			char text[160];
			snprintf(text, sizeof text, "PON %s down: %d of %d ONTs in LOS",
			    t->port, t->los_now, t->total);
			if (raise_alarm(st, o, "", t->port, "pon_outage", SEV_CRITICAL, text,
			    now, stats, cause) != 0)
				goto out;
			stats->outages++;
		} else if (was && t->los_now < th->outage_min_onts) {
			/* Restored (or mostly): clear the outage. */
			int c = store_alarm_clear(st, o->id, "", "pon_outage", now, cause);
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
		const char *kind = state_kind(r->status);
		struct port_tally *t = tally_for(&ports, &nports, r->port);

		/* State alarms. */
		for (size_t k = 0; k < nitems(state_kinds); k++) {
			if (kind != NULL && strcmp(kind, state_kinds[k]) == 0)
				continue;
			if (clear_alarm(st, o, &ac, r->sn, state_kinds[k], now, stats, cause) != 0)
				goto out;
		}
		if (kind != NULL && p != NULL && p->status == r->status &&
		    !(r->status == ONT_LOS && t->outage)) {
			char text[160];
			snprintf(text, sizeof text, "ONT %s %d (%s) %s", r->port, r->ont_id,
			    r->sn, r->status == ONT_LOS ? "lost signal (LOS)" :
			    r->status == ONT_OFFLINE ? "is offline" : "lost power (dying gasp)");
			if (raise_alarm(st, o, r->sn, r->port, kind,
			    r->status == ONT_LOS ? SEV_MAJOR : SEV_WARNING, text, now, stats,
			    cause) != 0)
				goto out;
		}
		if (r->status != ONT_ONLINE) {
			/* Levels of a dark ONT mean nothing: its state alarm speaks. */
			static const char *const level_kinds[] = { "rx_warning", "rx_critical",
				"rx_overload", "olt_rx_warning", "olt_rx_critical" };
			for (size_t k = 0; k < nitems(level_kinds); k++)
				if (clear_alarm(st, o, &ac, r->sn, level_kinds[k], now, stats,
				    cause) != 0)
					goto out;
			continue;
		}
		if (level_low(st, o, &ac, r, p ? p->rx_dbm : NAN, r->rx_dbm,
		    th->rx_warning, th->rx_critical, th->hysteresis_db, "rx_warning",
		    "rx_critical", "ONU Rx", now, stats, cause) != 0)
			goto out;
		if (level_low(st, o, &ac, r, p ? p->olt_rx_dbm : NAN, r->olt_rx_dbm,
		    th->olt_rx_warning, th->olt_rx_critical, th->hysteresis_db,
		    "olt_rx_warning", "olt_rx_critical", "OLT Rx", now, stats, cause) != 0)
			goto out;
		/* Overload: too much light. */
		if (!isnan(r->rx_dbm) && r->rx_dbm > th->rx_overload && p != NULL &&
		    !isnan(p->rx_dbm) && p->rx_dbm > th->rx_overload) {
			char text[160];
			snprintf(text, sizeof text, "ONU Rx %.2f dBm above %.1f dBm (overload) "
			    "on %s ONT %d", r->rx_dbm, th->rx_overload, r->port, r->ont_id);
			if (raise_alarm(st, o, r->sn, r->port, "rx_overload", SEV_MAJOR, text,
			    now, stats, cause) != 0)
				goto out;
		} else if (!isnan(r->rx_dbm) && r->rx_dbm < th->rx_overload - th->hysteresis_db) {
			if (clear_alarm(st, o, &ac, r->sn, "rx_overload", now, stats, cause) != 0)
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

/* Reads and updates an integer counter in the meta table. */
static int
meta_counter(struct store *st, const struct olt *o, const char *what, int delta,
    bool reset, int *value, char **cause)
{
	char key[96], *v = NULL, buf[24];
	int rc, n = 0;

	snprintf(key, sizeof key, "olt.%lld.%s", (long long)o->id, what);
	if ((rc = store_meta_get(st, key, &v, cause)) < 0)
		return -1;
	if (rc == 1) {
		n = atoi(v);
		free(v);
	}
	n = reset ? 0 : n + delta;
	snprintf(buf, sizeof buf, "%d", n);
	*value = n;
	return store_meta_set(st, key, buf, cause);
}

int
alarms_olt_reachability(struct store *st, const struct olt *o, int reachable,
    const char *why, int64_t now, char **cause)
{
	int fails;

	if (meta_counter(st, o, "sweep_failures", 1, reachable != 0, &fails, cause) != 0)
		return -1;
	if (reachable) {
		if (store_alarm_clear(st, o->id, "", "olt_unreachable", now, cause) < 0)
			return -1;
		return 0;
	}
	if (fails >= 2) {
		char text[257];
		snprintf(text, sizeof text, "OLT %s unreachable (%d sweeps in a row): %s",
		    o->name, fails, why ? why : "no answer");
		return raise_alarm(st, o, "", "", "olt_unreachable", SEV_CRITICAL, text,
		    now, NULL, cause);
	}
	return 0;
}

int
alarms_olt_temperature(struct store *st, const struct olt *o,
    const struct alarm_thresholds *th, double temp_c, int64_t now, char **cause)
{
	int hot;

	if (isnan(temp_c))
		return 0;
	if (meta_counter(st, o, "temperature_high", 1, temp_c <= th->temperature_high,
	    &hot, cause) != 0)
		return -1;
	if (hot >= 2) {
		char text[160];
		snprintf(text, sizeof text, "OLT %s temperature %.0f C above %.0f C",
		    o->name, temp_c, th->temperature_high);
		return raise_alarm(st, o, "", "", "temperature_high", SEV_MAJOR, text, now,
		    NULL, cause);
	}
	if (temp_c < th->temperature_high - th->hysteresis_db)
		return store_alarm_clear(st, o->id, "", "temperature_high", now, cause) < 0 ? -1 : 0;
	return 0;
}
