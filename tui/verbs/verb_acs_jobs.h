/*
 * verb_acs_jobs.h — `oltui acs mass …` and `oltui acs firmware …`: ACS
 * jobs over many routers (core/acs_jobs.h, acs_run.h), as sub-verbs of
 * `oltui acs`.
 *
 * The `acs` verb's table (verb_acs.c) lists its sub-verbs; these two are
 * given as table rows (VERB_ACS_JOBS_SUBS) that it lists with one line.
 * `acs firmware` is overloaded: `acs firmware SN --file F` (one
 * router now, verb_acs.c) and `acs firmware schedule|list|show|cancel|
 * resume` (here); the row whose arguments parse runs, and this one's
 * first word parses only as one of its sub-commands.
 */
#ifndef OLTUI_VERB_ACS_JOBS_H
#define OLTUI_VERB_ACS_JOBS_H

#include <stdbool.h>

#include "tui/verbs/verb.h"

/* What `acs mass` and `acs firmware` read (one struct: they share the
   filter, the cap and the job sub-commands). */
struct acs_jobs_args {
	struct verb_common	 c;
	const char		*action;	/* list|show|cancel|resume (firmware:
						   schedule too); NULL: a mass run */
	const char		*id;		/* the job, for show/cancel/resume */
	const char		*acs;		/* --acs URL */
	/* which routers */
	const char		*query;
	const char		*olt;
	const char		*port;
	const char		*profile;
	const char		*contracts;	/* a file of contract codes */
	/* the change */
	const char		*ssid;
	const char		*radio;
	const char		*password_file;
	const char		*pppoe_user;
	const char		*pppoe_password_file;
	struct verb_list	 set;
	const char		*file;		/* firmware */
	const char		*start, *end;	/* firmware window */
	long			 cap;
	bool			 retry_failed;
	long			 limit;		/* list */
};

extern const struct verb_opt verb_acs_mass_opts[];
extern const struct verb_opt verb_acs_firmware_opts[];
extern const struct verb_pos verb_acs_mass_pos[];
extern const struct verb_pos verb_acs_firmware_pos[];
int verb_acs_mass(void *args);
int verb_acs_firmware(void *args);

#define VERB_ACS_MASS_MORE						\
	"Without a sub-command: changes every router the filter selects (--query JSON, "\
	"or --olt [--port] / --profile / --contracts FILE, all that are given), at most "\
	"--cap at once, and prints one line per router: done, queued (task id), failed "\
	"(why), skipped (why) or not attempted.  --dry-run lists every router and the "\
	"exact parameters it would get (passwords masked) and sends nothing.  Ctrl-C "\
	"stops after the routers in flight: `acs mass resume ID` goes on without "\
	"sending anything twice.  list; show ID; cancel ID (deletes its queued tasks); "\
	"resume ID [--retry-failed]."

#define VERB_ACS_FIRMWARE_MORE						\
	"schedule --file NAME (a file the ACS holds) with a filter as for `acs mass`, "\
	"--start TIME (now, +30m, 2026-12-01T02:00:00Z) and --end TIME (nothing starts "\
	"after it) and --cap N: `oltui poll --daemon` runs it when due; each router's "\
	"result is the version it reports afterwards.  list; show ID; cancel ID; "\
	"resume ID [--start T] [--end T] [--retry-failed]."

/* The two sub-verbs, as rows of the `acs` verb's table. */
#define VERB_ACS_JOBS_SUBS						\
	{ .name = "mass", .summary = "one change (WiFi, PPPoE, parameters) over many "	\
	  "routers, with a cap, a dry run, cancel and resume",			\
	  .opts = verb_acs_mass_opts, .pos = verb_acs_mass_pos,			\
	  .size = sizeof(struct acs_jobs_args), .run = verb_acs_mass,		\
	  .more = VERB_ACS_MASS_MORE },					\
	{ .name = "firmware", .summary = "firmware upgrade schedules over many routers, "\
	  "run by the poll daemon in a time window",				\
	  .opts = verb_acs_firmware_opts, .pos = verb_acs_firmware_pos,		\
	  .size = sizeof(struct acs_jobs_args), .run = verb_acs_firmware,	\
	  .more = VERB_ACS_FIRMWARE_MORE }

#endif
