/*
 * huawei_cli.c — the Huawei SmartAX (MA5600T/MA5608T/MA5683T/MA5800/
 * EA5800) table for the CLI engine.
 *
 * Sources: reference/huawei-cli.md (real captures), automation-quirks.md
 * (netmiko, oxidized, NOC).  Session set-up, in privileged mode: `undo
 * smart` (no "{ <cr>|... }:" questions), `undo interactive` (fewer y/n),
 * `scroll 512` (the largest page; paging cannot be switched off, so the pager
 * is still answered), `infoswitch cli OFF` (no debug output) and `undo alarm
 * output all` (no alarm blocks).  A build that lacks one of them answers
 * "% Unknown command", which the engine ignores for set-up commands.
 * Modes: `config` enters, `quit` goes up one level, `return` goes back to
 * privileged; `quit` from privileged logs out after a (y/n) question.
 *
 * What cleaning removes (textclean.h), for the engine's output and for a
 * capture `oltui parse huawei` reads: the pager marker "---- More ( Press
 * 'Q' to break ) ----" (a live terminal erases it with ESC[37D, 37 blanks,
 * ESC[37D; a capture that kept only the text still has it); the smart
 * question "{ <cr>|ont-type<K> }:" answered with Enter and the "  Command:"
 * block after it that repeats the command, wrapped at 80 columns onto lines
 * indented 10 (reference/huawei-cli.md §2.2, §4.1, §4.5); asynchronous
 * alarm reports "! <n>[<date> <time>]:" ... "ALARM ..." ... "--- END"
 * printed between the lines of any output when alarm output is on (the
 * shape NOC strips, automation-quirks.md); the diagnose prompt "host%%".
 */
#include "drivers/huawei.h"

#include <stddef.h>

static const char *const huawei_login_errors[] = {
	"Username or password invalid",
	"Reenter times have reached the upper limit",
	"[Pp]ermission denied",
	"Login incorrect",
	"The user has logged on|user number has reached|too many users",
	NULL
};

static const struct dialect_question huawei_login_questions[] = {
	/* A forced password change is refused: a tool must not change it. */
	{ "([Cc]hange (it )?now|change the password).*(\\[Y/N\\]|\\(y/n\\)|YES/NO)[^[:alnum:]]*$",
	  DQ_TEXT, "n", NULL },
	/* MA5800 post-login YES/NO question (netmiko #3044 / PR #3099). */
	{ "YES/NO[^[:alnum:]]*$", DQ_TEXT, "yes", NULL },
	{ NULL, DQ_ENTER, NULL, NULL }
};

static const struct dialect_mode huawei_modes[] = {
	{ CLI_MODE_CONFIG, "^[[:space:]]*([^[:space:]()#>]+)\\(config\\)#[[:space:]]*$", NULL },
	{ CLI_MODE_IF, "^[[:space:]]*([^[:space:]()#>]+)\\(config-if-gpon-[0-9]+/[0-9]+\\)#[[:space:]]*$",
	  "interface gpon %s" },
	{ CLI_MODE_OTHER, "^[[:space:]]*([^[:space:]()#>]+)\\([^()]*\\)(#|%%)[[:space:]]*$", NULL },
	{ CLI_MODE_PRIV, "^[[:space:]]*([^[:space:]()#>]+)#[[:space:]]*$", NULL },
	{ CLI_MODE_USER, "^[[:space:]]*([^[:space:]()#>]+)>[[:space:]]*$", NULL },
	{ CLI_MODE_UNKNOWN, NULL, NULL }
};

static const struct dialect_question huawei_questions[] = {
	{ "\\{ *(<cr>)?[^{}]*\\}:[[:space:]]*$", DQ_ENTER, NULL, NULL },
	{ "Are you sure to log out\\?[[:space:]]*\\(y/n\\)[[:space:]]*\\[[yn]\\]:?[[:space:]]*$",
	  DQ_LOGOUT, "y", "n" },
	{ "\\(y/n\\)[[:space:]]*\\[[yn]\\]:?[[:space:]]*$", DQ_CONFIRM, "y", "n" },
	{ "Are you sure to [^?]*\\?[[:space:]]*$", DQ_CONFIRM, "y", "n" },
	{ NULL, DQ_ENTER, NULL, NULL }
};

static const struct dialect_error huawei_errors[] = {
	{ "^[[:space:]]*Failure: *The automatically found ONTs do not exist", ERR_EMPTY, false },
	{ "^[[:space:]]*Failure: *System is busy", ERR_BUSY, true },
	{ "^[[:space:]]*Failure: *System is reading or writing flash", ERR_BUSY, true },
	{ "^[[:space:]]*Failure: *Command can not be executed rightly.*retry later", ERR_BUSY, true },
	{ "^[[:space:]]*% *Unknown command", ERR_SYNTAX, false },
	{ "^[[:space:]]*% *Parameter error", ERR_SYNTAX, false },
	{ "^[[:space:]]*% *Too many parameters", ERR_SYNTAX, false },
	{ "^[[:space:]]*% *Ambiguous command", ERR_SYNTAX, false },
	{ "^[[:space:]]*% *Incomplete command", ERR_SYNTAX, false },
	{ "^[[:space:]]*Incorrect command", ERR_SYNTAX, false },
	{ "^[[:space:]]*Failure:", ERR_FAILURE, true },
	{ "^[[:space:]]*Error:", ERR_FAILURE, true },
	{ NULL, ERR_NONE, false }
};

static const char *const huawei_setup[] = {
	"undo smart",
	"undo interactive",
	"scroll 512",
	"infoswitch cli OFF",
	"undo alarm output all",
	NULL
};

static const struct dialect_marker huawei_markers[] = {
	{ .text = "---- More ( Press 'Q' to break ) ----" },
	{ .text = NULL }
};

/* The smart question: a keyword (<K>), value (<U>, <S>) or Enter (<cr>)
   list in braces, then "}:". */
static const char *const huawei_answered[] = {
	"^[ \t]*\\{[^{}]*(<cr>|<[KUS]>)[^{}]*\\}:",
	NULL
};

static const struct dialect_block huawei_blocks[] = {
	{ .start = "^[ \t]*! *[0-9]+\\[[^]]*\\]:", .end = "^[ \t]*-+ *END[ \t]*$",
	  .word = "ALARM", .max_lines = 80 },
	{ .start = NULL }
};

static const char *const huawei_prompt_ends[] = {
	"%%",		/* diagnose mode: "host(diagnose)%%" */
	NULL
};

const struct cli_dialect huawei_cli = {
	.name = "huawei",
	.user_prompt = "user ?name( *\\([^)]*\\))?:[[:space:]]*$",
	.password_prompt = "password( *\\([^)]*\\))?:[[:space:]]*$",
	.login_errors = huawei_login_errors,
	.login_questions = huawei_login_questions,
	.modes = huawei_modes,
	.pager = "---- More \\( Press 'Q' to break \\) ----",
	.pager_answer = " ",
	.questions = huawei_questions,
	.errors = huawei_errors,
	.setup = huawei_setup,
	.enable = "enable",
	.config = "config",
	.up = "quit",
	.top = "return",
	.logout = "quit",
	.markers = huawei_markers,
	.answered = huawei_answered,
	.echo_header = "Command:",
	.blocks = huawei_blocks,
	.prompt_ends = huawei_prompt_ends,
};
