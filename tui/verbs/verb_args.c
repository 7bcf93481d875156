/*
 * verb_args.c — the argument parser every verb and the global options go
 * through (the rules are in verb_args.h).
 *
 * One pass over argv: an option word is looked up in the table (or, for a
 * VA_FIELDS row, in the inventory's field table), its value taken and
 * checked by its type, and stored at its offset; a positional word fills
 * the next positional slot.  Then required options and positionals are
 * checked.  Every error is a sentence naming the word at fault; the caller
 * prints it as a usage error (exit 2).  Main thread only.
 */
#include "tui/verbs/verb_args.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/inventory.h"
#include "lib/text.h"
#include "lib/util.h"

/* The destination of a row in args. */
static void *
dst_of(void *args, size_t off)
{
	return (char *)args + off;
}

/* True when word reads as an option rather than a value: "--x". */
static bool
looks_like_option(const char *w)
{
	return w[0] == '-' && w[1] == '-';
}

/* Appends value to the list at dst; the array has room for cap values. */
static void
list_add(struct verb_list *l, const char *value, size_t cap)
{
	if (l->v == NULL)
		l->v = xcalloc(cap + 1, sizeof *l->v);
	l->v[l->n++] = value;
}

int
verb_check_outfile(const char *label, const char *path, char **cause)
{
	const char *slash = strrchr(path, '/');
	char *dir;
	struct stat sb;
	int rc = 0;

	if (path[0] == '\0' || (slash != NULL && slash[1] == '\0')) {
		set_cause(cause, "%s: give a file name, not '%s'", label, path);
		return -1;
	}
	dir = slash == NULL ? xstrdup(".") : slash == path ? xstrdup("/") :
	    xstrndup(path, (size_t)(slash - path));
	if (stat(dir, &sb) != 0) {
		set_cause(cause, "%s: the directory %s does not exist (%s); create it "
		    "first", label, dir, strerror(errno));
		rc = -1;
	} else if (!S_ISDIR(sb.st_mode)) {
		set_cause(cause, "%s: %s is not a directory", label, dir);
		rc = -1;
	} else if (access(dir, W_OK | X_OK) != 0) {
		set_cause(cause, "%s: cannot write into the directory %s (%s)", label,
		    dir, strerror(errno));
		rc = -1;
	}
	free(dir);
	return rc;
}

/* Checks value of type t for label and stores it at dst (a const char *,
   or a long for VA_INT).  parse: VA_CUSTOM's function.  0, or -1 with a
   cause naming label. */
static int
take_value(const char *label, enum va_type t, long min, long max,
    int (*parse)(const char *, void *, char **), const char *value, void *dst,
    char **cause)
{
	char *why = NULL;

	if (str_has_control(value)) {
		set_cause(cause, "%s: control characters (tabs, line breaks, escapes) "
		    "are not allowed", label);
		return -1;
	}
	if (text_check(label, value, cause) != 0)
		return -1;
	switch (t) {
	case VA_INT:
		if (parse_long(value, min, max, dst) != 0) {
			set_cause(cause, "%s: must be a whole number from %ld to %ld, "
			    "not '%s'", label, min, max, text_shown(value));
			return -1;
		}
		return 0;
	case VA_STRING:
		if (max > 0 && strlen(value) > (size_t)max) {
			set_cause(cause, "%s: at most %ld characters", label, max);
			return -1;
		}
		break;
	case VA_NAME:
		if (inv_check_name(label, value, cause) != 0)
			return -1;
		break;
	case VA_SN:
		if (inv_check_sn(label, value, cause) != 0)
			return -1;
		break;
	case VA_PATH:
	case VA_SECRET_FILE:
		if (value[0] == '\0') {
			set_cause(cause, "%s: give a file name", label);
			return -1;
		}
		break;
	case VA_OUTFILE:
		if (verb_check_outfile(label, value, cause) != 0)
			return -1;
		break;
	case VA_CUSTOM:
		if (parse(value, dst, &why) != 0) {
			set_cause(cause, "%s: %s", label, why != NULL ? why : "not valid");
			free(why);
			return -1;
		}
		return 0;
	case VA_FLAG:
	case VA_FIELDS:
		break;
	}
	*(const char **)dst = value;
	return 0;
}

/* Sets the defaults of opts in args. */
static void
set_defaults(const struct verb_opt *opts, void *args)
{
	for (const struct verb_opt *o = opts; o != NULL && o->name != NULL; o++) {
		void *dst = dst_of(args, o->off);

		if (o->flags & VO_MULTI)
			continue;
		if (o->type == VA_INT)
			*(long *)dst = o->def;
		else if (o->type == VA_FIELDS) {
			struct verb_fields *f = dst;

			inv_init((enum inv_kind)o->kind, &f->u);
			f->set = 0;
		} else if (o->sdef != NULL && o->type == VA_CUSTOM)
			o->parse(o->sdef, dst, NULL);
		else if (o->sdef != NULL && o->type != VA_FLAG)
			*(const char **)dst = o->sdef;
	}
}

/* The row of opts for word (without "=value"), and for a VA_FIELDS row the
   field index in *field; NULL when none. */
static const struct verb_opt *
find_opt(const struct verb_opt *opts, const char *word, int *field)
{
	*field = -1;
	for (const struct verb_opt *o = opts; o != NULL && o->name != NULL; o++) {
		if (o->type == VA_FIELDS) {
			int f = strncmp(word, "--", 2) == 0 ?
			    inv_field_find((enum inv_kind)o->kind, word) : -1;

			if (f >= 0 && strcmp(inv_field_flag((enum inv_kind)o->kind,
			    (size_t)f), word) == 0) {
				*field = f;
				return o;
			}
			continue;
		}
		if (strcmp(o->name, word) == 0 || (o->short_name != 0 && word[0] == '-' &&
		    word[1] == o->short_name && word[2] == '\0'))
			return o;
	}
	return NULL;
}

/* The cause for an unknown option word. */
static void
unknown_option(const struct verb_opt *opts, const char *word, char **cause)
{
	char *file = xasprintf("%s-file", word);
	int f;

	if (find_opt(opts, file, &f) != NULL)
		set_cause(cause, "%s: secrets are never taken on the command line "
		    "(visible in ps): use %s FILE", word, file);
	else
		set_cause(cause, "unknown option %s (--help lists the options)",
		    text_shown(word));
	free(file);
}

/* Takes the option at argv[*i] (with its value).  0, or -1 with *cause. */
static int
take_option(const struct verb_opt *opts, int argc, char **argv, int *i, void *args,
    bool *seen, bool last_wins, char **cause)
{
	const char *word = argv[*i], *value = NULL, *eq = NULL;
	char name[64];
	const struct verb_opt *o;
	void *dst;
	int field;

	if (strncmp(word, "--", 2) == 0 && (eq = strchr(word, '=')) != NULL) {
		snprintf(name, sizeof name, "%.*s", (int)(eq - word), word);
		value = eq + 1;
	} else
		snprintf(name, sizeof name, "%s", word);
	if (str_has_control(name)) {
		set_cause(cause, "arguments must not contain control characters");
		return -1;
	}
	if ((o = find_opt(opts, name, &field)) == NULL) {
		unknown_option(opts, name, cause);
		return -1;
	}
	dst = dst_of(args, o->off);
	if (o->type == VA_FLAG) {
		if (value != NULL) {
			set_cause(cause, "%s takes no value (got '%s')", o->name,
			    text_shown(value));
			return -1;
		}
		*(bool *)dst = true;
		return 0;
	}
	if (value == NULL) {
		char meta[64];

		verb_opt_meta(o, field < 0 ? 0 : (size_t)field, meta, sizeof meta);
		if (*i + 1 >= argc) {
			set_cause(cause, "%s needs a value (%s %s)", name, name, meta);
			return -1;
		}
		if (looks_like_option(argv[*i + 1])) {
			set_cause(cause, "%s needs a value (%s %s), and '%s' is an option, "
			    "not a value (write %s=%s if you mean it)", name, name, meta,
			    text_shown(argv[*i + 1]), name, text_shown(argv[*i + 1]));
			return -1;
		}
		value = argv[++*i];
	}
	if (o->type == VA_FIELDS) {
		struct verb_fields *f = dst;

		if (f->set & (1u << field)) {
			set_cause(cause, "%s given twice", name);
			return -1;
		}
		return inv_set((enum inv_kind)o->kind, &f->u, &f->set, (size_t)field,
		    value, "--", cause) == 0 ? 0 : -1;
	}
	if (o->flags & VO_MULTI) {
		const char *v;

		if (take_value(o->name, o->type, o->min, o->max, o->parse, value, &v,
		    cause) != 0)
			return -1;
		list_add(dst, v, (size_t)argc);
		return 0;
	}
	if (seen[o - opts] && !last_wins) {
		set_cause(cause, "%s given twice", o->name);
		return -1;
	}
	seen[o - opts] = true;
	return take_value(o->name, o->type, o->min, o->max, o->parse, value, dst, cause);
}

/* Stores the positional word into the next slot of pos.  0, or -1. */
static int
take_positional(const struct verb_pos *pos, size_t *slot, const char *word, void *args,
    int argc, char **cause)
{
	const struct verb_pos *p;
	void *dst;

	if (pos == NULL || pos[*slot].meta == NULL) {
		set_cause(cause, "unexpected argument '%s'%s", text_shown(word),
		    pos == NULL || pos[0].meta == NULL ? " (it takes no "
		    "arguments besides its options)" : "");
		return -1;
	}
	p = &pos[*slot];
	dst = dst_of(args, p->off);
	if (p->flags & VO_MULTI) {
		const char *v;

		if (take_value(p->meta, p->type, 0, 0, p->parse, word, &v, cause) != 0)
			return -1;
		list_add(dst, v, (size_t)argc);
		return 0;
	}
	(*slot)++;
	return take_value(p->meta, p->type, 0, 0, p->parse, word, dst, cause);
}

/* Checks that every required option and positional was given. */
static int
check_required(const struct verb_opt *opts, const struct verb_pos *pos, size_t slot,
    const bool *seen, void *args, char **cause)
{
	for (const struct verb_opt *o = opts; o != NULL && o->name != NULL; o++) {
		if (!(o->flags & VO_REQUIRED) || o->type == VA_FIELDS)
			continue;
		if ((o->flags & VO_MULTI) ? ((struct verb_list *)dst_of(args, o->off))->n == 0 :
		    !seen[o - opts]) {
			set_cause(cause, "%s %s is required", o->name,
			    o->meta != NULL ? o->meta : "");
			return -1;
		}
	}
	for (size_t i = slot; pos != NULL && pos[i].meta != NULL; i++) {
		if (pos[i].flags & VO_OPTIONAL)
			continue;
		if ((pos[i].flags & VO_MULTI) &&
		    ((struct verb_list *)dst_of(args, pos[i].off))->n > 0)
			continue;
		set_cause(cause, "missing %s (%s)", pos[i].meta, pos[i].help);
		return -1;
	}
	return 0;
}

int
verb_args_parse(const struct verb_opt *opts, const struct verb_pos *pos, int argc,
    char **argv, void *args, unsigned flags, int *used, char **cause)
{
	size_t nopts = 0, slot = 0;
	bool *seen, options_done = false;
	int i, rc = VA_OK;

	while (opts != NULL && opts[nopts].name != NULL)
		nopts++;
	seen = xcalloc(nopts + 1, sizeof *seen);
	set_defaults(opts, args);
	if (used != NULL)
		*used = argc;
	for (i = 0; i < argc; i++) {
		const char *w = argv[i];

		if (!options_done && strcmp(w, "--") == 0) {
			options_done = true;
			if (flags & VA_STOP_AT_WORD) {
				if (used != NULL)
					*used = i + 1;
				break;
			}
			continue;
		}
		if (!options_done && w[0] == '-' && w[1] != '\0') {
			if (strcmp(w, "--help") == 0 || strcmp(w, "-h") == 0) {
				rc = VA_HELP;
				break;
			}
			if (take_option(opts, argc, argv, &i, args, seen,
			    (flags & VA_LAST_WINS) != 0, cause) != 0) {
				rc = VA_ERROR;
				break;
			}
			continue;
		}
		if (flags & VA_STOP_AT_WORD) {
			if (used != NULL)
				*used = i;
			break;
		}
		if (take_positional(pos, &slot, w, args, argc, cause) != 0) {
			rc = VA_ERROR;
			break;
		}
	}
	if (rc == VA_OK && check_required(opts, pos, slot, seen, args, cause) != 0)
		rc = VA_ERROR;
	free(seen);
	return rc;
}

/* Frees the list at dst and empties it. */
static void
list_free(struct verb_list *l)
{
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

void
verb_args_free(const struct verb_opt *opts, const struct verb_pos *pos, void *args)
{
	for (const struct verb_opt *o = opts; o != NULL && o->name != NULL; o++)
		if (o->flags & VO_MULTI)
			list_free(dst_of(args, o->off));
	for (const struct verb_pos *p = pos; p != NULL && p->meta != NULL; p++)
		if (p->flags & VO_MULTI)
			list_free(dst_of(args, p->off));
}

bool
verb_args_want_json(int argc, char **argv)
{
	for (int i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0)
			return false;
		if (strcmp(argv[i], "--json") == 0)
			return true;
	}
	return false;
}

void
verb_opt_meta(const struct verb_opt *o, size_t field, char *out, size_t size)
{
	if (o->type == VA_FIELDS)
		inv_field_form((enum inv_kind)o->kind, field, out, size);
	else
		snprintf(out, size, "%s", o->meta != NULL ? o->meta : "");
}
