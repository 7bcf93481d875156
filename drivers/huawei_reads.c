/*
 * huawei_reads.c — the Huawei driver's reads (driver.h struct
 * driver_reads): the commands of huawei-cli.md §4 run over a CLI session
 * and parsed by huawei_parse_*.
 *
 * Ports are "F/S/P"; commands inside `interface gpon F/S` take "P O".
 * Every read leaves the session in privileged mode, except a READ_HERE
 * detail, which stays where `display ont info` is valid (privileged or
 * configuration mode).  Stateless; any worker thread with its own session.
 */
#include "drivers/huawei.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "drivers/cli_read.h"
#include "lib/util.h"

/* Where "display ont info F S P O" is valid (interface mode takes "P O"). */
#define HW_DETAIL_MODES (CLI_READ_MODE(CLI_MODE_PRIV) | CLI_READ_MODE(CLI_MODE_CONFIG))

/* The parsers with the shape cli_read_parse() calls (void *out). */
static int
p_version(const char *t, void *o, char **c) { return huawei_parse_version(t, o, c); }
static int
p_boards(const char *t, void *o, char **c) { return huawei_parse_boards(t, o, c); }
static int
p_autofind(const char *t, void *o, char **c) { return huawei_parse_autofind(t, o, c); }
static int
p_onts(const char *t, void *o, char **c) { return huawei_parse_ont_list(t, o, c); }
static int
p_optical(const char *t, void *o, char **c) { return huawei_parse_optical(t, o, c); }
static int
p_sps(const char *t, void *o, char **c) { return huawei_parse_service_ports(t, o, c); }

static int
hw_version(struct session *s, struct pr_version *out, struct err *e)
{
	pr_version_init(out);
	return cli_read_session_parse(s, "display version", false, p_version, out, e);
}

static int
hw_boards(struct session *s, struct pr_board_list *out, struct err *e)
{
	memset(out, 0, sizeof *out);
	return cli_read_session_parse(s, "display board 0", false, p_boards, out, e);
}

static int
hw_autofind(struct session *s, struct pr_autofind_list *out, struct err *e)
{
	memset(out, 0, sizeof *out);
	return cli_read_session_parse(s, "display ont autofind all", true, p_autofind, out, e);
}

static int
hw_ont_list(struct session *s, const char *port, struct pr_ont_list *out, struct err *e)
{
	struct cli *c;
	char *cmd;
	int f, sl, p, rc;

	memset(out, 0, sizeof *out);
	if (cli_read_session(s, &c, e) < 0 ||
	    cli_read_port(c, &huawei_limits, port, &f, &sl, &p, e) < 0)
		return -1;
	cmd = xasprintf("display ont info %d %d %d all", f, sl, p);
	rc = cli_read_parse(c, CLI_MODE_PRIV, NULL, cmd, true, p_onts, out, e);
	free(cmd);
	return rc;
}

/* One ONT in detail, read in privileged mode or, with READ_HERE, where
   the session is when the command is valid there. */
static int
hw_ont_detail(struct session *s, const char *port, int ont_id, unsigned flags,
    struct pr_ont_detail *out, struct err *e)
{
	struct cli *c;
	char *text, *cause = NULL, *cmd;
	int f, sl, p, rc;

	pr_ont_detail_init(out);
	if (cli_read_session(s, &c, e) < 0 ||
	    cli_read_port(c, &huawei_limits, port, &f, &sl, &p, e) < 0)
		return -1;
	cmd = xasprintf("display ont info %d %d %d %d", f, sl, p, ont_id);
	if (((flags & READ_HERE) != 0 ? cli_read_here(c, HW_DETAIL_MODES, cmd, &text, e) :
	    cli_read(c, CLI_MODE_PRIV, NULL, cmd, &text, e)) < 0) {
		free(cmd);
		return -1;
	}
	if ((rc = huawei_parse_ont_detail(text, out, &cause)) < 0)
		cli_read_parse_error(c, cmd, cause, e);
	free(text);
	free(cmd);
	return rc;
}

static int
hw_optical(struct session *s, const char *port, int ont_id, struct pr_optical *out,
    struct err *e)
{
	struct cli *c;
	char *cmd, fs[16];
	int f, sl, p, rc;

	pr_optical_init(out);
	if (cli_read_session(s, &c, e) < 0 ||
	    cli_read_port(c, &huawei_limits, port, &f, &sl, &p, e) < 0)
		return -1;
	snprintf(fs, sizeof fs, "%d/%d", f, sl);
	cmd = xasprintf("display ont optical-info %d %d", p, ont_id);
	rc = cli_read_parse(c, CLI_MODE_IF, fs, cmd, false, p_optical, out, e);
	free(cmd);
	return rc;
}

static int
hw_optical_list(struct session *s, const char *port, struct pr_optical_list *out,
    struct err *e)
{
	struct cli *c;
	char *text, *cause = NULL, *cmd, fs[16], fsp[24];
	int f, sl, p, rc = 0;

	memset(out, 0, sizeof *out);
	if (cli_read_session(s, &c, e) < 0 ||
	    cli_read_port(c, &huawei_limits, port, &f, &sl, &p, e) < 0)
		return -1;
	snprintf(fs, sizeof fs, "%d/%d", f, sl);
	snprintf(fsp, sizeof fsp, "%d/%d/%d", f, sl, p);
	cmd = xasprintf("display ont optical-info %d all", p);
	if (cli_read(c, CLI_MODE_IF, fs, cmd, &text, e) < 0) {
		free(cmd);
		return -1;
	}
	/* The rows do not print their port: give it. */
	if (*text != '\0' && (rc = huawei_parse_optical_list(text, fsp, out, &cause)) < 0)
		cli_read_parse_error(c, cmd, cause, e);
	free(text);
	free(cmd);
	return rc;
}

/* Service ports of a port; ont_id >= 0 keeps those of that ONT only. */
static int
hw_service_ports(struct session *s, const char *port, int ont_id,
    struct pr_service_port_list *out, struct err *e)
{
	struct cli *c;
	char *cmd;
	int f, sl, p, rc;

	memset(out, 0, sizeof *out);
	if (cli_read_session(s, &c, e) < 0 ||
	    cli_read_port(c, &huawei_limits, port, &f, &sl, &p, e) < 0)
		return -1;
	cmd = xasprintf("display service-port port %d/%d/%d", f, sl, p);
	rc = cli_read_parse(c, CLI_MODE_PRIV, NULL, cmd, true, p_sps, out, e);
	free(cmd);
	if (rc == 0 && ont_id >= 0) {
		size_t k = 0;
		for (size_t i = 0; i < out->n; i++) {
			if (out->v[i].ont_id == ont_id) {
				out->v[k++] = out->v[i];
				continue;
			}
			/* a dropped row: free its strings */
			free(out->v[i].vlan_attr);
			free(out->v[i].port_type);
			free(out->v[i].port);
			free(out->v[i].flow_type);
			free(out->v[i].flow_para);
			free(out->v[i].state);
		}
		out->n = k;
	}
	return rc;
}

/* The ONT's detail (line and service profiles) and its service ports. */
/* The ONT's configuration lines (display current-configuration ont F/S/P
   O, huawei-cli.md 4.13's filtered form): its "ont ..." lines in the
   interface gpon F/S block.  A firmware that refuses the filter leaves
   them unread (not an error). */
static int
hw_config_lines(struct session *s, const char *port, int ont_id, struct ont_config *out,
    struct err *e)
{
	struct cli *c;
	char *cmd, *text = NULL, hdr[32], fs[16];
	int f = 0, sl = 0, p = 0;

	if (cli_read_session(s, &c, e) < 0 ||
	    cli_read_port(c, &huawei_limits, port, &f, &sl, &p, e) < 0) {
		ont_config_free(out);
		return -1;
	}
	cmd = xasprintf("display current-configuration ont %d/%d/%d %d", f, sl, p, ont_id);
	if (cli_read(c, CLI_MODE_PRIV, NULL, cmd, &text, e) != 0) {
		free(cmd);
		if (err_is_link(e->kind)) {
			ont_config_free(out);
			return -1;
		}
		err_clear(e);
		return 0;
	}
	snprintf(hdr, sizeof hdr, "interface gpon %d/%d", f, sl);
	snprintf(fs, sizeof fs, "%d/%d", f, sl);
	out->lines_read = cli_read_block(text, hdr, "ont ", CLI_MODE_IF, fs, out) >= 0 ||
	    strstr(text, "[gpon]") != NULL;
	free(text);
	free(cmd);
	return 0;
}

static int
hw_ont_config(struct session *s, const char *port, int ont_id, struct ont_config *out,
    struct err *e)
{
	memset(out, 0, sizeof *out);
	if (hw_ont_detail(s, port, ont_id, 0, &out->detail, e) != 0)
		return -1;
	if (hw_service_ports(s, port, ont_id, &out->sps, e) != 0) {
		if (err_is_link(e->kind)) {
			ont_config_free(out);
			return -1;
		}
		err_clear(e);
		pr_service_port_list_free(&out->sps);
		memset(&out->sps, 0, sizeof out->sps);
		return 0;
	}
	out->sps_read = true;
	return hw_config_lines(s, port, ont_id, out, e);
}

static int
hw_running_config(struct session *s, char **out, struct err *e)
{
	struct cli *c;

	*out = NULL;
	if (cli_read_session(s, &c, e) < 0)
		return -1;
	return cli_read(c, CLI_MODE_PRIV, NULL, "display current-configuration", out, e);
}

const struct driver_reads huawei_reads = {
	.version = hw_version,
	.boards = hw_boards,
	.autofind = hw_autofind,
	.ont_list = hw_ont_list,
	.ont_detail = hw_ont_detail,
	.optical = hw_optical,
	.optical_list = hw_optical_list,
	.service_ports = hw_service_ports,
	.ont_config = hw_ont_config,
	.running_config = hw_running_config,
};
