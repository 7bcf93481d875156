/* test_fault_sqlite.c — the SQLite seam (tests/unit/fault_vfs.h): a disk
   that fills up, a disk that reports an I/O error, a database another
   connection keeps locked, at every write, sync or lock request of an
   import, an audit entry, a sweep and a provisioning (fault_ops.h).  Each
   run either succeeds or fails with a cause that names the database; the
   database afterwards passes fr_db_problem() (integrity, foreign keys, a
   consistent audit trail) and the operation's own check.  A write lock
   held by another connection longer than the busy timeout is refused with
   the same kind of message. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "tests/unit/fault_ops.h"
#include "tests/unit/fault_vfs.h"

/* How the runs of one operation under one kind of fault ended. */
struct fv_tally {
	long	 points, done, errors, missed;
	char	*defect;		/* the first defect, or NULL */
};

/* Runs op once from the database from with kind k armed at call n (0:
   counting only).  Returns run()'s status; *cause gets its cause. */
static int
fv_once(const struct fault_op *op, const char *from, enum fv_kind k, long n,
    long *calls, bool *fired, char **cause)
{
	void *ctx;
	int rc;

	fr_remove_db(db);
	fr_copy(from, db);
	if (op->reset != NULL)
		op->reset();
	if ((ctx = op->open()) == NULL)
		fail_msg("%s: cannot open its context", op->name);
	*cause = NULL;
	fv_arm(k, n);
	rc = op->run(ctx, cause);
	*calls = fv.calls;
	*fired = fv_disarm();
	op->close(ctx);
	return rc;
}

/* Runs op under kind k at every fault point (every one up to dense, then
   sparse more) and tallies how the runs ended. */
static void
fv_sweep(const struct fault_op *op, const char *from, enum fv_kind k, long dense,
    long sparse, struct fv_tally *t)
{
	long total, calls, *pts;
	char *cause;
	size_t npts;
	bool fired;

	memset(t, 0, sizeof *t);
	if (fv_once(op, from, k, 0, &total, &fired, &cause) != 0)
		fail_msg("%s: the unfaulted run failed: %s", op->name, cause);
	pts = fr_points(total, dense, sparse, 0x5eed + k, &npts);
	for (size_t i = 0; i < npts && t->defect == NULL; i++) {
		char *problem = NULL;
		int rc = fv_once(op, from, k, pts[i], &calls, &fired, &cause);

		t->points++;
		if (getenv("FAULT_TRACE") != NULL)
			fprintf(stderr, "fv: point %ld: rc %d, fired %d: %s\n", pts[i], rc,
			    fired, cause != NULL ? cause : "");
		if (!fired)
			t->missed++;
		else if (rc == 0)
			t->done++;
		else
			t->errors++;
		if (fired && rc != 0 && (cause == NULL || strstr(cause, db) == NULL))
			problem = xasprintf("the error does not name the database: %s",
			    cause != NULL ? cause : "(no cause)");
		if (problem == NULL)
			problem = fr_db_problem(db);
		if (problem == NULL && op->check != NULL)
			problem = op->check(rc == 0 ? 0 : 1);
		if (problem != NULL)
			t->defect = xasprintf("%s, %s at call %ld of %ld: %s%s%s", op->name,
			    fv_names[k], pts[i], total, problem, cause != NULL ?
			    "; it said: " : "", cause != NULL ? cause : "");
		free(problem);
		free(cause);
	}
	free(pts);
	printf("# %s, %s: %ld calls; %ld fault points: %ld done anyway, %ld clean "
	    "errors, %ld not reached\n", op->name, fv_names[k], total, t->points,
	    t->done, t->errors, t->missed);
}

/* Runs op under every kind of fault and fails on a defect. */
static void
fv_expect_clean(const struct fault_op *op, const char *from, long dense, long sparse)
{
	for (int k = 0; k < FV_KINDS; k++) {
		struct fv_tally t;

		fv_sweep(op, from, (enum fv_kind)k, dense, sparse, &t);
		if (t.defect != NULL)
			fail_msg("%s", t.defect);
		assert_true(t.points > 0);
	}
}

static int
setup(void **state)
{
	fv_register();
	return fault_setup(state);
}

static void
test_an_import_under_disk_faults_is_all_or_nothing_and_audited(void **state)
{
	(void)state;
	fv_expect_clean(&fop_import, store_tmpl, 60, 20);
}

static void
test_an_audit_entry_under_disk_faults_is_whole_or_unfinished(void **state)
{
	(void)state;
	fv_expect_clean(&fop_audit, store_tmpl, 60, 20);
}

static void
test_a_sweep_under_disk_faults_stores_all_or_nothing(void **state)
{
	(void)state;
	lab_template();
	fv_expect_clean(&fop_sweep, lab_db, 40, 20);
}

static void
test_a_provisioning_under_disk_faults_is_audited_as_far_as_it_went(void **state)
{
	(void)state;
	lab_template();
	fv_expect_clean(&fop_provision, lab_db, 30, 15);
}

static void
test_a_write_lock_held_too_long_is_refused_naming_the_database(void **state)
{
	struct store *st;
	struct inv_counts c;
	sqlite3 *other;
	char *cause = NULL;
	int64_t t0;

	(void)state;
	fr_remove_db(db);
	fr_copy(store_tmpl, db);
	st = store_open(db, &cause);
	assert_non_null(st);
	other = fr_open(db);
	assert_int_equal(sqlite3_exec(other, "BEGIN IMMEDIATE", NULL, NULL, NULL), SQLITE_OK);
	t0 = mono_ms();
	assert_int_equal(inv_import_text(st, import_csv, "fault.csv", &c, &cause), -1);
	/* It waited for the other writer (the busy timeout), then gave up. */
	assert_true(mono_ms() - t0 >= 5000);
	assert_non_null(strstr(cause, db));
	assert_non_null(strstr(cause, "locked"));
	assert_non_null(strstr(cause, "another oltui"));
	free(cause);
	sqlite3_exec(other, "ROLLBACK", NULL, NULL, NULL);
	sqlite3_close(other);
	store_close(st);
	assert_null(fr_db_problem(db));
	assert_int_equal(db_int("SELECT count(*) FROM contracts"), 0);
	assert_int_equal(db_int("SELECT count(*) FROM audit"), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_an_import_under_disk_faults_is_all_or_nothing_and_audited),
		cmocka_unit_test(test_an_audit_entry_under_disk_faults_is_whole_or_unfinished),
		cmocka_unit_test_teardown(test_a_sweep_under_disk_faults_stores_all_or_nothing,
		    lab_teardown),
		cmocka_unit_test_teardown(test_a_provisioning_under_disk_faults_is_audited_as_far_as_it_went,
		    lab_teardown),
		cmocka_unit_test(test_a_write_lock_held_too_long_is_refused_naming_the_database),
	};
	if (getenv("FAULT_TEST") != NULL)	/* one test, by a part of its name */
		cmocka_set_test_filter(getenv("FAULT_TEST"));
	return cmocka_run_group_tests(tests, setup, fault_teardown);
}
