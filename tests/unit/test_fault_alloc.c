/* test_fault_alloc.c — the allocator seam (tests/unit/fault_alloc.h) over
   core and the parsers: an operation is run once to count its allocations,
   then again in a forked child with the N-th allocation failing, for every
   N up to a dense bound and a seeded spread of N beyond it (FAULT_SCALE=K:
   K times as many; FAULT_ALL=1: every N; `make faults` runs
   FAULT_SCALE=4).  Each run must end in one of the three ways fault_alloc.h
   allows (it succeeds, it returns -1 with a cause, or it aborts through
   the x* functions saying "out of memory"), and afterwards the database
   must pass fr_db_problem() (integrity, foreign keys, a consistent audit
   trail) and the operation's own check (fault_ops.h): an import is all
   or nothing and audited when it happened; a sweep stores every reading
   and sample or none; a provisioning that reached the device is named by
   its audit entry, step by step.  Every parser of every vendor on every
   fixture, too.  The lab runs in the parent; only the child's own thread
   is armed. */
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

#include "tests/unit/fault_alloc.h"
#include "tests/unit/fault_ops.h"
#include "tests/unit/parse_fixture.h"

#define CHILD_SECONDS	60	/* a run that takes longer hangs */

/* How the runs of one operation ended. */
struct fa_tally {
	long	 total;			/* allocations of the unfaulted run */
	long	 points, done, errors, aborts, missed;
	char	*defect;		/* the first defect, or NULL */
};

static char tmpl[128];			/* the database each run starts from */

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
fa_fork(const struct fault_op *op, long n, long *count, char **err)
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
fa_sweep(const struct fault_op *op, long dense, long sparse, struct fa_tally *t)
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
	pts = fr_points(total, all != NULL ? total : dense * fault_scale(),
	    all != NULL ? 0 : sparse * fault_scale(), 0x5eed, &npts);
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
	t->total = total;
}

/* Prints how the runs of name ended, for the log. */
static void
fa_print(const char *name, const struct fa_tally *t)
{
	printf("# %s: %ld allocations; %ld fault points: %ld done anyway, %ld "
	    "clean errors, %ld aborted (out of memory), %ld not reached\n", name,
	    t->total, t->points, t->done, t->errors, t->aborts, t->missed);
}

/* Runs op from the database from through fa_sweep (every fault point up
   to dense, then sparse more) and fails on its defect. */
static void
fa_expect_clean(const struct fault_op *op, const char *from, long dense, long sparse)
{
	struct fa_tally t;

	if (!fa_available())
		skip();
	strlcpy_(tmpl, from, sizeof tmpl);
	fa_sweep(op, dense, sparse, &t);
	fa_print(op->name, &t);
	if (t.defect != NULL)
		fail_msg("%s", t.defect);
	assert_true(t.points > 0);
	/* Most points must have hit something: a seam that never fires
	   proves nothing. */
	assert_true(t.errors + t.aborts > t.points / 2);
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

static void
test_a_new_database_survives_a_failed_allocation_at_any_point(void **state)
{
	(void)state;
	fa_expect_clean(&fop_store_new, store_tmpl, 100, 100);
}

static void
test_an_import_is_all_or_nothing_and_audited_under_failed_allocations(void **state)
{
	(void)state;
	fa_expect_clean(&fop_import, store_tmpl, 200, 100);
}

static void
test_an_audit_entry_is_whole_or_unfinished_under_failed_allocations(void **state)
{
	(void)state;
	fa_expect_clean(&fop_audit, store_tmpl, 200, 100);
}

static void
test_a_sweep_stores_all_or_nothing_under_failed_allocations(void **state)
{
	(void)state;
	if (!fa_available())
		skip();
	lab_template();
	fa_expect_clean(&fop_sweep, lab_db, 100, 100);
}

static void
test_a_provisioning_is_audited_as_far_as_it_reached_the_device(void **state)
{
	(void)state;
	if (!fa_available())
		skip();
	lab_template();
	fa_expect_clean(&fop_provision, lab_db, 40, 110);
}

static void
test_every_parser_on_every_fixture_fails_cleanly(void **state)
{
	static const char *const vendors[] = { "huawei", "zte", "acme" };
	static const struct fault_op op = {
		.name = "parsers",
		.open = open_nothing,
		.run = run_parse,
		.close = close_nothing,
	};
	const char *top = getenv("OLTUI_TOP");
	struct fa_tally all = { 0 };
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
			struct fault_op one = op;

			if (de->d_name[0] == '.')
				continue;
			rel = xasprintf("%s/%s", vendors[v], de->d_name);
			fixture_raw = fixture_load(rel, &fixture_len);
			one.name = rel;
			strlcpy_(tmpl, store_tmpl, sizeof tmpl);
			fa_sweep(&one, 8, 8, &t);
			if (t.defect != NULL)
				fail_msg("%s", t.defect);
			all.total += t.total;
			all.points += t.points;
			all.done += t.done;
			all.errors += t.errors;
			all.aborts += t.aborts;
			all.missed += t.missed;
			free(fixture_raw);
			free(rel);
			files++;
		}
		closedir(d);
		free(path);
	}
	fa_print("every parser on every fixture", &all);
	printf("# (%zu fixtures)\n", files);
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
	return cmocka_run_group_tests(tests, fault_setup, fault_teardown);
}
