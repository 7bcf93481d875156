/*
 * fleet.c — building the simulated fleet and the state operations every
 * face of oltsim shares (see fleet.h for the locking rules).
 *
 * Generation is deterministic: one xorshift32 stream seeded from the fleet
 * seed builds every OLT in order, so the same flags give the same serials,
 * levels, descriptions and states.  Only times are relative to "now".
 *
 * Memory: an ONT is a ~80-byte struct plus a short heap description, so
 * 100 OLTs x 2,048 ONTs stay far below the 300 MB the lab may use.
 */
#include "tests/lab/fleet.h"
#include "lib/util.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const struct sim_model sim_models[] = {
	{ "HWTC", "EG8145V5", "159D.A", "V5R020C10S213" },
	{ "HWTC", "HG8245H", "10C7.A", "V3R017C10S115" },
	{ "HWTC", "EG8145X6-10", "1234A.D", "V5R021C00S120" },
	{ "ZTEG", "ZTE-F660", "V6.0", "V6.0.10P2N8" },
	{ "ZTEG", "ZTE-F601", "V1.1", "V6.0.1P1T2" },
	{ "ZTEG", "ZTE-F670L", "V1.0", "V1.1.20P1N4" },
	{ "ALCL", "G-240W-C", "3FE46606AA", "3FE49362IJHK46" },
	{ "FHTT", "AN5506-04-F1", "WKE2.134.285F1G", "RP2631" },
};
const int sim_nmodels = (int)nitems(sim_models);

static const char *const surnames[] = {
	"Souza", "Lima", "Silva", "Santos", "Oliveira", "Pereira", "Costa",
	"Ferreira", "Almeida", "Ribeiro", "Carvalho", "Gomes", "Martins",
	"Rocha", "Barbosa", "Dias", "Moreira", "Nunes", "Mendes", "Freitas",
};

uint32_t
sim_rand(uint32_t *state)
{
	uint32_t x = *state ? *state : 0x9e3779b9u;

	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	*state = x;
	return x;
}

/* Returns a value in [lo, hi]. */
static int
rand_range(uint32_t *r, int lo, int hi)
{
	return lo + (int)(sim_rand(r) % (uint32_t)(hi - lo + 1));
}

void
sim_sn_hex(const char *sn, char out[17])
{
	snprintf(out, 17, "%02X%02X%02X%02X%s", (unsigned char)sn[0],
	    (unsigned char)sn[1], (unsigned char)sn[2], (unsigned char)sn[3],
	    sn + 4);
}

static bool
all_hex(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!isxdigit((unsigned char)s[i]))
			return false;
	return s[n] == '\0';
}

int
sim_sn_parse(const char *in, char out[13])
{
	size_t n = strlen(in);

	if (n == 16 && all_hex(in, 16)) {
		for (int i = 0; i < 4; i++) {
			unsigned v;
			if (sscanf(in + i * 2, "%2x", &v) != 1 || !isalnum((int)v))
				return -1;
			out[i] = (char)v;
		}
		for (int i = 0; i < 8; i++)
			out[4 + i] = (char)toupper((unsigned char)in[8 + i]);
		out[12] = '\0';
		return 0;
	}
	if (n == 12 && all_hex(in + 4, 8)) {
		for (int i = 0; i < 4; i++) {
			if (!isalnum((unsigned char)in[i]))
				return -1;
			out[i] = (char)toupper((unsigned char)in[i]);
		}
		for (int i = 4; i < 12; i++)
			out[i] = (char)toupper((unsigned char)in[i]);
		out[12] = '\0';
		return 0;
	}
	return -1;
}

/* A fresh serial for a model: vendor letters + 8 random hex digits. */
static void
random_sn(uint32_t *r, int model, char out[13])
{
	snprintf(out, 13, "%s%08X", sim_models[model].vendor_id, sim_rand(r));
}

/* Picks a model index; mostly the OLT's own vendor, as real fleets are. */
static int
random_model(uint32_t *r, enum sim_vendor v)
{
	int x = rand_range(r, 0, 99);

	if (v == SIM_HUAWEI)
		return x < 80 ? rand_range(r, 0, 2) : x < 92 ? rand_range(r, 3, 5) :
		    rand_range(r, 6, 7);
	return x < 80 ? rand_range(r, 3, 5) : x < 92 ? rand_range(r, 0, 2) :
	    rand_range(r, 6, 7);
}

void
olt_lock(struct sim_olt *olt)
{
	pthread_mutex_lock(&olt->lock);
}

void
olt_unlock(struct sim_olt *olt)
{
	pthread_mutex_unlock(&olt->lock);
}

static void
add_profile(struct sim_olt *olt, int kind, int id, const char *name)
{
	struct sim_profile *p;

	olt->profiles = xreallocarray(olt->profiles, (size_t)olt->nprofiles + 1,
	    sizeof *olt->profiles);
	p = &olt->profiles[olt->nprofiles++];
	memset(p, 0, sizeof *p);
	p->id = (uint16_t)id;
	p->kind = (uint8_t)kind;
	strlcpy_(p->name, name, sizeof p->name);
}

static void
add_board(struct sim_olt *olt, int slot, const char *name, const char *real,
    const char *status, int nports, bool gpon)
{
	struct sim_board *b;

	olt->boards = xreallocarray(olt->boards, (size_t)olt->nboards + 1,
	    sizeof *olt->boards);
	b = &olt->boards[olt->nboards++];
	memset(b, 0, sizeof *b);
	b->slot = (uint8_t)slot;
	strlcpy_(b->name, name, sizeof b->name);
	strlcpy_(b->real, real, sizeof b->real);
	strlcpy_(b->status, status, sizeof b->status);
	b->nports = (uint8_t)nports;
	b->gpon = gpon;
}

/* Fills one ONT with generated values. */
static void
gen_ont(struct sim_olt *olt, struct sim_ont *o, uint32_t *r, int64_t now)
{
	int x;

	o->model = (uint8_t)random_model(r, olt->vendor);
	random_sn(r, o->model, o->sn);
	o->admin = 1;
	o->config_ok = 1;
	x = rand_range(r, 0, 99);
	if (x < 4)
		o->rx_base = (int16_t)-rand_range(r, 2550, 2900);	/* weak */
	else if (x < 5)
		o->rx_base = (int16_t)-rand_range(r, 650, 790);	/* overload */
	else
		o->rx_base = (int16_t)-rand_range(r, 1400, 2450);
	o->olt_rx_base = (int16_t)(o->rx_base - rand_range(r, 50, 300));
	o->tx = (int16_t)rand_range(r, 190, 270);
	o->distance_m = (uint16_t)rand_range(r, 300, 12000);
	if (olt->vendor == SIM_HUAWEI) {
		o->line_profile = 31;
		o->srv_profile = 31;
	}
	o->desc = xasprintf("C-%04d %s", rand_range(r, 1000, 9999),
	    surnames[sim_rand(r) % nitems(surnames)]);
	if (olt->vendor == SIM_ZTE)
		o->name = xstrdup(o->desc);
	o->last_up = now - rand_range(r, 600, 40 * 86400);
	o->last_down = o->last_up - rand_range(r, 1, 600);
	o->down_cause = (uint8_t)(rand_range(r, 0, 3) == 0 ? SIM_CAUSE_NONE :
	    rand_range(r, 0, 1) ? SIM_CAUSE_DYING_GASP : SIM_CAUSE_LOS);
	if (o->down_cause == SIM_CAUSE_NONE)
		o->last_down = 0;
	x = rand_range(r, 0, 99);
	if (x < 3) {
		o->state = SIM_OFFLINE;
		o->down_cause = SIM_CAUSE_DYING_GASP;
	} else if (x < 5) {
		o->state = SIM_LOS;
		o->down_cause = SIM_CAUSE_LOS;
	} else
		o->state = SIM_ONLINE;
	if (o->state != SIM_ONLINE) {
		o->last_down = now - rand_range(r, 60, 3 * 86400);
		o->rx = o->olt_rx = o->tx = SIM_NO_LEVEL;
		o->tx = SIM_NO_LEVEL;
	} else {
		o->rx = o->rx_base;
		o->olt_rx = o->olt_rx_base;
	}
}

static void
build_olt(struct sim_olt *olt, enum sim_vendor v, int n, const struct fleet_opts *opt,
    uint32_t *r, int port)
{
	int64_t now = now_s();
	int nb = opt->boards > 0 ? opt->boards : 1;
	int np = opt->pons > 0 ? opt->pons : 1;
	int k = opt->onts;

	if (np > 16)
		np = 16;
	if (k > SIM_MAX_ONTS)
		k = SIM_MAX_ONTS;
	pthread_mutex_init(&olt->lock, NULL);
	olt->vendor = v;
	olt->cli_port = (uint16_t)(port > 0 ? port : 0);
	olt->snmp_port = (uint16_t)(port > 0 ? port + 1 : 0);
	olt->boot_time = now - rand_range(r, 3 * 86400, 90 * 86400);
	olt->max_sessions = 4;
	olt->cpu_pct = rand_range(r, 8, 30);
	olt->temp_c = rand_range(r, 34, 52);
	olt->fault.latency_ms = opt->latency_ms;
	/* xorshift32 has one cycle: a state taken from the fleet stream would
	   replay the serials generated after it (a "new" ONT in autofind with
	   the serial of a registered one).  Hash it to a far-away point. */
	{
		uint32_t h = sim_rand(r);

		h ^= h >> 16;
		h *= 0x7feb352dU;
		h ^= h >> 15;
		h *= 0x846ca68bU;
		h ^= h >> 16;
		olt->rng = h | 1;
	}
	if (v == SIM_HUAWEI) {
		snprintf(olt->name, sizeof olt->name, "hw-%d", n);
		if (n == 1)
			strlcpy_(olt->sysname, "MA5800-X7", sizeof olt->sysname);
		else
			snprintf(olt->sysname, sizeof olt->sysname, "MA5800-X7-%d", n);
		strlcpy_(olt->model, "MA5800-X7", sizeof olt->model);
		strlcpy_(olt->version, "MA5800V100R019C10", sizeof olt->version);
		snprintf(olt->community, sizeof olt->community, "hw%dro", n);
		strlcpy_(olt->user, "root", sizeof olt->user);
		snprintf(olt->password, sizeof olt->password, "Hw@lab%d", n);
		for (int b = 0; b < nb; b++)
			add_board(olt, 1 + b, "H901GPHF", "", "Normal", 16, true);
		add_board(olt, nb + 1, "H901MPLA", "", "Active_normal", 0, false);
		add_board(olt, nb + 2, "H901MPLA", "", "Standby_normal", 0, false);
		add_board(olt, nb + 3, "H901PILA", "", "Normal", 0, false);
		add_profile(olt, SIM_PROF_LINE, 31, "LINE_PROFILE_31");
		add_profile(olt, SIM_PROF_LINE, 10, "fiber-100");
		add_profile(olt, SIM_PROF_LINE, 20, "fiber-300");
		add_profile(olt, SIM_PROF_SRV, 31, "SRVPROFILE_BRIDGE_31");
		add_profile(olt, SIM_PROF_SRV, 1, "SRVPROFILE_ROUTER");
		add_profile(olt, SIM_PROF_TRAFFIC, 10, "100M");
		add_profile(olt, SIM_PROF_TRAFFIC, 20, "300M");
	} else {
		snprintf(olt->name, sizeof olt->name, "zte-%d", n);
		if (n == 1)
			strlcpy_(olt->sysname, "ZXAN", sizeof olt->sysname);
		else
			snprintf(olt->sysname, sizeof olt->sysname, "ZXAN-%d", n);
		strlcpy_(olt->model, "C320", sizeof olt->model);
		strlcpy_(olt->version, "V2.1.0", sizeof olt->version);
		snprintf(olt->community, sizeof olt->community, "zte%dro", n);
		strlcpy_(olt->user, "zte", sizeof olt->user);
		snprintf(olt->password, sizeof olt->password, "Zte@lab%d", n);
		for (int b = 0; b < nb; b++)
			add_board(olt, 1 + b, "GTGH", "GTGHG", "INSERVICE", 16, true);
		add_board(olt, nb + 1, "SMXA", "SMXA", "INSERVICE", 3, false);
		add_board(olt, nb + 2, "SMXA", "SMXA", "STANDBY", 3, false);
		add_profile(olt, SIM_PROF_TCONT, 1, "1G-UP");
		add_profile(olt, SIM_PROF_TCONT, 2, "100M");
		add_profile(olt, SIM_PROF_TCONT, 3, "300M");
		add_profile(olt, SIM_PROF_TRAFFIC, 1, "1G-DOWN");
		add_profile(olt, SIM_PROF_TRAFFIC, 2, "100M");
		add_profile(olt, SIM_PROF_ONU_TYPE, 1, "ZTE-F660");
		add_profile(olt, SIM_PROF_ONU_TYPE, 2, "ZTE-F601");
		add_profile(olt, SIM_PROF_ONU_TYPE, 3, "ZTE-F670L");
		add_profile(olt, SIM_PROF_ONU_TYPE, 4, "HG8245H");
		/* Every type a generated ONU may have is an onu-type of the OLT,
		   as on a device that serves them (re-adding one must work). */
		for (int m = 0, id = 5; m < sim_nmodels; m++)
			if (olt_profile(olt, SIM_PROF_ONU_TYPE, -1, sim_models[m].equipment_id) == NULL)
				add_profile(olt, SIM_PROF_ONU_TYPE, id++, sim_models[m].equipment_id);
	}

	olt->npons = nb * np;
	olt->pons = xcalloc((size_t)olt->npons, sizeof *olt->pons);
	for (int b = 0; b < nb; b++) {
		for (int p = 0; p < np; p++) {
			struct sim_pon *pon = &olt->pons[b * np + p];

			pon->frame = (uint8_t)(v == SIM_HUAWEI ? 0 : 1);
			pon->slot = (uint8_t)(1 + b);
			pon->port = (uint8_t)(v == SIM_HUAWEI ? p : p + 1);
			for (int i = 0; i < k; i++) {
				int id = v == SIM_HUAWEI ? i : i + 1;
				struct sim_ont *o = xcalloc(1, sizeof *o);

				o->id = (uint16_t)id;
				gen_ont(olt, o, r, now);
				pon->onts[id] = o;
				pon->nonts++;
			}
		}
	}

	/* Service ports: one internet flow per ONT. */
	for (int pi = 0; pi < olt->npons; pi++) {
		struct sim_pon *pon = &olt->pons[pi];

		for (int id = 0; id <= SIM_MAX_ONTS; id++) {
			struct sim_service_port sp = { 0 };

			if (pon->onts[id] == NULL)
				continue;
			sp.pon = (uint16_t)pi;
			sp.ont_id = (uint16_t)id;
			sp.rx_table = sp.tx_table = -1;
			if (v == SIM_HUAWEI) {
				sp.vlan = sp.user_vlan = 31;
				sp.gem = 31;
				sp.rx_table = sp.tx_table = 20;
			} else {
				sp.index = 1;
				sp.vlan = sp.user_vlan = 100;
				sp.gem = 1;
			}
			olt_add_sp(olt, &sp);
		}
	}

	/* A few ONTs waiting in autofind: about one per 64 configured. */
	{
		int want = 1 + (olt->npons * k) / 64;
		for (int i = 0; i < want; i++)
			pon_add_autofind(olt, &olt->pons[sim_rand(r) % (uint32_t)olt->npons], NULL);
	}
	olt->dirty = false;
}

struct sim_fleet *
fleet_new(const struct fleet_opts *opt)
{
	struct sim_fleet *f = xcalloc(1, sizeof *f);
	uint32_t r = opt->seed ? opt->seed : 1;
	int port = opt->base_port;

	/* Stir the seed so nearby seeds give unrelated fleets. */
	for (int i = 0; i < 8; i++)
		sim_rand(&r);
	f->seed = opt->seed;
	f->nolts = opt->huawei + opt->zte;
	f->olts = xcalloc((size_t)(f->nolts ? f->nolts : 1), sizeof *f->olts);
	for (int i = 0; i < opt->huawei; i++) {
		build_olt(&f->olts[i], SIM_HUAWEI, i + 1, opt, &r, port);
		if (port > 0)
			port += 2;
	}
	for (int i = 0; i < opt->zte; i++) {
		build_olt(&f->olts[opt->huawei + i], SIM_ZTE, i + 1, opt, &r, port);
		if (port > 0)
			port += 2;
	}
	return f;
}

static void
ont_free(struct sim_ont *o)
{
	struct sim_cfgline *c, *next;

	if (o == NULL)
		return;
	for (c = o->cfg; c != NULL; c = next) {
		next = c->next;
		free(c);
	}
	free(o->desc);
	free(o->name);
	free(o);
}

void
fleet_free(struct sim_fleet *f)
{
	if (f == NULL)
		return;
	for (int i = 0; i < f->nolts; i++) {
		struct sim_olt *olt = &f->olts[i];

		for (int p = 0; p < olt->npons; p++) {
			for (int id = 0; id <= SIM_MAX_ONTS; id++)
				ont_free(olt->pons[p].onts[id]);
			free(olt->pons[p].autofind);
		}
		free(olt->pons);
		free(olt->boards);
		free(olt->sps);
		free(olt->profiles);
		pthread_mutex_destroy(&olt->lock);
	}
	free(f->olts);
	free(f);
}

struct sim_olt *
fleet_olt(struct sim_fleet *f, const char *name)
{
	for (int i = 0; i < f->nolts; i++)
		if (strcmp(f->olts[i].name, name) == 0)
			return &f->olts[i];
	return NULL;
}

struct sim_pon *
olt_pon(struct sim_olt *olt, int frame, int slot, int port)
{
	for (int i = 0; i < olt->npons; i++) {
		struct sim_pon *p = &olt->pons[i];
		if (p->frame == frame && p->slot == slot && p->port == port)
			return p;
	}
	return NULL;
}

int
olt_pon_index(const struct sim_olt *olt, const struct sim_pon *pon)
{
	return (int)(pon - olt->pons);
}

struct sim_ont *
pon_ont(struct sim_pon *pon, int ont_id)
{
	if (ont_id < 0 || ont_id > SIM_MAX_ONTS)
		return NULL;
	return pon->onts[ont_id];
}

struct sim_ont *
olt_find_sn(struct sim_olt *olt, const char *sn, struct sim_pon **ponp)
{
	for (int i = 0; i < olt->npons; i++) {
		struct sim_pon *p = &olt->pons[i];
		for (int id = 0; id <= SIM_MAX_ONTS; id++) {
			if (p->onts[id] != NULL && str_casecmp(p->onts[id]->sn, sn) == 0) {
				if (ponp != NULL)
					*ponp = p;
				return p->onts[id];
			}
		}
	}
	return NULL;
}

struct sim_autofind *
olt_find_autofind(struct sim_olt *olt, const char *sn, struct sim_pon **ponp)
{
	for (int i = 0; i < olt->npons; i++) {
		struct sim_pon *p = &olt->pons[i];
		for (int a = 0; a < p->nautofind; a++) {
			if (str_casecmp(p->autofind[a].sn, sn) == 0) {
				if (ponp != NULL)
					*ponp = p;
				return &p->autofind[a];
			}
		}
	}
	return NULL;
}

/* Lowest and highest ONT id of the vendor. */
static void
id_range(const struct sim_olt *olt, int *lo, int *hi)
{
	*lo = olt->vendor == SIM_HUAWEI ? 0 : 1;
	*hi = olt->vendor == SIM_HUAWEI ? SIM_MAX_ONTS - 1 : SIM_MAX_ONTS;
}

struct sim_ont *
pon_add_ont(struct sim_olt *olt, struct sim_pon *pon, int ont_id, const char *sn)
{
	int lo, hi, model = olt->vendor == SIM_HUAWEI ? 0 : 3;
	bool plugged = false;
	struct sim_ont *o;
	int64_t now = now_s();

	id_range(olt, &lo, &hi);
	if (ont_id < 0) {
		for (ont_id = lo; ont_id <= hi && pon->onts[ont_id] != NULL; ont_id++)
			;
		if (ont_id > hi)
			return NULL;
	}
	if (ont_id < lo || ont_id > hi || pon->onts[ont_id] != NULL)
		return NULL;
	for (int a = 0; a < pon->nautofind; a++) {
		if (str_casecmp(pon->autofind[a].sn, sn) == 0) {
			model = pon->autofind[a].model;
			memmove(&pon->autofind[a], &pon->autofind[a + 1],
			    (size_t)(pon->nautofind - a - 1) * sizeof *pon->autofind);
			pon->nautofind--;
			plugged = true;
			break;
		}
	}
	o = xcalloc(1, sizeof *o);
	o->id = (uint16_t)ont_id;
	strlcpy_(o->sn, sn, sizeof o->sn);
	for (char *c = o->sn; *c; c++)
		*c = (char)toupper((unsigned char)*c);
	o->model = (uint8_t)model;
	o->admin = 1;
	o->config_ok = 1;
	o->rx_base = (int16_t)-rand_range(&olt->rng, 1500, 2300);
	o->olt_rx_base = (int16_t)(o->rx_base - rand_range(&olt->rng, 50, 300));
	o->distance_m = (uint16_t)rand_range(&olt->rng, 300, 9000);
	o->rx = o->tx = o->olt_rx = SIM_NO_LEVEL;
	o->state = SIM_OFFLINE;
	pon->onts[ont_id] = o;
	pon->nonts++;
	if (plugged) {
		o->tx = (int16_t)rand_range(&olt->rng, 190, 270);
		ont_set_state(olt, pon, o, SIM_ONLINE, SIM_CAUSE_NONE);
	}
	o->last_up = plugged ? now : 0;
	olt->dirty = true;
	return o;
}

int
pon_del_ont(struct sim_olt *olt, struct sim_pon *pon, int ont_id)
{
	struct sim_ont *o = pon_ont(pon, ont_id);
	int pi = olt_pon_index(olt, pon);

	if (o == NULL)
		return -1;
	for (int i = 0; i < olt->nsps;) {
		if (olt->sps[i].pon == pi && olt->sps[i].ont_id == ont_id) {
			memmove(&olt->sps[i], &olt->sps[i + 1],
			    (size_t)(olt->nsps - i - 1) * sizeof *olt->sps);
			olt->nsps--;
		} else
			i++;
	}
	if (o->state == SIM_ONLINE) {
		struct sim_autofind *a = pon_add_autofind(olt, pon, o->sn);
		a->model = o->model;
	}
	pon->onts[ont_id] = NULL;
	pon->nonts--;
	ont_free(o);
	olt->dirty = true;
	return 0;
}

void
ont_add_cfg(struct sim_ont *ont, int section, const char *text)
{
	size_t n = strlen(text);
	struct sim_cfgline *c = xmalloc(sizeof *c + n + 1), **tail;

	c->next = NULL;
	c->section = (uint8_t)section;
	memcpy(c->text, text, n + 1);
	for (tail = &ont->cfg; *tail != NULL; tail = &(*tail)->next)
		;
	*tail = c;
}

void
olt_event(struct sim_olt *olt, int what, int pon, int ont_id)
{
	struct sim_event *e;

	olt->event_seq++;
	e = &olt->events[olt->event_seq % SIM_EVENTS];
	e->seq = olt->event_seq;
	e->at = now_s();
	e->pon = (uint16_t)pon;
	e->ont_id = (uint16_t)ont_id;
	e->what = (uint8_t)what;
}

void
ont_set_state(struct sim_olt *olt, struct sim_pon *pon, struct sim_ont *ont,
    enum sim_ont_state st, enum sim_down_cause cause)
{
	int64_t now = now_s();
	int pi = olt_pon_index(olt, pon);

	if (ont->state == st)
		return;
	if (st == SIM_ONLINE) {
		ont->last_up = now;
		ont->rx = ont->rx_base;
		ont->olt_rx = ont->olt_rx_base;
		if (ont->tx == SIM_NO_LEVEL)
			ont->tx = (int16_t)rand_range(&olt->rng, 190, 270);
		olt_event(olt, SIM_EV_ONT_UP, pi, ont->id);
	} else {
		if (ont->state == SIM_ONLINE)
			ont->last_down = now;
		ont->down_cause = (uint8_t)cause;
		ont->rx = ont->tx = ont->olt_rx = SIM_NO_LEVEL;
		if (st == SIM_LOS)
			olt_event(olt, SIM_EV_ONT_LOS, pi, ont->id);
		else if (st == SIM_DYING_GASP)
			olt_event(olt, SIM_EV_ONT_DYING_GASP, pi, ont->id);
	}
	ont->state = (uint8_t)st;
}

struct sim_autofind *
pon_add_autofind(struct sim_olt *olt, struct sim_pon *pon, const char *sn)
{
	struct sim_autofind *a;

	pon->autofind = xreallocarray(pon->autofind, (size_t)pon->nautofind + 1,
	    sizeof *pon->autofind);
	a = &pon->autofind[pon->nautofind++];
	memset(a, 0, sizeof *a);
	a->model = (uint8_t)random_model(&olt->rng, olt->vendor);
	if (sn != NULL)
		strlcpy_(a->sn, sn, sizeof a->sn);
	else
		random_sn(&olt->rng, a->model, a->sn);
	a->found_at = now_s() - rand_range(&olt->rng, 5, 3600);
	olt_event(olt, SIM_EV_ONT_FOUND, olt_pon_index(olt, pon), 0);
	return a;
}

void
pon_set_cut(struct sim_olt *olt, struct sim_pon *pon, bool cut)
{
	int pi = olt_pon_index(olt, pon);

	if (pon->cut == cut)
		return;
	pon->cut = cut;
	for (int id = 0; id <= SIM_MAX_ONTS; id++) {
		struct sim_ont *o = pon->onts[id];

		if (o == NULL)
			continue;
		if (cut && o->state == SIM_ONLINE)
			ont_set_state(olt, pon, o, SIM_LOS, SIM_CAUSE_LOS);
		else if (!cut && o->state == SIM_LOS && o->admin)
			ont_set_state(olt, pon, o, SIM_ONLINE, SIM_CAUSE_NONE);
	}
	olt_event(olt, cut ? SIM_EV_PON_CUT : SIM_EV_PON_RESTORED, pi, 0);
}

static bool
sp_same_key(const struct sim_olt *olt, const struct sim_service_port *a,
    const struct sim_service_port *b)
{
	if (olt->vendor == SIM_HUAWEI)
		return a->index == b->index;
	return a->index == b->index && a->pon == b->pon && a->ont_id == b->ont_id;
}

struct sim_service_port *
olt_add_sp(struct sim_olt *olt, const struct sim_service_port *sp)
{
	struct sim_service_port n = *sp;
	int at;

	if (n.index == 0) {
		uint32_t max = olt->vendor == SIM_HUAWEI ? 999 : 0;
		for (int i = 0; i < olt->nsps; i++) {
			if (olt->vendor == SIM_ZTE && (olt->sps[i].pon != n.pon ||
			    olt->sps[i].ont_id != n.ont_id))
				continue;
			if (olt->sps[i].index > max)
				max = olt->sps[i].index;
		}
		n.index = max + 1;
	}
	for (int i = 0; i < olt->nsps; i++)
		if (sp_same_key(olt, &olt->sps[i], &n))
			return NULL;
	if (olt->nsps == olt->cap_sps) {
		olt->cap_sps = olt->cap_sps ? olt->cap_sps * 2 : 64;
		olt->sps = xreallocarray(olt->sps, (size_t)olt->cap_sps, sizeof *olt->sps);
	}
	/* Keep Huawei's list sorted by index; ZTE's by port, ONU, index. */
	for (at = olt->nsps; at > 0; at--) {
		const struct sim_service_port *p = &olt->sps[at - 1];
		bool before = olt->vendor == SIM_HUAWEI ? p->index < n.index :
		    (p->pon < n.pon || (p->pon == n.pon && (p->ont_id < n.ont_id ||
		    (p->ont_id == n.ont_id && p->index < n.index))));
		if (before)
			break;
	}
	memmove(&olt->sps[at + 1], &olt->sps[at], (size_t)(olt->nsps - at) * sizeof *olt->sps);
	olt->sps[at] = n;
	olt->nsps++;
	olt->dirty = true;
	return &olt->sps[at];
}

static void
sp_remove(struct sim_olt *olt, int i)
{
	memmove(&olt->sps[i], &olt->sps[i + 1], (size_t)(olt->nsps - i - 1) * sizeof *olt->sps);
	olt->nsps--;
	olt->dirty = true;
}

int
olt_del_sp(struct sim_olt *olt, uint32_t index)
{
	for (int i = 0; i < olt->nsps; i++) {
		if (olt->sps[i].index == index) {
			sp_remove(olt, i);
			return 0;
		}
	}
	return -1;
}

int
olt_del_sp_at(struct sim_olt *olt, int pon, int ont_id, uint32_t index)
{
	for (int i = 0; i < olt->nsps; i++) {
		const struct sim_service_port *p = &olt->sps[i];
		if (p->pon == pon && p->ont_id == ont_id && p->index == index) {
			sp_remove(olt, i);
			return 0;
		}
	}
	return -1;
}

int
olt_count_sps(struct sim_olt *olt, int pon, int ont_id)
{
	int n = 0;

	for (int i = 0; i < olt->nsps; i++)
		if (olt->sps[i].pon == pon && olt->sps[i].ont_id == ont_id)
			n++;
	return n;
}

const struct sim_profile *
olt_profile(struct sim_olt *olt, int kind, int id, const char *name)
{
	for (int i = 0; i < olt->nprofiles; i++) {
		const struct sim_profile *p = &olt->profiles[i];
		if (p->kind != kind)
			continue;
		if (name != NULL ? strcmp(p->name, name) == 0 : p->id == id)
			return p;
	}
	return NULL;
}

/* True when a typed line is text, blanks around it aside. */
static bool
same_line(const char *line, const char *text)
{
	size_t n;

	line += strspn(line, " \t");
	n = strlen(text);
	return strncmp(line, text, n) == 0 && line[n + strspn(line + n, " \t\r\n")] == '\0';
}

int
fleet_step_fault(struct sim_olt *olt, const char *line, int *ms)
{
	int kind = SIM_STEP_OFF;

	olt_lock(olt);
	if (olt->fault.step_text[0] != '\0' && same_line(line, olt->fault.step_text) &&
	    ++olt->fault.step_seen > olt->fault.step_skip &&
	    olt->fault.step_kind != SIM_STEP_OFF) {
		kind = olt->fault.step_kind;
		*ms = olt->fault.step_ms;
		olt->fault.step_kind = SIM_STEP_OFF;
		if (kind == SIM_STEP_DROP)
			olt->fault.once_drop = true;
		else if (kind == SIM_STEP_GARBLE)
			olt->fault.once_garble = true;
	}
	olt_unlock(olt);
	return kind;
}

void
fleet_set_step_fault(struct sim_olt *olt, int kind, const char *text, int ms, int skip)
{
	olt_lock(olt);
	olt->fault.step_kind = kind;
	strlcpy_(olt->fault.step_text, text != NULL ? text : "", sizeof olt->fault.step_text);
	olt->fault.step_ms = ms;
	olt->fault.step_skip = skip;
	olt->fault.step_seen = 0;
	olt->fault.once_drop = olt->fault.once_garble = false;
	olt_unlock(olt);
}

int
fleet_step_seen(struct sim_olt *olt)
{
	int n;

	olt_lock(olt);
	n = olt->fault.step_seen;
	olt_unlock(olt);
	return n;
}
