/*
 * zte_reads.c — the ZTE driver's reads (driver.h struct driver_reads): the
 * commands of zte-cli.md §4 run over a CLI session and parsed by
 * zte_parse_*.
 *
 * Ports are "1/S/P"; an ONU is gpon-onu_1/S/P:N, its port gpon-olt_1/S/P.
 * `show` commands are valid in privileged and every configuration mode,
 * so a READ_HERE detail reads where the session is.  Stateless; any worker
 * thread with its own session.
 */
#include "drivers/zte.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "drivers/cli_read.h"
#include "lib/util.h"

/* show commands are valid in privileged and every configuration mode. */
#define ZTE_SHOW_MODES (CLI_READ_MODE(CLI_MODE_PRIV) | CLI_READ_MODE(CLI_MODE_CONFIG) | \
	CLI_READ_MODE(CLI_MODE_IF) | CLI_READ_MODE(CLI_MODE_ONU))

/* The parsers with the shape cli_read_parse() calls (void *out). */
static int
p_boards(const char *t, void *o, char **c) { return zte_parse_boards(t, o, c); }
static int
p_autofind(const char *t, void *o, char **c) { return zte_parse_autofind(t, o, c); }
static int
p_onts(const char *t, void *o, char **c) { return zte_parse_ont_list(t, o, c); }
static int
p_detail(const char *t, void *o, char **c) { return zte_parse_ont_detail(t, o, c); }
static int
p_optical(const char *t, void *o, char **c) { return zte_parse_optical(t, o, c); }
static int
p_optical_list(const char *t, void *o, char **c) { return zte_parse_optical_list(t, o, c); }
static int
p_sps(const char *t, void *o, char **c) { return zte_parse_service_ports(t, o, c); }

/* The CLI of s and, when port is not NULL, a valid port for it. */
static int
zte_cli_port(struct session *s, const char *port, struct cli **c, struct err *e)
{
	if (cli_read_session(s, c, e) < 0)
		return -1;
	return port != NULL ? cli_read_port(*c, &zte_limits, port, NULL, NULL, NULL, e) : 0;
}

/* Runs a privileged read built from fmt (port, ont_id) and parses it. */
static int
zte_read(struct cli *c, bool empty_ok, cli_read_parser fn, void *out, struct err *e,
    const char *fmt, ...) PRINTFLIKE(6, 7);

static int
zte_read(struct cli *c, bool empty_ok, cli_read_parser fn, void *out, struct err *e,
    const char *fmt, ...)
{
	va_list ap;
	char *cmd;
	int rc;

	va_start(ap, fmt);
	cmd = xvasprintf(fmt, ap);
	va_end(ap);
	rc = cli_read_parse(c, CLI_MODE_PRIV, NULL, cmd, empty_ok, fn, out, e);
	free(cmd);
	return rc;
}

/* The software version (`show version-running`) with the product and the
   uptime, which only `show system-group` prints ("System Description: C320
   Version V2.1.0 ...", "Started before: ..."; zte-cli.md 4.12): the two
   answers go to the one parser.  A build that refuses system-group still
   gives the version; a broken link fails the read. */
static int
zte_version(struct session *s, struct pr_version *out, struct err *e)
{
	struct cli *c;
	struct err e2 = { 0 };
	char *ver = NULL, *sys = NULL, *both, *cause = NULL;
	int rc;

	pr_version_init(out);
	if (cli_read_session(s, &c, e) < 0 ||
	    cli_read(c, CLI_MODE_PRIV, NULL, "show version-running", &ver, e) < 0)
		return -1;
	if (cli_read(c, CLI_MODE_PRIV, NULL, "show system-group", &sys, &e2) < 0 &&
	    err_is_link(e2.kind)) {
		err_set(e, e2.kind, "%s", err_text(&e2));
		err_clear(&e2);
		free(ver);
		return -1;
	}
	err_clear(&e2);
	both = xasprintf("%s\n%s", ver, sys != NULL ? sys : "");
	if ((rc = zte_parse_version(both, out, &cause)) < 0)
		cli_read_parse_error(c, "show version-running", cause, e);
	free(both);
	free(ver);
	free(sys);
	return rc;
}

static int
zte_boards(struct session *s, struct pr_board_list *out, struct err *e)
{
	memset(out, 0, sizeof *out);
	return cli_read_session_parse(s, "show card", false, p_boards, out, e);
}

static int
zte_autofind(struct session *s, struct pr_autofind_list *out, struct err *e)
{
	memset(out, 0, sizeof *out);
	return cli_read_session_parse(s, "show gpon onu uncfg", true, p_autofind, out, e);
}

/* The ONUs of a port, on a CLI. */
static int
zte_onus(struct cli *c, const char *port, struct pr_ont_list *out, struct err *e)
{
	return zte_read(c, true, p_onts, out, e, "show gpon onu state gpon-olt_%s", port);
}

/* The ONUs of a port with their serials: `show gpon onu state` has the
   admin and phase states but no serial, `show gpon onu baseinfo` (§4.6) has
   the serial and the type.  The serials and types are joined to the state
   rows by ONU id; a firmware without baseinfo still gets the states. */
static int
zte_ont_list(struct session *s, const char *port, struct pr_ont_list *out, struct err *e)
{
	struct pr_ont_list base = { 0 };
	struct err e2 = { 0 };
	struct cli *c;

	memset(out, 0, sizeof *out);
	if (zte_cli_port(s, port, &c, e) < 0)
		return -1;
	if (zte_onus(c, port, out, e) < 0)
		return -1;
	if (out->n == 0)
		return 0;
	if (zte_read(c, true, p_onts, &base, &e2, "show gpon onu baseinfo gpon-olt_%s",
	    port) < 0) {
		pr_ont_list_free(&base);
		if (err_is_link(e2.kind)) {
			err_clear(e);
			*e = e2;
			pr_ont_list_free(out);
			return -1;
		}
		err_clear(&e2);
		return 0;
	}
	for (size_t i = 0; i < out->n; i++) {
		struct pr_ont *o = &out->v[i];

		for (size_t k = 0; k < base.n; k++) {
			struct pr_ont *b = &base.v[k];

			if (b->ont_id != o->ont_id)
				continue;
			if (o->sn == NULL)
				o->sn = b->sn, b->sn = NULL;
			if (o->model == NULL)
				o->model = b->model, b->model = NULL;
			break;
		}
	}
	pr_ont_list_free(&base);
	return 0;
}

static int
zte_ont_detail(struct session *s, const char *port, int ont_id, unsigned flags,
    struct pr_ont_detail *out, struct err *e)
{
	struct cli *c;
	char *cmd, *text, *cause = NULL;
	int rc;

	pr_ont_detail_init(out);
	if (zte_cli_port(s, port, &c, e) < 0)
		return -1;
	if ((flags & READ_HERE) == 0)
		return zte_read(c, false, p_detail, out, e,
		    "show gpon onu detail-info gpon-onu_%s:%d", port, ont_id);
	cmd = xasprintf("show gpon onu detail-info gpon-onu_%s:%d", port, ont_id);
	if ((rc = cli_read_here(c, ZTE_SHOW_MODES, cmd, &text, e)) == 0) {
		if ((rc = zte_parse_ont_detail(text, out, &cause)) < 0)
			cli_read_parse_error(c, cmd, cause, e);
		free(text);
	}
	free(cmd);
	return rc;
}

static int
zte_optical(struct session *s, const char *port, int ont_id, struct pr_optical *out,
    struct err *e)
{
	struct cli *c;

	pr_optical_init(out);
	if (zte_cli_port(s, port, &c, e) < 0)
		return -1;
	return zte_read(c, false, p_optical, out, e,
	    "show pon power attenuation gpon-onu_%s:%d", port, ont_id);
}

static int
zte_optical_list(struct session *s, const char *port, struct pr_optical_list *out,
    struct err *e)
{
	struct cli *c;

	memset(out, 0, sizeof *out);
	if (zte_cli_port(s, port, &c, e) < 0)
		return -1;
	return zte_read(c, true, p_optical_list, out, e, "show pon power onu-rx gpon-olt_%s",
	    port);
}

/* Appends the service ports of one ONU to out. */
static int
zte_onu_sps(struct cli *c, const char *port, int ont_id, struct pr_service_port_list *out,
    struct err *e)
{
	struct pr_service_port_list one = { 0 };
	int rc = zte_read(c, true, p_sps, &one, e,
	    "show running-config interface gpon-onu_%s:%d", port, ont_id);

	if (rc == 0 && one.n > 0) {
		out->v = xreallocarray(out->v, out->n + one.n, sizeof *out->v);
		memcpy(out->v + out->n, one.v, one.n * sizeof *one.v);
		out->n += one.n;
		free(one.v);
	} else
		pr_service_port_list_free(&one);
	return rc;
}

/* Service ports of one ONU (ont_id >= 1) or of every ONU of the port. */
static int
zte_service_ports(struct session *s, const char *port, int ont_id,
    struct pr_service_port_list *out, struct err *e)
{
	struct pr_ont_list onts;
	struct cli *c;
	int rc = 0;

	memset(out, 0, sizeof *out);
	if (zte_cli_port(s, port, &c, e) < 0)
		return -1;
	if (ont_id >= 1)
		return zte_onu_sps(c, port, ont_id, out, e);
	memset(&onts, 0, sizeof onts);
	if (zte_onus(c, port, &onts, e) < 0) {
		pr_ont_list_free(&onts);
		return -1;
	}
	for (size_t i = 0; i < onts.n && rc == 0; i++)
		rc = zte_onu_sps(c, port, (int)onts.v[i].ont_id, out, e);
	pr_ont_list_free(&onts);
	if (rc < 0)
		pr_service_port_list_free(out);
	return rc;
}

/* The ONU's detail, plus its interface running-config (profiles, name,
   description, service ports) read once. */
/* The ONU's configuration lines: its interface block (in text, already
   read) and its pon-onu-mng block (show onu running config, §4.7).  A
   device that lists no pon-onu-mng block leaves them unread. */
static int
zte_config_lines(struct cli *c, const char *onu, const char *text, struct ont_config *out,
    struct err *e)
{
	char *hdr = xasprintf("interface %s", onu), *cmd, *mng = NULL;
	int n = cli_read_block(text, hdr, NULL, CLI_MODE_IF, onu, out);

	free(hdr);
	if (n < 0)
		return 0;
	cmd = xasprintf("show onu running config %s", onu);
	if (cli_read(c, CLI_MODE_PRIV, NULL, cmd, &mng, e) != 0) {
		free(cmd);
		if (err_is_link(e->kind)) {
			ont_config_free(out);
			return -1;
		}
		err_clear(e);
		return 0;
	}
	hdr = xasprintf("pon-onu-mng %s", onu);
	out->lines_read = cli_read_block(mng, hdr, NULL, CLI_MODE_ONU, onu, out) >= 0;
	free(hdr);
	free(mng);
	free(cmd);
	return 0;
}

static int
zte_ont_config(struct session *s, const char *port, int ont_id, struct ont_config *out,
    struct err *e)
{
	struct cli *c;
	char *cmd, *text = NULL, *cause = NULL;
	int rc;

	memset(out, 0, sizeof *out);
	if (zte_ont_detail(s, port, ont_id, 0, &out->detail, e) != 0 ||
	    zte_cli_port(s, NULL, &c, e) < 0)
		return -1;
	cmd = xasprintf("show running-config interface gpon-onu_%s:%d", port, ont_id);
	if (cli_read(c, CLI_MODE_PRIV, NULL, cmd, &text, e) != 0) {
		free(cmd);
		if (err_is_link(e->kind)) {
			ont_config_free(out);
			return -1;
		}
		err_clear(e);	/* no configuration listed: detail only */
		return 0;
	}
	if (*text != '\0' && ((rc = zte_parse_onu_if(text, &out->detail, &cause)) < 0 ||
	    (rc = zte_parse_service_ports(text, &out->sps, &cause)) < 0)) {
		cli_read_parse_error(c, cmd, cause, e);
		ont_config_free(out);
		free(text);
		free(cmd);
		return -1;
	}
	out->sps_read = true;	/* the interface's config lists them all */
	free(cmd);
	cmd = xasprintf("gpon-onu_%s:%d", port, ont_id);
	rc = zte_config_lines(c, cmd, text, out, e);
	free(text);
	free(cmd);
	return rc;
}

static int
zte_running_config(struct session *s, char **out, struct err *e)
{
	struct cli *c;

	*out = NULL;
	if (zte_cli_port(s, NULL, &c, e) < 0)
		return -1;
	return cli_read(c, CLI_MODE_PRIV, NULL, "show running-config", out, e);
}

const struct driver_reads zte_reads = {
	.version = zte_version,
	.boards = zte_boards,
	.autofind = zte_autofind,
	.ont_list = zte_ont_list,
	.ont_detail = zte_ont_detail,
	.optical = zte_optical,
	.optical_list = zte_optical_list,
	.service_ports = zte_service_ports,
	.ont_config = zte_ont_config,
	.running_config = zte_running_config,
};
