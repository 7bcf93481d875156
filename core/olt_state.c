/*
 * olt_state.c — defaults, JSON and documentation of struct olt_state, each
 * an expansion of OLT_STATE_FIELDS (model.h), so a field added there shows
 * up in `oltui health --json` and in docs/polling.md without another edit
 * (its column still needs a migration: core/schema.c).
 */
#include "core/olt_state.h"
#include "lib/util.h"

#include <cJSON.h>
#include <string.h>

void
olt_state_init(struct olt_state *s, int64_t olt_id)
{
	memset(s, 0, sizeof *s);
	s->olt_id = olt_id;
#define STATE_DEF_BOOL(f, def)	(f) = (def) != 0;
#define STATE_DEF_TIME(f, def)	(f) = (def);
#define STATE_DEF_COUNT(f, def)	(f) = (def);
#define STATE_DEF_TEXT(f, def)	/* "" */
#define STATE_DEF(type, name, size, def, doc) STATE_DEF_##type(s->name, def)
	OLT_STATE_FIELDS(STATE_DEF)
#undef STATE_DEF
}

/* Adds a time: ISO 8601, or null for 0 (never). */
static void
json_time(cJSON *obj, const char *name, int64_t t)
{
	char iso[32];

	if (t == 0) {
		cJSON_AddNullToObject(obj, name);
		return;
	}
	iso8601(t, iso);
	cJSON_AddStringToObject(obj, name, iso);
}

void
olt_state_json(const struct olt_state *s, struct cJSON *obj)
{
#define STATE_JSON_BOOL(o, n, v)	cJSON_AddBoolToObject((o), (n), (v))
#define STATE_JSON_TIME(o, n, v)	json_time((o), (n), (v))
#define STATE_JSON_COUNT(o, n, v)	cJSON_AddNumberToObject((o), (n), (double)(v))
#define STATE_JSON_TEXT(o, n, v)	cJSON_AddStringToObject((o), (n), (v))
#define STATE_JSON(type, name, size, def, doc) STATE_JSON_##type(obj, #name, s->name);
	OLT_STATE_FIELDS(STATE_JSON)
#undef STATE_JSON
}

/* The words of the field types in the doc table. */
#define STATE_TYPE_BOOL		"true / false"
#define STATE_TYPE_TIME		"time (epoch s; JSON: ISO 8601 UTC, null for 0)"
#define STATE_TYPE_COUNT	"integer"
#define STATE_TYPE_TEXT		"text"

void
olt_state_print_markdown(FILE *f)
{
	fprintf(f, "| field | type | meaning |\n");
	fprintf(f, "|-------|------|---------|\n");
#define STATE_DOC(type, name, size, def, doc)				\
	fprintf(f, "| `%s` | %s | %s |\n", #name, STATE_TYPE_##type, doc);
	OLT_STATE_FIELDS(STATE_DOC)
#undef STATE_DOC
}
