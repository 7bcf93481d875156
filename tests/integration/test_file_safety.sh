#!/bin/bash
# The files oltui reads and writes, when they are missing, empty, loose or
# not what they seem (issue 13): nothing is created or lost silently, and
# each refusal names the file and what to do.
#   - a key file missing against a database sealed with one: refused, naming
#     the file; no new key is made (it could never open the old secrets)
#   - a key file given for a passphrase database: refused, naming both
#   - a 0-byte database (a truncated one): refused, left as it was
#   - config.ini that is a directory, set twice, with a byte order mark
source "$OLTUI_TOP/tests/lib.sh"
cd "$OLTUI_TOP"

DB=$TMPD/data/f.db
KEY=$TMPD/vault.key
NT() { setsid -w "$OLTUI" "$@" </dev/null 2>&1; }

# A database sealed with a key file (oltui makes the key), holding a secret.
printf 's3cret-pw\n' >"$TMPD/pw"
check "a key-file database with a sealed password" NT --db "$DB" --key-file "$KEY" \
	olt add x --vendor zte --host 127.0.0.1 --user u --password-file "$TMPD/pw"
mv "$KEY" "$TMPD/key.saved"
before=$(sqlite3 "$DB" "SELECT key, value FROM meta ORDER BY key; SELECT password_sealed FROM olts")
out=$(NT --db "$DB" --key-file "$KEY" olt add z --vendor zte --host 127.0.0.1 --user u --password-file "$TMPD/pw"); rc=$?
if [ $rc -ne 0 ] && [[ $out == *"key file $KEY: No such file or directory; the secrets of $DB are sealed with it"* ]]; then
	ok "missing key file: refused, naming the file and the database"
else
	not_ok "missing key file: refused, naming the file (status $rc)"; diag "$out"
fi
if [ -e "$KEY" ]; then not_ok "no new key file was made"; else ok "no new key file was made"; fi
is "$(sqlite3 "$DB" "SELECT key, value FROM meta ORDER BY key; SELECT password_sealed FROM olts")" \
	"$before" "the database is as it was"
mv "$TMPD/key.saved" "$KEY"
check "the right key file still opens it" NT --db "$DB" --key-file "$KEY" olt list

# A passphrase database (made on a pseudo-terminal), then a key file that
# does not exist.
P() { python3 "$OLTUI_TOP/tests/drive_pty.py" -t 30 "$@"; }
DB2=$TMPD/data/p.db
check "a passphrase database" P 'Pass Phrase 1' 'Pass Phrase 1' -- "$OLTUI" --db "$DB2" olt add y --vendor zte --host 127.0.0.1 --user u --password-file "$TMPD/pw"
out=$(NT --db "$DB2" --key-file "$TMPD/nokey" olt add z --vendor zte --host 127.0.0.1 --user u --password-file "$TMPD/pw"); rc=$?
if [ $rc -ne 0 ] && [[ $out == *"sealed with a passphrase, not a key file"* ]] && [ ! -e "$TMPD/nokey" ]; then
	ok "a key file for a passphrase database: refused, none made"
else
	not_ok "a key file for a passphrase database (status $rc)"; diag "$out"
fi

# A 0-byte database is a truncated one, not a new one.
: >"$TMPD/data/empty.db"; chmod 644 "$TMPD/data/empty.db"
out=$(NT --db "$TMPD/data/empty.db" --key-file "$KEY" contract list); rc=$?
if [ $rc -ne 0 ] && [[ $out == *"database $TMPD/data/empty.db is empty (0 bytes)"* ]]; then
	ok "0-byte database: refused with what to do"
else
	not_ok "0-byte database: refused (status $rc)"; diag "$out"
fi
is "$(stat -c '%s' "$TMPD/data/empty.db")" "0" "the empty file is left as it was"
check "a new database (no file) is still made" NT --db "$TMPD/data/new.db" --key-file "$KEY" contract list
is "$(stat -c '%a' "$TMPD/data/new.db")" "600" "a new database is 0600"

# config.ini
mkdir -p "$TMPD/cfg1/config.ini"
out=$(NT --db "$DB" --key-file "$KEY" --config-dir "$TMPD/cfg1" config show); rc=$?
[ $rc -ne 0 ] && [[ $out == *"config.ini is not a file"* ]] && ok "config.ini as a directory: refused" ||
	{ not_ok "config.ini as a directory (status $rc)"; diag "$out"; }
mkdir -p "$TMPD/cfg2"; printf '[jobs]\nworkers = 3\n[jobs]\nworkers = 5\n' >"$TMPD/cfg2/config.ini"
out=$(NT --db "$DB" --key-file "$KEY" --config-dir "$TMPD/cfg2" config show); rc=$?
[ $rc -ne 0 ] && [[ $out == *"line 4: jobs.workers is already set on line 2"* ]] && ok "a key set twice: refused, both lines named" ||
	{ not_ok "a key set twice (status $rc)"; diag "$out"; }
mkdir -p "$TMPD/cfg3"; printf '\xef\xbb\xbf[jobs]\nworkers = 3\n' >"$TMPD/cfg3/config.ini"
check "config.ini with a byte order mark is read" NT --db "$DB" --key-file "$KEY" --config-dir "$TMPD/cfg3" config show

# The process holding the secrets is not dumpable (no core dump, no ptrace
# by another process of the user); OLTUI_DUMPABLE=1 allows it to debug.
# Sanitizer builds stay dumpable (LeakSanitizer needs ptrace).
if grep -q __asan_init "$OLTUI"; then
	ok "# SKIP an ASan build stays dumpable"
	ok "# SKIP an ASan build stays dumpable"
else
	like "$(NT --db "$DB" --key-file "$KEY" vault status)" "memory +not dumpable" "oltui is not dumpable"
	like "$(OLTUI_DUMPABLE=1 NT --db "$DB" --key-file "$KEY" vault status)" "memory +DUMPABLE \(OLTUI_DUMPABLE=1\)" \
		"OLTUI_DUMPABLE=1 makes it dumpable, and says so"
fi

done_testing
