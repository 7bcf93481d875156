/*
 * vendor.c — the list of vendor tables and their lookup by name.
 */
#include "drivers/vendor.h"

#include <string.h>

static const struct vendor *const vendors[] = { &vendor_huawei, &vendor_zte };

/* Returns the vendor called name, or NULL. */
const struct vendor *
vendor_find(const char *name)
{
	for (size_t i = 0; i < sizeof vendors / sizeof vendors[0]; i++) {
		if (strcmp(vendors[i]->name, name) == 0)
			return vendors[i];
	}
	return NULL;
}

/* Names a mode for messages. */
const char *
vendor_mode_name(enum cli_mode m)
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
