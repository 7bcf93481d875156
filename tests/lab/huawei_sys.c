/*
 * huawei_sys.c — the Huawei persona's system views: `display service-port`
 * (port and all), `display board 0`, `display version`, `display cpu`,
 * `display temperature 0/all` and `display sysuptime`.
 *
 * Layouts follow /work/shared/reference/huawei-cli.md 4.7, 4.10-4.12;
 * values come from the fleet state read under olt->lock.  Called from
 * huawei_show.c's hw_display() on the session's thread.
 */
#include "tests/lab/huawei_priv.h"

#include <stdio.h>
#include <string.h>

#define SEP77 "  -----------------------------------------------------------------------------\n"
#define SEP73 "  -------------------------------------------------------------------------\n"
#define SEP50 "  --------------------------------------------------\n"

/* display service-port port F/S/P [ont O] | all (huawei-cli.md 4.7). */
void
hw_show_service_ports(struct hw_cmd *c, int at)
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
		struct sim_pon *pon = hw_pon_at(c, at + 1, f, sl, p);
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

/* display board 0/S: the board header, power line and, for a GPON board,
   its port table (huawei-cli.md 4.10, MA5800-X7 capture; a port whose
   PON the lab does not model shows its optical module Offline).  The
   closing separator is RECONSTRUCTED: the capture was cut there. */
static void
board_detail(struct hw_cmd *c, int at)
{
	struct sim_olt *olt = c->s->olt;
	const struct sim_board *b = NULL;
	const char *sep61 = "  -------------------------------------------------------------\n";
	int f, sl;

	if (!hw_fsp(c, at, &f, &sl, NULL))
		return;
	if (c->n > at + 1) {
		hw_unknown(c, at + 1);
		return;
	}
	olt_lock(olt);
	for (int i = 0; i < olt->nboards && f == 0; i++)
		if (olt->boards[i].slot == sl)
			b = &olt->boards[i];
	if (b == NULL) {
		olt_unlock(olt);
		hw_param(c, at);
		return;
	}
	buf_adds(c->o, "  ---------------------------------------\n");
	buf_addf(c->o, "  Board Name          : %s\n", b->name);
	buf_addf(c->o, "  Board Status        : %s\n", b->status);
	buf_adds(c->o, "  ---------------------------------------\n");
	buf_adds(c->o, "  Power Status      Power-off cause                    Power-off Time\n");
	buf_adds(c->o, "  POWER-ON          -                                  -\n");
	if (b->gpon) {
		buf_adds(c->o, sep61);
		buf_adds(c->o, "    Port   Port   min-distance   max-distance   Optical-module\n");
		buf_adds(c->o, "           type       (km)           (km)           status\n");
		buf_adds(c->o, sep61);
		for (int p = 0; p < b->nports; p++)
			buf_addf(c->o, "%5d     GPON        0              20             %s\n", p,
			    olt_pon(olt, 0, sl, p) != NULL ? "Online" : "Offline");
		buf_adds(c->o, sep61);
	}
	olt_unlock(olt);
}

/* display board 0 (huawei-cli.md 4.10; rows without trailing blanks as
   in the MA5800-X7 capture). */
void
hw_show_board(struct hw_cmd *c, int at)
{
	struct sim_olt *olt = c->s->olt;
	long f;
	int maxslot = 0;

	if (at < c->n && strchr(c->t[at].s, '/') != NULL) {
		board_detail(c, at);
		return;
	}
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
void
hw_show_version(struct hw_cmd *c)
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
void
hw_show_health(struct hw_cmd *c, int at, const char *what)
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
