/*
 * verb_inv.h — what the inventory verb files share (verb_inventory.c,
 * verb_records.c): argument parsing against the field tables, opening the
 * store, printing.  Not for other modules.
 */
#ifndef OLTUI_VERB_INV_H
#define OLTUI_VERB_INV_H

#include <stdbool.h>
#include <stdint.h>

#include "core/inventory.h"
#include "lib/util.h"
#include "tui/verbs/verb.h"

struct store;
struct cJSON;

#define MAX_POS 4

/* What a verb's command line said, beyond the entity's own fields. */
struct args {
	const char	*verb;		/* "olt add", for messages */
	const char	*pos[MAX_POS];	/* positional arguments */
	int		 npos;
	bool		 json;
	bool		 csv;
	bool		 markdown;
	bool		 ask_password;
	const char	*password_file;
	const char	*community_file;
	const char	*filter[3];	/* audit: contract, ont, olt */
	struct buf	 tags;		/* --tag, comma-joined */
};

extern const char *const vi_opts_export[];
extern const char *const vi_opts_audit[];
extern const char *const vi_opts_config[];
extern const char *const vi_opts_none[];

/* Parses argv[first..] into a; entity options (kind >= 0) are set into obj
   through inv_set, marking *set.  0, or EXIT_USAGE after printing why. */
int vi_parse_args(struct args *a, int argc, char **argv, int first, int kind,
    void *obj, uint32_t *set, const char *const *opts);
/* Opens the store the globals name; prints why and returns NULL on error. */
struct store *vi_open_store(const struct globals *g, const char *verb);
/* Prints "oltui VERB: cause", frees cause, returns EXIT_FAIL. */
int vi_fail(const char *verb, char *cause);
/* Prints and deletes a JSON document. */
void vi_print_json(struct cJSON *j);
/* Prints obj's fields as aligned "field value" lines. */
void vi_print_fields(enum inv_kind k, const void *obj);

/* The verbs of verb_records.c. */
int vi_verb_contract(int argc, char **argv, const struct globals *g);
int vi_verb_profile(int argc, char **argv, const struct globals *g);
int vi_verb_import(int argc, char **argv, const struct globals *g);
int vi_verb_export(int argc, char **argv, const struct globals *g);
int vi_verb_audit(int argc, char **argv, const struct globals *g);
int vi_verb_config(int argc, char **argv, const struct globals *g);

#endif
