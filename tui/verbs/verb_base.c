/*
 * verb_base.c — help and version, and the text of --help and of the man
 * page's VERBS and OPTIONS sections, all printed from the verb tables.
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

static const struct option_doc {
	const char *flag;
	const char *doc;
} global_options[] = {
	{ "--db PATH", "database file (default $XDG_DATA_HOME/oltui/oltui.db; env OLTUI_DB)" },
	{ "--config-dir DIR", "configuration directory (default $XDG_CONFIG_HOME/oltui; env OLTUI_CONFIG_DIR)" },
	{ "--key-file F", "vault key file for unattended use (env OLTUI_KEY_FILE)" },
	{ "--json", "print JSON instead of text (verbs also take it after the verb)" },
	{ "--ascii", "draw with plain ASCII (no UTF-8, no ACS line drawing)" },
	{ "--version", "print the version and exit" },
	{ "-h, --help", "print this help and exit" },
};

static void
help_line(const struct verb *v, void *arg)
{
	FILE *f = arg;
	char *head = xasprintf("%s %s", v->name, v->synopsis);

	if (strlen(head) > 40)
		fprintf(f, "  %s\n  %-40s %s\n", head, "", v->summary);
	else
		fprintf(f, "  %-40s %s\n", head, v->summary);
	free(head);
}

void
help_print(FILE *f)
{
	fprintf(f, "oltui %s — a terminal console for GPON OLTs (drivers: %s)\n\n",
	    OLTUI_VERSION, driver_names());
	fprintf(f, "usage: oltui [OPTIONS] [VERB [ARGS...]]\n\n");
	fprintf(f, "Without a verb, oltui opens the console.\n\nVerbs:\n");
	verbs_foreach(help_line, f);
	fprintf(f, "\nOptions:\n");
	for (size_t i = 0; i < nitems(global_options); i++)
		fprintf(f, "  %-40s %s\n", global_options[i].flag,
		    global_options[i].doc);
	fprintf(f, "\nExit status: 0 ok, 1 refused or failed, 2 usage, "
	    "3 device unreachable.\n");
}

/* Escapes roff specials in s onto f. */
static void
roff_puts(FILE *f, const char *s)
{
	for (; *s != '\0'; s++) {
		if (*s == '\\')
			fputs("\\e", f);
		else if (*s == '-')
			fputs("\\-", f);
		else
			fputc(*s, f);
	}
}

static void
man_line(const struct verb *v, void *arg)
{
	FILE *f = arg;

	fputs(".TP\n.B oltui ", f);
	roff_puts(f, v->name);
	fputs(" ", f);
	roff_puts(f, v->synopsis);
	fputs("\n", f);
	roff_puts(f, v->summary);
	fputs("\n", f);
}

/* Prints the VERBS and OPTIONS sections of oltui(1), for scripts/genman.sh. */
void
help_print_man(FILE *f)
{
	fputs(".SH VERBS\n", f);
	verbs_foreach(man_line, f);
	fputs(".SH OPTIONS\n", f);
	for (size_t i = 0; i < nitems(global_options); i++) {
		fputs(".TP\n.B ", f);
		roff_puts(f, global_options[i].flag);
		fputs("\n", f);
		roff_puts(f, global_options[i].doc);
		fputs("\n", f);
	}
}

static int
verb_version(int argc, char **argv, const struct globals *g)
{
	(void)argc;
	(void)argv;
	if (g->json)
		printf("{\"version\":\"%s\"}\n", OLTUI_VERSION);
	else
		printf("oltui %s\n", OLTUI_VERSION);
	return EXIT_OK;
}

static int
verb_help(int argc, char **argv, const struct globals *g)
{
	const struct verb *v;

	(void)g;
	if (argc > 1) {
		if ((v = verb_find(argv[1])) == NULL)
			return verb_usage_error("help", "no verb called '%s'", argv[1]);
		printf("usage: oltui %s %s\n  %s\n", v->name, v->synopsis, v->summary);
		return EXIT_OK;
	}
	help_print(stdout);
	return EXIT_OK;
}

/* oltui drivers [--json]: the OLT drivers this oltui has. */
static int
verb_drivers(int argc, char **argv, const struct globals *g)
{
	bool json = g->json;
	cJSON *arr = NULL;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--json") == 0)
			json = true;
		else
			return verb_usage_error("drivers", "unexpected '%s'", argv[i]);
	}
	if (json)
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
	if (arr != NULL) {
		char *s = cJSON_Print(arr);

		puts(s);
		free(s);
		cJSON_Delete(arr);
	}
	return EXIT_OK;
}

const struct verb verbs_base[] = {
	{ "help", "[VERB]", "print this help, or one verb's usage", verb_help },
	{ "version", "", "print the version", verb_version },
	{ "drivers", "[--json]", "list the OLT drivers this oltui has (the names --vendor takes)",
	  verb_drivers },
	{ NULL, NULL, NULL, NULL },
};

