/*
 * verb_console.c — the console verbs: `console` (what `oltui` without a
 * verb opens) and `demo` (the console on a simulated lab).
 */
#include "tui/verbs/verb.h"

#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "tui/console/console.h"

/* `oltui console [--sweep]`. */
static int
run_console(int argc, char **argv, const struct globals *g)
{
	struct console_opts o = { 0 };

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--sweep") == 0)
			o.sweep = true;
		else if (strcmp(argv[i], "--accept-new-host-key") == 0)
			o.accept_new_host_key = true;
		else if (strcmp(argv[i], "--known-hosts") == 0 && i + 1 < argc)
			o.known_hosts = argv[++i];
		else if (strcmp(argv[i], "--keys-markdown") == 0) {
			keys_print_markdown(stdout);
			return EXIT_OK;
		}
		else
			return verb_usage_error("console", "unknown argument '%s'", argv[i]);
	}
	return console_run(g, &o);
}

const struct verb verbs_console[] = {
	{ "console", "[--sweep] [--accept-new-host-key] [--known-hosts F] [--keys-markdown]", "open the console (the default without a verb); "
	    "--sweep reads every OLT at start; --keys-markdown prints the key table", run_console },
	{ "demo", "[--dir DIR] [--no-life] [--seed N]", "the console on a simulated "
	    "lab (oltsim): 2 OLTs, 64 ONTs, scratch database", demo_run },
	{ NULL, NULL, NULL, NULL },
};
