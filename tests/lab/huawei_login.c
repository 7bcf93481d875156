/*
 * huawei_login.c — the Huawei persona's way in: the telnet `>>User name:` /
 * `>>User password:` dialogue with its failures and session limit, and the
 * banner with the "User last login information" and "All user fail login
 * information" tables (huawei-cli.md 1.1, 1.2).
 *
 * The tables need memory across sessions, so the last login and the
 * failed logins of each OLT are kept here, under their own mutex (never
 * taken together with olt->lock).  Called from huawei.c on the session's
 * thread.
 */
#include "tests/lab/huawei_priv.h"

#include <stdio.h>
#include <string.h>

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
static struct hw_loginrec loginrecs[1024];	/* 1024 OLTs; more share the last */

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

/* The banner after a successful login (huawei-cli.md 1.1, VERBATIM
   layout; the times and addresses come from this lab's logins). */
void
hw_banner(struct cli_session *s, struct buf *out)
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
	hw_emit(s, out, b.data, b.len);
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

/* Checks the credentials typed at the login dialogue. */
void
hw_login_check(struct cli_session *s, const char *password, struct buf *out)
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
			olt->logins++;
			s->counted = true;
		}
	}
	olt_unlock(olt);
	if (full) {
		hw_emits(s, out, "\n  Reenter times have reached the upper limit.\n");
		s->wait = HW_W_DONE;
		return;
	}
	if (!ok) {
		note_fail(s);
		hw_emits(s, out, "\nUsername or password invalid.\n");
		if (++s->fails >= 3) {
			s->wait = HW_W_DONE;
			return;
		}
		s->wait = HW_W_USER;
		hw_emits(s, out, "\n>>User name:");
		return;
	}
	hw_banner(s, out);
	s->wait = HW_W_CMD;
	hw_prompt(s, out);
}

void
hw_login_closed(struct cli_session *s)
{
	pthread_mutex_lock(&loginrec_lock);
	loginrec_get(s->olt)->logout = now_s();
	pthread_mutex_unlock(&loginrec_lock);
}
