/* test_config.c — config.ini: defaults, sections, typed values, errors that
   name the line and the allowed form, and the one key table. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/config.h"
#include "lib/text.h"
#include "lib/util.h"

static void
test_defaults_match_the_table(void **state)
{
	struct config *c = config_defaults();

	(void)state;
	assert_int_equal(config_int(c, "poll.sweep_interval_s"), 300);
	assert_true(config_real(c, "thresholds.rx_warning_dbm") == -25.0);
	assert_false(config_bool(c, "ui.ascii"));
	assert_string_equal(config_str(c, "ui.theme"), "default");
	assert_string_equal(config_str(c, "acs.url"), "");
	for (size_t i = 0; i < config_nkeys; i++) {
		char *cause = NULL;

		/* Every default passes its own check. */
		if (config_check(&config_keys[i], config_keys[i].def, &cause) != 0)
			fail_msg("default of %s: %s", config_keys[i].name, cause);
		assert_false(config_from_file(c, i));
		assert_non_null(config_keys[i].doc);
		/* Names are unique. */
		for (size_t j = 0; j < i; j++)
			assert_string_not_equal(config_keys[i].name, config_keys[j].name);
	}
	config_free(c);
}

static void
test_sections_comments_and_quotes(void **state)
{
	struct config *c = config_defaults();
	char *cause = NULL;
	size_t i;

	(void)state;
	assert_int_equal(config_parse(c,
	    "# comment\n"
	    "; another\n"
	    "[poll]\n"
	    "sweep_interval_s = 600\r\n"
	    "  jitter_pct=10  \n"
	    "\n"
	    "[acs]\n"
	    "url = \"http://127.0.0.1:7557\"\n"
	    "[ui]\n"
	    "ascii = yes\n"
	    "[thresholds]\n"
	    "rx_warning_dbm = -26.5\n", "t.ini", &cause), 0);
	assert_int_equal(config_int(c, "poll.sweep_interval_s"), 600);
	assert_int_equal(config_int(c, "poll.jitter_pct"), 10);
	assert_string_equal(config_str(c, "acs.url"), "http://127.0.0.1:7557");
	assert_true(config_bool(c, "ui.ascii"));
	assert_true(config_real(c, "thresholds.rx_warning_dbm") == -26.5);
	for (i = 0; i < config_nkeys; i++)
		if (strcmp(config_keys[i].name, "poll.jitter_pct") == 0)
			break;
	assert_true(config_from_file(c, i));
	assert_string_equal(config_value(c, i), "10");
	config_free(c);
}

/* Parses text and expects failure with a cause containing want. */
static void
expect_error(const char *text, const char *want)
{
	struct config *c = config_defaults();
	char *cause = NULL;

	assert_int_equal(config_parse(c, text, "config.ini", &cause), -1);
	/* The cause is printed on a terminal: it never quotes unclean text. */
	if (!text_is_clean(cause, false))
		fail_msg("cause '%s' is not clean text", cause);
	if (strstr(cause, want) == NULL)
		fail_msg("cause '%s' lacks '%s'", cause, want);
	free(cause);
	config_free(c);
}

static void
test_errors_name_the_line_and_the_allowed_form(void **state)
{
	(void)state;
	expect_error("[poll]\nsweep_interval_s = 5\n",
	    "config.ini line 2: poll.sweep_interval_s: must be a whole number from 60 to 86400");
	expect_error("[poll]\nsweep_interval_s = 5m\n", "whole number");
	expect_error("[poll]\nsweep_interval = 300\n",
	    "config.ini line 2: unknown key 'poll.sweep_interval'");
	expect_error("\n\nno equals sign\n", "config.ini line 3: expected key = value");
	expect_error("[poll\n", "line 1: a section header is [name]");
	expect_error("[acs]\nurl = ftp://x\n", "acs.url: must be empty or an http:// or https:// URL");
	expect_error("[ui]\ntheme = ../../etc\n", "ui.theme: must be 1 to 32 of");
	expect_error("[ui]\nascii = maybe\n", "ui.ascii: must be true or false");
	expect_error("[thresholds]\nrx_warning_dbm = -99\n", "must be a number from -50 to 0");
	expect_error("[thresholds]\nrx_warning_dbm = nan\n", "must be a number");
	expect_error("[ui]\ntheme = a\x01b\n", "control characters");
	/* Issue 13: a key set twice silently took the last value. */
	expect_error("[jobs]\nworkers = 8\n\n[jobs]\nworkers = 2\n",
	    "config.ini line 5: jobs.workers is already set on line 2");
}

/* Found by fuzzing (tests/fuzz/regress/config/): a path or URL of invalid
   UTF-8 or with a C1 control was taken, and an unknown key was quoted in
   the message with its escapes and invalid bytes. */
static void
test_values_and_messages_are_clean_text(void **state)
{
	(void)state;
	expect_error("[metrics]\ntextfile = /var/lib/x\x8dy.prom\n",
	    "config.ini line 2: metrics.textfile: holds invalid UTF-8");
	expect_error("[acs]\nurl = http://acs\xc2\x9b[2J/\n",
	    "acs.url: holds a C1 control character (U+009B)");
	expect_error("[metrics]\npush_url = https://x/\xe2\x80\xae\n",
	    "a character that reorders text (U+202E)");
	expect_error("[po\x1b[2Jll]\nx = 1\n",
	    "config.ini line 2: unknown key (it holds a control character");
	expect_error("[poll]\nsweep\xe9 = 1\n", "config.ini line 2: unknown key (it holds invalid UTF-8");
	expect_error("[poll]\nsweep_interval = 300\n",
	    "config.ini line 2: unknown key 'poll.sweep_interval'");
}

/* Issue 13: a UTF-8 byte order mark gave "expected key = value". */
static void
test_byte_order_mark_is_not_a_key(void **state)
{
	struct config *c = config_defaults();
	char *cause = NULL;

	(void)state;
	assert_int_equal(config_parse(c, "\xef\xbb\xbf[jobs]\nworkers = 7\n",
	    "config.ini", &cause), 0);
	assert_int_equal(config_int(c, "jobs.workers"), 7);
	config_free(c);
}

/* Issue 13: a config.ini that is a directory was ignored. */
static void
test_directory_config_is_refused(void **state)
{
	char dir[] = "/tmp/oltui-cfg.XXXXXX", *path, *cause = NULL;

	(void)state;
	assert_non_null(mkdtemp(dir));
	path = xasprintf("%s/config.ini", dir);
	assert_int_equal(mkdir(path, 0700), 0);
	assert_null(config_load(dir, &cause));
	assert_non_null(cause);
	if (strstr(cause, "config.ini is not a file") == NULL)
		fail_msg("cause '%s'", cause);
	free(cause);
	rmdir(path);
	rmdir(dir);
	free(path);
}

static void
test_load_reads_the_directory_or_gives_defaults(void **state)
{
	char dir[] = "/tmp/oltui-cfg.XXXXXX", *path, *cause = NULL;
	struct config *c;
	FILE *f;

	(void)state;
	assert_non_null(mkdtemp(dir));
	c = config_load(dir, &cause);
	assert_non_null(c);
	assert_int_equal(config_int(c, "jobs.workers"), 4);
	config_free(c);
	path = xasprintf("%s/config.ini", dir);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs("[jobs]\nworkers = 8\n[session]\nmax_per_olt = 99\n", f);
	fclose(f);
	assert_null(config_load(dir, &cause));
	assert_non_null(strstr(cause, "config.ini line 4: session.max_per_olt"));
	free(cause);
	f = fopen(path, "w");
	fputs("[jobs]\nworkers = 8\n", f);
	fclose(f);
	c = config_load(dir, &cause);
	assert_non_null(c);
	assert_int_equal(config_int(c, "jobs.workers"), 8);
	assert_string_equal(config_path(c), path);
	config_free(c);
	unlink(path);
	rmdir(dir);
	free(path);
}

static void
test_markdown_lists_every_key(void **state)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	(void)state;
	assert_non_null(f);
	config_print_markdown(f);
	fclose(f);
	for (size_t i = 0; i < config_nkeys; i++) {
		char *want = xasprintf("| `%s` |", config_keys[i].name);

		assert_non_null(strstr(text, want));
		free(want);
	}
	free(text);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults_match_the_table),
		cmocka_unit_test(test_sections_comments_and_quotes),
		cmocka_unit_test(test_errors_name_the_line_and_the_allowed_form),
		cmocka_unit_test(test_values_and_messages_are_clean_text),
		cmocka_unit_test(test_load_reads_the_directory_or_gives_defaults),
		cmocka_unit_test(test_byte_order_mark_is_not_a_key),
		cmocka_unit_test(test_directory_config_is_refused),
		cmocka_unit_test(test_markdown_lists_every_key),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
