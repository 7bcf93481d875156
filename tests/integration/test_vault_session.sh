#!/bin/bash
# `oltui unlock` / `oltui lock` and the kernel keyring: a passphrase vault
# asks once per login session.  After unlock, commands with no terminal at
# all (setsid, stdin /dev/null) succeed — they could not have asked — and
# log in to oltsim with the passwords the kept key unseals; after lock,
# after the timeout, or from another login session they ask again (or fail
# with the message naming `oltui unlock` and --key-file).  The kept key is
# possessor-only, times out, is never a key file, and is in no file, argv
# or environment.  The passphrase is typed on a pseudo-terminal
# (tests/drive_pty.py).  The suite runs in a private session keyring
# (tests/keyring.sh): the user's own keyring is never touched.
source "$OLTUI_TOP/tests/keyring.sh"
source "$OLTUI_TOP/tests/lib.sh"
source "$OLTUI_TOP/tests/lab/sim.sh"
cd "$OLTUI_TOP"

keyring_require

DB=$TMPD/data/v.db
PASS='Correct Horse 9'
KH=$TMPD/known_hosts
P() { python3 "$OLTUI_TOP/tests/drive_pty.py" -t 20 "$@"; }
# NT ARGS...: oltui on DB with no terminal at all and nothing on stdin.
NT() { setsid -w "$OLTUI" --db "$DB" "$@" </dev/null 2>&1; }
name() { echo "oltui:vault:$(realpath "$1")"; }
kept_id() { keyctl search @s user "$(name "${1:-$DB}")" 2>/dev/null; }
meta_dump() { sqlite3 "$DB" "SELECT * FROM olts; SELECT * FROM meta"; }

sim_start lab --huawei 1 --zte 0 --no-life --seed 7 || { not_ok "oltsim starts"; done_testing; exit 1; }
sim_field lab hw-1 password >"$TMPD/hw.pw"
add_hw() {	# add_hw NAME CMD...: CMD olt add NAME (the simulated OLT)
	local n=$1; shift
	"$@" olt add "$n" --vendor huawei --host 127.0.0.1 --port "$(sim_field lab hw-1 cliport)" \
		--user "$(sim_field lab hw-1 user)" --password-file "$TMPD/hw.pw"
}

# ---- a passphrase vault that is not unlocked asks, or says how not to ----
out=$(P "$PASS" "$PASS" -- "$OLTUI" --db "$DB" olt add seed --vendor zte \
	--host 10.0.0.9 --user u --password-file "$TMPD/hw.pw"); rc=$?
is "$rc" 0 "first use: the passphrase is set (asked twice)"
before=$(meta_dump)
out=$(add_hw hw-1 NT); rc=$?
is "$rc" 1 "not unlocked and no terminal: refused"
like "$out" 'no terminal to ask the vault passphrase: run `oltui unlock` .* or pass --key-file FILE' \
	"with the message naming oltui unlock and --key-file"
is "$(meta_dump)" "$before" "and nothing was written"
like "$(NT vault status)" 'session +locked: each command asks the passphrase' "vault status: locked"

# ---- unlock ----
out=$(P 'wrong horse' -- "$OLTUI" --db "$DB" unlock --for 1h); rc=$?
is "$rc" 1 "unlock with a wrong passphrase is refused"
like "$out" 'wrong passphrase' "and says so"
is "$(kept_id)" "" "nothing is kept after a wrong passphrase"

out=$(P "$PASS" -- "$OLTUI" --db "$DB" unlock --for 1h); rc=$?
is "$rc" 0 "unlock asks the passphrase once"
like "$out" '^Vault passphrase: ' "on the terminal"
like "$out" "vault of $DB unlocked for 1h \\(until [0-9-]+ [0-9:]+\\) in this login session's keyring" "and says for how long"
id=$(kept_id)
like "$id" '^[0-9]+$' "the key is kept in the session keyring as a user key named after the database"
desc=$(keyctl rdescribe "$id")
like "$desc" "^user;$(id -u);$(id -g);[0-9a-f]{2}000000;$(name "$DB")\$" "possessor permissions only: nothing for user, group or others"
perm=$((16#$(cut -d';' -f4 <<<"$desc")))
is "$(( perm & 0x0b000000 ))" $((0x0b000000)) "the possessor can view, read and search it"
is "$(awk -v k="$(printf '%08x' "$id")" '$1 == k { print $4 }' /proc/keys | grep -cE '^(59m|1h)$')" 1 \
	"it expires in an hour (the kernel's timer, not 'perm')"
is "$(keyctl pipe "$id" | wc -c)" 32 "what is kept is the 32-byte key, not the passphrase"
unlike "$(keyctl pipe "$id")" "$PASS" "the passphrase itself is not kept"

# ---- unlocked: commands do not ask ----
out=$(add_hw hw-1 NT); rc=$?
is "$rc" 0 "unlocked: olt add with no terminal seals with the kept key"
out=$(NT olt test hw-1 --accept-new-host-key --known-hosts "$KH"); rc=$?
is "$rc" 0 "unlocked: olt test with no terminal unseals the password and logs in to oltsim"
like "$out" 'hw-1: logged in' "the login really happened"
out=$(P -t 10 -- "$OLTUI" --db "$DB" olt test hw-1 --known-hosts "$KH"); rc=$?
is "$rc" 0 "unlocked, on a terminal: a second command runs"
unlike "$out" "passphrase" "without a passphrase prompt"
like "$(NT vault status)" 'session +unlocked: the key kept by `oltui unlock` opens it' "vault status: unlocked"
is "$(NT vault status --json | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["mode"], d["unlocked"], d["olts"], d["secrets"])')" \
	"passphrase True 2 2" "vault status --json"

# ---- the key is nowhere else ----
keyctl pipe "$id" >"$TMPD/kept.bin"
"$OLTUI" --db "$DB" poll --daemon --interval 3600 --log "$TMPD/daemon.log" >"$TMPD/daemon.out" 2>&1 </dev/null &
bg=$!
track $bg
sleep 1
kill -0 $bg 2>/dev/null
is "$?" 0 "unlocked: poll --daemon starts with no passphrase asked"
# keyscan KEYFILE PATH...: fails naming every file under PATH... (or the
# file PATH) holding the key raw, in hex or in base64.
keyscan() {
	python3 - "$@" <<'PY'
import base64, os, sys
key = open(sys.argv[1], "rb").read()
forms = [key, key.hex().encode(), key.hex().upper().encode(), base64.b64encode(key).rstrip(b"="),
         base64.urlsafe_b64encode(key).rstrip(b"=")]
paths = []
for top in sys.argv[2:]:
    if os.path.isdir(top):
        paths += [os.path.join(r, f) for r, _, fs in os.walk(top) for f in fs]
    else:
        paths.append(top)
bad = []
for p in paths:
    if p == sys.argv[1] or not (os.path.isfile(p) or p.startswith("/proc/")):
        continue
    try:
        data = open(p, "rb").read()
    except OSError:
        continue
    bad += [p for form in forms if form in data]
print("\n".join(sorted(set(bad))))
sys.exit(1 if bad else 0)
PY
}
out=$(keyscan "$TMPD/kept.bin" /proc/$bg/environ /proc/$bg/cmdline); rc=$?
is "$rc" 0 "the kept key is not in a running oltui's argv or environment"
[ "$rc" -eq 0 ] || diag "$out"
unlike "$(tr '\0' '\n' </proc/$bg/environ; tr '\0' ' ' </proc/$bg/cmdline)" "$PASS" "nor is the passphrase"
kill $bg 2>/dev/null; wait $bg 2>/dev/null
NT audit >"$TMPD/audit.txt"; NT audit --json >>"$TMPD/audit.txt"
out=$(keyscan "$TMPD/kept.bin" "$TMPD"); rc=$?
is "$rc" 0 "the kept key is in no file: database, WAL, config, home, the daemon's log, the audit (raw, hex or base64)"
[ "$rc" -eq 0 ] || diag "$out"
unlike "$(cat "$TMPD/audit.txt" "$TMPD/daemon.log" 2>/dev/null)" "$PASS" "the passphrase is in neither the audit nor the log"
rm -f "$TMPD/kept.bin"

# ---- another login session cannot use it ----
out=$(keyctl session - keyctl pipe "$id" 2>&1); rc=$?
is "$rc" 1 "another session keyring (another login) cannot read the key"
like "$out" 'Permission denied' "the kernel refuses it (possessor only)"
out=$(keyctl session - setsid -w "$OLTUI" --db "$DB" olt test hw-1 --known-hosts "$KH" </dev/null 2>&1); rc=$?
is "$rc" 1 "and an oltui there asks (no terminal: refused)"
like "$out" 'no terminal to ask the vault passphrase' "with the clear message"

# ---- lock ----
out=$(NT lock); rc=$?
is "$rc" 0 "lock"
like "$out" "vault of $DB locked" "says it locked"
is "$(kept_id)" "" "the key is gone from the keyring"
out=$(NT olt test hw-1 --known-hosts "$KH"); rc=$?
is "$rc" 1 "locked: a command with no terminal is refused"
like "$out" 'no terminal to ask the vault passphrase: run `oltui unlock`' "with the clear message"
out=$(P "$PASS" -- "$OLTUI" --db "$DB" olt test hw-1 --known-hosts "$KH"); rc=$?
is "$rc" 0 "locked, on a terminal: the passphrase is asked again and works"
like "$out" '^Vault passphrase: .*hw-1: logged in' "the prompt came, then the login"
out=$(NT lock); rc=$?
is "$rc" 0 "lock when nothing is kept is fine"
like "$out" 'was not unlocked in this login session: nothing to forget' "and says so"

# ---- the timeout ----
# The kernel counts whole seconds: 3 s last at least 2.
out=$(P "$PASS" -- "$OLTUI" --db "$DB" unlock --for 3s); rc=$?
is "$rc" 0 "unlock --for 3s"
check "at once: a command with no terminal runs" NT olt test hw-1 --known-hosts "$KH"
gone() { ! keyctl search @s user "$(name "$DB")" >/dev/null 2>&1; }
wait_for 10 gone
is "$?" 0 "the kernel expires the key after the timeout"
out=$(NT olt test hw-1 --known-hosts "$KH"); rc=$?
is "$rc" 1 "after the timeout: a command with no terminal is refused"
like "$out" 'no terminal to ask the vault passphrase' "it would have asked"
like "$(NT vault status)" 'session +locked' "vault status: locked again"

# ---- bad --for: refused before anything is asked ----
for bad in "25h" "0s" "8" "--json" "soon"; do
	out=$(NT unlock --for "$bad"); rc=$?
	is "$rc" 2 "unlock --for $bad is a usage error (asked nothing)"
done
out=$(NT unlock --for 25h)
like "$out" 'from 1 s to 24 h' "the limit is named"
out=$(NT unlock --for); rc=$?
is "$rc" 2 "unlock --for without a value is a usage error"

# ---- a key file never goes in the keyring ----
KDB=$TMPD/data/k.db
out=$(setsid -w "$OLTUI" --db "$KDB" --key-file "$TMPD/key" olt add k1 --vendor zte --host h --user u \
	--password-file "$TMPD/hw.pw" </dev/null 2>&1); rc=$?
is "$rc" 0 "a key-file database"
is "$(kept_id "$KDB")" "" "using a key file keeps nothing in the keyring"
out=$(setsid -w "$OLTUI" --db "$KDB" --key-file "$TMPD/key" unlock </dev/null 2>&1); rc=$?
is "$rc" 2 "unlock with --key-file is refused"
like "$out" 'never kept in the keyring' "a key file is never kept"
out=$(OLTUI_KEY_FILE=$TMPD/key setsid -w "$OLTUI" --db "$KDB" unlock </dev/null 2>&1); rc=$?
is "$rc" 2 "unlock with OLTUI_KEY_FILE is refused the same way"
out=$(setsid -w "$OLTUI" --db "$KDB" unlock </dev/null 2>&1); rc=$?
is "$rc" 1 "unlock of a database sealed with a key file is refused"
like "$out" 'sealed with a key file, which opens the vault by itself' "and says why"
out=$(setsid -w "$OLTUI" --db "$KDB" olt edit k1 --password-file "$TMPD/hw.pw" </dev/null 2>&1); rc=$?
is "$rc" 1 "a key-file database without --key-file is refused"
like "$out" 'sealed with a key file: pass --key-file FILE' "naming --key-file, without asking a passphrase"
descs=$(for k in $(keyctl rlist @s 2>/dev/null); do keyctl rdescribe "$k" 2>/dev/null; echo; done)
unlike "$descs" "$(realpath "$KDB")" "no key in the session keyring names the key-file database"

# ---- a kept key that does not open the database is not used ----
out=$(P "$PASS" -- "$OLTUI" --db "$DB" unlock); rc=$?
is "$rc" 0 "unlock (default time)"
like "$out" 'unlocked for 8h' "the default is 8h"
rm -f "$DB" "$DB-wal" "$DB-shm"
out=$(P 'Other Pass 4' 'Other Pass 4' -- "$OLTUI" --db "$DB" olt add n1 --vendor zte --host h --user u \
	--password-file "$TMPD/hw.pw"); rc=$?
is "$rc" 0 "a new database at the same path, with another passphrase"
out=$(NT olt edit n1 --password-file "$TMPD/hw.pw"); rc=$?
is "$rc" 1 "the old kept key does not open it: refused with no terminal"
like "$out" 'no terminal to ask the vault passphrase' "it would have asked"
is "$(kept_id)" "" "and the stale key was forgotten"

done_testing
