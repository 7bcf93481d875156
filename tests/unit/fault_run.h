/* fault_run.h — what the fault-seam suites (test_fault_alloc.c,
   test_fault_sqlite.c) share: copying a prepared database, the list of
   fault points to try, and the check every run ends with.

   fr_db_problem() is the outcome check: after any fault the database must
   pass PRAGMA integrity_check and foreign_key_check, and the audit trail
   must be consistent — every entry either ended with a known outcome, its
   finish time and duration, or is still "started" (read back as "did not
   finish" once its process is gone); its steps are numbered 1..k with no
   gap, each ok, failed or "sending" (sent, its answer not recorded: a
   trail that failed between the two keeps naming the command).  An entry
   is whole, or it says that it did not finish.

   Static helpers, included by those programs. */
#ifndef OLTUI_FAULT_RUN_H
#define OLTUI_FAULT_RUN_H

#include <fcntl.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lib/util.h"

/* Copies the file src to dst, replacing dst. */
static void UNUSED
fr_copy(const char *src, const char *dst)
{
	char chunk[65536];
	int in = open(src, O_RDONLY), out;
	ssize_t n;

	if (in == -1)
		fail_msg("cannot read %s", src);
	out = open(dst, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (out == -1)
		fail_msg("cannot write %s", dst);
	while ((n = read(in, chunk, sizeof chunk)) > 0)
		if (write(out, chunk, (size_t)n) != n)
			fail_msg("cannot write %s", dst);
	close(in);
	close(out);
}

/* Removes path and its -wal and -shm files. */
static void UNUSED
fr_remove_db(const char *path)
{
	char *w = xasprintf("%s-wal", path), *s = xasprintf("%s-shm", path);

	unlink(path);
	unlink(w);
	unlink(s);
	free(w);
	free(s);
}

/* The first column of the first row of sql on db, as an integer (-1 when
   there is no row or an error). */
static long UNUSED
fr_int(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *q;
	long v = -1;

	if (sqlite3_prepare_v2(db, sql, -1, &q, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(q) == SQLITE_ROW)
		v = sqlite3_column_int64(q, 0);
	sqlite3_finalize(q);
	return v;
}

/* Opens path read-write with the plain unix VFS (no seam), or fails. */
static sqlite3 * UNUSED
fr_open(const char *path)
{
	sqlite3 *db = NULL;

	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, "unix") != SQLITE_OK)
		fail_msg("cannot open %s: %s", path, db != NULL ? sqlite3_errmsg(db) : "?");
	sqlite3_busy_timeout(db, 5000);
	return db;
}

/* What is wrong with the database at path, as an allocated text; NULL when
   it is intact and its audit trail consistent.  A database never created
   (no file, or 0 bytes) is intact. */
static char * UNUSED
fr_db_problem(const char *path)
{
	static const struct {
		const char	*sql;		/* counts the rows that are wrong */
		const char	*what;
	} audit_rules[] = {
		{ "SELECT count(*) FROM audit WHERE outcome NOT IN "
		  "('started', 'ok', 'failed', 'undone', 'refused', 'queued')",
		  "an audit entry with an unknown outcome" },
		{ "SELECT count(*) FROM audit WHERE outcome <> 'started' AND "
		  "(finished_at IS NULL OR duration_ms IS NULL)",
		  "an ended audit entry without its finish time or duration" },
		{ "SELECT count(*) FROM audit WHERE action = ''",
		  "an audit entry without its action" },
		{ "SELECT count(*) FROM (SELECT audit_id, count(*) n, max(seq) m, "
		  "min(seq) f FROM audit_steps GROUP BY audit_id) WHERE n <> m OR f <> 1",
		  "audit steps numbered with a gap" },
		{ "SELECT count(*) FROM audit_steps WHERE ok NOT IN (0, 1, 2)",
		  "a step neither ok, failed nor \"sending\"" },
	};
	sqlite3 *db;
	char *why = NULL;
	const char *r;
	sqlite3_stmt *q;

	if (access(path, F_OK) != 0)
		return NULL;
	db = fr_open(path);
	if (fr_int(db, "SELECT count(*) FROM sqlite_master") <= 0) {
		sqlite3_close(db);
		return NULL;	/* created, never written: SQLite's "empty" */
	}
	if (sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &q, NULL) != SQLITE_OK)
		why = xasprintf("integrity_check: %s", sqlite3_errmsg(db));
	else {
		if (sqlite3_step(q) != SQLITE_ROW ||
		    strcmp(r = (const char *)sqlite3_column_text(q, 0), "ok") != 0)
			why = xasprintf("integrity_check: %s", sqlite3_errmsg(db));
		sqlite3_finalize(q);
	}
	if (why == NULL && fr_int(db, "SELECT count(*) FROM pragma_foreign_key_check") > 0)
		why = xstrdup("foreign_key_check found rows without their parent");
	if (why == NULL && fr_int(db, "SELECT count(*) FROM sqlite_master WHERE "
	    "name = 'audit_steps'") == 1) {
		for (size_t i = 0; i < nitems(audit_rules) && why == NULL; i++) {
			long n = fr_int(db, audit_rules[i].sql);

			if (n != 0)
				why = xasprintf("%s (%ld)", audit_rules[i].what, n);
		}
	}
	sqlite3_close(db);
	return why;
}

/* The fault points to try for an operation that makes `total` calls: every
   one up to `dense`, then `sparse` more spread evenly over the rest, with
   a seeded jitter so that neighbouring runs of different operations do not
   always hit the same phase.  *n gets the count; the caller frees. */
static long * UNUSED
fr_points(long total, long dense, long sparse, unsigned seed, size_t *n)
{
	long *v = xcalloc((size_t)(dense + sparse + 1), sizeof *v);
	size_t k = 0;

	for (long i = 1; i <= total && i <= dense; i++)
		v[k++] = i;
	if (total > dense && sparse > 0) {
		double step = (double)(total - dense) / (double)sparse;

		for (long j = 0; j < sparse; j++) {
			seed = seed * 1103515245u + 12345u;
			long p = dense + 1 + (long)(j * step + (seed >> 8) % (unsigned)(step > 1 ? step : 1));

			if (p > total)
				p = total;
			if (p > v[k - 1])
				v[k++] = p;
		}
	}
	*n = k;
	return v;
}

#endif
