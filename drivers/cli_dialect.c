/*
 * cli_dialect.c — the words of the CLI modes.  A dialect itself is a const
 * table in its driver's file (huawei_cli.c, zte_cli.c); the driver that
 * binds it is found by name in the registry (driver.h).
 */
#include "drivers/cli_dialect.h"

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
