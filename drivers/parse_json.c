/*
 * parse_json.c — parse.h results as cJSON trees (see parse_json.h).
 *
 * One function per kind; null for absent values (NULL strings, PR_NONE
 * integers, NAN doubles).  Called on the main thread by `oltui parse`.
 */
#include "drivers/parse_json.h"

#include <math.h>
#include <stddef.h>
#include <string.h>

#include "drivers/driver.h"

#include "lib/util.h"

void
json_add_str(cJSON *o, const char *k, const char *v)
{
	if (v != NULL)
		cJSON_AddStringToObject(o, k, v);
	else
		cJSON_AddNullToObject(o, k);
}

const char *
json_get_str(const cJSON *o, const char *k)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);

	return cJSON_IsString(v) ? v->valuestring : NULL;
}

static void
add_long(cJSON *o, const char *k, long v)
{
	if (v != PR_NONE)
		cJSON_AddNumberToObject(o, k, (double)v);
	else
		cJSON_AddNullToObject(o, k);
}

static void
add_num(cJSON *o, const char *k, double v)
{
	if (!isnan(v))
		cJSON_AddNumberToObject(o, k, v);
	else
		cJSON_AddNullToObject(o, k);
}

static cJSON *
autofind_json(const struct pr_autofind_list *l)
{
	cJSON *a = cJSON_CreateArray();

	for (size_t i = 0; i < l->n; i++) {
		const struct pr_autofind *f = &l->v[i];
		cJSON *o = cJSON_CreateObject();

		json_add_str(o, "port", f->port);
		json_add_str(o, "sn", f->sn);
		json_add_str(o, "vendor", f->vendor);
		json_add_str(o, "model", f->model);
		json_add_str(o, "software", f->software);
		json_add_str(o, "hardware", f->hardware);
		json_add_str(o, "mac", f->mac);
		json_add_str(o, "found_at", f->found_at);
		json_add_str(o, "state", f->state);
		add_long(o, "index", f->slot_index);
		cJSON_AddItemToArray(a, o);
	}
	return a;
}

static cJSON *
onts_json(const struct pr_ont_list *l)
{
	cJSON *a = cJSON_CreateArray();

	for (size_t i = 0; i < l->n; i++) {
		const struct pr_ont *t = &l->v[i];
		cJSON *o = cJSON_CreateObject();

		json_add_str(o, "port", t->port);
		add_long(o, "ont_id", t->ont_id);
		json_add_str(o, "sn", t->sn);
		json_add_str(o, "admin", pr_admin_name(t->admin));
		json_add_str(o, "status", ont_status_name(t->status));
		json_add_str(o, "description", t->description);
		json_add_str(o, "config_state", t->config_state);
		json_add_str(o, "match_state", t->match_state);
		json_add_str(o, "model", t->model);
		add_long(o, "distance_m", t->distance_m);
		add_num(o, "rx_dbm", t->rx_dbm);
		add_num(o, "tx_dbm", t->tx_dbm);
		json_add_str(o, "last_up", t->last_up);
		json_add_str(o, "last_down", t->last_down);
		json_add_str(o, "last_down_cause", t->last_down_cause);
		cJSON_AddItemToArray(a, o);
	}
	return a;
}

static cJSON *
detail_json(const struct pr_ont_detail *d)
{
	cJSON *o = cJSON_CreateObject();

	json_add_str(o, "port", d->port);
	add_long(o, "ont_id", d->ont_id);
	json_add_str(o, "sn", d->sn);
	json_add_str(o, "admin", pr_admin_name(d->admin));
	json_add_str(o, "status", ont_status_name(d->status));
	json_add_str(o, "name", d->name);
	json_add_str(o, "description", d->description);
	json_add_str(o, "model", d->model);
	add_long(o, "distance_m", d->distance_m);
	json_add_str(o, "config_state", d->config_state);
	json_add_str(o, "match_state", d->match_state);
	json_add_str(o, "last_down_cause", d->last_down_cause);
	json_add_str(o, "last_up", d->last_up);
	json_add_str(o, "last_down", d->last_down);
	json_add_str(o, "online_duration", d->online_duration);
	json_add_str(o, "line_profile", d->line_profile);
	json_add_str(o, "service_profile", d->service_profile);
	json_add_str(o, "software", d->software);
	json_add_str(o, "hardware", d->hardware);
	add_long(o, "temperature_c", d->temperature_c);
	return o;
}

static cJSON *
optical_json(const struct pr_optical *p)
{
	cJSON *o = cJSON_CreateObject();

	add_num(o, "rx_dbm", p->rx_dbm);
	add_num(o, "tx_dbm", p->tx_dbm);
	add_num(o, "olt_rx_dbm", p->olt_rx_dbm);
	add_num(o, "olt_tx_dbm", p->olt_tx_dbm);
	add_num(o, "temperature_c", p->temperature_c);
	add_num(o, "voltage_v", p->voltage_v);
	add_num(o, "bias_ma", p->bias_ma);
	add_num(o, "attenuation_up_db", p->attenuation_up_db);
	add_num(o, "attenuation_down_db", p->attenuation_down_db);
	json_add_str(o, "vendor_name", p->vendor_name);
	json_add_str(o, "module_type", p->module_type);
	return o;
}

static cJSON *
optical_list_json(const struct pr_optical_list *l)
{
	cJSON *a = cJSON_CreateArray();

	for (size_t i = 0; i < l->n; i++) {
		const struct pr_optical_row *r = &l->v[i];
		cJSON *o = cJSON_CreateObject();

		json_add_str(o, "port", r->port);
		add_long(o, "ont_id", r->ont_id);
		add_num(o, "rx_dbm", r->rx_dbm);
		add_num(o, "tx_dbm", r->tx_dbm);
		add_num(o, "olt_rx_dbm", r->olt_rx_dbm);
		add_num(o, "temperature_c", r->temperature_c);
		add_num(o, "voltage_v", r->voltage_v);
		add_num(o, "bias_ma", r->bias_ma);
		add_long(o, "distance_m", r->distance_m);
		cJSON_AddItemToArray(a, o);
	}
	return a;
}

static cJSON *
service_ports_json(const struct pr_service_port_list *l)
{
	cJSON *a = cJSON_CreateArray();

	for (size_t i = 0; i < l->n; i++) {
		const struct pr_service_port *s = &l->v[i];
		cJSON *o = cJSON_CreateObject();

		add_long(o, "index", s->index);
		add_long(o, "vlan", s->vlan);
		json_add_str(o, "vlan_attr", s->vlan_attr);
		json_add_str(o, "port_type", s->port_type);
		json_add_str(o, "port", s->port);
		add_long(o, "ont_id", s->ont_id);
		add_long(o, "gem", s->gem);
		add_long(o, "user_vlan", s->user_vlan);
		json_add_str(o, "flow_type", s->flow_type);
		json_add_str(o, "flow_para", s->flow_para);
		add_long(o, "rx_table", s->rx_table);
		add_long(o, "tx_table", s->tx_table);
		json_add_str(o, "state", s->state);
		cJSON_AddItemToArray(a, o);
	}
	return a;
}

/* The board fields a driver may fill, by their JSON key. */
static const struct {
	const char	*key;
	size_t		 off;
	bool		 num;	/* long, else string */
} board_fields[] = {
	{ "rack",	offsetof(struct pr_board, rack),	true },
	{ "shelf",	offsetof(struct pr_board, shelf),	true },
	{ "slot",	offsetof(struct pr_board, slot),	true },
	{ "name",	offsetof(struct pr_board, name),	false },
	{ "status",	offsetof(struct pr_board, status),	false },
	{ "subtype",	offsetof(struct pr_board, subtype),	false },
	{ "online",	offsetof(struct pr_board, online),	false },
	{ "cfg_type",	offsetof(struct pr_board, cfg_type),	false },
	{ "real_type",	offsetof(struct pr_board, real_type),	false },
	{ "ports",	offsetof(struct pr_board, ports),	true },
	{ "hard_ver",	offsetof(struct pr_board, hard_ver),	false },
	{ "soft_ver",	offsetof(struct pr_board, soft_ver),	false },
};

/* Adds board field key of b to o. */
static void
add_board_field(cJSON *o, const struct pr_board *b, const char *key)
{
	for (size_t i = 0; i < nitems(board_fields); i++) {
		const char *at = (const char *)b + board_fields[i].off;

		if (strcmp(board_fields[i].key, key) != 0)
			continue;
		if (board_fields[i].num)
			add_long(o, key, *(const long *)(const void *)at);
		else
			json_add_str(o, key, *(const char *const *)(const void *)at);
		return;
	}
}

static cJSON *
boards_json(const struct driver_parsers *p, const struct pr_board_list *l)
{
	static const char *const all[] = { "rack", "shelf", "slot", "name", "status",
	    "subtype", "online", "cfg_type", "real_type", "ports", "hard_ver", "soft_ver",
	    NULL };
	const char *const *keys = p != NULL && p->board_keys != NULL ? p->board_keys : all;
	cJSON *a = cJSON_CreateArray();

	for (size_t i = 0; i < l->n; i++) {
		cJSON *o = cJSON_CreateObject();

		for (size_t k = 0; keys[k] != NULL; k++)
			add_board_field(o, &l->v[i], keys[k]);
		cJSON_AddItemToArray(a, o);
	}
	return a;
}

static cJSON *
version_json(const struct driver_parsers *p, const struct pr_version *v)
{
	cJSON *o = cJSON_CreateObject();

	json_add_str(o, "version", v->version);
	json_add_str(o, "patch", v->patch);
	json_add_str(o, "product", v->product);
	add_long(o, "uptime_s", v->uptime_s);
	if (p == NULL || p->version_modules) {
		cJSON *m = cJSON_AddArrayToObject(o, "modules");

		for (size_t i = 0; i < v->nmodules; i++) {
			const struct pr_module *r = &v->modules[i];
			cJSON *e = cJSON_CreateObject();

			json_add_str(e, "location", r->location);
			json_add_str(e, "file_type", r->file_type);
			json_add_str(e, "ver_type", r->ver_type);
			json_add_str(e, "ver_tag", r->ver_tag);
			json_add_str(e, "build_time", r->build_time);
			add_long(e, "length", r->length);
			cJSON_AddItemToArray(m, e);
		}
	}
	return o;
}

/* Builds the JSON tree of a result. */
cJSON *
pr_result_json(const struct olt_driver *d, const struct pr_result *res)
{
	switch (res->kind) {
	case PR_AUTOFIND:
		return autofind_json(&res->u.autofind);
	case PR_ONT_LIST:
		return onts_json(&res->u.onts);
	case PR_ONT_DETAIL:
		return detail_json(&res->u.detail);
	case PR_OPTICAL:
		return optical_json(&res->u.optical);
	case PR_OPTICAL_LIST:
		return optical_list_json(&res->u.optical_list);
	case PR_SERVICE_PORTS:
		return service_ports_json(&res->u.service_ports);
	case PR_BOARDS:
		return boards_json(d != NULL ? d->parsers : NULL, &res->u.boards);
	case PR_VERSION:
		return version_json(d != NULL ? d->parsers : NULL, &res->u.version);
	default:
		return cJSON_CreateNull();
	}
}
