#!/bin/bash
# The write verbs end to end against oltsim (Huawei over SSH, ZTE over
# Telnet): host-key handling, provision --dry-run (exact commands and their
# undo), provision (the simulator has the ONT, `ont show` reads it back, the
# audit lists every step), ont list --json fields, disable/enable/reboot/
# move/set/delete with --yes (and refusal without it), contract
# suspend/resume, a device refusal that is undone, and usage errors.
source "$OLTUI_TOP/tests/lib.sh"
source "$OLTUI_TOP/tests/lab/sim.sh"
source "$OLTUI_TOP/tests/integration/writes_env.sh"
cd "$OLTUI_TOP"

if writes_env_start; then ok "oltsim started, OLTs added"; else not_ok "oltsim started, OLTs added"; done_testing; exit 1; fi
HWSN=HWTC0000AA01
ZTSN=ZTEG0000BB01
sim_ctl w add-autofind hw-1 0/1/1 $HWSN >/dev/null
sim_ctl w add-autofind zte-1 1/1/2 $ZTSN >/dev/null

# ---- host keys ----
out=$(O provision --olt hw-1 --port 0/1/1 --sn $HWSN --profile hw100 2>&1); rc=$?
is "$rc" 1 "a first-contact SSH host key is refused (exit 1)"
like "$out" "host key of 127\.0\.0\.1:[0-9]+ is not known" "the message says the key is not known"
like "$out" "accept-new-host-key" "and names the flag that accepts it"
is "$(dump_py hw-1 "sum(1 for p in d['olts'][0]['pons'] for o in p['onts'] if o['sn']=='$HWSN')")" 0 \
	"nothing reached the device"
out=$(O discover hw-1 --accept-new-host-key --json 2>&1); rc=$?
is "$rc" 0 "discover --accept-new-host-key succeeds"
check "the key was appended to ~/.ssh/known_hosts" grep -q "127.0.0.1" "$HOME/.ssh/known_hosts"

# ---- dry run ----
out=$(O provision --olt hw-1 --port 0/1/1 --sn $HWSN --profile hw100 --contract C-1 --ont-id 12 --dry-run); rc=$?
is "$rc" 0 "provision --dry-run exits 0"
like "$out" 'ont add 1 12 sn-auth "485754430000AA01" omci ont-lineprofile-id 10 ont-srvprofile-id 31' "dry run shows the exact ont add"
like "$out" 'ont delete 1 12' "and its undo"
like "$out" 'service-port vlan 100 gpon 0/1/1 ont 12 gemport 1' "and the service port"
like "$out" 'nothing was sent' "dry run says nothing was sent"
is "$(dump_py hw-1 "sum(1 for p in d['olts'][0]['pons'] for o in p['onts'] if o['sn']=='$HWSN')")" 0 \
	"dry run changed nothing on the device"
json=$(O provision --olt hw-1 --port 0/1/1 --sn $HWSN --profile hw100 --ont-id 12 --dry-run --json)
is "$(json_py "d['outcome'], d['audit_id']" <<<"$json")" "dry-run 0" "dry run JSON: no audit entry"
out=$(O provision --olt hw-1 --port 0/1/1 --sn $HWSN --vlan 100 --ont-id 12 --dry-run --desc "$(printf 'x\ny')" 2>&1); rc=$?
is "$rc" 2 "a description with a newline is refused (exit 2)"

# ---- provision (Huawei) ----
out=$(O provision --olt hw-1 --port 0/1/1 --sn $HWSN --profile hw100 --contract C-1 --desc "Ana Perez" 2>&1); rc=$?
is "$rc" 0 "provision exits 0"
like "$out" "applied and verified" "provision says applied and verified"
n=$(dump_py hw-1 "[(p['port'] if 'port' in p else '', o['id'], o['desc']) for p in d['olts'][0]['pons'] for o in p['onts'] if o['sn']=='$HWSN']")
like "$n" "'Ana Perez'" "oltsim dump shows the ONT with its description"
ontid=$(O ont list --json | json_py "[o['ont_id'] for o in d if o['sn']=='$HWSN'][0]")
like "$ontid" '^[0-9]+$' "the first free ONT id was chosen ($ontid)"
show=$(O ont show $HWSN --json)
is "$(json_py "d['olt'], d['port'], d['sn'], d['admin'], d['contract']" <<<"$show")" \
	"hw-1 0/1/1 $HWSN enabled C-1" "ont show reads it back with its contract"
like "$(json_py "d['read_at']" <<<"$show")" '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}Z$' "read_at is ISO 8601"
list=$(O ont list --json)
is "$(json_py "sorted([k for k in d[0].keys()])" <<<"$list")" \
	"['admin', 'contract', 'distance_m', 'olt', 'olt_rx_dbm', 'ont_id', 'port', 'read_at', 'rx_dbm', 'sn', 'status']" \
	"ont list --json rows have the documented fields"
aud=$(O audit --ont $HWSN --json)
is "$(json_py "[e['outcome'] for e in d if e['action']=='provision']" <<<"$aud")" "['ok']" "the audit has the provisioning, ok"
steps=$(json_py "[s['command'] for e in d if e['action']=='provision' for s in e['steps']]" <<<"$aud")
like "$steps" "'plan'.*'ont add 1 $ontid sn-auth.*'ont port native-vlan 1 $ontid.*'service-port vlan 100.*'verify: 0/1/1 ONT $ontid'" \
	"the audit lists the plan, every step in order and the verification"

live=$(O ont list --olt hw-1 --port 0/1/1 --live --json); rc=$?
is "$rc" 0 "ont list --live reads the port"
is "$(json_py "len([o for o in d if o['port']=='0/1/1'])" <<<"$live")" \
	"$(dump_py hw-1 "sum(len(p['onts']) for p in d['olts'][0]['pons'] if p['onts'] and any(o['sn']=='$HWSN' for o in p['onts']))")" \
	"every ONT of the port, as the simulator has them"

# ---- provision (ZTE over Telnet) ----
out=$(O provision --olt zte-1 --port 1/1/2 --sn $ZTSN --profile zte100 2>&1); rc=$?
is "$rc" 0 "ZTE provision exits 0"
is "$(dump_py zte-1 "sum(1 for p in d['olts'][0]['pons'] for o in p['onts'] if o['sn']=='$ZTSN')")" 1 \
	"oltsim has the ZTE ONU"

# ---- confirmations ----
out=$(O ont disable $HWSN 2>&1 </dev/null); rc=$?
is "$rc" 2 "disable without --yes and no terminal is refused"
like "$out" "needs confirmation: add --yes" "and says how to confirm"

# ---- disable / enable / reboot ----
out=$(O ont disable $HWSN --yes 2>&1); rc=$?
is "$rc" 0 "ont disable --yes"
is "$(dump_py hw-1 "[o['admin'] for p in d['olts'][0]['pons'] for o in p['onts'] if o['sn']=='$HWSN']")" "[False]" \
	"the simulator has it disabled"
is "$(O ont list --json | json_py "[o['admin'] for o in d if o['sn']=='$HWSN']")" "['disabled']" "the database too"
check "ont enable" O ont enable $HWSN
is "$(dump_py hw-1 "[o['admin'] for p in d['olts'][0]['pons'] for o in p['onts'] if o['sn']=='$HWSN']")" "[True]" \
	"the simulator has it enabled again"
out=$(O ont reboot $HWSN --yes 2>&1); rc=$?
is "$rc" 0 "ont reboot --yes"
like "$out" "applied \(nothing to verify\)" "a reboot says there was nothing to verify"
unlike "$out" "verified" "a reboot does not claim a verification"
json=$(O ont reboot $HWSN --yes --json 2>/dev/null)
is "$(json_py "d['outcome'], d['verified'], d['result']" <<<"$json")" \
	"ok False applied (nothing to verify)" "reboot JSON: ok, not verified, nothing to verify"
is "$(O audit --ont $HWSN --json | json_py "[(e['outcome'], e['cause'], [s['command'] for s in e['steps'] if s['command'].startswith('verify')]) for e in d if e['action']=='reboot'][-1]")" \
	"('ok', 'applied (nothing to verify)', ['verify: nothing to read back'])" "the reboot's audit entry says so too"

# ---- contract suspend / resume ----
if routed contract suspend; then
	out=$(O contract suspend C-1 --yes 2>&1); rc=$?
	is "$rc" 0 "contract suspend"
	like "$(O contract show C-1)" "suspended" "the contract is suspended"
	is "$(dump_py hw-1 "[o['admin'] for p in d['olts'][0]['pons'] for o in p['onts'] if o['sn']=='$HWSN']")" "[False]" \
		"its ONT is disabled"
	check "contract resume" O contract resume C-1
	like "$(O contract show C-1)" "active" "the contract is active again"
else
	for i in 1 2 3 4 5; do ok "# SKIP contract suspend/resume not routed to vw_contract_state yet"; done
fi

# ---- set description, move ----
check "ont set --desc" O ont set $HWSN --desc "Ana P. moved"
is "$(dump_py hw-1 "[o['desc'] for p in d['olts'][0]['pons'] for o in p['onts'] if o['sn']=='$HWSN']")" "['Ana P. moved']" \
	"the description changed"
out=$(O ont move $HWSN --to-ont-id 40 --yes 2>&1); rc=$?
is "$rc" 0 "ont move --to-ont-id 40"
is "$(dump_py hw-1 "[o['id'] for p in d['olts'][0]['pons'] for o in p['onts'] if o['sn']=='$HWSN']")" "[40]" \
	"the simulator has it at ONT id 40, once"
is "$(O ont list --json | json_py "[o['ont_id'] for o in d if o['sn']=='$HWSN']")" "[40]" "the database follows"

# ---- replace the serial, keeping the configuration ----
out=$(O ont replace $HWSN --new-sn HWTC0000AA09 --yes 2>&1); rc=$?
is "$rc" 0 "ont replace --new-sn"
is "$(dump_py hw-1 "[(o['id'], o['desc']) for p in d['olts'][0]['pons'] for o in p['onts'] if o['sn']=='HWTC0000AA09']")" \
	"[(40, 'Ana P. moved')]" "the simulator has the new serial at the same id, same description"
is "$(O ont list --json | json_py "[(o['ont_id'], o['contract']) for o in d if o['sn'] in ('$HWSN', 'HWTC0000AA09')]")" \
	"[(40, 'C-1')]" "the database has only the new serial, still linked to the contract"
HWSN=HWTC0000AA09

# ---- ZTE disable / enable over Telnet ----
check "ZTE ont disable --yes" O ont disable $ZTSN --yes
is "$(dump_py zte-1 "[o['admin'] for p in d['olts'][0]['pons'] for o in p['onts'] if o['sn']=='$ZTSN']")" "[False]" \
	"the ZTE ONU is disabled"
check "ZTE ont enable" O ont enable $ZTSN
is "$(dump_py zte-1 "[o['admin'] for p in d['olts'][0]['pons'] for o in p['onts'] if o['sn']=='$ZTSN']")" "[True]" \
	"and enabled again"
out=$(O ont delete $ZTSN --yes 2>&1); rc=$?
is "$rc" 0 "ZTE ont delete (the undo re-creates it from the ONU's profiles)"
is "$(dump_py zte-1 "sum(1 for p in d['olts'][0]['pons'] for o in p['onts'] if o['sn']=='$ZTSN')")" 0 \
	"the ZTE ONU is gone"

# ---- a refusal that is undone ----
# Line profile 31 declares GEM 31 only: the service port on GEM 1 fails
# after the ONT was added, so the ONT add is undone.
sim_ctl w add-autofind hw-1 0/1/1 HWTC0000AA03 >/dev/null
O profile add hw31 --vlan 100 --down-mbps 100 --up-mbps 100 --line-profile 31 --service-profile 31 >/dev/null
out=$(O provision --olt hw-1 --port 0/1/1 --sn HWTC0000AA03 --profile hw31 --ont-id 13 2>&1); rc=$?
is "$rc" 1 "a plan the device refuses half-way exits 1"
like "$out" "Failure" "the device's words are shown"
like "$out" "every applied step was undone" "and the outcome: undone"
is "$(O audit --ont HWTC0000AA03 --json | json_py "[s['command'] for s in d[-1]['steps'] if s['command'].startswith('undo:')], d[-1]['outcome']")" \
	"['undo: ont delete 1 13'] undone" "the audit has the undo and the outcome"
is "$(dump_py hw-1 "sum(1 for p in d['olts'][0]['pons'] for o in p['onts'] if o['sn']=='HWTC0000AA03')")" 0 \
	"nothing of it stays on the device"

# ---- move to another port (first free ONT id there) ----
out=$(O ont move $HWSN --to-port 0/1/0 --yes 2>&1); rc=$?
is "$rc" 0 "ont move --to-port 0/1/0"
is "$(dump_py hw-1 "[p['fsp'] for p in d['olts'][0]['pons'] for o in p['onts'] if o['sn']=='$HWSN']")" "['0/1/0']" \
	"the simulator has it once, on 0/1/0"
is "$(O ont list --json | json_py "[o['port'] for o in d if o['sn']=='$HWSN']")" "['0/1/0']" "the database has the new port"

# ---- delete ----
out=$(O ont delete $HWSN --yes 2>&1); rc=$?
is "$rc" 0 "ont delete --yes"
is "$(dump_py hw-1 "sum(1 for p in d['olts'][0]['pons'] for o in p['onts'] if o['sn']=='$HWSN')")" 0 \
	"the ONT is gone from the simulator"
is "$(O ont list --json | json_py "sum(1 for o in d if o['sn']=='$HWSN')")" 0 "and from the database"
aud=$(O audit --ont $HWSN --json)
is "$(json_py "[e['action'] for e in d][-1], [e['outcome'] for e in d][-1]" <<<"$aud")" "deprovision ok" \
	"the delete is audited"

# ---- a routed ONT with PPPoE: the password never leaves the device path ----
PPW='Pp0e-S3cret!x'
printf '%s\n' "$PPW" >"$TMPD/ppw"
O profile add hwppp --vlan 300 --down-mbps 100 --up-mbps 100 --line-profile 10 \
	--service-profile 31 --wan pppoe >/dev/null
sim_ctl w add-autofind hw-1 0/1/1 HWTC0000AA05 >/dev/null
out=$(O provision --olt hw-1 --port 0/1/1 --sn HWTC0000AA05 --profile hwppp --ont-id 14 \
	--pppoe-user ana --pppoe-password-file "$TMPD/ppw" --dry-run 2>&1)
like "$out" 'user-account username "ana" password' "dry run shows the PPPoE step"
unlike "$out" "$PPW" "dry run masks the PPPoE password"
out=$(O provision --olt hw-1 --port 0/1/1 --sn HWTC0000AA05 --profile hwppp --ont-id 14 \
	--pppoe-user ana --pppoe-password-file "$TMPD/ppw" 2>&1); rc=$?
is "$rc" 0 "provision with PPPoE"
unlike "$out" "$PPW" "its output does not show the password"
aud=$(O audit --ont HWTC0000AA05 --json)
like "$aud" "ipconfig" "the audit has the PPPoE step"
unlike "$aud" "$PPW" "the audit does not have the password"
check "the database file does not have the password" bash -c "! grep -aq -- '$PPW' '$DB' '$DB-wal' 2>/dev/null"

# ---- usage ----
check_fails "provision without --sn is a usage error" 2 O provision --olt hw-1 --port 0/1/1
check_fails "an unknown OLT is a usage error" 2 O provision --olt nope --port 0/1/1 --sn $HWSN --vlan 10
check_fails "an unknown ont sub-command is a usage error" 2 O ont frobnicate

done_testing
