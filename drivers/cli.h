/*
 * cli.h — the CLI engine: one session with an OLT's command line.
 *
 * One engine for every vendor, driven by a vendor table (vendor.h), over a
 * transport that only moves bytes (transport.h).  It logs in (in-band for
 * Telnet; SSH has authenticated already), prepares the session, runs
 * commands and returns their clean output (no echo, prompt, pager debris,
 * terminal escapes, smart questions or alarm blocks), or a structured error
 * carrying the device's own words.  It answers pagers and questions while it
 * reads, knows the current mode from the prompt, and can move between modes.
 *
 * Safety: every command is checked before it is written: a CR, LF or other
 * control character refuses it (ERR_REFUSED), so no input can become a
 * second command.  A (y/n) question is answered yes only when the caller
 * says the step expects a confirmation; otherwise no, and the command fails.
 *
 * After ERR_TIMEOUT or ERR_CLOSED the session is broken
 * (cli_broken()): the device may be mid-output, so close it.
 *
 * Threads: a struct cli is used by one thread at a time (the session pool
 * hands it to one worker); different sessions run in parallel.
 */
#ifndef OLTUI_CLI_H
#define OLTUI_CLI_H

#include <stdbool.h>
#include <stdint.h>

#include "drivers/transport.h"
#include "drivers/cli_dialect.h"
#include "lib/err.h"

struct cli_options {
	int	login_timeout_ms;	/* 0 = 20000 */
	int	command_timeout_ms;	/* 0 = 30000; per command */
	int	busy_retries;		/* 0 = 3 ("System is busy" retries); -1 = none */
	int	busy_backoff_ms;	/* 0 = 1000, doubled per retry, with jitter */
};

/* One exchange, for the audit trail.  Pointers valid during the callback. */
struct cli_exchange {
	const char		*command;	/* as written; "<password>" for secrets */
	const char		*raw;		/* the bytes that came back */
	size_t			 raw_len;
	const char		*clean;		/* the clean output ("" for login) */
	int64_t			 ms;		/* from write to prompt */
	int			 attempt;	/* 1, or more after busy retries */
	int			 answered;	/* pagers and questions answered */
	enum err_kind	 outcome;
};
typedef void (*cli_transcript_fn)(void *arg, const struct cli_exchange *x);

struct cli_run_opts {
	bool	confirm;	/* a (y/n) question is expected: answer yes */
	int	timeout_ms;	/* 0 = the session's command timeout */
	bool	no_retry;	/* do not retry on "System is busy" */
};

/* Creates a session over t (the session owns t from now on) for vendor v.
   o may be NULL for the defaults.  Nothing is sent yet. */
struct cli *cli_new(struct transport *t, const struct cli_dialect *v,
    const struct cli_options *o);
/* Logs out (best effort), closes the transport and frees. NULL is fine. */
void cli_free(struct cli *c);
/* Closes without logging out (after an error). */
void cli_close(struct cli *c);

/* Every exchange from now on is reported to fn (on the calling thread). */
void cli_set_transcript(struct cli *c, cli_transcript_fn fn, void *arg);

/* Waits for the first prompt, answering the login dialogue when the device
   asks (user name, password, pagers, post-login questions), then enters
   privileged mode and runs the vendor's set-up commands.  password may be
   NULL when SSH has authenticated.  The session keeps a copy of password
   only to mask it ("********") wherever a device gives it back: in every
   transcript, clean output and error of the session; the copy is wiped
   when the session closes.  0, or -1 with *err (ERR_AUTH for a refused
   login, TIMEOUT/CLOSED otherwise). */
int cli_login(struct cli *c, const char *user, const char *password,
    struct err *err);

/* Runs one command in the current mode.  0 with *out (clean output, caller
   frees; "" for an empty result), or -1 with *err (and *out, when not NULL,
   set to whatever clean output came before the error).  o may be NULL. */
int cli_run(struct cli *c, const char *cmd, const struct cli_run_opts *o,
    char **out, struct err *err);

/* Moves to mode (CLI_MODE_PRIV, _CONFIG, _IF or _ONU with arg, the
   vendor's interface argument such as "0/1" or "gpon-olt_1/1/1", which the
   dialect's enter format takes), leaving the current one as needed.  0 or
   -1 with *err. */
int cli_enter(struct cli *c, enum cli_mode mode, const char *arg,
    struct err *err);
/* Back to privileged mode. */
int cli_leave(struct cli *c, struct err *err);
/* Sends an empty line and waits for the prompt (in-band keepalive). */
int cli_keepalive(struct cli *c, struct err *err);
/* Logs out: back to privileged, then the vendor's logout, answering its
   question with yes; the device closes the link.  0 or -1. */
int cli_logout(struct cli *c, struct err *err);

enum cli_mode cli_current_mode(const struct cli *c);
/* The host name from the prompt ("MA5800-X7"); "" before login. */
const char *cli_hostname(const struct cli *c);
/* True after a timeout or a closed link: the session must be closed. */
bool cli_broken(const struct cli *c);
/* "pop-south (127.0.0.1:2323)". */
const char *cli_label(const struct cli *c);
const struct cli_dialect *cli_dialect(const struct cli *c);
/* The transport under the session (byte counts, label); owned by c. */
struct transport *cli_transport(const struct cli *c);

/* Cleans raw device output of a command the way cli_run does (terminal
   rendering, echo of cmd, final prompt, debris); exposed for tests and for
   replaying transcripts.  Caller frees. */
char *cli_clean_output(const struct cli *c, const char *cmd, const char *raw,
    size_t len);

#endif
