/*
 * adapter_huawei.c — the Huawei MA5600T/MA5800 adapter (adapter.h): reads
 * with the commands of huawei-cli.md §4 parsed by huawei_parse_*, and plan
 * builders that fill the variables of drivers/templates/huawei/<action>.tpl.
 *
 * Ports are "F/S/P"; commands inside `interface gpon F/S` take "P O".
 * Every request field is validated here (naming the request's field) and
 * again by its placeholder type when the template is expanded.  Speeds are
 * traffic-table indexes looked up in huawei/speeds.map, the TR-069 ACS a
 * server-profile id looked up in huawei/acs.map.  A removal is the
 * provisioning inverted (adapter_invert), so its undo rebuilds the ONT.
 *
 * Stateless; any worker thread with its own session.
 */
#include "drivers/adapter_impl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/util.h"
#include "drivers/validate.h"

/* ---- reads ---- */

/* Runs cmd in privileged mode (or interface F/S when fs is not NULL). */
static int
hw_run(struct cli *c, const char *fs, const char *cmd, char **out, struct err *err)
{
	return adapter_read(c, fs != NULL ? CLI_MODE_IF : CLI_MODE_PRIV, fs, cmd, out, err);
}

/* Splits a port for a read, failing as a refused command. */
static int
hw_port(struct cli *c, const char *port, int *f, int *s, int *p, struct err *err)
{
	char *cause = NULL;

	if (validate_port(PR_HUAWEI, "port", port, f, s, p, &cause) == 0)
		return 0;
	err_clear(err);
	err->kind = ERR_REFUSED;
	err->message = xasprintf("%s: %s", cli_label(c), cause);
	free(cause);
	return -1;
}

static int
hw_version(struct cli *c, struct pr_version *out, struct err *err)
{
	char *text, *cause = NULL;

	pr_version_init(out);
	if (hw_run(c, NULL, "display version", &text, err) < 0)
		return -1;
	int rc = huawei_parse_version(text, out, &cause);
	free(text);
	if (rc < 0)
		adapter_parse_error(c, "display version", cause, err);
	return rc;
}

static int
hw_boards(struct cli *c, struct pr_board_list *out, struct err *err)
{
	char *text, *cause = NULL;

	memset(out, 0, sizeof *out);
	if (hw_run(c, NULL, "display board 0", &text, err) < 0)
		return -1;
	int rc = huawei_parse_boards(text, out, &cause);
	free(text);
	if (rc < 0)
		adapter_parse_error(c, "display board 0", cause, err);
	return rc;
}

static int
hw_autofind(struct cli *c, struct pr_autofind_list *out, struct err *err)
{
	char *text, *cause = NULL;
	int rc = 0;

	memset(out, 0, sizeof *out);
	if (hw_run(c, NULL, "display ont autofind all", &text, err) < 0)
		return -1;
	if (*text != '\0' && (rc = huawei_parse_autofind(text, out, &cause)) < 0)
		adapter_parse_error(c, "display ont autofind all", cause, err);
	free(text);
	return rc;
}

static int
hw_ont_list(struct cli *c, const char *port, struct pr_ont_list *out, struct err *err)
{
	char *text, *cause = NULL, *cmd;
	int f, s, p, rc = 0;

	memset(out, 0, sizeof *out);
	if (hw_port(c, port, &f, &s, &p, err) < 0)
		return -1;
	cmd = xasprintf("display ont info %d %d %d all", f, s, p);
	if (hw_run(c, NULL, cmd, &text, err) < 0) {
		free(cmd);
		return -1;
	}
	if (*text != '\0' && (rc = huawei_parse_ont_list(text, out, &cause)) < 0)
		adapter_parse_error(c, cmd, cause, err);
	free(text);
	free(cmd);
	return rc;
}

/* Where "display ont info F S P O" is valid (interface mode takes "P O"). */
#define HW_DETAIL_MODES (ADAPTER_MODE(CLI_MODE_PRIV) | ADAPTER_MODE(CLI_MODE_CONFIG))

/* One ONT in detail, read in privileged mode or (here) where the session
   is when the command is valid there. */
static int
hw_detail(struct cli *c, const char *port, int ont_id, bool here,
    struct pr_ont_detail *out, struct err *err)
{
	char *text, *cause = NULL, *cmd;
	int f, s, p, rc;

	pr_ont_detail_init(out);
	if (hw_port(c, port, &f, &s, &p, err) < 0)
		return -1;
	cmd = xasprintf("display ont info %d %d %d %d", f, s, p, ont_id);
	if ((here ? adapter_read_here(c, HW_DETAIL_MODES, cmd, &text, err) :
	    hw_run(c, NULL, cmd, &text, err)) < 0) {
		free(cmd);
		return -1;
	}
	if ((rc = huawei_parse_ont_detail(text, out, &cause)) < 0)
		adapter_parse_error(c, cmd, cause, err);
	free(text);
	free(cmd);
	return rc;
}

static int
hw_ont_detail(struct cli *c, const char *port, int ont_id, struct pr_ont_detail *out,
    struct err *err)
{
	return hw_detail(c, port, ont_id, false, out, err);
}

static int
hw_ont_detail_here(struct cli *c, const char *port, int ont_id, struct pr_ont_detail *out,
    struct err *err)
{
	return hw_detail(c, port, ont_id, true, out, err);
}

static int
hw_optical(struct cli *c, const char *port, int ont_id, struct pr_optical *out,
    struct err *err)
{
	char *text, *cause = NULL, *cmd, fs[16];
	int f, s, p, rc;

	pr_optical_init(out);
	if (hw_port(c, port, &f, &s, &p, err) < 0)
		return -1;
	snprintf(fs, sizeof fs, "%d/%d", f, s);
	cmd = xasprintf("display ont optical-info %d %d", p, ont_id);
	if (hw_run(c, fs, cmd, &text, err) < 0) {
		free(cmd);
		return -1;
	}
	if ((rc = huawei_parse_optical(text, out, &cause)) < 0)
		adapter_parse_error(c, cmd, cause, err);
	free(text);
	free(cmd);
	return rc;
}

static int
hw_optical_list(struct cli *c, const char *port, struct pr_optical_list *out,
    struct err *err)
{
	char *text, *cause = NULL, *cmd, fs[16], fsp[24];
	int f, s, p, rc = 0;

	memset(out, 0, sizeof *out);
	if (hw_port(c, port, &f, &s, &p, err) < 0)
		return -1;
	snprintf(fs, sizeof fs, "%d/%d", f, s);
	snprintf(fsp, sizeof fsp, "%d/%d/%d", f, s, p);
	cmd = xasprintf("display ont optical-info %d all", p);
	if (hw_run(c, fs, cmd, &text, err) < 0) {
		free(cmd);
		return -1;
	}
	if (*text != '\0' && (rc = huawei_parse_optical_list(text, fsp, out, &cause)) < 0)
		adapter_parse_error(c, cmd, cause, err);
	free(text);
	free(cmd);
	return rc;
}

/* Service ports of a port; ont_id >= 0 keeps those of that ONT only. */
static int
hw_service_ports(struct cli *c, const char *port, int ont_id,
    struct pr_service_port_list *out, struct err *err)
{
	char *text, *cause = NULL, *cmd;
	int f, s, p, rc = 0;

	memset(out, 0, sizeof *out);
	if (hw_port(c, port, &f, &s, &p, err) < 0)
		return -1;
	cmd = xasprintf("display service-port port %d/%d/%d", f, s, p);
	if (hw_run(c, NULL, cmd, &text, err) < 0) {
		free(cmd);
		return -1;
	}
	if (*text != '\0' && (rc = huawei_parse_service_ports(text, out, &cause)) < 0)
		adapter_parse_error(c, cmd, cause, err);
	free(text);
	free(cmd);
	if (rc == 0 && ont_id >= 0) {
		size_t k = 0;
		for (size_t i = 0; i < out->n; i++) {
			if (out->v[i].ont_id == ont_id) {
				out->v[k++] = out->v[i];
				continue;
			}
			/* a dropped row: free its strings */
			free(out->v[i].vlan_attr);
			free(out->v[i].port_type);
			free(out->v[i].port);
			free(out->v[i].flow_type);
			free(out->v[i].flow_para);
			free(out->v[i].state);
		}
		out->n = k;
	}
	return rc;
}

/* The ONT's detail (line and service profiles) and its service ports. */
static int
hw_ont_config(struct cli *c, const char *port, int ont_id, struct ont_config *out,
    struct err *err)
{
	memset(out, 0, sizeof *out);
	if (hw_ont_detail(c, port, ont_id, &out->detail, err) != 0)
		return -1;
	if (hw_service_ports(c, port, ont_id, &out->sps, err) != 0) {
		if (err->kind == ERR_CLOSED || err->kind == ERR_TIMEOUT) {
			ont_config_free(out);
			return -1;
		}
		err_clear(err);
		pr_service_port_list_free(&out->sps);
		memset(&out->sps, 0, sizeof out->sps);
	}
	return 0;
}

static int
hw_running_config(struct cli *c, char **out, struct err *err)
{
	return hw_run(c, NULL, "display current-configuration", out, err);
}

/* ---- plans ---- */

/* Validates an ONT reference and sets fs, pon, port, ont_id. */
static int
hw_ref_vars(const char *port, int ont_id, struct tpl_vars *v, char **cause)
{
	int f, s, p;
	char buf[32];

	if (validate_port(PR_HUAWEI, "port", port, &f, &s, &p, cause) < 0 ||
	    validate_ont_id(PR_HUAWEI, "ont_id", ont_id, cause) < 0)
		return -1;
	snprintf(buf, sizeof buf, "%d/%d", f, s);
	tpl_set(v, "fs", buf);
	tpl_seti(v, "pon", p);
	snprintf(buf, sizeof buf, "%d/%d/%d", f, s, p);
	tpl_set(v, "port", buf);
	tpl_seti(v, "ont_id", ont_id);
	return 0;
}

/* Sets up_table/down_table (or old_...) from speeds.map; both speeds or
   none.  prefix is "" or "old_". */
static int
hw_speed_vars(const char *model, int down, int up, const char *prefix, struct tpl_vars *v,
    char **cause)
{
	char *t, name[32];

	if (down == 0 && up == 0)
		return 0;
	if (down <= 0 || up <= 0) {
		set_cause(cause, "speed: Huawei service ports take both traffic tables: give "
		    "both the downstream and the upstream speed (or neither)");
		return -1;
	}
	if (adapter_speed(PR_HUAWEI, model, "up", up, &t, cause) < 0)
		return -1;
	snprintf(name, sizeof name, "%sup_table", prefix);
	tpl_set(v, name, t);
	free(t);
	if (adapter_speed(PR_HUAWEI, model, "down", down, &t, cause) < 0)
		return -1;
	snprintf(name, sizeof name, "%sdown_table", prefix);
	tpl_set(v, name, t);
	free(t);
	return 0;
}

/* Validates a provisioning request and fills the template variables. */
static int
hw_req_vars(const struct provision_req *r, struct tpl_vars *v, char **cause)
{
	char sn12[13], sn16[17];
	const char *wan = r->wan_mode != NULL ? r->wan_mode : "none";

	if (hw_ref_vars(r->port, r->ont_id, v, cause) < 0 ||
	    validate_sn("sn", r->sn, sn12, sn16, cause) < 0 ||
	    validate_vlan("vlan", r->vlan, cause) < 0 ||
	    (r->user_vlan != 0 && validate_vlan("user_vlan", r->user_vlan, cause) < 0) ||
	    (r->gemport != 0 && validate_gemport(PR_HUAWEI, "gemport", r->gemport, cause) < 0) ||
	    (r->desc != NULL && validate_desc(PR_HUAWEI, "desc", r->desc, cause) < 0))
		return -1;
	if (r->line_profile == NULL || r->service_profile == NULL) {
		set_cause(cause, "line_profile and service_profile: a Huawei ONT needs both "
		    "its ont-lineprofile and ont-srvprofile (an id or a name)");
		return -1;
	}
	if (validate_profile("line_profile", r->line_profile, cause) < 0 ||
	    validate_profile("service_profile", r->service_profile, cause) < 0)
		return -1;
	if (adapter_numeric(r->line_profile) != adapter_numeric(r->service_profile)) {
		set_cause(cause, "line_profile and service_profile: give both as ids or both "
		    "as names (ont add takes -id/-id or -name/-name)");
		return -1;
	}
	tpl_set(v, "sn", sn12);
	tpl_set(v, adapter_numeric(r->line_profile) ? "lp_id" : "lp_name", r->line_profile);
	tpl_set(v, adapter_numeric(r->service_profile) ? "sp_id" : "sp_name",
	    r->service_profile);
	tpl_set(v, "desc", r->desc);
	tpl_seti(v, "vlan", r->vlan);
	tpl_seti(v, "user_vlan", r->user_vlan != 0 ? r->user_vlan : r->vlan);
	tpl_seti(v, "gemport", r->gemport != 0 ? r->gemport : 1);
	if (r->service_port < 0 || r->service_port > 65535) {
		set_cause(cause, "service_port: an index 1-65535 (0 = the OLT picks), got %d",
		    r->service_port);
		return -1;
	}
	if (r->service_port > 0)
		tpl_seti(v, "sp_index", r->service_port);
	if (strcmp(wan, "none") != 0 && strcmp(wan, "dhcp") != 0 && strcmp(wan, "pppoe") != 0) {
		set_cause(cause, "wan_mode: none, dhcp or pppoe, got \"%s\"", wan);
		return -1;
	}
	tpl_set(v, "wan_mode", wan);
	if (strcmp(wan, "pppoe") == 0) {
		if (validate_credential("pppoe_user", r->pppoe_user, cause) < 0 ||
		    validate_credential("pppoe_password", r->pppoe_password, cause) < 0)
			return -1;
		tpl_set(v, "pppoe_user", r->pppoe_user);
		tpl_set(v, "pppoe_password", r->pppoe_password);
	}
	if (r->acs_url != NULL) {
		char *id;
		if (validate_url("acs_url", r->acs_url, cause) < 0 ||
		    template_map("huawei", r->olt_model, "acs.map", r->acs_url, &id, cause) < 0)
			return -1;
		tpl_set(v, "acs_profile", id);
		free(id);
	}
	return hw_speed_vars(r->olt_model, r->down_mbps, r->up_mbps, "", v, cause);
}

/* Appends the provisioning of r to p. */
static int
hw_provision_steps(const struct provision_req *r, struct plan *p, char **cause)
{
	struct tpl_vars v = { 0 };
	int rc = -1;

	if (hw_req_vars(r, &v, cause) == 0)
		rc = template_expand(PR_HUAWEI, r->olt_model, "provision", &v, p, cause);
	tpl_vars_free(&v);
	return rc;
}

static int
hw_plan_provision(const struct provision_req *r, struct plan **out, char **cause)
{
	char sn12[13];
	struct plan *p;

	*out = NULL;
	if (validate_sn("sn", r->sn, sn12, NULL, cause) < 0)
		return -1;
	p = adapter_plan(&vendor_huawei, r->olt, "provision", sn12, r->name, "provision ONT %s on %s %s "
	    "ONT %d", sn12, r->olt != NULL ? r->olt : "", r->port, r->ont_id);
	if (hw_provision_steps(r, p, cause) < 0) {
		plan_free(p);
		return -1;
	}
	adapter_verify(p, VERIFY_ONT_PRESENT, r->port, r->ont_id, sn12, false);
	*out = p;
	return 0;
}

/* Appends the removal of the ONT o (rebuilt from r when not NULL). */
static int
hw_deprovision_steps(const struct ont_ref *o, const struct provision_req *r,
    struct plan *p, char **cause)
{
	struct tpl_vars v = { 0 };
	int rc = -1;

	if (r == NULL) {
		if (hw_ref_vars(o->port, o->ont_id, &v, cause) == 0)
			rc = template_expand(PR_HUAWEI, o->olt_model, "deprovision", &v, p,
			    cause);
	} else {
		struct provision_req at = *r;
		struct plan *prov = plan_new(NULL, NULL, NULL);
		int f, s, pp;
		at.port = o->port;
		at.ont_id = o->ont_id;
		if (at.sn == NULL)
			at.sn = o->sn;
		if (validate_port(PR_HUAWEI, "port", o->port, &f, &s, &pp, cause) == 0 &&
		    hw_provision_steps(&at, prov, cause) == 0) {
			char *capture = xasprintf("display ont info %d %d %d %d", f, s, pp,
			    o->ont_id);
			rc = adapter_invert(p, prov, capture, NULL, cause);
			free(capture);
		}
		plan_free(prov);
	}
	tpl_vars_free(&v);
	return rc;
}

static int
hw_plan_deprovision(const struct ont_ref *o, const struct provision_req *r,
    struct plan **out, char **cause)
{
	struct plan *p;

	*out = NULL;
	p = adapter_plan(&vendor_huawei, o->olt, "deprovision", o->sn, r != NULL ? r->name : NULL,
	    "deprovision %s %s ONT %d%s%s", o->olt != NULL ? o->olt : "", o->port, o->ont_id,
	    o->sn != NULL ? " " : "", o->sn != NULL ? o->sn : "");
	if (hw_deprovision_steps(o, r, p, cause) < 0) {
		plan_free(p);
		return -1;
	}
	adapter_verify(p, VERIFY_ONT_ABSENT, o->port, o->ont_id, NULL, false);
	*out = p;
	return 0;
}

/* A plan from one template on an ONT reference with extra variables. */
static int
hw_simple(const struct ont_ref *o, const char *action, const char *tpl,
    struct tpl_vars *v, struct plan **out, char **cause)
{
	struct plan *p;

	*out = NULL;
	if (hw_ref_vars(o->port, o->ont_id, v, cause) < 0)
		return -1;
	p = adapter_plan(&vendor_huawei, o->olt, action, o->sn, NULL, "%s %s %s ONT %d%s%s", action,
	    o->olt != NULL ? o->olt : "", o->port, o->ont_id, o->sn != NULL ? " " : "",
	    o->sn != NULL ? o->sn : "");
	if (template_expand(PR_HUAWEI, o->olt_model, tpl, v, p, cause) < 0) {
		plan_free(p);
		return -1;
	}
	/* What is there afterwards: the ONT, with its serial when known. */
	char sn12[13];
	if (o->sn != NULL && validate_sn("sn", o->sn, sn12, NULL, NULL) == 0)
		adapter_verify(p, VERIFY_ONT_PRESENT, o->port, o->ont_id, sn12, false);
	*out = p;
	return 0;
}

static int
hw_plan_enable(const struct ont_ref *o, bool enable, struct plan **out, char **cause)
{
	struct tpl_vars v = { 0 };
	int rc = hw_simple(o, enable ? "enable" : "disable", enable ? "enable" : "disable",
	    &v, out, cause);

	tpl_vars_free(&v);
	if (rc == 0)
		adapter_verify(*out, VERIFY_ONT_ADMIN, o->port, o->ont_id, NULL, enable);
	return rc;
}

static int
hw_plan_reboot(const struct ont_ref *o, struct plan **out, char **cause)
{
	struct tpl_vars v = { 0 };
	int rc = hw_simple(o, "reboot", "reboot", &v, out, cause);

	tpl_vars_free(&v);
	if (rc == 0)
		adapter_verify(*out, VERIFY_NONE, o->port, o->ont_id, NULL, false);
	return rc;
}

/* The service-port index an existing ONT's change needs. */
static int
hw_need_index(const struct provision_req *old, char **cause)
{
	if (old == NULL || old->service_port <= 0) {
		set_cause(cause, "service_port: changing a Huawei service port needs its index "
		    "(read it with display service-port port F/S/P)");
		return -1;
	}
	return 0;
}

static int
hw_plan_speed(const struct ont_ref *o, const struct provision_req *old, int down_mbps,
    int up_mbps, struct plan **out, char **cause)
{
	struct tpl_vars v = { 0 };
	int rc = -1;

	*out = NULL;
	if (hw_need_index(old, cause) < 0)
		return -1;
	if (down_mbps <= 0 || up_mbps <= 0)
		set_cause(cause, "speed: give both the downstream and the upstream speed "
		    "(1-10000 Mbit/s)");
	else if (hw_speed_vars(old->olt_model, down_mbps, up_mbps, "", &v, cause) == 0 &&
	    hw_speed_vars(old->olt_model, old->down_mbps, old->up_mbps, "old_", &v,
	    cause) == 0) {
		tpl_seti(&v, "sp_index", old->service_port);
		rc = hw_simple(o, "speed", "speed", &v, out, cause);
	}
	tpl_vars_free(&v);
	return rc;
}

static int
hw_plan_vlan(const struct ont_ref *o, const struct provision_req *old, int vlan,
    struct plan **out, char **cause)
{
	struct tpl_vars v = { 0 };
	int rc = -1;

	*out = NULL;
	if (hw_need_index(old, cause) < 0 || validate_vlan("vlan", vlan, cause) < 0 ||
	    validate_vlan("old vlan", old->vlan, cause) < 0)
		return -1;
	if (hw_speed_vars(old->olt_model, old->down_mbps, old->up_mbps, "", &v, cause) == 0) {
		int ouv = old->user_vlan != 0 ? old->user_vlan : old->vlan;
		tpl_seti(&v, "sp_index", old->service_port);
		tpl_seti(&v, "vlan", vlan);
		tpl_seti(&v, "old_vlan", old->vlan);
		tpl_seti(&v, "old_user_vlan", ouv);
		/* A C-VLAN that followed the S-VLAN follows it again. */
		tpl_seti(&v, "user_vlan", ouv == old->vlan ? vlan : ouv);
		tpl_seti(&v, "gemport", old->gemport != 0 ? old->gemport : 1);
		rc = hw_simple(o, "vlan", "vlan", &v, out, cause);
	}
	tpl_vars_free(&v);
	return rc;
}

static int
hw_plan_desc(const struct ont_ref *o, const char *old_desc, const char *desc,
    struct plan **out, char **cause)
{
	struct tpl_vars v = { 0 };
	int rc = -1;

	*out = NULL;
	if (validate_desc(PR_HUAWEI, "desc", desc, cause) == 0) {
		tpl_set(&v, "desc", desc);
		tpl_set(&v, "old_desc", old_desc != NULL && *old_desc != '\0' ? old_desc :
		    "ONT_NO_DESCRIPTION");
		rc = hw_simple(o, "desc", "desc", &v, out, cause);
	}
	tpl_vars_free(&v);
	return rc;
}

static int
hw_plan_replace(const struct ont_ref *o, const struct provision_req *cfg,
    const char *new_sn, struct plan **out, char **cause)
{
	struct tpl_vars v = { 0 };
	const char *old = o->sn != NULL ? o->sn : cfg != NULL ? cfg->sn : NULL;
	char a[13], b[13];
	int rc = -1;

	*out = NULL;
	if (validate_sn("sn (the old serial)", old, a, NULL, cause) < 0 ||
	    validate_sn("new_sn", new_sn, b, NULL, cause) < 0)
		return -1;
	tpl_set(&v, "sn", a);
	tpl_set(&v, "new_sn", b);
	rc = hw_simple(o, "replace", "replace", &v, out, cause);
	tpl_vars_free(&v);
	if (rc == 0) {
		free((*out)->ont_sn);
		(*out)->ont_sn = xstrdup(b);
		adapter_verify(*out, VERIFY_ONT_PRESENT, o->port, o->ont_id, b, false);
	}
	return rc;
}

/* Moves an ONT: its removal first (the OLT refuses a serial twice), then
   its provisioning at the new place; undo reverses both. */
static int
hw_plan_move(const struct ont_ref *o, const struct provision_req *cfg,
    const char *new_port, int new_ont_id, struct plan **out, char **cause)
{
	struct provision_req to;
	struct plan *p;
	char sn12[13];

	*out = NULL;
	if (cfg == NULL) {
		set_cause(cause, "move: the ONT's configuration is needed to re-create it");
		return -1;
	}
	to = *cfg;
	to.port = new_port;
	to.ont_id = new_ont_id;
	if (to.sn == NULL)
		to.sn = o->sn;
	if (validate_sn("sn", to.sn, sn12, NULL, cause) < 0)
		return -1;
	p = adapter_plan(&vendor_huawei, o->olt, "move", sn12, cfg->name, "move ONT %s on %s from %s ONT %d "
	    "to %s ONT %d", sn12, o->olt != NULL ? o->olt : "", o->port, o->ont_id,
	    new_port != NULL ? new_port : "?", new_ont_id);
	if (hw_deprovision_steps(o, cfg, p, cause) < 0 ||
	    hw_provision_steps(&to, p, cause) < 0) {
		plan_free(p);
		return -1;
	}
	adapter_verify(p, VERIFY_ONT_PRESENT, new_port, new_ont_id, sn12, false);
	*out = p;
	return 0;
}

const struct adapter adapter_huawei = {
	.name = "huawei",
	.vendor = PR_HUAWEI,
	.version = hw_version,
	.boards = hw_boards,
	.autofind = hw_autofind,
	.ont_list = hw_ont_list,
	.ont_detail = hw_ont_detail,
	.ont_detail_here = hw_ont_detail_here,
	.ont_config = hw_ont_config,
	.optical = hw_optical,
	.optical_list = hw_optical_list,
	.service_ports = hw_service_ports,
	.running_config = hw_running_config,
	.plan_provision = hw_plan_provision,
	.plan_deprovision = hw_plan_deprovision,
	.plan_enable = hw_plan_enable,
	.plan_reboot = hw_plan_reboot,
	.plan_speed = hw_plan_speed,
	.plan_vlan = hw_plan_vlan,
	.plan_desc = hw_plan_desc,
	.plan_replace = hw_plan_replace,
	.plan_move = hw_plan_move,
};
