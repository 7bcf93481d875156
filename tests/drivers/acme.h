/*
 * acme.h — the "Acme Photon P8" driver: a fictional vendor that lives in
 * tests/ only, to prove that a vendor is one registry entry (issue 10).
 * Nothing under drivers/, core/, tui/ or lib/ names it; it registers
 * itself (DRIVER_REGISTER in acme_driver.c) in every binary that links the
 * test drivers' objects: the unit tests and build/tests/oltui-acme.  Its
 * fake device is tests/drivers/acme_device.py, its templates
 * tests/drivers/templates/acme/, and docs/drivers.md says how it was built.
 *
 * The parts are exported for its own files (acme_*.c) and for
 * tests/unit/test_acme_driver.c; core and the tui find it by name ("acme").
 */
#ifndef OLTUI_TESTS_ACME_H
#define OLTUI_TESTS_ACME_H

#include <stddef.h>
#include <stdint.h>

#include "drivers/driver.h"
#include "drivers/parse.h"
#include "drivers/snmp_map.h"

/* The driver (acme_driver.c) and its parts. */
extern const struct olt_driver driver_acme;
extern const struct cli_dialect acme_cli;		/* acme_cli.c */
extern const struct gpon_limits acme_limits;		/* acme_driver.c */
extern const struct driver_reads acme_reads;		/* acme_reads.c */
extern const struct driver_plan acme_plan;		/* acme_plan.c */
extern const struct snmp_profile acme_snmp;		/* acme_snmp.c */

#define ACME_DEFAULT_MODEL "PH-100"	/* the ONU model when a request names none */

/* The device's own words for run and admin states ("up", "power-off",
   "in-service", "shutdown"); unknown words are ONT_UNKNOWN / ADMIN_UNKNOWN. */
enum ont_status acme_state_word(const char *s);
enum ont_admin acme_admin_word(const char *s);

/* ---- parsers (acme_parse.c) ---- */
int acme_parse_autofind(const char *text, struct pr_autofind_list *out, char **cause);
int acme_parse_ont_list(const char *text, struct pr_ont_list *out, char **cause);
int acme_parse_ont_detail(const char *text, struct pr_ont_detail *out, char **cause);
int acme_parse_optical(const char *text, struct pr_optical *out, char **cause);
/* The rows name their ONU id only: port gives theirs (may be NULL). */
int acme_parse_optical_list(const char *text, const char *port,
    struct pr_optical_list *out, char **cause);
int acme_parse_service_ports(const char *text, struct pr_service_port_list *out,
    char **cause);
int acme_parse_boards(const char *text, struct pr_board_list *out, char **cause);
int acme_parse_version(const char *text, struct pr_version *out, char **cause);
/* The PON port "1/S/P" a raw capture's echoed `show onu optical 1/S/P`
   names; NULL when it names none.  Caller frees. */
char *acme_echo_port(const char *raw);

/* ---- SNMP (acme_snmp.c), exposed for tests ---- */

/* Port index: rack * 10000 + slot * 100 + pon ("1/2/3" -> 10203). */
uint32_t acme_snmp_port_index(int rack, int slot, int pon);
/* 0 and the port, or -1 when idx is not a PON port's index. */
int acme_snmp_port_decode(uint32_t idx, int *rack, int *slot, int *pon);
double acme_snmp_rx(int64_t raw);	/* (dBm + 40) * 100; 0 = no reading */
double acme_snmp_olt_rx(int64_t raw);	/* hundredths of a microwatt; 0 = none */
enum ont_status acme_snmp_status(int64_t raw, int down_cause);
/* Serial from the agent's "ACME:1a2b3c4d". */
void acme_snmp_serial(const unsigned char *b, size_t len, char out[13]);

#endif
