/*
 * model.h — the domain as plain structs: OLTs, boards, PON ports, ONTs,
 * discovered ONTs, contracts, service profiles, signal samples, alarms,
 * config backups and jobs.
 *
 * These are what the store reads and writes and what the console and the
 * verbs show.  Besides the inventory, the poller's memory between runs is
 * typed here too: struct olt_state (last sweep, reachability, health
 * summary, alarm debounce counters), struct board_health and struct
 * olt_threshold, one row each in the tables of migration 4.
 *
 * Strings are fixed-size arrays so that a struct can be copied, kept in an
 * array and freed with one free(); the sizes are the validated maxima
 * (names are at most 32 characters, see inventory.h).  Missing optical
 * readings are NAN, a missing distance is -1.
 *
 * Enums have a *_name() / *_parse() pair so text, JSON and the database all
 * use the same words.
 */
#ifndef OLTUI_MODEL_H
#define OLTUI_MODEL_H

#include <stdbool.h>
#include <stdint.h>

#include "lib/gpon.h"

enum contract_status { CONTRACT_ACTIVE, CONTRACT_SUSPENDED };
enum wan_mode { WAN_NONE, WAN_DHCP, WAN_PPPOE };
enum alarm_severity { SEV_INFO, SEV_WARNING, SEV_MAJOR, SEV_CRITICAL };
enum job_state { JOB_QUEUED, JOB_RUNNING, JOB_DONE, JOB_FAILED, JOB_CANCELLED };

/* Names of enum values ("huawei", "ssh", "online"...), and their parsers:
   0 and *out set, or -1 for an unknown word. */
const char *contract_status_name(enum contract_status s);
int contract_status_parse(const char *s, enum contract_status *out);
const char *wan_mode_name(enum wan_mode w);
int wan_mode_parse(const char *s, enum wan_mode *out);
const char *alarm_severity_name(enum alarm_severity s);
int alarm_severity_parse(const char *s, enum alarm_severity *out);
const char *job_state_name(enum job_state s);
int job_state_parse(const char *s, enum job_state *out);

/* ---- alarm kinds ---- */

/* What an alarm is about: X(id, word, default severity, raised when).  The
   word is what the alarms table, the JSON of `oltui alarms` and the console
   show (never change one: databases hold them); the severity is the one
   core/alarms.c raises it with; the sentence is the docs/polling.md row
   (`oltui alarms --kinds-markdown`).  ALARM_UNKNOWN stands for a word this
   oltui does not know, read from a database a newer one wrote. */
#define ALARM_KINDS(X)							\
	X(ALARM_UNKNOWN, "unknown", SEV_WARNING,			\
	    "never by this oltui: a kind a newer version stored; its text says what") \
	X(ALARM_RX_WARNING, "rx_warning", SEV_WARNING,			\
	    "ONU Rx below the warning level")				\
	X(ALARM_RX_CRITICAL, "rx_critical", SEV_CRITICAL,		\
	    "ONU Rx below the critical level")				\
	X(ALARM_RX_OVERLOAD, "rx_overload", SEV_MAJOR,			\
	    "ONU Rx above the overload level: too much light")	\
	X(ALARM_OLT_RX_WARNING, "olt_rx_warning", SEV_WARNING,		\
	    "OLT Rx of the ONT below the warning level")		\
	X(ALARM_OLT_RX_CRITICAL, "olt_rx_critical", SEV_CRITICAL,	\
	    "OLT Rx of the ONT below the critical level")		\
	X(ALARM_LOS, "los", SEV_MAJOR,					\
	    "loss of signal")						\
	X(ALARM_DYING_GASP, "dying_gasp", SEV_WARNING,			\
	    "the ONT lost power")					\
	X(ALARM_OFFLINE, "offline", SEV_WARNING,			\
	    "offline for another reason")				\
	X(ALARM_PON_OUTAGE, "pon_outage", SEV_CRITICAL,			\
	    "one alarm, with the count, for many ONTs of a port in LOS " \
	    "together instead of a flood of `los`")			\
	X(ALARM_OLT_UNREACHABLE, "olt_unreachable", SEV_CRITICAL,	\
	    "two failed sweeps in a row")				\
	X(ALARM_TEMPERATURE_HIGH, "temperature_high", SEV_MAJOR,	\
	    "a board above the temperature level")

#define ALARM_KIND_ENUM(id, word, sev, doc) id,
enum alarm_kind { ALARM_KINDS(ALARM_KIND_ENUM) ALARM_KIND_COUNT };
#undef ALARM_KIND_ENUM

/* The word of a kind ("pon_outage"; "?" out of range) and its parser (0 and
   *out, or -1 for a word this oltui does not know). */
const char *alarm_kind_name(enum alarm_kind k);
int alarm_kind_parse(const char *s, enum alarm_kind *out);
/* The severity a kind is raised with, and its "raised when" sentence. */
enum alarm_severity alarm_kind_severity(enum alarm_kind k);
const char *alarm_kind_doc(enum alarm_kind k);

struct olt {
	int64_t		 id;		/* store row id; 0 before insert */
	char		 name[NAME_MAX_LEN + 1];
	char		 driver[DRIVER_NAME_MAX + 1];	/* its driver's registry name: "huawei" */
	char		 model[33];	/* "MA5800-X7"; may be empty */
	char		 host[254];	/* DNS name or address */
	int		 port;		/* CLI port */
	enum transport_kind	 transport;
	char		 user[65];	/* CLI login */
	char		 password_sealed[512];	/* vault_seal() output; "" = none */
	char		 community_sealed[512];	/* SNMP read community, sealed */
	int		 snmp_port;
	char		 tags[256];	/* comma-separated tags; may be empty */
	char		 jump_host[254];	/* optional; may be empty */
	int64_t		 created_at;	/* epoch seconds */
};

struct board {
	int64_t		 olt_id;
	int		 frame;
	int		 slot;
	char		 type[33];	/* "H807GPBD", "GTGO" */
	char		 status[33];	/* as the device says: "Normal", "INSERVICE" */
	int64_t		 read_at;
};

struct pon_port {
	int64_t		 olt_id;
	char		 port[PORT_MAX_LEN + 1];	/* "F/S/P" */
	int		 onts;		/* ONTs stored on it */
	int		 online;	/* of which online */
	int64_t		 newest;	/* its newest ONT reading (epoch), 0 = none */
};

/* One ONT as a poll read it; the input of store_onts_upsert(). */
struct ont_reading {
	char		 port[PORT_MAX_LEN + 1];	/* "F/S/P" */
	int		 ont_id;	/* ONT id on the port */
	char		 sn[SN_MAX_LEN + 1];
	enum ont_admin	 admin;
	enum ont_status	 status;
	double		 rx_dbm;	/* ONU Rx; NAN if not read */
	double		 olt_rx_dbm;	/* OLT Rx from this ONT; NAN if not read */
	int		 distance_m;	/* -1 if not read */
	int64_t		 read_at;	/* epoch seconds */
};

/* One ONT as stored. */
struct ont {
	int64_t		 id;		/* store row id; samples refer to it */
	int64_t		 olt_id;
	char		 port[PORT_MAX_LEN + 1];
	int		 ont_id;
	char		 sn[SN_MAX_LEN + 1];
	char		 model[33];	/* may be empty */
	char		 firmware[33];	/* may be empty */
	enum ont_admin	 admin;
	enum ont_status	 status;
	double		 rx_dbm;	/* NAN if never read */
	double		 olt_rx_dbm;	/* NAN if never read */
	int		 distance_m;	/* -1 if never read */
	int64_t		 last_seen;	/* epoch seconds of the last reading */
	char		 contract[NAME_MAX_LEN + 1];	/* linked contract code or "" */
};

/* An ONT found by autofind / uncfg, not yet authorised. */
struct discovered_ont {
	int64_t		 olt_id;
	char		 port[PORT_MAX_LEN + 1];
	char		 sn[SN_MAX_LEN + 1];
	char		 model[33];	/* equipment id, may be empty */
	int64_t		 found_at;
};

struct contract {
	int64_t		 id;
	char		 code[NAME_MAX_LEN + 1];
	char		 customer[129];
	char		 address[257];	/* may be empty */
	enum contract_status status;
	int64_t		 created_at;
};

struct profile {
	int64_t		 id;
	char		 name[NAME_MAX_LEN + 1];
	int		 vlan;		/* 1..4094 */
	int		 down_mbps;	/* 1..100000 */
	int		 up_mbps;
	char		 line_profile[NAME_MAX_LEN + 1];	/* id or name on the OLT */
	char		 service_profile[NAME_MAX_LEN + 1];
	enum wan_mode	 wan;
	char		 acs_url[256];	/* may be empty */
};

struct signal_sample {
	int64_t		 ont;		/* struct ont.id */
	int64_t		 t;		/* epoch seconds */
	double		 rx_dbm;	/* NAN if not read */
	double		 olt_rx_dbm;	/* NAN if not read */
};

struct alarm {
	int64_t		 id;
	int64_t		 olt_id;
	char		 sn[SN_MAX_LEN + 1];	/* "" for an OLT-level alarm */
	char		 port[PORT_MAX_LEN + 1];	/* may be empty */
	enum alarm_severity severity;
	enum alarm_kind	 kind;
	char		 text[257];
	int64_t		 raised_at;
	int64_t		 cleared_at;	/* 0 while active */
};

/* ---- the poller's memory of an OLT (tables olt_state, olt_board_health,
   olt_thresholds) ---- */

/* One OLT's state between runs, one row of olt_state: X(type, column,
   size, default, meaning) with type BOOL (0/1), TIME (epoch s, 0 = never),
   COUNT (an integer) or TEXT (char[size]).  The list yields the struct, the
   store's column list and row reader (core/store_olt_state.c), the "state"
   object of `oltui health --json` and the docs/polling.md table
   (core/olt_state.c).  Columns are those of migration 4 (core/schema.c):
   a new field needs a migration that adds its column. */
#define OLT_STATE_FIELDS(X)						\
	X(TIME, sweep_at, 0, 0,						\
	    "when the last sweep ended; 0 = never swept")		\
	X(BOOL, sweep_ok, 0, 0,						\
	    "whether the last sweep got its answers (all, or part: sweep_partial)") \
	X(COUNT, sweep_ms, 0, 0,					\
	    "the last sweep's wall time, ms")				\
	X(COUNT, sweep_requests, 0, 0,					\
	    "the SNMP requests it sent")				\
	X(COUNT, sweep_onts, 0, 0,					\
	    "the ONTs it read")						\
	X(COUNT, sweep_online, 0, 0,					\
	    "of which online")						\
	X(TIME, last_ok_at, 0, 0,					\
	    "when a sweep last succeeded; 0 = never or not known")	\
	X(COUNT, failures, 0, 0,					\
	    "failed sweeps in a row (`olt_unreachable` from 2)")	\
	X(TEXT, last_error, 257, 0,					\
	    "why the last sweep failed; empty after a success")	\
	X(TEXT, descr, 256, 0,						\
	    "the OLT's sysDescr at the last health read")		\
	X(COUNT, uptime_s, 0, -1,					\
	    "its uptime then, s; -1 = unknown")				\
	X(TIME, health_at, 0, 0,					\
	    "when health was last read; 0 = never")			\
	X(COUNT, hot_readings, 0, 0,					\
	    "health reads in a row with a board above the temperature level " \
	    "(`temperature_high` from 2)")				\
	X(BOOL, sweep_partial, 0, 0,					\
	    "whether the last sweep ran out of its SNMP request budget "	\
	    "(`poll.snmp_budget_per_sweep`) and stored only the ports it read whole")

#define OLT_STATE_BOOL(name, size)	bool name;
#define OLT_STATE_TIME(name, size)	int64_t name;
#define OLT_STATE_COUNT(name, size)	int64_t name;
#define OLT_STATE_TEXT(name, size)	char name[size];
#define OLT_STATE_DECL(type, name, size, def, doc) OLT_STATE_##type(name, size)
struct olt_state {
	int64_t		 olt_id;
	OLT_STATE_FIELDS(OLT_STATE_DECL)
};
#undef OLT_STATE_DECL

/* One board as the last health read saw it (olt_board_health). */
struct board_health {
	int64_t		 olt_id;
	int		 frame;		/* frame (or rack) */
	int		 slot;
	char		 name[32];	/* board name when the agent says; may be "" */
	int		 cpu_pct;	/* -1 when unknown */
	double		 temp_c;	/* NAN when unknown */
};

/* A per-OLT override of the level that raises an alarm kind
   (olt_thresholds): rx_warning, rx_critical, rx_overload, olt_rx_warning,
   olt_rx_critical or temperature_high (core/alarms.c says which). */
struct olt_threshold {
	enum alarm_kind	 kind;
	double		 value;		/* dBm, or °C for temperature_high */
};

struct config_backup {
	int64_t		 id;
	int64_t		 olt_id;
	int64_t		 taken_at;
	char		 sha256[65];	/* hex of the text */
	char		*text;		/* owned; NULL in listings */
};

/* ---- the TR-069 ACS (issue 12) ---- */

#define ACS_DEVICE_ID_MAX	127	/* a GenieACS device "_id" */
#define ACS_TASK_ID_MAX		63	/* a GenieACS task "_id" */

/* What became of a task oltui posted that the ACS kept (202): X(id, word). */
#define ACS_TASK_STATES(X)						\
	X(ACS_TASK_QUEUED,	"queued")	/* still on the ACS */		\
	X(ACS_TASK_FAULTED,	"faulted")	/* on the ACS, the router faulted it */ \
	X(ACS_TASK_DONE,	"done")		/* gone from the ACS: it ran */ \
	X(ACS_TASK_UNKNOWN,	"unknown")	/* the ACS could not be asked */

#define ACS_TASK_ENUM(id, word) id,
enum acs_task_state { ACS_TASK_STATES(ACS_TASK_ENUM) ACS_TASK_STATE_COUNT };
#undef ACS_TASK_ENUM
const char *acs_task_state_name(enum acs_task_state s);
int acs_task_state_parse(const char *s, enum acs_task_state *out);

/* One such task (acs_tasks). */
struct acs_task_row {
	char			 task_id[ACS_TASK_ID_MAX + 1];
	char			 device_id[ACS_DEVICE_ID_MAX + 1];
	char			 sn[SN_MAX_LEN + 1];	/* the ONT serial, "" unknown */
	char			 action[48];	/* "acs wifi", "acs reboot" */
	char			 what[200];	/* the masked task: "set ….SSID = \"Home\"" */
	int64_t			 audit_id;	/* the write that posted it */
	int64_t			 posted_at;	/* Unix seconds */
	int64_t			 done_at;	/* when oltui saw it gone; 0 */
	enum acs_task_state	 state;
	char			 fault[160];	/* the router's fault, "" */
};

/* A value oltui keeps sealed (kept_secrets): the newest row of a name is
   its value. */
struct kept_secret {
	int64_t		 id;
	char		 name[256];	/* "acs.password", "acs:<device>:<path>" */
	char		 sealed[512];	/* vault_seal() output */
	int64_t		 set_at;	/* Unix seconds */
	int64_t		 audit_id;	/* the write that set it; 0 none */
};

struct job {
	int64_t		 id;
	char		 kind[33];	/* "sweep", "provision", "backup" */
	int64_t		 olt_id;	/* 0 if not tied to one OLT */
	enum job_state	 state;
	int64_t		 created_at;
	int64_t		 started_at;	/* 0 until it runs */
	int64_t		 finished_at;	/* 0 until it ends */
	char		 result[257];	/* a line for the technician */
};

#endif
