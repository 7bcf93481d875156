/*
 * snmp_map.h — reading an OLT's ONTs and health over SNMP through its
 * driver's SNMP profile: the column OIDs, the index codec and the value
 * scalings of one OLT family (huawei_snmp.c, zte_snmp.c, from
 * shared/reference/snmp-oids.md; indexes computed from the formulas, never
 * tabulated).  This file knows no vendor.
 *
 * The sweep walks a few ONT columns of one OLT side by side with GETBULK and
 * returns plain rows; the live read GETs the few OIDs of one ONT.  Both run
 * on a worker thread with the caller's snmp_client.
 */
#ifndef OLTUI_SNMP_MAP_H
#define OLTUI_SNMP_MAP_H

#include <stddef.h>
#include <stdint.h>

#include "drivers/snmp.h"
#include "lib/gpon.h"

/* The per-ONT columns a sweep walks. */
enum snmp_col {
	SNMP_COL_STATUS,	/* run state (raw; the profile's status() maps it) */
	SNMP_COL_RX,		/* ONU Rx */
	SNMP_COL_OLT_RX,	/* OLT Rx of the ONT */
	SNMP_COL_DISTANCE,	/* metres */
	SNMP_COL_CAUSE,		/* last down cause (raw code) */
	SNMP_COL_SN,		/* serial (identity sweeps) */
	SNMP_COL_DESC,		/* description or name (identity sweeps) */
	SNMP_NCOLS
};

struct gpon_limits;

/* What one OLT family's SNMP agent means: a driver's SNMP profile.  Every
   per-ONT column is indexed <port index>.<ONT id>[.<extra>]. */
struct snmp_profile {
	const char	*columns[SNMP_NCOLS];	/* column OIDs; NULL = not available */
	int		 extra[SNMP_NCOLS];	/* a last index sub-id after the ONT
						   id (a vendor's Rx column may need
						   .1); 0 = none */
	/* The port index of frame/slot/port, and back (-1: not a PON port). */
	uint32_t	(*port_index)(int frame, int slot, int port);
	int		(*port_decode)(uint32_t idx, int *frame, int *slot, int *port);
	/* The run state of a raw status and the raw last-down cause (0 when
	   not read). */
	enum ont_status	(*status)(int64_t raw, int down_cause);
	/* dBm of a raw value; NAN for "no reading". */
	double		(*rx)(int64_t raw);
	double		(*olt_rx)(int64_t raw);
	/* The 12-character serial of the agent's bytes; "" when unreadable. */
	void		(*serial)(const unsigned char *b, size_t len, char out[13]);
	/* Health: per-board CPU %, temperature (°C) and name columns, indexed
	   by board_index_len sub-ids: frame (or rack) first, slot last;
	   NULL = not available. */
	const char	*board_cpu;
	const char	*board_temp;
	const char	*board_name;
	int		 board_index_len;
	/* The driver's identifier ranges: an index naming a port or an ONT id
	   outside them names no ONT (snmpmap_ont_index). */
	const struct gpon_limits *limits;
};

/* The ONT the value at OID o of the column whose OID is col names: the
   index <port index>.<ONT id> after col, decoded by p, the port inside
   p's limits and encoding back to the same index, the ONT id inside them.
   0 with the numbers, or -1 when o names no ONT (what an agent sends is
   not trusted: a sweep skips such a value). */
int snmpmap_ont_index(const struct snmp_profile *p, const struct snmp_oid *col,
    const struct snmp_oid *o, int *frame, int *slot, int *port, int *ont);

/* Sweep flags. */
#define SNMPMAP_IDENTITY 0x1	/* also walk serial and description */

struct snmp_ont_row {
	int	 frame;		/* frame / rack */
	int	 slot;
	int	 port;
	int	 ont_id;
	char	 sn[13];	/* 12-char serial; "" when not walked */
	char	 desc[65];	/* description / name; "" when not walked */
	enum ont_status status;
	double	 rx_dbm;	/* ONU Rx; NAN when none */
	double	 olt_rx_dbm;	/* OLT Rx of this ONT; NAN when none */
	int	 distance_m;	/* -1 when none */
	int	 down_cause;	/* the agent's last-down-cause code; 0 when not read */
	int64_t	 status_raw;	/* the status column as read; -1 when none */
};

/* What snmpmap_sweep() returns when the client's request budget ran out. */
#define SNMPMAP_PARTIAL 1

/* Walks one OLT's ONT tables (status, ONU Rx, OLT Rx, distance, and with
   SNMPMAP_IDENTITY serial and description).  *rows is an allocated array
   sorted by port and ONT id; the caller frees it.  0 when every column was
   walked to its end; SNMPMAP_PARTIAL when the client's request budget
   stopped the walk (snmpc_budget_spent): *rows holds the ONTs of the ports
   read whole, possibly none, and *cause says the budget ran out; or -1 and
   a cause (no answer, an agent error), with no rows. */
int snmpmap_sweep(struct snmp_client *c, const struct snmp_profile *p, unsigned flags,
    struct snmp_ont_row **rows, size_t *nrows, char **cause);

/* Reads one ONT's status and levels with a single GET.  row->frame, slot,
   port and ont_id say which.  0, or -1 and a cause. */
int snmpmap_live(struct snmp_client *c, const struct snmp_profile *p,
    struct snmp_ont_row *row, char **cause);

/* OLT health from SNMP: system group and per-board CPU / temperature. */
#define SNMPMAP_MAX_BOARDS 32
struct snmp_health {
	char	 descr[256];	/* sysDescr */
	char	 name[64];	/* sysName */
	int64_t	 uptime_s;	/* sysUpTime / 100; -1 when unknown */
	int	 nboards;
	struct {
		int	 frame;		/* frame / rack */
		int	 slot;
		char	 name[32];	/* board name when the agent says; may be "" */
		int	 cpu_pct;	/* -1 when unknown */
		double	 temp_c;	/* NAN when unknown */
	} boards[SNMPMAP_MAX_BOARDS];
};
/* Reads health with a GET and short walks.  0, or -1 and a cause. */
int snmpmap_health(struct snmp_client *c, const struct snmp_profile *p,
    struct snmp_health *h, char **cause);

#endif
