#!/bin/sh
# Regenerate docs/oltui.1 from docs/oltui.1.in and the binary's verb table.
# With --check, only verify that docs/oltui.1 is current (exit 1 if not).
set -eu
cd "$(dirname "$0")/.."
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
sections=$(mktemp)
./oltui --help-man >"$sections"
awk -v f="$sections" '/^@VERBS_AND_OPTIONS@$/ { while ((getline l < f) > 0) print l; next } { print }' \
    docs/oltui.1.in >"$tmp"
rm -f "$sections"
if [ "${1:-}" = "--check" ]; then
	if ! cmp -s "$tmp" docs/oltui.1; then
		echo "docs/oltui.1 is out of date: run scripts/genman.sh" >&2
		diff -u docs/oltui.1 "$tmp" >&2 || true
		exit 1
	fi
	exit 0
fi
cp "$tmp" docs/oltui.1
echo "wrote docs/oltui.1"
