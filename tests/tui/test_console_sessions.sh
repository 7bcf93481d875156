#!/bin/bash
# test_console_sessions.sh — the console's writes reuse the engine's
# long-lived session with an OLT, and the console's move works:
#
#   on one OLT, a disable, an enable, the live signal view and a move (with
#   its reads: the ONT's configuration, the free id at the new port) cost
#   one CLI login, counted by oltsim's `logins`;
#   `m` moves an ONT to another port: oltsim's state shows it there, at the
#   port's first free id, with the same serial, and nowhere else;
#   `U` in the audit trail undoes the move: the ONT is back where it was.
#
# Every check reads the device (oltsim dump) or the database, not the
# console's words.
source "$OLTUI_TOP/tests/lib.sh"
source "$OLTUI_TOP/tests/lab/sim.sh"
source "$OLTUI_TOP/tests/tui/console_lib.sh"

command -v tmux >/dev/null || { echo "1..0 # SKIP no tmux"; exit 0; }
trap 'T kill-server 2>/dev/null; _cleanup' EXIT

# where SN: "F/S/P ID ADMIN" of the ONT with serial SN on hw-1, or "none".
where() {
	dump_py hw-1 "next(('%s %d %s' % (p['fsp'], o['id'], o['admin']) for p in d['olts'][0]['pons'] for o in p['onts'] if o['sn'] == '$1'), 'none')"
}
logins() { dump_py "$1" "d['olts'][0]['logins']"; }

if sim_start lab --boards 1 --pons 2 --onts 4 --base-port 0 --no-life --seed 7; then
	ok "oltsim starts"
else
	not_ok "oltsim starts"; cat "$TMPD/lab.err"
fi
for o in hw-1 zte-1; do
	sim_field lab $o password >"$TMPD/$o.pw"
	sim_field lab $o community >"$TMPD/$o.comm"
	if [ $o = hw-1 ]; then v=huawei; else v=zte; fi
	check "olt add $o" oltui_db olt add $o --vendor $v --host 127.0.0.1 \
		--port "$(sim_field lab $o cliport)" --user "$(sim_field lab $o user)" \
		--password-file "$TMPD/$o.pw" --snmp-community-file "$TMPD/$o.comm" \
		--snmp-port "$(sim_field lab $o snmpport)"
done
check "a sweep fills the database" oltui_db poll --once
SN=$(sqlite3 "$DB" "SELECT o.sn FROM onts o JOIN olts l ON l.id = o.olt_id WHERE l.name = 'hw-1' AND o.port = '0/1/0' ORDER BY o.ont_id LIMIT 1")
like "$SN" "^HWTC" "an ONT of hw-1 0/1/0 to work on ($SN)"
like "$(where "$SN")" "^0/1/0 [0-9]+ True" "oltsim has it on 0/1/0, enabled"
FREE=$(dump_py hw-1 "min(set(range(0, 128)) - {o['id'] for p in d['olts'][0]['pons'] if p['fsp'] == '0/1/1' for o in p['onts']})")
L0=$(logins hw-1)

con_start s 80x24 -- console --accept-new-host-key --known-hosts "$TMPD/known_hosts"
con_wait s "Fleet" || not_ok "the console opens"
con_keys s : "jump $SN" Enter
con_wait s "ONT $SN" && ok "the console selects the ONT" || not_ok "jump to the ONT"

# --- a disable and an enable -------------------------------------------------
con_keys s d
con_wait s "y/n? Disable $SN"
con_keys s y
con_wait s "applied and verified" 60 && ok "d, y: the disable is applied and verified" || not_ok "disable"
like "$(where "$SN")" "^0/1/0 [0-9]+ False" "oltsim: the ONT is disabled"
con_keys s q
con_keys s e
con_wait s "y/n? Enable $SN"
con_keys s y
con_wait s "applied and verified" 60 && ok "e, y: the enable is applied and verified" || not_ok "enable"
like "$(where "$SN")" "^0/1/0 [0-9]+ True" "oltsim: the ONT is enabled again"
con_keys s q

# --- the live signal view (SNMP: no CLI session) -------------------------------
ID=$(sqlite3 "$DB" "SELECT id FROM onts WHERE sn = '$SN'")
n0=$(sqlite3 "$DB" "SELECT count(*) FROM signal_samples WHERE ont = $ID")
con_keys s S
con_wait s "live every" && ok "S opens the live signal view" || not_ok "signal view"
deadline=$(( $(date +%s) + 20 ))
while [ "$(date +%s)" -le $deadline ] &&
	[ "$(sqlite3 "$DB" "SELECT count(*) FROM signal_samples WHERE ont = $ID")" -le "$n0" ]; do
	sleep 0.2
done
n1=$(sqlite3 "$DB" "SELECT count(*) FROM signal_samples WHERE ont = $ID")
[ "$n1" -gt "$n0" ] && ok "the live view read the ONT ($((n1 - n0)) new sample)" || not_ok "live reading"
con_keys s q

# --- the move: m, the new port, y ----------------------------------------------
con_keys s m
con_wait s "move $SN to port" && ok "m asks for the new port" || not_ok "move prompt"
con_keys s 0/1/1 Enter
con_wait s "y/n? Move $SN" && ok "the move asks to confirm, naming both ports" || not_ok "move confirm"
con_keys s y
con_wait s "applied and verified" 90 && ok "y: the move is applied and verified" || not_ok "move applied"
like "$(where "$SN")" "^0/1/1 $FREE " "oltsim: the ONT is on 0/1/1 at its first free id ($FREE), same serial"
is "$(dump_py hw-1 "sum(1 for p in d['olts'][0]['pons'] for o in p['onts'] if o['sn'] == '$SN')")" 1 \
	"oltsim: and only there"
is "$(sqlite3 "$DB" "SELECT port || ' ' || ont_id FROM onts WHERE sn = '$SN'")" "0/1/1 $FREE" \
	"the database places it there too"
is "$(sqlite3 "$DB" "SELECT action || ' ' || outcome FROM audit ORDER BY id DESC LIMIT 1")" \
	"move ok" "the move is audited as done"
con_keys s q

# --- what it all cost ------------------------------------------------------------
L1=$(logins hw-1)
is "$((L1 - L0))" 1 "a disable, an enable, the live view and a move on hw-1 cost one login"

# --- the audit trail's U: the move undone ---------------------------------------
MOVE=$(sqlite3 "$DB" "SELECT id FROM audit ORDER BY id DESC LIMIT 1")
con_keys s : "jump $SN" Enter
con_wait s "ONT $SN"
con_keys s a
con_wait s "Audit" && ok "a opens the ONT's audit trail" || not_ok "audit pane"
con_keys s U
con_wait s "y/n? Undo entry #$MOVE" && ok "U asks to undo the move (entry $MOVE)" || not_ok "undo confirm"
con_keys s y
con_wait s "applied and verified" 90 && ok "y: the undo is applied and verified" || not_ok "undo applied"
like "$(where "$SN")" "^0/1/0 [0-9]+ True" "oltsim: the ONT is back on 0/1/0, enabled"
is "$(dump_py hw-1 "sum(1 for p in d['olts'][0]['pons'] for o in p['onts'] if o['sn'] == '$SN')")" 1 \
	"oltsim: and only there"
is "$(sqlite3 "$DB" "SELECT port FROM onts WHERE sn = '$SN'")" "0/1/0" "the database follows"
is "$(sqlite3 "$DB" "SELECT action || ' ' || outcome FROM audit ORDER BY id DESC LIMIT 1")" \
	"undo ok" "the undo is audited as a write of its own"
con_keys s q
con_stop s

done_testing
