/*
 * engine.h — the one owner of oltui's runtime state: the configuration,
 * the vault, the database path and a store connection per thread, the
 * worker pool, the scheduler, and one long-lived session pool that holds
 * the CLI sessions of every OLT (reuse, keepalive, idle close, reconnect
 * with backoff and jitter, the breaker), fed from the session.* keys of
 * config.ini.
 *
 * The console, every verb and the daemon open one engine and hand it to
 * the operations (ops.h); none of them builds a store, a vault, a pool or
 * a session of its own.
 *
 * Call order: engine_open() on the main thread (it may ask the vault's
 * passphrase on the terminal, so before curses starts), then anything,
 * then engine_close() on the same thread.
 *
 * Threads: engine_store() gives each thread its own SQLite connection
 * (opened on first use, closed when the thread ends or the engine closes);
 * the session pool and the worker pool are thread-safe; the config and the
 * vault are read-only after open.  Sessions are opened on whatever thread
 * asks for one: the OLT's row is read on that thread's connection and its
 * password is unsealed only for the login.
 */
#ifndef OLTUI_ENGINE_H
#define OLTUI_ENGINE_H

#include <stdbool.h>
#include <stdint.h>

#include "core/model.h"
#include "drivers/driver.h"
#include "drivers/session.h"
#include "lib/err.h"

struct config;
struct pool;
struct sched;
struct session_pool;
struct store;
struct vault;

/* engine_opts.flags */
#define ENGINE_VAULT		0x1u	/* unlock the vault (to reach devices, to seal) */
#define ENGINE_WORKERS		0x2u	/* start the worker pool (jobs.workers threads) */
#define ENGINE_KEEPALIVE	0x4u	/* keep idle sessions alive and close them when
					   idle too long (a thread; the console, the daemon) */

struct engine_opts {
	const char	*db_path;	/* NULL = $OLTUI_DB, else the XDG default */
	const char	*config_dir;	/* NULL = the XDG default */
	const char	*key_file;	/* the vault's key file; NULL = a passphrase on /dev/tty */
	const char	*known_hosts;	/* NULL = ~/.ssh/known_hosts */
	bool		 accept_new_host_key;	/* append a first-contact SSH key */
	int		 command_timeout_ms;	/* 0 = session.command_timeout_s */
	int		 login_timeout_ms;	/* 0 = the command timeout, at most 20 s */
	int		 workers;	/* 0 = jobs.workers */
	unsigned	 flags;		/* ENGINE_* */
};

struct engine;

/* Opens the configuration, the database (migrating it), the vault when
   asked, the worker pool when asked, and an empty session pool.  0 and
   *out, or -1 and a cause (a bad config.ini line, a wrong passphrase, no
   terminal to ask one on). */
int engine_open(const struct engine_opts *o, struct engine **out, char **cause);
/* Stops the scheduler, then the workers with pool_stop(flags): 0 lets the
   queued jobs run, POOL_STOP_DROP drops them, POOL_STOP_CANCEL tells the
   running ones to stop at a safe point.  Idempotent. */
void engine_stop(struct engine *e, unsigned flags);
/* Stops (engine_stop(e, 0) unless stopped already), logs out of every
   session and closes everything.  NULL is fine. */
void engine_close(struct engine *e);

const char *engine_db_path(const struct engine *e);
const struct config *engine_config(const struct engine *e);
/* NULL when opened without ENGINE_VAULT. */
struct vault *engine_vault(const struct engine *e);
/* True when engine_open created the key file (the caller tells the user). */
bool engine_key_created(const struct engine *e);
/* NULL when opened without ENGINE_WORKERS. */
struct pool *engine_pool(const struct engine *e);
/* The scheduler on the worker pool, started at the first call; NULL
   without workers (or with *cause when it cannot start). */
struct sched *engine_sched(struct engine *e, char **cause);
struct session_pool *engine_sessions(const struct engine *e);
/* The calling thread's store connection.  NULL with *cause when it cannot
   be opened. */
struct store *engine_store(struct engine *e, char **cause);

/* ---- devices ---- */

/* The OLT called name, with its driver.  1 found (*drv set when not
   NULL), 0 no such OLT, -1 error (a driver this oltui lacks is an error
   naming the ones it has). */
int engine_olt(struct engine *e, const char *name, struct olt *out,
    const struct olt_driver **drv, char **cause);
/* engine_olt for an operation: 0, or -1 with *err (ERR_USAGE naming the
   OLT and `oltui olt list` when there is none, ERR_INTERNAL otherwise).
   The calling thread's store is open after a 0. */
int engine_find_olt(struct engine *e, const char *name, struct olt *out,
    const struct olt_driver **drv, struct err *err);
/* A session with o from the session pool (waiting up to timeout_ms; 0 =
   the command timeout).  0 and *s, or -1 with *err (ERR_AUTH,
   ERR_HOSTKEY, ERR_UNREACHABLE with the breaker open, ERR_TIMEOUT when
   every session stayed busy...). */
int engine_acquire(struct engine *e, const struct olt *o, int timeout_ms,
    struct session **s, struct err *err);
/* Gives s back to the pool (closed instead when broken or discard). */
void engine_release(struct engine *e, struct session *s, bool discard);
/* Opens a session with o outside the pool, timing the connect and the
   login (`olt test`).  The caller closes it with session_close(). */
int engine_connect(struct engine *e, const struct olt *o, int64_t *connect_ms,
    int64_t *login_ms, struct session **s, struct err *err);
/* Closes o's idle sessions and forgets its failures (the OLT was edited,
   or a technician asked to retry now). */
void engine_reset_olt(struct engine *e, const char *olt);

#endif
