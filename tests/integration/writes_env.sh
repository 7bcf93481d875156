# tests/integration/writes_env.sh — shared set-up for the write suites
# (sourced after tests/lib.sh and tests/lab/sim.sh): starts oltsim with one
# Huawei (SSH) and one ZTE (Telnet) OLT on free ports, adds both to a fresh
# database with `oltui olt add` (secrets from files, vault key file), and
# defines O (oltui with --db/--key-file) and helpers.
#
#   writes_env_start [extra oltsim flags...]
#   O VERB ...                 oltui on the suite's database
#   dump_py OLT EXPR           evaluates EXPR on oltsim's `dump OLT` (as d)
#   json_py EXPR               evaluates EXPR on stdin JSON (as d)

DB=$TMPD/data/writes.db
KEY=$TMPD/key
O() { "$OLTUI" --db "$DB" --key-file "$KEY" "$@"; }

dump_py() {
	sim_ctl w dump "$1" | /usr/bin/python3 -c "import json,sys; d=json.load(sys.stdin); print($2)"
}
json_py() {
	/usr/bin/python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"
}

writes_env_start() {
	local base
	base=$(free_port)
	if ! sim_start w --huawei 1 --zte 1 --onts 8 --base-port "$base" --seed 7 --no-life "$@"; then
		echo "# oltsim did not start"; cat "$TMPD/w.err"; return 1
	fi
	sim_field w hw-1 password >"$TMPD/hwpw"
	sim_field w hw-1 community >"$TMPD/hwc"
	sim_field w zte-1 password >"$TMPD/ztepw"
	sim_field w zte-1 community >"$TMPD/ztec"
	O olt add hw-1 --vendor huawei --host 127.0.0.1 --port "$(sim_field w hw-1 cliport)" \
		--user "$(sim_field w hw-1 user)" --password-file "$TMPD/hwpw" \
		--snmp-community-file "$TMPD/hwc" --snmp-port "$(sim_field w hw-1 snmpport)" >/dev/null 2>&1 || return 1
	O olt add zte-1 --vendor zte --host 127.0.0.1 --port "$(sim_field w zte-1 cliport)" \
		--user "$(sim_field w zte-1 user)" --password-file "$TMPD/ztepw" \
		--snmp-community-file "$TMPD/ztec" --snmp-port "$(sim_field w zte-1 snmpport)" >/dev/null 2>&1 || return 1
	# The simulator's profiles: Huawei line 10 (GEM 1) + service 31,
	# ZTE T-CONT/traffic profiles by name.
	O profile add hw100 --vlan 100 --down-mbps 100 --up-mbps 100 \
		--line-profile 10 --service-profile 31 >/dev/null 2>&1 || return 1
	O profile add zte100 --vlan 200 --down-mbps 100 --up-mbps 100 \
		--line-profile 100M --service-profile 100M >/dev/null 2>&1 || return 1
	O contract add C-1 --customer "Ana Perez" >/dev/null 2>&1 || return 1
	return 0
}

# routed VERB SUB: true when the lead has routed `oltui VERB SUB` to the
# write verbs (olt test, contract suspend/resume live in other files).
routed() {
	! O "$1" "$2" 2>&1 </dev/null | grep -q "unknown subcommand '$2'"
}
