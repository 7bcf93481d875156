/*
 * verb_poll.c — the poll verbs.  (Table filled as the verbs arrive.)
 */
#include "tui/verb.h"

#include <stddef.h>

const struct verb verbs_poll[] = {
	{ NULL, NULL, NULL, NULL },
};
