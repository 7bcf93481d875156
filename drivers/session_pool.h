/*
 * session_pool.h — CLI sessions per OLT, shared by worker threads.
 *
 * OLT CPUs are weak: each OLT gets a small cap of sessions (default 2),
 * idle sessions are reused, kept alive with an in-band Enter (never SSH
 * keepalives: SmartAX misbehaves with them) and closed after a while.  A
 * failed connect delays the next one (exponential backoff with jitter);
 * after K consecutive failures the OLT is marked unreachable and acquire
 * refuses at once until a cool-down passes, so callers show cached data
 * instead of piling up connects.
 *
 * Not to be confused with core/pool.h, the worker thread pool: workers
 * take a session from here for the OLT their job is about.
 *
 * Threads: every function is thread-safe (one mutex, condition variables).
 * Connecting, logging in, keepalives and logouts run outside the lock.  A
 * session handed out by acquire belongs to that caller alone until release.
 */
#ifndef OLTUI_SESSION_POOL_H
#define OLTUI_SESSION_POOL_H

#include <stdbool.h>
#include <stdint.h>

#include "drivers/session.h"
#include "lib/err.h"

struct session_pool_config {
	int	max_per_olt;		/* sessions per OLT; 0 = 2 */
	int	idle_close_ms;		/* close a session unused this long; 0 = 300000 */
	int	keepalive_ms;		/* Enter on an idle session this often; 0 = 60000 */
	int	breaker_failures;	/* K consecutive connect failures -> unreachable; 0 = 3 */
	int	breaker_cooldown_ms;	/* refuse quickly this long; 0 = 60000 */
	int	backoff_base_ms;	/* first reconnect delay, doubled per failure; 0 = 1000 */
	int	backoff_max_ms;		/* 0 = 60000 */
};

/* Opens a session to olt and logs in (its driver's open).  Returns the
   session, or NULL with *e (its kind: ERR_AUTH, ERR_HOSTKEY,
   ERR_UNREACHABLE...).  Called without the pool's lock, maybe from several
   threads at once (for different OLTs or below the cap). */
typedef struct session *(*session_pool_connect_fn)(void *arg, const char *olt,
    struct err *e);

/* Results of session_pool_acquire(). */
enum {
	SESSION_POOL_OK = 0,
	SESSION_POOL_ERR = -1,		/* connecting failed now, or a backoff delay is running */
	SESSION_POOL_UNREACHABLE = -2,	/* the breaker is open: show cached data */
	SESSION_POOL_TIMEOUT = -3,	/* every session of the OLT stayed busy */
};

struct session_pool;

/* Creates a pool; cfg may be NULL for the defaults. */
struct session_pool *session_pool_new(const struct session_pool_config *cfg,
    session_pool_connect_fn connect, void *arg);
/* Stops the maintenance thread, logs out and closes every session.  No
   session may still be acquired. */
void session_pool_free(struct session_pool *p);

/* Hands out an idle session of olt, or opens one when below the cap, or
   waits up to timeout_ms for one to be released.  SESSION_POOL_OK and
   *out, or a negative result with *e: a sentence naming the OLT, and the
   kind (the connect's own on a failed connect or during its backoff,
   ERR_UNREACHABLE when the breaker is open, ERR_TIMEOUT when every
   session stayed busy). */
int session_pool_acquire(struct session_pool *p, const char *olt,
    int timeout_ms, struct session **out, struct err *e);
/* Gives a session back.  A broken session (session_broken) or discard =
   true closes it instead. */
void session_pool_release(struct session_pool *p, struct session *s, bool discard);

/* Keepalives and idle closes that are due; returns how many sessions it
   touched.  The maintenance thread calls it; tests call it directly. */
int session_pool_maintain(struct session_pool *p);
/* Starts a thread running session_pool_maintain every tick_ms (once). */
int session_pool_start(struct session_pool *p, int tick_ms);

/* Closes the idle sessions of olt and forgets its failures (the OLT was
   edited, or the technician asked to retry now). */
void session_pool_reset_olt(struct session_pool *p, const char *olt);

struct session_pool_olt_status {
	int	 open;		/* sessions open */
	int	 busy;		/* of which acquired */
	int	 failures;	/* consecutive connect failures */
	bool	 unreachable;	/* breaker open */
	int64_t	 retry_in_ms;	/* when the next connect may happen; 0 = now */
	char	*last_error;	/* the last connect error, or NULL; caller frees */
	uint64_t connects;	/* successful connects so far */
};
void session_pool_status(struct session_pool *p, const char *olt,
    struct session_pool_olt_status *st);

#endif
