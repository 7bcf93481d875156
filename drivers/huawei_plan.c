/*
 * huawei_plan.c — where Huawei plans differ from the generic builder
 * (planner.h): the hook that adds Huawei's own template variables, the
 * read that stands in for a line a removal loses, and how the OLT names an
 * ONT.  The commands themselves are drivers/templates/huawei/ (one .tpl per action).
 *
 * Huawei's own variables: the ONT's line and service profiles, by id
 * (lp_id / sp_id) or by name (lp_name / sp_name), both required; the
 * service port's traffic tables (up_table / down_table, and old_* for an
 * undo): the tables read back from the device when the ONT has them, else
 * from huawei/speeds.map, always both directions (inbound = upstream,
 * outbound = downstream); the TR-069 server profile id
 * (acs_profile) from huawei/acs.map; and the service-port index (sp_index)
 * a change needs, read from the device (display service-port).
 *
 * Stateless; any thread.
 */
#include "drivers/huawei.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "drivers/planner.h"
#include "drivers/template.h"
#include "drivers/validate.h"
#include "lib/util.h"

/* Sets up_table/down_table (prefix "" or "old_") from speeds.map; both
   speeds or none. */
static int
hw_speed_vars(const struct olt_driver *d, const char *model, int down, int up,
    const char *prefix, struct tpl_vars *v, char **cause)
{
	char *t, name[32];

	if (down == 0 && up == 0)
		return 0;
	if (down <= 0 || up <= 0) {
		set_cause(cause, "speed: Huawei service ports take both traffic tables: give "
		    "both the downstream and the upstream speed (or neither)");
		return -1;
	}
	if (planner_speed_value(d, model, "up", up, &t, cause) < 0)
		return -1;
	snprintf(name, sizeof name, "%sup_table", prefix);
	tpl_set(v, name, t);
	free(t);
	if (planner_speed_value(d, model, "down", down, &t, cause) < 0)
		return -1;
	snprintf(name, sizeof name, "%sdown_table", prefix);
	tpl_set(v, name, t);
	free(t);
	return 0;
}

/* Sets up_table/down_table (with prefix) for an ONT's configuration r:
   the tables read back from the device when it has them (so a service
   port re-created by a change, a move or an undo keeps exactly its
   tables), else from its speeds. */
static int
hw_table_vars(const struct olt_driver *d, const char *model,
    const struct provision_req *r, const char *prefix, struct tpl_vars *v, char **cause)
{
	char name[32];

	if (r == NULL)
		return 0;
	if (r->up_profile == NULL || r->down_profile == NULL)
		return hw_speed_vars(d, model, r->down_mbps, r->up_mbps, prefix, v, cause);
	if (!planner_numeric(r->up_profile) || !planner_numeric(r->down_profile)) {
		set_cause(cause, "traffic tables: a Huawei traffic-table index is a number, "
		    "got \"%s\" / \"%s\"", r->up_profile, r->down_profile);
		return -1;
	}
	snprintf(name, sizeof name, "%sup_table", prefix);
	tpl_set(v, name, r->up_profile);
	snprintf(name, sizeof name, "%sdown_table", prefix);
	tpl_set(v, name, r->down_profile);
	return 0;
}

/* The profiles and the ACS of a provisioning. */
static int
hw_provision_vars(const struct olt_driver *d, const char *model,
    const struct provision_req *r, struct tpl_vars *v, char **cause)
{
	if (r->line_profile == NULL || r->service_profile == NULL) {
		set_cause(cause, "line_profile and service_profile: a Huawei ONT needs both "
		    "its ont-lineprofile and ont-srvprofile (an id or a name)");
		return -1;
	}
	if (validate_profile("line_profile", r->line_profile, cause) < 0 ||
	    validate_profile("service_profile", r->service_profile, cause) < 0)
		return -1;
	if (planner_numeric(r->line_profile) != planner_numeric(r->service_profile)) {
		set_cause(cause, "line_profile and service_profile: give both as ids or both "
		    "as names (ont add takes -id/-id or -name/-name)");
		return -1;
	}
	tpl_set(v, planner_numeric(r->line_profile) ? "lp_id" : "lp_name", r->line_profile);
	tpl_set(v, planner_numeric(r->service_profile) ? "sp_id" : "sp_name",
	    r->service_profile);
	if (r->acs_url != NULL) {
		char *id;

		if (template_map(d->name, model, "acs.map", r->acs_url, &id, cause) < 0)
			return -1;
		tpl_set(v, "acs_profile", id);
		free(id);
	}
	return hw_table_vars(d, model, r, "", v, cause);
}

/* The service-port index an existing ONT's change needs. */
static int
hw_need_index(const struct provision_req *old, struct tpl_vars *v, char **cause)
{
	if (old == NULL || old->service_port <= 0) {
		set_cause(cause, "service_port: changing a Huawei service port needs its index "
		    "(read it with display service-port port F/S/P)");
		return -1;
	}
	tpl_seti(v, "sp_index", old->service_port);
	return 0;
}

static int
hw_vars(const struct olt_driver *d, const char *action, const char *model,
    const struct provision_req *r, const struct plan_change *chg, struct tpl_vars *v,
    char **cause)
{
	if (strcmp(action, "provision") == 0)
		return hw_provision_vars(d, model, r, v, cause);
	if (strcmp(action, "speed") == 0) {
		if (hw_need_index(r, v, cause) < 0)
			return -1;
		if (chg->down_mbps <= 0 || chg->up_mbps <= 0) {
			set_cause(cause, "speed: give both the downstream and the upstream speed "
			    "(1-10000 Mbit/s)");
			return -1;
		}
		return hw_speed_vars(d, model, chg->down_mbps, chg->up_mbps, "", v, cause) < 0 ||
		    hw_table_vars(d, model, r, "old_", v, cause) < 0 ? -1 : 0;
	}
	if (strcmp(action, "vlan") == 0) {
		/* The service port is re-created: with the same traffic tables. */
		if (hw_need_index(r, v, cause) < 0)
			return -1;
		return hw_table_vars(d, model, r, "", v, cause);
	}
	if (strcmp(action, "desc") == 0 && tpl_get(v, "old_desc") == NULL)
		tpl_set(v, "old_desc", "ONT_NO_DESCRIPTION");
	return 0;
}

/* Every line a Huawei removal loses is read back with the ONT's filtered
   running configuration (huawei-cli.md 4.13). */
static char *
hw_capture(const struct ont_ref *o, enum cli_mode mode)
{
	int f = 0, s = 0, p = 0;

	(void)mode;
	validate_port(&huawei_limits, "port", o->port, &f, &s, &p, NULL);
	return xasprintf("display current-configuration ont %d/%d/%d %d", f, s, p, o->ont_id);
}

static void
hw_ont_label(const char *port, int ont_id, char *out, size_t size)
{
	snprintf(out, size, "%s ONT %d", port != NULL ? port : "?", ont_id);
}

/* What Huawei's templates set: profiles by id or name, the description,
   and each service port's index and traffic tables (display ont info and
   display service-port read them back). */
static const struct plan_state_map hw_state = {
	.line_profile = { "lp_id", "lp_name" },
	.service_profile = { "sp_id", "sp_name" },
	.description = "desc",
	.flow_index = "sp_index",
	.flow_up = "up_table",
	.flow_down = "down_table",
	.provisioned_enabled = true,
};

const struct driver_plan huawei_plan = {
	.vars = hw_vars,
	.capture = hw_capture,
	.ont_label = hw_ont_label,
	.ont_word = "ONT",
	.state = &hw_state,
};
