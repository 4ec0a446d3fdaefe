# daxinspect -- see README.md. `make` builds build/daxinspect; `make check`
# builds an ASan+UBSan variant and runs every test tier.

PREFIX ?= /usr/local
DESTDIR ?=
BINDIR = $(PREFIX)/bin
MANDIR = $(PREFIX)/share/man/man1
INCDIR = $(PREFIX)/include/daxinspect
PLUGINDIR = $(PREFIX)/lib/daxinspect/plugins
COMPLETIONDIR = $(PREFIX)/share/bash-completion/completions

CC ?= cc
VERSION := $(shell cat VERSION)
WARN = -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wno-format-truncation
PKG_CFLAGS := $(shell pkg-config --cflags libkdumpfile libdw libbpf 2>/dev/null)
PKG_LIBS := $(shell pkg-config --libs libkdumpfile libdw libbpf 2>/dev/null || echo -lkdumpfile -ldw -lelf -lbpf) -lreadline
BASE_CFLAGS = -std=gnu17 $(WARN) -D_GNU_SOURCE -DDXI_VERSION='"$(VERSION)"' -DDXI_PLUGIN_DIR='"$(PLUGINDIR)"' -Iinclude $(PKG_CFLAGS)
CFLAGS ?= -O2 -g
LDLIBS = $(PKG_LIBS)

SAN_FLAGS = -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined

LIB_SRCS := $(sort $(wildcard src/util/*.c src/target/*.c src/dbg/*.c src/kern/*.c src/checks/*.c src/report/*.c))
CLI_SRCS := $(sort $(wildcard src/cli/*.c))
UNIT_SRCS := $(sort $(wildcard tests/unit/test_*.c))
HDRS := $(shell find src include -name '*.h')

# $(call objs,VARIANT,SRCS)
objs = $(patsubst %.c,build/$(1)/%.o,$(2))

.PHONY: all check bench run install clean vmtest unit asan samples plugins fuzz fuzz-ci
all: build/release/daxinspect build/daxinspect plugins

build/daxinspect: build/release/daxinspect
	@ln -sf release/daxinspect $@

define variant
build/$(1)/%.o: %.c $(HDRS) VERSION
	@mkdir -p $$(@D)
	$$(CC) $$(BASE_CFLAGS) $(2) -c $$< -o $$@

build/$(1)/libdaxinspect.a: $(call objs,$(1),$(LIB_SRCS))
	@rm -f $$@
	ar rcs $$@ $$^

# The whole library is linked and its symbols exported: plugins call them.
build/$(1)/daxinspect: $(call objs,$(1),$(CLI_SRCS)) build/$(1)/libdaxinspect.a
	$$(CC) $(2) -rdynamic -o $$@ $(call objs,$(1),$(CLI_SRCS)) -Wl,--whole-archive build/$(1)/libdaxinspect.a -Wl,--no-whole-archive $$(LDLIBS) -ldl

build/$(1)/tests/unit/%: build/$(1)/tests/unit/%.o build/$(1)/libdaxinspect.a
	$$(CC) $(2) -o $$@ $$^ -lcmocka $$(LDLIBS)
endef

$(eval $(call variant,release,$(CFLAGS)))
$(eval $(call variant,asan,$(SAN_FLAGS)))

# Plugins (plugins/*.c), built against include/daxinspect/plugin.h only.
PLUGIN_SRCS := $(sort $(wildcard plugins/*.c))
PLUGINS := $(patsubst plugins/%.c,build/plugins/%.so,$(PLUGIN_SRCS))
build/plugins/%.so: plugins/%.c include/daxinspect/plugin.h include/daxinspect/model.h
	@mkdir -p $(@D)
	$(CC) -std=gnu17 $(WARN) -Iinclude -O2 -g -fPIC -shared -o $@ $<
plugins: $(PLUGINS)

UNIT_BINS = $(patsubst tests/unit/%.c,build/asan/tests/unit/%,$(UNIT_SRCS))

asan: build/asan/daxinspect $(UNIT_BINS)

check: asan all samples
	DXI_BIN=$(CURDIR)/build/asan/daxinspect DXI_UNIT_DIR=$(CURDIR)/build/asan/tests/unit tests/run

bench: all
	tests/bench/run

# The bundled samples are trimmed ELF vmcores, xz-compressed, each with
# its type profile (found beside the dump by build-id).
SAMPLE_DIRS := $(patsubst %/vmcore.xz,%,$(wildcard vmcores-sample/*/vmcore.xz))
SAMPLES := $(patsubst vmcores-sample/%,build/samples/%/vmcore,$(SAMPLE_DIRS))
samples: $(SAMPLES)
build/samples/%/vmcore: vmcores-sample/%/vmcore.xz vmcores-sample/%/vmcore.profile
	@mkdir -p $(@D)
	xz -dc $< > $@.tmp && mv $@.tmp $@
	cp vmcores-sample/$*/vmcore.profile $(@D)/vmcore.profile

# The tool's main job on a bundled sample (exit 1 = findings, expected here).
run: all samples
	build/daxinspect check build/samples/6.1-ext4/vmcore || test $$? -eq 1

# libFuzzer targets (tests/fuzz/README.md): build/fuzz/NAME per
# tests/fuzz/NAME.c, the library built again with clang in build/fuzz/obj.
FUZZ_CC ?= clang-14
FUZZ_SECONDS ?= 30
FUZZ_SAN = -g -O1 -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=undefined
# clang does not know gcc's -Wformat-truncation.
FUZZ_CFLAGS = $(BASE_CFLAGS) -Wno-unknown-warning-option $(FUZZ_SAN)
FUZZ_SRCS := $(sort $(wildcard tests/fuzz/*.c))
FUZZ_BINS := $(patsubst tests/fuzz/%.c,build/fuzz/%,$(FUZZ_SRCS))

build/fuzz/obj/%.o: %.c $(HDRS) VERSION
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -c $< -o $@

build/fuzz/obj/tests/fuzz/%.o: tests/fuzz/%.c tests/fuzz/fuzz.h $(HDRS) VERSION
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -c $< -o $@

build/fuzz/libdaxinspect.a: $(call objs,fuzz/obj,$(LIB_SRCS))
	@rm -f $@
	ar rcs $@ $^

build/fuzz/%: build/fuzz/obj/tests/fuzz/%.o build/fuzz/libdaxinspect.a
	$(FUZZ_CC) $(FUZZ_SAN) -fsanitize=fuzzer -o $@ $^ $(LDLIBS)

.PRECIOUS: build/fuzz/obj/%.o
fuzz: $(FUZZ_BINS)

# Each target for FUZZ_SECONDS on a scratch copy of its corpus: new inputs
# go to the temp dir, never into tests/fuzz/corpus.
fuzz-ci: fuzz
	tests/fuzz/run-ci $(FUZZ_SECONDS) $(FUZZ_BINS)

vmtest: all
	tests/vm/vmtest

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(INCDIR) $(DESTDIR)$(MANDIR) \
		$(DESTDIR)$(PLUGINDIR) $(DESTDIR)$(COMPLETIONDIR)
	install -m 755 build/release/daxinspect $(DESTDIR)$(BINDIR)/daxinspect
	install -m 644 include/daxinspect/*.h $(DESTDIR)$(INCDIR)/
	install -m 644 daxinspect.1 $(DESTDIR)$(MANDIR)/daxinspect.1
	install -m 644 completion/daxinspect.bash $(DESTDIR)$(COMPLETIONDIR)/daxinspect
	install -m 755 $(PLUGINS) $(DESTDIR)$(PLUGINDIR)/

clean:
	rm -rf build
