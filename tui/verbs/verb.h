/*
 * verb.h — the table of headless verbs.
 *
 * Every verb oltui understands (`oltui olt add …`, `oltui parse …`) is one
 * entry in a const table.  main.c dispatches from the tables, and `--help`,
 * the man page's VERBS section and the console's `:` palette are generated
 * from the same entries, so they cannot drift apart.
 *
 * Each tui/verbs/verb_*.c file owns one table, terminated by an entry whose name
 * is NULL, and main.c lists the tables.  A verb's run() is called on the main
 * thread with argv[0] set to the verb name; it returns one of the exit
 * statuses below.
 */
#ifndef OLTUI_VERB_H
#define OLTUI_VERB_H

#include <stdbool.h>

enum {
	EXIT_OK = 0,		/* done */
	EXIT_FAIL = 1,		/* refused by the device, or failed */
	EXIT_USAGE = 2,		/* bad arguments */
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
	const char	*name;		/* first word: "olt", "parse" */
	const char	*synopsis;	/* arguments, for --help and the man page */
	const char	*summary;	/* one line: what it does */
	int		(*run)(int argc, char **argv, const struct globals *g);
};

/* The tables, one per tui/verbs/verb_*.c file. */
extern const struct verb verbs_base[];
extern const struct verb verbs_inventory[];
extern const struct verb verbs_vault[];
extern const struct verb verbs_device[];
extern const struct verb verbs_write[];
extern const struct verb verbs_parse[];
extern const struct verb verbs_poll[];
extern const struct verb verbs_console[];

/* Calls fn for every verb of every table, in --help order. */
void verbs_foreach(void (*fn)(const struct verb *, void *), void *arg);
/* Returns the verb called name, or NULL. */
const struct verb *verb_find(const char *name);
/* Prints a usage line for v on stderr and returns EXIT_USAGE. */
int verb_usage(const struct verb *v);
/* Prints "oltui VERB: message" on stderr and returns EXIT_USAGE. */
int verb_usage_error(const char *verb, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Prints --help, generated from the tables. */
#include <stdio.h>
void help_print(FILE *f);
/* Prints the man page's VERBS and OPTIONS sections in roff. */
void help_print_man(FILE *f);

#endif
