/*
 * verb_acs_jobs_run.c — running an ACS job here (a mass change: progress
 * once a second on stderr, Ctrl-C pausing it), the per-router report, and
 * the job sub-commands both kinds share: list, show, cancel, resume
 * (verb_acs_jobs_impl.h).  A cancel of a job another process runs marks it
 * and waits for that process to stop and clean up; a job nobody runs is
 * cleaned up here (its queued tasks deleted from the ACS).  Main thread.
 */
#include "tui/verbs/verb_acs_jobs_impl.h"

#include <cJSON.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/acs_apply.h"
#include "core/acs_jobs.h"
#include "core/acs_run.h"
#include "core/audit.h"
#include "core/engine.h"
#include "core/store.h"
#include "lib/util.h"

#define PROGRESS_MS	1000
#define CANCEL_WAIT_MS	120000

static volatile sig_atomic_t interrupted;

/* SIGINT / SIGTERM during a run: stop starting routers. */
static void
on_interrupt(int sig)
{
	(void)sig;
	interrupted = 1;
}

/* ---- reports ---- */

/* The label of an item's state in a report. */
const char *
vaj_state_label(enum acs_item_state s)
{
	return s == AI_PENDING ? "not-attempted" : acs_item_state_name(s);
}

/* "990 done, 5 queued, 3 failed" */
static char *
counts_words(const struct acs_counts *c)
{
	struct buf b = { 0 };

	for (int s = 0; s < ACS_ITEM_STATE_COUNT; s++)
		if (c->n[s] > 0)
			buf_addf(&b, "%s%zu %s", b.len > 0 ? ", " : "", c->n[s],
			    s == AI_PENDING ? "not attempted" :
			    acs_item_state_name((enum acs_item_state)s));
	if (b.len == 0)
		buf_adds(&b, "no router");
	return buf_take(&b);
}

/* Prints the items of job id (text or JSON) and the job; returns the
   exit status the items and the run's end (kind) make.  handled: the
   routers a run that just ended finished (its rate), or 0. */
int
vaj_report(const struct verb_common *c, struct engine *e, int64_t id, enum err_kind kind,
    int64_t elapsed_ms, size_t handled, bool ran)
{
	struct store *st = engine_store(e, NULL);
	struct acs_item *v = NULL;
	struct acs_job j;
	size_t n = 0;
	char *cause = NULL, *words;
	double secs = elapsed_ms / 1000.0;
	int rc;

	if (store_acs_job_get(st, id, &j, &cause) != 1 ||
	    store_acs_items_list(st, id, -1, &v, &n, &cause) != 0) {
		acs_job_clear(&j);
		return verb_fail_cause(c, ERR_INTERNAL, cause);
	}
	if (kind != ERR_NONE)
		rc = verb_exit_of(kind);
	else if (j.counts.n[AI_FAILED] > 0 || j.state == AJ_CANCELLED ||
	    j.counts.n[AI_PENDING] + j.counts.n[AI_SENDING] > 0)
		rc = EXIT_FAIL;
	else
		rc = EXIT_OK;
	if (c->json) {
		cJSON *doc = cJSON_CreateObject(), *arr;

		cJSON_AddItemToObject(doc, "job", acs_job_json(&j));
		arr = cJSON_AddArrayToObject(doc, "items");
		for (size_t i = 0; i < n; i++)
			cJSON_AddItemToArray(arr, acs_item_json(&v[i]));
		if (ran) {
			cJSON_AddNumberToObject(doc, "elapsed_ms", (double)elapsed_ms);
			cJSON_AddNumberToObject(doc, "handled", (double)handled);
			cJSON_AddNumberToObject(doc, "routers_per_s", secs > 0 ?
			    (double)handled / secs : 0);
		}
		if (kind != ERR_NONE)
			verb_json_error(doc, kind, j.cause);
		verb_print_json(doc);
	} else {
		for (size_t i = 0; i < n; i++) {
			printf("%-16s %-13s %s", v[i].serial[0] != '\0' ? v[i].serial : "-",
			    vaj_state_label(v[i].state), v[i].reason);
			if (v[i].version_after[0] != '\0' && j.kind == ACS_JOB_FIRMWARE)
				printf(" [version %s]", v[i].version_after);
			printf("  (%s)\n", v[i].device_id[0] != '\0' ? v[i].device_id :
			    "not on the ACS");
		}
		words = counts_words(&j.counts);
		printf("acs %s %lld %s: %s of %zu router%s", acs_job_kind_name(j.kind),
		    (long long)id, acs_job_state_name(j.state), words, j.counts.total,
		    j.counts.total == 1 ? "" : "s");
		if (ran && secs > 0)
			printf("; %zu handled in %.1f s (%.1f routers/s)", handled, secs,
			    (double)handled / secs);
		printf("%s%s\n", j.cause[0] != '\0' ? "; " : "", j.cause);
		free(words);
		if (j.state == AJ_PAUSED)
			fprintf(stderr, "oltui %s: paused: go on with `oltui %s resume %lld`\n",
			    c->name, c->name, (long long)id);
		if (kind != ERR_NONE)
			fprintf(stderr, "oltui %s: %s\n", c->name, j.cause);
	}
	acs_items_free(v, n);
	acs_job_clear(&j);
	return rc;
}

/* One progress line on stderr. */
static void
progress(const char *name, int64_t id, const struct acs_run_progress *p)
{
	size_t handled = p->counts.total - p->counts.n[AI_PENDING];
	char *words;

	if (p->resolving) {
		fprintf(stderr, "oltui %s %lld: finding the routers...\n", name, (long long)id);
		return;
	}
	words = counts_words(&p->counts);
	fprintf(stderr, "oltui %s %lld: %zu of %zu: %s; %zu in flight; %.1f routers/s\n",
	    name, (long long)id, handled, p->counts.total, words, p->inflight,
	    p->elapsed_ms > 0 ? p->handled * 1000.0 / (double)p->elapsed_ms : 0.0);
	free(words);
}

/* Runs (or resumes) job id here until it ends, Ctrl-C stopping it. */
int
vaj_run_here(const struct acs_jobs_args *a, struct engine *e, int64_t id)
{
	struct acs_apply ap;
	struct acs_run *r;
	struct acs_run_progress p;
	struct sigaction sa, old_int, old_term;
	struct err err = { 0 };
	int64_t last = 0;
	bool stopped = false;

	acs_apply_init(&ap, e, a->acs);
	if (acs_run_open(e, id, &ap.ops, ACS_RUN_SEND, &r, &err) != 0)
		return verb_fail_err(&a->c, &err);
	interrupted = 0;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_interrupt;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, &old_int);
	sigaction(SIGTERM, &sa, &old_term);
	while (acs_run_pump(r) != 0) {
		if (interrupted && !stopped) {
			acs_run_stop(r, AJ_PAUSED, "interrupted");
			fprintf(stderr, "oltui %s %lld: interrupted: waiting for the routers in "
			    "flight\n", a->c.name, (long long)id);
			stopped = true;
		}
		if (mono_ms() - last >= PROGRESS_MS) {
			acs_run_progress(r, &p);
			if (last != 0 || p.resolving)
				progress(a->c.name, id, &p);
			last = mono_ms();
		}
		acs_run_wait(r, 100);
	}
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGTERM, &old_term, NULL);
	acs_run_progress(r, &p);
	acs_run_close(r);
	return vaj_report(&a->c, e, id, p.kind, p.elapsed_ms, p.handled, true);
}

/* ---- the job sub-commands ---- */

/* Reads job id of kind; EXIT_OK, or a usage error printed. */
int
vaj_get_job(const struct acs_jobs_args *a, struct engine *e, int64_t id,
    enum acs_job_kind kind, struct acs_job *j)
{
	char *cause = NULL;
	int rc = store_acs_job_get(engine_store(e, NULL), id, j, &cause);

	if (rc < 0)
		return verb_fail_cause(&a->c, ERR_INTERNAL, cause);
	if (rc == 0)
		return verb_fail(&a->c, ERR_USAGE, "no ACS job %lld (oltui %s list)",
		    (long long)id, a->c.name);
	if (j->kind != kind) {
		rc = verb_fail(&a->c, ERR_USAGE, "job %lld is a %s job: oltui acs %s %s %lld",
		    (long long)id, acs_job_kind_name(j->kind), acs_job_kind_name(j->kind),
		    a->action, (long long)id);
		acs_job_clear(j);
		return rc;
	}
	return EXIT_OK;
}

/* oltui acs mass|firmware list */
int
vaj_list(const struct acs_jobs_args *a, enum acs_job_kind kind)
{
	struct engine *e;
	struct acs_job *v = NULL;
	char *cause = NULL;
	size_t n = 0;
	int rc;

	if ((rc = verb_engine(&a->c, 0, &e)) != EXIT_OK)
		return rc;
	if (store_acs_job_list(engine_store(e, NULL), (int)kind, (size_t)a->limit, &v, &n,
	    &cause) != 0) {
		engine_close(e);
		return verb_fail_cause(&a->c, ERR_INTERNAL, cause);
	}
	if (a->c.json) {
		cJSON *arr = cJSON_CreateArray();

		for (size_t i = 0; i < n; i++)
			cJSON_AddItemToArray(arr, acs_job_json(&v[i]));
		verb_print_json(arr);
	} else {
		printf("%-5s %-9s %-20s %7s %6s %6s %6s %7s  %s\n", "ID", "STATE", "CREATED",
		    "ROUTERS", "DONE", "QUEUED", "FAILED", "SKIPPED", "WHAT");
		for (size_t i = 0; i < n; i++) {
			char when[32], *words = vaj_change_words(&v[i].change);
			char *filter = acs_filter_text(&v[i].filter);

			iso8601(v[i].created_at, when);
			printf("%-5lld %-9s %-20s %7zu %6zu %6zu %6zu %7zu  %s to %s\n",
			    (long long)v[i].id, acs_job_state_name(v[i].state), when,
			    v[i].counts.total, v[i].counts.n[AI_DONE], v[i].counts.n[AI_QUEUED],
			    v[i].counts.n[AI_FAILED], v[i].counts.n[AI_SKIPPED], words, filter);
			free(words);
			free(filter);
		}
	}
	for (size_t i = 0; i < n; i++)
		acs_job_clear(&v[i]);
	free(v);
	engine_close(e);
	return EXIT_OK;
}

/* oltui acs mass|firmware show ID */
int
vaj_show(const struct acs_jobs_args *a, enum acs_job_kind kind)
{
	struct engine *e;
	struct acs_job j;
	int64_t id;
	char *filter, *words, when[32];
	int rc;

	if ((rc = vaj_job_number(a, &id)) != EXIT_OK || (rc = verb_engine(&a->c, 0, &e)) != EXIT_OK)
		return rc;
	if ((rc = vaj_get_job(a, e, id, kind, &j)) != EXIT_OK) {
		engine_close(e);
		return rc;
	}
	if (!a->c.json) {
		filter = acs_filter_text(&j.filter);
		words = vaj_change_words(&j.change);
		iso8601(j.created_at, when);
		printf("acs %s %lld: %s to %s, at most %d at once; made by %s at %s\n",
		    acs_job_kind_name(kind), (long long)id, words, filter, j.cap, j.user, when);
		if (kind == ACS_JOB_FIRMWARE) {
			iso8601(j.window_start, when);
			printf("window: from %s", when);
			if (j.window_end != 0) {
				iso8601(j.window_end, when);
				printf(" to %s", when);
			}
			printf("\n");
		}
		if (j.state == AJ_RUNNING && j.pid != 0)
			printf("running in process %lld%s\n", (long long)j.pid,
			    acs_run_pid_alive(j.pid) ? "" : " (gone: resume takes it over)");
		free(filter);
		free(words);
	}
	acs_job_clear(&j);
	rc = vaj_report(&a->c, e, id, ERR_NONE, 0, 0, false);
	engine_close(e);
	return rc == EXIT_FAIL ? EXIT_OK : rc;
}

/* Waits for the process that runs job id to notice its cancel and stop. */
static void
wait_owner(struct engine *e, int64_t id, int64_t pid)
{
	struct acs_job j;
	int64_t t0 = mono_ms();

	while (mono_ms() - t0 < CANCEL_WAIT_MS && acs_run_pid_alive(pid)) {
		if (store_acs_job_get(engine_store(e, NULL), id, &j, NULL) == 1) {
			bool gone = j.pid != pid;

			acs_job_clear(&j);
			if (gone)
				return;
		}
		sleep_ms(200);
	}
}

/* oltui acs mass|firmware cancel ID */
int
vaj_cancel(const struct acs_jobs_args *a, enum acs_job_kind kind)
{
	struct engine *e;
	struct acs_apply ap;
	struct acs_run *r;
	struct acs_run_progress p = { 0 };
	struct err err = { 0 };
	struct acs_job j;
	struct store *st;
	int64_t id;
	char *user, *cause, when[32];
	int rc;

	if ((rc = vaj_job_number(a, &id)) != EXIT_OK || (rc = vaj_open_engine(a, 8, &e)) != EXIT_OK)
		return rc;
	if ((rc = vaj_get_job(a, e, id, kind, &j)) != EXIT_OK)
		goto out;
	st = engine_store(e, NULL);
	if (j.state == AJ_DONE && j.counts.n[AI_QUEUED] == 0) {
		rc = verb_fail(&a->c, ERR_USAGE, "job %lld is done, with no task left queued on "
		    "the ACS: nothing to cancel", (long long)id);
		acs_job_clear(&j);
		goto out;
	}
	user = audit_os_user();
	iso8601(now_s(), when);
	cause = xasprintf("cancelled by %s at %s", user, when);
	free(user);
	if (j.state == AJ_RUNNING && acs_run_pid_alive(j.pid) && j.pid != (int64_t)getpid()) {
		/* Its owner stops and cleans up; wait for it. */
		if (store_acs_job_move(st, id, AJ_RUNNING, j.pid, AJ_CANCELLED, j.pid, cause,
		    NULL) == 1) {
			fprintf(stderr, "oltui %s: job %lld runs in process %lld: waiting for it "
			    "to stop\n", a->c.name, (long long)id, (long long)j.pid);
			wait_owner(e, id, j.pid);
		}
	} else if (j.state != AJ_CANCELLED)
		(void)store_acs_job_move(st, id, -1, -1, AJ_CANCELLED, 0, cause, NULL);
	free(cause);
	acs_job_clear(&j);
	/* Whatever is left undone (nobody runs it, or its owner died): here. */
	if (vaj_get_job(a, e, id, kind, &j) == EXIT_OK && !acs_run_pid_alive(j.pid) &&
	    (j.pid != 0 || j.counts.n[AI_PENDING] + j.counts.n[AI_SENDING] +
	    j.counts.n[AI_QUEUED] > 0 || (!j.resolved && j.finished_at == 0))) {
		acs_apply_init(&ap, e, a->acs);
		if (acs_run_open(e, id, &ap.ops, ACS_RUN_CANCEL, &r, &err) != 0) {
			acs_job_clear(&j);
			rc = verb_fail_err(&a->c, &err);
			goto out;
		}
		while (acs_run_pump(r) != 0)
			acs_run_wait(r, 100);
		acs_run_progress(r, &p);
		acs_run_close(r);
	}
	acs_job_clear(&j);
	rc = vaj_report(&a->c, e, id, ERR_NONE, 0, 0, false);
	/* Cancelled as asked; a queued task that could not go makes it 1. */
	if (vaj_get_job(a, e, id, kind, &j) == EXIT_OK) {
		rc = j.counts.n[AI_QUEUED] > 0 ? EXIT_FAIL : EXIT_OK;
		acs_job_clear(&j);
	}
out:
	engine_close(e);
	return rc;
}

/* oltui acs mass resume ID: runs it here again. */
int
vaj_mass_resume(const struct acs_jobs_args *a)
{
	struct engine *e;
	struct acs_job j;
	struct store *st;
	char *cause = NULL;
	int64_t id;
	int rc;

	if ((rc = vaj_job_number(a, &id)) != EXIT_OK)
		return rc;
	if ((rc = vaj_open_engine(a, a->cap > 0 ? (int)a->cap : ACS_CAP_MAX, &e)) != EXIT_OK)
		return rc;
	if ((rc = vaj_get_job(a, e, id, ACS_JOB_MASS, &j)) != EXIT_OK)
		goto out;
	st = engine_store(e, NULL);
	if ((a->retry_failed && store_acs_items_move(st, id, AI_FAILED, AI_PENDING,
	    "sent again (--retry-failed)", &cause) < 0) ||
	    (a->cap > 0 && store_acs_job_window(st, id, 0, 0, (int)a->cap, &cause) != 0)) {
		acs_job_clear(&j);
		rc = verb_fail_cause(&a->c, ERR_INTERNAL, cause);
		goto out;
	}
	acs_job_clear(&j);
	rc = vaj_run_here(a, e, id);
out:
	engine_close(e);
	return rc;
}

/* oltui acs firmware resume ID: due again for the daemon. */
int
vaj_firmware_resume(const struct acs_jobs_args *a)
{
	struct engine *e;
	struct acs_job j;
	struct store *st;
	char *cause = NULL;
	int64_t id, start, end;
	int rc;

	if ((rc = vaj_job_number(a, &id)) != EXIT_OK || (rc = verb_engine(&a->c, 0, &e)) != EXIT_OK)
		return rc;
	if ((rc = vaj_get_job(a, e, id, ACS_JOB_FIRMWARE, &j)) != EXIT_OK)
		goto out;
	st = engine_store(e, NULL);
	start = a->start != NULL ? 0 : j.window_start;
	end = a->end != NULL ? 0 : j.window_end;
	if (j.state == AJ_CANCELLED)
		rc = verb_fail(&a->c, ERR_USAGE, "job %lld was cancelled: schedule a new one",
		    (long long)id);
	else if (j.state == AJ_RUNNING && acs_run_pid_alive(j.pid))
		rc = verb_fail(&a->c, ERR_REFUSED, "job %lld is being run by process %lld",
		    (long long)id, (long long)j.pid);
	else if ((rc = vaj_window_of(a, &start, &end)) == EXIT_OK) {
		if ((a->retry_failed && store_acs_items_move(st, id, AI_FAILED, AI_PENDING,
		    "sent again (--retry-failed)", &cause) < 0) ||
		    store_acs_job_window(st, id, start, end, (int)a->cap, &cause) != 0 ||
		    store_acs_job_move(st, id, -1, -1, AJ_PLANNED, 0, "", &cause) < 0)
			rc = verb_fail_cause(&a->c, ERR_INTERNAL, cause);
		else
			fprintf(stderr, "oltui %s: job %lld is planned again: `oltui poll --daemon` "
			    "runs it when due\n", a->c.name, (long long)id);
	}
	acs_job_clear(&j);
	if (rc == EXIT_OK)
		rc = vaj_report(&a->c, e, id, ERR_NONE, 0, 0, false) == EXIT_USAGE ? EXIT_USAGE : EXIT_OK;
out:
	engine_close(e);
	return rc;
}

