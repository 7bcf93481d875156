#!/usr/bin/env python3
"""Builds the fuzz targets' starting corpora into build/fuzz-corpus/TARGET/.

Each target's input format is described at the top of its file
(tests/fuzz/fuzz_TARGET.c).  A corpus is made of:
  - the curated seeds committed in tests/fuzz/seeds/TARGET/ (small,
    hand-made inputs: a login dialogue, an INI file, a batch file...);
  - inputs made here from the reference captures: the parser fixtures
    (tests/fixtures/VENDOR/*.txt, byte-exact copies of the verbatim
    captures), the code blocks of the reference documents
    ($OLTUI_REFERENCE, default ../shared/reference when it exists:
    huawei-cli.md, zte-cli.md), the command templates
    (drivers/templates/), each wrapped in the target's framing.
Corpora are not committed (they grow as libFuzzer adds what it finds).

  scripts/fuzz-corpus.py [TARGET...]      (default: every target)
"""
import hashlib
import os
import re
import sys

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(TOP, "build", "fuzz-corpus")
# The registry is sorted by name; the fuzz binaries link the test-only acme.
DRIVERS = ["acme", "huawei", "zte"]
PROMPT = b"\r\nOLT#"


def put(target, data):
    d = os.path.join(OUT, target)
    os.makedirs(d, exist_ok=True)
    name = hashlib.sha1(data).hexdigest()
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)


def fixtures(vendor):
    d = os.path.join(TOP, "tests", "fixtures", vendor)
    if not os.path.isdir(d):
        return []
    out = []
    for f in sorted(os.listdir(d)):
        with open(os.path.join(d, f), "rb") as fh:
            out.append((f, fh.read()))
    return out


def reference_blocks(vendor):
    """The fenced code blocks of the reference document of a vendor."""
    ref = os.environ.get("OLTUI_REFERENCE",
                         os.path.join(TOP, "..", "shared", "reference"))
    path = os.path.join(ref, vendor + "-cli.md")
    if not os.path.isfile(path):
        return []
    with open(path, "rb") as f:
        text = f.read()
    return [m.group(1) for m in re.finditer(rb"```[^\n]*\n(.*?)```", text, re.S)
            if len(m.group(1)) < 16384]


def captures(vendor):
    return [data for _, data in fixtures(vendor)] + reference_blocks(vendor)


def parse():
    for v in DRIVERS:
        for data in captures(v):
            for k in range(8):
                put("parse", bytes([DRIVERS.index(v), k]) + data)


def cli():
    ops = bytes([0, 0x08, 0x10, 2, 3, 5, 1, 6, 7])
    for v in DRIVERS:
        i = DRIVERS.index(v)
        ssh = [b"\r\nWelcome\r\nOLT>"] + [PROMPT] * 8
        telnet = [b"\r\nUsername:", b"fuzzuser\r\nPassword:", b"\r\nOLT#"] + [PROMPT] * 8
        for data in captures(v)[:12]:
            body = data + PROMPT
            put("cli", bytes([i, 0, 0, len(ops)]) + ops + b"\0".join(ssh + [body]))
            put("cli", bytes([i, 7, 16, len(ops)]) + ops + b"\0".join(telnet + [body]))


def undo():
    wanted = {
        "huawei": ["display_ont_info_0_1_2_3", "display_ont_info_by-sn", "display_service-port",
                   "display_current-configuration"],
        "zte": ["show_gpon_onu_detail-info", "show_onu_running_config"],
        "acme": ["show_onu_1_1_1_2", "show_service-flow"],
    }
    for v in DRIVERS:
        parts = [data + PROMPT for name, data in fixtures(v)
                 if any(name.startswith(w) for w in wanted[v])]
        for where in range(4):
            put("undo", bytes([DRIVERS.index(v), where, 0]) + b"\0".join(parts))


def template():
    d = os.path.join(TOP, "drivers", "templates")
    vars_ = [b"fs=0/1", b"pon=0", b"port=0/1/0", b"ont_id=5", b"sn=HWTC6B886FA5",
             b"vlan=100", b"user_vlan=100", b"gemport=1", b"wan_mode=pppoe",
             b"pppoe_user=joe", b"desc=Rua das Flores 12", b"lp_id=10", b"sp_id=10",
             b"name=C1001", b"sp_index=1000"]
    for v in ("huawei", "zte"):
        vd = os.path.join(d, v)
        if not os.path.isdir(vd):
            continue
        for f in sorted(os.listdir(vd)):
            if not f.endswith(".tpl"):
                continue
            with open(os.path.join(vd, f), "rb") as fh:
                text = fh.read()
            put("template", bytes([DRIVERS.index(v), 0, len(vars_)]) +
                b"\0".join(vars_) + b"\0" + text)
    put("template", bytes([1, 1]) + b'{"version":1,"title":"t","action":"disable",'
        b'"olt":"o","ont_sn":"","contract":"","steps":[{"exec":"cli","mode":"interface",'
        b'"mode_arg":"0/1","command":"ont deactivate 0 5","secret":false,"confirm":false,'
        b'"undo":"ont activate 0 5","undo_mode":"interface","undo_mode_arg":"0/1",'
        b'"undo_confirm":false}],"verify":true,"places":[]}')


def diff():
    for v in DRIVERS:
        fx = fixtures(v)
        for (_, a), (_, b) in zip(fx, fx[1:]):
            put("diff", bytes([3]) + a + b"\0" + b)
            lines = a.split(b"\n")
            put("diff", bytes([1]) + a + b"\0" + b"\n".join(lines[:len(lines) // 2] +
                                                            [b"changed"] + lines[len(lines) // 2:]))


def acs():
    d = os.path.join(TOP, "tests", "fixtures", "acs")
    if not os.path.isdir(d):
        return
    for f in sorted(os.listdir(d)):
        with open(os.path.join(d, f), "rb") as fh:
            doc = fh.read()
        put("acs", b"\0" + doc)
        # A search that finds it (status 200, total 1), then every call.
        found = bytes([0, 2]) + b"[" + doc + b"]"
        tasks = [bytes([0, 0]) + b'{"_id":"64f1a2b3c4d5e6f708192a3b"}',
                 bytes([2, 0]) + b'{"_id":"64f1a2b3c4d5e6f708192a3b"}',
                 bytes([0, 0]) + b'[{"_id":"64f1a2b3c4d5e6f708192a3b","fault":{"code":"cwmp.9002"}}]',
                 bytes([0, 0]) + b"[]",
                 bytes([0, 0]) + b'[{"_id":"fw.bin","metadata":{"fileType":"1 Firmware Upgrade Image",'
                 b'"oui":"00E0FC","productClass":"EG8145V5","version":"V5R020"},"length":123}]']
        put("acs", bytes([1, 0x3f]) + b"\0".join([found, found] + tasks))
        put("acs", bytes([1, 0x01]) + found)
        put("acs", bytes([1, 0x04]) + b"\0".join([bytes([0x80]) + b"HTTP/1.1 202 Accepted\r\n"
                                                     b"Content-Length: 2\r\n\r\n{}"] + tasks))


def seeds(target):
    d = os.path.join(TOP, "tests", "fuzz", "seeds", target)
    if os.path.isdir(d):
        for f in sorted(os.listdir(d)):
            with open(os.path.join(d, f), "rb") as fh:
                put(target, fh.read())


MAKERS = {"acs": acs, "parse": parse, "cli": cli, "undo": undo, "template": template, "diff": diff}


def main():
    src = os.path.join(TOP, "tests", "fuzz")
    targets = sys.argv[1:] or sorted(f[5:-2] for f in os.listdir(src)
                                     if f.startswith("fuzz_") and f.endswith(".c"))
    for t in targets:
        os.makedirs(os.path.join(OUT, t), exist_ok=True)
        seeds(t)
        if t in MAKERS:
            MAKERS[t]()
        print("%s: %d inputs" % (t, len(os.listdir(os.path.join(OUT, t)))))


if __name__ == "__main__":
    main()
