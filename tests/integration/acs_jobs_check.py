#!/usr/bin/python3
"""acs_jobs_check.py -- what test_acs_mass.sh and bench_acs_mass.sh ask the
GenieACS stand-in (tests/lab/acsim_jobs.py) about its routers, through its
NBI and control interface, to compare with what oltui reported.

  ssid URL QUERY               {device id: [the SSID of each radio]}
  software URL QUERY           {device id: software version}
  jobs URL                     the /_sim/jobs counters and logs
  report FILE                  {state: [device ids]} of an `--json` report
  compare URL REPORT QUERY SSID
                               checks that the report's "done" routers are
                               exactly the routers of QUERY whose every SSID
                               is SSID now; prints "ok" or what differs
"""

import json
import sys
import urllib.parse
import urllib.request


def get(url):
    with urllib.request.urlopen(url, timeout=60) as r:
        return json.loads(r.read().decode())


def devices(base, query, proj):
    out, skip = [], 0
    while True:
        q = urllib.parse.urlencode({"query": query, "projection": ",".join(proj),
                                    "skip": skip, "limit": 500})
        page = get("%s/devices/?%s" % (base, q))
        out.extend(page)
        if len(page) < 500:
            return out
        skip += 500


def leaves(node, key):
    """Every leaf value called key under node (GenieACS document shape)."""
    found = []
    if isinstance(node, dict):
        for k, v in node.items():
            if k == key and isinstance(v, dict) and "_value" in v:
                found.append(v["_value"])
            elif not k.startswith("_"):
                found.extend(leaves(v, key))
    return found


def ssids(base, query):
    docs = devices(base, query, ["InternetGatewayDevice.LANDevice.1.WLANConfiguration",
                                 "Device.WiFi.SSID"])
    return {d["_id"]: leaves(d, "SSID") for d in docs}


def software(base, query):
    docs = devices(base, query, ["InternetGatewayDevice.DeviceInfo.SoftwareVersion",
                                 "Device.DeviceInfo.SoftwareVersion"])
    return {d["_id"]: (leaves(d, "SoftwareVersion") or [None])[0] for d in docs}


def report(path):
    with open(path) as f:
        doc = json.load(f)
    out = {}
    for it in doc["items"]:
        out.setdefault(it["state"], []).append(it["device"])
    return out


def compare(base, path, query, value):
    rep = report(path)
    changed = {d for d, v in ssids(base, query).items() if v and all(s == value for s in v)}
    done = set(rep.get("done", []))
    if changed == done:
        return "ok"
    return "done but unchanged: %s; changed but not done: %s" % (
        sorted(done - changed)[:5], sorted(changed - done)[:5])


def main():
    cmd = sys.argv[1]
    if cmd == "ssid":
        print(json.dumps(ssids(sys.argv[2], sys.argv[3])))
    elif cmd == "software":
        print(json.dumps(software(sys.argv[2], sys.argv[3])))
    elif cmd == "jobs":
        print(json.dumps(get(sys.argv[2] + "/_sim/jobs")))
    elif cmd == "report":
        print(json.dumps(report(sys.argv[2])))
    elif cmd == "compare":
        print(compare(sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5]))
    else:
        sys.exit("unknown command " + cmd)


if __name__ == "__main__":
    main()
