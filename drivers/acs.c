/*
 * acs.c — the GenieACS NBI client over libcurl (acs.h): the connection,
 * one HTTP exchange, what each answer means, and finding routers (queries
 * and serials).  Tasks and files are acs_task.c's.
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
	if (c->ca_file != NULL && c->ca_file[0] != '\0')
		a->ca_file = xstrdup(c->ca_file);
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
	free(a->ca_file);
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
	struct acs_reply *rp = arg;

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
	struct acs_reply *rp = arg;
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

/* One exchange with the ACS: url is the whole URL; body is POSTed as JSON;
   extra_ms lengthens the total timeout.  The outcome is in *rp (its body
   freed by the caller with buf_free). */
void
acs_request(struct acs *a, enum acs_method m, const char *url, const char *body, int extra_ms,
    struct acs_reply *rp)
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
	if (a->ca_file != NULL)
		curl_easy_setopt(c, CURLOPT_CAINFO, a->ca_file);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, rp);
	curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(c, CURLOPT_HEADERDATA, rp);
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, a->errbuf);
	curl_easy_setopt(c, CURLOPT_USERAGENT, "oltui/" OLTUI_VERSION);
	h = curl_slist_append(h, "Accept: application/json");
	if (m == ACS_POST) {
		h = curl_slist_append(h, "Content-Type: application/json");
		h = curl_slist_append(h, "Expect:");
		curl_easy_setopt(c, CURLOPT_POSTFIELDS, body != NULL ? body : "");
		curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE, (long)(body != NULL ? strlen(body) : 0));
	} else if (m == ACS_DELETE)
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
acs_excerpt(const struct acs_reply *rp, char *out, size_t size)
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
	if (rp->body.len > n && strlen(out) > 4) {
		size_t k = strlen(out) - 3;

		/* "..." replaces whole characters only. */
		while (k > 0 && ((unsigned char)out[k] & 0xc0) == 0x80)
			k--;
		strcpy(out + k, "...");
	}
}

/* Starts a call's result. */
void
acs_begin(struct acs_result *r)
{
	free(r->message);
	memset(r, 0, sizeof *r);
}

/* Ends a call: status, HTTP code, duration and the sentence, in which
   every copy of our password is masked: the sentence may quote what the
   ACS sent, and an ACS (or a proxy) may send the password back. */
enum acs_status
acs_finish(const struct acs *a, struct acs_result *r, const struct acs_reply *rp,
    enum acs_status st, const char *fmt, ...)
{
	const char *pw = a != NULL ? a->password : NULL;
	va_list ap;

	va_start(ap, fmt);
	free(r->message);
	r->message = xvasprintf(fmt, ap);
	va_end(ap);
	if (pw != NULL && *pw != '\0' && strstr(r->message, pw) != NULL) {
		struct buf b = { 0 };
		const char *p = r->message, *q;

		for (; (q = strstr(p, pw)) != NULL; p = q + strlen(pw)) {
			buf_add(&b, p, (size_t)(q - p));
			buf_adds(&b, "***");
		}
		buf_adds(&b, p);
		free(r->message);
		r->message = buf_take(&b);
	}
	r->status = st;
	if (rp != NULL) {
		r->http = rp->http;
		r->ms += rp->ms;
	}
	return st;
}

/* The status an answer means, before the call makes more of it. */
enum acs_status
acs_outcome(const struct acs_reply *rp)
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
enum acs_status
acs_fail(struct acs *a, struct acs_result *r, const struct acs_reply *rp, enum acs_status st,
    const char *what)
{
	char ex[100];

	acs_excerpt(rp, ex, sizeof ex);
	switch (st) {
	case ACS_TOOBIG:
		return acs_finish(a, r, rp, st, "the ACS %s sent more than %zu bytes for %s: "
		    "answer refused (oltui's bound on an answer)",
		    a->url, a->max_answer, what);
	case ACS_NET:
		if (rp->cc == CURLE_OPERATION_TIMEDOUT)
			return acs_finish(a, r, rp, st, "the ACS %s did not answer %s within %lld ms",
			    a->url, what, (long long)rp->ms);
		acs_text_clean(a->errbuf);
		if (rp->cc == CURLE_PEER_FAILED_VERIFICATION)
			return acs_finish(a, r, rp, st, "cannot trust the ACS %s for %s: %s "
			    "(its certificate is not signed by %s, or names another host; "
			    "a private CA: set [acs] ca_file to its PEM file)", a->url, what,
			    a->errbuf[0] != '\0' ? a->errbuf : curl_easy_strerror(rp->cc),
			    a->ca_file != NULL ? "the CA of [acs] ca_file" : "a CA this machine trusts");
		if (rp->cc == CURLE_SSL_CACERT_BADFILE)
			return acs_finish(a, r, rp, st, "cannot use [acs] ca_file %s for the ACS "
			    "%s: %s (give a readable PEM file of CA certificates)",
			    a->ca_file != NULL ? a->ca_file : "(none)", a->url,
			    a->errbuf[0] != '\0' ? a->errbuf : curl_easy_strerror(rp->cc));
		return acs_finish(a, r, rp, st, "cannot reach the ACS %s for %s: %s", a->url, what,
		    a->errbuf[0] != '\0' ? a->errbuf : curl_easy_strerror(rp->cc));
	case ACS_AUTH:
		return acs_finish(a, r, rp, st, "the ACS %s refused our user and password "
		    "(HTTP %ld) for %s: check [acs] user and the password in the vault",
		    a->url, rp->http, what);
	case ACS_BAD_REQUEST:
		return acs_finish(a, r, rp, st, "the ACS %s refused %s as invalid (HTTP 400: %s)",
		    a->url, what, ex);
	case ACS_CR_FAILED:
	case ACS_NO_DEVICE:
	case ACS_QUEUED:
	case ACS_HTTP:
	default:
		return acs_finish(a, r, rp, ACS_HTTP, "the ACS %s answered %s with HTTP %ld%s%s (%s): "
		    "is %s GenieACS's NBI (port 7557)?", a->url, what, rp->http,
		    rp->reason[0] != '\0' ? " " : "", rp->reason, ex, a->url);
	}
}

/* An answer that is not the JSON expected. */
enum acs_status
acs_bad_answer(struct acs *a, struct acs_result *r, const struct acs_reply *rp, const char *what)
{
	char ex[60];

	acs_excerpt(rp, ex, sizeof ex);
	return acs_finish(a, r, rp, ACS_BAD_ANSWER, "the ACS %s answered %s with something that is "
	    "not GenieACS JSON (\"%s\"): is %s GenieACS's NBI?", a->url, what, ex, a->url);
}

/* Appends s percent-encoded. */
void
acs_add_escaped(struct acs *a, struct buf *b, const char *s)
{
	char *e = curl_easy_escape(a->curl, s, 0);

	buf_adds(b, e != NULL ? e : "");
	curl_free(e);
}

/* The JSON text of o, which is deleted. */
char *
acs_json_text(cJSON *o)
{
	char *s = cJSON_PrintUnformatted(o);
	char *out = xstrdup(s != NULL ? s : "{}");

	cJSON_free(s);
	cJSON_Delete(o);
	return out;
}

/* The answer's body as a JSON array, or NULL. */
cJSON *
acs_answer_array(const struct acs_reply *rp)
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
	struct acs_reply rp;
	enum acs_status st;
	cJSON *arr, *e;

	acs_request(a, ACS_GET, url, NULL, 0, &rp);
	if ((st = acs_outcome(&rp)) != ACS_OK) {
		st = acs_fail(a, r, &rp, st == ACS_NO_DEVICE || st == ACS_QUEUED ? ACS_HTTP : st, what);
		buf_free(&rp.body);
		return st;
	}
	if ((arr = acs_answer_array(&rp)) == NULL) {
		st = acs_bad_answer(a, r, &rp, what);
		buf_free(&rp.body);
		return st;
	}
	out->v = xcalloc((size_t)cJSON_GetArraySize(arr) + 1, sizeof *out->v);
	while ((e = cJSON_DetachItemFromArray(arr, 0)) != NULL) {
		if (acs_doc_fill(e, &out->v[out->n]) != 0) {
			cJSON_Delete(arr);
			acs_device_list_free(out);
			out->total = -1;
			st = acs_bad_answer(a, r, &rp, what);
			buf_free(&rp.body);
			return st;
		}
		out->n++;
	}
	cJSON_Delete(arr);
	out->total = rp.total;
	st = acs_finish(a, r, &rp, ACS_OK, "the ACS %s found %zu router%s for %s", a->url, out->n,
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
		acs_add_escaped(a, b, proj[i]);
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
		return acs_finish(a, r, NULL, ACS_USAGE, "the device query is not a JSON object "
		    "(a GenieACS query such as {\"_tags\":\"north\"}); nothing was sent");
	}
	cJSON_Delete(q);
	buf_addf(&url, "%s/devices/?query=", a->url);
	acs_add_escaped(a, &url, query);
	if (proj != NULL && add_projection(a, &url, proj, nproj) != 0) {
		buf_free(&url);
		return acs_finish(a, r, NULL, ACS_USAGE, "a projection path is empty or holds a comma "
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
	acs_begin(r);
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

	acs_begin(r);
	memset(out, 0, sizeof *out);
	if (sn == NULL || sn_normalize(sn, canon) != 0) {
		shown = acs_text_clean(xstrndup(sn != NULL ? sn : "", 40));
		st = acs_finish(a, r, NULL, ACS_USAGE, "\"%s\" is not a GPON serial (HWTC1A2B3C4D or "
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
	query = acs_json_text(q);
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
		st = acs_finish(a, r, NULL, ACS_NO_DEVICE, "the ACS %s has no router with serial %s "
		    "(nor %s)", a->url, canon, hex);
	else if (nhit > 1) {
		struct buf ids = { 0 };

		for (size_t i = 0, k = 0; i < l.n && k < 3; i++) {
			char s2[SN_LEN + 1];

			if (sn_normalize(l.v[i].serial, s2) == 0 && strcmp(s2, canon) == 0)
				buf_addf(&ids, "%s%s", k++ > 0 ? ", " : "", l.v[i].id);
		}
		st = acs_finish(a, r, NULL, ACS_USAGE, "%zu routers on the ACS %s have serial %s (%s): "
		    "which one is meant is ambiguous; nothing was changed", nhit, a->url, canon,
		    buf_str(&ids));
		buf_free(&ids);
	} else {
		*out = l.v[hit];
		memset(&l.v[hit], 0, sizeof l.v[hit]);
		st = acs_finish(a, r, NULL, ACS_OK, "the ACS %s knows serial %s as router %s", a->url,
		    canon, out->id);
	}
	acs_device_list_free(&l);
	return st;
}

