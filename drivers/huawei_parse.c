/*
 * huawei_parse.c — Huawei SmartAX (MA5600T/MA5608T/MA5683T/MA5800/EA5800)
 * ONT-level command output into parse.h structs: autofind, ont-list,
 * ont-detail, optical, optical-list (OLT-level kinds are in
 * huawei_parse_olt.c).
 *
 * Layouts follow /work/shared/reference/huawei-cli.md §4 (the fixtures in
 * tests/fixtures/huawei/ are its captures).  Each parser walks the lines
 * once, keying on "Label : value" labels and on table header words; rows are
 * split on blanks after F/S/P tokens printed with inner blanks ("0/ 1/0",
 * "0/0 /1") are compacted.  Data wins over error lines (a capture may hold
 * an earlier failed command); with no data, a "Failure: ..." or "% ..."
 * line becomes the error, quoted; with neither, the message names what was
 * expected.
 *
 * Pure; no global state; any thread.
 */
#include "drivers/huawei.h"

#include <ctype.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "drivers/parse_time.h"
#include "drivers/parse_util.h"
#include "drivers/parse_wrap.h"
#include "lib/sn.h"
#include "lib/util.h"

/* Huawei wraps a description at 32 columns in every capture at hand (the
   detail view's "Dr," padded to 32, huawei-cli.md §4.3): the width a
   description column has unless the output shows another (parse_wrap.h). */
#define HW_DESC_WIDTH 32

/* The order of an output's day/month dates when none of them shows it
   (parse_time.h).  Huawei prints year-first dates in every capture at
   hand; the day/month ones reported from the field were day first
   (28/09/2023, issue 11). */
#define HW_DATE_ORDER PR_DATES_DAY_FIRST

/* True if the lines say "no automatically found ONTs". */
static bool
hw_autofind_empty(const struct pu_lines *l)
{
	for (size_t i = 0; i < l->n; i++)
		if (strstr(l->v[i], "automatically found ONTs do not exist"))
			return true;
	return false;
}

/* Compacts a "0/ 1/0" value to "0/1/0"; NULL if it is not F/S/P. */
static char *
hw_port(const char *v)
{
	char tmp[64], out[32];

	strlcpy_(tmp, v, sizeof tmp);
	pu_fix_fsp(tmp);
	if (!pu_fsp(tmp + pu_indent(tmp), out, sizeof out))
		return NULL;
	return xstrdup(out);
}

/* ---- autofind ------------------------------------------------------- */

static void
autofind_push(struct pr_autofind_list *out, size_t *cap, struct pr_autofind *a)
{
	if (a->port == NULL && a->sn == NULL) {
		free(a->vendor), free(a->model), free(a->software);
		free(a->hardware), free(a->mac), free(a->found_at);
		free(a->state);
	} else {
		if (out->n == *cap) {
			*cap = *cap ? *cap * 2 : 8;
			out->v = xreallocarray(out->v, *cap, sizeof *out->v);
		}
		out->v[out->n++] = *a;
	}
	memset(a, 0, sizeof *a);
	a->slot_index = PR_NONE;
}

/* Parses `display ont autofind all|P` records. */
int
huawei_parse_autofind(const char *text, struct pr_autofind_list *out, char **cause)
{
	struct pu_lines l;
	struct pr_autofind a;
	struct pt_dates dates;
	size_t cap = 0;
	bool seen = false;
	char key[64];
	const char *v;

	memset(out, 0, sizeof *out);
	memset(&a, 0, sizeof a);
	a.slot_index = PR_NONE;
	pt_dates_scan(&dates, text, HW_DATE_ORDER);
	pu_lines_split(text, &l);
	for (size_t i = 0; i < l.n; i++) {
		if (pu_rule(l.v[i])) {
			autofind_push(out, &cap, &a);
			continue;
		}
		if (!pu_kv(l.v[i], key, sizeof key, &v, NULL))
			continue;
		if (pu_key_is(key, "Number") ||
		    (pu_key_is(key, "F/S/P") && a.port != NULL)) {
			autofind_push(out, &cap, &a);
			seen = true;
		}
		if (pu_key_is(key, "F/S/P")) {
			free(a.port);
			a.port = hw_port(v);
			seen = true;
		} else if (pu_key_is(key, "Ont SN")) {
			free(a.sn);
			a.sn = sn_normalize_loose(v);
		} else if (pu_key_is(key, "VendorID")) {
			pu_set_once(&a.vendor, v);
		} else if (pu_key_is(key, "Ont Version")) {
			pu_set_once(&a.hardware, v);
		} else if (pu_key_is(key, "Ont SoftwareVersion")) {
			pu_set_once(&a.software, v);
		} else if (pu_key_is(key, "Ont EquipmentID")) {
			pu_set_once(&a.model, v);
		} else if (pu_key_is(key, "Ont MAC")) {
			pu_set_once(&a.mac, v);
		} else if (pu_key_is(key, "Ont autofind time")) {
			if (a.found_at == NULL)
				a.found_at = pt_value(&dates, v);
		}
	}
	autofind_push(out, &cap, &a);
	if (out->n > 0 || hw_autofind_empty(&l)) {
		/* the vendor comes from the SN when the output omits it */
		for (size_t i = 0; i < out->n; i++)
			if (out->v[i].vendor == NULL && out->v[i].sn != NULL &&
			    sn_is_canonical(out->v[i].sn))
				out->v[i].vendor = xstrndup(out->v[i].sn, 4);
		out->dates = dates.order;
		pu_lines_free(&l);
		return 0;
	}
	(void)seen;
	pu_hw_fail(&l, cause, "no autofind record (F/S/P, Ont SN) found in the output");
	pu_lines_free(&l);
	return -1;
}

/* ---- ont-list ------------------------------------------------------- */

static struct pr_ont *
ont_get(struct pr_ont_list *out, size_t *cap, const char *port, long id)
{
	struct pr_ont *o;

	for (size_t i = out->n; i > 0; i--) {
		o = &out->v[i - 1];
		if (o->ont_id == id && ((o->port == NULL && port == NULL) ||
		    (o->port != NULL && port != NULL && strcmp(o->port, port) == 0)))
			return o;
	}
	if (out->n == *cap) {
		*cap = *cap ? *cap * 2 : 16;
		out->v = xreallocarray(out->v, *cap, sizeof *out->v);
	}
	o = &out->v[out->n++];
	memset(o, 0, sizeof *o);
	o->port = port != NULL ? xstrdup(port) : NULL;
	o->ont_id = id;
	o->distance_m = PR_NONE;
	o->rx_dbm = o->tx_dbm = NAN;
	return o;
}

enum { ST_FSP, ST_ONT, ST_SN, ST_CONTROL, ST_RUN, ST_CONFIG, ST_MATCH,
    ST_PROTECT, ST_NCOLS };
static const char *const state_labels[ST_NCOLS] = {
	"F/S/P", "ONT", "SN", "Control", "Run", "Config", "Match", "Protect",
};

/* Sets the description of the ONTs whose wrapped values c holds (tags are
   indexes into out), joined; where keep_first, only ONTs that have none
   yet.  An empty description, or "-", is none (null). */
static void
descriptions(const struct pw_column *c, struct pr_ont_list *out,
    bool keep_first)
{
	struct pw_measure m;

	pw_measure(c, &m);
	for (size_t i = 0; i < c->n; i++) {
		size_t tag;
		char *d = pw_join(c, &m, i, &tag);
		struct pr_ont *o = &out->v[tag];

		if (keep_first && o->description != NULL) {
			free(d);
			continue;
		}
		free(o->description);
		o->description = pu_dup(d);
		free(d);
	}
}

/* Parses `display ont info F S P all` (state + description tables) and
   `display ont info summary F/S/P` (state + SN/Type/power tables). */
int
huawei_parse_ont_list(const char *text, struct pr_ont_list *out, char **cause)
{
	enum { NONE, STATE, DESC, SUM_STATE, SUM_INFO } mode = NONE;
	struct pu_lines l;
	struct pu_cols cols = { 0 };
	size_t cap = 0;
	struct pw_column desc, sum;
	struct pt_dates dates;
	char sumport[32] = "";
	const char *bad_col = NULL, *bad_at = NULL;
	long bad_id = PR_NONE;
	bool headers = false;

	memset(out, 0, sizeof *out);
	pt_dates_scan(&dates, text, HW_DATE_ORDER);
	pw_init(&desc, SIZE_MAX, SIZE_MAX, HW_DESC_WIDTH);
	pw_init(&sum, SIZE_MAX, SIZE_MAX, HW_DESC_WIDTH);
	pu_lines_split(text, &l);
	for (size_t i = 0; i < l.n && bad_col == NULL; i++) {
		char *line = l.v[i];
		const char *s = line + pu_indent(line);
		char port[32];

		if (pu_blank(line))
			continue;
		/* a description wrapped onto this line */
		if (pw_more(mode == SUM_INFO ? &sum : &desc, line))
			continue;
		if (pu_rule(line)) {
			pw_end(&desc), pw_end(&sum);
			continue;
		}
		if (str_startswith(s, "In port ")) {
			char tmp[64];

			strlcpy_(tmp, s + 8, sizeof tmp);
			pu_fix_fsp(tmp);
			if (!pu_fsp(tmp, sumport, sizeof sumport))
				sumport[0] = '\0';
			continue;
		}
		if (strstr(line, "F/S/P") != NULL && strstr(line, "Description")) {
			mode = DESC, headers = true;
			pw_header(&desc, (size_t)(strstr(line, "Description") - line),
			    SIZE_MAX);
			continue;
		}
		if (strstr(line, "F/S/P") != NULL && strstr(line, "ONT") &&
		    (strstr(line, "Run") || strstr(line, "Control"))) {
			pu_header(line, state_labels, ST_NCOLS, &cols);
			mode = STATE, headers = true;
			continue;
		}
		if (str_startswith(s, "ONT") && strstr(s, "Run") && strstr(s, "Last")) {
			mode = SUM_STATE, headers = true;
			continue;
		}
		if (str_startswith(s, "ONT") && strstr(s, "SN") && strstr(s, "Type")) {
			mode = SUM_INFO, headers = true;
			if (strstr(line, "Description") != NULL)
				pw_header(&sum, (size_t)(strstr(line,
				    "Description") - line), SIZE_MAX);
			continue;
		}
		if (mode == STATE || mode == DESC)
			pu_fix_fsp(line);
		s = line + pu_indent(line);
		switch (mode) {
		case STATE: {
			char *f[ST_NCOLS];
			long id;

			if (!pu_fsp(s, port, sizeof port))
				break;
			pu_row(line, &cols, ST_NCOLS, f);
			id = pu_long(f[ST_ONT]);
			if (id != PR_NONE && f[ST_FSP] != NULL) {
				struct pr_ont *o = ont_get(out, &cap, port, id);

				if (o->sn == NULL && f[ST_SN] != NULL)
					o->sn = sn_normalize_loose(f[ST_SN]);
				o->admin = pu_admin(f[ST_CONTROL]);
				o->status = pu_status(f[ST_RUN]);
				pu_set_once(&o->config_state, f[ST_CONFIG]);
				pu_set_once(&o->match_state, f[ST_MATCH]);
			}
			pu_fields_free(f, ST_NCOLS);
			break;
		}
		case DESC: {
			const char *p;
			long id;

			if (pu_fsp(s, port, sizeof port)) {
				p = s;
				while (*p != '\0' && !isspace((unsigned char)*p))
					p++;
				id = pu_long(p);
				if (id == PR_NONE)
					break;
				p += pu_indent(p);
				while (isdigit((unsigned char)*p))
					p++;
				p += pu_indent(p);
				pw_first(&desc, (size_t)(ont_get(out, &cap, port,
				    id) - out->v), p, (size_t)(p - line));
			}
			break;
		}
		case SUM_STATE: {
			const char *p = s;
			long id = pu_long(p);
			struct pr_ont *o;
			char word[32];
			size_t n = 0;

			while (isdigit((unsigned char)*p))
				p++;
			if (id == PR_NONE || !isspace((unsigned char)*p))
				break;	/* a row starts with its ONT id alone */
			p += pu_indent(p);
			while (*p != '\0' && !isspace((unsigned char)*p) &&
			    n + 1 < sizeof word)
				word[n++] = *p++;
			word[n] = '\0';
			o = ont_get(out, &cap, sumport[0] ? sumport : NULL, id);
			o->status = pu_status(word);
			free(o->last_up), free(o->last_down);
			o->last_up = o->last_down = NULL;
			/* the cause is what follows the two times, so a time
			   that does not read cannot be stepped over; a row
			   cut after its state has none */
			if (pu_blank(p))
				break;
			if (pt_read(&dates, &p, &o->last_up) == 0)
				bad_col = "UpTime";
			else if (pt_read(&dates, &p, &o->last_down) == 0)
				bad_col = "DownTime";
			if (bad_col != NULL) {
				bad_at = p, bad_id = id;
				break;
			}
			free(o->last_down_cause);
			o->last_down_cause = pu_dup(p);
			break;
		}
		case SUM_INFO: {
			char **t;
			size_t starts[8], nt = pu_tokens(s, &t, starts, 8);
			long id = nt > 0 ? pu_long(t[0]) : PR_NONE;

			if (id != PR_NONE && nt >= 5) {
				struct pr_ont *o = ont_get(out, &cap,
				    sumport[0] ? sumport : NULL, id);
				const char *slash = strchr(t[4], '/');

				if (o->sn == NULL)
					o->sn = sn_normalize_loose(t[1]);
				pu_set_once(&o->model, t[2]);
				o->distance_m = pu_long(t[3]);
				o->rx_dbm = pu_num(t[4]);
				o->tx_dbm = slash ? pu_num(slash + 1) : NAN;
				if (nt > 5)
					pw_first(&sum, (size_t)(o - out->v),
					    s + starts[5], (size_t)(s - line) +
					    starts[5]);
			}
			strv_free(t, nt);
			break;
		}
		default:
			break;
		}
	}
	if (bad_col != NULL) {
		char *where = xasprintf("in the Last %s column of ONT %ld of the "
		    "summary table", bad_col, bad_id);

		pt_unreadable(cause, bad_at, where);
		free(where);
		pr_ont_list_free(out);
		pw_free(&desc), pw_free(&sum);
		pu_lines_free(&l);
		return -1;
	}
	if (out->n > 0 || (headers && !pu_hw_has_error(&l))) {
		/* the description table's text wins over the summary's */
		descriptions(&desc, out, false);
		descriptions(&sum, out, true);
		out->dates = dates.order;
		pw_free(&desc), pw_free(&sum);
		pu_lines_free(&l);
		return 0;
	}
	pw_free(&desc), pw_free(&sum);
	pu_hw_fail(&l, cause, "no ONT table header (F/S/P  ONT  SN ... Run state) "
	    "found in the output");
	pu_lines_free(&l);
	return -1;
}

/* ---- ont-detail ----------------------------------------------------- */

/* Parses `display ont info F S P O` / `display ont info by-sn SN`. */
int
huawei_parse_ont_detail(const char *text, struct pr_ont_detail *d, char **cause)
{
	struct pu_lines l;
	struct pt_dates dates;
	struct pw_column desc;
	char key[64];
	const char *v;
	size_t vcol;

	pr_ont_detail_init(d);
	pt_dates_scan(&dates, text, HW_DATE_ORDER);
	pw_init(&desc, SIZE_MAX, SIZE_MAX, HW_DESC_WIDTH);
	pu_lines_split(text, &l);
	for (size_t i = 0; i < l.n; i++) {
		char *line = l.v[i];

		/* the description wrapped onto this line, indented to its
		   value column */
		if (!pu_rule(line) && pw_more(&desc, line))
			continue;
		if (!pu_kv(line, key, sizeof key, &v, &vcol))
			continue;
		if (pu_key_is(key, "F/S/P")) {
			if (d->port != NULL)
				break;	/* a second ONT: the first one is ours */
			d->port = hw_port(v);
		} else if (pu_key_is(key, "ONT-ID")) {
			if (d->ont_id == PR_NONE)
				d->ont_id = pu_long(v);
		} else if (pu_key_is(key, "Control flag")) {
			d->admin = pu_admin(v);
		} else if (pu_key_is(key, "Run state")) {
			d->status = pu_status(v);
		} else if (pu_key_is(key, "Config state")) {
			pu_set_once(&d->config_state, v);
		} else if (pu_key_is(key, "Match state")) {
			pu_set_once(&d->match_state, v);
		} else if (pu_key_is(key, "ONT distance(m)")) {
			d->distance_m = pu_long(v);
		} else if (pu_key_is(key, "Temperature")) {
			d->temperature_c = pu_long(v);
		} else if (pu_key_is(key, "SN")) {
			if (d->sn == NULL)
				d->sn = sn_normalize_loose(v);
		} else if (pu_key_is(key, "Description")) {
			if (desc.n == 0 && *v != '\0')
				pw_first(&desc, 0, v, vcol);
		} else if (pu_key_is(key, "Last down cause")) {
			pu_set_once(&d->last_down_cause, v);
		} else if (pu_key_is(key, "Last up time")) {
			if (d->last_up == NULL)
				d->last_up = pt_value(&dates, v);
		} else if (pu_key_is(key, "Last down time")) {
			if (d->last_down == NULL)
				d->last_down = pt_value(&dates, v);
		} else if (pu_key_is(key, "ONT online duration")) {
			pu_set_once(&d->online_duration, v);
		} else if (pu_key_is(key, "Line profile name")) {
			pu_set_once(&d->line_profile, v);
		} else if (pu_key_is(key, "Line profile ID")) {
			pu_set_once(&d->line_profile_id, v);
		} else if (pu_key_is(key, "Service profile name")) {
			pu_set_once(&d->service_profile, v);
		} else if (pu_key_is(key, "Service profile ID")) {
			pu_set_once(&d->service_profile_id, v);
		}
	}
	if (desc.n > 0) {
		struct pw_measure m;
		size_t tag;
		char *j;

		pw_measure(&desc, &m);
		j = pw_join(&desc, &m, 0, &tag);
		d->description = pu_dup(j);	/* as in the lists: "-" is none */
		free(j);
	}
	pw_free(&desc);
	if (d->port != NULL || d->ont_id != PR_NONE) {
		d->dates = dates.order;
		pu_lines_free(&l);
		return 0;
	}
	pr_ont_detail_free(d);
	pu_hw_fail(&l, cause, "no ONT detail (F/S/P, ONT-ID) found in the output");
	pu_lines_free(&l);
	return -1;
}

/* ---- optical -------------------------------------------------------- */

/* Parses `display ont optical-info P O`. */
int
huawei_parse_optical(const char *text, struct pr_optical *o, char **cause)
{
	struct pu_lines l;
	char key[96];
	const char *v;
	bool found = false;

	pr_optical_init(o);
	pu_lines_split(text, &l);
	for (size_t i = 0; i < l.n; i++) {
		if (!pu_kv(l.v[i], key, sizeof key, &v, NULL))
			continue;
		if (pu_key_is(key, "Rx optical power(dBm)"))
			o->rx_dbm = pu_num(v), found = true;
		else if (pu_key_is(key, "Tx optical power(dBm)"))
			o->tx_dbm = pu_num(v), found = true;
		else if (pu_key_is(key, "OLT Rx ONT optical power(dBm)"))
			o->olt_rx_dbm = pu_num(v), found = true;
		else if (pu_key_is(key, "Laser bias current(mA)"))
			o->bias_ma = pu_num(v);
		else if (pu_key_is(key, "Temperature(C)"))
			o->temperature_c = pu_num(v);
		else if (pu_key_is(key, "Voltage(V)"))
			o->voltage_v = pu_num(v);
		else if (pu_key_is(key, "Vendor name"))
			pu_set_once(&o->vendor_name, v);
		else if (pu_key_is(key, "Module type"))
			pu_set_once(&o->module_type, v);
	}
	if (found) {
		pu_lines_free(&l);
		return 0;
	}
	pr_optical_free(o);
	pu_hw_fail(&l, cause, "no optical readings (Rx optical power(dBm)) found "
	    "in the output");
	pu_lines_free(&l);
	return -1;
}

/* ---- optical-list --------------------------------------------------- */

enum { OP_ONT, OP_RX, OP_TX, OP_OLTRX, OP_TEMP, OP_VOLT, OP_CUR, OP_DIST,
    OP_NCOLS };
static const char *const optical_labels[OP_NCOLS] = {
	"ONT", "Rx power", "Tx power", "OLT Rx ONT", "Temperature", "Voltage",
	"Current", "Distance",
};

/* Parses `display ont optical-info P all`. */
int
huawei_parse_optical_list(const char *text, const char *port,
    struct pr_optical_list *out, char **cause)
{
	struct pu_lines l;
	struct pu_cols cols = { 0 };
	size_t cap = 0;
	bool header = false;

	memset(out, 0, sizeof *out);
	pu_lines_split(text, &l);
	for (size_t i = 0; i < l.n; i++) {
		const char *s = l.v[i] + pu_indent(l.v[i]);
		char *f[OP_NCOLS];
		long id;

		if (str_startswith(s, "ONT") && strstr(s, "Rx power")) {
			header = pu_header(l.v[i], optical_labels, OP_NCOLS,
			    &cols) >= 2;
			continue;
		}
		if (!header || !isdigit((unsigned char)*s))
			continue;
		pu_row(l.v[i], &cols, OP_NCOLS, f);
		id = pu_long(f[OP_ONT]);
		if (id != PR_NONE) {
			struct pr_optical_row *r;

			if (out->n == cap) {
				cap = cap ? cap * 2 : 16;
				out->v = xreallocarray(out->v, cap, sizeof *out->v);
			}
			r = &out->v[out->n++];
			r->port = port != NULL ? xstrdup(port) : NULL;
			r->ont_id = id;
			r->rx_dbm = pu_num(f[OP_RX]);
			r->tx_dbm = pu_num(f[OP_TX]);
			r->olt_rx_dbm = pu_num(f[OP_OLTRX]);
			r->temperature_c = pu_num(f[OP_TEMP]);
			r->voltage_v = pu_num(f[OP_VOLT]);
			r->bias_ma = pu_num(f[OP_CUR]);
			r->distance_m = pu_long(f[OP_DIST]);
		}
		pu_fields_free(f, OP_NCOLS);
	}
	if (out->n > 0 || (header && !pu_hw_has_error(&l))) {
		pu_lines_free(&l);
		return 0;
	}
	pu_hw_fail(&l, cause, "no optical table header (ONT  Rx power  Tx power ...) "
	    "found in the output");
	pu_lines_free(&l);
	return -1;
}
