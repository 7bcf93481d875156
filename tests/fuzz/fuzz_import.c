/*
 * fuzz_import.c — the inventory import (core/inv_io.c inv_import_text:
 * CSV or JSON by content) into an empty in-memory database.
 *
 * Input: the file's text (up to the first NUL: inv_import refuses a file
 * holding one).  A leading '{' or '[' makes it JSON, anything else CSV.
 *
 * Invariants: an import that fails writes nothing (the export is that of
 * an empty database) and says why in one line of clean text; one that
 * succeeds stores only clean text: its JSON export is a valid document of
 * clean strings, and its CSV export imported into another empty database
 * exports the same JSON (export and import agree on every field).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/inventory.h"
#include "core/store.h"
#include "lib/util.h"
#include "tests/fuzz/harness.h"

static char *empty_json;	/* the JSON export of an empty database */

/* The JSON (or CSV) export of st; caller frees. */
static char *
export(struct store *st, bool json)
{
	struct buf b = { 0 };
	char *cause = NULL;

	if (inv_export(st, json, &b, &cause) != 0)
		fz_fail("the export failed: %s", cause);
	return buf_take(&b);
}

static struct store *
fresh(void)
{
	char *cause = NULL;
	struct store *st = store_open(":memory:", &cause);

	if (st == NULL)
		fz_fail("cannot open an in-memory database: %s", cause);
	return st;
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct store *st = fresh();

	(void)argc;
	(void)argv;
	empty_json = export(st, true);
	store_close(st);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fz in = { data, size };
	struct inv_counts counts;
	struct store *st, *again;
	char *text = fz_part(&in, NULL), *cause = NULL, *json, *csv, *json2;

	if (text == NULL)
		return 0;
	st = fresh();
	if (inv_import_text(st, text, "import.csv", &counts, &cause) != 0) {
		if (cause == NULL)
			fz_fail("an import failed without a cause");
		fz_clean("an import's cause", cause, false);
		json = export(st, true);
		if (strcmp(json, empty_json) != 0)
			fz_fail("a failed import wrote something: %.300s", json);
		free(json);
	} else {
		for (int k = 0; k < INV_KINDS; k++)
			if (counts.added[k] < 0 || counts.updated[k] < 0)
				fz_fail("negative counts");
		json = export(st, true);
		fz_json_text("the JSON export", json, false);
		csv = export(st, false);
		again = fresh();
		if (inv_import_text(again, csv, "export.csv", &counts, &cause) != 0)
			fz_fail("the CSV export does not import: %s\n%.500s", cause, csv);
		json2 = export(again, true);
		if (strcmp(json, json2) != 0)
			fz_fail("export, import, export changed the inventory:\n%.500s\n"
			    "---\n%.500s", json, json2);
		store_close(again);
		free(json2);
		free(csv);
		free(json);
	}
	store_close(st);
	free(cause);
	free(text);
	return 0;
}
