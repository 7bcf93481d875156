/*
 * acme_plan.c — where Acme Photon P8 plans differ from the generic builder
 * (planner.h): the hook that adds Acme's own template variables, the read
 * that stands in for the lines a removal loses, and how the OLT names an
 * ONU ("1/2/3:5").  The commands themselves are
 * tests/drivers/templates/acme/ (one .tpl per action).
 *
 * Acme's own variables: the ONU model `onu add` needs (type; the request's
 * model, else ACME_DEFAULT_MODEL); the ONU's bandwidth profile (bw_profile),
 * one name for both directions, from acme/speeds.map keyed "DOWN/UP" in
 * Mbit/s, else the request's line profile (which is what the device's
 * detail reads back as "Bandwidth", so the undo of a removal finds it
 * there), and old_bw_profile for a speed change's undo; and the service
 * flow's index (sp_index) a VLAN change keeps.  The ONU's name,
 * description and bandwidth profile go away with the ONU, so a removal
 * reads them back first with `show running-config onu 1/S/P:N`.
 *
 * Stateless; any thread.
 */
#include "tests/drivers/acme.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "drivers/planner.h"
#include "drivers/template.h"
#include "drivers/validate.h"
#include "lib/util.h"

/* Sets name to the bandwidth profile of down/up Mbit/s from speeds.map. */
static int
acme_bw(const struct olt_driver *d, const char *model, int down, int up, const char *name,
    struct tpl_vars *v, char **cause)
{
	char key[32], *p;

	if (validate_speed("downstream speed", down, cause) < 0 ||
	    validate_speed("upstream speed", up, cause) < 0)
		return -1;
	snprintf(key, sizeof key, "%d/%d", down, up);
	if (template_map(d->name, model, "speeds.map", key, &p, cause) < 0)
		return -1;
	tpl_set(v, name, p);
	free(p);
	return 0;
}

/* The model and bandwidth profile of a provisioning. */
static int
acme_provision_vars(const struct olt_driver *d, const char *model,
    const struct provision_req *r, struct tpl_vars *v, char **cause)
{
	const char *type = r->model != NULL ? r->model : ACME_DEFAULT_MODEL;

	if (validate_profile("model (ONU model)", type, cause) < 0)
		return -1;
	tpl_set(v, "type", type);
	if (r->down_mbps > 0 && r->up_mbps > 0)
		return acme_bw(d, model, r->down_mbps, r->up_mbps, "bw_profile", v, cause);
	if (r->line_profile == NULL) {
		set_cause(cause, "line_profile: an Acme ONU needs a bandwidth profile: give both "
		    "speeds (listed in acme/speeds.map) or its name as the line profile");
		return -1;
	}
	if (validate_profile("line_profile", r->line_profile, cause) < 0)
		return -1;
	tpl_set(v, "bw_profile", r->line_profile);
	return 0;
}

static int
acme_vars(const struct olt_driver *d, const char *action, const char *model,
    const struct provision_req *r, const struct plan_change *chg, struct tpl_vars *v,
    char **cause)
{
	if (strcmp(action, "provision") == 0)
		return acme_provision_vars(d, model, r, v, cause);
	if (strcmp(action, "speed") == 0) {
		if (chg->down_mbps <= 0 || chg->up_mbps <= 0) {
			set_cause(cause, "speed: an Acme bandwidth profile sets both directions: "
			    "give the downstream and the upstream speed");
			return -1;
		}
		if (r != NULL && r->line_profile != NULL) {
			if (validate_profile("line_profile (the old bandwidth profile)",
			    r->line_profile, cause) < 0)
				return -1;
			tpl_set(v, "old_bw_profile", r->line_profile);
		}
		return acme_bw(d, model, chg->down_mbps, chg->up_mbps, "bw_profile", v, cause);
	}
	if (strcmp(action, "vlan") == 0 && r != NULL && r->service_port > 0)
		tpl_seti(v, "sp_index", r->service_port);
	return 0;
}

/* Every line a removal loses is in the ONU's running configuration. */
static char *
acme_capture(const struct ont_ref *o, enum cli_mode mode)
{
	(void)mode;
	return xasprintf("show running-config onu %s:%d", o->port, o->ont_id);
}

static void
acme_ont_label(const char *port, int ont_id, char *out, size_t size)
{
	snprintf(out, size, "%s:%d", port != NULL ? port : "?", ont_id);
}

const struct driver_plan acme_plan = {
	.vars = acme_vars,
	.capture = acme_capture,
	.ont_label = acme_ont_label,
	.ont_word = "ONU",
};
