/* test_console_panes.c — the console's panes draw from memory: after a
   pane has loaded its model, drawing frames runs no SQL at all.

   Every SQLite connection this process opens gets a statement counter
   (sqlite3_auto_extension installs an SQLITE_TRACE_STMT callback), so the
   check covers store_*, history_*, audit_* and poll_* reads alike.  The
   console runs for real on a curses screen writing to /dev/null (newterm):
   each pane is opened, its model loaded the way the main loop does
   (pane_reload), and then N frames are drawn (console_draw) with the
   counter required not to move — at 80x24 and 132x43, after keys that move
   the selection, after a pool event.  A control test shows the counter does
   move when a model is reloaded, so a zero means "no SQL", not "no
   counting".  The screen is read back (mvwinnstr) to check that each pane
   drew what it is about. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <curses.h>
#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/audit.h"
#include "core/pool.h"
#include "core/store.h"
#include "lib/util.h"
#include "tui/console/console.h"

#define FRAMES	5

static unsigned long statements;	/* SQL statements run, any connection */

/* SQLITE_TRACE_STMT: one more statement started. */
static int
count_stmt(unsigned type, void *ctx, void *p, void *x)
{
	(void)type, (void)ctx, (void)p, (void)x;
	statements++;
	return 0;
}

/* Auto extension: every new connection counts its statements. */
static int
trace_connection(sqlite3 *db, const char **err, const void *api)
{
	(void)err, (void)api;
	sqlite3_trace_v2(db, SQLITE_TRACE_STMT, count_stmt, NULL);
	return SQLITE_OK;
}

struct fx {
	char		 dir[64];
	struct store	*st;
	int64_t		 north;
	FILE		*out, *in;
	SCREEN		*scr;
	struct console	 c;
};

/* Stores one ONT as a sweep would. */
static void
add_ont(struct store *st, int64_t olt, const char *port, int id, const char *sn)
{
	struct ont_reading r = { 0 };

	strcpy(r.port, port);
	r.ont_id = id;
	strcpy(r.sn, sn);
	r.admin = ADMIN_ENABLED;
	r.status = ONT_ONLINE;
	r.rx_dbm = -21.5;
	r.olt_rx_dbm = -23.0;
	r.distance_m = 1200;
	r.read_at = now_s() - 30;
	assert_int_equal(store_onts_upsert(st, olt, &r, 1, NULL), 0);
}

/* A fleet with something for every pane: ONTs, a contract, an alarm,
   a day of samples, an audit entry with a step, a discovered ONT, a
   service profile, a config backup. */
static void
fill(struct fx *f)
{
	struct olt o = { 0 };
	struct contract ct = { 0 };
	struct alarm a = { 0 };
	struct discovered_ont d = { 0 };
	struct profile pf = { 0 };
	struct signal_sample sm[48];
	struct ont on;
	int64_t id, now = now_s();
	char sn[32];

	strcpy(o.name, "north");
	strcpy(o.driver, "huawei");
	strcpy(o.model, "MA5800-X7");
	strcpy(o.host, "127.0.0.1");
	o.port = 22;
	o.transport = TRANSPORT_SSH;
	strcpy(o.user, "root");
	o.snmp_port = 161;
	assert_int_equal(store_olt_add(f->st, &o, NULL), 0);
	f->north = o.id;
	for (int i = 0; i < 6; i++) {
		snprintf(sn, sizeof sn, "HWTCB00000%02d", i);
		add_ont(f->st, f->north, i < 4 ? "0/1/0" : "0/1/1", i % 4, sn);
	}
	strcpy(ct.code, "C-7");
	strcpy(ct.customer, "Bo Li");
	assert_int_equal(store_contract_add(f->st, &ct, NULL), 0);
	assert_int_equal(store_link_set(f->st, "HWTCB0000001", "C-7", NULL), 0);
	a.olt_id = f->north;
	strcpy(a.port, "0/1/0");
	strcpy(a.sn, "HWTCB0000002");
	a.kind = ALARM_RX_WARNING;
	strcpy(a.text, "ONU Rx -27.5 dBm");
	a.severity = SEV_WARNING;
	a.raised_at = now - 600;
	assert_int_equal(store_alarm_raise(f->st, &a, NULL), 1);
	assert_int_equal(store_ont_by_sn(f->st, "HWTCB0000001", &on, NULL), 1);
	for (int i = 0; i < 48; i++)
		sm[i] = (struct signal_sample){ on.id, now - 1800 * (48 - i), -21.0 - i % 5,
		    -23.0 };
	assert_int_equal(store_samples_insert(f->st, sm, 48, NULL), 0);
	id = audit_begin(f->st, &(struct audit_start){ .olt = "north", .action = "reboot" },
	    NULL);
	assert_true(id > 0);
	assert_int_equal(audit_step(f->st, id, "ont reset 0 1", "success", true, NULL), 0);
	assert_int_equal(audit_end(f->st, id, AUDIT_OK, NULL, NULL), 0);
	d.olt_id = f->north;
	strcpy(d.port, "0/1/1");
	strcpy(d.sn, "HWTC0BADC0DE");
	strcpy(d.model, "HG8245H");
	d.found_at = now - 60;
	assert_int_equal(store_discovered_replace(f->st, f->north, &d, 1, NULL), 0);
	strcpy(pf.name, "huawei-100");
	pf.vlan = 100, pf.down_mbps = 100, pf.up_mbps = 100;
	assert_int_equal(store_profile_add(f->st, &pf, NULL), 0);
	assert_true(store_backup_add(f->st, f->north, "sysname north\n", now - 3600, NULL) > 0);
}

/* Starts curses on /dev/null at cols x rows. */
static int
screen_start(struct fx *f, int cols, int rows)
{
	char n[16];

	snprintf(n, sizeof n, "%d", rows);
	setenv("LINES", n, 1);
	snprintf(n, sizeof n, "%d", cols);
	setenv("COLUMNS", n, 1);
	if ((f->out = fopen("/dev/null", "w")) == NULL ||
	    (f->in = fopen("/dev/null", "r")) == NULL ||
	    (f->scr = newterm("xterm", f->out, f->in)) == NULL)
		return -1;
	set_term(f->scr);
	return 0;
}

static int
setup(void **state)
{
	struct fx *f = xcalloc(1, sizeof *f);
	char *path, *cause = NULL;

	strcpy(f->dir, "/tmp/oltui-panes.XXXXXX");
	if (mkdtemp(f->dir) == NULL)
		return -1;
	path = xasprintf("%s/oltui.db", f->dir);
	f->st = store_open(path, &cause);
	free(path);
	if (f->st == NULL) {
		fprintf(stderr, "%s\n", cause);
		return -1;
	}
	fill(f);
	if (screen_start(f, 80, 24) == -1)
		return -1;
	f->c.st = f->st;		/* cfg NULL: the key table's defaults */
	ui_init_lines(&f->c, false);
	theme_mono(&f->c);
	getmaxyx(stdscr, f->c.rows, f->c.cols);
	pane_push(&f->c, &main_pane_ops, NULL);
	pane_main(&f->c)->want = PANE_RELOAD;	/* the full load, as after the first frame */
	pane_reload(&f->c);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fx *f = *state;
	char *cmd = xasprintf("rm -rf %s", f->dir);

	pane_close_all(&f->c);
	endwin();
	delscreen(f->scr);
	fclose(f->out);
	fclose(f->in);
	store_close(f->st);
	if (system(cmd) != 0)
		fprintf(stderr, "cannot remove %s\n", f->dir);
	free(cmd);
	free(f);
	return 0;
}

/* True when text is on the virtual screen. */
static bool
screen_has(const char *text)
{
	char line[512];
	int rows, cols;

	getmaxyx(stdscr, rows, cols);
	for (int y = 0; y < rows; y++) {
		if (mvwinnstr(stdscr, y, 0, line, cols < 511 ? cols : 511) == ERR)
			continue;
		if (strstr(line, text) != NULL)
			return true;
	}
	return false;
}

/* Reloads what is stale (as the loop does before a frame), then draws
   FRAMES frames and fails if any of them ran a statement; the screen must
   show text. */
static void
frames_run_no_sql(struct fx *f, const char *text)
{
	pane_reload(&f->c);
	statements = 0;
	for (int i = 0; i < FRAMES; i++)
		console_draw(&f->c);
	if (statements != 0)
		fail_msg("drawing the %s pane ran %lu SQL statement(s)",
		    pane_top(&f->c)->ops->name, statements);
	if (!screen_has(text))
		fail_msg("the %s pane did not draw '%s'", pane_top(&f->c)->ops->name, text);
}

/* Sends one key as the loop would (after the frame-wide prompts). */
static void
key(struct fx *f, int k)
{
	assert_true(keys_dispatch(&f->c, k));
}

static void
test_reloading_a_model_runs_sql_and_the_counter_sees_it(void **state)
{
	struct fx *f = *state;

	statements = 0;
	pane_touch_all(&f->c, PANE_RELOAD);
	pane_reload(&f->c);
	assert_true(statements > 0);
	statements = 0;
	assert_int_equal(store_ont_count(f->st, 0, NULL), 6);
	assert_true(statements > 0);
}

static void
test_main_pane_draws_the_tree_and_each_detail_without_sql(void **state)
{
	struct fx *f = *state;

	frames_run_no_sql(f, "OLT north");
	assert_true(screen_has("last backup"));
	key(f, 'l');			/* expand north */
	key(f, 'j');			/* board 0/1 */
	frames_run_no_sql(f, "Board north 0/1");
	key(f, 'l');
	key(f, 'j');			/* port 0/1/0: the ONT table */
	frames_run_no_sql(f, "PON north 0/1/0");
	assert_true(screen_has("HWTCB0000003"));
	key(f, 'o');			/* worst signal first */
	frames_run_no_sql(f, "worst first");
	key(f, 'l');
	key(f, 'j');
	key(f, 'j');			/* ONT 1: contract, sparklines, alarms */
	frames_run_no_sql(f, "ONT HWTCB0000001");
	assert_true(screen_has("contract C-7"));
	key(f, 'j');			/* ONT 2 and its alarm */
	frames_run_no_sql(f, "rx_warning");
	key(f, '\t');			/* focus on the detail */
	key(f, 'j');
	frames_run_no_sql(f, "ONT HWTCB0000002");
}

static void
test_main_pane_draws_a_filter_and_its_line_without_sql(void **state)
{
	struct fx *f = *state;

	key(f, '/');
	key(f, '0');
	key(f, '5');
	frames_run_no_sql(f, "Fleet /05");
	assert_true(screen_has("Enter keeps it"));
	assert_true(screen_has("HWTCB0000005"));
}

static void
test_a_pool_event_reloads_once_then_frames_run_no_sql(void **state)
{
	struct fx *f = *state;
	struct pool_event ev = { .job_id = 1, .kind = CJOB_SWEEP, .olt_id = 0,
	    .status = POOL_JOB_DONE, .msg = NULL };

	assert_true(keys_run_line(&f->c, "jump HWTCB0000004"));
	pane_event(&f->c, &ev);
	statements = 0;
	assert_true(pane_reload(&f->c));
	assert_true(statements > 0);
	frames_run_no_sql(f, "ONT HWTCB0000004");
}

static void
test_signal_pane_draws_its_charts_without_sql(void **state)
{
	struct fx *f = *state;

	assert_true(keys_run_line(&f->c, "jump HWTCB0000001"));
	key(f, '\n');			/* Enter on an ONT: the signal view */
	frames_run_no_sql(f, "Signal HWTCB0000001");
	assert_true(screen_has("n 2"));	/* the 1 h summary: two samples */
	key(f, 't');
	frames_run_no_sql(f, "[24h]");
	assert_true(screen_has("n 48"));
}

static void
test_alarms_pane_draws_without_sql(void **state)
{
	struct fx *f = *state;

	key(f, 'A');
	frames_run_no_sql(f, "Alarms");
	assert_true(screen_has("HWTCB0000002"));
}

static void
test_audit_pane_draws_entries_and_steps_without_sql(void **state)
{
	struct fx *f = *state;

	key(f, 'a');			/* the OLT's trail */
	frames_run_no_sql(f, "Audit OLT north");
	key(f, '\n');
	frames_run_no_sql(f, "ont reset 0 1");
	key(f, '/');
	key(f, 'r');
	frames_run_no_sql(f, "search audit: r");
}

static void
test_discovery_list_and_wizard_form_draw_without_sql(void **state)
{
	struct fx *f = *state;

	key(f, 'D');
	frames_run_no_sql(f, "Discovered ONTs");
	assert_true(screen_has("HWTC0BADC0DE"));
	key(f, '\n');
	frames_run_no_sql(f, "Provision HWTC0BADC0DE on north 0/1/1");
	assert_true(screen_has("< huawei-100 >"));
}

static void
test_help_pane_draws_without_sql(void **state)
{
	struct fx *f = *state;

	key(f, '?');
	frames_run_no_sql(f, "what it does");
}

static void
test_every_pane_draws_without_sql_at_132x43(void **state)
{
	struct fx *f = *state;
	static const struct pane_ops *const views[] = {
		&signal_ops, &alarms_pane_ops, &audit_pane_ops, &discover_ops, &help_ops,
	};

	resizeterm(43, 132);
	getmaxyx(stdscr, f->c.rows, f->c.cols);
	pane_touch_all(&f->c, PANE_FOLLOW);
	assert_true(keys_run_line(&f->c, "jump HWTCB0000001"));
	frames_run_no_sql(f, "ONT HWTCB0000001");
	for (size_t i = 0; i < sizeof views / sizeof views[0]; i++) {
		assert_int_equal(pane_show(&f->c, views[i], NULL), 0);
		frames_run_no_sql(f, " oltui");
	}
}

static void
test_router_view_and_mass_form_draw_without_sql(void **state)
{
	struct fx *f = *state;

	assert_true(keys_run_line(&f->c, "jump HWTCB0000001"));
	frames_run_no_sql(f, "ONT HWTCB0000001");
	assert_true(screen_has("T router (TR-069)"));
	key(f, 'T');			/* no pool here: nothing read, the frame only */
	frames_run_no_sql(f, "Router HWTCB0000001");
	assert_true(screen_has("w wifi  p pppoe  b reboot (router)"));
	key(f, 'w');			/* no view: nothing to change */
	assert_true(strstr(f->c.msg, "could not be read") != NULL);
	key(f, 'q');
	assert_true(keys_run_line(&f->c, "acs-mass"));
	frames_run_no_sql(f, "one change to the routers of north port 0/1/0");
	key(f, '5');			/* the radio field */
	key(f, KEY_DOWN);
	key(f, KEY_DOWN);		/* the passphrase: drawn as stars */
	key(f, 's');
	key(f, 'e');
	key(f, 'k');
	frames_run_no_sql(f, "passphrase  ***_");
	assert_false(screen_has("sek"));
}

/* ---- text that does not fit: wrapped at spaces, nothing cut ---- */

/* The words of s (blank-separated), one blank between each. */
static void
words(const char *s, char *out, size_t size)
{
	size_t k = 0;

	for (; *s != '\0' && k + 1 < size; s++)
		if (*s != ' ' || (k > 0 && out[k - 1] != ' ' && s[1] != ' ' && s[1] != '\0'))
			out[k++] = *s;
	out[k] = '\0';
}

/* Checks that the rows of line wrapped at w fit in w columns, break only
   between words, lose no word, and hang their continuations at hang. */
static void
check_wrap(const char *line, int w, int hang, size_t rows_want)
{
	struct wrap_row r[16];
	size_t n = wrap_line(line, strlen(line), w, -1, r, 16);
	char joined[1024] = "", a[1024], b[1024], row[256];

	assert_int_equal(n, rows_want);
	for (size_t k = 0; k < n; k++) {
		snprintf(row, sizeof row, "%.*s", (int)r[k].len, line + r[k].off);
		assert_true(r[k].indent + ui_width(row) <= w);
		if (k > 0) {
			assert_int_equal(r[k].indent, hang);
			assert_true(line[r[k].off - 1] == ' ');		/* a word's start */
		}
		if (r[k].off + r[k].len < strlen(line))
			assert_true(line[r[k].off + r[k].len] == ' ');	/* a word's end */
		snprintf(joined + strlen(joined), sizeof joined - strlen(joined), "%s%s",
		    k ? " " : "", row);
	}
	words(line, a, sizeof a);
	words(joined, b, sizeof b);
	assert_string_equal(b, a);
}

static void
test_long_lines_wrap_at_spaces_hanging_under_their_text(void **state)
{
	(void)state;
	/* a step and its command: continuations hang under the command */
	check_wrap("   3  service-port vlan 100 gpon 0/1/1 ont 16 gemport 1 multi-service "
	    "user-vlan 100 tag-transform translate inbound traffic-table index 10 "
	    "outbound traffic-table index 10", 76, 6, 3);
	/* an undo on its own line: continuations hang under the undo command */
	check_wrap("      undo: service-port 1916 vlan 31 gpon 0/1/1 ont 5 gemport 31 "
	    "multi-service user-vlan 31 inbound traffic-table index 10 outbound "
	    "traffic-table index 10", 76, 12, 3);
	/* a sentence: two columns in */
	check_wrap("why: the device refused step 2 (Failure: The traffic table does not "
	    "exist) and every applied step was undone", 40, 5, 3);
	/* UTF-8 marks count one column each */
	check_wrap("✔ step 1/3  ont add 1 16 sn-auth \"485754430BADC0DE\" omci "
	    "ont-lineprofile-id 10 ont-srvprofile-id 31", 50, 2, 3);
	/* a line that fits is one row */
	check_wrap("then: read back ONT 0/1/1 16", 76, 6, 1);
}

static void
test_a_word_wider_than_the_row_is_cut_where_the_row_ends(void **state)
{
	struct wrap_row r[8];
	const char *line = "key ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
	size_t n;

	(void)state;
	n = wrap_line(line, strlen(line), 20, -1, r, 8);
	assert_int_equal(n, 3);
	assert_int_equal(r[0].len, 3);				/* "key" */
	assert_int_equal(r[1].indent + (int)r[1].len, 20);	/* cut at the edge */
	assert_memory_equal(line + r[1].off, "ABCDEFGHIJKLMNOPQR", r[1].len);
}

/* The preview of a write at 80x24: every word of every command and undo
   is on screen whole (a command is never cut mid-word). */
static void
test_a_path_wider_than_the_row_breaks_after_a_dot(void **state)
{
	struct wrap_row r[8];
	const char *line = "  InternetGatewayDevice.LANDevice.1.WLANConfiguration.1.PreSharedKey."
	    "1.KeyPassphrase";
	size_t n;

	(void)state;
	n = wrap_line(line, strlen(line), 40, -1, r, 8);
	assert_int_equal(n, 3);
	for (size_t k = 0; k + 1 < n; k++)	/* each row ends after a dot */
		assert_int_equal(line[r[k].off + r[k].len - 1], '.');
	assert_memory_equal(line + r[0].off, "  InternetGatewayDevice.LANDevice.1.", r[0].len);
	assert_memory_equal(line + r[1].off, "WLANConfiguration.1.PreSharedKey.1.", r[1].len);
	assert_string_equal(line + r[2].off, "KeyPassphrase");
}

/* A long "path:" label would hang the value under its end, a column too
   narrow for it: the value was cut mid-word ("HUAWEI-39E7-5" / "G"). */
static void
test_a_long_label_does_not_hang_its_value_mid_word(void **state)
{
	struct wrap_row r[8];
	const char *line = "  InternetGatewayDevice.LANDevice.1.WLANConfiguration.5.SSID: "
	    "\"HUAWEI-39E7-5G\" -> \"Casa-Souza\"";
	size_t n;

	(void)state;
	n = wrap_line(line, strlen(line), 76, -1, r, 8);
	for (size_t k = 0; k < n; k++) {
		/* every row ends at a word's end: no word is split */
		size_t end = r[k].off + r[k].len;

		assert_true(line[end] == '\0' || line[end] == ' ');
		assert_true(r[k].indent <= 38);
	}
	assert_true(n <= 3);
}

static void
test_parts_joined_by_a_separator_stay_whole(void **state)
{
	struct wrap_row r[8];
	/* the ASCII drawing's separator (the test runs in the C locale) */
	const char *line = "WAN  PPPoE c4071@isp - Connected - 100.64.138.77 - vlan 102 - "
	    "gw 100.64.0.1 - dns 1.1.1.1,8.8.8.8";
	size_t n;

	(void)state;
	n = wrap_line_sep(line, strlen(line), 76, 5, " - ", r, 8);
	assert_int_equal(n, 2);
	/* the row ends with the separator's glyph; the next starts the part */
	assert_int_equal(line[r[0].off + r[0].len - 1], '-');
	assert_int_equal(r[1].indent, 5);
	assert_string_equal(line + r[1].off, "gw 100.64.0.1 - dns 1.1.1.1,8.8.8.8");
	/* without the separator, the same line breaks inside a part */
	n = wrap_line(line, strlen(line), 76, 5, r, 8);
	assert_int_equal(n, 2);
	assert_string_equal(line + r[1].off, "- dns 1.1.1.1,8.8.8.8");
}

static void
test_the_write_preview_shows_every_word_whole_at_80_columns(void **state)
{
	struct fx *f = *state;
	static const char text[] =
	    "provision ONT HWTC0BADC0DE on north 0/1/1 ONT 16\n"
	    "step  command\n"
	    "   1  ont add 1 16 sn-auth \"485754430BADC0DE\" omci ont-lineprofile-id 10 "
	    "ont-srvprofile-id 31\n"
	    "      undo: ont delete 1 16\n"
	    "   2  service-port vlan 100 gpon 0/1/1 ont 16 gemport 1 multi-service "
	    "user-vlan 100 tag-transform translate inbound traffic-table index 10 "
	    "outbound traffic-table index 10\n"
	    "      undo: undo service-port vlan 100 gpon 0/1/1 ont 16 gemport 1\n"
	    "then: read back ONT 0/1/1 16, expect serial HWTC0BADC0DE\n";
	char word[128];

	key(f, 'D');
	key(f, '\n');			/* the form */
	f->c.wjob = xcalloc(1, sizeof *f->c.wjob);
	f->c.wjob->kind = WJ_PREVIEW;
	f->c.wjob->text = xstrdup(text);
	f->c.wjob->picked_id = 16;
	wizard_job_done(&f->c, true);	/* the dry run came back */
	frames_run_no_sql(f, "the commands, then their undo");
	for (const char *p = text; *p != '\0'; ) {
		size_t n = strcspn(p, " \n");

		snprintf(word, sizeof word, "%.*s", (int)n, p);
		if (n > 0 && !screen_has(word))
			fail_msg("'%s' is not on screen whole", word);
		p += n;
		p += strspn(p, " \n");
	}
	assert_true(screen_has("      undo: ont delete 1 16"));
}

/* The text at column x of screen row y, blanks at both ends trimmed. */
static void
screen_text(int y, int x, int n, char *out, size_t size)
{
	char line[512];
	size_t k;

	out[0] = '\0';
	if (mvwinnstr(stdscr, y, x, line, n < 511 ? n : 511) == ERR)
		return;
	for (k = strlen(line); k > 0 && line[k - 1] == ' '; k--)
		;
	line[k] = '\0';
	snprintf(out, size, "%s", line + strspn(line, " "));
}

/* An alarm whose text is longer than a row of 80 columns has left: every
   word of it is on screen. */
static void
test_the_alarms_pane_cuts_no_alarm_text_at_80_columns(void **state)
{
	struct fx *f = *state;
	static const char text[] = "ONU Rx -27.50 dBm below -25.0 dBm (warning) on 0/1/1 "
	    "ONT 0: the fibre or its connectors lose light";
	struct alarm a = { 0 };
	char word[64];

	a.olt_id = f->north;
	strcpy(a.port, "0/1/1");
	strcpy(a.sn, "HWTCB0000004");
	a.kind = ALARM_RX_WARNING;
	strcpy(a.text, text);
	a.severity = SEV_WARNING;
	a.raised_at = now_s() - 60;
	assert_int_equal(store_alarm_raise(f->st, &a, NULL), 1);
	pane_touch_all(&f->c, PANE_RELOAD);
	pane_reload(&f->c);
	key(f, 'A');
	frames_run_no_sql(f, "Alarms");
	for (const char *p = text; *p != '\0'; ) {
		size_t n = strcspn(p, " ");

		snprintf(word, sizeof word, "%.*s", (int)n, p);
		if (!screen_has(word)) {
			char l[256];

			for (int y = 0; y < 10; y++)
				screen_text(y, 0, 80, l, sizeof l), fprintf(stderr, "%s\n", l);
			fail_msg("'%s' of the alarm text is not on screen", word);
		}
		p += n + strspn(p + n, " ");
	}
}

/* Every command's help line is on screen whole at 80 columns: scrolled
   into sight, the rows of its third column put together are its help. */
static void
test_the_help_cuts_no_line_at_80_columns(void **state)
{
	struct fx *f = *state;
	char got[512], row[256], want[512], name[32];

	key(f, '?');
	frames_run_no_sql(f, "what it does");
	for (size_t i = 0; i < console_ncmds; i++) {
		int y, rows = f->c.rows;

		if (i > 0)
			key(f, 'j');
		frames_run_no_sql(f, "what it does");
		snprintf(name, sizeof name, "%-14s ", console_cmds[i].name);
		for (y = 3; y < rows - 2; y++) {
			char at[32];

			mvwinnstr(stdscr, y, 2, at, 15);
			if (strcmp(at, name) == 0)
				break;
		}
		if (y >= rows - 2)
			fail_msg("help: %s is not on screen", console_cmds[i].name);
		got[0] = '\0';
		for (int k = y; k < rows - 2; k++) {
			char at[32];

			mvwinnstr(stdscr, k, 2, at, 14);
			if (k > y && strspn(at, " ") != strlen(at))
				break;		/* the next command */
			screen_text(k, 30, 48, row, sizeof row);
			snprintf(got + strlen(got), sizeof got - strlen(got), "%s%s",
			    got[0] && row[0] ? " " : "", row);
		}
		words(console_cmds[i].help, want, sizeof want);
		assert_string_equal(got, want);
	}
}

/* Answers the text prompt open on the bottom line, as Enter does. */
static void
answer_prompt(struct fx *f, const char *text)
{
	assert_true(f->c.prompting);
	f->c.prompting = false;
	f->c.prompt_fn(&f->c, text);
}

/* The contract the store links sn to ("" for none). */
static const char *
linked(struct fx *f, const char *sn)
{
	static struct ont o;

	assert_int_equal(store_ont_by_sn(f->st, sn, &o, NULL), 1);
	return o.contract;
}

/* The provisioning form refuses an unknown contract at Enter: a message
   says how to add it, and no job (not even the dry run) is started. */
static void
test_the_wizard_refuses_an_unknown_contract_before_asking_the_olt(void **state)
{
	struct fx *f = *state;

	key(f, 'D');
	key(f, '\n');			/* the form */
	frames_run_no_sql(f, "Provision HWTC0BADC0DE on north 0/1/1");
	for (const char *p = "C-NOPE"; *p != '\0'; p++)
		key(f, *p);
	key(f, '\n');
	assert_null(f->c.wjob);
	assert_non_null(strstr(f->c.msg, "no contract C-NOPE"));
	assert_true(f->c.msg_error);
	frames_run_no_sql(f, "no contract C-NOPE: add it (oltui contract add) or leave the code empty");
	assert_true(screen_has("Provision HWTC0BADC0DE"));	/* still the form */
}

/* L on an ONT links it to a contract and, with the code left empty and a
   y, unlinks it; both are audited on the contract; an unknown code links
   nothing. */
static void
test_l_links_and_unlinks_the_selected_ont(void **state)
{
	struct fx *f = *state;
	struct audit_entry *e = NULL;
	struct audit_filter af = { .contract = "C-7" };
	size_t n = 0;

	assert_true(keys_run_line(&f->c, "jump HWTCB0000003"));
	frames_run_no_sql(f, "no contract linked (L links one)");
	key(f, 'L');
	answer_prompt(f, "C-NOPE");
	assert_string_equal(linked(f, "HWTCB0000003"), "");
	assert_non_null(strstr(f->c.msg, "no contract C-NOPE"));
	key(f, 'L');
	answer_prompt(f, "C-7");
	assert_string_equal(linked(f, "HWTCB0000003"), "C-7");
	frames_run_no_sql(f, "contract C-7");
	key(f, 'L');
	answer_prompt(f, "");
	assert_true(f->c.confirming);
	assert_non_null(strstr(f->c.confirm_text, "Unlink HWTCB0000003 from contract C-7"));
	f->c.confirming = false;
	f->c.confirm_fn(&f->c);
	assert_string_equal(linked(f, "HWTCB0000003"), "");
	frames_run_no_sql(f, "no contract linked");
	assert_int_equal(audit_list(f->st, &af, &e, &n, NULL), 0);
	assert_true(n >= 2);
	assert_string_equal(e[n - 2].action, "ont link");
	assert_string_equal(e[n - 1].action, "ont unlink");
	assert_string_equal(e[n - 1].outcome, "ok");
	audit_entries_free(e, n);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
		T(test_reloading_a_model_runs_sql_and_the_counter_sees_it),
		T(test_main_pane_draws_the_tree_and_each_detail_without_sql),
		T(test_main_pane_draws_a_filter_and_its_line_without_sql),
		T(test_a_pool_event_reloads_once_then_frames_run_no_sql),
		T(test_signal_pane_draws_its_charts_without_sql),
		T(test_alarms_pane_draws_without_sql),
		T(test_audit_pane_draws_entries_and_steps_without_sql),
		T(test_discovery_list_and_wizard_form_draw_without_sql),
		T(test_help_pane_draws_without_sql),
		T(test_every_pane_draws_without_sql_at_132x43),
		T(test_router_view_and_mass_form_draw_without_sql),
		T(test_the_write_preview_shows_every_word_whole_at_80_columns),
		T(test_the_alarms_pane_cuts_no_alarm_text_at_80_columns),
		T(test_the_help_cuts_no_line_at_80_columns),
		T(test_the_wizard_refuses_an_unknown_contract_before_asking_the_olt),
		T(test_l_links_and_unlinks_the_selected_ont),
		cmocka_unit_test(test_long_lines_wrap_at_spaces_hanging_under_their_text),
		cmocka_unit_test(test_a_word_wider_than_the_row_is_cut_where_the_row_ends),
		cmocka_unit_test(test_a_path_wider_than_the_row_breaks_after_a_dot),
		cmocka_unit_test(test_a_long_label_does_not_hang_its_value_mid_word),
		cmocka_unit_test(test_parts_joined_by_a_separator_stay_whole),
	};

	sqlite3_auto_extension((void (*)(void))trace_connection);
	setenv("TZ", "UTC", 1);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
