/*
 * fuzz_template.c — command templates (drivers/template.c
 * template_expand_text: parsing, placeholder substitution and validation,
 * optional segments, flags) and the plan's replay record (drivers/plan.c
 * plan_to_json / plan_from_json, what `oltui undo` rebuilds a write from).
 *
 * Input: byte 0 picks the driver (its limits and validators), byte 1 what
 * is fuzzed:
 *   even  byte 2 the number of variables (0-15), that many NUL-ended
 *         "name=value" parts, then the template's text;
 *   odd   a replay record (JSON text).
 *
 * Invariants: every step of a plan (expanded, or read back from a record)
 * holds no control byte in its command, display, undo, mode arguments or
 * expected text (no value can become a second command); a {x:secret}
 * value never shows in a display or an undo; an expanded plan's record is
 * valid JSON of clean strings and reads back as the same steps; a record
 * that cannot be read says why.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "drivers/driver.h"
#include "drivers/plan.h"
#include "drivers/template.h"
#include "lib/util.h"
#include "tests/fuzz/harness.h"

#define SECRET "Zq7Pw0rdSecret"

static void
expand(const struct olt_driver *d, struct fz *in)
{
	struct tpl_vars vars = { 0 };
	unsigned nvars = fz_byte(in) % 16;
	char *text, *cause = NULL, *part;
	struct plan *p = plan_new("fuzz-olt", "fuzz", "a fuzzed template");
	bool secret_only;

	tpl_set(&vars, "pppoe_password", SECRET);
	for (unsigned i = 0; i < nvars && (part = fz_part(in, NULL)) != NULL; i++) {
		char *eq = strchr(part, '=');

		if (eq != NULL) {
			*eq = '\0';
			tpl_set(&vars, part, eq + 1);
		}
		free(part);
	}
	if ((text = fz_part(in, NULL)) == NULL)
		text = xstrdup("");
	/* The secret must stay hidden when the template only ever asks for
	   it as a secret and does not spell it out itself. */
	secret_only = tpl_get(&vars, "pppoe_password") != NULL &&
	    strcmp(tpl_get(&vars, "pppoe_password"), SECRET) == 0 &&
	    strstr(text, SECRET) == NULL;
	for (const char *q = text; secret_only && (q = strstr(q, "{pppoe_password")) != NULL;
	    q++)
		if (!str_startswith(q, "{pppoe_password:secret}"))
			secret_only = false;
	for (size_t i = 0; i < vars.n && secret_only; i++)
		if (strcmp(vars.name[i], "pppoe_password") != 0 && vars.value[i] != NULL &&
		    strstr(vars.value[i], SECRET) != NULL)
			secret_only = false;
	if (template_expand_text(d, "fuzz.tpl", text, &vars, p, &cause) == 0) {
		fz_plan(p, secret_only ? SECRET : NULL);
		fz_plan_record(p);
	} else {
		if (cause == NULL)
			fz_fail("a template failed without a cause");
		fz_plan(p, secret_only ? SECRET : NULL);
	}
	free(cause);
	free(text);
	plan_free(p);
	tpl_vars_free(&vars);
}

static void
record(struct fz *in)
{
	char *text = fz_rest(in, NULL), *cause = NULL;
	cJSON *j = cJSON_Parse(text);
	struct plan *p = NULL;
	size_t withheld;

	if (j != NULL) {
		if (plan_from_json(j, &p, &withheld, &cause) == 0) {
			fz_plan(p, NULL);
			plan_free(p);
		} else if (cause == NULL) {
			fz_fail("a record refused without a cause");
		}
	}
	cJSON_Delete(j);
	free(cause);
	free(text);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fz_templates();
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fz in = { data, size };
	const struct olt_driver *d;

	if (size < 2 || driver_count() == 0)
		return 0;
	d = driver_at(fz_byte(&in) % driver_count());
	if (fz_byte(&in) % 2 == 0)
		expand(d, &in);
	else
		record(&in);
	return 0;
}
