/*
 * acs_view.h — a router's TR-069 parameters as a technician reads them:
 * system, WAN, LAN, WiFi per radio, LAN hosts, Ethernet ports, optical Rx,
 * for both data models: TR-098 ("InternetGatewayDevice.", Huawei and ZTE
 * home gateways) and TR-181 ("Device.").
 *
 * The view is built from one device document (acs.h) by looking the paths
 * up in a table per data model; vendor extensions (Huawei X_HW_VLANMuxID,
 * ZTE X_ZTE-COM_VLANID and X_ZTE-COM_GponInterfaceConfig) are rows of
 * that table too.  Instance numbers are discovered (acs_instances), never
 * assumed 1..n: Huawei numbers WLANConfiguration non-sequentially, ZTE's
 * 5 GHz radio is instance 5.  A parameter the document lacks is absent
 * (its "have" flag false, its text ""), never an error.
 *
 * The same table gives the paths the actions write (the SSID and the WPA
 * passphrase of a radio, per vendor; the PPPoE user and password of a WAN
 * connection) and the projection a view needs, so what is shown and what
 * is written name the same parameter.
 *
 * Pure functions over the document; any thread.
 */
#ifndef OLTUI_ACS_VIEW_H
#define OLTUI_ACS_VIEW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "drivers/acs.h"

enum acs_model { ACS_MODEL_UNKNOWN, ACS_MODEL_TR098, ACS_MODEL_TR181 };
/* "TR-098", "TR-181", "unknown" */
const char *acs_model_name(enum acs_model m);

#define ACS_VIEW_TEXT	96
#define ACS_VIEW_PATH	160
#define ACS_RADIOS_MAX	8
#define ACS_WANS_MAX	8
#define ACS_HOSTS_MAX	64
#define ACS_ETH_MAX	8

struct acs_wan {
	char	path[ACS_VIEW_PATH];	/* the connection object, "…WANPPPConnection.1" */
	char	type[16];		/* "pppoe", "dhcp", "static", "" */
	char	status[32];		/* "Connected", "Up", ... */
	char	ip[48], gateway[48], dns[96];
	char	pppoe_user[ACS_VIEW_TEXT];
	char	user_path[ACS_VIEW_PATH];	/* where the PPPoE user is written; "" */
	char	password_path[ACS_VIEW_PATH];	/* where its password is written; "" */
	int	vlan;			/* -1 unknown */
	bool	enabled, have_enabled;
};

struct acs_radio {
	int	instance;		/* the device's own instance number */
	char	band[8];		/* "2.4G", "5G", "" */
	char	ssid[ACS_VIEW_TEXT];
	char	ssid_path[ACS_VIEW_PATH];
	char	password_path[ACS_VIEW_PATH];	/* WPA passphrase (per vendor) */
	char	standard[16];		/* "b,g,n", "ax", "" */
	char	security[32];		/* "WPA2-PSK", "11i", "" */
	int	channel;		/* -1 unknown, 0 auto */
	int	clients;		/* -1 unknown */
	bool	enabled, have_enabled;
};

struct acs_host {
	char	mac[24], ip[48], name[64];
	bool	active;
};

struct acs_eth {
	int	instance;
	char	status[24];		/* "Up", "NoLink", "Disabled" */
	char	rate[16];		/* "1000", "Auto", "" */
};

struct acs_view {
	enum acs_model	model;
	char		device_id[128];
	char		serial[64];
	char		manufacturer[ACS_VIEW_TEXT], model_name[ACS_VIEW_TEXT];
	char		firmware[ACS_VIEW_TEXT], hardware[ACS_VIEW_TEXT];
	int64_t		last_inform;	/* Unix seconds; 0 unknown */
	int64_t		oldest_param;	/* oldest _timestamp among the shown values; 0 unknown */
	int64_t		uptime_s;	/* -1 unknown */
	int		cpu_pct;	/* -1 unknown */
	int64_t		mem_total_kb, mem_free_kb;	/* -1 unknown */
	struct acs_wan	wan[ACS_WANS_MAX];
	size_t		nwan;
	char		lan_ip[48], lan_mask[48], dhcp_min[48], dhcp_max[48];
	bool		dhcp_enabled, have_dhcp;
	struct acs_radio radio[ACS_RADIOS_MAX];
	size_t		nradio;
	struct acs_host	host[ACS_HOSTS_MAX];
	size_t		nhost;		/* shown (at most ACS_HOSTS_MAX) */
	size_t		nhost_total;	/* as the device counts them */
	struct acs_eth	eth[ACS_ETH_MAX];
	size_t		neth;
	double		rx_dbm, tx_dbm;
	bool		have_rx, have_tx;
};

/* The data model of a document: by its root object. */
enum acs_model acs_view_model(const struct acs_device *d);

/* The view of d.  0, or -1 and *cause when the document has neither root. */
int acs_view_build(const struct acs_device *d, struct acs_view *v, char **cause);

/* The parameter roots a view needs ("InternetGatewayDevice.DeviceInfo",
   "InternetGatewayDevice.WANDevice", ... and "Device.…" for TR-181, plus
   "_deviceId", "_lastInform"), for acs_find's projection.  Static. */
const char *const *acs_view_projection(size_t *n);

/* The radio a user means by n (1-based: the first, second... radio the
   device has, in instance order) or by band ("2.4G", "5G"); NULL with
   *cause naming the radios there are. */
const struct acs_radio *acs_view_radio(const struct acs_view *v, const char *which,
    char **cause);

/* The WAN connection that carries PPPoE (the first with a PPPoE user path),
   or NULL. */
const struct acs_wan *acs_view_pppoe(const struct acs_view *v);

/* The view as text lines for `oltui acs show` and the console's TR-069
   section (no line depends on a width; the data age always shown,
   relative to now). */
struct buf;
void acs_view_format(const struct acs_view *v, int64_t now, struct buf *out);
/* The same with the parts of a line joined by dot (acs_view_format uses
   " · "; the console passes its glyph set's, " - " without UTF-8). */
void acs_view_format_sep(const struct acs_view *v, int64_t now, const char *dot,
    struct buf *out);

struct cJSON;
/* The view as JSON (absent values as null).  Caller deletes. */
struct cJSON *acs_view_json(const struct acs_view *v);

#endif
