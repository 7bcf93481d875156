/*
 * huawei_priv.h — what the files of the Huawei MA5800-X7 persona share:
 * the session, the parsed command line, and the command handlers.
 *
 * huawei.c owns the session (line editing, modes, pager, smart questions,
 * confirmations, session commands, tick) and dispatches a typed line to:
 *   huawei_login.c   telnet login dialogue, banner and login tables
 *   huawei_alarm.c   asynchronous alarm blocks from the event ring
 *   huawei_show.c    display ont autofind / info / summary / optical-info
 *   huawei_sys.c     display service-port / board / version / cpu / ...
 *   huawei_cfg.c     ont add / delete / reset / ..., service-port
 *   huawei_runcfg.c  traffic tables, save, display current-configuration
 *
 * Handlers write their answer into c->o with plain "\n" line ends; the
 * session turns them into the wire's line ends and pages them.  A handler
 * that needs the `{ <cr>|... }:` question or a y/n confirmation calls
 * hw_smart() / hw_confirm() and returns when they return true: the session
 * re-runs the same line with HW_SMART_DONE / HW_CONFIRMED once answered.
 * Handlers take olt->lock themselves and never sleep.
 */
#ifndef OLTSIM_HUAWEI_PRIV_H
#define OLTSIM_HUAWEI_PRIV_H

#include <stdbool.h>
#include <stdint.h>

#include "lib/util.h"
#include "tests/lab/fleet.h"
#include "tests/lab/persona.h"

enum hw_mode { HW_USER, HW_PRIV, HW_CONFIG, HW_IF };

enum hw_wait {
	HW_W_USER,	/* >>User name: */
	HW_W_PASS,	/* >>User password: */
	HW_W_CMD,	/* at a prompt */
	HW_W_SMART,	/* after a { <cr>|... }: question */
	HW_W_CONFIRM,	/* after a (y/n)[n]: question */
	HW_W_MORE,	/* pager marker shown */
	HW_W_DONE,	/* logged out */
};

/* What a confirmed command does once answered 'y'. */
enum hw_confirm { HW_CF_NONE, HW_CF_LOGOUT, HW_CF_COMMAND };

#define HW_SMART_DONE	0x1	/* the { <cr>|... }: question was answered */
#define HW_CONFIRMED	0x2	/* the y/n question was answered y */

#define HW_MAXTOK	64

struct cli_session {
	struct sim_olt	*olt;
	bool		 echo;		/* echo typed characters */
	const char	*nl;		/* "\r\n", or "\n" behind a real pty */
	int		 rows;		/* terminal rows, 0 = unknown */
	char		*peer;		/* client address */
	bool		 ssh;		/* logged in by the transport */
	bool		 counted;	/* holds one of olt->sessions */

	enum hw_wait	 wait;
	enum hw_mode	 mode;
	int		 if_frame;	/* interface gpon F/S */
	int		 if_slot;
	bool		 smart;		/* { <cr>|... }: questions */
	bool		 interactive;	/* y/n confirmations */
	bool		 alarm;		/* asynchronous alarm output */
	bool		 mmi;		/* mmi-mode enable */
	int		 scroll;	/* lines per page set by scroll, 0 = default */
	int		 idle_min;	/* idle-timeout minutes, 0 = never */
	int64_t		 last_input_ms;	/* for the idle timeout */
	int		 fails;		/* bad logins in this session */
	char		 user[32];	/* name typed at >>User name: */

	struct buf	 line;		/* what is being typed */
	bool		 last_cr;	/* swallow the LF of CR LF */
	uint8_t		 esc;		/* inside an ESC [ ... sequence (arrow keys) */
	char		*pending;	/* line waiting for a smart/confirm answer */
	unsigned	 pending_flags;
	enum hw_confirm	 confirm;

	struct buf	 page;		/* paged output still to show ("\n" ends) */
	size_t		 page_off;	/* next byte of page to show */

	uint64_t	 last_seq;	/* newest event already shown */

	/* ONTs reset by this session, to bring back online after a while. */
	struct hw_reset {
		int	 pon, ont_id;
		int64_t	 at_ms;
	}		 resets[8];
	int		 nresets;
};

struct hw_tok {
	const char	*s;	/* the token, quotes removed */
	int		 col;	/* offset in the typed line */
	bool		 quoted;
};

/* One command being run. */
struct hw_cmd {
	struct cli_session *s;
	const char	*line;		/* as typed */
	struct hw_tok	 t[HW_MAXTOK];
	int		 n;		/* tokens */
	unsigned	 flags;		/* HW_SMART_DONE, HW_CONFIRMED */
	struct buf	*o;		/* the answer, "\n" line ends */
};

/* huawei.c: session helpers for handlers. */
/* True when token i is keyword kw (whole, or a prefix of 3+ chars). */
bool hw_kw(const struct hw_cmd *c, int i, const char *kw);
/* Writes the caret line and "% Unknown command" pointing at token i
   (i == c->n: the end of the line). */
void hw_unknown(struct hw_cmd *c, int i);
/* Same with "% Parameter error". */
void hw_param(struct hw_cmd *c, int i);
/* Same with "% Incomplete command" (the line stops too early). */
void hw_incomplete(struct hw_cmd *c);
/* Parses token i as an integer in [lo, hi]; on failure writes the
   parameter error and returns false. */
bool hw_num(struct hw_cmd *c, int i, long lo, long hi, long *v);
/* Parses token i as F/S/P (or F/S when port is NULL); parameter error
   and false on failure. */
bool hw_fsp(struct hw_cmd *c, int i, int *f, int *s, int *p);
/* Asks brace unless smart mode is off or it was answered; true = the
   caller must return and wait. */
bool hw_smart(struct hw_cmd *c, const char *brace);
/* Asks question (the whole text up to "(y/n)[n]:") unless interactive
   mode is off or it was answered; true = return and wait. */
bool hw_confirm(struct hw_cmd *c, const char *question);
/* True (after writing the failure) when olt->fault.busy is on; lock held. */
bool hw_busy(struct hw_cmd *c);
/* Formats epoch seconds as "2026-11-22 01:58:45" (+ "+00:00" when tz). */
void hw_time(int64_t t, bool tz, char out[40]);
/* The lab's ONTs are reset for a few seconds: remember one. */
void hw_note_reset(struct cli_session *s, int pon, int ont_id);

/* Appends text with "\n" turned into the session's line ends. */
void hw_emit(struct cli_session *s, struct buf *out, const char *text, size_t len);
void hw_emits(struct cli_session *s, struct buf *out, const char *text);
/* Writes a line end and the prompt of the current mode. */
void hw_prompt(struct cli_session *s, struct buf *out);

/* huawei_login.c */
/* Writes the banner and last-login tables, and records this login. */
void hw_banner(struct cli_session *s, struct buf *out);
/* Checks what was typed at >>User password: and logs in, asks again, or
   ends the session. */
void hw_login_check(struct cli_session *s, const char *password, struct buf *out);
/* Records the logout time of a session that had logged in. */
void hw_login_closed(struct cli_session *s);

/* huawei_alarm.c */
/* Appends the alarm blocks of events newer than s->last_seq and moves
   last_seq on; olt->lock held. */
void hw_alarms(struct cli_session *s, struct buf *b);

/* huawei_show.c */
/* Runs a display command (token 0 is "display"); unknown ones get the
   caret error. */
void hw_display(struct hw_cmd *c);

/* Returns the PON F/S/P, or NULL after writing the parameter error at
   token i; lock held. */
struct sim_pon *hw_pon_at(struct hw_cmd *c, int i, int f, int sl, int p);

/* huawei_sys.c: display service-port / board / version / cpu /
   temperature / sysuptime; `at` is the first token after the keyword. */
void hw_show_service_ports(struct hw_cmd *c, int at);
void hw_show_board(struct hw_cmd *c, int at);
void hw_show_version(struct hw_cmd *c);
void hw_show_health(struct hw_cmd *c, int at, const char *what);

/* huawei_cfg.c */
/* The gem ports a line profile declares (persona data); returns how many. */
int hw_profile_gems(int line_profile, const uint16_t **gems);
/* ont ... inside interface gpon. */
void hw_ont(struct hw_cmd *c);
/* service-port / undo service-port in config mode. */
void hw_service_port(struct hw_cmd *c, bool undo);
/* huawei_runcfg.c */
/* traffic table ip ... in config mode. */
void hw_traffic_table(struct hw_cmd *c);
/* display traffic table ip from-index N. */
void hw_show_traffic(struct hw_cmd *c);
/* save. */
void hw_save(struct hw_cmd *c);
/* display current-configuration. */
void hw_show_config(struct hw_cmd *c);

#endif
