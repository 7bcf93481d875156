/*
 * planner.c — the one plan builder every driver shares (planner.h).
 *
 * The variables every driver's templates may use are set here from the
 * request, each value validated first against its form and the driver's
 * limits (validate.h): port (as given), fs ("F/S" of the port), pon (its
 * last number), ont_id, sn, vlan, user_vlan (the VLAN when none), gemport
 * (1 when none), name, desc, wan_mode, pppoe_user, pppoe_password,
 * acs_url, acs_user, acs_password, sp_index (a fixed service-port index);
 * for a change also old_vlan, old_user_vlan, old_desc, new_sn.  The
 * driver's hook then adds its own (driver.h struct driver_plan.vars), and
 * the template's placeholders are checked again when it is expanded.
 *
 * Stateless; any thread.
 */
#include "drivers/planner.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "drivers/template.h"
#include "drivers/validate.h"
#include "lib/util.h"

/* A new plan of driver d with title, action, serial and contract set. */
static struct plan *
new_plan(const struct olt_driver *d, const char *olt, const char *action, const char *sn,
    const char *contract, const char *title_fmt, ...) PRINTFLIKE(6, 7);

static struct plan *
new_plan(const struct olt_driver *d, const char *olt, const char *action, const char *sn,
    const char *contract, const char *title_fmt, ...)
{
	va_list ap;
	char *title;
	struct plan *p;

	va_start(ap, title_fmt);
	title = xvasprintf(title_fmt, ap);
	va_end(ap);
	p = plan_new(olt, action, title);
	p->dialect = d->cli;
	free(title);
	if (sn != NULL) {
		free(p->ont_sn);
		p->ont_sn = xstrdup(sn);
	}
	if (contract != NULL) {
		free(p->contract);
		p->contract = xstrdup(contract);
	}
	return p;
}

/* ---- intents (ont_state.h): what each plan means the ONT to become ---- */

/* The driver's map of template variables to state fields (never NULL). */
static const struct plan_state_map *
state_map(const struct olt_driver *d)
{
	static const struct plan_state_map none;

	return d->plan != NULL && d->plan->state != NULL ? d->plan->state : &none;
}

/* The value of the first of names that v sets, or NULL. */
static const char *
var_of(const struct tpl_vars *v, const char *const names[2])
{
	for (int i = 0; i < 2; i++)
		if (names[i] != NULL && tpl_get(v, names[i]) != NULL)
			return tpl_get(v, names[i]);
	return NULL;
}

/* A numeric variable, or dflt. */
static long
var_long(const struct tpl_vars *v, const char *name, long dflt)
{
	const char *s = name != NULL ? tpl_get(v, name) : NULL;

	return s != NULL && planner_numeric(s) ? strtol(s, NULL, 10) : dflt;
}

/* The state a provisioning with variables v means to create. */
static void
intent_new(const struct olt_driver *d, const struct tpl_vars *v, struct ont_state *a)
{
	const struct plan_state_map *m = state_map(d);
	const char *const one[2][2] = { { m->name, NULL }, { m->description, NULL } };
	const char *const ty[2] = { m->type, NULL };

	ont_state_init(a, tpl_get(v, "port"), (int)var_long(v, "ont_id", -1));
	a->present = true;
	strlcpy_(a->sn, tpl_get(v, "sn") != NULL ? tpl_get(v, "sn") : "", sizeof a->sn);
	if (m->provisioned_enabled)
		a->admin = ADMIN_ENABLED;
	ont_state_set(&a->type, var_of(v, ty));
	ont_state_set(&a->line_profile, var_of(v, m->line_profile));
	ont_state_set(&a->service_profile, var_of(v, m->service_profile));
	ont_state_set(&a->name, var_of(v, one[0]));
	ont_state_set(&a->description, var_of(v, one[1]));
	ont_state_add_flow(a, var_long(v, m->flow_index, ONT_FLOW_ANY),
	    var_long(v, "vlan", 0), var_long(v, "user_vlan", 0), var_long(v, "gemport", 1),
	    m->flow_up != NULL ? tpl_get(v, m->flow_up) : NULL,
	    m->flow_down != NULL ? tpl_get(v, m->flow_down) : NULL);
}

/* The state ONT o was found in: o->state, or (not read) what its
   reference says (registered, with its serial). */
static void
found(const struct ont_ref *o, struct ont_state *b)
{
	char sn12[13];

	if (o->state != NULL) {
		ont_state_copy(b, o->state);
		return;
	}
	ont_state_init(b, o->port, o->ont_id);
	b->present = true;
	if (o->sn != NULL && validate_sn("sn", o->sn, sn12, NULL, NULL) == 0)
		strlcpy_(b->sn, sn12, sizeof b->sn);
}

/* The flow of s a change of the service port aims at: the one with the
   index the templates use, else the one on VLAN old, else the first. */
static struct ont_flow *
aimed_flow(const struct ont_state *s, const struct tpl_vars *v, long old)
{
	long index = var_long(v, "sp_index", -1);

	for (size_t i = 0; i < s->nflows; i++)
		if (index >= 0 && s->flows[i].index == index)
			return &s->flows[i];
	for (size_t i = 0; i < s->nflows; i++)
		if (s->flows[i].vlan == old)
			return &s->flows[i];
	return s->nflows > 0 ? &s->flows[0] : NULL;
}

/* Adds place o to p: found as o says, intended as after. */
static void
place(const struct olt_driver *d, struct plan *p, const char *port, int ont_id,
    const struct ont_state *before, const struct ont_state *after)
{
	char lb[48];

	driver_ont_label(d, port, ont_id, lb, sizeof lb);
	plan_place_add(p, lb, before, after);
}

/* The place of a change to ONT o: found, and intended as found with the
   change of action (its variables v) applied. */
static void
change_place(const struct olt_driver *d, struct plan *p, const struct ont_ref *o,
    const char *action, const struct tpl_vars *v)
{
	const struct plan_state_map *m = state_map(d);
	struct ont_state b, a;
	struct ont_flow *f;

	found(o, &b);
	ont_state_copy(&a, &b);
	if (strcmp(action, "enable") == 0 || strcmp(action, "disable") == 0)
		a.admin = strcmp(action, "enable") == 0 ? ADMIN_ENABLED : ADMIN_DISABLED;
	else if (strcmp(action, "desc") == 0)
		ont_state_set(&a.description, tpl_get(v, "desc"));
	else if (strcmp(action, "replace") == 0)
		strlcpy_(a.sn, tpl_get(v, "new_sn") != NULL ? tpl_get(v, "new_sn") : "",
		    sizeof a.sn);
	else if (strcmp(action, "vlan") == 0 &&
	    (f = aimed_flow(&a, v, var_long(v, "old_vlan", -1))) != NULL) {
		f->vlan = var_long(v, "vlan", f->vlan);
		f->user_vlan = var_long(v, "user_vlan", f->user_vlan);
	} else if (strcmp(action, "speed") == 0 && m->speed_is_profile) {
		if (var_of(v, m->line_profile) != NULL)
			ont_state_set(&a.line_profile, var_of(v, m->line_profile));
		if (var_of(v, m->service_profile) != NULL)
			ont_state_set(&a.service_profile, var_of(v, m->service_profile));
	} else if (strcmp(action, "speed") == 0 && (f = aimed_flow(&a, v, -1)) != NULL) {
		if (m->flow_up != NULL && tpl_get(v, m->flow_up) != NULL)
			ont_state_set(&f->up, tpl_get(v, m->flow_up));
		if (m->flow_down != NULL && tpl_get(v, m->flow_down) != NULL)
			ont_state_set(&f->down, tpl_get(v, m->flow_down));
	}
	a.lines_known = false;	/* the change may touch lines it does not model */
	place(d, p, o->port, o->ont_id, &b, &a);
	ont_state_free(&b);
	ont_state_free(&a);
}

/* The device's name of an ONT, for titles. */
static const char *
label(const struct olt_driver *d, const char *port, int ont_id, char *buf, size_t size)
{
	driver_ont_label(d, port, ont_id, buf, size);
	return buf;
}

/* The driver's word for an ONT ("ONT", "ONU"). */
static const char *
word(const struct olt_driver *d)
{
	return driver_ont_word(d);
}

/* Validates an ONT reference and sets port, fs, pon and ont_id. */
static int
ref_vars(const struct olt_driver *d, const char *port, int ont_id, struct tpl_vars *v,
    char **cause)
{
	int f, s, p;
	char buf[32];

	if (validate_port(d->limits, "port", port, &f, &s, &p, cause) < 0 ||
	    validate_ont_id(d->limits, "ont_id", ont_id, cause) < 0)
		return -1;
	tpl_set(v, "port", port);
	snprintf(buf, sizeof buf, "%d/%d", f, s);
	tpl_set(v, "fs", buf);
	tpl_seti(v, "pon", p);
	tpl_seti(v, "ont_id", ont_id);
	return 0;
}

/* Asks the driver's hook for its own variables. */
static int
hook_vars(const struct olt_driver *d, const char *action, const char *model,
    const struct provision_req *r, const struct plan_change *chg, struct tpl_vars *v,
    char **cause)
{
	if (d->plan == NULL || d->plan->vars == NULL)
		return 0;
	return d->plan->vars(d, action, model, r, chg, v, cause);
}

/* Validates the WAN and ACS fields of r and sets their variables. */
static int
wan_vars(const struct provision_req *r, struct tpl_vars *v, char **cause)
{
	const char *wan = r->wan_mode != NULL ? r->wan_mode : "none";

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
	if (r->acs_url == NULL)
		return 0;
	if (validate_url("acs_url", r->acs_url, cause) < 0 ||
	    (r->acs_user != NULL && validate_credential("acs_user", r->acs_user, cause) < 0) ||
	    (r->acs_password != NULL &&
	    validate_credential("acs_password", r->acs_password, cause) < 0))
		return -1;
	tpl_set(v, "acs_url", r->acs_url);
	tpl_set(v, "acs_user", r->acs_user);
	tpl_set(v, "acs_password", r->acs_password);
	return 0;
}

/* Validates a provisioning request and fills the template variables. */
static int
req_vars(const struct olt_driver *d, const struct provision_req *r, struct tpl_vars *v,
    char **cause)
{
	char sn12[13];

	if (ref_vars(d, r->port, r->ont_id, v, cause) < 0 ||
	    validate_sn("sn", r->sn, sn12, NULL, cause) < 0 ||
	    validate_vlan("vlan", r->vlan, cause) < 0 ||
	    (r->user_vlan != 0 && validate_vlan("user_vlan", r->user_vlan, cause) < 0) ||
	    (r->gemport != 0 && validate_gemport(d->limits, "gemport", r->gemport, cause) < 0) ||
	    (r->name != NULL && validate_name("name", r->name, cause) < 0) ||
	    (r->desc != NULL && validate_desc(d->limits, "desc", r->desc, cause) < 0))
		return -1;
	if (r->service_port < 0 || r->service_port > 65535) {
		set_cause(cause, "service_port: an index 1-65535 (0 = the OLT picks), got %d",
		    r->service_port);
		return -1;
	}
	tpl_set(v, "sn", sn12);
	tpl_set(v, "name", r->name);
	tpl_set(v, "desc", r->desc);
	tpl_seti(v, "vlan", r->vlan);
	tpl_seti(v, "user_vlan", r->user_vlan != 0 ? r->user_vlan : r->vlan);
	tpl_seti(v, "gemport", r->gemport != 0 ? r->gemport : 1);
	if (r->service_port > 0)
		tpl_seti(v, "sp_index", r->service_port);
	if (wan_vars(r, v, cause) < 0)
		return -1;
	return hook_vars(d, "provision", r->olt_model, r, NULL, v, cause);
}

/* Appends the provisioning of r to p; *intent (when not NULL) gets the
   state it creates. */
static int
provision_steps(const struct olt_driver *d, const struct provision_req *r, struct plan *p,
    struct ont_state *intent, char **cause)
{
	struct tpl_vars v = { 0 };
	int rc = -1;

	if (req_vars(d, r, &v, cause) == 0)
		rc = template_expand(d, r->olt_model, "provision", &v, p, cause);
	if (rc == 0 && intent != NULL)
		intent_new(d, &v, intent);
	tpl_vars_free(&v);
	return rc;
}

int
planner_provision(const struct olt_driver *d, const struct provision_req *r,
    struct plan **out, char **cause)
{
	char sn12[13], lb[64];
	struct ont_state a, b;
	struct plan *p;

	*out = NULL;
	if (validate_sn("sn", r->sn, sn12, NULL, cause) < 0)
		return -1;
	p = new_plan(d, r->olt, "provision", sn12, r->name, "provision %s %s on %s %s",
	    word(d), sn12, r->olt != NULL ? r->olt : "",
	    label(d, r->port, r->ont_id, lb, sizeof lb));
	if (provision_steps(d, r, p, &a, cause) < 0) {
		plan_free(p);
		return -1;
	}
	ont_state_init(&b, r->port, r->ont_id);	/* the id was free */
	place(d, p, r->port, r->ont_id, &b, &a);
	ont_state_free(&a);
	*out = p;
	return 0;
}

/* Appends prov's step s run backwards: its undo as the command, or, for a
   line with no undo (it goes away with the ONT), the driver's capture
   read whose undo re-enters it. */
static int
invert_step(const struct olt_driver *d, const struct ont_ref *o, struct plan *dst,
    const struct plan_step *s, char **cause)
{
	char *capture;
	int rc;

	if (s->undo != NULL)
		return plan_add(dst, s->undo_mode, s->undo_mode_arg, s->undo, NULL,
		    s->undo_confirm, NULL, s->command, s->mode, s->mode_arg, s->confirm,
		    cause);
	if (strcmp(s->command, s->display) != 0)
		return 0;	/* holds a secret: not restorable in clear */
	if (d->plan == NULL || d->plan->capture == NULL) {
		set_cause(cause, "the %s driver cannot read back the line \"%s\" its "
		    "removal would lose", d->name, s->command);
		return -1;
	}
	capture = d->plan->capture(o, s->mode);
	rc = plan_add(dst, CLI_MODE_PRIV, NULL, capture, NULL, false, NULL, s->command,
	    s->mode, s->mode_arg, s->confirm, cause);
	free(capture);
	return rc;
}

/* True when the device's line l is one prov creates with a step of its
   own that has an undo (the same mode, the same first three words): the
   inverted step re-creates it. */
static bool
covered(const struct plan *prov, const struct ont_line *l)
{
	for (size_t i = 0; i < prov->nsteps; i++) {
		const struct plan_step *s = &prov->steps[i];
		const char *a = s->command, *b = l->text;
		int words = 0;

		if (s->undo == NULL || s->mode != l->mode ||
		    (s->mode_arg == NULL) != (l->mode_arg == NULL) ||
		    (s->mode_arg != NULL && strcmp(s->mode_arg, l->mode_arg) != 0))
			continue;
		while (words < 3) {
			size_t na = strcspn(a, " "), nb = strcspn(b, " ");

			if (na != nb || strncmp(a, b, na) != 0)
				break;
			words++;
			a += na + strspn(a + na, " ");
			b += nb + strspn(b + nb, " ");
			if (*a == '\0' || *b == '\0')
				break;
		}
		if (words == 3 || (*a == '\0' && *b == '\0'))
			return true;
	}
	return false;
}

int
planner_invert(const struct olt_driver *d, const struct ont_ref *o, struct plan *dst,
    const struct plan *prov, char **cause)
{
	const struct ont_state *st = o->state;

	if (st == NULL || !st->lines_known || prov->nsteps == 0) {
		for (size_t i = prov->nsteps; i-- > 0;)
			if (invert_step(d, o, dst, &prov->steps[i], cause) < 0)
				return -1;
		return 0;
	}
	/* The device listed the ONT's lines: restore exactly those (the
	   template's own lines without an undo may not all be there, and the
	   device may hold lines no template wrote), after the registration
	   (the provisioning's first step) is undone last, so re-done first. */
	for (size_t i = prov->nsteps; i-- > 1;)
		if (prov->steps[i].undo != NULL &&
		    invert_step(d, o, dst, &prov->steps[i], cause) < 0)
			return -1;
	for (size_t i = st->nlines; i-- > 0;) {
		const struct ont_line *l = &st->lines[i];
		char *capture;
		int rc;

		if (covered(prov, l))
			continue;
		if (d->plan == NULL || d->plan->capture == NULL) {
			set_cause(cause, "the %s driver cannot read back the line \"%s\" its "
			    "removal would lose", d->name, l->text);
			return -1;
		}
		capture = d->plan->capture(o, l->mode);
		rc = plan_add(dst, CLI_MODE_PRIV, NULL, capture, NULL, false, NULL, l->text,
		    l->mode, l->mode_arg, false, cause);
		free(capture);
		if (rc < 0)
			return -1;
	}
	return invert_step(d, o, dst, &prov->steps[0], cause);
}

/* Appends the removal of ONT o (rebuilt by its undo from cfg when given). */
static int
deprovision_steps(const struct olt_driver *d, const struct ont_ref *o,
    const struct provision_req *cfg, struct plan *p, char **cause)
{
	struct provision_req at;
	struct tpl_vars v = { 0 };
	struct plan *prov;
	int rc = -1;

	if (cfg == NULL) {
		if (ref_vars(d, o->port, o->ont_id, &v, cause) == 0)
			rc = template_expand(d, o->olt_model, "deprovision", &v, p, cause);
		tpl_vars_free(&v);
		return rc;
	}
	at = *cfg;
	at.port = o->port;
	at.ont_id = o->ont_id;
	if (at.sn == NULL)
		at.sn = o->sn;
	prov = plan_new(NULL, NULL, NULL);
	if (provision_steps(d, &at, prov, NULL, cause) == 0)
		rc = planner_invert(d, o, p, prov, cause);
	plan_free(prov);
	return rc;
}

int
planner_deprovision(const struct olt_driver *d, const struct ont_ref *o,
    const struct provision_req *cfg, struct plan **out, char **cause)
{
	struct ont_state b, a;
	struct plan *p;
	char lb[64];

	*out = NULL;
	p = new_plan(d, o->olt, "deprovision", o->sn, cfg != NULL ? cfg->name : NULL,
	    "deprovision %s %s%s%s", o->olt != NULL ? o->olt : "",
	    label(d, o->port, o->ont_id, lb, sizeof lb), o->sn != NULL ? " " : "",
	    o->sn != NULL ? o->sn : "");
	if (deprovision_steps(d, o, cfg, p, cause) < 0) {
		plan_free(p);
		return -1;
	}
	found(o, &b);
	ont_state_init(&a, o->port, o->ont_id);
	place(d, p, o->port, o->ont_id, &b, &a);
	ont_state_free(&b);
	*out = p;
	return 0;
}

/* A plan from template tpl on ONT o with the extra variables v; its
   intent is the ONT as found with the change of action applied (a reboot
   has nothing to read back). */
static int
simple(const struct olt_driver *d, const struct ont_ref *o, const char *action,
    const char *tpl, struct tpl_vars *v, struct plan **out, char **cause)
{
	struct plan *p;
	char lb[64];

	*out = NULL;
	if (ref_vars(d, o->port, o->ont_id, v, cause) < 0)
		return -1;
	p = new_plan(d, o->olt, action, o->sn, NULL, "%s %s %s%s%s", action,
	    o->olt != NULL ? o->olt : "", label(d, o->port, o->ont_id, lb, sizeof lb),
	    o->sn != NULL ? " " : "", o->sn != NULL ? o->sn : "");
	if (template_expand(d, o->olt_model, tpl, v, p, cause) < 0) {
		plan_free(p);
		return -1;
	}
	if (strcmp(action, "reboot") != 0)
		change_place(d, p, o, action, v);
	*out = p;
	return 0;
}

int
planner_enable(const struct olt_driver *d, const struct ont_ref *o, bool enable,
    struct plan **out, char **cause)
{
	struct tpl_vars v = { 0 };
	const char *action = enable ? "enable" : "disable";
	int rc = hook_vars(d, action, o->olt_model, NULL, NULL, &v, cause);

	if (rc == 0)
		rc = simple(d, o, action, action, &v, out, cause);
	tpl_vars_free(&v);
	return rc;
}

int
planner_reboot(const struct olt_driver *d, const struct ont_ref *o, struct plan **out,
    char **cause)
{
	struct tpl_vars v = { 0 };
	int rc = hook_vars(d, "reboot", o->olt_model, NULL, NULL, &v, cause);

	if (rc == 0)
		rc = simple(d, o, "reboot", "reboot", &v, out, cause);
	tpl_vars_free(&v);
	return rc;
}

/* The OLT model of a change: the configuration's, else the reference's. */
static const char *
model_of(const struct ont_ref *o, const struct provision_req *old)
{
	return old != NULL && old->olt_model != NULL ? old->olt_model : o->olt_model;
}

int
planner_speed(const struct olt_driver *d, const struct ont_ref *o,
    const struct provision_req *old, int down_mbps, int up_mbps, struct plan **out,
    char **cause)
{
	struct plan_change chg = { .down_mbps = down_mbps, .up_mbps = up_mbps };
	struct tpl_vars v = { 0 };
	int rc = -1;

	*out = NULL;
	if (down_mbps <= 0 && up_mbps <= 0) {
		set_cause(cause, "speed: give a downstream and/or an upstream speed "
		    "(1-10000 Mbit/s)");
		return -1;
	}
	if ((down_mbps > 0 && validate_speed("downstream speed", down_mbps, cause) < 0) ||
	    (up_mbps > 0 && validate_speed("upstream speed", up_mbps, cause) < 0))
		return -1;
	tpl_seti(&v, "gemport", old != NULL && old->gemport != 0 ? old->gemport : 1);
	if (hook_vars(d, "speed", model_of(o, old), old, &chg, &v, cause) == 0)
		rc = simple(d, o, "speed", "speed", &v, out, cause);
	tpl_vars_free(&v);
	return rc;
}

int
planner_vlan(const struct olt_driver *d, const struct ont_ref *o,
    const struct provision_req *old, int vlan, struct plan **out, char **cause)
{
	struct plan_change chg = { .vlan = vlan };
	struct tpl_vars v = { 0 };
	int rc = -1, ouv;

	*out = NULL;
	if (old == NULL) {
		set_cause(cause, "vlan: the %s's current configuration is needed for the undo",
		    word(d));
		return -1;
	}
	if (validate_vlan("vlan", vlan, cause) < 0 ||
	    validate_vlan("old vlan", old->vlan, cause) < 0)
		return -1;
	ouv = old->user_vlan != 0 ? old->user_vlan : old->vlan;
	tpl_seti(&v, "vlan", vlan);
	tpl_seti(&v, "old_vlan", old->vlan);
	tpl_seti(&v, "old_user_vlan", ouv);
	/* A C-VLAN that followed the S-VLAN follows it again. */
	tpl_seti(&v, "user_vlan", ouv == old->vlan ? vlan : ouv);
	tpl_seti(&v, "gemport", old->gemport != 0 ? old->gemport : 1);
	if (hook_vars(d, "vlan", model_of(o, old), old, &chg, &v, cause) == 0)
		rc = simple(d, o, "vlan", "vlan", &v, out, cause);
	tpl_vars_free(&v);
	return rc;
}

int
planner_desc(const struct olt_driver *d, const struct ont_ref *o, const char *old_desc,
    const char *desc, struct plan **out, char **cause)
{
	struct plan_change chg = { .desc = desc };
	struct tpl_vars v = { 0 };
	int rc = -1;

	*out = NULL;
	if (validate_desc(d->limits, "desc", desc, cause) < 0)
		return -1;
	tpl_set(&v, "desc", desc);
	if (old_desc != NULL && *old_desc != '\0')
		tpl_set(&v, "old_desc", old_desc);
	if (hook_vars(d, "desc", o->olt_model, NULL, &chg, &v, cause) == 0)
		rc = simple(d, o, "desc", "desc", &v, out, cause);
	tpl_vars_free(&v);
	return rc;
}

int
planner_replace(const struct olt_driver *d, const struct ont_ref *o,
    const struct provision_req *cfg, const char *new_sn, struct plan **out,
    char **cause)
{
	struct plan_change chg = { .new_sn = new_sn };
	struct provision_req old, neu;
	struct ont_state before, after;
	struct tpl_vars v = { 0 };
	struct plan *p;
	char a[13], b[13], lb[64];
	int rc;

	*out = NULL;
	if (validate_sn("sn (the old serial)", o->sn != NULL ? o->sn : cfg != NULL ?
	    cfg->sn : NULL, a, NULL, cause) < 0 ||
	    validate_sn("new_sn", new_sn, b, NULL, cause) < 0)
		return -1;
	if (template_exists(d, o->olt_model, "replace")) {
		/* The device swaps the serial in place. */
		tpl_set(&v, "sn", a);
		tpl_set(&v, "new_sn", b);
		rc = hook_vars(d, "replace", o->olt_model, cfg, &chg, &v, cause);
		if (rc == 0)
			rc = simple(d, o, "replace", "replace", &v, out, cause);
		tpl_vars_free(&v);
		if (rc == 0) {
			free((*out)->ont_sn);
			(*out)->ont_sn = xstrdup(b);
		}
		return rc;
	}
	/* Otherwise: remove, and register again with the new serial. */
	if (cfg == NULL) {
		set_cause(cause, "replace: the %s's configuration is needed to register it "
		    "again", word(d));
		return -1;
	}
	old = *cfg;
	old.port = o->port;
	old.ont_id = o->ont_id;
	old.sn = a;
	neu = old;
	neu.sn = b;
	p = new_plan(d, o->olt, "replace", b, cfg->name, "replace %s %s by %s on %s %s",
	    word(d), a, b, o->olt != NULL ? o->olt : "",
	    label(d, o->port, o->ont_id, lb, sizeof lb));
	if (deprovision_steps(d, o, &old, p, cause) < 0 ||
	    provision_steps(d, &neu, p, &after, cause) < 0) {
		plan_free(p);
		return -1;
	}
	found(o, &before);
	place(d, p, o->port, o->ont_id, &before, &after);
	ont_state_free(&before);
	ont_state_free(&after);
	*out = p;
	return 0;
}

int
planner_move(const struct olt_driver *d, const struct ont_ref *o,
    const struct provision_req *cfg, const char *new_port, int new_ont_id,
    struct plan **out, char **cause)
{
	struct provision_req to;
	struct ont_state a, b, b2, gone;
	struct plan *p;
	char sn12[13], from[64], dest[64];

	*out = NULL;
	if (cfg == NULL) {
		set_cause(cause, "move: the %s's configuration is needed to re-create it",
		    word(d));
		return -1;
	}
	to = *cfg;
	to.port = new_port;
	to.ont_id = new_ont_id;
	if (to.sn == NULL)
		to.sn = o->sn;
	if (validate_sn("sn", to.sn, sn12, NULL, cause) < 0)
		return -1;
	if (new_port == NULL || validate_port(d->limits, "new_port", new_port, NULL, NULL,
	    NULL, cause) < 0 || validate_ont_id(d->limits, "new_ont_id", new_ont_id, cause) < 0) {
		if (new_port == NULL)
			set_cause(cause, "new_port: where to move the %s is missing", word(d));
		return -1;
	}
	p = new_plan(d, o->olt, "move", sn12, cfg->name, "move %s %s on %s from %s to %s",
	    word(d), sn12, o->olt != NULL ? o->olt : "",
	    label(d, o->port, o->ont_id, from, sizeof from),
	    label(d, new_port, new_ont_id, dest, sizeof dest));
	if (deprovision_steps(d, o, cfg, p, cause) < 0 ||
	    provision_steps(d, &to, p, &a, cause) < 0) {
		plan_free(p);
		return -1;
	}
	found(o, &b);
	ont_state_init(&gone, o->port, o->ont_id);
	place(d, p, o->port, o->ont_id, &b, &gone);
	ont_state_init(&b2, new_port, new_ont_id);	/* the id was free */
	place(d, p, new_port, new_ont_id, &b2, &a);
	ont_state_free(&b);
	ont_state_free(&a);
	*out = p;
	return 0;
}

int
planner_speed_value(const struct olt_driver *d, const char *olt_model, const char *dir,
    int mbps, char **out, char **cause)
{
	char key[32];

	if (validate_speed(strcmp(dir, "up") == 0 ? "upstream speed" : "downstream speed",
	    mbps, cause) < 0)
		return -1;
	snprintf(key, sizeof key, "%s %d", dir, mbps);
	return template_map(d->name, olt_model, "speeds.map", key, out, cause);
}

bool
planner_numeric(const char *s)
{
	if (s == NULL || *s == '\0')
		return false;
	for (; *s != '\0'; s++)
		if (!isdigit((unsigned char)*s))
			return false;
	return true;
}
