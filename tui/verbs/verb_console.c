/*
 * verb_console.c — `oltui console` (what `oltui` without a verb opens).
 * `oltui demo`, the console on a simulated lab, is in demo.c.
 */
#include "tui/verbs/verb.h"

#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "tui/console/console.h"

/* What `oltui console` reads. */
struct console_args {
	struct verb_common	 c;
	bool			 sweep;
	bool			 keys_markdown;
};

/* `oltui console [--sweep] ...`. */
static int
run_console(void *args)
{
	struct console_args *a = args;
	struct console_opts o = { 0 };

	if (a->keys_markdown) {
		keys_print_markdown(stdout);
		return EXIT_OK;
	}
	o.sweep = a->sweep;
	o.accept_new_host_key = a->c.accept_new_host_key;
	o.known_hosts = a->c.known_hosts;
	return console_run(a->c.g, &o);
}

static const struct verb_opt console_opts[] = {
	{ .name = "--sweep", .type = VA_FLAG, .off = offsetof(struct console_args, sweep),
	  .help = "read every OLT over SNMP at start" },
	VOPT_ACCEPT_HOST_KEY,
	VOPT_KNOWN_HOSTS,
	{ .name = "--keys-markdown", .type = VA_FLAG,
	  .off = offsetof(struct console_args, keys_markdown),
	  .help = "print the console's key table in Markdown (docs/console.md) and exit" },
	VOPT_END,
};

const struct verb verbs_console[] = {
	{ .name = "console", .summary = "open the console (the default without a verb)",
	  .opts = console_opts, .size = sizeof(struct console_args), .run = run_console },
	VERB_END,
};
