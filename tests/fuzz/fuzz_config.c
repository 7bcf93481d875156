/*
 * fuzz_config.c — the INI reader of config.ini (core/config.c
 * config_parse) on any text.
 *
 * Input: the file's text (up to its first NUL: the loader refuses a file
 * holding one).
 *
 * Invariants: a text read without error leaves every key with a value its
 * own check (config_check) accepts and that is clean text, every number
 * inside its key's range; a refused text has a cause, one line of clean
 * text (it is printed on the terminal, and may quote the file).
 */
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "core/config.h"
#include "tests/fuzz/harness.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fz in = { data, size };
	struct config *c = config_defaults();
	char *text = fz_part(&in, NULL), *cause = NULL;

	if (text == NULL) {
		config_free(c);
		return 0;
	}
	if (config_parse(c, text, "config.ini", &cause) == 0) {
		for (size_t i = 0; i < config_nkeys; i++) {
			const struct config_key *k = &config_keys[i];
			const char *v = config_value(c, i);
			char *why = NULL;

			fz_clean(k->name, v, false);
			if (config_check(k, v, &why) != 0)
				fz_fail("%s = \"%s\" was read but its check says: %s",
				    k->name, v, why);
			if (k->type == CFG_INT && (config_int(c, k->name) < (long)k->min ||
			    config_int(c, k->name) > (long)k->max))
				fz_fail("%s = %ld is outside its range", k->name,
				    config_int(c, k->name));
			if (k->type == CFG_REAL && (!isfinite(config_real(c, k->name)) ||
			    config_real(c, k->name) < k->min ||
			    config_real(c, k->name) > k->max))
				fz_fail("%s = %g is outside its range", k->name,
				    config_real(c, k->name));
		}
	} else {
		if (cause == NULL)
			fz_fail("config_parse failed without a cause");
		fz_clean("config_parse's cause", cause, false);
	}
	free(cause);
	free(text);
	config_free(c);
	return 0;
}
