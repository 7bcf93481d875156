/*
 * state_json.c — the fleet's state as JSON, for the control verb `dump`.
 *
 * Shape (one line, cJSON unformatted):
 *   {"seed":1,"olts":[{"name":"hw-1","vendor":"huawei","sysname":…,
 *     "model":…,"version":…,"cli":"ssh","cli_port":…,"snmp_port":…,
 *     "community":…,"user":…,"sessions":0,"logins":0,"max_sessions":4,"cpu_pct":…,
 *     "temp_c":…,"faults":{"latency_ms":0,"drop_after":0,"garble":false,
 *       "refuse_login":false,"snmp_timeout":false,"busy":false},
 *     "boards":[{"slot":1,"name":"H901GPHF","status":…,"ports":16}],
 *       (a ZTE card adds "real": its RealType, "GTGHG")
 *     "pons":[{"fsp":"0/1/0","frame":0,"slot":1,"port":0,"cut":false,
 *       "onts":[{"id":0,"sn":"HWTC…","state":"online","admin":true,
 *         "down_cause":"-","model":"EG8145V5","rx":-19.42,"tx":2.31,
 *         "olt_rx":-21.1,"distance_m":1234,"desc":…,"name":…,
 *         "line_profile":…,"srv_profile":…,"last_up":…,"last_down":…,
 *         "config":["…"]}],
 *       "autofind":[{"sn":…,"model":…,"found_at":…}]}],
 *     "service_ports":[{"index":…,"fsp":…,"ont":…,"vlan":…,"user_vlan":…,
 *       "gem":…,"rx_table":…,"tx_table":…}],
 *     "events":[{"seq":…,"at":…,"what":"ont-los","fsp":…,"ont":…}]}]}
 * Levels are dBm (null when there is no reading); times epoch seconds
 * (0 = never).  The password is never included.
 *
 * Called from the control thread; takes each OLT's lock while reading it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cJSON.h>

#include "tests/lab/lab.h"

static const char *const state_names[] = { "online", "offline", "los", "dying-gasp" };
static const char *const cause_names[] = { "-", "los", "dying-gasp", "reset", "deactivated" };
static const char *const event_names[] = {
	"ont-up", "ont-los", "ont-dying-gasp", "ont-found", "pon-cut", "pon-restored"
};

/* Name of an ONT run state. */
const char *
state_name(int st)
{
	return st >= 0 && st < (int)nitems(state_names) ? state_names[st] : "?";
}

/* Name of a down cause. */
const char *
cause_name(int cause)
{
	return cause >= 0 && cause < (int)nitems(cause_names) ? cause_names[cause] : "?";
}

/* Adds a level in dBm or null. */
static void
add_level(cJSON *o, const char *key, int16_t v)
{
	if (v == SIM_NO_LEVEL)
		cJSON_AddNullToObject(o, key);
	else
		cJSON_AddNumberToObject(o, key, v / 100.0);
}

/* Adds a string or null. */
static void
add_str(cJSON *o, const char *key, const char *s)
{
	if (s == NULL)
		cJSON_AddNullToObject(o, key);
	else
		cJSON_AddStringToObject(o, key, s);
}

/* "F/S/P" of a PON. */
static void
add_fsp(cJSON *o, const struct sim_pon *pon)
{
	char fsp[16];

	snprintf(fsp, sizeof fsp, "%u/%u/%u", pon->frame, pon->slot, pon->port);
	cJSON_AddStringToObject(o, "fsp", fsp);
}

/* One ONT. */
static cJSON *
ont_json(const struct sim_ont *o)
{
	cJSON *j = cJSON_CreateObject(), *cfg;
	const struct sim_cfgline *l;

	cJSON_AddNumberToObject(j, "id", o->id);
	cJSON_AddStringToObject(j, "sn", o->sn);
	cJSON_AddStringToObject(j, "state", state_name(o->state));
	cJSON_AddBoolToObject(j, "admin", o->admin != 0);
	cJSON_AddStringToObject(j, "down_cause", cause_name(o->down_cause));
	cJSON_AddStringToObject(j, "model", o->model < sim_nmodels ? sim_models[o->model].equipment_id : "?");
	cJSON_AddBoolToObject(j, "config_ok", o->config_ok != 0);
	add_level(j, "rx", o->rx);
	add_level(j, "tx", o->tx);
	add_level(j, "olt_rx", o->olt_rx);
	cJSON_AddNumberToObject(j, "distance_m", o->distance_m);
	add_str(j, "desc", o->desc);
	add_str(j, "name", o->name);
	cJSON_AddNumberToObject(j, "line_profile", o->line_profile);
	cJSON_AddNumberToObject(j, "srv_profile", o->srv_profile);
	cJSON_AddNumberToObject(j, "last_up", (double)o->last_up);
	cJSON_AddNumberToObject(j, "last_down", (double)o->last_down);
	cfg = cJSON_AddArrayToObject(j, "config");
	for (l = o->cfg; l != NULL; l = l->next)
		cJSON_AddItemToArray(cfg, cJSON_CreateString(l->text));
	return j;
}

/* One PON port with its ONTs and autofind list. */
static cJSON *
pon_json(const struct sim_pon *pon)
{
	cJSON *j = cJSON_CreateObject(), *onts, *af;
	int id, i;

	add_fsp(j, pon);
	cJSON_AddNumberToObject(j, "frame", pon->frame);
	cJSON_AddNumberToObject(j, "slot", pon->slot);
	cJSON_AddNumberToObject(j, "port", pon->port);
	cJSON_AddBoolToObject(j, "cut", pon->cut);
	onts = cJSON_AddArrayToObject(j, "onts");
	for (id = 0; id <= SIM_MAX_ONTS; id++)
		if (pon->onts[id] != NULL)
			cJSON_AddItemToArray(onts, ont_json(pon->onts[id]));
	af = cJSON_AddArrayToObject(j, "autofind");
	for (i = 0; i < pon->nautofind; i++) {
		cJSON *a = cJSON_CreateObject();
		const struct sim_autofind *x = &pon->autofind[i];

		cJSON_AddStringToObject(a, "sn", x->sn);
		cJSON_AddStringToObject(a, "model", x->model < sim_nmodels ? sim_models[x->model].equipment_id : "?");
		cJSON_AddNumberToObject(a, "found_at", (double)x->found_at);
		cJSON_AddItemToArray(af, a);
	}
	return j;
}

/* One OLT (its lock held). */
static cJSON *
olt_json(struct sim_olt *olt)
{
	cJSON *j = cJSON_CreateObject(), *fa, *arr;
	int i;
	uint64_t s;

	cJSON_AddStringToObject(j, "name", olt->name);
	cJSON_AddStringToObject(j, "vendor", olt->vendor == SIM_HUAWEI ? "huawei" : "zte");
	cJSON_AddStringToObject(j, "sysname", olt->sysname);
	cJSON_AddStringToObject(j, "model", olt->model);
	cJSON_AddStringToObject(j, "version", olt->version);
	cJSON_AddStringToObject(j, "cli", olt->vendor == SIM_HUAWEI ? "ssh" : "telnet");
	cJSON_AddNumberToObject(j, "cli_port", olt->cli_port);
	cJSON_AddNumberToObject(j, "snmp_port", olt->snmp_port);
	cJSON_AddStringToObject(j, "community", olt->community);
	cJSON_AddStringToObject(j, "user", olt->user);
	cJSON_AddNumberToObject(j, "boot_time", (double)olt->boot_time);
	cJSON_AddNumberToObject(j, "sessions", olt->sessions);
	cJSON_AddNumberToObject(j, "logins", (double)olt->logins);
	cJSON_AddNumberToObject(j, "max_sessions", olt->max_sessions);
	cJSON_AddNumberToObject(j, "cpu_pct", olt->cpu_pct);
	cJSON_AddNumberToObject(j, "temp_c", olt->temp_c);
	cJSON_AddBoolToObject(j, "dirty", olt->dirty);

	fa = cJSON_AddObjectToObject(j, "faults");
	cJSON_AddNumberToObject(fa, "latency_ms", olt->fault.latency_ms);
	cJSON_AddNumberToObject(fa, "drop_after", (double)olt->fault.drop_after);
	cJSON_AddBoolToObject(fa, "garble", olt->fault.garble);
	cJSON_AddBoolToObject(fa, "refuse_login", olt->fault.refuse_login);
	cJSON_AddBoolToObject(fa, "snmp_timeout", olt->fault.snmp_timeout);
	cJSON_AddBoolToObject(fa, "busy", olt->fault.busy);

	arr = cJSON_AddArrayToObject(j, "boards");
	for (i = 0; i < olt->nboards; i++) {
		const struct sim_board *b = &olt->boards[i];
		cJSON *bj = cJSON_CreateObject();

		cJSON_AddNumberToObject(bj, "slot", b->slot);
		cJSON_AddStringToObject(bj, "name", b->name);
		if (b->real[0] != '\0')	/* ZTE RealType (show card, SNMP card name) */
			cJSON_AddStringToObject(bj, "real", b->real);
		cJSON_AddStringToObject(bj, "status", b->status);
		cJSON_AddNumberToObject(bj, "ports", b->nports);
		cJSON_AddBoolToObject(bj, "gpon", b->gpon);
		cJSON_AddItemToArray(arr, bj);
	}
	arr = cJSON_AddArrayToObject(j, "pons");
	for (i = 0; i < olt->npons; i++)
		cJSON_AddItemToArray(arr, pon_json(&olt->pons[i]));
	arr = cJSON_AddArrayToObject(j, "service_ports");
	for (i = 0; i < olt->nsps; i++) {
		const struct sim_service_port *sp = &olt->sps[i];
		cJSON *sj = cJSON_CreateObject();

		cJSON_AddNumberToObject(sj, "index", sp->index);
		if (sp->pon < olt->npons)
			add_fsp(sj, &olt->pons[sp->pon]);
		cJSON_AddNumberToObject(sj, "ont", sp->ont_id);
		cJSON_AddNumberToObject(sj, "vlan", sp->vlan);
		cJSON_AddNumberToObject(sj, "user_vlan", sp->user_vlan);
		cJSON_AddNumberToObject(sj, "gem", sp->gem);
		cJSON_AddNumberToObject(sj, "rx_table", sp->rx_table);
		cJSON_AddNumberToObject(sj, "tx_table", sp->tx_table);
		cJSON_AddItemToArray(arr, sj);
	}
	arr = cJSON_AddArrayToObject(j, "events");
	s = olt->event_seq > SIM_EVENTS ? olt->event_seq - SIM_EVENTS + 1 : 1;
	for (; s != 0 && s <= olt->event_seq; s++) {
		const struct sim_event *e = &olt->events[s % SIM_EVENTS];
		cJSON *ej;

		if (e->seq != s)
			continue;
		ej = cJSON_CreateObject();
		cJSON_AddNumberToObject(ej, "seq", (double)e->seq);
		cJSON_AddNumberToObject(ej, "at", (double)e->at);
		cJSON_AddStringToObject(ej, "what", e->what < nitems(event_names) ? event_names[e->what] : "?");
		if (e->pon < olt->npons)
			add_fsp(ej, &olt->pons[e->pon]);
		cJSON_AddNumberToObject(ej, "ont", e->ont_id);
		cJSON_AddItemToArray(arr, ej);
	}
	return j;
}

/* Emits the state of one OLT (or all) as one line of JSON in pieces, one
   OLT at a time (tree, text, free), so a big fleet never holds more than
   one OLT's cJSON tree and text.  emit returns false to stop. */
void
state_json_each(struct sim_fleet *f, struct sim_olt *only,
    bool (*emit)(const char *s, size_t len, void *arg), void *arg)
{
	char head[64];
	int i, n = 0;

	snprintf(head, sizeof head, "{\"seed\":%u,\"olts\":[", f->seed);
	if (!emit(head, strlen(head), arg))
		return;
	for (i = 0; i < f->nolts; i++) {
		struct sim_olt *olt = &f->olts[i];
		cJSON *j;
		char *s;
		bool go;

		if (only != NULL && olt != only)
			continue;
		olt_lock(olt);
		j = olt_json(olt);
		olt_unlock(olt);
		s = cJSON_PrintUnformatted(j);
		cJSON_Delete(j);
		if (s == NULL)
			continue;
		go = (n++ == 0 || emit(",", 1, arg)) && emit(s, strlen(s), arg);
		free(s);
		if (!go)
			return;
	}
	emit("]}", 2, arg);
}

/* Appends a piece to a struct buf. */
static bool
emit_buf(const char *s, size_t len, void *arg)
{
	buf_add(arg, s, len);
	return true;
}

/* The state as one allocated string. */
char *
state_json(struct sim_fleet *f, struct sim_olt *only)
{
	struct buf b = { 0 };

	state_json_each(f, only, emit_buf, &b);
	return buf_take(&b);
}
