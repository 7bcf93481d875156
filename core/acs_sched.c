/*
 * acs_sched.c — the poll daemon's firmware schedules (acs_sched.h).
 *
 * Once a second the due firmware jobs are read (planned, paused or running
 * with a window that has started); each one this daemon does not run yet
 * is claimed through acs_run_open(), which refuses a job another live
 * process runs.  Every tick pumps the runs it holds; a run that ends is
 * logged with its counts and closed.  A job that could not be opened, or
 * ended paused, is not tried again for a minute (the ACS being down must
 * not become a log line a second).  Daemon thread only.
 */
#include "core/acs_sched.h"
#include "core/acs_run.h"
#include "core/engine.h"
#include "lib/util.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define SCAN_MS		1000
#define RETRY_MS	60000

/* A job this daemon runs, or waits to try again. */
struct sched_job {
	int64_t		 id;
	struct acs_run	*run;		/* NULL: waiting until not_before */
	int64_t		 not_before;	/* mono ms */
};

struct acs_sched {
	struct engine			*e;
	const struct acs_run_ops	*ops;
	FILE				*log;
	struct sched_job		*jobs;
	size_t				 n;
	int64_t				 scanned;
};

/* A log line with the time, as the daemon writes them. */
static void
sched_log(const struct acs_sched *s, const char *fmt, ...) PRINTFLIKE(2, 3);

static void
sched_log(const struct acs_sched *s, const char *fmt, ...)
{
	va_list ap;
	char when[32];

	if (s->log == NULL)
		return;
	iso8601(now_s(), when);
	fprintf(s->log, "%s ", when);
	va_start(ap, fmt);
	vfprintf(s->log, fmt, ap);
	va_end(ap);
	fputc('\n', s->log);
	fflush(s->log);
}

struct acs_sched *
acs_sched_start(struct engine *e, const struct acs_run_ops *ops, FILE *log)
{
	struct acs_sched *s = xcalloc(1, sizeof *s);

	s->e = e;
	s->ops = ops;
	s->log = log;
	s->scanned = mono_ms() - SCAN_MS;
	return s;
}

size_t
acs_sched_running(const struct acs_sched *s)
{
	size_t k = 0;

	for (size_t i = 0; i < s->n; i++)
		k += s->jobs[i].run != NULL;
	return k;
}

/* The entry of job id, or NULL. */
static struct sched_job *
find(struct acs_sched *s, int64_t id)
{
	for (size_t i = 0; i < s->n; i++)
		if (s->jobs[i].id == id)
			return &s->jobs[i];
	return NULL;
}

/* "998 done, 2 queued, 1 failed" */
static void
counts_text(const struct acs_counts *c, char *out, size_t size)
{
	size_t len = 0;

	out[0] = '\0';
	for (int st = 0; st < ACS_ITEM_STATE_COUNT && len < size; st++)
		if (c->n[st] > 0)
			len += (size_t)snprintf(out + len, size - len, "%s%zu %s",
			    len > 0 ? ", " : "", c->n[st],
			    st == AI_PENDING ? "not attempted" :
			    acs_item_state_name((enum acs_item_state)st));
	if (out[0] == '\0')
		snprintf(out, size, "no device");
}

/* Ends a job that never started and whose window has closed. */
static void
expire(struct acs_sched *s, const struct acs_job *j)
{
	struct store *st = engine_store(s->e, NULL);
	char when[32], *cause;

	iso8601(j->window_end, when);
	cause = xasprintf("the window closed at %s before the poll daemon could start it",
	    when);
	if (st != NULL && store_acs_job_move(st, j->id, AJ_PLANNED, 0, AJ_DONE, 0, cause,
	    NULL) == 1)
		sched_log(s, "acs firmware %lld: %s", (long long)j->id, cause);
	free(cause);
}

/* Starts job id unless this daemon holds it or it is not for now. */
static void
consider(struct acs_sched *s, int64_t id, int64_t now)
{
	struct sched_job *sj = find(s, id);
	struct store *st = engine_store(s->e, NULL);
	struct acs_job j;
	struct acs_run *r;
	struct err err = { 0 };

	if (sj != NULL && (sj->run != NULL || mono_ms() < sj->not_before))
		return;
	if (st == NULL || store_acs_job_get(st, id, &j, NULL) != 1)
		return;
	if (j.state == AJ_RUNNING && acs_run_pid_alive(j.pid) && j.pid != (int64_t)getpid()) {
		acs_job_clear(&j);
		return;		/* another process runs it */
	}
	if (j.state == AJ_PLANNED && !j.resolved && j.window_end != 0 && now >= j.window_end) {
		expire(s, &j);
		acs_job_clear(&j);
		return;
	}
	acs_job_clear(&j);
	if (sj == NULL) {
		s->jobs = xreallocarray(s->jobs, s->n + 1, sizeof *s->jobs);
		sj = &s->jobs[s->n++];
		memset(sj, 0, sizeof *sj);
		sj->id = id;
	}
	if (acs_run_open(s->e, id, s->ops, ACS_RUN_SEND, &r, &err) != 0) {
		sched_log(s, "error: acs firmware %lld: %s (tried again in a minute)",
		    (long long)id, err_text(&err));
		err_clear(&err);
		sj->not_before = mono_ms() + RETRY_MS;
		return;
	}
	sj->run = r;
	sched_log(s, "acs firmware %lld: running (file %s, at most %d at once)",
	    (long long)id, acs_run_job(r)->change.file, acs_run_job(r)->cap);
}

/* Pumps sj's run; logs and closes it when it has ended. */
static void
pump(struct acs_sched *s, struct sched_job *sj)
{
	struct acs_run_progress p;
	char counts[256];

	if (acs_run_pump(sj->run) != 0)
		return;
	acs_run_progress(sj->run, &p);
	counts_text(&p.counts, counts, sizeof counts);
	sched_log(s, "%sacs firmware %lld: %s: %s%s%s", p.state == AJ_DONE ? "" : "error: ",
	    (long long)sj->id, acs_job_state_name(p.state), counts,
	    p.cause[0] != '\0' ? "; " : "", p.cause);
	acs_run_close(sj->run);
	sj->run = NULL;
	sj->not_before = mono_ms() + RETRY_MS;
}

void
acs_sched_tick(struct acs_sched *s)
{
	struct store *st;
	int64_t *ids = NULL, now = now_s();
	size_t n = 0;

	for (size_t i = 0; i < s->n; i++)
		if (s->jobs[i].run != NULL)
			pump(s, &s->jobs[i]);
	if (mono_ms() - s->scanned < SCAN_MS)
		return;
	s->scanned = mono_ms();
	if ((st = engine_store(s->e, NULL)) == NULL ||
	    store_acs_job_due(st, now, &ids, &n, NULL) != 0)
		return;
	for (size_t i = 0; i < n; i++)
		consider(s, ids[i], now);
	free(ids);
	for (size_t i = 0; i < s->n; i++)
		if (s->jobs[i].run != NULL)
			pump(s, &s->jobs[i]);
}

void
acs_sched_free(struct acs_sched *s)
{
	if (s == NULL)
		return;
	for (size_t i = 0; i < s->n; i++) {
		if (s->jobs[i].run == NULL)
			continue;
		acs_run_stop(s->jobs[i].run, AJ_PAUSED, "the poll daemon stopped");
		while (acs_run_pump(s->jobs[i].run) != 0)
			acs_run_wait(s->jobs[i].run, 50);
		pump(s, &s->jobs[i]);
	}
	free(s->jobs);
	free(s);
}
