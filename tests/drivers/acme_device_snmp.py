"""acme_device_snmp.py - the SNMP v2c agent of the fake Acme Photon P8 OLT
(acme_device.py): a minimal BER codec, the MIB built from the OLT's state on
every request (system group, acmeOnuTable, acmeCardTable under the
documentation enterprise 1.3.6.1.4.1.32473.8), and GET / GETNEXT / GETBULK.
A request with another community or version gets no answer, as on a real
agent.  tests/drivers/acme_snmp.c is the driver's side of the same MIB.
"""
import math

ENTERPRISE = (1, 3, 6, 1, 4, 1, 32473, 8)
ONU_TABLE = ENTERPRISE + (1, 1, 1)      # .<col>.<port index>.<onu id>
CARD_TABLE = ENTERPRISE + (2, 1, 1)     # .<col>.<rack>.<slot>
SYSTEM = (1, 3, 6, 1, 2, 1, 1)
STATE_CODES = {"up": 1, "down": 2, "los": 3, "power-off": 4, "ranging": 5, "auth-fail": 6}


# ----------------------------------------------------------------- SNMP ----

def ber_len(n):
    """A BER length."""
    if n < 0x80:
        return bytes([n])
    b = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([0x80 | len(b)]) + b


def tlv(tag, body):
    """A BER tag-length-value."""
    return bytes([tag]) + ber_len(len(body)) + body


def ber_int(v, tag=0x02):
    """An INTEGER (or another signed tag), minimal two's complement."""
    n = 1
    while not -(1 << (8 * n - 1)) <= v < (1 << (8 * n - 1)):
        n += 1
    return tlv(tag, v.to_bytes(n, "big", signed=True))


def ber_uint(v, tag):
    """An unsigned application type (Gauge32, TimeTicks)."""
    return tlv(tag, v.to_bytes(max(1, (v.bit_length() + 8) // 8), "big"))


def ber_oid(oid):
    """An OBJECT IDENTIFIER."""
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
    """The (tag, body) of every TLV in a constructed body."""
    out, pos = [], 0
    while pos < len(body):
        tag, val, pos = ber_read(body, pos)
        out.append((tag, val))
    return out


def oid_of(body):
    """The sub-identifiers of an OID body."""
    first = body[0]
    oid, sub = [first // 40, first % 40], 0
    for b in body[1:]:
        sub = (sub << 7) | (b & 0x7f)
        if not b & 0x80:
            oid.append(sub)
            sub = 0
    return tuple(oid)


def encode_value(v):
    """A MIB value as BER."""
    kind, x = v
    if kind == "int":
        return ber_int(x)
    if kind == "gauge":
        return ber_uint(x, 0x42)
    if kind == "ticks":
        return ber_uint(x, 0x43)
    return tlv(0x04, x if isinstance(x, bytes) else x.encode())


def port_index(port):
    """The port index of "rack/slot/pon": rack * 10000 + slot * 100 + pon."""
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
        """The first object after oid, or endOfMibView."""
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


def serve_snmp(dev, sock, community):
    """Answers requests on the UDP socket forever."""
    while True:
        data, peer = sock.recvfrom(65535)
        ans = snmp_answer(dev, community, data)
        if ans is not None:
            sock.sendto(ans, peer)
