/*
 * ctl.c — oltsim's control socket and its client, `oltsim ctl`.
 *
 * A UNIX stream socket (--ctl PATH, default $XDG_RUNTIME_DIR/oltsim-PID.sock
 * or /tmp/oltsim-PID.sock, mode 0600) takes one command per line and
 * answers each with one line: "ok", "ok TEXT" (TEXT may be one line of
 * JSON) or "error: WHAT".  Verbs (F/S/P as the vendor numbers it: Huawei
 * 0/1/0, ZTE 1/1/1; ONT ids Huawei 0..127, ZTE 1..128):
 *   cut OLT F/S/P | restore OLT F/S/P
 *   set-levels OLT F/S/P ONT rx=DBM [olt_rx=DBM] [tx=DBM]
 *   set-state OLT F/S/P ONT online|offline|los|dying-gasp
 *   add-autofind OLT F/S/P [SN]          -> ok SN
 *   latency OLT MS | drop-after OLT BYTES
 *   garble|refuse-login|snmp-timeout|busy OLT on|off
 *   tick [N]                              -> ok N
 *   dump [OLT]                            -> ok {JSON}   (state_json.c)
 *   help | quit (stops oltsim)
 *
 * Threads: ctl_start() runs one control thread that accepts and serves
 * connections one at a time (each with a 5 s read timeout); ctl_exec() takes
 * the OLT's lock around every read and change.  The client side runs in
 * its own `oltsim ctl` process.
 */
#include <errno.h>
#include <math.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/un.h>
#include <unistd.h>

#include "tests/lab/lab.h"

#define CTL_MAXARGS 8

static struct sim_fleet	*ctl_fleet;
static int		 ctl_fd = -1;
static int		 ctl_wake[2] = { -1, -1 };
static char		*ctl_path;
static pthread_t	 ctl_thread;
static bool		 ctl_running;

/* The default socket path for this process. */
char *
ctl_default_path(void)
{
	const char *dir = getenv("XDG_RUNTIME_DIR");

	if (dir == NULL || *dir == '\0' || access(dir, W_OK) != 0)
		dir = "/tmp";
	return xasprintf("%s/oltsim-%ld.sock", dir, (long)getpid());
}

/* Parses "F/S/P". */
static int
parse_fsp(const char *s, int *f, int *sl, int *p)
{
	char extra;

	return sscanf(s, "%d/%d/%d%c", f, sl, p, &extra) == 3 ? 0 : -1;
}

/* Parses a level in dBm ("-28.5") into hundredths; -1 when not one. */
static int
parse_level(const char *s, int16_t *out)
{
	char *end;
	double d;

	errno = 0;
	d = strtod(s, &end);
	if (errno != 0 || end == s || *end != '\0' || d < -60.0 || d > 20.0)
		return -1;
	*out = (int16_t)lround(d * 100.0);
	return 0;
}

/* Parses on/off. */
static int
parse_onoff(const char *s, bool *out)
{
	if (strcmp(s, "on") == 0)
		*out = true;
	else if (strcmp(s, "off") == 0)
		*out = false;
	else
		return -1;
	return 0;
}

/* Finds the OLT argv[1] names, and with want_pon the PON argv[2], and with
   want_ont the ONT argv[3].  Takes the OLT's lock on success. */
static char *
find_target(struct sim_fleet *f, int argc, char **argv, bool want_pon, bool want_ont,
    struct sim_olt **olt, struct sim_pon **pon, struct sim_ont **ont)
{
	int fr, sl, pt;
	long id;

	if (argc < 2)
		return xasprintf("error: %s needs an OLT name", argv[0]);
	if ((*olt = fleet_olt(f, argv[1])) == NULL)
		return xasprintf("error: no OLT called %s", argv[1]);
	if (!want_pon)
		goto lock;
	if (argc < 3 || parse_fsp(argv[2], &fr, &sl, &pt) != 0)
		return xasprintf("error: %s needs a PON as F/S/P after the OLT name", argv[0]);
	if (!want_ont)
		goto lock;
	if (argc < 4 || parse_long(argv[3], 0, SIM_MAX_ONTS, &id) != 0)
		return xasprintf("error: %s needs an ONT id (0-%d) after the PON", argv[0], SIM_MAX_ONTS);
lock:
	olt_lock(*olt);
	if (want_pon && (*pon = olt_pon(*olt, fr, sl, pt)) == NULL) {
		olt_unlock(*olt);
		return xasprintf("error: no PON %s on %s", argv[2], argv[1]);
	}
	if (want_ont && (*ont = pon_ont(*pon, (int)id)) == NULL) {
		olt_unlock(*olt);
		return xasprintf("error: no ONT %ld on PON %s of %s", id, argv[2], argv[1]);
	}
	return NULL;
}

/* set-levels: key=value pairs after the ONT (lock held). */
static char *
do_set_levels(struct sim_ont *ont, int argc, char **argv)
{
	int16_t v;
	int i;

	if (argc < 5)
		return xstrdup("error: set-levels needs rx=DBM, olt_rx=DBM or tx=DBM");
	for (i = 4; i < argc; i++) {
		const char *eq = strchr(argv[i], '=');

		if (eq == NULL || parse_level(eq + 1, &v) != 0)
			return xasprintf("error: cannot read level %s (want e.g. rx=-28.5)", argv[i]);
		if (!str_startswith(argv[i], "rx=") && !str_startswith(argv[i], "olt_rx=") &&
		    !str_startswith(argv[i], "tx="))
			return xasprintf("error: unknown level %s (rx, olt_rx or tx)", argv[i]);
	}
	for (i = 4; i < argc; i++) {
		parse_level(strchr(argv[i], '=') + 1, &v);
		if (str_startswith(argv[i], "rx=")) {
			ont->rx_base = v;
			if (ont->state == SIM_ONLINE)
				ont->rx = v;
		} else if (str_startswith(argv[i], "olt_rx=")) {
			ont->olt_rx_base = v;
			if (ont->state == SIM_ONLINE)
				ont->olt_rx = v;
		} else if (ont->state == SIM_ONLINE)
			ont->tx = v;
	}
	if (ont->state != SIM_ONLINE)
		return xasprintf("ok (ONT is %s: rx/olt_rx apply when it comes back)", state_name(ont->state));
	return xstrdup("ok");
}

/* set-state (lock held). */
static char *
do_set_state(struct sim_olt *olt, struct sim_pon *pon, struct sim_ont *ont, int argc, char **argv)
{
	const char *st = argc > 4 ? argv[4] : "";

	if (strcmp(st, "online") == 0) {
		if (pon->cut)
			return xasprintf("error: PON %s of %s is cut; restore it first", argv[2], argv[1]);
		ont->admin = 1;
		ont_set_state(olt, pon, ont, SIM_ONLINE, SIM_CAUSE_NONE);
	} else if (strcmp(st, "offline") == 0)
		ont_set_state(olt, pon, ont, SIM_OFFLINE, SIM_CAUSE_NONE);
	else if (strcmp(st, "los") == 0)
		ont_set_state(olt, pon, ont, SIM_LOS, SIM_CAUSE_LOS);
	else if (strcmp(st, "dying-gasp") == 0)
		ont_set_state(olt, pon, ont, SIM_DYING_GASP, SIM_CAUSE_DYING_GASP);
	else
		return xasprintf("error: unknown state '%s' (online, offline, los, dying-gasp)", st);
	olt->dirty = true;
	return xstrdup("ok");
}

/* The fault verbs (lock held). */
static char *
do_fault(struct sim_olt *olt, int argc, char **argv)
{
	const char *verb = argv[0], *arg = argc > 2 ? argv[2] : "";
	long n;
	bool b = false;

	if (strcmp(verb, "latency") == 0) {
		if (parse_long(arg, 0, 600000, &n) != 0)
			return xasprintf("error: latency needs milliseconds (0-600000), not '%s'", arg);
		olt->fault.latency_ms = (int)n;
		return xstrdup("ok");
	}
	if (strcmp(verb, "drop-after") == 0) {
		if (parse_long(arg, 0, 1L << 40, &n) != 0)
			return xasprintf("error: drop-after needs a byte count (0 = off), not '%s'", arg);
		olt->fault.drop_after = n;
		return xstrdup("ok");
	}
	if (parse_onoff(arg, &b) != 0)
		return xasprintf("error: %s needs on or off, not '%s'", verb, arg);
	if (strcmp(verb, "garble") == 0)
		olt->fault.garble = b;
	else if (strcmp(verb, "refuse-login") == 0)
		olt->fault.refuse_login = b;
	else if (strcmp(verb, "snmp-timeout") == 0)
		olt->fault.snmp_timeout = b;
	else
		olt->fault.busy = b;
	return xstrdup("ok");
}

/* Runs one parsed command. */
static char *
exec_argv(struct sim_fleet *f, int argc, char **argv, bool *quit)
{
	const char *v = argv[0];
	struct sim_olt *olt = NULL;
	struct sim_pon *pon = NULL;
	struct sim_ont *ont = NULL;
	char *err, *r;
	long n;

	if (strcmp(v, "quit") == 0) {
		*quit = true;
		return xstrdup("ok bye");
	}
	if (strcmp(v, "help") == 0)
		return xstrdup("ok verbs: cut restore set-levels set-state add-autofind latency "
		    "drop-after garble refuse-login snmp-timeout busy tick dump help quit");
	if (strcmp(v, "tick") == 0) {
		n = 1;
		if (argc > 1 && parse_long(argv[1], 1, 1000000, &n) != 0)
			return xasprintf("error: tick needs a step count (1-1000000), not '%s'", argv[1]);
		life_steps(f, (int)n);
		return xasprintf("ok %ld", n);
	}
	if (strcmp(v, "dump") == 0) {
		char *js;

		if (argc > 1 && (olt = fleet_olt(f, argv[1])) == NULL)
			return xasprintf("error: no OLT called %s", argv[1]);
		js = state_json(f, olt);
		r = xasprintf("ok %s", js);
		free(js);
		return r;
	}
	if (strcmp(v, "cut") == 0 || strcmp(v, "restore") == 0) {
		if ((err = find_target(f, argc, argv, true, false, &olt, &pon, &ont)) != NULL)
			return err;
		pon_set_cut(olt, pon, v[0] == 'c');
		olt->dirty = true;
		olt_unlock(olt);
		return xstrdup("ok");
	}
	if (strcmp(v, "set-levels") == 0 || strcmp(v, "set-state") == 0) {
		if ((err = find_target(f, argc, argv, true, true, &olt, &pon, &ont)) != NULL)
			return err;
		r = v[4] == 'l' ? do_set_levels(ont, argc, argv) : do_set_state(olt, pon, ont, argc, argv);
		olt_unlock(olt);
		return r;
	}
	if (strcmp(v, "add-autofind") == 0) {
		char sn[13];
		struct sim_autofind *a;

		if (argc > 3 && sim_sn_parse(argv[3], sn) != 0)
			return xasprintf("error: '%s' is not a serial (HWTC1234ABCD or 16 hex digits)", argv[3]);
		if ((err = find_target(f, argc, argv, true, false, &olt, &pon, &ont)) != NULL)
			return err;
		if (argc > 3 && (olt_find_sn(olt, sn, NULL) != NULL || olt_find_autofind(olt, sn, NULL) != NULL)) {
			olt_unlock(olt);
			return xasprintf("error: %s already has an ONT with serial %s", argv[1], sn);
		}
		a = pon_add_autofind(olt, pon, argc > 3 ? sn : NULL);
		a->found_at = now_s();
		r = xasprintf("ok %s", a->sn);
		olt_unlock(olt);
		return r;
	}
	if (strcmp(v, "latency") == 0 || strcmp(v, "drop-after") == 0 || strcmp(v, "garble") == 0 ||
	    strcmp(v, "refuse-login") == 0 || strcmp(v, "snmp-timeout") == 0 || strcmp(v, "busy") == 0) {
		if ((err = find_target(f, argc, argv, false, false, &olt, &pon, &ont)) != NULL)
			return err;
		r = do_fault(olt, argc, argv);
		olt_unlock(olt);
		return r;
	}
	return xasprintf("error: unknown verb '%s' (try help)", v);
}

/* Executes one command line. */
char *
ctl_exec(struct sim_fleet *f, const char *line, bool *quit)
{
	char *copy = xstrdup(line), *argv[CTL_MAXARGS], *p, *r;
	int argc = 0;

	*quit = false;
	for (p = strtok(copy, " \t\r\n"); p != NULL; p = strtok(NULL, " \t\r\n")) {
		if (argc == CTL_MAXARGS) {
			free(copy);
			return xstrdup("error: too many words");
		}
		argv[argc++] = p;
	}
	if (argc == 0)
		r = xstrdup("error: empty command (try help)");
	else
		r = exec_argv(f, argc, argv, quit);
	free(copy);
	return r;
}

/* Writes all of s then a newline; false on error. */
static bool
write_line(int fd, const char *s)
{
	size_t len = strlen(s), off = 0;

	while (off < len) {
		ssize_t n = write(fd, s + off, len - off);

		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0)
			return false;
		off += (size_t)n;
	}
	return write(fd, "\n", 1) == 1;
}

/* Serves one control connection: a line in, a line out, until EOF. */
static void
serve_conn(int fd)
{
	struct timeval tv = { 5, 0 };
	struct buf in = { 0 };
	char rbuf[1024];
	bool quit = false;

	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
	while (!quit) {
		char *nl, *ans;
		ssize_t n;

		while ((nl = in.data != NULL ? memchr(in.data, '\n', in.len) : NULL) != NULL) {
			*nl = '\0';
			if (in.data[strspn(in.data, " \t\r")] == '\0') {
				buf_consume(&in, (size_t)(nl - in.data) + 1);
				continue;	/* blank line: no answer */
			}
			ans = ctl_exec(ctl_fleet, in.data, &quit);
			buf_consume(&in, (size_t)(nl - in.data) + 1);
			write_line(fd, ans);
			free(ans);
			if (quit) {
				kill(getpid(), SIGTERM);
				break;
			}
		}
		if (quit)
			break;
		if ((n = read(fd, rbuf, sizeof rbuf)) <= 0) {
			if (n == 0 && in.len > 0) {	/* last line without newline */
				buf_addc(&in, '\n');
				continue;
			}
			break;
		}
		buf_add(&in, rbuf, (size_t)n);
		if (in.len > 65536)
			break;
	}
	buf_free(&in);
	close(fd);
}

/* The control thread. */
static void *
ctl_main(void *arg)
{
	struct pollfd pfd[2];

	(void)arg;
	pfd[0].fd = ctl_fd;
	pfd[0].events = POLLIN;
	pfd[1].fd = ctl_wake[0];
	pfd[1].events = POLLIN;
	for (;;) {
		if (poll(pfd, 2, -1) == -1 && errno != EINTR)
			break;
		if (pfd[1].revents)
			break;
		if (pfd[0].revents & POLLIN) {
			int fd = accept(ctl_fd, NULL, NULL);

			if (fd != -1)
				serve_conn(fd);
		}
	}
	return NULL;
}

/* Listens on the control socket and starts the control thread. */
int
ctl_start(struct sim_fleet *f, const char *path, char **cause)
{
	struct sockaddr_un sa;
	struct stat st;

	memset(&sa, 0, sizeof sa);
	sa.sun_family = AF_UNIX;
	if (strlen(path) >= sizeof sa.sun_path) {
		set_cause(cause, "control socket path too long: %s", path);
		return -1;
	}
	strlcpy_(sa.sun_path, path, sizeof sa.sun_path);
	if (lstat(path, &st) == 0) {
		int probe = socket(AF_UNIX, SOCK_STREAM, 0);

		if (!S_ISSOCK(st.st_mode) ||
		    connect(probe, (struct sockaddr *)&sa, sizeof sa) == 0) {
			close(probe);
			set_cause(cause, "%s is in use (another oltsim?)", path);
			return -1;
		}
		close(probe);
		unlink(path);	/* a stale socket from a process that died */
	}
	if ((ctl_fd = socket(AF_UNIX, SOCK_STREAM, 0)) == -1 ||
	    bind(ctl_fd, (struct sockaddr *)&sa, sizeof sa) == -1 || listen(ctl_fd, 16) == -1) {
		set_cause(cause, "cannot listen on control socket %s: %s", path, strerror(errno));
		if (ctl_fd != -1)
			close(ctl_fd);
		ctl_fd = -1;
		return -1;
	}
	chmod(path, 0600);
	if (pipe(ctl_wake) == -1) {
		set_cause(cause, "pipe: %s", strerror(errno));
		goto fail;
	}
	ctl_fleet = f;
	ctl_path = xstrdup(path);
	if (pthread_create(&ctl_thread, NULL, ctl_main, NULL) != 0) {
		set_cause(cause, "cannot start the control thread");
		goto fail;
	}
	ctl_running = true;
	return 0;
fail:
	close(ctl_fd);
	ctl_fd = -1;
	unlink(path);
	return -1;
}

/* Stops the control thread and removes the socket. */
void
ctl_stop(void)
{
	if (!ctl_running)
		return;
	if (write(ctl_wake[1], "x", 1) == -1) {
		/* the thread still sees the closed pipe below at exit */
	}
	pthread_join(ctl_thread, NULL);
	close(ctl_fd);
	close(ctl_wake[0]);
	close(ctl_wake[1]);
	ctl_fd = ctl_wake[0] = ctl_wake[1] = -1;
	unlink(ctl_path);
	free(ctl_path);
	ctl_path = NULL;
	ctl_running = false;
}

/* `oltsim ctl SOCKET VERB ARGS…`: sends one command, prints the answer. */
int
ctl_client(int argc, char **argv)
{
	struct sockaddr_un sa;
	struct buf line = { 0 }, ans = { 0 };
	char rbuf[65536];
	ssize_t n;
	int fd, i;

	if (argc < 3) {
		fprintf(stderr, "usage: oltsim ctl SOCKET VERB [ARGS...]\n");
		return 2;
	}
	memset(&sa, 0, sizeof sa);
	sa.sun_family = AF_UNIX;
	if (strlen(argv[1]) >= sizeof sa.sun_path) {
		fprintf(stderr, "oltsim ctl: socket path too long: %s\n", argv[1]);
		return 2;
	}
	strlcpy_(sa.sun_path, argv[1], sizeof sa.sun_path);
	for (i = 2; i < argc; i++) {
		if (str_has_control(argv[i])) {
			fprintf(stderr, "oltsim ctl: control characters in '%s'\n", argv[i]);
			return 2;
		}
		buf_addf(&line, "%s%s", i > 2 ? " " : "", argv[i]);
	}
	if ((fd = socket(AF_UNIX, SOCK_STREAM, 0)) == -1 ||
	    connect(fd, (struct sockaddr *)&sa, sizeof sa) == -1) {
		fprintf(stderr, "oltsim ctl: cannot connect to %s: %s\n", argv[1], strerror(errno));
		buf_free(&line);
		return 2;
	}
	if (!write_line(fd, buf_str(&line)) || shutdown(fd, SHUT_WR) == -1) {
		fprintf(stderr, "oltsim ctl: cannot send to %s: %s\n", argv[1], strerror(errno));
		close(fd);
		buf_free(&line);
		return 2;
	}
	buf_free(&line);
	while ((n = read(fd, rbuf, sizeof rbuf)) > 0)
		buf_add(&ans, rbuf, (size_t)n);
	close(fd);
	while (ans.len > 0 && (ans.data[ans.len - 1] == '\n' || ans.data[ans.len - 1] == '\r'))
		ans.data[--ans.len] = '\0';
	if (str_startswith(buf_str(&ans), "ok")) {
		const char *rest = buf_str(&ans) + 2;

		if (*rest == ' ')
			printf("%s\n", rest + 1);
		buf_free(&ans);
		return 0;
	}
	if (str_startswith(buf_str(&ans), "error: "))
		fprintf(stderr, "oltsim ctl: %s\n", buf_str(&ans) + 7);
	else
		fprintf(stderr, "oltsim ctl: no answer from %s\n", argv[1]);
	buf_free(&ans);
	return 1;
}
