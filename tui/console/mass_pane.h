/*
 * mass_pane.h — the parts of the mass change screen: its model and keys
 * (mass_pane.c) and its drawing (mass_draw.c).  Only those two files
 * include this.  UI thread only.
 */
#ifndef OLTUI_TUI_MASS_PANE_H
#define OLTUI_TUI_MASS_PANE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/acs_jobs.h"
#include "core/acs_run.h"
#include "tui/console/console.h"

enum mass_stage { MS_FORM, MS_PREVIEWING, MS_PREVIEW, MS_RUN };

/* What the form changes, and its fields (label, hint, secret). */
enum mass_kind { MK_WIFI, MK_PPPOE, MK_PARAM, MK_COUNT };

#define MASS_FIELDS	3	/* fields of a change, besides what and how many */

/* One kind of change: its name and its fields (label, hint; a secret is
   drawn as stars).  A NULL label: the kind has fewer fields. */
struct mass_kind_def {
	const char	*name;
	struct { const char *label, *hint; bool secret; } f[MASS_FIELDS];
};
extern const struct mass_kind_def mass_kinds[MK_COUNT];

#define FIELD_WHAT	0			/* the kind */
#define FIELD_CAP	(MASS_FIELDS + 1)	/* routers at once */

struct mass_preview;

/* The screen's state: the form, the dry run, the run. */
struct mass_pane {
	enum mass_stage		 stage;
	char			 olt[NAME_MAX_LEN + 1];
	char			 port[PORT_MAX_LEN + 1];	/* "" = the whole OLT */
	/* the form */
	int			 kind;		/* enum mass_kind */
	int			 field;		/* the one being typed in */
	char			 text[MK_COUNT][MASS_FIELDS][ACS_VALUE_MAX];	/* secrets too:
						   wiped at close and once sealed */
	char			 cap[8];
	/* the dry run (its items are the run's once it runs) */
	uint64_t		 job;
	struct mass_preview	*pv;		/* shared with its job while it runs */
	char			 what[400];	/* what the change sets, in words */
	struct acs_item		*items;
	size_t			 n;
	char			 error[512];	/* why the dry run failed; "" */
	/* the run */
	int64_t			 id;
	struct acs_run_progress	 prog;
	bool			 running;
	int64_t			 loaded_ms;	/* the run's items, last read */
	size_t			 top;
};

/* Draws the screen from s (mass_draw.c): memory only. */
void mass_draw(struct console *c, struct mass_pane *s, int y, int x, int h, int w);
/* Which routers: "the routers of hw-1 port 0/1/0". */
void mass_where(const struct mass_pane *s, char *out, size_t size);
/* "SSID "Casa" and a WiFi passphrase on every radio": what a change sets. */
void mass_change_words(const struct acs_change *ch, char *out, size_t size);

#endif
