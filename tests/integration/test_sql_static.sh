#!/bin/bash
# No SQL text is built from input (docs/security.md, "SQL injection"):
# every statement oltui runs is a constant of its source, and values are
# bound (sqlite3_bind_*).  tests/integration/sql_check.py reads the C
# sources; here it passes on the tree and fails on each way of breaking
# the rule, so it is a check that can fail.
source "$OLTUI_TOP/tests/lib.sh"
cd "$OLTUI_TOP"
CHECK=tests/integration/sql_check.py

out=$(/usr/bin/python3 "$CHECK" 2>&1); rc=$?
is "$rc" 0 "every statement in core, lib, tui, drivers and the lab is a constant"
diag "$out"

# Constants pass: literals, static arrays of literals and column macros, a
# ternary of them, a helper given constants, a version PRAGMA of an integer.
cat >"$TMPD/good.c" <<'C'
#define COLS "id, name"
#define COL(type, name) ", " #name
static const char sql_a[] = "SELECT " COLS " FROM olts WHERE id = ?1";
static const char sql_b[] = "SELECT id" FIELDS(COL) " FROM olt_state";
static int
one(struct store *st, const char *sql, char **cause)
{
	return store_stmt(st, sql, cause) != NULL;
}
int
use(struct store *st, int many, int v, char **cause)
{
	char *sql;

	one(st, sql_a, cause);
	one(st, "DELETE FROM olts WHERE id = ?1", cause);
	store_stmt(st, many ? sql_a : sql_b, cause);
	sql = xasprintf("PRAGMA user_version = %d", v);
	return store_exec(st, sql, cause);
}
C
out=$(/usr/bin/python3 "$CHECK" "$TMPD/good.c" 2>&1); rc=$?
is "$rc" 0 "constants, column macros and an integer PRAGMA pass"
diag "$out"

# Each breach is named by its file and line.
bad() {	# name, body
	printf '%s\n' "$2" >"$TMPD/bad.c"
	out=$(/usr/bin/python3 "$CHECK" "$TMPD/bad.c" 2>&1); rc=$?
	is "$rc" 1 "caught: $1"
	like "$out" "bad.c:[0-9]+: " "and named by its line: $1"
}
bad "a statement formatted from a name" 'int
f(struct store *st, const char *name, char **cause)
{
	char *sql = xasprintf("SELECT id FROM olts WHERE name = %s", name);
	return store_stmt(st, sql, cause) != NULL;
}'
bad "a statement in a buffer" 'int
f(struct store *st, const char *name, char **cause)
{
	char buf[256];

	snprintf(buf, sizeof buf, "DELETE FROM olts WHERE name = '"'"'%s'"'"'", name);
	return store_exec(st, buf, cause);
}'
bad "a helper given a run-time statement" 'static int
one(struct store *st, const char *sql, char **cause)
{
	return store_stmt(st, sql, cause) != NULL;
}
int
f(struct store *st, char *text, char **cause)
{
	return one(st, text, cause);
}'
bad "SQL formatted with text, even unused" 'void
f(const char *n)
{
	char *q = sqlite3_mprintf("UPDATE olts SET name = %Q", n);
	sqlite3_free(q);
}'
bad "sqlite3_exec of a variable" 'int
f(sqlite3 *db, const char *user_sql)
{
	return sqlite3_exec(db, user_sql, NULL, NULL, NULL);
}'
done_testing
