#!/bin/bash
# test_acs_mass.sh — issue 12's mass changes and firmware schedules against
# the GenieACS stand-in (tests/lab/acsim_jobs.py: acsim.py counting the
# requests it answers at once and logging each device's tasks).  Every
# check reads the stand-in's routers, not oltui's words:
#   - a dry run lists every router with its exact parameters, the password
#     masked, and sends nothing;
#   - 1,000 routers with a cap of 20: the report's "done" routers are
#     exactly those whose SSID changed on the ACS, never more than 20
#     requests at once, offline routers queued (their task kept and run
#     when they come back), faulted ones failed with the fault;
#   - kill -9 half-way, then `acs mass resume`: every router got its change,
#     each exactly one setParameterValues;
#   - cancel while it runs: nothing more is sent, the queued tasks are
#     deleted from the ACS;
#   - oltui's own selection (--olt, --contracts) from the database;
#   - a firmware schedule run by `oltui poll --daemon`: not before its
#     start, nothing started after its end, each router's new version as
#     the ACS reports it.
source "$OLTUI_TOP/tests/lib.sh"
source "$OLTUI_TOP/tests/lab/acsim.sh"
ACSIM=$OLTUI_TOP/tests/lab/acsim_jobs.py
CHECK="/usr/bin/python3 $OLTUI_TOP/tests/integration/acs_jobs_check.py"

KEY=$TMPD/key
mkdir -p "$TMPD/cfg"
OARGS=(--key-file "$KEY" --config-dir "$TMPD/cfg" --db "$TMPD/oltui.db")
O() { "$OLTUI" "${OARGS[@]}" "$@"; }
jq_py() { /usr/bin/python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }
GEN='{"_tags":"gen"}'

if acsim_start a --devices 1000 --seed 12; then
	ok "the stand-in is up with 1,000 generated routers"
else
	not_ok "the stand-in is up"; cat "$TMPD/a.err"; done_testing; exit 1
fi
URL=$(acsim_url a)
printf '[acs]\nurl = %s\nmax_concurrent = 20\n' "$URL" >"$TMPD/cfg/config.ini"
printf 'Wifi-Secret-77\n' >"$TMPD/wifi.pw"
ctl() { acsim_ctl a POST "$@" >/dev/null; }

# --- dry run ----------------------------------------------------------------
out=$(O acs mass --query "$GEN" --ssid Casa-1000 --password-file "$TMPD/wifi.pw" --dry-run --json)
is "$?" 0 "a dry run exits 0"
is "$(jq_py 'len(d["items"])' <<<"$out")" 1000 "the dry run lists every router"
is "$(jq_py 'sum(1 for i in d["items"] if i["params"] and all(p[1] in ("Casa-1000", "********") for p in i["params"]))' <<<"$out")" 1000 \
	"each with the SSID and the masked passphrase of its radios"
like "$(jq_py '[p[0] for i in d["items"] for p in i["params"] if "CC7B35-F660" in i["device"]][:4]' <<<"$out")" \
	"WLANConfiguration.1.SSID.*WLANConfiguration.1.KeyPassphrase.*WLANConfiguration.5.SSID" \
	"the paths are the router's own (ZTE: radios 1 and 5, the passphrase at KeyPassphrase)"
unlike "$out" "Wifi-Secret-77" "the dry run never prints the password"
is "$($CHECK jobs "$URL" | jq_py 'd["posted"]')" "{}" "the dry run sent nothing"
is "$(O acs mass list --json | jq_py 'len(d)')" 0 "and stored no job"

# --- 1,000 routers, cap 20 --------------------------------------------------
ids=$(curl -s "$URL/devices/?query=$(urlenc "$GEN")&projection=_id" | jq_py '" ".join(x["_id"] for x in d)')
read -r -a IDS <<<"$ids"
for i in 0 1 2 3 4; do ctl "offline/$(urlenc "${IDS[$i]}")"; done
for i in 5 6 7; do ctl "fault/$(urlenc "${IDS[$i]}")?code=9007&message=Invalid%20parameter%20value"; done
ctl "delay?ms=5"
O acs mass --query "$GEN" --ssid Casa-1000 --cap 20 --yes --json >"$TMPD/run1.json" 2>"$TMPD/run1.err"
rc=$?
is "$rc" 1 "exit 1: some routers failed"
rep=$($CHECK report "$TMPD/run1.json")
is "$(jq_py 'len(d.get("done", []))' <<<"$rep")" 992 "992 done"
is "$(jq_py 'sorted(d.get("queued", []))' <<<"$rep")" "$(/usr/bin/python3 -c "import sys; print(sorted(sys.argv[1:6]))" "${IDS[@]:0:5}")" \
	"the 5 offline routers are queued"
is "$(jq_py 'sorted(d.get("failed", []))' <<<"$rep")" "$(/usr/bin/python3 -c "import sys; print(sorted(sys.argv[1:4]))" "${IDS[@]:5:3}")" \
	"the 3 faulted routers failed"
like "$(jq_py '[i["reason"] for i in d["items"] if i["state"]=="failed"][0]' <"$TMPD/run1.json")" "9007" \
	"a failed router's reason carries the router's fault"
like "$(jq_py '[i["task"] for i in d["items"] if i["state"]=="queued"][0]' <"$TMPD/run1.json")" "^[0-9a-f]{24}$" \
	"a queued router has its task id"
is "$($CHECK compare "$URL" "$TMPD/run1.json" "$GEN" Casa-1000)" ok \
	"the routers reported done are exactly those whose SSID changed on the ACS"
jobs=$($CHECK jobs "$URL")
max=$(jq_py 'd["max_inflight"]' <<<"$jobs")
if [ "$max" -le 20 ] && [ "$max" -ge 10 ]; then ok "at most 20 requests at once ($max)"; else not_ok "requests at once: $max (cap 20)"; fi
is "$(/usr/bin/python3 -c "import json,sys; r=json.load(sys.stdin)['ran']; print(sorted(i for i in sys.argv[1:] if r.get(i, []).count('setParameterValues') != 1) == sorted(sys.argv[1:9]))" "${IDS[@]}" <<<"$jobs")" True \
	"every router ran one set, but for the 5 offline and the 3 faulted ones"
like "$(cat "$TMPD/run1.err")" "oltui acs mass 1: at most 20 at once" "the job is named on stderr"
JOB1=$(jq_py 'd["job"]["id"]' <"$TMPD/run1.json")
for i in 0 1 2 3 4; do ctl "online/$(urlenc "${IDS[$i]}")"; done
is "$($CHECK ssid "$URL" "{\"_id\":\"${IDS[0]}\"}" | jq_py 'list(d.values())[0][0]')" Casa-1000 \
	"a queued change runs when its router comes back"
is "$(O acs mass show "$JOB1" --json | jq_py 'd["job"]["counts"]["queued"]')" 5 "show lists the queued routers"
like "$(O acs mass show "$JOB1")" "acs mass $JOB1 done: 992 done, 5 queued, 3 failed of 1000 routers" "show's summary"
like "$(O acs mass list)" "^ID +STATE.*"$'\n'"$JOB1 +done" "list"
sqlite3 "$TMPD/oltui.db" .dump >"$TMPD/dump.sql"
is "$(grep -c Wifi-Secret-77 "$TMPD/dump.sql")" 0 "no password in the database (no password in that job either)"

# --- the same again: already as asked ---------------------------------------
ctl "delay?ms=0"
acsim_ctl a POST jobs-reset >/dev/null
O acs mass --query "$GEN" --ssid Casa-1000 --cap 20 --yes --json >"$TMPD/run2.json" 2>/dev/null
is "$(jq_py 'sum(1 for i in d["items"] if i["reason"].startswith("already as asked"))' <"$TMPD/run2.json")" 997 \
	"run again: every router already as asked"
is "$($CHECK jobs "$URL" | jq_py 'sum(v.count("setParameterValues") for v in d["posted"].values())')" 3 \
	"and only the 3 that failed were sent anything"

# --- kill -9 half-way, then resume ------------------------------------------
acsim_ctl a POST jobs-reset >/dev/null
ctl "delay?ms=15"
"$OLTUI" "${OARGS[@]}" acs mass --query "$GEN" --ssid Casa-kill --password-file "$TMPD/wifi.pw" --cap 20 --yes --json \
	>"$TMPD/run3.json" 2>"$TMPD/run3.err" &
pid=$!
track "$pid"
half() { [ "$($CHECK jobs "$URL" | jq_py 'sum(v.count("setParameterValues") for v in d["ran"].values())')" -ge 400 ]; }
if wait_for 120 half; then ok "half-way (400 routers changed)"; else not_ok "half-way"; fi
kill -9 "$pid"
wait "$pid" 2>/dev/null
JOB3=$(sed -n 's/^oltui acs mass \([0-9]*\): .*/\1/p' "$TMPD/run3.err" | head -1)
st=$(O acs mass show "$JOB3" --json)
is "$(jq_py 'd["job"]["state"]' <<<"$st")" running "killed: the job still says running"
left=$(jq_py 'd["job"]["counts"]["pending"] + d["job"]["counts"]["sending"]' <<<"$st")
if [ "$left" -gt 0 ]; then ok "killed with $left routers not finished"; else not_ok "nothing left after the kill"; fi
is "$(grep -c Wifi-Secret-77 <(sqlite3 "$TMPD/oltui.db" .dump))" 0 "the job's password is kept sealed only"
ctl "delay?ms=0"
O acs mass resume "$JOB3" --json >"$TMPD/run3b.json" 2>/dev/null
is "$?" 0 "resume finishes"
is "$(jq_py 'd["job"]["state"]' <"$TMPD/run3b.json")" done "the job is done"
jobs=$($CHECK jobs "$URL")
is "$(jq_py 'sum(1 for v in d["posted"].values() if v.count("setParameterValues") != 1)' <<<"$jobs")" 0 \
	"every router was sent its change exactly once across the kill"
is "$($CHECK compare "$URL" "$TMPD/run3b.json" "$GEN" Casa-kill)" ok \
	"after the resume, the routers done are exactly those that changed"
is "$(jq_py 'len([i for i in d["items"] if i["state"]=="done"])' <"$TMPD/run3b.json")" 1000 "all 1,000 done"

# --- cancel while it runs ---------------------------------------------------
for i in 10 11 12 13; do ctl "offline/$(urlenc "${IDS[$i]}")"; done
ctl "delay?ms=15"
"$OLTUI" "${OARGS[@]}" acs mass --query "$GEN" --ssid Casa-cancel --cap 10 --yes >/dev/null 2>"$TMPD/run4.err" &
pid=$!
track "$pid"
JOB4=
some() { JOB4=$(sed -n 's/^oltui acs mass \([0-9]*\): .*/\1/p' "$TMPD/run4.err" | head -1)
	[ -n "$JOB4" ] && [ "$(O acs mass show "$JOB4" --json | jq_py 'd["job"]["counts"]["done"]')" -ge 100 ]; }
if wait_for 120 some; then ok "the change is under way"; else not_ok "the change is under way"; fi
O acs mass cancel "$JOB4" --json >"$TMPD/cancel.json" 2>/dev/null
is "$?" 0 "cancel exits 0"
wait "$pid"
is "$?" 1 "the run that was cancelled exits 1"
is "$(jq_py 'd["job"]["state"]' <"$TMPD/cancel.json")" cancelled "the job is cancelled"
is "$(jq_py 'd["job"]["counts"]["pending"] + d["job"]["counts"]["sending"] + d["job"]["counts"]["queued"]' <"$TMPD/cancel.json")" 0 \
	"nothing is left pending or queued"
if [ "$(jq_py 'd["job"]["counts"]["cancelled"]' <"$TMPD/cancel.json")" -gt 100 ]; then
	ok "the routers not reached are cancelled"; else not_ok "cancelled routers"; fi
is "$(curl -s "$URL/tasks/" | jq_py 'sum(1 for t in d if "Casa-cancel" in json.dumps(t))')" 0 \
	"no task of the cancelled job is left on the ACS"
is "$($CHECK compare "$URL" "$TMPD/cancel.json" "$GEN" Casa-cancel)" ok \
	"the routers reported done are exactly those that changed"
sleep 0.5
n=$($CHECK jobs "$URL" | jq_py 'sum(v.count("setParameterValues") for v in d["posted"].values())')
sleep 1
is "$($CHECK jobs "$URL" | jq_py 'sum(v.count("setParameterValues") for v in d["posted"].values())')" "$n" \
	"nothing is sent after the cancel"
check_fails "resume of a cancelled job is refused" 2 O acs mass resume "$JOB4"
for i in 10 11 12 13; do ctl "online/$(urlenc "${IDS[$i]}")"; done
ctl "delay?ms=0"

# --- oltui's own selection ----------------------------------------------------
O olt add pop-a --vendor huawei --host 127.0.0.1 --user u --password-file "$TMPD/wifi.pw" >/dev/null
O contract add C-1 --customer "Ana" >/dev/null
O contract add C-2 --customer "Bea" >/dev/null
# The ONTs a sweep of pop-a would have stored: three named routers' serials
# and one the ACS does not know.
sqlite3 "$TMPD/oltui.db" "INSERT INTO pon_ports (olt_id, port) SELECT id, '0/1/0' FROM olts WHERE name = 'pop-a'"
sqlite3 "$TMPD/oltui.db" "INSERT INTO onts (olt_id, port, ont_id, sn, last_seen) SELECT id, '0/1/0', n, sn, 1 FROM olts, (SELECT 1 AS n, 'HWTC1A2B3C4D' AS sn UNION ALL SELECT 2, 'ZTEGC0FFEE01' UNION ALL SELECT 3, 'ALCLB2C3D4E5' UNION ALL SELECT 4, 'HWTC0BADBEEF') WHERE name = 'pop-a'"
O link HWTC1A2B3C4D C-1 >/dev/null
O link ZTEGC0FFEE01 C-2 >/dev/null
sel=$(O acs mass --olt pop-a --ssid Lab --dry-run --json)
is "$(jq_py 'sorted(i["serial"] for i in d["items"])' <<<"$sel")" \
	"['ALCLB2C3D4E5', 'HWTC0BADBEEF', 'HWTC1A2B3C4D', 'ZTEGC0FFEE01']" "--olt: every ONT of the OLT"
like "$(jq_py '[i["reason"] for i in d["items"] if i["serial"]=="HWTC0BADBEEF"][0]' <<<"$sel")" "no (router|device)" \
	"an ONT the ACS does not know is skipped, saying so"
printf 'C-1\n# a comment\nC-2\n' >"$TMPD/contracts"
O acs mass --olt pop-a --contracts "$TMPD/contracts" --ssid Lab --yes --json >"$TMPD/sel.json" 2>/dev/null
is "$(jq_py 'sorted(i["serial"] for i in d["items"] if i["state"]=="done")' <"$TMPD/sel.json")" \
	"['HWTC1A2B3C4D', 'ZTEGC0FFEE01']" "--olt and --contracts: the ONTs of both"
is "$($CHECK ssid "$URL" '{"_deviceId._SerialNumber":"ZTEGC0FFEE01"}' | jq_py 'sorted(set(list(d.values())[0]))')" \
	"['Lab']" "the selected router changed on the ACS"
printf 'C-1\nNOPE\n' >"$TMPD/bad-contracts"
check_fails "an unknown contract is a usage error" 2 O acs mass --contracts "$TMPD/bad-contracts" --ssid X --yes
check_fails "an unknown OLT is a usage error" 2 O acs mass --olt nope --ssid X --yes
check_fails "a change without a filter is a usage error" 2 O acs mass --ssid X --yes
check_fails "a filter without a change is a usage error" 2 O acs mass --olt pop-a --yes
check_fails "--password is refused (a file only)" 2 O acs mass --olt pop-a --password x --yes
check_fails "a --set path that is not a parameter is refused" 2 O acs mass --olt pop-a --set 'Foo.Bar=1' --yes
check_fails "no --yes without a terminal: nothing is sent" 2 O acs mass --olt pop-a --ssid X

# --- firmware schedules, run by the poll daemon ---------------------------------
F660='{"_deviceId._ProductClass":"F660","_tags":"gen"}'
FILE=$(curl -s "$URL/files/" | jq_py '[f["_id"] for f in d if f["metadata"]["productClass"]=="F660"][0]')
NEWV=$(curl -s "$URL/files/" | jq_py '[f["metadata"]["version"] for f in d if f["metadata"]["productClass"]=="F660"][0]')
check_fails "a file the ACS does not hold is a usage error" 2 O acs firmware schedule --file nosuch.bin --query "$F660" --start now
out=$(O acs firmware schedule --file "$FILE" --query "$F660" --start +4s --cap 4 --json 2>/dev/null)
FW1=$(jq_py 'd["job"]["id"]' <<<"$out")
is "$(jq_py 'd["job"]["state"]' <<<"$out")" planned "scheduled: planned"
acsim_ctl a POST jobs-reset >/dev/null
t_sched=$(date +%s)
"$OLTUI" "${OARGS[@]}" poll --daemon --log "$TMPD/daemon.log" >/dev/null 2>&1 &
dpid=$!
track "$dpid"
fw_done() { [ "$(O acs firmware show "$1" --json | jq_py 'd["job"]["state"]')" = done ]; }
if wait_for 120 fw_done "$FW1"; then ok "the daemon ran the schedule"; else not_ok "the daemon ran the schedule"; cat "$TMPD/daemon.log"; fi
first=$($CHECK jobs "$URL" | jq_py 'min([e[0] for e in d["events"] if e[3]=="download"] or [0])')
if [ "$(echo "$first >= $t_sched + 3" | bc)" = 1 ]; then ok "no download before the window's start"; else not_ok "a download at $first, scheduled at $t_sched + 4"; fi
fw=$(O acs firmware show "$FW1" --json)
want=$($CHECK software "$URL" "$F660")
is "$(jq_py 'sum(1 for i in d["items"] if i["state"]=="done")' <<<"$fw")" "$(jq_py 'len(d)' <<<"$want")" \
	"every F660 router upgraded"
is "$(/usr/bin/python3 -c "import json,sys; f=json.loads(sys.argv[1]); w=json.loads(sys.argv[2]); print(all(w[i['device']]==i['version_after']=='$NEWV' for i in f['items']))" "$fw" "$want")" True \
	"each router's result is the version the ACS now reports ($NEWV)"
jobs=$($CHECK jobs "$URL")
if [ "$(jq_py 'd["max_task_inflight"]' <<<"$jobs")" -le 4 ]; then ok "at most 4 at once"; else not_ok "cap 4 exceeded"; fi
like "$(cat "$TMPD/daemon.log")" "acs firmware $FW1: done: [0-9]+ done" "the daemon logs the end"

# A window too short for all: nothing starts after its end.
ctl "delay?ms=150"
acsim_ctl a POST jobs-reset >/dev/null
HG='{"_deviceId._ProductClass":"HG8245H","_tags":"gen"}'
FILE2=$(curl -s "$URL/files/" | jq_py '[f["_id"] for f in d if f["metadata"]["productClass"]=="HG8245H"][0]')
out=$(O acs firmware schedule --file "$FILE2" --query "$HG" --start now --end +4s --cap 1 --json 2>/dev/null)
FW2=$(jq_py 'd["job"]["id"]' <<<"$out")
END=$(jq_py 'd["job"]["window_end"]' <<<"$out")
if wait_for 120 fw_done "$FW2"; then ok "the short window ends the job"; else not_ok "the short window ends the job"; fi
fw=$(O acs firmware show "$FW2" --json)
like "$(jq_py 'd["job"]["cause"]' <<<"$fw")" "the window closed at .*not attempted" "the job says the window closed"
na=$(jq_py 'd["job"]["counts"]["pending"]' <<<"$fw")
if [ "$na" -gt 0 ]; then ok "$na routers not attempted"; else not_ok "every router attempted in a 4 s window"; fi
endt=$(/usr/bin/python3 -c "import sys,datetime; print(datetime.datetime.strptime(sys.argv[1],'%Y-%m-%dT%H:%M:%SZ').replace(tzinfo=datetime.timezone.utc).timestamp())" "$END")
last=$($CHECK jobs "$URL" | jq_py 'max([e[0] for e in d["events"] if e[1]=="post" and e[3]=="download"] or [0])')
if [ "$(echo "$last < $endt + 1" | bc)" = 1 ]; then ok "no download started after the window's end"; else not_ok "a download at $last, window end $endt"; fi
is "$($CHECK jobs "$URL" | jq_py 'sum(v.count("download") for v in d["posted"].values())')" \
	"$(jq_py 'sum(1 for i in d["items"] if i["state"] != "pending")' <<<"$fw")" \
	"the routers attempted are exactly those sent a download"
ctl "delay?ms=0"

# Cancel a planned schedule: nothing is ever sent.
out=$(O acs firmware schedule --file "$FILE" --query "$F660" --start +1h --json 2>/dev/null)
FW3=$(jq_py 'd["job"]["id"]' <<<"$out")
check "cancel a planned schedule" O acs firmware cancel "$FW3"
is "$(O acs firmware show "$FW3" --json | jq_py 'd["job"]["state"]')" cancelled "it is cancelled"
kill -TERM "$dpid"
wait "$dpid"
is "$?" 0 "the daemon stops cleanly"

done_testing
