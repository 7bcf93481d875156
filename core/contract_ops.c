/*
 * contract_ops.c — suspend/resume a contract (see contract_ops.h).  Each
 * linked ONT is found in the store (OLT, port, ONT id), its OLT loaded into
 * the device context, and writes_enable() runs its plan.  ONTs the store
 * does not place on an OLT are reported, not guessed.
 */
#include "core/contract_ops.h"

#include <stdlib.h>
#include <string.h>

#include "core/store.h"
#include "lib/util.h"

void
contract_op_result_free(struct contract_op_result *r)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		free(r->rows[i].message);
	free(r->rows);
	memset(r, 0, sizeof *r);
}

/* Runs the enable/disable of one stored ONT. */
static void
one(struct store *st, struct device *d, const struct ont *o, bool enable,
    const struct write_opts *wo, struct contract_op_row *row)
{
	struct olt ol;
	struct write_ctx w = { 0 };
	struct write_target t = { 0 };
	struct write_report rep;
	char *cause = NULL;

	strlcpy_(row->port, o->port, sizeof row->port);
	row->ont_id = o->ont_id;
	if (store_olt_by_id(st, o->olt_id, &ol, &cause) != 1) {
		row->status = WRITE_FAILED;
		row->message = xasprintf("the OLT of ONT %s is not in the database%s%s",
		    o->sn, cause != NULL ? ": " : "", cause != NULL ? cause : "");
		free(cause);
		return;
	}
	strlcpy_(row->olt, ol.name, sizeof row->olt);
	if (device_load(d, ol.name, &cause) != 1) {
		row->status = WRITE_FAILED;
		row->message = cause != NULL ? cause : xstrdup("cannot load the OLT");
		return;
	}
	w.st = st;
	w.pool = device_pool(d);
	w.ad = device_adapter(&ol);
	w.olt_id = ol.id;
	w.olt = ol.name;
	w.opts = *wo;
	if (w.ad == NULL) {
		row->status = WRITE_FAILED;
		row->message = xasprintf("no adapter for %s is built in",
		    vendor_name(ol.vendor));
		return;
	}
	strlcpy_(t.olt, ol.name, sizeof t.olt);
	strlcpy_(t.port, o->port, sizeof t.port);
	t.ont_id = o->ont_id;
	strlcpy_(t.sn, o->sn, sizeof t.sn);
	row->status = writes_enable(&w, &t, enable, &rep);
	row->audit_id = rep.audit_id;
	row->message = rep.cause != NULL ? xasprintf("%s: %s", writes_outcome_text(&rep),
	    rep.cause) : xstrdup(writes_outcome_text(&rep));
	writes_report_free(&rep);
}

enum write_status
contract_set_state(struct store *st, struct device *d, const char *code,
    bool enable, const struct write_opts *o, struct contract_op_result *res,
    char **cause)
{
	struct contract c;
	char (*sns)[SN_MAX_LEN + 1] = NULL;
	size_t n = 0, i;
	enum write_status worst = WRITE_DONE;
	int rc;

	memset(res, 0, sizeof *res);
	if ((rc = store_contract_by_code(st, code, &c, cause)) != 1) {
		if (rc == 0)
			set_cause(cause, "no contract %s", code);
		return rc == 0 ? WRITE_USAGE : WRITE_FAILED;
	}
	if (store_contract_onts(st, code, &sns, &n, cause) != 0)
		return WRITE_FAILED;
	res->rows = xcalloc(n + 1, sizeof *res->rows);
	for (i = 0; i < n; i++) {
		struct contract_op_row *row = &res->rows[res->n++];
		struct ont on;
		char *why = NULL;

		strlcpy_(row->sn, sns[i], sizeof row->sn);
		if (store_ont_by_sn(st, sns[i], &on, &why) != 1) {
			row->status = WRITE_FAILED;
			row->message = xasprintf("ONT %s is linked but not known on any "
			    "OLT (run a poll or discovery)%s%s", sns[i],
			    why != NULL ? ": " : "", why != NULL ? why : "");
			free(why);
		} else
			one(st, d, &on, enable, o, row);
		if (row->status > worst)
			worst = row->status;
	}
	free(sns);
	if (worst == WRITE_DONE && !o->dry_run) {
		c.status = enable ? CONTRACT_ACTIVE : CONTRACT_SUSPENDED;
		if (store_contract_update(st, &c, cause) != 0)
			return WRITE_FAILED;
		res->status_changed = true;
	}
	return worst;
}
