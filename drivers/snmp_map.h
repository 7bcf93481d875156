/*
 * snmp_map.h — what the OLTs' SNMP agents mean: OIDs, index encodings and
 * value scalings for Huawei SmartAX and ZTE ZXA10, from
 * shared/reference/snmp-oids.md.  Indexes are computed from the formulas,
 * never tabulated.
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

enum snmp_vendor { SNMPMAP_HUAWEI, SNMPMAP_ZTE };


/* Huawei GPON port ifIndex: (125<<25)|(frame<<19)|(slot<<13)|(port<<8). */
uint32_t snmpmap_huawei_ifindex(int frame, int slot, int port);
/* 0 and the port's F/S/P, or -1 when ifindex is not a GPON port. */
int snmpmap_huawei_decode(uint32_t ifindex, int *frame, int *slot, int *port);
/* ZTE .1082 index: 0x11000000 | rack<<16 | slot<<8 | port. */
uint32_t snmpmap_zte_idx1082(int rack, int slot, int port);
int snmpmap_zte_decode1082(uint32_t idx, int *rack, int *slot, int *port);
/* ZTE .1012 index: 0x10000000 | slot<<16 | port<<8 (rack 1). */
uint32_t snmpmap_zte_idx1012(int slot, int port);

/* Sweep flags. */
#define SNMPMAP_IDENTITY 0x1	/* also walk serial and description */

struct snmp_ont_row {
	int	 frame;		/* Huawei frame / ZTE rack */
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
};

/* Walks one OLT's ONT tables (status, ONU Rx, OLT Rx, distance, and with
   SNMPMAP_IDENTITY serial and description).  *rows is an allocated array
   sorted by port and ONT id; the caller frees it.  0, or -1 and a cause. */
int snmpmap_sweep(struct snmp_client *c, enum snmp_vendor v, unsigned flags,
    struct snmp_ont_row **rows, size_t *nrows, char **cause);

/* Reads one ONT's status and levels with a single GET.  row->frame, slot,
   port and ont_id say which.  0, or -1 and a cause. */
int snmpmap_live(struct snmp_client *c, enum snmp_vendor v,
    struct snmp_ont_row *row, char **cause);

/* OLT health from SNMP: system group and per-board CPU / temperature. */
#define SNMPMAP_MAX_BOARDS 32
struct snmp_health {
	char	 descr[256];	/* sysDescr */
	char	 name[64];	/* sysName */
	int64_t	 uptime_s;	/* sysUpTime / 100; -1 when unknown */
	int	 nboards;
	struct {
		int	 frame;		/* Huawei frame / ZTE rack */
		int	 slot;
		char	 name[32];	/* board name when the agent says; may be "" */
		int	 cpu_pct;	/* -1 when unknown */
		double	 temp_c;	/* NAN when unknown */
	} boards[SNMPMAP_MAX_BOARDS];
};
/* Reads health with a GET and short walks.  0, or -1 and a cause. */
int snmpmap_health(struct snmp_client *c, enum snmp_vendor v, struct snmp_health *h,
    char **cause);

/* Value conversions, exposed for tests. */
double snmpmap_huawei_rx(int64_t raw);		/* 0.01 dBm; 2147483647 = none */
double snmpmap_huawei_olt_rx(int64_t raw);	/* (raw - 10000) / 100 */
double snmpmap_zte_rx(int64_t raw);		/* raw * 0.002 - 30 */
double snmpmap_zte_olt_rx(int64_t raw);		/* 0.001 dBm */
int snmpmap_huawei_status(int64_t raw);
/* Huawei reports only online/offline; its last down cause tells LOS and
   dying gasp apart for an offline ONT. */
int snmpmap_huawei_refine(int status, int down_cause);
int snmpmap_zte_status(int64_t raw);
/* Serial from the agent's bytes: Huawei 8 octets, ZTE "1,ZTEGC4BB98CB". */
void snmpmap_serial(enum snmp_vendor v, const unsigned char *b, size_t len, char out[13]);

#endif
