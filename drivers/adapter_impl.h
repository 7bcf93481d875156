/*
 * adapter_impl.h — what adapter_huawei.c and adapter_zte.c share
 * (adapter.c): running a read in a mode and parsing it, building a plan
 * from a template, turning a provisioning plan into its removal, and the
 * speed map lookups.  Internal to drivers/adapter*.c.
 */
#ifndef OLTUI_ADAPTER_IMPL_H
#define OLTUI_ADAPTER_IMPL_H

#include "drivers/adapter.h"
#include "drivers/template.h"

/* Enters mode (arg), runs cmd, returns to privileged mode.  0 with *out
   (clean output, "" for a vendor "empty" answer), or -1 with *err. */
int adapter_read(struct cli *c, enum cli_mode mode, const char *arg, const char *cmd,
    char **out, struct err *err);
/* The bit of a mode in adapter_read_here()'s set. */
#define ADAPTER_MODE(m) (1u << (unsigned)(m))
/* Runs cmd where the session is when its mode is in modes (a set of
   ADAPTER_MODE() bits: the modes the vendor accepts cmd in); otherwise
   moves first, the short way: up to configuration mode when that is in
   the set and the session is below it, else to privileged mode.  Leaves the
   session where cmd ran.  Same results as adapter_read(). */
int adapter_read_here(struct cli *c, unsigned modes, const char *cmd, char **out,
    struct err *err);
/* Fills *err for a parser's failure on cmd's output. */
void adapter_parse_error(struct cli *c, const char *cmd, char *cause,
    struct err *err);

/* A new plan with title, action, serial and contract set. */
struct plan *adapter_plan(const struct vendor *v, const char *olt, const char *action,
    const char *sn, const char *contract, const char *title_fmt, ...) PRINTFLIKE(6, 7);
/* Sets the verification of p. */
void adapter_verify(struct plan *p, enum plan_verify_kind kind, const char *port,
    int ont_id, const char *sn, bool admin_enabled);

/* Appends to dst the removal of what prov builds: prov's steps in reverse,
   each with command and undo swapped; a step without an undo (a line the
   removal of the ONT takes with it) becomes a read of the configuration
   in privileged mode (capture_if for interface lines, capture_onu for
   pon-onu-mng lines) whose undo re-enters the line, so undoing the removal
   rebuilds the ONT in provisioning order.  Steps holding a secret are
   skipped (their lines are not restored by an undo). */
int adapter_invert(struct plan *dst, const struct plan *prov, const char *capture_if,
    const char *capture_onu, char **cause);
/* Appends all of src's steps to dst. */
int adapter_append(struct plan *dst, const struct plan *src, char **cause);

/* The value of a speed in the vendor's speeds.map ("up"/"down" + Mbit/s);
   0 and *out, or -1 with a cause. */
int adapter_speed(enum pr_vendor vd, const char *olt_model, const char *dir, int mbps,
    char **out, char **cause);

/* True when s is all digits. */
bool adapter_numeric(const char *s);

#endif
