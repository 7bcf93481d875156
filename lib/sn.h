/*
 * sn.h — GPON serial numbers in one canonical form.
 *
 * A GPON SN is 8 bytes: 4 ASCII vendor letters + 4 bytes of serial.  OLTs
 * print it as 16 hex digits ("485754436B886FA5"), as 16 hex plus the human
 * form ("485754436B886FA5 (HWTC-6B886FA5)"), or as 12 characters
 * ("HWTC6B886FA5", sometimes with lower-case hex, "SN:" prefixed).  The
 * canonical form is the 12-character one with upper-case hex.
 *
 * Pure functions; no state.
 */
#ifndef OLTUI_SN_H
#define OLTUI_SN_H

#include <stdbool.h>

#define SN_LEN 12

/* Normalises any of the printed forms into out (SN_LEN + 1 bytes).  Returns
   0, or -1 when s is not a recognisable SN (out is then "").  Sanitised
   captures carry placeholder SNs ("1234567890ABCDEF") whose vendor bytes
   are not letters: those are -1 too, see sn_normalize_loose(). */
int sn_normalize(const char *s, char out[SN_LEN + 1]);

/* Like sn_normalize(), but when s is not a real SN returns a newly
   allocated copy of its first word (upper-cased) rather than failing; NULL
   only for an empty s.  The caller frees the result. */
char *sn_normalize_loose(const char *s);

/* True if s is 4 vendor characters + 8 hex digits (canonical form). */
bool sn_is_canonical(const char *s);

#endif
