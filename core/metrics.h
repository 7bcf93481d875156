/*
 * metrics.h — what the poll daemon tells Prometheus.
 *
 * metrics_render() builds the Prometheus text exposition format (0.0.4)
 * from the store: ONU Rx and OLT Rx per ONT, ONT counts per status, active
 * alarm counts per severity, and each OLT's last sweep (duration, requests,
 * time, success).  metrics_write_textfile() writes it for node_exporter's
 * textfile collector (write to a temporary file in the same directory, then
 * rename, so the collector never reads half a file).  metrics_push() sends
 * the same text to a Pushgateway (PUT to .../metrics/job/NAME) or to a
 * VictoriaMetrics import URL (POST to .../api/v1/import/prometheus) with
 * libcurl.
 *
 * metrics_note_sweep() records a sweep's figures in the OLT's state row
 * (store_olt_state_sweep()) so the daemon, a console and a one-shot poll
 * all export the same numbers.
 */
#ifndef OLTUI_METRICS_H
#define OLTUI_METRICS_H

#include <stdbool.h>
#include "core/poll.h"
#include "core/store.h"
#include "lib/util.h"

/* Stores the figures of one sweep of o (ok: 1 success, 0 failure). */
int metrics_note_sweep(struct store *st, const struct olt *o,
    const struct poll_result *r, int ok, char **cause);

/* Appends the exposition text for every OLT to out.  0, or -1 and a cause. */
int metrics_render(struct store *st, struct buf *out, char **cause);

/* Writes text to path atomically.  0, or -1 and a cause. */
int metrics_write_textfile(const char *path, const char *text, char **cause);

/* Pushes text to url within timeout_ms, with basic auth userpwd
   ("user:password", a secret; NULL = none), over http or https only; an
   https peer is verified against the system's CAs, or those of ca_file
   (PEM; NULL = the system's).  0, or -1 and a cause (with
   the HTTP status and the server's first line when it refused).  The
   cause never holds credentials: a URL's user:password@ is shown as
   "***@" (metrics_url_display). */
int metrics_push(const char *url, const char *userpwd, const char *ca_file,
    const char *text, int timeout_ms, char **cause);

/* True when url carries credentials (http://user:pass@host/...). */
bool metrics_url_has_userinfo(const char *url);
/* url with its user:password@ shown as "***@", into out. */
void metrics_url_display(const char *url, char *out, size_t size);
/* True when url is plain http:// to a host other than the loopback (the
   metrics, and any credentials, cross the network unencrypted). */
bool metrics_url_cleartext(const char *url);

#endif
