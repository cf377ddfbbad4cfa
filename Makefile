# gongkai — build, test, demo.  See README.md.
#
#   make            release build of ./gongkai
#   make check      sanitizer build + every test; last line "N passed, N failed"
#   make demo       install deps, build, load the demo data, serve the portal
#   make bench      benchmarks (figures printed; ratios against in-run baselines)
#   make deps       install missing Debian packages (root)
#   make fuzz       libFuzzer harnesses (clang-15), each run FUZZ_SECONDS (default 60) on its
#                   corpus; make check replays the corpora without clang (docs/testing.md)

PKGS      := sqlite3 jansson libsodium libmicrohttpd libcurl
CC        ?= cc
WARN      := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wformat=2 -Wno-format-nonliteral
DEFS      := -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lmd4c-html -lmd4c -lm -lpthread

BUILD     ?= build/rel
MODE_CFLAGS_build/rel  := -O2 -g
MODE_CFLAGS_build/asan := -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=undefined
MODE_CFLAGS_build/dev  := $(MODE_CFLAGS_build/asan)
# The fuzz build: clang-15 with libFuzzer's coverage instrumentation (the harness's link adds
# -fsanitize=fuzzer), and the same sanitizers as the test build.
MODE_CFLAGS_build/fuzz := -O1 -g -fno-omit-frame-pointer -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined
MODE_CFLAGS = $(MODE_CFLAGS_$(BUILD))
CFLAGS_ALL = -std=c11 $(WARN) $(DEFS) -Isrc -I$(BUILD)/gen $(PKG_CFLAGS) $(MODE_CFLAGS) $(CFLAGS)
LDFLAGS_ALL = $(MODE_CFLAGS) $(LDFLAGS)

LIB_SRC   := $(filter-out $(addsuffix %,$(EXCLUDE)),$(sort $(shell find src -name '*.c' ! -path src/main.c)))
LIB_OBJ   := $(LIB_SRC:%.c=$(BUILD)/%.o) $(BUILD)/gen/embedded.o
ASSETS    := $(sort $(shell find assets -type f))
UNIT_SRC  := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BIN  := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
BENCH_SRC := $(sort $(wildcard bench/bench_*.c))
BENCH_BIN := $(BENCH_SRC:bench/%.c=$(BUILD)/bench/%)

.PHONY: all check demo bench deps clean unit-bins bench-bins fuzz fuzz-bins replay-bins
.DELETE_ON_ERROR:

all: gongkai

gongkai: $(BUILD)/gongkai
	cp $< $@

$(BUILD)/gongkai: $(BUILD)/src/main.o $(BUILD)/libgongkai.a
	$(CC) $(LDFLAGS_ALL) -o $@ $^ $(PKG_LIBS)

$(BUILD)/libgongkai.a: $(LIB_OBJ)
	rm -f $@ && ar rcs $@ $^

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC   $<"
	@$(CC) $(CFLAGS_ALL) -MMD -MP -c -o $@ $<

# Every file under assets/ is compiled into the binary (templates, static files,
# SQL migrations, calendar data); a theme folder may override them at run time.
$(BUILD)/tools/embed: tools/embed.c
	@mkdir -p $(dir $@)
	$(CC) -std=c11 -O2 $(WARN) -o $@ $<

$(BUILD)/gen/embedded.c: $(BUILD)/tools/embed $(ASSETS)
	@mkdir -p $(dir $@)
	$(BUILD)/tools/embed assets $(ASSETS) > $@

$(BUILD)/gen/embedded.o: $(BUILD)/gen/embedded.c
	$(CC) -std=c11 -O0 -c -o $@ $<

$(BUILD)/tests/%: tests/unit/%.c tests/unit/test.h $(wildcard tests/unit/test_*.h) $(BUILD)/libgongkai.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -Itests/unit -o $@ $< $(BUILD)/libgongkai.a $(LDFLAGS_ALL) $(PKG_LIBS) -lcurl

$(BUILD)/bench/%: bench/%.c $(wildcard bench/*.h) $(BUILD)/libgongkai.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -o $@ $< $(BUILD)/libgongkai.a $(LDFLAGS_ALL) $(PKG_LIBS)

unit-bins: $(UNIT_BIN) $(BUILD)/gongkai
bench-bins: $(BENCH_BIN) $(BUILD)/gongkai

deps:
	@tools/deps.sh

# ---- fuzzing (fuzz/, docs/testing.md "Fuzzing") ----
# One harness per target, fuzz/fuzz_TARGET.c, seed corpus fuzz/corpus/TARGET/, dictionary
# fuzz/TARGET.dict when there is one. `make fuzz` builds them with clang-15 into build/fuzz and
# runs each for FUZZ_SECONDS on a copy of its corpus (build/fuzz/corpus/TARGET: new inputs
# land there, not in the repository; crashes in build/fuzz/crashes/TARGET). FUZZ_TARGETS
# picks some: make fuzz FUZZ_TARGETS="http search" FUZZ_SECONDS=600.
# `make check` builds the same harnesses with gcc and the test build's sanitizers, linked
# with fuzz/replay.c instead of libFuzzer, and replays the committed corpora.
FUZZ_ALL     := $(patsubst fuzz/fuzz_%.c,%,$(sort $(wildcard fuzz/fuzz_*.c)))
FUZZ_TARGETS ?= $(FUZZ_ALL)
FUZZ_SECONDS ?= 60
FUZZ_CC      ?= clang-15
FUZZ_ARGS    ?=

$(BUILD)/fuzz/fuzz_%: fuzz/fuzz_%.c fuzz/fuzz.h $(BUILD)/libgongkai.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -Ifuzz -fsanitize=fuzzer -o $@ $< $(BUILD)/libgongkai.a $(LDFLAGS_ALL) -fsanitize=fuzzer $(PKG_LIBS)

$(BUILD)/fuzz/replay_%: fuzz/fuzz_%.c fuzz/fuzz.h fuzz/replay.c $(BUILD)/libgongkai.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -Ifuzz -o $@ $< fuzz/replay.c $(BUILD)/libgongkai.a $(LDFLAGS_ALL) $(PKG_LIBS)

fuzz-bins: $(FUZZ_ALL:%=$(BUILD)/fuzz/fuzz_%)
replay-bins: $(FUZZ_ALL:%=$(BUILD)/fuzz/replay_%)

fuzz:
	@tools/deps.sh fuzz
	$(MAKE) BUILD=build/fuzz CC=$(FUZZ_CC) fuzz-bins
	@set -e; for t in $(FUZZ_TARGETS); do \
	  mkdir -p build/fuzz/corpus/$$t build/fuzz/crashes/$$t; \
	  cp -n fuzz/corpus/$$t/* build/fuzz/corpus/$$t/ 2>/dev/null || true; \
	  dict=; [ -f fuzz/$$t.dict ] && dict=-dict=fuzz/$$t.dict; \
	  echo "== fuzz $$t for $(FUZZ_SECONDS) s"; \
	  build/fuzz/fuzz/fuzz_$$t -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 \
	    -artifact_prefix=build/fuzz/crashes/$$t/ $$dict $(FUZZ_ARGS) build/fuzz/corpus/$$t; \
	done

check: deps
	$(MAKE) BUILD=build/asan unit-bins replay-bins
	$(MAKE) BUILD=build/rel unit-bins
	tools/run-tests.sh

demo: deps gongkai
	rm -f demo.db demo.db-wal demo.db-shm
	./gongkai --db demo.db demo
	./gongkai --db demo.db serve --listen 127.0.0.1:8080

bench: deps
	$(MAKE) BUILD=build/rel bench-bins
	tools/run-bench.sh

clean:
	rm -rf build gongkai

-include $(shell find build -name '*.d' 2>/dev/null)
