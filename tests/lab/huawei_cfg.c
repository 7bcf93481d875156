/*
 * huawei_cfg.c — the Huawei persona's configuration commands: ont add /
 * delete / reset / activate / deactivate / modify and the ONT service lines
 * (ipconfig, wan-config, internet-config, tr069-server-config, port
 * native-vlan) inside `interface gpon F/S`; service-port and undo
 * service-port in `(config)#`.  Traffic tables, save and the running
 * configuration are in huawei_runcfg.c.
 *
 * Strings follow /work/shared/reference/huawei-cli.md sections 3, 4.6-4.9
 * and 4.14; what the captures do not show is marked RECONSTRUCTED.  Every
 * write honours olt->fault.busy.  The persona owns the GEM ports each line
 * profile declares (the fleet models ids and names only).
 */
#include "tests/lab/huawei_priv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* GEM ports per line profile (the fleet gives ids and names only).  The
   fleet's LINE_PROFILE_31 maps gem 31 to VLAN 31 as the MA5800 capture of
   4.13 does; others declare gems 1 and 2; unknown ids declare gem 1. */
static const struct {
	uint16_t	 profile;
	uint16_t	 gems[4];
	int		 n;
} line_gems[] = {
	{ 31, { 31 }, 1 },
	{ 10, { 1, 2 }, 2 },
	{ 20, { 1, 2 }, 2 },
};
static const uint16_t default_gems[] = { 1 };

int
hw_profile_gems(int line_profile, const uint16_t **gems)
{
	for (size_t i = 0; i < nitems(line_gems); i++) {
		if (line_gems[i].profile == line_profile) {
			*gems = line_gems[i].gems;
			return line_gems[i].n;
		}
	}
	*gems = default_gems;
	return 1;
}

/* Rebuilds tokens from..n-1 as the device would print them back; the
   value after `password` is hidden as the device shows a cipher. */
static void
join_tokens(const struct hw_cmd *c, int from, struct buf *b)
{
	for (int i = from; i < c->n; i++) {
		bool secret = i > 0 && hw_kw(c, i - 1, "password");

		if (b->len > 0)
			buf_addc(b, ' ');
		if (secret)
			buf_adds(b, "\"******\"");
		else if (c->t[i].quoted)
			buf_addf(b, "\"%s\"", c->t[i].s);
		else
			buf_adds(b, c->t[i].s);
	}
}

/* Parses "P O" at token i inside the interface: the port must exist on
   the board and the ONT id be in range.  Lock NOT held. */
static bool
port_ont(struct hw_cmd *c, int i, int *port, int *ont)
{
	struct cli_session *s = c->s;
	long p, o;
	bool ok;

	if (!hw_num(c, i, 0, 63, &p) || !hw_num(c, i + 1, 0, SIM_MAX_ONTS - 1, &o))
		return false;
	olt_lock(s->olt);
	ok = olt_pon(s->olt, s->if_frame, s->if_slot, (int)p) != NULL;
	olt_unlock(s->olt);
	if (!ok) {
		hw_param(c, i);
		return false;
	}
	*port = (int)p;
	*ont = (int)o;
	return true;
}

/* ont add P [O] sn-auth SN omci <profiles> [desc D] (4.6). */
static void
ont_add(struct hw_cmd *c)
{
	struct cli_session *s = c->s;
	struct sim_olt *olt = s->olt;
	long port, id = -1, lp = -1, sp = -1;
	const char *lpname = NULL, *spname = NULL, *desc = NULL;
	char sn[13];
	int i = 3;

	if (!hw_num(c, 2, 0, 63, &port))
		return;
	if (i < c->n && !hw_kw(c, i, "sn-auth")) {
		if (!hw_num(c, i, 0, SIM_MAX_ONTS - 1, &id))
			return;
		i++;
	}
	if (i >= c->n) {
		hw_incomplete(c);
		return;
	}
	if (!hw_kw(c, i, "sn-auth")) {
		hw_unknown(c, i);
		return;
	}
	if (++i >= c->n) {
		hw_incomplete(c);
		return;
	}
	if (sim_sn_parse(c->t[i].s, sn) < 0) {
		hw_param(c, i);
		return;
	}
	if (++i >= c->n) {
		hw_incomplete(c);
		return;
	}
	if (!hw_kw(c, i, "omci")) {
		hw_unknown(c, i);
		return;
	}
	i++;
	if (hw_kw(c, i, "ont-lineprofile-id")) {
		if (!hw_num(c, i + 1, 0, 65535, &lp))
			return;
		if (!hw_kw(c, i + 2, "ont-srvprofile-id")) {
			if (i + 2 >= c->n)
				hw_incomplete(c);
			else
				hw_unknown(c, i + 2);
			return;
		}
		if (!hw_num(c, i + 3, 0, 65535, &sp))
			return;
		i += 4;
	} else if (hw_kw(c, i, "ont-lineprofile-name")) {
		if (i + 3 >= c->n) {
			hw_incomplete(c);
			return;
		}
		lpname = c->t[i + 1].s;
		if (!hw_kw(c, i + 2, "ont-srvprofile-name")) {
			hw_unknown(c, i + 2);
			return;
		}
		spname = c->t[i + 3].s;
		i += 4;
	} else {
		if (i >= c->n)
			hw_incomplete(c);
		else
			hw_unknown(c, i);
		return;
	}
	if (i < c->n && hw_kw(c, i, "desc")) {
		if (i + 1 >= c->n) {
			hw_incomplete(c);
			return;
		}
		desc = c->t[i + 1].s;
		if (strlen(desc) > 64) {
			hw_param(c, i + 1);
			return;
		}
		i += 2;
	}
	if (i < c->n) {
		hw_unknown(c, i);
		return;
	}
	olt_lock(olt);
	struct sim_pon *pon = olt_pon(olt, s->if_frame, s->if_slot, (int)port);
	olt_unlock(olt);
	if (pon == NULL) {
		hw_param(c, 2);
		return;
	}
	/* VERBATIM brace (2.2, MA5683T) when desc was given; without desc
	   the desc keyword would be offered too (RECONSTRUCTED). */
	if (hw_smart(c, desc != NULL ? "  { <cr>|ont-type<K> }:" :
	    "  { <cr>|desc<K>|ont-type<K> }:"))
		return;
	olt_lock(olt);
	if (hw_busy(c))
		goto out;
	if (olt_find_sn(olt, sn, NULL) != NULL) {
		buf_adds(c->o, "  Failure: SN already exists\n");
		goto out;
	}
	const struct sim_profile *plp = olt_profile(olt, SIM_PROF_LINE, (int)lp, lpname);
	const struct sim_profile *psp = olt_profile(olt, SIM_PROF_SRV, (int)sp, spname);
	if (plp == NULL) {
		buf_adds(c->o, "  Failure: The ont-lineprofile does not exist\n");
		goto out;
	}
	if (psp == NULL) {
		/* RECONSTRUCTED, by analogy with the line profile message. */
		buf_adds(c->o, "  Failure: The ont-srvprofile does not exist\n");
		goto out;
	}
	if (id >= 0 && pon_ont(pon, (int)id) != NULL) {
		/* RECONSTRUCTED wording. */
		buf_adds(c->o, "  Failure: The ONT ID has already existed\n");
		goto out;
	}
	struct sim_ont *o = pon_add_ont(olt, pon, (int)id, sn);
	if (o == NULL) {
		/* RECONSTRUCTED wording: the port has 128 ONTs. */
		buf_adds(c->o, "  Failure: The number of ONTs on the port reaches the upper limit\n");
		goto out;
	}
	o->line_profile = plp->id;
	o->srv_profile = psp->id;
	free(o->desc);
	o->desc = desc != NULL ? xstrdup(desc) : NULL;
	olt->dirty = true;
	buf_adds(c->o, "  Number of ONTs that can be added: 1, success: 1\n");
	buf_addf(c->o, "  PortID :%ld, ONTID :%u\n", port, o->id);
out:
	olt_unlock(olt);
}

/* ont delete P O | P all (4.8). */
static void
ont_delete(struct hw_cmd *c)
{
	struct cli_session *s = c->s;
	struct sim_olt *olt = s->olt;
	int port, id, n = 0;
	long p;

	if (hw_kw(c, 3, "all")) {
		/* RECONSTRUCTED bulk form: deletes the ONTs without service
		   ports. */
		if (!hw_num(c, 2, 0, 63, &p))
			return;
		if (c->n > 4) {
			hw_unknown(c, 4);
			return;
		}
		olt_lock(olt);
		struct sim_pon *pon = olt_pon(olt, s->if_frame, s->if_slot, (int)p);
		if (pon == NULL) {
			olt_unlock(olt);
			hw_param(c, 2);
			return;
		}
		if (!hw_busy(c)) {
			int pi = olt_pon_index(olt, pon), ok = 0;
			for (int k = 0; k < SIM_MAX_ONTS; k++) {
				if (pon->onts[k] == NULL)
					continue;
				n++;
				if (olt_count_sps(olt, pi, k) == 0 && pon_del_ont(olt, pon, k) == 0)
					ok++;
			}
			buf_addf(c->o, "  Number of ONTs that can be deleted: %d, success: %d\n", n, ok);
		}
		olt_unlock(olt);
		return;
	}
	if (!port_ont(c, 2, &port, &id))
		return;
	if (c->n > 4) {
		hw_unknown(c, 4);
		return;
	}
	olt_lock(olt);
	struct sim_pon *pon = olt_pon(olt, s->if_frame, s->if_slot, port);
	if (hw_busy(c))
		;
	else if (pon_ont(pon, id) == NULL)
		buf_adds(c->o, "  Failure: The ONT does not exist\n");
	else if (olt_count_sps(olt, olt_pon_index(olt, pon), id) > 0)
		buf_adds(c->o, "  Failure: This configured object has some service virtual\n  ports\n");
	else {
		pon_del_ont(olt, pon, id);
		buf_adds(c->o, "  Number of ONTs that can be deleted: 1, success: 1\n");
	}
	olt_unlock(olt);
}

/* ont reset / activate / deactivate P O (4.9). */
static void
ont_state(struct hw_cmd *c, const char *what)
{
	struct cli_session *s = c->s;
	struct sim_olt *olt = s->olt;
	struct sim_pon *pon;
	struct sim_ont *o;
	int port, id;
	bool reset = strcmp(what, "reset") == 0;

	if (!port_ont(c, 2, &port, &id))
		return;
	if (c->n > 4) {
		hw_unknown(c, 4);
		return;
	}
	olt_lock(olt);
	pon = olt_pon(olt, s->if_frame, s->if_slot, port);
	o = pon_ont(pon, id);
	olt_unlock(olt);
	if (o == NULL) {
		buf_adds(c->o, "  Failure: The ONT does not exist\n");
		return;
	}
	if (reset && hw_confirm(c, "  Are you sure to reset the ONT(s)? (y/n)[n]:"))
		return;
	olt_lock(olt);
	o = pon_ont(pon, id);	/* it may have gone while we asked */
	if (hw_busy(c))
		;
	else if (o == NULL)
		buf_adds(c->o, "  Failure: The ONT does not exist\n");
	else if (reset) {
		if (o->state != SIM_ONLINE)
			buf_adds(c->o, "  Failure: The ONT is not online\n");
		else {
			ont_set_state(olt, pon, o, SIM_OFFLINE, SIM_CAUSE_RESET);
			hw_note_reset(s, olt_pon_index(olt, pon), id);
		}
	} else if (strcmp(what, "deactivate") == 0) {
		o->admin = 0;
		if (o->state == SIM_ONLINE)
			ont_set_state(olt, pon, o, SIM_OFFLINE, SIM_CAUSE_DEACTIVATED);
		olt->dirty = true;
	} else {
		o->admin = 1;
		/* Back up when it was only down because it was deactivated. */
		if (o->state == SIM_OFFLINE && o->down_cause == SIM_CAUSE_DEACTIVATED &&
		    !pon->cut)
			ont_set_state(olt, pon, o, SIM_ONLINE, SIM_CAUSE_NONE);
		olt->dirty = true;
	}
	olt_unlock(olt);
}

/* ont modify P O desc "X" | ont modify P O sn "16HEX" (the serial swap is
   RECONSTRUCTED: the form oltui's templates use to replace an ONT keeping
   its configuration; a serial in use elsewhere fails as `ont add` does). */
static void
ont_modify(struct hw_cmd *c)
{
	struct cli_session *s = c->s;
	struct sim_olt *olt = s->olt;
	struct sim_ont *o;
	char sn[13];
	bool is_sn;
	int port, id;

	if (!port_ont(c, 2, &port, &id))
		return;
	is_sn = hw_kw(c, 4, "sn");
	if (!hw_kw(c, 4, "desc") && !is_sn) {
		if (c->n <= 4)
			hw_incomplete(c);
		else
			hw_unknown(c, 4);
		return;
	}
	if (c->n < 6) {
		hw_incomplete(c);
		return;
	}
	if ((!is_sn && strlen(c->t[5].s) > 64) || (is_sn && sim_sn_parse(c->t[5].s, sn) != 0)) {
		hw_param(c, 5);
		return;
	}
	if (c->n > 6) {
		hw_unknown(c, 6);
		return;
	}
	olt_lock(olt);
	o = pon_ont(olt_pon(olt, s->if_frame, s->if_slot, port), id);
	if (hw_busy(c))
		;
	else if (o == NULL)
		buf_adds(c->o, "  Failure: The ONT does not exist\n");
	else if (is_sn) {
		struct sim_ont *other = olt_find_sn(olt, sn, NULL);
		if (other != NULL && other != o)
			buf_adds(c->o, "  Failure: SN already exists\n");
		else {
			struct sim_pon *pon = olt_pon(olt, s->if_frame, s->if_slot, port);
			struct sim_autofind *a = olt_find_autofind(olt, sn, NULL);
			bool plugged = a != NULL;

			/* The old ONT is unplugged; the new one registers if it
			   is plugged in (waiting in autofind). */
			if (plugged) {
				int i = (int)(a - pon->autofind);
				if (i >= 0 && i < pon->nautofind) {
					memmove(&pon->autofind[i], &pon->autofind[i + 1],
					    (size_t)(pon->nautofind - i - 1) * sizeof *pon->autofind);
					pon->nautofind--;
				}
			}
			strlcpy_(o->sn, sn, sizeof o->sn);
			if (plugged && o->admin && !pon->cut)
				ont_set_state(olt, pon, o, SIM_ONLINE, SIM_CAUSE_NONE);
			else if (!plugged && o->state == SIM_ONLINE)
				ont_set_state(olt, pon, o, SIM_OFFLINE, SIM_CAUSE_NONE);
			olt->dirty = true;
		}
	} else {
		free(o->desc);
		o->desc = xstrdup(c->t[5].s);
		olt->dirty = true;
	}
	olt_unlock(olt);
}

/* ont ipconfig / wan-config / internet-config / tr069-server-config /
   port native-vlan P O ...: stored as a configuration line of the ONT and
   printed back by display current-configuration (4.14 syntax,
   RECONSTRUCTED: the device answers nothing on success). */
static void
ont_service_line(struct hw_cmd *c, int at)
{
	struct cli_session *s = c->s;
	struct sim_olt *olt = s->olt;
	struct sim_ont *o;
	struct buf line = { 0 };
	int port, id;

	if (!port_ont(c, at, &port, &id))
		return;
	if (c->n <= at + 2) {
		hw_incomplete(c);
		return;
	}
	if (at == 3 && !hw_kw(c, c->n - 2, "priority") &&
	    hw_smart(c, "{ <cr>|priority<K> }:"))
		return;
	olt_lock(olt);
	o = pon_ont(olt_pon(olt, s->if_frame, s->if_slot, port), id);
	if (hw_busy(c))
		;
	else if (o == NULL)
		buf_adds(c->o, "  Failure: The ONT does not exist\n");
	else {
		join_tokens(c, 0, &line);
		ont_add_cfg(o, 0, line.data);
		olt->dirty = true;
	}
	olt_unlock(olt);
	buf_free(&line);
}

void
hw_ont(struct hw_cmd *c)
{
	if (c->n < 2) {
		hw_incomplete(c);
		return;
	}
	if (hw_kw(c, 1, "add"))
		ont_add(c);
	else if (hw_kw(c, 1, "delete"))
		ont_delete(c);
	else if (hw_kw(c, 1, "reset"))
		ont_state(c, "reset");
	else if (hw_kw(c, 1, "activate"))
		ont_state(c, "activate");
	else if (hw_kw(c, 1, "deactivate"))
		ont_state(c, "deactivate");
	else if (hw_kw(c, 1, "modify"))
		ont_modify(c);
	else if (hw_kw(c, 1, "ipconfig") || hw_kw(c, 1, "wan-config") ||
	    hw_kw(c, 1, "internet-config") || hw_kw(c, 1, "tr069-server-config"))
		ont_service_line(c, 2);
	else if (hw_kw(c, 1, "port")) {
		if (!hw_kw(c, 2, "native-vlan")) {
			if (c->n < 3)
				hw_incomplete(c);
			else
				hw_unknown(c, 2);
			return;
		}
		ont_service_line(c, 3);
	} else
		hw_unknown(c, 1);
}

/* Reads "vlan V gpon F/S/P ont O gemport G" at token i. */
static bool
sp_target(struct hw_cmd *c, int i, long *vlan, int *pi, long *ont, long *gem)
{
	struct sim_olt *olt = c->s->olt;
	int f, sl, p;
	struct sim_pon *pon;

	if (!hw_kw(c, i, "vlan")) {
		if (i >= c->n)
			hw_incomplete(c);
		else
			hw_unknown(c, i);
		return false;
	}
	if (!hw_num(c, i + 1, 1, 4094, vlan))
		return false;
	if (!hw_kw(c, i + 2, "gpon")) {
		if (i + 2 >= c->n)
			hw_incomplete(c);
		else
			hw_unknown(c, i + 2);
		return false;
	}
	if (!hw_fsp(c, i + 3, &f, &sl, &p))
		return false;
	olt_lock(olt);
	pon = olt_pon(olt, f, sl, p);
	*pi = pon != NULL ? olt_pon_index(olt, pon) : -1;
	olt_unlock(olt);
	if (pon == NULL) {
		hw_param(c, i + 3);
		return false;
	}
	if (!hw_kw(c, i + 4, "ont")) {
		if (i + 4 >= c->n)
			hw_incomplete(c);
		else
			hw_unknown(c, i + 4);
		return false;
	}
	if (!hw_num(c, i + 5, 0, SIM_MAX_ONTS - 1, ont))
		return false;
	if (!hw_kw(c, i + 6, "gemport")) {
		if (i + 6 >= c->n)
			hw_incomplete(c);
		else
			hw_unknown(c, i + 6);
		return false;
	}
	return hw_num(c, i + 7, 0, 4095, gem);
}

/* undo service-port vlan V gpon F/S/P ont O gemport G (4.7 dialogue). */
static void
sp_undo_multi(struct hw_cmd *c)
{
	struct sim_olt *olt = c->s->olt;
	long vlan, ont, gem;
	int pi, n = 0, done = 0;
	uint32_t idx[256];

	if (!sp_target(c, 2, &vlan, &pi, &ont, &gem))
		return;
	if (c->n > 10) {
		hw_unknown(c, 10);
		return;
	}
	if (hw_confirm(c, "  Warning: The operation will delete multiple or all service ports "
	    "and cause interruptions of many user services.\n"
	    "  It will take several minutes, and console may timeout,\n"
	    "  please use command idle-timeout to set time limit\n"
	    "  Are you sure to release service virtual port(s)? (y/n)[n]:"))
		return;
	olt_lock(olt);
	if (hw_busy(c)) {
		olt_unlock(olt);
		return;
	}
	for (int i = 0; i < olt->nsps && n < (int)nitems(idx); i++) {
		const struct sim_service_port *sp = &olt->sps[i];
		if (sp->vlan == vlan && sp->pon == pi && sp->ont_id == ont && sp->gem == gem)
			idx[n++] = sp->index;
	}
	for (int i = 0; i < n; i++)
		done += olt_del_sp(olt, idx[i]) == 0;
	olt_unlock(olt);
	buf_addf(c->o, "  The number of total service virtual port in this\n"
	    "  operation:%8d\n  Deleting start...\n\n  Deleting end:\n"
	    "  The number of total service virtual port which need be\n"
	    "  deleted:%4d\n  The number of total service virtual port which have been\n"
	    "  deleted: %d\n", n, n, done);
}

/* service-port INDEX inbound traffic-table index I outbound traffic-table
   index J: changes the tables of an existing service port (syntax from a
   real command log, huawei-cli.md 4.7; silent on success like the add). */
static void
sp_modify(struct hw_cmd *c, long index)
{
	struct sim_olt *olt = c->s->olt;
	long in, outt;

	if (!hw_kw(c, 3, "traffic-table") || !hw_kw(c, 4, "index")) {
		if (c->n <= 4)
			hw_incomplete(c);
		else
			hw_unknown(c, hw_kw(c, 3, "traffic-table") ? 4 : 3);
		return;
	}
	if (!hw_num(c, 5, 0, 65535, &in))
		return;
	if (!hw_kw(c, 6, "outbound") || !hw_kw(c, 7, "traffic-table") || !hw_kw(c, 8, "index")) {
		if (c->n <= 8)
			hw_incomplete(c);
		else
			hw_unknown(c, !hw_kw(c, 6, "outbound") ? 6 : !hw_kw(c, 7, "traffic-table") ? 7 : 8);
		return;
	}
	if (!hw_num(c, 9, 0, 65535, &outt))
		return;
	if (c->n > 10) {
		hw_unknown(c, 10);
		return;
	}
	olt_lock(olt);
	if (hw_busy(c))
		goto out;
	if (olt_profile(olt, SIM_PROF_TRAFFIC, (int)in, NULL) == NULL ||
	    olt_profile(olt, SIM_PROF_TRAFFIC, (int)outt, NULL) == NULL) {
		buf_adds(c->o, "  Failure: The traffic table does not exist\n");
		goto out;
	}
	for (int k = 0; k < olt->nsps; k++) {
		if (olt->sps[k].index == index) {
			olt->sps[k].rx_table = (int16_t)in;
			olt->sps[k].tx_table = (int16_t)outt;
			olt->dirty = true;
			goto out;
		}
	}
	/* RECONSTRUCTED wording, as for undo service-port. */
	buf_adds(c->o, "  Failure: The service virtual port does not exist\n");
out:
	olt_unlock(olt);
}

void
hw_service_port(struct hw_cmd *c, bool undo)
{
	struct sim_olt *olt = c->s->olt;
	struct sim_service_port sp = { 0 };
	long index = 0, vlan, ont, gem, uv, in = -1, outt = -1;
	int pi, i;

	if (undo) {
		if (hw_kw(c, 2, "vlan")) {
			sp_undo_multi(c);
			return;
		}
		if (!hw_num(c, 2, 0, 65535, &index))
			return;
		if (c->n > 3) {
			hw_unknown(c, 3);
			return;
		}
		olt_lock(olt);
		if (!hw_busy(c) && olt_del_sp(olt, (uint32_t)index) < 0)
			/* RECONSTRUCTED wording. */
			buf_adds(c->o, "  Failure: The service virtual port does not exist\n");
		olt_unlock(olt);
		return;
	}
	i = 1;
	if (i < c->n && !hw_kw(c, i, "vlan")) {
		if (!hw_num(c, i, 1, 65535, &index))
			return;
		i++;
		if (hw_kw(c, i, "inbound")) {
			sp_modify(c, index);
			return;
		}
	}
	if (!sp_target(c, i, &vlan, &pi, &ont, &gem))
		return;
	i += 8;
	if (!hw_kw(c, i, "multi-service")) {
		if (i >= c->n)
			hw_incomplete(c);
		else
			hw_unknown(c, i);
		return;
	}
	if (!hw_kw(c, i + 1, "user-vlan")) {
		if (i + 1 >= c->n)
			hw_incomplete(c);
		else
			hw_unknown(c, i + 1);
		return;
	}
	if (!hw_num(c, i + 2, 1, 4094, &uv))
		return;
	i += 3;
	if (!hw_kw(c, i, "tag-transform") || !hw_kw(c, i + 1, "translate")) {
		if (i + 1 >= c->n)
			hw_incomplete(c);
		else
			hw_unknown(c, hw_kw(c, i, "tag-transform") ? i + 1 : i);
		return;
	}
	i += 2;
	if (i < c->n && hw_kw(c, i, "inbound")) {
		if (!hw_kw(c, i + 1, "traffic-table") || !hw_kw(c, i + 2, "index")) {
			hw_unknown(c, hw_kw(c, i + 1, "traffic-table") ? i + 2 : i + 1);
			return;
		}
		if (!hw_num(c, i + 3, 0, 65535, &in))
			return;
		if (!hw_kw(c, i + 4, "outbound") || !hw_kw(c, i + 5, "traffic-table") ||
		    !hw_kw(c, i + 6, "index")) {
			if (i + 4 >= c->n)
				hw_incomplete(c);
			else
				hw_unknown(c, i + 4);
			return;
		}
		if (!hw_num(c, i + 7, 0, 65535, &outt))
			return;
		i += 8;
	} else if (i < c->n && hw_kw(c, i, "rx-cttr")) {
		if (!hw_num(c, i + 1, 0, 65535, &in))
			return;
		if (!hw_kw(c, i + 2, "tx-cttr")) {
			hw_unknown(c, i + 2);
			return;
		}
		if (!hw_num(c, i + 3, 0, 65535, &outt))
			return;
		i += 4;
	}
	if (i < c->n) {
		hw_unknown(c, i);
		return;
	}
	/* VERBATIM brace after `tag-transform translate`; with the traffic
	   tables given no further question is asked (RECONSTRUCTED). */
	if (in < 0 && hw_smart(c, "{ <cr>|bundle<K>|inbound<K>|rx-cttr<K> }:"))
		return;
	olt_lock(olt);
	if (hw_busy(c))
		goto out;
	struct sim_pon *pon = &olt->pons[pi];
	struct sim_ont *o = pon_ont(pon, (int)ont);
	if (o == NULL) {
		buf_adds(c->o, "  Failure: The ONT does not exist\n");
		goto out;
	}
	const uint16_t *gems;
	int ng = hw_profile_gems(o->line_profile, &gems), k;
	for (k = 0; k < ng && gems[k] != gem; k++)
		;
	if (k == ng) {
		buf_adds(c->o, "  Failure: The GEM port does not exist\n");
		goto out;
	}
	if ((in >= 0 && olt_profile(olt, SIM_PROF_TRAFFIC, (int)in, NULL) == NULL) ||
	    (outt >= 0 && olt_profile(olt, SIM_PROF_TRAFFIC, (int)outt, NULL) == NULL)) {
		buf_adds(c->o, "  Failure: The traffic table does not exist\n");
		goto out;
	}
	sp.index = (uint32_t)index;
	sp.vlan = (uint16_t)vlan;
	sp.user_vlan = (uint16_t)uv;
	sp.pon = (uint16_t)pi;
	sp.ont_id = (uint16_t)ont;
	sp.gem = (uint16_t)gem;
	sp.rx_table = (int16_t)in;
	sp.tx_table = (int16_t)outt;
	if (olt_add_sp(olt, &sp) == NULL)
		/* RECONSTRUCTED wording. */
		buf_adds(c->o, "  Failure: The service virtual port has existed already\n");
out:
	olt_unlock(olt);
}
