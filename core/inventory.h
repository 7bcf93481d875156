/*
 * inventory.h — what a technician (or a billing system) keeps in oltui:
 * OLTs, contracts, service profiles and ONT -> contract links; the functions
 * both the headless verbs and the console call to change them.
 *
 * Every field of every kind is one entry of a const table (name, form,
 * limits).  The same table drives the verbs' options (`--snmp-port` is the
 * field snmp_port), import and export columns (CSV header / JSON keys), the
 * JSON of `list`/`show`, and the error messages, which always name the
 * field and the allowed form: "--vlan: must be a whole number from 1 to
 * 4094", "line 4: vlan: must be ...".  No text field accepts control
 * characters; names are [A-Za-z0-9._-]{1,32}.
 *
 * Writes validate everything first and then write in one transaction, so
 * bad input leaves the database as it was.  Each change is one audit entry
 * ("olt add", "import FILE", ...).  Passwords and communities are sealed by
 * the vault before they reach the store; they never appear in exports.
 */
#ifndef OLTUI_INVENTORY_H
#define OLTUI_INVENTORY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/model.h"
#include "lib/err.h"
#include "lib/util.h"

struct store;
struct vault;
struct cJSON;

enum inv_kind { INV_OLT, INV_CONTRACT, INV_PROFILE, INV_LINK };
#define INV_KINDS 4

/* An ONT -> contract link. */
struct inv_link {
	char	sn[SN_MAX_LEN + 1];
	char	contract[NAME_MAX_LEN + 1];
};

/* "olt", "contract", "profile", "link". */
const char *inv_kind_name(enum inv_kind k);
/* The struct a kind is stored in: struct olt, contract, profile, inv_link. */
size_t inv_kind_size(enum inv_kind k);

/* The fields of a kind, in table order: count, name of field i ("snmp_port"),
   its option ("--snmp-port"), whether the field is a number in JSON. */
size_t inv_nfields(enum inv_kind k);
const char *inv_field_name(enum inv_kind k, size_t i);
const char *inv_field_flag(enum inv_kind k, size_t i);
/* Index of the field called name or with option name, or -1. */
int inv_field_find(enum inv_kind k, const char *name);
/* One line saying what field i is ("its management address"), for --help
   and the man page. */
const char *inv_field_doc(enum inv_kind k, size_t i);
/* The form of field i's value as --help shows it: "N", "HOST",
   "ssh|telnet"...  Into out. */
void inv_field_form(enum inv_kind k, size_t i, char *out, size_t size);
/* True when field i must be given to add a record of kind k. */
bool inv_field_required(enum inv_kind k, size_t i);

/* Sets obj's defaults (SNMP port 161, contract active, WAN none, ...). */
void inv_init(enum inv_kind k, void *obj);
/* Sets field i of obj from text, marking bit i of *set.  On error fills
   cause with "<label>: must be ..." (label: the field name prefixed with
   prefix, e.g. "--" for options, "" for import) and returns -1. */
int inv_set(enum inv_kind k, void *obj, uint32_t *set, size_t i,
    const char *value, const char *prefix, char **cause);
/* Checks that the required fields are set (or were set before: have) and
   fills the driver's defaults (its transport and port).  0 or -1. */
int inv_complete(enum inv_kind k, void *obj, uint32_t set, const char *prefix,
    char **cause);
/* Field i of obj as text (into out). */
void inv_get(enum inv_kind k, const void *obj, size_t i, char *out, size_t size);
/* obj as a JSON object of its fields (no secrets); the caller deletes it. */
struct cJSON *inv_to_json(enum inv_kind k, const void *obj);

/* Validators, shared with the verbs.  0, or -1 and "<label>: must be...". */
int inv_check_name(const char *label, const char *v, char **cause);
int inv_check_sn(const char *label, const char *v, char **cause);

/* ---- Changes (each validated, audited, one transaction) ---- */

/* Adds OLT o.  password and community (may be NULL) are sealed with v;
   v may be NULL only when both are NULL. */
int inv_olt_add(struct store *st, struct vault *v, struct olt *o,
    const char *password, const char *community, char **cause);
/* Changes the fields of OLT name marked in set (taken from changes), and
   the password / community when not NULL (v then required).  An empty
   password or community removes it.  0, or -1 with *err: ERR_USAGE for an
   OLT oltui does not know or a bad value, ERR_INTERNAL otherwise. */
int inv_olt_edit(struct store *st, struct vault *v, const char *name,
    const struct olt *changes, uint32_t set, const char *password,
    const char *community, struct err *err);
/* Removes OLT name and what is stored under it.  0, or -1 with *err
   (ERR_USAGE: no such OLT). */
int inv_olt_remove(struct store *st, const char *name, struct err *err);
int inv_contract_add(struct store *st, struct contract *c, char **cause);
int inv_profile_add(struct store *st, struct profile *p, char **cause);
/* Links the ONT with serial sn (any printed form; an ONT the database
   knows) to the contract code, replacing its previous link: one audit
   entry "ont link" naming the ONT, its OLT and the contract (none when the
   link was there already).  was (may be NULL) gets the contract it was
   linked to before, "" for none.  0, or -1 with *err: ERR_USAGE naming
   the serial or the contract oltui does not know, ERR_INTERNAL for the
   database. */
int inv_link(struct store *st, const char *sn, const char *code,
    char was[NAME_MAX_LEN + 1], struct err *err);
/* Removes the link of the ONT with serial sn, audited as "ont unlink"
   the same way; was gets the contract it had.  0, or -1 with *err:
   ERR_USAGE for an unknown serial, ERR_REFUSED when the ONT has no link,
   ERR_INTERNAL for the database. */
int inv_unlink(struct store *st, const char *sn, char was[NAME_MAX_LEN + 1],
    struct err *err);

/* What an import did. */
struct inv_counts {
	int	added[INV_KINDS];
	int	updated[INV_KINDS];
};

/* Imports path (.csv or .json, see docs/inventory.md): every row is
   validated, then all are written in one transaction; any bad row writes
   nothing and the cause names the line and the field.  Rows for existing
   names (codes, serials) update them; OLT secrets are kept. */
int inv_import(struct store *st, const char *path, struct inv_counts *counts,
    char **cause);
/* Parses text (CSV or JSON by content) under name; same as inv_import. */
int inv_import_text(struct store *st, const char *text, const char *name,
    struct inv_counts *counts, char **cause);
/* Appends the inventory (OLTs without secrets, contracts, profiles, links)
   to out as CSV (one table, a "type" column first) or JSON. */
int inv_export(struct store *st, bool json, struct buf *out, char **cause);

#endif
