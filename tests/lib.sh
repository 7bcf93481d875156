# tests/lib.sh — helpers for shell test suites (sourced, bash).
#
# Suites print TAP: `ok N - name` / `not ok N - name`.  Servers a suite
# starts are registered with `track PID` and stopped by that PID at exit;
# nothing is ever killed by name.  All traffic stays on 127.0.0.1.
#
#   source "$OLTUI_TOP/tests/lib.sh"
#   check "oltui prints its version" ./oltui --version
#   is "$(./oltui --version)" "oltui 0.1.0" "version text"

: "${OLTUI_TOP:=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
: "${OLTUI_BUILD:=$OLTUI_TOP/build}"
# The binaries under test: the top directory's, or a sanitizer tree's
# (`make check` sets OLTUI_BINDIR=build-asan).
: "${OLTUI_BINDIR:=$OLTUI_TOP}"
OLTUI=$OLTUI_BINDIR/oltui
OLTSIM=$OLTUI_BINDIR/oltsim
_tap_n=0
_tap_fail=0
_pids=()
TMPD=$(mktemp -d -t oltui-test.XXXXXX)
chmod 755 "$TMPD"

# Isolate every suite from the user's own files.  The user's known_hosts
# (by $HOME and by the password database, which libssh-style code may use)
# is only read, at start and at exit: a suite or bench that added a
# loopback key to it fails (every server here is on 127.0.0.1).
_user_kh=()
for _h in "${HOME:-}" "$(getent passwd "$(id -u)" 2>/dev/null | cut -d: -f6)"; do
	[ -n "$_h" ] && [[ " ${_user_kh[*]} " != *" $_h/.ssh/known_hosts "* ]] && _user_kh+=("$_h/.ssh/known_hosts")
done
_loopback_keys() {
	local f n
	for f in "${_user_kh[@]}"; do n=$(grep -c '127\.0\.0\.1' "$f" 2>/dev/null); printf '%s:' "${n:-0}"; done
}
_user_kh_before=$(_loopback_keys)
export XDG_CONFIG_HOME=$TMPD/config XDG_DATA_HOME=$TMPD/data XDG_STATE_HOME=$TMPD/state
export HOME=$TMPD/home
mkdir -p "$HOME"
unset OLTUI_DB OLTUI_KEY_FILE OLTUI_CONFIG_DIR

ok()     { _tap_n=$((_tap_n + 1)); echo "ok $_tap_n - $*"; }
not_ok() { _tap_n=$((_tap_n + 1)); _tap_fail=$((_tap_fail + 1)); echo "not ok $_tap_n - $*"; }
diag()   { sed 's/^/# /' <<<"$*"; }

# check NAME CMD...: passes when CMD exits 0.
check() {
	local name=$1; shift
	local out
	if out=$("$@" 2>&1); then ok "$name"; else not_ok "$name"; diag "$out"; fi
}
# check_fails NAME STATUS CMD...: passes when CMD exits with STATUS.
check_fails() {
	local name=$1 want=$2; shift 2
	local out rc
	out=$("$@" 2>&1); rc=$?
	if [ "$rc" -eq "$want" ]; then ok "$name"; else not_ok "$name (status $rc, wanted $want)"; diag "$out"; fi
}
# is GOT WANT NAME
is() {
	if [ "$1" == "$2" ]; then ok "$3"; else not_ok "$3"; diag "got:  $1"; diag "want: $2"; fi
}
# like GOT REGEX NAME
like() {
	if [[ $1 =~ $2 ]]; then ok "$3"; else not_ok "$3"; diag "got: $1"; diag "want match: $2"; fi
}
# unlike GOT SUBSTRING NAME: passes when SUBSTRING does not occur in GOT
unlike() {
	if [[ $1 != *"$2"* ]]; then ok "$3"; else not_ok "$3"; diag "unexpected: $2"; fi
}

track() { _pids+=("$1"); }

# free_port: prints a TCP/UDP port free on 127.0.0.1 (both protocols).
free_port() {
	python3 - <<'PY'
import socket
while True:
    t = socket.socket(); t.bind(("127.0.0.1", 0)); p = t.getsockname()[1]
    u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        u.bind(("127.0.0.1", p)); u.close(); t.close(); print(p); break
    except OSError:
        t.close(); u.close()
PY
}

# wait_for SECONDS CMD...: retries CMD every 0.1 s until it succeeds.
wait_for() {
	local deadline=$(( $(date +%s%N) / 1000000 + ${1%.*} * 1000 )); shift
	while ! "$@" >/dev/null 2>&1; do
		[ $(( $(date +%s%N) / 1000000 )) -ge $deadline ] && return 1
		sleep 0.1
	done
}

_cleanup() {
	local p touched=0
	if [ "$(_loopback_keys)" != "$_user_kh_before" ]; then
		echo "not ok - the user's known_hosts (${_user_kh[*]}) gained a loopback key"
		touched=1
	fi
	for p in "${_pids[@]}"; do
		kill "$p" 2>/dev/null
	done
	for p in "${_pids[@]}"; do
		for _ in 1 2 3 4 5 6 7 8 9 10; do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
		kill -9 "$p" 2>/dev/null
		wait "$p" 2>/dev/null
	done
	rm -rf "$TMPD"
	[ "$touched" -eq 0 ] || exit 1
}
trap _cleanup EXIT

# done_testing: prints the plan; the suite's exit status says whether all passed.
done_testing() {
	echo "1..$_tap_n"
	[ "$_tap_fail" -eq 0 ]
}
