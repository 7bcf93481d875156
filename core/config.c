/*
 * config.c — the key table and the INI reader (see config.h).
 *
 * Values are kept as validated text, one slot per key of the table, and
 * converted by the typed getters; a struct config is read-only after load
 * and can be shared between threads.
 */
#include "core/config.h"
#include "core/paths.h"
#include "lib/text.h"
#include "lib/util.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

const struct config_key config_keys[] = {
	{ "poll.sweep_interval_s", CFG_INT, "300", 60, 86400,
	  "seconds between fleet sweeps of one OLT (ONT states and Rx, by SNMP bulk walks)" },
	{ "poll.live_interval_s", CFG_INT, "5", 1, 60,
	  "seconds between reads of the one ONT a technician is looking at" },
	{ "poll.jitter_pct", CFG_INT, "20", 0, 50,
	  "random spread added to every interval, in percent, so OLTs are not polled in step" },
	{ "poll.snmp_max_repetitions", CFG_INT, "20", 1, 100,
	  "max-repetitions of each SNMP GETBULK (bounded: weak OLT CPUs)" },
	{ "poll.snmp_requests_per_s", CFG_INT, "20", 1, 1000,
	  "budget of SNMP requests per second per OLT (one request in flight per OLT)" },
	{ "poll.snmp_timeout_ms", CFG_INT, "2000", 100, 60000,
	  "milliseconds to wait for one SNMP answer" },
	{ "poll.snmp_retries", CFG_INT, "1", 0, 5,
	  "SNMP retries after a timeout" },
	{ "poll.snmp_budget_per_sweep", CFG_INT, "2000", 10, 1000000,
	  "most SNMP requests one sweep of one OLT may send (2,048 ONTs take about 100)" },
	{ "history.raw_hours", CFG_INT, "48", 1, 8760,
	  "hours raw signal samples are kept before they are folded into 5-minute averages" },
	{ "history.fine_days", CFG_INT, "30", 1, 3650,
	  "days 5-minute averages are kept before they are folded into hourly ones" },
	{ "history.keep_days", CFG_INT, "365", 1, 3650,
	  "days of signal history kept in all; older samples are pruned" },
	{ "thresholds.rx_warning_dbm", CFG_REAL, "-25", -50, 0,
	  "ONU Rx (dBm) below which an ONT raises a warning (override per OLT for C+ optics)" },
	{ "thresholds.rx_critical_dbm", CFG_REAL, "-28", -50, 0,
	  "ONU Rx (dBm) below which the alarm is critical" },
	{ "thresholds.rx_overload_dbm", CFG_REAL, "-8", -50, 10,
	  "ONU Rx (dBm) above which the receiver is overloaded" },
	{ "thresholds.olt_rx_warning_dbm", CFG_REAL, "-28", -50, 0,
	  "OLT Rx from an ONT (dBm) below which the upstream raises a warning" },
	{ "thresholds.olt_rx_critical_dbm", CFG_REAL, "-30", -50, 0,
	  "OLT Rx from an ONT (dBm) below which the upstream alarm is critical" },
	{ "thresholds.hysteresis_db", CFG_REAL, "1", 0, 10,
	  "dB a level must come back past its threshold before its alarm clears" },
	{ "thresholds.temperature_high_c", CFG_REAL, "70", 20, 150,
	  "board temperature (C) above which an OLT raises temperature_high" },
	{ "metrics.textfile", CFG_PATH, "", 0, 0,
	  "path of a Prometheus textfile (node_exporter collector) rewritten after each sweep; empty: none" },
	{ "metrics.push_url", CFG_URL, "", 0, 0,
	  "Pushgateway (…/metrics/job/oltui) or VictoriaMetrics import URL to push metrics to; empty: none" },
	{ "metrics.push_ca_file", CFG_PATH, "", 0, 0,
	  "PEM file of the CA that signed the push URL's certificate (a private CA); empty: the system's CAs" },
	{ "acs.url", CFG_URL, "", 0, 0,
	  "GenieACS NBI base URL, e.g. http://acs.example:7557 (empty: no TR-069)" },
	{ "acs.user", CFG_LOGIN, "", 0, 0,
	  "user for the ACS's basic authentication (its password: `oltui acs password`, sealed in the vault); empty: none" },
	{ "acs.insecure", CFG_BOOL, "false", 0, 0,
	  "turn TLS certificate and host name verification OFF for the ACS (a test ACS with a self-signed certificate); every ACS command then warns" },
	{ "acs.ca_file", CFG_PATH, "", 0, 0,
	  "PEM file of the CA that signed the ACS's certificate (a private CA), checked instead of the system's CAs; empty: the system's" },
	{ "acs.connect_timeout_s", CFG_INT, "5", 1, 120,
	  "seconds to wait for a connection to the ACS" },
	{ "acs.timeout_s", CFG_INT, "30", 1, 600,
	  "seconds a TR-069 task may wait for the device (connection request)" },
	{ "acs.max_concurrent", CFG_INT, "10", 1, 200,
	  "TR-069 tasks in flight at once in mass actions" },
	{ "ui.theme", CFG_WORD, "default", 0, 0,
	  "colour theme: a name from themes/ or the config directory (default, mono, light, ...)" },
	{ "ui.ascii", CFG_BOOL, "false", 0, 0,
	  "draw with plain ASCII instead of UTF-8 / ACS line drawing" },
	{ "ui.stale_after_s", CFG_INT, "900", 10, 86400,
	  "age after which a cached value is shown as stale" },
	{ "session.max_per_olt", CFG_INT, "2", 1, 8,
	  "CLI sessions open at once to one OLT" },
	{ "session.command_timeout_s", CFG_INT, "30", 1, 600,
	  "seconds one CLI command may take before it fails" },
	{ "session.idle_close_s", CFG_INT, "120", 5, 3600,
	  "seconds an idle CLI session stays open for reuse" },
	{ "session.keepalive_s", CFG_INT, "60", 5, 3600,
	  "seconds between keepalives on an idle session" },
	{ "session.reconnect_max_s", CFG_INT, "300", 1, 3600,
	  "longest back-off between reconnect attempts" },
	{ "session.breaker_failures", CFG_INT, "3", 1, 100,
	  "consecutive failures after which an OLT is marked unreachable" },
	{ "jobs.workers", CFG_INT, "4", 1, 64,
	  "worker threads running polls and actions" },
};
const size_t config_nkeys = nitems(config_keys);

struct config {
	char	*path;
	char	*values[nitems(config_keys)];
	bool	 set[nitems(config_keys)];
};

/* Index of key name, or -1. */
static int
key_index(const char *name)
{
	for (size_t i = 0; i < config_nkeys; i++)
		if (strcmp(config_keys[i].name, name) == 0)
			return (int)i;
	return -1;
}

/* Index of name; aborts when it is not a key (a programming error). */
static size_t
key_must(const char *name)
{
	int i = key_index(name);

	if (i < 0) {
		fprintf(stderr, "oltui: internal error: no config key %s\n", name);
		abort();
	}
	return (size_t)i;
}

/* The value of key name in c, or its default when c is NULL. */
static const char *
key_value(const struct config *c, const char *name)
{
	size_t i = key_must(name);

	return c != NULL ? c->values[i] : config_keys[i].def;
}

/* Formats a range bound without a useless ".0". */
static void
fmt_num(char *out, size_t size, double v)
{
	snprintf(out, size, "%g", v);
}

int
config_check(const struct config_key *k, const char *value, char **cause)
{
	char lo[32], hi[32], *end;
	long l;
	double d;

	if (str_has_control(value)) {
		set_cause(cause, "%s: control characters are not allowed", k->name);
		return -1;
	}
	if (text_check(k->name, value, cause) != 0)
		return -1;
	fmt_num(lo, sizeof lo, k->min);
	fmt_num(hi, sizeof hi, k->max);
	switch (k->type) {
	case CFG_INT:
		if (parse_long(value, (long)k->min, (long)k->max, &l) == -1) {
			set_cause(cause, "%s: must be a whole number from %s to %s",
			    k->name, lo, hi);
			return -1;
		}
		return 0;
	case CFG_REAL:
		errno = 0;
		d = strtod(value, &end);
		if (value[0] == '\0' || *end != '\0' || errno != 0 || isnan(d) ||
		    d < k->min || d > k->max) {
			set_cause(cause, "%s: must be a number from %s to %s",
			    k->name, lo, hi);
			return -1;
		}
		return 0;
	case CFG_BOOL:
		if (strcmp(value, "true") && strcmp(value, "false") &&
		    strcmp(value, "yes") && strcmp(value, "no") &&
		    strcmp(value, "1") && strcmp(value, "0")) {
			set_cause(cause, "%s: must be true or false", k->name);
			return -1;
		}
		return 0;
	case CFG_WORD:
		if (value[0] == '\0' || strlen(value) > 32 ||
		    strspn(value, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
		    "0123456789._-") != strlen(value)) {
			set_cause(cause, "%s: must be 1 to 32 of A-Z a-z 0-9 . _ -",
			    k->name);
			return -1;
		}
		return 0;
	case CFG_LOGIN:
		if (strlen(value) > 64 || strpbrk(value, " :") != NULL) {
			set_cause(cause, "%s: must be empty or a login of at most 64 "
			    "characters, without spaces or ':'", k->name);
			return -1;
		}
		return 0;
	case CFG_PATH:
		if (value[0] != '\0' && (value[0] != '/' || strlen(value) > 255 ||
		    str_has_control(value))) {
			set_cause(cause, "%s: must be an absolute path (or empty)", k->name);
			return -1;
		}
		return 0;
	case CFG_URL:
		if (value[0] != '\0' && ((!str_startswith(value, "http://") &&
		    !str_startswith(value, "https://")) || strchr(value, ' ') != NULL ||
		    strlen(value) > 255)) {
			set_cause(cause, "%s: must be empty or an http:// or https:// URL",
			    k->name);
			return -1;
		}
		return 0;
	}
	return -1;
}

struct config *
config_defaults(void)
{
	struct config *c = xcalloc(1, sizeof *c);

	for (size_t i = 0; i < config_nkeys; i++)
		c->values[i] = xstrdup(config_keys[i].def);
	return c;
}

void
config_free(struct config *c)
{
	if (c == NULL)
		return;
	for (size_t i = 0; i < config_nkeys; i++)
		free(c->values[i]);
	free(c->path);
	free(c);
}

const char *
config_path(const struct config *c)
{
	return c->path;
}

/* Drops one pair of surrounding double quotes. */
static char *
unquote(char *v)
{
	size_t n = strlen(v);

	if (n >= 2 && v[0] == '"' && v[n - 1] == '"') {
		v[n - 1] = '\0';
		return v + 1;
	}
	return v;
}

int
config_parse(struct config *c, const char *text, const char *name, char **cause)
{
	char **lines, section[64] = "", *why = NULL;
	size_t n, set_on[sizeof config_keys / sizeof config_keys[0]] = { 0 };
	int rc = 0;

	/* A UTF-8 byte order mark (Windows editors write one) is not a key. */
	if (strncmp(text, "\xef\xbb\xbf", 3) == 0)
		text += 3;
	n = str_split_lines(text, &lines);

	for (size_t i = 0; i < n && rc == 0; i++) {
		char *l = str_trim(lines[i]), *eq, *key, *val, full[160];
		int k;

		if (l[0] == '\0' || l[0] == '#' || l[0] == ';')
			continue;
		if (l[0] == '[') {
			size_t len = strlen(l);

			if (l[len - 1] != ']' || len - 2 >= sizeof section || len < 3) {
				set_cause(cause, "%s line %zu: a section header is "
				    "[name]", name, i + 1);
				rc = -1;
				break;
			}
			memcpy(section, l + 1, len - 2);
			section[len - 2] = '\0';
			str_trim(section);
			continue;
		}
		if ((eq = strchr(l, '=')) == NULL) {
			set_cause(cause, "%s line %zu: expected key = value", name, i + 1);
			rc = -1;
			break;
		}
		*eq = '\0';
		key = str_trim(l);
		val = unquote(str_trim(eq + 1));
		if (section[0] != '\0')
			snprintf(full, sizeof full, "%s.%s", section, key);
		else
			snprintf(full, sizeof full, "%s", key);
		if ((k = key_index(full)) < 0 && text_problem(full) != NULL) {
			/* The message goes to a terminal: the key is not quoted. */
			set_cause(cause, "%s line %zu: unknown key (it holds %s; the "
			    "keys are listed by `oltui config show`)", name, i + 1,
			    text_problem(full));
			rc = -1;
			break;
		}
		if (k < 0) {
			set_cause(cause, "%s line %zu: unknown key '%s' (the keys "
			    "are listed by `oltui config show`)", name, i + 1, full);
			rc = -1;
			break;
		}
		if (set_on[k] != 0) {
			/* Which one wins would be a guess: say so. */
			set_cause(cause, "%s line %zu: %s is already set on line %zu",
			    name, i + 1, full, set_on[k]);
			rc = -1;
			break;
		}
		set_on[k] = i + 1;
		if (config_check(&config_keys[k], val, &why) == -1) {
			set_cause(cause, "%s line %zu: %s", name, i + 1, why);
			free(why);
			rc = -1;
			break;
		}
		free(c->values[k]);
		c->values[k] = xstrdup(val);
		c->set[k] = true;
	}
	strv_free(lines, n);
	return rc;
}

struct config *
config_load(const char *dir, char **cause)
{
	char *d, *text;
	struct config *c;
	FILE *f;
	struct buf b = { 0 };
	struct stat sb;
	char chunk[4096];
	size_t got;

	if ((d = paths_config_dir(dir, cause)) == NULL)
		return NULL;
	c = config_defaults();
	c->path = xasprintf("%s/config.ini", d);
	free(d);
	if ((f = fopen(c->path, "r")) == NULL) {
		if (errno == ENOENT)
			return c;
		set_cause(cause, "cannot read %s: %s", c->path, strerror(errno));
		config_free(c);
		return NULL;
	}
	if (fstat(fileno(f), &sb) == 0 && !S_ISREG(sb.st_mode)) {
		set_cause(cause, "%s is not a file (a directory?): move it away or "
		    "make it the configuration file", c->path);
		fclose(f);
		config_free(c);
		return NULL;
	}
	while ((got = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_add(&b, chunk, got);
	if (ferror(f)) {
		set_cause(cause, "cannot read %s: %s", c->path, strerror(errno));
		fclose(f);
		buf_free(&b);
		config_free(c);
		return NULL;
	}
	fclose(f);
	text = buf_take(&b);
	if (config_parse(c, text, c->path, cause) == -1) {
		free(text);
		config_free(c);
		return NULL;
	}
	free(text);
	return c;
}

long
config_int(const struct config *c, const char *name)
{
	return strtol(key_value(c, name), NULL, 10);
}

double
config_real(const struct config *c, const char *name)
{
	return strtod(key_value(c, name), NULL);
}

bool
config_bool(const struct config *c, const char *name)
{
	const char *v = key_value(c, name);

	return strcmp(v, "true") == 0 || strcmp(v, "yes") == 0 || strcmp(v, "1") == 0;
}

const char *
config_str(const struct config *c, const char *name)
{
	return key_value(c, name);
}

bool
config_from_file(const struct config *c, size_t i)
{
	return i < config_nkeys && c->set[i];
}

const char *
config_value(const struct config *c, size_t i)
{
	return i < config_nkeys ? c->values[i] : NULL;
}

/* The allowed form of key k, for the documentation. */
static void
key_form(const struct config_key *k, char *out, size_t size)
{
	char lo[32], hi[32];

	fmt_num(lo, sizeof lo, k->min);
	fmt_num(hi, sizeof hi, k->max);
	switch (k->type) {
	case CFG_INT:
		snprintf(out, size, "whole number %s..%s", lo, hi);
		break;
	case CFG_REAL:
		snprintf(out, size, "number %s..%s", lo, hi);
		break;
	case CFG_BOOL:
		snprintf(out, size, "true / false");
		break;
	case CFG_WORD:
		snprintf(out, size, "name");
		break;
	case CFG_URL:
		snprintf(out, size, "http(s) URL or empty");
		break;
	case CFG_LOGIN:
		snprintf(out, size, "login or empty");
		break;
	case CFG_PATH:
		snprintf(out, size, "absolute path or empty");
		break;
	}
}

void
config_print_markdown(FILE *f)
{
	char form[96];

	fprintf(f, "| key | default | allowed | meaning |\n");
	fprintf(f, "|-----|---------|---------|---------|\n");
	for (size_t i = 0; i < config_nkeys; i++) {
		key_form(&config_keys[i], form, sizeof form);
		fprintf(f, "| `%s` | `%s` | %s | %s |\n", config_keys[i].name,
		    config_keys[i].def[0] != '\0' ? config_keys[i].def : "\"\"",
		    form, config_keys[i].doc);
	}
}
