/*
 * verb_ont.c — `oltui ont …`: list and show ONTs (from the database, or
 * read live from the OLT), and the ONT writes — enable, disable, reboot,
 * delete, move, replace, set (speed / VLAN / description) — each through
 * the write pipeline (core/writes.h).  Destructive actions ask on the
 * terminal or need --yes.
 *
 * An ONT is named by its serial (looked up in the database: OLT, port, ONT
 * id) or by --olt O --port P --ont-id N.  Main thread only.
 */
#include "tui/verbs/verb_write.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/engine.h"
#include "core/store.h"
#include "lib/sn.h"
#include "lib/util.h"
#include "tui/verbs/verb_inv.h"

struct ont_args {
	struct vw_common	 c;
	const char		*sub;		/* "list", "show", ... */
	const char		*sn;
	const char		*olt;
	const char		*port;
	long			 ont_id;	/* -1 = not given */
	const char		*to_port;
	long			 to_ont_id;
	const char		*new_sn;
	long			 vlan;
	long			 down, up;
	const char		*desc;
	bool			 live;
};

/* Parses `ont SUB ...`; EXIT_OK or EXIT_USAGE. */
static int
parse(int argc, char **argv, struct ont_args *a, const struct globals *g)
{
	char verb[32];
	int k, rc;

	memset(a, 0, sizeof *a);
	a->c.json = g->json;
	a->ont_id = a->to_ont_id = -1;
	k = argc > 0 && strcmp(argv[0], "ont") == 0 ? 1 : 0;
	if (k >= argc)
		return verb_usage_error("ont", "usage: oltui ont list|show|enable|disable|"
		    "reboot|delete|move|replace|set ...");
	a->sub = argv[k++];
	snprintf(verb, sizeof verb, "ont %s", a->sub);
	for (; k < argc; k++) {
		const char *o = argv[k], *v = k + 1 < argc ? argv[k + 1] : NULL;

		if ((rc = vw_common_opt(&a->c, verb, argc, argv, k)) < 0)
			return EXIT_USAGE;
		if (rc > 0) {
			k += rc - 1;
			continue;
		}
		if (strcmp(o, "--live") == 0) {
			a->live = true;
			continue;
		}
		if (o[0] != '-') {
			if (a->sn != NULL)
				return verb_usage_error(verb, "one ONT at a time ('%s'?)", o);
			a->sn = o;
			continue;
		}
		if (v == NULL)
			return verb_usage_error(verb, "%s needs a value", o);
		k++;
		if (strcmp(o, "--olt") == 0)
			a->olt = v;
		else if (strcmp(o, "--port") == 0)
			a->port = v;
		else if (strcmp(o, "--to-port") == 0)
			a->to_port = v;
		else if (strcmp(o, "--new-sn") == 0)
			a->new_sn = v;
		else if (strcmp(o, "--desc") == 0)
			a->desc = v;
		else if (strcmp(o, "--ont-id") == 0 || strcmp(o, "--to-ont-id") == 0) {
			if (parse_long(v, 0, 255, o[2] == 'o' ? &a->ont_id : &a->to_ont_id) != 0)
				return verb_usage_error(verb, "%s: must be a whole number from "
				    "0 to 255, not '%s'", o, v);
		} else if (strcmp(o, "--vlan") == 0) {
			if (parse_long(v, 1, 4094, &a->vlan) != 0)
				return verb_usage_error(verb, "--vlan: must be a whole number "
				    "from 1 to 4094, not '%s'", v);
		} else if (strcmp(o, "--speed") == 0) {
			char *slash;

			if ((slash = strchr(v, '/')) == NULL ||
			    parse_long(slash + 1, 1, 100000, &a->up) != 0) {
				return verb_usage_error(verb, "--speed: must be DOWN/UP in "
				    "Mbit/s (\"300/100\"), not '%s'", v);
			} else {
				char *d = xstrndup(v, (size_t)(slash - v));

				rc = parse_long(d, 1, 100000, &a->down);
				free(d);
				if (rc != 0)
					return verb_usage_error(verb, "--speed: must be DOWN/UP "
					    "in Mbit/s (\"300/100\"), not '%s'", v);
			}
		} else
			return verb_usage_error(verb, "unknown option %s", o);
	}
	if ((a->desc != NULL && str_has_control(a->desc)) ||
	    (a->new_sn != NULL && str_has_control(a->new_sn)))
		return verb_usage_error(verb, "control characters are not allowed");
	return EXIT_OK;
}

/* The request of `ont SUB` (kind k) from the arguments. */
static void
ont_req(const struct ont_args *a, enum op_kind k, struct op_req *rq)
{
	op_req_init(rq, k);
	/* A serial names the ONT by itself (the database says where it is). */
	if (a->sn != NULL)
		strlcpy_(rq->sn, a->sn, sizeof rq->sn);
	else {
		if (a->olt != NULL)
			strlcpy_(rq->olt, a->olt, sizeof rq->olt);
		if (a->port != NULL)
			strlcpy_(rq->port, a->port, sizeof rq->port);
		rq->ont_id = (int)a->ont_id;
	}
	if (a->to_port != NULL)
		strlcpy_(rq->new_port, a->to_port, sizeof rq->new_port);
	rq->new_ont_id = (int)a->to_ont_id;
	if (a->new_sn != NULL)
		strlcpy_(rq->new_sn, a->new_sn, sizeof rq->new_sn);
	if (a->desc != NULL)
		strlcpy_(rq->desc, a->desc, sizeof rq->desc);
	rq->vlan = (int)a->vlan;
	rq->down_mbps = (int)a->down;
	rq->up_mbps = (int)a->up;
}

/* A number or null. */
static void
add_num(cJSON *o, const char *k, double v, bool valid)
{
	if (valid)
		cJSON_AddNumberToObject(o, k, v);
	else
		cJSON_AddNullToObject(o, k);
}

/* One stored ONT as a JSON row. */
static void
print_ont(cJSON *arr, const char *olt, const struct ont *o)
{
	char when[32] = "";
	cJSON *j = cJSON_CreateObject();

	if (o->last_seen > 0)
		iso8601(o->last_seen, when);
	cJSON_AddStringToObject(j, "olt", olt);
	cJSON_AddStringToObject(j, "port", o->port);
	cJSON_AddNumberToObject(j, "ont_id", o->ont_id);
	cJSON_AddStringToObject(j, "sn", o->sn);
	cJSON_AddStringToObject(j, "admin", ont_admin_name(o->admin));
	cJSON_AddStringToObject(j, "status", ont_status_name(o->status));
	add_num(j, "rx_dbm", o->rx_dbm, !isnan(o->rx_dbm));
	add_num(j, "olt_rx_dbm", o->olt_rx_dbm, !isnan(o->olt_rx_dbm));
	add_num(j, "distance_m", o->distance_m, o->distance_m >= 0);
	if (when[0] != '\0')
		cJSON_AddStringToObject(j, "read_at", when);
	else
		cJSON_AddNullToObject(j, "read_at");
	if (o->contract[0] != '\0')
		cJSON_AddStringToObject(j, "contract", o->contract);
	else
		cJSON_AddNullToObject(j, "contract");
	cJSON_AddItemToArray(arr, j);
}

/* ont list [--olt O] [--port P] [--live] */
static int
ont_list(struct engine *e, const struct ont_args *a)
{
	struct store *st = engine_store(e, NULL);
	struct olt *olts = NULL;
	cJSON *arr = a->c.json ? cJSON_CreateArray() : NULL;
	char *cause = NULL;
	size_t no = 0, i, k, j;
	int status = EXIT_OK;

	if (a->live && a->olt == NULL)
		return verb_usage_error("ont list", "--live needs --olt NAME");
	if (store_olt_list(st, &olts, &no, &cause) != 0)
		return vi_fail("ont list", cause);
	if (arr == NULL)
		printf("%-10s %-8s %3s %-12s %-8s %-10s %7s %7s %6s %-20s %s\n", "OLT", "PORT",
		    "ID", "SN", "ADMIN", "STATUS", "RX", "OLT RX", "DIST", "READ AT", "CONTRACT");
	for (i = 0; i < no; i++) {
		struct pon_port *ports = NULL;
		size_t np = 0;

		if (a->olt != NULL && strcmp(a->olt, olts[i].name) != 0)
			continue;
		if (a->live) {
			struct err err = { 0 };

			/* The port named, or every port the database knows. */
			if (ops_port_read(e, olts[i].name, a->port, &err) != 0) {
				fprintf(stderr, "oltui ont list: %s\n", err_text(&err));
				status = vw_exit_of(err.kind);
				err_clear(&err);
			}
		}
		if (store_ports_list(st, olts[i].id, &ports, &np, &cause) != 0) {
			free(olts);
			cJSON_Delete(arr);
			return vi_fail("ont list", cause);
		}
		for (k = 0; k < np; k++) {
			struct ont *v = NULL;
			size_t n = 0;

			if (a->port != NULL && strcmp(a->port, ports[k].port) != 0)
				continue;
			if (store_onts_on_port(st, olts[i].id, ports[k].port, &v, &n, &cause) != 0) {
				fprintf(stderr, "oltui ont list: %s\n", cause);
				free(cause);
				cause = NULL;
				continue;
			}
			for (j = 0; j < n; j++) {
				if (arr == NULL) {
					char rx[16] = "-", orx[16] = "-", dist[16] = "-", when[32] = "";

					if (!isnan(v[j].rx_dbm))
						snprintf(rx, sizeof rx, "%.2f", v[j].rx_dbm);
					if (!isnan(v[j].olt_rx_dbm))
						snprintf(orx, sizeof orx, "%.2f", v[j].olt_rx_dbm);
					if (v[j].distance_m >= 0)
						snprintf(dist, sizeof dist, "%d", v[j].distance_m);
					if (v[j].last_seen > 0)
						iso8601(v[j].last_seen, when);
					printf("%-10s %-8s %3d %-12s %-8s %-10s %7s %7s %6s %-20s %s\n",
					    olts[i].name, v[j].port, v[j].ont_id, v[j].sn,
					    ont_admin_name(v[j].admin), ont_status_name(v[j].status),
					    rx, orx, dist, when, v[j].contract);
				} else
					print_ont(arr, olts[i].name, &v[j]);
			}
			free(v);
		}
		free(ports);
	}
	free(olts);
	if (arr != NULL)
		vi_print_json(arr);
	return status;
}

/* ont show SN | --olt O --port P --ont-id N: read live, store, print. */
static int
ont_show(struct engine *e, const struct ont_args *a)
{
	struct op_ont_live l;
	struct op_target t;
	struct op_req rq;
	struct err err = { 0 };
	const struct pr_ont_detail *det = &l.detail;
	const struct ont_reading *rd = &l.rd;
	char when[32];

	ont_req(a, OP_REBOOT, &rq);	/* any kind naming one ONT */
	if (ops_ont_read(e, &rq, &t, &l, &err) != 0)
		return vw_fail_err("ont show", &err);
	iso8601(rd->read_at, when);
	if (a->c.json) {
		cJSON *j = cJSON_CreateObject();

		cJSON_AddStringToObject(j, "olt", t.olt);
		cJSON_AddStringToObject(j, "port", t.port);
		cJSON_AddNumberToObject(j, "ont_id", t.ont_id);
		cJSON_AddStringToObject(j, "sn", rd->sn);
		cJSON_AddStringToObject(j, "admin", ont_admin_name(rd->admin));
		cJSON_AddStringToObject(j, "status", ont_status_name(rd->status));
		add_num(j, "rx_dbm", rd->rx_dbm, !isnan(rd->rx_dbm));
		add_num(j, "olt_rx_dbm", rd->olt_rx_dbm, !isnan(rd->olt_rx_dbm));
		add_num(j, "distance_m", rd->distance_m, rd->distance_m >= 0);
		cJSON_AddStringToObject(j, "read_at", when);
		if (l.contract[0] != '\0')
			cJSON_AddStringToObject(j, "contract", l.contract);
		else
			cJSON_AddNullToObject(j, "contract");
		if (det->model != NULL)
			cJSON_AddStringToObject(j, "model", det->model);
		if (det->description != NULL)
			cJSON_AddStringToObject(j, "description", det->description);
		if (det->name != NULL)
			cJSON_AddStringToObject(j, "name", det->name);
		if (det->line_profile != NULL)
			cJSON_AddStringToObject(j, "line_profile", det->line_profile);
		if (det->service_profile != NULL)
			cJSON_AddStringToObject(j, "service_profile", det->service_profile);
		if (det->software != NULL)
			cJSON_AddStringToObject(j, "software", det->software);
		vi_print_json(j);
	} else {
		printf("olt          %s\nport         %s\nont_id       %d\nsn           %s\n"
		    "admin        %s\nstatus       %s\n", t.olt, t.port, t.ont_id, rd->sn,
		    ont_admin_name(rd->admin), ont_status_name(rd->status));
		if (!isnan(rd->rx_dbm))
			printf("rx_dbm       %.2f\n", rd->rx_dbm);
		if (!isnan(rd->olt_rx_dbm))
			printf("olt_rx_dbm   %.2f\n", rd->olt_rx_dbm);
		if (rd->distance_m >= 0)
			printf("distance_m   %d\n", rd->distance_m);
		if (det->description != NULL)
			printf("description  %s\n", det->description);
		if (det->line_profile != NULL)
			printf("line_profile %s\n", det->line_profile);
		if (det->service_profile != NULL)
			printf("srv_profile  %s\n", det->service_profile);
		printf("contract     %s\nread_at      %s\n", l.contract[0] != '\0' ?
		    l.contract : "-", when);
	}
	op_ont_live_free(&l);
	return EXIT_OK;
}

/* The write kind of `ont SUB`. */
static enum op_kind
write_kind(const struct ont_args *a)
{
	enum op_kind k = OP_REBOOT;

	if (strcmp(a->sub, "set") == 0)
		return a->vlan > 0 ? OP_VLAN : a->desc != NULL ? OP_DESC : OP_SPEED;
	op_kind_parse(a->sub, &k);
	return k;
}

/* The writes. */
static int
ont_write(struct engine *e, const struct ont_args *a)
{
	struct write_opts wo = vw_write_opts(&a->c);
	struct write_report rep;
	struct op_target t;
	struct op_req rq;
	struct err err = { 0 };
	char verb[32], nsn[SN_LEN + 1];
	const char *s = a->sub;
	int rc;

	snprintf(verb, sizeof verb, "ont %s", s);
	if (strcmp(s, "move") == 0 && a->to_port == NULL && a->to_ont_id < 0)
		return verb_usage_error(verb, "--to-port P and/or --to-ont-id N");
	if (strcmp(s, "replace") == 0 && (a->new_sn == NULL || sn_normalize(a->new_sn, nsn) != 0))
		return verb_usage_error(verb, "--new-sn SN: the new ONT's GPON serial");
	if (strcmp(s, "set") == 0 && (a->vlan > 0) + (a->down > 0) + (a->desc != NULL) != 1)
		return verb_usage_error(verb, "one of --vlan N, --speed D/U, --desc TEXT");
	ont_req(a, write_kind(a), &rq);
	/* Name the ONT in the question before asking. */
	if (ops_resolve(e, &rq, &t, &err) != 0)
		return vw_fail_err(verb, &err);
	snprintf(t.what, sizeof t.what, "%s ONT %s (%s %s %d)", s, t.sn[0] != '\0' ? t.sn :
	    "?", t.olt, t.port, t.ont_id);
	if (strcmp(s, "enable") != 0 && strcmp(s, "set") != 0 && !vw_confirm(verb, &a->c, t.what))
		return EXIT_USAGE;
	ops_write(e, &rq, &wo, &rep, &t);
	rc = vw_report(verb, &rep, a->c.json, t.what);
	writes_report_free(&rep);
	return rc;
}

int
vw_ont_request(int argc, char **argv, const struct globals *g, struct op_req *rq)
{
	struct ont_args a;
	int rc;

	if ((rc = parse(argc, argv, &a, g)) != EXIT_OK)
		return rc;
	if (strcmp(a.sub, "list") == 0 || strcmp(a.sub, "show") == 0)
		return verb_usage_error("ont", "%s is not a write", a.sub);
	ont_req(&a, write_kind(&a), rq);
	return EXIT_OK;
}

int
vw_verb_ont(int argc, char **argv, const struct globals *g)
{
	static const char *const subs[] = { "list", "show", "enable", "disable", "reboot",
	    "delete", "move", "replace", "set", NULL };
	struct ont_args a;
	struct engine *e;
	int rc, i;

	if ((rc = parse(argc, argv, &a, g)) != EXIT_OK)
		return rc;
	for (i = 0; subs[i] != NULL && strcmp(subs[i], a.sub) != 0; i++)
		;
	if (subs[i] == NULL)
		return verb_usage_error("ont", "unknown sub-command '%s' (list, show, enable, "
		    "disable, reboot, delete, move, replace, set)", a.sub);
	if ((rc = vw_open(g, &a.c, "ont", false, &e)) != EXIT_OK)
		return rc;
	if (i == 0)
		rc = ont_list(e, &a);
	else if (i == 1)
		rc = ont_show(e, &a);
	else
		rc = ont_write(e, &a);
	engine_close(e);
	return rc;
}
