/*
 * acme_parse.c — Acme Photon P8 command output into parse.h structs:
 * unconfigured ONUs, a pon's ONU list, one ONU's detail and optics, a
 * pon's optics table, service flows, the cards and the version.
 *
 * Layouts are what tests/drivers/acme_device.py prints (fixtures in
 * tests/fixtures/acme/).  Tables are read through their header words
 * (pu_header) and the rule of dashes under them, which says where every
 * column starts, so a column this parser does not know (a later
 * firmware's, with values of several words) is skipped rather than read
 * into its neighbours; a row is a row only when its key fields parse (an
 * ONU id, a serial), so footers and stray lines are skipped.  Detail views
 * are "Label : value" lines; unknown labels are ignored.  An ONU is
 * printed "1/2/3:5".  "ERROR: ...", "BUSY: ..." and "% Unknown command
 * ..." are the device's errors, quoted in the cause; "No unconfigured
 * ONUs.", "No ONUs on pon ...", "No service flows." are empty answers.
 *
 * Pure; no global state; any thread.
 */
#include "tests/drivers/acme.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "drivers/parse_util.h"
#include "lib/sn.h"
#include "lib/util.h"

/* The device's error line, or NULL (caller frees). */
static char *
acme_error(const struct pu_lines *l)
{
	for (size_t i = 0; i < l->n; i++) {
		const char *s = l->v[i] + pu_indent(l->v[i]);

		if (str_startswith(s, "ERROR:") || str_startswith(s, "BUSY:") ||
		    str_startswith(s, "% "))
			return xstrdup(s);
	}
	return NULL;
}

/* True when the output holds a device error line. */
static bool
acme_has_error(const struct pu_lines *l)
{
	char *e = acme_error(l);
	bool found = e != NULL;

	free(e);
	return found;
}

/* True when the output is one of the device's "nothing to list" notices. */
static bool
acme_empty(const struct pu_lines *l)
{
	for (size_t i = 0; i < l->n; i++) {
		const char *s = l->v[i] + pu_indent(l->v[i]);

		if (str_startswith(s, "No unconfigured ONUs.") ||
		    str_startswith(s, "No ONUs on pon ") ||
		    str_startswith(s, "No service flows."))
			return true;
	}
	return false;
}

/* Fails with the device's error, or with what was expected. */
static int
acme_fail(const struct pu_lines *l, char **cause, const char *expected)
{
	char *e = acme_error(l);

	if (e != NULL)
		set_cause(cause, "the OLT answered: %s", e);
	else
		set_cause(cause, "%s", expected);
	free(e);
	return -1;
}

/* Reads "1/2/3:5" (or "1/2/3"): the port into port, the ONU id into *id
   (PR_NONE without one).  False when s is not a port. */
static bool
acme_onu_ref(const char *s, char *port, size_t size, long *id)
{
	const char *colon;

	if (s == NULL || !pu_fsp(s, port, size))
		return false;
	colon = strchr(s, ':');
	*id = colon != NULL ? pu_long(colon + 1) : PR_NONE;
	return true;
}

/* The columns of a table from the rule of dashes under its header: one
   per run of dashes, from its first column to the next run.  Each label
   found in the header belongs to the column it starts in; columns no label
   names (a newer firmware's) are read and dropped.  0 when line is no such
   rule. */
static size_t
acme_spans(const char *line, const struct pu_cols *cols, size_t start[PU_MAXCOLS],
    int id[PU_MAXCOLS])
{
	size_t n = 0;

	if (!pu_rule(line))
		return 0;
	for (size_t i = 0; line[i] != '\0' && n < PU_MAXCOLS; i++)
		if (line[i] == '-' && (i == 0 || line[i - 1] == ' ')) {
			start[n] = i;
			id[n++] = -1;
		}
	for (size_t k = 0; k < cols->n; k++)
		for (size_t c = n; c-- > 0;)
			if (cols->start[k] >= start[c]) {
				id[c] = cols->id[k];
				break;
			}
	return n;
}

/* Splits a row at the column starts; fields[id] gets each named column's
   trimmed text (NULL when empty). */
static void
acme_split(const char *row, const size_t *start, const int *id, size_t n, char **fields,
    size_t nlabels)
{
	size_t len = strlen(row);

	for (size_t i = 0; i < nlabels; i++)
		fields[i] = NULL;
	for (size_t c = 0; c < n; c++) {
		size_t a = start[c], b = c + 1 < n ? start[c + 1] : len;

		if (id[c] < 0 || (size_t)id[c] >= nlabels || a >= len)
			continue;
		if (b > len)
			b = len;
		while (a < b && row[a] == ' ')
			a++;
		while (b > a && row[b - 1] == ' ')
			b--;
		if (b > a)
			fields[id[c]] = xstrndup(row + a, b - a);
	}
}

/* A table's rows: finds the header (a line holding at least want of the
   labels, the first one first) and the rule under it, and splits every
   later row into the labels' fields; calls row() for each (which checks
   the row is one: a footer or a stray line is skipped there).  Without a
   rule the row is split by words (pu_row).  Returns whether a header was
   seen. */
static bool
acme_table(const struct pu_lines *l, const char *const *labels, size_t n, size_t want,
    void (*row)(char **f, void *arg), void *arg)
{
	struct pu_cols cols = { 0 };
	size_t start[PU_MAXCOLS], nspans = 0;
	int id[PU_MAXCOLS];
	bool header = false;
	char *f[PU_MAXCOLS];

	for (size_t i = 0; i < l->n; i++) {
		const char *s = l->v[i] + pu_indent(l->v[i]);

		if (str_startswith(s, labels[0]) && pu_header(l->v[i], labels, n, &cols) >= want) {
			header = true;
			nspans = i + 1 < l->n ? acme_spans(l->v[i + 1], &cols, start, id) : 0;
			continue;
		}
		if (!header || pu_blank(l->v[i]) || pu_rule(l->v[i]))
			continue;
		if (nspans > 0)
			acme_split(l->v[i], start, id, nspans, f, n);
		else
			pu_row(l->v[i], &cols, n, f);
		row(f, arg);
		pu_fields_free(f, n);
	}
	return header;
}

/* A whole number that is the whole field, or PR_NONE. */
static long
acme_int(const char *s)
{
	if (s == NULL || *s == '\0' || strspn(s, "0123456789") != strlen(s))
		return PR_NONE;
	return pu_long(s);
}

/* A distance in metres, or PR_NONE when it is none or no distance (a
   number past any fibre, which would not fit a long). */
static long
acme_metres(double d)
{
	return isnan(d) || d < 0 || d > 1e6 ? PR_NONE : (long)d;
}

/* A serial in its canonical form, or NULL (not a serial). */
static char *
acme_sn(const char *s)
{
	char sn[SN_LEN + 1];

	return s != NULL && sn_normalize(s, sn) == 0 ? xstrdup(sn) : NULL;
}

/* Grows an array of n elements of size sz to hold one more. */
static void *
grow(void *v, size_t n, size_t *cap, size_t sz)
{
	if (n < *cap)
		return v;
	*cap = *cap ? *cap * 2 : 8;
	return xreallocarray(v, *cap, sz);
}

/* ---- unconfigured ONUs ---- */

enum { UC_PON, UC_SN, UC_MODEL, UC_FW, UC_DIST, UC_FOUND, UC_N };
static const char *const uc_labels[UC_N] = {
	"PON", "Serial", "Model", "Firmware", "Distance", "Found"
};

struct uc_ctx { struct pr_autofind_list *out; size_t cap; };

static void
uc_row(char **f, void *arg)
{
	struct uc_ctx *x = arg;
	struct pr_autofind *a;
	char port[32];
	long id;

	char *sn = acme_sn(f[UC_SN]);

	if (sn == NULL || !acme_onu_ref(f[UC_PON], port, sizeof port, &id)) {
		free(sn);
		return;
	}
	x->out->v = grow(x->out->v, x->out->n, &x->cap, sizeof *x->out->v);
	a = &x->out->v[x->out->n++];
	memset(a, 0, sizeof *a);
	a->port = xstrdup(port);
	a->slot_index = PR_NONE;
	a->sn = sn;
	a->vendor = xstrndup(sn, 4);
	a->model = pu_dup(f[UC_MODEL]);
	a->software = pu_dup(f[UC_FW]);
	a->found_at = pu_time(f[UC_FOUND]);
}

/* Parses `show onu unconfigured`. */
int
acme_parse_autofind(const char *text, struct pr_autofind_list *out, char **cause)
{
	struct uc_ctx x = { out, 0 };
	struct pu_lines l;
	bool header;

	memset(out, 0, sizeof *out);
	pu_lines_split(text, &l);
	header = acme_table(&l, uc_labels, UC_N, 3, uc_row, &x);
	if ((header || acme_empty(&l)) && !acme_has_error(&l)) {
		pu_lines_free(&l);
		return 0;
	}
	pr_autofind_list_free(out);
	memset(out, 0, sizeof *out);
	acme_fail(&l, cause, "no unconfigured-ONU table (PON  Serial  Model ...) in the output");
	pu_lines_free(&l);
	return -1;
}

/* ---- a pon's ONUs ---- */

enum { OL_ONU, OL_SN, OL_MODEL, OL_ADMIN, OL_STATE, OL_DIST, OL_DESC, OL_N };
static const char *const ol_labels[OL_N] = {
	"ONU", "Serial", "Model", "Admin", "State", "Distance", "Description"
};

struct ol_ctx { struct pr_ont_list *out; size_t cap; const char *port; };

static void
ol_row(char **f, void *arg)
{
	struct ol_ctx *x = arg;
	struct pr_ont *o;
	double dist = pu_num(f[OL_DIST]);

	char *sn = acme_sn(f[OL_SN]);

	if (sn == NULL || acme_int(f[OL_ONU]) == PR_NONE) {
		free(sn);
		return;
	}
	x->out->v = grow(x->out->v, x->out->n, &x->cap, sizeof *x->out->v);
	o = &x->out->v[x->out->n++];
	memset(o, 0, sizeof *o);
	o->port = x->port != NULL ? xstrdup(x->port) : NULL;
	o->ont_id = acme_int(f[OL_ONU]);
	o->sn = sn;
	o->model = pu_dup(f[OL_MODEL]);
	o->admin = acme_admin_word(f[OL_ADMIN]);
	o->status = acme_state_word(f[OL_STATE]);
	o->distance_m = acme_metres(dist);
	o->description = pu_dup(f[OL_DESC]);
	o->rx_dbm = o->tx_dbm = NAN;
}

/* Parses `show onu list 1/S/P`: its title "ONUs on pon 1/S/P" names the
   port of every row. */
int
acme_parse_ont_list(const char *text, struct pr_ont_list *out, char **cause)
{
	struct ol_ctx x = { out, 0, NULL };
	struct pu_lines l;
	char port[32];
	bool header;

	memset(out, 0, sizeof *out);
	pu_lines_split(text, &l);
	for (size_t i = 0; i < l.n && x.port == NULL; i++) {
		const char *s = l.v[i] + pu_indent(l.v[i]);
		long id;

		if (str_startswith(s, "ONUs on pon ") &&
		    acme_onu_ref(s + strlen("ONUs on pon "), port, sizeof port, &id))
			x.port = port;
	}
	header = acme_table(&l, ol_labels, OL_N, 4, ol_row, &x);
	if ((header || acme_empty(&l)) && !acme_has_error(&l)) {
		pu_lines_free(&l);
		return 0;
	}
	pr_ont_list_free(out);
	memset(out, 0, sizeof *out);
	acme_fail(&l, cause, "no ONU table (ONU  Serial  Model  Admin  State ...) in the output");
	pu_lines_free(&l);
	return -1;
}

/* ---- one ONU ---- */

/* Parses `show onu 1/S/P:N`. */
int
acme_parse_ont_detail(const char *text, struct pr_ont_detail *d, char **cause)
{
	struct pu_lines l;
	char key[64], port[32];
	const char *v;
	bool any = false;

	pr_ont_detail_init(d);
	pu_lines_split(text, &l);
	for (size_t i = 0; i < l.n; i++) {
		const char *s = l.v[i] + pu_indent(l.v[i]);

		if (str_startswith(s, "ONU ") && d->port == NULL &&
		    acme_onu_ref(s + 4, port, sizeof port, &d->ont_id)) {
			d->port = xstrdup(port);
			continue;
		}
		if (!pu_kv(l.v[i], key, sizeof key, &v, NULL))
			continue;
		if (pu_key_is(key, "Serial")) {
			free(d->sn);
			d->sn = sn_normalize_loose(v);
			any = true;
		} else if (pu_key_is(key, "Model"))
			pu_set_once(&d->model, v);
		else if (pu_key_is(key, "Firmware"))
			pu_set_once(&d->software, v);
		else if (pu_key_is(key, "Admin"))
			d->admin = acme_admin_word(v);
		else if (pu_key_is(key, "State"))
			d->status = acme_state_word(v);
		else if (pu_key_is(key, "Name"))
			pu_set_once(&d->name, v);
		else if (pu_key_is(key, "Description"))
			pu_set_once(&d->description, v);
		else if (pu_key_is(key, "Distance") && !isnan(pu_num(v)))
			d->distance_m = acme_metres(pu_num(v));
		else if (pu_key_is(key, "Bandwidth"))
			pu_set_once(&d->line_profile, v);
		else if (pu_key_is(key, "Down cause"))
			pu_set_once(&d->last_down_cause, v);
	}
	if (any && !acme_has_error(&l)) {
		pu_lines_free(&l);
		return 0;
	}
	pr_ont_detail_free(d);
	pr_ont_detail_init(d);
	acme_fail(&l, cause, "no \"Serial : ...\" line in the ONU's detail");
	pu_lines_free(&l);
	return -1;
}

/* Parses `show onu optical 1/S/P:N`. */
int
acme_parse_optical(const char *text, struct pr_optical *o, char **cause)
{
	static const struct { const char *key; size_t off; } keys[] = {
		{ "ONU Rx power", offsetof(struct pr_optical, rx_dbm) },
		{ "ONU Tx power", offsetof(struct pr_optical, tx_dbm) },
		{ "OLT Rx power", offsetof(struct pr_optical, olt_rx_dbm) },
		{ "Temperature", offsetof(struct pr_optical, temperature_c) },
		{ "Voltage", offsetof(struct pr_optical, voltage_v) },
		{ "Bias current", offsetof(struct pr_optical, bias_ma) },
	};
	struct pu_lines l;
	char key[64];
	const char *v;

	pr_optical_init(o);
	pu_lines_split(text, &l);
	for (size_t i = 0; i < l.n; i++) {
		if (!pu_kv(l.v[i], key, sizeof key, &v, NULL))
			continue;
		for (size_t k = 0; k < nitems(keys); k++)
			if (pu_key_is(key, keys[k].key))
				*(double *)(void *)((char *)o + keys[k].off) = pu_num(v);
	}
	if (!isnan(o->rx_dbm) && !acme_has_error(&l)) {
		pu_lines_free(&l);
		return 0;
	}
	pr_optical_init(o);
	acme_fail(&l, cause, "no \"ONU Rx power : ...\" line in the ONU's optics");
	pu_lines_free(&l);
	return -1;
}

/* ---- a pon's optics ---- */

enum { OP_ONU, OP_RX, OP_TX, OP_OLTRX, OP_TEMP, OP_N };
static const char *const op_labels[OP_N] = { "ONU", "ONU-Rx", "ONU-Tx", "OLT-Rx", "Temp" };

struct op_ctx { struct pr_optical_list *out; size_t cap; const char *port; };

static void
op_row(char **f, void *arg)
{
	struct op_ctx *x = arg;
	struct pr_optical_row *r;

	if (acme_int(f[OP_ONU]) == PR_NONE)
		return;
	x->out->v = grow(x->out->v, x->out->n, &x->cap, sizeof *x->out->v);
	r = &x->out->v[x->out->n++];
	memset(r, 0, sizeof *r);
	r->port = x->port != NULL ? xstrdup(x->port) : NULL;
	r->ont_id = acme_int(f[OP_ONU]);
	r->rx_dbm = pu_num(f[OP_RX]);
	r->tx_dbm = pu_num(f[OP_TX]);
	r->olt_rx_dbm = pu_num(f[OP_OLTRX]);
	r->temperature_c = pu_num(f[OP_TEMP]);
	r->voltage_v = r->bias_ma = NAN;
	r->distance_m = PR_NONE;
}

/* Parses `show onu optical 1/S/P` (rows name their ONU id only). */
int
acme_parse_optical_list(const char *text, const char *port, struct pr_optical_list *out,
    char **cause)
{
	struct op_ctx x = { out, 0, port };
	struct pu_lines l;
	bool header;

	memset(out, 0, sizeof *out);
	pu_lines_split(text, &l);
	header = acme_table(&l, op_labels, OP_N, 3, op_row, &x);
	if ((header || acme_empty(&l)) && !acme_has_error(&l)) {
		pu_lines_free(&l);
		return 0;
	}
	pr_optical_list_free(out);
	memset(out, 0, sizeof *out);
	acme_fail(&l, cause, "no optics table (ONU  ONU-Rx  ONU-Tx  OLT-Rx) in the output");
	pu_lines_free(&l);
	return -1;
}

/* ---- service flows ---- */

enum { SF_FLOW, SF_ONU, SF_VLAN, SF_UVLAN, SF_GEM, SF_STATE, SF_N };
static const char *const sf_labels[SF_N] = {
	"Flow", "ONU", "VLAN", "User-VLAN", "GEM", "State"
};

struct sf_ctx { struct pr_service_port_list *out; size_t cap; };

static void
sf_row(char **f, void *arg)
{
	struct sf_ctx *x = arg;
	struct pr_service_port *p;
	char port[32];
	long id;

	if (acme_int(f[SF_FLOW]) == PR_NONE ||
	    !acme_onu_ref(f[SF_ONU], port, sizeof port, &id))
		return;
	x->out->v = grow(x->out->v, x->out->n, &x->cap, sizeof *x->out->v);
	p = &x->out->v[x->out->n++];
	memset(p, 0, sizeof *p);
	p->index = acme_int(f[SF_FLOW]);
	p->port = xstrdup(port);
	p->ont_id = id;
	p->vlan = acme_int(f[SF_VLAN]);
	p->user_vlan = acme_int(f[SF_UVLAN]);
	p->gem = acme_int(f[SF_GEM]);
	p->state = pu_dup(f[SF_STATE]);
	p->rx_table = p->tx_table = PR_NONE;
}

/* Parses `show service-flow 1/S/P[:N]`. */
int
acme_parse_service_ports(const char *text, struct pr_service_port_list *out,
    char **cause)
{
	struct sf_ctx x = { out, 0 };
	struct pu_lines l;
	bool header;

	memset(out, 0, sizeof *out);
	pu_lines_split(text, &l);
	header = acme_table(&l, sf_labels, SF_N, 3, sf_row, &x);
	if ((header || acme_empty(&l)) && !acme_has_error(&l)) {
		pu_lines_free(&l);
		return 0;
	}
	pr_service_port_list_free(out);
	memset(out, 0, sizeof *out);
	acme_fail(&l, cause, "no service-flow table (Flow  ONU  VLAN ...) in the output");
	pu_lines_free(&l);
	return -1;
}

/* ---- the OLT ---- */

enum { CD_SLOT, CD_CARD, CD_STATE, CD_PORTS, CD_N };
static const char *const cd_labels[CD_N] = { "Slot", "Card", "State", "Ports" };

struct cd_ctx { struct pr_board_list *out; size_t cap; };

static void
cd_row(char **f, void *arg)
{
	struct cd_ctx *x = arg;
	struct pr_board *b;

	if (acme_int(f[CD_SLOT]) == PR_NONE)
		return;
	x->out->v = grow(x->out->v, x->out->n, &x->cap, sizeof *x->out->v);
	b = &x->out->v[x->out->n++];
	memset(b, 0, sizeof *b);
	b->rack = 1;
	b->shelf = PR_NONE;
	b->slot = acme_int(f[CD_SLOT]);
	b->name = pu_dup(f[CD_CARD]);
	b->status = pu_dup(f[CD_STATE]);
	b->ports = acme_int(f[CD_PORTS]);
}

/* Parses `show cards`: every slot, "-" for an empty one's card. */
int
acme_parse_boards(const char *text, struct pr_board_list *out, char **cause)
{
	struct cd_ctx x = { out, 0 };
	struct pu_lines l;
	bool header;

	memset(out, 0, sizeof *out);
	pu_lines_split(text, &l);
	header = acme_table(&l, cd_labels, CD_N, 3, cd_row, &x);
	if (header && !acme_has_error(&l)) {
		pu_lines_free(&l);
		return 0;
	}
	pr_board_list_free(out);
	memset(out, 0, sizeof *out);
	acme_fail(&l, cause, "no card table (Slot  Card  State  Ports) in the output");
	pu_lines_free(&l);
	return -1;
}

/* Parses `show version`: Model is the product, Software the version,
   Build the patch level. */
int
acme_parse_version(const char *text, struct pr_version *v, char **cause)
{
	struct pu_lines l;
	char key[64];
	const char *val;

	pr_version_init(v);
	pu_lines_split(text, &l);
	for (size_t i = 0; i < l.n; i++) {
		if (!pu_kv(l.v[i], key, sizeof key, &val, NULL))
			continue;
		if (pu_key_is(key, "Software"))
			pu_set_once(&v->version, val);
		else if (pu_key_is(key, "Build"))
			pu_set_once(&v->patch, val);
		else if (pu_key_is(key, "Model"))
			pu_set_once(&v->product, val);
		else if (pu_key_is(key, "Uptime") && v->uptime_s == PR_NONE)
			v->uptime_s = pu_duration(val);
	}
	if (v->version != NULL && !acme_has_error(&l)) {
		pu_lines_free(&l);
		return 0;
	}
	pr_version_free(v);
	pr_version_init(v);
	acme_fail(&l, cause, "no \"Software : ...\" line in the version output");
	pu_lines_free(&l);
	return -1;
}

/* The port of the last `show onu optical 1/S/P` echoed in raw. */
char *
acme_echo_port(const char *raw)
{
	static const char cmd[] = "show onu optical ";
	const char *p, *last = NULL;
	char port[32];
	long id;

	for (p = raw; (p = strstr(p, cmd)) != NULL; p += strlen(cmd))
		last = p + strlen(cmd);
	if (last == NULL || !acme_onu_ref(last, port, sizeof port, &id) || id != PR_NONE)
		return NULL;
	return xstrdup(port);
}
