# userland/userland.mk - the user-space half of the build, included by Makefile.
#
# Builds, all under $(BUILD)/:
#   sysroot/      the SDK: newlib's headers and libc.a/libm.a, Freeport's own
#                 headers, crt0.o, user.ld and libfreeport.a (the syscall glue)
#   bin/freeport-cc   the compiler driver for user programs (gcc + the sysroot)
#   root/         the initial root tree: /bin (every program in userland/bin),
#                 /etc/rc, /tmp, /var/run, /dev, /home
#   initrd.cpio   root/ packed by tools/mkinitrd (cpio "newc")
# Targets: sysroot, userland (programs + root tree), initrd.
#
# newlib is built once: $(NEWLIB_STAMP) only goes stale when the tarball or
# the configure flags change, so `make clean` is the usual way to rebuild it.

.PHONY: sysroot userland initrd

# --- newlib -----------------------------------------------------------------

NEWLIB_TARBALL  := /usr/src/newlib/newlib-3.3.0.tar.xz
NEWLIB_SRC      := $(BUILD)/newlib-src
NEWLIB_OBJ      := $(BUILD)/newlib-obj
NEWLIB_PREFIX   := $(BUILD)/newlib-install
NEWLIB_LOG      := $(BUILD)/newlib.log
NEWLIB_JOBS     := $(shell nproc 2>/dev/null || echo 2)

NEWLIB_CONFIGURE_FLAGS := --target=x86_64-elf --disable-multilib \
    --disable-newlib-supplied-syscalls --disable-nls \
    --enable-newlib-io-c99-formats --enable-newlib-io-long-long
NEWLIB_TOOLS := CC_FOR_TARGET=gcc AS_FOR_TARGET=as LD_FOR_TARGET=ld \
    AR_FOR_TARGET=ar RANLIB_FOR_TARGET=ranlib NM_FOR_TARGET=nm \
    OBJDUMP_FOR_TARGET=objdump OBJCOPY_FOR_TARGET=objcopy STRIP_FOR_TARGET=strip \
    READELF_FOR_TARGET=readelf
# READELF_FOR_TARGET matters: newlib's configure detects .init_array support
# with it, and without it libc.a has no __libc_init_array (constructors).
NEWLIB_CFLAGS := -O2 -g -ffreestanding -fno-stack-protector -fno-pie -fno-pic

# The stamp's name carries a hash of the configuration: changing a flag
# names a stamp that does not exist yet, which rebuilds newlib.
NEWLIB_HASH  := $(shell echo '$(NEWLIB_CONFIGURE_FLAGS) $(NEWLIB_TOOLS) $(NEWLIB_CFLAGS)' | md5sum | cut -c1-12)
NEWLIB_STAMP := $(BUILD)/newlib-$(NEWLIB_HASH).stamp

# Shows the end of the log and fails; used after each newlib step.
newlib_failed = { echo "newlib: $(1) failed; last lines of $(NEWLIB_LOG):" >&2; \
    tail -n 25 $(NEWLIB_LOG) >&2; exit 1; }

# The makes below are plain `make`, not $(MAKE): they must not join our
# jobserver or run under `make -n`. Install is a separate step because newlib's
# install-target-newlib does not wait for all-target-newlib under -j.
$(NEWLIB_STAMP): $(NEWLIB_TARBALL)
	@rm -rf $(NEWLIB_SRC) $(NEWLIB_OBJ) $(NEWLIB_PREFIX) $(BUILD)/newlib-*.stamp
	@mkdir -p $(NEWLIB_SRC) $(NEWLIB_OBJ)
	@echo "newlib: extracting $(NEWLIB_TARBALL)"
	@tar -xJf $(NEWLIB_TARBALL) -C $(NEWLIB_SRC) --strip-components=1
	@echo "newlib: configuring (about 10 s; log in $(NEWLIB_LOG))"
	@cd $(NEWLIB_OBJ) && $(abspath $(NEWLIB_SRC))/configure \
	    --prefix=$(abspath $(NEWLIB_PREFIX)) $(NEWLIB_CONFIGURE_FLAGS) \
	    $(NEWLIB_TOOLS) CFLAGS_FOR_TARGET="$(NEWLIB_CFLAGS)" \
	    > $(abspath $(NEWLIB_LOG)) 2>&1 || $(call newlib_failed,configure)
	@echo "newlib: building (about 65 s on 2 cores; $(NEWLIB_JOBS) jobs here)"
	@MAKEFLAGS= MAKELEVEL= make -C $(NEWLIB_OBJ) -j$(NEWLIB_JOBS) all-target-newlib \
	    >> $(NEWLIB_LOG) 2>&1 || $(call newlib_failed,build)
	@MAKEFLAGS= MAKELEVEL= make -C $(NEWLIB_OBJ) install-target-newlib \
	    >> $(NEWLIB_LOG) 2>&1 || $(call newlib_failed,install)
	@touch $@

# --- sysroot: headers, libraries, start file, linker script, compiler driver --

SYSROOT         := $(BUILD)/sysroot
USERLAND_BUILD  := $(BUILD)/userland
FREEPORT_CC     := $(BUILD)/bin/freeport-cc
SYSROOT_HEADERS := $(BUILD)/sysroot-headers.stamp
USER_CFLAGS     := -std=gnu11 -O2 -g -Wall -Wextra -Werror -MMD -MP

LIBFREEPORT_SOURCES := $(filter-out %/crt0.S %/abi_check.c, \
    $(sort $(wildcard userland/libc/*.c userland/libc/*.S)))
LIBFREEPORT_OBJECTS := $(patsubst userland/libc/%,$(USERLAND_BUILD)/libc/%.o,$(LIBFREEPORT_SOURCES))
# The channel rings' code is the kernel's own (src/ipc/ring.c includes only
# compiler headers), built once more for user space; ring.c and the channel
# library find its header under src/ (-iquote: only "ipc/ring.h", never
# a kernel header in place of a C library one such as <errno.h>).
LIBFREEPORT_OBJECTS += $(USERLAND_BUILD)/libc/ring.c.o
$(USERLAND_BUILD)/libc/ring.c.o $(USERLAND_BUILD)/libc/ipc_channel.c.o: USER_CFLAGS += -iquote src
# FreeWorld's calls (freeworld.c) turn IPC errors into errno with the
# kernel's own table, src/posix/errno_map.c, built once more likewise.
LIBFREEPORT_OBJECTS += $(USERLAND_BUILD)/libc/errno_map.c.o
$(USERLAND_BUILD)/libc/errno_map.c.o $(USERLAND_BUILD)/libc/freeworld.c.o: USER_CFLAGS += -iquote src
ABI_CHECKS := $(USERLAND_BUILD)/libc/abi_check.c.o $(USERLAND_BUILD)/libc/errno_check.c.o

SYSROOT_FILES := $(SYSROOT_HEADERS) $(SYSROOT)/lib/libc.a $(SYSROOT)/lib/libm.a \
    $(SYSROOT)/lib/libfreeport.a $(SYSROOT)/lib/crt0.o $(SYSROOT)/lib/user.ld $(FREEPORT_CC)

sysroot: $(SYSROOT_FILES)

# newlib's headers less the broken ones, then Freeport's amendments
# (newlib-headers.patch), then Freeport's own headers (some replace newlib
# placeholders), then the uapi. Removed: stdatomic.h (newlib's does not
# compile with gcc; gcc's own is found instead) and threads.h (it needs a
# machine header newlib lacks, and Freeport has no threads).
NEWLIB_HEADERS_REMOVED := stdatomic.h threads.h

$(SYSROOT_HEADERS): $(NEWLIB_STAMP) userland/newlib-headers.patch userland/userland.mk \
        $(shell find userland/include -type f) $(wildcard src/uapi/freeport/*.h)
	@echo "sysroot: installing headers into $(SYSROOT)/include"
	@rm -rf $(SYSROOT)/include
	@mkdir -p $(SYSROOT)/include/freeport
	@cp -R $(NEWLIB_PREFIX)/x86_64-elf/include/. $(SYSROOT)/include/
	@rm $(addprefix $(SYSROOT)/include/,$(NEWLIB_HEADERS_REMOVED))
	@patch -s -p1 -d $(SYSROOT)/include < userland/newlib-headers.patch
	@cp -R userland/include/. $(SYSROOT)/include/
	@cp src/uapi/freeport/*.h $(SYSROOT)/include/freeport/
	@touch $@

# Members of newlib's libc.a that emulate what Freeport's kernel does are
# removed from the sysroot's copy, so libfreeport's versions are the only
# definitions: signal.o (signal and raise kept inside the process) and
# rename.o (rename as link + unlink).
NEWLIB_REPLACED := lib_a-signal.o lib_a-rename.o

$(SYSROOT)/lib/libc.a: $(NEWLIB_STAMP) userland/userland.mk
	@mkdir -p $(@D)
	cp $(NEWLIB_PREFIX)/x86_64-elf/lib/libc.a $@.tmp
	ar d $@.tmp $(NEWLIB_REPLACED)
	mv $@.tmp $@

$(SYSROOT)/lib/libm.a: $(NEWLIB_STAMP)
	@mkdir -p $(@D)
	cp $(NEWLIB_PREFIX)/x86_64-elf/lib/libm.a $@

$(SYSROOT)/lib/user.ld: userland/user.ld
	@mkdir -p $(@D)
	cp $< $@

$(FREEPORT_CC): userland/freeport-cc.in
	@mkdir -p $(@D)
	sed -e 's|@SYSROOT@|$(abspath $(SYSROOT))|' \
	    -e 's|@GCC_INCLUDE@|$(shell $(CC) -print-file-name=include)|' $< > $@.tmp
	chmod +x $@.tmp
	mv $@.tmp $@

# Objects of the SDK itself are compiled by freeport-cc, like any program.
$(USERLAND_BUILD)/libc/%.o: userland/libc/% $(FREEPORT_CC) $(SYSROOT_HEADERS)
	@mkdir -p $(@D)
	$(FREEPORT_CC) $(USER_CFLAGS) -c $< -o $@

$(USERLAND_BUILD)/libc/ring.c.o: src/ipc/ring.c $(FREEPORT_CC) $(SYSROOT_HEADERS)
	@mkdir -p $(@D)
	$(FREEPORT_CC) $(USER_CFLAGS) -c $< -o $@

$(USERLAND_BUILD)/libc/errno_map.c.o: src/posix/errno_map.c $(FREEPORT_CC) $(SYSROOT_HEADERS)
	@mkdir -p $(@D)
	$(FREEPORT_CC) $(USER_CFLAGS) -c $< -o $@

$(SYSROOT)/lib/crt0.o: $(USERLAND_BUILD)/libc/crt0.S.o
	@mkdir -p $(@D)
	cp $< $@

$(SYSROOT)/lib/libfreeport.a: $(LIBFREEPORT_OBJECTS) $(ABI_CHECKS)
	@mkdir -p $(@D)
	rm -f $@
	ar rcs $@ $(LIBFREEPORT_OBJECTS)

# abi_check.c must name every FP_* constant of abi.h (assert or exempt it).
$(USERLAND_BUILD)/libc/abi_check.c.o: userland/libc/abi_check.c src/uapi/freeport/abi.h \
        $(FREEPORT_CC) $(SYSROOT_HEADERS)
	@mkdir -p $(@D)
	@for name in $$(sed -n 's/^#define[[:space:]]*\(FP_[A-Z0-9_]*\).*/\1/p' src/uapi/freeport/abi.h); do \
	    grep -qw "$$name" $< || { echo "$< does not check $$name" >&2; exit 1; }; \
	done
	$(FREEPORT_CC) $(USER_CFLAGS) -c $< -o $@

# Every errno value of the kernel (src/errno.h) must be newlib's.
$(USERLAND_BUILD)/libc/errno_check.c: src/errno.h userland/userland.mk
	@mkdir -p $(@D)
	@{ echo '/* generated from src/errno.h by userland/userland.mk */'; \
	   echo '#define __LINUX_ERRNO_EXTENSIONS__ /* newlib hides some codes the kernel uses */'; \
	   echo '#include <errno.h>'; \
	   sed -n 's/^#define[[:space:]]*\(E[A-Z0-9]*\)[[:space:]]*\([A-Z0-9]*\).*/_Static_assert(\1 == \2, "\1 differs in newlib and src\/errno.h");/p' $<; \
	} > $@

$(USERLAND_BUILD)/libc/errno_check.c.o: $(USERLAND_BUILD)/libc/errno_check.c $(FREEPORT_CC) $(SYSROOT_HEADERS)
	$(FREEPORT_CC) $(USER_CFLAGS) -c $< -o $@

# --- programs and the root tree ---------------------------------------------

USER_ROOT       := $(BUILD)/root
INITRD          := $(BUILD)/initrd.cpio
LIBTOOLS        := $(USERLAND_BUILD)/libtools.a
LIBTOOLS_OBJECTS := $(patsubst userland/lib/%.c,$(USERLAND_BUILD)/lib/%.o,$(wildcard userland/lib/*.c))
USER_PROGRAM_NAMES := $(sort $(basename $(notdir $(wildcard userland/bin/*.c))))
USER_PROGRAMS   := $(addprefix $(USER_ROOT)/bin/,$(USER_PROGRAM_NAMES))
# A program may also be a directory, userland/bin/NAME/*.c (as sh is).
USER_DIR_PROGRAM_NAMES := $(sort $(notdir $(patsubst %/,%,$(dir $(wildcard userland/bin/*/*.c)))))
USER_PROGRAMS   += $(addprefix $(USER_ROOT)/bin/,$(USER_DIR_PROGRAM_NAMES))
USER_ROOT_DIRS  := $(addprefix $(USER_ROOT)/,bin etc tmp var/run dev home)
USER_ROOT_FILES := $(patsubst userland/root/%,$(USER_ROOT)/%,$(shell find userland/root -type f))

userland: $(USER_PROGRAMS) $(USER_ROOT_FILES) | $(USER_ROOT_DIRS)
initrd: $(INITRD)
all: userland initrd

$(USERLAND_BUILD)/lib/%.o: userland/lib/%.c $(SYSROOT_FILES)
	@mkdir -p $(@D)
	$(FREEPORT_CC) $(USER_CFLAGS) -c $< -o $@

$(LIBTOOLS): $(LIBTOOLS_OBJECTS)
	rm -f $@
	ar rcs $@ $^

$(USERLAND_BUILD)/bin/%.o: userland/bin/%.c $(SYSROOT_FILES)
	@mkdir -p $(@D)
	$(FREEPORT_CC) $(USER_CFLAGS) -Iuserland/lib -c $< -o $@

# A directory program's objects go to bin-objects/NAME/ (bin/NAME is the
# program); its link rule is explicit, so make prefers it to the pattern rule below.
$(USERLAND_BUILD)/bin-objects/%.o: userland/bin/%.c $(SYSROOT_FILES)
	@mkdir -p $(@D)
	$(FREEPORT_CC) $(USER_CFLAGS) -Iuserland/lib -c $< -o $@

define user_dir_program
$(USERLAND_BUILD)/bin/$(1): $(patsubst userland/bin/%.c,$(USERLAND_BUILD)/bin-objects/%.o,$(wildcard userland/bin/$(1)/*.c)) $(LIBTOOLS) $(SYSROOT_FILES)
	$(FREEPORT_CC) -o $$@ $$(filter $(USERLAND_BUILD)/bin-objects/%,$$^) $(LIBTOOLS)
endef
$(foreach name,$(USER_DIR_PROGRAM_NAMES),$(eval $(call user_dir_program,$(name))))

# build/userland/bin/NAME keeps the symbols for GDB (add-symbol-file); the root
# tree gets a stripped copy, which keeps the initrd small.
$(USERLAND_BUILD)/bin/%: $(USERLAND_BUILD)/bin/%.o $(LIBTOOLS) $(SYSROOT_FILES)
	$(FREEPORT_CC) -o $@ $< $(LIBTOOLS)

$(USER_ROOT)/bin/%: $(USERLAND_BUILD)/bin/% | $(USER_ROOT_DIRS)
	strip -o $@ $<

$(USER_ROOT)/%: userland/root/% | $(USER_ROOT_DIRS)
	@mkdir -p $(@D)
	cp $< $@

$(USER_ROOT_DIRS):
	mkdir -p $@

# Keep the objects and unstripped programs (make would delete them as intermediates).
.SECONDARY: $(USER_PROGRAM_NAMES:%=$(USERLAND_BUILD)/bin/%) $(USER_PROGRAM_NAMES:%=$(USERLAND_BUILD)/bin/%.o)

$(INITRD): $(USER_PROGRAMS) $(USER_ROOT_FILES) tools/mkinitrd | $(USER_ROOT_DIRS)
	tools/mkinitrd $@ $(USER_ROOT)

-include $(shell find $(USERLAND_BUILD) -name '*.d' 2>/dev/null)
