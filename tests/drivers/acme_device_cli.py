"""acme_device_cli.py - the command line of the fake Acme Photon P8 OLT
(acme_device.py): one Telnet connection's login, prompts per mode, pager,
[yes/no] questions, errors, and the commands, each a row of COMMANDS (the
modes it is valid in, its pattern, its handler) acting on the one OLT.

Telnet the way a simple device speaks it: WILL ECHO and WILL SGA offered,
every IAC sequence from the client stripped, any other option refused, our
own echo.  A connection thread calls Cli(olt, sock, user, password).run();
handlers run under the OLT's lock, which a question lets go while it waits.
"""
import re
import socket
import time

PAGE = 20
MORE = "<< more: SPACE next page, Q quit >>"
PORT_RE = r"1/[1-4]/[1-8]"
SN_RE = r"[A-Za-z]{4}[0-9A-Fa-f]{8}"
WORD_RE = r"[A-Za-z0-9_.-]{1,32}"


# ------------------------------------------------------------ CLI output ----

def table(header, rows):
    """Left-aligned columns under a header and a rule of dashes."""
    cols = [list(header)] + [[str(c) for c in r] for r in rows]
    widths = [max(len(r[i]) for r in cols) for i in range(len(header))]
    fmt = lambda r: "  ".join(c.ljust(widths[i]) for i, c in enumerate(r)).rstrip()
    return [fmt(header), fmt(["-" * w for w in widths])] + [fmt(r) for r in cols[1:]]


def dbm(v):
    """A level as printed, "-" for none."""
    return "-" if v is None else "%.2f" % v


class Cli:
    """One Telnet connection: login, then commands until logout or EOF."""

    def __init__(self, dev, sock, user, password):
        """A connection before login."""
        self.dev, self.sock, self.user, self.password = dev, sock, user, password
        self.buf, self.pos, self.last_cr = b"", 0, False
        self.mode, self.pon = "user", None
        self.closed = False

    # ---- Telnet ----
    def send(self, s):
        """Writes to the client, IAC bytes doubled."""
        data = s.encode() if isinstance(s, str) else s
        data = data.replace(b"\xff", b"\xff\xff")
        try:
            self.sock.sendall(data)
        except OSError:
            self.closed = True

    def raw(self):
        """The next byte from the socket, None at the end."""
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
        """The next data byte as a character, None at the end."""
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
        """Writes the prompt of the current mode."""
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
        """The login dialogue: three tries; True once logged in."""
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
        """Logs in, then reads and runs commands until logout or EOF."""
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
                if self.mode in ("config", "pon") and not ln.startswith("show"):
                    self.dev.writes.append(ln)
                fault = self.fault_for(ln)
            if fault == "fail":
                self.send("ERROR: injected fault (the test asked this command to fail)\r\n")
                continue
            if fault == "busy":
                self.send("BUSY: the configuration is being saved, try again later\r\n")
                continue
            out = self.command(ln)
            if fault == "drop":
                self.sock.shutdown(socket.SHUT_RDWR)
                return
            if out:
                self.output(out)

    def fault_for(self, ln):
        """The kind of the pending fault ln triggers ("fail", "busy", "drop"),
        removed; or None."""
        for f in self.dev.faults:
            if f[1] in ln:
                self.dev.faults.remove(f)
                return f[0]
        return None

    # ---- commands ----
    def command(self, ln):
        """Runs the COMMANDS row matching ln in this mode; the output lines, or None."""
        for modes, pattern, fn in COMMANDS:
            if self.mode not in modes:
                continue
            m = re.fullmatch(pattern, ln)
            if m:
                with self.dev.lock:
                    return fn(self, *m.groups())
        word = ln.split()[0]
        return ["%% Unknown command: '%s' (in %s mode)" % (word, self.mode)]

    # ---- the handlers: one per COMMANDS row (c_<what it does>), called
    # under the OLT's lock with the row's groups; each returns the lines to
    # print or None ----

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
        """The configuration of ONU port:oid, or None."""
        return self.dev.onus.get((port, int(oid)))

    def missing(self, port, oid):
        """The error for an ONU that does not exist."""
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
        """The running-configuration lines of one ONU under its pon."""
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
        """The running-configuration line of flow i."""
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
        self.dev.onus[(self.pon, oid)] = self.dev.new_onu(sn, model)
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
        """Sets one field of an ONU of this pon (profiles checked); an error or None."""
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
        else:                   # the OLT never reuses an index it gave out
            i = self.dev.next_flow
            while i in self.dev.flows:
                i += 1
        self.dev.next_flow = max(self.dev.next_flow, i + 1)
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
