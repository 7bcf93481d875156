/*
 * verb_records.c — the inventory verbs that need no vault: contract,
 * profile, import, export, audit, config, and link/unlink (an ONT to a
 * contract).  Same conventions as verb_inventory.c: validate before
 * opening the database, text or --json on stdout, exit 0 / 1 refused or
 * failed / 2 usage (a name oltui does not know included).  Main thread
 * only.
 */
#include "tui/verbs/verb_inv.h"
#include "tui/verbs/verb_write.h"
#include "core/audit.h"
#include "core/config.h"
#include "core/store.h"
#include "lib/sn.h"

#include <cjson/cJSON.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
record_add(struct inv_args *a, enum inv_kind k)
{
	struct store *st;
	char *cause = NULL;
	int rc;

	if ((rc = vi_key_field(a, k, k == INV_CONTRACT ? "CODE" : "NAME")) != EXIT_OK)
		return rc;
	if (inv_complete(k, &a->f.u, a->f.set, "--", &cause) == -1)
		return verb_fail_cause(&a->c, ERR_USAGE, cause);
	if ((st = verb_store(&a->c)) == NULL)
		return EXIT_FAIL;
	rc = k == INV_CONTRACT ? inv_contract_add(st, &a->f.u.contract, &cause) :
	    inv_profile_add(st, &a->f.u.profile, &cause);
	store_close(st);
	if (rc == -1)
		return verb_fail_cause(&a->c, ERR_REFUSED, cause);
	if (a->c.json)
		verb_print_json(inv_to_json(k, &a->f.u));
	else
		printf("added %s %s\n", inv_kind_name(k), k == INV_CONTRACT ?
		    a->f.u.contract.code : a->f.u.profile.name);
	return EXIT_OK;
}

/* contract add */
static int
contract_add(void *args)
{
	return record_add(args, INV_CONTRACT);
}

/* profile add */
static int
profile_add(void *args)
{
	return record_add(args, INV_PROFILE);
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

/* contract|profile show KEY */
static int
record_show(struct inv_args *a, enum inv_kind k)
{
	union { struct contract c; struct profile p; } u;
	struct store *st;
	char *cause = NULL;
	int rc;

	if ((st = verb_store(&a->c)) == NULL)
		return EXIT_FAIL;
	if ((rc = record_get(st, k, a->key, &u, &cause)) != 1) {
		store_close(st);
		return verb_fail_cause(&a->c, rc == 0 ? ERR_USAGE : ERR_INTERNAL, rc == 0 ?
		    xasprintf("no %s %s (see `oltui %s list`)", inv_kind_name(k), a->key,
		    inv_kind_name(k)) : cause);
	}
	if (a->c.json) {
		cJSON *j = inv_to_json(k, &u);

		if (k == INV_CONTRACT)
			contract_onts(st, u.c.code, j);
		verb_print_json(j);
	} else {
		vi_print_fields(k, &u);
		if (k == INV_CONTRACT)
			contract_onts(st, u.c.code, NULL);
	}
	store_close(st);
	return EXIT_OK;
}

/* contract show */
static int
contract_show(void *args)
{
	return record_show(args, INV_CONTRACT);
}

/* profile show */
static int
profile_show(void *args)
{
	return record_show(args, INV_PROFILE);
}

/* contract|profile list */
static int
record_list(struct inv_args *a, enum inv_kind k)
{
	struct store *st;
	void *all = NULL;
	size_t n = 0;
	char *cause = NULL;
	int rc;

	if ((st = verb_store(&a->c)) == NULL)
		return EXIT_FAIL;
	rc = k == INV_CONTRACT ?
	    store_contract_list(st, (struct contract **)&all, &n, &cause) :
	    store_profile_list(st, (struct profile **)&all, &n, &cause);
	store_close(st);
	if (rc == -1)
		return verb_fail_cause(&a->c, ERR_INTERNAL, cause);
	if (a->c.json) {
		cJSON *arr = cJSON_CreateArray();

		for (size_t i = 0; i < n; i++)
			cJSON_AddItemToArray(arr, inv_to_json(k, (char *)all +
			    i * inv_kind_size(k)));
		verb_print_json(arr);
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

/* contract list */
static int
contract_list(void *args)
{
	return record_list(args, INV_CONTRACT);
}

/* profile list */
static int
profile_list(void *args)
{
	return record_list(args, INV_PROFILE);
}

/* import FILE */
static int
verb_import(void *args)
{
	struct inv_args *a = args;
	struct inv_counts c;
	struct store *st;
	char *cause = NULL;
	int rc;

	if ((st = verb_store(&a->c)) == NULL)
		return EXIT_FAIL;
	rc = inv_import(st, a->file, &c, &cause);
	store_close(st);
	if (rc == -1) {
		char *m = xasprintf("%s; nothing was imported", cause);

		free(cause);
		return verb_fail_cause(&a->c, ERR_REFUSED, m);
	}
	if (a->c.json) {
		cJSON *j = cJSON_CreateObject();

		for (int k = 0; k < INV_KINDS; k++) {
			cJSON *o = cJSON_AddObjectToObject(j, inv_kind_name(k));

			cJSON_AddNumberToObject(o, "added", c.added[k]);
			cJSON_AddNumberToObject(o, "updated", c.updated[k]);
		}
		verb_print_json(j);
	} else {
		printf("imported %s: ", a->file);
		for (int k = 0; k < INV_KINDS; k++)
			printf("%s%s %d added, %d updated", k ? "; " : "",
			    inv_kind_name(k), c.added[k], c.updated[k]);
		printf("\n");
	}
	return EXIT_OK;
}

/* export [--json|--csv] */
static int
verb_export(void *args)
{
	struct inv_args *a = args;
	struct buf out = { 0 };
	struct store *st;
	char *cause = NULL;
	int rc;

	if (a->csv && a->c.json && !a->c.g->json)
		return verb_fail(&a->c, ERR_USAGE, "--json or --csv, not both");
	if ((st = verb_store(&a->c)) == NULL)
		return EXIT_FAIL;
	rc = inv_export(st, a->c.json && !a->csv, &out, &cause);
	store_close(st);
	if (rc == -1) {
		buf_free(&out);
		return verb_fail_cause(&a->c, ERR_INTERNAL, cause);
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

/* audit [--contract C|--ont SN|--olt NAME] */
static int
verb_audit(void *args)
{
	struct inv_args *a = args;
	struct audit_filter f = { 0 };
	struct audit_entry *e;
	struct store *st;
	size_t n;
	char *cause = NULL, t[32], sn[SN_MAX_LEN + 1];
	int rc;

	f.contract = a->contract;
	f.olt = a->olt;
	if (a->ont != NULL) {
		/* Serials are kept upper case. */
		for (size_t i = 0; a->ont[i] != '\0' && i < SN_MAX_LEN; i++)
			sn[i] = (char)toupper((unsigned char)a->ont[i]);
		sn[strlen(a->ont) < SN_MAX_LEN ? strlen(a->ont) : SN_MAX_LEN] = '\0';
		f.ont_sn = sn;
	}
	if ((st = verb_store(&a->c)) == NULL)
		return EXIT_FAIL;
	rc = audit_list(st, &f, &e, &n, &cause);
	store_close(st);
	if (rc == -1)
		return verb_fail_cause(&a->c, ERR_INTERNAL, cause);
	if (a->c.json) {
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
				if (e[i].steps[s].sending)	/* sent, no answer recorded */
					cJSON_AddBoolToObject(x, "sending", true);
				cJSON_AddItemToArray(steps, x);
			}
			cJSON_AddItemToArray(arr, j);
		}
		verb_print_json(arr);
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

/* config show [--json|--markdown] */
static int
config_show(void *args)
{
	struct inv_args *a = args;
	struct config *c;
	char *cause = NULL;

	if (a->markdown) {
		config_print_markdown(stdout);
		return EXIT_OK;
	}
	if ((c = config_load(a->c.g->config_dir, &cause)) == NULL)
		return verb_fail_cause(&a->c, ERR_REFUSED, cause);
	if (a->c.json) {
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
		verb_print_json(j);
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

/* link SN CODE */
static int
verb_link(void *args)
{
	struct inv_args *a = args;
	struct store *st;
	struct err err = { 0 };
	char was[NAME_MAX_LEN + 1], sn[SN_LEN + 1];

	if ((st = verb_store(&a->c)) == NULL)
		return EXIT_FAIL;
	if (inv_link(st, a->sn, a->contract, was, &err) != 0) {
		store_close(st);
		return verb_fail_err(&a->c, &err);
	}
	store_close(st);
	sn_normalize(a->sn, sn);
	if (a->c.json) {
		cJSON *j = cJSON_CreateObject();

		cJSON_AddStringToObject(j, "sn", sn);
		cJSON_AddStringToObject(j, "contract", a->contract);
		if (was[0] != '\0')
			cJSON_AddStringToObject(j, "was", was);
		else
			cJSON_AddNullToObject(j, "was");
		cJSON_AddBoolToObject(j, "changed", strcmp(was, a->contract) != 0);
		verb_print_json(j);
	} else if (strcmp(was, a->contract) == 0)
		printf("ONT %s is linked to contract %s already\n", sn, a->contract);
	else
		printf("linked ONT %s to contract %s%s%s%s\n", sn, a->contract,
		    was[0] != '\0' ? " (was " : "", was, was[0] != '\0' ? ")" : "");
	return EXIT_OK;
}

/* unlink SN */
static int
verb_unlink(void *args)
{
	struct inv_args *a = args;
	struct store *st;
	struct err err = { 0 };
	char was[NAME_MAX_LEN + 1], sn[SN_LEN + 1];

	if ((st = verb_store(&a->c)) == NULL)
		return EXIT_FAIL;
	if (inv_unlink(st, a->sn, was, &err) != 0) {
		store_close(st);
		return verb_fail_err(&a->c, &err);
	}
	store_close(st);
	sn_normalize(a->sn, sn);
	if (a->c.json) {
		cJSON *j = cJSON_CreateObject();

		cJSON_AddStringToObject(j, "sn", sn);
		cJSON_AddStringToObject(j, "was", was);
		verb_print_json(j);
	} else
		printf("unlinked ONT %s from contract %s\n", sn, was);
	return EXIT_OK;
}

static const struct verb_opt json_opts[] = { VOPT_JSON, VOPT_END };

static const struct verb_opt contract_add_opts[] = {
	{ .name = "fields", .type = VA_FIELDS, .kind = INV_CONTRACT, .off = IA(f),
	  .flags = VO_REQUIRED },
	VOPT_JSON, VOPT_END,
};
static const struct verb_opt profile_add_opts[] = {
	{ .name = "fields", .type = VA_FIELDS, .kind = INV_PROFILE, .off = IA(f),
	  .flags = VO_REQUIRED },
	VOPT_JSON, VOPT_END,
};
static const struct verb_pos code_opt_pos[] = {
	{ .meta = "CODE", .type = VA_NAME, .off = IA(key), .flags = VO_OPTIONAL,
	  .help = "the contract's code (or --code)" },
	VPOS_END,
};
static const struct verb_pos code_pos[] = {
	{ .meta = "CODE", .type = VA_NAME, .off = IA(key),
	  .help = "the contract's code (oltui contract list)" },
	VPOS_END,
};
static const struct verb_pos pname_opt_pos[] = {
	{ .meta = "NAME", .type = VA_NAME, .off = IA(key), .flags = VO_OPTIONAL,
	  .help = "the profile's name (or --name)" },
	VPOS_END,
};
static const struct verb_pos pname_pos[] = {
	{ .meta = "NAME", .type = VA_NAME, .off = IA(key),
	  .help = "the profile's name (oltui profile list)" },
	VPOS_END,
};
static const struct verb_pos file_pos[] = {
	{ .meta = "FILE", .type = VA_PATH, .off = IA(file),
	  .help = "a .csv or .json file (docs/inventory.md)" },
	VPOS_END,
};
static const struct verb_opt export_opts[] = {
	{ .name = "--csv", .type = VA_FLAG, .off = IA(csv),
	  .help = "print CSV (one table, a type column first; the default)" },
	{ .name = "--json", .type = VA_FLAG, .off = VC_OFF(json), .help = "print JSON" },
	VOPT_END,
};
static const struct verb_opt audit_opts[] = {
	{ .name = "--contract", .type = VA_NAME, .meta = "CODE", .off = IA(contract),
	  .help = "only the entries of this contract" },
	{ .name = "--ont", .type = VA_SN, .meta = "SN", .off = IA(ont),
	  .help = "only the entries of this ONT" },
	{ .name = "--olt", .type = VA_NAME, .meta = "NAME", .off = IA(olt),
	  .help = "only the entries of this OLT (removed OLTs included)" },
	VOPT_JSON, VOPT_END,
};
static const struct verb_opt config_opts[] = {
	VOPT_JSON,
	{ .name = "--markdown", .type = VA_FLAG, .off = IA(markdown),
	  .help = "print the key table in Markdown (docs/config.md)" },
	VOPT_END,
};
static const struct verb_pos link_pos[] = {
	{ .meta = "SN", .type = VA_SN, .off = IA(sn),
	  .help = "the ONT's serial (an ONT the database knows: oltui ont list)" },
	{ .meta = "CODE", .type = VA_NAME, .off = IA(contract),
	  .help = "the contract's code (oltui contract list)" },
	VPOS_END,
};
static const struct verb_pos unlink_pos[] = {
	{ .meta = "SN", .type = VA_SN, .off = IA(sn),
	  .help = "the ONT's serial" },
	VPOS_END,
};

#define SUB(n, s, o, p, r) { .name = n, .summary = s, .opts = o, .pos = p, \
	.size = sizeof(struct inv_args), .run = r }

static const struct verb contract_subs[] = {
	SUB("add", "add a contract", contract_add_opts, code_opt_pos, contract_add),
	SUB("list", "list the contracts", json_opts, NULL, contract_list),
	SUB("show", "show a contract and the ONTs linked to it", json_opts, code_pos,
	    contract_show),
	{ .name = "suspend", .summary = "disable every ONT linked to the contract "
	  "(asks), then mark it suspended", .opts = vw_contract_state_opts,
	  .pos = vw_contract_code_pos, .size = sizeof(struct vw_name_args),
	  .run = vw_contract_suspend },
	{ .name = "resume", .summary = "enable every ONT linked to the contract, then "
	  "mark it active", .opts = vw_contract_state_opts, .pos = vw_contract_code_pos,
	  .size = sizeof(struct vw_name_args), .run = vw_contract_resume },
	VERB_END,
};
static const struct verb profile_subs[] = {
	SUB("add", "add a service profile", profile_add_opts, pname_opt_pos, profile_add),
	SUB("list", "list the service profiles", json_opts, NULL, profile_list),
	SUB("show", "show a service profile", json_opts, pname_pos, profile_show),
	VERB_END,
};
static const struct verb config_subs[] = {
	SUB("show", "print the configuration keys with their values and defaults",
	    config_opts, NULL, config_show),
	VERB_END,
};

const struct verb verbs_records[] = {
	{ .name = "contract", .summary = "manage contracts (the service an ONT serves); "
	  "suspend/resume disable/enable its ONTs", .subs = contract_subs },
	{ .name = "profile", .summary = "manage service profiles (VLAN, speed, line/"
	  "service profile, WAN, ACS)", .subs = profile_subs },
	SUB("link", "link an ONT to a contract (replacing its link; audited)", json_opts,
	    link_pos, verb_link),
	SUB("unlink", "remove an ONT's link to its contract (audited)", json_opts,
	    unlink_pos, verb_unlink),
	SUB("import", "import OLTs, contracts, profiles and ONT links (all or nothing)",
	    json_opts, file_pos, verb_import),
	SUB("export", "print the inventory (OLTs without secrets, contracts, profiles, "
	  "links)", export_opts, NULL, verb_export),
	SUB("audit", "print the audit trail, all of it or for one contract, ONT or OLT",
	    audit_opts, NULL, verb_audit),
	{ .name = "config", .summary = "print the configuration", .subs = config_subs },
	VERB_END,
};
