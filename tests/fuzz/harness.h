/*
 * harness.h — what the libFuzzer targets of tests/fuzz/ share: a reader
 * over the fuzz input, the output invariants every target asserts, and a
 * scripted device link that plays the input as what an OLT sends.
 *
 * A target is one file tests/fuzz/fuzz_NAME.c defining
 * LLVMFuzzerTestOneInput (and, when it needs one-time set-up,
 * LLVMFuzzerInitialize); `make fuzz` links it with this file, the four
 * layer archives, the lab and the test-only drivers under
 * -fsanitize=fuzzer,address,undefined into build-fuzz/fuzz/NAME, and
 * scripts/runfuzz.sh runs it (docs/fuzzing.md).
 *
 * An invariant that does not hold is a crash: fz_fail() prints what broke
 * and aborts, so libFuzzer keeps the input as a reproducer exactly as it
 * does for a sanitizer report.
 *
 * One thread (libFuzzer calls the target from one thread); no state beyond
 * the link a target opens.
 */
#ifndef OLTUI_FUZZ_HARNESS_H
#define OLTUI_FUZZ_HARNESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct cJSON;
struct transport;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

/* ---- reading the input ---- */

/* A cursor over the fuzz input.  Reads past the end give 0 / empty. */
struct fz {
	const uint8_t	*p;
	size_t		 n;
};

/* The next byte, 0 when none is left. */
unsigned fz_byte(struct fz *f);
/* The next part: the bytes up to the next NUL (dropped) or the end, as a
   new NUL-terminated string the caller frees; *len (may be NULL) gets its
   length.  NULL when nothing is left. */
char *fz_part(struct fz *f, size_t *len);
/* The rest of the input as a new NUL-terminated string (embedded NULs
   kept; *len gets the length).  Never NULL. */
char *fz_rest(struct fz *f, size_t *len);

/* ---- invariants ---- */

/* Prints "invariant broken: ..." on stderr and aborts. */
void fz_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));
/* s (NULL is fine) is clean text (lib/text.h: valid UTF-8, no control,
   C1 or reordering character; line breaks allowed when lf_ok). */
void fz_clean(const char *what, const char *s, bool lf_ok);
/* s holds no byte below 0x20 but LF (when lf_ok) and no DEL: what the
   terminal rendering leaves (it need not be UTF-8 yet). */
void fz_no_control(const char *what, const char *s, bool lf_ok);
/* A command that may be sent: not NULL, and no control byte at all (no
   CR, LF, ESC: it is exactly one line). */
void fz_command(const char *what, const char *cmd);
/* j is a document any JSON reader takes: every key and string clean
   (line breaks in strings allowed when lf_ok), every number finite, and it
   prints and parses back to an equal document. */
void fz_json(const char *what, const struct cJSON *j, bool lf_ok);
/* The same for text some builder printed: it must parse, whole. */
void fz_json_text(const char *what, const char *text, bool lf_ok);

/* ---- plans ---- */

struct plan;
/* Every step of p holds no control byte in its command (when it has one:
   a record's secret step has none), display, undo, mode arguments and
   expected text; secret (may be NULL) shows in no display or undo. */
void fz_plan(const struct plan *p, const char *secret);
/* p's replay record (plan_to_json) is a valid document of clean strings
   and reads back (plan_from_json) as p's steps. */
void fz_plan_record(const struct plan *p);
/* Points OLTUI_TEMPLATE_DIR at the checkout's drivers/templates (from
   OLTUI_TOP, else from the binary's place, build-fuzz/fuzz/) unless it is
   set. */
void fz_templates(void);

/* ---- a server on 127.0.0.1 ---- */

/* Binds a socket of type (SOCK_DGRAM or SOCK_STREAM, then listening) to a
   free port of 127.0.0.1, and runs serve(fd) on a detached thread for the
   life of the process.  Returns the port; aborts when it cannot. */
int fz_server(int type, void *(*serve)(void *fd));

/* ---- a scripted device ---- */

/*
 * A transport whose "device" speaks the input's parts: the first part is
 * what it says when first read, and each write of a whole line (or of
 * a pager answer) releases the next part, read back in chunks of at most
 * chunk bytes.  A read that finds nothing pending releases the next part
 * (a device that speaks up on its own); when the parts are used up the
 * device hangs up, so no read ever waits.  Every write is checked: one
 * line with no control byte, then the link's Enter (fz_fail otherwise).
 *
 * With fz_link_prompt(l, prompt) set, the device says "\r\n" + prompt at
 * once and answers every line written with it (the parts wait): a log-in
 * that needs no input.  Clearing it drops what was not read.
 */
struct fz_link;
/* Opens the link over in's remaining bytes (read lazily, one part per
   release; in must outlive the link).  The transport is owned by whoever
   closes it (the CLI engine); *l stays valid until then. */
struct transport *fz_link_open(struct fz *in, const char *eol, bool inband,
    size_t chunk, struct fz_link **l);
/* Sets (prompt != NULL) or clears the automatic answer. */
void fz_link_prompt(struct fz_link *l, const char *prompt);
/* How many bytes were written to the device so far. */
size_t fz_link_written(const struct fz_link *l);

#endif
