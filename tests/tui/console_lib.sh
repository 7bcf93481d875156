# tests/tui/console_lib.sh — helpers for the console suites (sourced after
# tests/lib.sh and tests/lab/sim.sh).
#
#   con_fleet                 starts oltsim (2 OLTs, 64 ONTs, --no-life, fixed
#                             seed), adds its OLTs to $DB, sweeps twice with a
#                             PON cut (alarms), links contracts, then pins every
#                             timestamp to $BASE (see con_pin)
#   con_start NAME COLSxROWS [ENV=V...] -- ARGS...
#                             runs oltui ARGS in a private tmux server (socket
#                             $TMPD/tmux.sock) in a COLSxROWS window
#   con_wait NAME TEXT [SECS] waits (deadline, no sleeping blindly) for TEXT on screen
#   con_gone NAME TEXT [SECS] waits until TEXT is no longer on screen
#   con_keys NAME KEYS...     tmux send-keys
#   con_golden NAME FILE MSG  compares the screen with tests/tui/golden/FILE;
#                             OLTUI_REGOLD=1 rewrites the file instead (review by eye)
#   con_stop NAME             sends Q and waits for the program to exit
#   dump_py OLT EXPR          a python expression on oltsim `lab`'s dump `d`
#                             of OLT (json imported)
#   con_lab_olts              adds oltsim `lab`'s hw-1 (Huawei, SSH, MA5800-X7)
#                             and zte-1 (ZTE, Telnet, C320) to $DB, one check each
#
# Determinism: OLTUI_NOW pins the console's display clock to $NOW; con_pin
# rewrites every stored timestamp (sweeps, samples, alarms, health, audit)
# relative to $BASE, so every age and date on screen is fixed.  Nothing is
# masked in the captures.

TMUX_SOCK=$TMPD/tmux.sock
T() { tmux -S "$TMUX_SOCK" -f /dev/null "$@"; }
BASE=1763780400			# 2025-11-22 03:00:00 UTC
NOW=$((BASE + 150))
DB=$TMPD/oltui.db
KEY=$TMPD/key
GOLDEN=$OLTUI_TOP/tests/tui/golden

con_start() {
	local name=$1 size=$2; shift 2
	local envs=()
	while [ $# -gt 0 ] && [ "$1" != "--" ]; do envs+=("$1"); shift; done
	shift
	local cmd
	cmd=$(printf '%q ' env TERM=tmux-256color LANG=C.UTF-8 TZ=UTC OLTUI_NOW=$NOW \
		HOME="$HOME" XDG_CONFIG_HOME="$XDG_CONFIG_HOME" XDG_DATA_HOME="$XDG_DATA_HOME" \
		"${envs[@]}" "$OLTUI" --db "$DB" --key-file "$KEY" "$@")
	T new-session -d -s "$name" -x "${size%x*}" -y "${size#*x}" "$cmd; sleep 600"
}

con_screen() { T capture-pane -p -t "$1"; }

con_wait() {
	local name=$1 text=$2 secs=${3:-10}
	local deadline=$(( $(date +%s) + secs ))
	while [ "$(date +%s)" -le $deadline ]; do
		con_screen "$name" | grep -qF -- "$text" && return 0
		sleep 0.05
	done
	diag "timed out waiting for '$text'; screen was:"
	diag "$(con_screen "$name")"
	return 1
}

con_gone() {
	local name=$1 text=$2 secs=${3:-10}
	local deadline=$(( $(date +%s) + secs ))
	while [ "$(date +%s)" -le $deadline ]; do
		con_screen "$name" | grep -qF -- "$text" || return 0
		sleep 0.05
	done
	return 1
}

con_keys() { local n=$1; shift; T send-keys -t "$n" "$@"; }

con_golden() {
	local name=$1 file=$2 msg=$3 got
	got=$(con_screen "$name")
	if [ -n "${OLTUI_REGOLD:-}" ]; then
		sleep 1; got=$(con_screen "$name")
		printf '%s\n' "$got" >"$GOLDEN/$file"
		ok "$msg (golden $file rewritten)"
		return
	fi
	local want deadline=$(( $(date +%s) + 5 ))
	want=$(cat "$GOLDEN/$file" 2>/dev/null)
	# the screen may still be settling (a reload after the first frame): retry
	while [ "$got" != "$want" ] && [ "$(date +%s)" -le $deadline ]; do
		sleep 0.05
		got=$(con_screen "$name")
	done
	if [ "$got" == "$want" ]; then
		ok "$msg"
	else
		not_ok "$msg"
		diag "$(diff <(cat "$GOLDEN/$file" 2>/dev/null) <(printf '%s\n' "$got"))"
	fi
}

# con_stop NAME: Q, then wait for the console to leave (the pane then runs sleep).
con_stop() {
	con_keys "$1" Q
	con_gone "$1" "Fleet" 10
	T kill-session -t "$1" 2>/dev/null
}

# Runs oltui with the test's database and key file.
oltui_db() { "$OLTUI" --db "$DB" --key-file "$KEY" "$@"; }

# Sweeps every OLT once through the console (console --sweep), then quits.
con_sweep() {
	con_start sweep 80x24 -- console --sweep
	con_wait sweep "swept " 20 && con_gone sweep "jobs " 30
	con_keys sweep Q
	con_gone sweep "Fleet" 10
	T kill-session -t sweep 2>/dev/null
}

# Rewrites every stored time relative to $BASE (test database only).
con_pin() {
	python3 - "$DB" "$BASE" <<'PY'
import json, sqlite3, sys
db, base = sys.argv[1], int(sys.argv[2])
c = sqlite3.connect(db)
c.execute("UPDATE onts SET last_seen = ?", (base,))
c.execute("DELETE FROM signal_samples")
# alarms: ordered by what they are about, not by insertion (sweeps run in parallel)
al = c.execute("SELECT a.id FROM alarms a JOIN olts l ON l.id = a.olt_id "
               "ORDER BY l.name, a.port, a.sn, a.kind").fetchall()
for rank, (aid,) in enumerate(al):
    c.execute("UPDATE alarms SET raised_at = ?, cleared_at = CASE cleared_at WHEN 0 THEN 0 ELSE ? END "
              "WHERE id = ?", (base - 60 * (rank + 1), base, aid))
# the CLI ports oltsim picked at random (the console shows them; sweeps use SNMP only)
c.execute("UPDATE olts SET port = CASE driver WHEN 'huawei' THEN 2222 ELSE 2323 END")
c.execute("UPDATE olts SET created_at = ?", (base - 86400,))
c.execute("UPDATE olt_state SET sweep_ms = 1200, sweep_at = ?, "
          "last_ok_at = CASE WHEN sweep_ok THEN ? ELSE last_ok_at END WHERE sweep_at <> 0",
          (base, base))
c.execute("UPDATE olt_state SET health_at = ?, uptime_s = ? WHERE health_at <> 0",
          (base, 86400 * 12 + 3600 * 5))
c.executescript("DROP TRIGGER IF EXISTS audit_no_rewrite; DROP TRIGGER IF EXISTS audit_steps_no_update;")
c.execute("UPDATE audit SET started_at = ? - 3600 + 60 * id, finished_at = ? - 3600 + 60 * id, "
          "duration_ms = 40, os_user = 'tech'", (base, base))
c.execute("UPDATE audit_steps SET t = ? - 3600", (base,))
# 24 h of history for the first ONT of hw-1 0/1/0: a slow wave around its reading
row = c.execute("SELECT o.id, o.rx_dbm, o.olt_rx_dbm FROM onts o JOIN olts l ON l.id = o.olt_id "
                "WHERE l.name = 'hw-1' AND o.port = '0/1/0' ORDER BY o.ont_id LIMIT 1").fetchone()
wave = [0, 0.3, 0.6, 0.8, 0.6, 0.3, 0, -0.4, -0.9, -1.3, -0.9, -0.4]
for i in range(288):
    t = base - 86400 + i * 300
    d = wave[i % len(wave)] + (-2.5 if 200 <= i < 215 else 0)
    c.execute("INSERT INTO signal_samples (ont, t, rx_cdbm, olt_rx_cdbm) VALUES (?, ?, ?, ?)",
              (row[0], t, round((row[1] + d) * 100), round((row[2] + d / 2) * 100)))
c.commit()
PY
}

# dump_py OLT EXPR: a python expression on oltsim `lab`'s dump `d` of OLT.
dump_py() {
	sim_ctl lab dump "$1" | /usr/bin/python3 -c "import json,sys; d=json.load(sys.stdin); print($2)"
}

# con_lab_olts: adds oltsim `lab`'s two OLTs to $DB with the inventory verb;
# their secrets go through files, never argv.
con_lab_olts() {
	local o v t m
	for o in hw-1 zte-1; do
		sim_field lab $o password >"$TMPD/$o.pw"
		sim_field lab $o community >"$TMPD/$o.comm"
		if [ $o = hw-1 ]; then v=huawei t=ssh m=MA5800-X7; else v=zte t=telnet m=C320; fi
		check "olt add $o" oltui_db olt add $o --vendor $v --host 127.0.0.1 \
			--port "$(sim_field lab $o cliport)" --transport $t \
			--user "$(sim_field lab $o user)" --password-file "$TMPD/$o.pw" \
			--snmp-community-file "$TMPD/$o.comm" --snmp-port "$(sim_field lab $o snmpport)" \
			--model $m
	done
}
