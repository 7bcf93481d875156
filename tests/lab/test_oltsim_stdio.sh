#!/bin/bash
# test_oltsim_stdio.sh — `oltsim --stdio`: one session on stdin/stdout, and
# real daemons fronting it: OpenSSH sshd with ForceCommand (Huawei, login
# done by sshd) and inetutils telnetd -E under systemd-socket-activate (ZTE,
# in-band login).  Needs the personas; while one is not built in its tests
# are reported as SKIP.  The daemons need root (privilege separation,
# root key login); without it they are skipped too.
source "$OLTUI_TOP/tests/lib.sh"
source "$OLTUI_TOP/tests/lab/sim.sh"

TS="$OLTUI_TOP/tests/lab/telnet_session.py"
skip() { ok "# SKIP $*"; }
newport() { free_port; }

# --- pipes -----------------------------------------------------------------
if sim_has_persona huawei; then
	out=$(printf 'display sysuptime\nquit\ny\n' | "$OLTSIM" --stdio --persona huawei 2>&1); rc=$?
	is "$rc" 0 "huawei --stdio exits 0 after quit"
	like "$out" "System up time" "huawei --stdio answers"
	unlike "$out" "MA5800-X7>display sysuptime" "no echo on a pipe by default"
	out=$(printf 'display sysuptime\nquit\ny\n' | "$OLTSIM" --stdio --persona huawei --echo 2>&1)
	like "$out" "MA5800-X7>display sysuptime" "--echo echoes"
	out=$(SSH_ORIGINAL_COMMAND='display version' "$OLTSIM" --stdio --persona huawei </dev/null 2>&1); rc=$?
	is "$rc" 0 "an sshd exec command runs and exits 0"
	like "$out" "VERSION : MA5800" "SSH_ORIGINAL_COMMAND is run"
	unlike "$out" "Huawei Integrated Access Software" "exec has no banner"
else
	for t in exit answer no-echo echo exec exec-output exec-banner; do skip "no huawei persona ($t)"; done
fi
if sim_has_persona zte; then
	out=$(printf 'zte\nZte@lab1\nshow card\nexit\n' | "$OLTSIM" --stdio --persona zte 2>&1); rc=$?
	is "$rc" 0 "zte --stdio exits 0 after exit"
	like "$out" "Username:" "zte --stdio asks for the user"
	like "$out" "GTGH" "zte --stdio logs in and answers"
else
	for t in exit login answer; do skip "no zte persona ($t)"; done
fi

# --- OpenSSH sshd fronting the Huawei persona --------------------------------
if sim_has_persona huawei && [ "$(id -u)" = 0 ] && [ -x /usr/sbin/sshd ]; then
	mkdir -p /run/sshd && chmod 755 /run/sshd
	D=$TMPD/sshd; mkdir -p "$D"; chmod 755 "$D"
	ssh-keygen -q -t ed25519 -N '' -f "$D/host_key"
	ssh-keygen -q -t ed25519 -N '' -f "$D/client_key"
	cp "$D/client_key.pub" "$D/authorized_keys"
	P=$(newport)
	cat >"$D/sshd_config" <<EOF
Port $P
ListenAddress 127.0.0.1
HostKey $D/host_key
PidFile $D/sshd.pid
AuthorizedKeysFile $D/authorized_keys
PermitRootLogin prohibit-password
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
StrictModes no
PrintMotd no
PrintLastLog no
ForceCommand $OLTSIM --stdio --persona huawei --seed 1
EOF
	/usr/sbin/sshd -D -e -f "$D/sshd_config" 2>"$D/sshd.log" &
	track $!
	K=(-i "$D/client_key" -p "$P" -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR -o BatchMode=yes)
	check "sshd starts" wait_for 10 bash -c "exec 3<>/dev/tcp/127.0.0.1/$P"
	out=$(ssh "${K[@]}" root@127.0.0.1 'display version' 2>&1); rc=$?
	is "$rc" 0 "sshd + ForceCommand: exec exits 0"
	like "$out" "VERSION : MA5800" "sshd + ForceCommand: exec answers"
	out=$(printf 'display sysuptime\nenable\nquit\ny\n' | timeout 20 ssh -tt "${K[@]}" root@127.0.0.1 2>&1 | tr -d '\r')
	like "$out" "MA5800-X7>display sysuptime" "sshd -tt: the persona echoes on the raw pty"
	like "$out" "MA5800-X7#quit" "sshd -tt: enable works"
	unlike "$out" "display sysuptime
display sysuptime" "sshd -tt: no double echo"
else
	for t in start exec exec-output tt-echo tt-enable tt-double-echo; do skip "sshd fronting needs root and the huawei persona ($t)"; done
fi

# --- inetutils telnetd fronting the ZTE persona ------------------------------
if sim_has_persona zte && [ "$(id -u)" = 0 ] && [ -x /usr/sbin/telnetd ] && command -v systemd-socket-activate >/dev/null; then
	D=$TMPD/telnetd; mkdir -p "$D"; chmod 755 "$D"
	printf '#!/bin/sh\nexec %s --stdio --persona zte --seed 1\n' "$OLTSIM" >"$D/zte.sh"
	chmod 755 "$D/zte.sh"
	P=$(newport)
	systemd-socket-activate -l "127.0.0.1:$P" -a --inetd /usr/sbin/telnetd -h -E "$D/zte.sh" 2>"$D/ssa.log" &
	track $!
	check "telnetd starts" wait_for 10 grep -q "Listening on" "$D/ssa.log"
	out=$(OLT_PASSWORD='Zte@lab1' timeout 30 /usr/bin/python3 -W ignore "$TS" "$P" zte 'show card'); rc=$?
	is "$rc" 0 "telnetd -E: login and command"
	like "$out" "GTGH" "telnetd -E: show card answers"
	unlike "$out" $'\r\r\n' "telnetd -E: one CR per line"
	out=$(OLT_PASSWORD='wrong' timeout 30 /usr/bin/python3 -W ignore "$TS" "$P" zte 'show card'); rc=$?
	is "$rc" 2 "telnetd -E: a wrong password is refused in-band"
	unlike "$out" "wrong" "telnetd -E: the password is not echoed"
else
	for t in start login card crlf wrong-password no-echo; do skip "telnetd fronting needs root and the zte persona ($t)"; done
fi

done_testing
