/*
 * life.c — the fleet's dynamics (fleet_tick) and the thread that runs them.
 *
 * One step, per OLT under its lock, drawing only from olt->rng so a seed
 * and a sequence of steps always give the same fleet:
 *   - every online ONT's levels take a small random walk pulled back toward
 *     their base: ONU Rx and OLT Rx stay within LIFE_SPAN (1.50 dB) of
 *     rx_base / olt_rx_base, ONU Tx within [LIFE_TX_MIN, LIFE_TX_MAX];
 *   - an online ONT goes LOS or dying-gasp with a small probability
 *     (LIFE_DOWN_PPM each, per step), and an ONT that is LOS or dying-gasp
 *     on a PON that is not cut and is administratively up comes back with
 *     probability 1/LIFE_BACK per step (so a `set-state` from the control
 *     socket is undone in time unless the lab runs with --no-life);
 *   - a PON port with fewer than LIFE_AUTOFIND_MAX unauthorised ONTs gets
 *     a new one with probability 1/LIFE_AUTOFIND per step;
 *   - the OLT's CPU load and temperature wander a little.
 * A cut PON (pon_set_cut) is left alone: its ONTs stay LOS until restored.
 *
 * `now` only stamps times (found_at); the dynamics advance one step per
 * call whatever the clock says.
 *
 * Threads: the life thread (life_start) steps every --tick-ms; the control
 * verb `tick` steps from the control thread.  life_lock serialises steps.
 */
#include <pthread.h>
#include <stdlib.h>
#include <time.h>

#include "tests/lab/lab.h"

#define LIFE_SPAN		150	/* 0.01 dB: how far levels wander from base */
#define LIFE_TX_MIN		150
#define LIFE_TX_MAX		350
#define LIFE_DOWN_PPM		20	/* per million per step, each of LOS and dying-gasp */
#define LIFE_BACK		40
#define LIFE_AUTOFIND		900
#define LIFE_AUTOFIND_MAX	8

static pthread_mutex_t	life_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t	life_wait_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t	life_wait = PTHREAD_COND_INITIALIZER;
static pthread_t	life_thread;
static bool		life_running;
static bool		life_quit;
static struct sim_fleet	*life_fleet;
static int		life_tick_ms;

/* Returns a value in [lo, hi] from the OLT's stream. */
static int
roll(struct sim_olt *olt, int lo, int hi)
{
	return lo + (int)(sim_rand(&olt->rng) % (uint32_t)(hi - lo + 1));
}

/* One bounded random-walk step of a level around base. */
static int16_t
wander(struct sim_olt *olt, int16_t v, int16_t base, int lo, int hi)
{
	int x = v == SIM_NO_LEVEL ? base : v;

	x += roll(olt, -6, 6) + (base - x) / 8;
	if (x < lo)
		x = lo;
	if (x > hi)
		x = hi;
	return (int16_t)x;
}

/* One step of one ONT. */
static void
step_ont(struct sim_olt *olt, struct sim_pon *pon, struct sim_ont *o)
{
	if (o->state == SIM_ONLINE) {
		uint32_t r;

		o->rx = wander(olt, o->rx, o->rx_base, o->rx_base - LIFE_SPAN, o->rx_base + LIFE_SPAN);
		o->olt_rx = wander(olt, o->olt_rx, o->olt_rx_base,
		    o->olt_rx_base - LIFE_SPAN, o->olt_rx_base + LIFE_SPAN);
		o->tx = wander(olt, o->tx, (LIFE_TX_MIN + LIFE_TX_MAX) / 2, LIFE_TX_MIN, LIFE_TX_MAX);
		r = sim_rand(&olt->rng) % 1000000u;
		if (r < LIFE_DOWN_PPM)
			ont_set_state(olt, pon, o, SIM_LOS, SIM_CAUSE_LOS);
		else if (r < 2 * LIFE_DOWN_PPM)
			ont_set_state(olt, pon, o, SIM_DYING_GASP, SIM_CAUSE_DYING_GASP);
	} else if ((o->state == SIM_LOS || o->state == SIM_DYING_GASP) && o->admin) {
		if (sim_rand(&olt->rng) % LIFE_BACK == 0)
			ont_set_state(olt, pon, o, SIM_ONLINE, SIM_CAUSE_NONE);
	}
}

/* One step of one OLT (lock held). */
static void
step_olt(struct sim_olt *olt, int64_t now)
{
	int p, id;

	olt->cpu_pct += roll(olt, -2, 2);
	if (olt->cpu_pct < 3)
		olt->cpu_pct = 3;
	if (olt->cpu_pct > 45)
		olt->cpu_pct = 45;
	if (roll(olt, 0, 9) == 0)
		olt->temp_c += roll(olt, -1, 1);
	if (olt->temp_c < 30)
		olt->temp_c = 30;
	if (olt->temp_c > 60)
		olt->temp_c = 60;

	for (p = 0; p < olt->npons; p++) {
		struct sim_pon *pon = &olt->pons[p];

		if (pon->cut)
			continue;
		for (id = 0; id <= SIM_MAX_ONTS; id++)
			if (pon->onts[id] != NULL)
				step_ont(olt, pon, pon->onts[id]);
		if (pon->nautofind < LIFE_AUTOFIND_MAX &&
		    sim_rand(&olt->rng) % LIFE_AUTOFIND == 0) {
			struct sim_autofind *a = pon_add_autofind(olt, pon, NULL);

			a->found_at = now;
		}
	}
}

/* Advances every OLT by one step. */
void
fleet_tick(struct sim_fleet *f, int64_t now)
{
	int i;

	for (i = 0; i < f->nolts; i++) {
		olt_lock(&f->olts[i]);
		step_olt(&f->olts[i], now);
		olt_unlock(&f->olts[i]);
	}
}

/* Runs n steps now, serialised with the life thread. */
void
life_steps(struct sim_fleet *f, int n)
{
	pthread_mutex_lock(&life_lock);
	while (n-- > 0)
		fleet_tick(f, now_s());
	pthread_mutex_unlock(&life_lock);
}

/* The life thread: a step every life_tick_ms until life_stop. */
static void *
life_main(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&life_wait_lock);
	while (!life_quit) {
		struct timespec ts;

		clock_gettime(CLOCK_REALTIME, &ts);
		ts.tv_sec += life_tick_ms / 1000;
		ts.tv_nsec += (long)(life_tick_ms % 1000) * 1000000L;
		if (ts.tv_nsec >= 1000000000L) {
			ts.tv_sec++;
			ts.tv_nsec -= 1000000000L;
		}
		while (!life_quit && pthread_cond_timedwait(&life_wait, &life_wait_lock, &ts) == 0)
			;
		if (life_quit)
			break;
		pthread_mutex_unlock(&life_wait_lock);
		life_steps(life_fleet, 1);
		pthread_mutex_lock(&life_wait_lock);
	}
	pthread_mutex_unlock(&life_wait_lock);
	return NULL;
}

/* Starts the life thread. */
int
life_start(struct sim_fleet *f, int tick_ms, char **cause)
{
	life_fleet = f;
	life_tick_ms = tick_ms > 0 ? tick_ms : 1000;
	life_quit = false;
	if (pthread_create(&life_thread, NULL, life_main, NULL) != 0) {
		set_cause(cause, "cannot start the life thread");
		return -1;
	}
	life_running = true;
	return 0;
}

/* Stops and joins the life thread. */
void
life_stop(void)
{
	if (!life_running)
		return;
	pthread_mutex_lock(&life_wait_lock);
	life_quit = true;
	pthread_cond_signal(&life_wait);
	pthread_mutex_unlock(&life_wait_lock);
	pthread_join(life_thread, NULL);
	life_running = false;
}
