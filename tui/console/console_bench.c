/*
 * console_bench.c — measuring the console (OLTUI_BENCH=FILE).
 *
 * When OLTUI_BENCH names a file, curses writes into a pipe instead of the
 * terminal; a forwarding thread copies every byte to the real terminal and
 * counts it, so the bytes a frame costs on a slow link are known exactly.
 * The UI thread logs to FILE one line per event:
 *
 *   start    MS            process start to the first frame, milliseconds
 *   counts   MS            process start to the first frame with every count
 *   key      US            keypress read to its frame finished, microseconds
 *   frame    MS BYTES      monotonic ms of a frame, bytes sent so far
 *   end      BYTES RSS_KB  at exit: total bytes, peak resident memory
 *
 * Because curses then talks to a pipe, the terminal modes (no canonical
 * input, no echo) are set on stdin here and restored at exit, and the
 * window size is handed to curses through LINES/COLUMNS.  Without
 * OLTUI_BENCH nothing of this runs and curses writes to stdout.
 */
#include "tui/console/console.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#include "lib/util.h"

struct bench {
	FILE		*log;
	FILE		*out;		/* curses writes here (pipe) */
	int		 rfd;
	pthread_t	 thr;
	atomic_ulong	 bytes;
	struct termios	 saved;
	bool		 first;
	bool		 counted;	/* the frame with the fleet's counts was logged */
	int64_t		 key_us;	/* 0 = no key waiting for its frame */
};

/* Monotonic microseconds. */
static int64_t
mono_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

/* Milliseconds since this process started (from /proc). */
static long
since_start_ms(void)
{
	char buf[1024], *p;
	unsigned long long start = 0;
	double up = 0;
	FILE *f;
	int field = 2;

	if ((f = fopen("/proc/self/stat", "r")) == NULL)
		return -1;
	if (fgets(buf, sizeof buf, f) == NULL || (p = strrchr(buf, ')')) == NULL) {
		fclose(f);
		return -1;
	}
	fclose(f);
	for (p++; *p && field < 22; p++)
		if (*p == ' ')
			field++;
	start = strtoull(p, NULL, 10);
	if ((f = fopen("/proc/uptime", "r")) == NULL)
		return -1;
	if (fscanf(f, "%lf", &up) != 1)
		up = 0;
	fclose(f);
	return (long)(up * 1000.0 - (double)start * 1000.0 / (double)sysconf(_SC_CLK_TCK));
}

/* Forwarding thread: pipe -> terminal, counting. */
static void *
forward(void *arg)
{
	struct bench *b = arg;
	char buf[8192];
	ssize_t n;

	while ((n = read(b->rfd, buf, sizeof buf)) > 0) {
		ssize_t off = 0;

		atomic_fetch_add(&b->bytes, (unsigned long)n);
		while (off < n) {
			ssize_t w = write(STDOUT_FILENO, buf + off, (size_t)(n - off));

			if (w <= 0)
				break;
			off += w;
		}
	}
	return NULL;
}

/* Starts measuring when OLTUI_BENCH is set; returns curses' output. */
void *
bench_start(struct console *c, int *out_fd)
{
	const char *path = getenv("OLTUI_BENCH");
	struct bench *b;
	struct termios t;
	struct winsize ws;
	int p[2];
	char num[16];

	if (path == NULL || path[0] == '\0' || pipe(p) == -1)
		return stdout;
	b = xcalloc(1, sizeof *b);
	if ((b->log = fopen(path, "w")) == NULL) {
		close(p[0]);
		close(p[1]);
		free(b);
		return stdout;
	}
	setvbuf(b->log, NULL, _IOLBF, 0);
	if (ioctl(STDIN_FILENO, TIOCGWINSZ, &ws) == 0) {
		snprintf(num, sizeof num, "%d", ws.ws_row);
		setenv("LINES", num, 1);
		snprintf(num, sizeof num, "%d", ws.ws_col);
		setenv("COLUMNS", num, 1);
	}
	tcgetattr(STDIN_FILENO, &b->saved);
	t = b->saved;
	t.c_lflag &= ~(tcflag_t)(ICANON | ECHO);
	t.c_cc[VMIN] = 1;
	t.c_cc[VTIME] = 0;
	tcsetattr(STDIN_FILENO, TCSANOW, &t);
	b->rfd = p[0];
	b->out = fdopen(p[1], "w");
	atomic_init(&b->bytes, 0);
	pthread_create(&b->thr, NULL, forward, b);
	b->first = true;
	c->bench = b;
	*out_fd = p[1];
	return b->out;
}

/* A key was read. */
void
bench_key(struct console *c)
{
	struct bench *b = c->bench;

	if (b->key_us == 0)
		b->key_us = mono_us();
}

/* A frame was sent. */
void
bench_frame(struct console *c)
{
	struct bench *b = c->bench;
	int64_t now = mono_us();

	fflush(b->out);
	if (b->first) {
		fprintf(b->log, "start %ld\n", since_start_ms());
		b->first = false;
	}
	if (!b->counted && !main_pane_fleet(c)->pending) {
		fprintf(b->log, "counts %ld\n", since_start_ms());
		b->counted = true;
	}
	if (b->key_us != 0) {
		fprintf(b->log, "key %lld\n", (long long)(now - b->key_us));
		b->key_us = 0;
	}
	fprintf(b->log, "frame %lld %lu\n", (long long)(now / 1000),
	    atomic_load(&b->bytes));
}

/* Peak resident memory in kB, from /proc/self/status. */
static long
peak_rss_kb(void)
{
	char line[256];
	long kb = -1;
	FILE *f = fopen("/proc/self/status", "r");

	if (f == NULL)
		return -1;
	while (fgets(line, sizeof line, f) != NULL)
		if (strncmp(line, "VmHWM:", 6) == 0)
			kb = strtol(line + 6, NULL, 10);
	fclose(f);
	return kb;
}

/* Stops measuring: joins the forwarder, restores the terminal. */
void
bench_stop(struct console *c)
{
	struct bench *b = c->bench;

	if (b == NULL)
		return;
	if (b->out != NULL)
		fclose(b->out);	/* the forwarder sees EOF */
	pthread_join(b->thr, NULL);
	close(b->rfd);
	tcsetattr(STDIN_FILENO, TCSANOW, &b->saved);
	fprintf(b->log, "end %lu %ld\n", atomic_load(&b->bytes), peak_rss_kb());
	fclose(b->log);
	free(b);
	c->bench = NULL;
}
