/*
 * verb_device.c — the device verbs.  (Table filled as the verbs arrive.)
 */
#include "tui/verb.h"

#include <stddef.h>

const struct verb verbs_device[] = {
	{ NULL, NULL, NULL, NULL },
};
