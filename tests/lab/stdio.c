/*
 * stdio.c — `oltsim --stdio`: one CLI session on stdin/stdout.
 *
 * Lets a real daemon front a persona: OpenSSH sshd with
 * `ForceCommand oltsim --stdio --persona huawei` (sshd did the login, so the
 * persona starts authenticated) or inetutils telnetd with
 * `-E wrapper` (the ZTE persona runs its own Username:/Password: dialogue).
 * The fleet is one OLT of that vendor built from the usual flags; its state
 * lives and dies with the process.
 *
 * Terminal: when stdin is a terminal (the pty of sshd or telnetd) it is put
 * in raw mode for the session and the persona echoes, as the device would
 * (so a Password: answer is not echoed); the old mode is restored at exit.
 * Should the daemon turn output processing back on (telnetd does when it
 * renegotiates), CR LF is written as LF so the terminal's CR LF is single.
 * When stdin is not a terminal nothing echoes unless --echo.
 *
 * exec: when sshd passes a command (SSH_ORIGINAL_COMMAND), it is run like
 * `ssh host CMD` against the libssh server: no banner, no pager, output
 * until the persona has been quiet for 300 ms.  At EOF on stdin the
 * session likewise ends once the persona has been quiet for 300 ms.
 *
 * Single-threaded; no life thread, no control socket.
 */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "tests/lab/lab.h"

#define QUIET_MS 300

/* Writes all bytes to stdout; false when it is gone. */
static bool
write_all(const char *p, size_t len)
{
	while (len > 0) {
		ssize_t n = write(STDOUT_FILENO, p, len);

		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0)
			return false;
		p += n;
		len -= (size_t)n;
	}
	return true;
}

/* When stdout is a terminal that turns LF into CR LF by itself (telnetd
   turns ONLCR back on when it renegotiates with its client), drops the CR
   of each persona CR LF so the client gets one CR, not two.  Returns the
   new length. */
static size_t
fit_terminal(char *p, size_t len)
{
	struct termios t;
	size_t i, j;

	if (!isatty(STDOUT_FILENO) || tcgetattr(STDOUT_FILENO, &t) != 0 ||
	    !(t.c_oflag & OPOST) || !(t.c_oflag & ONLCR))
		return len;
	for (i = j = 0; i < len; i++) {
		if (p[i] == '\r' && i + 1 < len && p[i + 1] == '\n')
			continue;
		p[j++] = p[i];
	}
	return j;
}

/* Sends persona output through the fault filter; false to stop. */
static bool
emit(struct lab_conn *c, struct buf *out)
{
	size_t n;
	bool ok = true;

	if (out->len > 0) {
		n = conn_filter(c, out->data, out->len);
		n = fit_terminal(out->data, n);
		ok = write_all(out->data, n) && !c->dropped;
	}
	buf_reset(out);
	return ok;
}

/* Runs one session on stdin/stdout. */
int
stdio_run(const struct lab_opts *o)
{
	struct fleet_opts fo = o->fleet;
	struct persona_opts po = { 0 };
	struct lab_conn c = { 0 };
	struct termios saved, raw;
	struct sim_fleet *f;
	struct cli_session *cs;
	struct buf out = { 0 };
	const char *cmd = getenv("SSH_ORIGINAL_COMMAND");
	bool is_tty = isatty(STDIN_FILENO), eof = false, huawei;
	int64_t last_tick = 0, last_out;
	char rbuf[4096];
	int rc = 0;

	if (o->persona == NULL || (strcmp(o->persona, "huawei") != 0 && strcmp(o->persona, "zte") != 0)) {
		fprintf(stderr, "oltsim: --stdio needs --persona huawei or --persona zte\n");
		return 2;
	}
	huawei = strcmp(o->persona, "huawei") == 0;
	fo.huawei = huawei ? 1 : 0;
	fo.zte = huawei ? 0 : 1;
	fo.base_port = 0;
	f = fleet_new(&fo);
	c.fd = STDOUT_FILENO;
	c.olt = &f->olts[0];
	c.persona = persona_for(c.olt->vendor);
	if (c.persona == NULL) {
		fprintf(stderr, "oltsim: this build has no %s persona\n", o->persona);
		fleet_free(f);
		return 2;
	}
	if (cmd != NULL && (*cmd == '\0' || str_has_control(cmd)))
		cmd = NULL;

	if (is_tty && cmd == NULL && tcgetattr(STDIN_FILENO, &saved) == 0) {
		raw = saved;
		raw.c_iflag &= ~(tcflag_t)(ICRNL | INLCR | IGNCR | IXON | ISTRIP);
		raw.c_oflag &= ~(tcflag_t)OPOST;
		raw.c_lflag &= ~(tcflag_t)(ECHO | ECHONL | ICANON | ISIG | IEXTEN);
		raw.c_cc[VMIN] = 1;
		raw.c_cc[VTIME] = 0;
		tcsetattr(STDIN_FILENO, TCSANOW, &raw);
	} else
		is_tty = false;

	po.authenticated = huawei && !o->login;
	po.echo = o->echo >= 0 ? o->echo == 1 : is_tty;
	po.peer = "127.0.0.1";
	if (cmd != NULL) {
		po.echo = false;
		po.rows = 0x7fff;
	}
	cs = c.persona->open(c.olt, &po, &out);
	if (cmd != NULL) {
		buf_reset(&out);
		c.persona->input(cs, cmd, strlen(cmd), &out);
		c.persona->input(cs, "\n", 1, &out);
		eof = true;
	}
	if (!emit(&c, &out))
		goto done;
	last_out = mono_ms();

	while (!c.persona->done(cs)) {
		struct pollfd pfd = { STDIN_FILENO, POLLIN, 0 };
		int64_t now;

		if (!eof && poll(&pfd, 1, 100) > 0) {
			ssize_t n = read(STDIN_FILENO, rbuf, sizeof rbuf);

			if (n <= 0) {
				eof = true;
				last_out = mono_ms();
			} else {
				c.persona->input(cs, rbuf, (size_t)n, &out);
				if (out.len > 0)
					last_out = mono_ms();
				if (!emit(&c, &out))
					break;
			}
		} else if (eof)
			sleep_ms(50);
		now = mono_ms();
		if (now - last_tick >= 100) {
			last_tick = now;
			c.persona->tick(cs, &out);
			if (out.len > 0)
				last_out = now;
			if (!emit(&c, &out))
				break;
		}
		if (eof && now - last_out >= QUIET_MS)
			break;
	}
done:
	c.persona->close(cs);
	buf_free(&out);
	if (is_tty)
		tcsetattr(STDIN_FILENO, TCSANOW, &saved);
	fleet_free(f);
	return rc;
}
