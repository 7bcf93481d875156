/*
 * huawei_show.c — the Huawei persona's `display ...` commands.
 *
 * Every layout follows /work/shared/reference/huawei-cli.md section 4: the
 * separators, labels and column offsets are those of the captures; values
 * come from the fleet state read under olt->lock.  Where a layout is not in
 * the captures the code says RECONSTRUCTED.  Called from huawei.c's
 * dispatcher with a parsed command (struct hw_cmd); writes "\n"-ended lines
 * into c->o.
 */
#include "tests/lab/huawei_priv.h"

#include <stdio.h>
#include <stdlib.h>
#include <stdarg.h>
#include <string.h>

#define SEP77 "  -----------------------------------------------------------------------------\n"
#define SEP78 "  ------------------------------------------------------------------------------\n"
#define SEP76 "   ----------------------------------------------------------------------------\n"
#define SEP73 "  -------------------------------------------------------------------------\n"
#define SEP50 "  --------------------------------------------------\n"

static const char *const down_causes[] = {
	[SIM_CAUSE_NONE] = "-",
	[SIM_CAUSE_LOS] = "LOSi/LOBi",
	[SIM_CAUSE_DYING_GASP] = "dying-gasp",
	/* The summary prints it cut to 25: "ONT is reset by ONT comma". */
	[SIM_CAUSE_RESET] = "ONT is reset by ONT command",
	/* RECONSTRUCTED: no capture of a deactivated ONT's cause. */
	[SIM_CAUSE_DEACTIVATED] = "ONT is deactivated",
};

/* Writes "485754436B886FA5 (HWTC-6B886FA5)". */
static void
sn_long(const char *sn, char out[40])
{
	char hex[17];

	sim_sn_hex(sn, hex);
	snprintf(out, 40, "%s (%.4s-%s)", hex, sn, sn + 4);
}

/* A small stable hash of a serial, for values the fleet does not keep
   (MAC, equipment serial, ONT temperature ...). */
static uint32_t
sn_hash(const char *sn)
{
	uint32_t h = 2166136261u;

	for (; *sn; sn++)
		h = (h ^ (unsigned char)*sn) * 16777619u;
	return h;
}

static const char *
run_state(const struct sim_ont *o)
{
	return o->state == SIM_ONLINE ? "online" : "offline";
}

static const char *
config_state(const struct sim_ont *o)
{
	if (o->state != SIM_ONLINE)
		return "initial";
	return o->config_ok ? "normal" : "failing";
}

static const char *
match_state(const struct sim_ont *o)
{
	if (o->state != SIM_ONLINE)
		return "initial";
	return o->config_ok ? "match" : "mismatch";
}

static const char *
desc_of(const struct sim_ont *o)
{
	return o->desc != NULL ? o->desc : "ONT_NO_DESCRIPTION";
}

/* Splits a description into the device's 32-column lines: break at the
   last blank that fits, else cut at 32 (huawei-cli.md 4.3 MA5683T capture).
   Returns the number of lines; each line is at most 32 chars. */
static int
desc_wrap(const char *d, char lines[3][33])
{
	int n = 0;

	while (*d != '\0' && n < 3) {
		size_t len = strlen(d), take = len;

		if (len > 32) {
			take = 32;
			for (size_t i = 32; i > 0; i--) {
				if (d[i] == ' ') {
					take = i;
					break;
				}
			}
		}
		memcpy(lines[n], d, take);
		lines[n][take] = '\0';
		n++;
		d += take;
		while (*d == ' ')
			d++;
	}
	return n;
}

/* Looks a PON up, writing the parameter error at token i when absent;
   lock held. */
static struct sim_pon *
pon_at(struct hw_cmd *c, int i, int f, int sl, int p)
{
	struct sim_pon *pon = olt_pon(c->s->olt, f, sl, p);

	if (pon == NULL)
		hw_param(c, i);
	return pon;
}

/* One autofind record (huawei-cli.md 4.1). */
static void
autofind_record(struct hw_cmd *c, int num, const struct sim_pon *pon,
    const struct sim_autofind *a)
{
	const struct sim_model *m = &sim_models[a->model];
	uint32_t h = sn_hash(a->sn);
	char sn[40], t[40];

	sn_long(a->sn, sn);
	hw_time(a->found_at, true, t);
	buf_adds(c->o, SEP76);
	buf_addf(c->o, "   Number              : %d\n", num);
	buf_addf(c->o, "   F/S/P               : %d/%d/%d\n", pon->frame, pon->slot, pon->port);
	buf_addf(c->o, "   Ont SN              : %s\n", sn);
	buf_adds(c->o, "   Password            : 0x00000000000000000000\n");
	buf_adds(c->o, "   Loid                :\n");
	buf_adds(c->o, "   Checkcode           :\n");
	buf_addf(c->o, "   VendorID            : %s\n", m->vendor_id);
	buf_addf(c->o, "   Ont Version         : %s\n", m->version);
	buf_addf(c->o, "   Ont SoftwareVersion : %s\n", m->software);
	buf_addf(c->o, "   Ont EquipmentID     : %s\n", m->equipment_id);
	buf_adds(c->o, "   Ont Customized Info : COMMON\n");
	buf_addf(c->o, "   Ont MAC             : %04X-%04X-%04X\n", 0x68E2,
	    (unsigned)(h >> 16), (unsigned)(h & 0xffff));
	buf_addf(c->o, "   Ont Equipment SN    : 2150083877EGM%07u\n", (unsigned)(h % 10000000u));
	buf_addf(c->o, "   Ont autofind time   : %s\n", t);
	buf_adds(c->o, "   Multi channel       : -\n");
}

/* display ont autofind all | display ont autofind P (interface). */
static void
show_autofind(struct hw_cmd *c, int at)
{
	struct cli_session *s = c->s;
	struct sim_olt *olt = s->olt;
	int port = -1, num = 0;
	long v;

	if (at >= c->n) {
		hw_incomplete(c);
		return;
	}
	if (!hw_kw(c, at, "all")) {
		if (s->mode != HW_IF) {
			hw_unknown(c, at);
			return;
		}
		if (!hw_num(c, at, 0, 63, &v))
			return;
		port = (int)v;
	}
	if (c->n > at + 1) {
		hw_unknown(c, at + 1);
		return;
	}
	olt_lock(olt);
	if (port >= 0 && olt_pon(olt, s->if_frame, s->if_slot, port) == NULL) {
		olt_unlock(olt);
		hw_param(c, at);
		return;
	}
	olt_unlock(olt);
	if (hw_smart(c, "{ <cr>||<K> }:"))
		return;
	olt_lock(olt);
	for (int i = 0; i < olt->npons; i++) {
		const struct sim_pon *pon = &olt->pons[i];

		if (s->mode == HW_IF && (pon->frame != s->if_frame || pon->slot != s->if_slot))
			continue;
		if (port >= 0 && pon->port != port)
			continue;
		for (int a = 0; a < pon->nautofind; a++)
			autofind_record(c, ++num, pon, &pon->autofind[a]);
	}
	olt_unlock(olt);
	if (num == 0)
		buf_adds(c->o, "  Failure: The automatically found ONTs do not exist\n");
	else
		buf_adds(c->o, SEP76);
}

/* The two tables and the footer of one port (huawei-cli.md 4.2). */
static void
port_table(struct hw_cmd *c, const struct sim_pon *pon)
{
	int n = 0, up = 0;

	buf_adds(c->o, SEP77);
	buf_adds(c->o, "  F/S/P   ONT         SN         Control     Run      Config   Match    Protect\n");
	buf_adds(c->o, "          ID                     flag        state    state    state    side\n");
	buf_adds(c->o, SEP77);
	for (int id = 0; id <= SIM_MAX_ONTS; id++) {
		const struct sim_ont *o = pon->onts[id];
		char hex[17];

		if (o == NULL)
			continue;
		n++;
		up += o->state == SIM_ONLINE;
		sim_sn_hex(o->sn, hex);
		buf_addf(c->o, "  %d/%2d/%d%5d  %-16s  %-12s%-9s%-9s%-9s%-4s\n",
		    pon->frame, pon->slot, pon->port, id, hex,
		    o->admin ? "active" : "deactivated", run_state(o),
		    config_state(o), match_state(o), "no");
	}
	buf_adds(c->o, SEP77);
	buf_adds(c->o, "  F/S/P   ONT-ID   Description\n");
	buf_adds(c->o, SEP77);
	for (int id = 0; id <= SIM_MAX_ONTS; id++) {
		const struct sim_ont *o = pon->onts[id];
		char lines[3][33];
		int nl;

		if (o == NULL)
			continue;
		/* Long descriptions wrap onto continuation lines under the
		   column (RECONSTRUCTED: the 32-column rule of 4.3). */
		nl = desc_wrap(desc_of(o), lines);
		buf_addf(c->o, "  %d/%2d/%d%8d   %s\n", pon->frame, pon->slot,
		    pon->port, id, nl > 0 ? lines[0] : "");
		for (int k = 1; k < nl; k++)
			buf_addf(c->o, "%19s%s\n", "", lines[k]);
	}
	buf_adds(c->o, SEP77);
	buf_addf(c->o, "  In port %d/%2d/%d, the total of ONTs are: %d, online: %d\n",
	    pon->frame, pon->slot, pon->port, n, up);
	buf_adds(c->o, SEP77);
	buf_adds(c->o, "\n");
}

/* Writes "  Label...: value" with the detail view's 24-column labels. */
static void
kv24(struct hw_cmd *c, const char *label, const char *fmt, ...) PRINTFLIKE(3, 4);
static void
kv24(struct hw_cmd *c, const char *label, const char *fmt, ...)
{
	va_list ap;

	buf_addf(c->o, "  %-24s: ", label);
	va_start(ap, fmt);
	buf_vaddf(c->o, fmt, ap);
	va_end(ap);
	buf_adds(c->o, "\n");
}

/* Single ONT detail (huawei-cli.md 4.3).  Printed: the whole first block,
   the line profile with its T-CONT/GEM list, the service profile header
   and port counts; the per-port VLAN / multicast / alarm-policy tables of
   the capture are left out. */
static void
ont_detail(struct hw_cmd *c, const struct sim_pon *pon, const struct sim_ont *o)
{
	struct sim_olt *olt = c->s->olt;
	const struct sim_profile *lp = olt_profile(olt, SIM_PROF_LINE, o->line_profile, NULL);
	const struct sim_profile *sp = olt_profile(olt, SIM_PROF_SRV, o->srv_profile, NULL);
	const uint16_t *gems;
	int ngems = hw_profile_gems(o->line_profile, &gems);
	bool on = o->state == SIM_ONLINE;
	uint32_t h = sn_hash(o->sn);
	char sn[40], t[40], lines[3][33];
	int nl;

	sn_long(o->sn, sn);
	buf_adds(c->o, SEP77);
	kv24(c, "F/S/P", "%d/%2d/%d", pon->frame, pon->slot, pon->port);
	kv24(c, "ONT-ID", "%d", o->id);
	kv24(c, "Control flag", "%s", o->admin ? "active" : "deactivated");
	kv24(c, "Run state", "%s", run_state(o));
	kv24(c, "Config state", "%s", config_state(o));
	kv24(c, "Match state", "%s", match_state(o));
	kv24(c, "ONT LLID", "-");
	if (on)
		kv24(c, "ONT distance(m)", "%u", o->distance_m);
	else
		kv24(c, "ONT distance(m)", "-");
	kv24(c, "ONT last distance(m)", "%u", o->distance_m);
	kv24(c, "ONT RTT(TQ)", "-");
	if (on) {
		kv24(c, "Memory occupation", "%u", 30 + h % 40);
		kv24(c, "CPU occupation", "%u", 1 + (h >> 8) % 20);
		kv24(c, "Temperature", "%u", 40 + (h >> 16) % 20);
	} else {
		kv24(c, "Memory occupation", "-");
		kv24(c, "CPU occupation", "-");
		kv24(c, "Temperature", "-");
	}
	kv24(c, "Authentic type", "SN-auth");
	kv24(c, "SN", "%s", sn);
	kv24(c, "Management mode", "OMCI");
	kv24(c, "Software work mode", "normal");
	kv24(c, "Multicast mode", "IGMP-Snooping");
	nl = desc_wrap(desc_of(o), lines);
	/* Non-final description lines are padded to 32 columns. */
	for (int k = 0; k < nl; k++) {
		if (k == 0)
			buf_addf(c->o, "  %-24s: ", "Description");
		else
			buf_addf(c->o, "%28s", "");
		if (k < nl - 1)
			buf_addf(c->o, "%-32s\n", lines[k]);
		else
			buf_addf(c->o, "%s\n", lines[k]);
	}
	kv24(c, "Last down cause", "%s", o->down_cause < nitems(down_causes) ?
	    down_causes[o->down_cause] : "-");
	if (o->last_up > 0)
		hw_time(o->last_up, true, t);
	kv24(c, "Last up time", "%s", o->last_up > 0 ? t : "-");
	if (o->last_down > 0)
		hw_time(o->last_down, true, t);
	kv24(c, "Last down time", "%s", o->last_down > 0 ? t : "-");
	kv24(c, "Last dying gasp time", "%s", o->last_down > 0 &&
	    o->down_cause == SIM_CAUSE_DYING_GASP ? t : "-");
	if (on && o->last_up > 0) {
		int64_t d = now_s() - o->last_up;
		if (d < 0)
			d = 0;
		kv24(c, "ONT online duration", "%lld day(s), %lld hour(s), %lld minute(s), %lld second(s)",
		    (long long)(d / 86400), (long long)(d / 3600 % 24),
		    (long long)(d / 60 % 60), (long long)(d % 60));
	} else
		kv24(c, "ONT online duration", "-");
	kv24(c, "Type D support", "Not support");
	kv24(c, "Isolation state", "normal");
	kv24(c, "ONT NNI type", "auto");
	kv24(c, "ONT actual NNI type", "auto");
	kv24(c, "Last ONT actual NNI type", "auto");
	kv24(c, "Interoperability-mode", "unknown");
	buf_adds(c->o, "  FEC upstream state      :\n");
	kv24(c, "VS-ID", "0");
	kv24(c, "VS name", "admin-vs");
	kv24(c, "Global ONT-ID", "%d", olt_pon_index(olt, pon) * SIM_MAX_ONTS + o->id);
	kv24(c, "Fiber route", "none");
	buf_adds(c->o, SEP77);
	buf_addf(c->o, "  Line profile ID      : %u\n", o->line_profile);
	buf_addf(c->o, "  Line profile name    : %s\n", lp != NULL ? lp->name : "-");
	buf_adds(c->o, SEP77);
	buf_adds(c->o, "  FEC upstream switch :Disable\n");
	buf_adds(c->o, "  OMCC Encrypt switch :On\n");
	buf_adds(c->o, "  Qos mode            :PQ\n");
	buf_adds(c->o, "  Mapping mode        :VLAN\n");
	buf_adds(c->o, "  TR069 management    :Disable\n");
	buf_adds(c->o, SEP77);
	buf_adds(c->o, "  Notes: * indicates Discrete TCONT(TCONT Unbound)\n");
	buf_adds(c->o, SEP77);
	buf_adds(c->o, "  <T-CONT   0>          DBA Profile-ID:1\n");
	buf_adds(c->o, "  <T-CONT   1>          DBA Profile-ID:30\n");
	for (int g = 0; g < ngems; g++) {
		buf_addf(c->o, "    <Gem Index %u>\n", gems[g]);
		buf_adds(c->o, "    ------------------------------------------------------------------------\n");
		buf_adds(c->o, "    |Serv-Type:ETH |Encrypt:on  |Cascade:off |GEM-CAR:-            |\n");
		buf_adds(c->o, "    |Upstream-priority-queue:0  |Downstream-priority-queue:-       |\n");
		buf_adds(c->o, "    ------------------------------------------------------------------------\n");
		buf_adds(c->o, "     Mapping VLAN  Priority Port   Port  Bundle  Flow  Transparent\n");
		buf_adds(c->o, "     index                  type   ID    ID      CAR\n");
		buf_adds(c->o, "    ------------------------------------------------------------------------\n");
		buf_addf(c->o, "     0       %-5u -        -      -     -       -     -\n", gems[g]);
		buf_adds(c->o, "    ------------------------------------------------------------------------\n");
	}
	buf_adds(c->o, SEP77);
	buf_addf(c->o, "  Service profile ID   : %u\n", o->srv_profile);
	buf_addf(c->o, "  Service profile name : %s\n", sp != NULL ? sp->name : "-");
	buf_adds(c->o, SEP77);
	buf_adds(c->o, "  Port-type     Port-number\n");
	buf_adds(c->o, SEP77);
	buf_addf(c->o, "  POTS          %d\n", o->srv_profile == 1 ? 1 : 0);
	buf_addf(c->o, "  ETH           %d\n", o->srv_profile == 1 ? 2 : 1);
	buf_adds(c->o, "  TDM           0\n");
	buf_adds(c->o, "  MOCA          0\n");
	buf_adds(c->o, "  CATV          0\n");
	buf_adds(c->o, SEP77);
}

/* display ont info ...: port list, single ONT, by-sn, summary. */
static void
show_info(struct hw_cmd *c, int at)
{
	struct cli_session *s = c->s;
	struct sim_olt *olt = s->olt;
	struct sim_pon *pon;
	struct sim_ont *o;
	int f, sl, p, idx;
	long v;
	bool all;

	if (at >= c->n) {
		hw_incomplete(c);
		return;
	}
	if (hw_kw(c, at, "by-sn")) {
		char sn[13];

		if (at + 1 >= c->n) {
			hw_incomplete(c);
			return;
		}
		if (sim_sn_parse(c->t[at + 1].s, sn) < 0) {
			hw_param(c, at + 1);
			return;
		}
		if (c->n > at + 2) {
			hw_unknown(c, at + 2);
			return;
		}
		olt_lock(olt);
		o = olt_find_sn(olt, sn, &pon);
		if (o == NULL)
			buf_adds(c->o, "  Failure: The required ONT does not exist\n");
		else
			ont_detail(c, pon, o);
		olt_unlock(olt);
		return;
	}
	if (hw_kw(c, at, "summary")) {
		int n = 0, up = 0;

		if (!hw_fsp(c, at + 1, &f, &sl, &p))
			return;
		if (c->n > at + 2) {
			hw_unknown(c, at + 2);
			return;
		}
		olt_lock(olt);
		if ((pon = pon_at(c, at + 1, f, sl, p)) == NULL) {
			olt_unlock(olt);
			return;
		}
		for (int id = 0; id <= SIM_MAX_ONTS; id++)
			if (pon->onts[id] != NULL) {
				n++;
				up += pon->onts[id]->state == SIM_ONLINE;
			}
		/* huawei-cli.md 4.4. */
		buf_adds(c->o, "  Command is being executed. Please wait\n");
		buf_adds(c->o, SEP78);
		buf_addf(c->o, "  In port %d/%d/%d, the total of ONTs are: %d, online: %d\n",
		    f, sl, p, n, up);
		buf_adds(c->o, SEP78);
		buf_adds(c->o, "  ONT  Run     Last                Last                Last\n");
		buf_adds(c->o, "  ID   State   UpTime              DownTime            DownCause\n");
		buf_adds(c->o, SEP78);
		for (int id = 0; id <= SIM_MAX_ONTS; id++) {
			char tu[40], td[40];

			if ((o = pon->onts[id]) == NULL)
				continue;
			if (o->last_up > 0)
				hw_time(o->last_up, false, tu);
			if (o->last_down > 0)
				hw_time(o->last_down, false, td);
			buf_addf(c->o, "  %-5d%-8s%-20s%-20s%.25s\n", id, run_state(o),
			    o->last_up > 0 ? tu : "-", o->last_down > 0 ? td : "-",
			    o->down_cause < nitems(down_causes) ? down_causes[o->down_cause] : "-");
		}
		buf_adds(c->o, SEP78);
		buf_adds(c->o, "  ONT        SN        Type          Distance Rx/Tx power  Description\n");
		buf_adds(c->o, "  ID                                    (m)      (dBm)\n");
		buf_adds(c->o, SEP78);
		for (int id = 0; id <= SIM_MAX_ONTS; id++) {
			char hex[17], pw[24], dist[8];

			if ((o = pon->onts[id]) == NULL)
				continue;
			sim_sn_hex(o->sn, hex);
			if (o->state == SIM_ONLINE && o->rx != SIM_NO_LEVEL && o->tx != SIM_NO_LEVEL) {
				snprintf(pw, sizeof pw, "%.2f/%.2f", o->rx / 100.0, o->tx / 100.0);
				snprintf(dist, sizeof dist, "%u", o->distance_m);
			} else {
				strlcpy_(pw, "-/-", sizeof pw);
				strlcpy_(dist, "-", sizeof dist);
			}
			buf_addf(c->o, "  %-4d%-17s%-17.16s%-6s%-13s%s\n", id, hex,
			    sim_models[o->model].equipment_id, dist, pw, desc_of(o));
		}
		buf_adds(c->o, SEP78);
		olt_unlock(olt);
		return;
	}
	/* Inside the interface: P all | P O; elsewhere: F S P all | F S P O. */
	if (s->mode == HW_IF) {
		f = s->if_frame;
		sl = s->if_slot;
		if (!hw_num(c, at, 0, 63, &v))
			return;
		p = (int)v;
		idx = at + 1;
	} else {
		long vf, vs;
		if (!hw_num(c, at, 0, 7, &vf) || !hw_num(c, at + 1, 0, 31, &vs) ||
		    !hw_num(c, at + 2, 0, 63, &v))
			return;
		f = (int)vf;
		sl = (int)vs;
		p = (int)v;
		idx = at + 3;
	}
	if (idx >= c->n) {
		hw_incomplete(c);
		return;
	}
	all = hw_kw(c, idx, "all");
	if (!all && !hw_num(c, idx, 0, SIM_MAX_ONTS - 1, &v))
		return;
	if (c->n > idx + 1) {
		hw_unknown(c, idx + 1);
		return;
	}
	olt_lock(olt);
	if ((pon = pon_at(c, s->mode == HW_IF ? at : at + 2, f, sl, p)) == NULL) {
		olt_unlock(olt);
		return;
	}
	if (all)
		port_table(c, pon);
	else if ((o = pon_ont(pon, (int)v)) == NULL)
		buf_adds(c->o, "  Failure: The ONT does not exist\n");
	else
		ont_detail(c, pon, o);
	olt_unlock(olt);
}

/* Formats a level in hundredths of dBm, or "-". */
static void
level(int16_t v, char out[16])
{
	if (v == SIM_NO_LEVEL)
		strlcpy_(out, "-", 16);
	else
		snprintf(out, 16, "%.2f", v / 100.0);
}

/* display ont optical-info P O | P all (interface; huawei-cli.md 4.5). */
static void
show_optical(struct hw_cmd *c, int at)
{
	struct cli_session *s = c->s;
	struct sim_olt *olt = s->olt;
	struct sim_pon *pon;
	struct sim_ont *o;
	long p, id = -1;
	char rx[16], tx[16], orx[16];

	if (s->mode != HW_IF) {
		hw_unknown(c, at - 1);
		return;
	}
	if (!hw_num(c, at, 0, 63, &p))
		return;
	if (at + 1 >= c->n) {
		hw_incomplete(c);
		return;
	}
	if (!hw_kw(c, at + 1, "all") && !hw_num(c, at + 1, 0, SIM_MAX_ONTS - 1, &id))
		return;
	if (c->n > at + 2) {
		hw_unknown(c, at + 2);
		return;
	}
	olt_lock(olt);
	if ((pon = pon_at(c, at, s->if_frame, s->if_slot, (int)p)) == NULL) {
		olt_unlock(olt);
		return;
	}
	if (id < 0) {
		buf_adds(c->o, "  ----------------------------------------------------------------------------- \n");
		buf_adds(c->o, "  ONT  Rx power  Tx power  OLT Rx ONT  Temperature  Voltage  Current  Distance  \n");
		buf_adds(c->o, "  ID   (dBm)     (dBm)     power(dBm)  (C)          (V)      (mA)     (m)       \n");
		buf_adds(c->o, "  ----------------------------------------------------------------------------- \n");
		for (int i = 0; i <= SIM_MAX_ONTS; i++) {
			char temp[8], volt[8], cur[8], dist[8];
			uint32_t h;

			if ((o = pon->onts[i]) == NULL)
				continue;
			/* RECONSTRUCTED: offline ONTs are listed with "-". */
			h = sn_hash(o->sn);
			level(o->rx, rx);
			level(o->tx, tx);
			level(o->olt_rx, orx);
			if (o->state == SIM_ONLINE) {
				snprintf(temp, sizeof temp, "%u", 30 + h % 20);
				snprintf(volt, sizeof volt, "%.3f", 3.18 + (h >> 8) % 5 * 0.02);
				snprintf(cur, sizeof cur, "%u", 5 + (h >> 12) % 5);
				snprintf(dist, sizeof dist, "%u", o->distance_m);
			} else
				strlcpy_(temp, "-", 8), strlcpy_(volt, "-", 8),
				    strlcpy_(cur, "-", 8), strlcpy_(dist, "-", 8);
			buf_addf(c->o, "  %3d  %-10s%-10s%-12s%-13s%-9s%-9s%-10s\n", i, rx, tx,
			    orx, temp, volt, cur, dist);
		}
		buf_adds(c->o, SEP77);
		buf_adds(c->o, "\n");
		olt_unlock(olt);
		return;
	}
	if ((o = pon_ont(pon, (int)id)) == NULL)
		buf_adds(c->o, "  Failure: The ONT does not exist\n");
	else if (o->state != SIM_ONLINE || o->rx == SIM_NO_LEVEL)
		buf_adds(c->o, "  Failure: The ONT is not online\n");
	else {
		uint32_t h = sn_hash(o->sn);
		const struct { const char *k; char v[40]; } *r, rows[] = {
			{ "ONU NNI port ID", "0" },
			{ "Module type", "GPON" },
			{ "Module sub-type", "CLASS B+" },
			{ "Used type", "ONU" },
			{ "Encapsulation Type", "BOSA ON BOARD" },
			{ "Optical power precision(dBm)", "3.0" },
			{ "Vendor name", "HUAWEI" },
			{ "Vendor rev", "-" },
			{ "Vendor PN", "HW-BOB-0004" },
			{ "Vendor SN", "" },
			{ "Date Code", "19-05-14" },
		};
		char vsn[24];

		buf_adds(c->o, SEP77);
		for (r = rows; r < rows + nitems(rows); r++) {
			const char *v = r->v;
			if (strcmp(r->k, "Vendor SN") == 0) {
				snprintf(vsn, sizeof vsn, "1817E%07uU", (unsigned)(h % 10000000u));
				v = vsn;
			}
			buf_addf(c->o, "  %-39s: %s\n", r->k, v);
		}
		level(o->rx, rx);
		level(o->tx, tx);
		level(o->olt_rx, orx);
		buf_addf(c->o, "  %-39s: %s\n", "Rx optical power(dBm)", rx);
		buf_addf(c->o, "  %-39s: %s\n", "Rx power current warning threshold(dBm)", "[-,-]");
		buf_addf(c->o, "  %-39s: %s\n", "Rx power current alarm threshold(dBm)", "[-29.0,-8.0]");
		buf_addf(c->o, "  %-39s: %s\n", "Tx optical power(dBm)", tx);
		buf_addf(c->o, "  %-39s: %s\n", "Tx power current warning threshold(dBm)", "[-,-]");
		buf_addf(c->o, "  %-39s: %s\n", "Tx power current alarm threshold(dBm)", "[0.0,6.0]");
		buf_addf(c->o, "  %-39s: %u\n", "Laser bias current(mA)", 5 + (h >> 12) % 10);
		buf_addf(c->o, "  %-39s: %s\n", "Tx bias current warning threshold(mA)", "[-,-]");
		buf_addf(c->o, "  %-39s: %s\n", "Tx bias current alarm threshold(mA)", "[0.000,90.000]");
		buf_addf(c->o, "  %-39s: %u\n", "Temperature(C)", 30 + h % 20);
		buf_addf(c->o, "  %-39s: %s\n", "Temperature warning threshold(C)", "[-,-]");
		buf_addf(c->o, "  %-39s: %s\n", "Temperature alarm threshold(C)", "[-10,80]");
		buf_addf(c->o, "  %-39s: %.3f\n", "Voltage(V)", 3.18 + (h >> 8) % 5 * 0.02);
		buf_addf(c->o, "  %-39s: %s\n", "Supply voltage warning threshold(V)", "[-,-]");
		buf_addf(c->o, "  %-39s: %s\n", "Supply voltage alarm threshold(V)", "[3.000,3.600]");
		buf_addf(c->o, "  %-39s: %s\n", "OLT Rx ONT optical power(dBm)", orx);
		buf_addf(c->o, "  %-39s: %s\n", "CATV Rx optical power(dBm)", "-");
		buf_addf(c->o, "  %-39s: %s\n", "CATV Rx power alarm threshold(dBm)", "[-,-]");
		buf_adds(c->o, SEP77);
	}
	olt_unlock(olt);
}

/* display service-port port F/S/P [ont O] | all (huawei-cli.md 4.7). */
static void
show_service_ports(struct hw_cmd *c, int at)
{
	struct sim_olt *olt = c->s->olt;
	int f, sl, p, pi = -1, n = 0, up = 0;
	long ont = -1;
	bool all;

	if (at >= c->n) {
		hw_incomplete(c);
		return;
	}
	all = hw_kw(c, at, "all");
	if (all) {
		if (c->n > at + 1) {
			hw_unknown(c, at + 1);
			return;
		}
	} else if (hw_kw(c, at, "port")) {
		if (!hw_fsp(c, at + 1, &f, &sl, &p))
			return;
		if (c->n > at + 2) {
			if (!hw_kw(c, at + 2, "ont")) {
				hw_unknown(c, at + 2);
				return;
			}
			if (!hw_num(c, at + 3, 0, SIM_MAX_ONTS - 1, &ont))
				return;
			if (c->n > at + 4) {
				hw_unknown(c, at + 4);
				return;
			}
		}
		olt_lock(olt);
		struct sim_pon *pon = pon_at(c, at + 1, f, sl, p);
		if (pon != NULL)
			pi = olt_pon_index(olt, pon);
		olt_unlock(olt);
		if (pon == NULL)
			return;
		/* VERBATIM for the `ont` form; used for the port-only form too. */
		if (hw_smart(c, "{ <cr>|gemport<K>|sort-by<K> }:"))
			return;
	} else {
		hw_unknown(c, at);
		return;
	}
	buf_adds(c->o, all ? "Switch-Oriented Flow List\n" : "  Switch-Oriented Flow List\n");
	buf_adds(c->o, SEP77);
	buf_adds(c->o, "   INDEX VLAN VLAN     PORT F/ S/ P VPI  VCI   FLOW  FLOW       RX   TX   STATE\n");
	buf_adds(c->o, "         ID   ATTR     TYPE                    TYPE  PARA\n");
	buf_adds(c->o, SEP77);
	olt_lock(olt);
	for (int i = 0; i < olt->nsps; i++) {
		const struct sim_service_port *sp = &olt->sps[i];
		const struct sim_pon *pon;
		const struct sim_ont *o;
		char vpi[8], vci[8], rx[8], tx[8], fsp[16];
		bool isup;

		if (sp->pon >= olt->npons)
			continue;
		if (!all && (sp->pon != pi || (ont >= 0 && sp->ont_id != ont)))
			continue;
		pon = &olt->pons[sp->pon];
		o = pon_ont((struct sim_pon *)pon, sp->ont_id);
		isup = o != NULL && o->state == SIM_ONLINE;
		n++;
		up += isup;
		snprintf(vpi, sizeof vpi, "%u", sp->ont_id);
		snprintf(vci, sizeof vci, "%u", sp->gem);
		snprintf(rx, sizeof rx, sp->rx_table >= 0 ? "%d" : "-", sp->rx_table);
		snprintf(tx, sizeof tx, sp->tx_table >= 0 ? "%d" : "-", sp->tx_table);
		snprintf(fsp, sizeof fsp, "%d/%-2d/%d", pon->frame, pon->slot, pon->port);
		buf_addf(c->o, "%8u %4u common   gpon %s  %-5s%-6svlan  %-11u%-5s%-5s%s\n",
		    sp->index, sp->vlan, fsp, vpi, vci, sp->user_vlan, rx, tx,
		    isup ? "up" : "down");
	}
	olt_unlock(olt);
	buf_adds(c->o, SEP77);
	if (all) {
		buf_addf(c->o, "   Total : %d  (Up/Down :%5d/%d)\n", n, up, n - up);
		buf_adds(c->o,
		    "   Note : F--Frame, S--Slot, P--Port,\n"
		    "          VPI indicates ONT ID for PON, VCI indicates GEM index for GPON,\n"
		    "          v/e--vlan/encap, pritag--priority-tagged,\n"
		    "          ppp--pppoe, ip--ipoe, ip4--ipv4oe, ip6--ipv6oe, vxl--vxlan.\n"
		    "          When FLOW TYPE is plist, the value of FLOW PARA is a byte in\n"
		    "          hexadecimal format and indicates a priority list. Eight bits\n"
		    "          of its binary value indicate priorities 0-7 from the least\n"
		    "          significant bit to the most significant bit. Value 1 indicates\n"
		    "          that the priority is used. For example, if FLOW PARA is 0x23 and\n"
		    "          its binary format is 0010 0011, priorities 0, 1 and 5 are used\n");
	}
}

/* display board 0 (huawei-cli.md 4.10; rows without trailing blanks as
   in the MA5800-X7 capture). */
static void
show_board(struct hw_cmd *c, int at)
{
	struct sim_olt *olt = c->s->olt;
	long f;
	int maxslot = 0;

	if (!hw_num(c, at, 0, 7, &f))
		return;
	if (c->n > at + 1) {
		hw_unknown(c, at + 1);
		return;
	}
	if (f != 0) {
		hw_param(c, at);
		return;
	}
	buf_adds(c->o, SEP73);
	buf_adds(c->o, "  SlotID  BoardName  Status          SubType0 SubType1    Online/Offline\n");
	buf_adds(c->o, SEP73);
	olt_lock(olt);
	for (int i = 0; i < olt->nboards; i++)
		if (olt->boards[i].slot > maxslot)
			maxslot = olt->boards[i].slot;
	for (int slot = 0; slot <= maxslot; slot++) {
		const struct sim_board *b = NULL;

		for (int i = 0; i < olt->nboards; i++)
			if (olt->boards[i].slot == slot)
				b = &olt->boards[i];
		if (b == NULL)
			buf_addf(c->o, "  %d\n", slot);
		else
			buf_addf(c->o, "  %-8d%-11s%s\n", slot, b->name, b->status);
	}
	olt_unlock(olt);
	buf_adds(c->o, SEP73);
}

/* display version (huawei-cli.md 4.11: MA5800-X7 header, MA5608T body). */
static void
show_version(struct hw_cmd *c)
{
	struct sim_olt *olt = c->s->olt;
	int64_t d = now_s() - olt->boot_time;
	const char *v = olt->version;

	buf_addf(c->o, "\n  VERSION : %s\n  PATCH   : SPC200\n  PRODUCT : %s\n \n", v, olt->model);
	for (int k = 0; k < 2; k++) {
		buf_addf(c->o, "  %s Mainboard Running Area Information: \n", k == 0 ? "Active" : "Standby");
		buf_adds(c->o, SEP50);
		buf_adds(c->o, "  Current Program Area : Area A \n  Current Data Area : Area A\n \n");
		buf_addf(c->o, "  Program Area A Version : %s \n  Program Area B Version : %s\n \n", v, v);
		buf_addf(c->o, "  Data Area A Version : %s \n  Data Area B Version : %s \n", v, v);
		buf_adds(c->o, SEP50);
		buf_adds(c->o, " \n");
	}
	buf_addf(c->o, "  Uptime is %lld day(s), %lld hour(s), %lld minute(s), %lld second(s)\n",
	    (long long)(d / 86400), (long long)(d / 3600 % 24), (long long)(d / 60 % 60),
	    (long long)(d % 60));
}

/* display cpu F/S, display temperature 0/all, display sysuptime. */
static void
show_health(struct hw_cmd *c, int at, const char *what)
{
	struct sim_olt *olt = c->s->olt;
	int f, sl;

	if (strcmp(what, "sysuptime") == 0) {
		int64_t d = now_s() - olt->boot_time;
		if (c->n > at) {
			hw_unknown(c, at);
			return;
		}
		buf_addf(c->o, "  System up time: %lld day %lld hour %lld minute %lld second \n",
		    (long long)(d / 86400), (long long)(d / 3600 % 24),
		    (long long)(d / 60 % 60), (long long)(d % 60));
		return;
	}
	if (strcmp(what, "temperature") == 0) {
		if (at >= c->n) {
			hw_incomplete(c);
			return;
		}
		if (strcmp(c->t[at].s, "0/all") != 0) {
			hw_param(c, at);
			return;
		}
		if (c->n > at + 1) {
			hw_unknown(c, at + 1);
			return;
		}
		olt_lock(olt);
		for (int i = 0; i < olt->nboards; i++) {
			const struct sim_board *b = &olt->boards[i];
			int t = olt->temp_c + (b->gpon ? 4 : 0) + b->slot % 3;
			buf_addf(c->o, "  SlotID: %2d      BoardName: %-15sTemperature: %4dC(%4dF)\n",
			    b->slot, b->name, t, t * 9 / 5 + 32);
		}
		olt_unlock(olt);
		buf_adds(c->o, "\n");
		return;
	}
	/* cpu */
	if (!hw_fsp(c, at, &f, &sl, NULL))
		return;
	if (c->n > at + 1) {
		hw_unknown(c, at + 1);
		return;
	}
	olt_lock(olt);
	bool found = false;
	int pct = olt->cpu_pct;
	for (int i = 0; i < olt->nboards; i++)
		if (olt->boards[i].slot == sl)
			found = true;
	olt_unlock(olt);
	if (f != 0 || !found) {
		hw_param(c, at);
		return;
	}
	buf_addf(c->o, "  CPU occupancy: %d%%\n", pct);
}

void
hw_display(struct hw_cmd *c)
{
	if (c->n < 2) {
		hw_incomplete(c);
		return;
	}
	if (hw_kw(c, 1, "ont")) {
		if (hw_kw(c, 2, "autofind"))
			show_autofind(c, 3);
		else if (hw_kw(c, 2, "info"))
			show_info(c, 3);
		else if (hw_kw(c, 2, "optical-info"))
			show_optical(c, 3);
		else if (c->n < 3)
			hw_incomplete(c);
		else
			hw_unknown(c, 2);
	} else if (hw_kw(c, 1, "board"))
		show_board(c, 2);
	else if (hw_kw(c, 1, "version")) {
		if (c->n > 2)
			hw_unknown(c, 2);
		else
			show_version(c);
	} else if (hw_kw(c, 1, "cpu"))
		show_health(c, 2, "cpu");
	else if (hw_kw(c, 1, "temperature"))
		show_health(c, 2, "temperature");
	else if (hw_kw(c, 1, "sysuptime"))
		show_health(c, 2, "sysuptime");
	else if (hw_kw(c, 1, "service-port"))
		show_service_ports(c, 2);
	else if (hw_kw(c, 1, "current-configuration"))
		hw_show_config(c);
	else if (hw_kw(c, 1, "traffic"))
		hw_show_traffic(c);
	else
		hw_unknown(c, 1);
}
