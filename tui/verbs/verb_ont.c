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

/* Resolves the target ONT into t and loads its OLT into w. */
static int
resolve(struct store *st, struct device *d, const struct ont_args *a,
    const char *verb, struct write_target *t, struct write_ctx *w)
{
	struct ont o;
	struct olt ol;
	char *cause = NULL;
	int rc;

	memset(t, 0, sizeof *t);
	if (a->sn != NULL) {
		char sn[SN_LEN + 1];

		if (sn_normalize(a->sn, sn) != 0)
			return verb_usage_error(verb, "'%s' is not a GPON serial", a->sn);
		if ((rc = store_ont_by_sn(st, sn, &o, &cause)) != 1) {
			if (rc == 0)
				return vi_fail(verb, xasprintf("ONT %s is not in the database; "
				    "name it with --olt O --port P --ont-id N", sn));
			return vi_fail(verb, cause);
		}
		if (store_olt_by_id(st, o.olt_id, &ol, &cause) != 1)
			return vi_fail(verb, cause != NULL ? cause : xstrdup("its OLT is gone"));
		strlcpy_(t->olt, ol.name, sizeof t->olt);
		strlcpy_(t->port, o.port, sizeof t->port);
		t->ont_id = o.ont_id;
		strlcpy_(t->sn, o.sn, sizeof t->sn);
	} else {
		if (a->olt == NULL || a->port == NULL || a->ont_id < 0)
			return verb_usage_error(verb, "name the ONT: SN, or --olt O --port P "
			    "--ont-id N");
		strlcpy_(t->olt, a->olt, sizeof t->olt);
		strlcpy_(t->port, a->port, sizeof t->port);
		t->ont_id = (int)a->ont_id;
	}
	if ((rc = vw_ctx(st, d, t->olt, verb, &a->c, w)) != EXIT_OK)
		return rc;
	if (t->sn[0] == '\0') {
		struct ont *v = NULL;
		size_t n = 0, i;

		if (store_onts_on_port(st, w->olt_id, t->port, &v, &n, &cause) == 0) {
			for (i = 0; i < n; i++) {
				if (v[i].ont_id == t->ont_id)
					strlcpy_(t->sn, v[i].sn, sizeof t->sn);
			}
		}
		free(cause);
		free(v);
	}
	return EXIT_OK;
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

/* Reads the ONTs of port live and stores them. */
static int
read_port(const struct write_ctx *w, const char *port, char **cause, int *status)
{
	struct pr_ont_list l = { 0 };
	struct pr_optical_list ol = { 0 };
	struct err e = { 0 };
	struct ont_reading *rows;
	struct cli *c;
	size_t i, k, n = 0;
	int rc;

	if (session_pool_acquire(w->pool, w->olt, 30000, &c, cause) != SESSION_POOL_OK) {
		*status = (int)writes_connect_status(*cause);
		return -1;
	}
	if (w->ad->ont_list(c, port, &l, &e) != 0) {
		*status = e.kind == ERR_CLOSED || e.kind == ERR_TIMEOUT ? 3 : 1;
		set_cause(cause, "%s", e.message != NULL ? e.message : "cannot list the ONTs");
		err_clear(&e);
		session_pool_release(w->pool, c, false);
		pr_ont_list_free(&l);
		return -1;
	}
	if (w->ad->optical_list(c, port, &ol, &e) != 0)
		err_clear(&e);	/* levels are optional */
	session_pool_release(w->pool, c, false);
	rows = xcalloc(l.n + 1, sizeof *rows);
	for (i = 0; i < l.n; i++) {
		struct ont_reading *r = &rows[n];
		char sn[SN_LEN + 1];

		if (l.v[i].sn == NULL || sn_normalize(l.v[i].sn, sn) != 0)
			continue;
		strlcpy_(r->port, l.v[i].port != NULL ? l.v[i].port : port, sizeof r->port);
		r->ont_id = (int)l.v[i].ont_id;
		strlcpy_(r->sn, sn, sizeof r->sn);
		r->admin = l.v[i].admin == ADMIN_ENABLED ? ADMIN_ENABLED :
		    l.v[i].admin == ADMIN_DISABLED ? ADMIN_DISABLED : ADMIN_UNKNOWN;
		r->status = l.v[i].status == ONT_ONLINE ? ONT_ONLINE :
		    l.v[i].status == ONT_LOS ? ONT_LOS :
		    l.v[i].status == ONT_DYING_GASP ? ONT_DYING_GASP :
		    l.v[i].status == ONT_UNKNOWN ? ONT_UNKNOWN : ONT_OFFLINE;
		r->rx_dbm = l.v[i].rx_dbm;
		r->olt_rx_dbm = NAN;
		r->distance_m = l.v[i].distance_m >= 0 ? (int)l.v[i].distance_m : -1;
		for (k = 0; k < ol.n; k++) {
			if (ol.v[k].ont_id == l.v[i].ont_id) {
				r->rx_dbm = ol.v[k].rx_dbm;
				r->olt_rx_dbm = ol.v[k].olt_rx_dbm;
				if (ol.v[k].distance_m >= 0)
					r->distance_m = (int)ol.v[k].distance_m;
			}
		}
		r->read_at = now_s();
		n++;
	}
	rc = store_onts_upsert(w->st, w->olt_id, rows, n, cause);
	free(rows);
	pr_ont_list_free(&l);
	pr_optical_list_free(&ol);
	if (rc != 0)
		*status = 1;
	return rc;
}

/* ont list [--olt O] [--port P] [--live] */
static int
ont_list(struct store *st, struct device *d, const struct ont_args *a)
{
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
			struct write_ctx w;
			int rc, st2 = 1;

			if ((rc = vw_ctx(st, d, olts[i].name, "ont list", &a->c, &w)) != EXIT_OK) {
				status = rc;
				break;
			}
			if (a->port != NULL) {
				if (read_port(&w, a->port, &cause, &st2) != 0) {
					fprintf(stderr, "oltui ont list: %s\n", cause);
					free(cause);
					cause = NULL;
					status = st2;
				}
			} else if (store_ports_list(st, olts[i].id, &ports, &np, &cause) == 0) {
				/* Every port the database knows on this OLT. */
				for (k = 0; k < np; k++) {
					if (read_port(&w, ports[k].port, &cause, &st2) != 0) {
						fprintf(stderr, "oltui ont list: %s: %s\n",
						    ports[k].port, cause);
						free(cause);
						cause = NULL;
						status = st2;
						if (st2 == EXIT_UNREACHABLE)
							break;
					}
				}
				free(ports);
				ports = NULL;
				np = 0;
			} else {
				free(cause);
				cause = NULL;
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
ont_show(struct store *st, struct device *d, const struct ont_args *a)
{
	struct write_target t;
	struct write_ctx w;
	struct pr_ont_detail det;
	struct pr_optical op;
	struct err e = { 0 };
	struct ont_reading rd = { 0 };
	struct ont o;
	struct cli *c;
	char *cause = NULL, sn[SN_LEN + 1], when[32];
	int rc, optical;

	if ((rc = resolve(st, d, a, "ont show", &t, &w)) != EXIT_OK)
		return rc;
	if (session_pool_acquire(w.pool, w.olt, 30000, &c, &cause) != SESSION_POOL_OK) {
		rc = (int)writes_connect_status(cause);
		fprintf(stderr, "oltui ont show: %s\n", cause);
		free(cause);
		return rc;
	}
	memset(&det, 0, sizeof det);
	memset(&op, 0, sizeof op);
	if (w.ad->ont_detail(c, t.port, t.ont_id, &det, &e) != 0) {
		rc = e.kind == ERR_CLOSED || e.kind == ERR_TIMEOUT ? 3 : 1;
		fprintf(stderr, "oltui ont show: %s\n", e.message);
		err_clear(&e);
		pr_ont_detail_free(&det);
		session_pool_release(w.pool, c, false);
		return rc;
	}
	optical = w.ad->optical(c, t.port, t.ont_id, &op, &e);
	err_clear(&e);
	session_pool_release(w.pool, c, false);
	if (det.sn == NULL || sn_normalize(det.sn, sn) != 0)
		strlcpy_(sn, t.sn, sizeof sn);
	strlcpy_(rd.port, t.port, sizeof rd.port);
	rd.ont_id = t.ont_id;
	strlcpy_(rd.sn, sn, sizeof rd.sn);
	rd.admin = det.admin == ADMIN_ENABLED ? ADMIN_ENABLED :
	    det.admin == ADMIN_DISABLED ? ADMIN_DISABLED : ADMIN_UNKNOWN;
	rd.status = det.status == ONT_ONLINE ? ONT_ONLINE : det.status == ONT_LOS ?
	    ONT_LOS : det.status == ONT_DYING_GASP ? ONT_DYING_GASP :
	    det.status == ONT_UNKNOWN ? ONT_UNKNOWN : ONT_OFFLINE;
	rd.rx_dbm = optical == 0 ? op.rx_dbm : NAN;
	rd.olt_rx_dbm = optical == 0 ? op.olt_rx_dbm : NAN;
	rd.distance_m = det.distance_m >= 0 ? (int)det.distance_m : -1;
	rd.read_at = now_s();
	if (sn[0] != '\0' && store_onts_upsert(st, w.olt_id, &rd, 1, &cause) != 0) {
		fprintf(stderr, "oltui ont show: not stored: %s\n", cause);
		free(cause);
		cause = NULL;
	}
	memset(&o, 0, sizeof o);
	if (sn[0] != '\0' && store_ont_by_sn(st, sn, &o, &cause) != 1) {
		free(cause);
		memset(&o, 0, sizeof o);
	}
	iso8601(rd.read_at, when);
	if (a->c.json) {
		cJSON *j = cJSON_CreateObject();

		cJSON_AddStringToObject(j, "olt", w.olt);
		cJSON_AddStringToObject(j, "port", t.port);
		cJSON_AddNumberToObject(j, "ont_id", t.ont_id);
		cJSON_AddStringToObject(j, "sn", sn);
		cJSON_AddStringToObject(j, "admin", ont_admin_name(rd.admin));
		cJSON_AddStringToObject(j, "status", ont_status_name(rd.status));
		add_num(j, "rx_dbm", rd.rx_dbm, !isnan(rd.rx_dbm));
		add_num(j, "olt_rx_dbm", rd.olt_rx_dbm, !isnan(rd.olt_rx_dbm));
		add_num(j, "distance_m", rd.distance_m, rd.distance_m >= 0);
		cJSON_AddStringToObject(j, "read_at", when);
		if (o.contract[0] != '\0')
			cJSON_AddStringToObject(j, "contract", o.contract);
		else
			cJSON_AddNullToObject(j, "contract");
		if (det.model != NULL)
			cJSON_AddStringToObject(j, "model", det.model);
		if (det.description != NULL)
			cJSON_AddStringToObject(j, "description", det.description);
		if (det.name != NULL)
			cJSON_AddStringToObject(j, "name", det.name);
		if (det.line_profile != NULL)
			cJSON_AddStringToObject(j, "line_profile", det.line_profile);
		if (det.service_profile != NULL)
			cJSON_AddStringToObject(j, "service_profile", det.service_profile);
		if (det.software != NULL)
			cJSON_AddStringToObject(j, "software", det.software);
		vi_print_json(j);
	} else {
		printf("olt          %s\nport         %s\nont_id       %d\nsn           %s\n"
		    "admin        %s\nstatus       %s\n", w.olt, t.port, t.ont_id, sn,
		    ont_admin_name(rd.admin), ont_status_name(rd.status));
		if (!isnan(rd.rx_dbm))
			printf("rx_dbm       %.2f\n", rd.rx_dbm);
		if (!isnan(rd.olt_rx_dbm))
			printf("olt_rx_dbm   %.2f\n", rd.olt_rx_dbm);
		if (rd.distance_m >= 0)
			printf("distance_m   %d\n", rd.distance_m);
		if (det.description != NULL)
			printf("description  %s\n", det.description);
		if (det.line_profile != NULL)
			printf("line_profile %s\n", det.line_profile);
		if (det.service_profile != NULL)
			printf("srv_profile  %s\n", det.service_profile);
		printf("contract     %s\nread_at      %s\n", o.contract[0] != '\0' ?
		    o.contract : "-", when);
	}
	pr_ont_detail_free(&det);
	pr_optical_free(&op);
	return EXIT_OK;
}

/* The writes. */
static int
ont_write(struct store *st, struct device *d, const struct ont_args *a)
{
	struct write_target t;
	struct write_ctx w;
	struct write_report rep;
	char verb[32], what[160], nsn[SN_LEN + 1];
	const char *s = a->sub;
	int rc;

	snprintf(verb, sizeof verb, "ont %s", s);
	if (strcmp(s, "move") == 0 && a->to_port == NULL && a->to_ont_id < 0)
		return verb_usage_error(verb, "--to-port P and/or --to-ont-id N");
	if (strcmp(s, "replace") == 0 && (a->new_sn == NULL || sn_normalize(a->new_sn, nsn) != 0))
		return verb_usage_error(verb, "--new-sn SN: the new ONT's GPON serial");
	if (strcmp(s, "set") == 0 && (a->vlan > 0) + (a->down > 0) + (a->desc != NULL) != 1)
		return verb_usage_error(verb, "one of --vlan N, --speed D/U, --desc TEXT");
	if ((rc = resolve(st, d, a, verb, &t, &w)) != EXIT_OK)
		return rc;
	snprintf(what, sizeof what, "%s ONT %s (%s %s %d)", s, t.sn[0] != '\0' ? t.sn : "?",
	    t.olt, t.port, t.ont_id);
	if (strcmp(s, "enable") != 0 && strcmp(s, "set") != 0 && !vw_confirm(verb, &a->c, what))
		return EXIT_USAGE;
	if (strcmp(s, "enable") == 0 || strcmp(s, "disable") == 0)
		writes_enable(&w, &t, s[0] == 'e', &rep);
	else if (strcmp(s, "reboot") == 0)
		writes_reboot(&w, &t, &rep);
	else if (strcmp(s, "delete") == 0)
		writes_delete(&w, &t, &rep);
	else if (strcmp(s, "replace") == 0)
		writes_replace(&w, &t, nsn, &rep);
	else if (strcmp(s, "move") == 0) {
		const char *np = a->to_port != NULL ? a->to_port : t.port;
		int id = (int)a->to_ont_id;
		enum write_status ws;
		char *cause = NULL;

		if (id < 0 && writes_free_ont_id(&w, np, &id, &ws, &cause) != 0) {
			fprintf(stderr, "oltui %s: %s\n", verb, cause);
			free(cause);
			return (int)ws;
		}
		snprintf(what, sizeof what, "move ONT %s (%s %s %d) to %s %d",
		    t.sn[0] != '\0' ? t.sn : "?", t.olt, t.port, t.ont_id, np, id);
		writes_move(&w, &t, np, id, &rep);
	} else
		writes_set(&w, &t, (int)a->down, (int)a->up, (int)a->vlan, a->desc, &rep);
	rc = vw_report(verb, &rep, a->c.json, what);
	writes_report_free(&rep);
	return rc;
}

int
vw_verb_ont(int argc, char **argv, const struct globals *g)
{
	static const char *const subs[] = { "list", "show", "enable", "disable", "reboot",
	    "delete", "move", "replace", "set", NULL };
	struct ont_args a;
	struct store *st;
	struct vault *v;
	struct device *d;
	int rc, i;

	if ((rc = parse(argc, argv, &a, g)) != EXIT_OK)
		return rc;
	for (i = 0; subs[i] != NULL && strcmp(subs[i], a.sub) != 0; i++)
		;
	if (subs[i] == NULL)
		return verb_usage_error("ont", "unknown sub-command '%s' (list, show, enable, "
		    "disable, reboot, delete, move, replace, set)", a.sub);
	if ((rc = vw_open(g, &a.c, "ont", &st, &v, &d)) != EXIT_OK)
		return rc;
	if (i == 0)
		rc = ont_list(st, d, &a);
	else if (i == 1)
		rc = ont_show(st, d, &a);
	else
		rc = ont_write(st, d, &a);
	vw_close(st, v, d);
	return rc;
}
