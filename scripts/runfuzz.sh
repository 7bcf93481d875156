#!/bin/bash
# `make fuzz`: every libFuzzer target built in TREE (build-fuzz), one at a
# time.  For each target: replay its regression inputs
# (tests/fuzz/regress/TARGET/: every crash ever found, minimized), then fuzz
# for FUZZ_SECONDS (default 60) from its corpus build/fuzz-corpus/TARGET
# (made by scripts/fuzz-corpus.py when missing; libFuzzer adds what it
# finds there, so the corpus grows run after run).  Prints per target the
# runs, execs/s, coverage and crashes, appends them to TREE/fuzz-runs.tsv,
# and exits non-zero when any input crashed or broke an invariant (its
# reproducer is in TREE/crashes/TARGET/).
#
#   FUZZ_SECONDS=600 scripts/runfuzz.sh build-fuzz [TARGET...]
#   FUZZ_ONLY=cli scripts/runfuzz.sh build-fuzz    targets whose name matches
set -u
tree=${1:-build-fuzz}
shift || true
secs=${FUZZ_SECONDS:-60}
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 1
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:symbolize=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export OLTUI_TOP=$top
# Templates, the config and every file a target writes stay in a private
# directory: the user's own files are never touched.
work=$(mktemp -d /tmp/oltui-fuzz.XXXXXX)
trap 'rm -rf "$work"' EXIT
export HOME=$work XDG_CONFIG_HOME=$work/config XDG_DATA_HOME=$work/data
export XDG_STATE_HOME=$work/state XDG_CACHE_HOME=$work/cache
export OLTUI_TEMPLATE_DIR=$top/drivers/templates

if [ $# -gt 0 ]; then
	targets=("$@")
else
	targets=()
	for b in "$tree"/fuzz/fuzz_*; do
		[ -x "$b" ] || continue
		t=$(basename "$b")
		case "$t" in *"${FUZZ_ONLY:-}"*) targets+=("$t") ;; esac
	done
fi
if [ ${#targets[@]} -eq 0 ]; then
	if [ -n "${FUZZ_ONLY:-}" ]; then
		echo "runfuzz: no fuzz target in $tree/fuzz has \"$FUZZ_ONLY\" in its name (FUZZ_ONLY)" >&2
	else
		echo "runfuzz: no fuzz targets in $tree/fuzz (make fuzz builds them)" >&2
	fi
	exit 1
fi

crashed=0
mkdir -p "$tree/fuzz-logs"
[ -f "$tree/fuzz-runs.tsv" ] || printf 'date\ttarget\tseconds\truns\texecs_per_s\tcov\tft\tcorpus\tcrashes\n' >"$tree/fuzz-runs.tsv"
for t in "${targets[@]}"; do
	bin=$tree/fuzz/$t
	name=${t#fuzz_}
	corpus=build/fuzz-corpus/$name
	arts=$tree/crashes/$name
	log=$tree/fuzz-logs/$name.log
	mkdir -p "$arts"
	# 1. Every crash found so far must stay fixed.
	regress=()
	if [ -d "tests/fuzz/regress/$name" ]; then
		for f in tests/fuzz/regress/"$name"/*; do
			[ -f "$f" ] && regress+=("$f")
		done
	fi
	if [ ${#regress[@]} -gt 0 ]; then
		if ! "$bin" -timeout=20 "${regress[@]}" >"$log.regress" 2>&1; then
			printf 'FAIL %-16s a regression input crashes again (log: %s)\n' "$t" "$log.regress"
			grep -E 'Running:|invariant broken|ERROR:|runtime error' "$log.regress" | tail -5 | sed 's/^/       /'
			crashed=$((crashed + 1))
			continue
		fi
	fi
	# 2. Fuzz from the corpus.
	[ -d "$corpus" ] && [ -n "$(ls -A "$corpus" 2>/dev/null)" ] || scripts/fuzz-corpus.py "$name" >/dev/null
	# A target's own libFuzzer flags (tests/fuzz/fuzz_NAME.options, one
	# a line: -max_len=65536 for the diff, whose inputs are backups).
	opts=()
	if [ -f "tests/fuzz/$t.options" ]; then
		while read -r o; do [ -n "$o" ] && opts+=("$o"); done <"tests/fuzz/$t.options"
	fi
	start=$(date +%s)
	"$bin" -max_total_time="$secs" -timeout=20 -rss_limit_mb=2048 \
	    -print_final_stats=1 -artifact_prefix="$arts/" "${opts[@]}" "$corpus" >"$log" 2>&1
	rc=$?
	took=$(( $(date +%s) - start ))
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
	eps=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
	last=$(grep -E '^#[0-9]+.*cov: ' "$log" | tail -1)
	cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$last")
	ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$last")
	corp=$(sed -n 's/.* corp: \([0-9]*\).*/\1/p' <<<"$last")
	crashes=0
	if [ "$rc" -ne 0 ]; then
		crashes=1
		crashed=$((crashed + 1))
	fi
	printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$(date -u +%FT%TZ)" "$name" "$took" \
	    "${runs:-0}" "${eps:-0}" "${cov:-0}" "${ft:-0}" "${corp:-0}" "$crashes" >>"$tree/fuzz-runs.tsv"
	if [ "$crashes" -eq 0 ]; then
		printf 'PASS %-16s %4d s %10s runs %7s/s  cov %5s  ft %6s  corpus %5s  0 crashes\n' \
		    "$t" "$took" "${runs:-0}" "${eps:-0}" "${cov:-?}" "${ft:-?}" "${corp:-?}"
	else
		printf 'FAIL %-16s %4d s %10s runs %7s/s  cov %5s  ft %6s  1 crash (log: %s)\n' \
		    "$t" "$took" "${runs:-0}" "${eps:-0}" "${cov:-?}" "${ft:-?}" "$log"
		grep -E 'invariant broken|ERROR: |runtime error|Test unit written|deadly signal|timeout' "$log" | head -6 | sed 's/^/       /'
	fi
done
echo "${#targets[@]} fuzz targets, $crashed crashed"
[ "$crashed" -eq 0 ]
