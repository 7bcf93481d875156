/*
 * acme_cli.c — the Acme Photon P8 table for the CLI engine (cli_dialect.h).
 *
 * The device (tests/drivers/acme_device.py) prints, verbatim:
 *   login        "acme login: " then "Passphrase: "; a refusal is
 *                "Access denied." and the login prompt again; it lands in
 *                user mode "acme>", `enable` (no secret) gives "acme#";
 *   modes        `configure` -> "acme(config)#", `interface pon 1/2/3` ->
 *                "acme(pon-1/2/3)#", `exit` one level up, `end` back to
 *                privileged; `show` is valid in privileged and
 *                configuration mode only;
 *   pager        "<< more: SPACE next page, Q quit >>" every 20 lines,
 *                erased with CR + ESC[K once answered (it cannot be
 *                switched off, so the engine answers it);
 *   questions    "Remove ONU 1/2/3:5 and its service flows? [yes/no]: ",
 *                "Reboot ONU ...? [yes/no]: "; logout asks
 *                "Close this session? [yes/no]: ";
 *   errors       "ERROR: ONU 1/2/3:5 does not exist" (and every refusal),
 *                "% Unknown command: 'x' (in pon mode)"; "BUSY: ..." when
 *                the node is saving; empty tables say "No unconfigured
 *                ONUs.", "No ONUs on pon 1/2/3.", "No service flows.".
 * Set-up: `terminal width 200` (no wrapped lines).
 */
#include "tests/drivers/acme.h"

#include <stddef.h>

static const char *const acme_login_errors[] = {
	"Access denied",
	NULL
};

static const struct dialect_question acme_login_questions[] = {
	{ NULL, DQ_ENTER, NULL, NULL }
};

static const struct dialect_mode acme_modes[] = {
	{ CLI_MODE_CONFIG, "^[[:space:]]*([[:alnum:]_.-]+)\\(config\\)#[[:space:]]*$", NULL },
	{ CLI_MODE_IF, "^[[:space:]]*([[:alnum:]_.-]+)\\(pon-[0-9]+/[0-9]+/[0-9]+\\)#[[:space:]]*$",
	  "interface pon %s" },
	{ CLI_MODE_OTHER, "^[[:space:]]*([[:alnum:]_.-]+)\\([^()]*\\)#[[:space:]]*$", NULL },
	{ CLI_MODE_PRIV, "^[[:space:]]*([[:alnum:]_.-]+)#[[:space:]]*$", NULL },
	{ CLI_MODE_USER, "^[[:space:]]*([[:alnum:]_.-]+)>[[:space:]]*$", NULL },
	{ CLI_MODE_UNKNOWN, NULL, NULL }
};

static const struct dialect_question acme_questions[] = {
	{ "Close this session\\? \\[yes/no\\]:[[:space:]]*$", DQ_LOGOUT, "yes", "no" },
	{ "\\[yes/no\\]:[[:space:]]*$", DQ_CONFIRM, "yes", "no" },
	{ NULL, DQ_ENTER, NULL, NULL }
};

static const struct dialect_error acme_errors[] = {
	{ "^[[:space:]]*No (unconfigured ONUs|ONUs on pon [0-9/]+|service flows)\\.", ERR_EMPTY,
	  false },
	{ "^[[:space:]]*BUSY:", ERR_BUSY, false },
	{ "^[[:space:]]*% *Unknown command", ERR_SYNTAX, false },
	{ "^[[:space:]]*ERROR:", ERR_FAILURE, true },
	{ NULL, ERR_NONE, false }
};

static const char *const acme_setup[] = {
	"terminal width 200",
	NULL
};

const struct cli_dialect acme_cli = {
	.name = "acme",
	.user_prompt = "login:[[:space:]]*$",
	.password_prompt = "passphrase:[[:space:]]*$",
	.login_errors = acme_login_errors,
	.login_questions = acme_login_questions,
	.modes = acme_modes,
	.pager = "<< more: SPACE next page, Q quit >>",
	.pager_answer = " ",
	.questions = acme_questions,
	.errors = acme_errors,
	.setup = acme_setup,
	.enable = "enable",
	.config = "configure",
	.up = "exit",
	.top = "end",
	.logout = "logout",
};
