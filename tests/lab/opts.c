/*
 * opts.c — oltsim's options: defaults, `--key value` / `key = value`
 * parsing shared by the command line (main.c) and --config files.
 *
 * One table (opt_defs) names every option, says whether it takes a value
 * and gives its help line; lab_opt_set() applies one.  Values are checked
 * here with messages naming the option and the accepted range.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/lab/lab.h"

struct opt_def {
	const char	*key;
	bool		 value;		/* takes a value */
	const char	*help;
};

static const struct opt_def opt_defs[] = {
	{ "huawei",	true,	"N        Huawei OLTs (SSH CLI)            [1]" },
	{ "zte",	true,	"N        ZTE OLTs (Telnet CLI)            [1]" },
	{ "boards",	true,	"B        PON boards per OLT               [1]" },
	{ "pons",	true,	"P        PON ports per board (1-16)       [2]" },
	{ "onts",	true,	"K        ONTs per PON port (0-128)        [8]" },
	{ "seed",	true,	"S        seed of everything generated     [1]" },
	{ "base-port",	true,	"PORT     first port; each OLT takes 2 (0 = any free) [0]" },
	{ "latency",	true,	"MS       added before each CLI answer     [0]" },
	{ "config",	true,	"FILE     read `key = value` lines (these keys)" },
	{ "ctl",	true,	"SOCKET   control socket [$XDG_RUNTIME_DIR or /tmp/oltsim-PID.sock]" },
	{ "host-key",	true,	"FILE     SSH host key (ed25519 private key) [generated]" },
	{ "tick-ms",	true,	"MS       life step period                 [1000]" },
	{ "no-life",	false,	"         no life thread (ctl `tick` still steps)" },
	{ "stdio",	false,	"         one CLI session on stdin/stdout" },
	{ "persona",	true,	"NAME     huawei or zte, for --stdio" },
	{ "echo",	false,	"         --stdio: echo typed characters" },
	{ "no-echo",	false,	"         --stdio: never echo" },
	{ "login",	false,	"         --stdio: in-band login for Huawei too" },
};

/* Sets the defaults. */
void
lab_opts_init(struct lab_opts *o)
{
	memset(o, 0, sizeof *o);
	o->fleet.huawei = 1;
	o->fleet.zte = 1;
	o->fleet.boards = 1;
	o->fleet.pons = 2;
	o->fleet.onts = 8;
	o->fleet.seed = 1;
	o->tick_ms = 1000;
	o->echo = -1;
}

/* Frees the strings. */
void
lab_opts_free(struct lab_opts *o)
{
	free(o->host_key);
	free(o->ctl_path);
	free(o->persona);
}

/* True when key takes a value. */
bool
lab_opt_has_value(const char *key)
{
	size_t i;

	for (i = 0; i < nitems(opt_defs); i++)
		if (strcmp(opt_defs[i].key, key) == 0)
			return opt_defs[i].value;
	return false;
}

/* Parses a number option into *out. */
static int
num_opt(const char *key, const char *val, long min, long max, int *out, char **cause)
{
	long n;

	if (val == NULL || parse_long(val, min, max, &n) != 0) {
		set_cause(cause, "--%s wants a number from %ld to %ld, not '%s'", key, min, max,
		    val != NULL ? val : "");
		return -1;
	}
	*out = (int)n;
	return 0;
}

/* Parses a flag written in a config file ("true", "yes", "1", …). */
static int
flag_opt(const char *key, const char *val, bool *out, char **cause)
{
	if (val == NULL || strcmp(val, "true") == 0 || strcmp(val, "yes") == 0 ||
	    strcmp(val, "on") == 0 || strcmp(val, "1") == 0)
		*out = true;
	else if (strcmp(val, "false") == 0 || strcmp(val, "no") == 0 ||
	    strcmp(val, "off") == 0 || strcmp(val, "0") == 0)
		*out = false;
	else {
		set_cause(cause, "%s wants true or false, not '%s'", key, val);
		return -1;
	}
	return 0;
}

/* Applies one option. */
int
lab_opt_set(struct lab_opts *o, const char *key, const char *val, char **cause)
{
	int seed, n;
	bool b;

	if (strcmp(key, "huawei") == 0)
		return num_opt(key, val, 0, 1000, &o->fleet.huawei, cause);
	if (strcmp(key, "zte") == 0)
		return num_opt(key, val, 0, 1000, &o->fleet.zte, cause);
	if (strcmp(key, "boards") == 0)
		return num_opt(key, val, 1, 16, &o->fleet.boards, cause);
	if (strcmp(key, "pons") == 0)
		return num_opt(key, val, 1, 16, &o->fleet.pons, cause);
	if (strcmp(key, "onts") == 0)
		return num_opt(key, val, 0, SIM_MAX_ONTS, &o->fleet.onts, cause);
	if (strcmp(key, "seed") == 0) {
		if (num_opt(key, val, 0, 2147483647L, &seed, cause) != 0)
			return -1;
		o->fleet.seed = (uint32_t)seed;
		return 0;
	}
	if (strcmp(key, "base-port") == 0)
		return num_opt(key, val, 0, 65535, &o->fleet.base_port, cause);
	if (strcmp(key, "latency") == 0)
		return num_opt(key, val, 0, 600000, &o->fleet.latency_ms, cause);
	if (strcmp(key, "tick-ms") == 0)
		return num_opt(key, val, 1, 3600000, &o->tick_ms, cause);
	if (strcmp(key, "config") == 0)
		return lab_opts_load(o, val, cause);
	if (strcmp(key, "ctl") == 0 || strcmp(key, "host-key") == 0 || strcmp(key, "persona") == 0) {
		char **dst = key[0] == 'c' ? &o->ctl_path : key[0] == 'h' ? &o->host_key : &o->persona;

		if (val == NULL || *val == '\0') {
			set_cause(cause, "--%s wants a value", key);
			return -1;
		}
		free(*dst);
		*dst = xstrdup(val);
		return 0;
	}
	if (strcmp(key, "no-life") == 0)
		return flag_opt(key, val, &o->no_life, cause);
	if (strcmp(key, "stdio") == 0)
		return flag_opt(key, val, &o->stdio, cause);
	if (strcmp(key, "login") == 0)
		return flag_opt(key, val, &o->login, cause);
	if (strcmp(key, "echo") == 0 || strcmp(key, "no-echo") == 0) {
		if (flag_opt(key, val, &b, cause) != 0)
			return -1;
		n = b ? 1 : 0;
		o->echo = key[0] == 'e' ? n : !n;
		return 0;
	}
	set_cause(cause, "unknown option '%s' (oltsim --help lists them)", key);
	return -1;
}

/* Reads a config file of `key = value` lines. */
int
lab_opts_load(struct lab_opts *o, const char *path, char **cause)
{
	static int depth;
	FILE *fp;
	char line[1024];
	int lineno = 0, rc = 0;

	if (path == NULL || (fp = fopen(path, "r")) == NULL) {
		set_cause(cause, "cannot read config %s: %s", path ? path : "", strerror(errno));
		return -1;
	}
	if (++depth > 4) {
		set_cause(cause, "config files include each other too deeply (%s)", path);
		depth--;
		fclose(fp);
		return -1;
	}
	while (rc == 0 && fgets(line, sizeof line, fp) != NULL) {
		char *p = str_trim(line), *eq, *key, *val;
		char *err = NULL;

		lineno++;
		if (*p == '\0' || *p == '#')
			continue;
		if ((eq = strchr(p, '=')) != NULL) {
			*eq = '\0';
			key = str_trim(p);
			val = str_trim(eq + 1);
		} else {
			key = p;
			val = NULL;
		}
		if (lab_opt_set(o, key, val, &err) != 0) {
			set_cause(cause, "%s:%d: %s", path, lineno, err);
			free(err);
			rc = -1;
		}
	}
	fclose(fp);
	depth--;
	return rc;
}

/* Prints one help line per option. */
void
lab_opts_usage(FILE *fp)
{
	size_t i;

	for (i = 0; i < nitems(opt_defs); i++)
		fprintf(fp, "  --%-10s %s\n", opt_defs[i].key, opt_defs[i].help);
}
