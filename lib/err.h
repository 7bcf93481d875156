/*
 * err.h — what went wrong, as a value for code and a sentence for people.
 *
 * Every layer reports a failure the same way: an error kind the caller can
 * act on (retry later, show cached data, ask for a new password, exit 3)
 * and a message a technician can act on.  Code decides on the kind, never
 * on the words of the message ("never classify by strstr(cause, ...)").
 *
 * The kinds cover the device's answers (syntax, failure, busy, an empty
 * result), the link (timeout, closed, unreachable), the login (auth, host
 * key), what oltui refuses itself (refused: a control character, a bad
 * mode; usage: an invalid request, nothing was sent) and the rest (too big,
 * not found, internal).
 *
 * struct err owns its strings: err_clear() frees them and leaves ERR_NONE.
 * Pure data; any thread.
 */
#ifndef OLTUI_ERR_H
#define OLTUI_ERR_H

#include "lib/util.h"

#define ERR_KINDS(X)							\
	X(ERR_NONE,		"ok")		/* nothing went wrong */	\
	X(ERR_SYNTAX,		"syntax")	/* the device did not understand */ \
	X(ERR_FAILURE,		"failure")	/* the device understood and refused */ \
	X(ERR_BUSY,		"busy")		/* the device is busy; retry later */ \
	X(ERR_TIMEOUT,		"timeout")	/* no answer in time */	\
	X(ERR_CLOSED,		"closed")	/* the link closed or broke */ \
	X(ERR_AUTH,		"login")	/* the login was refused */ \
	X(ERR_REFUSED,		"refused")	/* refused locally (control characters, bad mode) */ \
	X(ERR_EMPTY,		"empty")	/* a device pattern: an empty result, not an error */ \
	X(ERR_UNREACHABLE,	"unreachable")	/* could not connect, or the breaker is open */ \
	X(ERR_HOSTKEY,		"host key")	/* SSH host key unknown or changed */ \
	X(ERR_TOOBIG,		"too big")	/* an answer or request too large */ \
	X(ERR_USAGE,		"usage")	/* an invalid request: nothing was sent */ \
	X(ERR_NOTFOUND,		"not found")	/* no such OLT, ONT, contract... */ \
	X(ERR_INTERNAL,		"internal")	/* the database, memory, a bug */

#define ERR_ENUM(id, name) id,
enum err_kind { ERR_KINDS(ERR_ENUM) ERR_KIND_COUNT };
#undef ERR_ENUM

/* A failure.  Strings are owned by the struct; all may be NULL. */
struct err {
	enum err_kind	 kind;		/* ERR_NONE when there is none */
	char		*device_text;	/* the device's own words, unwrapped */
	char		*command;	/* the command or request that failed */
	char		*message;	/* a sentence for a technician, naming the device */
};

/* "syntax", "failure", "timeout", ..., "ok"; "unknown" out of range. */
const char *err_kind_name(enum err_kind k);
/* Frees the strings and resets to ERR_NONE.  NULL is fine. */
void err_clear(struct err *e);
/* Replaces e's kind and message (device_text and command are cleared).
   e may be NULL. */
void err_set(struct err *e, enum err_kind kind, const char *fmt, ...) PRINTFLIKE(3, 4);
/* True when the device could not be reached or the link broke: the
   caller should show cached data (timeout, closed, unreachable). */
bool err_is_link(enum err_kind k);
/* The message, or the kind's name when there is none. */
const char *err_text(const struct err *e);

#endif
