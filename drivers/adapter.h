/*
 * adapter.h — what oltui can ask of an OLT, per vendor: reads over a logged
 * in CLI session (clean output parsed into parse.h structs) and writes as
 * plans (plan.h) built from the vendor's templates (template.h) with every
 * value validated first (validate.h).
 *
 * One adapter per vendor: adapter_huawei (MA5600T/MA5800), adapter_zte
 * (C300/C320).  Reads take a session from the caller (core's session pool)
 * and leave it in privileged mode; they fill *err on a device error and
 * return -1.  Plan builders send nothing: they return a plan the pipeline
 * (core/writes.c) previews, runs, verifies, audits and undoes.
 *
 * Threads: stateless; any worker thread with its own session.
 */
#ifndef OLTUI_ADAPTER_H
#define OLTUI_ADAPTER_H

#include <stdbool.h>

#include "drivers/cli.h"
#include "drivers/parse.h"
#include "drivers/plan.h"

/* What a provisioning needs, validated by the plan builder. */
struct provision_req {
	const char	*olt;		/* OLT name (messages, audit) */
	const char	*port;		/* "0/1/1" (Huawei F/S/P) / "1/1/2" (ZTE R/S/P) */
	int		 ont_id;	/* the id to use (caller picks the first free) */
	const char	*sn;		/* 12-char or 16-hex serial */
	const char	*model;		/* ZTE onu type ("ZTE-F660"); NULL = default */
	const char	*name;		/* ONT name / contract code; NULL = none */
	const char	*desc;		/* description; NULL = none */
	int		 vlan;		/* service VLAN 1..4094 */
	int		 user_vlan;	/* C-VLAN; 0 = same as vlan */
	int		 down_mbps;	/* speed; 0 = profile default */
	int		 up_mbps;
	const char	*line_profile;	/* Huawei line profile id or name; ZTE tcont profile */
	const char	*service_profile; /* Huawei service profile id or name; ZTE traffic profile */
	int		 gemport;	/* GEM port / vport; 0 = vendor default */
	const char	*wan_mode;	/* "none", "dhcp", "pppoe" */
	const char	*pppoe_user;	/* PPPoE credentials (secret: masked) */
	const char	*pppoe_password;
	const char	*acs_url;	/* TR-069 ACS; NULL = none */
	const char	*acs_user;
	const char	*acs_password;	/* secret: masked */
	int		 service_port;	/* Huawei service-port index; 0 = OLT picks */
	/* Added by the adapters (issue 5): */
	const char	*olt_model;	/* OLT model for per-model templates; NULL = generic */
	const char	*vlan_profile;	/* ZTE wan-ip vlan-profile (needed for dhcp/pppoe) */
};

/* Targets one existing ONT. */
struct ont_ref {
	const char	*olt;
	const char	*port;
	int		 ont_id;
	const char	*sn;		/* for verification and messages; may be NULL */
	const char	*olt_model;	/* added: OLT model for per-model templates; NULL */
};

/* What re-creating one ONT needs (the undo of a delete, move or replace),
   read from the device by an adapter's ont_config.  Owned by the struct:
   ont_config_free(). */
struct ont_config {
	struct pr_ont_detail		detail;	/* line_profile / service_profile set
						   for both vendors (ZTE: the T-CONT
						   profile and the GEM port's
						   downstream traffic profile) */
	struct pr_service_port_list	sps;	/* the ONT's service ports; empty
						   when the device lists none */
};
void ont_config_free(struct ont_config *k);

struct adapter {
	const char	*name;		/* "huawei", "zte" */
	enum pr_vendor	 vendor;

	/* ---- reads: 0, or -1 with *err ---- */
	int	(*version)(struct cli *c, struct pr_version *out, struct err *err);
	int	(*boards)(struct cli *c, struct pr_board_list *out, struct err *err);
	/* Unauthorised ONTs of the whole OLT. */
	int	(*autofind)(struct cli *c, struct pr_autofind_list *out, struct err *err);
	/* The ONTs configured on one port. */
	int	(*ont_list)(struct cli *c, const char *port, struct pr_ont_list *out,
		    struct err *err);
	/* One ONT in detail; -1 with ERR_FAILURE when there is none. */
	int	(*ont_detail)(struct cli *c, const char *port, int ont_id,
		    struct pr_ont_detail *out, struct err *err);
	/* The same read without leaving the session's mode when the vendor
	   accepts the command there (Huawei: privileged and configuration
	   mode; ZTE: privileged and every configuration mode); from another
	   mode it moves the short way (up to configuration mode).  The
	   session may be left in a configuration mode.  For a write's
	   read-back: no return/config round trips. */
	int	(*ont_detail_here)(struct cli *c, const char *port, int ont_id,
		    struct pr_ont_detail *out, struct err *err);
	int	(*optical)(struct cli *c, const char *port, int ont_id,
		    struct pr_optical *out, struct err *err);
	int	(*optical_list)(struct cli *c, const char *port, struct pr_optical_list *out,
		    struct err *err);
	/* Service ports of one port (Huawei) or one ONU (ZTE, ont_id >= 1). */
	int	(*service_ports)(struct cli *c, const char *port, int ont_id,
		    struct pr_service_port_list *out, struct err *err);
	/* One ONT's configuration for re-creating it (Huawei: display ont
	   info + display service-port port; ZTE: detail-info + the ONU's
	   interface running-config: name, description, tcont profile, gemport
	   traffic-limit, service ports).  -1 with ERR_FAILURE when there
	   is no such ONT; a service-port read the device refuses leaves sps
	   empty (not an error). */
	int	(*ont_config)(struct cli *c, const char *port, int ont_id,
		    struct ont_config *out, struct err *err);
	/* The running configuration, as text the caller frees. */
	int	(*running_config)(struct cli *c, char **out, struct err *err);

	/* ---- plans: 0 and *out, or -1 and a cause naming the bad field ---- */
	int	(*plan_provision)(const struct provision_req *r, struct plan **out, char **cause);
	/* Removes the ONT and its service ports; undo re-adds it (needs r). */
	int	(*plan_deprovision)(const struct ont_ref *o, const struct provision_req *r,
		    struct plan **out, char **cause);
	int	(*plan_enable)(const struct ont_ref *o, bool enable, struct plan **out,
		    char **cause);
	int	(*plan_reboot)(const struct ont_ref *o, struct plan **out, char **cause);
	int	(*plan_speed)(const struct ont_ref *o, const struct provision_req *old,
		    int down_mbps, int up_mbps, struct plan **out, char **cause);
	int	(*plan_vlan)(const struct ont_ref *o, const struct provision_req *old,
		    int vlan, struct plan **out, char **cause);
	int	(*plan_desc)(const struct ont_ref *o, const char *old_desc,
		    const char *desc, struct plan **out, char **cause);
	/* Keeps the configuration, swaps the serial. */
	int	(*plan_replace)(const struct ont_ref *o, const struct provision_req *cfg,
		    const char *new_sn, struct plan **out, char **cause);
	/* Re-creates the ONT at another port / ONT id, then removes the old. */
	int	(*plan_move)(const struct ont_ref *o, const struct provision_req *cfg,
		    const char *new_port, int new_ont_id, struct plan **out, char **cause);
};

extern const struct adapter adapter_huawei;
extern const struct adapter adapter_zte;

/* The adapter for a vendor. */
const struct adapter *adapter_for(enum pr_vendor v);

#endif
