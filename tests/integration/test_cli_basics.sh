#!/bin/bash
# The binary's front door: --version, --help generated from the verb table,
# exit statuses for bad usage, and the man page kept in step with the table.
source "$OLTUI_TOP/tests/lib.sh"
cd "$OLTUI_TOP"

like "$($OLTUI --version)" '^oltui [0-9]+\.[0-9]+\.[0-9]+$' "--version prints the version"
like "$($OLTUI --json version)" '^\{"version":"[0-9.]+"\}$' "--json version prints JSON"
help=$($OLTUI --help)
like "$help" 'usage: oltui' "--help prints usage"
# Every verb in the table appears in --help, and no verb is listed twice.
verbs=$($OLTUI --help-man | awk '/^\.B oltui /{print $3}' | sort)
dups=$(uniq -d <<<"$verbs")
is "$dups" "" "no verb is listed twice"
missing=""
for v in $verbs; do grep -q "^  $v " <<<"$help" || missing="$missing $v"; done
is "$missing" "" "--help lists every verb of the table"
check_fails "an unknown verb is a usage error" 2 $OLTUI no-such-verb
check_fails "an unknown option is a usage error" 2 $OLTUI --no-such-option
check_fails "an option without its value is a usage error" 2 $OLTUI --db
check "help VERB prints that verb's usage" $OLTUI help version
check_fails "help for an unknown verb is a usage error" 2 $OLTUI help nothing
# The man page's generated sections match the binary's table.
check "docs/oltui.1 is current (scripts/genman.sh --check)" scripts/genman.sh --check
done_testing
