/*
 * template.h — vendor command templates: the text files that say which
 * commands a write sends, with typed placeholders every value is validated
 * against (validate.h) before it is substituted.
 *
 * A template is drivers/templates/<vendor>/<action>.tpl, optionally
 * overridden per OLT model by <vendor>/<model>/<action>.tpl.  One step per
 * line (docs/templates.md has the full format):
 *
 *	# comment
 *	MODE[ ARG] | command | undo-command [| flag]...
 *
 * MODE is priv, config, if ARG or onu ARG (ZTE pon-onu-mng); the undo runs
 * in the same mode unless an `undo_mode=MODE ARG` flag says otherwise.
 * Flags: confirm, undo_confirm, expect=TEXT, if=COND (VAR, !VAR, VAR==X,
 * VAR!=X; all must hold), undo_mode=....  Placeholders are {name:type}; a
 * [...] segment is dropped when one of its placeholders has no value.
 *
 * Search order for a template (first existing file wins; in each
 * directory the model-specific file before the generic one):
 *	$OLTUI_TEMPLATE_DIR, the override directory (template_set_override_dir,
 *	the user's <config-dir>/templates), OLTUI_DATADIR "/templates", the
 *	executable's directory + "/drivers/templates" (a source checkout).
 *
 * Threads: any.  engine_open() sets the override directory from the
 * engine's config directory; the lookup reads it under a lock.
 */
#ifndef OLTUI_TEMPLATE_H
#define OLTUI_TEMPLATE_H

#include <stdbool.h>
#include <stddef.h>

#include "drivers/driver.h"
#include "drivers/plan.h"

#define TPL_MAX_VARS 64

/* Named values for a template.  Owns its strings. */
struct tpl_vars {
	char	*name[TPL_MAX_VARS];
	char	*value[TPL_MAX_VARS];
	size_t	 n;
};

/* Sets (replaces) a variable; value NULL unsets it. */
void tpl_set(struct tpl_vars *v, const char *name, const char *value);
/* Sets a variable to a number. */
void tpl_seti(struct tpl_vars *v, const char *name, long value);
/* The value of a variable, NULL when unset. */
const char *tpl_get(const struct tpl_vars *v, const char *name);
void tpl_vars_free(struct tpl_vars *v);

/* Sets the user's override directory (the directory holding <vendor>/...;
   NULL = none).  The string is copied. */
void template_set_override_dir(const char *dir);

/* Finds <vendor>/[<model>/]<name> along the search order.  Returns the
   path (caller frees), or NULL with a cause listing where it looked. */
char *template_find(const char *vendor, const char *model, const char *name,
    char **cause);

/* Reads the template <driver>/[model/]action.tpl and appends its steps to
   p with vars substituted, each checked against its type and the driver's
   limits.  0, or -1 with a cause naming the file, the line and the
   placeholder or flag at fault (p may then hold some steps). */
int template_expand(const struct olt_driver *d, const char *model, const char *action,
    const struct tpl_vars *vars, struct plan *p, char **cause);
/* The same on a template's text; file is the name used in messages. */
int template_expand_text(const struct olt_driver *d, const char *file, const char *text,
    const struct tpl_vars *vars, struct plan *p, char **cause);
/* True when the driver has a template for action (model-specific or not). */
bool template_exists(const struct olt_driver *d, const char *model, const char *action);

/* Looks a key up in a map file vendor/[model/]name (lines "KEY VALUE",
   '#' comments): "up 100" -> "10".  0 and *out (caller frees), or -1 with
   a cause naming the file and the keys it has. */
int template_map(const char *vendor, const char *model, const char *name,
    const char *key, char **out, char **cause);

#endif
