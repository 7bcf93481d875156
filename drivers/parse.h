/*
 * parse.h — reading OLT command output into structs.
 *
 * Input is CLEAN text: what tc_clean_capture() (or the CLI engine) returns,
 * i.e. no escape sequences, pager debris, questions or prompt lines.  The
 * parsers key on labels and header words, never on fixed columns; they skip
 * lines they do not know and fail with a message a technician can act on
 * when the output holds nothing they can read.
 *
 * Every parser (a driver's, see driver.h struct driver_parsers) has the
 * shape
 *
 *	int <vendor>_parse_<kind>(const char *text, <out>, char **cause);
 *
 * and returns
 *	 0  parsed; *out is filled (a list may be empty: "no ONTs found" is
 *	    an answer, not an error);
 *	-1  the output is a device error ("Failure: ...", "%Error 20200: ...")
 *	    or unreadable; *cause (when cause is not NULL) gets a message that
 *	    quotes the device's own words or names what was expected.  *out is
 *	    left empty (safe to free).
 * After either return the caller frees *out with the matching pr_*_free().
 *
 * Absent values ("null"): strings are NULL, integers are PR_NONE, doubles
 * are NAN (test with isnan()).  Strings are owned by the struct.
 *
 * Pure functions; no global state; callable from any thread.  Called by the
 * console's workers (through the CLI engine) and by `oltui parse`.
 */
#ifndef OLTUI_PARSE_H
#define OLTUI_PARSE_H

#include <stddef.h>

#include "lib/gpon.h"

#define PR_NONE (-1L)		/* an absent integer */

enum pr_kind {
	PR_AUTOFIND,		/* display ont autofind / show gpon onu uncfg */
	PR_ONT_LIST,		/* display ont info F S P all / show gpon onu state */
	PR_ONT_DETAIL,		/* display ont info F S P O / show gpon onu detail-info */
	PR_OPTICAL,		/* display ont optical-info P O / show pon power attenuation */
	PR_OPTICAL_LIST,	/* display ont optical-info P all / show pon power onu-rx */
	PR_SERVICE_PORTS,	/* display service-port ... / running-config service-port lines */
	PR_BOARDS,		/* display board 0 / show card */
	PR_VERSION,		/* display version / show version-running */
	PR_KIND_COUNT
};

/* How an output's day/month dates (05/06/2023 reads two ways) were read,
   decided for the whole output (drivers/parse_time.h): the order it showed
   (a day or a month above 12, or a form it declares), the vendor's order
   when it showed none ("assumed": check one date against the OLT's clock),
   or neither when its dates disagree (the ambiguous ones are left null).
   Each entry: the value, its word, and what a technician is told about it
   (NULL: nothing to say). */
#define PR_DATE_ORDERS(X)						\
	X(PR_DATES_NONE, "none", NULL)					\
	X(PR_DATES_DAY_FIRST, "day-first", NULL)			\
	X(PR_DATES_MONTH_FIRST, "month-first", NULL)			\
	X(PR_DATES_ASSUMED_DAY_FIRST, "assumed-day-first",		\
	    "no date in the output shows whether it is day or month first "	\
	    "(05/06/2023 reads both ways); they were read day first "	\
	    "(DD/MM/YYYY): check one against the OLT's clock")		\
	X(PR_DATES_ASSUMED_MONTH_FIRST, "assumed-month-first",		\
	    "no date in the output shows whether it is day or month first "	\
	    "(05/06/2023 reads both ways); they were read month first "	\
	    "(MM/DD/YYYY): check one against the OLT's clock")		\
	X(PR_DATES_CONFLICT, "conflicting",				\
	    "the output has dates written day first and dates written "	\
	    "month first; the ones that read both ways were left out (null)")

enum pr_date_order {
#define PR_DATE_ORDER_ENUM(e, word, note) e,
	PR_DATE_ORDERS(PR_DATE_ORDER_ENUM)
#undef PR_DATE_ORDER_ENUM
	PR_DATE_ORDER_COUNT
};

/* One unconfigured ONT seen by the OLT. */
struct pr_autofind {
	char	*port;		/* "0/1/0" (Huawei F/S/P) or "1/1/1" (ZTE R/S/P) */
	long	 slot_index;	/* ZTE discovery index after ':' (not an ONU id) */
	char	*sn;		/* 12 chars, "HWTC6B886FA5" (see sn.h) */
	char	*vendor;	/* "HWTC" */
	char	*model;		/* EquipmentID / Model */
	char	*software;	/* SoftwareVersion */
	char	*hardware;	/* Ont Version */
	char	*mac;		/* "68E2-091F-5161" */
	char	*found_at;	/* ISO 8601 UTC "2022-09-18T04:50:52Z" */
	char	*state;		/* ZTE State column ("unknown") */
};
struct pr_autofind_list {
	struct pr_autofind	*v;
	size_t			 n;
	enum pr_date_order	 dates;	/* how found_at was read */
};

/* One ONT in a port listing. */
struct pr_ont {
	char		*port;		/* "0/1/0" */
	long		 ont_id;
	char		*sn;		/* NULL when the listing does not show it */
	enum ont_admin	 admin;
	enum ont_status	 status;
	char		*description;
	char		*config_state;	/* Huawei Config state / ZTE OMCC State */
	char		*match_state;	/* Huawei Match state */
	char		*model;		/* summary Type / ZTE baseinfo Type */
	long		 distance_m;	/* summary Distance */
	double		 rx_dbm;	/* summary Rx power */
	double		 tx_dbm;	/* summary Tx power */
	char		*last_up;	/* summary Last UpTime, ISO 8601 */
	char		*last_down;	/* summary Last DownTime, ISO 8601 */
	char		*last_down_cause;
};
struct pr_ont_list {
	struct pr_ont		*v;
	size_t			 n;
	enum pr_date_order	 dates;	/* how last_up/last_down were read */
};

/* One ONT in detail. */
struct pr_ont_detail {
	char		*port;
	long		 ont_id;
	char		*sn;
	enum ont_admin	 admin;
	enum ont_status	 status;
	char		*name;		/* ZTE Name */
	char		*description;	/* wrapped chunks joined */
	char		*model;		/* ZTE Type / type reported */
	long		 distance_m;
	char		*config_state;
	char		*match_state;
	char		*last_down_cause;
	char		*last_up;	/* ISO 8601 */
	char		*last_down;	/* ISO 8601 */
	char		*online_duration;
	char		*line_profile;	/* by name */
	char		*line_profile_id;	/* Huawei prints the id too */
	char		*service_profile;
	char		*service_profile_id;
	char		*software;
	char		*hardware;
	long		 temperature_c;
	enum pr_date_order dates;	/* how last_up/last_down were read */
};

/* Optical levels of one ONT. */
struct pr_optical {
	double	 rx_dbm;	/* ONT receive */
	double	 tx_dbm;	/* ONT transmit */
	double	 olt_rx_dbm;	/* OLT receive from this ONT */
	double	 olt_tx_dbm;	/* ZTE down row */
	double	 temperature_c;
	double	 voltage_v;
	double	 bias_ma;
	double	 attenuation_up_db;
	double	 attenuation_down_db;
	char	*vendor_name;	/* transceiver vendor (Huawei) */
	char	*module_type;
};

/* Optical levels of one ONT in a port-wide table. */
struct pr_optical_row {
	char	*port;		/* NULL when neither the output nor the caller says */
	long	 ont_id;
	double	 rx_dbm;
	double	 tx_dbm;
	double	 olt_rx_dbm;
	double	 temperature_c;
	double	 voltage_v;
	double	 bias_ma;
	long	 distance_m;
};
struct pr_optical_list { struct pr_optical_row *v; size_t n; };

/* One service port (virtual port / flow). */
struct pr_service_port {
	long	 index;
	long	 vlan;
	char	*vlan_attr;	/* Huawei "common" */
	char	*port_type;	/* "gpon" */
	char	*port;		/* "0/0/1" */
	long	 ont_id;
	long	 gem;		/* Huawei GEM index / ZTE vport */
	long	 user_vlan;
	char	*flow_type;
	char	*flow_para;
	long	 rx_table;	/* traffic table index, PR_NONE for "-" */
	long	 tx_table;
	char	*state;		/* "up" / "down" */
};
struct pr_service_port_list { struct pr_service_port *v; size_t n; };

/* One board / card slot. */
struct pr_board {
	long	 rack;		/* ZTE */
	long	 shelf;		/* ZTE */
	long	 slot;
	char	*name;		/* Huawei BoardName (NULL for an empty slot) */
	char	*status;	/* "Normal", "INSERVICE", ... */
	char	*subtype;	/* Huawei SubType0[/SubType1] */
	char	*online;	/* Huawei Online/Offline column */
	char	*cfg_type;	/* ZTE */
	char	*real_type;	/* ZTE */
	long	 ports;		/* ZTE Port */
	char	*hard_ver;	/* ZTE */
	char	*soft_ver;	/* ZTE */
};
struct pr_board_list { struct pr_board *v; size_t n; };

/* A software module row of ZTE show version-running. */
struct pr_module {
	char	*location;	/* PhyLoc "1/1/10" */
	char	*file_type;
	char	*ver_type;
	char	*ver_tag;
	char	*build_time;	/* ISO 8601 local time */
	long	 length;
};

/* Software version of the OLT. */
struct pr_version {
	char		*version;	/* "MA5800V100R018C00" / "V2.1.0" */
	char		*patch;		/* "SPH613" */
	char		*product;	/* "MA5800-X7" / "C320" */
	long		 uptime_s;
	struct pr_module *modules;	/* ZTE version-running rows */
	size_t		 nmodules;
	enum pr_date_order dates;	/* how build_time was read */
};

/* Any parser's result, for the generic entry point. */
struct pr_result {
	enum pr_kind	kind;
	union {
		struct pr_autofind_list		autofind;
		struct pr_ont_list		onts;
		struct pr_ont_detail		detail;
		struct pr_optical		optical;
		struct pr_optical_list		optical_list;
		struct pr_service_port_list	service_ports;
		struct pr_board_list		boards;
		struct pr_version		version;
	} u;
};

/* Names: "autofind", "ont-list", ... (the verb's words). */
const char *pr_kind_name(enum pr_kind k);
/* Looks a name up; 0 and *out set, or -1. */
int pr_kind_from_name(const char *s, enum pr_kind *out);
/* The word of a date order ("day-first", ...; PR_DATE_ORDERS). */
const char *pr_date_order_name(enum pr_date_order o);
/* What a technician should know about how res's dates were read, or NULL
   when there is nothing to say (PR_DATE_ORDERS). */
const char *pr_result_date_note(const struct pr_result *res);
/* "enabled", "disabled", or NULL when the output did not say (JSON then
   omits the field). */
const char *pr_admin_name(enum ont_admin a);

/* Parses clean text of the given driver's output of kind into *res
   (res->kind is set), with the driver's parsers (driver.h).  port is
   context for outputs that do not print their own port (Huawei
   optical-list); may be NULL.  Returns 0 / -1 as described above; the
   caller frees *res with pr_result_free() in both cases. */
struct olt_driver;
int parse_output(const struct olt_driver *d, enum pr_kind kind, const char *text,
    const char *port, struct pr_result *res, char **cause);
void pr_result_free(struct pr_result *res);

/* Initialisers (every field absent) and destructors. */
void pr_ont_detail_init(struct pr_ont_detail *d);
void pr_optical_init(struct pr_optical *o);
void pr_version_init(struct pr_version *v);
void pr_autofind_list_free(struct pr_autofind_list *l);
void pr_ont_list_free(struct pr_ont_list *l);
void pr_ont_detail_free(struct pr_ont_detail *d);
void pr_optical_free(struct pr_optical *o);
void pr_optical_list_free(struct pr_optical_list *l);
void pr_service_port_list_free(struct pr_service_port_list *l);
void pr_board_list_free(struct pr_board_list *l);
void pr_version_free(struct pr_version *v);

#endif
