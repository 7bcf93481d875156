#!/bin/bash
# The Telnet transport + CLI engine against inetutils telnetd (under
# systemd-socket-activate) fronting the fake CLI: ZTE and Huawei login
# dialogues, bad logins, NAWS window, ZTE empty results and modes, the
# Huawei pager past scroll 512, unreachable port.
source "$OLTUI_TOP/tests/lib.sh"
source "$OLTUI_TOP/tests/integration/olt_servers.sh"
cd "$OLTUI_TOP"

printf 'zte-secret\n' >"$TMPD/zte.pw"
printf 'hw-secret\n' >"$TMPD/hw.pw"
printf 'wrong\n' >"$TMPD/bad.pw"
ZPORT=$(free_port)
HPORT=$(free_port)
start_telnetd zte "$ZPORT" "$(fakeolt_wrapper zte --vendor zte --login --user zte --password-file "$TMPD/zte.pw")"
start_telnetd hw "$HPORT" "$(fakeolt_wrapper hw --vendor huawei --login --user admin --password-file "$TMPD/hw.pw")"
zte() { $OLTUI cli-run --vendor zte --host 127.0.0.1 --port "$ZPORT" --transport telnet --name pop-south \
	--no-ssh-config --user zte --timeout 10000 "$@"; }
hw() { $OLTUI cli-run --vendor huawei --host 127.0.0.1 --port "$HPORT" --transport telnet \
	--no-ssh-config --user admin --timeout 10000 "$@"; }

out=$(zte --password-file "$TMPD/zte.pw" --timing "show version-running" 2>"$TMPD/err"); rc=$?
is "$rc" 0 "ZTE telnet login (Username:/Password:) and a command"
is "$out" $'ZXA10 C320 Software, Version V2.1.0, RELEASE SOFTWARE\nCopyright (c) 2001-2020 by ZTE Corporation' \
	"clean output: no echo, no prompt, no banner"
diag "$(grep timing "$TMPD/err")"
out=$(zte --password-file "$TMPD/bad.pw" "show version-running" 2>&1); rc=$?
is "$rc" 1 "a bad ZTE password is exit 1"
like "$out" "login to pop-south \\(127.0.0.1:$ZPORT\\) as zte refused: %Error 20209" "with the device's words"
unlike "$out" "wrong" "the password is not in the message"

js=$(zte --password-file "$TMPD/zte.pw" --json "show terminal" "show gpon onu uncfg" \
	"show gpon onu detail-info gpon-onu_1/1/1:9" "shwo card")
is "$(json_get "$js" 'd["commands"][0]["output"]')" "Terminal size : 500x50" "NAWS told the device a 500x50 window"
is "$(json_get "$js" 'd["commands"][1]["error"]')" None "%Code 62310 No related information is an empty result"
is "$(json_get "$js" 'd["commands"][2]["error"]["kind"]')" failure "%Code 32310 The ONU does not exist is a failure"
is "$(json_get "$js" 'd["commands"][3]["error"]["kind"]')" syntax "%Error 20200 is a syntax error"
like "$(json_get "$js" 'd["commands"][3]["error"]["device_text"]')" "^%Error 20200: Invalid input" "with the device text"
is "$(json_get "$js" 'd["hostname"]')" ZXAN "the host name comes from the prompt"

js=$(zte --password-file "$TMPD/zte.pw" --json "configure terminal" "interface gpon-olt_1/1/1" exit \
	"pon-onu-mng gpon-onu_1/1/1:1" end "show gpon onu state gpon-olt_1/1/1")
is "$(json_get "$js" '[c["error"] for c in d["commands"]]')" "[None, None, None, None, None, None]" "ZTE modes in and out"
is "$(json_get "$js" 'len(d["commands"][5]["output"].splitlines())')" 43 "a 40-ONU table arrives whole"

out=$(hw --password-file "$TMPD/hw.pw" "display version" 2>&1); rc=$?
is "$rc" 0 "Huawei telnet login (>>User name:/>>User password:)"
like "$out" "VERSION : MA5800V100R019C10" "display version over telnet"
out=$(hw --password-file "$TMPD/bad.pw" "display version" 2>&1); rc=$?
is "$rc" 1 "a bad Huawei password is exit 1"
like "$out" "refused: Username or password invalid." "with the device's words"
js=$(hw --password-file "$TMPD/hw.pw" --json "display ont info 0 all")
is "$(json_get "$js" 'len(d["commands"][0]["output"].splitlines())')" 600 "600 rows through the Huawei pager over telnet"

dead=$(free_port)
out=$($OLTUI cli-run --vendor zte --host 127.0.0.1 --port "$dead" --transport telnet --no-ssh-config \
	--user zte --password-file "$TMPD/zte.pw" "show version-running" 2>&1); rc=$?
is "$rc" 3 "a closed port is exit 3"
like "$out" "cannot connect to 127.0.0.1:$dead: Connection refused" "with a clear message"
done_testing
