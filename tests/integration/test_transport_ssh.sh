#!/bin/bash
# The SSH transport + CLI engine against OpenSSH sshd fronting a fake Huawei
# CLI: host keys (first contact, accept, changed), key auth, pager past
# `scroll 512`, wrapped Failure, busy retry, wrapped echo, confirmations,
# control-character refusal, unreachable port.  Timings are printed as
# diagnostics, never asserted.
source "$OLTUI_TOP/tests/lib.sh"
if [ "$(id -u)" != 0 ]; then	# sshd needs root (privilege separation, root key login)
	ok "# SKIP OpenSSH sshd on loopback needs root"
	done_testing; exit
fi
source "$OLTUI_TOP/tests/integration/olt_servers.sh"
cd "$OLTUI_TOP"

PORT=$(free_port)
LOG=$TMPD/commands.log
start_sshd olt "$PORT" "$(fakeolt_wrapper hw --vendor huawei --log "$LOG")"
KH=$TMPD/known_hosts
run() { $OLTUI cli-run --vendor huawei --host 127.0.0.1 --port "$PORT" --user root \
	--key-file-ssh "$TMPD/client_key" --known-hosts "$KH" --timeout 10000 "$@"; }

# Host keys.
want_fp=$(ssh-keygen -lf "$TMPD/olt.hostkey.pub" | awk '{print $2}')
out=$(run "display version" 2>&1); rc=$?
is "$rc" 1 "first contact without --accept-new-host-key is refused"
like "$out" "not known yet \\(fingerprint ${want_fp//+/\\+}\\)" "the refusal shows the SHA256 fingerprint as OpenSSH prints it"
check "nothing was added to known_hosts" bash -c "! ssh-keygen -F '[127.0.0.1]:$PORT' -f '$KH' >/dev/null 2>&1"
out=$(run --accept-new-host-key --timing "display version" 2>"$TMPD/err"); rc=$?
is "$rc" 0 "--accept-new-host-key connects"
like "$out" "VERSION : MA5800V100R019C10" "display version output"
unlike "$out" "display version" "the echo is stripped"
unlike "$out" "MA5800-X7#" "the prompt is stripped"
diag "$(grep timing "$TMPD/err")"
check "the key was appended to known_hosts (OpenSSH can read it)" ssh-keygen -F "[127.0.0.1]:$PORT" -f "$KH"
check "the known key is accepted on the next connection" run "display version"

# A changed key is refused loudly.
ssh-keygen -q -t ed25519 -N '' -f "$TMPD/other"
echo "[127.0.0.1]:$PORT $(cut -d' ' -f1,2 "$TMPD/other.pub")" >"$TMPD/kh_changed"
out=$($OLTUI cli-run --vendor huawei --host 127.0.0.1 --port "$PORT" --user root \
	--key-file-ssh "$TMPD/client_key" --known-hosts "$TMPD/kh_changed" --accept-new-host-key "display version" 2>&1); rc=$?
is "$rc" 1 "a changed host key is refused even with --accept-new-host-key"
like "$out" "HOST KEY FOR 127.0.0.1:$PORT HAS CHANGED" "the refusal is loud"
like "$out" "refusing to connect" "and says it refuses"

# Authentication.
ssh-keygen -q -t ed25519 -N '' -f "$TMPD/stranger"
out=$($OLTUI cli-run --vendor huawei --host 127.0.0.1 --port "$PORT" --user root \
	--key-file-ssh "$TMPD/stranger" --known-hosts "$KH" "display version" 2>&1); rc=$?
is "$rc" 1 "an unknown key is refused (exit 1)"
like "$out" "SSH login to 127.0.0.1:$PORT as root refused \\(tried: key " "the message says what was tried"

# Pager past scroll 512, in JSON.
js=$(run --json "display ont info 0 all")
is "$(json_get "$js" 'len(d["commands"][0]["output"].splitlines())')" 600 "all 600 rows arrive through the pager"
is "$(json_get "$js" '"More" in d["commands"][0]["output"]')" False "no pager marker left"
is "$(json_get "$js" 'd["commands"][0]["error"]')" None "no error"

# Errors with the device's words.
js=$(run --json config "interface gpon 0/1" "ont delete 0 0")
is "$(json_get "$js" 'd["commands"][2]["error"]["kind"]')" failure "ont delete with service ports is a failure"
is "$(json_get "$js" 'd["commands"][2]["error"]["device_text"]')" \
	"Failure: This configured object has some service virtual ports" "the wrapped Failure is joined"
js=$(run --json "display nonsense")
is "$(json_get "$js" 'd["commands"][0]["error"]["kind"]')" syntax "an unknown command is a syntax error"
js=$(run --json "display ont autofind all")
is "$(json_get "$js" 'd["commands"][0]["error"]')" None "no autofound ONTs is an empty result, not an error"
is "$(json_get "$js" 'repr(d["commands"][0]["output"])')" "''" "with empty output"

# Busy: retried with backoff until it works.
out=$(run "display busy-test" 2>&1)
like "$out" "busy-test done after 3 tries" "System is busy is retried"

# A long command whose echo the device wraps.
long='ont add 0 sn-auth "48575443A1B2C3D4" omci ont-lineprofile-id 10 ont-srvprofile-id 10 desc "cliente-joao-da-silva"'
out=$(run config "interface gpon 0/1" "$long")
is "$out" $'  Number of ONTs that can be added: 1, success: 1\n  PortID :0, ONTID :7' "wrapped echo stripped, output intact"

# Confirmations only when expected.
out=$(run config "interface gpon 0/1" "ont reset 0 5" 2>&1); rc=$?
is "$rc" 1 "an unexpected (y/n) question fails the command"
like "$out" "answered no" "and says it answered no"
check "with --confirm the question is answered yes" run --confirm config "interface gpon 0/1" "ont reset 0 5"

# No command can smuggle a second one.
: >"$LOG"
out=$(run "display version"$'\n'"undo ont 0" 2>&1); rc=$?
is "$rc" 2 "a command with a newline is refused (a usage error, before connecting)"
like "$out" "control character" "the refusal names the reason"
unlike "$(cat "$LOG")" "undo ont" "nothing of it reached the device"

# Password and keyboard-interactive auth (Huawei OLTs use passwords): a
# paramiko server on a pty, since sshd would need a real system user.
printf 'admin123\n' >"$TMPD/pw"
printf 'nope\n' >"$TMPD/badpw"
ssh-keygen -q -t ed25519 -N '' -f "$TMPD/pw.hostkey"
for mode in password kbdint; do
	p=$(free_port)
	/usr/bin/python3 "$OLTUI_TOP/tests/integration/sshpw_server.py" --port "$p" --hostkey "$TMPD/pw.hostkey" \
		--user admin --password-file "$TMPD/pw" $([ $mode = kbdint ] && echo --kbdint) \
		-- /usr/bin/python3 "$FAKEOLT" --vendor huawei >"$TMPD/pw.$mode.out" 2>&1 &
	track $!
	wait_for 10 grep -q ready "$TMPD/pw.$mode.out"
	out=$($OLTUI cli-run --vendor huawei --host 127.0.0.1 --port "$p" --user admin --password-file "$TMPD/pw" \
		--known-hosts "$KH" --accept-new-host-key --timing "display version" "display terminal" 2>"$TMPD/err"); rc=$?
	is "$rc" 0 "$mode authentication logs in"
	like "$out" "Terminal size : 200x50" "$mode: the pty is 200x50"
	diag "$mode $(grep timing "$TMPD/err")"
	out=$($OLTUI cli-run --vendor huawei --host 127.0.0.1 --port "$p" --user admin --password-file "$TMPD/badpw" \
		--known-hosts "$KH" "display version" 2>&1); rc=$?
	is "$rc" 1 "$mode: a wrong password is exit 1"
	like "$out" "SSH login to 127.0.0.1:$p as admin refused \\(tried: password\\)" "$mode: with a clear message"
	unlike "$out" "nope" "$mode: the password is not shown"
done

# Unreachable.
dead=$(free_port)
out=$($OLTUI cli-run --vendor huawei --host 127.0.0.1 --port "$dead" --user root \
	--key-file-ssh "$TMPD/client_key" --known-hosts "$KH" "display version" 2>&1); rc=$?
is "$rc" 3 "a closed port is exit 3 (unreachable)"
like "$out" "cannot connect to 127.0.0.1:$dead" "with a clear message"
done_testing
