/*
 * verb_write.c — the verbs that talk to OLTs and change them: discover,
 * provision, ont (verb_ont.c), backup; and `olt test` / `contract
 * suspend|resume`, which the inventory verbs route here.
 *
 * (backup, olt test and contract suspend/resume are in verb_olt_ops.c.)
 *
 * Every write goes through core/writes.c (plan, preview, audit, steps,
 * undo, verification); these functions only parse arguments, resolve
 * names through the store, and print.  Exit statuses: 0 done, 1 the device
 * refused (or verification failed), 2 usage, 3 unreachable.  With --json
 * one JSON document goes to stdout; messages go to stderr either way.
 *
 * Secrets: OLT passwords are unsealed from the store with the vault
 * (--key-file), PPPoE/ACS passwords come from files, never argv, and are
 * masked in every preview and in the audit.  Main thread only.
 */
#include "tui/verbs/verb_write.h"

#include <cjson/cJSON.h>
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
#include "tui/verbs/verb_inv.h"

/* ---- shared helpers ---- */

int
vw_common_opt(struct vw_common *c, const char *verb, int argc, char **argv, int i)
{
	const char *o = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;

	if (strcmp(o, "--json") == 0)
		c->json = true;
	else if (strcmp(o, "--yes") == 0 || strcmp(o, "-y") == 0)
		c->yes = true;
	else if (strcmp(o, "--dry-run") == 0)
		c->dry_run = true;
	else if (strcmp(o, "--accept-new-host-key") == 0)
		c->accept_new_host_key = true;
	else if (strcmp(o, "--known-hosts") == 0 || strcmp(o, "--timeout") == 0) {
		if (v == NULL) {
			verb_usage_error(verb, "%s needs a value", o);
			return -1;
		}
		if (o[2] == 'k')
			c->known_hosts = v;
		else if (parse_long(v, 100, 3600000, &c->timeout_ms) != 0) {
			verb_usage_error(verb, "--timeout: must be milliseconds from 100 "
			    "to 3600000, not '%s'", v);
			return -1;
		}
		return 2;
	} else
		return 0;
	return 1;
}

int
vw_open(const struct globals *g, const struct vw_common *c, const char *verb,
    bool workers, struct engine **e)
{
	struct engine_opts o = { 0 };
	char *cause = NULL;

	/* A device that hangs up mid-write must be an error, not SIGPIPE. */
	signal(SIGPIPE, SIG_IGN);
	o.db_path = g->db_path;
	o.config_dir = g->config_dir;
	o.key_file = g->key_file;
	o.known_hosts = c->known_hosts;
	o.accept_new_host_key = c->accept_new_host_key;
	o.command_timeout_ms = (int)c->timeout_ms;
	o.login_timeout_ms = (int)c->timeout_ms;
	o.flags = ENGINE_VAULT | (workers ? ENGINE_WORKERS : 0);
	if (engine_open(&o, e, &cause) != 0)
		return vi_fail(verb, cause);
	if (engine_key_created(*e))
		fprintf(stderr, "created key file %s (keep it safe, mode 0600)\n", g->key_file);
	return EXIT_OK;
}

struct write_opts
vw_write_opts(const struct vw_common *c)
{
	struct write_opts o = { 0 };

	o.dry_run = c->dry_run;
	o.step_timeout_ms = (int)c->timeout_ms;
	return o;
}

int
vw_exit_of(enum err_kind k)
{
	return (int)writes_status_of(k);
}

int
vw_fail_err(const char *verb, struct err *e)
{
	int rc = vw_exit_of(e->kind);

	if (e->kind == ERR_USAGE)
		verb_usage_error(verb, "%s", err_text(e));
	else
		fprintf(stderr, "oltui %s: %s\n", verb, err_text(e));
	err_clear(e);
	return rc == EXIT_OK ? EXIT_FAIL : rc;
}

const char *
vw_status_name(enum write_status s)
{
	static const char *const n[] = { "ok", "failed", "usage", "unreachable" };

	return (unsigned)s < 4 ? n[s] : "failed";
}

int
vw_report(const char *verb, const struct write_report *r, bool json, const char *what)
{
	size_t i;

	if (json) {
		cJSON *j = cJSON_CreateObject(), *arr;

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
		vi_print_json(j);
	} else if (r->status == WRITE_DONE) {
		if (r->unchanged)
			printf("%s: %s\n", what, writes_outcome_text(r));
		else if (r->audit_id == 0) {
			printf("%s", r->preview != NULL ? r->preview : "");
			printf("dry run: nothing was sent to the device\n");
		} else
			printf("%s: %s (%zu step%s, %.1f s, audit #%lld)\n", what,
			    writes_outcome_text(r), r->applied, r->applied == 1 ? "" : "s",
			    (double)r->ms / 1000.0, (long long)r->audit_id);
		if (r->cause != NULL)
			fprintf(stderr, "oltui %s: warning: %s\n", verb, r->cause);
	}
	if (r->status != WRITE_DONE) {
		if (r->cause != NULL)
			fprintf(stderr, "oltui %s: %s\n", verb, r->cause);
		if (r->status != WRITE_USAGE)
			fprintf(stderr, "oltui %s: %s: %s%s\n", verb, what,
			    writes_outcome_text(r), r->audit_id > 0 ? "" : "");
		if (r->audit_id > 0)
			fprintf(stderr, "oltui %s: audit entry #%lld (oltui audit)\n", verb,
			    (long long)r->audit_id);
		if (r->nleft > 0) {
			fprintf(stderr, "LEFT ON THE DEVICE (remove by hand or re-run):\n");
			for (i = 0; i < r->nleft; i++)
				fprintf(stderr, "  %s%s%s%s\n", r->left[i].command,
				    r->left[i].maybe ? "  (may not have been applied)" : "",
				    r->left[i].undo != NULL ? "\n      undo with: " : "",
				    r->left[i].undo != NULL ? r->left[i].undo : "");
		}
	}
	return (int)r->status;
}

bool
vw_confirm(const char *verb, const struct vw_common *c, const char *what)
{
	char line[16];
	FILE *tty;
	bool yes;

	if (c->yes || c->dry_run)
		return true;
	if (!isatty(STDIN_FILENO) || (tty = fopen("/dev/tty", "r+")) == NULL) {
		fprintf(stderr, "oltui %s: %s needs confirmation: add --yes\n", verb, what);
		return false;
	}
	fprintf(tty, "%s. Proceed? [y/N] ", what);
	fflush(tty);
	yes = fgets(line, sizeof line, tty) != NULL && (line[0] == 'y' || line[0] == 'Y');
	fclose(tty);
	if (!yes)
		fprintf(stderr, "oltui %s: not confirmed; nothing was sent\n", verb);
	return yes;
}

/* ---- undo ---- */

/* oltui undo ENTRY [--dry-run] [--yes] [--json]: the recorded inverse of
   an audited write (ops_undo). */
static int
verb_undo(int argc, char **argv, const struct globals *g)
{
	struct vw_common c = { .json = g->json };
	struct write_report rep;
	struct write_opts wo;
	struct op_target t;
	struct engine *e;
	const char *entry = NULL;
	long id = 0;
	char what[96];
	int rc;

	for (int i = 1; i < argc; i++) {
		int n = vw_common_opt(&c, "undo", argc, argv, i);

		if (n < 0)
			return EXIT_USAGE;
		if (n > 0) {
			i += n - 1;
			continue;
		}
		if (argv[i][0] == '-' || entry != NULL)
			return verb_usage_error("undo", "unexpected '%s' (usage: oltui undo ENTRY "
			    "[--dry-run] [--yes] [--json])", argv[i]);
		entry = argv[i];
	}
	if (entry == NULL || parse_long(entry[0] == '#' ? entry + 1 : entry, 1,
	    (long)(~0UL >> 1), &id) != 0)
		return verb_usage_error("undo", "ENTRY: the number of an audit entry (see "
		    "`oltui audit`), got '%s'", entry != NULL ? entry : "");
	snprintf(what, sizeof what, "undo audit entry #%ld", id);
	if (!vw_confirm("undo", &c, what))
		return EXIT_FAIL;
	if ((rc = vw_open(g, &c, "undo", false, &e)) != EXIT_OK)
		return rc;
	wo = vw_write_opts(&c);
	ops_undo(e, id, &wo, &rep, &t);
	rc = vw_report("undo", &rep, c.json, t.what[0] != '\0' ? t.what : what);
	writes_report_free(&rep);
	engine_close(e);
	return rc;
}

/* ---- discover ---- */

/* oltui discover [OLT...] */
static int
verb_discover(int argc, char **argv, const struct globals *g)
{
	struct vw_common c = { .json = g->json };
	struct engine *e;
	struct op_found *rows = NULL;
	struct op_olt_result *res = NULL;
	struct err err = { 0 };
	const char *names[64];
	size_t nrows = 0, nres = 0, i;
	int n = 0, k, rc, status = EXIT_OK;

	for (k = 1; k < argc; k++) {
		if ((rc = vw_common_opt(&c, "discover", argc, argv, k)) < 0)
			return EXIT_USAGE;
		if (rc > 0) {
			k += rc - 1;
			continue;
		}
		if (argv[k][0] == '-')
			return verb_usage_error("discover", "unknown option %s", argv[k]);
		if (n == 64)
			return verb_usage_error("discover", "at most 64 OLTs at once");
		names[n++] = argv[k];
	}
	if ((rc = vw_open(g, &c, "discover", true, &e)) != EXIT_OK)
		return rc;
	if (ops_discover(e, names, (size_t)n, &rows, &nrows, &res, &nres, &err) != 0 &&
	    nres == 0) {
		engine_close(e);
		return vw_fail_err("discover", &err);
	}
	if (c.json) {
		cJSON *arr = cJSON_CreateArray();

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
		vi_print_json(arr);
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
	for (i = 0; i < nres; i++) {
		if (res[i].kind == ERR_NONE)
			continue;
		fprintf(stderr, "oltui discover: %s: %s\n", res[i].olt,
		    res[i].error != NULL ? res[i].error : "failed");
		if (vw_exit_of(res[i].kind) > status)
			status = vw_exit_of(res[i].kind);
	}
	op_olt_results_free(res, nres);
	free(rows);
	err_clear(&err);
	engine_close(e);
	return status;
}

/* ---- provision ---- */

/* Reads a one-line secret from a file; NULL with a message on failure. */
static char *
secret_file(const char *verb, const char *path)
{
	char *cause = NULL, *s = vault_read_secret(path, NULL, &cause);

	if (s == NULL) {
		fprintf(stderr, "oltui %s: %s\n", verb, cause);
		free(cause);
	}
	return s;
}

/* What the batch reports to its callback. */
struct batch_print {
	cJSON	*arr;		/* --json: one object per ONT */
	int	 worst;
	size_t	 done;
};

/* Prints one ONT of a batch. */
static void
batch_each(void *arg, size_t i, const struct write_report *rep, const struct op_target *t)
{
	struct batch_print *bp = arg;
	int rc;

	(void)i;
	if (bp->arr != NULL) {
		cJSON *o = cJSON_CreateObject();

		cJSON_AddStringToObject(o, "sn", t->sn);
		cJSON_AddNumberToObject(o, "ont_id", (double)t->ont_id);
		cJSON_AddStringToObject(o, "status", vw_status_name(rep->status));
		cJSON_AddNumberToObject(o, "audit_id", (double)rep->audit_id);
		cJSON_AddNumberToObject(o, "ms", (double)rep->ms);
		if (rep->cause != NULL)
			cJSON_AddStringToObject(o, "cause", rep->cause);
		cJSON_AddItemToArray(bp->arr, o);
		rc = (int)rep->status;
	} else
		rc = vw_report("provision", rep, false, t->what);
	if (rc > bp->worst)
		bp->worst = rc;
	bp->done++;
}

/* Provisions every "SN [ONT-ID]" line of path as base, one plan after the
   other on the same pooled session (ops_provision_batch).  Returns the
   worst exit status. */
static int
provision_batch(struct engine *e, const struct op_req *base, const char *path,
    const struct vw_common *c)
{
	struct write_opts o = vw_write_opts(c);
	struct batch_print bp = { .arr = c->json ? cJSON_CreateArray() : NULL };
	struct op_batch_line *lines = NULL;
	char line[256], sn[64];
	int64_t t0 = mono_ms();
	size_t n = 0, lineno = 0;
	FILE *f;

	if ((f = fopen(path, "r")) == NULL) {
		cJSON_Delete(bp.arr);
		return vi_fail("provision", xasprintf("cannot read %s", path));
	}
	while (fgets(line, sizeof line, f) != NULL) {
		long id = -1;

		lineno++;
		if (sscanf(line, "%63s %ld", sn, &id) < 1 || sn[0] == '#')
			continue;
		if (str_has_control(sn) || id < -1 || id > 255) {
			fclose(f);
			free(lines);
			cJSON_Delete(bp.arr);
			return verb_usage_error("provision", "%s line %zu: \"SN [ONT-ID]\" "
			    "with an id 0-255", path, lineno);
		}
		lines = xreallocarray(lines, n + 1, sizeof *lines);
		strlcpy_(lines[n].sn, sn, sizeof lines[n].sn);
		lines[n++].ont_id = (int)id;
	}
	fclose(f);
	ops_provision_batch(e, base, lines, n, &o, batch_each, &bp);
	free(lines);
	if (bp.arr != NULL)
		vi_print_json(bp.arr);
	else
		printf("batch: %zu ONTs in %.1f s\n", bp.done, (double)(mono_ms() - t0) / 1000.0);
	return bp.worst;
}

/* What `provision` reads besides the request. */
struct prov_args {
	struct vw_common	 c;
	const char		*pppoe_pw_file;	/* secrets come from files only */
	const char		*acs_pw_file;
	const char		*batch;
};

/* Parses `provision ...` into rq and a.  EXIT_OK, or EXIT_USAGE after
   printing why. */
static int
provision_parse(int argc, char **argv, const struct globals *g, struct op_req *rq,
    struct prov_args *a)
{
	long ont_id = -1, vlan = 0, uvlan = 0;
	int k, rc;

	memset(a, 0, sizeof *a);
	a->c.json = g->json;
	op_req_init(rq, OP_PROVISION);
	for (k = 1; k < argc; k++) {
		const char *o = argv[k], *val = k + 1 < argc ? argv[k + 1] : NULL;
		char *field = NULL;
		size_t size = 0;

		if ((rc = vw_common_opt(&a->c, "provision", argc, argv, k)) < 0)
			return EXIT_USAGE;
		if (rc > 0) {
			k += rc - 1;
			continue;
		}
		if (val == NULL)
			return verb_usage_error("provision", "%s needs a value", o);
		k++;
		if (strcmp(o, "--olt") == 0)
			field = rq->olt, size = sizeof rq->olt;
		else if (strcmp(o, "--port") == 0)
			field = rq->port, size = sizeof rq->port;
		else if (strcmp(o, "--sn") == 0)
			field = rq->sn, size = sizeof rq->sn;
		else if (strcmp(o, "--contract") == 0)
			field = rq->contract, size = sizeof rq->contract;
		else if (strcmp(o, "--profile") == 0)
			field = rq->profile, size = sizeof rq->profile;
		else if (strcmp(o, "--desc") == 0)
			field = rq->desc, size = sizeof rq->desc;
		else if (strcmp(o, "--model") == 0)
			field = rq->model, size = sizeof rq->model;
		else if (strcmp(o, "--pppoe-user") == 0)
			field = rq->pppoe_user, size = sizeof rq->pppoe_user;
		else if (strcmp(o, "--vlan-profile") == 0)
			field = rq->vlan_profile, size = sizeof rq->vlan_profile;
		else if (strcmp(o, "--acs-user") == 0)
			field = rq->acs_user, size = sizeof rq->acs_user;
		else if (strcmp(o, "--pppoe-password-file") == 0)
			a->pppoe_pw_file = val;
		else if (strcmp(o, "--acs-password-file") == 0)
			a->acs_pw_file = val;
		else if (strcmp(o, "--batch") == 0)
			a->batch = val;
		else if (strcmp(o, "--ont-id") == 0) {
			if (parse_long(val, 0, 255, &ont_id) != 0)
				return verb_usage_error("provision", "--ont-id: must be a whole "
				    "number from 0 to 255, not '%s'", val);
		} else if (strcmp(o, "--vlan") == 0 || strcmp(o, "--user-vlan") == 0) {
			if (parse_long(val, 1, 4094, o[2] == 'v' ? &vlan : &uvlan) != 0)
				return verb_usage_error("provision", "%s: must be a whole "
				    "number from 1 to 4094, not '%s'", o, val);
		} else
			return verb_usage_error("provision", "unknown option %s", o);
		if (field != NULL) {
			if (str_has_control(val))
				return verb_usage_error("provision", "control characters are not "
				    "allowed");
			if (strlen(val) >= size)
				return verb_usage_error("provision", "%s: at most %zu characters",
				    o, size - 1);
			strlcpy_(field, val, size);
		}
	}
	if (rq->olt[0] == '\0' || rq->port[0] == '\0' ||
	    (rq->sn[0] == '\0') == (a->batch == NULL))
		return verb_usage_error("provision", "--olt, --port and --sn (or --batch "
		    "FILE) are required");
	if (rq->profile[0] == '\0' && vlan == 0)
		return verb_usage_error("provision", "give --profile NAME (see `oltui "
		    "profile list`) or at least --vlan N");
	rq->ont_id = (int)ont_id;
	rq->vlan = (int)vlan;
	rq->user_vlan = (int)uvlan;
	return EXIT_OK;
}

int
vw_provision_request(int argc, char **argv, const struct globals *g, struct op_req *rq)
{
	struct prov_args a;

	return provision_parse(argc, argv, g, rq, &a);
}

/* oltui provision --olt NAME --port F/S/P --sn SN [...] */
static int
verb_provision(int argc, char **argv, const struct globals *g)
{
	struct prov_args a;
	struct op_req rq;
	struct op_target t;
	struct write_opts wo;
	struct write_report rep;
	struct engine *e = NULL;
	char *pppoe_pw = NULL, *acs_pw = NULL;
	int rc;

	if ((rc = provision_parse(argc, argv, g, &rq, &a)) != EXIT_OK)
		return rc;
	if ((rc = vw_open(g, &a.c, "provision", false, &e)) != EXIT_OK)
		return rc;
	if (a.pppoe_pw_file != NULL) {
		if ((pppoe_pw = secret_file("provision", a.pppoe_pw_file)) == NULL) {
			rc = EXIT_USAGE;
			goto out;
		}
		rq.pppoe_password = pppoe_pw;
		audit_secret(engine_store(e, NULL), pppoe_pw);
	}
	if (a.acs_pw_file != NULL) {
		if ((acs_pw = secret_file("provision", a.acs_pw_file)) == NULL) {
			rc = EXIT_USAGE;
			goto out;
		}
		rq.acs_password = acs_pw;
		audit_secret(engine_store(e, NULL), acs_pw);
	}
	if (a.batch != NULL) {
		rc = provision_batch(e, &rq, a.batch, &a.c);
		goto out;
	}
	wo = vw_write_opts(&a.c);
	ops_write(e, &rq, &wo, &rep, &t);
	rc = vw_report("provision", &rep, a.c.json, t.what);
	writes_report_free(&rep);
out:
	if (pppoe_pw != NULL)
		vault_secret_free(pppoe_pw);
	if (acs_pw != NULL)
		vault_secret_free(acs_pw);
	engine_close(e);
	return rc;
}

const struct verb verbs_write[] = {
	{ "discover", "[OLT...] [--json] [--accept-new-host-key] [--known-hosts F]",
	  "list unauthorised ONTs (autofind) of every OLT, in parallel", verb_discover },
	{ "provision",
	  "--olt NAME --port F/S/P --sn SN [--ont-id N] [--contract C] [--profile NAME] "
	  "[--vlan N] [--user-vlan N] [--desc TEXT] [--model T] [--pppoe-user U] "
	  "[--pppoe-password-file F] [--acs-user U] [--acs-password-file F] [--batch FILE] [--dry-run] [--json] [--timeout MS]",
	  "authorise and configure an ONT (dry run prints the commands and their undo)",
	  verb_provision },
	{ "ont",
	  "list|show|enable|disable|reboot|delete|move|replace|set [SN | --olt O --port P "
	  "--ont-id N] [--to-port P] [--to-ont-id N] [--new-sn SN] [--vlan N] "
	  "[--speed D/U] [--desc T] [--live] [--yes] [--dry-run] [--json]",
	  "read and change ONTs on the OLT (destructive actions ask, or take --yes)",
	  vw_verb_ont },
	{ "undo", "ENTRY [--dry-run] [--yes] [--json] [--timeout MS]",
	  "undo an audited write: its recorded inverse, once the device is found as that "
	  "write left it", verb_undo },
	{ "backup", "OLT [--json]",
	  "store the OLT's running configuration (hash, diff against the previous)",
	  vw_verb_backup },
	{ NULL, NULL, NULL, NULL },
};
