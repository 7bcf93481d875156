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
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>

/* LeakSanitizer stops the process with ptrace, which a process that is not
   dumpable refuses: the sanitizer builds (make check) stay dumpable. */
#if defined(__SANITIZE_ADDRESS__)
#define OLTUI_KEEP_DUMPABLE 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define OLTUI_KEEP_DUMPABLE 1
#endif
#endif
#ifndef OLTUI_KEEP_DUMPABLE
#define OLTUI_KEEP_DUMPABLE 0
#endif

int
main(int argc, char **argv)
{
	/* oltui holds the vault key and device passwords in memory: no core
	   dump may write them to disk, and no other process of the same user
	   may read this one's memory (ptrace, /proc/PID/mem) — as ssh-agent
	   and gpg-agent do.  OLTUI_DUMPABLE=1 allows both, to debug a crash
	   (docs/security.md). */
	const char *d = getenv("OLTUI_DUMPABLE");

	if (!OLTUI_KEEP_DUMPABLE && (d == NULL || strcmp(d, "1") != 0))
		(void)prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
	setlocale(LC_ALL, "");
	return verb_main(argc, argv);
}
