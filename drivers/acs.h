/*
 * acs.h — the GenieACS NBI client: a customer's router (CPE) reached
 * through a TR-069 ACS, over HTTP(S) with libcurl, answers read with cJSON.
 *
 * GenieACS keeps a document per device: "_id" (OUI-ProductClass-Serial),
 * "_deviceId" (_Manufacturer, _OUI, _ProductClass, _SerialNumber),
 * "_lastInform", and the parameter tree, each leaf an object with
 * "_value", "_type", "_timestamp" and "_writable", each object node with
 * "_object", "_timestamp" (docs/api-reference.rst, lib/nbi.ts).
 *
 *   GET  /devices/?query=<url-encoded JSON>&projection=a,b   (header "total")
 *   POST /devices/<url-encoded id>/tasks?timeout=MS[&connection_request]
 *        200 done in the session the request triggered
 *        202 queued, not processed (device offline or slow): the task stays
 *            on the ACS and runs at the device's next inform
 *        404 no such device; 504 connection request failed; 400 bad task
 *   GET  /tasks/?query={"_id":"..."}   (a task is deleted when it is done)
 *   GET  /faults/?query={"device":"..."}
 *   DELETE /tasks/<id>
 *   GET  /files/
 *
 * Each call gives an acs_status naming which of those happened, with a
 * sentence a technician can act on in acs_result.message.  The client never
 * logs; it never puts the password in a URL (CURLOPT_USERNAME/PASSWORD),
 * and the messages never hold it.  TLS verification is on unless the
 * connection says insecure (the callers say so loudly).  Answers are
 * bounded (acs_conn.max_answer): a larger one is ACS_TOOBIG.
 *
 * Everything received is cleaned on arrival: control bytes (C0, DEL, C1),
 * bidirectional overrides and invalid UTF-8 in any string of an answer
 * become '?', so what the ACS (or a router) sends can neither drive a
 * terminal nor split a log line; and a leaf's number or boolean "_value"
 * becomes its text ("3600", "true"), "_type" saying what it was.
 *
 * Threads: a struct acs is used by one thread at a time (one curl easy
 * handle, reused for keep-alive).  acs_global_init() once per process
 * before any thread opens one.
 */
#ifndef OLTUI_ACS_H
#define OLTUI_ACS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct cJSON;

/* How to reach the ACS.  Strings are copied by acs_open(). */
struct acs_conn {
	const char	*url;		/* base, "http://acs.example:7557" (no path) */
	const char	*user;		/* basic auth; NULL or "" = none */
	const char	*password;	/* secret; NULL = none */
	bool		 insecure;	/* TLS peer/host verification off */
	const char	*ca_file;	/* PEM CA certificates to verify the ACS
					   with instead of the system's; NULL */
	int		 connect_timeout_ms; /* 0 = 5000 */
	int		 timeout_ms;	/* whole request; 0 = 30000 */
	size_t		 max_answer;	/* bytes; 0 = 16 MiB */
};

#define ACS_STATUSES(X)							\
	X(ACS_OK,		"ok")		/* 200: done (or a read answered) */ \
	X(ACS_QUEUED,		"queued")	/* 202: the task waits on the ACS */ \
	X(ACS_NO_DEVICE,	"no device")	/* 404, or no device matched */ \
	X(ACS_CR_FAILED,	"offline")	/* 504: connection request failed */ \
	X(ACS_BAD_REQUEST,	"bad request")	/* 400: the ACS refused the task */ \
	X(ACS_AUTH,		"auth")		/* 401/403: user/password refused */ \
	X(ACS_HTTP,		"http")		/* any other HTTP status */ \
	X(ACS_NET,		"unreachable")	/* connect, DNS, TLS, timeout */ \
	X(ACS_BAD_ANSWER,	"bad answer")	/* not the JSON expected */ \
	X(ACS_TOOBIG,		"too big")	/* answer over max_answer */ \
	X(ACS_USAGE,		"usage")	/* invalid argument: nothing sent */

#define ACS_ENUM(id, name) id,
enum acs_status { ACS_STATUSES(ACS_ENUM) ACS_STATUS_COUNT };
#undef ACS_ENUM

/* "ok", "queued", ... ; "unknown" out of range. */
const char *acs_status_name(enum acs_status s);

/* The outcome of one call.  message is owned (acs_result_clear). */
struct acs_result {
	enum acs_status	 status;
	long		 http;		/* HTTP status; 0 when none came */
	char		*message;	/* a sentence naming the ACS and the device */
	int64_t		 ms;		/* the request's duration */
};
void acs_result_clear(struct acs_result *r);

/* One device document (the projection asked for).  Owned (acs_device_free). */
struct acs_device {
	char		*id;		/* "_id" */
	char		*serial;	/* _deviceId._SerialNumber, "" if absent */
	char		*manufacturer;	/* _deviceId._Manufacturer, "" */
	char		*product_class;	/* _deviceId._ProductClass, "" */
	char		*oui;		/* _deviceId._OUI, "" */
	int64_t		 last_inform;	/* Unix seconds; 0 = unknown */
	struct cJSON	*doc;		/* the whole document */
};
void acs_device_free(struct acs_device *d);
/* A device from the text of its document (a stored one, a test fixture),
   cleaned as an answer is.  0, or -1 and *cause (not JSON, no "_id"). */
int acs_device_parse(const char *json, size_t len, struct acs_device *out, char **cause);

struct acs_device_list {
	struct acs_device	*v;
	size_t			 n;
	long			 total;	/* the "total" header; -1 when absent */
};
void acs_device_list_free(struct acs_device_list *l);

/* A posted task's fate. */
struct acs_task {
	char		*id;		/* the task's "_id"; NULL when none came */
	char		*fault;		/* the device's fault text, if any */
};
void acs_task_free(struct acs_task *t);

struct acs_file {
	char		*name;		/* "_id" */
	char		*type;		/* metadata.fileType, "" */
	char		*oui, *product_class, *version;	/* metadata, "" */
	int64_t		 length;	/* -1 unknown */
};
struct acs_file_list {
	struct acs_file	*v;
	size_t		 n;
};
void acs_file_list_free(struct acs_file_list *l);

struct acs;

/* Once per process, before threads (curl_global_init). */
void acs_global_init(void);

/* A client for the ACS.  NULL and *cause when the URL is not http(s)://
   host[:port] or curl cannot start. */
struct acs *acs_open(const struct acs_conn *c, char **cause);
void acs_close(struct acs *a);
/* The base URL without credentials, for messages and the audit. */
const char *acs_url(const struct acs *a);

/* The devices matching a GenieACS query (a JSON object as text), with only
   the parameters named in proj (NULL = the whole documents), skip/limit
   (limit 0 = no limit).  ACS_OK and *out (maybe empty), or another status. */
enum acs_status acs_query(struct acs *a, const char *query, const char *const *proj,
    size_t nproj, size_t skip, size_t limit, struct acs_device_list *out,
    struct acs_result *r);

/* The device whose serial is sn: matches _deviceId._SerialNumber against
   the GPON serial as typed ("HWTC1A2B3C4D") and its hex form
   ("485754431A2B3C4D"), case-insensitively.  ACS_OK and *out;
   ACS_NO_DEVICE when none matches; ACS_USAGE (nothing sent) when two do
   (the message names them) or sn is not a serial. */
enum acs_status acs_find(struct acs *a, const char *sn, const char *const *proj,
    size_t nproj, struct acs_device *out, struct acs_result *r);

/* Posts a task (a JSON object as text) for device id.  connection_request
   asks the ACS to wake the device and wait up to timeout_ms for the task to
   run.  ACS_OK (done), ACS_QUEUED (kept on the ACS: *out has its id),
   ACS_NO_DEVICE, ACS_CR_FAILED, ACS_BAD_REQUEST, ...
   task NULL with connection_request only wakes the device: ACS_OK, or
   ACS_CR_FAILED (504) when the connection request fails.  A queued task
   the device faulted has *out's fault set ("cwmp.9002 Internal error"). */
enum acs_status acs_task_post(struct acs *a, const char *device_id, const char *task,
    bool connection_request, int timeout_ms, struct acs_task *out,
    struct acs_result *r);

/* Where a queued task is: ACS_QUEUED while the ACS still holds it (with
   *fault set when the device faulted it), ACS_OK once it is gone (done). */
enum acs_status acs_task_state(struct acs *a, const char *task_id, struct acs_task *out,
    struct acs_result *r);

/* Deletes a queued task (cancel).  ACS_OK, or ACS_NO_DEVICE when it is gone. */
enum acs_status acs_task_delete(struct acs *a, const char *task_id, struct acs_result *r);

/* The files the ACS holds (firmware images). */
enum acs_status acs_files(struct acs *a, struct acs_file_list *out, struct acs_result *r);

/* ---- reading a device document ---- */

/* The value of the leaf at path ("InternetGatewayDevice.DeviceInfo.
   SoftwareVersion") as text (numbers and booleans spelled as GenieACS
   sends them), or NULL when the document does not hold it.  *ts gets its
   _timestamp in Unix seconds (0 unknown) when ts is not NULL.  Borrowed
   from d.  A plain string member ("_deviceId._SerialNumber",
   "_lastInform") is read as well. */
const char *acs_param(const struct acs_device *d, const char *path, int64_t *ts);
/* The instance numbers under an object path ("….WLANConfiguration"), in
   ascending order, as the device numbered them (never assumed 1..n), each
   once.
   Returns how many (at most max). */
size_t acs_instances(const struct acs_device *d, const char *path, int *out, size_t max);

/* ---- task bodies (JSON text, caller frees; NULL when a path, value or
   name is NULL or empty) ---- */

/* {"name":"getParameterValues","parameterNames":[...]} */
char *acs_task_get_values(const char *const *paths, size_t n);
/* {"name":"setParameterValues","parameterValues":[[path,value,type],...]};
   type NULL = "xsd:string". */
char *acs_task_set_values(const char *const *paths, const char *const *values,
    const char *const *types, size_t n);
/* {"name":"refreshObject","objectName":obj} ("" = everything) */
char *acs_task_refresh(const char *obj);
/* {"name":"reboot"} / {"name":"factoryReset"} */
char *acs_task_simple(const char *name);
/* {"name":"download","file":file} */
char *acs_task_download(const char *file);

#endif
