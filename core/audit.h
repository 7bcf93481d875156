/*
 * audit.h — the audit trail: one entry per action, append-only.
 *
 * Every action that changes a device or a customer's service is audited:
 * who (OS user), when, on what (contract, OLT, ONT), what (action name and
 * the exact commands or requests sent, with the device's answers), how it
 * ended (outcome, cause) and how long it took.
 *
 * Call order, from the thread that owns the store handle:
 *
 *   id = audit_begin(st, &start, &cause);      committed at once, "started"
 *   audit_step(st, id, command, answer, ok, &cause);   one per command
 *   audit_end(st, id, AUDIT_OK, NULL, &cause);
 *
 * Each call is its own committed transaction (never call them inside
 * store_begin()), so a crash mid-action leaves a "started" entry with the
 * steps done so far; read back, it says "did not finish" once the process
 * that wrote it is gone.  The database refuses to delete audit rows or to
 * change a finished entry (triggers in schema.c).
 *
 * Secrets never reach the trail: commands, answers and causes are masked
 * before they are written — every string registered with audit_secret() is
 * replaced by "***", and so is the value after a word such as "password",
 * "pw", "community", "secret" or "key" (and in key=value pairs).
 */
#ifndef OLTUI_AUDIT_H
#define OLTUI_AUDIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct store;

enum audit_outcome {
	AUDIT_OK,		/* done and verified */
	AUDIT_FAILED,		/* failed (and nothing to undo, or undo failed) */
	AUDIT_UNDONE,		/* failed, completed steps were undone */
	AUDIT_REFUSED,		/* refused before anything was sent */
	AUDIT_QUEUED,		/* accepted, applied later: an ACS task kept for a
				   router that did not answer in time */
};

/* What an action is about; strings may be NULL (stored as ""). */
struct audit_start {
	const char	*user;		/* NULL: the OS user running oltui */
	const char	*contract;	/* contract code */
	const char	*olt;		/* OLT name */
	const char	*ont_sn;	/* ONT serial */
	const char	*action;	/* "ont add", "acs reboot"; required */
};

/* The login name of the user running oltui (what an entry's user is by
   default), or "uid N".  Caller frees. */
char *audit_os_user(void);

/* Registers a secret to mask in everything written to the trail through
   this handle (a device password, a PPPoE password).  The store keeps a
   copy, wiped when the store closes.  Empty strings are ignored. */
void audit_secret(struct store *st, const char *secret);
/* Returns text with registered secrets and keyword values masked; the
   caller frees it. */
char *audit_mask(const struct store *st, const char *text);
/* The registered secrets only (no keywords): for a message a technician
   reads, which may name a password parameter.  Caller frees. */
char *audit_mask_secrets(const struct store *st, const char *text);

/* Starts an entry and commits it.  Returns its id (> 0), or -1 and a cause. */
int64_t audit_begin(struct store *st, const struct audit_start *a, char **cause);
/* Appends one command (or request) and the answer to entry id, masked.
   Refused once the entry has ended. */
int audit_step(struct store *st, int64_t id, const char *command,
    const char *answer, bool ok, char **cause);
/* Ends entry id with an outcome and a cause line (may be NULL), and records
   the duration.  Refused if the entry already ended. */
int audit_end(struct store *st, int64_t id, enum audit_outcome outcome,
    const char *why, char **cause);

const char *audit_outcome_name(enum audit_outcome o);

/* One command of an entry, as read back. */
struct audit_step_row {
	int		 seq;		/* 1, 2, ... */
	int64_t		 t;		/* epoch seconds */
	char		*command;	/* masked */
	char		*answer;	/* masked */
	bool		 ok;
};

/* One entry, as read back. */
struct audit_entry {
	int64_t		 id;
	int64_t		 started_at;	/* epoch seconds */
	int64_t		 finished_at;	/* 0 if it never ended */
	char		 user[65];
	char		 contract[33];
	char		 olt[33];
	char		 ont_sn[17];
	char		 action[129];
	/* "ok", "failed", "undone", "refused", "queued"; "in progress" while the
	   process that started it still runs; "did not finish" otherwise. */
	char		 outcome[16];
	char		 cause[4097];
	int64_t		 duration_ms;	/* -1 if it never ended */
	struct audit_step_row *steps;
	size_t		 nsteps;
};

/* Which entries to read: all NULL fields = every entry. */
struct audit_filter {
	int64_t		 id;		/* one entry; 0 = any */
	const char	*contract;
	const char	*ont_sn;
	const char	*olt;
	size_t		 limit;		/* 0 = no limit */
};

/* Reads the entries matching f, oldest first, with their steps.  The caller
   frees the array with audit_entries_free(). */
int audit_list(struct store *st, const struct audit_filter *f,
    struct audit_entry **out, size_t *n, char **cause);
void audit_entries_free(struct audit_entry *e, size_t n);

/* What `oltui undo` needs to replay the inverse of entry id: a JSON text
   the write pipeline records when the entry starts (writes.c), masked.
   Set once; 0, or -1 and a cause. */
int audit_replay_set(struct store *st, int64_t id, const char *json, char **cause);
/* The replay record of entry id: 1 and *json (caller frees), 0 when the
   entry has none (written before v6, or not a write), -1 and a cause. */
int audit_replay_get(struct store *st, int64_t id, char **json, char **cause);

#endif
