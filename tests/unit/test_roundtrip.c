/* test_roundtrip.c — the promise of every write, checked on the device's
   own running configuration, for every write kind on both vendors (the
   lab's Huawei over SSH and ZTE over Telnet, in this process):

   1. apply: the write ends "applied and verified" (its read-back matched
      its intent) and the running configuration changed;
   2. `oltui undo` of its audit entry ends verified, and the running
      configuration is again exactly the one before;
   3. the same write with a fault at each of its steps — the link dropped
      right after the command ran, its answer garbled, the device busy, the
      answer later than the step timeout: the device ends in the state
      before, or in the state after (and then the write said so), or in a
      state the report's "left on the device" list names exactly: running
      those undo commands brings back the state before.  A write that says
      "done" left the state after; one that says nothing is left left the
      state before.

   The running configuration is the driver's running_config read (display
   current-configuration / show running-config), compared as text. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/ops.h"
#include "drivers/cli.h"
#include "tests/unit/lab_fixture.h"

static struct {
	struct lab_fixture	 lf;
	struct engine		*e;
	struct store		*st;
	int			 rounds;	/* faulted writes run */
} t;

/* One vendor's OLT and the things its cases name. */
struct vcase {
	const char	*olt;
	const char	*port;		/* the ONTs' port */
	const char	*other;		/* the port a move goes to */
	const char	*new_sn;	/* a replacement serial */
	const char	*fresh_sn;	/* a new ONT to provision */
	const char	*profile;
	int		 down, up;	/* a speed the ONTs do not have */
};

static const struct vcase huawei = { "hw-1", "0/1/0", "0/1/1", "HWTC0000AB01",
	"HWTC0BADC0DE", "huawei-100", 100, 100 };
static const struct vcase zte = { "zte-1", "1/1/1", "1/1/2", "ZTEG0000AB01",
	"ZTEG0BADC0DE", "zte-100", 1000, 1000 };

static int
setup(void **state)
{
	struct fleet_opts fo = { .huawei = 1, .zte = 1, .boards = 1, .pons = 2, .onts = 3,
	    .seed = 11 };
	struct err err = { 0 };
	const char *ports[][2] = { { "hw-1", "0/1/0" }, { "hw-1", "0/1/1" },
	    { "zte-1", "1/1/1" }, { "zte-1", "1/1/2" } };

	(void)state;
	lab_up(&t.lf, &fo);
	t.e = lab_engine(&t.lf, NULL);
	t.st = engine_store(t.e, NULL);
	lab_add_olt(t.e, fleet_olt(t.lf.fleet, "hw-1"), NULL, "huawei", TRANSPORT_SSH, 0);
	lab_add_olt(t.e, fleet_olt(t.lf.fleet, "zte-1"), NULL, "zte", TRANSPORT_TELNET, 0);
	lab_add_profile(t.e, "huawei-100", 100, 100, "10", "31");
	lab_add_profile(t.e, "zte-100", 200, 100, "300M", "1G-DOWN");
	for (size_t i = 0; i < nitems(ports); i++)
		if (ops_port_read(t.e, ports[i][0], ports[i][1], &err) != 0)
			fail_msg("%s", err_text(&err));
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	fprintf(stderr, "# %d faulted writes\n", t.rounds);
	engine_close(t.e);
	lab_down(&t.lf);
	return 0;
}

/* The configuration without the lines a device rewrites on its own: ZTE's
   "timestamp_write:" (when the configuration last changed) is the only
   one; the order of lines is compared as the device prints it. */
static char *
normalised(char *text)
{
	char **l;
	size_t n = str_split_lines(text, &l);
	struct buf b = { 0 };

	for (size_t i = 0; i < n; i++)
		if (!str_startswith(l[i], "timestamp_write:"))
			buf_addf(&b, "%s\n", l[i]);
	strv_free(l, n);
	free(text);
	return buf_take(&b);
}

/* The OLT's running configuration, read through its driver. */
static char *
running(const char *name)
{
	const struct olt_driver *d;
	struct session *s;
	struct olt o;
	struct err err = { 0 };
	char *text = NULL;

	if (engine_find_olt(t.e, name, &o, &d, &err) != 0 ||
	    engine_acquire(t.e, &o, 0, &s, &err) != 0)
		fail_msg("%s: %s", name, err_text(&err));
	if (d->reads->running_config(s, &text, &err) != 0)
		fail_msg("%s: running config: %s", name, err_text(&err));
	engine_release(t.e, s, false);
	return normalised(text);
}

/* The lines of a that b lacks and the reverse, for messages. */
static char *
difference(const char *a, const char *b)
{
	char **la, **lb;
	size_t na = str_split_lines(a, &la), nb = str_split_lines(b, &lb);
	struct buf d = { 0 };

	for (size_t i = 0; i < na; i++) {
		bool found = false;

		for (size_t k = 0; k < nb && !found; k++)
			found = strcmp(la[i], lb[k]) == 0;
		if (!found)
			buf_addf(&d, "- %s\n", la[i]);
	}
	for (size_t k = 0; k < nb; k++) {
		bool found = false;

		for (size_t i = 0; i < na && !found; i++)
			found = strcmp(la[i], lb[k]) == 0;
		if (!found)
			buf_addf(&d, "+ %s\n", lb[k]);
	}
	strv_free(la, na);
	strv_free(lb, nb);
	return buf_take(&d);
}

/* Fails with what differs when the running configuration is not want. */
static void
config_is(const char *olt, const char *want, const char *what)
{
	char *now = running(olt);

	if (strcmp(now, want) != 0) {
		char *d = difference(want, now);

		if (*d == '\0') {	/* the same lines in another order */
			free(d);
			d = xasprintf("(the same lines, in another order)\n--- was\n%s--- is\n%s",
			    want, now);
		}
		fail_msg("%s: the running configuration is not as it was:\n%s", what, d);
	}
	free(now);
}

/* The first ONT stored on port of olt (its serial). */
static void
first_sn(const char *olt, const char *port, char sn[SN_MAX_LEN + 1])
{
	struct ont *v = NULL;
	struct olt o;
	size_t n = 0;
	char *cause = NULL;

	assert_int_equal(store_olt_by_name(t.st, olt, &o, &cause), 1);
	assert_int_equal(store_onts_on_port(t.st, o.id, port, &v, &n, &cause), 0);
	assert_true(n > 0);
	strlcpy_(sn, v[0].sn, SN_MAX_LEN + 1);
	free(v);
}

/* The write of kind k on vendor v's case. */
static struct op_req
request(const struct vcase *v, enum op_kind k)
{
	struct op_req rq;

	op_req_init(&rq, k);
	if (k == OP_PROVISION) {
		strlcpy_(rq.olt, v->olt, sizeof rq.olt);
		strlcpy_(rq.port, v->other, sizeof rq.port);
		strlcpy_(rq.sn, v->fresh_sn, sizeof rq.sn);
		strlcpy_(rq.profile, v->profile, sizeof rq.profile);
		return rq;
	}
	first_sn(v->olt, v->port, rq.sn);
	switch (k) {
	case OP_MOVE:
		strlcpy_(rq.new_port, v->other, sizeof rq.new_port);
		break;
	case OP_REPLACE:
		strlcpy_(rq.new_sn, v->new_sn, sizeof rq.new_sn);
		break;
	case OP_SPEED:
		rq.down_mbps = v->down;
		rq.up_mbps = v->up;
		break;
	case OP_VLAN:
		rq.vlan = 300;
		break;
	case OP_DESC:
		strlcpy_(rq.desc, "round trip", sizeof rq.desc);
		break;
	default:
		break;
	}
	return rq;
}

/* Runs rq (a dry run when dry); returns its status, the report in *rep. */
static enum write_status
write(const struct op_req *rq, bool dry, int step_ms, struct write_report *rep)
{
	struct write_opts o = { .dry_run = dry, .step_timeout_ms = step_ms };

	return ops_write(t.e, rq, &o, rep, NULL);
}

/* Undoes audit entry id; it must end verified. */
static void
undo_ok(int64_t id, const char *what)
{
	struct write_opts o = { 0 };
	struct write_report rep;

	if (ops_undo(t.e, id, &o, &rep, NULL) != WRITE_DONE || !rep.verified)
		fail_msg("%s: undo of entry %lld: %s (%s)", what, (long long)id,
		    writes_outcome_text(&rep), rep.cause != NULL ? rep.cause : "");
	writes_report_free(&rep);
}

/* The numbered commands of a preview ("   3  ont add ..."), in order. */
static size_t
steps_of(const char *preview, char ***out)
{
	char **l;
	size_t n = str_split_lines(preview, &l), k = 0;

	*out = xcalloc(n + 1, sizeof **out);
	for (size_t i = 0; i < n; i++) {
		char *p = l[i];
		size_t sp = strspn(p, " ");

		if (sp == 0 || sp > 3 || p[sp] < '1' || p[sp] > '9')
			continue;
		p += sp + strspn(p + sp, "0123456789");
		if (strncmp(p, "  ", 2) == 0)
			(*out)[k++] = xstrdup(p + 2);
	}
	strv_free(l, n);
	return k;
}

/* Sends the undo of every step the report says is left, in its order (the
   reverse of the plan's): a step that may not have been applied may
   refuse its undo. */
static void
undo_left(const char *olt, const struct write_report *rep, const char *what)
{
	const struct olt_driver *d;
	struct session *s;
	struct olt o;
	struct err err = { 0 };

	if (engine_find_olt(t.e, olt, &o, &d, &err) != 0 ||
	    engine_acquire(t.e, &o, 0, &s, &err) != 0)
		fail_msg("%s: %s", what, err_text(&err));
	for (size_t i = 0; i < rep->nleft; i++) {
		const struct write_left *l = &rep->left[i];
		struct cli_run_opts ro = { 0 };
		char *out = NULL;

		if (l->undo == NULL)
			fail_msg("%s: \"%s\" is left with no undo", what, l->command);
		if (cli_enter(session_cli(s), l->undo_mode, l->undo_mode_arg, &err) != 0 ||
		    cli_run(session_cli(s), l->undo, &ro, &out, &err) != 0) {
			if (!l->maybe)
				fail_msg("%s: the left undo \"%s\" failed: %s", what, l->undo,
				    err_text(&err));
			err_clear(&err);
		}
		free(out);
	}
	engine_release(t.e, s, false);
}

#define STEP_MS	400	/* the step timeout of a faulted write */
#define SLOW_MS	700	/* a slow answer: later than the timeout */

/* One faulted write of rq (fault kind at step text, after skip earlier
   sends of the same command: the reads before the plan, earlier steps):
   checks what the device holds against before / after and the report,
   then brings it back to before. */
static void
faulted(const struct vcase *v, const struct op_req *rq, int kind, const char *step,
    int skip, const char *before, const char *after)
{
	static const char *const kinds[] = { "off", "drop", "garble", "busy", "slow" };
	struct sim_olt *sim = fleet_olt(t.lf.fleet, v->olt);
	struct write_report rep;
	enum write_status s;
	char what[256], *now;

	snprintf(what, sizeof what, "%s %s, %s at \"%s\"", v->olt, op_kind_name(rq->kind),
	    kinds[kind], step);
	fleet_set_step_fault(sim, kind, step, SLOW_MS, skip);
	s = write(rq, false, STEP_MS, &rep);
	fleet_set_step_fault(sim, SIM_STEP_OFF, NULL, 0, 0);
	t.rounds++;
	if (kind == SIM_STEP_SLOW)
		sleep_ms(SLOW_MS);	/* whatever lands late has landed */
	now = running(v->olt);
	if (s == WRITE_DONE && strcmp(now, after) != 0)
		fail_msg("%s: the write said done, the device is not in the state after",
		    what);
	if (s != WRITE_DONE && rep.nleft == 0 && strcmp(now, before) != 0) {
		char *d = difference(before, now);

		fail_msg("%s: the write said \"%s\" with nothing left, but the device "
		    "changed:\n%s", what, writes_outcome_text(&rep), d);
	}
	if (strcmp(now, before) != 0) {
		if (s == WRITE_DONE)
			undo_ok(rep.audit_id, what);
		else
			undo_left(v->olt, &rep, what);
		config_is(v->olt, before, what);
	}
	free(now);
	writes_report_free(&rep);
}

/* How often the write sends command text before its plan starts (the
   reads it builds the plan on, counted on a dry run), so a step fault
   aims at the step and not at those reads. */
static int
sent_before_plan(const struct vcase *v, const struct op_req *rq, const char *text)
{
	struct sim_olt *sim = fleet_olt(t.lf.fleet, v->olt);
	struct write_report rep;
	int n;

	fleet_set_step_fault(sim, SIM_STEP_OFF, text, 0, 0);
	write(rq, true, 0, &rep);
	n = fleet_step_seen(sim);
	fleet_set_step_fault(sim, SIM_STEP_OFF, NULL, 0, 0);
	writes_report_free(&rep);
	return n;
}

/* The round trip of write kind k on vendor v, then its faults. */
static void
roundtrip(const struct vcase *v, enum op_kind k)
{
	struct op_req rq = request(v, k);
	struct write_report rep;
	char *before, *after, **steps, what[64];
	size_t n;
	int64_t id;

	snprintf(what, sizeof what, "%s %s", v->olt, op_kind_name(k));
	before = running(v->olt);
	if (write(&rq, true, 0, &rep) != WRITE_DONE)
		fail_msg("%s: dry run: %s", what, rep.cause);
	n = steps_of(rep.preview, &steps);
	writes_report_free(&rep);
	assert_true(n > 0);
	if (write(&rq, false, 0, &rep) != WRITE_DONE || !rep.verified)
		fail_msg("%s: %s (%s)", what, writes_outcome_text(&rep),
		    rep.cause != NULL ? rep.cause : "");
	id = rep.audit_id;
	writes_report_free(&rep);
	after = running(v->olt);
	if (strcmp(before, after) == 0)
		fail_msg("%s: verified, but the running configuration did not change", what);
	undo_ok(id, what);
	config_is(v->olt, before, what);
	for (size_t i = 0; i < n; i++) {
		int skip = sent_before_plan(v, &rq, steps[i]);

		for (size_t j = 0; j < i; j++)
			skip += strcmp(steps[j], steps[i]) == 0;
		for (int kind = SIM_STEP_DROP; kind <= SIM_STEP_SLOW; kind++) {
			/* The slow answer costs a timeout: first, middle and last. */
			if (kind == SIM_STEP_SLOW && i != 0 && i != n / 2 && i != n - 1)
				continue;
			faulted(v, &rq, kind, steps[i], skip, before, after);
		}
	}
	strv_free(steps, n);
	free(before);
	free(after);
}

/* Every write kind that changes an ONT (a reboot changes nothing to read). */
static const enum op_kind kinds[] = {
	OP_PROVISION, OP_DISABLE, OP_DESC, OP_VLAN, OP_SPEED, OP_REPLACE, OP_MOVE,
	OP_DELETE,
};

static void
test_huawei(void **state)
{
	(void)state;
	for (size_t i = 0; i < nitems(kinds); i++)
		roundtrip(&huawei, kinds[i]);
}

static void
test_zte(void **state)
{
	(void)state;
	for (size_t i = 0; i < nitems(kinds); i++)
		roundtrip(&zte, kinds[i]);
}

/* Enable: the ONT is disabled first (that write undone at the end). */
static void
test_enable(void **state)
{
	const struct vcase *vs[] = { &huawei, &zte };

	(void)state;
	for (size_t i = 0; i < nitems(vs); i++) {
		struct op_req rq = request(vs[i], OP_DISABLE);
		struct write_report rep;
		int64_t id;

		assert_int_equal(write(&rq, false, 0, &rep), WRITE_DONE);
		id = rep.audit_id;
		writes_report_free(&rep);
		roundtrip(vs[i], OP_ENABLE);
		undo_ok(id, "the disable before the enable");
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_huawei),
		cmocka_unit_test(test_zte),
		cmocka_unit_test(test_enable),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
