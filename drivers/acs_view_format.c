/*
 * acs_view_format.c — a router view (acs_view.h) as the lines `oltui acs
 * show` and the console's TR-069 section print, and as JSON for --json.
 *
 * The lines follow shared/CONSOLE.md "The router, through TR-069": a
 * label of five columns, then the parts joined by a separator (" · ", or
 * the console's own glyph through acs_view_format_sep):
 *   Router HG8245H V3R017C10S206 · TR-098 · last inform 2m ago · up 4d 02h
 *   WAN  PPPoE c1001@isp · Connected · 100.64.3.7 · vlan 100 · dns 1.1.1.1
 *   LAN  192.168.1.1/24 · DHCP .33-.254 · 6 hosts
 *   WiFi 2.4G "Home-6FA5" · ch 6 · b,g,n · WPA2-PSK · 4 clients
 * A part whose value is absent is left out; a section with nothing says
 * "none reported".  The data age is always on the first line (the last
 * inform, "never" when unknown), and a "Data" line follows when some value
 * shown was read more than a minute before that inform.  No line depends
 * on a width.  Everything in a view is clean UTF-8 (acs.h cleans what the
 * ACS sends, acs_view.c cuts at character boundaries), so both outputs
 * are too; JSON gives absent values as null.
 */
#include "drivers/acs_view.h"
#include "lib/util.h"

#include <cJSON.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* An uptime: "45m", "5h 07m", "4d 02h". */
static void
up_text(int64_t s, char *out, size_t size)
{
	if (s < 3600)
		snprintf(out, size, "%lldm", (long long)(s / 60));
	else if (s < 86400)
		snprintf(out, size, "%lldh %02lldm", (long long)(s / 3600), (long long)(s % 3600 / 60));
	else
		snprintf(out, size, "%lldd %02lldh", (long long)(s / 86400), (long long)(s % 86400 / 3600));
}

/* The prefix length of a dotted mask ("255.255.255.0" -> 24), or -1. */
static int
mask_bits(const char *mask)
{
	unsigned a, b, c, d;
	uint32_t m;
	int n = 0;
	char extra;

	if (sscanf(mask, "%u.%u.%u.%u%c", &a, &b, &c, &d, &extra) != 4 ||
	    a > 255 || b > 255 || c > 255 || d > 255)
		return -1;
	m = (uint32_t)a << 24 | (uint32_t)b << 16 | (uint32_t)c << 8 | d;
	while (n < 32 && (m & (0x80000000u >> n)))
		n++;
	return (n == 32 || (m << n) == 0) ? n : -1;
}

/* One line being built: a label, then parts joined by dot. */
struct line {
	struct buf	*out;
	const char	*dot;
	int		 parts;
};

static void
line_start(struct line *l, struct buf *out, const char *dot, const char *label)
{
	l->out = out;
	l->dot = dot;
	l->parts = 0;
	buf_addf(out, "%-4s", label);
}

/* Adds a part (separated from the previous one). */
static void PRINTFLIKE(2, 3)
part(struct line *l, const char *fmt, ...)
{
	va_list ap;

	buf_adds(l->out, l->parts++ > 0 ? l->dot : " ");
	va_start(ap, fmt);
	buf_vaddf(l->out, fmt, ap);
	va_end(ap);
}

static void
line_end(struct line *l)
{
	buf_addc(l->out, '\n');
}

/* The DHCP range, shortened to the last octet when both ends share the
   LAN address's first three (".33-.254"). */
static void
dhcp_range(const struct acs_view *v, char *out, size_t size)
{
	const char *a = strrchr(v->dhcp_min, '.'), *b = strrchr(v->dhcp_max, '.');
	const char *l = strrchr(v->lan_ip, '.');

	if (a != NULL && b != NULL && l != NULL && a - v->dhcp_min == l - v->lan_ip &&
	    b - v->dhcp_max == l - v->lan_ip &&
	    strncmp(v->dhcp_min, v->lan_ip, (size_t)(l - v->lan_ip)) == 0 &&
	    strncmp(v->dhcp_max, v->lan_ip, (size_t)(l - v->lan_ip)) == 0)
		snprintf(out, size, "%s-%s", a, b);
	else
		snprintf(out, size, "%s-%s", v->dhcp_min, v->dhcp_max);
}

/* A WAN type as a technician reads it. */
static const char *
wan_type(const char *t)
{
	if (strcmp(t, "pppoe") == 0)
		return "PPPoE";
	if (strcmp(t, "dhcp") == 0)
		return "DHCP";
	if (t[0] == '\0')
		return "IP";
	return t;
}

/* The view as lines with the separator dot; see acs_view.h. */
void
acs_view_format_sep(const struct acs_view *v, int64_t now, const char *dot, struct buf *out)
{
	struct line l;
	char t[128];

	time_ago(v->last_inform, now, t, sizeof t);
	buf_addf(out, "Router %s", v->model_name[0] != '\0' ? v->model_name : "(model not reported)");
	if (v->firmware[0] != '\0')
		buf_addf(out, " %s", v->firmware);
	buf_addf(out, "%s%s%slast inform %s", dot, acs_model_name(v->model), dot, t);
	if (v->uptime_s >= 0) {
		up_text(v->uptime_s, t, sizeof t);
		buf_addf(out, "%sup %s", dot, t);
	}
	buf_addc(out, '\n');
	if (v->oldest_param > 0 && (v->last_inform <= 0 || v->oldest_param < v->last_inform - 60)) {
		time_ago(v->oldest_param, now, t, sizeof t);
		line_start(&l, out, dot, "Data");
		part(&l, "some values were read %s (refresh to read them again)", t);
		line_end(&l);
	}
	if (v->hardware[0] != '\0' || v->cpu_pct >= 0 || v->mem_total_kb >= 0 || v->manufacturer[0] != '\0') {
		line_start(&l, out, dot, "Info");
		if (v->manufacturer[0] != '\0')
			part(&l, "%s", v->manufacturer);
		if (v->hardware[0] != '\0')
			part(&l, "hw %s", v->hardware);
		if (v->cpu_pct >= 0)
			part(&l, "cpu %d%%", v->cpu_pct);
		if (v->mem_total_kb > 0 && v->mem_free_kb >= 0)
			part(&l, "memory %lld of %lld MiB free", (long long)(v->mem_free_kb / 1024),
			    (long long)(v->mem_total_kb / 1024));
		line_end(&l);
	}
	for (size_t i = 0; i < v->nwan; i++) {
		const struct acs_wan *w = &v->wan[i];

		line_start(&l, out, dot, "WAN");
		if (w->pppoe_user[0] != '\0')
			part(&l, "%s %s", wan_type(w->type), w->pppoe_user);
		else
			part(&l, "%s", wan_type(w->type));
		if (w->have_enabled && !w->enabled)
			part(&l, "disabled");
		if (w->status[0] != '\0')
			part(&l, "%s", w->status);
		if (w->ip[0] != '\0')
			part(&l, "%s", w->ip);
		if (w->vlan >= 0)
			part(&l, "vlan %d", w->vlan);
		if (w->gateway[0] != '\0')
			part(&l, "gw %s", w->gateway);
		if (w->dns[0] != '\0')
			part(&l, "dns %s", w->dns);
		line_end(&l);
	}
	if (v->nwan == 0) {
		line_start(&l, out, dot, "WAN");
		part(&l, "none reported");
		line_end(&l);
	}
	line_start(&l, out, dot, "LAN");
	if (v->lan_ip[0] != '\0') {
		int bits = mask_bits(v->lan_mask);

		if (bits >= 0)
			part(&l, "%s/%d", v->lan_ip, bits);
		else
			part(&l, "%s", v->lan_ip);
	}
	if (v->have_dhcp && !v->dhcp_enabled)
		part(&l, "DHCP off");
	else if (v->dhcp_min[0] != '\0' && v->dhcp_max[0] != '\0') {
		dhcp_range(v, t, sizeof t);
		part(&l, "DHCP %s", t);
	}
	part(&l, "%zu host%s", v->nhost_total, v->nhost_total == 1 ? "" : "s");
	line_end(&l);
	for (size_t i = 0; i < v->nradio; i++) {
		const struct acs_radio *r = &v->radio[i];

		line_start(&l, out, dot, "WiFi");
		if (r->band[0] != '\0')
			part(&l, "%s \"%s\"", r->band, r->ssid);
		else
			part(&l, "#%d \"%s\"", r->instance, r->ssid);
		if (r->have_enabled && !r->enabled) {
			part(&l, "off");
			line_end(&l);
			continue;
		}
		if (r->channel == 0)
			part(&l, "ch auto");
		else if (r->channel > 0)
			part(&l, "ch %d", r->channel);
		if (r->standard[0] != '\0')
			part(&l, "%s", r->standard);
		if (r->security[0] != '\0')
			part(&l, "%s", r->security);
		if (r->clients >= 0)
			part(&l, "%d client%s", r->clients, r->clients == 1 ? "" : "s");
		line_end(&l);
	}
	if (v->nradio == 0) {
		line_start(&l, out, dot, "WiFi");
		part(&l, "none reported");
		line_end(&l);
	}
	for (size_t i = 0; i < v->nhost; i++) {
		const struct acs_host *h = &v->host[i];

		line_start(&l, out, dot, "Host");
		part(&l, "%s", h->name[0] != '\0' ? h->name : "(no name)");
		if (h->ip[0] != '\0')
			part(&l, "%s", h->ip);
		if (h->mac[0] != '\0')
			part(&l, "%s", h->mac);
		if (!h->active)
			part(&l, "inactive");
		line_end(&l);
	}
	if (v->nhost_total > v->nhost) {
		line_start(&l, out, dot, "Host");
		part(&l, "and %zu more", v->nhost_total - v->nhost);
		line_end(&l);
	}
	if (v->neth > 0) {
		line_start(&l, out, dot, "Eth");
		for (size_t i = 0; i < v->neth; i++)
			part(&l, "%d %s%s%s", v->eth[i].instance,
			    v->eth[i].status[0] != '\0' ? v->eth[i].status : "?",
			    v->eth[i].rate[0] != '\0' && str_casecmp(v->eth[i].status, "Up") == 0 ? " " : "",
			    str_casecmp(v->eth[i].status, "Up") == 0 ? v->eth[i].rate : "");
		line_end(&l);
	}
	if (v->have_rx || v->have_tx) {
		line_start(&l, out, dot, "PON");
		if (v->have_rx)
			part(&l, "Rx %.2f dBm", v->rx_dbm);
		if (v->have_tx)
			part(&l, "Tx %.2f dBm", v->tx_dbm);
		line_end(&l);
	}
}

/* The view as lines; see acs_view.h. */
void
acs_view_format(const struct acs_view *v, int64_t now, struct buf *out)
{
	acs_view_format_sep(v, now, " \xc2\xb7 ", out);
}

/* Adds k as the string s, null when s is empty. */
static void
add_text(cJSON *o, const char *k, const char *s)
{
	if (s != NULL && s[0] != '\0')
		cJSON_AddStringToObject(o, k, s);
	else
		cJSON_AddNullToObject(o, k);
}

/* Adds k as the number n, null when n is below zero (unknown). */
static void
add_num(cJSON *o, const char *k, double n)
{
	if (n >= 0)
		cJSON_AddNumberToObject(o, k, n);
	else
		cJSON_AddNullToObject(o, k);
}

/* Adds k as a time in ISO 8601, null when unknown. */
static void
add_time(cJSON *o, const char *k, int64_t t)
{
	char iso[32];

	if (t <= 0) {
		cJSON_AddNullToObject(o, k);
		return;
	}
	iso8601(t, iso);
	cJSON_AddStringToObject(o, k, iso);
}

/* Adds k as a boolean, null when not reported. */
static void
add_bool(cJSON *o, const char *k, bool have, bool b)
{
	if (have)
		cJSON_AddBoolToObject(o, k, b);
	else
		cJSON_AddNullToObject(o, k);
}

/* The view as JSON; see acs_view.h. */
cJSON *
acs_view_json(const struct acs_view *v)
{
	cJSON *o = cJSON_CreateObject(), *a, *x;

	cJSON_AddStringToObject(o, "model", acs_model_name(v->model));
	add_text(o, "device_id", v->device_id);
	add_text(o, "serial", v->serial);
	add_text(o, "manufacturer", v->manufacturer);
	add_text(o, "model_name", v->model_name);
	add_text(o, "firmware", v->firmware);
	add_text(o, "hardware", v->hardware);
	add_time(o, "last_inform", v->last_inform);
	add_time(o, "oldest_value", v->oldest_param);
	add_num(o, "uptime_s", (double)v->uptime_s);
	add_num(o, "cpu_pct", v->cpu_pct);
	add_num(o, "mem_total_kb", (double)v->mem_total_kb);
	add_num(o, "mem_free_kb", (double)v->mem_free_kb);
	a = cJSON_AddArrayToObject(o, "wan");
	for (size_t i = 0; i < v->nwan; i++) {
		const struct acs_wan *w = &v->wan[i];

		cJSON_AddItemToArray(a, x = cJSON_CreateObject());
		add_text(x, "path", w->path);
		add_text(x, "type", w->type);
		add_text(x, "status", w->status);
		add_bool(x, "enabled", w->have_enabled, w->enabled);
		add_text(x, "ip", w->ip);
		add_text(x, "gateway", w->gateway);
		add_text(x, "dns", w->dns);
		add_num(x, "vlan", w->vlan);
		add_text(x, "pppoe_user", w->pppoe_user);
		add_text(x, "user_path", w->user_path);
		add_text(x, "password_path", w->password_path);
	}
	x = cJSON_AddObjectToObject(o, "lan");
	add_text(x, "ip", v->lan_ip);
	add_text(x, "mask", v->lan_mask);
	add_bool(x, "dhcp_enabled", v->have_dhcp, v->dhcp_enabled);
	add_text(x, "dhcp_min", v->dhcp_min);
	add_text(x, "dhcp_max", v->dhcp_max);
	a = cJSON_AddArrayToObject(o, "wifi");
	for (size_t i = 0; i < v->nradio; i++) {
		const struct acs_radio *r = &v->radio[i];

		cJSON_AddItemToArray(a, x = cJSON_CreateObject());
		cJSON_AddNumberToObject(x, "instance", r->instance);
		add_text(x, "band", r->band);
		add_text(x, "ssid", r->ssid);
		add_bool(x, "enabled", r->have_enabled, r->enabled);
		add_num(x, "channel", r->channel);
		add_text(x, "standard", r->standard);
		add_text(x, "security", r->security);
		add_num(x, "clients", r->clients);
		add_text(x, "ssid_path", r->ssid_path);
		add_text(x, "password_path", r->password_path);
	}
	cJSON_AddNumberToObject(o, "hosts_total", (double)v->nhost_total);
	a = cJSON_AddArrayToObject(o, "hosts");
	for (size_t i = 0; i < v->nhost; i++) {
		cJSON_AddItemToArray(a, x = cJSON_CreateObject());
		add_text(x, "name", v->host[i].name);
		add_text(x, "ip", v->host[i].ip);
		add_text(x, "mac", v->host[i].mac);
		cJSON_AddBoolToObject(x, "active", v->host[i].active);
	}
	a = cJSON_AddArrayToObject(o, "ethernet");
	for (size_t i = 0; i < v->neth; i++) {
		cJSON_AddItemToArray(a, x = cJSON_CreateObject());
		cJSON_AddNumberToObject(x, "instance", v->eth[i].instance);
		add_text(x, "status", v->eth[i].status);
		add_text(x, "rate", v->eth[i].rate);
	}
	x = cJSON_AddObjectToObject(o, "optical");
	if (v->have_rx)
		cJSON_AddNumberToObject(x, "rx_dbm", v->rx_dbm);
	else
		cJSON_AddNullToObject(x, "rx_dbm");
	if (v->have_tx)
		cJSON_AddNumberToObject(x, "tx_dbm", v->tx_dbm);
	else
		cJSON_AddNullToObject(x, "tx_dbm");
	return o;
}
