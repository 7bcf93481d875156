/*
 * zte_parse.c — ZTE ZXA10 C300/C320 (ZXAN V1.2/V2.1) command output into
 * parse.h structs.
 *
 * Layouts follow /work/shared/reference/zte-cli.md §4 (fixtures in
 * tests/fixtures/zte/).  ONU indexes are accepted in every printed form:
 * "gpon-onu_1/2/1:1" (V1.2), "1/2/1:1" (V2.1 state lists), "gpon_onu-1/2/1:1"
 * (C600).  Tables are read through their header words (pu_header/pu_row),
 * detail views through "Label: value" lines.  "%Code 32310/62310-GPONSRV :
 * No related information to show." is an empty answer; "%Error <n>: ...",
 * "Error <n>: ...", "% Invalid input" and other "%Code" notices are errors,
 * quoted in the cause.
 *
 * Pure; no global state; any thread.
 */
#include "drivers/zte.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "drivers/parse_time.h"
#include "drivers/parse_util.h"
#include "drivers/parse_wrap.h"
#include "lib/sn.h"
#include "lib/util.h"

/* The order of an output's day/month dates when none of them shows it
   (parse_time.h): ZTE writes month first where it writes such dates (the
   C600 login banner's "08-22-2026", zte-cli.md §1.1). */
#define ZTE_DATE_ORDER PR_DATES_MONTH_FIRST

/* True if the output says "No related information to show". */
static bool
zte_empty(const struct pu_lines *l)
{
	for (size_t i = 0; i < l->n; i++)
		if (strstr(l->v[i], "No related information to show"))
			return true;
	return false;
}

/* Returns the device's error words found in the lines, or NULL. */
static char *
zte_error(const struct pu_lines *l)
{
	for (size_t i = 0; i < l->n; i++) {
		const char *s = l->v[i] + pu_indent(l->v[i]);

		if (str_startswith(s, "%Error") || str_startswith(s, "% ") ||
		    (str_startswith(s, "Error ") && isdigit((unsigned char)s[6])) ||
		    (str_startswith(s, "%Code") &&
		    strstr(s, "No related information") == NULL))
			return xstrdup(s);
	}
	return NULL;
}

/* Fails with the device's error, or with what was expected. */
static int
zte_fail(const struct pu_lines *l, char **cause, const char *expected)
{
	char *e = zte_error(l);

	if (e != NULL) {
		set_cause(cause, "the OLT answered: %s", e);
		free(e);
	} else {
		set_cause(cause, "%s", expected);
	}
	return -1;
}

/* True if the lines hold a device error. */
static bool
zte_has_error(const struct pu_lines *l)
{
	char *e = zte_error(l);
	bool found = e != NULL;

	free(e);
	return found;
}

/* True when there is nothing to read but an "empty" notice (and no error). */
static bool
zte_ok_empty(const struct pu_lines *l)
{
	return zte_empty(l) && !zte_has_error(l);
}

/* Reads an ONU index in any printed form: port "1/2/1" into port, the
   number after ':' into *id (PR_NONE when absent).  False if s is none. */
static bool
zte_index(const char *s, char *port, size_t portsz, long *id)
{
	static const char *const prefixes[] = {
		"gpon-onu_", "gpon_onu-", "gpon-olt_", "gpon_olt-", "epon-onu_",
	};
	const char *colon;

	if (s == NULL)
		return false;
	s += pu_indent(s);
	for (size_t i = 0; i < nitems(prefixes); i++)
		if (str_startswith(s, prefixes[i])) {
			s += strlen(prefixes[i]);
			break;
		}
	if (!pu_fsp(s, port, portsz))
		return false;
	colon = s;
	while (*colon != '\0' && *colon != ':' && !isspace((unsigned char)*colon))
		colon++;
	*id = *colon == ':' ? pu_long(colon + 1) : PR_NONE;
	return true;
}

/* True if line has the header word "Sn"/"SN" on its own. */
static bool
find_sn_word(const char *line)
{
	static const char *const sn[] = { "Sn" };
	struct pu_cols c;

	return pu_header(line, sn, 1, &c) == 1;
}

/* The column where text, a cell of line read from the column at col,
   starts (ZTE may print a long value from one blank left of its column). */
static size_t
zte_cell_at(const char *line, size_t col, const char *text)
{
	const char *at = col != SIZE_MAX && col < strlen(line) + 2 ?
	    strstr(line + (col > 2 ? col - 2 : 0), text) : NULL;

	return at != NULL ? (size_t)(at - line) : col;
}

/* ---- autofind ------------------------------------------------------- */

enum { UC_INDEX, UC_OLTINDEX, UC_SN, UC_STATE, UC_MODEL, UC_TYPE, UC_PW,
    UC_NCOLS };
static const char *const uncfg_labels[UC_NCOLS] = {
	"OnuIndex", "OltIndex", "Sn", "State", "Model", "Type", "PW",
};

/* Parses `show gpon onu uncfg [gpon-olt_R/S/P]`: OnuIndex, Sn, State
   (V2.1's default, VERBATIM), and the Model and Pw columns a device shows
   with `pon` / `uncfg-onu-display-info model sn pw` (a real config line;
   that layout is not captured, so it is read by its header words, with a
   long model wrapped under its column as baseinfo wraps the type).  No
   capture prints when the ONU was found: found_at stays NULL. */
int
zte_parse_autofind(const char *text, struct pr_autofind_list *out, char **cause)
{
	struct pu_lines l;
	struct pu_cols cols = { 0 };
	struct pw_column models;
	size_t cap = 0, model_col = SIZE_MAX;
	bool header = false;

	memset(out, 0, sizeof *out);
	pw_init(&models, SIZE_MAX, SIZE_MAX, 0);
	pu_lines_split(text, &l);
	for (size_t i = 0; i < l.n; i++) {
		const char *s = l.v[i] + pu_indent(l.v[i]);
		char *f[UC_NCOLS], port[32];
		long id;

		if ((str_startswith(s, "OnuIndex") || str_startswith(s, "OltIndex")) &&
		    find_sn_word(s)) {
			header = pu_header(l.v[i], uncfg_labels, UC_NCOLS, &cols) >= 2;
			pw_end(&models);
			model_col = SIZE_MAX;
			for (size_t k = 0; k < cols.n; k++)
				if (cols.id[k] == UC_MODEL || cols.id[k] == UC_TYPE) {
					model_col = cols.start[k];
					pw_header(&models, model_col, k + 1 < cols.n ?
					    cols.start[k + 1] : SIZE_MAX);
				}
			continue;
		}
		if (!header || pu_blank(l.v[i]) || pu_rule(l.v[i])) {
			pw_end(&models);
			continue;
		}
		if (pw_more(&models, l.v[i]))
			continue;	/* a model wrapped under its column */
		pu_row(l.v[i], &cols, UC_NCOLS, f);
		if (zte_index(f[UC_INDEX] ? f[UC_INDEX] : f[UC_OLTINDEX], port,
		    sizeof port, &id) && f[UC_SN] != NULL) {
			struct pr_autofind *a;

			if (out->n == cap) {
				cap = cap ? cap * 2 : 8;
				out->v = xreallocarray(out->v, cap, sizeof *out->v);
			}
			a = &out->v[out->n++];
			memset(a, 0, sizeof *a);
			a->port = xstrdup(port);
			a->slot_index = id;
			a->sn = sn_normalize_loose(f[UC_SN]);
			a->vendor = a->sn != NULL && sn_is_canonical(a->sn) ?
			    xstrndup(a->sn, 4) : NULL;
			a->state = pu_dup(f[UC_STATE]);
			if (f[UC_MODEL] != NULL || f[UC_TYPE] != NULL) {
				const char *m = f[UC_MODEL] ? f[UC_MODEL] : f[UC_TYPE];

				pw_first(&models, out->n - 1, m, zte_cell_at(l.v[i], model_col, m));
			}
		}
		pu_fields_free(f, UC_NCOLS);
	}
	if (out->n > 0 || header || zte_ok_empty(&l)) {
		struct pw_measure m;

		pw_measure(&models, &m);
		for (size_t k = 0; k < models.n; k++) {
			size_t tag;
			char *model = pw_join(&models, &m, k, &tag);

			out->v[tag].model = pu_dup(model);
			free(model);
		}
		pw_free(&models);
		pu_lines_free(&l);
		return 0;
	}
	pw_free(&models);
	zte_fail(&l, cause, "no unconfigured-ONU table header (OnuIndex  Sn  State) "
	    "found in the output");
	pu_lines_free(&l);
	return -1;
}

/* ---- ont-list ------------------------------------------------------- */

static struct pr_ont *
ont_new(struct pr_ont_list *out, size_t *cap, const char *port, long id)
{
	struct pr_ont *o;

	if (out->n == *cap) {
		*cap = *cap ? *cap * 2 : 16;
		out->v = xreallocarray(out->v, *cap, sizeof *out->v);
	}
	o = &out->v[out->n++];
	memset(o, 0, sizeof *o);
	o->port = xstrdup(port);
	o->ont_id = id;
	o->distance_m = PR_NONE;
	o->rx_dbm = o->tx_dbm = NAN;
	return o;
}

enum { OS_INDEX, OS_ADMIN, OS_OMCC, OS_PHASE, OS_CHANNEL, OS_TYPE, OS_MODE,
    OS_AUTH, OS_STATE, OS_NCOLS };
static const char *const state_labels[OS_NCOLS] = {
	"OnuIndex", "Admin State", "OMCC State", "Phase State", "Channel",
	"Type", "Mode", "AuthInfo", "State",
};

/* Parses `show gpon onu state [gpon-olt_R/S/P]` and
   `show gpon onu baseinfo gpon-olt_R/S/P` (type wraps onto a
   continuation line). */
int
zte_parse_ont_list(const char *text, struct pr_ont_list *out, char **cause)
{
	struct pu_lines l;
	struct pu_cols cols = { 0 };
	struct pw_column types;
	size_t cap = 0, type_col = SIZE_MAX;
	bool header = false;

	memset(out, 0, sizeof *out);
	pw_init(&types, SIZE_MAX, SIZE_MAX, 0);
	pu_lines_split(text, &l);
	for (size_t i = 0; i < l.n; i++) {
		const char *s = l.v[i] + pu_indent(l.v[i]);
		char *f[OS_NCOLS], port[32];
		struct pr_ont *o;
		long id;

		if (str_startswith(s, "OnuIndex") &&
		    (strstr(s, "Phase") || strstr(s, "AuthInfo") || strstr(s, "Admin"))) {
			header = pu_header(l.v[i], state_labels, OS_NCOLS, &cols) >= 2;
			for (size_t k = 0; k < cols.n; k++)
				if (cols.id[k] == OS_TYPE) {
					type_col = cols.start[k];
					pw_header(&types, type_col, k + 1 < cols.n ?
					    cols.start[k + 1] : SIZE_MAX);
				}
			continue;
		}
		if (!header || pu_blank(l.v[i]) || pu_rule(l.v[i])) {
			pw_end(&types);
			continue;
		}
		if (!zte_index(s, port, sizeof port, &id)) {
			/* baseinfo: the ONU type wraps under its column */
			pw_more(&types, l.v[i]);
			continue;
		}
		pw_end(&types);
		if (id == PR_NONE)
			continue;
		pu_row(l.v[i], &cols, OS_NCOLS, f);
		o = ont_new(out, &cap, port, id);
		o->admin = pu_admin(f[OS_ADMIN]);
		o->config_state = pu_dup(f[OS_OMCC] ? f[OS_OMCC] : f[OS_STATE]);
		o->status = pu_status(f[OS_PHASE]);
		if (f[OS_TYPE] != NULL)
			pw_first(&types, (size_t)(o - out->v), f[OS_TYPE],
			    zte_cell_at(l.v[i], type_col, f[OS_TYPE]));
		if (f[OS_AUTH] != NULL && str_startswith(f[OS_AUTH], "SN:"))
			o->sn = sn_normalize_loose(f[OS_AUTH]);
		pu_fields_free(f, OS_NCOLS);
	}
	if (out->n > 0 || zte_ok_empty(&l) || (header && !zte_has_error(&l))) {
		struct pw_measure m;

		pw_measure(&types, &m);
		for (size_t k = 0; k < types.n; k++) {
			size_t tag;
			char *model = pw_join(&types, &m, k, &tag);

			out->v[tag].model = pu_dup(model);
			free(model);
		}
		pw_free(&types);
		pu_lines_free(&l);
		return 0;
	}
	pw_free(&types);
	zte_fail(&l, cause, "no ONU table header (OnuIndex  Admin State ... "
	    "Phase State) found in the output");
	pu_lines_free(&l);
	return -1;
}

/* ---- ont-detail ----------------------------------------------------- */

/* Reads one row of the detail-info history ring ("  3   <authpass time>
   <offline time>  <cause>"): keeps the latest authpass time, and the
   latest offline time with its cause, in d.  Lines that do not start with
   the row number and a blank, or stop after it, are not rows (0).  -1 with *cause when a row's time does
   not read: the cause is what follows the times, so it cannot be found. */
static int
history_row(const struct pt_dates *dates, const char *s, struct pr_ont_detail *d,
    char **cause)
{
	const char *p = s;
	char *up = NULL, *down = NULL;
	long row = pu_long(s);

	while (isdigit((unsigned char)*p))
		p++;
	if (row == PR_NONE || !isspace((unsigned char)*p) || pu_blank(p))
		return 0;	/* a row is its number, then its times */
	if (pt_read(dates, &p, &up) == 0 || pt_read(dates, &p, &down) == 0) {
		char *where = xasprintf("in row %ld of the authpass/offline "
		    "history", row);

		free(up);
		pt_unreadable(cause, p, where);
		free(where);
		return -1;
	}
	/* ISO times of one output compare in time order */
	if (up != NULL && (d->last_up == NULL || strcmp(up, d->last_up) > 0)) {
		free(d->last_up);
		d->last_up = up;
		up = NULL;
	}
	if (down != NULL && (d->last_down == NULL ||
	    strcmp(down, d->last_down) > 0)) {
		free(d->last_down);
		d->last_down = down;
		down = NULL;
		free(d->last_down_cause);
		d->last_down_cause = pu_dup(p);
	}
	free(up);
	free(down);
	return 0;
}

/* Parses `show gpon onu detail-info gpon-onu_R/S/P:N` (both layouts). */
int
zte_parse_ont_detail(const char *text, struct pr_ont_detail *d, char **cause)
{
	struct pu_lines l;
	struct pt_dates dates;
	char key[64];
	const char *v;
	bool history = false, phase = false;
	enum ont_status state_status = ONT_UNKNOWN;

	pr_ont_detail_init(d);
	pt_dates_scan(&dates, text, ZTE_DATE_ORDER);
	pu_lines_split(text, &l);
	for (size_t i = 0; i < l.n; i++) {
		const char *s = l.v[i] + pu_indent(l.v[i]);

		if (strstr(s, "Authpass Time") && strstr(s, "OfflineTime")) {
			history = true;
			continue;
		}
		if (history) {
			if (history_row(&dates, s, d, cause) != 0) {
				pr_ont_detail_free(d);
				pu_lines_free(&l);
				return -1;
			}
			continue;
		}
		if (!pu_kv(l.v[i], key, sizeof key, &v, NULL))
			continue;
		if (pu_key_is(key, "ONU interface")) {
			char port[32];
			long id;

			if (d->port != NULL)
				break;
			if (zte_index(v, port, sizeof port, &id)) {
				d->port = xstrdup(port);
				d->ont_id = id;
			}
		} else if (pu_key_is(key, "ONU ID") && d->ont_id == PR_NONE) {
			d->ont_id = pu_long(v);
		} else if (pu_key_is(key, "Name")) {
			pu_set_once(&d->name, v);
		} else if (pu_key_is(key, "Type") ||
		    pu_key_is(key, "ONU type configured")) {
			pu_set_once(&d->model, v);
		} else if (pu_key_is(key, "ONU type reported")) {
			/* what the ONU says it is beats what was configured */
			if (*v != '\0') {
				free(d->model);
				d->model = pu_dup(v);
			}
		} else if (pu_key_is(key, "State")) {
			/* "ready" (V2.1 config state) or "working" (a phase) */
			state_status = pu_status(v);
			if (state_status == ONT_UNKNOWN)
				pu_set_once(&d->config_state, v);
		} else if (pu_key_is(key, "Admin state")) {
			d->admin = pu_admin(v);
		} else if (pu_key_is(key, "Phase state")) {
			d->status = pu_status(v);
			phase = true;
		} else if (pu_key_is(key, "Config state")) {
			free(d->config_state);
			d->config_state = pu_dup(v);
		} else if (pu_key_is(key, "Serial number") ||
		    pu_key_is(key, "SN reported")) {
			if (d->sn == NULL)
				d->sn = sn_normalize_loose(v);
		} else if (pu_key_is(key, "Auth information")) {
			const char *p = strchr(v, '(');

			if (d->sn == NULL && p != NULL) {
				char tmp[32];

				strlcpy_(tmp, p + 1, sizeof tmp);
				tmp[strcspn(tmp, ")")] = '\0';
				d->sn = sn_normalize_loose(tmp);
			}
		} else if (pu_key_is(key, "Description")) {
			pu_set_once(&d->description, v);
		} else if (pu_key_is(key, "ONU Distance")) {
			d->distance_m = pu_long(v);
		} else if (pu_key_is(key, "Online Duration")) {
			pu_set_once(&d->online_duration, v);
		} else if (pu_key_is(key, "Line Profile")) {
			if (strcmp(v, "N/A") != 0)
				pu_set_once(&d->line_profile, v);
		} else if (pu_key_is(key, "Service Profile")) {
			if (strcmp(v, "N/A") != 0)
				pu_set_once(&d->service_profile, v);
		} else if (pu_key_is(key, "Hardware version")) {
			pu_set_once(&d->hardware, v);
		} else if (pu_key_is(key, "Software version")) {
			pu_set_once(&d->software, v);
		}
	}
	if (!phase)
		d->status = state_status;
	if (d->port != NULL) {
		d->dates = dates.order;
		pu_lines_free(&l);
		return 0;
	}
	pr_ont_detail_free(d);
	zte_fail(&l, cause, "no ONU detail (ONU interface: gpon-onu_R/S/P:N) "
	    "found in the output");
	pu_lines_free(&l);
	return -1;
}

/* ---- optical -------------------------------------------------------- */

/* Reads the value after "<label> :" in s, NAN for "no signal"/"N/A". */
static double
after_label(const char *s, const char *label)
{
	const char *p = strstr(s, label);

	if (p == NULL)
		return NAN;
	p += strlen(label);
	while (*p == ' ')
		p++;
	if (*p != ':')
		return NAN;
	return pu_num(p + 1);
}

/* Reads the attenuation, the last "(dB)" token of the row. */
static double
attenuation(const char *s)
{
	char **t;
	size_t nt = pu_tokens(s, &t, NULL, 0);
	double d = NAN;

	if (nt > 0 && (strstr(t[nt - 1], "(dB") || strstr(t[nt - 1], "(db")) &&
	    strstr(t[nt - 1], "dbm") == NULL)
		d = pu_num(t[nt - 1]);
	strv_free(t, nt);
	return d;
}

/* Parses `show pon power attenuation gpon-onu_R/S/P:N`: the up row is OLT Rx
   / ONU Tx, the down row OLT Tx / ONU Rx. */
int
zte_parse_optical(const char *text, struct pr_optical *o, char **cause)
{
	struct pu_lines l;
	bool up = false, down = false;

	pr_optical_init(o);
	pu_lines_split(text, &l);
	for (size_t i = 0; i < l.n; i++) {
		const char *s = l.v[i] + pu_indent(l.v[i]);

		if (str_startswith(s, "up ") && strstr(s, "Rx")) {
			o->olt_rx_dbm = after_label(s, "Rx");
			o->tx_dbm = after_label(s, "Tx");
			o->attenuation_up_db = attenuation(s);
			up = true;
		} else if (str_startswith(s, "down ") && strstr(s, "Rx")) {
			o->olt_tx_dbm = after_label(s, "Tx");
			o->rx_dbm = after_label(s, "Rx");
			o->attenuation_down_db = attenuation(s);
			down = true;
		}
	}
	if (up || down) {
		pu_lines_free(&l);
		return 0;
	}
	pr_optical_free(o);
	zte_fail(&l, cause, "no attenuation rows (up  Rx : ... / down  Tx : ...) "
	    "found in the output");
	pu_lines_free(&l);
	return -1;
}

/* ---- optical-list --------------------------------------------------- */

/* Parses `show pon power onu-rx|onu-tx|olt-rx gpon-olt_R/S/P` (and the
   one-line per-ONU form). */
int
zte_parse_optical_list(const char *text, struct pr_optical_list *out, char **cause)
{
	enum { RX, TX, OLTRX } what = RX;
	struct pu_lines l;
	size_t cap = 0;
	bool header = false;

	memset(out, 0, sizeof *out);
	pu_lines_split(text, &l);
	for (size_t i = 0; i < l.n; i++) {
		const char *s = l.v[i] + pu_indent(l.v[i]);
		char port[32], **t;
		size_t nt;
		long id;

		if (str_startswith(s, "Onu") && strstr(s, "power")) {
			header = true;
			what = strstr(s, "Tx") ? TX : RX;
			if (strstr(l.v[i], "OLT") || strstr(l.v[i], "Olt"))
				what = OLTRX;
			continue;
		}
		if (!zte_index(s, port, sizeof port, &id) || id == PR_NONE)
			continue;
		nt = pu_tokens(s, &t, NULL, 0);
		if (nt >= 2 && (header || strstr(t[1], "(dbm)") ||
		    strcmp(t[1], "N/A") == 0)) {
			struct pr_optical_row *r;
			double d = pu_num(t[1]);

			if (out->n == cap) {
				cap = cap ? cap * 2 : 16;
				out->v = xreallocarray(out->v, cap, sizeof *out->v);
			}
			r = &out->v[out->n++];
			r->port = xstrdup(port);
			r->ont_id = id;
			r->rx_dbm = r->tx_dbm = r->olt_rx_dbm = NAN;
			r->temperature_c = r->voltage_v = r->bias_ma = NAN;
			r->distance_m = PR_NONE;
			if (what == TX)
				r->tx_dbm = d;
			else if (what == OLTRX)
				r->olt_rx_dbm = d;
			else
				r->rx_dbm = d;
		}
		strv_free(t, nt);
	}
	if (out->n > 0 || zte_ok_empty(&l) || (header && !zte_has_error(&l))) {
		pu_lines_free(&l);
		return 0;
	}
	zte_fail(&l, cause, "no power table (Onu  Rx power) found in the output");
	pu_lines_free(&l);
	return -1;
}

/* ---- service-ports -------------------------------------------------- */

/* Parses service-port lines of `show running-config interface
   gpon-onu_R/S/P:N` / `show running-config`: "service-port 1 vport 1
   user-vlan 22 vlan 22" under "interface gpon-onu_1/2/1:3". */
int
zte_parse_service_ports(const char *text, struct pr_service_port_list *out,
    char **cause)
{
	struct pu_lines l;
	size_t cap = 0;
	char port[32] = "";
	long id = PR_NONE;
	bool iface = false;

	memset(out, 0, sizeof *out);
	pu_lines_split(text, &l);
	for (size_t i = 0; i < l.n; i++) {
		const char *s = l.v[i] + pu_indent(l.v[i]);
		char **t;
		size_t nt;
		struct pr_service_port *sp;

		if (str_startswith(s, "interface ") || str_startswith(s, "pon-onu-mng ")) {
			iface = true;
			if (!zte_index(strchr(s, ' ') + 1, port, sizeof port, &id))
				port[0] = '\0', id = PR_NONE;
			continue;
		}
		if (!str_startswith(s, "service-port ") ||
		    !isdigit((unsigned char)s[13]))
			continue;
		nt = pu_tokens(s, &t, NULL, 0);
		if (out->n == cap) {
			cap = cap ? cap * 2 : 8;
			out->v = xreallocarray(out->v, cap, sizeof *out->v);
		}
		sp = &out->v[out->n++];
		memset(sp, 0, sizeof *sp);
		sp->index = pu_long(t[1]);
		sp->vlan = sp->gem = sp->user_vlan = PR_NONE;
		sp->rx_table = sp->tx_table = PR_NONE;
		sp->port = port[0] != '\0' ? xstrdup(port) : NULL;
		sp->port_type = port[0] != '\0' ? xstrdup("gpon") : NULL;
		sp->ont_id = id;
		for (size_t k = 2; k + 1 < nt; k++) {
			if (strcmp(t[k], "vport") == 0 || strcmp(t[k], "gemport") == 0)
				sp->gem = pu_long(t[k + 1]);
			else if (strcmp(t[k], "user-vlan") == 0)
				sp->user_vlan = pu_long(t[k + 1]);
			else if (strcmp(t[k], "vlan") == 0 && sp->vlan == PR_NONE)
				sp->vlan = pu_long(t[k + 1]);
		}
		strv_free(t, nt);
	}
	if (out->n > 0 || iface || zte_ok_empty(&l)) {
		pu_lines_free(&l);
		return 0;
	}
	zte_fail(&l, cause, "no ONU configuration (interface gpon-onu_R/S/P:N with "
	    "service-port lines) found in the output");
	pu_lines_free(&l);
	return -1;
}

/* ---- boards --------------------------------------------------------- */

enum { CD_RACK, CD_SHELF, CD_SLOT, CD_CFG, CD_REAL, CD_CARD, CD_PORT, CD_HW,
    CD_SW, CD_STATUS, CD_NCOLS };
static const char *const card_labels[CD_NCOLS] = {
	"Rack", "Shelf", "Slot", "CfgType", "RealType", "CardName", "Port",
	"HardVer", "SoftVer", "Status",
};

/* Parses `show card`. */
int
zte_parse_boards(const char *text, struct pr_board_list *out, char **cause)
{
	struct pu_lines l;
	struct pu_cols cols = { 0 };
	size_t cap = 0;
	bool header = false;

	memset(out, 0, sizeof *out);
	pu_lines_split(text, &l);
	for (size_t i = 0; i < l.n; i++) {
		const char *s = l.v[i] + pu_indent(l.v[i]);
		char *f[CD_NCOLS];

		if (strstr(s, "Slot") && strstr(s, "CfgType")) {
			header = pu_header(l.v[i], card_labels, CD_NCOLS, &cols) >= 3;
			continue;
		}
		if (!header || !isdigit((unsigned char)*s))
			continue;
		pu_row(l.v[i], &cols, CD_NCOLS, f);
		if (pu_long(f[CD_SLOT]) != PR_NONE) {
			struct pr_board *b;

			if (out->n == cap) {
				cap = cap ? cap * 2 : 16;
				out->v = xreallocarray(out->v, cap, sizeof *out->v);
			}
			b = &out->v[out->n++];
			memset(b, 0, sizeof *b);
			b->rack = pu_long(f[CD_RACK]);
			b->shelf = pu_long(f[CD_SHELF]);
			b->slot = pu_long(f[CD_SLOT]);
			b->cfg_type = pu_dup(f[CD_CFG]);
			b->real_type = pu_dup(f[CD_REAL] ? f[CD_REAL] : f[CD_CARD]);
			b->ports = pu_long(f[CD_PORT]);
			b->hard_ver = pu_dup(f[CD_HW]);
			b->soft_ver = pu_dup(f[CD_SW]);
			b->status = pu_dup(f[CD_STATUS]);
		}
		pu_fields_free(f, CD_NCOLS);
	}
	if (out->n > 0) {
		pu_lines_free(&l);
		return 0;
	}
	zte_fail(&l, cause, "no card table header (Rack Shelf Slot CfgType ...) "
	    "found in the output");
	pu_lines_free(&l);
	return -1;
}

/* ---- version -------------------------------------------------------- */

/* Reads what follows VerTag in a `show version-running` row: BuildTime
   (a date and time) then VerLength.  A row without a build time has the
   length alone.  -1 with *cause when the build time does not read: the
   length is what follows it, so it cannot be found. */
static int
version_row_tail(const struct pt_dates *dates, const char *p,
    struct pr_module *m, char **cause)
{
	const char *q = p + pu_indent(p);
	char *where;

	if (pt_read(dates, &p, &m->build_time) == 1) {
		m->length = pu_long(p);
		return 0;
	}
	while (isdigit((unsigned char)*q))
		q++;
	if (q > p + pu_indent(p) && pu_blank(q)) {
		m->length = pu_long(p);
		return 0;
	}
	where = xasprintf("in the BuildTime column of module %s %s",
	    m->location, m->ver_type);
	pt_unreadable(cause, p, where);
	free(where);
	return -1;
}

/* Parses `show version-running` (module table) and `show system-group`
   ("System Description: C320 Version V2.1.0 ...", "Started before: ..."). */
int
zte_parse_version(const char *text, struct pr_version *v, char **cause)
{
	struct pu_lines l;
	struct pt_dates dates;
	size_t cap = 0;
	bool header = false;
	char key[64];
	const char *val;

	pr_version_init(v);
	pt_dates_scan(&dates, text, ZTE_DATE_ORDER);
	pu_lines_split(text, &l);
	for (size_t i = 0; i < l.n; i++) {
		const char *s = l.v[i] + pu_indent(l.v[i]);
		size_t starts[8], nt;
		char **t;

		if (str_startswith(s, "PhyLoc") && strstr(s, "VerTag")) {
			header = true;
			continue;
		}
		if (header && isdigit((unsigned char)*s)) {
			nt = pu_tokens(s, &t, starts, nitems(starts));
			if (nt >= 4) {
				struct pr_module *m;

				if (v->nmodules == cap) {
					cap = cap ? cap * 2 : 8;
					v->modules = xreallocarray(v->modules, cap,
					    sizeof *v->modules);
				}
				m = &v->modules[v->nmodules++];
				memset(m, 0, sizeof *m);
				m->location = xstrdup(t[0]);
				m->file_type = xstrdup(t[1]);
				m->ver_type = xstrdup(t[2]);
				m->ver_tag = xstrdup(t[3]);
				m->length = PR_NONE;
				if (nt > 4 && version_row_tail(&dates, s + starts[4],
				    m, cause) != 0) {
					strv_free(t, nt);
					pr_version_free(v);
					pu_lines_free(&l);
					return -1;
				}
			}
			strv_free(t, nt);
			continue;
		}
		if (!pu_kv(l.v[i], key, sizeof key, &val, NULL))
			continue;
		if (pu_key_is(key, "System Description") && v->product == NULL) {
			nt = pu_tokens(val, &t, NULL, 0);
			for (size_t k = 1; k + 1 < nt; k++)
				if (strcmp(t[k], "Version") == 0) {
					v->product = xstrdup(t[k - 1]);
					pu_set_once(&v->version, t[k + 1]);
					break;
				}
			strv_free(t, nt);
		} else if (pu_key_is(key, "Started before") && v->uptime_s == PR_NONE) {
			v->uptime_s = pu_duration(val);
		}
	}
	if (v->version == NULL && v->nmodules > 0) {
		size_t pick = 0;

		for (size_t k = 0; k < v->nmodules; k++)
			if (strcmp(v->modules[k].ver_type, "MVR") == 0) {
				pick = k;
				break;
			}
		v->version = xstrdup(v->modules[pick].ver_tag);
	}
	if (v->version != NULL) {
		v->dates = dates.order;
		pu_lines_free(&l);
		return 0;
	}
	pr_version_free(v);
	zte_fail(&l, cause, "no version table (PhyLoc FileType VerType VerTag ...) "
	    "or System Description found in the output");
	pu_lines_free(&l);
	return -1;
}

/* The word after key in line (words split on blanks), or NULL. */
static char *
zte_word_after(const char *line, const char *key)
{
	char buf[256], *w, *save = NULL;
	bool next = false;

	strlcpy_(buf, line, sizeof buf);
	for (w = strtok_r(buf, " \t", &save); w != NULL; w = strtok_r(NULL, " \t", &save)) {
		if (next)
			return xstrdup(w);
		next = strcmp(w, key) == 0;
	}
	return NULL;
}

/* Reads what an ONU's interface running-config adds to its detail: the
   first T-CONT's profile ("tcont 1 [name N] profile P"), the first GEM
   port's downstream traffic profile ("gemport 1 traffic-limit [upstream U]
   downstream D"), and name / description when the detail had none.  Keys
   on the line's leading words; other lines are ignored. */
int
zte_parse_onu_if(const char *text, struct pr_ont_detail *d, char **cause)
{
	char **lines = NULL;
	size_t n = str_split_lines(text, &lines), i;
	bool seen = false;

	for (i = 0; i < n; i++) {
		char *l = str_trim(lines[i]);

		if (str_startswith(l, "interface gpon-onu_"))
			seen = true;
		else if (!seen)
			continue;
		else if (str_startswith(l, "tcont ") && d->line_profile == NULL)
			d->line_profile = zte_word_after(l, "profile");
		else if (str_startswith(l, "gemport ") && strstr(l, " traffic-limit ") != NULL &&
		    d->service_profile == NULL)
			d->service_profile = zte_word_after(l, "downstream");
		else if (str_startswith(l, "name ") && d->name == NULL)
			d->name = xstrdup(str_trim(l + 5));
		else if (str_startswith(l, "description ") && d->description == NULL)
			d->description = xstrdup(str_trim(l + 12));
	}
	strv_free(lines, n);
	if (!seen && *text != '\0') {
		set_cause(cause, "no \"interface gpon-onu_\" line in the ONU's configuration");
		return -1;
	}
	return 0;
}
