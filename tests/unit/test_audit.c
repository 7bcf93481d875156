/* test_audit.c — the audit trail: begin/step/end, reading per contract, ONT
   and OLT, entries that never finished, masking, append-only. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/audit.h"
#include "core/store.h"
#include "lib/util.h"

#define SECRET "Tr0ub4dor&3-xyzzy"

struct fx {
	char dir[64];
	char *path;
	struct store *st;
};

static int
setup(void **state)
{
	struct fx *f = xcalloc(1, sizeof *f);
	char *cause = NULL;

	strcpy(f->dir, "/tmp/oltui-audit.XXXXXX");
	if (mkdtemp(f->dir) == NULL)
		return -1;
	f->path = xasprintf("%s/oltui.db", f->dir);
	if ((f->st = store_open(f->path, &cause)) == NULL)
		return -1;
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fx *f = *state;
	char *cmd = xasprintf("rm -rf %s", f->dir);

	store_close(f->st);
	if (system(cmd) != 0)
		fprintf(stderr, "cannot remove %s\n", f->dir);
	free(cmd);
	free(f->path);
	free(f);
	return 0;
}

/* Starts an entry for contract/ont/olt. */
static int64_t
begin(struct store *st, const char *contract, const char *sn, const char *olt)
{
	struct audit_start a = {
		.user = "tech1", .contract = contract, .ont_sn = sn, .olt = olt,
		.action = "ont add",
	};
	char *cause = NULL;
	int64_t id = audit_begin(st, &a, &cause);

	if (id <= 0)
		fail_msg("audit_begin: %s", cause);
	return id;
}

static void
test_a_finished_entry_reads_back_with_its_steps(void **state)
{
	struct fx *f = *state;
	struct audit_entry *e;
	size_t n;
	char *cause = NULL;
	int64_t id = begin(f->st, "C-1", "HWTC00000001", "pop");

	assert_int_equal(audit_step(f->st, id, "interface gpon 0/1", "", true, &cause), 0);
	assert_int_equal(audit_step(f->st, id, "ont add 0 5 sn-auth HWTC00000001",
	    "Number of ONTs that can be added: 1, success: 1", true, &cause), 0);
	assert_int_equal(audit_end(f->st, id, AUDIT_OK, NULL, &cause), 0);
	assert_int_equal(audit_list(f->st, NULL, &e, &n, &cause), 0);
	assert_int_equal(n, 1);
	assert_string_equal(e[0].user, "tech1");
	assert_string_equal(e[0].contract, "C-1");
	assert_string_equal(e[0].ont_sn, "HWTC00000001");
	assert_string_equal(e[0].olt, "pop");
	assert_string_equal(e[0].action, "ont add");
	assert_string_equal(e[0].outcome, "ok");
	assert_true(e[0].duration_ms >= 0);
	assert_true(e[0].finished_at >= e[0].started_at);
	assert_int_equal(e[0].nsteps, 2);
	assert_int_equal(e[0].steps[1].seq, 2);
	assert_string_equal(e[0].steps[1].command, "ont add 0 5 sn-auth HWTC00000001");
	assert_true(e[0].steps[1].ok);
	audit_entries_free(e, n);
}

static void
test_default_user_is_the_os_user(void **state)
{
	struct fx *f = *state;
	struct audit_start a = { .action = "olt add" };
	struct audit_entry *e;
	size_t n;
	char *cause = NULL;

	assert_true(audit_begin(f->st, &a, &cause) > 0);
	assert_int_equal(audit_list(f->st, NULL, &e, &n, &cause), 0);
	assert_int_equal(n, 1);
	assert_true(e[0].user[0] != '\0');
	audit_entries_free(e, n);
	a.action = NULL;
	assert_int_equal(audit_begin(f->st, &a, &cause), -1);
	free(cause);
}

static void
test_entry_of_a_killed_process_reads_did_not_finish(void **state)
{
	struct fx *f = *state;
	struct audit_entry *e;
	size_t n;
	char *cause = NULL;
	int status;
	pid_t pid;

	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		struct store *st = store_open(f->path, NULL);
		int64_t id = begin(st, "C-9", "ZTEG00000009", "z");

		audit_step(st, id, "onu 9 type F660 sn ZTEG00000009", "", true, NULL);
		raise(SIGKILL);	/* dies mid-action, never calls audit_end */
		_exit(0);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	/* One still running in this process reads as in progress. */
	begin(f->st, "C-10", NULL, NULL);
	assert_int_equal(audit_list(f->st, NULL, &e, &n, &cause), 0);
	assert_int_equal(n, 2);
	assert_string_equal(e[0].outcome, "did not finish");
	assert_int_equal(e[0].duration_ms, -1);
	assert_int_equal(e[0].finished_at, 0);
	assert_int_equal(e[0].nsteps, 1);
	assert_string_equal(e[1].outcome, "in progress");
	audit_entries_free(e, n);
}

static void
test_filters_by_contract_ont_and_olt(void **state)
{
	struct fx *f = *state;
	struct audit_filter flt = { 0 };
	struct audit_entry *e;
	size_t n;
	char *cause = NULL;

	audit_end(f->st, begin(f->st, "A", "SN1", "olt1"), AUDIT_OK, NULL, NULL);
	audit_end(f->st, begin(f->st, "B", "SN2", "olt1"), AUDIT_FAILED, "timeout", NULL);
	audit_end(f->st, begin(f->st, "A", "SN3", "olt2"), AUDIT_UNDONE, "x", NULL);
	flt.contract = "A";
	assert_int_equal(audit_list(f->st, &flt, &e, &n, &cause), 0);
	assert_int_equal(n, 2);
	assert_string_equal(e[1].outcome, "undone");
	audit_entries_free(e, n);
	flt.contract = NULL;
	flt.ont_sn = "SN2";
	assert_int_equal(audit_list(f->st, &flt, &e, &n, &cause), 0);
	assert_int_equal(n, 1);
	assert_string_equal(e[0].outcome, "failed");
	assert_string_equal(e[0].cause, "timeout");
	audit_entries_free(e, n);
	flt.ont_sn = NULL;
	flt.olt = "olt1";
	assert_int_equal(audit_list(f->st, &flt, &e, &n, &cause), 0);
	assert_int_equal(n, 2);
	audit_entries_free(e, n);
}

static void
test_ended_entry_cannot_change(void **state)
{
	struct fx *f = *state;
	char *cause = NULL;
	int64_t id = begin(f->st, "C", NULL, NULL);

	assert_int_equal(audit_end(f->st, id, AUDIT_OK, NULL, &cause), 0);
	assert_int_equal(audit_end(f->st, id, AUDIT_FAILED, NULL, &cause), -1);
	assert_non_null(strstr(cause, "already ended"));
	free(cause);
	cause = NULL;
	assert_int_equal(audit_step(f->st, id, "x", "y", true, &cause), -1);
	free(cause);
	cause = NULL;
	assert_int_equal(audit_step(f->st, 12345, "x", "y", true, &cause), -1);
	assert_non_null(strstr(cause, "no audit entry"));
	free(cause);
}

static void
test_database_refuses_to_delete_or_rewrite_the_trail(void **state)
{
	struct fx *f = *state;
	sqlite3 *db;
	int64_t id = begin(f->st, "C", NULL, NULL);

	audit_step(f->st, id, "a", "b", true, NULL);
	audit_end(f->st, id, AUDIT_OK, NULL, NULL);
	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	assert_int_not_equal(sqlite3_exec(db, "DELETE FROM audit", NULL, NULL, NULL), SQLITE_OK);
	assert_non_null(strstr(sqlite3_errmsg(db), "append-only"));
	assert_int_not_equal(sqlite3_exec(db, "UPDATE audit SET outcome = 'failed'",
	    NULL, NULL, NULL), SQLITE_OK);
	assert_int_not_equal(sqlite3_exec(db, "DELETE FROM audit_steps", NULL, NULL,
	    NULL), SQLITE_OK);
	assert_int_not_equal(sqlite3_exec(db, "UPDATE audit_steps SET answer = ''",
	    NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
}

static void
test_begin_inside_a_transaction_is_refused(void **state)
{
	struct fx *f = *state;
	struct audit_start a = { .action = "x" };
	char *cause = NULL;

	assert_int_equal(store_begin(f->st, &cause), 0);
	assert_int_equal(audit_begin(f->st, &a, &cause), -1);
	assert_non_null(strstr(cause, "transaction"));
	free(cause);
	store_rollback(f->st);
}

static void
test_mask_hides_registered_secrets_and_keyword_values(void **state)
{
	struct fx *f = *state;
	char *m;

	audit_secret(f->st, SECRET);
	m = audit_mask(f->st, "login ok, pass " SECRET " end " SECRET);
	assert_null(strstr(m, SECRET));
	assert_string_equal(m, "login ok, pass *** end ***");
	free(m);
	m = audit_mask(f->st, "ont wan 0 pppoe user-name bob password hunter2\n"
	    "next line keeps words");
	assert_string_equal(m, "ont wan 0 pppoe user-name bob password ***\n"
	    "next line keeps words");
	free(m);
	m = audit_mask(f->st, "snmp-agent community read cipher s3cr3t");
	assert_string_equal(m, "snmp-agent community read cipher ***");
	free(m);
	m = audit_mask(f->st, "onu 3 type F660 sn ZTEG1 pw 12345678");
	assert_string_equal(m, "onu 3 type F660 sn ZTEG1 pw ***");
	free(m);
	m = audit_mask(f->st, "GET /devices?PPPoEPassword=abc&x=1 wifi_passwd=zz");
	assert_null(strstr(m, "wifi_passwd=zz"));
	free(m);
	m = audit_mask(f->st, NULL);
	assert_string_equal(m, "");
	free(m);
}

static void
test_no_secret_reaches_the_database_file(void **state)
{
	struct fx *f = *state;
	struct audit_entry *e;
	size_t n;
	char *cmd, *cause = NULL;
	int64_t id;

	audit_secret(f->st, SECRET);
	id = begin(f->st, "C", NULL, NULL);
	audit_step(f->st, id, "login admin " SECRET, "Password: " SECRET "\nok", true, NULL);
	audit_end(f->st, id, AUDIT_FAILED, "auth with " SECRET " refused", NULL);
	assert_int_equal(audit_list(f->st, NULL, &e, &n, &cause), 0);
	assert_null(strstr(e[0].steps[0].command, SECRET));
	assert_null(strstr(e[0].steps[0].answer, SECRET));
	assert_null(strstr(e[0].cause, SECRET));
	audit_entries_free(e, n);
	/* Neither the database nor its WAL holds the secret. */
	cmd = xasprintf("cat %s %s-wal 2>/dev/null | grep -aq -- '%s'", f->path,
	    f->path, SECRET);
	assert_int_not_equal(system(cmd), 0);
	free(cmd);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
		T(test_a_finished_entry_reads_back_with_its_steps),
		T(test_default_user_is_the_os_user),
		T(test_entry_of_a_killed_process_reads_did_not_finish),
		T(test_filters_by_contract_ont_and_olt),
		T(test_ended_entry_cannot_change),
		T(test_database_refuses_to_delete_or_rewrite_the_trail),
		T(test_begin_inside_a_transaction_is_refused),
		T(test_mask_hides_registered_secrets_and_keyword_values),
		T(test_no_secret_reaches_the_database_file),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
