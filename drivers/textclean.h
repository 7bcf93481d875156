/*
 * textclean.h — turning what a terminal received into clean text.
 *
 * Pure functions over strings, shared by the CLI engine (which answers
 * pagers and questions while it reads, then cleans what it collected) and by
 * `oltui parse` (which cleans a raw capture pasted from a terminal).
 *
 * They remove: terminal escape sequences (CSI, including Huawei's pager
 * erase "ESC[37D + spaces + ESC[37D" and the " ESC[1D" it emits in normal
 * output), backspace erase runs (ZTE's "\b \b" x8 after --More--), pager
 * markers ("---- More ( Press 'Q' to break ) ----", " --More--"), CR and
 * NUL bytes, Huawei smart-mode questions ("{ <cr>|...<K> }:") and the
 * "  Command:" echo block after them, Huawei asynchronous alarm blocks,
 * and, in a capture, prompt lines with the echoed command.
 *
 * Every function returns a newly allocated string the caller frees.
 */
#ifndef OLTUI_TEXTCLEAN_H
#define OLTUI_TEXTCLEAN_H

#include <stddef.h>

/* Removes escape sequences, backspace erases, CR and NUL bytes, applying
   backspaces and cursor-left moves the way a terminal would. */
char *tc_strip_terminal(const char *in, size_t len);

/* Removes pager markers (either vendor), smart questions with their
   "Command:" echo block, and alarm blocks.  Input is already terminal-
   stripped. */
char *tc_strip_debris(const char *in);

/* For a raw capture: tc_strip_terminal + tc_strip_debris, then drops lines
   that are a prompt ("host#", "host(config-if)#", "host>", Huawei's
   "host%%"; with or without an echoed command) and empty leading/trailing
   lines. */
char *tc_clean_capture(const char *in, size_t len);

#endif
