/*
 * acme_reads.c — the Acme Photon P8 driver's reads (driver.h struct
 * driver_reads): `show` commands run over a CLI session and parsed by
 * acme_parse_*.
 *
 * Ports are "1/S/P", an ONU is "1/S/P:N".  `show` is valid in privileged
 * and configuration mode, not under `interface pon`: a READ_HERE detail
 * (a write's read-back) reads where the session is when that is one of
 * those, else from configuration mode.  Every other read leaves the
 * session in privileged mode.  Stateless; any worker thread with its own
 * session.
 */
#include "tests/drivers/acme.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "drivers/cli_read.h"
#include "lib/util.h"

/* Where `show` is valid. */
#define ACME_SHOW_MODES (CLI_READ_MODE(CLI_MODE_PRIV) | CLI_READ_MODE(CLI_MODE_CONFIG))

/* The parsers with the shape cli_read_parse() calls (void *out). */
static int
p_version(const char *t, void *o, char **c) { return acme_parse_version(t, o, c); }
static int
p_boards(const char *t, void *o, char **c) { return acme_parse_boards(t, o, c); }
static int
p_autofind(const char *t, void *o, char **c) { return acme_parse_autofind(t, o, c); }
static int
p_onts(const char *t, void *o, char **c) { return acme_parse_ont_list(t, o, c); }
static int
p_detail(const char *t, void *o, char **c) { return acme_parse_ont_detail(t, o, c); }
static int
p_optical(const char *t, void *o, char **c) { return acme_parse_optical(t, o, c); }
static int
p_optical_list(const char *t, void *o, char **c)
{
	return acme_parse_optical_list(t, NULL, o, c);
}
static int
p_sps(const char *t, void *o, char **c) { return acme_parse_service_ports(t, o, c); }

/* The CLI of s and, when port is not NULL, a valid port for it. */
static int
acme_cli_port(struct session *s, const char *port, struct cli **c, struct err *e)
{
	if (cli_read_session(s, c, e) < 0)
		return -1;
	return port != NULL ? cli_read_port(*c, &acme_limits, port, NULL, NULL, NULL, e) : 0;
}

/* Runs the show command built from fmt, in privileged mode or (here)
   where the session is when `show` is valid there, and parses it; an empty
   answer is an empty result when empty_ok.  0, or -1 with *e. */
static int
acme_show(struct cli *c, bool here, bool empty_ok, cli_read_parser fn, void *out,
    struct err *e, const char *fmt, ...) PRINTFLIKE(7, 8);

static int
acme_show(struct cli *c, bool here, bool empty_ok, cli_read_parser fn, void *out,
    struct err *e, const char *fmt, ...)
{
	va_list ap;
	char *cmd, *text, *cause = NULL;
	int rc;

	va_start(ap, fmt);
	cmd = xvasprintf(fmt, ap);
	va_end(ap);
	if (!here)
		rc = cli_read_parse(c, CLI_MODE_PRIV, NULL, cmd, empty_ok, fn, out, e);
	else if ((rc = cli_read_here(c, ACME_SHOW_MODES, cmd, &text, e)) == 0) {
		if ((!empty_ok || *text != '\0') && (rc = fn(text, out, &cause)) < 0)
			cli_read_parse_error(c, cmd, cause, e);
		free(text);
	}
	free(cmd);
	return rc;
}

static int
acme_version(struct session *s, struct pr_version *out, struct err *e)
{
	struct cli *c;

	pr_version_init(out);
	if (acme_cli_port(s, NULL, &c, e) < 0)
		return -1;
	return acme_show(c, false, false, p_version, out, e, "show version");
}

static int
acme_boards(struct session *s, struct pr_board_list *out, struct err *e)
{
	struct cli *c;

	memset(out, 0, sizeof *out);
	if (acme_cli_port(s, NULL, &c, e) < 0)
		return -1;
	return acme_show(c, false, false, p_boards, out, e, "show cards");
}

static int
acme_autofind(struct session *s, struct pr_autofind_list *out, struct err *e)
{
	struct cli *c;

	memset(out, 0, sizeof *out);
	if (acme_cli_port(s, NULL, &c, e) < 0)
		return -1;
	return acme_show(c, false, true, p_autofind, out, e, "show onu unconfigured");
}

static int
acme_ont_list(struct session *s, const char *port, struct pr_ont_list *out, struct err *e)
{
	struct cli *c;

	memset(out, 0, sizeof *out);
	if (acme_cli_port(s, port, &c, e) < 0)
		return -1;
	return acme_show(c, false, true, p_onts, out, e, "show onu list %s", port);
}

static int
acme_ont_detail(struct session *s, const char *port, int ont_id, unsigned flags,
    struct pr_ont_detail *out, struct err *e)
{
	struct cli *c;

	pr_ont_detail_init(out);
	if (acme_cli_port(s, port, &c, e) < 0)
		return -1;
	return acme_show(c, (flags & READ_HERE) != 0, false, p_detail, out, e,
	    "show onu %s:%d", port, ont_id);
}

static int
acme_optical(struct session *s, const char *port, int ont_id, struct pr_optical *out,
    struct err *e)
{
	struct cli *c;

	pr_optical_init(out);
	if (acme_cli_port(s, port, &c, e) < 0)
		return -1;
	return acme_show(c, false, false, p_optical, out, e, "show onu optical %s:%d", port,
	    ont_id);
}

/* The port table names its rows' ONU ids only: they get the port read. */
static int
acme_optical_list(struct session *s, const char *port, struct pr_optical_list *out,
    struct err *e)
{
	struct cli *c;

	memset(out, 0, sizeof *out);
	if (acme_cli_port(s, port, &c, e) < 0 ||
	    acme_show(c, false, true, p_optical_list, out, e, "show onu optical %s", port) < 0)
		return -1;
	for (size_t i = 0; i < out->n; i++)
		if (out->v[i].port == NULL)
			out->v[i].port = xstrdup(port);
	return 0;
}

/* Service flows of a port, or of one ONU (ont_id >= 1): the device lists
   either. */
static int
acme_service_ports(struct session *s, const char *port, int ont_id,
    struct pr_service_port_list *out, struct err *e)
{
	struct cli *c;

	memset(out, 0, sizeof *out);
	if (acme_cli_port(s, port, &c, e) < 0)
		return -1;
	if (ont_id >= 1)
		return acme_show(c, false, true, p_sps, out, e, "show service-flow %s:%d", port,
		    ont_id);
	return acme_show(c, false, true, p_sps, out, e, "show service-flow %s", port);
}

/* The ONU's detail (model, name, description, bandwidth profile) and its
   service flows.  `show service-flow` answers every ONU ("No service
   flows." when it has none), so a refusal is an error here, not a device
   that does not list them. */
static int
acme_ont_config(struct session *s, const char *port, int ont_id, struct ont_config *out,
    struct err *e)
{
	memset(out, 0, sizeof *out);
	if (acme_ont_detail(s, port, ont_id, 0, &out->detail, e) != 0 ||
	    acme_service_ports(s, port, ont_id, &out->sps, e) != 0) {
		ont_config_free(out);
		return -1;
	}
	out->sps_read = true;
	return 0;
}

static int
acme_running_config(struct session *s, char **out, struct err *e)
{
	struct cli *c;

	*out = NULL;
	if (acme_cli_port(s, NULL, &c, e) < 0)
		return -1;
	return cli_read(c, CLI_MODE_PRIV, NULL, "show running-config", out, e);
}

const struct driver_reads acme_reads = {
	.version = acme_version,
	.boards = acme_boards,
	.autofind = acme_autofind,
	.ont_list = acme_ont_list,
	.ont_detail = acme_ont_detail,
	.optical = acme_optical,
	.optical_list = acme_optical_list,
	.service_ports = acme_service_ports,
	.ont_config = acme_ont_config,
	.running_config = acme_running_config,
};
