#!/bin/bash
# Crash consistency: `oltui provision --batch` (and `ont delete`) against
# oltsim, SIGKILLed at CRASH_ROUNDS random instants (seeded by CRASH_SEED,
# so a failing round can be replayed), and after every kill the device
# compared with the audit trail: every ONT and service port that appeared
# or went (oltsim `dump`, before and after) must be named by a step of the
# round's audit entries, "sending" or done (crash_account.py).  The
# database passes PRAGMA integrity_check after every kill, every entry of
# a killed process reads "did not finish" or ended, and the next write
# works.  The kill instants are drawn over the window in which the
# calibration run sent its commands.
#
# `make test` runs CRASH_ROUNDS=50 (CRASH_ROUNDS in the environment wins);
# `make crash` runs 200.  The figures are in the last diagnostic line.
source "$OLTUI_TOP/tests/lib.sh"
source "$OLTUI_TOP/tests/lab/sim.sh"
source "$OLTUI_TOP/tests/integration/writes_env.sh"
cd "$OLTUI_TOP"

ROUNDS=${CRASH_ROUNDS:-50}
SEED=${CRASH_SEED:-13}
BATCH=3			# ONTs per batch round
ACCOUNT=$OLTUI_TOP/tests/integration/crash_account.py

# 20 ms per command: the write phase, not the start-up, fills the window.
if writes_env_start --pons 4 --latency 20; then ok "oltsim started, OLTs added"
else not_ok "oltsim started, OLTs added"; done_testing; exit 1; fi
check "first contact: accept the host key" O discover hw-1 --accept-new-host-key

# rand_ms ROUND LO HI: a reproducible instant in [LO, HI] ms for ROUND.
rand_ms() {
	/usr/bin/python3 -c "import random; r = random.Random($SEED * 1000 + $1); print(r.randint($2, $3))"
}
sessions_closed() { [ "$(dump_py hw-1 "d['olts'][0]['sessions']")" = 0 ]; }
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
last_id() { O audit --json | json_py "max([e['id'] for e in d] or [0])"; }
# batch_file ROUND PORT: adds BATCH fresh serials to PORT's autofind and
# writes them to $TMPD/batch.ROUND.
batch_file() {
	local k sn
	: >"$TMPD/batch.$1"
	for k in $(seq 1 $BATCH); do
		sn=$(printf 'HWTC%04X%04X' "$1" "$k")
		sim_ctl w add-autofind hw-1 "$2" "$sn" >/dev/null
		echo "$sn" >>"$TMPD/batch.$1"
	done
}

# ---- calibration: one batch uncut, to learn when commands are sent ----
batch_file 0 0/1/0
t0=$(now_ms)
O provision --olt hw-1 --port 0/1/0 --batch "$TMPD/batch.0" --profile hw100 >"$TMPD/cal.out" 2>&1
rc=$?; t1=$(now_ms)
is "$rc" 0 "the calibration batch provisions its $BATCH ONTs"
first_ms=$(sqlite3 "$DB" "SELECT min(started_ms) FROM audit WHERE action = 'provision'")
lo=$(( first_ms - t0 - 50 )); [ "$lo" -lt 0 ] && lo=0
hi=$(( t1 - t0 ))
diag "a batch of $BATCH takes $hi ms; its first write starts after $(( first_ms - t0 )) ms: kills drawn in [$lo, $hi] ms"

# ---- the rounds ----
unaccounted=0 cut=0 sending=0 changes=0 bad_db=0 in_progress=0 rounds_done=0
sim_ctl w dump hw-1 >"$TMPD/before.json"
for r in $(seq 1 "$ROUNDS"); do
	first=$(( $(last_id) + 1 ))
	port=0/1/$(( r % 4 ))
	if [ $(( r % 5 )) -eq 0 ]; then
		# Every fifth round removes an ONT a batch left whole.
		sn=$(dump_py hw-1 "next((o['sn'] for p in d['olts'][0]['pons'] for o in p['onts'] if o['sn'].startswith('HWTC') and o['sn'][4:8] != '0000' and any(s['fsp'] == p['fsp'] and s['ont'] == o['id'] for s in d['olts'][0]['service_ports'])), '')")
		[ -n "$sn" ] || continue
		"$OLTUI" --db "$DB" --key-file "$KEY" ont delete --sn "$sn" --yes >/dev/null 2>&1 &
	else
		batch_file "$r" "$port"
		"$OLTUI" --db "$DB" --key-file "$KEY" provision --olt hw-1 --port "$port" \
			--batch "$TMPD/batch.$r" --profile hw100 >/dev/null 2>&1 &
	fi
	pid=$!		# oltui itself, not a subshell: the kill must reach it
	delay=$(rand_ms "$r" "$lo" "$hi")
	sleep "$(echo "scale=3; $delay / 1000" | bc)"
	kill -KILL "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	rounds_done=$((rounds_done + 1))
	# A command already on the wire still runs on the device after the
	# kill: wait until oltsim has closed the dead session.
	wait_for 10 sessions_closed || diag "round $r: oltsim kept a session open"
	sim_ctl w dump hw-1 >"$TMPD/after.json"
	O audit --json >"$TMPD/audit.json"
	res=$(/usr/bin/python3 "$ACCOUNT" "$TMPD/before.json" "$TMPD/after.json" "$TMPD/audit.json" "$first")
	n=$(json_py "len(d['unaccounted'])" <<<"$res")
	if [ "$n" -gt 0 ]; then
		unaccounted=$((unaccounted + n))
		diag "round $r (seed $SEED, kill at $delay ms): $(json_py "'; '.join(d['unaccounted'])" <<<"$res")"
	fi
	cut=$(( cut + $(json_py "1 if d['unfinished'] > 0 else 0" <<<"$res") ))
	sending=$(( sending + $(json_py "d['sending']" <<<"$res") ))
	changes=$(( changes + $(json_py "d['changes']" <<<"$res") ))
	in_progress=$(( in_progress + $(json_py "d['in_progress']" <<<"$res") ))
	[ "$(sqlite3 "$DB" 'PRAGMA integrity_check')" = ok ] || bad_db=$((bad_db + 1))
	mv "$TMPD/after.json" "$TMPD/before.json"
done

is "$unaccounted" 0 "every change a killed write made on the device is named by its audit entry ($rounds_done kills)"
is "$bad_db" 0 "the database passes integrity_check after every kill"
is "$in_progress" 0 "no entry of a killed process reads \"in progress\""
if [ "$cut" -gt 0 ]; then ok "kills landed inside writes ($cut of $rounds_done left an entry that did not finish)"
else not_ok "no kill landed inside a write: the window is wrong"; fi
diag "crash: $rounds_done kills (seed $SEED), $cut cut a write, $changes changes on the device, $sending steps left \"sending\", $unaccounted unaccounted"

# ---- after all that, a write works and the trail is readable ----
batch_file 999 0/1/3
sn=$(head -1 "$TMPD/batch.999")
check "a provisioning after the kills works" O provision --olt hw-1 --port 0/1/3 --sn "$sn" --profile hw100
like "$(O audit --ont "$sn" --json | json_py "d[-1]['outcome']")" "^ok$" "and is audited ok"
done_testing
