/*
 * contract_link.c — which contract an ONT serves, from the console: `L` on
 * the selected ONT links it to a contract (or, with the code left empty,
 * unlinks it after a yes/no question), and the check every console path
 * that names a contract makes before anything is sent: the provisioning
 * wizard refuses an unknown contract at the form, not after the device has
 * been changed.
 *
 * A link is oltui's own record, not a device write: it goes through
 * core/inventory.c (inv_link, inv_unlink: validated and audited, as `oltui
 * link` / `unlink` do) on the UI thread's store handle, then the fleet is
 * read again (the handle's own commits do not move PRAGMA data_version, so
 * the once-a-second watch would not see them).  UI thread only.
 */
#include "tui/console/console.h"

#include <stdlib.h>
#include <string.h>

#include "core/inventory.h"
#include "core/store.h"
#include "lib/err.h"
#include "lib/util.h"

/* True when code is empty or names a stored contract; else says so. */
bool
contract_link_known(struct console *c, const char *code)
{
	struct contract ct;
	char *cause = NULL;
	int rc;

	if (code == NULL || code[0] == '\0')
		return true;
	if ((rc = store_contract_by_code(c->st, code, &ct, &cause)) == 1)
		return true;
	if (rc == 0)	/* one line of the bottom bar at 80 columns */
		console_msg(c, true, "no contract %s: add it (oltui contract add) or leave "
		    "the code empty", code);
	else
		console_msg(c, true, "%s", cause);
	free(cause);
	return false;
}

/* y to the question: unlinks the ONT asked about (c->wreq.sn). */
static void
do_unlink(struct console *c)
{
	char was[NAME_MAX_LEN + 1];
	struct err e = { 0 };

	if (inv_unlink(c->st, c->wreq.sn, was, &e) == 0)
		console_msg(c, false, "%s unlinked from %s", c->wreq.sn, was);
	else
		console_msg(c, true, "%s", err_text(&e));
	err_clear(&e);
	main_pane_refresh(c);
}

/* The code typed: links to it, or asks before unlinking when empty. */
static void
got_code(struct console *c, const char *code)
{
	struct err e = { 0 };

	if (code[0] == '\0') {
		if (c->wreq.contract[0] == '\0')
			console_msg(c, false, "%s is not linked: nothing changed", c->wreq.sn);
		else
			console_confirm(c, do_unlink, "Unlink %s from contract %s? The contract "
			    "stays; the ONT no longer names it.", c->wreq.sn, c->wreq.contract);
		return;
	}
	if (!contract_link_known(c, code))
		return;
	if (inv_link(c->st, c->wreq.sn, code, NULL, &e) == 0)
		console_msg(c, false, "%s linked to contract %s", c->wreq.sn, code);
	else
		console_msg(c, true, "%s", err_text(&e));
	err_clear(&e);
	main_pane_refresh(c);
}

/* L: asks for the contract of the selected ONT. */
void
contract_link_action(struct console *c)
{
	const struct ont *o = tree_model_sel_ont(main_pane_fleet(c));

	if (o == NULL) {
		console_msg(c, true, "select an ONT in the tree first");
		return;
	}
	memset(&c->wreq, 0, sizeof c->wreq);
	strlcpy_(c->wreq.sn, o->sn, sizeof c->wreq.sn);
	strlcpy_(c->wreq.contract, o->contract, sizeof c->wreq.contract);
	if (o->contract[0] != '\0')
		console_prompt(c, got_code, "contract for %s (now %s; empty unlinks): ", o->sn,
		    o->contract);
	else
		console_prompt(c, got_code, "link %s to contract (code): ", o->sn);
}
