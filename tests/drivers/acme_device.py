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

This file holds the OLT's state (class Olt), the servers and the control
socket; acme_device_cli.py the command line, acme_device_snmp.py the agent.

Tests drive it through a Unix control socket (`acme_device.py ctl SOCK CMD`):
  dump                       the state as JSON: {"config": {...}, "writes": [...]}
  fail TEXT                  the next command containing TEXT is answered with
                             an ERROR and not applied
  busy TEXT                  the same with a BUSY answer (the client may retry)
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
import os
import re
import signal
import socket
import sys
import threading
import time

from acme_device_cli import PORT_RE, SN_RE, Cli
from acme_device_snmp import serve_snmp


# ---------------------------------------------------------------- the OLT ----

class Olt:
    """One OLT: cards, bandwidth profiles, the ONUs on the fibre (physical),
    the configured ONUs and service flows.  Every method runs under lock."""

    def __init__(self, hostname):
        """The seeded OLT: three ONUs on 1/1/1 (one not on the fibre), two unconfigured on 1/2/3."""
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
        self.next_flow = 4      # the index the next flow without one gets

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
        """A newly registered ONU's configuration."""
        return dict(sn=sn.upper(), model=model, admin="in-service", name=None, desc=None,
                    bw=None, wan=None)

    def state(self, port, onu):
        """The run state of a configured ONU: from the fibre and its admin state."""
        phys = self.fibre.get(onu["sn"])
        if phys is None or phys["port"] != port:
            return "los"
        return "down" if onu["admin"] == "shutdown" else "up"

    def unconfigured(self):
        """The (port, serial) of every ONU on the fibre that is not registered."""
        used = {o["sn"] for o in self.onus.values()}
        return sorted(((p["port"], sn) for sn, p in self.fibre.items() if sn not in used))

    def onu_by_sn(self, sn):
        """The (port, id) of the registered ONU with serial sn, or None."""
        for key, o in self.onus.items():
            if o["sn"] == sn:
                return key
        return None

    def dump(self):
        """The state for `dump`: the configuration and what depends on it only, the writes, the logins."""
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
        cards = [dict(slot=k, card=c[0], cpu=c[1], temp=c[2]) for k, c in sorted(self.cards.items())]
        return dict(config=dict(onus=onus, flows=flows, unconfigured=unc, cards=cards),
                    writes=list(self.writes), logins=self.logins)

    def uptime(self):
        """Seconds since the (simulated) boot."""
        return int(time.time() - self.started) + 12 * 86400 + 5 * 3600 + 14 * 60


# -------------------------------------------------------------- servers ----

def serve_cli(dev, lsock, user, password):
    """Accepts Telnet connections, one thread each."""
    while True:
        s, _ = lsock.accept()
        s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

        def conn(sock=s):
            """Serves one connection until it ends."""
            try:
                Cli(dev, sock, user, password).run()
            except OSError:
                pass
            finally:
                sock.close()
        threading.Thread(target=conn, daemon=True).start()


def control(dev, words):
    """Runs one control command on the OLT; returns its answer."""
    with dev.lock:
        if words == ["dump"]:
            return json.dumps(dev.dump(), sort_keys=True)
        if len(words) >= 2 and words[0] in ("fail", "busy", "drop"):
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
    """Answers control commands, one per connection."""
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
    """The first line of a secret file."""
    with open(path) as f:
        return f.readline().rstrip("\r\n")


def serve(args):
    """Binds every socket, starts the servers, prints "ready", runs until SIGTERM."""
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
    """Sends one control command and prints the answer; 1 for an error."""
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
    """`serve` or `ctl`."""
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
