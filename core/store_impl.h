/*
 * store_impl.h — what the store's own files share (store*.c, schema.c,
 * audit.c).  Not for other modules: they use store.h and audit.h.
 */
#ifndef OLTUI_STORE_IMPL_H
#define OLTUI_STORE_IMPL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <sqlite3.h>

#include "core/store.h"

struct store {
	sqlite3		*db;
	char		*path;
	struct stmt_slot {
		const char	*sql;	/* the static string, compared by address */
		sqlite3_stmt	*stmt;
	}		*cache;		/* grows; never evicts (a caller may be
					   stepping any of them) */
	size_t		 ncache, capcache;
	char		**secrets;	/* audit masking: exact strings to hide */
	size_t		 nsecrets;
};

extern const char *const schema_migrations[];

/* Returns the cached prepared statement for sql (a static string), reset
   and with its bindings cleared; prepares it persistently on first use.
   NULL and a cause on error. */
sqlite3_stmt *store_stmt(struct store *st, const char *sql, char **cause);
/* Sets *cause to "what: <sqlite message>" and returns -1. */
int store_fail(struct store *st, char **cause, const char *what);
/* Runs sql (no result rows) outside the cache.  0 or -1. */
int store_exec(struct store *st, const char *sql, char **cause);

/* Opens a transaction unless one is open; *own says whether this call did. */
int store_tx_open(struct store *st, bool *own, char **cause);
/* Ends what store_tx_open opened: commits when rc is 0, rolls back
   otherwise.  Returns rc, or -1 if the commit failed. */
int store_tx_close(struct store *st, bool own, int rc, char **cause);

/* Binding and reading helpers. */
/* Binds v as text ("" for NULL).  Text that is not clean UTF-8 or holds
   control characters other than LF is bound cleaned (lib/text.h): the
   database never holds them. */
void store_bind_text(sqlite3_stmt *s, int i, const char *v);
/* Binds NULL when v is NAN. */
void store_bind_real(sqlite3_stmt *s, int i, double v);
/* NAN when the column is NULL. */
double store_col_real(sqlite3_stmt *s, int i);
/* Copies column i into dst (always terminated; "" for NULL). */
void store_col_text(sqlite3_stmt *s, int i, char *dst, size_t size);

/* Grows *arr (of elem bytes) so that index n fits; used by list readers. */
void *store_grow(void *arr, size_t n, size_t *cap, size_t elem);

#endif
