/*
 * fuzz_audit.c — the audit trail's masking (core/audit.c audit_mask): the
 * registered secrets and the values after secret words, in any text.
 *
 * Input: byte 0 the number of secrets (0-3), that many NUL-ended secrets,
 * then the text (up to the next NUL), then a word.
 *
 * Invariants: no registered secret (one without '*', the mask's own
 * character) is left in the masked text; when no secret holds '*' or a
 * line break, masking is idempotent (masking the masked text changes
 * nothing) and keeps the lines (as many line breaks); after any text, a line "password WORD" and a pair
 * "snmp-community=WORD" come out as "password ***" and
 * "snmp-community=***" (WORD: letters and digits, not one of the words
 * that may stand between a secret word and its secret, "cipher"...).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/audit.h"
#include "core/store_impl.h"
#include "lib/util.h"
#include "tests/fuzz/harness.h"

/* Forgets the secrets registered with st (a store with no database: the
   masking reads only its secrets). */
static void
forget(struct store *st)
{
	for (size_t i = 0; i < st->nsecrets; i++)
		free(st->secrets[i]);
	free(st->secrets);
	st->secrets = NULL;
	st->nsecrets = 0;
}

static size_t
count(const char *s, char c)
{
	size_t n = 0;

	for (; *s != '\0'; s++)
		n += *s == c;
	return n;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fz in = { data, size };
	struct store st = { 0 };
	unsigned nsec = fz_byte(&in) % 4;
	char *secrets[3] = { NULL, NULL, NULL }, *text, *word, *m, *mm, *tail;
	size_t nw = 0;
	bool plain;

	for (unsigned i = 0; i < nsec; i++) {
		secrets[i] = fz_part(&in, NULL);
		if (secrets[i] != NULL)
			audit_secret(&st, secrets[i]);
	}
	if ((text = fz_part(&in, NULL)) == NULL)
		text = xstrdup("");
	word = fz_rest(&in, NULL);

	m = audit_mask(&st, text);
	for (unsigned i = 0; i < nsec; i++)
		if (secrets[i] != NULL && secrets[i][0] != '\0' &&
		    strchr(secrets[i], '*') == NULL && strstr(m, secrets[i]) != NULL)
			fz_fail("secret \"%.40s\" is left in the masked text", secrets[i]);
	/* A secret of the mask's own '*' is masked again each time, and one
	   holding a line break takes it with it: both are left out. */
	plain = true;
	for (unsigned i = 0; i < nsec; i++)
		if (secrets[i] != NULL && (strchr(secrets[i], '*') != NULL ||
		    strchr(secrets[i], '\n') != NULL))
			plain = false;
	mm = audit_mask(&st, m);
	if (plain && strcmp(m, mm) != 0)
		fz_fail("masking twice changes the text: \"%.200s\" -> \"%.200s\"", m, mm);
	if (plain && count(m, '\n') != count(text, '\n'))
		fz_fail("masking changed the number of lines");
	free(m);
	free(mm);
	forget(&st);

	/* The words' rule, after whatever text: a plain word is masked. */
	while (word[nw] != '\0' && ((word[nw] >= 'a' && word[nw] <= 'z') ||
	    (word[nw] >= 'A' && word[nw] <= 'Z') || (word[nw] >= '1' && word[nw] <= '9')))
		nw++;
	word[nw] = '\0';
	/* The words that may sit between a secret word and the secret
	   ("password cipher X") are not secrets after it. */
	static const char *const fillers[] = { "cipher", "simple", "read", "write",
	    "ro", "rw" };
	for (size_t i = 0; i < nitems(fillers); i++)
		if (str_casecmp(word, fillers[i]) == 0)
			nw = 0;
	if (nw > 1) {
		tail = xasprintf("%s\npassword %s\nx snmp-community=%s", text, word, word);
		m = audit_mask(&st, tail);
		if (!str_endswith(m, "\npassword ***\nx snmp-community=***"))
			fz_fail("\"password %s\" is not masked: \"%.200s\"", word, m);
		free(m);
		free(tail);
	}
	for (unsigned i = 0; i < nsec; i++)
		free(secrets[i]);
	free(text);
	free(word);
	return 0;
}
