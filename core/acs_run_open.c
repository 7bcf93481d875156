/*
 * acs_run_open.c — claiming an ACS job for this process and giving it
 * back (acs_run.h): a job is taken with a compare-and-set on its state and
 * pid (store_acs_job_move), so two processes resuming one job see one of
 * them win, and a job whose process is alive is refused; its secrets are
 * unsealed for the run only and wiped at close.  A dry run's resolution
 * (acs_run_preview) runs here too, on the caller's thread.
 */
#include "core/acs_run_impl.h"
#include "core/engine.h"
#include "core/vault.h"
#include "lib/util.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

bool
acs_run_pid_alive(int64_t pid)
{
	return pid > 0 && (kill((pid_t)pid, 0) == 0 || errno == EPERM);
}

/* ---- open and close ---- */

/* Unseals the job's secrets into r; 0, or -1 with *err. */
static int
unseal(struct acs_run *r, struct err *err)
{
	struct vault *v = engine_vault(r->e);
	char *cause = NULL;

	for (int i = 0; i < ACS_SECRET_COUNT; i++) {
		if (r->job.change.secret[i] && r->job.sealed[i] == NULL) {
			err_set(err, ERR_REFUSED, "the %s of ACS job %lld is no longer kept "
			    "(the job ended): make a new job", acs_secret_phrase((enum acs_secret)i),
			    (long long)r->job.id);
			return -1;
		}
		if (r->job.sealed[i] == NULL)
			continue;
		if (v == NULL || (r->secret[i] = vault_unseal(v, r->job.sealed[i], &cause)) == NULL) {
			err_set(err, ERR_REFUSED, "the %s of ACS job %lld cannot be opened: %s",
			    acs_secret_phrase((enum acs_secret)i), (long long)r->job.id,
			    v == NULL ? "the vault is not open" : cause);
			free(cause);
			return -1;
		}
		r->sec.v[i] = r->secret[i];
	}
	return 0;
}

/* Checks that job j can be run (or cancelled) by this process now. */
static int
claimable(const struct acs_job *j, enum acs_run_mode mode, struct err *err)
{
	const char *kind = acs_job_kind_name(j->kind);

	if (j->state == AJ_RUNNING && j->pid == (int64_t)getpid()) {
		err_set(err, ERR_REFUSED, "ACS job %lld is already being run by this process",
		    (long long)j->id);
		return -1;
	}
	if ((j->state == AJ_RUNNING || j->state == AJ_CANCELLED) && j->pid != 0 &&
	    acs_run_pid_alive(j->pid)) {
		err_set(err, ERR_REFUSED, "ACS job %lld is being run by process %lld: wait "
		    "for it%s", (long long)j->id, (long long)j->pid, mode == ACS_RUN_SEND ?
		    ", or cancel it" : "");
		return -1;
	}
	if (mode == ACS_RUN_SEND && j->state == AJ_CANCELLED) {
		err_set(err, ERR_USAGE, "ACS job %lld was cancelled: make a new one "
		    "(oltui acs %s)", (long long)j->id, kind);
		return -1;
	}
	if (mode == ACS_RUN_SEND && j->state == AJ_DONE &&
	    j->counts.n[AI_PENDING] + j->counts.n[AI_SENDING] == 0 &&
	    !(j->kind == ACS_JOB_FIRMWARE && j->counts.n[AI_QUEUED] > 0)) {
		err_set(err, ERR_USAGE, "ACS job %lld is done: every device was tried "
		    "(oltui acs %s show %lld)", (long long)j->id, kind, (long long)j->id);
		return -1;
	}
	return 0;
}

int
acs_run_open(struct engine *e, int64_t id, const struct acs_run_ops *ops,
    enum acs_run_mode mode, struct acs_run **out, struct err *err)
{
	struct acs_run *r;
	struct store *st;
	char *cause = NULL;
	int rc;

	*out = NULL;
	if ((st = engine_store(e, &cause)) == NULL) {
		err_set(err, ERR_INTERNAL, "%s", cause);
		free(cause);
		return -1;
	}
	r = xcalloc(1, sizeof *r);
	r->e = e;
	r->ops = ops;
	r->mode = mode;
	r->pid = (int64_t)getpid();
	pthread_mutex_init(&r->lock, NULL);
	pthread_cond_init(&r->cond, NULL);
	if ((rc = store_acs_job_get(st, id, &r->job, &cause)) != 1) {
		if (rc == 0)
			err_set(err, ERR_USAGE, "no ACS job %lld (see oltui acs mass list, "
			    "oltui acs firmware list)", (long long)id);
		else
			err_set(err, ERR_INTERNAL, "%s", cause);
		goto fail;
	}
	if (claimable(&r->job, mode, err) != 0 ||
	    (mode == ACS_RUN_SEND && unseal(r, err) != 0))
		goto fail;
	rc = store_acs_job_move(st, id, (int)r->job.state, r->job.pid, mode == ACS_RUN_SEND ?
	    AJ_RUNNING : AJ_CANCELLED, r->pid, NULL, &cause);
	if (rc != 1) {
		if (rc == 0)
			err_set(err, ERR_REFUSED, "ACS job %lld was taken by another process "
			    "a moment ago", (long long)id);
		else
			err_set(err, ERR_INTERNAL, "%s", cause);
		goto fail;
	}
	r->claimed = true;
	if (r->job.started_at == 0)
		r->job.started_at = now_s();
	r->phase = PH_RESOLVE;
	r->t0_ms = r->checked_ms = mono_ms();
	*out = r;
	return 0;
fail:
	free(cause);
	acs_run_close(r);
	return -1;
}

void
acs_run_close(struct acs_run *r)
{
	if (r == NULL)
		return;
	if (r->claimed)
		while (!r->finished) {
			acs_run_stop(r, AJ_PAUSED, "stopped");
			if (acs_run_pump(r) != 0)
				acs_run_wait(r, 100);
		}
	for (size_t i = 0; i < r->nclients; i++)
		r->ops->close(r->ops->ctx, r->clients[i]);
	free(r->clients);
	for (int i = 0; i < ACS_SECRET_COUNT; i++)
		if (r->secret[i] != NULL)
			vault_secret_free(r->secret[i]);
	acs_items_free(r->items, r->n);
	free(r->busy);
	err_clear(&r->resolve_err);
	acs_job_clear(&r->job);
	pthread_cond_destroy(&r->cond);
	pthread_mutex_destroy(&r->lock);
	free(r);
}

int
acs_run_preview(struct engine *e, const struct acs_job *job, const struct acs_run_ops *ops,
    struct acs_item **items, size_t *n, struct err *err)
{
	char *cause = NULL;
	void *c;
	int rc;

	*items = NULL;
	*n = 0;
	if ((c = ops->open(ops->ctx, &cause)) == NULL) {
		err_set(err, ERR_REFUSED, "%s", cause);
		free(cause);
		return -1;
	}
	rc = ops->resolve(ops->ctx, c, e, job, items, n, err);
	ops->close(ops->ctx, c);
	return rc;
}
