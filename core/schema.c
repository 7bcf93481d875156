/*
 * schema.c — the database schema as a list of forward migrations.
 *
 * The schema version is `PRAGMA user_version`.  migrations[i] takes a
 * database from version i to version i + 1; store_open() applies the ones
 * a database lacks, each in its own IMMEDIATE transaction together with the
 * new user_version, so a crash leaves the database at a whole version.  A
 * migration, once released, is never edited: change the schema by appending.
 *
 *   v1  inventory: meta, OLTs, boards, PON ports, ONTs, contracts, service
 *       profiles, ONT -> contract links
 *   v2  telemetry: signal samples, discovered ONTs, alarms
 *   v3  operations: audit trail (append-only, enforced by triggers), config
 *       backups, jobs
 *   v4  the poller's memory of each OLT as typed rows instead of strings in
 *       meta: olt_state (last sweep, reachability, health summary, alarm
 *       debounce counters), olt_board_health, olt_thresholds; the meta rows
 *       of older versions are moved into them and deleted (meta keeps the
 *       vault's salt and check token)
 *   v5  an OLT names its driver (olts.driver, any registered driver's name:
 *       the CHECK that allowed only huawei and zte goes, so a new vendor
 *       needs no migration); ONT states are spelled with underscores as
 *       lib/gpon.h spells them (dying_gasp; the never-written power-off
 *       becomes dying_gasp)
 *   v6  audit_replay: for each audited write, what `oltui undo` needs to
 *       replay its inverse (the steps' undo commands with their modes, and
 *       each place's state before and after, as JSON); append-only like
 *       the trail
 *   v7  olt_state.sweep_partial: a sweep that ran out of its SNMP request
 *       budget is recorded as partial, not as a failure (issue 11)
 *   v8  the TR-069 ACS (issue 12): kept_secrets, values oltui keeps sealed
 *       by name (the ACS's password; the last WiFi passphrase and PPPoE
 *       password set on a router, per device and parameter, each row
 *       naming the audit entry that set it: the newest row of a name is
 *       its value, older ones are what an undo restores); acs_tasks, the
 *       tasks oltui posted that the ACS kept for a router that did not
 *       answer (202), and what became of them
 *   v9  ACS jobs (issue 12): acs_jobs (a mass change or a firmware
 *       schedule over many routers: filter, change, cap, window, state,
 *       the running pid; its passwords are kept_secrets named
 *       "acs job ID WORD") and acs_job_items (one per device: state,
 *       reason, queued task id, firmware versions before and after);
 *       ont_profiles, the profile an ONT was provisioned with (by serial,
 *       like ont_links), so a profile can select devices
 *
 * A migration that rebuilds a table runs with foreign keys off (as SQLite's
 * ALTER TABLE procedure says) and store_migrate() checks them before it
 * commits.
 *
 * Enum columns hold the words of model.c ("huawei", "online") so that a
 * `sqlite3 oltui.db` session reads plainly.  Optical values are NULL when
 * not read (NAN in the structs).  Signal samples, the one table that grows
 * by millions of rows, keep optical power as whole centi-dBm (-2012 for
 * -20.12 dBm): small integers make rows about 40% smaller than REALs, and
 * devices report two decimals anyway.
 */
#include "core/store_impl.h"

static const char migration_1[] =
"CREATE TABLE meta (\n"
"  key TEXT PRIMARY KEY,\n"
"  value TEXT NOT NULL\n"
") WITHOUT ROWID;\n"
"CREATE TABLE olts (\n"
"  id INTEGER PRIMARY KEY,\n"
"  name TEXT NOT NULL UNIQUE,\n"
"  vendor TEXT NOT NULL CHECK (vendor IN ('huawei', 'zte')),\n"
"  model TEXT NOT NULL DEFAULT '',\n"
"  host TEXT NOT NULL,\n"
"  port INTEGER NOT NULL CHECK (port BETWEEN 1 AND 65535),\n"
"  transport TEXT NOT NULL CHECK (transport IN ('ssh', 'telnet')),\n"
"  username TEXT NOT NULL,\n"
"  password_sealed TEXT NOT NULL DEFAULT '',\n"
"  community_sealed TEXT NOT NULL DEFAULT '',\n"
"  snmp_port INTEGER NOT NULL DEFAULT 161 CHECK (snmp_port BETWEEN 1 AND 65535),\n"
"  tags TEXT NOT NULL DEFAULT '',\n"
"  jump_host TEXT NOT NULL DEFAULT '',\n"
"  created_at INTEGER NOT NULL\n"
");\n"
"CREATE TABLE boards (\n"
"  olt_id INTEGER NOT NULL REFERENCES olts(id) ON DELETE CASCADE,\n"
"  frame INTEGER NOT NULL,\n"
"  slot INTEGER NOT NULL,\n"
"  type TEXT NOT NULL DEFAULT '',\n"
"  status TEXT NOT NULL DEFAULT '',\n"
"  read_at INTEGER NOT NULL,\n"
"  PRIMARY KEY (olt_id, frame, slot)\n"
") WITHOUT ROWID;\n"
"CREATE TABLE pon_ports (\n"
"  olt_id INTEGER NOT NULL REFERENCES olts(id) ON DELETE CASCADE,\n"
"  port TEXT NOT NULL,\n"
"  PRIMARY KEY (olt_id, port)\n"
") WITHOUT ROWID;\n"
"CREATE TABLE onts (\n"
"  id INTEGER PRIMARY KEY,\n"
"  olt_id INTEGER NOT NULL REFERENCES olts(id) ON DELETE CASCADE,\n"
"  port TEXT NOT NULL,\n"
"  ont_id INTEGER NOT NULL,\n"
"  sn TEXT NOT NULL,\n"
"  model TEXT NOT NULL DEFAULT '',\n"
"  firmware TEXT NOT NULL DEFAULT '',\n"
"  admin TEXT NOT NULL DEFAULT 'unknown',\n"
"  status TEXT NOT NULL DEFAULT 'unknown',\n"
"  rx_dbm REAL,\n"
"  olt_rx_dbm REAL,\n"
"  distance_m INTEGER,\n"
"  last_seen INTEGER NOT NULL,\n"
"  UNIQUE (olt_id, sn)\n"
");\n"
"CREATE INDEX onts_by_sn ON onts(sn);\n"
"CREATE INDEX onts_by_port ON onts(olt_id, port, ont_id);\n"
"CREATE TABLE contracts (\n"
"  id INTEGER PRIMARY KEY,\n"
"  code TEXT NOT NULL UNIQUE,\n"
"  customer TEXT NOT NULL,\n"
"  address TEXT NOT NULL DEFAULT '',\n"
"  status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended')),\n"
"  created_at INTEGER NOT NULL\n"
");\n"
"CREATE TABLE profiles (\n"
"  id INTEGER PRIMARY KEY,\n"
"  name TEXT NOT NULL UNIQUE,\n"
"  vlan INTEGER NOT NULL CHECK (vlan BETWEEN 1 AND 4094),\n"
"  down_mbps INTEGER NOT NULL,\n"
"  up_mbps INTEGER NOT NULL,\n"
"  line_profile TEXT NOT NULL DEFAULT '',\n"
"  service_profile TEXT NOT NULL DEFAULT '',\n"
"  wan TEXT NOT NULL DEFAULT 'none' CHECK (wan IN ('none', 'dhcp', 'pppoe')),\n"
"  acs_url TEXT NOT NULL DEFAULT ''\n"
");\n"
"CREATE TABLE ont_links (\n"
"  sn TEXT PRIMARY KEY,\n"
"  contract_id INTEGER NOT NULL REFERENCES contracts(id) ON DELETE CASCADE\n"
") WITHOUT ROWID;\n"
"CREATE INDEX ont_links_by_contract ON ont_links(contract_id);\n";

static const char migration_2[] =
"CREATE TABLE signal_samples (\n"
"  ont INTEGER NOT NULL,\n"
"  t INTEGER NOT NULL,\n"
"  rx_cdbm INTEGER,\n"
"  olt_rx_cdbm INTEGER,\n"
"  PRIMARY KEY (ont, t)\n"
") WITHOUT ROWID;\n"
"CREATE TRIGGER onts_drop_samples AFTER DELETE ON onts BEGIN\n"
"  DELETE FROM signal_samples WHERE ont = OLD.id;\n"
"END;\n"
"CREATE TABLE discovered_onts (\n"
"  olt_id INTEGER NOT NULL REFERENCES olts(id) ON DELETE CASCADE,\n"
"  port TEXT NOT NULL,\n"
"  sn TEXT NOT NULL,\n"
"  model TEXT NOT NULL DEFAULT '',\n"
"  found_at INTEGER NOT NULL,\n"
"  PRIMARY KEY (olt_id, sn)\n"
") WITHOUT ROWID;\n"
"CREATE TABLE alarms (\n"
"  id INTEGER PRIMARY KEY,\n"
"  olt_id INTEGER NOT NULL REFERENCES olts(id) ON DELETE CASCADE,\n"
"  sn TEXT NOT NULL DEFAULT '',\n"
"  port TEXT NOT NULL DEFAULT '',\n"
"  severity TEXT NOT NULL,\n"
"  kind TEXT NOT NULL,\n"
"  text TEXT NOT NULL DEFAULT '',\n"
"  raised_at INTEGER NOT NULL,\n"
"  cleared_at INTEGER NOT NULL DEFAULT 0\n"
");\n"
"CREATE INDEX alarms_active ON alarms(olt_id, sn, kind) WHERE cleared_at = 0;\n";

static const char migration_3[] =
"CREATE TABLE audit (\n"
"  id INTEGER PRIMARY KEY,\n"
"  started_at INTEGER NOT NULL,\n"
"  started_ms INTEGER NOT NULL,\n"
"  finished_at INTEGER,\n"
"  os_user TEXT NOT NULL,\n"
"  pid INTEGER NOT NULL,\n"
"  contract TEXT NOT NULL DEFAULT '',\n"
"  olt TEXT NOT NULL DEFAULT '',\n"
"  ont_sn TEXT NOT NULL DEFAULT '',\n"
"  action TEXT NOT NULL,\n"
"  outcome TEXT NOT NULL DEFAULT 'started',\n"
"  cause TEXT NOT NULL DEFAULT '',\n"
"  duration_ms INTEGER\n"
");\n"
"CREATE INDEX audit_by_contract ON audit(contract) WHERE contract <> '';\n"
"CREATE INDEX audit_by_ont ON audit(ont_sn) WHERE ont_sn <> '';\n"
"CREATE INDEX audit_by_olt ON audit(olt) WHERE olt <> '';\n"
"CREATE TABLE audit_steps (\n"
"  audit_id INTEGER NOT NULL REFERENCES audit(id),\n"
"  seq INTEGER NOT NULL,\n"
"  t INTEGER NOT NULL,\n"
"  command TEXT NOT NULL,\n"
"  answer TEXT NOT NULL,\n"
"  ok INTEGER NOT NULL,\n"
"  PRIMARY KEY (audit_id, seq)\n"
") WITHOUT ROWID;\n"
"CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN\n"
"  SELECT RAISE(ABORT, 'the audit trail is append-only');\n"
"END;\n"
"CREATE TRIGGER audit_no_rewrite BEFORE UPDATE ON audit\n"
"  WHEN OLD.outcome <> 'started' BEGIN\n"
"  SELECT RAISE(ABORT, 'a finished audit entry cannot change');\n"
"END;\n"
"CREATE TRIGGER audit_steps_no_delete BEFORE DELETE ON audit_steps BEGIN\n"
"  SELECT RAISE(ABORT, 'the audit trail is append-only');\n"
"END;\n"
"CREATE TRIGGER audit_steps_no_update BEFORE UPDATE ON audit_steps BEGIN\n"
"  SELECT RAISE(ABORT, 'the audit trail is append-only');\n"
"END;\n"
"CREATE TABLE config_backups (\n"
"  id INTEGER PRIMARY KEY,\n"
"  olt_id INTEGER NOT NULL REFERENCES olts(id) ON DELETE CASCADE,\n"
"  taken_at INTEGER NOT NULL,\n"
"  sha256 TEXT NOT NULL,\n"
"  text TEXT NOT NULL\n"
");\n"
"CREATE INDEX config_backups_by_olt ON config_backups(olt_id, taken_at);\n"
"CREATE TABLE jobs (\n"
"  id INTEGER PRIMARY KEY,\n"
"  kind TEXT NOT NULL,\n"
"  olt_id INTEGER REFERENCES olts(id) ON DELETE SET NULL,\n"
"  state TEXT NOT NULL DEFAULT 'queued',\n"
"  created_at INTEGER NOT NULL,\n"
"  started_at INTEGER NOT NULL DEFAULT 0,\n"
"  finished_at INTEGER NOT NULL DEFAULT 0,\n"
"  result TEXT NOT NULL DEFAULT ''\n"
");\n"
"CREATE INDEX jobs_by_state ON jobs(state, created_at);\n";

/*
 * v4.  What versions 1-3 kept in meta, per OLT <id>:
 *   olt.<id>.last_sweep        "ok ms requests at onts online" (%d %lld %lu
 *                              %lld %zu %zu; older rows have 4 words)
 *   olt.<id>.health            JSON {descr, uptime_s, read_at,
 *                              boards: [{slot, name, cpu_pct, temp_c}]}
 *   olt.<id>.sweep_failures    failed sweeps in a row ("%d")
 *   olt.<id>.rx_warning ... olt_rx_critical
 *                              threshold overrides ("%.2f", "" = none)
 *   olt.<id>.temperature_high  BOTH the temperature override ("%.2f") and
 *                              the hot-readings counter ("%d"), which
 *                              overwrote each other: a value with a decimal
 *                              point is an override, an integer the counter
 * Keys of OLTs that no longer exist are deleted without being moved.
 */
static const char migration_4[] =
"CREATE TABLE olt_state (\n"
"  olt_id INTEGER PRIMARY KEY REFERENCES olts(id) ON DELETE CASCADE,\n"
"  sweep_at INTEGER NOT NULL DEFAULT 0,\n"
"  sweep_ok INTEGER NOT NULL DEFAULT 0 CHECK (sweep_ok IN (0, 1)),\n"
"  sweep_ms INTEGER NOT NULL DEFAULT 0,\n"
"  sweep_requests INTEGER NOT NULL DEFAULT 0,\n"
"  sweep_onts INTEGER NOT NULL DEFAULT 0,\n"
"  sweep_online INTEGER NOT NULL DEFAULT 0,\n"
"  last_ok_at INTEGER NOT NULL DEFAULT 0,\n"
"  failures INTEGER NOT NULL DEFAULT 0,\n"
"  last_error TEXT NOT NULL DEFAULT '',\n"
"  descr TEXT NOT NULL DEFAULT '',\n"
"  uptime_s INTEGER NOT NULL DEFAULT -1,\n"
"  health_at INTEGER NOT NULL DEFAULT 0,\n"
"  hot_readings INTEGER NOT NULL DEFAULT 0\n"
");\n"
"CREATE TABLE olt_board_health (\n"
"  olt_id INTEGER NOT NULL REFERENCES olts(id) ON DELETE CASCADE,\n"
"  frame INTEGER NOT NULL DEFAULT 0,\n"
"  slot INTEGER NOT NULL,\n"
"  name TEXT NOT NULL DEFAULT '',\n"
"  cpu_pct INTEGER,\n"
"  temp_c REAL,\n"
"  PRIMARY KEY (olt_id, frame, slot)\n"
") WITHOUT ROWID;\n"
"CREATE TABLE olt_thresholds (\n"
"  olt_id INTEGER NOT NULL REFERENCES olts(id) ON DELETE CASCADE,\n"
"  kind TEXT NOT NULL,\n"
"  value REAL NOT NULL,\n"
"  PRIMARY KEY (olt_id, kind)\n"
") WITHOUT ROWID;\n"
/* Every existing OLT gets its row; the UPDATEs below fill what meta had. */
"INSERT INTO olt_state (olt_id) SELECT id FROM olts;\n"
/* last_sweep: the words of each string, split on spaces with substr/instr. */
"CREATE TEMP TABLE m4_sweep AS\n"
"WITH RECURSIVE w(olt_id, n, word, rest) AS (\n"
"  SELECT o.id, 0, '', trim(m.value) || ' ' FROM meta m\n"
"    JOIN olts o ON m.key = 'olt.' || o.id || '.last_sweep'\n"
"  UNION ALL\n"
"  SELECT olt_id, n + 1, substr(rest, 1, instr(rest, ' ') - 1),\n"
"    ltrim(substr(rest, instr(rest, ' ') + 1)) FROM w WHERE rest <> ''\n"
")\n"
"SELECT olt_id,\n"
"  max(CASE n WHEN 1 THEN CAST(word AS INTEGER) END) AS ok,\n"
"  max(CASE n WHEN 2 THEN CAST(word AS INTEGER) END) AS ms,\n"
"  max(CASE n WHEN 3 THEN CAST(word AS INTEGER) END) AS requests,\n"
"  max(CASE n WHEN 4 THEN CAST(word AS INTEGER) END) AS at,\n"
"  max(CASE n WHEN 5 THEN CAST(word AS INTEGER) END) AS onts,\n"
"  max(CASE n WHEN 6 THEN CAST(word AS INTEGER) END) AS online\n"
"FROM w WHERE n > 0 GROUP BY olt_id HAVING count(*) >= 4;\n"
"UPDATE olt_state SET sweep_ok = s.ok <> 0, sweep_at = s.at, sweep_ms = s.ms,\n"
"  sweep_requests = s.requests, sweep_onts = coalesce(s.onts, 0),\n"
"  sweep_online = coalesce(s.online, 0),\n"
"  last_ok_at = CASE WHEN s.ok <> 0 THEN s.at ELSE 0 END\n"
"  FROM m4_sweep s WHERE s.olt_id = olt_state.olt_id;\n"
"DROP TABLE m4_sweep;\n"
/* health: the JSON, read with json_extract / json_each (valid ones only). */
"CREATE TEMP TABLE m4_health AS SELECT o.id AS olt_id, m.value AS j FROM meta m\n"
"  JOIN olts o ON m.key = 'olt.' || o.id || '.health' WHERE json_valid(m.value);\n"
"UPDATE olt_state SET descr = coalesce(json_extract(h.j, '$.descr'), ''),\n"
"  uptime_s = coalesce(json_extract(h.j, '$.uptime_s'), -1),\n"
"  health_at = coalesce(json_extract(h.j, '$.read_at'), 0)\n"
"  FROM m4_health h WHERE h.olt_id = olt_state.olt_id;\n"
"INSERT OR REPLACE INTO olt_board_health (olt_id, frame, slot, name, cpu_pct, temp_c)\n"
"  SELECT olt_id, 0, json_extract(v, '$.slot'), coalesce(json_extract(v, '$.name'), ''),\n"
"    CASE WHEN json_extract(v, '$.cpu_pct') >= 0 THEN json_extract(v, '$.cpu_pct') END,\n"
"    json_extract(v, '$.temp_c')\n"
"  FROM (SELECT h.olt_id, CASE b.type WHEN 'object' THEN b.value END AS v\n"
"    FROM m4_health h, json_each(h.j, '$.boards') b)\n"
"  WHERE json_type(v, '$.slot') = 'integer';\n"
"DROP TABLE m4_health;\n"
/* The debounce counters and the threshold overrides. */
"UPDATE olt_state SET failures = CAST(m.value AS INTEGER) FROM meta m\n"
"  WHERE m.key = 'olt.' || olt_state.olt_id || '.sweep_failures';\n"
"UPDATE olt_state SET hot_readings = CAST(m.value AS INTEGER) FROM meta m\n"
"  WHERE m.key = 'olt.' || olt_state.olt_id || '.temperature_high'\n"
"  AND instr(m.value, '.') = 0 AND m.value <> '';\n"
"INSERT INTO olt_thresholds (olt_id, kind, value)\n"
"  SELECT o.id, k.kind, CAST(m.value AS REAL)\n"
"  FROM olts o, (SELECT 'rx_warning' AS kind UNION ALL SELECT 'rx_critical'\n"
"    UNION ALL SELECT 'rx_overload' UNION ALL SELECT 'olt_rx_warning'\n"
"    UNION ALL SELECT 'olt_rx_critical' UNION ALL SELECT 'temperature_high') k\n"
"  JOIN meta m ON m.key = 'olt.' || o.id || '.' || k.kind\n"
"  WHERE m.value <> '' AND (k.kind <> 'temperature_high' OR instr(m.value, '.') > 0);\n"
"DELETE FROM meta WHERE key GLOB 'olt.[0-9]*' AND (\n"
"  key GLOB '*.last_sweep' OR key GLOB '*.health' OR key GLOB '*.sweep_failures'\n"
"  OR key GLOB '*.rx_warning' OR key GLOB '*.rx_critical' OR key GLOB '*.rx_overload'\n"
"  OR key GLOB '*.olt_rx_warning' OR key GLOB '*.olt_rx_critical'\n"
"  OR key GLOB '*.temperature_high');\n";

static const char migration_5[] =
"CREATE TABLE olts_v5 (\n"
"  id INTEGER PRIMARY KEY,\n"
"  name TEXT NOT NULL UNIQUE,\n"
"  driver TEXT NOT NULL CHECK (length(driver) BETWEEN 1 AND 15),\n"
"  model TEXT NOT NULL DEFAULT '',\n"
"  host TEXT NOT NULL,\n"
"  port INTEGER NOT NULL CHECK (port BETWEEN 1 AND 65535),\n"
"  transport TEXT NOT NULL CHECK (transport IN ('ssh', 'telnet')),\n"
"  username TEXT NOT NULL,\n"
"  password_sealed TEXT NOT NULL DEFAULT '',\n"
"  community_sealed TEXT NOT NULL DEFAULT '',\n"
"  snmp_port INTEGER NOT NULL DEFAULT 161 CHECK (snmp_port BETWEEN 1 AND 65535),\n"
"  tags TEXT NOT NULL DEFAULT '',\n"
"  jump_host TEXT NOT NULL DEFAULT '',\n"
"  created_at INTEGER NOT NULL\n"
");\n"
"INSERT INTO olts_v5 (id, name, driver, model, host, port, transport, username,\n"
"  password_sealed, community_sealed, snmp_port, tags, jump_host, created_at)\n"
"  SELECT id, name, vendor, model, host, port, transport, username,\n"
"  password_sealed, community_sealed, snmp_port, tags, jump_host, created_at\n"
"  FROM olts;\n"
"DROP TABLE olts;\n"
"ALTER TABLE olts_v5 RENAME TO olts;\n"
"UPDATE onts SET status = 'dying_gasp' WHERE status IN ('dying-gasp', 'power-off');\n";

static const char migration_6[] =
"CREATE TABLE audit_replay (\n"
"  audit_id INTEGER PRIMARY KEY REFERENCES audit(id),\n"
"  plan TEXT NOT NULL\n"
");\n"
"CREATE TRIGGER audit_replay_no_delete BEFORE DELETE ON audit_replay BEGIN\n"
"  SELECT RAISE(ABORT, 'the audit trail is append-only');\n"
"END;\n"
"CREATE TRIGGER audit_replay_no_update BEFORE UPDATE ON audit_replay BEGIN\n"
"  SELECT RAISE(ABORT, 'the audit trail is append-only');\n"
"END;\n";

static const char migration_7[] =
"ALTER TABLE olt_state ADD COLUMN sweep_partial INTEGER NOT NULL DEFAULT 0\n"
"  CHECK (sweep_partial IN (0, 1));\n";

static const char migration_8[] =
"CREATE TABLE kept_secrets (\n"
"  id INTEGER PRIMARY KEY,\n"
"  name TEXT NOT NULL,\n"
"  value_sealed TEXT NOT NULL,\n"
"  set_at INTEGER NOT NULL,\n"
"  audit_id INTEGER NOT NULL DEFAULT 0\n"
");\n"
"CREATE INDEX kept_secrets_by_name ON kept_secrets(name, id);\n"
"CREATE TABLE acs_tasks (\n"
"  task_id TEXT PRIMARY KEY,\n"
"  device_id TEXT NOT NULL,\n"
"  sn TEXT NOT NULL DEFAULT '',\n"
"  action TEXT NOT NULL,\n"
"  what TEXT NOT NULL DEFAULT '',\n"
"  audit_id INTEGER NOT NULL DEFAULT 0,\n"
"  posted_at INTEGER NOT NULL,\n"
"  done_at INTEGER NOT NULL DEFAULT 0,\n"
"  state TEXT NOT NULL DEFAULT 'queued'\n"
"    CHECK (state IN ('queued', 'faulted', 'done', 'unknown')),\n"
"  fault TEXT NOT NULL DEFAULT ''\n"
") WITHOUT ROWID;\n"
"CREATE INDEX acs_tasks_by_sn ON acs_tasks(sn, posted_at);\n";

static const char migration_9[] =
"CREATE TABLE acs_jobs (\n"
"  id INTEGER PRIMARY KEY,\n"
"  kind TEXT NOT NULL CHECK (kind IN ('mass', 'firmware')),\n"
"  created_at INTEGER NOT NULL,\n"
"  os_user TEXT NOT NULL,\n"
"  filter TEXT NOT NULL CHECK (json_valid(filter)),\n"
"  change TEXT NOT NULL CHECK (json_valid(change)),\n"
"  cap INTEGER NOT NULL CHECK (cap BETWEEN 1 AND 200),\n"
"  file TEXT NOT NULL DEFAULT '',\n"
"  window_start INTEGER NOT NULL DEFAULT 0,\n"
"  window_end INTEGER NOT NULL DEFAULT 0,\n"
"  state TEXT NOT NULL DEFAULT 'planned'\n"
"    CHECK (state IN ('planned', 'running', 'paused', 'cancelled', 'done')),\n"
"  pid INTEGER NOT NULL DEFAULT 0,\n"
"  started_at INTEGER NOT NULL DEFAULT 0,\n"
"  finished_at INTEGER NOT NULL DEFAULT 0,\n"
"  resolved INTEGER NOT NULL DEFAULT 0 CHECK (resolved IN (0, 1)),\n"
"  cause TEXT NOT NULL DEFAULT ''\n"
");\n"
"CREATE INDEX acs_jobs_by_kind ON acs_jobs(kind, state, window_start);\n"
"CREATE TABLE acs_job_items (\n"
"  job_id INTEGER NOT NULL REFERENCES acs_jobs(id) ON DELETE CASCADE,\n"
"  seq INTEGER NOT NULL,\n"
"  device_id TEXT NOT NULL,\n"
"  serial TEXT NOT NULL DEFAULT '',\n"
"  params TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(params)),\n"
"  state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sending',\n"
"    'done', 'queued', 'failed', 'skipped', 'cancelled')),\n"
"  reason TEXT NOT NULL DEFAULT '',\n"
"  task_id TEXT NOT NULL DEFAULT '',\n"
"  version_before TEXT NOT NULL DEFAULT '',\n"
"  version_after TEXT NOT NULL DEFAULT '',\n"
"  updated_at INTEGER NOT NULL,\n"
"  PRIMARY KEY (job_id, seq)\n"
") WITHOUT ROWID;\n"
"CREATE INDEX acs_job_items_by_state ON acs_job_items(job_id, state);\n"
"CREATE TABLE ont_profiles (\n"
"  sn TEXT PRIMARY KEY,\n"
"  profile_id INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,\n"
"  set_at INTEGER NOT NULL\n"
") WITHOUT ROWID;\n"
"CREATE INDEX ont_profiles_by_profile ON ont_profiles(profile_id);\n";

const char *const schema_migrations[] = {
	migration_1,
	migration_2,
	migration_3,
	migration_4,
	migration_5,
	migration_6,
	migration_7,
	migration_8,
	migration_9,
};
const int schema_version = (int)(sizeof schema_migrations / sizeof schema_migrations[0]);
