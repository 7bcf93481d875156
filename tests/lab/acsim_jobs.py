#!/usr/bin/python3
"""acsim_jobs.py -- tests/lab/acsim.py with what the ACS job tests measure:
how many NBI requests (and task POSTs) it answered at once, at most, and
which tasks each device was sent and ran.  Same flags as acsim.py.

  GET  /_sim/jobs        {"inflight", "max_inflight", "max_task_inflight",
                          "requests", "posted": {device: [task name, ...]},
                          "ran": {device: [task name, ...]},
                          "events": [[unix time, "post"|"ran", device, name]]}
                         ("ran" lists the tasks a session applied; a task
                         the device faulted is "name!fault")
  POST /_sim/jobs-reset  zeroes the maxima and empties the logs

A request is in flight from the moment the handler reads it to the moment
its answer is written (the stand-in's own /_sim/ calls are not counted).
The counters wrap acsim.py from outside (the handler class and two module
functions), so acsim.py stays as it is.
"""

import json
import os
import sys
import threading
import time
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import acsim  # noqa: E402

LOCK = threading.Lock()
C = {}


def reset():
    with LOCK:
        C.update(inflight=0, max_inflight=0, task_inflight=0, max_task_inflight=0,
                 requests=0, posted={}, ran={}, events=[])


reset()


class Handler(acsim.Handler):
    def route(self, method):
        path = urllib.parse.urlsplit(self.path).path
        if path in ("/_sim/jobs", "/_sim/jobs-reset"):
            n = int(self.headers.get("Content-Length") or 0)
            if n > 0:
                self.rfile.read(n)
            if path == "/_sim/jobs-reset":
                reset()
                return self.send(200, "ok\n")
            with LOCK:
                body = json.dumps(C)
            return self.send(200, body, ctype="application/json")
        if path.startswith("/_sim/"):
            return super().route(method)
        task = method == "POST" and path.rstrip("/").endswith("/tasks")
        with LOCK:
            C["requests"] += 1
            C["inflight"] += 1
            C["max_inflight"] = max(C["max_inflight"], C["inflight"])
            if task:
                C["task_inflight"] += 1
                C["max_task_inflight"] = max(C["max_task_inflight"], C["task_inflight"])
        try:
            return super().route(method)
        finally:
            with LOCK:
                C["inflight"] -= 1
                if task:
                    C["task_inflight"] -= 1


_insert_task = acsim.insert_task
_apply_task = acsim.apply_task


def insert_task(t, device_id):
    _insert_task(t, device_id)
    with LOCK:
        C["posted"].setdefault(device_id, []).append(t.get("name"))
        C["events"].append([time.time(), "post", device_id, t.get("name")])


def apply_task(d, t, now):
    try:
        _apply_task(d, t, now)
    except Exception:
        with LOCK:
            C["ran"].setdefault(d["id"], []).append(t.get("name", "?") + "!fault")
            C["events"].append([time.time(), "ran", d["id"], t.get("name", "?") + "!fault"])
        raise
    with LOCK:
        C["ran"].setdefault(d["id"], []).append(t.get("name"))
        C["events"].append([time.time(), "ran", d["id"], t.get("name")])


acsim.insert_task = insert_task
acsim.apply_task = apply_task
acsim.Handler = Handler

if __name__ == "__main__":
    acsim.main()
