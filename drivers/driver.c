/*
 * driver.c — the registry of OLT drivers (driver.h): a small array filled
 * by the drivers' DRIVER_REGISTER constructors before main(), kept sorted
 * by name, and looked up by name.
 */
#include "drivers/driver.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/util.h"

#define DRIVER_MAX 32

static const struct olt_driver *registry[DRIVER_MAX];
static size_t nregistry;

void
driver_register(const struct olt_driver *d)
{
	size_t i;

	for (i = 0; i < nregistry; i++) {
		if (strcmp(registry[i]->name, d->name) == 0) {
			registry[i] = d;
			return;
		}
	}
	if (nregistry == DRIVER_MAX)
		return;
	/* Insert in name order. */
	for (i = nregistry; i > 0 && strcmp(registry[i - 1]->name, d->name) > 0; i--)
		registry[i] = registry[i - 1];
	registry[i] = d;
	nregistry++;
}

const struct olt_driver *
driver_find(const char *name)
{
	for (size_t i = 0; name != NULL && i < nregistry; i++)
		if (strcmp(registry[i]->name, name) == 0)
			return registry[i];
	return NULL;
}

size_t
driver_count(void)
{
	return nregistry;
}

const struct olt_driver *
driver_at(size_t i)
{
	return i < nregistry ? registry[i] : NULL;
}

const char *
driver_names(void)
{
	static char buf[DRIVER_MAX * (DRIVER_NAME_MAX + 2) + 1];
	size_t len = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < nregistry; i++)
		len += (size_t)snprintf(buf + len, sizeof buf - len, "%s%s", i > 0 ? "|" : "",
		    registry[i]->name);
	return buf;
}

void
driver_ont_label(const struct olt_driver *d, const char *port, int ont_id, char *out,
    size_t size)
{
	if (d->plan != NULL && d->plan->ont_label != NULL)
		d->plan->ont_label(port, ont_id, out, size);
	else
		snprintf(out, size, "%s ONT %d", port != NULL ? port : "?", ont_id);
}

const char *
driver_ont_word(const struct olt_driver *d)
{
	return d->plan != NULL && d->plan->ont_word != NULL ? d->plan->ont_word : "ONT";
}

int
driver_free_ont_id(const struct olt_driver *d, const long *used, size_t n)
{
	for (int cand = d->limits->ont_id_min; cand <= d->limits->ont_id_max; cand++) {
		size_t i;

		for (i = 0; i < n && used[i] != cand; i++)
			;
		if (i == n)
			return cand;
	}
	return -1;
}

void
ont_config_free(struct ont_config *k)
{
	if (k == NULL)
		return;
	pr_ont_detail_free(&k->detail);
	pr_service_port_list_free(&k->sps);
	for (size_t i = 0; i < k->nlines; i++) {
		free(k->lines[i].mode_arg);
		free(k->lines[i].text);
	}
	free(k->lines);
	memset(k, 0, sizeof *k);
}

void
ont_config_req(const struct ont_config *k, const struct ont_state *before,
    const char *port, int ont_id, const char *fallback_sn, struct provision_req *cfg)
{
	memset(cfg, 0, sizeof *cfg);
	cfg->port = port;
	cfg->ont_id = ont_id;
	cfg->sn = k->detail.sn != NULL ? k->detail.sn : fallback_sn;
	cfg->model = k->detail.model;
	cfg->name = k->detail.name;
	cfg->desc = k->detail.description;
	cfg->line_profile = k->detail.line_profile;
	cfg->service_profile = k->detail.service_profile;
	cfg->wan_mode = "none";
	if (before->nflows > 0) {
		const struct ont_flow *f = &before->flows[0];

		cfg->vlan = f->vlan > 0 ? (int)f->vlan : 0;
		cfg->user_vlan = f->user_vlan > 0 ? (int)f->user_vlan : 0;
		cfg->gemport = f->gem > 0 ? (int)f->gem : 0;
		cfg->service_port = f->index > 0 ? (int)f->index : 0;
		cfg->up_profile = f->up;	/* the device's own speed words */
		cfg->down_profile = f->down;
	}
}

void
ont_config_add_line(struct ont_config *k, enum cli_mode mode, const char *mode_arg,
    const char *text)
{
	struct ont_line *l;

	k->lines = xreallocarray(k->lines, k->nlines + 1, sizeof *k->lines);
	l = &k->lines[k->nlines++];
	l->mode = mode;
	l->mode_arg = mode_arg != NULL ? xstrdup(mode_arg) : NULL;
	l->text = xstrdup(text);
}
