/*
 * cli.c — the CLI engine (see cli.h for the contract).
 *
 * How a command is run: check it (no control characters), drain whatever
 * the device said while idle, write it with the link's Enter, then read
 * until the prompt.  After every chunk only the "tail" is examined: the raw
 * bytes after the last newline or after our last answer, rendered like a
 * terminal (tc_strip_terminal).  A pager marker there is answered with a
 * space, a question with its answer, and a line that is a prompt of this
 * vendor with the host name seen at login ends the command.  Matching the
 * prompt, never the echo, is what survives Huawei's wrapped echo of long
 * commands.  The collected bytes are then cleaned (cli_clean_output): render,
 * drop the echo (matched ignoring white space and line breaks), drop the
 * final prompt, drop the dialect's pager/question/alarm debris
 * (tc_strip_debris), trim blank lines.  The clean text is checked line by line against the vendor's
 * error table; "Failure:" messages that wrap onto the next lines are joined.
 *
 * Files: this one has the session, the read loop, login and cli_run;
 * cli_output.c the cleaning and error finding; cli_mode.c modes, keepalive
 * and logout; cli_impl.h what they share.
 *
 * Invariants: c->mode is always the mode of the last prompt seen; a session
 * whose command timed out or whose link closed is marked broken and never
 * used again.  Regexes are compiled per session (cheap, and no sharing
 * between threads).
 */
#include "drivers/cli_impl.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "drivers/textclean.h"
#include "lib/util.h"

/* Returns a printable copy of s (control characters as \xNN). */
static char *
printable(const char *s)
{
	struct buf b = { 0 };

	for (; *s != '\0'; s++) {
		unsigned char ch = (unsigned char)*s;
		if (ch < 0x20 || ch == 0x7f)
			buf_addf(&b, "\\x%02x", ch);
		else
			buf_addc(&b, (char)ch);
	}
	return b.data != NULL ? buf_take(&b) : xstrdup("");
}

/* Overwrites every copy of secret in s[0..len) with '*' (a device that
   echoes the password must not put it into the audit trail, a log or a
   message). */
static void
redact(char *s, size_t len, const char *secret)
{
	size_t n = secret != NULL ? strlen(secret) : 0;

	if (n == 0 || s == NULL)
		return;
	for (size_t i = 0; i + n <= len; i++)
		if (memcmp(s + i, secret, n) == 0) {
			memset(s + i, '*', n);
			i += n - 1;
		}
}

/* Masks the session's password in what a failed call left in err (a
   device that echoed it, then failed).  Returns -1. */
static int
masked(const struct cli *c, struct err *err)
{
	redact(err->message, err->message != NULL ? strlen(err->message) : 0, c->password);
	redact(err->device_text, err->device_text != NULL ? strlen(err->device_text) : 0,
	    c->password);
	return -1;
}

/* Creates a session (see cli.h). */
struct cli *
cli_new(struct transport *t, const struct cli_dialect *v, const struct cli_options *o)
{
	struct cli *c;
	size_t i;

	c = xcalloc(1, sizeof *c);
	c->t = t;
	c->v = v;
	if (o != NULL)
		c->o = *o;
	if (c->o.login_timeout_ms <= 0)
		c->o.login_timeout_ms = 20000;
	if (c->o.command_timeout_ms <= 0)
		c->o.command_timeout_ms = 30000;
	if (c->o.busy_retries == 0)
		c->o.busy_retries = 3;
	if (c->o.busy_backoff_ms <= 0)
		c->o.busy_backoff_ms = 1000;
	c->rng = (unsigned)mono_ms() ^ (unsigned)(uintptr_t)c;
	cli_dialect_compile(&c->user_re, v->user_prompt, REG_ICASE | REG_NOSUB);
	cli_dialect_compile(&c->pass_re, v->password_prompt, REG_ICASE | REG_NOSUB);
	cli_dialect_compile(&c->pager_re, v->pager, REG_NOSUB);
	for (i = 0; v->login_errors[i] != NULL && i < CLI_MAX_PATTERNS; i++)
		cli_dialect_compile(&c->login_err[i], v->login_errors[i], REG_NOSUB);
	c->nlogin_err = i;
	for (i = 0; v->login_questions[i].re != NULL && i < CLI_MAX_PATTERNS; i++)
		cli_dialect_compile(&c->login_q[i], v->login_questions[i].re, REG_NOSUB);
	c->nlogin_q = i;
	for (i = 0; v->modes[i].prompt != NULL && i < CLI_MAX_PATTERNS; i++)
		cli_dialect_compile(&c->mode_re[i], v->modes[i].prompt, 0);
	c->nmodes = i;
	for (i = 0; v->questions[i].re != NULL && i < CLI_MAX_PATTERNS; i++)
		cli_dialect_compile(&c->q_re[i], v->questions[i].re, REG_NOSUB);
	c->nq = i;
	for (i = 0; v->errors[i].re != NULL && i < CLI_MAX_PATTERNS; i++)
		cli_dialect_compile(&c->err_re[i], v->errors[i].re, REG_NOSUB);
	c->nerr = i;
	return c;
}

/* Frees the regexes and the session; closes the transport. */
void
cli_close(struct cli *c)
{
	size_t i;

	if (c == NULL)
		return;
	transport_close(c->t);
	regfree(&c->user_re);
	regfree(&c->pass_re);
	regfree(&c->pager_re);
	for (i = 0; i < c->nlogin_err; i++)
		regfree(&c->login_err[i]);
	for (i = 0; i < c->nlogin_q; i++)
		regfree(&c->login_q[i]);
	for (i = 0; i < c->nmodes; i++)
		regfree(&c->mode_re[i]);
	for (i = 0; i < c->nq; i++)
		regfree(&c->q_re[i]);
	for (i = 0; i < c->nerr; i++)
		regfree(&c->err_re[i]);
	free(c->mode_arg);
	if (c->password != NULL) {
		explicit_bzero(c->password, strlen(c->password));
		free(c->password);
	}
	free(c);
}

/* Logs out when the session is healthy, then closes. */
void
cli_free(struct cli *c)
{
	struct err e = { 0 };

	if (c == NULL)
		return;
	if (!c->broken && c->host[0] != '\0')
		cli_logout(c, &e);
	err_clear(&e);
	cli_close(c);
}

void
cli_set_transcript(struct cli *c, cli_transcript_fn fn, void *arg)
{
	c->fn = fn;
	c->fn_arg = arg;
}

enum cli_mode cli_current_mode(const struct cli *c) { return c->mode; }
const char *cli_hostname(const struct cli *c) { return c->host; }
bool cli_broken(const struct cli *c) { return c->broken; }
const char *cli_label(const struct cli *c) { return c->t->label; }
const struct cli_dialect *cli_dialect(const struct cli *c) { return c->v; }
struct transport *cli_transport(const struct cli *c) { return c->t; }

/* Fills err (replacing what was there). */
void
cli_set_error(struct err *err, enum err_kind kind, const char *cmd,
    const char *device_text, const char *fmt, ...)
{
	va_list ap;

	err_clear(err);
	err->kind = kind;
	err->command = cmd != NULL ? printable(cmd) : NULL;
	err->device_text = device_text != NULL ? xstrdup(device_text) : NULL;
	va_start(ap, fmt);
	err->message = xvasprintf(fmt, ap);
	va_end(ap);
}

/* Writes s followed by Enter when eol. */
static int
send_line(struct cli *c, const char *s, bool eol, char **cause)
{
	char *line = xasprintf("%s%s", s, eol ? c->t->eol : "");
	int rc;

	rc = transport_write(c->t, line, strlen(line), cause);
	free(line);
	return rc;
}

/* Returns the last line of the rendered tail of raw (caller frees). */
static char *
render_tail(const struct buf *raw, size_t from)
{
	size_t start = from, i;
	char *r, *nl, *last;

	for (i = raw->len; i > from; i--) {
		if (raw->data[i - 1] == '\n') {
			start = i;
			break;
		}
	}
	r = tc_strip_terminal(raw->data + start, raw->len - start);
	/* Drop trailing empty lines the renderer may add, keep the last one. */
	while (*r != '\0' && r[strlen(r) - 1] == '\n')
		r[strlen(r) - 1] = '\0';
	nl = strrchr(r, '\n');
	last = xstrdup(nl != NULL ? nl + 1 : r);
	free(r);
	return last;
}

/* Answers a question from the vendor table; 1 answered, 0 none, -1 error. */
static int
answer_question(struct cli *c, struct xch *x, const char *line,
    const struct dialect_question *qs, regex_t *res, size_t n, char **cause)
{
	const struct dialect_question *q;
	const char *ans;
	size_t i;

	for (i = 0; i < n; i++) {
		if (regexec(&res[i], line, 0, NULL, 0) != 0)
			continue;
		q = &qs[i];
		switch (q->kind) {
		case DQ_ENTER:
			ans = "";
			break;
		case DQ_TEXT:
			ans = q->yes;
			break;
		case DQ_LOGOUT:
			ans = x->ph == PH_LOGOUT ? q->yes : q->no;
			break;
		case DQ_CONFIRM:
		default:
			ans = x->confirm ? q->yes : q->no;
			break;
		}
		if (q->kind == DQ_CONFIRM || q->kind == DQ_LOGOUT) {
			if (ans == q->no && x->declined == NULL) {
				x->declined = xstrdup(line);
				str_trim(x->declined);
			}
		}
		return send_line(c, ans, true, cause) == 0 ? 1 : -1;
	}
	return 0;
}

/* Checks the text since our last answer for a login error; returns it. */
static char *
find_login_error(struct cli *c, const struct buf *raw, size_t from)
{
	char *seg, **lines, *found = NULL;
	size_t n, i, k;

	seg = tc_strip_terminal(raw->data + from, raw->len - from);
	n = str_split_lines(seg, &lines);
	for (i = 0; i < n && found == NULL; i++) {
		for (k = 0; k < c->nlogin_err; k++) {
			if (regexec(&c->login_err[k], lines[i], 0, NULL, 0) == 0) {
				found = xstrdup(str_trim(lines[i]));
				break;
			}
		}
	}
	strv_free(lines, n);
	free(seg);
	return found;
}

/* How long output may stay quiet after a line that looks like this
   device's prompt with bytes changed before the exchange gives up: a
   prompt garbled on the wire would otherwise wait the whole command
   timeout (30 s) for a prompt that already came. */
#define GARBLED_PROMPT_GRACE_MS	2000

/* True when the last line of tail (not ended by a newline: the device
   waits) looks like the session's prompt with some bytes changed: as long
   as the host name the session saw (and up to 24 characters of mode),
   three quarters of the host name's characters in place, and either one
   of them changed or the line ending as a prompt does.  The prompt
   pattern has already failed to match it. */
static bool
garbled_prompt(const struct cli *c, const char *tail)
{
	const char *l = strrchr(tail, '\n');
	size_t hl = strlen(c->host), ll, same = 0;

	l = l != NULL ? l + 1 : tail;
	ll = strlen(l);
	while (ll > 0 && l[ll - 1] == ' ')
		ll--;
	if (hl < 3 || ll < hl || ll > hl + 24)
		return false;
	for (size_t i = 0; i < hl; i++)
		if (l[i] == c->host[i])
			same++;
	/* A command's echo split by a read starts with the host intact and
	   does not end like a prompt: only a changed host name or a prompt's
	   last character make the line a garbled prompt. */
	return same * 4 >= hl * 3 && (same < hl || l[ll - 1] == '#' || l[ll - 1] == '>');
}

/* Sends (when send is not NULL) and reads until a prompt.  0, or -1 with
   *err.  raw receives everything read. */
static int
exchange(struct cli *c, struct xch *x, const char *send, const char *display,
    int timeout_ms, struct buf *raw, struct err *err)
{
	int64_t deadline = mono_ms() + timeout_ms, garbled_at = 0;
	char chunk[16384], host[128], *cause = NULL, *line, *lerr;
	enum cli_mode m;
	ssize_t n;
	int left, rc;

	if (send != NULL && send_line(c, send, true, &cause) != 0)
		goto closed;
	for (;;) {
		left = (int)(deadline - mono_ms());
		if (left <= 0) {
			line = render_tail(raw, 0);
			c->broken = true;
			cli_set_error(err, ERR_TIMEOUT, display, line,
			    "no prompt from %s within %d ms after \"%s\" (last "
			    "output: \"%s\")", c->t->label, timeout_ms,
			    display != NULL ? display : "login", line);
			free(line);
			return -1;
		}
		if (garbled_at > 0) {
			int64_t quiet = mono_ms() - garbled_at;

			if (quiet >= GARBLED_PROMPT_GRACE_MS) {
				line = render_tail(raw, x->answered_at);
				c->broken = true;
				cli_set_error(err, ERR_CLOSED, display, line,
				    "%s answered \"%s\" with a prompt that does not "
				    "read as its own (garbled on the way?): the "
				    "session is dropped (last output: \"%s\")",
				    c->t->label, display != NULL ? display : "login", line);
				free(line);
				return -1;
			}
			if (left > GARBLED_PROMPT_GRACE_MS - (int)quiet)
				left = GARBLED_PROMPT_GRACE_MS - (int)quiet;
		}
		n = transport_read(c->t, chunk, sizeof chunk, left, &cause);
		if (n < 0)
			goto closed;
		if (n == 0)
			continue;
		garbled_at = 0;
		buf_add(raw, chunk, (size_t)n);
		if (x->ph == PH_LOGIN &&
		    (lerr = find_login_error(c, raw, x->answered_at)) != NULL) {
			cli_set_error(err, ERR_AUTH, NULL, lerr, "login to %s%s%s "
			    "refused: %s", c->t->label, x->user ? " as " : "",
			    x->user ? x->user : "", lerr);
			free(lerr);
			return -1;
		}
		line = render_tail(raw, x->answered_at);
		if (regexec(&c->pager_re, line, 0, NULL, 0) == 0) {
			free(line);
			if (send_line(c, c->v->pager_answer, false, &cause) != 0)
				goto closed;
			x->answered++;
			x->answered_at = raw->len;
			continue;
		}
		if (x->ph == PH_LOGIN) {
			rc = answer_question(c, x, line, c->v->login_questions,
			    c->login_q, c->nlogin_q, &cause);
			if (rc != 0) {
				free(line);
				if (rc < 0)
					goto closed;
				x->answered++;
				x->answered_at = raw->len;
				continue;
			}
			if (regexec(&c->user_re, line, 0, NULL, 0) == 0 ||
			    regexec(&c->pass_re, line, 0, NULL, 0) == 0) {
				bool is_user = regexec(&c->user_re, line, 0, NULL, 0) == 0;
				const char *what = is_user ? x->user : x->password;

				if (x->sent_password || (is_user && x->sent_user) ||
				    (!is_user && x->sent_password)) {
					cli_set_error(err, ERR_AUTH, NULL, line,
					    "login to %s%s%s refused: the device "
					    "asked again (\"%s\")", c->t->label,
					    x->user ? " as " : "", x->user ? x->user : "",
					    line);
					free(line);
					return -1;
				}
				if (what == NULL) {
					cli_set_error(err, ERR_AUTH, NULL, line,
					    "%s asks for a %s (\"%s\") and none "
					    "is configured", c->t->label,
					    is_user ? "user name" : "password", line);
					free(line);
					return -1;
				}
				free(line);
				if (str_has_control(what)) {
					cli_set_error(err, ERR_REFUSED, NULL, NULL,
					    "the %s for %s contains a control "
					    "character; refusing to send it",
					    is_user ? "user name" : "password",
					    c->t->label);
					return -1;
				}
				if (send_line(c, what, true, &cause) != 0)
					goto closed;
				if (is_user)
					x->sent_user = true;
				else
					x->sent_password = true;
				x->answered++;
				x->answered_at = raw->len;
				continue;
			}
		}
		if (x->ph != PH_LOGIN &&
		    regexec(&c->pass_re, line, 0, NULL, 0) == 0) {
			/* A password we were not asked to give (ZTE `enable`
			   with an enable secret): answer empty, fail the step. */
			if (x->declined == NULL) {
				x->declined = xstrdup(str_trim(line));
				x->declined_password = true;
			}
			free(line);
			if (send_line(c, "", true, &cause) != 0)
				goto closed;
			x->answered++;
			x->answered_at = raw->len;
			continue;
		}
		rc = answer_question(c, x, line, c->v->questions, c->q_re, c->nq,
		    &cause);
		if (rc != 0) {
			free(line);
			if (rc < 0)
				goto closed;
			x->answered++;
			x->answered_at = raw->len;
			continue;
		}
		m = cli_match_prompt(c, line, host, sizeof host);
		if (m == CLI_MODE_UNKNOWN && x->ph != PH_LOGIN && garbled_prompt(c, line))
			garbled_at = mono_ms();
		free(line);
		if (m != CLI_MODE_UNKNOWN) {
			if (c->host[0] == '\0')
				strlcpy_(c->host, host, sizeof c->host);
			if (m != c->mode) {
				free(c->mode_arg);
				c->mode_arg = NULL;
			}
			c->mode = m;
			return 0;
		}
	}

closed:
	c->broken = true;
	if (x->ph == PH_LOGOUT) {
		free(cause);
		return 0;
	}
	cli_set_error(err, ERR_CLOSED, display, NULL, "%s%s%s%s", cause,
	    display != NULL ? " while running \"" : "",
	    display != NULL ? display : "", display != NULL ? "\"" : "");
	free(cause);
	return -1;
}

/* Drops what the device said while we were idle; -1 if the link closed. */
static int
drain(struct cli *c, struct err *err)
{
	char chunk[4096], *cause = NULL;
	ssize_t n;
	int i;

	for (i = 0; i < 64; i++) {
		n = transport_read(c->t, chunk, sizeof chunk, 0, &cause);
		if (n == 0)
			return 0;
		if (n < 0) {
			c->broken = true;
			cli_set_error(err, ERR_CLOSED, NULL, NULL, "%s", cause);
			free(cause);
			return -1;
		}
	}
	return 0;
}

/* Reports one exchange to the transcript callback. */
static void
report(struct cli *c, const char *display, const struct buf *raw,
    const char *clean, int64_t ms, int attempt, int answered,
    enum err_kind outcome)
{
	struct cli_exchange x;

	if (c->fn == NULL)
		return;
	x.command = display;
	x.raw = buf_str(raw);
	x.raw_len = raw->len;
	x.clean = clean != NULL ? clean : "";
	x.ms = ms;
	x.attempt = attempt;
	x.answered = answered;
	x.outcome = outcome;
	c->fn(c->fn_arg, &x);
}

/* Runs cmd once; -1 with *err; *clean set in both cases when possible. */
int
cli_run_once(struct cli *c, const char *cmd, const struct cli_run_opts *o,
    enum phase ph, int attempt, char **clean, struct err *err)
{
	struct xch x = { .ph = ph, .confirm = o != NULL && o->confirm };
	struct buf raw = { 0 };
	int timeout = o != NULL && o->timeout_ms > 0 ? o->timeout_ms :
	    c->o.command_timeout_ms;
	enum err_kind kind;
	char *text = NULL;
	int64_t t0 = mono_ms();
	int rc;

	*clean = NULL;
	rc = exchange(c, &x, cmd, cmd, timeout, &raw, err);
	redact(raw.data, raw.len, c->password);
	if (rc != 0)
		masked(c, err);
	if (rc == 0 && ph == PH_LOGOUT) {
		report(c, cmd, &raw, "", mono_ms() - t0, attempt, x.answered,
		    ERR_NONE);
		goto out;
	}
	*clean = cli_clean_output(c, cmd, buf_str(&raw), raw.len);
	if (rc == 0) {
		kind = cli_find_error(c, *clean, &text);
		if (kind == ERR_EMPTY) {
			free(*clean);
			*clean = xstrdup("");
		} else if (kind == ERR_SYNTAX) {
			cli_set_error(err, kind, cmd, text, "%s did not accept "
			    "\"%s\": %s", c->t->label, cmd, text);
			rc = -1;
		} else if (kind == ERR_FAILURE || kind == ERR_BUSY) {
			cli_set_error(err, kind, cmd, text, "%s refused \"%s\": %s",
			    c->t->label, cmd, text);
			rc = -1;
		} else if (x.declined != NULL) {
			cli_set_error(err, ERR_FAILURE, cmd, x.declined,
			    "%s asked \"%s\" after \"%s\", which this step "
			    "did not expect; %s", c->t->label, x.declined, cmd,
			    x.declined_password ? "oltui sends no passwords "
			    "outside the login, so it answered with an empty line" :
			    "answered no");
			rc = -1;
		}
		free(text);
		if (rc != 0)
			masked(c, err);
	}
	report(c, cmd, &raw, *clean, mono_ms() - t0, attempt, x.answered,
	    rc == 0 ? ERR_NONE : err->kind);
out:
	free(x.declined);
	buf_free(&raw);
	return rc;
}

/* Says the session can no longer be used (see cli_impl.h). */
int
cli_refuse_broken(struct cli *c, const char *cmd, struct err *err)
{
	cli_set_error(err, ERR_CLOSED, cmd, NULL, "the session with %s is no longer "
	    "usable (an earlier command timed out or the link closed)", c->t->label);
	return -1;
}

/* Runs one command (see cli.h). */
int
cli_run(struct cli *c, const char *cmd, const struct cli_run_opts *o,
    char **out, struct err *err)
{
	char *clean = NULL, *shown;
	int attempt, rc = -1, retries, delay;

	if (out != NULL)
		*out = NULL;
	if (c->broken)
		return cli_refuse_broken(c, cmd, err);
	if (str_has_control(cmd)) {
		shown = printable(cmd);
		cli_set_error(err, ERR_REFUSED, cmd, NULL, "refused to send "
		    "\"%s\" to %s: it contains a control character (CR, LF, "
		    "...); a command is exactly one line", shown, c->t->label);
		free(shown);
		return -1;
	}
	if (drain(c, err) != 0)
		return -1;
	retries = (o != NULL && o->no_retry) || c->o.busy_retries < 0 ? 0 :
	    c->o.busy_retries;
	for (attempt = 1; attempt <= retries + 1; attempt++) {
		free(clean);
		rc = cli_run_once(c, cmd, o, PH_COMMAND, attempt, &clean, err);
		if (rc == 0 || err->kind != ERR_BUSY || attempt > retries)
			break;
		c->rng = c->rng * 1103515245u + 12345u;
		delay = c->o.busy_backoff_ms << (attempt - 1);
		delay += (int)((c->rng >> 8) % (unsigned)(delay / 2 + 1));
		sleep_ms(delay);
	}
	if (rc == 0)
		err_clear(err);	/* an earlier busy attempt's error */
	if (rc != 0 && err->kind == ERR_BUSY && attempt > 1) {
		char *m = xasprintf("%s (still busy after %d tries)",
		    err->message, attempt);
		free(err->message);
		err->message = m;
	}
	if (out != NULL)
		*out = clean;
	else
		free(clean);
	return rc;
}

/* Runs a command whose output does not matter; errors from the device are
   tolerated when tolerate is set, link errors never. */
static int
run_quiet(struct cli *c, const char *cmd, bool tolerate, struct err *err)
{
	struct cli_run_opts o = { .no_retry = tolerate };
	int rc;

	rc = cli_run(c, cmd, &o, NULL, err);
	if (rc != 0 && tolerate && err->kind != ERR_TIMEOUT &&
	    err->kind != ERR_CLOSED) {
		err_clear(err);
		return 0;
	}
	return rc;
}

/* Logs in and prepares the session (see cli.h). */
int
cli_login(struct cli *c, const char *user, const char *password,
    struct err *err)
{
	struct xch x = { .ph = PH_LOGIN, .user = user, .password = password };
	struct buf raw = { 0 };
	int64_t t0 = mono_ms();
	size_t i;
	int rc;

	if (password != NULL && *password != '\0' && c->password == NULL)
		c->password = xstrdup(password);
	rc = exchange(c, &x, NULL, NULL, c->o.login_timeout_ms, &raw, err);
	redact(raw.data, raw.len, c->password);
	report(c, "<login>", &raw, "", mono_ms() - t0, 1, x.answered,
	    rc == 0 ? ERR_NONE : err->kind);
	buf_free(&raw);
	free(x.declined);
	if (rc != 0) {
		if (err->kind == ERR_TIMEOUT || err->kind == ERR_AUTH)
			c->broken = true;
		return masked(c, err);
	}
	if (c->mode == CLI_MODE_USER && c->v->enable != NULL &&
	    run_quiet(c, c->v->enable, true, err) != 0)
		return masked(c, err);
	for (i = 0; c->v->setup[i] != NULL; i++) {
		if (run_quiet(c, c->v->setup[i], true, err) != 0)
			return masked(c, err);
	}
	return 0;
}
