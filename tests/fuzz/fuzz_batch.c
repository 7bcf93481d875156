/*
 * fuzz_batch.c — the batch-file reader of `oltui provision --batch`
 * (tui/verbs/verb_batch.c verb_batch_parse) on any bytes.
 *
 * Input: the file's bytes.
 *
 * Invariants: a file read without error gives at least one line, each a
 * canonical serial (4 vendor characters + 8 hex digits), an ONT id of -1
 * or 0-255, line numbers rising within the file's line count; a refused
 * file gives no lines and one line of clean text as the cause (it is
 * printed on the terminal).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/ops.h"
#include "lib/sn.h"
#include "tests/fuzz/harness.h"
#include "tui/verbs/verb_batch.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct op_batch_line *lines = NULL;
	size_t n = 99, nlines = 1, last = 0;
	char *cause = NULL;

	for (size_t i = 0; i < size; i++)
		if (data[i] == '\n')
			nlines++;
	if (verb_batch_parse((const char *)data, size, "batch.txt", &lines, &n, &cause) == 0) {
		if (n == 0 || lines == NULL)
			fz_fail("a batch read without error has no line");
		for (size_t i = 0; i < n; i++) {
			if (!sn_is_canonical(lines[i].sn))
				fz_fail("line %zu's serial \"%s\" is not canonical",
				    lines[i].lineno, lines[i].sn);
			if (lines[i].ont_id < -1 || lines[i].ont_id > 255)
				fz_fail("line %zu's ONT id %d", lines[i].lineno, lines[i].ont_id);
			if (lines[i].lineno <= last || lines[i].lineno > nlines)
				fz_fail("line number %zu after %zu (of %zu)", lines[i].lineno,
				    last, nlines);
			last = lines[i].lineno;
		}
	} else {
		if (lines != NULL || n != 0)
			fz_fail("a refused batch left %zu lines", n);
		if (cause == NULL)
			fz_fail("a refused batch without a cause");
		fz_clean("the batch reader's cause", cause, false);
	}
	free(lines);
	free(cause);
	return 0;
}
