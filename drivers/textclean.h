/*
 * textclean.h — turning what a terminal received into clean text.
 *
 * Pure functions over strings, shared by the CLI engine (which answers
 * pagers and questions while it reads, then cleans what it collected) and by
 * `oltui parse` (which cleans a raw capture pasted from a terminal).
 *
 * Two kinds of cleaning:
 *   - generic, what any terminal does: escape sequences (CSI, including a
 *     pager that erases itself with "ESC[37D + blanks + ESC[37D", and the
 *     " ESC[1D" some devices emit in normal output), backspace erase runs
 *     ("\b \b" x8 after a pager marker), CR and NUL bytes; and, in a
 *     capture, prompt lines "host#", "host(mode)#", "host>" with or without
 *     an echoed command;
 *   - the vendor's, said by its CLI dialect (cli_dialect.h: markers,
 *     answered, echo_header, blocks, prompt_ends): pager markers left in the
 *     text, answered question lines and the echo block after them,
 *     asynchronous blocks such as alarm reports, other prompt forms.  A
 *     dialect's rules apply to its own output only; d == NULL, or a dialect
 *     that sets none of them, gets the generic cleaning alone.
 *
 * Every function returns a newly allocated string the caller frees.  A
 * dialect pattern that does not compile aborts (cli_dialect_compile).
 */
#ifndef OLTUI_TEXTCLEAN_H
#define OLTUI_TEXTCLEAN_H

#include <stddef.h>

struct cli_dialect;

/* Renders in[0..len) line by line the way a terminal shows it: cursor
   moves within a line (backspace, CR, tab, left/right/column, save and
   restore) and cell edits (erase, delete, insert) are applied in columns of
   characters (a UTF-8 sequence is one), other escape sequences and control
   bytes are dropped, and each line is right-trimmed.  The result is clean
   text but for line breaks (lib/text.h): invalid UTF-8, C1 controls and
   characters that reorder text become '?'. */
char *tc_strip_terminal(const char *in, size_t len);

/* Removes the dialect d's debris from in (already terminal-stripped): its
   pager markers, answered question lines, echo blocks and complete
   asynchronous blocks.  d may be NULL (nothing is removed). */
char *tc_strip_debris(const struct cli_dialect *d, const char *in);

/* For a raw capture of a device speaking d (may be NULL):
   tc_strip_terminal + tc_strip_debris, then drops the lines that are a
   prompt ("host#", "host(config-if)#", "host>", or one of d's prompt_ends;
   with or without an echoed command), runs of empty lines, and empty
   leading/trailing lines. */
char *tc_clean_capture(const struct cli_dialect *d, const char *in, size_t len);

#endif
