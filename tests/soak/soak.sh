#!/bin/bash
# soak.sh — `oltui poll --daemon` against a 50-OLT oltsim fleet for a
# compressed day, with faults every few minutes, and what it shows:
#
#   * memory (VmRSS) and open descriptors (/proc/PID/fd) of the daemon,
#     sampled every SOAK_SAMPLE_S seconds: start (after the warm-up), end,
#     max; flat means the end is within 10% + 4 MB of the start and the
#     descriptors are back where they started;
#   * no job lost: every OLT is swept (or its sweep fails, and says so) at
#     least once per 1.5 intervals + 5 s, from the warm-up to the end;
#   * every alarm raised after the warm-up has a cause among the faults
#     (same OLT, a kind that fault raises, while it lasted), every fault
#     that should raise one did, and every such alarm is cleared after its
#     cause went; the alarms of the fleet's own state (before any fault)
#     neither clear nor repeat.
#
# The faults, two at a time on different OLTs, each held SOAK_HOLD_S
# seconds: a PON's fibre cut (los / pon_outage), SNMP silent
# (olt_unreachable), an ONT's Rx dropped to -29.5 dBm (rx_critical), an ONT
# in dying gasp (dying_gasp), and two that must raise nothing: the OLT's
# CLI slowed to 3 s per command, and its CLI links dropped after 200 bytes
# (the daemon polls over SNMP).  oltsim runs without life (--no-life), so
# nothing changes but the faults.
#
#   SOAK_MINUTES   wall time (default 20; `.ci/run` runs 3)
#   SOAK_INTERVAL  seconds between sweeps of one OLT (default 10: 30x a
#                  300 s day)
#   SOAK_SEED      picks the targets (default 7)
#   SOAK_REPORT    where the report goes (default build/soak-report.txt; the
#                  daemon's log and the samples go next to it)
#
# Exit 0 when every check holds.  Nothing outside its private directory is
# touched; the daemon and oltsim are stopped by PID.
set -u
: "${OLTUI_TOP:=$(cd "$(dirname "$0")/../.." && pwd)}"
export OLTUI_TOP
source "$OLTUI_TOP/tests/lib.sh"
source "$OLTUI_TOP/tests/lab/sim.sh"
cd "$OLTUI_TOP"

MINUTES=${SOAK_MINUTES:-20}
INTERVAL=${SOAK_INTERVAL:-10}
SEED=${SOAK_SEED:-7}
REPORT=${SOAK_REPORT:-$OLTUI_TOP/build/soak-report.txt}
SAMPLE_S=${SOAK_SAMPLE_S:-10}
TOTAL=$(( MINUTES * 60 ))
WARMUP=$(( INTERVAL * 6 ))		# RSS and descriptors settle; the fleet's own alarms are raised
HOLD=${SOAK_HOLD_S:-$(( INTERVAL * 6 ))}	# a fault lasts long enough for two readings and more
SETTLE=$(( INTERVAL * 4 ))		# after the last fault: time for the clears
EVERY=$(( HOLD + INTERVAL * 3 ))	# a fault slot: the hold, then a quiet spell
DB=$TMPD/soak.db
KEY=$TMPD/key
O() { "$OLTUI" --db "$DB" --key-file "$KEY" "$@"; }

mkdir -p "$(dirname "$REPORT")"
echo "soak: ${MINUTES} min, sweep every ${INTERVAL} s, faults every ${EVERY} s held ${HOLD} s, seed $SEED"

# ---- the fleet: 25 Huawei (SSH) + 25 ZTE (Telnet), 16 ONTs each ----
if ! sim_start soak --huawei 25 --zte 25 --pons 2 --onts 8 --seed "$SEED" --no-life; then
	echo "soak: oltsim did not start"; cat "$TMPD/soak.err"; exit 1
fi
mkdir -p "$XDG_CONFIG_HOME/oltui"
# A silent OLT fails its sweep in a second, not four.
printf '[poll]\nsnmp_timeout_ms = 1000\nsnmp_retries = 0\n' >"$XDG_CONFIG_HOME/oltui/config.ini"
while read -r _ name rest; do
	vendor=$(sim_field soak "$name" vendor)
	sim_field soak "$name" password >"$TMPD/$name.pw"
	sim_field soak "$name" community >"$TMPD/$name.c"
	chmod 600 "$TMPD/$name.pw" "$TMPD/$name.c"
	O olt add "$name" --vendor "$vendor" --host 127.0.0.1 \
		--port "$(sim_field soak "$name" cliport)" --user "$(sim_field soak "$name" user)" \
		--password-file "$TMPD/$name.pw" --snmp-community-file "$TMPD/$name.c" \
		--snmp-port "$(sim_field soak "$name" snmpport)" >/dev/null 2>"$TMPD/add.err" ||
		{ echo "soak: olt add $name failed: $(cat "$TMPD/add.err")"; exit 1; }
done < <(grep '^olt ' "$TMPD/soak.out")
echo "soak: $(O olt list --json | json_py 'len(d)' 2>/dev/null || grep -c '^olt ' "$TMPD/soak.out") OLTs added"
sim_ctl soak dump >"$TMPD/fleet.json"

# ---- the daemon ----
"$OLTUI" --db "$DB" --key-file "$KEY" poll --daemon --interval "$INTERVAL" \
	--log "$TMPD/poll.log" 2>"$TMPD/daemon.err" &
DPID=$!
track "$DPID"
wait_for 20 grep -q "poll daemon started" "$TMPD/poll.log" ||
	{ echo "soak: the daemon did not start"; cat "$TMPD/daemon.err"; exit 1; }
start=$(date +%s)

# ---- the faults: a schedule drawn from the seed and the fleet ----
/usr/bin/python3 "$OLTUI_TOP/tests/soak/soak_report.py" plan "$TMPD/fleet.json" "$SEED" \
	"$WARMUP" "$EVERY" "$HOLD" $(( TOTAL - SETTLE )) >"$TMPD/plan.tsv" ||
	{ echo "soak: no fault plan"; exit 1; }
echo "soak: $(grep -c $'\tstart\t' "$TMPD/plan.tsv") faults planned"

# The plan's lines: AT FAULT PHASE KIND OLT VERB ARGS... (tab-separated;
# the control verb with its arguments last, space-separated).
mapfile -t plan <"$TMPD/plan.tsv"
: >"$TMPD/samples.tsv"
: >"$TMPD/applied.tsv"
next=0 next_sample=0
while :; do
	now=$(( $(date +%s) - start ))
	[ "$now" -ge "$TOTAL" ] && break
	kill -0 "$DPID" 2>/dev/null || { echo "soak: the daemon died at $now s"; break; }
	if [ "$now" -ge "$next_sample" ]; then
		rss=$(awk '/^VmRSS:/ { print $2 }' "/proc/$DPID/status")
		fds=$(ls "/proc/$DPID/fd" | wc -l)
		thr=$(awk '/^Threads:/ { print $2 }' "/proc/$DPID/status")
		printf '%s\t%s\t%s\t%s\n' "$now" "$rss" "$fds" "$thr" >>"$TMPD/samples.tsv"
		next_sample=$(( next_sample + SAMPLE_S ))
	fi
	while [ "$next" -lt "${#plan[@]}" ] && [ "${plan[$next]%%$'\t'*}" -le "$now" ]; do
		IFS=$'\t' read -r _ fault phase kind olt cmd <<<"${plan[$next]}"
		# shellcheck disable=SC2086
		if sim_ctl soak $cmd >/dev/null 2>"$TMPD/ctl.err"; then
			printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$(( $(date +%s) - start ))" "$fault" \
				"$phase" "$kind" "$olt" "$cmd" >>"$TMPD/applied.tsv"
		else
			echo "soak: ctl $cmd failed: $(cat "$TMPD/ctl.err")"
		fi
		next=$(( next + 1 ))
	done
	sleep 1
done
rss=$(awk '/^VmRSS:/ { print $2 }' "/proc/$DPID/status" 2>/dev/null)
fds=$(ls "/proc/$DPID/fd" 2>/dev/null | wc -l)
thr=$(awk '/^Threads:/ { print $2 }' "/proc/$DPID/status" 2>/dev/null)
printf '%s\t%s\t%s\t%s\n' "$(( $(date +%s) - start ))" "$rss" "$fds" "$thr" >>"$TMPD/samples.tsv"

kill -TERM "$DPID"
wait "$DPID"; drc=$?
sqlite3 -separator $'\t' "$DB" "SELECT o.name, a.sn, a.port, a.kind, a.raised_at - $start, \
	CASE a.cleared_at WHEN 0 THEN -1 ELSE a.cleared_at - $start END \
	FROM alarms a JOIN olts o ON o.id = a.olt_id ORDER BY a.id" >"$TMPD/alarms.tsv"
/usr/bin/python3 "$OLTUI_TOP/tests/soak/soak_report.py" report "$TMPD" "$start" \
	"$INTERVAL" "$WARMUP" "$TOTAL" "$drc" | tee "$REPORT"
rc=${PIPESTATUS[0]}
# The daemon's log and the samples (seconds, RSS kB, descriptors, threads)
# stay next to the report.
cp "$TMPD/poll.log" "$(dirname "$REPORT")/soak-poll.log" 2>/dev/null
cp "$TMPD/samples.tsv" "$(dirname "$REPORT")/soak-samples.tsv" 2>/dev/null
exit "$rc"
