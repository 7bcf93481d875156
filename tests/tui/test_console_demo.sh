#!/bin/bash
# test_console_demo.sh — `oltui demo` as a newcomer meets it, at 80x24:
#
#   the ONTs the lab starts with dark (LOS, dying gasp, power off) have
#   their alarms from the first sweep: in the database, in the header's
#   count and in the alarms view (F5);
#   `q` on the main view, like `Q`, asks before quitting, because quitting
#   stops the lab: `n` keeps the lab answering, `y` stops it;
#   the lab's routers: the demo's TR-069 stand-in has one per ONT, and T on
#   an ONT shows it.
#
# The lab is the demo's own oltsim (its control socket is in --dir); what
# is dark is read from oltsim's dump, not assumed.
source "$OLTUI_TOP/tests/lib.sh"
source "$OLTUI_TOP/tests/lab/sim.sh"
source "$OLTUI_TOP/tests/tui/console_lib.sh"

command -v tmux >/dev/null || { echo "1..0 # SKIP no tmux"; exit 0; }
# the demo stops its lab when its console ends (SIGHUP from the server too)
trap 'T kill-server 2>/dev/null; sleep 1; _cleanup' EXIT

D=$TMPD/demo
LAB=$D/sim.sock
DDB=$D/oltui.db
# dark: the serials oltsim has not online, sorted, one per line.
dark() {
	for o in hw-1 zte-1; do
		"$OLTSIM" ctl "$LAB" dump $o | /usr/bin/python3 -c "
import json, sys
d = json.load(sys.stdin)
for p in d['olts'][0]['pons']:
    for o in p['onts']:
        if o['state'] != 'online':
            print(o['sn'])"
	done | sort
}
lab_answers() { "$OLTSIM" ctl "$LAB" dump hw-1 >/dev/null 2>&1; }

con_start d 80x24 -- demo --dir "$D" --no-life --seed 7
con_wait d "Fleet" 60 && ok "the demo opens the console on its lab" || not_ok "demo console"
con_wait d "swept " 10

# --- the dark ONTs have their alarms from the first sweep ----------------------
want=$(dark)
n=$(grep -c . <<<"$want")
[ "$n" -gt 0 ] && ok "the lab starts with $n ONTs dark" || not_ok "the lab has no dark ONT"
is "$(sqlite3 -cmd ".timeout 5000" "$DDB" "SELECT sn FROM alarms WHERE cleared_at = 0 AND sn <> '' ORDER BY sn")" \
	"$want" "each dark ONT has an active alarm after the demo's one sweep, and only they do"
active=$(sqlite3 -cmd ".timeout 5000" "$DDB" "SELECT count(*) FROM alarms WHERE cleared_at = 0")
head=$(con_screen d | head -1)
w=$(grep -oE '⚠[0-9]+' <<<"$head" | tr -d '⚠')
c=$(grep -oE '✖[0-9]+' <<<"$head" | tail -1 | tr -d '✖')
is "$(( ${w:-0} + ${c:-0} ))" "$active" "the header counts the $active active alarms (⚠${w:-0} ✖${c:-0})"
con_keys d F5
con_wait d "Alarms · $active active" && ok "F5 lists $active active alarms" || not_ok "F5 count"
scr=$(con_screen d)
missing=0
for sn in $want; do [[ $scr == *"$sn"* ]] || missing=$((missing + 1)); done
is "$missing" 0 "F5 shows every dark ONT"
con_keys d q
con_gone d "Alarms ·"

# --- the customers' routers: the demo's TR-069 stand-in ---------------------------
ACSPORT=$(cat "$D/acs.port" 2>/dev/null)
like "$(cat "$D/config.ini" 2>/dev/null)" "url = http://127.0.0.1:$ACSPORT" \
	"the demo points [acs] url at its own TR-069 stand-in"
rsn=$("$OLTSIM" ctl "$LAB" dump hw-1 | /usr/bin/python3 -c "
import json, sys
d = json.load(sys.stdin)
print([o['sn'] for p in d['olts'][0]['pons'] for o in p['onts'] if o['state'] == 'online'][0])")
# The router reports the serial as typed or in hex (Huawei: 48575443...).
pc=$(curl -s "http://127.0.0.1:$ACSPORT/devices/?projection=_deviceId" | /usr/bin/python3 -c "
import json, sys
sn = '$rsn'
hexsn = sn[:4].encode().hex().upper() + sn[4:]
print(''.join(d['_deviceId']['_ProductClass'] for d in json.load(sys.stdin)
              if d['_deviceId']['_SerialNumber'].upper() in (sn, hexsn)))")
[ -n "$pc" ] && ok "the stand-in has a router for ONT $rsn ($pc)" || not_ok "the stand-in has a router for $rsn"
con_keys d :
con_keys d "jump $rsn" Enter
con_wait d "ONT $rsn" 10
con_keys d T
con_wait d "Router $pc" 15 && ok "T on the ONT shows its router, read through the ACS" ||
	not_ok "T shows the router"
like "$(con_screen d)" "last inform [0-9]+ s ago" "with the age of its data"
con_keys d q
con_gone d "Router $pc"

# --- quitting asks, because it stops the lab ------------------------------------
con_keys d q
con_wait d "y/n? Quit oltui? The demo's lab (oltsim and its routers) stops" &&
	ok "q on the main view asks, saying the lab stops" || not_ok "q asks"
con_keys d n
con_wait d "cancelled"
like "$(con_screen d)" "Fleet" "n: the console stays open"
lab_answers && ok "n: the lab still answers" || not_ok "n: the lab still answers"
con_keys d Q
con_wait d "y/n? Quit oltui? The demo's lab (oltsim and its routers) stops" && ok "Q asks the same" ||
	not_ok "Q asks"
con_keys d y
con_gone d "Fleet" 15 && ok "y quits" || not_ok "y quits"
if wait_for 10 bash -c "! \"$OLTSIM\" ctl \"$LAB\" dump hw-1"; then
	ok "y: the lab is stopped"
else
	not_ok "y: the lab is stopped"
fi
if wait_for 10 bash -c "! curl -s -m 1 http://127.0.0.1:$ACSPORT/devices/?projection=_id"; then
	ok "y: the routers' stand-in is stopped"
else
	not_ok "y: the routers' stand-in is stopped"
fi

T kill-server 2>/dev/null
done_testing
