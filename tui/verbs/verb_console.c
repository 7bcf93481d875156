/*
 * verb_console.c — the console verbs: `console` (what `oltui` without a
 * verb opens) and `demo` (the console on a simulated lab).
 */
#include "tui/verbs/verb.h"

#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "tui/console/console.h"

#include <curses.h>

/* Prints the command table as a Markdown table (docs/console.md). */
static void
keys_markdown(void)
{
	printf("| command | keys | what it does |\n|---|---|---|\n");
	for (size_t i = 0; i < console_ncmds; i++) {
		const struct cmd *k = &console_cmds[i];
		char keys[64] = "", n[16];
		int v[3] = { k->fkey ? KEY_F(k->fkey) : 0, k->key, k->key2 };

		for (int j = 0; j < 3; j++) {
			if (v[j] == 0)
				continue;
			keys_name(v[j], n, sizeof n);
			snprintf(keys + strlen(keys), sizeof keys - strlen(keys), "%s`%s`",
			    keys[0] ? " " : "", strcmp(n, "|") == 0 ? "\\|" : n);
		}
		printf("| `:%s` | %s | %s |\n", k->name, keys[0] ? keys : "-", k->help);
	}
}

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
			keys_markdown();
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
