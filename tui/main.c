/*
 * main.c — argv to the console, a headless verb, or `demo`.
 *
 *   oltui [GLOBAL OPTIONS] [VERB [ARGS…]]
 *
 * Global options come before the verb; without a verb oltui opens the
 * console.  Everything else — the global options' table, the verb tables,
 * the one argument parser, help and exit statuses — is tui/verbs/verb.h.
 */
#include "tui/verbs/verb.h"

#include <locale.h>

int
main(int argc, char **argv)
{
	setlocale(LC_ALL, "");
	return verb_main(argc, argv);
}
