/*
 * router_actions.c — the changes the router view offers (w wifi, p pppoe,
 * b reboot, f factory reset), as the technician is asked for them.
 *
 *   w  the radio (when the router has more than one: its number or band,
 *      Enter = the first), the SSID (Enter keeps it), the WPA passphrase
 *      (masked as it is typed; Enter keeps it)
 *   p  the PPPoE user (Enter keeps it), its password (masked)
 *   b  nothing to ask
 *   f  nothing to ask here; the wizard asks once more after the preview
 *
 * What was typed is checked before anything is asked of the ACS (an SSID
 * of at most 32 characters, a passphrase of 8 to 63), then the request
 * goes to the wizard (wizard_preview): a dry run of the change through
 * core (ops_acs_change with dry_run: the exact values, passwords masked),
 * Enter sends it, the progress and the result follow — the flow of every
 * console write.
 *
 * The request being asked for is the console's c->wreq (kind
 * WJ_ACS_PREVIEW), as for the ONT actions; the radios offered come from a
 * copy of the view taken when the action starts (asking), so a re-read of
 * the router between two prompts changes nothing under them.  A secret is
 * copied from the prompt (which the frame wipes) into c->wreq and wiped
 * from there once the wizard took its copy.  UI thread only.
 */
#include "tui/console/console.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/ops_acs.h"
#include "lib/util.h"

/* What the action being asked for shows in its prompts. */
static struct {
	struct acs_view	 view;		/* the router, when the action began */
	char		 who[96];	/* "HWTC6B886FA5 (C-1001)" */
} asking;

/* "the router of HWTC6B886FA5 (C-1001)": whose router, for titles. */
static void
whose(const struct wjob *w, char *out, size_t size)
{
	snprintf(out, size, "%s (%s)", w->sn, w->contract[0] ? w->contract :
	    "no contract linked");
}

/* Starts the dry run of c->wreq in the wizard, then wipes the console's
   copy of its secret (the wizard and the job hold their own). */
static void
preview(struct console *c)
{
	char title[160];

	switch (c->wreq.acs.change) {
	case ACS_CH_WIFI:
		snprintf(title, sizeof title, "WiFi radio %s of the router of %s",
		    c->wreq.acs.radio, asking.who);
		break;
	case ACS_CH_PPPOE:
		snprintf(title, sizeof title, "PPPoE of the router of %s", asking.who);
		break;
	case ACS_CH_REBOOT:
		snprintf(title, sizeof title, "Reboot the router of %s", asking.who);
		break;
	default:
		snprintf(title, sizeof title, "Factory reset the router of %s", asking.who);
		break;
	}
	wizard_preview(c, &c->wreq, title);
	wjob_wipe(&c->wreq);
}

/* The WPA passphrase was typed (or not: Enter keeps it). */
static void
got_passphrase(struct console *c, const char *text)
{
	size_t n = strlen(text);

	if (n != 0 && (n < 8 || n > 63)) {
		console_msg(c, true, "a WPA passphrase has 8 to 63 characters (this one "
		    "has %zu): nothing was sent", n);
		wjob_wipe(&c->wreq);
		return;
	}
	strlcpy_(c->wreq.acs.secret, text, sizeof c->wreq.acs.secret);
	if (c->wreq.acs.ssid[0] == '\0' && n == 0) {
		console_msg(c, false, "nothing to change: SSID and passphrase kept");
		return;
	}
	preview(c);
}

/* The SSID was typed (or not). */
static void
got_ssid(struct console *c, const char *text)
{
	if (strlen(text) > 32) {
		console_msg(c, true, "an SSID has at most 32 characters: nothing was sent");
		return;
	}
	strlcpy_(c->wreq.acs.ssid, text, sizeof c->wreq.acs.ssid);
	console_prompt_secret(c, got_passphrase, "passphrase for radio %s (8-63 "
	    "characters, hidden; Enter keeps it): ", c->wreq.acs.radio);
}

/* The radio was chosen (its number or band; "" = the first). */
static void
got_radio(struct console *c, const char *text)
{
	const struct acs_radio *r;
	char *cause = NULL;

	if ((r = acs_view_radio(&asking.view, text[0] ? text : "1", &cause)) == NULL) {
		console_msg(c, true, "%s", cause != NULL ? cause : "no such radio");
		free(cause);
		return;
	}
	snprintf(c->wreq.acs.radio, sizeof c->wreq.acs.radio, "%d",
	    (int)(r - asking.view.radio) + 1);
	console_prompt(c, got_ssid, "SSID of radio %s (%s%snow \"%s\"; Enter keeps it): ",
	    c->wreq.acs.radio, r->band, r->band[0] ? ", " : "", r->ssid);
}

/* The PPPoE password was typed (or not). */
static void
got_pppoe_password(struct console *c, const char *text)
{
	strlcpy_(c->wreq.acs.secret, text, sizeof c->wreq.acs.secret);
	if (c->wreq.acs.user[0] == '\0' && text[0] == '\0') {
		console_msg(c, false, "nothing to change: PPPoE user and password kept");
		return;
	}
	preview(c);
}

/* The PPPoE user was typed (or not). */
static void
got_pppoe_user(struct console *c, const char *text)
{
	strlcpy_(c->wreq.acs.user, text, sizeof c->wreq.acs.user);
	console_prompt_secret(c, got_pppoe_password, "PPPoE password (hidden; Enter "
	    "keeps it): ");
}

void
router_action(struct console *c, const struct wjob *target, int change,
    const struct acs_view *v)
{
	const struct acs_wan *wan;

	if (c->wjob != NULL) {
		console_msg(c, true, "a write is already running: wait for its result");
		return;
	}
	memset(&c->wreq, 0, sizeof c->wreq);
	c->wreq.kind = WJ_ACS_PREVIEW;
	c->wreq.ont_id = target->ont_id;
	strlcpy_(c->wreq.olt, target->olt, sizeof c->wreq.olt);
	strlcpy_(c->wreq.port, target->port, sizeof c->wreq.port);
	strlcpy_(c->wreq.sn, target->sn, sizeof c->wreq.sn);
	strlcpy_(c->wreq.contract, target->contract, sizeof c->wreq.contract);
	c->wreq.acs.change = change;
	asking.view = *v;
	whose(&c->wreq, asking.who, sizeof asking.who);
	switch (change) {
	case ACS_CH_WIFI:
		if (v->nradio == 0) {
			console_msg(c, true, "the ACS holds no WiFi radio for this router");
			return;
		}
		if (v->nradio == 1) {
			got_radio(c, "1");
			return;
		}
		console_prompt(c, got_radio, "WiFi radio, 1-%zu as the WiFi lines list them, "
		    "or 2.4G / 5G (Enter = 1): ", v->nradio);
		break;
	case ACS_CH_PPPOE:
		if ((wan = acs_view_pppoe(v)) == NULL) {
			console_msg(c, true, "this router has no PPPoE connection on the ACS: "
			    "nothing to set");
			return;
		}
		console_prompt(c, got_pppoe_user, "PPPoE user (now %s; Enter keeps it): ",
		    wan->pppoe_user[0] ? wan->pppoe_user : "not set");
		break;
	case ACS_CH_REBOOT:
	case ACS_CH_FACTORY_RESET:
		preview(c);
		break;
	default:
		break;
	}
}

/* The question a factory reset asks after its preview. */
void
router_action_last_question(const struct wjob *w, char *out, size_t size)
{
	char who[96];

	whose(w, who, sizeof who);
	snprintf(out, size, "ERASE the router of %s? It goes back to factory settings "
	    "(WiFi, PPPoE, all): offline until set up again.", who);
}
