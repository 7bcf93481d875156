/*
 * ops_contract.c — suspending and resuming a contract (ops.h): every ONT
 * linked to it is disabled or enabled through ops_write(), one audited
 * plan per ONT, and the contract's status follows only when every ONT
 * changed.  ONTs the database does not place on an OLT are reported, not
 * guessed.  Runs on the calling thread with its store.
 */
#include "core/ops.h"

#include <stdlib.h>
#include <string.h>

#include "core/engine.h"
#include "core/store.h"
#include "lib/util.h"

void
op_contract_result_free(struct op_contract_result *r)
{
	for (size_t i = 0; i < r->n; i++)
		free(r->rows[i].message);
	free(r->rows);
	memset(r, 0, sizeof *r);
}

enum write_status
ops_contract_state(struct engine *e, const char *code, bool enable,
    const struct write_opts *o, struct op_contract_result *res, struct err *err)
{
	struct store *st;
	struct contract c;
	char (*sns)[SN_MAX_LEN + 1] = NULL, *cause = NULL;
	size_t n = 0;
	enum write_status worst = WRITE_DONE;
	int rc;

	memset(res, 0, sizeof *res);
	if ((st = engine_store(e, &cause)) == NULL ||
	    (rc = store_contract_by_code(st, code, &c, &cause)) < 0 ||
	    (rc == 1 && store_contract_onts(st, code, &sns, &n, &cause) != 0)) {
		err_set(err, ERR_INTERNAL, "%s", cause);
		free(cause);
		return WRITE_FAILED;
	}
	if (rc == 0) {
		err_set(err, ERR_USAGE, "no contract %s", code);
		return WRITE_USAGE;
	}
	res->rows = xcalloc(n + 1, sizeof *res->rows);
	for (size_t i = 0; i < n; i++) {
		struct op_contract_row *row = &res->rows[res->n++];
		struct write_report rep;
		struct op_target t;
		struct op_req rq;
		struct ont on;

		strlcpy_(row->sn, sns[i], sizeof row->sn);
		if (store_ont_by_sn(st, sns[i], &on, &cause) != 1) {
			row->status = WRITE_FAILED;
			row->message = xasprintf("ONT %s is linked but not known on any OLT "
			    "(run a poll or discovery)%s%s", sns[i], cause != NULL ? ": " : "",
			    cause != NULL ? cause : "");
			free(cause);
			cause = NULL;
		} else {
			op_req_init(&rq, enable ? OP_ENABLE : OP_DISABLE);
			strlcpy_(rq.sn, sns[i], sizeof rq.sn);
			row->status = ops_write(e, &rq, o, &rep, &t);
			strlcpy_(row->olt, t.olt, sizeof row->olt);
			strlcpy_(row->port, t.port[0] != '\0' ? t.port : on.port, sizeof row->port);
			row->ont_id = t.port[0] != '\0' ? t.ont_id : on.ont_id;
			row->audit_id = rep.audit_id;
			row->message = rep.cause != NULL ? xasprintf("%s: %s",
			    writes_outcome_text(&rep), rep.cause) :
			    xstrdup(writes_outcome_text(&rep));
			writes_report_free(&rep);
		}
		if (row->status > worst)
			worst = row->status;
	}
	free(sns);
	if (worst == WRITE_DONE && !o->dry_run) {
		c.status = enable ? CONTRACT_ACTIVE : CONTRACT_SUSPENDED;
		if (store_contract_update(st, &c, &cause) != 0) {
			err_set(err, ERR_INTERNAL, "%s", cause);
			free(cause);
			return WRITE_FAILED;
		}
		res->status_changed = true;
	}
	return worst;
}
