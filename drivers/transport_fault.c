/*
 * transport_fault.c — a transport that wraps another and misbehaves on
 * purpose, so the CLI engine's and the pool's error paths are exercised by
 * tests rather than hoped for (STYLE.md: fault injection behind seams, as
 * SQLite does it).
 *
 * Faults (struct transport_fault_cfg, 0 = off): the link "closes" after N
 * bytes read (the bytes up to N are delivered first), writes fail after N
 * bytes, every read is delayed (a slow device), and bytes past an offset
 * are garbled (deterministic, from a seed).  Used by tests only; costs
 * nothing when not used.
 */
#include "drivers/transport.h"

#include <stdlib.h>
#include <string.h>

#include "lib/util.h"

struct fault_priv {
	struct transport		*inner;
	struct transport_fault_cfg	 cfg;
	size_t				 nread;	/* bytes delivered */
	size_t				 nwritten;
	unsigned			 rng;
};

/* A small deterministic generator (xorshift). */
static unsigned
next_rand(unsigned *s)
{
	unsigned x = *s != 0 ? *s : 2463534242u;

	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	*s = x;
	return x;
}

/* Passes writes on until the write budget runs out. */
static int
fault_write(struct transport *t, const void *buf, size_t len, char **cause)
{
	struct fault_priv *fp = t->priv;

	if (fp->cfg.fail_after_write > 0 &&
	    fp->nwritten + len > fp->cfg.fail_after_write) {
		t->bytes_in = fp->nread;
		transport_closed_cause(t, "lost while writing (injected fault)",
		    cause);
		return -1;
	}
	fp->nwritten += len;
	return transport_write(fp->inner, buf, len, cause);
}

/* Reads from inner, then applies the delay, the cut and the garbling. */
static ssize_t
fault_read(struct transport *t, void *buf, size_t cap, int timeout_ms,
    char **cause)
{
	struct fault_priv *fp = t->priv;
	unsigned char *p = buf;
	ssize_t n;
	size_t i;

	if (fp->cfg.read_delay_ms > 0) {
		int d = fp->cfg.read_delay_ms;
		if (d > timeout_ms) {
			sleep_ms(timeout_ms);
			return 0;
		}
		sleep_ms(d);
		timeout_ms -= d;
	}
	if (fp->cfg.close_after_read > 0) {
		if (fp->nread >= fp->cfg.close_after_read) {
			t->bytes_in = fp->nread;
			transport_closed_cause(t, NULL, cause);
			return -1;
		}
		if (cap > fp->cfg.close_after_read - fp->nread)
			cap = fp->cfg.close_after_read - fp->nread;
	}
	n = transport_read(fp->inner, buf, cap, timeout_ms, cause);
	if (n <= 0)
		return n;
	if (fp->cfg.garble_after > 0) {
		for (i = 0; i < (size_t)n; i++) {
			if (fp->nread + i >= fp->cfg.garble_after)
				p[i] = (unsigned char)(0x21 + next_rand(&fp->rng) % 94);
		}
	}
	fp->nread += (size_t)n;
	return n;
}

/* Closes inner and the wrapper. */
static void
fault_close(struct transport *t)
{
	struct fault_priv *fp = t->priv;

	transport_close(fp->inner);
	free(fp);
	free(t->label);
	free(t);
}

static const struct transport_ops fault_ops = {
	.kind = "fault",
	.write = fault_write,
	.read = fault_read,
	.close = fault_close,
};

/* Wraps inner (see transport.h). */
struct transport *
transport_fault_wrap(struct transport *inner,
    const struct transport_fault_cfg *cfg)
{
	struct fault_priv *fp;
	struct transport *t;

	fp = xcalloc(1, sizeof *fp);
	fp->inner = inner;
	fp->cfg = *cfg;
	fp->rng = cfg->garble_seed;
	t = xcalloc(1, sizeof *t);
	t->ops = &fault_ops;
	t->priv = fp;
	t->label = xstrdup(inner->label);
	t->eol = inner->eol;
	t->inband_login = inner->inband_login;
	return t;
}
