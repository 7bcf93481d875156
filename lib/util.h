/*
 * util.h — memory, strings, growable buffers, error causes, time.
 *
 * The bottom of the layer map: every other module (drivers, core, tui, the
 * lab) may include this header; it includes nothing of the project's.
 *
 * Out-of-memory is fatal: xmalloc() and friends print a message and abort,
 * so callers never check for NULL.  Functions that can fail for a reason a
 * technician can act on return 0 / -1 and, when `cause` is not NULL, store a
 * heap-allocated message in *cause (set_cause); the caller frees it.
 *
 * Thread-safe: nothing here keeps global state.
 */
#ifndef OLTUI_UTIL_H
#define OLTUI_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define nitems(a) (sizeof(a) / sizeof((a)[0]))

#if defined(__GNUC__)
#define PRINTFLIKE(f, a) __attribute__((format(printf, f, a)))
#define UNUSED __attribute__((unused))
#else
#define PRINTFLIKE(f, a)
#define UNUSED
#endif

/* Allocation that never returns NULL. */
void *xmalloc(size_t size);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t size);
void *xreallocarray(void *p, size_t n, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* Returns a newly allocated formatted string; the caller frees it. */
char *xasprintf(const char *fmt, ...) PRINTFLIKE(1, 2);
char *xvasprintf(const char *fmt, va_list ap) PRINTFLIKE(1, 0);

/* If cause is not NULL, frees any previous *cause and stores a new message. */
void set_cause(char **cause, const char *fmt, ...) PRINTFLIKE(2, 3);

/* A growable byte buffer; always NUL-terminated after any add. */
struct buf {
	char	*data;	/* NULL until the first add */
	size_t	 len;	/* bytes used, not counting the terminating NUL */
	size_t	 cap;	/* bytes allocated */
};
void buf_add(struct buf *b, const void *data, size_t len);
void buf_adds(struct buf *b, const char *s);
void buf_addc(struct buf *b, char c);
void buf_addf(struct buf *b, const char *fmt, ...) PRINTFLIKE(2, 3);
void buf_vaddf(struct buf *b, const char *fmt, va_list ap) PRINTFLIKE(2, 0);
/* Removes the first n bytes. */
void buf_consume(struct buf *b, size_t n);
void buf_reset(struct buf *b);
void buf_free(struct buf *b);
/* Returns the contents as a string the caller owns; the buffer is emptied. */
char *buf_take(struct buf *b);
/* Returns the contents as a string; "" when empty.  Owned by the buffer. */
const char *buf_str(const struct buf *b);

/* String helpers. */
bool str_startswith(const char *s, const char *prefix);
bool str_endswith(const char *s, const char *suffix);
/* Trims ASCII white space at both ends, in place; returns s. */
char *str_trim(char *s);
/* Copies at most size-1 bytes and always terminates; returns strlen(src). */
size_t strlcpy_(char *dst, const char *src, size_t size);
/* Case-insensitive ASCII comparison. */
int str_casecmp(const char *a, const char *b);
/* True if s contains a byte < 0x20 or 0x7f (control characters, CR, LF). */
bool str_has_control(const char *s);
/* Splits s at '\n' (a trailing '\r' is dropped); returns the line count.
   *lines is an allocated array of allocated strings; free with strv_free. */
size_t str_split_lines(const char *s, char ***lines);
/* The non-empty lines of s joined with sep, into a new string (a list of
   lines put in one sentence). */
char *str_join_lines(const char *s, const char *sep);
void strv_free(char **v, size_t n);

/* Time. */
/* Monotonic milliseconds. */
int64_t mono_ms(void);
/* Wall-clock seconds since the epoch. */
int64_t now_s(void);
/* How long before now t was, as every view says it: "12 s ago", "3m ago",
   "2h 14m ago", "5d 3h ago"; "never" when t <= 0. */
void time_ago(int64_t t, int64_t now, char *out, size_t size);
/* Formats t (epoch seconds, UTC) as ISO 8601 "2026-11-22T01:49:57Z" into out. */
void iso8601(int64_t t, char out[32]);
/* Parses "YYYY-MM-DD HH:MM:SS[+hh:mm]" or ISO 8601 into epoch seconds.
   Returns 0 and sets *t, or -1. Without an offset the time is taken as UTC. */
int parse_datetime(const char *s, int64_t *t);
/* Sleeps for ms milliseconds. */
void sleep_ms(int ms);

/* Parses a whole decimal integer in [min, max]; 0 on success, -1 otherwise. */
int parse_long(const char *s, long min, long max, long *out);

#endif
