#!/bin/bash
# test_console.sh — the console end to end, in tmux, against oltsim:
# golden screens (tree, ONT detail, port table, signal view, alarms, audit,
# help) at 80x24 and 132x43, filter, palette, mono + ASCII, resize and the
# too-small guard, suspend/resume, quitting.  Goldens: tests/tui/golden/
# (OLTUI_REGOLD=1 rewrites them; review the diff by eye).
source "$OLTUI_TOP/tests/lib.sh"
source "$OLTUI_TOP/tests/lab/sim.sh"
source "$OLTUI_TOP/tests/tui/console_lib.sh"

command -v tmux >/dev/null || { echo "1..0 # SKIP no tmux"; exit 0; }
trap 'T kill-server 2>/dev/null; _cleanup' EXIT

# --- the fleet: oltsim, OLTs added by the inventory verbs, two sweeps -------
if sim_start lab --huawei 1 --zte 1 --boards 1 --pons 2 --onts 16 --base-port 0 \
	--no-life --seed 7; then ok "oltsim starts"; else not_ok "oltsim starts"; cat "$TMPD/lab.err"; fi
con_lab_olts

con_sweep
n=$(sqlite3 "$DB" "SELECT count(*) FROM onts")
is "$n" 64 "console --sweep reads all 64 ONTs through a pool job"
# contracts for the first ONTs of hw-1 0/1/0, linked by serial (billing-export CSV)
{
	echo "code,customer,address,sn"
	sqlite3 -csv "$DB" "SELECT 'C-10' || o.ont_id, 'Customer ' || o.ont_id, 'Rua ' || o.ont_id, o.sn
		FROM onts o JOIN olts l ON l.id = o.olt_id WHERE l.name = 'hw-1' AND o.port = '0/1/0'
		AND o.ont_id < 4 ORDER BY o.ont_id"
} >"$TMPD/contracts.csv"
check "import contracts with links" oltui_db import "$TMPD/contracts.csv"
# a PON outage on zte-1, read twice (alarms debounce over two sweeps)
PON=$(sqlite3 "$DB" "SELECT o.port FROM onts o JOIN olts l ON l.id = o.olt_id WHERE l.name = 'zte-1' ORDER BY o.port DESC LIMIT 1")
check "cut a ZTE PON" sim_ctl lab cut zte-1 "$PON"
con_sweep
con_sweep
n=$(sqlite3 "$DB" "SELECT count(*) FROM alarms WHERE cleared_at = 0")
[ "$n" -gt 0 ] && ok "the cut PON raised alarms ($n)" || not_ok "the cut PON raised alarms"
con_pin
SN0=$(sqlite3 "$DB" "SELECT o.sn FROM onts o JOIN olts l ON l.id = o.olt_id WHERE l.name = 'hw-1' AND o.port = '0/1/0' ORDER BY o.ont_id LIMIT 1")

# --- 80x24: tree, port table, ONT detail -----------------------------------
con_start c 80x24 -- 
con_wait c "Fleet" && ok "the console opens on the fleet" || not_ok "the console opens on the fleet"
con_golden c tree_80x24.txt "golden: the fleet tree with the OLT detail"
con_keys c l j l j
con_wait c "PON hw-1 0/1/0"
con_golden c port_80x24.txt "golden: a PON port's ONT table"
con_keys c o
con_wait c "worst first (o)"
con_golden c port_worst_80x24.txt "golden: the port table sorted worst signal first"
con_keys c o l j
con_wait c "ONT $SN0"
con_golden c ont_80x24.txt "golden: an ONT's detail with contract and signal"

# --- signal view -----------------------------------------------------------
con_keys c Enter
con_wait c "[1h]" && con_wait c "live read ok" 15
con_keys c t
con_wait c "[24h]"
con_golden c signal_24h_80x24.txt "golden: the signal view (24 h) after a live read"
con_keys c q
con_gone c "[24h]"
jobs=$(con_screen c | head -1)
unlike "$jobs" "jobs" "closing the signal view leaves no live job running"

# --- alarms, jump --------------------------------------------------------------
con_keys c F5
con_wait c "Alarms"
con_golden c alarms_80x24.txt "golden: active alarms, worst first"
# the first alarm about an ONT (outage and OLT-level rows come first); an
# alarm's text may wrap onto the rows under it: count the alarms' first rows
k=0 ASN=
while read -r line; do
	[[ $line == "│ ✖ "* || $line == "│ ⚠ "* ]] || continue
	ASN=$(awk '{ print $6 }' <<<"$line" | grep -oE '^[A-Z]{4}[0-9A-F]{8}$')
	[ -n "$ASN" ] && break
	k=$((k + 1))
done < <(con_screen c | sed -n '4,22p')
for ((i = 0; i < k; i++)); do con_keys c j; done
con_keys c Enter
con_wait c "ONT $ASN" && ok "Enter on an alarm jumps to its ONT in the tree" || not_ok "alarm jump"

# --- audit -----------------------------------------------------------------------
con_keys c g
con_wait c "OLT hw-1"
con_keys c a
con_wait c "Audit OLT hw-1"
con_golden c audit_olt_80x24.txt "golden: the audit trail of an OLT"
con_keys c / o l t Enter
con_wait c "olt add" && ok "audit search" || not_ok "audit search"
con_keys c Enter
con_wait c "no device commands" && ok "Enter opens an audit entry" || not_ok "Enter opens an audit entry"
con_keys c q
con_gone c "Audit OLT"

# --- filter and palette -----------------------------------------------------------
con_keys c / "${SN0:4:6}"
con_wait c "Fleet /${SN0:4:6}"
scr=$(con_screen c)
like "$scr" "$SN0" "filter as you type finds the ONT by serial"
unlike "$scr" "zte-1" "the filter hides what does not match"
con_keys c Escape
con_gone c "Fleet /"
con_keys c Escape
con_keys c : j u Tab
con_wait c ":jump"
con_keys c "$SN0" Enter
con_wait c "ONT $SN0" && ok "palette: Tab completes, jump selects by serial" || not_ok "palette jump"
con_keys c : b o g u s Enter
con_wait c "no command called 'bogus'" && ok "palette names an unknown command" || not_ok "palette unknown"

# --- help, writes not in this build ----------------------------------------------------
con_keys c '?'
con_wait c "what it does"
con_golden c help_80x24.txt "golden: help generated from the command table"
con_keys c q
con_keys c r
con_wait c "Reboot $SN0 on hw-1 0/1/0 ONT 0 (C-100)?" && ok "r asks, naming the ONT, its position and its contract" || not_ok "reboot asks"
con_keys c Escape
con_wait c "cancelled: nothing sent" && ok "Esc at the question sends nothing" || not_ok "reboot cancelled"
con_keys c F2
con_wait c "Discovered ONTs" && ok "F2 opens the discovery list" || not_ok "discovery list"
con_keys c q

# --- resize and the too-small guard ------------------------------------------------------
T resize-window -t c -x 132 -y 43
con_wait c "ONT $SN0"
sleep 0.2
con_golden c ont_132x43.txt "golden: resized to 132x43, the layout follows"
T resize-window -t c -x 50 -y 14
con_wait c "terminal too small" && ok "below the minimum: the guard" || not_ok "too-small guard"
con_keys c i
con_gone c "terminal too small" && ok "i ignores the guard" || not_ok "i ignores the guard"
T resize-window -t c -x 80 -y 24
con_wait c "ONT $SN0"
con_stop c

# --- 132x43 from the start: signal view ----------------------------------------------------
con_start big 132x43 -- 
con_wait big "Fleet"
con_keys big : j u m p " $SN0" Enter
con_wait big "ONT $SN0"
con_keys big F4
con_wait big "live read ok" 15
con_golden big signal_1h_132x43.txt "golden: the signal view at 132x43"
con_stop big

# --- mono + ASCII ---------------------------------------------------------------------------
con_start mono 80x24 NO_COLOR=1 -- --ascii
con_wait mono "Fleet"
con_keys mono l j l j l j
con_wait mono "ONT "
con_golden mono ascii_mono_80x24.txt "golden: --ascii draws with plain ASCII"
esc=$(T capture-pane -p -e -t mono)
if grep -qE $'\e\\[[0-9;]*(3[0-7]|38;5|9[0-7])m' <<<"$esc"; then not_ok "NO_COLOR: no colour escapes"; else ok "NO_COLOR: no colour escapes"; fi
unlike "$(con_screen mono)" "─" "ASCII mode uses no box-drawing characters"
con_stop mono

# --- suspend and resume (job control in a real shell) ---------------------------------------
T new-session -d -s sh -x 80 -y 24 "env -i PATH=$PATH HOME=$HOME TERM=tmux-256color LANG=C.UTF-8 TZ=UTC OLTUI_NOW=$NOW PS1='$ ' bash --norc --noprofile -i"
con_wait sh '$'
con_keys sh "$OLTUI --db $DB --key-file $KEY" Enter
con_wait sh "Fleet"
con_keys sh C-z
con_wait sh "Stopped" && ok "C-z suspends the console" || not_ok "C-z suspends"
con_keys sh "fg" Enter
con_wait sh "Fleet" && ok "fg resumes and redraws" || not_ok "fg resumes"
con_keys sh Q
con_wait sh '$ ' 5
con_keys sh "echo rc=\$?" Enter
con_wait sh "rc=0" && ok "Q quits with status 0 and restores the terminal" || not_ok "Q quits"
T kill-session -t sh

# --- themes from config.ini; a bad theme says so and falls back to mono ----------------------
for th in default light colourblind mono; do
	mkdir -p "$XDG_CONFIG_HOME/oltui"
	printf '[ui]\ntheme = %s\n' "$th" >"$XDG_CONFIG_HOME/oltui/config.ini"
	con_start th 80x24 -- 
	con_wait th "Fleet"
	con_keys th : t h e m e Enter
	con_wait th "theme $th (try" && ok "theme $th loads from themes/$th.theme" || not_ok "theme $th"
	con_stop th
done
rm -f "$XDG_CONFIG_HOME/oltui/config.ini"
con_start th 80x24 -- 
con_wait th "Fleet"
con_keys th : t h e m e " nosuch" Enter
con_wait th "no theme called 'nosuch'" && ok "an unknown theme is named, mono is used" || not_ok "unknown theme"
con_stop th

# --- discovery -> provisioning -> verify, then actions on the new ONT -----------------------
NEWSN=HWTC0BADC0DE
# the goldens above pinned the CLI ports; writes need the real ones back
for o in hw-1 zte-1; do
	sqlite3 "$DB" "UPDATE olts SET port = $(sim_field lab $o cliport) WHERE name = '$o'"
done
check "oltsim: an unauthorised ONT appears" sim_ctl lab add-autofind hw-1 0/1/1 $NEWSN
check "profile for the simulator" oltui_db profile add hw100 --vlan 100 --down-mbps 100 \
	--up-mbps 100 --line-profile 10 --service-profile 31
check "contract for the customer" oltui_db contract add C-2001 --customer "Nova Cliente"
con_start w 80x24 -- console --accept-new-host-key --known-hosts "$TMPD/known_hosts"
con_wait w "Fleet"
con_keys w F2
con_wait w "Discovered ONTs"
con_keys w R
con_wait w "discovery: " 60; diag "$(con_screen w | tail -1)"; con_screen w | grep -q "discovery: " && ok "R in the discovery list reads autofind on every OLT (a job)" || not_ok "discovery read"
con_wait w "$NEWSN" && ok "the new ONT is listed" || not_ok "new ONT listed"
k=0
while read -r line; do
	[[ $line == *"$NEWSN"* ]] && break
	k=$((k + 1))
done < <(con_screen w | sed -n '4,22p')
for ((i = 0; i < k; i++)); do con_keys w j; done
con_keys w Enter
con_wait w "Provision $NEWSN on hw-1 0/1/1" && ok "Enter opens the provisioning form" || not_ok "provisioning form"
con_wait w "< hw100 >"
con_keys w C - 2 0 0 1 Enter
con_wait w "the commands, then their undo" 60 && ok "Enter previews (dry run: nothing sent)" || not_ok "preview"
con_golden w provision_preview_80x24.txt "golden: the provisioning preview, exact commands and undo"
n0=$(sqlite3 "$DB" "SELECT count(*) FROM audit")
# a slow link (400 ms per command) so the steps come back one after another
check "oltsim: 400 ms per command on hw-1" sim_ctl lab latency hw-1 400
con_keys w Enter
# one capture showing step 1 done while a later step is in flight or waiting
live=""
deadline=$(( $(date +%s) + 60 ))
while [ "$(date +%s)" -le $deadline ]; do
	scr=$(con_screen w)
	if grep -qF "✔ step 1/" <<<"$scr"; then live=$scr; break; fi
	grep -qF "applied and verified" <<<"$scr" && break
	sleep 0.05
done
like "$live" "✔ step 1/[0-9]+  ont add " "live progress: step 1 is shown done as it comes back"
like "$live" "(… step [2-9]/[0-9]+  |  step [2-9]/[0-9]+  waiting)" \
	"live progress: in the same frame a later step is still pending"
like "$live" "✔ connected to hw-1" "live progress: the connection is shown first"
con_wait w "applied and verified" 60 && ok "Enter sends: applied and verified" || not_ok "provision applied"
check "oltsim: latency back to 0" sim_ctl lab latency hw-1 0
like "$(con_screen w)" "verified by reading back: serial $NEWSN" "the result shows the read-back"
n1=$(sqlite3 "$DB" "SELECT count(*) FROM audit")
is "$((n1 - n0))" 1 "the provisioning is one audit entry"
is "$(sqlite3 "$DB" "SELECT outcome FROM audit ORDER BY id DESC LIMIT 1")" "ok" "its outcome is ok"
con_keys w q
con_wait w "ONT $NEWSN" && ok "closing the result selects the new ONT in the tree" || not_ok "jump to new ONT"
con_wait w "C-2001"
con_keys w d
con_wait w "Disable $NEWSN on hw-1 0/1/1 ONT" && ok "disable says exactly what will happen" || not_ok "disable confirm"
like "$(con_screen w | tail -2 | tr -d '\n')" "No service until *enabled again" "the confirmation names the consequence, wrapped, not cut"
con_keys w n
con_wait w "cancelled" && ok "n sends nothing" || not_ok "n sends nothing"
is "$(sqlite3 "$DB" "SELECT count(*) FROM audit")" "$n1" "nothing was audited after n"
con_keys w r
con_wait w "y/n? Reboot $NEWSN"
con_keys w y
con_wait w "Reboot $NEWSN" && con_wait w "applied" 60 && ok "y reboots, the result is shown" || not_ok "reboot result"
con_keys w q
con_keys w s
con_wait w "new speed for $NEWSN"
con_keys w 1 0 0 Enter
con_wait w "speed: want DOWN/UP in Mbps" && ok "a malformed speed is refused before anything is sent" || not_ok "speed validation"
con_keys w c
con_wait w "Audit C-2001" && ok "c opens the contract's audit trail" || not_ok "contract audit"
con_stop w

# --- the live progress in ASCII: + done, . in flight ---------------------------------------
NEWSN2=HWTC0BADC0DF
check "oltsim: a second unauthorised ONT" sim_ctl lab add-autofind hw-1 0/1/1 $NEWSN2
con_start wa 80x24 -- --ascii console --accept-new-host-key --known-hosts "$TMPD/known_hosts"
con_wait wa "Fleet"
con_keys wa F2
con_wait wa "Discovered ONTs"
con_keys wa R
con_wait wa "discovery: " 60
con_wait wa "$NEWSN2"
k=0
while read -r line; do
	[[ $line == *"$NEWSN2"* ]] && break
	k=$((k + 1))
done < <(con_screen wa | sed -n '4,22p')
for ((i = 0; i < k; i++)); do con_keys wa j; done
con_keys wa Enter
con_wait wa "Provision $NEWSN2 on hw-1 0/1/1"
con_wait wa "< hw100 >"
con_keys wa Enter
con_wait wa "the commands, then their undo" 60
check "oltsim: 400 ms per command on hw-1 again" sim_ctl lab latency hw-1 400
con_keys wa Enter
live=""
deadline=$(( $(date +%s) + 60 ))
while [ "$(date +%s)" -le $deadline ]; do
	scr=$(con_screen wa)
	if grep -qF "+ step 1/" <<<"$scr"; then live=$scr; break; fi
	grep -qF "applied and verified" <<<"$scr" && break
	sleep 0.05
done
like "$live" "\\+ step 1/[0-9]+  ont add " "--ascii live progress: + marks a step done"
like "$live" "(\\. step [2-9]/[0-9]+  |  step [2-9]/[0-9]+  waiting)" \
	"--ascii live progress: . or waiting marks a later step in the same frame"
unlike "$live" "✔" "--ascii live progress: no UTF-8 check mark"
unlike "$live" "…" "--ascii live progress: no UTF-8 ellipsis"
con_wait wa "verified by reading back: serial $NEWSN2" 60 && ok "--ascii: the verified result follows" ||
	not_ok "--ascii: the verified result follows"
check "oltsim: latency back to 0 again" sim_ctl lab latency hw-1 0
con_stop wa

# --- a device that stops answering: jobs, quit asks, Esc cancels, cached data marked ---------
sim_ctl lab snmp-timeout hw-1 on
mkdir -p "$XDG_CONFIG_HOME/oltui"
printf '[poll]\nsnmp_timeout_ms = 6000\nsnmp_retries = 0\n' >"$XDG_CONFIG_HOME/oltui/config.ini"
con_start u 80x24 -- 
con_wait u "OLT hw-1"
con_keys u R
con_wait u "jobs 1" && ok "R queues a sweep; the header counts the running job" || not_ok "sweep job shown"
con_keys u Q
con_wait u "y/n? 1 job still running: quit and cancel it?" && ok "quitting with a job running asks" || not_ok "quit asks"
con_keys u n
con_wait u "cancelled" && ok "n keeps the console open" || not_ok "n keeps it open"
con_keys u Escape
con_wait u "cancelled 1 job" && ok "Esc cancels the running job" || not_ok "Esc cancels"
con_wait u "sweep hw-1 failed" 30 && ok "the failed sweep is reported, the screen never froze" || not_ok "failed sweep reported"
con_wait u "unreachable (last try" && ok "the OLT is marked unreachable" || not_ok "unreachable marker"
con_wait u "showing cached data: swept " && ok "its cached data stays with its age" || not_ok "cached data age"
like "$(con_screen u | sed -n 3p)" "hw-1 .*down" "the tree row says the OLT is down"
con_stop u
sim_ctl lab snmp-timeout hw-1 off

T kill-server 2>/dev/null
sim_stop lab
done_testing
