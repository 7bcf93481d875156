# oltui — build, test, bench, install.
#
# Sources are discovered by directory, so adding a module never means editing
# this file.  One archive per layer, linked top layer first, so the linker
# holds the map of DESIGN.md: a lower layer that calls up into a higher one
# does not link.
#   lib/*.c                                  -> build/liblib.a      (the floor)
#   drivers/*.c                              -> build/libdrivers.a
#   core/*.c                                 -> build/libcore.a
#   tui/**/*.c (minus tui/main.c)            -> build/libtui.a
#   tui/main.c + the four archives           -> oltui
#   tests/lab/*.c (minus tests/lab/main.c)   -> build/liblab.a
#   tests/lab/main.c + liblab.a + liblib.a   -> oltsim (the floor only)
#   tests/unit/test_*.c (+ tests/drivers/*.c, the test-only drivers)
#                                            -> build/tests/test_* (cmocka)
#   tui/main.c + tests/drivers/NAME*.c + the four archives
#                                            -> build/tests/oltui-NAME (oltui with
#                                               the test-only driver NAME linked in)
#   tests/bench/bench_*.c                    -> build/bench/bench_*
#   tests/fuzz/fuzz_*.c + tests/fuzz/harness.c (+ the lab, the test-only
#   drivers and the four archives)           -> build-fuzz/fuzz/fuzz_* (clang,
#                                               libFuzzer + ASan + UBSan; `make fuzz`)
#
# `make test` runs scripts/runtests.sh, which runs every suite and ends with
# one line `N passed, N failed`.  `make check` rebuilds the unit suites,
# oltui and oltsim under ASan+UBSan (build-asan/, the shell suites run
# against those binaries) and the threaded suites under TSan (build-tsan/),
# and runs the unit suites under valgrind (scripts/runcheck.sh).
# `make fuzz` builds the libFuzzer targets with clang in build-fuzz/ and runs
# scripts/runfuzz.sh: the regression inputs, then FUZZ_SECONDS per target.

PREFIX  ?= /usr/local
DESTDIR ?=
BUILD   ?= build
# Where oltui and oltsim go: the top directory for the normal build, the
# tree itself for a sanitizer build (BINDIR=build-asan), so that the
# integration suites can run against either.
BINDIR  ?= .
VERSION := 0.1.0

PKGS      := ncursesw libssh libtelnet netsnmp sqlite3 libcurl libcjson libsodium libkeyutils
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
CMOCKA_LIBS := $(shell pkg-config --libs cmocka 2>/dev/null)

WARN := -Wall -Wextra -Wformat=2 -Wshadow -Wstrict-prototypes \
        -Wmissing-prototypes -Wwrite-strings -Wpointer-arith -Wundef
ifneq ($(CI),)
WARN += -Werror
endif

OPT      ?= -O2 -g
SANITIZE ?=
CFLAGS   ?=
CFLAGS   += -std=c11 $(OPT) $(WARN) $(SANITIZE) -pthread -I. $(PKG_CFLAGS) \
            -DOLTUI_VERSION='"$(VERSION)"' -DOLTUI_DATADIR='"$(PREFIX)/share/oltui"'
LDFLAGS  += $(SANITIZE) -pthread
LDLIBS   += $(PKG_LIBS) -lm

BASE_SRC := $(sort $(wildcard lib/*.c))
DRV_SRC  := $(sort $(wildcard drivers/*.c))
CORE_SRC := $(sort $(wildcard core/*.c))
TUI_SRC  := $(sort $(filter-out tui/main.c,$(wildcard tui/*.c tui/*/*.c)))
TDRV_SRC := $(sort $(wildcard tests/drivers/*.c))
BASE_OBJ := $(BASE_SRC:%.c=$(BUILD)/%.o)
DRV_OBJ  := $(DRV_SRC:%.c=$(BUILD)/%.o)
CORE_OBJ := $(CORE_SRC:%.c=$(BUILD)/%.o)
TUI_OBJ  := $(TUI_SRC:%.c=$(BUILD)/%.o)
TDRV_OBJ := $(TDRV_SRC:%.c=$(BUILD)/%.o)
# A test-only driver is the files tests/drivers/NAME.c and NAME_*.c; each
# gets an oltui of its own for the integration tests.
TDRV_NAMES := $(sort $(foreach f,$(TDRV_SRC),$(firstword $(subst _, ,$(basename $(notdir $(f)))))))
TDRV_BIN := $(TDRV_NAMES:%=$(BUILD)/tests/oltui-%)
# Top layer first: each archive may call only those to its right.  The
# drivers archive is linked whole: a driver is reached only through the
# registry its DRIVER_REGISTER constructor fills, never by a symbol.
LAYERS   := $(BUILD)/libtui.a $(BUILD)/libcore.a $(BUILD)/libdrivers.a $(BUILD)/liblib.a
LINK_LAYERS := $(BUILD)/libtui.a $(BUILD)/libcore.a -Wl,--whole-archive \
            $(BUILD)/libdrivers.a -Wl,--no-whole-archive $(BUILD)/liblib.a
LAB_SRC  := $(sort $(filter-out tests/lab/main.c,$(wildcard tests/lab/*.c)))
LAB_OBJ  := $(LAB_SRC:%.c=$(BUILD)/%.o)
UNIT_SRC := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
TSAN_BIN := $(patsubst tests/unit/%.c,build-tsan/tests/%,$(wildcard tests/unit/test_pool*.c tests/unit/test_*thread*.c))
BENCH_SRC := $(sort $(wildcard tests/bench/bench_*.c))
BENCH_BIN := $(BENCH_SRC:tests/bench/%.c=$(BUILD)/bench/%)
FUZZ_SRC := $(sort $(wildcard tests/fuzz/fuzz_*.c))
FUZZ_BIN := $(FUZZ_SRC:tests/fuzz/%.c=$(BUILD)/fuzz/%)
FUZZ_SECONDS ?= 60
FUZZ_SANITIZE := -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer \
            -fno-sanitize-recover=all

.PHONY: all deps test check valgrind faults crash soak bench demo install uninstall clean unit help fuzz fuzz-bin

all: $(BINDIR)/oltui $(BINDIR)/oltsim

help:
	@echo "make            build oltui and oltsim"
	@echo "make deps       install the Debian packages the build, tests and demo need"
	@echo "make demo       deps + build, then open the console on a simulated lab"
	@echo "make test       deps + build, then every test suite"
	@echo "make check      unit suites under ASan+UBSan and TSan, shell suites against"
	@echo "                an ASan+UBSan oltui/oltsim, unit suites under valgrind"
	@echo "make valgrind   the unit suites under valgrind"
	@echo "make faults     the fault seams (allocator, SQLite I/O) at 4x the points"
	@echo "make crash      200 SIGKILLs of writes against oltsim (CRASH_ROUNDS, CRASH_SEED)"
	@echo "make soak       the poll daemon against 50 OLTs with faults (SOAK_MINUTES=20)"
	@echo "make bench      the benchmarks"
	@echo "make fuzz       libFuzzer targets (clang) for FUZZ_SECONDS=$(FUZZ_SECONDS) each"
	@echo "make install    PREFIX=$(PREFIX) DESTDIR=..."

deps:
	@scripts/deps.sh

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -MMD -MP -c $< -o $@

$(BUILD)/liblib.a: $(BASE_OBJ)
	@mkdir -p $(dir $@)
	@rm -f $@
	$(AR) rcs $@ $^

$(BUILD)/libdrivers.a: $(DRV_OBJ)
	@mkdir -p $(dir $@)
	@rm -f $@
	$(AR) rcs $@ $^

$(BUILD)/libcore.a: $(CORE_OBJ)
	@mkdir -p $(dir $@)
	@rm -f $@
	$(AR) rcs $@ $^

$(BUILD)/libtui.a: $(TUI_OBJ)
	@mkdir -p $(dir $@)
	@rm -f $@
	$(AR) rcs $@ $^

$(BUILD)/liblab.a: $(LAB_OBJ)
	@mkdir -p $(dir $@)
	@rm -f $@
	$(AR) rcs $@ $^

# A binary finds its templates, themes and (oltui demo) the lab's TR-069
# stand-in next to itself, in the source tree's layout, so a tree of its
# own gets links to them.
BIN_DATA := themes drivers/templates $(wildcard tests/lab/*.py)
ifneq ($(BINDIR),.)
all: $(BIN_DATA:%=$(BINDIR)/%)
$(BIN_DATA:%=$(BINDIR)/%):
	@mkdir -p $(dir $@)
	ln -sfn $(CURDIR)/$(patsubst $(BINDIR)/%,%,$@) $@
endif

$(BINDIR)/oltui: $(BUILD)/tui/main.o $(LAYERS)
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) -o $@ $(BUILD)/tui/main.o $(LINK_LAYERS) $(LDLIBS)

$(BINDIR)/oltsim: $(BUILD)/tests/lab/main.o $(BUILD)/liblab.a $(BUILD)/liblib.a
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(TDRV_BIN): $(BUILD)/tests/oltui-%: $(BUILD)/tui/main.o $(TDRV_OBJ) $(LAYERS)
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) -o $@ $(BUILD)/tui/main.o \
	    $(filter $(BUILD)/tests/drivers/$*.o $(BUILD)/tests/drivers/$*_%.o,$(TDRV_OBJ)) \
	    $(LINK_LAYERS) $(LDLIBS)

$(BUILD)/tests/%: tests/unit/%.c $(TDRV_OBJ) $(BUILD)/liblab.a $(LAYERS)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -MMD -MP -MF $@.d $(LDFLAGS) -o $@ $< $(TDRV_OBJ) $(BUILD)/liblab.a $(LINK_LAYERS) $(LDLIBS) $(CMOCKA_LIBS)

$(BUILD)/bench/%: tests/bench/%.c $(BUILD)/liblab.a $(LAYERS)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $< $(BUILD)/liblab.a $(LINK_LAYERS) $(LDLIBS)

unit: $(UNIT_BIN) $(TDRV_BIN)

# A fuzz target: its file, the shared harness, the lab and the test-only
# drivers over the four archives, linked with libFuzzer's main.
$(BUILD)/fuzz/%: tests/fuzz/%.c $(BUILD)/tests/fuzz/harness.o $(TDRV_OBJ) $(BUILD)/liblab.a $(LAYERS)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(LDFLAGS) -fsanitize=fuzzer -o $@ $< $(BUILD)/tests/fuzz/harness.o \
	    $(TDRV_OBJ) $(BUILD)/liblab.a $(LINK_LAYERS) $(LDLIBS)

fuzz-bin: $(FUZZ_BIN)
# The harness object is shared by every target: not an intermediate to delete.
.SECONDARY: $(BUILD)/tests/fuzz/harness.o

test: deps
	@$(MAKE) --no-print-directory all unit
	@scripts/runtests.sh $(BUILD)

# Sanitizer builds live in their own trees so they never mix with the normal one.
ASAN_FLAGS := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all

check: deps
	@$(MAKE) --no-print-directory all unit
	@$(MAKE) --no-print-directory BUILD=build-asan BINDIR=build-asan OPT="-O1 -g" \
	    SANITIZE="$(ASAN_FLAGS)" all unit
	@$(if $(TSAN_BIN),$(MAKE) --no-print-directory BUILD=build-tsan OPT="-O1 -g" \
	    SANITIZE="-fsanitize=thread" $(TSAN_BIN),true)
	@scripts/runcheck.sh

# The fault seams with four times the fault points of `make test`
# (tests/unit/test_fault_*.c; FAULT_ALL=1 for every point).
faults: all unit
	@FAULT_SCALE=$${FAULT_SCALE:-4} ONLY=test_fault_ scripts/runtests.sh $(BUILD)

# The SIGKILL-mid-write rounds (tests/integration/test_crash_writes.sh),
# CRASH_ROUNDS of them (make test runs 50); CRASH_SEED picks the instants.
crash: all
	@CRASH_ROUNDS=$${CRASH_ROUNDS:-200} ONLY=test_crash_writes scripts/runtests.sh $(BUILD)

# `oltui poll --daemon` against a 50-OLT oltsim fleet for SOAK_MINUTES
# (default 20) with faults; the report goes to build/soak-report.txt.
soak: all
	@SOAK_MINUTES=$${SOAK_MINUTES:-20} OLTUI_TOP=$(CURDIR) tests/soak/soak.sh

# The unit suites of the normal build under valgrind (memcheck).
valgrind: all unit
	@scripts/runvalgrind.sh $(BUILD)

# The fuzz targets live in their own tree (clang, instrumented for libFuzzer).
fuzz: deps
	@$(MAKE) --no-print-directory BUILD=build-fuzz CC=clang OPT="-O1 -g" \
	    SANITIZE="$(FUZZ_SANITIZE)" fuzz-bin
	@FUZZ_SECONDS=$(FUZZ_SECONDS) scripts/runfuzz.sh build-fuzz

bench: all $(BENCH_BIN)
	@scripts/runbench.sh $(BUILD)

demo: deps
	@$(MAKE) --no-print-directory all
	./oltui demo

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/oltui/themes \
	    $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 0755 oltui oltsim $(DESTDIR)$(PREFIX)/bin/
	$(if $(wildcard themes/*.theme),install -m 0644 $(wildcard themes/*.theme) $(DESTDIR)$(PREFIX)/share/oltui/themes/)
	install -m 0644 docs/oltui.1 $(DESTDIR)$(PREFIX)/share/man/man1/
	@if [ -d drivers/templates ]; then install -d $(DESTDIR)$(PREFIX)/share/oltui/templates && \
	    cp -R drivers/templates/. $(DESTDIR)$(PREFIX)/share/oltui/templates/; fi

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/oltui $(DESTDIR)$(PREFIX)/bin/oltsim \
	    $(DESTDIR)$(PREFIX)/share/man/man1/oltui.1
	rm -rf $(DESTDIR)$(PREFIX)/share/oltui

clean:
	rm -rf build build-asan build-tsan build-fuzz oltui oltsim

# A test program depends on the headers it includes (tests/unit/*.h too).
-include $(BASE_OBJ:.o=.d) $(DRV_OBJ:.o=.d) $(CORE_OBJ:.o=.d) $(TUI_OBJ:.o=.d) $(TDRV_OBJ:.o=.d) $(LAB_OBJ:.o=.d) $(BUILD)/tests/fuzz/harness.d $(BUILD)/tui/main.d $(BUILD)/tests/lab/main.d $(UNIT_BIN:=.d)
