/*
 * acs_resolve.c — from a job's filter to its items (acs_apply.h): which
 * routers, and what each would get.
 *
 * A GenieACS query is asked page by page (skip/limit, RESOLVE_PAGE
 * routers at a time, the projection a router's view needs plus the paths
 * a --set names).  oltui's selection is the intersection of what it
 * names — the ONTs of an OLT (one port of it), of a profile
 * (ont_profiles), of a list of contracts — in the database; each serial
 * is then found on the ACS (acs_find: the GPON serial in both its forms).
 * A serial the ACS does not know becomes a skipped item saying so, so the
 * report has a line for every ONT selected.  A router found twice (two
 * contracts, two pages that moved) is listed once.
 *
 * The parameters of each router come from its own view (acs_view.h: the
 * WLAN instances it has, the vendor's passphrase path, the WAN that
 * carries PPPoE): an item's params are exactly what its task will set, a
 * secret's value a placeholder ({"secret": word}).  A change that does
 * not apply (no such radio, no PPPoE WAN, a path of the other data model)
 * skips the router with the reason.  A firmware job checks the file on
 * the ACS once (it must be there), skips the routers of another product
 * class, notes each router's version, and marks done at once those that
 * already run the file's version.
 *
 * Runs on a worker (or the verb's thread for a dry run), with the worker's
 * client.
 */
#include "core/acs_apply.h"
#include "core/engine.h"
#include "core/store.h"
#include "drivers/acs.h"
#include "drivers/acs_view.h"
#include "lib/sn.h"
#include "lib/util.h"

#include <cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define RESOLVE_PAGE	200

/* Serials, sorted and unique. */
struct sns {
	char	(*v)[SN_MAX_LEN + 1];
	size_t	 n;
};

static int
sn_cmp(const void *a, const void *b)
{
	return strcmp(a, b);
}

/* Sorts s and drops repeats. */
static void
sns_tidy(struct sns *s)
{
	size_t k = 0;

	qsort(s->v, s->n, sizeof *s->v, sn_cmp);
	for (size_t i = 0; i < s->n; i++)
		if (k == 0 || strcmp(s->v[k - 1], s->v[i]) != 0)
			memmove(s->v[k++], s->v[i], sizeof *s->v);
	s->n = k;
}

/* Keeps in a only what b holds too (both tidy). */
static void
sns_and(struct sns *a, const struct sns *b)
{
	size_t k = 0;

	for (size_t i = 0; i < a->n; i++)
		if (bsearch(a->v[i], b->v, b->n, sizeof *b->v, sn_cmp) != NULL)
			memmove(a->v[k++], a->v[i], sizeof *a->v);
	a->n = k;
}

/* Takes in the criterion just read (into *got): the first becomes the
   set, the next ones cut it down. */
static void
sns_take(struct sns *set, bool *first, struct sns *got)
{
	sns_tidy(got);
	if (*first) {
		*set = *got;
		*first = false;
		return;
	}
	sns_and(set, got);
	free(got->v);
}

/* Appends the serials of OLT o (port: that one only). */
static int
olt_serials(struct store *st, int64_t olt_id, const char *port, struct sns *out,
    char **cause)
{
	struct pon_port *ports = NULL;
	struct ont *onts;
	size_t np = 0, no;
	int rc = 0;

	if (port[0] == '\0' && store_ports_list(st, olt_id, &ports, &np, cause) != 0)
		return -1;
	for (size_t i = 0; rc == 0 && i < (port[0] != '\0' ? 1 : np); i++) {
		if ((rc = store_onts_on_port(st, olt_id, port[0] != '\0' ? port :
		    ports[i].port, &onts, &no, cause)) != 0)
			break;
		out->v = xreallocarray(out->v, out->n + no + 1, sizeof *out->v);
		for (size_t k = 0; k < no; k++)
			strlcpy_(out->v[out->n++], onts[k].sn, sizeof *out->v);
		free(onts);
	}
	free(ports);
	return rc;
}

int
acs_resolve_check(struct engine *e, const struct acs_filter *f, struct err *err)
{
	struct store *st;
	struct contract c;
	struct profile p;
	struct olt o;
	char *cause = NULL;
	int rc;

	if (f->query != NULL)
		return 0;
	if (f->olt[0] != '\0' && engine_find_olt(e, f->olt, &o, NULL, err) != 0)
		return -1;
	if ((st = engine_store(e, &cause)) == NULL)
		goto internal;
	if (f->profile[0] != '\0' &&
	    (rc = store_profile_by_name(st, f->profile, &p, &cause)) != 1) {
		if (rc < 0)
			goto internal;
		err_set(err, ERR_USAGE, "no profile called %s (see oltui profile list)",
		    f->profile);
		return -1;
	}
	for (size_t i = 0; i < f->ncontracts; i++)
		if ((rc = store_contract_by_code(st, f->contracts[i], &c, &cause)) != 1) {
			if (rc < 0)
				goto internal;
			err_set(err, ERR_USAGE, "no contract called %s (see oltui contract list)",
			    f->contracts[i]);
			return -1;
		}
	return 0;
internal:
	err_set(err, ERR_INTERNAL, "%s", cause);
	free(cause);
	return -1;
}

/* The serials oltui's selection f names.  0, or -1 with *err. */
static int
selection(struct engine *e, const struct acs_filter *f, struct sns *out, struct err *err)
{
	struct store *st = engine_store(e, NULL);
	struct sns got = { 0 };
	struct olt o;
	bool first = true;
	char *cause = NULL;

	memset(out, 0, sizeof *out);
	if (acs_resolve_check(e, f, err) != 0)
		return -1;
	if (f->olt[0] != '\0') {
		if (engine_find_olt(e, f->olt, &o, NULL, err) != 0 ||
		    olt_serials(st, o.id, f->port, &got, &cause) != 0)
			goto fail;
		sns_take(out, &first, &got);
	}
	if (f->profile[0] != '\0') {
		if (store_profile_onts(st, f->profile, &got.v, &got.n, &cause) != 0)
			goto fail;
		sns_take(out, &first, &got);
	}
	if (f->ncontracts > 0) {
		struct sns all = { 0 };

		for (size_t i = 0; i < f->ncontracts; i++) {
			if (store_contract_onts(st, f->contracts[i], &got.v, &got.n, &cause) != 0) {
				free(all.v);
				goto fail;
			}
			all.v = xreallocarray(all.v, all.n + got.n + 1, sizeof *all.v);
			memcpy(all.v + all.n, got.v, got.n * sizeof *got.v);
			all.n += got.n;
			free(got.v);
		}
		sns_take(out, &first, &all);
	}
	return 0;
fail:
	if (cause != NULL)
		err_set(err, ERR_INTERNAL, "%s", cause);
	free(cause);
	free(out->v);
	memset(out, 0, sizeof *out);
	return -1;
}

/* ---- what each router gets ---- */

/* Appends [path, value, type] to a (value NULL: the placeholder of secret k). */
static void
param_add(cJSON *a, const char *path, const char *value, const char *type, int k)
{
	cJSON *p = cJSON_CreateArray(), *v;

	cJSON_AddItemToArray(p, cJSON_CreateString(path));
	if (value != NULL)
		v = cJSON_CreateString(value);
	else {
		v = cJSON_CreateObject();
		cJSON_AddStringToObject(v, "secret", acs_secret_name((enum acs_secret)k));
	}
	cJSON_AddItemToArray(p, v);
	cJSON_AddItemToArray(p, cJSON_CreateString(type));
	cJSON_AddItemToArray(a, p);
}

/* The WiFi part of a mass change on router v.  0, or -1 with why. */
static int
wifi_params(const struct acs_change *c, const struct acs_view *v, cJSON *a, char *why,
    size_t size)
{
	const struct acs_radio *one = NULL;
	char *cause = NULL;

	if (c->ssid[0] == '\0' && !c->secret[ACS_SECRET_WIFI])
		return 0;
	if (v->nradio == 0) {
		snprintf(why, size, "the router has no WiFi radio");
		return -1;
	}
	if (c->radio[0] != '\0' && (one = acs_view_radio(v, c->radio, &cause)) == NULL) {
		snprintf(why, size, "%s", cause);
		free(cause);
		return -1;
	}
	for (size_t i = 0; i < v->nradio; i++) {
		const struct acs_radio *r = one != NULL ? one : &v->radio[i];

		if (c->ssid[0] != '\0') {
			if (r->ssid_path[0] == '\0') {
				snprintf(why, size, "radio %d has no SSID parameter", r->instance);
				return -1;
			}
			param_add(a, r->ssid_path, c->ssid, "xsd:string", 0);
		}
		if (c->secret[ACS_SECRET_WIFI]) {
			if (r->password_path[0] == '\0') {
				snprintf(why, size, "radio %d has no WPA passphrase parameter",
				    r->instance);
				return -1;
			}
			param_add(a, r->password_path, NULL, "xsd:string", ACS_SECRET_WIFI);
		}
		if (one != NULL)
			break;
	}
	return 0;
}

/* The PPPoE part.  0, or -1 with why. */
static int
pppoe_params(const struct acs_change *c, const struct acs_view *v, cJSON *a, char *why,
    size_t size)
{
	const struct acs_wan *w;

	if (c->pppoe_user[0] == '\0' && !c->secret[ACS_SECRET_PPPOE])
		return 0;
	if ((w = acs_view_pppoe(v)) == NULL) {
		snprintf(why, size, "the router has no PPPoE WAN connection");
		return -1;
	}
	if (c->pppoe_user[0] != '\0')
		param_add(a, w->user_path, c->pppoe_user, "xsd:string", 0);
	if (c->secret[ACS_SECRET_PPPOE]) {
		if (w->password_path[0] == '\0') {
			snprintf(why, size, "the PPPoE connection has no password parameter");
			return -1;
		}
		param_add(a, w->password_path, NULL, "xsd:string", ACS_SECRET_PPPOE);
	}
	return 0;
}

/* Parameters by path: each must be of the router's data model. */
static int
set_params(const struct acs_change *c, const struct acs_view *v, cJSON *a, char *why,
    size_t size)
{
	const char *root = v->model == ACS_MODEL_TR181 ? "Device." : "InternetGatewayDevice.";

	for (size_t i = 0; i < c->nset; i++) {
		if (!str_startswith(c->set[i].path, root)) {
			snprintf(why, size, "the router speaks %s: %.200s is not one of its "
			    "parameters", acs_model_name(v->model), c->set[i].path);
			return -1;
		}
		param_add(a, c->set[i].path, c->set[i].value, c->set[i].type, 0);
	}
	return 0;
}

/* The firmware file as the ACS holds it. */
struct fw_file {
	bool	found;
	char	product_class[64];
	char	version[ACS_VERSION_MAX];
};

/* Fills it for router d of job (its params, or skipped / done with why). */
static void
plan_item(const struct acs_job *job, const struct fw_file *fw, const struct acs_device *d,
    struct acs_item *it)
{
	struct acs_view v;
	cJSON *a = cJSON_CreateArray();
	char why[256] = "", *cause = NULL;

	strlcpy_(it->device_id, d->id, sizeof it->device_id);
	/* The GPON serial as oltui writes it (a router may report it as 16 hex
	   digits). */
	if (d->serial == NULL || sn_normalize(d->serial, it->serial) != 0)
		strlcpy_(it->serial, d->serial != NULL ? d->serial : "", sizeof it->serial);
	if (acs_view_build(d, &v, &cause) != 0) {
		it->state = AI_SKIPPED;
		snprintf(it->reason, sizeof it->reason, "%s", cause);
		free(cause);
	} else if (job->kind == ACS_JOB_FIRMWARE) {
		strlcpy_(it->version_before, v.firmware, sizeof it->version_before);
		if (fw->product_class[0] != '\0' && d->product_class != NULL &&
		    strcmp(fw->product_class, d->product_class) != 0) {
			it->state = AI_SKIPPED;
			snprintf(it->reason, sizeof it->reason, "the file is for product class %s, "
			    "not this router's %s", fw->product_class, d->product_class);
		} else if (fw->version[0] != '\0' && strcmp(fw->version, v.firmware) == 0) {
			it->state = AI_DONE;
			snprintf(it->reason, sizeof it->reason, "already runs %s", fw->version);
			strlcpy_(it->version_after, v.firmware, sizeof it->version_after);
		}
	} else if (wifi_params(&job->change, &v, a, why, sizeof why) != 0 ||
	    pppoe_params(&job->change, &v, a, why, sizeof why) != 0 ||
	    set_params(&job->change, &v, a, why, sizeof why) != 0) {
		it->state = AI_SKIPPED;
		strlcpy_(it->reason, why, sizeof it->reason);
		cJSON_Delete(a);
		a = cJSON_CreateArray();
	}
	it->params = cJSON_PrintUnformatted(a);
	cJSON_Delete(a);
}

/* ---- collecting the routers ---- */

/* The routers found, and the items in order. */
struct found {
	struct acs_item	*v;
	size_t		 n, cap;
};

/* Appends an item for router d unless it is listed already. */
static void
found_add(struct found *f, const struct acs_job *job, const struct fw_file *fw,
    const struct acs_device *d)
{
	for (size_t i = 0; i < f->n; i++)
		if (strcmp(f->v[i].device_id, d->id) == 0)
			return;
	if (f->n == f->cap) {
		f->cap = f->cap == 0 ? 64 : f->cap * 2;
		f->v = xreallocarray(f->v, f->cap, sizeof *f->v);
	}
	memset(&f->v[f->n], 0, sizeof f->v[f->n]);
	plan_item(job, fw, d, &f->v[f->n++]);
}

/* Appends a skipped item for an ONT the ACS does not know. */
static void
found_missing(struct found *f, const char *sn, const char *why)
{
	if (f->n == f->cap) {
		f->cap = f->cap == 0 ? 64 : f->cap * 2;
		f->v = xreallocarray(f->v, f->cap, sizeof *f->v);
	}
	memset(&f->v[f->n], 0, sizeof f->v[f->n]);
	strlcpy_(f->v[f->n].serial, sn, sizeof f->v[f->n].serial);
	f->v[f->n].params = xstrdup("[]");
	f->v[f->n].state = AI_SKIPPED;
	strlcpy_(f->v[f->n].reason, why, sizeof f->v[f->n].reason);
	f->n++;
}

/* The projection: the view's roots and the paths a --set names. */
static const char **
projection(const struct acs_job *job, size_t *n)
{
	size_t nv;
	const char *const *vp = acs_view_projection(&nv);
	const char **p = xcalloc(nv + job->change.nset + 1, sizeof *p);

	for (*n = 0; *n < nv; (*n)++)
		p[*n] = vp[*n];
	for (size_t i = 0; i < job->change.nset; i++)
		p[(*n)++] = job->change.set[i].path;
	return p;
}

/* The file of a firmware job on the ACS.  0, or -1 with *err. */
static int
firmware_file(struct acs *a, const struct acs_job *job, struct fw_file *fw,
    struct err *err)
{
	struct acs_file_list fl = { 0 };
	struct acs_result r = { 0 };
	enum acs_status s = acs_files(a, &fl, &r);

	memset(fw, 0, sizeof *fw);
	if (s != ACS_OK) {
		err_set(err, s == ACS_NET ? ERR_UNREACHABLE : ERR_FAILURE, "%s",
		    r.message != NULL ? r.message : acs_status_name(s));
		acs_result_clear(&r);
		return -1;
	}
	acs_result_clear(&r);
	for (size_t i = 0; i < fl.n && !fw->found; i++)
		if (strcmp(fl.v[i].name, job->change.file) == 0) {
			fw->found = true;
			strlcpy_(fw->product_class, fl.v[i].product_class,
			    sizeof fw->product_class);
			strlcpy_(fw->version, fl.v[i].version, sizeof fw->version);
		}
	acs_file_list_free(&fl);
	if (!fw->found) {
		err_set(err, ERR_USAGE, "the ACS at %s holds no file \"%s\" (oltui acs files "
		    "lists what it holds)", acs_url(a), job->change.file);
		return -1;
	}
	return 0;
}

/* The error of an ACS call that did not answer as hoped. */
static void
acs_fail(struct err *err, enum acs_status s, const struct acs_result *r)
{
	err_set(err, s == ACS_NET ? ERR_UNREACHABLE : s == ACS_AUTH ? ERR_AUTH :
	    s == ACS_BAD_REQUEST ? ERR_USAGE : ERR_FAILURE, "%s",
	    r->message != NULL ? r->message : acs_status_name(s));
}

int
acs_resolve(void *ctx, void *client, struct engine *e, const struct acs_job *job,
    struct acs_item **items, size_t *n, struct err *err)
{
	struct acs *a = client;
	struct found f = { 0 };
	struct fw_file fw = { 0 };
	struct acs_result r = { 0 };
	size_t np;
	const char **proj;
	enum acs_status s;
	int rc = 0;

	(void)ctx;
	*items = NULL;
	*n = 0;
	if (job->kind == ACS_JOB_FIRMWARE && firmware_file(a, job, &fw, err) != 0)
		return -1;
	proj = projection(job, &np);
	if (job->filter.query != NULL) {
		for (size_t skip = 0;; skip += RESOLVE_PAGE) {
			struct acs_device_list l = { 0 };
			size_t got;

			if ((s = acs_query(a, job->filter.query, proj, np, skip, RESOLVE_PAGE,
			    &l, &r)) != ACS_OK) {
				acs_fail(err, s, &r);
				rc = -1;
				break;
			}
			for (size_t i = 0; i < l.n; i++)
				found_add(&f, job, &fw, &l.v[i]);
			got = l.n;
			acs_device_list_free(&l);
			acs_result_clear(&r);
			if (got < RESOLVE_PAGE)
				break;
		}
	} else {
		struct sns sel;

		rc = selection(e, &job->filter, &sel, err);
		for (size_t i = 0; rc == 0 && i < sel.n; i++) {
			struct acs_device d = { 0 };

			s = acs_find(a, sel.v[i], proj, np, &d, &r);
			if (s == ACS_OK)
				found_add(&f, job, &fw, &d);
			else if (s == ACS_NO_DEVICE || s == ACS_USAGE)
				found_missing(&f, sel.v[i], r.message != NULL ? r.message :
				    "no router with this serial on the ACS");
			else {
				acs_fail(err, s, &r);
				rc = -1;
			}
			acs_device_free(&d);
			acs_result_clear(&r);
		}
		free(sel.v);
	}
	acs_result_clear(&r);
	free(proj);
	if (rc != 0) {
		acs_items_free(f.v, f.n);
		return -1;
	}
	*items = f.v;
	*n = f.n;
	return 0;
}
