# annexc - batch compiler for Bangladesh e-governance action-plan reports.
# make            build build/annexc
# make examples   install what is missing, build, run every example
# make check      install test tools, build normal + ASan/UBSan, run all tests
# make regen      show each expected-output diff, rewrite when asked (YES=1: all)
# make fuzz       build the libFuzzer targets (clang), run each FUZZ_SECONDS (60)
# make asan | valgrind | install PREFIX=… DESTDIR=… | clean
# Quiet by default; V=1 shows the full commands.

PREFIX   ?= /usr/local
DESTDIR  ?=
VERSION  := 0.1.0
CC       ?= cc
PKGS     := libxml-2.0 pangocairo fontconfig xlsxwriter jansson libzip
LIBS_EXTRA := -lcsv -lm

BUILD    := build
ASAN_DIR := build/asan
OUT      := out

CFLAGS_BASE := -std=c11 -Wall -Wextra -Werror -D_POSIX_C_SOURCE=200809L \
	-DANNEXC_VERSION='"$(VERSION)"'
OPT      ?= -O2 -g
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null) $(LIBS_EXTRA)
# The build tree finds the templates it was built from; install overrides.
TEMPLATEDIR ?= $(CURDIR)/templates
FONTDIR ?= $(CURDIR)/fonts
DIRS = -DANNEXC_TEMPLATEDIR='"$(TEMPLATEDIR)"' -DANNEXC_FONTDIR='"$(FONTDIR)"'

SRCS := $(wildcard compiler/*.c)
OBJS := $(SRCS:compiler/%.c=$(BUILD)/%.o) $(BUILD)/schemas.o
ASAN_OBJS := $(SRCS:compiler/%.c=$(ASAN_DIR)/%.o) $(ASAN_DIR)/schemas.o
LIB_SRCS := $(filter-out compiler/main.c,$(SRCS))
SCHEMAS := templates/schema/template.rng templates/schema/data.rng
EXAMPLES := $(sort $(dir $(wildcard examples/*/data.xml)))

ifeq ($(V),1)
Q :=
else
Q := @
endif

.PHONY: all deps test-deps fuzz-deps examples check regen asan valgrind bench fuzz install clean

all: $(BUILD)/annexc

deps:
	$(Q)sh scripts/deps.sh build

test-deps:
	$(Q)sh scripts/deps.sh test

fuzz-deps:
	$(Q)sh scripts/deps.sh fuzz

$(BUILD) $(ASAN_DIR) $(OUT)/examples:
	$(Q)mkdir -p $@

$(BUILD)/schemas.c: $(SCHEMAS) scripts/embed.sh | $(BUILD)
	@echo "  GEN     $@"
	$(Q)sh scripts/embed.sh $(SCHEMAS) > $@.tmp && mv $@.tmp $@

$(ASAN_DIR)/schemas.c: $(BUILD)/schemas.c | $(ASAN_DIR)
	$(Q)cp $< $@

$(BUILD)/%.o: compiler/%.c compiler/*.h | $(BUILD)
	@echo "  CC      $@"
	$(Q)$(CC) $(CFLAGS_BASE) $(OPT) $(PKG_CFLAGS) $(DIRS) $(CFLAGS) -Icompiler -c $< -o $@

$(BUILD)/schemas.o: $(BUILD)/schemas.c
	$(Q)$(CC) $(CFLAGS_BASE) $(OPT) -c $< -o $@

$(BUILD)/annexc: $(OBJS)
	@echo "  LD      $@"
	$(Q)$(CC) $(OPT) $(LDFLAGS) $(OBJS) $(PKG_LIBS) -o $@

SAN := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all

$(ASAN_DIR)/%.o: compiler/%.c compiler/*.h | $(ASAN_DIR)
	@echo "  CC      $@"
	$(Q)$(CC) $(CFLAGS_BASE) -O1 -g $(SAN) $(PKG_CFLAGS) $(DIRS) -Icompiler -c $< -o $@

$(ASAN_DIR)/schemas.o: $(ASAN_DIR)/schemas.c
	$(Q)$(CC) $(CFLAGS_BASE) -O1 -g $(SAN) -c $< -o $@

$(ASAN_DIR)/annexc: $(ASAN_OBJS)
	@echo "  LD      $@"
	$(Q)$(CC) -g $(SAN) $(ASAN_OBJS) $(PKG_LIBS) -o $@

asan: $(ASAN_DIR)/annexc

# Unit tests: one program per tests/unit/test_*.c, linked with the library sources.
UNIT_TESTS := $(patsubst tests/unit/%.c,$(ASAN_DIR)/%,$(wildcard tests/unit/test_*.c))
$(ASAN_DIR)/test_%: tests/unit/test_%.c tests/unit/check.h $(filter-out $(ASAN_DIR)/main.o,$(ASAN_OBJS))
	@echo "  CC      $@"
	$(Q)$(CC) $(CFLAGS_BASE) -O1 -g $(SAN) $(PKG_CFLAGS) -Icompiler $(filter-out %.h,$^) $(PKG_LIBS) -o $@

examples: deps
	$(Q)$(MAKE) --no-print-directory all
	$(Q)mkdir -p $(OUT)/examples
	$(Q)for d in $(EXAMPLES); do \
		d=$${d%/}; n=$$(basename $$d); \
		echo "  EXAMPLE $$n"; \
		$(BUILD)/annexc check $$d/data.xml || exit $$?; \
		$(BUILD)/annexc score --json $$d/data.xml 2>/dev/null > $(OUT)/examples/$$n.json.tmp && \
			mv $(OUT)/examples/$$n.json.tmp $(OUT)/examples/$$n.json || exit $$?; \
		rm -rf $(OUT)/examples/.$$n && \
		$(BUILD)/annexc build -o $(OUT)/examples/.$$n $$d/data.xml 2>/dev/null && \
			mv $(OUT)/examples/.$$n/data.xlsx $(OUT)/examples/$$n.xlsx && \
			mv $(OUT)/examples/.$$n/data.pdf $(OUT)/examples/$$n.pdf && \
			rm -rf $(OUT)/examples/.$$n || exit $$?; \
	done
	$(Q)for d in $(EXAMPLES); do n=$$(basename $$d); \
		for e in json xlsx pdf; do test -s $(OUT)/examples/$$n.$$e || \
			{ echo "make examples: $(OUT)/examples/$$n.$$e was not written" >&2; exit 1; }; done; \
	done

check: deps test-deps
	$(Q)$(MAKE) --no-print-directory all asan $(UNIT_TESTS) $(FUZZ_REPLAY)
	$(Q)bash tests/run.sh $(BUILD)/annexc $(ASAN_DIR)/annexc $(UNIT_TESTS) $(FUZZ_REPLAY)

# The expected outputs beside every example and bad case (tests/regen.sh):
# shows each diff; asks y/n per file on a terminal; YES=1 rewrites them all.
regen: deps
	$(Q)$(MAKE) --no-print-directory all
	$(Q)YES=$(YES) bash tests/regen.sh $(BUILD)/annexc

valgrind: all
	$(Q)bash tests/valgrind.sh $(BUILD)/annexc

# Benchmark, not a test: BENCH_N offices (default 1000), WRITE=1 writes bench/results.md.
# The floors (bench/floor_*.c): the same reports written with the libraries directly.
FLOORS := $(BUILD)/bench/floor_xlsx $(BUILD)/bench/floor_pdf
FLOOR_PKGS_xlsx := xlsxwriter
FLOOR_PKGS_pdf := pangocairo fontconfig

$(BUILD)/bench/floor_%: bench/floor_%.c bench/floor_dump.c bench/floor_dump.h
	@echo "  CC      $@"
	$(Q)mkdir -p $(BUILD)/bench
	$(Q)$(CC) $(CFLAGS_BASE) -O2 $(shell pkg-config --cflags $(FLOOR_PKGS_$*)) -DFLOOR_FONTDIR='"$(FONTDIR)"' \
		$(CFLAGS) bench/floor_$*.c bench/floor_dump.c $(shell pkg-config --libs $(FLOOR_PKGS_$*)) -o $@

bench: deps test-deps
	$(Q)$(MAKE) --no-print-directory all $(FLOORS)
	$(Q)/usr/bin/python3 -c 'import xlsxwriter' 2>/dev/null || (sh scripts/deps.sh bench)
	$(Q)/usr/bin/python3 bench/bench.py

# Fuzzing (docs/fuzzing.md): one libFuzzer target per parser (the run report
# read by summary too) and one through every backend, fuzz/fuzz_NAME.c, built with clang and the sanitizers in
# build/fuzz/. make fuzz runs each for FUZZ_SECONDS from the seeds in
# fuzz/corpus/NAME and the regressions in fuzz/regressions/NAME, keeping what
# it finds in build/fuzz/corpus/NAME and crashes in build/fuzz/crashes/.
FUZZ_TARGETS := template data values build summary sheet csv
FUZZ_SECONDS ?= 60
FUZZ_CC   ?= clang
FUZZ_DIR  := build/fuzz
FUZZ_SAN  := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
FUZZ_DEFS = -DFUZZ_TOP='"$(CURDIR)"'
FUZZ_OBJS := $(LIB_SRCS:compiler/%.c=$(FUZZ_DIR)/obj/%.o) $(FUZZ_DIR)/obj/schemas.o $(FUZZ_DIR)/obj/fuzz.o
FUZZ_BINS := $(FUZZ_TARGETS:%=$(FUZZ_DIR)/fuzz_%)
# The same targets with a plain main (fuzz/replay.c), gcc and the sanitizers:
# the suite replays every seed and regression through them.
FUZZ_REPLAY := $(FUZZ_TARGETS:%=$(ASAN_DIR)/fuzz_replay_%)
FUZZ_ENV := TMPDIR=$(CURDIR)/$(FUZZ_DIR)/tmp ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp \
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

.SECONDARY: $(FUZZ_OBJS)

$(FUZZ_DIR)/obj:
	$(Q)mkdir -p $@

$(FUZZ_DIR)/obj/%.o: compiler/%.c compiler/*.h | $(FUZZ_DIR)/obj
	@echo "  CC      $@"
	$(Q)$(FUZZ_CC) $(CFLAGS_BASE) -O1 -g $(FUZZ_SAN) -fsanitize=fuzzer-no-link $(PKG_CFLAGS) $(DIRS) -Icompiler -c $< -o $@

$(FUZZ_DIR)/obj/schemas.o: $(BUILD)/schemas.c | $(FUZZ_DIR)/obj
	$(Q)$(FUZZ_CC) $(CFLAGS_BASE) -O1 -g -c $< -o $@

$(FUZZ_DIR)/obj/fuzz.o: fuzz/fuzz.c fuzz/fuzz.h compiler/*.h | $(FUZZ_DIR)/obj
	@echo "  CC      $@"
	$(Q)$(FUZZ_CC) $(CFLAGS_BASE) -O1 -g $(FUZZ_SAN) -fsanitize=fuzzer-no-link $(PKG_CFLAGS) $(DIRS) $(FUZZ_DEFS) \
		-Icompiler -c $< -o $@

$(FUZZ_DIR)/fuzz_%: fuzz/fuzz_%.c fuzz/fuzz.h $(FUZZ_OBJS)
	@echo "  LD      $@"
	$(Q)$(FUZZ_CC) $(CFLAGS_BASE) -O1 -g $(FUZZ_SAN) -fsanitize=fuzzer $(PKG_CFLAGS) -Icompiler -Ifuzz \
		$< $(FUZZ_OBJS) $(PKG_LIBS) -o $@

$(FUZZ_DIR)/annexc.dict: fuzz/dict.sh fuzz/tokens.txt $(SCHEMAS) | $(FUZZ_DIR)/obj
	$(Q)sh fuzz/dict.sh fuzz/tokens.txt $(SCHEMAS) > $@.tmp && mv $@.tmp $@

$(ASAN_DIR)/fuzz_replay_%: fuzz/fuzz_%.c fuzz/fuzz.c fuzz/replay.c fuzz/fuzz.h $(filter-out $(ASAN_DIR)/main.o,$(ASAN_OBJS))
	@echo "  CC      $@"
	$(Q)$(CC) $(CFLAGS_BASE) -O1 -g $(SAN) $(PKG_CFLAGS) $(DIRS) $(FUZZ_DEFS) \
		-DFUZZ_DIRS='"$(CURDIR)/fuzz/corpus/$*", "$(CURDIR)/fuzz/regressions/$*"' -Icompiler -Ifuzz \
		$(filter %.c %.o,$^) $(PKG_LIBS) -o $@

# Each target in turn; its log is build/fuzz/NAME.log (V=1 prints it).
fuzz: deps fuzz-deps
	$(Q)$(MAKE) --no-print-directory $(FUZZ_BINS) $(FUZZ_DIR)/annexc.dict
	$(Q)mkdir -p $(FUZZ_DIR)/crashes $(FUZZ_DIR)/tmp
	$(Q)for t in $(FUZZ_TARGETS); do \
		mkdir -p $(FUZZ_DIR)/corpus/$$t; \
		echo "  FUZZ    $$t ($(FUZZ_SECONDS) s)"; \
		$(FUZZ_ENV) $(FUZZ_DIR)/fuzz_$$t -max_total_time=$(FUZZ_SECONDS) -timeout=30 \
			-dict=$(FUZZ_DIR)/annexc.dict -close_fd_mask=3 -print_final_stats=1 \
			-artifact_prefix=$(FUZZ_DIR)/crashes/$$t- \
			$(FUZZ_DIR)/corpus/$$t fuzz/corpus/$$t $$(ls -d fuzz/regressions/$$t 2>/dev/null) \
			> $(FUZZ_DIR)/$$t.log 2>&1; \
		rc=$$?; [ "$(V)" = 1 ] && cat $(FUZZ_DIR)/$$t.log; \
		awk '/^stat::number_of_executed_units:/ { n = $$2 } /^stat::average_exec_per_sec:/ { e = $$2 } \
			END { if (n != "") printf "          %s runs, %s exec/s\n", n, e }' $(FUZZ_DIR)/$$t.log; \
		if [ $$rc != 0 ]; then tail -n 60 $(FUZZ_DIR)/$$t.log >&2; \
			echo "make fuzz: $$t failed (exit $$rc); the input is in $(FUZZ_DIR)/crashes/, add it to fuzz/regressions/$$t/ once fixed" >&2; \
			exit 1; fi; \
	done

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/annexc/templates \
		$(DESTDIR)$(PREFIX)/share/annexc/fonts \
		$(DESTDIR)$(PREFIX)/share/man/man1
	$(CC) $(CFLAGS_BASE) $(OPT) $(PKG_CFLAGS) -DANNEXC_TEMPLATEDIR='"$(PREFIX)/share/annexc/templates"' \
		-DANNEXC_FONTDIR='"$(PREFIX)/share/annexc/fonts"' \
		-Icompiler $(SRCS) $(BUILD)/schemas.c $(PKG_LIBS) -o $(BUILD)/annexc-install
	install -m 755 $(BUILD)/annexc-install $(DESTDIR)$(PREFIX)/bin/annexc
	cp -R templates/. $(DESTDIR)$(PREFIX)/share/annexc/templates/
	cp -R fonts/. $(DESTDIR)$(PREFIX)/share/annexc/fonts/
	install -m 644 docs/annexc.1 $(DESTDIR)$(PREFIX)/share/man/man1/annexc.1

clean:
	rm -rf $(BUILD) $(OUT)
