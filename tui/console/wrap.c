/*
 * wrap.c — long lines broken at spaces for the console's text views: the
 * write preview and result, the alarm texts, the help lines.  Nothing a
 * technician needs is cut at the right edge, and no word is split unless it
 * is wider than the pane — then after a dot or a slash where it has one (a
 * TR-069 parameter path, a URL), else where the row ends.
 *
 * Lines made of parts joined by a separator (the router view's "WAN  PPPoE
 * c1001@isp · Connected · 100.64.3.7") break after a separator when one
 * fits in the row (wrap_line_sep), so a part ("dns 1.1.1.1") stays whole
 * and the row ends with the separator's glyph.
 *
 * A line's first row keeps its own leading blanks; the rows after it hang
 * under its text: under the word after a step number ("  3  service-port
 * ...") or after a label ("     undo: service-port ..."), else two columns
 * in from the leading blanks — or at a column the caller gives (the help's
 * third column).  Widths are display columns of UTF-8 text (wcwidth), so
 * a "✔" counts one.  No curses here: tests/unit/test_console_panes.c calls
 * it directly.  Any thread (it only reads its arguments).
 */
#include "tui/console/console.h"

#include <string.h>
#include <wchar.h>

/* The columns and bytes of the character at s (n bytes left); an invalid
   byte is one column. */
static int
char_cols(const char *s, size_t n, size_t *bytes)
{
	mbstate_t ms;
	wchar_t wc;
	size_t k;
	int cw;

	memset(&ms, 0, sizeof ms);
	k = mbrtowc(&wc, s, n, &ms);
	if (k == (size_t)-1 || k == (size_t)-2 || k == 0) {
		*bytes = 1;
		return 1;
	}
	*bytes = k;
	cw = wcwidth(wc);
	return cw < 0 ? 1 : cw;
}

/* The display columns of s[0..n). */
static int
span_cols(const char *s, size_t n)
{
	int cols = 0;
	size_t b;

	for (size_t i = 0; i < n; i += b)
		cols += char_cols(s + i, n - i, &b);
	return cols;
}

/* The hanging indent of line[0..n): under the word after a step number or
   a "label:", else two columns in from the leading blanks. */
static int
auto_hang(const char *line, size_t n)
{
	size_t lead = 0, tok, end;
	bool number = true;

	while (lead < n && line[lead] == ' ')
		lead++;
	for (tok = lead; tok < n && line[tok] != ' '; tok++)
		if (line[tok] < '0' || line[tok] > '9')
			number = false;
	if (tok > lead && (number || line[tok - 1] == ':')) {
		for (end = tok; end < n && line[end] == ' '; end++)
			;
		if (end < n)
			return span_cols(line, end);
	}
	return (int)lead + 2;
}

size_t
wrap_line(const char *line, size_t n, int w, int hang, struct wrap_row *rows, size_t max)
{
	return wrap_line_sep(line, n, w, hang, NULL, rows, max);
}

/* True when the blank at line[i] ends an occurrence of sep (which ends in
   a blank) that starts at or after pos. */
static bool
ends_sep(const char *line, size_t pos, size_t i, const char *sep, size_t seplen)
{
	return sep != NULL && seplen > 0 && i + 1 >= pos + seplen &&
	    memcmp(line + i + 1 - seplen, sep, seplen) == 0;
}

size_t
wrap_line_sep(const char *line, size_t n, int w, int hang, const char *sep,
    struct wrap_row *rows, size_t max)
{
	size_t pos = 0, nrows = 0, seplen = sep != NULL ? strlen(sep) : 0;

	if (w < 1)
		w = 1;
	if (hang < 0)
		hang = auto_hang(line, n);
	/* A hang past half the width (under a long "path:") would leave the
	   value a narrow column cut mid-word: it hangs four in instead. */
	if (hang > w / 2)
		hang = w > 10 ? 4 : 0;
	do {
		int indent = nrows == 0 ? 0 : hang, room = w - indent, cols = 0;
		size_t i, b = 1, brk = 0, sbrk = 0, dbrk = 0, end, len;

		/* the longest run that fits, the last blank inside it, and the
		   last blank that ends a separator */
		for (i = pos; i < n; i += b) {
			int cw = char_cols(line + i, n - i, &b);

			if (cols + cw > room)
				break;
			if (line[i] == ' ' && i > pos && line[i - 1] != ' ')
				brk = i;
			if (line[i] == ' ' && ends_sep(line, pos, i, sep, seplen))
				sbrk = i;
			if ((line[i] == '.' || line[i] == '/') && i > pos)
				dbrk = i + 1;
			cols += cw;
		}
		if (i >= n)
			end = n;		/* the rest fits */
		else if (sbrk > pos)
			end = sbrk;		/* after a separator: the parts stay whole */
		else if (line[i] == ' ')
			end = i;		/* the row ends at a word's end */
		else if (brk > pos)
			end = brk;		/* break at the last blank */
		else if (dbrk > pos)
			end = dbrk;		/* a long path: after its last dot or slash */
		else
			end = i;		/* a word wider than the row: cut it */
		if (end <= pos && pos < n)
			end = pos + b;		/* always move on */
		for (len = end - pos; len > 0 && line[pos + len - 1] == ' '; len--)
			;
		if (nrows < max)
			rows[nrows] = (struct wrap_row){ pos, len, indent };
		nrows++;
		for (pos = end; pos < n && line[pos] == ' '; pos++)
			;
	} while (pos < n);
	return nrows;
}
