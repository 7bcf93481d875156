/*
 * contract_ops.h — suspending and resuming a contract: every ONT linked to
 * it is disabled (suspend) or enabled (resume) through the write pipeline,
 * one audited plan per ONT, and the contract's status follows only when
 * every ONT changed.
 *
 * Main thread (it owns the store and the device context).
 */
#ifndef OLTUI_CONTRACT_OPS_H
#define OLTUI_CONTRACT_OPS_H

#include <stdbool.h>
#include <stddef.h>

#include "core/device.h"
#include "core/writes.h"

/* One ONT of the contract and how its change ended. */
struct contract_op_row {
	char			 sn[SN_MAX_LEN + 1];
	char			 olt[NAME_MAX_LEN + 1];
	char			 port[PORT_MAX_LEN + 1];
	int			 ont_id;
	enum write_status	 status;
	char			*message;	/* outcome line or cause */
	int64_t			 audit_id;
};

struct contract_op_result {
	struct contract_op_row	*rows;
	size_t			 n;
	bool			 status_changed;	/* the contract's status was updated */
};

/* Suspends (enable = false) or resumes the contract with code.  Returns the
   worst write status (WRITE_USAGE for an unknown contract, with *cause). */
enum write_status contract_set_state(struct store *st, struct device *d,
    const char *code, bool enable, const struct write_opts *o,
    struct contract_op_result *res, char **cause);
void contract_op_result_free(struct contract_op_result *r);

#endif
