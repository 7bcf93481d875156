/* test_fault_alloc.c — the allocator seam (tests/unit/fault_alloc.h) over
   core and the parsers: an operation is run once to count its allocations,
   then again in a forked child with the N-th allocation failing, for every
   N up to a dense bound and a seeded spread of N beyond it (FAULT_SCALE=K:
   K times as many; FAULT_ALL=1: every N; `make faults` runs FAULT_SCALE=4).  Each run must end in one of the three ways fault_alloc.h
   allows (it succeeds, it returns -1 with a cause, or it aborts through
   the x* functions saying "out of memory"), and afterwards the database
   must pass fr_db_problem() (integrity, foreign keys, a consistent audit
   trail) and the operation's own check: an import is all or nothing and
   audited when it happened; a sweep stores every reading and sample or
   none; a provisioning that reached the device is named by its audit
   entry, step by step.

   The operations: opening a new database (every migration), an import, an
   audit entry, a sweep over the lab's SNMP agent, a provisioning over the
   lab's SSH CLI, and every parser of every vendor on every fixture.  The
   lab runs in the parent; only the child's own thread is armed. */
#define _GNU_SOURCE	/* dladdr, for the seam (fault_alloc.h) */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <dirent.h>
#include <signal.h>
#include <sys/wait.h>
#include <time.h>

#include "core/audit.h"
#include "core/ops.h"
#include "core/poll.h"
#include "tests/lab/snmp_agent.h"
#include "tests/unit/fault_alloc.h"
#include "tests/unit/fault_run.h"
#include "tests/unit/lab_fixture.h"
#include "tests/unit/parse_fixture.h"

#define CHILD_SECONDS	60	/* a run that takes longer hangs */

/* One operation under the seam.  open() runs in the child before arming
   and returns its context (NULL: the child exits 3); run() is armed;
   close() is not.  check() runs in the parent after each run, on the
   run's database, knowing how the run ended (0 done, 1 error, 2 aborted);
   it returns NULL or what is wrong. */
struct fa_op {
	const char	*name;
	void		*(*open)(void);
	int		 (*run)(void *ctx, char **cause);
	void		 (*close)(void *ctx);
	char		*(*check)(int how);
	long		 dense, sparse;	/* fault points: every one up to dense, then sparse */
	void		 (*reset)(void);	/* before each run: the device as it was; may be NULL */
};

/* How the runs of one operation ended. */
struct fa_tally {
	long	 points, done, errors, aborts, missed;
	char	*defect;		/* the first defect, or NULL */
};

static char dir[64];			/* the private directory */
static char db[128];			/* the database a run works on */
static char tmpl[128];			/* the prepared database it starts from */
static char store_tmpl[128];		/* a new, empty database */
static struct lab_fixture lf;
static char edir[96];			/* the lab engine's directory */
static char lab_db[128];		/* its database: hw-1 added and swept once */

/* ---- running one fault point ---- */

/* FAULT_SCALE=K: K times the fault points of `make test` (`make faults`
   runs 4). */
static long
fault_scale(void)
{
	const char *s = getenv("FAULT_SCALE");

	return s != NULL && atol(s) > 0 ? atol(s) : 1;
}

/* FAULT_ONLY=N: only that fault point (with FAULT_TRACE=1, its stack). */
static long
only_point(void)
{
	const char *s = getenv("FAULT_ONLY");

	return s != NULL ? atol(s) : 0;
}

/* Runs op in a child with allocation n failing (n = 0: counting only; the
   count goes to *count).  Returns the wait status; the child's stderr
   goes to *err (caller frees). */
static int
fa_fork(const struct fa_op *op, long n, long *count, char **err)
{
	char *errpath = xasprintf("%s/child.err", dir);
	int fds[2], status = 0, t;
	pid_t pid;
	long got = -1;

	if (pipe(fds) != 0)
		fail_msg("pipe");
	fflush(NULL);
	pid = fork();
	if (pid == 0) {
		int fd = open(errpath, O_WRONLY | O_CREAT | O_TRUNC, 0600);
		char *cause = NULL;
		void *ctx;
		long calls;
		bool fired;
		int rc;

		close(fds[0]);
		dup2(fd, 2);
		/* cmocka catches crashes to report them; here a crash must
		   end the child with its signal, for the parent to see. */
		fa_crash_default();
		if ((ctx = op->open()) == NULL)
			_exit(3);
		fa_arm(n);
		rc = op->run(ctx, &cause);
		calls = fa_count();
		fired = fa_disarm();
		if (rc != 0)
			fprintf(stderr, "%s\n", cause != NULL ? cause : "(no cause)");
		op->close(ctx);
		if (write(fds[1], &calls, sizeof calls) != (ssize_t)sizeof calls)
			_exit(4);
		if (n > 0 && !fired)
			_exit(10);
		_exit(rc == 0 ? 0 : 1);
	}
	close(fds[1]);
	if (pid < 0)
		fail_msg("fork");
	for (t = 0; t < CHILD_SECONDS * 100; t++) {
		if (waitpid(pid, &status, WNOHANG) == pid)
			break;
		struct timespec ts = { 0, 10 * 1000 * 1000 };
		nanosleep(&ts, NULL);
	}
	if (t == CHILD_SECONDS * 100) {
		kill(pid, SIGKILL);
		waitpid(pid, &status, 0);
		status = -1;
	}
	if (read(fds[0], &got, sizeof got) != (ssize_t)sizeof got)
		got = -1;
	close(fds[0]);
	if (count != NULL)
		*count = got;
	{
		size_t len;
		FILE *f = fopen(errpath, "r");
		struct buf b = { 0 };
		char chunk[4096];

		while (f != NULL && (len = fread(chunk, 1, sizeof chunk, f)) > 0)
			buf_add(&b, chunk, len);
		if (f != NULL)
			fclose(f);
		buf_add(&b, "", 0);
		*err = buf_take(&b);
	}
	free(errpath);
	return status;
}

/* Runs op at every fault point and tallies how the runs ended. */
static void
fa_sweep(const struct fa_op *op, struct fa_tally *t)
{
	const char *all = getenv("FAULT_ALL");
	char *err = NULL;
	long total = 0, *pts;
	size_t npts;
	int st;

	memset(t, 0, sizeof *t);
	fr_remove_db(db);
	fr_copy(tmpl, db);
	if (op->reset != NULL)
		op->reset();
	if (only_point() > 0) {
		total = only_point();	/* no counting run: one child to follow */
	} else {
		st = fa_fork(op, 0, &total, &err);
		if (!WIFEXITED(st) || WEXITSTATUS(st) != 0 || total <= 0)
			fail_msg("%s: the unfaulted run failed (status %d): %s", op->name,
			    st, err);
		free(err);
	}
	pts = fr_points(total, all != NULL ? total : op->dense * fault_scale(),
	    all != NULL ? 0 : op->sparse * fault_scale(), 0x5eed, &npts);
	if (only_point() > 0) {
		pts[0] = only_point();
		npts = 1;
	}
	for (size_t i = 0; i < npts && t->defect == NULL; i++) {
		long n = pts[i];
		char *problem = NULL;
		int how = -1;

		fr_remove_db(db);
		fr_copy(tmpl, db);
		if (op->reset != NULL)
			op->reset();
		st = fa_fork(op, n, NULL, &err);
		t->points++;
		if (st != -1 && WIFEXITED(st) && WEXITSTATUS(st) == 10) {
			t->missed++;	/* the count moved: a cache warmed differently */
		} else if (st != -1 && WIFEXITED(st) && WEXITSTATUS(st) == 0) {
			how = 0;
			t->done++;
		} else if (st != -1 && WIFEXITED(st) && WEXITSTATUS(st) == 1 &&
		    strlen(err) > 10 && strcmp(err, "(no cause)\n") != 0) {
			how = 1;
			t->errors++;
		} else if (st != -1 && WIFSIGNALED(st) && WTERMSIG(st) == SIGABRT &&
		    strstr(err, "oltui: out of memory") != NULL) {
			how = 2;
			t->aborts++;
		} else {
			problem = xasprintf("the run ended %s %d: %s",
			    st == -1 ? "hanging, status" : WIFSIGNALED(st) ? "by signal" :
			    "with status", st == -1 ? -1 : WIFSIGNALED(st) ? WTERMSIG(st) :
			    WEXITSTATUS(st), err);
		}
		if (problem == NULL && how >= 0 && (problem = fr_db_problem(db)) == NULL &&
		    op->check != NULL)
			problem = op->check(how);
		if (problem != NULL && getenv("FAULT_TRACE") != NULL)
			printf("# the child's stderr:\n%s\n", err);
		if (problem != NULL) {
			t->defect = xasprintf("%s, allocation %ld of %ld failing: %s%s%s",
			    op->name, n, total, problem, how >= 0 ? "; it said: " : "",
			    how >= 0 ? err : "");
			free(problem);
		}
		free(err);
	}
	free(pts);
	printf("# %s: %ld allocations; %ld fault points: %ld done anyway, %ld "
	    "clean errors, %ld aborted (out of memory), %ld not reached\n", op->name,
	    total, t->points, t->done, t->errors, t->aborts, t->missed);
}

/* Runs op through fa_sweep and fails on its defect. */
static void
fa_expect_clean(const struct fa_op *op, const char *from)
{
	struct fa_tally t;

	if (!fa_available())
		skip();
	strlcpy_(tmpl, from, sizeof tmpl);
	fa_sweep(op, &t);
	if (t.defect != NULL)
		fail_msg("%s", t.defect);
	assert_true(t.points > 0);
	/* Most points must have hit something: a seam that never fires
	   proves nothing. */
	assert_true(t.errors + t.aborts > t.points / 2);
}

/* A long from sql on the run's database. */
static long
db_int(const char *sql)
{
	sqlite3 *h = fr_open(db);
	long v = fr_int(h, sql);

	sqlite3_close(h);
	return v;
}

/* ---- the operations ---- */

/* A store on the run's database. */
static void *
open_store(void)
{
	return store_open(db, NULL);
}

static void
close_store(void *ctx)
{
	store_close(ctx);
}

/* Nothing to open: the operation opens the store itself. */
static void *
open_nothing(void)
{
	return dir;
}

static void
close_nothing(void *ctx)
{
	(void)ctx;
}

/* Opens a new database: every migration. */
static int
run_store_new(void *ctx, char **cause)
{
	struct store *st;

	(void)ctx;
	fr_remove_db(db);
	if ((st = store_open(db, cause)) == NULL)
		return -1;
	store_close(st);
	return 0;
}

/* A database left by a failed open opens and migrates on the next try. */
static char *
check_store_new(int how)
{
	char *cause = NULL;
	struct store *st = store_open(db, &cause);
	char *why = NULL;

	(void)how;
	if (st == NULL) {
		why = xasprintf("the next store_open failed: %s", cause);
		free(cause);
		return why;
	}
	if (store_version(st) != schema_version)
		why = xasprintf("the next store_open left version %d", store_version(st));
	store_close(st);
	return why;
}

#define IMPORT_CONTRACTS 12
static const char import_csv[] =
    "type,name,vlan,down_mbps,up_mbps,line_profile,service_profile,code,customer,address\n"
    "profile,p100,100,100,100,10,31,,,\n"
    "profile,p200,200,200,200,10,31,,,\n"
    "contract,,,,,,,C-1,Ana Perez,Calle 1\ncontract,,,,,,,C-2,Luis Diaz,Calle 2\n"
    "contract,,,,,,,C-3,Eva Ruiz,Calle 3\ncontract,,,,,,,C-4,Juan Gil,Calle 4\n"
    "contract,,,,,,,C-5,Rosa Mora,Calle 5\ncontract,,,,,,,C-6,Ivan Sanz,Calle 6\n"
    "contract,,,,,,,C-7,Lara Vega,Calle 7\ncontract,,,,,,,C-8,Noa Cano,Calle 8\n"
    "contract,,,,,,,C-9,Olga Pena,Calle 9\ncontract,,,,,,,C-10,Raul Soto,Calle 10\n"
    "contract,,,,,,,C-11,Sara Leon,Calle 11\ncontract,,,,,,,C-12,Tomas Rey,Calle 12\n";

/* Imports a CSV of profiles and contracts. */
static int
run_import(void *ctx, char **cause)
{
	struct inv_counts c;

	return inv_import_text(ctx, import_csv, "fault.csv", &c, cause);
}

/* All or nothing, and audited when it happened. */
static char *
check_import(int how)
{
	long contracts = db_int("SELECT count(*) FROM contracts");
	long profiles = db_int("SELECT count(*) FROM profiles");
	long audited = db_int("SELECT count(*) FROM audit WHERE action = 'import fault.csv'");

	if (!((contracts == 0 && profiles == 0) ||
	    (contracts == IMPORT_CONTRACTS && profiles == 2)))
		return xasprintf("the import is partly there: %ld contracts, %ld profiles",
		    contracts, profiles);
	if (contracts > 0 && audited != 1)
		return xasprintf("the import is in the database but the audit has %ld "
		    "entries for it", audited);
	if (how == 0 && contracts == 0)
		return xstrdup("the import said done and wrote nothing");
	return NULL;
}

/* An audit entry: begin, three steps, end. */
static int
run_audit(void *ctx, char **cause)
{
	struct audit_start a = { .user = "tech", .olt = "hw-1", .ont_sn = "HWTC00000001",
		.action = "ont add" };
	int64_t id = audit_begin(ctx, &a, cause);

	if (id <= 0)
		return -1;
	if (audit_step(ctx, id, "interface gpon 0/1", "", true, cause) != 0 ||
	    audit_step(ctx, id, "ont add 0 5 sn-auth HWTC00000001 password secret",
	    "Number of ONTs that can be added: 1, success: 1", true, cause) != 0 ||
	    audit_step(ctx, id, "quit", "", true, cause) != 0)
		return -1;
	return audit_end(ctx, id, AUDIT_OK, NULL, cause);
}

/* The entry is whole, or it is unfinished; its password never stored. */
static char *
check_audit(int how)
{
	long entries = db_int("SELECT count(*) FROM audit");
	long ended = db_int("SELECT count(*) FROM audit WHERE outcome = 'ok'");
	long steps = db_int("SELECT count(*) FROM audit_steps");

	if (db_int("SELECT count(*) FROM audit_steps WHERE command LIKE '%secret%'") != 0)
		return xstrdup("a password reached the audit trail");
	if (entries > 1)
		return xasprintf("%ld entries for one action", entries);
	if (ended == 1 && steps != 3)
		return xasprintf("an ended entry with %ld of its 3 steps", steps);
	if (how == 0 && ended != 1)
		return xstrdup("audit_end said done and the entry did not end");
	return NULL;
}

/* The lab engine, opened in the child on the run's database. */
static void *
open_engine(void)
{
	struct engine_opts eo = { 0 };
	struct engine *e;
	char kp[160], kh[160];

	snprintf(kp, sizeof kp, "%s/key", edir);
	snprintf(kh, sizeof kh, "%s/known_hosts", edir);
	eo.db_path = db;
	eo.config_dir = edir;
	eo.key_file = kp;
	eo.known_hosts = kh;
	eo.flags = ENGINE_VAULT;
	return engine_open(&eo, &e, NULL) == 0 ? e : NULL;
}

static void
close_engine(void *ctx)
{
	engine_close(ctx);
}

/* Sweeps hw-1 over SNMP. */
static int
run_sweep(void *ctx, char **cause)
{
	struct poll_ctx pc = { .st = engine_store(ctx, NULL), .vault = engine_vault(ctx) };
	struct poll_result res;
	struct olt o;

	if (store_olt_by_name(pc.st, "hw-1", &o, cause) != 1)
		return -1;
	return poll_sweep_olt(&pc, &o, &res, cause) < 0 ? -1 : 0;
}

static long sweep_samples;		/* samples in the template (one sweep) */

/* Every sample of the sweep or none. */
static char *
check_sweep(int how)
{
	long n = db_int("SELECT count(*) FROM signal_samples");

	if (n != sweep_samples && n != 2 * sweep_samples)
		return xasprintf("%ld samples: neither the %ld before nor twice that",
		    n, sweep_samples);
	if (how == 0 && n != 2 * sweep_samples)
		return xstrdup("the sweep said done and stored nothing");
	return NULL;
}

#define PROV_SN "HWTC0FA17001"

/* Provisions PROV_SN on hw-1 0/1/1 over SSH. */
static int
run_provision(void *ctx, char **cause)
{
	struct write_opts o = { 0 };
	struct write_report rep;
	struct op_req rq;
	enum write_status s;

	op_req_init(&rq, OP_PROVISION);
	strlcpy_(rq.olt, "hw-1", sizeof rq.olt);
	strlcpy_(rq.port, "0/1/1", sizeof rq.port);
	strlcpy_(rq.sn, PROV_SN, sizeof rq.sn);
	strlcpy_(rq.profile, "hw100", sizeof rq.profile);
	s = ops_write(ctx, &rq, &o, &rep, NULL);
	if (s != WRITE_DONE)
		set_cause(cause, "%s: %s", writes_outcome_text(&rep),
		    rep.cause != NULL ? rep.cause : "(no cause)");
	writes_report_free(&rep);
	return s == WRITE_DONE ? 0 : -1;
}

/* Puts PROV_SN back in autofind, off the device. */
static void
reset_device(void)
{
	struct sim_olt *olt = fleet_olt(lf.fleet, "hw-1");
	struct sim_pon *pon = olt_pon(olt, 0, 1, 1);
	struct sim_ont *ont;

	olt_lock(olt);
	if ((ont = olt_find_sn(olt, PROV_SN, &pon)) != NULL)
		pon_del_ont(olt, pon, ont->id);		/* and its service ports */
	pon = olt_pon(olt, 0, 1, 1);
	if (olt_find_autofind(olt, PROV_SN, &pon) == NULL)
		pon_add_autofind(olt, olt_pon(olt, 0, 1, 1), PROV_SN);
	olt_unlock(olt);
}

/* The run's audit steps, one "command => answer" per line, for a
   message (static buffer). */
static const char *
steps_text(void)
{
	static char out[8192];
	sqlite3 *h = fr_open(db);
	sqlite3_stmt *q;
	size_t len = 0;

	out[0] = '\0';
	if (sqlite3_prepare_v2(h, "SELECT audit_id, seq, ok, command, substr(answer, 1, 60) "
	    "FROM audit_steps ORDER BY audit_id, seq", -1, &q, NULL) == SQLITE_OK) {
		while (sqlite3_step(q) == SQLITE_ROW && len < sizeof out - 200)
			len += (size_t)snprintf(out + len, sizeof out - len, "\n  %d.%d %d %s => %s",
			    sqlite3_column_int(q, 0), sqlite3_column_int(q, 1),
			    sqlite3_column_int(q, 2), sqlite3_column_text(q, 3),
			    sqlite3_column_text(q, 4));
		sqlite3_finalize(q);
	}
	sqlite3_close(h);
	return out;
}

/* What reached the device is named by the audit, and the device is put
   back for the next run. */
static char *
check_provision(int how)
{
	struct sim_olt *olt = fleet_olt(lf.fleet, "hw-1");
	struct sim_pon *pon;
	bool on_device, sps;
	long named;
	char *why = NULL;

	olt_lock(olt);
	on_device = olt_find_sn(olt, PROV_SN, &pon) != NULL;
	sps = on_device && olt_count_sps(olt, olt_pon_index(olt, pon),
	    olt_find_sn(olt, PROV_SN, &pon)->id) > 0;
	olt_unlock(olt);
	/* Huawei sends the serial in hex (485754430FA17001): match its tail. */
	named = db_int("SELECT count(*) FROM audit_steps WHERE command LIKE "
	    "'ont add %0FA17001%'");
	if (on_device && named == 0)
		why = xasprintf("the ONT is on the device and no audit step names its "
		    "\"ont add\" (the steps: %s)", steps_text());
	else if (sps && db_int("SELECT count(*) FROM audit_steps WHERE command LIKE "
	    "'service-port %'") == 0)
		why = xstrdup("a service port is on the device and no audit step names it");
	else if (how == 0 && !on_device)
		why = xstrdup("the provisioning said done and the ONT is not on the device");
	return why;
}

/* ---- the parsers ---- */

static char *fixture_raw;		/* the fixture a parse run reads */
static size_t fixture_len;
static const struct olt_driver *fixture_drv;

/* Every parser of the fixture's driver on it; their failures are answers. */
static int
run_parse(void *ctx, char **cause)
{
	(void)ctx;
	(void)cause;
	for (int k = 0; k < PR_KIND_COUNT; k++) {
		struct pr_result r;
		char *c = NULL;

		if (fixture_parse_bytes(fixture_drv, (enum pr_kind)k, fixture_raw,
		    fixture_len, &r, &c) != 0 && (c == NULL || strlen(c) < 10)) {
			fprintf(stderr, "parser %d failed without a cause\n", k);
			_exit(5);
		}
		free(c);
		pr_result_free(&r);
	}
	return 0;
}

/* ---- the tests ---- */

static int
setup(void **state)
{
	struct store *st;

	(void)state;
	strcpy(dir, "/tmp/oltui-fa.XXXXXX");
	if (mkdtemp(dir) == NULL)
		fail_msg("mkdtemp");
	snprintf(db, sizeof db, "%s/run.db", dir);
	snprintf(store_tmpl, sizeof store_tmpl, "%s/template.db", dir);
	if ((st = store_open(store_tmpl, NULL)) == NULL)
		fail_msg("cannot create %s", store_tmpl);
	store_close(st);
	return 0;
}

static int
teardown(void **state)
{
	char *cmd = xasprintf("rm -rf %s", dir);

	(void)state;
	if (system(cmd) != 0)
		fprintf(stderr, "cannot remove %s\n", dir);
	free(cmd);
	return 0;
}

static void
test_a_new_database_survives_a_failed_allocation_at_any_point(void **state)
{
	static const struct fa_op op = {
		.name = "store_open of a new database",
		.open = open_nothing,
		.run = run_store_new,
		.close = close_nothing,
		.check = check_store_new,
		.dense = 100,
		.sparse = 100,
	};

	(void)state;
	fa_expect_clean(&op, store_tmpl);
}

static void
test_an_import_is_all_or_nothing_and_audited_under_failed_allocations(void **state)
{
	static const struct fa_op op = {
		.name = "inv_import_text",
		.open = open_store,
		.run = run_import,
		.close = close_store,
		.check = check_import,
		.dense = 200,
		.sparse = 100,
	};

	(void)state;
	fa_expect_clean(&op, store_tmpl);
}

static void
test_an_audit_entry_is_whole_or_unfinished_under_failed_allocations(void **state)
{
	static const struct fa_op op = {
		.name = "an audit entry",
		.open = open_store,
		.run = run_audit,
		.close = close_store,
		.check = check_audit,
		.dense = 200,
		.sparse = 100,
	};

	(void)state;
	fa_expect_clean(&op, store_tmpl);
}

/* Starts the lab and makes the engine's template database (hw-1, its
   profile, one sweep done). */
static void
lab_template(void)
{
	static const struct fleet_opts fo = { .huawei = 1, .zte = 0, .boards = 1, .pons = 2,
		.onts = 4, .seed = 11 };
	struct engine *e;
	struct engine_opts eo = { 0 };
	char kp[160], kh[160], *cause = NULL;

	lab_up(&lf, &fo);
	if (snmp_agent_start(lf.fleet, &cause) != 0)
		fail_msg("agent: %s", cause);
	e = lab_engine(&lf, NULL);
	lab_add_olt(e, fleet_olt(lf.fleet, "hw-1"), NULL, "huawei", TRANSPORT_SSH, 0);
	lab_add_profile(e, "hw100", 100, 100, "10", "31");
	snprintf(edir, sizeof edir, "%s/e0", lf.dir);
	engine_close(e);
	/* The first contact (host key accepted) and a first sweep. */
	snprintf(kp, sizeof kp, "%s/key", edir);
	snprintf(kh, sizeof kh, "%s/known_hosts", edir);
	snprintf(lab_db, sizeof lab_db, "%s/db", edir);
	eo.db_path = lab_db;
	eo.config_dir = edir;
	eo.key_file = kp;
	eo.known_hosts = kh;
	eo.accept_new_host_key = true;
	eo.flags = ENGINE_VAULT;
	if (engine_open(&eo, &e, &cause) != 0)
		fail_msg("%s", cause);
	strlcpy_(db, lab_db, sizeof db);
	if (run_sweep(e, &cause) != 0)
		fail_msg("first sweep: %s", cause);
	{
		/* The first contact takes the host key. */
		struct op_olt_test ot;
		struct err err = { 0 };

		if (ops_olt_test(e, "hw-1", &ot, &err) != 0)
			fail_msg("olt test: %s", err_text(&err));
		op_olt_test_free(&ot);
	}
	engine_close(e);
	snprintf(db, sizeof db, "%s/run.db", dir);
	sweep_samples = 0;
	{
		sqlite3 *h = fr_open(lab_db);

		sweep_samples = fr_int(h, "SELECT count(*) FROM signal_samples");
		sqlite3_close(h);
	}
	assert_true(sweep_samples > 0);
	reset_device();
}

/* Stops the lab lab_template() started. */
static int
lab_teardown(void **state)
{
	(void)state;
	if (lf.up) {
		snmp_agent_stop();
		lab_down(&lf);
	}
	return 0;
}

static void
test_a_sweep_stores_all_or_nothing_under_failed_allocations(void **state)
{
	static const struct fa_op op = {
		.name = "poll_sweep_olt",
		.open = open_engine,
		.run = run_sweep,
		.close = close_engine,
		.check = check_sweep,
		.dense = 100,
		.sparse = 100,
	};

	(void)state;
	if (!fa_available())
		skip();
	lab_template();
	fa_expect_clean(&op, lab_db);
}

static void
test_a_provisioning_is_audited_as_far_as_it_reached_the_device(void **state)
{
	static const struct fa_op op = {
		.name = "ops_write provision",
		.open = open_engine,
		.run = run_provision,
		.close = close_engine,
		.check = check_provision,
		.dense = 40,
		.sparse = 110,
		.reset = reset_device,
	};

	(void)state;
	if (!fa_available())
		skip();
	lab_template();
	fa_expect_clean(&op, lab_db);
}

static void
test_every_parser_on_every_fixture_fails_cleanly(void **state)
{
	static const char *const vendors[] = { "huawei", "zte", "acme" };
	static const struct fa_op op = {
		.name = "parsers",
		.open = open_nothing,
		.run = run_parse,
		.close = close_nothing,
		.dense = 8,
		.sparse = 8,
	};
	const char *top = getenv("OLTUI_TOP");
	size_t files = 0;

	(void)state;
	if (!fa_available())
		skip();
	for (size_t v = 0; v < nitems(vendors); v++) {
		char *path = xasprintf("%s/tests/fixtures/%s", top ? top : ".", vendors[v]);
		DIR *d = opendir(path);
		struct dirent *de;

		fixture_drv = driver_find(vendors[v]);
		assert_non_null(fixture_drv);
		assert_non_null(d);
		while ((de = readdir(d)) != NULL) {
			struct fa_tally t;
			char *rel;
			struct fa_op one = op;

			if (de->d_name[0] == '.')
				continue;
			rel = xasprintf("%s/%s", vendors[v], de->d_name);
			fixture_raw = fixture_load(rel, &fixture_len);
			one.name = rel;
			strlcpy_(tmpl, store_tmpl, sizeof tmpl);
			fa_sweep(&one, &t);
			if (t.defect != NULL)
				fail_msg("%s", t.defect);
			free(fixture_raw);
			free(rel);
			files++;
		}
		closedir(d);
		free(path);
	}
	assert_true(files > 40);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_a_new_database_survives_a_failed_allocation_at_any_point),
		cmocka_unit_test(test_an_import_is_all_or_nothing_and_audited_under_failed_allocations),
		cmocka_unit_test(test_an_audit_entry_is_whole_or_unfinished_under_failed_allocations),
		cmocka_unit_test_teardown(test_a_sweep_stores_all_or_nothing_under_failed_allocations,
		    lab_teardown),
		cmocka_unit_test_teardown(test_a_provisioning_is_audited_as_far_as_it_reached_the_device,
		    lab_teardown),
		cmocka_unit_test(test_every_parser_on_every_fixture_fails_cleanly),
	};
	signal(SIGPIPE, SIG_IGN);
	if (getenv("FAULT_TEST") != NULL)	/* one test, by a part of its name */
		cmocka_set_test_filter(getenv("FAULT_TEST"));
	return cmocka_run_group_tests(tests, setup, teardown);
}
