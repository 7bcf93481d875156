#!/usr/bin/python3
"""readme_tour.py - run the command blocks of a README as a user would.

  readme_tour.py README.md          run the tour (tests/integration/test_readme_tour.sh)
  readme_tour.py --list README.md   print its commands, one a line (continuations joined)

Every ``` block of the README that holds a line starting with "$ " is a
transcript: a "$ " line is a command (a line ending in a backslash goes on
with the next one), and the lines after it, up to the next command or the
end of the block, are what the README says it prints.  The commands run in
order in ONE bash (so `cd`, `export`, variables and `&` jobs carry over, as
in the reader's terminal), started in the current directory (the source
tree) with the caller's environment plus LANG=C.UTF-8, in a new session (no
controlling terminal: a program that would ask a question is refused rather
than left waiting), each with stdin, stdout and stderr on one 80x24
pseudo-terminal, so stdout and stderr interleave as on a screen.  The
commands are read from the README, never copied here.

One line is printed per command, `PASS README:LINE $ command` or `FAIL ...`
followed by `DIAG` lines (the difference, or why), then one line per check
of the tour as a whole.  A command fails when it exits non-zero (write
`; echo "exit status $?"` in the README to show a refusal), when it runs
longer than 120 s, or when what it printed differs from the README.

What may differ, and nothing else (the tolerance, kept small on purpose):
  * line ends: CR LF from the terminal is LF; trailing blanks of a line are
    ignored;
  * the home directory: written `~` in the README, the real one in output;
  * times and durations (they change from run to run): an ISO 8601 UTC
    time (2026-12-02T03:05:49Z), `N ms` (with the blanks before it: a
    right-aligned figure may be wider), `N.N s`, `N s ago` (also min, h),
    an uptime (`uptime Nd Nh Nm`) — any value of the same form matches;
  * values the lab generates for each run: TCP/UDP ports (after
    `127.0.0.1:`, `[127.0.0.1]:`, `ssh/`, `telnet/`), SSH host-key
    fingerprints (SHA256:...) and the OS user in audit lines.  These are
    bound on first sight: the README's value stands for the value printed
    there, must stand for the same value everywhere after (and no two
    README values for one real value), and is replaced by it in the
    commands that follow (the README sets HW_PORT=42497 where the reader
    types the port their lab printed).
A command typed right after one that ends in `&` (a server started in the
background) is run again until its output matches, for up to 20 s: the
reader waits for the server to be ready before typing it.  This bash is not
interactive, so it prints no job notices (`[1] 4242` after `&`, `Done`
after `kill %1`); the README shows none either.

Background jobs and everything else the tour's bash started are stopped at
the end through its process group (this script's own child), never by name.
"""
import difflib
import fcntl
import os
import re
import select
import signal
import struct
import subprocess
import sys
import termios
import time

CMD_TIMEOUT = 120.0
RETRY_AFTER_BACKGROUND = 20.0
MARK = re.compile(rb"\x01RC:(\d+)\x01\r?\n")

# Values that change from run to run and match any value of their form.
ANY = [
    r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ",
    r" *\d+ ms\b",
    r"\d+\.\d+ s\b",
    r"\d+ (?:s|min|h) ago\b",
    r"(?<=uptime )\d+d \d+h \d+m\b",
]
# Values the lab generates: (class, regex whose group 1 is the value).
BOUND = [
    ("port", r"127\.0\.0\.1\]?:(\d+)"),
    ("port", r"(?:ssh|telnet)/(\d+)"),
    ("fingerprint", r"SHA256:([A-Za-z0-9+/]{43})"),
    ("user", r"^#\d+ \S+ (\S+)  "),
]
GENERIC = {"port": r"\d+", "fingerprint": r"[A-Za-z0-9+/]{43}", "user": r"\S+"}


def parse(path):
    """The transcripts of a README: [(line number, command, [shown lines])]."""
    steps, in_block, block = [], False, []
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    for n, line in enumerate(lines, 1):
        if line.startswith("```"):
            if in_block:
                steps += parse_block(block)
            in_block, block = not in_block, []
        elif in_block:
            block.append((n, line))
    return steps


def parse_block(block):
    """The commands of one ``` block and the output shown under each."""
    steps, i = [], 0
    while i < len(block):
        n, line = block[i]
        if not line.startswith("$ "):
            i += 1
            continue
        cmd = line[2:]
        while cmd.endswith("\\") and i + 1 < len(block):
            i += 1
            cmd += "\n" + block[i][1]
        i += 1
        shown = []
        while i < len(block) and not block[i][1].startswith("$ "):
            shown.append(block[i][1])
            i += 1
        steps.append((n, cmd, shown))
    return steps


class Bindings:
    """README value -> real value, per class, one-to-one."""

    def __init__(self):
        self.fwd = {c: {} for c in GENERIC}

    def copy(self):
        b = Bindings()
        b.fwd = {c: dict(m) for c, m in self.fwd.items()}
        return b

    def bind(self, cls, readme, real):
        m = self.fwd[cls]
        if readme in m:
            return m[readme] == real
        if real in m.values():
            return False
        m[readme] = real
        return True

    def substitute(self, cmd):
        """The command with every bound README value replaced by its real one."""
        for m in self.fwd.values():
            for readme, real in m.items():
                cmd = re.sub(r"(?<![A-Za-z0-9+/])%s(?![A-Za-z0-9+/])" % re.escape(readme),
                             lambda _m, r=real: r, cmd)
        return cmd


def template(shown, b):
    """A regex for one shown line, and the bound values it captures."""
    spans = []
    for rx in ANY:
        for m in re.finditer(rx, shown):
            spans.append((m.start(), m.end(), None, rx))
    for cls, rx in BOUND:
        for m in re.finditer(rx, shown):
            spans.append((m.start(1), m.end(1), cls, m.group(1)))
    spans.sort(key=lambda s: (s[0], -s[1]))
    out, pos, groups, seen = [], 0, [], {}
    for start, end, cls, val in spans:
        if start < pos:
            continue
        out.append(re.escape(shown[pos:start]))
        if cls is None:
            out.append("(?:%s)" % val)
        elif val in b.fwd[cls]:
            out.append(re.escape(b.fwd[cls][val]))
        elif (cls, val) in seen:
            out.append("(?P=%s)" % seen[(cls, val)])
        else:
            g = "g%d" % len(groups)
            seen[(cls, val)] = g
            groups.append((g, cls, val))
            out.append("(?P<%s>%s)" % (g, GENERIC[cls]))
        pos = end
    out.append(re.escape(shown[pos:]))
    return "".join(out), groups


def matches(shown, real, b):
    """True when the real lines are the shown ones within the tolerance;
    binds what they capture in b."""
    if len(shown) != len(real):
        return False
    for s, r in zip(shown, real):
        rx, groups = template(s.rstrip(), b)
        m = re.fullmatch(rx, r.rstrip())
        if m is None:
            return False
        for g, cls, val in groups:
            if not b.bind(cls, val, m.group(g)):
                return False
    return True


class Shell:
    """One bash on a pseudo-terminal, in a session of its own."""

    def __init__(self, cwd):
        self.master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        env = dict(os.environ, LANG="C.UTF-8")
        for k in ("LC_ALL", "LC_CTYPE", "LC_MESSAGES", "COLUMNS", "LINES"):
            env.pop(k, None)
        self.proc = subprocess.Popen(["bash", "--norc", "--noprofile"], stdin=subprocess.PIPE,
                                     stdout=slave, stderr=slave, cwd=cwd, env=env,
                                     start_new_session=True)
        os.close(slave)

    def run(self, cmd, timeout=CMD_TIMEOUT):
        """(exit status or None on a timeout or a dead shell, output)."""
        script = "{\n%s\n} <&1\nprintf '\\001RC:%%d\\001\\n' \"$?\"\n" % cmd
        try:
            self.proc.stdin.write(script.encode())
            self.proc.stdin.flush()
        except BrokenPipeError:
            return None, "(the shell has exited)"
        buf, deadline = b"", time.monotonic() + timeout
        while True:
            m = MARK.search(buf)
            if m:
                out = buf[:m.start()].decode("utf-8", "replace").replace("\r\n", "\n")
                return int(m.group(1)), out
            left = deadline - time.monotonic()
            if left <= 0 or self.proc.poll() is not None:
                return None, buf.decode("utf-8", "replace").replace("\r\n", "\n")
            r, _, _ = select.select([self.master], [], [], min(left, 0.5))
            if r:
                try:
                    buf += os.read(self.master, 65536)
                except OSError:
                    pass

    def stop(self):
        """Ends the shell and everything it started (its process group)."""
        try:
            self.proc.stdin.close()
        except OSError:
            pass
        for sig in (signal.SIGTERM, signal.SIGKILL):
            try:
                os.killpg(self.proc.pid, sig)
            except ProcessLookupError:
                break
            for _ in range(30):
                self.proc.poll()  # reap the shell: a zombie still counts in its group
                try:
                    os.killpg(self.proc.pid, 0)
                except ProcessLookupError:
                    break
                time.sleep(0.1)
            else:
                continue
            break
        self.proc.wait()
        os.close(self.master)


def lines_of(out):
    """The printed text as lines (no empty last line for a final newline)."""
    if out.endswith("\n"):
        out = out[:-1]
    return out.split("\n") if out else []


def report(ok, name, diag=()):
    """Prints one result line, then its DIAG lines."""
    print(("PASS " if ok else "FAIL ") + name)
    for d in diag:
        print("DIAG " + d)
    sys.stdout.flush()


def run_tour(readme, steps):
    """Runs the steps in one shell and reports each; stops at a hung one."""
    home = os.environ.get("HOME", "")
    b, sh, after_bg = Bindings(), Shell(os.getcwd()), False
    try:
        for n, cmd, shown in steps:
            name = "%s:%d $ %s" % (os.path.basename(readme), n, cmd.split("\n")[0])
            real_cmd = b.substitute(cmd)
            deadline = time.monotonic() + (RETRY_AFTER_BACKGROUND if after_bg else 0)
            while True:
                trial = b.copy()
                rc, out = sh.run(real_cmd)
                if home:
                    out = out.replace(home, "~")
                real = lines_of(out)
                good = rc == 0 and matches(shown, real, trial)
                if good or rc is None or time.monotonic() >= deadline:
                    break
                time.sleep(0.2)
            if good:
                b = trial
                report(True, name)
            else:
                why = ("did not finish within %d s" % CMD_TIMEOUT if rc is None
                       else "exit status %d" % rc if rc != 0
                       else "the output differs from the README")
                diff = difflib.unified_diff([s.rstrip() for s in shown],
                                            [r.rstrip() for r in real],
                                            "README", "real", lineterm="", n=1)
                report(False, name, ["ran: " + real_cmd.replace("\n", " "), why] + list(diff))
                if rc is None:
                    report(False, "the tour stopped at %s:%d" % (readme, n))
                    return
            after_bg = cmd.rstrip().endswith("&")
    finally:
        sh.stop()


def main():
    """readme_tour.py README | --list README."""
    if sys.argv[1] == "--list":
        for _, cmd, _ in parse(sys.argv[2]):
            print(re.sub(r"\\\n\s*", "", cmd))
        return
    readme = sys.argv[1]
    steps = parse(readme)
    report(len(steps) > 0, "%s has command blocks (%d commands)" % (readme, len(steps)))
    if steps:
        run_tour(readme, steps)


if __name__ == "__main__":
    main()
