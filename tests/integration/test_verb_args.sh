#!/bin/bash
# Arguments that cannot surprise, against oltsim (Huawei over SSH, ZTE over
# Telnet): a value option never swallows an option (the device state from
# oltsim's `dump` is unchanged and nothing is audited), one exit status per
# outcome for every verb (0 ok, 1 refused/failed, 2 usage — a name oltui
# does not know included —, 3 unreachable) with --json errors as one JSON
# document, and the verb defects of issue 11: `ont show` of an unreachable
# OLT prints the cached ONT, `ont list` needs no vault key, `cli-run
# --vendor zte` takes the driver's transport, `poll --daemon --textfile
# MISSING_DIR/f` fails before it runs, `link`/`unlink`.
source "$OLTUI_TOP/tests/lib.sh"
source "$OLTUI_TOP/tests/lab/sim.sh"
source "$OLTUI_TOP/tests/integration/writes_env.sh"
cd "$OLTUI_TOP"

if writes_env_start; then ok "oltsim started, OLTs added"; else not_ok "oltsim started, OLTs added"; done_testing; exit 1; fi
HWSN=HWTC0000AA01
sim_ctl w add-autofind hw-1 0/1/1 $HWSN >/dev/null
O discover hw-1 --accept-new-host-key >/dev/null 2>&1
O poll --once >/dev/null 2>&1
# An ONT the cache knows (the first of hw-1), and a dead port.
KNOWN=$(O ont list --olt hw-1 --json | json_py "d[0]['sn']")
like "$KNOWN" '^[A-Z]{4}[0-9A-F]{8}$' "poll --once filled the cache ($KNOWN)"
DEAD=$(free_port)
audits() { O audit --json | json_py "len(d)"; }

# ---- a value option never takes an option as its value ----
before=$(sim_ctl w dump hw-1)
nbefore=$(audits)
out=$(O provision --olt hw-1 --port 0/1/1 --sn $HWSN --profile hw100 --desc --dry-run 2>&1); rc=$?
is "$rc" 2 "provision --desc --dry-run is a usage error"
like "$out" "--desc needs a value" "naming --desc"
is "$(sim_ctl w dump hw-1)" "$before" "oltsim's dump is unchanged"
is "$(audits)" "$nbefore" "and nothing was audited"
out=$(O provision --olt hw-1 --port 0/1/1 --sn $HWSN --profile --yes 2>&1); rc=$?
is "$rc" 2 "--profile --yes: a usage error too"
is "$(sim_ctl w dump hw-1)" "$before" "the device is still unchanged"
out=$(O provision --olt hw-1 --port 0/1/1 --sn $HWSN --profile hw100 --ont-id 20 --desc=--dry-run --dry-run); rc=$?
is "$rc" 0 "--desc=--dry-run gives a description that starts with --"
like "$out" 'desc "--dry-run"' "and the plan carries it"
out=$(O provision --olt hw-1 --port 0/1/1 --sn $HWSN --vlan 100 --vlan 200 --dry-run 2>&1); rc=$?
is "$rc" 2 "a value option given twice is a usage error"
like "$out" "--vlan given twice" "naming it"

# ---- one exit status per outcome, the same in every verb ----
O contract add C-2 --customer "Bo Li" >/dev/null
O olt add dead --vendor huawei --host 127.0.0.1 --port "$DEAD" --user u --password-file "$TMPD/hwpw" >/dev/null 2>&1
HP=$(sim_field w hw-1 cliport)
# NAME|EXIT|KIND|ARGS... (KIND: the JSON error's kind)
while IFS='|' read -r name want kind args; do
	[ -z "$name" ] && continue
	eval "set -- $args"
	out=$(O "$@" 2>/dev/null </dev/null); rc=$?
	is "$rc" "$want" "$name: exit $want"
	js=$(O --json "$@" 2>/dev/null </dev/null); jrc=$?
	got=$(json_py "(d['error']['kind'], d['error']['exit'], bool(d['error']['message']))" <<<"$js" 2>/dev/null)
	is "$jrc $got" "$want ('$kind', $want, True)" "$name: --json error {kind: $kind, exit: $want, message}"
done <<EOF
unknown OLT: ont list --olt|2|usage|ont list --olt nosuch
unknown OLT: health|2|usage|health nosuch
unknown OLT: olt show|2|usage|olt show nosuch
unknown OLT: olt edit|2|usage|olt edit nosuch --host h
unknown OLT: olt rm|2|usage|olt rm nosuch
unknown OLT: olt test|2|usage|olt test nosuch
unknown OLT: backup|2|usage|backup nosuch
unknown OLT: discover|2|usage|discover nosuch
unknown OLT: poll --olt|2|usage|poll --once --olt nosuch
unknown OLT: alarms --olt|2|usage|alarms --olt nosuch
unknown OLT: thresholds|2|usage|thresholds nosuch
unknown OLT: provision|2|usage|provision --olt nosuch --port 0/1/1 --sn $HWSN --vlan 10
unknown OLT: ont enable|2|usage|ont enable --olt nosuch --port 0/1/1 --ont-id 1
unknown ONT: ont show|2|usage|ont show HWTC99999999
unknown ONT: ont reboot|2|usage|ont reboot HWTC99999999 --yes
unknown ONT: signal|2|usage|signal HWTC99999999
unknown ONT: link|2|usage|link HWTC99999999 C-1
unknown ONT: unlink|2|usage|unlink HWTC99999999
unknown contract: contract show|2|usage|contract show nosuch
unknown contract: contract suspend|2|usage|contract suspend nosuch --yes
unknown contract: link|2|usage|link $KNOWN nosuch
unknown contract: provision|2|usage|provision --olt hw-1 --port 0/1/1 --sn $HWSN --vlan 10 --contract nosuch --dry-run
unknown option|2|usage|ont list --bogus
unknown subcommand|2|usage|ont frobnicate
no subcommand|2|usage|ont
no verb|2|usage|frobnicate
missing value|2|usage|backup hw-1 --timeout
poll without a mode|2|usage|poll
refused: OLT exists|1|refused|olt add hw-1 --vendor huawei --host h --user u --password-file $TMPD/hwpw
refused: nothing to unlink|1|refused|unlink $KNOWN
failed: unreadable capture|1|refused|parse huawei ont-list $TMPD/none
failed: device errors through the pool|1|syntax|cli-run --vendor huawei --host 127.0.0.1 --port $HP --user $(sim_field w hw-1 user) --password-file $TMPD/hwpw --known-hosts $TMPD/cli_kh --accept-new-host-key --pool-workers 2 --repeat 3 frobnicate
unreachable: olt test|3|unreachable|olt test dead --timeout 2000
unreachable: backup|3|unreachable|backup dead --timeout 2000
unreachable: cli-run|3|unreachable|cli-run --vendor huawei --host 127.0.0.1 --port $DEAD display version
unreachable: cli-run pool|3|unreachable|cli-run --vendor huawei --host 127.0.0.1 --port $DEAD --pool-workers 2 --repeat 3 display version
EOF

# Successful verbs print their own document, no error.
js=$(O --json ont list --olt hw-1); rc=$?
is "$rc $(json_py "type(d).__name__" <<<"$js")" "0 list" "--json ont list: exit 0, a list"
js=$(O health hw-1 --json); rc=$?
is "$rc $(json_py "[o['olt'] for o in d]" <<<"$js")" "0 ['hw-1']" "health OLT --json: exit 0, that OLT"

# ---- ont list from the cache needs no vault key ----
out=$(setsid -w "$OLTUI" --db "$DB" ont list --olt hw-1 2>&1 </dev/null); rc=$?
is "$rc" 0 "ont list with no key file and no terminal: exit 0"
like "$out" "$KNOWN" "it lists the cached ONTs"
out=$(setsid -w "$OLTUI" --db "$DB" ont list --olt hw-1 --live 2>&1 </dev/null); rc=$?
is "$rc" 1 "ont list --live still needs the key (reaching the OLT)"

# ---- cli-run --vendor zte: the driver's transport and port ----
ZP=$(sim_field w zte-1 cliport)
out=$($OLTUI cli-run --vendor zte --host 127.0.0.1 --port "$ZP" --user "$(sim_field w zte-1 user)" \
	--password-file "$TMPD/ztepw" --timeout 5000 "show card" 2>&1); rc=$?
is "$rc" 0 "cli-run --vendor zte without --transport logs in (Telnet, the driver's)"
like "$out" "GTGH" "and runs the command"

# ---- poll --daemon with a textfile in a missing directory ----
t0=$(date +%s)
out=$(timeout 20 "$OLTUI" --db "$DB" --key-file "$KEY" poll --daemon --interval 10 \
	--textfile "$TMPD/no-such-dir/oltui.prom" --log "$TMPD/poll.log" 2>&1); rc=$?
is "$rc" 2 "poll --daemon --textfile MISSING_DIR/f: exit 2"
like "$out" "--textfile: the directory $TMPD/no-such-dir does not exist" "naming the directory"
unlike "$out" "running" "and it never said it was running"
check "at once" test $(( $(date +%s) - t0 )) -lt 10
out=$(timeout 20 "$OLTUI" --db "$DB" --key-file "$KEY" poll --daemon --interval 10 \
	--log "$TMPD/nodir/poll.log" 2>&1); rc=$?
is "$rc" 2 "poll --daemon --log MISSING_DIR/f: exit 2 as well"

# ---- link / unlink: the database and the audit trail ----
out=$(O link "$KNOWN" C-2 2>&1); rc=$?
is "$rc" 0 "link SN CODE"
is "$(O ont list --json | json_py "[o['contract'] for o in d if o['sn']=='$KNOWN']")" "['C-2']" \
	"the ONT is linked in the database"
like "$(O contract show C-2)" "onts +$KNOWN" "contract show lists it"
js=$(O link "$KNOWN" C-1 --json); rc=$?
is "$rc $(json_py "(d['contract'], d['was'], d['changed'])" <<<"$js")" "0 ('C-1', 'C-2', True)" "relinking says what it was"
js=$(O unlink "$KNOWN" --json); rc=$?
is "$rc $(json_py "d['was']" <<<"$js")" "0 C-1" "unlink SN"
is "$(O ont list --json | json_py "[o['contract'] for o in d if o['sn']=='$KNOWN']")" "[None]" "the link is gone"
is "$(O audit --ont "$KNOWN" --json | json_py "[(e['action'], e['contract'], e['olt'], e['outcome']) for e in d if 'link' in e['action']]")" \
	"[('ont link', 'C-2', 'hw-1', 'ok'), ('ont link', 'C-1', 'hw-1', 'ok'), ('ont unlink', 'C-1', 'hw-1', 'ok')]" \
	"each change is one audit entry naming the ONT, its OLT and the contract"

# ---- ont show of an ONT whose OLT does not answer: the cached row ----
O olt edit hw-1 --port "$DEAD" >/dev/null
out=$(O ont show "$KNOWN" --timeout 2000 2>/dev/null); rc=$?
is "$rc" 3 "ont show on an unreachable OLT: exit 3"
like "$out" "CACHED.*s ago" "the cached ONT is marked cached, with its age"
like "$out" "sn +$KNOWN" "and shown"
js=$(O ont show "$KNOWN" --json --timeout 2000 2>/dev/null); rc=$?
is "$rc $(json_py "(d['sn'], d['cached'], d['age_s'] >= 0, d['error']['kind'], d['error']['exit'])" <<<"$js")" \
	"3 ('$KNOWN', True, True, 'unreachable', 3)" "--json: the cached row, its age and the error"

done_testing
