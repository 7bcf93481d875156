/*
 * huawei_alarm.c — the asynchronous alarm blocks a SmartAX prints while
 * `alarm output all` is on, built from the OLT's event ring.
 *
 * RECONSTRUCTED: no capture of a whole block was collected; the shape is
 * the one NOC's profile strips (automation-quirks.md 3.1):
 * `  ! <n>[<date> <time>]:`, a blank line, an `ALARM ...` line, then
 * `ALARM NAME :`, `PARAMETERS :`, `DESCRIPTION :`, `CAUSE :`, `ADVICE :`
 * and `--- END`.  Called from huawei.c's tick with olt->lock held.
 */
#include "tests/lab/huawei_priv.h"

#include <stdio.h>

/* Alarm names per event (RECONSTRUCTED wording; the block shape follows
   the NOC profile's alarm regex, automation-quirks.md 3.1). */
static const struct {
	const char *kind, *level, *id, *name, *cause, *advice;
} alarm_text[] = {
	[SIM_EV_ONT_UP] = { "RECOVERY", "CLEARED", "0x2e112005",
	    "The ONT is online", "The ONT registered with the OLT",
	    "None" },
	[SIM_EV_ONT_LOS] = { "FAULT", "CRITICAL", "0x2e112005",
	    "The distribute fiber is broken or OLT can not receive expected optical signals from ONT (LOSi/LOBi)",
	    "The fiber to the ONT is cut, or the ONT is powered off",
	    "Check the optical path and the ONT power supply" },
	[SIM_EV_ONT_DYING_GASP] = { "FAULT", "MAJOR", "0x2e112006",
	    "The dying-gasp of GPON ONTi (DGi) is generated",
	    "The ONT lost its power supply",
	    "Check the power supply of the ONT" },
	[SIM_EV_ONT_FOUND] = { "EVENT", "WARNING", "0x2e112007",
	    "The GPON ONT is discovered automatically",
	    "An ONT that is not configured was connected to the port",
	    "Add the ONT with ont add, or ignore it" },
	[SIM_EV_PON_CUT] = { "FAULT", "CRITICAL", "0x2e112001",
	    "The optical module of the GPON port does not receive any expected optical signals (LOS)",
	    "The trunk fiber of the port is cut",
	    "Check the trunk fiber and the splitter" },
	[SIM_EV_PON_RESTORED] = { "RECOVERY", "CLEARED", "0x2e112001",
	    "The optical module of the GPON port receives optical signals again",
	    "The trunk fiber of the port was restored",
	    "None" },
};

/* Appends the alarm blocks of the events not shown yet; lock held. */
void
hw_alarms(struct cli_session *s, struct buf *b)
{
	struct sim_olt *olt = s->olt;
	uint64_t from = s->last_seq + 1;

	if (olt->event_seq >= SIM_EVENTS && from + SIM_EVENTS <= olt->event_seq)
		from = olt->event_seq - SIM_EVENTS + 1;
	for (uint64_t q = from; q <= olt->event_seq; q++) {
		const struct sim_event *e = &olt->events[q % SIM_EVENTS];
		const struct sim_pon *pon;
		char t[40];

		if (e->seq != q || e->what >= nitems(alarm_text) || e->pon >= olt->npons)
			continue;
		pon = &olt->pons[e->pon];
		hw_time(e->at, true, t);
		buf_addf(b, "\n  ! %llu[%s]:\n\n", (unsigned long long)q, t);
		buf_addf(b, "  ALARM  %llu  %s  %s  %s  GPON  %s\n",
		    (unsigned long long)q, alarm_text[e->what].kind,
		    alarm_text[e->what].level, alarm_text[e->what].id, t);
		buf_addf(b, "  ALARM NAME  : %s\n", alarm_text[e->what].name);
		if (e->what == SIM_EV_PON_CUT || e->what == SIM_EV_PON_RESTORED ||
		    e->what == SIM_EV_ONT_FOUND)
			buf_addf(b, "  PARAMETERS  : FrameID: %d, SlotID: %d, PortID: %d\n",
			    pon->frame, pon->slot, pon->port);
		else
			buf_addf(b, "  PARAMETERS  : FrameID: %d, SlotID: %d, PortID: %d, ONT ID: %d\n",
			    pon->frame, pon->slot, pon->port, e->ont_id);
		buf_addf(b, "  DESCRIPTION : %s\n", alarm_text[e->what].name);
		buf_addf(b, "  CAUSE       : %s\n", alarm_text[e->what].cause);
		buf_addf(b, "  ADVICE      : %s\n", alarm_text[e->what].advice);
		buf_adds(b, "  --- END\n");
	}
	s->last_seq = olt->event_seq;
}
