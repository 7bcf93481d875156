/*
 * persona.h — a simulated OLT's command line, independent of the wire.
 *
 * A persona (huawei.c, zte.c) turns the bytes a client typed into the bytes
 * the OLT answers.  It knows nothing of sockets: the SSH server (ssh.c), the
 * Telnet server (telnet.c) and `oltsim --stdio` (stdio.c) each feed it input
 * and write out what it appends to `out`.  One cli_session per connection;
 * the server calls a session's functions from one thread only.
 *
 * The persona takes olt->lock itself while it reads or changes state and
 * never holds it while sleeping.  Per-command latency (olt->fault.latency_ms)
 * is applied by the persona: input() may sleep before answering a command,
 * which only delays that connection.
 *
 * Login: when opened with `authenticated` (SSH did the password check, or a
 * real sshd fronts --stdio), the persona starts with its banner and prompt;
 * otherwise it runs the in-band login dialogue (Huawei telnet ">>User name:",
 * ZTE "Username:").  Credentials are olt->user / olt->password.  The server
 * checks the session limit (olt->sessions vs olt->max_sessions) for SSH; the
 * persona does it for in-band logins.
 *
 * Echo: over SSH with a pty and over Telnet with WILL ECHO the OLT echoes
 * what is typed; the persona echoes (it appends typed characters to out)
 * unless opened with echo off (--stdio behind a real pty that echoes).
 */
#ifndef OLTSIM_PERSONA_H
#define OLTSIM_PERSONA_H

#include <stdbool.h>
#include <stddef.h>

#include "lib/util.h"
#include "tests/lab/fleet.h"

struct cli_session;

struct persona_opts {
	bool	 authenticated;	/* login already done by the transport */
	bool	 echo;		/* echo typed characters */
	int	 rows;		/* terminal height for the pager (0 = vendor default) */
	const char *peer;	/* client address for "last login" tables */
};

struct persona {
	const char	*name;	/* "huawei", "zte" */
	const char	*transport;	/* how its CLI is reached: "ssh", "telnet" */
	/* A service profile that provisions on this persona's OLTs, as
	   `oltsim` prints it for `oltui demo`: "NAME vlan=V down=D up=U
	   line=L service=S" (the profiles its OLTs know). */
	const char	*demo_profile;
	/* Starts a session; appends the banner (and first prompt or login
	   question) to out. */
	struct cli_session *(*open)(struct sim_olt *olt, const struct persona_opts *o,
	    struct buf *out);
	/* Feeds bytes typed by the client; appends the answer to out. */
	void	(*input)(struct cli_session *s, const char *data, size_t len,
	    struct buf *out);
	/* Called about every 100 ms; appends asynchronous output (alarm blocks
	   while alarm output is on, the rest of a slow answer). */
	void	(*tick)(struct cli_session *s, struct buf *out);
	/* True once the client logged out or the session must end. */
	bool	(*done)(const struct cli_session *s);
	/* Ends the session and frees it. */
	void	(*close)(struct cli_session *s);
};

extern const struct persona persona_huawei;
extern const struct persona persona_zte;

/* Returns the persona for a vendor. */
const struct persona *persona_for(enum sim_vendor v);

#endif
