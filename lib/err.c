/*
 * err.c — error kinds and their words (err.h).
 */
#include "lib/err.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#define ERR_NAME(id, name) name,
static const char *const kind_names[] = { ERR_KINDS(ERR_NAME) };
#undef ERR_NAME

const char *
err_kind_name(enum err_kind k)
{
	return (size_t)k < nitems(kind_names) ? kind_names[k] : "unknown";
}

void
err_clear(struct err *e)
{
	if (e == NULL)
		return;
	free(e->device_text);
	free(e->command);
	free(e->message);
	memset(e, 0, sizeof *e);
}

void
err_set(struct err *e, enum err_kind kind, const char *fmt, ...)
{
	va_list ap;

	if (e == NULL)
		return;
	err_clear(e);
	e->kind = kind;
	va_start(ap, fmt);
	e->message = xvasprintf(fmt, ap);
	va_end(ap);
}

bool
err_is_link(enum err_kind k)
{
	return k == ERR_TIMEOUT || k == ERR_CLOSED || k == ERR_UNREACHABLE;
}

const char *
err_text(const struct err *e)
{
	return e->message != NULL ? e->message : err_kind_name(e->kind);
}
