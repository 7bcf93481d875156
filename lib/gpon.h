/*
 * gpon.h — the one vocabulary every layer shares: how oltui names a vendor,
 * an ONT's run and admin states, how an OLT is reached, and the limits of
 * the names and identifiers it stores.
 *
 * One word per concept, once: the parsers, the SNMP profiles, the store,
 * the alarms, the console and the JSON of the verbs all use these enums and
 * spell their values with the *_name() tables below, so a state read by the
 * CLI, by SNMP and from the database is the same value with the same word.
 *
 * A vendor is never an enum constant.  It is the name of a driver in the
 * registry (drivers/driver.h, "huawei", "zte", ...): the store keeps that
 * name, core looks the driver up by it, and only drivers/<vendor>*.c knows
 * what a given vendor does.  Adding a vendor adds a registry entry, not a
 * value here.
 *
 * Pure data and pure functions; any thread.
 */
#ifndef OLTUI_GPON_H
#define OLTUI_GPON_H

#include <stdbool.h>

/* ---- limits of what oltui stores (validated on input) ---- */

#define NAME_MAX_LEN	32	/* names of OLTs, profiles; contract codes */
#define SN_MAX_LEN	16	/* GPON serial, "HWTC1A2B3C4D" or 16 hex digits */
#define PORT_MAX_LEN	15	/* a PON port as its driver spells it ("0/1/0") */
#define DRIVER_NAME_MAX	15	/* a driver's registry name ("huawei") */
#define VLAN_MIN	1
#define VLAN_MAX	4094

/* ---- an ONT's run state ---- */

/* What an ONT is doing now, whatever reported it (CLI, SNMP, a read-back).
   The names are the words of the database, the JSON and the console. */
#define ONT_STATUSES(X)						\
	X(ONT_UNKNOWN,		"unknown")			\
	X(ONT_ONLINE,		"online")			\
	X(ONT_OFFLINE,		"offline")	/* down, no reason given */ \
	X(ONT_LOS,		"los")		/* loss of signal: the fibre */ \
	X(ONT_DYING_GASP,	"dying_gasp")	/* it lost power */	\
	X(ONT_AUTH_FAILED,	"auth_failed")	/* serial/password refused */ \
	X(ONT_SYNCING,		"syncing")	/* ranging, logging in */

#define GPON_ENUM(id, name) id,
enum ont_status { ONT_STATUSES(GPON_ENUM) ONT_STATUS_COUNT };

/* ---- an ONT's administrative state ---- */

#define ONT_ADMINS(X)						\
	X(ADMIN_UNKNOWN,	"unknown")			\
	X(ADMIN_ENABLED,	"enabled")			\
	X(ADMIN_DISABLED,	"disabled")

enum ont_admin { ONT_ADMINS(GPON_ENUM) ONT_ADMIN_COUNT };

/* ---- how an OLT's CLI is reached ---- */

#define TRANSPORTS(X)						\
	X(TRANSPORT_SSH,	"ssh")				\
	X(TRANSPORT_TELNET,	"telnet")

enum transport_kind { TRANSPORTS(GPON_ENUM) TRANSPORT_COUNT };
#undef GPON_ENUM

/* Names of the values ("online", "enabled", "ssh"); "?" out of range. */
const char *ont_status_name(enum ont_status s);
const char *ont_admin_name(enum ont_admin a);
const char *transport_name(enum transport_kind t);
/* The value a name spells: 0 and *out, or -1 for an unknown word.
   ont_status_parse also takes the older hyphenated "dying-gasp",
   "auth-failed". */
int ont_status_parse(const char *s, enum ont_status *out);
int ont_admin_parse(const char *s, enum ont_admin *out);
int transport_parse(const char *s, enum transport_kind *out);

#endif
