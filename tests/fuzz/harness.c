/*
 * harness.c — the fuzz targets' shared reader, invariants and scripted
 * device link (see harness.h).
 */
#include "tests/fuzz/harness.h"

#include <arpa/inet.h>
#include <cjson/cJSON.h>
#include <netinet/in.h>
#include <pthread.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "drivers/plan.h"
#include "drivers/transport.h"
#include "lib/text.h"
#include "lib/util.h"

/* ---- reading the input ---- */

unsigned
fz_byte(struct fz *f)
{
	if (f->n == 0)
		return 0;
	f->n--;
	return *f->p++;
}

char *
fz_part(struct fz *f, size_t *len)
{
	const uint8_t *nul;
	size_t n;
	char *s;

	if (f->n == 0) {
		if (len != NULL)
			*len = 0;
		return NULL;
	}
	nul = memchr(f->p, '\0', f->n);
	n = nul != NULL ? (size_t)(nul - f->p) : f->n;
	s = xstrndup((const char *)f->p, n);
	f->p += n;
	f->n -= n;
	if (nul != NULL) {
		f->p++;
		f->n--;
	}
	if (len != NULL)
		*len = n;
	return s;
}

char *
fz_rest(struct fz *f, size_t *len)
{
	char *s = xmalloc(f->n + 1);

	memcpy(s, f->p, f->n);
	s[f->n] = '\0';
	if (len != NULL)
		*len = f->n;
	f->p += f->n;
	f->n = 0;
	return s;
}

/* ---- invariants ---- */

void
fz_fail(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "invariant broken: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n");
	abort();
}

/* A printable copy of s for a message (control bytes as \xNN). */
static char *
shown(const char *s, size_t max)
{
	struct buf b = { 0 };

	for (size_t i = 0; s[i] != '\0' && i < max; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c < 0x20 || c >= 0x7f)
			buf_addf(&b, "\\x%02x", c);
		else
			buf_addc(&b, (char)c);
	}
	return b.data != NULL ? buf_take(&b) : xstrdup("");
}

void
fz_clean(const char *what, const char *s, bool lf_ok)
{
	if (s == NULL || text_is_clean(s, lf_ok))
		return;
	fz_fail("%s is not clean text (%s): \"%s\"", what,
	    text_problem(s) != NULL ? text_problem(s) : "a line break", shown(s, 200));
}

void
fz_no_control(const char *what, const char *s, bool lf_ok)
{
	if (s == NULL)
		return;
	for (const char *p = s; *p != '\0'; p++) {
		unsigned char c = (unsigned char)*p;

		if ((c < 0x20 && !(c == '\n' && lf_ok)) || c == 0x7f)
			fz_fail("%s holds control byte 0x%02x: \"%s\"", what, c,
			    shown(s, 200));
	}
}

void
fz_command(const char *what, const char *cmd)
{
	if (cmd == NULL)
		fz_fail("%s is NULL", what);
	fz_no_control(what, cmd, false);
}

/* Checks every key, string and number of j (see fz_json). */
static void
json_walk(const char *what, const cJSON *j, bool lf_ok)
{
	for (const cJSON *c = j; c != NULL; c = c->next) {
		if (c->string != NULL)
			fz_clean(what, c->string, false);
		if (cJSON_IsString(c))
			fz_clean(what, c->valuestring, lf_ok);
		else if (cJSON_IsNumber(c) && !isfinite(c->valuedouble))
			fz_fail("%s: member \"%s\" is not a finite number", what,
			    c->string != NULL ? c->string : "");
		if (c->child != NULL)
			json_walk(what, c->child, lf_ok);
	}
}

void
fz_json(const char *what, const cJSON *j, bool lf_ok)
{
	char *s, *s2;
	cJSON *back;

	if (j == NULL)
		fz_fail("%s: no JSON document", what);
	json_walk(what, j, lf_ok);
	s = cJSON_PrintUnformatted(j);
	if (s == NULL)
		fz_fail("%s: the document does not print", what);
	/* Printed, read back and printed again, it is the same text (a
	   comparison of the trees would trip over a name twice in an
	   object, which JSON allows). */
	back = cJSON_Parse(s);
	s2 = back != NULL ? cJSON_PrintUnformatted(back) : NULL;
	if (s2 == NULL || strcmp(s, s2) != 0)
		fz_fail("%s: the printed document does not read back as itself: %.300s",
		    what, s);
	cJSON_Delete(back);
	cJSON_free(s2);
	cJSON_free(s);
}

void
fz_json_text(const char *what, const char *text, bool lf_ok)
{
	const char *end = NULL;
	cJSON *j = cJSON_ParseWithOpts(text, &end, true);

	if (j == NULL)
		fz_fail("%s is not JSON (at byte %zu): %.300s", what,
		    end != NULL ? (size_t)(end - text) : 0, text);
	fz_json(what, j, lf_ok);
	cJSON_Delete(j);
}

/* ---- plans ---- */

static bool
streq(const char *a, const char *b)
{
	return (a == NULL && b == NULL) || (a != NULL && b != NULL && strcmp(a, b) == 0);
}

void
fz_plan(const struct plan *p, const char *secret)
{
	for (size_t i = 0; i < p->nsteps; i++) {
		const struct plan_step *s = &p->steps[i];

		if (s->command != NULL)
			fz_command("a step's command", s->command);
		fz_command("a step's display", s->display);
		if (s->undo != NULL)
			fz_command("a step's undo", s->undo);
		if (s->mode_arg != NULL)
			fz_command("a step's mode argument", s->mode_arg);
		if (s->undo_mode_arg != NULL)
			fz_command("a step's undo mode argument", s->undo_mode_arg);
		if (s->expect != NULL)
			fz_no_control("a step's expected text", s->expect, false);
		if (secret != NULL && (strstr(s->display, secret) != NULL ||
		    (s->undo != NULL && strstr(s->undo, secret) != NULL)))
			fz_fail("the secret shows in step %zu: \"%s\" / undo \"%s\"", i + 1,
			    s->display, s->undo != NULL ? s->undo : "");
	}
}

void
fz_plan_record(const struct plan *p)
{
	cJSON *j = plan_to_json(p, NULL, NULL);
	struct plan *back = NULL;
	size_t withheld = 0;
	char *cause = NULL;

	fz_json("a plan's record", j, false);
	if (plan_from_json(j, &back, &withheld, &cause) != 0)
		fz_fail("a plan's own record does not read back: %s", cause);
	if (back->nsteps != p->nsteps || withheld != 0)
		fz_fail("the record read back has %zu steps, not %zu", back->nsteps, p->nsteps);
	for (size_t i = 0; i < p->nsteps; i++) {
		const struct plan_step *a = &p->steps[i], *b = &back->steps[i];
		bool secret = strcmp(a->command, a->display) != 0;

		if ((secret ? b->command != NULL : !streq(a->command, b->command)) ||
		    !streq(a->display, b->display) || !streq(a->undo, b->undo) ||
		    a->mode != b->mode || !streq(a->mode_arg, b->mode_arg) ||
		    a->undo_mode != b->undo_mode || !streq(a->undo_mode_arg, b->undo_mode_arg) ||
		    a->confirm != b->confirm || a->undo_confirm != b->undo_confirm)
			fz_fail("step %zu read back differs: \"%s\" / \"%s\"", i + 1,
			    a->display, b->display);
	}
	plan_free(back);
	cJSON_Delete(j);
}

void
fz_templates(void)
{
	char exe[4096], *dir;
	ssize_t n;

	if (getenv("OLTUI_TEMPLATE_DIR") != NULL)
		return;
	if (getenv("OLTUI_TOP") != NULL) {
		dir = xasprintf("%s/drivers/templates", getenv("OLTUI_TOP"));
	} else {
		n = readlink("/proc/self/exe", exe, sizeof exe - 1);
		if (n <= 0)
			return;
		exe[n] = '\0';
		*strrchr(exe, '/') = '\0';
		dir = xasprintf("%s/../../drivers/templates", exe);
	}
	setenv("OLTUI_TEMPLATE_DIR", dir, 1);
	free(dir);
}

/* ---- a server on 127.0.0.1 ---- */

int
fz_server(int type, void *(*serve)(void *fd))
{
	struct sockaddr_in a = { .sin_family = AF_INET };
	socklen_t al = sizeof a;
	static int fds[8];
	static size_t nfds;
	pthread_t t;
	int fd, one = 1;

	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	fd = socket(AF_INET, type, 0);
	if (fd < 0 || nfds == nitems(fds))
		abort();
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
	if (bind(fd, (struct sockaddr *)&a, sizeof a) != 0 ||
	    (type == SOCK_STREAM && listen(fd, 16) != 0) ||
	    getsockname(fd, (struct sockaddr *)&a, &al) != 0)
		abort();
	fds[nfds] = fd;
	if (pthread_create(&t, NULL, serve, &fds[nfds++]) != 0)
		abort();
	pthread_detach(t);
	return ntohs(a.sin_port);
}

/* ---- a scripted device ---- */

struct fz_link {
	struct fz	*in;
	struct buf	 pending;	/* released, not yet read */
	size_t		 chunk;		/* most bytes per read */
	char		*prompt;	/* automatic answer; NULL = the parts */
	size_t		 written;
	const char	*eol;
};

/* Moves the next part to pending; false when none is left. */
static bool
link_release(struct fz_link *l)
{
	size_t n;
	char *s = fz_part(l->in, &n);

	if (s == NULL)
		return false;
	buf_add(&l->pending, s, n);
	free(s);
	return true;
}

/* Checks a write (one line, then Enter, or a pager answer) and answers. */
static int
link_write(struct transport *t, const void *buf, size_t len, char **cause)
{
	struct fz_link *l = t->priv;
	size_t el = strlen(l->eol), body = len;
	char *line;

	(void)cause;
	if (len >= el && memcmp((const char *)buf + len - el, l->eol, el) == 0)
		body = len - el;
	line = xstrndup(buf, body);
	if (strlen(line) != body)
		fz_fail("a NUL byte was written to the device");
	fz_command("a line written to the device", line);
	free(line);
	l->written += len;
	if (l->prompt != NULL) {
		buf_adds(&l->pending, "\r\n");
		buf_adds(&l->pending, l->prompt);
	} else {
		link_release(l);
	}
	return 0;
}

/* Hands out pending bytes; releases a part when there are none; hangs
   up when the parts are used up. */
static ssize_t
link_read(struct transport *t, void *buf, size_t cap, int timeout_ms, char **cause)
{
	struct fz_link *l = t->priv;
	size_t n;

	if (l->pending.len == 0) {
		if (timeout_ms <= 0 || l->prompt != NULL)
			return 0;
		if (!link_release(l)) {
			transport_closed_cause(t, NULL, cause);
			return -1;
		}
		if (l->pending.len == 0)
			return 0;
	}
	n = l->pending.len < cap ? l->pending.len : cap;
	if (n > l->chunk)
		n = l->chunk;
	memcpy(buf, l->pending.data, n);
	buf_consume(&l->pending, n);
	return (ssize_t)n;
}

static void
link_close(struct transport *t)
{
	struct fz_link *l = t->priv;

	buf_free(&l->pending);
	free(l->prompt);
	free(l);
	free(t->label);
	free(t);
}

static const struct transport_ops link_ops = {
	"fuzz", link_write, link_read, link_close,
};

struct transport *
fz_link_open(struct fz *in, const char *eol, bool inband, size_t chunk,
    struct fz_link **out)
{
	struct fz_link *l = xcalloc(1, sizeof *l);
	struct transport *t;

	l->in = in;
	l->chunk = chunk > 0 ? chunk : 1;
	l->eol = eol;
	t = transport_new(&link_ops, l, "fuzz-olt", "127.0.0.1", 22);
	t->eol = eol;
	t->inband_login = inband;
	*out = l;
	return t;
}

void
fz_link_prompt(struct fz_link *l, const char *prompt)
{
	free(l->prompt);
	l->prompt = prompt != NULL ? xstrdup(prompt) : NULL;
	buf_reset(&l->pending);
	if (prompt != NULL) {
		buf_adds(&l->pending, "\r\n");
		buf_adds(&l->pending, prompt);
	}
}

size_t
fz_link_written(const struct fz_link *l)
{
	return l->written;
}
