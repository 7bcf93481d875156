/* test_textclean.c — terminal rendering, pager/question/alarm debris and
   prompt removal, on the byte sequences quoted in the references; the
   debris rules are each dialect's own (a test dialect shows they are read
   from the table, and one vendor's debris stays in another's output). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "drivers/cli_dialect.h"
#include "drivers/huawei.h"
#include "drivers/textclean.h"
#include "drivers/zte.h"
#include "lib/text.h"
#include "lib/util.h"

#define HWD (&huawei_cli)
#define ZTD (&zte_cli)

#define HW_MORE "---- More ( Press 'Q' to break ) ----"
#define SP37 "                                     "
#define HW_ERASE "\x1b[37D" SP37 "\x1b[37D"
#define ZTE_ERASE "\b \b\b \b\b \b\b \b\b \b\b \b\b \b\b \b"

static void
expect_terminal(const char *in, size_t len, const char *want)
{
	char *got = tc_strip_terminal(in, len);

	assert_string_equal(got, want);
	free(got);
}

static void
expect_capture(const struct cli_dialect *d, const char *in, const char *want)
{
	char *got = tc_clean_capture(d, in, strlen(in));

	assert_string_equal(got, want);
	free(got);
}

static void
test_huawei_pager_erase_leaves_the_next_row_intact(void **state)
{
	static const char in[] =
	    "    0  -24.68    3.68      -22.68\r\n"
	    HW_MORE HW_ERASE "    1  -24.68    3.86      -23.02\r\n";

	(void)state;
	assert_int_equal(strlen(SP37), 37);
	assert_int_equal(strlen(HW_MORE), 37);
	expect_terminal(in, sizeof in - 1,
	    "    0  -24.68    3.68      -22.68\n"
	    "    1  -24.68    3.86      -23.02\n");
}

static void
test_huawei_pager_erase_then_short_line_leaves_no_blanks(void **state)
{
	static const char in[] = "a\r\n" HW_MORE HW_ERASE "  --\r\n";

	(void)state;
	expect_terminal(in, sizeof in - 1, "a\n  --\n");
}

static void
test_huawei_space_cursor_left_collapses(void **state)
{
	static const char in[] = "  Run state  \x1b[1D             : online\r\n";

	(void)state;
	expect_terminal(in, sizeof in - 1, "  Run state              : online\n");
	expect_terminal("abc \x1b[1Ddef", 11, "abcdef");
}

static void
test_zte_backspace_erase_after_more(void **state)
{
	static const char in[] =
	    "1/2/1:2     enable       enable      working      1(GPON)\r\n"
	    " --More--" ZTE_ERASE
	    "1/2/3:6     enable       enable      working      1(GPON)\r\n";
	char *t = tc_strip_terminal(in, sizeof in - 1);

	(void)state;
	/* " --More--" is 9 columns, the erase covers 8: one blank remains,
	   then the data written over the erased cells */
	assert_string_equal(t,
	    "1/2/1:2     enable       enable      working      1(GPON)\n"
	    " 1/2/3:6     enable       enable      working      1(GPON)\n");
	free(t);
}

static void
test_zte_more_with_three_backspaces_is_removed(void **state)
{
	static const char in[] =
	    "gpon-onu_1/1/1:1    -16.676(dbm)\r\n"
	    " --More-- \b\b\bgpon-onu_1/1/1:2    -24.948(dbm)\r\n";

	(void)state;
	expect_capture(ZTD, in,
	    "gpon-onu_1/1/1:1    -16.676(dbm)\n"
	    "gpon-onu_1/1/1:2    -24.948(dbm)\n");
}

static void
test_backspace_overwrites_like_a_terminal(void **state)
{
	(void)state;
	expect_terminal("abc\bX", 5, "abX");
	expect_terminal("abc\b\b\b\b\bZ", 9, "Zbc");
	expect_terminal("ab\rX\r\n", 6, "Xb\n");
}

static void
test_cr_nul_and_colours_are_dropped(void **state)
{
	static const char in[] = "a\0b\r\n\x1b[1;32mgreen\x1b[0m\r\n\a\x7f" "c";

	(void)state;
	expect_terminal(in, sizeof in - 1, "ab\ngreen\nc");
}

static void
test_erase_in_line(void **state)
{
	static const char in[] = "abcdef\x1b[3D\x1b[K\r\nxyz\x1b[2Kq\n";

	(void)state;
	/* ESC[2K clears the line but leaves the cursor where it was */
	expect_terminal(in, sizeof in - 1, "abc\n   q\n");
}

static void
test_truncated_escape_is_harmless(void **state)
{
	(void)state;
	expect_terminal("abc\x1b", 4, "abc");
	expect_terminal("abc\x1b[", 5, "abc");
	expect_terminal("abc\x1b[99999999999D", 16, "abc");
	expect_terminal("\x1b]0;title\aok", 12, "ok");
}

static void
test_huawei_smart_question_and_command_block_go(void **state)
{
	static const char in[] =
	    "  EA5800-X2(config-if-gpon-0/1)#display ont autofind 0\r\n"
	    "{ <cr>||<K> }:\r\n"
	    "\r\n"
	    "  Command:\r\n"
	    "          display ont autofind 0\r\n"
	    "   ----------------------------------------------------------------------------\r\n"
	    "   Number              : 1\r\n"
	    "   F/S/P               : 0/1/0\r\n"
	    "   ----------------------------------------------------------------------------\r\n"
	    "\r\n"
	    "EA5800-X2(config-if-gpon-0/1)#";

	(void)state;
	expect_capture(HWD, in,
	    "   ----------------------------------------------------------------------------\n"
	    "   Number              : 1\n"
	    "   F/S/P               : 0/1/0\n"
	    "   ----------------------------------------------------------------------------\n");
}

static void
test_question_with_failure_keeps_the_failure(void **state)
{
	static const char in[] =
	    "ont add 1 sn-auth \"5A544547C9E3311B\" omci ont-lineprofile-id 60 ont-srvprofile-id 1 desc \"DR_XXXXXXX\"\n"
	    "  { <cr>|ont-type<K> }:\n"
	    "\n"
	    "  Command:\n"
	    "          ont add 1 sn-auth \"5A544547C9E3311B\" omci ont-lineprofile-id 60 ont-srvprofile-id 1 desc \"DR_XXXXXXX\"\n"
	    "  Failure: SN already exists\n";
	char *t = tc_strip_debris(HWD, in);

	(void)state;
	assert_non_null(strstr(t, "  Failure: SN already exists\n"));
	assert_null(strstr(t, "Command:"));
	assert_null(strstr(t, "<K>"));
	free(t);
}

static void
test_alarm_block_inside_a_table_is_removed(void **state)
{
	static const char in[] =
	    "    0  -24.68    3.68\n"
	    "  ! 1234[2023-01-05 08:55:28]:\n"
	    "\n"
	    "  ALARM  1234 EVENT MAJOR  GPON  2023-01-05 08:55:28\n"
	    "  ALARM NAME  : The ONT is offline\n"
	    "  PARAMETERS  : FrameID: 0, SlotID: 1, PortID: 0, ONT ID: 5\n"
	    "  DESCRIPTION : The ONT goes offline\n"
	    "  CAUSE       : The optical fibre is cut\n"
	    "  ADVICE      : Check the fibre\n"
	    "  ---  END\n"
	    "    1  -24.68    3.86\n";
	char *t = tc_strip_debris(HWD, in);

	(void)state;
	assert_string_equal(t, "    0  -24.68    3.68\n    1  -24.68    3.86\n");
	free(t);
}

static void
test_incomplete_alarm_block_is_kept(void **state)
{
	static const char in[] = "  ! 12[2023-01-05 08:55:28]:\n  no end here\n";
	char *t = tc_strip_debris(HWD, in);

	(void)state;
	assert_string_equal(t, in);
	free(t);
}

static void
test_huawei_prompts_are_dropped(void **state)
{
	static const char in[] =
	    "POP03_OLT1_GPON_HUAWEI>enable\n"
	    "POP03_OLT1_GPON_HUAWEI#display version\n"
	    "  VERSION : MA5800V100R018C00\n"
	    "MA5608T(config)#\n"
	    "EA5800-X2(config-if-gpon-0/1)#display board 0\n"
	    "host.a-b_c(diagnose)%%\n"
	    "  PATCH   : SPH613\n"
	    "POP03_OLT1_GPON_HUAWEI#";

	(void)state;
	expect_capture(HWD, in,
	    "  VERSION : MA5800V100R018C00\n"
	    "\n"
	    "  PATCH   : SPH613\n");
}

static void
test_zte_prompts_are_dropped_and_data_kept(void **state)
{
	static const char in[] =
	    "ZXAN#show gpon onu state gpon-olt_1/2/1\r\n"
	    "OnuIndex   Admin State  OMCC State  Phase State  Channel\r\n"
	    "gpon-onu_1/1/1:1    -16.676(dbm)\r\n"
	    "OLT-ZTE_C320(gpon-onu-mng)#restore factory\r\n"
	    "LO.Berkah-Pati.v2#\r\n"
	    "!\r\n"
	    "  <T-CONT   0>          DBA Profile-ID:1\r\n"
	    "ZXAN#  ";

	(void)state;
	expect_capture(ZTD, in,
	    "OnuIndex   Admin State  OMCC State  Phase State  Channel\n"
	    "gpon-onu_1/1/1:1    -16.676(dbm)\n"
	    "\n"
	    "!\n"
	    "  <T-CONT   0>          DBA Profile-ID:1\n");
}

static void
test_error_lines_survive_cleaning(void **state)
{
	static const char in[] =
	    "POP03_OLT1_GPON_HUAWEI#show\n"
	    "                       ^\n"
	    "  % Unknown command, the error locates at '^'\n"
	    "\n"
	    "POP03_OLT1_GPON_HUAWEI#";

	(void)state;
	expect_capture(HWD, in,
	    "                       ^\n"
	    "  % Unknown command, the error locates at '^'\n");
}

static void
test_empty_and_garbage_input(void **state)
{
	char junk[512];
	char *t;

	const struct cli_dialect *ds[] = { HWD, ZTD, NULL };

	(void)state;
	expect_terminal("", 0, "");
	for (size_t i = 0; i < sizeof junk; i++)
		junk[i] = (char)(i * 37 + 11);
	for (size_t k = 0; k < nitems(ds); k++) {
		expect_capture(ds[k], "", "");
		t = tc_clean_capture(ds[k], junk, sizeof junk);
		assert_non_null(t);
		free(t);
	}
}

static void
test_cursor_moves_cannot_amplify_input(void **state)
{
	struct buf in = { 0 };
	char *t;

	(void)state;
	for (int i = 0; i < 1000; i++)
		buf_adds(&in, "\x1b[4096C");
	buf_adds(&in, "x\n");
	t = tc_strip_terminal(in.data, in.len);
	assert_true(strlen(t) <= 65536 + 1);
	free(t);
	buf_free(&in);
}

static void
test_wrapped_command_echo_goes_with_its_block(void **state)
{
	static const char in[] =
	    "{ <cr>|bundle<K>|inbound<K>|rx-cttr<K> }:\n"
	    "\n"
	    "  Command:\n"
	    "          service-port 1 vlan 31 gpon 0/1/1 ont 42 gemport 31 multi-servic\n"
	    "          e user-vlan 31 tag-transform translate\n"
	    "  Failure: The GEM port does not exist\n";
	char *t = tc_strip_debris(HWD, in);

	(void)state;
	assert_string_equal(t, "\n  Failure: The GEM port does not exist\n");
	free(t);
}

static void
test_zte_mode_prompts(void **state)
{
	(void)state;
	expect_capture(ZTD, "OLT-NGAJUK(config-pon-onu-mng)#show x\n"
	    "ZXAN(config-if)#\n"
	    "ZXAN>enable\n"
	    "  data\n",
	    "  data\n");
}

/* A dialect no real device speaks: every cleaning rule of its own, none of
   the two vendors'. */
static const struct dialect_marker test_markers[] = {
	{ .text = "<<press a key>>", .flags = DM_BLANK_BEFORE, .head = 0 },
	{ .text = "[more]", .flags = 0, .head = 3 },
	{ .text = NULL }
};
static const char *const test_answered[] = { "^ *proceed\\? \\[enter\\]$", NULL };
static const struct dialect_block test_blocks[] = {
	{ .start = "^\\*\\*\\* EVENT", .end = "^\\*\\*\\* DONE$", .word = "trap",
	  .max_lines = 5 },
	{ .start = NULL }
};
static const char *const test_prompt_ends[] = { "$$", NULL };
static const struct cli_dialect test_dialect = {
	.name = "test",
	.markers = test_markers,
	.answered = test_answered,
	.echo_header = "Echo:",
	.blocks = test_blocks,
	.prompt_ends = test_prompt_ends,
};
/* A dialect that says nothing about cleaning (as a new driver may start). */
static const struct cli_dialect bare_dialect = { .name = "bare" };

static void
test_a_dialects_own_rules_are_applied(void **state)
{
	static const char in[] =
	    "box(cfg)$$show things\r\n"
	    "proceed? [enter]\r\n"
	    "Echo:\r\n"
	    "          show things\r\n"
	    "row 1 <<press a key>>\r\n"
	    "<<press a key>>\r\n"
	    "*** EVENT 17\r\n"
	    "  link trap on port 3\r\n"
	    "*** DONE\r\n"
	    "[morow 2\r\n"
	    "row 3\r\n"
	    "box$$";

	(void)state;
	expect_capture(&test_dialect, in, "row 1\nrow 2\nrow 3\n");
}

static void
test_a_block_without_its_word_or_too_long_is_kept(void **state)
{
	static const char plain[] = "*** EVENT 17\nno word here\n*** DONE\n";
	static const char longer[] =
	    "*** EVENT 18\na trap\n1\n2\n3\n*** DONE\n";
	char *t;

	(void)state;
	t = tc_strip_debris(&test_dialect, plain);
	assert_string_equal(t, plain);
	free(t);
	/* six lines, the dialect allows five */
	t = tc_strip_debris(&test_dialect, longer);
	assert_string_equal(t, longer);
	free(t);
}

/* Each vendor's debris, in one text: what Huawei's rules remove (pager
   marker, smart question, echo block, alarm block; the diagnose prompt
   "%%" becomes an empty line), what ZTE's do (its marker with the blank
   before it, the marker the next row overwrote), and the test dialect's
   marker, which neither knows. */
#define HW_DEBRIS \
	"---- More ( Press 'Q' to break ) ----\n" \
	"{ <cr>||<K> }:\n" \
	"  Command:\n" \
	"          display x\n" \
	"  ! 7[2026-01-02 03:04:05]:\n" \
	"  ALARM  7 FAULT MAJOR\n" \
	"  ---  END\n"
#define HW_PROMPT "host(diagnose)%%\n"
#define ZTE_DEBRIS_ROWS "  data 2 --More--\n" "--Morerow 3\n"
#define OTHER_DEBRIS "<<press a key>>\n"

static const char mixed[] =
    "  data 1\n" HW_DEBRIS ZTE_DEBRIS_ROWS HW_PROMPT OTHER_DEBRIS "  data 4\n";

static void
test_huawei_debris_stays_in_zte_output(void **state)
{
	(void)state;
	expect_capture(ZTD, mixed,
	    "  data 1\n" HW_DEBRIS "  data 2\n" "row 3\n" HW_PROMPT OTHER_DEBRIS
	    "  data 4\n");
}

static void
test_zte_debris_stays_in_huawei_output(void **state)
{
	(void)state;
	expect_capture(HWD, mixed,
	    "  data 1\n" ZTE_DEBRIS_ROWS "\n" OTHER_DEBRIS "  data 4\n");
}

static void
test_a_dialect_without_rules_gets_the_generic_cleaning(void **state)
{
	static const char in[] =
	    "box#show x\r\n"
	    "  a\x1b[1;32mb\x1b[0m\r\n"
	    "box(config)>y\r\n";
	char *t;

	(void)state;
	expect_capture(&bare_dialect, in, "  ab\n");
	expect_capture(NULL, in, "  ab\n");
	/* nothing vendor-specific goes */
	t = tc_strip_debris(&bare_dialect, mixed);
	assert_string_equal(t, mixed);
	free(t);
	t = tc_strip_debris(NULL, mixed);
	assert_string_equal(t, mixed);
	free(t);
}

/* Renders a NUL-terminated input (the common case below). */
static void
expect_rendered(const char *in, const char *want)
{
	expect_terminal(in, strlen(in), want);
}

static void
test_cursor_moves_count_characters_not_bytes(void **state)
{
	(void)state;
	/* "ã" is two bytes and one column: two left lands on it */
	expect_rendered("São\x1b[2DXY", "SXY");
	/* a row redrawing its last word in place */
	expect_rendered("  0/ 1/0       4   Condomínio São João\x1b[4DJoão\r\n",
	    "  0/ 1/0       4   Condomínio São João\n");
	/* a pager erase after a row with accents leaves the row whole */
	expect_rendered("Ação\r\n" HW_MORE HW_ERASE "  Praça\x1b[5DXY\r\n",
	    "Ação\n  XYaça\n");
	/* a byte that is not UTF-8 is a column of its own */
	expect_rendered("a\xe9" "z\x1b[2DX", "aXz");
}

static void
test_erase_delete_and_insert_characters(void **state)
{
	(void)state;
	/* ESC[nX blanks n cells, the cursor stays */
	expect_rendered("abcdef\x1b[4D\x1b[2Xg", "abg ef");
	/* ESC[nP deletes n cells, the rest moves left */
	expect_rendered("abcdef\x1b[4D\x1b[2P", "abef");
	expect_rendered("ab\x1b[5P", "ab");
	/* ESC[n@ inserts n blanks, the rest moves right */
	expect_rendered("abcdef\x1b[4D\x1b[2@", "ab  cdef");
	expect_rendered("ab\x1b[3@x", "abx");
	/* ESC[1K blanks up to and with the cursor */
	expect_rendered("abcdef\x1b[3D\x1b[1K", "    ef");
}

static void
test_saved_cursor_is_restored(void **state)
{
	(void)state;
	expect_rendered("abc\x1b" "7def\x1b" "8X", "abcXef");
	expect_rendered("abc\x1b[sdef\x1b[uXY", "abcXYf");
	/* a new line forgets the saved column */
	expect_rendered("abcdef\x1b[s\nxy\x1b[uz", "abcdef\nzy");
}

static void
test_column_and_tab_moves(void **state)
{
	(void)state;
	/* a tab moves to the next stop of 8 columns without writing */
	expect_rendered("ab\tc", "ab      c");
	expect_rendered("abcdefghij\x1b[2G\tX", "abcdefghXj");
	expect_rendered("abcdefgh\tX\x1b[3DY", "abcdefgh      Y X");
	/* ESC[n` is ESC[nG; ESC[na is ESC[nC */
	expect_rendered("abcdef\x1b[2`X", "aXcdef");
	expect_rendered("ab\x1b[3aX", "ab   X");
	/* ESC[nI / ESC[nZ move by tab stops */
	expect_rendered("a\x1b[2IX", "a               X");
	expect_rendered("abcdefghijkl\x1b[ZX\x1b[2ZY", "YbcdefghXjkl");
	/* CUP's row is another line: not rendered, the column stays */
	expect_rendered("abc\x1b[5;1Hd", "abcd");
}

static void
test_private_and_intermediate_sequences_do_not_move(void **state)
{
	(void)state;
	expect_rendered("ab\x1b[?25lcd\x1b[?25h", "abcd");
	expect_rendered("ab\x1b[?1049hcd", "abcd");
	expect_rendered("ab\x1b[2 qcd", "abcd");
	expect_rendered("ab\x1b[>4;2mcd", "abcd");
}

/* What a device sends is shown, stored and put in JSON: the rendering is
   clean text (lib/text.h) but for its line breaks, whatever the bytes.
   Found by fuzzing (tests/fuzz/regress/parse/): a serial, a run state or a
   description of invalid UTF-8 or a reordering character reached the
   parsed result. */
static void
test_rendering_is_clean_text_whatever_the_bytes(void **state)
{
	static const char in[] = "0/ 1/0 0 \xe9 HWTC\xe2\x80\xae" "1234 \xc2\x9b" "31m "
	    "\xc0\xaf \xed\xa0\x80 ok \xe2\x80\x8f" "x\r\nS\xc3\xa3o Jo\xc3\xa3o\r\n\xe3\x81";
	char *got;

	(void)state;
	got = tc_strip_terminal(in, sizeof in - 1);
	assert_true(text_is_clean(got, true));
	assert_string_equal(got, "0/ 1/0 0 ? HWTC?1234 ?31m ?? ??? ok ?x\nS\xc3\xa3o Jo\xc3\xa3o\n??");
	free(got);
	got = tc_clean_capture(HWD, in, sizeof in - 1);
	assert_true(text_is_clean(got, true));
	free(got);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_huawei_pager_erase_leaves_the_next_row_intact),
		cmocka_unit_test(test_huawei_pager_erase_then_short_line_leaves_no_blanks),
		cmocka_unit_test(test_huawei_space_cursor_left_collapses),
		cmocka_unit_test(test_zte_backspace_erase_after_more),
		cmocka_unit_test(test_zte_more_with_three_backspaces_is_removed),
		cmocka_unit_test(test_backspace_overwrites_like_a_terminal),
		cmocka_unit_test(test_cr_nul_and_colours_are_dropped),
		cmocka_unit_test(test_erase_in_line),
		cmocka_unit_test(test_truncated_escape_is_harmless),
		cmocka_unit_test(test_huawei_smart_question_and_command_block_go),
		cmocka_unit_test(test_question_with_failure_keeps_the_failure),
		cmocka_unit_test(test_alarm_block_inside_a_table_is_removed),
		cmocka_unit_test(test_incomplete_alarm_block_is_kept),
		cmocka_unit_test(test_huawei_prompts_are_dropped),
		cmocka_unit_test(test_zte_prompts_are_dropped_and_data_kept),
		cmocka_unit_test(test_error_lines_survive_cleaning),
		cmocka_unit_test(test_empty_and_garbage_input),
		cmocka_unit_test(test_cursor_moves_cannot_amplify_input),
		cmocka_unit_test(test_wrapped_command_echo_goes_with_its_block),
		cmocka_unit_test(test_zte_mode_prompts),
		cmocka_unit_test(test_a_dialects_own_rules_are_applied),
		cmocka_unit_test(test_a_block_without_its_word_or_too_long_is_kept),
		cmocka_unit_test(test_huawei_debris_stays_in_zte_output),
		cmocka_unit_test(test_zte_debris_stays_in_huawei_output),
		cmocka_unit_test(test_a_dialect_without_rules_gets_the_generic_cleaning),
		cmocka_unit_test(test_cursor_moves_count_characters_not_bytes),
		cmocka_unit_test(test_erase_delete_and_insert_characters),
		cmocka_unit_test(test_saved_cursor_is_restored),
		cmocka_unit_test(test_column_and_tab_moves),
		cmocka_unit_test(test_private_and_intermediate_sequences_do_not_move),
		cmocka_unit_test(test_rendering_is_clean_text_whatever_the_bytes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
