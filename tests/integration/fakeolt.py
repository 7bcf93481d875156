#!/usr/bin/python3
"""fakeolt.py - a small fake OLT command line for transport tests.

Runs on a terminal (sshd ForceCommand, telnetd -E) or on pipes, and speaks
enough of the Huawei SmartAX or ZTE ZXAN dialogue to exercise oltui's
transports and CLI engine against real servers: login prompts, banner,
prompts per mode, pager with its erase bytes, Huawei smart questions and
"Command:" blocks, (y/n) questions, errors, a wrapped long-command echo,
"System is busy" twice, logout.  The terminal is put in raw mode and this
script does its own echo and line editing, as an OLT does.

  fakeolt.py --vendor huawei|zte [--login --user U --password-file F]
             [--hostname H] [--log FILE]
"""
import argparse
import os
import sys
import termios
import tty

OUT = sys.stdout.fileno()
IN = sys.stdin.fileno()


def w(s):
    data = s.encode() if isinstance(s, str) else s
    while data:
        n = os.write(OUT, data)
        data = data[n:]


class Term:
    """Raw byte input with our own echo; CR, LF, CR LF and CR NUL are one Enter."""

    def __init__(self):
        self.after_cr = False
        self.col = 0

    def key(self):
        while True:
            b = os.read(IN, 1)
            if not b:
                sys.exit(0)
            if self.after_cr and b in (b"\n", b"\0"):
                self.after_cr = False
                continue
            self.after_cr = b == b"\r"
            return b

    def line(self, echo=True, prefix_len=0, wrap=80):
        buf = bytearray()
        self.col = prefix_len
        while True:
            b = self.key()
            if b in (b"\r", b"\n"):
                if echo:
                    w("\r\n")
                return buf.decode(errors="replace")
            if b in (b"\x7f", b"\b"):
                if buf:
                    buf.pop()
                    if echo:
                        w("\b \b")
                continue
            if b == b"\x03":
                buf = bytearray()
                continue
            buf += b
            if echo:
                w(b)
                self.col += 1
                if self.col >= wrap:        # the device wraps long echoes
                    w("\r\n")
                    self.col = 0


class Huawei:
    MORE = "---- More ( Press 'Q' to break ) ----"

    def __init__(self, t, host):
        self.t, self.host = t, host
        self.mode, self.port = "user", None
        self.smart = self.interactive = True
        self.scroll = 10            # lines per page until `scroll N`
        self.busy = 0

    def prompt(self):
        suffix = {"user": ">", "priv": "#", "config": "(config)#"}.get(
            self.mode, "(config-if-gpon-%s)#" % self.port)
        return self.host + suffix

    def page(self, lines):
        n = 0
        for ln in lines:
            w(ln + "\r\n")
            n += 1
            if n % self.scroll == 0 and n < len(lines):
                w(self.MORE)
                k = self.t.key()
                w("\x1b[37D" + " " * 37 + "\x1b[37D")
                if k in (b"q", b"Q"):
                    return

    def smart_q(self, cmd, choices="{ <cr>||<K> }:"):
        if not self.smart:
            return
        w(choices)
        self.t.line(echo=False)
        w("\r\n  Command:\r\n          %s\r\n" % cmd)

    def yn(self, question):
        w(question)
        ans = self.t.line()
        return ans.strip().lower().startswith("y")

    def run(self, cmd):
        c = " ".join(cmd.split())
        m = self.mode
        if c == "":
            return
        if c == "enable" and m in ("user", "priv"):
            self.mode = "priv"
        elif c in ("undo smart",):
            self.smart = False
        elif c == "undo interactive":
            self.interactive = False
        elif c.startswith("scroll"):
            self.scroll = int(c.split()[1]) if len(c.split()) > 1 else 512
        elif c == "undo alarm output all":
            pass
        elif c == "infoswitch cli OFF" and m != "user":
            pass
        elif c in ("config", "configure terminal") and m == "priv":
            self.mode = "config"
        elif c.startswith("interface gpon ") and m == "config":
            self.mode, self.port = "if", c.split()[2]
        elif c == "return" and m not in ("user",):
            self.mode = "priv"
        elif c == "quit":
            if m == "if":
                self.mode = "config"
            elif m == "config":
                self.mode = "priv"
            else:
                if self.interactive:
                    w("  Check whether system data has been changed. Please save data before logout.\r\n")
                    if not self.yn("Are you sure to log out? (y/n)[n]:"):
                        return
                w("\r\n  Configuration console exit, please retry to log on\r\n")
                sys.exit(0)
        elif c == "display version":
            w("\r\n  Huawei Integrated Access Software (MA5800).\r\n"
              "  VERSION : MA5800V100R019C10\r\n  PATCH   : SPC100\r\n  PRODUCT : MA5800-X7\r\n")
        elif c == "display board 0":
            rows = ["  -------------------------------------------------------------------------",
                    "  SlotID  BoardName  Status          SubType0 SubType1    Online/Offline",
                    "  -------------------------------------------------------------------------"]
            rows += ["  %-6d  H901GPSF   Normal" % i for i in range(24)]
            rows += ["  -------------------------------------------------------------------------"]
            self.page(rows)
        elif c == "display ont info 0 all":      # longer than scroll 512
            self.page(["  0/ 1/%-2d %4d  48575443%08X  active  online  normal  match  no"
                       % (i % 16, i, i) for i in range(600)])
        elif c == "display terminal":
            sz = os.get_terminal_size(IN) if os.isatty(IN) else None
            w("  Terminal size : %s\r\n" % ("%dx%d" % (sz.columns, sz.lines) if sz else "none"))
        elif c.startswith("display ont autofind"):
            self.smart_q(c)
            w("  Failure: The automatically found ONTs do not exist\r\n")
        elif c == "display busy-test":
            self.busy += 1
            if self.busy <= 2:
                w("  Failure: System is busy, please retry after a while\r\n")
            else:
                w("  busy-test done after %d tries\r\n" % self.busy)
        elif c.startswith("ont delete") and m == "if":
            w("  Failure: This configured object has some service virtual\r\n  ports\r\n")
        elif c.startswith("ont reset") and m == "if":
            if self.yn("  Are you sure to reset the ONT(s)? (y/n)[n]:"):
                w("")
        elif c.startswith("ont add") and m == "if":
            self.smart_q(c, "{ <cr>|ont-type<K> }:")
            w("  Number of ONTs that can be added: 1, success: 1\r\n  PortID :0, ONTID :7\r\n")
        else:
            w(" " * (len(self.prompt()) + 1) + "^\r\n  % Unknown command, the error locates at '^'\r\n")

    def login(self, user, password):
        for _ in range(3):
            w("\r\n>>User name:")
            u = self.t.line()
            w(">>User password:")
            p = self.t.line(echo=False)
            w("\r\n")
            if u == user and p == password:
                return
            w("  Username or password invalid.\r\n")
        w("  Reenter times have reached the upper limit.\r\n")
        sys.exit(1)

    def banner(self):
        w("\r\n  Huawei Integrated Access Software (MA5800).\r\n"
          "  Copyright(C) Huawei Technologies Co., Ltd. 2002-2023. All rights reserved.\r\n\r\n")


class Zte:
    def __init__(self, t, host):
        self.t, self.host = t, host
        self.mode = "priv"
        self.length = 24

    def prompt(self):
        return self.host + {"priv": "#", "config": "(config)#", "if": "(config-if)#",
                            "onu": "(gpon-onu-mng)#"}[self.mode]

    def page(self, lines):
        n = 0
        for ln in lines:
            w(ln + "\r\n")
            n += 1
            if self.length and n % (self.length - 1) == 0 and n < len(lines):
                w(" --More--")
                self.t.key()
                w("\b \b" * 8)

    def run(self, cmd):
        c = " ".join(cmd.split())
        m = self.mode
        if c == "":
            return
        if c == "show terminal":
            sz = os.get_terminal_size(IN) if os.isatty(IN) else None
            w("Terminal size : %s\r\n" % ("%dx%d" % (sz.columns, sz.lines) if sz else "none"))
        elif c == "terminal length 0":
            self.length = 0
        elif c == "configure terminal" and m == "priv":
            w("%Info 20272: Enter configuration commands, one per line. End with CTRL/Z.\r\n")
            self.mode = "config"
        elif c.startswith("interface gpon-") and m == "config":
            self.mode = "if"
        elif c.startswith("pon-onu-mng gpon-onu_") and m == "config":
            self.mode = "onu"
        elif c == "end":
            self.mode = "priv"
        elif c == "exit":
            if m == "priv":
                sys.exit(0)
            self.mode = "config" if m in ("if", "onu") else "priv"
        elif c == "show version-running":
            w("ZXA10 C320 Software, Version V2.1.0, RELEASE SOFTWARE\r\n"
              "Copyright (c) 2001-2020 by ZTE Corporation\r\n")
        elif c == "show gpon onu state gpon-olt_1/1/1":
            rows = ["OnuIndex   Admin State  OMCC State  Phase State  Channel",
                    "--------------------------------------------------------------"]
            rows += ["1/1/1:%-5d enable       enable      working      1(GPON)" % i
                     for i in range(1, 41)]
            rows += ["ONU Number: 40/40"]
            self.page(rows)
        elif c.startswith("show gpon onu uncfg"):
            w("%Code 62310-GPONSRV : No related information to show.\r\n")
        elif c.startswith("show gpon onu detail-info"):
            w("%Code 32310-GPONSRV : The ONU does not exist.\r\n")
        else:
            w(" " * (len(self.prompt()) + 1) + "^\r\n%Error 20200: Invalid input detected at '^' marker.\r\n")

    def login(self, user, password):
        while True:
            w("Username:")
            u = self.t.line()
            w("Password:")
            p = self.t.line(echo=False)
            w("\r\n")
            if u == user and p == password:
                return
            w("%Error 20209: No username or bad password\r\n")

    def banner(self):
        w("\r\n*************************************************************************\r\n"
          "Welcome to ZXAN product C320 of ZTE Corporation\r\n"
          "*************************************************************************\r\n\r\n")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--vendor", required=True, choices=["huawei", "zte"])
    ap.add_argument("--login", action="store_true")
    ap.add_argument("--user", default="admin")
    ap.add_argument("--password-file")
    ap.add_argument("--hostname")
    ap.add_argument("--log", help="append every command line received to this file")
    args, _ = ap.parse_known_args()
    old = None
    if os.isatty(IN):
        old = termios.tcgetattr(IN)
        tty.setraw(IN)
    t = Term()
    if args.vendor == "huawei":
        dev = Huawei(t, args.hostname or "MA5800-X7")
    else:
        dev = Zte(t, args.hostname or "ZXAN")
    try:
        if args.vendor == "zte" or args.login:
            dev.banner() if args.vendor == "zte" else None
        if args.login:
            password = open(args.password_file).read().strip() if args.password_file else ""
            dev.login(args.user, password)
        if args.vendor == "huawei":
            dev.banner()
        while True:
            w("\r\n" + dev.prompt())
            cmd = t.line(prefix_len=len(dev.prompt()))
            if args.log:
                with open(args.log, "a") as f:
                    f.write(repr(cmd) + "\n")
            dev.run(cmd)
    finally:
        if old is not None:
            termios.tcsetattr(IN, termios.TCSADRAIN, old)


if __name__ == "__main__":
    main()
