/*
 * cli_mode.c — moving a CLI session between modes (privileged, config,
 * interface, ONU management), in-band keepalive, and logout.  Built on
 * cli_run(); the mode always comes from the prompt the device printed, so a
 * step that lands elsewhere is reported, never assumed.
 */
#include "drivers/cli_impl.h"

#include <stdlib.h>
#include <string.h>

/* Runs a mode-changing command and checks where it landed. */
static int
mode_step(struct cli *c, const char *cmd, enum cli_mode want,
    struct err *err)
{
	if (cli_run(c, cmd, NULL, NULL, err) != 0)
		return -1;
	if (want != CLI_MODE_UNKNOWN && c->mode != want) {
		cli_set_error(err, ERR_FAILURE, cmd, NULL, "\"%s\" on %s led to "
		    "%s mode, not %s", cmd, c->t->label,
		    cli_mode_name(c->mode), cli_mode_name(want));
		return -1;
	}
	return 0;
}

/* Back to privileged mode (see cli.h). */
int
cli_leave(struct cli *c, struct err *err)
{
	if (c->mode == CLI_MODE_PRIV)
		return 0;
	if (c->mode == CLI_MODE_USER)
		return mode_step(c, c->v->enable, CLI_MODE_PRIV, err);
	return mode_step(c, c->v->top, CLI_MODE_PRIV, err);
}

/* Replaces the "%s" in a table's mode command with arg. */
static char *
fill_arg(const char *fmt, const char *arg)
{
	const char *at = strstr(fmt, "%s");

	if (at == NULL)
		return xstrdup(fmt);
	return xasprintf("%.*s%s%s", (int)(at - fmt), fmt, arg, at + 2);
}

/* Moves to a mode (see cli.h). */
int
cli_enter(struct cli *c, enum cli_mode mode, const char *arg,
    struct err *err)
{
	const struct dialect_mode *vm = NULL;
	char *cmd;
	size_t i;
	int rc;

	if (mode == CLI_MODE_PRIV)
		return cli_leave(c, err);
	if (mode == c->mode && (arg == NULL || (c->mode_arg != NULL &&
	    strcmp(arg, c->mode_arg) == 0)))
		return 0;
	if (mode != CLI_MODE_CONFIG) {
		for (i = 0; c->v->modes[i].prompt != NULL; i++)
			if (c->v->modes[i].mode == mode && c->v->modes[i].enter != NULL)
				vm = &c->v->modes[i];
		if (vm == NULL || arg == NULL) {
			cli_set_error(err, ERR_REFUSED, NULL, NULL, "%s mode %s "
			    "on %s (%s)", vm == NULL ? "there is no" : "need an "
			    "argument for", cli_mode_name(mode), c->t->label,
			    c->v->name);
			return -1;
		}
	}
	if (c->mode == CLI_MODE_IF || c->mode == CLI_MODE_ONU ||
	    c->mode == CLI_MODE_OTHER) {
		if (mode_step(c, c->v->up, CLI_MODE_UNKNOWN, err) != 0)
			return -1;
	}
	if (c->mode != CLI_MODE_CONFIG) {
		if (cli_leave(c, err) != 0 ||
		    mode_step(c, c->v->config, CLI_MODE_CONFIG, err) != 0)
			return -1;
	}
	if (mode == CLI_MODE_CONFIG)
		return 0;
	cmd = fill_arg(vm->enter, arg);
	rc = mode_step(c, cmd, mode, err);
	free(cmd);
	if (rc == 0) {
		free(c->mode_arg);
		c->mode_arg = xstrdup(arg);
	}
	return rc;
}

/* In-band keepalive: an empty line, wait for the prompt. */
int
cli_keepalive(struct cli *c, struct err *err)
{
	struct cli_run_opts o = { .no_retry = true };

	return cli_run(c, "", &o, NULL, err);
}

/* Logs out (see cli.h). */
int
cli_logout(struct cli *c, struct err *err)
{
	struct cli_run_opts o = { .timeout_ms = 5000 };
	char *clean = NULL;
	int rc;

	if (c->broken)
		return cli_refuse_broken(c, c->v->logout, err);
	if (c->mode != CLI_MODE_PRIV && c->mode != CLI_MODE_USER &&
	    cli_leave(c, err) != 0)
		return -1;
	rc = cli_run_once(c, c->v->logout, &o, PH_LOGOUT, 1, &clean, err);
	free(clean);
	c->broken = true;
	return rc;
}
