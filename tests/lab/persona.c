/*
 * persona.c — picks the CLI persona for a vendor.
 * The personas live in huawei.c and zte.c.
 */
#include <stddef.h>

#include "tests/lab/persona.h"

/* Returns the persona for a vendor. */
const struct persona *
persona_for(enum sim_vendor v)
{
	const struct persona *p = v == SIM_HUAWEI ? &persona_huawei : &persona_zte;

	return p;
}
