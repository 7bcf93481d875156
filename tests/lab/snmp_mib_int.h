/*
 * snmp_mib_int.h — what snmp_mib.c (the lookup engine) and snmp_mib_values.c
 * (the vendor columns and their value functions) share.  Internal to the
 * SNMP agent; callers hold olt->lock.
 */
#ifndef OLTSIM_SNMP_MIB_INT_H
#define OLTSIM_SNMP_MIB_INT_H

#include "tests/lab/snmp_mib.h"

enum mib_kind {
	IX_SCALAR, IX_HW_ONT, IX_HW_AUTOFIND, IX_HW_BOARD,
	IX_ZTE_ONT, IX_ZTE_ONT_1, IX_ZTE_ONT_1012, IX_ZTE_CARD,
};

/* One instance of a column: its index and what it points at. */
struct mib_row {
	uint32_t		 idx[4];
	uint32_t		 n;
	struct sim_pon		*pon;
	struct sim_ont		*ont;
	struct sim_autofind	*af;
	const struct sim_board	*board;
};

/* Fills v from a row; 0, or -1 when this row has no value in the column. */
typedef int (*mib_value_fn)(struct sim_olt *, const struct mib_row *, struct mib_value *);

struct mib_col_def {
	const char	*oid;
	enum mib_kind	 kind;
	mib_value_fn	 fn;
};

#define MIB_MAX_COLS 48		/* columns per vendor view */

/* The vendor views, in any order (the engine sorts them). */
extern const struct mib_col_def mib_hw_defs[];
extern const size_t mib_hw_ndefs;
extern const struct mib_col_def mib_zte_defs[];
extern const size_t mib_zte_ndefs;

#endif
