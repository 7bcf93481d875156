/* test_parse_fuzz.c — every fixture, truncated and mutated with a fixed
   seed, through the cleaner and every parser of every registered driver
   (the test-only ones in tests/drivers too) and the JSON builder: nothing
   may crash, leak or read out of bounds (run under `make check`), and
   every failure must come with a cause. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <dirent.h>

#include "drivers/parse_json.h"
#include "lib/text.h"
#include "tests/unit/parse_fixture.h"

#define TRUNCATIONS 8
#define MUTATIONS 16

static uint64_t rng = 0x5eed5eed5eedULL;

/* xorshift64*: deterministic across runs and machines. */
static uint64_t
next(void)
{
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return rng * 2685821657736338717ULL;
}

static size_t
below(size_t n)
{
	return n == 0 ? 0 : (size_t)(next() % n);
}

/* Pieces the terminal and the devices really emit, spliced in by mutate. */
static const char *const debris[] = {
	"\b \b\b \b\b \b\b \b\b \b\b \b\b \b\b \b", " --More--",
	"---- More ( Press 'Q' to break ) ----\x1b[37D                                     \x1b[37D",
	" \x1b[1D", "\x1b[", "\x1b[99999D", "\x1b[2K", "\r", "\0", "\n",
	"{ <cr>||<K> }:\n\n  Command:\n          display x\n",
	"  ! 1[2026-01-01 00:00:00]:\n\n  ALARM x\n  ALARM NAME : y\n  --- END\n",
	"%Error 20200: Invalid input", "  Failure: x", ":", "/", " 0/ 1/0 ",
	"gpon-onu_1/1/1:", "(dbm)", "-", "SN:", "ZXAN#", "OLT(config)#",
	"\xff\xfb\x01", "\xc3\xa9", "99999999999999999999",
	"\x1b[4096@", "\x1b[4096P", "\x1b[9X", "\x1b" "7", "\x1b" "8",
	"\x1b[s", "\x1b[u", "\t", "\x1b[3;9H", "\x1b[?25l", "\xe3\x81",
	"28/09/2023 15:43:18", "05/06/2023", "09/28/2023 ", "+08:00 DST",
	"0000-00-00 00:00:00", "DD/MM/YYYY", "                   ",
};

/* Returns a mutated copy of in (length in *len). */
static char *
mutate(const char *in, size_t *len)
{
	struct buf b = { 0 };
	size_t n = *len, edits = 1 + below(8);

	buf_add(&b, in, n);
	for (size_t e = 0; e < edits; e++) {
		size_t at = below(b.len + 1);

		switch (below(4)) {
		case 0:		/* flip a byte */
			if (b.len > 0)
				b.data[below(b.len)] = (char)next();
			break;
		case 1: {	/* delete a run */
			size_t k = below(64);

			if (at + k > b.len)
				k = b.len - at;
			memmove(b.data + at, b.data + at + k, b.len - at - k);
			b.len -= k;
			break;
		}
		default: {	/* splice debris in */
			const char *d = debris[below(nitems(debris))];
			size_t dl = d[0] == '\0' ? 1 : strlen(d);
			struct buf t = { 0 };

			buf_add(&t, b.data, at);
			buf_add(&t, d, dl);
			buf_add(&t, b.data + at, b.len - at);
			buf_free(&b);
			b = t;
			break;
		}
		}
	}
	buf_add(&b, "", 0);
	*len = b.len;
	return buf_take(&b);
}

/* True when every key and string of j is clean text (lib/text.h): what a
   device sends is cleaned before it is shown, stored or put in JSON. */
static bool
json_clean(const cJSON *j)
{
	for (; j != NULL; j = j->next) {
		if (j->string != NULL && !text_is_clean(j->string, false))
			return false;
		if (cJSON_IsString(j) && !text_is_clean(j->valuestring, false)) {
			print_message("not clean: \"%s\"\n", j->valuestring);
			return false;
		}
		if (j->child != NULL && !json_clean(j->child))
			return false;
	}
	return true;
}

/* Runs one input through every parser of every registered driver. */
static void
run_all(const char *raw, size_t len, size_t *runs, size_t *ok)
{
	for (size_t v = 0; v < driver_count(); v++)
		for (int k = 0; k < PR_KIND_COUNT; k++) {
			struct pr_result r;
			char *cause = NULL;
			int rc = fixture_parse_bytes(driver_at(v),
			    (enum pr_kind)k, raw, len, &r, &cause);

			(*runs)++;
			if (rc == 0) {
				cJSON *j = pr_result_json(driver_at(v), &r);
				char *s = cJSON_PrintUnformatted(j);

				assert_null(cause);
				assert_non_null(s);
				assert_true(json_clean(j));
				cJSON_free(s);
				cJSON_Delete(j);
				(*ok)++;
			} else {
				assert_int_equal(rc, -1);
				assert_non_null(cause);
				assert_true(strlen(cause) > 10);
				free(cause);
			}
			pr_result_free(&r);
		}
}

static void
test_every_fixture_mutated_through_every_parser(void **state)
{
	static const char *const dirs[] = { "huawei", "zte", "acme" };
	const char *top = getenv("OLTUI_TOP");
	size_t files = 0, runs = 0, ok = 0;

	(void)state;
	for (size_t d = 0; d < nitems(dirs); d++) {
		char *path = xasprintf("%s/tests/fixtures/%s", top ? top : ".", dirs[d]);
		DIR *dir = opendir(path);
		struct dirent *de;

		assert_non_null(dir);
		while ((de = readdir(dir)) != NULL) {
			char *rel, *raw;
			size_t len;

			if (de->d_name[0] == '.')
				continue;
			rel = xasprintf("%s/%s", dirs[d], de->d_name);
			raw = fixture_load(rel, &len);
			files++;
			run_all(raw, len, &runs, &ok);
			for (int t = 0; t < TRUNCATIONS; t++)
				run_all(raw, below(len + 1), &runs, &ok);
			for (int m = 0; m < MUTATIONS; m++) {
				size_t ml = len;
				char *mut = mutate(raw, &ml);

				run_all(mut, ml, &runs, &ok);
				free(mut);
			}
			free(raw);
			free(rel);
		}
		closedir(dir);
		free(path);
	}
	print_message("%zu fixtures, %zu parser runs, %zu parsed\n", files,
	    runs, ok);
	assert_true(files >= 40);
	assert_true(ok > 0 && ok < runs);
}

static void
test_random_bytes_through_the_cleaner_and_parsers(void **state)
{
	size_t runs = 0, ok = 0;

	(void)state;
	for (int i = 0; i < 300; i++) {
		size_t len = below(2048);
		char *junk = xmalloc(len + 1);

		for (size_t k = 0; k < len; k++) {
			uint64_t x = next();

			/* mostly printable, with controls and escapes */
			junk[k] = (x & 7) == 0 ? (char)(x >> 8) :
			    (char)(' ' + (x >> 16) % 95);
		}
		junk[len] = '\0';
		run_all(junk, len, &runs, &ok);
		free(junk);
	}
	assert_int_equal(runs, 300 * driver_count() * PR_KIND_COUNT);
}

/* The inputs the fuzzer found breaking a parser (tests/fuzz/regress/parse/,
   framed as tests/fuzz/fuzz_parse.c reads them: byte 0 the driver, byte 1
   the kind, then the capture) parse to clean results now. */
static void
test_fuzz_regressions_parse_clean(void **state)
{
	const char *top = getenv("OLTUI_TOP");
	char *path = xasprintf("%s/tests/fuzz/regress/parse", top ? top : ".");
	DIR *dir = opendir(path);
	struct dirent *de;
	size_t files = 0;

	(void)state;
	assert_non_null(dir);
	while ((de = readdir(dir)) != NULL) {
		char *rel, *raw;
		size_t len;
		struct pr_result r;
		char *cause = NULL;

		if (de->d_name[0] == '.')
			continue;
		rel = xasprintf("../fuzz/regress/parse/%s", de->d_name);
		raw = fixture_load(rel, &len);
		assert_true(len >= 2);
		if (fixture_parse_bytes(driver_at((unsigned char)raw[0] % driver_count()),
		    (enum pr_kind)((unsigned char)raw[1] % PR_KIND_COUNT), raw + 2, len - 2,
		    &r, &cause) == 0) {
			cJSON *j = pr_result_json(driver_at((unsigned char)raw[0] %
			    driver_count()), &r);

			if (!json_clean(j))
				fail_msg("%s: the parsed result is not clean text", de->d_name);
			cJSON_Delete(j);
		}
		pr_result_free(&r);
		free(cause);
		free(raw);
		free(rel);
		files++;
	}
	closedir(dir);
	free(path);
	assert_true(files > 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_fixture_mutated_through_every_parser),
		cmocka_unit_test(test_random_bytes_through_the_cleaner_and_parsers),
		cmocka_unit_test(test_fuzz_regressions_parse_clean),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
