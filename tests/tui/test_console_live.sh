#!/bin/bash
# test_console_live.sh — the console stays true to the database and to the
# device, against oltsim at 80x24:
#
#   another process's write (a cut PON read by `oltui poll --once`) shows on
#   the open console within a couple of seconds, without a key;
#   a provisioned ONT leaves the discovery list at once (sending it again
#   would be refused by the OLT);
#   the provisioning form refuses an unknown contract before the OLT is
#   asked anything (oltsim's state and the audit unchanged);
#   a ZTE ONU discovered as a ZTE-F601 is provisioned as one (oltsim's
#   state), not as the driver's default type;
#   L links an ONT to a contract and unlinks it (the database).
#
# Every check reads the device (oltsim dump), the database or the screen
# the technician sees.
source "$OLTUI_TOP/tests/lib.sh"
source "$OLTUI_TOP/tests/lab/sim.sh"
source "$OLTUI_TOP/tests/tui/console_lib.sh"

command -v tmux >/dev/null || { echo "1..0 # SKIP no tmux"; exit 0; }
trap 'T kill-server 2>/dev/null; _cleanup' EXIT

# device OLT: what the OLT is configured with (ONTs and service ports).
device() { dump_py "$1" "json.dumps([d['olts'][0]['pons'], d['olts'][0]['service_ports']], sort_keys=True)"; }
q() { sqlite3 -cmd ".timeout 5000" "$DB" "$1"; }
# pick NAME SN: moves the selection of the discovery list to SN's row.
pick() {
	local k=0 line
	while read -r line; do
		[[ $line == *"$2"* ]] && break
		k=$((k + 1))
	done < <(con_screen "$1" | sed -n '4,22p')
	for ((i = 0; i < k; i++)); do con_keys "$1" j; done
}

if sim_start lab --huawei 1 --zte 1 --boards 1 --pons 2 --onts 8 --base-port 0 --no-life --seed 7; then
	ok "oltsim starts"
else
	not_ok "oltsim starts"; cat "$TMPD/lab.err"
fi
con_lab_olts
# the service profiles the simulator says fit its OLTs
while read -r _ name rest; do
	eval "$(tr ' ' '\n' <<<"$rest" | sed 's/^/p_/')"
	check "profile $name" oltui_db profile add "$name" --vlan "$p_vlan" --down-mbps "$p_down" \
		--up-mbps "$p_up" --line-profile "$p_line" --service-profile "$p_service"
done < <(grep '^profile ' "$TMPD/lab.out")
check "contract for the customer" oltui_db contract add C-2001 --customer "Nova Cliente"
check "a sweep fills the database" oltui_db poll --once

con_start s 80x24 -- console --accept-new-host-key --known-hosts "$TMPD/known_hosts"
con_wait s "Fleet" || not_ok "the console opens"

# --- another process writes: the console shows it without a key ---------------
online() { q "SELECT count(*) FROM onts WHERE status = 'online'"; }
all=$(q "SELECT count(*) FROM onts")
on0=$(online)
con_wait s "ONTs $on0/$all online" && ok "the header counts $on0 of $all ONTs online" ||
	not_ok "header before"
check "oltsim: cut hw-1 0/1/0" sim_ctl lab cut hw-1 0/1/0
check "another process sweeps (poll --once)" oltui_db poll --once
on1=$(online)
[ "$on1" -lt "$on0" ] && ok "the cut took ONTs offline ($on1 online)" || not_ok "the cut changed nothing"
con_wait s "ONTs $on1/$all online" 3 &&
	ok "the header shows the other process's sweep within 3 s, without a key" ||
	not_ok "the console did not see the other process's sweep"
check "oltsim: restore hw-1 0/1/0" sim_ctl lab restore hw-1 0/1/0
check "another process sweeps again" oltui_db poll --once
con_wait s "ONTs $(online)/$all online" 3 && ok "and the restore, again without a key" ||
	not_ok "the restore was not seen"

# --- provisioned, an ONT leaves the discovery list -------------------------------
NEWSN=HWTC0BADC0DE
check "oltsim: an unauthorised ONT appears" sim_ctl lab add-autofind hw-1 0/1/1 $NEWSN
con_keys s F2
con_wait s "Discovered ONTs"
con_keys s R
con_wait s "discovery: " 60
con_wait s "$NEWSN" && ok "the discovery read lists it" || not_ok "new ONT listed"
pick s $NEWSN
con_keys s Enter
con_wait s "Provision $NEWSN on hw-1 0/1/1" || not_ok "provisioning form"
con_wait s "< huawei-100 >"
con_keys s C - 2 0 0 1 Enter
con_wait s "the commands, then their undo" 60 || not_ok "preview"
con_keys s Enter
con_wait s "applied and verified" 60 && ok "the provisioning is applied and verified" ||
	not_ok "provision applied"
like "$(dump_py hw-1 "[o['sn'] for p in d['olts'][0]['pons'] for o in p['onts']]")" "$NEWSN" \
	"oltsim: the ONT is configured"
con_keys s q
con_wait s "ONT $NEWSN"
con_keys s F2
con_wait s "Discovered ONTs"
sleep 0.5
unlike "$(con_screen s)" "$NEWSN" "the provisioned ONT is no longer listed as waiting"
con_keys s R
con_wait s "discovery: " 60
unlike "$(con_screen s)" "$NEWSN" "nor after reading autofind again"
con_stop s

# --- the provisioning form refuses an unknown contract ---------------------------
NEWSN2=HWTC0BADC0DF
check "oltsim: another unauthorised ONT" sim_ctl lab add-autofind hw-1 0/1/1 $NEWSN2
con_start s 80x24 -- console --accept-new-host-key --known-hosts "$TMPD/known_hosts"
con_wait s "Fleet"
con_keys s F2
con_wait s "Discovered ONTs"
con_keys s R
con_wait s "discovery: " 60
con_wait s "$NEWSN2" || not_ok "second ONT listed"
pick s $NEWSN2
con_keys s Enter
con_wait s "Provision $NEWSN2 on hw-1 0/1/1" || not_ok "provisioning form"
con_wait s "< huawei-100 >"
dev0=$(device hw-1)
a0=$(q "SELECT count(*) FROM audit")
con_keys s C - N O P E Enter
con_wait s "no contract C-NOPE: add it (oltui contract add) or leave the code empty" &&
	ok "Enter with an unknown contract says so, with how to add it" ||
	not_ok "unknown contract refused"
sleep 1		# anything sent would have had its time
unlike "$(con_screen s)" "the commands, then their undo" "no preview was asked of the OLT"
like "$(con_screen s)" "Provision $NEWSN2 on hw-1 0/1/1" "the form stays open to correct the code"
is "$(device hw-1)" "$dev0" "oltsim: the OLT is unchanged"
is "$(q "SELECT count(*) FROM audit")" "$a0" "nothing was audited"
con_stop s

# --- a ZTE ONU found as a ZTE-F601 is provisioned as one ---------------------------
ZSN=ZTEG0BADC0DF
check "oltsim: an unauthorised ZTE ONU appears" sim_ctl lab add-autofind zte-1 1/1/2 $ZSN
check "discover reads autofind (another process)" oltui_db discover --known-hosts "$TMPD/known_hosts"
con_start s 80x24 -- console --accept-new-host-key --known-hosts "$TMPD/known_hosts"
con_wait s "Fleet"
# The type autofind reported: a C320 shows it once `uncfg-onu-display-info
# model` is configured; the test stores it as such a read would.
q "UPDATE discovered_onts SET model = 'ZTE-F601' WHERE sn = '$ZSN'"
con_keys s F2
con_wait s "$ZSN" && ok "the ZTE ONU is listed" || not_ok "ZTE ONU listed"
like "$(con_screen s | grep "$ZSN")" "ZTE-F601" "with the type autofind reported"
pick s $ZSN
con_keys s Enter
con_wait s "Provision $ZSN on zte-1 1/1/2"
con_wait s "< zte-100 >"
con_keys s Enter
con_wait s "the commands, then their undo" 60 || not_ok "ZTE preview"
like "$(con_screen s)" "type ZTE-F601" "the preview adds it as a ZTE-F601"
con_keys s Enter
con_wait s "applied and verified" 60 && ok "the ZTE provisioning is applied and verified" ||
	not_ok "ZTE provision applied"
is "$(dump_py zte-1 "next(o['model'] for p in d['olts'][0]['pons'] for o in p['onts'] if o['sn'] == '$ZSN')")" \
	"ZTE-F601" "oltsim: the ONU is configured as a ZTE-F601"
like "$(dump_py zte-1 "next(o['config'] for p in d['olts'][0]['pons'] for o in p['onts'] if o['sn'] == '$ZSN')")" \
	"type ZTE-F601" "oltsim: its configuration says type ZTE-F601"
con_stop s

# --- L links an ONT to a contract, and unlinks it ------------------------------------
LSN=$(q "SELECT o.sn FROM onts o JOIN olts l ON l.id = o.olt_id WHERE l.name = 'hw-1' AND o.port = '0/1/1' AND o.sn <> '$NEWSN' ORDER BY o.ont_id LIMIT 1")
con_start s 80x24 -- console --accept-new-host-key --known-hosts "$TMPD/known_hosts"
con_wait s "Fleet"
link_of() { q "SELECT c.code FROM ont_links k JOIN contracts c ON c.id = k.contract_id WHERE k.sn = '$1'"; }
con_keys s : "jump $LSN" Enter
con_wait s "ONT $LSN"
con_wait s "no contract linked (L links one)" && ok "an unlinked ONT says how to link it" ||
	not_ok "no contract hint"
con_keys s L
con_wait s "link $LSN to contract (code):"
con_keys s C - 2 0 0 1 Enter
con_wait s "$LSN linked to contract C-2001" && ok "L, a code, Enter: linked" || not_ok "link message"
is "$(link_of "$LSN")" "C-2001" "the database links it to C-2001"
con_wait s "contract C-2001 " && ok "the detail shows the contract" || not_ok "detail contract"
con_keys s L
con_wait s "contract for $LSN (now C-2001; empty unlinks):"
con_keys s Enter
con_wait s "y/n? Unlink $LSN from contract C-2001?" && ok "an empty code asks before unlinking" ||
	not_ok "unlink asks"
con_keys s y
con_wait s "$LSN unlinked from C-2001" || not_ok "unlink message"
is "$(link_of "$LSN")" "" "the database links it to nothing"
is "$(q "SELECT action FROM audit WHERE contract = 'C-2001' ORDER BY id DESC LIMIT 2" | tr '\n' ,)" \
	"ont unlink,ont link," "both are in the contract's audit trail"
con_stop s

T kill-server 2>/dev/null
sim_stop lab
done_testing
