/*
 * metrics.c — Prometheus text exposition, textfile output and push.
 *
 * Labels are escaped as the format requires (backslash, double quote and
 * newline).  Missing readings (NAN) are not exported rather than exported
 * as NaN, so a dark ONT does not draw a line at zero or break a graph.
 */
#include "core/metrics.h"
#include "core/olt_state.h"

#include <curl/curl.h>
#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int
metrics_note_sweep(struct store *st, const struct olt *o, const struct poll_result *r,
    int ok, char **cause)
{
	struct olt_state s;

	olt_state_init(&s, o->id);
	s.sweep_ok = ok != 0;
	s.sweep_at = r->at ? r->at : now_s();
	s.sweep_ms = r->ms;
	s.sweep_requests = (int64_t)r->requests;
	s.sweep_onts = (int64_t)r->onts;
	s.sweep_online = (int64_t)r->online;
	s.sweep_partial = r->outcome == POLL_PARTIAL;
	return store_olt_state_sweep(st, o->id, &s, cause);
}

/* Appends s escaped as a label value. */
static void
label(struct buf *b, const char *s)
{
	for (; *s != '\0'; s++) {
		if (*s == '\\' || *s == '"')
			buf_addc(b, '\\');
		if (*s == '\n') {
			buf_adds(b, "\\n");
			continue;
		}
		buf_addc(b, *s);
	}
}

static void
help(struct buf *b, const char *name, const char *type, const char *text)
{
	buf_addf(b, "# HELP %s %s\n# TYPE %s %s\n", name, text, name, type);
}

static const enum ont_status statuses[] = {
	ONT_ONLINE, ONT_OFFLINE, ONT_LOS, ONT_DYING_GASP, ONT_AUTH_FAILED, ONT_SYNCING,
	ONT_UNKNOWN,
};

int
metrics_render(struct store *st, struct buf *out, char **cause)
{
	struct olt *olts = NULL;
	size_t nolts = 0;
	struct buf rx = { 0 }, orx = { 0 }, stat = { 0 }, alarms = { 0 }, sweep = { 0 };
	int rc = -1;

	if (store_olt_list(st, &olts, &nolts, cause) != 0)
		return -1;
	help(&rx, "oltui_onu_rx_dbm", "gauge", "ONU receive power read from the OLT, dBm");
	help(&orx, "oltui_olt_rx_dbm", "gauge", "OLT receive power of the ONT, dBm");
	help(&stat, "oltui_onts", "gauge", "ONTs per OLT and run state");
	help(&alarms, "oltui_alarms_active", "gauge", "active alarms per OLT and severity");
	help(&sweep, "oltui_sweep_duration_seconds", "gauge", "wall time of the last sweep");
	for (size_t i = 0; i < nolts; i++) {
		const struct olt *o = &olts[i];
		struct pon_port *ports = NULL;
		struct alarm *al = NULL;
		size_t np = 0, na = 0;
		int counts[nitems(statuses)] = { 0 }, sev[4] = { 0 }, have;
		struct olt_state state;

		if (store_ports_list(st, o->id, &ports, &np, cause) != 0)
			goto out;
		for (size_t p = 0; p < np; p++) {
			struct ont *onts = NULL;
			size_t n = 0;

			if (store_onts_on_port(st, o->id, ports[p].port, &onts, &n, cause) != 0) {
				free(ports);
				goto out;
			}
			for (size_t k = 0; k < n; k++) {
				const struct ont *t = &onts[k];
				struct buf lb = { 0 };

				buf_adds(&lb, "{olt=\"");
				label(&lb, o->name);
				buf_adds(&lb, "\",port=\"");
				label(&lb, t->port);
				buf_addf(&lb, "\",ont=\"%d\",sn=\"", t->ont_id);
				label(&lb, t->sn);
				buf_adds(&lb, "\"}");
				if (!isnan(t->rx_dbm))
					buf_addf(&rx, "oltui_onu_rx_dbm%s %.2f\n", buf_str(&lb), t->rx_dbm);
				if (!isnan(t->olt_rx_dbm))
					buf_addf(&orx, "oltui_olt_rx_dbm%s %.2f\n", buf_str(&lb),
					    t->olt_rx_dbm);
				for (size_t s = 0; s < nitems(statuses); s++)
					if (statuses[s] == t->status)
						counts[s]++;
				buf_free(&lb);
			}
			free(onts);
		}
		free(ports);
		for (size_t s = 0; s < nitems(statuses); s++) {
			buf_adds(&stat, "oltui_onts{olt=\"");
			label(&stat, o->name);
			buf_addf(&stat, "\",status=\"%s\"} %d\n", ont_status_name(statuses[s]),
			    counts[s]);
		}
		if (store_alarms_active(st, o->id, &al, &na, cause) != 0)
			goto out;
		for (size_t a = 0; a < na; a++)
			if ((int)al[a].severity >= 0 && al[a].severity <= SEV_CRITICAL)
				sev[al[a].severity]++;
		free(al);
		for (int s = SEV_INFO; s <= SEV_CRITICAL; s++) {
			buf_adds(&alarms, "oltui_alarms_active{olt=\"");
			label(&alarms, o->name);
			buf_addf(&alarms, "\",severity=\"%s\"} %d\n",
			    alarm_severity_name((enum alarm_severity)s), sev[s]);
		}
		if ((have = store_olt_state_get(st, o->id, &state, cause)) < 0)
			goto out;
		if (have == 1 && state.sweep_at != 0) {
			buf_adds(&sweep, "oltui_sweep_duration_seconds{olt=\"");
			label(&sweep, o->name);
			buf_addf(&sweep, "\"} %.3f\n", (double)state.sweep_ms / 1000.0);
			buf_adds(&sweep, "oltui_sweep_requests{olt=\"");
			label(&sweep, o->name);
			buf_addf(&sweep, "\"} %lld\n", (long long)state.sweep_requests);
			buf_adds(&sweep, "oltui_sweep_success{olt=\"");
			label(&sweep, o->name);
			buf_addf(&sweep, "\"} %d\n", state.sweep_ok ? 1 : 0);
			buf_adds(&sweep, "oltui_sweep_timestamp_seconds{olt=\"");
			label(&sweep, o->name);
			buf_addf(&sweep, "\"} %lld\n", (long long)state.sweep_at);
		}
	}
	buf_adds(out, buf_str(&rx));
	buf_adds(out, buf_str(&orx));
	buf_adds(out, buf_str(&stat));
	buf_adds(out, buf_str(&alarms));
	buf_adds(out, buf_str(&sweep));
	rc = 0;
out:
	buf_free(&rx);
	buf_free(&orx);
	buf_free(&stat);
	buf_free(&alarms);
	buf_free(&sweep);
	free(olts);
	return rc;
}

int
metrics_write_textfile(const char *path, const char *text, char **cause)
{
	char *tmp = xasprintf("%s.tmp.%d", path, (int)getpid());
	FILE *f = fopen(tmp, "w");

	if (f == NULL) {
		set_cause(cause, "cannot write %s: %s", tmp, strerror(errno));
		free(tmp);
		return -1;
	}
	if (fputs(text, f) == EOF || fflush(f) != 0 || fsync(fileno(f)) != 0) {
		set_cause(cause, "cannot write %s: %s", tmp, strerror(errno));
		fclose(f);
		unlink(tmp);
		free(tmp);
		return -1;
	}
	fclose(f);
	if (rename(tmp, path) != 0) {
		set_cause(cause, "cannot rename %s to %s: %s", tmp, path, strerror(errno));
		unlink(tmp);
		free(tmp);
		return -1;
	}
	free(tmp);
	return 0;
}

static pthread_once_t curl_once = PTHREAD_ONCE_INIT;

static void
curl_init_once(void)
{
	curl_global_init(CURL_GLOBAL_DEFAULT);
}

static size_t
collect(char *data, size_t size, size_t n, void *arg)
{
	struct buf *b = arg;

	if (b->len < 4096)
		buf_add(b, data, size * n);
	return size * n;
}

/* Where the authority of url starts and ends: after "://", up to the
   first '/', '?' or '#'. */
static void
authority(const char *url, const char **start, const char **end)
{
	const char *s = strstr(url, "://");

	*start = s != NULL ? s + 3 : url;
	*end = *start + strcspn(*start, "/?#");
}

bool
metrics_url_has_userinfo(const char *url)
{
	const char *a, *e;

	authority(url, &a, &e);
	return memchr(a, '@', (size_t)(e - a)) != NULL;
}

void
metrics_url_display(const char *url, char *out, size_t size)
{
	const char *a, *e, *at = NULL;

	authority(url, &a, &e);
	for (const char *p = a; p < e; p++)
		if (*p == '@')
			at = p;
	if (at == NULL)
		snprintf(out, size, "%s", url);
	else
		snprintf(out, size, "%.*s***%s", (int)(a - url), url, at);
}

bool
metrics_url_cleartext(const char *url)
{
	const char *a, *e, *host;
	size_t n;

	if (!str_startswith(url, "http://"))
		return false;
	authority(url, &a, &e);
	host = a;
	for (const char *p = a; p < e; p++)
		if (*p == '@')
			host = p + 1;
	n = (size_t)(e - host);
	return !((n >= 9 && strncmp(host, "127.0.0.1", 9) == 0 && (n == 9 || host[9] == ':')) ||
	    (n >= 9 && strncmp(host, "localhost", 9) == 0 && (n == 9 || host[9] == ':')) ||
	    (n >= 5 && strncmp(host, "[::1]", 5) == 0));
}

int
metrics_push(const char *url, const char *userpwd, const char *ca_file,
    const char *text, int timeout_ms, char **cause)
{
	char shown[512];
	CURL *c;
	CURLcode cc;
	struct curl_slist *h = NULL;
	struct buf body = { 0 };
	long status = 0;
	int rc = -1;

	if (url == NULL || (!str_startswith(url, "http://") &&
	    !str_startswith(url, "https://")) || str_has_control(url)) {
		set_cause(cause, "metrics push URL: give http://HOST:PORT/metrics/job/NAME "
		    "(Pushgateway) or http://HOST:PORT/api/v1/import/prometheus");
		return -1;
	}
	pthread_once(&curl_once, curl_init_once);
	if ((c = curl_easy_init()) == NULL) {
		set_cause(cause, "libcurl could not start");
		return -1;
	}
	metrics_url_display(url, shown, sizeof shown);
	h = curl_slist_append(h, "Content-Type: text/plain; version=0.0.4");
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
	curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
	curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
	if (ca_file != NULL && ca_file[0] != '\0')
		curl_easy_setopt(c, CURLOPT_CAINFO, ca_file);
	if (userpwd != NULL) {
		curl_easy_setopt(c, CURLOPT_HTTPAUTH, (long)CURLAUTH_BASIC);
		curl_easy_setopt(c, CURLOPT_USERPWD, userpwd);
	}
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
	curl_easy_setopt(c, CURLOPT_POSTFIELDS, text);
	curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE, (long)strlen(text));
	/* A Pushgateway group is replaced with PUT; an import URL takes POST. */
	if (strstr(url, "/metrics/job/") != NULL)
		curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, "PUT");
	curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, (long)(timeout_ms > 0 ? timeout_ms : 10000));
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, collect);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, &body);
	cc = curl_easy_perform(c);
	if (cc == CURLE_PEER_FAILED_VERIFICATION) {
		set_cause(cause, "metrics push to %s failed: %s (its certificate is not signed "
		    "by %s, or names another host; a private CA: --push-ca-file or "
		    "metrics.push_ca_file)", shown, curl_easy_strerror(cc),
		    ca_file != NULL && ca_file[0] != '\0' ? ca_file : "a CA this machine trusts");
		goto out;
	}
	if (cc == CURLE_SSL_CACERT_BADFILE) {
		set_cause(cause, "metrics push to %s failed: cannot use the CA file %s (give a "
		    "readable PEM file of CA certificates)", shown, ca_file != NULL ? ca_file : "");
		goto out;
	}
	if (cc != CURLE_OK) {
		set_cause(cause, "metrics push to %s failed: %s", shown, curl_easy_strerror(cc));
		goto out;
	}
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
	if (status < 200 || status > 299) {
		char *nl = body.data ? strchr(body.data, '\n') : NULL;
		if (nl != NULL)
			*nl = '\0';
		set_cause(cause, "metrics push to %s refused: HTTP %ld %s", shown, status,
		    buf_str(&body));
		goto out;
	}
	rc = 0;
out:
	buf_free(&body);
	curl_slist_free_all(h);
	curl_easy_cleanup(c);
	return rc;
}
