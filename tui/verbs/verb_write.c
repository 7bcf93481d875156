/*
 * verb_write.c — the verbs that talk to OLTs and change them: discover,
 * provision, ont (verb_ont.c), backup; and `olt test` / `contract
 * suspend|resume`, which the inventory verbs route here.
 *
 * (backup, olt test and contract suspend/resume are in verb_olt_ops.c.)
 *
 * Every write goes through core/ops.h (plan, preview, audit, steps, undo,
 * verification); these functions only read their filled argument structs
 * (verb_args.h) and print.  Exit statuses (verb.h): 0 done, 1 the device
 * refused (or verification failed), 2 usage, 3 unreachable.  With --json
 * one JSON document goes to stdout; messages go to stderr either way.
 *
 * Secrets: OLT passwords are unsealed from the store with the vault
 * (--key-file), PPPoE/ACS passwords come from files, never argv, and are
 * masked in every preview and in the audit.  Main thread only.
 */
#include "tui/verbs/verb_write.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/audit.h"
#include "core/engine.h"
#include "core/store.h"
#include "core/vault.h"
#include "lib/util.h"
#include "tui/verbs/verb_batch.h"

/* ---- shared helpers ---- */

struct write_opts
vw_write_opts(const struct verb_common *c)
{
	struct write_opts o = { 0 };

	o.dry_run = c->dry_run;
	o.step_timeout_ms = (int)c->timeout_ms;
	return o;
}

enum err_kind
vw_status_kind(enum write_status s)
{
	switch (s) {
	case WRITE_DONE:
		return ERR_NONE;
	case WRITE_USAGE:
		return ERR_USAGE;
	case WRITE_UNREACHABLE:
		return ERR_UNREACHABLE;
	default:
		return ERR_FAILURE;
	}
}

const char *
vw_status_name(enum write_status s)
{
	static const char *const n[] = { "ok", "failed", "usage", "unreachable" };

	return (unsigned)s < 4 ? n[s] : "failed";
}

cJSON *
vw_report_json(const struct write_report *r, const char *what)
{
	cJSON *j = cJSON_CreateObject(), *arr;
	size_t i;

	cJSON_AddBoolToObject(j, "ok", r->status == WRITE_DONE);
	cJSON_AddStringToObject(j, "status", vw_status_name(r->status));
	cJSON_AddStringToObject(j, "what", what);
	cJSON_AddStringToObject(j, "outcome", r->unchanged ? "unchanged" :
	    r->audit_id == 0 && r->status == WRITE_DONE ? "dry-run" :
	    audit_outcome_name(r->outcome));
	cJSON_AddStringToObject(j, "result", writes_outcome_text(r));
	if (r->cause != NULL)
		cJSON_AddStringToObject(j, "cause", r->cause);
	cJSON_AddNumberToObject(j, "audit_id", (double)r->audit_id);
	cJSON_AddNumberToObject(j, "applied", (double)r->applied);
	cJSON_AddNumberToObject(j, "undone", (double)r->undone);
	cJSON_AddBoolToObject(j, "verified", r->verified);
	if (r->diff != NULL)
		cJSON_AddStringToObject(j, "differences", r->diff);
	if (r->outcome == AUDIT_UNDONE || r->undo_diff != NULL)
		cJSON_AddBoolToObject(j, "undo_verified", r->undo_verified);
	if (r->undo_diff != NULL)
		cJSON_AddStringToObject(j, "undo_differences", r->undo_diff);
	cJSON_AddNumberToObject(j, "ms", (double)r->ms);
	arr = cJSON_AddArrayToObject(j, "left_on_device");
	for (i = 0; i < r->nleft; i++) {
		cJSON *l = cJSON_CreateObject();

		cJSON_AddStringToObject(l, "command", r->left[i].command);
		if (r->left[i].undo != NULL)
			cJSON_AddStringToObject(l, "undo", r->left[i].undo);
		cJSON_AddBoolToObject(l, "maybe", r->left[i].maybe);
		cJSON_AddItemToArray(arr, l);
	}
	if (r->queued) {
		cJSON_AddBoolToObject(j, "queued", true);
		if (r->queued_ref != NULL)
			cJSON_AddStringToObject(j, "task_id", r->queued_ref);
	}
	if (r->nparams > 0) {
		arr = cJSON_AddArrayToObject(j, "params");
		for (i = 0; i < r->nparams; i++) {
			cJSON *o = cJSON_CreateObject();

			cJSON_AddStringToObject(o, "path", r->params[i].path);
			cJSON_AddStringToObject(o, "value", r->params[i].want);
			if (r->params[i].got != NULL)
				cJSON_AddStringToObject(o, "read_back", r->params[i].got);
			else
				cJSON_AddNullToObject(o, "read_back");
			cJSON_AddStringToObject(o, "state",
			    write_param_state_name(r->params[i].state));
			cJSON_AddItemToArray(arr, o);
		}
	}
	if (r->preview != NULL)
		cJSON_AddStringToObject(j, "preview", r->preview);
	if (r->have_readback) {
		cJSON *o = cJSON_AddObjectToObject(j, "ont");

		if (r->readback.sn != NULL)
			cJSON_AddStringToObject(o, "sn", r->readback.sn);
		if (pr_admin_name(r->readback.admin) != NULL)
			cJSON_AddStringToObject(o, "admin", pr_admin_name(r->readback.admin));
		cJSON_AddStringToObject(o, "status", ont_status_name(r->readback.status));
	}
	if (r->status != WRITE_DONE)
		verb_json_error(j, vw_status_kind(r->status), r->cause != NULL ? r->cause :
		    writes_outcome_text(r));
	return j;
}

int
vw_report(const struct verb_common *c, const struct write_report *r, const char *what)
{
	if (c->json)
		verb_print_json(vw_report_json(r, what));
	vw_report_text(c, r, what);
	return (int)r->status;
}

void
vw_report_text(const struct verb_common *c, const struct write_report *r,
    const char *what)
{
	const char *verb = c->name;
	size_t i;

	if (!c->json && r->status == WRITE_DONE) {
		if (r->unchanged)
			printf("%s: %s\n", what, writes_outcome_text(r));
		else if (r->audit_id == 0) {
			printf("%s", r->preview != NULL ? r->preview : "");
			printf("dry run: nothing was sent to the device\n");
		} else
			printf("%s: %s (%zu step%s, %.1f s, audit #%lld)\n", what,
			    writes_outcome_text(r), r->applied, r->applied == 1 ? "" : "s",
			    (double)r->ms / 1000.0, (long long)r->audit_id);
		if (r->queued)
			printf("task %s waits on the ACS (oltui acs tasks)\n",
			    r->queued_ref != NULL ? r->queued_ref : "(no id)");
		for (i = 0; r->audit_id > 0 && i < r->nparams; i++)
			printf("  %s = %s: %s\n", r->params[i].path, r->params[i].want,
			    write_param_state_name(r->params[i].state));
		if (r->cause != NULL)
			fprintf(stderr, "oltui %s: warning: %s\n", verb, r->cause);
	}
	if (r->status != WRITE_DONE) {
		if (r->cause != NULL)
			fprintf(stderr, "oltui %s: %s\n", verb, r->cause);
		if (r->status != WRITE_USAGE)
			fprintf(stderr, "oltui %s: %s: %s\n", verb, what,
			    writes_outcome_text(r));
		if (r->audit_id > 0)
			fprintf(stderr, "oltui %s: audit entry #%lld (oltui audit)\n", verb,
			    (long long)r->audit_id);
		for (i = 0; i < r->nparams; i++)
			if (r->params[i].state == WPARAM_DIFFERS)
				fprintf(stderr, "  %s: wanted %s, read back %s\n",
				    r->params[i].path, r->params[i].want,
				    r->params[i].got != NULL ? r->params[i].got : "none");
		if (r->nleft > 0) {
			fprintf(stderr, "LEFT ON THE DEVICE (remove by hand or re-run):\n");
			for (i = 0; i < r->nleft; i++)
				fprintf(stderr, "  %s%s%s%s\n", r->left[i].command,
				    r->left[i].maybe ? "  (may not have been applied)" : "",
				    r->left[i].undo != NULL ? "\n      undo with: " : "",
				    r->left[i].undo != NULL ? r->left[i].undo : "");
		}
	}
}

bool
vw_confirm(const struct verb_common *c, const char *what)
{
	char line[16];
	FILE *tty;
	bool yes;

	if (c->yes || c->dry_run)
		return true;
	if (!isatty(STDIN_FILENO) || (tty = fopen("/dev/tty", "r+")) == NULL) {
		verb_fail(c, ERR_USAGE, "%s needs confirmation: add --yes", what);
		return false;
	}
	fprintf(tty, "%s. Proceed? [y/N] ", what);
	fflush(tty);
	yes = fgets(line, sizeof line, tty) != NULL && (line[0] == 'y' || line[0] == 'Y');
	fclose(tty);
	if (!yes)
		verb_fail(c, ERR_USAGE, "not confirmed; nothing was sent");
	return yes;
}

/* ---- undo ---- */

/* What `oltui undo` reads. */
struct undo_args {
	struct verb_common	 c;
	long			 entry;
	const char		*acs;	/* an ACS write's: this ACS, not config.ini's */
};

/* An audit entry's number, "12" or "#12". */
static int
parse_entry(const char *value, void *dst, char **cause)
{
	if (parse_long(value[0] == '#' ? value + 1 : value, 1, (long)(~0UL >> 1),
	    dst) != 0) {
		set_cause(cause, "the number of an audit entry (oltui audit), not '%s'", value);
		return -1;
	}
	return 0;
}

/* oltui undo ENTRY: the recorded inverse of an audited write (ops_undo). */
static int
verb_undo(void *args)
{
	struct undo_args *a = args;
	struct write_report rep;
	struct write_opts wo;
	struct op_target t;
	struct engine *e;
	char what[96];
	int rc;

	snprintf(what, sizeof what, "undo audit entry #%ld", a->entry);
	if (!vw_confirm(&a->c, what))
		return EXIT_USAGE;
	if ((rc = verb_engine(&a->c, ENGINE_VAULT, &e)) != EXIT_OK)
		return rc;
	wo = vw_write_opts(&a->c);
	wo.acs_url = a->acs;
	ops_undo(e, a->entry, &wo, &rep, &t);
	rc = vw_report(&a->c, &rep, t.what[0] != '\0' ? t.what : what);
	writes_report_free(&rep);
	engine_close(e);
	return rc;
}

static const struct verb_opt undo_opts[] = {
	VOPT_YES, VOPT_DRY_RUN, VOPT_JSON, VOPT_DEVICE,
	{ .name = "--acs", .type = VA_CUSTOM, .meta = "URL",
	  .off = offsetof(struct undo_args, acs), .parse = vw_parse_acs_url,
	  .help = "undoing a router's change: this ACS instead of config.ini's" },
	VOPT_END,
};
static const struct verb_pos undo_pos[] = {
	{ .meta = "ENTRY", .type = VA_CUSTOM, .off = offsetof(struct undo_args, entry),
	  .help = "the audit entry of the write to undo (oltui audit)",
	  .parse = parse_entry },
	VPOS_END,
};

/* ---- discover ---- */

/* What `oltui discover` reads. */
struct discover_args {
	struct verb_common	 c;
	struct verb_list	 olts;
};

/* oltui discover [OLT...] */
static int
verb_discover(void *args)
{
	struct discover_args *a = args;
	struct engine *e;
	struct op_found *rows = NULL;
	struct op_olt_result *res = NULL;
	struct err err = { 0 };
	size_t nrows = 0, nres = 0, i;
	int rc, status = EXIT_OK;
	cJSON *arr = NULL;

	if ((rc = verb_engine(&a->c, ENGINE_VAULT | ENGINE_WORKERS, &e)) != EXIT_OK)
		return rc;
	if (ops_discover(e, a->olts.v, a->olts.n, &rows, &nrows, &res, &nres, &err) != 0 &&
	    nres == 0) {
		engine_close(e);
		return verb_fail_err(&a->c, &err);
	}
	if (a->c.json) {
		arr = cJSON_CreateArray();

		for (i = 0; i < nrows; i++) {
			cJSON *o = cJSON_CreateObject();

			cJSON_AddStringToObject(o, "olt", rows[i].olt);
			cJSON_AddStringToObject(o, "port", rows[i].port);
			cJSON_AddStringToObject(o, "sn", rows[i].sn);
			cJSON_AddStringToObject(o, "vendor", rows[i].vendor);
			cJSON_AddStringToObject(o, "model", rows[i].model);
			cJSON_AddStringToObject(o, "software", rows[i].software);
			if (rows[i].found_at[0] != '\0')
				cJSON_AddStringToObject(o, "found_at", rows[i].found_at);
			else
				cJSON_AddNullToObject(o, "found_at");
			cJSON_AddItemToArray(arr, o);
		}
	} else {
		printf("%-12s %-8s %-12s %-6s %-14s %-16s %s\n", "OLT", "PORT", "SN",
		    "VENDOR", "MODEL", "SOFTWARE", "FOUND");
		for (i = 0; i < nrows; i++)
			printf("%-12s %-8s %-12s %-6s %-14s %-16s %s\n", rows[i].olt,
			    rows[i].port, rows[i].sn, rows[i].vendor, rows[i].model,
			    rows[i].software, rows[i].found_at);
		if (nrows == 0)
			printf("(no unauthorised ONTs)\n");
	}
	/* An OLT that did not answer: on stderr, and the worst decides the
	   exit status (the rows of the others are the result). */
	for (i = 0; i < nres; i++) {
		if (res[i].kind == ERR_NONE)
			continue;
		fprintf(stderr, "oltui discover: %s: %s\n", res[i].olt,
		    res[i].error != NULL ? res[i].error : "failed");
		if (verb_exit_of(res[i].kind) > status)
			status = verb_exit_of(res[i].kind);
	}
	if (arr != NULL)
		verb_print_json(arr);
	op_olt_results_free(res, nres);
	free(rows);
	err_clear(&err);
	engine_close(e);
	return status;
}

/* ---- provision ---- */

char *
vw_secret_file(const struct verb_common *c, const char *path)
{
	char *cause = NULL, *s = vault_read_secret(path, NULL, &cause);

	if (s == NULL)
		verb_fail_cause(c, ERR_REFUSED, cause);
	return s;
}

/* What the batch reports to its callback. */
struct batch_print {
	const struct verb_common *c;
	const struct op_batch_line *lines;
	cJSON	*arr;		/* --json: one object per line */
	int	 worst;
	size_t	 fates[OP_BATCH_FATE_COUNT];
};

/* Prints one line of a batch with its fate. */
static void
batch_each(void *arg, size_t i, enum op_batch_fate fate, const struct write_report *rep,
    const struct op_target *t)
{
	struct batch_print *bp = arg;
	const char *sn = bp->lines[i].sn;
	int rc = EXIT_OK;

	bp->fates[fate]++;
	if (bp->arr != NULL) {
		cJSON *o = cJSON_CreateObject();

		cJSON_AddNumberToObject(o, "line", (double)bp->lines[i].lineno);
		cJSON_AddStringToObject(o, "sn", sn);
		cJSON_AddStringToObject(o, "fate", op_batch_fate_name(fate));
		if (rep != NULL) {
			cJSON_AddNumberToObject(o, "ont_id", (double)t->ont_id);
			cJSON_AddStringToObject(o, "status", vw_status_name(rep->status));
			cJSON_AddNumberToObject(o, "audit_id", (double)rep->audit_id);
			cJSON_AddNumberToObject(o, "ms", (double)rep->ms);
			if (rep->cause != NULL)
				cJSON_AddStringToObject(o, "cause", rep->cause);
			if (rep->status != WRITE_DONE)
				verb_json_error(o, vw_status_kind(rep->status),
				    rep->cause != NULL ? rep->cause : writes_outcome_text(rep));
			rc = (int)rep->status;
		}
		cJSON_AddItemToArray(bp->arr, o);
	} else if (rep != NULL) {
		rc = vw_report(bp->c, rep, t->what);
	} else {
		printf("%s (line %zu): %s\n", sn, bp->lines[i].lineno,
		    fate == OPB_SKIPPED ? "skipped: provisioned on this OLT by an "
		    "earlier run" : "not attempted: the batch stopped before it");
	}
	if (fate == OPB_NOT_ATTEMPTED && bp->worst < EXIT_FAIL)
		rc = EXIT_FAIL;
	if (rc > bp->worst)
		bp->worst = rc;
}

/* What `provision` reads. */
struct prov_args {
	struct verb_common	 c;
	const char		*olt, *port, *sn, *contract, *profile, *desc, *model;
	const char		*pppoe_user, *vlan_profile, *acs_user;
	const char		*pppoe_pw_file;	/* secrets come from files only */
	const char		*acs_pw_file;
	const char		*batch;
	bool			 resume;
	long			 ont_id, vlan, user_vlan;
};

/* Reads the "SN [ONT-ID]" lines of a batch file into *lines
   (verb_batch.h).  EXIT_OK, or an exit status after printing why, naming
   the line. */
static int
batch_read(const struct verb_common *c, const char *path, struct op_batch_line **lines,
    size_t *n)
{
	struct buf b = { 0 };
	char chunk[8192], *cause = NULL;
	size_t got;
	FILE *f;
	int rc;

	*lines = NULL;
	*n = 0;
	if ((f = fopen(path, "r")) == NULL)
		return verb_fail(c, ERR_REFUSED, "cannot read %s: %s", path, strerror(errno));
	while ((got = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_add(&b, chunk, got);
	if (ferror(f)) {
		rc = verb_fail(c, ERR_REFUSED, "cannot read %s: %s", path, strerror(errno));
		fclose(f);
		buf_free(&b);
		return rc;
	}
	fclose(f);
	rc = verb_batch_parse(buf_str(&b), b.len, path, lines, n, &cause);
	buf_free(&b);
	return rc == 0 ? EXIT_OK : verb_fail_cause(c, ERR_USAGE, cause);
}

/* Provisions every "SN [ONT-ID]" line of path as base, one plan after the
   other on the same pooled session (ops_provision_batch).  Returns the
   worst exit status. */
static int
provision_batch(struct engine *e, const struct op_req *base, const struct prov_args *a)
{
	struct write_opts o = vw_write_opts(&a->c);
	struct batch_print bp = { .c = &a->c };
	struct op_batch_line *lines;
	int64_t t0 = mono_ms();
	size_t n;
	int rc;

	if ((rc = batch_read(&a->c, a->batch, &lines, &n)) != EXIT_OK)
		return rc;
	bp.lines = lines;
	bp.arr = a->c.json ? cJSON_CreateArray() : NULL;
	ops_provision_batch(e, base, lines, n, a->resume, &o, batch_each, &bp);
	if (bp.arr != NULL) {
		verb_print_json(bp.arr);
	} else {
		printf("batch: %zu lines in %.1f s:", n, (double)(mono_ms() - t0) / 1000.0);
		for (int f = 0; f < OP_BATCH_FATE_COUNT; f++)
			if (bp.fates[f] > 0)
				printf(" %zu %s", bp.fates[f], op_batch_fate_name((enum op_batch_fate)f));
		printf("\n");
		if (bp.fates[OPB_NOT_ATTEMPTED] > 0 || bp.fates[OPB_REFUSED] > 0 ||
		    bp.fates[OPB_UNDONE] > 0)
			printf("run the same command with --resume to try the lines not "
			    "done (the ones provisioned are skipped)\n");
	}
	free(lines);
	return bp.worst;
}

/* The request of `provision` from its arguments.  EXIT_OK, or EXIT_USAGE
   after printing why. */
static int
provision_req(const struct prov_args *a, struct op_req *rq)
{
	static const struct { size_t off, rq_off, size; } text[] = {
#define T(m, f) { offsetof(struct prov_args, m), offsetof(struct op_req, f), \
	sizeof(((struct op_req *)0)->f) }
		T(olt, olt), T(port, port), T(sn, sn), T(contract, contract),
		T(profile, profile), T(desc, desc), T(model, model),
		T(pppoe_user, pppoe_user), T(vlan_profile, vlan_profile),
		T(acs_user, acs_user),
#undef T
	};

	op_req_init(rq, OP_PROVISION);
	for (size_t i = 0; i < nitems(text); i++) {
		const char *v = *(const char *const *)(const void *)((const char *)a +
		    text[i].off);

		if (v != NULL)
			strlcpy_((char *)rq + text[i].rq_off, v, text[i].size);
	}
	if ((a->sn == NULL) == (a->batch == NULL))
		return verb_fail(&a->c, ERR_USAGE, "give --sn SN, or --batch FILE for many "
		    "ONTs (not both)");
	if (a->profile == NULL && a->vlan == 0)
		return verb_fail(&a->c, ERR_USAGE, "give --profile NAME (see `oltui profile "
		    "list`) or at least --vlan N");
	rq->ont_id = (int)a->ont_id;
	rq->vlan = (int)a->vlan;
	rq->user_vlan = (int)a->user_vlan;
	return EXIT_OK;
}

/* oltui provision --olt NAME --port F/S/P --sn SN [...] */
static int
verb_provision(void *args)
{
	struct prov_args *a = args;
	struct op_req rq;
	struct op_target t;
	struct write_opts wo;
	struct write_report rep;
	struct engine *e = NULL;
	char *pppoe_pw = NULL, *acs_pw = NULL;
	int rc;

	if ((rc = provision_req(a, &rq)) != EXIT_OK)
		return rc;
	if ((rc = verb_engine(&a->c, ENGINE_VAULT, &e)) != EXIT_OK)
		return rc;
	if (a->pppoe_pw_file != NULL) {
		if ((pppoe_pw = vw_secret_file(&a->c, a->pppoe_pw_file)) == NULL) {
			rc = EXIT_FAIL;
			goto out;
		}
		rq.pppoe_password = pppoe_pw;
		audit_secret(engine_store(e, NULL), pppoe_pw);
	}
	if (a->acs_pw_file != NULL) {
		if ((acs_pw = vw_secret_file(&a->c, a->acs_pw_file)) == NULL) {
			rc = EXIT_FAIL;
			goto out;
		}
		rq.acs_password = acs_pw;
		audit_secret(engine_store(e, NULL), acs_pw);
	}
	if (a->batch != NULL) {
		rc = provision_batch(e, &rq, a);
		goto out;
	}
	wo = vw_write_opts(&a->c);
	ops_write(e, &rq, &wo, &rep, &t);
	rc = vw_report(&a->c, &rep, t.what);
	writes_report_free(&rep);
out:
	if (pppoe_pw != NULL)
		vault_secret_free(pppoe_pw);
	if (acs_pw != NULL)
		vault_secret_free(acs_pw);
	engine_close(e);
	return rc;
}

#define PV(m) offsetof(struct prov_args, m)

static const struct verb_opt provision_opts[] = {
	{ .name = "--olt", .type = VA_NAME, .meta = "NAME", .off = PV(olt),
	  .flags = VO_REQUIRED, .help = "the OLT (oltui olt list)" },
	{ .name = "--port", .type = VA_STRING, .meta = "F/S/P", .off = PV(port),
	  .max = PORT_MAX_LEN, .flags = VO_REQUIRED, .help = "the PON port the ONT is on" },
	{ .name = "--sn", .type = VA_STRING, .meta = "SN", .off = PV(sn), .max = SN_MAX_LEN,
	  .help = "the ONT's serial (oltui discover lists them)" },
	{ .name = "--batch", .type = VA_PATH, .meta = "FILE", .off = PV(batch),
	  .help = "provision every \"SN [ONT-ID]\" line of FILE instead of --sn" },
	{ .name = "--resume", .type = VA_FLAG, .off = PV(resume),
	  .help = "--batch: skip the serials already provisioned on this OLT (a "
	  "batch run again after it stopped)" },
	{ .name = "--ont-id", .type = VA_INT, .meta = "N", .off = PV(ont_id), .min = 0,
	  .max = 255, .def = -1, .help = "the ONT id (default: the port's first free one)" },
	{ .name = "--profile", .type = VA_NAME, .meta = "NAME", .off = PV(profile),
	  .help = "the service profile (oltui profile list): VLAN, speeds, WAN, ACS" },
	{ .name = "--vlan", .type = VA_INT, .meta = "N", .off = PV(vlan), .min = 1,
	  .max = 4094, .help = "the service VLAN (over the profile's)" },
	{ .name = "--user-vlan", .type = VA_INT, .meta = "N", .off = PV(user_vlan),
	  .min = 1, .max = 4094, .help = "the customer-side VLAN (default: the VLAN)" },
	{ .name = "--contract", .type = VA_NAME, .meta = "CODE", .off = PV(contract),
	  .help = "link the ONT to this contract once provisioned" },
	{ .name = "--desc", .type = VA_STRING, .meta = "TEXT", .off = PV(desc), .max = 64,
	  .help = "the ONT's description on the OLT" },
	{ .name = "--model", .type = VA_STRING, .meta = "TYPE", .off = PV(model), .max = 32,
	  .help = "the ONT type (default: the driver's)" },
	{ .name = "--vlan-profile", .type = VA_STRING, .meta = "NAME", .off = PV(vlan_profile),
	  .max = 32, .help = "the WAN's VLAN profile on the OLT" },
	{ .name = "--pppoe-user", .type = VA_STRING, .meta = "USER", .off = PV(pppoe_user),
	  .max = 64, .help = "the PPPoE login of the ONT's WAN" },
	{ .name = "--pppoe-password-file", .type = VA_SECRET_FILE, .meta = "FILE",
	  .off = PV(pppoe_pw_file), .help = "file holding the PPPoE password" },
	{ .name = "--acs-user", .type = VA_STRING, .meta = "USER", .off = PV(acs_user),
	  .max = 64, .help = "the TR-069 ACS login" },
	{ .name = "--acs-password-file", .type = VA_SECRET_FILE, .meta = "FILE",
	  .off = PV(acs_pw_file), .help = "file holding the TR-069 ACS password" },
	VOPT_DRY_RUN,
	VOPT_JSON,
	VOPT_DEVICE,
	VOPT_END,
};

int
vw_provision_request(int argc, char **argv, const struct globals *g, struct op_req *rq)
{
	struct prov_args a = { .c = { .g = g, .name = "provision" } };
	char *cause = NULL;
	int rc;

	rc = verb_args_parse(provision_opts, NULL, argc - 1, argv + 1, &a, 0, NULL, &cause);
	if (rc != VA_OK) {
		verb_fail(&a.c, ERR_USAGE, "%s", cause != NULL ? cause : "--help");
		free(cause);
		rc = EXIT_USAGE;
	} else
		rc = provision_req(&a, rq);
	verb_args_free(provision_opts, NULL, &a);
	return rc;
}

#define BK(m) offsetof(struct vw_name_args, m)

static const struct verb_opt discover_opts[] = { VOPT_JSON, VOPT_DEVICE, VOPT_END };
static const struct verb_pos discover_pos[] = {
	{ .meta = "OLT", .type = VA_NAME, .off = offsetof(struct discover_args, olts),
	  .flags = VO_OPTIONAL | VO_MULTI, .help = "the OLTs to read (default: every OLT)" },
	VPOS_END,
};
static const struct verb_pos backup_pos[] = {
	{ .meta = "OLT", .type = VA_NAME, .off = BK(name), .help = "the OLT to back up" },
	VPOS_END,
};

const struct verb verbs_write[] = {
	{ .name = "discover", .summary = "list unauthorised ONTs (autofind) of every OLT, "
	  "in parallel", .opts = discover_opts, .pos = discover_pos,
	  .size = sizeof(struct discover_args), .run = verb_discover },
	{ .name = "provision", .summary = "authorise and configure an ONT (--dry-run "
	  "prints the commands and their undo)", .opts = provision_opts,
	  .size = sizeof(struct prov_args), .run = verb_provision,
	  .more = "Give --sn for one ONT or --batch FILE for many, and --profile or at "
	  "least --vlan.  A value that starts with a dash is written --desc=-x." },
	{ .name = "ont", .summary = "read and change ONTs on the OLT (destructive "
	  "actions ask, or take --yes)", .subs = vw_ont_subs },
	{ .name = "undo", .summary = "undo an audited write: its recorded inverse, once "
	  "the device is found as that write left it", .opts = undo_opts, .pos = undo_pos,
	  .size = sizeof(struct undo_args), .run = verb_undo,
	  .more = "The device is read first: when it is no longer as that write left it "
	  "(someone changed it since), nothing is sent and the differences are listed." },
	{ .name = "backup", .summary = "store the OLT's running configuration (hash, diff "
	  "against the previous)", .opts = vw_backup_opts, .pos = backup_pos,
	  .size = sizeof(struct vw_name_args), .run = vw_backup },
	VERB_END,
};
