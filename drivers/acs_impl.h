/*
 * acs_impl.h — what the parts of the GenieACS client share (not a public
 * header): acs.c speaks HTTP and reads devices, acs_task.c posts and
 * follows tasks and lists files, acs_doc.c turns what came back into clean
 * documents and reads them.
 *
 * A call starts its result with acs_begin(), makes one or more exchanges
 * with acs_request(), maps each answer with acs_outcome(), and ends with
 * acs_finish() (its own sentence) or acs_fail() / acs_bad_answer() (the
 * sentences every call shares).  The caller frees reply.body (buf_free).
 */
#ifndef OLTUI_ACS_IMPL_H
#define OLTUI_ACS_IMPL_H

#include <cJSON.h>
#include <curl/curl.h>

#include "drivers/acs.h"
#include "lib/util.h"

struct acs {
	CURL		*curl;		/* one easy handle, reset per request */
	char		*url;		/* "scheme://host[:port]", no slash, no user */
	char		*user, *password;
	bool		 insecure;
	char		*ca_file;	/* NULL: the system's CA store */
	int		 connect_timeout_ms, timeout_ms;
	size_t		 max_answer;
	char		 errbuf[CURL_ERROR_SIZE];
};

/* One exchange's answer. */
struct acs_reply {
	struct buf	 body;		/* at most max bytes */
	size_t		 max;
	bool		 toobig;	/* the body went over max: transfer ended */
	long		 http;		/* 0 when no answer came */
	long		 total;		/* "total" header; -1 none */
	char		 reason[96];	/* the status line's reason phrase, cleaned */
	CURLcode	 cc;
	int64_t		 ms;
};

enum acs_method { ACS_GET, ACS_POST, ACS_DELETE };

/* One exchange: url is the whole URL; body is POSTed as JSON; extra_ms
   lengthens the total timeout. */
void acs_request(struct acs *a, enum acs_method m, const char *url, const char *body,
    int extra_ms, struct acs_reply *rp);
/* The status an answer means before the call makes more of it (200 ok,
   202 queued, 404 no device, 504, 400, 401/403, other, network, too big). */
enum acs_status acs_outcome(const struct acs_reply *rp);
/* Starts a call's result (frees a previous message). */
void acs_begin(struct acs_result *r);
/* Ends a call of a with status st and a sentence (a's password, when the
   sentence quotes it back, masked); rp (maybe NULL) gives the HTTP code and
   adds its duration.  Returns st. */
enum acs_status acs_finish(const struct acs *a, struct acs_result *r, const struct acs_reply *rp,
    enum acs_status st, const char *fmt, ...) PRINTFLIKE(5, 6);
/* The shared sentence of a failure st (too big, network, auth, 400; any
   other becomes ACS_HTTP) for `what` ("the search for serial X"). */
enum acs_status acs_fail(struct acs *a, struct acs_result *r, const struct acs_reply *rp,
    enum acs_status st, const char *what);
/* An answer that is not the JSON expected: ACS_BAD_ANSWER. */
enum acs_status acs_bad_answer(struct acs *a, struct acs_result *r, const struct acs_reply *rp,
    const char *what);
/* Appends s percent-encoded (curl_easy_escape). */
void acs_add_escaped(struct acs *a, struct buf *b, const char *s);
/* The unformatted JSON text of o, which is deleted; caller frees. */
char *acs_json_text(cJSON *o);
/* The answer's body as a cleaned JSON array, or NULL. */
cJSON *acs_answer_array(const struct acs_reply *rp);

/* Makes every string of j (values and member names) safe to print and
   store, in place: control bytes (C0, DEL, C1), bidirectional overrides
   and invalid UTF-8 become '?'.  A leaf's non-string "_value" (GenieACS
   sends numbers and booleans as JSON) becomes its text. */
void acs_doc_clean(cJSON *j);

/* Cleans s in place as acs_doc_clean() does a string; returns s. */
char *acs_text_clean(char *s);

/* Fills *out from doc (a cleaned device document), taking ownership of
   it.  0, or -1 (doc deleted, *out zeroed) when doc is not an object with
   a string "_id". */
int acs_doc_fill(cJSON *doc, struct acs_device *out);

#endif
