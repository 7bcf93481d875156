/*
 * verb_acs_jobs.c — `oltui acs mass …` and `oltui acs firmware …`
 * (verb_acs_jobs.h): the fronts of ACS jobs.  They parse a filter and a
 * change into a job (core/acs_jobs.h), store it, and either run it here
 * (a mass change: on the engine's workers, at most --cap at once,
 * progress on stderr once a second, the per-router report on stdout) or
 * leave it to `oltui poll --daemon` (a firmware schedule).  This file
 * reads the arguments into a job and makes it; running it here, the
 * reports and list, show, cancel, resume (the same for both kinds) are
 * verb_acs_jobs_run.c.
 *
 * Passwords come from files (--password-file, --pppoe-password-file),
 * never argv; they are sealed by the vault before the job is stored and
 * printed as ******** everywhere.  Ctrl-C (or SIGTERM) stops starting
 * routers: the job is paused once the routers in flight answer, and
 * `acs mass resume ID` goes on.  Exit: 0 every router done, queued or
 * skipped; 1 some failed, or the run was interrupted or cancelled; 2
 * usage (nothing sent); 3 the ACS could not be reached.  Main thread.
 */
#include "tui/verbs/verb_acs_jobs_impl.h"

#include <cJSON.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/acs_apply.h"
#include "core/acs_jobs.h"
#include "core/acs_run.h"
#include "core/audit.h"
#include "core/config.h"
#include "core/engine.h"
#include "core/ops_acs.h"
#include "core/store.h"
#include "core/vault.h"
#include "lib/text.h"
#include "lib/util.h"
#include "tui/verbs/verb_write.h"

/* ---- arguments ---- */

/* --start / --end: "now", "+N[smhd]" or a date and time. */
static int
parse_when(const char *value, void *dst, char **cause)
{
	int64_t *t = dst, mult = 1;
	long n;
	size_t len = strlen(value);
	char *num;

	if (strcmp(value, "now") == 0) {
		*t = now_s();
		return 0;
	}
	if (value[0] == '+' && len >= 2) {
		switch (value[len - 1]) {
		case 'd': mult = 86400; break;
		case 'h': mult = 3600; break;
		case 'm': mult = 60; break;
		case 's': mult = 1; break;
		default: mult = 0; break;
		}
		num = xstrndup(value + 1, mult != 0 ? len - 2 : len - 1);
		if (mult == 0)
			mult = 1;
		if (parse_long(num, 0, 366L * 86400, &n) == 0) {
			free(num);
			*t = now_s() + n * mult;
			return 0;
		}
		free(num);
	} else if (parse_datetime(value, t) == 0)
		return 0;
	set_cause(cause, "a time is now, +N (s, m, h or d: +30m) or a date and time "
	    "(2026-12-01T02:00:00Z), not '%s'", value);
	return -1;
}

#define JA(m) offsetof(struct acs_jobs_args, m)

/* The rows both verbs share: the filter, the cap, the ACS, the job. */
#define JOPT_FILTER							\
	{ .name = "--query", .type = VA_STRING, .meta = "JSON", .off = JA(query), \
	  .help = "the routers a GenieACS query selects ({\"_tags\":\"north\"})" }, \
	{ .name = "--olt", .type = VA_NAME, .meta = "OLT", .off = JA(olt),	\
	  .help = "the routers of the ONTs of this OLT" },			\
	{ .name = "--port", .type = VA_STRING, .meta = "PORT", .off = JA(port), \
	  .max = PORT_MAX_LEN, .help = "with --olt: of this PON port only" },	\
	{ .name = "--profile", .type = VA_NAME, .meta = "NAME", .off = JA(profile), \
	  .help = "the routers of the ONTs provisioned with this profile" },	\
	{ .name = "--contracts", .type = VA_PATH, .meta = "FILE", .off = JA(contracts), \
	  .help = "the routers of the ONTs of these contracts (a code a line)" }
#define JOPT_COMMON							\
	{ .name = "--cap", .type = VA_INT, .meta = "N", .off = JA(cap),	\
	  .min = 1, .max = ACS_CAP_MAX,						\
	  .help = "at most N routers at once (default: config.ini acs.max_concurrent)" }, \
	{ .name = "--acs", .type = VA_STRING, .meta = "URL", .off = JA(acs),	\
	  .max = 255, .help = "this ACS instead of config.ini's [acs] url" },	\
	{ .name = "--retry-failed", .type = VA_FLAG, .off = JA(retry_failed),	\
	  .help = "resume: send again to the routers that failed" },		\
	{ .name = "--limit", .type = VA_INT, .meta = "N", .off = JA(limit),	\
	  .min = 1, .max = 100000, .def = 50, .help = "list: the newest N jobs" }, \
	VOPT_JSON, VOPT_YES, VOPT_DRY_RUN

const struct verb_opt verb_acs_mass_opts[] = {
	JOPT_FILTER,
	{ .name = "--ssid", .type = VA_STRING, .meta = "SSID", .off = JA(ssid),
	  .max = ACS_SSID_MAX, .help = "the WiFi name to set" },
	{ .name = "--radio", .type = VA_STRING, .meta = "N|BAND", .off = JA(radio),
	  .max = 15, .help = "only this radio (1, 2... or 2.4G, 5G; default: every radio)" },
	{ .name = "--password-file", .type = VA_SECRET_FILE, .meta = "FILE",
	  .off = JA(password_file), .help = "file holding the WiFi (WPA) passphrase to set" },
	{ .name = "--pppoe-user", .type = VA_STRING, .meta = "USER", .off = JA(pppoe_user),
	  .max = 64, .help = "the PPPoE user name to set" },
	{ .name = "--pppoe-password-file", .type = VA_SECRET_FILE, .meta = "FILE",
	  .off = JA(pppoe_password_file), .help = "file holding the PPPoE password to set" },
	{ .name = "--set", .type = VA_STRING, .meta = "PATH=VALUE[:TYPE]", .off = JA(set),
	  .flags = VO_MULTI, .help = "a parameter by path (TYPE: string, boolean, int, "
	  "unsignedInt, dateTime); repeat for more" },
	JOPT_COMMON,
	VOPT_END,
};

const struct verb_opt verb_acs_firmware_opts[] = {
	JOPT_FILTER,
	{ .name = "--file", .type = VA_STRING, .meta = "NAME", .off = JA(file),
	  .max = ACS_FILE_MAX, .help = "schedule: the firmware file the ACS holds" },
	{ .name = "--start", .type = VA_STRING, .meta = "TIME", .off = JA(start),
	  .help = "schedule, resume: not before (now, +30m, 2026-12-01T02:00:00Z)" },
	{ .name = "--end", .type = VA_STRING, .meta = "TIME", .off = JA(end),
	  .help = "schedule, resume: no router is started after" },
	JOPT_COMMON,
	VOPT_END,
};

/* The word of a sub-command of `acs mass` / `acs firmware`: only these
   parse, so an overloaded `acs firmware SN ...` (verb_acs.c) is told apart
   at parsing. */
static int
parse_word(const char *value, void *dst, char **cause, const char *const *words)
{
	for (size_t i = 0; words[i] != NULL; i++)
		if (strcmp(value, words[i]) == 0) {
			*(const char **)dst = words[i];
			return 0;
		}
	set_cause(cause, "'%s' is not one of its sub-commands", str_has_control(value) ?
	    "?" : value);
	return -1;
}

static int
parse_mass_word(const char *value, void *dst, char **cause)
{
	static const char *const words[] = { "list", "show", "cancel", "resume", NULL };

	return parse_word(value, dst, cause, words);
}

static int
parse_firmware_word(const char *value, void *dst, char **cause)
{
	static const char *const words[] = { "schedule", "list", "show", "cancel", "resume",
	    NULL };

	return parse_word(value, dst, cause, words);
}

#define JPOS_ID									{ .meta = "ID", .type = VA_STRING, .off = JA(id), .flags = VO_OPTIONAL,		  .help = "the job (show, cancel, resume)" }

const struct verb_pos verb_acs_mass_pos[] = {
	{ .meta = "SUBCOMMAND", .type = VA_CUSTOM, .off = JA(action), .flags = VO_OPTIONAL,
	  .parse = parse_mass_word,
	  .help = "list, show, cancel or resume; none: run a mass change" },
	JPOS_ID,
	VPOS_END,
};

const struct verb_pos verb_acs_firmware_pos[] = {
	{ .meta = "SUBCOMMAND", .type = VA_CUSTOM, .off = JA(action),
	  .parse = parse_firmware_word, .help = "schedule, list, show, cancel or resume" },
	JPOS_ID,
	VPOS_END,
};

/* True when any filter option is given. */
static bool
has_filter(const struct acs_jobs_args *a)
{
	return a->query != NULL || a->olt != NULL || a->port != NULL || a->profile != NULL ||
	    a->contracts != NULL;
}

/* True when any option of a change is given. */
static bool
has_change(const struct acs_jobs_args *a)
{
	return a->ssid != NULL || a->radio != NULL || a->password_file != NULL ||
	    a->pppoe_user != NULL || a->pppoe_password_file != NULL || a->set.n > 0 ||
	    a->file != NULL;
}

/* Reads the contract codes of path (one a line, # comments). */
static int
read_contracts(const char *path, struct acs_filter *f, char **cause)
{
	FILE *fp = fopen(path, "r");
	char line[256];
	int n = 0;

	if (fp == NULL) {
		set_cause(cause, "cannot read %s: %s", path, strerror(errno));
		return -1;
	}
	while (fgets(line, sizeof line, fp) != NULL) {
		char *w = str_trim(line);

		n++;
		if (w[0] == '\0' || w[0] == '#')
			continue;
		if (strlen(w) > NAME_MAX_LEN || strspn(w, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
		    "abcdefghijklmnopqrstuvwxyz0123456789._-") != strlen(w)) {
			set_cause(cause, "%s line %d: '%s' is not a contract code", path, n,
			    text_shown(w));
			fclose(fp);
			return -1;
		}
		f->contracts = xreallocarray(f->contracts, f->ncontracts + 1,
		    sizeof *f->contracts);
		f->contracts[f->ncontracts++] = xstrdup(w);
	}
	fclose(fp);
	if (f->ncontracts == 0) {
		set_cause(cause, "%s names no contract", path);
		return -1;
	}
	return 0;
}

/* The filter of a. 0, or -1 with *cause (a usage error). */
static int
make_filter(const struct acs_jobs_args *a, struct acs_filter *f, char **cause)
{
	cJSON *q;

	memset(f, 0, sizeof *f);
	if (!has_filter(a)) {
		set_cause(cause, "say which routers: --query JSON, or --olt [--port], "
		    "--profile, --contracts FILE");
		return -1;
	}
	if (a->query != NULL) {
		if (a->olt != NULL || a->port != NULL || a->profile != NULL ||
		    a->contracts != NULL) {
			set_cause(cause, "--query is the whole filter: it does not combine with "
			    "--olt, --port, --profile or --contracts");
			return -1;
		}
		if ((q = cJSON_Parse(a->query)) == NULL || !cJSON_IsObject(q)) {
			cJSON_Delete(q);
			set_cause(cause, "--query: not a JSON object: %s", a->query);
			return -1;
		}
		cJSON_Delete(q);
		f->query = xstrdup(a->query);
		return 0;
	}
	if (a->port != NULL && a->olt == NULL) {
		set_cause(cause, "--port needs --olt");
		return -1;
	}
	strlcpy_(f->olt, a->olt != NULL ? a->olt : "", sizeof f->olt);
	strlcpy_(f->port, a->port != NULL ? a->port : "", sizeof f->port);
	strlcpy_(f->profile, a->profile != NULL ? a->profile : "", sizeof f->profile);
	if (a->contracts != NULL && read_contracts(a->contracts, f, cause) != 0)
		return -1;
	return 0;
}

/* The change of a mass run (without its secrets). */
static int
make_change(const struct acs_jobs_args *a, struct acs_change *c, char **cause)
{
	memset(c, 0, sizeof *c);
	if (a->file != NULL || a->start != NULL || a->end != NULL) {
		set_cause(cause, "--file, --start and --end are for `acs firmware schedule`");
		return -1;
	}
	if (a->radio != NULL && a->ssid == NULL && a->password_file == NULL) {
		set_cause(cause, "--radio goes with --ssid or --password-file");
		return -1;
	}
	strlcpy_(c->ssid, a->ssid != NULL ? a->ssid : "", sizeof c->ssid);
	strlcpy_(c->radio, a->radio != NULL ? a->radio : "", sizeof c->radio);
	strlcpy_(c->pppoe_user, a->pppoe_user != NULL ? a->pppoe_user : "",
	    sizeof c->pppoe_user);
	c->secret[ACS_SECRET_WIFI] = a->password_file != NULL;
	c->secret[ACS_SECRET_PPPOE] = a->pppoe_password_file != NULL;
	if (a->ssid != NULL && a->ssid[0] == '\0') {
		set_cause(cause, "--ssid: an SSID is 1 to %d characters", ACS_SSID_MAX);
		return -1;
	}
	c->set = xcalloc(a->set.n + 1, sizeof *c->set);
	for (size_t i = 0; i < a->set.n; i++) {
		if (acs_set_parse(a->set.v[i], &c->set[i], cause) != 0) {
			char *m = xasprintf("--set: %s", *cause);

			free(*cause);
			*cause = m;
			return -1;
		}
		c->nset++;
	}
	if (acs_change_empty(c)) {
		set_cause(cause, "say what to change: --ssid, --password-file, --pppoe-user, "
		    "--pppoe-password-file or --set PATH=VALUE");
		return -1;
	}
	return 0;
}

/* The job number of a->id.  0, or a usage error printed. */
int
vaj_job_number(const struct acs_jobs_args *a, int64_t *id)
{
	long v;

	if (a->id == NULL)
		return verb_fail(&a->c, ERR_USAGE, "%s: which job? (oltui %s list)",
		    a->action, a->c.name);
	if (parse_long(a->id[0] == '#' ? a->id + 1 : a->id, 1, (long)(~0UL >> 1), &v) != 0)
		return verb_fail(&a->c, ERR_USAGE, "a job is a number (oltui %s list), not '%s'",
		    a->c.name, str_has_control(a->id) ? "?" : a->id);
	*id = v;
	return EXIT_OK;
}

/* "SSID "Casa" on every radio, a WiFi passphrase, 2 parameters". */
char *
vaj_change_words(const struct acs_change *c)
{
	struct buf b = { 0 };

	if (c->file[0] != '\0')
		buf_addf(&b, "the firmware %s", c->file);
	if (c->ssid[0] != '\0')
		buf_addf(&b, "SSID \"%s\"", c->ssid);
	if (c->secret[ACS_SECRET_WIFI])
		buf_addf(&b, "%sa WiFi passphrase", b.len > 0 ? ", " : "");
	if (c->ssid[0] != '\0' || c->secret[ACS_SECRET_WIFI])
		buf_addf(&b, " on %s%s", c->radio[0] != '\0' ? "radio " : "every radio",
		    c->radio);
	if (c->pppoe_user[0] != '\0')
		buf_addf(&b, "%sPPPoE user %s", b.len > 0 ? ", " : "", c->pppoe_user);
	if (c->secret[ACS_SECRET_PPPOE])
		buf_addf(&b, "%sa PPPoE password", b.len > 0 ? ", " : "");
	if (c->nset > 0)
		buf_addf(&b, "%s%zu parameter%s by path", b.len > 0 ? ", " : "", c->nset,
		    c->nset == 1 ? "" : "s");
	return buf_take(&b);
}

/* Opens the engine a job verb needs: the vault, and workers for cap. */
int
vaj_open_engine(const struct acs_jobs_args *a, int cap, struct engine **e)
{
	return verb_engine_workers(&a->c, ENGINE_VAULT | ENGINE_WORKERS, cap + 1, e);
}

/* The cap of a: --cap, or config.ini acs.max_concurrent. */
static int
cap_of(const struct acs_jobs_args *a, struct engine *e)
{
	return a->cap > 0 ? (int)a->cap : (int)config_int(engine_config(e),
	    "acs.max_concurrent");
}

/* Reads a password file, seals it into j->sealed[k]. */
static int
seal_file(const struct acs_jobs_args *a, struct engine *e, const char *path,
    enum acs_secret k, struct acs_job *j)
{
	char *cause = NULL, *secret;

	if (path == NULL)
		return EXIT_OK;
	if ((secret = vault_read_secret(path, NULL, &cause)) == NULL)
		return verb_fail_cause(&a->c, ERR_REFUSED, cause);
	j->sealed[k] = vault_seal(engine_vault(e), secret);
	vault_secret_free(secret);
	return EXIT_OK;
}

/* Prints what a dry run found (text or JSON); nothing was sent. */
static int
print_preview(const struct acs_jobs_args *a, const struct acs_job *j,
    const struct acs_item *v, size_t n)
{
	char *filter = acs_filter_text(&j->filter), *words = vaj_change_words(&j->change);

	if (a->c.json) {
		cJSON *doc = cJSON_CreateObject(), *arr;

		cJSON_AddBoolToObject(doc, "dry_run", true);
		cJSON_AddItemToObject(doc, "filter", acs_filter_json(&j->filter));
		cJSON_AddItemToObject(doc, "change", acs_change_json(&j->change));
		arr = cJSON_AddArrayToObject(doc, "items");
		for (size_t i = 0; i < n; i++)
			cJSON_AddItemToArray(arr, acs_item_json(&v[i]));
		verb_print_json(doc);
	} else {
		printf("dry run: %s to the routers of %s (nothing is sent)\n", words, filter);
		for (size_t i = 0; i < n; i++) {
			cJSON *p = cJSON_Parse(v[i].params), *x;

			printf("%-16s %s%s%s%s\n", v[i].serial[0] != '\0' ? v[i].serial : "-",
			    v[i].device_id[0] != '\0' ? v[i].device_id : "not on the ACS",
			    v[i].state != AI_PENDING ? "  " : "",
			    v[i].state != AI_PENDING ? vaj_state_label(v[i].state) : "",
			    v[i].reason[0] != '\0' ? "" : "");
			if (v[i].reason[0] != '\0')
				printf("    %s\n", v[i].reason);
			if (j->kind == ACS_JOB_FIRMWARE && v[i].state == AI_PENDING)
				printf("    download %s (runs %s now)\n", j->change.file,
				    v[i].version_before[0] != '\0' ? v[i].version_before : "?");
			cJSON_ArrayForEach(x, p) {
				const cJSON *val = cJSON_GetArrayItem(x, 1);

				printf("    %s = %s (%s)\n", cJSON_GetArrayItem(x, 0)->valuestring,
				    cJSON_IsString(val) ? val->valuestring : "********",
				    cJSON_GetArrayItem(x, 2)->valuestring);
			}
			cJSON_Delete(p);
		}
		printf("%zu router%s\n", n, n == 1 ? "" : "s");
	}
	free(filter);
	free(words);
	return EXIT_OK;
}

/* Builds job j from a (kind, filter, change, cap, secrets, window);
   EXIT_OK, or an exit status after printing why. */
static int
make_job(const struct acs_jobs_args *a, struct engine *e, enum acs_job_kind kind,
    struct acs_job *j)
{
	char *cause = NULL, *user;
	struct err err = { 0 };
	int rc;

	memset(j, 0, sizeof *j);
	j->kind = kind;
	j->cap = cap_of(a, e);
	user = audit_os_user();
	strlcpy_(j->user, user, sizeof j->user);
	free(user);
	if (make_filter(a, &j->filter, &cause) != 0)
		return verb_fail_cause(&a->c, ERR_USAGE, cause);
	if (acs_resolve_check(e, &j->filter, &err) != 0)
		return verb_fail_err(&a->c, &err);
	if (kind == ACS_JOB_FIRMWARE)
		return EXIT_OK;
	if (make_change(a, &j->change, &cause) != 0)
		return verb_fail_cause(&a->c, ERR_USAGE, cause);
	if ((rc = seal_file(a, e, a->password_file, ACS_SECRET_WIFI, j)) != EXIT_OK ||
	    (rc = seal_file(a, e, a->pppoe_password_file, ACS_SECRET_PPPOE, j)) != EXIT_OK)
		return rc;
	return EXIT_OK;
}

/* A dry run of job j: resolve, print, store nothing. */
static int
dry_run(const struct acs_jobs_args *a, struct engine *e, const struct acs_job *j)
{
	struct acs_apply ap;
	struct acs_item *v = NULL;
	struct err err = { 0 };
	size_t n = 0;
	int rc;

	acs_apply_init(&ap, e, a->acs);
	if (acs_run_preview(e, j, &ap.ops, &v, &n, &err) != 0)
		return verb_fail_err(&a->c, &err);
	rc = print_preview(a, j, v, n);
	acs_items_free(v, n);
	return rc;
}

/* oltui acs mass [filter] [change]: a mass change, run here. */
static int
mass_run(const struct acs_jobs_args *a)
{
	struct engine *e;
	struct acs_job j;
	char *cause = NULL, *what, *filter, *words;
	int rc;

	if (a->start != NULL || a->end != NULL || a->file != NULL)
		return verb_fail(&a->c, ERR_USAGE, "--file, --start and --end are for "
		    "`acs firmware schedule`");
	if (!has_filter(a) || !has_change(a)) {
		struct acs_filter f = { 0 };
		struct acs_change ch = { 0 };
		bool bad = make_filter(a, &f, &cause) != 0 || make_change(a, &ch, &cause) != 0;

		acs_filter_clear(&f);
		acs_change_clear(&ch);
		if (bad)
			return verb_fail_cause(&a->c, ERR_USAGE, cause);
	}
	if ((rc = vaj_open_engine(a, a->cap > 0 ? (int)a->cap : ACS_CAP_MAX, &e)) != EXIT_OK)
		return rc;
	if ((rc = make_job(a, e, ACS_JOB_MASS, &j)) != EXIT_OK)
		goto out;
	if (a->c.dry_run) {
		rc = dry_run(a, e, &j);
		goto out;
	}
	filter = acs_filter_text(&j.filter);
	words = vaj_change_words(&j.change);
	what = xasprintf("send %s to every router of %s", words, filter);
	free(filter);
	free(words);
	if (!vw_confirm(&a->c, what)) {
		free(what);
		rc = EXIT_USAGE;
		goto out;
	}
	free(what);
	if (store_acs_job_add(engine_store(e, NULL), &j, &cause) != 0) {
		rc = verb_fail_cause(&a->c, ERR_INTERNAL, cause);
		goto out;
	}
	fprintf(stderr, "oltui acs mass %lld: at most %d at once (resume with `oltui acs mass "
	    "resume %lld`)\n", (long long)j.id, j.cap, (long long)j.id);
	rc = vaj_run_here(a, e, j.id);
out:
	acs_job_clear(&j);
	engine_close(e);
	return rc;
}

/* The window of a (--start, --end) over the job's.  EXIT_OK, or usage. */
int
vaj_window_of(const struct acs_jobs_args *a, int64_t *start, int64_t *end)
{
	char *cause = NULL;

	if ((a->start != NULL && parse_when(a->start, start, &cause) != 0) ||
	    (a->end != NULL && parse_when(a->end, end, &cause) != 0))
		return verb_fail_cause(&a->c, ERR_USAGE, cause);
	if (*end != 0 && *end <= *start)
		return verb_fail(&a->c, ERR_USAGE, "--end must come after --start");
	if (*end != 0 && *end <= now_s()) {
		char when[32];

		iso8601(*end, when);
		return verb_fail(&a->c, ERR_USAGE, "the window ends at %s, in the past: "
		    "give a later --end", when);
	}
	return EXIT_OK;
}

/* oltui acs firmware schedule --file F (filter) --start T [--end T] */
static int
firmware_schedule(const struct acs_jobs_args *a)
{
	struct engine *e;
	struct acs_job j;
	struct acs_file_list fl = { 0 };
	struct err err = { 0 };
	char *cause = NULL, *filter, when[32];
	bool found = false;
	int rc;

	if (a->file == NULL || a->start == NULL)
		return verb_fail(&a->c, ERR_USAGE, "schedule needs --file NAME and --start TIME");
	if (a->ssid != NULL || a->set.n > 0)
		return verb_fail(&a->c, ERR_USAGE, "a firmware job changes nothing but the "
		    "firmware: --ssid, --set... are for `acs mass`");
	if ((rc = vaj_open_engine(a, a->cap > 0 ? (int)a->cap : 4, &e)) != EXIT_OK)
		return rc;
	if ((rc = make_job(a, e, ACS_JOB_FIRMWARE, &j)) != EXIT_OK ||
	    (rc = vaj_window_of(a, &j.window_start, &j.window_end)) != EXIT_OK)
		goto out;
	strlcpy_(j.change.file, a->file, sizeof j.change.file);
	if (ops_acs_files(e, a->acs, &fl, &err) != 0) {
		rc = verb_fail_err(&a->c, &err);
		goto out;
	}
	for (size_t i = 0; i < fl.n; i++)
		found |= strcmp(fl.v[i].name, a->file) == 0;
	acs_file_list_free(&fl);
	if (!found) {
		rc = verb_fail(&a->c, ERR_USAGE, "the ACS holds no file \"%s\" (oltui acs files "
		    "lists what it holds)", a->file);
		goto out;
	}
	if (a->c.dry_run) {
		rc = dry_run(a, e, &j);
		goto out;
	}
	if (store_acs_job_add(engine_store(e, NULL), &j, &cause) != 0) {
		rc = verb_fail_cause(&a->c, ERR_INTERNAL, cause);
		goto out;
	}
	filter = acs_filter_text(&j.filter);
	iso8601(j.window_start, when);
	fprintf(stderr, "oltui acs firmware %lld: %s to the routers of %s from %s, at most %d "
	    "at once: `oltui poll --daemon` runs it\n", (long long)j.id, a->file, filter,
	    when, j.cap);
	free(filter);
	rc = vaj_report(&a->c, e, j.id, ERR_NONE, 0, 0, false) == EXIT_USAGE ? EXIT_USAGE : EXIT_OK;
out:
	acs_job_clear(&j);
	engine_close(e);
	return rc;
}

/* Refuses options a sub-command does not take. */
static int
only_job(const struct acs_jobs_args *a)
{
	if (has_filter(a) || has_change(a) || a->start != NULL || a->end != NULL)
		return verb_fail(&a->c, ERR_USAGE, "%s takes a job number, not a filter or a "
		    "change", a->action);
	return EXIT_OK;
}

/* oltui acs mass [SUBCOMMAND [ID]] */
int
verb_acs_mass(void *args)
{
	struct acs_jobs_args *a = args;
	int rc;

	if (a->action == NULL)
		return mass_run(a);
	if ((rc = only_job(a)) != EXIT_OK)
		return rc;
	if (strcmp(a->action, "list") == 0)
		return vaj_list(a, ACS_JOB_MASS);
	if (strcmp(a->action, "show") == 0)
		return vaj_show(a, ACS_JOB_MASS);
	if (strcmp(a->action, "cancel") == 0)
		return vaj_cancel(a, ACS_JOB_MASS);
	return vaj_mass_resume(a);
}

/* oltui acs firmware SUBCOMMAND [ID] */
int
verb_acs_firmware(void *args)
{
	struct acs_jobs_args *a = args;
	int rc;

	if (strcmp(a->action, "schedule") == 0)
		return firmware_schedule(a);
	if (strcmp(a->action, "resume") != 0 && (rc = only_job(a)) != EXIT_OK)
		return rc;
	if (strcmp(a->action, "resume") == 0 && (has_filter(a) || has_change(a)))
		return verb_fail(&a->c, ERR_USAGE, "resume takes a job number (and --start, "
		    "--end, --cap, --retry-failed), not a filter or a change");
	if (strcmp(a->action, "list") == 0)
		return vaj_list(a, ACS_JOB_FIRMWARE);
	if (strcmp(a->action, "show") == 0)
		return vaj_show(a, ACS_JOB_FIRMWARE);
	if (strcmp(a->action, "cancel") == 0)
		return vaj_cancel(a, ACS_JOB_FIRMWARE);
	return vaj_firmware_resume(a);
}
