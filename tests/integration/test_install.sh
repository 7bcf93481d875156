#!/bin/bash
# test_install.sh — `make install PREFIX=… DESTDIR=…` puts the binaries,
# the man page, the themes and the templates where they belong, and the
# installed binary runs.
source "$OLTUI_TOP/tests/lib.sh"
cd "$OLTUI_TOP"
D=$TMPD/destdir P=/opt/oltui-test
out=$(env -u MAKEFLAGS -u MAKELEVEL make -s --no-print-directory install PREFIX=$P DESTDIR=$D 2>&1); rc=$?
is "$rc" 0 "make install succeeds"; [ "$rc" -eq 0 ] || diag "$out"
check "oltui is installed executable" test -x "$D$P/bin/oltui"
check "oltsim is installed executable" test -x "$D$P/bin/oltsim"
check "the man page is installed" test -f "$D$P/share/man/man1/oltui.1"
like "$("$D$P/bin/oltui" --version)" '^oltui [0-9]' "the installed oltui runs"
n=$(ls themes/*.theme 2>/dev/null | wc -l)
m=$(ls "$D$P/share/oltui/themes/"*.theme 2>/dev/null | wc -l)
is "$m" "$n" "every theme is installed"
if [ -d drivers/templates ]; then
	n=$(find drivers/templates -type f | wc -l); m=$(find "$D$P/share/oltui/templates" -type f | wc -l)
	is "$m" "$n" "every template is installed"
fi
check "nothing is written outside DESTDIR" test ! -e "$P"
done_testing
