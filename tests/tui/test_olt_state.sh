#!/bin/bash
# test_olt_state.sh — one typed state per OLT, read alike everywhere: after
# real sweeps against oltsim (hw-1 answering, zte-1 whose SNMP stopped
# after a first good sweep), the olt_state rows hold what happened, and the
# console, `oltui health`, `oltui alarms` and the metrics textfile all show
# those same rows; nothing per OLT is left as a string in meta.
source "$OLTUI_TOP/tests/lib.sh"
source "$OLTUI_TOP/tests/lab/sim.sh"
source "$OLTUI_TOP/tests/tui/console_lib.sh"

command -v tmux >/dev/null || { echo "1..0 # SKIP no tmux"; exit 0; }
trap 'T kill-server 2>/dev/null; _cleanup' EXIT
jq_py() { /usr/bin/python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }
q() { sqlite3 "$DB" "$1"; }
iso() { date -u -d "@$1" +%Y-%m-%dT%H:%M:%SZ; }

if sim_start st --huawei 1 --zte 1 --boards 1 --pons 2 --onts 8 --seed 7 --no-life; then
	ok "oltsim is up"
else
	not_ok "oltsim is up"; cat "$TMPD/st.err"; done_testing; exit 1
fi
for o in hw-1 zte-1; do
	sim_field st $o password >"$TMPD/$o.pw"
	sim_field st $o community >"$TMPD/$o.comm"
	if [ $o = hw-1 ]; then v=huawei m=MA5800-X7; else v=zte m=C320; fi
	check "olt add $o" oltui_db olt add $o --vendor $v --host 127.0.0.1 \
		--port "$(sim_field st $o cliport)" --user "$(sim_field st $o user)" \
		--password-file "$TMPD/$o.pw" --snmp-community-file "$TMPD/$o.comm" \
		--snmp-port "$(sim_field st $o snmpport)" --model $m
done

# --- what happened: a good sweep of both with health, then zte-1 stops ------
check "poll --once --health answers for both OLTs" oltui_db poll --once --health
sim_ctl st snmp-timeout zte-1 on >/dev/null
oltui_db poll --once --olt zte-1 >/dev/null 2>&1
oltui_db poll --once --olt zte-1 --textfile "$TMPD/m.prom" >/dev/null 2>&1
is "$?" 3 "zte-1 no longer answers (exit 3)"

# --- the rows ---------------------------------------------------------------
is "$(q "SELECT count(*) FROM meta WHERE key GLOB 'olt.*'")" 0 "nothing per OLT is a string in meta"
row() { q "SELECT $2 FROM olt_state s JOIN olts o ON o.id = s.olt_id WHERE o.name = '$1'"; }
read -r hw_ok hw_at hw_ms hw_req hw_onts hw_online hw_fail hw_up <<<"$(row hw-1 \
	"sweep_ok, sweep_at, sweep_ms, sweep_requests, sweep_onts, sweep_online, failures, uptime_s" | tr '|' ' ')"
want_online=$(sim_ctl st dump hw-1 | jq_py 'sum(1 for p in d["olts"][0]["pons"] for x in p["onts"] if x["state"]=="online")')
diag "hw-1: $hw_online of 16 ONTs online"
is "$hw_ok $hw_onts $hw_online $hw_fail" "1 16 $want_online 0" "hw-1's row: a good sweep of its 16 ONTs, as many online as the simulator says"
read -r zt_ok zt_at zt_ok_at zt_fail zt_req <<<"$(row zte-1 "sweep_ok, sweep_at, last_ok_at, failures, sweep_requests" | tr '|' ' ')"
zt_err=$(row zte-1 last_error)
is "$zt_ok $zt_fail" "0 2" "zte-1's row: the last sweep failed, twice in a row"
like "$zt_err" "^no answer from 127\.0\.0\.1" "zte-1's row keeps why"
if [ "$zt_ok_at" -gt 0 ] && [ "$zt_ok_at" -lt "$zt_at" ]; then
	ok "zte-1's row keeps the time of its last good sweep"
else
	not_ok "zte-1's row keeps the time of its last good sweep ($zt_ok_at, $zt_at)"
fi
is "$(row hw-1 "health_at > 0") $(q "SELECT count(*) FROM olt_board_health b JOIN olts o ON o.id = b.olt_id WHERE o.name = 'hw-1'")" \
	"1 $(sim_ctl st dump hw-1 | jq_py 'len(d["olts"][0]["boards"])' 2>/dev/null || echo '?')" \
	"hw-1's health: one board row per board of the simulator"

# --- oltui health reads the rows ---------------------------------------------
h=$(oltui_db health --json)
is "$(jq_py '[[x["state"]["sweep_at"], x["state"]["sweep_ok"], x["state"]["sweep_onts"], x["state"]["sweep_online"], x["state"]["sweep_requests"], x["state"]["sweep_ms"]] for x in d if x["olt"]=="hw-1"][0]' <<<"$h")" \
	"['$(iso "$hw_at")', True, 16, $hw_online, $hw_req, $hw_ms]" "health --json: hw-1's state is its row"
is "$(jq_py '[[x["state"]["sweep_ok"], x["state"]["failures"], x["state"]["last_error"], x["state"]["last_ok_at"]] for x in d if x["olt"]=="zte-1"][0]' <<<"$h")" \
	"[False, 2, '$zt_err', '$(iso "$zt_ok_at")']" "health --json: zte-1's state is its row"
is "$(jq_py '[x["uptime_s"] for x in d if x["olt"]=="hw-1"][0]' <<<"$h")" "$hw_up" "health --json: the uptime is the row's"
text=$(oltui_db health zte-1)
if grep -qF "(2 in a row): $zt_err" <<<"$text"; then ok "health text: zte-1's failed sweeps and why"; else not_ok "health text: zte-1's failed sweeps"; diag "$text"; fi
like "$(oltui_db health hw-1)" "last sweep [0-9]+ s ago: 16 ONTs, $hw_online online, $hw_ms ms, $hw_req requests" "health text: hw-1's last sweep"

# --- oltui alarms: the unreachable alarm says the same ---------------------
al=$(oltui_db alarms --json)
is "$(jq_py "sum(1 for a in d if a['kind']=='olt_unreachable' and a['olt']=='zte-1')" <<<"$al")" 1 "alarms: zte-1 is unreachable"
is "$(jq_py "sum(1 for a in d if a['kind']=='olt_unreachable' and a['olt']=='hw-1')" <<<"$al")" 0 "alarms: hw-1 is not"
like "$(jq_py "[a['text'] for a in d if a['kind']=='olt_unreachable'][0]" <<<"$al")" "\(2 sweeps in a row\): no answer from 127\.0\.0\.1" \
	"alarms: the alarm counts the same failures and gives the same reason"

# --- metrics: the same rows ---------------------------------------------------
metric() { sed -n "s/^$1{olt=\"$2\"} //p" "$TMPD/m.prom"; }
is "$(metric oltui_sweep_success hw-1) $(metric oltui_sweep_success zte-1)" "1 0" "metrics: sweep success per OLT"
is "$(metric oltui_sweep_timestamp_seconds hw-1) $(metric oltui_sweep_timestamp_seconds zte-1)" "$hw_at $zt_at" "metrics: sweep times are the rows'"
is "$(metric oltui_sweep_requests hw-1) $(metric oltui_sweep_requests zte-1)" "$hw_req $zt_req" "metrics: sweep requests are the rows'"

# --- the console reads the same rows ------------------------------------------
# Times pinned relative to $BASE (the console's clock is $NOW = BASE + 150).
q "UPDATE olt_state SET sweep_at = $BASE - 30,
	last_ok_at = CASE WHEN last_ok_at <> 0 THEN $BASE - 900 ELSE 0 END,
	health_at = CASE WHEN health_at <> 0 THEN $BASE - 90 ELSE 0 END,
	uptime_s = CASE WHEN health_at <> 0 THEN 3 * 86400 + 4 * 3600 ELSE uptime_s END;
	UPDATE onts SET last_seen = $BASE - 600"
h=$(oltui_db health --json)
is "$(jq_py '[x["state"]["sweep_at"] for x in d]' <<<"$h")" "['$(iso $((BASE - 30)))', '$(iso $((BASE - 30)))']" "health --json reads the pinned rows"
con_start c 80x24 --
con_wait c "OLT hw-1" && ok "the console opens on hw-1" || not_ok "the console opens on hw-1"
scr=$(con_screen c)
like "$scr" "▲ reachable · swept 3m ago" "console: hw-1 swept when its row says (180 s before the console's clock)"
like "$scr" "health: up 3d 4h \(read 4m ago\)" "console: hw-1's uptime and health time are the row's"
like "$scr" "zte-1 C320 +✖ down" "console: zte-1 is down in the tree"
con_keys c j
con_wait c "OLT zte-1"
scr=$(con_screen c)
like "$scr" "✖ unreachable \(last try 3m ago\)" "console: zte-1's last try is its row's sweep time"
like "$scr" "showing cached data: swept 12m ago" "console: zte-1's cached data is as old as its ONT readings"
con_stop c
done_testing
