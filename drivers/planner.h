/*
 * planner.h — plans for every write, built the same way for every driver:
 * validate the request against the driver's limits, fill the template
 * variables every driver shares, ask the driver's hook for its own
 * (driver.h struct driver_plan), expand <driver>/<action>.tpl, and say
 * what the read-back must show.
 *
 * Composite writes are compositions of the simple ones, so no driver
 * writes them twice:
 *   - a removal with the ONT's configuration at hand is its provisioning
 *     run backwards (planner_invert): each step's undo becomes the command
 *     and its command the undo; a line that goes away with the ONT becomes
 *     the driver's capture read whose undo re-enters the line, so undoing
 *     the removal rebuilds the ONT in provisioning order.  When the device
 *     listed the ONT's own lines (ont_state.lines), those are the lines
 *     restored, exactly as printed (a line the template writes but the
 *     device lacks is not invented, a line no template writes is kept),
 *     between the undo of the registration (the provisioning's first
 *     step) and the rest;
 *   - a move is the removal, then the provisioning at the new place;
 *   - a serial swap is the driver's `replace` template when it has one,
 *     else the removal and a provisioning with the new serial.
 *
 * Every builder sends nothing: it returns a plan (plan.h) core previews,
 * runs, verifies, audits and undoes.  0 and *out, or -1 and a cause naming
 * the request's field at fault.  Stateless; any thread.
 */
#ifndef OLTUI_PLANNER_H
#define OLTUI_PLANNER_H

#include <stdbool.h>

#include "drivers/driver.h"
#include "drivers/plan.h"

/* Authorises and configures the ONT r describes (r->ont_id chosen). */
int planner_provision(const struct olt_driver *d, const struct provision_req *r,
    struct plan **out, char **cause);
/* Removes ONT o and its service ports.  With its configuration cfg (read
   from the device) the undo re-creates it; without, the driver's
   `deprovision` template (no undo). */
int planner_deprovision(const struct olt_driver *d, const struct ont_ref *o,
    const struct provision_req *cfg, struct plan **out, char **cause);
int planner_enable(const struct olt_driver *d, const struct ont_ref *o, bool enable,
    struct plan **out, char **cause);
int planner_reboot(const struct olt_driver *d, const struct ont_ref *o,
    struct plan **out, char **cause);
/* Changes the speeds (0 = leave that direction); old is the ONT's
   configuration (its undo). */
int planner_speed(const struct olt_driver *d, const struct ont_ref *o,
    const struct provision_req *old, int down_mbps, int up_mbps, struct plan **out,
    char **cause);
int planner_vlan(const struct olt_driver *d, const struct ont_ref *o,
    const struct provision_req *old, int vlan, struct plan **out, char **cause);
int planner_desc(const struct olt_driver *d, const struct ont_ref *o,
    const char *old_desc, const char *desc, struct plan **out, char **cause);
/* Keeps the ONT's configuration cfg, swaps its serial for new_sn. */
int planner_replace(const struct olt_driver *d, const struct ont_ref *o,
    const struct provision_req *cfg, const char *new_sn, struct plan **out,
    char **cause);
/* Re-creates the ONT (configuration cfg) at new_port / new_ont_id, after
   removing it (an OLT refuses a serial twice); undo reverses both. */
int planner_move(const struct olt_driver *d, const struct ont_ref *o,
    const struct provision_req *cfg, const char *new_port, int new_ont_id,
    struct plan **out, char **cause);

/* Appends to dst the removal of what prov builds (see above); steps holding
   a secret are skipped (an undo would print them in clear).  For tests and
   drivers. */
int planner_invert(const struct olt_driver *d, const struct ont_ref *o,
    struct plan *dst, const struct plan *prov, char **cause);

/* ---- for the drivers' hooks ---- */

/* The value of a speed in the driver's speeds.map ("up"/"down" + Mbit/s):
   "up 100" -> "10".  0 and *out (caller frees), or -1 with a cause naming
   the map and the speeds it has. */
int planner_speed_value(const struct olt_driver *d, const char *olt_model,
    const char *dir, int mbps, char **out, char **cause);
/* True when s is all digits (a profile given by id rather than name). */
bool planner_numeric(const char *s);

#endif
