#!/bin/bash
# The binary's front door: --version, --help generated from the verb table,
# exit statuses for bad usage, and the man page kept in step with the table.
source "$OLTUI_TOP/tests/lib.sh"
cd "$OLTUI_TOP"

like "$($OLTUI --version)" '^oltui [0-9]+\.[0-9]+\.[0-9]+$' "--version prints the version"
like "$($OLTUI --json version)" '^\{"version":"[0-9.]+"\}$' "--json version prints JSON"
help=$($OLTUI --help)
like "$help" 'usage: oltui' "--help prints usage"
# Every verb and subcommand in the table appears in --help, and none is
# listed twice (the man page names each on its own `.B oltui VERB [SUB]` line).
verbs=$($OLTUI --help-man | sed -n 's/^\.B oltui //p' | sed 's/\\-/-/g' | sort)
dups=$(uniq -d <<<"$verbs")
is "$dups" "" "no verb is listed twice"
missing=""
while read -r v; do grep -qE "^  $v( |$)" <<<"$help" || missing="$missing [$v]"; done <<<"$verbs"
is "$missing" "" "--help lists every verb of the table"
like "$verbs" "ont move" "subcommands are listed as well"
check_fails "an unknown verb is a usage error" 2 $OLTUI no-such-verb
check_fails "an unknown option is a usage error" 2 $OLTUI --no-such-option
check_fails "an option without its value is a usage error" 2 $OLTUI --db
check "help VERB prints that verb's usage" $OLTUI help version
check_fails "help for an unknown verb is a usage error" 2 $OLTUI help nothing
# The man page's generated sections match the binary's table.
check "docs/oltui.1 is current (scripts/genman.sh --check)" scripts/genman.sh --check
done_testing
