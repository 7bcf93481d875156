/* test_writes.c — the write pipeline and the write operations over a
   fake Huawei-like device (an in-memory transport with modes, ONT state
   and fault rules) reached through a test driver ("wtest": its own
   templates, its read-back, its session open) registered in the driver
   registry, exactly as a vendor's driver is: success with verification,
   masked audit, undo in reverse when a step fails, undo after a failed
   verification, a dropped link with a reconnect for the undo, an undo that
   cannot finish ("left on the device"), a refused connect, and a dry run
   that sends nothing.  Every write goes through ops_write(), with the
   engine's session pool. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/audit.h"
#include "core/engine.h"
#include "core/ops.h"
#include "core/store.h"
#include "core/writes.h"
#include "drivers/cli.h"
#include "drivers/driver.h"
#include "drivers/huawei.h"
#include "drivers/session_pool.h"
#include "drivers/transport.h"
#include "lib/util.h"

/* ---- the fake device ---- */

#define MAXONT 16
static struct {
	char	 onts[MAXONT][128];	/* "P O SN A" (A = 1 active / 0) */
	const char *fail_on[4];		/* substrings answered with Failure */
	const char *drop_on;		/* substring that drops the link */
	int	 drops_left;
	bool	 drop_applies;		/* the dropping command takes effect */
	bool	 lie;			/* ont add answers OK but adds nothing */
	bool	 refuse;		/* connects fail */
	int	 connects;
	int	 commands;		/* commands received after login */
	struct buf log;			/* every command, one per line */
} dev;

struct conn {
	int		 mode;		/* 0 user, 1 priv, 2 config, 3 if, 4 logout */
	char		 ifarg[16];
	struct buf	 pending, line;
	bool		 closed;
};

static int
ont_find(const char *port, const char *id)
{
	char key[80];	/* port and id are from 32-byte buffers */
	int i;

	snprintf(key, sizeof key, "%s %s ", port, id);
	for (i = 0; i < MAXONT; i++) {
		if (dev.onts[i][0] != '\0' && str_startswith(dev.onts[i], key))
			return i;
	}
	return -1;
}

static void
prompt(struct conn *c)
{
	static const char *const p[] = { ">", "#", "(config)#", NULL, "" };

	if (c->mode == 3)
		buf_addf(&c->pending, "MA5800-X7(config-if-gpon-%s)#", c->ifarg);
	else if (c->mode == 4)
		buf_adds(&c->pending, "Are you sure to log out? (y/n)[n]:");
	else
		buf_addf(&c->pending, "MA5800-X7%s", p[c->mode]);
}

/* One line from oltui. */
static void
command(struct conn *c, const char *l)
{
	char a[32], b[32], s[32];
	int i;

	buf_addf(&c->pending, "%s\r\n", l);
	if (c->mode == 4) {
		c->closed = true;
		return;
	}
	if (c->mode >= 1 && strcmp(l, "enable") != 0 && !str_startswith(l, "undo smart") &&
	    !str_startswith(l, "undo interactive") && !str_startswith(l, "scroll") &&
	    !str_startswith(l, "infoswitch") && !str_startswith(l, "undo alarm")) {
		dev.commands++;
		buf_addf(&dev.log, "%s\n", l);
	}
	if (dev.drop_on != NULL && dev.drops_left > 0 && strstr(l, dev.drop_on) != NULL) {
		dev.drops_left--;
		c->closed = true;
		if (!dev.drop_applies)
			return;
	}
	for (i = 0; i < 4; i++) {
		if (dev.fail_on[i] != NULL && strstr(l, dev.fail_on[i]) != NULL) {
			buf_adds(&c->pending, "  Failure: the test says no\r\n");
			prompt(c);
			return;
		}
	}
	if (strcmp(l, "enable") == 0)
		c->mode = 1;
	else if (strcmp(l, "config") == 0)
		c->mode = 2;
	else if (sscanf(l, "interface gpon %15s", c->ifarg) == 1)
		c->mode = 3;
	else if (strcmp(l, "return") == 0)
		c->mode = 1;
	else if (strcmp(l, "quit") == 0)
		c->mode = c->mode == 3 ? 2 : c->mode == 2 ? 1 : 4;
	else if (sscanf(l, "ont add %31s %31s %31s", a, b, s) == 3) {
		if (ont_find(a, b) >= 0)
			buf_adds(&c->pending, "  Failure: SN already exists\r\n");
		else if (!dev.lie) {
			for (i = 0; i < MAXONT && dev.onts[i][0] != '\0'; i++)
				;
			snprintf(dev.onts[i], sizeof dev.onts[i], "%s %s %s 1", a, b, s);
		}
	} else if (sscanf(l, "ont delete %31s %31s", a, b) == 2) {
		if ((i = ont_find(a, b)) < 0)
			buf_adds(&c->pending, "  Failure: The ONT does not exist\r\n");
		else
			dev.onts[i][0] = '\0';
	} else if (sscanf(l, "ont deactivate %31s %31s", a, b) == 2 ||
	    sscanf(l, "ont activate %31s %31s", a, b) == 2) {
		if ((i = ont_find(a, b)) < 0)
			buf_adds(&c->pending, "  Failure: The ONT does not exist\r\n");
		else
			dev.onts[i][strlen(dev.onts[i]) - 1] = l[4] == 'd' ? '0' : '1';
	} else if (sscanf(l, "display ont %31s %31s", a, b) == 2) {
		if ((i = ont_find(a, b)) < 0)
			buf_adds(&c->pending, "  Failure: The ONT does not exist\r\n");
		else {
			char p[32], o[32], sn[32];
			int act;

			sscanf(dev.onts[i], "%31s %31s %31s %d", p, o, sn, &act);
			buf_addf(&c->pending, "  SN : %s\r\n  Control flag : %s\r\n", sn,
			    act ? "active" : "deactivated");
		}
	}
	if (!c->closed)
		prompt(c);
}

static int
f_write(struct transport *t, const void *buf, size_t len, char **cause)
{
	struct conn *c = t->priv;
	const char *p = buf;
	size_t i;

	if (c->closed) {
		transport_closed_cause(t, NULL, cause);
		return -1;
	}
	for (i = 0; i < len; i++) {
		if (p[i] == '\n') {
			char *l = buf_take(&c->line);

			command(c, l != NULL ? l : "");
			free(l);
		} else if (p[i] != '\r')
			buf_addc(&c->line, p[i]);
	}
	return 0;
}

static ssize_t
f_read(struct transport *t, void *buf, size_t cap, int timeout_ms, char **cause)
{
	struct conn *c = t->priv;
	size_t n;

	if (c->pending.len == 0) {
		if (c->closed) {
			transport_closed_cause(t, NULL, cause);
			return -1;
		}
		sleep_ms(timeout_ms < 2 ? timeout_ms : 2);
		return 0;
	}
	n = c->pending.len < cap ? c->pending.len : cap;
	memcpy(buf, c->pending.data, n);
	buf_consume(&c->pending, n);
	return (ssize_t)n;
}

static void
f_close(struct transport *t)
{
	struct conn *c = t->priv;

	buf_free(&c->pending);
	buf_free(&c->line);
	free(c);
	free(t->label);
	free(t);
}

static const struct transport_ops f_ops = { "fake", f_write, f_read, f_close };

/* Opens a session on the fake device (the driver's open). */
static int
f_open(const struct olt_driver *d, const struct session_params *p, struct session **out,
    struct err *e)
{
	struct conn *c;
	struct transport *t;
	struct cli *cl;
	struct cli_options co = { .command_timeout_ms = 2000, .login_timeout_ms = 2000 };

	*out = NULL;
	dev.connects++;
	if (dev.refuse) {
		err_set(e, ERR_AUTH, "login to %s (127.0.0.1:22) refused: bad password",
		    p->name);
		return -1;
	}
	c = xcalloc(1, sizeof *c);
	buf_adds(&c->pending, "\r\nMA5800-X7>");
	t = transport_new(&f_ops, c, p->name, "127.0.0.1", 22);
	t->eol = "\n";
	cl = cli_new(t, d->cli, &co);
	if (cli_login(cl, "u", NULL, e) != 0) {
		cli_close(cl);
		return -1;
	}
	*out = session_cli_wrap(d, cl);
	return 0;
}

/* ---- the test driver ---- */

/* The fake device's "display ont": its serial and admin state. */
static int
fa_detail(struct session *s, const char *port, int id, unsigned flags,
    struct pr_ont_detail *out, struct err *err)
{
	char *cmd = xasprintf("display ont %s %d", port, id), *o = NULL, *p;
	int rc;

	(void)flags;	/* the device answers it in any mode */
	rc = cli_run(session_cli(s), cmd, NULL, &o, err);
	free(cmd);
	pr_ont_detail_init(out);
	if (rc == 0) {
		if ((p = strstr(o, "SN : ")) != NULL)
			out->sn = xstrndup(p + 5, 12);
		out->admin = strstr(o, "deactivated") != NULL ? ADMIN_DISABLED :
		    ADMIN_ENABLED;
		out->status = ONT_ONLINE;
		out->distance_m = 1200;
	}
	free(o);
	return rc;
}

/* Its configuration read: the detail only (the fake device lists no
   service ports, so they are not compared). */
static int
fa_config(struct session *s, const char *port, int id, struct ont_config *out,
    struct err *err)
{
	memset(out, 0, sizeof *out);
	return fa_detail(s, port, id, 0, &out->detail, err);
}

static const struct driver_reads wtest_reads = { .ont_detail = fa_detail,
    .ont_config = fa_config };

static const struct olt_driver driver_wtest = {
	.name = "wtest",
	.label = "the write tests' fake device",
	.transport = TRANSPORT_SSH,
	.cli_port = 22,
	.cli = &huawei_cli,
	.limits = &huawei_limits,
	.open = f_open,
	.reads = &wtest_reads,
};

/* Its templates: the commands the fake device knows. */
static const struct { const char *file, *text; } wtest_templates[] = {
	{ "provision.tpl",
	  "if {fs:fs} | ont add {port:port} {ont_id:ont_id} {sn:sn} | "
	  "ont delete {port:port} {ont_id:ont_id}\n"
	  "if {fs:fs} | ont wan {port:port} {ont_id:ont_id} pppoe user {pppoe_user:user} "
	  "password {pppoe_password:secret} | ont wan-undo {port:port} {ont_id:ont_id}\n"
	  "config | service-port {ont_id:ont_id} vlan {vlan:vlan} | "
	  "undo service-port {ont_id:ont_id}\n" },
	{ "enable.tpl", "if {fs:fs} | ont activate {port:port} {ont_id:ont_id} | "
	  "ont deactivate {port:port} {ont_id:ont_id}\n" },
	{ "disable.tpl", "if {fs:fs} | ont deactivate {port:port} {ont_id:ont_id} | "
	  "ont activate {port:port} {ont_id:ont_id}\n" },
	{ "reboot.tpl", "if {fs:fs} | ont reset {port:port} {ont_id:ont_id} | -\n" },
};

/* ---- fixture ---- */

struct fx {
	char			 dir[64], path[96];
	struct engine		*e;
	struct store		*st;
	struct op_req		 r;
	struct write_opts	 o;
	char			 sn[SN_MAX_LEN + 1];
};

/* Writes text to dir/name. */
static void
put(const char *dir, const char *name, const char *text)
{
	char *path = xasprintf("%s/%s", dir, name);
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	free(path);
}

static int
setup(void **state)
{
	struct fx *f = xcalloc(1, sizeof *f);
	struct engine_opts eo = { 0 };
	struct profile pf = { 0 };
	char *cause = NULL, *tdir;
	struct olt o = { 0 };

	buf_free(&dev.log);
	memset(&dev, 0, sizeof dev);
	driver_register(&driver_wtest);
	strcpy(f->dir, "/tmp/oltui-writes.XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	snprintf(f->path, sizeof f->path, "%s/db", f->dir);
	tdir = xasprintf("%s/templates", f->dir);
	assert_int_equal(mkdir(tdir, 0700), 0);
	setenv("OLTUI_TEMPLATE_DIR", tdir, 1);
	free(tdir);
	tdir = xasprintf("%s/templates/wtest", f->dir);
	assert_int_equal(mkdir(tdir, 0700), 0);
	for (size_t i = 0; i < nitems(wtest_templates); i++)
		put(tdir, wtest_templates[i].file, wtest_templates[i].text);
	free(tdir);
	/* Quick reconnects, no breaker: the tests count connects. */
	put(f->dir, "config.ini", "[session]\nreconnect_max_s = 1\nbreaker_failures = 100\n");
	eo.db_path = f->path;
	eo.config_dir = f->dir;
	if (engine_open(&eo, &f->e, &cause) != 0)
		fail_msg("%s", cause);
	f->st = engine_store(f->e, &cause);
	strcpy(o.name, "pop-test");
	strcpy(o.driver, "wtest");
	strcpy(o.host, "127.0.0.1");
	strcpy(o.user, "u");
	o.port = 22;
	o.snmp_port = 161;
	if (store_olt_add(f->st, &o, &cause) != 0)
		fail_msg("%s", cause);
	strcpy(pf.name, "pppoe");
	pf.vlan = 100;
	pf.down_mbps = pf.up_mbps = 100;
	pf.wan = WAN_PPPOE;
	if (store_profile_add(f->st, &pf, &cause) != 0)
		fail_msg("%s", cause);
	op_req_init(&f->r, OP_PROVISION);
	strcpy(f->r.olt, "pop-test");
	strcpy(f->r.port, "0/1/0");
	f->r.ont_id = 3;
	strcpy(f->r.sn, "HWTC12345678");
	strcpy(f->r.profile, "pppoe");
	strcpy(f->r.pppoe_user, "joao");
	f->r.pppoe_password = "s3cret-pw";
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fx *f = *state;
	char cmd[128];

	engine_close(f->e);
	snprintf(cmd, sizeof cmd, "rm -rf %s", f->dir);
	assert_int_equal(system(cmd), 0);
	unsetenv("OLTUI_TEMPLATE_DIR");
	buf_free(&dev.log);
	free(f);
	return 0;
}

/* Provisions f->r (contract c, may be ""). */
static enum write_status
provision(struct fx *f, const char *c, struct write_report *rep)
{
	strlcpy_(f->r.contract, c, sizeof f->r.contract);
	return ops_write(f->e, &f->r, &f->o, rep, NULL);
}

/* Runs write kind k on the test ONT (0/1/0 3). */
static enum write_status
on_ont(struct fx *f, enum op_kind k, struct write_report *rep)
{
	struct op_req rq;

	op_req_init(&rq, k);
	strcpy(rq.olt, "pop-test");
	strcpy(rq.port, "0/1/0");
	rq.ont_id = 3;
	strcpy(rq.sn, "HWTC12345678");
	return ops_write(f->e, &rq, &f->o, rep, NULL);
}

/* The only audit entry of the test SN. */
static struct audit_entry *
entry(struct fx *f, size_t *n)
{
	struct audit_filter af = { .ont_sn = "HWTC12345678" };
	struct audit_entry *e = NULL;
	char *cause = NULL;

	assert_int_equal(audit_list(f->st, &af, &e, n, &cause), 0);
	return e;
}

/* Index of the audit step whose command starts with prefix, or -1. */
static int
step_of(const struct audit_entry *e, const char *prefix)
{
	size_t i;

	for (i = 0; i < e->nsteps; i++) {
		if (str_startswith(e->steps[i].command, prefix))
			return (int)i;
	}
	return -1;
}

static void
test_provision_ok(void **state)
{
	struct fx *f = *state;
	struct write_report rep;
	struct audit_entry *e;
	struct ont o;
	size_t n, i;
	char *cause = NULL;
	struct contract k = { 0 };

	strcpy(k.code, "C-1");
	strcpy(k.customer, "Joao");
	assert_int_equal(store_contract_add(f->st, &k, &cause), 0);
	assert_int_equal(provision(f, "C-1", &rep), WRITE_DONE);
	assert_null(rep.cause);
	assert_true(rep.verified);
	assert_int_equal(rep.applied, 3);
	assert_int_equal(rep.nleft, 0);
	assert_int_equal(ont_find("0/1/0", "3"), 0);
	assert_non_null(strstr(rep.preview, "ont add 0/1/0 3 HWTC12345678"));
	assert_null(strstr(rep.preview, "s3cret-pw"));
	writes_report_free(&rep);
	e = entry(f, &n);
	assert_int_equal(n, 1);
	assert_string_equal(e[0].outcome, "ok");
	assert_string_equal(e[0].contract, "C-1");
	assert_string_equal(e[0].olt, "pop-test");
	assert_string_equal(e[0].action, "provision");
	assert_true(step_of(&e[0], "plan") == 0);
	assert_true(step_of(&e[0], "ont add 0/1/0 3") > 0);
	assert_true(step_of(&e[0], "service-port 3 vlan 100") > step_of(&e[0], "ont add"));
	assert_true(step_of(&e[0], "verify:") > step_of(&e[0], "service-port"));
	for (i = 0; i < e[0].nsteps; i++) {
		assert_null(strstr(e[0].steps[i].command, "s3cret-pw"));
		assert_null(strstr(e[0].steps[i].answer, "s3cret-pw"));
	}
	assert_non_null(strstr(e[0].steps[step_of(&e[0], "ont wan")].command, "password ***"));
	/* The device got the real password. */
	assert_non_null(strstr(buf_str(&dev.log), "password s3cret-pw"));
	audit_entries_free(e, n);
	assert_int_equal(store_ont_by_sn(f->st, "HWTC12345678", &o, &cause), 1);
	assert_string_equal(o.port, "0/1/0");
	assert_int_equal(o.ont_id, 3);
	assert_int_equal(o.admin, ADMIN_ENABLED);
	assert_string_equal(o.contract, "C-1");
}

static void
test_step_fails_undo_reverse(void **state)
{
	struct fx *f = *state;
	struct write_report rep;
	struct audit_entry *e;
	size_t n;
	int a, b;

	dev.fail_on[0] = "service-port";
	assert_int_equal(provision(f, "", &rep), WRITE_FAILED);
	assert_int_equal(rep.outcome, AUDIT_UNDONE);
	assert_int_equal(rep.applied, 2);
	assert_int_equal(rep.undone, 2);
	assert_int_equal(rep.nleft, 0);
	assert_non_null(strstr(rep.cause, "step 3"));
	assert_non_null(strstr(rep.cause, "the test says no"));
	assert_int_equal(ont_find("0/1/0", "3"), -1);
	writes_report_free(&rep);
	e = entry(f, &n);
	assert_string_equal(e[0].outcome, "undone");
	a = step_of(&e[0], "undo: ont wan-undo");
	b = step_of(&e[0], "undo: ont delete");
	assert_true(a > 0 && b > a);
	assert_int_equal(step_of(&e[0], "undo: undo service-port"), -1);
	assert_false(e[0].steps[step_of(&e[0], "service-port")].ok);
	assert_true(e[0].duration_ms >= 0);
	audit_entries_free(e, n);
}

static void
test_verify_fails_undo(void **state)
{
	struct fx *f = *state;
	struct write_report rep;
	struct audit_entry *e;
	size_t n;

	dev.lie = true;
	assert_int_equal(provision(f, "", &rep), WRITE_FAILED);
	assert_non_null(strstr(rep.cause, "verification failed"));
	assert_int_equal(rep.applied, 3);
	/* "ont delete" fails (nothing was added): it is left, reported. */
	assert_int_equal(rep.outcome, AUDIT_FAILED);
	assert_int_equal(rep.nleft, 1);
	assert_string_equal(rep.left[0].command, "ont add 0/1/0 3 HWTC12345678");
	writes_report_free(&rep);
	e = entry(f, &n);
	assert_true(step_of(&e[0], "undo: undo service-port 3") > step_of(&e[0], "verify:"));
	assert_non_null(strstr(e[0].cause, "left on the device"));
	assert_true(step_of(&e[0], "left on the device") >= 0);
	assert_non_null(strstr(e[0].steps[step_of(&e[0], "left on the device")].answer,
	    "undo with: "));
	audit_entries_free(e, n);
}

static void
test_drop_reconnect_undo(void **state)
{
	struct fx *f = *state;
	struct write_report rep;
	struct audit_entry *e;
	size_t n;

	dev.drop_on = "ont wan 0/1/0";
	dev.drops_left = 1;
	dev.drop_applies = false;
	assert_int_equal(provision(f, "", &rep), WRITE_UNREACHABLE);
	assert_int_equal(rep.outcome, AUDIT_UNDONE);
	assert_int_equal(rep.nleft, 0);
	assert_int_equal(dev.connects, 2);
	assert_int_equal(ont_find("0/1/0", "3"), -1);
	assert_non_null(strstr(rep.cause, "step 2"));
	writes_report_free(&rep);
	e = entry(f, &n);
	assert_string_equal(e[0].outcome, "undone");
	assert_true(step_of(&e[0], "reconnect") > 0);
	/* The in-flight step's undo is tried too, then step 1's. */
	assert_true(step_of(&e[0], "undo: ont wan-undo") < step_of(&e[0], "undo: ont delete"));
	audit_entries_free(e, n);
}

static void
test_drop_no_reconnect_left(void **state)
{
	struct fx *f = *state;
	struct write_report rep;
	struct audit_entry *e;
	size_t n;

	dev.drop_on = "service-port";
	dev.drops_left = 1;
	dev.drop_applies = true;
	/* The reconnect for the undo fails. */
	assert_int_equal(provision(f, "", &rep), WRITE_UNREACHABLE);
	(void)rep;
	writes_report_free(&rep);
	/* Again, with connects refused after the drop. */
	memset(dev.onts, 0, sizeof dev.onts);
	dev.drops_left = 1;
	dev.connects = 0;
	engine_reset_olt(f->e, "pop-test");
	f->r.ont_id = 4;
	{
		/* Refuse only the second connect: flip after the first. */
		struct write_report r2;

		dev.refuse = false;
		dev.drop_on = "service-port";
		/* A session is idle in the pool from the last run? No: undo
		   reconnected and released it.  Take it, flip, give back. */
		struct session *c = NULL;
		struct err cause = { 0 };

		assert_int_equal(session_pool_acquire(engine_sessions(f->e), "pop-test", 1000,
		    &c, &cause), 0);
		session_pool_release(engine_sessions(f->e), c, false);
		dev.refuse = true;
		assert_int_equal(provision(f, "", &r2), WRITE_UNREACHABLE);
		assert_int_equal(r2.outcome, AUDIT_FAILED);
		assert_int_equal(r2.nleft, 3);
		assert_string_equal(r2.left[0].command, "service-port 4 vlan 100");
		assert_true(r2.left[0].maybe);
		assert_string_equal(r2.left[2].command, "ont add 0/1/0 4 HWTC12345678");
		assert_string_equal(r2.left[2].undo, "ont delete 0/1/0 4");
		assert_non_null(strstr(r2.cause, "could not reconnect"));
		assert_non_null(strstr(r2.cause, "refused"));
		writes_report_free(&r2);
	}
	e = entry(f, &n);
	assert_int_equal(n, 2);
	assert_string_equal(e[1].outcome, "failed");
	assert_non_null(strstr(e[1].cause, "left on the device: [service-port 4 vlan 100 (maybe)]"));
	assert_true(e[1].finished_at > 0);
	audit_entries_free(e, n);
}

static void
test_refused_connect(void **state)
{
	struct fx *f = *state;
	struct write_report rep;
	struct audit_entry *e;
	size_t n;

	dev.refuse = true;
	assert_int_equal(provision(f, "", &rep), WRITE_FAILED);
	assert_int_equal(rep.outcome, AUDIT_REFUSED);
	assert_int_equal(rep.applied, 0);
	assert_non_null(strstr(rep.cause, "nothing was sent"));
	writes_report_free(&rep);
	e = entry(f, &n);
	assert_string_equal(e[0].outcome, "refused");
	audit_entries_free(e, n);
}

static void
test_dry_run(void **state)
{
	struct fx *f = *state;
	struct write_report rep;
	size_t n;
	struct audit_entry *e;

	f->o.dry_run = true;
	assert_int_equal(provision(f, "", &rep), WRITE_DONE);
	assert_int_equal(dev.connects, 0);
	assert_non_null(strstr(rep.preview, "ont delete 0/1/0 3"));
	assert_non_null(strstr(rep.preview, "password ******"));
	assert_int_equal(rep.audit_id, 0);
	writes_report_free(&rep);
	e = entry(f, &n);
	assert_int_equal(n, 0);
	audit_entries_free(e, n);
}

static void
test_disable_enable(void **state)
{
	struct fx *f = *state;
	struct write_report rep;
	struct ont o;
	char *cause = NULL;

	assert_int_equal(provision(f, "", &rep), WRITE_DONE);
	writes_report_free(&rep);
	assert_int_equal(on_ont(f, OP_DISABLE, &rep), WRITE_DONE);
	assert_int_equal(rep.readback.admin, ADMIN_DISABLED);
	writes_report_free(&rep);
	assert_int_equal(store_ont_by_sn(f->st, "HWTC12345678", &o, &cause), 1);
	assert_int_equal(o.admin, ADMIN_DISABLED);
	dev.fail_on[0] = "ont activate";
	assert_int_equal(on_ont(f, OP_ENABLE, &rep), WRITE_FAILED);
	assert_int_equal(rep.outcome, AUDIT_FAILED);	/* nothing applied */
	assert_int_equal(rep.applied, 0);
	writes_report_free(&rep);
}

static void
test_lock_serialises(void **state)
{
	struct fx *f = *state;
	struct write_report rep;
	char path[160];
	int fd;

	/* Another process's write to the same OLT holds the lock. */
	snprintf(path, sizeof path, "%s.write-pop-test.lock", f->path);
	fd = open(path, O_RDWR | O_CREAT, 0600);
	assert_true(fd >= 0);
	assert_int_equal(flock(fd, LOCK_EX), 0);
	f->o.acquire_ms = 200;
	assert_int_equal(provision(f, "", &rep), WRITE_FAILED);
	assert_int_equal(rep.outcome, AUDIT_REFUSED);
	assert_non_null(strstr(rep.cause, "another write to pop-test"));
	assert_int_equal(dev.connects, 0);
	writes_report_free(&rep);
	close(fd);
	assert_int_equal(provision(f, "", &rep), WRITE_DONE);
	writes_report_free(&rep);
}

/* Occurrences of line l in the device's command log. */
static int
log_count(const char *l)
{
	const char *p = buf_str(&dev.log);
	size_t n = strlen(l);
	int k = 0;

	for (; (p = strstr(p, l)) != NULL; p += n) {
		if ((p == buf_str(&dev.log) || p[-1] == '\n') && p[n] == '\n')
			k++;
	}
	return k;
}

static void
test_reboot_nothing_to_verify(void **state)
{
	struct fx *f = *state;
	struct write_report rep;
	struct audit_entry *e;
	size_t n;
	int v;

	assert_int_equal(provision(f, "", &rep), WRITE_DONE);
	writes_report_free(&rep);
	assert_int_equal(on_ont(f, OP_REBOOT, &rep), WRITE_DONE);
	assert_int_equal(rep.outcome, AUDIT_OK);
	assert_false(rep.verified);
	assert_false(rep.have_readback);
	assert_string_equal(writes_outcome_text(&rep), "applied (nothing to verify)");
	assert_null(rep.cause);
	writes_report_free(&rep);
	e = entry(f, &n);
	assert_int_equal(n, 2);
	/* newest first or last: find the reboot */
	struct audit_entry *rb = strcmp(e[0].action, "reboot") == 0 ? &e[0] : &e[1];
	assert_string_equal(rb->action, "reboot");
	assert_string_equal(rb->outcome, "ok");
	assert_non_null(strstr(rb->cause, "applied (nothing to verify)"));
	v = step_of(rb, "verify: nothing to read back");
	assert_true(v > step_of(rb, "ont reset 0/1/0 3"));
	assert_int_equal(step_of(rb, "verify: ONT"), -1);
	audit_entries_free(e, n);
	/* Nothing was read back from the device after the reset. */
	assert_null(strstr(strstr(buf_str(&dev.log), "ont reset"), "display ont"));
}

static void
test_batch_keeps_mode(void **state)
{
	struct fx *f = *state;
	struct write_report rep;
	int i;

	/* Three provisions on one session with keep_mode: each read-back runs
	   in config mode where the last step left it; no return/config in
	   between (only the first write enters config). */
	f->o.keep_mode = true;
	for (i = 0; i < 3; i++) {
		char sn[16];

		snprintf(sn, sizeof sn, "HWTC1234567%c", (char)('0' + i));
		strcpy(f->r.sn, sn);
		f->r.ont_id = 3 + i;
		assert_int_equal(provision(f, "", &rep), WRITE_DONE);
		assert_true(rep.verified);
		writes_report_free(&rep);
	}
	assert_int_equal(dev.connects, 1);
	assert_int_equal(log_count("config"), 1);
	assert_int_equal(log_count("return"), 0);
	assert_int_equal(log_count("display ont 0/1/0 5"), 1);
	/* Without keep_mode the session goes back to privileged mode. */
	f->o.keep_mode = false;
	strcpy(f->r.sn, "HWTC12345679");
	f->r.ont_id = 9;
	assert_int_equal(provision(f, "", &rep), WRITE_DONE);
	writes_report_free(&rep);
	assert_int_equal(log_count("return"), 1);
}

/* ---- progress reports ---- */

/* Records each progress report as one line: "phase state step/count cmd". */
static void
record(void *arg, const struct write_progress *wp)
{
	static const char *const ph[] = { "connect", "step", "undo", "verify", "done" };
	static const char *const stt[] = { "sending", "ok", "failed" };
	struct buf *b = arg;

	buf_addf(b, "%s %s %zu/%zu %s\n", ph[wp->phase], stt[wp->state], wp->step,
	    wp->count, wp->command != NULL ? wp->command : "-");
	assert_true(wp->ms >= 0);
	if (wp->state == WPS_FAILED)
		assert_non_null(wp->text);	/* a failure always says why */
	if (wp->text != NULL)
		assert_null(strpbrk(wp->text, "\r\n"));
}

/* Cuts the recorded lines to "phase state step/count" plus the command's
   first two words, for comparing. */
static char *
shape(const char *log)
{
	struct buf b = { 0 };

	while (*log != '\0') {
		size_t n = strcspn(log, "\n"), k = 0, sp = 0;

		while (k < n && sp < 5) {
			if (log[k] == ' ')
				sp++;
			if (sp < 5)
				buf_addf(&b, "%c", log[k]);
			k++;
		}
		buf_adds(&b, "\n");
		log += n + (log[n] == '\n');
	}
	return buf_take(&b);
}

static void
test_progress_ok(void **state)
{
	struct fx *f = *state;
	struct write_report rep;
	struct buf log = { 0 };
	char *got;

	f->o.progress = record;
	f->o.progress_arg = &log;
	assert_int_equal(provision(f, "", &rep), WRITE_DONE);
	writes_report_free(&rep);
	got = shape(buf_str(&log));
	assert_string_equal(got,
	    "connect ok 0/3 -\n"
	    "step sending 1/3 ont add\n"
	    "step ok 1/3 ont add\n"
	    "step sending 2/3 ont wan\n"
	    "step ok 2/3 ont wan\n"
	    "step sending 3/3 service-port 3\n"
	    "step ok 3/3 service-port 3\n"
	    "verify sending 0/3 -\n"
	    "verify ok 0/3 -\n"
	    "done ok 0/3 -\n");
	/* The commands are the masked display ones. */
	assert_null(strstr(buf_str(&log), "s3cret-pw"));
	assert_non_null(strstr(buf_str(&log), "password ******"));
	free(got);
	buf_free(&log);
}

static void
test_progress_undo_reverse(void **state)
{
	struct fx *f = *state;
	struct write_report rep;
	struct buf log = { 0 };
	char *got;

	dev.fail_on[0] = "service-port";
	f->o.progress = record;
	f->o.progress_arg = &log;
	assert_int_equal(provision(f, "", &rep), WRITE_FAILED);
	writes_report_free(&rep);
	got = shape(buf_str(&log));
	assert_string_equal(got,
	    "connect ok 0/3 -\n"
	    "step sending 1/3 ont add\n"
	    "step ok 1/3 ont add\n"
	    "step sending 2/3 ont wan\n"
	    "step ok 2/3 ont wan\n"
	    "step sending 3/3 service-port 3\n"
	    "step failed 3/3 service-port 3\n"
	    "undo sending 2/3 ont wan-undo\n"
	    "undo ok 2/3 ont wan-undo\n"
	    "undo sending 1/3 ont delete\n"
	    "undo ok 1/3 ont delete\n"
	    "done failed 0/3 -\n");
	free(got);
	buf_free(&log);
}

static void
test_progress_refused_connect(void **state)
{
	struct fx *f = *state;
	struct write_report rep;
	struct buf log = { 0 };
	char *got;

	dev.refuse = true;
	f->o.progress = record;
	f->o.progress_arg = &log;
	assert_int_not_equal(provision(f, "", &rep), WRITE_DONE);
	writes_report_free(&rep);
	got = shape(buf_str(&log));
	assert_string_equal(got, "connect failed 0/3 -\ndone failed 0/3 -\n");
	free(got);
	buf_free(&log);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_provision_ok, setup, teardown),
		cmocka_unit_test_setup_teardown(test_step_fails_undo_reverse, setup, teardown),
		cmocka_unit_test_setup_teardown(test_verify_fails_undo, setup, teardown),
		cmocka_unit_test_setup_teardown(test_drop_reconnect_undo, setup, teardown),
		cmocka_unit_test_setup_teardown(test_drop_no_reconnect_left, setup, teardown),
		cmocka_unit_test_setup_teardown(test_refused_connect, setup, teardown),
		cmocka_unit_test_setup_teardown(test_dry_run, setup, teardown),
		cmocka_unit_test_setup_teardown(test_disable_enable, setup, teardown),
		cmocka_unit_test_setup_teardown(test_lock_serialises, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reboot_nothing_to_verify, setup, teardown),
		cmocka_unit_test_setup_teardown(test_batch_keeps_mode, setup, teardown),
		cmocka_unit_test_setup_teardown(test_progress_ok, setup, teardown),
		cmocka_unit_test_setup_teardown(test_progress_undo_reverse, setup, teardown),
		cmocka_unit_test_setup_teardown(test_progress_refused_connect, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
