/*
 * engine.c — the runtime's owner (engine.h): config, vault, database,
 * worker pool, scheduler and the session pool of every OLT.
 *
 * Per-thread stores: a pthread key per engine holds the calling thread's
 * connection; its destructor closes it when a worker thread ends, and
 * engine_close() closes the opening thread's own.  Worker threads end in
 * pool_stop(), before engine_close() returns, so no connection outlives
 * the engine.
 *
 * The session pool's connect callback runs on the thread that acquires:
 * it reads the OLT's row on that thread's connection, unseals its password
 * with the vault (wiped right after the login) and asks the OLT's driver
 * to open a session.  The pool's settings come from config.ini:
 * session.max_per_olt (sessions per OLT, also the worker pool's jobs per
 * OLT), session.idle_close_s, session.keepalive_s, session.reconnect_max_s
 * (the longest backoff) and session.breaker_failures (failed connects in a
 * row before the OLT is shown unreachable for a cool-down of
 * reconnect_max_s).
 *
 * Templates: the user's override directory, <config-dir>/templates/
 * (docs/templates.md), is handed to the template lookup here, where the
 * config directory is known, so every front (console, verbs, daemon) plans
 * with the same templates.  The lookup's directory is process-wide; the
 * last engine opened sets it.
 */
#include "core/engine.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/config.h"
#include "core/paths.h"
#include "core/pool.h"
#include "core/sched.h"
#include "core/store.h"
#include "core/unlock.h"
#include "core/vault.h"
#include "drivers/acs.h"
#include "drivers/session_pool.h"
#include "drivers/template.h"
#include "lib/util.h"

struct engine {
	struct engine_opts	 o;
	char			*db_path;
	char			*known_hosts;
	struct config		*cfg;
	struct vault		*vault;
	bool			 key_created;
	struct pool		*pool;
	struct sched		*sched;
	struct session_pool	*sessions;
	pthread_key_t		 store_key;
	pthread_mutex_t		 mu;		/* sched creation */
};

/* Closes a thread's connection when the thread ends. */
static void
store_key_free(void *p)
{
	store_close(p);
}

struct store *
engine_store(struct engine *e, char **cause)
{
	struct store *st = pthread_getspecific(e->store_key);

	if (st == NULL && (st = store_open(e->db_path, cause)) != NULL)
		pthread_setspecific(e->store_key, st);
	return st;
}

/* The session pool's connect: row, password, driver, login. */
static struct session *
connect_cb(void *arg, const char *name, struct err *err)
{
	struct engine *e = arg;
	struct session *s = NULL;
	struct olt o;
	char *cause = NULL;
	int rc;

	if ((rc = engine_olt(e, name, &o, NULL, &cause)) != 1) {
		err_set(err, rc == 0 ? ERR_NOTFOUND : ERR_INTERNAL, "%s", rc == 0 ?
		    "the OLT is no longer in the database" : cause);
		free(cause);
		return NULL;
	}
	if (engine_connect(e, &o, NULL, NULL, &s, err) != 0)
		return NULL;
	return s;
}

/* The session pool's settings from config.ini. */
static void
session_config(const struct config *cfg, struct session_pool_config *sc)
{
	memset(sc, 0, sizeof *sc);
	sc->max_per_olt = (int)config_int(cfg, "session.max_per_olt");
	sc->idle_close_ms = (int)config_int(cfg, "session.idle_close_s") * 1000;
	sc->keepalive_ms = (int)config_int(cfg, "session.keepalive_s") * 1000;
	sc->backoff_max_ms = (int)config_int(cfg, "session.reconnect_max_s") * 1000;
	sc->breaker_failures = (int)config_int(cfg, "session.breaker_failures");
	sc->breaker_cooldown_ms = sc->backoff_max_ms;
	sc->backoff_base_ms = sc->backoff_max_ms < 1000 ? sc->backoff_max_ms : 1000;
}

/* Points the template lookup at <config-dir>/templates/.  0, or -1 and a
   cause when the config directory has no path (no HOME). */
static int
templates_dir(const char *config_dir, char **cause)
{
	char *d, *t;

	if ((d = paths_config_dir(config_dir, cause)) == NULL)
		return -1;
	t = xasprintf("%s/templates", d);
	template_set_override_dir(t);
	free(t);
	free(d);
	return 0;
}

int
engine_open(const struct engine_opts *o, struct engine **out, char **cause)
{
	struct engine *e = xcalloc(1, sizeof *e);
	struct session_pool_config sc;
	struct store *st;
	int tick;

	*out = NULL;
	/* libcurl's global state, before any worker can open an ACS client. */
	acs_global_init();
	e->o = *o;
	pthread_mutex_init(&e->mu, NULL);
	pthread_key_create(&e->store_key, store_key_free);
	if (o->known_hosts != NULL)
		e->known_hosts = xstrdup(o->known_hosts);
	e->o.known_hosts = e->known_hosts;
	e->o.db_path = e->o.config_dir = e->o.key_file = NULL;
	if ((e->cfg = config_load(o->config_dir, cause)) == NULL ||
	    templates_dir(o->config_dir, cause) != 0)
		goto fail;
	if ((e->db_path = paths_db(o->db_path, cause)) == NULL ||
	    paths_make_parent(e->db_path, cause) == -1 ||
	    (st = engine_store(e, cause)) == NULL)
		goto fail;
	if ((o->flags & ENGINE_VAULT) != 0 &&
	    (e->vault = unlock_vault(st, o->key_file, &e->key_created, cause)) == NULL)
		goto fail;
	if (e->o.command_timeout_ms <= 0)
		e->o.command_timeout_ms = (int)config_int(e->cfg,
		    "session.command_timeout_s") * 1000;
	if (e->o.login_timeout_ms <= 0)
		e->o.login_timeout_ms = e->o.command_timeout_ms < 20000 ?
		    e->o.command_timeout_ms : 20000;
	session_config(e->cfg, &sc);
	e->sessions = session_pool_new(&sc, connect_cb, e);
	if ((o->flags & ENGINE_KEEPALIVE) != 0) {
		tick = sc.keepalive_ms / 4 < 1000 ? sc.keepalive_ms / 4 : 1000;
		session_pool_start(e->sessions, tick > 50 ? tick : 50);
	}
	if ((o->flags & ENGINE_WORKERS) != 0) {
		struct pool_config pc = {
			.workers = o->workers > 0 ? o->workers :
			    (int)config_int(e->cfg, "jobs.workers"),
			.per_olt_max = sc.max_per_olt,
		};

		if ((e->pool = pool_start(&pc, cause)) == NULL)
			goto fail;
	}
	*out = e;
	return 0;
fail:
	engine_close(e);
	return -1;
}

void
engine_stop(struct engine *e, unsigned flags)
{
	if (e->sched != NULL)
		sched_stop(e->sched);
	if (e->pool != NULL)
		pool_stop(e->pool, flags);
}

void
engine_close(struct engine *e)
{
	if (e == NULL)
		return;
	engine_stop(e, 0);
	if (e->sched != NULL)
		sched_free(e->sched);
	if (e->pool != NULL)
		pool_free(e->pool);
	if (e->sessions != NULL)
		session_pool_free(e->sessions);
	vault_free(e->vault);
	store_close(pthread_getspecific(e->store_key));
	pthread_setspecific(e->store_key, NULL);
	pthread_key_delete(e->store_key);
	pthread_mutex_destroy(&e->mu);
	config_free(e->cfg);
	free(e->db_path);
	free(e->known_hosts);
	free(e);
}

const char *
engine_db_path(const struct engine *e)
{
	return e->db_path;
}

const struct config *
engine_config(const struct engine *e)
{
	return e->cfg;
}

struct vault *
engine_vault(const struct engine *e)
{
	return e->vault;
}

bool
engine_key_created(const struct engine *e)
{
	return e->key_created;
}

struct pool *
engine_pool(const struct engine *e)
{
	return e->pool;
}

struct sched *
engine_sched(struct engine *e, char **cause)
{
	struct sched *s;

	if (e->pool == NULL) {
		set_cause(cause, "no worker pool: open the engine with ENGINE_WORKERS");
		return NULL;
	}
	pthread_mutex_lock(&e->mu);
	if (e->sched == NULL)
		e->sched = sched_start(e->pool, cause);
	s = e->sched;
	pthread_mutex_unlock(&e->mu);
	return s;
}

struct session_pool *
engine_sessions(const struct engine *e)
{
	return e->sessions;
}

int
engine_olt(struct engine *e, const char *name, struct olt *out,
    const struct olt_driver **drv, char **cause)
{
	struct store *st = engine_store(e, cause);
	const struct olt_driver *d;
	int rc;

	if (st == NULL)
		return -1;
	if ((rc = store_olt_by_name(st, name, out, cause)) != 1)
		return rc;
	if ((d = driver_find(out->driver)) == NULL) {
		set_cause(cause, "OLT %s has driver \"%s\", which this oltui does not have "
		    "(it has %s)", out->name, out->driver, driver_names());
		return -1;
	}
	if (drv != NULL)
		*drv = d;
	return 1;
}

int
engine_find_olt(struct engine *e, const char *name, struct olt *out,
    const struct olt_driver **drv, struct err *err)
{
	char *cause = NULL;
	int rc = engine_olt(e, name, out, drv, &cause);

	if (rc < 0) {
		err_set(err, ERR_INTERNAL, "%s", cause);
		free(cause);
		return -1;
	}
	if (rc == 0) {
		err_set(err, ERR_USAGE, "no OLT called %s (see `oltui olt list`)", name);
		return -1;
	}
	return 0;
}

int
engine_acquire(struct engine *e, const struct olt *o, int timeout_ms,
    struct session **s, struct err *err)
{
	int ms = timeout_ms > 0 ? timeout_ms : e->o.command_timeout_ms;

	return session_pool_acquire(e->sessions, o->name, ms, s, err) == SESSION_POOL_OK ?
	    0 : -1;
}

void
engine_release(struct engine *e, struct session *s, bool discard)
{
	session_pool_release(e->sessions, s, discard);
}

int
engine_connect(struct engine *e, const struct olt *o, int64_t *connect_ms,
    int64_t *login_ms, struct session **s, struct err *err)
{
	const struct olt_driver *d = driver_find(o->driver);
	struct session_params sp = { 0 };
	char *pw = NULL, *why = NULL;
	int rc;

	*s = NULL;
	if (d == NULL || d->open == NULL) {
		err_set(err, ERR_REFUSED, "OLT %s: no driver \"%s\" that can log in (this "
		    "oltui has %s)", o->name, o->driver, driver_names());
		return -1;
	}
	if (o->password_sealed[0] != '\0') {
		if (e->vault == NULL) {
			err_set(err, ERR_AUTH, "the password of OLT %s is sealed; unlock the "
			    "vault (--key-file)", o->name);
			return -1;
		}
		if ((pw = vault_unseal(e->vault, o->password_sealed, &why)) == NULL) {
			err_set(err, ERR_AUTH, "cannot unseal the password of OLT %s: %s",
			    o->name, why);
			free(why);
			return -1;
		}
	}
	sp.name = o->name;
	sp.host = o->host;
	sp.port = o->port;
	sp.transport = o->transport;
	sp.user = o->user;
	sp.password = pw;
	sp.known_hosts = e->o.known_hosts;
	sp.accept_new_host_key = e->o.accept_new_host_key;
	sp.jump = o->jump_host[0] != '\0' ? o->jump_host : NULL;
	sp.login_timeout_ms = e->o.login_timeout_ms;
	sp.command_timeout_ms = e->o.command_timeout_ms;
	rc = d->open(d, &sp, s, err);
	if (pw != NULL)
		vault_secret_free(pw);
	if (rc == 0 && connect_ms != NULL)
		*connect_ms = (*s)->connect_ms;
	if (rc == 0 && login_ms != NULL)
		*login_ms = (*s)->login_ms;
	return rc;
}

void
engine_reset_olt(struct engine *e, const char *olt)
{
	session_pool_reset_olt(e->sessions, olt);
}
