/*
 * acs_view.c — a router's document read as a technician's view (acs_view.h)
 * by a table of parameter paths per data model.
 *
 * The table is data: lists say which objects are enumerated (the WAN
 * connections, the WiFi SSIDs, the LAN hosts, the Ethernet ports), rows
 * say where each field is, per data model.  A router vendor's extensions
 * are rows of its own, in drivers/<vendor>_acs.c (acs_view_table.h),
 * tried first when the router's manufacturer is that vendor.  The engine
 * below knows no vendor and no data model.
 *
 * A list pattern names its objects with '#' where every instance the
 * device has is taken, in ascending order (acs_instances: Huawei numbers
 * WLANConfiguration 1,2,5,6, ZTE 1,5; nothing assumes 1..n).  A row's path
 * is absolute for the system fields and relative to the list's object
 * otherwise, in a small language:
 *   "Name"   a child;
 *   "*"      the lowest instance there is ("LANDevice.*");
 *   "^"      the object holding this instance ("…WANConnectionDevice.2"
 *            for "…WANConnectionDevice.2.WANPPPConnection.1");
 *   "@Name"  follow the reference held by Name (TR-181 LowerLayers,
 *            SSIDReference, Interface: "Device.WiFi.Radio.1"; the first of
 *            a comma list).
 * Several rows for one field are tried in order, the vendor's first; the
 * first whose parameter the document holds wins.  A parameter the document
 * lacks leaves the field absent.
 *
 * The paths written by actions (a radio's SSID and WPA passphrase, a
 * connection's PPPoE user and password) come from the same rows: the row
 * whose parameter is present, or, when none is (a document that never
 * read it), the manufacturer's own row, else the first generic one.
 *
 * Units and sources (shared/reference/genieacs-nbi.md 4.2 unless said):
 *   optics as dBm text, or raw in 0.1 uW on some firmware: a positive Rx,
 *   or a Tx over 10, is read as raw, 10*log10(v/10000) dBm (RECONSTRUCTED
 *   from public GenieACS tooling).  TR-181 Optical.Interface.{i}.
 *   OpticalSignalLevel/TransmitOpticalLevel: dBm/1000 (the Broadband
 *   Forum unit, as Broadcom's CMS reports it); Optical.Interface.{i}.RxPower
 *   (named by the reference, not standard): dBm or raw as above.  A level
 *   outside -60..+15 dBm is absent (TR-181's -65536 means no signal).
 *
 * Pure functions over the document; any thread.
 */
#include "drivers/acs_view.h"
#include "drivers/acs_view_table.h"
#include "lib/util.h"

#include <cJSON.h>

#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the table ---- */

struct view_list {
	enum acs_view_list	 id;
	enum acs_model		 model;
	enum acs_view_kind	 kind;
	const char		*pattern;	/* '#' = every instance; NULL for ACS_VK_SYS */
	const char		*wan_type;	/* the WAN type of its objects, or NULL */
};

/* In the order they are listed: PPPoE connections before the others. */
static const struct view_list view_lists[] = {
	{ ACS_VL_098_SYS, ACS_MODEL_TR098, ACS_VK_SYS, NULL, NULL },
	{ ACS_VL_098_PPP, ACS_MODEL_TR098, ACS_VK_WAN,
	  "InternetGatewayDevice.WANDevice.#.WANConnectionDevice.#.WANPPPConnection.#", "pppoe" },
	{ ACS_VL_098_IP, ACS_MODEL_TR098, ACS_VK_WAN,
	  "InternetGatewayDevice.WANDevice.#.WANConnectionDevice.#.WANIPConnection.#", NULL },
	{ ACS_VL_098_WLAN, ACS_MODEL_TR098, ACS_VK_RADIO, "InternetGatewayDevice.LANDevice.#.WLANConfiguration.#", NULL },
	{ ACS_VL_098_HOST, ACS_MODEL_TR098, ACS_VK_HOST, "InternetGatewayDevice.LANDevice.#.Hosts.Host.#", NULL },
	{ ACS_VL_098_ETH, ACS_MODEL_TR098, ACS_VK_ETH, "InternetGatewayDevice.LANDevice.#.LANEthernetInterfaceConfig.#", NULL },
	{ ACS_VL_181_SYS, ACS_MODEL_TR181, ACS_VK_SYS, NULL, NULL },
	{ ACS_VL_181_PPP, ACS_MODEL_TR181, ACS_VK_WAN, "Device.PPP.Interface.#", "pppoe" },
	{ ACS_VL_181_DHCP, ACS_MODEL_TR181, ACS_VK_WAN, "Device.DHCPv4.Client.#", "dhcp" },
	{ ACS_VL_181_AP, ACS_MODEL_TR181, ACS_VK_RADIO, "Device.WiFi.AccessPoint.#", NULL },
	{ ACS_VL_181_HOST, ACS_MODEL_TR181, ACS_VK_HOST, "Device.Hosts.Host.#", NULL },
	{ ACS_VL_181_ETH, ACS_MODEL_TR181, ACS_VK_ETH, "Device.Ethernet.Interface.#", NULL },
};

static const struct acs_view_row view_rows[] = {
	/* TR-098 system */
	{ ACS_VL_098_SYS, ACS_VF_MANUFACTURER, "InternetGatewayDevice.DeviceInfo.Manufacturer", ACS_CV_TEXT },
	{ ACS_VL_098_SYS, ACS_VF_MODEL, "InternetGatewayDevice.DeviceInfo.ModelName", ACS_CV_TEXT },
	{ ACS_VL_098_SYS, ACS_VF_MODEL, "InternetGatewayDevice.DeviceInfo.ProductClass", ACS_CV_TEXT },
	{ ACS_VL_098_SYS, ACS_VF_FIRMWARE, "InternetGatewayDevice.DeviceInfo.SoftwareVersion", ACS_CV_TEXT },
	{ ACS_VL_098_SYS, ACS_VF_HARDWARE, "InternetGatewayDevice.DeviceInfo.HardwareVersion", ACS_CV_TEXT },
	{ ACS_VL_098_SYS, ACS_VF_UPTIME, "InternetGatewayDevice.DeviceInfo.UpTime", ACS_CV_INT },
	{ ACS_VL_098_SYS, ACS_VF_CPU, "InternetGatewayDevice.DeviceInfo.ProcessStatus.CPUUsage", ACS_CV_INT },
	{ ACS_VL_098_SYS, ACS_VF_MEM_TOTAL, "InternetGatewayDevice.DeviceInfo.MemoryStatus.Total", ACS_CV_INT },
	{ ACS_VL_098_SYS, ACS_VF_MEM_FREE, "InternetGatewayDevice.DeviceInfo.MemoryStatus.Free", ACS_CV_INT },
	{ ACS_VL_098_SYS, ACS_VF_LAN_IP, "InternetGatewayDevice.LANDevice.*.LANHostConfigManagement.IPInterface.*.IPInterfaceIPAddress", ACS_CV_TEXT },
	{ ACS_VL_098_SYS, ACS_VF_LAN_MASK, "InternetGatewayDevice.LANDevice.*.LANHostConfigManagement.IPInterface.*.IPInterfaceSubnetMask", ACS_CV_TEXT },
	{ ACS_VL_098_SYS, ACS_VF_LAN_MASK, "InternetGatewayDevice.LANDevice.*.LANHostConfigManagement.SubnetMask", ACS_CV_TEXT },
	{ ACS_VL_098_SYS, ACS_VF_DHCP_ENABLE, "InternetGatewayDevice.LANDevice.*.LANHostConfigManagement.DHCPServerEnable", ACS_CV_BOOL },
	{ ACS_VL_098_SYS, ACS_VF_DHCP_MIN, "InternetGatewayDevice.LANDevice.*.LANHostConfigManagement.MinAddress", ACS_CV_TEXT },
	{ ACS_VL_098_SYS, ACS_VF_DHCP_MAX, "InternetGatewayDevice.LANDevice.*.LANHostConfigManagement.MaxAddress", ACS_CV_TEXT },
	{ ACS_VL_098_SYS, ACS_VF_HOSTS, "InternetGatewayDevice.LANDevice.*.Hosts.HostNumberOfEntries", ACS_CV_INT },
	/* TR-098 PPP connections */
	{ ACS_VL_098_PPP, ACS_VF_WAN_ENABLE, "Enable", ACS_CV_BOOL },
	{ ACS_VL_098_PPP, ACS_VF_WAN_STATUS, "ConnectionStatus", ACS_CV_TEXT },
	{ ACS_VL_098_PPP, ACS_VF_WAN_IP, "ExternalIPAddress", ACS_CV_TEXT },
	{ ACS_VL_098_PPP, ACS_VF_WAN_GATEWAY, "RemoteIPAddress", ACS_CV_TEXT },
	{ ACS_VL_098_PPP, ACS_VF_WAN_DNS, "DNSServers", ACS_CV_TEXT },
	{ ACS_VL_098_PPP, ACS_VF_WAN_USER, "Username", ACS_CV_TEXT },
	{ ACS_VL_098_PPP, ACS_VF_WAN_PASSWORD, "Password", ACS_CV_TEXT },
	/* TR-098 IP connections */
	{ ACS_VL_098_IP, ACS_VF_WAN_ENABLE, "Enable", ACS_CV_BOOL },
	{ ACS_VL_098_IP, ACS_VF_WAN_STATUS, "ConnectionStatus", ACS_CV_TEXT },
	{ ACS_VL_098_IP, ACS_VF_WAN_ADDR, "AddressingType", ACS_CV_ADDR },
	{ ACS_VL_098_IP, ACS_VF_WAN_IP, "ExternalIPAddress", ACS_CV_TEXT },
	{ ACS_VL_098_IP, ACS_VF_WAN_GATEWAY, "DefaultGateway", ACS_CV_TEXT },
	{ ACS_VL_098_IP, ACS_VF_WAN_DNS, "DNSServers", ACS_CV_TEXT },
	/* TR-098 WLANConfiguration (one SSID each, with its radio's settings) */
	{ ACS_VL_098_WLAN, ACS_VF_R_ENABLE, "Enable", ACS_CV_BOOL },
	{ ACS_VL_098_WLAN, ACS_VF_R_SSID, "SSID", ACS_CV_TEXT },
	{ ACS_VL_098_WLAN, ACS_VF_R_PASSWORD, "PreSharedKey.1.KeyPassphrase", ACS_CV_TEXT },
	{ ACS_VL_098_WLAN, ACS_VF_R_PASSWORD, "KeyPassphrase", ACS_CV_TEXT },
	{ ACS_VL_098_WLAN, ACS_VF_R_BAND, "OperatingFrequencyBand", ACS_CV_BAND },
	{ ACS_VL_098_WLAN, ACS_VF_R_CHANNEL, "Channel", ACS_CV_INT },
	{ ACS_VL_098_WLAN, ACS_VF_R_STANDARD, "Standard", ACS_CV_TEXT },
	{ ACS_VL_098_WLAN, ACS_VF_R_SECURITY, "BeaconType", ACS_CV_SEC098 },
	{ ACS_VL_098_WLAN, ACS_VF_R_CLIENTS, "TotalAssociations", ACS_CV_INT },
	{ ACS_VL_098_WLAN, ACS_VF_R_CLIENTS, "AssociatedDeviceNumberOfEntries", ACS_CV_INT },
	/* TR-098 LAN hosts and Ethernet ports */
	{ ACS_VL_098_HOST, ACS_VF_H_MAC, "MACAddress", ACS_CV_TEXT },
	{ ACS_VL_098_HOST, ACS_VF_H_IP, "IPAddress", ACS_CV_TEXT },
	{ ACS_VL_098_HOST, ACS_VF_H_NAME, "HostName", ACS_CV_TEXT },
	{ ACS_VL_098_HOST, ACS_VF_H_ACTIVE, "Active", ACS_CV_BOOL },
	{ ACS_VL_098_ETH, ACS_VF_E_STATUS, "Status", ACS_CV_TEXT },
	{ ACS_VL_098_ETH, ACS_VF_E_RATE, "MaxBitRate", ACS_CV_RATE },
	/* TR-181 system */
	{ ACS_VL_181_SYS, ACS_VF_MANUFACTURER, "Device.DeviceInfo.Manufacturer", ACS_CV_TEXT },
	{ ACS_VL_181_SYS, ACS_VF_MODEL, "Device.DeviceInfo.ModelName", ACS_CV_TEXT },
	{ ACS_VL_181_SYS, ACS_VF_MODEL, "Device.DeviceInfo.ProductClass", ACS_CV_TEXT },
	{ ACS_VL_181_SYS, ACS_VF_FIRMWARE, "Device.DeviceInfo.SoftwareVersion", ACS_CV_TEXT },
	{ ACS_VL_181_SYS, ACS_VF_HARDWARE, "Device.DeviceInfo.HardwareVersion", ACS_CV_TEXT },
	{ ACS_VL_181_SYS, ACS_VF_UPTIME, "Device.DeviceInfo.UpTime", ACS_CV_INT },
	{ ACS_VL_181_SYS, ACS_VF_CPU, "Device.DeviceInfo.ProcessStatus.CPUUsage", ACS_CV_INT },
	{ ACS_VL_181_SYS, ACS_VF_MEM_TOTAL, "Device.DeviceInfo.MemoryStatus.Total", ACS_CV_INT },
	{ ACS_VL_181_SYS, ACS_VF_MEM_FREE, "Device.DeviceInfo.MemoryStatus.Free", ACS_CV_INT },
	{ ACS_VL_181_SYS, ACS_VF_LAN_IP, "Device.DHCPv4.Server.Pool.*.@Interface.IPv4Address.*.IPAddress", ACS_CV_TEXT },
	{ ACS_VL_181_SYS, ACS_VF_LAN_MASK, "Device.DHCPv4.Server.Pool.*.@Interface.IPv4Address.*.SubnetMask", ACS_CV_TEXT },
	{ ACS_VL_181_SYS, ACS_VF_LAN_MASK, "Device.DHCPv4.Server.Pool.*.SubnetMask", ACS_CV_TEXT },
	{ ACS_VL_181_SYS, ACS_VF_DHCP_ENABLE, "Device.DHCPv4.Server.Pool.*.Enable", ACS_CV_BOOL },
	{ ACS_VL_181_SYS, ACS_VF_DHCP_MIN, "Device.DHCPv4.Server.Pool.*.MinAddress", ACS_CV_TEXT },
	{ ACS_VL_181_SYS, ACS_VF_DHCP_MAX, "Device.DHCPv4.Server.Pool.*.MaxAddress", ACS_CV_TEXT },
	{ ACS_VL_181_SYS, ACS_VF_HOSTS, "Device.Hosts.HostNumberOfEntries", ACS_CV_INT },
	{ ACS_VL_181_SYS, ACS_VF_RX, "Device.Optical.Interface.*.OpticalSignalLevel", ACS_CV_MDBM },
	{ ACS_VL_181_SYS, ACS_VF_RX, "Device.Optical.Interface.*.RxPower", ACS_CV_RX_DBM },
	{ ACS_VL_181_SYS, ACS_VF_TX, "Device.Optical.Interface.*.TransmitOpticalLevel", ACS_CV_MDBM },
	/* TR-181 PPP interfaces */
	{ ACS_VL_181_PPP, ACS_VF_WAN_ENABLE, "Enable", ACS_CV_BOOL },
	{ ACS_VL_181_PPP, ACS_VF_WAN_STATUS, "ConnectionStatus", ACS_CV_TEXT },
	{ ACS_VL_181_PPP, ACS_VF_WAN_STATUS, "Status", ACS_CV_TEXT },
	{ ACS_VL_181_PPP, ACS_VF_WAN_IP, "IPCP.LocalIPAddress", ACS_CV_TEXT },
	{ ACS_VL_181_PPP, ACS_VF_WAN_GATEWAY, "IPCP.RemoteIPAddress", ACS_CV_TEXT },
	{ ACS_VL_181_PPP, ACS_VF_WAN_DNS, "IPCP.DNSServers", ACS_CV_TEXT },
	{ ACS_VL_181_PPP, ACS_VF_WAN_USER, "Username", ACS_CV_TEXT },
	{ ACS_VL_181_PPP, ACS_VF_WAN_PASSWORD, "Password", ACS_CV_TEXT },
	{ ACS_VL_181_PPP, ACS_VF_WAN_VLAN, "@LowerLayers.VLANID", ACS_CV_INT },
	/* TR-181 DHCP clients (the WAN connections without PPP) */
	{ ACS_VL_181_DHCP, ACS_VF_WAN_ENABLE, "Enable", ACS_CV_BOOL },
	{ ACS_VL_181_DHCP, ACS_VF_WAN_STATUS, "@Interface.Status", ACS_CV_TEXT },
	{ ACS_VL_181_DHCP, ACS_VF_WAN_IP, "IPAddress", ACS_CV_TEXT },
	{ ACS_VL_181_DHCP, ACS_VF_WAN_GATEWAY, "IPRouters", ACS_CV_TEXT },
	{ ACS_VL_181_DHCP, ACS_VF_WAN_DNS, "DNSServers", ACS_CV_TEXT },
	{ ACS_VL_181_DHCP, ACS_VF_WAN_VLAN, "@Interface.@LowerLayers.VLANID", ACS_CV_INT },
	/* TR-181 access points: the SSID and the radio by reference */
	{ ACS_VL_181_AP, ACS_VF_R_ENABLE, "Enable", ACS_CV_BOOL },
	{ ACS_VL_181_AP, ACS_VF_R_SSID, "@SSIDReference.SSID", ACS_CV_TEXT },
	{ ACS_VL_181_AP, ACS_VF_R_PASSWORD, "Security.KeyPassphrase", ACS_CV_TEXT },
	{ ACS_VL_181_AP, ACS_VF_R_BAND, "@SSIDReference.@LowerLayers.OperatingFrequencyBand", ACS_CV_BAND },
	{ ACS_VL_181_AP, ACS_VF_R_CHANNEL, "@SSIDReference.@LowerLayers.Channel", ACS_CV_INT },
	{ ACS_VL_181_AP, ACS_VF_R_STANDARD, "@SSIDReference.@LowerLayers.OperatingStandards", ACS_CV_TEXT },
	{ ACS_VL_181_AP, ACS_VF_R_SECURITY, "Security.ModeEnabled", ACS_CV_TEXT },
	{ ACS_VL_181_AP, ACS_VF_R_CLIENTS, "AssociatedDeviceNumberOfEntries", ACS_CV_INT },
	/* TR-181 LAN hosts and Ethernet ports */
	{ ACS_VL_181_HOST, ACS_VF_H_MAC, "PhysAddress", ACS_CV_TEXT },
	{ ACS_VL_181_HOST, ACS_VF_H_IP, "IPAddress", ACS_CV_TEXT },
	{ ACS_VL_181_HOST, ACS_VF_H_NAME, "HostName", ACS_CV_TEXT },
	{ ACS_VL_181_HOST, ACS_VF_H_ACTIVE, "Active", ACS_CV_BOOL },
	{ ACS_VL_181_ETH, ACS_VF_E_STATUS, "Status", ACS_CV_TEXT },
	{ ACS_VL_181_ETH, ACS_VF_E_RATE, "CurrentBitRate", ACS_CV_RATE },
	{ ACS_VL_181_ETH, ACS_VF_E_RATE, "MaxBitRate", ACS_CV_RATE },
};

/* WAN fallbacks the TR-181 model keeps outside the connection: DNS
   servers and the default gateway (applied when a connection has none). */
static const char *const tr181_dns = "Device.DNS.Client.Server.*.DNSServer";
static const char *const tr181_gateway = "Device.Routing.Router.*.IPv4Forwarding.*.GatewayIPAddress";

/* The parameter roots the rows and their references reach; acs_find's
   projection for a view (tests/unit/test_acs_view.c checks that a
   document cut to it gives the same view). */
static const char *const view_projection[] = {
	"_deviceId", "_lastInform",
	"InternetGatewayDevice.DeviceInfo", "InternetGatewayDevice.WANDevice",
	"InternetGatewayDevice.LANDevice",
	"Device.DeviceInfo", "Device.PPP", "Device.IP", "Device.DHCPv4", "Device.DNS.Client",
	"Device.Routing", "Device.WiFi", "Device.Hosts", "Device.Ethernet", "Device.Optical",
};

/* The router vendors' rows (ACS_VIEW_VENDOR), filled before main(). */
#define ACS_VIEW_VENDORS_MAX 16
static const struct acs_view_vendor *vendors[ACS_VIEW_VENDORS_MAX];
static size_t nvendors;

/* Adds a vendor's rows; see acs_view_table.h. */
void
acs_view_vendor_register(const struct acs_view_vendor *v)
{
	for (size_t i = 0; i < nvendors; i++) {
		if (strcmp(vendors[i]->name, v->name) == 0) {
			vendors[i] = v;
			return;
		}
	}
	if (nvendors < ACS_VIEW_VENDORS_MAX)
		vendors[nvendors++] = v;
}

/* TR-098 BeaconType as a technician says it. */
static const struct { const char *beacon, *shown; } sec098[] = {
	{ "None", "open" }, { "Basic", "WEP" }, { "WPA", "WPA-PSK" }, { "11i", "WPA2-PSK" },
	{ "WPAand11i", "WPA/WPA2-PSK" }, { "WPA3", "WPA3-SAE" }, { "11iandWPA3", "WPA2/WPA3" },
};

/* ---- the engine ---- */

/* Copies text into a field, cut at a UTF-8 character boundary. */
static void
copy_text(char *dst, size_t size, const char *src)
{
	size_t n = strlen(src);

	if (n >= size) {
		n = size - 1;
		while (n > 0 && ((unsigned char)src[n] & 0xc0) == 0x80)
			n--;
	}
	memcpy(dst, src, n);
	dst[n] = '\0';
}

/* True when a vendor's rows apply to this manufacturer (the vendor's
   word is lower case). */
static bool
vendor_ok(const char *vendor, const char *manufacturer)
{
	char low[ACS_VIEW_TEXT];

	copy_text(low, sizeof low, manufacturer);
	for (char *p = low; *p != '\0'; p++)
		*p = (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p);
	return strstr(low, vendor) != NULL;
}

/* Resolves a row path relative to base ("" for absolute) into out.
   0, or -1 when a '*', '^' or '@' step finds nothing. */
static int
resolve(const struct acs_device *d, const char *base, const char *path, char *out, size_t size)
{
	char cur[ACS_VIEW_PATH * 2], seg[96];

	strlcpy_(cur, base, sizeof cur);
	while (*path != '\0') {
		size_t n = strcspn(path, ".");

		if (n == 0 || n >= sizeof seg)
			return -1;
		memcpy(seg, path, n);
		seg[n] = '\0';
		path += n + (path[n] == '.');
		if (strcmp(seg, "*") == 0) {
			int inst;

			if (acs_instances(d, cur, &inst, 1) != 1)
				return -1;
			snprintf(seg, sizeof seg, "%d", inst);
		} else if (strcmp(seg, "^") == 0) {
			for (int k = 0; k < 2; k++) {
				char *dot = strrchr(cur, '.');

				if (dot == NULL)
					return -1;
				*dot = '\0';
			}
			continue;
		} else if (seg[0] == '@') {
			char ref[sizeof cur], *t;
			const char *v;

			if (strlen(cur) + strlen(seg) + 1 >= sizeof ref)
				return -1;
			strlcpy_(ref, cur, sizeof ref);
			if (cur[0] != '\0')
				strcat(ref, ".");
			strcat(ref, seg + 1);
			if ((v = acs_param(d, ref, NULL)) == NULL || v[0] == '\0')
				return -1;
			strlcpy_(ref, v, sizeof ref);
			ref[strcspn(ref, ",")] = '\0';
			t = str_trim(ref);
			while (*t != '\0' && t[strlen(t) - 1] == '.')
				t[strlen(t) - 1] = '\0';
			if (*t == '\0')
				return -1;
			strlcpy_(cur, t, sizeof cur);
			continue;
		}
		if (strlen(cur) + strlen(seg) + 2 > sizeof cur)
			return -1;
		if (cur[0] != '\0')
			strcat(cur, ".");
		strcat(cur, seg);
	}
	if (strlen(cur) >= size)
		return -1;
	strlcpy_(out, cur, size);
	return 0;
}

/* Where the fields of one object go. */
struct view_target {
	struct acs_view	*v;
	void		*obj;		/* acs_wan, acs_radio, acs_host, acs_eth; NULL for the view */
};

/* Parses a whole integer (with sign); 0 or -1. */
static int
to_int(const char *s, long long *out)
{
	char *end;

	if (s[0] == '\0')
		return -1;
	*out = strtoll(s, &end, 10);
	return *end == '\0' ? 0 : -1;
}

/* A level in dBm from the parameter's text, by its unit. */
static int
to_dbm(const char *s, enum acs_view_conv conv, double *out)
{
	char *end;
	double x = strtod(s, &end);

	if (s[0] == '\0' || *end != '\0' || !isfinite(x))
		return -1;
	if (conv == ACS_CV_MDBM)
		x /= 1000.0;
	else if ((conv == ACS_CV_RX_DBM && x > 0) || (conv == ACS_CV_TX_DBM && x > 10))
		x = 10.0 * log10(x / 10000.0);
	if (!(x >= -60.0 && x <= 15.0))
		return -1;
	*out = x;
	return 0;
}

/* Stores the text of a parameter into field f of the target; -1 when the
   text does not convert (the field stays absent). */
static int
store(struct view_target *t, enum acs_view_field f, enum acs_view_conv conv, const char *s)
{
	struct acs_view *v = t->v;
	struct acs_wan *w = t->obj;
	struct acs_radio *r = t->obj;
	struct acs_host *h = t->obj;
	struct acs_eth *e = t->obj;
	long long n = 0;
	double x;
	bool b = false;
	char text[ACS_VIEW_TEXT];

	if (conv == ACS_CV_INT && to_int(s, &n) != 0)
		return -1;
	if (conv == ACS_CV_BOOL) {
		if (strcmp(s, "true") == 0 || strcmp(s, "1") == 0)
			b = true;
		else if (strcmp(s, "false") != 0 && strcmp(s, "0") != 0)
			return -1;
	}
	copy_text(text, sizeof text, s);
	if (conv == ACS_CV_BAND) {
		if (strncmp(s, "2.4", 3) == 0)
			strlcpy_(text, "2.4G", sizeof text);
		else if (s[0] == '5' || s[0] == '6')
			snprintf(text, sizeof text, "%cG", s[0]);
		else
			return -1;
	} else if (conv == ACS_CV_SEC098) {
		for (size_t i = 0; i < nitems(sec098); i++)
			if (strcmp(s, sec098[i].beacon) == 0)
				strlcpy_(text, sec098[i].shown, sizeof text);
	} else if (conv == ACS_CV_ADDR) {
		for (char *p = text; *p != '\0'; p++)
			*p = (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p);
	} else if (conv == ACS_CV_RATE && strcmp(s, "-1") == 0)
		strlcpy_(text, "Auto", sizeof text);
	switch (f) {
	case ACS_VF_MANUFACTURER: copy_text(v->manufacturer, sizeof v->manufacturer, text); break;
	case ACS_VF_MODEL: copy_text(v->model_name, sizeof v->model_name, text); break;
	case ACS_VF_FIRMWARE: copy_text(v->firmware, sizeof v->firmware, text); break;
	case ACS_VF_HARDWARE: copy_text(v->hardware, sizeof v->hardware, text); break;
	case ACS_VF_UPTIME: v->uptime_s = n; break;
	case ACS_VF_CPU: v->cpu_pct = (int)n; break;
	case ACS_VF_MEM_TOTAL: v->mem_total_kb = n; break;
	case ACS_VF_MEM_FREE: v->mem_free_kb = n; break;
	case ACS_VF_LAN_IP: copy_text(v->lan_ip, sizeof v->lan_ip, text); break;
	case ACS_VF_LAN_MASK: copy_text(v->lan_mask, sizeof v->lan_mask, text); break;
	case ACS_VF_DHCP_ENABLE: v->dhcp_enabled = b; v->have_dhcp = true; break;
	case ACS_VF_DHCP_MIN: copy_text(v->dhcp_min, sizeof v->dhcp_min, text); break;
	case ACS_VF_DHCP_MAX: copy_text(v->dhcp_max, sizeof v->dhcp_max, text); break;
	case ACS_VF_HOSTS: v->nhost_total = n > 0 ? (size_t)n : 0; break;
	case ACS_VF_RX:
		if (to_dbm(s, conv, &x) != 0)
			return -1;
		v->rx_dbm = x;
		v->have_rx = true;
		break;
	case ACS_VF_TX:
		if (to_dbm(s, conv, &x) != 0)
			return -1;
		v->tx_dbm = x;
		v->have_tx = true;
		break;
	case ACS_VF_WAN_ENABLE: w->enabled = b; w->have_enabled = true; break;
	case ACS_VF_WAN_STATUS: copy_text(w->status, sizeof w->status, text); break;
	case ACS_VF_WAN_ADDR: copy_text(w->type, sizeof w->type, text); break;
	case ACS_VF_WAN_IP: copy_text(w->ip, sizeof w->ip, text); break;
	case ACS_VF_WAN_GATEWAY: copy_text(w->gateway, sizeof w->gateway, text); break;
	case ACS_VF_WAN_DNS: copy_text(w->dns, sizeof w->dns, text); break;
	case ACS_VF_WAN_USER: copy_text(w->pppoe_user, sizeof w->pppoe_user, text); break;
	case ACS_VF_WAN_VLAN: w->vlan = (int)n; break;
	case ACS_VF_R_ENABLE: r->enabled = b; r->have_enabled = true; break;
	case ACS_VF_R_SSID: copy_text(r->ssid, sizeof r->ssid, text); break;
	case ACS_VF_R_BAND: copy_text(r->band, sizeof r->band, text); break;
	case ACS_VF_R_CHANNEL: r->channel = (int)n; break;
	case ACS_VF_R_STANDARD: copy_text(r->standard, sizeof r->standard, text); break;
	case ACS_VF_R_SECURITY: copy_text(r->security, sizeof r->security, text); break;
	case ACS_VF_R_CLIENTS: r->clients = (int)n; break;
	case ACS_VF_H_MAC: copy_text(h->mac, sizeof h->mac, text); break;
	case ACS_VF_H_IP: copy_text(h->ip, sizeof h->ip, text); break;
	case ACS_VF_H_NAME: copy_text(h->name, sizeof h->name, text); break;
	case ACS_VF_H_ACTIVE: h->active = b; break;
	case ACS_VF_E_STATUS: copy_text(e->status, sizeof e->status, text); break;
	case ACS_VF_E_RATE: copy_text(e->rate, sizeof e->rate, text); break;
	case ACS_VF_WAN_PASSWORD:
	case ACS_VF_R_PASSWORD:
	case ACS_VF_COUNT:
		break;
	}
	return 0;
}

/* Notes a value's timestamp for the data age. */
static void
note_age(struct acs_view *v, int64_t ts)
{
	if (ts > 0 && (v->oldest_param == 0 || ts < v->oldest_param))
		v->oldest_param = ts;
}

/* Tries one row for field f of the object at base: 0 when its parameter
   is present and stored (or, for a write path, present); -1 otherwise.
   *fallback (if empty) gets the row's path when it resolves. */
static int
try_row(const struct acs_device *d, struct view_target *t, const struct acs_view_row *row,
    const char *base, char *write_path, size_t wsize, char *fallback, size_t fsize)
{
	char path[ACS_VIEW_PATH * 2];
	const char *s;
	int64_t ts;

	if (resolve(d, base, row->path, path, sizeof path) != 0)
		return -1;
	if (fallback[0] == '\0')
		copy_text(fallback, fsize, path);
	if ((s = acs_param(d, path, &ts)) == NULL)
		return -1;
	if (write_path == NULL && store(t, row->field, row->conv, s) != 0)
		return -1;
	note_age(t->v, ts);
	if (write_path != NULL)
		copy_text(write_path, wsize, path);
	return 0;
}

/* Fills field f of the target from the rows of list l for the object at
   base: the rows of the router's vendors first, then the generic ones.
   write_path (may be NULL) gets the path of the parameter chosen
   (present, or else the vendor's own row, or else the first generic). */
static void
fill_field(const struct acs_device *d, struct view_target *t, enum acs_view_list l,
    enum acs_view_field f, const char *base, char *write_path, size_t wsize)
{
	char fb_v[ACS_VIEW_PATH] = "", fb_a[ACS_VIEW_PATH] = "";

	for (size_t k = 0; k < nvendors; k++) {
		const struct acs_view_vendor *vd = vendors[k];

		if (!vendor_ok(vd->manufacturer, t->v->manufacturer))
			continue;
		for (size_t i = 0; i < vd->nrows; i++)
			if (vd->rows[i].list == l && vd->rows[i].field == f &&
			    try_row(d, t, &vd->rows[i], base, write_path, wsize, fb_v, sizeof fb_v) == 0)
				return;
	}
	for (size_t i = 0; i < nitems(view_rows); i++)
		if (view_rows[i].list == l && view_rows[i].field == f &&
		    try_row(d, t, &view_rows[i], base, write_path, wsize, fb_a, sizeof fb_a) == 0)
			return;
	if (write_path != NULL)
		copy_text(write_path, wsize, fb_v[0] != '\0' ? fb_v : fb_a);
}

/* Every object path a list pattern names, through `each`. */
static void
expand(const struct acs_device *d, const char *prefix, const char *pattern,
    void (*each)(const struct acs_device *, const char *, void *), void *arg)
{
	const char *hash = strchr(pattern, '#');
	char head[ACS_VIEW_PATH * 2], next[ACS_VIEW_PATH * 2];
	int inst[64];
	size_t n;

	if (hash == NULL) {
		snprintf(next, sizeof next, "%s%s", prefix, pattern);
		each(d, next, arg);
		return;
	}
	snprintf(head, sizeof head, "%s%.*s", prefix, (int)(hash - pattern), pattern);
	if (head[0] == '\0' || head[strlen(head) - 1] != '.')
		return;
	head[strlen(head) - 1] = '\0';
	n = acs_instances(d, head, inst, nitems(inst));
	for (size_t i = 0; i < n; i++) {
		/* A path that does not fit names no object of the view. */
		if (snprintf(next, sizeof next, "%s.%d%s", head, inst[i],
		    hash[1] == '.' ? "." : "") >= (int)sizeof next)
			continue;
		expand(d, next, hash[1] == '.' ? hash + 2 : hash + 1, each, arg);
	}
}

struct list_walk {
	struct acs_view			*v;
	const struct view_list		*l;
};

/* The last instance number of an object path. */
static int
last_instance(const char *path)
{
	const char *dot = strrchr(path, '.');

	return dot != NULL ? atoi(dot + 1) : 0;
}

/* Fills the fields of one object of a list. */
static void
list_object(const struct acs_device *d, const char *path, void *arg)
{
	struct list_walk *lw = arg;
	struct acs_view *v = lw->v;
	struct view_target t = { .v = v };
	enum acs_view_list l = lw->l->id;

	switch (lw->l->kind) {
	case ACS_VK_WAN: {
		struct acs_wan *w;

		if (v->nwan >= ACS_WANS_MAX)
			return;
		w = &v->wan[v->nwan++];
		memset(w, 0, sizeof *w);
		w->vlan = -1;
		copy_text(w->path, sizeof w->path, path);
		if (lw->l->wan_type != NULL)
			strlcpy_(w->type, lw->l->wan_type, sizeof w->type);
		t.obj = w;
		for (enum acs_view_field f = ACS_VF_WAN_ENABLE; f <= ACS_VF_WAN_VLAN; f++)
			if (f != ACS_VF_WAN_PASSWORD && f != ACS_VF_WAN_USER)
				fill_field(d, &t, l, f, path, NULL, 0);
		if (lw->l->wan_type != NULL && strcmp(lw->l->wan_type, "pppoe") == 0) {
			fill_field(d, &t, l, ACS_VF_WAN_USER, path, NULL, 0);
			fill_field(d, &t, l, ACS_VF_WAN_USER, path, w->user_path, sizeof w->user_path);
			fill_field(d, &t, l, ACS_VF_WAN_PASSWORD, path, w->password_path,
			    sizeof w->password_path);
		}
		break;
	}
	case ACS_VK_RADIO: {
		struct acs_radio *r;

		if (v->nradio >= ACS_RADIOS_MAX)
			return;
		r = &v->radio[v->nradio++];
		memset(r, 0, sizeof *r);
		r->instance = last_instance(path);
		r->channel = r->clients = -1;
		t.obj = r;
		for (enum acs_view_field f = ACS_VF_R_ENABLE; f <= ACS_VF_R_CLIENTS; f++)
			if (f != ACS_VF_R_PASSWORD)
				fill_field(d, &t, l, f, path, NULL, 0);
		fill_field(d, &t, l, ACS_VF_R_SSID, path, r->ssid_path, sizeof r->ssid_path);
		fill_field(d, &t, l, ACS_VF_R_PASSWORD, path, r->password_path, sizeof r->password_path);
		break;
	}
	case ACS_VK_HOST:
		if (v->nhost >= ACS_HOSTS_MAX)
			return;
		t.obj = &v->host[v->nhost];
		memset(t.obj, 0, sizeof v->host[0]);
		for (enum acs_view_field f = ACS_VF_H_MAC; f <= ACS_VF_H_ACTIVE; f++)
			fill_field(d, &t, l, f, path, NULL, 0);
		v->nhost++;
		break;
	case ACS_VK_ETH:
		if (v->neth >= ACS_ETH_MAX)
			return;
		t.obj = &v->eth[v->neth];
		memset(t.obj, 0, sizeof v->eth[0]);
		v->eth[v->neth].instance = last_instance(path);
		for (enum acs_view_field f = ACS_VF_E_STATUS; f <= ACS_VF_E_RATE; f++)
			fill_field(d, &t, l, f, path, NULL, 0);
		v->neth++;
		break;
	case ACS_VK_SYS:
		break;
	}
}

/* A radio's band from its channel, then its standard, when no row gave it. */
static void
radio_band(struct acs_radio *r)
{
	char std[sizeof r->standard], *tok, *save = NULL;

	if (r->band[0] != '\0')
		return;
	if (r->channel >= 1 && r->channel <= 14) {
		strlcpy_(r->band, "2.4G", sizeof r->band);
		return;
	}
	if (r->channel >= 32 && r->channel <= 177) {
		strlcpy_(r->band, "5G", sizeof r->band);
		return;
	}
	strlcpy_(std, r->standard, sizeof std);
	for (tok = strtok_r(std, ",/ ", &save); tok != NULL; tok = strtok_r(NULL, ",/ ", &save)) {
		if (str_startswith(tok, "802.11"))
			tok += 6;
		else if (str_startswith(tok, "11"))
			tok += 2;
		if (strcmp(tok, "b") == 0 || strcmp(tok, "g") == 0 || strcmp(tok, "bgn") == 0) {
			strlcpy_(r->band, "2.4G", sizeof r->band);
			return;
		}
		if (strcmp(tok, "a") == 0 || strcmp(tok, "ac") == 0) {
			strlcpy_(r->band, "5G", sizeof r->band);
			return;
		}
	}
}

const char *
acs_model_name(enum acs_model m)
{
	return m == ACS_MODEL_TR098 ? "TR-098" : m == ACS_MODEL_TR181 ? "TR-181" : "unknown";
}

/* The data model by the document's root object. */
enum acs_model
acs_view_model(const struct acs_device *d)
{
	if (d == NULL || d->doc == NULL)
		return ACS_MODEL_UNKNOWN;
	if (cJSON_IsObject(cJSON_GetObjectItemCaseSensitive(d->doc, "InternetGatewayDevice")))
		return ACS_MODEL_TR098;
	if (cJSON_IsObject(cJSON_GetObjectItemCaseSensitive(d->doc, "Device")))
		return ACS_MODEL_TR181;
	return ACS_MODEL_UNKNOWN;
}

/* The view of a document; see acs_view.h. */
int
acs_view_build(const struct acs_device *d, struct acs_view *v, char **cause)
{
	memset(v, 0, sizeof *v);
	v->uptime_s = -1;
	v->cpu_pct = -1;
	v->mem_total_kb = v->mem_free_kb = -1;
	if ((v->model = acs_view_model(d)) == ACS_MODEL_UNKNOWN) {
		set_cause(cause, "router %s: its document holds neither InternetGatewayDevice. "
		    "nor Device. parameters (not read yet, or a projection without them)",
		    d != NULL && d->id != NULL ? d->id : "?");
		return -1;
	}
	copy_text(v->device_id, sizeof v->device_id, d->id != NULL ? d->id : "");
	copy_text(v->serial, sizeof v->serial, d->serial != NULL ? d->serial : "");
	v->last_inform = d->last_inform;
	for (size_t i = 0; i < nitems(view_lists); i++) {
		const struct view_list *l = &view_lists[i];
		struct view_target t = { .v = v };
		struct list_walk lw = { v, l };

		if (l->model != v->model)
			continue;
		if (l->kind == ACS_VK_SYS) {
			/* The manufacturer first: vendor rows depend on it. */
			fill_field(d, &t, l->id, ACS_VF_MANUFACTURER, "", NULL, 0);
			if (v->manufacturer[0] == '\0' && d->manufacturer != NULL)
				copy_text(v->manufacturer, sizeof v->manufacturer, d->manufacturer);
			for (enum acs_view_field f = ACS_VF_MODEL; f <= ACS_VF_TX; f++)
				fill_field(d, &t, l->id, f, "", NULL, 0);
			if (v->model_name[0] == '\0' && d->product_class != NULL)
				copy_text(v->model_name, sizeof v->model_name, d->product_class);
			continue;
		}
		expand(d, "", l->pattern, list_object, &lw);
	}
	if (v->nhost_total < v->nhost)
		v->nhost_total = v->nhost;
	for (size_t i = 0; i < v->nradio; i++)
		radio_band(&v->radio[i]);
	for (size_t i = 0; i < v->nwan && v->model == ACS_MODEL_TR181; i++) {
		const char *s;
		char path[ACS_VIEW_PATH];

		if (v->wan[i].dns[0] == '\0' && resolve(d, "", tr181_dns, path, sizeof path) == 0 &&
		    (s = acs_param(d, path, NULL)) != NULL)
			copy_text(v->wan[i].dns, sizeof v->wan[i].dns, s);
		if (v->wan[i].gateway[0] == '\0' && resolve(d, "", tr181_gateway, path, sizeof path) == 0 &&
		    (s = acs_param(d, path, NULL)) != NULL)
			copy_text(v->wan[i].gateway, sizeof v->wan[i].gateway, s);
	}
	return 0;
}

/* The projection a view needs; see acs_view.h. */
const char *const *
acs_view_projection(size_t *n)
{
	*n = nitems(view_projection);
	return view_projection;
}

/* The radio a user means; see acs_view.h. */
const struct acs_radio *
acs_view_radio(const struct acs_view *v, const char *which, char **cause)
{
	struct buf b = { 0 };
	long n;

	if (which != NULL && parse_long(which, 1, (long)v->nradio, &n) == 0)
		return &v->radio[n - 1];
	if (which != NULL) {
		char want[8];

		copy_text(want, sizeof want, which);
		if (str_casecmp(want, "2.4") == 0 || str_casecmp(want, "2.4ghz") == 0)
			strlcpy_(want, "2.4G", sizeof want);
		else if (str_casecmp(want, "5") == 0 || str_casecmp(want, "5ghz") == 0)
			strlcpy_(want, "5G", sizeof want);
		for (size_t i = 0; i < v->nradio; i++)
			if (str_casecmp(v->radio[i].band, want) == 0)
				return &v->radio[i];
	}
	for (size_t i = 0; i < v->nradio; i++)
		buf_addf(&b, "%s%zu (%s%s\"%s\", instance %d)", i > 0 ? ", " : "", i + 1,
		    v->radio[i].band, v->radio[i].band[0] != '\0' ? " " : "", v->radio[i].ssid,
		    v->radio[i].instance);
	if (v->nradio == 0)
		set_cause(cause, "router %s reports no WiFi", v->device_id);
	else
		set_cause(cause, "router %s has no radio \"%s\"; it has %s (give the number or "
		    "the band, 2.4G or 5G)", v->device_id, which != NULL ? which : "", buf_str(&b));
	buf_free(&b);
	return NULL;
}

/* The PPPoE connection; see acs_view.h. */
const struct acs_wan *
acs_view_pppoe(const struct acs_view *v)
{
	for (size_t i = 0; i < v->nwan; i++)
		if (v->wan[i].user_path[0] != '\0')
			return &v->wan[i];
	return NULL;
}
