#!/bin/bash
# test_oltsim.sh — the oltsim process: flags, printed lines, listeners, SSH
# authentication, Telnet option negotiation, the control socket and its
# verbs, life, determinism, config files, clean stops.  (What the personas
# answer is tested in test_oltsim_cli.sh.)
source "$OLTUI_TOP/tests/lib.sh"
source "$OLTUI_TOP/tests/lab/sim.sh"

# dump_py NAME OLT EXPR: evaluates a python expression on the dump `d`.
dump_py() {
	sim_ctl "$1" dump $2 | /usr/bin/python3 -c "import json,sys; d=json.load(sys.stdin); print($3)"
}

# --- flags -----------------------------------------------------------------
out=$("$OLTSIM" --help); rc=$?
is "$rc" 0 "--help exits 0"
like "$out" "--base-port" "--help lists the flags"
check_fails "an unknown flag is refused" 2 "$OLTSIM" --colour red
out=$("$OLTSIM" --onts 999 2>&1)
like "$out" "--onts wants a number from 0 to 128" "a bad value names the flag and its range"
out=$("$OLTSIM" --huawei 0 --zte 0 2>&1); rc=$?
is "$rc" 2 "nothing to simulate is refused"
out=$("$OLTSIM" --stdio 2>&1); rc=$?
like "$out" "--stdio needs --persona" "--stdio wants a persona"

# --- start, printed lines --------------------------------------------------
if sim_start a --huawei 2 --zte 2 --no-life --seed 11; then ok "oltsim starts and prints ready"; else not_ok "oltsim starts and prints ready"; cat "$TMPD/a.err"; fi
re='^olt (hw|zte)-[0-9]+ vendor=(huawei|zte) cli=(ssh|telnet)://127\.0\.0\.1:[0-9]+ snmp=127\.0\.0\.1:[0-9]+ community=[^ ]+ user=[^ ]+ password=[^ ]+$'
n=$(grep -cE "$re" "$TMPD/a.out")
is "$n" 4 "one well-formed line per OLT"
is "$(grep '^olt ' "$TMPD/a.out" | cut -d' ' -f2 | tr '\n' ' ')" "hw-1 hw-2 zte-1 zte-2 " "OLT names in order"
like "$(grep '^olt hw-1 ' "$TMPD/a.out")" "vendor=huawei cli=ssh://" "Huawei speaks SSH"
like "$(grep '^olt zte-1 ' "$TMPD/a.out")" "vendor=zte cli=telnet://" "ZTE speaks Telnet"
is "$(tail -1 "$TMPD/a.out")" "ready" "ready is the last line"
ports=$(for o in hw-1 hw-2 zte-1 zte-2; do sim_field a $o cliport; sim_field a $o snmpport; done | sort -u | wc -l)
is "$ports" 8 "every OLT has its own CLI and SNMP port"

HW=$(sim_field a hw-1 cliport); HWPW=$(sim_field a hw-1 password); HWU=$(sim_field a hw-1 user)
ZT=$(sim_field a zte-1 cliport)
check "the Huawei CLI port accepts TCP on 127.0.0.1" bash -c "exec 3<>/dev/tcp/127.0.0.1/$HW"
check "the ZTE CLI port accepts TCP on 127.0.0.1" bash -c "exec 3<>/dev/tcp/127.0.0.1/$ZT"
listen=$(ss -Hltn "( sport = :$HW )" | awk '{print $4}')
is "$listen" "127.0.0.1:$HW" "the CLI listens on loopback only"

# --- SSH authentication ----------------------------------------------------
banner=$(timeout 5 bash -c "exec 3<>/dev/tcp/127.0.0.1/$HW; head -c 7 <&3")
is "$banner" "SSH-2.0" "the Huawei port speaks SSH"
out=$(ssh_run "$HW" "$HWU" "wrong-$HWPW" 'display version' 2>&1); rc=$?
like "$out" "Permission denied" "a wrong password is refused"
out=$(ssh_run "$HW" "$HWU" "$HWPW" 'display version' 2>&1)
unlike "$out" "Permission denied" "the right password logs in"
is "$(sim_ctl a refuse-login hw-1 on)" "" "refuse-login on"
out=$(ssh_run "$HW" "$HWU" "$HWPW" 'display version' 2>&1)
like "$out" "Permission denied" "refuse-login makes the right password fail"
sim_ctl a refuse-login hw-1 off
out=$(ssh_run "$HW" "$HWU" "$HWPW" 'display version' 2>&1)
unlike "$out" "Permission denied" "refuse-login off lets it in again"

# --- Telnet negotiation ----------------------------------------------------
raw=$( (sleep 0.5) | timeout 5 nc -q 1 127.0.0.1 "$ZT" | head -c 18 | od -An -tx1 | tr -d ' \n')
is "$raw" "fffb01fffb1ffffb18fffd20fffd03fffb03" "ZTE offers WILL ECHO, WILL NAWS, WILL TTYPE, DO TSPEED, DO SGA, WILL SGA"

# --- control socket --------------------------------------------------------
check "ctl socket exists" test -S "$TMPD/a.sock"
is "$(stat -c %a "$TMPD/a.sock")" "600" "ctl socket is private"
n=$(dump_py a "" "len(d['olts'])")
is "$n" 4 "dump parses as JSON with every OLT"
is "$(dump_py a hw-2 "[o['name'] for o in d['olts']]")" "['hw-2']" "dump OLT gives only that OLT"
out=$(sim_ctl a dump)
unlike "$out" "$HWPW" "dump leaves passwords out"
out=$(sim_ctl a cut hw-9 0/1/0 2>&1); rc=$?
is "$rc" 1 "ctl error exits 1"
like "$out" "no OLT called hw-9" "ctl names an unknown OLT"
out=$(sim_ctl a cut hw-1 0/9/0 2>&1)
like "$out" "no PON 0/9/0 on hw-1" "ctl names an unknown PON"
check "cut a PON" sim_ctl a cut hw-1 0/1/0
is "$(dump_py a hw-1 "sorted(set(o['state'] for o in d['olts'][0]['pons'][0]['onts']) - {'offline'})")" "['los']" "a cut PON has every live ONT in LOS"
is "$(dump_py a hw-1 "d['olts'][0]['pons'][0]['cut']")" "True" "dump shows the cut"
check "restore the PON" sim_ctl a restore hw-1 0/1/0
is "$(dump_py a hw-1 "d['olts'][0]['pons'][0]['cut']")" "False" "dump shows it restored"
sn=$(sim_ctl a add-autofind zte-2 1/1/2)
like "$sn" '^[A-Z]{4}[0-9A-F]{8}$' "add-autofind prints the new serial"
is "$(dump_py a zte-2 "'$sn' in [x['sn'] for p in d['olts'][0]['pons'] for x in p['autofind']]")" "True" "the new serial is in autofind"
check "set-levels" sim_ctl a set-levels zte-1 1/1/1 1 rx=-28.5 olt_rx=-30.1
is "$(dump_py a zte-1 "[o['rx'] for o in d['olts'][0]['pons'][0]['onts'] if o['id']==1]")" "[-28.5]" "dump shows the level set"
check "set-state" sim_ctl a set-state zte-1 1/1/1 2 dying-gasp
is "$(dump_py a zte-1 "[(o['state'],o['down_cause']) for o in d['olts'][0]['pons'][0]['onts'] if o['id']==2]")" "[('dying-gasp', 'dying-gasp')]" "dump shows the state set"
for v in "latency hw-2 300" "drop-after hw-2 5000" "garble hw-2 on" "snmp-timeout hw-2 on" "busy hw-2 on"; do
	sim_ctl a $v >/dev/null
done
is "$(dump_py a hw-2 "sorted(d['olts'][0]['faults'].items())")" \
	"[('busy', True), ('drop_after', 5000), ('garble', True), ('latency_ms', 300), ('refuse_login', False), ('snmp_timeout', True)]" \
	"fault verbs show in the dump"
before=$(dump_py a hw-2 "[o['rx'] for p in d['olts'][0]['pons'] for o in p['onts']]")
sleep 1.2
is "$(dump_py a hw-2 "[o['rx'] for p in d['olts'][0]['pons'] for o in p['onts']]")" "$before" "--no-life freezes the levels"
is "$(sim_ctl a tick 20)" "20" "tick N steps life"
unlike "$(dump_py a hw-2 "[o['rx'] for p in d['olts'][0]['pons'] for o in p['onts']]")" "$before" "levels moved after tick"

# --- stopping --------------------------------------------------------------
sim_stop a; rc=$?
is "$rc" 0 "SIGTERM stops oltsim with status 0"
check_fails "the ctl socket is removed at exit" 1 test -e "$TMPD/a.sock"
check_fails "the CLI port is closed at exit" 1 bash -c "exec 3<>/dev/tcp/127.0.0.1/$HW"

sim_start b --huawei 1 --zte 0 --no-life
is "$(sim_ctl b quit)" "bye" "ctl quit answers"
wait "${SIM_PID[b]}"; rc=$?
is "$rc" 0 "ctl quit stops oltsim"

# --- life, determinism, config, base port ----------------------------------
sim_start c --huawei 1 --zte 0 --onts 32 --tick-ms 50 --seed 5
before=$(dump_py c "" "[o['rx'] for p in d['olts'][0]['pons'] for o in p['onts']]")
moved() { [ "$(dump_py c "" "[o['rx'] for p in d['olts'][0]['pons'] for o in p['onts']]")" != "$before" ]; }
check "the life thread moves the levels" wait_for 10 moved

cat >"$TMPD/lab.conf" <<EOF
# a small lab
huawei = 1
zte = 1
seed = 5
onts = 32
no-life = true
EOF
sim_start d --config "$TMPD/lab.conf"
is "$(grep -c '^olt ' "$TMPD/d.out")" 2 "--config sets the fleet"
sim_start e --huawei 1 --zte 1 --seed 5 --onts 32 --no-life
is "$(dump_py d "" "[o['sn'] for x in d['olts'] for p in x['pons'] for o in p['onts']]")" \
   "$(dump_py e "" "[o['sn'] for x in d['olts'] for p in x['pons'] for o in p['onts']]")" "same seed, same serials"
sim_start f --huawei 1 --zte 1 --seed 6 --onts 32 --no-life
unlike "$(dump_py f "" "[o['sn'] for x in d['olts'] for p in x['pons'] for o in p['onts']]")" \
   "$(dump_py d "" "[o['sn'] for x in d['olts'] for p in x['pons'] for o in p['onts']][0]")" "another seed, other serials"
check "ctl socket refuses a second oltsim on the same path" bash -c "! '$OLTSIM' --ctl '$TMPD/d.sock' --no-life >/dev/null 2>&1"

for try in 1 2 3 4 5; do
	P=$(free_port)
	sim_start g --huawei 1 --zte 1 --base-port "$P" --no-life && break
done
is "$(sim_field g hw-1 cliport) $(sim_field g hw-1 snmpport) $(sim_field g zte-1 cliport) $(sim_field g zte-1 snmpport)" \
   "$P $((P + 1)) $((P + 2)) $((P + 3))" "--base-port gives each OLT two ports in a row"
out=$("$OLTSIM" --huawei 1 --zte 0 --base-port "$P" --no-life --ctl "$TMPD/h.sock" 2>&1); rc=$?
is "$rc" 1 "a port in use stops the start"
like "$out" "cannot listen on 127.0.0.1:$P" "and says which port"

done_testing
