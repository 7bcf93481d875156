/*
 * plan_param.c — the parameter values a plan sets (plan.h struct
 * plan_param): the intent of a change to a router behind the TR-069 ACS,
 * as each parameter's value before and after.
 *
 * Values are compared as their TR-069 type says (plan_param_equal): the
 * ACS answers a boolean as true/false where a technician may have typed 1,
 * and a number as a number.  A secret (a WPA passphrase, a PPPoE password)
 * is never shown ("********") and never recorded: the replay record says
 * it was withheld and keeps only the reference to the value oltui keeps
 * sealed (before_ref), so an undo can fetch it from the vault.  A
 * parameter the router reads back empty (TR-069 says so of passwords) is
 * not readable: its verification is "accepted, not readable back".
 *
 * Pure functions over a plan; any thread.
 */
#include "drivers/plan.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "drivers/parse_json.h"

#define SECRET_SHOWN "********"

void
plan_param_add(struct plan *p, const char *exec, const char *path, const char *type,
    const char *before, const char *after, bool secret, bool readable, int64_t before_ref)
{
	struct plan_param *pp;

	p->params = xreallocarray(p->params, p->nparams + 1, sizeof *p->params);
	pp = &p->params[p->nparams++];
	memset(pp, 0, sizeof *pp);
	pp->path = xstrdup(path != NULL ? path : "");
	pp->type = xstrdup(type != NULL ? type : "xsd:string");
	pp->before = before != NULL ? xstrdup(before) : NULL;
	pp->after = xstrdup(after != NULL ? after : "");
	pp->secret = secret;
	pp->readable = readable;
	pp->before_ref = before_ref;
	p->verify.kind = VERIFY_PARAMS;
	p->verify.exec = exec;
}

/* A boolean's value: 1 true, 0 false, -1 neither. */
static int
bool_of(const char *v)
{
	if (strcasecmp(v, "true") == 0 || strcmp(v, "1") == 0)
		return 1;
	if (strcasecmp(v, "false") == 0 || strcmp(v, "0") == 0)
		return 0;
	return -1;
}

/* A whole number's value; false when v is not one. */
static bool
int_of(const char *v, long long *out)
{
	char *end;

	errno = 0;
	*out = strtoll(v, &end, 10);
	return errno == 0 && end != v && *end == '\0';
}

bool
plan_param_equal(const char *type, const char *a, const char *b)
{
	long long x, y;

	if (a == NULL || b == NULL)
		return a == b;
	if (type != NULL && strcmp(type, "xsd:boolean") == 0 && bool_of(a) >= 0)
		return bool_of(a) == bool_of(b);
	if (type != NULL && (strcmp(type, "xsd:int") == 0 ||
	    strcmp(type, "xsd:unsignedInt") == 0) && int_of(a, &x) && int_of(b, &y))
		return x == y;
	return strcmp(a, b) == 0;
}

void
plan_param_shown(const struct plan_param *pp, const char *value, struct buf *out)
{
	if (value == NULL)
		buf_adds(out, "(absent)");
	else if (pp->secret)
		buf_adds(out, SECRET_SHOWN);
	else if (strcmp(pp->type, "xsd:string") == 0)
		buf_addf(out, "\"%s\"", value);
	else
		buf_adds(out, value);
}

void
plan_param_words(const struct plan_param *params, size_t n, bool before, struct buf *out)
{
	for (size_t i = 0; i < n; i++) {
		buf_addf(out, "%s%s = ", i > 0 ? "; " : "", params[i].path);
		plan_param_shown(&params[i], before ? params[i].before : params[i].after, out);
	}
}

/* The last name of a path: "SSID" of "….WLANConfiguration.1.SSID". */
static const char *
leaf(const char *path)
{
	const char *dot = strrchr(path, '.');

	return dot != NULL ? dot + 1 : path;
}

void
plan_param_change(const struct plan *p, struct buf *out)
{
	for (size_t i = 0; i < p->nparams; i++) {
		const struct plan_param *pp = &p->params[i];

		buf_addf(out, "  %s: ", pp->path);
		if (pp->secret && pp->before == NULL)
			buf_adds(out, pp->readable ? "(absent)" : "(not known: it reads back "
			    "empty and oltui never set it)");
		else {
			plan_param_shown(pp, pp->before, out);
			if (pp->secret)
				buf_adds(out, " (the one oltui set last)");
		}
		buf_adds(out, " -> ");
		plan_param_shown(pp, pp->after, out);
		buf_addc(out, '\n');
	}
}

void
plan_param_then(const struct plan *p, struct buf *out)
{
	size_t nread = 0, nblind = 0;

	for (size_t i = 0; i < p->nparams; i++) {
		if (p->params[i].readable)
			nread++;
		else
			nblind++;
	}
	if (nread == 0) {
		buf_adds(out, "then: nothing to read back (");
		for (size_t i = 0; i < p->nparams; i++)
			buf_addf(out, "%s%s", i > 0 ? ", " : "", leaf(p->params[i].path));
		buf_addf(out, " read%s back empty: accepted, not compared)\n",
		    p->nparams == 1 ? "s" : "");
		return;
	}
	buf_adds(out, "then: read back");
	for (size_t i = 0, k = 0; i < p->nparams; i++)
		if (p->params[i].readable)
			buf_addf(out, "%s %s", k++ > 0 ? "," : "", leaf(p->params[i].path));
	buf_adds(out, ", compare with the change above");
	if (nblind > 0) {
		buf_adds(out, " (");
		for (size_t i = 0, k = 0; i < p->nparams; i++)
			if (!p->params[i].readable)
				buf_addf(out, "%s%s", k++ > 0 ? ", " : "", leaf(p->params[i].path));
		buf_addf(out, " read%s back empty: accepted, not compared)", nblind == 1 ?
		    "s" : "");
	}
	buf_addc(out, '\n');
}

cJSON *
plan_param_to_json(const struct plan *p)
{
	cJSON *arr = cJSON_CreateArray();

	for (size_t i = 0; i < p->nparams; i++) {
		const struct plan_param *pp = &p->params[i];
		cJSON *x = cJSON_CreateObject();

		json_add_str(x, "path", pp->path);
		json_add_str(x, "type", pp->type);
		/* A secret's values never reach the record; its kept copy's
		   reference does (the undo unseals it from the vault). */
		json_add_str(x, "before", pp->secret ? NULL : pp->before);
		json_add_str(x, "after", pp->secret ? NULL : pp->after);
		cJSON_AddBoolToObject(x, "secret", pp->secret);
		if (pp->secret)
			cJSON_AddBoolToObject(x, "withheld", true);
		cJSON_AddBoolToObject(x, "readable", pp->readable);
		cJSON_AddNumberToObject(x, "before_ref", (double)pp->before_ref);
		cJSON_AddItemToArray(arr, x);
	}
	return arr;
}

int
plan_param_from_json(const cJSON *arr, struct plan *p, char **cause)
{
	const cJSON *x;

	if (arr == NULL)
		return 0;
	if (!cJSON_IsArray(arr)) {
		set_cause(cause, "the record's parameters are not a list");
		return -1;
	}
	cJSON_ArrayForEach(x, arr) {
		const cJSON *ref = cJSON_GetObjectItemCaseSensitive(x, "before_ref");
		bool secret = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(x, "secret"));

		if (json_get_str(x, "path") == NULL ||
		    (!secret && json_get_str(x, "after") == NULL)) {
			set_cause(cause, "parameter %zu of the record has no path or value",
			    p->nparams + 1);
			return -1;
		}
		plan_param_add(p, PLAN_EXEC_ACS, json_get_str(x, "path"), json_get_str(x, "type"),
		    json_get_str(x, "before"), NULL, secret,
		    cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(x, "readable")),
		    cJSON_IsNumber(ref) ? (int64_t)ref->valuedouble : 0);
		free(p->params[p->nparams - 1].after);
		p->params[p->nparams - 1].after = secret ? NULL :
		    xstrdup(json_get_str(x, "after"));
	}
	return 0;
}
