/*
 * verb_help.c — every help text, printed from the verb tables: `oltui
 * --help` (a synopsis per verb and sub-verb), `oltui VERB --help` (the
 * verb's arguments and options one per line, with their help and
 * defaults), and the man page's VERBS and OPTIONS sections in roff
 * (scripts/genman.sh puts them into docs/oltui.1).
 *
 * A synopsis is a list of items ("SN", "[--desc TEXT]", "[--olt NAME]...")
 * built from the option and positional tables, and wrapped between items,
 * never inside one.  An option of type VA_FIELDS expands to one item per
 * field of its inventory kind, with the field's form and doc from
 * core/inventory.c.  Main thread.
 */
#include "tui/verbs/verb.h"

#include <stdlib.h>
#include <string.h>

#include "core/inventory.h"
#include "drivers/driver.h"
#include "lib/util.h"

#ifndef OLTUI_VERSION
#define OLTUI_VERSION "unknown"
#endif

#define WIDTH	79	/* help lines wrap before this column */
#define OPTCOL	28	/* where an option's help starts */

static const char exit_text[] = "Exit status: 0 ok, 1 refused or failed, 2 usage "
    "(also a name oltui does not know), 3 a device could not be reached.";

/* The items of a synopsis. */
struct items {
	char	**v;
	size_t	  n;
};

/* Appends s (owned from now on) to the items. */
static void
items_add(struct items *it, char *s)
{
	it->v = xreallocarray(it->v, it->n + 1, sizeof *it->v);
	it->v[it->n++] = s;
}

/* Frees the items and their strings. */
static void
items_free(struct items *it)
{
	for (size_t i = 0; i < it->n; i++)
		free(it->v[i]);
	free(it->v);
}

/* The item of one option (field: the VA_FIELDS field index). */
static char *
opt_item(const struct verb_opt *o, size_t field)
{
	const char *name = o->type == VA_FIELDS ?
	    inv_field_flag((enum inv_kind)o->kind, field) : o->name;
	bool required = o->type == VA_FIELDS ? (o->flags & VO_REQUIRED) && field > 0 &&
	    inv_field_required((enum inv_kind)o->kind, field) : (o->flags & VO_REQUIRED);
	char meta[64];

	verb_opt_meta(o, field, meta, sizeof meta);
	return xasprintf("%s%s%s%s%s%s", required ? "" : "[", name, meta[0] != '\0' ?
	    " " : "", meta, required ? "" : "]", (o->flags & VO_MULTI) ? "..." : "");
}

/* The synopsis items of v's arguments (without its name). */
static void
synopsis(const struct verb *v, struct items *it)
{
	if (v->subs != NULL) {
		struct buf b = { 0 };

		for (const struct verb *s = v->subs; s->name != NULL; s++)
			buf_addf(&b, "%s%s", s == v->subs ? "" : "|", s->name);
		items_add(it, buf_take(&b));
		items_add(it, xstrdup("..."));
		return;
	}
	for (const struct verb_pos *p = v->pos; p != NULL && p->meta != NULL; p++)
		items_add(it, xasprintf("%s%s%s%s", (p->flags & VO_OPTIONAL) ? "[" : "",
		    p->meta, (p->flags & VO_MULTI) ? "..." : "",
		    (p->flags & VO_OPTIONAL) ? "]" : ""));
	for (const struct verb_opt *o = v->opts; o != NULL && o->name != NULL; o++) {
		if (o->type != VA_FIELDS) {
			items_add(it, opt_item(o, 0));
			continue;
		}
		for (size_t f = 0; f < inv_nfields((enum inv_kind)o->kind); f++)
			items_add(it, opt_item(o, f));
	}
}

/* Prints head then the items, wrapped at WIDTH with indent on the
   following lines. */
static void
print_wrapped(FILE *f, const char *head, const struct items *it, int indent)
{
	size_t col = strlen(head);

	fputs(head, f);
	for (size_t i = 0; i < it->n; i++) {
		size_t n = strlen(it->v[i]);

		if (col + 1 + n > WIDTH && col > (size_t)indent) {
			fprintf(f, "\n%*s", indent, "");
			col = (size_t)indent;
		} else if (col > 0) {
			fputc(' ', f);
			col++;
		}
		fputs(it->v[i], f);
		col += n;
	}
	fputc('\n', f);
}

/* Prints text wrapped at WIDTH, every line starting at indent (the first
   one after col characters already printed). */
static void
print_text(FILE *f, const char *text, int indent, size_t col)
{
	char *copy = xstrdup(text), *save = NULL;

	for (char *w = strtok_r(copy, " ", &save); w != NULL; w = strtok_r(NULL, " ", &save)) {
		size_t n = strlen(w);

		if (col > (size_t)indent && col + 1 + n > WIDTH) {
			fprintf(f, "\n%*s", indent, "");
			col = (size_t)indent;
		} else if (col > (size_t)indent) {
			fputc(' ', f);
			col++;
		} else if (col < (size_t)indent) {
			fprintf(f, "%*s", (int)((size_t)indent - col), "");
			col = (size_t)indent;
		}
		fputs(w, f);
		col += n;
	}
	fputc('\n', f);
	free(copy);
}

/* The full name of v: "olt add" or "discover". */
static char *
full_name(const struct verb *parent, const struct verb *v)
{
	return xasprintf("%s%s%s", parent != NULL ? parent->name : "",
	    parent != NULL ? " " : "", v->name);
}

/* The default of an option as help shows it, or NULL. */
static char *
opt_default(const struct verb_opt *o)
{
	if (o->type == VA_INT && !(o->flags & VO_REQUIRED) && o->def >= o->min &&
	    o->def <= o->max && o->def != 0)
		return xasprintf("%ld", o->def);
	if (o->sdef != NULL)
		return xstrdup(o->sdef);
	return NULL;
}

/* Prints one "  --name META   help" line. */
static void
print_opt_line(FILE *f, const char *label, const char *help, const char *def)
{
	char *text = def != NULL ? xasprintf("%s (default %s)", help, def) : xstrdup(help);

	fprintf(f, "  %s", label);
	if (strlen(label) + 2 >= OPTCOL - 1) {
		fputc('\n', f);
		print_text(f, text, OPTCOL, 0);
	} else
		print_text(f, text, OPTCOL, strlen(label) + 2);
	free(text);
}

/* The label of option o (field: VA_FIELDS index): "-y, --yes", "--desc TEXT". */
static char *
opt_label(const struct verb_opt *o, size_t field)
{
	char meta[64];
	const char *name = o->type == VA_FIELDS ?
	    inv_field_flag((enum inv_kind)o->kind, field) : o->name;

	verb_opt_meta(o, field, meta, sizeof meta);
	if (o->short_name != 0)
		return xasprintf("-%c, %s%s%s", o->short_name, name, meta[0] ? " " : "", meta);
	return xasprintf("    %s%s%s", name, meta[0] ? " " : "", meta);
}

/* Calls fn(label, help, default, arg) for every option line of a table
   (a VA_FIELDS row: one per field), the same for --help and the man page. */
static void
each_opt(const struct verb_opt *opts, void (*fn)(const char *, const char *,
    const char *, void *), void *arg)
{
	for (const struct verb_opt *o = opts; o != NULL && o->name != NULL; o++) {
		size_t n = o->type == VA_FIELDS ? inv_nfields((enum inv_kind)o->kind) : 1;

		for (size_t i = 0; i < n; i++) {
			char *label = opt_label(o, i), *def = o->type == VA_FIELDS ? NULL :
			    opt_default(o);
			const char *help = o->type == VA_FIELDS ?
			    inv_field_doc((enum inv_kind)o->kind, i) : o->help;
			char *h = (o->flags & VO_MULTI) ? xasprintf("%s (repeat for more)", help) :
			    xstrdup(help);

			fn(label, h, def, arg);
			free(h);
			free(label);
			free(def);
		}
	}
}

/* An option line of --help (each_opt's fn). */
static void
text_opt(const char *label, const char *help, const char *def, void *arg)
{
	print_opt_line(arg, label, help, def);
}

/* Prints the option lines of a table. */
static void
print_opts(FILE *f, const struct verb_opt *opts)
{
	each_opt(opts, text_opt, f);
	print_opt_line(f, "-h, --help", "print this help and exit", NULL);
}

void
help_print_verb(FILE *f, const struct verb *parent, const struct verb *v)
{
	struct items it = { 0 };
	char *name = full_name(parent, v), *head = xasprintf("usage: oltui %s", name);

	synopsis(v, &it);
	print_wrapped(f, head, &it, 8);
	fputc('\n', f);
	print_text(f, v->summary, 0, 0);
	if (v->subs != NULL) {
		fprintf(f, "\nSubcommands:\n");
		for (const struct verb *s = v->subs; s->name != NULL; s++)
			print_opt_line(f, s->name, s->summary, NULL);
		fprintf(f, "\n`oltui %s SUBCOMMAND --help` prints a subcommand's arguments.\n",
		    name);
	} else {
		if (v->pos != NULL && v->pos[0].meta != NULL) {
			fprintf(f, "\nArguments:\n");
			for (const struct verb_pos *p = v->pos; p->meta != NULL; p++)
				print_opt_line(f, p->meta, p->help, NULL);
		}
		fprintf(f, "\nOptions:\n");
		print_opts(f, v->opts);
	}
	if (v->more != NULL) {
		fputc('\n', f);
		print_text(f, v->more, 0, 0);
	}
	fputc('\n', f);
	print_text(f, exit_text, 0, 0);
	items_free(&it);
	free(head);
	free(name);
}

/* One verb of `oltui --help`. */
static void
help_line(const struct verb *parent, const struct verb *v, void *arg)
{
	FILE *f = arg;
	struct items it = { 0 };
	char *name = full_name(parent, v), *head;

	if (v->subs == NULL)
		synopsis(v, &it);
	head = xasprintf("  %s", name);
	if (it.n == 0 && strlen(head) < 42) {
		fprintf(f, "%-42s", head);
		print_text(f, v->summary, 42, 42);
	} else {
		print_wrapped(f, head, &it, 6);
		print_text(f, v->summary, 6, 0);
	}
	items_free(&it);
	free(head);
	free(name);
}

void
help_print(FILE *f)
{
	fprintf(f, "oltui %s — a terminal console for GPON OLTs (drivers: %s)\n\n",
	    OLTUI_VERSION, driver_names());
	fprintf(f, "usage: oltui [OPTIONS] [VERB [ARGS...]]\n\n");
	fprintf(f, "Without a verb, oltui opens the console.  `oltui VERB --help` prints "
	    "a verb's arguments.\n\nVerbs:\n");
	verbs_foreach(help_line, f);
	fprintf(f, "\nOptions (before the verb):\n");
	print_opts(f, verb_global_opts);
	fputc('\n', f);
	print_text(f, exit_text, 0, 0);
}

/* ---- the man page ---- */

/* Writes s onto f with roff's specials escaped. */
static void
roff_puts(FILE *f, const char *s)
{
	for (; *s != '\0'; s++) {
		if (*s == '\\')
			fputs("\\e", f);
		else if (*s == '-')
			fputs("\\-", f);
		else
			fputc(*s, f);
	}
}

/* Writes one ".TP" option entry. */
static void
man_opt(FILE *f, const char *label, const char *help, const char *def)
{
	fputs(".TP\n.B ", f);
	roff_puts(f, label);
	fputc('\n', f);
	roff_puts(f, help);
	if (def != NULL) {
		fputs(" (default ", f);
		roff_puts(f, def);
		fputc(')', f);
	}
	fputc('\n', f);
}

/* An option entry of the man page (each_opt's fn). */
static void
man_opt_entry(const char *label, const char *help, const char *def, void *arg)
{
	char *l = xstrdup(label);

	man_opt(arg, str_trim(l), help, def);
	free(l);
}

/* One verb of the VERBS section. */
/* The body of a verb's man entry: synopsis, summary, notes, arguments. */
static void
man_body(FILE *f, const struct verb *v)
{
	struct items it = { 0 };

	synopsis(v, &it);
	for (size_t i = 0; i < it.n; i++) {
		fputs(i == 0 ? "" : " ", f);
		roff_puts(f, it.v[i]);
	}
	fputs(it.n > 0 ? "\n.br\n" : "", f);
	roff_puts(f, v->summary);
	fputc('\n', f);
	if (v->more != NULL) {
		fputs(".br\n", f);
		roff_puts(f, v->more);
		fputc('\n', f);
	}
	if (v->subs == NULL && ((v->pos != NULL && v->pos[0].meta != NULL) ||
	    (v->opts != NULL && v->opts[0].name != NULL))) {
		fputs(".RS\n", f);
		for (const struct verb_pos *p = v->pos; p != NULL && p->meta != NULL; p++)
			man_opt(f, p->meta, p->help, NULL);
		each_opt(v->opts, man_opt_entry, f);
		fputs(".RE\n", f);
	}
	items_free(&it);
}

/* One verb's entry; an overloaded sub-verb's rows share the first one's. */
static void
man_verb(const struct verb *parent, const struct verb *v, void *arg)
{
	FILE *f = arg;
	char *name = full_name(parent, v);

	if (parent != NULL && verb_find_sub(parent, v->name) != v) {
		free(name);
		return;		/* printed with the first row of its name */
	}
	fputs(".TP\n.B oltui ", f);
	roff_puts(f, name);
	fputc('\n', f);
	man_body(f, v);
	for (const struct verb *o = parent != NULL ? verb_find_sub_next(parent, v->name, v) :
	    NULL; o != NULL; o = verb_find_sub_next(parent, v->name, o)) {
		fputs(".br\nor\n.br\n", f);
		man_body(f, o);
	}
	free(name);
}

void
help_print_man(FILE *f)
{
	fputs(".SH VERBS\n", f);
	fputs("Every verb also takes\n.B \\-h\nand\n.BR \\-\\-help ,\n"
	    "which print its arguments.\n", f);
	verbs_foreach(man_verb, f);
	fputs(".SH OPTIONS\nThese come before the verb.\n", f);
	each_opt(verb_global_opts, man_opt_entry, f);
	man_opt(f, "-h, --help", "print the help and exit", NULL);
}
