/*
 * verb.c — the list of verb tables and lookups over it.
 *
 * The order of tables here is the order of `oltui --help`.
 */
#include "tui/verbs/verb.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static const struct verb *const tables[] = {
	verbs_console,
	verbs_inventory,
	verbs_vault,
	verbs_write,
	verbs_device,
	verbs_poll,
	verbs_parse,
	verbs_base,
};

void
verbs_foreach(void (*fn)(const struct verb *, void *), void *arg)
{
	for (size_t t = 0; t < sizeof tables / sizeof tables[0]; t++)
		for (const struct verb *v = tables[t]; v->name != NULL; v++)
			fn(v, arg);
}

const struct verb *
verb_find(const char *name)
{
	for (size_t t = 0; t < sizeof tables / sizeof tables[0]; t++)
		for (const struct verb *v = tables[t]; v->name != NULL; v++)
			if (strcmp(v->name, name) == 0)
				return v;
	return NULL;
}

int
verb_usage(const struct verb *v)
{
	fprintf(stderr, "usage: oltui %s %s\n", v->name, v->synopsis);
	return EXIT_USAGE;
}

int
verb_usage_error(const char *verb, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "oltui %s: ", verb);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return EXIT_USAGE;
}
