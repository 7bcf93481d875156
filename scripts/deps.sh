#!/bin/sh
# Install the Debian packages that the build, the tests and the demo need,
# only those missing, non-interactively.  As root it installs; otherwise it
# prints the exact apt-get line and stops with a clear message.
set -eu

PKGS="build-essential pkg-config libncurses-dev libssh-dev libtelnet-dev
libsnmp-dev libsqlite3-dev libcurl4-openssl-dev libcjson-dev libsodium-dev
libkeyutils-dev keyutils libcmocka-dev sqlite3 snmp snmpd snmpsim python3-easysnmp
python3-netmiko
openssh-server openssh-client sshpass telnet inetutils-telnetd libtelnet-utils
netcat-openbsd tmux prometheus-pushgateway ncurses-base curl openssl
clang libclang-rt-14-dev"

missing=""
for p in $PKGS; do
	st=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
	case "$st" in
	*"install ok installed"*) ;;
	*) missing="$missing $p" ;;
	esac
done

if [ -z "$missing" ]; then
	echo "deps: all Debian packages present"
	exit 0
fi

line="apt-get install -y --no-install-recommends$missing"
if [ "$(id -u)" -ne 0 ]; then
	echo "deps: missing Debian packages:$missing" >&2
	echo "deps: run as root (or with sudo):" >&2
	echo "  sudo $line" >&2
	exit 1
fi

echo "deps: installing$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -q >/dev/null
# shellcheck disable=SC2086
apt-get install -y -q --no-install-recommends $missing </dev/null
echo "deps: done"
