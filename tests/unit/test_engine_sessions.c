/* test_engine_sessions.c — config.ini's session.* keys change what the
   engine's session pool does to a device, seen on the lab's OLTs (logins
   counted by the simulator) and on a port nothing listens on.

   Three engines on one lab: "tight" (max_per_olt = 1, breaker_failures =
   1, reconnect_max_s = 2, keepalive_s = 5), "brief" (idle_close_s = 5)
   and "plain" (no config.ini: the defaults 2, 3, 300, 60, 120).  No
   engine runs the keepalive thread: the test calls the maintenance step
   itself, after waiting past the 5 s settings. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include "drivers/session_pool.h"
#include "tests/unit/lab_fixture.h"

static struct {
	struct lab_fixture	 lf;
	struct engine		*tight, *brief, *plain;
	struct sim_olt		*hw;
	int			 dead_port;
} t;

/* A loopback TCP port nothing listens on (bound, then closed). */
static int
closed_port(void)
{
	struct sockaddr_in a = { .sin_family = AF_INET };
	socklen_t len = sizeof a;
	int fd = socket(AF_INET, SOCK_STREAM, 0), port;

	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (fd < 0 || bind(fd, (struct sockaddr *)&a, sizeof a) != 0 ||
	    getsockname(fd, (struct sockaddr *)&a, &len) != 0)
		fail_msg("cannot find a free port");
	port = ntohs(a.sin_port);
	close(fd);
	return port;
}

/* An engine with config and the OLTs "hw-1" (the lab's) and "dead". */
static struct engine *
engine_with(const char *config)
{
	struct engine *e = lab_engine(&t.lf, config);

	lab_add_olt(e, t.hw, NULL, "huawei", TRANSPORT_SSH, 0);
	lab_add_olt(e, t.hw, "dead", "huawei", TRANSPORT_SSH, t.dead_port);
	return e;
}

static int
setup(void **state)
{
	struct fleet_opts fo = { .huawei = 1, .boards = 1, .pons = 1, .onts = 2, .seed = 3 };

	(void)state;
	lab_up(&t.lf, &fo);
	t.hw = fleet_olt(t.lf.fleet, "hw-1");
	t.dead_port = closed_port();
	t.tight = engine_with("[session]\nmax_per_olt = 1\nbreaker_failures = 1\n"
	    "reconnect_max_s = 2\nkeepalive_s = 5");
	t.brief = engine_with("[session]\nidle_close_s = 5");
	t.plain = engine_with(NULL);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	engine_close(t.tight);
	engine_close(t.brief);
	engine_close(t.plain);
	lab_down(&t.lf);
	return 0;
}

/* The OLT called name in e's database. */
static struct olt
olt_of(struct engine *e, const char *name)
{
	struct olt o;
	char *cause = NULL;

	if (engine_olt(e, name, &o, NULL, &cause) != 1)
		fail_msg("no OLT %s: %s", name, cause != NULL ? cause : "");
	return o;
}

/* The pool's view of name in e. */
static struct session_pool_olt_status
status_of(struct engine *e, const char *name)
{
	struct session_pool_olt_status st;

	session_pool_status(engine_sessions(e), name, &st);
	free(st.last_error);
	st.last_error = NULL;
	return st;
}

/* Acquires up to n sessions of hw-1 from e (300 ms each); returns how many
   it got, with the error kind of the first refusal in *kind. */
static int
acquire_n(struct engine *e, int n, struct session **s, enum err_kind *kind)
{
	struct olt o = olt_of(e, "hw-1");
	int got = 0;

	*kind = ERR_NONE;
	for (int i = 0; i < n; i++) {
		struct err err = { 0 };

		if (engine_acquire(e, &o, 300, &s[got], &err) == 0) {
			got++;
			continue;
		}
		if (*kind == ERR_NONE)
			*kind = err.kind;
		err_clear(&err);
	}
	return got;
}

/* session.max_per_olt caps the sessions one OLT gets; a released session
   is reused without a new login. */
static void
test_max_per_olt(void **state)
{
	struct session *s[3];
	enum err_kind kind;
	unsigned long l0 = t.hw->logins;
	int n;

	(void)state;
	n = acquire_n(t.tight, 3, s, &kind);
	assert_int_equal(n, 1);
	assert_int_equal(kind, ERR_TIMEOUT);
	assert_int_equal(t.hw->logins - l0, 1);
	engine_release(t.tight, s[0], false);
	assert_int_equal(acquire_n(t.tight, 1, s, &kind), 1);
	engine_release(t.tight, s[0], false);
	assert_int_equal(t.hw->logins - l0, 1);

	l0 = t.hw->logins;
	n = acquire_n(t.plain, 3, s, &kind);
	assert_int_equal(n, 2);
	assert_int_equal(kind, ERR_TIMEOUT);
	assert_int_equal(t.hw->logins - l0, 2);
	for (int i = 0; i < n; i++)
		engine_release(t.plain, s[i], false);
}

/* session.breaker_failures: one refused connect marks the OLT unreachable
   for session.reconnect_max_s, and the next acquire is refused without a
   connect; with the default of 3 one failure only delays the next try. */
static void
test_breaker(void **state)
{
	struct olt dead = olt_of(t.tight, "dead");
	struct session_pool_olt_status st;
	struct session *s = NULL;
	struct err err = { 0 };

	(void)state;
	assert_int_not_equal(engine_acquire(t.tight, &dead, 300, &s, &err), 0);
	err_clear(&err);
	st = status_of(t.tight, "dead");
	assert_int_equal(st.failures, 1);
	assert_true(st.unreachable);
	assert_in_range(st.retry_in_ms, 1, 2000);		/* reconnect_max_s = 2 */
	assert_int_not_equal(engine_acquire(t.tight, &dead, 300, &s, &err), 0);
	assert_int_equal(err.kind, ERR_UNREACHABLE);
	err_clear(&err);
	assert_int_equal(status_of(t.tight, "dead").failures, 1);	/* no new connect */

	dead = olt_of(t.plain, "dead");
	assert_int_not_equal(engine_acquire(t.plain, &dead, 300, &s, &err), 0);
	err_clear(&err);
	st = status_of(t.plain, "dead");
	assert_int_equal(st.failures, 1);
	assert_false(st.unreachable);
}

/* session.idle_close_s closes an idle session; session.keepalive_s keeps
   one alive (an Enter on it) without closing it. */
static void
test_idle_and_keepalive(void **state)
{
	struct engine *es[] = { t.tight, t.brief, t.plain };
	struct session *s[1];
	enum err_kind kind;
	int touched[3];

	(void)state;
	for (size_t i = 0; i < nitems(es); i++) {
		engine_reset_olt(es[i], "hw-1");	/* one open session each */
		assert_int_equal(acquire_n(es[i], 1, s, &kind), 1);
		engine_release(es[i], s[0], false);
		assert_int_equal(status_of(es[i], "hw-1").open, 1);
	}
	sleep(6);
	for (size_t i = 0; i < nitems(es); i++)
		touched[i] = session_pool_maintain(engine_sessions(es[i]));
	/* tight: a keepalive on its open session, still open */
	assert_int_equal(touched[0], 1);
	assert_int_equal(status_of(t.tight, "hw-1").open, 1);
	/* brief: closed after 5 s idle */
	assert_int_equal(touched[1], 1);
	assert_int_equal(status_of(t.brief, "hw-1").open, 0);
	/* plain: 60 s keepalive, 120 s idle close: nothing due */
	assert_int_equal(touched[2], 0);
	assert_int_equal(status_of(t.plain, "hw-1").open, 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_max_per_olt),
		cmocka_unit_test(test_breaker),
		cmocka_unit_test(test_idle_and_keepalive),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
