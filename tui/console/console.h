/*
 * console.h — the ncurses console's shared state and the functions its
 * files export to each other.
 *
 * One struct console lives for the whole session, owned by console.c.  It
 * holds the store handle the UI thread reads (workers open their own), the
 * worker pool whose wake-up pipe the main loop poll()s next to stdin, the
 * theme, the line-drawing set, the fleet tree and the state of every view.
 *
 * Threads: everything here runs on the UI thread, the only thread that calls
 * curses.  Jobs (console_jobs.c) run in the pool's workers, touch only their
 * own copies of what they need and their own store connection, and report
 * through pool events.
 *
 * Frames: a key or an event marks the console dirty; the loop then draws
 * the whole virtual screen (curses diffs it against what the terminal shows,
 * so only changed cells are sent) and calls doupdate() once.
 */
#ifndef OLTUI_TUI_CONSOLE_H
#define OLTUI_TUI_CONSOLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/alarms.h"
#include "core/model.h"
#include "core/ops.h"

struct store;
struct config;
struct vault;
struct pool;
struct globals;

/* ---- colour roles (X-macro: enum, theme-file names, mono defaults) ---- */

#define UI_ROLES(X) \
	X(NORMAL,	"normal",	0) \
	X(HEADER,	"header",	UIA_REVERSE) \
	X(FBAR_KEY,	"fbar_key",	0) \
	X(FBAR,		"fbar",		UIA_REVERSE) \
	X(BORDER,	"border",	0) \
	X(BORDER_FOCUS,	"border_focus",	UIA_BOLD) \
	X(TITLE,	"title",	UIA_BOLD) \
	X(SELECTED,	"selected",	UIA_REVERSE) \
	X(OK,		"ok",		0) \
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

/* ---- the fleet tree (tree.c) ---- */

enum node_kind { NODE_OLT, NODE_BOARD, NODE_PORT, NODE_ONT };

struct tree_port {
	struct pon_port	 p;
	int		 alarms;	/* active alarms on the port */
	bool		 expanded;
	bool		 loaded;
	struct ont	*onts;		/* loaded on first expand */
	size_t		 nonts;
	unsigned char	 hit;		/* filter: 1 a child matches, 2 itself */
	unsigned char	*hits;		/* filter: per ONT, 2 = matches */
};

struct tree_board {
	int		 frame, slot;
	char		 type[33];	/* from store_boards_list, may be "" */
	int		 onts, online, alarms;
	bool		 expanded;
	unsigned char	 hit;
	struct tree_port *ports;
	size_t		 nports;
};

struct tree_olt {
	struct olt	 o;
	int		 onts, online, alarms;
	bool		 unreachable;	/* olt_unreachable alarm active, or last sweep failed */
	int64_t		 swept_at;	/* last successful sweep (epoch), 0 = never */
	int64_t		 tried_at;	/* last sweep attempt (epoch), 0 = never */
	struct alarm_thresholds th;	/* config + this OLT's overrides */
	bool		 expanded;
	unsigned char	 hit;
	struct tree_board *boards;
	size_t		 nboards;
};

/* One visible row: indexes into the tree. */
struct tree_row {
	enum node_kind	 kind;
	int		 o, b, p, n;	/* -1 where not applicable */
};

struct tree {
	struct tree_olt	*olts;
	size_t		 nolts;
	struct tree_row	*rows;		/* visible rows, rebuilt by tree_flatten */
	size_t		 nrows, cap;
	size_t		 sel, top;	/* selected row, first row drawn */
	struct alarm	*alarms;	/* active alarms, all OLTs */
	size_t		 nalarms;
	char		 filter[64];	/* "" = no filter */
	char		 applied[64];	/* the filter the hits were computed for */
	bool		 filtering;	/* the filter prompt is open */
	bool		 quick;		/* next tree_load skips ports and counts */
	bool		 pending;	/* counts not loaded yet (first frame) */
};

/* ---- views ---- */

enum view {
	VIEW_MAIN,	/* tree + detail */
	VIEW_SIGNAL,	/* live signal of the selected ONT */
	VIEW_ALARMS,
	VIEW_AUDIT,
	VIEW_DISCOVER,
	VIEW_HELP,
	VIEW_WIZARD,	/* provisioning wizard, and the result of an action */
};

/* A device write or discovery run in a worker (console_writes.c).  The UI
   allocates it, the job fills the result fields, the UI reads them when the
   job's event arrives and frees it. */
enum wjob_kind {
	WJ_DISCOVER, WJ_PREVIEW, WJ_PROVISION, WJ_REBOOT, WJ_ENABLE, WJ_DISABLE,
	WJ_DELETE, WJ_SPEED, WJ_VLAN, WJ_MOVE, WJ_REPLACE,
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
	/* results, written by the worker */
	int		 status;	/* enum write_status */
	bool		 ok;
	char		*text;		/* what happened, lines; owned */
	int		 picked_id;	/* the ONT id the preview chose */
	struct wjob_progress *prog;	/* live progress of a write; NULL for a
					   preview or a discovery */
};

enum wizard_stage { WZ_FORM, WZ_PREVIEWING, WZ_PREVIEW, WZ_RUNNING, WZ_RESULT };

enum focus { FOCUS_TREE, FOCUS_DETAIL };

struct audit_entry;

struct engine;

struct console {
	const struct globals	*g;
	struct engine		*eng;		/* owns everything below it */
	struct store		*st;
	char			*db_path;
	struct config		*cfg;
	struct vault		*vault;
	struct pool		*pool;

	/* terminal */
	int			 rows, cols;
	bool			 too_small_ignored;
	bool			 colour;
	enum ui_lines		 lines;
	const struct glyphs	*gl;
	unsigned long		 attr[R_COUNT];	/* curses attributes per role */
	char			 theme[33];

	/* state */
	enum view		 view;
	enum focus		 focus;
	struct tree		 tree;
	bool			 dirty;
	bool			 quit;
	char			 msg[256];	/* one-line message, cleared by the next key */
	bool			 msg_error;

	/* detail pane (detail.c) */
	int			 port_sort;	/* 0 by ONT id, 1 worst signal first */
	size_t			 detail_top;

	/* signal view (signal.c) */
	struct ont		 sig_ont;
	int			 sig_period;	/* 0 1h, 1 24h, 2 7d, 3 30d */
	int64_t			 sig_next_ms;	/* monotonic time of the next live poll */
	uint64_t		 sig_job;	/* running live job or 0 */
	char			 sig_status[128];

	/* alarms pane */
	size_t			 al_sel, al_top;

	/* audit pane */
	struct audit_entry	*au;
	size_t			 nau;
	size_t			 au_sel, au_top;
	bool			 au_open;	/* selected entry's steps expanded */
	char			 au_title[256];
	char			 au_search[64];
	bool			 au_searching;

	/* discovery list */
	struct discovered_ont	*disc;
	size_t			 ndisc, disc_sel;

	/* help */
	size_t			 help_top;

	/* wizard / action result (wizard.c) */
	enum wizard_stage	 wz_stage;
	struct wjob		 wz;		/* the request being built */
	struct wjob		*wz_job;	/* running job, or NULL */
	char			*wz_text;	/* preview or result text; owned */
	char			 wz_title[128];
	size_t			 wz_top;
	unsigned		 wz_seen;	/* progress generation last drawn */
	struct profile		*profiles;
	size_t			 nprofiles, wz_prof;
	bool			 accept_new_host_key;	/* device writes: first-contact SSH keys */
	const char		*known_hosts;	/* NULL = ~/.ssh/known_hosts */

	/* text prompt: Enter calls prompt_fn with the text */
	bool			 prompting;
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

	/* jobs */
	int			 jobs_running;
	int64_t			 last_sweep_at;	/* newest successful sweep, any OLT */

	/* bench (OLTUI_BENCH) */
	void			*bench;
};

/* ---- console.c ---- */

/* The display clock: OLTUI_NOW when set (tests pin it), else the time. */
int64_t console_now(void);
/* Sets the one-line message shown in the function bar until the next key. */
void console_msg(struct console *c, bool error, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Reloads the tree's summary data (OLTs, counts, alarms) from the store,
   keeping expansion and selection. */
void console_reload(struct console *c);
/* Asks "text (y/n)"; y calls fn. */
void console_confirm(struct console *c, void (*fn)(struct console *),
    const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* The OLT of the selected node, or NULL. */
struct tree_olt *console_sel_olt(struct console *c);
/* The selected ONT, or NULL. */
struct ont *console_sel_ont(struct console *c);

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

/* ---- theme.c ---- */

/* Loads theme name (searched in the config dir and next to the binary),
   or mono when the terminal has no colour or NO_COLOR is set.  Fills
   c->attr.  0, or -1 and a cause (c->attr then holds mono). */
int theme_load(struct console *c, const char *name, char **cause);
/* Fills c->attr with the monochrome defaults. */
void theme_mono(struct console *c);

/* ---- keys.c (the command table) ---- */

struct cmd {
	const char	*name;		/* palette word: "signal" */
	int		 key;		/* main key, 0 = none */
	int		 key2;		/* second key, 0 = none */
	int		 fkey;		/* function key number, 0 = none */
	const char	*fbar;		/* function bar label, NULL = not shown */
	const char	*help;		/* one line */
	void		(*run)(struct console *c, const char *arg);
};
extern const struct cmd console_cmds[];
extern const size_t console_ncmds;
/* Runs the command bound to key in the current view; false if none. */
bool keys_dispatch(struct console *c, int key);
/* Runs a palette line "name [arg]"; false and a message if unknown. */
bool keys_run_line(struct console *c, const char *line);
/* The printable name of a key ("F4", "Enter", "g"). */
void keys_name(int key, char *out, size_t size);

/* ---- tree.c ---- */

void tree_load(struct console *c);
void tree_free(struct tree *t);
void tree_flatten(struct console *c);
void tree_draw(struct console *c, int y, int x, int h, int w);
void tree_move(struct console *c, long delta);
void tree_expand(struct console *c, bool all);
void tree_collapse(struct console *c);
void tree_toggle(struct console *c);
void tree_apply_filter(struct console *c);
void tree_next_match(struct console *c, int dir);
/* Selects the ONT with serial sn (expanding its parents); false if unknown. */
bool tree_jump_sn(struct console *c, const char *sn);
/* Selects OLT olt_id's port (and ONT sn when not ""). */
bool tree_jump(struct console *c, int64_t olt_id, const char *port, const char *sn);
/* Active alarms of one ONT (by serial). */
int tree_ont_alarms(const struct console *c, int64_t olt_id, const char *sn);

/* ---- detail.c ---- */

void detail_draw(struct console *c, int y, int x, int h, int w);
void detail_scroll(struct console *c, long delta);

/* ---- signal.c ---- */

void signal_open(struct console *c);
void signal_close(struct console *c);
void signal_draw(struct console *c, int y, int x, int h, int w);
void signal_tick(struct console *c);	/* submits the live poll when due */
int signal_timeout_ms(const struct console *c);	/* until the next tick, -1 none */
void signal_period(struct console *c, int delta);
void signal_event(struct console *c, int ok, const char *msg);

/* ---- alarms_pane.c ---- */

void alarms_draw(struct console *c, int y, int x, int h, int w);
void alarms_move(struct console *c, long delta);
void alarms_enter(struct console *c);

/* ---- audit_pane.c ---- */

void audit_open(struct console *c);
void audit_close(struct console *c);
void audit_draw(struct console *c, int y, int x, int h, int w);
void audit_move(struct console *c, long delta);
void audit_next_match(struct console *c, int dir);

/* ---- discover.c ---- */

void discover_open(struct console *c);
void discover_draw(struct console *c, int y, int x, int h, int w);
void discover_move(struct console *c, long delta);

/* ---- help.c ---- */

void help_draw(struct console *c, int y, int x, int h, int w);
/* Completes a palette word: the common prefix of the matching names. */
void palette_complete(struct console *c);
/* Draws the palette line with its candidates. */
void palette_draw(struct console *c, int y, int w);

/* ---- console_jobs.c ---- */

enum console_job_kind {
	CJOB_SWEEP = OPJ_SWEEP,	/* core's sweep job (ops.h) */
	CJOB_LIVE = OPJ_LIVE,	/* core's live read job */
	CJOB_WRITE = 300,	/* a write or a discovery (console_writes.c) */
};
/* Submits a sweep of OLT o (and its health). */
uint64_t jobs_sweep(struct console *c, const struct olt *o);
/* Submits a live poll of ONT ont on OLT o. */
uint64_t jobs_live(struct console *c, const struct olt *o, const struct ont *ont);

/* ---- console_writes.c (workers) ---- */

/* Submits w (owned by the caller until its event) as a device job. */
uint64_t writes_job_submit(struct console *c, struct wjob *w);
/* The core request of console action w: the same struct a verb makes of
   its arguments (a test holds the two plans byte-identical). */
void wjob_req(const struct wjob *w, struct op_req *rq);
/* The progress generation of w (0 without progress); any thread. */
unsigned wjob_progress_gen(struct wjob *w);
/* Copies w's progress into *v (empty without progress); any thread. */
void wjob_progress_copy(struct wjob *w, struct wjob_view *v);
/* Frees w, its text and its progress.  NULL is ignored.  Only once no
   job uses it (after its completion event, or once the pool has stopped). */
void wjob_free(struct wjob *w);

/* ---- wizard.c ---- */

void wizard_open(struct console *c);		/* from the discovery list */
void wizard_draw(struct console *c, int y, int x, int h, int w);
void wizard_key(struct console *c, int key);	/* keys while the view is open */
void wizard_event(struct console *c, int ok);	/* the job ended */
/* True when the running write reported progress not drawn yet (the loop
   calls it after draining the pool's events, then redraws). */
bool wizard_progress_changed(struct console *c);
void discover_read(struct console *c);		/* R in the discovery list */
/* ONT actions (r d e x s v m, :replace). */
void action_run(struct console *c, enum wjob_kind k);
/* Asks for a line of text; fn gets it on Enter. */
void console_prompt(struct console *c, void (*fn)(struct console *, const char *),
    const char *fmt, ...) __attribute__((format(printf, 3, 4)));

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
};
int console_run(const struct globals *g, const struct console_opts *o);
int demo_run(int argc, char **argv, const struct globals *g);

#endif
