#!/usr/bin/python3
"""netmiko_provision.py — the netmiko side of bench_provision.sh.

Sends a command list (one command a line, from the bench script) to a
Huawei OLT simulator over SSH with netmiko (device_type "huawei",
fast_cli=True), each command waiting for the next prompt, and prints one
line: "netmiko COMMANDS SECONDS" (connect + every command + disconnect).

netmiko 2.4.2 cannot find the prompt of a device that answers late during
its session preparation (IndexError in huawei.set_base_prompt), so the
script connects first, prints "connected", and waits for a line on stdin
(the bench turns the latency on in between); the time reported covers the
commands and the disconnect, and the connect time is printed separately.

Usage: netmiko_provision.py HOST PORT USER PASSWORD_FILE COMMAND_FILE
Run with /usr/bin/python3 (Debian python3-netmiko 2.4.2).
"""
import sys
import time

from netmiko import ConnectHandler


def main():
    host, port, user, pwfile, cmdfile = sys.argv[1:6]
    with open(pwfile) as f:
        password = f.readline().rstrip("\r\n")
    with open(cmdfile) as f:
        cmds = [l.rstrip("\n") for l in f if l.strip()]
    tc = time.monotonic()
    c = ConnectHandler(device_type="huawei", host=host, port=int(port),
                       username=user, password=password, use_keys=False,
                       allow_agent=False, timeout=30, fast_cli=True)
    connect_s = time.monotonic() - tc
    print("connected", flush=True)
    sys.stdin.readline()
    t0 = time.monotonic()
    # Any prompt of the box: user, privileged, config and interface modes.
    prompt = r"[\w.-]+(\([\w./-]+\))?[>#]\s*$"
    bad = 0
    for cmd in cmds:
        out = c.send_command(cmd, expect_string=prompt, strip_prompt=False,
                             strip_command=False)
        if "Failure" in out or "Unknown command" in out or "Parameter error" in out:
            bad += 1
            sys.stderr.write("netmiko: %s -> %s\n" % (cmd, out.strip()[:200]))
    c.disconnect()
    secs = time.monotonic() - t0
    print("netmiko %d %.3f %d %.3f" % (len(cmds), secs, bad, connect_s), flush=True)
    return 0 if bad == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
