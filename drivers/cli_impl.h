/*
 * cli_impl.h — the CLI engine's insides, shared by cli.c (sessions, the read
 * loop, login, commands), cli_output.c (cleaning output, finding errors) and
 * cli_mode.c (moving between modes, keepalive, logout).  Not for callers:
 * they use cli.h.
 */
#ifndef OLTUI_CLI_IMPL_H
#define OLTUI_CLI_IMPL_H

#include <regex.h>

#include "drivers/cli.h"
#include "lib/util.h"

#define CLI_MAX_PATTERNS	32

struct cli {
	struct transport	*t;
	const struct cli_dialect	*v;
	struct cli_options	 o;
	regex_t			 user_re, pass_re, pager_re;
	regex_t			 login_err[CLI_MAX_PATTERNS];
	size_t			 nlogin_err;
	regex_t			 login_q[CLI_MAX_PATTERNS];
	size_t			 nlogin_q;
	regex_t			 mode_re[CLI_MAX_PATTERNS];
	size_t			 nmodes;
	regex_t			 q_re[CLI_MAX_PATTERNS];
	size_t			 nq;
	regex_t			 err_re[CLI_MAX_PATTERNS];
	size_t			 nerr;
	enum cli_mode		 mode;
	char			*mode_arg;	/* argument of the mode we entered */
	char			 host[128];	/* from the first prompt */
	bool			 broken;
	cli_transcript_fn	 fn;
	void			*fn_arg;
	unsigned		 rng;
	char			*password;	/* the login's (NULL: none): masked in
						   every transcript and message; wiped
						   when the session closes */
};

enum phase { PH_LOGIN, PH_COMMAND, PH_LOGOUT };

/* State of one exchange while it reads. */
struct xch {
	enum phase	 ph;
	bool		 confirm;
	const char	*user, *password;
	bool		 sent_user, sent_password;
	size_t		 answered_at;	/* raw offset after our last answer */
	int		 answered;
	char		*declined;	/* a question we answered no to */
	bool		 declined_password; /* ... and it was a password prompt */
};

/* Returns the mode whose prompt is line (with the session's host name once
   known) and copies the host name into host, or CLI_MODE_UNKNOWN. */
enum cli_mode cli_match_prompt(const struct cli *c, const char *line,
    char *host, size_t hostsz);
/* Finds the first error line of clean output: its kind, and in *text the
   device's words with wrapped lines joined (caller frees); or ERR_NONE. */
enum err_kind cli_find_error(const struct cli *c, const char *clean,
    char **text);
/* Fills err, replacing what was there. */
void cli_set_error(struct err *err, enum err_kind kind,
    const char *cmd, const char *device_text, const char *fmt, ...)
    PRINTFLIKE(5, 6);
/* Fills err for a call on a broken session (cli_broken) and returns -1. */
int cli_refuse_broken(struct cli *c, const char *cmd, struct err *err);
/* Runs cmd once in phase ph; -1 with *err; *clean set when possible. */
int cli_run_once(struct cli *c, const char *cmd, const struct cli_run_opts *o,
    enum phase ph, int attempt, char **clean, struct err *err);

#endif
