# robustness.mk - the robustness tools (docs/robustness.md), included by
# Makefile after userland/userland.mk:
#
#   $(BUILD)/robustness/fuzz     the in-guest system-call fuzzer (userland/tests/fuzz/)
#   $(BUILD)/robustness/stress   the in-guest IPC stress test (userland/tests/stress.c)
#   $(BUILD)/robustness/oom      who is killed when memory runs out (userland/tests/oom.c)
#   $(BUILD)/fuzz/fuzz_NAME      libFuzzer targets of the kernel's pure parsers,
#                                declared in tests/fuzz/fuzz.mk (clang)
#
# `make check` builds them all (ROBUSTNESS_BINARIES) and runs them through
# tests/robustness.bats and tests/fuzz.bats. Targets of their own:
#
#   make fuzz [FUZZ_SECONDS=60]   every libFuzzer target for FUZZ_SECONDS each,
#                                 fresh seeds, stopping at the first crash
#   make soak [SECONDS=600]       fuzzer, fault-injection and stress rounds in
#                                 fresh guests with fresh seeds until SECONDS
#                                 have passed or one fails (tools/soak)

FUZZ_SECONDS ?= 60
SECONDS      ?= 600

GUEST_TEST_CFLAGS := -std=gnu11 -O2 -g -Wall -Wextra -Werror
FUZZ_PROGRAM      := $(BUILD)/robustness/fuzz
GUEST_TESTS       := $(BUILD)/robustness/stress $(BUILD)/robustness/oom
FUZZ_PROGRAM_SOURCES := $(sort $(wildcard userland/tests/fuzz/*.c))

$(FUZZ_PROGRAM): $(FUZZ_PROGRAM_SOURCES) userland/tests/fuzz/fuzz.h userland/libc/syscall.h $(SYSROOT_FILES)
	@mkdir -p $(@D)
	$(FREEPORT_CC) $(GUEST_TEST_CFLAGS) -o $@ $(FUZZ_PROGRAM_SOURCES)

$(GUEST_TESTS): $(BUILD)/robustness/%: userland/tests/%.c userland/tests/check.h userland/tests/ipc_check.h \
        $(SYSROOT_FILES)
	@mkdir -p $(@D)
	$(FREEPORT_CC) $(GUEST_TEST_CFLAGS) -o $@ $<

# libFuzzer targets: each tests/fuzz/fuzz_NAME.c with unit's way of naming
# the kernel files it exercises (fuzz_NAME_SOURCES), built by clang with
# the fuzzer, ASan and UBSan.
FUZZ_TARGETS :=
include tests/fuzz/fuzz.mk
FUZZ_CC      := clang
FUZZ_CFLAGS  := -std=gnu11 -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
    -fno-omit-frame-pointer -Wall -Wextra -Werror -I src -I tests/unit -MMD -MP
FUZZ_BINARIES := $(FUZZ_TARGETS:%=$(BUILD)/fuzz/fuzz_%)

define fuzz_target_rule
fuzz_$(1)_OBJECTS := $$(patsubst %.c,$(BUILD)/fuzz/$(1)/%.o,tests/fuzz/fuzz_$(1).c $$(fuzz_$(1)_SOURCES))
$(BUILD)/fuzz/fuzz_$(1): $$(fuzz_$(1)_OBJECTS)
	$$(FUZZ_CC) -fsanitize=fuzzer,address,undefined -o $$@ $$^
$(BUILD)/fuzz/$(1)/%.o: %.c Makefile tests/robustness.mk tests/fuzz/fuzz.mk
	@mkdir -p $$(dir $$@)
	$$(FUZZ_CC) $$(FUZZ_CFLAGS) -c $$< -o $$@
-include $$(fuzz_$(1)_OBJECTS:.o=.d)
endef
$(foreach name,$(FUZZ_TARGETS),$(eval $(call fuzz_target_rule,$(name))))

ROBUSTNESS_BINARIES := $(FUZZ_PROGRAM) $(GUEST_TESTS) $(FUZZ_BINARIES)

.PHONY: robustness fuzz soak
robustness: $(ROBUSTNESS_BINARIES)

fuzz: $(FUZZ_BINARIES)
	@for name in $(FUZZ_TARGETS); do \
	    tools/run-fuzzer $$name $(FUZZ_SECONDS) || exit 1; \
	done

soak: all $(ROBUSTNESS_BINARIES)
	tools/soak $(SECONDS)
