/*
 * fuzz_args.c — the one argument parser (tui/verbs/verb_args.c) over the
 * real tables: the global options and every verb and sub-verb oltui has.
 *
 * Input: byte 0 picks the table (0: the global options, then the verbs in
 * --help order), the rest are the words of argv, NUL-separated (at most
 * 32).
 *
 * Invariants: an accepted argv leaves every text value (options,
 * positionals, lists) without control characters (verb_args.h) and clean
 * text (lib/text.h: what a user types reaches the device, the store and
 * the terminal), a name a valid name, a serial a serial, a number inside
 * its range, inventory fields clean; a refused one has a cause that is one
 * line of clean text (it is printed on the terminal and quotes the words).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/inventory.h"
#include "lib/sn.h"
#include "lib/util.h"
#include "tests/fuzz/harness.h"
#include "tui/verbs/verb.h"

#define MAX_WORDS 32
#define MAX_TABLES 256
#define GLOBALS_SIZE 4096	/* room for verb.c's struct of the global options */

struct table {
	const struct verb_opt	*opts;
	const struct verb_pos	*pos;
	size_t			 size;
};
static struct table tables[MAX_TABLES];
static size_t ntables;

static void
collect(const struct verb *parent, const struct verb *v, void *arg)
{
	(void)parent;
	(void)arg;
	if (ntables < MAX_TABLES && (v->opts != NULL || v->pos != NULL))
		tables[ntables++] = (struct table){ v->opts, v->pos, v->size };
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	tables[ntables++] = (struct table){ verb_global_opts, NULL, GLOBALS_SIZE };
	verbs_foreach(collect, NULL);
	return 0;
}

/* Checks one text value of type t (max: VA_STRING's most characters). */
static void
check_text(const char *what, enum va_type t, long max, const char *v)
{
	char sn[SN_LEN + 1];

	if (v == NULL)
		return;
	fz_clean(what, v, false);
	if (t == VA_STRING && max > 0 && strlen(v) > (size_t)max)
		fz_fail("%s: \"%s\" is longer than %ld", what, v, max);
	if (t == VA_NAME && inv_check_name(what, v, NULL) != 0)
		fz_fail("%s: \"%s\" is not a name", what, v);
	if (t == VA_SN && sn_normalize(v, sn) != 0)
		fz_fail("%s: \"%s\" is not a serial", what, v);
}

/* Checks the value a row of type t with flags stored at dst (def: a
   number's value when it is not given, which may lie outside its range:
   "none"). */
static void
check_value(const char *what, enum va_type t, unsigned flags, long min, long max,
    long def, int kind, const void *dst)
{
	if (t == VA_CUSTOM || t == VA_FLAG)
		return;
	if (flags & VO_MULTI) {
		const struct verb_list *l = dst;

		for (size_t i = 0; i < l->n; i++)
			check_text(what, t, max, l->v[i]);
	} else if (t == VA_INT) {
		long v = *(const long *)dst;

		if ((v < min || v > max) && v != def)
			fz_fail("%s = %ld is outside %ld..%ld", what, v, min, max);
	} else if (t == VA_FIELDS) {
		const struct verb_fields *f = dst;
		char buf[1024];

		for (size_t i = 0; i < inv_nfields((enum inv_kind)kind); i++) {
			inv_get((enum inv_kind)kind, &f->u, i, buf, sizeof buf);
			fz_clean(inv_field_name((enum inv_kind)kind, i), buf, false);
		}
	} else {
		check_text(what, t, max, *(const char *const *)dst);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fz in = { data, size };
	const struct table *t;
	char *argv[MAX_WORDS + 1], *cause = NULL;
	int argc = 0, used = 0, rc;
	unsigned flags;
	void *args;

	if (size < 1)
		return 0;
	t = &tables[fz_byte(&in) % ntables];
	while (argc < MAX_WORDS && (argv[argc] = fz_part(&in, NULL)) != NULL)
		argc++;
	argv[argc] = NULL;
	args = xcalloc(1, t->size > GLOBALS_SIZE ? t->size : GLOBALS_SIZE);
	flags = t->opts == verb_global_opts ? VA_STOP_AT_WORD | VA_LAST_WINS : 0;
	rc = verb_args_parse(t->opts, t->pos, argc, argv, args, flags, &used, &cause);
	if (rc == VA_OK) {
		for (const struct verb_opt *o = t->opts; o != NULL && o->name != NULL; o++)
			check_value(o->name, o->type, o->flags, o->min, o->max, o->def, o->kind,
			    (const char *)args + o->off);
		for (const struct verb_pos *p = t->pos; p != NULL && p->meta != NULL; p++)
			check_value(p->meta, p->type, p->flags, 0, 0, 0, 0,
			    (const char *)args + p->off);
	} else if (rc == VA_ERROR) {
		if (cause == NULL)
			fz_fail("a usage error without a cause");
		fz_clean("a usage error", cause, false);
	}
	verb_args_free(t->opts, t->pos, args);
	free(args);
	free(cause);
	for (int i = 0; i < argc; i++)
		free(argv[i]);
	return 0;
}
