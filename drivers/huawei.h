/*
 * huawei.h — the Huawei SmartAX (MA5600T/MA5608T/MA5683T/MA5800/EA5800)
 * driver's parts, for its own files (huawei_*.c) and for tests.  Core and
 * the tui never include this: they find the driver by name ("huawei",
 * driver.h).
 */
#ifndef OLTUI_HUAWEI_H
#define OLTUI_HUAWEI_H

#include <stddef.h>
#include <stdint.h>

#include "drivers/driver.h"
#include "drivers/parse.h"
#include "drivers/snmp_map.h"

/* The driver (huawei_driver.c) and its parts. */
extern const struct olt_driver driver_huawei;
extern const struct cli_dialect huawei_cli;		/* huawei_cli.c */
extern const struct gpon_limits huawei_limits;		/* huawei_driver.c */
extern const struct driver_reads huawei_reads;		/* huawei_reads.c */
extern const struct driver_plan huawei_plan;		/* huawei_plan.c */
extern const struct snmp_profile huawei_snmp;		/* huawei_snmp.c */

/* ---- parsers (huawei_parse.c, huawei_parse_olt.c) ---- */
int huawei_parse_autofind(const char *text, struct pr_autofind_list *out, char **cause);
int huawei_parse_ont_list(const char *text, struct pr_ont_list *out, char **cause);
int huawei_parse_ont_detail(const char *text, struct pr_ont_detail *out, char **cause);
int huawei_parse_optical(const char *text, struct pr_optical *out, char **cause);
/* port: F/S/P for the rows when the output has no command echo; may be NULL. */
int huawei_parse_optical_list(const char *text, const char *port,
    struct pr_optical_list *out, char **cause);
int huawei_parse_service_ports(const char *text, struct pr_service_port_list *out,
    char **cause);
int huawei_parse_boards(const char *text, struct pr_board_list *out, char **cause);
int huawei_parse_version(const char *text, struct pr_version *out, char **cause);

/* Finds the F/S/P a raw capture's `display ont optical-info P all` (or
   `display ont info P ...`) was run for: "...(config-if-gpon-0/1)#display
   ont optical-info 0 all" -> "0/1/0"; NULL when the capture does not say.
   raw should be terminal-stripped (tc_strip_terminal).  Caller frees. */
char *huawei_echo_port(const char *raw);

/* ---- SNMP (huawei_snmp.c), exposed for tests ---- */

/* GPON port ifIndex: (125<<25)|(frame<<19)|(slot<<13)|(port<<8). */
uint32_t huawei_snmp_ifindex(int frame, int slot, int port);
/* 0 and the port's F/S/P, or -1 when ifindex is not a GPON port. */
int huawei_snmp_decode(uint32_t ifindex, int *frame, int *slot, int *port);
double huawei_snmp_rx(int64_t raw);		/* 0.01 dBm; 2147483647 = none */
double huawei_snmp_olt_rx(int64_t raw);		/* (raw - 10000) / 100 */
/* online/offline from the run status; an offline ONT's last down cause
   tells LOS and dying gasp apart. */
enum ont_status huawei_snmp_status(int64_t raw, int down_cause);
/* Serial from the agent's 8 octets (or their 16-hex text form). */
void huawei_snmp_serial(const unsigned char *b, size_t len, char out[13]);

#endif
