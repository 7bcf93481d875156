# tests/lab/sim.sh — helpers for the oltsim suites (sourced after tests/lib.sh).
#
#   sim_start NAME [oltsim flags...]   starts oltsim, tracks its PID in
#                                      SIM_PID[NAME], waits for `ready`;
#                                      its stdout is in $TMPD/NAME.out
#   sim_field NAME OLT KEY             a field of an `olt` line: cli, snmp,
#                                      community, user, password, cliport, snmpport
#   sim_ctl NAME VERB ARGS...          runs `oltsim ctl` on NAME's socket
#   sim_stop NAME                      SIGTERM, then waits; returns its status
#   sim_has_persona huawei|zte         true when this oltsim has that persona

declare -A SIM_PID

sim_start() {
	local name=$1; shift
	"$OLTSIM" --ctl "$TMPD/$name.sock" "$@" >"$TMPD/$name.out" 2>"$TMPD/$name.err" &
	SIM_PID[$name]=$!
	track "${SIM_PID[$name]}"
	wait_for 20 grep -qx ready "$TMPD/$name.out"
}

sim_field() {
	local line
	line=$(grep "^olt $2 " "$TMPD/$1.out") || return 1
	case $3 in
	cliport)  sed -E 's/.*cli=[a-z]+:\/\/127\.0\.0\.1:([0-9]+).*/\1/' <<<"$line" ;;
	snmpport) sed -E 's/.*snmp=127\.0\.0\.1:([0-9]+).*/\1/' <<<"$line" ;;
	*)        tr ' ' '\n' <<<"$line" | sed -n "s/^$3=//p" ;;
	esac
}

sim_ctl() {
	local name=$1; shift
	"$OLTSIM" ctl "$TMPD/$name.sock" "$@"
}

sim_stop() {
	local pid=${SIM_PID[$1]} rc
	kill -TERM "$pid" 2>/dev/null
	wait "$pid"; rc=$?
	return $rc
}

sim_has_persona() {
	nm "$OLTSIM" 2>/dev/null | grep -qE " [RDrd] persona_$1\$"
}

# ssh_run PORT USER PASSWORD ARGS...: OpenSSH with a password, no host checks.
# The password goes through the environment (sshpass -e), never argv.
ssh_run() {
	local port=$1 user=$2 pw=$3; shift 3
	SSHPASS=$pw sshpass -e ssh -p "$port" -o StrictHostKeyChecking=no \
		-o UserKnownHostsFile=/dev/null -o LogLevel=ERROR -o ConnectTimeout=10 \
		-o PubkeyAuthentication=no -o NumberOfPasswordPrompts=1 "$user@127.0.0.1" "$@"
}
