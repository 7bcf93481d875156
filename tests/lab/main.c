/* main.c — oltsim entry point (the lab lands here; see docs/lab.md). */
#include <stdio.h>

int
main(void)
{
	fprintf(stderr, "oltsim: not built yet\n");
	return 2;
}
