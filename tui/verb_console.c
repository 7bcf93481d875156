/*
 * verb_console.c — the console verbs.  (Table filled as the verbs arrive.)
 */
#include "tui/verb.h"

#include <stddef.h>

const struct verb verbs_console[] = {
	{ NULL, NULL, NULL, NULL },
};
