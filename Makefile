# annexc - batch compiler for Bangladesh e-governance action-plan reports.
# make            build build/annexc
# make examples   install what is missing, build, run every example
# make check      install test tools, build normal + ASan/UBSan, run all tests
# make regen      show each expected-output diff, rewrite when asked (YES=1: all)
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

.PHONY: all deps test-deps examples check regen asan valgrind bench install clean

all: $(BUILD)/annexc

deps:
	$(Q)sh scripts/deps.sh build

test-deps:
	$(Q)sh scripts/deps.sh test

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
$(ASAN_DIR)/test_%: tests/unit/test_%.c $(filter-out $(ASAN_DIR)/main.o,$(ASAN_OBJS))
	@echo "  CC      $@"
	$(Q)$(CC) $(CFLAGS_BASE) -O1 -g $(SAN) $(PKG_CFLAGS) -Icompiler $^ $(PKG_LIBS) -o $@

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
	$(Q)$(MAKE) --no-print-directory all asan $(UNIT_TESTS)
	$(Q)bash tests/run.sh $(BUILD)/annexc $(ASAN_DIR)/annexc $(UNIT_TESTS)

# The expected outputs beside every example and bad case (tests/regen.sh):
# shows each diff; asks y/n per file on a terminal; YES=1 rewrites them all.
regen: deps
	$(Q)$(MAKE) --no-print-directory all
	$(Q)YES=$(YES) bash tests/regen.sh $(BUILD)/annexc

valgrind: all
	$(Q)bash tests/valgrind.sh $(BUILD)/annexc

# Benchmark, not a test: BENCH_N offices (default 1000), WRITE=1 writes bench/results.md.
bench: deps test-deps
	$(Q)$(MAKE) --no-print-directory all
	$(Q)/usr/bin/python3 -c 'import xlsxwriter' 2>/dev/null || (sh scripts/deps.sh bench)
	$(Q)/usr/bin/python3 bench/bench.py

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
