/*
 * huawei.c — the Huawei MA5800-X7 persona: the session half.
 *
 * Turns what a client types into what an MA5800 answers, following
 * /work/shared/reference/huawei-cli.md: the telnet login dialogue or the SSH
 * banner, the prompts of the four modes (user `>`, privileged `#`, `(config)#`,
 * `(config-if-gpon-F/S)#`), `quit`/`return`, the `{ <cr>|... }:` smart
 * questions with their `Command:` echo, y/n confirmations, the pager with its
 * ESC[37D erase, the caret error lines, session commands (undo smart, scroll,
 * idle-timeout, ...); the login dialogue, alarm blocks and command outputs
 * live in the other huawei_*.c files (see huawei_priv.h for the split).
 *
 * Invariants: one session per connection, driven from one thread by the
 * server (input, tick, done, close); the OLT's lock is taken only around
 * state reads and writes, never while sleeping.  olt->sessions counts the
 * sessions this persona logged in (SSH ones included), released in close().
 *
 * Line ends: "\r\n" on the wire as the device sends them; when the persona
 * does not echo (--stdio behind a real pty, which also turns "\n" into
 * "\r\n") it writes "\n" so the client does not see "\r\r\n".
 */
#include "tests/lab/huawei_priv.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

static const char more_marker[] = "---- More ( Press 'Q' to break ) ----";
/* After a key at the pager the device moves back over the marker, blanks
   it and moves back again (huawei-cli.md 2.1, VERBATIM). */
static const char more_erase[] =
    "\x1b[37D                                     \x1b[37D";

/* Default idle timeout of a SmartAX session: 5 minutes (netmiko #609). */
#define HW_IDLE_DEFAULT	5
/* How long a reset ONT stays down in the lab. */
#define HW_RESET_MS	3000

void
hw_time(int64_t t, bool tz, char out[40])
{
	time_t tt = (time_t)t;
	struct tm tm;

	char tmp[96];

	gmtime_r(&tt, &tm);
	snprintf(tmp, sizeof tmp, "%04d-%02d-%02d %02d:%02d:%02d%s", tm.tm_year + 1900,
	    tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
	    tz ? "+00:00" : "");
	strlcpy_(out, tmp, 40);
}

/* Appends text to out with each "\n" turned into the session's line end. */
void
hw_emit(struct cli_session *s, struct buf *out, const char *text, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		if (text[i] == '\n')
			buf_adds(out, s->nl);
		else
			buf_addc(out, text[i]);
	}
}

void
hw_emits(struct cli_session *s, struct buf *out, const char *text)
{
	hw_emit(s, out, text, strlen(text));
}

/* Writes the prompt of the current mode. */
void
hw_prompt(struct cli_session *s, struct buf *out)
{
	switch (s->mode) {
	case HW_USER:
		buf_addf(out, "%s%s>", s->nl, s->olt->sysname);
		break;
	case HW_PRIV:
		buf_addf(out, "%s%s#", s->nl, s->olt->sysname);
		break;
	case HW_CONFIG:
		buf_addf(out, "%s%s(config)#", s->nl, s->olt->sysname);
		break;
	case HW_IF:
		buf_addf(out, "%s%s(config-if-gpon-%d/%d)#", s->nl, s->olt->sysname,
		    s->if_frame, s->if_slot);
		break;
	}
}

/* Length of the prompt text (for the caret column). */
static int
prompt_len(const struct cli_session *s)
{
	int n = (int)strlen(s->olt->sysname) + 1;

	if (s->mode == HW_CONFIG)
		n += (int)strlen("(config)");
	else if (s->mode == HW_IF) {
		char tmp[40];
		n += snprintf(tmp, sizeof tmp, "(config-if-gpon-%d/%d)", s->if_frame,
		    s->if_slot);
	}
	return n;
}

/* Starts a session. */
static struct cli_session *
hw_open(struct sim_olt *olt, const struct persona_opts *o, struct buf *out)
{
	struct cli_session *s = xcalloc(1, sizeof *s);

	s->olt = olt;
	s->echo = o->echo;
	s->nl = o->echo ? "\r\n" : "\n";
	s->rows = o->rows;
	s->peer = xstrdup(o->peer != NULL ? o->peer : "127.0.0.1");
	s->ssh = o->authenticated;
	s->mode = HW_USER;
	s->smart = true;
	s->interactive = true;
	s->alarm = true;
	s->idle_min = HW_IDLE_DEFAULT;
	s->last_input_ms = mono_ms();
	olt_lock(olt);
	s->last_seq = olt->event_seq;
	if (o->authenticated) {
		olt->sessions++;	/* the transport checked the limit */
		olt->logins++;
		s->counted = true;
	}
	olt_unlock(olt);
	if (o->authenticated) {
		hw_banner(s, out);
		s->wait = HW_W_CMD;
		hw_prompt(s, out);
	} else {
		s->wait = HW_W_USER;
		hw_emits(s, out, "\n>>User name:");
	}
	return s;
}

bool
hw_kw(const struct hw_cmd *c, int i, const char *kw)
{
	size_t n;

	if (i >= c->n || c->t[i].quoted)
		return false;
	n = strlen(c->t[i].s);
	if (n == 0 || n > strlen(kw))
		return false;
	if (str_casecmp(c->t[i].s, kw) == 0)
		return true;
	return n >= 3 && strncasecmp(c->t[i].s, kw, n) == 0;
}

/* Writes the caret line under column col of the typed line and msg. */
static void
caret(struct hw_cmd *c, int col, const char *msg)
{
	int at = prompt_len(c->s) + col;

	for (int i = 0; i < at; i++)
		buf_addc(c->o, ' ');
	buf_addf(c->o, "^\n  %% %s, the error locates at '^'\n", msg);
}

/* Column of token i, or the end of the line. */
static int
tok_col(const struct hw_cmd *c, int i)
{
	if (i < c->n)
		return c->t[i].col;
	return (int)strlen(c->line);
}

void
hw_unknown(struct hw_cmd *c, int i)
{
	caret(c, tok_col(c, i), "Unknown command");
}

void
hw_param(struct hw_cmd *c, int i)
{
	caret(c, tok_col(c, i), "Parameter error");
}

void
hw_incomplete(struct hw_cmd *c)
{
	/* RECONSTRUCTED: the SmartAX wording for a command cut short. */
	caret(c, (int)strlen(c->line), "Incomplete command");
}

bool
hw_num(struct hw_cmd *c, int i, long lo, long hi, long *v)
{
	if (i >= c->n) {
		hw_incomplete(c);
		return false;
	}
	if (parse_long(c->t[i].s, lo, hi, v) < 0) {
		hw_param(c, i);
		return false;
	}
	return true;
}

bool
hw_fsp(struct hw_cmd *c, int i, int *f, int *sl, int *p)
{
	long a, b, d;
	char tail[8];
	int n;

	if (i >= c->n) {
		hw_incomplete(c);
		return false;
	}
	if (p != NULL)
		n = sscanf(c->t[i].s, "%ld/%ld/%ld%1s", &a, &b, &d, tail);
	else
		n = sscanf(c->t[i].s, "%ld/%ld%1s", &a, &b, tail);
	if (n != (p != NULL ? 3 : 2) || a < 0 || a > 7 || b < 0 || b > 31 ||
	    (p != NULL && (d < 0 || d > 63))) {
		hw_param(c, i);
		return false;
	}
	*f = (int)a;
	*sl = (int)b;
	if (p != NULL)
		*p = (int)d;
	return true;
}

bool
hw_smart(struct hw_cmd *c, const char *brace)
{
	struct cli_session *s = c->s;

	if (!s->smart || (c->flags & HW_SMART_DONE))
		return false;
	buf_adds(c->o, brace);
	free(s->pending);
	s->pending = xstrdup(c->line);
	s->pending_flags = c->flags;
	s->wait = HW_W_SMART;
	return true;
}

bool
hw_confirm(struct hw_cmd *c, const char *question)
{
	struct cli_session *s = c->s;

	if (!s->interactive || (c->flags & HW_CONFIRMED))
		return false;
	buf_adds(c->o, question);
	free(s->pending);
	s->pending = xstrdup(c->line);
	s->pending_flags = c->flags;
	s->confirm = HW_CF_COMMAND;
	s->wait = HW_W_CONFIRM;
	return true;
}

bool
hw_busy(struct hw_cmd *c)
{
	if (!c->s->olt->fault.busy)
		return false;
	buf_adds(c->o, "  Failure: System is busy, please retry after a while\n");
	return true;
}

void
hw_note_reset(struct cli_session *s, int pon, int ont_id)
{
	if (s->nresets == (int)nitems(s->resets))
		return;
	s->resets[s->nresets].pon = pon;
	s->resets[s->nresets].ont_id = ont_id;
	s->resets[s->nresets].at_ms = mono_ms() + HW_RESET_MS;
	s->nresets++;
}

/* Splits line into tokens (a "quoted string" is one token); false when
   there are too many. */
static bool
tokenize(struct hw_cmd *c, char *work)
{
	char *p = work;

	c->n = 0;
	for (;;) {
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p == '\0')
			return true;
		if (c->n == HW_MAXTOK)
			return false;
		c->t[c->n].col = (int)(p - work);
		if (*p == '"') {
			char *end = strchr(p + 1, '"');
			c->t[c->n].quoted = true;
			c->t[c->n].s = p + 1;
			if (end == NULL)
				p += strlen(p);
			else {
				*end = '\0';
				p = end + 1;
			}
		} else {
			c->t[c->n].quoted = false;
			c->t[c->n].s = p;
			while (*p != '\0' && *p != ' ' && *p != '\t')
				p++;
			if (*p != '\0')
				*p++ = '\0';
		}
		c->n++;
	}
}

/* Starts the logout dialogue of `quit` at the user / privileged level. */
static void
logout(struct hw_cmd *c)
{
	struct cli_session *s = c->s;
	bool dirty;

	olt_lock(s->olt);
	dirty = s->olt->dirty;
	olt_unlock(s->olt);
	/* MA5800 V100R019+ prints the reminder and the question on one line
	   (netmiko PR #3685 log); MMI mode and undo interactive skip both. */
	if (s->interactive && !s->mmi && !(c->flags & HW_CONFIRMED)) {
		if (dirty)
			buf_adds(c->o, "  Check whether system data has been changed. "
			    "Please save data before logout. ");
		else
			buf_adds(c->o, "  ");
		buf_adds(c->o, "Are you sure to log out? (y/n)[n]:");
		free(s->pending);
		s->pending = xstrdup(c->line);
		s->pending_flags = c->flags;
		s->confirm = HW_CF_LOGOUT;
		s->wait = HW_W_CONFIRM;
		return;
	}
	buf_adds(c->o, "\n  Configuration console exit, please retry to log on\n");
	s->wait = HW_W_DONE;
}

/* Session commands valid in every mode; true when token 0 was one. */
static bool
session_cmd(struct hw_cmd *c)
{
	struct cli_session *s = c->s;
	long v;

	if (hw_kw(c, 0, "undo") && c->n >= 2) {
		if (hw_kw(c, 1, "smart") && c->n == 2) {
			s->smart = false;
			return true;
		}
		if (hw_kw(c, 1, "interactive") && c->n == 2) {
			s->interactive = false;
			return true;
		}
		if (hw_kw(c, 1, "idle-timeout") && c->n == 2) {
			s->idle_min = 0;
			return true;
		}
		if (hw_kw(c, 1, "alarm") && hw_kw(c, 2, "output") && hw_kw(c, 3, "all") &&
		    c->n == 4) {
			s->alarm = false;
			return true;
		}
		return false;
	}
	if (hw_kw(c, 0, "smart") && c->n == 1) {
		s->smart = true;
		return true;
	}
	if (hw_kw(c, 0, "interactive") && c->n == 1) {
		s->interactive = true;
		return true;
	}
	if (hw_kw(c, 0, "alarm") && hw_kw(c, 1, "output") && hw_kw(c, 2, "all") &&
	    c->n == 3) {
		s->alarm = true;
		return true;
	}
	if (hw_kw(c, 0, "scroll")) {
		/* `scroll` alone: oxidized and netmiko use it to turn paging
		   off, so it sets the maximum, 512 lines (huawei-cli.md 2.1). */
		if (c->n == 1)
			s->scroll = 512;
		else if (c->n == 2 && hw_num(c, 1, 1, 512, &v))
			s->scroll = (int)v;
		else if (c->n > 2)
			hw_unknown(c, 2);
		return true;
	}
	if (hw_kw(c, 0, "idle-timeout")) {
		if (c->n == 1)
			hw_incomplete(c);
		else if (c->n > 2)
			hw_unknown(c, 2);
		else if (hw_num(c, 1, 0, 35791, &v))
			s->idle_min = (int)v;
		return true;
	}
	return false;
}

/* Runs one command line of the current mode. */
static void
dispatch(struct hw_cmd *c)
{
	struct cli_session *s = c->s;
	enum hw_mode m = s->mode;
	int f, sl;

	if (c->n == 0)
		return;
	if (session_cmd(c))
		return;
	if (hw_kw(c, 0, "enable") && c->n == 1 && (m == HW_USER || m == HW_PRIV)) {
		s->mode = HW_PRIV;
		return;
	}
	if (m == HW_PRIV && c->n == 1 && hw_kw(c, 0, "config")) {
		s->mode = HW_CONFIG;
		return;
	}
	if (m == HW_PRIV && c->n == 2 && hw_kw(c, 0, "configure") &&
	    hw_kw(c, 1, "terminal")) {
		s->mode = HW_CONFIG;
		return;
	}
	if (hw_kw(c, 0, "quit") && c->n == 1) {
		if (m == HW_IF)
			s->mode = HW_CONFIG;
		else if (m == HW_CONFIG)
			s->mode = HW_PRIV;
		else
			logout(c);
		return;
	}
	if (hw_kw(c, 0, "return") && c->n == 1 && m != HW_USER) {
		s->mode = HW_PRIV;
		return;
	}
	if (hw_kw(c, 0, "display")) {
		hw_display(c);
		return;
	}
	if (m != HW_USER && hw_kw(c, 0, "infoswitch")) {
		if (!hw_kw(c, 1, "cli"))
			hw_unknown(c, 1);
		else if (c->n < 3)
			hw_incomplete(c);
		else if (str_casecmp(c->t[2].s, "OFF") != 0 &&
		    str_casecmp(c->t[2].s, "ON") != 0)
			hw_unknown(c, 2);
		else if (c->n > 3)
			hw_unknown(c, 3);
		return;
	}
	if (m != HW_USER && hw_kw(c, 0, "save")) {
		hw_save(c);
		return;
	}
	if (m == HW_CONFIG && hw_kw(c, 0, "mmi-mode")) {
		/* Accepted; the MMI output format is not documented in the
		   collected captures, so the answers stay as in normal mode. */
		if (c->n == 2 && hw_kw(c, 1, "enable"))
			s->mmi = true;
		else if (c->n == 2 && hw_kw(c, 1, "disable"))
			s->mmi = false;
		else
			hw_unknown(c, c->n < 2 ? 1 : 2);
		return;
	}
	if ((m == HW_CONFIG || m == HW_IF) && hw_kw(c, 0, "interface")) {
		if (!hw_kw(c, 1, "gpon")) {
			hw_unknown(c, 1);
			return;
		}
		if (!hw_fsp(c, 2, &f, &sl, NULL))
			return;
		if (c->n > 3) {
			hw_unknown(c, 3);
			return;
		}
		olt_lock(s->olt);
		bool ok = olt_pon(s->olt, f, sl, 0) != NULL;
		olt_unlock(s->olt);
		if (!ok) {
			hw_param(c, 2);
			return;
		}
		s->mode = HW_IF;
		s->if_frame = f;
		s->if_slot = sl;
		return;
	}
	if (m == HW_IF && hw_kw(c, 0, "ont")) {
		hw_ont(c);
		return;
	}
	if (m == HW_CONFIG && hw_kw(c, 0, "service-port")) {
		hw_service_port(c, false);
		return;
	}
	if (m == HW_CONFIG && hw_kw(c, 0, "undo") && hw_kw(c, 1, "service-port")) {
		hw_service_port(c, true);
		return;
	}
	if (m == HW_CONFIG && hw_kw(c, 0, "traffic")) {
		hw_traffic_table(c);
		return;
	}
	/* Everything else, `exit` and `screen-length 0 temporary` included,
	   is not a SmartAX command. */
	hw_unknown(c, 0);
}

/* Shows up to n lines of the paged output; at the end, the prompt. */
static void
page_show(struct cli_session *s, struct buf *out, int n)
{
	while (s->page_off < s->page.len) {
		const char *p = s->page.data + s->page_off;
		const char *e = memchr(p, '\n', s->page.len - s->page_off);
		size_t len = e != NULL ? (size_t)(e - p) : s->page.len - s->page_off;

		if (n <= 0) {
			buf_adds(out, more_marker);
			s->wait = HW_W_MORE;
			return;
		}
		hw_emit(s, out, p, len);
		buf_adds(out, s->nl);
		s->page_off += len + (e != NULL);
		n--;
	}
	buf_reset(&s->page);
	s->page_off = 0;
	if (s->wait != HW_W_DONE) {
		s->wait = HW_W_CMD;
		hw_prompt(s, out);
	}
}

/* Lines per page: the scroll value, else the terminal height less the
   marker line, else 24 (RECONSTRUCTED: the factory default is not in the
   captures). */
static int
page_lines(const struct cli_session *s)
{
	if (s->scroll > 0)
		return s->scroll;
	return s->rows > 1 ? s->rows - 1 : 24;
}

/* Runs a line and writes its answer (paged) or its question. */
static void
run(struct cli_session *s, const char *line, unsigned flags, struct buf *out)
{
	struct hw_cmd *c = xcalloc(1, sizeof *c);
	struct buf o = { 0 };
	char *work = xstrdup(line);

	c->s = s;
	c->line = line;
	c->flags = flags;
	c->o = &o;
	s->wait = HW_W_CMD;
	if (flags & HW_SMART_DONE)
		buf_addf(&o, "\n  Command:\n          %s\n", line);
	if (!tokenize(c, work))
		hw_unknown(c, HW_MAXTOK - 1);
	else
		dispatch(c);
	if (s->wait == HW_W_SMART || s->wait == HW_W_CONFIRM) {
		hw_emit(s, out, o.data != NULL ? o.data : "", o.len);
	} else {
		if (s->wait == HW_W_DONE) {
			/* Logging out: no pager, no prompt. */
			hw_emit(s, out, o.data != NULL ? o.data : "", o.len);
		} else {
			buf_reset(&s->page);
			buf_add(&s->page, o.data != NULL ? o.data : "", o.len);
			s->page_off = 0;
			page_show(s, out, page_lines(s));
		}
	}
	buf_free(&o);
	free(work);
	free(c);
}

/* Sleeps the configured per-command latency (never under the lock). */
static void
latency(struct cli_session *s)
{
	int ms;

	olt_lock(s->olt);
	ms = s->olt->fault.latency_ms;
	olt_unlock(s->olt);
	if (ms > 0)
		sleep_ms(ms);
}

/* A step fault on line (fleet.h): true when it answered busy instead of
   running it; slows it first when asked. */
static bool
step_fault(struct cli_session *s, const char *line, struct buf *out)
{
	int ms = 0, kind = fleet_step_fault(s->olt, line, &ms);

	if (kind == SIM_STEP_SLOW && ms > 0)
		sleep_ms(ms);
	if (kind != SIM_STEP_BUSY)
		return false;
	hw_emits(s, out, "  Failure: System is busy, please retry after a while\n");
	hw_prompt(s, out);
	return true;
}

/* Handles a complete line typed in the current wait state. */
static void
line_done(struct cli_session *s, struct buf *out)
{
	char *line = buf_take(&s->line);

	if (line == NULL)
		line = xstrdup("");
	switch (s->wait) {
	case HW_W_USER:
		strlcpy_(s->user, line, sizeof s->user);
		s->wait = HW_W_PASS;
		hw_emits(s, out, ">>User password:");
		break;
	case HW_W_PASS:
		latency(s);
		hw_login_check(s, line, out);
		break;
	case HW_W_CMD:
		latency(s);
		if (!step_fault(s, line, out))
			run(s, line, 0, out);
		break;
	case HW_W_SMART: {
		char *full;
		char *ans = str_trim(line);

		latency(s);
		full = ans[0] != '\0' ? xasprintf("%s %s", s->pending, ans) :
		    xstrdup(s->pending);
		run(s, full, s->pending_flags | HW_SMART_DONE, out);
		free(full);
		break;
	}
	case HW_W_CONFIRM: {
		char *ans = str_trim(line);
		char *pend = s->pending;

		s->pending = NULL;
		if (ans[0] == 'y' || ans[0] == 'Y') {
			latency(s);
			if (s->confirm == HW_CF_LOGOUT) {
				hw_emits(s, out, "\n  Configuration console exit, please retry to log on\n");
				s->wait = HW_W_DONE;
			} else
				run(s, pend, s->pending_flags | HW_CONFIRMED, out);
		} else {
			s->wait = HW_W_CMD;
			hw_prompt(s, out);
		}
		free(pend);
		s->confirm = HW_CF_NONE;
		break;
	}
	default:
		break;
	}
	free(line);
}

/* Answers a key at the pager marker. */
static void
more_key(struct cli_session *s, char ch, struct buf *out)
{
	if (ch == ' ') {
		buf_adds(out, more_erase);
		page_show(s, out, page_lines(s));
	} else if (ch == '\r' || ch == '\n') {
		buf_adds(out, more_erase);
		page_show(s, out, 1);
	} else if (ch == 'q' || ch == 'Q') {
		buf_adds(out, more_erase);
		buf_reset(&s->page);
		s->page_off = 0;
		s->wait = HW_W_CMD;
		hw_prompt(s, out);
	}
}

/* Feeds typed bytes. */
static void
hw_input(struct cli_session *s, const char *data, size_t len, struct buf *out)
{
	s->last_input_ms = mono_ms();
	for (size_t i = 0; i < len && s->wait != HW_W_DONE; i++) {
		char ch = data[i];
		bool was_cr = s->last_cr;

		s->last_cr = ch == '\r';
		if (ch == '\0' || (ch == '\n' && was_cr))
			continue;	/* telnet CR NUL, the LF of CR LF */
		if (s->wait == HW_W_MORE) {
			more_key(s, ch, out);
			continue;
		}
		/* Cursor keys and other escape sequences are not line editing
		   the lab supports: swallow them whole. */
		if (ch == 0x1b) {
			s->esc = 1;
			continue;
		}
		if (s->esc == 1) {
			s->esc = ch == '[' || ch == 'O' ? 2 : 0;
			continue;
		}
		if (s->esc == 2) {
			if (ch >= 0x40 && ch <= 0x7e)
				s->esc = 0;
			continue;
		}
		if (ch == '\r' || ch == '\n') {
			if (s->echo)
				buf_adds(out, s->nl);
			line_done(s, out);
			continue;
		}
		if (ch == '\b' || ch == 0x7f) {
			if (s->line.len > 0) {
				s->line.len--;
				s->line.data[s->line.len] = '\0';
				if (s->echo && s->wait != HW_W_PASS)
					buf_adds(out, "\b \b");
			}
			continue;
		}
		if ((unsigned char)ch < 0x20)
			continue;
		if (s->line.len >= 1024)
			continue;
		buf_addc(&s->line, ch);
		if (s->echo && s->wait != HW_W_PASS)
			buf_addc(out, ch);
	}
}

/* Periodic work: ONTs back from reset, idle timeout, alarm blocks. */
static void
hw_tick(struct cli_session *s, struct buf *out)
{
	struct buf b = { 0 };
	int64_t now = mono_ms();

	if (s->wait == HW_W_DONE)
		return;
	olt_lock(s->olt);
	for (int i = 0; i < s->nresets;) {
		if (s->resets[i].at_ms <= now) {
			struct sim_pon *pon = s->resets[i].pon < s->olt->npons ?
			    &s->olt->pons[s->resets[i].pon] : NULL;
			struct sim_ont *o = pon != NULL ? pon_ont(pon, s->resets[i].ont_id) : NULL;

			if (o != NULL && o->admin && !pon->cut && o->state == SIM_OFFLINE &&
			    o->down_cause == SIM_CAUSE_RESET)
				ont_set_state(s->olt, pon, o, SIM_ONLINE, SIM_CAUSE_NONE);
			s->resets[i] = s->resets[--s->nresets];
		} else
			i++;
	}
	if (s->wait == HW_W_CMD && s->alarm)
		hw_alarms(s, &b);
	else if (s->wait == HW_W_USER || s->wait == HW_W_PASS)
		s->last_seq = s->olt->event_seq;
	olt_unlock(s->olt);
	if (s->idle_min > 0 && s->wait != HW_W_USER && s->wait != HW_W_PASS &&
	    now - s->last_input_ms >= (int64_t)s->idle_min * 60000) {
		hw_emits(s, out, "\n  Configuration console time out, please retry to log on\n");
		s->wait = HW_W_DONE;
	} else if (b.len > 0) {
		hw_emit(s, out, b.data, b.len);
		hw_prompt(s, out);
		if (s->line.len > 0)
			buf_add(out, s->line.data, s->line.len);
	}
	buf_free(&b);
}

static bool
hw_done(const struct cli_session *s)
{
	return s->wait == HW_W_DONE;
}

/* Ends the session: releases its place in olt->sessions. */
static void
hw_close(struct cli_session *s)
{
	if (s == NULL)
		return;
	olt_lock(s->olt);
	if (s->counted && s->olt->sessions > 0)
		s->olt->sessions--;
	/* A reset ONT never stays down because its session ended. */
	for (int i = 0; i < s->nresets; i++) {
		struct sim_pon *pon = s->resets[i].pon < s->olt->npons ?
		    &s->olt->pons[s->resets[i].pon] : NULL;
		struct sim_ont *o = pon != NULL ? pon_ont(pon, s->resets[i].ont_id) : NULL;

		if (o != NULL && o->admin && !pon->cut && o->state == SIM_OFFLINE &&
		    o->down_cause == SIM_CAUSE_RESET)
			ont_set_state(s->olt, pon, o, SIM_ONLINE, SIM_CAUSE_NONE);
	}
	olt_unlock(s->olt);
	if (s->counted)
		hw_login_closed(s);
	buf_free(&s->line);
	buf_free(&s->page);
	free(s->pending);
	free(s->peer);
	free(s);
}

const struct persona persona_huawei = {
	.name = "huawei",
	.transport = "ssh",
	/* ont-lineprofile 10 and ont-srvprofile 31 exist on every simulated OLT */
	.demo_profile = "huawei-100 vlan=100 down=100 up=100 line=10 service=31",
	.open = hw_open,
	.input = hw_input,
	.tick = hw_tick,
	.done = hw_done,
	.close = hw_close,
};
