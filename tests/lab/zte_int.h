/*
 * zte_int.h — what the three files of the ZTE C320 persona share.
 *
 * zte.c owns the session (login, line editing, pager, modes, the command
 * table and its caret errors); zte_show.c prints the show commands;
 * zte_cfg.c applies configuration commands and generates the
 * running-config displays.  Handlers run on the session's thread, take
 * olt->lock themselves around the fleet state and append their answer, one
 * '\n'-terminated line at a time, to `res`; zte.c turns '\n' into CR LF and
 * pages it.  Nothing here is exported outside the persona.
 */
#ifndef OLTSIM_ZTE_INT_H
#define OLTSIM_ZTE_INT_H

#include <stdbool.h>
#include <stdint.h>

#include "lib/util.h"
#include "tests/lab/fleet.h"
#include "tests/lab/persona.h"

/* Command modes; each is one bit so the command table can list several. */
enum zte_mode {
	ZM_USER = 1 << 0,	/* ZXAN> */
	ZM_EXEC = 1 << 1,	/* ZXAN# */
	ZM_CONFIG = 1 << 2,	/* ZXAN(config)# */
	ZM_IF_OLT = 1 << 3,	/* ZXAN(config-if)# on gpon-olt_1/S/P */
	ZM_IF_ONU = 1 << 4,	/* ZXAN(config-if)# on gpon-onu_1/S/P:N */
	ZM_MNG = 1 << 5,	/* ZXAN(gpon-onu-mng)# on gpon-onu_1/S/P:N */
	ZM_PON = 1 << 6,	/* ZXAN(config-pon)#: `pon` */
};
#define ZM_PRIV (ZM_EXEC | ZM_CONFIG | ZM_IF_OLT | ZM_IF_ONU | ZM_MNG | ZM_PON)
#define ZM_CFGANY (ZM_CONFIG | ZM_IF_OLT | ZM_IF_ONU | ZM_MNG | ZM_PON)

#define ZTE_MAX_REBOOTS 16	/* ONU reboots one session can have in flight */
#define ZTE_REBOOT_TICKS 30	/* ticks (~100 ms each) an ONU stays down after reboot */

/* An ONU reboot in flight: it comes back when ticks reaches 0. */
struct zte_reboot {
	int	 pon;		/* index into olt->pons */
	int	 ont_id;
	char	 sn[13];	/* to be sure it is still the same ONU */
	int	 ticks;
};

struct cli_session {
	struct sim_olt	*olt;
	bool		 echo;		/* echo typed characters */
	bool		 done;		/* logged out or refused: the server closes */
	bool		 counted;	/* this session is counted in olt->sessions */

	/* Login dialogue. */
	int		 login;		/* ZL_* in zte.c */
	int		 failures;	/* bad logins so far */
	char		 user[64];

	/* Line editing. */
	struct buf	 line;		/* what is typed since the last Enter */
	bool		 after_cr;	/* the previous byte was CR: swallow LF / NUL */

	/* Mode and the interface it is on. */
	int		 mode;		/* enum zte_mode (one bit) */
	int		 slot, port, onu;	/* current gpon-olt / gpon-onu */

	/* Pager. */
	int		 page_len;	/* lines per screen, 0 = no pager */
	struct buf	 pending;	/* answer not yet shown ('\n' lines) */
	bool		 more;		/* " --More--" is on screen */

	struct zte_reboot reboots[ZTE_MAX_REBOOTS];
	int		 nreboots;
};

/* The parameters a command-table entry collected. */
struct zte_args {
	long		 num[8];	/* <n> values in order */
	int		 nnum;
	const char	*word[8];	/* <w> tokens in order (NUL-terminated copies) */
	int		 wcol[8];	/* screen column of each <w> */
	int		 nword;
	int		 slot, port, onu;	/* from <olt> / <onu>; onu -1 for <olt> */
	bool		 iface;		/* an <olt> or <onu> was given */
	int		 ifcol;		/* screen column of the <olt>/<onu> token */
	const char	*rest;		/* <rest>: the rest of the line as typed */
	const char	*line;		/* the whole command as typed (trimmed) */
	int		 kind;		/* the table entry's variant (ZTE_PWR_* ...) */
};

/* Variants of one handler, from the command table. */
enum { ZTE_PWR_ONU_RX, ZTE_PWR_ONU_TX, ZTE_PWR_OLT_RX };
enum { ZTE_RB_REBOOT, ZTE_RB_FACTORY };

/* Section of this persona's own cfg line "type T": the ONU type typed in
   `onu N type T sn S` (sim_models may not have it); it also marks an ONU
   provisioned over this CLI.  Sections 0 and 1 are documented in fleet.h. */
#define ZTE_SEC_TYPE 2

typedef void zte_fn(struct cli_session *s, const struct zte_args *a, struct buf *res);

/* zte.c */
/* Appends a caret line under screen column col then the 20202 error. */
void zte_err_param(struct buf *res, int col);
/* Appends "%Error 20203: Incomplete command.". */
void zte_err_incomplete(struct buf *res);
/* The ONU the command names (a->slot/port/onu), or NULL after appending
   the device's error; needs olt->lock held.  *ponp gets its port. */
struct sim_ont *zte_ont_at(struct cli_session *s, const struct zte_args *a,
    struct sim_pon **ponp, struct buf *res);
/* The port the command names, or NULL after appending the 20202 error;
   needs olt->lock held. */
struct sim_pon *zte_pon_at(struct cli_session *s, const struct zte_args *a, struct buf *res);
/* The ONU type the ZTE CLI prints for an ONT (its configured type). */
const char *zte_ont_type(const struct sim_ont *o);

/* zte_show.c */
zte_fn zte_show_uncfg, zte_show_state, zte_show_detail, zte_show_baseinfo,
    zte_show_attenuation, zte_show_power_list, zte_show_power_one,
    zte_show_card, zte_show_processor, zte_show_version, zte_show_sysgroup;
/* Formats hundredths of a dBm with the device's three decimals. */
void zte_fmt_level(int v, char out[16]);

/* zte_cfg.c */
zte_fn zte_cfg_onu_add, zte_cfg_onu_del, zte_cfg_name, zte_cfg_desc,
    zte_cfg_if_line, zte_cfg_if_no_limit, zte_cfg_sp_add, zte_cfg_sp_del, zte_cfg_mng_line,
    zte_cfg_reboot, zte_cfg_write, zte_cfg_admin, zte_show_rc_onu, zte_show_rc_mng,
    zte_show_rc, zte_cfg_uncfg_display;
/* Brings back rebooted ONUs whose time has come (all of them when
   flush is true). */
void zte_cfg_tick(struct cli_session *s, bool flush);
/* True when t names an ONU type this OLT knows. */
bool zte_type_known(struct sim_olt *olt, const char *t);

#endif
