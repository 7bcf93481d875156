/*
 * executor.c — the executors by name (executor.h).
 */
#include "core/executor.h"

#include <string.h>

#include "lib/util.h"

const struct executor *
executor_find(const char *name)
{
	static const struct executor *const all[] = { &exec_cli, &exec_acs };

	for (size_t i = 0; name != NULL && i < nitems(all); i++)
		if (strcmp(all[i]->name, name) == 0)
			return all[i];
	return NULL;
}
