/*
 * verb.h — the table of headless verbs, how they are run, and how they
 * fail.
 *
 * Every verb oltui understands (`oltui olt add …`, `oltui parse …`) is one
 * entry in a const table: its name, a summary, its sub-verbs or its option
 * and positional tables (verb_args.h), the size of its argument struct and
 * its run function.  verb_main() parses the global options, finds the verb
 * (and sub-verb), parses its arguments with the one parser, and runs it; a
 * run function receives its filled argument struct and never sees argv.
 * `oltui --help`, `oltui VERB --help`, `oltui help VERB` and the man page's
 * VERBS and OPTIONS sections (scripts/genman.sh) are printed from the same
 * entries (verb_help.c), so they cannot drift apart.
 *
 * Each tui/verbs/verb_*.c file owns one table, terminated by VERB_END, and
 * verb.c lists the tables.
 *
 * Exit statuses, the same for every verb (docs/verbs.md):
 *   0  done;
 *   1  refused or failed (by the device, by oltui: a host key, a login, a
 *      file that cannot be read, a record that exists already);
 *   2  usage: the command line is wrong, including a name it gives (an
 *      OLT, ONT serial, contract, profile) that oltui does not know —
 *      nothing was sent;
 *   3  a device could not be reached (or the link broke) — a verb that has
 *      cached data prints it, marked cached with its age, and exits 3.
 * An error kind (lib/err.h) becomes an exit status in one place,
 * verb_exit_of().  With --json (before or after the verb) a failure is also
 * one JSON document on stdout: {"error": {"kind", "message", "exit"}}, or
 * an "error" member of the verb's own document when it has a partial
 * result; the message goes to stderr either way.  Main thread only.
 */
#ifndef OLTUI_VERB_H
#define OLTUI_VERB_H

#include <stdbool.h>
#include <stdio.h>

#include "lib/err.h"
#include "tui/verbs/verb_args.h"

enum {
	EXIT_OK = 0,		/* done */
	EXIT_FAIL = 1,		/* refused by the device or by oltui, or failed */
	EXIT_USAGE = 2,		/* bad arguments, or a name oltui does not know */
	EXIT_UNREACHABLE = 3,	/* a device could not be reached */
};

/* Options given before the verb; shared by every verb. */
struct globals {
	const char	*db_path;	/* --db or OLTUI_DB; NULL = XDG default */
	const char	*key_file;	/* --key-file or OLTUI_KEY_FILE */
	const char	*config_dir;	/* --config-dir or OLTUI_CONFIG_DIR */
	bool		 json;		/* --json given before the verb */
	bool		 ascii;		/* --ascii */
};

struct verb {
	const char		*name;		/* "olt", or a sub-verb's "add"; NULL ends */
	const char		*summary;	/* one line: what it does */
	const struct verb	*subs;		/* sub-verbs (VERB_END-terminated), or NULL */
	const struct verb_opt	*opts;		/* options (VOPT_END-terminated), or NULL */
	const struct verb_pos	*pos;		/* positionals (VPOS_END-terminated), or NULL */
	size_t			 size;		/* its argument struct, which starts with
						   struct verb_common */
	int			(*run)(void *args);	/* returns an exit status */
	const char		*more;		/* a paragraph for --help and the man
						   page (how options combine), or NULL */
};
#define VERB_END { .name = NULL }

/* The tables, one per tui/verbs/verb_*.c file. */
extern const struct verb verbs_base[];
extern const struct verb verbs_inventory[];
extern const struct verb verbs_vault[];
extern const struct verb verbs_records[];
extern const struct verb verbs_device[];
extern const struct verb verbs_write[];
extern const struct verb verbs_acs[];
extern const struct verb verbs_parse[];
extern const struct verb verbs_poll[];
extern const struct verb verbs_signal[];
extern const struct verb verbs_console[];
extern const struct verb verbs_demo[];

/* The whole of main(): global options, then the verb (the console when
   there is none).  Returns the exit status. */
int verb_main(int argc, char **argv);

/* Calls fn for every verb in --help order: a verb with sub-verbs first
   with parent NULL, then once per sub-verb with its parent. */
void verbs_foreach(void (*fn)(const struct verb *parent, const struct verb *v,
    void *arg), void *arg);
/* The verb called name, or NULL. */
const struct verb *verb_find(const char *name);
/* The sub-verb of v called name, or NULL.  A verb's sub-verbs are those
   of its entry, then those of any entry of the same name in a later table
   (a file that extends a verb). */
const struct verb *verb_find_sub(const struct verb *v, const char *name);
/* The next sub-verb of v after prev called name (name NULL: any): an
   overloaded sub-verb has several rows, and the first whose arguments
   parse runs.  NULL after the last. */
const struct verb *verb_find_sub_next(const struct verb *v, const char *name,
    const struct verb *prev);
/* Prints the help of sub-verb v of parent (parent NULL: a verb) and of
   every overload of it. */
void verb_help_sub(FILE *f, const struct verb *parent, const struct verb *v);

/* ---- failing ---- */

/* The exit status of an error kind: ERR_NONE 0; ERR_USAGE, ERR_NOTFOUND 2;
   the link (timeout, closed, unreachable) 3; the rest 1. */
int verb_exit_of(enum err_kind k);
/* Prints "oltui NAME: message" on stderr and, with --json, the error
   document on stdout; returns verb_exit_of(k). */
int verb_fail(const struct verb_common *c, enum err_kind k, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* verb_fail with cause as the message; frees cause. */
int verb_fail_cause(const struct verb_common *c, enum err_kind k, char *cause);
/* verb_fail with *e's kind and message; clears *e. */
int verb_fail_err(const struct verb_common *c, struct err *e);
/* Adds the "error" member {kind, message, exit} to a JSON document. */
struct cJSON;
void verb_json_error(struct cJSON *doc, enum err_kind k, const char *message);
/* Prints a JSON document on stdout and deletes it. */
void verb_print_json(struct cJSON *j);
/* Adds key: v rounded to 0.01 (dBm, degrees, metres), or null when not
   valid (never read). */
void verb_json_number(struct cJSON *o, const char *key, double v, bool valid);

/* ---- what a verb opens ---- */

struct engine;
struct store;
/* Opens the store the globals name, or prints why and returns NULL. */
struct store *verb_store(const struct verb_common *c);
/* The OLT called name (on e's store).  EXIT_OK, or a usage error naming
   it (`oltui olt list`) printed and its exit status. */
struct olt;
int verb_find_olt(const struct verb_common *c, struct engine *e, const char *name,
    struct olt *o);
/* Opens the engine for c with flags (core/engine.h ENGINE_*: ENGINE_VAULT
   only when a secret is needed) and c's host-key and timeout options.
   EXIT_OK and *e, or an exit status after printing why. */
int verb_engine(const struct verb_common *c, unsigned flags, struct engine **e);
/* verb_engine() with that many workers (0 = config.ini's jobs.workers). */
int verb_engine_workers(const struct verb_common *c, unsigned flags, int workers,
    struct engine **e);

/* ---- help, from the tables (verb_help.c) ---- */

/* Prints `oltui --help`. */
void help_print(FILE *f);
/* Prints the full help of v (a sub-verb of parent, or parent NULL):
   usage, every argument and option, notes, exit statuses. */
void help_print_verb(FILE *f, const struct verb *parent, const struct verb *v);
/* Prints the man page's VERBS and OPTIONS sections in roff. */
void help_print_man(FILE *f);
/* The global options' table (verb.c), for help. */
extern const struct verb_opt verb_global_opts[];

#endif
