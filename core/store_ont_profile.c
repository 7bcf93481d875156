/*
 * store_ont_profile.c — which service profile an ONT was provisioned with
 * (ont_profiles, migration 9), by serial like its contract link, so that
 * an ACS mass change or firmware schedule can select "the ONTs of profile
 * P".  Written when a provisioning succeeds (ops_write.c); a row goes with
 * its profile (ON DELETE CASCADE).  ONTs provisioned before v9, or outside
 * oltui, have none.  One thread per handle, like the rest of the store.
 */
#include "core/store_impl.h"
#include "lib/util.h"

#include <stdlib.h>

static const char sql_ont_profile_set[] =
    "INSERT INTO ont_profiles (sn, profile_id, set_at) "
    "SELECT ?1, id, ?3 FROM profiles WHERE name = ?2 "
    "ON CONFLICT (sn) DO UPDATE SET profile_id = excluded.profile_id, "
    "set_at = excluded.set_at";
static const char sql_profile_onts[] =
    "SELECT o.sn FROM ont_profiles o JOIN profiles p ON p.id = o.profile_id "
    "WHERE p.name = ?1 ORDER BY o.sn";

int
store_ont_profile_set(struct store *st, const char *sn, const char *profile, char **cause)
{
	sqlite3_stmt *s = store_stmt(st, sql_ont_profile_set, cause);
	int rc;

	if (s == NULL)
		return -1;
	store_bind_text(s, 1, sn);
	store_bind_text(s, 2, profile);
	sqlite3_bind_int64(s, 3, now_s());
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return store_fail(st, cause, "recording an ONT's profile");
	return sqlite3_changes(st->db) > 0 ? 1 : 0;
}

int
store_profile_onts(struct store *st, const char *profile, char (**sns)[SN_MAX_LEN + 1],
    size_t *n, char **cause)
{
	sqlite3_stmt *s = store_stmt(st, sql_profile_onts, cause);
	size_t cap = 0;
	int rc;

	*sns = NULL;
	*n = 0;
	if (s == NULL)
		return -1;
	store_bind_text(s, 1, profile);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		*sns = store_grow(*sns, *n, &cap, sizeof **sns);
		store_col_text(s, 0, (*sns)[(*n)++], SN_MAX_LEN + 1);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		free(*sns);
		*sns = NULL;
		*n = 0;
		return store_fail(st, cause, "listing a profile's ONTs");
	}
	return 0;
}
