/*
 * config.h — config.ini: poll intervals, thresholds, the ACS, the theme,
 * session limits.
 *
 * Every key is one entry of the const table config_keys[] (name, type,
 * default, allowed range, one line of documentation); `oltui config show`,
 * docs/config.md (`oltui config show --markdown`) and the parser all read
 * that table, so they cannot disagree.
 *
 * The file is INI: `[section]` headers and `key = value` lines; the full
 * name of a key is "section.key".  '#' or ';' start a comment line.  A
 * missing file means every default.  An unknown key, a bad value or a
 * malformed line is an error naming the file, the line and the allowed form,
 * so a typo never silently falls back to a default.
 */
#ifndef OLTUI_CONFIG_H
#define OLTUI_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

enum config_type { CFG_INT, CFG_REAL, CFG_BOOL, CFG_WORD, CFG_URL, CFG_PATH, CFG_LOGIN };

struct config_key {
	const char	*name;		/* "poll.sweep_interval_s" */
	enum config_type type;
	const char	*def;		/* default, as written in the file */
	double		 min, max;	/* CFG_INT / CFG_REAL range */
	const char	*doc;		/* one line */
};

extern const struct config_key config_keys[];
extern const size_t config_nkeys;

struct config;

/* Reads dir/config.ini (dir NULL: the XDG default).  A missing file gives
   the defaults.  Returns NULL and a cause ("FILE line N: ...") on error. */
struct config *config_load(const char *dir, char **cause);
/* The defaults only. */
struct config *config_defaults(void);
/* Parses INI text (name is used in messages).  0, or -1 and a cause. */
int config_parse(struct config *c, const char *text, const char *name, char **cause);
void config_free(struct config *c);

/* The path config_load read (or would have read); NULL for defaults. */
const char *config_path(const struct config *c);

/* Typed getters.  name must be a key of config_keys (else abort: a
   programming error).  c may be NULL: the key's default is returned, so
   code that runs without a config file needs no defaults of its own. */
long config_int(const struct config *c, const char *name);
double config_real(const struct config *c, const char *name);
bool config_bool(const struct config *c, const char *name);
const char *config_str(const struct config *c, const char *name);
/* Whether key i of config_keys was set by the file. */
bool config_from_file(const struct config *c, size_t i);
/* The value of key i as text. */
const char *config_value(const struct config *c, size_t i);

/* Checks value against key k; 0, or -1 and a cause naming the allowed form. */
int config_check(const struct config_key *k, const char *value, char **cause);

/* Prints the key table as Markdown (docs/config.md is made of it). */
void config_print_markdown(FILE *f);

#endif
