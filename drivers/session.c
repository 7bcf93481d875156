/*
 * session.c — sessions with an OLT (session.h), and the CLI kind: a
 * transport, the CLI engine with the driver's dialect, the login.
 *
 * A CLI session's keepalive is an in-band Enter (never SSH keepalives:
 * SmartAX misbehaves with them); it is broken after a timeout or a dropped
 * link, and closing it logs out first unless told not to.
 */
#include "drivers/session.h"

#include <stdlib.h>
#include <string.h>

#include "drivers/cli.h"
#include "drivers/driver.h"
#include "drivers/transport.h"
#include "lib/util.h"

static int
cli_s_keepalive(struct session *s, struct err *e)
{
	return cli_keepalive(s->impl, e);
}

static bool
cli_s_broken(const struct session *s)
{
	return cli_broken(s->impl);
}

static void
cli_s_close(struct session *s, bool logout)
{
	if (logout)
		cli_free(s->impl);
	else
		cli_close(s->impl);
	free(s);
}

static const struct session_ops cli_session_ops = {
	.kind = "cli",
	.keepalive = cli_s_keepalive,
	.broken = cli_s_broken,
	.close = cli_s_close,
};

struct session *
session_cli_wrap(const struct olt_driver *d, struct cli *c)
{
	struct session *s = xcalloc(1, sizeof *s);

	s->ops = &cli_session_ops;
	s->drv = d;
	s->impl = c;
	strlcpy_(s->label, cli_label(c), sizeof s->label);
	return s;
}

struct cli *
session_cli(struct session *s)
{
	return s != NULL && s->ops == &cli_session_ops ? s->impl : NULL;
}

/* The error kind of a failed transport_open(). */
static enum err_kind
open_kind(int rc)
{
	switch (rc) {
	case TRANSPORT_HOSTKEY_NEW:
	case TRANSPORT_HOSTKEY_CHANGED:
		return ERR_HOSTKEY;
	case TRANSPORT_AUTH:
		return ERR_AUTH;
	default:
		return ERR_UNREACHABLE;
	}
}

int
session_cli_open(const struct olt_driver *d, const struct session_params *p,
    struct session **out, struct err *e)
{
	struct transport_params tp = { 0 };
	struct cli_options co = { 0 };
	struct transport *t = NULL;
	struct cli *c;
	char *fp = NULL, *cause = NULL;
	int64_t t0 = mono_ms(), t1;
	int rc;

	*out = NULL;
	if (d->cli == NULL) {
		err_set(e, ERR_REFUSED, "the %s driver has no CLI", d->name);
		return -1;
	}
	tp.name = p->name;
	tp.host = p->host;
	tp.port = p->port > 0 ? p->port : d->cli_port;
	tp.user = p->user;
	tp.password = p->transport == TRANSPORT_SSH ? p->password : NULL;
	tp.known_hosts = p->known_hosts;
	tp.accept_new_host_key = p->accept_new_host_key;
	tp.jump = p->jump;
	tp.connect_timeout_ms = p->connect_timeout_ms;
	if ((rc = transport_open(p->transport, &tp, &t, &fp, &cause)) != 0) {
		/* The transport's cause names the fingerprint and the way to
		   accept it already. */
		err_set(e, rc == TRANSPORT_HOSTKEY_NEW ? ERR_HOSTKEY : open_kind(rc), "%s",
		    cause != NULL ? cause : "cannot connect");
		free(cause);
		free(fp);
		return -1;
	}
	t1 = mono_ms();
	co.command_timeout_ms = p->command_timeout_ms;
	co.login_timeout_ms = p->login_timeout_ms;
	c = cli_new(t, d->cli, &co);
	if (cli_login(c, p->user, p->password, e) != 0) {
		if (e->message == NULL)
			err_set(e, ERR_AUTH, "login to %s failed", p->name);
		cli_close(c);
		return -1;
	}
	*out = session_cli_wrap(d, c);
	(*out)->connect_ms = t1 - t0;
	(*out)->login_ms = mono_ms() - t1;
	return 0;
}

int
session_keepalive(struct session *s, struct err *e)
{
	return s->ops->keepalive != NULL ? s->ops->keepalive(s, e) : 0;
}

bool
session_broken(const struct session *s)
{
	return s->ops->broken != NULL && s->ops->broken(s);
}

void
session_close(struct session *s)
{
	if (s != NULL)
		s->ops->close(s, true);
}

void
session_abort(struct session *s)
{
	if (s != NULL)
		s->ops->close(s, false);
}
