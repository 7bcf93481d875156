/*
 * fuzz_parse.c — libFuzzer harness for the cleaner and the parsers.
 *
 * Not built by make.  Build and run (clang):
 *
 *   make all &&
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined -I. \
 *       $(pkg-config --cflags libcjson) tests/fuzz/fuzz_parse.c \
 *       -Wl,--whole-archive build/libdrivers.a -Wl,--no-whole-archive \
 *       build/liblib.a $(pkg-config --libs libssh libtelnet netsnmp libcjson) \
 *       -lm -o build/fuzz_parse
 *   build/fuzz_parse tests/fixtures/huawei tests/fixtures/zte
 *
 * The first input byte picks the driver (bit 0) and the kind (the rest,
 * modulo the number of kinds); the remaining bytes are a raw capture, fed
 * through tc_clean_capture, huawei_echo_port, parse_output and the JSON
 * builder exactly as `oltui parse` does.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "drivers/driver.h"
#include "drivers/parse.h"
#include "drivers/parse_json.h"
#include "drivers/textclean.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct olt_driver *v;
	enum pr_kind k;
	struct pr_result res;
	char *clean, *term, *port, *cause = NULL;

	if (size < 1)
		return 0;
	if (driver_count() == 0)
		return 0;
	v = driver_at((size_t)(data[0] & 1) % driver_count());
	k = (enum pr_kind)((data[0] >> 1) % PR_KIND_COUNT);
	data++, size--;
	clean = tc_clean_capture(v->cli, (const char *)data, size);
	term = tc_strip_terminal((const char *)data, size);
	port = v->parsers->echo_port != NULL ? v->parsers->echo_port(term) : NULL;
	if (parse_output(v, k, clean, port, &res, &cause) == 0) {
		cJSON *j = pr_result_json(v, &res);
		char *s = cJSON_PrintUnformatted(j);

		cJSON_free(s);
		cJSON_Delete(j);
	} else if (cause == NULL) {
		abort();	/* every failure must say why */
	}
	free(cause);
	pr_result_free(&res);
	free(port);
	free(term);
	free(clean);
	return 0;
}
