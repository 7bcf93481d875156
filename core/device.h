/*
 * device.h — reaching OLTs from the database: the session pool's connect
 * callback (OLT row -> unsealed password -> transport parameters -> CLI
 * login), discovery across OLTs in parallel, configuration backups with a
 * diff against the previous one, and a timed login test.
 *
 * device_open() loads the OLTs a command will talk to (device_load) on the
 * calling thread, unsealing their passwords with the vault; after that the
 * connect callback reads only that preloaded, immutable data, so worker
 * threads can connect in parallel without touching the store.
 */
#ifndef OLTUI_DEVICE_H
#define OLTUI_DEVICE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/model.h"
#include "drivers/adapter.h"
#include "drivers/session_pool.h"

struct store;
struct vault;

struct device_opts {
	const char	*known_hosts;		/* NULL = ~/.ssh/known_hosts */
	bool		 accept_new_host_key;	/* append a first-contact key */
	int		 command_timeout_ms;	/* 0 = 30000 */
	int		 login_timeout_ms;	/* 0 = 20000 */
	int		 connect_timeout_ms;	/* 0 = 10000 */
};

struct device;

/* A context over st/v (borrowed; v may be NULL when no OLT has a password). */
struct device *device_open(struct store *st, struct vault *v,
    const struct device_opts *o);
void device_close(struct device *d);
/* Loads the OLT called name (unsealing its password).  1 loaded, 0 no such
   OLT, -1 error. */
int device_load(struct device *d, const char *name, char **cause);
/* Loads every OLT.  0 or -1. */
int device_load_all(struct device *d, char **cause);
size_t device_count(const struct device *d);
const struct olt *device_olt(const struct device *d, size_t i);
const struct olt *device_find(const struct device *d, const char *name);
/* The adapter for the OLT's vendor, or NULL when none is built in. */
const struct adapter *device_adapter(const struct olt *o);
/* The pool every session comes from (created at the first call). */
struct session_pool *device_pool(struct device *d);

/* Opens and logs in directly (no pool), timing both halves.  Returns the
   session or NULL with *cause. */
struct cli *device_connect(struct device *d, const char *olt, int64_t *connect_ms,
    int64_t *login_ms, char **cause);

/* One unauthorised ONT as discovery found it. */
struct device_found {
	char	olt[NAME_MAX_LEN + 1];
	char	port[PORT_MAX_LEN + 1];
	char	sn[SN_MAX_LEN + 1];
	char	vendor[8];
	char	model[33];
	char	software[33];
	char	found_at[32];	/* ISO 8601, "" when the OLT did not say */
};

/* The result of discovery on one OLT. */
struct device_olt_result {
	char		 olt[NAME_MAX_LEN + 1];
	int		 status;	/* 0 ok, 1 refused, 3 unreachable */
	char		*error;		/* NULL when ok */
	int64_t		 ms;
};

/* Reads autofind on every loaded OLT in parallel (core/pool.h workers),
   stores each OLT's list (store_discovered_replace) and returns all the
   rows.  Per-OLT failures are in *res (one per loaded OLT).  Returns 0 when
   every OLT answered, else the worst status (1 or 3). */
int device_discover(struct device *d, int workers, struct device_found **rows,
    size_t *nrows, struct device_olt_result **res, char **cause);

/* A configuration backup and how it differs from the previous one. */
struct device_backup {
	int64_t	 id;
	char	 sha256[65];
	char	 prev_sha256[65];	/* "" when there was none */
	int64_t	 taken_at;
	size_t	 bytes;
	char	*diff;			/* unified diff; NULL when first or unchanged */
	bool	 changed;
	int	 status;		/* 0, 1 or 3 */
};

/* Reads the running configuration of olt, stores it and diffs it against
   the previous backup.  0, or -1 with *cause and b->status. */
int device_backup(struct device *d, const char *olt, struct device_backup *b,
    char **cause);
void device_backup_free(struct device_backup *b);

#endif
