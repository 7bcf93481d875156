/*
 * exec_cli.c — the CLI executor (executor.h): plan steps sent over a CLI
 * session from the engine's session pool, each in its mode, with its
 * (y/n) confirmation when the step expects one; the read-back through the
 * driver's ont_config (the ONT's detail and service ports).
 *
 * Runs on the thread running the write.
 */
#include "core/executor.h"

#include <stdlib.h>
#include <string.h>

#include "core/engine.h"
#include "drivers/cli.h"
#include "lib/util.h"

static int
cli_x_open(const struct exec_target *t, void **h, struct err *e)
{
	struct session *s;

	if (engine_acquire(t->eng, t->olt, t->acquire_ms, &s, e) != 0)
		return -1;
	if (session_cli(s) == NULL) {
		engine_release(t->eng, s, false);
		err_set(e, ERR_REFUSED, "OLT %s: its driver's sessions are not a CLI",
		    t->olt->name);
		return -1;
	}
	*h = s;
	return 0;
}

static int
cli_x_step(void *h, const struct exec_target *t, const struct plan_step *s, bool undo,
    char **answer, struct err *e)
{
	struct cli *c = session_cli(h);
	enum cli_mode mode = undo ? s->undo_mode : s->mode;
	const char *arg = undo ? s->undo_mode_arg : s->mode_arg;
	struct cli_run_opts ro = { .confirm = undo ? s->undo_confirm : s->confirm,
	    .timeout_ms = t->step_timeout_ms };

	*answer = NULL;
	if (mode != CLI_MODE_UNKNOWN && cli_enter(c, mode, arg, e) != 0)
		return -1;
	return cli_run(c, undo ? s->undo : s->command, &ro, answer, e);
}

static int
cli_x_read_config(void *h, const struct exec_target *t, const char *port, int ont_id,
    struct ont_config *out, struct err *e)
{
	return t->drv->reads->ont_config(h, port, ont_id, out, e);
}

static bool
cli_x_broken(void *h)
{
	return session_broken(h);
}

static void
cli_x_close(void *h, const struct exec_target *t, bool discard, bool keep_mode)
{
	struct cli *c = session_cli(h);
	struct err e = { 0 };

	if (!discard && !session_broken(h) && !keep_mode && cli_leave(c, &e) != 0)
		err_clear(&e);
	engine_release(t->eng, h, discard);
}

const struct executor exec_cli = {
	.name = PLAN_EXEC_CLI,
	.open = cli_x_open,
	.step = cli_x_step,
	.read_config = cli_x_read_config,
	.broken = cli_x_broken,
	.close = cli_x_close,
};
