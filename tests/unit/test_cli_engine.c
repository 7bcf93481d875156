/* test_cli_engine.c — the CLI engine over a scripted in-memory transport:
   login dialogues, pagers, questions, errors, echo stripping (also wrapped),
   alarm blocks, busy retry, control-character refusal, modes, logout; and
   the fault wrapper (dropped link, garbled output, slow device). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "drivers/cli.h"
#include "drivers/huawei.h"
#include "drivers/zte.h"
#include "drivers/transport.h"
#include "lib/util.h"

/* ---- a scripted transport: each expected write releases a reply ---- */

struct step {
	const char *expect;	/* exact bytes the engine must write; NULL = at open */
	const char *reply;	/* what the "device" answers */
};

struct script {
	const struct step	*steps;
	size_t			 next;
	struct buf		 pending;	/* reply bytes not yet read */
	struct buf		 written;	/* everything written */
	struct buf		 partial;	/* written, not yet matched */
	size_t			 max_chunk;	/* bytes per read, to split replies */
	int			 closed;	/* device hung up */
	char			*mismatch;
};

static void
script_release(struct script *s)
{
	while (s->steps[s->next].expect != NULL || s->steps[s->next].reply != NULL) {
		const struct step *st = &s->steps[s->next];
		if (st->expect == NULL || strcmp(st->expect, buf_str(&s->partial)) != 0)
			break;
		buf_reset(&s->partial);
		if (st->reply != NULL)
			buf_adds(&s->pending, st->reply);
		else
			s->closed = 1;
		s->next++;
	}
}

static int
script_write(struct transport *t, const void *buf, size_t len, char **cause)
{
	struct script *s = t->priv;
	const struct step *st = &s->steps[s->next];

	buf_add(&s->written, buf, len);
	buf_add(&s->partial, buf, len);
	if (st->expect != NULL && !str_startswith(st->expect, buf_str(&s->partial))) {
		if (s->mismatch == NULL)
			s->mismatch = xasprintf("wrote \"%s\", script expected \"%s\"",
			    buf_str(&s->partial), st->expect);
	}
	script_release(s);
	(void)cause;
	return 0;
}

static ssize_t
script_read(struct transport *t, void *buf, size_t cap, int timeout_ms, char **cause)
{
	struct script *s = t->priv;
	size_t n;

	if (s->pending.len == 0) {
		if (s->closed) {
			transport_closed_cause(t, NULL, cause);
			return -1;
		}
		sleep_ms(timeout_ms < 2 ? timeout_ms : 2);
		return 0;
	}
	n = s->pending.len < cap ? s->pending.len : cap;
	if (s->max_chunk > 0 && n > s->max_chunk)
		n = s->max_chunk;
	memcpy(buf, s->pending.data, n);
	buf_consume(&s->pending, n);
	return (ssize_t)n;
}

static void
script_close(struct transport *t)
{
	free(t->label);
	free(t);
}

static const struct transport_ops script_ops = {
	"script", script_write, script_read, script_close,
};

/* Opens a scripted transport; the first steps with expect == NULL are the
   device's greeting. */
static struct transport *
script_open(struct script *s, const struct step *steps, const char *eol)
{
	struct transport *t;

	memset(s, 0, sizeof *s);
	s->steps = steps;
	while (steps[s->next].expect == NULL && steps[s->next].reply != NULL)
		buf_adds(&s->pending, steps[s->next++].reply);
	t = transport_new(&script_ops, s, "pop-test", "127.0.0.1", 2323);
	t->eol = eol;
	t->inband_login = strcmp(eol, "\r\n") == 0;
	return t;
}

static void
script_free(struct script *s)
{
	buf_free(&s->pending);
	buf_free(&s->written);
	buf_free(&s->partial);
	free(s->mismatch);
}

#define END { NULL, NULL }
#define HW "MA5800-X7"
/* A Huawei command echoed, then its output, then a prompt. */
#define HWCMD(cmd, out, prompt) { cmd "\n", cmd "\r\n" out HW prompt }
#define HUAWEI_SSH_LOGIN \
	{ NULL, "\r\n  Huawei Integrated Access Software (MA5800).\r\n\r\n" HW ">" }, \
	HWCMD("enable", "\r\n", "#"), \
	HWCMD("undo smart", "\r\n", "#"), \
	HWCMD("undo interactive", "\r\n", "#"), \
	HWCMD("scroll 512", "\r\n", "#"), \
	HWCMD("infoswitch cli OFF", "\r\n  % Unknown command, the error locates at '^'\r\n\r\n", "#"), \
	HWCMD("undo alarm output all", "\r\n", "#")

#define ZT "ZXAN"
#define ZTCMD(cmd, out, prompt) { cmd "\r\n", cmd "\r\n" out ZT prompt }
#define ZTE_TELNET_LOGIN \
	{ NULL, "\r\n****\r\nWelcome to ZXAN product C320 of ZTE Corporation\r\n****\r\n\r\nUsername:" }, \
	{ "zte\r\n", "zte\r\nPassword:" }, \
	{ "secret\r\n", "\r\n" ZT "#" }, \
	ZTCMD("terminal length 0", "\r\n", "#")

static const struct cli_options fast = { 2000, 2000, 2, 1 };

struct fixture {
	struct script	 s;
	struct cli	*c;
	struct err e;
};

static struct fixture *
start(const struct step *steps, const struct cli_dialect *v, const char *eol,
    const char *user, const char *password, const struct cli_options *o)
{
	struct fixture *f = xcalloc(1, sizeof *f);

	f->c = cli_new(script_open(&f->s, steps, eol), v, o != NULL ? o : &fast);
	if (cli_login(f->c, user, password, &f->e) != 0)
		fail_msg("login failed: %s", f->e.message);
	return f;
}

static void
finish(struct fixture *f)
{
	if (f->s.mismatch != NULL)
		fail_msg("%s", f->s.mismatch);
	cli_close(f->c);
	err_clear(&f->e);
	script_free(&f->s);
	free(f);
}

/* Runs cmd and checks the clean output. */
static void
expect_output(struct fixture *f, const char *cmd, const char *want)
{
	char *out = NULL;

	if (cli_run(f->c, cmd, NULL, &out, &f->e) != 0)
		fail_msg("\"%s\" failed: %s", cmd, f->e.message);
	assert_string_equal(out, want);
	free(out);
}

/* ---- tests ---- */

static void
test_huawei_ssh_login_enables_and_runs_setup(void **state)
{
	static const struct step steps[] = { HUAWEI_SSH_LOGIN, END };
	struct fixture *f = start(steps, &huawei_cli, "\n", NULL, NULL, NULL);

	(void)state;
	assert_int_equal(cli_current_mode(f->c), CLI_MODE_PRIV);
	assert_string_equal(cli_hostname(f->c), HW);
	assert_int_equal(f->s.next, nitems(steps) - 1);
	finish(f);
}

static void
test_huawei_telnet_login_answers_user_and_password(void **state)
{
	static const struct step steps[] = {
		{ NULL, "\r\n\r\n>>User name:" },
		{ "admin\r\n", "admin\r\n\r\n>>User password:" },
		{ "s3cret\r\n", "\r\n\r\n  Huawei Integrated Access Software (MA5800).\r\n\r\n" HW "#" },
		{ "undo smart\r\n", "undo smart\r\n" HW "#" },
		{ "undo interactive\r\n", "undo interactive\r\n" HW "#" },
		{ "scroll 512\r\n", "scroll 512\r\n" HW "#" },
		{ "infoswitch cli OFF\r\n", "infoswitch cli OFF\r\n" HW "#" },
		{ "undo alarm output all\r\n", "undo alarm output all\r\n" HW "#" },
		END
	};
	struct fixture *f = start(steps, &huawei_cli, "\r\n", "admin", "s3cret", NULL);

	(void)state;
	assert_int_equal(cli_current_mode(f->c), CLI_MODE_PRIV);
	assert_int_equal(f->s.next, nitems(steps) - 1);
	finish(f);
}

static void
on_login_raw(void *arg, const struct cli_exchange *x)
{
	struct buf *b = arg;

	if (strcmp(x->command, "<login>") == 0)
		buf_add(b, x->raw, x->raw_len);
}

static void
test_an_echoed_password_never_reaches_the_transcript(void **state)
{
	static const struct step steps[] = {
		{ NULL, "Username:" },
		{ "zte\r\n", "zte\r\nPassword:" },
		{ "secret\r\n", "secret\r\n" ZT "#" },	/* a device that echoes it */
		ZTCMD("terminal length 0", "\r\n", "#"),
		END
	};
	struct script s;
	struct err e = { 0 };
	struct buf seen = { 0 };
	struct cli *c = cli_new(script_open(&s, steps, "\r\n"), &zte_cli, &fast);

	(void)state;
	cli_set_transcript(c, on_login_raw, &seen);
	assert_int_equal(cli_login(c, "zte", "secret", &e), 0);
	assert_non_null(strstr(buf_str(&seen), "Password:"));
	assert_null(strstr(buf_str(&seen), "secret"));
	buf_free(&seen);
	cli_close(c);
	script_free(&s);
}

static void
test_huawei_login_pager_and_questions_are_answered(void **state)
{
	static const struct step steps[] = {
		{ NULL, "\r\n  User last login information:\r\n  ----\r\n"
		  "---- More ( Press 'Q' to break ) ----" },
		{ " ", "\x1b[37D                                     \x1b[37D  Access Type : SSH\r\n"
		  "  The password will expire in 3 days. Change it now? [Y/N]:" },
		{ "n\n", "n\r\n  Warning: the session will be audited. Continue? (YES/NO):" },
		{ "yes\n", "yes\r\n\r\n" HW ">" },
		HWCMD("enable", "\r\n", "#"),
		HWCMD("undo smart", "\r\n", "#"),
		HWCMD("undo interactive", "\r\n", "#"),
		HWCMD("scroll 512", "\r\n", "#"),
		HWCMD("infoswitch cli OFF", "\r\n", "#"),
		HWCMD("undo alarm output all", "\r\n", "#"),
		END
	};
	struct fixture *f = start(steps, &huawei_cli, "\n", NULL, NULL, NULL);

	(void)state;
	/* The pager before the first prompt gets a space, a forced password
	   change is declined, the MA5800 YES/NO question gets "yes". */
	assert_int_equal(cli_current_mode(f->c), CLI_MODE_PRIV);
	assert_int_equal(f->s.next, nitems(steps) - 1);
	finish(f);
}

static void
test_huawei_bad_password_is_a_login_error(void **state)
{
	static const struct step steps[] = {
		{ NULL, ">>User name:" },
		{ "admin\r\n", "admin\r\n>>User password:" },
		{ "wrong\r\n", "\r\n  Username or password invalid.\r\n\r\n>>User name:" },
		END
	};
	struct script s;
	struct err e = { 0 };
	struct cli *c = cli_new(script_open(&s, steps, "\r\n"), &huawei_cli, &fast);

	(void)state;
	assert_int_equal(cli_login(c, "admin", "wrong", &e), -1);
	assert_int_equal(e.kind, ERR_AUTH);
	assert_string_equal(e.device_text, "Username or password invalid.");
	assert_non_null(strstr(e.message, "pop-test (127.0.0.1:2323)"));
	assert_null(strstr(e.message, "wrong"));
	cli_close(c);
	err_clear(&e);
	script_free(&s);
}

static void
test_zte_bad_password_is_a_login_error(void **state)
{
	static const struct step steps[] = {
		{ NULL, "Username:" },
		{ "zte\r\n", "zte\r\nPassword:" },
		{ "bad\r\n", "\r\n%Error 20209: No username or bad password\r\nUsername:" },
		END
	};
	struct script s;
	struct err e = { 0 };
	struct cli *c = cli_new(script_open(&s, steps, "\r\n"), &zte_cli, &fast);

	(void)state;
	assert_int_equal(cli_login(c, "zte", "bad", &e), -1);
	assert_int_equal(e.kind, ERR_AUTH);
	assert_non_null(strstr(e.device_text, "%Error 20209"));
	cli_close(c);
	err_clear(&e);
	script_free(&s);
}

static void
test_huawei_reenter_limit_is_a_login_error(void **state)
{
	static const struct step steps[] = {
		{ NULL, ">>User name:" },
		{ "admin\r\n", "admin\r\n>>User password:" },
		{ "pw\r\n", "\r\n  Reenter times have reached the upper limit.\r\n" },
		END
	};
	struct script s;
	struct err e = { 0 };
	struct cli *c = cli_new(script_open(&s, steps, "\r\n"), &huawei_cli, &fast);

	(void)state;
	assert_int_equal(cli_login(c, "admin", "pw", &e), -1);
	assert_int_equal(e.kind, ERR_AUTH);
	assert_string_equal(e.device_text, "Reenter times have reached the upper limit.");
	cli_close(c);
	err_clear(&e);
	script_free(&s);
}

static void
test_huawei_pager_is_answered_and_erased(void **state)
{
	static const struct step steps[] = {
		HUAWEI_SSH_LOGIN,
		{ "display board 0\n", "display board 0\r\n  row 1\r\n  row 2\r\n"
		  "---- More ( Press 'Q' to break ) ----" },
		{ " ", "\x1b[37D                                     \x1b[37D  row 3\r\n"
		  "---- More ( Press 'Q' to break ) ----" },
		{ " ", "\x1b[37D                                     \x1b[37D  row 4\r\n\r\n" HW "#" },
		END
	};
	struct fixture *f = start(steps, &huawei_cli, "\n", NULL, NULL, NULL);

	(void)state;
	f->s.max_chunk = 7;
	expect_output(f, "display board 0", "  row 1\n  row 2\n  row 3\n  row 4");
	finish(f);
}

static void
test_zte_pager_with_backspace_erase_keeps_every_row(void **state)
{
	static const struct step steps[] = {
		ZTE_TELNET_LOGIN,
		{ "show gpon onu state gpon-olt_1/2/1\r\n", "show gpon onu state gpon-olt_1/2/1\r\n"
		  "OnuIndex   Admin State\r\n1/2/1:1    enable\r\n --More--" },
		{ " ", "\b \b\b \b\b \b\b \b\b \b\b \b\b \b\b \b1/2/1:2    enable\r\n" ZT "#" },
		END
	};
	struct fixture *f = start(steps, &zte_cli, "\r\n", "zte", "secret", NULL);

	(void)state;
	/* " --More--" is 9 columns and the erase 8: a terminal keeps one
	   blank before the next row, and so does the clean text. */
	expect_output(f, "show gpon onu state gpon-olt_1/2/1",
	    "OnuIndex   Admin State\n1/2/1:1    enable\n 1/2/1:2    enable");
	finish(f);
}

static void
test_smart_question_is_answered_with_enter(void **state)
{
	static const struct step steps[] = {
		HUAWEI_SSH_LOGIN,
		{ "display ont autofind 0\n", "display ont autofind 0\r\n{ <cr>||<K> }:" },
		{ "\n", "\r\n\r\n  Command:\r\n          display ont autofind 0\r\n"
		  "   Number              : 1\r\n   F/S/P               : 0/1/0\r\n" HW "#" },
		END
	};
	struct fixture *f = start(steps, &huawei_cli, "\n", NULL, NULL, NULL);

	(void)state;
	expect_output(f, "display ont autofind 0",
	    "   Number              : 1\n   F/S/P               : 0/1/0");
	finish(f);
}

static void
test_wrapped_echo_is_stripped_by_the_prompt_not_the_echo(void **state)
{
	static const struct step steps[] = {
		HUAWEI_SSH_LOGIN,
		{ "ont add 1 sn-auth \"5A544547C9E3311B\" omci ont-lineprofile-id 60 ont-srvprofile-id 1 desc \"DR_X\"\n",
		  "ont add 1 sn-auth \"5A544547C9E3311B\" omci ont-lineprofile-id 60 \r\nont-srvprofi"
		  "le-id 1 desc \"DR_X\"\r\n  Number of ONTs that can be added: 1, success: 1\r\n"
		  "  PortID :1, ONTID :3\r\n" HW "#" },
		END
	};
	struct fixture *f = start(steps, &huawei_cli, "\n", NULL, NULL, NULL);

	(void)state;
	f->s.max_chunk = 5;
	expect_output(f, "ont add 1 sn-auth \"5A544547C9E3311B\" omci ont-lineprofile-id 60 ont-srvprofile-id 1 desc \"DR_X\"",
	    "  Number of ONTs that can be added: 1, success: 1\n  PortID :1, ONTID :3");
	finish(f);
}

static void
test_alarm_block_interleaved_is_removed(void **state)
{
	static const struct step steps[] = {
		HUAWEI_SSH_LOGIN,
		{ "display version\n", "display version\r\n  VERSION : MA5800V100R019C10\r\n"
		  "\r\n  ! 1[2026-11-22 01:23:45]:\r\n\r\n  ALARM  1234  FAULT  MAJOR  0x2  COMMUNICATION\r\n"
		  "  ALARM NAME  : The ONT is offline\r\n  PARAMETERS  : FrameID: 0, SlotID: 1\r\n"
		  "  DESCRIPTION : ONT went offline\r\n  CAUSE       : power off\r\n"
		  "  ADVICE      : check\r\n  --- END\r\n"
		  "  PATCH   : SPC100\r\n" HW "#" },
		END
	};
	struct fixture *f = start(steps, &huawei_cli, "\n", NULL, NULL, NULL);
	char *out = NULL;

	(void)state;
	assert_int_equal(cli_run(f->c, "display version", NULL, &out, &f->e), 0);
	assert_non_null(strstr(out, "VERSION : MA5800V100R019C10"));
	assert_non_null(strstr(out, "PATCH   : SPC100"));
	assert_null(strstr(out, "ALARM"));
	assert_null(strstr(out, "END"));
	free(out);
	finish(f);
}

/* The engine cleans with its session's dialect: lines only Huawei's rules
   remove stay in a ZTE session's output, and ZTE's marker still goes. */
static void
test_zte_output_is_cleaned_by_zte_rules_only(void **state)
{
	static const struct step steps[] = {
		ZTE_TELNET_LOGIN,
		ZTCMD("show x", "  row 1 --More--\r\n  Command:\r\n          kept\r\n"
		  "  ! 1[2026-11-22 01:23:45]:\r\n  ALARM  1234\r\n  --- END\r\n"
		  "---- More ( Press 'Q' to break ) ----\r\n", "#"),
		END
	};
	struct fixture *f = start(steps, &zte_cli, "\r\n", "zte", "secret", NULL);

	(void)state;
	expect_output(f, "show x", "  row 1\n  Command:\n          kept\n"
	    "  ! 1[2026-11-22 01:23:45]:\n  ALARM  1234\n  --- END\n"
	    "---- More ( Press 'Q' to break ) ----");
	finish(f);
}

static void
test_wrapped_failure_is_one_error_with_the_device_words(void **state)
{
	static const struct step steps[] = {
		HUAWEI_SSH_LOGIN,
		{ "ont delete 0 0\n", "ont delete 0 0\r\n  Failure: This configured object has some service virtual\r\n"
		  "  ports\r\n\r\n" HW "#" },
		END
	};
	struct fixture *f = start(steps, &huawei_cli, "\n", NULL, NULL, NULL);
	char *out = NULL;

	(void)state;
	assert_int_equal(cli_run(f->c, "ont delete 0 0", NULL, &out, &f->e), -1);
	assert_int_equal(f->e.kind, ERR_FAILURE);
	assert_string_equal(f->e.device_text,
	    "Failure: This configured object has some service virtual ports");
	assert_string_equal(f->e.command, "ont delete 0 0");
	assert_non_null(strstr(f->e.message, "pop-test"));
	assert_false(cli_broken(f->c));
	free(out);
	finish(f);
}

static void
test_unknown_command_is_a_syntax_error(void **state)
{
	static const struct step steps[] = {
		HUAWEI_SSH_LOGIN,
		{ "show\n", "show\r\n        ^\r\n  % Unknown command, the error locates at '^'\r\n\r\n" HW "#" },
		END
	};
	struct fixture *f = start(steps, &huawei_cli, "\n", NULL, NULL, NULL);

	(void)state;
	assert_int_equal(cli_run(f->c, "show", NULL, NULL, &f->e), -1);
	assert_int_equal(f->e.kind, ERR_SYNTAX);
	assert_string_equal(f->e.device_text, "% Unknown command, the error locates at '^'");
	finish(f);
}

static void
test_empty_results_are_not_errors(void **state)
{
	static const struct step hw[] = {
		HUAWEI_SSH_LOGIN,
		{ "display ont autofind all\n", "display ont autofind all\r\n"
		  "  Failure: The automatically found ONTs do not exist\r\n\r\n" HW "#" },
		END
	};
	static const struct step zte[] = {
		ZTE_TELNET_LOGIN,
		ZTCMD("show gpon onu uncfg", "\r\n%Code 62310-GPONSRV : No related information to show.\r\n", "#"),
		ZTCMD("show gpon onu state gpon-olt_1/1/9", "\r\n%Code 32310-GPONSRV : No related information to show.\r\n", "#"),
		END
	};
	struct fixture *f;

	(void)state;
	f = start(hw, &huawei_cli, "\n", NULL, NULL, NULL);
	expect_output(f, "display ont autofind all", "");
	finish(f);
	f = start(zte, &zte_cli, "\r\n", "zte", "secret", NULL);
	expect_output(f, "show gpon onu uncfg", "");
	expect_output(f, "show gpon onu state gpon-olt_1/1/9", "");
	finish(f);
}

static void
test_zte_errors_are_classified(void **state)
{
	static const struct step steps[] = {
		ZTE_TELNET_LOGIN,
		ZTCMD("show gpon onu detail-info gpon-onu_1/1/1:9", "\r\n%Code 32310-GPONSRV : The ONU does not exist.\r\n", "#"),
		ZTCMD("shwo card", "\r\n     ^\r\n%Error 20200: Invalid input detected at '^' marker.\r\n", "#"),
		ZTCMD("onu 1 type ZTE-F660 sn ZTEG00000001", "\r\n%Error 326: The onu of this position exists\r\n", "#"),
		END
	};
	struct fixture *f = start(steps, &zte_cli, "\r\n", "zte", "secret", NULL);

	(void)state;
	assert_int_equal(cli_run(f->c, "show gpon onu detail-info gpon-onu_1/1/1:9", NULL, NULL, &f->e), -1);
	assert_int_equal(f->e.kind, ERR_FAILURE);
	assert_string_equal(f->e.device_text, "%Code 32310-GPONSRV : The ONU does not exist.");
	assert_int_equal(cli_run(f->c, "shwo card", NULL, NULL, &f->e), -1);
	assert_int_equal(f->e.kind, ERR_SYNTAX);
	assert_int_equal(cli_run(f->c, "onu 1 type ZTE-F660 sn ZTEG00000001", NULL, NULL, &f->e), -1);
	assert_int_equal(f->e.kind, ERR_FAILURE);
	assert_string_equal(f->e.device_text, "%Error 326: The onu of this position exists");
	finish(f);
}

/* Found by fuzzing (tests/fuzz/regress/cli/): a device that gives the
   password back after the login (typed ahead and echoed as an unknown
   command, or in any answer) had it quoted in the error message and kept
   in the transcript; the session masks its password in both. */
static void
transcript_has_no_password(void *arg, const struct cli_exchange *x)
{
	int *seen = arg;

	if (x->raw != NULL && strstr(x->raw, "s3cr3tPw") != NULL)
		(*seen)++;
	if (x->clean != NULL && strstr(x->clean, "s3cr3tPw") != NULL)
		(*seen)++;
}

static void
test_a_password_given_back_is_masked(void **state)
{
	static const struct step steps[] = {
		{ NULL, "\r\nUsername:" },
		{ "zte\r\n", "zte\r\nPassword:" },
		{ "s3cr3tPw\r\n", "\r\nZXAN#" },
		{ "terminal length 0\r\n", "terminal length 0\r\ns3cr3tPw\r\n%Error 20200: "
		    "Invalid input: s3cr3tPw\r\nZXAN#" },
		ZTCMD("show card", "\r\n     ^\r\n%Error 20200: Invalid input s3cr3tPw\r\n", "#"),
		END
	};
	struct fixture *f;
	int seen = 0;

	(void)state;
	f = xcalloc(1, sizeof *f);
	f->c = cli_new(script_open(&f->s, steps, "\r\n"), &zte_cli, &fast);
	cli_set_transcript(f->c, transcript_has_no_password, &seen);
	assert_int_equal(cli_login(f->c, "zte", "s3cr3tPw", &f->e), 0);
	assert_int_equal(cli_run(f->c, "show card", NULL, NULL, &f->e), -1);
	assert_int_equal(f->e.kind, ERR_SYNTAX);
	assert_null(strstr(f->e.message, "s3cr3tPw"));
	assert_null(strstr(f->e.device_text, "s3cr3tPw"));
	assert_non_null(strstr(f->e.device_text, "********"));
	assert_int_equal(seen, 0);
	finish(f);
}

static void
test_busy_is_retried_then_succeeds(void **state)
{
	static const struct step steps[] = {
		HUAWEI_SSH_LOGIN,
		HWCMD("save", "\r\n  Failure: System is busy, please retry after a while\r\n", "#"),
		HWCMD("save", "\r\n  Failure: System is busy, please retry after a while\r\n", "#"),
		HWCMD("save", "\r\n  The data of MA5800 is saved completely\r\n", "#"),
		END
	};
	struct fixture *f = start(steps, &huawei_cli, "\n", NULL, NULL, NULL);

	(void)state;
	expect_output(f, "save", "  The data of MA5800 is saved completely");
	assert_int_equal(f->e.kind, ERR_NONE);	/* no error left from the busy tries */
	assert_null(f->e.message);
	finish(f);
}

static void
test_busy_gives_up_after_the_retries(void **state)
{
	static const struct step steps[] = {
		HUAWEI_SSH_LOGIN,
		HWCMD("save", "\r\n  Failure: System is busy, please retry after a while\r\n", "#"),
		HWCMD("save", "\r\n  Failure: System is busy, please retry after a while\r\n", "#"),
		HWCMD("save", "\r\n  Failure: System is busy, please retry after a while\r\n", "#"),
		END
	};
	struct fixture *f = start(steps, &huawei_cli, "\n", NULL, NULL, NULL);

	(void)state;
	assert_int_equal(cli_run(f->c, "save", NULL, NULL, &f->e), -1);
	assert_int_equal(f->e.kind, ERR_BUSY);
	assert_non_null(strstr(f->e.message, "still busy after 3 tries"));
	assert_int_equal(f->s.next, nitems(steps) - 1);
	finish(f);
}

static void
test_confirmation_answered_yes_only_when_expected(void **state)
{
	static const struct step steps[] = {
		HUAWEI_SSH_LOGIN,
		{ "ont reset 0 5\n", "ont reset 0 5\r\n  Are you sure to reset the ONT(s)? (y/n)[n]:" },
		{ "y\n", "y\r\n" HW "#" },
		{ "ont reset 0 6\n", "ont reset 0 6\r\n  Are you sure to reset the ONT(s)? (y/n)[n]:" },
		{ "n\n", "n\r\n" HW "#" },
		END
	};
	struct fixture *f = start(steps, &huawei_cli, "\n", NULL, NULL, NULL);
	struct cli_run_opts yes = { .confirm = true };

	(void)state;
	assert_int_equal(cli_run(f->c, "ont reset 0 5", &yes, NULL, &f->e), 0);
	assert_int_equal(cli_run(f->c, "ont reset 0 6", NULL, NULL, &f->e), -1);
	assert_int_equal(f->e.kind, ERR_FAILURE);
	assert_string_equal(f->e.device_text, "Are you sure to reset the ONT(s)? (y/n)[n]:");
	assert_non_null(strstr(f->e.message, "answered no"));
	finish(f);
}

static void
test_control_characters_are_refused_before_writing(void **state)
{
	static const struct step steps[] = { HUAWEI_SSH_LOGIN, END };
	struct fixture *f = start(steps, &huawei_cli, "\n", NULL, NULL, NULL);
	static const char *const bad[] = {
		"display version\nundo ont 0", "display\rversion", "x\x1b[A", "a\tb", "del\x7f",
	};
	size_t before = f->s.written.len;

	(void)state;
	for (size_t i = 0; i < nitems(bad); i++) {
		assert_int_equal(cli_run(f->c, bad[i], NULL, NULL, &f->e), -1);
		assert_int_equal(f->e.kind, ERR_REFUSED);
		assert_non_null(strstr(f->e.message, "control character"));
	}
	assert_int_equal(f->s.written.len, before);
	assert_false(cli_broken(f->c));
	finish(f);
}

static void
test_prompt_like_output_line_does_not_end_the_command(void **state)
{
	static const struct step steps[] = {
		HUAWEI_SSH_LOGIN,
		HWCMD("display current-configuration section vlan", "\r\n  sysname OTHER-OLT\r\nOTHER-OLT#\r\n  vlan 10 smart\r\n", "#"),
		END
	};
	struct fixture *f = start(steps, &huawei_cli, "\n", NULL, NULL, NULL);

	(void)state;
	f->s.max_chunk = 10;
	expect_output(f, "display current-configuration section vlan",
	    "  sysname OTHER-OLT\nOTHER-OLT#\n  vlan 10 smart");
	finish(f);
}

static void
test_zte_user_mode_enable_password_is_not_answered(void **state)
{
	static const struct step steps[] = {
		{ NULL, "Username:" },
		{ "guest\r\n", "guest\r\nPassword:" },
		{ "pw\r\n", "\r\n" ZT ">" },
		{ "enable\r\n", "enable\r\nPassword:" },
		{ "\r\n", "\r\n%Error 20210: Bad password!\r\n" ZT ">" },
		ZTCMD("terminal length 0", "\r\n", ">"),
		ZTCMD("show version-running", "\r\nZXA10 C320 Software, Version V2.1.0\r\n", ">"),
		END
	};
	struct fixture *f = start(steps, &zte_cli, "\r\n", "guest", "pw", NULL);

	(void)state;
	/* The login password was not offered to `enable`; the session goes on
	   in user mode. */
	assert_int_equal(cli_current_mode(f->c), CLI_MODE_USER);
	expect_output(f, "show version-running", "ZXA10 C320 Software, Version V2.1.0");
	assert_null(strstr(buf_str(&f->s.written), "enable\r\npw"));
	finish(f);
}

static void
test_huawei_modes_enter_and_leave(void **state)
{
	static const struct step steps[] = {
		HUAWEI_SSH_LOGIN,
		HWCMD("config", "\r\n", "(config)#"),
		HWCMD("interface gpon 0/1", "\r\n", "(config-if-gpon-0/1)#"),
		HWCMD("quit", "\r\n", "(config)#"),
		HWCMD("interface gpon 0/2", "\r\n", "(config-if-gpon-0/2)#"),
		HWCMD("return", "\r\n", "#"),
		END
	};
	struct fixture *f = start(steps, &huawei_cli, "\n", NULL, NULL, NULL);

	(void)state;
	assert_int_equal(cli_enter(f->c, CLI_MODE_IF, "0/1", &f->e), 0);
	assert_int_equal(cli_current_mode(f->c), CLI_MODE_IF);
	assert_int_equal(cli_enter(f->c, CLI_MODE_IF, "0/1", &f->e), 0);	/* no-op */
	assert_int_equal(cli_enter(f->c, CLI_MODE_IF, "0/2", &f->e), 0);
	assert_int_equal(cli_leave(f->c, &f->e), 0);
	assert_int_equal(cli_current_mode(f->c), CLI_MODE_PRIV);
	assert_int_equal(cli_enter(f->c, CLI_MODE_ONU, "x", &f->e), -1);
	assert_int_equal(f->e.kind, ERR_REFUSED);
	assert_int_equal(f->s.next, nitems(steps) - 1);
	finish(f);
}

static void
test_zte_modes_enter_and_leave(void **state)
{
	static const struct step steps[] = {
		ZTE_TELNET_LOGIN,
		ZTCMD("configure terminal", "\r\n%Info 20272: Enter configuration commands, one per line. End with CTRL/Z.\r\n", "(config)#"),
		ZTCMD("interface gpon-olt_1/1/1", "\r\n", "(config-if)#"),
		ZTCMD("exit", "\r\n", "(config)#"),
		ZTCMD("pon-onu-mng gpon-onu_1/1/1:1", "\r\n", "(gpon-onu-mng)#"),
		ZTCMD("end", "\r\n", "#"),
		END
	};
	struct fixture *f = start(steps, &zte_cli, "\r\n", "zte", "secret", NULL);

	(void)state;
	assert_int_equal(cli_enter(f->c, CLI_MODE_IF, "gpon-olt_1/1/1", &f->e), 0);
	assert_int_equal(cli_current_mode(f->c), CLI_MODE_IF);
	assert_int_equal(cli_enter(f->c, CLI_MODE_ONU, "gpon-onu_1/1/1:1", &f->e), 0);
	assert_int_equal(cli_current_mode(f->c), CLI_MODE_ONU);
	assert_int_equal(cli_leave(f->c, &f->e), 0);
	assert_int_equal(f->s.next, nitems(steps) - 1);
	finish(f);
}

static void
test_huawei_logout_answers_yes_and_the_link_closes(void **state)
{
	static const struct step steps[] = {
		HUAWEI_SSH_LOGIN,
		HWCMD("config", "\r\n", "(config)#"),
		HWCMD("return", "\r\n", "#"),
		{ "quit\n", "quit\r\n  Check whether system data has been changed. Please save data before logout.\r\n"
		  "Are you sure to log out? (y/n)[n]:" },
		{ "y\n", "y\r\n\r\n  Configuration console exit, please retry to log on\r\n" },
		{ "", NULL },	/* then the device hangs up */
		END
	};
	struct fixture *f = start(steps, &huawei_cli, "\n", NULL, NULL, NULL);

	(void)state;
	assert_int_equal(cli_enter(f->c, CLI_MODE_CONFIG, NULL, &f->e), 0);
	assert_int_equal(cli_logout(f->c, &f->e), 0);
	assert_true(cli_broken(f->c));
	finish(f);
}

struct seen {
	int	n;
	char	last_cmd[64];
	size_t	last_raw;
	int	answered;
};

static void
on_exchange(void *arg, const struct cli_exchange *x)
{
	struct seen *s = arg;

	s->n++;
	strlcpy_(s->last_cmd, x->command, sizeof s->last_cmd);
	s->last_raw = x->raw_len;
	s->answered = x->answered;
}

static void
test_transcript_reports_raw_and_clean(void **state)
{
	static const struct step steps[] = {
		HUAWEI_SSH_LOGIN,
		{ "display ont autofind 0\n", "display ont autofind 0\r\n{ <cr>||<K> }:" },
		{ "\n", "\r\n  Command:\r\n          display ont autofind 0\r\n   Number : 1\r\n" HW "#" },
		END
	};
	struct fixture *f = start(steps, &huawei_cli, "\n", NULL, NULL, NULL);
	struct seen s = { 0 };

	(void)state;
	cli_set_transcript(f->c, on_exchange, &s);
	expect_output(f, "display ont autofind 0", "   Number : 1");
	assert_int_equal(s.n, 1);
	assert_string_equal(s.last_cmd, "display ont autofind 0");
	assert_int_equal(s.answered, 1);
	assert_true(s.last_raw > 40);
	finish(f);
}

/* ---- faults ---- */

static struct cli *
faulty_session(struct script *s, const struct step *steps,
    const struct transport_fault_cfg *cfg, int timeout_ms)
{
	struct cli_options o = { 2000, timeout_ms, 2, 1 };
	struct transport *t = transport_fault_wrap(script_open(s, steps, "\n"), cfg);

	return cli_new(t, &huawei_cli, &o);
}

static void
test_fault_dropped_link_mid_command_is_closed(void **state)
{
	static const struct step steps[] = {
		HUAWEI_SSH_LOGIN,
		HWCMD("display board 0", "\r\n  SlotID  BoardName  Status\r\n  0  H901GPSF  Normal\r\n", "#"),
		END
	};
	struct transport_fault_cfg cfg = { .close_after_read = 120 };
	struct script s;
	struct err e = { 0 };
	struct cli *c;
	size_t login_bytes;

	(void)state;
	/* Measure the login's size first, then cut 20 bytes into the command. */
	c = faulty_session(&s, steps, &(struct transport_fault_cfg){ 0 }, 2000);
	assert_int_equal(cli_login(c, NULL, NULL, &e), 0);
	login_bytes = cli_transport(c)->bytes_in;
	cli_close(c);
	script_free(&s);

	cfg.close_after_read = login_bytes + 20;
	c = faulty_session(&s, steps, &cfg, 2000);
	assert_int_equal(cli_login(c, NULL, NULL, &e), 0);
	assert_int_equal(cli_run(c, "display board 0", NULL, NULL, &e), -1);
	assert_int_equal(e.kind, ERR_CLOSED);
	assert_non_null(strstr(e.message, "connection to pop-test (127.0.0.1:2323) closed by the device after"));
	assert_non_null(strstr(e.message, "while running \"display board 0\""));
	assert_true(cli_broken(c));
	assert_int_equal(cli_run(c, "display board 0", NULL, NULL, &e), -1);
	assert_int_equal(e.kind, ERR_CLOSED);
	/* Logging out of it fails too, and says why (found by fuzzing:
	   tests/fuzz/regress/cli/, a failure without a message). */
	err_clear(&e);
	assert_int_equal(cli_logout(c, &e), -1);
	assert_int_equal(e.kind, ERR_CLOSED);
	assert_non_null(e.message);
	assert_non_null(strstr(e.message, "no longer usable"));
	cli_close(c);
	err_clear(&e);
	script_free(&s);
}

static void
test_fault_garbled_output_times_out_with_what_came(void **state)
{
	static const struct step steps[] = {
		HUAWEI_SSH_LOGIN,
		HWCMD("display board 0", "\r\n  SlotID  BoardName  Status\r\n", "#"),
		END
	};
	struct script s;
	struct err e = { 0 };
	struct cli *c;
	char *out = NULL;

	(void)state;
	c = faulty_session(&s, steps, &(struct transport_fault_cfg){ 0 }, 300);
	assert_int_equal(cli_login(c, NULL, NULL, &e), 0);
	size_t at = cli_transport(c)->bytes_in;
	cli_close(c);
	script_free(&s);

	c = faulty_session(&s, steps, &(struct transport_fault_cfg){ .garble_after = at + 3, .garble_seed = 7 }, 300);
	assert_int_equal(cli_login(c, NULL, NULL, &e), 0);
	assert_int_equal(cli_run(c, "display board 0", NULL, &out, &e), -1);
	assert_int_equal(e.kind, ERR_TIMEOUT);
	assert_non_null(strstr(e.message, "no prompt from pop-test (127.0.0.1:2323) within 300 ms"));
	assert_true(cli_broken(c));
	free(out);
	cli_close(c);
	err_clear(&e);
	script_free(&s);
}

static void
test_fault_slow_device_times_out(void **state)
{
	static const struct step steps[] = { HUAWEI_SSH_LOGIN, END };
	struct script s;
	struct err e = { 0 };
	struct cli *c;
	struct cli_options o = { 200, 200, 2, 1 };

	(void)state;
	c = cli_new(transport_fault_wrap(script_open(&s, steps, "\n"),
	    &(struct transport_fault_cfg){ .read_delay_ms = 500 }), &huawei_cli, &o);
	assert_int_equal(cli_login(c, NULL, NULL, &e), -1);
	assert_int_equal(e.kind, ERR_TIMEOUT);
	assert_non_null(strstr(e.message, "within 200 ms after \"login\""));
	cli_close(c);
	err_clear(&e);
	script_free(&s);
}

static void
test_fault_write_failure_is_closed(void **state)
{
	static const struct step steps[] = { HUAWEI_SSH_LOGIN, END };
	struct script s;
	struct err e = { 0 };
	struct cli *c;

	(void)state;
	c = faulty_session(&s, steps, &(struct transport_fault_cfg){ .fail_after_write = 10 }, 500);
	assert_int_equal(cli_login(c, NULL, NULL, &e), -1);
	assert_int_equal(e.kind, ERR_CLOSED);
	assert_non_null(strstr(e.message, "lost while writing"));
	cli_close(c);
	err_clear(&e);
	script_free(&s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_huawei_ssh_login_enables_and_runs_setup),
		cmocka_unit_test(test_huawei_telnet_login_answers_user_and_password),
		cmocka_unit_test(test_an_echoed_password_never_reaches_the_transcript),
		cmocka_unit_test(test_huawei_login_pager_and_questions_are_answered),
		cmocka_unit_test(test_huawei_bad_password_is_a_login_error),
		cmocka_unit_test(test_zte_bad_password_is_a_login_error),
		cmocka_unit_test(test_huawei_reenter_limit_is_a_login_error),
		cmocka_unit_test(test_huawei_pager_is_answered_and_erased),
		cmocka_unit_test(test_zte_pager_with_backspace_erase_keeps_every_row),
		cmocka_unit_test(test_smart_question_is_answered_with_enter),
		cmocka_unit_test(test_wrapped_echo_is_stripped_by_the_prompt_not_the_echo),
		cmocka_unit_test(test_alarm_block_interleaved_is_removed),
		cmocka_unit_test(test_zte_output_is_cleaned_by_zte_rules_only),
		cmocka_unit_test(test_wrapped_failure_is_one_error_with_the_device_words),
		cmocka_unit_test(test_unknown_command_is_a_syntax_error),
		cmocka_unit_test(test_empty_results_are_not_errors),
		cmocka_unit_test(test_zte_errors_are_classified),
		cmocka_unit_test(test_a_password_given_back_is_masked),
		cmocka_unit_test(test_busy_is_retried_then_succeeds),
		cmocka_unit_test(test_busy_gives_up_after_the_retries),
		cmocka_unit_test(test_confirmation_answered_yes_only_when_expected),
		cmocka_unit_test(test_control_characters_are_refused_before_writing),
		cmocka_unit_test(test_prompt_like_output_line_does_not_end_the_command),
		cmocka_unit_test(test_zte_user_mode_enable_password_is_not_answered),
		cmocka_unit_test(test_huawei_modes_enter_and_leave),
		cmocka_unit_test(test_zte_modes_enter_and_leave),
		cmocka_unit_test(test_huawei_logout_answers_yes_and_the_link_closes),
		cmocka_unit_test(test_transcript_reports_raw_and_clean),
		cmocka_unit_test(test_fault_dropped_link_mid_command_is_closed),
		cmocka_unit_test(test_fault_garbled_output_times_out_with_what_came),
		cmocka_unit_test(test_fault_slow_device_times_out),
		cmocka_unit_test(test_fault_write_failure_is_closed),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
