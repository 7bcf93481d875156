#!/bin/bash
# `make bench`: run every benchmark (build/bench/bench_* and
# tests/bench/bench_*.sh).  Each prints its own figures and ratios.
set -u
BUILD=${1:-build}
export OLTUI_TOP=$PWD OLTUI_BUILD=$PWD/$BUILD
n=0
for b in "$BUILD"/bench/bench_* tests/bench/bench_*.sh; do
	[ -f "$b" ] || continue
	n=$((n + 1))
	echo "== $(basename "$b")"
	if [[ $b == *.sh ]]; then bash "$b"; else "$b"; fi || echo "bench $(basename "$b") failed (status $?)"
done
[ "$n" -gt 0 ] || echo "bench: no benchmarks yet"
