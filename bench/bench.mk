# bench/bench.mk - `make bench`: the same workloads in Freeport and in Linux.
#
# Included by Makefile after userland/userland.mk (it uses $(FREEPORT_CC) and
# $(SYSROOT_FILES)). A file of bench/ named *_freeport.c is for Freeport
# only, *_linux.c for Linux only; every other bench/*.c is for both. Builds,
# under $(BUILD)/bench/:
#   bench-freeport   the common files + *_freeport.c, by freeport-cc (newlib)
#   bench-linux      the common files + *_linux.c, by the host gcc -static (glibc)
# then runs each BENCH_RUNS times (default 2) in its own guest, one after
# the other (tools/bench-freeport, tools/bench-linux: the same QEMU machine,
# instructions counted), and prints tools/bench-report's table, also kept in
# $(BUILD)/bench/report.txt; the raw outputs stay beside it. Linux needs
# linux-image-amd64 and busybox-static: tools/bench-deps says how to install
# them, and BENCH_INSTALL=1 installs them. KVM=1 runs both guests under KVM
# in real time instead (only where KVM runs them: not on the reference
# machine). docs/benchmarks.md explains it all.

.PHONY: bench

BENCH_BUILD         := $(BUILD)/bench
BENCH_FREEPORT_ONLY := $(sort $(wildcard bench/*_freeport.c))
BENCH_LINUX_ONLY    := $(sort $(wildcard bench/*_linux.c))
BENCH_SOURCES       := $(filter-out $(BENCH_FREEPORT_ONLY) $(BENCH_LINUX_ONLY),$(sort $(wildcard bench/*.c)))
BENCH_CFLAGS        := -std=gnu11 -O2 -g -Wall -Wextra -Werror
BENCH_RUNS          ?= 2
BENCH_INSTALL       ?= 0
BENCH_RUNNER_FLAGS  := $(if $(filter 1,$(KVM)),--kvm)

$(BENCH_BUILD)/bench-freeport: $(BENCH_SOURCES) $(BENCH_FREEPORT_ONLY) bench/bench.h bench/bench.mk \
        $(SYSROOT_FILES)
	@mkdir -p $(@D)
	$(FREEPORT_CC) $(BENCH_CFLAGS) -o $@ $(BENCH_SOURCES) $(BENCH_FREEPORT_ONLY)

$(BENCH_BUILD)/bench-linux: $(BENCH_SOURCES) $(BENCH_LINUX_ONLY) bench/bench.h bench/bench.mk
	@mkdir -p $(@D)
	$(CC) $(BENCH_CFLAGS) -static -o $@ $(BENCH_SOURCES) $(BENCH_LINUX_ONLY)

# bench_run SYSTEM: one run of tools/bench-SYSTEM (the shell loop's $run), into SYSTEM-N.out.
bench_run = echo "bench: run $$run of $(BENCH_RUNS): $(1)"; \
    tools/bench-$(1) $(BENCH_RUNNER_FLAGS) $(BENCH_BUILD)/bench-$(1) > $(BENCH_BUILD)/$(1)-$$run.out || \
        { tail -n 40 $(BENCH_BUILD)/$(1)-$$run.out >&2; exit 1; }

# The guests run one at a time: two TCG guests on one host would not change
# the counted instructions, but would slow each other in real time.
bench: $(KERNEL32) userland $(BENCH_BUILD)/bench-freeport $(BENCH_BUILD)/bench-linux
	@tools/bench-deps $(if $(filter 1,$(BENCH_INSTALL)),--install)
	@rm -f $(BENCH_BUILD)/*.out
	@for run in $$(seq $(BENCH_RUNS)); do \
	    $(call bench_run,freeport); \
	    $(call bench_run,linux); \
	done
	@tools/bench-report --freeport $(BENCH_BUILD)/freeport-*.out --linux $(BENCH_BUILD)/linux-*.out \
	    > $(BENCH_BUILD)/report.txt; status=$$?; cat $(BENCH_BUILD)/report.txt; \
	    echo "bench: report in $(BENCH_BUILD)/report.txt"; exit $$status
