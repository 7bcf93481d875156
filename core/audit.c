/*
 * audit.c — the append-only audit trail (see audit.h for the contract).
 *
 * Crash safety comes from the order of writes: the entry is committed as
 * "started" before the first command goes out, each step is committed as it
 * is recorded, and the end is one UPDATE.  An entry left "started" by a
 * process that no longer exists reads as "did not finish".  Masking happens
 * here, before any text reaches SQLite, so neither the database file nor
 * its WAL ever holds a registered secret.
 *
 * Runs on the thread that owns the store handle.
 */
#include "core/audit.h"
#include "core/store_impl.h"
#include "lib/util.h"

#include <ctype.h>
#include <errno.h>
#include <pwd.h>
#include <signal.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#define MASK		"***"
#define ANSWER_MAX	(256 * 1024)	/* longer answers are cut, marked so */

static const char *const outcome_names[] = { "ok", "failed", "undone", "refused",
    "queued" };

/* Words whose next token is a secret. */
static const char *const secret_words[] = {
	"password", "passwd", "pwd", "pw", "community", "secret",
	"password-auth", "pppoe-password", "auth-password", "shared-secret",
};
/* Words that may sit between a secret word and the secret. */
static const char *const secret_fillers[] = {
	"cipher", "simple", "read", "write", "ro", "rw", "0", "7", ":", "=",
};

static const char sql_begin[] =
    "INSERT INTO audit (started_at, started_ms, os_user, pid, contract, olt, "
    "ont_sn, action) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
static const char sql_state[] = "SELECT outcome FROM audit WHERE id = ?1";
static const char sql_step[] =
    "INSERT INTO audit_steps (audit_id, seq, t, command, answer, ok) "
    "SELECT ?1, coalesce(max(seq), 0) + 1, ?2, ?3, ?4, ?5 FROM audit_steps "
    "WHERE audit_id = ?1";
static const char sql_end[] =
    "UPDATE audit SET outcome = ?2, cause = ?3, finished_at = ?4, "
    "duration_ms = max(0, ?5 - started_ms) WHERE id = ?1 AND outcome = 'started'";
static const char sql_list[] =
    "SELECT id, started_at, coalesce(finished_at, 0), os_user, pid, contract, olt, "
    "ont_sn, action, outcome, cause, coalesce(duration_ms, -1) FROM audit "
    "WHERE (?1 IS NULL OR contract = ?1) AND (?2 IS NULL OR ont_sn = ?2) "
    "AND (?3 IS NULL OR olt = ?3) AND (?5 = 0 OR id = ?5) ORDER BY id LIMIT ?4";
static const char sql_replay_set[] =
    "INSERT INTO audit_replay (audit_id, plan) VALUES (?1, ?2)";
static const char sql_replay_get[] =
    "SELECT plan FROM audit_replay WHERE audit_id = ?1";
static const char sql_steps[] =
    "SELECT seq, t, command, answer, ok FROM audit_steps WHERE audit_id = ?1 "
    "ORDER BY seq";

const char *
audit_outcome_name(enum audit_outcome o)
{
	return (size_t)o < nitems(outcome_names) ? outcome_names[o] : "failed";
}

/* Wall-clock milliseconds since the epoch. */
static int64_t
wall_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* The login name of the effective user, or "uid N". */
static char *
os_user(void)
{
	struct passwd *pw = getpwuid(geteuid());

	if (pw != NULL && pw->pw_name != NULL)
		return xstrdup(pw->pw_name);
	return xasprintf("uid %ld", (long)geteuid());
}

char *
audit_os_user(void)
{
	return os_user();
}

void
audit_secret(struct store *st, const char *secret)
{
	if (secret == NULL || secret[0] == '\0')
		return;
	for (size_t i = 0; i < st->nsecrets; i++)
		if (strcmp(st->secrets[i], secret) == 0)
			return;
	st->secrets = xreallocarray(st->secrets, st->nsecrets + 1, sizeof *st->secrets);
	st->secrets[st->nsecrets++] = xstrdup(secret);
}

/* True if word (len bytes, compared without case and surrounding quotes
   or a trailing ':' / '=') is one of list[0..n). */
static bool
word_in(const char *word, size_t len, const char *const *list, size_t n)
{
	while (len > 0 && (*word == '"' || *word == '\'')) {
		word++;
		len--;
	}
	while (len > 0 && strchr("\"':=", word[len - 1]) != NULL && len > 1)
		len--;
	for (size_t i = 0; i < n; i++)
		if (strlen(list[i]) == len && strncasecmp(word, list[i], len) == 0)
			return true;
	return false;
}

/* True if the key of a key=value token ends with a secret word. */
static bool
secret_key(const char *tok, size_t keylen)
{
	static const char *const tails[] = { "password", "passwd", "community", "secret" };

	for (size_t i = 0; i < nitems(tails); i++) {
		size_t tl = strlen(tails[i]);

		if (keylen >= tl && strncasecmp(tok + keylen - tl, tails[i], tl) == 0)
			return true;
	}
	return false;
}

/* Masks values after secret words and in key=value pairs, line by line. */
static char *
mask_keywords(const char *text)
{
	struct buf b = { 0 };
	const char *p = text;
	int pending = 0;	/* 1: the next real token is a secret */

	while (*p != '\0') {
		const char *start = p;
		size_t len;

		if (isspace((unsigned char)*p)) {
			if (*p == '\n')
				pending = 0;
			buf_addc(&b, *p++);
			continue;
		}
		while (*p != '\0' && !isspace((unsigned char)*p))
			p++;
		len = (size_t)(p - start);
		if (pending && !word_in(start, len, secret_fillers, nitems(secret_fillers))) {
			buf_adds(&b, MASK);
			pending = 0;
			continue;
		}
		if (word_in(start, len, secret_words, nitems(secret_words))) {
			buf_add(&b, start, len);
			pending = 1;
			continue;
		}
		const char *eq = memchr(start, '=', len);
		if (eq != NULL && eq != start && eq + 1 < p &&
		    secret_key(start, (size_t)(eq - start))) {
			buf_add(&b, start, (size_t)(eq - start) + 1);
			buf_adds(&b, MASK);
			continue;
		}
		buf_add(&b, start, len);
	}
	return buf_take(&b);
}

char *
audit_mask_secrets(const struct store *st, const char *text)
{
	char *cur = xstrdup(text != NULL ? text : "");

	for (size_t i = 0; i < st->nsecrets; i++) {
		const char *sec = st->secrets[i], *p, *q;
		struct buf b = { 0 };
		size_t sl = strlen(sec);

		if (strstr(cur, sec) == NULL)
			continue;
		for (p = cur; (q = strstr(p, sec)) != NULL; p = q + sl) {
			buf_add(&b, p, (size_t)(q - p));
			buf_adds(&b, MASK);
		}
		buf_adds(&b, p);
		free(cur);
		cur = buf_take(&b);
	}
	return cur;
}

char *
audit_mask(const struct store *st, const char *text)
{
	char *cur = audit_mask_secrets(st, text), *out;

	out = mask_keywords(cur);
	free(cur);
	return out;
}

int64_t
audit_begin(struct store *st, const struct audit_start *a, char **cause)
{
	sqlite3_stmt *s;
	char *user, *fields[4];
	int rc;

	if (a->action == NULL || a->action[0] == '\0') {
		set_cause(cause, "an audit entry needs an action");
		return -1;
	}
	if (!sqlite3_get_autocommit(st->db)) {
		set_cause(cause, "audit_begin inside a transaction: the entry "
		    "would not survive a crash");
		return -1;
	}
	if ((s = store_stmt(st, sql_begin, cause)) == NULL)
		return -1;
	user = a->user != NULL ? xstrdup(a->user) : os_user();
	fields[0] = audit_mask(st, a->contract);
	fields[1] = audit_mask(st, a->olt);
	fields[2] = audit_mask(st, a->ont_sn);
	fields[3] = audit_mask(st, a->action);
	sqlite3_bind_int64(s, 1, now_s());
	sqlite3_bind_int64(s, 2, wall_ms());
	store_bind_text(s, 3, user);
	sqlite3_bind_int64(s, 4, (sqlite3_int64)getpid());
	for (int i = 0; i < 4; i++)
		store_bind_text(s, 5 + i, fields[i]);
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	free(user);
	for (int i = 0; i < 4; i++)
		free(fields[i]);
	if (rc != SQLITE_DONE)
		return store_fail(st, cause, "writing the audit trail");
	return sqlite3_last_insert_rowid(st->db);
}

/* 1 if entry id exists and is still "started", 0 if ended, -1 if absent. */
static int
entry_open(struct store *st, int64_t id, char **cause)
{
	sqlite3_stmt *s = store_stmt(st, sql_state, cause);
	int rc, open = -1;

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		open = strcmp((const char *)sqlite3_column_text(s, 0), "started") == 0;
	sqlite3_reset(s);
	if (rc == SQLITE_DONE)
		set_cause(cause, "no audit entry %lld", (long long)id);
	else if (rc != SQLITE_ROW)
		store_fail(st, cause, "reading the audit trail");
	else if (!open)
		set_cause(cause, "audit entry %lld has already ended", (long long)id);
	return open;
}

int
audit_step(struct store *st, int64_t id, const char *command, const char *answer,
    bool ok, char **cause)
{
	sqlite3_stmt *s;
	char *c, *a;
	int rc;

	if (entry_open(st, id, cause) != 1)
		return -1;
	if ((s = store_stmt(st, sql_step, cause)) == NULL)
		return -1;
	c = audit_mask(st, command);
	a = audit_mask(st, answer);
	if (strlen(a) > ANSWER_MAX) {
		a[ANSWER_MAX] = '\0';
		char *t = xasprintf("%s\n[answer cut at %d bytes]", a, ANSWER_MAX);
		free(a);
		a = t;
	}
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int64(s, 2, now_s());
	store_bind_text(s, 3, c);
	store_bind_text(s, 4, a);
	sqlite3_bind_int(s, 5, ok ? 1 : 0);
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	free(c);
	free(a);
	if (rc != SQLITE_DONE)
		return store_fail(st, cause, "writing an audit step");
	return 0;
}

int
audit_end(struct store *st, int64_t id, enum audit_outcome outcome,
    const char *why, char **cause)
{
	sqlite3_stmt *s;
	char *w;
	int rc;

	if (entry_open(st, id, cause) != 1)
		return -1;
	if ((s = store_stmt(st, sql_end, cause)) == NULL)
		return -1;
	w = audit_mask(st, why);
	sqlite3_bind_int64(s, 1, id);
	store_bind_text(s, 2, audit_outcome_name(outcome));
	store_bind_text(s, 3, w);
	sqlite3_bind_int64(s, 4, now_s());
	sqlite3_bind_int64(s, 5, wall_ms());
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	free(w);
	if (rc != SQLITE_DONE)
		return store_fail(st, cause, "ending an audit entry");
	return 0;
}

/* True if process pid still exists on this machine. */
static bool
pid_alive(long pid)
{
	if (pid <= 0)
		return false;
	if (pid == (long)getpid())
		return true;
	return kill((pid_t)pid, 0) == 0 || errno == EPERM;
}

/* Reads the steps of e. */
static int
read_steps(struct store *st, struct audit_entry *e, char **cause)
{
	sqlite3_stmt *s = store_stmt(st, sql_steps, cause);
	size_t cap = 0;
	int rc;

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, e->id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct audit_step_row *r;

		e->steps = store_grow(e->steps, e->nsteps, &cap, sizeof *e->steps);
		r = &e->steps[e->nsteps++];
		r->seq = sqlite3_column_int(s, 0);
		r->t = sqlite3_column_int64(s, 1);
		r->command = xstrdup((const char *)sqlite3_column_text(s, 2));
		r->answer = xstrdup((const char *)sqlite3_column_text(s, 3));
		r->ok = sqlite3_column_int(s, 4) != 0;
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0 : store_fail(st, cause, "reading audit steps");
}

/* Binds text, or NULL when v is NULL. */
static void
bind_opt(sqlite3_stmt *s, int i, const char *v)
{
	if (v == NULL)
		sqlite3_bind_null(s, i);
	else
		store_bind_text(s, i, v);
}

int
audit_list(struct store *st, const struct audit_filter *f,
    struct audit_entry **out, size_t *n, char **cause)
{
	sqlite3_stmt *s = store_stmt(st, sql_list, cause);
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (s == NULL)
		return -1;
	bind_opt(s, 1, f != NULL ? f->contract : NULL);
	bind_opt(s, 2, f != NULL ? f->ont_sn : NULL);
	bind_opt(s, 3, f != NULL ? f->olt : NULL);
	sqlite3_bind_int64(s, 4, f != NULL && f->limit > 0 ? (sqlite3_int64)f->limit : -1);
	sqlite3_bind_int64(s, 5, f != NULL ? (sqlite3_int64)f->id : 0);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct audit_entry *e;
		long pid;

		*out = store_grow(*out, *n, &cap, sizeof **out);
		e = &(*out)[(*n)++];
		memset(e, 0, sizeof *e);
		e->id = sqlite3_column_int64(s, 0);
		e->started_at = sqlite3_column_int64(s, 1);
		e->finished_at = sqlite3_column_int64(s, 2);
		store_col_text(s, 3, e->user, sizeof e->user);
		pid = (long)sqlite3_column_int64(s, 4);
		store_col_text(s, 5, e->contract, sizeof e->contract);
		store_col_text(s, 6, e->olt, sizeof e->olt);
		store_col_text(s, 7, e->ont_sn, sizeof e->ont_sn);
		store_col_text(s, 8, e->action, sizeof e->action);
		store_col_text(s, 9, e->outcome, sizeof e->outcome);
		store_col_text(s, 10, e->cause, sizeof e->cause);
		e->duration_ms = sqlite3_column_int64(s, 11);
		if (strcmp(e->outcome, "started") == 0)
			strlcpy_(e->outcome, pid_alive(pid) ? "in progress" :
			    "did not finish", sizeof e->outcome);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		store_fail(st, cause, "reading the audit trail");
		audit_entries_free(*out, *n);
		*out = NULL;
		*n = 0;
		return -1;
	}
	for (size_t i = 0; i < *n; i++) {
		if (read_steps(st, &(*out)[i], cause) == -1) {
			audit_entries_free(*out, *n);
			*out = NULL;
			*n = 0;
			return -1;
		}
	}
	return 0;
}

void
audit_entries_free(struct audit_entry *e, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		for (size_t j = 0; j < e[i].nsteps; j++) {
			free(e[i].steps[j].command);
			free(e[i].steps[j].answer);
		}
		free(e[i].steps);
	}
	free(e);
}

int
audit_replay_set(struct store *st, int64_t id, const char *json, char **cause)
{
	sqlite3_stmt *s = store_stmt(st, sql_replay_set, cause);
	int rc;

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_text(s, 2, json, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return store_fail(st, cause, "recording the undo of an audit entry");
	return 0;
}

int
audit_replay_get(struct store *st, int64_t id, char **json, char **cause)
{
	sqlite3_stmt *s = store_stmt(st, sql_replay_get, cause);
	int rc;

	*json = NULL;
	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*json = xstrdup((const char *)sqlite3_column_text(s, 0));
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(st, cause, "reading the undo of an audit entry");
	return rc == SQLITE_ROW ? 1 : 0;
}
