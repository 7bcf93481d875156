/*
 * inventory.c — the field tables of OLTs, contracts, profiles and links,
 * their validation, and the single-object changes (add, edit, remove).
 *
 * A field is described by where it lives in its struct (offset, size) and
 * its form (name, host, whole number in a range, enum word, ...); one
 * generic setter and getter serve every field, so a new field is one line
 * of a table.  Import and export are in inv_io.c.  Main thread (verbs,
 * console actions); the store handle is the caller's.
 */
#include "core/inventory.h"
#include "core/audit.h"
#include "core/store.h"
#include "core/vault.h"
#include "drivers/driver.h"
#include "lib/sn.h"
#include "lib/text.h"

#include <cjson/cJSON.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum ftype {
	F_NAME,		/* [A-Za-z0-9._-]{1,32} */
	F_WORD,		/* same, or empty */
	F_TEXT,		/* printable, max = longest; min = 1 when required */
	F_HOST,		/* DNS name or IP address */
	F_USER,		/* login: printable, no spaces */
	F_INT,		/* whole number min..max */
	F_ENUM,		/* one of words[] */
	F_DRIVER,	/* the name of a registered driver (drivers/driver.h) */
	F_URL,		/* http(s) URL or empty */
	F_SN,		/* GPON serial */
	F_TAGS,		/* comma-separated names */
};

struct field {
	const char	*name;
	enum ftype	 type;
	size_t		 off;		/* offset in the struct */
	size_t		 size;		/* char array size; sizeof(int) for F_INT/F_ENUM */
	long		 min, max;	/* F_INT range; F_TEXT min length */
	bool		 required;
	const char *const *words;	/* F_ENUM, NULL-terminated */
	const char	*doc;		/* one line, for --help and the man page */
};

static const char *const transport_words[] = { "ssh", "telnet", NULL };
static const char *const cstatus_words[] = { "active", "suspended", NULL };
static const char *const wan_words[] = { "none", "dhcp", "pppoe", NULL };

#define S(type, member) offsetof(type, member), sizeof(((type *)0)->member)

static const struct field olt_fields[] = {
	{ "name", F_NAME, S(struct olt, name), 0, 0, true, NULL,
	  "the OLT's name in oltui (also the NAME argument)" },
	{ "vendor", F_DRIVER, S(struct olt, driver), 0, 0, true, NULL,
	  "its driver (`oltui drivers` lists them)" },
	{ "host", F_HOST, S(struct olt, host), 0, 0, true, NULL,
	  "its management address" },
	{ "port", F_INT, S(struct olt, port), 1, 65535, false, NULL,
	  "its CLI port (default: the driver's)" },
	{ "transport", F_ENUM, S(struct olt, transport), 0, 0, false, transport_words,
	  "how to reach its CLI (default: the driver's)" },
	{ "user", F_USER, S(struct olt, user), 0, 0, true, NULL,
	  "the CLI login" },
	{ "snmp_port", F_INT, S(struct olt, snmp_port), 1, 65535, false, NULL,
	  "its SNMP port (default 161)" },
	{ "model", F_WORD, S(struct olt, model), 0, 0, false, NULL,
	  "its model, for people" },
	{ "tags", F_TAGS, S(struct olt, tags), 0, 0, false, NULL,
	  "comma-separated tags (poll --daemon --tag picks by them)" },
	{ "jump_host", F_HOST, S(struct olt, jump_host), 0, 0, false, NULL,
	  "an SSH jump host to reach it through" },
};
static const struct field contract_fields[] = {
	{ "code", F_NAME, S(struct contract, code), 0, 0, true, NULL,
	  "the contract's code (also the CODE argument)" },
	{ "customer", F_TEXT, S(struct contract, customer), 1, 0, true, NULL,
	  "the customer's name" },
	{ "address", F_TEXT, S(struct contract, address), 0, 0, false, NULL,
	  "where the service is" },
	{ "status", F_ENUM, S(struct contract, status), 0, 0, false, cstatus_words,
	  "active (default) or suspended" },
};
static const struct field profile_fields[] = {
	{ "name", F_NAME, S(struct profile, name), 0, 0, true, NULL,
	  "the profile's name (also the NAME argument)" },
	{ "vlan", F_INT, S(struct profile, vlan), 1, 4094, true, NULL,
	  "the service VLAN" },
	{ "down_mbps", F_INT, S(struct profile, down_mbps), 1, 100000, true, NULL,
	  "download speed in Mbit/s" },
	{ "up_mbps", F_INT, S(struct profile, up_mbps), 1, 100000, true, NULL,
	  "upload speed in Mbit/s" },
	{ "line_profile", F_WORD, S(struct profile, line_profile), 0, 0, false, NULL,
	  "the OLT's line (or T-CONT) profile" },
	{ "service_profile", F_WORD, S(struct profile, service_profile), 0, 0, false, NULL,
	  "the OLT's service (or traffic) profile" },
	{ "wan", F_ENUM, S(struct profile, wan), 0, 0, false, wan_words,
	  "the ONT's WAN mode" },
	{ "acs_url", F_URL, S(struct profile, acs_url), 0, 0, false, NULL,
	  "the TR-069 ACS the ONT reports to" },
};
static const struct field link_fields[] = {
	{ "sn", F_SN, S(struct inv_link, sn), 0, 0, true, NULL,
	  "the ONT's serial" },
	{ "contract", F_NAME, S(struct inv_link, contract), 0, 0, true, NULL,
	  "the contract's code" },
};

static const struct kind {
	const char		*name;
	const struct field	*fields;
	size_t			 nfields;
	size_t			 size;
	const char		*flags[10];	/* "--snmp-port", by field */
} kinds[INV_KINDS] = {
	{ "olt", olt_fields, nitems(olt_fields), sizeof(struct olt),
	  { "--name", "--vendor", "--host", "--port", "--transport", "--user",
	    "--snmp-port", "--model", "--tags", "--jump-host" } },
	{ "contract", contract_fields, nitems(contract_fields), sizeof(struct contract),
	  { "--code", "--customer", "--address", "--status" } },
	{ "profile", profile_fields, nitems(profile_fields), sizeof(struct profile),
	  { "--name", "--vlan", "--down-mbps", "--up-mbps", "--line-profile",
	    "--service-profile", "--wan", "--acs-url" } },
	{ "link", link_fields, nitems(link_fields), sizeof(struct inv_link),
	  { "--sn", "--contract" } },
};

static const char name_chars[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-";

const char *
inv_kind_name(enum inv_kind k)
{
	return kinds[k].name;
}

size_t
inv_kind_size(enum inv_kind k)
{
	return kinds[k].size;
}

size_t
inv_nfields(enum inv_kind k)
{
	return kinds[k].nfields;
}

const char *
inv_field_name(enum inv_kind k, size_t i)
{
	return i < kinds[k].nfields ? kinds[k].fields[i].name : NULL;
}

const char *
inv_field_flag(enum inv_kind k, size_t i)
{
	return i < kinds[k].nfields ? kinds[k].flags[i] : NULL;
}

int
inv_field_find(enum inv_kind k, const char *name)
{
	for (size_t i = 0; i < kinds[k].nfields; i++)
		if (strcmp(kinds[k].fields[i].name, name) == 0 ||
		    strcmp(kinds[k].flags[i], name) == 0)
			return (int)i;
	return -1;
}

const char *
inv_field_doc(enum inv_kind k, size_t i)
{
	return i < kinds[k].nfields ? kinds[k].fields[i].doc : NULL;
}

bool
inv_field_required(enum inv_kind k, size_t i)
{
	return i < kinds[k].nfields && kinds[k].fields[i].required;
}

/* Lists words as "a|b|c" into out. */
static void
words_list(const char *const *w, char *out, size_t size)
{
	out[0] = '\0';
	for (size_t i = 0; w[i] != NULL; i++) {
		if (i > 0)
			strncat(out, "|", size - strlen(out) - 1);
		strncat(out, w[i], size - strlen(out) - 1);
	}
}

void
inv_field_form(enum inv_kind k, size_t i, char *out, size_t size)
{
	static const char *const forms[] = {
		[F_NAME] = "NAME", [F_WORD] = "NAME", [F_TEXT] = "TEXT",
		[F_HOST] = "HOST", [F_USER] = "USER", [F_INT] = "N",
		[F_DRIVER] = "DRIVER", [F_URL] = "URL", [F_SN] = "SN",
		[F_TAGS] = "TAG,...",
	};
	const struct field *f;

	if (i >= kinds[k].nfields) {
		snprintf(out, size, "?");
		return;
	}
	f = &kinds[k].fields[i];
	if (f->type == F_ENUM)
		words_list(f->words, out, size);
	else
		snprintf(out, size, "%s", forms[f->type]);
}

int
inv_check_name(const char *label, const char *v, char **cause)
{
	size_t n = strlen(v);

	if (n == 0 || n > NAME_MAX_LEN || strspn(v, name_chars) != n) {
		set_cause(cause, "%s: must be 1 to 32 of A-Z a-z 0-9 . _ - "
		    "(got '%s')", label, text_shown(v));
		return -1;
	}
	return 0;
}

int
inv_check_sn(const char *label, const char *v, char **cause)
{
	char canon[SN_LEN + 1];
	size_t n = strlen(v);
	bool ok = false;

	if (n == 16)	/* the vendor bytes letters or digits, as sn_normalize reads */
		ok = strspn(v, "0123456789abcdefABCDEF") == 16 && sn_normalize(v, canon) == 0;
	else if (n == 12)
		ok = isalpha((unsigned char)v[0]) && isalpha((unsigned char)v[1]) &&
		    isalpha((unsigned char)v[2]) && isalpha((unsigned char)v[3]) &&
		    strspn(v + 4, "0123456789abcdefABCDEF") == 8;
	if (!ok) {
		set_cause(cause, "%s: must be a GPON serial: 4 letters and 8 hex "
		    "digits (HWTC1A2B3C4D) or 16 hex digits", label);
		return -1;
	}
	return 0;
}

/* Checks v as a DNS name or an IP address literal. */
static int
check_host(const char *label, const char *v, bool required, char **cause)
{
	size_t n = strlen(v);

	if (n == 0 && !required)
		return 0;
	if (n == 0 || n > 253 || v[0] == '-' || v[0] == '.' ||
	    strspn(v, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	    "0123456789.-:[]") != n) {
		set_cause(cause, "%s: must be a host name or IP address "
		    "(letters, digits, '.', '-', ':')", label);
		return -1;
	}
	return 0;
}

/* Checks and stores comma-separated tags, each a name, into out. */
static int
set_tags(const char *label, const char *v, char *out, size_t size, char **cause)
{
	char *copy = xstrdup(v), *tok, *save = NULL;
	struct buf b = { 0 };
	int rc = 0;

	for (tok = strtok_r(copy, ",", &save); tok != NULL;
	    tok = strtok_r(NULL, ",", &save)) {
		tok = str_trim(tok);
		if (tok[0] == '\0')
			continue;
		if (inv_check_name(label, tok, cause) == -1) {
			rc = -1;
			break;
		}
		if (b.len > 0)
			buf_addc(&b, ',');
		buf_adds(&b, tok);
	}
	if (rc == 0 && b.len >= size) {
		set_cause(cause, "%s: must be at most %zu characters in all",
		    label, size - 1);
		rc = -1;
	}
	if (rc == 0)
		strlcpy_(out, buf_str(&b), size);
	buf_free(&b);
	free(copy);
	return rc;
}

void
inv_init(enum inv_kind k, void *obj)
{
	memset(obj, 0, kinds[k].size);
	if (k == INV_OLT)
		((struct olt *)obj)->snmp_port = 161;
}

int
inv_set(enum inv_kind k, void *obj, uint32_t *set, size_t i, const char *value,
    const char *prefix, char **cause)
{
	const struct field *f = &kinds[k].fields[i];
	char label[64], list[64];
	char *dst = (char *)obj + f->off;
	size_t n = strlen(value);
	long l;

	if (strcmp(prefix, "--") == 0)
		snprintf(label, sizeof label, "%s", kinds[k].flags[i]);
	else
		snprintf(label, sizeof label, "%s%s", prefix, f->name);
	if (str_has_control(value)) {
		set_cause(cause, "%s: control characters (tabs, line breaks, "
		    "escapes) are not allowed", label);
		return -1;
	}
	if (text_check(label, value, cause) != 0)
		return -1;
	switch (f->type) {
	case F_NAME:
		if (inv_check_name(label, value, cause) == -1)
			return -1;
		strlcpy_(dst, value, f->size);
		break;
	case F_WORD:
		if (n > 0 && inv_check_name(label, value, cause) == -1)
			return -1;
		strlcpy_(dst, value, f->size);
		break;
	case F_TEXT:
		if (n < (size_t)f->min || n >= f->size) {
			set_cause(cause, "%s: must be %ld to %zu characters", label,
			    f->min, f->size - 1);
			return -1;
		}
		strlcpy_(dst, value, f->size);
		break;
	case F_USER:
		if (n == 0 || n >= f->size || value[0] == '-' ||
		    strpbrk(value, " \"'\\") != NULL) {
			set_cause(cause, "%s: must be 1 to %zu characters, without "
			    "spaces or quotes, not starting with '-'", label,
			    f->size - 1);
			return -1;
		}
		strlcpy_(dst, value, f->size);
		break;
	case F_HOST:
		if (check_host(label, value, f->required, cause) == -1)
			return -1;
		strlcpy_(dst, value, f->size);
		break;
	case F_INT:
		if (parse_long(value, f->min, f->max, &l) == -1) {
			set_cause(cause, "%s: must be a whole number from %ld to %ld",
			    label, f->min, f->max);
			return -1;
		}
		*(int *)(void *)dst = (int)l;
		break;
	case F_ENUM:
		for (l = 0; f->words[l] != NULL; l++)
			if (strcmp(f->words[l], value) == 0)
				break;
		if (f->words[l] == NULL) {
			words_list(f->words, list, sizeof list);
			set_cause(cause, "%s: must be one of %s", label, list);
			return -1;
		}
		*(int *)(void *)dst = (int)l;
		break;
	case F_DRIVER:
		if (driver_find(value) == NULL) {
			set_cause(cause, "%s: must be one of %s", label, driver_names());
			return -1;
		}
		strlcpy_(dst, value, f->size);
		break;
	case F_URL:
		if (n > 0 && ((!str_startswith(value, "http://") &&
		    !str_startswith(value, "https://")) || n >= f->size ||
		    strpbrk(value, " \"'<>\\") != NULL)) {
			set_cause(cause, "%s: must be an http:// or https:// URL "
			    "(or empty)", label);
			return -1;
		}
		strlcpy_(dst, value, f->size);
		break;
	case F_SN:
		if (inv_check_sn(label, value, cause) == -1)
			return -1;
		for (size_t j = 0; j < n && j + 1 < f->size; j++)
			dst[j] = (char)toupper((unsigned char)value[j]);
		dst[n < f->size ? n : f->size - 1] = '\0';
		break;
	case F_TAGS:
		if (set_tags(label, value, dst, f->size, cause) == -1)
			return -1;
		break;
	}
	if (set != NULL)
		*set |= 1u << i;
	return 0;
}

int
inv_complete(enum inv_kind k, void *obj, uint32_t set, const char *prefix,
    char **cause)
{
	const struct kind *kd = &kinds[k];

	for (size_t i = 0; i < kd->nfields; i++) {
		if (kd->fields[i].required && !(set & (1u << i))) {
			set_cause(cause, "%s%s is required", prefix,
			    strcmp(prefix, "--") == 0 ? kd->flags[i] + 2 :
			    kd->fields[i].name);
			return -1;
		}
	}
	if (k == INV_OLT) {
		struct olt *o = obj;

		const struct olt_driver *d = driver_find(o->driver);

		if (!(set & (1u << 4)) && d != NULL)	/* transport */
			o->transport = d->transport;
		if (!(set & (1u << 3)))	/* port */
			o->port = d != NULL && d->transport == o->transport && d->cli_port > 0 ?
			    d->cli_port : o->transport == TRANSPORT_SSH ? 22 : 23;
		if (o->snmp_port == 0)
			o->snmp_port = 161;
	}
	return 0;
}

void
inv_get(enum inv_kind k, const void *obj, size_t i, char *out, size_t size)
{
	const struct field *f = &kinds[k].fields[i];
	const char *src = (const char *)obj + f->off;
	int v;

	switch (f->type) {
	case F_INT:
		snprintf(out, size, "%d", *(const int *)(const void *)src);
		break;
	case F_ENUM:
		v = *(const int *)(const void *)src;
		snprintf(out, size, "%s", v >= 0 ? f->words[v] : "?");
		break;
	default:
		strlcpy_(out, src, size);
		break;
	}
}

struct cJSON *
inv_to_json(enum inv_kind k, const void *obj)
{
	cJSON *j = cJSON_CreateObject();
	char v[512];

	for (size_t i = 0; i < kinds[k].nfields; i++) {
		inv_get(k, obj, i, v, sizeof v);
		if (kinds[k].fields[i].type == F_INT)
			cJSON_AddNumberToObject(j, kinds[k].fields[i].name, atoi(v));
		else
			cJSON_AddStringToObject(j, kinds[k].fields[i].name, v);
	}
	return j;
}

/* Seals secret into out (size bytes); "" stays "". */
static int
seal_into(struct vault *v, const char *what, const char *secret, char *out,
    size_t size, char **cause)
{
	char *sealed;

	if (secret == NULL || secret[0] == '\0') {
		out[0] = '\0';
		return 0;
	}
	if (v == NULL) {
		set_cause(cause, "internal error: no vault to seal the %s", what);
		return -1;
	}
	if (str_has_control(secret)) {
		set_cause(cause, "the %s must not contain control characters", what);
		return -1;
	}
	sealed = vault_seal(v, secret);
	if (strlen(sealed) >= size) {
		set_cause(cause, "the %s is too long", what);
		free(sealed);
		return -1;
	}
	strlcpy_(out, sealed, size);
	free(sealed);
	return 0;
}

/* Runs one audited change: begins an entry, calls fn, ends it. */
static int
audited(struct store *st, const char *action, const char *olt,
    const char *contract, const char *ont_sn,
    int (*fn)(struct store *, void *, char **), void *arg, char **cause)
{
	struct audit_start a = { .action = action, .olt = olt, .contract = contract,
	    .ont_sn = ont_sn };
	int64_t id = audit_begin(st, &a, cause);
	int rc;

	if (id < 0)
		return -1;
	rc = fn(st, arg, cause);
	audit_end(st, id, rc == 0 ? AUDIT_OK : AUDIT_FAILED,
	    rc == 0 ? NULL : (cause != NULL ? *cause : "failed"), NULL);
	return rc;
}

static int
do_olt_add(struct store *st, void *arg, char **cause)
{
	return store_olt_add(st, arg, cause);
}

int
inv_olt_add(struct store *st, struct vault *v, struct olt *o,
    const char *password, const char *community, char **cause)
{
	struct olt old;
	int rc;

	if ((rc = store_olt_by_name(st, o->name, &old, cause)) != 0) {
		if (rc == 1)
			set_cause(cause, "OLT %s already exists (change it with "
			    "`oltui olt edit %s`)", o->name, o->name);
		return -1;
	}
	audit_secret(st, password);
	audit_secret(st, community);
	if (seal_into(v, "password", password, o->password_sealed,
	    sizeof o->password_sealed, cause) == -1 ||
	    seal_into(v, "SNMP community", community, o->community_sealed,
	    sizeof o->community_sealed, cause) == -1)
		return -1;
	return audited(st, "olt add", o->name, NULL, NULL, do_olt_add, o, cause);
}

static int
do_olt_update(struct store *st, void *arg, char **cause)
{
	return store_olt_update(st, arg, cause);
}

/* Moves cause into *err with kind k; returns -1. */
static int
fail(struct err *err, enum err_kind k, char *cause)
{
	err_set(err, k, "%s", cause != NULL ? cause : "failed");
	free(cause);
	return -1;
}

int
inv_olt_edit(struct store *st, struct vault *v, const char *name,
    const struct olt *changes, uint32_t set, const char *password,
    const char *community, struct err *err)
{
	struct olt o;
	char *cause = NULL;
	int rc;

	if ((rc = store_olt_by_name(st, name, &o, &cause)) != 1) {
		if (rc == 0)
			return fail(err, ERR_USAGE, xasprintf("no OLT called %s (see "
			    "`oltui olt list`)", name));
		return fail(err, ERR_INTERNAL, cause);
	}
	for (size_t i = 0; i < kinds[INV_OLT].nfields; i++) {
		const struct field *f = &olt_fields[i];

		if (set & (1u << i))
			memcpy((char *)&o + f->off, (const char *)changes + f->off,
			    f->size);
	}
	/* A vendor change without a new transport/port takes its defaults. */
	if ((set & (1u << 1)) && inv_complete(INV_OLT, &o,
	    set | 1u << 0 | 1u << 1 | 1u << 2 | 1u << 5, "--", &cause) == -1)
		return fail(err, ERR_USAGE, cause);
	audit_secret(st, password);
	audit_secret(st, community);
	if ((password != NULL && seal_into(v, "password", password,
	    o.password_sealed, sizeof o.password_sealed, &cause) == -1) ||
	    (community != NULL && seal_into(v, "SNMP community", community,
	    o.community_sealed, sizeof o.community_sealed, &cause) == -1))
		return fail(err, ERR_INTERNAL, cause);
	if (audited(st, "olt edit", name, NULL, NULL, do_olt_update, &o, &cause) != 0)
		return fail(err, ERR_INTERNAL, cause);
	return 0;
}

static int
do_olt_remove(struct store *st, void *arg, char **cause)
{
	int rc = store_olt_remove(st, arg, cause);

	if (rc == 0)
		set_cause(cause, "no OLT called %s (see `oltui olt list`)",
		    (const char *)arg);
	return rc == 1 ? 0 : -1;
}

int
inv_olt_remove(struct store *st, const char *name, struct err *err)
{
	struct olt o;
	char *cause = NULL;
	int rc;

	if ((rc = store_olt_by_name(st, name, &o, &cause)) != 1) {
		if (rc == 0)
			return fail(err, ERR_USAGE, xasprintf("no OLT called %s (see "
			    "`oltui olt list`)", name));
		return fail(err, ERR_INTERNAL, cause);
	}
	if (audited(st, "olt rm", name, NULL, NULL, do_olt_remove, (void *)name,
	    &cause) != 0)
		return fail(err, ERR_INTERNAL, cause);
	return 0;
}

static int
do_contract_add(struct store *st, void *arg, char **cause)
{
	return store_contract_add(st, arg, cause);
}

int
inv_contract_add(struct store *st, struct contract *c, char **cause)
{
	struct contract old;
	int rc;

	if ((rc = store_contract_by_code(st, c->code, &old, cause)) != 0) {
		if (rc == 1)
			set_cause(cause, "contract %s already exists", c->code);
		return -1;
	}
	return audited(st, "contract add", NULL, c->code, NULL, do_contract_add, c, cause);
}

static int
do_profile_add(struct store *st, void *arg, char **cause)
{
	return store_profile_add(st, arg, cause);
}

int
inv_profile_add(struct store *st, struct profile *p, char **cause)
{
	struct profile old;
	int rc;

	if ((rc = store_profile_by_name(st, p->name, &old, cause)) != 0) {
		if (rc == 1)
			set_cause(cause, "profile %s already exists", p->name);
		return -1;
	}
	char *action = xasprintf("profile add %s", p->name);

	rc = audited(st, action, NULL, NULL, NULL, do_profile_add, p, cause);
	free(action);
	return rc;
}

/* Stores the link (the change audited() records). */
static int
do_link(struct store *st, void *arg, char **cause)
{
	const struct inv_link *l = arg;

	return store_link_set(st, l->sn, l->contract, cause);
}

/* Removes the link (the change audited() records). */
static int
do_unlink(struct store *st, void *arg, char **cause)
{
	const struct inv_link *l = arg;

	return store_link_remove(st, l->sn, cause) < 0 ? -1 : 0;
}

/* Finds the ONT with serial sn (any printed form) and its OLT's name.  0,
   or -1 with *err (ERR_USAGE naming a serial oltui does not know). */
static int
link_ont(struct store *st, const char *sn, struct ont *o, char olt[NAME_MAX_LEN + 1],
    struct err *err)
{
	char canon[SN_LEN + 1], *cause = NULL;
	struct olt row;
	int rc;

	if (sn_normalize(sn, canon) != 0)
		return fail(err, ERR_USAGE, xasprintf("'%s' is not a GPON serial: 4 "
		    "letters and 8 hex digits (HWTC1A2B3C4D) or 16 hex digits",
		    text_shown(sn)));
	if ((rc = store_ont_by_sn(st, canon, o, &cause)) != 1) {
		if (rc == 0)
			return fail(err, ERR_USAGE, xasprintf("no ONT with serial %s in "
			    "the database (see `oltui ont list`; `oltui discover` "
			    "and `oltui poll --once` fill it)", canon));
		return fail(err, ERR_INTERNAL, cause);
	}
	if ((rc = store_olt_by_id(st, o->olt_id, &row, &cause)) != 1)
		return fail(err, ERR_INTERNAL, rc == 0 ? xstrdup("the ONT's OLT is no "
		    "longer in the database") : cause);
	strlcpy_(olt, row.name, NAME_MAX_LEN + 1);
	return 0;
}

int
inv_link(struct store *st, const char *sn, const char *code,
    char was[NAME_MAX_LEN + 1], struct err *err)
{
	struct inv_link l;
	struct contract c;
	struct ont o;
	char olt[NAME_MAX_LEN + 1], *cause = NULL;
	int rc;

	if (was != NULL)
		was[0] = '\0';
	if (link_ont(st, sn, &o, olt, err) != 0)
		return -1;
	if (inv_check_name("CODE", code, &cause) != 0)
		return fail(err, ERR_USAGE, cause);
	if ((rc = store_contract_by_code(st, code, &c, &cause)) != 1) {
		if (rc == 0)
			return fail(err, ERR_USAGE, xasprintf("no contract %s (see "
			    "`oltui contract list`; add it with `oltui contract add "
			    "%s --customer NAME`)", code, code));
		return fail(err, ERR_INTERNAL, cause);
	}
	if (was != NULL)
		strlcpy_(was, o.contract, NAME_MAX_LEN + 1);
	if (strcmp(o.contract, code) == 0)
		return 0;
	strlcpy_(l.sn, o.sn, sizeof l.sn);
	strlcpy_(l.contract, code, sizeof l.contract);
	if (audited(st, "ont link", olt, l.contract, l.sn, do_link, &l, &cause) != 0)
		return fail(err, ERR_INTERNAL, cause);
	return 0;
}

int
inv_unlink(struct store *st, const char *sn, char was[NAME_MAX_LEN + 1],
    struct err *err)
{
	struct inv_link l;
	struct ont o;
	char olt[NAME_MAX_LEN + 1], *cause = NULL;

	if (was != NULL)
		was[0] = '\0';
	if (link_ont(st, sn, &o, olt, err) != 0)
		return -1;
	if (o.contract[0] == '\0')
		return fail(err, ERR_REFUSED, xasprintf("ONT %s is not linked to a "
		    "contract: nothing to unlink", o.sn));
	if (was != NULL)
		strlcpy_(was, o.contract, NAME_MAX_LEN + 1);
	strlcpy_(l.sn, o.sn, sizeof l.sn);
	strlcpy_(l.contract, o.contract, sizeof l.contract);
	if (audited(st, "ont unlink", olt, l.contract, l.sn, do_unlink, &l, &cause) != 0)
		return fail(err, ERR_INTERNAL, cause);
	return 0;
}
