#!/bin/bash
# test_zte_telnet.sh — the ZTE C320 persona behind oltsim's Telnet server,
# driven by real clients: netmiko's cisco_ios_telnet (what the platform
# notes found to work with ZTE OLTs on this Debian) and a raw socket for the
# exact pager bytes.  Passwords go through the environment, never argv.
source "$OLTUI_TOP/tests/lib.sh"

if [ ! -f "$OLTUI_TOP/tests/lab/sim.sh" ]; then
	# The Telnet server (lab-core) is not in this tree yet.
	ok "# SKIP oltsim has no Telnet server in this tree"
	done_testing
	exit
fi
source "$OLTUI_TOP/tests/lab/sim.sh"

if sim_has_persona zte; then ok "oltsim links the ZTE persona"; else not_ok "oltsim links the ZTE persona"; fi
if ! sim_start z --huawei 0 --zte 1 --boards 1 --pons 2 --onts 30 --no-life --seed 3; then
	not_ok "oltsim starts"; cat "$TMPD/z.err"; done_testing; exit
fi
ok "oltsim starts"
PORT=$(sim_field z zte-1 cliport)
export OLT_USER=$(sim_field z zte-1 user) OLT_PASSWORD=$(sim_field z zte-1 password) PORT

# netmiko: login, a show command, a provisioning, read back.
out=$(timeout 120 /usr/bin/python3 - <<'PY' 2>&1
import os
from netmiko import ConnectHandler
c = ConnectHandler(device_type="cisco_ios_telnet", host="127.0.0.1", port=int(os.environ["PORT"]),
                   username=os.environ["OLT_USER"], password=os.environ["OLT_PASSWORD"],
                   fast_cli=True, timeout=20)
print("PROMPT=" + c.find_prompt())
print(c.send_command("show gpon onu state gpon-olt_1/1/1"))
c.config_mode(config_command="configure terminal")
print(c.send_config_set(["interface gpon-olt_1/1/1", "onu 31 type ZTE-F660 sn ZTEGC0FFEE31",
                         "exit", "interface gpon-onu_1/1/1:31", "name test-31",
                         "service-port 1 vport 1 user-vlan 100 vlan 100"], exit_config_mode=True))
print(c.send_command("show gpon onu state gpon-olt_1/1/1"))
print(c.send_command("show running-config interface gpon-onu_1/1/1:31"))
c.disconnect()
PY
)
like "$out" "PROMPT=ZXAN#" "netmiko logs in and finds ZXAN#"
like "$out" "OnuIndex   Admin State  OMCC State  Phase State  Channel" "state header over Telnet"
like "$out" "ONU Number: [0-9]+/30" "state footer for the 30 seeded ONUs"
like "$out" "1/1/1:31    enable       disable     OffLine      1\(GPON\)" "the provisioned ONU is listed (not plugged in: OffLine)"
like "$out" "ONU Number: [0-9]+/31" "and counted"
like "$out" $'interface gpon-onu_1/1/1:31\n  name test-31\n  service-port 1 vport 1 user-vlan 100 vlan 100\n!\nend' \
	"its running-config reads back"
unlike "$out" "%Error" "no command was refused"

# Raw bytes: echo, the pager marker and its erase bytes, logout by exit.
raw=$(timeout 60 python3 - <<'PY' 2>&1
import os, socket, time
s = socket.create_connection(("127.0.0.1", int(os.environ["PORT"])))
s.settimeout(0.3)
def until(pat, limit=10.0):
    buf, end = b"", time.time() + limit
    while pat not in buf and time.time() < end:
        try:
            d = s.recv(65536)
            if not d:
                break
            buf += d
        except socket.timeout:
            pass
    return buf
def send(b):
    s.sendall(b)
until(b"Username:")
send(os.environ["OLT_USER"].encode() + b"\r\n"); until(b"Password:")
send(os.environ["OLT_PASSWORD"].encode() + b"\r\n"); until(b"ZXAN#")
send(b"show gpon onu state gpon-olt_1/1/1\r\n")
first = until(b" --More--")
print("MORE_AT_END=%s" % first.endswith(b"\r\n --More--"))
send(b" ")
rest = until(b"ZXAN#")
print("ERASE8=%s" % rest.startswith(b"\x08 \x08" * 8))
print("NO_ERASE9=%s" % (not rest.startswith(b"\x08 \x08" * 9)))
send(b"conf t\r\n")
print("CARET=%s" % (until(b"ZXAN#") == b"conf t\r\n     ^\r\n%Error 20200: Invalid input detected at '^' marker.\r\nZXAN#"))
send(b"exit\r\n")
print("CLOSED=%s" % (until(b"\x00\x00", 3.0).endswith(b"exit\r\n")))
PY
)
like "$raw" "MORE_AT_END=True" "a long answer stops at ' --More--'"
like "$raw" "ERASE8=True" "the next screen starts with \\x08 \\x08 x 8"
like "$raw" "NO_ERASE9=True" "exactly 8 times"
like "$raw" "CARET=True" "conf t is refused with the caret under conf"
like "$raw" "CLOSED=True" "exit at ZXAN# logs out"
done_testing
