/* test_template.c — the template format (modes, flags, optional segments,
   conditions, secrets), its errors (file, line, placeholder), injection
   attempts refused, the search order (OLTUI_TEMPLATE_DIR, the override
   directory, per-model files) and map files. */
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

#include "drivers/huawei.h"
#include "drivers/template.h"
#include "drivers/zte.h"
#include "lib/util.h"

/* Expands text with vars into a new plan; the plan, or NULL with *cause. */
static struct plan *
expand(const struct olt_driver *vd, const char *text, const struct tpl_vars *v, char **cause)
{
	struct plan *p = plan_new("t", "test", "test");

	if (template_expand_text(vd, "t.tpl", text, v, p, cause) != 0) {
		plan_free(p);
		return NULL;
	}
	return p;
}

/* Expects text to fail with a cause containing want. */
static void
fails(const struct olt_driver *vd, const char *text, const struct tpl_vars *v, const char *want)
{
	char *cause = NULL;
	struct plan *p = expand(vd, text, v, &cause);

	if (p != NULL)
		fail_msg("\"%s\" expanded, expected \"%s\"", text, want);
	assert_non_null(cause);
	if (strstr(cause, want) == NULL)
		fail_msg("cause \"%s\" lacks \"%s\"", cause, want);
	free(cause);
}

static void
test_steps_and_flags(void **state)
{
	struct tpl_vars v = { 0 };
	char *cause = NULL;
	struct plan *p;

	(void)state;
	tpl_set(&v, "fs", "0/1");
	tpl_seti(&v, "pon", 2);
	tpl_seti(&v, "ont_id", 5);
	tpl_set(&v, "sn", "HWTC6B886FA5");
	tpl_set(&v, "pw", "s3cret");
	tpl_set(&v, "mode", "pppoe");
	p = expand(&driver_huawei,
	    "# a comment\n"
	    "\n"
	    "  if {fs:fs} | ont add {pon:pon} {ont_id:ont_id} sn-auth \"{sn:sn16}\" omci"
	    "[ desc \"{desc:desc}\"] | ont delete {pon:pon} {ont_id:ont_id} | expect=success: 1\n"
	    "if {fs:fs} | ont reset {pon:pon} {ont_id:ont_id} | - | confirm\n"
	    "config | x password {pw:secret} | | if=mode==pppoe\n"
	    "config | never | - | if=mode==dhcp\n"
	    "config | never either | - | if=desc\n"
	    "priv | show it | undo it | undo_mode=if {fs:fs} | undo_confirm | if=!desc\n",
	    &v, &cause);
	if (p == NULL)
		fail_msg("%s", cause);
	assert_int_equal(p->nsteps, 4);
	assert_int_equal(p->steps[0].mode, CLI_MODE_IF);
	assert_string_equal(p->steps[0].mode_arg, "0/1");
	assert_string_equal(p->steps[0].command,
	    "ont add 2 5 sn-auth \"485754436B886FA5\" omci");
	assert_string_equal(p->steps[0].undo, "ont delete 2 5");
	assert_int_equal(p->steps[0].undo_mode, CLI_MODE_IF);
	assert_string_equal(p->steps[0].undo_mode_arg, "0/1");
	assert_string_equal(p->steps[0].expect, "success: 1");
	assert_false(p->steps[0].confirm);
	assert_true(p->steps[1].confirm);
	assert_null(p->steps[1].undo);
	/* Secrets: in the command, masked in the display. */
	assert_string_equal(p->steps[2].command, "x password s3cret");
	assert_string_equal(p->steps[2].display, "x password ******");
	assert_null(p->steps[2].undo);
	assert_int_equal(p->steps[3].mode, CLI_MODE_PRIV);
	assert_null(p->steps[3].mode_arg);
	assert_int_equal(p->steps[3].undo_mode, CLI_MODE_IF);
	assert_string_equal(p->steps[3].undo_mode_arg, "0/1");
	assert_true(p->steps[3].undo_confirm);
	plan_free(p);

	/* With a description the optional segment appears, validated. */
	tpl_set(&v, "desc", "Cust 42");
	p = expand(&driver_huawei, "if {fs:fs} | ont add {pon:pon}[ desc \"{desc:desc}\"] | -\n",
	    &v, &cause);
	assert_non_null(p);
	assert_string_equal(p->steps[0].command, "ont add 2 desc \"Cust 42\"");
	plan_free(p);
	tpl_vars_free(&v);
}

static void
test_errors_name_file_line_placeholder(void **state)
{
	struct tpl_vars v = { 0 };

	(void)state;
	tpl_seti(&v, "vlan", 100);
	fails(&driver_huawei, "config | a {vlan:vlan} | -\nconfig | b {user_vlan:vlan} | -\n", &v,
	    "t.tpl line 2: placeholder {user_vlan:vlan} has no value");
	fails(&driver_huawei, "config | a {vlan:colour} | -\n", &v,
	    "t.tpl line 1: {vlan:colour}: unknown placeholder type \"colour\"");
	/* A typo'd type is caught even when the value is missing. */
	fails(&driver_huawei, "config | a[ {nothing:colour}] | -\n", &v, "unknown placeholder type");
	fails(&driver_huawei, "config | a {vlan} | -\n", &v, "t.tpl line 1: placeholder {vlan} is "
	    "not {name:type}");
	fails(&driver_huawei, "config | a {Vlan:vlan} | -\n", &v, "not {name:type}");
	fails(&driver_huawei, "config | a {vlan:vlan | -\n", &v, "'{' without '}'");
	fails(&driver_huawei, "config | a [b [c]] | -\n", &v, "do not nest");
	fails(&driver_huawei, "config | a [b | -\n", &v, "'[' without ']'");
	fails(&driver_huawei, "config | a ] | -\n", &v, "']' without '['");
	fails(&driver_huawei, "config | a\n", &v, "t.tpl line 1: a step is MODE | command | undo");
	fails(&driver_huawei, "shell | a | -\n", &v, "mode \"shell\" is not priv, config, if or onu");
	fails(&driver_huawei, "if | a | -\n", &v, "mode if needs an argument");
	fails(&driver_huawei, "config 0/1 | a | -\n", &v, "mode config takes no argument");
	fails(&driver_huawei, "config | a | - | confirmed\n", &v, "unknown flag \"confirmed\"");
	fails(&driver_huawei, "config |  | -\n", &v, "empty command");
	tpl_set(&v, "pw", "p4ss");
	fails(&driver_huawei, "config | a | b {pw:secret}\n", &v, "an undo may not hold a secret");
	fails(&driver_huawei, "if {pw:secret} | a | -\n", &v, "may not be empty or secret");
	tpl_seti(&v, "vlan", 5000);
	fails(&driver_huawei, "config | a | -\nconfig | vlan {vlan:vlan} | -\n", &v,
	    "t.tpl line 2: {vlan:vlan}: vlan: a VLAN is a number 1-4094, got 5000");
	/* A bad value inside an optional segment is an error, not a dropped segment. */
	fails(&driver_huawei, "config | a[ vlan {vlan:vlan}] | -\n", &v, "1-4094");
	tpl_vars_free(&v);
}

/* Found by fuzzing (tests/fuzz/regress/template/): a template line of
   invalid UTF-8 (or with a C1 or reordering character) became a command,
   whose replay record was then not valid JSON; and a record read back
   took such a command.  A command, its undo and their mode arguments are
   printable UTF-8 text, whatever builds them. */
static void
test_unclean_commands_are_refused(void **state)
{
	struct tpl_vars v = { 0 };
	char *cause = NULL;
	struct plan *p;

	(void)state;
	fails(&driver_huawei, "config | service-port 1000 inbound\xfft | -\n", &v,
	    "invalid UTF-8");
	fails(&driver_huawei, "config | x | undo \xc2\x9b" "2J\n", &v, "C1 control");
	fails(&driver_zte, "if gpon-olt_1/1/1\xe2\x80\xae | x | -\n", &v, "reorders text");
	/* Nor an expected text (found by fuzzing: a control byte in expect=);
	   a TAB is a blank. */
	fails(&driver_huawei, "\nconfig | x | - | expect=success: 2\x01\n", &v,
	    "t.tpl line 2: holds a control character");
	p = expand(&driver_huawei, "config\t| x | -\t| expect=ok\n", &v, &cause);
	assert_non_null(p);
	assert_string_equal(p->steps[0].expect, "ok");
	plan_free(p);
	p = plan_new("t", "test", "test");
	assert_int_equal(plan_add(p, CLI_MODE_CONFIG, NULL, "ok", "sh\xe9wn", false, NULL,
	    NULL, CLI_MODE_CONFIG, NULL, false, &cause), -1);
	assert_non_null(strstr(cause, "invalid UTF-8"));
	free(cause);
	assert_int_equal(plan_add(p, CLI_MODE_CONFIG, NULL, "ont modify 0 1 desc \"Pra\xc3\xa7" "a\"",
	    NULL, false, NULL, NULL, CLI_MODE_CONFIG, NULL, false, NULL), 0);
	plan_free(p);
}

/* Found by fuzzing (tests/fuzz/regress/template/): a step skipped by its
   if= after an expect=, or with two expect=, leaked the expected text
   (LeakSanitizer, `make check`). */
static void
test_skipped_steps_and_repeated_flags_free_what_they_read(void **state)
{
	struct tpl_vars v = { 0 };
	char *cause = NULL;
	struct plan *p;

	(void)state;
	tpl_set(&v, "wan_mode", "dhcp");
	p = expand(&driver_huawei, "config | x | - | expect=ok | if=wan_mode==pppoe\n"
	    "config | y | - | expect=a | expect=b\n", &v, &cause);
	assert_non_null(p);
	assert_int_equal(p->nsteps, 1);
	assert_string_equal(p->steps[0].command, "y");
	assert_string_equal(p->steps[0].expect, "b");
	plan_free(p);
	tpl_vars_free(&v);
}

static void
test_injection_refused(void **state)
{
	struct tpl_vars v = { 0 };

	(void)state;
	tpl_set(&v, "desc", "x\rquit");
	fails(&driver_huawei, "config | ont modify 0 1 desc \"{desc:desc}\" | -\n", &v,
	    "control characters");
	tpl_set(&v, "desc", "x\" ; reboot \"");
	fails(&driver_huawei, "config | ont modify 0 1 desc \"{desc:desc}\" | -\n", &v, "quotes");
	tpl_set(&v, "vlan", "100\nundo service-port all");
	fails(&driver_huawei, "config | vlan {vlan:vlan} | -\n", &v, "control characters");
	tpl_set(&v, "user", "bob\r\nreboot");
	fails(&driver_zte, "onu gpon-onu_1/1/1:1 | wan-ip 1 username {user:user} | -\n", &v,
	    "control characters");
	tpl_set(&v, "port", "1/1/1\nno onu 1");
	fails(&driver_zte, "if gpon-olt_{port:port} | x | -\n", &v, "control characters");
	tpl_set(&v, "url", "http://acs\r\nreboot");
	fails(&driver_zte, "onu x | tr069-mgmt 1 acs {url:url} | -\n", &v, "control characters");
	/* A '|' in a value cannot split a step: values go in after the split. */
	tpl_set(&v, "name", "a | b");
	char *cause = NULL;
	struct plan *p = expand(&driver_zte, "if gpon-onu_1/1/1:1 | name {name:name} | -\n", &v,
	    &cause);
	assert_non_null(p);
	assert_string_equal(p->steps[0].command, "name a | b");
	assert_null(p->steps[0].undo);
	plan_free(p);
	tpl_vars_free(&v);
}

/* Writes a file, making its directories. */
static void
put(const char *path, const char *text)
{
	char *d = xstrdup(path);
	FILE *f;

	for (char *s = strchr(d + 1, '/'); s != NULL; s = strchr(s + 1, '/')) {
		*s = '\0';
		mkdir(d, 0700);
		*s = '/';
	}
	free(d);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

/* Removes the test's temporary tree. */
static void
rm_tree(const char *dir)
{
	char *cmd = xasprintf("rm -rf '%s'", dir);

	assert_int_equal(system(cmd), 0);
	free(cmd);
}

static void
test_search_order(void **state)
{
	char base[] = "/tmp/oltui-tpl-XXXXXX", *env, *ovr, *path, *cause = NULL;
	const char *top = getenv("OLTUI_TOP");
	struct tpl_vars v = { 0 };
	struct plan *p;

	(void)state;
	assert_non_null(mkdtemp(base));
	env = xasprintf("%s/env", base);
	ovr = xasprintf("%s/override", base);
	tpl_seti(&v, "pon", 1);
	tpl_seti(&v, "ont_id", 2);
	tpl_set(&v, "fs", "0/1");

	/* Nothing overridden: the source tree's template (next to the test's
	   executable there is none, so point the environment at the tree). */
	path = xasprintf("%s/drivers/templates", top != NULL ? top : ".");
	setenv("OLTUI_TEMPLATE_DIR", path, 1);
	free(path);
	p = plan_new("t", "reboot", "t");
	assert_int_equal(template_expand(&driver_huawei, NULL, "reboot", &v, p, &cause), 0);
	assert_string_equal(p->steps[0].command, "ont reset 1 2");
	plan_free(p);

	/* The override directory beats the installed and source trees... */
	unsetenv("OLTUI_TEMPLATE_DIR");
	path = xasprintf("%s/huawei/reboot.tpl", ovr);
	put(path, "if {fs:fs} | ont reset graceful {pon:pon} {ont_id:ont_id} | - | confirm\n");
	free(path);
	template_set_override_dir(ovr);
	path = template_find("huawei", NULL, "reboot.tpl", &cause);
	assert_non_null(path);
	assert_true(str_startswith(path, ovr));
	free(path);
	p = plan_new("t", "reboot", "t");
	assert_int_equal(template_expand(&driver_huawei, NULL, "reboot", &v, p, &cause), 0);
	assert_string_equal(p->steps[0].command, "ont reset graceful 1 2");
	plan_free(p);

	/* ...and OLTUI_TEMPLATE_DIR beats the override directory. */
	path = xasprintf("%s/huawei/reboot.tpl", env);
	put(path, "if {fs:fs} | ont reset {pon:pon} {ont_id:ont_id} | - | confirm\n"
	    "priv | display ont info 0 1 {pon:pon} {ont_id:ont_id} | -\n");
	free(path);
	setenv("OLTUI_TEMPLATE_DIR", env, 1);
	p = plan_new("t", "reboot", "t");
	assert_int_equal(template_expand(&driver_huawei, NULL, "reboot", &v, p, &cause), 0);
	assert_int_equal(p->nsteps, 2);
	plan_free(p);

	/* A model's own template beats the vendor's in the same directory;
	   other models keep the vendor's. */
	path = xasprintf("%s/huawei/MA5608T/reboot.tpl", env);
	put(path, "if {fs:fs} | ont reset {pon:pon} {ont_id:ont_id} | - | confirm\n"
	    "priv | display ont info 0 1 {pon:pon} {ont_id:ont_id} | -\n"
	    "priv | display ont info 0 1 {pon:pon} all | -\n");
	free(path);
	p = plan_new("t", "reboot", "t");
	assert_int_equal(template_expand(&driver_huawei, "MA5608T", "reboot", &v, p, &cause), 0);
	assert_int_equal(p->nsteps, 3);
	plan_free(p);
	p = plan_new("t", "reboot", "t");
	assert_int_equal(template_expand(&driver_huawei, "MA5800-X7", "reboot", &v, p, &cause), 0);
	assert_int_equal(p->nsteps, 2);
	plan_free(p);
	/* A model name cannot climb out of the directory. */
	p = plan_new("t", "reboot", "t");
	assert_int_equal(template_expand(&driver_huawei, "../../etc", "reboot", &v, p, &cause), 0);
	assert_int_equal(p->nsteps, 2);
	plan_free(p);

	/* Errors name the file found. */
	path = xasprintf("%s/huawei/enable.tpl", env);
	put(path, "if {fs:fs} | ont activate {pon:pon} {ont_idd:ont_id} | -\n");
	p = plan_new("t", "enable", "t");
	assert_int_equal(template_expand(&driver_huawei, NULL, "enable", &v, p, &cause), -1);
	char *want = xasprintf("%s line 1: placeholder {ont_idd:ont_id} has no value", path);
	assert_string_equal(cause, want);
	free(want);
	free(cause);
	cause = NULL;
	free(path);
	plan_free(p);

	/* A template nowhere: the cause lists where it looked. */
	p = plan_new("t", "x", "t");
	assert_int_equal(template_expand(&driver_huawei, NULL, "no-such-action", &v, p, &cause), -1);
	assert_non_null(strstr(cause, "no template huawei/no-such-action.tpl in"));
	assert_non_null(strstr(cause, env));
	assert_non_null(strstr(cause, ovr));
	free(cause);
	cause = NULL;
	plan_free(p);

	/* Map files follow the same order. */
	path = xasprintf("%s/huawei/speeds.map", env);
	put(path, "# speeds\nup 100 11\ndown 100 12\n");
	free(path);
	char *out = NULL;
	assert_int_equal(template_map("huawei", NULL, "speeds.map", "down 100", &out, &cause), 0);
	assert_string_equal(out, "12");
	free(out);
	assert_int_equal(template_map("huawei", NULL, "speeds.map", "up 250", &out, &cause), -1);
	assert_null(out);
	assert_non_null(strstr(cause, "has no entry \"up 250\" (it has \"up 100\", \"down 100\")"));
	free(cause);

	template_set_override_dir(NULL);
	unsetenv("OLTUI_TEMPLATE_DIR");
	rm_tree(base);
	free(env);
	free(ovr);
	tpl_vars_free(&v);
}

/* Every shipped template expands with a full set of values. */
static void
test_shipped_templates_parse(void **state)
{
	static const char *const actions[] = { "provision", "deprovision", "enable",
	    "disable", "reboot", "desc", "speed", "vlan", "replace" };
	const char *top = getenv("OLTUI_TOP");
	char *dir = xasprintf("%s/drivers/templates", top != NULL ? top : ".");
	struct tpl_vars v = { 0 };

	(void)state;
	setenv("OLTUI_TEMPLATE_DIR", dir, 1);
	free(dir);
	static const char *const kv[][2] = {
		{ "fs", "0/1" }, { "pon", "1" }, { "ont_id", "5" }, { "sn", "HWTC6B886FA5" },
		{ "new_sn", "HWTC00000002" }, { "lp_id", "10" }, { "sp_id", "1" },
		{ "desc", "d" }, { "old_desc", "o" }, { "vlan", "100" }, { "user_vlan", "100" },
		{ "old_vlan", "99" }, { "old_user_vlan", "99" }, { "gemport", "1" },
		{ "gemport", "1" }, { "sp_index", "7" }, { "up_table", "10" },
		{ "down_table", "10" }, { "old_up_table", "20" }, { "old_down_table", "20" },
		{ "wan_mode", "pppoe" }, { "pppoe_user", "u" }, { "pppoe_password", "p" },
		{ "acs_profile", "1" }, { "acs_url", "http://acs:7547" }, { "acs_user", "a" },
		{ "acs_password", "b" }, { "type", "ZTE-F660" }, { "name", "n" },
		{ "tcont_profile", "1G-UP" }, { "old_tcont_profile", "100M" },
		{ "down_profile", "1G-DOWN" }, { "old_down_profile", "100M" },
		{ "vlan_profile", "PPPOE" },
	};
	for (size_t i = 0; i < sizeof kv / sizeof *kv; i++)
		tpl_set(&v, kv[i][0], kv[i][1]);
	for (int vd = 0; vd < 2; vd++) {
		const struct olt_driver *d = vd == 0 ? &driver_huawei : &driver_zte;

		tpl_set(&v, "port", vd == 0 ? "0/1/1" : "1/1/1");
		for (size_t i = 0; i < sizeof actions / sizeof *actions; i++) {
			char *cause = NULL;
			struct plan *p = plan_new("t", actions[i], "t");
			int rc;

			if (!template_exists(d, NULL, actions[i])) {
				plan_free(p);
				continue;	/* composed by the planner (ZTE replace) */
			}
			rc = template_expand(d, NULL, actions[i], &v, p, &cause);
			if (rc != 0)
				fail_msg("%s/%s: %s", vd == 0 ? "huawei" : "zte", actions[i], cause);
			assert_true(p->nsteps >= 1);
			plan_free(p);
		}
	}
	unsetenv("OLTUI_TEMPLATE_DIR");
	tpl_vars_free(&v);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_steps_and_flags),
		cmocka_unit_test(test_errors_name_file_line_placeholder),
		cmocka_unit_test(test_injection_refused),
		cmocka_unit_test(test_unclean_commands_are_refused),
		cmocka_unit_test(test_skipped_steps_and_repeated_flags_free_what_they_read),
		cmocka_unit_test(test_search_order),
		cmocka_unit_test(test_shipped_templates_parse),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
