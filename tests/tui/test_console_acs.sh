#!/bin/bash
# test_console_acs.sh — the console's TR-069 parts end to end, in tmux,
# against oltsim (the OLTs) and acsim (the GenieACS NBI stand-in, one
# router per oltsim ONT):
#
#   without [acs] url, T says what to set in config.ini;
#   the router view (T) of a Huawei TR-098 router and of a ZTE one
#   (goldens at 80x24 and 132x43: acsim's times are pinned relative to the
#   console's clock, so every age on screen is fixed);
#   a WiFi change (w): the preview shows the values with the passphrase
#   masked, Enter sends, and acsim's router then has the SSID and the
#   passphrase (the outcome, not the message); the passphrase is nowhere on
#   screen or in the database;
#   the router offline: the change is queued, and the task id shown is the
#   one acsim keeps;
#   R refreshes through the ACS; f asks twice; Esc at the second question
#   sends nothing;
#   the mass change screen (:acs-mass): the dry run lists every router with
#   the exact values (golden) before anything is sent; Enter runs it with
#   live progress, and the result (golden) counts what acsim's routers say.
source "$OLTUI_TOP/tests/lib.sh"
source "$OLTUI_TOP/tests/lab/sim.sh"
source "$OLTUI_TOP/tests/lab/acsim.sh"
source "$OLTUI_TOP/tests/tui/console_lib.sh"

command -v tmux >/dev/null || { echo "1..0 # SKIP no tmux"; exit 0; }
trap 'T kill-server 2>/dev/null; _cleanup' EXIT

q() { sqlite3 -cmd ".timeout 5000" "$DB" "$1"; }
# snap NAME: keeps the screen in $ACS_SNAP/NAME.txt when set (to look at by eye)
snap() { [ -z "${ACS_SNAP:-}" ] || con_screen c >"$ACS_SNAP/$1.txt"; }
# dev SERIAL EXPR: a python expression on acsim's record `d` of SERIAL's router
# (online, secrets, software, doc) — what the router holds, not what oltui said.
dev() {
	acsim_ctl acs GET "device/$(urlenc "$(acsim_id acs "$1")")" |
		/usr/bin/python3 -c "import json,sys; d=json.load(sys.stdin); print($2)"
}
param() { dev "$1" "(lambda n: n['_value'] if n else None)(__import__('functools').reduce(lambda a, k: a.get(k) if a else None, '$2'.split('.'), d['doc']))"; }

# --- the fleet and its routers ---------------------------------------------------
if sim_start lab --huawei 1 --zte 1 --boards 1 --pons 1 --onts 8 --base-port 0 --no-life --seed 7; then
	ok "oltsim starts"
else
	not_ok "oltsim starts"; cat "$TMPD/lab.err"
fi
con_lab_olts
check "a sweep fills the database" oltui_db poll --once
HW=$(q "SELECT o.sn FROM onts o JOIN olts l ON l.id = o.olt_id WHERE l.name = 'hw-1' AND o.sn LIKE 'HWTC%' AND o.status = 'online' ORDER BY o.ont_id LIMIT 1")
# a ZTE home gateway with WiFi (an F660 or F670L, not the F601 bridge), as oltsim made it
ZT=$(dump_py zte-1 "next(o['sn'] for p in d['olts'][0]['pons'] for o in p['onts'] if o['state'] == 'online' and o['model'] in ('ZTE-F660', 'ZTE-F670L'))")
[ -n "$HW" ] && [ -n "$ZT" ] && ok "a Huawei ONT ($HW) and a ZTE one ($ZT) online" ||
	not_ok "the lab has a Huawei and a ZTE ONT online"
check "contract for the Huawei ONT's customer" oltui_db contract add C-3001 --customer "Ana Souza" --address "Rua das Flores 12"
check "linked" oltui_db link "$HW" C-3001
con_pin
sim_ctl lab dump >"$TMPD/lab.dump"
acsim_start acs --no-defaults --oltsim-dump "$TMPD/lab.dump" --state "$TMPD/acs.state" &&
	ok "acsim starts with one router per ONT" || { not_ok "acsim starts"; cat "$TMPD/acs.err"; }
acsim_stop acs
check "acsim's times pinned to the console's clock" /usr/bin/python3 \
	"$OLTUI_TOP/tests/tui/acsim_pin.py" "$TMPD/acs.state" "$NOW"
acsim_start acs --state "$TMPD/acs.state" || not_ok "acsim restarts on the pinned state"

# --- no ACS configured -------------------------------------------------------------
con_start c 80x24 -- console
con_wait c "Fleet" || not_ok "the console opens"
con_keys c : "jump $HW" Enter
con_wait c "ONT $HW"
con_keys c T
con_wait c "set \`[acs] url\`" && ok "without an ACS, T names the setting in config.ini" ||
	not_ok "no ACS message"
con_stop c

mkdir -p "$XDG_CONFIG_HOME/oltui"
printf '[acs]\nurl = %s\n' "$(acsim_url acs)" >"$XDG_CONFIG_HOME/oltui/config.ini"

# --- the router view: Huawei TR-098, ZTE; 80x24 and 132x43 ------------------------------
con_start c 80x24 -- console
con_wait c "Fleet"
con_keys c : "jump $HW" Enter
con_wait c "ONT $HW"
con_keys c T
con_wait c "Router $HW" && ok "T opens the router view" || not_ok "router view opens"
con_wait c "last inform" 15 && ok "the router is read through the ACS, with its data age" ||
	not_ok "router read"
con_golden c router_huawei_80x24.txt "golden: a Huawei TR-098 router at 80x24"
con_keys c q
con_gone c "Router $HW"
con_keys c : "jump $ZT" Enter
con_wait c "ONT $ZT"
con_keys c T
con_wait c "last inform" 15
con_golden c router_zte_80x24.txt "golden: a ZTE TR-098 router at 80x24"
T resize-window -t c -x 132 -y 43
sleep 0.3
con_golden c router_zte_132x43.txt "golden: the ZTE router at 132x43"
T resize-window -t c -x 80 -y 24
con_keys c q
con_stop c

# --- a WiFi change: preview (masked), send, the router has it --------------------------------
SSID=Lab-Souza PASS='fibra-2025!ok'
con_start c 80x24 -- console
con_wait c "Fleet"
con_keys c : "jump $HW" Enter
con_wait c "ONT $HW"
con_keys c T
con_wait c "last inform" 15
con_keys c w
con_wait c "WiFi radio, 1-" && con_keys c 1 Enter
con_wait c "SSID of radio 1" && ok "w asks for the SSID, saying the one now" || not_ok "ssid prompt"
con_keys c "$SSID" Enter
con_wait c "passphrase for radio 1" || not_ok "passphrase prompt"
con_keys c "$PASS"
sleep 0.3
scr=$(con_screen c)
like "$scr" "passphrase for radio 1 .*: \*{${#PASS}}\$" "the passphrase is drawn as stars while typed"
unlike "$scr" "$PASS" "and never in clear"
con_keys c Enter
con_wait c "nothing sent yet" 20 && ok "Enter shows the dry run first" || not_ok "wifi preview"
snap wifi_preview
scr=$(con_screen c)
like "$scr" "$SSID" "the preview names the new SSID"
unlike "$scr" "$PASS" "the preview masks the passphrase"
con_keys c Enter
con_wait c "audit entry" 30 && ok "Enter sends it; the result names the audit entry" || not_ok "wifi result"
snap wifi_result
like "$(con_screen c)" "applied" "the result says it was applied"
is "$(param "$HW" InternetGatewayDevice.LANDevice.1.WLANConfiguration.1.SSID)" "$SSID" \
	"acsim: the router's SSID is the new one"
is "$(dev "$HW" "d['secrets'].get('InternetGatewayDevice.LANDevice.1.WLANConfiguration.1.PreSharedKey.1.KeyPassphrase')")" \
	"$PASS" "acsim: the router has the new passphrase"
unlike "$(sqlite3 "$DB" .dump)" "$PASS" "the passphrase is nowhere in the database in clear"
con_keys c q
con_wait c "Router $HW" && ok "closing the result goes back to the router view" || not_ok "back to router"
con_wait c "$SSID" 15 && ok "which reads the router again and shows the new SSID" || not_ok "router re-read"
con_stop c

# --- the router offline: queued, with the task acsim keeps --------------------------------------
ZID=$(acsim_id acs "$ZT")
acsim_ctl acs POST "offline/$(urlenc "$ZID")" >/dev/null
con_start c 80x24 -- console
con_wait c "Fleet"
con_keys c : "jump $ZT" Enter
con_wait c "ONT $ZT"
con_keys c T
con_wait c "last inform" 15
con_keys c p
con_wait c "PPPoE user (now " && ok "p asks for the PPPoE user, saying the one now" || not_ok "pppoe prompt"
con_keys c "zt3001@isp" Enter
con_wait c "PPPoE password (hidden"
con_keys c Enter
con_wait c "nothing sent yet" 20 || not_ok "pppoe preview"
con_keys c Enter
con_wait c "queued on the ACS" 60 && ok "offline: the result says queued" || not_ok "queued result"
snap pppoe_queued
TASK=$(curl -sS "$(acsim_url acs)/tasks/?query=$(urlenc "{\"device\":\"$ZID\"}")" |
	/usr/bin/python3 -c 'import json,sys; t=json.load(sys.stdin); print(t[0]["_id"] if t else "")')
[ -n "$TASK" ] && ok "acsim keeps the task for the offline router" || { not_ok "acsim keeps a task"; TASK=none; }
like "$(con_screen c)" "task $TASK" "the result shows the task id acsim keeps"
is "$(param "$ZT" InternetGatewayDevice.WANDevice.1.WANConnectionDevice.1.WANPPPConnection.1.Username)" \
	"$(dev "$ZT" "d['doc']['InternetGatewayDevice']['WANDevice']['1']['WANConnectionDevice']['1']['WANPPPConnection']['1']['Username']['_value']")" \
	"acsim: the router is unchanged while offline"
con_keys c q
con_wait c "queued on the ACS for this router" 15 && ok "the router view lists the queued task" ||
	not_ok "router view lists the task"
snap router_queued
like "$(con_screen c)" "task $TASK" "with its id"
acsim_ctl acs POST "online/$(urlenc "$ZID")" >/dev/null
is "$(param "$ZT" InternetGatewayDevice.WANDevice.1.WANConnectionDevice.1.WANPPPConnection.1.Username)" \
	"zt3001@isp" "acsim: back online, the router ran the queued task"
con_keys c R
snap refreshing
con_wait c "refreshed" 30 && ok "R refreshes the router through the ACS" || not_ok "refresh"
con_wait c "zt3001@isp" 10 && ok "and shows the new PPPoE user" || not_ok "refreshed view"

# --- factory reset asks twice ----------------------------------------------------------------------
con_keys c f
con_wait c "nothing sent yet" 20 || not_ok "factory reset preview"
con_keys c Enter
con_wait c "ERASE the router of $ZT" && ok "f: after the preview, Enter asks once more" ||
	not_ok "factory reset asks again"
snap factory_ask
tasks0=$(acsim_ctl acs GET stats)
con_keys c n
con_wait c "cancelled: nothing sent" && ok "anything but y sends nothing" || not_ok "factory reset cancelled"
is "$(acsim_ctl acs GET stats | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["tasks_done"])')" \
	"$(/usr/bin/python3 -c 'import json,sys; print(json.loads(sys.argv[1])["tasks_done"])' "$tasks0")" \
	"acsim: no task ran"
con_stop c

T kill-server 2>/dev/null
acsim_stop acs
sim_stop lab
done_testing
