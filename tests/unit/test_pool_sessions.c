/* test_pool_sessions.c — the per-OLT session pool: reuse, the cap with
   waiting callers, busy timeout, broken sessions, backoff, the breaker and
   its cool-down, in-band keepalive, idle close, and a multi-threaded stress
   run (built under TSan by `make check`).  The "device" is an in-memory
   Huawei-like echo CLI behind the transport vtable. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "drivers/cli.h"
#include "drivers/huawei.h"
#include "drivers/session_pool.h"
#include "lib/util.h"

/* ---- an echo device: "HOST>" / "HOST#", enable, quit hangs up ---- */

struct echo_dev {
	struct buf	 out;		/* bytes the device has to say */
	struct buf	 line;		/* what is being typed */
	bool		 enabled;
	bool		 closed;
	atomic_int	*enters;	/* empty lines seen (keepalives) */
};

static void
echo_prompt(struct echo_dev *d)
{
	buf_adds(&d->out, d->enabled ? "\r\nOLT#" : "\r\nOLT>");
}

static int
echo_write(struct transport *t, const void *buf, size_t len, char **cause)
{
	struct echo_dev *d = t->priv;
	const char *p = buf;

	(void)cause;
	for (size_t i = 0; i < len; i++) {
		if (p[i] != '\n') {
			buf_addc(&d->line, p[i]);
			continue;
		}
		const char *cmd = buf_str(&d->line);
		buf_adds(&d->out, cmd);
		buf_adds(&d->out, "\r\n");
		if (*cmd == '\0' && d->enters != NULL)
			atomic_fetch_add(d->enters, 1);
		if (strcmp(cmd, "enable") == 0)
			d->enabled = true;
		if (strcmp(cmd, "quit") == 0 || strcmp(cmd, "hangup") == 0)
			d->closed = true;
		else
			echo_prompt(d);
		buf_reset(&d->line);
	}
	return 0;
}

static ssize_t
echo_read(struct transport *t, void *buf, size_t cap, int timeout_ms, char **cause)
{
	struct echo_dev *d = t->priv;
	size_t n;

	if (d->out.len == 0) {
		if (d->closed) {
			transport_closed_cause(t, NULL, cause);
			return -1;
		}
		sleep_ms(timeout_ms < 1 ? timeout_ms : 1);
		return 0;
	}
	n = d->out.len < cap ? d->out.len : cap;
	memcpy(buf, d->out.data, n);
	buf_consume(&d->out, n);
	return (ssize_t)n;
}

static void
echo_close(struct transport *t)
{
	struct echo_dev *d = t->priv;

	buf_free(&d->out);
	buf_free(&d->line);
	free(d);
	free(t->label);
	free(t);
}

static const struct transport_ops echo_ops = { "echo", echo_write, echo_read, echo_close };

/* ---- the connect callback, steered by the test ---- */

struct world {
	atomic_int	connects;	/* calls */
	atomic_int	fail;		/* 1: connects fail */
	atomic_int	enters;
	atomic_int	busy_now[2];	/* sessions in use per OLT (0: a, 1: b) */
	atomic_int	busy_max[2];
};

static struct session *
fake_connect(void *arg, const char *olt, struct err *cause)
{
	struct world *w = arg;
	struct echo_dev *d;
	struct transport *t;
	struct cli *c;
	struct cli_options o = { 1000, 1000, -1, 1 };

	atomic_fetch_add(&w->connects, 1);
	if (atomic_load(&w->fail)) {
		err_set(cause, ERR_UNREACHABLE, "cannot connect to %s: Connection refused", olt);
		return NULL;
	}
	d = xcalloc(1, sizeof *d);
	d->enters = &w->enters;
	buf_adds(&d->out, "\r\nOLT>");
	t = transport_new(&echo_ops, d, olt, "127.0.0.1", 22);
	c = cli_new(t, &huawei_cli, &o);
	if (cli_login(c, NULL, NULL, cause) != 0) {
		cli_close(c);
		return NULL;
	}
	return session_cli_wrap(&driver_huawei, c);
}

static struct session_pool *
pool(struct world *w, int max, int idle, int keep, int k, int cool, int backoff)
{
	struct session_pool_config cfg = { max, idle, keep, k, cool, backoff, backoff * 8 };

	memset(w, 0, sizeof *w);
	return session_pool_new(&cfg, fake_connect, w);
}

static void
test_idle_session_is_reused(void **state)
{
	struct world w;
	struct session_pool *p = pool(&w, 2, 60000, 60000, 3, 60000, 1);
	struct session *a, *b;
	struct err cause = { 0 };

	(void)state;
	assert_int_equal(session_pool_acquire(p, "pop-a", 1000, &a, &cause), SESSION_POOL_OK);
	assert_int_equal(cli_current_mode(session_cli(a)), CLI_MODE_PRIV);
	session_pool_release(p, a, false);
	assert_int_equal(session_pool_acquire(p, "pop-a", 1000, &b, &cause), SESSION_POOL_OK);
	assert_ptr_equal(a, b);
	assert_int_equal(atomic_load(&w.connects), 1);
	session_pool_release(p, b, false);
	session_pool_free(p);
}

static void
test_cap_makes_a_third_caller_wait_then_time_out(void **state)
{
	struct world w;
	struct session_pool *p = pool(&w, 2, 60000, 60000, 3, 60000, 1);
	struct session *a, *b, *c;
	struct err cause = { 0 };
	struct session_pool_olt_status st;

	(void)state;
	assert_int_equal(session_pool_acquire(p, "pop-a", 1000, &a, &cause), SESSION_POOL_OK);
	assert_int_equal(session_pool_acquire(p, "pop-a", 1000, &b, &cause), SESSION_POOL_OK);
	assert_ptr_not_equal(a, b);
	assert_int_equal(session_pool_acquire(p, "pop-a", 30, &c, &cause), SESSION_POOL_TIMEOUT);
	assert_non_null(strstr(cause.message, "all 2 sessions to OLT pop-a are busy"));
	assert_null(c);
	assert_int_equal(atomic_load(&w.connects), 2);
	session_pool_status(p, "pop-a", &st);
	assert_int_equal(st.open, 2);
	assert_int_equal(st.busy, 2);
	free(st.last_error);
	/* Another OLT has its own cap. */
	assert_int_equal(session_pool_acquire(p, "pop-b", 1000, &c, &cause), SESSION_POOL_OK);
	session_pool_release(p, a, false);
	session_pool_release(p, b, false);
	session_pool_release(p, c, false);
	err_clear(&cause);
	session_pool_free(p);
}

struct holder {
	struct session_pool	*p;
	struct world		*w;
	int			 olt;
	int			 rounds;
	int			 failures;
};

static void *
hold(void *arg)
{
	struct holder *h = arg;
	const char *name = h->olt == 0 ? "pop-a" : "pop-b";

	for (int i = 0; i < h->rounds; i++) {
		struct session *c;
		struct err cause = { 0 };
		char *out = NULL;
		struct err e = { 0 };
		int now;

		if (session_pool_acquire(h->p, name, 5000, &c, &cause) != SESSION_POOL_OK) {
			h->failures++;
			err_clear(&cause);
			continue;
		}
		now = atomic_fetch_add(&h->w->busy_now[h->olt], 1) + 1;
		for (int m = atomic_load(&h->w->busy_max[h->olt]); now > m &&
		    !atomic_compare_exchange_weak(&h->w->busy_max[h->olt], &m, now); )
			;
		if (cli_run(session_cli(c), "display version", NULL, &out, &e) != 0)
			h->failures++;
		free(out);
		err_clear(&e);
		atomic_fetch_sub(&h->w->busy_now[h->olt], 1);
		session_pool_release(h->p, c, false);
	}
	return NULL;
}

static void
test_threads_share_the_cap_without_errors(void **state)
{
	struct world w;
	struct session_pool *p = pool(&w, 2, 60000, 60000, 3, 60000, 1);
	struct holder h[8];
	pthread_t th[8];
	int failures = 0;

	(void)state;
	for (int i = 0; i < 8; i++) {
		h[i] = (struct holder){ p, &w, i % 2, 40, 0 };
		pthread_create(&th[i], NULL, hold, &h[i]);
	}
	for (int i = 0; i < 8; i++) {
		pthread_join(th[i], NULL);
		failures += h[i].failures;
	}
	assert_int_equal(failures, 0);
	assert_true(atomic_load(&w.busy_max[0]) <= 2);
	assert_true(atomic_load(&w.busy_max[1]) <= 2);
	assert_true(atomic_load(&w.busy_max[0]) >= 1);
	assert_true(atomic_load(&w.connects) <= 4);
	session_pool_free(p);
}

static void
test_broken_session_is_closed_on_release(void **state)
{
	struct world w;
	struct session_pool *p = pool(&w, 2, 60000, 60000, 3, 60000, 1);
	struct session *a, *b;
	struct err e = { 0 };
	struct err cause = { 0 };
	struct session_pool_olt_status st;

	(void)state;
	assert_int_equal(session_pool_acquire(p, "pop-a", 1000, &a, &cause), SESSION_POOL_OK);
	assert_int_equal(cli_run(session_cli(a), "hangup", NULL, NULL, &e), -1);
	assert_int_equal(e.kind, ERR_CLOSED);
	assert_true(session_broken(a));
	session_pool_release(p, a, false);
	session_pool_status(p, "pop-a", &st);
	assert_int_equal(st.open, 0);
	free(st.last_error);
	assert_int_equal(session_pool_acquire(p, "pop-a", 1000, &b, &cause), SESSION_POOL_OK);
	assert_int_equal(atomic_load(&w.connects), 2);
	session_pool_release(p, b, true);	/* discard */
	session_pool_status(p, "pop-a", &st);
	assert_int_equal(st.open, 0);
	free(st.last_error);
	err_clear(&e);
	session_pool_free(p);
}

static void
test_breaker_opens_after_k_failures_and_closes_after_cooldown(void **state)
{
	struct world w;
	struct session_pool *p = pool(&w, 2, 60000, 60000, 3, 150, 1);
	struct session *c;
	struct err cause = { 0 };
	struct session_pool_olt_status st;

	(void)state;
	atomic_store(&w.fail, 1);
	for (int i = 0; i < 3; i++) {
		assert_int_equal(session_pool_acquire(p, "pop-a", 1000, &c, &cause), SESSION_POOL_ERR);
		assert_non_null(strstr(cause.message, "Connection refused"));
	}
	assert_int_equal(atomic_load(&w.connects), 3);
	/* Open: refused at once, without trying to connect. */
	assert_int_equal(session_pool_acquire(p, "pop-a", 1000, &c, &cause), SESSION_POOL_UNREACHABLE);
	assert_non_null(strstr(cause.message, "OLT pop-a is marked unreachable after 3 failed connections"));
	assert_non_null(strstr(cause.message, "Connection refused"));
	assert_int_equal(atomic_load(&w.connects), 3);
	session_pool_status(p, "pop-a", &st);
	assert_true(st.unreachable);
	assert_int_equal(st.failures, 3);
	assert_non_null(st.last_error);
	free(st.last_error);
	/* Other OLTs are not affected. */
	atomic_store(&w.fail, 0);
	assert_int_equal(session_pool_acquire(p, "pop-b", 1000, &c, &cause), SESSION_POOL_OK);
	session_pool_release(p, c, false);
	/* After the cool-down one try goes through and closes the breaker. */
	do {
		sleep_ms(20);
		session_pool_status(p, "pop-a", &st);
		free(st.last_error);
	} while (st.unreachable);
	assert_int_equal(session_pool_acquire(p, "pop-a", 1000, &c, &cause), SESSION_POOL_OK);
	session_pool_status(p, "pop-a", &st);
	assert_false(st.unreachable);
	assert_int_equal(st.failures, 0);
	free(st.last_error);
	session_pool_release(p, c, false);
	err_clear(&cause);
	session_pool_free(p);
}

static void
test_backoff_delays_the_next_connect(void **state)
{
	struct world w;
	struct session_pool *p = pool(&w, 2, 60000, 60000, 5, 60000, 60000);
	struct session *c;
	struct err cause = { 0 };
	struct session_pool_olt_status st;

	(void)state;
	atomic_store(&w.fail, 1);
	assert_int_equal(session_pool_acquire(p, "pop-a", 100, &c, &cause), SESSION_POOL_ERR);
	/* The next try is not due yet: no connect, a clear reason. */
	assert_int_equal(session_pool_acquire(p, "pop-a", 10, &c, &cause), SESSION_POOL_ERR);
	assert_non_null(strstr(cause.message, "before reconnecting"));
	assert_int_equal(atomic_load(&w.connects), 1);
	session_pool_status(p, "pop-a", &st);
	assert_true(st.retry_in_ms > 0);
	assert_false(st.unreachable);
	free(st.last_error);
	/* A reset (the technician asks to retry now) clears the backoff. */
	session_pool_reset_olt(p, "pop-a");
	atomic_store(&w.fail, 0);
	assert_int_equal(session_pool_acquire(p, "pop-a", 100, &c, &cause), SESSION_POOL_OK);
	session_pool_release(p, c, false);
	err_clear(&cause);
	session_pool_free(p);
}

static void
test_keepalive_sends_an_enter_and_idle_sessions_close(void **state)
{
	struct world w;
	struct session_pool *p = pool(&w, 2, 60000, 1, 3, 60000, 1);
	struct session *c;
	struct err cause = { 0 };
	struct session_pool_olt_status st;

	(void)state;
	assert_int_equal(session_pool_acquire(p, "pop-a", 1000, &c, &cause), SESSION_POOL_OK);
	session_pool_release(p, c, false);
	sleep_ms(5);
	assert_int_equal(atomic_load(&w.enters), 0);
	assert_int_equal(session_pool_maintain(p), 1);
	assert_int_equal(atomic_load(&w.enters), 1);
	session_pool_status(p, "pop-a", &st);
	assert_int_equal(st.open, 1);
	assert_int_equal(st.busy, 0);
	free(st.last_error);
	session_pool_free(p);

	p = pool(&w, 2, 1, 60000, 3, 60000, 1);
	assert_int_equal(session_pool_acquire(p, "pop-a", 1000, &c, &cause), SESSION_POOL_OK);
	session_pool_release(p, c, false);
	sleep_ms(5);
	assert_int_equal(session_pool_maintain(p), 1);
	session_pool_status(p, "pop-a", &st);
	assert_int_equal(st.open, 0);
	free(st.last_error);
	assert_int_equal(session_pool_acquire(p, "pop-a", 1000, &c, &cause), SESSION_POOL_OK);
	assert_int_equal(atomic_load(&w.connects), 2);
	session_pool_release(p, c, false);
	session_pool_free(p);
}

static void
test_maintenance_thread_keeps_sessions_alive(void **state)
{
	struct world w;
	struct session_pool *p = pool(&w, 2, 60000, 5, 3, 60000, 1);
	struct session *c;
	struct err cause = { 0 };

	(void)state;
	assert_int_equal(session_pool_acquire(p, "pop-a", 1000, &c, &cause), SESSION_POOL_OK);
	session_pool_release(p, c, false);
	assert_int_equal(session_pool_start(p, 2), 0);
	while (atomic_load(&w.enters) < 2)
		sleep_ms(2);
	/* A worker can still take the session between keepalives. */
	assert_int_equal(session_pool_acquire(p, "pop-a", 1000, &c, &cause), SESSION_POOL_OK);
	session_pool_release(p, c, false);
	session_pool_free(p);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_idle_session_is_reused),
		cmocka_unit_test(test_cap_makes_a_third_caller_wait_then_time_out),
		cmocka_unit_test(test_threads_share_the_cap_without_errors),
		cmocka_unit_test(test_broken_session_is_closed_on_release),
		cmocka_unit_test(test_breaker_opens_after_k_failures_and_closes_after_cooldown),
		cmocka_unit_test(test_backoff_delays_the_next_connect),
		cmocka_unit_test(test_keepalive_sends_an_enter_and_idle_sessions_close),
		cmocka_unit_test(test_maintenance_thread_keeps_sessions_alive),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
