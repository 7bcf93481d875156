/*
 * adapter.c — picking a vendor's adapter, and the pieces both adapters
 * share (adapter_impl.h): reads that leave the session in privileged mode,
 * plan scaffolding, the inversion of a provisioning plan into its removal,
 * and the speed map.
 *
 * The inversion is what makes a removal undoable: removing an ONT is its
 * provisioning run backwards, each step's undo becoming the command and
 * its command the undo; lines that go away with the ONT (a name, a tcont,
 * a pon-onu-mng service) have no command of their own, so they become
 * configuration reads whose undo re-enters them.  Undoing the removal in
 * reverse then re-adds the ONT first and its lines after, in the order the
 * provisioning used.  Lines holding a secret are left out: previews print
 * undos in clear.
 *
 * Stateless; any thread with its own session.
 */
#include "drivers/adapter_impl.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/util.h"
#include "drivers/validate.h"

const struct adapter *
adapter_for(enum pr_vendor v)
{
	switch (v) {
	case PR_HUAWEI:
		return &adapter_huawei;
	case PR_ZTE:
		return &adapter_zte;
	}
	return NULL;
}

int
adapter_read(struct cli *c, enum cli_mode mode, const char *arg, const char *cmd,
    char **out, struct err *err)
{
	struct err e2 = { 0 };
	int rc;

	*out = NULL;
	if (mode != CLI_MODE_PRIV && cli_enter(c, mode, arg, err) != 0)
		return -1;
	if (mode == CLI_MODE_PRIV && cli_current_mode(c) != CLI_MODE_PRIV &&
	    cli_leave(c, err) != 0)
		return -1;
	rc = cli_run(c, cmd, NULL, out, err);
	if (rc != 0) {
		free(*out);
		*out = NULL;
	}
	if (cli_current_mode(c) != CLI_MODE_PRIV && !cli_broken(c) &&
	    cli_leave(c, rc == 0 ? err : &e2) != 0 && rc == 0) {
		free(*out);
		*out = NULL;
		rc = -1;
	}
	err_clear(&e2);
	return rc;
}

void
ont_config_free(struct ont_config *k)
{
	if (k == NULL)
		return;
	pr_ont_detail_free(&k->detail);
	pr_service_port_list_free(&k->sps);
	memset(k, 0, sizeof *k);
}

int
adapter_read_here(struct cli *c, unsigned modes, const char *cmd, char **out,
    struct err *err)
{
	enum cli_mode m = cli_current_mode(c);

	*out = NULL;
	if ((modes & ADAPTER_MODE(m)) == 0) {
		if ((modes & ADAPTER_MODE(CLI_MODE_CONFIG)) != 0 && (m == CLI_MODE_IF ||
		    m == CLI_MODE_ONU || m == CLI_MODE_OTHER)) {
			if (cli_enter(c, CLI_MODE_CONFIG, NULL, err) != 0)
				return -1;
		} else if (cli_leave(c, err) != 0)
			return -1;
	}
	if (cli_run(c, cmd, NULL, out, err) != 0) {
		free(*out);
		*out = NULL;
		return -1;
	}
	return 0;
}

void
adapter_parse_error(struct cli *c, const char *cmd, char *cause, struct err *err)
{
	err_clear(err);
	err->kind = ERR_FAILURE;
	err->command = xstrdup(cmd);
	err->message = xasprintf("%s: cannot read the answer to \"%s\": %s", cli_label(c),
	    cmd, cause != NULL ? cause : "unreadable output");
	free(cause);
}

struct plan *
adapter_plan(const struct vendor *v, const char *olt, const char *action, const char *sn,
    const char *contract, const char *title_fmt, ...)
{
	va_list ap;
	char *title;
	struct plan *p;

	va_start(ap, title_fmt);
	title = xvasprintf(title_fmt, ap);
	va_end(ap);
	p = plan_new(olt, action, title);
	p->vendor = v;
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

void
adapter_verify(struct plan *p, enum plan_verify_kind kind, const char *port, int ont_id,
    const char *sn, bool admin_enabled)
{
	p->verify.kind = kind;
	strlcpy_(p->verify.port, port != NULL ? port : "", sizeof p->verify.port);
	p->verify.ont_id = ont_id;
	strlcpy_(p->verify.sn, sn != NULL ? sn : "", sizeof p->verify.sn);
	p->verify.admin_enabled = admin_enabled;
}

int
adapter_invert(struct plan *dst, const struct plan *prov, const char *capture_if,
    const char *capture_onu, char **cause)
{
	for (size_t i = prov->nsteps; i-- > 0;) {
		const struct plan_step *s = &prov->steps[i];
		int rc;

		if (s->undo != NULL)
			rc = plan_add(dst, s->undo_mode, s->undo_mode_arg, s->undo, NULL,
			    s->undo_confirm, NULL, s->command, s->mode, s->mode_arg,
			    s->confirm, cause);
		else if (strcmp(s->command, s->display) != 0)
			continue;	/* holds a secret: not restorable in clear */
		else
			rc = plan_add(dst, CLI_MODE_PRIV, NULL,
			    s->mode == CLI_MODE_ONU && capture_onu != NULL ? capture_onu :
			    capture_if, NULL, false, NULL, s->command, s->mode, s->mode_arg,
			    s->confirm, cause);
		if (rc < 0)
			return -1;
	}
	return 0;
}

int
adapter_append(struct plan *dst, const struct plan *src, char **cause)
{
	for (size_t i = 0; i < src->nsteps; i++) {
		const struct plan_step *s = &src->steps[i];
		if (plan_add(dst, s->mode, s->mode_arg, s->command, s->display, s->confirm,
		    s->expect, s->undo, s->undo_mode, s->undo_mode_arg, s->undo_confirm,
		    cause) < 0)
			return -1;
	}
	return 0;
}

int
adapter_speed(enum pr_vendor vd, const char *olt_model, const char *dir, int mbps,
    char **out, char **cause)
{
	char key[32];

	if (validate_speed(strcmp(dir, "up") == 0 ? "upstream speed" : "downstream speed",
	    mbps, cause) < 0)
		return -1;
	snprintf(key, sizeof key, "%s %d", dir, mbps);
	return template_map(pr_vendor_name(vd), olt_model, "speeds.map", key, out, cause);
}

bool
adapter_numeric(const char *s)
{
	if (s == NULL || *s == '\0')
		return false;
	for (; *s != '\0'; s++)
		if (!isdigit((unsigned char)*s))
			return false;
	return true;
}
