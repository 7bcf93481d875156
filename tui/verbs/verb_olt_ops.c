/*
 * verb_olt_ops.c — the OLT-wide device verbs: `oltui backup OLT` (running
 * configuration stored with its hash, diffed against the previous one),
 * `oltui olt test NAME` (log in, read the version, timings) and `oltui
 * contract suspend|resume CODE` (every linked ONT through the write
 * pipeline).  The last two are routed here from the `olt` and `contract`
 * verbs.  Exit statuses as in verb_write.c.  Main thread only.
 */
#include "tui/verbs/verb_write.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/engine.h"
#include "core/store.h"
#include "lib/util.h"

/* ---- backup ---- */

const struct verb_opt vw_backup_opts[] = { VOPT_JSON, VOPT_DEVICE, VOPT_END };

/* oltui backup OLT [--json] */
int
vw_backup(void *args)
{
	struct vw_name_args *a = args;
	const char *olt = a->name;
	struct op_backup b;
	struct engine *e;
	struct err err = { 0 };
	char when[32];
	int rc;

	if ((rc = verb_engine(&a->c, ENGINE_VAULT, &e)) != EXIT_OK)
		return rc;
	if (ops_backup(e, olt, &b, &err) != 0) {
		rc = verb_fail_err(&a->c, &err);
		engine_close(e);
		return rc;
	}
	iso8601(b.taken_at, when);
	if (a->c.json) {
		cJSON *j = cJSON_CreateObject();

		cJSON_AddStringToObject(j, "olt", olt);
		cJSON_AddNumberToObject(j, "id", (double)b.id);
		cJSON_AddStringToObject(j, "taken_at", when);
		cJSON_AddStringToObject(j, "sha256", b.sha256);
		cJSON_AddNumberToObject(j, "bytes", (double)b.bytes);
		if (b.prev_sha256[0] != '\0')
			cJSON_AddStringToObject(j, "previous_sha256", b.prev_sha256);
		else
			cJSON_AddNullToObject(j, "previous_sha256");
		cJSON_AddBoolToObject(j, "changed", b.changed);
		if (b.diff != NULL)
			cJSON_AddStringToObject(j, "diff", b.diff);
		else
			cJSON_AddNullToObject(j, "diff");
		verb_print_json(j);
	} else {
		printf("backup of %s stored: #%lld, %zu bytes, sha256 %s, %s\n", olt,
		    (long long)b.id, b.bytes, b.sha256, when);
		if (b.prev_sha256[0] == '\0')
			printf("first backup of %s: nothing to compare with\n", olt);
		else if (!b.changed)
			printf("unchanged since the previous backup\n");
		else
			printf("changed since the previous backup (sha256 %s):\n%s", b.prev_sha256,
			    b.diff != NULL ? b.diff : "(only line endings differ)\n");
	}
	op_backup_free(&b);
	engine_close(e);
	return EXIT_OK;
}

/* ---- olt test ---- */

const struct verb_opt vw_olt_test_opts[] = { VOPT_JSON, VOPT_DEVICE, VOPT_END };
const struct verb_pos vw_olt_name_pos[] = {
	{ .meta = "NAME", .type = VA_NAME, .off = offsetof(struct vw_name_args, name),
	  .help = "the OLT's name (oltui olt list)" },
	VPOS_END,
};

int
vw_olt_test(void *args)
{
	struct vw_name_args *a = args;
	const char *olt = a->name;
	struct op_olt_test t;
	struct engine *e;
	struct err err = { 0 };
	int rc, status = EXIT_OK;

	if ((rc = verb_engine(&a->c, ENGINE_VAULT, &e)) != EXIT_OK)
		return rc;
	if ((rc = ops_olt_test(e, olt, &t, &err)) != 0) {
		status = verb_exit_of(err.kind);
		if (err.kind == ERR_USAGE || err.kind == ERR_NOTFOUND) {
			rc = verb_fail_err(&a->c, &err);
			op_olt_test_free(&t);
			engine_close(e);
			return rc;
		}
		fprintf(stderr, "oltui olt test: %s\n", err_text(&err));
	} else if (!a->c.json)
		printf("%s: logged in (prompt host %s)\n", olt, t.hostname);
	if (a->c.json) {
		cJSON *j = cJSON_CreateObject();
		const struct pr_version *ver = &t.version;

		cJSON_AddStringToObject(j, "olt", olt);
		cJSON_AddBoolToObject(j, "ok", status == EXIT_OK);
		if (ver->product != NULL)
			cJSON_AddStringToObject(j, "product", ver->product);
		if (ver->version != NULL)
			cJSON_AddStringToObject(j, "version", ver->version);
		if (ver->patch != NULL)
			cJSON_AddStringToObject(j, "patch", ver->patch);
		cJSON_AddNumberToObject(j, "connect_ms", (double)t.connect_ms);
		cJSON_AddNumberToObject(j, "login_ms", (double)t.login_ms);
		cJSON_AddNumberToObject(j, "version_ms", (double)t.command_ms);
		cJSON_AddNumberToObject(j, "logout_ms", (double)t.logout_ms);
		if (rc != 0)
			verb_json_error(j, err.kind, err_text(&err));
		verb_print_json(j);
	} else if (rc == 0) {
		printf("%s: %s %s%s%s\n", olt, t.version.product != NULL ? t.version.product :
		    "?", t.version.version != NULL ? t.version.version : "?",
		    t.version.patch != NULL ? " " : "", t.version.patch != NULL ?
		    t.version.patch : "");
		printf("timings: connect %lld ms, login %lld ms, display version %lld ms, "
		    "logout %lld ms\n", (long long)t.connect_ms, (long long)t.login_ms,
		    (long long)t.command_ms, (long long)t.logout_ms);
	}
	err_clear(&err);
	op_olt_test_free(&t);
	engine_close(e);
	return status;
}

/* ---- contract suspend / resume ---- */

const struct verb_opt vw_contract_state_opts[] = {
	VOPT_YES, VOPT_DRY_RUN, VOPT_JSON, VOPT_DEVICE, VOPT_END,
};
const struct verb_pos vw_contract_code_pos[] = {
	{ .meta = "CODE", .type = VA_NAME, .off = offsetof(struct vw_name_args, name),
	  .help = "the contract's code (oltui contract list)" },
	VPOS_END,
};

/* Suspends (enable false) or resumes every ONT linked to a's contract. */
static int
contract_state(struct vw_name_args *a, bool enable)
{
	struct op_contract_result res;
	struct write_opts wo;
	struct engine *e;
	struct err err = { 0 };
	const char *code = a->name, *sub = enable ? "resume" : "suspend";
	char what[96];
	size_t i;
	int rc;
	enum write_status ws;
	cJSON *j = NULL;

	snprintf(what, sizeof what, "%s contract %s (every ONT linked to it)", sub, code);
	if (!enable && !vw_confirm(&a->c, what))
		return EXIT_USAGE;
	if ((rc = verb_engine(&a->c, ENGINE_VAULT, &e)) != EXIT_OK)
		return rc;
	wo = vw_write_opts(&a->c);
	ws = ops_contract_state(e, code, enable, &wo, &res, &err);
	if (err.kind != ERR_NONE && res.n == 0) {
		/* Nothing was tried (an unknown contract): the error is all. */
		op_contract_result_free(&res);
		engine_close(e);
		return verb_fail_err(&a->c, &err);
	}
	if (err.kind != ERR_NONE)
		fprintf(stderr, "oltui %s: %s\n", a->c.name, err_text(&err));
	if (a->c.json) {
		cJSON *arr;

		j = cJSON_CreateObject();
		cJSON_AddStringToObject(j, "contract", code);
		cJSON_AddStringToObject(j, "action", sub);
		cJSON_AddBoolToObject(j, "ok", ws == WRITE_DONE);
		cJSON_AddBoolToObject(j, "status_changed", res.status_changed);
		arr = cJSON_AddArrayToObject(j, "onts");
		for (i = 0; i < res.n; i++) {
			cJSON *o = cJSON_CreateObject();

			cJSON_AddStringToObject(o, "sn", res.rows[i].sn);
			cJSON_AddStringToObject(o, "olt", res.rows[i].olt);
			cJSON_AddStringToObject(o, "port", res.rows[i].port);
			cJSON_AddNumberToObject(o, "ont_id", res.rows[i].ont_id);
			cJSON_AddStringToObject(o, "status", vw_status_name(res.rows[i].status));
			cJSON_AddStringToObject(o, "message", res.rows[i].message != NULL ?
			    res.rows[i].message : "");
			cJSON_AddNumberToObject(o, "audit_id", (double)res.rows[i].audit_id);
			cJSON_AddItemToArray(arr, o);
		}
		if (ws != WRITE_DONE)
			verb_json_error(j, err.kind != ERR_NONE ? err.kind : vw_status_kind(ws),
			    err.kind != ERR_NONE ? err_text(&err) :
			    "the contract's status was not changed");
		verb_print_json(j);
	} else {
		for (i = 0; i < res.n; i++)
			fprintf(res.rows[i].status == WRITE_DONE ? stdout : stderr,
			    "%s ONT %s (%s %s %d): %s\n", sub, res.rows[i].sn, res.rows[i].olt,
			    res.rows[i].port, res.rows[i].ont_id, res.rows[i].message);
		if (res.n == 0 && ws == WRITE_DONE)
			printf("contract %s has no ONTs linked\n", code);
		if (res.status_changed)
			printf("contract %s is now %s\n", code, enable ? "active" : "suspended");
		else if (ws != WRITE_DONE && ws != WRITE_USAGE)
			fprintf(stderr, "oltui %s: the contract's status was not changed\n",
			    a->c.name);
	}
	err_clear(&err);
	op_contract_result_free(&res);
	engine_close(e);
	return (int)ws;
}

int
vw_contract_suspend(void *args)
{
	return contract_state(args, false);
}

int
vw_contract_resume(void *args)
{
	return contract_state(args, true);
}
