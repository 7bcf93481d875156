/*
 * parse.c — names, the generic entry point and destructors for parse.h.
 *
 * The vendor parsers live in huawei_parse.c and zte_parse.c; this file
 * holds the tables that map the verb's words to kinds and the kinds to the
 * parser functions, so `oltui parse`, its --help and docs agree.
 */
#include "drivers/parse.h"

#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "lib/util.h"

static const char *const vendor_names[] = { "huawei", "zte" };

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
pr_vendor_name(enum pr_vendor v)
{
	return (size_t)v < nitems(vendor_names) ? vendor_names[v] : "?";
}

const char *
pr_kind_name(enum pr_kind k)
{
	return (size_t)k < PR_KIND_COUNT ? kind_names[k] : "?";
}

int
pr_vendor_from_name(const char *s, enum pr_vendor *out)
{
	for (size_t i = 0; i < nitems(vendor_names); i++)
		if (s != NULL && strcmp(s, vendor_names[i]) == 0) {
			*out = (enum pr_vendor)i;
			return 0;
		}
	return -1;
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

/* Dispatches to the vendor's parser for kind. */
int
parse_output(enum pr_vendor vendor, enum pr_kind kind, const char *text,
    const char *port, struct pr_result *res, char **cause)
{
	bool hw = vendor == PR_HUAWEI;

	memset(res, 0, sizeof *res);
	res->kind = kind;
	if (text == NULL)
		text = "";
	switch (kind) {
	case PR_AUTOFIND:
		return hw ? huawei_parse_autofind(text, &res->u.autofind, cause) :
		    zte_parse_autofind(text, &res->u.autofind, cause);
	case PR_ONT_LIST:
		return hw ? huawei_parse_ont_list(text, &res->u.onts, cause) :
		    zte_parse_ont_list(text, &res->u.onts, cause);
	case PR_ONT_DETAIL:
		return hw ? huawei_parse_ont_detail(text, &res->u.detail, cause) :
		    zte_parse_ont_detail(text, &res->u.detail, cause);
	case PR_OPTICAL:
		return hw ? huawei_parse_optical(text, &res->u.optical, cause) :
		    zte_parse_optical(text, &res->u.optical, cause);
	case PR_OPTICAL_LIST:
		return hw ? huawei_parse_optical_list(text, port,
		    &res->u.optical_list, cause) :
		    zte_parse_optical_list(text, &res->u.optical_list, cause);
	case PR_SERVICE_PORTS:
		return hw ? huawei_parse_service_ports(text,
		    &res->u.service_ports, cause) :
		    zte_parse_service_ports(text, &res->u.service_ports, cause);
	case PR_BOARDS:
		return hw ? huawei_parse_boards(text, &res->u.boards, cause) :
		    zte_parse_boards(text, &res->u.boards, cause);
	case PR_VERSION:
		return hw ? huawei_parse_version(text, &res->u.version, cause) :
		    zte_parse_version(text, &res->u.version, cause);
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
}

void
pr_ont_detail_free(struct pr_ont_detail *d)
{
	free(d->port), free(d->sn), free(d->name), free(d->description);
	free(d->model), free(d->config_state), free(d->match_state);
	free(d->last_down_cause), free(d->last_up), free(d->last_down);
	free(d->online_duration), free(d->line_profile);
	free(d->service_profile), free(d->software), free(d->hardware);
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
