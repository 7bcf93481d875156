/*
 * verb_parse.c — the parse verbs.  (Table filled as the verbs arrive.)
 */
#include "tui/verb.h"

#include <stddef.h>

const struct verb verbs_parse[] = {
	{ NULL, NULL, NULL, NULL },
};
