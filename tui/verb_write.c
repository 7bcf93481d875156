/*
 * verb_write.c — the verbs that talk to OLTs and change them: discover,
 * provision, ont (verb_ont.c), backup; and `olt test` / `contract
 * suspend|resume`, which the inventory verbs route here.
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
#include "tui/verb_write.h"

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
#include "drivers/util.h"
#include "tui/verb_inv.h"

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

/* "ok", "failed", "usage", "unreachable". */
static const char *
status_name(enum write_status s)
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
		cJSON_AddStringToObject(j, "status", status_name(r->status));
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
			cJSON_AddStringToObject(o, "status", pr_status_name(r->readback.status));
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
provision_batch(const struct write_ctx *w, struct provision_req *r,
    const char *path, const char *contract, const struct vw_common *c)
{
	struct pr_ont_list l = { 0 };
	struct cli_error e = { 0 };
	struct write_report rep;
	struct cli *cl;
	bool used[256] = { false };
	cJSON *arr = c->json ? cJSON_CreateArray() : NULL;
	char line[256], sn[64], what[128], *cause = NULL;
	int worst = EXIT_OK, next = w->ad->vendor == PR_ZTE ? 1 : 0, rc;
	int64_t t0 = mono_ms();
	size_t i, done = 0, lineno = 0;
	FILE *f;

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
		cli_error_clear(&e);
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
	    *batch = NULL;
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

/* ---- backup ---- */

/* oltui backup OLT [--json] */
static int
verb_backup(int argc, char **argv, const struct globals *g)
{
	struct vw_common c = { .json = g->json };
	struct device_backup b;
	struct store *st;
	struct vault *v;
	struct device *d;
	const char *olt = NULL;
	char *cause = NULL, when[32];
	int k, rc;

	for (k = 1; k < argc; k++) {
		if ((rc = vw_common_opt(&c, "backup", argc, argv, k)) < 0)
			return EXIT_USAGE;
		if (rc > 0) {
			k += rc - 1;
			continue;
		}
		if (argv[k][0] == '-' || olt != NULL)
			return verb_usage_error("backup", "usage: oltui backup OLT [--json]");
		olt = argv[k];
	}
	if (olt == NULL)
		return verb_usage_error("backup", "which OLT? (oltui backup OLT)");
	if ((rc = vw_open(g, &c, "backup", &st, &v, &d)) != EXIT_OK)
		return rc;
	if ((rc = device_load(d, olt, &cause)) != 1) {
		vw_close(st, v, d);
		return rc == 0 ? verb_usage_error("backup", "no OLT called %s", olt) :
		    vi_fail("backup", cause);
	}
	if (device_backup(d, olt, &b, &cause) != 0) {
		fprintf(stderr, "oltui backup: %s\n", cause);
		free(cause);
		rc = b.status;
		vw_close(st, v, d);
		return rc;
	}
	iso8601(b.taken_at, when);
	if (c.json) {
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
		vi_print_json(j);
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
	device_backup_free(&b);
	vw_close(st, v, d);
	return EXIT_OK;
}

/* ---- olt test ---- */

int
vw_olt_test(int argc, char **argv, const struct globals *g)
{
	struct vw_common c = { .json = g->json };
	struct store *st;
	struct vault *v;
	struct device *d;
	const struct adapter *ad;
	struct pr_version ver;
	struct cli_error e = { 0 };
	struct cli *cl;
	const char *olt = NULL;
	char *cause = NULL;
	int64_t conn_ms = 0, login_ms = 0, ver_ms, t0, out_ms;
	int k = 0, rc, status = EXIT_OK;

	if (k < argc && strcmp(argv[k], "olt") == 0)
		k++;
	if (k < argc && strcmp(argv[k], "test") == 0)
		k++;
	for (; k < argc; k++) {
		if ((rc = vw_common_opt(&c, "olt test", argc, argv, k)) < 0)
			return EXIT_USAGE;
		if (rc > 0) {
			k += rc - 1;
			continue;
		}
		if (argv[k][0] == '-' || olt != NULL)
			return verb_usage_error("olt test", "usage: oltui olt test NAME [--json]");
		olt = argv[k];
	}
	if (olt == NULL)
		return verb_usage_error("olt test", "which OLT? (oltui olt test NAME)");
	if ((rc = vw_open(g, &c, "olt test", &st, &v, &d)) != EXIT_OK)
		return rc;
	if ((rc = device_load(d, olt, &cause)) != 1) {
		vw_close(st, v, d);
		return rc == 0 ? verb_usage_error("olt test", "no OLT called %s", olt) :
		    vi_fail("olt test", cause);
	}
	ad = device_adapter(device_find(d, olt));
	memset(&ver, 0, sizeof ver);
	if ((cl = device_connect(d, olt, &conn_ms, &login_ms, &cause)) == NULL) {
		status = (int)writes_connect_status(cause);
		if (c.json) {
			cJSON *j = cJSON_CreateObject();

			cJSON_AddStringToObject(j, "olt", olt);
			cJSON_AddBoolToObject(j, "ok", false);
			cJSON_AddStringToObject(j, "error", cause);
			vi_print_json(j);
		}
		fprintf(stderr, "oltui olt test: %s\n", cause);
		free(cause);
		vw_close(st, v, d);
		return status;
	}
	t0 = mono_ms();
	rc = ad != NULL ? ad->version(cl, &ver, &e) : -1;
	ver_ms = mono_ms() - t0;
	if (rc != 0) {
		status = e.kind == CLI_ERR_CLOSED || e.kind == CLI_ERR_TIMEOUT ?
		    EXIT_UNREACHABLE : EXIT_FAIL;
		fprintf(stderr, "oltui olt test: %s: cannot read the version: %s\n", olt,
		    e.message != NULL ? e.message : "no adapter");
	}
	t0 = mono_ms();
	if (cli_broken(cl))
		cli_close(cl);
	else {
		const char *host = cli_hostname(cl);

		if (!c.json && rc == 0)
			printf("%s: logged in (prompt host %s)\n", olt, host);
		cli_free(cl);
	}
	out_ms = mono_ms() - t0;
	if (c.json) {
		cJSON *j = cJSON_CreateObject();

		cJSON_AddStringToObject(j, "olt", olt);
		cJSON_AddBoolToObject(j, "ok", status == EXIT_OK);
		if (ver.product != NULL)
			cJSON_AddStringToObject(j, "product", ver.product);
		if (ver.version != NULL)
			cJSON_AddStringToObject(j, "version", ver.version);
		if (ver.patch != NULL)
			cJSON_AddStringToObject(j, "patch", ver.patch);
		cJSON_AddNumberToObject(j, "connect_ms", (double)conn_ms);
		cJSON_AddNumberToObject(j, "login_ms", (double)login_ms);
		cJSON_AddNumberToObject(j, "version_ms", (double)ver_ms);
		cJSON_AddNumberToObject(j, "logout_ms", (double)out_ms);
		if (e.message != NULL)
			cJSON_AddStringToObject(j, "error", e.message);
		vi_print_json(j);
	} else if (rc == 0) {
		printf("%s: %s %s%s%s\n", olt, ver.product != NULL ? ver.product : "?",
		    ver.version != NULL ? ver.version : "?", ver.patch != NULL ? " " : "",
		    ver.patch != NULL ? ver.patch : "");
		printf("timings: connect %lld ms, login %lld ms, display version %lld ms, "
		    "logout %lld ms\n", (long long)conn_ms, (long long)login_ms,
		    (long long)ver_ms, (long long)out_ms);
	}
	cli_error_clear(&e);
	pr_version_free(&ver);
	vw_close(st, v, d);
	return status;
}

/* ---- contract suspend / resume ---- */

int
vw_contract_state(int argc, char **argv, const struct globals *g)
{
	struct vw_common c = { .json = g->json };
	struct contract_op_result res;
	struct write_opts wo = { 0 };
	struct store *st;
	struct vault *v;
	struct device *d;
	const char *code = NULL, *sub;
	char *cause = NULL, verb[32], what[96];
	bool enable;
	size_t i;
	int k = 0, rc;
	enum write_status ws;

	if (k < argc && strcmp(argv[k], "contract") == 0)
		k++;
	if (k >= argc || (strcmp(argv[k], "suspend") != 0 && strcmp(argv[k], "resume") != 0))
		return verb_usage_error("contract", "usage: oltui contract suspend|resume CODE");
	sub = argv[k++];
	enable = strcmp(sub, "resume") == 0;
	snprintf(verb, sizeof verb, "contract %s", sub);
	for (; k < argc; k++) {
		if ((rc = vw_common_opt(&c, verb, argc, argv, k)) < 0)
			return EXIT_USAGE;
		if (rc > 0) {
			k += rc - 1;
			continue;
		}
		if (argv[k][0] == '-' || code != NULL)
			return verb_usage_error(verb, "usage: oltui %s CODE [--yes] [--dry-run]", verb);
		code = argv[k];
	}
	if (code == NULL)
		return verb_usage_error(verb, "which contract?");
	snprintf(what, sizeof what, "%s contract %s (every ONT linked to it)",
	    enable ? "resume" : "suspend", code);
	if (!enable && !vw_confirm(verb, &c, what))
		return EXIT_USAGE;
	if ((rc = vw_open(g, &c, verb, &st, &v, &d)) != EXIT_OK)
		return rc;
	wo.dry_run = c.dry_run;
	wo.step_timeout_ms = (int)c.timeout_ms;
	ws = contract_set_state(st, d, code, enable, &wo, &res, &cause);
	if (cause != NULL) {
		fprintf(stderr, "oltui %s: %s\n", verb, cause);
		free(cause);
	}
	if (c.json) {
		cJSON *j = cJSON_CreateObject(), *arr = NULL;

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
			cJSON_AddStringToObject(o, "status", status_name(res.rows[i].status));
			cJSON_AddStringToObject(o, "message", res.rows[i].message != NULL ?
			    res.rows[i].message : "");
			cJSON_AddNumberToObject(o, "audit_id", (double)res.rows[i].audit_id);
			cJSON_AddItemToArray(arr, o);
		}
		vi_print_json(j);
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
			fprintf(stderr, "oltui %s: the contract's status was not changed\n", verb);
	}
	contract_op_result_free(&res);
	vw_close(st, v, d);
	return (int)ws;
}

const struct verb verbs_write[] = {
	{ "discover", "[OLT...] [--json] [--accept-new-host-key] [--known-hosts F]",
	  "list unauthorised ONTs (autofind) of every OLT, in parallel", verb_discover },
	{ "provision",
	  "--olt NAME --port F/S/P --sn SN [--ont-id N] [--contract C] [--profile NAME] "
	  "[--vlan N] [--user-vlan N] [--desc TEXT] [--model T] [--pppoe-user U] "
	  "[--pppoe-password-file F] [--batch FILE] [--dry-run] [--json] [--timeout MS]",
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
	  verb_backup },
	{ NULL, NULL, NULL, NULL },
};
