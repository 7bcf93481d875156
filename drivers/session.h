/*
 * session.h — a logged-in session with one OLT, whatever the southbound.
 *
 * Core never sees a CLI, an HTTP client or a gRPC channel: it holds a
 * struct session, opened by the OLT's driver (driver.h: open), kept by the
 * session pool (session_pool.h: reuse, keepalive, idle close, backoff, the
 * breaker), passed to the driver's reads, and closed by the pool.  The ops
 * table says how to keep one alive, whether it is broken and how to close
 * it.  A CLI driver opens a CLI session (session_cli_open below, over
 * transport.h and cli.h); a driver with an API southbound brings its own
 * ops table and impl.
 *
 * Threads: a session is used by one thread at a time (the pool hands it to
 * one caller until release); different sessions run in parallel.
 */
#ifndef OLTUI_SESSION_H
#define OLTUI_SESSION_H

#include <stdbool.h>
#include <stdint.h>

#include "lib/err.h"
#include "lib/gpon.h"

struct cli;
struct olt_driver;
struct session;

/* What a session is, for the pool. */
struct session_ops {
	const char	*kind;		/* "cli" */
	/* An in-band keepalive (an Enter on a CLI).  0, or -1 with *e. */
	int		(*keepalive)(struct session *s, struct err *e);
	/* True when the session must be closed (a timeout, a dropped link). */
	bool		(*broken)(const struct session *s);
	/* Logs out when logout (best effort), closes and frees. */
	void		(*close)(struct session *s, bool logout);
};

struct session {
	const struct session_ops	*ops;
	const struct olt_driver		*drv;	/* the driver that opened it */
	char				 label[96];	/* "pop-south (127.0.0.1:2323)" */
	void				*impl;	/* the southbound's own state */
	int64_t				 connect_ms;	/* how long the open took to connect */
	int64_t				 login_ms;	/* ... and to log in */
};

/* Where and how to reach one OLT: everything a driver's open needs.
   Strings are borrowed for the call. */
struct session_params {
	const char		*name;		/* the OLT's name, for messages */
	const char		*host;
	int			 port;		/* 0 = the driver's default */
	enum transport_kind	 transport;
	const char		*user;
	const char		*password;	/* NULL = none (key auth, or none asked) */
	const char		*known_hosts;	/* NULL = ~/.ssh/known_hosts */
	bool			 accept_new_host_key;	/* append a first-contact SSH key */
	const char		*jump;		/* "user@host[:port]"; NULL = none */
	int			 connect_timeout_ms;	/* 0 = 10000 */
	int			 login_timeout_ms;	/* 0 = 20000 */
	int			 command_timeout_ms;	/* 0 = 30000 */
};

/* Opens a CLI session: a transport (SSH or Telnet, maybe through a jump
   host), the CLI engine with the driver's dialect, the login and the
   dialect's set-up commands.  0 and *out, or -1 with *e: ERR_HOSTKEY (a
   first-contact or changed SSH key; the message carries the fingerprint
   and what to do), ERR_AUTH (login refused), ERR_UNREACHABLE, ERR_TIMEOUT
   or ERR_CLOSED.  The driver's `open` for CLI drivers. */
int session_cli_open(const struct olt_driver *d, const struct session_params *p,
    struct session **out, struct err *e);
/* The CLI under a CLI session; NULL for another kind. */
struct cli *session_cli(struct session *s);
/* Wraps an open, logged-in CLI session (the session owns c afterwards). */
struct session *session_cli_wrap(const struct olt_driver *d, struct cli *c);

/* The pool's calls through the ops table. */
int session_keepalive(struct session *s, struct err *e);
bool session_broken(const struct session *s);
/* Logs out (best effort) and frees; NULL is fine. */
void session_close(struct session *s);
/* Closes without logging out (after an error); NULL is fine. */
void session_abort(struct session *s);

#endif
