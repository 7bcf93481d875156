/*
 * acs_jobs.c — the words of an ACS job's enums, the filter and the change
 * of a job in their JSON forms (the job row's filter and change columns,
 * and --json), and `--set PATH=VALUE[:TYPE]`.
 *
 * The JSON forms are the stored ones: a job written by this oltui is read
 * back by the next, so a member is never renamed.  A secret's value never
 * appears in them: the change says only which secrets it carries, and an
 * item's parameters hold {"secret": word} where the value goes, printed
 * as "********".  Pure functions; any thread.
 */
#include "core/acs_jobs.h"
#include "lib/util.h"

#include <cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MASK "********"

#define WORD(id, word, doc) [id] = word,
#define DOC(id, word, doc) [id] = doc,
static const char *const kind_words[] = { ACS_JOB_KINDS(WORD) };
static const char *const job_state_words[] = { ACS_JOB_STATES(WORD) };
static const char *const item_state_words[] = { ACS_ITEM_STATES(WORD) };
static const char *const item_state_phrases[] = { ACS_ITEM_STATES(DOC) };
static const char *const secret_words[] = { ACS_SECRETS(WORD) };
static const char *const secret_phrases[] = { ACS_SECRETS(DOC) };
#undef WORD
#undef DOC

/* The TR-069 types (A.2.1) a --set value may be sent as: those the ACS
   operation checks a value against (ops_acs_plan.c). */
static const char *const xsd_types[] = {
	"string", "boolean", "int", "unsignedInt", "dateTime",
};

/* words[v], or "unknown" when v is out of range. */
static const char *
word_of(const char *const *words, size_t n, int v)
{
	return v >= 0 && (size_t)v < n ? words[v] : "unknown";
}

/* The index of s in words, or -1. */
static int
word_find(const char *const *words, size_t n, const char *s)
{
	for (size_t i = 0; s != NULL && i < n; i++)
		if (strcmp(words[i], s) == 0)
			return (int)i;
	return -1;
}

#define ACS_ENUM_FUNCS(fn, type, words)					\
const char *								\
fn##_name(type v)							\
{									\
	return word_of(words, nitems(words), (int)v);			\
}									\
int									\
fn##_parse(const char *s, type *out)					\
{									\
	int i = word_find(words, nitems(words), s);			\
									\
	if (i < 0)							\
		return -1;						\
	*out = (type)i;							\
	return 0;							\
}

ACS_ENUM_FUNCS(acs_job_kind, enum acs_job_kind, kind_words)
ACS_ENUM_FUNCS(acs_job_state, enum acs_job_state, job_state_words)
ACS_ENUM_FUNCS(acs_item_state, enum acs_item_state, item_state_words)
ACS_ENUM_FUNCS(acs_secret, enum acs_secret, secret_words)

const char *
acs_item_state_phrase(enum acs_item_state s)
{
	return word_of(item_state_phrases, nitems(item_state_phrases), (int)s);
}

const char *
acs_secret_phrase(enum acs_secret s)
{
	return word_of(secret_phrases, nitems(secret_phrases), (int)s);
}

/* ---- filter ---- */

void
acs_filter_clear(struct acs_filter *f)
{
	free(f->query);
	strv_free(f->contracts, f->ncontracts);
	memset(f, 0, sizeof *f);
}

char *
acs_filter_text(const struct acs_filter *f)
{
	struct buf b = { 0 };

	if (f->query != NULL)
		return xasprintf("GenieACS query %s", f->query);
	if (f->olt[0] != '\0')
		buf_addf(&b, "OLT %s", f->olt);
	if (f->port[0] != '\0')
		buf_addf(&b, " port %s", f->port);
	if (f->profile[0] != '\0')
		buf_addf(&b, "%sprofile %s", b.len > 0 ? ", " : "", f->profile);
	if (f->ncontracts == 1)
		buf_addf(&b, "%scontract %s", b.len > 0 ? ", " : "", f->contracts[0]);
	else if (f->ncontracts > 1)
		buf_addf(&b, "%s%zu contracts", b.len > 0 ? ", " : "", f->ncontracts);
	if (b.len == 0)
		buf_adds(&b, "no device");
	return buf_take(&b);
}

cJSON *
acs_filter_json(const struct acs_filter *f)
{
	cJSON *o = cJSON_CreateObject(), *q, *a;

	if (f->query != NULL) {
		if ((q = cJSON_Parse(f->query)) == NULL)
			q = cJSON_CreateString(f->query);
		cJSON_AddItemToObject(o, "query", q);
		return o;
	}
	if (f->olt[0] != '\0')
		cJSON_AddStringToObject(o, "olt", f->olt);
	if (f->port[0] != '\0')
		cJSON_AddStringToObject(o, "port", f->port);
	if (f->profile[0] != '\0')
		cJSON_AddStringToObject(o, "profile", f->profile);
	if (f->ncontracts > 0) {
		a = cJSON_AddArrayToObject(o, "contracts");
		for (size_t i = 0; i < f->ncontracts; i++)
			cJSON_AddItemToArray(a, cJSON_CreateString(f->contracts[i]));
	}
	return o;
}

/* Copies member key of o (a string) into dst; 0, or -1 when it is not a
   string or does not fit. */
static int
copy_member(const cJSON *o, const char *key, char *dst, size_t size, char **cause)
{
	const cJSON *m = cJSON_GetObjectItemCaseSensitive(o, key);

	dst[0] = '\0';
	if (m == NULL)
		return 0;
	if (!cJSON_IsString(m) || strlen(m->valuestring) >= size) {
		set_cause(cause, "the stored job's %s is not a text of at most %zu "
		    "characters", key, size - 1);
		return -1;
	}
	strlcpy_(dst, m->valuestring, size);
	return 0;
}

int
acs_filter_from_json(const cJSON *j, struct acs_filter *out, char **cause)
{
	const cJSON *q, *a, *c;

	memset(out, 0, sizeof *out);
	if (!cJSON_IsObject(j)) {
		set_cause(cause, "the stored job's filter is not a JSON object");
		return -1;
	}
	if ((q = cJSON_GetObjectItemCaseSensitive(j, "query")) != NULL) {
		out->query = cJSON_IsString(q) ? xstrdup(q->valuestring) :
		    cJSON_PrintUnformatted(q);
		return 0;
	}
	if (copy_member(j, "olt", out->olt, sizeof out->olt, cause) != 0 ||
	    copy_member(j, "port", out->port, sizeof out->port, cause) != 0 ||
	    copy_member(j, "profile", out->profile, sizeof out->profile, cause) != 0)
		return -1;
	a = cJSON_GetObjectItemCaseSensitive(j, "contracts");
	cJSON_ArrayForEach(c, a) {
		if (!cJSON_IsString(c))
			continue;
		out->contracts = xreallocarray(out->contracts, out->ncontracts + 1,
		    sizeof *out->contracts);
		out->contracts[out->ncontracts++] = xstrdup(c->valuestring);
	}
	return 0;
}

/* ---- change ---- */

void
acs_change_clear(struct acs_change *c)
{
	free(c->set);
	memset(c, 0, sizeof *c);
}

bool
acs_change_empty(const struct acs_change *c)
{
	for (size_t i = 0; i < ACS_SECRET_COUNT; i++)
		if (c->secret[i])
			return false;
	return c->ssid[0] == '\0' && c->pppoe_user[0] == '\0' && c->nset == 0;
}

/* True when path is a TR-069 parameter path: a data model root, then
   names and instance numbers separated by dots, not ending in one. */
static bool
path_ok(const char *path)
{
	if (!str_startswith(path, "InternetGatewayDevice.") &&
	    !str_startswith(path, "Device."))
		return false;
	if (str_endswith(path, ".") || strstr(path, "..") != NULL)
		return false;
	for (const char *p = path; *p != '\0'; p++)
		if (!((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
		    (*p >= '0' && *p <= '9') || *p == '.' || *p == '_' || *p == '-'))
			return false;
	return true;
}

/* The type word at the end of a --set value (after its last ':', itself
   after an optional ":xsd"), with *cut where the value ends; NULL when the
   value has none. */
static const char *
type_suffix(const char *s, size_t *cut)
{
	const char *colon = strrchr(s, ':');

	if (colon == NULL || colon == s ||
	    word_find(xsd_types, nitems(xsd_types), colon + 1) < 0)
		return NULL;
	*cut = (size_t)(colon - s);
	if (*cut >= 4 && strncmp(colon - 4, ":xsd", 4) == 0)
		*cut -= 4;
	return colon + 1;
}

int
acs_set_parse(const char *text, struct acs_set *out, char **cause)
{
	const char *eq = strchr(text, '='), *type;
	size_t plen, cut;
	char *value;

	memset(out, 0, sizeof *out);
	if (eq == NULL || eq == text) {
		set_cause(cause, "give PATH=VALUE[:TYPE], not '%s'", text);
		return -1;
	}
	plen = (size_t)(eq - text);
	if (plen >= sizeof out->path) {
		set_cause(cause, "the path is longer than %zu characters",
		    sizeof out->path - 1);
		return -1;
	}
	memcpy(out->path, text, plen);
	if (!path_ok(out->path)) {
		set_cause(cause, "'%s' is not a TR-069 parameter path "
		    "(InternetGatewayDevice.… or Device.…, names and numbers between dots)",
		    out->path);
		return -1;
	}
	value = xstrdup(eq + 1);
	if ((type = type_suffix(value, &cut)) != NULL) {
		snprintf(out->type, sizeof out->type, "xsd:%s", type);
		value[cut] = '\0';
	} else
		strlcpy_(out->type, "xsd:string", sizeof out->type);
	if (strlen(value) >= sizeof out->value) {
		set_cause(cause, "the value of %s is longer than %zu characters",
		    out->path, sizeof out->value - 1);
		free(value);
		return -1;
	}
	strlcpy_(out->value, value, sizeof out->value);
	free(value);
	return 0;
}

cJSON *
acs_change_json(const struct acs_change *c)
{
	cJSON *o = cJSON_CreateObject(), *a, *p;

	if (c->ssid[0] != '\0')
		cJSON_AddStringToObject(o, "ssid", c->ssid);
	if (c->ssid[0] != '\0' || c->secret[ACS_SECRET_WIFI])
		cJSON_AddStringToObject(o, "radio", c->radio[0] != '\0' ? c->radio : "every");
	if (c->pppoe_user[0] != '\0')
		cJSON_AddStringToObject(o, "pppoe_user", c->pppoe_user);
	for (size_t i = 0; i < ACS_SECRET_COUNT; i++)
		if (c->secret[i])
			cJSON_AddBoolToObject(o, acs_secret_name((enum acs_secret)i), true);
	if (c->nset > 0) {
		a = cJSON_AddArrayToObject(o, "set");
		for (size_t i = 0; i < c->nset; i++) {
			p = cJSON_CreateArray();
			cJSON_AddItemToArray(p, cJSON_CreateString(c->set[i].path));
			cJSON_AddItemToArray(p, cJSON_CreateString(c->set[i].value));
			cJSON_AddItemToArray(p, cJSON_CreateString(c->set[i].type));
			cJSON_AddItemToArray(a, p);
		}
	}
	return o;
}

int
acs_change_from_json(const cJSON *j, struct acs_change *out, char **cause)
{
	const cJSON *a, *p;

	memset(out, 0, sizeof *out);
	if (!cJSON_IsObject(j)) {
		set_cause(cause, "the stored job's change is not a JSON object");
		return -1;
	}
	if (copy_member(j, "ssid", out->ssid, sizeof out->ssid, cause) != 0 ||
	    copy_member(j, "radio", out->radio, sizeof out->radio, cause) != 0 ||
	    copy_member(j, "pppoe_user", out->pppoe_user, sizeof out->pppoe_user, cause) != 0)
		return -1;
	if (strcmp(out->radio, "every") == 0)
		out->radio[0] = '\0';
	for (size_t i = 0; i < ACS_SECRET_COUNT; i++)
		out->secret[i] = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(j,
		    acs_secret_name((enum acs_secret)i)));
	a = cJSON_GetObjectItemCaseSensitive(j, "set");
	cJSON_ArrayForEach(p, a) {
		struct acs_set s = { 0 };

		if (cJSON_GetArraySize(p) != 3 ||
		    !cJSON_IsString(cJSON_GetArrayItem(p, 0)) ||
		    !cJSON_IsString(cJSON_GetArrayItem(p, 1)) ||
		    !cJSON_IsString(cJSON_GetArrayItem(p, 2))) {
			set_cause(cause, "the stored job's parameter %d is not [path, value, type]",
			    (int)out->nset + 1);
			acs_change_clear(out);
			return -1;
		}
		strlcpy_(s.path, cJSON_GetArrayItem(p, 0)->valuestring, sizeof s.path);
		strlcpy_(s.value, cJSON_GetArrayItem(p, 1)->valuestring, sizeof s.value);
		strlcpy_(s.type, cJSON_GetArrayItem(p, 2)->valuestring, sizeof s.type);
		out->set = xreallocarray(out->set, out->nset + 1, sizeof *out->set);
		out->set[out->nset++] = s;
	}
	return 0;
}

/* ---- jobs and items ---- */

void
acs_job_clear(struct acs_job *j)
{
	acs_filter_clear(&j->filter);
	acs_change_clear(&j->change);
	for (size_t i = 0; i < ACS_SECRET_COUNT; i++)
		free(j->sealed[i]);
	memset(j, 0, sizeof *j);
}

void
acs_items_free(struct acs_item *v, size_t n)
{
	for (size_t i = 0; v != NULL && i < n; i++)
		free(v[i].params);
	free(v);
}

/* Adds key: the ISO time of t, or null when 0. */
static void
add_time(cJSON *o, const char *key, int64_t t)
{
	char when[32];

	if (t == 0) {
		cJSON_AddNullToObject(o, key);
		return;
	}
	iso8601(t, when);
	cJSON_AddStringToObject(o, key, when);
}

cJSON *
acs_job_json(const struct acs_job *j)
{
	cJSON *o = cJSON_CreateObject(), *c;

	cJSON_AddNumberToObject(o, "id", (double)j->id);
	cJSON_AddStringToObject(o, "kind", acs_job_kind_name(j->kind));
	cJSON_AddStringToObject(o, "state", acs_job_state_name(j->state));
	cJSON_AddStringToObject(o, "user", j->user);
	add_time(o, "created", j->created_at);
	add_time(o, "started", j->started_at);
	add_time(o, "finished", j->finished_at);
	cJSON_AddItemToObject(o, "filter", acs_filter_json(&j->filter));
	cJSON_AddItemToObject(o, "change", acs_change_json(&j->change));
	cJSON_AddNumberToObject(o, "cap", j->cap);
	if (j->kind == ACS_JOB_FIRMWARE) {
		cJSON_AddStringToObject(o, "file", j->change.file);
		add_time(o, "window_start", j->window_start);
		add_time(o, "window_end", j->window_end);
	}
	if (j->pid != 0)
		cJSON_AddNumberToObject(o, "pid", (double)j->pid);
	else
		cJSON_AddNullToObject(o, "pid");
	if (j->cause[0] != '\0')
		cJSON_AddStringToObject(o, "cause", j->cause);
	else
		cJSON_AddNullToObject(o, "cause");
	c = cJSON_AddObjectToObject(o, "counts");
	cJSON_AddNumberToObject(c, "total", (double)j->counts.total);
	for (int s = 0; s < ACS_ITEM_STATE_COUNT; s++)
		cJSON_AddNumberToObject(c, acs_item_state_name((enum acs_item_state)s),
		    (double)j->counts.n[s]);
	return o;
}

/* The item's parameters with secrets masked, as JSON [[path, value, type]]. */
static cJSON *
params_masked(const char *params)
{
	cJSON *a = cJSON_Parse(params != NULL ? params : "[]"), *p, *v;

	if (a == NULL)
		return cJSON_CreateArray();
	cJSON_ArrayForEach(p, a) {
		v = cJSON_GetArrayItem(p, 1);
		if (cJSON_IsObject(v))
			cJSON_ReplaceItemInArray(p, 1, cJSON_CreateString(MASK));
	}
	return a;
}

cJSON *
acs_item_json(const struct acs_item *it)
{
	cJSON *o = cJSON_CreateObject();

	cJSON_AddNumberToObject(o, "seq", it->seq);
	cJSON_AddStringToObject(o, "serial", it->serial);
	cJSON_AddStringToObject(o, "device", it->device_id);
	cJSON_AddStringToObject(o, "state", acs_item_state_name(it->state));
	cJSON_AddStringToObject(o, "reason", it->reason);
	if (it->task_id[0] != '\0')
		cJSON_AddStringToObject(o, "task", it->task_id);
	else
		cJSON_AddNullToObject(o, "task");
	if (it->version_before[0] != '\0' || it->version_after[0] != '\0') {
		cJSON_AddStringToObject(o, "version_before", it->version_before);
		cJSON_AddStringToObject(o, "version_after", it->version_after);
	}
	cJSON_AddItemToObject(o, "params", params_masked(it->params));
	add_time(o, "updated", it->updated_at);
	return o;
}
