/*
 * verb_acs.c — `oltui acs …`: the customer's router through the TR-069 ACS
 * (GenieACS NBI): show, refresh, reboot, factory-reset, wifi, pppoe, set,
 * firmware, tasks, files, password.  Every change is core/ops_acs.h's
 * ops_acs_change() (preview, dry run, audit under the contract,
 * verification, undo); these functions only fill its request from their
 * argument structs and print.
 *
 * A router is named by the ONT's serial (SN) or --device ID (its ACS id).
 * The ACS is config.ini's [acs] (url, user, insecure, timeouts; the
 * password kept sealed with `oltui acs password`) or --acs URL.  Secrets
 * come from files (--password-file, --value-file) or the vault, never from
 * the command line.  Exit statuses (verb.h): 0 done — applied, or queued
 * on the ACS for a router that did not answer (--queue) —, 1 refused or
 * not verified, 2 usage (no ACS configured, no such router, bad value),
 * 3 the ACS or the router could not be reached.
 *
 * The `acs` sub-verb table (verbs_acs) is the namespace: mass changes and
 * firmware schedules add their rows to it.  Main thread only.
 */
#include "tui/verbs/verb_acs_jobs.h"
#include "tui/verbs/verb_write.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/engine.h"
#include "core/ops_acs.h"
#include "core/vault.h"
#include "lib/util.h"

/* What every `acs` sub-verb reads (each uses its own part). */
struct acs_args {
	struct verb_common	 c;
	const char		*sn;
	const char		*device;	/* --device ID */
	const char		*acs;		/* --acs URL */
	const char		*radio;
	const char		*ssid;
	const char		*password_file;
	bool			 reuse_password;
	const char		*user;
	const char		*path, *value, *type;	/* set PATH VALUE [TYPE] */
	const char		*type_opt;	/* --type */
	const char		*value_file;
	const char		*file;		/* firmware --file */
	bool			 queue;
	bool			 confirm_reset;
	bool			 cached;
	bool			 clear;
};

/* Says loudly, on every ACS command, that TLS verification is off. */
static void
warn_insecure(const struct acs_args *a, struct engine *e)
{
	if (ops_acs_insecure(e) && a->acs == NULL)
		fprintf(stderr, "oltui %s: WARNING: TLS certificate verification is OFF for "
		    "the ACS (acs.insecure = true in config.ini): anyone on the path can "
		    "read and change what oltui sends\n", a->c.name);
}

/* Opens the engine with the vault (the ACS's password, the passphrases
   oltui keeps).  EXIT_OK and *e, or an exit status. */
static int
acs_engine(const struct acs_args *a, struct engine **e)
{
	int rc = verb_engine(&a->c, ENGINE_VAULT, e);

	if (rc == EXIT_OK)
		warn_insecure(a, *e);
	return rc;
}

/* EXIT_OK when the router is named once (SN or --device). */
static int
need_router(const struct acs_args *a)
{
	if ((a->sn == NULL) == (a->device == NULL))
		return verb_fail(&a->c, ERR_USAGE, "name the router: the ONT's serial, or "
		    "--device ID (its id on the ACS), not both");
	return EXIT_OK;
}

/* ---- show ---- */

/* The JSON of `acs show`. */
static cJSON *
show_json(const struct acs_show *s)
{
	cJSON *j = acs_view_json(&s->view), *arr;

	cJSON_AddStringToObject(j, "sn", s->sn);
	if (s->olt[0] != '\0')
		cJSON_AddStringToObject(j, "olt", s->olt);
	else
		cJSON_AddNullToObject(j, "olt");
	if (s->contract[0] != '\0')
		cJSON_AddStringToObject(j, "contract", s->contract);
	else
		cJSON_AddNullToObject(j, "contract");
	cJSON_AddStringToObject(j, "acs", s->acs_url);
	cJSON_AddNumberToObject(j, "read_at", (double)s->now);
	arr = cJSON_AddArrayToObject(j, "pending_tasks");
	for (size_t i = 0; i < s->npending; i++) {
		cJSON *t = cJSON_CreateObject();

		cJSON_AddStringToObject(t, "task_id", s->pending[i].task_id);
		cJSON_AddStringToObject(t, "state", acs_task_state_name(s->pending[i].state));
		cJSON_AddStringToObject(t, "action", s->pending[i].action);
		cJSON_AddStringToObject(t, "what", s->pending[i].what);
		cJSON_AddNumberToObject(t, "audit_id", (double)s->pending[i].audit_id);
		cJSON_AddNumberToObject(t, "posted_at", (double)s->pending[i].posted_at);
		cJSON_AddItemToArray(arr, t);
	}
	arr = cJSON_AddArrayToObject(j, "kept_passphrases");
	for (size_t i = 0; i < s->view.nradio && i < ACS_RADIOS_MAX; i++)
		if (s->kept_at[i] > 0) {
			cJSON *k = cJSON_CreateObject();

			cJSON_AddNumberToObject(k, "instance", s->view.radio[i].instance);
			cJSON_AddStringToObject(k, "passphrase", "********");
			cJSON_AddNumberToObject(k, "set_at", (double)s->kept_at[i]);
			cJSON_AddItemToArray(arr, k);
		}
	return j;
}

/* oltui acs show SN | --device ID */
static int
acs_show(void *args)
{
	struct acs_args *a = args;
	struct acs_show s;
	struct engine *e;
	struct err err = { 0 };
	struct buf b = { 0 };
	int rc;

	if ((rc = need_router(a)) != EXIT_OK || (rc = acs_engine(a, &e)) != EXIT_OK)
		return rc;
	if (ops_acs_show(e, a->sn, a->device, a->acs, &s, &err) != 0) {
		engine_close(e);
		return verb_fail_err(&a->c, &err);
	}
	if (a->c.json)
		verb_print_json(show_json(&s));
	else {
		printf("router       %s (ONT %s%s%s%s%s) on %s\n", s.view.device_id,
		    s.sn[0] != '\0' ? s.sn : "?", s.olt[0] != '\0' ? ", OLT " : "", s.olt,
		    s.contract[0] != '\0' ? ", contract " : "", s.contract, s.acs_url);
		acs_view_format(&s.view, s.now, &b);
		fputs(buf_str(&b), stdout);
		buf_free(&b);
		for (size_t i = 0; i < s.view.nradio && i < ACS_RADIOS_MAX; i++)
			if (s.kept_at[i] > 0) {
				char ago[32];

				time_ago(s.kept_at[i], s.now, ago, sizeof ago);
				printf("passphrase   WLAN %d: ******** (set by oltui %s, kept "
				    "sealed)\n", s.view.radio[i].instance, ago);
			}
		for (size_t i = 0; i < s.npending; i++)
			printf("PENDING      task %s (%s, audit #%lld): %s — %s; it runs when "
			    "the router next connects\n", s.pending[i].task_id,
			    s.pending[i].action, (long long)s.pending[i].audit_id,
			    s.pending[i].what, acs_task_state_name(s.pending[i].state));
	}
	acs_show_free(&s);
	engine_close(e);
	return EXIT_OK;
}

/* ---- changes ---- */

/* Asks twice on the terminal before a factory reset (or needs --yes and
   --confirm-factory-reset).  True to go on. */
static bool
confirm_reset(const struct acs_args *a)
{
	char what[160], line[64];
	const char *who = a->sn != NULL ? a->sn : a->device;
	FILE *tty;
	bool yes;

	if (a->c.dry_run)
		return true;
	if (a->c.yes) {
		if (a->confirm_reset)
			return true;
		verb_fail(&a->c, ERR_USAGE, "a factory reset erases the router's whole "
		    "configuration: give --confirm-factory-reset as well as --yes");
		return false;
	}
	snprintf(what, sizeof what, "FACTORY RESET of the router of %s: its whole "
	    "configuration (WiFi, PPPoE, ...) is ERASED", who);
	if (!vw_confirm(&a->c, what))
		return false;
	if ((tty = fopen("/dev/tty", "r+")) == NULL) {
		verb_fail(&a->c, ERR_USAGE, "not confirmed twice; nothing was sent");
		return false;
	}
	fprintf(tty, "Type the serial %s again to erase it: ", who);
	fflush(tty);
	yes = fgets(line, sizeof line, tty) != NULL &&
	    strncmp(line, who, strlen(who)) == 0 && (line[strlen(who)] == '\n' ||
	    line[strlen(who)] == '\0');
	fclose(tty);
	if (!yes)
		verb_fail(&a->c, ERR_USAGE, "not confirmed twice; nothing was sent");
	return yes;
}

/* Runs change rq (its secrets borrowed) and prints its report. */
static int
run_change(struct acs_args *a, struct acs_change_req *rq)
{
	struct write_opts wo = vw_write_opts(&a->c);
	struct acs_op_result r;
	struct engine *e;
	cJSON *j;
	int rc;

	rq->sn = a->sn;
	rq->device_id = a->device;
	rq->acs_url = a->acs;
	rq->queue = a->queue;
	rq->cached_before = a->cached;
	if ((rc = acs_engine(a, &e)) != EXIT_OK)
		return rc;
	ops_acs_change(e, rq, &wo, &r);
	if (a->c.json) {
		j = vw_report_json(&r.rep, r.what[0] != '\0' ? r.what : a->c.name);
		if (r.device_id[0] != '\0')
			cJSON_AddStringToObject(j, "device", r.device_id);
		if (r.sn[0] != '\0')
			cJSON_AddStringToObject(j, "sn", r.sn);
		if (r.contract[0] != '\0')
			cJSON_AddStringToObject(j, "contract", r.contract);
		verb_print_json(j);
	}
	vw_report_text(&a->c, &r.rep, r.what[0] != '\0' ? r.what : a->c.name);
	rc = (int)r.status;
	acs_op_result_free(&r);
	engine_close(e);
	return rc;
}

/* acs refresh|reboot|factory-reset|firmware: a change without values. */
static int
plain_change(struct acs_args *a, enum acs_change_kind k)
{
	struct acs_change_req rq = { .kind = k, .file = a->file };
	char what[96];
	int rc;

	if ((rc = need_router(a)) != EXIT_OK)
		return rc;
	if (k == ACS_CH_REBOOT) {
		snprintf(what, sizeof what, "reboot the router of %s", a->sn != NULL ? a->sn :
		    a->device);
		if (!vw_confirm(&a->c, what))
			return EXIT_USAGE;
	}
	if (k == ACS_CH_FACTORY_RESET) {
		if (!confirm_reset(a))
			return EXIT_USAGE;
		rq.confirm_factory_reset = true;
	}
	return run_change(a, &rq);
}

static int
acs_refresh(void *a)
{
	return plain_change(a, ACS_CH_REFRESH);
}

static int
acs_reboot(void *a)
{
	return plain_change(a, ACS_CH_REBOOT);
}

static int
acs_factory_reset(void *a)
{
	return plain_change(a, ACS_CH_FACTORY_RESET);
}

static int
acs_firmware(void *a)
{
	return plain_change(a, ACS_CH_FIRMWARE);
}

/* Runs rq with the secret of --password-file (never argv) at *slot. */
static int
run_with_secret(struct acs_args *a, struct acs_change_req *rq, const char **slot)
{
	char *pw = NULL;
	int rc;

	if ((rc = need_router(a)) != EXIT_OK)
		return rc;
	if (a->password_file != NULL && (pw = vw_secret_file(&a->c, a->password_file)) == NULL)
		return EXIT_FAIL;
	*slot = pw;
	rc = run_change(a, rq);
	if (pw != NULL)
		vault_secret_free(pw);
	return rc;
}

/* oltui acs wifi SN [--radio R] [--ssid S] [--password-file F] */
static int
acs_wifi(void *args)
{
	struct acs_args *a = args;
	struct acs_change_req rq = { .kind = ACS_CH_WIFI, .radio = a->radio, .ssid = a->ssid,
	    .reuse_password = a->reuse_password };

	return run_with_secret(a, &rq, &rq.wifi_password);
}

/* oltui acs pppoe SN [--user U] [--password-file F] */
static int
acs_pppoe(void *args)
{
	struct acs_args *a = args;
	struct acs_change_req rq = { .kind = ACS_CH_PPPOE, .pppoe_user = a->user };

	return run_with_secret(a, &rq, &rq.pppoe_password);
}

/* oltui acs set SN PATH VALUE [TYPE] | SN PATH --value-file F [--type T] */
static int
acs_set(void *args)
{
	struct acs_args *a = args;
	struct acs_set_param sp = { .path = a->path, .value = a->value };
	struct acs_change_req rq = { .kind = ACS_CH_SET, .params = &sp, .nparams = 1 };
	char *secret = NULL;
	int rc;

	if ((rc = need_router(a)) != EXIT_OK)
		return rc;
	if ((a->value == NULL) == (a->value_file == NULL))
		return verb_fail(&a->c, ERR_USAGE, "give the VALUE, or --value-file F for a "
		    "password (never on the command line), not both");
	if (a->type != NULL && a->type_opt != NULL)
		return verb_fail(&a->c, ERR_USAGE, "give the TYPE once (as a word or --type)");
	sp.type = a->type != NULL ? a->type : a->type_opt;
	if (a->value_file != NULL) {
		if ((secret = vw_secret_file(&a->c, a->value_file)) == NULL)
			return EXIT_FAIL;
		sp.value = secret;
		sp.secret = true;
	}
	rc = run_change(a, &rq);
	if (secret != NULL)
		vault_secret_free(secret);
	return rc;
}

/* ---- tasks, files, password ---- */

/* oltui acs tasks [SN] */
static int
acs_tasks(void *args)
{
	struct acs_args *a = args;
	struct acs_task_row *rows = NULL;
	struct engine *e;
	struct err err = { 0 };
	size_t n = 0;
	int rc, status = EXIT_OK;
	cJSON *arr;

	if ((rc = acs_engine(a, &e)) != EXIT_OK)
		return rc;
	if (ops_acs_tasks(e, a->sn, a->acs, &rows, &n, &err) != 0) {
		if (n == 0) {
			engine_close(e);
			return verb_fail_err(&a->c, &err);
		}
		/* What oltui knows still shows, marked unknown. */
		fprintf(stderr, "oltui %s: %s\n", a->c.name, err_text(&err));
		status = verb_exit_of(err.kind);
	}
	if (a->c.json) {
		arr = cJSON_CreateArray();
		for (size_t i = 0; i < n; i++) {
			cJSON *o = cJSON_CreateObject();

			cJSON_AddStringToObject(o, "task_id", rows[i].task_id);
			cJSON_AddStringToObject(o, "state", acs_task_state_name(rows[i].state));
			cJSON_AddStringToObject(o, "device", rows[i].device_id);
			cJSON_AddStringToObject(o, "sn", rows[i].sn);
			cJSON_AddStringToObject(o, "action", rows[i].action);
			cJSON_AddStringToObject(o, "what", rows[i].what);
			cJSON_AddNumberToObject(o, "audit_id", (double)rows[i].audit_id);
			cJSON_AddNumberToObject(o, "posted_at", (double)rows[i].posted_at);
			cJSON_AddNumberToObject(o, "done_at", (double)rows[i].done_at);
			if (rows[i].fault[0] != '\0')
				cJSON_AddStringToObject(o, "fault", rows[i].fault);
			cJSON_AddItemToArray(arr, o);
		}
		if (status != EXIT_OK) {
			cJSON *doc = cJSON_CreateObject();

			cJSON_AddItemToObject(doc, "tasks", arr);
			verb_json_error(doc, err.kind, err_text(&err));
			arr = doc;
		}
		verb_print_json(arr);
	} else {
		printf("%-26s %-8s %-13s %-18s %6s  %s\n", "TASK", "STATE", "SN", "ACTION",
		    "AUDIT", "WHAT");
		for (size_t i = 0; i < n; i++)
			printf("%-26s %-8s %-13s %-18s %6lld  %s%s%s\n", rows[i].task_id,
			    acs_task_state_name(rows[i].state), rows[i].sn[0] != '\0' ?
			    rows[i].sn : "-", rows[i].action, (long long)rows[i].audit_id,
			    rows[i].what, rows[i].fault[0] != '\0' ? " — fault: " : "",
			    rows[i].fault);
		if (n == 0)
			printf("(no task left queued on the ACS by oltui)\n");
	}
	err_clear(&err);
	free(rows);
	engine_close(e);
	return status;
}

/* oltui acs files */
static int
acs_files_verb(void *args)
{
	struct acs_args *a = args;
	struct acs_file_list fl;
	struct engine *e;
	struct err err = { 0 };
	int rc;

	if ((rc = acs_engine(a, &e)) != EXIT_OK)
		return rc;
	if (ops_acs_files(e, a->acs, &fl, &err) != 0) {
		engine_close(e);
		return verb_fail_err(&a->c, &err);
	}
	if (a->c.json) {
		cJSON *arr = cJSON_CreateArray();

		for (size_t i = 0; i < fl.n; i++) {
			cJSON *o = cJSON_CreateObject();

			cJSON_AddStringToObject(o, "name", fl.v[i].name);
			cJSON_AddStringToObject(o, "type", fl.v[i].type);
			cJSON_AddStringToObject(o, "oui", fl.v[i].oui);
			cJSON_AddStringToObject(o, "product_class", fl.v[i].product_class);
			cJSON_AddStringToObject(o, "version", fl.v[i].version);
			cJSON_AddNumberToObject(o, "length", (double)fl.v[i].length);
			cJSON_AddItemToArray(arr, o);
		}
		verb_print_json(arr);
	} else {
		printf("%-32s %-26s %-8s %-14s %-16s %s\n", "NAME", "TYPE", "OUI", "PRODUCT",
		    "VERSION", "BYTES");
		for (size_t i = 0; i < fl.n; i++)
			printf("%-32s %-26s %-8s %-14s %-16s %lld\n", fl.v[i].name, fl.v[i].type,
			    fl.v[i].oui, fl.v[i].product_class, fl.v[i].version,
			    (long long)fl.v[i].length);
		if (fl.n == 0)
			printf("(the ACS holds no files)\n");
	}
	acs_file_list_free(&fl);
	engine_close(e);
	return EXIT_OK;
}

/* oltui acs password --password-file F | --clear */
static int
acs_password(void *args)
{
	struct acs_args *a = args;
	struct engine *e;
	struct err err = { 0 };
	char *pw = NULL;
	int rc;

	if ((a->password_file == NULL) == !a->clear)
		return verb_fail(&a->c, ERR_USAGE, "give --password-file F, or --clear");
	if (a->password_file != NULL && (pw = vw_secret_file(&a->c, a->password_file)) == NULL)
		return EXIT_FAIL;
	if ((rc = verb_engine(&a->c, ENGINE_VAULT, &e)) != EXIT_OK) {
		vault_secret_free(pw);
		return rc;
	}
	rc = ops_acs_password(e, pw, &err);
	vault_secret_free(pw);
	engine_close(e);
	if (rc != 0)
		return verb_fail_err(&a->c, &err);
	if (a->c.json) {
		cJSON *j = cJSON_CreateObject();

		cJSON_AddBoolToObject(j, "ok", true);
		cJSON_AddBoolToObject(j, "kept", !a->clear);
		verb_print_json(j);
	} else
		printf("%s\n", a->clear ? "the ACS's password is forgotten" :
		    "the ACS's password is kept, sealed in the vault");
	return EXIT_OK;
}

/* ---- tables ---- */

int
vw_parse_acs_url(const char *v, void *dst, char **cause)
{
	if ((!str_startswith(v, "http://") && !str_startswith(v, "https://")) ||
	    strlen(v) > 255 || strchr(v, ' ') != NULL || strchr(v, '@') != NULL) {
		set_cause(cause, "an http:// or https:// URL of the ACS (no user or password "
		    "in it), not '%s'", v);
		return -1;
	}
	*(const char **)dst = v;
	return 0;
}

#define AA(m) offsetof(struct acs_args, m)

#define VOPT_ACS_URL \
	{ .name = "--acs", .type = VA_CUSTOM, .meta = "URL", .off = AA(acs), \
	  .parse = vw_parse_acs_url, \
	  .help = "the ACS's NBI (default: config.ini [acs] url, with its user and password)" }
#define VOPT_ACS_DEVICE \
	{ .name = "--device", .type = VA_STRING, .meta = "ID", .off = AA(device), .max = 127, \
	  .help = "the router's id on the ACS, instead of the ONT's serial" }
#define VOPT_ACS_TIMEOUT \
	{ .name = "--timeout", .type = VA_INT, .meta = "MS", .off = VC_OFF(timeout_ms), \
	  .min = 100, .max = 3600000, \
	  .help = "how long the ACS waits for the router per task (default acs.timeout_s)" }
#define VOPT_ACS_QUEUE \
	{ .name = "--queue", .type = VA_FLAG, .off = AA(queue), \
	  .help = "a router that does not answer in time: leave the task queued on the " \
	  "ACS for its next inform (default: withdraw it, exit 3)" }
#define VOPT_ACS_CACHED \
	{ .name = "--cached", .type = VA_FLAG, .off = AA(cached), \
	  .help = "take the values the change replaces from the ACS's copy instead of " \
	  "asking the router first" }
#define VOPT_ACS_WRITE VOPT_ACS_DEVICE, VOPT_ACS_URL, VOPT_ACS_TIMEOUT, VOPT_ACS_QUEUE, \
	VOPT_DRY_RUN, VOPT_JSON

static const struct verb_pos sn_pos[] = {
	{ .meta = "SN", .type = VA_SN, .off = AA(sn), .flags = VO_OPTIONAL,
	  .help = "the ONT's serial (its router on the ACS), or --device ID" },
	VPOS_END,
};
static const struct verb_pos set_pos[] = {
	{ .meta = "SN", .type = VA_SN, .off = AA(sn),
	  .help = "the ONT's serial (its router on the ACS)" },
	{ .meta = "PATH", .type = VA_STRING, .off = AA(path),
	  .help = "the parameter (\"InternetGatewayDevice.….SSID\", \"Device.….Enable\")" },
	{ .meta = "VALUE", .type = VA_STRING, .off = AA(value), .flags = VO_OPTIONAL,
	  .help = "its new value (a password: --value-file F instead)" },
	{ .meta = "TYPE", .type = VA_STRING, .off = AA(type), .flags = VO_OPTIONAL,
	  .help = "xsd:string (default), xsd:boolean, xsd:int, xsd:unsignedInt, xsd:dateTime" },
	VPOS_END,
};
static const struct verb_opt show_opts[] = {
	VOPT_ACS_DEVICE, VOPT_ACS_URL, VOPT_JSON, VOPT_END,
};
static const struct verb_opt plain_opts[] = {
	VOPT_ACS_WRITE, VOPT_END,
};
static const struct verb_opt reboot_opts[] = {
	VOPT_ACS_WRITE, VOPT_YES, VOPT_END,
};
static const struct verb_opt reset_opts[] = {
	VOPT_ACS_WRITE, VOPT_YES,
	{ .name = "--confirm-factory-reset", .type = VA_FLAG, .off = AA(confirm_reset),
	  .help = "with --yes: the second confirmation a factory reset needs without a "
	  "terminal" },
	VOPT_END,
};
static const struct verb_opt wifi_opts[] = {
	{ .name = "--radio", .type = VA_STRING, .meta = "N|2.4G|5G", .off = AA(radio),
	  .max = 7, .help = "the radio: its number in the router's order, or its band "
	  "(default: the first)" },
	{ .name = "--ssid", .type = VA_STRING, .meta = "SSID", .off = AA(ssid), .max = 32,
	  .help = "the network's new name" },
	{ .name = "--password-file", .type = VA_SECRET_FILE, .meta = "FILE",
	  .off = AA(password_file), .help = "file holding the new WPA passphrase" },
	{ .name = "--reuse-password", .type = VA_FLAG, .off = AA(reuse_password),
	  .help = "send again the last passphrase oltui set on that radio (kept sealed)" },
	VOPT_ACS_CACHED, VOPT_ACS_WRITE, VOPT_END,
};
static const struct verb_opt pppoe_opts[] = {
	{ .name = "--user", .type = VA_STRING, .meta = "USER", .off = AA(user), .max = 64,
	  .help = "the PPPoE login" },
	{ .name = "--password-file", .type = VA_SECRET_FILE, .meta = "FILE",
	  .off = AA(password_file), .help = "file holding the PPPoE password" },
	VOPT_ACS_CACHED, VOPT_ACS_WRITE, VOPT_END,
};
static const struct verb_opt set_opts[] = {
	{ .name = "--type", .type = VA_STRING, .meta = "TYPE", .off = AA(type_opt), .max = 16,
	  .help = "the value's type (as the TYPE word)" },
	{ .name = "--value-file", .type = VA_SECRET_FILE, .meta = "FILE",
	  .off = AA(value_file), .help = "file holding the value (a password: masked, "
	  "kept sealed)" },
	VOPT_ACS_CACHED, VOPT_ACS_URL, VOPT_ACS_TIMEOUT, VOPT_ACS_QUEUE, VOPT_DRY_RUN,
	VOPT_JSON, VOPT_END,
};
static const struct verb_opt firmware_opts[] = {
	{ .name = "--file", .type = VA_STRING, .meta = "NAME", .off = AA(file), .max = 255,
	  .flags = VO_REQUIRED, .help = "the firmware image, as the ACS holds it (oltui acs "
	  "files)" },
	VOPT_ACS_WRITE, VOPT_END,
};
static const struct verb_opt list_opts[] = {
	VOPT_ACS_URL, VOPT_JSON, VOPT_END,
};
static const struct verb_pos tasks_pos[] = {
	{ .meta = "SN", .type = VA_SN, .off = AA(sn), .flags = VO_OPTIONAL,
	  .help = "only this ONT's router (default: every task oltui left queued)" },
	VPOS_END,
};
static const struct verb_opt password_opts[] = {
	{ .name = "--password-file", .type = VA_SECRET_FILE, .meta = "FILE",
	  .off = AA(password_file), .help = "file holding the password of config.ini's "
	  "acs.user" },
	{ .name = "--clear", .type = VA_FLAG, .off = AA(clear),
	  .help = "forget the password kept" },
	VOPT_JSON, VOPT_END,
};

#define ACS_SUB(n, s, o, p, r, m) { .name = n, .summary = s, .opts = o, .pos = p, \
	.size = sizeof(struct acs_args), .run = r, .more = m }

static const struct verb acs_subs[] = {
	ACS_SUB("show", "the router as the ACS has it: system, WAN, LAN, WiFi, hosts, "
	    "optics, the age of the data, tasks left queued", show_opts, sn_pos, acs_show,
	    NULL),
	ACS_SUB("refresh", "make the router send every parameter again (audited)",
	    plain_opts, sn_pos, acs_refresh, NULL),
	ACS_SUB("reboot", "restart the router (asks)", reboot_opts, sn_pos, acs_reboot,
	    NULL),
	ACS_SUB("factory-reset", "ERASE the router's configuration (asks twice)",
	    reset_opts, sn_pos, acs_factory_reset, "On a terminal it asks twice (the "
	    "second time for the serial); without one it needs --yes and "
	    "--confirm-factory-reset."),
	ACS_SUB("wifi", "a radio's SSID and/or WPA passphrase, read back and verified",
	    wifi_opts, sn_pos, acs_wifi, "A WPA passphrase reads back empty (TR-069): it "
	    "is \"accepted, not readable back\", and oltui keeps the last one it set sealed "
	    "in the vault (--reuse-password sends it again; `oltui undo` restores the one "
	    "before)."),
	ACS_SUB("pppoe", "the WAN's PPPoE user and/or password", pppoe_opts, sn_pos,
	    acs_pppoe, NULL),
	ACS_SUB("set", "one parameter by path (the rare case)", set_opts, set_pos, acs_set,
	    "The path must be the router's own data model (InternetGatewayDevice. or "
	    "Device.); a password's value comes from --value-file."),
	ACS_SUB("firmware", "download a firmware image the ACS holds and install it",
	    firmware_opts, sn_pos, acs_firmware, NULL),
	ACS_SUB("tasks", "the tasks oltui left queued on the ACS, and what became of them",
	    list_opts, tasks_pos, acs_tasks, NULL),
	ACS_SUB("files", "the files (firmware images) the ACS holds", list_opts, NULL,
	    acs_files_verb, NULL),
	ACS_SUB("password", "keep the ACS's password (config.ini acs.user) sealed in the "
	    "vault", password_opts, NULL, acs_password, NULL),
	VERB_ACS_JOBS_SUBS,	/* mass, firmware schedule|list|... (verb_acs_jobs.c) */
	VERB_END,
};

const struct verb verbs_acs[] = {
	{ .name = "acs", .summary = "the customer's router through the TR-069 ACS "
	  "(GenieACS): show, WiFi, PPPoE, reboot, firmware...", .subs = acs_subs },
	VERB_END,
};
