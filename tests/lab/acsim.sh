# tests/lab/acsim.sh — helpers for suites that use the GenieACS NBI stand-in
# (sourced after tests/lib.sh).
#
#   acsim_start NAME [acsim.py flags...]  starts tests/lab/acsim.py on
#                                         127.0.0.1 (a free port), tracks its
#                                         PID in ACSIM_PID[NAME], waits for
#                                         its port file; output in $TMPD/NAME.*
#   acsim_url NAME                        http://127.0.0.1:PORT
#   acsim_ctl NAME METHOD VERB [ARGS]     a control call: POST /_sim/VERB...
#                                         (VERB may hold "/id?x=y"; body on stdin
#                                         with ARGS=-)
#   acsim_id NAME SERIAL                  the device id (_id) of a serial
#   acsim_stop NAME                       SIGTERM (it saves --state), waits
#   urlenc TEXT                           percent-encodes TEXT (all but
#                                         [A-Za-z0-9_.~-])

ACSIM=$OLTUI_TOP/tests/lab/acsim.py
declare -A ACSIM_PID

acsim_start() {
	local name=$1; shift
	rm -f "$TMPD/$name.port"
	/usr/bin/python3 "$ACSIM" --port-file "$TMPD/$name.port" "$@" \
		>"$TMPD/$name.out" 2>"$TMPD/$name.err" &
	ACSIM_PID[$name]=$!
	track "${ACSIM_PID[$name]}"
	wait_for 20 test -s "$TMPD/$name.port"
}

acsim_url() {
	echo "http://127.0.0.1:$(cat "$TMPD/$1.port")"
}

acsim_ctl() {
	local name=$1 method=$2 verb=$3
	if [ "${4:-}" = - ]; then
		curl -sS -X "$method" --data-binary @- "$(acsim_url "$name")/_sim/$verb"
	else
		curl -sS -X "$method" "$(acsim_url "$name")/_sim/$verb"
	fi
}

acsim_id() {
	acsim_ctl "$1" GET "lookup?serial=$2" |
		/usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])'
}

acsim_stop() {
	local pid=${ACSIM_PID[$1]}
	kill -TERM "$pid" 2>/dev/null
	wait "$pid"
}

urlenc() {
	/usr/bin/python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$1"
}
