#!/bin/bash
# test_layers.sh — DESIGN.md's map of layers, checked on the source:
#
#   lib/ < drivers/ < core/ < tui/        (arrows point down only)
#   tests/lab (oltsim) uses lib/ only
#   curses only in tui/console/; SQLite only in core/; libssh and net-snmp
#   (the southbounds) only in drivers/; libcurl not in tui/ or lib/ (core
#   pushes metrics with it); the kernel keyring only in core/keycache.c
#   no vendor named in core/, tui/, or the generic files of drivers/: a
#   vendor is a driver in the registry, known only to drivers/<vendor>*
#
# Each check prints the offending file:line lines.  The one exception is
# core/schema.c's released migrations (history, never edited), which still
# name the two vendors of version 1's CHECK.
source "$(dirname "$0")/../lib.sh"
cd "$OLTUI_TOP" || exit 1

# src FILES...: the project's C files of the given globs (that exist).
src() { ls $@ 2>/dev/null; }

# includes_of PREFIX FILES...: the project includes naming PREFIX/ in FILES.
includes_of() {
	local prefix=$1; shift
	[ $# -eq 0 ] && return 0
	grep -Hn "^#include \"$prefix/" "$@"
}

# none NAME OUTPUT: ok when OUTPUT is empty, else not ok with it.
none() {
	if [ -z "$2" ]; then ok "$1"; else not_ok "$1"; diag "$2"; fi
}

LIB=$(src lib/*.c lib/*.h)
DRV=$(src drivers/*.c drivers/*.h)
CORE=$(src core/*.c core/*.h)
TUI=$(src tui/*.c tui/*/*.c tui/*/*.h)
LAB=$(src tests/lab/*.c tests/lab/*.h)

none "lib/ includes nothing above it" \
    "$(includes_of drivers $LIB; includes_of core $LIB; includes_of tui $LIB)"
none "drivers/ includes nothing above it" \
    "$(includes_of core $DRV; includes_of tui $DRV)"
none "core/ includes nothing above it" "$(includes_of tui $CORE)"
none "the lab (oltsim) includes the floor only" \
    "$(includes_of drivers $LAB; includes_of core $LAB; includes_of tui $LAB)"

none "curses only in tui/console/" \
    "$(grep -Hn '^#include <n\?curses' $LIB $DRV $CORE $(src tui/*.c tui/verbs/*.c tui/verbs/*.h))"
none "SQLite only in core/" "$(grep -Hn '^#include <sqlite3' $LIB $DRV $TUI)"
none "libssh and net-snmp only in drivers/" \
    "$(grep -Hn '^#include <\(libssh\|net-snmp\)/' $LIB $CORE $TUI)"
none "libcurl not in tui/ or lib/" "$(grep -Hn '^#include <curl/' $LIB $TUI)"
none "the kernel keyring (libkeyutils) only in core/keycache.c" \
    "$(grep -Hn '^#include <keyutils' $LIB $DRV $CORE $TUI | grep -v '^core/keycache\.c:')"

# Vendor names: a driver symbol (huawei_..., zte_...), a driver struct
# (driver_huawei), or a string literal naming one.
VENDOR='\b(huawei|zte)_[a-z0-9_]+|\bdriver_(huawei|zte)\b|"(huawei|zte)[^"]*"|\b(HUAWEI|ZTE)\b'
# code lines only: drop /* ... */ comment lines and trailing comments
code_grep() {
	[ $# -eq 0 ] && return 0
	grep -HnE "$VENDOR" "$@" | grep -vE '^[^:]+:[0-9]+:\s*(/\*|\*)' |
	    sed -E 's#/\*.*##' | grep -E "$VENDOR"
}
GENERIC_DRV=$(ls drivers/*.c drivers/*.h | grep -vE '^drivers/(huawei|zte)[_.]')
none "no vendor named in core/ (its released migrations aside)" \
    "$(code_grep $(echo $CORE | tr ' ' '\n' | grep -v '^core/schema.c$'))"
none "no vendor named in tui/" "$(code_grep $TUI)"
none "no vendor named in lib/" "$(code_grep $LIB)"
none "no vendor named in the generic files of drivers/" "$(code_grep $GENERIC_DRV)"
m2=$(grep -n '^static const char migration_2' core/schema.c | cut -d: -f1)
none "schema.c names vendors only in migration 1 (released history)" \
    "$(grep -nE "'(huawei|zte)'" core/schema.c | awk -F: -v m2="${m2:-0}" '$1 > m2')"

# The archives hold the map at link time: oltsim has no symbol of a
# layer above the floor.
if [ -x "$OLTSIM" ]; then
	none "oltsim links no driver, core or tui code" \
	    "$(nm "$OLTSIM" | grep -E ' T (cli_new|store_open|engine_open|console_run|driver_find)$')"
else
	not_ok "oltsim is built"
fi

done_testing
