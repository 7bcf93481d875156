/*
 * bench_oltsim_cli.c — CLI throughput of one SSH session to oltsim.
 *
 *   OLT_PASSWORD=… bench_oltsim_cli PORT USER N COMMAND
 *
 * Logs in with the libssh client (TCP_NODELAY, password), opens a shell
 * with a 200x50 pty, waits for the first prompt (the last line ending in
 * '>' or '#'), turns paging off with `scroll 512`, then sends COMMAND N
 * times, each time reading until the prompt comes back.  Prints
 *   login_ms=… commands=N seconds=… commands_per_s=… bytes_per_cmd=…
 * Run without arguments (as `make bench` does) it says it is driven by
 * tests/bench/bench_oltsim.sh and exits 0.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libssh/libssh.h>

#include "lib/util.h"

/* Reads until the buffer ends with prompt (or, when prompt is empty, with
   a line ending in '>' or '#' plus optional blank), or timeout. */
static int
read_prompt(ssh_channel ch, struct buf *b, const char *prompt, int timeout_ms)
{
	char tmp[8192];
	int64_t until = mono_ms() + timeout_ms;

	for (;;) {
		int n;

		if (b->len > 0) {
			size_t len = b->len;

			while (len > 0 && b->data[len - 1] == ' ')
				len--;
			if (*prompt != '\0') {
				size_t pl = strlen(prompt);

				if (len >= pl && memcmp(b->data + len - pl, prompt, pl) == 0)
					return 0;
			} else if (len > 0 && (b->data[len - 1] == '>' || b->data[len - 1] == '#')) {
				return 0;
			}
		}
		if (mono_ms() > until)
			return -1;
		n = ssh_channel_read_timeout(ch, tmp, sizeof tmp, 0, 500);
		if (n < 0 || (n == 0 && ssh_channel_is_eof(ch)))
			return -1;
		buf_add(b, tmp, (size_t)n);
	}
}

int
main(int argc, char **argv)
{
	const char *pw = getenv("OLT_PASSWORD");
	ssh_session s;
	ssh_channel ch;
	struct buf b = { 0 };
	char prompt[64], cmd[256];
	const char *nl;
	long port, n, i;
	int one = 1;
	int64_t t0, t1, t2;
	size_t bytes = 0;

	if (argc != 5) {
		printf("bench_oltsim_cli: driven by tests/bench/bench_oltsim.sh (nothing to do alone)\n");
		return 0;
	}
	if (pw == NULL || parse_long(argv[1], 1, 65535, &port) != 0 ||
	    parse_long(argv[3], 1, 10000000, &n) != 0) {
		fprintf(stderr, "usage: OLT_PASSWORD=... bench_oltsim_cli PORT USER N COMMAND\n");
		return 2;
	}
	t0 = mono_ms();
	s = ssh_new();
	ssh_options_set(s, SSH_OPTIONS_HOST, "127.0.0.1");
	ssh_options_set(s, SSH_OPTIONS_PORT_STR, argv[1]);
	ssh_options_set(s, SSH_OPTIONS_USER, argv[2]);
	ssh_options_set(s, SSH_OPTIONS_NODELAY, &one);
	if (ssh_connect(s) != SSH_OK || ssh_userauth_password(s, NULL, pw) != SSH_AUTH_SUCCESS) {
		fprintf(stderr, "bench_oltsim_cli: login failed: %s\n", ssh_get_error(s));
		return 1;
	}
	ch = ssh_channel_new(s);
	if (ssh_channel_open_session(ch) != SSH_OK ||
	    ssh_channel_request_pty_size(ch, "vt100", 200, 50) != SSH_OK ||
	    ssh_channel_request_shell(ch) != SSH_OK || read_prompt(ch, &b, "", 10000) != 0) {
		fprintf(stderr, "bench_oltsim_cli: no shell prompt: %s\n", ssh_get_error(s));
		return 1;
	}
	t1 = mono_ms();
	/* The prompt is the last line. */
	nl = strrchr(buf_str(&b), '\n');
	snprintf(prompt, sizeof prompt, "%s", nl != NULL ? nl + 1 : buf_str(&b));
	str_trim(prompt);
	buf_reset(&b);
	ssh_channel_write(ch, "scroll 512\n", 11);
	if (read_prompt(ch, &b, prompt, 10000) != 0) {
		fprintf(stderr, "bench_oltsim_cli: no prompt after scroll\n");
		return 1;
	}
	snprintf(cmd, sizeof cmd, "%s\n", argv[4]);
	t2 = mono_ms();
	for (i = 0; i < n; i++) {
		buf_reset(&b);
		ssh_channel_write(ch, cmd, (uint32_t)strlen(cmd));
		if (read_prompt(ch, &b, prompt, 10000) != 0) {
			fprintf(stderr, "bench_oltsim_cli: command %ld got no prompt\n", i + 1);
			return 1;
		}
		bytes += b.len;
	}
	{
		double secs = (double)(mono_ms() - t2) / 1000.0;

		printf("login_ms=%lld commands=%ld seconds=%.3f commands_per_s=%.1f bytes_per_cmd=%zu prompt=%s\n",
		    (long long)(t1 - t0), n, secs, secs > 0 ? (double)n / secs : 0.0,
		    bytes / (size_t)n, prompt);
	}
	ssh_channel_close(ch);
	ssh_channel_free(ch);
	ssh_disconnect(s);
	ssh_free(s);
	buf_free(&b);
	return 0;
}
