/*
 * verb_batch.h — the batch file of `oltui provision --batch FILE`: one
 * "SN [ONT-ID]" per line, blank lines and '#' comments skipped, lines of
 * any length.
 *
 * Pure: reads text, fills lines; verb_write.c opens the file and prints
 * the cause.  Any thread.
 */
#ifndef OLTUI_VERB_BATCH_H
#define OLTUI_VERB_BATCH_H

#include <stddef.h>

struct op_batch_line;

/* Reads the len bytes of text (they may hold a NUL: a file that is not
   text), named name in messages, into *lines (an array the caller frees;
   each a serial in canonical form, the ONT id or -1, its line number).
   0 with at least one line, or -1 with *cause naming the line at fault
   ("FILE line 3: 'XYZ' is not a GPON serial ...") or saying there is no
   line; *lines is then NULL and *n 0. */
int verb_batch_parse(const char *text, size_t len, const char *name,
    struct op_batch_line **lines, size_t *n, char **cause);

#endif
