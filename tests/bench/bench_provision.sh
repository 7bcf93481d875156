#!/bin/bash
# bench_provision.sh — provisioning N ONTs (default 128) on one PON port of a
# simulated Huawei OLT with L ms of device latency per command (default 50),
# with `oltui provision --batch` (one session, every ONT its own audited,
# verified plan), against the floor (commands x latency) and against netmiko
# (fast_cli) sending the same command list through the same simulator.
#
# The command list per ONT is what oltui sends: the mode changes of the
# engine (interface gpon F/S, quit; config once), the three plan steps of
# the Huawei provision template and the read-back (display ont info, in
# config mode where the last step left the session: no return/config).
# Prints a small report; exits 1 when a run did not provision every ONT.
#
#   BENCH_ONTS=128 BENCH_LATENCY=50 tests/bench/bench_provision.sh
set -u
: "${OLTUI_TOP:=$(cd "$(dirname "$0")/../.." && pwd)}"
export OLTUI_TOP
source "$OLTUI_TOP/tests/lib.sh"
source "$OLTUI_TOP/tests/lab/sim.sh"
N=${BENCH_ONTS:-128}
LAT=${BENCH_LATENCY:-50}
DB=$TMPD/bench.db KEY=$TMPD/key
O() { "$OLTUI" --db "$DB" --key-file "$KEY" "$@"; }
count() {	# count PORT PREFIX: ONTs with serials starting with PREFIX on PORT
	sim_ctl b dump hw-1 | /usr/bin/python3 -c "import json,sys; d=json.load(sys.stdin)
print(sum(1 for p in d['olts'][0]['pons'] for o in p['onts'] if o['sn'].startswith('$2')))"
}

sim_start b --huawei 1 --zte 0 --pons 2 --onts 0 --seed 3 --no-life --latency "$LAT" \
	--base-port "$(free_port)" || { echo "oltsim did not start"; cat "$TMPD/b.err"; exit 1; }
PORT=$(sim_field b hw-1 cliport) USER=$(sim_field b hw-1 user)
sim_field b hw-1 password >"$TMPD/pw"
O olt add hw-1 --vendor huawei --host 127.0.0.1 --port "$PORT" --user "$USER" \
	--password-file "$TMPD/pw" >/dev/null 2>&1 || { echo "olt add failed"; exit 1; }
O profile add p --vlan 100 --down-mbps 100 --up-mbps 100 --line-profile 10 \
	--service-profile 31 >/dev/null 2>&1
# The simulator's host key goes to a known_hosts of the bench's own, named
# to oltui with --known-hosts: never the user's ~/.ssh/known_hosts (tests/lib.sh
# also points HOME at a scratch directory, and checks at exit that the
# user's file gained no loopback key).
KH=$TMPD/known_hosts
ssh-keyscan -p "$PORT" 127.0.0.1 2>/dev/null >"$KH" || true

# ---- oltui: N ONTs on 0/1/0 ----
for i in $(seq 0 $((N - 1))); do printf 'HWTC1000%04X %d\n' "$i" "$i"; done >"$TMPD/batch"
t0=$(date +%s.%N)
O provision --olt hw-1 --port 0/1/0 --profile p --batch "$TMPD/batch" \
	--known-hosts "$KH" --accept-new-host-key >"$TMPD/oltui.out" 2>"$TMPD/oltui.err"
rc=$?
t1=$(date +%s.%N)
oltui_s=$(echo "$t1 - $t0" | bc)
oltui_n=$(count b HWTC1000)

# ---- netmiko: the same command list for N ONTs on 0/1/1 ----
{
	echo "enable"; echo "undo smart"; echo "undo interactive"; echo "scroll 512"
	echo "config"
	for i in $(seq 0 $((N - 1))); do
		sn=$(printf '48575443%08X' $((0x20000000 + i)))
		echo "interface gpon 0/1"
		echo "ont add 1 $i sn-auth \"$sn\" omci ont-lineprofile-id 10 ont-srvprofile-id 31"
		echo "ont port native-vlan 1 $i eth 1 vlan 100 priority 0"
		echo "quit"
		echo "service-port vlan 100 gpon 0/1/1 ont $i gemport 1 multi-service user-vlan 100 tag-transform translate inbound traffic-table index 10 outbound traffic-table index 10"
		echo "display ont info 0 1 1 $i"
	done
} >"$TMPD/cmds"
per_ont=6
sim_ctl b latency hw-1 0 >/dev/null
coproc NM { /usr/bin/python3 "$OLTUI_TOP/tests/bench/netmiko_provision.py" 127.0.0.1 "$PORT" \
	"$USER" "$TMPD/pw" "$TMPD/cmds" 2>"$TMPD/netmiko.err"; }
nm_pid=$NM_PID
read -r -t 60 line <&"${NM[0]}"
sim_ctl b latency hw-1 "$LAT" >/dev/null
echo go >&"${NM[1]}"
read -r -t 3600 nm <&"${NM[0]}"
wait "$nm_pid"
nm_rc=$?
nm_s=$(awk '{print $3}' <<<"$nm")
nm_conn=$(awk '{print $5}' <<<"$nm")
nm_n=$(count b HWTC2000)

cmds=$((N * per_ont))
floor=$(echo "scale=3; $cmds * $LAT / 1000" | bc)
echo "bench_provision: $N ONTs on one port, ${LAT} ms device latency per command"
echo "  commands per ONT: $per_ont (3 plan steps, 2 mode changes, 1 read-back in config mode); floor = $cmds x $LAT ms = ${floor} s"
printf '  oltui   --batch: %7.2f s  (%d/%d provisioned, exit %d)  ratio to floor %.2fx\n' \
	"$oltui_s" "$oltui_n" "$N" "$rc" "$(echo "scale=4; $oltui_s / $floor" | bc)"
if [ -n "$nm_s" ]; then
	printf '  netmiko fast_cli: %6.2f s  (%d/%d provisioned, exit %d)  ratio to floor %.2fx  (+ %.2f s connect, at 0 ms latency, not counted)\n' \
		"$nm_s" "$nm_n" "$N" "$nm_rc" "$(echo "scale=4; $nm_s / $floor" | bc)" "$nm_conn"
	printf '  oltui / netmiko: %.2f\n' "$(echo "scale=4; $oltui_s / $nm_s" | bc)"
else
	echo "  netmiko: did not run: $(head -3 "$TMPD/netmiko.err")"
fi
[ "$oltui_n" -eq "$N" ] && [ "$rc" -eq 0 ] || { echo "oltui run incomplete:"; tail -5 "$TMPD/oltui.err"; exit 1; }
exit 0
