/*
 * huawei_runcfg.c — the Huawei persona's configuration as a whole: traffic
 * tables (`traffic table ip ...`, `display traffic table ip from-index N`),
 * `save`, and `display current-configuration` generated from the fleet
 * state in the layout of the MA5800 capture (huawei-cli.md 4.13).
 *
 * The fleet models a traffic table as a profile (id + name); the CIR/PIR
 * typed over the CLI are kept here, per OLT, under their own mutex (taken
 * inside olt->lock, never the other way round).  Called from huawei.c's
 * dispatcher on the session's thread.
 */
#include "tests/lab/huawei_priv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* CIR/PIR of traffic tables created over the CLI, per OLT. */
static pthread_mutex_t tt_lock = PTHREAD_MUTEX_INITIALIZER;
static struct hw_tt {
	const struct sim_olt *olt;
	int	 index;
	long	 cir, pir;
	int	 priority;
} tts[256];
static int ntts;

/* Returns the CIR and PIR (kbit/s) of a traffic table: what was typed, or
   for the fleet's tables the rate in the name ("100M" = 102400). */
static void
tt_rates(const struct sim_olt *olt, const struct sim_profile *p, long *cir, long *pir,
    int *prio)
{
	long m = strtol(p->name, NULL, 10);

	*cir = *pir = m > 0 ? m * 1024 : 1024;
	*prio = 0;
	pthread_mutex_lock(&tt_lock);
	for (int i = 0; i < ntts; i++) {
		if (tts[i].olt == olt && tts[i].index == p->id) {
			*cir = tts[i].cir;
			*pir = tts[i].pir;
			*prio = tts[i].priority;
		}
	}
	pthread_mutex_unlock(&tt_lock);
}

/* Appends a profile to the OLT (same allocation scheme as fleet.c). */
static void
add_profile(struct sim_olt *olt, int kind, int id, const char *name)
{
	struct sim_profile *p;

	olt->profiles = xreallocarray(olt->profiles, (size_t)olt->nprofiles + 1,
	    sizeof *olt->profiles);
	p = &olt->profiles[olt->nprofiles++];
	memset(p, 0, sizeof *p);
	p->id = (uint16_t)id;
	p->kind = (uint8_t)kind;
	strlcpy_(p->name, name, sizeof p->name);
}


void
hw_traffic_table(struct hw_cmd *c)
{
	struct sim_olt *olt = c->s->olt;
	long index = -1, cir = -1, pir = -1, prio = 0, v;
	const char *name = NULL;
	int i = 3;

	if (!hw_kw(c, 1, "table") || !hw_kw(c, 2, "ip")) {
		if (c->n < 3)
			hw_incomplete(c);
		else
			hw_unknown(c, hw_kw(c, 1, "table") ? 2 : 1);
		return;
	}
	while (i < c->n) {
		long *dst = NULL, lo = 0, hi = 1000000000;

		if (hw_kw(c, i, "index"))
			dst = &index, hi = 65535;
		else if (hw_kw(c, i, "cir"))
			dst = &cir, lo = 64, hi = 10240000;
		else if (hw_kw(c, i, "pir"))
			dst = &pir, lo = 64, hi = 10240000;
		else if (hw_kw(c, i, "cbs") || hw_kw(c, i, "pbs"))
			dst = &v;
		else if (hw_kw(c, i, "priority"))
			dst = &prio, hi = 7;
		if (dst != NULL) {
			if (!hw_num(c, i + 1, lo, hi, dst))
				return;
		} else if (hw_kw(c, i, "name") || hw_kw(c, i, "priority-policy") ||
		    hw_kw(c, i, "color-mode")) {
			if (i + 1 >= c->n) {
				hw_incomplete(c);
				return;
			}
			if (hw_kw(c, i, "name")) {
				name = c->t[i + 1].s;
				if (strlen(name) > 31) {
					hw_param(c, i + 1);
					return;
				}
			}
		} else {
			hw_unknown(c, i);
			return;
		}
		i += 2;
	}
	if (index < 0 || cir < 0) {
		hw_incomplete(c);
		return;
	}
	if (pir < 0)
		pir = cir;
	olt_lock(olt);
	if (hw_busy(c))
		;
	else if (olt_profile(olt, SIM_PROF_TRAFFIC, (int)index, NULL) != NULL)
		buf_adds(c->o, "  Failure: The traffic table exists already\n");
	else {
		char def[32];

		snprintf(def, sizeof def, "ip-traffic-table_%ld", index);
		add_profile(olt, SIM_PROF_TRAFFIC, (int)index, name != NULL ? name : def);
		olt->dirty = true;
		pthread_mutex_lock(&tt_lock);
		if (ntts < (int)nitems(tts)) {
			tts[ntts].olt = olt;
			tts[ntts].index = (int)index;
			tts[ntts].cir = cir;
			tts[ntts].pir = pir;
			tts[ntts].priority = (int)prio;
			ntts++;
		}
		pthread_mutex_unlock(&tt_lock);
		/* RECONSTRUCTED: the success line of MA5600-family builds. */
		buf_adds(c->o, "  Create traffic descriptor record successfully\n");
	}
	olt_unlock(olt);
}

/* display traffic table ip from-index N (RECONSTRUCTED layout: not in
   the captures). */
void
hw_show_traffic(struct hw_cmd *c)
{
	struct sim_olt *olt = c->s->olt;
	long from;
	int n = 0;
	const char *sep = "  ------------------------------------------------------------------------------\n";

	if (!hw_kw(c, 2, "table") || !hw_kw(c, 3, "ip") || !hw_kw(c, 4, "from-index")) {
		if (c->n < 5)
			hw_incomplete(c);
		else
			hw_unknown(c, !hw_kw(c, 2, "table") ? 2 : !hw_kw(c, 3, "ip") ? 3 : 4);
		return;
	}
	if (!hw_num(c, 5, 0, 65535, &from))
		return;
	if (c->n > 6) {
		hw_unknown(c, 6);
		return;
	}
	buf_adds(c->o, sep);
	buf_adds(c->o, "  TID  CIR        CBS        PIR        PBS        Pri  Copy-policy  Pri-Policy\n");
	buf_adds(c->o, "       (kbps)     (bytes)    (kbps)     (bytes)\n");
	buf_adds(c->o, sep);
	olt_lock(olt);
	for (int id = (int)from; id <= 65535; id++) {
		const struct sim_profile *p = olt_profile(olt, SIM_PROF_TRAFFIC, id, NULL);
		long cir, pir;
		int prio;

		if (p == NULL)
			continue;
		tt_rates(olt, p, &cir, &pir, &prio);
		buf_addf(c->o, "  %-5d%-11ld%-11ld%-11ld%-11ld%-5d%-13s%s\n", id, cir,
		    2000 + 32 * cir, pir, 2000 + 32 * pir, prio, "-", "local-setting");
		n++;
	}
	olt_unlock(olt);
	buf_adds(c->o, sep);
	buf_addf(c->o, "  Total Num : %d\n", n);
}

void
hw_save(struct hw_cmd *c)
{
	struct sim_olt *olt = c->s->olt;

	if (c->n > 1 && !hw_kw(c, 1, "configuration") && !hw_kw(c, 1, "data")) {
		hw_unknown(c, 1);
		return;
	}
	if (c->n > 2) {
		hw_unknown(c, 2);
		return;
	}
	/* Brace from the NOC profile's pattern table (tool data). */
	if (c->n == 1 && hw_smart(c, "{ <cr>|configuration<K>|data<K> }:"))
		return;
	olt_lock(olt);
	if (!hw_busy(c)) {
		olt->dirty = false;
		buf_adds(c->o, "  It will take several minutes to save configuration file, please wait...\n");
		/* RECONSTRUCTED: the completion line; the lab saves at once. */
		buf_adds(c->o, "  Configuration file had been saved successfully\n");
	}
	olt_unlock(olt);
}

/* Which part of the configuration to print (NULL = all of it). */
struct cfg_filter {
	int	 pon;	/* index into olt->pons */
	int	 ont;
};

/* [global-config]: sysname, traffic tables, DBA and ONT profiles. */
static void
cfg_global(struct hw_cmd *c, struct sim_olt *olt)
{
	buf_adds(c->o, "[global-config]\n  <global-config>\n");
	buf_addf(c->o, " sysname %s\n", olt->sysname);
	buf_adds(c->o, " xpon ont optical-ddm quick-query disable\n");
	for (int i = 0; i < olt->nprofiles; i++) {
		const struct sim_profile *p = &olt->profiles[i];
		long cir, pir;
		int prio;

		if (p->kind != SIM_PROF_TRAFFIC)
			continue;
		tt_rates(olt, p, &cir, &pir, &prio);
		buf_addf(c->o, " traffic table ip index %u name \"%s\" cir %ld cbs %ld pir %ld "
		    "pbs %ld color-mode color-blind priority %d priority-policy local-setting\n",
		    p->id, p->name, cir, 2000 + 32 * cir, pir, 2000 + 32 * pir, prio);
	}
	buf_adds(c->o, " dba-profile add profile-id 30 profile-name \"dba-profile_30\" type4 max 1024000\n");
	for (int i = 0; i < olt->nprofiles; i++) {
		const struct sim_profile *p = &olt->profiles[i];

		if (p->kind != SIM_PROF_SRV)
			continue;
		buf_addf(c->o, " ont-srvprofile gpon profile-id %u profile-name \"%s\"\n", p->id, p->name);
		buf_adds(c->o, p->id == 1 ? "  ont-port pots 1 eth 2\n" : "  ont-port eth 1\n");
		buf_adds(c->o, "  commit\n");
	}
	for (int i = 0; i < olt->nprofiles; i++) {
		const struct sim_profile *p = &olt->profiles[i];
		const uint16_t *gems;
		int ng;

		if (p->kind != SIM_PROF_LINE)
			continue;
		ng = hw_profile_gems(p->id, &gems);
		buf_addf(c->o, " ont-lineprofile gpon profile-id %u profile-name \"%s\"\n", p->id, p->name);
		buf_adds(c->o, "  omcc encrypt on\n  tcont 1 dba-profile-id 30\n");
		for (int g = 0; g < ng; g++)
			buf_addf(c->o, "  gem add %u eth tcont 1 encrypt on\n", gems[g]);
		for (int g = 0; g < ng; g++)
			buf_addf(c->o, "  gem mapping %u 0 vlan %u\n", gems[g], gems[g]);
		buf_adds(c->o, "  commit\n  quit\n");
	}
	buf_adds(c->o, "#\n");
}

/* [gpon]: per board, the ONTs and their configuration lines. */
static void
cfg_gpon(struct hw_cmd *c, struct sim_olt *olt, const struct cfg_filter *f)
{
	buf_adds(c->o, "[gpon]\n");
	for (int i = 0; i < olt->npons; i++) {
		const struct sim_pon *pon = &olt->pons[i];
		bool first, last;

		if (f != NULL && i != f->pon)
			continue;
		first = f != NULL || i == 0 || olt->pons[i - 1].slot != pon->slot ||
		    olt->pons[i - 1].frame != pon->frame;
		last = f != NULL || i == olt->npons - 1 || olt->pons[i + 1].slot != pon->slot ||
		    olt->pons[i + 1].frame != pon->frame;

		if (first) {
			buf_addf(c->o, "  <gpon-%d/%d>\n interface gpon %d/%d\n", pon->frame,
			    pon->slot, pon->frame, pon->slot);
			for (int k = i; f == NULL && k < olt->npons &&
			    olt->pons[k].slot == pon->slot; k++)
				buf_addf(c->o, " port %d ont-auto-find enable\n", olt->pons[k].port);
		}
		for (int id = 0; id < SIM_MAX_ONTS; id++) {
			const struct sim_ont *o = pon->onts[id];
			char hex[17];

			if (o == NULL || (f != NULL && id != f->ont))
				continue;
			sim_sn_hex(o->sn, hex);
			buf_addf(c->o, " ont add %d %d sn-auth \"%s\" omci ont-lineprofile-id %u "
			    "ont-srvprofile-id %u desc \"%s\"\n", pon->port, id, hex,
			    o->line_profile, o->srv_profile,
			    o->desc != NULL ? o->desc : "ONT_NO_DESCRIPTION");
			if (!o->admin)
				buf_addf(c->o, " ont deactivate %d %d\n", pon->port, id);
		}
		for (int id = 0; id < SIM_MAX_ONTS; id++) {
			const struct sim_ont *o = pon->onts[id];

			if (o == NULL || (f != NULL && id != f->ont))
				continue;
			for (const struct sim_cfgline *l = o->cfg; l != NULL; l = l->next)
				buf_addf(c->o, " %s\n", l->text);
		}
		if (last)
			buf_adds(c->o, " quit\n#\n");
	}
}

/* [bbs-config]: the service ports. */
static void
cfg_bbs(struct hw_cmd *c, struct sim_olt *olt, const struct cfg_filter *f)
{
	buf_adds(c->o, "[bbs-config]\n  <bbs-config>\n");
	for (int i = 0; i < olt->nsps; i++) {
		const struct sim_service_port *sp = &olt->sps[i];
		const struct sim_pon *pon;

		if (sp->pon >= olt->npons || (f != NULL && (sp->pon != f->pon ||
		    sp->ont_id != f->ont)))
			continue;
		pon = &olt->pons[sp->pon];
		buf_addf(c->o, " service-port %u vlan %u gpon %d/%d/%d ont %u gemport %u "
		    "multi-service user-vlan %u tag-transform translate", sp->index, sp->vlan,
		    pon->frame, pon->slot, pon->port, sp->ont_id, sp->gem, sp->user_vlan);
		if (sp->rx_table >= 0 && sp->tx_table >= 0)
			buf_addf(c->o, " inbound traffic-table index %d outbound traffic-table index %d",
			    sp->rx_table, sp->tx_table);
		buf_adds(c->o, "\n");
	}
	buf_adds(c->o, "#\n");
}

/* display current-configuration [ont F/S/P O | section NAME] (4.13 layout
   generated from state; the filtered forms are RECONSTRUCTED from the
   brace's keyword list: header, the matching sections, `return`). */
void
hw_show_config(struct hw_cmd *c)
{
	struct sim_olt *olt = c->s->olt;
	const char *active = "H901MPLA", *standby = "H901MPLA", *section = NULL;
	struct cfg_filter flt, *f = NULL;
	char ver[48];
	char *r;
	int fr, sl, p;
	long ont;

	if (c->n > 2 && hw_kw(c, 2, "ont")) {
		if (!hw_fsp(c, 3, &fr, &sl, &p) || !hw_num(c, 4, 0, SIM_MAX_ONTS - 1, &ont))
			return;
		if (c->n > 5) {
			hw_unknown(c, 5);
			return;
		}
		olt_lock(olt);
		struct sim_pon *pon = hw_pon_at(c, 3, fr, sl, p);
		if (pon != NULL) {
			flt.pon = olt_pon_index(olt, pon);
			flt.ont = (int)ont;
			f = &flt;
		}
		olt_unlock(olt);
		if (f == NULL)
			return;
	} else if (c->n > 2 && hw_kw(c, 2, "section")) {
		if (c->n < 4) {
			hw_incomplete(c);
			return;
		}
		section = c->t[3].s;
		if (strcmp(section, "global-config") != 0 && strcmp(section, "gpon") != 0 &&
		    strcmp(section, "bbs-config") != 0) {
			hw_param(c, 3);
			return;
		}
		if (c->n > 4) {
			hw_unknown(c, 4);
			return;
		}
	} else if (c->n > 2) {
		hw_unknown(c, 2);
		return;
	} else if (hw_smart(c, "{ <cr>|include-default<K>|interface<K>|ont<K>|port<K>|section<K>"
	    "|service-port<K>||<K> }:"))
		return;
	strlcpy_(ver, olt->version, sizeof ver);
	if ((r = strchr(ver + 1, 'C')) != NULL && r > ver + 6)
		*r = '\0';	/* MA5800V100R019C10 -> MA5800V100R019 */
	olt_lock(olt);
	for (int i = 0; i < olt->nboards; i++) {
		if (strcmp(olt->boards[i].status, "Active_normal") == 0)
			active = olt->boards[i].name;
		if (strcmp(olt->boards[i].status, "Standby_normal") == 0)
			standby = olt->boards[i].name;
	}
	buf_addf(c->o, "[Active: %s; Standby: %s]\n[Patch Info: SPC200]\n[%s: 5011]\n#\n",
	    active, standby, ver);
	if (f == NULL && (section == NULL || strcmp(section, "global-config") == 0))
		cfg_global(c, olt);
	if (section == NULL || strcmp(section, "gpon") == 0)
		cfg_gpon(c, olt, f);
	if (section == NULL || strcmp(section, "bbs-config") == 0)
		cfg_bbs(c, olt, f);
	olt_unlock(olt);
	buf_adds(c->o, "return\n");
}
