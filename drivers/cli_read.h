/*
 * cli_read.h — what CLI drivers' reads share: running one command in a
 * mode and coming back, running it where the session is when the device
 * accepts it there, parsing the answer, and naming a parser's failure.
 *
 * For drivers/<vendor>_reads.c; core never calls these (it calls a
 * driver's reads, driver.h).  Any thread with its own session.
 */
#ifndef OLTUI_CLI_READ_H
#define OLTUI_CLI_READ_H

#include <stdbool.h>

#include "drivers/cli.h"
#include "drivers/session.h"

/* Enters mode (arg), runs cmd, returns to privileged mode.  0 with *out
   (clean output, "" for a device "empty" answer), or -1 with *e. */
int cli_read(struct cli *c, enum cli_mode mode, const char *arg, const char *cmd,
    char **out, struct err *e);
/* The bit of a mode in cli_read_here()'s set. */
#define CLI_READ_MODE(m) (1u << (unsigned)(m))
/* Runs cmd where the session is when its mode is in modes (a set of
   CLI_READ_MODE() bits: the modes the device accepts cmd in); otherwise
   moves first, the short way: up to configuration mode when that is in
   the set and the session is below it, else to privileged mode.  Leaves
   the session where cmd ran.  Same results as cli_read(). */
int cli_read_here(struct cli *c, unsigned modes, const char *cmd, char **out,
    struct err *e);
/* Fills *e for a parser's failure on cmd's output (takes cause). */
void cli_read_parse_error(struct cli *c, const char *cmd, char *cause, struct err *e);

/* A parser of clean output into out. */
typedef int (*cli_read_parser)(const char *text, void *out, char **cause);
/* Runs cmd in privileged mode (or interface mode arg when mode is not
   CLI_MODE_PRIV) and parses the answer with fn; an empty answer is an
   empty result when empty_ok.  0, or -1 with *e. */
int cli_read_parse(struct cli *c, enum cli_mode mode, const char *arg,
    const char *cmd, bool empty_ok, cli_read_parser fn, void *out, struct err *e);

struct gpon_limits;
/* Checks a port for a read against the OLT's limits, failing as a refused
   command (ERR_REFUSED, naming the session).  Fills the numbers when not
   NULL.  0 or -1. */
int cli_read_port(struct cli *c, const struct gpon_limits *l, const char *port,
    int *frame, int *slot, int *pon, struct err *e);

struct ont_config;
/* Adds to k (ont_config_add_line, in mode / mode_arg) the lines of the
   block of a configuration text that starts at the line header (blanks
   around lines aside) and ends at "!", "#", "quit", "end", "return", a
   "[section]" or another "interface" line; with prefix, only the lines
   that start with it.  Returns how many, or -1 when there is no header. */
int cli_read_block(const char *text, const char *header, const char *prefix,
    enum cli_mode mode, const char *mode_arg, struct ont_config *k);

/* The CLI of a session for a read, or -1 with *e (ERR_REFUSED) when the
   session is not a CLI session. */
int cli_read_session(struct session *s, struct cli **c, struct err *e);
/* cli_read_parse in privileged mode on session s's CLI: the whole of a read
   that is one command and its parser. */
int cli_read_session_parse(struct session *s, const char *cmd, bool empty_ok,
    cli_read_parser fn, void *out, struct err *e);

#endif
