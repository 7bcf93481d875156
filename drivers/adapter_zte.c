/*
 * adapter_zte.c — the ZTE C300/C320 adapter (adapter.h): reads with the
 * commands of zte-cli.md §4 parsed by zte_parse_*, and plan builders that
 * fill the variables of drivers/templates/zte/<action>.tpl.
 *
 * Ports are "1/S/P"; an ONU is gpon-onu_1/S/P:N, its port gpon-olt_1/S/P.
 * Upstream speed is the tcont profile and downstream the gemport's
 * traffic-limit profile, both looked up in zte/speeds.map.  Removal is the
 * provisioning inverted (adapter_invert); a serial swap is a removal and a
 * re-registration with the new serial (RECONSTRUCTED: no capture shows a
 * serial change on a registered ONU), so both have a full undo.
 *
 * Stateless; any worker thread with its own session.
 */
#include "drivers/adapter_impl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/util.h"
#include "drivers/validate.h"

#define ZTE_DEFAULT_TYPE "ZTE-F660"

/* ---- reads ---- */

/* Checks a port for a read, failing as a refused command. */
static int
zte_port(struct cli *c, const char *port, struct err *err)
{
	char *cause = NULL;

	if (validate_port(PR_ZTE, "port", port, NULL, NULL, NULL, &cause) == 0)
		return 0;
	err_clear(err);
	err->kind = ERR_REFUSED;
	err->message = xasprintf("%s: %s", cli_label(c), cause);
	free(cause);
	return -1;
}

/* Runs cmd in privileged mode and parses it with fn (an empty answer is
   an empty result when empty_ok). */
typedef int (*zte_parser)(const char *text, void *out, char **cause);

static int
zte_read(struct cli *c, const char *cmd, bool empty_ok, zte_parser fn, void *out,
    struct err *err)
{
	char *text, *cause = NULL;
	int rc = 0;

	if (adapter_read(c, CLI_MODE_PRIV, NULL, cmd, &text, err) < 0)
		return -1;
	if ((!empty_ok || *text != '\0') && (rc = fn(text, out, &cause)) < 0)
		adapter_parse_error(c, cmd, cause, err);
	free(text);
	return rc;
}

/* The parsers with the shape zte_read() calls (void * out). */
static int
p_version(const char *t, void *o, char **c) { return zte_parse_version(t, o, c); }
static int
p_boards(const char *t, void *o, char **c) { return zte_parse_boards(t, o, c); }
static int
p_autofind(const char *t, void *o, char **c) { return zte_parse_autofind(t, o, c); }
static int
p_onts(const char *t, void *o, char **c) { return zte_parse_ont_list(t, o, c); }
static int
p_detail(const char *t, void *o, char **c) { return zte_parse_ont_detail(t, o, c); }
static int
p_optical(const char *t, void *o, char **c) { return zte_parse_optical(t, o, c); }
static int
p_optical_list(const char *t, void *o, char **c) { return zte_parse_optical_list(t, o, c); }
static int
p_sps(const char *t, void *o, char **c) { return zte_parse_service_ports(t, o, c); }

static int
zte_version(struct cli *c, struct pr_version *out, struct err *err)
{
	pr_version_init(out);
	return zte_read(c, "show version-running", false, p_version, out, err);
}

static int
zte_boards(struct cli *c, struct pr_board_list *out, struct err *err)
{
	memset(out, 0, sizeof *out);
	return zte_read(c, "show card", false, p_boards, out, err);
}

static int
zte_autofind(struct cli *c, struct pr_autofind_list *out, struct err *err)
{
	memset(out, 0, sizeof *out);
	return zte_read(c, "show gpon onu uncfg", true, p_autofind, out, err);
}

static int
zte_ont_list(struct cli *c, const char *port, struct pr_ont_list *out, struct err *err)
{
	char *cmd;
	int rc;

	memset(out, 0, sizeof *out);
	if (zte_port(c, port, err) < 0)
		return -1;
	cmd = xasprintf("show gpon onu state gpon-olt_%s", port);
	rc = zte_read(c, cmd, true, p_onts, out, err);
	free(cmd);
	return rc;
}

static int
zte_ont_detail(struct cli *c, const char *port, int ont_id, struct pr_ont_detail *out,
    struct err *err)
{
	char *cmd;
	int rc;

	pr_ont_detail_init(out);
	if (zte_port(c, port, err) < 0)
		return -1;
	cmd = xasprintf("show gpon onu detail-info gpon-onu_%s:%d", port, ont_id);
	rc = zte_read(c, cmd, false, p_detail, out, err);
	free(cmd);
	return rc;
}

/* show commands are valid in privileged and every configuration mode. */
#define ZTE_SHOW_MODES (ADAPTER_MODE(CLI_MODE_PRIV) | ADAPTER_MODE(CLI_MODE_CONFIG) | \
	ADAPTER_MODE(CLI_MODE_IF) | ADAPTER_MODE(CLI_MODE_ONU))

static int
zte_ont_detail_here(struct cli *c, const char *port, int ont_id,
    struct pr_ont_detail *out, struct err *err)
{
	char *cmd, *text, *cause = NULL;
	int rc;

	pr_ont_detail_init(out);
	if (zte_port(c, port, err) < 0)
		return -1;
	cmd = xasprintf("show gpon onu detail-info gpon-onu_%s:%d", port, ont_id);
	if ((rc = adapter_read_here(c, ZTE_SHOW_MODES, cmd, &text, err)) == 0) {
		if ((rc = zte_parse_ont_detail(text, out, &cause)) < 0)
			adapter_parse_error(c, cmd, cause, err);
		free(text);
	}
	free(cmd);
	return rc;
}

static int
zte_optical(struct cli *c, const char *port, int ont_id, struct pr_optical *out,
    struct err *err)
{
	char *cmd;
	int rc;

	pr_optical_init(out);
	if (zte_port(c, port, err) < 0)
		return -1;
	cmd = xasprintf("show pon power attenuation gpon-onu_%s:%d", port, ont_id);
	rc = zte_read(c, cmd, false, p_optical, out, err);
	free(cmd);
	return rc;
}

static int
zte_optical_list(struct cli *c, const char *port, struct pr_optical_list *out,
    struct err *err)
{
	char *cmd;
	int rc;

	memset(out, 0, sizeof *out);
	if (zte_port(c, port, err) < 0)
		return -1;
	cmd = xasprintf("show pon power onu-rx gpon-olt_%s", port);
	rc = zte_read(c, cmd, true, p_optical_list, out, err);
	free(cmd);
	return rc;
}

/* Appends the service ports of one ONU to out. */
static int
zte_onu_sps(struct cli *c, const char *port, int ont_id, struct pr_service_port_list *out,
    struct err *err)
{
	struct pr_service_port_list one = { 0 };
	char *cmd = xasprintf("show running-config interface gpon-onu_%s:%d", port, ont_id);
	int rc = zte_read(c, cmd, true, p_sps, &one, err);

	free(cmd);
	if (rc == 0 && one.n > 0) {
		out->v = xreallocarray(out->v, out->n + one.n, sizeof *out->v);
		memcpy(out->v + out->n, one.v, one.n * sizeof *one.v);
		out->n += one.n;
		free(one.v);
	} else
		pr_service_port_list_free(&one);
	return rc;
}

/* Service ports of one ONU (ont_id >= 1) or of every ONU of the port. */
static int
zte_service_ports(struct cli *c, const char *port, int ont_id,
    struct pr_service_port_list *out, struct err *err)
{
	struct pr_ont_list onts;
	int rc = 0;

	memset(out, 0, sizeof *out);
	if (zte_port(c, port, err) < 0)
		return -1;
	if (ont_id >= 1)
		return zte_onu_sps(c, port, ont_id, out, err);
	if (zte_ont_list(c, port, &onts, err) < 0)
		return -1;
	for (size_t i = 0; i < onts.n && rc == 0; i++)
		rc = zte_onu_sps(c, port, (int)onts.v[i].ont_id, out, err);
	pr_ont_list_free(&onts);
	if (rc < 0)
		pr_service_port_list_free(out);
	return rc;
}

/* The word after key in line (words split on blanks), or NULL. */
static char *
zte_word_after(const char *line, const char *key)
{
	char buf[256], *w, *save = NULL;
	bool next = false;

	strlcpy_(buf, line, sizeof buf);
	for (w = strtok_r(buf, " \t", &save); w != NULL; w = strtok_r(NULL, " \t", &save)) {
		if (next)
			return xstrdup(w);
		next = strcmp(w, key) == 0;
	}
	return NULL;
}

/* Reads what an ONU's interface running-config adds to its detail: the
   first T-CONT's profile ("tcont 1 [name N] profile P"), the first GEM
   port's downstream traffic profile ("gemport 1 traffic-limit [upstream U]
   downstream D"), and name / description when the detail had none.  Keys
   on the line's leading words; other lines are ignored.  0, or -1 with a
   cause when the text is not an ONU interface's configuration. */
static int
zte_parse_onu_if(const char *text, struct pr_ont_detail *d, char **cause)
{
	char **lines = NULL;
	size_t n = str_split_lines(text, &lines), i;
	bool seen = false;

	for (i = 0; i < n; i++) {
		char *l = str_trim(lines[i]);

		if (str_startswith(l, "interface gpon-onu_"))
			seen = true;
		else if (!seen)
			continue;
		else if (str_startswith(l, "tcont ") && d->line_profile == NULL)
			d->line_profile = zte_word_after(l, "profile");
		else if (str_startswith(l, "gemport ") && strstr(l, " traffic-limit ") != NULL &&
		    d->service_profile == NULL)
			d->service_profile = zte_word_after(l, "downstream");
		else if (str_startswith(l, "name ") && d->name == NULL)
			d->name = xstrdup(str_trim(l + 5));
		else if (str_startswith(l, "description ") && d->description == NULL)
			d->description = xstrdup(str_trim(l + 12));
	}
	strv_free(lines, n);
	if (!seen && *text != '\0') {
		set_cause(cause, "no \"interface gpon-onu_\" line in the ONU's configuration");
		return -1;
	}
	return 0;
}

/* The ONU's detail, plus its interface running-config (profiles, name,
   description, service ports) read once. */
static int
zte_ont_config(struct cli *c, const char *port, int ont_id, struct ont_config *out,
    struct err *err)
{
	char *cmd, *text = NULL, *cause = NULL;
	int rc;

	memset(out, 0, sizeof *out);
	if (zte_ont_detail(c, port, ont_id, &out->detail, err) != 0)
		return -1;
	cmd = xasprintf("show running-config interface gpon-onu_%s:%d", port, ont_id);
	if (adapter_read(c, CLI_MODE_PRIV, NULL, cmd, &text, err) != 0) {
		free(cmd);
		if (err->kind == ERR_CLOSED || err->kind == ERR_TIMEOUT) {
			ont_config_free(out);
			return -1;
		}
		err_clear(err);	/* no configuration listed: detail only */
		return 0;
	}
	if (*text != '\0' && ((rc = zte_parse_onu_if(text, &out->detail, &cause)) < 0 ||
	    (rc = zte_parse_service_ports(text, &out->sps, &cause)) < 0)) {
		adapter_parse_error(c, cmd, cause, err);
		ont_config_free(out);
		free(text);
		free(cmd);
		return -1;
	}
	free(text);
	free(cmd);
	return 0;
}

static int
zte_running_config(struct cli *c, char **out, struct err *err)
{
	return adapter_read(c, CLI_MODE_PRIV, NULL, "show running-config", out, err);
}

/* ---- plans ---- */

/* Validates an ONU reference and sets port and ont_id. */
static int
zte_ref_vars(const char *port, int ont_id, struct tpl_vars *v, char **cause)
{
	if (validate_port(PR_ZTE, "port", port, NULL, NULL, NULL, cause) < 0 ||
	    validate_ont_id(PR_ZTE, "ont_id", ont_id, cause) < 0)
		return -1;
	tpl_set(v, "port", port);
	tpl_seti(v, "ont_id", ont_id);
	return 0;
}

/* Sets tcont_profile / down_profile (with prefix "" or "old_") from the
   speeds, else from the profiles given. */
static int
zte_speed_vars(const char *model, int down, int up, const char *line_profile,
    const char *srv_profile, const char *prefix, struct tpl_vars *v, char **cause)
{
	char *t = NULL, name[32];

	snprintf(name, sizeof name, "%stcont_profile", prefix);
	if (up > 0) {
		if (adapter_speed(PR_ZTE, model, "up", up, &t, cause) < 0)
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
		if (adapter_speed(PR_ZTE, model, "down", down, &t, cause) < 0)
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

/* Validates a provisioning request and fills the template variables. */
static int
zte_req_vars(const struct provision_req *r, struct tpl_vars *v, char **cause)
{
	char sn12[13];
	const char *wan = r->wan_mode != NULL ? r->wan_mode : "none";
	const char *type = r->model != NULL ? r->model : ZTE_DEFAULT_TYPE;

	if (zte_ref_vars(r->port, r->ont_id, v, cause) < 0 ||
	    validate_sn("sn", r->sn, sn12, NULL, cause) < 0 ||
	    validate_profile("model (ONU type)", type, cause) < 0 ||
	    validate_vlan("vlan", r->vlan, cause) < 0 ||
	    (r->user_vlan != 0 && validate_vlan("user_vlan", r->user_vlan, cause) < 0) ||
	    (r->gemport != 0 && validate_gemport(PR_ZTE, "gemport", r->gemport, cause) < 0) ||
	    (r->name != NULL && validate_name("name", r->name, cause) < 0) ||
	    (r->desc != NULL && validate_desc(PR_ZTE, "desc", r->desc, cause) < 0))
		return -1;
	tpl_set(v, "sn", sn12);
	tpl_set(v, "type", type);
	tpl_set(v, "name", r->name);
	tpl_set(v, "desc", r->desc);
	tpl_seti(v, "vlan", r->vlan);
	tpl_seti(v, "user_vlan", r->user_vlan != 0 ? r->user_vlan : r->vlan);
	tpl_seti(v, "vport", r->gemport != 0 ? r->gemport : 1);
	if (zte_speed_vars(r->olt_model, r->down_mbps, r->up_mbps, r->line_profile,
	    r->service_profile, "", v, cause) < 0)
		return -1;
	if (tpl_get(v, "tcont_profile") == NULL) {
		set_cause(cause, "line_profile: a ZTE ONU needs a tcont profile (line_profile) "
		    "or an upstream speed listed in zte/speeds.map");
		return -1;
	}
	if (strcmp(wan, "none") != 0 && strcmp(wan, "dhcp") != 0 && strcmp(wan, "pppoe") != 0) {
		set_cause(cause, "wan_mode: none, dhcp or pppoe, got \"%s\"", wan);
		return -1;
	}
	tpl_set(v, "wan_mode", wan);
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
	if (strcmp(wan, "pppoe") == 0) {
		if (validate_credential("pppoe_user", r->pppoe_user, cause) < 0 ||
		    validate_credential("pppoe_password", r->pppoe_password, cause) < 0)
			return -1;
		tpl_set(v, "pppoe_user", r->pppoe_user);
		tpl_set(v, "pppoe_password", r->pppoe_password);
	}
	if (r->acs_url != NULL) {
		if (validate_url("acs_url", r->acs_url, cause) < 0 ||
		    validate_credential("acs_user", r->acs_user, cause) < 0 ||
		    validate_credential("acs_password", r->acs_password, cause) < 0)
			return -1;
		tpl_set(v, "acs_url", r->acs_url);
		tpl_set(v, "acs_user", r->acs_user);
		tpl_set(v, "acs_password", r->acs_password);
	}
	return 0;
}

static int
zte_provision_steps(const struct provision_req *r, struct plan *p, char **cause)
{
	struct tpl_vars v = { 0 };
	int rc = -1;

	if (zte_req_vars(r, &v, cause) == 0)
		rc = template_expand(PR_ZTE, r->olt_model, "provision", &v, p, cause);
	tpl_vars_free(&v);
	return rc;
}

static int
zte_plan_provision(const struct provision_req *r, struct plan **out, char **cause)
{
	char sn12[13];
	struct plan *p;

	*out = NULL;
	if (validate_sn("sn", r->sn, sn12, NULL, cause) < 0)
		return -1;
	p = adapter_plan(&vendor_zte, r->olt, "provision", sn12, r->name, "provision ONU %s on %s "
	    "gpon-onu_%s:%d", sn12, r->olt != NULL ? r->olt : "", r->port, r->ont_id);
	if (zte_provision_steps(r, p, cause) < 0) {
		plan_free(p);
		return -1;
	}
	adapter_verify(p, VERIFY_ONT_PRESENT, r->port, r->ont_id, sn12, false);
	*out = p;
	return 0;
}

/* Appends the removal of ONU o, rebuilt by its undo from r when given. */
static int
zte_deprovision_steps(const struct ont_ref *o, const struct provision_req *r,
    struct plan *p, char **cause)
{
	struct tpl_vars v = { 0 };
	int rc = -1;

	if (r == NULL) {
		if (zte_ref_vars(o->port, o->ont_id, &v, cause) == 0)
			rc = template_expand(PR_ZTE, o->olt_model, "deprovision", &v, p, cause);
	} else {
		struct provision_req at = *r;
		struct plan *prov = plan_new(NULL, NULL, NULL);
		at.port = o->port;
		at.ont_id = o->ont_id;
		if (at.sn == NULL)
			at.sn = o->sn;
		if (zte_provision_steps(&at, prov, cause) == 0) {
			char *cif = xasprintf("show running-config interface gpon-onu_%s:%d",
			    o->port, o->ont_id);
			char *conu = xasprintf("show onu running config gpon-onu_%s:%d", o->port,
			    o->ont_id);
			rc = adapter_invert(p, prov, cif, conu, cause);
			free(cif);
			free(conu);
		}
		plan_free(prov);
	}
	tpl_vars_free(&v);
	return rc;
}

static int
zte_plan_deprovision(const struct ont_ref *o, const struct provision_req *r,
    struct plan **out, char **cause)
{
	struct plan *p;

	*out = NULL;
	p = adapter_plan(&vendor_zte, o->olt, "deprovision", o->sn, r != NULL ? r->name : NULL,
	    "deprovision %s gpon-onu_%s:%d%s%s", o->olt != NULL ? o->olt : "", o->port,
	    o->ont_id, o->sn != NULL ? " " : "", o->sn != NULL ? o->sn : "");
	if (zte_deprovision_steps(o, r, p, cause) < 0) {
		plan_free(p);
		return -1;
	}
	adapter_verify(p, VERIFY_ONT_ABSENT, o->port, o->ont_id, NULL, false);
	*out = p;
	return 0;
}

/* A plan from one template on an ONU reference with extra variables. */
static int
zte_simple(const struct ont_ref *o, const char *action, struct tpl_vars *v,
    struct plan **out, char **cause)
{
	struct plan *p;
	char sn12[13];

	*out = NULL;
	if (zte_ref_vars(o->port, o->ont_id, v, cause) < 0)
		return -1;
	p = adapter_plan(&vendor_zte, o->olt, action, o->sn, NULL, "%s %s gpon-onu_%s:%d%s%s", action,
	    o->olt != NULL ? o->olt : "", o->port, o->ont_id, o->sn != NULL ? " " : "",
	    o->sn != NULL ? o->sn : "");
	if (template_expand(PR_ZTE, o->olt_model, action, v, p, cause) < 0) {
		plan_free(p);
		return -1;
	}
	if (o->sn != NULL && validate_sn("sn", o->sn, sn12, NULL, NULL) == 0)
		adapter_verify(p, VERIFY_ONT_PRESENT, o->port, o->ont_id, sn12, false);
	*out = p;
	return 0;
}

static int
zte_plan_enable(const struct ont_ref *o, bool enable, struct plan **out, char **cause)
{
	struct tpl_vars v = { 0 };
	int rc = zte_simple(o, enable ? "enable" : "disable", &v, out, cause);

	tpl_vars_free(&v);
	if (rc == 0)
		adapter_verify(*out, VERIFY_ONT_ADMIN, o->port, o->ont_id, NULL, enable);
	return rc;
}

static int
zte_plan_reboot(const struct ont_ref *o, struct plan **out, char **cause)
{
	struct tpl_vars v = { 0 };
	int rc = zte_simple(o, "reboot", &v, out, cause);

	tpl_vars_free(&v);
	if (rc == 0)
		adapter_verify(*out, VERIFY_NONE, o->port, o->ont_id, NULL, false);
	return rc;
}

static int
zte_plan_speed(const struct ont_ref *o, const struct provision_req *old, int down_mbps,
    int up_mbps, struct plan **out, char **cause)
{
	struct tpl_vars v = { 0 };
	const char *model = old != NULL ? old->olt_model : o->olt_model;
	int rc = -1;

	*out = NULL;
	if (down_mbps <= 0 && up_mbps <= 0) {
		set_cause(cause, "speed: give a downstream and/or an upstream speed "
		    "(1-10000 Mbit/s)");
		return -1;
	}
	if (zte_speed_vars(model, down_mbps, up_mbps, NULL, NULL, "", &v, cause) == 0 &&
	    (old == NULL || zte_speed_vars(model, old->down_mbps, old->up_mbps,
	    old->line_profile, old->service_profile, "old_", &v, cause) == 0)) {
		tpl_seti(&v, "vport", old != NULL && old->gemport != 0 ? old->gemport : 1);
		rc = zte_simple(o, "speed", &v, out, cause);
	}
	tpl_vars_free(&v);
	return rc;
}

static int
zte_plan_vlan(const struct ont_ref *o, const struct provision_req *old, int vlan,
    struct plan **out, char **cause)
{
	struct tpl_vars v = { 0 };
	int rc, ouv;

	*out = NULL;
	if (old == NULL) {
		set_cause(cause, "vlan: the ONU's current configuration is needed for the undo");
		return -1;
	}
	if (validate_vlan("vlan", vlan, cause) < 0 ||
	    validate_vlan("old vlan", old->vlan, cause) < 0)
		return -1;
	ouv = old->user_vlan != 0 ? old->user_vlan : old->vlan;
	tpl_seti(&v, "vlan", vlan);
	tpl_seti(&v, "old_vlan", old->vlan);
	tpl_seti(&v, "old_user_vlan", ouv);
	tpl_seti(&v, "user_vlan", ouv == old->vlan ? vlan : ouv);
	tpl_seti(&v, "vport", old->gemport != 0 ? old->gemport : 1);
	rc = zte_simple(o, "vlan", &v, out, cause);
	tpl_vars_free(&v);
	return rc;
}

static int
zte_plan_desc(const struct ont_ref *o, const char *old_desc, const char *desc,
    struct plan **out, char **cause)
{
	struct tpl_vars v = { 0 };
	int rc = -1;

	*out = NULL;
	if (validate_desc(PR_ZTE, "desc", desc, cause) == 0) {
		tpl_set(&v, "desc", desc);
		if (old_desc != NULL && *old_desc != '\0')
			tpl_set(&v, "old_desc", old_desc);
		rc = zte_simple(o, "desc", &v, out, cause);
	}
	tpl_vars_free(&v);
	return rc;
}

static int
zte_plan_replace(const struct ont_ref *o, const struct provision_req *cfg,
    const char *new_sn, struct plan **out, char **cause)
{
	struct provision_req old, neu;
	struct plan *p;
	char a[13], b[13];

	*out = NULL;
	if (cfg == NULL) {
		set_cause(cause, "replace: the ONU's configuration is needed to re-register it");
		return -1;
	}
	old = *cfg;
	old.port = o->port;
	old.ont_id = o->ont_id;
	if (o->sn != NULL)
		old.sn = o->sn;
	if (validate_sn("sn (the old serial)", old.sn, a, NULL, cause) < 0 ||
	    validate_sn("new_sn", new_sn, b, NULL, cause) < 0)
		return -1;
	neu = old;
	neu.sn = b;
	p = adapter_plan(&vendor_zte, o->olt, "replace", b, cfg->name, "replace ONU %s by %s on %s "
	    "gpon-onu_%s:%d", a, b, o->olt != NULL ? o->olt : "", o->port, o->ont_id);
	if (zte_deprovision_steps(o, &old, p, cause) < 0 ||
	    zte_provision_steps(&neu, p, cause) < 0) {
		plan_free(p);
		return -1;
	}
	adapter_verify(p, VERIFY_ONT_PRESENT, o->port, o->ont_id, b, false);
	*out = p;
	return 0;
}

/* Moves an ONU: removed first (the OLT refuses a serial twice), then
   registered at the new place; undo reverses both. */
static int
zte_plan_move(const struct ont_ref *o, const struct provision_req *cfg,
    const char *new_port, int new_ont_id, struct plan **out, char **cause)
{
	struct provision_req to;
	struct plan *p;
	char sn12[13];

	*out = NULL;
	if (cfg == NULL) {
		set_cause(cause, "move: the ONU's configuration is needed to re-create it");
		return -1;
	}
	to = *cfg;
	to.port = new_port;
	to.ont_id = new_ont_id;
	if (to.sn == NULL)
		to.sn = o->sn;
	if (validate_sn("sn", to.sn, sn12, NULL, cause) < 0)
		return -1;
	p = adapter_plan(&vendor_zte, o->olt, "move", sn12, cfg->name, "move ONU %s on %s from "
	    "gpon-onu_%s:%d to gpon-onu_%s:%d", sn12, o->olt != NULL ? o->olt : "",
	    o->port, o->ont_id, new_port != NULL ? new_port : "?", new_ont_id);
	if (zte_deprovision_steps(o, cfg, p, cause) < 0 ||
	    zte_provision_steps(&to, p, cause) < 0) {
		plan_free(p);
		return -1;
	}
	adapter_verify(p, VERIFY_ONT_PRESENT, new_port, new_ont_id, sn12, false);
	*out = p;
	return 0;
}

const struct adapter adapter_zte = {
	.name = "zte",
	.vendor = PR_ZTE,
	.version = zte_version,
	.boards = zte_boards,
	.autofind = zte_autofind,
	.ont_list = zte_ont_list,
	.ont_detail = zte_ont_detail,
	.ont_detail_here = zte_ont_detail_here,
	.ont_config = zte_ont_config,
	.optical = zte_optical,
	.optical_list = zte_optical_list,
	.service_ports = zte_service_ports,
	.running_config = zte_running_config,
	.plan_provision = zte_plan_provision,
	.plan_deprovision = zte_plan_deprovision,
	.plan_enable = zte_plan_enable,
	.plan_reboot = zte_plan_reboot,
	.plan_speed = zte_plan_speed,
	.plan_vlan = zte_plan_vlan,
	.plan_desc = zte_plan_desc,
	.plan_replace = zte_plan_replace,
	.plan_move = zte_plan_move,
};
