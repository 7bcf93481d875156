#!/usr/bin/python3
"""crash_account.py — what a SIGKILLed write left on a simulated OLT, and
whether the audit trail names it (test_crash_writes.sh).

    crash_account.py BEFORE.json AFTER.json AUDIT.json FIRST_ID

BEFORE and AFTER are oltsim `dump OLT` documents taken around one round;
AUDIT is `oltui audit --json`; FIRST_ID the first audit entry id of the
round.  Every change on the device between BEFORE and AFTER must be named
by a step of one of the round's entries (in any state: "sending", i.e.
sent with no answer recorded, ok or failed):

    an ONT added       "ont add PON ID ... <its serial's last 8 hex digits>"
    an ONT removed     "ont delete PON ID" (or "undo: ont delete PON ID")
    a service port     "service-port ... gpon F/S/P ont ID " (added)
    a service port     "undo service-port INDEX" (removed)

Prints one JSON line: {"changes": N, "unaccounted": [what...], "entries": N,
"unfinished": N, "sending": N, "in_progress": N} and exits 0.
"""
import json
import sys


def onts(dump):
    """{(fsp, id): sn} of every ONT on the OLT."""
    out = {}
    for pon in dump["olts"][0]["pons"]:
        for o in pon["onts"]:
            out[(pon["fsp"], o["id"])] = o["sn"]
    return out


def sps(dump):
    """{index: (fsp, ont)} of every service port."""
    return {s["index"]: (s["fsp"], s["ont"]) for s in dump["olts"][0]["service_ports"]}


def named(commands, test):
    return any(test(c) for c in commands)


def main():
    before, after, audit = (json.load(open(p)) for p in sys.argv[1:4])
    first = int(sys.argv[4])
    entries = [e for e in audit if e["id"] >= first]
    commands = []
    for e in entries:
        for s in e["steps"]:
            c = s["command"]
            commands.append(c[len("undo: "):] if c.startswith("undo: ") else c)
    ob, oa, sb, sa = onts(before), onts(after), sps(before), sps(after)
    changes, unaccounted = 0, []
    for (fsp, oid), sn in oa.items():
        if ob.get((fsp, oid)) == sn:
            continue
        changes += 1
        pon = fsp.split("/")[2]
        if not named(commands, lambda c: c.startswith("ont add %s %d " % (pon, oid))
                     and sn[-8:] in c):
            unaccounted.append("ONT %s added at %s %d" % (sn, fsp, oid))
    for (fsp, oid), sn in ob.items():
        if oa.get((fsp, oid)) == sn:
            continue
        changes += 1
        pon = fsp.split("/")[2]
        if not named(commands, lambda c: c.startswith("ont delete %s %d" % (pon, oid))):
            unaccounted.append("ONT %s removed from %s %d" % (sn, fsp, oid))
    for idx, (fsp, oid) in sa.items():
        if sb.get(idx) == (fsp, oid):
            continue
        changes += 1
        if not named(commands, lambda c: c.startswith("service-port")
                     and ("gpon %s ont %d " % (fsp, oid)) in c):
            unaccounted.append("service port %d (%s ONT %d) added" % (idx, fsp, oid))
    for idx, (fsp, oid) in sb.items():
        if sa.get(idx) == (fsp, oid):
            continue
        changes += 1
        if not named(commands, lambda c: c.startswith("undo service-port %d" % idx)
                     or c.startswith("undo service-port vlan")
                     and ("gpon %s ont %d " % (fsp, oid)) in c + " "):
            unaccounted.append("service port %d (%s ONT %d) removed" % (idx, fsp, oid))
    print(json.dumps({
        "changes": changes,
        "unaccounted": unaccounted,
        "entries": len(entries),
        "unfinished": sum(1 for e in entries if e["outcome"] == "did not finish"),
        "in_progress": sum(1 for e in entries if e["outcome"] == "in progress"),
        "sending": sum(1 for e in entries for s in e["steps"] if s.get("sending")),
    }))


if __name__ == "__main__":
    main()
