/*
 * fuzz_acs.c — the GenieACS NBI client's decoders (drivers/acs.c,
 * acs_doc.c, acs_task.c, acs_view.c): device documents, the router view
 * built from them, and every answer an ACS can give to a search, a task, a
 * task's state and the file list, over HTTP from a server that says
 * whatever the input says.
 *
 * Input: byte 0 picks what is fuzzed:
 *   even  the rest is a device document (acs_device_parse), then viewed;
 *   odd   byte 1 the calls (a bit each: find a serial, a query, post a task,
 *         a task's state, delete a task, the files; bit 6: a 4 KiB answer
 *         limit), then the server's answers, NUL-separated, one per HTTP
 *         request: byte 0 the status (200, 201, 202, 400, 401, 403, 404,
 *         500, 504, 302) or, with bit 7 set, the answer is the raw bytes
 *         that follow (status line, headers and body as the fuzzer writes
 *         them); byte 1 a "total" header (0 none); the rest the body.
 *         When the answers run out the server says 500.
 *
 * The server is a thread on a TCP socket of 127.0.0.1: one answer per
 * connection, then it closes (Connection: close).
 *
 * Invariants: a parsed document holds only clean strings (the client
 * cleans on arrival), its view's texts are clean and its JSON valid, the
 * view's lines clean but for line breaks; every call ends with a known
 * status and a message of one line of clean text that never holds the
 * password, whatever the ACS sends back (even the password itself); a
 * device found has clean fields and a serial that is the one asked for;
 * task bodies are valid JSON that give back the values put in.
 */
#include <poll.h>
#include <pthread.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "drivers/acs.h"
#include "drivers/acs_view.h"
#include "lib/sn.h"
#include "lib/text.h"
#include "lib/util.h"
#include "tests/fuzz/harness.h"

#define PASSWORD "AcsPw-9zQ"

static int port;
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static struct fz script;	/* under mu: the answers */

/* The next answer, as bytes to send; caller frees. */
static char *
next_answer(size_t *len)
{
	static const int codes[] = { 200, 201, 202, 400, 401, 403, 404, 500, 504, 302 };
	struct buf b = { 0 };
	char *part;
	size_t n;
	unsigned sel, total;

	pthread_mutex_lock(&mu);
	part = fz_part(&script, &n);
	pthread_mutex_unlock(&mu);
	if (part == NULL || n == 0) {
		free(part);
		buf_adds(&b, "HTTP/1.1 500 Out of script\r\nContent-Length: 0\r\n"
		    "Connection: close\r\n\r\n");
		*len = b.len;
		return buf_take(&b);
	}
	sel = (unsigned char)part[0];
	if (sel & 0x80) {
		buf_add(&b, part + 1, n - 1);
	} else {
		total = n > 1 ? (unsigned char)part[1] : 0;
		buf_addf(&b, "HTTP/1.1 %d Fuzzed\r\nContent-Type: application/json\r\n"
		    "Connection: close\r\n", codes[sel % nitems(codes)]);
		if (total != 0)
			buf_addf(&b, "total: %u\r\n", total - 1);
		buf_addf(&b, "Content-Length: %zu\r\n\r\n", n > 2 ? n - 2 : 0);
		if (n > 2)
			buf_add(&b, part + 2, n - 2);
	}
	free(part);
	*len = b.len;
	return buf_take(&b);
}

/* Reads a request (headers, and a body by Content-Length) with a short
   deadline; what it says does not matter. */
static void
read_request(int fd)
{
	char b[8192];
	struct buf req = { 0 };
	int64_t end = mono_ms() + 1000;

	for (;;) {
		struct pollfd pfd = { fd, POLLIN, 0 };
		const char *h, *cl;
		ssize_t n;

		if (poll(&pfd, 1, (int)(end - mono_ms() > 0 ? end - mono_ms() : 0)) <= 0)
			break;
		if ((n = recv(fd, b, sizeof b, 0)) <= 0)
			break;
		buf_add(&req, b, (size_t)n);
		if ((h = strstr(buf_str(&req), "\r\n\r\n")) == NULL)
			continue;
		cl = strstr(buf_str(&req), "Content-Length: ");
		if (cl == NULL || cl > h ||
		    req.len >= (size_t)(h + 4 - req.data) + strtoul(cl + 16, NULL, 10))
			break;
	}
	buf_free(&req);
}

/* The server's thread: one answer per connection on *arg (listening). */
static void *
server(void *arg)
{
	int listen_fd = *(int *)arg;

	for (;;) {
		int fd = accept(listen_fd, NULL, NULL);
		size_t len;
		char *a;

		if (fd < 0)
			continue;
		read_request(fd);
		a = next_answer(&len);
		send(fd, a, len, MSG_NOSIGNAL);
		free(a);
		shutdown(fd, SHUT_WR);
		close(fd);
	}
	return NULL;
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	acs_global_init();
	port = fz_server(SOCK_STREAM, server);
	return 0;
}

/* Checks a device's fields and its view. */
static void
check_device(const struct acs_device *d)
{
	struct acs_view *v = xcalloc(1, sizeof *v);
	struct buf out = { 0 };
	char *cause = NULL;
	int ids[64];
	size_t n;
	cJSON *j;

	fz_clean("a device's id", d->id, false);
	fz_clean("a device's serial", d->serial, false);
	fz_clean("a device's manufacturer", d->manufacturer, false);
	fz_clean("a device's product class", d->product_class, false);
	fz_clean("a device's OUI", d->oui, false);
	if (d->doc != NULL)
		fz_json("a device document", d->doc, false);
	n = acs_instances(d, "InternetGatewayDevice.LANDevice.1.WLANConfiguration", ids,
	    nitems(ids));
	for (size_t i = 1; i < n; i++)
		if (ids[i] <= ids[i - 1])
			fz_fail("instances not ascending: %d after %d", ids[i], ids[i - 1]);
	if (acs_view_build(d, v, &cause) == 0) {
		fz_clean("the view's serial", v->serial, false);
		fz_clean("the view's model", v->model_name, false);
		fz_clean("the view's firmware", v->firmware, false);
		for (size_t i = 0; i < v->nwan; i++) {
			fz_clean("a WAN's PPPoE user", v->wan[i].pppoe_user, false);
			fz_clean("a WAN's status", v->wan[i].status, false);
		}
		for (size_t i = 0; i < v->nradio; i++)
			fz_clean("a radio's SSID", v->radio[i].ssid, false);
		for (size_t i = 0; i < v->nhost; i++)
			fz_clean("a LAN host's name", v->host[i].name, false);
		j = acs_view_json(v);
		fz_json("the view's JSON", j, false);
		cJSON_Delete(j);
		acs_view_format(v, 1700000000, &out);
		fz_clean("the view's lines", buf_str(&out), true);
		buf_free(&out);
	} else if (cause == NULL) {
		fz_fail("a view failed without a cause");
	}
	free(cause);
	free(v);
}

/* Checks a call's result. */
static void
check_result(const char *call, enum acs_status st, const struct acs_result *r)
{
	if ((int)st < 0 || st >= ACS_STATUS_COUNT || st != r->status)
		fz_fail("%s: status %d, result %d", call, st, r->status);
	if (r->message == NULL)
		fz_fail("%s: no message", call);
	fz_clean("an ACS call's message", r->message, false);
	if (strstr(r->message, PASSWORD) != NULL)
		fz_fail("%s: the password is in the message: %s", call, r->message);
}

/* A task body must be JSON that gives back the values. */
static void
check_bodies(const char *value)
{
	const char *paths[] = { "InternetGatewayDevice.LANDevice.1.WLANConfiguration.1.SSID" };
	const char *values[] = { value };
	char *body = acs_task_set_values(paths, values, NULL, 1);
	const cJSON *pv, *first;
	cJSON *j;

	if (body == NULL)
		return;		/* refused: a value it will not send */
	fz_clean("a task body", body, false);
	if ((j = cJSON_Parse(body)) == NULL)
		fz_fail("a task body is not JSON: %s", body);
	pv = cJSON_GetObjectItemCaseSensitive(j, "parameterValues");
	first = cJSON_GetArrayItem(cJSON_GetArrayItem(pv, 0), 1);
	if (!cJSON_IsString(first) || strcmp(first->valuestring, value) != 0)
		fz_fail("a task body does not give back its value");
	cJSON_Delete(j);
	free(body);
}

static void
calls(unsigned which, struct fz *in)
{
	struct acs_conn conn = { .user = "oltui", .password = PASSWORD,
	    .connect_timeout_ms = 1000, .timeout_ms = 3000,
	    .max_answer = (which & 0x40) ? 4096 : 0 };
	char url[64], *cause = NULL;
	struct acs *a;
	struct acs_result r = { 0 };
	struct acs_device d;
	struct acs_device_list l;
	struct acs_task t;
	struct acs_file_list fl;
	enum acs_status st;

	snprintf(url, sizeof url, "http://127.0.0.1:%d", port);
	conn.url = url;
	pthread_mutex_lock(&mu);
	script = *in;
	pthread_mutex_unlock(&mu);
	if ((a = acs_open(&conn, &cause)) == NULL)
		fz_fail("cannot open the ACS client: %s", cause);
	if (which & 1) {
		char want[SN_LEN + 1], got[SN_LEN + 1];

		st = acs_find(a, "HWTC1A2B3C4D", NULL, 0, &d, &r);
		check_result("acs_find", st, &r);
		if (st == ACS_OK) {
			check_device(&d);
			sn_normalize("HWTC1A2B3C4D", want);
			if (sn_normalize(d.serial, got) != 0 || strcmp(want, got) != 0)
				fz_fail("acs_find gave a router of serial \"%s\"", d.serial);
			acs_device_free(&d);
		}
	}
	if (which & 2) {
		st = acs_query(a, "{\"_tags\":\"north\"}", NULL, 0, 0, 10, &l, &r);
		check_result("acs_query", st, &r);
		if (st == ACS_OK)
			for (size_t i = 0; i < l.n; i++)
				check_device(&l.v[i]);
		acs_device_list_free(&l);
	}
	if (which & 4) {
		memset(&t, 0, sizeof t);
		st = acs_task_post(a, "00E0FC-EG8145V5-485754431A2B3C4D",
		    "{\"name\":\"reboot\"}", (which & 0x80) != 0, 1000, &t, &r);
		check_result("acs_task_post", st, &r);
		fz_clean("a task's id", t.id, false);
		fz_clean("a task's fault", t.fault, false);
		acs_task_free(&t);
	}
	if (which & 8) {
		memset(&t, 0, sizeof t);
		st = acs_task_state(a, "64f1a2b3c4d5e6f708192a3b", &t, &r);
		check_result("acs_task_state", st, &r);
		fz_clean("a task's fault", t.fault, false);
		acs_task_free(&t);
	}
	if (which & 16) {
		st = acs_task_delete(a, "64f1a2b3c4d5e6f708192a3b", &r);
		check_result("acs_task_delete", st, &r);
	}
	if (which & 32) {
		memset(&fl, 0, sizeof fl);
		st = acs_files(a, &fl, &r);
		check_result("acs_files", st, &r);
		for (size_t i = 0; i < fl.n; i++) {
			fz_clean("a file's name", fl.v[i].name, false);
			fz_clean("a file's version", fl.v[i].version, false);
		}
		acs_file_list_free(&fl);
	}
	acs_result_clear(&r);
	acs_close(a);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fz in = { data, size };
	struct acs_device d;
	unsigned mode;
	char *cause = NULL, *text;
	size_t len;

	if (size < 2)
		return 0;
	mode = fz_byte(&in);
	if (mode % 2 == 0) {
		text = fz_rest(&in, &len);
		if (acs_device_parse(text, len, &d, &cause) == 0) {
			check_device(&d);
			acs_device_free(&d);
		} else if (cause == NULL) {
			fz_fail("acs_device_parse failed without a cause");
		} else {
			fz_clean("acs_device_parse's cause", cause, false);
		}
		/* The document's first line as a value of a task. */
		text[strcspn(text, "\n")] = '\0';
		if (text_is_clean(text, false))
			check_bodies(text);
		free(cause);
		free(text);
	} else {
		calls(fz_byte(&in), &in);
	}
	return 0;
}
