/*
 * cli_dialect.c — the words of the CLI modes, and compiling a dialect's
 * patterns (the engine per session, the text cleaner per call).  A dialect
 * itself is a const table in its driver's file (drivers/<vendor>_cli.c); the
 * driver that binds it is found by name in the registry (driver.h).
 */
#include "drivers/cli_dialect.h"

#include <string.h>

#include <stdio.h>
#include <stdlib.h>

/* Names a mode for messages. */
const char *
cli_mode_name(enum cli_mode m)
{
	switch (m) {
	case CLI_MODE_USER:	return "user";
	case CLI_MODE_PRIV:	return "privileged";
	case CLI_MODE_CONFIG:	return "config";
	case CLI_MODE_IF:	return "interface";
	case CLI_MODE_ONU:	return "onu";
	case CLI_MODE_OTHER:	return "other";
	default:		return "unknown";
	}
}

enum cli_mode
cli_mode_by_name(const char *name)
{
	for (int m = CLI_MODE_UNKNOWN; m <= CLI_MODE_OTHER; m++)
		if (name != NULL && strcmp(cli_mode_name((enum cli_mode)m), name) == 0)
			return (enum cli_mode)m;
	return CLI_MODE_UNKNOWN;
}

/* Compiles a dialect's pattern; a bad one is a programming error, and no
   memory for it is fatal as it is for xmalloc(). */
void
cli_dialect_compile(regex_t *re, const char *pattern, int flags)
{
	char msg[256];
	int rc;

	rc = regcomp(re, pattern, REG_EXTENDED | flags);
	if (rc == REG_ESPACE) {
		fprintf(stderr, "oltui: out of memory compiling the vendor pattern "
		    "\"%s\"\n", pattern);
		abort();
	}
	if (rc != 0) {
		regerror(rc, re, msg, sizeof msg);
		fprintf(stderr, "oltui: bad vendor pattern \"%s\": %s\n", pattern, msg);
		abort();
	}
}
