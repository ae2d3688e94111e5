# fuzz.mk - libFuzzer targets of the pure parsers the kernel feeds with user
# or boot data (tests/robustness.mk builds them with clang, libFuzzer, ASan
# and UBSan; tests/fuzz.bats runs each briefly, `make fuzz` for longer).
# Each tests/fuzz/fuzz_NAME.c has a seed corpus in tests/fuzz/corpus/NAME/
# and lists in fuzz_NAME_SOURCES the kernel files it exercises. Never list
# src/lib/string.c: the host C library provides those functions.

FUZZ_TARGETS += elf
fuzz_elf_SOURCES := src/proc/elf_parse.c

FUZZ_TARGETS += cpio
fuzz_cpio_SOURCES := src/fs/cpio.c

FUZZ_TARGETS += bootinfo
fuzz_bootinfo_SOURCES := src/bootinfo.c

FUZZ_TARGETS += cmdline
fuzz_cmdline_SOURCES := src/cmdline.c

FUZZ_TARGETS += path_name
fuzz_path_name_SOURCES := src/fs/path_name.c

FUZZ_TARGETS += cap_table
fuzz_cap_table_SOURCES := src/ipc/cap_table.c tests/unit/heap_stub.c

FUZZ_TARGETS += ring
fuzz_ring_SOURCES := src/ipc/ring.c
