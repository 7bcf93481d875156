/* test_transport_telnet.c — the Telnet transport over a socketpair
   (transport_telnet_fd): the option answers a ZTE needs, IAC escaping of
   what is written, the end of the stream, and a device that stops reading
   (found by fuzzing: tests/fuzz/regress/telnet/, a send that waited
   forever). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "drivers/transport.h"
#include "lib/util.h"

enum { IAC = 255, DONT = 254, DO = 253, WONT = 252, WILL = 251, SB = 250, SE = 240 };

/* Reads what the transport sent within ms. */
static size_t
peer_read(int fd, unsigned char *buf, size_t cap, int ms)
{
	size_t n = 0;
	int64_t end = mono_ms() + ms;

	while (n < cap && mono_ms() < end) {
		ssize_t k = recv(fd, buf + n, cap - n, MSG_DONTWAIT);

		if (k > 0)
			n += (size_t)k;
		else
			sleep_ms(5);
	}
	return n;
}

static void
test_options_are_answered_and_data_escaped(void **state)
{
	static const unsigned char dev[] = { IAC, DO, 31, IAC, WILL, 1, IAC, DO, 24,
	    'Z', 'X', 'A', 'N', '#' };
	static const unsigned char want[] = { IAC, WILL, 31, IAC, SB, 31, 1, 244, 0, 50,
	    IAC, SE, IAC, DO, 1, IAC, WONT, 24 };
	struct transport_params p = { .name = "t", .host = "127.0.0.1" };
	unsigned char got[64];
	char buf[64], *cause = NULL;
	struct transport *t;
	int sv[2];
	ssize_t n;
	size_t k;

	(void)state;
	assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
	t = transport_telnet_fd(sv[0], &p);
	assert_int_equal(send(sv[1], dev, sizeof dev, 0), (ssize_t)sizeof dev);
	n = transport_read(t, buf, sizeof buf, 1000, &cause);
	assert_int_equal(n, 5);
	assert_memory_equal(buf, "ZXAN#", 5);
	k = peer_read(sv[1], got, sizeof want, 500);
	assert_int_equal(k, sizeof want);
	assert_memory_equal(got, want, sizeof want);
	assert_int_equal(transport_write(t, "a\xff" "b", 3, &cause), 0);
	k = peer_read(sv[1], got, 4, 500);
	assert_int_equal(k, 4);
	assert_memory_equal(got, "a\xff\xff" "b", 4);
	close(sv[1]);
	assert_int_equal(transport_read(t, buf, sizeof buf, 1000, &cause), -1);
	assert_non_null(strstr(cause, "closed by the device"));
	free(cause);
	transport_close(t);
}

static void
on_alarm(int sig)
{
	(void)sig;
	/* A write that waits forever: the test failed. */
	write(2, "hung in a write\n", 16);
	_exit(1);
}

static void
test_a_device_that_stops_reading_breaks_the_link(void **state)
{
	struct transport_params p = { .name = "t", .host = "127.0.0.1",
	    .write_timeout_ms = 300 };
	unsigned char flood[6 * 2048];
	char buf[64], *cause = NULL;
	struct transport *t;
	int sv[2], small = 4096;
	int64_t t0;
	ssize_t n = 0;

	(void)state;
	assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
	setsockopt(sv[0], SOL_SOCKET, SO_SNDBUF, &small, sizeof small);
	t = transport_telnet_fd(sv[0], &p);
	/* Every DO NAWS after a DONT NAWS asks for WILL and a window (12
	   bytes), every DONT for a WONT; the device reads none of it. */
	for (size_t i = 0; i < sizeof flood; i += 6) {
		memcpy(flood + i, (const unsigned char[]){ IAC, DO, 31, IAC, DONT, 31 }, 6);
	}
	signal(SIGALRM, on_alarm);
	alarm(20);
	t0 = mono_ms();
	for (int round = 0; round < 200 && n >= 0; round++) {
		send(sv[1], flood, sizeof flood, MSG_DONTWAIT);
		n = transport_read(t, buf, sizeof buf, 50, &cause);
	}
	alarm(0);
	assert_int_equal(n, -1);
	assert_non_null(strstr(cause, "stalled: the device took nothing oltui sent"));
	assert_true(mono_ms() - t0 < 10000);
	free(cause);
	cause = NULL;
	assert_int_equal(transport_write(t, "x", 1, &cause), -1);
	free(cause);
	transport_close(t);
	close(sv[1]);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_options_are_answered_and_data_escaped),
		cmocka_unit_test(test_a_device_that_stops_reading_breaks_the_link),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
