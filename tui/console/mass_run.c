/*
 * mass_run.c — the console's one ACS mass change in flight (core's ACS
 * job runner, acs_run.h, with the real per-router operations of
 * acs_apply.h: the same run `oltui acs mass` drives).
 *
 * The run belongs to the console, not to the mass screen: the technician
 * may look at the fleet, an alarm or a router while it goes on, and come
 * back to its progress with :acs-mass.  The UI thread is the run's owner
 * thread: it pumps it (acs_run_pump never blocks on the network; the
 * routers are handled by the engine's workers, at most the job's cap at
 * once) whenever the pool wakes the loop — each router handled is a pool
 * event — and once a second (a cancel from another process, `oltui acs
 * mass cancel`, is noticed there).  When the run ends the job's state is
 * in the database (done, paused or cancelled) and a message says how it
 * ended.  Quitting the console pauses it (the routers in flight finish;
 * `oltui acs mass resume ID` goes on without sending anything twice).
 *
 * The run counts as one of the console's jobs (the header's "jobs N",
 * the question before quitting) from its start to its end.  UI thread
 * only.
 */
#include "tui/console/console.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/acs_apply.h"
#include "core/acs_run.h"
#include "lib/util.h"

/* The run in flight, and the last one's end until another starts. */
struct mass_run {
	struct acs_apply	 ap;		/* the operations; outlives the run */
	struct acs_run		*run;		/* NULL once ended */
	int64_t			 id;		/* the job */
	struct acs_run_progress	 last;		/* as last pumped */
};

/* The run of c (NULL before the first). */
static struct mass_run *
the_run(struct console *c)
{
	return c->mass;
}

int
mass_run_start(struct console *c, int64_t id, struct err *err)
{
	struct mass_run *m = the_run(c);

	if (m != NULL && m->run != NULL) {
		err_set(err, ERR_REFUSED, "mass change #%lld is still running: one at a time",
		    (long long)m->id);
		return -1;
	}
	if (m == NULL)
		m = c->mass = xcalloc(1, sizeof *m);
	memset(m, 0, sizeof *m);
	acs_apply_init(&m->ap, c->eng, NULL);
	if (acs_run_open(c->eng, id, &m->ap.ops, ACS_RUN_SEND, &m->run, err) != 0) {
		m->run = NULL;
		return -1;
	}
	m->id = id;
	c->jobs_running++;
	mass_run_pump(c);
	return 0;
}

void
mass_run_pump(struct console *c)
{
	struct mass_run *m = the_run(c);

	if (m == NULL || m->run == NULL)
		return;
	if (acs_run_pump(m->run) != 0) {
		acs_run_progress(m->run, &m->last);
		return;
	}
	acs_run_progress(m->run, &m->last);
	acs_run_close(m->run);
	m->run = NULL;
	if (c->jobs_running > 0)
		c->jobs_running--;
	c->dirty = true;
	if (pane_top(c) == NULL || pane_top(c)->ops != &mass_pane_ops)
		console_msg(c, m->last.state != AJ_DONE, "mass change #%lld %s%s%s "
		    "(:acs-mass shows it)", (long long)m->id, acs_job_state_name(m->last.state),
		    m->last.cause[0] ? ": " : "", m->last.cause);
}

bool
mass_run_get(struct console *c, int64_t *id, struct acs_run_progress *p, bool *running)
{
	struct mass_run *m = the_run(c);

	if (m == NULL || m->id == 0)
		return false;
	*id = m->id;
	*p = m->last;
	*running = m->run != NULL;
	return true;
}

void
mass_run_forget(struct console *c)
{
	struct mass_run *m = the_run(c);

	if (m != NULL && m->run == NULL)
		m->id = 0;
}

void
mass_run_stop(struct console *c, const char *why)
{
	struct mass_run *m = the_run(c);

	if (m != NULL && m->run != NULL) {
		acs_run_stop(m->run, AJ_PAUSED, why);
		mass_run_pump(c);
	}
}

void
mass_run_end(struct console *c)
{
	struct mass_run *m = the_run(c);

	if (m == NULL)
		return;
	if (m->run != NULL) {
		acs_run_stop(m->run, AJ_PAUSED, "the console quit");
		acs_run_close(m->run);	/* waits for the routers in flight */
	}
	free(m);
	c->mass = NULL;
}
