#!/usr/bin/python3
"""acsim_pin.py STATE NOW -- rewrites an acsim --state file so that every
time in it is fixed relative to NOW (the console's pinned clock, Unix
seconds): each router last informed 2 minutes before NOW (its parameters
read then), registered, booted and uploaded at the same distances from
that inform as when acsim made them.  The console's goldens of the router
view then show the same ages on every run.  The test's database only;
acsim must be stopped (it saves the file on SIGTERM)."""

import json
import os
import sys


def dates(obj, out):
    """Every {"$date": ms} object under obj."""
    if isinstance(obj, dict):
        if len(obj) == 1 and "$date" in obj:
            out.append(obj)
        else:
            for v in obj.values():
                dates(v, out)
    elif isinstance(obj, list):
        for v in obj:
            dates(v, out)


def main():
    path, now = sys.argv[1], int(sys.argv[2])
    with open(path) as f:
        st = json.load(f)
    informs = [d["doc"]["_lastInform"]["$date"] for d in st["devices"]]
    if not informs:
        sys.exit("acsim_pin: no devices in %s" % path)
    # every date moves by the same amount: the newest inform lands at NOW - 120 s
    shift = (now - 120) * 1000 - max(informs)
    found = []
    dates(st, found)
    for d in found:
        d["$date"] += shift
    tmp = path + ".tmp"
    with open(tmp, "w") as f:
        json.dump(st, f)
    os.replace(tmp, path)


if __name__ == "__main__":
    main()
