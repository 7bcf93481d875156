/*
 * huawei.c — the Huawei MA5800-X7 persona: the session half.
 *
 * Turns what a client types into what an MA5800 answers, following
 * /work/shared/reference/huawei-cli.md: the telnet login dialogue or the SSH
 * banner, the prompts of the four modes (user `>`, privileged `#`, `(config)#`,
 * `(config-if-gpon-F/S)#`), `quit`/`return`, the `{ <cr>|... }:` smart
 * questions with their `Command:` echo, y/n confirmations, the pager with its
 * ESC[37D erase, the caret error lines, session commands (undo smart, scroll,
 * idle-timeout, ...) and asynchronous alarm blocks.  The command outputs live
 * in huawei_show.c and huawei_cfg.c (see huawei_priv.h for the split).
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

/* Who logged in last and who failed, per OLT, for the banner tables. */
struct hw_loginrec {
	const struct sim_olt *olt;
	char	 type[8];	/* "SSH", "Telnet" */
	char	 ip[48];
	int64_t	 login, logout;
	char	 fail_type[8];
	char	 fail_ip[48];
	int64_t	 fail_at;
	int	 fail_times;
};
static pthread_mutex_t loginrec_lock = PTHREAD_MUTEX_INITIALIZER;
static struct hw_loginrec loginrecs[64];

/* Returns the login record of olt (creating it); loginrec_lock held. */
static struct hw_loginrec *
loginrec_get(const struct sim_olt *olt)
{
	for (size_t i = 0; i < nitems(loginrecs); i++) {
		if (loginrecs[i].olt == olt)
			return &loginrecs[i];
		if (loginrecs[i].olt == NULL) {
			struct hw_loginrec *r = &loginrecs[i];

			memset(r, 0, sizeof *r);
			r->olt = olt;
			/* Before anyone logged in: a login from the lab's
			   NMS shortly after boot. */
			strlcpy_(r->type, "SSH", sizeof r->type);
			strlcpy_(r->ip, "127.0.0.1", sizeof r->ip);
			r->login = olt->boot_time + 600;
			r->logout = olt->boot_time + 660;
			return r;
		}
	}
	return &loginrecs[nitems(loginrecs) - 1];
}

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
static void
emit(struct cli_session *s, struct buf *out, const char *text, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		if (text[i] == '\n')
			buf_adds(out, s->nl);
		else
			buf_addc(out, text[i]);
	}
}

static void
emits(struct cli_session *s, struct buf *out, const char *text)
{
	emit(s, out, text, strlen(text));
}

/* Writes the prompt of the current mode. */
static void
prompt(struct cli_session *s, struct buf *out)
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

/* The banner after a successful login (huawei-cli.md 1.1, VERBATIM
   layout; the times and addresses come from this lab's logins). */
static void
banner(struct cli_session *s, struct buf *out)
{
	struct hw_loginrec *r;
	struct buf b = { 0 };
	char t1[40], t2[40];
	const char *dash = "  -----------------------------------------------------------------------------\n";

	buf_adds(&b, "\n\n  Huawei Integrated Access Software (MA5800).\n"
	    "  Copyright(C) Huawei Technologies Co., Ltd. 2002-2023. All rights reserved.\n\n");
	pthread_mutex_lock(&loginrec_lock);
	r = loginrec_get(s->olt);
	hw_time(r->login, false, t1);
	hw_time(r->logout, false, t2);
	buf_adds(&b, dash);
	buf_adds(&b, "  User last login information:\n");
	buf_adds(&b, dash);
	buf_addf(&b, "  Access Type : %s\n", r->type);
	buf_addf(&b, "  IP-Address  : %s\n", r->ip);
	buf_addf(&b, "  Login  Time : %s+00:00\n", t1);
	if (r->logout > 0)
		buf_addf(&b, "  Logout Time : %s+00:00\n", t2);
	else
		buf_adds(&b, "  Logout Time : -\n");
	buf_adds(&b, dash);
	buf_adds(&b, dash);
	buf_adds(&b, "  All user fail login information:\n");
	buf_adds(&b, dash);
	buf_adds(&b, "  Access Type IP-Address           Time                          Login Times\n");
	buf_adds(&b, dash);
	if (r->fail_times > 0) {
		hw_time(r->fail_at, false, t1);
		buf_addf(&b, "  %-12s%-21s%s+00:00%15d\n", r->fail_type, r->fail_ip,
		    t1, r->fail_times);
	}
	buf_adds(&b, dash);
	/* This login becomes the "last login" of the next one. */
	strlcpy_(r->type, s->ssh ? "SSH" : "Telnet", sizeof r->type);
	strlcpy_(r->ip, s->peer, sizeof r->ip);
	r->login = now_s();
	r->logout = 0;
	pthread_mutex_unlock(&loginrec_lock);
	emit(s, out, b.data, b.len);
	buf_free(&b);
}

/* Records a failed in-band login for the banner's fail table. */
static void
note_fail(struct cli_session *s)
{
	struct hw_loginrec *r;

	pthread_mutex_lock(&loginrec_lock);
	r = loginrec_get(s->olt);
	strlcpy_(r->fail_type, "Telnet", sizeof r->fail_type);
	strlcpy_(r->fail_ip, s->peer, sizeof r->fail_ip);
	r->fail_at = now_s();
	r->fail_times++;
	pthread_mutex_unlock(&loginrec_lock);
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
		s->counted = true;
	}
	olt_unlock(olt);
	if (o->authenticated) {
		banner(s, out);
		s->wait = HW_W_CMD;
		prompt(s, out);
	} else {
		s->wait = HW_W_USER;
		emits(s, out, "\n>>User name:");
	}
	return s;
}

/* Checks the credentials typed at the login dialogue. */
static void
login_check(struct cli_session *s, const char *password, struct buf *out)
{
	struct sim_olt *olt = s->olt;
	bool ok, full = false;

	olt_lock(olt);
	ok = !olt->fault.refuse_login && strcmp(s->user, olt->user) == 0 &&
	    strcmp(password, olt->password) == 0;
	if (ok) {
		if (olt->sessions >= olt->max_sessions)
			full = true;
		else {
			olt->sessions++;
			s->counted = true;
		}
	}
	olt_unlock(olt);
	if (full) {
		emits(s, out, "\n  Reenter times have reached the upper limit.\n");
		s->wait = HW_W_DONE;
		return;
	}
	if (!ok) {
		note_fail(s);
		emits(s, out, "\nUsername or password invalid.\n");
		if (++s->fails >= 3) {
			s->wait = HW_W_DONE;
			return;
		}
		s->wait = HW_W_USER;
		emits(s, out, "\n>>User name:");
		return;
	}
	banner(s, out);
	s->wait = HW_W_CMD;
	prompt(s, out);
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
		emit(s, out, p, len);
		buf_adds(out, s->nl);
		s->page_off += len + (e != NULL);
		n--;
	}
	buf_reset(&s->page);
	s->page_off = 0;
	if (s->wait != HW_W_DONE) {
		s->wait = HW_W_CMD;
		prompt(s, out);
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
		emit(s, out, o.data != NULL ? o.data : "", o.len);
	} else {
		if (s->wait == HW_W_DONE) {
			/* Logging out: no pager, no prompt. */
			emit(s, out, o.data != NULL ? o.data : "", o.len);
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
		emits(s, out, "\n>>User password:");
		break;
	case HW_W_PASS:
		latency(s);
		login_check(s, line, out);
		break;
	case HW_W_CMD:
		latency(s);
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
				emits(s, out, "\n  Configuration console exit, please retry to log on\n");
				s->wait = HW_W_DONE;
			} else
				run(s, pend, s->pending_flags | HW_CONFIRMED, out);
		} else {
			s->wait = HW_W_CMD;
			prompt(s, out);
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
		prompt(s, out);
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

/* Alarm names per event (RECONSTRUCTED wording; the block shape follows
   the NOC profile's alarm regex, automation-quirks.md 3.1). */
static const struct {
	const char *kind, *level, *id, *name, *cause, *advice;
} alarm_text[] = {
	[SIM_EV_ONT_UP] = { "RECOVERY", "CLEARED", "0x2e112005",
	    "The ONT is online", "The ONT registered with the OLT",
	    "None" },
	[SIM_EV_ONT_LOS] = { "FAULT", "CRITICAL", "0x2e112005",
	    "The distribute fiber is broken or OLT can not receive expected optical signals from ONT (LOSi/LOBi)",
	    "The fiber to the ONT is cut, or the ONT is powered off",
	    "Check the optical path and the ONT power supply" },
	[SIM_EV_ONT_DYING_GASP] = { "FAULT", "MAJOR", "0x2e112006",
	    "The dying-gasp of GPON ONTi (DGi) is generated",
	    "The ONT lost its power supply",
	    "Check the power supply of the ONT" },
	[SIM_EV_ONT_FOUND] = { "EVENT", "WARNING", "0x2e112007",
	    "The GPON ONT is discovered automatically",
	    "An ONT that is not configured was connected to the port",
	    "Add the ONT with ont add, or ignore it" },
	[SIM_EV_PON_CUT] = { "FAULT", "CRITICAL", "0x2e112001",
	    "The optical module of the GPON port does not receive any expected optical signals (LOS)",
	    "The trunk fiber of the port is cut",
	    "Check the trunk fiber and the splitter" },
	[SIM_EV_PON_RESTORED] = { "RECOVERY", "CLEARED", "0x2e112001",
	    "The optical module of the GPON port receives optical signals again",
	    "The trunk fiber of the port was restored",
	    "None" },
};

/* Appends the alarm blocks of the events not shown yet; lock held. */
static void
alarms(struct cli_session *s, struct buf *b)
{
	struct sim_olt *olt = s->olt;
	uint64_t from = s->last_seq + 1;

	if (olt->event_seq >= SIM_EVENTS && from + SIM_EVENTS <= olt->event_seq)
		from = olt->event_seq - SIM_EVENTS + 1;
	for (uint64_t q = from; q <= olt->event_seq; q++) {
		const struct sim_event *e = &olt->events[q % SIM_EVENTS];
		const struct sim_pon *pon;
		char t[40];

		if (e->seq != q || e->what >= nitems(alarm_text) || e->pon >= olt->npons)
			continue;
		pon = &olt->pons[e->pon];
		hw_time(e->at, true, t);
		buf_addf(b, "\n  ! %llu[%s]:\n\n", (unsigned long long)q, t);
		buf_addf(b, "  ALARM  %llu  %s  %s  %s  GPON  %s\n",
		    (unsigned long long)q, alarm_text[e->what].kind,
		    alarm_text[e->what].level, alarm_text[e->what].id, t);
		buf_addf(b, "  ALARM NAME  : %s\n", alarm_text[e->what].name);
		if (e->what == SIM_EV_PON_CUT || e->what == SIM_EV_PON_RESTORED)
			buf_addf(b, "  PARAMETERS  : FrameID: %d, SlotID: %d, PortID: %d\n",
			    pon->frame, pon->slot, pon->port);
		else
			buf_addf(b, "  PARAMETERS  : FrameID: %d, SlotID: %d, PortID: %d, ONT ID: %d\n",
			    pon->frame, pon->slot, pon->port, e->ont_id);
		buf_addf(b, "  DESCRIPTION : %s\n", alarm_text[e->what].name);
		buf_addf(b, "  CAUSE       : %s\n", alarm_text[e->what].cause);
		buf_addf(b, "  ADVICE      : %s\n", alarm_text[e->what].advice);
		buf_adds(b, "  --- END\n");
	}
	s->last_seq = olt->event_seq;
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
		alarms(s, &b);
	else if (s->wait == HW_W_USER || s->wait == HW_W_PASS)
		s->last_seq = s->olt->event_seq;
	olt_unlock(s->olt);
	if (s->idle_min > 0 && s->wait != HW_W_USER && s->wait != HW_W_PASS &&
	    now - s->last_input_ms >= (int64_t)s->idle_min * 60000) {
		emits(s, out, "\n  Configuration console time out, please retry to log on\n");
		s->wait = HW_W_DONE;
	} else if (b.len > 0) {
		emit(s, out, b.data, b.len);
		prompt(s, out);
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
	if (s->counted) {
		pthread_mutex_lock(&loginrec_lock);
		loginrec_get(s->olt)->logout = now_s();
		pthread_mutex_unlock(&loginrec_lock);
	}
	buf_free(&s->line);
	buf_free(&s->page);
	free(s->pending);
	free(s->peer);
	free(s);
}

const struct persona persona_huawei = {
	.name = "huawei",
	.open = hw_open,
	.input = hw_input,
	.tick = hw_tick,
	.done = hw_done,
	.close = hw_close,
};
