/*
 * acs_run_impl.h — the run's state, shared by the files of the runner
 * (acs_run.c: the workers' jobs and the owner's pump; acs_run_open.c:
 * claiming a job, its secrets, closing).  Not for other modules: they use
 * acs_run.h.
 */
#ifndef OLTUI_ACS_RUN_IMPL_H
#define OLTUI_ACS_RUN_IMPL_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/acs_run.h"

/* Where a run is (the owner's state machine), and what a pool job does. */
enum phase { PH_RESOLVE, PH_SEND, PH_TRACK, PH_CANCEL, PH_END };
enum task { T_RESOLVE, T_APPLY, T_TRACK, T_UNQUEUE };

struct acs_run {
	struct engine			*e;
	const struct acs_run_ops	*ops;
	struct acs_job			 job;
	char				*secret[ACS_SECRET_COUNT];	/* unsealed */
	struct acs_secrets		 sec;
	enum acs_run_mode		 mode;
	int64_t				 pid;

	pthread_mutex_t			 lock;
	pthread_cond_t			 cond;
	/* Under lock. */
	struct acs_item			*items;		/* fixed once loaded */
	bool				*busy;
	size_t				 n;
	size_t				 inflight, max_inflight, handled;
	bool				 resolve_busy, resolve_done;
	int				 resolve_rc;
	struct err			 resolve_err;
	bool				 stopping;
	enum acs_job_state		 stop_state;
	enum err_kind			 stop_kind;
	char				 stop_cause[512];
	void				**clients;	/* idle */
	size_t				 nclients;
	uint64_t			 changes;
	/* The owner's. */
	enum phase			 phase;
	size_t				 next;
	bool				 claimed;	/* the job is ours (state, pid) */
	bool				 cancel_marked;
	bool				 finished;
	enum acs_job_state		 final_state;
	int64_t				 t0_ms, checked_ms, tracked_ms;
};

#endif
