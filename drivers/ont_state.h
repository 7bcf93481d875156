/*
 * ont_state.h — what a write touches on one ONT, as plain data every
 * driver fills the same way: whether the ONT is registered at its place,
 * its serial, admin state, type, line and service profiles, description
 * and name, and its flows (service ports: index, VLAN, user VLAN, GEM port
 * and the speed each direction gets, in the device's own words).
 *
 * A plan carries the state it intends at each place it touches and the
 * state it found there first (plan.h).  The pipeline reads the state back
 * after the steps and compares it field by field with the intent; after
 * an undo it compares with the state found first.  The preview shows the
 * change as before -> after.  So a write is "verified" only when the
 * device ends up as intended, not when its commands were accepted.
 *
 * Where a vendor keeps a thing is the driver's business: Huawei's speeds
 * are the traffic tables of each service port (flow up/down), ZTE's are
 * the T-CONT and traffic-limit profiles of the ONU (line/service profile).
 * The state holds what the driver's reads give; a field an intent leaves
 * unset is not compared:
 *   strings NULL, admin ADMIN_UNKNOWN, type NULL, flows_known false.
 * A profile matches the device's name or id (Huawei prints both).
 *
 * Owned strings: ont_state_free() releases them; ont_state_copy() deep
 * copies.  Pure data; any thread.
 */
#ifndef OLTUI_ONT_STATE_H
#define OLTUI_ONT_STATE_H

#include <stdbool.h>
#include <stddef.h>

#include "drivers/cli_dialect.h"
#include "lib/gpon.h"
#include "lib/util.h"

struct cJSON;
struct ont_config;

#define ONT_FLOW_ANY	(-2L)	/* an index the OLT picks: matches any */

/* One configuration line of the ONT as the device prints it, with the
   mode it is entered in ("ont port native-vlan 0 5 eth 1 vlan 100
   priority 0" in interface gpon 0/1). */
struct ont_line {
	enum cli_mode	 mode;
	char		*mode_arg;	/* "0/1", "gpon-onu_1/1/1:5"; NULL */
	char		*text;
};

/* One service port / flow of the ONT. */
struct ont_flow {
	long	 index;		/* the OLT's index; ONT_FLOW_ANY in an intent */
	long	 vlan;		/* service (S-)VLAN */
	long	 user_vlan;	/* user (C-)VLAN */
	long	 gem;		/* GEM port / virtual port */
	char	*up;		/* upstream speed in the device's words; NULL = none */
	char	*down;		/* downstream speed; NULL = none */
};

struct ont_state {
	bool		 present;	/* registered at port / ont_id */
	char		 port[PORT_MAX_LEN + 1];
	int		 ont_id;
	char		 sn[SN_MAX_LEN + 1];	/* 12-character form; "" = not compared */
	enum ont_admin	 admin;		/* ADMIN_UNKNOWN = not compared */
	char		*type;		/* ONT type / model where the OLT keeps one */
	char		*line_profile;	/* by name (or id in an intent) */
	char		*line_profile_id;	/* as read, when the device prints both */
	char		*service_profile;
	char		*service_profile_id;
	char		*description;
	char		*name;
	struct ont_flow	*flows;
	size_t		 nflows;
	bool		 flows_known;	/* the flows were read / are intended */
	/* Every configuration line of the ONT the driver reads (its service
	   ports aside), as printed: what a removal must restore, and what an
	   undo must bring back exactly.  Compared only when both sides know
	   them (an intent built from a change does not: the change may touch
	   lines it does not model). */
	struct ont_line	*lines;
	size_t		 nlines;
	bool		 lines_known;
};

/* An empty state at port / ont_id (absent, nothing compared). */
void ont_state_init(struct ont_state *s, const char *port, int ont_id);
void ont_state_free(struct ont_state *s);
void ont_state_copy(struct ont_state *dst, const struct ont_state *src);
/* Appends a flow (strings copied). */
void ont_state_add_flow(struct ont_state *s, long index, long vlan, long user_vlan,
    long gem, const char *up, const char *down);
/* Appends a line (strings copied). */
void ont_state_add_line(struct ont_state *s, enum cli_mode mode, const char *mode_arg,
    const char *text);
/* True when s has a line in mode / mode_arg that reads as text (blanks
   aside). */
bool ont_state_has_line(const struct ont_state *s, enum cli_mode mode,
    const char *mode_arg, const char *text);
/* Replaces one string field (value copied; NULL clears). */
void ont_state_set(char **field, const char *value);

/* The state a driver's ont_config read describes: present, with the
   detail's serial, admin, type, profiles, description and name, and the
   service ports of this ONT as flows (traffic tables as up/down when the
   device lists them). */
void ont_state_from_config(struct ont_state *s, const char *port, int ont_id,
    const struct ont_config *k);

/* Compares what the device has (got) with an intent (want): appends one
   line per difference to out ("flow 1000 up: wanted 10, the device has
   none") and returns how many.  Fields the intent leaves unset are not
   compared, nor the flows when the read could not list them (got's
   flows_known false: the caller says so); an intent of "absent" compares
   presence only. */
int ont_state_diff(const struct ont_state *want, const struct ont_state *got,
    struct buf *out);
/* Appends the change from before to after for a preview, one line a
   changed field ("  flow 1000 vlan: 31 -> 300"), or "  (no change)". */
void ont_state_change(const struct ont_state *before, const struct ont_state *after,
    const char *label, struct buf *out);
/* Appends a one-line summary ("present HWTC… admin enabled ..."). */
void ont_state_describe(const struct ont_state *s, struct buf *out);

/* JSON form (the audit keeps it for `oltui undo`), and back: 0, or -1
   with a cause. */
struct cJSON *ont_state_to_json(const struct ont_state *s);
int ont_state_from_json(const struct cJSON *j, struct ont_state *s, char **cause);

#endif
