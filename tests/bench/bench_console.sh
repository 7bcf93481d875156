#!/bin/bash
# bench_console.sh — the console with 200,000 ONTs cached, driven in tmux.
#
# Fills a database (build/bench/bench_console_fill: 100 OLTs x 16 PON ports
# x 125 ONTs, 30 days of history for one ONT), opens the console with
# OLTUI_BENCH=LOG (console_bench.c: curses writes through a counting pipe;
# the log gets the first-frame time, each key's key-to-frame time, the
# bytes sent, the peak RSS) and measures:
#   time to the first frame                       target < 200 ms
#   keypress to finished frame, tree              target < 10 ms (median; p95 printed)
#   keypress to finished frame, signal view       target < 10 ms
#   peak memory                                   target < 100 MB (after a fleet-wide filter)
#   bytes to the terminal per second, live signal target < 2 KB/s
# and prints each with its ratio to the target (< 1.0 is within).
# BENCH_ONTS=N changes the fleet size; BENCH_SIGNAL_S the idle window (20 s).
set -u
: "${OLTUI_TOP:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${OLTUI_BUILD:=$OLTUI_TOP/build}"
FILL=$OLTUI_BUILD/bench/bench_console_fill
OLTUI=$OLTUI_TOP/oltui
ONTS=${BENCH_ONTS:-200000}
IDLE=${BENCH_SIGNAL_S:-20}
command -v tmux >/dev/null || { echo "bench_console: no tmux, skipped"; exit 0; }
[ -x "$FILL" ] || { echo "bench_console: build $FILL first (make bench)"; exit 1; }
TMPD=$(mktemp -d -t oltui-bench.XXXXXX)
T() { tmux -S "$TMPD/tmux.sock" -f /dev/null "$@"; }
trap 'T kill-server 2>/dev/null; rm -rf "$TMPD"' EXIT
LOG=$TMPD/bench.log

screen_has() { T capture-pane -p -t b | grep -qF -- "$1"; }
wait_screen() {
	local deadline=$(( $(date +%s) + ${2:-20} ))
	until screen_has "$1"; do
		[ "$(date +%s)" -ge $deadline ] && { echo "bench_console: timed out waiting for '$1'"; T capture-pane -p -t b; exit 1; }
		sleep 0.02
	done
}
keys_logged() { local n; n=$(grep -c '^key ' "$LOG" 2>/dev/null); echo "${n:-0}"; }
# key K: sends one key and waits until its frame is logged.
key() {
	local before; before=$(keys_logged)
	T send-keys -t b "$1"
	local deadline=$(( $(date +%s) + 10 ))
	while [ "$(keys_logged)" -le "$before" ]; do
		[ "$(date +%s)" -ge $deadline ] && return 1
		sleep 0.005
	done
}

echo "filling $ONTS ONTs..."
t0=$(date +%s.%N)
SN=$("$FILL" "$TMPD/bench.db" "$ONTS") || exit 1
printf 'filled in %.1f s\n' "$(echo "$(date +%s.%N) - $t0" | bc)"

T new-session -d -s b -x 80 -y 24 "env TERM=tmux-256color LANG=C.UTF-8 OLTUI_BENCH=$LOG \
	HOME=$TMPD XDG_CONFIG_HOME=$TMPD/config $OLTUI --db $TMPD/bench.db --key-file $TMPD/key console; sleep 600"
wait_screen "Fleet" 30

# tree: expand an OLT, a board, a port, walk up and down
mark_tree=$(keys_logged)
for k in l j l j l; do key "$k"; done
for i in $(seq 60); do key j; done
for i in $(seq 60); do key k; done
for i in $(seq 10); do key G; key g; done
for i in $(seq 10); do key h; key l; done
# filter as you type over the whole fleet (loads every port's ONTs once)
mark_filter=$(keys_logged)
key /
for k in H W T C 0; do key "$k"; done
key Escape
mark_sig=$(keys_logged)

# signal view: jump to the ONT with history, open it, change periods
T send-keys -t b : "jump $SN" Enter
wait_screen "ONT $SN"
T send-keys -t b F4
wait_screen "Signal $SN"
mark_sig=$(keys_logged)
for i in $(seq 40); do key t; done
mark_end=$(keys_logged)

# idle in the live view: bytes per second
b0=$(grep '^frame' "$LOG" | tail -1 | awk '{print $3}')
s0=$(date +%s.%N)
sleep "$IDLE"
T send-keys -t b q
wait_screen "Fleet"
b1=$(grep '^frame' "$LOG" | tail -1 | awk '{print $3}')
s1=$(date +%s.%N)
T send-keys -t b Q
for _ in $(seq 100); do grep -q '^end' "$LOG" && break; sleep 0.05; done

python3 - "$LOG" "$mark_tree" "$mark_sig" "$mark_end" "$b0" "$b1" "$s0" "$s1" "$ONTS" "$mark_filter" <<'PY'
import sys
mf = int(sys.argv[10])
log, mt, ms, me = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
b0, b1, s0, s1, onts = int(sys.argv[5]), int(sys.argv[6]), float(sys.argv[7]), float(sys.argv[8]), int(sys.argv[9])
keys, start, end, counts = [], None, None, -1
for line in open(log):
    f = line.split()
    if f[0] == "key": keys.append(int(f[1]) / 1000.0)
    elif f[0] == "start": start = int(f[1])
    elif f[0] == "counts": counts = int(f[1])
    elif f[0] == "end": end = (int(f[1]), int(f[2]))
def stats(v):
    v = sorted(v)
    return v[len(v) // 2], v[int(len(v) * 0.95) - 1 if len(v) > 1 else 0], v[-1]
tree, sig, filt = keys[mt:mf], keys[ms:me], keys[mf + 1:ms]
rate = (b1 - b0) / (s1 - s0)
rows = []
def row(name, val, unit, target):
    print(f"  {name:<44} {val:9.2f} {unit:<5} target {target:>7} {unit:<5} ratio {val / target:5.2f}")
print(f"console with {onts} ONTs cached")
row("time to first frame", start, "ms", 200)
row("time to the frame with every OLT's counts", counts, "ms", 200)
tm, tp, tx = stats(tree)
row(f"key to frame, tree (median of {len(tree)}; p95 {tp:.2f})", tm, "ms", 10)
sm, sp, sx = stats(sig)
row(f"key to frame, signal (median of {len(sig)}; p95 {sp:.2f})", sm, "ms", 10)
print(f"  {'filter as you type, per key (first / max)':<44} {filt[0]:9.2f} ms / {max(filt):.2f} ms  (no target; loads every ONT once)")
row("peak memory (VmHWM)", end[1] / 1024.0 if end else -1, "MB", 100)
row(f"bytes/s in the live signal view ({s1 - s0:.0f} s)", rate, "B/s", 2048)
PY
