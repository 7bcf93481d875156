/*
 * huawei_parse.c — Huawei SmartAX (MA5600T/MA5608T/MA5683T/MA5800/EA5800)
 * command output into parse.h structs.
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
#include "drivers/parse.h"

#include <ctype.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "drivers/parse_util.h"
#include "drivers/sn.h"
#include "drivers/util.h"

#define CHUNK 32	/* Huawei prints descriptions in chunks of this size */

/* Returns the device's error words found in the lines, or NULL. */
static char *
hw_error(const struct pu_lines *l)
{
	for (size_t i = 0; i < l->n; i++) {
		const char *s = l->v[i] + pu_indent(l->v[i]);

		if (str_startswith(s, "Failure:") || str_startswith(s, "% ") ||
		    str_startswith(s, "%Error") ||
		    str_startswith(s, "Incorrect command") ||
		    str_startswith(s, "Error:") ||
		    str_startswith(s, "Username or password invalid") ||
		    str_startswith(s, "Reenter times have reached")) {
			/* one wrapped continuation ("... service virtual\n
			   ports") belongs to the message */
			if (i + 1 < l->n && !pu_blank(l->v[i + 1]) &&
			    !pu_rule(l->v[i + 1]) &&
			    pu_indent(l->v[i + 1]) == pu_indent(l->v[i]) &&
			    strchr(l->v[i + 1], ':') == NULL &&
			    islower((unsigned char)l->v[i + 1][pu_indent(l->v[i + 1])]))
				return xasprintf("%s %s", s,
				    l->v[i + 1] + pu_indent(l->v[i + 1]));
			return xstrdup(s);
		}
	}
	return NULL;
}

/* True if the lines hold a device error. */
static bool
hw_has_error(const struct pu_lines *l)
{
	char *e = hw_error(l);
	bool found = e != NULL;

	free(e);
	return found;
}

/* Fails with the device's error, or with what was expected. */
static int
hw_fail(const struct pu_lines *l, char **cause, const char *expected)
{
	char *e = hw_error(l);

	if (e != NULL) {
		set_cause(cause, "the OLT answered: %s", e);
		free(e);
	} else {
		set_cause(cause, "%s", expected);
	}
	return -1;
}

/* True if the lines say "no automatically found ONTs". */
static bool
hw_autofind_empty(const struct pu_lines *l)
{
	for (size_t i = 0; i < l->n; i++)
		if (strstr(l->v[i], "automatically found ONTs do not exist"))
			return true;
	return false;
}

/* Appends a wrapped chunk to *dst: chunks that filled the 32-character
   column continue a word; shorter ones ended in blanks, so a blank joins. */
static void
join_chunk(char **dst, size_t *lastlen, const char *chunk)
{
	char *j;

	if (*dst == NULL) {
		*dst = xstrdup(chunk);
	} else {
		j = xasprintf("%s%s%s", *dst, *lastlen >= CHUNK ? "" : " ", chunk);
		free(*dst);
		*dst = j;
	}
	*lastlen = strlen(chunk);
}

/* Replaces *dst with a copy of v unless already set (first label wins). */
static void
set_once(char **dst, const char *v)
{
	if (*dst == NULL)
		*dst = pu_dup(v);
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
	size_t cap = 0;
	bool seen = false;
	char key[64];
	const char *v;

	memset(out, 0, sizeof *out);
	memset(&a, 0, sizeof a);
	a.slot_index = PR_NONE;
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
			set_once(&a.vendor, v);
		} else if (pu_key_is(key, "Ont Version")) {
			set_once(&a.hardware, v);
		} else if (pu_key_is(key, "Ont SoftwareVersion")) {
			set_once(&a.software, v);
		} else if (pu_key_is(key, "Ont EquipmentID")) {
			set_once(&a.model, v);
		} else if (pu_key_is(key, "Ont MAC")) {
			set_once(&a.mac, v);
		} else if (pu_key_is(key, "Ont autofind time")) {
			if (a.found_at == NULL)
				a.found_at = pu_time(v);
		}
	}
	autofind_push(out, &cap, &a);
	if (out->n > 0 || hw_autofind_empty(&l)) {
		/* the vendor comes from the SN when the output omits it */
		for (size_t i = 0; i < out->n; i++)
			if (out->v[i].vendor == NULL && out->v[i].sn != NULL &&
			    sn_is_canonical(out->v[i].sn))
				out->v[i].vendor = xstrndup(out->v[i].sn, 4);
		pu_lines_free(&l);
		return 0;
	}
	(void)seen;
	hw_fail(&l, cause, "no autofind record (F/S/P, Ont SN) found in the output");
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

/* Reads "<time>" or "-" at *p (a date and a clock, two tokens); advances. */
static char *
take_time(const char **p)
{
	const char *s = *p + pu_indent(*p);
	char *t = NULL;

	if (*s == '-' && (s[1] == ' ' || s[1] == '\0')) {
		*p = s + 1;
		return NULL;
	}
	if (strlen(s) >= 19 && s[4] == '-' && s[10] == ' ') {
		char buf[32];

		memcpy(buf, s, 19);
		buf[19] = '\0';
		t = pu_time(buf);
		s += 19;
		while (*s != '\0' && !isspace((unsigned char)*s))
			s++;	/* an offset, if any */
	} else {
		while (*s != '\0' && !isspace((unsigned char)*s))
			s++;
	}
	*p = s;
	return t;
}

/* Parses `display ont info F S P all` (state + description tables) and
   `display ont info summary F/S/P` (state + SN/Type/power tables). */
int
huawei_parse_ont_list(const char *text, struct pr_ont_list *out, char **cause)
{
	enum { NONE, STATE, DESC, SUM_STATE, SUM_INFO } mode = NONE;
	struct pu_lines l;
	struct pu_cols cols = { 0 };
	size_t cap = 0, desc_col = 0, lastlen = 0;
	struct pr_ont *last = NULL;
	char sumport[32] = "";
	bool headers = false;

	memset(out, 0, sizeof *out);
	pu_lines_split(text, &l);
	for (size_t i = 0; i < l.n; i++) {
		char *line = l.v[i];
		const char *s = line + pu_indent(line);
		char port[32];

		if (pu_blank(line))
			continue;
		if (pu_rule(line)) {
			if (mode == DESC)
				last = NULL;
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
			mode = DESC, headers = true, last = NULL;
			desc_col = (size_t)(strstr(line, "Description") - line);
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
				set_once(&o->config_state, f[ST_CONFIG]);
				set_once(&o->match_state, f[ST_MATCH]);
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
				last = ont_get(out, &cap, port, id);
				free(last->description);
				last->description = NULL;
				join_chunk(&last->description, &lastlen, p);
			} else if (last != NULL && pu_indent(line) + 2 >= desc_col) {
				join_chunk(&last->description, &lastlen, s);
			}
			break;
		}
		case SUM_STATE: {
			const char *p = s;
			long id = pu_long(p);
			struct pr_ont *o;
			char word[32];
			size_t n = 0;

			if (id == PR_NONE)
				break;
			while (isdigit((unsigned char)*p))
				p++;
			p += pu_indent(p);
			while (*p != '\0' && !isspace((unsigned char)*p) &&
			    n + 1 < sizeof word)
				word[n++] = *p++;
			word[n] = '\0';
			o = ont_get(out, &cap, sumport[0] ? sumport : NULL, id);
			o->status = pu_status(word);
			free(o->last_up), free(o->last_down);
			o->last_up = take_time(&p);
			o->last_down = take_time(&p);
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
				set_once(&o->model, t[2]);
				o->distance_m = pu_long(t[3]);
				o->rx_dbm = pu_num(t[4]);
				o->tx_dbm = slash ? pu_num(slash + 1) : NAN;
				if (nt > 5 && o->description == NULL)
					o->description = pu_dup(s + starts[5]);
			}
			strv_free(t, nt);
			break;
		}
		default:
			break;
		}
	}
	if (out->n > 0 || (headers && !hw_has_error(&l))) {
		pu_lines_free(&l);
		return 0;
	}
	hw_fail(&l, cause, "no ONT table header (F/S/P  ONT  SN ... Run state) "
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
	char key[64];
	const char *v;
	size_t vcol, desc_col = 0, lastlen = 0;
	bool in_desc = false;

	pr_ont_detail_init(d);
	pu_lines_split(text, &l);
	for (size_t i = 0; i < l.n; i++) {
		char *line = l.v[i];

		if (in_desc) {
			if (!pu_blank(line) && !pu_rule(line) &&
			    pu_indent(line) == desc_col) {
				join_chunk(&d->description, &lastlen,
				    line + desc_col);
				continue;
			}
			in_desc = false;
		}
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
			set_once(&d->config_state, v);
		} else if (pu_key_is(key, "Match state")) {
			set_once(&d->match_state, v);
		} else if (pu_key_is(key, "ONT distance(m)")) {
			d->distance_m = pu_long(v);
		} else if (pu_key_is(key, "Temperature")) {
			d->temperature_c = pu_long(v);
		} else if (pu_key_is(key, "SN")) {
			if (d->sn == NULL)
				d->sn = sn_normalize_loose(v);
		} else if (pu_key_is(key, "Description")) {
			if (d->description == NULL && *v != '\0') {
				/* trailing blanks were trimmed: a chunk shorter
				   than 32 ended a word (see join_chunk) */
				join_chunk(&d->description, &lastlen, v);
				desc_col = vcol;
				in_desc = true;
			}
		} else if (pu_key_is(key, "Last down cause")) {
			set_once(&d->last_down_cause, v);
		} else if (pu_key_is(key, "Last up time")) {
			if (d->last_up == NULL)
				d->last_up = pu_time(v);
		} else if (pu_key_is(key, "Last down time")) {
			if (d->last_down == NULL)
				d->last_down = pu_time(v);
		} else if (pu_key_is(key, "ONT online duration")) {
			set_once(&d->online_duration, v);
		} else if (pu_key_is(key, "Line profile name")) {
			set_once(&d->line_profile, v);
		} else if (pu_key_is(key, "Service profile name")) {
			set_once(&d->service_profile, v);
		}
	}
	if (d->port != NULL || d->ont_id != PR_NONE) {
		pu_lines_free(&l);
		return 0;
	}
	pr_ont_detail_free(d);
	hw_fail(&l, cause, "no ONT detail (F/S/P, ONT-ID) found in the output");
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
			set_once(&o->vendor_name, v);
		else if (pu_key_is(key, "Module type"))
			set_once(&o->module_type, v);
	}
	if (found) {
		pu_lines_free(&l);
		return 0;
	}
	pr_optical_free(o);
	hw_fail(&l, cause, "no optical readings (Rx optical power(dBm)) found "
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
	if (out->n > 0 || (header && !hw_has_error(&l))) {
		pu_lines_free(&l);
		return 0;
	}
	hw_fail(&l, cause, "no optical table header (ONT  Rx power  Tx power ...) "
	    "found in the output");
	pu_lines_free(&l);
	return -1;
}

/* ---- service-ports -------------------------------------------------- */

enum { SP_INDEX, SP_VLAN, SP_ATTR, SP_PTYPE, SP_FSP, SP_VPI, SP_VCI,
    SP_FTYPE, SP_FPARA, SP_RX, SP_TX, SP_STATE, SP_NCOLS };
static const char *const sp_labels[SP_NCOLS] = {
	"INDEX", "VLAN", "VLAN", "PORT", "F/ S/ P", "VPI", "VCI", "FLOW",
	"FLOW", "RX", "TX", "STATE",
};

static struct pr_service_port *
sp_new(struct pr_service_port_list *out, size_t *cap)
{
	struct pr_service_port *s;

	if (out->n == *cap) {
		*cap = *cap ? *cap * 2 : 16;
		out->v = xreallocarray(out->v, *cap, sizeof *out->v);
	}
	s = &out->v[out->n++];
	memset(s, 0, sizeof *s);
	s->index = s->vlan = s->ont_id = s->gem = s->user_vlan = PR_NONE;
	s->rx_table = s->tx_table = PR_NONE;
	return s;
}

/* Reads a running-config line "service-port 1916 vlan 31 gpon 0/1/1 ont 42
   gemport 31 multi-service user-vlan 31 ..." */
static void
sp_config_line(const char *s, struct pr_service_port_list *out, size_t *cap)
{
	char **t;
	size_t nt = pu_tokens(s, &t, NULL, 0);
	struct pr_service_port *sp;
	size_t k = 1;

	if (nt < 4) {
		strv_free(t, nt);
		return;
	}
	sp = sp_new(out, cap);
	if (pu_long(t[1]) != PR_NONE)
		sp->index = pu_long(t[1]), k = 2;
	for (; k + 1 < nt; k++) {
		char fsp[32];

		if (strcmp(t[k], "vlan") == 0 && sp->vlan == PR_NONE)
			sp->vlan = pu_long(t[k + 1]);
		else if ((strcmp(t[k], "gpon") == 0 || strcmp(t[k], "epon") == 0) &&
		    pu_fsp(t[k + 1], fsp, sizeof fsp)) {
			free(sp->port_type);
			sp->port_type = xstrdup(t[k]);
			free(sp->port);
			sp->port = xstrdup(fsp);
		} else if (strcmp(t[k], "ont") == 0)
			sp->ont_id = pu_long(t[k + 1]);
		else if (strcmp(t[k], "gemport") == 0)
			sp->gem = pu_long(t[k + 1]);
		else if (strcmp(t[k], "user-vlan") == 0)
			sp->user_vlan = pu_long(t[k + 1]);
		else if (strcmp(t[k], "inbound") == 0 && k + 3 < nt &&
		    strcmp(t[k + 2], "index") == 0)
			sp->rx_table = pu_long(t[k + 3]);
		else if (strcmp(t[k], "outbound") == 0 && k + 3 < nt &&
		    strcmp(t[k + 2], "index") == 0)
			sp->tx_table = pu_long(t[k + 3]);
	}
	strv_free(t, nt);
}

/* Parses `display service-port port F/S/P` / `all` tables, and
   service-port lines of a running configuration. */
int
huawei_parse_service_ports(const char *text, struct pr_service_port_list *out,
    char **cause)
{
	struct pu_lines l;
	struct pu_cols cols = { 0 };
	size_t cap = 0;
	bool header = false;

	memset(out, 0, sizeof *out);
	pu_lines_split(text, &l);
	for (size_t i = 0; i < l.n; i++) {
		char *line = l.v[i];
		const char *s = line + pu_indent(line);
		char *f[SP_NCOLS];
		struct pr_service_port *sp;

		if (strstr(s, "INDEX") && strstr(s, "VLAN") && strstr(s, "STATE")) {
			header = pu_header(line, sp_labels, SP_NCOLS, &cols) >= 4;
			continue;
		}
		if (str_startswith(s, "service-port ") &&
		    isdigit((unsigned char)s[13])) {
			sp_config_line(s, out, &cap);
			continue;
		}
		if (!header || !isdigit((unsigned char)*s))
			continue;
		pu_fix_fsp(line);
		pu_row(line, &cols, SP_NCOLS, f);
		if (pu_long(f[SP_INDEX]) != PR_NONE && f[SP_FSP] != NULL) {
			char fsp[32];

			sp = sp_new(out, &cap);
			sp->index = pu_long(f[SP_INDEX]);
			sp->vlan = pu_long(f[SP_VLAN]);
			sp->vlan_attr = pu_dup(f[SP_ATTR]);
			sp->port_type = pu_dup(f[SP_PTYPE]);
			sp->port = pu_fsp(f[SP_FSP], fsp, sizeof fsp) ?
			    xstrdup(fsp) : NULL;
			sp->ont_id = pu_long(f[SP_VPI]);
			sp->gem = pu_long(f[SP_VCI]);
			sp->flow_type = pu_dup(f[SP_FTYPE]);
			sp->flow_para = pu_dup(f[SP_FPARA]);
			sp->rx_table = pu_long(f[SP_RX]);
			sp->tx_table = pu_long(f[SP_TX]);
			sp->state = pu_dup(f[SP_STATE]);
		}
		pu_fields_free(f, SP_NCOLS);
	}
	if (out->n > 0 || (header && !hw_has_error(&l))) {
		pu_lines_free(&l);
		return 0;
	}
	hw_fail(&l, cause, "no service-port table header (INDEX VLAN ... STATE) "
	    "found in the output");
	pu_lines_free(&l);
	return -1;
}

/* ---- boards --------------------------------------------------------- */

enum { BD_SLOT, BD_NAME, BD_STATUS, BD_SUB0, BD_SUB1, BD_ONLINE, BD_NCOLS };
static const char *const board_labels[BD_NCOLS] = {
	"SlotID", "BoardName", "Status", "SubType0", "SubType1", "Online/Offline",
};

/* Parses `display board F`. */
int
huawei_parse_boards(const char *text, struct pr_board_list *out, char **cause)
{
	struct pu_lines l;
	struct pu_cols cols = { 0 };
	size_t cap = 0;
	bool header = false;

	memset(out, 0, sizeof *out);
	pu_lines_split(text, &l);
	for (size_t i = 0; i < l.n; i++) {
		const char *s = l.v[i] + pu_indent(l.v[i]);
		char *f[BD_NCOLS];
		long slot;

		if (str_startswith(s, "SlotID") && strstr(s, "BoardName")) {
			header = pu_header(l.v[i], board_labels, BD_NCOLS, &cols) >= 2;
			continue;
		}
		if (!header || !isdigit((unsigned char)*s))
			continue;
		pu_row(l.v[i], &cols, BD_NCOLS, f);
		slot = pu_long(f[BD_SLOT]);
		if (slot != PR_NONE) {
			struct pr_board *b;

			if (out->n == cap) {
				cap = cap ? cap * 2 : 16;
				out->v = xreallocarray(out->v, cap, sizeof *out->v);
			}
			b = &out->v[out->n++];
			memset(b, 0, sizeof *b);
			b->rack = b->shelf = b->ports = PR_NONE;
			b->slot = slot;
			b->name = pu_dup(f[BD_NAME]);
			b->status = pu_dup(f[BD_STATUS]);
			if (f[BD_SUB0] != NULL && f[BD_SUB1] != NULL)
				b->subtype = xasprintf("%s/%s", f[BD_SUB0], f[BD_SUB1]);
			else
				b->subtype = pu_dup(f[BD_SUB0] ? f[BD_SUB0] : f[BD_SUB1]);
			b->online = pu_dup(f[BD_ONLINE]);
		}
		pu_fields_free(f, BD_NCOLS);
	}
	if (out->n > 0) {
		pu_lines_free(&l);
		return 0;
	}
	hw_fail(&l, cause, "no board table header (SlotID  BoardName  Status ...) "
	    "found in the output");
	pu_lines_free(&l);
	return -1;
}

/* ---- version -------------------------------------------------------- */

/* Parses `display version` (and `display sysuptime` lines). */
int
huawei_parse_version(const char *text, struct pr_version *v, char **cause)
{
	struct pu_lines l;
	char key[64];
	const char *val;

	pr_version_init(v);
	pu_lines_split(text, &l);
	for (size_t i = 0; i < l.n; i++) {
		const char *s = l.v[i] + pu_indent(l.v[i]);

		if (str_startswith(s, "Uptime is ")) {
			if (v->uptime_s == PR_NONE)
				v->uptime_s = pu_duration(s + 10);
			continue;
		}
		if (!pu_kv(l.v[i], key, sizeof key, &val, NULL))
			continue;
		if (pu_key_is(key, "VERSION"))
			set_once(&v->version, val);
		else if (pu_key_is(key, "PATCH"))
			set_once(&v->patch, val);
		else if (pu_key_is(key, "PRODUCT"))
			set_once(&v->product, val);
		else if (pu_key_is(key, "System up time") && v->uptime_s == PR_NONE)
			v->uptime_s = pu_duration(val);
	}
	if (v->version != NULL || v->product != NULL) {
		pu_lines_free(&l);
		return 0;
	}
	pr_version_free(v);
	hw_fail(&l, cause, "no VERSION / PRODUCT lines found in the output");
	pu_lines_free(&l);
	return -1;
}

/* ---- command echo --------------------------------------------------- */

/* Finds the port a captured optical-info/ont-info command was run for. */
char *
huawei_echo_port(const char *raw)
{
	static const char *const cmds[] = {
		"display ont optical-info ", "display ont info ",
	};
	struct pu_lines l;
	char *found = NULL;

	pu_lines_split(raw, &l);
	for (size_t i = 0; i < l.n; i++) {
		const char *line = l.v[i], *c = NULL, *ifc, *p = NULL;
		char fs[32] = "", out[48], tok[32], chk[48];
		size_t n = 0;

		for (size_t k = 0; k < nitems(cmds) && c == NULL; k++)
			if ((c = strstr(line, cmds[k])) != NULL)
				p = c + strlen(cmds[k]);
		if (c == NULL || p == NULL)
			continue;
		p += pu_indent(p);
		while (p[n] != '\0' && !isspace((unsigned char)p[n]) &&
		    n + 1 < sizeof tok) {
			tok[n] = p[n];
			n++;
		}
		tok[n] = '\0';
		if (pu_fsp(tok, out, sizeof out)) {
			free(found);
			found = xstrdup(out);
			continue;
		}
		if ((ifc = strstr(line, "config-if-gpon-")) == NULL || ifc > c ||
		    pu_long(tok) == PR_NONE)
			continue;
		ifc += strlen("config-if-gpon-");
		for (n = 0; (isdigit((unsigned char)ifc[n]) || ifc[n] == '/') &&
		    n + 1 < sizeof fs; n++)
			fs[n] = ifc[n];
		fs[n] = '\0';
		snprintf(out, sizeof out, "%s/%ld", fs, pu_long(tok));
		if (pu_fsp(out, chk, sizeof chk)) {
			free(found);
			found = xstrdup(chk);
		}
	}
	pu_lines_free(&l);
	return found;
}
