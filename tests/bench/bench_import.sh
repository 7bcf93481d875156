#!/bin/bash
# bench_import.sh — issue 13: importing 200,000 contracts as JSON must take
# at most twice the time of the same rows as CSV (the JSON importer searched
# the text from its start for every element: 200k rows took 840 s).
# Prints both times, the ratio beside its anchor (CSV = 1.0, target <= 2.0)
# and the peak memory of each (the best of 3 runs each).  Private HOME and database.
set -u
source "$OLTUI_TOP/tests/lib.sh"
N=${BENCH_IMPORT_ROWS:-200000}
head -c 32 /dev/urandom >"$TMPD/key"; chmod 600 "$TMPD/key"
python3 - "$N" "$TMPD" <<'PY'
import json, sys
n, d = int(sys.argv[1]), sys.argv[2]
with open(d + "/c.json", "w") as f:
    f.write('{"contracts": [\n' + ",\n".join(json.dumps(
        {"code": "C-%d" % i, "customer": "Customer %d" % i, "address": "Rua %d" % i})
        for i in range(n)) + "\n]}\n")
with open(d + "/c.csv", "w") as f:
    f.write("code,customer,address\n" + "".join(
        "C-%d,Customer %d,Rua %d\n" % (i, i, i) for i in range(n)))
PY
run() {	# run FORMAT -> "seconds peak_kb"
	rm -f "$TMPD/$1.db"
	/usr/bin/time -f "%e %M" -o "$TMPD/$1.time" "$OLTUI" --db "$TMPD/$1.db" \
	    --key-file "$TMPD/key" import "$TMPD/c.$1" >/dev/null </dev/null || {
		echo "import of c.$1 failed"; exit 1; }
	cat "$TMPD/$1.time"
}
best() {	# best FORMAT: the fastest of 3 runs (the machine may be shared)
	local b="" s kb
	for _ in 1 2 3; do
		read -r s kb <<<"$(run "$1")"
		if [ -z "$b" ] || python3 -c "import sys; sys.exit(0 if $s < ${b% *} else 1)"; then
			b="$s $kb"
		fi
	done
	echo "$b"
}
read -r csv_s csv_kb <<<"$(best csv)"
read -r json_s json_kb <<<"$(best json)"
ratio=$(python3 -c "print('%.2f' % ($json_s / max($csv_s, 0.01)))")
printf 'import of %d contracts: CSV %.2f s (%d MB)  JSON %.2f s (%d MB)\n' "$N" \
    "$csv_s" $((csv_kb / 1024)) "$json_s" $((json_kb / 1024))
printf 'JSON / CSV: %sx   (anchor: CSV = 1.00x; target <= 2.00x)\n' "$ratio"
