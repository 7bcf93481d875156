#!/bin/bash
# `oltui acs …` end to end against the GenieACS NBI stand-in
# (tests/lab/acsim.py on 127.0.0.1) with a Huawei TR-098 router (its ONT
# provisioned on oltsim's hw-1, contract C-1), a ZTE TR-098 router (on
# zte-1, contract C-2) and a TR-181 router the database does not know.
# Every write is checked on the stand-in's own state (GET /_sim/device),
# not on oltui's words: show, dry run (no task reaches the ACS), WiFi per
# radio, PPPoE, set by path, undo back to the state before, an undo refused
# when the router changed since, a passphrase restored by undo from the
# vault, reboot, factory reset (two confirmations), firmware, an offline
# router (exit 3, or --queue: queued, run when it comes online, tracked by
# `acs tasks`), 504 and 404, the ACS's own password from the vault, the
# insecure warning; the audit entries (request, answer, contract) and no
# secret in the audit, the database or argv.
source "$OLTUI_TOP/tests/lib.sh"
source "$OLTUI_TOP/tests/lab/sim.sh"
source "$OLTUI_TOP/tests/lab/acsim.sh"
source "$OLTUI_TOP/tests/integration/writes_env.sh"
cd "$OLTUI_TOP"

HW=HWTC1A2B3C4D		# EG8145V5, TR-098, WLAN 1,2,5,6
ZT=ZTEGC0FFEE01		# F660, TR-098, WLAN 1 and 5
NK=ALCLB2C3D4E5		# G-240W-C, TR-181
PW1=Wifi-Secret-One-91
PW2=Wifi-Secret-Two-92
PPPW=Ppp-Secret-93
CFG=$XDG_CONFIG_HOME/oltui/config.ini

# dev NAME ID EXPR: EXPR on the stand-in's record of device ID (as d: doc,
# secrets, software, online); v(PATH) is a leaf's _value.
dev() {
	acsim_ctl "$1" GET "device/$(urlenc "$2")" | /usr/bin/python3 -c "
import json, sys
d = json.load(sys.stdin)
def v(p):
    n = d['doc']
    for s in p.split('.'):
        n = n.get(s) if isinstance(n, dict) else None
    return None if n is None else n.get('_value')
print($3)"
}
stat() { acsim_ctl a GET stats | json_py "d['$1']"; }

echo nbi-pass-77 >"$TMPD/nbipw"
if acsim_start a && acsim_start auth --user nbi --password-file "$TMPD/nbipw"; then
	ok "acsim started (plain, and with basic auth)"
else
	not_ok "acsim started"; done_testing; exit 1
fi
HWID=$(acsim_id a $HW) ZTID=$(acsim_id a $ZT) NKID=$(acsim_id a $NK)

# ---- no ACS configured ----
out=$(O acs show $HW 2>&1); rc=$?
is "$rc" 2 "no ACS configured: exit 2"
like "$out" '\[acs\] url' "and the message names [acs] url"
json=$(O acs show $HW --json 2>/dev/null)
is "$(json_py "d['error']['kind'], d['error']['exit']" <<<"$json")" "usage 2" "--json: the error as JSON"

# ---- the lab: the two ONTs provisioned with contracts ----
if writes_env_start; then ok "oltsim started, OLTs added"; else not_ok "oltsim started"; done_testing; exit 1; fi
O contract add C-2 --customer "Bo Diaz" >/dev/null
sim_ctl w add-autofind hw-1 0/1/1 $HW >/dev/null
sim_ctl w add-autofind zte-1 1/1/2 $ZT >/dev/null
O provision --olt hw-1 --port 0/1/1 --sn $HW --profile hw100 --contract C-1 --accept-new-host-key >/dev/null 2>&1
O provision --olt zte-1 --port 1/1/2 --sn $ZT --profile zte100 --contract C-2 >/dev/null 2>&1
is "$(O ont list --json | json_py "sorted((o['sn'], o['contract']) for o in d)")" \
	"[('$HW', 'C-1'), ('$ZT', 'C-2')]" "both ONTs are in the database with their contracts"
mkdir -p "$(dirname "$CFG")"
printf '[acs]\nurl = %s\ntimeout_s = 2\n' "$(acsim_url a)" >"$CFG"

# ---- show ----
json=$(O acs show $HW --json); rc=$?
is "$rc" 0 "acs show exits 0"
is "$(json_py "d['sn'], d['contract'], d['olt']" <<<"$json")" "$HW C-1 hw-1" \
	"show names the ONT, its contract and OLT from the database"
like "$(json_py "d['model']" <<<"$json")" "TR-098" "the Huawei router speaks TR-098"
out=$(O acs show $NK)
like "$out" "$NKID" "show of a TR-181 router the database does not know"
like "$out" "(ago|age)" "and says how old its data is"

# ---- dry run sends nothing ----
before=$(dev a "$HWID" "v('InternetGatewayDevice.LANDevice.1.WLANConfiguration.1.SSID')")
t0=$(stat tasks_done) s0=$(stat sessions)
out=$(O acs wifi $HW --ssid DryRun --dry-run); rc=$?
is "$rc" 0 "wifi --dry-run exits 0"
like "$out" "WLANConfiguration\.1\.SSID: \"$before\" -> \"DryRun\"" "the preview shows before -> after"
like "$out" "nothing was sent" "and says nothing was sent"
is "$(stat tasks) $(stat tasks_done) $(stat sessions)" "0 $t0 $s0" "the ACS got no task and the router no session"

# ---- WiFi on the Huawei router: SSID and passphrase ----
echo "$PW1" >"$TMPD/pw1"
echo "$PW2" >"$TMPD/pw2"
json=$(O acs wifi $HW --radio 1 --ssid Casa-Ana --password-file "$TMPD/pw1" --json); rc=$?
is "$rc" 0 "wifi SSID + passphrase exits 0"
is "$(dev a "$HWID" "v('InternetGatewayDevice.LANDevice.1.WLANConfiguration.1.SSID'), d['secrets'].get('InternetGatewayDevice.LANDevice.1.WLANConfiguration.1.PreSharedKey.1.KeyPassphrase')")" \
	"Casa-Ana $PW1" "the router has the new SSID and passphrase (Huawei PreSharedKey.1.KeyPassphrase)"
is "$(json_py "sorted((p['path'].split('.')[-1], p['state']) for p in d['params'])" <<<"$json")" \
	"[('KeyPassphrase', 'accepted, not readable back'), ('SSID', 'verified')]" \
	"SSID verified, passphrase accepted (not readable back)"
WIFI1=$(json_py "d['audit_id']" <<<"$json")
aud=$(O audit --ont $HW --json | json_py "[e for e in d if e['id'] == $WIFI1][0]")
like "$aud" "'contract': 'C-1'" "the audit entry is under the contract"
like "$aud" "'action': 'acs wifi'" "with the action"
like "$aud" "POST /devices/" "the request"
like "$aud" "HTTP 200" "and the ACS's answer"
unlike "$aud" "$PW1" "the passphrase is not in the audit"

# the 5 GHz radio by band on the ZTE router (instance 5, its own passphrase path)
json=$(O acs wifi $ZT --radio 5G --ssid Bo-5G --password-file "$TMPD/pw2" --json); rc=$?
is "$rc" 0 "wifi --radio 5G on the ZTE router exits 0"
is "$(dev a "$ZTID" "v('InternetGatewayDevice.LANDevice.1.WLANConfiguration.5.SSID'), d['secrets'].get('InternetGatewayDevice.LANDevice.1.WLANConfiguration.5.KeyPassphrase')")" \
	"Bo-5G $PW2" "the router has them at WLANConfiguration.5 (ZTE KeyPassphrase)"
is "$(O audit --ont $ZT --json | json_py "[e['contract'] for e in d if e['action'] == 'acs wifi']")" \
	"['C-2']" "the ZTE change is filed under C-2"

# TR-181
nbefore=$(dev a "$NKID" "v('Device.WiFi.SSID.1.SSID')")
json=$(O acs wifi $NK --ssid Nokia-Home --json); rc=$?
is "$rc" 0 "wifi on the TR-181 router exits 0"
is "$(dev a "$NKID" "v('Device.WiFi.SSID.1.SSID')")" "Nokia-Home" "the router has Device.WiFi.SSID.1.SSID"
NKAUD=$(json_py "d['audit_id']" <<<"$json")
is "$(O audit --json | json_py "[(e['contract'], e['ont']) for e in d if e['id'] == $NKAUD][0]")" \
	"('', '$NK')" "an ONT the database does not know: the entry names its serial, no contract"

# nothing to do
out=$(O acs wifi $NK --ssid Nokia-Home); rc=$?
is "$rc" 0 "the same SSID again exits 0"
like "$out" "nothing to do" "and sends nothing"

# ---- undo ----
out=$(O undo "$NKAUD" --yes); rc=$?
is "$rc" 0 "undo of the TR-181 change exits 0"
is "$(dev a "$NKID" "v('Device.WiFi.SSID.1.SSID')")" "$nbefore" "the router is back to the SSID before"
# a second passphrase; its undo restores the first one from the vault
json=$(O acs wifi $HW --password-file "$TMPD/pw2" --json)
WIFI2=$(json_py "d['audit_id']" <<<"$json")
out=$(O undo "$WIFI2" --yes 2>&1); rc=$?
is "$rc" 0 "undo of the second passphrase exits 0"
is "$(dev a "$HWID" "d['secrets'].get('InternetGatewayDevice.LANDevice.1.WLANConfiguration.1.PreSharedKey.1.KeyPassphrase')")" \
	"$PW1" "the router has the first passphrase again (kept sealed by oltui)"
# the first one replaced a passphrase oltui never knew
out=$(O undo "$WIFI1" --yes 2>&1); rc=$?
is "$rc" 2 "undo of a passphrase oltui never knew before: exit 2"
like "$out" "never known" "saying it was never known"
# a parameter by path, and its undo
Z1=InternetGatewayDevice.LANDevice.1.WLANConfiguration.1
json=$(O acs set $ZT $Z1.Enable false xsd:boolean --json); rc=$?
is "$rc" 0 "set a boolean by path exits 0"
is "$(dev a "$ZTID" "v('$Z1.Enable')")" "False" "the router has it off"
out=$(O undo "$(json_py "d['audit_id']" <<<"$json")" --yes); rc=$?
is "$rc" 0 "its undo exits 0"
is "$(dev a "$ZTID" "v('$Z1.Enable')")" "True" "and the router has it on again"
# a router changed since that write: its undo is refused, nothing set
zs0=$(dev a "$ZTID" "v('$Z1.SSID')")
json=$(O acs set $ZT $Z1.SSID Tmp-One --json)
SETAUD=$(json_py "d['audit_id']" <<<"$json")
acsim_ctl a POST "set/$(urlenc "$ZTID")" - <<<"[[\"$Z1.SSID\", \"Someone-Else\", \"xsd:string\"]]" >/dev/null
out=$(O undo "$SETAUD" --yes 2>&1); rc=$?
is "$rc" 1 "undo of a write changed since: refused (exit 1)"
like "$out" "changed since" "saying the router changed since"
is "$(dev a "$ZTID" "v('$Z1.SSID')")" "Someone-Else" "the router keeps the later change"
acsim_ctl a POST "set/$(urlenc "$ZTID")" - <<<"[[\"$Z1.SSID\", \"Tmp-One\", \"xsd:string\"]]" >/dev/null
out=$(O undo "$SETAUD" --yes 2>&1); rc=$?
is "$rc" 0 "once as the write left it, the undo runs"
is "$(dev a "$ZTID" "v('$Z1.SSID')")" "$zs0" "and the router has the SSID before"

# ---- PPPoE ----
echo "$PPPW" >"$TMPD/ppp"
json=$(O acs pppoe $ZT --user bo@isp --password-file "$TMPD/ppp" --json); rc=$?
is "$rc" 0 "pppoe exits 0"
upath=$(json_py "[p['path'] for p in d['params'] if p['path'].endswith('.Username')][0]" <<<"$json")
ppath=$(json_py "[p['path'] for p in d['params'] if p['path'].endswith('.Password')][0]" <<<"$json")
like "$upath" '^InternetGatewayDevice\.WANDevice\.1\.WANConnectionDevice\.[0-9]+\.WANPPPConnection\.[0-9]+\.Username$' \
	"the PPPoE user of the WAN connection that carries it"
is "$(dev a "$ZTID" "v('$upath'), d['secrets'].get('$ppath')")" "bo@isp $PPPW" \
	"the router has the PPPoE user and password"

# ---- every change on each data model and vendor, and its undo ----
for sn in $HW $ZT $NK; do
	id=$(acsim_id a $sn)
	root=InternetGatewayDevice; [ $sn = $NK ] && root=Device
	iv=$root.ManagementServer.PeriodicInformInterval
	# a parameter by path (xsd:unsignedInt), read back, undone
	was=$(dev a "$id" "v('$iv')")
	json=$(O acs set $sn $iv 900 xsd:unsignedInt --json); rc=$?
	is "$rc $(dev a "$id" "v('$iv')")" "0 900" "$sn: set $iv (exit 0, the router has 900)"
	is "$(json_py "d['params'][0]['state']" <<<"$json")" "verified" "$sn: read back and verified"
	O undo "$(json_py "d['audit_id']" <<<"$json")" --yes >/dev/null; rc=$?
	is "$rc $(dev a "$id" "v('$iv')")" "0 $was" "$sn: its undo restores $was"
	# the PPPoE user of the WAN that carries it, undone
	json=$(O acs pppoe $sn --user "u-$sn@isp" --json); rc=$?
	up=$(json_py "d['params'][0]['path']" <<<"$json")
	is "$rc $(dev a "$id" "v('$up')")" "0 u-$sn@isp" "$sn: pppoe --user sets $up"
	O undo "$(json_py "d['audit_id']" <<<"$json")" --yes >/dev/null; rc=$?
	is "$rc $(dev a "$id" "v('$up') != 'u-$sn@isp'")" "0 True" "$sn: its undo restores the user before"
	# refresh (nothing to read back), through the pipeline and audited
	s0=$(stat sessions)
	out=$(O acs refresh $sn); rc=$?
	is "$rc $(( $(stat sessions) > s0 ))" "0 1" "$sn: refresh runs a session on the router"
	like "$out" "nothing to verify" "$sn: refresh is applied, nothing to verify"
done

# ---- set: refused before anything is sent ----
out=$(O acs set $ZT InternetGatewayDevice.LANDevice.1.WLANConfiguration.1.Enable maybe xsd:boolean 2>&1); rc=$?
is "$rc" 2 "a value that is not its type: exit 2"
out=$(O acs set $ZT Device.WiFi.SSID.1.SSID x 2>&1); rc=$?
is "$rc" 2 "a path outside the router's data model: exit 2"
out=$(O acs set $ZT InternetGatewayDevice.X.1.Y v xsd:float 2>&1); rc=$?
is "$rc" 2 "an unknown type: exit 2"
out=$(O acs set $ZT InternetGatewayDevice.LANDevice.1.WLANConfiguration.1.KeyPassphrase "$PW2" 2>&1); rc=$?
is "$rc" 2 "a password as a command-line value: exit 2"
out=$(O acs wifi $HW --password "$PW2" 2>&1); rc=$?
is "$rc" 2 "--password is refused"
like "$out" "password-file" "naming --password-file"

# ---- reboot, factory reset, firmware ----
boot0=$(dev a "$HWID" "d['doc'].get('_lastBoot')")
out=$(O acs reboot $HW 2>&1 </dev/null); rc=$?
is "$rc" 2 "reboot without a terminal and without --yes: exit 2"
out=$(O acs reboot $HW --yes); rc=$?
is "$rc" 0 "reboot --yes exits 0"
like "$out" "nothing to verify" "applied (nothing to verify)"
isnt_boot=$(dev a "$HWID" "d['doc'].get('_lastBoot') != '$boot0'")
is "$isnt_boot" "True" "the router rebooted (_lastBoot changed)"
out=$(O acs factory-reset $NK --yes 2>&1); rc=$?
is "$rc" 2 "factory-reset with --yes alone: exit 2"
is "$(dev a "$NKID" "v('Device.WiFi.SSID.1.SSID')")" "$nbefore" "nothing was erased"
out=$(O acs factory-reset $NK --yes --confirm-factory-reset); rc=$?
is "$rc" 0 "factory-reset --yes --confirm-factory-reset exits 0"
is "$(dev a "$NKID" "len(d['secrets'])")" "0" "the router lost its secrets (factory state)"
files=$(O acs files --json)
fw=$(json_py "[f['name'] for f in d if f['product_class'] == 'EG8145V5'][0]" <<<"$files")
ver=$(json_py "[f['version'] for f in d if f['name'] == '$fw'][0]" <<<"$files")
out=$(O acs firmware $HW --file no-such.bin 2>&1); rc=$?
is "$rc" 2 "firmware of a file the ACS does not hold: exit 2"
out=$(O acs firmware $HW --file "$fw"); rc=$?
is "$rc" 0 "firmware --file exits 0"
is "$(dev a "$HWID" "d['software']")" "$ver" "the router runs the new image"
out=$(O acs firmware $HW --file "$fw"); rc=$?
like "$out" "nothing to do" "the same image again sends nothing"

# ---- an offline router ----
acsim_ctl a POST "offline/$(urlenc "$ZTID")" >/dev/null
zs=$(dev a "$ZTID" "v('InternetGatewayDevice.LANDevice.1.WLANConfiguration.1.SSID')")
out=$(O acs wifi $ZT --ssid Later 2>&1); rc=$?
is "$rc" 3 "an offline router: exit 3"
is "$(stat tasks)" "0" "nothing was left on the ACS"
json=$(O acs wifi $ZT --ssid Later --queue --json); rc=$?
is "$rc" 0 "--queue: exit 0"
is "$(json_py "d['queued'], d['outcome'], d['verified']" <<<"$json")" "True queued False" \
	"queued, not verified"
TASK=$(json_py "d['task_id']" <<<"$json")
is "$(dev a "$ZTID" "v('InternetGatewayDevice.LANDevice.1.WLANConfiguration.1.SSID')")" "$zs" "not changed yet"
is "$(O acs tasks $ZT --json | json_py "[(t['task_id'], t['state']) for t in d]")" "[('$TASK', 'queued')]" \
	"acs tasks shows it queued"
like "$(O acs show $ZT)" "PENDING.*$TASK" "acs show mentions it"
acsim_ctl a POST "online/$(urlenc "$ZTID")" >/dev/null
is "$(dev a "$ZTID" "v('InternetGatewayDevice.LANDevice.1.WLANConfiguration.1.SSID')")" "Later" \
	"once online the router ran it"
is "$(O acs tasks $ZT --json | json_py "[(t['task_id'], t['state']) for t in d]")" "[('$TASK', 'done')]" \
	"acs tasks shows it done"

# ---- an ACS that quotes the passphrase it refuses: never shown ----
PW3=Quoted-Secret-94
echo "$PW3" >"$TMPD/pw3"
curl -sS "$(acsim_url a)/devices/?query=$(urlenc "{\"_id\":\"$HWID\"}")" |
	/usr/bin/python3 -c 'import json,sys; print(json.dumps({"status": 200, "body": sys.stdin.read()}))' |
	acsim_ctl a POST next - >/dev/null
/usr/bin/python3 -c 'import json,sys; print(json.dumps({"status": 400, "body": "Error: Invalid parameter value %s" % sys.argv[1]}))' "$PW3" |
	acsim_ctl a POST next - >/dev/null
out=$(O acs wifi $HW --password-file "$TMPD/pw3" --json 2>&1); rc=$?
is "$rc" 1 "a task the ACS refuses (400): exit 1"
unlike "$out" "$PW3" "the refused passphrase the ACS quoted is not shown"
like "$out" "Invalid parameter value \*\*\*" "it is masked where the ACS quoted it"

# ---- 504, 404 ----
# The router is found (its document, as the ACS answers it), then the
# task's connection request fails.
curl -sS "$(acsim_url a)/devices/?query=$(urlenc "{\"_id\":\"$HWID\"}")" |
	/usr/bin/python3 -c 'import json,sys; print(json.dumps({"status": 200, "body": sys.stdin.read()}))' |
	acsim_ctl a POST next - >/dev/null
acsim_ctl a POST next - <<<'{"status":504,"reason":"Gateway Timeout","body":"connection request failed","count":1}' >/dev/null
boot0=$(dev a "$HWID" "d['doc'].get('_lastBoot')")
out=$(O acs reboot $HW --yes 2>&1); rc=$?
is "$rc" 3 "a 504 (connection request failed): exit 3"
is "$(dev a "$HWID" "d['doc'].get('_lastBoot') == '$boot0'") $(stat tasks)" "True 0" \
	"the router did not reboot, no task was left"
out=$(O acs show HWTC99999999 2>&1); rc=$?
is "$rc" 2 "a router the ACS does not have: exit 2"
out=$(O acs wifi HWTC99999999 --ssid x 2>&1); rc=$?
is "$rc" 2 "a change to it: exit 2"

# ---- the ACS's own password, from the vault ----
printf '[acs]\nurl = %s\nuser = nbi\ntimeout_s = 2\n' "$(acsim_url auth)" >"$CFG"
out=$(O acs show $HW 2>&1); rc=$?
is "$rc" 1 "without its password the ACS refuses (exit 1)"
check "acs password --password-file keeps it" O acs password --password-file "$TMPD/nbipw"
out=$(O acs show $HW --json); rc=$?
is "$rc" 0 "with the password from the vault, show works"
printf '[acs]\nurl = %s\ninsecure = true\ntimeout_s = 2\n' "$(acsim_url a)" >"$CFG"
out=$(O acs files 2>&1 >/dev/null)
like "$out" "WARNING: TLS certificate verification is OFF" "acs.insecure says so loudly"

# ---- no secret in the audit, the database or argv ----
all=$(O audit --json)
for s in "$PW1" "$PW2" "$PW3" "$PPPW" nbi-pass-77; do
	unlike "$all" "$s" "no secret in the audit trail (${s:0:4}…)"
	n=$(cat "$DB" "$DB-wal" 2>/dev/null | grep -ac -- "$s")
	is "$n" 0 "no secret in the database files (${s:0:4}…)"
done

done_testing
