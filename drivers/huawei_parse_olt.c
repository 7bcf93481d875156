/*
 * huawei_parse_olt.c — Huawei SmartAX OLT-level command output into parse.h
 * structs: service ports (table and running-config lines), boards,
 * version, and the port a captured command was run for.
 *
 * Same rules as huawei_parse.c: labels and header words, not columns; data
 * wins over error lines; a clear message when nothing can be read.
 * Pure; no global state; any thread.
 */
#include "drivers/huawei.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "drivers/parse_util.h"
#include "lib/util.h"

/* ---- service-ports -------------------------------------------------- */

enum { SP_INDEX, SP_VLAN, SP_ATTR, SP_PTYPE, SP_FSP, SP_VPI, SP_VCI,
    SP_FTYPE, SP_FPARA, SP_RX, SP_TX, SP_STATE, SP_NCOLS };
static const char *const sp_labels[SP_NCOLS] = {
	"INDEX", "VLAN", "VLAN", "PORT", "F/ S/ P", "VPI", "VCI", "FLOW",
	"FLOW", "RX", "TX", "STATE",
};

static struct pr_service_port *
sp_new(struct pr_service_port_list *out, size_t *cap)
{
	struct pr_service_port *s;

	if (out->n == *cap) {
		*cap = *cap ? *cap * 2 : 16;
		out->v = xreallocarray(out->v, *cap, sizeof *out->v);
	}
	s = &out->v[out->n++];
	memset(s, 0, sizeof *s);
	s->index = s->vlan = s->ont_id = s->gem = s->user_vlan = PR_NONE;
	s->rx_table = s->tx_table = PR_NONE;
	return s;
}

/* Reads a running-config line "service-port 1916 vlan 31 gpon 0/1/1 ont 42
   gemport 31 multi-service user-vlan 31 ..." */
static void
sp_config_line(const char *s, struct pr_service_port_list *out, size_t *cap)
{
	char **t;
	size_t nt = pu_tokens(s, &t, NULL, 0);
	struct pr_service_port *sp;
	size_t k = 1;

	if (nt < 4) {
		strv_free(t, nt);
		return;
	}
	sp = sp_new(out, cap);
	if (pu_long(t[1]) != PR_NONE)
		sp->index = pu_long(t[1]), k = 2;
	for (; k + 1 < nt; k++) {
		char fsp[32];

		if (strcmp(t[k], "vlan") == 0 && sp->vlan == PR_NONE)
			sp->vlan = pu_long(t[k + 1]);
		else if ((strcmp(t[k], "gpon") == 0 || strcmp(t[k], "epon") == 0) &&
		    pu_fsp(t[k + 1], fsp, sizeof fsp)) {
			free(sp->port_type);
			sp->port_type = xstrdup(t[k]);
			free(sp->port);
			sp->port = xstrdup(fsp);
		} else if (strcmp(t[k], "ont") == 0)
			sp->ont_id = pu_long(t[k + 1]);
		else if (strcmp(t[k], "gemport") == 0)
			sp->gem = pu_long(t[k + 1]);
		else if (strcmp(t[k], "user-vlan") == 0)
			sp->user_vlan = pu_long(t[k + 1]);
		else if (strcmp(t[k], "inbound") == 0 && k + 3 < nt &&
		    strcmp(t[k + 2], "index") == 0)
			sp->rx_table = pu_long(t[k + 3]);
		else if (strcmp(t[k], "outbound") == 0 && k + 3 < nt &&
		    strcmp(t[k + 2], "index") == 0)
			sp->tx_table = pu_long(t[k + 3]);
	}
	strv_free(t, nt);
}

/* Parses `display service-port port F/S/P` / `all` tables, and
   service-port lines of a running configuration. */
int
huawei_parse_service_ports(const char *text, struct pr_service_port_list *out,
    char **cause)
{
	struct pu_lines l;
	struct pu_cols cols = { 0 };
	size_t cap = 0;
	bool header = false;

	memset(out, 0, sizeof *out);
	pu_lines_split(text, &l);
	for (size_t i = 0; i < l.n; i++) {
		char *line = l.v[i];
		const char *s = line + pu_indent(line);
		char *f[SP_NCOLS];
		struct pr_service_port *sp;

		if (strstr(s, "INDEX") && strstr(s, "VLAN") && strstr(s, "STATE")) {
			header = pu_header(line, sp_labels, SP_NCOLS, &cols) >= 4;
			continue;
		}
		if (str_startswith(s, "service-port ") &&
		    isdigit((unsigned char)s[13])) {
			sp_config_line(s, out, &cap);
			continue;
		}
		if (!header || !isdigit((unsigned char)*s))
			continue;
		pu_fix_fsp(line);
		pu_row(line, &cols, SP_NCOLS, f);
		if (pu_long(f[SP_INDEX]) != PR_NONE && f[SP_FSP] != NULL) {
			char fsp[32];

			sp = sp_new(out, &cap);
			sp->index = pu_long(f[SP_INDEX]);
			sp->vlan = pu_long(f[SP_VLAN]);
			sp->vlan_attr = pu_dup(f[SP_ATTR]);
			sp->port_type = pu_dup(f[SP_PTYPE]);
			sp->port = pu_fsp(f[SP_FSP], fsp, sizeof fsp) ?
			    xstrdup(fsp) : NULL;
			sp->ont_id = pu_long(f[SP_VPI]);
			sp->gem = pu_long(f[SP_VCI]);
			sp->flow_type = pu_dup(f[SP_FTYPE]);
			sp->flow_para = pu_dup(f[SP_FPARA]);
			/* A "vlan" flow's parameter is the user VLAN. */
			if (sp->flow_type != NULL && strcmp(sp->flow_type, "vlan") == 0)
				sp->user_vlan = pu_long(sp->flow_para);
			sp->rx_table = pu_long(f[SP_RX]);
			sp->tx_table = pu_long(f[SP_TX]);
			sp->state = pu_dup(f[SP_STATE]);
		}
		pu_fields_free(f, SP_NCOLS);
	}
	if (out->n > 0 || (header && !pu_hw_has_error(&l))) {
		pu_lines_free(&l);
		return 0;
	}
	pu_hw_fail(&l, cause, "no service-port table header (INDEX VLAN ... STATE) "
	    "found in the output");
	pu_lines_free(&l);
	return -1;
}

/* ---- boards --------------------------------------------------------- */

enum { BD_SLOT, BD_NAME, BD_STATUS, BD_SUB0, BD_SUB1, BD_ONLINE, BD_NCOLS };
static const char *const board_labels[BD_NCOLS] = {
	"SlotID", "BoardName", "Status", "SubType0", "SubType1", "Online/Offline",
};

/* Parses `display board F`. */
int
huawei_parse_boards(const char *text, struct pr_board_list *out, char **cause)
{
	struct pu_lines l;
	struct pu_cols cols = { 0 };
	size_t cap = 0;
	bool header = false;

	memset(out, 0, sizeof *out);
	pu_lines_split(text, &l);
	for (size_t i = 0; i < l.n; i++) {
		const char *s = l.v[i] + pu_indent(l.v[i]);
		char *f[BD_NCOLS];
		long slot;

		if (str_startswith(s, "SlotID") && strstr(s, "BoardName")) {
			header = pu_header(l.v[i], board_labels, BD_NCOLS, &cols) >= 2;
			continue;
		}
		if (!header || !isdigit((unsigned char)*s))
			continue;
		pu_row(l.v[i], &cols, BD_NCOLS, f);
		slot = pu_long(f[BD_SLOT]);
		if (slot != PR_NONE) {
			struct pr_board *b;

			if (out->n == cap) {
				cap = cap ? cap * 2 : 16;
				out->v = xreallocarray(out->v, cap, sizeof *out->v);
			}
			b = &out->v[out->n++];
			memset(b, 0, sizeof *b);
			b->rack = b->shelf = b->ports = PR_NONE;
			b->slot = slot;
			b->name = pu_dup(f[BD_NAME]);
			b->status = pu_dup(f[BD_STATUS]);
			if (f[BD_SUB0] != NULL && f[BD_SUB1] != NULL)
				b->subtype = xasprintf("%s/%s", f[BD_SUB0], f[BD_SUB1]);
			else
				b->subtype = pu_dup(f[BD_SUB0] ? f[BD_SUB0] : f[BD_SUB1]);
			b->online = pu_dup(f[BD_ONLINE]);
		}
		pu_fields_free(f, BD_NCOLS);
	}
	if (out->n > 0) {
		pu_lines_free(&l);
		return 0;
	}
	pu_hw_fail(&l, cause, "no board table header (SlotID  BoardName  Status ...) "
	    "found in the output");
	pu_lines_free(&l);
	return -1;
}

/* ---- version -------------------------------------------------------- */

/* Parses `display version` (and `display sysuptime` lines). */
int
huawei_parse_version(const char *text, struct pr_version *v, char **cause)
{
	struct pu_lines l;
	char key[64];
	const char *val;

	pr_version_init(v);
	pu_lines_split(text, &l);
	for (size_t i = 0; i < l.n; i++) {
		const char *s = l.v[i] + pu_indent(l.v[i]);

		if (str_startswith(s, "Uptime is ")) {
			if (v->uptime_s == PR_NONE)
				v->uptime_s = pu_duration(s + 10);
			continue;
		}
		if (!pu_kv(l.v[i], key, sizeof key, &val, NULL))
			continue;
		if (pu_key_is(key, "VERSION"))
			pu_set_once(&v->version, val);
		else if (pu_key_is(key, "PATCH"))
			pu_set_once(&v->patch, val);
		else if (pu_key_is(key, "PRODUCT"))
			pu_set_once(&v->product, val);
		else if (pu_key_is(key, "System up time") && v->uptime_s == PR_NONE)
			v->uptime_s = pu_duration(val);
	}
	if (v->version != NULL || v->product != NULL) {
		pu_lines_free(&l);
		return 0;
	}
	pr_version_free(v);
	pu_hw_fail(&l, cause, "no VERSION / PRODUCT lines found in the output");
	pu_lines_free(&l);
	return -1;
}

/* ---- command echo --------------------------------------------------- */

/* Finds the port a captured optical-info/ont-info command was run for:
   inside `interface gpon F/S` the first number is the port; in global mode
   the command carries "F/S/P" or "F S P". */
char *
huawei_echo_port(const char *raw)
{
	static const char *const cmds[] = {
		"display ont optical-info ", "display ont info ",
	};
	struct pu_lines l;
	char *found = NULL;

	pu_lines_split(raw, &l);
	for (size_t i = 0; i < l.n; i++) {
		const char *line = l.v[i], *c = NULL, *ifc, *p = NULL;
		char out[48], chk[48], **t;
		size_t nt;

		for (size_t k = 0; k < nitems(cmds) && c == NULL; k++)
			if ((c = strstr(line, cmds[k])) != NULL)
				p = c + strlen(cmds[k]);
		if (c == NULL || p == NULL)
			continue;
		nt = pu_tokens(p, &t, NULL, 0);
		out[0] = '\0';
		if (nt >= 1 && pu_fsp(t[0], chk, sizeof chk)) {
			strlcpy_(out, chk, sizeof out);
		} else if ((ifc = strstr(line, "config-if-gpon-")) != NULL &&
		    ifc < c && nt >= 1 && pu_long(t[0]) != PR_NONE) {
			long f, sl;

			ifc += strlen("config-if-gpon-");
			f = pu_long(ifc);
			ifc = strchr(ifc, '/');
			sl = ifc != NULL ? pu_long(ifc + 1) : PR_NONE;
			if (f != PR_NONE && sl != PR_NONE)
				snprintf(out, sizeof out, "%ld/%ld/%ld", f, sl,
				    pu_long(t[0]));
		} else if (nt >= 3 && pu_long(t[0]) != PR_NONE &&
		    pu_long(t[1]) != PR_NONE && pu_long(t[2]) != PR_NONE) {
			snprintf(out, sizeof out, "%ld/%ld/%ld", pu_long(t[0]),
			    pu_long(t[1]), pu_long(t[2]));
		}
		strv_free(t, nt);
		if (out[0] != '\0' && pu_fsp(out, chk, sizeof chk)) {
			free(found);
			found = xstrdup(chk);
		}
	}
	pu_lines_free(&l);
	return found;
}
