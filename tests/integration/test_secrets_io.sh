#!/bin/bash
# Secrets on their way in and out (issue 13):
#   - --push with USER:PASSWORD@ in argv is refused without echoing them;
#     --push-auth-file sends them as basic auth (a collector on 127.0.0.1
#     records the Authorization header)
#   - a push that fails makes `poll --once` exit 1, and its message never
#     holds the credentials of a URL (metrics.push_url from config.ini)
#   - a password file others can read is warned about; one with a NUL byte
#     in its first line is refused (the rest was dropped silently)
#   - the daemon's log is created 0600
source "$OLTUI_TOP/tests/lib.sh"
source "$OLTUI_TOP/tests/lab/sim.sh"
cd "$OLTUI_TOP"

DB=$TMPD/s.db
KEY=$TMPD/key
NT() { setsid -w "$OLTUI" --db "$DB" --key-file "$KEY" "$@" </dev/null; }

sim_start lab --huawei 1 --onts 2 --no-life --seed 5 || { not_ok "oltsim starts"; done_testing; exit 1; }
sim_field lab hw-1 password >"$TMPD/pw"
sim_field lab hw-1 community >"$TMPD/comm"
chmod 600 "$TMPD/comm"

# A password file others can read: accepted, with a warning naming it.
chmod 644 "$TMPD/pw"
out=$(NT olt add hw-1 --vendor huawei --host 127.0.0.1 --port "$(sim_field lab hw-1 cliport)" \
	--user "$(sim_field lab hw-1 user)" --password-file "$TMPD/pw" \
	--snmp-community-file "$TMPD/comm" --snmp-port "$(sim_field lab hw-1 snmpport)" 2>&1); rc=$?
is "$rc" 0 "olt add with a 0644 password file works"
like "$out" "warning: $TMPD/pw can be read by other users \(mode 0644\): chmod 600 $TMPD/pw" \
	"and warns, naming the file and the fix"
chmod 600 "$TMPD/pw"
out=$(NT olt edit hw-1 --password-file "$TMPD/pw" 2>&1)
unlike "$out" "warning" "a 0600 password file: no warning"
# A NUL byte in the first line: refused, the OLT's secret unchanged.
before=$(sqlite3 "$DB" "SELECT password_sealed FROM olts")
printf 'abc\0def\n' >"$TMPD/pwnul"; chmod 600 "$TMPD/pwnul"
out=$(NT olt edit hw-1 --password-file "$TMPD/pwnul" 2>&1); rc=$?
if [ $rc -ne 0 ] && [[ $out == *"$TMPD/pwnul holds a NUL byte"* ]]; then
	ok "a password file with a NUL byte: refused"
else
	not_ok "a password file with a NUL byte: refused (status $rc)"; diag "$out"
fi
is "$(sqlite3 "$DB" "SELECT password_sealed FROM olts")" "$before" "the sealed password is unchanged"

# A collector that records what it is sent.
PORT=$(free_port)
python3 - "$PORT" "$TMPD/auth.log" <<'PY' &
import http.server, sys
port, log = int(sys.argv[1]), sys.argv[2]
class H(http.server.BaseHTTPRequestHandler):
    def do_PUT(self):
        n = int(self.headers.get("Content-Length", 0)); self.rfile.read(n)
        with open(log, "a") as f:
            f.write("%s %s\n" % (self.path, self.headers.get("Authorization", "-")))
        self.send_response(200); self.end_headers()
    do_POST = do_PUT
    def log_message(self, *a): pass
http.server.HTTPServer(("127.0.0.1", port), H).serve_forever()
PY
track $!
wait_for 5 bash -c "exec 3<>/dev/tcp/127.0.0.1/$PORT" || true

printf 'metrics:S3cr3t-push\n' >"$TMPD/auth"; chmod 600 "$TMPD/auth"
check "poll --once --push with --push-auth-file" NT poll --once \
	--push "http://127.0.0.1:$PORT/metrics/job/oltui" --push-auth-file "$TMPD/auth"
is "$(cat "$TMPD/auth.log" 2>/dev/null)" \
	"/metrics/job/oltui Basic $(printf 'metrics:S3cr3t-push' | base64)" \
	"the collector got the credentials as basic auth"

: >"$TMPD/auth.log"
out=$(NT poll --once --push "http://metrics:S3cr3t-push@127.0.0.1:$PORT/metrics/job/oltui" 2>&1); rc=$?
is "$rc" 2 "--push with USER:PASSWORD@ in argv: usage error"
unlike "$out" "S3cr3t-push" "and the message does not repeat the password"
like "$out" "--push-auth-file" "and says where credentials go"
is "$(cat "$TMPD/auth.log")" "" "nothing was pushed"

# A failed push: exit 1, and a URL's credentials (config.ini) never shown.
DEAD=$(free_port)
mkdir -p "$TMPD/cfg"; chmod 700 "$TMPD/cfg"
printf '[metrics]\npush_url = http://metrics:S3cr3t-push@127.0.0.1:%s/metrics/job/oltui\n' "$DEAD" \
	>"$TMPD/cfg/config.ini"
out=$(NT --config-dir "$TMPD/cfg" poll --once 2>&1); rc=$?
is "$rc" 1 "a push that fails: poll --once exits 1"
like "$out" "metrics push to http://\*\*\*@127.0.0.1:$DEAD/metrics/job/oltui failed" \
	"the failure names the URL with its credentials masked"
unlike "$out" "S3cr3t-push" "and never the password"

# The daemon's log is the owner's only.
NT poll --daemon --interval 10 --log "$TMPD/poll.log" >/dev/null 2>&1 &
DPID=$!; track $DPID
wait_for 10 test -s "$TMPD/poll.log"
is "$(stat -c '%a' "$TMPD/poll.log")" "600" "poll.log is created 0600"
kill "$DPID"; wait "$DPID" 2>/dev/null

done_testing
