#!/bin/bash
# test_acsim.sh — the GenieACS NBI stand-in (tests/lab/acsim.py) against the
# behaviours GenieACS documents (docs/api-reference.rst) and implements
# (lib/nbi.ts, lib/query.ts, lib/api-functions.ts), checked with curl: the
# collections, the "total" header, HEAD, GenieACS's rewriting of device
# queries ("._value", alternatives, wildcards, dates), projection,
# skip/limit; tasks with and without connection_request (200, 202 with its
# three reasons, 504, 404, 400), the queue, faults, retry and delete; each
# task's effect on the document; files; basic auth; the --state file; the
# oltsim dump; 1,000 generated devices.
source "$OLTUI_TOP/tests/lib.sh"
source "$OLTUI_TOP/tests/lab/acsim.sh"

# q NAME PATH: curl -i of a GET on the NBI, headers and body in $TMPD/h, $TMPD/b.
q() {
	curl -sS -D "$TMPD/h" -o "$TMPD/b" "$(acsim_url "$1")$2"
	tr -d '\r' <"$TMPD/h" >"$TMPD/h2"; mv "$TMPD/h2" "$TMPD/h"
}
status() { head -1 "$TMPD/h" | cut -d' ' -f2; }
reason() { head -1 "$TMPD/h" | cut -d' ' -f3-; }
total() { sed -n 's/^total: //Ip' "$TMPD/h"; }
# py EXPR: evaluates EXPR on the JSON body `b`.
py() { /usr/bin/python3 -c "import json,sys; b=json.load(open('$TMPD/b')); print($1)"; }
# devq NAME QUERYJSON [EXTRA]: GET /devices/?query=...EXTRA
devq() { q "$1" "/devices/?query=$(urlenc "$2")${3:-}"; }
# post NAME ID QUERYSTRING BODY: POST a task; status line in $TMPD/h, body in $TMPD/b.
post() {
	curl -sS -D "$TMPD/h" -o "$TMPD/b" -X POST ${4:+--data-binary "$4"} \
		"$(acsim_url "$1")/devices/$(urlenc "$2")/tasks$3"
	tr -d '\r' <"$TMPD/h" >"$TMPD/h2"; mv "$TMPD/h2" "$TMPD/h"
}
# param NAME ID PATH: a parameter's _value as the ACS holds it.
param() {
	acsim_ctl "$1" GET "device/$(urlenc "$2")" | /usr/bin/python3 -c "
import json,sys
d=json.load(sys.stdin)['doc']
for s in '$3'.split('.'): d=d[s]
print(d['_value'])"
}
# pstamp NAME ID PATH: a parameter's _timestamp.
pstamp() {
	acsim_ctl "$1" GET "device/$(urlenc "$2")" | /usr/bin/python3 -c "
import json,sys
d=json.load(sys.stdin)['doc']
for s in '$3'.split('.'): d=d[s]
print(d['_timestamp'])"
}

# --- start ------------------------------------------------------------------
if acsim_start a; then ok "acsim starts and writes its port file"; else not_ok "acsim starts"; cat "$TMPD/a.err"; fi
like "$(cat "$TMPD/a.out")" '^acsim listening on http://127\.0\.0\.1:[0-9]+ devices=8$' "it prints where it listens"
P=$(cat "$TMPD/a.port")
is "$(ss -Hltn "( sport = :$P )" | awk '{print $4}')" "127.0.0.1:$P" "it listens on loopback only"

# --- collections, total, HEAD ------------------------------------------------
q a "/devices/"
is "$(status)" 200 "GET /devices/ answers 200"
is "$(total)" 8 "the total header counts every device"
is "$(py 'len(b)')" 8 "the body is a JSON array of the devices"
is "$(head -c 2 "$TMPD/b" | od -An -c | tr -s ' ')" " [ \n" "the body starts \"[\\n\" as nbi.ts writes it"
like "$(sed -n 's/^content-type: //Ip' "$TMPD/h")" "application/json" "JSON content type"
h=$(curl -sS -I "$(acsim_url a)/devices/?query=$(urlenc '{"_deviceId._Manufacturer":"ZTE"}')" | tr -d '\r')
like "$h" $'\ntotal: 3\n' "HEAD gives the count of a query"
like "$h" $'\nContent-Length: 0' "HEAD has no body"
q a "/presets/"; is "$(status) $(total) $(py 'len(b)')" "200 0 0" "an empty collection is []"
q a "/nosuch/"; is "$(status)" 404 "an unknown collection is 404"
q a "/devices/?query=%7Bnot-json"; is "$(status)" 400 "a query that is not JSON is 400"

# --- queries as GenieACS rewrites them -----------------------------------------
HW=$(acsim_id a HWTC1A2B3C4D); X6=$(acsim_id a HWTC0A0B0C0D); ZTE=$(acsim_id a ZTEGC0FFEE01)
F601=$(acsim_id a ZTEGC0FFEE03); NOK=$(acsim_id a ALCLB2C3D4E5)
is "$HW" "00E0FC-EG8145V5-485754431A2B3C4D" "a Huawei id is OUI-ProductClass-hex serial"
is "$X6" "00E0FC-EG8145X6%2D10-485754430A0B0C0D" "a '-' in the product class is escaped %2D (generateDeviceId)"
devq a "{\"_id\":\"$X6\"}"; is "$(total)" 1 "find by _id (with %2D in it)"
devq a '{"_deviceId._SerialNumber":"485754431A2B3C4D"}'; is "$(total)" 1 "find by _deviceId._SerialNumber (Huawei reports hex)"
devq a '{"_deviceId._SerialNumber":"HWTC1A2B3C4D"}'; is "$(total)" 0 "a Huawei serial typed as printed does not match by equality"
devq a '{"_deviceId._SerialNumber":{"$regex":"^(HWTC1A2B3C4D|485754431a2b3c4d)$","$options":"i"}}'
is "$(total)" 1 "\$regex with \$options i matches either form"
devq a '{"InternetGatewayDevice.DeviceInfo.ModelName":"HG8245H"}'
is "$(total)" 1 "a parameter path matches its _value (\"._value\" appended)"
devq a '{"InternetGatewayDevice.DeviceInfo.ModelName._value":"HG8245H"}'
is "$(total)" 1 "an explicit ._value path is kept"
devq a '{"InternetGatewayDevice.DeviceInfo.ModelName":"HG82*"}'
is "$(total)" 1 "a wildcard string matches as a pattern"
devq a '{"InternetGatewayDevice.ManagementServer.PeriodicInformInterval":"3600"}'
is "$(total)" 6 "a numeric string also matches the number (every TR-098 device)"
devq a '{"InternetGatewayDevice.ManagementServer.PeriodicInformInterval":{"$gt":"1000"}}'
is "$(total)" 6 "\$gt on a numeric string compares numbers"
devq a '{"_deviceId._Manufacturer":{"$ne":"ZTE"}}'; is "$(total)" 5 "\$ne"
devq a '{"_deviceId._Manufacturer":{"$in":["Nokia","FiberHome"]}}'; is "$(total)" 2 "\$in"
devq a '{"$or":[{"_deviceId._ProductClass":"F660"},{"_deviceId._ProductClass":"F601"}]}'; is "$(total)" 2 "\$or"
devq a '{"$and":[{"_deviceId._Manufacturer":"ZTE"},{"_deviceId._ProductClass":{"$ne":"F601"}}]}'; is "$(total)" 2 "\$and"
devq a '{"_lastInform":{"$lt":"2017-12-11 13:16:23 +0000"}}'; is "$(total)" 0 "_lastInform \$lt a past date (the documented example)"
devq a '{"_lastInform":{"$gt":"2017-12-11 13:16:23 +0000"}}'; is "$(total)" 8 "_lastInform \$gt a past date"
devq a '{"_deviceId._Manufacturer":{"$foo":1}}'; is "$(status)" 400 "an unknown operator is refused"

# --- projection, skip, limit ------------------------------------------------------
devq a '{"_deviceId._Manufacturer":"ZTE"}' "&projection=InternetGatewayDevice.DeviceInfo.SoftwareVersion,_lastInform"
is "$(py 'sorted(b[0].keys())')" "['InternetGatewayDevice', '_id', '_lastInform']" "projection: _id and the named paths only"
is "$(py 'list(b[0]["InternetGatewayDevice"]["DeviceInfo"].keys())')" "['SoftwareVersion']" "projection prunes inside the tree"
like "$(py 'b[0]["_lastInform"]')" '^20[0-9]{2}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{3}Z$' "dates are ISO 8601 with milliseconds"
q a "/devices/?projection=_id&skip=2&limit=3"
is "$(total) $(py 'len(b)')" "8 3" "skip/limit page the body, total stays the match count"
q a "/devices/?projection=_id&sort=$(urlenc '{"_id":-1}')&limit=1"
is "$(py 'b[0]["_id"]')" "CC7B35-F670L-ZTEGC0FFEE02" "sort"

# --- tasks: done in the session (200) -------------------------------------------------
SSID=InternetGatewayDevice.LANDevice.1.WLANConfiguration.5.SSID
PSK=InternetGatewayDevice.LANDevice.1.WLANConfiguration.5.PreSharedKey.1.KeyPassphrase
before=$(pstamp a "$HW" "$SSID")
sleep 0.01
post a "$HW" "?timeout=3000&connection_request" "{\"name\":\"setParameterValues\",\"parameterValues\":[[\"$SSID\",\"Casa-5G\",\"xsd:string\"],[\"$PSK\",\"s3cret-pass\",\"xsd:string\"]]}"
is "$(status)" 200 "a task on an online device with connection_request is 200"
like "$(py 'b["_id"]')" '^[0-9a-f]{24}$' "the answer is the task with an ObjectId _id"
is "$(py 'b["device"]')" "$HW" "the task names its device"
is "$(param a "$HW" "$SSID")" "Casa-5G" "setParameterValues changed the _value"
[[ "$(pstamp a "$HW" "$SSID")" > "$before" ]] && ok "and its _timestamp" || not_ok "and its _timestamp"
is "$(param a "$HW" "$PSK")" "s3cret-pass" "GenieACS records the passphrase it set"
post a "$HW" "?connection_request" "{\"name\":\"getParameterValues\",\"parameterNames\":[\"$PSK\"]}"
is "$(status) $(param a "$HW" "$PSK")" "200 " "read back from the device, the WPA passphrase is empty"
is "$(acsim_ctl a GET "device/$(urlenc "$HW")" | /usr/bin/python3 -c "import json,sys; print(json.load(sys.stdin)['secrets']['$PSK'])")" \
	"s3cret-pass" "the device itself kept it"
q a "/tasks/?query=$(urlenc "{\"device\":\"$HW\"}")"; is "$(total)" 0 "a task done is gone from /tasks"
up0=$(param a "$HW" InternetGatewayDevice.DeviceInfo.UpTime)
post a "$HW" "?connection_request" '{"name":"reboot"}'
is "$(status)" 200 "reboot is 200"
post a "$HW" "?connection_request" '{"name":"refreshObject","objectName":"InternetGatewayDevice.DeviceInfo"}'
up1=$(param a "$HW" InternetGatewayDevice.DeviceInfo.UpTime)
[ "$up1" -lt 5 ] && [ "$up0" -gt 3600 ] && ok "reboot resets the uptime ($up0 -> $up1)" || not_ok "reboot resets the uptime ($up0 -> $up1)"

# --- effects: factory reset, download --------------------------------------------
PPPU=InternetGatewayDevice.WANDevice.1.WANConnectionDevice.1.WANPPPConnection.1.Username
like "$(param a "$ZTE" "$PPPU")" '^c[0-9]{4}@isp$' "a provisioned ZTE has a PPPoE user"
post a "$ZTE" "?connection_request" '{"name":"factoryReset"}'
is "$(status) [$(param a "$ZTE" "$PPPU")]" "200 []" "factoryReset restores the factory document"
q a "/files/"
is "$(total)" 8 "GET /files/ lists the firmware images"
is "$(py '[f["metadata"]["version"] for f in b if f["_id"]=="F660-V6.0.10P3N12.bin"][0]')" "V6.0.10P3N12" "with their metadata"
post a "$ZTE" "?connection_request" '{"name":"download","file":"F660-V6.0.10P3N12.bin"}'
is "$(status) $(param a "$ZTE" InternetGatewayDevice.DeviceInfo.SoftwareVersion)" "200 V6.0.10P3N12" \
	"download installs the file's version"
post a "$ZTE" "?connection_request" '{"name":"download","file":"HG8245H-V3R017C10S206.bin"}'
is "$(status) $(reason)" "202 Task faulted" "an image for another model faults"
q a "/faults/?query=$(urlenc "{\"device\":\"$ZTE\"}")"
is "$(py 'b[0]["code"]')" "cwmp.9018" "the fault is recorded with its CWMP code"
fid=$(py 'b[0]["_id"]')
curl -sS -o /dev/null -X DELETE "$(acsim_url a)/faults/$(urlenc "$fid")"
q a "/tasks/?query=$(urlenc "{\"device\":\"$ZTE\"}")"; is "$(total)" 0 "deleting a task's fault deletes the task"
curl -sS -o /dev/null -w '%{http_code}' -X PUT --data-binary "image" -H "fileType: 1 Firmware Upgrade Image" \
	-H "oui: CC7B35" -H "productClass: F660" -H "version: V9" "$(acsim_url a)/files/f660-v9.bin" >"$TMPD/c"
is "$(cat "$TMPD/c")" 201 "PUT /files/ stores an image"
q a "/files/?query=$(urlenc '{"filename":"f660-v9.bin"}')"
is "$(py 'b[0]["metadata"]["version"]') $(py 'b[0]["length"]')" "V9 5" "and GET /files/?query finds it"
acsim_ctl a POST "download-delay?ms=800" >/dev/null
post a "$ZTE" "?connection_request" '{"name":"download","file":"f660-v9.bin"}'
is "$(status) $(param a "$ZTE" InternetGatewayDevice.DeviceInfo.SoftwareVersion)" "200 V6.0.10P3N12" \
	"with a download delay, the old version until the image is installed"
sleep 1.2
is "$(param a "$ZTE" InternetGatewayDevice.DeviceInfo.SoftwareVersion)" "V9" "then the new one"
acsim_ctl a POST "download-delay?ms=0" >/dev/null

# --- queued (202), 504, 404, 400 --------------------------------------------------
acsim_ctl a POST "offline/$(urlenc "$NOK")" >/dev/null
NSSID=Device.WiFi.SSID.1.SSID
post a "$NOK" "?timeout=3000&connection_request" "{\"name\":\"setParameterValues\",\"parameterValues\":[[\"$NSSID\",\"Later\"]]}"
is "$(status) $(reason)" "202 Device is offline" "an offline device: 202 with the connection request's error"
tid=$(py 'b["_id"]')
q a "/tasks/?query=$(urlenc "{\"_id\":\"$tid\"}")"
is "$(total) $(py 'b[0]["name"]')" "1 setParameterValues" "the task is kept in /tasks"
is "$(param a "$NOK" "$NSSID")" "Home-D4E5" "and not applied yet"
post a "$NOK" "?connection_request"
is "$(status) $(reason)" "504 Device is offline" "connection_request with no task on an offline device: 504"
acsim_ctl a POST "online/$(urlenc "$NOK")" >/dev/null
is "$(param a "$NOK" "$NSSID")" "Later" "when the device informs, the queued task runs"
q a "/tasks/?query=$(urlenc "{\"_id\":\"$tid\"}")"; is "$(total)" 0 "and leaves /tasks"
post a "$NOK" "?connection_request"; is "$(status)" 200 "connection_request with no task on an online device: 200"
post a "$NOK" "" '{"name":"reboot"}'
is "$(status)" 202 "a task without connection_request is stored: 202"
tid=$(py 'b["_id"]')
is "$(curl -sS -o /dev/null -w '%{http_code}' -X DELETE "$(acsim_url a)/tasks/$tid")" 200 "DELETE /tasks/<id>"
is "$(curl -sS -o /dev/null -w '%{http_code}' -X DELETE "$(acsim_url a)/tasks/$tid")" 404 "a second DELETE is 404"
post a "00E0FC-NOPE-0000" "?connection_request" '{"name":"reboot"}'
is "$(status) $(cat "$TMPD/b")" "404 No such device" "an unknown device: 404 No such device"
post a "$NOK" "?connection_request" '{"name":"reboot"'
is "$(status)" 400 "a body that is not JSON: 400"
like "$(cat "$TMPD/b")" "^SyntaxError" "naming the syntax error"
post a "$NOK" "?connection_request" '{"name":"rebooot"}'
is "$(status) $(cat "$TMPD/b")" "400 Error: Invalid task name" "an unknown task name: 400"
post a "$NOK" "?connection_request" '{"name":"getParameterValues"}'
is "$(status)" 400 "a task missing its field: 400"
post a "$NOK" ""; is "$(status)" 400 "no task and no connection_request: 400"
post a "$NOK" "?connection_request" '[{"name":"reboot"}]'
is "$(status)" 200 "an array of tasks is 200 (GenieACS PR #393) ..."
q a "/tasks/?query=$(urlenc "{\"device\":\"$NOK\"}")"; is "$(total)" 0 "... and does nothing"

# --- slow devices, faults, retry --------------------------------------------------
acsim_ctl a POST "slow/$(urlenc "$F601")?ms=1500" >/dev/null
t0=$(date +%s%N)
post a "$F601" "?timeout=300&connection_request" '{"name":"reboot"}'
t1=$(date +%s%N)
is "$(status) $(reason)" "202 Task queued but not processed" "a device slower than the timeout: 202 queued"
ms=$(( (t1 - t0) / 1000000 ))
[ "$ms" -ge 280 ] && [ "$ms" -lt 1400 ] && ok "answered after the timeout ($ms ms)" || not_ok "answered after the timeout ($ms ms)"
tid=$(py 'b["_id"]')
q a "/tasks/?query=$(urlenc "{\"_id\":\"$tid\"}")"; is "$(total)" 1 "the task is held"
sleep 1.6
q a "/tasks/?query=$(urlenc "{\"_id\":\"$tid\"}")"; is "$(total)" 0 "it runs when the slow device gets to it"
post a "$F601" "?timeout=3000&connection_request" '{"name":"reboot"}'
is "$(status)" 200 "a slow device within the timeout: 200"
acsim_ctl a POST "slow/$(urlenc "$F601")?ms=0" >/dev/null
acsim_ctl a POST "fault/$(urlenc "$F601")?code=9002&message=Internal%20error" >/dev/null
post a "$F601" "?connection_request" '{"name":"reboot"}'
is "$(status) $(reason)" "202 Task faulted" "a task the device faults: 202 Task faulted"
tid=$(py 'b["_id"]')
q a "/faults/?query=$(urlenc "{\"_id\":\"$F601:task_$tid\"}")"
is "$(py 'b[0]["code"] + " " + b[0]["message"] + " " + b[0]["channel"]')" "cwmp.9002 Internal error task_$tid" "the fault is <device>:task_<id>"
acsim_ctl a POST "inform/$(urlenc "$F601")" >/dev/null
q a "/tasks/?query=$(urlenc "{\"_id\":\"$tid\"}")"; is "$(total)" 1 "a faulted task is not run again"
is "$(curl -sS -o /dev/null -w '%{http_code}' -X POST "$(acsim_url a)/tasks/$tid/retry")" 200 "POST /tasks/<id>/retry"
acsim_ctl a POST "inform/$(urlenc "$F601")" >/dev/null
q a "/tasks/?query=$(urlenc "{\"_id\":\"$tid\"}")"; is "$(total)" 0 "after a retry it runs at the next inform"
post a "$F601" "?connection_request" '{"name":"setParameterValues","parameterValues":[["InternetGatewayDevice.DeviceInfo.ModelName","x"]]}'
q a "/faults/?query=$(urlenc "{\"device\":\"$F601\"}")"
is "$(py 'b[0]["code"]')" "cwmp.9008" "setting a read-only parameter faults 9008"
post a "$HW" "?connection_request" '{"name":"setParameterValues","parameterValues":[["InternetGatewayDevice.Nope.X","x"]]}'
q a "/faults/?query=$(urlenc "{\"device\":\"$HW\"}")"
is "$(py 'b[0]["code"]')" "cwmp.9005" "an unknown parameter faults 9005"
post a "$NOK" "?connection_request" '{"name":"setParameterValues","parameterValues":[["Device.WiFi.Radio.1.Channel","eleven","xsd:unsignedInt"]]}'
q a "/faults/?query=$(urlenc "{\"device\":\"$NOK\"}")"
is "$(py 'b[0]["code"]')" "cwmp.9007" "a value the type refuses faults 9007"

# --- tags, canned answers ----------------------------------------------------------
curl -sS -o /dev/null -X POST "$(acsim_url a)/devices/$(urlenc "$ZTE")/tags/north"
devq a '{"_tags":"north"}'; is "$(total)" 1 "a tag is queryable"
echo '{"status":200,"body":"<html>proxy error</html>","content_type":"text/html"}' | acsim_ctl a POST next - >/dev/null
q a "/devices/"; is "$(status) $(cat "$TMPD/b")" "200 <html>proxy error</html>" "a canned answer (for non-JSON tests)"
q a "/devices/?projection=_id"; is "$(total)" 8 "only once"

# --- basic auth --------------------------------------------------------------------
printf 'n8i-pass\n' >"$TMPD/pw"
acsim_start b --user nbi --password-file "$TMPD/pw" --no-defaults --devices 3
is "$(curl -sS -o /dev/null -w '%{http_code}' "$(acsim_url b)/devices/")" 401 "with --user, no credentials: 401"
is "$(curl -sS -o /dev/null -w '%{http_code}' -u nbi:wrong "$(acsim_url b)/devices/")" 401 "a wrong password: 401"
q2=$(curl -sS -u nbi:n8i-pass -D - -o /dev/null "$(acsim_url b)/devices/" | tr -d '\r' | sed -n 's/^total: //p')
is "$q2" 3 "the right one: 200, and --no-defaults --devices 3 serves 3"

# --- state file ----------------------------------------------------------------------
acsim_start c --state "$TMPD/st.json" --no-defaults --devices 2
C1=$(curl -sS "$(acsim_url c)/devices/?projection=_id" | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["_id"])')
post c "$C1" "?connection_request" '{"name":"setParameterValues","parameterValues":[["InternetGatewayDevice.LANDevice.1.WLANConfiguration.1.SSID","Kept"]]}'
acsim_stop c
like "$(cat "$TMPD/st.json")" '"Kept"' "SIGTERM saves the state file"
acsim_start c --state "$TMPD/st.json"
is "$(param c "$C1" InternetGatewayDevice.LANDevice.1.WLANConfiguration.1.SSID)" "Kept" "a restart loads it"

# --- routers for oltsim's ONTs ------------------------------------------------------
"$OLTSIM" --ctl "$TMPD/o.sock" --huawei 1 --zte 1 --pons 1 --onts 3 --no-life >"$TMPD/o.out" 2>&1 &
OPID=$!; track $OPID
wait_for 20 grep -qx ready "$TMPD/o.out"
"$OLTSIM" ctl "$TMPD/o.sock" dump >"$TMPD/dump.json"
acsim_start d --no-defaults --oltsim-dump "$TMPD/dump.json"
q d "/devices/?projection=_id"; is "$(total)" 6 "one router per ONT of the dump"
sn=$(/usr/bin/python3 -c "import json; t=open('$TMPD/dump.json').read(); t=t[3:] if t.startswith('ok ') else t; print(json.loads(t)['olts'][0]['pons'][0]['onts'][0]['sn'])")
hex=$(/usr/bin/python3 -c "s='$sn'; print(''.join('%02X'%ord(c) for c in s[:4])+s[4:])")
devq d "{\"\$or\":[{\"_deviceId._SerialNumber\":\"$sn\"},{\"_deviceId._SerialNumber\":\"$hex\"}]}"
is "$(total)" 1 "the ONT's serial finds its router ($sn)"

# --- 1,000 devices ---------------------------------------------------------------------
acsim_start e --devices 1000
q e "/devices/?projection=_id&limit=1"; is "$(total)" 1008 "--devices 1000 adds 1,000 generated devices"
t0=$(date +%s%N)
for i in 1 2 3 4 5 6 7 8 9 10; do
	devq e '{"_deviceId._SerialNumber":{"$regex":"^(HWTC1A2B3C4D|485754431A2B3C4D)$","$options":"i"}}' "&projection=_id"
done
ms=$(( ($(date +%s%N) - t0) / 10000000 ))
is "$(total)" 1 "a serial query over 1,008 devices finds one"
[ "$ms" -lt 500 ] && ok "in $ms ms per query" || not_ok "a query over 1,008 devices took $ms ms"

done_testing
