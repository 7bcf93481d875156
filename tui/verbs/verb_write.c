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
#include "core/config.h"
#include "core/contract_ops.h"
#include "core/store.h"
#include "core/unlock.h"
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
    struct store **st, struct vault **v, struct device **d)
{
	struct device_opts o = { 0 };
	struct config *cfg;
	char *cause = NULL;
	bool created = false;

	*v = NULL;
	*d = NULL;
	/* A device that hangs up mid-write must be an error, not SIGPIPE. */
	signal(SIGPIPE, SIG_IGN);
	if ((*st = vi_open_store(g, verb)) == NULL)
		return EXIT_FAIL;
	if ((*v = unlock_vault(*st, g->key_file, &created, &cause)) == NULL) {
		store_close(*st);
		*st = NULL;
		return vi_fail(verb, cause);
	}
	o.known_hosts = c->known_hosts;
	o.accept_new_host_key = c->accept_new_host_key;
	o.command_timeout_ms = (int)c->timeout_ms;
	if (o.command_timeout_ms == 0 && (cfg = config_load(g->config_dir, &cause)) != NULL) {
		o.command_timeout_ms = (int)config_int(cfg, "session.command_timeout_s") * 1000;
		config_free(cfg);
	}
	free(cause);
	if (c->timeout_ms > 0)
		o.login_timeout_ms = (int)c->timeout_ms;
	*d = device_open(*st, *v, &o);
	return EXIT_OK;
}

void
vw_close(struct store *st, struct vault *v, struct device *d)
{
	device_close(d);
	vault_free(v);
	store_close(st);
}

int
vw_ctx(struct store *st, struct device *d, const char *olt, const char *verb,
    const struct vw_common *c, struct write_ctx *w)
{
	const struct olt *o;
	char *cause = NULL;
	int rc = device_load(d, olt, &cause);

	if (rc != 1) {
		if (rc == 0)
			return verb_usage_error(verb, "no OLT called %s (see `oltui olt list`)", olt);
		return vi_fail(verb, cause);
	}
	o = device_find(d, olt);
	memset(w, 0, sizeof *w);
	w->st = st;
	w->pool = device_pool(d);
	w->ad = device_adapter(o);
	w->olt_id = o->id;
	w->olt = o->name;
	w->olt_model = o->model[0] != '\0' ? o->model : NULL;
	w->opts.dry_run = c->dry_run;
	w->opts.step_timeout_ms = (int)c->timeout_ms;
	if (w->ad == NULL)
		return vi_fail(verb, xasprintf("no adapter for %s OLTs is built in",
		    vendor_name(o->vendor)));
	return EXIT_OK;
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
		cJSON_AddStringToObject(j, "outcome", r->audit_id == 0 &&
		    r->status == WRITE_DONE ? "dry-run" : audit_outcome_name(r->outcome));
		cJSON_AddStringToObject(j, "result", writes_outcome_text(r));
		if (r->cause != NULL)
			cJSON_AddStringToObject(j, "cause", r->cause);
		cJSON_AddNumberToObject(j, "audit_id", (double)r->audit_id);
		cJSON_AddNumberToObject(j, "applied", (double)r->applied);
		cJSON_AddNumberToObject(j, "undone", (double)r->undone);
		cJSON_AddBoolToObject(j, "verified", r->verified);
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
		if (r->audit_id == 0) {
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

/* ---- discover ---- */

/* oltui discover [OLT...] */
static int
verb_discover(int argc, char **argv, const struct globals *g)
{
	struct vw_common c = { .json = g->json };
	struct store *st;
	struct vault *v;
	struct device *d;
	struct device_found *rows = NULL;
	struct device_olt_result *res = NULL;
	const char *names[64];
	char *cause = NULL;
	size_t nrows = 0, i;
	int n = 0, k, rc;

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
	if ((rc = vw_open(g, &c, "discover", &st, &v, &d)) != EXIT_OK)
		return rc;
	for (k = 0; k < n; k++) {
		if ((rc = device_load(d, names[k], &cause)) != 1) {
			vw_close(st, v, d);
			if (rc == 0)
				return verb_usage_error("discover", "no OLT called %s", names[k]);
			return vi_fail("discover", cause);
		}
	}
	if (n == 0 && device_load_all(d, &cause) != 0) {
		vw_close(st, v, d);
		return vi_fail("discover", cause);
	}
	rc = device_discover(d, 4, &rows, &nrows, &res, &cause);
	if (rc < 0) {
		vw_close(st, v, d);
		return vi_fail("discover", cause);
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
	for (i = 0; i < device_count(d); i++) {
		if (res[i].status != 0)
			fprintf(stderr, "oltui discover: %s: %s\n", res[i].olt,
			    res[i].error != NULL ? res[i].error : "failed");
		free(res[i].error);
	}
	free(res);
	free(rows);
	vw_close(st, v, d);
	return rc;
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

/* Provisions every "SN [ONT-ID]" line of path with the request template
   r, one plan after the other on the same pooled session; ONT ids not given
   are the next free ones of the port (read once).  Returns the worst exit
   status. */
static int
provision_batch(const struct write_ctx *w0, struct provision_req *r,
    const char *path, const char *contract, const struct vw_common *c)
{
	struct write_ctx wb = *w0, *w = &wb;	/* one session: no mode churn between ONTs */
	struct pr_ont_list l = { 0 };
	struct err e = { 0 };
	struct write_report rep;
	struct cli *cl;
	bool used[256] = { false };
	cJSON *arr = c->json ? cJSON_CreateArray() : NULL;
	char line[256], sn[64], what[128], *cause = NULL;
	int worst = EXIT_OK, next = w->ad->vendor == PR_ZTE ? 1 : 0, rc;
	int64_t t0 = mono_ms();
	size_t i, done = 0, lineno = 0;
	FILE *f;

	wb.opts.keep_mode = true;
	if ((f = fopen(path, "r")) == NULL)
		return vi_fail("provision", xasprintf("cannot read %s", path));
	if (session_pool_acquire(w->pool, w->olt, 30000, &cl, &cause) != SESSION_POOL_OK) {
		fclose(f);
		rc = (int)writes_connect_status(cause);
		fprintf(stderr, "oltui provision: %s\n", cause);
		free(cause);
		return rc;
	}
	if (w->ad->ont_list(cl, r->port, &l, &e) == 0) {
		for (i = 0; i < l.n; i++) {
			if (l.v[i].ont_id >= 0 && l.v[i].ont_id < 256)
				used[l.v[i].ont_id] = true;
		}
	} else
		err_clear(&e);
	pr_ont_list_free(&l);
	session_pool_release(w->pool, cl, false);
	while (fgets(line, sizeof line, f) != NULL) {
		long id = -1;
		int n;

		lineno++;
		n = sscanf(line, "%63s %ld", sn, &id);
		if (n < 1 || sn[0] == '#')
			continue;
		if (id < 0) {
			while (next < 256 && used[next])
				next++;
			id = next;
		}
		if (id >= 256) {
			fprintf(stderr, "oltui provision: %s line %zu: no free ONT id left\n",
			    path, lineno);
			worst = EXIT_FAIL;
			break;
		}
		used[id] = true;
		r->sn = sn;
		r->ont_id = (int)id;
		snprintf(what, sizeof what, "provision %s on %s %s ONT %ld", sn, w->olt,
		    r->port, id);
		writes_provision(w, r, contract, &rep);
		if (arr != NULL) {
			cJSON *o = cJSON_CreateObject();

			cJSON_AddStringToObject(o, "sn", sn);
			cJSON_AddNumberToObject(o, "ont_id", (double)id);
			cJSON_AddStringToObject(o, "status", rep.status == WRITE_DONE ? "ok" :
			    rep.status == WRITE_UNREACHABLE ? "unreachable" :
			    rep.status == WRITE_USAGE ? "usage" : "failed");
			cJSON_AddNumberToObject(o, "audit_id", (double)rep.audit_id);
			cJSON_AddNumberToObject(o, "ms", (double)rep.ms);
			if (rep.cause != NULL)
				cJSON_AddStringToObject(o, "cause", rep.cause);
			cJSON_AddItemToArray(arr, o);
			rc = (int)rep.status;
		} else
			rc = vw_report("provision", &rep, false, what);
		writes_report_free(&rep);
		if (rc > worst)
			worst = rc;
		done++;
		if (rc == EXIT_UNREACHABLE)
			break;	/* the device is gone: do not hammer it */
	}
	fclose(f);
	if (arr != NULL)
		vi_print_json(arr);
	else
		printf("batch: %zu ONTs in %.1f s\n", done, (double)(mono_ms() - t0) / 1000.0);
	return worst;
}

/* oltui provision --olt NAME --port F/S/P --sn SN [...] */
static int
verb_provision(int argc, char **argv, const struct globals *g)
{
	struct vw_common c = { .json = g->json };
	const char *olt = NULL, *port = NULL, *sn = NULL, *contract = NULL,
	    *profile = NULL, *desc = NULL, *model = NULL, *pppoe_user = NULL,
	    *pppoe_pw_file = NULL, *acs_pw_file = NULL, *vlan_profile = NULL,
	    *batch = NULL, *acs_user = NULL;
	long ont_id = -1, vlan = 0, uvlan = 0;
	struct provision_req r = { 0 };
	struct profile pf;
	struct write_ctx w;
	struct write_report rep;
	struct store *st;
	struct vault *v;
	struct device *d;
	char *cause = NULL, *pppoe_pw = NULL, *acs_pw = NULL, what[128];
	enum write_status ws;
	int k, rc;

	for (k = 1; k < argc; k++) {
		const char *o = argv[k], *val = k + 1 < argc ? argv[k + 1] : NULL;

		if ((rc = vw_common_opt(&c, "provision", argc, argv, k)) < 0)
			return EXIT_USAGE;
		if (rc > 0) {
			k += rc - 1;
			continue;
		}
		if (val == NULL)
			return verb_usage_error("provision", "%s needs a value", o);
		k++;
		if (strcmp(o, "--olt") == 0)
			olt = val;
		else if (strcmp(o, "--port") == 0)
			port = val;
		else if (strcmp(o, "--sn") == 0)
			sn = val;
		else if (strcmp(o, "--contract") == 0)
			contract = val;
		else if (strcmp(o, "--profile") == 0)
			profile = val;
		else if (strcmp(o, "--desc") == 0)
			desc = val;
		else if (strcmp(o, "--model") == 0)
			model = val;
		else if (strcmp(o, "--pppoe-user") == 0)
			pppoe_user = val;
		else if (strcmp(o, "--pppoe-password-file") == 0)
			pppoe_pw_file = val;
		else if (strcmp(o, "--acs-password-file") == 0)
			acs_pw_file = val;
		else if (strcmp(o, "--vlan-profile") == 0)
			vlan_profile = val;
		else if (strcmp(o, "--batch") == 0)
			batch = val;
		else if (strcmp(o, "--acs-user") == 0)
			acs_user = val;
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
	}
	if (olt == NULL || port == NULL || (sn == NULL) == (batch == NULL))
		return verb_usage_error("provision", "--olt, --port and --sn (or --batch "
		    "FILE) are required");
	if (batch != NULL)
		sn = "";
	if (profile == NULL && vlan == 0)
		return verb_usage_error("provision", "give --profile NAME (see `oltui "
		    "profile list`) or at least --vlan N");
	if (str_has_control(sn) || (desc != NULL && str_has_control(desc)) ||
	    (contract != NULL && str_has_control(contract)))
		return verb_usage_error("provision", "control characters are not allowed");
	if ((rc = vw_open(g, &c, "provision", &st, &v, &d)) != EXIT_OK)
		return rc;
	if ((rc = vw_ctx(st, d, olt, "provision", &c, &w)) != EXIT_OK)
		goto out;
	r.olt = olt;
	r.port = port;
	r.sn = sn;
	r.model = model;
	r.name = contract;
	r.desc = desc;
	r.wan_mode = "none";
	r.olt_model = w.olt_model;
	r.vlan_profile = vlan_profile;
	if (profile != NULL) {
		if ((rc = store_profile_by_name(st, profile, &pf, &cause)) != 1) {
			rc = rc == 0 ? verb_usage_error("provision", "no profile called %s "
			    "(see `oltui profile list`)", profile) : vi_fail("provision", cause);
			goto out;
		}
		r.vlan = pf.vlan;
		r.down_mbps = pf.down_mbps;
		r.up_mbps = pf.up_mbps;
		r.line_profile = pf.line_profile[0] != '\0' ? pf.line_profile : NULL;
		r.service_profile = pf.service_profile[0] != '\0' ? pf.service_profile : NULL;
		r.wan_mode = wan_mode_name(pf.wan);
		r.acs_url = pf.acs_url[0] != '\0' ? pf.acs_url : NULL;
	}
	if (vlan > 0)
		r.vlan = (int)vlan;
	r.user_vlan = (int)uvlan;
	if (contract != NULL) {
		struct contract ct;

		if ((rc = store_contract_by_code(st, contract, &ct, &cause)) != 1) {
			rc = rc == 0 ? verb_usage_error("provision", "no contract %s (add it "
			    "with `oltui contract add`)", contract) : vi_fail("provision", cause);
			goto out;
		}
	}
	r.pppoe_user = pppoe_user;
	r.acs_user = acs_user;
	if (pppoe_pw_file != NULL) {
		if ((pppoe_pw = secret_file("provision", pppoe_pw_file)) == NULL) {
			rc = EXIT_USAGE;
			goto out;
		}
		r.pppoe_password = pppoe_pw;
		audit_secret(st, pppoe_pw);
	}
	if (acs_pw_file != NULL) {
		if ((acs_pw = secret_file("provision", acs_pw_file)) == NULL) {
			rc = EXIT_USAGE;
			goto out;
		}
		r.acs_password = acs_pw;
		audit_secret(st, acs_pw);
	}
	if (batch != NULL) {
		rc = provision_batch(&w, &r, batch, contract, &c);
		goto out;
	}
	if (ont_id < 0) {
		int id;

		if (writes_free_ont_id(&w, port, &id, &ws, &cause) != 0) {
			fprintf(stderr, "oltui provision: %s\n", cause);
			free(cause);
			rc = (int)ws;
			goto out;
		}
		ont_id = id;
	}
	r.ont_id = (int)ont_id;
	snprintf(what, sizeof what, "provision %s on %s %s ONT %ld", sn, olt, port, ont_id);
	writes_provision(&w, &r, contract, &rep);
	rc = vw_report("provision", &rep, c.json, what);
	writes_report_free(&rep);
out:
	if (pppoe_pw != NULL)
		vault_secret_free(pppoe_pw);
	if (acs_pw != NULL)
		vault_secret_free(acs_pw);
	vw_close(st, v, d);
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
	{ "backup", "OLT [--json]",
	  "store the OLT's running configuration (hash, diff against the previous)",
	  vw_verb_backup },
	{ NULL, NULL, NULL, NULL },
};
