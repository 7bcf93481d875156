/*
 * acs_sched.h — firmware schedules in the poll daemon: the daemon's loop
 * calls acs_sched_tick() and the ACS firmware jobs whose window has
 * started are run (acs_run.h) on the daemon's workers, each with its cap;
 * a job whose window closed before it could start is ended saying so.
 *
 * A job another live process runs is left alone; one whose owner died
 * (running under a dead pid) or that a stopped daemon paused is taken
 * over; one that paused because the ACS did not answer is tried again a
 * minute later.  Log lines (start, end, with the counts) go to the
 * daemon's log; each device's outcome is a pool event, which the daemon
 * logs as it logs every event.
 *
 * Call order, on the daemon's thread: acs_sched_start() once, then
 * acs_sched_tick() from its loop (it never blocks on the network), then,
 * after the workers are stopped, acs_sched_free(), which records the
 * unfinished jobs as paused ("the poll daemon stopped").
 */
#ifndef OLTUI_ACS_SCHED_H
#define OLTUI_ACS_SCHED_H

#include <stdio.h>

struct engine;
struct acs_run_ops;

struct acs_sched;

/* The schedules of e's database, run with ops (acs_apply_ops() in the
   daemon; a fake in tests).  log may be NULL. */
struct acs_sched *acs_sched_start(struct engine *e, const struct acs_run_ops *ops,
    FILE *log);
/* Starts due jobs (once a second at most) and moves the running ones on. */
void acs_sched_tick(struct acs_sched *s);
/* How many jobs it runs now. */
size_t acs_sched_running(const struct acs_sched *s);
/* Pauses what still runs and frees.  NULL is fine. */
void acs_sched_free(struct acs_sched *s);

#endif
