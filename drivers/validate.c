/*
 * validate.c — the value checks every write goes through (see validate.h).
 *
 * Invariant: nothing that passes a validator holds a control character
 * (CR, LF, ESC, DEL, ...), a double quote or, except descriptions and
 * names, a blank — so a value substituted into a command stays one
 * argument of that one command.  Messages name the field and the allowed
 * form; secrets are never quoted back.
 *
 * Called by template.c (per placeholder type) and by the adapters before
 * they build variables.  Pure; any thread.
 */
#include "drivers/validate.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "lib/sn.h"
#include "lib/util.h"

/* True when s holds only printable ASCII (no control, no 8-bit). */
static bool
printable(const char *s)
{
	for (; *s != '\0'; s++)
		if ((unsigned char)*s < 0x20 || (unsigned char)*s > 0x7e)
			return false;
	return true;
}

/* The common refusal of control characters, naming the field. */
static int
refuse_control(const char *field, const char *s, char **cause)
{
	if (s == NULL || !printable(s)) {
		set_cause(cause, "%s: %s", field, s == NULL ? "a value is required" :
		    "control characters (CR, LF, ESC, ...) and non-ASCII characters are "
		    "not allowed");
		return -1;
	}
	return 0;
}

/* Parses a whole decimal number in [min, max]. */
static bool
number(const char *s, long min, long max, long *out)
{
	char *end;
	long v;

	if (s == NULL || *s == '\0' || !isdigit((unsigned char)*s))
		return false;
	v = strtol(s, &end, 10);
	if (*end != '\0' || v < min || v > max)
		return false;
	if (out != NULL)
		*out = v;
	return true;
}

/* Validates a serial (see validate.h). */
int
validate_sn(const char *field, const char *s, char sn12[13], char sn16[17], char **cause)
{
	size_t n;

	if (refuse_control(field, s, cause) < 0)
		return -1;
	n = strlen(s);
	sn12[0] = '\0';
	if (n == 16) {
		for (size_t i = 0; i < 16; i++)
			if (!isxdigit((unsigned char)s[i]))
				goto bad;
	} else if (n == 12) {
		for (size_t i = 0; i < 4; i++)
			if (!isalnum((unsigned char)s[i]))
				goto bad;
		for (size_t i = 4; i < 12; i++)
			if (!isxdigit((unsigned char)s[i]))
				goto bad;
	} else
		goto bad;
	if (sn_normalize(s, sn12) != 0 || !sn_is_canonical(sn12))
		goto bad;
	if (sn16 != NULL) {
		static const char hex[] = "0123456789ABCDEF";
		for (int i = 0; i < 4; i++) {
			unsigned char c = (unsigned char)sn12[i];
			sn16[2 * i] = hex[c >> 4];
			sn16[2 * i + 1] = hex[c & 15];
		}
		memcpy(sn16 + 8, sn12 + 4, 8);
		sn16[16] = '\0';
	}
	return 0;
bad:
	sn12[0] = '\0';
	set_cause(cause, "%s: a serial is 4 vendor letters + 8 hex digits (HWTC6B886FA5) "
	    "or 16 hex digits (485754436B886FA5), got \"%s\"", field, s);
	return -1;
}

int
validate_vlan(const char *field, long v, char **cause)
{
	if (v < 1 || v > 4094) {
		set_cause(cause, "%s: a VLAN is a number 1-4094, got %ld", field, v);
		return -1;
	}
	return 0;
}

int
validate_ont_id(const struct gpon_limits *l, const char *field, long v, char **cause)
{
	if (v < l->ont_id_min || v > l->ont_id_max) {
		set_cause(cause, "%s: an ONT id on %s is a number %d-%d, got %ld", field,
		    l->name, l->ont_id_min, l->ont_id_max, v);
		return -1;
	}
	return 0;
}

int
validate_port(const struct gpon_limits *l, const char *field, const char *s, int *frame,
    int *slot, int *port, char **cause)
{
	char *copy, *a, *b, *c;
	long f, sl, p;
	bool ok;

	if (refuse_control(field, s, cause) < 0)
		return -1;
	copy = xstrdup(s);
	a = copy;
	b = strchr(a, '/');
	c = b != NULL ? strchr(b + 1, '/') : NULL;
	ok = b != NULL && c != NULL;
	if (ok) {
		*b++ = '\0';
		*c++ = '\0';
		ok = number(a, l->frame_min, l->frame_max, &f) &&
		    number(b, l->slot_min, l->slot_max, &sl) &&
		    number(c, l->pon_min, l->pon_max, &p);
	}
	free(copy);
	if (!ok) {
		set_cause(cause, "%s: %s PON ports are %s, got \"%s\"", field, l->vendor,
		    l->port_form, s);
		return -1;
	}
	if (frame != NULL)
		*frame = (int)f;
	if (slot != NULL)
		*slot = (int)sl;
	if (port != NULL)
		*port = (int)p;
	return 0;
}

/* Printable, no quotes, length 1..max. */
static int
text(const char *field, const char *s, size_t max, const char *what, char **cause)
{
	if (refuse_control(field, s, cause) < 0)
		return -1;
	if (*s == '\0' || strlen(s) > max || strchr(s, '"') != NULL ||
	    strchr(s, '\'') != NULL || strchr(s, '?') != NULL || s[0] == ' ' ||
	    s[strlen(s) - 1] == ' ') {
		set_cause(cause, "%s: %s is 1-%zu printable characters without quotes or "
		    "'?' and without leading or trailing blanks, got \"%s\"", field, what,
		    max, s);
		return -1;
	}
	return 0;
}

int
validate_desc(const struct gpon_limits *l, const char *field, const char *s, char **cause)
{
	return text(field, s, (size_t)l->desc_max, "a description", cause);
}

int
validate_name(const char *field, const char *s, char **cause)
{
	return text(field, s, 32, "a name", cause);
}

int
validate_speed(const char *field, long v, char **cause)
{
	if (v < 1 || v > 10000) {
		set_cause(cause, "%s: a speed is 1-10000 Mbit/s, got %ld", field, v);
		return -1;
	}
	return 0;
}

int
validate_gemport(const struct gpon_limits *l, const char *field, long v, char **cause)
{
	if (v < l->gem_min || v > l->gem_max) {
		set_cause(cause, "%s: a GEM port / vport on %s is %d-%d, got %ld", field,
		    l->name, l->gem_min, l->gem_max, v);
		return -1;
	}
	return 0;
}

int
validate_profile(const char *field, const char *s, char **cause)
{
	size_t n;

	if (refuse_control(field, s, cause) < 0)
		return -1;
	n = strlen(s);
	bool ok = n >= 1 && n <= 32;
	for (size_t i = 0; ok && i < n; i++)
		ok = isalnum((unsigned char)s[i]) || s[i] == '_' || s[i] == '.' || s[i] == '-';
	if (!ok) {
		set_cause(cause, "%s: a profile is a number or a name of 1-32 letters, digits, "
		    "'_', '.' or '-', got \"%s\"", field, s);
		return -1;
	}
	return 0;
}

int
validate_url(const char *field, const char *s, char **cause)
{
	const char *host;
	bool ok;

	if (refuse_control(field, s, cause) < 0)
		return -1;
	if (str_startswith(s, "http://"))
		host = s + 7;
	else if (str_startswith(s, "https://"))
		host = s + 8;
	else
		host = NULL;
	ok = host != NULL && strlen(s) <= 200 && (isalnum((unsigned char)*host) ||
	    *host == '[');
	for (const char *p = s; ok && *p != '\0'; p++)
		ok = *p != ' ' && *p != '"' && *p != '\'' && *p != '?' && *p != '|';
	if (ok) {
		/* host[:port] up to the first '/' */
		const char *end = strchr(host, '/'), *colon;
		size_t hl = end != NULL ? (size_t)(end - host) : strlen(host);
		char *h = xstrndup(host, hl);
		colon = strrchr(h, ':');
		if (colon != NULL && strchr(h, ']') == NULL)
			ok = number(colon + 1, 1, 65535, NULL) && colon > h;
		free(h);
	}
	if (!ok) {
		set_cause(cause, "%s: an URL is http(s)://host[:port][/path] without blanks, "
		    "quotes or '?', at most 200 characters, got \"%s\"", field, s);
		return -1;
	}
	return 0;
}

int
validate_credential(const char *field, const char *s, char **cause)
{
	size_t n;
	bool ok;

	if (s == NULL || !printable(s)) {
		set_cause(cause, "%s: %s", field, s == NULL ? "a value is required" :
		    "control characters and non-ASCII characters are not allowed");
		return -1;
	}
	n = strlen(s);
	ok = n >= 1 && n <= 64;
	for (const char *p = s; ok && *p != '\0'; p++)
		ok = *p != ' ' && *p != '"' && *p != '\'' && *p != '?' && *p != '|';
	if (!ok) {
		set_cause(cause, "%s: 1-64 printable characters without blanks, quotes or '?' "
		    "(value not shown)", field);
		return -1;
	}
	return 0;
}

int
validate_uint(const char *field, const char *s, long *out, char **cause)
{
	if (refuse_control(field, s, cause) < 0)
		return -1;
	if (!number(s, 0, 65535, out)) {
		set_cause(cause, "%s: a number 0-65535, got \"%s\"", field, s);
		return -1;
	}
	return 0;
}

/* Parses s as a number for the numeric types; fails with the field named. */
static int
typed_number(const char *field, const char *s, long *v, char **cause)
{
	if (refuse_control(field, s, cause) < 0)
		return -1;
	if (!number(s, 0, 1000000, v)) {
		set_cause(cause, "%s: a number is expected, got \"%s\"", field, s);
		return -1;
	}
	return 0;
}

int
validate_typed(const struct gpon_limits *l, const char *type, const char *field,
    const char *s, char **out, char **cause)
{
	char sn12[13], sn16[17];
	long v;
	int rc;

	*out = NULL;
	if (strcmp(type, "sn") == 0 || strcmp(type, "sn16") == 0) {
		if (validate_sn(field, s, sn12, sn16, cause) < 0)
			return -1;
		*out = xstrdup(type[2] == '1' ? sn16 : sn12);
		return 0;
	}
	if (strcmp(type, "vlan") == 0 || strcmp(type, "ont_id") == 0 ||
	    strcmp(type, "speed") == 0 || strcmp(type, "gemport") == 0 ||
	    strcmp(type, "pon") == 0) {
		if (typed_number(field, s, &v, cause) < 0)
			return -1;
		if (type[0] == 'v')
			rc = validate_vlan(field, v, cause);
		else if (type[0] == 'o')
			rc = validate_ont_id(l, field, v, cause);
		else if (type[0] == 's')
			rc = validate_speed(field, v, cause);
		else if (type[0] == 'g')
			rc = validate_gemport(l, field, v, cause);
		else if ((rc = v >= l->pon_min && v <= l->pon_max ? 0 : -1) < 0)
			set_cause(cause, "%s: a PON port number is %d-%d, got %ld", field,
			    l->pon_min, l->pon_max, v);
		if (rc < 0)
			return -1;
		*out = xasprintf("%ld", v);
		return 0;
	}
	if (strcmp(type, "int") == 0) {
		if (validate_uint(field, s, &v, cause) < 0)
			return -1;
		*out = xasprintf("%ld", v);
		return 0;
	}
	if (strcmp(type, "port") == 0)
		rc = validate_port(l, field, s, NULL, NULL, NULL, cause);
	else if (strcmp(type, "fs") == 0) {
		char *tmp = xasprintf("%s/%d", s != NULL ? s : "", l->pon_min);
		rc = s == NULL ? refuse_control(field, s, cause) :
		    validate_port(l, field, tmp, NULL, NULL, NULL, cause);
		free(tmp);
		if (rc < 0 && s != NULL)
			set_cause(cause, "%s: a %s board is frame/slot (%d-%d/%d-%d), got \"%s\"",
			    field, l->vendor, l->frame_min, l->frame_max, l->slot_min,
			    l->slot_max, s);
	} else if (strcmp(type, "desc") == 0)
		rc = validate_desc(l, field, s, cause);
	else if (strcmp(type, "name") == 0)
		rc = validate_name(field, s, cause);
	else if (strcmp(type, "profile") == 0 || strcmp(type, "word") == 0)
		rc = validate_profile(field, s, cause);
	else if (strcmp(type, "url") == 0)
		rc = validate_url(field, s, cause);
	else if (strcmp(type, "user") == 0 || strcmp(type, "secret") == 0)
		rc = validate_credential(field, s, cause);
	else {
		set_cause(cause, "unknown placeholder type \"%s\" (known: sn, sn16, vlan, "
		    "ont_id, port, fs, pon, desc, name, speed, gemport, profile, word, url, "
		    "user, secret, int)", type);
		return -2;
	}
	if (rc < 0)
		return -1;
	*out = xstrdup(s);
	return 0;
}

bool
validate_type_secret(const char *type)
{
	return strcmp(type, "secret") == 0;
}
