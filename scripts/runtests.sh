#!/bin/bash
# Run every test suite and end with one line: `N passed, N failed`.
#
# A test marked "# SKIP" counts as skipped, neither passed nor failed.
# A suite is a cmocka binary (build/tests/test_*) or an executable shell
# script (tests/{lab,integration,tui}/test_*.sh).  Every suite speaks TAP on
# stdout ("ok N - name" / "not ok N - name"); cmocka does so through
# CMOCKA_MESSAGE_OUTPUT=TAP.  A suite that exits non-zero without reporting a
# failure (a crash, a timeout) counts as one failed test.  Logs go to
# $BUILD/test-logs/<suite>.log.  Exit status: 0 when nothing failed.
#
# ONLY=pattern runs only the suites whose name contains the pattern.
# SUITES=shell runs only the shell suites (`make check` runs them against
# the ASan build: OLTUI_BINDIR=build-asan).  SANITIZER_LOGS=DIR: the
# sanitizers' log_path directory; a report file written there while a suite
# runs fails that suite, whatever its own tests said.
set -u
BUILD=${1:-build}
LOGS=$BUILD/test-logs
mkdir -p "$LOGS"
export CMOCKA_MESSAGE_OUTPUT=TAP
export OLTUI_TOP=$PWD
export OLTUI_BUILD=$PWD/$BUILD
export OLTUI_BINDIR=${OLTUI_BINDIR:-$PWD}
SUITE_TIMEOUT=${SUITE_TIMEOUT:-900}
SANITIZER_LOGS=${SANITIZER_LOGS:-}

suites=()
if [ "${SUITES:-all}" != shell ]; then
	for b in "$BUILD"/tests/test_*; do [ -x "$b" ] && [ -f "$b" ] && suites+=("$b"); done
fi
for s in tests/lab/test_*.sh tests/integration/test_*.sh tests/tui/test_*.sh; do
	[ -f "$s" ] && suites+=("$s")
done

total_pass=0 total_fail=0 total_skip=0
for s in "${suites[@]}"; do
	name=$(basename "$s"); name=${name%.sh}
	case "$name" in *"${ONLY:-}"*) ;; *) continue ;; esac
	log=$LOGS/$name.log
	start=$(date +%s.%N)
	[ -n "$SANITIZER_LOGS" ] && rm -rf "$SANITIZER_LOGS" && mkdir -p "$SANITIZER_LOGS"
	if [[ $s == *.sh ]]; then
		timeout -k 10 "$SUITE_TIMEOUT" bash "$s" </dev/null >"$log" 2>&1
	else
		timeout -k 10 "$SUITE_TIMEOUT" "$s" </dev/null >"$log" 2>&1
	fi
	rc=$?
	secs=$(echo "$(date +%s.%N) - $start" | bc)
	k=$(grep -cE '^(not )?ok [0-9]+.*# SKIP' "$log")
	p=$(grep -E '^ok [0-9]+' "$log" | grep -cv '# SKIP')
	f=$(grep -E '^not ok [0-9]+' "$log" | grep -cv '# SKIP')
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		f=1
		echo "not ok - $name exited with status $rc" >>"$log"
	fi
	if [ -n "$SANITIZER_LOGS" ] && grep -q 'runtime error:' "$log"; then
		echo "not ok - UBSan report: $(grep -m1 'runtime error:' "$log")" >>"$log"
		f=$((f + 1))
	fi
	if [ -n "$SANITIZER_LOGS" ] && [ -n "$(ls -A "$SANITIZER_LOGS")" ]; then
		# Every report, whichever process wrote it (oltui, oltsim).
		for r in "$SANITIZER_LOGS"/*; do
			echo "not ok - sanitizer report $(basename "$r"): $(grep -m1 -E 'SUMMARY|runtime error' "$r")" >>"$log"
			sed 's/^/# /' "$r" >>"$log"
			f=$((f + 1))
		done
	fi
	total_skip=$((total_skip + k))
	if [ "$p" -eq 0 ] && [ "$f" -eq 0 ]; then
		f=1
		echo "not ok - $name reported no test" >>"$log"
	fi
	total_pass=$((total_pass + p)) total_fail=$((total_fail + f))
	if [ "$f" -eq 0 ]; then
		printf '%-4s %-36s %4d passed            %6.1fs\n' PASS "$name" "$p" "$secs"
	else
		printf '%-4s %-36s %4d passed, %3d failed %6.1fs  (log: %s)\n' FAIL "$name" "$p" "$f" "$secs" "$log"
		grep -E '^not ok' "$log" | head -20 | sed 's/^/       /'
		grep -vE '^(ok|not ok|#|1\.\.)' "$log" | tail -15 | sed 's/^/     | /'
	fi
done
if [ "$total_skip" -gt 0 ]; then
	echo "$total_pass passed, $total_fail failed, $total_skip skipped"
else
	echo "$total_pass passed, $total_fail failed"
fi
[ "$total_fail" -eq 0 ]
