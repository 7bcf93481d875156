/*
 * zte.h — the ZTE ZXA10 C300/C320 driver's parts, for its own files
 * (zte_*.c) and for tests.  Core and the tui never include this: they find
 * the driver by name ("zte", driver.h).
 */
#ifndef OLTUI_ZTE_H
#define OLTUI_ZTE_H

#include <stddef.h>
#include <stdint.h>

#include "drivers/driver.h"
#include "drivers/parse.h"
#include "drivers/snmp_map.h"

/* The driver (zte_driver.c) and its parts. */
extern const struct olt_driver driver_zte;
extern const struct cli_dialect zte_cli;		/* zte_cli.c */
extern const struct gpon_limits zte_limits;		/* zte_driver.c */
extern const struct driver_reads zte_reads;		/* zte_reads.c */
extern const struct driver_plan zte_plan;		/* zte_plan.c */
extern const struct snmp_profile zte_snmp;		/* zte_snmp.c */

#define ZTE_DEFAULT_TYPE "ZTE-F660"	/* the ONU type when a request names none */

/* ---- parsers (zte_parse.c) ---- */
int zte_parse_autofind(const char *text, struct pr_autofind_list *out, char **cause);
int zte_parse_ont_list(const char *text, struct pr_ont_list *out, char **cause);
int zte_parse_ont_detail(const char *text, struct pr_ont_detail *out, char **cause);
int zte_parse_optical(const char *text, struct pr_optical *out, char **cause);
int zte_parse_optical_list(const char *text, struct pr_optical_list *out, char **cause);
int zte_parse_service_ports(const char *text, struct pr_service_port_list *out,
    char **cause);
int zte_parse_boards(const char *text, struct pr_board_list *out, char **cause);
int zte_parse_version(const char *text, struct pr_version *out, char **cause);

/* Reads what an ONU's interface running-config adds to its detail (the
   first T-CONT's profile, the first GEM port's downstream traffic
   profile, name and description when the detail had none).  0, or -1 with
   a cause when the text is not an ONU interface's configuration. */
int zte_parse_onu_if(const char *text, struct pr_ont_detail *d, char **cause);

/* ---- SNMP (zte_snmp.c), exposed for tests ---- */

/* .1082 index: 0x11000000 | rack<<16 | slot<<8 | port. */
uint32_t zte_snmp_idx1082(int rack, int slot, int port);
int zte_snmp_decode1082(uint32_t idx, int *rack, int *slot, int *port);
/* .1012 index: 0x10000000 | slot<<16 | port<<8 (rack 1). */
uint32_t zte_snmp_idx1012(int slot, int port);
double zte_snmp_rx(int64_t raw);		/* raw * 0.002 - 30 */
double zte_snmp_olt_rx(int64_t raw);		/* 0.001 dBm */
enum ont_status zte_snmp_status(int64_t raw, int down_cause);
/* Serial from the agent's "1,ZTEGC4BB98CB". */
void zte_snmp_serial(const unsigned char *b, size_t len, char out[13]);

#endif
