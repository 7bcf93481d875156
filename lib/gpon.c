/*
 * gpon.c — the words of the shared vocabulary (gpon.h), from the X-macro
 * lists, so every layer spells a state the same way.
 */
#include "lib/gpon.h"

#include <string.h>

#include "lib/util.h"

#define GPON_NAME(id, name) name,
static const char *const status_names[] = { ONT_STATUSES(GPON_NAME) };
static const char *const admin_names[] = { ONT_ADMINS(GPON_NAME) };
static const char *const transport_names[] = { TRANSPORTS(GPON_NAME) };
#undef GPON_NAME

/* names[i], or "?" out of range. */
static const char *
name_of(const char *const *names, size_t n, int i)
{
	return i >= 0 && (size_t)i < n ? names[i] : "?";
}

/* The index of s in names, or -1. */
static int
index_of(const char *const *names, size_t n, const char *s)
{
	for (size_t i = 0; s != NULL && i < n; i++)
		if (strcmp(names[i], s) == 0)
			return (int)i;
	return -1;
}

const char *
ont_status_name(enum ont_status s)
{
	return name_of(status_names, nitems(status_names), (int)s);
}

const char *
ont_admin_name(enum ont_admin a)
{
	return name_of(admin_names, nitems(admin_names), (int)a);
}

const char *
transport_name(enum transport_kind t)
{
	return name_of(transport_names, nitems(transport_names), (int)t);
}

int
ont_status_parse(const char *s, enum ont_status *out)
{
	int i = index_of(status_names, nitems(status_names), s);

	if (i < 0 && s != NULL) {
		/* Older spellings (databases before migration 4). */
		if (strcmp(s, "dying-gasp") == 0 || strcmp(s, "power-off") == 0)
			i = ONT_DYING_GASP;
		else if (strcmp(s, "auth-failed") == 0)
			i = ONT_AUTH_FAILED;
	}
	if (i < 0)
		return -1;
	*out = (enum ont_status)i;
	return 0;
}

int
ont_admin_parse(const char *s, enum ont_admin *out)
{
	int i = index_of(admin_names, nitems(admin_names), s);

	if (i < 0)
		return -1;
	*out = (enum ont_admin)i;
	return 0;
}

int
transport_parse(const char *s, enum transport_kind *out)
{
	int i = index_of(transport_names, nitems(transport_names), s);

	if (i < 0)
		return -1;
	*out = (enum transport_kind)i;
	return 0;
}
