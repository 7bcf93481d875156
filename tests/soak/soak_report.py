#!/usr/bin/python3
"""soak_report.py — the fault plan of a soak, and its report (soak.sh).

    soak_report.py plan FLEET.json SEED FIRST EVERY HOLD LAST
        prints the schedule: from FIRST seconds, every EVERY seconds until
        LAST, two faults on two OLTs, each held HOLD seconds, as lines
        AT FAULT PHASE KIND OLT CTL-VERB-AND-ARGS (tab-separated, by AT).
        Targets are drawn with SEED from the fleet's dump, among what is
        healthy (a PON whose ONTs are all online, an online ONT with a
        normal level), so a fault's alarms can only come from the fault.

    soak_report.py report DIR START INTERVAL WARMUP TOTAL DAEMON-STATUS
        reads DIR/samples.tsv, applied.tsv, alarms.tsv, poll.log and
        fleet.json and prints the figures and the checks (see soak.sh);
        exits 1 when a check fails.
"""
import calendar
import json
import random
import sys
import time

KINDS = ["cut", "snmp", "level", "gasp", "slow", "drop"]
# What each fault may raise; the last two must raise nothing.
RAISES = {
    "cut": {"los", "pon_outage"},
    "snmp": {"olt_unreachable"},
    "level": {"rx_warning", "rx_critical"},
    "gasp": {"dying_gasp"},
    "slow": set(),
    "drop": set(),
}


def healthy(fleet):
    """Per OLT name: its all-online PONs and its online, normal ONTs."""
    out = {}
    for olt in fleet["olts"]:
        pons, onts = [], []
        for p in olt["pons"]:
            ok = [o for o in p["onts"] if o["state"] == "online" and o["rx"] is not None
                  and -24 < o["rx"] < -10 and (o["olt_rx"] is None or o["olt_rx"] > -26)]
            if len(p["onts"]) >= 4 and len(ok) == len(p["onts"]):
                pons.append(p["fsp"])
            onts += [(p["fsp"], o["id"], o["sn"], o["rx"]) for o in ok]
        out[olt["name"]] = (pons, onts)
    return out


def plan(args):
    fleet = json.load(open(args[0]))
    seed, first, every, hold, last = (int(a) for a in args[1:6])
    rnd = random.Random(seed)
    targets = healthy(fleet)
    names = sorted(targets)
    lines, fid, k = [], 0, 0
    t = first
    while t + hold <= last:
        used = set()
        for _ in range(2):
            kind = KINDS[k % len(KINDS)]
            k += 1
            for _try in range(200):
                olt = rnd.choice(names)
                pons, onts = targets[olt]
                if olt in used or (kind == "cut" and not pons) or \
                        (kind in ("level", "gasp") and not onts):
                    continue
                break
            else:
                continue
            used.add(olt)
            fid += 1
            if kind == "cut":
                fsp = rnd.choice(pons)
                on, off = "cut %s %s" % (olt, fsp), "restore %s %s" % (olt, fsp)
                what = fsp
            elif kind == "snmp":
                on, off, what = "snmp-timeout %s on" % olt, "snmp-timeout %s off" % olt, ""
            elif kind == "level":
                fsp, oid, sn, rx = rnd.choice(onts)
                on = "set-levels %s %s %d rx=-29.5" % (olt, fsp, oid)
                off = "set-levels %s %s %d rx=%.2f" % (olt, fsp, oid, rx)
                what = sn
            elif kind == "gasp":
                fsp, oid, sn, _ = rnd.choice(onts)
                on = "set-state %s %s %d dying-gasp" % (olt, fsp, oid)
                off = "set-state %s %s %d online" % (olt, fsp, oid)
                what = sn
            elif kind == "slow":
                on, off, what = "latency %s 3000" % olt, "latency %s 0" % olt, ""
            else:
                on, off, what = "drop-after %s 200" % olt, "drop-after %s 0" % olt, ""
            # The target (serial or F/S/P) rides in the KIND column.
            tag = kind + ("=" + what if what else "")
            lines.append((t, "%d\tstart\t%s\t%s\t%s" % (fid, tag, olt, on)))
            lines.append((t + hold, "%d\tend\t%s\t%s\t%s" % (fid, tag, olt, off)))
        t += every
    for at, rest in sorted(lines, key=lambda x: x[0]):
        print("%d\t%s" % (at, rest))


def tsv(path):
    try:
        return [l.rstrip("\n").split("\t") for l in open(path) if l.strip()]
    except FileNotFoundError:
        return []


def report(args):
    d = args[0]
    start, interval, warmup, total, drc = (int(a) for a in args[1:6])
    failures = []

    def check(ok, what):
        print("%s %s" % ("ok  " if ok else "FAIL", what))
        if not ok:
            failures.append(what)

    # ---- memory and descriptors ----
    samples = [(int(t), int(r), int(f), int(n)) for t, r, f, n in tsv(d + "/samples.tsv") if r]
    after = [s for s in samples if s[0] >= warmup] or samples
    s0, s1 = after[0], after[-1]
    mid = after[len(after) // 2]
    rmax = max(s[1] for s in after)
    fmax = max(s[2] for s in after)
    print("memory: RSS %.1f MB at %d s (after the warm-up), %.1f MB at %d s, %.1f MB at "
          "the end (%d s), max %.1f MB; %d samples" % (
              s0[1] / 1024, s0[0], mid[1] / 1024, mid[0], s1[1] / 1024, s1[0],
              rmax / 1024, len(samples)))
    print("descriptors: %d at %d s, %d at the end, max %d; threads %d -> %d" %
          (s0[2], s0[0], s1[2], fmax, s0[3], s1[3]))
    check(s1[1] <= s0[1] * 1.10 + 4096, "RSS flat (end within 10% + 4 MB of the start)")
    check(s1[2] <= s0[2], "descriptors back to where they were")
    check(s1[3] <= s0[3], "no thread left behind")

    # ---- jobs ----
    sweeps = {}
    errors = 0
    for line in open(d + "/poll.log"):
        parts = line.split(" ", 1)
        if len(parts) < 2:
            continue
        try:
            t = calendar.timegm(time.strptime(parts[0], "%Y-%m-%dT%H:%M:%SZ")) - start
        except ValueError:
            continue
        msg = parts[1]
        name = None
        if msg.startswith("swept ") or msg.startswith("PARTIAL sweep of "):
            name = msg.split(":")[0].split(" ")[-1]
        elif msg.startswith("error: sweep "):
            name = msg.split(" ")[2]
            errors += 1
        if name:
            sweeps.setdefault(name, []).append(t)
    fleet = json.load(open(d + "/fleet.json"))
    names = [o["name"] for o in fleet["olts"]]
    bound = interval * 1.5 + 5
    worst, starved = 0, []
    for n in names:
        ts = [t for t in sweeps.get(n, []) if warmup <= t <= total]
        if not ts:
            starved.append(n)
            continue
        gaps = [ts[0] - warmup] + [b - a for a, b in zip(ts, ts[1:])] + [total - ts[-1]]
        g = max(gaps)
        worst = max(worst, g)
        if g > bound:
            starved.append("%s (%d s)" % (n, g))
    nsweeps = sum(len(v) for v in sweeps.values())
    print("jobs: %d sweeps of %d OLTs (%d failed: the faults), the longest gap between "
          "two sweeps of one OLT %d s (interval %d s)" % (nsweeps, len(names), errors,
                                                        worst, interval))
    check(not starved, "no job lost: every OLT swept at least every %.0f s%s" %
          (bound, "" if not starved else ": " + ", ".join(starved[:5])))

    # ---- faults and alarms ----
    faults = {}
    for t, fid, phase, tag, olt, cmd in tsv(d + "/applied.tsv"):
        kind, _, what = tag.partition("=")
        f = faults.setdefault(fid, {"kind": kind, "what": what, "olt": olt,
                                    "start": None, "end": None})
        f[phase] = int(t)
    alarms = [dict(olt=a[0], sn=a[1], port=a[2], kind=a[3], raised=int(a[4]),
                   cleared=int(a[5])) for a in tsv(d + "/alarms.tsv")]
    first_fault = min([f["start"] for f in faults.values() if f["start"] is not None],
                      default=total)
    base = [a for a in alarms if a["raised"] < first_fault]
    later = [a for a in alarms if a["raised"] >= first_fault]
    sn_at = {}
    for olt in fleet["olts"]:
        for p in olt["pons"]:
            for o in p["onts"]:
                sn_at[(olt["name"], o["sn"])] = p["fsp"]

    def explains(f, a):
        if f["start"] is None or a["olt"] != f["olt"] or a["kind"] not in RAISES[f["kind"]]:
            return False
        end = f["end"] if f["end"] is not None else total
        if not f["start"] <= a["raised"] <= end + 2 * interval + 2:
            return False
        if f["kind"] == "cut":
            return a["port"] == f["what"] or sn_at.get((a["olt"], a["sn"])) == f["what"]
        if f["kind"] in ("level", "gasp"):
            return a["sn"] == f["what"]
        return True

    unexplained = [a for a in later if not any(explains(f, a) for f in faults.values())]
    silent, uncleared = [], []
    for fid, f in sorted(faults.items(), key=lambda x: int(x[0])):
        mine = [a for a in later if explains(f, a)]
        if RAISES[f["kind"]] and not mine:
            silent.append("%s %s %s" % (f["kind"], f["olt"], f["what"]))
        for a in mine:
            end = f["end"] if f["end"] is not None else total
            if a["cleared"] < 0 or a["cleared"] < end or a["cleared"] > end + 4 * interval + 5:
                uncleared.append("%s %s %s (cause gone at %d s, cleared %s)" % (
                    a["kind"], a["olt"], a["sn"] or a["port"], end,
                    "never" if a["cleared"] < 0 else "at %d s" % a["cleared"]))
    flapped = [a for a in base if a["cleared"] >= 0]
    print("alarms: %d of the fleet's own state before the first fault; %d raised by "
          "%d faults (%s)" % (len(base), len(later), len(faults), ", ".join(
              "%d %s" % (sum(1 for f in faults.values() if f["kind"] == k), k)
              for k in KINDS)))
    check(not unexplained, "no alarm without a cause%s" % ("" if not unexplained else ": " +
          "; ".join("%s %s %s at %d s" % (a["kind"], a["olt"], a["sn"] or a["port"],
                                          a["raised"]) for a in unexplained[:5])))
    check(not silent, "every fault that should raise an alarm did%s" % (
        "" if not silent else ": " + "; ".join(silent[:5])))
    check(not uncleared, "every alarm cleared once its cause went%s" % (
        "" if not uncleared else ": " + "; ".join(uncleared[:5])))
    check(not flapped, "the fleet's own alarms stayed raised%s" % (
        "" if not flapped else ": %d cleared" % len(flapped)))
    check(drc == 0, "the daemon stopped on SIGTERM with status 0 (got %d)" % drc)
    print("soak: %s" % ("every check holds" if not failures else "%d checks failed" %
                                                                  len(failures)))
    return 1 if failures else 0


if __name__ == "__main__":
    if sys.argv[1] == "plan":
        plan(sys.argv[2:])
        sys.exit(0)
    sys.exit(report(sys.argv[2:]))
