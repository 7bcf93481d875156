#!/bin/bash
# TLS verification is on by default for every HTTP client oltui has
# (docs/security.md): the metrics push and the TR-069 ACS.  A private CA
# made here signs a certificate for 127.0.0.1; an https collector and the
# GenieACS stand-in (acsim.py --tls-cert) serve it on 127.0.0.1.
#   - not trusted by default: refused, the message says why and what to
#     set, and nothing reaches the collector;
#   - trusted with the CA file (--push-ca-file, metrics.push_ca_file,
#     [acs] ca_file), refused with another CA's file, and when the URL
#     names another host than the certificate;
#   - a CA file that cannot be read is a usage error naming it;
#   - acs.insecure turns verification off, loudly.
source "$OLTUI_TOP/tests/lib.sh"
source "$OLTUI_TOP/tests/lab/acsim.sh"
source "$OLTUI_TOP/tests/lab/sim.sh"
cd "$OLTUI_TOP"

DB=$TMPD/t.db
KEY=$TMPD/key
CFGDIR=$TMPD/cfg
mkdir -p "$CFGDIR"; chmod 700 "$CFGDIR"
NT() { setsid -w "$OLTUI" --db "$DB" --key-file "$KEY" --config-dir "$CFGDIR" "$@" </dev/null; }

# An OLT to poll, so that there are metrics to push.
sim_start lab --huawei 1 --onts 2 --no-life --seed 5 || { not_ok "oltsim starts"; done_testing; exit 1; }
sim_field lab hw-1 password >"$TMPD/pw"; sim_field lab hw-1 community >"$TMPD/comm"
chmod 600 "$TMPD/pw" "$TMPD/comm"
check "olt add" NT olt add hw-1 --vendor huawei --host 127.0.0.1 --port "$(sim_field lab hw-1 cliport)" \
	--user "$(sim_field lab hw-1 user)" --password-file "$TMPD/pw" \
	--snmp-community-file "$TMPD/comm" --snmp-port "$(sim_field lab hw-1 snmpport)"

# ---- a private CA, a server certificate for 127.0.0.1, another CA ----
pki() {
	openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=oltui test CA" \
		-keyout "$TMPD/ca.key" -out "$TMPD/ca.pem" &&
	openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=another CA" \
		-keyout "$TMPD/other.key" -out "$TMPD/other.pem" &&
	openssl req -newkey rsa:2048 -nodes -subj "/CN=127.0.0.1" \
		-keyout "$TMPD/srv.key" -out "$TMPD/srv.csr" &&
	printf 'subjectAltName = IP:127.0.0.1\n' >"$TMPD/san.ext" &&
	openssl x509 -req -in "$TMPD/srv.csr" -CA "$TMPD/ca.pem" -CAkey "$TMPD/ca.key" \
		-CAcreateserial -days 2 -extfile "$TMPD/san.ext" -out "$TMPD/srv.pem"
}
if pki >"$TMPD/pki.log" 2>&1; then ok "a private CA and a certificate for 127.0.0.1"
else not_ok "openssl made the certificates"; diag "$(cat "$TMPD/pki.log")"; done_testing; exit 1; fi

# ---- an https collector that records what it is sent ----
PORT=$(free_port)
/usr/bin/python3 - "$PORT" "$TMPD/push.log" "$TMPD/srv.pem" "$TMPD/srv.key" <<'PY' &
import http.server, ssl, sys
port, log, cert, key = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
class H(http.server.BaseHTTPRequestHandler):
    def do_PUT(self):
        n = int(self.headers.get("Content-Length", 0)); body = self.rfile.read(n)
        with open(log, "a") as f:
            f.write("%s %d\n" % (self.path, body.count(b"oltui_")))
        self.send_response(200); self.end_headers()
    do_POST = do_PUT
    def log_message(self, *a): pass
srv = http.server.HTTPServer(("127.0.0.1", port), H)
ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
ctx.load_cert_chain(cert, key)
srv.socket = ctx.wrap_socket(srv.socket, server_side=True)
srv.serve_forever()
PY
track $!
wait_for 5 bash -c "exec 3<>/dev/tcp/127.0.0.1/$PORT" || true
URL=https://127.0.0.1:$PORT/metrics/job/oltui
: >"$TMPD/push.log"

# ---- the metrics push ----
out=$(NT poll --once --push "$URL" 2>&1); rc=$?
is "$rc" 1 "push to a certificate of a private CA: refused (exit 1)"
like "$out" "metrics push to $URL failed: .*not signed by a CA this machine trusts.*--push-ca-file" \
	"the message says the certificate is not trusted and what to give"
is "$(cat "$TMPD/push.log")" "" "nothing reached the collector"

out=$(NT poll --once --push "$URL" --push-ca-file "$TMPD/ca.pem" 2>&1); rc=$?
is "$rc" 0 "with --push-ca-file (the CA): pushed"
diag "$out"
like "$(cat "$TMPD/push.log")" "^/metrics/job/oltui [1-9][0-9]*$" "the collector got the metrics"

: >"$TMPD/push.log"
printf '[metrics]\npush_url = %s\npush_ca_file = %s\n' "$URL" "$TMPD/ca.pem" >"$CFGDIR/config.ini"
out=$(NT poll --once 2>&1); rc=$?
is "$rc" 0 "with metrics.push_ca_file in config.ini: pushed"
is "$(wc -l <"$TMPD/push.log")" 1 "the collector got them once"
: >"$CFGDIR/config.ini"

: >"$TMPD/push.log"
out=$(NT poll --once --push "$URL" --push-ca-file "$TMPD/other.pem" 2>&1); rc=$?
is "$rc" 1 "with another CA's file: refused"
like "$out" "not signed by $TMPD/other.pem" "naming the CA file it checked against"
out=$(NT poll --once --push "https://localhost:$PORT/metrics/job/oltui" --push-ca-file "$TMPD/ca.pem" 2>&1); rc=$?
is "$rc" 1 "a URL naming another host than the certificate: refused"
is "$(cat "$TMPD/push.log")" "" "nothing reached the collector"

out=$(NT poll --once --push "$URL" --push-ca-file "$TMPD/none.pem" 2>&1); rc=$?
is "$rc" 2 "a CA file that does not exist: usage error"
like "$out" "--push-ca-file: cannot read $TMPD/none.pem" "naming the option and the file"
out=$(NT poll --once --push-ca-file "$TMPD/ca.pem" 2>&1); rc=$?
is "$rc" 2 "--push-ca-file without a push URL: usage error"

# ---- the TR-069 ACS over https ----
if acsim_start tls --tls-cert "$TMPD/srv.pem" --tls-key "$TMPD/srv.key"; then
	ok "the GenieACS stand-in serves https"
else
	not_ok "the GenieACS stand-in serves https"; diag "$(cat "$TMPD/tls.err")"; done_testing; exit 1
fi
AURL=https://127.0.0.1:$(cat "$TMPD/tls.port")
printf '[acs]\nurl = %s\ntimeout_s = 2\n' "$AURL" >"$CFGDIR/config.ini"
out=$(NT acs files 2>&1); rc=$?
is "$rc" 3 "an ACS with a private CA's certificate: refused (exit 3, unreachable)"
like "$out" "cannot trust the ACS $AURL .*not signed by a CA this machine trusts.*\[acs\] ca_file" \
	"the message says the certificate is not trusted and what to set"
printf '[acs]\nurl = %s\ntimeout_s = 2\nca_file = %s\n' "$AURL" "$TMPD/ca.pem" >"$CFGDIR/config.ini"
out=$(NT acs files --json 2>&1); rc=$?
is "$rc" 0 "with [acs] ca_file (the CA): the ACS answers"
like "$out" '"name":[[:space:]]*"EG8145V5-' "and its files are listed"
printf '[acs]\nurl = %s\ntimeout_s = 2\nca_file = %s\n' "$AURL" "$TMPD/other.pem" >"$CFGDIR/config.ini"
out=$(NT acs files 2>&1); rc=$?
is "$rc" 3 "with another CA's file: refused"
like "$out" "not signed by the CA of \[acs\] ca_file" "saying which CA it checked against"
printf '[acs]\nurl = %s\ntimeout_s = 2\nca_file = %s\n' "$AURL" "$TMPD/none.pem" >"$CFGDIR/config.ini"
out=$(NT acs files 2>&1); rc=$?
isnt_zero=$([ "$rc" -ne 0 ] && echo yes)
is "$isnt_zero" yes "an [acs] ca_file that cannot be read: refused"
like "$out" "ca_file $TMPD/none.pem" "naming the file"
printf '[acs]\nurl = %s\ntimeout_s = 2\ninsecure = true\n' "$AURL" >"$CFGDIR/config.ini"
out=$(NT acs files 2>&1); rc=$?
is "$rc" 0 "acs.insecure: the ACS answers without verification"
like "$out" "WARNING: TLS certificate verification is OFF" "and says so loudly"

done_testing
