/*
 * parse_json.h — parse.h results as JSON (cJSON), for `oltui parse` and
 * anything else that hands results to other programs.
 *
 * Field names are the contract documented in docs/parse.md: absent values
 * are JSON null, every key of a kind is always present (boards carry the
 * keys their driver lists, struct driver_parsers.board_keys, and version
 * its modules when the driver reads them).
 */
#ifndef OLTUI_PARSE_JSON_H
#define OLTUI_PARSE_JSON_H

#include <cJSON.h>

#include "drivers/parse.h"

struct olt_driver;

/* Returns a new cJSON tree (an array for list kinds, an object otherwise)
   of a result of driver d (NULL: every board key, and modules); the caller
   frees it with cJSON_Delete(). */
cJSON *pr_result_json(const struct olt_driver *d, const struct pr_result *res);

/* Small helpers for the drivers' JSON (records of plans and states too):
   adds k as the string v, or null when v is NULL; the string member k of
   o, or NULL when it is absent or not a string. */
void json_add_str(cJSON *o, const char *k, const char *v);
const char *json_get_str(const cJSON *o, const char *k);

#endif
