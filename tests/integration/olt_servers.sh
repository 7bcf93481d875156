# olt_servers.sh — real servers on loopback fronting tests/integration/fakeolt.py
# (sourced by test_transport_*.sh and test_jumphost.sh after tests/lib.sh).
#
# OpenSSH sshd with a private config and ForceCommand (key auth as root,
# platform-notes R3(b)), inetutils telnetd under systemd-socket-activate
# (R4(b)), and sshd as a jump host.  Every server is `track`ed and stopped by
# PID at exit; nothing listens beyond 127.0.0.1.

FAKEOLT=$OLTUI_TOP/tests/integration/fakeolt.py

# A client key, authorized for every sshd started here.
mkdir -p /run/sshd 2>/dev/null && chmod 755 /run/sshd 2>/dev/null
ssh-keygen -q -t ed25519 -N '' -f "$TMPD/client_key" -C oltui-test
cp "$TMPD/client_key.pub" "$TMPD/authorized_keys"

# fakeolt_wrapper NAME ARGS...: writes $TMPD/NAME.sh running fakeolt.py ARGS.
fakeolt_wrapper() {
	local name=$1; shift
	{
		echo '#!/bin/sh'
		printf 'exec /usr/bin/python3 %q' "$FAKEOLT"
		printf ' %q' "$@"
		echo
	} >"$TMPD/$name.sh"
	chmod 755 "$TMPD/$name.sh"
	echo "$TMPD/$name.sh"
}

# start_sshd NAME PORT [FORCECOMMAND] [EXTRA-CONFIG-LINE...]: an sshd on
# 127.0.0.1:PORT with its own host key; logs to $TMPD/NAME.log.
start_sshd() {
	local name=$1 port=$2 force=$3; shift 3
	ssh-keygen -q -t ed25519 -N '' -f "$TMPD/$name.hostkey"
	{
		echo "Port $port"
		echo "ListenAddress 127.0.0.1"
		echo "HostKey $TMPD/$name.hostkey"
		echo "PidFile $TMPD/$name.pid"
		echo "AuthorizedKeysFile $TMPD/authorized_keys"
		echo "PermitRootLogin prohibit-password"
		echo "PasswordAuthentication no"
		echo "KbdInteractiveAuthentication no"
		echo "UsePAM no"
		echo "StrictModes no"
		echo "PrintMotd no"
		echo "PrintLastLog no"
		echo "LogLevel DEBUG1"
		[ -n "$force" ] && echo "ForceCommand $force"
		local l; for l in "$@"; do echo "$l"; done
	} >"$TMPD/$name.sshd_config"
	/usr/sbin/sshd -D -e -f "$TMPD/$name.sshd_config" 2>"$TMPD/$name.log" &
	track $!
	wait_for 5 bash -c "exec 3<>/dev/tcp/127.0.0.1/$port" || { echo "# sshd $name did not start"; cat "$TMPD/$name.log"; }
}

# start_telnetd NAME PORT PROGRAM: telnetd on 127.0.0.1:PORT running PROGRAM
# instead of login.
start_telnetd() {
	local name=$1 port=$2 prog=$3
	systemd-socket-activate -l "127.0.0.1:$port" -a --inetd /usr/sbin/telnetd -h -E "$prog" \
		2>"$TMPD/$name.log" &
	track $!
	wait_for 5 bash -c "exec 3<>/dev/tcp/127.0.0.1/$port" || echo "# telnetd $name did not start"
}

# json_get JSON PY-EXPR: evaluates PY-EXPR on the parsed document `d`.
json_get() {
	/usr/bin/python3 -c 'import json,sys; d=json.loads(sys.stdin.read()); print(eval(sys.argv[1]))' "$2" <<<"$1"
}
