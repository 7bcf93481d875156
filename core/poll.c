/*
 * poll.c — fleet sweeps, live reads and OLT health over SNMP.
 *
 * Sweep: unseal the community, open one SNMP client bounded by the
 * configured rate and budget, walk the ONT columns (drivers/snmp_map.c),
 * then store everything of this OLT in one transaction: the ONT rows, one
 * sample per ONT, the alarm evaluation against the rows as they were before.
 * A failed walk stores nothing of the sweep, but counts towards the OLT's
 * "unreachable" alarm (itself debounced over two sweeps).  A walk the
 * request budget (poll.snmp_budget_per_sweep) stops is not a failure of the
 * OLT: the ports it read whole are stored as above, the OLT counts as
 * answering, and the sweep's state row says it was partial.
 */
#include "core/poll.h"
#include "core/metrics.h"
#include "core/olt_state.h"
#include "drivers/driver.h"
#include "drivers/snmp_map.h"
#include "lib/util.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define POLL_OUTCOME_NAME(id, name) name,
static const char *const outcome_names[] = { POLL_OUTCOMES(POLL_OUTCOME_NAME) };
#undef POLL_OUTCOME_NAME

const char *
poll_outcome_name(enum poll_outcome k)
{
	return (unsigned)k < nitems(outcome_names) ? outcome_names[k] : "unknown";
}

/* The SNMP profile of o's driver, or NULL with a cause. */
static const struct snmp_profile *
profile_of(const struct olt *o, char **cause)
{
	const struct olt_driver *d = driver_find(o->driver);

	if (d == NULL) {
		set_cause(cause, "OLT %s has driver \"%s\", which this oltui does not have "
		    "(it has %s)", o->name, o->driver, driver_names());
		return NULL;
	}
	if (d->snmp == NULL) {
		set_cause(cause, "OLT %s: the %s driver has no SNMP profile", o->name, d->name);
		return NULL;
	}
	return d->snmp;
}

/* Opens an SNMP client for o; the community is unsealed only for the call. */
static struct snmp_client *
open_client(const struct poll_ctx *pc, const struct olt *o, unsigned long budget,
    char **cause)
{
	struct snmp_target t;
	struct snmp_client *c;
	char *community;

	if (o->community_sealed[0] == '\0') {
		set_cause(cause, "OLT %s has no SNMP community: set one with "
		    "oltui olt edit %s --snmp-community-file F", o->name, o->name);
		return NULL;
	}
	if (pc->vault == NULL) {
		set_cause(cause, "the vault is not open: cannot read the SNMP community "
		    "of %s", o->name);
		return NULL;
	}
	if ((community = vault_unseal(pc->vault, o->community_sealed, cause)) == NULL)
		return NULL;
	memset(&t, 0, sizeof t);
	t.host = o->host;
	t.port = o->snmp_port;
	t.community = community;
	t.timeout_ms = (int)config_int(pc->cfg, "poll.snmp_timeout_ms");
	t.retries = (int)config_int(pc->cfg, "poll.snmp_retries");
	t.max_reps = (int)config_int(pc->cfg, "poll.snmp_max_repetitions");
	t.rate_per_s = (int)config_int(pc->cfg, "poll.snmp_requests_per_s");
	t.max_requests = budget;
	c = snmpc_open(&t, cause);
	vault_secret_free(community);
	return c;
}

/* Every ONT stored for an OLT (all ports). */
static int
load_onts(struct store *st, int64_t olt_id, struct ont **out, size_t *n, char **cause)
{
	struct pon_port *ports = NULL;
	size_t np = 0, cap = 0;

	*out = NULL;
	*n = 0;
	if (store_ports_list(st, olt_id, &ports, &np, cause) != 0)
		return -1;
	for (size_t i = 0; i < np; i++) {
		struct ont *o = NULL;
		size_t k = 0;

		if (store_onts_on_port(st, olt_id, ports[i].port, &o, &k, cause) != 0) {
			free(ports);
			free(*out);
			*out = NULL;
			return -1;
		}
		if (*n + k > cap) {
			cap = (*n + k) * 2;
			*out = xreallocarray(*out, cap, sizeof **out);
		}
		memcpy(*out + *n, o, k * sizeof *o);
		*n += k;
		free(o);
	}
	free(ports);
	return 0;
}

static const struct ont *
find_by_sn(const struct ont *v, size_t n, const char *sn)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(v[i].sn, sn) == 0)
			return &v[i];
	return NULL;
}

int
poll_sweep_olt(const struct poll_ctx *pc, const struct olt *o,
    struct poll_result *res, char **cause)
{
	struct snmp_client *c;
	struct snmp_ont_row *rows = NULL;
	struct ont_reading *cur = NULL;
	struct ont *prev = NULL, *after = NULL;
	struct signal_sample *samples = NULL;
	struct alarm_thresholds th;
	const struct snmp_profile *prof;
	size_t nrows = 0, nprev = 0, nafter = 0, ncur = 0, ns = 0;
	int64_t start = mono_ms(), now;
	long budget = config_int(pc->cfg, "poll.snmp_budget_per_sweep");
	char *why = NULL;
	int rc = -1, walked;

	memset(res, 0, sizeof *res);
	res->outcome = POLL_FAILED;
	if ((prof = profile_of(o, cause)) == NULL)
		return -1;
	if ((c = open_client(pc, o, (unsigned long)budget, cause)) == NULL)
		return -1;
	if ((walked = snmpmap_sweep(c, prof, SNMPMAP_IDENTITY, &rows, &nrows, &why)) < 0) {
		res->requests = snmpc_requests(c);
		snmpc_close(c);
		res->outcome = POLL_UNREACHABLE;
		if (why == NULL)
			why = xstrdup("no answer");
		alarms_olt_reachability(pc->st, o, 0, why, now_s(), NULL);
		res->ms = mono_ms() - start;
		res->at = now_s();
		metrics_note_sweep(pc->st, o, res, 0, NULL);
		set_cause(cause, "sweep of %s failed: %s", o->name, why);
		free(why);
		return -1;
	}
	free(why);
	res->requests = snmpc_requests(c);
	snmpc_close(c);
	now = now_s();

	if (alarms_thresholds(pc->st, pc->cfg, o, &th, cause) != 0 ||
	    load_onts(pc->st, o->id, &prev, &nprev, cause) != 0)
		goto out;
	cur = xcalloc(nrows ? nrows : 1, sizeof *cur);
	for (size_t i = 0; i < nrows; i++) {
		const struct snmp_ont_row *r = &rows[i];
		struct ont_reading *x = &cur[ncur];
		const struct ont *p;

		if (r->sn[0] == '\0')
			continue;	/* a row the agent gave no serial for */
		snprintf(x->port, sizeof x->port, "%d/%d/%d", r->frame, r->slot, r->port);
		x->ont_id = r->ont_id;
		strlcpy_(x->sn, r->sn, sizeof x->sn);
		x->status = r->status;
		x->rx_dbm = r->rx_dbm;
		x->olt_rx_dbm = r->olt_rx_dbm;
		x->distance_m = r->distance_m;
		x->read_at = now;
		/* SNMP does not say the admin state: keep what the CLI said. */
		p = find_by_sn(prev, nprev, x->sn);
		x->admin = p != NULL ? p->admin : ADMIN_UNKNOWN;
		if (x->admin == ADMIN_UNKNOWN && x->status == ONT_ONLINE)
			x->admin = ADMIN_ENABLED;
		if (x->status == ONT_ONLINE)
			res->online++;
		ncur++;
	}
	res->onts = ncur;

	if (store_begin(pc->st, cause) != 0)
		goto out;
	if (store_onts_upsert(pc->st, o->id, cur, ncur, cause) != 0 ||
	    load_onts(pc->st, o->id, &after, &nafter, cause) != 0)
		goto rollback;
	samples = xcalloc(ncur ? ncur : 1, sizeof *samples);
	for (size_t i = 0; i < ncur; i++) {
		const struct ont *a = find_by_sn(after, nafter, cur[i].sn);
		if (a == NULL || (isnan(cur[i].rx_dbm) && isnan(cur[i].olt_rx_dbm)))
			continue;
		samples[ns].ont = a->id;
		samples[ns].t = now;
		samples[ns].rx_dbm = cur[i].rx_dbm;
		samples[ns].olt_rx_dbm = cur[i].olt_rx_dbm;
		ns++;
	}
	if (store_samples_insert(pc->st, samples, ns, cause) != 0 ||
	    alarms_evaluate(pc->st, o, &th, prev, nprev, cur, ncur, now, &res->alarms,
	    cause) != 0 ||
	    alarms_olt_reachability(pc->st, o, 1, NULL, now, cause) != 0)
		goto rollback;
	if (store_commit(pc->st, cause) != 0)
		goto rollback;
	res->ms = mono_ms() - start;
	res->at = now;
	res->outcome = walked == SNMPMAP_PARTIAL ? POLL_PARTIAL : POLL_OK;
	metrics_note_sweep(pc->st, o, res, 1, NULL);
	rc = 0;
	if (res->outcome == POLL_PARTIAL) {
		set_cause(cause, "the SNMP request budget of a sweep of %s "
		    "(poll.snmp_budget_per_sweep = %ld) ran out after %lu requests: the "
		    "%zu ONTs of the ports read whole are stored, the others keep their "
		    "last reading; raise poll.snmp_budget_per_sweep (or "
		    "poll.snmp_max_repetitions)", o->name, budget, res->requests, res->onts);
		rc = 1;
	}
	goto out;
rollback:
	store_rollback(pc->st);
out:
	free(rows);
	free(cur);
	free(prev);
	free(after);
	free(samples);
	return rc;
}

int
poll_live_ont(const struct poll_ctx *pc, const struct olt *o, const struct ont *ont,
    struct ont_reading *out, char **cause)
{
	struct snmp_client *c;
	struct snmp_ont_row row;
	struct signal_sample s;
	const struct snmp_profile *prof;
	int frame, slot, port, rc;

	if (sscanf(ont->port, "%d/%d/%d", &frame, &slot, &port) != 3) {
		set_cause(cause, "ONT %s has no valid port (%s)", ont->sn, ont->port);
		return -1;
	}
	if ((prof = profile_of(o, cause)) == NULL ||
	    (c = open_client(pc, o, 4, cause)) == NULL)
		return -1;
	memset(&row, 0, sizeof row);
	row.frame = frame;
	row.slot = slot;
	row.port = port;
	row.ont_id = ont->ont_id;
	rc = snmpmap_live(c, prof, &row, cause);
	snmpc_close(c);
	if (rc != 0)
		return -1;
	memset(out, 0, sizeof *out);
	strlcpy_(out->port, ont->port, sizeof out->port);
	out->ont_id = ont->ont_id;
	strlcpy_(out->sn, ont->sn, sizeof out->sn);
	out->admin = ont->admin;
	out->status = row.status;
	out->rx_dbm = row.rx_dbm;
	out->olt_rx_dbm = row.olt_rx_dbm;
	out->distance_m = row.distance_m;
	out->read_at = now_s();
	if (store_begin(pc->st, cause) != 0)
		return -1;
	s.ont = ont->id;
	s.t = out->read_at;
	s.rx_dbm = out->rx_dbm;
	s.olt_rx_dbm = out->olt_rx_dbm;
	if (store_onts_upsert(pc->st, o->id, out, 1, cause) != 0 ||
	    store_samples_insert(pc->st, &s, 1, cause) != 0 ||
	    store_commit(pc->st, cause) != 0) {
		store_rollback(pc->st);
		return -1;
	}
	return 0;
}

/* Stores a health read: the summary in the OLT's state row, one row per
   board. */
static int
health_save(struct store *st, const struct olt *o, const struct olt_health *h,
    char **cause)
{
	struct olt_state s;
	struct board_health rows[nitems(h->boards)];

	olt_state_init(&s, o->id);
	strlcpy_(s.descr, h->descr, sizeof s.descr);
	s.uptime_s = h->uptime_s;
	s.health_at = h->read_at;
	for (int i = 0; i < h->nboards; i++) {
		memset(&rows[i], 0, sizeof rows[i]);
		rows[i].olt_id = o->id;
		rows[i].frame = h->boards[i].frame;
		rows[i].slot = h->boards[i].slot;
		strlcpy_(rows[i].name, h->boards[i].name, sizeof rows[i].name);
		rows[i].cpu_pct = h->boards[i].cpu_pct;
		rows[i].temp_c = h->boards[i].temp_c;
	}
	return store_olt_state_health(st, o->id, &s, rows, (size_t)h->nboards, cause);
}

int
poll_health_load(struct store *st, const struct olt *o, struct olt_health *h,
    char **cause)
{
	struct olt_state s;
	struct board_health *b = NULL;
	size_t nb = 0;

	memset(h, 0, sizeof *h);
	h->uptime_s = -1;
	if (store_olt_state_get(st, o->id, &s, cause) < 0)
		return -1;
	if (s.health_at == 0)
		return 0;
	strlcpy_(h->descr, s.descr, sizeof h->descr);
	h->uptime_s = s.uptime_s;
	h->read_at = s.health_at;
	if (store_olt_state_boards(st, o->id, &b, &nb, cause) != 0)
		return -1;
	for (size_t i = 0; i < nb && i < nitems(h->boards); i++) {
		h->boards[i].frame = b[i].frame;
		h->boards[i].slot = b[i].slot;
		strlcpy_(h->boards[i].name, b[i].name, sizeof h->boards[i].name);
		h->boards[i].cpu_pct = b[i].cpu_pct;
		h->boards[i].temp_c = b[i].temp_c;
		h->nboards++;
	}
	free(b);
	return 1;
}

int
poll_health(const struct poll_ctx *pc, const struct olt *o, struct olt_health *h,
    char **cause)
{
	const struct snmp_profile *prof;
	struct snmp_client *c;
	struct snmp_health sh;
	struct alarm_thresholds th;
	double hottest = NAN;
	int rc;

	if ((prof = profile_of(o, cause)) == NULL ||
	    (c = open_client(pc, o, 200, cause)) == NULL)
		return -1;
	rc = snmpmap_health(c, prof, &sh, cause);
	snmpc_close(c);
	if (rc != 0)
		return -1;
	memset(h, 0, sizeof *h);
	strlcpy_(h->descr, sh.descr, sizeof h->descr);
	h->uptime_s = sh.uptime_s;
	h->read_at = now_s();
	for (int i = 0; i < sh.nboards && i < (int)nitems(h->boards); i++) {
		h->boards[i].frame = sh.boards[i].frame;
		h->boards[i].slot = sh.boards[i].slot;
		strlcpy_(h->boards[i].name, sh.boards[i].name, sizeof h->boards[i].name);
		h->boards[i].cpu_pct = sh.boards[i].cpu_pct;
		h->boards[i].temp_c = sh.boards[i].temp_c;
		if (!isnan(sh.boards[i].temp_c) && (isnan(hottest) || sh.boards[i].temp_c > hottest))
			hottest = sh.boards[i].temp_c;
		h->nboards++;
	}
	if (health_save(pc->st, o, h, cause) != 0 ||
	    alarms_thresholds(pc->st, pc->cfg, o, &th, cause) != 0 ||
	    alarms_olt_temperature(pc->st, o, &th, hottest, h->read_at, cause) != 0)
		return -1;
	return 0;
}
