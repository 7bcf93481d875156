/*
 * verb_write.h — what the device-writing verbs share (verb_write.c,
 * verb_ont.c), and the two entry points the `olt` and `contract` verbs of
 * verb_inventory.c / verb_records.c route to.
 */
#ifndef OLTUI_VERB_WRITE_H
#define OLTUI_VERB_WRITE_H

#include <stdbool.h>

#include "core/ops.h"
#include "core/writes.h"
#include "tui/verbs/verb.h"

struct engine;
struct cJSON;

/* `oltui olt test NAME [--json]`: log in, read the version, report
   timings.  argv may start with "olt" "test" or with "test". */
int vw_olt_test(int argc, char **argv, const struct globals *g);
/* `oltui contract suspend|resume CODE [--yes] [--dry-run] [--json]`.
   argv may start with "contract" or with the sub-verb. */
int vw_contract_state(int argc, char **argv, const struct globals *g);
/* `oltui backup OLT` (verb_olt_ops.c). */
int vw_verb_backup(int argc, char **argv, const struct globals *g);
/* "ok", "failed", "usage", "unreachable". */
const char *vw_status_name(enum write_status s);
/* `oltui ont …` (verb_ont.c). */
int vw_verb_ont(int argc, char **argv, const struct globals *g);
/* The request `oltui ont SUB ...` (a write) makes of its arguments, and
   `oltui provision ...`'s: the same struct a console action makes (a test
   holds the two plans byte-identical).  EXIT_OK, or EXIT_USAGE after
   printing why. */
int vw_ont_request(int argc, char **argv, const struct globals *g, struct op_req *rq);
int vw_provision_request(int argc, char **argv, const struct globals *g,
    struct op_req *rq);

/* Options every device verb understands. */
struct vw_common {
	bool		 json;
	bool		 yes;
	bool		 dry_run;
	bool		 accept_new_host_key;
	const char	*known_hosts;
	long		 timeout_ms;		/* --timeout MS; 0 = config */
};

/* If argv[i] is a common option, takes it (and its value) and returns how
   many arguments it used (1 or 2); 0 when it is not one; -1 after printing
   a usage error. */
int vw_common_opt(struct vw_common *c, const char *verb, int argc, char **argv, int i);
/* Opens the engine for a device verb: the store, the vault (asking the
   passphrase when there is no key file), the session pool; the workers
   when workers is true.  EXIT_OK and *e, or an exit status after printing
   why. */
int vw_open(const struct globals *g, const struct vw_common *c, const char *verb,
    bool workers, struct engine **e);
/* The write options of the common options. */
struct write_opts vw_write_opts(const struct vw_common *c);
/* The exit status of an error kind (EXIT_UNREACHABLE for the link,
   EXIT_USAGE for a bad request, EXIT_FAIL for the rest). */
int vw_exit_of(enum err_kind k);
/* Prints "oltui VERB: message" for *e, clears it and returns its exit
   status. */
int vw_fail_err(const char *verb, struct err *e);
/* Prints the report of a write (text or JSON) and returns the exit status. */
int vw_report(const char *verb, const struct write_report *r, bool json,
    const char *what);
/* Asks "Proceed? [y/N]" on /dev/tty for a destructive action unless --yes;
   returns true to go on (prints why not otherwise). */
bool vw_confirm(const char *verb, const struct vw_common *c, const char *what);

#endif
