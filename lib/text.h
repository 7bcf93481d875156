/*
 * text.h — is this text safe to store, print, draw and put in JSON?
 *
 * What a user types, what a file imports and what a device sends all end
 * up in the database, on a terminal and in `--json` output.  Text is
 * accepted when it is valid UTF-8 (no overlong forms, no surrogates,
 * nothing past U+10FFFF) and holds no control character: not the C0
 * controls and DEL (TAB, CR, LF, ESC...), not the C1 controls U+0080 to
 * U+009F (U+009B is a one-character CSI on many terminals), and not the
 * characters that reorder what a terminal shows (the bidirectional
 * embeddings, overrides and isolates U+202A-U+202E, U+2066-U+2069, and
 * the marks U+200E, U+200F, U+061C).
 *
 * Input is refused with text_problem()'s phrase; device output, which
 * cannot be refused, is cleaned with text_sanitize().
 *
 * Pure functions; any thread.
 */
#ifndef OLTUI_TEXT_H
#define OLTUI_TEXT_H

#include <stdbool.h>
#include <stddef.h>

/* NULL when s is clean; else a phrase for a message: "a control character
   (tab, line break, escape)", "invalid UTF-8", "a C1 control character
   (U+009B)", "a character that reorders text (U+202E)". */
const char *text_problem(const char *s);
/* Cleans s in place: each C0 control or DEL becomes a space, each C1 or
   reordering character and each byte of invalid UTF-8 becomes '?'.  The
   result is never longer.  Returns s. */
char *text_sanitize(char *s);
/* The same, keeping line breaks (LF) for multi-line text: a device's
   answer in the audit trail. */
char *text_sanitize_lines(char *s);
/* True when s is clean (text_problem() would say NULL), line breaks
   allowed when lf_ok.  Cheap: for a check before a copy. */
bool text_is_clean(const char *s, bool lf_ok);
/* s itself when it is clean text, else "?": a word quoted in a message
   (which goes to a terminal) as it was typed or read. */
const char *text_shown(const char *s);
/* 0 when s is clean text; else -1 with *cause (when not NULL) "LABEL:
   holds PHRASE; only printable UTF-8 text is allowed" (text_problem's
   phrase): how input is refused. */
int text_check(const char *label, const char *s, char **cause);
/* Cuts s (in place) to at most max bytes without splitting a UTF-8
   sequence.  Returns s. */
char *text_cut(char *s, size_t max);

#endif
