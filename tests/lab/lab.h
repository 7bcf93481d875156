/*
 * lab.h — the pieces of the oltsim process around the fleet and personas.
 *
 * main.c reads the options (lab_opts), builds the fleet (fleet.h) and starts,
 * in this order: the CLI listeners (server.c, which hands connections to
 * ssh.c and telnet.c), the SNMP agent (snmp_agent.h), the control socket
 * (ctl.c) and the life thread (life.c).  It stops them in reverse order on
 * SIGTERM/SIGINT or the control verb `quit`.  `oltsim --stdio` (stdio.c)
 * runs one CLI session on stdin/stdout instead.
 *
 * Every thread but main blocks SIGTERM, SIGINT and SIGUSR1 (they are created
 * after main blocks them), so main's sigwait() sees them.
 */
#ifndef OLTSIM_LAB_H
#define OLTSIM_LAB_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "lib/util.h"
#include "tests/lab/fleet.h"
#include "tests/lab/persona.h"

/* Everything `oltsim` can be told on its command line or in --config. */
struct lab_opts {
	struct fleet_opts fleet;
	char	*host_key;	/* --host-key: an ed25519 private key file; NULL = generate */
	char	*ctl_path;	/* --ctl: control socket; NULL = default */
	int	 tick_ms;	/* --tick-ms: life step period */
	bool	 no_life;	/* --no-life: no life thread (ctl `tick` still works) */
	bool	 stdio;		/* --stdio: one session on stdin/stdout */
	char	*persona;	/* --persona for --stdio: "huawei" / "zte" */
	int	 echo;		/* --echo for --stdio: -1 = decide, 0 off, 1 on */
	bool	 login;		/* --login for --stdio: in-band login even for Huawei */
};

/* Sets lab_opts defaults. */
void lab_opts_init(struct lab_opts *o);
/* Frees the strings in o. */
void lab_opts_free(struct lab_opts *o);
/* Applies one option (the name without "--", as in the config file).
   val is NULL for flags.  0, or -1 with *cause. */
int lab_opt_set(struct lab_opts *o, const char *key, const char *val, char **cause);
/* True when option key takes a value. */
bool lab_opt_has_value(const char *key);
/* Reads a `key = value` file ('#' comments) into o.  0, or -1 with *cause. */
int lab_opts_load(struct lab_opts *o, const char *path, char **cause);

/* Prints one help line per option on fp. */
void lab_opts_usage(FILE *fp);

/* ---- server.c: listeners and connection threads ---- */

/* One accepted CLI connection, shared by ssh.c and telnet.c. */
struct lab_conn {
	int			 fd;
	struct sim_olt		*olt;
	const struct persona	*persona;
	long			 sent;		/* CLI bytes sent so far (drop_after) */
	uint32_t		 garble_n;	/* printable bytes seen (garble) */
	char			 peer[64];
	bool			 dropped;	/* drop_after fired: close now */
	void			*transport;	/* ssh_session or NULL */
};

/* Opens every OLT's CLI listener on 127.0.0.1 (base_port 0: any free port,
   written back into olt->cli_port; likewise picks olt->snmp_port when 0)
   and starts the accept thread.  0, or -1 with *cause. */
int server_start(struct sim_fleet *f, const struct lab_opts *o, char **cause);
/* Stops accepting, ends every connection and joins all threads. */
void server_stop(void);
/* True once server_stop() began: connection loops end. */
bool server_stopping(void);
/* Applies the server-side faults (garble, drop_after) to out in place.
   Returns how many bytes of out may be sent; sets c->dropped when the
   connection must close after them. */
size_t conn_filter(struct lab_conn *c, char *out, size_t len);
/* True when olt->sessions is below olt->max_sessions.  Only looks: the
   persona counts a session in open() and releases it in close(). */
bool conn_session_room(struct sim_olt *olt);

/* ssh.c: prepares the shared SSH host key; 0, or -1 with *cause. */
int ssh_server_init(const char *host_key, char **cause);
void ssh_server_free(void);
/* Hands an accepted socket to libssh (called on the accept thread);
   0, or -1 (the caller closes fd). */
int ssh_conn_accept(struct lab_conn *c);
/* Frees what ssh_conn_accept made when no thread can run it. */
void ssh_conn_abort(struct lab_conn *c);
/* Runs one SSH connection to its end (connection thread); closes c->fd. */
void ssh_conn_run(struct lab_conn *c);
/* telnet.c: runs one Telnet connection to its end; closes c->fd. */
void telnet_conn_run(struct lab_conn *c);

/* ---- stdio.c ---- */

/* Runs one CLI session on stdin/stdout; returns the exit status. */
int stdio_run(const struct lab_opts *o);

/* ---- ctl.c: the control socket ---- */

/* The default control socket path for this process (allocated). */
char *ctl_default_path(void);
/* Listens on path and serves commands from a thread.  0, or -1. */
int ctl_start(struct sim_fleet *f, const char *path, char **cause);
void ctl_stop(void);
/* Executes one command line against f; returns the answer line without
   its newline ("ok …" or "error: …"), allocated.  Sets *quit for `quit`. */
char *ctl_exec(struct sim_fleet *f, const char *line, bool *quit);
/* `oltsim ctl SOCKET VERB ARGS…`: returns the exit status. */
int ctl_client(int argc, char **argv);

/* ---- life.c ---- */

/* Starts the thread that calls fleet_tick every tick_ms. */
int life_start(struct sim_fleet *f, int tick_ms, char **cause);
void life_stop(void);
/* Runs n life steps now (serialised with the life thread). */
void life_steps(struct sim_fleet *f, int n);

/* ---- state_json.c ---- */

/* The state of one OLT (or all when olt is NULL) as one line of JSON,
   allocated.  Takes each OLT's lock.  Passwords are left out. */
char *state_json(struct sim_fleet *f, struct sim_olt *olt);
/* The same, handed to emit piece by piece (one OLT at a time), for dumps
   of big fleets; emit returns false to stop. */
void state_json_each(struct sim_fleet *f, struct sim_olt *olt,
    bool (*emit)(const char *s, size_t len, void *arg), void *arg);
/* Names for enum values, shared with ctl.c. */
const char *state_name(int st);
const char *cause_name(int cause);

#endif
