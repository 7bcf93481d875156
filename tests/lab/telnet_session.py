#!/usr/bin/python3 -W ignore::DeprecationWarning
"""telnet_session.py — drive one ZTE-style Telnet login and commands (tests).

usage: telnet_session.py PORT USER COMMAND...   (the password comes from
$OLT_PASSWORD, never argv).  Waits for `Username:` and `Password:`, then for
each command waits for the `…#` prompt before sending it, and finally sends
`exit`.  Prints everything the OLT sent (decoded, telnet options answered
by telnetlib).  Exit status 0 when every prompt came, 1 when one did not
(the text so far is still printed), 2 when the login was refused.
Runs with Debian's /usr/bin/python3 (telnetlib is in the 3.11 stdlib).
"""
import os
import re
import sys
import telnetlib

PROMPT = re.compile(rb"\n\S+[#>] ?$")
TIMEOUT = 10


def main():
    port, user, cmds = int(sys.argv[1]), sys.argv[2], sys.argv[3:]
    password = os.environ.get("OLT_PASSWORD", "")
    t = telnetlib.Telnet("127.0.0.1", port, TIMEOUT)
    seen = b""

    def until(what):
        nonlocal seen
        i, _, text = t.expect([what], TIMEOUT)
        seen += text
        return i == 0

    try:
        if not until(re.compile(rb"Username:")):
            return 1
        t.write(user.encode() + b"\r\n")
        if not until(re.compile(rb"Password:")):
            return 1
        t.write(password.encode() + b"\r\n")
        i, _, text = t.expect([PROMPT, re.compile(rb"Username:\s*$")], TIMEOUT)
        seen += text
        if i == 1:
            return 2
        if i != 0:
            return 1
        for cmd in cmds:
            t.write(cmd.encode() + b"\r\n")
            if not until(PROMPT):
                return 1
        t.write(b"exit\r\n")
        try:
            seen += t.read_all()
        except (EOFError, ConnectionError):
            pass
        return 0
    except (EOFError, ConnectionError):
        return 1
    finally:
        sys.stdout.write(seen.decode("utf-8", "replace"))
        t.close()


if __name__ == "__main__":
    sys.exit(main())
