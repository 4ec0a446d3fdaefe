# daxinspect -- see README.md. `make` builds build/daxinspect; `make check`
# builds an ASan+UBSan variant and runs every test tier.
# DEVELOPER=1 turns warnings into errors (as git's config.mak.dev does);
# `make check` always builds that way. CPPFLAGS, CFLAGS and LDFLAGS are
# honoured (Debian's build flags).

PREFIX ?= /usr/local
DESTDIR ?=
BINDIR = $(PREFIX)/bin
MANDIR = $(PREFIX)/share/man/man1
INCDIR = $(PREFIX)/include/daxinspect
PLUGINDIR = $(PREFIX)/lib/daxinspect/plugins
COMPLETIONDIR = $(PREFIX)/share/bash-completion/completions
# The plugin headers carry no code: their pkg-config file is arch-independent.
PCDIR = $(PREFIX)/share/pkgconfig

CC ?= cc
VERSION := $(shell cat VERSION)
WARN = -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes
ifeq ($(DEVELOPER),1)
WARN += -Werror
endif
PKG_CFLAGS := $(shell pkg-config --cflags libkdumpfile libdw libbpf libdebuginfod 2>/dev/null)
PKG_LIBS := $(shell pkg-config --libs libkdumpfile libdw libbpf 2>/dev/null || echo -lkdumpfile -ldw -lelf -lbpf) -lreadline -lz -llzo2 -lsnappy -lzstd -llzma -lbz2
# Only what include/daxinspect/plugin.h marks DXI_PUBLIC is exported.
BASE_CFLAGS = -std=gnu17 $(WARN) -fvisibility=hidden -D_GNU_SOURCE -DDXI_VERSION='"$(VERSION)"' -DDXI_PLUGIN_DIR='"$(PLUGINDIR)"' -Iinclude $(PKG_CFLAGS)
CFLAGS ?= -O2 -g
CPPFLAGS ?=
LDFLAGS ?=
LDLIBS = $(PKG_LIBS) -pthread

SAN_FLAGS = -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined

LIB_SRCS := $(sort $(wildcard src/util/*.c src/dump/*.c src/dbg/*.c src/kern/*.c src/checks/*.c src/report/*.c))
CLI_SRCS := $(sort $(wildcard src/cli/*.c))
UNIT_SRCS := $(sort $(wildcard tests/unit/test_*.c))
HDRS := $(shell find src include -name '*.h')

# $(call objs,VARIANT,SRCS)
objs = $(patsubst %.c,build/$(1)/%.o,$(2))

.PHONY: all check check-noguest bench run install clean vmtest unit asan samples plugins fuzz fuzz-ci FORCE
all: build/release/daxinspect build/daxinspect plugins

build/daxinspect: build/release/daxinspect
	@ln -sf release/daxinspect $@

# Quotes a make value for the shell (as git's Makefile does).
shq = '$(subst ','\'',$(1))'

# build/VARIANT/FLAGS holds the compile and link command lines; it changes
# only when they do (PREFIX, CFLAGS, DEVELOPER), so objects rebuild then
# and `make && make install PREFIX=/usr` looks in /usr's plugin directory.
define variant
build/$(1)/FLAGS: FORCE
	@mkdir -p $$(@D)
	@printf '%s\n' $$(call shq,$$(CC) $$(CPPFLAGS) $$(BASE_CFLAGS) $(2) $$(LDFLAGS) $$(LDLIBS)) | \
		cmp -s - $$@ || printf '%s\n' $$(call shq,$$(CC) $$(CPPFLAGS) $$(BASE_CFLAGS) $(2) $$(LDFLAGS) $$(LDLIBS)) > $$@

build/$(1)/%.o: %.c $(HDRS) VERSION build/$(1)/FLAGS
	@mkdir -p $$(@D)
	$$(CC) $$(CPPFLAGS) $$(BASE_CFLAGS) $(2) -c $$< -o $$@

build/$(1)/libdaxinspect.a: $(call objs,$(1),$(LIB_SRCS))
	@rm -f $$@
	ar rcs $$@ $$^

# -rdynamic exports the DXI_PUBLIC functions plugins call; the rest of the
# library is hidden (-fvisibility=hidden).
build/$(1)/daxinspect: $(call objs,$(1),$(CLI_SRCS)) build/$(1)/libdaxinspect.a build/$(1)/FLAGS
	$$(CC) $(2) $$(LDFLAGS) -rdynamic -o $$@ $(call objs,$(1),$(CLI_SRCS)) build/$(1)/libdaxinspect.a $$(LDLIBS) -ldl

build/$(1)/tests/unit/%: build/$(1)/tests/unit/%.o build/$(1)/libdaxinspect.a
	$$(CC) $(2) $$(LDFLAGS) -o $$@ $$^ -lcmocka $$(LDLIBS)
endef

$(eval $(call variant,release,$(CFLAGS)))
$(eval $(call variant,asan,$(SAN_FLAGS)))

# Plugins (plugins/*.c), built against include/daxinspect/plugin.h only.
PLUGIN_SRCS := $(sort $(wildcard plugins/*.c))
PLUGINS := $(patsubst plugins/%.c,build/plugins/%.so,$(PLUGIN_SRCS))
# They rebuild when CPPFLAGS, CFLAGS or LDFLAGS change (release's FLAGS).
build/plugins/%.so: plugins/%.c include/daxinspect/plugin.h include/daxinspect/model.h build/release/FLAGS
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) -std=gnu17 $(WARN) -Iinclude $(CFLAGS) -fPIC -shared $(LDFLAGS) -o $@ $<
plugins: $(PLUGINS)

UNIT_BINS = $(patsubst tests/unit/%.c,build/asan/tests/unit/%,$(UNIT_SRCS))
# Kept, so that `make unit` twice does not compile every test again.
.SECONDARY: $(addsuffix .o,$(UNIT_BINS))

asan: build/asan/daxinspect $(UNIT_BINS)

# The cmocka unit tests alone, built with ASan+UBSan; every one runs, and
# the target fails if any did.
unit: $(UNIT_BINS)
	@rc=0; for t in $(UNIT_BINS); do \
		LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0 \
			$$t || { echo "FAIL $$t"; rc=1; }; \
	done; exit $$rc

# CI's test command: warnings are errors here (DEVELOPER=1).
check:
	$(MAKE) DEVELOPER=1 asan all samples
	DXI_BIN=$(CURDIR)/build/asan/daxinspect DXI_UNIT_DIR=$(CURDIR)/build/asan/tests/unit tests/run

# The tiers that need no guest and no lab dump, with the warnings the
# compiler of the day gives (no -Werror): Debian's dh_auto_test.
NOGUEST_TIERS = unit cli samples synth
check-noguest:
	$(MAKE) asan all samples
	DXI_TIERS="$(NOGUEST_TIERS)" DXI_BIN=$(CURDIR)/build/asan/daxinspect DXI_UNIT_DIR=$(CURDIR)/build/asan/tests/unit tests/run

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

# `pkg-config --cflags daxinspect-plugin` builds a plugin against the
# installed headers; --variable=plugindir says where daxinspect looks.
build/daxinspect-plugin.pc: daxinspect-plugin.pc.in VERSION build/release/FLAGS
	sed -e 's|@PREFIX@|$(PREFIX)|g' -e 's|@VERSION@|$(VERSION)|g' \
		-e 's|@ABI@|'"$$(sed -n 's/^#define DXI_PLUGIN_ABI_VERSION //p' include/daxinspect/plugin.h)"'|g' \
		$< > $@.tmp && mv $@.tmp $@

install: all build/daxinspect-plugin.pc
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(INCDIR) $(DESTDIR)$(MANDIR) \
		$(DESTDIR)$(PLUGINDIR) $(DESTDIR)$(COMPLETIONDIR) $(DESTDIR)$(PCDIR)
	install -m 755 build/release/daxinspect $(DESTDIR)$(BINDIR)/daxinspect
	install -m 644 include/daxinspect/*.h $(DESTDIR)$(INCDIR)/
	install -m 644 daxinspect.1 $(DESTDIR)$(MANDIR)/daxinspect.1
	install -m 644 completion/daxinspect.bash $(DESTDIR)$(COMPLETIONDIR)/daxinspect
	install -m 755 $(PLUGINS) $(DESTDIR)$(PLUGINDIR)/
	install -m 644 build/daxinspect-plugin.pc $(DESTDIR)$(PCDIR)/daxinspect-plugin.pc

clean:
	rm -rf build
