/* plan_golden.h — golden plans for the unit tests (static helpers,
   included by test_adapter_plans.c and test_acme_driver.c): a plan as text
   in the templates' own line format, the comparison with the text a test
   expects (and that no secret of the test requests, "s3cret" or "acsPW",
   is anywhere but in a command), and the check of a refusal's cause.
   Include after cmocka.h. */
#ifndef OLTUI_TEST_PLAN_GOLDEN_H
#define OLTUI_TEST_PLAN_GOLDEN_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "drivers/plan.h"
#include "lib/util.h"

static const char * UNUSED
mode_word(enum cli_mode m)
{
	switch (m) {
	case CLI_MODE_PRIV:
		return "priv";
	case CLI_MODE_CONFIG:
		return "config";
	case CLI_MODE_IF:
		return "if";
	case CLI_MODE_ONU:
		return "onu";
	default:
		return "?";
	}
}

/* The plan as text: one line per step in the template's own format
   (display form), the undo's mode when it differs, then what each place
   the plan touches must read back as (its intent). */
static char * UNUSED
dump(const struct plan *p)
{
	struct buf b = { 0 };

	for (size_t i = 0; i < p->nsteps; i++) {
		const struct plan_step *s = &p->steps[i];
		buf_addf(&b, "%s%s%s | %s | %s", mode_word(s->mode), s->mode_arg ? " " : "",
		    s->mode_arg ? s->mode_arg : "", s->display, s->undo ? s->undo : "-");
		if (s->undo != NULL && (s->undo_mode != s->mode ||
		    (s->undo_mode_arg == NULL) != (s->mode_arg == NULL) ||
		    (s->mode_arg != NULL && strcmp(s->mode_arg, s->undo_mode_arg) != 0)))
			buf_addf(&b, " | undo_mode=%s%s%s", mode_word(s->undo_mode),
			    s->undo_mode_arg ? " " : "", s->undo_mode_arg ? s->undo_mode_arg : "");
		if (s->confirm)
			buf_adds(&b, " | confirm");
		if (s->undo_confirm)
			buf_adds(&b, " | undo_confirm");
		if (s->expect)
			buf_addf(&b, " | expect=%s", s->expect);
		buf_addc(&b, '\n');
	}
	if (p->verify.kind == VERIFY_NONE || p->nplaces == 0)
		buf_adds(&b, "verify none\n");
	for (size_t i = 0; i < p->nplaces; i++) {
		buf_addf(&b, "verify %s: ", p->places[i].label);
		ont_state_describe(&p->places[i].after, &b);
		buf_addc(&b, '\n');
	}
	return buf_take(&b);
}

/* Builds with rc == 0 and compares the dump with want. */
static void UNUSED
golden(int rc, struct plan *p, char *cause, const char *want)
{
	char *got;

	if (rc != 0)
		fail_msg("plan failed: %s", cause);
	got = dump(p);
	if (strcmp(got, want) != 0)
		fail_msg("plan \"%s\" differs:\n--- got\n%s--- want\n%s", p->title, got, want);
	free(got);
	/* No secret anywhere but in commands. */
	for (size_t i = 0; i < p->nsteps; i++) {
		const struct plan_step *s = &p->steps[i];
		assert_null(strstr(s->display, "s3cret"));
		assert_null(strstr(s->display, "acsPW"));
		if (s->undo != NULL) {
			assert_null(strstr(s->undo, "s3cret"));
			assert_null(strstr(s->undo, "acsPW"));
		}
	}
	plan_free(p);
}

/* Builds and expects a refusal naming want. */
static void UNUSED
refused(int rc, struct plan *p, char *cause, const char *want)
{
	assert_int_equal(rc, -1);
	assert_null(p);
	assert_non_null(cause);
	if (strstr(cause, want) == NULL)
		fail_msg("cause \"%s\" lacks \"%s\"", cause, want);
	free(cause);
}

/* Arguments are evaluated in any order: the call first, then the check. */
#define REFUSED(call, want) do { \
	int rc_ = (call); \
	refused(rc_, p, cause, want); \
} while (0)

#endif
