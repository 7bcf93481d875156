/* fault_ops.h — the operations the fault-seam suites run under a fault
   (test_fault_alloc.c: a failing allocation; test_fault_sqlite.c: a
   failing write, sync or lock under SQLite), each with the check of what
   it must leave behind whatever the fault:

     store_new   opening a new database (every migration): the next open
                 works and reaches the schema version;
     import      a CSV of profiles and contracts: all or nothing, and
                 audited when it is there;
     audit       an entry of three steps: whole, or unfinished;
     sweep       poll_sweep_olt over the lab's SNMP agent: every reading
                 and sample or none;
     provision   ops_write over the lab's SSH CLI: what reached the device
                 is named by an audit step ("sending" or done).

   The suite prepares the databases (fault_setup, lab_template) and points
   fault_db at the copy a run works on.  how, given to check(): 0 the
   operation said done, 1 it returned an error with a cause, 2 it aborted
   (out of memory, fault_alloc.h).

   Static helpers, included by those two programs. */
#ifndef OLTUI_FAULT_OPS_H
#define OLTUI_FAULT_OPS_H

#include <sys/stat.h>

#include "core/audit.h"
#include "core/ops.h"
#include "core/poll.h"
#include "tests/lab/snmp_agent.h"
#include "tests/unit/fault_run.h"
#include "tests/unit/lab_fixture.h"

/* One operation under a fault.  open() runs before the fault is armed
   and returns the operation's context (NULL: it cannot run); run() runs
   armed; close() does not.  check() runs after each run on the run's
   database and returns NULL or what is wrong; reset() (may be NULL)
   puts the device back before each run. */
struct fault_op {
	const char	*name;
	void		*(*open)(void);
	int		 (*run)(void *ctx, char **cause);
	void		 (*close)(void *ctx);
	char		*(*check)(int how);
	void		 (*reset)(void);
};

static char dir[64];			/* the private directory */
static char db[128];			/* the database a run works on */
static char store_tmpl[128];		/* a new, empty database */
static struct lab_fixture lf;
static char edir[96];			/* the lab engine's directory */
static char lab_db[128];		/* its database: hw-1 added and swept once */

/* A long from sql on the run's database. */
static long UNUSED
db_int(const char *sql)
{
	sqlite3 *h = fr_open(db);
	long v = fr_int(h, sql);

	sqlite3_close(h);
	return v;
}

/* A store on the run's database. */
static UNUSED void *
open_store(void)
{
	return store_open(db, NULL);
}

static void UNUSED
close_store(void *ctx)
{
	store_close(ctx);
}

/* Nothing to open: the operation opens the store itself. */
static UNUSED void *
open_nothing(void)
{
	return dir;
}

static void UNUSED
close_nothing(void *ctx)
{
	(void)ctx;
}

/* Opens a new database: every migration. */
static int UNUSED
run_store_new(void *ctx, char **cause)
{
	struct store *st;

	(void)ctx;
	fr_remove_db(db);
	if ((st = store_open(db, cause)) == NULL)
		return -1;
	store_close(st);
	return 0;
}

/* A database left by a failed open opens and migrates on the next try. */
static UNUSED char *
check_store_new(int how)
{
	char *cause = NULL;
	struct store *st = store_open(db, &cause);
	char *why = NULL;

	(void)how;
	if (st == NULL) {
		why = xasprintf("the next store_open failed: %s", cause);
		free(cause);
		return why;
	}
	if (store_version(st) != schema_version)
		why = xasprintf("the next store_open left version %d", store_version(st));
	store_close(st);
	return why;
}

#define IMPORT_CONTRACTS 12
static const char import_csv[] =
    "type,name,vlan,down_mbps,up_mbps,line_profile,service_profile,code,customer,address\n"
    "profile,p100,100,100,100,10,31,,,\n"
    "profile,p200,200,200,200,10,31,,,\n"
    "contract,,,,,,,C-1,Ana Perez,Calle 1\ncontract,,,,,,,C-2,Luis Diaz,Calle 2\n"
    "contract,,,,,,,C-3,Eva Ruiz,Calle 3\ncontract,,,,,,,C-4,Juan Gil,Calle 4\n"
    "contract,,,,,,,C-5,Rosa Mora,Calle 5\ncontract,,,,,,,C-6,Ivan Sanz,Calle 6\n"
    "contract,,,,,,,C-7,Lara Vega,Calle 7\ncontract,,,,,,,C-8,Noa Cano,Calle 8\n"
    "contract,,,,,,,C-9,Olga Pena,Calle 9\ncontract,,,,,,,C-10,Raul Soto,Calle 10\n"
    "contract,,,,,,,C-11,Sara Leon,Calle 11\ncontract,,,,,,,C-12,Tomas Rey,Calle 12\n";

/* Imports a CSV of profiles and contracts. */
static int UNUSED
run_import(void *ctx, char **cause)
{
	struct inv_counts c;

	return inv_import_text(ctx, import_csv, "fault.csv", &c, cause);
}

/* All or nothing, and audited when it happened. */
static UNUSED char *
check_import(int how)
{
	long contracts = db_int("SELECT count(*) FROM contracts");
	long profiles = db_int("SELECT count(*) FROM profiles");
	long audited = db_int("SELECT count(*) FROM audit WHERE action = 'import fault.csv'");

	if (!((contracts == 0 && profiles == 0) ||
	    (contracts == IMPORT_CONTRACTS && profiles == 2)))
		return xasprintf("the import is partly there: %ld contracts, %ld profiles",
		    contracts, profiles);
	if (contracts > 0 && audited != 1)
		return xasprintf("the import is in the database but the audit has %ld "
		    "entries for it", audited);
	if (how == 0 && contracts == 0)
		return xstrdup("the import said done and wrote nothing");
	return NULL;
}

/* An audit entry: begin, three steps, end. */
static int UNUSED
run_audit(void *ctx, char **cause)
{
	struct audit_start a = { .user = "tech", .olt = "hw-1", .ont_sn = "HWTC00000001",
		.action = "ont add" };
	int64_t id = audit_begin(ctx, &a, cause);

	if (id <= 0)
		return -1;
	if (audit_step(ctx, id, "interface gpon 0/1", "", true, cause) != 0 ||
	    audit_step(ctx, id, "ont add 0 5 sn-auth HWTC00000001 password secret",
	    "Number of ONTs that can be added: 1, success: 1", true, cause) != 0 ||
	    audit_step(ctx, id, "quit", "", true, cause) != 0)
		return -1;
	return audit_end(ctx, id, AUDIT_OK, NULL, cause);
}

/* The entry is whole, or it is unfinished; its password never stored. */
static UNUSED char *
check_audit(int how)
{
	long entries = db_int("SELECT count(*) FROM audit");
	long ended = db_int("SELECT count(*) FROM audit WHERE outcome = 'ok'");
	long steps = db_int("SELECT count(*) FROM audit_steps");

	if (db_int("SELECT count(*) FROM audit_steps WHERE command LIKE '%secret%'") != 0)
		return xstrdup("a password reached the audit trail");
	if (entries > 1)
		return xasprintf("%ld entries for one action", entries);
	if (ended == 1 && steps != 3)
		return xasprintf("an ended entry with %ld of its 3 steps", steps);
	if (how == 0 && ended != 1)
		return xstrdup("audit_end said done and the entry did not end");
	return NULL;
}

/* The lab engine, opened in the child on the run's database. */
/* The lab engine on the database at path (its key, known_hosts and
   config.ini in edir); accept: take a first-contact host key.  NULL and a
   cause when it cannot be opened. */
static struct engine *
engine_at(const char *path, bool accept, char **cause)
{
	struct engine_opts eo = { 0 };
	struct engine *e;
	char kp[160], kh[160];

	snprintf(kp, sizeof kp, "%s/key", edir);
	snprintf(kh, sizeof kh, "%s/known_hosts", edir);
	eo.db_path = path;
	eo.config_dir = edir;
	eo.key_file = kp;
	eo.known_hosts = kh;
	eo.accept_new_host_key = accept;
	eo.flags = ENGINE_VAULT;
	return engine_open(&eo, &e, cause) == 0 ? e : NULL;
}

/* The lab engine on the run's database. */
static UNUSED void *
open_engine(void)
{
	return engine_at(db, false, NULL);
}

static void UNUSED
close_engine(void *ctx)
{
	engine_close(ctx);
}

/* Sweeps hw-1 over SNMP. */
static int UNUSED
run_sweep(void *ctx, char **cause)
{
	struct poll_ctx pc = { .st = engine_store(ctx, NULL), .vault = engine_vault(ctx) };
	struct poll_result res;
	struct olt o;

	if (store_olt_by_name(pc.st, "hw-1", &o, cause) != 1)
		return -1;
	return poll_sweep_olt(&pc, &o, &res, cause) < 0 ? -1 : 0;
}

static long sweep_samples;		/* samples in the template (one sweep) */

/* Every sample of the sweep or none. */
static UNUSED char *
check_sweep(int how)
{
	long n = db_int("SELECT count(*) FROM signal_samples");

	if (n != sweep_samples && n != 2 * sweep_samples)
		return xasprintf("%ld samples: neither the %ld before nor twice that",
		    n, sweep_samples);
	if (how == 0 && n != 2 * sweep_samples)
		return xstrdup("the sweep said done and stored nothing");
	return NULL;
}

#define PROV_SN "HWTC0FA17001"

/* Provisions PROV_SN on hw-1 0/1/1 over SSH. */
static int UNUSED
run_provision(void *ctx, char **cause)
{
	struct write_opts o = { 0 };
	struct write_report rep;
	struct op_req rq;
	enum write_status s;

	op_req_init(&rq, OP_PROVISION);
	strlcpy_(rq.olt, "hw-1", sizeof rq.olt);
	strlcpy_(rq.port, "0/1/1", sizeof rq.port);
	strlcpy_(rq.sn, PROV_SN, sizeof rq.sn);
	strlcpy_(rq.profile, "hw100", sizeof rq.profile);
	s = ops_write(ctx, &rq, &o, &rep, NULL);
	if (s != WRITE_DONE)
		set_cause(cause, "%s: %s", writes_outcome_text(&rep),
		    rep.cause != NULL ? rep.cause : "(no cause)");
	writes_report_free(&rep);
	return s == WRITE_DONE ? 0 : -1;
}

/* Puts PROV_SN back in autofind, off the device. */
static void UNUSED
reset_device(void)
{
	struct sim_olt *olt = fleet_olt(lf.fleet, "hw-1");
	struct sim_pon *pon = olt_pon(olt, 0, 1, 1);
	struct sim_ont *ont;

	olt_lock(olt);
	if ((ont = olt_find_sn(olt, PROV_SN, &pon)) != NULL)
		pon_del_ont(olt, pon, ont->id);		/* and its service ports */
	pon = olt_pon(olt, 0, 1, 1);
	if (olt_find_autofind(olt, PROV_SN, &pon) == NULL)
		pon_add_autofind(olt, olt_pon(olt, 0, 1, 1), PROV_SN);
	olt_unlock(olt);
}

/* The run's audit steps, one "command => answer" per line, for a
   message (static buffer). */
static UNUSED const char *
steps_text(void)
{
	static char out[8192];
	sqlite3 *h = fr_open(db);
	sqlite3_stmt *q;
	size_t len = 0;

	out[0] = '\0';
	if (sqlite3_prepare_v2(h, "SELECT audit_id, seq, ok, command, substr(answer, 1, 60) "
	    "FROM audit_steps ORDER BY audit_id, seq", -1, &q, NULL) == SQLITE_OK) {
		while (sqlite3_step(q) == SQLITE_ROW && len < sizeof out - 200)
			len += (size_t)snprintf(out + len, sizeof out - len, "\n  %d.%d %d %s => %s",
			    sqlite3_column_int(q, 0), sqlite3_column_int(q, 1),
			    sqlite3_column_int(q, 2), sqlite3_column_text(q, 3),
			    sqlite3_column_text(q, 4));
		sqlite3_finalize(q);
	}
	sqlite3_close(h);
	return out;
}

/* What reached the device is named by the audit, and the device is put
   back for the next run. */
static UNUSED char *
check_provision(int how)
{
	struct sim_olt *olt = fleet_olt(lf.fleet, "hw-1");
	struct sim_pon *pon;
	bool on_device, sps;
	long named;
	char *why = NULL;

	olt_lock(olt);
	on_device = olt_find_sn(olt, PROV_SN, &pon) != NULL;
	sps = on_device && olt_count_sps(olt, olt_pon_index(olt, pon),
	    olt_find_sn(olt, PROV_SN, &pon)->id) > 0;
	olt_unlock(olt);
	/* Huawei sends the serial in hex (485754430FA17001): match its tail. */
	named = db_int("SELECT count(*) FROM audit_steps WHERE command LIKE "
	    "'ont add %0FA17001%'");
	if (on_device && named == 0)
		why = xasprintf("the ONT is on the device and no audit step names its "
		    "\"ont add\" (the steps: %s)", steps_text());
	else if (sps && db_int("SELECT count(*) FROM audit_steps WHERE command LIKE "
	    "'service-port %'") == 0)
		why = xstrdup("a service port is on the device and no audit step names it");
	else if (how == 0 && !on_device)
		why = xstrdup("the provisioning said done and the ONT is not on the device");
	return why;
}

/* The operations, each with its check. */
static const struct fault_op fop_store_new UNUSED = {
	.name = "store_open of a new database", .open = open_nothing,
	.run = run_store_new, .close = close_nothing, .check = check_store_new,
};
static const struct fault_op fop_import UNUSED = {
	.name = "inv_import_text", .open = open_store, .run = run_import,
	.close = close_store, .check = check_import,
};
static const struct fault_op fop_audit UNUSED = {
	.name = "an audit entry", .open = open_store, .run = run_audit,
	.close = close_store, .check = check_audit,
};
static const struct fault_op fop_sweep UNUSED = {
	.name = "poll_sweep_olt", .open = open_engine, .run = run_sweep,
	.close = close_engine, .check = check_sweep,
};
static const struct fault_op fop_provision UNUSED = {
	.name = "ops_write provision", .open = open_engine, .run = run_provision,
	.close = close_engine, .check = check_provision, .reset = reset_device,
};

/* Starts the lab and makes the engine's template database (hw-1, its
   profile, one sweep done). */
static void UNUSED
lab_template(void)
{
	static const struct fleet_opts fo = { .huawei = 1, .zte = 0, .boards = 1, .pons = 2,
		.onts = 4, .seed = 11 };
	struct engine *e;
	char *cause = NULL;

	lab_up(&lf, &fo);
	if (snmp_agent_start(lf.fleet, &cause) != 0)
		fail_msg("agent: %s", cause);
	e = lab_engine(&lf, NULL);
	lab_add_olt(e, fleet_olt(lf.fleet, "hw-1"), NULL, "huawei", TRANSPORT_SSH, 0);
	lab_add_profile(e, "hw100", 100, 100, "10", "31");
	snprintf(edir, sizeof edir, "%s/e0", lf.dir);
	engine_close(e);
	/* The first contact (host key accepted) and a first sweep. */
	snprintf(lab_db, sizeof lab_db, "%s/db", edir);
	if ((e = engine_at(lab_db, true, &cause)) == NULL)
		fail_msg("%s", cause);
	strlcpy_(db, lab_db, sizeof db);
	if (run_sweep(e, &cause) != 0)
		fail_msg("first sweep: %s", cause);
	{
		/* The first contact takes the host key. */
		struct op_olt_test ot;
		struct err err = { 0 };

		if (ops_olt_test(e, "hw-1", &ot, &err) != 0)
			fail_msg("olt test: %s", err_text(&err));
		op_olt_test_free(&ot);
	}
	engine_close(e);
	snprintf(db, sizeof db, "%s/run.db", dir);
	{
		sqlite3 *h = fr_open(lab_db);

		/* An hour back: a run's sweep in the same second would only
		   replace these samples (one per ONT and second). */
		if (sqlite3_exec(h, "UPDATE signal_samples SET t = t - 3600", NULL, NULL,
		    NULL) != SQLITE_OK)
			fail_msg("%s", sqlite3_errmsg(h));
		sweep_samples = fr_int(h, "SELECT count(*) FROM signal_samples");
		sqlite3_close(h);
	}
	assert_true(sweep_samples > 0);
	reset_device();
}

/* Stops the lab lab_template() started. */
static int UNUSED
lab_teardown(void **state)
{
	(void)state;
	if (lf.up) {
		snmp_agent_stop();
		lab_down(&lf);
	}
	return 0;
}

/* Makes the private directory and a new, empty database (store_tmpl). */
static int UNUSED
fault_setup(void **state)
{
	struct store *st;

	(void)state;
	strcpy(dir, "/tmp/oltui-fa.XXXXXX");
	if (mkdtemp(dir) == NULL)
		fail_msg("mkdtemp");
	snprintf(db, sizeof db, "%s/run.db", dir);
	snprintf(store_tmpl, sizeof store_tmpl, "%s/template.db", dir);
	if ((st = store_open(store_tmpl, NULL)) == NULL)
		fail_msg("cannot create %s", store_tmpl);
	store_close(st);
	return 0;
}

/* Removes the private directory. */
static int UNUSED
fault_teardown(void **state)
{
	char *cmd = xasprintf("rm -rf %s", dir);

	(void)state;
	if (system(cmd) != 0)
		fprintf(stderr, "cannot remove %s\n", dir);
	free(cmd);
	return 0;
}

#endif
