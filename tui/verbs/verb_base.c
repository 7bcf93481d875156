/*
 * verb_base.c — the verbs about oltui itself: help, version, drivers.
 * (The help texts are printed from the tables by verb_help.c.)
 */
#include "tui/verbs/verb.h"
#include "drivers/driver.h"
#include "lib/util.h"

#include <cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef OLTUI_VERSION
#define OLTUI_VERSION "unknown"
#endif

/* The arguments of help, version and drivers. */
struct base_args {
	struct verb_common	 c;
	const char		*verb;	/* help: the verb, or NULL */
	const char		*sub;	/* help: its sub-verb, or NULL */
};

/* oltui version [--json] */
static int
verb_version(void *args)
{
	struct base_args *a = args;

	if (a->c.json)
		printf("{\"version\":\"%s\"}\n", OLTUI_VERSION);
	else
		printf("oltui %s\n", OLTUI_VERSION);
	return EXIT_OK;
}

/* oltui help [VERB [SUB]]: the same text as `oltui VERB [SUB] --help`. */
static int
verb_help(void *args)
{
	struct base_args *a = args;
	const struct verb *v, *sub = NULL;

	if (a->verb == NULL) {
		help_print(stdout);
		return EXIT_OK;
	}
	if ((v = verb_find(a->verb)) == NULL)
		return verb_fail(&a->c, ERR_USAGE, "no verb called '%s' (try oltui --help)",
		    a->verb);
	if (a->sub != NULL && (sub = verb_find_sub(v, a->sub)) == NULL)
		return verb_fail(&a->c, ERR_USAGE, "oltui %s has no subcommand '%s'",
		    v->name, a->sub);
	if (sub != NULL)
		verb_help_sub(stdout, v, sub);
	else
		help_print_verb(stdout, NULL, v);
	return EXIT_OK;
}

/* oltui drivers [--json]: the OLT drivers this oltui has. */
static int
verb_drivers(void *args)
{
	struct base_args *a = args;
	cJSON *arr = NULL;

	if (a->c.json)
		arr = cJSON_CreateArray();
	else
		printf("%-10s %-8s %-5s %-8s %-8s %s\n", "DRIVER", "CLI", "PORT", "ONT IDS",
		    "SNMP", "WHAT");
	for (size_t i = 0; i < driver_count(); i++) {
		const struct olt_driver *d = driver_at(i);
		const struct gpon_limits *l = d->limits;

		if (arr != NULL) {
			cJSON *o = cJSON_CreateObject();

			cJSON_AddStringToObject(o, "name", d->name);
			cJSON_AddStringToObject(o, "label", d->label != NULL ? d->label : "");
			cJSON_AddStringToObject(o, "transport", transport_name(d->transport));
			cJSON_AddNumberToObject(o, "port", d->cli_port);
			cJSON_AddStringToObject(o, "port_form", l->port_form);
			cJSON_AddNumberToObject(o, "ont_id_min", l->ont_id_min);
			cJSON_AddNumberToObject(o, "ont_id_max", l->ont_id_max);
			cJSON_AddBoolToObject(o, "snmp", d->snmp != NULL);
			cJSON_AddItemToArray(arr, o);
		} else {
			char ids[16];

			snprintf(ids, sizeof ids, "%d-%d", l->ont_id_min, l->ont_id_max);
			printf("%-10s %-8s %-5d %-8s %-8s %s\n", d->name,
			    transport_name(d->transport), d->cli_port, ids,
			    d->snmp != NULL ? "yes" : "no", d->label != NULL ? d->label : "");
		}
	}
	if (arr != NULL)
		verb_print_json(arr);
	return EXIT_OK;
}

#define BA(m) offsetof(struct base_args, m)

static const struct verb_opt json_only[] = { VOPT_JSON, VOPT_END };
static const struct verb_pos help_pos[] = {
	{ .meta = "VERB", .type = VA_STRING, .off = BA(verb), .flags = VO_OPTIONAL,
	  .help = "the verb to describe (all of them when left out)" },
	{ .meta = "SUBCOMMAND", .type = VA_STRING, .off = BA(sub), .flags = VO_OPTIONAL,
	  .help = "one of the verb's subcommands" },
	VPOS_END,
};

const struct verb verbs_base[] = {
	{ .name = "help", .summary = "print this help, or one verb's arguments (the same "
	  "as oltui VERB --help)", .pos = help_pos, .size = sizeof(struct base_args),
	  .run = verb_help },
	{ .name = "version", .summary = "print the version", .opts = json_only,
	  .size = sizeof(struct base_args), .run = verb_version },
	{ .name = "drivers", .summary = "list the OLT drivers this oltui has (the names "
	  "--vendor takes)", .opts = json_only, .size = sizeof(struct base_args),
	  .run = verb_drivers },
	VERB_END,
};
