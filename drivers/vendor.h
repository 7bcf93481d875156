/*
 * vendor.h — what the CLI engine needs to know about a vendor, as data.
 *
 * One engine (drivers/cli.c) talks to every OLT; a vendor is a const table:
 * its login dialogue, prompts per mode, pager marker, the questions it asks
 * and their answers, error patterns, session set-up commands and how to move
 * between modes and log out.  Patterns are POSIX extended regexes, matched
 * against text already cleaned of terminal escapes (textclean.h); prompt
 * patterns capture the host name in group 1.  Adding a vendor is adding a
 * table (docs/drivers.md).
 *
 * The tables are immutable; any thread may read them.
 */
#ifndef OLTUI_VENDOR_H
#define OLTUI_VENDOR_H

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

struct vendor_mode {
	enum cli_mode	 mode;
	const char	*prompt;	/* ERE for the whole prompt line; group 1 = host */
	const char	*enter;		/* printf format (%s = argument) entered from
					   (config); NULL = not enterable */
};

enum vendor_question_kind {
	VQ_ENTER,	/* answer with Enter (Huawei smart "{ <cr>|... }:") */
	VQ_CONFIRM,	/* yes only when the step expects a confirmation */
	VQ_LOGOUT,	/* yes when logging out, no otherwise */
	VQ_TEXT,	/* answer with a fixed text + Enter */
};

struct vendor_question {
	const char			*re;	/* ERE on the last line */
	enum vendor_question_kind	 kind;
	const char			*yes;	/* VQ_CONFIRM/LOGOUT yes; VQ_TEXT answer */
	const char			*no;	/* VQ_CONFIRM/LOGOUT no */
};

struct vendor_error {
	const char		*re;	/* ERE on one line of the clean output */
	enum err_kind	 kind;	/* ERR_SYNTAX, _FAILURE, _BUSY or _EMPTY */
	bool			 wraps;	/* the message may continue on the next
					   lines with the same indentation */
};

struct vendor {
	const char			*name;		/* "huawei", "zte" */
	enum tc_vendor			 tc;
	const char			*user_prompt;	/* ERE, case-insensitive */
	const char			*password_prompt; /* ERE, case-insensitive */
	const char *const		*login_errors;	/* EREs, NULL-terminated */
	const struct vendor_question	*login_questions; /* {NULL} terminated */
	const struct vendor_mode	*modes;		/* {0, NULL} terminated; specific first */
	const char			*pager;		/* ERE on the last line */
	const char			*pager_answer;	/* sent without Enter */
	const struct vendor_question	*questions;	/* {NULL} terminated */
	const struct vendor_error	*errors;	/* {NULL} terminated; first match wins */
	const char *const		*setup;		/* run in privileged mode after login */
	const char			*enable;	/* user -> privileged */
	const char			*config;	/* privileged -> config */
	const char			*up;		/* one level up ("quit" / "exit") */
	const char			*top;		/* back to privileged ("return" / "end") */
	const char			*logout;	/* from privileged */
};

extern const struct vendor vendor_huawei;
extern const struct vendor vendor_zte;

/* Returns the vendor called name ("huawei", "zte"), or NULL. */
const struct vendor *vendor_find(const char *name);
/* Returns "user", "privileged", "config", "interface", "onu", "other", "unknown". */
const char *vendor_mode_name(enum cli_mode m);

#endif
