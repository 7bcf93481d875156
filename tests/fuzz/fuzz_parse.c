/*
 * fuzz_parse.c — every parser kind of every registered driver (the
 * test-only acme too), fed a raw capture exactly as `oltui parse` does:
 * tc_clean_capture, the driver's echo port, parse_output, the JSON builder.
 *
 * Input: byte 0 picks the driver (modulo the registry's size), byte 1 the
 * kind (modulo PR_KIND_COUNT); the rest is the capture.
 *
 * Invariants: the rendered and the cleaned capture are clean text but for
 * line breaks (lib/text.h);
 * every failure says why; a result's JSON has only clean strings (no
 * control, C1 or reordering character, valid UTF-8: what a device sends is
 * cleaned before it is stored or printed) and finite numbers, and reads
 * back as itself.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <cjson/cJSON.h>

#include "drivers/driver.h"
#include "drivers/parse.h"
#include "drivers/parse_json.h"
#include "drivers/textclean.h"
#include "tests/fuzz/harness.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fz in = { data, size };
	const struct olt_driver *v;
	enum pr_kind k;
	struct pr_result res;
	char *raw, *clean, *term, *port, *cause = NULL;
	size_t len;

	if (size < 2 || driver_count() == 0)
		return 0;
	v = driver_at(fz_byte(&in) % driver_count());
	k = (enum pr_kind)(fz_byte(&in) % PR_KIND_COUNT);
	if (v->parsers == NULL)
		return 0;
	raw = fz_rest(&in, &len);
	clean = tc_clean_capture(v->cli, raw, len);
	fz_clean("the cleaned capture", clean, true);
	term = tc_strip_terminal(raw, len);
	fz_clean("the rendered capture", term, true);
	port = v->parsers->echo_port != NULL ? v->parsers->echo_port(term) : NULL;
	fz_clean("the echoed port", port, false);
	if (parse_output(v, k, clean, port, &res, &cause) == 0) {
		cJSON *j = pr_result_json(v, &res);

		fz_json("the parsed result", j, false);
		cJSON_Delete(j);
	} else if (cause == NULL) {
		fz_fail("parse_output failed without a cause");
	}
	free(cause);
	pr_result_free(&res);
	free(port);
	free(term);
	free(clean);
	free(raw);
	return 0;
}
