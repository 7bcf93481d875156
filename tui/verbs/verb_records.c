/*
 * verb_records.c — the inventory verbs that need no vault: contract,
 * profile, import, export, audit, config.  Listed in verbs_inventory[]
 * (verb_inventory.c); same conventions: validate before opening the
 * database, text or --json on stdout, exit 0 / 1 refused or failed /
 * 2 usage.  Main thread only.
 */
#include "tui/verbs/verb_inv.h"
#include "tui/verbs/verb_write.h"
#include "core/audit.h"
#include "core/config.h"
#include "core/store.h"

#include <cjson/cJSON.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Prints a usage error from cause and frees it. */
static int
usage_cause(const char *verb, char *cause)
{
	verb_usage_error(verb, "%s", cause);
	free(cause);
	return EXIT_USAGE;
}

/* Reads the contract or profile called key; 1, 0 or -1. */
static int
record_get(struct store *st, enum inv_kind k, const char *key, void *out,
    char **cause)
{
	if (k == INV_CONTRACT)
		return store_contract_by_code(st, key, out, cause);
	return store_profile_by_name(st, key, out, cause);
}

/* contract|profile add KEY [--field value]... */
static int
record_add(int argc, char **argv, const struct globals *g, struct args *a,
    enum inv_kind k)
{
	union { struct contract c; struct profile p; } u;
	uint32_t set = 0;
	struct store *st;
	char *cause = NULL;
	int rc;

	inv_init(k, &u);
	if ((rc = vi_parse_args(a, argc, argv, 2, k, &u, &set, vi_opts_none)) != 0)
		return rc;
	if (a->npos > 1)
		return verb_usage_error(a->verb, "one %s only (got '%s')",
		    k == INV_CONTRACT ? "CODE" : "NAME", a->pos[1]);
	if (a->npos == 1 && (inv_check_name(k == INV_CONTRACT ? "CODE" : "NAME",
	    a->pos[0], &cause) == -1 || inv_set(k, &u, &set, 0, a->pos[0], "",
	    &cause) == -1))
		return usage_cause(a->verb, cause);
	if (inv_complete(k, &u, set, "--", &cause) == -1)
		return usage_cause(a->verb, cause);
	if ((st = vi_open_store(g, a->verb)) == NULL)
		return EXIT_FAIL;
	rc = k == INV_CONTRACT ? inv_contract_add(st, &u.c, &cause) :
	    inv_profile_add(st, &u.p, &cause);
	store_close(st);
	if (rc == -1)
		return vi_fail(a->verb, cause);
	if (a->json || g->json)
		vi_print_json(inv_to_json(k, &u));
	else
		printf("added %s %s\n", inv_kind_name(k), k == INV_CONTRACT ?
		    u.c.code : u.p.name);
	return EXIT_OK;
}

/* Prints a contract's linked ONTs (text or into j). */
static void
contract_onts(struct store *st, const char *code, cJSON *j)
{
	char (*sns)[SN_MAX_LEN + 1] = NULL;
	size_t n = 0;

	if (store_contract_onts(st, code, &sns, &n, NULL) == -1)
		n = 0;
	if (j != NULL) {
		cJSON *arr = cJSON_AddArrayToObject(j, "onts");

		for (size_t i = 0; i < n; i++)
			cJSON_AddItemToArray(arr, cJSON_CreateString(sns[i]));
	} else {
		printf("%-16s", "onts");
		for (size_t i = 0; i < n; i++)
			printf(" %s", sns[i]);
		printf("%s\n", n == 0 ? " -" : "");
	}
	free(sns);
}

/* contract|profile list | show KEY */
static int
record_read(int argc, char **argv, const struct globals *g, struct args *a,
    enum inv_kind k, bool show)
{
	union { struct contract c; struct profile p; } u;
	struct store *st;
	void *all = NULL;
	size_t n = 0;
	char *cause = NULL;
	bool json;
	int rc;

	if ((rc = vi_parse_args(a, argc, argv, 2, -1, NULL, NULL, vi_opts_none)) != 0)
		return rc;
	json = a->json || g->json;
	if (show ? a->npos != 1 : a->npos != 0)
		return verb_usage_error(a->verb, show ? "give the %s" :
		    "takes no arguments", k == INV_CONTRACT ? "CODE" : "NAME");
	if (show && inv_check_name(k == INV_CONTRACT ? "CODE" : "NAME", a->pos[0],
	    &cause) == -1)
		return usage_cause(a->verb, cause);
	if ((st = vi_open_store(g, a->verb)) == NULL)
		return EXIT_FAIL;
	if (show) {
		if ((rc = record_get(st, k, a->pos[0], &u, &cause)) != 1) {
			store_close(st);
			if (rc == 0)
				cause = xasprintf("no %s %s", inv_kind_name(k), a->pos[0]);
			return vi_fail(a->verb, cause);
		}
		if (json) {
			cJSON *j = inv_to_json(k, &u);

			if (k == INV_CONTRACT)
				contract_onts(st, u.c.code, j);
			vi_print_json(j);
		} else {
			vi_print_fields(k, &u);
			if (k == INV_CONTRACT)
				contract_onts(st, u.c.code, NULL);
		}
		store_close(st);
		return EXIT_OK;
	}
	rc = k == INV_CONTRACT ?
	    store_contract_list(st, (struct contract **)&all, &n, &cause) :
	    store_profile_list(st, (struct profile **)&all, &n, &cause);
	store_close(st);
	if (rc == -1)
		return vi_fail(a->verb, cause);
	if (json) {
		cJSON *arr = cJSON_CreateArray();

		for (size_t i = 0; i < n; i++)
			cJSON_AddItemToArray(arr, inv_to_json(k, (char *)all +
			    i * inv_kind_size(k)));
		vi_print_json(arr);
	} else if (k == INV_CONTRACT) {
		struct contract *c = all;

		printf("%-16s %-10s %-30s %s\n", "CODE", "STATUS", "CUSTOMER", "ADDRESS");
		for (size_t i = 0; i < n; i++)
			printf("%-16s %-10s %-30s %s\n", c[i].code,
			    contract_status_name(c[i].status), c[i].customer, c[i].address);
	} else {
		struct profile *p = all;

		printf("%-16s %5s %11s %-7s %-12s %-12s %s\n", "NAME", "VLAN",
		    "DOWN/UP", "WAN", "LINE", "SERVICE", "ACS");
		for (size_t i = 0; i < n; i++) {
			char sp[24];

			snprintf(sp, sizeof sp, "%d/%d", p[i].down_mbps, p[i].up_mbps);
			printf("%-16s %5d %11s %-7s %-12s %-12s %s\n", p[i].name,
			    p[i].vlan, sp, wan_mode_name(p[i].wan), p[i].line_profile,
			    p[i].service_profile, p[i].acs_url);
		}
	}
	free(all);
	return EXIT_OK;
}

/* contract|profile SUBCOMMAND ... */
static int
record_verb(int argc, char **argv, const struct globals *g, enum inv_kind k)
{
	struct args a = { 0 };
	char verb[40];
	int rc;

	if (argc < 2)
		return verb_usage(verb_find(inv_kind_name(k)));
	snprintf(verb, sizeof verb, "%s %s", inv_kind_name(k),
	    str_has_control(argv[1]) ? "?" : argv[1]);
	a.verb = verb;
	if (strcmp(argv[1], "add") == 0)
		rc = record_add(argc, argv, g, &a, k);
	else if (strcmp(argv[1], "list") == 0 || strcmp(argv[1], "show") == 0)
		rc = record_read(argc, argv, g, &a, k, strcmp(argv[1], "show") == 0);
	else if (k == INV_CONTRACT && (strcmp(argv[1], "suspend") == 0 ||
	    strcmp(argv[1], "resume") == 0))
		rc = vw_contract_state(argc, argv, g);
	else
		rc = verb_usage_error(inv_kind_name(k), "unknown subcommand '%s' "
		    "(add, list, show%s)", verb + strlen(inv_kind_name(k)) + 1,
		    k == INV_CONTRACT ? ", suspend, resume" : "");
	buf_free(&a.tags);
	return rc;
}

int
vi_verb_contract(int argc, char **argv, const struct globals *g)
{
	return record_verb(argc, argv, g, INV_CONTRACT);
}

int
vi_verb_profile(int argc, char **argv, const struct globals *g)
{
	return record_verb(argc, argv, g, INV_PROFILE);
}

int
vi_verb_import(int argc, char **argv, const struct globals *g)
{
	struct args a = { .verb = "import" };
	struct inv_counts c;
	struct store *st;
	char *cause = NULL;
	int rc;

	if ((rc = vi_parse_args(&a, argc, argv, 1, -1, NULL, NULL, vi_opts_none)) != 0)
		return rc;
	if (a.npos != 1)
		return verb_usage_error("import", "give one FILE.csv or FILE.json");
	if ((st = vi_open_store(g, "import")) == NULL)
		return EXIT_FAIL;
	rc = inv_import(st, a.pos[0], &c, &cause);
	store_close(st);
	if (rc == -1) {
		fprintf(stderr, "oltui import: %s\noltui import: nothing was "
		    "imported\n", cause);
		free(cause);
		return EXIT_FAIL;
	}
	if (a.json || g->json) {
		cJSON *j = cJSON_CreateObject();

		for (int k = 0; k < INV_KINDS; k++) {
			cJSON *o = cJSON_AddObjectToObject(j, inv_kind_name(k));

			cJSON_AddNumberToObject(o, "added", c.added[k]);
			cJSON_AddNumberToObject(o, "updated", c.updated[k]);
		}
		vi_print_json(j);
	} else {
		printf("imported %s: ", a.pos[0]);
		for (int k = 0; k < INV_KINDS; k++)
			printf("%s%s %d added, %d updated", k ? "; " : "",
			    inv_kind_name(k), c.added[k], c.updated[k]);
		printf("\n");
	}
	return EXIT_OK;
}

int
vi_verb_export(int argc, char **argv, const struct globals *g)
{
	struct args a = { .verb = "export" };
	struct buf out = { 0 };
	struct store *st;
	char *cause = NULL;
	int rc;

	if ((rc = vi_parse_args(&a, argc, argv, 1, -1, NULL, NULL, vi_opts_export)) != 0)
		return rc;
	if (a.npos != 0)
		return verb_usage_error("export", "takes no arguments (it prints "
		    "to stdout)");
	if (a.csv && a.json)
		return verb_usage_error("export", "--json or --csv, not both");
	if ((st = vi_open_store(g, "export")) == NULL)
		return EXIT_FAIL;
	rc = inv_export(st, (a.json || g->json) && !a.csv, &out, &cause);
	store_close(st);
	if (rc == -1) {
		buf_free(&out);
		return vi_fail("export", cause);
	}
	fputs(buf_str(&out), stdout);
	buf_free(&out);
	return EXIT_OK;
}

/* Prints s with control characters (a device's escape sequences) shown
   as '?', so replaying an answer cannot drive the terminal. */
static void
print_safe(const char *s)
{
	for (; *s != '\0'; s++)
		putchar((unsigned char)*s < 0x20 || *s == 0x7f ? '?' : *s);
}

/* Prints text indented under an audit step, line by line. */
static void
print_indented(const char *prefix, const char *text)
{
	char **lines;
	size_t n = str_split_lines(text, &lines);

	for (size_t i = 0; i < n; i++) {
		if (i + 1 == n && lines[i][0] == '\0')
			continue;
		fputs(prefix, stdout);
		print_safe(lines[i]);
		putchar('\n');
	}
	strv_free(lines, n);
}

int
vi_verb_audit(int argc, char **argv, const struct globals *g)
{
	struct args a = { .verb = "audit" };
	struct audit_filter f = { 0 };
	struct audit_entry *e;
	struct store *st;
	size_t n;
	char *cause = NULL, t[32], sn[SN_MAX_LEN + 1];
	int rc;

	if ((rc = vi_parse_args(&a, argc, argv, 1, -1, NULL, NULL, vi_opts_audit)) != 0)
		return rc;
	if (a.npos != 0)
		return verb_usage_error("audit", "unexpected '%s' (use --contract C, "
		    "--ont SN or --olt NAME)", a.pos[0]);
	if ((a.filter[0] && inv_check_name("--contract", a.filter[0], &cause) == -1) ||
	    (a.filter[1] && inv_check_sn("--ont", a.filter[1], &cause) == -1) ||
	    (a.filter[2] && inv_check_name("--olt", a.filter[2], &cause) == -1))
		return usage_cause("audit", cause);
	f.contract = a.filter[0];
	f.olt = a.filter[2];
	if (a.filter[1] != NULL) {
		/* Serials are kept upper case. */
		for (size_t i = 0; a.filter[1][i] != '\0' && i < SN_MAX_LEN; i++)
			sn[i] = (char)toupper((unsigned char)a.filter[1][i]);
		sn[strlen(a.filter[1]) < SN_MAX_LEN ? strlen(a.filter[1]) : SN_MAX_LEN] = '\0';
		f.ont_sn = sn;
	}
	if ((st = vi_open_store(g, "audit")) == NULL)
		return EXIT_FAIL;
	rc = audit_list(st, &f, &e, &n, &cause);
	store_close(st);
	if (rc == -1)
		return vi_fail("audit", cause);
	if (a.json || g->json) {
		cJSON *arr = cJSON_CreateArray();

		for (size_t i = 0; i < n; i++) {
			cJSON *j = cJSON_CreateObject(), *steps;

			cJSON_AddNumberToObject(j, "id", (double)e[i].id);
			iso8601(e[i].started_at, t);
			cJSON_AddStringToObject(j, "started_at", t);
			if (e[i].finished_at > 0) {
				iso8601(e[i].finished_at, t);
				cJSON_AddStringToObject(j, "finished_at", t);
				cJSON_AddNumberToObject(j, "duration_ms",
				    (double)e[i].duration_ms);
			}
			cJSON_AddStringToObject(j, "user", e[i].user);
			cJSON_AddStringToObject(j, "contract", e[i].contract);
			cJSON_AddStringToObject(j, "olt", e[i].olt);
			cJSON_AddStringToObject(j, "ont", e[i].ont_sn);
			cJSON_AddStringToObject(j, "action", e[i].action);
			cJSON_AddStringToObject(j, "outcome", e[i].outcome);
			cJSON_AddStringToObject(j, "cause", e[i].cause);
			steps = cJSON_AddArrayToObject(j, "steps");
			for (size_t s = 0; s < e[i].nsteps; s++) {
				cJSON *x = cJSON_CreateObject();

				cJSON_AddStringToObject(x, "command", e[i].steps[s].command);
				cJSON_AddStringToObject(x, "answer", e[i].steps[s].answer);
				cJSON_AddBoolToObject(x, "ok", e[i].steps[s].ok);
				cJSON_AddItemToArray(steps, x);
			}
			cJSON_AddItemToArray(arr, j);
		}
		vi_print_json(arr);
	} else {
		for (size_t i = 0; i < n; i++) {
			iso8601(e[i].started_at, t);
			printf("#%lld %s ", (long long)e[i].id, t);
			print_safe(e[i].user);
			printf("  ");
			print_safe(e[i].action);
			if (e[i].contract[0])
				printf("  contract %s", e[i].contract);
			if (e[i].olt[0])
				printf("  olt %s", e[i].olt);
			if (e[i].ont_sn[0])
				printf("  ont %s", e[i].ont_sn);
			printf("  -> %s", e[i].outcome);
			if (e[i].duration_ms >= 0)
				printf(" (%lld ms)", (long long)e[i].duration_ms);
			printf("\n");
			if (e[i].cause[0])
				print_indented("    cause: ", e[i].cause);
			for (size_t s = 0; s < e[i].nsteps; s++) {
				printf("    %s ", e[i].steps[s].ok ? ">" : "!");
				print_safe(e[i].steps[s].command);
				putchar('\n');
				print_indented("      ", e[i].steps[s].answer);
			}
		}
		if (n == 0)
			printf("no audit entries\n");
	}
	audit_entries_free(e, n);
	return EXIT_OK;
}

int
vi_verb_config(int argc, char **argv, const struct globals *g)
{
	struct args a = { .verb = "config show" };
	struct config *c;
	char *cause = NULL;
	int rc;

	if (argc < 2 || strcmp(argv[1], "show") != 0)
		return verb_usage(verb_find("config"));
	if ((rc = vi_parse_args(&a, argc, argv, 2, -1, NULL, NULL, vi_opts_config)) != 0)
		return rc;
	if (a.npos != 0)
		return verb_usage_error("config show", "takes no arguments");
	if (a.markdown) {
		config_print_markdown(stdout);
		return EXIT_OK;
	}
	if ((c = config_load(g->config_dir, &cause)) == NULL)
		return vi_fail("config show", cause);
	if (a.json || g->json) {
		cJSON *j = cJSON_CreateObject(), *keys;

		cJSON_AddStringToObject(j, "file", config_path(c));
		keys = cJSON_AddArrayToObject(j, "keys");
		for (size_t i = 0; i < config_nkeys; i++) {
			cJSON *k = cJSON_CreateObject();

			cJSON_AddStringToObject(k, "key", config_keys[i].name);
			cJSON_AddStringToObject(k, "value", config_value(c, i));
			cJSON_AddStringToObject(k, "default", config_keys[i].def);
			cJSON_AddStringToObject(k, "source", config_from_file(c, i) ?
			    "file" : "default");
			cJSON_AddStringToObject(k, "doc", config_keys[i].doc);
			cJSON_AddItemToArray(keys, k);
		}
		vi_print_json(j);
	} else {
		printf("# %s\n", config_path(c));
		for (size_t i = 0; i < config_nkeys; i++) {
			char kv[96];

			snprintf(kv, sizeof kv, "%s = %s", config_keys[i].name,
			    config_value(c, i));
			printf("%-40s # %s; %s\n", kv, config_from_file(c, i) ?
			    "set in the file" : "default", config_keys[i].doc);
		}
	}
	config_free(c);
	return EXIT_OK;
}
