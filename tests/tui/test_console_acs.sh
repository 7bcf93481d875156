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

# --- a mass change: dry run, then the run with its progress and result ----------------------------
# leaf SERIAL REGEX: the value of the router's first parameter (lowest
# instances first) whose path matches REGEX, as acsim holds it
leaf() {
	acsim_ctl acs GET "device/$(urlenc "$(acsim_id acs "$1")")" | /usr/bin/python3 -c '
import json, re, sys
def walk(n, p):
    for k in sorted(n, key=lambda k: (not k.isdigit(), int(k) if k.isdigit() else 0, k)):
        v = n[k]
        if k.startswith("_") or not isinstance(v, dict):
            continue
        q = p + "." + k if p else k
        if "_value" in v:
            if re.search(sys.argv[1], q):
                print(v["_value"])
                sys.exit(0)
        else:
            walk(v, q)
walk(json.load(sys.stdin)["doc"], "")' "$2"
}
wlan1() { leaf "$1" '(WLANConfiguration|WiFi\.SSID)\.[0-9]+\.SSID$'; }
ppp_user() { leaf "$1" '(WANPPPConnection|PPP\.Interface)\.[0-9]+\.Username$'; }
HWPORT=$(q "SELECT o.port FROM onts o JOIN olts l ON l.id = o.olt_id WHERE o.sn = '$HW'")
con_start c 80x24 -- console
con_wait c "Fleet"
con_keys c : "jump $HW" Enter
con_wait c "ONT $HW"
con_keys c : acs-mass Enter
con_wait c "one change to the routers of hw-1 port $HWPORT" &&
	ok ":acs-mass opens a form for the routers of the selected ONT's port" || not_ok "mass form"
con_keys c 1 Down Lab-Fleet Down "fleet-pass-2025"
sleep 0.3
snap mass_form
unlike "$(con_screen c)" "fleet-pass-2025" "the form draws the passphrase as stars"
# one router of the port offline: its change waits on the ACS
OFF=$(q "SELECT o.sn FROM onts o JOIN olts l ON l.id = o.olt_id WHERE l.name = 'hw-1' AND o.port = '$HWPORT' AND o.sn LIKE 'HWTC%' AND o.sn <> '$HW' AND o.status = 'online' ORDER BY o.ont_id LIMIT 1")
OFFID=$(acsim_id acs "$OFF")
acsim_ctl acs POST "offline/$(urlenc "$OFFID")" >/dev/null
con_keys c Enter
con_wait c "nothing is sent until Enter" 30 && ok "Enter lists the routers first (dry run)" ||
	not_ok "mass dry run"
con_golden c mass_dryrun_80x24.txt "golden: the mass change's dry run"
unlike "$(con_screen c)" "fleet-pass-2025" "the dry run masks the passphrase"
is "$(q "SELECT count(*) FROM acs_jobs")" 0 "the dry run stores no job"
con_keys c Enter
con_wait c "y/n? Send it to" && ok "Enter asks before sending" || not_ok "mass asks"
con_keys c y
con_wait c "done: " 60 && ok "the run ends: done" || not_ok "mass run ends"
con_golden c mass_result_80x24.txt "golden: the mass change's result"
snap mass_result
n_done=$(q "SELECT count(*) FROM acs_job_items WHERE job_id = 1 AND state = 'done'")
n_lab=0
for sn in $(q "SELECT serial FROM acs_job_items WHERE job_id = 1 AND state = 'done'"); do
	[ "$(wlan1 "$sn")" = Lab-Fleet ] && n_lab=$((n_lab + 1))
done
[ "$n_done" -gt 0 ] && is "$n_lab" "$n_done" "acsim: every router the run says done has the new SSID ($n_done)" ||
	not_ok "the run changed no router"
unlike "$(sqlite3 "$DB" .dump)" "fleet-pass-2025" "the mass change's passphrase is nowhere in the database in clear"
is "$(q "SELECT state FROM acs_job_items WHERE job_id = 1 AND serial LIKE '%${OFF:4}'")" queued \
	"the offline router's change is queued"
like "$(con_screen c)" "${OFF} +queued" "and the screen lists it queued"
acsim_ctl acs POST "online/$(urlenc "$OFFID")" >/dev/null
is "$(wlan1 "$OFF")" Lab-Fleet "acsim: back online, that router ran the queued change"
con_keys c q
con_gone c "Mass change #1"
con_stop c

# --- stopped half-way from the console, resumed by the verb -------------------------------------------
acsim_ctl acs POST "delay?ms=300" >/dev/null
ZPORT=$(q "SELECT o.port FROM onts o JOIN olts l ON l.id = o.olt_id WHERE o.sn = '$ZT'")
con_start c 80x24 -- console
con_wait c "Fleet"
con_keys c : "jump $ZT" Enter
con_wait c "ONT $ZT"
con_keys c : acs-mass Enter
con_wait c "one change to the routers of zte-1 port $ZPORT"
con_keys c Up Right Down "fleet@isp" Down Down BSpace BSpace 1
con_keys c Enter
con_wait c "nothing is sent until Enter" 60 || not_ok "second dry run"
con_keys c Enter
con_wait c "y/n? Send it to"
con_keys c y
con_wait c "sending: " 30 && ok "the run shows its progress" || not_ok "mass progress"
snap mass_progress
con_keys c Escape
con_wait c "y/n? Stop mass change #2?" && ok "Esc asks before stopping" || not_ok "stop asks"
con_keys c y
snap mass_stopping
con_wait c "paused: " 60 && ok "stopped: the run pauses once the routers in flight are done" ||
	not_ok "mass paused"
like "$(con_screen c)" "oltui acs mass resume 2" "the screen says how to go on"
left=$(q "SELECT count(*) FROM acs_job_items WHERE job_id = 2 AND state = 'pending'")
[ "$left" -gt 0 ] && ok "some routers were not attempted ($left)" || not_ok "nothing left to resume"
con_stop c
acsim_ctl acs POST "delay?ms=0" >/dev/null
check "oltui acs mass resume 2 goes on" oltui_db acs mass resume 2
is "$(q "SELECT count(*) FROM acs_job_items WHERE job_id = 2 AND state IN ('pending', 'sending')")" 0 \
	"the verb left no router unattempted"
n_done=$(q "SELECT count(*) FROM acs_job_items WHERE job_id = 2 AND state = 'done'")
n_user=0
for sn in $(q "SELECT serial FROM acs_job_items WHERE job_id = 2 AND state = 'done'"); do
	[ "$(ppp_user "$sn")" = "fleet@isp" ] && n_user=$((n_user + 1))
done
[ "$n_done" -gt 0 ] && is "$n_user" "$n_done" "acsim: every router done has the new PPPoE user ($n_done)" ||
	not_ok "the resumed run changed no router"

# --- a router the ACS does not know --------------------------------------------------------------
GONE=$(q "SELECT serial FROM acs_job_items WHERE job_id = 1 AND state = 'skipped' LIMIT 1")
curl -sS -X DELETE "$(acsim_url acs)/devices/$(urlenc "$(acsim_id acs "$GONE")")" >/dev/null
con_start c 80x24 -- console
con_wait c "Fleet"
con_keys c : "jump $GONE" Enter
con_wait c "ONT $GONE"
con_keys c T
con_wait c "has no router with serial $GONE" 15 &&
	ok "a router the ACS does not know: T says so, naming the ACS and the serial" ||
	not_ok "router not on the ACS"
con_keys c w
con_wait c "the router could not be read: nothing can be changed" &&
	ok "and offers no change" || not_ok "no change without a view"
con_stop c

T kill-server 2>/dev/null
acsim_stop acs
sim_stop lab
done_testing
