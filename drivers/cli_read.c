/*
 * cli_read.c — the reads CLI drivers share (cli_read.h).
 *
 * Stateless; any thread with its own session.
 */
#include "drivers/cli_read.h"

#include <stdlib.h>
#include <string.h>

#include "drivers/driver.h"
#include "drivers/validate.h"
#include "lib/util.h"

int
cli_read(struct cli *c, enum cli_mode mode, const char *arg, const char *cmd,
    char **out, struct err *e)
{
	struct err e2 = { 0 };
	int rc;

	*out = NULL;
	if (mode != CLI_MODE_PRIV && cli_enter(c, mode, arg, e) != 0)
		return -1;
	if (mode == CLI_MODE_PRIV && cli_current_mode(c) != CLI_MODE_PRIV &&
	    cli_leave(c, e) != 0)
		return -1;
	rc = cli_run(c, cmd, NULL, out, e);
	if (rc != 0) {
		free(*out);
		*out = NULL;
	}
	if (cli_current_mode(c) != CLI_MODE_PRIV && !cli_broken(c) &&
	    cli_leave(c, rc == 0 ? e : &e2) != 0 && rc == 0) {
		free(*out);
		*out = NULL;
		rc = -1;
	}
	err_clear(&e2);
	return rc;
}

int
cli_read_here(struct cli *c, unsigned modes, const char *cmd, char **out, struct err *e)
{
	enum cli_mode m = cli_current_mode(c);

	*out = NULL;
	if ((modes & CLI_READ_MODE(m)) == 0) {
		if ((modes & CLI_READ_MODE(CLI_MODE_CONFIG)) != 0 && (m == CLI_MODE_IF ||
		    m == CLI_MODE_ONU || m == CLI_MODE_OTHER)) {
			if (cli_enter(c, CLI_MODE_CONFIG, NULL, e) != 0)
				return -1;
		} else if (cli_leave(c, e) != 0)
			return -1;
	}
	if (cli_run(c, cmd, NULL, out, e) != 0) {
		free(*out);
		*out = NULL;
		return -1;
	}
	return 0;
}

void
cli_read_parse_error(struct cli *c, const char *cmd, char *cause, struct err *e)
{
	err_clear(e);
	e->kind = ERR_FAILURE;
	e->command = xstrdup(cmd);
	e->message = xasprintf("%s: cannot read the answer to \"%s\": %s", cli_label(c),
	    cmd, cause != NULL ? cause : "unreadable output");
	free(cause);
}

int
cli_read_parse(struct cli *c, enum cli_mode mode, const char *arg, const char *cmd,
    bool empty_ok, cli_read_parser fn, void *out, struct err *e)
{
	char *text, *cause = NULL;
	int rc = 0;

	if (cli_read(c, mode, arg, cmd, &text, e) < 0)
		return -1;
	if ((!empty_ok || *text != '\0') && (rc = fn(text, out, &cause)) < 0)
		cli_read_parse_error(c, cmd, cause, e);
	free(text);
	return rc;
}

int
cli_read_session(struct session *s, struct cli **c, struct err *e)
{
	if ((*c = session_cli(s)) != NULL)
		return 0;
	err_set(e, ERR_REFUSED, "%s: not a CLI session", s->label);
	return -1;
}

int
cli_read_session_parse(struct session *s, const char *cmd, bool empty_ok,
    cli_read_parser fn, void *out, struct err *e)
{
	struct cli *c;

	if (cli_read_session(s, &c, e) < 0)
		return -1;
	return cli_read_parse(c, CLI_MODE_PRIV, NULL, cmd, empty_ok, fn, out, e);
}

int
cli_read_port(struct cli *c, const struct gpon_limits *l, const char *port, int *frame,
    int *slot, int *pon, struct err *e)
{
	char *cause = NULL;

	if (validate_port(l, "port", port, frame, slot, pon, &cause) == 0)
		return 0;
	err_set(e, ERR_REFUSED, "%s: %s", cli_label(c), cause);
	free(cause);
	return -1;
}

/* True when a trimmed configuration line ends a block. */
static bool
block_end(const char *l)
{
	static const char *const ends[] = { "!", "#", "quit", "end", "return" };

	for (size_t i = 0; i < nitems(ends); i++)
		if (strcmp(l, ends[i]) == 0)
			return true;
	return l[0] == '[' || str_startswith(l, "interface ");
}

int
cli_read_block(const char *text, const char *header, const char *prefix,
    enum cli_mode mode, const char *mode_arg, struct ont_config *k)
{
	char **lines = NULL;
	size_t n = str_split_lines(text, &lines);
	int added = -1;

	for (size_t i = 0; i < n; i++) {
		char *l = str_trim(lines[i]);

		if (added < 0) {
			if (strcmp(l, header) == 0)
				added = 0;
			continue;
		}
		if (block_end(l))
			break;
		if (*l == '\0' || (prefix != NULL && !str_startswith(l, prefix)))
			continue;
		ont_config_add_line(k, mode, mode_arg, l);
		added++;
	}
	strv_free(lines, n);
	return added;
}
