/*
 * paths.c — XDG base directories for the database, config and logs.
 *
 * Pure functions over the environment; called by the verbs and the console
 * on the main thread before anything is opened.
 */
#include "core/paths.h"
#include "lib/util.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Returns $var/oltui[/file] or $HOME/fallback/oltui[/file]. */
static char *
xdg_path(const char *var, const char *fallback, const char *file, char **cause)
{
	const char *base = getenv(var), *home;

	if (base != NULL && base[0] == '/')
		return file ? xasprintf("%s/oltui/%s", base, file) :
		    xasprintf("%s/oltui", base);
	home = getenv("HOME");
	if (home == NULL || home[0] == '\0') {
		set_cause(cause, "neither %s nor HOME is set: pass the path "
		    "explicitly (--db, --config-dir)", var);
		return NULL;
	}
	return file ? xasprintf("%s/%s/oltui/%s", home, fallback, file) :
	    xasprintf("%s/%s/oltui", home, fallback);
}

char *
paths_db(const char *override, char **cause)
{
	if (override != NULL && override[0] != '\0')
		return xstrdup(override);
	return xdg_path("XDG_DATA_HOME", ".local/share", "oltui.db", cause);
}

char *
paths_config_dir(const char *override, char **cause)
{
	if (override != NULL && override[0] != '\0')
		return xstrdup(override);
	return xdg_path("XDG_CONFIG_HOME", ".config", NULL, cause);
}

char *
paths_state_dir(char **cause)
{
	return xdg_path("XDG_STATE_HOME", ".local/state", NULL, cause);
}

int
paths_make_dir(const char *dir, char **cause)
{
	char *p = xstrdup(dir);

	for (char *s = p + 1; ; s++) {
		if (*s == '/' || *s == '\0') {
			char c = *s;

			*s = '\0';
			if (mkdir(p, 0700) == -1 && errno != EEXIST) {
				set_cause(cause, "cannot create directory %s: %s",
				    p, strerror(errno));
				free(p);
				return -1;
			}
			*s = c;
			if (c == '\0')
				break;
		}
	}
	free(p);
	return 0;
}

int
paths_make_parent(const char *file, char **cause)
{
	char *dir = xstrdup(file), *slash = strrchr(dir, '/');
	int rc = 0;

	if (slash != NULL && slash != dir) {
		*slash = '\0';
		rc = paths_make_dir(dir, cause);
	}
	free(dir);
	return rc;
}
