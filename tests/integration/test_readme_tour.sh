#!/bin/bash
# The README runs as written: every command of its ``` blocks with "$ "
# lines (the headless tour: it starts its own oltsim, adds both OLTs,
# accepts a host key, discovers, provisions, changes an ONT, audits and
# undoes) is run in order by tests/integration/readme_tour.py in one bash on
# a pseudo-terminal, and what it prints must be what the README shows,
# within the small tolerance that file documents (times, durations, the
# lab's ports and host key, the OS user, `~`).  A README edit that no longer
# runs, or a change to a verb's output, fails here with the difference.
#
# Private HOME and XDG directories (tests/lib.sh): the tour's directory,
# database, key file and known_hosts are under $TMPD; oltsim listens on free
# loopback ports and is stopped by the tour itself (`kill %1`), or else
# through the tour shell's process group.
source "$OLTUI_TOP/tests/lib.sh"
cd "$OLTUI_TOP"
TOUR=tests/integration/readme_tour.py

# tap FILE: the runner's PASS/FAIL/DIAG lines as TAP.
tap() {
	local line
	while IFS= read -r line; do
		case $line in
		"PASS "*) ok "${line#PASS }" ;;
		"FAIL "*) not_ok "${line#FAIL }" ;;
		"DIAG "*) echo "# ${line#DIAG }" ;;
		*) echo "# $line" ;;
		esac
	done <"$1"
}

# ---- the runner itself fails when it should (a doc-test that cannot fail
# ---- proves nothing) ----
cat >"$TMPD/self.md" <<'EOF'
```
$ printf 'port 127.0.0.1:%s at %s\n' 41000 2026-12-02T03:05:49Z
port 127.0.0.1:38341 at 2026-01-01T00:00:00Z
$ echo 38341
41000
```
EOF
python3 $TOUR "$TMPD/self.md" >"$TMPD/self.out" 2>&1
is "$(grep -c '^PASS' "$TMPD/self.out") $(grep -c '^FAIL' "$TMPD/self.out")" "3 0" \
	"self-check: a time matches any time, a shown port binds and is typed as the real one"
grep -v '^PASS' "$TMPD/self.out" | sed 's/^/# /'

printf '```\n$ echo hello\nhullo\n$ false\n$ echo one; echo two\none\n```\n' >"$TMPD/bad.md"
python3 $TOUR "$TMPD/bad.md" >"$TMPD/bad.out" 2>&1
is "$(grep -c '^PASS' "$TMPD/bad.out") $(grep -c '^FAIL' "$TMPD/bad.out")" "1 3" \
	"self-check: a wrong output, a failing command and a missing line each fail"
like "$(cat "$TMPD/bad.out")" $'DIAG -hullo\nDIAG \\+hello' "and the difference is shown"

printf '```\n$ echo 127.0.0.1:1 127.0.0.1:2\n127.0.0.1:5 127.0.0.1:5\n$ echo 127.0.0.1:1 127.0.0.1:1\n127.0.0.1:5 127.0.0.1:6\n```\n' >"$TMPD/bind.md"
python3 $TOUR "$TMPD/bind.md" >"$TMPD/bind.out" 2>&1
is "$(grep -c '^FAIL' "$TMPD/bind.out")" 2 "self-check: a README port stands for one real port, and a real port for one README port"

printf 'no blocks\n' >"$TMPD/none.md"
python3 $TOUR "$TMPD/none.md" >"$TMPD/none.out" 2>&1
is "$(grep -c '^FAIL' "$TMPD/none.out")" 1 "self-check: a README without commands fails"

# ---- the quick start stays two commands ----
quick=$(awk '/^## Quick start/{q=1} q && /^```/{n++; next} q && n==1' README.md | sed 's/#.*//; s/[[:space:]]*$//' | grep .)
is "$quick" $'make demo\nmake test' "the quick start's set-up is make demo and make test"

# ---- the README ----
python3 $TOUR README.md >"$TMPD/tour.out" 2>&1; rc=$?
tap "$TMPD/tour.out"
[ "$rc" -eq 0 ] || not_ok "readme_tour.py exited with status $rc"

# ---- what the tour must keep showing (issue 11, section 5) ----
cmds=$(python3 $TOUR --list README.md)
for want in 'oltui olt add .*--vendor huawei' 'oltui olt add .*--vendor zte' "printf .* > [a-z.]*pw\$" \
	'oltui profile add' 'oltui contract add' '--accept-new-host-key' 'oltui discover' \
	'oltui provision .*--dry-run' 'oltui ont set' 'oltui audit' \
	'oltui undo [0-9]+ --dry-run' 'oltui undo [0-9]+ --yes'; do
	if grep -qE -- "$want" <<<"$cmds"; then ok "the tour runs: $want"; else not_ok "the tour runs: $want"; fi
done
if grep -E 'oltui provision ' <<<"$cmds" | grep -qv -- '--dry-run'; then ok "the tour runs: a provision that is sent"
else not_ok "the tour runs: a provision that is sent"; fi
is "$(grep -c 'is not known yet (fingerprint SHA256:' README.md)" 1 \
	"the tour shows the first contact with an SSH host key, once"
done_testing
