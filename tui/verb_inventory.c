/*
 * verb_inventory.c — the inventory verbs.  (Table filled as the verbs arrive.)
 */
#include "tui/verb.h"

#include <stddef.h>

const struct verb verbs_inventory[] = {
	{ NULL, NULL, NULL, NULL },
};
