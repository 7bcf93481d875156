/*
 * ops_acs_plan.c — what a change to a router sets, and its plan.
 *
 * The paths come from the router's view (acs_view.h): a radio's SSID and
 * WPA passphrase where its vendor keeps them (Huawei PreSharedKey.1.
 * KeyPassphrase, ZTE WLANConfiguration.{i}.KeyPassphrase, TR-181
 * AccessPoint.{i}.Security.KeyPassphrase), the PPPoE user and password of
 * the WAN connection that carries it, so what `acs show` shows and what a
 * change writes name the same parameter.  A parameter by path is checked
 * here: its characters, the router's own data model, its type and value.
 *
 * The plan of a change with parameters is one setParameterValues task
 * (GenieACS runs it in one session: all of them or none), its undo the
 * task that sets the values found; a value not known before (a passphrase
 * oltui never set: it reads back empty) cannot be restored, and the undo
 * says so.  A reboot, factory reset, refresh or download has no undo and
 * nothing to read back.
 *
 * Pure but for reading the vault (a kept passphrase); any thread.
 */
#include "core/ops_acs_impl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/vault.h"
#include "lib/util.h"

static const char *const value_types[] = { "xsd:string", "xsd:boolean", "xsd:int",
    "xsd:unsignedInt", "xsd:dateTime" };

/* Checks a parameter path: names of [A-Za-z0-9_-] between single dots,
   under the router's own root.  0, or -1 with *err. */
static int
check_path(const struct acs_target *t, const char *path, struct err *err)
{
	const char *root = t->view.model == ACS_MODEL_TR181 ? "Device." :
	    "InternetGatewayDevice.";
	size_t n = strlen(path);

	if (n == 0 || n > 255 || path[n - 1] == '.' || strstr(path, "..") != NULL ||
	    strspn(path, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
	    "_-.") != n) {
		err_set(err, ERR_USAGE, "\"%s\" is not a parameter path (names of A-Z a-z 0-9 "
		    "_ - between dots, ending in a parameter's name)", path);
		return -1;
	}
	if (!str_startswith(path, root)) {
		err_set(err, ERR_USAGE, "router %s speaks %s: its parameters start with \"%s\", "
		    "not as \"%s\"", t->dev.id, acs_model_name(t->view.model), root, path);
		return -1;
	}
	return 0;
}

/* True when v is a date and time as xsd:dateTime spells it:
   2024-05-01T12:00:00, optionally .fff and Z or +hh:mm. */
static bool
is_datetime(const char *v)
{
	int y, mo, d, h, mi, s, used = 0;
	const char *rest;

	if (sscanf(v, "%4d-%2d-%2dT%2d:%2d:%2d%n", &y, &mo, &d, &h, &mi, &s, &used) != 6 ||
	    used != 19 || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60)
		return false;
	rest = v + used;
	if (*rest == '.')
		for (rest++; *rest >= '0' && *rest <= '9'; rest++)
			;
	if (*rest == 'Z')
		return rest[1] == '\0';
	if (*rest == '+' || *rest == '-')
		return strlen(rest) == 6 && rest[3] == ':';
	return *rest == '\0';
}

/* Checks a value against its type.  0, or -1 with *err. */
static int
check_value(const char *path, const char *type, const char *v, struct err *err)
{
	long l;

	if (str_has_control(v) || strlen(v) > 1024) {
		err_set(err, ERR_USAGE, "%s: the value holds a control character or is longer "
		    "than 1024 bytes", path);
		return -1;
	}
	if (strcmp(type, "xsd:boolean") == 0 && strcmp(v, "true") != 0 &&
	    strcmp(v, "false") != 0 && strcmp(v, "1") != 0 && strcmp(v, "0") != 0)
		err_set(err, ERR_USAGE, "%s: an xsd:boolean is true, false, 1 or 0, not \"%s\"",
		    path, v);
	else if (strcmp(type, "xsd:int") == 0 && parse_long(v, -2147483648L, 2147483647L,
	    &l) != 0)
		err_set(err, ERR_USAGE, "%s: an xsd:int is a whole number from -2147483648 to "
		    "2147483647, not \"%s\"", path, v);
	else if (strcmp(type, "xsd:unsignedInt") == 0 && parse_long(v, 0, 4294967295L,
	    &l) != 0)
		err_set(err, ERR_USAGE, "%s: an xsd:unsignedInt is a whole number from 0 to "
		    "4294967295, not \"%s\"", path, v);
	else if (strcmp(type, "xsd:dateTime") == 0 && !is_datetime(v))
		err_set(err, ERR_USAGE, "%s: an xsd:dateTime is written 2024-05-01T12:00:00Z, "
		    "not \"%s\"", path, v);
	return err->kind == ERR_NONE ? 0 : -1;
}

/* Appends a parameter to set: its value now from the router's document, or
   for a secret the one oltui kept (reuse: the kept one is the value). */
static int
want_add(struct engine *e, const struct acs_target *t, struct acs_want **w, size_t *n,
    const char *path, const char *type, const char *value, bool secret, bool reuse,
    struct err *err)
{
	struct acs_want *x;
	char *kept = NULL, *name;
	int64_t ref = 0, aid = 0;
	const char *now;
	int rc = 0;

	if (secret) {
		name = ops_acs_kept_name(t->dev.id, path);
		rc = ops_acs_kept_get(e, name, &kept, &ref, &aid, err);
		free(name);
		if (rc < 0)
			return -1;
		if (reuse && rc == 0) {
			err_set(err, ERR_USAGE, "oltui never set %s on router %s: there is no "
			    "password to send again", path, t->dev.id);
			return -1;
		}
	}
	*w = xreallocarray(*w, *n + 1, sizeof **w);
	x = &(*w)[(*n)++];
	memset(x, 0, sizeof *x);
	x->path = xstrdup(path);
	x->type = xstrdup(type != NULL ? type : "xsd:string");
	x->secret = secret;
	x->readable = !secret && !ops_acs_hidden(path);
	if (secret) {
		x->before = kept;
		x->before_ref = ref;
		x->value = xstrdup(reuse ? kept : value);
	} else {
		now = acs_param(&t->dev, path, &x->before_at);
		x->before = now != NULL ? xstrdup(now) : NULL;
		x->value = xstrdup(value);
	}
	return 0;
}

/* Checks a WPA passphrase: 8 to 63 printable characters, or 64 hex. */
static int
check_passphrase(const char *pw, struct err *err)
{
	size_t n = strlen(pw);
	bool printable = true;

	for (size_t i = 0; i < n; i++)
		if (pw[i] < 0x20 || pw[i] > 0x7e)
			printable = false;
	if (printable && ((n >= 8 && n <= 63) ||
	    (n == 64 && strspn(pw, "0123456789abcdefABCDEF") == 64)))
		return 0;
	err_set(err, ERR_USAGE, "a WPA passphrase is 8 to 63 printable characters (or 64 "
	    "hex digits); the one given is %zu", n);
	return -1;
}

/* The parameters of a WiFi change. */
static int
wants_wifi(struct engine *e, const struct acs_change_req *rq, const struct acs_target *t,
    struct acs_want **w, size_t *n, struct err *err)
{
	const struct acs_radio *radio;
	char *cause = NULL;

	if (rq->ssid == NULL && rq->wifi_password == NULL && !rq->reuse_password) {
		err_set(err, ERR_USAGE, "nothing to change: give the SSID and/or a new "
		    "passphrase (from a file), or reuse the last one");
		return -1;
	}
	if (rq->wifi_password != NULL && rq->reuse_password) {
		err_set(err, ERR_USAGE, "a new passphrase or the last one again, not both");
		return -1;
	}
	if ((radio = acs_view_radio(&t->view, rq->radio != NULL && rq->radio[0] != '\0' ?
	    rq->radio : "1", &cause)) == NULL) {
		err_set(err, ERR_USAGE, "router %s: %s", t->dev.id, cause);
		free(cause);
		return -1;
	}
	if (rq->ssid != NULL && (rq->ssid[0] == '\0' || strlen(rq->ssid) > 32 ||
	    str_has_control(rq->ssid))) {
		err_set(err, ERR_USAGE, "an SSID is 1 to 32 characters without control "
		    "characters");
		return -1;
	}
	if (rq->ssid != NULL && want_add(e, t, w, n, radio->ssid_path, NULL, rq->ssid, false,
	    false, err) != 0)
		return -1;
	if (rq->wifi_password == NULL && !rq->reuse_password)
		return 0;
	if (radio->password_path[0] == '\0') {
		err_set(err, ERR_USAGE, "router %s does not say where radio %d keeps its "
		    "passphrase", t->dev.id, radio->instance);
		return -1;
	}
	if (rq->wifi_password != NULL && check_passphrase(rq->wifi_password, err) != 0)
		return -1;
	return want_add(e, t, w, n, radio->password_path, NULL, rq->wifi_password, true,
	    rq->reuse_password, err);
}

/* The parameters of a PPPoE change. */
static int
wants_pppoe(struct engine *e, const struct acs_change_req *rq, const struct acs_target *t,
    struct acs_want **w, size_t *n, struct err *err)
{
	const struct acs_wan *wan = acs_view_pppoe(&t->view);

	if (rq->pppoe_user == NULL && rq->pppoe_password == NULL) {
		err_set(err, ERR_USAGE, "nothing to change: give the PPPoE user and/or "
		    "password (from a file)");
		return -1;
	}
	if (wan == NULL || wan->user_path[0] == '\0') {
		err_set(err, ERR_USAGE, "router %s has no PPPoE connection (oltui acs show "
		    "lists its WAN)", t->dev.id);
		return -1;
	}
	if (rq->pppoe_user != NULL && (rq->pppoe_user[0] == '\0' ||
	    strlen(rq->pppoe_user) > 64 || str_has_control(rq->pppoe_user))) {
		err_set(err, ERR_USAGE, "a PPPoE user is 1 to 64 characters without control "
		    "characters");
		return -1;
	}
	if (rq->pppoe_password != NULL && (rq->pppoe_password[0] == '\0' ||
	    strlen(rq->pppoe_password) > 64 || str_has_control(rq->pppoe_password))) {
		err_set(err, ERR_USAGE, "a PPPoE password is 1 to 64 characters without "
		    "control characters");
		return -1;
	}
	if (rq->pppoe_user != NULL && want_add(e, t, w, n, wan->user_path, NULL,
	    rq->pppoe_user, false, false, err) != 0)
		return -1;
	if (rq->pppoe_password == NULL)
		return 0;
	if (wan->password_path[0] == '\0') {
		err_set(err, ERR_USAGE, "router %s does not say where its PPPoE password is",
		    t->dev.id);
		return -1;
	}
	return want_add(e, t, w, n, wan->password_path, NULL, rq->pppoe_password, true,
	    false, err);
}

/* The parameters of a change by path. */
static int
wants_set(struct engine *e, const struct acs_change_req *rq, const struct acs_target *t,
    struct acs_want **w, size_t *n, struct err *err)
{
	if (rq->nparams == 0 || rq->params == NULL) {
		err_set(err, ERR_USAGE, "nothing to change: give a parameter path and value");
		return -1;
	}
	for (size_t i = 0; i < rq->nparams; i++) {
		const struct acs_set_param *sp = &rq->params[i];
		const char *type = sp->type != NULL ? sp->type : "xsd:string";
		bool known = false;

		for (size_t k = 0; k < nitems(value_types); k++)
			known |= strcmp(type, value_types[k]) == 0;
		if (!known) {
			err_set(err, ERR_USAGE, "%s: type \"%s\" is not one of xsd:string, "
			    "xsd:boolean, xsd:int, xsd:unsignedInt, xsd:dateTime", sp->path, type);
			return -1;
		}
		if (sp->value == NULL || check_path(t, sp->path, err) != 0 ||
		    check_value(sp->path, type, sp->value, err) != 0) {
			if (err->kind == ERR_NONE)
				err_set(err, ERR_USAGE, "%s: no value", sp->path);
			return -1;
		}
		if (ops_acs_hidden(sp->path) && !sp->secret) {
			err_set(err, ERR_USAGE, "%s is a password (it reads back empty): give its "
			    "value from a file, never on the command line", sp->path);
			return -1;
		}
		if (want_add(e, t, w, n, sp->path, type, sp->value, sp->secret, false, err) != 0)
			return -1;
	}
	return 0;
}

int
ops_acs_wants(struct engine *e, const struct acs_change_req *rq, const struct acs_target *t,
    struct acs_want **w, size_t *n, struct err *err)
{
	int rc = 0;

	*w = NULL;
	*n = 0;
	if (rq->kind == ACS_CH_WIFI)
		rc = wants_wifi(e, rq, t, w, n, err);
	else if (rq->kind == ACS_CH_PPPOE)
		rc = wants_pppoe(e, rq, t, w, n, err);
	else if (rq->kind == ACS_CH_SET)
		rc = wants_set(e, rq, t, w, n, err);
	if (rc != 0) {
		ops_acs_wants_free(*w, *n);
		*w = NULL;
		*n = 0;
	}
	return rc;
}

/* The task and its words of a change without parameters. */
static void
simple_task(const struct acs_change_req *rq, char **task, char **words)
{
	switch (rq->kind) {
	case ACS_CH_REFRESH:
		*task = acs_task_refresh("");
		*words = xstrdup("refresh: read every parameter of the router again "
		    "(refreshObject)");
		break;
	case ACS_CH_REBOOT:
		*task = acs_task_simple("reboot");
		*words = xstrdup("reboot the router");
		break;
	case ACS_CH_FACTORY_RESET:
		*task = acs_task_simple("factoryReset");
		*words = xstrdup("factory reset: ERASE the router's configuration");
		break;
	default:
		*task = acs_task_download(rq->file);
		*words = xasprintf("download the firmware \"%s\" the ACS holds and install it "
		    "(the router reboots)", rq->file);
		break;
	}
}

int
ops_acs_plan(const struct acs_change_req *rq, const struct acs_target *t,
    const char *action, const char *title, const struct acs_want *w, size_t n,
    struct plan **out, struct err *err)
{
	struct plan *p = plan_new(t->olt, action, title);
	struct buf words = { 0 }, back = { 0 }, lost = { 0 };
	const char **paths = xcalloc(n + 1, sizeof *paths);
	const char **now = xcalloc(n + 1, sizeof *now), **was = xcalloc(n + 1, sizeof *was);
	const char **types = xcalloc(n + 1, sizeof *types);
	const char **bpaths = xcalloc(n + 1, sizeof *bpaths);
	const char **btypes = xcalloc(n + 1, sizeof *btypes);
	char *task = NULL, *undo = NULL, *cause = NULL;
	size_t nb = 0;
	int rc;

	free(p->ont_sn);
	p->ont_sn = xstrdup(t->sn);
	free(p->contract);
	p->contract = xstrdup(t->contract);
	free(p->device);
	p->device = xstrdup(t->dev.id);
	p->verify.exec = PLAN_EXEC_ACS;
	for (size_t i = 0; i < n; i++) {
		plan_param_add(p, PLAN_EXEC_ACS, w[i].path, w[i].type, w[i].before, w[i].value,
		    w[i].secret, w[i].readable, w[i].before_ref);
		paths[i] = w[i].path;
		now[i] = w[i].value;
		types[i] = w[i].type;
		if (w[i].before != NULL) {
			bpaths[nb] = w[i].path;
			btypes[nb] = w[i].type;
			was[nb++] = w[i].before;
		} else
			buf_addf(&lost, "%s%s", lost.len > 0 ? ", " : "", w[i].path);
	}
	if (n > 0) {
		task = acs_task_set_values(paths, now, types, n);
		buf_adds(&words, "set ");
		plan_param_words(p->params, p->nparams, false, &words);
		if (nb > 0) {
			struct plan_param *known = xcalloc(nb, sizeof *known);

			undo = acs_task_set_values(bpaths, was, btypes, nb);
			for (size_t i = 0, k = 0; i < p->nparams; i++)
				if (p->params[i].before != NULL)
					known[k++] = p->params[i];
			buf_adds(&back, "set ");
			plan_param_words(known, nb, true, &back);
			free(known);
		}
		if (lost.len > 0)
			buf_addf(&back, "%snot restored (its value before is not known): %s",
			    nb > 0 ? "; " : "", buf_str(&lost));
	} else {
		char *said;

		simple_task(rq, &task, &said);
		buf_adds(&words, said);
		free(said);
	}
	rc = plan_add_task(p, PLAN_EXEC_ACS, task, buf_str(&words), undo,
	    undo != NULL ? buf_str(&back) : NULL, &cause);
	if (rc != 0) {
		err_set(err, ERR_USAGE, "%s", cause);
		free(cause);
		plan_free(p);
		p = NULL;
	}
	if (task != NULL)
		vault_secret_free(task);
	if (undo != NULL)
		vault_secret_free(undo);
	buf_free(&words);
	buf_free(&back);
	buf_free(&lost);
	free(paths);
	free(now);
	free(was);
	free(types);
	free(bpaths);
	free(btypes);
	*out = p;
	return rc;
}

void
ops_acs_what(const struct acs_change_req *rq, const struct acs_target *t, char *out,
    size_t size)
{
	const char *who = t->sn[0] != '\0' ? t->sn : t->dev.id;
	const struct acs_radio *radio;
	char *cause = NULL;

	if (rq->kind == ACS_CH_WIFI && (radio = acs_view_radio(&t->view, rq->radio != NULL &&
	    rq->radio[0] != '\0' ? rq->radio : "1", &cause)) != NULL)
		snprintf(out, size, "wifi of radio %s (%s%sWLAN %d) of %s", rq->radio != NULL &&
		    rq->radio[0] != '\0' ? rq->radio : "1", radio->band,
		    radio->band[0] != '\0' ? ", " : "", radio->instance, who);
	else if (rq->kind == ACS_CH_FIRMWARE)
		snprintf(out, size, "firmware %s on %s", rq->file, who);
	else if (rq->kind == ACS_CH_SET)
		snprintf(out, size, "set %zu parameter%s of %s", rq->nparams,
		    rq->nparams == 1 ? "" : "s", who);
	else
		snprintf(out, size, "%s %s", acs_change_name(rq->kind), who);
	free(cause);
}
