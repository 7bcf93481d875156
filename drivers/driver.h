/*
 * driver.h — the driver registry: one struct per OLT driver binding
 * everything a vendor is, and the requests core hands to it.
 *
 * A driver is a name ("huawei", "zte") the store keeps for each OLT, and a
 * const struct olt_driver:
 *   - how to reach it: its default transport and port, and `open`, which
 *     logs in and returns an opaque session (session.h); CLI drivers use
 *     session_cli_open with their CLI dialect (cli_dialect.h);
 *   - what its identifiers look like (struct gpon_limits: PON port form and
 *     ranges, ONT ids, GEM ports, description length), which every value is
 *     validated against before it reaches a template (validate.h);
 *   - its reads over a session (struct driver_reads), returning parse.h
 *     structs;
 *   - its plans: the generic builder (planner.h) expands the driver's
 *     templates (drivers/templates/<name>/<action>.tpl) and asks the
 *     driver's hooks (struct driver_plan) only where vendors truly differ:
 *     its own template variables (profiles, speed tables, the ACS), the
 *     read that stands in for a removed line, how an ONT is named;
 *   - its SNMP profile (snmp_map.h: columns, index codec, scalings);
 *   - its parsers for captured output (`oltui parse`).
 *
 * Core and the tui look a driver up by name and never name a vendor; only
 * drivers/<vendor>*.c knows what a vendor does.  A driver registers itself:
 * DRIVER_REGISTER(driver_x) in its file runs at start-up, so adding a
 * vendor touches no list in core, tui or the registry (docs/drivers.md).
 *
 * Threads: the registry is filled before main() runs and is read-only
 * afterwards, except driver_register(), which tests may call before they
 * start threads.  Driver tables are immutable.
 */
#ifndef OLTUI_DRIVER_H
#define OLTUI_DRIVER_H

#include <stdbool.h>
#include <stddef.h>

#include "drivers/cli_dialect.h"
#include "drivers/ont_state.h"
#include "drivers/parse.h"
#include "drivers/plan.h"
#include "drivers/session.h"
#include "drivers/validate.h"
#include "lib/err.h"
#include "lib/gpon.h"

struct snmp_profile;
struct tpl_vars;

/* What a provisioning needs, validated by the plan builder.  Also the
   configuration of an existing ONT, read back for the undo of a removal, a
   move, a replacement or a change (ont_config_req). */
struct provision_req {
	const char	*olt;		/* OLT name (messages, audit) */
	const char	*port;		/* the PON port as the driver spells it */
	int		 ont_id;	/* the id to use (the caller picks the first free) */
	const char	*sn;		/* 12-char or 16-hex serial */
	const char	*model;		/* ONT type where the OLT needs one; NULL = the driver's default */
	const char	*name;		/* ONT name / contract code; NULL = none */
	const char	*desc;		/* description; NULL = none */
	int		 vlan;		/* service VLAN 1..4094 */
	int		 user_vlan;	/* C-VLAN; 0 = same as vlan */
	int		 down_mbps;	/* speed; 0 = profile default */
	int		 up_mbps;
	const char	*line_profile;	/* line / T-CONT profile, an id or a name */
	const char	*service_profile; /* service / traffic profile, an id or a name */
	int		 gemport;	/* GEM port / vport; 0 = the driver's default */
	const char	*wan_mode;	/* "none", "dhcp", "pppoe" */
	const char	*pppoe_user;	/* PPPoE credentials (secret: masked) */
	const char	*pppoe_password;
	const char	*acs_url;	/* TR-069 ACS; NULL = none */
	const char	*acs_user;
	const char	*acs_password;	/* secret: masked */
	int		 service_port;	/* the OLT's service-port index; 0 = the OLT picks */
	const char	*up_profile;	/* the speeds in the device's own words, read back */
	const char	*down_profile;	/* (Huawei traffic tables); when set they stand
					   for up_mbps / down_mbps */
	const char	*olt_model;	/* OLT model for per-model templates; NULL = generic */
	const char	*vlan_profile;	/* a WAN's VLAN profile on OLTs that need one */
};

/* Targets one existing ONT. */
struct ont_ref {
	const char	*olt;
	const char	*port;
	int		 ont_id;
	const char	*sn;		/* for verification and messages; may be NULL */
	const char	*olt_model;	/* OLT model for per-model templates; NULL */
	const struct ont_state *state;	/* as read before the write (its intent is
					   built from it); NULL = not read */
};

/* What re-creating one ONT needs (the undo of a delete, move or replace),
   read from the device by a driver's ont_config.  Owned by the struct:
   ont_config_free(). */
struct ont_config {
	struct pr_ont_detail		detail;	/* line_profile / service_profile set */
	struct pr_service_port_list	sps;	/* the ONT's service ports */
	bool				sps_read;	/* they were read: an empty
							   list means none, not unknown */
	struct ont_line			*lines;	/* its other configuration lines */
	size_t				nlines;
	bool				lines_read;	/* the device listed them */
};
/* Appends a configuration line to k (strings copied). */
void ont_config_add_line(struct ont_config *k, enum cli_mode mode, const char *mode_arg,
    const char *text);
void ont_config_free(struct ont_config *k);
/* The provisioning request that re-creates the ONT k describes at port /
   ont_id (the undo of a removal, a move, a replacement or a change): the
   serial (k's, else fallback_sn, may be NULL), type, name, description and
   profiles of k's detail, and the VLANs, GEM port, index and speed words
   of the first flow of before (ont_state_from_config of k).  wan_mode is
   "none"; olt and olt_model are left for the caller.  *cfg's strings point
   into k, before, port and fallback_sn. */
void ont_config_req(const struct ont_config *k, const struct ont_state *before,
    const char *port, int ont_id, const char *fallback_sn, struct provision_req *cfg);

/* Flags of driver_reads.ont_detail. */
#define READ_HERE 0x1	/* read where the session is when the device accepts the
			   command there (a write's read-back: no mode round trip) */

/* A driver's reads.  Each takes a session its driver opened, returns 0 and
   fills *out, or -1 with *e (ERR_FAILURE when the thing does not exist,
   ERR_TIMEOUT / ERR_CLOSED when the link broke: the session is then
   broken).  *out is always safe to free with its pr_*_free().  A CLI read
   leaves the session in privileged mode unless READ_HERE. */
struct driver_reads {
	int	(*version)(struct session *s, struct pr_version *out, struct err *e);
	int	(*boards)(struct session *s, struct pr_board_list *out, struct err *e);
	/* Unauthorised ONTs of the whole OLT. */
	int	(*autofind)(struct session *s, struct pr_autofind_list *out, struct err *e);
	/* The ONTs configured on one port. */
	int	(*ont_list)(struct session *s, const char *port, struct pr_ont_list *out,
		    struct err *e);
	/* One ONT in detail. */
	int	(*ont_detail)(struct session *s, const char *port, int ont_id,
		    unsigned flags, struct pr_ont_detail *out, struct err *e);
	int	(*optical)(struct session *s, const char *port, int ont_id,
		    struct pr_optical *out, struct err *e);
	int	(*optical_list)(struct session *s, const char *port,
		    struct pr_optical_list *out, struct err *e);
	/* Service ports of one port, or of one ONT (ont_id >= 0). */
	int	(*service_ports)(struct session *s, const char *port, int ont_id,
		    struct pr_service_port_list *out, struct err *e);
	/* One ONT's configuration for re-creating it; a service-port read the
	   device refuses leaves sps empty (not an error). */
	int	(*ont_config)(struct session *s, const char *port, int ont_id,
		    struct ont_config *out, struct err *e);
	/* The running configuration, as text the caller frees. */
	int	(*running_config)(struct session *s, char **out, struct err *e);
};

/* A change to an existing ONT, for the plan hooks. */
struct plan_change {
	int		 vlan;		/* new service VLAN, 0 = unchanged */
	int		 down_mbps;	/* new speeds, 0 = unchanged */
	int		 up_mbps;
	const char	*desc;		/* new description, NULL = unchanged */
	const char	*new_sn;	/* new serial (replace), NULL = unchanged */
};

/* Where a driver's plans differ from the generic builder (planner.c). */
struct driver_plan {
	/* Adds the driver's own template variables for action ("provision",
	   "speed", "vlan", "desc", "replace", ...) to v, for an OLT of
	   olt_model (NULL = generic; for per-model maps): r is the request
	   (provision) or the ONT's configuration read from the device (a
	   change, may be NULL when none was read), chg the change (NULL for a
	   provisioning).  The common variables (port, fs, pon, ont_id, sn,
	   vlan, user_vlan, gemport, name, desc, wan_mode, pppoe_*, acs_*,
	   old_* of a change) are set already.  0, or -1 with a cause naming the
	   field.  NULL = nothing to add. */
	int	(*vars)(const struct olt_driver *d, const char *action,
		    const char *olt_model, const struct provision_req *r,
		    const struct plan_change *chg, struct tpl_vars *v, char **cause);
	/* The read that stands in, in a removal, for a provisioning line that
	   has no undo of its own (the line goes away with the ONT): a command
	   run in privileged mode whose undo re-enters the line.  mode is the
	   line's mode.  Caller frees. */
	char	*(*capture)(const struct ont_ref *o, enum cli_mode mode);
	/* How the device names an ONT: "0/1/0 ONT 5", "gpon-onu_1/1/1:5". */
	void	(*ont_label)(const char *port, int ont_id, char *out, size_t size);
	const char	*ont_word;	/* "ONT", "ONU" */
	/* Which template variables carry the state the driver's templates set
	   (ont_state.h), so the planner can say what a plan intends; NULL =
	   presence, serial and the flows' VLANs only. */
	const struct plan_state_map	*state;
};

/* The template variables behind each field of an intended state.  A NULL
   name means the driver's templates do not set that field. */
struct plan_state_map {
	const char	*type;			/* the ONT type: "type" */
	const char	*line_profile[2];	/* the first one set: {"lp_id", "lp_name"} */
	const char	*service_profile[2];
	const char	*name;			/* "name" */
	const char	*description;		/* "desc" */
	const char	*flow_index;		/* a fixed service-port index: "sp_index" */
	const char	*flow_up;		/* a flow's speeds: "up_table" */
	const char	*flow_down;
	/* A speed change sets these profiles instead of the flow's speeds
	   (a driver whose speeds are T-CONT and traffic-limit profiles). */
	bool		 speed_is_profile;
	bool		 provisioned_enabled;	/* a new ONT reads back admin enabled */
};

/* How captured output of a kind is parsed (parse.h); NULL = not readable.
   optical_list takes the port the output does not print (may be NULL). */
struct driver_parsers {
	int	(*autofind)(const char *text, struct pr_autofind_list *out, char **cause);
	int	(*ont_list)(const char *text, struct pr_ont_list *out, char **cause);
	int	(*ont_detail)(const char *text, struct pr_ont_detail *out, char **cause);
	int	(*optical)(const char *text, struct pr_optical *out, char **cause);
	int	(*optical_list)(const char *text, const char *port,
		    struct pr_optical_list *out, char **cause);
	int	(*service_ports)(const char *text, struct pr_service_port_list *out,
		    char **cause);
	int	(*boards)(const char *text, struct pr_board_list *out, char **cause);
	int	(*version)(const char *text, struct pr_version *out, char **cause);
	/* The port a raw capture's echoed command names, for kinds whose
	   output does not print it (optical-list); NULL = never says.  raw is
	   terminal-stripped; caller frees. */
	char	*(*echo_port)(const char *raw);
	/* The board keys its boards output fills, in JSON order (NULL-
	   terminated), and whether its version output lists modules. */
	const char *const	*board_keys;
	bool			 version_modules;
};

struct olt_driver {
	const char			*name;		/* registry name, stored per OLT */
	const char			*label;		/* "Huawei SmartAX MA5600T/MA5800" */
	const char			*default_model;	/* the model a new OLT is assumed to be */
	enum transport_kind		 transport;	/* default transport */
	int				 cli_port;	/* default CLI port; 0 = the transport's */
	const struct cli_dialect	*cli;		/* CLI dialect; NULL = not a CLI southbound */
	const struct gpon_limits	*limits;	/* identifier forms and ranges */
	/* Opens a session (session.h): session_cli_open for CLI drivers. */
	int				(*open)(const struct olt_driver *d,
					    const struct session_params *p,
					    struct session **out, struct err *e);
	const struct driver_reads	*reads;
	const struct driver_plan	*plan;
	const struct snmp_profile	*snmp;		/* NULL = no SNMP polling */
	const struct driver_parsers	*parsers;
};

/* The driver called name, or NULL. */
const struct olt_driver *driver_find(const char *name);
/* The registered drivers, by name: i in [0, driver_count()). */
size_t driver_count(void);
const struct olt_driver *driver_at(size_t i);
/* "huawei|zte": the registered names, for messages (static buffer,
   rebuilt on each call; main thread). */
const char *driver_names(void);
/* Adds d to the registry (a name already there is replaced).  Before any
   thread starts. */
void driver_register(const struct olt_driver *d);

/* Registers the driver d (a struct olt_driver object) at start-up. */
#define DRIVER_REGISTER(d)						\
	static void driver_register_##d(void) __attribute__((constructor)); \
	static void driver_register_##d(void) { driver_register(&d); }

/* "0/1/0 ONT 5" / "gpon-onu_1/1/1:5" through the driver's hook, or
   "PORT ONT N" when it has none. */
void driver_ont_label(const struct olt_driver *d, const char *port, int ont_id,
    char *out, size_t size);
/* The driver's word for an ONT: "ONT", "ONU" ("ONT" when it has none). */
const char *driver_ont_word(const struct olt_driver *d);
/* The first ONT id of the driver's range not in used[0..n) (the ids of the
   port's ONTs); -1 when the port is full. */
int driver_free_ont_id(const struct olt_driver *d, const long *used, size_t n);

#endif
