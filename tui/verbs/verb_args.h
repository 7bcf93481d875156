/*
 * verb_args.h — the one argument parser of oltui, and the tables it reads.
 *
 * Every verb (and the global options before the verb) declares its
 * arguments as data: a const table of options (name, type, whether it takes
 * a value, a one-line help, where the value goes) and a const table of
 * positional arguments.  verb_args_parse() reads argv against those tables
 * and nothing else; --help, the synopsis of `oltui --help` and the man page
 * are printed from the same tables (verb_help.c), so an option cannot be
 * parsed without being documented, nor documented without being parsed.
 *
 * The rules, the same for every verb:
 *   - `--name VALUE` or `--name=VALUE`; a flag takes no value.
 *   - A value-taking option never takes the next word when that word starts
 *     with "--": `--desc --dry-run` is a usage error naming --desc, never a
 *     description "--dry-run".  A value that starts with "--" is given as
 *     --desc=--x.  Other words are values ("-27", "-").
 *   - A value option given twice is a usage error (flags may repeat), but
 *     for the global options, where the last one wins (a script's --db
 *     after OLTUI_DB); an option declared VO_MULTI collects every value.
 *   - `--` ends the options; every word after it is positional.
 *   - -h and --help stop parsing and ask for the verb's help.
 *   - Values and positional words never contain control characters.
 *   - An unknown option is a usage error naming it; asking for a secret on
 *     the command line (--password) names the -file option that takes it.
 *
 * Where a value goes: `off` is the offset of the destination in the verb's
 * argument struct, whose type follows from the option's type (bool for a
 * flag, const char * for text, long for a number, struct verb_list for a
 * VO_MULTI option or positional, struct verb_fields for VA_FIELDS).  Values
 * point into argv: the struct is valid as long as argv is.
 *
 * Every verb's argument struct starts with struct verb_common, so the
 * options every device verb shares (VOPT_JSON, VOPT_DEVICE...) are rows
 * with offsets into it.  Main thread only; no state of its own.
 */
#ifndef OLTUI_VERB_ARGS_H
#define OLTUI_VERB_ARGS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/model.h"

struct globals;

/* What a value is, and how it is checked before it is stored. */
enum va_type {
	VA_FLAG,	/* no value: sets a bool */
	VA_STRING,	/* text (max: most characters, 0 = any) */
	VA_INT,		/* a whole number from min to max, into a long */
	VA_NAME,	/* an OLT, contract or profile name: [A-Za-z0-9._-]{1,32} */
	VA_SN,		/* a GPON serial (HWTC1A2B3C4D or 16 hex digits) */
	VA_PATH,	/* a file to read */
	VA_OUTFILE,	/* a file to write: its directory must exist and be writable */
	VA_SECRET_FILE,	/* a file holding a secret (the secret never goes in argv) */
	VA_CUSTOM,	/* checked and stored by the row's parse function */
	VA_FIELDS,	/* every field of an inventory kind, as --field VALUE */
};

/* verb_opt.flags and verb_pos.flags */
#define VO_REQUIRED	0x1u	/* option: must be given */
#define VO_MULTI	0x2u	/* repeatable option / the rest of the words (text types only) */
#define VO_OPTIONAL	0x4u	/* positional: may be left out */

/* Values of a VO_MULTI option or positional, in argv order.  v is owned
   by the parser (verb_args_free); the strings are argv's. */
struct verb_list {
	const char	**v;
	size_t		  n;
};

/* The inventory fields set by a VA_FIELDS option (core/inventory.h). */
struct verb_fields {
	union {
		struct olt	 olt;
		struct contract	 contract;
		struct profile	 profile;
	} u;			/* the record, inv_init()ed before parsing */
	uint32_t	 set;	/* bit i: field i was given */
};

/* One option of a verb. */
struct verb_opt {
	const char	*name;		/* "--desc"; NULL ends the table */
	char		 short_name;	/* 'y' for -y, or 0 */
	enum va_type	 type;
	const char	*meta;		/* the value's name in help ("TEXT"); NULL for a flag */
	size_t		 off;		/* where the value goes (see the file comment) */
	const char	*help;		/* one line */
	long		 min, max;	/* VA_INT range; VA_STRING most characters */
	long		 def;		/* VA_INT: the value when not given */
	const char	*sdef;		/* text types: the value when not given (help shows it) */
	unsigned	 flags;		/* VO_* */
	/* VA_CUSTOM: checks value and stores it at dst; 0, or -1 with a
	   cause that does not name the option (the parser adds it). */
	int		(*parse)(const char *value, void *dst, char **cause);
	int		 kind;		/* VA_FIELDS: the enum inv_kind */
};

/* One positional argument. */
struct verb_pos {
	const char	*meta;		/* "OLT", "SN"; NULL ends the table */
	enum va_type	 type;		/* VA_STRING, VA_NAME, VA_SN, VA_PATH, VA_CUSTOM */
	size_t		 off;
	const char	*help;		/* one line */
	unsigned	 flags;		/* VO_OPTIONAL, VO_MULTI (the rest of the words) */
	int		(*parse)(const char *value, void *dst, char **cause);
};

/* What every verb's argument struct starts with: the context the
   dispatcher sets (g, name) and the options many verbs share. */
struct verb_common {
	const struct globals	*g;		/* the global options */
	const char		*name;		/* "ont show", for messages */
	bool			 json;		/* --json, before or after the verb */
	bool			 yes;		/* --yes: destructive actions go on */
	bool			 dry_run;	/* --dry-run: preview, send nothing */
	bool			 accept_new_host_key;
	const char		*known_hosts;	/* NULL = ~/.ssh/known_hosts */
	long			 timeout_ms;	/* --timeout MS; 0 = config.ini */
};

#define VC_OFF(member) offsetof(struct verb_common, member)

/* The shared rows, for the verbs' tables. */
#define VOPT_JSON \
	{ .name = "--json", .type = VA_FLAG, .off = VC_OFF(json), \
	  .help = "print one JSON document on stdout (errors too)" }
#define VOPT_YES \
	{ .name = "--yes", .short_name = 'y', .type = VA_FLAG, .off = VC_OFF(yes), \
	  .help = "do it without asking (a destructive action asks on the terminal)" }
#define VOPT_DRY_RUN \
	{ .name = "--dry-run", .type = VA_FLAG, .off = VC_OFF(dry_run), \
	  .help = "print the commands and their undo; send nothing" }
#define VOPT_ACCEPT_HOST_KEY \
	{ .name = "--accept-new-host-key", .type = VA_FLAG, \
	  .off = VC_OFF(accept_new_host_key), \
	  .help = "trust and record an SSH host key seen for the first time" }
#define VOPT_KNOWN_HOSTS \
	{ .name = "--known-hosts", .type = VA_PATH, .meta = "FILE", \
	  .off = VC_OFF(known_hosts), \
	  .help = "OpenSSH known_hosts file (default ~/.ssh/known_hosts)" }
#define VOPT_TIMEOUT \
	{ .name = "--timeout", .type = VA_INT, .meta = "MS", .off = VC_OFF(timeout_ms), \
	  .min = 100, .max = 3600000, \
	  .help = "give the OLT this many milliseconds per command (default: config.ini)" }
/* The options of a verb that logs in to OLTs. */
#define VOPT_DEVICE VOPT_ACCEPT_HOST_KEY, VOPT_KNOWN_HOSTS, VOPT_TIMEOUT
#define VOPT_END { .name = NULL }
#define VPOS_END { .meta = NULL }

/* verb_args_parse() flags */
#define VA_STOP_AT_WORD	0x1u	/* stop at the first positional word (the
				   global options before the verb) */
#define VA_LAST_WINS	0x2u	/* a value option given twice: the last one */

/* verb_args_parse() results */
#define VA_OK		0
#define VA_HELP		1	/* -h or --help: print the help */
#define VA_ERROR	(-1)	/* a usage error, in *cause */

/* Parses argv[0..argc) against opts and pos into args (zeroed by the
   caller): defaults first, then every word.  With VA_STOP_AT_WORD it stops
   at the first positional word and sets *used to its index (argc when
   there is none); *used may be NULL otherwise.  Returns VA_OK, VA_HELP, or
   VA_ERROR with a message in *cause (the caller frees it) naming the word
   at fault.  Either way call verb_args_free() afterwards. */
int verb_args_parse(const struct verb_opt *opts, const struct verb_pos *pos,
    int argc, char **argv, void *args, unsigned flags, int *used, char **cause);
/* Frees what the parser allocated in args (the lists). */
void verb_args_free(const struct verb_opt *opts, const struct verb_pos *pos, void *args);

/* True when argv holds "--json" among its options (before any "--"): a
   usage error found before --json was reached is still printed as JSON. */
bool verb_args_want_json(int argc, char **argv);

/* Checks that path can be created: its directory exists and is writable.
   0, or -1 with a cause naming label.  (VA_OUTFILE, and a path taken from
   config.ini.) */
int verb_check_outfile(const char *label, const char *path, char **cause);

/* The value's name shown for an option in help: its meta, or for a
   VA_FIELDS field the field's form.  Into out. */
void verb_opt_meta(const struct verb_opt *o, size_t field, char *out, size_t size);

#endif
