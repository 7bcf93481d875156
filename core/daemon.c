/*
 * daemon.c — the poll daemon: scheduler entries per OLT, a worker pool, and
 * the main thread that logs, exports metrics and reconciles the OLT list.
 *
 * Threads: the caller's thread runs daemon_run()'s loop and owns one store
 * connection (OLT list, metrics); the scheduler thread only builds job specs;
 * worker threads run sweeps, each opening its own store connection.  Log
 * lines are written by the main thread only, from pool events.
 */
#include "core/daemon.h"
#include "core/acs_apply.h"
#include "core/acs_sched.h"
#include "core/engine.h"
#include "core/ops.h"

#include <stdarg.h>
#include "core/history.h"
#include "core/metrics.h"
#include "core/poll.h"
#include "core/pool.h"
#include "core/sched.h"
#include "core/store.h"
#include "lib/util.h"

#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

enum { KIND_COMPACT = 2 };

/* Shared by every entry; read-only while the daemon runs. */
struct dctx {
	const struct daemon_opts	*opts;
};

/* One scheduler entry: an OLT. */
struct entry {
	struct dctx	*d;
	int64_t		 olt_id;
	char		 name[NAME_MAX_LEN + 1];
	uint64_t	 sched_id;
	unsigned	 fired;		/* scheduler thread only */
	bool		 seen;		/* reconcile mark, main thread only */
};

/* What the compaction job needs; owned by the pool once submitted. */
struct jobarg {
	struct dctx	*d;
};

static void
logf_(FILE *f, const char *fmt, ...) PRINTFLIKE(2, 3);

static void
logf_(FILE *f, const char *fmt, ...)
{
	va_list ap;
	char when[32];

	if (f == NULL)
		return;
	iso8601(now_s(), when);
	fprintf(f, "%s ", when);
	va_start(ap, fmt);
	vfprintf(f, fmt, ap);
	va_end(ap);
	fputc('\n', f);
	fflush(f);
}

static int
compact_run(struct pool_job *job, void *arg, char **msg)
{
	struct jobarg *a = arg;
	struct store *st;
	struct history_policy p;
	char *cause = NULL;
	int64_t n;

	(void)job;
	if ((st = engine_store(a->d->opts->eng, &cause)) == NULL) {
		set_cause(msg, "history: %s", cause);
		free(cause);
		return -1;
	}
	history_policy_default(&p);
	p.raw_s = config_int(engine_config(a->d->opts->eng), "history.raw_hours") * 3600;
	p.fine_s = config_int(engine_config(a->d->opts->eng), "history.fine_days") * 86400;
	p.keep_s = config_int(engine_config(a->d->opts->eng), "history.keep_days") * 86400;
	if (p.fine_s < p.raw_s)
		p.fine_s = p.raw_s;
	if (p.keep_s < p.fine_s)
		p.keep_s = p.fine_s;
	n = history_compact(st, now_s(), &p, &cause);
	if (n < 0) {
		set_cause(msg, "history compaction failed: %s", cause);
		free(cause);
		return -1;
	}
	set_cause(msg, "history compacted: %lld samples folded or pruned", (long long)n);
	return 0;
}

static int
sweep_factory(void *ctx, struct job_spec *spec)
{
	struct entry *e = ctx;

	/* Health every sixth sweep. */
	ops_sweep_job(e->d->opts->eng, e->name, e->olt_id, (e->fired++ % 6) == 0,
	    JOB_PRIO_LOW, NULL, spec);
	return 0;
}

static int
compact_factory(void *ctx, struct job_spec *spec)
{
	struct jobarg *a = xcalloc(1, sizeof *a);

	a->d = ctx;
	memset(spec, 0, sizeof *spec);
	spec->kind = KIND_COMPACT;
	spec->priority = JOB_PRIO_LOW;
	spec->run = compact_run;
	spec->free = free;
	spec->arg = a;
	return 0;
}

struct drain {
	FILE	*log;
	int	 sweeps;
};

static void
on_event(const struct pool_event *ev, void *ctx)
{
	struct drain *dr = ctx;

	if (ev->kind == OPJ_SWEEP)
		dr->sweeps++;
	logf_(dr->log, "%s%s", ev->status == POOL_JOB_DONE ? "" :
	    ev->status == POOL_JOB_CANCELLED ? "cancelled: " : "error: ",
	    ev->msg ? ev->msg : "(no message)");
}

static bool
has_tag(const char *tags, const char *tag)
{
	size_t n = strlen(tag);
	const char *p = tags;

	while ((p = strstr(p, tag)) != NULL) {
		if ((p == tags || p[-1] == ',') && (p[n] == '\0' || p[n] == ','))
			return true;
		p += n;
	}
	return false;
}

/* Adds entries for new OLTs and removes those of deleted ones. */
static void
reconcile(struct store *st, struct sched *s, struct dctx *d, struct entry ***ents,
    size_t *nents, int64_t interval_ms, double jitter)
{
	struct olt *olts = NULL;
	size_t n = 0;
	char *cause = NULL;

	if (store_olt_list(st, &olts, &n, &cause) != 0) {
		logf_(d->opts->log, "error: cannot list OLTs: %s", cause);
		free(cause);
		return;
	}
	for (size_t i = 0; i < *nents; i++)
		(*ents)[i]->seen = false;
	for (size_t i = 0; i < n; i++) {
		struct entry *e = NULL;

		if (d->opts->only_tag != NULL && !has_tag(olts[i].tags, d->opts->only_tag))
			continue;
		for (size_t k = 0; k < *nents; k++)
			if ((*ents)[k]->olt_id == olts[i].id)
				e = (*ents)[k];
		if (e != NULL) {
			e->seen = true;
			continue;
		}
		e = xcalloc(1, sizeof *e);
		e->d = d;
		e->olt_id = olts[i].id;
		e->seen = true;
		strlcpy_(e->name, olts[i].name, sizeof e->name);
		e->sched_id = sched_add(s, interval_ms, jitter, sweep_factory, e, free);
		*ents = xreallocarray(*ents, *nents + 1, sizeof **ents);
		(*ents)[(*nents)++] = e;
		logf_(d->opts->log, "polling %s every %lld s (jitter %.0f%%)", e->name,
		    (long long)(interval_ms / 1000), jitter * 100);
	}
	for (size_t i = 0; i < *nents;) {
		if (!(*ents)[i]->seen) {
			logf_(d->opts->log, "OLT %s removed: no longer polled", (*ents)[i]->name);
			sched_remove(s, (*ents)[i]->sched_id);	/* frees the entry */
			(*ents)[i] = (*ents)[--*nents];
		} else
			i++;
	}
	free(olts);
}

static void
export_metrics(struct store *st, const struct daemon_opts *o)
{
	struct buf b = { 0 };
	char *cause = NULL;

	if (o->textfile == NULL && o->push_url == NULL)
		return;
	if (metrics_render(st, &b, &cause) != 0) {
		logf_(o->log, "error: metrics: %s", cause);
		free(cause);
		return;
	}
	if (o->textfile != NULL && metrics_write_textfile(o->textfile, buf_str(&b), &cause) != 0) {
		logf_(o->log, "error: %s", cause);
		free(cause);
		cause = NULL;
	}
	if (o->push_url != NULL && metrics_push(o->push_url, o->push_auth, o->push_ca_file, buf_str(&b), 10000, &cause) != 0) {
		logf_(o->log, "error: %s", cause);
		free(cause);
	}
	buf_free(&b);
}

int
daemon_run(const struct daemon_opts *opts, char **cause)
{
	struct dctx d = { opts };
	const struct config *cfg = engine_config(opts->eng);
	struct store *st;
	struct pool *pool = engine_pool(opts->eng);
	struct sched *s;
	struct entry **ents = NULL;
	struct acs_apply acs_ops;
	struct acs_sched *acs;
	size_t nents = 0;
	int64_t interval_ms, last_reconcile;
	double jitter;

	if ((st = engine_store(opts->eng, cause)) == NULL)
		return -1;
	if (pool == NULL) {
		set_cause(cause, "the daemon needs the engine's workers");
		return -1;
	}
	if ((s = engine_sched(opts->eng, cause)) == NULL)
		return -1;
	interval_ms = (opts->interval_s > 0 ? opts->interval_s :
	    config_int(cfg, "poll.sweep_interval_s")) * 1000;
	jitter = (double)config_int(cfg, "poll.jitter_pct") / 100.0;
	logf_(opts->log, "poll daemon started (pid %d, %ld workers)", (int)getpid(),
	    config_int(cfg, "jobs.workers"));
	reconcile(st, s, &d, &ents, &nents, interval_ms, jitter);
	sched_add(s, 3600 * 1000, 0.1, compact_factory, &d, NULL);
	last_reconcile = mono_ms();
	acs_apply_init(&acs_ops, opts->eng, NULL);
	acs = acs_sched_start(opts->eng, &acs_ops.ops, opts->log);	/* firmware schedules */

	while (!*opts->stop) {
		struct pollfd pfd = { pool_wake_fd(pool), POLLIN, 0 };
		struct drain dr = { opts->log, 0 };

		if (poll(&pfd, 1, 500) < 0 && errno != EINTR)
			break;
		pool_events_drain(pool, on_event, &dr);
		if (dr.sweeps > 0)
			export_metrics(st, opts);
		acs_sched_tick(acs);
		if (mono_ms() - last_reconcile > 60000) {
			reconcile(st, s, &d, &ents, &nents, interval_ms, jitter);
			last_reconcile = mono_ms();
		}
	}
	logf_(opts->log, "stopping: waiting for running sweeps");
	sched_stop(s);
	pool_stop(pool, POOL_STOP_DROP);
	{
		struct drain dr = { opts->log, 0 };
		pool_events_drain(pool, on_event, &dr);
		if (dr.sweeps > 0)
			export_metrics(st, opts);
	}
	acs_sched_free(acs);	/* what still ran is paused */
	free(ents);		/* the entries themselves go with the scheduler */
	logf_(opts->log, "poll daemon stopped");
	return 0;
}
