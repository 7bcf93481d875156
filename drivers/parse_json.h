/*
 * parse_json.h — parse.h results as JSON (cJSON), for `oltui parse` and
 * anything else that hands results to other programs.
 *
 * Field names are the contract documented in docs/parse.md: absent values
 * are JSON null, every key of a kind is always present (boards and version
 * carry the keys of their vendor only).
 */
#ifndef OLTUI_PARSE_JSON_H
#define OLTUI_PARSE_JSON_H

#include <cJSON.h>

#include "drivers/parse.h"

/* Returns a new cJSON tree (an array for list kinds, an object otherwise);
   the caller frees it with cJSON_Delete(). */
cJSON *pr_result_json(enum pr_vendor vendor, const struct pr_result *res);

#endif
