#!/usr/bin/env python3
# drive_pty.py [-t SECONDS] ANSWERS... -- ARGV...
#
# Runs ARGV on a new pseudo-terminal (its controlling terminal, so /dev/tty
# works as a person's would), types one answer after each prompt (output
# ending in ": "), prints everything the program wrote and exits with its
# status.  This is how the suites type a passphrase: never in argv or the
# environment of oltui.  A program still running after SECONDS (default 30)
# — one that asks more than it was given answers for — is stopped by its
# PID and the driver exits 98.
import os, pty, select, signal, sys, time

args = sys.argv[1:]
limit = 30.0
if len(args) >= 2 and args[0] == "-t":
    limit = float(args[1])
    args = args[2:]
sep = args.index("--")
answers, argv = args[:sep], args[sep + 1:]
pid, fd = pty.fork()
if pid == 0:
    os.execv(argv[0], argv)
out, sent = b"", 0
deadline = time.monotonic() + limit
timed_out = False
while True:
    left = deadline - time.monotonic()
    if left <= 0:
        timed_out = True
        os.kill(pid, signal.SIGKILL)
        break
    ready, _, _ = select.select([fd], [], [], left)
    if not ready:
        continue
    try:
        data = os.read(fd, 4096)
    except OSError:
        break
    if not data:
        break
    out += data
    if sent < len(answers) and out.endswith(b": "):
        os.write(fd, answers[sent].encode() + b"\n")
        sent += 1
_, status = os.waitpid(pid, 0)
sys.stdout.write(out.decode(errors="replace"))
if timed_out:
    sys.stdout.write("\n[drive_pty: still running after %g s, stopped]\n" % limit)
    sys.exit(98)
sys.exit(os.WEXITSTATUS(status) if os.WIFEXITED(status) else 99)
