#!/usr/bin/python3
"""acme_device.py - a tiny fake "Acme Photon P8" OLT for the third-driver tests.

Acme is a fictional vendor (tests/drivers/acme_*.c is its oltui driver).  This
one process keeps one in-memory OLT and serves it two ways on 127.0.0.1:

  * its command line over Telnet (TCP): the login dialogue ("acme login:",
    "Passphrase:", "Access denied."), prompts per mode (acme>, acme#,
    acme(config)#, acme(pon-1/2/3)#), a pager every 20 lines
    ("<< more: SPACE next page, Q quit >>", erased with CR + ESC[K once
    answered), [yes/no] questions, "ERROR: ..." and "% Unknown command"
    answers, and "logout" with its own question.  Telnet is spoken the way
    a simple device does: it offers WILL ECHO and WILL SGA, strips every
    IAC sequence the client sends, refuses any other option, and does its
    own echo;
  * SNMP v2c GET / GETNEXT / GETBULK over UDP for the system group and
    the Acme columns under the documentation enterprise 1.3.6.1.4.1.32473
    (RFC 5612), with a minimal BER codec written here.  The MIB is built
    from the same state the CLI changes, so an ONU provisioned over the CLI
    shows up in SNMP.

Tests drive it through a Unix control socket (`acme_device.py ctl SOCK CMD`):
  dump                       the state as JSON: {"config": {...}, "writes": [...]}
  fail TEXT                  the next command containing TEXT is answered with
                             an ERROR and not applied
  drop TEXT                  the next command containing TEXT is applied, then
                             the connection closes before the answer
  clear                      forget pending faults
  add-unconfigured PORT SN [MODEL]   a new ONU appears on the fibre of PORT

usage: acme_device.py serve --cli-port P --snmp-port Q --ctl SOCK
                            --user U --password-file F --community-file C
                            [--hostname acme]
       acme_device.py ctl SOCK CMD [ARGS...]
Secrets come from files, never argv.  Prints "ready" once every socket is
bound; stops on SIGTERM (the test stops it by its PID).  Python stdlib only.
"""
import argparse
import json
import math
import os
import re
import signal
import socket
import sys
import threading
import time

ENTERPRISE = (1, 3, 6, 1, 4, 1, 32473, 8)
ONU_TABLE = ENTERPRISE + (1, 1, 1)      # .<col>.<port index>.<onu id>
CARD_TABLE = ENTERPRISE + (2, 1, 1)     # .<col>.<rack>.<slot>
SYSTEM = (1, 3, 6, 1, 2, 1, 1)
STATE_CODES = {"up": 1, "down": 2, "los": 3, "power-off": 4, "ranging": 5, "auth-fail": 6}
PAGE = 20
MORE = "<< more: SPACE next page, Q quit >>"
PORT_RE = r"1/[1-4]/[1-8]"
SN_RE = r"[A-Za-z]{4}[0-9A-Fa-f]{8}"
WORD_RE = r"[A-Za-z0-9_.-]{1,32}"


# ---------------------------------------------------------------- the OLT ----

class Olt:
    """One OLT: cards, bandwidth profiles, the ONUs on the fibre (physical),
    the configured ONUs and service flows.  Every method runs under lock."""

    def __init__(self, hostname):
        self.lock = threading.RLock()
        self.hostname = hostname
        self.started = time.time()
        self.cards = {1: ("PX8-G", 12, 41), 2: ("PX8-G", 17, 43), 4: ("PX8-G", 9, 40)}
        self.profiles = ["bw-100M", "bw-300M", "bw-1G"]
        self.fibre = {}         # sn -> physical ONU (port, model, firmware, levels)
        self.onus = {}          # (port, id) -> configuration
        self.flows = {}         # index -> flow
        self.faults = []        # [kind, text]
        self.writes = []        # configuration commands received
        self.logins = 0
        seeds = [
            ("1/1/1", "ACME00000101", "PH-100", 1204, -19.52, -21.30),
            ("1/1/1", "ACME00000102", "PH-200", 2310, -22.10, -24.05),
            ("1/2/3", "ACME1A2B3C4D", "PH-100", 2114, -18.40, -20.75),
            ("1/2/3", "ACME0BADF00D", "PH-200", 3377, -23.62, -25.10),
        ]
        for port, sn, model, dist, rx, orx in seeds:
            self.plug(port, sn, model, dist, rx, orx)
        self.onus[("1/1/1", 1)] = self.new_onu("ACME00000101", "PH-100")
        self.onus[("1/1/1", 1)].update(desc="Rua A 1", bw="bw-100M")
        self.onus[("1/1/1", 2)] = self.new_onu("ACME00000102", "PH-200")
        self.onus[("1/1/1", 2)].update(name="C-200", desc="Rua A 2", bw="bw-300M")
        # configured, but its ONU is not on the fibre: loss of signal
        self.onus[("1/1/1", 3)] = self.new_onu("ACME00000103", "PH-100")
        self.onus[("1/1/1", 3)].update(bw="bw-100M")
        self.flows[1] = dict(port="1/1/1", onu=1, vlan=100, user_vlan=100, gem=1)
        self.flows[2] = dict(port="1/1/1", onu=2, vlan=100, user_vlan=35, gem=1)
        self.flows[3] = dict(port="1/1/1", onu=3, vlan=101, user_vlan=101, gem=1)

    def plug(self, port, sn, model="PH-100", dist=None, rx=None, orx=None):
        """A physical ONU on the fibre of port (levels derived from its serial)."""
        h = int(sn[-6:], 16) if re.fullmatch(r"[0-9A-Fa-f]{6}", sn[-6:]) else 4242
        self.fibre[sn.upper()] = dict(
            port=port, model=model, firmware="1.2.3" if model == "PH-100" else "2.0.1",
            distance=dist if dist is not None else 800 + h % 9000,
            rx=rx if rx is not None else -16.0 - (h % 900) / 100.0,
            olt_rx=orx if orx is not None else -18.0 - (h % 800) / 100.0,
            found=time.strftime("%Y-%m-%d %H:%M:%S+00:00", time.gmtime(self.started - 120)))

    @staticmethod
    def new_onu(sn, model):
        return dict(sn=sn.upper(), model=model, admin="in-service", name=None, desc=None,
                    bw=None, wan=None)

    def state(self, port, onu):
        """The run state of a configured ONU: from the fibre and its admin state."""
        phys = self.fibre.get(onu["sn"])
        if phys is None or phys["port"] != port:
            return "los"
        return "down" if onu["admin"] == "shutdown" else "up"

    def unconfigured(self):
        used = {o["sn"] for o in self.onus.values()}
        return sorted(((p["port"], sn) for sn, p in self.fibre.items() if sn not in used))

    def onu_by_sn(self, sn):
        for key, o in self.onus.items():
            if o["sn"] == sn:
                return key
        return None

    def dump(self):
        onus = []
        for (port, oid), o in sorted(self.onus.items()):
            st = self.state(port, o)
            phys = self.fibre.get(o["sn"]) if st == "up" else None
            onus.append(dict(port=port, id=oid, sn=o["sn"], model=o["model"], admin=o["admin"],
                             name=o["name"], desc=o["desc"], bw=o["bw"], wan=o["wan"], state=st,
                             distance=phys["distance"] if phys else None,
                             rx=phys["rx"] if phys else None,
                             olt_rx=phys["olt_rx"] if phys else None))
        flows = [dict(index=i, **f) for i, f in sorted(self.flows.items())]
        unc = [dict(port=p, sn=sn, model=self.fibre[sn]["model"]) for p, sn in self.unconfigured()]
        return dict(config=dict(onus=onus, flows=flows, unconfigured=unc),
                    writes=list(self.writes), logins=self.logins)

    def uptime(self):
        return int(time.time() - self.started) + 12 * 86400 + 5 * 3600 + 14 * 60


# ------------------------------------------------------------ CLI output ----

def table(header, rows):
    """Left-aligned columns under a header and a rule of dashes."""
    cols = [list(header)] + [[str(c) for c in r] for r in rows]
    widths = [max(len(r[i]) for r in cols) for i in range(len(header))]
    fmt = lambda r: "  ".join(c.ljust(widths[i]) for i, c in enumerate(r)).rstrip()
    return [fmt(header), fmt(["-" * w for w in widths])] + [fmt(r) for r in cols[1:]]


def dbm(v):
    return "-" if v is None else "%.2f" % v


class Cli:
    """One Telnet connection: login, then commands until logout or EOF."""

    def __init__(self, dev, sock, user, password):
        self.dev, self.sock, self.user, self.password = dev, sock, user, password
        self.buf, self.pos, self.last_cr = b"", 0, False
        self.mode, self.pon = "user", None
        self.closed = False

    # ---- Telnet ----
    def send(self, s):
        data = s.encode() if isinstance(s, str) else s
        data = data.replace(b"\xff", b"\xff\xff")
        try:
            self.sock.sendall(data)
        except OSError:
            self.closed = True

    def raw(self):
        if self.pos >= len(self.buf):
            try:
                self.buf = self.sock.recv(4096)
            except OSError:
                self.buf = b""
            self.pos = 0
            if not self.buf:
                self.closed = True
                return None
        b = self.buf[self.pos]
        self.pos += 1
        return b

    def byte(self):
        """The next data byte, IAC sequences stripped (options refused)."""
        while True:
            b = self.raw()
            if b != 255:
                return b
            cmd = self.raw()
            if cmd is None or cmd == 255:
                return cmd
            if cmd in (251, 252, 253, 254):         # WILL WONT DO DONT
                opt = self.raw()
                if opt is None:
                    return None
                if cmd == 253 and opt not in (1, 3):    # DO other: we won't
                    self.sock.sendall(bytes([255, 252, opt]))
                elif cmd == 251:                        # WILL x: we don't want it
                    self.sock.sendall(bytes([255, 254, opt]))
            elif cmd == 250:                         # SB ... IAC SE
                prev = None
                while True:
                    x = self.raw()
                    if x is None:
                        return None
                    if prev == 255 and x == 240:
                        break
                    prev = None if (prev == 255 and x == 255) else x

    def key(self):
        b = self.byte()
        return None if b is None else chr(b)

    def line(self, echo=True):
        """One line; CR LF, CR NUL, a lone CR or LF end it.  Our own echo."""
        out = []
        while True:
            c = self.key()
            if c is None:
                return None
            if self.last_cr and c in ("\n", "\0"):
                self.last_cr = False
                continue
            self.last_cr = c == "\r"
            if c in ("\r", "\n"):
                self.send("\r\n")
                return "".join(out)
            if c in ("\x7f", "\b"):
                if out:
                    out.pop()
                    if echo:
                        self.send("\b \b")
                continue
            if c < " ":
                continue
            out.append(c)
            if echo:
                self.send(c)

    # ---- the dialogue ----
    def prompt(self):
        h = self.dev.hostname
        self.send({"user": h + ">", "priv": h + "#", "config": h + "(config)#",
                   "pon": "%s(pon-%s)#" % (h, self.pon)}[self.mode])

    def ask(self, question):
        """Asks a [yes/no] question; called under the OLT's lock, which it
        lets go while it waits for the answer."""
        self.dev.lock.release()
        try:
            self.send(question)
            a = self.line()
        finally:
            self.dev.lock.acquire()
        return a is not None and a.strip().lower() in ("y", "yes")

    def output(self, lines):
        """Writes lines with the pager every PAGE lines."""
        for i, ln in enumerate(lines):
            if i > 0 and i % PAGE == 0:
                self.send(MORE)
                k = self.key()
                self.send("\r\x1b[K")
                if k is None or k in ("q", "Q"):
                    return
            self.send(ln + "\r\n")

    def login(self):
        self.send(b"\xff\xfb\x01\xff\xfb\x03")     # WILL ECHO, WILL SGA
        self.send("\r\nAcme Photon P8 (PhotonOS 3.4.1)\r\nAuthorised access only.\r\n")
        for _ in range(3):
            self.send("\r\nacme login: ")
            u = self.line()
            if u is None:
                return False
            self.send("Passphrase: ")
            p = self.line(echo=False)
            if p is None:
                return False
            if u == self.user and p == self.password:
                with self.dev.lock:
                    self.dev.logins += 1
                self.send("Welcome, %s.\r\n" % u)
                return True
            time.sleep(0.2)
            self.send("Access denied.\r\n")
        return False

    def run(self):
        if not self.login():
            return
        while not self.closed:
            self.prompt()
            ln = self.line()
            if ln is None:
                return
            ln = ln.strip()
            if not ln:
                continue
            with self.dev.lock:
                fault = self.fault_for(ln)
            if fault == "fail":
                self.send("ERROR: injected fault (the test asked this command to fail)\r\n")
                continue
            out = self.command(ln)
            if fault == "drop":
                self.sock.shutdown(socket.SHUT_RDWR)
                return
            if out:
                self.output(out)

    def fault_for(self, ln):
        for f in self.dev.faults:
            if f[1] in ln:
                self.dev.faults.remove(f)
                return f[0]
        return None

    # ---- commands ----
    def command(self, ln):
        for modes, pattern, fn in COMMANDS:
            if self.mode not in modes:
                continue
            m = re.fullmatch(pattern, ln)
            if m:
                if self.mode in ("config", "pon") and not ln.startswith("show"):
                    with self.dev.lock:
                        self.dev.writes.append(ln)
                with self.dev.lock:
                    return fn(self, *m.groups())
        word = ln.split()[0]
        return ["%% Unknown command: '%s' (in %s mode)" % (word, self.mode)]

    def c_enable(self):
        self.mode = "priv"

    def c_configure(self):
        self.mode = "config"

    def c_interface(self, port):
        self.mode, self.pon = "pon", port

    def c_bad_port(self, port):
        return ["ERROR: no PON port %s on this OLT (rack 1, slots 1-4, pons 1-8)" % port]

    def c_exit(self):
        self.mode = {"pon": "config", "config": "priv"}.get(self.mode, self.mode)

    def c_end(self):
        self.mode = "priv"

    def c_logout(self):
        if self.ask("Close this session? [yes/no]: "):
            self.send("Bye.\r\n")
            self.sock.shutdown(socket.SHUT_RDWR)
            self.closed = True

    def c_width(self, _n):
        return None

    def c_version(self):
        up = self.dev.uptime()
        return ["Acme Photon P8", "  Model        : P8-4S", "  Software     : PhotonOS 3.4.1",
                "  Build        : 2207",
                "  Uptime       : %d days, %d hours, %d minutes" % (
                    up // 86400, up % 86400 // 3600, up % 3600 // 60)]

    def c_cards(self):
        rows = []
        for slot in range(1, 5):
            c = self.dev.cards.get(slot)
            rows.append([slot, c[0], "running", 8, "%dC" % c[2]] if c else
                        [slot, "-", "empty", "-", "-"])
        return table(["Slot", "Card", "State", "Ports", "Temp"], rows)

    def c_unconfigured(self):
        unc = self.dev.unconfigured()
        if not unc:
            return ["No unconfigured ONUs."]
        rows = []
        for port, sn in unc:
            p = self.dev.fibre[sn]
            rows.append([port, sn, p["model"], p["firmware"], "%dm" % p["distance"], p["found"]])
        return table(["PON", "Serial", "Model", "Firmware", "Distance", "Found"], rows)

    def onu(self, port, oid):
        return self.dev.onus.get((port, int(oid)))

    def missing(self, port, oid):
        return ["ERROR: ONU %s:%s does not exist" % (port, oid)]

    def c_list(self, port):
        rows = []
        for (p, oid), o in sorted(self.dev.onus.items()):
            if p != port:
                continue
            st = self.dev.state(p, o)
            phys = self.dev.fibre.get(o["sn"])
            rows.append([oid, o["sn"], o["model"], o["admin"], st,
                         "%dm" % phys["distance"] if st == "up" else "-", o["desc"] or "-"])
        if not rows:
            return ["No ONUs on pon %s." % port]
        return ["ONUs on pon %s" % port] + table(
            ["ONU", "Serial", "Model", "Admin", "State", "Distance", "Description"], rows)

    def c_detail(self, port, oid):
        o = self.onu(port, oid)
        if o is None:
            return self.missing(port, oid)
        st = self.dev.state(port, o)
        phys = self.dev.fibre.get(o["sn"])
        out = ["ONU %s:%s" % (port, oid),
               "  Serial         : %s" % o["sn"],
               "  Model          : %s" % o["model"],
               "  Firmware       : %s" % (phys["firmware"] if phys else "-"),
               "  Admin          : %s" % o["admin"],
               "  State          : %s" % st,
               "  Name           : %s" % (o["name"] or "-"),
               "  Description    : %s" % (o["desc"] or "-"),
               "  Distance       : %s" % ("%d m" % phys["distance"] if st == "up" else "-"),
               "  Bandwidth      : %s" % (o["bw"] or "-"),
               "  WAN            : %s" % (o["wan"]["mode"] if o["wan"] else "bridge")]
        if st != "up":
            out.append("  Down cause     : %s" % ("loss of signal" if st == "los" else "shutdown"))
        return out

    def c_optical(self, port, oid):
        o = self.onu(port, oid)
        if o is None:
            return self.missing(port, oid)
        st = self.dev.state(port, o)
        if st != "up":
            return ["ERROR: ONU %s:%s is not up (state %s)" % (port, oid, st)]
        p = self.dev.fibre[o["sn"]]
        return ["ONU %s:%s optics" % (port, oid),
                "  ONU Rx power   : %.2f dBm" % p["rx"],
                "  ONU Tx power   : 2.11 dBm",
                "  OLT Rx power   : %.2f dBm" % p["olt_rx"],
                "  Temperature    : 41.5 C",
                "  Voltage        : 3.29 V",
                "  Bias current   : 12.4 mA"]

    def c_optical_port(self, port):
        rows = []
        for (p, oid), o in sorted(self.dev.onus.items()):
            if p != port:
                continue
            up = self.dev.state(p, o) == "up"
            ph = self.dev.fibre.get(o["sn"]) if up else None
            rows.append([oid, dbm(ph["rx"]) if ph else "-", "2.11" if ph else "-",
                         dbm(ph["olt_rx"]) if ph else "-", "41.5" if ph else "-"])
        if not rows:
            return ["No ONUs on pon %s." % port]
        return table(["ONU", "ONU-Rx", "ONU-Tx", "OLT-Rx", "Temp"], rows)

    def c_flows(self, port, oid=None):
        rows = [[i, "%s:%d" % (f["port"], f["onu"]), f["vlan"], f["user_vlan"], f["gem"], "active"]
                for i, f in sorted(self.dev.flows.items())
                if f["port"] == port and (oid is None or f["onu"] == int(oid))]
        if not rows:
            return ["No service flows."]
        return table(["Flow", "ONU", "VLAN", "User-VLAN", "GEM", "State"], rows)

    def onu_config(self, port, oid, o):
        out = [" onu add %d serial %s model %s" % (oid, o["sn"], o["model"])]
        if o["name"]:
            out.append(" onu %d name %s" % (oid, o["name"]))
        if o["desc"]:
            out.append(' onu %d description "%s"' % (oid, o["desc"]))
        if o["bw"]:
            out.append(" onu %d bw-profile %s" % (oid, o["bw"]))
        if o["admin"] == "shutdown":
            out.append(" onu %d shutdown" % oid)
        if o["wan"]:
            w = o["wan"]
            out.append(" onu %d wan %s%s" % (oid, w["mode"], " user %s password ******" %
                                               w["user"] if w["mode"] == "pppoe" else ""))
        return out

    def flow_line(self, i, f):
        return "service-flow %s:%d vlan %d user-vlan %d gem %d index %d" % (
            f["port"], f["onu"], f["vlan"], f["user_vlan"], f["gem"], i)

    def c_running(self, port=None, oid=None):
        if port is not None:
            o = self.onu(port, oid)
            if o is None:
                return self.missing(port, oid)
            return (["interface pon %s" % port] + self.onu_config(port, int(oid), o) +
                    ["exit"] + [self.flow_line(i, f) for i, f in sorted(self.dev.flows.items())
                                if f["port"] == port and f["onu"] == int(oid)])
        out = ["! Acme Photon P8 running configuration", "hostname %s" % self.dev.hostname, "!"]
        for pr in self.dev.profiles:
            out.append("bw-profile %s" % pr)
        for port in sorted({p for p, _ in self.dev.onus}):
            out += ["!", "interface pon %s" % port]
            for (p, oid), o in sorted(self.dev.onus.items()):
                if p == port:
                    out += self.onu_config(p, oid, o)
            out.append("exit")
        out.append("!")
        out += [self.flow_line(i, f) for i, f in sorted(self.dev.flows.items())]
        return out + ["end"]

    # pon interface mode
    def c_onu_add(self, oid, sn, model):
        oid, sn = int(oid), sn.upper()
        if not 1 <= oid <= 64:
            return ["ERROR: ONU id %d is out of range (1-64)" % oid]
        if (self.pon, oid) in self.dev.onus:
            return ["ERROR: ONU id %d is in use on pon %s" % (oid, self.pon)]
        other = self.dev.onu_by_sn(sn)
        if other is not None:
            return ["ERROR: serial %s is already registered (%s:%d)" % (sn, other[0], other[1])]
        self.dev.onus[(self.pon, oid)] = Olt.new_onu(sn, model)
        return None

    def c_onu_remove(self, oid):
        oid = int(oid)
        if (self.pon, oid) not in self.dev.onus:
            return self.missing(self.pon, oid)
        if not self.ask("Remove ONU %s:%d and its service flows? [yes/no]: " % (self.pon, oid)):
            return ["Aborted."]
        del self.dev.onus[(self.pon, oid)]
        for i in [i for i, f in self.dev.flows.items() if f["port"] == self.pon and f["onu"] == oid]:
            del self.dev.flows[i]
        return None

    def set_field(self, oid, field, value):
        o = self.onu(self.pon, oid)
        if o is None:
            return self.missing(self.pon, oid)
        if field == "bw" and value is not None and value not in self.dev.profiles:
            return ["ERROR: bandwidth profile %s does not exist" % value]
        o[field] = value
        return None

    def c_name(self, oid, v):
        return self.set_field(oid, "name", v)

    def c_no_name(self, oid):
        return self.set_field(oid, "name", None)

    def c_desc(self, oid, v):
        return self.set_field(oid, "desc", v)

    def c_no_desc(self, oid):
        return self.set_field(oid, "desc", None)

    def c_bw(self, oid, v):
        return self.set_field(oid, "bw", v)

    def c_shutdown(self, oid):
        return self.set_field(oid, "admin", "shutdown")

    def c_no_shutdown(self, oid):
        return self.set_field(oid, "admin", "in-service")

    def c_reboot(self, oid):
        if self.onu(self.pon, oid) is None:
            return self.missing(self.pon, oid)
        if not self.ask("Reboot ONU %s:%s? [yes/no]: " % (self.pon, oid)):
            return ["Aborted."]
        return ["ONU %s:%s is rebooting." % (self.pon, oid)]

    def c_wan_pppoe(self, oid, user, _password):
        return self.set_field(oid, "wan", dict(mode="pppoe", user=user))

    def c_wan_dhcp(self, oid):
        return self.set_field(oid, "wan", dict(mode="dhcp", user=None))

    def c_no_wan(self, oid):
        return self.set_field(oid, "wan", None)

    # configuration mode
    def c_flow(self, port, oid, vlan, uvlan, gem, index):
        oid = int(oid)
        if (port, oid) not in self.dev.onus:
            return self.missing(port, oid)
        for f in self.dev.flows.values():
            if f["port"] == port and f["onu"] == oid and f["vlan"] == int(vlan):
                return ["ERROR: ONU %s:%d already has a flow on VLAN %s" % (port, oid, vlan)]
        if index is not None:
            i = int(index)
            if i in self.dev.flows:
                return ["ERROR: service flow index %d is in use" % i]
        else:
            i = max(self.dev.flows, default=0) + 1
        self.dev.flows[i] = dict(port=port, onu=oid, vlan=int(vlan), user_vlan=int(uvlan),
                                 gem=int(gem))
        return None

    def c_no_flow(self, port, oid, vlan):
        for i, f in list(self.dev.flows.items()):
            if f["port"] == port and f["onu"] == int(oid) and f["vlan"] == int(vlan):
                del self.dev.flows[i]
                return None
        return ["ERROR: no service flow for ONU %s:%s on VLAN %s" % (port, oid, vlan)]

    def c_no_flow_index(self, index):
        if int(index) not in self.dev.flows:
            return ["ERROR: no service flow %s" % index]
        del self.dev.flows[int(index)]
        return None


SHOW = ("priv", "config")
O = r"([0-9]+)"
COMMANDS = [
    (("user",), r"enable", Cli.c_enable),
    (("user", "priv"), r"(?:logout|exit)", Cli.c_logout),
    (("priv",), r"configure", Cli.c_configure),
    (("priv",), r"terminal width ([0-9]+)", Cli.c_width),
    (SHOW, r"show version", Cli.c_version),
    (SHOW, r"show cards", Cli.c_cards),
    (SHOW, r"show onu unconfigured", Cli.c_unconfigured),
    (SHOW, r"show onu list (%s)" % PORT_RE, Cli.c_list),
    (SHOW, r"show onu optical (%s):%s" % (PORT_RE, O), Cli.c_optical),
    (SHOW, r"show onu optical (%s)" % PORT_RE, Cli.c_optical_port),
    (SHOW, r"show onu (%s):%s" % (PORT_RE, O), Cli.c_detail),
    (SHOW, r"show service-flow (%s)(?::%s)?" % (PORT_RE, O), Cli.c_flows),
    (SHOW, r"show running-config(?: onu (%s):%s)?" % (PORT_RE, O), Cli.c_running),
    (("config",), r"interface pon (%s)" % PORT_RE, Cli.c_interface),
    (("config",), r"interface pon (\S+)", Cli.c_bad_port),
    (("config",), r"service-flow (%s):%s vlan %s user-vlan %s gem %s(?: index %s)?" %
     (PORT_RE, O, O, O, O, O), Cli.c_flow),
    (("config",), r"no service-flow (%s):%s vlan %s" % (PORT_RE, O, O), Cli.c_no_flow),
    (("config",), r"no service-flow index %s" % O, Cli.c_no_flow_index),
    (("pon",), r"onu add %s serial (%s) model (%s)" % (O, SN_RE, WORD_RE), Cli.c_onu_add),
    (("pon",), r"onu remove %s" % O, Cli.c_onu_remove),
    (("pon",), r"onu %s name (%s)" % (O, WORD_RE), Cli.c_name),
    (("pon",), r"no onu %s name" % O, Cli.c_no_name),
    (("pon",), r'onu %s description "([^"]{1,40})"' % O, Cli.c_desc),
    (("pon",), r"no onu %s description" % O, Cli.c_no_desc),
    (("pon",), r"onu %s bw-profile (%s)" % (O, WORD_RE), Cli.c_bw),
    (("pon",), r"onu %s shutdown" % O, Cli.c_shutdown),
    (("pon",), r"no onu %s shutdown" % O, Cli.c_no_shutdown),
    (("pon",), r"onu %s reboot" % O, Cli.c_reboot),
    (("pon",), r"onu %s wan pppoe user (\S+) password (\S+)" % O, Cli.c_wan_pppoe),
    (("pon",), r"onu %s wan dhcp" % O, Cli.c_wan_dhcp),
    (("pon",), r"no onu %s wan" % O, Cli.c_no_wan),
    (("config", "pon"), r"exit", Cli.c_exit),
    (("config", "pon"), r"end", Cli.c_end),
]


# ----------------------------------------------------------------- SNMP ----

def ber_len(n):
    if n < 0x80:
        return bytes([n])
    b = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([0x80 | len(b)]) + b


def tlv(tag, body):
    return bytes([tag]) + ber_len(len(body)) + body


def ber_int(v, tag=0x02):
    n = 1
    while not -(1 << (8 * n - 1)) <= v < (1 << (8 * n - 1)):
        n += 1
    return tlv(tag, v.to_bytes(n, "big", signed=True))


def ber_uint(v, tag):
    return tlv(tag, v.to_bytes(max(1, (v.bit_length() + 8) // 8), "big"))


def ber_oid(oid):
    body = bytearray([40 * oid[0] + oid[1]])
    for sub in oid[2:]:
        chunk = [sub & 0x7f]
        sub >>= 7
        while sub:
            chunk.append(0x80 | (sub & 0x7f))
            sub >>= 7
        body += bytes(reversed(chunk))
    return tlv(0x06, bytes(body))


def ber_read(data, pos):
    """(tag, body, next position) of the TLV at pos."""
    tag, n = data[pos], data[pos + 1]
    pos += 2
    if n & 0x80:
        k = n & 0x7f
        n = int.from_bytes(data[pos:pos + k], "big")
        pos += k
    if pos + n > len(data):
        raise ValueError("truncated")
    return tag, data[pos:pos + n], pos + n


def ber_seq(body):
    out, pos = [], 0
    while pos < len(body):
        tag, val, pos = ber_read(body, pos)
        out.append((tag, val))
    return out


def oid_of(body):
    first = body[0]
    oid, sub = [first // 40, first % 40], 0
    for b in body[1:]:
        sub = (sub << 7) | (b & 0x7f)
        if not b & 0x80:
            oid.append(sub)
            sub = 0
    return tuple(oid)


def encode_value(v):
    kind, x = v
    if kind == "int":
        return ber_int(x)
    if kind == "gauge":
        return ber_uint(x, 0x42)
    if kind == "ticks":
        return ber_uint(x, 0x43)
    return tlv(0x04, x if isinstance(x, bytes) else x.encode())


def port_index(port):
    rack, slot, pon = (int(x) for x in port.split("/"))
    return rack * 10000 + slot * 100 + pon


def mib(dev):
    """The agent's objects, sorted by OID: (oid, (kind, value))."""
    objs = {SYSTEM + (1, 0): ("str", "Acme Photon P8, PhotonOS 3.4.1"),
            SYSTEM + (3, 0): ("ticks", dev.uptime() * 100),
            SYSTEM + (5, 0): ("str", dev.hostname)}
    for (port, oid), o in dev.onus.items():
        idx = (port_index(port), oid)
        st = dev.state(port, o)
        phys = dev.fibre.get(o["sn"]) if st == "up" else None
        objs[ONU_TABLE + (2,) + idx] = ("str", "ACME:" + o["sn"][4:].lower())
        objs[ONU_TABLE + (3,) + idx] = ("str", o["desc"] or "")
        objs[ONU_TABLE + (4,) + idx] = ("int", STATE_CODES[st])
        if phys:
            objs[ONU_TABLE + (5,) + idx] = ("int", phys["distance"])
        # ONU Rx: (dBm + 40) * 100; OLT Rx: hundredths of a microwatt; 0 = no reading
        objs[ONU_TABLE + (6,) + idx] = ("gauge", round((phys["rx"] + 40) * 100) if phys else 0)
        objs[ONU_TABLE + (7,) + idx] = ("gauge", round(math.pow(10, phys["olt_rx"] / 10) * 1e5)
                                        if phys else 0)
    for slot, (name, cpu, temp) in dev.cards.items():
        objs[CARD_TABLE + (2, 1, slot)] = ("str", name)
        objs[CARD_TABLE + (3, 1, slot)] = ("int", cpu)
        objs[CARD_TABLE + (4, 1, slot)] = ("int", temp)
    return sorted(objs.items())


def snmp_answer(dev, community, packet):
    """The response to one request, or None (bad community, not v2c, garbage)."""
    try:
        top = ber_seq(ber_read(packet, 0)[1])
        version = int.from_bytes(top[0][1], "big", signed=True)
        if version != 1 or top[1][1] != community:
            return None
        pdu_tag, pdu = top[2]
        f = ber_seq(pdu)
        reqid = int.from_bytes(f[0][1], "big", signed=True)
        a = int.from_bytes(f[1][1], "big", signed=True)
        b = int.from_bytes(f[2][1], "big", signed=True)
        oids = [oid_of(ber_seq(vb)[0][1]) for _, vb in ber_seq(f[3][1])]
    except (ValueError, IndexError):
        return None
    with dev.lock:
        objs = mib(dev)
    keys = [k for k, _ in objs]
    table_ = dict(objs)

    def nxt(oid):
        lo, hi = 0, len(keys)
        while lo < hi:
            mid = (lo + hi) // 2
            if keys[mid] <= oid:
                lo = mid + 1
            else:
                hi = mid
        return (keys[lo], encode_value(table_[keys[lo]])) if lo < len(keys) else \
            (oid, tlv(0x82, b""))

    out = []
    if pdu_tag == 0xa0:                 # GET
        for o in oids:
            out.append((o, encode_value(table_[o]) if o in table_ else tlv(0x81, b"")))
    elif pdu_tag == 0xa1:               # GETNEXT
        out = [nxt(o) for o in oids]
    elif pdu_tag == 0xa5:               # GETBULK
        nonrep, reps = max(0, a), max(0, min(b, 50))
        out = [nxt(o) for o in oids[:nonrep]]
        cur = list(oids[nonrep:])
        for _ in range(reps):
            if not cur:
                break
            row = [nxt(o) for o in cur]
            out += row
            cur = [o for o, _ in row]
            if all(v[0] == 0x82 for _, v in row):
                break
    else:
        return None
    vbs = b"".join(tlv(0x30, ber_oid(o) + v) for o, v in out)
    body = ber_int(reqid) + ber_int(0) + ber_int(0) + tlv(0x30, vbs)
    return tlv(0x30, ber_int(1) + tlv(0x04, community) + tlv(0xa2, body))


# -------------------------------------------------------------- servers ----

def serve_snmp(dev, sock, community):
    while True:
        data, peer = sock.recvfrom(65535)
        ans = snmp_answer(dev, community, data)
        if ans is not None:
            sock.sendto(ans, peer)


def serve_cli(dev, lsock, user, password):
    while True:
        s, _ = lsock.accept()
        s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

        def conn(sock=s):
            try:
                Cli(dev, sock, user, password).run()
            except OSError:
                pass
            finally:
                sock.close()
        threading.Thread(target=conn, daemon=True).start()


def control(dev, words):
    with dev.lock:
        if words == ["dump"]:
            return json.dumps(dev.dump(), sort_keys=True)
        if len(words) >= 2 and words[0] in ("fail", "drop"):
            dev.faults.append([words[0], " ".join(words[1:])])
            return "ok"
        if words == ["clear"]:
            dev.faults = []
            return "ok"
        if len(words) in (3, 4) and words[0] == "add-unconfigured" and \
                re.fullmatch(PORT_RE, words[1]) and re.fullmatch(SN_RE, words[2]):
            dev.plug(words[1], words[2], words[3] if len(words) == 4 else "PH-100")
            return "ok"
    return "error: unknown control command %r" % " ".join(words)


def serve_ctl(dev, lsock):
    while True:
        s, _ = lsock.accept()
        with s:
            data = b""
            while not data.endswith(b"\n"):
                chunk = s.recv(4096)
                if not chunk:
                    break
                data += chunk
            s.sendall((control(dev, data.decode().split()) + "\n").encode())


def secret(path):
    with open(path) as f:
        return f.readline().rstrip("\r\n")


def serve(args):
    dev = Olt(args.hostname)
    cli = socket.socket()
    cli.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    cli.bind(("127.0.0.1", args.cli_port))
    cli.listen(8)
    udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    udp.bind(("127.0.0.1", args.snmp_port))
    if os.path.exists(args.ctl):
        os.unlink(args.ctl)
    ctl = socket.socket(socket.AF_UNIX)
    ctl.bind(args.ctl)
    ctl.listen(4)
    for target, a in ((serve_cli, (dev, cli, args.user, secret(args.password_file))),
                      (serve_snmp, (dev, udp, secret(args.community_file).encode())),
                      (serve_ctl, (dev, ctl))):
        threading.Thread(target=target, args=a, daemon=True).start()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    print("ready", flush=True)
    while True:
        time.sleep(3600)


def ctl_client(path, words):
    s = socket.socket(socket.AF_UNIX)
    s.connect(path)
    s.sendall((" ".join(words) + "\n").encode())
    data = b""
    while True:
        chunk = s.recv(65536)
        if not chunk:
            break
        data += chunk
    out = data.decode()
    sys.stdout.write(out)
    return 1 if out.startswith("error") else 0


def main():
    if len(sys.argv) >= 3 and sys.argv[1] == "ctl":
        return ctl_client(sys.argv[2], sys.argv[3:])
    p = argparse.ArgumentParser(description="a fake Acme Photon P8 OLT")
    p.add_argument("mode", choices=["serve"])
    p.add_argument("--cli-port", type=int, required=True)
    p.add_argument("--snmp-port", type=int, required=True)
    p.add_argument("--ctl", required=True)
    p.add_argument("--user", required=True)
    p.add_argument("--password-file", required=True)
    p.add_argument("--community-file", required=True)
    p.add_argument("--hostname", default="acme")
    serve(p.parse_args())
    return 0


if __name__ == "__main__":
    sys.exit(main())
