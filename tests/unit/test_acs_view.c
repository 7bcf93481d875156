/* test_acs_view.c — the router view (drivers/acs_view.h) over device
   documents as GenieACS returns them (tests/fixtures/acs/): every field of
   a Huawei TR-098, a ZTE TR-098, a TR-181 and a sparse document;
   instances discovered, not assumed; the vendor's password path with or
   without the parameter in the document; units of the optical levels;
   the projection covering the view; the text lines (golden) and the JSON
   (absent = null, valid UTF-8). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "drivers/acs.h"
#include "drivers/acs_view.h"
#include "drivers/acs_view_table.h"
#include "lib/util.h"

#define IGD "InternetGatewayDevice."
#define WLAN IGD "LANDevice.1.WLANConfiguration."

/* The text of a fixture (caller frees). */
static char *
fixture_text(const char *name)
{
	const char *top = getenv("OLTUI_TOP");
	char *path = xasprintf("%s/tests/fixtures/acs/%s", top != NULL ? top : ".", name);
	FILE *f = fopen(path, "r");
	struct buf b = { 0 };
	char chunk[4096];
	size_t n;

	if (f == NULL)
		fail_msg("cannot open %s", path);
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_add(&b, chunk, n);
	fclose(f);
	free(path);
	return buf_take(&b);
}

/* A fixture as a device. */
static void
load(const char *name, struct acs_device *d)
{
	char *t = fixture_text(name), *cause = NULL;

	if (acs_device_parse(t, strlen(t), d, &cause) != 0)
		fail_msg("%s: %s", name, cause);
	free(t);
}

/* The view of a fixture. */
static void
view_of(const char *name, struct acs_view *v)
{
	struct acs_device d;
	char *cause = NULL;

	load(name, &d);
	if (acs_view_build(&d, v, &cause) != 0)
		fail_msg("%s: %s", name, cause);
	acs_device_free(&d);
}

static int64_t
at(const char *iso)
{
	int64_t t;

	assert_int_equal(parse_datetime(iso, &t), 0);
	return t;
}

/* The node of a dotted path in a document (for edits). */
static cJSON *
node(cJSON *doc, const char *path)
{
	char seg[128];

	while (doc != NULL && *path != '\0') {
		size_t k = strcspn(path, ".");

		memcpy(seg, path, k);
		seg[k] = '\0';
		doc = cJSON_GetObjectItemCaseSensitive(doc, seg);
		path += k + (path[k] == '.');
	}
	assert_non_null(doc);
	return doc;
}

static void
test_huawei_tr098_every_field(void **state)
{
	struct acs_view v;

	(void)state;
	view_of("huawei_hg8245h.json", &v);
	assert_int_equal(v.model, ACS_MODEL_TR098);
	assert_string_equal(v.device_id, "00E0FC-HG8245H-485754436B886FA5");
	assert_string_equal(v.serial, "485754436B886FA5");
	assert_string_equal(v.manufacturer, "Huawei Technologies Co., Ltd");
	assert_string_equal(v.model_name, "HG8245H");
	assert_string_equal(v.firmware, "V3R017C10S115");
	assert_string_equal(v.hardware, "10C7.A");
	assert_int_equal(v.last_inform, at("2026-11-30T10:02:00Z"));
	assert_int_equal(v.oldest_param, at("2026-11-30T07:15:00Z"));
	assert_int_equal(v.uptime_s, 352920);
	assert_int_equal(v.cpu_pct, 19);
	assert_int_equal(v.mem_total_kb, 262144);
	assert_int_equal(v.mem_free_kb, 84418);
	assert_int_equal(v.nwan, 2);
	assert_string_equal(v.wan[0].path, IGD "WANDevice.1.WANConnectionDevice.1.WANPPPConnection.1");
	assert_string_equal(v.wan[0].type, "pppoe");
	assert_string_equal(v.wan[0].status, "Connected");
	assert_string_equal(v.wan[0].ip, "100.64.25.227");
	assert_string_equal(v.wan[0].gateway, "100.64.0.1");
	assert_string_equal(v.wan[0].dns, "1.1.1.1,8.8.8.8");
	assert_string_equal(v.wan[0].pppoe_user, "c1007@isp");
	assert_string_equal(v.wan[0].user_path, IGD "WANDevice.1.WANConnectionDevice.1.WANPPPConnection.1.Username");
	assert_string_equal(v.wan[0].password_path, IGD "WANDevice.1.WANConnectionDevice.1.WANPPPConnection.1.Password");
	assert_int_equal(v.wan[0].vlan, 101);		/* X_HW_VLANMuxID of WANConnectionDevice.1 */
	assert_true(v.wan[0].have_enabled && v.wan[0].enabled);
	assert_string_equal(v.wan[1].type, "dhcp");
	assert_string_equal(v.wan[1].ip, "10.46.76.245");
	assert_string_equal(v.wan[1].gateway, "10.46.0.1");
	assert_int_equal(v.wan[1].vlan, 46);		/* of WANConnectionDevice.2 */
	assert_string_equal(v.wan[1].user_path, "");
	assert_ptr_equal(acs_view_pppoe(&v), &v.wan[0]);
	assert_string_equal(v.lan_ip, "192.168.100.1");
	assert_string_equal(v.lan_mask, "255.255.255.0");
	assert_true(v.have_dhcp && v.dhcp_enabled);
	assert_string_equal(v.dhcp_min, "192.168.100.2");
	assert_string_equal(v.dhcp_max, "192.168.100.254");
	assert_int_equal(v.nradio, 2);
	assert_int_equal(v.radio[0].instance, 1);
	assert_int_equal(v.radio[1].instance, 3);
	assert_string_equal(v.radio[0].band, "2.4G");
	assert_string_equal(v.radio[0].ssid, "HUAWEI-6FA5");
	assert_string_equal(v.radio[0].ssid_path, WLAN "1.SSID");
	assert_string_equal(v.radio[0].password_path, WLAN "1.PreSharedKey.1.KeyPassphrase");
	assert_string_equal(v.radio[0].standard, "b,g,n");
	assert_string_equal(v.radio[0].security, "WPA2-PSK");
	assert_int_equal(v.radio[0].channel, 10);
	assert_int_equal(v.radio[0].clients, 4);
	assert_true(v.radio[0].have_enabled && v.radio[0].enabled);
	assert_string_equal(v.radio[1].ssid, "HUAWEI-6FA5-guest");
	assert_string_equal(v.radio[1].password_path, WLAN "3.PreSharedKey.1.KeyPassphrase");
	assert_true(v.radio[1].have_enabled && !v.radio[1].enabled);
	assert_int_equal(v.nhost, 5);
	assert_int_equal(v.nhost_total, 5);
	assert_string_equal(v.host[0].mac, "a8:5e:45:07:00:01");
	assert_string_equal(v.host[0].ip, "192.168.100.101");
	assert_string_equal(v.host[0].name, "phone-1");
	assert_true(v.host[0].active);
	assert_false(v.host[3].active);
	assert_int_equal(v.neth, 4);
	assert_int_equal(v.eth[3].instance, 4);
	assert_string_equal(v.eth[0].status, "NoLink");
	assert_string_equal(v.eth[0].rate, "Auto");
	assert_false(v.have_rx);	/* Huawei: optics not standard over TR-069 */
	assert_false(v.have_tx);
}

static void
test_zte_tr098_every_field(void **state)
{
	struct acs_view v;

	(void)state;
	view_of("zte_f660.json", &v);
	assert_int_equal(v.model, ACS_MODEL_TR098);
	assert_string_equal(v.manufacturer, "ZTE");
	assert_string_equal(v.model_name, "F660");
	assert_string_equal(v.firmware, "V6.0.10P2N8");
	assert_int_equal(v.cpu_pct, -1);
	assert_int_equal(v.mem_total_kb, -1);
	assert_int_equal(v.mem_free_kb, -1);
	assert_int_equal(v.oldest_param, at("2026-11-30T10:02:00Z"));
	assert_int_equal(v.nwan, 2);
	assert_int_equal(v.wan[0].vlan, 102);		/* X_ZTE-COM_VLANID of the connection */
	assert_string_equal(v.wan[0].pppoe_user, "c1011@isp");
	assert_int_equal(v.wan[1].vlan, 46);
	assert_int_equal(v.nradio, 2);
	assert_int_equal(v.radio[0].instance, 1);
	assert_int_equal(v.radio[1].instance, 5);
	assert_string_equal(v.radio[0].band, "2.4G");	/* from channel 6 */
	assert_int_equal(v.radio[0].channel, 6);
	assert_string_equal(v.radio[1].band, "5G");	/* channel auto: from standard "ac" */
	assert_int_equal(v.radio[1].channel, 0);
	assert_string_equal(v.radio[1].ssid, "ZTE-EE01-5G");
	assert_string_equal(v.radio[1].password_path, WLAN "5.KeyPassphrase");
	assert_string_equal(v.radio[0].security, "WPA/WPA2-PSK");
	assert_int_equal(v.radio[1].clients, 5);
	assert_string_equal(v.lan_ip, "192.168.1.1");
	assert_string_equal(v.dhcp_min, "192.168.1.33");
	assert_true(v.have_rx && v.have_tx);
	assert_true(fabs(v.rx_dbm - -23.48) < 1e-9);	/* dBm as text */
	assert_true(fabs(v.tx_dbm - 2.31) < 1e-9);
	assert_string_equal(v.eth[0].status, "Up");
}

static void
test_tr181_every_field(void **state)
{
	struct acs_view v;

	(void)state;
	view_of("tr181_g240wc.json", &v);
	assert_int_equal(v.model, ACS_MODEL_TR181);
	assert_string_equal(v.manufacturer, "Nokia");
	assert_string_equal(v.model_name, "G-240W-C");
	assert_string_equal(v.firmware, "3FE49362IJHK46");
	assert_int_equal(v.cpu_pct, 2);
	assert_int_equal(v.mem_total_kb, 524288);
	assert_int_equal(v.uptime_s, 352920);
	assert_int_equal(v.nwan, 2);
	assert_string_equal(v.wan[0].type, "pppoe");
	assert_string_equal(v.wan[0].path, "Device.PPP.Interface.1");
	assert_string_equal(v.wan[0].status, "Connected");
	assert_string_equal(v.wan[0].ip, "100.64.120.37");
	assert_string_equal(v.wan[0].gateway, "100.64.0.1");
	assert_string_equal(v.wan[0].dns, "1.1.1.1,8.8.8.8");
	assert_string_equal(v.wan[0].pppoe_user, "c1005@isp");
	assert_string_equal(v.wan[0].user_path, "Device.PPP.Interface.1.Username");
	assert_string_equal(v.wan[0].password_path, "Device.PPP.Interface.1.Password");
	assert_int_equal(v.wan[0].vlan, 102);		/* LowerLayers -> VLANTermination.1 */
	assert_string_equal(v.wan[1].type, "dhcp");
	assert_string_equal(v.wan[1].path, "Device.DHCPv4.Client.1");
	assert_string_equal(v.wan[1].status, "Up");	/* @Interface.Status */
	assert_string_equal(v.wan[1].gateway, "10.46.0.1");
	assert_int_equal(v.wan[1].vlan, 46);		/* Interface -> LowerLayers -> VLANID */
	assert_string_equal(v.lan_ip, "192.168.1.254");	/* Pool.Interface -> IPv4Address */
	assert_string_equal(v.lan_mask, "255.255.255.0");
	assert_string_equal(v.dhcp_min, "192.168.1.64");
	assert_string_equal(v.dhcp_max, "192.168.1.253");
	assert_int_equal(v.nradio, 2);
	assert_int_equal(v.radio[0].instance, 1);
	assert_int_equal(v.radio[1].instance, 5);
	assert_string_equal(v.radio[0].ssid, "Home-D4E5");
	assert_string_equal(v.radio[0].ssid_path, "Device.WiFi.SSID.1.SSID");
	assert_string_equal(v.radio[0].password_path, "Device.WiFi.AccessPoint.1.Security.KeyPassphrase");
	assert_string_equal(v.radio[0].band, "2.4G");
	assert_int_equal(v.radio[0].channel, 1);
	assert_string_equal(v.radio[0].standard, "b,g,n");
	assert_string_equal(v.radio[0].security, "WPA2-Personal");
	assert_int_equal(v.radio[0].clients, 2);
	assert_string_equal(v.radio[1].ssid, "Home-D4E5-5G");
	assert_string_equal(v.radio[1].ssid_path, "Device.WiFi.SSID.5.SSID");
	assert_string_equal(v.radio[1].band, "5G");
	assert_int_equal(v.radio[1].channel, 36);
	assert_int_equal(v.nhost, 1);
	assert_string_equal(v.host[0].mac, "a8:5e:45:05:00:01");
	assert_int_equal(v.neth, 4);
	assert_string_equal(v.eth[1].status, "Up");
	assert_string_equal(v.eth[1].rate, "1000");
	assert_true(v.have_rx && v.have_tx);
	assert_true(fabs(v.rx_dbm - -17.52) < 1e-9);	/* dBm/1000 */
	assert_true(fabs(v.tx_dbm - 2.5) < 1e-9);
}

static void
test_sparse_document_leaves_fields_absent(void **state)
{
	struct acs_view v;

	(void)state;
	view_of("zte_sparse.json", &v);
	assert_int_equal(v.model, ACS_MODEL_TR098);
	assert_string_equal(v.manufacturer, "ZTE");
	assert_string_equal(v.model_name, "F670L");	/* from _deviceId */
	assert_string_equal(v.firmware, "V1.1.20P1N4");
	assert_string_equal(v.hardware, "");
	assert_int_equal(v.uptime_s, -1);
	assert_int_equal(v.cpu_pct, -1);
	assert_int_equal(v.nwan, 0);
	assert_null(acs_view_pppoe(&v));
	assert_string_equal(v.lan_ip, "");
	assert_false(v.have_dhcp);
	assert_int_equal(v.nhost, 0);
	assert_int_equal(v.nhost_total, 0);
	assert_int_equal(v.neth, 0);
	assert_int_equal(v.nradio, 1);
	assert_int_equal(v.radio[0].instance, 5);
	assert_string_equal(v.radio[0].ssid, "Sparse-5G");
	assert_string_equal(v.radio[0].band, "5G");
	assert_int_equal(v.radio[0].channel, -1);
	assert_int_equal(v.radio[0].clients, -1);
	assert_false(v.radio[0].have_enabled);
	assert_string_equal(v.radio[0].security, "");
	/* Never read, still the manufacturer's path. */
	assert_string_equal(v.radio[0].password_path, WLAN "5.KeyPassphrase");
	assert_int_equal(v.oldest_param, at("2026-11-30T07:15:00Z"));
	/* Raw optics in 0.1 uW: 1100 -> -9.59 dBm, 17000 -> 2.30 dBm. */
	assert_true(v.have_rx && v.have_tx);
	assert_true(fabs(v.rx_dbm - 10 * log10(0.11)) < 1e-9);
	assert_true(fabs(v.tx_dbm - 10 * log10(1.7)) < 1e-9);
}

static void
test_password_path_per_vendor_present_or_not(void **state)
{
	struct acs_device d;
	struct acs_view v;
	cJSON *w;

	(void)state;
	/* Huawei without the PreSharedKey object read: still its path. */
	load("huawei_hg8245h.json", &d);
	cJSON_DeleteItemFromObject(node(d.doc, WLAN "1"), "PreSharedKey");
	assert_int_equal(acs_view_build(&d, &v, NULL), 0);
	assert_string_equal(v.radio[0].password_path, WLAN "1.PreSharedKey.1.KeyPassphrase");
	acs_device_free(&d);
	/* ZTE with both: its own, KeyPassphrase directly. */
	load("zte_f660.json", &d);
	w = node(d.doc, WLAN "1");
	cJSON_AddItemToObject(w, "PreSharedKey", cJSON_Parse("{\"1\":{\"KeyPassphrase\":"
	    "{\"_value\":\"\",\"_type\":\"xsd:string\"}}}"));
	assert_int_equal(acs_view_build(&d, &v, NULL), 0);
	assert_string_equal(v.radio[0].password_path, WLAN "1.KeyPassphrase");
	acs_device_free(&d);
	/* Another vendor: the parameter its document holds. */
	load("zte_f660.json", &d);
	cJSON_ReplaceItemInObject(node(d.doc, IGD "DeviceInfo.Manufacturer"), "_value",
	    cJSON_CreateString("Acme Networks"));
	w = node(d.doc, WLAN "5");
	cJSON_DeleteItemFromObject(w, "KeyPassphrase");
	cJSON_AddItemToObject(w, "PreSharedKey", cJSON_Parse("{\"1\":{\"KeyPassphrase\":"
	    "{\"_value\":\"\",\"_type\":\"xsd:string\"}}}"));
	assert_int_equal(acs_view_build(&d, &v, NULL), 0);
	assert_string_equal(v.manufacturer, "Acme Networks");
	assert_string_equal(v.radio[0].password_path, WLAN "1.KeyPassphrase");
	assert_string_equal(v.radio[1].password_path, WLAN "5.PreSharedKey.1.KeyPassphrase");
	/* Nor the ZTE VLAN row: it is ZTE's extension. */
	assert_int_equal(v.wan[0].vlan, -1);
	acs_device_free(&d);
}

static void
test_instances_are_discovered_not_assumed(void **state)
{
	struct acs_device d;
	struct acs_view v;
	cJSON *wl;

	(void)state;
	load("zte_f660.json", &d);
	wl = node(d.doc, IGD "LANDevice.1.WLANConfiguration");
	cJSON_AddItemToObject(wl, "7", cJSON_DetachItemFromObject(wl, "5"));
	cJSON_AddItemToObject(wl, "12", cJSON_DetachItemFromObject(wl, "1"));
	assert_int_equal(acs_view_build(&d, &v, NULL), 0);
	assert_int_equal(v.nradio, 2);
	assert_int_equal(v.radio[0].instance, 7);
	assert_int_equal(v.radio[1].instance, 12);
	assert_string_equal(v.radio[0].ssid, "ZTE-EE01-5G");
	assert_string_equal(v.radio[0].ssid_path, WLAN "7.SSID");
	assert_string_equal(v.radio[1].password_path, WLAN "12.KeyPassphrase");
	acs_device_free(&d);
}

/* Copies the subtree of path from src into dst (a projection). */
static void
project_into(cJSON *dst, const cJSON *src, const char *path)
{
	char seg[128];

	while (*path != '\0') {
		size_t k = strcspn(path, ".");
		const cJSON *s;
		cJSON *d;

		memcpy(seg, path, k);
		seg[k] = '\0';
		path += k + (path[k] == '.');
		if ((s = cJSON_GetObjectItemCaseSensitive(src, seg)) == NULL)
			return;
		if (*path == '\0') {
			cJSON_AddItemToObject(dst, seg, cJSON_Duplicate(s, true));
			return;
		}
		if ((d = cJSON_GetObjectItemCaseSensitive(dst, seg)) == NULL)
			d = cJSON_AddObjectToObject(dst, seg);
		dst = d;
		src = s;
	}
}

static void
test_projection_covers_the_view(void **state)
{
	static const char *const names[] = {
		"huawei_hg8245h.json", "zte_f660.json", "tr181_g240wc.json", "zte_sparse.json",
	};
	size_t np;
	const char *const *proj = acs_view_projection(&np);

	(void)state;
	for (size_t i = 0; i < nitems(names); i++) {
		struct acs_device full, cut;
		struct acs_view a, b;
		char *ja, *jb;
		cJSON *x;

		load(names[i], &full);
		load(names[i], &cut);
		cJSON_Delete(cut.doc);
		cut.doc = cJSON_CreateObject();
		cJSON_AddStringToObject(cut.doc, "_id", full.id);
		for (size_t k = 0; k < np; k++)
			project_into(cut.doc, full.doc, proj[k]);
		assert_int_equal(acs_view_build(&full, &a, NULL), 0);
		assert_int_equal(acs_view_build(&cut, &b, NULL), 0);
		x = acs_view_json(&a);
		ja = cJSON_PrintUnformatted(x);
		cJSON_Delete(x);
		x = acs_view_json(&b);
		jb = cJSON_PrintUnformatted(x);
		cJSON_Delete(x);
		assert_string_equal(ja, jb);
		cJSON_free(ja);
		cJSON_free(jb);
		acs_device_free(&full);
		acs_device_free(&cut);
	}
	/* Both data models' roots are in it. */
	assert_true(np >= 4);
}

static void
test_format_lines_golden(void **state)
{
	struct acs_view v;
	struct buf b = { 0 };
	int64_t now;

	(void)state;
	view_of("huawei_hg8245h.json", &v);
	now = at("2026-11-30T10:04:00Z");
	acs_view_format(&v, now, &b);
	assert_string_equal(buf_str(&b),
	    "Router HG8245H V3R017C10S115 · TR-098 · last inform 2m ago · up 4d 02h\n"
	    "Data some values were read 2h 49m ago (refresh to read them again)\n"
	    "Info Huawei Technologies Co., Ltd · hw 10C7.A · cpu 19% · memory 82 of 256 MiB free\n"
	    "WAN  PPPoE c1007@isp · Connected · 100.64.25.227 · vlan 101 · gw 100.64.0.1 · dns 1.1.1.1,8.8.8.8\n"
	    "WAN  DHCP · Connected · 10.46.76.245 · vlan 46 · gw 10.46.0.1 · dns 10.46.0.2\n"
	    "LAN  192.168.100.1/24 · DHCP .2-.254 · 5 hosts\n"
	    "WiFi 2.4G \"HUAWEI-6FA5\" · ch 10 · b,g,n · WPA2-PSK · 4 clients\n"
	    "WiFi 2.4G \"HUAWEI-6FA5-guest\" · off\n"
	    "Host phone-1 · 192.168.100.101 · a8:5e:45:07:00:01\n"
	    "Host laptop-2 · 192.168.100.102 · a8:5e:45:07:00:02\n"
	    "Host phone-3 · 192.168.100.103 · a8:5e:45:07:00:03\n"
	    "Host laptop-4 · 192.168.100.104 · a8:5e:45:07:00:04 · inactive\n"
	    "Host phone-5 · 192.168.100.105 · a8:5e:45:07:00:05\n"
	    "Eth  1 NoLink · 2 NoLink · 3 NoLink · 4 NoLink\n");
	buf_free(&b);
	view_of("zte_sparse.json", &v);
	acs_view_format_sep(&v, now, " - ", &b);
	assert_string_equal(buf_str(&b),
	    "Router F670L V1.1.20P1N4 - TR-098 - last inform 2m ago\n"
	    "Data some values were read 2h 49m ago (refresh to read them again)\n"
	    "Info ZTE\n"
	    "WAN  none reported\n"
	    "LAN  0 hosts\n"
	    "WiFi 5G \"Sparse-5G\" - ac\n"
	    "PON  Rx -9.59 dBm - Tx 2.30 dBm\n");
	buf_free(&b);
	/* An unknown inform still shows its age: never. */
	v.last_inform = 0;
	acs_view_format(&v, now, &b);
	assert_non_null(strstr(buf_str(&b), "last inform never"));
	buf_free(&b);
}

/* True when s is valid UTF-8. */
static bool
utf8_valid(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	while (*p != '\0') {
		int n = *p < 0x80 ? 0 : (*p & 0xe0) == 0xc0 ? 1 : (*p & 0xf0) == 0xe0 ? 2 :
		    (*p & 0xf8) == 0xf0 ? 3 : -1;

		if (n < 0)
			return false;
		p++;
		for (int i = 0; i < n; i++, p++)
			if ((*p & 0xc0) != 0x80)
				return false;
	}
	return true;
}

static void
test_json_nulls_and_utf8(void **state)
{
	struct acs_device d;
	struct acs_view v;
	struct buf b = { 0 };
	cJSON *j, *x;
	char *text;

	(void)state;
	view_of("zte_sparse.json", &v);
	j = acs_view_json(&v);
	assert_true(cJSON_IsNull(cJSON_GetObjectItem(j, "uptime_s")));
	assert_true(cJSON_IsNull(cJSON_GetObjectItem(j, "cpu_pct")));
	assert_true(cJSON_IsNull(cJSON_GetObjectItem(j, "hardware")));
	assert_true(cJSON_IsNull(cJSON_GetObjectItem(cJSON_GetObjectItem(j, "lan"), "ip")));
	assert_true(cJSON_IsNull(cJSON_GetObjectItem(cJSON_GetObjectItem(j, "lan"), "dhcp_enabled")));
	assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(j, "wan")), 0);
	x = cJSON_GetArrayItem(cJSON_GetObjectItem(j, "wifi"), 0);
	assert_true(cJSON_IsNull(cJSON_GetObjectItem(x, "channel")));
	assert_true(cJSON_IsNull(cJSON_GetObjectItem(x, "enabled")));
	assert_string_equal(cJSON_GetObjectItem(x, "band")->valuestring, "5G");
	assert_string_equal(cJSON_GetObjectItem(j, "last_inform")->valuestring, "2026-11-30T10:02:00Z");
	assert_true(cJSON_IsNumber(cJSON_GetObjectItem(cJSON_GetObjectItem(j, "optical"), "rx_dbm")));
	cJSON_Delete(j);
	/* An SSID of 60 two-byte characters is cut at a character boundary,
	   and control bytes never reach the view. */
	load("zte_f660.json", &d);
	{
		struct buf s = { 0 };

		for (int i = 0; i < 60; i++)
			buf_adds(&s, "\xc3\xa9");
		buf_adds(&s, "\x1b[2J");
		cJSON_ReplaceItemInObject(node(d.doc, WLAN "1.SSID"), "_value",
		    cJSON_CreateString(buf_str(&s)));
		buf_free(&s);
	}
	text = cJSON_PrintUnformatted(d.doc);
	acs_device_free(&d);
	assert_int_equal(acs_device_parse(text, strlen(text), &d, NULL), 0);
	cJSON_free(text);
	assert_int_equal(acs_view_build(&d, &v, NULL), 0);
	assert_true(utf8_valid(v.radio[0].ssid));
	assert_int_equal(strlen(v.radio[0].ssid), 94);
	acs_view_format(&v, at("2026-11-30T10:04:00Z"), &b);
	assert_true(utf8_valid(buf_str(&b)));
	assert_false(strchr(buf_str(&b), '\x1b') != NULL);
	j = acs_view_json(&v);
	text = cJSON_PrintUnformatted(j);
	assert_true(utf8_valid(text));
	cJSON_free(text);
	cJSON_Delete(j);
	buf_free(&b);
	acs_device_free(&d);
}

static void
test_radio_by_number_or_band(void **state)
{
	struct acs_view v;
	char *cause = NULL;

	(void)state;
	view_of("zte_f660.json", &v);
	assert_ptr_equal(acs_view_radio(&v, "1", NULL), &v.radio[0]);
	assert_ptr_equal(acs_view_radio(&v, "2", NULL), &v.radio[1]);
	assert_ptr_equal(acs_view_radio(&v, "5G", NULL), &v.radio[1]);
	assert_ptr_equal(acs_view_radio(&v, "5ghz", NULL), &v.radio[1]);
	assert_ptr_equal(acs_view_radio(&v, "2.4", NULL), &v.radio[0]);
	assert_null(acs_view_radio(&v, "3", &cause));
	assert_non_null(strstr(cause, "1 (2.4G \"ZTE-EE01\", instance 1)"));
	assert_non_null(strstr(cause, "2 (5G \"ZTE-EE01-5G\", instance 5)"));
	assert_null(acs_view_radio(&v, "6G", &cause));
	free(cause);
}

static void
test_a_document_without_a_root_is_refused(void **state)
{
	struct acs_device d;
	struct acs_view v;
	char *cause = NULL;
	static const char doc[] = "{\"_id\":\"X-Y-Z\",\"_lastInform\":\"2026-11-30T10:02:00.000Z\"}";

	(void)state;
	assert_int_equal(acs_device_parse(doc, strlen(doc), &d, NULL), 0);
	assert_int_equal(acs_view_model(&d), ACS_MODEL_UNKNOWN);
	assert_int_equal(acs_view_build(&d, &v, &cause), -1);
	assert_non_null(strstr(cause, "X-Y-Z"));
	free(cause);
	cause = NULL;
	acs_device_free(&d);
	assert_int_equal(acs_device_parse("[1]", 3, &d, &cause), -1);
	assert_int_equal(acs_device_parse("{", 1, &d, &cause), -1);
	free(cause);
	assert_string_equal(acs_model_name(ACS_MODEL_TR181), "TR-181");
}

/* Fuzz finding (tests/fuzz/regress/acs/): an object holding the same
   instance twice ("3": {}, "3": {}, which a hostile ACS or proxy can send)
   gave the instance twice, and the view two radios numbered 3 showing the
   first one's values both times.  An instance is taken once. */
static void
test_an_instance_named_twice_is_taken_once(void **state)
{
	static const char doc[] = "{\"_id\":\"X\",\"InternetGatewayDevice\":{\"LANDevice\":"
	    "{\"1\":{\"WLANConfiguration\":{\"3\":{\"SSID\":{\"_value\":\"a\"}},"
	    "\"1\":{},\"3\":{\"SSID\":{\"_value\":\"b\"}},\"1\":{}}}}}}";
	struct acs_device d;
	struct acs_view v;
	char *cause = NULL;
	int inst[8];

	(void)state;
	assert_int_equal(acs_device_parse(doc, strlen(doc), &d, NULL), 0);
	assert_int_equal(acs_instances(&d, "InternetGatewayDevice.LANDevice.1.WLANConfiguration",
	    inst, 8), 2);
	assert_int_equal(inst[0], 1);
	assert_int_equal(inst[1], 3);
	if (acs_view_build(&d, &v, &cause) == 0) {
		for (size_t i = 1; i < v.nradio; i++)
			assert_true(v.radio[i].instance > v.radio[i - 1].instance);
	}
	free(cause);
	acs_device_free(&d);
}

static void
test_a_vendor_registers_its_rows(void **state)
{
	static const struct acs_view_row acme_rows[] = {
		{ ACS_VL_098_PPP, ACS_VF_WAN_VLAN, "X_ACME_Vlan", ACS_CV_INT },
		{ ACS_VL_098_WLAN, ACS_VF_R_PASSWORD, "X_ACME_Key", ACS_CV_TEXT },
	};
	static const struct acs_view_vendor acme = {
		.name = "acme", .manufacturer = "acme", .rows = acme_rows, .nrows = 2,
	};
	struct acs_device d;
	struct acs_view v;

	(void)state;
	acs_view_vendor_register(&acme);
	load("zte_f660.json", &d);
	cJSON_ReplaceItemInObject(node(d.doc, IGD "DeviceInfo.Manufacturer"), "_value",
	    cJSON_CreateString("ACME Networks"));
	cJSON_AddItemToObject(node(d.doc, IGD "WANDevice.1.WANConnectionDevice.1.WANPPPConnection.1"),
	    "X_ACME_Vlan", cJSON_Parse("{\"_value\":\"777\",\"_type\":\"xsd:unsignedInt\"}"));
	cJSON_DeleteItemFromObject(node(d.doc, WLAN "1"), "KeyPassphrase");
	assert_int_equal(acs_view_build(&d, &v, NULL), 0);
	assert_int_equal(v.wan[0].vlan, 777);
	/* Its passphrase row when the document holds none of the rows'
	   parameters (a parameter present wins: WLAN 5 keeps its own). */
	assert_string_equal(v.radio[1].password_path, WLAN "5.KeyPassphrase");
	assert_string_equal(v.radio[0].password_path, WLAN "1.X_ACME_Key");
	/* The other vendors' rows stay out. */
	assert_int_equal(v.wan[1].vlan, -1);
	acs_device_free(&d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_huawei_tr098_every_field),
		cmocka_unit_test(test_zte_tr098_every_field),
		cmocka_unit_test(test_tr181_every_field),
		cmocka_unit_test(test_sparse_document_leaves_fields_absent),
		cmocka_unit_test(test_password_path_per_vendor_present_or_not),
		cmocka_unit_test(test_instances_are_discovered_not_assumed),
		cmocka_unit_test(test_a_vendor_registers_its_rows),
		cmocka_unit_test(test_projection_covers_the_view),
		cmocka_unit_test(test_format_lines_golden),
		cmocka_unit_test(test_json_nulls_and_utf8),
		cmocka_unit_test(test_radio_by_number_or_band),
		cmocka_unit_test(test_a_document_without_a_root_is_refused),
		cmocka_unit_test(test_an_instance_named_twice_is_taken_once),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
