#!/bin/bash
# bench_transport.sh — login + command times of the SSH and Telnet
# transports with the CLI engine, on loopback, against real servers fronting
# tests/integration/fakeolt.py: OpenSSH sshd (key auth), a paramiko server
# (password auth), inetutils telnetd, and sshd as a jump host.  Prints the
# median and max over N runs of `oltui cli-run --json` (each run is a fresh
# connection: connect, auth, login dialogue, session set-up, 2 commands,
# logout).  Login includes the server forking python for the fake CLI
# (~40-80 ms of it), so it is an upper bound for a real OLT's share.
source "$OLTUI_TOP/tests/lib.sh"
source "$OLTUI_TOP/tests/integration/olt_servers.sh"
cd "$OLTUI_TOP"
N=${N:-10}

printf 'zte-secret\n' >"$TMPD/zte.pw"
printf 'admin123\n' >"$TMPD/pw"
SPORT=$(free_port); TPORT=$(free_port); JPORT=$(free_port); PPORT=$(free_port)
start_sshd olt "$SPORT" "$(fakeolt_wrapper hw --vendor huawei)"
start_telnetd zte "$TPORT" "$(fakeolt_wrapper zte --vendor zte --login --user zte --password-file "$TMPD/zte.pw")"
start_sshd jump "$JPORT" "" "AllowTcpForwarding yes"
ssh-keygen -q -t ed25519 -N '' -f "$TMPD/pw.hostkey"
/usr/bin/python3 tests/integration/sshpw_server.py --port "$PPORT" --hostkey "$TMPD/pw.hostkey" --user admin \
	--password-file "$TMPD/pw" -- /usr/bin/python3 "$FAKEOLT" --vendor huawei >"$TMPD/pw.out" 2>&1 &
track $!
wait_for 10 grep -q ready "$TMPD/pw.out"
KH=$TMPD/kh

# bench NAME CLI-RUN-ARGS...: runs N times, prints median/max of login and commands.
bench() {
	local name=$1; shift
	local i js
	: >"$TMPD/samples"
	for ((i = 0; i < N; i++)); do
		js=$($OLTUI cli-run --json --accept-new-host-key --known-hosts "$KH" --no-ssh-config "$@") || { echo "$name: run failed"; return; }
		json_get "$js" '"%d %d" % (d["login_ms"], sum(c["ms"] for c in d["commands"]) / len(d["commands"]))' >>"$TMPD/samples"
	done
	/usr/bin/python3 - "$name" "$TMPD/samples" <<'PY'
import statistics, sys
rows = [tuple(map(int, l.split())) for l in open(sys.argv[2])]
login = [r[0] for r in rows]; cmd = [r[1] for r in rows]
print("%-28s login median %4d ms (max %4d)   command median %3d ms (max %3d)   n=%d" % (
    sys.argv[1], statistics.median(login), max(login), statistics.median(cmd), max(cmd), len(rows)))
PY
}

bench "ssh key (sshd)" --vendor huawei --host 127.0.0.1 --port "$SPORT" --user root \
	--key-file-ssh "$TMPD/client_key" "display version" "display board 0"
bench "ssh password (paramiko)" --vendor huawei --host 127.0.0.1 --port "$PPORT" --user admin \
	--password-file "$TMPD/pw" "display version" "display board 0"
bench "telnet (telnetd)" --vendor zte --host 127.0.0.1 --port "$TPORT" --transport telnet --user zte \
	--password-file "$TMPD/zte.pw" "show version-running" "show gpon onu state gpon-olt_1/1/1"
bench "ssh via jump host" --vendor huawei --host 127.0.0.1 --port "$SPORT" --user root \
	--key-file-ssh "$TMPD/client_key" --jump "root@127.0.0.1:$JPORT" --jump-key "$TMPD/client_key" \
	"display version" "display board 0"
bench "telnet via jump host" --vendor zte --host 127.0.0.1 --port "$TPORT" --transport telnet --user zte \
	--password-file "$TMPD/zte.pw" --jump "root@127.0.0.1:$JPORT" --jump-key "$TMPD/client_key" \
	"show version-running" "show gpon onu state gpon-olt_1/1/1"

# The lab: oltsim's own SSH (password) and Telnet servers, no process spawn
# per login, so these are the engine's and the transports' own costs.
source "$OLTUI_TOP/tests/lab/sim.sh"
if sim_start lab --huawei 1 --zte 1 --no-life && sim_has_persona huawei && sim_has_persona zte; then
	sim_field lab hw-1 password >"$TMPD/hw1.pw"
	sim_field lab zte-1 password >"$TMPD/zte1.pw"
	bench "oltsim huawei ssh password" --vendor huawei --host 127.0.0.1 --port "$(sim_field lab hw-1 cliport)" \
		--user "$(sim_field lab hw-1 user)" --password-file "$TMPD/hw1.pw" "display version" "display board 0"
	bench "oltsim zte telnet" --vendor zte --host 127.0.0.1 --port "$(sim_field lab zte-1 cliport)" \
		--transport telnet --user "$(sim_field lab zte-1 user)" --password-file "$TMPD/zte1.pw" \
		"show card" "show gpon onu state gpon-olt_1/1/1"
	bench "oltsim huawei via jump" --vendor huawei --host 127.0.0.1 --port "$(sim_field lab hw-1 cliport)" \
		--user "$(sim_field lab hw-1 user)" --password-file "$TMPD/hw1.pw" \
		--jump "root@127.0.0.1:$JPORT" --jump-key "$TMPD/client_key" "display version" "display board 0"
else
	echo "oltsim: not available with both personas; lab figures skipped"
fi
