/*
 * diff.h — a line diff (Myers' O(ND) algorithm) printed as a unified diff,
 * for configuration backups.  Pure; any thread.
 */
#ifndef OLTUI_DIFF_H
#define OLTUI_DIFF_H

#include <stddef.h>

/* Unified diff of a -> b (texts split on '\n'; a trailing '\r' is ignored
   when comparing) with ctx lines of context and "--- a_label" / "+++
   b_label" headers.  The shortest diff while the texts differ in up to
   about 2,900 lines; beyond, the lines between their common head and tail
   are shown removed and added whole (memory stays under 64 MiB).  Returns NULL when the texts have the same lines, else
   text the caller frees.  *added / *removed (may be NULL) get the counts. */
char *diff_unified(const char *a, const char *b, const char *a_label,
    const char *b_label, int ctx, size_t *added, size_t *removed);

#endif
