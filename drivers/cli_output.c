/*
 * cli_output.c — what the CLI engine makes of a command's raw bytes: the
 * clean text (rendered like a terminal, echo and final prompt removed,
 * the dialect's pager/question/alarm debris removed, blank lines trimmed)
 * and the first error line by the vendor's table, wrapped "Failure:" lines
 * joined.  Also prompt recognition, which both the read loop and the
 * cleaning use.
 *
 * Pure functions of the session's compiled patterns; one thread at a time
 * per session, like the rest of the engine.
 */
#include "drivers/cli_impl.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "drivers/textclean.h"

/* Returns the mode whose prompt is line and sets host, or UNKNOWN. */
enum cli_mode
cli_match_prompt(const struct cli *c, const char *line, char *host, size_t hostsz)
{
	regmatch_t m[2];
	size_t i, n;

	for (i = 0; i < c->nmodes; i++) {
		if (regexec(&c->mode_re[i], line, 2, m, 0) != 0 || m[1].rm_so < 0)
			continue;
		n = (size_t)(m[1].rm_eo - m[1].rm_so);
		if (c->host[0] != '\0' && (strlen(c->host) != n ||
		    strncmp(c->host, line + m[1].rm_so, n) != 0))
			continue;
		if (host != NULL) {
			if (n >= hostsz)
				n = hostsz - 1;
			memcpy(host, line + m[1].rm_so, n);
			host[n] = '\0';
		}
		return c->v->modes[i].mode;
	}
	return CLI_MODE_UNKNOWN;
}

/* Skips the echo of cmd at the start of s, ignoring white space and line
   breaks (a wrapped echo); returns s when s does not start with it. */
static const char *
skip_echo(const char *s, const char *cmd)
{
	const char *p = s;

	while (*cmd != '\0') {
		if (isspace((unsigned char)*cmd)) {
			cmd++;
			continue;
		}
		while (*p != '\0' && isspace((unsigned char)*p))
			p++;
		if (*p != *cmd)
			return s;
		p++;
		cmd++;
	}
	while (*p != '\0' && *p != '\n')
		p++;
	return *p == '\n' ? p + 1 : p;
}

/* Cleans raw output (see cli.h). */
char *
cli_clean_output(const struct cli *c, const char *cmd, const char *raw,
    size_t len)
{
	char *r, *body, *d, *end, *last, *start;

	r = tc_strip_terminal(raw, len);
	body = xstrdup(cmd != NULL && *cmd != '\0' ? skip_echo(r, cmd) : r);
	free(r);
	/* Drop the final prompt line. */
	end = body + strlen(body);
	while (end > body && (end[-1] == '\n' || end[-1] == ' '))
		*--end = '\0';
	last = strrchr(body, '\n');
	last = last != NULL ? last + 1 : body;
	if (cli_match_prompt(c, last, NULL, 0) != CLI_MODE_UNKNOWN)
		*last = '\0';
	d = tc_strip_debris(c->v, body);
	free(body);
	/* Trim blank lines at both ends (keep the first line's indentation). */
	start = d;
	for (char *p = d; *p != '\0'; p++) {
		if (*p == '\n')
			start = p + 1;
		else if (!isspace((unsigned char)*p))
			break;
	}
	end = start + strlen(start);
	while (end > start && isspace((unsigned char)end[-1]))
		end--;
	r = xstrndup(start, (size_t)(end - start));
	free(d);
	return r;
}

/* Returns the leading white space width of s. */
static size_t
indent_of(const char *s)
{
	size_t n = 0;

	while (s[n] == ' ' || s[n] == '\t')
		n++;
	return n;
}

/* Finds the first error line in clean output; returns its kind and sets
   *text (the device's words, wrapped lines joined) or ERR_NONE. */
enum err_kind
cli_find_error(const struct cli *c, const char *clean, char **text)
{
	enum err_kind kind = ERR_NONE;
	char **lines;
	size_t n, i, k, j;
	struct buf b = { 0 };

	*text = NULL;
	n = str_split_lines(clean, &lines);
	for (i = 0; i < n && kind == ERR_NONE; i++) {
		for (k = 0; k < c->nerr; k++) {
			if (regexec(&c->err_re[k], lines[i], 0, NULL, 0) != 0)
				continue;
			kind = c->v->errors[k].kind;
			buf_adds(&b, lines[i] + indent_of(lines[i]));
			for (j = i + 1; c->v->errors[k].wraps && j < n; j++) {
				size_t ind = indent_of(lines[j]);
				bool other = false;

				if (lines[j][ind] == '\0' ||
				    ind != indent_of(lines[i]))
					break;
				for (size_t e = 0; e < c->nerr; e++)
					if (regexec(&c->err_re[e], lines[j], 0,
					    NULL, 0) == 0)
						other = true;
				if (other || cli_match_prompt(c, lines[j], NULL, 0) !=
				    CLI_MODE_UNKNOWN)
					break;
				buf_addc(&b, ' ');
				buf_adds(&b, lines[j] + ind);
			}
			break;
		}
	}
	strv_free(lines, n);
	if (kind != ERR_NONE)
		*text = buf_take(&b);
	buf_free(&b);
	return kind;
}
