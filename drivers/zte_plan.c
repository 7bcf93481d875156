/*
 * zte_plan.c — where ZTE plans differ from the generic builder (planner.h):
 * the hook that adds ZTE's own template variables, the reads that stand in
 * for the lines a removal loses, and how the OLT names an ONU.  The
 * commands themselves are drivers/templates/zte/ (one .tpl per action).
 *
 * ZTE's own variables: the ONU type (type; ZTE_DEFAULT_TYPE when the
 * request names none); upstream as the T-CONT profile (tcont_profile) and
 * downstream as the GEM port's traffic-limit profile (down_profile), from
 * zte/speeds.map or else the line / service profile given, and old_* of
 * both for an undo; the VLAN profile a routed WAN needs; the ACS
 * credentials a TR-069 line needs.  A serial swap has no template: the
 * planner removes and registers the ONU again (RECONSTRUCTED: no capture
 * shows a serial change on a registered ONU), so it has a full undo.
 *
 * Stateless; any thread.
 */
#include "drivers/zte.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "drivers/planner.h"
#include "drivers/template.h"
#include "drivers/validate.h"
#include "lib/util.h"

/* Sets tcont_profile / down_profile (with prefix "" or "old_") from the
   speeds, else from the profiles given. */
static int
zte_speed_vars(const struct olt_driver *d, const char *model, int down, int up,
    const char *line_profile, const char *srv_profile, const char *prefix,
    struct tpl_vars *v, char **cause)
{
	char *t = NULL, name[32];

	snprintf(name, sizeof name, "%stcont_profile", prefix);
	if (up > 0) {
		if (planner_speed_value(d, model, "up", up, &t, cause) < 0)
			return -1;
		tpl_set(v, name, t);
		free(t);
	} else if (line_profile != NULL) {
		if (validate_profile("line_profile", line_profile, cause) < 0)
			return -1;
		tpl_set(v, name, line_profile);
	}
	snprintf(name, sizeof name, "%sdown_profile", prefix);
	if (down > 0) {
		if (planner_speed_value(d, model, "down", down, &t, cause) < 0)
			return -1;
		tpl_set(v, name, t);
		free(t);
	} else if (srv_profile != NULL) {
		if (validate_profile("service_profile", srv_profile, cause) < 0)
			return -1;
		tpl_set(v, name, srv_profile);
	}
	return 0;
}

/* The type, profiles, WAN profile and ACS credentials of a provisioning. */
static int
zte_provision_vars(const struct olt_driver *d, const char *model,
    const struct provision_req *r, struct tpl_vars *v, char **cause)
{
	const char *wan = r->wan_mode != NULL ? r->wan_mode : "none";
	const char *type = r->model != NULL ? r->model : ZTE_DEFAULT_TYPE;

	if (validate_profile("model (ONU type)", type, cause) < 0)
		return -1;
	tpl_set(v, "type", type);
	if (zte_speed_vars(d, model, r->down_mbps, r->up_mbps, r->line_profile,
	    r->service_profile, "", v, cause) < 0)
		return -1;
	if (tpl_get(v, "tcont_profile") == NULL) {
		set_cause(cause, "line_profile: a ZTE ONU needs a tcont profile (line_profile) "
		    "or an upstream speed listed in zte/speeds.map");
		return -1;
	}
	if (strcmp(wan, "none") != 0) {
		if (r->vlan_profile == NULL) {
			set_cause(cause, "vlan_profile: a ZTE WAN (%s) needs the OLT's vlan-profile "
			    "name", wan);
			return -1;
		}
		if (validate_profile("vlan_profile", r->vlan_profile, cause) < 0)
			return -1;
		tpl_set(v, "vlan_profile", r->vlan_profile);
	}
	if (r->acs_url != NULL &&
	    (validate_credential("acs_user", r->acs_user, cause) < 0 ||
	    validate_credential("acs_password", r->acs_password, cause) < 0))
		return -1;
	return 0;
}

static int
zte_vars(const struct olt_driver *d, const char *action, const char *model,
    const struct provision_req *r, const struct plan_change *chg, struct tpl_vars *v,
    char **cause)
{
	if (strcmp(action, "provision") == 0)
		return zte_provision_vars(d, model, r, v, cause);
	if (strcmp(action, "speed") == 0)
		return zte_speed_vars(d, model, chg->down_mbps, chg->up_mbps, NULL, NULL, "",
		    v, cause) < 0 || (r != NULL && zte_speed_vars(d, model, r->down_mbps,
		    r->up_mbps, r->line_profile, r->service_profile, "old_", v, cause) < 0) ?
		    -1 : 0;
	return 0;
}

/* A removed line is read back from the ONU's interface configuration, or
   from its pon-onu-mng configuration for the lines made there. */
static char *
zte_capture(const struct ont_ref *o, enum cli_mode mode)
{
	if (mode == CLI_MODE_ONU)
		return xasprintf("show onu running config gpon-onu_%s:%d", o->port, o->ont_id);
	return xasprintf("show running-config interface gpon-onu_%s:%d", o->port, o->ont_id);
}

static void
zte_ont_label(const char *port, int ont_id, char *out, size_t size)
{
	snprintf(out, size, "gpon-onu_%s:%d", port != NULL ? port : "?", ont_id);
}

/* What ZTE's templates set: the ONU type, name and description, and its
   speeds as the T-CONT profile (line) and the GEM port's downstream
   traffic-limit profile (service), which a speed change replaces (the
   ONU's interface running-config reads them back). */
static const struct plan_state_map zte_state = {
	.type = "type",
	.line_profile = { "tcont_profile", NULL },
	.service_profile = { "down_profile", NULL },
	.name = "name",
	.description = "desc",
	.speed_is_profile = true,
	.provisioned_enabled = true,
};

const struct driver_plan zte_plan = {
	.vars = zte_vars,
	.capture = zte_capture,
	.ont_label = zte_ont_label,
	.ont_word = "ONU",
	.state = &zte_state,
};
