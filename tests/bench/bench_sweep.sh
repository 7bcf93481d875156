#!/bin/bash
# bench_sweep.sh — issue 6: a sweep of 20 simulated OLTs x 2,048 ONTs.
# Reports wall time, requests per ONT, and the ratio to snmpbulkwalk
# fetching the same columns from the same agent with the same
# max-repetitions (target: within 1.1x, SQLite writes included), and to
# Python's easysnmp doing the same.  All on 127.0.0.1; oltsim is started and
# stopped by PID.
set -u
source "$OLTUI_TOP/tests/lib.sh"
source "$OLTUI_TOP/tests/lab/sim.sh"
NOLT=${BENCH_OLTS:-20}
H=$((NOLT / 2)); Z=$((NOLT - H))
KEY=$TMPD/key
mkdir -p "$TMPD/cfg"
# Full speed for the comparison: no request spacing, one OLT at a time so
# every client does the same sequential work.
cat >"$TMPD/cfg/config.ini" <<CFG
[poll]
snmp_requests_per_s = 1000
snmp_max_repetitions = 20
[jobs]
workers = 1
CFG
O() { "$OLTUI" --key-file "$KEY" --config-dir "$TMPD/cfg" "$@"; }

echo "starting oltsim: $H Huawei + $Z ZTE OLTs x 2 boards x 16 ports x 64 ONTs"
sim_start b --huawei $H --zte $Z --boards 2 --pons 16 --onts 64 --seed 3 --no-life || {
	echo "oltsim did not start"; cat "$TMPD/b.err"; exit 1; }
names=$(grep '^olt ' "$TMPD/b.out" | cut -d' ' -f2)
for o in $names; do
	sim_field b $o password >"$TMPD/$o.pw"; sim_field b $o community >"$TMPD/$o.comm"
	v=huawei; [[ $o == zte* ]] && v=zte
	O olt add "$o" --vendor $v --host 127.0.0.1 --port "$(sim_field b $o cliport)" \
		--user "$(sim_field b $o user)" --password-file "$TMPD/$o.pw" \
		--snmp-community-file "$TMPD/$o.comm" --snmp-port "$(sim_field b $o snmpport)" >/dev/null
done

t0=$(date +%s.%N)
out=$(O poll --once --json)
t1=$(date +%s.%N)
ours=$(echo "$t1 - $t0" | bc)
read -r onts reqs <<<"$(/usr/bin/python3 -c "import json,sys; d=json.loads(sys.argv[1]); print(sum(x['onts'] for x in d), sum(x['requests'] for x in d))" "$out")"

# The same columns, walked by snmpbulkwalk and easysnmp.
HW=1.3.6.1.4.1.2011.6.128.1.1.2
ZT=1.3.6.1.4.1.3902.1082.500
hwcols="$HW.46.1.15 $HW.51.1.4 $HW.51.1.6 $HW.46.1.20 $HW.46.1.24 $HW.43.1.3 $HW.43.1.9"
ztcols="$ZT.10.2.3.8.1.4 $ZT.20.2.2.2.1.10 $ZT.1.2.4.2.1.2 $ZT.10.2.3.10.1.2 $ZT.10.2.3.8.1.7 $ZT.10.2.3.3.1.18 $ZT.10.2.3.3.1.2"
t0=$(date +%s.%N)
vb=0
for o in $names; do
	cols=$hwcols; [[ $o == zte* ]] && cols=$ztcols
	for c in $cols; do
		n=$(snmpbulkwalk -v2c -c "$(cat "$TMPD/$o.comm")" -On -Cr20 -t 5 \
			"127.0.0.1:$(sim_field b $o snmpport)" "$c" | wc -l)
		vb=$((vb + n))
	done
done
t1=$(date +%s.%N)
bulk=$(echo "$t1 - $t0" | bc)

pyin=""
for o in $names; do
	cols=$hwcols; [[ $o == zte* ]] && cols=$ztcols
	pyin+="$(sim_field b $o snmpport) $(cat "$TMPD/$o.comm") $cols"$'\n'
done
easy=$(/usr/bin/python3 - "$pyin" <<'PY' 2>/dev/null
import sys, time
from easysnmp import Session
t = time.time(); n = 0
for line in sys.argv[1].strip().split("\n"):
    f = line.split()
    s = Session(hostname="127.0.0.1", remote_port=int(f[0]), community=f[1], version=2,
                use_numeric=True, timeout=5, retries=1)
    for col in f[2:]:
        n += len(s.bulkwalk(col, non_repeaters=0, max_repetitions=20))
print("%.3f %d" % (time.time() - t, n))
PY
)
easy_s=${easy%% *}

printf 'sweep of %d OLTs, %d ONTs:\n' "$NOLT" "$onts"
printf '  oltui poll --once          %7.2f s  (%d requests, %.3f requests/ONT, SQLite writes included)\n' "$ours" "$reqs" "$(echo "$reqs / $onts" | bc -l)"
printf '  snmpbulkwalk (same cols)   %7.2f s  (%d varbinds)\n' "$bulk" "$vb"
printf '  ratio oltui / snmpbulkwalk %7.2fx  (target <= 1.1x)\n' "$(echo "$ours / $bulk" | bc -l)"
if [ -n "$easy_s" ]; then
	printf '  easysnmp bulkwalk          %7.2f s  (%s varbinds)\n' "$easy_s" "${easy#* }"
	printf '  ratio oltui / easysnmp     %7.2fx\n' "$(echo "$ours / $easy_s" | bc -l)"
else
	echo "  easysnmp: not available"
fi
