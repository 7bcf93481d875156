/*
 * paths.h — where oltui keeps its files (XDG base directories).
 *
 *   database  --db PATH / OLTUI_DB, else $XDG_DATA_HOME/oltui/oltui.db
 *             ($XDG_DATA_HOME defaults to ~/.local/share)
 *   config    --config-dir DIR / OLTUI_CONFIG_DIR, else $XDG_CONFIG_HOME/oltui
 *             ($XDG_CONFIG_HOME defaults to ~/.config)
 *   logs      $XDG_STATE_HOME/oltui ($XDG_STATE_HOME defaults to ~/.local/state)
 *
 * Each function returns a newly allocated path the caller frees, or NULL and
 * a cause when neither the XDG variable nor $HOME is set.  A relative XDG
 * variable is ignored, as the specification says.
 */
#ifndef OLTUI_PATHS_H
#define OLTUI_PATHS_H

/* The database file: override if not NULL, else the XDG default. */
char *paths_db(const char *override, char **cause);
/* The configuration directory: override if not NULL, else the XDG default. */
char *paths_config_dir(const char *override, char **cause);
/* The log directory. */
char *paths_state_dir(char **cause);

/* Creates the directory that will hold file (and its parents) with mode
   0700 where missing.  0, or -1 and a cause. */
int paths_make_parent(const char *file, char **cause);
/* Creates dir and its parents with mode 0700 where missing. */
int paths_make_dir(const char *dir, char **cause);

#endif
