/*
 * daemon.h — `oltui poll --daemon`: the scheduler that keeps a site's cache
 * fresh, for a jump host or a server.
 *
 * Every OLT (or those with a given tag) gets a periodic sweep with jitter
 * (poll.sweep_interval_s, poll.jitter_pct), a health read every few sweeps,
 * and the history is compacted hourly.  After each sweep the Prometheus
 * textfile is rewritten and, when configured, pushed.  Sweeps run in a
 * worker pool with at most one job per OLT in flight, each job on its own
 * store connection.  The OLT list is re-read every minute, so an OLT added
 * with `oltui olt add` is picked up without a restart.
 *
 * Log lines go to the log file (one line per sweep, failure and state
 * change, with a timestamp); daemon_run() returns when *stop becomes
 * non-zero (the verb sets it from SIGTERM / SIGINT), after the running
 * sweeps finish: nothing is left half-written.
 */
#ifndef OLTUI_DAEMON_H
#define OLTUI_DAEMON_H

#include <signal.h>
#include <stdio.h>


struct engine;

struct daemon_opts {
	struct engine		*eng;		/* opened with ENGINE_WORKERS (and the vault);
						   its scheduler and workers are stopped on
						   return */
	FILE			*log;		/* where log lines go */
	const char		*only_tag;	/* sweep only OLTs with this tag; NULL = all */
	const char		*textfile;	/* Prometheus textfile path; NULL = none */
	const char		*push_url;	/* Pushgateway / VM URL; NULL = none */
	const char		*push_auth;	/* "user:password" (secret, borrowed); NULL */
	const char		*push_ca_file;	/* PEM CAs for an https push; NULL */
	long			 interval_s;	/* sweep interval; 0 = from config */
	volatile sig_atomic_t	*stop;		/* set non-zero to stop */
};

/* Runs until *opts->stop.  0 on a clean stop, -1 and a cause when it could
   not start. */
int daemon_run(const struct daemon_opts *opts, char **cause);

#endif
