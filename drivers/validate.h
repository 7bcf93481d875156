/*
 * validate.h — every value a write sends, checked before it reaches a
 * template (template.h) and so before it reaches a device.
 *
 * Each validator takes the value as typed, refuses anything outside the
 * field's allowed form with a cause that names the field and that form
 * ("VLAN must be a number 1-4094, got \"5000\""), and on success may hand
 * back a normalised copy (a serial in its canonical 12-character form, a
 * port without blanks).  CR, LF and every other control character are
 * refused by every validator, as are quotes where the device would take
 * them as delimiters, so no value can end one command and start another.
 *
 * Vendor-dependent ranges (ONT id 0-127 on Huawei, 1-128 on ZTE; port
 * forms "F/S/P" and "1/S/P"; description lengths 64 and 32) take the
 * vendor.  Pure functions, any thread.
 */
#ifndef OLTUI_VALIDATE_H
#define OLTUI_VALIDATE_H

#include <stdbool.h>

#include "drivers/parse.h"

#define VALIDATE_DESC_MAX_HUAWEI 64	/* huawei-cli.md §5 */
#define VALIDATE_DESC_MAX_ZTE	 32	/* RECONSTRUCTED: not in the captures */

/* A serial as 12 characters (4 vendor letters + 8 hex) or 16 hex digits.
   sn12 gets the canonical "HWTC6B886FA5", sn16 (may be NULL) the
   "485754436B886FA5" form Huawei's sn-auth takes.  0 or -1. */
int validate_sn(const char *field, const char *s, char sn12[13], char sn16[17],
    char **cause);
/* A VLAN id 1-4094. */
int validate_vlan(const char *field, long v, char **cause);
/* An ONT id: Huawei 0-127, ZTE 1-128. */
int validate_ont_id(enum pr_vendor vd, const char *field, long v, char **cause);
/* A PON port: Huawei "F/S/P" (F 0-7, S 0-21, P 0-15), ZTE "1/S/P" (S 1-21,
   P 1-16).  Fills the numbers when not NULL. */
int validate_port(enum pr_vendor vd, const char *field, const char *s, int *frame,
    int *slot, int *port, char **cause);
/* A description: printable ASCII, no quotes, at most 64 (Huawei) / 32 (ZTE)
   characters, not empty. */
int validate_desc(enum pr_vendor vd, const char *field, const char *s, char **cause);
/* A name (ZTE ONU name, contract code): printable ASCII, no quotes, 1-32. */
int validate_name(const char *field, const char *s, char **cause);
/* A speed in Mbit/s, 1-10000. */
int validate_speed(const char *field, long v, char **cause);
/* A GEM port / vport id 1-4095 (Huawei also 0). */
int validate_gemport(enum pr_vendor vd, const char *field, long v, char **cause);
/* A profile name ([A-Za-z0-9_.-]{1,32}) or id (a number 0-65535). */
int validate_profile(const char *field, const char *s, char **cause);
/* An URL: http(s)://host[:port][/path], printable, no blanks or quotes,
   at most 200 characters. */
int validate_url(const char *field, const char *s, char **cause);
/* A PPPoE / ACS user name or password: printable, no blanks or quotes,
   1-64 characters.  The cause never quotes the value (it may be secret). */
int validate_credential(const char *field, const char *s, char **cause);
/* A non-negative integer 0-65535 (indexes, table ids). */
int validate_uint(const char *field, const char *s, long *out, char **cause);

/* The validator for a template placeholder type: "sn", "sn16", "vlan",
   "ont_id", "port", "fs" (Huawei "F/S"), "pon" (a port number), "desc",
   "name", "speed", "gemport", "profile", "url", "user", "secret", "int",
   "word" (same as profile).  Checks s and returns a newly allocated
   normalised copy in *out.  0, or -1 with a cause; -2 when the type is
   unknown. */
int validate_typed(enum pr_vendor vd, const char *type, const char *field,
    const char *s, char **out, char **cause);
/* True when type names a secret (masked in displays). */
bool validate_type_secret(const char *type);

#endif
