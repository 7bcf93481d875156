/*
 * parse.c — names, the generic entry point and destructors for parse.h.
 *
 * The parsers live in the drivers (huawei_parse.c, zte_parse.c, ...) and
 * are reached through each driver's table (driver.h); this file holds the
 * words of the kinds, so `oltui parse`, its --help and docs agree, and the
 * dispatch from a kind to the driver's parser.
 */
#include "drivers/parse.h"
#include "drivers/driver.h"

#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "lib/util.h"

static const char *const kind_names[PR_KIND_COUNT] = {
	[PR_AUTOFIND] = "autofind",
	[PR_ONT_LIST] = "ont-list",
	[PR_ONT_DETAIL] = "ont-detail",
	[PR_OPTICAL] = "optical",
	[PR_OPTICAL_LIST] = "optical-list",
	[PR_SERVICE_PORTS] = "service-ports",
	[PR_BOARDS] = "boards",
	[PR_VERSION] = "version",
};

const char *
pr_kind_name(enum pr_kind k)
{
	return (size_t)k < PR_KIND_COUNT ? kind_names[k] : "?";
}

int
pr_kind_from_name(const char *s, enum pr_kind *out)
{
	for (size_t i = 0; i < PR_KIND_COUNT; i++)
		if (s != NULL && strcmp(s, kind_names[i]) == 0) {
			*out = (enum pr_kind)i;
			return 0;
		}
	return -1;
}

/* The words and notes of PR_DATE_ORDERS. */
static const struct {
	const char *word;
	const char *note;
} date_orders[PR_DATE_ORDER_COUNT] = {
#define PR_DATE_ORDER_ROW(e, w, n) [e] = { w, n },
	PR_DATE_ORDERS(PR_DATE_ORDER_ROW)
#undef PR_DATE_ORDER_ROW
};

const char *
pr_date_order_name(enum pr_date_order o)
{
	return (size_t)o < PR_DATE_ORDER_COUNT ? date_orders[o].word : "?";
}

/* The note of the date order of the result's kind, if it has dates. */
const char *
pr_result_date_note(const struct pr_result *res)
{
	enum pr_date_order o;

	switch (res->kind) {
	case PR_AUTOFIND:
		o = res->u.autofind.dates;
		break;
	case PR_ONT_LIST:
		o = res->u.onts.dates;
		break;
	case PR_ONT_DETAIL:
		o = res->u.detail.dates;
		break;
	case PR_VERSION:
		o = res->u.version.dates;
		break;
	default:
		return NULL;
	}
	return (size_t)o < PR_DATE_ORDER_COUNT ? date_orders[o].note : NULL;
}

const char *
pr_admin_name(enum ont_admin a)
{
	switch (a) {
	case ADMIN_ENABLED:
		return "enabled";
	case ADMIN_DISABLED:
		return "disabled";
	default:
		return NULL;
	}
}

/* The driver's parser for kind, or a cause naming what it cannot read. */
static int
no_parser(const struct olt_driver *d, enum pr_kind kind, char **cause)
{
	set_cause(cause, "the %s driver cannot read %s output", d->name, pr_kind_name(kind));
	return -1;
}

/* Dispatches to the driver's parser for kind. */
int
parse_output(const struct olt_driver *d, enum pr_kind kind, const char *text,
    const char *port, struct pr_result *res, char **cause)
{
	const struct driver_parsers *p = d->parsers;

	memset(res, 0, sizeof *res);
	res->kind = kind;
	if (text == NULL)
		text = "";
	if (p == NULL)
		return no_parser(d, kind, cause);
	switch (kind) {
	case PR_AUTOFIND:
		return p->autofind != NULL ? p->autofind(text, &res->u.autofind, cause) :
		    no_parser(d, kind, cause);
	case PR_ONT_LIST:
		return p->ont_list != NULL ? p->ont_list(text, &res->u.onts, cause) :
		    no_parser(d, kind, cause);
	case PR_ONT_DETAIL:
		return p->ont_detail != NULL ? p->ont_detail(text, &res->u.detail, cause) :
		    no_parser(d, kind, cause);
	case PR_OPTICAL:
		return p->optical != NULL ? p->optical(text, &res->u.optical, cause) :
		    no_parser(d, kind, cause);
	case PR_OPTICAL_LIST:
		return p->optical_list != NULL ? p->optical_list(text, port,
		    &res->u.optical_list, cause) : no_parser(d, kind, cause);
	case PR_SERVICE_PORTS:
		return p->service_ports != NULL ? p->service_ports(text,
		    &res->u.service_ports, cause) : no_parser(d, kind, cause);
	case PR_BOARDS:
		return p->boards != NULL ? p->boards(text, &res->u.boards, cause) :
		    no_parser(d, kind, cause);
	case PR_VERSION:
		return p->version != NULL ? p->version(text, &res->u.version, cause) :
		    no_parser(d, kind, cause);
	default:
		set_cause(cause, "unknown kind of output");
		return -1;
	}
}

void
pr_result_free(struct pr_result *res)
{
	switch (res->kind) {
	case PR_AUTOFIND:
		pr_autofind_list_free(&res->u.autofind);
		break;
	case PR_ONT_LIST:
		pr_ont_list_free(&res->u.onts);
		break;
	case PR_ONT_DETAIL:
		pr_ont_detail_free(&res->u.detail);
		break;
	case PR_OPTICAL:
		pr_optical_free(&res->u.optical);
		break;
	case PR_OPTICAL_LIST:
		pr_optical_list_free(&res->u.optical_list);
		break;
	case PR_SERVICE_PORTS:
		pr_service_port_list_free(&res->u.service_ports);
		break;
	case PR_BOARDS:
		pr_board_list_free(&res->u.boards);
		break;
	case PR_VERSION:
		pr_version_free(&res->u.version);
		break;
	default:
		break;
	}
}

void
pr_ont_detail_init(struct pr_ont_detail *d)
{
	memset(d, 0, sizeof *d);
	d->ont_id = PR_NONE;
	d->distance_m = PR_NONE;
	d->temperature_c = PR_NONE;
}

void
pr_optical_init(struct pr_optical *o)
{
	memset(o, 0, sizeof *o);
	o->rx_dbm = o->tx_dbm = o->olt_rx_dbm = o->olt_tx_dbm = NAN;
	o->temperature_c = o->voltage_v = o->bias_ma = NAN;
	o->attenuation_up_db = o->attenuation_down_db = NAN;
}

void
pr_version_init(struct pr_version *v)
{
	memset(v, 0, sizeof *v);
	v->uptime_s = PR_NONE;
}

void
pr_autofind_list_free(struct pr_autofind_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		struct pr_autofind *a = &l->v[i];

		free(a->port), free(a->sn), free(a->vendor), free(a->model);
		free(a->software), free(a->hardware), free(a->mac);
		free(a->found_at), free(a->state);
	}
	free(l->v);
	l->v = NULL;
	l->n = 0;
	l->dates = PR_DATES_NONE;
}

void
pr_ont_list_free(struct pr_ont_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		struct pr_ont *o = &l->v[i];

		free(o->port), free(o->sn), free(o->description);
		free(o->config_state), free(o->match_state), free(o->model);
		free(o->last_up), free(o->last_down), free(o->last_down_cause);
	}
	free(l->v);
	l->v = NULL;
	l->n = 0;
	l->dates = PR_DATES_NONE;
}

void
pr_ont_detail_free(struct pr_ont_detail *d)
{
	free(d->port), free(d->sn), free(d->name), free(d->description);
	free(d->model), free(d->config_state), free(d->match_state);
	free(d->last_down_cause), free(d->last_up), free(d->last_down);
	free(d->online_duration), free(d->line_profile), free(d->line_profile_id);
	free(d->service_profile), free(d->service_profile_id);
	free(d->software), free(d->hardware);
	pr_ont_detail_init(d);
}

void
pr_optical_free(struct pr_optical *o)
{
	free(o->vendor_name);
	free(o->module_type);
	pr_optical_init(o);
}

void
pr_optical_list_free(struct pr_optical_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i].port);
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

void
pr_service_port_list_free(struct pr_service_port_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		struct pr_service_port *s = &l->v[i];

		free(s->vlan_attr), free(s->port_type), free(s->port);
		free(s->flow_type), free(s->flow_para), free(s->state);
	}
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

void
pr_board_list_free(struct pr_board_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		struct pr_board *b = &l->v[i];

		free(b->name), free(b->status), free(b->subtype), free(b->online);
		free(b->cfg_type), free(b->real_type), free(b->hard_ver);
		free(b->soft_ver);
	}
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

void
pr_version_free(struct pr_version *v)
{
	for (size_t i = 0; i < v->nmodules; i++) {
		struct pr_module *m = &v->modules[i];

		free(m->location), free(m->file_type), free(m->ver_type);
		free(m->ver_tag), free(m->build_time);
	}
	free(v->modules);
	free(v->version), free(v->patch), free(v->product);
	pr_version_init(v);
}
