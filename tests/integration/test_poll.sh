#!/bin/bash
# test_poll.sh — issue 6 end to end against oltsim: `poll --once` stores
# every ONT, a cut PON becomes ONE outage alarm within two sweeps and
# clears on restore, an ONT's Rx dropped below -28 dBm turns critical after
# the debounce, signal history, health, the metrics textfile, an OLT whose
# SNMP stops answering (exit 3, then an unreachable alarm), a sweep that runs
# out of its request budget (partial: exit 1, never unreachable), and the
# daemon (sweeps on its own, stops cleanly on SIGTERM).
source "$OLTUI_TOP/tests/lib.sh"
source "$OLTUI_TOP/tests/lab/sim.sh"

KEY=$TMPD/key
O() { "$OLTUI" --key-file "$KEY" "$@"; }
jq_py() { /usr/bin/python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }

if sim_start s --huawei 1 --zte 1 --boards 1 --pons 2 --onts 16 --seed 5 --no-life; then
	ok "oltsim is up"
else
	not_ok "oltsim is up"; cat "$TMPD/s.err"; done_testing; exit 1
fi
for o in hw-1 zte-1; do
	sim_field s $o password >"$TMPD/$o.pw"
	sim_field s $o community >"$TMPD/$o.comm"
	vendor=huawei; [[ $o == zte* ]] && vendor=zte
	check "olt add $o" O olt add "$o" --vendor $vendor --host 127.0.0.1 \
		--port "$(sim_field s $o cliport)" --user "$(sim_field s $o user)" \
		--password-file "$TMPD/$o.pw" --snmp-community-file "$TMPD/$o.comm" \
		--snmp-port "$(sim_field s $o snmpport)"
done

# --- one sweep ---------------------------------------------------------------
out=$(O poll --once --json); rc=$?
is "$rc" 0 "poll --once exits 0"
is "$(jq_py '[x["olt"] for x in d if x["ok"]]' <<<"$out")" "['hw-1', 'zte-1']" "both OLTs swept"
is "$(jq_py '[x["onts"] for x in d]' <<<"$out")" "[32, 32]" "every ONT read (2 ports x 16)"
want_online=$(sim_ctl s dump hw-1 | jq_py 'sum(1 for o in d["olts"][0]["pons"] for x in o["onts"] if x["state"]=="online")' 2>/dev/null)
is "$(jq_py 'd[0]["online"]' <<<"$out")" "$want_online" "online count matches the simulator"
req=$(jq_py 'd[0]["requests"]' <<<"$out")
if [ "$req" -le 20 ]; then ok "a 32-ONT sweep takes at most 20 requests ($req)"; else not_ok "sweep requests: $req"; fi
text=$(O poll --once --olt hw-1)
like "$text" "^hw-1 +32 ONTs" "text output names the OLT and its ONT count"
check_fails "an unknown --olt is a usage error" 2 O poll --once --olt nope
check_fails "poll without --once/--daemon is a usage error" 2 O poll

# --- PON outage --------------------------------------------------------------
sim_ctl s cut hw-1 0/1/0 >/dev/null
O poll --once --olt hw-1 >/dev/null
n=$(O alarms --json | jq_py 'sum(1 for a in d if a["kind"]=="pon_outage")')
is "$n" 0 "one sweep after the cut: no outage yet (debounce)"
O poll --once --olt hw-1 >/dev/null
al=$(O alarms --json)
is "$(jq_py 'sum(1 for a in d if a["kind"]=="pon_outage")' <<<"$al")" 1 "second sweep: one PON outage alarm"
is "$(jq_py '[a["port"] for a in d if a["kind"]=="pon_outage"][0]' <<<"$al")" "0/1/0" "the outage names port 0/1/0"
is "$(jq_py 'sum(1 for a in d if a["kind"]=="los" and a["port"]=="0/1/0")' <<<"$al")" 0 "no flood of per-ONT LOS alarms on that port"
like "$(O alarms)" "PON 0/1/0 down: [0-9]+ of 16 ONTs in LOS" "text alarms say what is down"
sim_ctl s restore hw-1 0/1/0 >/dev/null
O poll --once --olt hw-1 >/dev/null
is "$(O alarms --json | jq_py 'sum(1 for a in d if a["kind"]=="pon_outage")')" 0 "restore: the outage clears"
like "$(O alarms --all --json | jq_py '[a["cleared_at"] for a in d if a["kind"]=="pon_outage"][0]')" "^20[0-9]{2}-" "alarms --all keeps the cleared outage with its time"

# --- one ONT's Rx goes critical ---------------------------------------------
SN=$(sim_ctl s dump hw-1 | jq_py '[x["sn"] for p in d["olts"][0]["pons"] for x in p["onts"] if x["state"]=="online" and p["fsp"]=="0/1/1"][0]')
ID=$(sim_ctl s dump hw-1 | jq_py "[x['id'] for p in d['olts'][0]['pons'] for x in p['onts'] if x['sn']=='$SN'][0]")
sim_ctl s set-levels hw-1 0/1/1 "$ID" rx=-29.5 >/dev/null
O poll --once --olt hw-1 >/dev/null
is "$(O alarms --json | jq_py "sum(1 for a in d if a['sn']=='$SN' and a['kind']=='rx_critical')")" 0 "first low reading: not critical yet"
O poll --once --olt hw-1 >/dev/null
al=$(O alarms --json)
is "$(jq_py "[a['severity'] for a in d if a['sn']=='$SN' and a['kind']=='rx_critical'][0]" <<<"$al")" "critical" "second low reading: critical"
sleep 1.1	# samples are per second: keep the low one apart
sim_ctl s set-levels hw-1 0/1/1 "$ID" rx=-18 >/dev/null
O poll --once --olt hw-1 >/dev/null
is "$(O alarms --json | jq_py "sum(1 for a in d if a['sn']=='$SN')")" 0 "back to -18 dBm: cleared"

# --- per-OLT thresholds ----------------------------------------------------
like "$(O thresholds hw-1)" "ONU Rx warning -25.0 critical -28.0 overload -8.0" "config defaults"
check "a C+ OLT gets its own critical level" O thresholds hw-1 rx_critical=-30.5
is "$(O thresholds hw-1 --json | jq_py 'd["rx_critical"]')" "-30.5" "the override is stored"
is "$(O thresholds zte-1 --json | jq_py 'd["rx_critical"]')" "-28" "other OLTs keep the default"
check_fails "an unknown threshold is a usage error" 2 O thresholds hw-1 rx_bogus=-3
check_fails "a non-number is a usage error" 2 O thresholds hw-1 rx_warning=low
check "default removes the override" O thresholds hw-1 rx_critical=default
is "$(O thresholds hw-1 --json | jq_py 'd["rx_critical"]')" "-28" "back to the default"

# --- the alarm kinds and the OLT state in docs/polling.md are the tables' ----
doc() { awk "/<!-- $1:begin -->/{f=1;next} /<!-- $1:end -->/{f=0} f" "$OLTUI_TOP/docs/polling.md"; }
is "$(doc alarm-kinds)" "$(O alarms --kinds-markdown)" "docs/polling.md lists exactly the alarm kinds (alarms --kinds-markdown)"
is "$(doc olt-state)" "$(O health --state-markdown)" "docs/polling.md lists exactly the OLT state fields (health --state-markdown)"

# --- signal history ---------------------------------------------------------
sig=$(O signal "$SN" --json)
n=$(jq_py 'len(d["samples"])' <<<"$sig")
if [ "$n" -ge 1 ]; then ok "signal has samples ($n)"; else not_ok "signal has samples"; fi
is "$(jq_py 'd["summary"]["rx_min"]' <<<"$sig")" "-29.5" "signal summary keeps the low point"
like "$(O signal "$SN" --since 1h)" "ONU Rx  min -29.50" "text signal summary"
live=$(O signal "$SN" --live --interval 1 --count 2)
is "$(grep -c 'ONU Rx' <<<"$live")" 2 "signal --live prints one line per reading"
like "$live" "online +ONU Rx +-18.00 dBm" "a live reading shows the current level"
sim_ctl s set-levels hw-1 0/1/1 "$ID" rx=-21.25 >/dev/null
like "$(O signal "$SN" --live --count 1)" "ONU Rx +-21.25 dBm" "a level change shows at the next live reading"
check_fails "signal of an unknown serial is a usage error" 2 O signal HWTC00000000
check_fails "signal with a bad --since is a usage error" 2 O signal "$SN" --since 3x

# --- health and metrics -----------------------------------------------------
h=$(O health --refresh --json)
like "$(jq_py 'd[0]["descr"]' <<<"$h")" "Huawei Integrated Access Software" "health reads sysDescr"
is "$(jq_py 'len(d[0]["boards"]) > 0' <<<"$h")" "True" "health reads board CPU/temperature"
is "$(jq_py '[(x["olt"], all(b["name"] != "" and b["temp_c"] is not None and b["cpu_pct"] is not None for b in x["boards"])) for x in d]' <<<"$h")" \
	"[('hw-1', True), ('zte-1', True)]" "every board of both vendors has a name, a CPU and a temperature"
is "$(jq_py '[b["name"] for x in d if x["olt"] == "zte-1" for b in x["boards"]]' <<<"$h")" \
	"$(sim_ctl s dump zte-1 | jq_py '[b["name"] if b.get("real", "") == "" else b["real"] for b in d["olts"][0]["boards"]]')" \
	"ZTE card names are what the OLT holds (show card RealType)"
O poll --once --textfile "$TMPD/oltui.prom" >/dev/null
like "$(cat "$TMPD/oltui.prom")" 'oltui_onu_rx_dbm\{olt="hw-1",port="0/1/[01]"' "textfile has ONU Rx per ONT"
like "$(cat "$TMPD/oltui.prom")" 'oltui_sweep_duration_seconds\{olt="zte-1"\}' "textfile has sweep durations"

# --- SNMP stops answering ---------------------------------------------------
sim_ctl s snmp-timeout zte-1 on >/dev/null
out=$(O poll --once --olt zte-1 2>&1); rc=$?
is "$rc" 3 "an OLT that does not answer: exit 3"
like "$out" "UNREACHABLE: sweep of zte-1 failed: no answer from 127.0.0.1" "the message names the OLT and the reason"
O poll --once --olt zte-1 >/dev/null 2>&1
is "$(O alarms --json | jq_py "sum(1 for a in d if a['kind']=='olt_unreachable' and a['olt']=='zte-1')")" 1 "two failed sweeps: olt_unreachable"
sim_ctl s snmp-timeout zte-1 off >/dev/null
O poll --once --olt zte-1 >/dev/null
is "$(O alarms --json | jq_py "sum(1 for a in d if a['kind']=='olt_unreachable')")" 0 "answering again clears it"

# --- the request budget runs out (issue 11: was UNREACHABLE) ---------------
# 10 requests of 2 rows per column: port 0/1/0 (16 ONTs) is read whole, 0/1/1 not.
mkdir -p "$XDG_CONFIG_HOME/oltui"
printf '[poll]\nsnmp_budget_per_sweep = 10\nsnmp_max_repetitions = 2\n' >"$XDG_CONFIG_HOME/oltui/config.ini"
before=$(O ont list --json | jq_py 'sorted((o["sn"], o["read_at"]) for o in d if o["olt"] == "hw-1" and o["port"] == "0/1/1")')
sleep 1.1	# read_at is in seconds: a re-read of 0/1/1 would show
out=$(O poll --once --olt hw-1 --json); rc=$?
is "$rc" 1 "a partial sweep exits 1, not 3"
is "$(jq_py '[(x["outcome"], x["unreachable"], x["ok"], x["onts"], x["requests"]) for x in d]' <<<"$out")" \
	"[('partial', False, False, 16, 10)]" "poll --json: outcome partial, not unreachable, the 16 ONTs of the port read whole"
like "$(jq_py 'd[0]["error"]' <<<"$out")" "poll\.snmp_budget_per_sweep = 10" "the reason names the key to raise"
is "$(O ont list --json | jq_py 'sorted((o["sn"], o["read_at"]) for o in d if o["olt"] == "hw-1" and o["port"] == "0/1/1")')" \
	"$before" "the port read in part keeps its last reading"
text=$(O poll --once --olt hw-1 2>&1)
like "$text" "^hw-1 +PARTIAL +16 ONTs" "text output says PARTIAL"
is "$(O alarms --json | jq_py "sum(1 for a in d if a['kind']=='olt_unreachable')")" 0 "two partial sweeps: no olt_unreachable alarm"
st=$(O health hw-1 --json)
is "$(jq_py '[d[0]["state"][k] for k in ("sweep_ok", "sweep_partial", "failures", "sweep_onts")]' <<<"$st")" \
	"[True, True, 0, 16]" "health --json: the state row says partial, no failure counted"
like "$(O health hw-1)" "last sweep [0-9]+ s ago PARTIAL" "health text shows the partial sweep"
rm -f "$XDG_CONFIG_HOME/oltui/config.ini"
out=$(O poll --once --olt hw-1 --json); rc=$?
is "$rc $(jq_py '[d[0]["outcome"], d[0]["onts"]]' <<<"$out")" "0 ['ok', 32]" "the default budget sweeps every ONT again"
is "$(O health hw-1 --json | jq_py 'd[0]["state"]["sweep_partial"]')" "False" "and the partial flag clears"

# --- daemon -----------------------------------------------------------------
"$OLTUI" --key-file "$KEY" poll --daemon --interval 10 --log "$TMPD/poll.log" --textfile "$TMPD/d.prom" 2>"$TMPD/d.err" &
DPID=$!
track $DPID
if wait_for 30 grep -q "swept zte-1: 32 ONTs" "$TMPD/poll.log"; then ok "the daemon sweeps on its own"; else not_ok "the daemon sweeps"; cat "$TMPD/poll.log" "$TMPD/d.err"; fi
wait_for 10 test -s "$TMPD/d.prom"; check "the daemon writes the textfile" test -s "$TMPD/d.prom"
kill -TERM $DPID; wait $DPID; rc=$?
is "$rc" 0 "SIGTERM stops the daemon with status 0"
like "$(tail -1 "$TMPD/poll.log")" "poll daemon stopped" "the log says it stopped"
done_testing
