#!/bin/bash
# `make check`: the sanitizer and valgrind passes.  Any report fails the run.
#   1. the unit suites built under ASan+UBSan (build-asan), and the threaded
#      ones under TSan (build-tsan);
#   2. every shell suite (lab, integration, console) run by runtests.sh
#      against the ASan+UBSan oltui, oltsim and oltui-acme of build-asan:
#      the sanitizers write each report to a file of their own (log_path),
#      and a suite during which any process wrote one fails;
#   3. the unit suites of the normal build under valgrind (runvalgrind.sh),
#      unless CHECK_VALGRIND=0.
# Ends with `N passed, N failed`.
set -u
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1
export CMOCKA_MESSAGE_OUTPUT=TAP
export OLTUI_TOP=$PWD
pass=0 fail=0

# add_total LOG: adds the `N passed, N failed` line at the end of LOG.
add_total() {
	local line p f
	line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$1" | tail -1)
	if [ -z "$line" ]; then fail=$((fail + 1)); return; fi
	p=${line%% passed*}; f=${line#*passed, }; f=${f%% failed*}
	pass=$((pass + p)) fail=$((fail + f))
}

echo "== unit suites under ASan+UBSan and TSan"
for tree in build-asan build-tsan; do
	mkdir -p "$tree/test-logs"
	for b in "$tree"/tests/test_*; do
		[ -x "$b" ] && [ -f "$b" ] || continue
		case "$(basename "$b")" in *"${ONLY:-}"*) ;; *) continue ;; esac
		name=$(basename "$b")
		log=$tree/test-logs/$name.log
		export OLTUI_BUILD=$PWD/$tree
		timeout -k 10 900 "$b" </dev/null >"$log" 2>&1
		rc=$?
		# A test that skips itself (the allocator seam under a
		# sanitizer) is neither passed nor failed.
		p=$(grep -E '^ok [0-9]+' "$log" | grep -cv '# SKIP')
		f=$(grep -E '^not ok [0-9]+' "$log" | grep -cv '# SKIP')
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

echo "== shell suites against the ASan+UBSan oltui and oltsim (build-asan)"
sanlogs=$PWD/build-asan/sanitizer-logs
(
	export OLTUI_BINDIR=$PWD/build-asan SUITES=shell SANITIZER_LOGS=$sanlogs
	# ASan and LSan reports go to files (one per process): a suite cannot
	# swallow them by capturing stderr.  Leaks are checked at every exit.
	# UBSan (gcc 12, combined with ASan) ignores log_path and writes to
	# stderr: its reports abort the process (status 134, which no suite
	# expects) and runtests.sh also fails a suite whose log shows one.
	# The suppressions each say why (tests/sanitizers/).
	export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:log_path=$sanlogs/asan
	export LSAN_OPTIONS=suppressions=$PWD/tests/sanitizers/lsan.supp:print_suppressions=0
	export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1:abort_on_error=1
	scripts/runtests.sh build-asan
) | tee build-asan/test-logs/shell-suites.txt
add_total build-asan/test-logs/shell-suites.txt

if [ "${CHECK_VALGRIND:-1}" != 0 ]; then
	echo "== unit suites under valgrind (build)"
	scripts/runvalgrind.sh build | tee build/test-logs/valgrind.txt
	add_total build/test-logs/valgrind.txt
fi
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
