#!/bin/bash
# Suites and benches never touch the user's own files: tests/lib.sh points
# HOME and the XDG directories at a scratch directory, and fails a suite
# (or bench) that added a loopback host key to the user's known_hosts.
# Here a pretend user's home shows both: the bench's way of recording the
# simulator's key (bench_provision.sh) lands in its own file, and a script
# that writes into the user's known_hosts anyway is failed at exit.
source "$OLTUI_TOP/tests/lib.sh"
cd "$OLTUI_TOP"

USERHOME=$TMPD/user
mkdir -p "$USERHOME/.ssh"
printf 'example.org ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIExample\n' >"$USERHOME/.ssh/known_hosts"
before=$(cat "$USERHOME/.ssh/known_hosts")

# A suite that keeps to its own files passes, and leaves the file alone.
out=$(HOME=$USERHOME bash -c 'source "$OLTUI_TOP/tests/lib.sh"
	echo "[127.0.0.1]:2222 ssh-ed25519 AAAA" >>"$HOME/.ssh_kh"; ok "private"; done_testing' 2>&1); rc=$?
is "$rc" 0 "a suite writing under its own HOME passes"
is "$(cat "$USERHOME/.ssh/known_hosts")" "$before" "the user's known_hosts is unchanged"

# One that adds a loopback key to the user's file is failed.
out=$(HOME=$USERHOME bash -c 'source "$OLTUI_TOP/tests/lib.sh"
	echo "[127.0.0.1]:2222 ssh-ed25519 AAAA" >>"${_user_kh[0]}"; ok "wrote"; done_testing' 2>&1); rc=$?
is "$rc" 1 "a suite that touched the user's known_hosts fails"
like "$out" "not ok - the user's known_hosts .* gained a loopback key" "and says why"
printf '%s\n' "$before" >"$USERHOME/.ssh/known_hosts"

# bench_provision.sh, run small from the pretend user's shell: it provisions
# through its own known_hosts, and the user's file is as it was.
out=$(HOME=$USERHOME BENCH_ONTS=2 BENCH_LATENCY=1 bash tests/bench/bench_provision.sh 2>&1); rc=$?
is "$rc" 0 "bench_provision (2 ONTs) runs"
like "$out" "2/2 provisioned, exit 0" "and provisions through oltui"
is "$(cat "$USERHOME/.ssh/known_hosts")" "$before" "the user's known_hosts is still unchanged"
is "$(ls -A "$USERHOME")" ".ssh" "and nothing else appeared in the user's home"
done_testing
