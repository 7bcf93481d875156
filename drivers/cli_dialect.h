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
 * The tables are immutable; any thread may read them.
 */
#ifndef OLTUI_CLI_DIALECT_H
#define OLTUI_CLI_DIALECT_H

#include <stdbool.h>
#include <stddef.h>

#include "drivers/textclean.h"
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
};

/* Returns "user", "privileged", "config", "interface", "onu", "other", "unknown". */
const char *cli_mode_name(enum cli_mode m);

#endif
