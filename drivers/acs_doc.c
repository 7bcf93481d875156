/*
 * acs_doc.c — GenieACS device documents: cleaning what the ACS sent,
 * reading parameters and instances, and building task bodies (acs.h).
 *
 * Everything an ACS sends is untrusted text that ends up on a technician's
 * terminal, in the audit trail and in the database.  A hostile or broken
 * ACS (or a router that reports an SSID with escape sequences in it) must
 * not move the cursor, clear the screen or split a log line, so every
 * string of a received document, member names included, is cleaned once
 * on arrival (acs_doc_clean): C0 controls (ESC, CR, LF, TAB...), DEL, the
 * C1 controls U+0080..U+009F (a terminal may take U+009B as CSI), the
 * characters that reorder what is shown (lib/text.h: overrides, isolates,
 * marks) and bytes that are not UTF-8 each become one '?'.  The text can only shrink, so cleaning
 * is done in place.  What the reading functions return is therefore always
 * printable UTF-8.
 *
 * GenieACS stores a parameter's value with its type: xsd:unsignedInt,
 * xsd:int and xsd:boolean values come as JSON numbers and booleans.  On
 * arrival such a "_value" is replaced by its text ("3600", "true",
 * "-20.5"), so acs_param() can hand out a borrowed string for every
 * value; "_type" still says what it was.
 *
 * Task bodies are built with cJSON, never by pasting strings, so a value
 * holding quotes or backslashes stays a value.
 *
 * Pure functions over the documents; any thread.
 */
#include "drivers/acs_impl.h"
#include "lib/text.h"
#include "lib/util.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Cleans a string in place; see the top of the file.  lib/text.c says
   what is not clean text (the one rule for device, ACS and user text);
   here a C0 control or DEL becomes '?' as the rest does, where
   text_sanitize makes it a space. */
char *
acs_text_clean(char *str)
{
	if (str == NULL)
		return NULL;
	for (unsigned char *s = (unsigned char *)str; *s != '\0'; s++)
		if (*s < 0x20 || *s == 0x7f)
			*s = '?';
	return text_sanitize(str);
}

/* The text GenieACS's JSON number would be ("3600", "-20.5"). */
static void
number_text(double d, char out[40])
{
	if (isfinite(d) && d == floor(d) && fabs(d) < 1e15) {
		snprintf(out, 40, "%.0f", d);
		return;
	}
	snprintf(out, 40, "%.15g", d);
	if (strtod(out, NULL) != d)
		snprintf(out, 40, "%.17g", d);
}

/* Cleans j and everything under it; see acs_impl.h. */
void
acs_doc_clean(cJSON *j)
{
	cJSON *c, *v;

	if (j == NULL)
		return;
	if (j->string != NULL)
		acs_text_clean(j->string);
	if (cJSON_IsString(j))
		acs_text_clean(j->valuestring);
	if (!cJSON_IsObject(j) && !cJSON_IsArray(j))
		return;
	if (cJSON_IsObject(j) && (v = cJSON_GetObjectItemCaseSensitive(j, "_value")) != NULL &&
	    (cJSON_IsNumber(v) || cJSON_IsBool(v))) {
		char text[40];

		if (cJSON_IsNumber(v))
			number_text(v->valuedouble, text);
		else
			strlcpy_(text, cJSON_IsTrue(v) ? "true" : "false", sizeof text);
		cJSON_ReplaceItemInObjectCaseSensitive(j, "_value", cJSON_CreateString(text));
	}
	for (c = j->child; c != NULL; c = c->next)
		acs_doc_clean(c);
}

/* A string member of o, or "" (copied). */
static char *
member_dup(const cJSON *o, const char *k)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);

	return xstrdup(cJSON_IsString(v) && v->valuestring != NULL ? v->valuestring : "");
}

/* Fills a device from its document; see acs_impl.h. */
int
acs_doc_fill(cJSON *doc, struct acs_device *out)
{
	const cJSON *id = cJSON_GetObjectItemCaseSensitive(doc, "_id");
	const cJSON *did, *li;

	memset(out, 0, sizeof *out);
	if (!cJSON_IsObject(doc) || !cJSON_IsString(id) || id->valuestring[0] == '\0') {
		cJSON_Delete(doc);
		return -1;
	}
	did = cJSON_GetObjectItemCaseSensitive(doc, "_deviceId");
	out->id = xstrdup(id->valuestring);
	out->serial = member_dup(did, "_SerialNumber");
	out->manufacturer = member_dup(did, "_Manufacturer");
	out->product_class = member_dup(did, "_ProductClass");
	out->oui = member_dup(did, "_OUI");
	li = cJSON_GetObjectItemCaseSensitive(doc, "_lastInform");
	if (!cJSON_IsString(li) || parse_datetime(li->valuestring, &out->last_inform) != 0)
		out->last_inform = 0;
	out->doc = doc;
	return 0;
}

/* A device from the text of its document; see acs.h. */
int
acs_device_parse(const char *json, size_t len, struct acs_device *out, char **cause)
{
	cJSON *doc = cJSON_ParseWithLength(json, len);

	memset(out, 0, sizeof *out);
	if (doc == NULL) {
		set_cause(cause, "not a GenieACS device document: not JSON");
		return -1;
	}
	acs_doc_clean(doc);
	if (acs_doc_fill(doc, out) != 0) {
		set_cause(cause, "not a GenieACS device document: no \"_id\"");
		return -1;
	}
	return 0;
}

void
acs_device_free(struct acs_device *d)
{
	if (d == NULL)
		return;
	free(d->id);
	free(d->serial);
	free(d->manufacturer);
	free(d->product_class);
	free(d->oui);
	cJSON_Delete(d->doc);
	memset(d, 0, sizeof *d);
}

void
acs_device_list_free(struct acs_device_list *l)
{
	if (l == NULL)
		return;
	for (size_t i = 0; i < l->n; i++)
		acs_device_free(&l->v[i]);
	free(l->v);
	memset(l, 0, sizeof *l);
}

/* The node at a dotted path under doc ("A.B.1.C"), or NULL. */
static const cJSON *
doc_node(const cJSON *doc, const char *path)
{
	const cJSON *cur = doc;
	char seg[128];

	while (cur != NULL && *path != '\0') {
		size_t n = strcspn(path, ".");

		if (n == 0 || n >= sizeof seg)
			return NULL;
		memcpy(seg, path, n);
		seg[n] = '\0';
		cur = cJSON_GetObjectItemCaseSensitive(cur, seg);
		path += n;
		if (*path == '.')
			path++;
	}
	return cur;
}

/* A parameter's value and timestamp; see acs.h.  Besides leaves, a plain
   string member ("_deviceId._SerialNumber", "_lastInform") is read too. */
const char *
acs_param(const struct acs_device *d, const char *path, int64_t *ts)
{
	const cJSON *n, *v, *t;

	if (ts != NULL)
		*ts = 0;
	if (d == NULL || d->doc == NULL || path == NULL)
		return NULL;
	if ((n = doc_node(d->doc, path)) == NULL)
		return NULL;
	if (cJSON_IsString(n))
		return n->valuestring;
	v = cJSON_GetObjectItemCaseSensitive(n, "_value");
	if (!cJSON_IsString(v))
		return NULL;
	t = cJSON_GetObjectItemCaseSensitive(n, "_timestamp");
	if (ts != NULL && cJSON_IsString(t) && parse_datetime(t->valuestring, ts) != 0)
		*ts = 0;
	return v->valuestring;
}

/* Orders ints ascending. */
static int
int_cmp(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}

/* The instance numbers under an object; see acs.h. */
size_t
acs_instances(const struct acs_device *d, const char *path, int *out, size_t max)
{
	const cJSON *n, *c;
	int *all = NULL;
	size_t k = 0;

	if (d == NULL || d->doc == NULL || path == NULL)
		return 0;
	if ((n = doc_node(d->doc, path)) == NULL || !cJSON_IsObject(n))
		return 0;
	for (c = n->child; c != NULL; c = c->next) {
		long v;

		if (!cJSON_IsObject(c) || c->string == NULL || c->string[0] == '0' ||
		    strspn(c->string, "0123456789") != strlen(c->string) ||
		    parse_long(c->string, 1, 999999999, &v) != 0)
			continue;
		all = xreallocarray(all, k + 1, sizeof *all);
		all[k++] = (int)v;
	}
	if (k > 0) {
		size_t u = 1;

		qsort(all, k, sizeof *all, int_cmp);
		/* An object holding a number twice (a hostile document: the
		   first is what every lookup finds) names one instance. */
		for (size_t i = 1; i < k; i++)
			if (all[i] != all[u - 1])
				all[u++] = all[i];
		k = u;
	}
	if (k > max)
		k = max;
	if (k > 0)
		memcpy(out, all, k * sizeof *out);
	free(all);
	return k;
}

/* ---- task bodies ---- */

/* The text of a task object, which is deleted. */
static char *
task_text(cJSON *t)
{
	char *s = cJSON_PrintUnformatted(t);
	char *out = s != NULL ? xstrdup(s) : NULL;

	cJSON_free(s);
	cJSON_Delete(t);
	return out;
}

/* {"name":"getParameterValues","parameterNames":[...]}; NULL when a path
   is NULL or empty. */
char *
acs_task_get_values(const char *const *paths, size_t n)
{
	cJSON *t = cJSON_CreateObject(), *a;

	cJSON_AddStringToObject(t, "name", "getParameterValues");
	a = cJSON_AddArrayToObject(t, "parameterNames");
	for (size_t i = 0; i < n; i++) {
		if (paths[i] == NULL || paths[i][0] == '\0') {
			cJSON_Delete(t);
			return NULL;
		}
		cJSON_AddItemToArray(a, cJSON_CreateString(paths[i]));
	}
	return task_text(t);
}

/* {"name":"setParameterValues","parameterValues":[[p,v,type],...]};
   NULL when a path or value is NULL. */
char *
acs_task_set_values(const char *const *paths, const char *const *values,
    const char *const *types, size_t n)
{
	cJSON *t = cJSON_CreateObject(), *a;

	cJSON_AddStringToObject(t, "name", "setParameterValues");
	a = cJSON_AddArrayToObject(t, "parameterValues");
	for (size_t i = 0; i < n; i++) {
		cJSON *pv;

		if (paths[i] == NULL || paths[i][0] == '\0' || values[i] == NULL) {
			cJSON_Delete(t);
			return NULL;
		}
		pv = cJSON_CreateArray();
		cJSON_AddItemToArray(pv, cJSON_CreateString(paths[i]));
		cJSON_AddItemToArray(pv, cJSON_CreateString(values[i]));
		cJSON_AddItemToArray(pv, cJSON_CreateString(types != NULL && types[i] != NULL ?
		    types[i] : "xsd:string"));
		cJSON_AddItemToArray(a, pv);
	}
	return task_text(t);
}

/* {"name":"refreshObject","objectName":obj}. */
char *
acs_task_refresh(const char *obj)
{
	cJSON *t = cJSON_CreateObject();

	cJSON_AddStringToObject(t, "name", "refreshObject");
	cJSON_AddStringToObject(t, "objectName", obj != NULL ? obj : "");
	return task_text(t);
}

/* {"name":name}: "reboot", "factoryReset". */
char *
acs_task_simple(const char *name)
{
	cJSON *t;

	if (name == NULL || name[0] == '\0')
		return NULL;
	t = cJSON_CreateObject();
	cJSON_AddStringToObject(t, "name", name);
	return task_text(t);
}

/* {"name":"download","file":file}. */
char *
acs_task_download(const char *file)
{
	cJSON *t;

	if (file == NULL || file[0] == '\0')
		return NULL;
	t = cJSON_CreateObject();
	cJSON_AddStringToObject(t, "name", "download");
	cJSON_AddStringToObject(t, "file", file);
	return task_text(t);
}
