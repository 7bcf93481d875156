/* test_inventory.c — field validation, CSV reading, import (CSV and JSON,
   all or nothing, line numbers), export round trip, sealed OLT secrets and
   unlocking the vault against the database's check token. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/audit.h"
#include "core/csv.h"
#include "core/inventory.h"
#include "core/store.h"
#include "core/unlock.h"
#include "core/vault.h"
#include "drivers/driver.h"
#include "lib/text.h"
#include "lib/util.h"

struct fx {
	char dir[64];
	char *path;
	struct store *st;
};

static int
setup(void **state)
{
	struct fx *f = xcalloc(1, sizeof *f);

	strcpy(f->dir, "/tmp/oltui-inv.XXXXXX");
	if (mkdtemp(f->dir) == NULL)
		return -1;
	f->path = xasprintf("%s/oltui.db", f->dir);
	if ((f->st = store_open(f->path, NULL)) == NULL)
		return -1;
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fx *f = *state;
	char *cmd = xasprintf("rm -rf %s", f->dir);

	store_close(f->st);
	if (system(cmd) != 0)
		fprintf(stderr, "cannot remove %s\n", f->dir);
	free(cmd);
	free(f->path);
	free(f);
	return 0;
}

/* Sets field name of a kind-k object from value, expecting failure with a
   cause containing want. */
static void
expect_bad(enum inv_kind k, const char *field, const char *value, const char *want)
{
	char obj[4096], *cause = NULL;
	int i = inv_field_find(k, field);

	assert_true(i >= 0);
	inv_init(k, obj);
	assert_int_equal(inv_set(k, obj, NULL, (size_t)i, value, "--", &cause), -1);
	if (strstr(cause, want) == NULL)
		fail_msg("%s=%s: cause '%s' lacks '%s'", field, value, cause, want);
	free(cause);
}

static void
test_every_field_error_names_the_option_and_the_form(void **state)
{
	char want[256];

	(void)state;
	expect_bad(INV_PROFILE, "vlan", "0", "--vlan: must be a whole number from 1 to 4094");
	expect_bad(INV_PROFILE, "vlan", "10a", "--vlan: must be a whole number");
	expect_bad(INV_PROFILE, "down_mbps", "0", "--down-mbps: must be a whole number from 1 to 100000");
	expect_bad(INV_PROFILE, "wan", "static", "--wan: must be one of none|dhcp|pppoe");
	expect_bad(INV_PROFILE, "acs_url", "javascript:x", "--acs-url: must be an http");
	expect_bad(INV_PROFILE, "line_profile", "a b", "--line-profile: must be 1 to 32");
	expect_bad(INV_OLT, "name", "", "--name: must be 1 to 32 of A-Z a-z 0-9 . _ -");
	expect_bad(INV_OLT, "name", "ab/c", "--name: must be 1 to 32");
	/* The registered drivers, whichever this binary links (the unit tests
	   also link the test-only ones in tests/drivers). */
	snprintf(want, sizeof want, "--vendor: must be one of %s", driver_names());
	assert_non_null(strstr(want, "huawei|zte"));
	expect_bad(INV_OLT, "vendor", "HUAWEI", want);
	expect_bad(INV_OLT, "host", "a b", "--host: must be a host name");
	expect_bad(INV_OLT, "host", "x\ry", "--host: control characters");
	expect_bad(INV_OLT, "port", "65536", "--port: must be a whole number from 1 to 65535");
	expect_bad(INV_OLT, "user", "-x", "--user: must be");
	expect_bad(INV_OLT, "tags", "ok,not ok", "--tags: must be 1 to 32");
	expect_bad(INV_CONTRACT, "customer", "", "--customer: must be 1 to 128 characters");
	expect_bad(INV_CONTRACT, "customer", "a\tb", "--customer: control characters");
	expect_bad(INV_CONTRACT, "status", "closed", "--status: must be one of active|suspended");
	expect_bad(INV_LINK, "sn", "HWTC123", "--sn: must be a GPON serial");
	expect_bad(INV_LINK, "sn", "HWTC1234567G", "--sn: must be a GPON serial");
	/* Found by fuzzing (tests/fuzz/regress/args/): 16 hex digits whose
	   vendor bytes are no letters were taken, and no serial reader reads
	   them (sn_normalize). */
	expect_bad(INV_LINK, "sn", "bbbbbbbbbbbbbbbb", "--sn: must be a GPON serial");
	expect_bad(INV_LINK, "sn", "0000000012345678", "--sn: must be a GPON serial");
}

static void
test_good_values_are_stored_and_defaults_follow_the_vendor(void **state)
{
	struct olt o;
	struct inv_link l;
	uint32_t set = 0;
	char *cause = NULL;

	(void)state;
	inv_init(INV_OLT, &o);
	assert_int_equal(inv_set(INV_OLT, &o, &set, 0, "pop-1", "", &cause), 0);
	assert_int_equal(inv_set(INV_OLT, &o, &set, (size_t)inv_field_find(INV_OLT,
	    "--vendor"), "zte", "--", &cause), 0);
	assert_int_equal(inv_complete(INV_OLT, &o, set, "--", &cause), -1);
	assert_string_equal(cause, "--host is required");
	free(cause);
	cause = NULL;
	assert_int_equal(inv_set(INV_OLT, &o, &set, 2, "fe80::1", "", &cause), 0);
	assert_int_equal(inv_set(INV_OLT, &o, &set, 5, "admin", "", &cause), 0);
	assert_int_equal(inv_set(INV_OLT, &o, &set, 8, " a , b,,c ", "", &cause), 0);
	assert_int_equal(inv_complete(INV_OLT, &o, set, "--", &cause), 0);
	assert_int_equal(o.transport, TRANSPORT_TELNET);
	assert_int_equal(o.port, 23);
	assert_int_equal(o.snmp_port, 161);
	assert_string_equal(o.tags, "a,b,c");
	inv_init(INV_LINK, &l);
	assert_int_equal(inv_set(INV_LINK, &l, NULL, 0, "hwtc0000abcd", "", &cause), 0);
	assert_string_equal(l.sn, "HWTC0000ABCD");
	assert_int_equal(inv_set(INV_LINK, &l, NULL, 0, "48575443A1B2C3D4", "", &cause), 0);
}

static void
test_csv_reader_handles_quotes_commas_and_line_breaks(void **state)
{
	struct csv r = { "a,\"b,c\",\"say \"\"hi\"\"\"\r\n\"two\nlines\",,x\n\nlast", 1 };
	char **f, *cause = NULL;
	int n, line;

	(void)state;
	n = csv_read(&r, &f, &line, &cause);
	assert_int_equal(n, 3);
	assert_int_equal(line, 1);
	assert_string_equal(f[1], "b,c");
	assert_string_equal(f[2], "say \"hi\"");
	strv_free(f, 3);
	n = csv_read(&r, &f, &line, &cause);
	assert_int_equal(n, 3);
	assert_int_equal(line, 2);
	assert_string_equal(f[0], "two\nlines");
	assert_string_equal(f[1], "");
	strv_free(f, 3);
	n = csv_read(&r, &f, &line, &cause);	/* the blank line */
	assert_int_equal(n, 1);
	assert_int_equal(line, 4);
	strv_free(f, 1);
	n = csv_read(&r, &f, &line, &cause);
	assert_int_equal(line, 5);
	assert_string_equal(f[0], "last");
	strv_free(f, 1);
	assert_int_equal(csv_read(&r, &f, &line, &cause), 0);

	struct csv bad = { "a,\"open\n", 1 };
	assert_int_equal(csv_read(&bad, &f, &line, &cause), -1);
	assert_non_null(strstr(cause, "not closed"));
	free(cause);

	struct buf b = { 0 };
	csv_field(&b, "plain");
	buf_addc(&b, ',');
	csv_field(&b, "a,\"b\"");
	assert_string_equal(buf_str(&b), "plain,\"a,\"\"b\"\"\"");
	buf_free(&b);
}

/* Row count of a table. */
static int
rows(struct store *st, const char *what)
{
	struct contract *c;
	struct profile *p;
	struct olt *o;
	size_t n = 0;

	if (strcmp(what, "contracts") == 0) {
		assert_int_equal(store_contract_list(st, &c, &n, NULL), 0);
		free(c);
	} else if (strcmp(what, "profiles") == 0) {
		assert_int_equal(store_profile_list(st, &p, &n, NULL), 0);
		free(p);
	} else {
		assert_int_equal(store_olt_list(st, &o, &n, NULL), 0);
		free(o);
	}
	return (int)n;
}

static void
test_import_is_all_or_nothing_and_names_line_and_field(void **state)
{
	struct fx *f = *state;
	struct inv_counts c;
	char *cause = NULL;

	assert_int_equal(inv_import_text(f->st,
	    "type,name,vendor,host,user,code,customer,vlan,down_mbps,up_mbps\n"
	    "olt,a,huawei,10.0.0.1,root,,,,,\n"
	    "contract,,,,,K-1,Kim,,,\n"
	    "profile,p,,,,,,100,10,\n", "f.csv", &c, &cause), -1);
	assert_string_equal(cause, "f.csv line 4: up_mbps is required");
	free(cause);
	cause = NULL;
	assert_int_equal(rows(f->st, "olts") + rows(f->st, "contracts") +
	    rows(f->st, "profiles"), 0);

	assert_int_equal(inv_import_text(f->st,
	    "{\n \"olts\": [\n  {\"name\": \"a\", \"vendor\": \"zte\", \"host\": \"h\",\n"
	    "   \"user\": \"u\", \"port\": 2323},\n"
	    "  {\"name\": \"b\", \"vendor\": \"zte\", \"host\": \"h\", \"user\": \"u\",\n"
	    "   \"port\": 1.5}\n ]\n}\n", "f.json", &c, &cause), -1);
	assert_string_equal(cause, "f.json line 5: port: must be a whole number from 1 to 65535");
	free(cause);
	cause = NULL;
	assert_int_equal(rows(f->st, "olts"), 0);

	assert_int_equal(inv_import_text(f->st,
	    "{\"olts\": [{\"name\": \"a\", \"vendor\": \"zte\", \"host\": \"h\", "
	    "\"user\": \"u\", \"port\": 2323}],\n"
	    " \"contracts\": [{\"code\": \"K-1\", \"customer\": \"Kim\"}],\n"
	    " \"links\": [{\"sn\": \"ZTEG00000001\", \"contract\": \"K-1\"}]}",
	    "ok.json", &c, &cause), 0);
	assert_int_equal(c.added[INV_OLT], 1);
	assert_int_equal(c.added[INV_CONTRACT], 1);
	assert_int_equal(c.added[INV_LINK], 1);
	struct olt o;
	assert_int_equal(store_olt_by_name(f->st, "a", &o, NULL), 1);
	assert_int_equal(o.port, 2323);
	assert_int_equal(o.transport, TRANSPORT_TELNET);
}

static void
test_export_then_import_elsewhere_gives_the_same_export(void **state)
{
	struct fx *f = *state;
	struct inv_counts c;
	struct buf csv = { 0 }, js = { 0 }, again = { 0 };
	char *cause = NULL, *p2 = xasprintf("%s/other.db", f->dir);
	struct store *other;

	assert_int_equal(inv_import_text(f->st,
	    "type,name,vendor,host,user,tags,code,customer,address,vlan,down_mbps,up_mbps,wan,sn,contract\n"
	    "olt,pop,huawei,10.0.0.1,root,\"x,y\",,,,,,,,,\n"
	    "contract,,,,,,C-1,\"Ana, \"\"la jefa\"\"\",\"Calle 1, Piso 2\",,,,,,\n"
	    "profile,home,,,,,,,,100,300,100,pppoe,,\n"
	    "link,,,,,,,,,,,,,HWTC0000ABCD,C-1\n", "in.csv", &c, &cause), 0);
	assert_int_equal(inv_export(f->st, false, &csv, &cause), 0);
	assert_int_equal(inv_export(f->st, true, &js, &cause), 0);
	assert_non_null(strstr(buf_str(&csv), "\"Ana, \"\"la jefa\"\"\""));
	other = store_open(p2, &cause);
	assert_non_null(other);
	assert_int_equal(inv_import_text(other, buf_str(&js), "exp.json", &c, &cause), 0);
	assert_int_equal(inv_export(other, false, &again, &cause), 0);
	assert_string_equal(buf_str(&again), buf_str(&csv));
	store_close(other);
	buf_free(&csv);
	buf_free(&js);
	buf_free(&again);
	free(p2);
}

static void
test_olt_secrets_are_sealed_and_kept_across_edits(void **state)
{
	struct fx *f = *state;
	struct vault *v;
	struct olt o, got, change;
	bool created;
	char *cause = NULL, *key = xasprintf("%s/key", f->dir), *plain, *cmd;
	uint32_t set = 0;

	v = unlock_vault(f->st, key, &created, &cause);
	assert_non_null(v);
	assert_true(created);
	inv_init(INV_OLT, &o);
	strcpy(o.name, "sealed");
	strcpy(o.driver, "huawei");
	strcpy(o.host, "h");
	strcpy(o.user, "u");
	assert_int_equal(inv_complete(INV_OLT, &o, 0x27, "", &cause), 0);
	assert_int_equal(inv_olt_add(f->st, v, &o, "pa55-word-XYZ", "pub-comm-XYZ", &cause), 0);
	assert_int_equal(store_olt_by_name(f->st, "sealed", &got, &cause), 1);
	assert_true(str_startswith(got.password_sealed, "v1:"));
	plain = vault_unseal(v, got.password_sealed, &cause);
	assert_string_equal(plain, "pa55-word-XYZ");
	vault_secret_free(plain);

	/* An edit of the host keeps the sealed secrets. */
	inv_init(INV_OLT, &change);
	assert_int_equal(inv_set(INV_OLT, &change, &set, 2, "h2", "--", &cause), 0);
	assert_int_equal(inv_olt_edit(f->st, NULL, "sealed", &change, set, NULL, NULL, NULL), 0);
	assert_int_equal(store_olt_by_name(f->st, "sealed", &o, &cause), 1);
	assert_string_equal(o.host, "h2");
	assert_string_equal(o.password_sealed, got.password_sealed);
	/* An import of the same OLT keeps them too. */
	struct inv_counts c;
	assert_int_equal(inv_import_text(f->st, "name,vendor,host,user\nsealed,huawei,h3,u\n",
	    "x.csv", &c, &cause), 0);
	assert_int_equal(c.updated[INV_OLT], 1);
	assert_int_equal(store_olt_by_name(f->st, "sealed", &o, &cause), 1);
	assert_string_equal(o.host, "h3");
	assert_string_equal(o.password_sealed, got.password_sealed);
	vault_free(v);
	store_close(f->st);
	f->st = store_open(f->path, NULL);
	cmd = xasprintf("cat %s %s-wal 2>/dev/null | grep -aq -e pa55-word-XYZ -e pub-comm-XYZ",
	    f->path, f->path);
	assert_int_not_equal(system(cmd), 0);
	free(cmd);

	/* The same key opens the vault again; another key is refused. */
	v = unlock_vault(f->st, key, &created, &cause);
	assert_non_null(v);
	assert_false(created);
	vault_free(v);
	free(key);
	/* A key file that does not exist is refused before one is made (issue
	   13: a new key was made, then refused as "wrong"). */
	key = xasprintf("%s/other-key", f->dir);
	assert_null(unlock_vault(f->st, key, &created, &cause));
	assert_non_null(strstr(cause, "a new key cannot open them"));
	assert_int_not_equal(access(key, F_OK), 0);
	free(cause);
	cause = NULL;
	/* Another key that exists is refused as the wrong one. */
	v = vault_open_keyfile(key, &created, &cause);
	assert_non_null(v);
	assert_true(created);
	vault_free(v);
	assert_null(unlock_vault(f->st, key, &created, &cause));
	assert_non_null(strstr(cause, "wrong"));
	free(cause);
	unlink(key);
	free(key);
}

static void
test_duplicates_and_missing_are_refused(void **state)
{
	struct fx *f = *state;
	struct contract c;
	struct profile p;
	char *cause = NULL;

	inv_init(INV_CONTRACT, &c);
	strcpy(c.code, "D-1");
	strcpy(c.customer, "D");
	assert_int_equal(inv_contract_add(f->st, &c, &cause), 0);
	assert_int_equal(inv_contract_add(f->st, &c, &cause), -1);
	assert_string_equal(cause, "contract D-1 already exists");
	free(cause);
	cause = NULL;
	inv_init(INV_PROFILE, &p);
	strcpy(p.name, "p");
	p.vlan = 7;
	p.down_mbps = p.up_mbps = 1;
	assert_int_equal(inv_profile_add(f->st, &p, &cause), 0);
	assert_int_equal(inv_profile_add(f->st, &p, &cause), -1);
	free(cause);
	cause = NULL;
	struct err err = { 0 };
	assert_int_equal(inv_olt_remove(f->st, "ghost", &err), -1);
	assert_int_equal(err.kind, ERR_USAGE);
	assert_non_null(strstr(err_text(&err), "no OLT called ghost"));
	err_clear(&err);
}

/* Adds OLT name with one ONT (sn) on 0/1/0; returns the OLT's id. */
static int64_t
olt_with_ont(struct store *st, const char *name, const char *sn)
{
	struct olt o;
	struct ont_reading r = { .ont_id = 3, .distance_m = -1, .read_at = 1 };
	char *cause = NULL;

	inv_init(INV_OLT, &o);
	strcpy(o.name, name);
	strcpy(o.driver, "huawei");
	strcpy(o.host, "h");
	strcpy(o.user, "u");
	assert_int_equal(inv_complete(INV_OLT, &o, 0x27, "", &cause), 0);
	assert_int_equal(inv_olt_add(st, NULL, &o, NULL, NULL, &cause), 0);
	assert_int_equal(store_olt_by_name(st, name, &o, &cause), 1);
	strcpy(r.port, "0/1/0");
	strcpy(r.sn, sn);
	r.rx_dbm = r.olt_rx_dbm = NAN;
	assert_int_equal(store_onts_upsert(st, o.id, &r, 1, &cause), 0);
	return o.id;
}

/* The audit entries of the ONT sn with action, as "action contract olt outcome". */
static char *
audit_of(struct store *st, const char *sn)
{
	struct audit_filter af = { .ont_sn = sn };
	struct audit_entry *e;
	struct buf b = { 0 };
	size_t n;

	assert_int_equal(audit_list(st, &af, &e, &n, NULL), 0);
	for (size_t i = 0; i < n; i++)
		buf_addf(&b, "%s%s %s %s %s", i ? "; " : "", e[i].action, e[i].contract,
		    e[i].olt, e[i].outcome);
	audit_entries_free(e, n);
	return buf_take(&b);
}

static void
test_link_and_unlink_change_the_database_and_are_audited(void **state)
{
	struct fx *f = *state;
	struct contract c;
	struct ont o;
	struct err err = { 0 };
	char was[NAME_MAX_LEN + 1], *cause = NULL, *trail;

	olt_with_ont(f->st, "pop-1", "HWTC0000ABCD");
	inv_init(INV_CONTRACT, &c);
	strcpy(c.code, "L-1");
	strcpy(c.customer, "L");
	assert_int_equal(inv_contract_add(f->st, &c, &cause), 0);
	strcpy(c.code, "L-2");
	assert_int_equal(inv_contract_add(f->st, &c, &cause), 0);

	/* Unknown names are usage errors naming them, and change nothing. */
	assert_int_equal(inv_link(f->st, "HWTC0000ABCD", "L-404", was, &err), -1);
	assert_int_equal(err.kind, ERR_USAGE);
	assert_non_null(strstr(err_text(&err), "no contract L-404"));
	err_clear(&err);
	assert_int_equal(inv_link(f->st, "HWTC0000FFFF", "L-1", was, &err), -1);
	assert_int_equal(err.kind, ERR_USAGE);
	assert_non_null(strstr(err_text(&err), "no ONT with serial HWTC0000FFFF"));
	err_clear(&err);
	assert_int_equal(inv_link(f->st, "not-a-serial", "L-1", was, &err), -1);
	assert_int_equal(err.kind, ERR_USAGE);
	err_clear(&err);
	assert_int_equal(inv_unlink(f->st, "HWTC0000ABCD", was, &err), -1);
	assert_int_equal(err.kind, ERR_REFUSED);
	err_clear(&err);
	trail = audit_of(f->st, "HWTC0000ABCD");
	assert_string_equal(trail, "");
	free(trail);
	assert_int_equal(store_ont_by_sn(f->st, "HWTC0000ABCD", &o, &cause), 1);
	assert_string_equal(o.contract, "");

	/* Link (the 16-hex form names the same ONT), relink, unlink. */
	assert_int_equal(inv_link(f->st, "485754430000abcd", "L-1", was, &err), 0);
	assert_string_equal(was, "");
	assert_int_equal(store_ont_by_sn(f->st, "HWTC0000ABCD", &o, &cause), 1);
	assert_string_equal(o.contract, "L-1");
	assert_int_equal(inv_link(f->st, "HWTC0000ABCD", "L-1", was, &err), 0);
	assert_string_equal(was, "L-1");
	assert_int_equal(inv_link(f->st, "HWTC0000ABCD", "L-2", was, &err), 0);
	assert_string_equal(was, "L-1");
	assert_int_equal(store_ont_by_sn(f->st, "HWTC0000ABCD", &o, &cause), 1);
	assert_string_equal(o.contract, "L-2");
	assert_int_equal(inv_unlink(f->st, "HWTC0000ABCD", was, &err), 0);
	assert_string_equal(was, "L-2");
	assert_int_equal(store_ont_by_sn(f->st, "HWTC0000ABCD", &o, &cause), 1);
	assert_string_equal(o.contract, "");

	/* One entry per change (none for the link that was there already),
	   each naming the ONT, its OLT and the contract. */
	trail = audit_of(f->st, "HWTC0000ABCD");
	assert_string_equal(trail, "ont link L-1 pop-1 ok; ont link L-2 pop-1 ok; "
	    "ont unlink L-2 pop-1 ok");
	free(trail);
}

/* Found by fuzzing (tests/fuzz/regress/import/): an import's error quoted
   an unknown column or JSON key with its invalid UTF-8 or escapes (the
   message goes to a terminal); it says '?' instead. */
static void
test_import_errors_never_quote_unclean_names(void **state)
{
	static const char *const bad[] = {
		"code,c\x94ustomer\nC-1,Ana\n",
		"code,cu\xc2\x9bst\nC-1,Ana\n",
		"{\"contracts\": [{\"code\": \"C-1\", \"cu\\u001b[2J\": \"x\"}]}",
		"{\"contracts\": [{\"code\": \"C-1\", \"n\xe9\": [1]}]}",
		"{\"c\xffx\": [{\"code\": \"C-1\"}]}",
	};
	struct fx *f = *state;
	struct inv_counts c;

	for (size_t i = 0; i < nitems(bad); i++) {
		char *cause = NULL;

		assert_int_equal(inv_import_text(f->st, bad[i], "in.csv", &c, &cause), -1);
		if (!text_is_clean(cause, false))
			fail_msg("import %zu: the cause is not clean text: %s", i, cause);
		assert_non_null(strstr(cause, "'?'") != NULL ? cause : strstr(cause, "?"));
		free(cause);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
		T(test_every_field_error_names_the_option_and_the_form),
		T(test_good_values_are_stored_and_defaults_follow_the_vendor),
		T(test_csv_reader_handles_quotes_commas_and_line_breaks),
		T(test_import_is_all_or_nothing_and_names_line_and_field),
		T(test_export_then_import_elsewhere_gives_the_same_export),
		T(test_olt_secrets_are_sealed_and_kept_across_edits),
		T(test_duplicates_and_missing_are_refused),
		T(test_link_and_unlink_change_the_database_and_are_audited),
		T(test_import_errors_never_quote_unclean_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
