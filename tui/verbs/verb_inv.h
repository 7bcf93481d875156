/*
 * verb_inv.h — what the inventory verb files share (verb_inventory.c,
 * verb_records.c): the argument struct their sub-verbs fill, and printing
 * a record.  Not for other modules.
 */
#ifndef OLTUI_VERB_INV_H
#define OLTUI_VERB_INV_H

#include <stdbool.h>

#include "core/inventory.h"
#include "tui/verbs/verb.h"

/* What an inventory verb's command line says (each sub-verb uses its own
   part; its option table says which). */
struct inv_args {
	struct verb_common	 c;
	const char		*key;		/* NAME or CODE positional */
	const char		*sn;		/* link/unlink SN */
	const char		*file;		/* import FILE */
	struct verb_fields	 f;		/* --field VALUE of the record */
	const char		*password_file;
	const char		*community_file;
	bool			 ask_password;
	struct verb_list	 tags;		/* --tag, each */
	const char		*contract;	/* audit --contract; link CODE */
	const char		*ont;		/* audit --ont */
	const char		*olt;		/* audit --olt */
	bool			 csv;
	bool			 markdown;
};

#define IA(m) offsetof(struct inv_args, m)

/* Prints obj's fields as aligned "field value" lines. */
void vi_print_fields(enum inv_kind k, const void *obj);
/* Sets field 0 of the record in a->f (its name or code) from a->key when
   given, checked as label.  EXIT_OK, or EXIT_USAGE after printing why. */
int vi_key_field(struct inv_args *a, enum inv_kind k, const char *label);

#endif
