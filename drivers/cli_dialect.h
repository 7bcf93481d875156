/*
 * cli_dialect.h — what the CLI engine needs to know about a vendor's
 * command line, as data.
 *
 * One engine (drivers/cli.c) talks to every OLT; a dialect is a const
 * table: its login dialogue, prompts per mode, pager marker, the questions
 * it asks and their answers, error patterns, session set-up commands and
 * how to move between modes and log out.  Patterns are POSIX extended
 * regexes, matched against text already cleaned of terminal escapes
 * (textclean.h); prompt patterns capture the host name in group 1.  A CLI
 * driver (driver.h) points at its dialect (docs/drivers.md).
 *
 * The last group of fields says what of the device's talk to a human stays
 * in the output and is removed from it (textclean.h, both for the engine's
 * output and for a capture `oltui parse` reads): pager markers as printed,
 * answered question lines and the echo block after them, asynchronous
 * blocks (alarm reports), prompt forms beyond "host#" / "host>".  Every one
 * of them is optional (NULL / 0 = none): a dialect that sets none gets the
 * generic cleaning only.
 *
 * The tables are immutable; any thread may read them.
 */
#ifndef OLTUI_CLI_DIALECT_H
#define OLTUI_CLI_DIALECT_H

#include <stdbool.h>
#include <stddef.h>

#include <regex.h>

#include "lib/err.h"

/* The modes the engine tracks (from the prompt). */
enum cli_mode {
	CLI_MODE_UNKNOWN = 0,	/* before login */
	CLI_MODE_USER,		/* "host>" */
	CLI_MODE_PRIV,		/* "host#" */
	CLI_MODE_CONFIG,	/* "host(config)#" */
	CLI_MODE_IF,		/* "host(config-if-gpon-0/1)#", "host(config-if)#" */
	CLI_MODE_ONU,		/* ZTE "host(gpon-onu-mng)#" */
	CLI_MODE_OTHER,		/* any other "(...)#" sub-mode */
};

struct dialect_mode {
	enum cli_mode	 mode;
	const char	*prompt;	/* ERE for the whole prompt line; group 1 = host */
	const char	*enter;		/* printf format (%s = argument) entered from
					   (config); NULL = not enterable */
};

enum dialect_question_kind {
	DQ_ENTER,	/* answer with Enter (Huawei smart "{ <cr>|... }:") */
	DQ_CONFIRM,	/* yes only when the step expects a confirmation */
	DQ_LOGOUT,	/* yes when logging out, no otherwise */
	DQ_TEXT,	/* answer with a fixed text + Enter */
};

struct dialect_question {
	const char			*re;	/* ERE on the last line */
	enum dialect_question_kind	 kind;
	const char			*yes;	/* DQ_CONFIRM/LOGOUT yes; DQ_TEXT answer */
	const char			*no;	/* DQ_CONFIRM/LOGOUT no */
};

struct dialect_error {
	const char		*re;	/* ERE on one line of the clean output */
	enum err_kind	 kind;	/* ERR_SYNTAX, _FAILURE, _BUSY or _EMPTY */
	bool			 wraps;	/* the message may continue on the next
					   lines with the same indentation */
};

/* A pager marker as the device leaves it in the text: the engine finds the
   pager by the dialect's pager ERE and answers it; cleaning removes every
   copy of the marker that the device did not erase itself. */
struct dialect_marker {
	const char	*text;		/* as printed, e.g. "--More--" */
	unsigned	 flags;		/* DM_* */
	size_t		 head;		/* > 0: the marker may be overwritten by the
					   data after it, leaving its first head
					   characters at the start of the line (after
					   blanks), which go with the blanks; 0 = never */
};

#define DM_BLANK_BEFORE	0x1	/* the blank printed before the marker goes too */

/* A block the device prints on its own, between the lines of any output
   (an alarm report): cleaning removes it when it is complete. */
struct dialect_block {
	const char	*start;		/* ERE on its first line */
	const char	*end;		/* ERE on its last line */
	const char	*word;		/* text a line after the first must contain
					   for it to be a block; NULL = none needed */
	int		 max_lines;	/* longest block, first and last line
					   included; 0 = no limit */
};

struct cli_dialect {
	const char			*name;		/* "huawei", "zte" */
	const char			*user_prompt;	/* ERE, case-insensitive */
	const char			*password_prompt; /* ERE, case-insensitive */
	const char *const		*login_errors;	/* EREs, NULL-terminated */
	const struct dialect_question	*login_questions; /* {NULL} terminated */
	const struct dialect_mode	*modes;		/* {0, NULL} terminated; specific first */
	const char			*pager;		/* ERE on the last line */
	const char			*pager_answer;	/* sent without Enter */
	const struct dialect_question	*questions;	/* {NULL} terminated */
	const struct dialect_error	*errors;	/* {NULL} terminated; first match wins */
	const char *const		*setup;		/* run in privileged mode after login */
	const char			*enable;	/* user -> privileged */
	const char			*config;	/* privileged -> config */
	const char			*up;		/* one level up ("quit" / "exit") */
	const char			*top;		/* back to privileged ("return" / "end") */
	const char			*logout;	/* from privileged */
	/* What cleaning removes (textclean.h); each NULL = none. */
	const struct dialect_marker	*markers;	/* pager markers, {NULL} terminated */
	const char *const		*answered;	/* EREs: question lines left in the
							   output once answered, NULL-terminated */
	const char			*echo_header;	/* the line alone ("Command:") that
							   starts the device's echo of the
							   command after an answer */
	const struct dialect_block	*blocks;	/* asynchronous blocks, {NULL} terminated */
	const char *const		*prompt_ends;	/* prompt ends besides "#" and ">"
							   ("%%"), NULL-terminated */
};

/* Returns "user", "privileged", "config", "interface", "onu", "other", "unknown". */
const char *cli_mode_name(enum cli_mode m);
/* The mode cli_mode_name() calls name; CLI_MODE_UNKNOWN for none. */
enum cli_mode cli_mode_by_name(const char *name);

/* Compiles pattern, a dialect's ERE, into re with REG_EXTENDED | flags; the
   caller frees it with regfree().  A pattern that does not compile is a
   mistake in a table: the message names it and the program aborts. */
void cli_dialect_compile(regex_t *re, const char *pattern, int flags);

#endif
