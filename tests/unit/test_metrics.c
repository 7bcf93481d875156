/* test_metrics.c — Prometheus exposition from the store (labels escaped,
   dark ONTs left out), the atomic textfile, and a push to Debian's real
   prometheus-pushgateway on 127.0.0.1 (started and stopped by PID), read
   back from its /metrics. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <curl/curl.h>
#include <math.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/metrics.h"

static char dir[64], dbp[128];
static struct store *st;
static struct olt olt;

static int
setup(void **state)
{
	struct ont_reading r[3];
	char *cause = NULL;

	(void)state;
	strcpy(dir, "/tmp/oltui-metrics.XXXXXX");
	if (mkdtemp(dir) == NULL)
		return -1;
	snprintf(dbp, sizeof dbp, "%s/m.db", dir);
	if ((st = store_open(dbp, &cause)) == NULL)
		return -1;
	memset(&olt, 0, sizeof olt);
	strcpy(olt.name, "pop-\"north\"");	/* a quote to escape */
	strcpy(olt.host, "127.0.0.1");
	strcpy(olt.user, "u");
	olt.port = 22;
	olt.snmp_port = 161;
	strlcpy_(olt.driver, "huawei", sizeof olt.driver);
	if (store_olt_add(st, &olt, &cause) != 0)
		return -1;
	memset(r, 0, sizeof r);
	for (int i = 0; i < 3; i++) {
		strcpy(r[i].port, "0/1/1");
		r[i].ont_id = i;
		snprintf(r[i].sn, sizeof r[i].sn, "HWTC0000000%c", (char)('0' + i));
		r[i].status = i == 2 ? ONT_LOS : ONT_ONLINE;
		r[i].rx_dbm = i == 2 ? NAN : -20.5 - i;
		r[i].olt_rx_dbm = i == 2 ? NAN : -22.25;
		r[i].distance_m = 100;
		r[i].read_at = 1000;
	}
	if (store_onts_upsert(st, olt.id, r, 3, &cause) != 0)
		return -1;
	{
		struct poll_result pr = { .onts = 3, .online = 2, .requests = 7, .ms = 1250, .at = 1700000000 };
		if (metrics_note_sweep(st, &olt, &pr, 1, &cause) != 0)
			return -1;
	}
	return 0;
}

static int
teardown(void **state)
{
	char *cmd = xasprintf("rm -rf '%s'", dir);

	(void)state;
	store_close(st);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", dir);
	free(cmd);
	return 0;
}

static void
test_render(void **state)
{
	struct buf b = { 0 };
	char *cause = NULL;
	const char *t;

	(void)state;
	assert_int_equal(metrics_render(st, &b, &cause), 0);
	t = buf_str(&b);
	assert_non_null(strstr(t, "# TYPE oltui_onu_rx_dbm gauge\n"));
	assert_non_null(strstr(t, "oltui_onu_rx_dbm{olt=\"pop-\\\"north\\\"\",port=\"0/1/1\","
	    "ont=\"0\",sn=\"HWTC00000000\"} -20.50\n"));
	assert_non_null(strstr(t, "sn=\"HWTC00000001\"} -21.50\n"));
	assert_null(strstr(t, "sn=\"HWTC00000002\"} "));	/* dark: no reading exported */
	assert_non_null(strstr(t, "oltui_onts{olt=\"pop-\\\"north\\\"\",status=\"online\"} 2\n"));
	assert_non_null(strstr(t, "status=\"los\"} 1\n"));
	assert_non_null(strstr(t, "oltui_sweep_duration_seconds{olt=\"pop-\\\"north\\\"\"} 1.250\n"));
	assert_non_null(strstr(t, "oltui_sweep_requests{olt=\"pop-\\\"north\\\"\"} 7\n"));
	assert_non_null(strstr(t, "severity=\"critical\"} 0\n"));
	assert_null(strstr(t, "nan"));
	buf_free(&b);
}

static void
test_textfile_is_atomic(void **state)
{
	char *path = xasprintf("%s/oltui.prom", dir), *cause = NULL;
	char buf[64] = { 0 };
	FILE *f;

	(void)state;
	assert_int_equal(metrics_write_textfile(path, "a 1\n", &cause), 0);
	assert_int_equal(metrics_write_textfile(path, "b 2\n", &cause), 0);
	f = fopen(path, "r");
	assert_non_null(f);
	assert_non_null(fgets(buf, sizeof buf, f));
	fclose(f);
	assert_string_equal(buf, "b 2\n");
	free(path);
	assert_int_equal(metrics_write_textfile("/nonexistent/dir/x.prom", "a 1\n", &cause), -1);
	assert_non_null(strstr(cause, "cannot write"));
	free(cause);
}

static int
free_tcp_port(void)
{
	struct sockaddr_in a = { .sin_family = AF_INET };
	socklen_t len = sizeof a;
	int fd = socket(AF_INET, SOCK_STREAM, 0), port;

	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	bind(fd, (struct sockaddr *)&a, sizeof a);
	getsockname(fd, (struct sockaddr *)&a, &len);
	port = ntohs(a.sin_port);
	close(fd);
	return port;
}

static size_t
grab(char *d, size_t s, size_t n, void *arg)
{
	buf_add(arg, d, s * n);
	return s * n;
}

/* GETs url; returns the HTTP status and fills out. */
static long
http_get(const char *url, struct buf *out)
{
	CURL *c = curl_easy_init();
	long code = 0;

	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, grab);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, out);
	curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, 2000L);
	if (curl_easy_perform(c) == CURLE_OK)
		curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code);
	curl_easy_cleanup(c);
	return code;
}

/* Issue 13: credentials in a push URL never reach a message; plain
   http:// to another machine is told apart from the loopback. */
static void
test_push_url_credentials_and_cleartext(void **state)
{
	char out[256];

	(void)state;
	assert_true(metrics_url_has_userinfo("http://u:p@h:9091/metrics/job/x"));
	assert_false(metrics_url_has_userinfo("http://h:9091/metrics/job/a@b"));
	metrics_url_display("https://u:p%40ss@h:9091/metrics/job/x", out, sizeof out);
	assert_string_equal(out, "https://***@h:9091/metrics/job/x");
	metrics_url_display("http://h:9091/metrics/job/a@b", out, sizeof out);
	assert_string_equal(out, "http://h:9091/metrics/job/a@b");
	assert_true(metrics_url_cleartext("http://10.0.0.5:9091/metrics/job/x"));
	assert_true(metrics_url_cleartext("http://u:p@pgw.example/metrics/job/x"));
	assert_false(metrics_url_cleartext("https://pgw.example/metrics/job/x"));
	assert_false(metrics_url_cleartext("http://127.0.0.1:9091/metrics/job/x"));
	assert_false(metrics_url_cleartext("http://localhost/metrics/job/x"));
	assert_false(metrics_url_cleartext("http://[::1]:9091/metrics/job/x"));
	assert_true(metrics_url_cleartext("http://127.0.0.1.evil.example/x"));
}

static void
test_push_to_real_pushgateway(void **state)
{
	int port = free_tcp_port();
	char listen[64], url[128], murl[128], *cause = NULL;
	struct buf text = { 0 }, got = { 0 };
	pid_t pid;
	int up = 0;

	(void)state;
	snprintf(listen, sizeof listen, "--web.listen-address=127.0.0.1:%d", port);
	pid = fork();
	if (pid == 0) {
		freopen("/dev/null", "w", stdout);
		freopen("/dev/null", "w", stderr);
		execlp("prometheus-pushgateway", "prometheus-pushgateway", listen,
		    "--persistence.file=", (char *)NULL);
		_exit(127);
	}
	snprintf(murl, sizeof murl, "http://127.0.0.1:%d/metrics", port);
	for (int i = 0; i < 100 && !up; i++) {
		struct buf b = { 0 };
		up = http_get(murl, &b) == 200;
		buf_free(&b);
		if (!up)
			sleep_ms(100);
	}
	assert_true(up);
	assert_int_equal(metrics_render(st, &text, &cause), 0);
	snprintf(url, sizeof url, "http://127.0.0.1:%d/metrics/job/oltui", port);
	if (metrics_push(url, NULL, NULL, buf_str(&text), 3000, &cause) != 0)
		fail_msg("push: %s", cause);
	assert_int_equal(http_get(murl, &got), 200);
	assert_non_null(strstr(buf_str(&got), "oltui_onu_rx_dbm{"));
	assert_non_null(strstr(buf_str(&got), "sn=\"HWTC00000001\"} -21.5"));
	assert_non_null(strstr(buf_str(&got), "job=\"oltui\""));
	/* A malformed exposition is refused with the gateway's reason. */
	assert_int_equal(metrics_push(url, NULL, NULL, "this is { not metrics\n", 3000, &cause), -1);
	assert_non_null(strstr(cause, "refused: HTTP 400"));
	free(cause);
	cause = NULL;
	/* Nobody listening: a clear error. */
	snprintf(url, sizeof url, "http://127.0.0.1:%d/metrics/job/oltui", free_tcp_port());
	assert_int_equal(metrics_push(url, NULL, NULL, buf_str(&text), 1000, &cause), -1);
	assert_non_null(strstr(cause, "failed"));
	free(cause);
	cause = NULL;
	assert_int_equal(metrics_push("ftp://x", NULL, NULL, "", 1000, &cause), -1);
	assert_non_null(strstr(cause, "metrics push URL"));
	free(cause);
	kill(pid, SIGTERM);
	waitpid(pid, NULL, 0);
	buf_free(&text);
	buf_free(&got);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_render),
		cmocka_unit_test(test_textfile_is_atomic),
		cmocka_unit_test(test_push_url_credentials_and_cleartext),
		cmocka_unit_test(test_push_to_real_pushgateway),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
