/*
 * verb_write.c — the verbs that change devices (discover, provision, ont …,
 * contract suspend/resume, backup, olt test).  (Table filled as they arrive.)
 */
#include "tui/verb.h"

#include <stddef.h>

const struct verb verbs_write[] = {
	{ NULL, NULL, NULL, NULL },
};
