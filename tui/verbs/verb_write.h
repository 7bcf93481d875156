/*
 * verb_write.h — what the device verbs share (verb_write.c, verb_ont.c,
 * verb_olt_ops.c): reporting a write, asking before a destructive one, the
 * argument tables of the sub-verbs other files list (`olt test`, `contract
 * suspend|resume`, `ont ...`), and the requests test_plan_identity builds
 * from a verb's command line.
 */
#ifndef OLTUI_VERB_WRITE_H
#define OLTUI_VERB_WRITE_H

#include <stdbool.h>

#include "core/ops.h"
#include "core/writes.h"
#include "tui/verbs/verb.h"

/* The arguments of a verb that names one OLT or contract (backup OLT,
   olt test NAME, contract suspend CODE). */
struct vw_name_args {
	struct verb_common	 c;
	const char		*name;
};

/* `oltui olt test NAME`: log in, read the version, report timings. */
extern const struct verb_opt vw_olt_test_opts[];
extern const struct verb_pos vw_olt_name_pos[];
int vw_olt_test(void *args);
/* `oltui contract suspend|resume CODE`: every linked ONT through the write
   pipeline; suspend asks unless --yes. */
extern const struct verb_opt vw_contract_state_opts[];
extern const struct verb_pos vw_contract_code_pos[];
int vw_contract_suspend(void *args);
int vw_contract_resume(void *args);
/* `oltui backup OLT`. */
extern const struct verb_opt vw_backup_opts[];
int vw_backup(void *args);
/* The sub-verbs of `oltui ont` (verb_ont.c). */
extern const struct verb vw_ont_subs[];

/* The request `oltui ont SUB ...` (a write) makes of its arguments, and
   `oltui provision ...`'s: the same struct a console action makes (a test
   holds the two plans byte-identical).  argv starts with "ont" or
   "provision".  EXIT_OK, or EXIT_USAGE after printing why. */
int vw_ont_request(int argc, char **argv, const struct globals *g, struct op_req *rq);
int vw_provision_request(int argc, char **argv, const struct globals *g,
    struct op_req *rq);

/* Reads a one-line secret from a file (vault_secret_free() it); NULL
   after printing why. */
char *vw_secret_file(const struct verb_common *c, const char *path);

/* Checks an ACS's URL (--acs URL: http(s)://, no credentials in it) and
   stores it at dst (const char *).  A verb_opt parse function. */
int vw_parse_acs_url(const char *v, void *dst, char **cause);

/* The error kind a write status stands for in JSON ("failure" for
   WRITE_FAILED). */
enum err_kind vw_status_kind(enum write_status s);
/* "ok", "failed", "usage", "unreachable". */
const char *vw_status_name(enum write_status s);
/* The write options of c (--dry-run, --timeout). */
struct write_opts vw_write_opts(const struct verb_common *c);
/* Prints the report of a write (text, or JSON with --json, with an "error"
   member when it did not succeed) and returns its exit status. */
int vw_report(const struct verb_common *c, const struct write_report *r,
    const char *what);
/* vw_report's JSON document (the caller adds to it, prints it); and its
   text (with --json: only the messages on stderr). */
struct cJSON;
struct cJSON *vw_report_json(const struct write_report *r, const char *what);
void vw_report_text(const struct verb_common *c, const struct write_report *r,
    const char *what);
/* Asks "Proceed? [y/N]" on /dev/tty for a destructive action unless --yes
   or --dry-run; returns true to go on (prints why not otherwise: a usage
   error, nothing is sent). */
bool vw_confirm(const struct verb_common *c, const char *what);

#endif
