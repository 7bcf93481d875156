#!/bin/bash
# The inventory verbs end to end: olt/contract/profile add-list-show, import
# and export (round trip, bad rows), audit, config show; every kind of bad
# input is refused with a clear message and leaves the database byte-for-byte
# as it was (compared with `sqlite3 DB .dump`); no secret reaches the
# database file, its WAL, the audit output, exports or ps-visible argv.
source "$OLTUI_TOP/tests/lib.sh"
cd "$OLTUI_TOP"

DB=$TMPD/data/inv.db
KEY=$TMPD/key
PW='Hunter2-Secret!pw'
COMM='c0mmunity-Secret'
printf '%s\n' "$PW" >"$TMPD/pw"
printf '%s\n' "$COMM" >"$TMPD/comm"
O() { "$OLTUI" --db "$DB" --key-file "$KEY" "$@"; }
dump() { sqlite3 "$DB" .dump; }

# ---- OLTs ----
out=$(O olt add pop-north --vendor huawei --host 127.0.0.1 --user root \
	--password-file "$TMPD/pw" --snmp-community-file "$TMPD/comm" --tag site-a --tag core 2>&1)
is "$?" 0 "olt add (huawei) succeeds"
like "$out" "created key file $KEY \(keep it safe, mode 0600\)" "the new key file is announced"
is "$(stat -c %a "$KEY")" 600 "the key file is mode 0600"
is "$(stat -c %a "$DB")" 600 "the database file is mode 0600"
is "$(stat -c %a "$(dirname "$DB")")" 700 "its directory, created by oltui, is mode 0700"
check "olt add (zte) with defaults" O olt add pop-south --vendor zte --host 10.0.0.2 --user admin --password-file "$TMPD/pw"
list=$(O olt list)
like "$list" 'pop-north +huawei +127\.0\.0\.1 +ssh/22 +root +site-a,core' "huawei defaults to ssh/22"
like "$list" 'pop-south +zte +10\.0\.0\.2 +telnet/23' "zte defaults to telnet/23"
json=$(O olt show pop-north --json)
is "$(python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["snmp_port"], d["password"], d["snmp_community"], d["tags"])' <<<"$json")" \
	"161 True True site-a,core" "olt show --json: SNMP port 161, secrets present but not shown"
check "olt edit changes the host" O olt edit pop-south --host 10.0.0.3 --snmp-port 1161
like "$(O olt show pop-south)" 'snmp_port +1161' "the edit is stored"
check "olt edit sets a new password from a file" O olt edit pop-south --password-file "$TMPD/pw"

# ---- contracts, profiles ----
check "contract add" O contract add C-100 --customer "Ana Pérez" --address "Calle 1, Lima"
check "profile add" O profile add home-100 --vlan 100 --down-mbps 100 --up-mbps 50 \
	--wan pppoe --line-profile 10 --service-profile 20 --acs-url http://127.0.0.1:7557
like "$(O contract show C-100)" 'customer +Ana Pérez' "contract show"
is "$(O --json profile list | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d[0]["vlan"], d[0]["wan"])')" \
	"100 pppoe" "profile list --json"

# ---- bad input: clear message, exit status, database unchanged ----
bad() {	# bad NAME STATUS REGEX ARGS...
	local name=$1 want=$2 re=$3 before after out rc
	shift 3
	before=$(dump)
	out=$(setsid -w "$OLTUI" --db "$DB" --key-file "$KEY" "$@" 2>&1 </dev/null); rc=$?
	after=$(dump)
	if [ "$rc" -eq "$want" ] && [[ $out =~ $re ]] && [ "$before" == "$after" ]; then
		ok "$name"
	else
		not_ok "$name (status $rc, wanted $want)"; diag "$out"
		[ "$before" == "$after" ] || diag "the database changed"
	fi
}
bad "unknown vendor" 2 '--vendor: must be one of huawei\|zte' olt add x --vendor cisco --host h --user u --password-file "$TMPD/pw"
bad "port out of range" 2 '--port: must be a whole number from 1 to 65535' olt add x --vendor zte --host h --user u --port 70000
bad "snmp port not a number" 2 '--snmp-port: must be a whole number' olt add x --vendor zte --host h --user u --snmp-port 16x
bad "bad transport" 2 '--transport: must be one of ssh\|telnet' olt add x --vendor zte --host h --user u --transport rsh
bad "name with a space" 2 'NAME: must be 1 to 32 of A-Z a-z 0-9 \. _ -' olt add 'a b' --vendor zte --host h --user u
bad "name too long" 2 'NAME: must be 1 to 32' olt add aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa --vendor zte --host h --user u
bad "host with a newline" 2 'control characters' olt add x --vendor zte --host $'h\nsave' --user u
bad "host starting with -" 2 '--host: must be a host name or IP address' olt add x --vendor zte --host -oProxyCommand=x --user u
bad "user with a space" 2 '--user: must be' olt add x --vendor zte --host h --user 'a b'
bad "missing --user" 2 '--user is required' olt add x --vendor zte --host h
bad "password in argv is refused" 2 'secrets are never taken on the command line' olt add x --vendor zte --host h --user u --password "$PW"
bad "community in argv is refused" 2 'secrets are never taken' olt add x --vendor zte --host h --user u --snmp-community=public
bad "unknown option" 2 'unknown option --colour' olt add x --vendor zte --host h --user u --colour red
bad "bad tag" 2 '--tags: must be 1 to 32' olt add x --vendor zte --host h --user u --tag 'a;b'
bad "duplicate OLT" 1 'OLT pop-north already exists' olt add pop-north --vendor zte --host h --user u --password-file "$TMPD/pw"
bad "missing password file" 1 'cannot|No such file' olt add x --vendor zte --host h --user u --password-file "$TMPD/nope"
bad "no terminal and no password file" 1 'pass --password-file' olt add x --vendor zte --host h --user u
bad "edit an unknown OLT" 2 'no OLT called ghost' olt edit ghost --host h
bad "edit with nothing to change" 2 'nothing to change' olt edit pop-north
bad "edit with a bad port" 2 '--port: must be' olt edit pop-north --port 0
bad "rm an unknown OLT" 2 'no OLT called ghost' olt rm ghost
bad "show an unknown OLT" 2 'no OLT called ghost' olt show ghost
bad "unknown olt subcommand" 2 "unknown subcommand 'frob'" olt frob
bad "vlan 0" 2 '--vlan: must be a whole number from 1 to 4094' profile add p --vlan 0 --down-mbps 1 --up-mbps 1
bad "vlan 4095" 2 '--vlan: must be a whole number from 1 to 4094' profile add p --vlan 4095 --down-mbps 1 --up-mbps 1
bad "speed not a number" 2 '--down-mbps: must be a whole number from 1 to 100000' profile add p --vlan 10 --down-mbps fast --up-mbps 1
bad "bad WAN mode" 2 '--wan: must be one of none\|dhcp\|pppoe' profile add p --vlan 10 --down-mbps 1 --up-mbps 1 --wan static
bad "bad ACS URL" 2 '--acs-url: must be an http:// or https:// URL' profile add p --vlan 10 --down-mbps 1 --up-mbps 1 --acs-url ftp://x
bad "profile without speed" 2 '--down-mbps is required' profile add p --vlan 10
bad "duplicate profile" 1 'profile home-100 already exists' profile add home-100 --vlan 10 --down-mbps 1 --up-mbps 1
bad "contract without customer" 2 '--customer is required' contract add C-9
bad "customer with an escape" 2 'control characters' contract add C-9 --customer $'Ana\e[2J'
bad "bad contract status" 2 '--status: must be one of active\|suspended' contract add C-9 --customer X --status gone
bad "duplicate contract" 1 'contract C-100 already exists' contract add C-100 --customer X
bad "show an unknown contract" 2 'no contract C-404' contract show C-404
bad "audit with a bad serial" 2 '--ont: must be a GPON serial' audit --ont 12345
bad "export with an argument" 2 'takes no arguments' export out.csv
bad "import of a missing file" 1 'cannot read' import "$TMPD/none.csv"
bad "config without show" 2 'usage: oltui config' config

# ---- import: bad rows name the line and field, and nothing is written ----
cat >"$TMPD/bad1.csv" <<'EOF'
code,customer,address,sn
C-200,Bob,Av. 2,HWTC0000AAAA
C-201,Carla,,ZTEG0000BBBB
C-202,Dan,,NOTASERIAL
EOF
bad "import: bad serial on line 4" 1 'bad1\.csv line 4: sn: must be a GPON serial' import "$TMPD/bad1.csv"
cat >"$TMPD/bad2.csv" <<'EOF'
type,name,vendor,host,user,vlan,down_mbps,up_mbps,code,customer
olt,pop-x,huawei,10.9.9.9,root,,,,,
profile,p2,,,,100,10,10,,
profile,p3,,,,9999,10,10,,
EOF
bad "import: bad VLAN on line 4" 1 'bad2\.csv line 4: vlan: must be a whole number from 1 to 4094' import "$TMPD/bad2.csv"
cat >"$TMPD/bad3.csv" <<'EOF'
sn,contract
HWTC0000CCCC,C-100
HWTC0000DDDD,C-404
EOF
bad "import: link to an unknown contract" 1 'bad3\.csv line 3: no contract C-404' import "$TMPD/bad3.csv"
printf 'code,customer,colour\nC-1,X,red\n' >"$TMPD/bad4.csv"
bad "import: unknown column" 1 "line 1: unknown column 'colour'" import "$TMPD/bad4.csv"
printf 'code,customer\n"C-1,X\n' >"$TMPD/bad5.csv"
bad "import: unterminated quote" 1 'quoted field is not closed' import "$TMPD/bad5.csv"
cat >"$TMPD/bad6.json" <<'EOF'
{
  "contracts": [
    { "code": "J-1", "customer": "Ok" },
    { "code": "J-2",
      "customer": "Bad\u0007bell" }
  ]
}
EOF
bad "import: JSON row with a control character, by line" 1 'bad6\.json line 4: customer: control characters' import "$TMPD/bad6.json"
printf '{ "olts": [ { "name": "x", ] }\n' >"$TMPD/bad7.json"
bad "import: invalid JSON" 1 'bad7\.json line 1: not valid JSON' import "$TMPD/bad7.json"
printf '{"profiles":[{"name":"q","vlan":10,"down_mbps":1,"up_mbps":1,"colour":"red"}]}' >"$TMPD/bad8.json"
bad "import: unknown JSON field" 1 "unknown field 'colour' for a profile" import "$TMPD/bad8.json"

# Invalid UTF-8, C1 controls and reordering characters (issue 13: they were
# accepted, after which `contract list --json` was not valid JSON).
bad "customer with a C1 CSI (U+009B)" 2 '--customer: holds a C1 control character \(U\+009B\)' contract add C-9 --customer $'Ana\xc2\x9b31m'
bad "address with a right-to-left override" 2 '--address: holds a character that reorders text \(U\+202E\)' contract add C-9 --customer Ana --address $'Rua \xe2\x80\xae1 oN'
bad "customer with an overlong form" 2 '--customer: holds invalid UTF-8' contract add C-9 --customer $'Ana\xc0\xaf'
bad "customer with a stray byte" 2 '--customer: holds invalid UTF-8' contract add C-9 --customer $'Ana\xff'
bad "OLT user with a C1 control" 2 'holds a C1 control character' olt add x --vendor zte --host h --user $'u\xc2\x85'
cat >"$TMPD/bad9.json" <<'EOF'
{
  "contracts": [
    { "code": "J-1", "customer": "Ok" },
    { "code": "J-2", "customer": "Cut\u0000here" }
  ]
}
EOF
bad "import: JSON \\u0000 refused by line, not truncated" 1 'bad9\.json line 4: a value holds \\u0000' import "$TMPD/bad9.json"
printf '{"contracts":[{"code":"J-3","customer":"x\\u009bq"}]}\n' >"$TMPD/bad10.json"
bad "import: JSON \\u009b (C1) refused" 1 'bad10\.json line 1: customer: holds a C1 control character \(U\+009B\)' import "$TMPD/bad10.json"
printf 'code,customer\nJ-4,ok\nJ-5,x\xc2\x9bq\n' >"$TMPD/bad11.csv"
bad "import: CSV C1 refused by line" 1 'bad11\.csv line 3: customer: holds a C1 control character' import "$TMPD/bad11.csv"
printf 'code,customer\nJ-6,x\xe9q\n' >"$TMPD/bad12.csv"
bad "import: CSV Latin-1 byte (invalid UTF-8) refused by line" 1 'bad12\.csv line 2: customer: holds invalid UTF-8' import "$TMPD/bad12.csv"
check "contract with accented UTF-8" O contract add C-UTF --customer 'João Ñandú' --address 'Rua São Tomé 4º'
is "$(O --json contract list | python3 -c 'import json,sys; d=json.load(sys.stdin); print([c["customer"] for c in d if c["code"]=="C-UTF"][0])')" \
	"João Ñandú" "contract list --json is valid JSON and keeps UTF-8"

# ---- import and export: a billing feed, then a round trip ----
cat >"$TMPD/billing.csv" <<'EOF'
code,customer,address,sn
C-200,"Bob, Jr.",Av. 2,HWTC0000AAAA
C-201,Carla,,zteg0000bbbb
EOF
out=$(O import "$TMPD/billing.csv")
like "$out" 'contract 2 added, 0 updated; profile 0 added, 0 updated; link 2 added' "billing CSV: contracts and links"
like "$(O contract show C-201)" 'onts +ZTEG0000BBBB' "serials are stored upper case and linked"
out=$(O import "$TMPD/billing.csv")
like "$out" 'contract 0 added, 2 updated' "importing again updates instead of duplicating"
O export --csv >"$TMPD/inv.csv"
O export --json >"$TMPD/inv.json"
for f in inv.csv inv.json; do
	rm -f "$TMPD/rt.db"*
	"$OLTUI" --db "$TMPD/rt.db" import "$TMPD/$f" >/dev/null
	is "$("$OLTUI" --db "$TMPD/rt.db" export --csv)" "$(cat "$TMPD/inv.csv")" "export -> import ($f) -> export is identical"
done
like "$(head -1 "$TMPD/inv.csv")" '^type,name,vendor,host,' "CSV export has a type column first"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert set(d)=={"olts","contracts","profiles","links"}' "$TMPD/inv.json"
is "$?" 0 "JSON export has olts, contracts, profiles, links"

# ---- the vault: wrong key refused before anything is written ----
bad "a missing key file is refused, none made" 1 'a new key cannot open them' --key-file "$TMPD/other.key" olt add x --vendor zte --host h --user u --password-file "$TMPD/pw"
setsid -w "$OLTUI" --db "$TMPD/other.db" --key-file "$TMPD/other.key" olt add x --vendor zte --host h --user u --password-file "$TMPD/pw" >/dev/null 2>&1 </dev/null
bad "a different key file is refused" 1 'wrong' --key-file "$TMPD/other.key" olt add x --vendor zte --host h --user u --password-file "$TMPD/pw"
before=$(dump)
out=$(setsid -w env -u OLTUI_KEY_FILE "$OLTUI" --db "$DB" olt add y --vendor zte --host h --user u \
	--password-file "$TMPD/pw" 2>&1 </dev/null); rc=$?
if [ "$rc" -eq 1 ] && [[ $out == *"--key-file"* ]] && [ "$before" == "$(dump)" ]; then
	ok "no terminal and no key file: told to pass --key-file"
else
	not_ok "no terminal and no key file: told to pass --key-file (status $rc)"; diag "$out"
fi

# ---- the passphrase (no key file), driven through a pseudo-terminal ----
PDB=$TMPD/pass.db
P() { python3 "$OLTUI_TOP/tests/drive_pty.py" "$@"; }
out=$(P 'vault pass 1' 'vault pass 2' -- "$OLTUI" --db "$PDB" olt add t1 --vendor zte --host h --user u --password-file "$TMPD/pw"); rc=$?
is "$rc" 1 "a first passphrase typed differently twice is refused"
like "$out" 'the two passphrases differ' "and says so"
out=$(P 'Correct Horse 9' 'Correct Horse 9' -- "$OLTUI" --db "$PDB" olt add t1 --vendor zte --host h --user u --password-file "$TMPD/pw"); rc=$?
is "$rc" 0 "first use: the passphrase is asked twice and the OLT added"
like "$out" 'Vault passphrase: .*Repeat the passphrase: ' "both prompts were shown"
is "$(sqlite3 "$PDB" "SELECT count(*) FROM meta WHERE key IN ('vault.salt', 'vault.check')")" 2 "the salt and the check token are kept in the database"
before=$(sqlite3 "$PDB" .dump)
out=$(P 'wrong horse' -- "$OLTUI" --db "$PDB" olt add t2 --vendor zte --host h --user u --password-file "$TMPD/pw"); rc=$?
is "$rc" 1 "a wrong passphrase is refused"
like "$out" 'wrong' "with a message saying it is wrong"
is "$(sqlite3 "$PDB" .dump)" "$before" "and nothing was written"
TTYPW='Typed-On-The-Tty-77'
out=$(P 'Correct Horse 9' "$TTYPW" -- "$OLTUI" --db "$PDB" olt add t3 --vendor huawei --host h --user u); rc=$?
is "$rc" 0 "the right passphrase, then the OLT password asked on the terminal"
like "$out" 'Password for u@h \(OLT t3\): ' "the password prompt names the OLT"
unlike "$out" "$TTYPW" "the typed password is not echoed"
unlike "$(cat "$PDB" "$PDB-wal" 2>/dev/null | strings; "$OLTUI" --db "$PDB" audit --json)" "$TTYPW" "nor stored in clear"

# ---- secrets: not in argv (ps), the database, its WAL, audit, export ----
mkfifo "$TMPD/pwfifo"
"$OLTUI" --db "$DB" --key-file "$KEY" olt add pop-east --vendor huawei --host 127.0.0.2 --user root \
	--password-file "$TMPD/pwfifo" >/dev/null 2>&1 &
pid=$!
track $pid
wait_for 5 test -r /proc/$pid/cmdline
args=$(tr '\0' ' ' </proc/$pid/cmdline; ps -o args= -p $pid)
printf '%s\n' "$PW" >"$TMPD/pwfifo"
wait $pid
is "$?" 0 "olt add reading the password from a pipe succeeds"
like "$args" 'olt add pop-east' "ps shows the running olt add"
unlike "$args" "$PW" "ps-visible argv never holds the password"
check "the OLT was added" O olt show pop-east
all=$(cat "$DB" "$DB-wal" 2>/dev/null | strings; O audit; O audit --json; O export; O export --json; O olt show pop-north; O --json olt list)
unlike "$all" "$PW" "the password is in none of: database, WAL, audit, export, show"
unlike "$all" "$COMM" "the community is in none of them either"
unlike "$(grep -rla -- "$PW" "$TMPD/data" 2>/dev/null)" "inv.db" "grep -r over the data directory finds no password"

# ---- audit ----
like "$(O audit --olt pop-north)" 'olt add +olt pop-north +-> ok' "audit --olt"
like "$(O audit --contract C-100)" 'contract add +contract C-100' "audit --contract"
is "$(O audit --olt pop-north --json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')" 1 "audit --json filters by OLT"
like "$(O audit)" 'import .*billing\.csv' "imports are audited"
like "$(O audit --ont HWTC00000000)" 'no audit entries' "audit of an ONT without entries"

# ---- config ----
like "$(O config show)" 'poll\.sweep_interval_s = 300 +# default' "config show prints defaults"
mkdir -p "$XDG_CONFIG_HOME/oltui"
printf '[poll]\nsweep_interval_s = 600\n' >"$XDG_CONFIG_HOME/oltui/config.ini"
like "$(O config show)" 'poll\.sweep_interval_s = 600 +# set in the file' "config show reads config.ini"
is "$(O config show --json | python3 -c 'import json,sys; d=json.load(sys.stdin); print([k["source"] for k in d["keys"] if k["key"]=="poll.sweep_interval_s"][0])')" \
	file "config show --json says where a value comes from"
printf '[poll]\nsweep_interval_s = 5\n' >"$XDG_CONFIG_HOME/oltui/config.ini"
out=$(O config show 2>&1); rc=$?
is "$rc" 1 "a bad config.ini fails"
like "$out" 'config\.ini line 2: poll\.sweep_interval_s: must be a whole number from 60 to 86400' "and names the line and the form"
rm -f "$XDG_CONFIG_HOME/oltui/config.ini"
table=$("$OLTUI" config show --markdown)
doc=$(awk '/<!-- keys:begin -->/{f=1;next} /<!-- keys:end -->/{f=0} f' docs/config.md)
is "$doc" "$table" "docs/config.md lists exactly the keys of the table (config show --markdown)"

# ---- XDG default path and two processes at once ----
"$OLTUI" contract add X-1 --customer Xdg >/dev/null
check "without --db the database is under \$XDG_DATA_HOME/oltui" test -f "$XDG_DATA_HOME/oltui/oltui.db"
( for i in $(seq 1 15); do O contract add A-$i --customer a >/dev/null || echo fail; done ) >"$TMPD/a.out" &
pa=$!
( for i in $(seq 1 15); do O contract add B-$i --customer b >/dev/null || echo fail; done ) >"$TMPD/b.out" &
pb=$!
wait $pa $pb
is "$(cat "$TMPD/a.out" "$TMPD/b.out")" "" "two writers at once: no failure"
is "$(O --json contract list | python3 -c 'import json,sys; print(sum(1 for c in json.load(sys.stdin) if c["code"][:2] in ("A-","B-")))')" \
	30 "two writers at once: every row is there"
done_testing
