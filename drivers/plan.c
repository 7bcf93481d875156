/*
 * plan.c — building, freeing and previewing plans, and their replay record
 * (see plan.h).  The parameters of an ACS plan are plan_param.c's.
 */
#include "drivers/plan.h"

#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "drivers/parse_json.h"
#include "lib/text.h"

struct plan *
plan_new(const char *olt, const char *action, const char *title)
{
	struct plan *p = xcalloc(1, sizeof *p);

	p->olt = xstrdup(olt ? olt : "");
	p->action = xstrdup(action ? action : "");
	p->title = xstrdup(title ? title : "");
	p->ont_sn = xstrdup("");
	p->contract = xstrdup("");
	p->device = xstrdup("");
	p->verify.exec = PLAN_EXEC_CLI;
	return p;
}

static char *
dup_or_null(const char *s)
{
	return s != NULL ? xstrdup(s) : NULL;
}

int
plan_add(struct plan *p, enum cli_mode mode, const char *mode_arg,
    const char *command, const char *display, bool confirm, const char *expect,
    const char *undo, enum cli_mode undo_mode, const char *undo_mode_arg,
    bool undo_confirm, char **cause)
{
	const char *const words[] = { command, display, undo, mode_arg, undo_mode_arg };
	struct plan_step *s;

	for (size_t i = 0; i < nitems(words); i++) {
		const char *bad;

		if (i > 0 && words[i] == NULL)
			continue;
		if (words[i] == NULL || *command == '\0' || str_has_control(words[i])) {
			set_cause(cause, "refusing a command with a control character (CR, "
			    "LF, ESC…): no value may become a second command");
			return -1;
		}
		/* What is sent, shown and kept in the replay record (JSON) is
		   printable UTF-8 text. */
		if ((bad = text_problem(words[i])) != NULL) {
			set_cause(cause, "refusing a command that holds %s: what is sent "
			    "is printable UTF-8 text", bad);
			return -1;
		}
	}
	p->steps = xreallocarray(p->steps, p->nsteps + 1, sizeof *p->steps);
	s = &p->steps[p->nsteps++];
	memset(s, 0, sizeof *s);
	s->exec = PLAN_EXEC_CLI;
	s->mode = mode;
	s->mode_arg = dup_or_null(mode_arg);
	s->command = xstrdup(command);
	s->display = xstrdup(display != NULL ? display : command);
	s->confirm = confirm;
	s->expect = dup_or_null(expect);
	s->undo = dup_or_null(undo);
	s->undo_display = dup_or_null(undo);
	s->undo_mode = undo_mode;
	s->undo_mode_arg = dup_or_null(undo_mode_arg);
	s->undo_confirm = undo_confirm;
	return 0;
}

int
plan_add_task(struct plan *p, const char *exec, const char *command, const char *display,
    const char *undo, const char *undo_display, char **cause)
{
	struct plan_step *s;

	if (plan_add(p, CLI_MODE_UNKNOWN, NULL, command, display, false, NULL, undo,
	    CLI_MODE_UNKNOWN, NULL, false, cause) != 0)
		return -1;
	if ((display != NULL && str_has_control(display)) ||
	    (undo_display != NULL && str_has_control(undo_display))) {
		set_cause(cause, "refusing a task whose words hold a control character");
		s = &p->steps[--p->nsteps];
		free(s->command);
		free(s->display);
		free(s->undo);
		free(s->undo_display);
		return -1;
	}
	s = &p->steps[p->nsteps - 1];
	s->exec = exec;
	if (undo != NULL && undo_display != NULL) {
		free(s->undo_display);
		s->undo_display = xstrdup(undo_display);
	}
	return 0;
}

void
plan_free(struct plan *p)
{
	if (p == NULL)
		return;
	for (size_t i = 0; i < p->nsteps; i++) {
		struct plan_step *s = &p->steps[i];
		free(s->mode_arg);
		free(s->command);
		free(s->display);
		free(s->expect);
		free(s->undo);
		free(s->undo_display);
		free(s->undo_mode_arg);
	}
	free(p->steps);
	for (size_t i = 0; i < p->nparams; i++) {
		free(p->params[i].path);
		free(p->params[i].type);
		free(p->params[i].before);
		free(p->params[i].after);
	}
	free(p->params);
	free(p->device);
	for (size_t i = 0; i < p->nplaces; i++) {
		ont_state_free(&p->places[i].before);
		ont_state_free(&p->places[i].after);
	}
	free(p->title);
	free(p->action);
	free(p->olt);
	free(p->ont_sn);
	free(p->contract);
	free(p);
}

void
plan_place_add(struct plan *p, const char *label, const struct ont_state *before,
    const struct ont_state *after)
{
	struct plan_place *pl;

	if (p->nplaces >= PLAN_PLACES_MAX)
		return;
	pl = &p->places[p->nplaces++];
	strlcpy_(pl->label, label != NULL ? label : "", sizeof pl->label);
	ont_state_copy(&pl->before, before);
	ont_state_copy(&pl->after, after);
	p->verify.kind = VERIFY_STATE;
}

/* The line that says which mode the next steps run in, with the exact
   commands that get there from privileged mode. */
static void
preview_mode(const struct cli_dialect *v, const struct plan_step *s, struct buf *out)
{
	const char *enter = NULL;

	if (s->mode == CLI_MODE_PRIV || s->mode == CLI_MODE_UNKNOWN) {
		buf_addf(out, "      > %s\n", v->top);
		return;
	}
	for (const struct dialect_mode *m = v->modes; m->prompt != NULL; m++)
		if (m->mode == s->mode && m->enter != NULL) {
			enter = m->enter;
			break;
		}
	buf_addf(out, "      > %s", v->config);
	if (s->mode != CLI_MODE_CONFIG && enter != NULL) {
		const char *pct = strstr(enter, "%s");

		/* The dialect's format has one %s for the argument. */
		buf_adds(out, " / ");
		if (pct == NULL)
			buf_adds(out, enter);
		else {
			buf_add(out, enter, (size_t)(pct - enter));
			buf_adds(out, s->mode_arg != NULL ? s->mode_arg : "");
			buf_adds(out, pct + 2);
		}
	}
	buf_addc(out, '\n');
}

void
plan_preview(const struct plan *p, struct buf *out)
{
	buf_addf(out, "%s\n", p->title);
	if (p->nplaces > 0 || p->nparams > 0) {
		buf_adds(out, "change (before -> after):\n");
		for (size_t i = 0; i < p->nplaces; i++)
			ont_state_change(&p->places[i].before, &p->places[i].after,
			    p->places[i].label, out);
		plan_param_change(p, out);
	}
	buf_adds(out, p->device[0] != '\0' ? "tasks, each with its undo:\n" :
	    "commands, each with its undo:\n");
	for (size_t i = 0; i < p->nsteps; i++) {
		const struct plan_step *s = &p->steps[i];
		const struct plan_step *prev = i > 0 ? &p->steps[i - 1] : NULL;

		if (p->dialect != NULL && (prev == NULL || prev->mode != s->mode ||
		    (prev->mode_arg == NULL) != (s->mode_arg == NULL) ||
		    (s->mode_arg != NULL && strcmp(prev->mode_arg, s->mode_arg) != 0)))
			preview_mode(p->dialect, s, out);
		buf_addf(out, "%4zu  %s\n", i + 1, s->display);
		if (s->undo != NULL)
			buf_addf(out, "      undo: %s\n", s->undo_display);
		else
			buf_adds(out, "      undo: none\n");
	}
	if (p->verify.kind == VERIFY_PARAMS) {
		plan_param_then(p, out);
		return;
	}
	if (p->verify.kind == VERIFY_NONE || p->nplaces == 0) {
		buf_adds(out, "then: nothing to read back\n");
		return;
	}
	buf_adds(out, "then: read back");
	for (size_t i = 0; i < p->nplaces; i++)
		buf_addf(out, "%s %s", i > 0 ? " and" : "", p->places[i].label);
	buf_adds(out, ", compare with the change above\n");
}

/* ---- the replay record (JSON) ---- */

cJSON *
plan_to_json(const struct plan *p, bool (*undo_ok)(void *, const char *), void *arg)
{
	cJSON *o = cJSON_CreateObject(), *steps, *places;

	cJSON_AddNumberToObject(o, "version", 1);
	json_add_str(o, "title", p->title);
	json_add_str(o, "action", p->action);
	json_add_str(o, "olt", p->olt);
	json_add_str(o, "ont_sn", p->ont_sn);
	json_add_str(o, "contract", p->contract);
	if (p->device[0] != '\0')
		json_add_str(o, "device", p->device);
	steps = cJSON_AddArrayToObject(o, "steps");
	for (size_t i = 0; i < p->nsteps; i++) {
		const struct plan_step *st = &p->steps[i];
		cJSON *x = cJSON_CreateObject();
		bool withhold = st->undo != NULL && undo_ok != NULL && !undo_ok(arg, st->undo);

		json_add_str(x, "exec", st->exec);
		json_add_str(x, "mode", cli_mode_name(st->mode));
		json_add_str(x, "mode_arg", st->mode_arg);
		json_add_str(x, "command", st->display);
		cJSON_AddBoolToObject(x, "secret", strcmp(st->command, st->display) != 0);
		cJSON_AddBoolToObject(x, "confirm", st->confirm);
		json_add_str(x, "undo", withhold ? NULL : st->undo);
		if (withhold)
			cJSON_AddBoolToObject(x, "undo_withheld", true);
		json_add_str(x, "undo_mode", cli_mode_name(st->undo_mode));
		json_add_str(x, "undo_mode_arg", st->undo_mode_arg);
		cJSON_AddBoolToObject(x, "undo_confirm", st->undo_confirm);
		cJSON_AddItemToArray(steps, x);
	}
	cJSON_AddBoolToObject(o, "verify", p->verify.kind == VERIFY_STATE);
	if (p->verify.kind == VERIFY_PARAMS)
		cJSON_AddBoolToObject(o, "verify_params", true);
	if (p->nparams > 0)
		cJSON_AddItemToObject(o, "params", plan_param_to_json(p));
	places = cJSON_AddArrayToObject(o, "places");
	for (size_t i = 0; i < p->nplaces; i++) {
		cJSON *x = cJSON_CreateObject();

		cJSON_AddStringToObject(x, "label", p->places[i].label);
		cJSON_AddItemToObject(x, "before", ont_state_to_json(&p->places[i].before));
		cJSON_AddItemToObject(x, "after", ont_state_to_json(&p->places[i].after));
		cJSON_AddItemToArray(places, x);
	}
	return o;
}

int
plan_from_json(const cJSON *j, struct plan **out, size_t *withheld, char **cause)
{
	const cJSON *steps = cJSON_GetObjectItemCaseSensitive(j, "steps");
	const cJSON *places = cJSON_GetObjectItemCaseSensitive(j, "places"), *x;
	struct plan *p;

	*out = NULL;
	*withheld = 0;
	if (!cJSON_IsObject(j) || !cJSON_IsArray(steps) || json_get_str(j, "action") == NULL) {
		set_cause(cause, "the record is not a plan (no action or steps)");
		return -1;
	}
	p = plan_new(json_get_str(j, "olt"), json_get_str(j, "action"), json_get_str(j, "title"));
	free(p->ont_sn);
	p->ont_sn = xstrdup(json_get_str(j, "ont_sn") != NULL ? json_get_str(j, "ont_sn") : "");
	free(p->contract);
	p->contract = xstrdup(json_get_str(j, "contract") != NULL ? json_get_str(j, "contract") : "");
	free(p->device);
	p->device = xstrdup(json_get_str(j, "device") != NULL ? json_get_str(j, "device") : "");
	cJSON_ArrayForEach(x, steps) {
		if (json_get_str(x, "command") == NULL || plan_add(p, cli_mode_by_name(json_get_str(x, "mode")),
		    json_get_str(x, "mode_arg"), json_get_str(x, "command"), NULL,
		    cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(x, "confirm")), NULL,
		    json_get_str(x, "undo"), cli_mode_by_name(json_get_str(x, "undo_mode")), json_get_str(x, "undo_mode_arg"),
		    cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(x, "undo_confirm")),
		    cause) < 0) {
			if (json_get_str(x, "command") == NULL)
				set_cause(cause, "step %zu of the record has no command",
				    p->nsteps + 1);
			plan_free(p);
			return -1;
		}
		if (json_get_str(x, "exec") != NULL && strcmp(json_get_str(x, "exec"),
		    PLAN_EXEC_ACS) == 0)
			p->steps[p->nsteps - 1].exec = PLAN_EXEC_ACS;
		if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(x, "secret"))) {
			/* The record holds the masked form only. */
			free(p->steps[p->nsteps - 1].command);
			p->steps[p->nsteps - 1].command = NULL;
		}
		if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(x, "undo_withheld")))
			(*withheld)++;
	}
	cJSON_ArrayForEach(x, places) {
		struct ont_state b, a;

		if (ont_state_from_json(cJSON_GetObjectItemCaseSensitive(x, "before"), &b,
		    cause) < 0) {
			plan_free(p);
			return -1;
		}
		if (ont_state_from_json(cJSON_GetObjectItemCaseSensitive(x, "after"), &a,
		    cause) < 0) {
			ont_state_free(&b);
			plan_free(p);
			return -1;
		}
		plan_place_add(p, json_get_str(x, "label"), &b, &a);
		ont_state_free(&b);
		ont_state_free(&a);
	}
	if (plan_param_from_json(cJSON_GetObjectItemCaseSensitive(j, "params"), p,
	    cause) != 0) {
		plan_free(p);
		return -1;
	}
	if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(j, "verify_params")))
		p->verify.kind = VERIFY_PARAMS;
	else if (!cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(j, "verify")))
		p->verify.kind = VERIFY_NONE;
	*out = p;
	return 0;
}
