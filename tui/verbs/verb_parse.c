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

/* What `oltui parse` reads. */
struct parse_args {
	struct verb_common	 c;
	const char		*vendor;
	const char		*kind;
	const char		*file;		/* NULL or "-": standard input */
	const char		*port;		/* --port, or NULL */
};

/* Runs `oltui parse`. */
static int
parse_run(void *args)
{
	struct parse_args *a = args;
	const struct olt_driver *drv;
	enum pr_kind kind;
	struct buf in = { 0 };
	struct pr_result res;
	char *cause = NULL, *clean, *echo_port = NULL, *json;
	const char *port = a->port, *file = a->file;
	FILE *f = stdin;
	cJSON *tree;
	int rc;

	if ((drv = driver_find(a->vendor)) == NULL)
		return verb_fail(&a->c, ERR_USAGE, "unknown vendor '%s' (allowed: %s)",
		    a->vendor, driver_names());
	if (pr_kind_from_name(a->kind, &kind) != 0) {
		char *k = allowed_kinds();

		rc = verb_fail(&a->c, ERR_USAGE, "unknown kind '%s' (allowed: %s)", a->kind, k);
		free(k);
		return rc;
	}
	if (file != NULL && strcmp(file, "-") != 0) {
		if ((f = fopen(file, "rb")) == NULL)
			return verb_fail(&a->c, ERR_REFUSED, "cannot open %s: %s", file,
			    strerror(errno));
	}
	rc = read_all(f, file != NULL ? file : "standard input", &in, &cause);
	if (f != stdin)
		fclose(f);
	if (rc != 0) {
		buf_free(&in);
		return verb_fail_cause(&a->c, ERR_REFUSED, cause);
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
		rc = verb_fail(&a->c, ERR_FAILURE, "%s %s: %s", a->vendor, a->kind,
		    cause != NULL ? cause : "cannot read the output");
		free(cause);
		pr_result_free(&res);
		free(echo_port);
		return rc;
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

#define PA(m) offsetof(struct parse_args, m)

static const struct verb_opt parse_opts[] = {
	{ .name = "--port", .type = VA_STRING, .meta = "F/S/P", .off = PA(port), .max = 32,
	  .help = "the PON port the output is of (when the capture does not say)" },
	{ .name = "--json", .type = VA_FLAG, .off = VC_OFF(json),
	  .help = "accepted for symmetry: JSON is the only output" },
	VOPT_END,
};

static const struct verb_pos parse_pos[] = {
	{ .meta = "VENDOR", .type = VA_STRING, .off = PA(vendor),
	  .help = "a driver (`oltui drivers`)" },
	{ .meta = "KIND", .type = VA_STRING, .off = PA(kind),
	  .help = "autofind, ont-list, ont-detail, optical, optical-list, service-ports, "
	  "boards, version" },
	{ .meta = "FILE", .type = VA_PATH, .off = PA(file), .flags = VO_OPTIONAL,
	  .help = "the capture (standard input when left out or -)" },
	VPOS_END,
};

const struct verb verbs_parse[] = {
	{ .name = "parse", .summary = "parse a captured command output into JSON "
	  "(prompts, pager debris and questions included)", .opts = parse_opts,
	  .pos = parse_pos, .size = sizeof(struct parse_args), .run = parse_run },
	VERB_END,
};
