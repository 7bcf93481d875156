/*
 * acs_view_table.h — the vocabulary of the router view's table (not a
 * public header): which objects are listed, which fields rows fill, how a
 * parameter's text is read, and the rows of a router vendor.
 *
 * The generic rows (the data models' own parameters) are in acs_view.c;
 * a vendor's extensions are in drivers/<vendor>_acs.c, registered with
 * ACS_VIEW_VENDOR, so no vendor is named outside its own files (as OLT
 * drivers register with DRIVER_REGISTER).  The registry is filled before
 * main() runs and read-only afterwards.
 */
#ifndef OLTUI_ACS_VIEW_TABLE_H
#define OLTUI_ACS_VIEW_TABLE_H

#include <stddef.h>

#include "drivers/acs_view.h"

/* What a list enumerates. */
enum acs_view_kind { ACS_VK_SYS, ACS_VK_WAN, ACS_VK_RADIO, ACS_VK_HOST, ACS_VK_ETH };

enum acs_view_list {
	ACS_VL_098_SYS, ACS_VL_098_PPP, ACS_VL_098_IP, ACS_VL_098_WLAN, ACS_VL_098_HOST, ACS_VL_098_ETH,
	ACS_VL_181_SYS, ACS_VL_181_PPP, ACS_VL_181_DHCP, ACS_VL_181_AP, ACS_VL_181_HOST, ACS_VL_181_ETH,
};

/* How a parameter's text becomes a field. */
enum acs_view_conv {
	ACS_CV_TEXT, ACS_CV_INT, ACS_CV_BOOL,
	ACS_CV_BAND,	/* "2.4GHz" -> "2.4G" */
	ACS_CV_SEC098,	/* TR-098 BeaconType -> "WPA2-PSK" ... */
	ACS_CV_ADDR,	/* AddressingType "DHCP" -> "dhcp" */
	ACS_CV_RATE,	/* "-1" -> "Auto" */
	ACS_CV_RX_DBM,	/* dBm text, or raw 0.1 uW when positive */
	ACS_CV_TX_DBM,	/* dBm text, or raw 0.1 uW when over 10 */
	ACS_CV_MDBM,	/* dBm/1000 */
};

/* The fields rows fill, in the order of struct acs_view and its parts
   (the engine walks the ranges ACS_VF_MODEL..ACS_VF_TX, ACS_VF_WAN_ENABLE..ACS_VF_WAN_VLAN,
   ACS_VF_R_ENABLE..ACS_VF_R_CLIENTS, ACS_VF_H_MAC..ACS_VF_H_ACTIVE, ACS_VF_E_STATUS..ACS_VF_E_RATE). */
enum acs_view_field {
	ACS_VF_MANUFACTURER, ACS_VF_MODEL, ACS_VF_FIRMWARE, ACS_VF_HARDWARE, ACS_VF_UPTIME, ACS_VF_CPU,
	ACS_VF_MEM_TOTAL, ACS_VF_MEM_FREE, ACS_VF_LAN_IP, ACS_VF_LAN_MASK, ACS_VF_DHCP_ENABLE, ACS_VF_DHCP_MIN,
	ACS_VF_DHCP_MAX, ACS_VF_HOSTS, ACS_VF_RX, ACS_VF_TX,
	ACS_VF_WAN_ENABLE, ACS_VF_WAN_STATUS, ACS_VF_WAN_ADDR, ACS_VF_WAN_IP, ACS_VF_WAN_GATEWAY, ACS_VF_WAN_DNS,
	ACS_VF_WAN_USER, ACS_VF_WAN_PASSWORD, ACS_VF_WAN_VLAN,
	ACS_VF_R_ENABLE, ACS_VF_R_SSID, ACS_VF_R_PASSWORD, ACS_VF_R_BAND, ACS_VF_R_CHANNEL, ACS_VF_R_STANDARD,
	ACS_VF_R_SECURITY, ACS_VF_R_CLIENTS,
	ACS_VF_H_MAC, ACS_VF_H_IP, ACS_VF_H_NAME, ACS_VF_H_ACTIVE,
	ACS_VF_E_STATUS, ACS_VF_E_RATE,
	ACS_VF_COUNT
};

/* One place a field is found: in the objects of list, at path (absolute
   for the system lists, relative otherwise; see acs_view.c for '*', '^'
   and '@'), read with conv. */
struct acs_view_row {
	enum acs_view_list	 list;
	enum acs_view_field	 field;
	const char		*path;
	enum acs_view_conv	 conv;
};

/* A router vendor's rows: its extensions (VLAN, optics, CPU) and where it
   keeps the WPA passphrase.  They apply when the router's manufacturer
   (DeviceInfo.Manufacturer, else _deviceId._Manufacturer) contains
   `manufacturer` (lower case, compared case-insensitively), and are tried
   before the generic rows of the same field. */
struct acs_view_vendor {
	const char			*name;		/* for docs and tests */
	const char			*manufacturer;
	const struct acs_view_row	*rows;
	size_t				 nrows;
};

/* Adds a vendor's rows (at start-up, through ACS_VIEW_VENDOR; tests may
   call it before they start threads).  A second vendor of the same name
   replaces the first. */
void acs_view_vendor_register(const struct acs_view_vendor *v);

#define ACS_VIEW_VENDOR(v)						\
	static void acs_view_vendor_register_##v(void) __attribute__((constructor)); \
	static void acs_view_vendor_register_##v(void) { acs_view_vendor_register(&v); }


#endif
