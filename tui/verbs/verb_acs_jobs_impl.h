/*
 * verb_acs_jobs_impl.h — what the two files of `oltui acs mass|firmware`
 * share (verb_acs_jobs.c: the arguments, making a job, the dispatch;
 * verb_acs_jobs_run.c: running one here, the reports, list/show/cancel/
 * resume).  Not for other files: they use verb_acs_jobs.h.  Each function
 * prints its own failure and returns an exit status (EXIT_OK when all is
 * well), unless it says otherwise.
 */
#ifndef OLTUI_VERB_ACS_JOBS_IMPL_H
#define OLTUI_VERB_ACS_JOBS_IMPL_H

#include <stddef.h>
#include <stdint.h>

#include "core/acs_jobs.h"
#include "lib/err.h"
#include "tui/verbs/verb_acs_jobs.h"

struct engine;

/* ---- verb_acs_jobs.c ---- */

/* The job number a->id names. */
int vaj_job_number(const struct acs_jobs_args *a, int64_t *id);
/* "SSID "Casa" on every radio, a WiFi passphrase": caller frees. */
char *vaj_change_words(const struct acs_change *c);
/* The engine a job verb needs: the vault, and cap + 1 workers. */
int vaj_open_engine(const struct acs_jobs_args *a, int cap, struct engine **e);
/* --start / --end over *start / *end (a firmware window), checked. */
int vaj_window_of(const struct acs_jobs_args *a, int64_t *start, int64_t *end);

/* ---- verb_acs_jobs_run.c ---- */

/* The word of a router's state in a report ("not-attempted" for pending). */
const char *vaj_state_label(enum acs_item_state s);

/* Prints job id's routers and summary (text or JSON); the exit status the
   routers and the run's end (kind) make.  handled, elapsed_ms: of a run
   that just ended (ran), else 0. */
int vaj_report(const struct verb_common *c, struct engine *e, int64_t id, enum err_kind kind,
    int64_t elapsed_ms, size_t handled, bool ran);
/* Runs (or resumes) job id here to its end; Ctrl-C pauses it. */
int vaj_run_here(const struct acs_jobs_args *a, struct engine *e, int64_t id);
/* Job id of kind into *j (acs_job_clear() after EXIT_OK). */
int vaj_get_job(const struct acs_jobs_args *a, struct engine *e, int64_t id,
    enum acs_job_kind kind, struct acs_job *j);
/* list, show ID, cancel ID of kind; resume ID of a mass or firmware job. */
int vaj_list(const struct acs_jobs_args *a, enum acs_job_kind kind);
int vaj_show(const struct acs_jobs_args *a, enum acs_job_kind kind);
int vaj_cancel(const struct acs_jobs_args *a, enum acs_job_kind kind);
int vaj_mass_resume(const struct acs_jobs_args *a);
int vaj_firmware_resume(const struct acs_jobs_args *a);

#endif
