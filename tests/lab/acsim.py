#!/usr/bin/python3
"""acsim.py -- a stand-in for the GenieACS NBI (northbound interface), for
tests: GenieACS cannot be installed here (no MongoDB; shared/reference/
platform-notes.md R5), so this server answers as lib/nbi.ts and
docs/api-reference.rst describe, over simulated routers (acsim_devices.py)
and GenieACS's query rewriting (acsim_query.py).  Python 3 stdlib only.

  acsim.py [--port N] [--port-file F] [--user U --password-file F]
           [--devices N] [--seed S] [--no-defaults] [--oltsim-dump F]
           [--state F] [--download-delay MS] [--verbose]

Binds 127.0.0.1 (port 0 = any free one), prints "acsim listening on
http://127.0.0.1:PORT devices=N" and writes PORT to --port-file.

The NBI (paths and answers of lib/nbi.ts):
  GET|HEAD /<collection>/?query=&projection=&sort=&skip=&limit=
      devices, tasks, faults, files (fs.files) and the empty presets,
      objects, provisions, virtual_parameters; header "total"; the body
      "[\\n" + items joined by ",\\n" + "\\n]"; 400 on bad JSON
  POST /devices/<id>/tasks[?connection_request][&timeout=MS]
      no body, no connection_request: 400; unknown device: 404
      a task without connection_request: stored, 202
      connection_request without a task: 200, or 504 "Device is offline"
      both: the device is woken; 200 when the session ran the task in
      time; 202 "Device is offline" (kept), 202 "Task queued but not
      processed" (slower than timeout, default 4000: kept, run when the
      device gets to it), 202 "Task faulted" (kept, with a fault)
      a body that is not JSON: 400 "SyntaxError: ..."; a task GenieACS's
      sanitizeTask() refuses (unknown name, missing field): 400 "Error:
      ..." (GenieACS 1.2 throws there and drops the connection; the
      stand-in answers instead)
      a JSON array: GenieACS inserts tasks without a device (PR #393): the
      session runs, nothing is done, 200
  DELETE /tasks/<id> (404 "Task not found"); POST /tasks/<id>/retry
  DELETE /faults/<device>:<channel>; DELETE /devices/<id>
  POST|DELETE /devices/<id>/tags/<tag>
  PUT /files/<name> (headers fileType, oui, productClass, version: 201);
  DELETE /files/<name>
Basic authentication when --user is given (GenieACS has none of its own;
a reverse proxy adds it): 401 otherwise.

Tasks run in a "session" of the device: when a connection request wakes
it, when a control call makes it inform, or when a slow device gets to it.
A session stamps _lastInform and runs the device's queued tasks in order:
a task done is deleted, a task the device faults stays with a fault
"<device>:task_<id>" (code "cwmp.9005" ...), and is not run again until
the fault is deleted or retried.

Control (tests only; no authentication; ids URL-encoded):
  POST /_sim/offline/<id>    POST /_sim/online/<id> (and informs)
  POST /_sim/inform/<id>     POST /_sim/slow/<id>?ms=N
  POST /_sim/fault/<id>?code=9002&message=...   (the next task faults)
  POST /_sim/set/<id>  body [[path, value, type], ...] (raw, no checks)
  POST /_sim/unset/<id>?path=P
  POST /_sim/add?n=N[&model=M][&tag=T]  -> {"ids": [...]}
  POST /_sim/add?serial=S&model=M       (one router with that serial)
  POST /_sim/delay?ms=N       (every NBI answer waits N ms)
  POST /_sim/next  body {"status":200,"reason":"","body":"...","size":N,
                         "content_type":"text/html","count":1}
                   (the next NBI answers, for non-JSON / oversized tests)
  GET  /_sim/device/<id>  (the document, online, secrets, software)
  GET  /_sim/lookup?serial=S -> {"id": ...}
  GET  /_sim/stats   GET /_sim/state   POST /_sim/save (to --state)
"""

import argparse
import base64
import json
import os
import signal
import sys
import threading
import time
import urllib.parse
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import acsim_devices as dv  # noqa: E402
from acsim_query import (Date, QueryError, dumps, expand, from_state, match,  # noqa: E402
                         now_date, optimize_projection, project, sanitize_types,
                         to_date, to_state, get_path, MISSING)

VERSION = "1.2.14+acsim"

# Named devices, one per model and quirk (the serials the unit tests use).
NAMED = [
    ("HWTC1A2B3C4D", "EG8145V5"), ("HWTC6B886FA5", "HG8245H"),
    ("HWTC0A0B0C0D", "EG8145X6-10"), ("ZTEGC0FFEE01", "ZTE-F660"),
    ("ZTEGC0FFEE02", "ZTE-F670L"), ("ZTEGC0FFEE03", "ZTE-F601"),
    ("ALCLB2C3D4E5", "G-240W-C"), ("FHTT12345678", "AN5506-04-F1"),
]
GENERATED_MODELS = ["EG8145V5", "ZTE-F660", "HG8245H", "ZTE-F670L", "G-240W-C", "EG8145X6-10"]

# A newer image per model, held as a file (GET /files/).
FIRMWARE = {
    "EG8145V5": "V5R020C10S220", "HG8245H": "V3R017C10S206", "EG8145X6-10": "V5R021C00S125",
    "ZTE-F660": "V6.0.10P3N12", "ZTE-F670L": "V1.1.20P3N2", "ZTE-F601": "V6.0.1P2T1",
    "G-240W-C": "3FE49362JJIJ50", "AN5506-04-F1": "RP2740",
}


class State:
    """Everything the ACS holds; every access under lock."""

    def __init__(self):
        self.lock = threading.RLock()
        self.devices = {}       # id -> device state (acsim_devices.new_device)
        self.tasks = []         # in insertion order
        self.faults = {}        # id -> fault
        self.files = {}         # name -> fs.files document
        self.seq = 0
        self.delay_ms = 0
        self.next = []          # canned answers
        self.download_delay_ms = 0
        self.stats = {"requests": 0, "sessions": 0, "tasks_done": 0, "tasks_faulted": 0}

    def add(self, d):
        self.devices[d["id"]] = d

    def object_id(self):
        """A MongoDB ObjectId-like 24-hex-digit id."""
        self.seq += 1
        return "%08x%016x" % (int(time.time()), self.seq)

    def dump(self):
        return to_state({"devices": list(self.devices.values()), "tasks": self.tasks,
                         "faults": list(self.faults.values()),
                         "files": list(self.files.values()), "seq": self.seq})

    def load(self, st):
        st = from_state(st)
        self.devices = {d["id"]: d for d in st["devices"]}
        self.tasks = st["tasks"]
        self.faults = {f["_id"]: f for f in st["faults"]}
        self.files = {f["_id"]: f for f in st["files"]}
        self.seq = st.get("seq", 0)


S = State()
OPTS = None


def add_file(name, model, version, body_len=4096):
    kind, vid, pclass = dv.MODELS[model][:3]
    oui = dv.VENDORS[kind if kind != "tr181" else vid][1]
    S.files[name] = {"_id": name, "length": body_len, "chunkSize": 261120,
                     "uploadDate": now_date(), "filename": name,
                     "metadata": {"fileType": "1 Firmware Upgrade Image", "oui": oui,
                                  "productClass": pclass, "version": version}}


def generate(n, model=None, tag="gen", base=None):
    """n generated devices; returns their ids."""
    now = now_date()
    ids = []
    start = base if base is not None else len(S.devices)
    for i in range(start, start + n):
        m = model or GENERATED_MODELS[i % len(GENERATED_MODELS)]
        vid = dv.MODELS[m][1]
        h = zlib.crc32(("%d/%d" % (OPTS.seed, i)).encode()) & 0xFFFFFFFF
        serial = "%s%08X" % (vid, h)
        d = dv.new_device(m, serial, h, now, tags=[tag] if tag else [])
        S.add(d)
        ids.append(d["id"])
    return ids


def load_oltsim_dump(path):
    """One router per ONT of an oltsim `dump`, with its serial and level;
    an ONT that is not online has its router offline."""
    text = open(path).read().strip()
    if text.startswith("ok "):
        text = text[3:]
    st = json.loads(text)
    now = now_date()
    for olt in st.get("olts", []):
        for pon in olt.get("pons", []):
            for ont in pon.get("onts", []):
                sn = ont["sn"]
                d = dv.new_device(ont.get("model", ""), sn, zlib.crc32(sn.encode()), now,
                                  rx_dbm=ont.get("rx"), tags=["lab", olt.get("name", "olt")])
                d["online"] = ont.get("state") == "online"
                S.add(d)


# ---- tasks ------------------------------------------------------------------

def sanitize_task(t):
    """lib/api-functions.ts sanitizeTask(): ValueError with its message."""
    name = t.get("name")

    def pv_ok(p):
        return (isinstance(p, list) and len(p) >= 2 and isinstance(p[0], str) and p[0] and
                isinstance(p[1], (str, bool, int, float)) and (len(p) < 3 or p[2] is None or isinstance(p[2], str)))

    if name == "getParameterValues":
        if not isinstance(t.get("parameterNames"), list) or not t["parameterNames"]:
            raise ValueError("Missing 'parameterNames' property")
        for p in t["parameterNames"]:
            if not isinstance(p, str) or not p:
                raise ValueError("Invalid parameter name '%s'" % (p,))
    elif name == "setParameterValues":
        if not isinstance(t.get("parameterValues"), list) or not t["parameterValues"]:
            raise ValueError("Missing 'parameterValues' property")
        for p in t["parameterValues"]:
            if not pv_ok(p):
                raise ValueError("Invalid parameter value '%s'" % (p,))
    elif name == "refreshObject":
        if not isinstance(t.get("objectName"), str):
            raise ValueError("Missing 'objectName' property")
    elif name == "deleteObject":
        if not isinstance(t.get("objectName"), str) or not t["objectName"]:
            raise ValueError("Missing 'objectName' property")
    elif name == "addObject":
        if t.get("parameterValues") is not None:
            if not isinstance(t["parameterValues"], list) or not all(pv_ok(p) for p in t["parameterValues"]):
                raise ValueError("Invalid 'parameterValues' property")
    elif name == "download":
        if not t.get("file"):
            if not isinstance(t.get("fileType"), str) or not t["fileType"]:
                raise ValueError("Missing 'fileType' property")
            if not isinstance(t.get("fileName"), str) or not t["fileName"]:
                raise ValueError("Missing 'fileName' property")
    elif name in ("reboot", "factoryReset", "provisions"):
        pass
    else:
        raise ValueError("Invalid task name")


def insert_task(t, device_id):
    t["device"] = device_id
    t["timestamp"] = now_date()
    t["_id"] = S.object_id()
    S.tasks.append(t)


def apply_task(d, t, now):
    """Runs one task on device d (raises dv.Fault)."""
    name = t["name"]
    if name == "getParameterValues":
        for p in t["parameterNames"]:
            dv.refresh(d, p, now)
    elif name == "refreshObject":
        dv.refresh(d, t["objectName"], now)
    elif name == "setParameterValues":
        dv.set_values(d, t["parameterValues"], now)
    elif name == "addObject":
        i = dv.add_object(d, t["objectName"], now)
        if t.get("parameterValues"):
            base = t["objectName"].rstrip(".") + ".%d." % i
            dv.set_values(d, [[base + p[0]] + p[1:] for p in t["parameterValues"]], now)
    elif name == "deleteObject":
        dv.delete_object(d, t["objectName"], now)
    elif name == "reboot":
        dv.reboot(d, now)
    elif name == "factoryReset":
        dv.factory_reset(d, now)
    elif name == "download":
        f = S.files.get(t.get("file") or t.get("fileName"))
        if f is None:
            raise dv.Fault("9010", "Download failure: no such file on the ACS")
        meta = f.get("metadata", {})
        if meta.get("productClass") and meta["productClass"] != d["doc"]["_deviceId"]["_ProductClass"]:
            raise dv.Fault("9018", "File corrupted: image for %s" % meta["productClass"])
        version = meta.get("version") or d["software"]
        if S.download_delay_ms <= 0:
            dv.install(d, version, now)
        else:
            def later():
                with S.lock:
                    n2 = now_date()
                    dv.install(d, version, n2)
                    d["doc"]["_lastInform"] = n2
            tm = threading.Timer(S.download_delay_ms / 1000.0, later)
            tm.daemon = True
            tm.start()


def run_session(device_id):
    """The device informs: runs its queued tasks (under S.lock)."""
    d = S.devices.get(device_id)
    if d is None:
        return
    now = now_date()
    S.stats["sessions"] += 1
    d["online"] = True
    d["doc"]["_lastInform"] = now
    for t in [t for t in S.tasks if t.get("device") == device_id]:
        fid = "%s:task_%s" % (device_id, t["_id"])
        if fid in S.faults:
            continue
        try:
            if d["fault_next"]:
                code, message = d["fault_next"]
                d["fault_next"] = None
                raise dv.Fault(code, message)
            apply_task(d, t, now)
            S.tasks.remove(t)
            S.stats["tasks_done"] += 1
        except dv.Fault as f:
            S.stats["tasks_faulted"] += 1
            S.faults[fid] = {"_id": fid, "device": device_id, "channel": "task_" + t["_id"],
                             "timestamp": now, "code": "cwmp." + f.code, "message": f.message,
                             "detail": {"faultCode": f.code, "faultString": f.message},
                             "retries": 0, "provisions": "[]"}


def session_later(device_id, ms):
    tm = threading.Timer(ms / 1000.0, lambda: _locked_session(device_id))
    tm.daemon = True
    tm.start()


def _locked_session(device_id):
    with S.lock:
        if S.devices.get(device_id, {}).get("online"):
            run_session(device_id)


# ---- HTTP ---------------------------------------------------------------------

class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # Headers and body go out in two writes: without TCP_NODELAY the second
    # waits for the client's delayed ACK (~40 ms per keep-alive request).
    disable_nagle_algorithm = True
    server_version = "acsim"

    def log_message(self, fmt, *args):
        if OPTS.verbose:
            sys.stderr.write("acsim: " + (fmt % args) + "\n")

    def send(self, code, body=b"", reason=None, ctype=None, headers=None, head=False):
        if isinstance(body, str):
            body = body.encode()
        self.send_response(code, reason)
        self.send_header("GenieACS-Version", VERSION)
        if ctype:
            self.send_header("Content-Type", ctype)
        for k, v in (headers or {}).items():
            self.send_header(k, str(v))
        self.send_header("Content-Length", "0" if head else str(len(body)))
        self.end_headers()
        if not head and body:
            self.wfile.write(body)

    def body(self):
        n = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(n) if n > 0 else b""

    def do_GET(self):
        self.route("GET")

    def do_HEAD(self):
        self.route("HEAD")

    def do_POST(self):
        self.route("POST")

    def do_PUT(self):
        self.route("PUT")

    def do_DELETE(self):
        self.route("DELETE")

    def route(self, method):
        u = urllib.parse.urlsplit(self.path)
        path = u.path
        params = urllib.parse.parse_qs(u.query, keep_blank_values=True)
        body = self.body()
        try:
            if path.startswith("/_sim/"):
                return self.control(method, path[6:], params, body)
            S.stats["requests"] += 1
            if OPTS.user and not self.authorized():
                return self.send(401, "401 Unauthorized", headers={"WWW-Authenticate": 'Basic realm="GenieACS NBI"'})
            if S.delay_ms > 0:
                time.sleep(S.delay_ms / 1000.0)
            with S.lock:
                canned = S.next.pop(0) if S.next else None
                if canned is not None and canned.get("count", 1) > 1:
                    canned["count"] -= 1
                    S.next.insert(0, canned)
            if canned is not None:
                b = canned.get("body", "")
                if canned.get("size"):
                    b = ("[" + " " * (int(canned["size"]) - 2) + "]")
                return self.send(int(canned.get("status", 200)), b, reason=canned.get("reason") or None,
                                 ctype=canned.get("content_type", "application/json"))
            return self.nbi(method, path, params, body)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def authorized(self):
        h = self.headers.get("Authorization", "")
        if not h.startswith("Basic "):
            return False
        try:
            u, _, p = base64.b64decode(h[6:]).decode().partition(":")
        except (ValueError, UnicodeDecodeError):
            return False
        return u == OPTS.user and p == OPTS.password

    # -- the NBI --

    def nbi(self, method, path, params, body):
        m = _re(r"^/devices/([a-zA-Z0-9\-_%]+)/tasks/?$", path)
        if m:
            if method != "POST":
                return self.send(405, "405 Method Not Allowed", headers={"Allow": "POST"})
            return self.post_task(urllib.parse.unquote(m[0]), params, body)
        m = _re(r"^/tasks/([a-zA-Z0-9\-_%]+)(/[a-zA-Z_]*)?$", path)
        if m:
            return self.task_op(method, urllib.parse.unquote(m[0]), m[1])
        m = _re(r"^/devices/([a-zA-Z0-9\-_%]+)/tags/([a-zA-Z0-9\-_%]+)/?$", path)
        if m:
            return self.tag_op(method, urllib.parse.unquote(m[0]), urllib.parse.unquote(m[1]))
        m = _re(r"^/faults/([a-zA-Z0-9\-_%:]+)/?$", path)
        if m:
            if method != "DELETE":
                return self.send(405, "405 Method Not Allowed", headers={"Allow": "DELETE"})
            with S.lock:
                fid = urllib.parse.unquote(m[0])
                f = S.faults.pop(fid, None)
                if f is not None and f["channel"].startswith("task_"):
                    S.tasks[:] = [t for t in S.tasks if t["_id"] != f["channel"][5:]]
            return self.send(200)
        m = _re(r"^/files/([a-zA-Z0-9%!*'();:@&=+$,?#\[\]\-_.~]+)/?$", path)
        if m:
            return self.file_op(method, urllib.parse.unquote(m[0]), body)
        m = _re(r"^/devices/([a-zA-Z0-9\-_%]+)/?$", path)
        if m:
            if method != "DELETE":
                return self.send(405, "405 Method Not Allowed", headers={"Allow": "DELETE"})
            with S.lock:
                did = urllib.parse.unquote(m[0])
                S.devices.pop(did, None)
                S.tasks[:] = [t for t in S.tasks if t.get("device") != did]
                for k in [k for k in S.faults if k.startswith(did + ":")]:
                    del S.faults[k]
            return self.send(200)
        m = _re(r"^/([a-zA-Z0-9_]+)/?$", path)
        if m:
            return self.collection(method, m[0], params)
        return self.send(404, "404 Not Found")

    def collection(self, method, name, params):
        if method not in ("GET", "HEAD"):
            return self.send(405, "405 Method Not Allowed", headers={"Allow": "GET, HEAD"})
        if name not in ("devices", "tasks", "faults", "files", "presets", "objects",
                        "provisions", "virtual_parameters"):
            return self.send(404, "404 Not Found")
        q = {}
        if "query" in params:
            try:
                q = json.loads(params["query"][0])
            except ValueError as e:
                return self.send(400, "SyntaxError: %s" % e)
        try:
            if name == "devices":
                q = expand(q)
            elif name == "tasks":
                q = sanitize_types(q, {"timestamp": to_date, "retries": int})
            elif name == "faults":
                q = sanitize_types(q, {"timestamp": to_date, "retries": int})
            proj = None
            if "projection" in params:
                proj = optimize_projection([p.strip() for p in params["projection"][0].split(",")])
            with S.lock:
                items = {"devices": [d["doc"] for d in S.devices.values()], "tasks": S.tasks,
                         "faults": list(S.faults.values()),
                         "files": list(S.files.values())}.get(name, [])
                hits = [x for x in items if match(x, q)]
                if "sort" in params:
                    hits = _sort(hits, json.loads(params["sort"][0]), name == "devices")
                total = len(hits)
                if method == "HEAD":
                    return self.send(200, ctype="application/json", headers={"total": total}, head=True)
                skip = _int(params.get("skip", ["0"])[0])
                limit = _int(params.get("limit", ["0"])[0])
                hits = hits[skip:]
                if limit > 0:
                    hits = hits[:limit]
                text = "[\n" + ",\n".join(dumps(project(x, proj) if proj else x) for x in hits) + "\n]"
        except QueryError as e:
            return self.send(400, "Error: %s" % e)
        except ValueError as e:
            return self.send(400, "SyntaxError: %s" % e)
        return self.send(200, text, ctype="application/json", headers={"total": total})

    def post_task(self, device_id, params, body):
        conreq = "connection_request" in params
        task = None
        if body:
            try:
                task = json.loads(body.decode("utf-8"))
            except (ValueError, UnicodeDecodeError) as e:
                return self.send(400, "SyntaxError: %s" % e)
            if not isinstance(task, (dict, list)):
                return self.send(400, "TypeError: a task is a JSON object")
        if task is None and not conreq:
            return self.send(400)
        with S.lock:
            d = S.devices.get(device_id)
            if d is None:
                return self.send(404, "No such device")
            if isinstance(task, dict):
                try:
                    sanitize_task(task)
                except ValueError as e:
                    return self.send(400, "Error: %s" % e)
                insert_task(task, device_id)
            online, slow = d["online"], d["slow_ms"]
            if not conreq:
                return self.send(202, dumps(task), ctype="application/json")
            if task is None:
                if not online:
                    return self.send(504, "Device is offline", reason="Device is offline")
                if slow > 0:
                    session_later(device_id, slow)
                else:
                    run_session(device_id)
                return self.send(200)
            if not online:
                return self.send(202, dumps(task), reason="Device is offline", ctype="application/json")
        timeout = _int(params.get("timeout", ["4000"])[0], 4000)
        if slow > timeout:
            time.sleep(timeout / 1000.0)
            session_later(device_id, slow - timeout)
            return self.send(202, dumps(task), reason="Task queued but not processed", ctype="application/json")
        if slow > 0:
            time.sleep(slow / 1000.0)
        with S.lock:
            run_session(device_id)
            faulted = isinstance(task, dict) and ("%s:task_%s" % (device_id, task["_id"])) in S.faults
        if faulted:
            return self.send(202, dumps(task), reason="Task faulted", ctype="application/json")
        return self.send(200, dumps(task), ctype="application/json")

    def task_op(self, method, tid, action):
        with S.lock:
            t = next((t for t in S.tasks if t["_id"] == tid), None)
            if not action or action == "/":
                if method != "DELETE":
                    return self.send(405, "405 Method Not Allowed", headers={"Allow": "PUT DELETE"})
                if t is None:
                    return self.send(404, "Task not found")
                S.tasks.remove(t)
                S.faults.pop("%s:task_%s" % (t["device"], tid), None)
                return self.send(200)
            if action == "/retry":
                if method != "POST":
                    return self.send(405, "405 Method Not Allowed", headers={"Allow": "POST"})
                if t is None:
                    return self.send(404, "Task not found")
                S.faults.pop("%s:task_%s" % (t["device"], tid), None)
                return self.send(200)
        return self.send(404)

    def tag_op(self, method, did, tag):
        if method not in ("POST", "DELETE"):
            return self.send(405, "405 Method Not Allowed", headers={"Allow": "POST, DELETE"})
        with S.lock:
            d = S.devices.get(did)
            if d is None:
                return self.send(404, "No such device")
            tags = d["doc"].setdefault("_tags", [])
            if method == "POST" and tag not in tags:
                tags.append(tag)
            elif method == "DELETE" and tag in tags:
                tags.remove(tag)
        return self.send(200)

    def file_op(self, method, name, body):
        with S.lock:
            if method == "PUT":
                S.files[name] = {"_id": name, "length": len(body), "chunkSize": 261120,
                                 "uploadDate": now_date(), "filename": name,
                                 "metadata": {"fileType": self.headers.get("fileType"),
                                              "oui": self.headers.get("oui"),
                                              "productClass": self.headers.get("productClass"),
                                              "version": self.headers.get("version")}}
                return self.send(201)
            if method == "DELETE":
                if S.files.pop(name, None) is None:
                    return self.send(404, "404 Not Found")
                return self.send(200)
        return self.send(405, "405 Method Not Allowed", headers={"Allow": "PUT, DELETE"})

    # -- control --

    def control(self, method, rest, params, body):
        verb, _, arg = rest.partition("/")
        did = urllib.parse.unquote(arg)
        p = {k: v[0] for k, v in params.items()}
        with S.lock:
            d = S.devices.get(did)
            if verb in ("offline", "online", "inform", "slow", "fault", "set", "unset", "device") and d is None:
                return self.send(404, "No such device")
            if verb == "offline":
                d["online"] = False
            elif verb in ("online", "inform"):
                run_session(did)
            elif verb == "slow":
                d["slow_ms"] = _int(p.get("ms", "0"))
            elif verb == "fault":
                d["fault_next"] = [p.get("code", "9002"), p.get("message", "Internal error")]
            elif verb == "set":
                now = now_date()
                for pv in json.loads(body):
                    dv.raw_set(d, pv[0], pv[1], pv[2] if len(pv) > 2 else None, now)
            elif verb == "unset":
                if not dv.raw_delete(d, p.get("path", "")):
                    return self.send(404, "No such parameter")
            elif verb == "add" and p.get("serial"):
                d = dv.new_device(p.get("model", ""), p["serial"], zlib.crc32(p["serial"].encode()) + 1,
                                  now_date(), tags=[p.get("tag", "gen")])
                S.add(d)
                return self.send(200, json.dumps({"ids": [d["id"]]}), ctype="application/json")
            elif verb == "add":
                ids = generate(_int(p.get("n", "1")), p.get("model"), p.get("tag", "gen"))
                return self.send(200, json.dumps({"ids": ids}), ctype="application/json")
            elif verb == "delay":
                S.delay_ms = _int(p.get("ms", "0"))
            elif verb == "download-delay":
                S.download_delay_ms = _int(p.get("ms", "0"))
            elif verb == "next":
                S.next.append(json.loads(body))
            elif verb == "device":
                out = {"id": did, "online": d["online"], "software": d["software"],
                       "secrets": d["secrets"], "slow_ms": d["slow_ms"], "doc": d["doc"]}
                return self.send(200, dumps(out), ctype="application/json")
            elif verb == "lookup":
                sn = p.get("serial", "").upper()
                ids = [k for k, v in S.devices.items() if sn in (v["serial"].upper(), v["reported"].upper())]
                if not ids:
                    return self.send(404, "No such device")
                return self.send(200, json.dumps({"id": ids[0]}), ctype="application/json")
            elif verb == "stats":
                out = dict(S.stats, devices=len(S.devices), tasks=len(S.tasks), faults=len(S.faults))
                return self.send(200, json.dumps(out), ctype="application/json")
            elif verb == "state":
                return self.send(200, json.dumps(S.dump()), ctype="application/json")
            elif verb == "save":
                if not OPTS.state:
                    return self.send(400, "no --state file")
                save_state()
            else:
                return self.send(404, "unknown control verb")
        return self.send(200, "ok\n")


def _re(pattern, s):
    import re
    m = re.match(pattern, s)
    return list(m.groups()) if m else None


def _int(s, default=0):
    """parseInt() for the skip/limit/timeout parameters."""
    try:
        return int(str(s).strip())
    except ValueError:
        return default


def _sort(items, spec, devices):
    keys = []
    for k, v in spec.items():
        if devices and not k[k.rfind(".") + 1:].startswith("_"):
            k += "._value"
        keys.append((k, v))
    for k, v in reversed(keys):
        def key(x, k=k):
            val = get_path(x, k)
            if val is MISSING or val is None:
                return (0, 0)
            if isinstance(val, Date):
                return (9, val.ms)
            if isinstance(val, bool):
                return (8, val)
            if isinstance(val, (int, float)):
                return (1, val)
            return (2, str(val))
        items = sorted(items, key=key, reverse=v == -1)
    return items


def save_state():
    tmp = OPTS.state + ".tmp"
    with open(tmp, "w") as f:
        json.dump(S.dump(), f)
    os.replace(tmp, OPTS.state)


def main():
    global OPTS
    ap = argparse.ArgumentParser(description="GenieACS NBI stand-in for tests")
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--port-file")
    ap.add_argument("--user")
    ap.add_argument("--password-file")
    ap.add_argument("--devices", type=int, default=0, help="generated devices besides the named ones")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--no-defaults", action="store_true", help="without the named devices")
    ap.add_argument("--oltsim-dump", help="one router per ONT of an `oltsim ctl dump`")
    ap.add_argument("--state", help="load from (when it exists) and save to this file")
    ap.add_argument("--download-delay", type=int, default=0, help="ms before a downloaded image is installed")
    ap.add_argument("--tls-cert", help="serve https with this PEM certificate (chain)")
    ap.add_argument("--tls-key", help="the certificate's PEM key")
    ap.add_argument("--verbose", action="store_true")
    OPTS = ap.parse_args()
    OPTS.password = None
    if OPTS.user:
        if not OPTS.password_file:
            ap.error("--user needs --password-file")
        OPTS.password = open(OPTS.password_file).read().rstrip("\n")
    S.download_delay_ms = OPTS.download_delay
    if OPTS.state and os.path.exists(OPTS.state) and os.path.getsize(OPTS.state) > 0:
        with open(OPTS.state) as f:
            S.load(json.load(f))
    else:
        now = now_date()
        if not OPTS.no_defaults:
            for sn, model in NAMED:
                S.add(dv.new_device(model, sn, zlib.crc32(sn.encode()), now))
        if OPTS.oltsim_dump:
            load_oltsim_dump(OPTS.oltsim_dump)
        if OPTS.devices > 0:
            generate(OPTS.devices, base=0)
        for model, version in FIRMWARE.items():
            add_file("%s-%s.bin" % (dv.MODELS[model][2], version), model, version)

    srv = ThreadingHTTPServer(("127.0.0.1", OPTS.port), Handler)
    srv.daemon_threads = True
    scheme = "http"
    if OPTS.tls_cert:
        # The NBI behind TLS, as a reverse proxy in front of GenieACS
        # would serve it.
        import ssl
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(OPTS.tls_cert, OPTS.tls_key)
        srv.socket = ctx.wrap_socket(srv.socket, server_side=True)
        scheme = "https"
    port = srv.server_address[1]
    if OPTS.port_file:
        tmp = OPTS.port_file + ".tmp"
        with open(tmp, "w") as f:
            f.write("%d\n" % port)
        os.replace(tmp, OPTS.port_file)

    def stop(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)
    print("acsim listening on %s://127.0.0.1:%d devices=%d" % (scheme, port, len(S.devices)), flush=True)
    try:
        srv.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        pass
    finally:
        if OPTS.state:
            with S.lock:
                save_state()
        srv.server_close()


if __name__ == "__main__":
    main()
