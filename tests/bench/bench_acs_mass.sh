#!/bin/bash
# bench_acs_mass.sh — issue 12: a mass change (a new SSID on every radio)
# over 1,000 routers of the GenieACS stand-in with a cap of 20, and its
# throughput in routers/s beside two anchors measured in the same run on
# the same stand-in:
#   - the floor of the stand-in itself: the same 1,000 setParameterValues
#     tasks (with connection_request) posted by curl, one at a time, and
#     20 at a time (xargs -P 20), with nothing else: no lookup, no read
#     before, no verification, no audit;
#   - the requests oltui made per router (find, the task, the read-back),
#     from the stand-in's own count, and the stand-in's floor for that
#     many requests at the cap (the 20-at-once rate times requests/router):
#     a single-process Python server is what limits a run here, not oltui.
# All on 127.0.0.1; the stand-in is started and stopped by PID.
set -u
source "$OLTUI_TOP/tests/lib.sh"
source "$OLTUI_TOP/tests/lab/acsim.sh"
ACSIM=$OLTUI_TOP/tests/lab/acsim_jobs.py
CHECK="/usr/bin/python3 $OLTUI_TOP/tests/integration/acs_jobs_check.py"
N=${BENCH_ROUTERS:-1000}
CAP=${BENCH_CAP:-20}
KEY=$TMPD/key
mkdir -p "$TMPD/cfg"
O() { "$OLTUI" --key-file "$KEY" --config-dir "$TMPD/cfg" --db "$TMPD/oltui.db" "$@"; }
jq_py() { /usr/bin/python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }

acsim_start b --devices "$N" --no-defaults --seed 7 || { echo "the stand-in did not start"; cat "$TMPD/b.err"; exit 1; }
URL=$(acsim_url b)
printf '[acs]\nurl = %s\n' "$URL" >"$TMPD/cfg/config.ini"
GEN='{"_tags":"gen"}'

t0=$(date +%s.%N)
O acs mass --query "$GEN" --ssid Bench-1 --cap "$CAP" --yes --json >"$TMPD/run.json" 2>/dev/null
t1=$(date +%s.%N)
ours=$(echo "$t1 - $t0" | bc)
done_n=$(jq_py 'sum(1 for i in d["items"] if i["state"]=="done")' <"$TMPD/run.json")
jobs=$($CHECK jobs "$URL")
reqs=$(jq_py 'd["requests"]' <<<"$jobs")
maxin=$(jq_py 'd["max_inflight"]' <<<"$jobs")

# The anchors: one task per router, nothing else, by one curl process (a
# config of 1,000 requests: keep-alive, no process per request).
curl -s "$URL/devices/?query=$(urlenc "$GEN")&projection=_id" |
	/usr/bin/python3 -c '
import json, sys, urllib.parse
url, value = sys.argv[1], sys.argv[2]
for n, d in enumerate(json.load(sys.stdin)):
    i = d["_id"]
    if n > 0:
        print("next")
    path = ("Device.WiFi.SSID.1.SSID" if "-G%2D240W%2DC-" in i else
            "InternetGatewayDevice.LANDevice.1.WLANConfiguration.1.SSID")
    body = json.dumps({"name": "setParameterValues", "parameterValues": [[path, value, "xsd:string"]]})
    print("url = \"%s/devices/%s/tasks?connection_request&timeout=10000\"" % (url, urllib.parse.quote(i, safe="")))
    print("request = \"POST\"")
    print("data-binary = %s" % json.dumps(body))
    print("output = \"/dev/null\"")
' "$URL" Bench-2 >"$TMPD/curl.cfg"
sed 's/Bench-2/Bench-3/' "$TMPD/curl.cfg" >"$TMPD/curl3.cfg"
sets() { $CHECK jobs "$URL" | jq_py 'sum(v.count("setParameterValues") for v in d["ran"].values())'; }
before=$(sets)
t0=$(date +%s.%N)
curl -s --no-progress-meter -K "$TMPD/curl.cfg"
t1=$(date +%s.%N)
seq_s=$(echo "$t1 - $t0" | bc)
seq_n=$(( $(sets) - before ))
before=$(sets)
t0=$(date +%s.%N)
curl -s --no-progress-meter --parallel --parallel-max "$CAP" -K "$TMPD/curl3.cfg"
t1=$(date +%s.%N)
par_s=$(echo "$t1 - $t0" | bc)
par_n=$(( $(sets) - before ))

rate() { echo "scale=1; $1 / $2" | bc; }
printf 'mass change over %d routers (cap %d), the GenieACS stand-in on 127.0.0.1:\n' "$N" "$CAP"
printf '  oltui acs mass                  %6.2f s  %7s routers/s  (%d done; %.1f requests/router: find, task, read-back; at most %d at once)\n' \
	"$ours" "$(rate "$N" "$ours")" "$done_n" "$(echo "scale=2; $reqs / $N" | bc)" "$maxin"
printf '  curl, 1 POST/router, 1 at once  %6.2f s  %7s routers/s  (%d sets ran; the stand-in'"'"'s floor: the task alone)\n' \
	"$seq_s" "$(rate "$N" "$seq_s")" "$seq_n"
printf '  curl, 1 POST/router, %d at once %6.2f s  %7s routers/s  (%d sets ran)\n' "$CAP" "$par_s" \
	"$(rate "$N" "$par_s")" "$par_n"
floor=$(echo "scale=2; $par_s * $reqs / $N" | bc)
printf '  the stand-in'"'"'s floor for %.1f requests/router, %d at once: %.2f s; oltui takes %.2fx that\n' \
	"$(echo "scale=2; $reqs / $N" | bc)" "$CAP" "$floor" "$(echo "scale=2; $ours / $floor" | bc)"
printf '  ratio oltui / curl x%d (the task alone) %.2fx\n' "$CAP" "$(echo "scale=2; $ours / $par_s" | bc)"
