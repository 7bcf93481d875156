/*
 * ops_acs.h — the operations on a customer's router (CPE) through the
 * TR-069 ACS (GenieACS NBI, drivers/acs.h): one place for the console,
 * the verbs and the jobs (mass changes and firmware schedules run
 * ops_acs_change() once per device).
 *
 *   reads     ops_acs_show() (the router's view, acs_view.h, with the age
 *             of its data and the tasks oltui left queued for it),
 *             ops_acs_tasks() (the queued tasks oltui posted, their state
 *             asked of the ACS), ops_acs_files() (the firmware images the
 *             ACS holds);
 *   writes    ops_acs_change(): refresh, reboot, factory reset, WiFi SSID
 *             and passphrase per radio, PPPoE user and password, parameters
 *             by path, firmware download — each a plan (plan.h: the ACS
 *             tasks with their undo, the intent as parameter values) run
 *             through the one write pipeline (writes.h: preview, dry run,
 *             audit under the contract, verification by reading back, undo
 *             on failure) with the executor "acs" (executor.h);
 *             ops_acs_password() keeps the ACS's own password sealed.
 *
 * A device is named by the ONT serial (found on the ACS by
 * _deviceId._SerialNumber, and in the database for its OLT and contract:
 * the audit entry is filed under the contract) or by its ACS device id.
 * Where the ACS is: config.ini [acs] url, user, insecure, timeouts, and the
 * password sealed in the vault (ops_acs_password), or a URL given for one
 * call (acs_url).  No ACS configured is a usage error naming `[acs] url`.
 *
 * How a change ends (struct acs_op_result, and the write report in it):
 *   done       the router ran the task (HTTP 200) and, where the value can
 *              be read back, it was read back as set; a WPA passphrase or a
 *              PPPoE password reads back empty (TR-069): "accepted, not
 *              readable back", not a failure;
 *   queued     the ACS keeps the task (HTTP 202: the router did not answer
 *              the connection request in time) and runs it at the router's
 *              next inform: status WRITE_DONE with queued set and the task
 *              id — not an error, and not verified; ops_acs_tasks() tracks
 *              it;
 *   unchanged  every value already was as asked: nothing sent, nothing
 *              audited (report.unchanged);
 *   usage      no ACS configured, no such device (404 or no serial match),
 *              two devices with the serial, a bad path or value, a file the
 *              ACS does not hold, a factory reset not confirmed: nothing sent;
 *   failed     the ACS refused the task (400), the router faulted it, or
 *              what was read back differs (then undone);
 *   unreachable  the ACS could not be reached, or the connection request
 *              failed (504: the router is offline or unreachable).
 *
 * Secrets: passwords are borrowed from the caller (read from a file or the
 * vault, never argv), masked in every preview and audit step ("********"),
 * never recorded for `oltui undo`; the last WiFi passphrase and PPPoE
 * password oltui set on a device are kept sealed in the vault (per device
 * and parameter), so they can be shown masked, re-applied, and restored
 * by an undo.
 *
 * Every operation runs on the calling thread with that thread's store
 * (engine_store) and may be called from a worker thread; concurrent
 * changes to different routers do not wait for each other (the write lock
 * is per ACS device, writes.h).
 */
#ifndef OLTUI_OPS_ACS_H
#define OLTUI_OPS_ACS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/writes.h"
#include "drivers/acs.h"
#include "drivers/acs_view.h"
#include "lib/err.h"

struct engine;

/* ---- changes ---- */

#define ACS_CHANGES(X)							\
	X(ACS_CH_REFRESH,	"refresh",	"re-read every parameter of the router") \
	X(ACS_CH_REBOOT,	"reboot",	"restart the router")		\
	X(ACS_CH_FACTORY_RESET,	"factory-reset", "erase the router's configuration") \
	X(ACS_CH_WIFI,		"wifi",		"a radio's SSID and WPA passphrase") \
	X(ACS_CH_PPPOE,		"pppoe",	"the WAN's PPPoE user and password") \
	X(ACS_CH_SET,		"set",		"parameters by path")		\
	X(ACS_CH_FIRMWARE,	"firmware",	"download a firmware image the ACS holds")

#define ACS_CH_ENUM(id, word, doc) id,
enum acs_change_kind { ACS_CHANGES(ACS_CH_ENUM) ACS_CHANGE_COUNT };
#undef ACS_CH_ENUM

/* "wifi", "firmware", ...; "?" out of range. */
const char *acs_change_name(enum acs_change_kind k);
/* The kind called s.  0, or -1. */
int acs_change_parse(const char *s, enum acs_change_kind *out);

/* One parameter of an ACS_CH_SET change. */
struct acs_set_param {
	const char	*path;		/* a leaf: "Device.WiFi.SSID.1.SSID" ([A-Za-z0-9_-]
					   names between dots, no "..", not ending in ".") */
	const char	*value;
	const char	*type;		/* NULL = "xsd:string"; xsd:boolean, xsd:int,
					   xsd:unsignedInt, xsd:dateTime */
	bool		 secret;	/* mask it (preview, audit), never record it */
};

/* A change to one router, as a front (or a job) parsed it.  Plain data;
   every pointer is borrowed and must stay valid until the call returns. */
struct acs_change_req {
	enum acs_change_kind	 kind;
	/* The router: an ONT serial ("HWTC1A2B3C4D" or its 16 hex digits), or
	   the ACS device id (then sn may be NULL; when the device reports a
	   serial the database knows, the audit still names its contract). */
	const char		*sn;
	const char		*device_id;
	/* The ACS: NULL = config.ini's [acs] url (with its user and sealed
	   password); a URL here is used without user or password. */
	const char		*acs_url;
	/* An open client to use (one thread at a time; a job keeps one per
	   worker), or NULL: the operation opens one and closes it. */
	struct acs		*client;
	/* The values before the change (for the preview, the no-op test and
	   the undo) are asked of the router first (a getParameterValues task)
	   unless cached_before: then the ACS's stored values are used (as old
	   as the router's last inform; the preview says how old). */
	bool			 cached_before;
	/* A router that does not run the task in time (offline, slow): keep
	   the task on the ACS for its next inform (the change is queued)
	   instead of withdrawing it and failing as unreachable.  Mass changes
	   and firmware schedules queue; the verbs do with --queue. */
	bool			 queue;
	/* ACS_CH_WIFI: the radio (1-based number in the device's instance
	   order, or "2.4G" / "5G"; NULL or "" = the first radio), and what to
	   set: ssid and/or a new passphrase, or reuse_password to send again
	   the last passphrase oltui set on that radio (kept in the vault). */
	const char		*radio;
	const char		*ssid;		/* NULL = unchanged */
	const char		*wifi_password;	/* secret; NULL = unchanged */
	bool			 reuse_password;
	/* ACS_CH_PPPOE: the WAN connection that carries PPPoE. */
	const char		*pppoe_user;	/* NULL = unchanged */
	const char		*pppoe_password; /* secret; NULL = unchanged */
	/* ACS_CH_SET */
	const struct acs_set_param *params;
	size_t			 nparams;
	/* ACS_CH_FIRMWARE: a file the ACS holds (checked with GET /files/). */
	const char		*file;
	/* ACS_CH_FACTORY_RESET: the front asked twice (refused otherwise). */
	bool			 confirm_factory_reset;
};

/* What a change did to one router.  acs_op_result_free() releases. */
struct acs_op_result {
	enum write_status	 status;	/* = rep.status */
	bool			 queued;	/* = rep.queued: the ACS keeps the task */
	char			 task_id[ACS_TASK_ID_MAX + 1];	/* the queued task, "" */
	char			 device_id[ACS_DEVICE_ID_MAX + 1];	/* "" when not found */
	char			 sn[SN_MAX_LEN + 1];	/* the ONT serial, "" unknown */
	char			 olt[NAME_MAX_LEN + 1];	/* from the database, "" */
	char			 contract[NAME_MAX_LEN + 1];	/* from the database, "" */
	char			 what[200];	/* "wifi radio 1 (2.4G) of HWTC1A2B3C4D" */
	/* The pipeline's report: preview, audit id, outcome, cause, and one
	   row per parameter (rep.params: verified, accepted not readable,
	   differs, queued, unchanged). */
	struct write_report	 rep;
};
void acs_op_result_free(struct acs_op_result *r);

/* Runs change rq on its router (o->dry_run: preview only; nothing is
   posted, the router's document is only read).  Resolves the router and
   its ONT, reads the values the change replaces, builds the plan and runs
   it through writes_run(); on success keeps a new secret sealed and
   records a queued task for ops_acs_tasks().  Returns r->status (see the
   file comment); r is filled on every path (r->rep.cause says why). */
enum write_status ops_acs_change(struct engine *e, const struct acs_change_req *rq,
    const struct write_opts *o, struct acs_op_result *r);

/* ---- reads ---- */

/* The router's view and what goes with it.  acs_show_free() releases. */
struct acs_show {
	struct acs_view		 view;
	int64_t			 now;		/* when it was read (Unix seconds) */
	char			 sn[SN_MAX_LEN + 1];
	char			 olt[NAME_MAX_LEN + 1];	/* from the database, "" */
	char			 contract[NAME_MAX_LEN + 1];
	char			 acs_url[256];	/* without credentials */
	struct acs_task_row	*pending;	/* oltui's tasks still queued for it */
	size_t			 npending;
	/* The passphrases oltui keeps sealed for this router, by the path
	   they were set on (shown masked, never in clear). */
	size_t			 nkept;
	int64_t			 kept_at[ACS_RADIOS_MAX];	/* per view.radio[i]; 0 none */
};
void acs_show_free(struct acs_show *s);

/* Finds the router of ONT serial sn (or ACS device id when device_id is
   not NULL) and builds its view from the ACS's document (nothing is
   posted: refresh first with ACS_CH_REFRESH for fresh values).  0, or -1
   with *err: ERR_USAGE (no ACS configured: names `[acs] url`; two devices
   with the serial), ERR_NOTFOUND (no such device on the ACS), a link kind
   (the ACS unreachable), ERR_FAILURE (the ACS answered something else). */
int ops_acs_show(struct engine *e, const char *sn, const char *device_id,
    const char *acs_url, struct acs_show *out, struct err *err);

/* The tasks oltui left queued (for ONT serial sn, or all when NULL), the
   state of each still queued asked of the ACS now (and stored).  Newest
   first.  0 and *rows (free()), or -1 with *err (the ACS unreachable: the
   stored states come back with -1 too, marked unknown). */
int ops_acs_tasks(struct engine *e, const char *sn, const char *acs_url,
    struct acs_task_row **rows, size_t *n, struct err *err);

/* The files the ACS holds (GET /files/).  0, or -1 with *err. */
int ops_acs_files(struct engine *e, const char *acs_url, struct acs_file_list *out,
    struct err *err);

/* An open client on the engine's ACS (acs_url as in acs_change_req), for
   a caller that runs many changes on one thread (a job's worker): pass it
   as acs_change_req.client, close it with acs_close().  0 and *out, or -1
   with *err. */
int ops_acs_client(struct engine *e, const char *acs_url, struct acs **out,
    struct err *err);
/* True when config.ini turns TLS verification off for the ACS
   (acs.insecure): the fronts say so on every ACS command. */
bool ops_acs_insecure(struct engine *e);

/* Keeps the ACS's password (config.ini [acs] user) sealed in the vault;
   NULL removes it.  Needs the engine opened with ENGINE_VAULT.  Audited
   (never the password).  0, or -1 with *err. */
int ops_acs_password(struct engine *e, const char *password, struct err *err);

#endif
