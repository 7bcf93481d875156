/*
 * transport.h — a byte pipe to a device: SSH, Telnet, or a wrapper.
 *
 * A transport only reads and writes bytes.  It knows nothing of prompts,
 * pagers or logins (the CLI engine, drivers/cli.h, does that), except what
 * the protocol itself needs: SSH authenticates and checks host keys, Telnet
 * answers option negotiation.  Every transport is the same small vtable, so
 * a wrapper (transport_fault.c, or a test's scripted transport) can stand in
 * for a real one anywhere.
 *
 * Threads: one transport is used by one thread at a time (the session pool
 * hands a session to one worker).  Opening is thread-safe.
 *
 * Errors: open, read and write fill *cause (when not NULL) with a message a
 * technician can act on, naming the OLT and address, e.g. "connection to
 * pop-south (127.0.0.1:2323) closed by the device after 1,204 bytes".
 */
#ifndef OLTUI_TRANSPORT_H
#define OLTUI_TRANSPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "lib/gpon.h"

struct transport;

struct transport_ops {
	const char *kind;	/* "ssh", "telnet", "fault", ... */
	/* Writes all len bytes; 0, or -1 with *cause (link broken). */
	int	(*write)(struct transport *, const void *buf, size_t len, char **cause);
	/* Waits up to timeout_ms for bytes: returns n > 0 bytes read, 0 on
	   timeout, -1 when the link is closed or broken (with *cause). */
	ssize_t	(*read)(struct transport *, void *buf, size_t cap, int timeout_ms, char **cause);
	/* Closes the link and frees the transport. */
	void	(*close)(struct transport *);
};

struct transport {
	const struct transport_ops *ops;
	void		*priv;		/* the implementation's state */
	char		*label;		/* "pop-south (127.0.0.1:2323)", for messages */
	const char	*eol;		/* what Enter is on this link: "\n" (ssh), "\r\n" (telnet) */
	bool		 inband_login;	/* the device asks user name/password in the byte stream */
	size_t		 bytes_in;	/* payload bytes read so far */
	size_t		 bytes_out;	/* payload bytes written so far */
};

/* How to reach a device.  Strings are borrowed for the duration of the open
   call only.  Secrets (password, jump_password) are never copied into a
   message or a log. */
struct transport_params {
	const char	*name;		/* OLT name for messages ("pop-south"); NULL = host */
	const char	*host;		/* address or host name */
	int		 port;		/* 0 = 22 (ssh) / 23 (telnet) */
	const char	*user;		/* SSH user; for telnet used by the CLI login */
	const char	*password;	/* SSH password auth; NULL = none */
	const char	*key_file;	/* SSH private key file; NULL = none */
	const char	*known_hosts;	/* OpenSSH known_hosts file; NULL = ~/.ssh/known_hosts */
	bool		 accept_new_host_key; /* first contact: append the key and go on */
	const char	*jump;		/* "user@host[:port]"; NULL = ~/.ssh/config ProxyJump, if any */
	const char	*jump_key_file;	/* key for the jump host; NULL = ~/.ssh/id_ed25519, id_ecdsa, id_rsa */
	const char	*jump_password;	/* password for the jump host; NULL = none */
	bool		 no_ssh_config;	/* do not look at ~/.ssh/config for ProxyJump */
	int		 connect_timeout_ms; /* 0 = 10000 */
	int		 cols, rows;	/* terminal size offered; 0 = 200x50 (ssh) / 500x50 (telnet) */
	int		 write_timeout_ms; /* Telnet: a device that takes nothing oltui
					   sends for this long breaks the link; 0 = 30000 */
};

/* Results of transport_open() other than 0. */
enum {
	TRANSPORT_ERR = -1,		/* could not connect (see cause) */
	TRANSPORT_HOSTKEY_NEW = -2,	/* SSH: host not in known_hosts; *fingerprint set */
	TRANSPORT_HOSTKEY_CHANGED = -3,	/* SSH: key differs from known_hosts: refused */
	TRANSPORT_AUTH = -4,		/* SSH: the server refused every credential tried */
};

/* Opens a transport of kind to p.  Returns 0 and sets *out, or one of the
   negative results above with *cause set.  On TRANSPORT_HOSTKEY_NEW and
   TRANSPORT_HOSTKEY_CHANGED, *fingerprint (when not NULL) receives the
   server key's "SHA256:..." fingerprint (caller frees); the console shows
   it and may retry with accept_new_host_key. */
int transport_open(enum transport_kind kind, const struct transport_params *p,
    struct transport **out, char **fingerprint, char **cause);
int transport_ssh_open(const struct transport_params *p, struct transport **out,
    char **fingerprint, char **cause);
int transport_telnet_open(const struct transport_params *p, struct transport **out,
    char **cause);
/* The Telnet transport over an open stream socket fd (the transport owns
   and closes it), with p's name, host, port and window size for its label
   and NAWS: what transport_telnet_open() does once connected.  For tests
   and the fuzzers, which hand it one end of a socketpair. */
struct transport *transport_telnet_fd(int fd, const struct transport_params *p);

/* Convenience wrappers over the vtable that also count bytes. */
int transport_write(struct transport *t, const void *buf, size_t len, char **cause);
ssize_t transport_read(struct transport *t, void *buf, size_t cap, int timeout_ms, char **cause);
void transport_close(struct transport *t);

/* For implementations: allocates a transport with ops, priv and a label
   "name (host:port)". */
struct transport *transport_new(const struct transport_ops *ops, void *priv,
    const char *name, const char *host, int port);
/* For implementations: "connection to LABEL closed by the device after
   1,204 bytes" into *cause. */
void transport_closed_cause(const struct transport *t, const char *how, char **cause);

/*
 * The jump host: an SSH connection to "user@host[:port]" carrying a
 * direct-tcpip channel to dest_host:dest_port.  A thread pumps bytes between
 * the channel and one end of a socketpair; *fd is the other end, usable as a
 * plain socket by the SSH or Telnet transport.  transport_jump_close stops
 * the thread and frees everything (it does not close *fd).
 */
struct transport_jump;
int transport_jump_open(const struct transport_params *p, const char *jump,
    const char *dest_host, int dest_port, int *fd, struct transport_jump **out,
    char **cause);
void transport_jump_close(struct transport_jump *j);
/* Finds the jump host for host in ~/.ssh/config (ProxyJump); NULL if none.
   Caller frees. */
char *transport_jump_from_config(const char *host);
/* For transport_ssh.c and transport_jump.c: opens an SSH session to
   host:port (over fd when fd >= 0, else a new TCP connection), checks the
   host key against known_hosts, and authenticates (key_file, else the
   default keys when default_keys, then password).  Returns 0, or a
   TRANSPORT_* result with *cause. */
struct ssh_session_struct;
int transport_ssh_session(const struct transport_params *p, const char *label,
    const char *host, int port, const char *user, const char *password,
    const char *key_file, bool default_keys, int fd,
    struct ssh_session_struct **out, char **fingerprint, char **cause);
/* Connects a TCP socket to host:port within timeout_ms with TCP_NODELAY
   set; returns the fd or -1 with *cause. */
int transport_tcp_connect(const char *label, const char *host, int port,
    int timeout_ms, char **cause);

/*
 * The fault wrapper (tests): wraps inner and misbehaves on purpose.  Every
 * field 0 = off.  The wrapper owns inner and closes it.
 */
struct transport_fault_cfg {
	size_t	close_after_read;	/* reads report "closed" after this many bytes */
	size_t	fail_after_write;	/* writes fail after this many bytes */
	int	read_delay_ms;		/* each read sleeps first (a slow device) */
	size_t	garble_after;		/* bytes read after this offset are garbled */
	unsigned garble_seed;		/* deterministic garbling */
};
struct transport *transport_fault_wrap(struct transport *inner,
    const struct transport_fault_cfg *cfg);

#endif
