#!/bin/bash
# test_third_driver.sh — a vendor is one registry entry (issue 10): the
# test-only driver "acme" (tests/drivers/acme*, linked into
# build/tests/oltui-acme and nowhere else) against its fake device
# (tests/drivers/acme_device.py: Telnet CLI + SNMP v2c, one state) runs
# through the same verbs as Huawei and ZTE with no line of core/ or tui/
# naming it: `olt add` takes its defaults from the driver, discover finds
# the device's unconfigured ONUs, a dry run sends nothing, a provisioning
# changes the device as intended and is read back, a fault mid-way leaves
# the device exactly as before, a removal whose link drops is undone to
# the exact former state, `poll --once` sweeps it over SNMP and `ont list`
# shows the device's levels, and the console shows it at 80x24.  Every
# outcome is checked on the device's own state (its JSON dump).
source "$OLTUI_TOP/tests/lib.sh"
source "$OLTUI_TOP/tests/tui/console_lib.sh"	# DB, KEY and the tmux harness
cd "$OLTUI_TOP"

OLTUI=$OLTUI_BUILD/tests/oltui-acme
DEVICE=$OLTUI_TOP/tests/drivers/acme_device.py
SOCK=$TMPD/acme.sock
# The driver's templates live with it in tests/, found through the search path.
export OLTUI_TEMPLATE_DIR=$OLTUI_TOP/tests/drivers/templates
O() { "$OLTUI" --db "$DB" --key-file "$KEY" "$@"; }
dev() { python3 -B "$DEVICE" ctl "$SOCK" "$@"; }
# dev_py EXPR: EXPR on the device's dump (as d).
dev_py() { dev dump | python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }
# state: the device's configuration (ONUs, flows, unconfigured ONUs), canonical.
state() { dev dump | python3 -c "import json,sys; print(json.dumps(json.load(sys.stdin)['config'], sort_keys=True, indent=1))"; }
json_py() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }
last_audit() { O audit --ont "$1" --json | json_py "(lambda e: ($2))(d[-1])"; }
# same_state NAME BEFORE: passes when the device's configuration is BEFORE.
same_state() {
	local now
	now=$(state)
	if [ "$now" == "$2" ]; then ok "$1"; else not_ok "$1"; diag "$(diff <(echo "$2") <(echo "$now"))"; fi
}

if [ ! -x "$OLTUI" ]; then
	not_ok "build/tests/oltui-acme is built (make unit)"
	done_testing
	exit 1
fi
command -v tmux >/dev/null && trap 'T kill-server 2>/dev/null; _cleanup' EXIT

# ---- the device ----
CLI_PORT=$(free_port)
SNMP_PORT=$(free_port)
while [ "$SNMP_PORT" = "$CLI_PORT" ]; do SNMP_PORT=$(free_port); done
printf 'ph0t0n-Secret\n' >"$TMPD/pw"
printf 'acme-ro\n' >"$TMPD/comm"
python3 -B "$DEVICE" serve --cli-port "$CLI_PORT" --snmp-port "$SNMP_PORT" --ctl "$SOCK" \
	--user tech --password-file "$TMPD/pw" --community-file "$TMPD/comm" \
	>"$TMPD/acme.out" 2>"$TMPD/acme.err" &
track $!
if wait_for 10 grep -qx ready "$TMPD/acme.out"; then ok "the fake Acme device starts"; else
	not_ok "the fake Acme device starts"; diag "$(cat "$TMPD/acme.err")"; done_testing; exit 1; fi

# ---- the registry: acme is in oltui-acme only, with its defaults ----
out=$("$OLTUI_BINDIR/oltui" --db "$TMPD/plain.db" --key-file "$KEY" olt add x --vendor acme \
	--host 127.0.0.1 --user tech --password-file "$TMPD/pw" 2>&1); rc=$?
is "$rc" 2 "the plain oltui has no acme driver (exit 2)"
like "$out" "must be one of huawei\|zte$" "and lists the drivers it has"
out=$(O olt add acme-dflt --vendor acme --host 127.0.0.1 --user tech --password-file "$TMPD/pw" --json 2>/dev/null)
is "$(json_py "d['vendor'], d['transport'], d['port']" <<<"$out")" "acme telnet 2300" \
	"olt add --vendor acme: transport and port come from the driver"
check "olt rm acme-dflt" O olt rm acme-dflt
check "olt add acme-1 (no --transport)" O olt add acme-1 --vendor acme --host 127.0.0.1 \
	--port "$CLI_PORT" --user tech --password-file "$TMPD/pw" \
	--snmp-community-file "$TMPD/comm" --snmp-port "$SNMP_PORT" --model P8-4S
O profile add p100 --vlan 100 --down-mbps 100 --up-mbps 100 >/dev/null
O contract add C-7 --customer "Ana Perez" >/dev/null
out=$(O olt test acme-1 2>&1); rc=$?
is "$rc" 0 "olt test logs in over Telnet and reads the version"
like "$out" "P8-4S PhotonOS 3.4.1" "with the driver's version parser"

# ---- discover ----
json=$(O discover acme-1 --json); rc=$?
is "$rc" 0 "discover acme-1"
is "$(json_py "sorted((r['port'], r['sn']) for r in d if r['olt'] == 'acme-1')" <<<"$json")" \
	"$(dev_py "sorted((u['port'], u['sn']) for u in d['config']['unconfigured'])")" \
	"discover finds exactly the device's unconfigured ONUs"

# ---- provision --dry-run ----
SN=ACME1A2B3C4D
before=$(state)
nwrites=$(dev_py "len(d['writes'])")
out=$(O provision --olt acme-1 --port 1/2/3 --sn $SN --profile p100 --contract C-7 \
	--desc "Ana Perez" --dry-run); rc=$?
is "$rc" 0 "provision --dry-run exits 0"
like "$out" "onu add 1 serial $SN model PH-100"$'\n'" +undo: onu remove 1" \
	"it shows the exact onu add and its undo"
like "$out" "service-flow 1/2/3:1 vlan 100 user-vlan 100 gem 1"$'\n'" +undo: no service-flow 1/2/3:1 vlan 100" \
	"and the service flow, in configuration mode"
same_state "the dry run left the device unchanged" "$before"
is "$(dev_py "len(d['writes'])")" "$nwrites" "no configuration command reached the device"

# ---- provision ----
out=$(O provision --olt acme-1 --port 1/2/3 --sn $SN --profile p100 --contract C-7 \
	--desc "Ana Perez" 2>&1); rc=$?
is "$rc" 0 "provision exits 0"
is "$(dev_py "[(o['port'], o['id'], o['model'], o['name'], o['desc'], o['bw'], o['admin'], o['state']) for o in d['config']['onus'] if o['sn'] == '$SN']")" \
	"[('1/2/3', 1, 'PH-100', 'C-7', 'Ana Perez', 'bw-100M', 'in-service', 'up')]" \
	"the device has the ONU at 1/2/3:1 with its name, description and bandwidth profile"
is "$(dev_py "[(f['vlan'], f['user_vlan'], f['gem']) for f in d['config']['flows'] if (f['port'], f['onu']) == ('1/2/3', 1)]")" \
	"[(100, 100, 1)]" "and its service flow on VLAN 100"
is "$(dev_py "[u for u in d['config']['unconfigured'] if u['sn'] == '$SN']")" "[]" \
	"it is no longer unconfigured"
is "$(last_audit $SN "e['outcome'], [s['ok'] for s in e['steps'] if s['command'].startswith('verify: ')]")" \
	"('ok', [True])" "the read-back verified it (audit: ok)"
is "$(O ont show $SN --json | json_py "d['port'], d['ont_id'], d['admin'], d['status'], d['contract']")" \
	"1/2/3 1 enabled online C-7" "ont show reads it back live through the driver"

# ---- a fault in the middle of a provisioning: undone ----
SN2=ACME0BADF00D
before=$(state)
dev fail "service-flow 1/2/3:2" >/dev/null
out=$(O provision --olt acme-1 --port 1/2/3 --sn $SN2 --profile p100 2>&1); rc=$?
is "$rc" 1 "a device refusal mid-way fails the provisioning (exit 1)"
like "$out" "ERROR: injected fault" "with the device's words"
# (its type is the one discovery reported for it: PH-200)
is "$(dev_py "[w for w in d['writes'] if w in ('onu add 2 serial $SN2 model PH-200', 'onu remove 2')]")" \
	"['onu add 2 serial $SN2 model PH-200', 'onu remove 2']" \
	"the ONU was added as the type discovery reported, then removed by the undo"
same_state "the device is exactly as before the provisioning" "$before"
is "$(last_audit $SN2 "e['outcome']")" "undone" "audit outcome: undone"

# ---- a removal whose link drops after the removal: undone on a new session ----
before=$(state)
dev drop "onu remove" >/dev/null
out=$(O ont delete $SN --yes 2>&1); rc=$?
is "$rc" 3 "a link dropped mid-removal exits 3"
like "$out" "every applied step was undone" "and says the removal was undone"
is "$(dev_py "(lambda w: w[w.index('onu remove 1'):].count('onu add 1 serial $SN model PH-100'))(d['writes'])")" 1 \
	"the ONU was removed, then re-created by the undo"
same_state "the device is exactly as before: ONU, name, description, profile, flow index" "$before"
like "$(last_audit $SN "[s['command'] for s in e['steps']]")" \
	"'onu remove 1'.*'reconnect'.*'undo: onu add 1 serial $SN model PH-100'.*'undo: service-flow 1/2/3:1 vlan 100 user-vlan 100 gem 1 index [0-9]+'" \
	"the audit has the removal, the reconnect and the rebuild in provisioning order"
is "$(O ont list --json | json_py "[o['port'] for o in d if o['sn'] == '$SN']")" "['1/2/3']" \
	"the database still has the ONU"

# ---- changes: a description through a busy answer, disable, enable ----
dev busy 'onu 1 description "Ana P. (moved)"' >/dev/null
out=$(O ont set $SN --desc "Ana P. (moved)" 2>&1); rc=$?
is "$rc" 0 "ont set --desc succeeds after a BUSY answer"
is "$(dev_py "[w for w in d['writes'] if w == 'onu 1 description \"Ana P. (moved)\"'].__len__(), [o['desc'] for o in d['config']['onus'] if o['sn'] == '$SN']")" \
	"2 ['Ana P. (moved)']" "the device refused it once as busy, took the retry, and has the new description"
check "ont disable" O ont disable $SN --yes
is "$(dev_py "[(o['admin'], o['state']) for o in d['config']['onus'] if o['sn'] == '$SN']")" \
	"[('shutdown', 'down')]" "the device has the ONU shut down"
check "ont enable" O ont enable $SN
is "$(dev_py "[(o['admin'], o['state']) for o in d['config']['onus'] if o['sn'] == '$SN']")" \
	"[('in-service', 'up')]" "and back in service"

# ---- a refused login ----
printf 'wrong\n' >"$TMPD/badpw"
O olt add acme-bad --vendor acme --host 127.0.0.1 --port "$CLI_PORT" --user tech \
	--password-file "$TMPD/badpw" >/dev/null 2>&1
logins=$(dev_py "d['logins']")
out=$(O olt test acme-bad 2>&1); rc=$?
is "$rc" 1 "a wrong password is refused (exit 1)"
like "$out" "refused: Access denied" "with the dialect's login error"
is "$(dev_py "d['logins']")" "$logins" "and no session was opened on the device"
check "olt rm acme-bad" O olt rm acme-bad

# ---- poll --once over SNMP, ont list with the levels ----
out=$(O poll --once --health 2>&1); rc=$?
is "$rc" 0 "poll --once --health sweeps acme-1 over SNMP"
cmp=$(O ont list --json | python3 -c "
import json, subprocess, sys
rows = {(o['port'], o['ont_id']): o for o in json.load(sys.stdin) if o['olt'] == 'acme-1'}
dev = json.loads(subprocess.run(['python3', '-B', '$DEVICE', 'ctl', '$SOCK', 'dump'],
                 capture_output=True, text=True).stdout)['config']['onus']
bad = []
if set(rows) != {(o['port'], o['id']) for o in dev}:
    bad.append('ONUs %s vs %s' % (sorted(rows), sorted((o['port'], o['id']) for o in dev)))
for o in dev:
    r = rows.get((o['port'], o['id']))
    if r is None:
        continue
    want = {'up': 'online', 'los': 'los', 'down': 'offline'}[o['state']]
    if r['sn'] != o['sn'] or r['status'] != want:
        bad.append('%s: %s %s' % (o['sn'], r['sn'], r['status']))
    if o['state'] == 'up' and (r['rx_dbm'] is None or abs(r['rx_dbm'] - o['rx']) > 0.01 or
            r['olt_rx_dbm'] is None or abs(r['olt_rx_dbm'] - o['olt_rx']) > 0.05 or
            r['distance_m'] != o['distance']):
        bad.append('%s levels %s %s %s' % (o['sn'], r['rx_dbm'], r['olt_rx_dbm'], r['distance_m']))
    if o['state'] != 'up' and r['rx_dbm'] is not None:
        bad.append('%s has a level while %s' % (o['sn'], o['state']))
print('same' if not bad else bad)
")
is "$cmp" "same" "ont list shows every ONU of the device with its state and levels"
is "$(O health acme-1 --json | json_py "[(b['slot'], b['name'], b['cpu_pct'], round(b['temp_c'])) for b in d[0]['boards']]" 2>/dev/null)" \
	"$(dev_py "[(c['slot'], c['card'], c['cpu'], c['temp']) for c in d['config']['cards']]")" \
	"health shows the device's cards (SNMP, the driver's card columns)"

# ---- the console: the acme OLT in the tree, its port, its ONUs ----
if command -v tmux >/dev/null; then
	# Every time on screen pinned (console_lib's BASE / NOW); the CLI port as the driver's.
	python3 - "$DB" "$BASE" <<'PY'
import sqlite3, sys
db, base = sys.argv[1], int(sys.argv[2])
c = sqlite3.connect(db)
c.execute("UPDATE onts SET last_seen = ?", (base,))
c.execute("DELETE FROM signal_samples")
c.execute("UPDATE olts SET port = 2300, created_at = ?", (base - 86400,))
c.execute("UPDATE olt_state SET sweep_ms = 40, sweep_at = ?, last_ok_at = ? WHERE sweep_at <> 0",
          (base, base))
c.execute("UPDATE olt_state SET health_at = ?, uptime_s = ? WHERE health_at <> 0",
          (base, 86400 * 12 + 3600 * 5))
c.commit()
PY
	# Themes are looked up next to the binary or in the config directory:
	# build/tests/ has none, so the user's (private) config directory gets them.
	mkdir -p "$XDG_CONFIG_HOME/oltui/themes"
	cp themes/*.theme "$XDG_CONFIG_HOME/oltui/themes/"
	con_start c 80x24 OLTUI_TEMPLATE_DIR="$OLTUI_TEMPLATE_DIR" --
	if con_wait c "acme-1"; then ok "the console opens with acme-1 in the tree"; else not_ok "the console opens with acme-1 in the tree"; fi
	con_golden c acme_tree_80x24.txt "golden: the fleet tree with the acme OLT and its cards"
	con_keys c l j l j
	con_wait c "PON acme-1 1/1/1"
	con_golden c acme_port_80x24.txt "golden: an acme PON port's ONUs with their levels"
	con_keys c j l j
	con_wait c "PON acme-1 1/2/3"
	screen=$(con_screen c)
	like "$screen" "1 +$SN ▲ on +-18\.40 -20\.75 +2114" "the provisioned ONU in its port, levels as the device's"
	con_stop c
	check "olt edit: back to the device's CLI port" O olt edit acme-1 --port "$CLI_PORT"
else
	for i in 1 2 3 4 5; do ok "# SKIP no tmux"; done
fi

# ---- the removal itself ----
out=$(O ont delete $SN --yes 2>&1); rc=$?
is "$rc" 0 "ont delete removes the ONU"
is "$(dev_py "[o for o in d['config']['onus'] if o['sn'] == '$SN'], [f for f in d['config']['flows'] if (f['port'], f['onu']) == ('1/2/3', 1)], [u['port'] for u in d['config']['unconfigured'] if u['sn'] == '$SN']")" \
	"[] [] ['1/2/3']" "the device has neither the ONU nor its flow; the ONU is unconfigured again"
is "$(O ont list --json | json_py "[o for o in d if o['sn'] == '$SN']")" "[]" "the database follows"

done_testing
