/*
 * persona.c — picks the CLI persona for a vendor.
 *
 * TEMPORARY: persona_huawei and persona_zte live in huawei.c and zte.c,
 * written on other branches.  Until they are merged the references are
 * weak, so oltsim links without them and persona_for() returns NULL (the
 * servers then tell the client that this build has no persona).  A weak
 * reference does not pull a member out of liblab.a, so the two #pragma weak
 * lines must be removed once both personas are on main.
 */
#include <stddef.h>

#include "tests/lab/persona.h"

#pragma weak persona_huawei
#pragma weak persona_zte

/* Returns the persona for a vendor, or NULL when it is not built in. */
const struct persona *
persona_for(enum sim_vendor v)
{
	const struct persona *p = v == SIM_HUAWEI ? &persona_huawei : &persona_zte;

	return p;
}
