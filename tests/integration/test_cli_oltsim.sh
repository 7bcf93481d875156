#!/bin/bash
# The transports + CLI engine against the lab: oltsim's own SSH (password)
# and Telnet servers, its injected faults (busy, dropped link, latency,
# garbled output, refused login), and real daemons fronting `oltsim --stdio`
# (OpenSSH sshd ForceCommand for Huawei, inetutils telnetd -E for ZTE).
# A persona missing from this oltsim build is reported as SKIP.
source "$OLTUI_TOP/tests/lib.sh"
source "$OLTUI_TOP/tests/lab/sim.sh"
source "$OLTUI_TOP/tests/integration/olt_servers.sh"
cd "$OLTUI_TOP"

skip() { ok "# SKIP $*"; }
sim_start lab --huawei 1 --zte 1 --no-life --seed 7 || { not_ok "oltsim starts"; done_testing; exit; }
KH=$TMPD/known_hosts

if sim_has_persona huawei; then
	HP=$(sim_field lab hw-1 cliport)
	sim_field lab hw-1 password >"$TMPD/hw.pw"
	HU=$(sim_field lab hw-1 user)
	hw() { $OLTUI cli-run --vendor huawei --host 127.0.0.1 --port "$HP" --name hw-1 --user "$HU" \
		--password-file "$TMPD/hw.pw" --known-hosts "$KH" --no-ssh-config "$@"; }

	js=$(hw --accept-new-host-key --json --timeout 10000 "display version" "display board 0" \
		config "interface gpon 0/1" "display ont info 0 all" "ont delete 0 0")
	is "$(json_get "$js" 'd["hostname"]')" MA5800-X7 "oltsim huawei over SSH: logged in (password auth)"
	like "$(json_get "$js" 'd["commands"][0]["output"]')" "VERSION : MA5800" "display version"
	unlike "$(json_get "$js" 'd["commands"][0]["output"]')" "MA5800-X7>" "no prompt in the output"
	unlike "$(json_get "$js" 'd["commands"][0]["output"]')" "display version" "no echo in the output"
	like "$(json_get "$js" 'd["commands"][1]["output"]')" "SlotID +BoardName" "display board 0"
	is "$(json_get "$js" '[c["error"] for c in d["commands"][:5]]')" "[None, None, None, None, None]" \
		"modes config -> interface gpon 0/1 without errors"
	like "$(json_get "$js" 'd["commands"][4]["output"]')" "the total of ONTs are" "display ont info 0 all arrives whole"
	is "$(json_get "$js" 'd["commands"][5]["error"]["kind"]')" failure "ont delete with service ports fails"
	is "$(json_get "$js" 'd["commands"][5]["error"]["device_text"]')" \
		"Failure: This configured object has some service virtual ports" "with the wrapped device text joined"
	js=$(hw --json --pool-workers 4 --repeat 10 --max-sessions 2 "display version" "display board 0")
	is "$(json_get "$js" '(d["commands"], d["errors"])')" "(80, 0)" "4 workers x 10 rounds through the session pool: no errors"
	is "$(json_get "$js" 'd["connects"] <= 2')" True "the pool never opened more than its cap of 2 sessions"
	out=$(hw "display version"$'\r'"reboot" 2>&1); rc=$?
	is "$rc" 2 "a command with a CR is refused before it is sent (a usage error)"

	# Faults.
	sim_ctl lab busy hw-1 on >/dev/null
	js=$(hw --json --busy-retries 1 --confirm config "interface gpon 0/1" "ont reset 0 1")
	is "$(json_get "$js" 'd["commands"][2]["error"]["kind"]')" busy "a device that stays busy: kind busy"
	like "$(json_get "$js" 'd["commands"][2]["error"]["message"]')" "still busy after 2 tries" "after the retry"
	(sleep 0.3; sim_ctl lab busy hw-1 off >/dev/null) &
	freer=$!
	js=$(hw --json --confirm config "interface gpon 0/1" "ont reset 0 1")
	wait "$freer"
	is "$(json_get "$js" 'd["commands"][2]["error"]')" None "busy, then free: the retry succeeds"
	sim_ctl lab drop-after hw-1 3000 >/dev/null
	out=$(hw --timeout 5000 "display version" "display version" "display version" "display version" 2>&1); rc=$?
	is "$rc" 3 "a dropped link is exit 3"
	like "$out" "connection to hw-1 \\(127.0.0.1:$HP\\) closed by the device after 3,000 bytes" "and says how many bytes came"
	sim_ctl lab drop-after hw-1 0 >/dev/null
	sim_ctl lab latency hw-1 2000 >/dev/null
	out=$(hw --timeout 500 "display board 0" 2>&1); rc=$?
	is "$rc" 3 "a slow device times out (exit 3)"
	like "$out" "no prompt from hw-1 \\(127.0.0.1:$HP\\) within 500 ms" "with a clear message"
	sim_ctl lab latency hw-1 0 >/dev/null
	sim_ctl lab garble hw-1 on >/dev/null
	out=$(hw --timeout 1000 "display board 0" 2>&1); rc=$?
	is "$rc" 3 "garbled output never passes for a prompt (exit 3)"
	like "$out" "no prompt from hw-1" "it ends in a timeout naming the OLT"
	sim_ctl lab garble hw-1 off >/dev/null
	sim_ctl lab refuse-login hw-1 on >/dev/null
	out=$(hw "display board 0" 2>&1); rc=$?
	is "$rc" 1 "a refused login is exit 1"
	like "$out" "SSH login to hw-1 \\(127.0.0.1:$HP\\) as $HU refused" "with a clear message"
	sim_ctl lab refuse-login hw-1 off >/dev/null
	check "after the faults are cleared it works again" hw "display board 0"
else
	for t in login version prompt echo board pool pool-cap modes ontinfo delete wrapped cr busy busy-msg busy-then-free \
		drop drop-msg slow slow-msg garble garble-msg refuse refuse-msg cleared; do
		skip "oltsim has no huawei persona ($t)"
	done
fi

if sim_has_persona zte; then
	ZP=$(sim_field lab zte-1 cliport)
	sim_field lab zte-1 password >"$TMPD/zte.pw"
	ZU=$(sim_field lab zte-1 user)
	zte() { $OLTUI cli-run --vendor zte --host 127.0.0.1 --port "$ZP" --transport telnet --name zte-1 \
		--user "$ZU" --no-ssh-config "$@"; }
	js=$(zte --password-file "$TMPD/zte.pw" --json --timeout 10000 "show card" "show gpon onu state gpon-olt_1/1/1" \
		"configure terminal" "interface gpon-olt_1/1/1" exit "pon-onu-mng gpon-onu_1/1/1:1" end \
		"show gpon onu detail-info gpon-onu_1/1/1:120")
	is "$(json_get "$js" 'd["hostname"]')" ZXAN "oltsim zte over Telnet: logged in (in-band)"
	like "$(json_get "$js" 'd["commands"][0]["output"]')" "GTGH" "show card"
	like "$(json_get "$js" 'd["commands"][1]["output"]')" "OnuIndex +Admin State" "show gpon onu state"
	is "$(json_get "$js" '[c["error"] for c in d["commands"][:7]]')" "[None, None, None, None, None, None, None]" \
		"modes in and out without errors"
	is "$(json_get "$js" 'd["commands"][7]["error"]["kind"]')" failure "an ONU that does not exist is a failure"
	js=$(zte --password-file "$TMPD/zte.pw" --json --pool-workers 8 --repeat 5 --max-sessions 3 "show card")
	is "$(json_get "$js" '(d["commands"], d["errors"], d["connects"] <= 3)')" "(40, 0, True)" \
		"8 workers through a pool capped at 3 Telnet sessions"
	printf 'wrong\n' >"$TMPD/bad.pw"
	out=$(zte --password-file "$TMPD/bad.pw" --timeout 5000 "show card" 2>&1); rc=$?
	is "$rc" 1 "a wrong ZTE password is exit 1"
	like "$out" "login to zte-1 \\(127.0.0.1:$ZP\\) as $ZU refused" "with the device's words"
	unlike "$out" "wrong" "the password is not shown"
else
	for t in login card state modes missing-onu pool bad-pw bad-pw-msg no-pw; do skip "oltsim has no zte persona ($t)"; done
fi

# Real daemons fronting `oltsim --stdio`.
if sim_has_persona huawei && [ "$(id -u)" = 0 ]; then
	SP=$(free_port)
	printf '#!/bin/sh\nexec %q --stdio --persona huawei --seed 7\n' "$OLTSIM" >"$TMPD/hw-stdio.sh"
	chmod 755 "$TMPD/hw-stdio.sh"
	start_sshd stdio "$SP" "$TMPD/hw-stdio.sh"
	js=$($OLTUI cli-run --vendor huawei --host 127.0.0.1 --port "$SP" --user root --key-file-ssh "$TMPD/client_key" \
		--known-hosts "$KH" --accept-new-host-key --no-ssh-config --json --timeout 10000 "display version" \
		config "interface gpon 0/1" "display ont info 0 all")
	like "$(json_get "$js" 'd["commands"][0]["output"]')" "VERSION : MA5800" "sshd fronting oltsim --stdio: display version"
	is "$(json_get "$js" '[c["error"] for c in d["commands"]]')" "[None, None, None, None]" "and modes, without errors"
	unlike "$(json_get "$js" 'd["commands"][3]["output"]')" "MA5800-X7(" "no prompt left in the output"
else
	for t in version modes prompt; do skip "sshd fronting needs root and the huawei persona ($t)"; done
fi
if sim_has_persona zte && [ "$(id -u)" = 0 ]; then
	TP=$(free_port)
	printf '#!/bin/sh\nexec %q --stdio --persona zte --seed 7\n' "$OLTSIM" >"$TMPD/zte-stdio.sh"
	chmod 755 "$TMPD/zte-stdio.sh"
	start_telnetd stdio-zte "$TP" "$TMPD/zte-stdio.sh"
	printf 'Zte@lab1\n' >"$TMPD/stdio.pw"
	js=$($OLTUI cli-run --vendor zte --host 127.0.0.1 --port "$TP" --transport telnet --user zte \
		--password-file "$TMPD/stdio.pw" --no-ssh-config --json --timeout 10000 "show card" "show gpon onu uncfg")
	like "$(json_get "$js" 'd["commands"][0]["output"]')" "GTGH" "telnetd fronting oltsim --stdio: show card"
	is "$(json_get "$js" '[c["error"] for c in d["commands"]]')" "[None, None]" "without errors"
else
	for t in card errors; do skip "telnetd fronting needs root and the zte persona ($t)"; done
fi
done_testing
