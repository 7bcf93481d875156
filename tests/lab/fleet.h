/*
 * fleet.h — the simulated OLTs' state, shared by every face of oltsim.
 *
 * One process holds a fleet of OLTs.  Each OLT is one struct sim_olt with
 * its own mutex: the CLI personas (huawei.c over SSH, zte.c over Telnet),
 * the SNMP agent (snmp_agent.c), the control interface (ctl.c) and the
 * dynamics (fleet_tick) all read and change the same structs, so an ONT
 * provisioned over the CLI appears in SNMP and a deleted one disappears.
 *
 * Locking: take olt->lock (olt_lock) around any read or write of an OLT's
 * boards, PONs, ONTs, service ports, profiles, events and faults.  Never
 * sleep or do I/O while holding it.  The fleet array itself and each OLT's
 * identity fields (name, vendor, ports, credentials) never change after
 * fleet_new(), so they can be read without the lock.
 *
 * Numbering follows the devices: Huawei frame/slot/port are 0-based and ONT
 * ids 0..127; ZTE rack is 1, slot and port 1-based, ONU ids 1..128.
 * Optical levels are kept in hundredths of a dBm (int16_t): -1942 = -19.42.
 *
 * Same seed, same fleet: every generated value comes from the fleet's seed
 * through sim_rand().
 */
#ifndef OLTSIM_FLEET_H
#define OLTSIM_FLEET_H

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>

enum sim_vendor { SIM_HUAWEI, SIM_ZTE };

/* Run state of an ONT (Huawei "Run state", ZTE "Phase State"). */
enum sim_ont_state {
	SIM_ONLINE,		/* Huawei online / ZTE working */
	SIM_OFFLINE,		/* Huawei offline / ZTE OffLine (powered off, deactivated) */
	SIM_LOS,		/* loss of signal: fibre cut or unplugged */
	SIM_DYING_GASP,		/* power lost, ONT said goodbye */
};

/* Why an ONT last went down. */
enum sim_down_cause {
	SIM_CAUSE_NONE,		/* never went down: "-" */
	SIM_CAUSE_LOS,		/* Huawei "LOSi/LOBi", ZTE "LOSi" */
	SIM_CAUSE_DYING_GASP,	/* Huawei "dying-gasp", ZTE "DyingGasp" */
	SIM_CAUSE_RESET,	/* Huawei "ONT is reset by ONT command", ZTE "Reboot" */
	SIM_CAUSE_DEACTIVATED,	/* deactivated by the operator */
};

#define SIM_NO_LEVEL INT16_MIN	/* no optical reading (offline ONT) */
#define SIM_MAX_ONTS 128	/* per PON port */

/* An ONT model: what autofind and detail outputs print. */
struct sim_model {
	const char	*vendor_id;	/* "HWTC", "ZTEG" */
	const char	*equipment_id;	/* Huawei "EG8145V5", ZTE type "ZTE-F660" */
	const char	*version;	/* hardware version "159D.A" */
	const char	*software;	/* "V5R020C10S213" */
};
extern const struct sim_model sim_models[];
extern const int sim_nmodels;

/* A configuration line entered over the CLI for one ONT, kept in order so
   running-config displays can print it back (ZTE interface / pon-onu-mng
   lines, Huawei ont ipconfig / wan-config / tr069-server-config). */
struct sim_cfgline {
	struct sim_cfgline	*next;
	uint8_t			 section;	/* 0 = ZTE interface gpon-onu / Huawei interface gpon; 1 = ZTE pon-onu-mng */
	char			 text[];	/* the line without leading blanks */
};

struct sim_ont {
	uint16_t		 id;		/* ONT id on its port */
	uint8_t			 state;		/* enum sim_ont_state */
	uint8_t			 admin;		/* 1 active/enable, 0 deactivated/disable */
	uint8_t			 down_cause;	/* enum sim_down_cause */
	uint8_t			 model;		/* index into sim_models */
	uint8_t			 config_ok;	/* 1 normal/match; 0 failing/mismatch */
	char			 sn[13];	/* 4 vendor letters + 8 upper-case hex */
	int16_t			 rx;		/* ONU Rx, 0.01 dBm, or SIM_NO_LEVEL */
	int16_t			 tx;		/* ONU Tx, 0.01 dBm, or SIM_NO_LEVEL */
	int16_t			 olt_rx;	/* OLT Rx of this ONT, 0.01 dBm, or SIM_NO_LEVEL */
	int16_t			 rx_base;	/* the level drift wanders around */
	int16_t			 olt_rx_base;
	uint16_t		 distance_m;
	uint16_t		 line_profile;	/* Huawei ont-lineprofile-id; ZTE: unused */
	uint16_t		 srv_profile;	/* Huawei ont-srvprofile-id; ZTE: unused */
	int64_t			 last_up;	/* epoch s of the last time it came up, 0 = never */
	int64_t			 last_down;	/* epoch s of the last time it went down, 0 = never */
	char			*desc;		/* description; NULL = vendor default */
	char			*name;		/* ZTE name; NULL = none */
	struct sim_cfgline	*cfg;		/* lines entered over the CLI, in order */
};

/* An unauthorised ONT seen by autofind / uncfg. */
struct sim_autofind {
	char		 sn[13];
	uint8_t		 model;
	int64_t		 found_at;	/* epoch s */
};

struct sim_pon {
	uint8_t			 frame;		/* Huawei frame (0) / ZTE rack (1) */
	uint8_t			 slot;
	uint8_t			 port;
	bool			 cut;		/* fibre cut: every ONT is LOS */
	struct sim_ont		*onts[SIM_MAX_ONTS + 1];	/* by ONT id; NULL = free */
	int			 nonts;		/* how many are not NULL */
	struct sim_autofind	*autofind;	/* unauthorised ONTs on this port */
	int			 nautofind;
};

/* Huawei service-port / ZTE service-port of an ONU. */
struct sim_service_port {
	uint32_t	 index;		/* Huawei global index; ZTE per-ONU 1.. */
	uint16_t	 vlan;		/* S-VLAN */
	uint16_t	 user_vlan;	/* C-VLAN */
	uint16_t	 pon;		/* index into olt->pons */
	uint16_t	 ont_id;
	uint16_t	 gem;		/* Huawei gemport / ZTE vport */
	int16_t		 rx_table;	/* inbound traffic table, -1 = none */
	int16_t		 tx_table;	/* outbound traffic table, -1 = none */
};

struct sim_board {
	uint8_t		 slot;
	char		 name[16];	/* Huawei "H901GPHF"; ZTE CfgType "GTGH" */
	char		 real[16];	/* ZTE RealType; Huawei: unused */
	char		 status[24];	/* "Normal", "Active_normal", "INSERVICE", … */
	uint8_t		 nports;	/* PON ports (0 for control / uplink boards) */
	bool		 gpon;		/* a PON line card */
};

/* A line or service profile (Huawei) / tcont or traffic profile (ZTE). */
struct sim_profile {
	uint16_t	 id;
	char		 name[32];
	uint8_t		 kind;		/* SIM_PROF_* */
};
enum { SIM_PROF_LINE, SIM_PROF_SRV, SIM_PROF_TRAFFIC, SIM_PROF_TCONT, SIM_PROF_ONU_TYPE };

/* Faults a test can switch on through the control interface. */
struct sim_fault {
	int		 latency_ms;	/* added before each CLI answer */
	bool		 refuse_login;	/* every login fails */
	bool		 snmp_timeout;	/* the agent stops answering */
	long		 drop_after;	/* close a CLI connection after this many bytes out (0 = off) */
	bool		 garble;	/* corrupt CLI output bytes */
	bool		 busy;		/* Huawei "Failure: System is busy…" for writes */
	/* A step fault: the CLI command line that is step_text (a plan step,
	   as oltui sends it) for the (step_skip + 1)th time meets step_kind,
	   once; then it is off.  Every match is counted (step_seen), so a test
	   can count how often a command is sent (kind off). */
	int		 step_kind;	/* SIM_STEP_* (0 = off: count only) */
	char		 step_text[160];
	int		 step_ms;	/* SIM_STEP_SLOW: the delay */
	int		 step_skip;	/* matches to let pass before it fires */
	int		 step_seen;	/* matches so far */
	bool		 once_drop;	/* the next bytes out close the connection */
	bool		 once_garble;	/* the next bytes out are garbled */
};

/* What a step fault does to the command that meets it. */
enum {
	SIM_STEP_OFF,
	SIM_STEP_DROP,		/* run it, then close the connection unanswered */
	SIM_STEP_GARBLE,	/* run it, garble its answer */
	SIM_STEP_BUSY,		/* answer "busy" (ZTE: a %Error), do not run it */
	SIM_STEP_SLOW,		/* wait step_ms, then run it and answer */
};

/* Something that happened, for asynchronous alarm output and SNMP traps. */
struct sim_event {
	uint64_t	 seq;		/* increasing, never 0 */
	int64_t		 at;		/* epoch s */
	uint16_t	 pon;		/* index into olt->pons */
	uint16_t	 ont_id;
	uint8_t		 what;		/* SIM_EV_* */
};
enum { SIM_EV_ONT_UP, SIM_EV_ONT_LOS, SIM_EV_ONT_DYING_GASP, SIM_EV_ONT_FOUND, SIM_EV_PON_CUT, SIM_EV_PON_RESTORED };
#define SIM_EVENTS 64

struct sim_olt {
	pthread_mutex_t		 lock;

	/* Identity: fixed after fleet_new, readable without the lock. */
	char			 name[32];	/* "hw-1", "zte-1" */
	enum sim_vendor		 vendor;
	char			 sysname[40];	/* the prompt's host name */
	char			 model[16];	/* "MA5800-X7", "C320" */
	char			 version[48];	/* "MA5800V100R019C10", "V2.1.0" */
	uint16_t		 cli_port;	/* TCP, on 127.0.0.1 */
	uint16_t		 snmp_port;	/* UDP, on 127.0.0.1 */
	char			 community[32];
	char			 user[32];
	char			 password[32];
	int64_t			 boot_time;	/* epoch s */

	/* State: under lock. */
	struct sim_board	*boards;
	int			 nboards;
	struct sim_pon		*pons;		/* sorted by frame/slot/port */
	int			 npons;
	struct sim_service_port	*sps;		/* Huawei: sorted by index */
	int			 nsps;
	int			 cap_sps;
	struct sim_profile	*profiles;
	int			 nprofiles;
	struct sim_fault	 fault;
	int			 sessions;	/* CLI sessions open now */
	unsigned long		 logins;	/* CLI logins accepted since start */
	int			 max_sessions;	/* per-user limit */
	int			 cpu_pct;
	int			 temp_c;
	bool			 dirty;		/* changed since the last save / write */
	bool			 uncfg_model;	/* ZTE `pon` / `uncfg-onu-display-info
						   model sn pw`: uncfg lists show the
						   model and password columns */
	uint32_t		 rng;		/* dynamics PRNG state */
	struct sim_event	 events[SIM_EVENTS];	/* ring */
	uint64_t		 event_seq;	/* seq of the newest event, 0 = none */
};

struct fleet_opts {
	int		 huawei;	/* how many Huawei OLTs */
	int		 zte;		/* how many ZTE OLTs */
	int		 boards;	/* PON boards per OLT */
	int		 pons;		/* PON ports per board */
	int		 onts;		/* ONTs per PON port */
	uint32_t	 seed;
	int		 base_port;	/* first TCP/UDP port; each OLT takes two */
	int		 latency_ms;	/* per-command latency */
};

struct sim_fleet {
	struct sim_olt	*olts;
	int		 nolts;
	uint32_t	 seed;
};

/* Builds a fleet from opts (deterministic for a seed).  Never NULL. */
struct sim_fleet *fleet_new(const struct fleet_opts *opts);
void fleet_free(struct sim_fleet *f);
/* Returns the OLT called name, or NULL. */
struct sim_olt *fleet_olt(struct sim_fleet *f, const char *name);

void olt_lock(struct sim_olt *olt);
void olt_unlock(struct sim_olt *olt);

/* The following need olt->lock held. */

/* Returns the PON port or NULL when the OLT has none there. */
struct sim_pon *olt_pon(struct sim_olt *olt, int frame, int slot, int port);
/* Returns the ONT with that id, or NULL. */
struct sim_ont *pon_ont(struct sim_pon *pon, int ont_id);
/* Finds an authorised ONT by serial (12-char form, case-insensitive);
   sets *pon when found. */
struct sim_ont *olt_find_sn(struct sim_olt *olt, const char *sn, struct sim_pon **pon);

/* The step fault line meets, if any (taken: it fires once).  For DROP and
   GARBLE the connection's next output is set to be dropped or garbled.
   Takes the OLT's lock. */
int fleet_step_fault(struct sim_olt *olt, const char *line, int *ms);
/* Sets a step fault on text after skip matches (kind SIM_STEP_OFF: only
   count the matches; text NULL clears it).  Takes the lock. */
void fleet_set_step_fault(struct sim_olt *olt, int kind, const char *text, int ms,
    int skip);
/* How many command lines matched the step fault's text since it was set. */
int fleet_step_seen(struct sim_olt *olt);

/* Finds an unauthorised ONT by serial; sets *pon when found. */
struct sim_autofind *olt_find_autofind(struct sim_olt *olt, const char *sn, struct sim_pon **pon);
/* Authorises an ONT with serial sn on pon at ont_id (-1: first free id).
   Removes it from autofind if it was there; it comes online when it was
   there (it is plugged in), otherwise stays offline.  Returns the ONT, or
   NULL when the id is taken or out of range, or the port is full. */
struct sim_ont *pon_add_ont(struct sim_olt *olt, struct sim_pon *pon, int ont_id,
    const char *sn);
/* Removes an ONT and its service ports (and puts it back into autofind if
   it was online, as a real ONT still plugged in would reappear).  0, or -1
   when there is none.  The Huawei persona refuses beforehand when service
   ports exist, as the device does. */
int pon_del_ont(struct sim_olt *olt, struct sim_pon *pon, int ont_id);
/* Appends a configuration line to an ONT. */
void ont_add_cfg(struct sim_ont *ont, int section, const char *text);
/* Sets a run state, recording last up/down, cause and an event. */
void ont_set_state(struct sim_olt *olt, struct sim_pon *pon, struct sim_ont *ont,
    enum sim_ont_state st, enum sim_down_cause cause);
/* Adds an unauthorised ONT to pon's autofind list (sn NULL = random). */
struct sim_autofind *pon_add_autofind(struct sim_olt *olt, struct sim_pon *pon,
    const char *sn);
/* Records an event in the ring. */
void olt_event(struct sim_olt *olt, int what, int pon, int ont_id);
/* Cuts (true) or restores (false) a PON's fibre: all its ONTs go LOS/up. */
void pon_set_cut(struct sim_olt *olt, struct sim_pon *pon, bool cut);
/* Service ports.  Huawei indexes are global to the OLT; ZTE indexes are
   per ONU (pon, ont_id, index).  Adds one (index 0 = next free), returns it
   or NULL when the index is taken. */
struct sim_service_port *olt_add_sp(struct sim_olt *olt, const struct sim_service_port *sp);
/* Removes a Huawei service port by global index; 0, or -1 when none. */
int olt_del_sp(struct sim_olt *olt, uint32_t index);
/* Removes a ZTE service port of one ONU; 0, or -1 when none. */
int olt_del_sp_at(struct sim_olt *olt, int pon, int ont_id, uint32_t index);
/* Counts the service ports that reference an ONT. */
int olt_count_sps(struct sim_olt *olt, int pon, int ont_id);
/* Index of pon in olt->pons. */
int olt_pon_index(const struct sim_olt *olt, const struct sim_pon *pon);
/* Returns a profile by kind and id (name NULL) or name (id < 0), or NULL. */
const struct sim_profile *olt_profile(struct sim_olt *olt, int kind, int id, const char *name);

/* Advances the fleet's life to time now: levels drift with noise, some ONTs
   go LOS or dying-gasp and come back, new unauthorised ONTs appear in
   autofind.  Takes each OLT's lock itself.  Deterministic per seed and
   call sequence. */
void fleet_tick(struct sim_fleet *f, int64_t now);

/* A small deterministic PRNG (xorshift32). */
uint32_t sim_rand(uint32_t *state);

/* The serial in the 16-hex form: "HWTC6B886FA5" -> "485754436B886FA5". */
void sim_sn_hex(const char *sn, char out[17]);
/* Parses a serial given as 12-char or 16-hex form into the 12-char form.
   0, or -1 when it is neither. */
int sim_sn_parse(const char *in, char out[13]);

#endif
