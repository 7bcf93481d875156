/*
 * fuzz_cli.c — the CLI engine (drivers/cli.c, cli_mode.c, cli_output.c)
 * against a device that says whatever the input says: the login dialogue
 * (user name and password prompts, post-login questions, pagers), prompts
 * and mode changes, pagers and (y/n) questions inside output, errors,
 * alarm blocks, echo, hang-ups — for every registered dialect.
 *
 * Input: byte 0 picks the driver (its dialect), byte 1 the link (bit 0:
 * Telnet, in-band login, Enter = CR LF; bit 1: a password is configured;
 * bit 2: a user name), byte 2 the read chunk (0 = 16 KiB), byte 3 the
 * number of operations (up to 15) and the next bytes one operation each;
 * the rest are the device's parts (harness.h fz_link): the first is its
 * greeting, each line written releases the next.
 *
 * Invariants: every line written is one line with no control byte, then
 * the link's Enter (the link checks it); a command holding CR, LF or ESC
 * is refused (ERR_REFUSED) and nothing is written; the clean output of
 * every exchange, the host name and every error message are clean text
 * (but for line breaks: lib/text.h); the password
 * never appears in the transcript; a failure always has a message; a
 * session that timed out or closed is broken and refuses further use.
 */
#define _GNU_SOURCE	/* memmem */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "drivers/cli.h"
#include "drivers/driver.h"
#include "lib/util.h"
#include "tests/fuzz/harness.h"

#define PASSWORD "Pw-Fz.9q"

static const char *const commands[] = {
	"display ont autofind all",
	"display ont info 0 1 0 all",
	"display ont optical-info 0 all",
	"ont add 0 sn-auth HWTC6B886FA5 omci ont-lineprofile-id 10",
	"show gpon onu state gpon-olt_1/1/1",
	"show running-config interface gpon-onu_1/1/1:5",
	"show version-running",
	"display board 0",
};
static const char *const hostile[] = {
	"display version\r\nreboot",
	"display version\nreboot",
	"show card\x1b[2J",
	"show card\r",
};
static const char *const args[] = {
	"0/1", "gpon-olt_1/1/1", "gpon-onu_1/1/1:5", "1/2/3", "0/1\r\nreboot",
	"gpon-onu_1/1/1:5\x1b",
};

/* Checks one exchange of the transcript; arg is non-NULL when the
   password was given (a device may say the same letters unasked). */
static void
on_exchange(void *arg, const struct cli_exchange *x)
{
	fz_clean("an exchange's clean output", x->clean, true);
	if (x->command == NULL)
		fz_fail("an exchange without a command");
	if (strstr(x->command, PASSWORD) != NULL)
		fz_fail("the password is in the transcript's command \"%s\"", x->command);
	if (arg != NULL && strcmp(x->command, "<login>") == 0 && x->raw != NULL &&
	    memmem(x->raw, x->raw_len, PASSWORD, strlen(PASSWORD)) != NULL)
		fz_fail("the password is in the login transcript");
}

/* Checks what a failed call left (password: when one was given). */
static void
check_err(struct cli *c, const struct err *e, bool password)
{
	if (e->message == NULL || e->message[0] == '\0')
		fz_fail("a CLI failure without a message");
	fz_clean("a CLI error message", e->message, true);
	if (password && strstr(e->message, PASSWORD) != NULL)
		fz_fail("the password is in an error message");
	if ((e->kind == ERR_TIMEOUT || e->kind == ERR_CLOSED) && !cli_broken(c))
		fz_fail("a session that %s is not marked broken",
		    e->kind == ERR_TIMEOUT ? "timed out" : "closed");
}

/* Runs a command that must be refused before anything is written. */
static void
run_hostile(struct cli *c, struct fz_link *l, const char *cmd)
{
	size_t before = fz_link_written(l);
	struct err e = { 0 };
	char *out = NULL;

	if (cli_run(c, cmd, NULL, &out, &e) == 0)
		fz_fail("a command holding a control byte was run");
	if (!cli_broken(c) && e.kind != ERR_REFUSED)
		fz_fail("a command holding a control byte failed as %d, not refused", e.kind);
	if (fz_link_written(l) != before)
		fz_fail("a command holding a control byte reached the device");
	free(out);
	err_clear(&e);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct cli_options o = { 5000, 5000, 1, 1 };
	struct fz in = { data, size };
	const struct olt_driver *d;
	unsigned link, chunk, nops;
	uint8_t ops[16];
	struct fz_link *l;
	struct cli *c;
	struct err e = { 0 };
	bool telnet;

	if (size < 4 || driver_count() == 0)
		return 0;
	d = driver_at(fz_byte(&in) % driver_count());
	link = fz_byte(&in);
	chunk = fz_byte(&in);
	nops = fz_byte(&in) % 16;
	for (unsigned i = 0; i < nops; i++)
		ops[i] = (uint8_t)fz_byte(&in);
	if (d->cli == NULL)
		return 0;
	telnet = (link & 1) != 0;
	c = cli_new(fz_link_open(&in, telnet ? "\r\n" : "\n", telnet,
	    chunk == 0 ? 16384 : chunk, &l), d->cli, &o);
	cli_set_transcript(c, on_exchange, (link & 2) ? (void *)PASSWORD : NULL);
	if (cli_login(c, (link & 4) ? "fuzzuser" : NULL, (link & 2) ? PASSWORD : NULL,
	    &e) != 0) {
		check_err(c, &e, (link & 2) != 0);
		err_clear(&e);
		cli_close(c);
		return 0;
	}
	fz_clean("the host name", cli_hostname(c), false);
	for (unsigned i = 0; i < nops; i++) {
		unsigned op = ops[i], which = op >> 3;
		struct cli_run_opts ro = { .confirm = (op & 0x80) != 0 };
		char *out = NULL;
		int rc = 0;

		switch (op % 8) {
		case 0:
			rc = cli_run(c, commands[which % nitems(commands)], &ro, &out, &e);
			if (rc == 0)
				fz_clean("a command's output", out, true);
			free(out);
			break;
		case 1:
			run_hostile(c, l, hostile[which % nitems(hostile)]);
			break;
		case 2:
			rc = cli_enter(c, CLI_MODE_CONFIG, NULL, &e);
			break;
		case 3:
			rc = cli_enter(c, CLI_MODE_IF, args[which % nitems(args)], &e);
			break;
		case 4:
			rc = cli_enter(c, CLI_MODE_ONU, args[which % nitems(args)], &e);
			break;
		case 5:
			rc = cli_leave(c, &e);
			break;
		case 6:
			rc = cli_keepalive(c, &e);
			break;
		default:
			rc = cli_logout(c, &e);
			break;
		}
		if (rc != 0)
			check_err(c, &e, (link & 2) != 0);
		err_clear(&e);
	}
	cli_free(c);
	return 0;
}
