#!/bin/bash
# `make check`: run the unit suites built under ASan+UBSan (build-asan) and
# the threaded ones built under TSan (build-tsan).  Any sanitizer report fails
# the run.  Ends with `N passed, N failed`.
set -u
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1
export CMOCKA_MESSAGE_OUTPUT=TAP
export OLTUI_TOP=$PWD
pass=0 fail=0
for tree in build-asan build-tsan; do
	mkdir -p "$tree/test-logs"
	for b in "$tree"/tests/test_*; do
		[ -x "$b" ] || continue
		name=$(basename "$b")
		log=$tree/test-logs/$name.log
		export OLTUI_BUILD=$PWD/$tree
		timeout -k 10 900 "$b" </dev/null >"$log" 2>&1
		rc=$?
		p=$(grep -cE '^ok [0-9]+' "$log"); f=$(grep -cE '^not ok [0-9]+' "$log")
		if grep -qE 'ERROR: (Address|Leak|Thread|Undefined)Sanitizer|WARNING: ThreadSanitizer|runtime error:' "$log"; then
			f=$((f + 1)); echo "not ok - sanitizer report" >>"$log"
		fi
		if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
		pass=$((pass + p)) fail=$((fail + f))
		if [ "$f" -eq 0 ]; then printf 'PASS %-10s %-32s %4d passed\n' "${tree#build-}" "$name" "$p"
		else printf 'FAIL %-10s %-32s %4d passed, %d failed (log: %s)\n' "${tree#build-}" "$name" "$p" "$f" "$log"
			grep -E 'not ok|Sanitizer|runtime error' "$log" | head -10 | sed 's/^/       /'; fi
	done
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
