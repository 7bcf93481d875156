/*
 * model.c — the words for the domain's enums, as tables.
 *
 * Text output, JSON, CSV and the database all spell an enum value the same
 * way; each enum has one const table of names indexed by value.  Alarm
 * kinds come from their X-macro (model.h), with a severity and a sentence
 * each.
 */
#include "core/model.h"
#include "lib/util.h"

#include <string.h>

static const char *const contract_names[] = { "active", "suspended" };
static const char *const wan_names[] = { "none", "dhcp", "pppoe" };
static const char *const severity_names[] = { "info", "warning", "major", "critical" };
static const char *const job_names[] = {
	"queued", "running", "done", "failed", "cancelled",
};

#define KIND_WORD(id, word, sev, doc) [id] = word,
#define KIND_SEV(id, word, sev, doc) [id] = sev,
#define KIND_DOC(id, word, sev, doc) [id] = doc,
static const char *const alarm_kind_names[] = { ALARM_KINDS(KIND_WORD) };
static const enum alarm_severity alarm_kind_sevs[] = { ALARM_KINDS(KIND_SEV) };
static const char *const alarm_kind_docs[] = { ALARM_KINDS(KIND_DOC) };
#undef KIND_WORD
#undef KIND_SEV
#undef KIND_DOC

/* Returns names[i], or "?" when i is out of range. */
static const char *
name_of(const char *const *names, size_t n, int i)
{
	return i >= 0 && (size_t)i < n ? names[i] : "?";
}

/* Finds s in names; index or -1. */
static int
index_of(const char *const *names, size_t n, const char *s)
{
	for (size_t i = 0; i < n; i++)
		if (s != NULL && strcmp(names[i], s) == 0)
			return (int)i;
	return -1;
}

#define ENUM_FUNCS(fn, type, names)					\
const char *								\
fn##_name(type v)							\
{									\
	return name_of(names, nitems(names), (int)v);			\
}									\
int									\
fn##_parse(const char *s, type *out)					\
{									\
	int i = index_of(names, nitems(names), s);			\
	if (i < 0)							\
		return -1;						\
	*out = (type)i;							\
	return 0;							\
}

ENUM_FUNCS(contract_status, enum contract_status, contract_names)
ENUM_FUNCS(wan_mode, enum wan_mode, wan_names)
ENUM_FUNCS(alarm_severity, enum alarm_severity, severity_names)
ENUM_FUNCS(job_state, enum job_state, job_names)
ENUM_FUNCS(alarm_kind, enum alarm_kind, alarm_kind_names)

#define ACS_TASK_WORD(id, word) word,
static const char *const acs_task_names[] = { ACS_TASK_STATES(ACS_TASK_WORD) };
#undef ACS_TASK_WORD
ENUM_FUNCS(acs_task_state, enum acs_task_state, acs_task_names)

enum alarm_severity
alarm_kind_severity(enum alarm_kind k)
{
	return (int)k >= 0 && k < ALARM_KIND_COUNT ? alarm_kind_sevs[k] : SEV_WARNING;
}

const char *
alarm_kind_doc(enum alarm_kind k)
{
	return name_of(alarm_kind_docs, nitems(alarm_kind_docs), (int)k);
}
