/* test_verb_args.c — the one argument parser (tui/verbs/verb_args.c) on a
   table of its own, and every verb of oltui's tables walked through the
   binary ($OLTUI_BUILD/tests/oltui-acme): `VERB [SUB] --help` and `-h` exit 0 and list every option
   and argument the table declares, an unknown option exits 2 naming it. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "core/inventory.h"
#include "core/ops.h"
#include "lib/text.h"
#include "lib/util.h"
#include "tui/verbs/verb.h"
#include "tui/verbs/verb_batch.h"

/* A verb's arguments, for the parser's own table. */
struct targs {
	struct verb_common	 c;
	const char		*desc;
	const char		*port;
	long			 n;
	long			 id;
	struct verb_list	 tags;
	const char		*sn;
	struct verb_list	 rest;
	const char		*secret_file;
	struct verb_fields	 f;
};

#define TA(m) offsetof(struct targs, m)
#define W(s) ((char *)(s))	/* a word of argv */

static const struct verb_opt topts[] = {
	{ .name = "--desc", .type = VA_STRING, .meta = "TEXT", .off = TA(desc), .max = 8,
	  .help = "a description" },
	{ .name = "--port", .type = VA_STRING, .meta = "F/S/P", .off = TA(port),
	  .flags = VO_REQUIRED, .help = "a port" },
	{ .name = "--n", .type = VA_INT, .meta = "N", .off = TA(n), .min = -30, .max = 30,
	  .help = "a number" },
	{ .name = "--id", .type = VA_INT, .meta = "N", .off = TA(id), .min = 0, .max = 9,
	  .def = -1, .help = "an id" },
	{ .name = "--tag", .type = VA_NAME, .meta = "TAG", .off = TA(tags), .flags = VO_MULTI,
	  .help = "a tag" },
	{ .name = "--password-file", .type = VA_SECRET_FILE, .meta = "FILE",
	  .off = TA(secret_file), .help = "a secret" },
	VOPT_DRY_RUN,
	VOPT_YES,
	VOPT_END,
};
static const struct verb_pos tpos[] = {
	{ .meta = "SN", .type = VA_SN, .off = TA(sn), .help = "a serial" },
	{ .meta = "REST", .type = VA_STRING, .off = TA(rest), .flags = VO_MULTI | VO_OPTIONAL,
	  .help = "the rest" },
	VPOS_END,
};

/* Parses the words (NULL-terminated) into *a; returns the parser's result
   and the cause in *cause (caller frees). */
static int
parse(struct targs *a, char **cause, ...)
{
	char *argv[32];
	int argc = 0, rc;
	va_list ap;

	memset(a, 0, sizeof *a);
	*cause = NULL;
	va_start(ap, cause);
	while ((argv[argc] = va_arg(ap, char *)) != NULL)
		argc++;
	va_end(ap);
	rc = verb_args_parse(topts, tpos, argc, argv, a, 0, NULL, cause);
	verb_args_free(topts, tpos, a);
	return rc;
}

static void
test_a_value_option_never_takes_an_option(void **state)
{
	struct targs a;
	char *cause;

	(void)state;
	assert_int_equal(parse(&a, &cause, "--port", "0/1/1", "--desc", "--dry-run",
	    "HWTC0000AA01", NULL), VA_ERROR);
	assert_non_null(strstr(cause, "--desc needs a value"));
	assert_non_null(strstr(cause, "'--dry-run' is an option"));
	assert_false(a.c.dry_run);
	assert_null(a.desc);
	free(cause);
	/* The same at the end, and for a number. */
	assert_int_equal(parse(&a, &cause, "HWTC0000AA01", "--port", NULL), VA_ERROR);
	assert_non_null(strstr(cause, "--port needs a value"));
	free(cause);
	assert_int_equal(parse(&a, &cause, "HWTC0000AA01", "--port", "p", "--n", "--yes",
	    NULL), VA_ERROR);
	assert_non_null(strstr(cause, "--n needs a value"));
	assert_false(a.c.yes);
	free(cause);
	/* =VALUE gives a value that starts with --; a negative number and a
	   lone dash are values. */
	assert_int_equal(parse(&a, &cause, "--desc=--x", "--port", "-", "--n", "-27",
	    "HWTC0000AA01", NULL), VA_OK);
	assert_string_equal(a.desc, "--x");
	assert_string_equal(a.port, "-");
	assert_int_equal(a.n, -27);
	assert_false(a.c.dry_run);
}

/* Found by fuzzing (tests/fuzz/regress/args/): values of invalid UTF-8 or
   with a C1 or reordering character were taken (they reach the device, the
   database and the terminal), and usage errors quoted such words as they
   came. */
static void
test_values_are_clean_text_and_errors_never_quote_unclean_words(void **state)
{
	struct targs a;
	char *cause;

	(void)state;
	assert_int_equal(parse(&a, &cause, "--port", "p", "--desc", "R\xe9", "HWTC0000AA01",
	    NULL), VA_ERROR);
	assert_string_equal(cause, "--desc: holds invalid UTF-8; only printable UTF-8 text "
	    "is allowed");
	free(cause);
	assert_int_equal(parse(&a, &cause, "--port", "p", "HWTC0000AA01", "x\xe2\x80\xaey",
	    NULL), VA_ERROR);
	assert_string_equal(cause, "REST: holds a character that reorders text (U+202E); "
	    "only printable UTF-8 text is allowed");
	free(cause);
	assert_int_equal(parse(&a, &cause, "--port", "p", "--tag", "p\xc2\x9b" "1", "HWTC0000AA01",
	    NULL), VA_ERROR);
	assert_true(text_is_clean(cause, false));
	free(cause);
	assert_int_equal(parse(&a, &cause, "--port", "p", "--n", "4\xe9", "HWTC0000AA01", NULL),
	    VA_ERROR);
	assert_true(text_is_clean(cause, false));
	free(cause);
	assert_int_equal(parse(&a, &cause, "--port", "p", "--yes=\x1b[2J", "HWTC0000AA01", NULL),
	    VA_ERROR);
	assert_string_equal(cause, "--yes takes no value (got '?')");
	free(cause);
	assert_int_equal(parse(&a, &cause, "--port", "p", "--desc", "--\x1b[2J", NULL),
	    VA_ERROR);
	assert_true(text_is_clean(cause, false));
	free(cause);
	assert_int_equal(parse(&a, &cause, "--port", "p", "--po\xe9", NULL), VA_ERROR);
	assert_string_equal(cause, "unknown option ? (--help lists the options)");
	free(cause);
	assert_int_equal(parse(&a, &cause, "--port", "p", "HWTC0000AA01", "ok", "--", "\xff",
	    NULL), VA_ERROR);
	assert_true(text_is_clean(cause, false));
	free(cause);
}

static void
test_values_are_checked_by_their_type(void **state)
{
	struct targs a;
	char *cause;

	(void)state;
	assert_int_equal(parse(&a, &cause, "--port", "p", "--n", "31", "HWTC0000AA01", NULL),
	    VA_ERROR);
	assert_string_equal(cause, "--n: must be a whole number from -30 to 30, not '31'");
	free(cause);
	assert_int_equal(parse(&a, &cause, "--port", "p", "--desc", "123456789",
	    "HWTC0000AA01", NULL), VA_ERROR);
	assert_string_equal(cause, "--desc: at most 8 characters");
	free(cause);
	assert_int_equal(parse(&a, &cause, "--port", "p\nsave", "HWTC0000AA01", NULL),
	    VA_ERROR);
	assert_non_null(strstr(cause, "--port: control characters"));
	free(cause);
	assert_int_equal(parse(&a, &cause, "--port", "p", "--tag", "a b", "HWTC0000AA01",
	    NULL), VA_ERROR);
	assert_non_null(strstr(cause, "--tag: must be 1 to 32"));
	free(cause);
	assert_int_equal(parse(&a, &cause, "--port", "p", "NOTASERIAL", NULL), VA_ERROR);
	assert_non_null(strstr(cause, "SN: must be a GPON serial"));
	free(cause);
	assert_int_equal(parse(&a, &cause, "--port", "p", "--yes=1", "HWTC0000AA01", NULL),
	    VA_ERROR);
	assert_string_equal(cause, "--yes takes no value (got '1')");
	free(cause);
}

static void
test_required_twice_unknown_and_secrets(void **state)
{
	struct targs a;
	char *cause;

	(void)state;
	assert_int_equal(parse(&a, &cause, "HWTC0000AA01", NULL), VA_ERROR);
	assert_string_equal(cause, "--port F/S/P is required");
	free(cause);
	assert_int_equal(parse(&a, &cause, "--port", "p", NULL), VA_ERROR);
	assert_string_equal(cause, "missing SN (a serial)");
	free(cause);
	assert_int_equal(parse(&a, &cause, "--port", "p", "--port", "q", "HWTC0000AA01",
	    NULL), VA_ERROR);
	assert_string_equal(cause, "--port given twice");
	free(cause);
	assert_int_equal(parse(&a, &cause, "--port", "p", "--colour", "red", NULL), VA_ERROR);
	assert_non_null(strstr(cause, "unknown option --colour"));
	free(cause);
	assert_int_equal(parse(&a, &cause, "--port", "p", "--password", "x", NULL), VA_ERROR);
	assert_non_null(strstr(cause, "secrets are never taken on the command line"));
	assert_non_null(strstr(cause, "--password-file"));
	free(cause);
}

static void
test_defaults_lists_positionals_and_the_end_of_options(void **state)
{
	struct targs a;
	char *argv[] = { W("--tag"), W("a"), W("HWTC0000AA01"), W("--yes"), W("--tag"),
	    W("b"), W("x"), W("--"), W("--not-an-option"), W("-y") };
	char *cause = NULL;

	(void)state;
	memset(&a, 0, sizeof a);
	a.c.dry_run = false;
	assert_int_equal(verb_args_parse(topts, tpos, (int)nitems(argv), argv, &a, 0, NULL,
	    &cause), VA_ERROR);
	assert_string_equal(cause, "--port F/S/P is required");
	free(cause);
	verb_args_free(topts, tpos, &a);
	memset(&a, 0, sizeof a);
	argv[0] = W("--port");
	assert_int_equal(verb_args_parse(topts, tpos, (int)nitems(argv), argv, &a, 0, NULL,
	    &cause), VA_OK);
	assert_int_equal(a.id, -1);
	assert_string_equal(a.port, "a");
	assert_string_equal(a.sn, "HWTC0000AA01");
	assert_true(a.c.yes);
	assert_int_equal(a.tags.n, 1);
	assert_string_equal(a.tags.v[0], "b");
	assert_int_equal(a.rest.n, 3);
	assert_string_equal(a.rest.v[0], "x");
	assert_string_equal(a.rest.v[1], "--not-an-option");
	assert_string_equal(a.rest.v[2], "-y");
	verb_args_free(topts, tpos, &a);
	assert_null(a.rest.v);
	/* -h and --help ask for the help, wherever they are. */
	assert_int_equal(parse(&a, &cause, "--port", "p", "-h", NULL), VA_HELP);
	assert_int_equal(parse(&a, &cause, "--help", NULL), VA_HELP);
}

static void
test_inventory_fields_are_options(void **state)
{
	static const struct verb_opt fopts[] = {
		{ .name = "fields", .type = VA_FIELDS, .kind = INV_PROFILE, .off = TA(f) },
		VOPT_END,
	};
	char *argv[] = { W("--vlan"), W("100"), W("--wan=pppoe"), W("--down-mbps"), W("0") };
	struct targs a;
	char *cause = NULL;

	(void)state;
	memset(&a, 0, sizeof a);
	if (verb_args_parse(fopts, NULL, 3, argv, &a, 0, NULL, &cause) != VA_OK)
		fail_msg("%s", cause);
	assert_int_equal(a.f.u.profile.vlan, 100);
	assert_int_equal(a.f.u.profile.wan, WAN_PPPOE);
	assert_int_equal(a.f.set, (1u << 1) | (1u << 6));
	memset(&a, 0, sizeof a);
	assert_int_equal(verb_args_parse(fopts, NULL, 5, argv, &a, 0, NULL, &cause),
	    VA_ERROR);
	assert_non_null(strstr(cause, "--down-mbps: must be a whole number from 1"));
	free(cause);
}

/* ---- every verb of the tables, through the binary ---- */

/* Runs oltui with args (shell words) and returns its exit status; the
   output (stdout and stderr) in *out.  The oltui is the build tree's (the
   one with the test-only driver linked in: the same tables, and built with
   the sanitizers under `make check`). */
static int
run(const char *args, char **out)
{
	const char *build = getenv("OLTUI_BUILD");
	char *cmd = xasprintf("%s/tests/oltui-acme --db /nonexistent-dir/x.db %s 2>&1 "
	    "</dev/null", build != NULL ? build : "build", args);
	struct buf b = { 0 };
	char chunk[4096];
	size_t n;
	FILE *p = popen(cmd, "r");
	int st;

	assert_non_null(p);
	while ((n = fread(chunk, 1, sizeof chunk, p)) > 0)
		buf_add(&b, chunk, n);
	st = pclose(p);
	free(cmd);
	*out = buf_take(&b);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/* Fails unless word appears in text as a whole word. */
static void
has_word(const char *text, const char *word, const char *where)
{
	size_t n = strlen(word);

	for (const char *p = strstr(text, word); p != NULL; p = strstr(p + 1, word))
		if ((p == text || p[-1] == ' ' || p[-1] == '[' || p[-1] == '\n') &&
		    (p[n] == ' ' || p[n] == '\n' || p[n] == ']' || p[n] == '.'))
			return;
	fail_msg("%s does not list %s", where, word);
}

/* Checks one verb (or sub-verb) of the tables. */
static void
walk_one(const struct verb *parent, const struct verb *v, void *arg)
{
	char *name = xasprintf("%s%s%s", parent != NULL ? parent->name : "",
	    parent != NULL ? " " : "", v->name), *cmd, *out, *out2;
	int *count = arg;

	(*count)++;
	cmd = xasprintf("%s --help", name);
	assert_int_equal(run(cmd, &out), 0);
	free(cmd);
	if (v->subs != NULL) {
		for (const struct verb *s = v->subs; s->name != NULL; s++)
			has_word(out, s->name, name);
	} else {
		for (const struct verb_opt *o = v->opts; o != NULL && o->name != NULL; o++) {
			assert_non_null(o->type == VA_FIELDS ? "" : o->help);
			if (o->type != VA_FIELDS) {
				has_word(out, o->name, name);
				if (o->type != VA_FLAG)
					assert_non_null(o->meta);
				continue;
			}
			for (size_t f = 0; f < inv_nfields((enum inv_kind)o->kind); f++)
				has_word(out, inv_field_flag((enum inv_kind)o->kind, f), name);
		}
		for (const struct verb_pos *p = v->pos; p != NULL && p->meta != NULL; p++)
			has_word(out, p->meta, name);
	}
	/* -h is --help, and `oltui help VERB [SUB]` prints the same. */
	cmd = xasprintf("%s -h", name);
	assert_int_equal(run(cmd, &out2), 0);
	assert_string_equal(out, out2);
	free(out2);
	free(cmd);
	cmd = xasprintf("help %s", name);
	assert_int_equal(run(cmd, &out2), 0);
	assert_string_equal(out, out2);
	free(out2);
	free(cmd);
	free(out);
	/* An unknown option is a usage error naming it. */
	if (v->subs == NULL) {
		cmd = xasprintf("%s --no-such-option-xyz", name);
		if (run(cmd, &out) != 2)
			fail_msg("%s --no-such-option-xyz did not exit 2: %s", name, out);
		if (strstr(out, "--no-such-option-xyz") == NULL)
			fail_msg("%s: the error does not name the option: %s", name, out);
		free(out);
		free(cmd);
	}
	free(name);
}

static void
test_every_verb_lists_its_options_and_refuses_unknown_ones(void **state)
{
	int count = 0;

	(void)state;
	verbs_foreach(walk_one, &count);
	assert_true(count > 40);
}

/* The batch file of `provision --batch` (tui/verbs/verb_batch.c): lines
   of any length, comments and blank lines skipped, every form of serial,
   the first bad line named, a NUL refused by its line, a serial quoted
   only when it is clean text. */
static void
test_batch_file_lines(void **state)
{
	struct op_batch_line *l = NULL;
	struct buf b = { 0 };
	char *cause = NULL;
	size_t n = 0;
	static const char nul[] = "HWTC6B886FA5\nZTEG\0C9E3311B\n";

	(void)state;
	buf_adds(&b, "# batch\n\nHWTC6B886FA5\r\n485754436B886FA6 7\n");
	for (int i = 0; i < 300; i++)
		buf_addc(&b, ' ');
	buf_adds(&b, "ZTEGC9E3311B\t12");
	assert_int_equal(verb_batch_parse(buf_str(&b), b.len, "b.txt", &l, &n, &cause), 0);
	assert_int_equal(n, 3);
	assert_string_equal(l[0].sn, "HWTC6B886FA5");
	assert_int_equal(l[0].ont_id, -1);
	assert_int_equal(l[0].lineno, 3);
	assert_string_equal(l[1].sn, "HWTC6B886FA6");
	assert_int_equal(l[1].ont_id, 7);
	assert_int_equal(l[2].lineno, 5);
	assert_int_equal(l[2].ont_id, 12);
	free(l);
	buf_free(&b);
	assert_int_equal(verb_batch_parse("HWTC6B886FA5 256\n", 17, "b.txt", &l, &n, &cause), -1);
	assert_string_equal(cause, "b.txt line 1: \"SN [ONT-ID]\" with an id 0-255");
	assert_null(l);
	assert_int_equal(n, 0);
	free(cause);
	cause = NULL;
	assert_int_equal(verb_batch_parse(nul, sizeof nul - 1, "b.txt", &l, &n, &cause), -1);
	assert_string_equal(cause, "b.txt line 2: holds a NUL byte (is it a text file?)");
	free(cause);
	cause = NULL;
	assert_int_equal(verb_batch_parse("\n# x\nHW\x1b[2J\n", 12, "b.txt", &l, &n, &cause), -1);
	assert_string_equal(cause, "b.txt line 3: '?' is not a GPON serial (HWTC1A2B3C4D or "
	    "16 hex digits)");
	free(cause);
	cause = NULL;
	assert_int_equal(verb_batch_parse("# only\n", 7, "b.txt", &l, &n, &cause), -1);
	assert_string_equal(cause, "b.txt: no \"SN [ONT-ID]\" line");
	free(cause);
	cause = NULL;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_a_value_option_never_takes_an_option),
		cmocka_unit_test(test_values_are_checked_by_their_type),
		cmocka_unit_test(test_batch_file_lines),
		cmocka_unit_test(test_values_are_clean_text_and_errors_never_quote_unclean_words),
		cmocka_unit_test(test_required_twice_unknown_and_secrets),
		cmocka_unit_test(test_defaults_lists_positionals_and_the_end_of_options),
		cmocka_unit_test(test_inventory_fields_are_options),
		cmocka_unit_test(test_every_verb_lists_its_options_and_refuses_unknown_ones),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
