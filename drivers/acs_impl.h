/*
 * acs_impl.h — what the two halves of the GenieACS client share (not a
 * public header): acs.c speaks HTTP, acs_doc.c turns what came back into
 * clean documents and reads them.
 */
#ifndef OLTUI_ACS_IMPL_H
#define OLTUI_ACS_IMPL_H

#include <cJSON.h>

#include "drivers/acs.h"

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
