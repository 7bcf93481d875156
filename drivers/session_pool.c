/*
 * session_pool.c — CLI sessions per OLT (see session_pool.h).
 *
 * State, all under p->mu: a list of OLTs, each with its sessions (idle or
 * busy), how many connects are in flight, its consecutive failures, when
 * the next connect may start (backoff) and until when the breaker refuses.
 * Invariant: open sessions + connects in flight <= max_per_olt.
 *
 * acquire() takes an idle session, or reserves a slot and connects without
 * the lock, or waits on p->cv for a release.  Work that talks to a device
 * (connect, keepalive, logout) never holds the lock: maintain() marks the
 * sessions it keeps alive busy first, so no worker can take them meanwhile.
 * p->cv is broadcast on every release, slot return and connect outcome.
 * Waits use CLOCK_MONOTONIC.
 */
#include "drivers/session_pool.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "lib/util.h"

struct psess {
	struct session	*c;
	bool		 busy;
	int64_t		 last_used;	/* released at (ms) */
	int64_t		 last_poke;	/* last traffic: release or keepalive */
	struct psess	*next;
};

struct polt {
	char		*name;
	struct psess	*sessions;
	int		 nsessions;
	int		 opening;	/* connects in flight */
	int		 failures;
	int64_t		 next_attempt;	/* backoff: no connect before */
	int64_t		 breaker_until;
	char		*last_error;
	enum err_kind	 last_kind;	/* of the last failed connect */
	uint64_t	 connects;
	struct polt	*next;
};

struct session_pool {
	pthread_mutex_t		 mu;
	pthread_cond_t		 cv;		/* a session or slot may be free */
	pthread_cond_t		 tick;		/* wakes the maintenance thread */
	struct session_pool_config	 cfg;
	session_pool_connect_fn		 connect;
	void			*arg;
	struct polt		*olts;
	unsigned		 rng;
	bool			 stopping;
	bool			 thread_on;
	int			 tick_ms;
	pthread_t		 thread;
};

/* Fills in the defaults. */
static void
config_defaults(struct session_pool_config *c)
{
	if (c->max_per_olt <= 0)
		c->max_per_olt = 2;
	if (c->idle_close_ms <= 0)
		c->idle_close_ms = 300000;
	if (c->keepalive_ms <= 0)
		c->keepalive_ms = 60000;
	if (c->breaker_failures <= 0)
		c->breaker_failures = 3;
	if (c->breaker_cooldown_ms <= 0)
		c->breaker_cooldown_ms = 60000;
	if (c->backoff_base_ms <= 0)
		c->backoff_base_ms = 1000;
	if (c->backoff_max_ms <= 0)
		c->backoff_max_ms = 60000;
}

/* Creates a pool. */
struct session_pool *
session_pool_new(const struct session_pool_config *cfg, session_pool_connect_fn connect,
    void *arg)
{
	struct session_pool *p = xcalloc(1, sizeof *p);
	pthread_condattr_t ca;

	if (cfg != NULL)
		p->cfg = *cfg;
	config_defaults(&p->cfg);
	p->connect = connect;
	p->arg = arg;
	p->rng = (unsigned)mono_ms() | 1u;
	pthread_mutex_init(&p->mu, NULL);
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&p->cv, &ca);
	pthread_cond_init(&p->tick, &ca);
	pthread_condattr_destroy(&ca);
	return p;
}

/* Waits on cv until the monotonic time deadline_ms (or a signal). */
static void
wait_until(pthread_cond_t *cv, pthread_mutex_t *mu, int64_t deadline_ms)
{
	struct timespec ts;

	ts.tv_sec = (time_t)(deadline_ms / 1000);
	ts.tv_nsec = (long)(deadline_ms % 1000) * 1000000L;
	pthread_cond_timedwait(cv, mu, &ts);
}

/* Finds (or adds) the OLT called name.  Lock held. */
static struct polt *
olt_get(struct session_pool *p, const char *name, bool add)
{
	struct polt *o;

	for (o = p->olts; o != NULL; o = o->next)
		if (strcmp(o->name, name) == 0)
			return o;
	if (!add)
		return NULL;
	o = xcalloc(1, sizeof *o);
	o->name = xstrdup(name);
	o->next = p->olts;
	p->olts = o;
	return o;
}

/* Unlinks s from o and returns its session.  Lock held. */
static struct session *
sess_remove(struct polt *o, struct psess *s)
{
	struct psess **pp;
	struct session *c = s->c;

	for (pp = &o->sessions; *pp != NULL; pp = &(*pp)->next) {
		if (*pp == s) {
			*pp = s->next;
			break;
		}
	}
	o->nsessions--;
	free(s);
	return c;
}

/* Records a failed connect: backoff with jitter, maybe open the breaker. */
static void
note_failure(struct session_pool *p, struct polt *o, const struct err *e)
{
	int64_t now = mono_ms(), delay;
	int shift;

	o->failures++;
	free(o->last_error);
	o->last_error = xstrdup(e->message != NULL ? e->message : "unknown error");
	o->last_kind = e->kind;
	shift = o->failures - 1 < 20 ? o->failures - 1 : 20;
	delay = (int64_t)p->cfg.backoff_base_ms << shift;
	if (delay > p->cfg.backoff_max_ms)
		delay = p->cfg.backoff_max_ms;
	p->rng = p->rng * 1103515245u + 12345u;
	delay += (int64_t)((p->rng >> 8) % (unsigned)(delay / 4 + 1));	/* +0..25% */
	o->next_attempt = now + delay;
	if (o->failures >= p->cfg.breaker_failures)
		o->breaker_until = now + p->cfg.breaker_cooldown_ms;
}

/* Hands out a session (see session_pool.h). */
int
session_pool_acquire(struct session_pool *p, const char *olt, int timeout_ms,
    struct session **out, struct err *e)
{
	int64_t deadline = mono_ms() + (timeout_ms > 0 ? timeout_ms : 0), now;
	struct psess *s;
	struct polt *o;
	struct session *c;
	struct err ce = { 0 };

	*out = NULL;
	pthread_mutex_lock(&p->mu);
	o = olt_get(p, olt, true);
	for (;;) {
		now = mono_ms();
		if (o->breaker_until > now) {
			err_set(e, ERR_UNREACHABLE, "OLT %s is marked unreachable after %d "
			    "failed connections (last: %s); next try in %lld s",
			    olt, o->failures, o->last_error,
			    (long long)((o->breaker_until - now + 999) / 1000));
			pthread_mutex_unlock(&p->mu);
			return SESSION_POOL_UNREACHABLE;
		}
		for (s = o->sessions; s != NULL; s = s->next) {
			if (!s->busy) {
				s->busy = true;
				*out = s->c;
				pthread_mutex_unlock(&p->mu);
				return SESSION_POOL_OK;
			}
		}
		if (o->nsessions + o->opening < p->cfg.max_per_olt) {
			if (o->next_attempt > now) {
				if (o->next_attempt <= deadline) {
					wait_until(&p->cv, &p->mu, o->next_attempt);
					continue;
				}
				err_set(e, o->last_kind, "OLT %s: waiting %lld ms before "
				    "reconnecting (last: %s)", olt,
				    (long long)(o->next_attempt - now), o->last_error);
				pthread_mutex_unlock(&p->mu);
				return SESSION_POOL_ERR;
			}
			o->opening++;
			pthread_mutex_unlock(&p->mu);
			c = p->connect(p->arg, olt, &ce);
			pthread_mutex_lock(&p->mu);
			o->opening--;
			if (c == NULL) {
				if (ce.kind == ERR_NONE)
					ce.kind = ERR_UNREACHABLE;
				note_failure(p, o, &ce);
				err_set(e, ce.kind, "%s", ce.message != NULL ? ce.message :
				    "connection failed");
				err_clear(&ce);
				pthread_cond_broadcast(&p->cv);
				pthread_mutex_unlock(&p->mu);
				return SESSION_POOL_ERR;
			}
			o->failures = 0;
			o->next_attempt = 0;
			o->breaker_until = 0;
			o->connects++;
			s = xcalloc(1, sizeof *s);
			s->c = c;
			s->busy = true;
			s->last_used = s->last_poke = mono_ms();
			s->next = o->sessions;
			o->sessions = s;
			o->nsessions++;
			pthread_cond_broadcast(&p->cv);
			pthread_mutex_unlock(&p->mu);
			*out = c;
			return SESSION_POOL_OK;
		}
		if (now >= deadline) {
			err_set(e, ERR_TIMEOUT, "all %d sessions to OLT %s are busy "
			    "(waited %d ms)", o->nsessions, olt,
			    timeout_ms > 0 ? timeout_ms : 0);
			pthread_mutex_unlock(&p->mu);
			return SESSION_POOL_TIMEOUT;
		}
		wait_until(&p->cv, &p->mu, deadline);
	}
}

/* Finds the session holding c.  Lock held. */
static struct psess *
find_session(struct session_pool *p, struct session *c, struct polt **op)
{
	struct polt *o;
	struct psess *s;

	for (o = p->olts; o != NULL; o = o->next)
		for (s = o->sessions; s != NULL; s = s->next)
			if (s->c == c) {
				*op = o;
				return s;
			}
	return NULL;
}

/* Gives a session back (see session_pool.h). */
void
session_pool_release(struct session_pool *p, struct session *c, bool discard)
{
	struct polt *o = NULL;
	struct psess *s;
	struct session *dead = NULL;

	if (c == NULL)
		return;
	pthread_mutex_lock(&p->mu);
	s = find_session(p, c, &o);
	if (s == NULL)
		dead = c;	/* not ours: close it rather than leak it */
	else if (discard || session_broken(c))
		dead = sess_remove(o, s);
	else {
		s->busy = false;
		s->last_used = s->last_poke = mono_ms();
	}
	pthread_cond_broadcast(&p->cv);
	pthread_mutex_unlock(&p->mu);
	session_close(dead);
}

/* Runs due keepalives and idle closes (see session_pool.h). */
int
session_pool_maintain(struct session_pool *p)
{
	struct session **close_list = NULL, **poke_list = NULL;
	size_t nclose = 0, npoke = 0, i;
	struct polt *o;
	struct psess *s, *next;
	struct err e = { 0 };
	int64_t now = mono_ms();
	int rc;

	pthread_mutex_lock(&p->mu);
	for (o = p->olts; o != NULL; o = o->next) {
		for (s = o->sessions; s != NULL; s = next) {
			next = s->next;
			if (s->busy)
				continue;
			if (now - s->last_used >= p->cfg.idle_close_ms) {
				close_list = xreallocarray(close_list, nclose + 1,
				    sizeof *close_list);
				close_list[nclose++] = sess_remove(o, s);
			} else if (now - s->last_poke >= p->cfg.keepalive_ms) {
				s->busy = true;
				poke_list = xreallocarray(poke_list, npoke + 1,
				    sizeof *poke_list);
				poke_list[npoke++] = s->c;
			}
		}
	}
	pthread_cond_broadcast(&p->cv);
	pthread_mutex_unlock(&p->mu);

	for (i = 0; i < nclose; i++)
		session_close(close_list[i]);
	for (i = 0; i < npoke; i++) {
		rc = session_keepalive(poke_list[i], &e);
		err_clear(&e);
		pthread_mutex_lock(&p->mu);
		s = find_session(p, poke_list[i], &o);
		if (rc != 0 || s == NULL) {
			if (s != NULL)
				sess_remove(o, s);
			pthread_cond_broadcast(&p->cv);
			pthread_mutex_unlock(&p->mu);
			session_abort(poke_list[i]);
			continue;
		}
		s->busy = false;
		s->last_poke = mono_ms();
		pthread_cond_broadcast(&p->cv);
		pthread_mutex_unlock(&p->mu);
	}
	free(close_list);
	free(poke_list);
	return (int)(nclose + npoke);
}

/* The maintenance thread: maintain, sleep tick_ms, until stopped. */
static void *
maintenance(void *arg)
{
	struct session_pool *p = arg;

	pthread_mutex_lock(&p->mu);
	while (!p->stopping) {
		wait_until(&p->tick, &p->mu, mono_ms() + p->tick_ms);
		if (p->stopping)
			break;
		pthread_mutex_unlock(&p->mu);
		session_pool_maintain(p);
		pthread_mutex_lock(&p->mu);
	}
	pthread_mutex_unlock(&p->mu);
	return NULL;
}

/* Starts the maintenance thread. */
int
session_pool_start(struct session_pool *p, int tick_ms)
{
	p->tick_ms = tick_ms > 0 ? tick_ms : 1000;
	if (pthread_create(&p->thread, NULL, maintenance, p) != 0)
		return -1;
	p->thread_on = true;
	return 0;
}

/* Closes idle sessions of olt and forgets its failures. */
void
session_pool_reset_olt(struct session_pool *p, const char *olt)
{
	struct session **list = NULL;
	size_t n = 0, i;
	struct psess *s, *next;
	struct polt *o;

	pthread_mutex_lock(&p->mu);
	o = olt_get(p, olt, false);
	if (o != NULL) {
		for (s = o->sessions; s != NULL; s = next) {
			next = s->next;
			if (s->busy)
				continue;
			list = xreallocarray(list, n + 1, sizeof *list);
			list[n++] = sess_remove(o, s);
		}
		o->failures = 0;
		o->next_attempt = 0;
		o->breaker_until = 0;
	}
	pthread_cond_broadcast(&p->cv);
	pthread_mutex_unlock(&p->mu);
	for (i = 0; i < n; i++)
		session_close(list[i]);
	free(list);
}

/* Reports an OLT's state. */
void
session_pool_status(struct session_pool *p, const char *olt,
    struct session_pool_olt_status *st)
{
	struct polt *o;
	struct psess *s;
	int64_t now = mono_ms();

	memset(st, 0, sizeof *st);
	pthread_mutex_lock(&p->mu);
	o = olt_get(p, olt, false);
	if (o != NULL) {
		st->open = o->nsessions;
		for (s = o->sessions; s != NULL; s = s->next)
			st->busy += s->busy;
		st->failures = o->failures;
		st->unreachable = o->breaker_until > now;
		if (o->next_attempt > now)
			st->retry_in_ms = o->next_attempt - now;
		if (st->unreachable && o->breaker_until - now > st->retry_in_ms)
			st->retry_in_ms = o->breaker_until - now;
		st->last_error = o->last_error != NULL ? xstrdup(o->last_error) : NULL;
		st->connects = o->connects;
	}
	pthread_mutex_unlock(&p->mu);
}

/* Stops the thread and closes everything. */
void
session_pool_free(struct session_pool *p)
{
	struct polt *o, *onext;
	struct psess *s, *snext;

	if (p == NULL)
		return;
	pthread_mutex_lock(&p->mu);
	p->stopping = true;
	pthread_cond_broadcast(&p->tick);
	pthread_mutex_unlock(&p->mu);
	if (p->thread_on)
		pthread_join(p->thread, NULL);
	for (o = p->olts; o != NULL; o = onext) {
		onext = o->next;
		for (s = o->sessions; s != NULL; s = snext) {
			snext = s->next;
			session_close(s->c);
			free(s);
		}
		free(o->last_error);
		free(o->name);
		free(o);
	}
	pthread_cond_destroy(&p->cv);
	pthread_cond_destroy(&p->tick);
	pthread_mutex_destroy(&p->mu);
	free(p);
}
