/*
 * ops_acs_read.c — the ACS operations that change nothing on a router:
 * its view (ops_acs_show), the tasks oltui left queued and what became of
 * them (ops_acs_tasks), the files the ACS holds (ops_acs_files), and the
 * ACS's own password kept sealed (ops_acs_password).
 *
 * A queued task is tracked by asking the ACS for it by id: still there
 * (queued, or faulted by the router) or gone (it ran: GenieACS deletes a
 * task once done).  Each answer is stored, so `acs tasks` shows the last
 * known state when the ACS cannot be asked.
 *
 * Runs on the calling thread with its store; any thread.
 */
#include "core/ops_acs_impl.h"

#include <stdlib.h>
#include <string.h>

#include "core/audit.h"
#include "core/engine.h"
#include "core/store.h"
#include "core/vault.h"
#include "lib/util.h"

#define KEPT_ACS_PASSWORD "acs.password"

/* Asks the ACS where each queued (or faulted) task of rows is now, and
   stores the answer.  A task the ACS cannot be asked about is marked
   unknown in rows only.  0, or -1 with *err (the first failure). */
static int
track(struct acs *a, struct store *st, struct acs_task_row *rows, size_t n,
    struct err *err)
{
	int rc = 0;

	for (size_t i = 0; i < n; i++) {
		struct acs_task_row *t = &rows[i];
		struct acs_task k = { 0 };
		struct acs_result r = { 0 };
		enum acs_task_state now;
		enum acs_status s;

		if (t->state != ACS_TASK_QUEUED && t->state != ACS_TASK_FAULTED)
			continue;
		s = acs_task_state(a, t->task_id, &k, &r);
		if (s == ACS_OK || s == ACS_QUEUED) {
			now = s == ACS_OK ? ACS_TASK_DONE : k.fault != NULL ? ACS_TASK_FAULTED :
			    ACS_TASK_QUEUED;
			strlcpy_(t->fault, k.fault != NULL ? k.fault : "", sizeof t->fault);
			if (now != t->state || now == ACS_TASK_FAULTED) {
				t->state = now;
				if (now == ACS_TASK_DONE)
					t->done_at = now_s();
				store_acs_task_set(st, t->task_id, now, t->fault, NULL);
			}
		} else {
			t->state = ACS_TASK_UNKNOWN;
			if (rc == 0)
				err_set(err, exec_acs_kind(s), "%s", r.message != NULL ?
				    r.message : acs_status_name(s));
			rc = -1;
		}
		acs_task_free(&k);
		acs_result_clear(&r);
	}
	return rc;
}

int
ops_acs_tasks(struct engine *e, const char *sn, const char *acs_url,
    struct acs_task_row **rows, size_t *n, struct err *err)
{
	struct store *st;
	struct acs_link l;
	char *cause = NULL;
	int rc;

	*rows = NULL;
	*n = 0;
	if ((st = engine_store(e, &cause)) == NULL ||
	    store_acs_task_list(st, sn, rows, n, &cause) != 0) {
		err_set(err, ERR_INTERNAL, "%s", cause);
		free(cause);
		return -1;
	}
	if (ops_acs_link_open(e, acs_url, NULL, &l, err) != 0) {
		for (size_t i = 0; i < *n; i++)
			if ((*rows)[i].state == ACS_TASK_QUEUED ||
			    (*rows)[i].state == ACS_TASK_FAULTED)
				(*rows)[i].state = ACS_TASK_UNKNOWN;
		return -1;
	}
	rc = track(l.a, st, *rows, *n, err);
	ops_acs_link_close(&l);
	return rc;
}

void
acs_show_free(struct acs_show *s)
{
	free(s->pending);
	memset(s, 0, sizeof *s);
}

int
ops_acs_show(struct engine *e, const char *sn, const char *device_id, const char *url,
    struct acs_show *out, struct err *err)
{
	struct acs_link l;
	struct acs_target t;
	struct acs_task_row *rows = NULL;
	struct store *st = engine_store(e, NULL);
	struct err terr = { 0 };
	struct kept_secret k;
	size_t n = 0;

	memset(out, 0, sizeof *out);
	if (ops_acs_link_open(e, url, NULL, &l, err) != 0)
		return -1;
	if (ops_acs_find(e, &l, sn, device_id, NULL, 0, &t, err) != 0) {
		ops_acs_link_close(&l);
		return -1;
	}
	out->view = t.view;
	out->now = now_s();
	strlcpy_(out->sn, t.sn, sizeof out->sn);
	strlcpy_(out->olt, t.olt, sizeof out->olt);
	strlcpy_(out->contract, t.contract, sizeof out->contract);
	strlcpy_(out->acs_url, acs_url(l.a), sizeof out->acs_url);
	/* The tasks oltui left queued for it, as the ACS has them now. */
	if (st != NULL && store_acs_task_list(st, t.dev.id, &rows, &n, NULL) == 0) {
		track(l.a, st, rows, n, &terr);
		err_clear(&terr);
		for (size_t i = 0; i < n; i++)
			if (rows[i].state == ACS_TASK_QUEUED || rows[i].state == ACS_TASK_FAULTED) {
				out->pending = xreallocarray(out->pending, out->npending + 1,
				    sizeof *out->pending);
				out->pending[out->npending++] = rows[i];
			}
		free(rows);
	}
	/* The passphrases oltui keeps for its radios (their dates only). */
	for (size_t i = 0; st != NULL && i < t.view.nradio && i < ACS_RADIOS_MAX; i++) {
		char *name = ops_acs_kept_name(t.dev.id, t.view.radio[i].password_path);

		if (t.view.radio[i].password_path[0] != '\0' &&
		    store_secret_latest(st, name, &k, NULL) == 1) {
			out->kept_at[i] = k.set_at;
			out->nkept++;
		}
		free(name);
	}
	ops_acs_target_free(&t);
	ops_acs_link_close(&l);
	return 0;
}

int
ops_acs_files(struct engine *e, const char *acs_url, struct acs_file_list *out,
    struct err *err)
{
	struct acs_link l;
	struct acs_result r = { 0 };
	enum acs_status s;

	memset(out, 0, sizeof *out);
	if (ops_acs_link_open(e, acs_url, NULL, &l, err) != 0)
		return -1;
	if ((s = acs_files(l.a, out, &r)) != ACS_OK)
		err_set(err, exec_acs_kind(s), "%s", r.message != NULL ? r.message :
		    acs_status_name(s));
	acs_result_clear(&r);
	ops_acs_link_close(&l);
	return s == ACS_OK ? 0 : -1;
}

int
ops_acs_password(struct engine *e, const char *password, struct err *err)
{
	struct audit_start as = { .action = "acs password" };
	struct store *st;
	char *cause = NULL, *sealed;
	int64_t id;
	int rc;

	if ((st = engine_store(e, &cause)) == NULL) {
		err_set(err, ERR_INTERNAL, "%s", cause);
		free(cause);
		return -1;
	}
	if (password != NULL && engine_vault(e) == NULL) {
		err_set(err, ERR_USAGE, "keeping the ACS's password needs the vault");
		return -1;
	}
	if ((id = audit_begin(st, &as, &cause)) < 0) {
		err_set(err, ERR_INTERNAL, "%s", cause);
		free(cause);
		return -1;
	}
	rc = store_secret_forget(st, KEPT_ACS_PASSWORD, &cause);
	if (rc == 0 && password != NULL) {
		audit_secret(st, password);
		sealed = vault_seal(engine_vault(e), password);
		rc = store_secret_keep(st, KEPT_ACS_PASSWORD, sealed, id, &cause) < 0 ? -1 : 0;
		free(sealed);
	}
	(void)audit_step(st, id, password != NULL ? "keep the ACS's password, sealed" :
	    "forget the ACS's password", rc == 0 ? "done" : cause, rc == 0, NULL);
	(void)audit_end(st, id, rc == 0 ? AUDIT_OK : AUDIT_FAILED, rc == 0 ? NULL : cause,
	    NULL);
	if (rc != 0)
		err_set(err, ERR_INTERNAL, "%s", cause);
	free(cause);
	return rc;
}
