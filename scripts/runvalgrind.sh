#!/bin/bash
# `make valgrind` (and the last pass of `make check`): every unit suite of
# BUILD (default build) under valgrind's memcheck.  A suite fails on any
# memcheck error (invalid read or write, use of uninitialised memory, a bad
# free) and on memory definitely lost at exit, as well as on its own tests.
# Suppressions are in tests/sanitizers/valgrind.supp, each with its reason.
# Forked children are checked too.  Ends with `N passed, N failed`.
#
# ONLY=pattern runs only the suites whose name contains the pattern.
set -u
BUILD=${1:-build}
LOGS=$BUILD/test-logs/valgrind
mkdir -p "$LOGS"
export CMOCKA_MESSAGE_OUTPUT=TAP
export OLTUI_TOP=$PWD
export OLTUI_BUILD=$PWD/$BUILD
# The allocator seam (tests/unit/fault_alloc.h) replaces malloc, which
# memcheck does too: that suite skips itself when this is set.
export OLTUI_UNDER_VALGRIND=1
VG=(valgrind --quiet --error-exitcode=99 --leak-check=full
	--show-leak-kinds=definite --errors-for-leak-kinds=definite
	--track-origins=yes --num-callers=30
	--suppressions="$PWD/tests/sanitizers/valgrind.supp")

pass=0 fail=0
for b in "$BUILD"/tests/test_*; do
	[ -x "$b" ] && [ -f "$b" ] || continue
	name=$(basename "$b")
	case "$name" in *"${ONLY:-}"*) ;; *) continue ;; esac
	log=$LOGS/$name.log
	start=$(date +%s)
	timeout -k 10 "${SUITE_TIMEOUT:-1800}" "${VG[@]}" --log-file="$LOGS/$name.vg.%p" \
		"$b" </dev/null >"$log" 2>&1
	rc=$?
	p=$(grep -E '^ok [0-9]+' "$log" | grep -cv '# SKIP')
	f=$(grep -E '^not ok [0-9]+' "$log" | grep -cv '# SKIP')
	# One file per process (forked children too); any text in one is a
	# report, --quiet leaves nothing else.
	for r in "$LOGS/$name.vg".*; do
		[ -s "$r" ] || { rm -f "$r"; continue; }
		echo "not ok - valgrind report $(basename "$r")" >>"$log"
		sed 's/^/# /' "$r" >>"$log"
		f=$((f + 1))
	done
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		f=1; echo "not ok - $name exited with status $rc" >>"$log"
	fi
	pass=$((pass + p)) fail=$((fail + f))
	if [ "$f" -eq 0 ]; then
		printf 'PASS %-10s %-32s %4d passed %6ds\n' valgrind "$name" "$p" $(($(date +%s) - start))
	else
		printf 'FAIL %-10s %-32s %4d passed, %d failed %6ds (log: %s)\n' valgrind "$name" \
			"$p" "$f" $(($(date +%s) - start)) "$log"
		grep -E '^not ok|^# ==[0-9]+== [A-Z]' "$log" | head -12 | sed 's/^/       /'
	fi
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
