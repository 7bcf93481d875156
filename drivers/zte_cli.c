/*
 * zte_cli.c — the ZTE ZXA10 C300/C320 (ZXAN) table for the CLI engine.
 *
 * Sources: reference/zte-cli.md (real captures), automation-quirks.md.
 * Login "Username:" / "Password:" (telnet; a bad one gets "%Error 20209"),
 * most users land in privileged mode "ZXAN#".  Set-up: `terminal length 0`
 * (the " --More--" pager is still answered if it shows).  Modes: `configure
 * terminal` (never `conf t`, some builds reject it), `exit` one level up,
 * `end` back to privileged, `exit` from privileged logs out.  The empty-
 * table notice "%Code 32310/62310-GPONSRV : No related information to show."
 * is an empty result, not an error.
 *
 * What cleaning removes (textclean.h): the pager marker " --More--", which
 * "\b \b" x8 erase on a live terminal (leaving its leading blank), and
 * which a capture may still hold with the blank printed before it; some
 * builds print " --More-- \b\b\b" and write the next row over the marker's
 * tail, which renders as "--More" followed by the row (reference/zte-cli.md
 * §2, §4.5).  No smart questions, echo blocks or asynchronous blocks.
 */
#include "drivers/zte.h"

#include <stddef.h>

static const char *const zte_login_errors[] = {
	"%?Error 20209",
	"[Bb]ad password",
	"No username or bad password",
	"Login incorrect",
	"[Pp]ermission denied",
	"[Aa]uthentication failed",
	NULL
};

static const struct dialect_question zte_login_questions[] = {
	{ NULL, DQ_ENTER, NULL, NULL }
};

static const struct dialect_mode zte_modes[] = {
	{ CLI_MODE_CONFIG, "^[[:space:]]*([^[:space:]()#>]+)\\(config\\)#[[:space:]]*$", NULL },
	{ CLI_MODE_IF, "^[[:space:]]*([^[:space:]()#>]+)\\(config-if[^()]*\\)#[[:space:]]*$",
	  "interface %s" },
	{ CLI_MODE_ONU, "^[[:space:]]*([^[:space:]()#>]+)\\((config-pon-onu-mng|gpon-onu-mng)\\)#[[:space:]]*$",
	  "pon-onu-mng %s" },
	{ CLI_MODE_OTHER, "^[[:space:]]*([^[:space:]()#>]+)\\([^()]*\\)#[[:space:]]*$", NULL },
	{ CLI_MODE_PRIV, "^[[:space:]]*([^[:space:]()#>]+)#[[:space:]]*$", NULL },
	{ CLI_MODE_USER, "^[[:space:]]*([^[:space:]()#>]+)>[[:space:]]*$", NULL },
	{ CLI_MODE_UNKNOWN, NULL, NULL }
};

static const struct dialect_question zte_questions[] = {
	{ "\\[yes/no\\]:?[[:space:]]*$", DQ_CONFIRM, "yes", "no" },
	{ "\\(y/n\\)[[:space:]]*(\\[[yn]\\])?:?[[:space:]]*$", DQ_CONFIRM, "y", "n" },
	{ "\\[y/n\\]:?[[:space:]]*$", DQ_CONFIRM, "y", "n" },
	{ NULL, DQ_ENTER, NULL, NULL }
};

static const struct dialect_error zte_errors[] = {
	{ "^[[:space:]]*%Code [0-9]+-GPONSRV *: *No related information to show", ERR_EMPTY, false },
	{ "^[[:space:]]*%Code [0-9]+-GPONSRV *: *The ONU does not exist", ERR_FAILURE, false },
	{ "^[[:space:]]*%?Error [0-9]+: *(Invalid input|Incomplete command|Unrecognized command|Invalid keyword|Invalid command|Ambiguous)",
	  ERR_SYNTAX, false },
	{ "^[[:space:]]*% *(Invalid input|Incomplete command|Ambiguous command)", ERR_SYNTAX, false },
	{ "^[[:space:]]*%?Error [0-9]+:", ERR_FAILURE, false },
	{ NULL, ERR_NONE, false }
};

static const char *const zte_setup[] = {
	"terminal length 0",
	NULL
};

static const struct dialect_marker zte_markers[] = {
	{ .text = "--More--", .flags = DM_BLANK_BEFORE, .head = 6 },
	{ .text = NULL }
};

const struct cli_dialect zte_cli = {
	.name = "zte",
	.user_prompt = "user ?name:[[:space:]]*$",
	.password_prompt = "password:[[:space:]]*$",
	.login_errors = zte_login_errors,
	.login_questions = zte_login_questions,
	.modes = zte_modes,
	.pager = " ?--More--",
	.pager_answer = " ",
	.questions = zte_questions,
	.errors = zte_errors,
	.setup = zte_setup,
	.enable = "enable",
	.config = "configure terminal",
	.up = "exit",
	.top = "end",
	.logout = "exit",
	.markers = zte_markers,
};
