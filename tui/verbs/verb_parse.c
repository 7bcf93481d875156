/*
 * verb_parse.c — `oltui parse VENDOR KIND [FILE]`: read the raw output of
 * one OLT command as captured from a terminal (prompt and echo lines,
 * smart questions, "Command:" blocks, pager markers and erase bytes
 * included), clean it (tc_clean_capture), parse it (parse_output) and print
 * the result as JSON on stdout.
 *
 * Exit: 0 parsed (an empty list is a result); 1 the output is a device
 * error or unreadable (message on stderr); 2 usage.  Runs on the main
 * thread; touches no device and no database.
 */
#include "tui/verbs/verb.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "drivers/driver.h"
#include "drivers/parse.h"
#include "drivers/parse_json.h"
#include "drivers/textclean.h"
#include "lib/util.h"

#define MAX_INPUT (64 * 1024 * 1024)	/* a capture larger than this is a mistake */

/* Reads all of f into *out; 0, or -1 with a message in *cause. */
static int
read_all(FILE *f, const char *name, struct buf *out, char **cause)
{
	char chunk[65536];
	size_t n;

	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
		if (out->len + n > MAX_INPUT) {
			set_cause(cause, "%s is larger than %d MB; capture one "
			    "command's output", name, MAX_INPUT / (1024 * 1024));
			return -1;
		}
		buf_add(out, chunk, n);
	}
	if (ferror(f)) {
		set_cause(cause, "cannot read %s: %s", name, strerror(errno));
		return -1;
	}
	buf_add(out, "", 0);
	return 0;
}

/* Lists the allowed words of one kind of argument. */
static char *
allowed_kinds(void)
{
	struct buf b = { 0 };

	for (int k = 0; k < PR_KIND_COUNT; k++)
		buf_addf(&b, "%s%s", k ? ", " : "", pr_kind_name((enum pr_kind)k));
	return buf_take(&b);
}

/* Runs `oltui parse`. */
static int
parse_run(int argc, char **argv, const struct globals *g)
{
	const char *vendor_s = NULL, *kind_s = NULL, *file = NULL, *port = NULL;
	const struct olt_driver *drv;
	enum pr_kind kind;
	struct buf in = { 0 };
	struct pr_result res;
	char *cause = NULL, *clean, *echo_port = NULL, *json;
	FILE *f = stdin;
	cJSON *tree;
	int rc;

	(void)g;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--port") == 0) {
			if (++i >= argc)
				return verb_usage_error("parse", "--port needs F/S/P");
			port = argv[i];
		} else if (strcmp(argv[i], "--json") == 0) {
			/* JSON is the only output */
		} else if (argv[i][0] == '-' && argv[i][1] != '\0') {
			return verb_usage_error("parse", "unknown option %s", argv[i]);
		} else if (vendor_s == NULL) {
			vendor_s = argv[i];
		} else if (kind_s == NULL) {
			kind_s = argv[i];
		} else if (file == NULL) {
			file = argv[i];
		} else {
			return verb_usage_error("parse", "too many arguments");
		}
	}
	if (vendor_s == NULL || kind_s == NULL)
		return verb_usage(verb_find("parse"));
	if ((drv = driver_find(vendor_s)) == NULL)
		return verb_usage_error("parse", "unknown vendor '%s' (allowed: %s)",
		    vendor_s, driver_names());
	if (pr_kind_from_name(kind_s, &kind) != 0) {
		char *k = allowed_kinds();

		verb_usage_error("parse", "unknown kind '%s' (allowed: %s)",
		    kind_s, k);
		free(k);
		return EXIT_USAGE;
	}
	if (port != NULL && str_has_control(port))
		return verb_usage_error("parse", "--port must be F/S/P");
	if (file != NULL && strcmp(file, "-") != 0) {
		if ((f = fopen(file, "rb")) == NULL) {
			fprintf(stderr, "oltui parse: cannot open %s: %s\n", file,
			    strerror(errno));
			return EXIT_FAIL;
		}
	}
	rc = read_all(f, file != NULL ? file : "standard input", &in, &cause);
	if (f != stdin)
		fclose(f);
	if (rc != 0) {
		fprintf(stderr, "oltui parse: %s\n", cause);
		free(cause);
		buf_free(&in);
		return EXIT_FAIL;
	}
	clean = tc_clean_capture(drv->cli, buf_str(&in), in.len);
	if (port == NULL && kind == PR_OPTICAL_LIST && drv->parsers != NULL &&
	    drv->parsers->echo_port != NULL) {
		char *term = tc_strip_terminal(buf_str(&in), in.len);

		echo_port = drv->parsers->echo_port(term);
		free(term);
		port = echo_port;
	}
	buf_free(&in);
	rc = parse_output(drv, kind, clean, port, &res, &cause);
	free(clean);
	if (rc != 0) {
		fprintf(stderr, "oltui parse: %s %s: %s\n", vendor_s, kind_s,
		    cause != NULL ? cause : "cannot read the output");
		free(cause);
		pr_result_free(&res);
		free(echo_port);
		return EXIT_FAIL;
	}
	if (pr_result_date_note(&res) != NULL)	/* dates read an assumed way */
		fprintf(stderr, "oltui parse: note: %s\n", pr_result_date_note(&res));
	tree = pr_result_json(drv, &res);
	json = cJSON_Print(tree);
	puts(json);
	cJSON_free(json);
	cJSON_Delete(tree);
	pr_result_free(&res);
	free(echo_port);
	return EXIT_OK;
}

const struct verb verbs_parse[] = {
	{ "parse", "VENDOR KIND [FILE] [--port F/S/P]",
	    "parse a captured command output (VENDOR: a driver, `oltui drivers`; autofind, ont-list, "
	    "ont-detail, optical, optical-list, service-ports, boards, version) "
	    "into JSON", parse_run },
	{ NULL, NULL, NULL, NULL },
};
