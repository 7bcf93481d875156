/*
 * console.h — the ncurses console's frame, its panes, and the functions its
 * files export to each other.
 *
 * One struct console lives for the whole session, owned by console.c, and
 * holds only what is frame-wide: the handles (the store the UI thread
 * reads — workers open their own —, the config, the vault, the worker pool
 * whose wake-up pipe the main loop poll()s next to stdin), the terminal
 * (size, theme, glyphs), the header and the function bar's message line,
 * the prompts (text, yes/no, the `:` palette), the one device write in
 * flight, the ACS mass change running (mass_run.c), and the stack of
 * panes.
 *
 * Panes.  Every view is a pane: one const struct pane_ops (open, close,
 * reload, draw, key, event, ...) and a state struct of its own that open()
 * allocates and close() frees — the main pane (fleet tree + detail,
 * main_pane.c), signal, alarms, audit, discover, help, the wizard (a
 * provisioning or an action's progress and result), the router (an ONT's
 * router through TR-069) and the mass change over routers.  The main pane is at
 * the bottom of the stack and never closes; a view opened from the command
 * table replaces whatever was above it; the wizard opens over the
 * discovery list it came from.  Only the top pane is drawn, takes keys and
 * ticks; every open pane sees pool events.
 *
 * Models.  A pane's model is read from the store when it opens and again
 * when it is marked stale (pane.want): a pool event, a key or another pane
 * says the data or the view changed.  The loop reloads each stale pane
 * once, then draws one frame.  Draw functions read memory only, never the
 * store (tests/unit/test_console_panes.c counts the SQL statements run
 * while drawing: none).
 *
 * Threads: everything here runs on the UI thread, the only thread that calls
 * curses.  Jobs (console_jobs.c, console_writes.c) run in the pool's
 * workers, touch only their own copies of what they need and their own
 * store connection, and report through pool events.
 *
 * Frames: a key or an event marks the console dirty; the loop then draws
 * the whole virtual screen (curses diffs it against what the terminal shows,
 * so only changed cells are sent) and calls doupdate() once.
 */
#ifndef OLTUI_TUI_CONSOLE_H
#define OLTUI_TUI_CONSOLE_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stddef.h>
#include <stdint.h>

#include "core/alarms.h"
#include "core/model.h"
#include "core/ops.h"
#include "tui/console/tree_model.h"

struct store;
struct config;
struct vault;
struct pool;
struct globals;
struct pool_event;
struct console;
struct engine;
struct acs_view;
struct acs_run_progress;
struct mass_run;
struct err;

/* ---- colour roles (X-macro: enum, theme-file names, mono defaults) ----
   The "ok" role is R_GOOD: R_OK is <unistd.h>'s access() mode, and a file
   that includes both would silently get the wrong role. */

#define UI_ROLES(X) \
	X(NORMAL,	"normal",	0) \
	X(HEADER,	"header",	UIA_REVERSE) \
	X(FBAR_KEY,	"fbar_key",	0) \
	X(FBAR,		"fbar",		UIA_REVERSE) \
	X(BORDER,	"border",	0) \
	X(BORDER_FOCUS,	"border_focus",	UIA_BOLD) \
	X(TITLE,	"title",	UIA_BOLD) \
	X(SELECTED,	"selected",	UIA_REVERSE) \
	X(GOOD,		"ok",		0) \
	X(WARN,		"warn",		UIA_BOLD) \
	X(CRIT,		"crit",		UIA_BOLD | UIA_UNDERLINE) \
	X(STALE,	"stale",	UIA_DIM) \
	X(MUTED,	"muted",	UIA_DIM) \
	X(LABEL,	"label",	UIA_BOLD) \
	X(SPARK,	"spark",	0) \
	X(THRESHOLD,	"threshold",	UIA_DIM) \
	X(MATCH,	"match",	UIA_UNDERLINE) \
	X(INPUT,	"input",	UIA_UNDERLINE) \
	X(MESSAGE,	"message",	UIA_BOLD)

/* Attribute bits of the mono defaults and of theme files. */
#define UIA_BOLD	0x1u
#define UIA_REVERSE	0x2u
#define UIA_UNDERLINE	0x4u
#define UIA_DIM		0x8u

#define UI_ROLE_ENUM(id, name, mono) R_##id,
enum ui_role { UI_ROLES(UI_ROLE_ENUM) R_COUNT };
#undef UI_ROLE_ENUM

/* The theme-file name of a role ("fbar_key"). */
const char *ui_role_name(enum ui_role r);

/* ---- glyph sets ---- */

enum ui_lines { LINES_UTF8, LINES_ACS, LINES_ASCII };

/* Everything drawn that is not text; one set per line-drawing mode. */
struct glyphs {
	const char	*online, *offline, *los, *warn, *crit, *unknown;
	const char	*expanded, *collapsed, *leaf;
	const char	*tl, *tr, *bl, *br, *hz, *vt;	/* UTF-8/ASCII boxes */
	const char	*dotted;			/* threshold line */
	const char	*spark[9];			/* 0..8 eighths */
	const char	*dot;				/* " · " separator */
	const char	*check, *cross, *ellipsis;
};

/* A device write or discovery run in a worker (console_writes.c).  The UI
   allocates it, the job fills the result fields, the UI reads them when the
   job's event arrives and frees it. */
enum wjob_kind {
	WJ_DISCOVER, WJ_PREVIEW, WJ_PROVISION, WJ_REBOOT, WJ_ENABLE, WJ_DISABLE,
	WJ_DELETE, WJ_SPEED, WJ_VLAN, WJ_MOVE, WJ_REPLACE,
	WJ_UNDO,	/* the recorded inverse of audit entry audit_id (ops_undo) */
	WJ_ACS_PREVIEW,	/* a change to the ONT's router: dry run (ops_acs_change) */
	WJ_ACS,		/* ... sent (wjob.acs says which) */
};

/* A change to an ONT's router through the ACS (router_actions.c builds it,
   console_writes.c turns it into a struct acs_change_req).  The secret is
   a WiFi passphrase or a PPPoE password as typed: it lives only in memory,
   in the copies of the request (the console's, the wizard's, the job's),
   each wiped when it is dropped (wjob_wipe); it is never drawn, logged or
   stored — the preview and the audit show it masked. */
struct wjob_acs {
	int		 change;	/* enum acs_change_kind (core/ops_acs.h) */
	char		 radio[16];	/* WiFi: "1", "2.4G"...; "" = the first */
	char		 ssid[33];	/* WiFi: "" = unchanged */
	char		 user[65];	/* PPPoE user: "" = unchanged */
	char		 secret[64];	/* the passphrase or password; "" = unchanged */
	bool		 factory_confirmed;	/* asked twice (factory reset) */
	/* results, written by the worker */
	bool		 unchanged;	/* already as asked: nothing to send */
	bool		 queued;	/* the ACS keeps the task (202) */
	char		 task_id[64];	/* the queued task, "" */
};

/* One line of a write's live progress: console_writes.c fills it from the
   write pipeline's reports (core/writes.h), wizard.c draws it. */
struct wjob_row {
	int		 phase;		/* enum write_phase */
	int		 state;		/* enum write_pstate */
	size_t		 step, count;
	char		 cmd[128];	/* masked command, or "" */
	char		 text[128];	/* first line of the answer or cause, or "" */
	int64_t		 ms;		/* since the write began */
};

#define WJ_ROWS_MAX	24	/* the newest rows are kept */

/* A copy of a running write's progress, taken under its lock. */
struct wjob_view {
	unsigned	 gen;		/* bumped by every report */
	struct wjob_row	 rows[WJ_ROWS_MAX];
	size_t		 nrows;
	size_t		 next, count;	/* steps next..count not sent yet; next 0 = none */
};

struct wjob_progress;	/* opaque: a lock and a struct wjob_view */

struct wjob {
	enum wjob_kind	 kind;
	char		 olt[NAME_MAX_LEN + 1];
	char		 port[PORT_MAX_LEN + 1];
	int		 ont_id;	/* -1: pick the first free one */
	char		 sn[SN_MAX_LEN + 1];
	char		 model[33];	/* discovered equipment id */
	char		 contract[NAME_MAX_LEN + 1];
	char		 profile[NAME_MAX_LEN + 1];
	char		 new_port[PORT_MAX_LEN + 1];
	char		 new_sn[SN_MAX_LEN + 1];
	int		 down, up, vlan;
	int64_t		 audit_id;	/* WJ_UNDO */
	struct wjob_acs	 acs;		/* WJ_ACS_PREVIEW, WJ_ACS */
	/* results, written by the worker */
	int		 status;	/* enum write_status */
	bool		 ok;
	char		*text;		/* what happened, lines; owned */
	int		 picked_id;	/* the ONT id the preview chose */
	struct wjob_progress *prog;	/* live progress of a write; NULL for a
					   preview or a discovery */
};


/* ---- the command table (keys.c) ----
 *
 * One row per command: id, palette word, main key, second key, function
 * key number, function-bar label (NULL: not shown), help line, and the
 * static function in keys.c that runs it when the top pane did not take it
 * (NULL: only a pane gives it a meaning).  The enum, the table, the help
 * pane, the function bar, the palette and docs/console.md's key list
 * (`oltui console --keys-markdown`) all come from this list.
 */
#define CTRL_KEY(x)	((x) & 0x1f)
#define CONSOLE_CMDS(X) \
	X(HELP,		"help",		'?', 0, 1, "Help", "this help", cmd_help) \
	X(DISCOVER,	"discover",	'D', 0, 2, "Discover", "ONTs found by autofind, not yet authorised (R reads again)", cmd_discover) \
	X(PROVISION,	"provision",	'P', 0, 3, "Provision", "authorise a discovered ONT: profile, contract, preview, send, verify", cmd_provision) \
	X(SIGNAL,	"signal",	'S', 0, 4, "Signal", "live signal view of the selected ONT", cmd_signal) \
	X(ALARMS,	"alarms",	'A', 0, 5, "Alarms", "active alarms and PON outages", cmd_alarms) \
	X(AUDIT,	"audit",	'a', 0, 6, "Audit", "audit trail of the selected contract, ONT or OLT", cmd_audit) \
	X(FILTER,	"filter",	'/', 0, 0, "Filter", "filter the tree as you type (serial, name, contract, port); search the audit", NULL) \
	X(PALETTE,	"palette",	':', 0, 0, "Cmd", "command palette with Tab completion", cmd_palette) \
	X(QUIT,		"quit",		'Q', 0, 10, "Quit", "quit (asks when jobs are running, and in the demo)", cmd_quit) \
	X(CLOSE,	"close",	'q', 0, 0, NULL, "close the view (quits from the main view)", cmd_close) \
	X(CANCEL,	"cancel",	27, 0, 0, NULL, "clear the filter, cancel running jobs, close the view; never quits", cmd_cancel) \
	X(UP,		"up",		KEY_UP, 'k', 0, NULL, "move up", NULL) \
	X(DOWN,		"down",		KEY_DOWN, 'j', 0, NULL, "move down", NULL) \
	X(PAGE_UP,	"page-up",	KEY_PPAGE, CTRL_KEY('b'), 0, NULL, "page up", NULL) \
	X(PAGE_DOWN,	"page-down",	KEY_NPAGE, CTRL_KEY('f'), 0, NULL, "page down", NULL) \
	X(TOP,		"top",		'g', KEY_HOME, 0, NULL, "first row", NULL) \
	X(BOTTOM,	"bottom",	'G', KEY_END, 0, NULL, "last row", NULL) \
	X(EXPAND,	"expand",	KEY_RIGHT, 'l', 0, NULL, "expand; next period in the signal view", NULL) \
	X(COLLAPSE,	"collapse",	KEY_LEFT, 'h', 0, NULL, "collapse, then go to the parent; previous period", NULL) \
	X(OPEN,		"open",		'\n', KEY_ENTER, 0, NULL, "open/close a node; ONT: signal; alarm: jump to it; audit: steps", NULL) \
	X(EXPAND_ALL,	"expand-all",	'*', 0, 0, NULL, "expand the whole fleet", NULL) \
	X(NEXT,		"next",		'n', 0, 0, NULL, "next match", NULL) \
	X(PREV,		"prev",		'N', 0, 0, NULL, "previous match", NULL) \
	X(FOCUS,	"focus",	'\t', 0, 0, NULL, "switch between the tree and the detail pane", NULL) \
	X(SWEEP,	"sweep",	'R', 0, 0, NULL, "sweep the selected OLT now (SNMP); in the discovery list: read autofind; in the router view: refresh it through the ACS", cmd_sweep) \
	X(SORT,		"sort",		'o', 0, 0, NULL, "port table: by ONT id / worst signal first", NULL) \
	X(PERIOD,	"period",	't', 0, 0, NULL, "signal view: 1h, 24h, 7d, 30d", NULL) \
	X(REFRESH,	"refresh",	'u', CTRL_KEY('l'), 0, NULL, "reload from the database and redraw", cmd_refresh) \
	X(CONTRACT,	"contract",	'c', 0, 0, NULL, "audit trail of the selected ONT's contract", cmd_audit) \
	X(LINK,		"link",		'L', 0, 0, NULL, "link the ONT to a contract, or unlink it (empty code; confirms)", cmd_no_ont) \
	X(REBOOT,	"reboot",	'r', 0, 0, NULL, "reboot the ONT (confirms)", cmd_no_ont) \
	X(DISABLE,	"disable",	'd', 0, 0, NULL, "disable the ONT (confirms)", cmd_no_ont) \
	X(ENABLE,	"enable",	'e', 0, 0, NULL, "enable the ONT (confirms)", cmd_no_ont) \
	X(SPEED,	"speed",	's', 0, 0, NULL, "change the speed, DOWN/UP Mbps (confirms)", cmd_no_ont) \
	X(VLAN,		"vlan",		'v', 0, 0, NULL, "change the VLAN (confirms)", cmd_no_ont) \
	X(MOVE,		"move",		'm', 0, 0, NULL, "move the ONT to another port (confirms)", cmd_no_ont) \
	X(DELETE,	"delete",	'x', 0, 0, NULL, "delete the ONT (confirms)", cmd_no_ont) \
	X(REPLACE,	"replace",	0, 0, 0, NULL, "replace the ONT's serial (confirms)", cmd_no_ont) \
	X(UNDO,		"undo",		'U', 0, 0, NULL, "audit trail: undo the selected write, once the device is found as it left it (confirms)", NULL) \
	X(ROUTER,	"router",	'T', 0, 0, NULL, "the ONT's router through TR-069 (the ACS): WAN, LAN, WiFi, hosts, with their age; its actions", cmd_router) \
	X(WIFI,		"wifi",		'w', 0, 0, NULL, "router view: a radio's SSID and passphrase (preview, then Enter sends)", cmd_no_router) \
	X(PPPOE,	"pppoe",	'p', 0, 0, NULL, "router view: the PPPoE user and password (preview, then Enter sends)", cmd_no_router) \
	X(ROUTER_REBOOT, "router-reboot", 'b', 0, 0, NULL, "router view: reboot the router (preview, then Enter sends)", cmd_no_router) \
	X(FACTORY_RESET, "factory-reset", 'f', 0, 0, NULL, "router view: factory reset the router (preview; asks twice)", cmd_no_router) \
	X(ACS_MASS,	"acs-mass",	0, 0, 0, NULL, "one change to many routers (the selected OLT or port): WiFi, PPPoE or a parameter; dry run first, then live progress", cmd_acs_mass) \
	X(JUMP,		"jump",		0, 0, 0, NULL, "jump SERIAL: select an ONT by serial", cmd_jump) \
	X(THEME,	"theme",	0, 0, 0, NULL, "theme NAME: default, mono, light, colourblind", cmd_theme) \
	X(ASCII,	"ascii",	0, 0, 0, NULL, "toggle ASCII line drawing", cmd_ascii)

#define CMD_ENUM(id, name, key, key2, fkey, fbar, help, run) CMD_##id,
enum cmd_id { CONSOLE_CMDS(CMD_ENUM) CMD_COUNT };
#undef CMD_ENUM

struct cmd {
	enum cmd_id	 id;
	const char	*name;		/* palette word: "signal" */
	int		 key;		/* main key, 0 = none */
	int		 key2;		/* second key, 0 = none */
	int		 fkey;		/* function key number, 0 = none */
	const char	*fbar;		/* function bar label, NULL = not shown */
	const char	*help;		/* one line */
	void		(*run)(struct console *c, const char *arg);	/* NULL: panes only */
};
extern const struct cmd console_cmds[];
extern const size_t console_ncmds;
/* Hands key to the top pane with the command bound to it, then, when the
   pane did not take it, runs the command; false if nothing took it. */
bool keys_dispatch(struct console *c, int key);
/* Runs command id as the command table defines it, whatever pane is on
   top (the too-small screen's q, SIGINT's quit). */
void keys_command(struct console *c, enum cmd_id id, const char *arg);
/* Runs a palette line "name [arg]" the same way; false and a message if
   the name is unknown. */
bool keys_run_line(struct console *c, const char *line);
/* The printable name of a key ("F4", "Enter", "g"). */
void keys_name(int key, char *out, size_t size);
/* Prints the command table as a Markdown table (docs/console.md, `oltui
   console --keys-markdown`). */
void keys_print_markdown(FILE *f);
/* The rows a movement command moves by (up -1, page-down a screen, top a
   very large negative number...), or 0 when cmd is not one. */
long keys_move_delta(const struct console *c, const struct cmd *cmd);
/* Index sel of a list of n moved by delta, clamped to the list. */
size_t keys_move_index(size_t sel, size_t n, long delta);

/* ---- panes (pane.c) ---- */

#define PANE_REDRAW	0x1u	/* draw again; nothing to read */
#define PANE_RELOAD	0x2u	/* the data changed: read the model again */
#define PANE_FOLLOW	0x4u	/* the view moved or resized: read what follows it */

struct pane;

/* A pane's behaviour.  Hooks other than open, close and draw may be NULL. */
struct pane_ops {
	const char	*name;		/* "alarms" */
	/* Allocates the state and loads the model; arg is the pane's own
	   (documented with its ops).  NULL when it cannot open: it has said
	   why on the message line. */
	void		*(*open)(struct console *c, const void *arg);
	/* Frees the state and stops what the pane started (a live read). */
	void		 (*close)(struct console *c, struct pane *p);
	/* Reads the model again; want holds PANE_RELOAD and/or PANE_FOLLOW. */
	void		 (*reload)(struct console *c, struct pane *p, unsigned want);
	/* Draws the body (below the header, above the function bar) from the
	   model: memory only, never the store. */
	void		 (*draw)(struct console *c, struct pane *p, int y, int x, int h, int w);
	/* Draws the pane's own input line (a search) in the bottom line; false
	   when it has none open. */
	bool		 (*footer)(struct console *c, struct pane *p, int y, int w);
	/* A key (0 for a palette line) with the command bound to it (NULL when
	   none) and the palette's argument (NULL for a key).  True when the
	   pane took it; otherwise the command table runs the command.  A pane
	   that closes itself (or opens another) must not touch p afterwards. */
	bool		 (*key)(struct console *c, struct pane *p, int key,
			    const struct cmd *cmd, const char *arg);
	/* A pool event, or NULL when the pool's pipe woke the loop without one
	   (a write's progress).  Returns PANE_* bits: what to do before the
	   next frame.  Must not open or close panes. */
	unsigned	 (*event)(struct console *c, struct pane *p,
			    const struct pool_event *ev);
	/* Top pane only: starts what is due (a live read) and returns the
	   milliseconds until the next call is wanted, or -1 for never. */
	int		 (*tick)(struct console *c, struct pane *p);
};

struct pane {
	const struct pane_ops *ops;
	void		*state;		/* owned: ops->open made it, ops->close frees it */
	unsigned	 want;		/* PANE_RELOAD | PANE_FOLLOW before the next frame */
	unsigned	 later;		/* becomes want once the next frame is drawn */
};

#define PANES_MAX	4

/* Opens ops on top of the stack.  0, or -1 when it could not open (the
   stack is full, or the pane said why) and the stack is unchanged. */
int pane_push(struct console *c, const struct pane_ops *ops, const void *arg);
/* Opens ops over the main pane: once it opened, the panes that were above
   the main one close.  0, or -1 and the stack unchanged. */
int pane_show(struct console *c, const struct pane_ops *ops, const void *arg);
/* Closes ops when it is the top pane, shows it otherwise. */
void pane_toggle(struct console *c, const struct pane_ops *ops, const void *arg);
/* Closes the top pane; never the main one. */
void pane_pop(struct console *c);
/* Closes every pane above the main one. */
void pane_pop_to_main(struct console *c);
/* Closes every pane, the main one too (the console is ending). */
void pane_close_all(struct console *c);
/* The top pane, the main pane (NULL before the main pane opened). */
struct pane *pane_top(struct console *c);
struct pane *pane_main(struct console *c);
/* The open pane with ops, or NULL. */
struct pane *pane_find(struct console *c, const struct pane_ops *ops);
/* Marks every open pane with want (PANE_RELOAD: `u`; PANE_FOLLOW: resize). */
void pane_touch_all(struct console *c, unsigned want);
/* Reloads each pane that wants it, once, bottom first; true if any did. */
bool pane_reload(struct console *c);
/* A frame was drawn: what panes asked for after it becomes wanted; true
   when any pane now wants a reload. */
bool pane_after_frame(struct console *c);
/* Hands ev (NULL: a wake-up without an event) to every open pane, bottom
   first, and records what each asks for. */
void pane_event(struct console *c, const struct pool_event *ev);
/* What a pane showing stored data wants after pool event ev: PANE_RELOAD
   when a sweep or a write ended (its model may have changed), else 0. */
unsigned pane_event_reload(const struct pool_event *ev);
/* The area every pane's body is drawn in (below the header, above the
   function bar), for the panes whose model depends on its size. */
void pane_body(const struct console *c, int *y, int *x, int *h, int *w);

/* ---- the panes ---- */

/* Main (main_pane.c): the fleet tree and the detail of its selection.
   Opened once at start (arg NULL) and never closed before exit.  It opens
   on a quick load (OLTs and alarms, for a first frame at once): the opener
   sets its pane.later to PANE_RELOAD for the full load after that frame. */
extern const struct pane_ops main_pane_ops;
/* The fleet: the main pane's tree model, which the other panes read names,
   thresholds and the selection from.  Valid while the console runs. */
struct tree_model *main_pane_fleet(struct console *c);
/* Shows the main pane alone, focused on the tree, with the node selected
   (see tree_model_jump / tree_model_jump_sn); false when not found. */
bool main_pane_jump(struct console *c, int64_t olt_id, const char *port, const char *sn);
bool main_pane_jump_sn(struct console *c, const char *sn);
/* The fleet changed behind the main pane's back: read it again before the
   next frame. */
void main_pane_refresh(struct console *c);

/* Signal (signal.c): live signal of the selected ONT; arg NULL. */
extern const struct pane_ops signal_ops;
/* Alarms (alarms_pane.c): active alarms and outages; arg NULL. */
extern const struct pane_ops alarms_pane_ops;
/* Audit (audit_pane.c): the trail of the selection's contract, ONT or OLT;
   arg NULL. */
extern const struct pane_ops audit_pane_ops;
/* Discovered ONTs (discover.c); arg NULL. */
extern const struct pane_ops discover_ops;
/* Help (help.c): the command table; arg NULL. */
extern const struct pane_ops help_ops;
/* Wizard (wizard.c): a provisioning form, preview, progress and result,
   or an action's progress and result; arg a const struct wizard_arg *. */
extern const struct pane_ops wizard_ops;
/* Router (router_pane.c): the main pane's selected ONT's router through
   TR-069, read in a job when it opens and on R; arg NULL. */
extern const struct pane_ops router_pane_ops;
/* Mass change (mass_pane.c): one change over the routers of the selected
   OLT or port — the form, the dry run, then the console's mass run
   (mass_run.c) with live progress and its result; arg NULL. */
extern const struct pane_ops mass_pane_ops;

struct wizard_arg {
	const struct discovered_ont *disc;	/* provision this one (form), or */
	const struct wjob	*job;		/* show this running write */
	const char		*title;		/* with this title */
};

/* ---- the console ---- */

struct console {
	const struct globals	*g;
	struct engine		*eng;		/* owns the handles below it */
	struct store		*st;		/* the UI thread's connection */
	char			*db_path;	/* for the workers' own connections */
	struct config		*cfg;
	struct vault		*vault;
	struct pool		*pool;
	bool			 accept_new_host_key;	/* device writes: first-contact SSH keys */
	const char		*known_hosts;	/* NULL = ~/.ssh/known_hosts */
	const char		*quit_note;	/* what else quitting does, asked
						   first (console_opts); NULL = nothing */

	/* terminal */
	int			 rows, cols;
	bool			 too_small_ignored;
	bool			 colour;
	enum ui_lines		 lines;
	const struct glyphs	*gl;
	unsigned long		 attr[R_COUNT];	/* curses attributes per role */
	char			 theme[33];

	/* frame */
	struct pane		 panes[PANES_MAX];	/* the stack; [0] is the main pane */
	size_t			 npanes;
	bool			 dirty;		/* draw a frame */
	bool			 quit;
	char			 msg[256];	/* one-line message, cleared by the next key */
	bool			 msg_error;
	int64_t			 data_version;	/* the store's, when last looked at */

	/* text prompt: Enter calls prompt_fn with the text */
	bool			 prompting;
	bool			 prompt_secret;	/* drawn as '*', wiped after prompt_fn */
	char			 prompt_label[160];
	char			 prompt_buf[64];
	void			(*prompt_fn)(struct console *, const char *);

	/* palette */
	bool			 palette;
	char			 pal_text[128];

	/* confirmation prompt: y runs confirm_fn */
	bool			 confirming;
	char			 confirm_text[256];
	void			(*confirm_fn)(struct console *);

	/* device work */
	int			 jobs_running;
	struct wjob		 wreq;		/* the action being asked for (wizard.c) */
	struct wjob		*wjob;		/* the write or discovery in flight, or
						   NULL: one at a time (wizard.c) */
	struct mass_run		*mass;		/* the ACS mass change, running or last
						   ended (mass_run.c); NULL: none yet */

	/* bench (OLTUI_BENCH) */
	void			*bench;
};

/* ---- console.c ---- */

/* The display clock: OLTUI_NOW when set (tests pin it), else the time. */
int64_t console_now(void);
/* Sets the one-line message shown in the function bar until the next key. */
void console_msg(struct console *c, bool error, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Asks "text (y/n)"; y calls fn. */
void console_confirm(struct console *c, void (*fn)(struct console *),
    const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Asks for a line of text; fn gets it on Enter. */
void console_prompt(struct console *c, void (*fn)(struct console *, const char *),
    const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* The same for a secret (a passphrase): each character is drawn as '*',
   and the text is wiped once fn returned (fn copies what it keeps). */
void console_prompt_secret(struct console *c, void (*fn)(struct console *, const char *),
    const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Edits a line of input in buf with key: 1 on Enter, -1 on Esc, 0 else. */
int console_edit(char *buf, size_t size, int key);
/* Draws one frame (header, the top pane, the bottom line) and sends it
   with a single doupdate().  Reads no store. */
void console_draw(struct console *c);

/* ---- ui.c ---- */

/* Chooses the glyph set: ASCII when forced, UTF-8 when the locale's
   codeset is UTF-8, ACS otherwise. */
void ui_init_lines(struct console *c, bool force_ascii);
/* Display width of a UTF-8 string. */
int ui_width(const char *s);
/* Draws s at (y, x) clipped to w columns with role r; returns the columns
   used. */
int ui_put(struct console *c, int y, int x, int w, enum ui_role r, const char *s);
/* printf into ui_put. */
int ui_putf(struct console *c, int y, int x, int w, enum ui_role r,
    const char *fmt, ...) __attribute__((format(printf, 6, 7)));
/* Fills w columns at (y, x) with blanks in role r. */
void ui_fill(struct console *c, int y, int x, int w, enum ui_role r);
/* Draws a box with a title (clipped) and an optional right-hand label. */
void ui_box(struct console *c, int y, int x, int h, int w, bool focus,
    const char *title, const char *right);
/* Draws a horizontal run of glyph g (a string) of n columns. */
void ui_hline(struct console *c, int y, int x, int n, enum ui_role r, const char *g);
/* Formats an age ("12 s ago", "3m ago", "2h 14m ago", "never"). */
void ui_age(int64_t t, int64_t now, char *out, size_t size);
/* Short age without "ago" ("12s", "3m", "2h", "4d"). */
void ui_age_short(int64_t t, int64_t now, char *out, size_t size);
/* "22 Nov 03:14" in UTC (TZ honoured). */
void ui_time(int64_t t, char *out, size_t size);
/* Glyph and word of an ONT's state, and its role (warn for weak signal). */
const char *ui_ont_glyph(const struct console *c, const struct ont *o,
    const struct alarm_thresholds *th, enum ui_role *role, const char **word);

/* ---- wrap.c: long lines broken at spaces (no curses) ---- */

/* One row of a wrapped line: indent blank columns, then len bytes of the
   line from off. */
struct wrap_row {
	size_t		 off, len;
	int		 indent;
};
/* Breaks line[0..n) (one line: no newline) into rows at most w columns
   wide, at spaces; a word wider than a row is cut where the row ends.  The
   first row keeps the line's leading blanks; the others hang hang columns
   in, or when hang is -1 under the word after a step number or a "label:"
   at the start of the line ("  3  cmd", "  undo: cmd"), else two columns in
   from its leading blanks.  Fills rows[0..max) and returns how many rows
   the whole line takes (more than max: the rest did not fit). */
size_t wrap_line(const char *line, size_t n, int w, int hang, struct wrap_row *rows,
    size_t max);
/* The same for a line of parts joined by sep (" · ", ending in a blank):
   a row ends after the last separator that fits (its glyph at the row's
   end, the next part starting the next row), else as wrap_line does.
   sep NULL: wrap_line. */
size_t wrap_line_sep(const char *line, size_t n, int w, int hang, const char *sep,
    struct wrap_row *rows, size_t max);

/* ---- theme.c ---- */

/* Loads theme name (searched in the config dir and next to the binary),
   or mono when the terminal has no colour or NO_COLOR is set.  Fills
   c->attr.  0, or -1 and a cause (c->attr then holds mono). */
int theme_load(struct console *c, const char *name, char **cause);
/* Fills c->attr with the monochrome defaults. */
void theme_mono(struct console *c);

/* ---- palette.c ---- */

/* Opens the `:` palette, empty. */
void palette_open(struct console *c);
/* A key while the palette is open: Tab completes, Enter runs the line. */
void palette_key(struct console *c, int key);
/* Draws the palette line with its candidates. */
void palette_draw(struct console *c, int y, int w);

/* ---- console_jobs.c ---- */

enum console_job_kind {
	CJOB_SWEEP = OPJ_SWEEP,	/* core's sweep job (ops.h) */
	CJOB_LIVE = OPJ_LIVE,	/* core's live read job */
	CJOB_WRITE = 300,	/* a write or a discovery (console_writes.c) */
	CJOB_ACS_READ,		/* a read of a router through the ACS (router_pane.c) */
	CJOB_ACS_MASS,		/* a mass change's run (mass_pane.c) */
};
/* Submits a sweep of OLT o (and its health). */
uint64_t jobs_sweep(struct console *c, const struct olt *o);
/* Submits a live poll of ONT ont on OLT o. */
uint64_t jobs_live(struct console *c, const struct olt *o, const struct ont *ont);

/* A job whose result the pane that started it reads when its event comes
   (a router read, a mass change's dry run).  Its argument begins with this
   head: two references, the pool's (dropped once the job ran or was
   dropped) and the pane's (dropped when the pane took the result or
   closed); the last one calls clear(arg), then frees arg.  So a pane that
   closes while its job runs leaves the job nothing dangling. */
struct job_share {
	atomic_int	 refs;
	void		(*clear)(void *arg);	/* frees what arg holds, not arg */
};
struct pool_job;
/* Submits run on arg (allocated, beginning with a struct job_share) as a
   console job of kind at high priority, counted among the console's jobs.
   Its id; or 0 when the pool refused it: arg is freed then and a message
   says "could not queue the WHAT of OF". */
uint64_t jobs_shared(struct console *c, int kind, int (*run)(struct pool_job *, void *,
    char **), void *arg, void (*clear)(void *), const char *what, const char *of);
/* Drops the pane's reference to arg (NULL is ignored). */
void jobs_share_drop(void *arg);

/* ---- console_writes.c (workers) ---- */

/* Submits w (owned by the caller until its event) as a device job. */
uint64_t writes_job_submit(struct console *c, struct wjob *w);
/* The core request of console action w: the same struct a verb makes of
   its arguments (a test holds the two plans byte-identical). */
void wjob_req(const struct wjob *w, struct op_req *rq);

/* ---- wizard.c: what a technician's choices make (pure) ---- */

/* The request of console action k on ONT o of OLT olt, with the text typed
   for it (speed "DOWN/UP", VLAN, new port "F/S/P", new serial; NULL for
   the actions that ask nothing).  0 and *out, or -1 with *why (what to
   type) and *out untouched.  The arguments may point into *out. */
int wizard_request(enum wjob_kind k, const char *olt, const struct ont *o,
    const char *input, struct wjob *out, const char **why);
/* The provisioning request of discovered ONT d on OLT olt with a service
   profile and a contract (NULL = none): a preview at the port's first free
   id.  The arguments may point into *out. */
void wizard_provision_request(const struct discovered_ont *d, const char *olt,
    const char *profile, const char *contract, struct wjob *out);
/* The progress generation of w (0 without progress); any thread. */
unsigned wjob_progress_gen(struct wjob *w);
/* Copies w's progress into *v (empty without progress); any thread. */
void wjob_progress_copy(struct wjob *w, struct wjob_view *v);
/* Frees w, its text and its progress (wiping its secret).  NULL is
   ignored.  Only once no job uses it (after its completion event, or once
   the pool has stopped). */
void wjob_free(struct wjob *w);
/* Wipes the secret a request holds (a router change's passphrase). */
void wjob_wipe(struct wjob *w);

/* ---- wizard.c: the console's one device write at a time ---- */

/* Starts action k on the main pane's selected ONT: asks what it needs,
   confirms with a sentence saying what will happen, then runs it in the
   wizard pane. */
void wizard_action(struct console *c, enum wjob_kind k);
/* Asks to undo audit entry id (what: its action and ONT, for the
   question), then runs ops_undo in a job and shows it as a write. */
void wizard_undo(struct console *c, int64_t id, const char *olt, const char *sn,
    const char *what);
/* Starts the dry run of req (a copy is taken) and shows it in the wizard
   pane titled title, over the top pane: Enter there sends it.  0, or -1
   and a message (a write is running). */
int wizard_preview(struct console *c, const struct wjob *req, const char *title);
/* Reads autofind on every OLT in a job (R in the discovery list). */
void wizard_discover(struct console *c);
/* The write or discovery job in flight (c->wjob) ended: shows its result
   (the wizard pane, or the discovery list and a message) and frees it. */
void wizard_job_done(struct console *c, bool ok);

/* ---- router_actions.c: the router view's changes, as asked ---- */

/* Starts change (enum acs_change_kind: wifi, pppoe, reboot, factory
   reset) on the router of target (its olt, port, ont_id, sn, contract)
   whose view is v: asks what it needs, checks it, then shows the dry run
   in the wizard (wizard_preview). */
void router_action(struct console *c, const struct wjob *target, int change,
    const struct acs_view *v);
/* The question a factory reset asks once more after its preview. */
void router_action_last_question(const struct wjob *w, char *out, size_t size);

/* ---- mass_run.c: the console's one ACS mass change at a time ---- */

/* Claims ACS job id (stored, not running) and starts running it on the
   engine's workers, the UI thread pumping it.  0, or -1 with *err (a run
   is in flight already, the job cannot be run). */
int mass_run_start(struct console *c, int64_t id, struct err *err);
/* Moves the run on (the loop calls it when the pool wakes it and once a
   second); at its end, records how it ended and says so when the mass
   screen is not on top. */
void mass_run_pump(struct console *c);
/* The run in flight or the last one ended: its job, its progress as last
   pumped, whether it still runs.  False when there is none to show. */
bool mass_run_get(struct console *c, int64_t *id, struct acs_run_progress *p,
    bool *running);
/* The ended run is not shown any more (a new mass change begins). */
void mass_run_forget(struct console *c);
/* Stops starting routers: the run pauses once those in flight are done
   (why is recorded; `oltui acs mass resume ID` goes on). */
void mass_run_stop(struct console *c, const char *why);
/* At exit, before the workers stop: pauses a run still going (waiting for
   the routers in flight) and frees it. */
void mass_run_end(struct console *c);

/* ---- contract_link.c: which contract an ONT serves ---- */

/* True when code is "" or names a stored contract; otherwise false, with
   a message saying how to add it.  Every console path that names a
   contract asks this before anything is sent. */
bool contract_link_known(struct console *c, const char *code);
/* L on the main pane's selected ONT: asks for a contract code and links
   the ONT to it (inv_link), or with an empty code asks, then unlinks it
   (inv_unlink).  Both audited; the fleet is read again. */
void contract_link_action(struct console *c);

/* ---- console_bench.c ---- */

/* When OLTUI_BENCH is set: output counting and frame timing.  Returns the
   FILE* curses writes to (stdout otherwise). */
void *bench_start(struct console *c, int *out_fd);
void bench_key(struct console *c);
void bench_frame(struct console *c);
void bench_stop(struct console *c);

/* ---- verb entry points ---- */

struct console_opts {
	bool		 sweep;			/* sweep every OLT at start */
	bool		 accept_new_host_key;	/* for device writes */
	const char	*known_hosts;		/* NULL = ~/.ssh/known_hosts */
	const char	*quit_note;		/* what else quitting does ("The
						   demo's lab stops..."): Q and q then
						   ask first; NULL = quit at once */
};
int console_run(const struct globals *g, const struct console_opts *o);
int demo_run(int argc, char **argv, const struct globals *g);

#endif
