/*
 * acs.c — the GenieACS NBI client over libcurl (acs.h): queries, tasks,
 * files, and what each HTTP answer means.
 *
 * One curl easy handle per struct acs, reset before each request
 * (curl_easy_reset keeps the open connection, so requests to one ACS reuse
 * it) and set up again from the connection settings: basic auth through
 * CURLOPT_USERNAME/PASSWORD (never in a URL), connect and total timeouts,
 * TLS verification unless insecure, http/https only, no redirects, no
 * signals.  The device id, the query and every projection path are
 * percent-encoded with curl_easy_escape: GenieACS ids hold '%' themselves
 * ("00E0FC-EG8145X6%2D10-…"), the NBI decodes once.
 *
 * Answers are collected up to acs_conn.max_answer bytes; the write
 * callback refuses more, which ends the transfer (ACS_TOOBIG).  The header
 * callback keeps the "total" header and the status line's reason phrase:
 * GenieACS says why a task was queued only there ("Device is offline",
 * "Task queued but not processed", "Task faulted").
 *
 * Each outcome has its own sentence, naming the ACS by its base URL (which
 * holds no credentials: acs_open refuses a URL with a user in it) and the
 * device.  Text quoted from an answer is cleaned (acs_text_clean) and cut
 * short.  The client never logs.
 *
 * A task posted with connection_request makes GenieACS wait up to the
 * task's timeout for the router's session before it answers, so that
 * request may take timeout_ms longer than the connection's timeout_ms.
 */
#include "drivers/acs_impl.h"
#include "lib/sn.h"
#include "lib/util.h"

#include <curl/curl.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ACS_STATUS_NAME(id, name) name,
static const char *const acs_status_names[] = { ACS_STATUSES(ACS_STATUS_NAME) };
#undef ACS_STATUS_NAME

struct acs {
	CURL		*curl;
	char		*url;		/* "scheme://host[:port]", no slash */
	char		*user, *password;
	bool		 insecure;
	int		 connect_timeout_ms, timeout_ms;
	size_t		 max_answer;
	char		 errbuf[CURL_ERROR_SIZE];
};

/* One exchange's answer. */
struct reply {
	struct buf	 body;
	size_t		 max;
	bool		 toobig;
	long		 http;
	long		 total;		/* "total" header; -1 none */
	char		 reason[96];	/* the status line's reason phrase, cleaned */
	CURLcode	 cc;
	int64_t		 ms;
};

const char *
acs_status_name(enum acs_status s)
{
	return (unsigned)s < nitems(acs_status_names) ? acs_status_names[s] : "unknown";
}

void
acs_result_clear(struct acs_result *r)
{
	if (r == NULL)
		return;
	free(r->message);
	memset(r, 0, sizeof *r);
}

void
acs_task_free(struct acs_task *t)
{
	if (t == NULL)
		return;
	free(t->id);
	free(t->fault);
	memset(t, 0, sizeof *t);
}

void
acs_file_list_free(struct acs_file_list *l)
{
	if (l == NULL)
		return;
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].name);
		free(l->v[i].type);
		free(l->v[i].oui);
		free(l->v[i].product_class);
		free(l->v[i].version);
	}
	free(l->v);
	memset(l, 0, sizeof *l);
}

/* Once per process, before threads. */
void
acs_global_init(void)
{
	curl_global_init(CURL_GLOBAL_DEFAULT);
}

/* The base URL of u ("scheme://host[:port]"), or NULL and *cause. */
static char *
base_url(const char *u, char **cause)
{
	CURLU *h = curl_url();
	char *scheme = NULL, *host = NULL, *port = NULL, *user = NULL, *path = NULL;
	char *query = NULL, *frag = NULL, *out = NULL;

	if (u == NULL || u[0] == '\0') {
		set_cause(cause, "no ACS URL: set [acs] url or --acs (http://host:7557)");
		goto done;
	}
	if (str_has_control(u) || curl_url_set(h, CURLUPART_URL, u, 0) != CURLUE_OK ||
	    curl_url_get(h, CURLUPART_SCHEME, &scheme, 0) != CURLUE_OK ||
	    curl_url_get(h, CURLUPART_HOST, &host, 0) != CURLUE_OK) {
		set_cause(cause, "the ACS URL is not a URL (want http://host:7557 or https://host)");
		goto done;
	}
	if (str_casecmp(scheme, "http") != 0 && str_casecmp(scheme, "https") != 0) {
		set_cause(cause, "the ACS URL must start http:// or https://");
		goto done;
	}
	if (curl_url_get(h, CURLUPART_USER, &user, 0) == CURLUE_OK) {
		set_cause(cause, "the ACS URL holds a user name: give the user and password "
		    "as [acs] user / password instead, never in the URL");
		goto done;
	}
	if ((curl_url_get(h, CURLUPART_PATH, &path, 0) == CURLUE_OK && strcmp(path, "/") != 0) ||
	    curl_url_get(h, CURLUPART_QUERY, &query, 0) == CURLUE_OK ||
	    curl_url_get(h, CURLUPART_FRAGMENT, &frag, 0) == CURLUE_OK) {
		set_cause(cause, "the ACS URL must be the NBI's base, scheme://host[:port] "
		    "with no path (GenieACS's NBI listens on port 7557)");
		goto done;
	}
	curl_url_get(h, CURLUPART_PORT, &port, 0);
	out = port != NULL ? xasprintf("%s://%s:%s", scheme, host, port) :
	    xasprintf("%s://%s", scheme, host);
done:
	curl_free(scheme);
	curl_free(host);
	curl_free(port);
	curl_free(user);
	curl_free(path);
	curl_free(query);
	curl_free(frag);
	curl_url_cleanup(h);
	return out;
}

struct acs *
acs_open(const struct acs_conn *c, char **cause)
{
	struct acs *a;
	char *url;

	if ((url = base_url(c->url, cause)) == NULL)
		return NULL;
	a = xcalloc(1, sizeof *a);
	a->url = url;
	if ((a->curl = curl_easy_init()) == NULL) {
		set_cause(cause, "libcurl could not start");
		acs_close(a);
		return NULL;
	}
	if (c->user != NULL && c->user[0] != '\0')
		a->user = xstrdup(c->user);
	if (c->password != NULL)
		a->password = xstrdup(c->password);
	a->insecure = c->insecure;
	a->connect_timeout_ms = c->connect_timeout_ms > 0 ? c->connect_timeout_ms : 5000;
	a->timeout_ms = c->timeout_ms > 0 ? c->timeout_ms : 30000;
	a->max_answer = c->max_answer > 0 ? c->max_answer : 16u << 20;
	return a;
}

void
acs_close(struct acs *a)
{
	if (a == NULL)
		return;
	if (a->curl != NULL)
		curl_easy_cleanup(a->curl);
	free(a->url);
	free(a->user);
	if (a->password != NULL) {
		memset(a->password, 0, strlen(a->password));
		free(a->password);
	}
	free(a);
}

const char *
acs_url(const struct acs *a)
{
	return a->url;
}

/* Collects the body up to the limit; more ends the transfer. */
static size_t
on_body(char *p, size_t size, size_t n, void *arg)
{
	struct reply *rp = arg;

	if (rp->body.len + size * n > rp->max) {
		rp->toobig = true;
		return 0;
	}
	buf_add(&rp->body, p, size * n);
	return size * n;
}

/* Keeps the status line's reason phrase and the "total" header. */
static size_t
on_header(char *p, size_t size, size_t n, void *arg)
{
	struct reply *rp = arg;
	size_t len = size * n;
	char line[256];
	long v;

	if (len >= sizeof line)
		return len;
	memcpy(line, p, len);
	line[len] = '\0';
	line[strcspn(line, "\r\n")] = '\0';
	if (strncmp(line, "HTTP/", 5) == 0) {
		char *sp = strchr(line, ' ');

		rp->reason[0] = '\0';
		rp->total = -1;
		if (sp != NULL && (sp = strchr(sp + 1, ' ')) != NULL) {
			strlcpy_(rp->reason, str_trim(sp + 1), sizeof rp->reason);
			acs_text_clean(rp->reason);
		}
	} else if (strlen(line) > 6 && line[5] == ':') {
		char name[6];

		memcpy(name, line, 5);
		name[5] = '\0';
		if (str_casecmp(name, "total") == 0 &&
		    parse_long(str_trim(line + 6), 0, 2000000000L, &v) == 0)
			rp->total = v;
	}
	return len;
}

enum method { M_GET, M_POST, M_DELETE };

/* One exchange with the ACS: url is the whole URL; body is POSTed as JSON;
   extra_ms lengthens the total timeout.  The outcome is in *rp (its body
   freed by the caller with buf_free). */
static void
request(struct acs *a, enum method m, const char *url, const char *body, int extra_ms,
    struct reply *rp)
{
	struct curl_slist *h = NULL;
	CURL *c = a->curl;
	int64_t t0 = mono_ms();

	memset(rp, 0, sizeof *rp);
	rp->max = a->max_answer;
	rp->total = -1;
	curl_easy_reset(c);
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, (long)a->connect_timeout_ms);
	curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, (long)a->timeout_ms + (extra_ms > 0 ? extra_ms : 0));
	if (a->user != NULL) {
		curl_easy_setopt(c, CURLOPT_HTTPAUTH, (long)CURLAUTH_BASIC);
		curl_easy_setopt(c, CURLOPT_USERNAME, a->user);
		curl_easy_setopt(c, CURLOPT_PASSWORD, a->password != NULL ? a->password : "");
	}
	curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, a->insecure ? 0L : 1L);
	curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, a->insecure ? 0L : 2L);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, rp);
	curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(c, CURLOPT_HEADERDATA, rp);
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, a->errbuf);
	curl_easy_setopt(c, CURLOPT_USERAGENT, "oltui/" OLTUI_VERSION);
	h = curl_slist_append(h, "Accept: application/json");
	if (m == M_POST) {
		h = curl_slist_append(h, "Content-Type: application/json");
		h = curl_slist_append(h, "Expect:");
		curl_easy_setopt(c, CURLOPT_POSTFIELDS, body != NULL ? body : "");
		curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE, (long)(body != NULL ? strlen(body) : 0));
	} else if (m == M_DELETE)
		curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, "DELETE");
	else
		curl_easy_setopt(c, CURLOPT_HTTPGET, 1L);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
	a->errbuf[0] = '\0';
	rp->cc = curl_easy_perform(c);
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &rp->http);
	if (rp->cc != CURLE_OK && !rp->toobig)
		rp->http = 0;
	rp->ms = mono_ms() - t0;
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, NULL);
	curl_slist_free_all(h);
}

/* The first words of the answer, cleaned, for a message ("empty"). */
static void
excerpt(const struct reply *rp, char *out, size_t size)
{
	size_t n = rp->body.len < size - 1 ? rp->body.len : size - 1;

	if (n == 0) {
		strlcpy_(out, "empty", size);
		return;
	}
	memcpy(out, rp->body.data, n);
	out[n] = '\0';
	acs_text_clean(out);
	str_trim(out);
	if (rp->body.len > n && n > 4)
		strcpy(out + strlen(out) - (strlen(out) > 3 ? 3 : 0), "...");
}

/* Starts a call's result. */
static void
begin(struct acs_result *r)
{
	free(r->message);
	memset(r, 0, sizeof *r);
}

/* Ends a call: status, HTTP code, duration and the sentence. */
static enum acs_status PRINTFLIKE(4, 5)
finish(struct acs_result *r, const struct reply *rp, enum acs_status st, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	free(r->message);
	r->message = xvasprintf(fmt, ap);
	va_end(ap);
	r->status = st;
	if (rp != NULL) {
		r->http = rp->http;
		r->ms += rp->ms;
	}
	return st;
}

/* The status an answer means, before the call makes more of it. */
static enum acs_status
outcome(const struct reply *rp)
{
	if (rp->toobig)
		return ACS_TOOBIG;
	if (rp->cc != CURLE_OK)
		return ACS_NET;
	switch (rp->http) {
	case 200:
	case 201:
		return ACS_OK;
	case 202:
		return ACS_QUEUED;
	case 404:
		return ACS_NO_DEVICE;
	case 504:
		return ACS_CR_FAILED;
	case 400:
		return ACS_BAD_REQUEST;
	case 401:
	case 403:
		return ACS_AUTH;
	default:
		return ACS_HTTP;
	}
}

/* The sentence of a failure every call shares (too big, network, auth,
   400, other HTTP), for `what` ("the search for serial X"). */
static enum acs_status
fail(struct acs *a, struct acs_result *r, const struct reply *rp, enum acs_status st,
    const char *what)
{
	char ex[100];

	excerpt(rp, ex, sizeof ex);
	switch (st) {
	case ACS_TOOBIG:
		return finish(r, rp, st, "the ACS %s sent more than %zu bytes for %s: "
		    "answer refused (raise [acs] max_answer if that is expected)",
		    a->url, a->max_answer, what);
	case ACS_NET:
		if (rp->cc == CURLE_OPERATION_TIMEDOUT)
			return finish(r, rp, st, "the ACS %s did not answer %s within %lld ms",
			    a->url, what, (long long)rp->ms);
		acs_text_clean(a->errbuf);
		return finish(r, rp, st, "cannot reach the ACS %s for %s: %s", a->url, what,
		    a->errbuf[0] != '\0' ? a->errbuf : curl_easy_strerror(rp->cc));
	case ACS_AUTH:
		return finish(r, rp, st, "the ACS %s refused our user and password "
		    "(HTTP %ld) for %s: check [acs] user and the password in the vault",
		    a->url, rp->http, what);
	case ACS_BAD_REQUEST:
		return finish(r, rp, st, "the ACS %s refused %s as invalid (HTTP 400: %s)",
		    a->url, what, ex);
	case ACS_CR_FAILED:
	case ACS_NO_DEVICE:
	case ACS_QUEUED:
	case ACS_HTTP:
	default:
		return finish(r, rp, ACS_HTTP, "the ACS %s answered %s with HTTP %ld%s%s (%s): "
		    "is %s GenieACS's NBI (port 7557)?", a->url, what, rp->http,
		    rp->reason[0] != '\0' ? " " : "", rp->reason, ex, a->url);
	}
}

/* An answer that is not the JSON expected. */
static enum acs_status
bad_answer(struct acs *a, struct acs_result *r, const struct reply *rp, const char *what)
{
	char ex[60];

	excerpt(rp, ex, sizeof ex);
	return finish(r, rp, ACS_BAD_ANSWER, "the ACS %s answered %s with something that is "
	    "not GenieACS JSON (\"%s\"): is %s GenieACS's NBI?", a->url, what, ex, a->url);
}

/* Appends s percent-encoded. */
static void
add_escaped(struct acs *a, struct buf *b, const char *s)
{
	char *e = curl_easy_escape(a->curl, s, 0);

	buf_adds(b, e != NULL ? e : "");
	curl_free(e);
}

/* The JSON text of o, which is deleted. */
static char *
json_text(cJSON *o)
{
	char *s = cJSON_PrintUnformatted(o);
	char *out = xstrdup(s != NULL ? s : "{}");

	cJSON_free(s);
	cJSON_Delete(o);
	return out;
}

/* The answer's body as a JSON array, or NULL. */
static cJSON *
answer_array(const struct reply *rp)
{
	cJSON *j;

	if (rp->body.len == 0)
		return NULL;
	j = cJSON_ParseWithLength(rp->body.data, rp->body.len);
	if (j != NULL && !cJSON_IsArray(j)) {
		cJSON_Delete(j);
		return NULL;
	}
	acs_doc_clean(j);
	return j;
}

/* GET /devices/ at url (already holding query and projection) into *out. */
static enum acs_status
get_devices(struct acs *a, const char *url, const char *what, struct acs_device_list *out,
    struct acs_result *r)
{
	struct reply rp;
	enum acs_status st;
	cJSON *arr, *e;

	request(a, M_GET, url, NULL, 0, &rp);
	if ((st = outcome(&rp)) != ACS_OK) {
		st = fail(a, r, &rp, st == ACS_NO_DEVICE || st == ACS_QUEUED ? ACS_HTTP : st, what);
		buf_free(&rp.body);
		return st;
	}
	if ((arr = answer_array(&rp)) == NULL) {
		st = bad_answer(a, r, &rp, what);
		buf_free(&rp.body);
		return st;
	}
	out->v = xcalloc((size_t)cJSON_GetArraySize(arr) + 1, sizeof *out->v);
	while ((e = cJSON_DetachItemFromArray(arr, 0)) != NULL) {
		if (acs_doc_fill(e, &out->v[out->n]) != 0) {
			cJSON_Delete(arr);
			acs_device_list_free(out);
			out->total = -1;
			st = bad_answer(a, r, &rp, what);
			buf_free(&rp.body);
			return st;
		}
		out->n++;
	}
	cJSON_Delete(arr);
	out->total = rp.total;
	st = finish(r, &rp, ACS_OK, "the ACS %s found %zu router%s for %s", a->url, out->n,
	    out->n == 1 ? "" : "s", what);
	buf_free(&rp.body);
	return st;
}

/* Appends the projection: the paths asked for and the ones struct
   acs_device is filled from.  -1 when a path is empty or holds a comma or
   a control character. */
static int
add_projection(struct acs *a, struct buf *b, const char *const *proj, size_t n)
{
	bool have_id = false, have_li = false;

	buf_adds(b, "&projection=");
	for (size_t i = 0; i < n; i++) {
		if (proj[i] == NULL || proj[i][0] == '\0' || strchr(proj[i], ',') != NULL ||
		    str_has_control(proj[i]))
			return -1;
		if (i > 0)
			buf_addc(b, ',');
		add_escaped(a, b, proj[i]);
		have_id |= strcmp(proj[i], "_deviceId") == 0;
		have_li |= strcmp(proj[i], "_lastInform") == 0;
	}
	if (!have_id)
		buf_adds(b, n > 0 ? ",_deviceId" : "_deviceId");
	if (!have_li)
		buf_adds(b, ",_lastInform");
	return 0;
}

/* The devices matching query with the projection, for `what` (the
   messages name it).  A projection always brings _deviceId and
   _lastInform too (struct acs_device is filled from them). */
static enum acs_status
devices_get(struct acs *a, const char *query, const char *const *proj, size_t nproj,
    size_t skip, size_t limit, const char *what, struct acs_device_list *out,
    struct acs_result *r)
{
	struct buf url = { 0 };
	cJSON *q = query != NULL ? cJSON_Parse(query) : NULL;
	enum acs_status st;

	memset(out, 0, sizeof *out);
	out->total = -1;
	if (!cJSON_IsObject(q)) {
		cJSON_Delete(q);
		return finish(r, NULL, ACS_USAGE, "the device query is not a JSON object "
		    "(a GenieACS query such as {\"_tags\":\"north\"}); nothing was sent");
	}
	cJSON_Delete(q);
	buf_addf(&url, "%s/devices/?query=", a->url);
	add_escaped(a, &url, query);
	if (proj != NULL && add_projection(a, &url, proj, nproj) != 0) {
		buf_free(&url);
		return finish(r, NULL, ACS_USAGE, "a projection path is empty or holds a comma "
		    "or a control character; nothing was sent");
	}
	if (skip > 0)
		buf_addf(&url, "&skip=%zu", skip);
	if (limit > 0)
		buf_addf(&url, "&limit=%zu", limit);
	st = get_devices(a, buf_str(&url), what, out, r);
	buf_free(&url);
	return st;
}

/* The devices matching a query; see acs.h. */
enum acs_status
acs_query(struct acs *a, const char *query, const char *const *proj, size_t nproj,
    size_t skip, size_t limit, struct acs_device_list *out, struct acs_result *r)
{
	begin(r);
	return devices_get(a, query, proj, nproj, skip, limit, "the device query", out, r);
}

/* The device of a serial; see acs.h. */
enum acs_status
acs_find(struct acs *a, const char *sn, const char *const *proj, size_t nproj,
    struct acs_device *out, struct acs_result *r)
{
	char canon[SN_LEN + 1], hex[17], what[96], *query, *shown;
	struct acs_device_list l;
	cJSON *q, *cond;
	enum acs_status st;
	size_t hit = 0, nhit = 0;

	begin(r);
	memset(out, 0, sizeof *out);
	if (sn == NULL || sn_normalize(sn, canon) != 0) {
		shown = acs_text_clean(xstrndup(sn != NULL ? sn : "", 40));
		st = finish(r, NULL, ACS_USAGE, "\"%s\" is not a GPON serial (HWTC1A2B3C4D or "
		    "485754431A2B3C4D); nothing was sent", shown);
		free(shown);
		return st;
	}
	for (int i = 0; i < 4; i++)
		snprintf(hex + 2 * i, 3, "%02X", (unsigned char)canon[i]);
	memcpy(hex + 8, canon + 4, 9);
	q = cJSON_CreateObject();
	cond = cJSON_AddObjectToObject(q, "_deviceId._SerialNumber");
	{
		char *re = xasprintf("^(%s|%s)$", canon, hex);

		cJSON_AddStringToObject(cond, "$regex", re);
		free(re);
	}
	cJSON_AddStringToObject(cond, "$options", "i");
	query = json_text(q);
	snprintf(what, sizeof what, "the search for serial %s", canon);
	st = devices_get(a, query, proj, nproj, 0, 10, what, &l, r);
	free(query);
	if (st != ACS_OK)
		return st;
	for (size_t i = 0; i < l.n; i++) {
		char s2[SN_LEN + 1];

		if (sn_normalize(l.v[i].serial, s2) == 0 && strcmp(s2, canon) == 0) {
			if (nhit++ == 0)
				hit = i;
		}
	}
	if (nhit == 0)
		st = finish(r, NULL, ACS_NO_DEVICE, "the ACS %s has no router with serial %s "
		    "(nor %s)", a->url, canon, hex);
	else if (nhit > 1) {
		struct buf ids = { 0 };

		for (size_t i = 0, k = 0; i < l.n && k < 3; i++) {
			char s2[SN_LEN + 1];

			if (sn_normalize(l.v[i].serial, s2) == 0 && strcmp(s2, canon) == 0)
				buf_addf(&ids, "%s%s", k++ > 0 ? ", " : "", l.v[i].id);
		}
		st = finish(r, NULL, ACS_USAGE, "%zu routers on the ACS %s have serial %s (%s): "
		    "which one is meant is ambiguous; nothing was changed", nhit, a->url, canon,
		    buf_str(&ids));
		buf_free(&ids);
	} else {
		*out = l.v[hit];
		memset(&l.v[hit], 0, sizeof l.v[hit]);
		st = finish(r, NULL, ACS_OK, "the ACS %s knows serial %s as router %s", a->url,
		    canon, out->id);
	}
	acs_device_list_free(&l);
	return st;
}

/* True when s is a usable id: non-empty, no control characters. */
static bool
id_ok(const char *s)
{
	return s != NULL && s[0] != '\0' && strlen(s) < 512 && !str_has_control(s);
}

/* The "_id" string of a JSON object answer (a task), or NULL. */
static char *
answer_id(const struct reply *rp)
{
	cJSON *j, *id;
	char *out = NULL;

	if (rp->body.len == 0 || (j = cJSON_ParseWithLength(rp->body.data, rp->body.len)) == NULL)
		return NULL;
	id = cJSON_GetObjectItemCaseSensitive(j, "_id");
	if (cJSON_IsString(id) && id->valuestring[0] != '\0')
		out = acs_text_clean(xstrdup(id->valuestring));
	cJSON_Delete(j);
	return out;
}

/* The fault the ACS holds for a task ("cwmp.9002 Internal error"), or
   NULL; query is the faults query. */
static char *
task_fault(struct acs *a, const char *query, struct acs_result *r)
{
	struct buf url = { 0 };
	struct reply rp;
	cJSON *arr, *f, *code, *msg;
	char *out = NULL;

	buf_addf(&url, "%s/faults/?query=", a->url);
	add_escaped(a, &url, query);
	request(a, M_GET, buf_str(&url), NULL, 0, &rp);
	buf_free(&url);
	r->ms += rp.ms;
	if (outcome(&rp) == ACS_OK && (arr = answer_array(&rp)) != NULL) {
		if ((f = cJSON_GetArrayItem(arr, 0)) != NULL) {
			code = cJSON_GetObjectItemCaseSensitive(f, "code");
			msg = cJSON_GetObjectItemCaseSensitive(f, "message");
			out = xasprintf("%s%s%s", cJSON_IsString(code) ? code->valuestring : "fault",
			    cJSON_IsString(msg) ? " " : "", cJSON_IsString(msg) ? msg->valuestring : "");
		}
		cJSON_Delete(arr);
	}
	buf_free(&rp.body);
	return out;
}

/* Posts a task; see acs.h. */
enum acs_status
acs_task_post(struct acs *a, const char *device_id, const char *task,
    bool connection_request, int timeout_ms, struct acs_task *out, struct acs_result *r)
{
	struct buf url = { 0 };
	struct reply rp;
	enum acs_status st;
	cJSON *t = task != NULL ? cJSON_Parse(task) : NULL, *name;
	char what[200], act[96], *idc;

	begin(r);
	memset(out, 0, sizeof *out);
	if (!id_ok(device_id) || (task == NULL && !connection_request) ||
	    (task != NULL && (!cJSON_IsObject(t) ||
	    !cJSON_IsString(name = cJSON_GetObjectItemCaseSensitive(t, "name"))))) {
		cJSON_Delete(t);
		return finish(r, NULL, ACS_USAGE, "a task needs a router id and a JSON object "
		    "with a \"name\"; nothing was sent");
	}
	idc = acs_text_clean(xstrdup(device_id));
	if (task != NULL)
		snprintf(act, sizeof act, "task %s", acs_text_clean(name->valuestring));
	else
		strlcpy_(act, "a connection request", sizeof act);
	snprintf(what, sizeof what, "%s for router %s", act, idc);
	cJSON_Delete(t);
	buf_addf(&url, "%s/devices/", a->url);
	add_escaped(a, &url, device_id);
	buf_adds(&url, "/tasks");
	if (connection_request) {
		if (timeout_ms > 0)
			buf_addf(&url, "?timeout=%d&connection_request", timeout_ms);
		else
			buf_adds(&url, "?connection_request");
	}
	request(a, M_POST, buf_str(&url), task, connection_request ?
	    (timeout_ms > 0 ? timeout_ms : 4000) : 0, &rp);
	buf_free(&url);
	st = outcome(&rp);
	if (st == ACS_OK || st == ACS_QUEUED)
		out->id = answer_id(&rp);
	switch (st) {
	case ACS_OK:
		if (task != NULL)
			st = finish(r, &rp, st, "router %s did %s (ACS %s)", idc, act, a->url);
		else
			st = finish(r, &rp, st, "the ACS %s woke router %s", a->url, idc);
		break;
	case ACS_QUEUED:
		if (strcmp(rp.reason, "Task faulted") == 0 && out->id != NULL) {
			char *q = xasprintf("%s:task_%s", device_id, out->id);
			cJSON *qj = cJSON_CreateObject();

			cJSON_AddStringToObject(qj, "_id", q);
			free(q);
			q = json_text(qj);
			out->fault = task_fault(a, q, r);
			free(q);
			if (out->fault == NULL)
				out->fault = xstrdup("the router faulted it (the ACS gave no details)");
			st = finish(r, &rp, st, "router %s refused %s: %s; the task stays on the ACS "
			    "%s (task %s) until its fault is cleared", idc, act, out->fault, a->url,
			    out->id);
		} else if (strcmp(rp.reason, "Task queued but not processed") == 0)
			st = finish(r, &rp, st, "router %s did not run %s within %d ms: it is queued "
			    "on the ACS %s (task %s), not done, and runs when the router gets to it",
			    idc, act, timeout_ms > 0 ? timeout_ms : 4000, a->url,
			    out->id != NULL ? out->id : "id unknown");
		else if (connection_request)
			st = finish(r, &rp, st, "the ACS %s could not wake router %s (%s): %s is "
			    "queued there (task %s), not done, and runs when the router next informs",
			    a->url, idc, rp.reason[0] != '\0' ? rp.reason : "no reason given", act,
			    out->id != NULL ? out->id : "id unknown");
		else
			st = finish(r, &rp, st, "the ACS %s queued %s (task %s); it runs when the "
			    "router %s next informs", a->url, act, out->id != NULL ? out->id : "id unknown",
			    idc);
		break;
	case ACS_NO_DEVICE:
		st = finish(r, &rp, st, "the ACS %s has no router %s", a->url, idc);
		break;
	case ACS_CR_FAILED:
		st = finish(r, &rp, st, "the ACS %s could not reach router %s: the "
		    "connection request failed (%s); the router is offline or unreachable",
		    a->url, idc, rp.reason[0] != '\0' ? rp.reason : "HTTP 504");
		break;
	case ACS_NET:
		fail(a, r, &rp, st, what);
		if (rp.cc == CURLE_OPERATION_TIMEDOUT) {
			char *m = r->message;

			r->message = xasprintf("%s; the task may be queued on the ACS all the same", m);
			free(m);
		}
		break;
	default:
		st = fail(a, r, &rp, st, what);
		break;
	}
	free(idc);
	buf_free(&rp.body);
	return st;
}

/* Where a queued task is; see acs.h. */
enum acs_status
acs_task_state(struct acs *a, const char *task_id, struct acs_task *out, struct acs_result *r)
{
	struct buf url = { 0 };
	struct reply rp;
	enum acs_status st;
	cJSON *arr, *q;
	char *query, *idc;

	begin(r);
	memset(out, 0, sizeof *out);
	if (!id_ok(task_id))
		return finish(r, NULL, ACS_USAGE, "no task id; nothing was sent");
	idc = acs_text_clean(xstrdup(task_id));
	q = cJSON_CreateObject();
	cJSON_AddStringToObject(q, "_id", task_id);
	query = json_text(q);
	buf_addf(&url, "%s/tasks/?query=", a->url);
	add_escaped(a, &url, query);
	free(query);
	request(a, M_GET, buf_str(&url), NULL, 0, &rp);
	buf_free(&url);
	if ((st = outcome(&rp)) != ACS_OK) {
		char what[96];

		snprintf(what, sizeof what, "the state of task %s", idc);
		st = fail(a, r, &rp, st == ACS_NO_DEVICE || st == ACS_QUEUED ? ACS_HTTP : st, what);
	} else if ((arr = answer_array(&rp)) == NULL) {
		st = bad_answer(a, r, &rp, "the task list");
	} else {
		out->id = xstrdup(idc);
		if (cJSON_GetArraySize(arr) == 0)
			st = finish(r, &rp, ACS_OK, "task %s is done: the ACS %s no longer holds it",
			    idc, a->url);
		else {
			char *ch = xasprintf("task_%s", task_id);

			q = cJSON_CreateObject();
			cJSON_AddStringToObject(q, "channel", ch);
			free(ch);
			query = json_text(q);
			out->fault = task_fault(a, query, r);
			free(query);
			if (out->fault != NULL)
				st = finish(r, &rp, ACS_QUEUED, "task %s is held on the ACS %s with a "
				    "fault: %s", idc, a->url, out->fault);
			else
				st = finish(r, &rp, ACS_QUEUED, "task %s is still queued on the ACS %s, "
				    "not done", idc, a->url);
		}
		cJSON_Delete(arr);
	}
	free(idc);
	buf_free(&rp.body);
	return st;
}

/* Deletes a queued task; see acs.h. */
enum acs_status
acs_task_delete(struct acs *a, const char *task_id, struct acs_result *r)
{
	struct buf url = { 0 };
	struct reply rp;
	enum acs_status st;
	char *idc, what[96];

	begin(r);
	if (!id_ok(task_id))
		return finish(r, NULL, ACS_USAGE, "no task id; nothing was sent");
	idc = acs_text_clean(xstrdup(task_id));
	snprintf(what, sizeof what, "deleting task %s", idc);
	buf_addf(&url, "%s/tasks/", a->url);
	add_escaped(a, &url, task_id);
	request(a, M_DELETE, buf_str(&url), NULL, 0, &rp);
	buf_free(&url);
	st = outcome(&rp);
	if (st == ACS_OK)
		st = finish(r, &rp, st, "task %s deleted from the ACS %s", idc, a->url);
	else if (st == ACS_NO_DEVICE)
		st = finish(r, &rp, st, "task %s is no longer on the ACS %s (done or deleted)",
		    idc, a->url);
	else
		st = fail(a, r, &rp, st, what);
	free(idc);
	buf_free(&rp.body);
	return st;
}

/* A string member of o (or of o's "metadata"), copied; "" when absent. */
static char *
str_member(const cJSON *o, const char *k)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);

	return xstrdup(cJSON_IsString(v) ? v->valuestring : "");
}

/* The files the ACS holds; see acs.h. */
enum acs_status
acs_files(struct acs *a, struct acs_file_list *out, struct acs_result *r)
{
	struct reply rp;
	enum acs_status st;
	cJSON *arr, *f;
	char *url;

	begin(r);
	memset(out, 0, sizeof *out);
	url = xasprintf("%s/files/", a->url);
	request(a, M_GET, url, NULL, 0, &rp);
	free(url);
	if ((st = outcome(&rp)) != ACS_OK)
		st = fail(a, r, &rp, st == ACS_NO_DEVICE || st == ACS_QUEUED ? ACS_HTTP : st,
		    "the file list");
	else if ((arr = answer_array(&rp)) == NULL)
		st = bad_answer(a, r, &rp, "the file list");
	else {
		out->v = xcalloc((size_t)cJSON_GetArraySize(arr) + 1, sizeof *out->v);
		cJSON_ArrayForEach(f, arr) {
			const cJSON *meta = cJSON_GetObjectItemCaseSensitive(f, "metadata");
			const cJSON *id = cJSON_GetObjectItemCaseSensitive(f, "_id");
			const cJSON *len = cJSON_GetObjectItemCaseSensitive(f, "length");
			struct acs_file *x = &out->v[out->n];

			if (!cJSON_IsObject(f))
				continue;
			x->name = cJSON_IsString(id) ? xstrdup(id->valuestring) : str_member(f, "filename");
			if (x->name[0] == '\0') {
				free(x->name);
				continue;
			}
			x->type = str_member(meta, "fileType");
			x->oui = str_member(meta, "oui");
			x->product_class = str_member(meta, "productClass");
			x->version = str_member(meta, "version");
			x->length = cJSON_IsNumber(len) ? (int64_t)len->valuedouble : -1;
			out->n++;
		}
		cJSON_Delete(arr);
		st = finish(r, &rp, ACS_OK, "the ACS %s holds %zu file%s", a->url, out->n,
		    out->n == 1 ? "" : "s");
	}
	buf_free(&rp.body);
	return st;
}
