#!/bin/bash
# `oltui vault rekey` end to end: a passphrase vault moves to a key file,
# back to a passphrase, and to another passphrase; after each move every
# OLT's password still opens and logs in to oltsim (Huawei over SSH, ZTE
# over Telnet), the SNMP communities still open (a sweep), and the old
# passphrase or key file is refused.  A failure — a damaged secret, a
# wrong current passphrase, two new passphrases that differ, a key file
# with loose permissions — leaves the OLT rows, the salt, the check token
# and the disk as they were.  Passphrases are typed on a pseudo-terminal;
# the suite runs in a private session keyring (tests/keyring.sh).
source "$OLTUI_TOP/tests/keyring.sh"
source "$OLTUI_TOP/tests/lib.sh"
source "$OLTUI_TOP/tests/lab/sim.sh"
cd "$OLTUI_TOP"

keyring_require

DB=$TMPD/data/r.db
KEY=$TMPD/vault.key
KH=$TMPD/known_hosts
P1='Old Pass 1' P2='New Pass 2' P3='Third Pass 3'
P() { python3 "$OLTUI_TOP/tests/drive_pty.py" -t 30 "$@"; }
NT() { setsid -w "$OLTUI" --db "$DB" "$@" </dev/null 2>&1; }
# vault_rows: what a failed rekey must leave as it was.
vault_rows() { sqlite3 "$DB" "SELECT name, password_sealed, community_sealed FROM olts ORDER BY name;
	SELECT key, value FROM meta WHERE key LIKE 'vault.%' ORDER BY key"; }
has_salt() { sqlite3 "$DB" "SELECT count(*) FROM meta WHERE key = 'vault.salt'"; }

sim_start lab --huawei 1 --zte 1 --onts 2 --no-life --seed 7 || { not_ok "oltsim starts"; done_testing; exit 1; }
for o in hw-1 zte-1; do
	sim_field lab $o password >"$TMPD/$o.pw"
	sim_field lab $o community >"$TMPD/$o.comm"
done
add() {	# add OLT VENDOR CMD...: CMD olt add OLT (password and community from files)
	local o=$1 v=$2; shift 2
	"$@" olt add "$o" --vendor "$v" --host 127.0.0.1 --port "$(sim_field lab "$o" cliport)" \
		--user "$(sim_field lab "$o" user)" --password-file "$TMPD/$o.pw" \
		--snmp-community-file "$TMPD/$o.comm" --snmp-port "$(sim_field lab "$o" snmpport)"
}
# logins HOW...: `olt test` of both OLTs and a sweep (the communities),
# each run as HOW (a P ... -- prefix, or NT with options); prints a summary.
logins() {
	local o out
	for o in hw-1 zte-1; do
		out=$("$@" olt test $o --accept-new-host-key --known-hosts "$KH" 2>&1)
		[[ $out == *"$o: logged in"* ]] && echo "$o ok" || { echo "$o FAILED"; echo "$out" >&2; }
	done
	out=$("$@" poll --once --json 2>&1)
	python3 -c 'import json,sys; t=sys.stdin.read(); d=json.loads(t[t.index("["):])
sys.exit(0 if sorted(o["olt"] for o in d if o["ok"] and o["onts"] > 0) == ["hw-1", "zte-1"] else 1)' <<<"$out" 2>/dev/null &&
	    echo "sweep ok" || { echo "sweep FAILED"; echo "$out" >&2; }
}
OK=$'hw-1 ok\nzte-1 ok\nsweep ok'

# ---- a passphrase vault with two OLTs ----
out=$(add hw-1 huawei P "$P1" "$P1" -- "$OLTUI" --db "$DB"); rc=$?
is "$rc" 0 "olt add hw-1 with a new passphrase"
out=$(add zte-1 zte P "$P1" -- "$OLTUI" --db "$DB"); rc=$?
is "$rc" 0 "olt add zte-1"
is "$(logins P "$P1" -- "$OLTUI" --db "$DB")" "$OK" "before: both OLTs log in and sweep with the passphrase"
is "$(has_salt)" 1 "a passphrase vault keeps a salt"

# ---- failures leave everything as it was ----
before=$(vault_rows)
out=$(P 'not it' -- "$OLTUI" --db "$DB" vault rekey --new-key-file "$KEY"); rc=$?
is "$rc" 1 "rekey with a wrong current passphrase is refused"
like "$out" 'wrong passphrase' "and says so"
is "$(vault_rows)" "$before" "the secrets, the salt and the token are unchanged"
[ -e "$KEY" ]; is "$?" 1 "and no key file was made"
out=$(P "$P1" "$P2" "$P3" -- "$OLTUI" --db "$DB" vault rekey --new-passphrase); rc=$?
is "$rc" 1 "two new passphrases that differ are refused"
like "$out" 'the two passphrases differ' "and says so"
is "$(vault_rows)" "$before" "nothing changed"
install -m 0644 /dev/null "$TMPD/loose.key"
out=$(P "$P1" -- "$OLTUI" --db "$DB" vault rekey --new-key-file "$TMPD/loose.key"); rc=$?
is "$rc" 1 "a new key file that others can read is refused"
like "$out" 'chmod 600' "with the fix in the message"
is "$(vault_rows)" "$before" "nothing changed"
out=$(NT vault rekey); rc=$?
is "$rc" 2 "rekey without a destination is a usage error"
out=$(NT vault rekey --new-passphrase --new-key-file "$KEY"); rc=$?
is "$rc" 2 "rekey with two destinations is a usage error"
out=$(NT vault rekey --new-key-file --json); rc=$?
is "$rc" 2 "--new-key-file does not take an option as its file"
out=$(NT vault rekey --new-key-file "$KEY"); rc=$?
is "$rc" 1 "rekey with no terminal for the current passphrase is refused"
is "$(vault_rows)" "$before" "nothing changed"

# A secret the current key does not open stops the rekey half-way: the
# OLTs already resealed (sorted before it) are rolled back.
sqlite3 "$DB" "INSERT INTO olts (name, driver, host, port, transport, username, password_sealed, created_at)
	SELECT 'zz-damaged', driver, host, port, transport, username,
	       substr(password_sealed, 1, 20) || 'AAAA' || substr(password_sealed, 25), created_at
	FROM olts WHERE name = 'hw-1'"
before=$(vault_rows)
out=$(P "$P1" -- "$OLTUI" --db "$DB" vault rekey --new-key-file "$KEY"); rc=$?
is "$rc" 1 "a damaged secret stops the rekey"
like "$out" 'the password of OLT zz-damaged does not open with the current key.*oltui olt edit zz-damaged --password-file F' \
	"naming the OLT and the fix"
is "$(vault_rows)" "$before" "every OLT (those before it too), the salt and the token are as they were"
[ -e "$KEY" ]; is "$?" 1 "the key file it had created is removed"
like "$(NT audit)" 'vault rekey +-> failed' "the failed rekey is audited"
sqlite3 "$DB" "DELETE FROM olts WHERE name = 'zz-damaged'"
is "$(logins P "$P1" -- "$OLTUI" --db "$DB")" "$OK" "after the failures the passphrase still opens everything"

# ---- passphrase -> key file ----
out=$(P "$P1" -- "$OLTUI" --db "$DB" --json vault rekey --new-key-file "$KEY"); rc=$?
is "$rc" 0 "rekey: passphrase -> key file"
like "$out" '^Vault passphrase: ' "the current passphrase was asked"
is "$(python3 -c 'import json,sys; t=sys.stdin.read(); d=json.loads(t[t.index("{"):]); print(d["mode"], d["olts"], d["secrets"], d["key_file_created"])' <<<"$out")" \
	"key-file 2 4 True" "4 secrets of 2 OLTs resealed, the key file created"
is "$(stat -c %a "$KEY")" 600 "the new key file is mode 0600"
is "$(has_salt)" 0 "a key-file vault keeps no salt"
is "$(logins NT --key-file "$KEY")" "$OK" "after: both OLTs log in and sweep with the key file, no terminal"
out=$(P "$P1" -- "$OLTUI" --db "$DB" olt test hw-1 --known-hosts "$KH"); rc=$?
is "$rc" 1 "the old passphrase no longer opens the vault"
like "$out" 'sealed with a key file: pass --key-file' "it is not even asked: the vault says it wants the key file"

# ---- key file -> passphrase ----
out=$(P "$P2" "$P2" -- "$OLTUI" --db "$DB" --key-file "$KEY" vault rekey --new-passphrase); rc=$?
is "$rc" 0 "rekey: key file -> passphrase (asked twice)"
like "$out" 'New vault passphrase: .*Repeat the new passphrase: .*resealed 4 secrets of 2 OLTs' "the new passphrase was asked twice"
is "$(has_salt)" 1 "a new salt is kept"
is "$(logins P "$P2" -- "$OLTUI" --db "$DB")" "$OK" "after: both OLTs log in and sweep with the new passphrase"
out=$(NT --key-file "$KEY" olt test hw-1 --known-hosts "$KH"); rc=$?
is "$rc" 1 "the old key file is refused"
like "$out" 'wrong passphrase or key file' "as wrong"
check "the old key file is left on disk for the technician to remove" test -f "$KEY"

# ---- passphrase -> another passphrase, with the session unlocked ----
out=$(P "$P2" -- "$OLTUI" --db "$DB" unlock --for 1h); rc=$?
is "$rc" 0 "unlock"
salt_before=$(sqlite3 "$DB" "SELECT value FROM meta WHERE key = 'vault.salt'")
out=$(P "$P2" "$P3" "$P3" -- "$OLTUI" --db "$DB" vault rekey --new-passphrase); rc=$?
is "$rc" 0 "rekey: passphrase -> new passphrase"
like "$out" '^Vault passphrase: ' "the current passphrase is asked even though the session is unlocked"
like "$out" 'the key `oltui unlock` kept is forgotten' "the kept (now stale) key is forgotten"
is "$(keyctl search @s user "oltui:vault:$(realpath "$DB")" 2>/dev/null)" "" "it is gone from the keyring"
isnt_salt=$(sqlite3 "$DB" "SELECT value FROM meta WHERE key = 'vault.salt'")
[ "$isnt_salt" != "$salt_before" ]; is "$?" 0 "the salt is new"
is "$(logins P "$P3" -- "$OLTUI" --db "$DB")" "$OK" "after: both OLTs log in and sweep with the third passphrase"
out=$(P "$P2" -- "$OLTUI" --db "$DB" olt test hw-1 --known-hosts "$KH"); rc=$?
is "$rc" 1 "the old passphrase is refused"
like "$out" 'wrong passphrase' "as wrong"
out=$(P "$P1" -- "$OLTUI" --db "$DB" olt test hw-1 --known-hosts "$KH"); rc=$?
is "$rc" 1 "and so is the first one"

# ---- key file -> key file, and the refusals that need no terminal ----
out=$(P "$P3" -- "$OLTUI" --db "$DB" vault rekey --new-key-file "$TMPD/k2"); rc=$?
is "$rc" 0 "passphrase -> a second key file"
out=$(NT --key-file "$TMPD/k2" vault rekey --new-key-file "$TMPD/k2"); rc=$?
is "$rc" 1 "rekey to the key file in use is refused"
like "$out" 'is the current one' "and says so"
out=$(NT --key-file "$TMPD/k2" vault rekey --new-key-file "$TMPD/k3"); rc=$?
is "$rc" 0 "key file -> key file, no terminal needed"
is "$(logins NT --key-file "$TMPD/k3")" "$OK" "after: both OLTs log in and sweep with the third key file"
out=$(NT --key-file "$TMPD/nope" vault rekey --new-key-file "$TMPD/k4"); rc=$?
is "$rc" 1 "a current key file that does not exist is refused"
[ -e "$TMPD/nope" ] || [ -e "$TMPD/k4" ]; is "$?" 1 "and neither key file is created"
like "$(NT audit)" 'vault rekey +-> ok' "the rekeys are audited"
unlike "$(NT audit; NT audit --json)" "$P3" "without a passphrase in the trail"

out=$(setsid -w "$OLTUI" --db "$TMPD/data/empty.db" vault rekey --new-key-file "$TMPD/k5" </dev/null 2>&1); rc=$?
is "$rc" 1 "rekey of a database with nothing sealed is refused"
like "$out" 'nothing is sealed' "and says why"

done_testing
