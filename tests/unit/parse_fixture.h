/* parse_fixture.h — loading parser fixtures for the unit tests (static
   helpers, included by test_huawei_parse.c, test_zte_parse.c and
   test_parse_fuzz.c). */
#ifndef OLTUI_TEST_PARSE_FIXTURE_H
#define OLTUI_TEST_PARSE_FIXTURE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "drivers/driver.h"
#include "drivers/parse.h"
#include "drivers/textclean.h"
#include "lib/util.h"

/* Reads tests/fixtures/<rel> (under $OLTUI_TOP, else the cwd); *len gets
   the size.  Fails the test when the file is missing. */
static char *
fixture_load(const char *rel, size_t *len)
{
	const char *top = getenv("OLTUI_TOP");
	char *path = xasprintf("%s/tests/fixtures/%s", top ? top : ".", rel);
	FILE *f = fopen(path, "rb");
	struct buf b = { 0 };
	char chunk[4096];
	size_t n;

	if (f == NULL) {
		fprintf(stderr, "cannot open fixture %s\n", path);
		free(path);
		abort();
	}
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_add(&b, chunk, n);
	fclose(f);
	free(path);
	buf_add(&b, "", 0);
	*len = b.len;
	return buf_take(&b);
}

/* Cleans raw bytes like `oltui parse` does and parses them. */
static int
fixture_parse_bytes(const struct olt_driver *v, enum pr_kind k, const char *raw,
    size_t len, struct pr_result *res, char **cause)
{
	char *clean = tc_clean_capture(v->cli, raw, len);
	char *port = NULL;
	int rc;

	if (k == PR_OPTICAL_LIST && v->parsers->echo_port != NULL) {
		char *term = tc_strip_terminal(raw, len);

		port = v->parsers->echo_port(term);
		free(term);
	}
	rc = parse_output(v, k, clean, port, res, cause);
	free(port);
	free(clean);
	return rc;
}

/* Loads, cleans and parses a fixture. */
static int UNUSED
fixture_parse(const struct olt_driver *v, enum pr_kind k, const char *rel,
    struct pr_result *res, char **cause)
{
	size_t len;
	char *raw = fixture_load(rel, &len);
	int rc = fixture_parse_bytes(v, k, raw, len, res, cause);

	free(raw);
	return rc;
}

#endif
