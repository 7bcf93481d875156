/*
 * inv_io.c — importing and exporting the inventory as CSV or JSON.
 *
 * Import is two passes: every row is parsed and validated into memory
 * (errors name the line and the field), then all rows are written in one
 * transaction (OLTs, then contracts, profiles, links, so a link may name a
 * contract of the same file).  Any failure rolls everything back.
 *
 * CSV: one table; the header names the columns (the field names of
 * inventory.c).  A "type" column (olt, contract, profile, link) says what
 * each row is; without it the type is inferred from the header (vendor ->
 * olt, vlan -> profile, customer -> contract, sn + contract -> link).  A
 * contract row with an "sn" also links that ONT to the contract, which is
 * what a billing export usually looks like.
 *
 * JSON: {"olts": [...], "contracts": [...], "profiles": [...],
 * "links": [...]}, objects keyed by field name; the line of a bad object
 * comes from one scan of the text beside the parse (json_pos.h: cJSON keeps
 * no positions).
 */
#include "core/inventory.h"
#include "core/audit.h"
#include "core/csv.h"
#include "core/json_pos.h"
#include "core/store.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/text.h"

static const char *const json_keys[INV_KINDS] = {
	"olts", "contracts", "profiles", "links",
};

/* One parsed row. */
struct row {
	enum inv_kind	 kind;
	int		 line;
	uint32_t	 set;
	union inv_obj	*u;	/* allocated at the size of its kind: an OLT
				   is 2 KB, a contract 440 bytes */
};

union inv_obj {
	struct olt	 olt;
	struct contract	 contract;
	struct profile	 profile;
	struct inv_link	 link;
};

struct rows {
	struct row	*v;
	size_t		 n, cap;
};

static const size_t kind_size[INV_KINDS] = {
	[INV_OLT] = sizeof(struct olt),
	[INV_CONTRACT] = sizeof(struct contract),
	[INV_PROFILE] = sizeof(struct profile),
	[INV_LINK] = sizeof(struct inv_link),
};

/* Frees the rows and their objects. */
static void
rows_free(struct rows *rs)
{
	for (size_t i = 0; i < rs->n; i++)
		free(rs->v[i].u);
	free(rs->v);
	memset(rs, 0, sizeof *rs);
}

/* Appends an initialised row of kind k and returns it. */
static struct row *
rows_add(struct rows *rs, enum inv_kind k, int line)
{
	struct row *r;

	if (rs->n == rs->cap) {
		rs->cap = rs->cap ? rs->cap * 2 : 64;
		rs->v = xreallocarray(rs->v, rs->cap, sizeof *rs->v);
	}
	r = &rs->v[rs->n++];
	memset(r, 0, sizeof *r);
	r->kind = k;
	r->line = line;
	r->u = xcalloc(1, kind_size[k]);
	inv_init(k, r->u);
	return r;
}

/* Kind called name, or -1. */
static int
kind_find(const char *name)
{
	for (int k = 0; k < INV_KINDS; k++)
		if (strcmp(inv_kind_name(k), name) == 0)
			return k;
	return -1;
}

/* Sets field name of row r from value, with "FILE line N: " errors. */
static int
row_set(struct row *r, const char *field, const char *value, const char *file,
    char **cause)
{
	int i = inv_field_find(r->kind, field);
	char *why = NULL;

	if (i < 0) {
		set_cause(cause, "%s line %d: %s does not apply to a %s row", file,
		    r->line, field, inv_kind_name(r->kind));
		return -1;
	}
	if (inv_set(r->kind, r->u, &r->set, (size_t)i, value, "", &why) == -1) {
		set_cause(cause, "%s line %d: %s", file, r->line, why);
		free(why);
		return -1;
	}
	return 0;
}

/* Infers the row type of a CSV without a "type" column. */
static int
infer_kind(char **head, int n)
{
	bool has[5] = { false };
	static const char *const keys[] = { "vendor", "vlan", "customer", "sn", "contract" };

	for (int i = 0; i < n; i++)
		for (size_t j = 0; j < nitems(keys); j++)
			if (strcmp(head[i], keys[j]) == 0)
				has[j] = true;
	if (has[0])
		return INV_OLT;
	if (has[1])
		return INV_PROFILE;
	if (has[2])
		return INV_CONTRACT;
	if (has[3] && has[4])
		return INV_LINK;
	return -1;
}

/* True if some kind has a field called name (or it is "type"). */
static bool
known_column(const char *name)
{
	if (strcmp(name, "type") == 0)
		return true;
	for (int k = 0; k < INV_KINDS; k++)
		if (inv_field_find(k, name) >= 0 && name[0] != '-')
			return true;
	return false;
}

/* Parses CSV text into rows. */
static int
parse_csv(const char *text, const char *file, struct rows *rs, char **cause)
{
	struct csv r = { text, 1 };
	char **head = NULL, **f, *why = NULL;
	int nh, n, line, type_col = -1, fixed = -1, rc = 0;

	if ((nh = csv_read(&r, &head, &line, &why)) <= 0) {
		set_cause(cause, "%s: %s", file, nh == 0 ? "empty file" : why);
		free(why);
		return -1;
	}
	for (int i = 0; i < nh; i++) {
		str_trim(head[i]);
		if (!known_column(head[i])) {
			set_cause(cause, "%s line 1: unknown column '%s'", file,
			    text_shown(head[i]));
			strv_free(head, (size_t)nh);
			return -1;
		}
		if (strcmp(head[i], "type") == 0)
			type_col = i;
	}
	if (type_col < 0 && (fixed = infer_kind(head, nh)) < 0) {
		set_cause(cause, "%s line 1: cannot tell what the rows are: add a "
		    "'type' column (olt, contract, profile, link)", file);
		strv_free(head, (size_t)nh);
		return -1;
	}
	while (rc == 0 && (n = csv_read(&r, &f, &line, &why)) != 0) {
		struct row *row;
		const char *sn = NULL;
		int k = fixed;

		if (n < 0) {
			set_cause(cause, "%s %s", file, why);
			free(why);
			rc = -1;
			break;
		}
		if (n == 1 && str_trim(f[0])[0] == '\0') {
			strv_free(f, 1);	/* blank line */
			continue;
		}
		if (n != nh) {
			set_cause(cause, "%s line %d: %d fields, the header has %d",
			    file, line, n, nh);
			strv_free(f, (size_t)n);
			rc = -1;
			break;
		}
		if (type_col >= 0 && (k = kind_find(str_trim(f[type_col]))) < 0) {
			set_cause(cause, "%s line %d: type: must be one of "
			    "olt|contract|profile|link", file, line);
			strv_free(f, (size_t)n);
			rc = -1;
			break;
		}
		row = rows_add(rs, k, line);
		for (int i = 0; i < n && rc == 0; i++) {
			if (i == type_col || f[i][0] == '\0')
				continue;
			if (k == INV_CONTRACT && strcmp(head[i], "sn") == 0) {
				sn = f[i];
				continue;
			}
			rc = row_set(row, head[i], f[i], file, cause);
		}
		if (rc == 0 && sn != NULL) {
			struct row *l = rows_add(rs, INV_LINK, line);

			row = &rs->v[rs->n - 2];
			rc = row_set(l, "sn", sn, file, cause);
			if (rc == 0 && (row->set & 1u))
				rc = row_set(l, "contract", row->u->contract.code, file, cause);
		}
		strv_free(f, (size_t)n);
	}
	strv_free(head, (size_t)nh);
	return rc;
}

/* Line number of offset off in text. */
static int
line_at(const char *text, const char *off)
{
	int line = 1;

	for (const char *p = text; p < off && *p != '\0'; p++)
		if (*p == '\n')
			line++;
	return line;
}

/* Parses JSON text into rows. */
static int
parse_json(const char *text, const char *file, struct rows *rs, char **cause)
{
	cJSON *root, *arr, *obj, *v;
	struct json_pos pos;
	size_t member = 0;
	int rc = 0;

	json_pos_scan(text, &pos);
	if (pos.nul_line > 0) {
		set_cause(cause, "%s line %d: a value holds \\u0000 (a NUL character), "
		    "which no field may hold", file, pos.nul_line);
		json_pos_free(&pos);
		return -1;
	}
	if ((root = cJSON_Parse(text)) == NULL) {
		const char *at = cJSON_GetErrorPtr();

		set_cause(cause, "%s line %d: not valid JSON", file,
		    at != NULL ? line_at(text, at) : 1);
		json_pos_free(&pos);
		return -1;
	}
	if (!cJSON_IsObject(root)) {
		set_cause(cause, "%s line 1: expected an object with \"olts\", "
		    "\"contracts\", \"profiles\", \"links\"", file);
		cJSON_Delete(root);
		json_pos_free(&pos);
		return -1;
	}
	cJSON_ArrayForEach(arr, root) {
		int k = -1;

		for (int i = 0; i < INV_KINDS; i++)
			if (arr->string != NULL && strcmp(arr->string, json_keys[i]) == 0)
				k = i;
		if (k < 0 || !cJSON_IsArray(arr)) {
			set_cause(cause, "%s: \"%s\": expected one of olts, contracts, "
			    "profiles, links, each an array", file,
			    text_shown(arr->string));
			rc = -1;
			break;
		}
		size_t idx = 0;
		cJSON_ArrayForEach(obj, arr) {
			int line = json_pos_line(&pos, member, idx++);
			struct row *row = rows_add(rs, k, line);

			if (!cJSON_IsObject(obj)) {
				set_cause(cause, "%s line %d: expected an object", file, line);
				rc = -1;
				break;
			}
			cJSON_ArrayForEach(v, obj) {
				char num[32];
				const char *s;

				if (cJSON_IsNull(v))
					continue;
				if (cJSON_IsString(v)) {
					s = v->valuestring;
				} else if (cJSON_IsNumber(v)) {
					if (v->valuedouble != (double)(long)v->valuedouble)
						snprintf(num, sizeof num, "%g", v->valuedouble);
					else
						snprintf(num, sizeof num, "%ld", (long)v->valuedouble);
					s = num;
				} else {
					set_cause(cause, "%s line %d: %s: must be a string "
					    "or a number", file, line, text_shown(v->string));
					rc = -1;
					break;
				}
				if (v->string == NULL || inv_field_find(k, v->string) < 0 ||
				    v->string[0] == '-') {
					set_cause(cause, "%s line %d: unknown field '%s' for "
					    "a %s", file, line, text_shown(v->string),
					    inv_kind_name(k));
					rc = -1;
					break;
				}
				if ((rc = row_set(row, v->string, s, file, cause)) == -1)
					break;
			}
			if (rc == -1)
				break;
		}
		if (rc == -1)
			break;
		member++;
	}
	cJSON_Delete(root);
	json_pos_free(&pos);
	return rc;
}

/* Writes one row, merging into an existing object of the same name.  The
   store's own checks (a link's contract exists) run here. */
static int
write_row(struct store *st, struct row *r, const char *file,
    struct inv_counts *c, char **cause)
{
	char *why = NULL;
	int rc = 0, have;
	size_t nf = inv_nfields(r->kind);

	if (r->kind == INV_OLT) {
		struct olt old;

		have = store_olt_by_name(st, r->u->olt.name, &old, &why);
		if (have == 1) {
			/* Keep what the row does not set, secrets included. */
			for (size_t i = 0; i < nf; i++) {
				char v[512];

				if (!(r->set & (1u << i))) {
					inv_get(INV_OLT, &old, i, v, sizeof v);
					inv_set(INV_OLT, &r->u->olt, NULL, i, v, "", NULL);
				}
			}
			r->u->olt.id = old.id;
			r->u->olt.created_at = old.created_at;
			memcpy(r->u->olt.password_sealed, old.password_sealed,
			    sizeof old.password_sealed);
			memcpy(r->u->olt.community_sealed, old.community_sealed,
			    sizeof old.community_sealed);
			rc = store_olt_update(st, &r->u->olt, &why);
		} else if (have == 0) {
			if ((rc = inv_complete(INV_OLT, &r->u->olt, r->set, "", &why)) == 0)
				rc = store_olt_add(st, &r->u->olt, &why);
		} else {
			rc = -1;
		}
	} else if (r->kind == INV_CONTRACT) {
		struct contract old;

		have = store_contract_by_code(st, r->u->contract.code, &old, &why);
		if (have == 1) {
			for (size_t i = 0; i < nf; i++) {
				char v[512];

				if (!(r->set & (1u << i))) {
					inv_get(INV_CONTRACT, &old, i, v, sizeof v);
					inv_set(INV_CONTRACT, &r->u->contract, NULL, i, v, "", NULL);
				}
			}
			r->u->contract.id = old.id;
			rc = store_contract_update(st, &r->u->contract, &why);
		} else if (have == 0) {
			if ((rc = inv_complete(INV_CONTRACT, &r->u->contract, r->set, "", &why)) == 0)
				rc = store_contract_add(st, &r->u->contract, &why);
		} else {
			rc = -1;
		}
	} else if (r->kind == INV_PROFILE) {
		struct profile old;

		have = store_profile_by_name(st, r->u->profile.name, &old, &why);
		if (have == 1) {
			for (size_t i = 0; i < nf; i++) {
				char v[512];

				if (!(r->set & (1u << i))) {
					inv_get(INV_PROFILE, &old, i, v, sizeof v);
					inv_set(INV_PROFILE, &r->u->profile, NULL, i, v, "", NULL);
				}
			}
			r->u->profile.id = old.id;
			rc = store_profile_update(st, &r->u->profile, &why);
		} else if (have == 0) {
			if ((rc = inv_complete(INV_PROFILE, &r->u->profile, r->set, "", &why)) == 0)
				rc = store_profile_add(st, &r->u->profile, &why);
		} else {
			rc = -1;
		}
	} else {
		have = 0;
		if ((rc = inv_complete(INV_LINK, &r->u->link, r->set, "", &why)) == 0)
			rc = store_link_set(st, r->u->link.sn, r->u->link.contract, &why);
	}
	if (rc == -1) {
		set_cause(cause, "%s line %d: %s", file, r->line, why ? why : "failed");
		free(why);
		return -1;
	}
	if (have == 1)
		c->updated[r->kind]++;
	else
		c->added[r->kind]++;
	return 0;
}

/* Records the import in the audit trail, inside its transaction. */
static int
audit_import(struct store *st, const char *file, const struct inv_counts *c,
    char **cause)
{
	char *action = xasprintf("import %s", file);
	char *summary = xasprintf("%d OLTs, %d contracts, %d profiles, %d links "
	    "added; %d, %d, %d, %d updated", c->added[0], c->added[1], c->added[2],
	    c->added[3], c->updated[0], c->updated[1], c->updated[2], c->updated[3]);
	struct audit_start a = { .action = action };
	int64_t id = audit_record(st, &a, action, summary, AUDIT_OK, cause);

	free(summary);
	free(action);
	return id < 0 ? -1 : 0;
}

/* Writes every row, kinds in dependency order, and the audit entry, in
   one transaction: a refused import leaves no trace in the database, and
   an import that is there is audited. */
static int
write_rows(struct store *st, struct rows *rs, const char *file,
    struct inv_counts *c, char **cause)
{
	if (store_begin(st, cause) == -1)
		return -1;
	for (int k = 0; k < INV_KINDS; k++) {
		for (size_t i = 0; i < rs->n; i++) {
			if (rs->v[i].kind != (enum inv_kind)k)
				continue;
			if (write_row(st, &rs->v[i], file, c, cause) == -1) {
				store_rollback(st);
				return -1;
			}
		}
	}
	if (audit_import(st, file, c, cause) == -1) {
		store_rollback(st);
		return -1;
	}
	return store_commit(st, cause);
}

int
inv_import_text(struct store *st, const char *text, const char *name,
    struct inv_counts *counts, char **cause)
{
	struct rows rs = { 0 };
	const char *p = text;
	int rc;

	memset(counts, 0, sizeof *counts);
	while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
		p++;
	if (*p == '{' || *p == '[')
		rc = parse_json(text, name, &rs, cause);
	else
		rc = parse_csv(text, name, &rs, cause);
	if (rc == -1) {
		rows_free(&rs);
		return -1;
	}
	rc = write_rows(st, &rs, name, counts, cause);
	if (rc != 0)
		memset(counts, 0, sizeof *counts);
	rows_free(&rs);
	return rc;
}

int
inv_import(struct store *st, const char *path, struct inv_counts *counts,
    char **cause)
{
	FILE *f = fopen(path, "r");
	struct buf b = { 0 };
	char chunk[8192], *text;
	size_t got;
	int rc;

	if (f == NULL) {
		set_cause(cause, "cannot read %s: %s", path, strerror(errno));
		return -1;
	}
	while ((got = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_add(&b, chunk, got);
	fclose(f);
	got = b.len;
	text = buf_take(&b);
	if (strlen(text) != got) {
		set_cause(cause, "%s line %d: a NUL byte: this is not a text file",
		    path, line_at(text, text + strlen(text)));
		free(text);
		return -1;
	}
	rc = inv_import_text(st, text, path, counts, cause);
	free(text);
	return rc;
}

/* The CSV header: "type" and the union of every kind's field names. */
static size_t
csv_columns(const char *cols[64])
{
	size_t n = 0;

	cols[n++] = "type";
	for (int k = 0; k < INV_KINDS; k++) {
		for (size_t i = 0; i < inv_nfields(k); i++) {
			const char *name = inv_field_name(k, i);
			size_t j;

			for (j = 0; j < n; j++)
				if (strcmp(cols[j], name) == 0)
					break;
			if (j == n && n < 64)
				cols[n++] = name;
		}
	}
	return n;
}

/* Appends obj of kind k as a CSV line under cols. */
static void
csv_row(struct buf *out, enum inv_kind k, const void *obj, const char **cols,
    size_t ncols)
{
	char v[512];

	for (size_t c = 0; c < ncols; c++) {
		int i = c == 0 ? -1 : inv_field_find(k, cols[c]);

		if (c > 0)
			buf_addc(out, ',');
		if (c == 0)
			buf_adds(out, inv_kind_name(k));
		else if (i >= 0) {
			inv_get(k, obj, (size_t)i, v, sizeof v);
			csv_field(out, v);
		}
	}
	buf_addc(out, '\n');
}

struct link_walk {
	struct buf	*out;
	cJSON		*arr;
	const char	**cols;
	size_t		 ncols;
};

static int
link_cb(const char *sn, const char *code, void *arg)
{
	struct link_walk *w = arg;
	struct inv_link l;

	inv_init(INV_LINK, &l);
	strlcpy_(l.sn, sn, sizeof l.sn);
	strlcpy_(l.contract, code, sizeof l.contract);
	if (w->arr != NULL)
		cJSON_AddItemToArray(w->arr, inv_to_json(INV_LINK, &l));
	else
		csv_row(w->out, INV_LINK, &l, w->cols, w->ncols);
	return 0;
}

int
inv_export(struct store *st, bool json, struct buf *out, char **cause)
{
	const char *cols[64];
	size_t ncols = csv_columns(cols), n;
	cJSON *root = json ? cJSON_CreateObject() : NULL, *arr = NULL;
	struct olt *olts = NULL;
	struct contract *cs = NULL;
	struct profile *ps = NULL;
	struct link_walk w = { out, NULL, cols, ncols };
	int rc = -1;

	if (!json) {
		for (size_t c = 0; c < ncols; c++) {
			if (c > 0)
				buf_addc(out, ',');
			buf_adds(out, cols[c]);
		}
		buf_addc(out, '\n');
	}
	if (store_olt_list(st, &olts, &n, cause) == -1)
		goto out;
	if (json)
		arr = cJSON_AddArrayToObject(root, json_keys[INV_OLT]);
	for (size_t i = 0; i < n; i++) {
		if (json)
			cJSON_AddItemToArray(arr, inv_to_json(INV_OLT, &olts[i]));
		else
			csv_row(out, INV_OLT, &olts[i], cols, ncols);
	}
	if (store_contract_list(st, &cs, &n, cause) == -1)
		goto out;
	if (json)
		arr = cJSON_AddArrayToObject(root, json_keys[INV_CONTRACT]);
	for (size_t i = 0; i < n; i++) {
		if (json)
			cJSON_AddItemToArray(arr, inv_to_json(INV_CONTRACT, &cs[i]));
		else
			csv_row(out, INV_CONTRACT, &cs[i], cols, ncols);
	}
	if (store_profile_list(st, &ps, &n, cause) == -1)
		goto out;
	if (json)
		arr = cJSON_AddArrayToObject(root, json_keys[INV_PROFILE]);
	for (size_t i = 0; i < n; i++) {
		if (json)
			cJSON_AddItemToArray(arr, inv_to_json(INV_PROFILE, &ps[i]));
		else
			csv_row(out, INV_PROFILE, &ps[i], cols, ncols);
	}
	if (json)
		w.arr = cJSON_AddArrayToObject(root, json_keys[INV_LINK]);
	if (store_link_foreach(st, link_cb, &w, cause) == -1)
		goto out;
	if (json) {
		char *s = cJSON_Print(root);

		buf_adds(out, s);
		buf_addc(out, '\n');
		free(s);
	}
	rc = 0;
out:
	cJSON_Delete(root);
	free(olts);
	free(cs);
	free(ps);
	return rc;
}
