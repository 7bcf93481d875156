/*
 * ont_state.c — the state a write touches on one ONT (ont_state.h): from a
 * driver's configuration read, compared with an intent, shown as a change,
 * kept as JSON.
 *
 * The comparison is the verification of every write, so it is strict
 * where the intent speaks: a flow the device has and the intent does not
 * is a difference, as is a speed the intent keeps and the device lost.
 */
#include "drivers/ont_state.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "drivers/driver.h"
#include "drivers/parse_json.h"
#include "lib/sn.h"

void
ont_state_init(struct ont_state *s, const char *port, int ont_id)
{
	memset(s, 0, sizeof *s);
	strlcpy_(s->port, port != NULL ? port : "", sizeof s->port);
	s->ont_id = ont_id;
	s->admin = ADMIN_UNKNOWN;
}

void
ont_state_set(char **field, const char *value)
{
	free(*field);
	*field = value != NULL ? xstrdup(value) : NULL;
}

void
ont_state_free(struct ont_state *s)
{
	for (size_t i = 0; i < s->nflows; i++) {
		free(s->flows[i].up);
		free(s->flows[i].down);
	}
	free(s->flows);
	for (size_t i = 0; i < s->nlines; i++) {
		free(s->lines[i].mode_arg);
		free(s->lines[i].text);
	}
	free(s->lines);
	free(s->type);
	free(s->line_profile);
	free(s->line_profile_id);
	free(s->service_profile);
	free(s->service_profile_id);
	free(s->description);
	free(s->name);
	ont_state_init(s, NULL, 0);
}

void
ont_state_add_flow(struct ont_state *s, long index, long vlan, long user_vlan, long gem,
    const char *up, const char *down)
{
	struct ont_flow *f;

	s->flows = xreallocarray(s->flows, s->nflows + 1, sizeof *s->flows);
	f = &s->flows[s->nflows++];
	f->index = index;
	f->vlan = vlan;
	f->user_vlan = user_vlan;
	f->gem = gem;
	f->up = up != NULL ? xstrdup(up) : NULL;
	f->down = down != NULL ? xstrdup(down) : NULL;
	s->flows_known = true;
}

void
ont_state_add_line(struct ont_state *s, enum cli_mode mode, const char *mode_arg,
    const char *text)
{
	struct ont_line *l;

	s->lines = xreallocarray(s->lines, s->nlines + 1, sizeof *s->lines);
	l = &s->lines[s->nlines++];
	l->mode = mode;
	l->mode_arg = mode_arg != NULL ? xstrdup(mode_arg) : NULL;
	l->text = xstrdup(text);
	s->lines_known = true;
}

/* True when two lines read the same, runs of blanks aside. */
static bool
same_words(const char *a, const char *b)
{
	for (;;) {
		a += strspn(a, " \t");
		b += strspn(b, " \t");
		if (*a == '\0' || *b == '\0')
			return *a == *b;
		while (*a != '\0' && *a != ' ' && *a != '\t' && *a == *b)
			a++, b++;
		if ((*a != '\0' && *a != ' ' && *a != '\t') ||
		    (*b != '\0' && *b != ' ' && *b != '\t'))
			return false;
	}
}

/* True when two lines are the same line of the same mode. */
static bool
line_is(const struct ont_line *l, enum cli_mode mode, const char *arg, const char *text)
{
	return l->mode == mode && ((l->mode_arg == NULL) == (arg == NULL)) &&
	    (arg == NULL || strcmp(l->mode_arg, arg) == 0) && same_words(l->text, text);
}

bool
ont_state_has_line(const struct ont_state *s, enum cli_mode mode, const char *mode_arg,
    const char *text)
{
	for (size_t i = 0; i < s->nlines; i++)
		if (line_is(&s->lines[i], mode, mode_arg, text))
			return true;
	return false;
}

void
ont_state_copy(struct ont_state *dst, const struct ont_state *src)
{
	ont_state_init(dst, src->port, src->ont_id);
	dst->present = src->present;
	strlcpy_(dst->sn, src->sn, sizeof dst->sn);
	dst->admin = src->admin;
	ont_state_set(&dst->type, src->type);
	ont_state_set(&dst->line_profile, src->line_profile);
	ont_state_set(&dst->line_profile_id, src->line_profile_id);
	ont_state_set(&dst->service_profile, src->service_profile);
	ont_state_set(&dst->service_profile_id, src->service_profile_id);
	ont_state_set(&dst->description, src->description);
	ont_state_set(&dst->name, src->name);
	for (size_t i = 0; i < src->nflows; i++) {
		const struct ont_flow *f = &src->flows[i];

		ont_state_add_flow(dst, f->index, f->vlan, f->user_vlan, f->gem, f->up, f->down);
	}
	dst->flows_known = src->flows_known;
	for (size_t i = 0; i < src->nlines; i++)
		ont_state_add_line(dst, src->lines[i].mode, src->lines[i].mode_arg,
		    src->lines[i].text);
	dst->lines_known = src->lines_known;
}

/* A traffic table index as a word, or NULL for none. */
static char *
table_word(long t, char *buf, size_t size)
{
	if (t == PR_NONE || t < 0)
		return NULL;
	snprintf(buf, size, "%ld", t);
	return buf;
}

void
ont_state_from_config(struct ont_state *s, const char *port, int ont_id,
    const struct ont_config *k)
{
	const struct pr_ont_detail *d = &k->detail;
	char sn[SN_LEN + 1], up[24], down[24];

	ont_state_init(s, port, ont_id);
	s->present = true;
	if (d->sn != NULL && sn_normalize(d->sn, sn) == 0)
		strlcpy_(s->sn, sn, sizeof s->sn);
	s->admin = d->admin;
	ont_state_set(&s->type, d->model);
	ont_state_set(&s->line_profile, d->line_profile);
	ont_state_set(&s->line_profile_id, d->line_profile_id);
	ont_state_set(&s->service_profile, d->service_profile);
	ont_state_set(&s->service_profile_id, d->service_profile_id);
	ont_state_set(&s->description, d->description);
	ont_state_set(&s->name, d->name);
	for (size_t i = 0; i < k->sps.n; i++) {
		const struct pr_service_port *p = &k->sps.v[i];

		if (p->ont_id != PR_NONE && p->ont_id != ont_id)
			continue;
		/* Huawei lists inbound (upstream) as RX, outbound as TX. */
		ont_state_add_flow(s, p->index, p->vlan, p->user_vlan, p->gem,
		    table_word(p->rx_table, up, sizeof up),
		    table_word(p->tx_table, down, sizeof down));
	}
	s->flows_known = k->sps_read;
	for (size_t i = 0; i < k->nlines; i++)
		ont_state_add_line(s, k->lines[i].mode, k->lines[i].mode_arg, k->lines[i].text);
	s->lines_known = k->lines_read;
}

/* ---- comparison ---- */

/* "none" for NULL. */
static const char *
w(const char *s)
{
	return s != NULL && *s != '\0' ? s : "none";
}

/* True when two optional words say the same ("" and NULL are none). */
static bool
same(const char *a, const char *b)
{
	if (a == NULL || *a == '\0')
		return b == NULL || *b == '\0';
	return b != NULL && strcmp(a, b) == 0;
}

/* True when an intended profile names the one the device has (its name
   or, when printed, its id). */
static bool
profile_is(const char *want, const char *name, const char *id)
{
	return same(want, name) || (id != NULL && same(want, id));
}

/* The flow of got that matches intended flow f, or NULL. */
static const struct ont_flow *
flow_match(const struct ont_state *got, const struct ont_flow *f, const bool *taken,
    size_t *at)
{
	for (size_t i = 0; i < got->nflows; i++) {
		const struct ont_flow *g = &got->flows[i];

		if (taken[i])
			continue;
		if (f->index != ONT_FLOW_ANY ? g->index == f->index :
		    g->vlan == f->vlan && g->gem == f->gem) {
			*at = i;
			return g;
		}
	}
	return NULL;
}

/* The name of a flow for messages: "flow 1000" or "the flow on VLAN 100". */
static void
flow_name(const struct ont_flow *f, char *buf, size_t size)
{
	if (f->index != ONT_FLOW_ANY && f->index != PR_NONE)
		snprintf(buf, size, "flow %ld", f->index);
	else
		snprintf(buf, size, "the flow on VLAN %ld", f->vlan);
}

/* Compares the flows; returns the number of differences. */
static int
flows_diff(const struct ont_state *want, const struct ont_state *got, struct buf *out)
{
	bool *taken;
	int n = 0;

	taken = xcalloc(got->nflows + 1, sizeof *taken);
	for (size_t i = 0; i < want->nflows; i++) {
		const struct ont_flow *f = &want->flows[i], *g;
		char nm[48];
		size_t at = 0;

		flow_name(f, nm, sizeof nm);
		if ((g = flow_match(got, f, taken, &at)) == NULL) {
			buf_addf(out, "%s (VLAN %ld): missing on the device\n", nm, f->vlan);
			n++;
			continue;
		}
		taken[at] = true;
#define CMP_L(field, what)						\
		if (f->field != g->field) {					\
			buf_addf(out, "%s %s: wanted %ld, the device has %ld\n", nm, what, \
			    f->field, g->field);				\
			n++;							\
		}
#define CMP_S(field, what)						\
		if (!same(f->field, g->field)) {				\
			buf_addf(out, "%s %s: wanted %s, the device has %s\n", nm, what, \
			    w(f->field), w(g->field));				\
			n++;							\
		}
		CMP_L(vlan, "VLAN")
		CMP_L(user_vlan, "user VLAN")
		CMP_L(gem, "GEM port")
		CMP_S(up, "upstream")
		CMP_S(down, "downstream")
#undef CMP_L
#undef CMP_S
	}
	for (size_t i = 0; i < got->nflows; i++) {
		char nm[48];

		if (taken[i])
			continue;
		flow_name(&got->flows[i], nm, sizeof nm);
		buf_addf(out, "%s (VLAN %ld): on the device, not intended\n", nm,
		    got->flows[i].vlan);
		n++;
	}
	free(taken);
	return n;
}

/* Compares the configuration lines as sets; returns the differences. */
static int
lines_diff(const struct ont_state *want, const struct ont_state *got, struct buf *out)
{
	int n = 0;

	for (size_t i = 0; i < want->nlines; i++) {
		const struct ont_line *l = &want->lines[i];

		if (!ont_state_has_line(got, l->mode, l->mode_arg, l->text)) {
			buf_addf(out, "line \"%s\": missing on the device\n", l->text);
			n++;
		}
	}
	for (size_t i = 0; i < got->nlines; i++) {
		const struct ont_line *l = &got->lines[i];

		if (!ont_state_has_line(want, l->mode, l->mode_arg, l->text)) {
			buf_addf(out, "line \"%s\": on the device, not intended\n", l->text);
			n++;
		}
	}
	return n;
}

int
ont_state_diff(const struct ont_state *want, const struct ont_state *got, struct buf *out)
{
	int n = 0;

	if (want->present != got->present) {
		buf_addf(out, "%s %d: %s\n", want->port, want->ont_id, want->present ?
		    "not registered, wanted registered" : "still registered, wanted gone");
		return 1;
	}
	if (!want->present)
		return 0;
	if (want->sn[0] != '\0' && strcmp(want->sn, got->sn) != 0) {
		buf_addf(out, "serial: wanted %s, the device has %s\n", want->sn, w(got->sn));
		n++;
	}
	if (want->admin != ADMIN_UNKNOWN && want->admin != got->admin) {
		buf_addf(out, "admin: wanted %s, the device has %s\n",
		    ont_admin_name(want->admin), ont_admin_name(got->admin));
		n++;
	}
#define CMP(field, what, ok)						\
	if (want->field != NULL && !(ok)) {				\
		buf_addf(out, "%s: wanted %s, the device has %s\n", what,	\
		    w(want->field), w(got->field));				\
		n++;								\
	}
	CMP(type, "type", got->type != NULL && str_casecmp(want->type, got->type) == 0)
	CMP(line_profile, "line profile", profile_is(want->line_profile, got->line_profile,
	    got->line_profile_id))
	CMP(service_profile, "service profile", profile_is(want->service_profile,
	    got->service_profile, got->service_profile_id))
	CMP(description, "description", same(want->description, got->description))
	CMP(name, "name", same(want->name, got->name))
#undef CMP
	if (want->flows_known && got->flows_known)
		n += flows_diff(want, got, out);
	if (want->lines_known && got->lines_known)
		n += lines_diff(want, got, out);
	return n;
}

/* ---- the change, for previews ---- */

/* Appends a flow's words: "vlan 100 user-vlan 100 gem 1 up 10 down 10". */
static void
flow_words(const struct ont_flow *f, struct buf *out)
{
	buf_addf(out, "VLAN %ld user VLAN %ld GEM %ld", f->vlan, f->user_vlan, f->gem);
	if (f->up != NULL || f->down != NULL)
		buf_addf(out, " up %s down %s", w(f->up), w(f->down));
}

void
ont_state_describe(const struct ont_state *s, struct buf *out)
{
	if (!s->present) {
		buf_addf(out, "not registered");
		return;
	}
	buf_addf(out, "%s", s->sn[0] != '\0' ? s->sn : "registered");
	if (s->admin != ADMIN_UNKNOWN)
		buf_addf(out, ", admin %s", ont_admin_name(s->admin));
	if (s->type != NULL)
		buf_addf(out, ", type %s", s->type);
	if (s->line_profile != NULL)
		buf_addf(out, ", line profile %s", s->line_profile);
	if (s->service_profile != NULL)
		buf_addf(out, ", service profile %s", s->service_profile);
	if (s->name != NULL)
		buf_addf(out, ", name \"%s\"", s->name);
	if (s->description != NULL)
		buf_addf(out, ", description \"%s\"", s->description);
	for (size_t i = 0; i < s->nflows; i++) {
		char nm[48];

		flow_name(&s->flows[i], nm, sizeof nm);
		buf_addf(out, "; %s: ", nm);
		flow_words(&s->flows[i], out);
	}
}

/* The flow of before with after's index (or at the same position). */
static const struct ont_flow *
flow_before(const struct ont_state *before, const struct ont_state *after, size_t i)
{
	const struct ont_flow *f = &after->flows[i];

	for (size_t k = 0; k < before->nflows; k++)
		if (f->index != ONT_FLOW_ANY && before->flows[k].index == f->index)
			return &before->flows[k];
	return i < before->nflows && f->index == ONT_FLOW_ANY ? &before->flows[i] : NULL;
}

void
ont_state_change(const struct ont_state *before, const struct ont_state *after,
    const char *label, struct buf *out)
{
	size_t mark = out->len;

	if (before->present != after->present || !after->present) {
		if (before->present == after->present)
			return;	/* absent before and after: nothing to show */
		buf_addf(out, "  %s: %s -> ", label, before->present ? "registered" :
		    "not registered");
		ont_state_describe(after, out);
		buf_addc(out, '\n');
		return;
	}
	if (after->sn[0] != '\0' && strcmp(before->sn, after->sn) != 0)
		buf_addf(out, "  %s serial: %s -> %s\n", label, w(before->sn), after->sn);
	if (after->admin != ADMIN_UNKNOWN && after->admin != before->admin)
		buf_addf(out, "  %s admin: %s -> %s\n", label, ont_admin_name(before->admin),
		    ont_admin_name(after->admin));
#define CHG(field, what)						\
	if (after->field != NULL && !same(before->field, after->field))	\
		buf_addf(out, "  %s %s: %s -> %s\n", label, what, w(before->field), \
		    w(after->field));
	CHG(line_profile, "line profile")
	CHG(service_profile, "service profile")
	CHG(description, "description")
	CHG(name, "name")
#undef CHG
	for (size_t i = 0; after->flows_known && i < after->nflows; i++) {
		const struct ont_flow *a = &after->flows[i], *b = flow_before(before, after, i);
		char nm[48];

		flow_name(b != NULL ? b : a, nm, sizeof nm);
		if (b == NULL) {
			buf_addf(out, "  %s %s: new, ", label, nm);
			flow_words(a, out);
			buf_addc(out, '\n');
			continue;
		}
		if (a->vlan != b->vlan)
			buf_addf(out, "  %s %s VLAN: %ld -> %ld\n", label, nm, b->vlan, a->vlan);
		if (a->user_vlan != b->user_vlan)
			buf_addf(out, "  %s %s user VLAN: %ld -> %ld\n", label, nm, b->user_vlan,
			    a->user_vlan);
		if (!same(a->up, b->up))
			buf_addf(out, "  %s %s upstream: %s -> %s\n", label, nm, w(b->up),
			    w(a->up));
		if (!same(a->down, b->down))
			buf_addf(out, "  %s %s downstream: %s -> %s\n", label, nm, w(b->down),
			    w(a->down));
	}
	if (out->len == mark)
		buf_addf(out, "  %s: no change to its configuration\n", label);
}

/* ---- JSON ---- */

cJSON *
ont_state_to_json(const struct ont_state *s)
{
	cJSON *o = cJSON_CreateObject(), *fl;

	cJSON_AddBoolToObject(o, "present", s->present);
	cJSON_AddStringToObject(o, "port", s->port);
	cJSON_AddNumberToObject(o, "ont_id", s->ont_id);
	cJSON_AddStringToObject(o, "sn", s->sn);
	cJSON_AddStringToObject(o, "admin", ont_admin_name(s->admin));
	json_add_str(o, "type", s->type);
	json_add_str(o, "line_profile", s->line_profile);
	json_add_str(o, "line_profile_id", s->line_profile_id);
	json_add_str(o, "service_profile", s->service_profile);
	json_add_str(o, "service_profile_id", s->service_profile_id);
	json_add_str(o, "description", s->description);
	json_add_str(o, "name", s->name);
	if (s->lines_known) {
		cJSON *ls = cJSON_AddArrayToObject(o, "lines");

		for (size_t i = 0; i < s->nlines; i++) {
			cJSON *x = cJSON_CreateObject();

			cJSON_AddStringToObject(x, "mode", cli_mode_name(s->lines[i].mode));
			json_add_str(x, "mode_arg", s->lines[i].mode_arg);
			cJSON_AddStringToObject(x, "text", s->lines[i].text);
			cJSON_AddItemToArray(ls, x);
		}
	}
	if (!s->flows_known)
		return o;
	fl = cJSON_AddArrayToObject(o, "flows");
	for (size_t i = 0; i < s->nflows; i++) {
		const struct ont_flow *f = &s->flows[i];
		cJSON *x = cJSON_CreateObject();

		cJSON_AddNumberToObject(x, "index", (double)f->index);
		cJSON_AddNumberToObject(x, "vlan", (double)f->vlan);
		cJSON_AddNumberToObject(x, "user_vlan", (double)f->user_vlan);
		cJSON_AddNumberToObject(x, "gem", (double)f->gem);
		json_add_str(x, "up", f->up);
		json_add_str(x, "down", f->down);
		cJSON_AddItemToArray(fl, x);
	}
	return o;
}

/* A number member or dflt. */
static long
jnum(const cJSON *o, const char *k, long dflt)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);

	return cJSON_IsNumber(v) ? (long)v->valuedouble : dflt;
}

int
ont_state_from_json(const cJSON *j, struct ont_state *s, char **cause)
{
	const cJSON *fl, *f;

	if (!cJSON_IsObject(j) || json_get_str(j, "port") == NULL) {
		set_cause(cause, "a recorded ONT state is not an object with a port");
		return -1;
	}
	ont_state_init(s, json_get_str(j, "port"), (int)jnum(j, "ont_id", -1));
	s->present = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(j, "present"));
	strlcpy_(s->sn, json_get_str(j, "sn") != NULL ? json_get_str(j, "sn") : "", sizeof s->sn);
	if (json_get_str(j, "admin") == NULL || ont_admin_parse(json_get_str(j, "admin"), &s->admin) != 0)
		s->admin = ADMIN_UNKNOWN;
	ont_state_set(&s->type, json_get_str(j, "type"));
	ont_state_set(&s->line_profile, json_get_str(j, "line_profile"));
	ont_state_set(&s->line_profile_id, json_get_str(j, "line_profile_id"));
	ont_state_set(&s->service_profile, json_get_str(j, "service_profile"));
	ont_state_set(&s->service_profile_id, json_get_str(j, "service_profile_id"));
	ont_state_set(&s->description, json_get_str(j, "description"));
	ont_state_set(&s->name, json_get_str(j, "name"));
	fl = cJSON_GetObjectItemCaseSensitive(j, "lines");
	if (cJSON_IsArray(fl)) {
		s->lines_known = true;
		cJSON_ArrayForEach(f, fl)
			if (json_get_str(f, "text") != NULL)
				ont_state_add_line(s, cli_mode_by_name(json_get_str(f, "mode")),
				    json_get_str(f, "mode_arg"), json_get_str(f, "text"));
	}
	fl = cJSON_GetObjectItemCaseSensitive(j, "flows");
	if (!cJSON_IsArray(fl))
		return 0;
	s->flows_known = true;
	cJSON_ArrayForEach(f, fl)
		ont_state_add_flow(s, jnum(f, "index", ONT_FLOW_ANY), jnum(f, "vlan", 0),
		    jnum(f, "user_vlan", 0), jnum(f, "gem", 0), json_get_str(f, "up"), json_get_str(f, "down"));
	return 0;
}
