/*
 * verb_console.c — the console verbs: `console` (what `oltui` without a
 * verb opens) and `demo` (the console on a simulated lab).
 */
#include "tui/verb.h"

#include <stddef.h>
#include <string.h>

#include "tui/console.h"

/* `oltui console [--sweep]`. */
static int
run_console(int argc, char **argv, const struct globals *g)
{
	bool sweep = false;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--sweep") == 0)
			sweep = true;
		else
			return verb_usage_error("console", "unknown argument '%s'", argv[i]);
	}
	return console_run(g, sweep);
}

const struct verb verbs_console[] = {
	{ "console", "[--sweep]", "open the console (the default without a verb); "
	    "--sweep reads every OLT at start", run_console },
	{ "demo", "[--dir DIR] [--no-life] [--seed N]", "the console on a simulated "
	    "lab (oltsim): 2 OLTs, 64 ONTs, scratch database", demo_run },
	{ NULL, NULL, NULL, NULL },
};
