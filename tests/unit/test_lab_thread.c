/* test_lab_thread.c — oltsim's threads sharing the fleet: the life thread
   stepping every millisecond while two threads run control verbs (cut,
   restore, set-levels, set-state, add-autofind, tick, dump) against the
   same OLTs.  Built under TSan by `make check`; here it checks that the
   state is consistent afterwards. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <cJSON.h>

#include "tests/lab/lab.h"

static const struct fleet_opts opts = { .huawei = 1, .zte = 1, .boards = 1,
	.pons = 2, .onts = 32, .seed = 9 };

struct worker {
	struct sim_fleet	*f;
	const char		*olt;
	const char		*fsp;
	int			 rounds;
	int			 bad;
};

/* Runs control verbs in a loop; counts answers that are not "ok…". */
static void *
worker_main(void *arg)
{
	struct worker *w = arg;
	char line[128];
	bool quit;

	for (int i = 0; i < w->rounds; i++) {
		char *ans;

		switch (i % 6) {
		case 0: snprintf(line, sizeof line, "cut %s %s", w->olt, w->fsp); break;
		case 1: snprintf(line, sizeof line, "restore %s %s", w->olt, w->fsp); break;
		case 2: snprintf(line, sizeof line, "set-levels %s %s 3 rx=-25.5", w->olt, w->fsp); break;
		case 3: snprintf(line, sizeof line, "add-autofind %s %s", w->olt, w->fsp); break;
		case 4: snprintf(line, sizeof line, "tick 2"); break;
		default: snprintf(line, sizeof line, "dump %s", w->olt); break;
		}
		ans = ctl_exec(w->f, line, &quit);
		if (!str_startswith(ans, "ok"))
			w->bad++;
		free(ans);
	}
	return NULL;
}

static void
test_life_and_ctl_together(void **state)
{
	struct sim_fleet *f = fleet_new(&opts);
	struct worker w[2] = {
		{ f, "hw-1", "0/1/0", 300, 0 },
		{ f, "zte-1", "1/1/2", 300, 0 },
	};
	pthread_t th[2];
	char *cause = NULL, *js;
	bool quit;
	cJSON *j;

	(void)state;
	assert_int_equal(life_start(f, 1, &cause), 0);
	for (int i = 0; i < 2; i++)
		assert_int_equal(pthread_create(&th[i], NULL, worker_main, &w[i]), 0);
	for (int i = 0; i < 2; i++)
		pthread_join(th[i], NULL);
	life_stop();
	assert_int_equal(w[0].bad, 0);
	assert_int_equal(w[1].bad, 0);

	/* The last cut (round 294) was followed by a restore (round 295). */
	assert_false(olt_pon(fleet_olt(f, "hw-1"), 0, 1, 0)->cut);
	free(ctl_exec(f, "cut zte-1 1/1/2", &quit));
	life_steps(f, 50);
	{
		struct sim_pon *pon = olt_pon(fleet_olt(f, "zte-1"), 1, 1, 2);

		for (int id = 0; id <= SIM_MAX_ONTS; id++)
			if (pon->onts[id] != NULL)
				assert_int_not_equal(pon->onts[id]->state, SIM_ONLINE);
	}
	js = state_json(f, NULL);
	j = cJSON_Parse(js);
	assert_non_null(j);
	assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(j, "olts")), 2);
	cJSON_Delete(j);
	free(js);
	fleet_free(f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_life_and_ctl_together),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
