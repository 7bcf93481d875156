/*
 * zte_show.c — the ZTE C320 persona's show commands (state, uncfg,
 * detail-info, baseinfo, optical power, cards, processor, versions,
 * system group).
 *
 * Each layout is copied from /work/shared/reference/zte-cli.md §4: header
 * and separator lines byte for byte, value columns at the capture's
 * offsets.  Values come from the fleet under olt->lock.  Handlers append
 * '\n' lines to res; zte.c pages them.  Runs on the session's thread.
 */
#include "tests/lab/zte_int.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

/* VERBATIM (§3): the empty-table notice of a C320 V2.1; V1.2 and older V2
   builds print the same text with code 32310. */
#define ZTE_EMPTY "%Code 62310-GPONSRV : No related information to show.\n"

void
zte_fmt_level(int v, char out[16])
{
	int a = v < 0 ? -v : v;

	snprintf(out, 16, "%s%d.%02d0", v < 0 ? "-" : "", a / 100, a % 100);
}

/* The Phase State word of a run state (§4.2). */
static const char *
zte_phase(const struct sim_ont *o)
{
	switch (o->state) {
	case SIM_ONLINE:	return "working";
	case SIM_LOS:		return "LOS";
	case SIM_DYING_GASP:	return "DyingGasp";
	default:		return "OffLine";
	}
}

/* The OMCC State word: the capture (§4.2) shows "enable" beside working
   and DyingGasp (the ONU said goodbye over it), "disable" beside LOS and
   OffLine. */
static const char *
zte_omcc(const struct sim_ont *o)
{
	return o->state == SIM_ONLINE || o->state == SIM_DYING_GASP ? "enable" : "disable";
}

/* The ports a command covers: the one it names, or all of them.  Returns
   false (after the error) when the named port does not exist. */
static bool
zte_ports(struct cli_session *s, const struct zte_args *a, int *first, int *last,
    struct buf *res)
{
	struct sim_pon *pon;

	if (!a->iface) {
		*first = 0;
		*last = s->olt->npons - 1;
		return true;
	}
	if ((pon = zte_pon_at(s, a, res)) == NULL)
		return false;
	*first = *last = olt_pon_index(s->olt, pon);
	return true;
}

/* `show gpon onu uncfg [gpon-olt_1/S/P]` (§4.1, VERBATIM layout; the
   :N is the discovery slot, here the place in the port's autofind list).
   With `uncfg-onu-display-info model sn pw` the Model and Pw columns join
   in (RECONSTRUCTED: that output is not captured; the columns follow the
   command's order, the model column is 12 wide and a longer model wraps
   under it, as §4.6 baseinfo wraps the ONU type; the lab ONUs have no
   password). */
void
zte_show_uncfg(struct cli_session *s, const struct zte_args *a, struct buf *res)
{
	struct sim_olt *olt = s->olt;
	int first, last, n = 0;

	olt_lock(olt);
	if (!zte_ports(s, a, &first, &last, res))
		goto out;
	for (int i = first; i <= last; i++) {
		const struct sim_pon *p = &olt->pons[i];

		for (int k = 0; k < p->nautofind; k++) {
			const struct sim_autofind *af = &p->autofind[k];
			const char *model = af->model < sim_nmodels ?
			    sim_models[af->model].equipment_id : "";
			char idx[64];

			if (n++ == 0 && olt->uncfg_model) {
				buf_adds(res, "OnuIndex                 Model       Sn                  Pw          State\n");
				buf_adds(res, "----------------------------------------------------------------------------\n");
			} else if (n == 1) {
				buf_adds(res, "OnuIndex                 Sn                  State\n");
				buf_adds(res, "---------------------------------------------------------------------\n");
			}
			snprintf(idx, sizeof idx, "gpon-onu_%d/%d/%d:%d", p->frame, p->slot,
			    p->port, k + 1);
			if (!olt->uncfg_model) {
				buf_addf(res, "%-25s%-20s%s\n", idx, af->sn, "unknown");
				continue;
			}
			buf_addf(res, "%-25s%-12.11s%-20s%-12s%s\n", idx, model, af->sn, "",
			    "unknown");
			if (strlen(model) > 11)
				buf_addf(res, "%25s%s\n", "", model + 11);
		}
	}
	if (n == 0)
		buf_adds(res, ZTE_EMPTY);
out:
	olt_unlock(olt);
}

/* `show gpon onu state [gpon-olt_1/S/P | gpon-onu_1/S/P:N]` (§4.2, the C320
   V2.1 layout with its trailing blanks after "Channel" and the footer). */
void
zte_show_state(struct cli_session *s, const struct zte_args *a, struct buf *res)
{
	struct sim_olt *olt = s->olt;
	int first, last, total = 0, online = 0;

	olt_lock(olt);
	if (a->onu > 0) {
		struct sim_pon *pon;

		if (zte_ont_at(s, a, &pon, res) == NULL)
			goto out;
		first = last = olt_pon_index(olt, pon);
	} else if (!zte_ports(s, a, &first, &last, res))
		goto out;
	for (int i = first; i <= last; i++) {
		const struct sim_pon *p = &olt->pons[i];

		for (int id = 1; id <= SIM_MAX_ONTS; id++) {
			const struct sim_ont *o = p->onts[id];
			char idx[48];

			if (o == NULL || (a->onu > 0 && id != a->onu))
				continue;
			if (total++ == 0) {
				buf_adds(res, "OnuIndex   Admin State  OMCC State  Phase State  Channel    \n");
				buf_adds(res, "--------------------------------------------------------------\n");
			}
			online += o->state == SIM_ONLINE;
			snprintf(idx, sizeof idx, "%d/%d/%d:%d", p->frame, p->slot, p->port, id);
			buf_addf(res, "%-12s%-13s%-12s%-13s%s\n", idx,
			    o->admin ? "enable" : "disable",
			    zte_omcc(o), zte_phase(o),
			    "1(GPON)");
		}
	}
	if (total == 0)
		buf_adds(res, ZTE_EMPTY);
	else
		buf_addf(res, "ONU Number: %d/%d\n", online, total);
out:
	olt_unlock(olt);
}

/* Formats an epoch time as the device's "2023-03-21 15:08:19" (UTC; the
   lab OLT's clock runs on UTC), or the zero time for 0. */
static void
zte_fmt_time(int64_t t, char out[24])
{
	struct tm tm;
	time_t tt = (time_t)t;

	if (t <= 0 || gmtime_r(&tt, &tm) == NULL) {
		strlcpy_(out, "0000-00-00 00:00:00", 24);
		return;
	}
	strftime(out, 24, "%Y-%m-%d %H:%M:%S", &tm);
}

/* The Cause word of the detail-info history. */
static const char *
zte_cause(int cause)
{
	switch (cause) {
	case SIM_CAUSE_LOS:		return "LOSi";
	case SIM_CAUSE_DYING_GASP:	return "DyingGasp";
	case SIM_CAUSE_RESET:		return "Reboot";
	/* RECONSTRUCTED: the word for an operator deactivation. */
	case SIM_CAUSE_DEACTIVATED:	return "Deactive";
	default:			return "";
	}
}

/* One row of the detail-info history: a session of the ONU. */
struct zte_hrow {
	int64_t	 up;		/* authpass time, 0 = unknown */
	int64_t	 down;		/* offline time, 0 = still up */
	int	 cause;		/* enum sim_down_cause */
};

/* Appends a history row, dropping the oldest beyond what fits. */
static void
zte_hpush(struct zte_hrow *rows, int *n, int max, int64_t up, int64_t down, int cause)
{
	if (*n == max) {
		memmove(rows, rows + 1, (size_t)(max - 1) * sizeof *rows);
		(*n)--;
	}
	rows[*n].up = up;
	rows[*n].down = down;
	rows[*n].cause = cause;
	(*n)++;
}

/* Appends the 10-row Authpass/OfflineTime/Cause table.  RECONSTRUCTED:
   the fleet keeps the last up and down times of an ONU and the OLT keeps
   a ring of recent events, so the rows are built from the ONU's events
   still in the ring (ups, LOS, dying gasp) and finished with its current
   state (a reboot or deactivation leaves no event, only last_down); with
   no events, an ONU that went down and came back shows that outage, its
   earlier authpass put just after the OLT's boot.  Rows run oldest first
   (a real ring may start anywhere, §4.3). */
static void
zte_history(const struct sim_olt *olt, const struct sim_pon *p, const struct sim_ont *o,
    struct buf *res)
{
	struct zte_hrow rows[10];
	int n = 0, pi = olt_pon_index(olt, p);
	int64_t before = olt->boot_time + o->id * 7;
	uint64_t first = olt->event_seq > SIM_EVENTS ? olt->event_seq - SIM_EVENTS + 1 : 1;

	memset(rows, 0, sizeof rows);
	for (uint64_t q = first; q <= olt->event_seq; q++) {
		const struct sim_event *e = &olt->events[q % SIM_EVENTS];
		int cause = e->what == SIM_EV_ONT_LOS ? SIM_CAUSE_LOS : SIM_CAUSE_DYING_GASP;

		if (e->seq != q || e->pon != pi || e->ont_id != o->id)
			continue;
		if (e->what == SIM_EV_ONT_UP)
			zte_hpush(rows, &n, 10, e->at, 0, SIM_CAUSE_NONE);
		else if (e->what == SIM_EV_ONT_LOS || e->what == SIM_EV_ONT_DYING_GASP) {
			if (n > 0 && rows[n - 1].down == 0) {
				rows[n - 1].down = e->at;
				rows[n - 1].cause = cause;
			} else
				zte_hpush(rows, &n, 10, o->last_up > 0 && o->last_up < e->at ?
				    o->last_up : before, e->at, cause);
		}
	}
	if (n == 0 && o->state == SIM_ONLINE && o->last_down > 0 && o->last_down <= o->last_up)
		zte_hpush(rows, &n, 10, olt->boot_time < o->last_down ? before : 0,
		    o->last_down, o->down_cause);
	if (o->state == SIM_ONLINE) {
		if (o->last_up > 0 && (n == 0 || rows[n - 1].down != 0))
			zte_hpush(rows, &n, 10, o->last_up, 0, SIM_CAUSE_NONE);
	} else if (n > 0 && rows[n - 1].down == 0) {
		rows[n - 1].down = o->last_down;
		rows[n - 1].cause = o->down_cause;
	} else if (n == 0 && o->last_up > 0)
		zte_hpush(rows, &n, 10, o->last_up, o->last_down, o->down_cause);
	buf_adds(res, "------------------------------------------\n");
	buf_adds(res, "       Authpass Time          OfflineTime             Cause\n");
	for (int i = 0; i < 10; i++) {
		char u[24], d[24];
		const char *c = zte_cause(rows[i].cause);

		zte_fmt_time(rows[i].up, u);
		zte_fmt_time(rows[i].down, d);
		if (*c != '\0' && rows[i].down > 0)
			buf_addf(res, "%4d   %s    %s     %s\n", i + 1, u, d, c);
		else
			buf_addf(res, "%4d   %s    %s\n", i + 1, u, d);
	}
}

/* Appends "label" padded to the device's value column, then the value;
   an empty value leaves the label alone (as "  Password:" in §4.3). */
static void
zte_field(struct buf *res, const char *label, const char *value)
{
	if (*value == '\0')
		buf_addf(res, "%s\n", label);
	else
		buf_addf(res, "%-23s%s\n", label, value);
}

/* `show gpon onu detail-info gpon-onu_1/S/P:N` (§4.3 first layout). */
void
zte_show_detail(struct cli_session *s, const struct zte_args *a, struct buf *res)
{
	struct sim_olt *olt = s->olt;
	struct sim_pon *pon;
	struct sim_ont *o;
	char v[64];
	bool on;

	olt_lock(olt);
	if ((o = zte_ont_at(s, a, &pon, res)) == NULL)
		goto out;
	on = o->state == SIM_ONLINE;
	buf_adds(res, "\n");
	snprintf(v, sizeof v, "gpon-onu_1/%d/%d:%d", a->slot, a->port, a->onu);
	zte_field(res, "ONU interface:", v);
	zte_field(res, "  Name:", o->name != NULL ? o->name : "");
	zte_field(res, "  Type:", zte_ont_type(o));
	/* RECONSTRUCTED: "ready" is the captured value; a failed
	   configuration is shown as "unknown". */
	zte_field(res, "  State:", o->config_ok ? "ready" : "unknown");
	zte_field(res, "  Configured channel:", "auto");
	zte_field(res, "  Current channel:", "1(GPON)");
	zte_field(res, "  Admin state:", o->admin ? "enable" : "disable");
	zte_field(res, "  Phase state:", zte_phase(o));
	zte_field(res, "  Config state:", o->config_ok ? "success" : "failed");
	zte_field(res, "  Authentication mode:", "sn");
	zte_field(res, "  SN Bind:", "enable with SN check");
	zte_field(res, "  Serial number:", o->sn);
	zte_field(res, "  Password:", "");
	zte_field(res, "  Description:", o->desc != NULL ? o->desc : "");
	zte_field(res, "  Vport mode:", "gemport");
	zte_field(res, "  DBA Mode:", "Hybrid");
	zte_field(res, "  ONU Status:", o->admin ? "enable" : "disable");
	zte_field(res, "  OMCI BW Profile:", "");
	zte_field(res, "  Line Profile:", "N/A");
	zte_field(res, "  Service Profile:", "N/A");
	/* RECONSTRUCTED: an offline ONU's distance is printed as N/A. */
	if (on)
		snprintf(v, sizeof v, "%um", (unsigned)o->distance_m);
	else
		strlcpy_(v, "N/A", sizeof v);
	zte_field(res, "  ONU Distance:", v);
	if (on) {
		int64_t d = now_s() - o->last_up;

		if (d < 0)
			d = 0;
		snprintf(v, sizeof v, "%lldh %lldm %llds", (long long)(d / 3600),
		    (long long)(d / 60 % 60), (long long)(d % 60));
	} else
		strlcpy_(v, "0h 0m 0s", sizeof v);
	zte_field(res, "  Online Duration:", v);
	zte_field(res, "  FEC:", "none");
	zte_field(res, "  FEC actual mode:", "N/A");
	zte_field(res, "  1PPS+ToD:", "disable");
	zte_field(res, "  Auto replace:", "disable");
	zte_field(res, "  Multicast encryption:", "disable");
	zte_field(res, "  Multicast encryption current state:", "N/A");
	zte_history(olt, pon, o, res);
out:
	olt_unlock(olt);
}

/* `show gpon onu baseinfo gpon-olt_1/S/P` (§4.6): a type longer than the
   11-character column continues on the next line. */
void
zte_show_baseinfo(struct cli_session *s, const struct zte_args *a, struct buf *res)
{
	struct sim_olt *olt = s->olt;
	struct sim_pon *p;
	int n = 0;

	olt_lock(olt);
	if ((p = zte_pon_at(s, a, res)) == NULL)
		goto out;
	for (int id = 1; id <= SIM_MAX_ONTS; id++) {
		const struct sim_ont *o = p->onts[id];
		const char *t;
		char idx[64], auth[32];
		size_t tl;

		if (o == NULL)
			continue;
		if (n++ == 0) {
			buf_adds(res, "OnuIndex            Type        Mode    AuthInfo                State\n");
			buf_adds(res, "-------------------------------------------------------------------------------\n");
		}
		t = zte_ont_type(o);
		tl = strlen(t);
		snprintf(idx, sizeof idx, "gpon-onu_%d/%d/%d:%d", p->frame, p->slot, p->port, id);
		snprintf(auth, sizeof auth, "SN:%s", o->sn);
		/* RECONSTRUCTED: "ready" is captured; a failed one "unknown". */
		buf_addf(res, "%-20s%-12.11s%-8s%-24s%s\n", idx, t, "sn", auth,
		    o->config_ok ? "ready" : "unknown");
		for (size_t k = 11; k < tl; k += 11)
			buf_addf(res, "%20s%-44.11s\n", "", t + k);
	}
	if (n == 0)
		buf_adds(res, ZTE_EMPTY);
out:
	olt_unlock(olt);
}

/* The OLT's transmit level on a port, 0.01 dBm.  RECONSTRUCTED: the fleet
   has no OLT laser level; a fixed value per port in the real 5-7 dBm. */
static int
zte_olt_tx(const struct sim_pon *p)
{
	return 500 + ((p->slot * 16 + p->port) * 37) % 200;
}

/* `show pon power attenuation gpon-onu_1/S/P:N` (§4.4, VERBATIM layout;
   the offline row is the C600 capture's, with this build's leading blank). */
void
zte_show_attenuation(struct cli_session *s, const struct zte_args *a, struct buf *res)
{
	struct sim_olt *olt = s->olt;
	struct sim_pon *p;
	struct sim_ont *o;
	char l1[16], l2[16], l3[16], f1[24], f2[24], f3[24];
	int otx;

	olt_lock(olt);
	if ((o = zte_ont_at(s, a, &p, res)) == NULL)
		goto out;
	otx = zte_olt_tx(p);
	buf_adds(res, "           OLT                  ONU              Attenuation\n");
	buf_adds(res, "--------------------------------------------------------------------------\n");
	if (o->state == SIM_ONLINE && o->olt_rx != SIM_NO_LEVEL && o->tx != SIM_NO_LEVEL) {
		zte_fmt_level(o->olt_rx, l1);
		zte_fmt_level(o->tx, l2);
		zte_fmt_level(o->tx - o->olt_rx, l3);
		snprintf(f1, sizeof f1, "%s(dbm)", l1);
		snprintf(f2, sizeof f2, "%s(dbm)", l2);
		snprintf(f3, sizeof f3, "%s(dB)", l3);
	} else {
		strlcpy_(f1, "no signal", sizeof f1);
		strlcpy_(f2, "N/A", sizeof f2);
		strlcpy_(f3, "N/A", sizeof f3);
	}
	buf_addf(res, " up      Rx :%-18sTx:%-18s%s\n", f1, f2, f3);
	buf_adds(res, "\n");
	zte_fmt_level(otx, l1);
	snprintf(f1, sizeof f1, "%s(dbm)", l1);
	if (o->state == SIM_ONLINE && o->rx != SIM_NO_LEVEL) {
		zte_fmt_level(o->rx, l2);
		zte_fmt_level(otx - o->rx, l3);
		snprintf(f2, sizeof f2, "%s(dbm)", l2);
		snprintf(f3, sizeof f3, "%s(dB)", l3);
	} else {
		strlcpy_(f2, "N/A", sizeof f2);
		strlcpy_(f3, "N/A", sizeof f3);
	}
	buf_addf(res, " down    Tx :%-18sRx:%-18s%s\n", f1, f2, f3);
out:
	olt_unlock(olt);
}

/* One ONU's level for onu-rx / onu-tx / olt-rx: "-16.676(dbm)" or "N/A". */
static void
zte_power_value(const struct sim_ont *o, int kind, char out[24])
{
	int v = kind == ZTE_PWR_ONU_RX ? o->rx : kind == ZTE_PWR_ONU_TX ? o->tx : o->olt_rx;
	char l[16];

	if (o->state != SIM_ONLINE || v == SIM_NO_LEVEL) {
		strlcpy_(out, "N/A", 24);
		return;
	}
	zte_fmt_level(v, l);
	snprintf(out, 24, "%s(dbm)", l);
}

/* `show pon power onu-rx|onu-tx|olt-rx gpon-olt_1/S/P` (§4.5 VERBATIM
   layout; olt-rx RECONSTRUCTED with the same layout and "Rx power"). */
void
zte_show_power_list(struct cli_session *s, const struct zte_args *a, struct buf *res)
{
	struct sim_olt *olt = s->olt;
	struct sim_pon *p;
	int n = 0;

	olt_lock(olt);
	if ((p = zte_pon_at(s, a, res)) == NULL)
		goto out;
	for (int id = 1; id <= SIM_MAX_ONTS; id++) {
		const struct sim_ont *o = p->onts[id];
		char idx[64], v[24];

		if (o == NULL)
			continue;
		if (n++ == 0) {
			buf_addf(res, "Onu                 %s power\n",
			    a->kind == ZTE_PWR_ONU_TX ? "Tx" : "Rx");
			buf_adds(res, "------------------------------------\n");
		}
		snprintf(idx, sizeof idx, "gpon-onu_%d/%d/%d:%d", p->frame, p->slot, p->port, id);
		zte_power_value(o, a->kind, v);
		buf_addf(res, "%-20s%s\n", idx, v);
	}
	if (n == 0)
		buf_adds(res, ZTE_EMPTY);
out:
	olt_unlock(olt);
}

/* `show pon power onu-rx gpon-onu_1/S/P:N`: the V2.1 single line (§4.5). */
void
zte_show_power_one(struct cli_session *s, const struct zte_args *a, struct buf *res)
{
	struct sim_olt *olt = s->olt;
	struct sim_ont *o;
	char idx[64], v[24];

	olt_lock(olt);
	if ((o = zte_ont_at(s, a, NULL, res)) != NULL) {
		snprintf(idx, sizeof idx, "gpon-onu_1/%d/%d:%d", a->slot, a->port, a->onu);
		zte_power_value(o, a->kind, v);
		buf_addf(res, "%-20s%s\n", idx, v);
	}
	olt_unlock(olt);
}

/* True for a card that is not running (no versions, no CPU figures). */
static bool
zte_card_off(const struct sim_board *b)
{
	return strcmp(b->status, "OFFLINE") == 0 || strcmp(b->status, "NOPOWER") == 0;
}

/* `show card` (§4.11, the C320 V2.1.0 layout). */
void
zte_show_card(struct cli_session *s, const struct zte_args *a UNUSED, struct buf *res)
{
	struct sim_olt *olt = s->olt;

	buf_adds(res, "Rack Shelf Slot CfgType RealType Port  HardVer SoftVer         Status\n");
	buf_adds(res, "-------------------------------------------------------------------------------\n");
	olt_lock(olt);
	for (int i = 0; i < olt->nboards; i++) {
		const struct sim_board *b = &olt->boards[i];
		bool off = zte_card_off(b);

		buf_addf(res, "%-5d%-6d%-5d%-8s%-9s%-6d%-8s%-16s%s\n", 1, 1, b->slot, b->name,
		    off ? "" : b->real, b->nports, off ? "" : "V1.0.0",
		    off ? "" : olt->version, b->status);
	}
	olt_unlock(olt);
}

/* `show processor` (§4.12 layout).  RECONSTRUCTED figures: the active
   control card carries the OLT's CPU load, line cards a steady share. */
void
zte_show_processor(struct cli_session *s, const struct zte_args *a UNUSED, struct buf *res)
{
	struct sim_olt *olt = s->olt;

	buf_adds(res, "Rack   Shelf    Slot   CPU(5s)   CPU(1m)    CPU(5m)   PhyMem(MB)  Memory\n");
	buf_adds(res, "-------------------------------------------------------------------------------\n");
	olt_lock(olt);
	for (int i = 0; i < olt->nboards; i++) {
		const struct sim_board *b = &olt->boards[i];
		int c = b->gpon ? 18 + b->slot % 5 : olt->cpu_pct;
		char c5[16], c1[16], c15[16], mem[16];

		if (zte_card_off(b))
			continue;
		if (!b->gpon && strcmp(b->status, "INSERVICE") != 0)
			c = 5;
		snprintf(c5, sizeof c5, "%d%%", c);
		snprintf(c1, sizeof c1, "%d%%", c + 2);
		snprintf(c15, sizeof c15, "%d%%", c + 2);
		snprintf(mem, sizeof mem, "%d%%", b->gpon ? 39 : 26);
		buf_addf(res, "%-8d%-8d%-8d%-10s%-10s%-10s%-12d%s\n", 1, 1, b->slot, c5, c1,
		    c15, b->gpon ? 512 : 2048, mem);
	}
	olt_unlock(olt);
}

/* `show version-running` (§4.12 layout; one row per running card,
   RECONSTRUCTED build time and lengths). */
void
zte_show_version(struct cli_session *s, const struct zte_args *a UNUSED, struct buf *res)
{
	struct sim_olt *olt = s->olt;

	buf_adds(res, "PhyLoc  FileType   VerType    VerTag        BuildTime           VerLength\n");
	olt_lock(olt);
	for (int i = 0; i < olt->nboards; i++) {
		const struct sim_board *b = &olt->boards[i];
		char loc[16];

		if (zte_card_off(b))
			continue;
		snprintf(loc, sizeof loc, "1/1/%d", b->slot);
		buf_addf(res, "%-8s%-11s%-11s%-14s%-20s%d\n", loc, b->real[0] ? b->real : b->name,
		    "MVR", olt->version, "2017-01-17 01:04:45", b->gpon ? 9834512 : 24647784);
	}
	olt_unlock(olt);
}

/* `show system-group` (§4.12, VERBATIM lines; contact and location are
   empty on the lab OLT). */
void
zte_show_sysgroup(struct cli_session *s, const struct zte_args *a UNUSED, struct buf *res)
{
	struct sim_olt *olt = s->olt;
	const char *num = olt->model[0] == 'C' ? olt->model + 1 : olt->model;
	int64_t up = now_s() - olt->boot_time;

	if (up < 0)
		up = 0;
	buf_addf(res, "System Description: %s Version %s Software, Copyright (c) by ZTE "
	    "Corporation Compiled\n", olt->model, olt->version);
	buf_addf(res, "System ObjectId: .1.3.6.1.4.1.3902.1082.1001.%s.2.1\n", num);
	buf_addf(res, "Started before: %lld days, %lld hours, %lld minutes\n",
	    (long long)(up / 86400), (long long)(up / 3600 % 24), (long long)(up / 60 % 60));
	buf_adds(res, "Contact with: \n");
	buf_addf(res, "System name:  %s\n", olt->sysname);
	buf_adds(res, "Location: \n");
	buf_adds(res, "System Info:  256  56c6e108\n");
}
