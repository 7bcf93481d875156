/*
 * olt_state.h — the typed per-OLT state as data: its defaults, its JSON and
 * its documentation, all from the one field list OLT_STATE_FIELDS
 * (model.h).
 *
 * The store reads and writes the row (store_olt_state_*, store.h); this
 * module says what a row is worth to a person or a script.  Pure functions;
 * any thread.
 */
#ifndef OLTUI_OLT_STATE_H
#define OLTUI_OLT_STATE_H

#include <stdint.h>
#include <stdio.h>

#include "core/model.h"

struct cJSON;

/* Fills s with the defaults of an OLT nothing was recorded for (every field
   its X-macro default: 0, "", uptime_s -1) and sets s->olt_id. */
void olt_state_init(struct olt_state *s, int64_t olt_id);

/* Adds every field of s to the JSON object obj under its column name:
   BOOL as true/false, TIME as ISO 8601 UTC (null for 0 = never), COUNT as a
   number, TEXT as a string.  obj stays the caller's. */
void olt_state_json(const struct olt_state *s, struct cJSON *obj);

/* Prints the field table as Markdown (docs/polling.md is made of it). */
void olt_state_print_markdown(FILE *f);

#endif
