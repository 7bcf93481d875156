"""acsim_devices.py -- the routers (CPEs) of the GenieACS NBI stand-in.

A device is a GenieACS device document (the shape lib/cwmp/db.ts stores:
"_id", "_deviceId", "_lastInform", "_lastBoot", "_registered", "_tags",
and the parameter tree where each object node has "_object": true,
"_writable", "_timestamp" and each leaf "_value", "_type", "_writable",
"_timestamp", "_object": false) plus what only the device knows: whether
it is online, how slowly it answers, its boot time and the secrets it
never reads back.

Data models and vendor quirks, from shared/reference/genieacs-nbi.md 4.2:
  * Huawei (HG8245H, EG8145V5, EG8145X6-10): TR-098 "InternetGatewayDevice.",
    serial reported in hex ("48575443" + 8 hex digits), WLANConfiguration
    instances non-sequential (1,3 on the 2.4 GHz-only HG8245H; 1,2,5,6 on
    the dual-band ones -- RECONSTRUCTED: the reference says only "discover
    first"), the WPA passphrase at PreSharedKey.1.KeyPassphrase, the WAN
    VLAN at WANConnectionDevice.{i}.X_HW_VLANMuxID, CPU at
    DeviceInfo.X_HW_CpuUsed (RECONSTRUCTED), no optical parameters.
  * ZTE (F660, F670L, F601): TR-098, serial as printed ("ZTEG..."), 2.4 GHz
    at WLANConfiguration.1 and 5 GHz at .5, the passphrase directly at
    WLANConfiguration.{i}.KeyPassphrase, the VLAN at
    WANPPPConnection.{j}.X_ZTE-COM_VLANID (as public provisioning scripts
    write it), optics at WANDevice.1.X_ZTE-COM_GponInterfaceConfig: the
    F660 and F601 report RxPower/TxPower as dBm text ("-19.52"), the F670L
    as raw units of 0.1 uW (RECONSTRUCTED: both forms are seen in public
    GenieACS tooling, which converts values > 10 with 10*log10(v/10000)).
    The F601 is a bridge with no WiFi.
  * TR-181 "Device." (G-240W-C, AN5506-04-F1): WiFi.Radio/SSID/AccessPoint
    linked by LowerLayers and SSIDReference (SSID and AccessPoint
    instances 1 and 5), PPP.Interface over Ethernet.VLANTermination,
    DHCPv4.Client for the management WAN, Optical.Interface.1.
    OpticalSignalLevel in dBm/1000 (the Broadband Forum unit, as
    Broadcom's CMS converts it).

Passwords and WPA keys read back as "" (TR-069: "When read, this
parameter returns an empty string"): a refresh writes "" into the
document, while GenieACS itself records the value it has just set (lib/
session.ts, SetParameterValuesResponse), so right after a set the document
shows it until the next refresh.
"""

import re

from acsim_query import Date

S, U, I, B = "xsd:string", "xsd:unsignedInt", "xsd:int", "xsd:boolean"

# model: (vendor kind, vendor id, product class, hardware, software, WLAN
# instances).  The names, hardware and software versions are oltsim's
# (tests/lab/fleet.c sim_models), so a lab ONT and its router agree.
MODELS = {
    "EG8145V5": ("huawei", "HWTC", "EG8145V5", "159D.A", "V5R020C10S213", (1, 2, 5, 6)),
    "HG8245H": ("huawei", "HWTC", "HG8245H", "10C7.A", "V3R017C10S115", (1, 3)),
    "EG8145X6-10": ("huawei", "HWTC", "EG8145X6-10", "1234A.D", "V5R021C00S120", (1, 2, 5, 6)),
    "ZTE-F660": ("zte", "ZTEG", "F660", "V6.0", "V6.0.10P2N8", (1, 5)),
    "ZTE-F601": ("zte", "ZTEG", "F601", "V1.1", "V6.0.1P1T2", ()),
    "ZTE-F670L": ("zte", "ZTEG", "F670L", "V1.0", "V1.1.20P1N4", (1, 5)),
    "G-240W-C": ("tr181", "ALCL", "G-240W-C", "3FE46606AA", "3FE49362IJHK46", (1, 5)),
    "AN5506-04-F1": ("tr181", "FHTT", "AN5506-04-F1", "WKE2.134.285F1G", "RP2631", (1, 5)),
}

VENDORS = {
    "huawei": ("Huawei Technologies Co., Ltd", "00E0FC"),
    "zte": ("ZTE", "CC7B35"),
    "ALCL": ("Nokia", "A4F33B"),
    "FHTT": ("FiberHome", "0C4C39"),
}

# The model a generated device or an oltsim ONT of unknown model gets.
DEFAULT_MODEL = {"HWTC": "EG8145V5", "ZTEG": "ZTE-F660", "ALCL": "G-240W-C", "FHTT": "AN5506-04-F1"}

_HIDDEN = re.compile(r"(\.KeyPassphrase|\.PreSharedKey\.\d+\.PreSharedKey|\.Password"
                     r"|\.ConnectionRequestPassword)$")


def hidden(path):
    """Whether the device reads this parameter back as ""."""
    return _HIDDEN.search(path) is not None


def esc(s):
    """lib/util.ts generateDeviceId()'s escaping: all but [A-Za-z0-9_]."""
    return "".join(c if re.match(r"[A-Za-z0-9_]", c) else
                   "".join("%%%02X" % b for b in c.encode()) for c in s)


def sn_hex(sn):
    """"HWTC1A2B3C4D" -> "485754431A2B3C4D"."""
    return "".join("%02X" % ord(c) for c in sn[:4]) + sn[4:]


class Rng:
    """xorshift32, as oltsim's fleet uses; deterministic per device."""

    def __init__(self, seed):
        self.x = (seed * 2654435761 + 0x9E3779B9) & 0xFFFFFFFF or 1

    def next(self):
        x = self.x
        x ^= (x << 13) & 0xFFFFFFFF
        x ^= x >> 17
        x ^= (x << 5) & 0xFFFFFFFF
        self.x = x
        return x

    def range(self, lo, hi):
        return lo + self.next() % (hi - lo + 1)


def _device_info(a, d, manu, oui, pclass, hw):
    """DeviceInfo's identity, the same in both data models."""
    a("DeviceInfo.Manufacturer", manu)
    a("DeviceInfo.ManufacturerOUI", oui)
    a("DeviceInfo.ModelName", pclass)
    a("DeviceInfo.ProductClass", pclass)
    a("DeviceInfo.SerialNumber", d["reported"])
    a("DeviceInfo.HardwareVersion", hw)
    a("DeviceInfo.SoftwareVersion", d["software"])
    a("DeviceInfo.UpTime", 0, U)


def _management(a, r):
    """ManagementServer, the same in both data models."""
    a("ManagementServer.URL", "http://acs.lab:7547/", S, True)
    a("ManagementServer.PeriodicInformEnable", True, B, True)
    a("ManagementServer.PeriodicInformInterval", 3600, U, True)
    a("ManagementServer.ConnectionRequestURL", "http://10.46.%d.%d:7547/" % (r.range(0, 255), r.range(1, 254)))
    a("ManagementServer.ConnectionRequestUsername", "acs", S, True)
    a("ManagementServer.ConnectionRequestPassword", "", S, True)


def _params_tr098(d, r, configured):
    """The flat parameter list of a TR-098 router: (path, value, type, writable)."""
    kind, vid, pclass, hw, sw, wlans = MODELS[d["model"]]
    manu, oui = VENDORS[kind]
    L = []

    def a(path, val, typ=S, w=False):
        L.append(("InternetGatewayDevice." + path, val, typ, w))

    hw_ = kind == "huawei"
    tail = d["serial"][-4:]
    _device_info(a, d, manu, oui, pclass, hw)
    a("DeviceInfo.ProvisioningCode", "", S, True)
    if hw_:
        a("DeviceInfo.X_HW_CpuUsed", r.range(3, 40), U)
        a("DeviceInfo.MemoryStatus.Total", 262144, U)
        a("DeviceInfo.MemoryStatus.Free", r.range(60000, 180000), U)
    _management(a, r)

    vlan = d["vlan"]
    wcd = "WANDevice.1.WANConnectionDevice."
    ppp = wcd + "1.WANPPPConnection.1."
    if hw_:
        a(wcd + "1.X_HW_VLANMuxID", vlan, U, True)
        a(wcd + "2.X_HW_VLANMuxID", 46, U, True)
    a(ppp + "Enable", configured, B, True)
    a(ppp + "Name", "2_INTERNET_R_VID_%d" % vlan if hw_ else "INTERNET", S, True)
    a(ppp + "ConnectionType", "IP_Routed", S, True)
    a(ppp + "ConnectionStatus", "Connected" if configured else "Unconfigured")
    a(ppp + "Username", d["pppoe_user"] if configured else "", S, True)
    a(ppp + "Password", "", S, True)
    a(ppp + "ExternalIPAddress", d["wan_ip"] if configured else "")
    a(ppp + "RemoteIPAddress", "100.64.0.1" if configured else "")
    a(ppp + "DNSServers", "1.1.1.1,8.8.8.8" if configured else "")
    a(ppp + "NATEnabled", True, B, True)
    if not hw_:
        a(ppp + "X_ZTE-COM_VLANID", vlan, U, True)
        a(ppp + "X_ZTE-COM_ServiceList", "INTERNET", S, True)
    ip = wcd + "2.WANIPConnection.1."
    a(ip + "Enable", True, B, True)
    a(ip + "Name", "1_TR069_R_VID_46" if hw_ else "TR069", S, True)
    a(ip + "ConnectionStatus", "Connected")
    a(ip + "AddressingType", "DHCP", S, True)
    a(ip + "ExternalIPAddress", "10.46.%d.%d" % (r.range(0, 255), r.range(1, 254)))
    a(ip + "SubnetMask", "255.255.0.0")
    a(ip + "DefaultGateway", "10.46.0.1")
    a(ip + "DNSServers", "10.46.0.2")
    if not hw_:
        a(ip + "X_ZTE-COM_VLANID", 46, U, True)
        a(ip + "X_ZTE-COM_ServiceList", "TR069", S, True)
        g = "WANDevice.1.X_ZTE-COM_GponInterfaceConfig."
        rx = d["rx_dbm"]
        if d["model"] == "ZTE-F670L":
            a(g + "RxPower", int(round(10000 * 10 ** (rx / 10.0))), U)
            a(g + "TxPower", int(round(10000 * 10 ** (2.31 / 10.0))), U)
        else:
            a(g + "RxPower", "%.2f" % rx)
            a(g + "TxPower", "2.31")
        a(g + "Temperature", "47")

    lan = "LANDevice.1."
    lh = lan + "LANHostConfigManagement."
    net = "192.168.100." if hw_ else "192.168.1."
    a(lh + "DHCPServerEnable", True, B, True)
    a(lh + "MinAddress", net + ("2" if hw_ else "33"), S, True)
    a(lh + "MaxAddress", net + "254", S, True)
    a(lh + "SubnetMask", "255.255.255.0", S, True)
    a(lh + "DNSServers", net + "1", S, True)
    a(lh + "IPRouters", net + "1", S, True)
    a(lh + "IPInterface.1.Enable", True, B, True)
    a(lh + "IPInterface.1.IPInterfaceIPAddress", net + "1", S, True)
    a(lh + "IPInterface.1.IPInterfaceSubnetMask", "255.255.255.0", S, True)
    for p in range(1, 5):
        e = lan + "LANEthernetInterfaceConfig.%d." % p
        up = p <= d["eth_up"]
        a(e + "Enable", True, B, True)
        a(e + "Status", "Up" if up else "NoLink")
        a(e + "MaxBitRate", "Auto", S, True)
        a(e + "DuplexMode", "Auto", S, True)
    for n, i in enumerate(wlans):
        w = lan + "WLANConfiguration.%d." % i
        five = i >= 5
        main = n == 0 or (five and i == 5)
        a(w + "Enable", main, B, True)
        name = ("HUAWEI-" if hw_ else "ZTE-") + tail
        if not main:
            name += "-guest"
        a(w + "SSID", name + ("-5G" if five else ""), S, True)
        a(w + "Channel", (36 + 4 * r.range(0, 3)) if five else r.range(1, 11), U, True)
        a(w + "AutoChannelEnable", False, B, True)
        a(w + "Standard", ("a,n,ac" if five else "b,g,n") if hw_ else ("ac" if five else "n"), S, True)
        if hw_:
            a(w + "OperatingFrequencyBand", "5GHz" if five else "2.4GHz")
        a(w + "BeaconType", "11i" if hw_ else "WPAand11i", S, True)
        a(w + "IEEE11iEncryptionModes", "AESEncryption", S, True)
        a(w + "IEEE11iAuthenticationMode", "PSKAuthentication", S, True)
        a(w + "SSIDAdvertisementEnabled", True, B, True)
        a(w + "TotalAssociations", r.range(0, 6) if main else 0, U)
        if hw_:
            a(w + "PreSharedKey.1.KeyPassphrase", "", S, True)
            a(w + "PreSharedKey.1.PreSharedKey", "", S, True)
        else:
            a(w + "KeyPassphrase", "", S, True)
    _hosts(a, lan + "Hosts.", d, net, False)
    return L


def _hosts(a, base, d, net, tr181):
    """The LAN hosts table (TR-098 MACAddress, TR-181 PhysAddress)."""
    a(base + "HostNumberOfEntries", d["hosts"], U)
    for h in range(1, d["hosts"] + 1):
        p = base + "Host.%d." % h
        a(p + ("PhysAddress" if tr181 else "MACAddress"), "a8:5e:45:%02x:%02x:%02x" % (d["seed"] & 0xFF, (d["seed"] >> 8) & 0xFF, h))
        a(p + "IPAddress", net + str(100 + h))
        a(p + "HostName", ("phone-%d" % h) if h % 2 else ("laptop-%d" % h))
        a(p + "Active", h % 4 != 0, B)
        if not tr181:
            a(p + "InterfaceType", "802.11" if h % 2 else "Ethernet")


def _params_tr181(d, r, configured):
    """The flat parameter list of a TR-181 router."""
    kind, vid, pclass, hw, sw, wlans = MODELS[d["model"]]
    manu, oui = VENDORS[vid]
    L = []

    def a(path, val, typ=S, w=False):
        L.append(("Device." + path, val, typ, w))

    _device_info(a, d, manu, oui, pclass, hw)
    a("DeviceInfo.ProcessStatus.CPUUsage", r.range(2, 30), U)
    a("DeviceInfo.MemoryStatus.Total", 524288, U)
    a("DeviceInfo.MemoryStatus.Free", r.range(100000, 300000), U)
    _management(a, r)
    a("Ethernet.VLANTermination.1.Enable", True, B, True)
    a("Ethernet.VLANTermination.1.VLANID", d["vlan"], U, True)
    a("Ethernet.VLANTermination.2.Enable", True, B, True)
    a("Ethernet.VLANTermination.2.VLANID", 46, U, True)
    p = "PPP.Interface.1."
    a(p + "Enable", configured, B, True)
    a(p + "Status", "Up" if configured else "Down")
    a(p + "ConnectionStatus", "Connected" if configured else "Unconfigured")
    a(p + "Username", d["pppoe_user"] if configured else "", S, True)
    a(p + "Password", "", S, True)
    a(p + "LowerLayers", "Device.Ethernet.VLANTermination.1", S, True)
    a(p + "IPCP.LocalIPAddress", d["wan_ip"] if configured else "")
    a(p + "IPCP.RemoteIPAddress", "100.64.0.1" if configured else "")
    a(p + "IPCP.DNSServers", "1.1.1.1,8.8.8.8" if configured else "")
    a("IP.Interface.1.Enable", True, B, True)
    a("IP.Interface.1.Status", "Up")
    a("IP.Interface.1.LowerLayers", "Device.PPP.Interface.1", S, True)
    a("IP.Interface.1.IPv4Address.1.IPAddress", d["wan_ip"] if configured else "")
    a("IP.Interface.2.Enable", True, B, True)
    a("IP.Interface.2.Status", "Up")
    a("IP.Interface.2.LowerLayers", "Device.Ethernet.VLANTermination.2", S, True)
    mgmt_ip = "10.46.%d.%d" % (r.range(0, 255), r.range(1, 254))
    a("IP.Interface.2.IPv4Address.1.IPAddress", mgmt_ip)
    a("IP.Interface.3.Enable", True, B, True)
    a("IP.Interface.3.Status", "Up")
    a("IP.Interface.3.LowerLayers", "Device.Bridging.Bridge.1.Port.1", S, True)
    a("IP.Interface.3.IPv4Address.1.IPAddress", "192.168.1.254", S, True)
    a("IP.Interface.3.IPv4Address.1.SubnetMask", "255.255.255.0", S, True)
    c = "DHCPv4.Client.1."
    a(c + "Enable", True, B, True)
    a(c + "Interface", "Device.IP.Interface.2", S, True)
    a(c + "Status", "Enabled")
    a(c + "IPAddress", mgmt_ip)
    a(c + "SubnetMask", "255.255.0.0")
    a(c + "IPRouters", "10.46.0.1")
    a(c + "DNSServers", "10.46.0.2")
    s = "DHCPv4.Server.Pool.1."
    a("DHCPv4.Server.Enable", True, B, True)
    a(s + "Enable", True, B, True)
    a(s + "Interface", "Device.IP.Interface.3", S, True)
    a(s + "MinAddress", "192.168.1.64", S, True)
    a(s + "MaxAddress", "192.168.1.253", S, True)
    a(s + "SubnetMask", "255.255.255.0", S, True)
    a(s + "DNSServers", "192.168.1.254", S, True)
    a("DNS.Client.Server.1.DNSServer", "1.1.1.1")
    a("Routing.Router.1.IPv4Forwarding.1.DestIPAddress", "")
    a("Routing.Router.1.IPv4Forwarding.1.GatewayIPAddress", "100.64.0.1")
    for n in range(1, 5):
        e = "Ethernet.Interface.%d." % n
        up = n <= d["eth_up"]
        a(e + "Enable", True, B, True)
        a(e + "Status", "Up" if up else "Down")
        a(e + "MaxBitRate", -1, I, True)
        a(e + "CurrentBitRate", 1000 if up else 0, U)
    radios = {1: "2.4GHz", 2: "5GHz"}
    for rn, band in radios.items():
        rr = "WiFi.Radio.%d." % rn
        a(rr + "Enable", True, B, True)
        a(rr + "OperatingFrequencyBand", band)
        a(rr + "Channel", r.range(1, 11) if rn == 1 else 36 + 4 * r.range(0, 3), U, True)
        a(rr + "AutoChannelEnable", False, B, True)
        a(rr + "OperatingStandards", "b,g,n" if rn == 1 else "a,n,ac", S, True)
    tail = d["serial"][-4:]
    for i in wlans:
        rn = 1 if i < 5 else 2
        s_ = "WiFi.SSID.%d." % i
        a(s_ + "Enable", True, B, True)
        a(s_ + "SSID", "Home-%s%s" % (tail, "-5G" if rn == 2 else ""), S, True)
        a(s_ + "LowerLayers", "Device.WiFi.Radio.%d" % rn, S, True)
        ap = "WiFi.AccessPoint.%d." % i
        a(ap + "Enable", True, B, True)
        a(ap + "SSIDReference", "Device.WiFi.SSID.%d" % i, S, True)
        a(ap + "Security.ModeEnabled", "WPA2-Personal", S, True)
        a(ap + "Security.KeyPassphrase", "", S, True)
        a(ap + "AssociatedDeviceNumberOfEntries", r.range(0, 5), U)
    _hosts(a, "Hosts.", d, "192.168.1.", True)
    o = "Optical.Interface.1."
    a(o + "Enable", True, B, True)
    a(o + "Status", "Up")
    a(o + "OpticalSignalLevel", int(round(d["rx_dbm"] * 1000 / 2.0)) * 2, I)
    a(o + "TransmitOpticalLevel", 2500, I)
    return L


def _tree(flat, ts):
    """The nested document of a flat parameter list, stamped ts."""
    root = {}
    for path, val, typ, w in flat:
        segs = path.split(".")
        cur = root
        for seg in segs[:-1]:
            if seg not in cur:
                cur[seg] = {"_object": True, "_writable": seg.isdigit(), "_timestamp": ts}
            cur = cur[seg]
        cur[segs[-1]] = {"_object": False, "_writable": w, "_timestamp": ts,
                         "_value": val, "_type": typ}
    return root


def new_device(model, serial, seed, now, rx_dbm=None, tags=()):
    """A device's state (a dict, as the --state file keeps it): serial is
    the 12-character GPON serial; rx_dbm the optical level (oltsim's)."""
    if model not in MODELS:
        model = DEFAULT_MODEL.get(serial[:4], "EG8145V5")
    kind, vid, pclass, hw, sw, wlans = MODELS[model]
    r = Rng(seed)
    reported = sn_hex(serial) if kind == "huawei" else serial
    oui = VENDORS[kind if kind != "tr181" else vid][1]
    d = {
        "model": model, "serial": serial, "reported": reported, "seed": seed,
        "software": sw, "online": True, "slow_ms": 0, "fault_next": None,
        "boot": Date(now.ms - 1000 * r.range(3600, 40 * 86400)),
        "secrets": {}, "tags": list(tags),
        "vlan": 100 + seed % 3, "pppoe_user": "c%04d@isp" % (1000 + seed % 9000),
        "wan_ip": "100.64.%d.%d" % (r.range(0, 255), r.range(1, 254)),
        "hosts": r.range(1, 8), "eth_up": r.range(0, 4),
        "rx_dbm": rx_dbm if rx_dbm is not None else -(14 + r.range(0, 1200) / 100.0),
        "id": "%s-%s-%s" % (esc(oui), esc(pclass), esc(reported)),
    }
    d["doc"] = factory_doc(d, now, configured=True)
    return d


def factory_doc(d, now, configured):
    """The document of device d as GenieACS holds it after an inform at now;
    configured = provisioned (PPPoE set up) rather than straight from the
    factory."""
    kind = MODELS[d["model"]][0]
    r = Rng(d["seed"])
    flat = _params_tr181(d, r, configured) if kind == "tr181" else _params_tr098(d, r, configured)
    doc = _tree(flat, now)
    manu, oui = VENDORS[kind if kind != "tr181" else MODELS[d["model"]][1]]
    doc["_id"] = d["id"]
    doc["_deviceId"] = {"_Manufacturer": manu, "_OUI": oui,
                        "_ProductClass": MODELS[d["model"]][2], "_SerialNumber": d["reported"]}
    doc["_registered"] = Date(now.ms - 86400000 * 30)
    doc["_lastInform"] = now
    doc["_lastBoot"] = d["boot"]
    if d["tags"]:
        doc["_tags"] = list(d["tags"])
    root = "Device" if kind == "tr181" else "InternetGatewayDevice"
    doc[root]["DeviceInfo"]["UpTime"]["_value"] = max(0, (now.ms - d["boot"].ms) // 1000)
    return doc


def root_name(d):
    return "Device" if MODELS[d["model"]][0] == "tr181" else "InternetGatewayDevice"


def node(doc, path):
    """The node at a dotted parameter path ("" = the document), or None."""
    cur = doc
    for seg in [s for s in path.split(".") if s != ""]:
        if not isinstance(cur, dict) or seg.startswith("_") or seg not in cur:
            return None
        cur = cur[seg]
    return cur if isinstance(cur, dict) else None


class Fault(Exception):
    """A CWMP fault the device answers a task with."""

    def __init__(self, code, message):
        Exception.__init__(self, message)
        self.code, self.message = code, message


def _live(d, path, leaf, now):
    """What the device answers when the parameter is read now."""
    if hidden(path):
        return ""
    if path.endswith(".DeviceInfo.UpTime"):
        return max(0, (now.ms - d["boot"].ms) // 1000)
    return leaf["_value"]


def refresh(d, path, now):
    """Reads path (an object: its whole subtree) from the device: values
    and timestamps updated, as GetParameterValues answers do."""
    n = node(d["doc"], path)
    if n is None:
        raise Fault("9005", "Invalid parameter name")

    def walk(p, x):
        if "_value" in x:
            x["_value"] = _live(d, p, x, now)
            x["_timestamp"] = now
            return
        x["_timestamp"] = now
        for k, v in x.items():
            if not k.startswith("_") and isinstance(v, dict):
                walk(p + "." + k if p else k, v)

    walk(path.rstrip("."), n)


def _coerce(val, typ):
    if typ == B:
        if val is True or val in ("true", "1") or (type(val) is int and val == 1):
            return True
        if val is False or val in ("false", "0") or (type(val) is int and val == 0):
            return False
        raise ValueError
    if typ in (U, I, "xsd:unsignedLong", "xsd:long"):
        if isinstance(val, bool):
            raise ValueError
        if isinstance(val, float) and not val.is_integer():
            raise ValueError
        n = int(val) if not isinstance(val, str) else int(val.strip(), 10)
        if typ in (U, "xsd:unsignedLong") and n < 0:
            raise ValueError
        return n
    if isinstance(val, bool):
        return "true" if val else "false"
    if isinstance(val, float) and val.is_integer():
        return str(int(val))
    return str(val)


def set_values(d, pvs, now):
    """SetParameterValues: all or nothing; faults 9005 (no such
    parameter), 9008 (not writable), 9007 (a value the type refuses)."""
    staged = []
    for pv in pvs:
        path, val = pv[0], pv[1]
        leaf = node(d["doc"], path)
        if leaf is None or "_value" not in leaf:
            raise Fault("9005", "Invalid parameter name")
        if not leaf["_writable"]:
            raise Fault("9008", "Attempt to set a non-writable parameter")
        try:
            v = _coerce(val, leaf["_type"])
        except (ValueError, TypeError):
            raise Fault("9007", "Invalid parameter value")
        staged.append((path, leaf, v))
    for path, leaf, v in staged:
        leaf["_value"] = v
        leaf["_timestamp"] = now
        if hidden(path):
            d["secrets"][path] = v


def reboot(d, now):
    """The device restarts: uptime from zero."""
    d["boot"] = now
    d["doc"]["_lastBoot"] = now
    leaf = node(d["doc"], root_name(d) + ".DeviceInfo.UpTime")
    if leaf is not None:
        leaf["_value"] = 0
        leaf["_timestamp"] = now


def factory_reset(d, now):
    """Back to the factory document: PPPoE and WiFi settings lost."""
    d["boot"] = now
    d["secrets"] = {}
    d["doc"] = factory_doc(d, now, configured=False)
    d["doc"]["_lastBoot"] = now


def install(d, version, now):
    """A downloaded firmware image is installed: new version, reboot."""
    d["software"] = version
    leaf = node(d["doc"], root_name(d) + ".DeviceInfo.SoftwareVersion")
    if leaf is not None:
        leaf["_value"] = version
        leaf["_timestamp"] = now
    reboot(d, now)


def add_object(d, name, now):
    """AddObject: a new instance numbered after the highest."""
    n = node(d["doc"], name)
    if n is None or "_value" in n:
        raise Fault("9005", "Invalid parameter name")
    nums = [int(k) for k in n if k.isdigit()]
    i = max(nums) + 1 if nums else 1
    n[str(i)] = {"_object": True, "_writable": True, "_timestamp": now}
    return i


def delete_object(d, name, now):
    """DeleteObject: removes an instance."""
    segs = name.rstrip(".").split(".")
    parent = node(d["doc"], ".".join(segs[:-1]))
    if parent is None or not segs[-1].isdigit() or segs[-1] not in parent:
        raise Fault("9005", "Invalid parameter name")
    del parent[segs[-1]]
    parent["_timestamp"] = now


def raw_set(d, path, value, typ, now):
    """Control: puts a value into the document as is (creating the leaf),
    for hostile and sparse documents in tests."""
    segs = path.split(".")
    cur = d["doc"]
    for seg in segs[:-1]:
        cur = cur.setdefault(seg, {"_object": True, "_writable": False, "_timestamp": now})
    cur[segs[-1]] = {"_object": False, "_writable": True, "_timestamp": now,
                     "_value": value, "_type": typ or S}


def raw_delete(d, path):
    """Control: removes a parameter or object from the document."""
    segs = path.split(".")
    parent = node(d["doc"], ".".join(segs[:-1])) if len(segs) > 1 else d["doc"]
    if parent is None or segs[-1] not in parent:
        return False
    del parent[segs[-1]]
    return True
