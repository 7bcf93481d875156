/*
 * model.h — the domain as plain structs: OLTs, boards, PON ports, ONTs,
 * discovered ONTs, contracts, service profiles, signal samples, alarms,
 * config backups and jobs.
 *
 * These are what the store reads and writes and what the console and the
 * verbs show.  Strings are fixed-size arrays so that a struct can be copied,
 * kept in an array and freed with one free(); the sizes are the validated
 * maxima (names are at most 32 characters, see inventory.h).  Missing
 * optical readings are NAN, a missing distance is -1.
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
	char		 kind[33];	/* "los", "rx_low", "dying_gasp" */
	char		 text[257];
	int64_t		 raised_at;
	int64_t		 cleared_at;	/* 0 while active */
};

struct config_backup {
	int64_t		 id;
	int64_t		 olt_id;
	int64_t		 taken_at;
	char		 sha256[65];	/* hex of the text */
	char		*text;		/* owned; NULL in listings */
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
