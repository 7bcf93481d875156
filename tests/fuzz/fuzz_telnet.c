/*
 * fuzz_telnet.c — the Telnet transport (drivers/transport_telnet.c: option
 * negotiation, NAWS, IAC escaping, over libtelnet) against a device that
 * sends any bytes, over one end of a socketpair (transport_telnet_fd).
 *
 * Input: byte 0 the size of the device's chunks (1-64), then parts: the
 * first is what the device sends, chunk by chunk, with a read of the
 * transport after each; every later part is written through the transport
 * in the middle (lines that may hold 0xFF, the IAC byte).
 *
 * Invariants: what oltui sends back is a well-formed Telnet stream whose
 * negotiation agrees to nothing but DO ECHO, DO SGA, WILL SGA and WILL
 * NAWS (a 500x50 window in a NAWS subnegotiation), and whose data is
 * exactly the parts written (IAC doubled); what the transport reads is
 * never more than the device sent, and is all of it when the device sent
 * no IAC byte; the byte count matches; the end of the stream is a closed
 * link, never a hang.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "drivers/transport.h"
#include "lib/util.h"
#include "tests/fuzz/harness.h"

enum { IAC = 255, DONT = 254, DO = 253, WONT = 252, WILL = 251, SB = 250, SE = 240 };
enum { OPT_ECHO = 1, OPT_SGA = 3, OPT_NAWS = 31 };

/* The device's reading side: everything the transport sends, until it
   closes (a thread, so a flood of answers never fills the socket). */
struct peer {
	int		 fd;
	struct buf	 back;
};

static void *
peer_reader(void *arg)
{
	struct peer *pr = arg;
	char b[4096];
	ssize_t n;

	while ((n = recv(pr->fd, b, sizeof b, 0)) > 0)
		buf_add(&pr->back, b, (size_t)n);
	return NULL;
}

/* Checks the stream oltui sent; its data must be want. */
static void
check_back(const struct buf *back, const struct buf *want)
{
	const unsigned char *p = (const unsigned char *)back->data;
	size_t n = back->len, i = 0;
	struct buf data = { 0 };

	while (i < n) {
		unsigned char c = p[i++];

		if (c != IAC) {
			buf_addc(&data, (char)c);
			continue;
		}
		if (i >= n)
			fz_fail("oltui's stream ends inside an IAC command");
		c = p[i++];
		if (c == IAC) {
			buf_addc(&data, (char)IAC);
		} else if (c == WILL || c == WONT || c == DO || c == DONT) {
			unsigned char opt;

			if (i >= n)
				fz_fail("oltui's stream ends inside a negotiation");
			opt = p[i++];
			if (c == WILL && opt != OPT_SGA && opt != OPT_NAWS)
				fz_fail("oltui offered WILL %u", opt);
			if (c == DO && opt != OPT_ECHO && opt != OPT_SGA)
				fz_fail("oltui asked DO %u", opt);
		} else if (c == SB) {
			unsigned char sb[8];
			size_t k = 0;

			if (i >= n || p[i++] != OPT_NAWS)
				fz_fail("oltui sent a subnegotiation other than NAWS");
			while (i < n && !(p[i] == IAC && i + 1 < n && p[i + 1] == SE)) {
				if (p[i] == IAC && i + 1 < n && p[i + 1] == IAC)
					i++;
				if (k == sizeof sb)
					fz_fail("a NAWS subnegotiation too long");
				sb[k++] = p[i++];
			}
			if (i >= n)
				fz_fail("a NAWS subnegotiation without its end");
			i += 2;
			if (k != 4 || (sb[0] << 8 | sb[1]) != 500 || (sb[2] << 8 | sb[3]) != 50)
				fz_fail("NAWS sent another window than 500x50");
		} else {
			fz_fail("oltui sent IAC %u", c);
		}
	}
	if (data.len != want->len || (data.len > 0 && memcmp(data.data, want->data, data.len)))
		fz_fail("the data oltui sent is not what was written (%zu bytes, %zu wanted)",
		    data.len, want->len);
	buf_free(&data);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct transport_params params = { .name = "fuzz-olt",
	    .host = "127.0.0.1" };
	struct fz in = { data, size };
	struct buf got = { 0 }, sent = { 0 };
	struct peer pr = { .fd = -1 };
	pthread_t th;
	struct transport *t;
	size_t chunk, len, at = 0;
	char *dev, rb[512], *cause = NULL;
	int sv[2];
	ssize_t n = 0;
	bool lost = false;

	if (size < 1)
		return 0;
	chunk = 1 + fz_byte(&in) % 64;
	if ((dev = fz_part(&in, &len)) == NULL)
		dev = xstrdup("");
	if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) != 0)
		abort();
	t = transport_telnet_fd(sv[0], &params);
	pr.fd = sv[1];
	if (pthread_create(&th, NULL, peer_reader, &pr) != 0)
		abort();
	while (at < len) {
		size_t k = len - at < chunk ? len - at : chunk;
		char *line;

		if (send(sv[1], dev + at, k, 0) != (ssize_t)k)
			abort();
		at += k;
		while ((n = transport_read(t, rb, sizeof rb, 0, &cause)) > 0)
			buf_add(&got, rb, (size_t)n);
		if (n < 0) {
			/* libtelnet gave up on a malformed stream: the link is
			   lost, which is an answer, not a fault. */
			lost = true;
			break;
		}
		if ((line = fz_part(&in, &k)) != NULL) {
			if (transport_write(t, line, k, &cause) == 0)
				buf_add(&sent, line, k);
			else
				lost = true;
			free(line);
		}
	}
	shutdown(sv[1], SHUT_WR);
	for (int i = 0; i < 1000; i++) {
		n = transport_read(t, rb, sizeof rb, 100, &cause);
		if (n < 0)
			break;
		buf_add(&got, rb, (size_t)n);
	}
	if (n >= 0)
		fz_fail("the device hung up and the transport did not say so");
	if (got.len > len)
		fz_fail("the transport read %zu bytes of %zu sent", got.len, len);
	if (!lost && memchr(dev, IAC, len) == NULL &&
	    (got.len != len || (len > 0 && memcmp(got.data, dev, len) != 0)))
		fz_fail("without IAC bytes, %zu bytes were read of %zu sent", got.len, len);
	if (t->bytes_in != got.len)
		fz_fail("bytes_in %zu, read %zu", t->bytes_in, got.len);
	transport_close(t);	/* the reader sees the end */
	pthread_join(th, NULL);
	if (!lost)
		check_back(&pr.back, &sent);
	close(sv[1]);
	free(cause);
	free(dev);
	buf_free(&got);
	buf_free(&pr.back);
	buf_free(&sent);
	return 0;
}
