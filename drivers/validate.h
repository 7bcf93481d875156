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
 * Ranges that depend on the OLT (ONT ids, PON port forms, GEM ports,
 * description lengths) come from its driver's struct gpon_limits
 * (driver.h: every driver supplies one).  Pure functions, any thread.
 */
#ifndef OLTUI_VALIDATE_H
#define OLTUI_VALIDATE_H

#include <stdbool.h>

/* What one OLT family's identifiers look like.  A PON port is always three
   numbers "A/B/C" (frame or rack / slot / port) in these ranges. */
struct gpon_limits {
	const char	*name;		/* "huawei": for "an ONT id on huawei" */
	const char	*vendor;	/* "Huawei": for "a Huawei PON port" */
	const char	*port_form;	/* "frame/slot/port (\"0/1/0\": frame 0-7, ...)" */
	int		 frame_min, frame_max;
	int		 slot_min, slot_max;
	int		 pon_min, pon_max;
	int		 ont_id_min, ont_id_max;
	int		 gem_min, gem_max;	/* GEM port / vport */
	int		 desc_max;		/* description length */
};

/* A serial as 12 characters (4 vendor letters + 8 hex) or 16 hex digits.
   sn12 gets the canonical "HWTC6B886FA5", sn16 (may be NULL) the
   "485754436B886FA5" form Huawei's sn-auth takes.  0 or -1. */
int validate_sn(const char *field, const char *s, char sn12[13], char sn16[17],
    char **cause);
/* A VLAN id 1-4094. */
int validate_vlan(const char *field, long v, char **cause);
/* An ONT id in the OLT's range. */
int validate_ont_id(const struct gpon_limits *l, const char *field, long v, char **cause);
/* A PON port "A/B/C" in the OLT's ranges.  Fills the numbers when not NULL. */
int validate_port(const struct gpon_limits *l, const char *field, const char *s,
    int *frame, int *slot, int *port, char **cause);
/* A description: printable ASCII, no quotes, at most the OLT's length,
   not empty. */
int validate_desc(const struct gpon_limits *l, const char *field, const char *s,
    char **cause);
/* A name (ZTE ONU name, contract code): printable ASCII, no quotes, 1-32. */
int validate_name(const char *field, const char *s, char **cause);
/* A speed in Mbit/s, 1-10000. */
int validate_speed(const char *field, long v, char **cause);
/* A GEM port / vport id in the OLT's range. */
int validate_gemport(const struct gpon_limits *l, const char *field, long v,
    char **cause);
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
   "ont_id", "port", "fs" (a board "F/S"), "pon" (a port number), "desc",
   "name", "speed", "gemport", "profile", "url", "user", "secret", "int",
   "word" (same as profile).  Checks s and returns a newly allocated
   normalised copy in *out.  0, or -1 with a cause; -2 when the type is
   unknown. */
int validate_typed(const struct gpon_limits *l, const char *type, const char *field,
    const char *s, char **out, char **cause);
/* True when type names a secret (masked in displays). */
bool validate_type_secret(const char *type);

#endif
