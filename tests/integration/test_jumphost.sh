#!/bin/bash
# Reaching OLTs through an SSH jump host (OpenSSH sshd with PermitOpen):
# SSH and Telnet carried over a direct-tcpip channel, --jump and
# ~/.ssh/config ProxyJump, the jump host's own host key, a jump host that
# refuses the destination.
source "$OLTUI_TOP/tests/lib.sh"
source "$OLTUI_TOP/tests/integration/olt_servers.sh"
cd "$OLTUI_TOP"

printf 'zte-secret\n' >"$TMPD/zte.pw"
SPORT=$(free_port)
TPORT=$(free_port)
JPORT=$(free_port)
start_sshd olt "$SPORT" "$(fakeolt_wrapper hw --vendor huawei)"
start_telnetd zte "$TPORT" "$(fakeolt_wrapper zte --vendor zte --login --user zte --password-file "$TMPD/zte.pw")"
start_sshd jump "$JPORT" "" "AllowTcpForwarding yes" "PermitOpen 127.0.0.1:$SPORT 127.0.0.1:$TPORT"
KH=$TMPD/known_hosts
opens() { grep -c "confirm direct-tcpip" "$TMPD/jump.log"; }

n0=$(opens)
out=$($OLTUI cli-run --vendor huawei --host 127.0.0.1 --port "$SPORT" --user root --key-file-ssh "$TMPD/client_key" \
	--known-hosts "$KH" --jump "root@127.0.0.1:$JPORT" --jump-key "$TMPD/client_key" "display version" 2>&1); rc=$?
is "$rc" 1 "an unknown jump host key is refused"
like "$out" "host key of 127.0.0.1:$JPORT is not known yet" "the refusal names the jump host"
out=$($OLTUI cli-run --vendor huawei --host 127.0.0.1 --port "$SPORT" --user root --key-file-ssh "$TMPD/client_key" \
	--known-hosts "$KH" --accept-new-host-key --jump "root@127.0.0.1:$JPORT" --jump-key "$TMPD/client_key" \
	--timing "display version" 2>"$TMPD/err"); rc=$?
is "$rc" 0 "SSH to the OLT through the jump host"
like "$out" "VERSION : MA5800V100R019C10" "the command output arrives"
diag "$(grep timing "$TMPD/err")"
is "$(( $(opens) - n0 ))" 1 "the jump host opened one direct-tcpip channel"
check "both host keys are now known" bash -c "ssh-keygen -F '[127.0.0.1]:$JPORT' -f '$KH' && ssh-keygen -F '[127.0.0.1]:$SPORT' -f '$KH'"

n0=$(opens)
js=$($OLTUI cli-run --vendor zte --host 127.0.0.1 --port "$TPORT" --transport telnet --user zte \
	--password-file "$TMPD/zte.pw" --known-hosts "$KH" --jump "root@127.0.0.1:$JPORT" \
	--jump-key "$TMPD/client_key" --json "show version-running" "show gpon onu state gpon-olt_1/1/1")
is "$(json_get "$js" '[c["error"] for c in d["commands"]]')" "[None, None]" "Telnet to the OLT through the jump host"
is "$(json_get "$js" 'd["commands"][0]["output"].splitlines()[0]')" "ZXA10 C320 Software, Version V2.1.0, RELEASE SOFTWARE" "output intact"
is "$(( $(opens) - n0 ))" 1 "carried over a direct-tcpip channel"

# ProxyJump from ~/.ssh/config, with the default key ~/.ssh/id_ed25519.
mkdir -p "$HOME/.ssh" && chmod 700 "$HOME/.ssh"
cp "$TMPD/client_key" "$HOME/.ssh/id_ed25519"
printf 'Host 127.0.0.1\n    ProxyJump root@127.0.0.1:%s\n' "$JPORT" >"$HOME/.ssh/config"
n0=$(opens)
out=$($OLTUI cli-run --vendor huawei --host 127.0.0.1 --port "$SPORT" --user root --key-file-ssh "$TMPD/client_key" \
	--known-hosts "$KH" "display version" 2>&1); rc=$?
is "$rc" 0 "ProxyJump from ~/.ssh/config is honoured"
is "$(( $(opens) - n0 ))" 1 "through the jump host"
n0=$(opens)
check "--no-ssh-config connects directly" $OLTUI cli-run --vendor huawei --host 127.0.0.1 --port "$SPORT" --user root \
	--key-file-ssh "$TMPD/client_key" --known-hosts "$KH" --no-ssh-config "display version"
is "$(( $(opens) - n0 ))" 0 "without a channel"
rm -f "$HOME/.ssh/config"

# The jump host refuses a destination outside PermitOpen.
other=$(free_port)
out=$($OLTUI cli-run --vendor zte --host 127.0.0.1 --port "$other" --transport telnet --user zte \
	--password-file "$TMPD/zte.pw" --known-hosts "$KH" --jump "root@127.0.0.1:$JPORT" \
	--jump-key "$TMPD/client_key" "show version-running" 2>&1); rc=$?
is "$rc" 3 "a refused destination is exit 3"
like "$out" "jump host 127.0.0.1:$JPORT refused to open a connection to 127.0.0.1:$other" "with a clear message"
out=$($OLTUI cli-run --vendor zte --host 127.0.0.1 --port "$TPORT" --transport telnet --user zte \
	--password-file "$TMPD/zte.pw" --jump "root@127.0.0.1:$JPORT,root@127.0.0.1:$JPORT" "x" 2>&1)
like "$out" "only one hop is supported" "multi-hop jumps are refused clearly"
done_testing
