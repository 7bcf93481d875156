/*
 * verb_ont.c — `oltui ont …`: list and show ONTs (from the database, or
 * read live from the OLT), and the ONT writes — enable, disable, reboot,
 * delete, move, replace, set (speed / VLAN / description) — each through
 * the write pipeline (core/ops.h).  Destructive actions ask on the
 * terminal or need --yes.
 *
 * An ONT is named by its serial (looked up in the database: OLT, port, ONT
 * id) or by --olt O --port P --ont-id N.  Each sub-verb has its own option
 * table (vw_ont_subs[]), so `ont list --to-port` is a usage error rather
 * than silently ignored.
 *
 * Reading from the database needs no secret: `ont list` opens the engine
 * without the vault unless --live.  `ont show` reads the OLT; when it cannot
 * be reached the cached row is printed, marked cached with its age, and
 * the exit status is 3.  Main thread only.
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

/* A speed as DOWN/UP Mbit/s. */
struct speed {
	long	 down, up;
};

/* What every `ont` sub-verb reads (each uses its own part). */
struct ont_args {
	struct verb_common	 c;
	const char		*sn;
	const char		*olt;
	const char		*port;
	long			 ont_id;	/* -1 = not given */
	const char		*to_port;
	long			 to_ont_id;	/* -1 = not given */
	const char		*new_sn;
	long			 vlan;		/* 0 = not given */
	struct speed		 speed;		/* 0/0 = not given */
	const char		*desc;
	bool			 live;
};

/* The request of a write of kind k from the arguments. */
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
	rq->down_mbps = (int)a->speed.down;
	rq->up_mbps = (int)a->speed.up;
}

/* One stored ONT as a JSON row. */
static cJSON *
ont_json(const char *olt, const struct ont *o)
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
	verb_json_number(j, "rx_dbm", o->rx_dbm, !isnan(o->rx_dbm));
	verb_json_number(j, "olt_rx_dbm", o->olt_rx_dbm, !isnan(o->olt_rx_dbm));
	verb_json_number(j, "distance_m", o->distance_m, o->distance_m >= 0);
	if (when[0] != '\0')
		cJSON_AddStringToObject(j, "read_at", when);
	else
		cJSON_AddNullToObject(j, "read_at");
	if (o->contract[0] != '\0')
		cJSON_AddStringToObject(j, "contract", o->contract);
	else
		cJSON_AddNullToObject(j, "contract");
	return j;
}

/* Prints one stored ONT as a row of the `ont list` table. */
static void
ont_row(const char *olt, const struct ont *o)
{
	char rx[16] = "-", orx[16] = "-", dist[16] = "-", when[32] = "";

	if (!isnan(o->rx_dbm))
		snprintf(rx, sizeof rx, "%.2f", o->rx_dbm);
	if (!isnan(o->olt_rx_dbm))
		snprintf(orx, sizeof orx, "%.2f", o->olt_rx_dbm);
	if (o->distance_m >= 0)
		snprintf(dist, sizeof dist, "%d", o->distance_m);
	if (o->last_seen > 0)
		iso8601(o->last_seen, when);
	printf("%-10s %-8s %3d %-12s %-8s %-10s %7s %7s %6s %-20s %s\n", olt, o->port,
	    o->ont_id, o->sn, ont_admin_name(o->admin), ont_status_name(o->status), rx,
	    orx, dist, when, o->contract);
}

/* ont list [--olt O] [--port P] [--live] */
static int
ont_list(void *args)
{
	struct ont_args *a = args;
	struct engine *e;
	struct store *st;
	struct olt *olts = NULL, one;
	cJSON *arr = NULL;
	char *cause = NULL;
	struct err err = { 0 };
	size_t no = 0, i, k, j;
	int rc, status = EXIT_OK;

	if (a->live && a->olt == NULL)
		return verb_fail(&a->c, ERR_USAGE, "--live needs --olt NAME");
	/* The database alone needs no secret: the vault only to read live. */
	if ((rc = verb_engine(&a->c, a->live ? ENGINE_VAULT : 0, &e)) != EXIT_OK)
		return rc;
	st = engine_store(e, NULL);
	if (a->olt != NULL && (rc = verb_find_olt(&a->c, e, a->olt, &one)) != EXIT_OK) {
		engine_close(e);
		return rc;
	}
	if (store_olt_list(st, &olts, &no, &cause) != 0) {
		engine_close(e);
		return verb_fail_cause(&a->c, ERR_INTERNAL, cause);
	}
	if (a->c.json)
		arr = cJSON_CreateArray();
	else
		printf("%-10s %-8s %3s %-12s %-8s %-10s %7s %7s %6s %-20s %s\n", "OLT", "PORT",
		    "ID", "SN", "ADMIN", "STATUS", "RX", "OLT RX", "DIST", "READ AT", "CONTRACT");
	for (i = 0; i < no; i++) {
		struct pon_port *ports = NULL;
		size_t np = 0;

		if (a->olt != NULL && strcmp(a->olt, olts[i].name) != 0)
			continue;
		if (a->live && ops_port_read(e, olts[i].name, a->port, &err) != 0) {
			/* The port named, or every port the database knows; what
			   was read before is listed below. */
			fprintf(stderr, "oltui %s: %s\n", a->c.name, err_text(&err));
			if (verb_exit_of(err.kind) > status)
				status = verb_exit_of(err.kind);
			err_clear(&err);
		}
		if (store_ports_list(st, olts[i].id, &ports, &np, &cause) != 0) {
			free(olts);
			cJSON_Delete(arr);
			engine_close(e);
			return verb_fail_cause(&a->c, ERR_INTERNAL, cause);
		}
		for (k = 0; k < np; k++) {
			struct ont *v = NULL;
			size_t n = 0;

			if (a->port != NULL && strcmp(a->port, ports[k].port) != 0)
				continue;
			if (store_onts_on_port(st, olts[i].id, ports[k].port, &v, &n, &cause) != 0) {
				fprintf(stderr, "oltui %s: %s\n", a->c.name, cause);
				free(cause);
				cause = NULL;
				continue;
			}
			for (j = 0; j < n; j++) {
				if (arr == NULL)
					ont_row(olts[i].name, &v[j]);
				else
					cJSON_AddItemToArray(arr, ont_json(olts[i].name, &v[j]));
			}
			free(v);
		}
		free(ports);
	}
	free(olts);
	if (arr != NULL)
		verb_print_json(arr);
	engine_close(e);
	return status;
}

/* Prints the cached row of the ONT t names, marked cached with its age,
   after a live read failed with *err; returns the read's exit status. */
static int
ont_show_cached(struct engine *e, const struct ont_args *a, const struct op_target *t,
    struct err *err)
{
	struct store *st = engine_store(e, NULL);
	struct ont o;
	int64_t age;
	int rc = verb_exit_of(err->kind);

	if (t->sn[0] == '\0' || store_ont_by_sn(st, t->sn, &o, NULL) != 1)
		return verb_fail_err(&a->c, err);
	age = o.last_seen > 0 ? now_s() - o.last_seen : -1;
	fprintf(stderr, "oltui %s: %s; showing what was read %s%lld s ago\n", a->c.name,
	    err_text(err), age < 0 ? "(never) " : "", (long long)(age < 0 ? 0 : age));
	if (a->c.json) {
		cJSON *j = ont_json(t->olt, &o);

		cJSON_AddBoolToObject(j, "cached", true);
		verb_json_number(j, "age_s", (double)age, age >= 0);
		verb_json_error(j, err->kind, err_text(err));
		verb_print_json(j);
	} else {
		char when[32] = "never";

		if (o.last_seen > 0)
			iso8601(o.last_seen, when);
		printf("CACHED (the OLT did not answer): read %s, %lld s ago\n", when,
		    (long long)(age < 0 ? 0 : age));
		printf("olt          %s\nport         %s\nont_id       %d\nsn           %s\n"
		    "admin        %s\nstatus       %s\n", t->olt, o.port, o.ont_id, o.sn,
		    ont_admin_name(o.admin), ont_status_name(o.status));
		if (!isnan(o.rx_dbm))
			printf("rx_dbm       %.2f\n", o.rx_dbm);
		if (!isnan(o.olt_rx_dbm))
			printf("olt_rx_dbm   %.2f\n", o.olt_rx_dbm);
		if (o.distance_m >= 0)
			printf("distance_m   %d\n", o.distance_m);
		printf("contract     %s\nread_at      %s (cached)\n", o.contract[0] != '\0' ?
		    o.contract : "-", when);
	}
	err_clear(err);
	return rc;
}

/* ont show SN | --olt O --port P --ont-id N: read live, store, print. */
static int
ont_show(void *args)
{
	struct ont_args *a = args;
	struct engine *e;
	struct op_ont_live l;
	struct op_target t;
	struct op_req rq;
	struct err err = { 0 };
	const struct pr_ont_detail *det = &l.detail;
	const struct ont_reading *rd = &l.rd;
	char when[32];
	int rc;

	if ((rc = verb_engine(&a->c, ENGINE_VAULT, &e)) != EXIT_OK)
		return rc;
	ont_req(a, OP_REBOOT, &rq);	/* any kind naming one ONT */
	if (ops_ont_read(e, &rq, &t, &l, &err) != 0) {
		rc = err_is_link(err.kind) ? ont_show_cached(e, a, &t, &err) :
		    verb_fail_err(&a->c, &err);
		engine_close(e);
		return rc;
	}
	iso8601(rd->read_at, when);
	if (a->c.json) {
		cJSON *j = cJSON_CreateObject();

		cJSON_AddStringToObject(j, "olt", t.olt);
		cJSON_AddStringToObject(j, "port", t.port);
		cJSON_AddNumberToObject(j, "ont_id", t.ont_id);
		cJSON_AddStringToObject(j, "sn", rd->sn);
		cJSON_AddStringToObject(j, "admin", ont_admin_name(rd->admin));
		cJSON_AddStringToObject(j, "status", ont_status_name(rd->status));
		verb_json_number(j, "rx_dbm", rd->rx_dbm, !isnan(rd->rx_dbm));
		verb_json_number(j, "olt_rx_dbm", rd->olt_rx_dbm, !isnan(rd->olt_rx_dbm));
		verb_json_number(j, "distance_m", rd->distance_m, rd->distance_m >= 0);
		cJSON_AddStringToObject(j, "read_at", when);
		if (l.contract[0] != '\0')
			cJSON_AddStringToObject(j, "contract", l.contract);
		else
			cJSON_AddNullToObject(j, "contract");
		cJSON_AddBoolToObject(j, "cached", false);
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
		verb_print_json(j);
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
		if (det->model != NULL)
			printf("model        %s\n", det->model);
		if (det->name != NULL)
			printf("name         %s\n", det->name);
		if (det->description != NULL)
			printf("description  %s\n", det->description);
		if (det->line_profile != NULL)
			printf("line_profile %s\n", det->line_profile);
		if (det->service_profile != NULL)
			printf("srv_profile  %s\n", det->service_profile);
		if (det->software != NULL)
			printf("software     %s\n", det->software);
		printf("contract     %s\nread_at      %s\n", l.contract[0] != '\0' ?
		    l.contract : "-", when);
	}
	op_ont_live_free(&l);
	engine_close(e);
	return EXIT_OK;
}

/* The write kind of `ont set`: the one change it was given. */
static int
set_kind(const struct ont_args *a, enum op_kind *k)
{
	if ((a->vlan > 0) + (a->speed.down > 0) + (a->desc != NULL) != 1)
		return verb_fail(&a->c, ERR_USAGE, "give one of --vlan N, --speed D/U, "
		    "--desc TEXT");
	*k = a->vlan > 0 ? OP_VLAN : a->desc != NULL ? OP_DESC : OP_SPEED;
	return EXIT_OK;
}

/* Checks what a write of kind k needs beyond the parser's checks.
   EXIT_OK, or EXIT_USAGE after printing why. */
static int
write_check(const struct ont_args *a, enum op_kind k)
{
	char nsn[SN_LEN + 1];

	if (k == OP_MOVE && a->to_port == NULL && a->to_ont_id < 0)
		return verb_fail(&a->c, ERR_USAGE, "give --to-port P and/or --to-ont-id N");
	if (k == OP_REPLACE && sn_normalize(a->new_sn, nsn) != 0)
		return verb_fail(&a->c, ERR_USAGE, "--new-sn: '%s' is not a GPON serial",
		    a->new_sn);
	return EXIT_OK;
}

/* A write of kind k (ask: a destructive one, confirmed unless --yes). */
static int
ont_write(struct ont_args *a, enum op_kind k, bool ask)
{
	struct write_opts wo = vw_write_opts(&a->c);
	struct write_report rep;
	struct op_target t;
	struct op_req rq;
	struct engine *e;
	struct err err = { 0 };
	const char *sub = strchr(a->c.name, ' ') + 1;
	int rc;

	if ((rc = write_check(a, k)) != EXIT_OK)
		return rc;
	if ((rc = verb_engine(&a->c, ENGINE_VAULT, &e)) != EXIT_OK)
		return rc;
	ont_req(a, k, &rq);
	/* Name the ONT in the question before asking. */
	if (ops_resolve(e, &rq, &t, &err) != 0) {
		engine_close(e);
		return verb_fail_err(&a->c, &err);
	}
	snprintf(t.what, sizeof t.what, "%s ONT %s (%s %s %d)", sub, t.sn[0] != '\0' ?
	    t.sn : "?", t.olt, t.port, t.ont_id);
	if (ask && !vw_confirm(&a->c, t.what)) {
		engine_close(e);
		return EXIT_USAGE;
	}
	ops_write(e, &rq, &wo, &rep, &t);
	rc = vw_report(&a->c, &rep, t.what);
	writes_report_free(&rep);
	engine_close(e);
	return rc;
}

/* ont enable */
static int
run_enable(void *a)
{
	return ont_write(a, OP_ENABLE, false);
}

/* ont disable */
static int
run_disable(void *a)
{
	return ont_write(a, OP_DISABLE, true);
}

/* ont reboot */
static int
run_reboot(void *a)
{
	return ont_write(a, OP_REBOOT, true);
}

/* ont delete */
static int
run_delete(void *a)
{
	return ont_write(a, OP_DELETE, true);
}

/* ont move */
static int
run_move(void *a)
{
	return ont_write(a, OP_MOVE, true);
}

/* ont replace */
static int
run_replace(void *a)
{
	return ont_write(a, OP_REPLACE, true);
}

/* ont set: the write of the one change given */
static int
run_set(void *args)
{
	struct ont_args *a = args;
	enum op_kind k = OP_SPEED;
	int rc;

	if ((rc = set_kind(a, &k)) != EXIT_OK)
		return rc;
	return ont_write(a, k, false);
}

/* Parses "DOWN/UP" in Mbit/s into a struct speed. */
static int
parse_speed(const char *v, void *dst, char **cause)
{
	struct speed *s = dst;
	const char *slash = strchr(v, '/');
	char *d;
	int rc;

	if (slash == NULL || parse_long(slash + 1, 1, 100000, &s->up) != 0) {
		set_cause(cause, "must be DOWN/UP in Mbit/s (\"300/100\"), not '%s'", v);
		return -1;
	}
	d = xstrndup(v, (size_t)(slash - v));
	rc = parse_long(d, 1, 100000, &s->down);
	free(d);
	if (rc != 0) {
		set_cause(cause, "must be DOWN/UP in Mbit/s (\"300/100\"), not '%s'", v);
		return -1;
	}
	return 0;
}

#define OA(m) offsetof(struct ont_args, m)

/* The rows naming one ONT by position (with the SN positional). */
#define VOPT_ONT_OLT \
	{ .name = "--olt", .type = VA_NAME, .meta = "NAME", .off = OA(olt), \
	  .help = "the ONT's OLT (with --port and --ont-id, instead of SN)" }
#define VOPT_ONT_PORT \
	{ .name = "--port", .type = VA_STRING, .meta = "F/S/P", .off = OA(port), \
	  .max = PORT_MAX_LEN, .help = "the ONT's PON port" }
#define VOPT_ONT_ID \
	{ .name = "--ont-id", .type = VA_INT, .meta = "N", .off = OA(ont_id), .min = 0, \
	  .max = 255, .def = -1, .help = "the ONT's id on the port" }
#define VOPT_TARGET VOPT_ONT_OLT, VOPT_ONT_PORT, VOPT_ONT_ID

static const struct verb_pos sn_pos[] = {
	{ .meta = "SN", .type = VA_STRING, .off = OA(sn), .flags = VO_OPTIONAL,
	  .help = "the ONT's serial (or --olt, --port and --ont-id)" },
	VPOS_END,
};

static const struct verb_opt list_opts[] = {
	{ .name = "--olt", .type = VA_NAME, .meta = "NAME", .off = OA(olt),
	  .help = "only this OLT's ONTs" },
	{ .name = "--port", .type = VA_STRING, .meta = "F/S/P", .off = OA(port),
	  .max = PORT_MAX_LEN, .help = "only this PON port's ONTs" },
	{ .name = "--live", .type = VA_FLAG, .off = OA(live),
	  .help = "read the port (or every port) from the OLT first (needs --olt)" },
	VOPT_JSON, VOPT_DEVICE, VOPT_END,
};
static const struct verb_opt show_opts[] = {
	VOPT_TARGET, VOPT_JSON, VOPT_DEVICE, VOPT_END,
};
static const struct verb_opt plain_write_opts[] = {
	VOPT_TARGET, VOPT_DRY_RUN, VOPT_JSON, VOPT_DEVICE, VOPT_END,
};
static const struct verb_opt asking_write_opts[] = {
	VOPT_TARGET, VOPT_YES, VOPT_DRY_RUN, VOPT_JSON, VOPT_DEVICE, VOPT_END,
};
static const struct verb_opt move_opts[] = {
	VOPT_TARGET,
	{ .name = "--to-port", .type = VA_STRING, .meta = "F/S/P", .off = OA(to_port),
	  .max = PORT_MAX_LEN, .help = "the port to move it to (default: the same)" },
	{ .name = "--to-ont-id", .type = VA_INT, .meta = "N", .off = OA(to_ont_id),
	  .min = 0, .max = 255, .def = -1,
	  .help = "the id to give it (default: the first free one)" },
	VOPT_YES, VOPT_DRY_RUN, VOPT_JSON, VOPT_DEVICE, VOPT_END,
};
static const struct verb_opt replace_opts[] = {
	VOPT_TARGET,
	{ .name = "--new-sn", .type = VA_STRING, .meta = "SN", .off = OA(new_sn),
	  .max = SN_MAX_LEN, .flags = VO_REQUIRED,
	  .help = "the serial of the ONT that takes its place" },
	VOPT_YES, VOPT_DRY_RUN, VOPT_JSON, VOPT_DEVICE, VOPT_END,
};
static const struct verb_opt set_opts[] = {
	VOPT_TARGET,
	{ .name = "--vlan", .type = VA_INT, .meta = "N", .off = OA(vlan), .min = 1,
	  .max = 4094, .help = "move its service to this VLAN" },
	{ .name = "--speed", .type = VA_CUSTOM, .meta = "DOWN/UP", .off = OA(speed),
	  .parse = parse_speed, .help = "its speeds in Mbit/s (\"300/100\")" },
	{ .name = "--desc", .type = VA_STRING, .meta = "TEXT", .off = OA(desc), .max = 64,
	  .help = "its description" },
	VOPT_DRY_RUN, VOPT_JSON, VOPT_DEVICE, VOPT_END,
};

#define ONT_SUB(n, s, o, p, r) { .name = n, .summary = s, .opts = o, .pos = p, \
	.size = sizeof(struct ont_args), .run = r }

const struct verb vw_ont_subs[] = {
	ONT_SUB("list", "list the ONTs the database has (--live reads them first)",
	    list_opts, NULL, ont_list),
	ONT_SUB("show", "read one ONT from its OLT (cached, with its age, when the OLT "
	    "does not answer)", show_opts, sn_pos, ont_show),
	ONT_SUB("enable", "give an ONT service again", plain_write_opts, sn_pos, run_enable),
	ONT_SUB("disable", "stop an ONT's service (admin down; asks)", asking_write_opts,
	    sn_pos, run_disable),
	ONT_SUB("reboot", "restart an ONT (asks)", asking_write_opts, sn_pos, run_reboot),
	ONT_SUB("delete", "remove an ONT and its service ports (asks)", asking_write_opts,
	    sn_pos, run_delete),
	ONT_SUB("move", "re-create an ONT at another port or id (asks)", move_opts, sn_pos,
	    run_move),
	ONT_SUB("replace", "keep the configuration, swap the serial (asks)", replace_opts,
	    sn_pos, run_replace),
	ONT_SUB("set", "change one of an ONT's VLAN, speeds or description", set_opts,
	    sn_pos, run_set),
	VERB_END,
};

int
vw_ont_request(int argc, char **argv, const struct globals *g, struct op_req *rq)
{
	struct ont_args a = { .c = { .g = g, .name = "ont" } };
	const struct verb *sub;
	enum op_kind k = OP_REBOOT;
	char *cause = NULL;
	int rc;

	if (argc < 2 || (sub = verb_find_sub(verb_find("ont"), argv[1])) == NULL ||
	    sub->run == ont_list || sub->run == ont_show)
		return verb_fail(&a.c, ERR_USAGE, "not an ONT write: '%s'",
		    argc < 2 ? "" : argv[1]);
	rc = verb_args_parse(sub->opts, sub->pos, argc - 2, argv + 2, &a, 0, NULL, &cause);
	if (rc != VA_OK) {
		verb_fail(&a.c, ERR_USAGE, "%s", cause != NULL ? cause : "--help");
		free(cause);
		verb_args_free(sub->opts, sub->pos, &a);
		return EXIT_USAGE;
	}
	rc = EXIT_OK;
	if (sub->run == run_set)
		rc = set_kind(&a, &k);
	else
		op_kind_parse(sub->name, &k);
	if (rc == EXIT_OK)
		ont_req(&a, k, rq);
	verb_args_free(sub->opts, sub->pos, &a);
	return rc;
}
