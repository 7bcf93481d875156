/*
 * main.c — argv to the console, a headless verb, or `demo`.
 *
 *   oltui [GLOBAL OPTIONS] [VERB [ARGS…]]
 *
 * Global options come before the verb.  Without a verb oltui opens the
 * console (once the console exists; until then it prints the help).  Every
 * verb is an entry in a table (verb.h); --help and the man page's VERBS
 * section are printed from the same tables.
 */
#include "tui/verbs/verb.h"
#include "lib/util.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Takes the value of an option that needs one, or exits with a usage error. */
static const char *
need_value(int *i, int argc, char **argv)
{
	if (*i + 1 >= argc) {
		fprintf(stderr, "oltui: option %s needs a value\n", argv[*i]);
		exit(EXIT_USAGE);
	}
	return argv[++*i];
}

int
main(int argc, char **argv)
{
	struct globals g = { 0 };
	const struct verb *v;
	int i;

	setlocale(LC_ALL, "");
	g.db_path = getenv("OLTUI_DB");
	g.key_file = getenv("OLTUI_KEY_FILE");
	g.config_dir = getenv("OLTUI_CONFIG_DIR");

	for (i = 1; i < argc && argv[i][0] == '-'; i++) {
		const char *a = argv[i];

		if (strcmp(a, "--") == 0) {
			i++;
			break;
		} else if (strcmp(a, "--version") == 0 || strcmp(a, "-V") == 0) {
			return verbs_base[1].run(1, argv, &g);
		} else if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			help_print(stdout);
			return EXIT_OK;
		} else if (strcmp(a, "--help-man") == 0) {
			help_print_man(stdout);
			return EXIT_OK;
		} else if (strcmp(a, "--db") == 0) {
			g.db_path = need_value(&i, argc, argv);
		} else if (strcmp(a, "--key-file") == 0) {
			g.key_file = need_value(&i, argc, argv);
		} else if (strcmp(a, "--config-dir") == 0) {
			g.config_dir = need_value(&i, argc, argv);
		} else if (strcmp(a, "--json") == 0) {
			g.json = true;
		} else if (strcmp(a, "--ascii") == 0) {
			g.ascii = true;
		} else {
			fprintf(stderr, "oltui: unknown option '%s' (try oltui --help)\n", a);
			return EXIT_USAGE;
		}
	}

	if (i >= argc) {
		if ((v = verb_find("console")) != NULL)
			return v->run(1, (char *[]){ (char *)"console", NULL }, &g);
		help_print(stderr);
		return EXIT_USAGE;
	}
	if ((v = verb_find(argv[i])) == NULL) {
		fprintf(stderr, "oltui: no verb called '%s' (try oltui --help)\n", argv[i]);
		return EXIT_USAGE;
	}
	return v->run(argc - i, argv + i, &g);
}
