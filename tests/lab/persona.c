/*
 * persona.c — picks the CLI persona for a vendor (huawei.c, zte.c).
 */
#include <stddef.h>

#include "tests/lab/persona.h"

/* Returns the persona for a vendor. */
const struct persona *
persona_for(enum sim_vendor v)
{
	return v == SIM_HUAWEI ? &persona_huawei : &persona_zte;
}
